//! Every route of gedhub, in one table.
//!
//! The table is the single source of truth: the router is built from it, and
//! the authorization test walks it, so a route added here without an entry in
//! that test fails the build.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, delete, get, post, put};

use crate::context;
use crate::error::AppError;
use crate::state::AppState;
use crate::{api, pages, workbooks};

/// Largest accepted request body. Upload routes set their own limits.
pub const BODY_LIMIT_BYTES: usize = 10 * 1024 * 1024;

/// Who may call a route, as documented in the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user; the handler scopes data to the caller.
    SignedIn,
    /// The Secretariat only.
    Secretariat,
    /// Those who start assessments and report workforce data: the
    /// Secretariat and focal points.
    Starters,
    /// People related to the assessment in the path: the Secretariat, the
    /// administration's focal points, invited contributors and facilitators.
    /// Everyone else gets 404.
    Assessment,
    /// The Secretariat and the focal points of the administration in the
    /// path (`{code}`). Everyone else gets 404.
    Administration,
    /// The Secretariat and the focal points of the administration whose
    /// action plan (or plan indicator) is in the path. Everyone else gets 404.
    Plan,
    /// The Secretariat, the workshop participant named in the path, and the
    /// focal points of the administration that nominated them. Everyone else
    /// gets 404.
    Trainee,
    /// The Secretariat and the person the resource belongs to (e.g. an
    /// uploaded e-certificate). Everyone else gets 404.
    Owner,
    /// A learning platform with HTTP Basic credentials issued by the
    /// Secretariat (the xAPI LRS). Sessions and API tokens do not count: 401.
    LrsClient,
    /// The confirmed participants of the workshop in the path take its
    /// knowledge tests; the Secretariat previews them (its answers are
    /// refused). Everyone else gets 404.
    TestTaker,
    /// The Secretariat and the facilitators of the workshop in the path.
    /// Everyone else (a facilitator of another workshop too) gets 404.
    Facilitator,
    /// The Secretariat only; to everyone else the resource does not exist
    /// (404), e.g. a workshop's evaluation, which shows participants' data.
    SecretariatHidden,
    /// The confirmed participants of the workshop in the path (a survey to
    /// answer). Everyone else gets 404.
    Respondent,
    /// The Secretariat, the person in the path and the focal points of that
    /// person's administration (a training record). Everyone else gets 404.
    Person,
    /// The Secretariat and the focal points of the administration the
    /// support request or mission in the path serves, and a mission's
    /// experts. Everyone else gets 404.
    Mission,
    /// The Secretariat and the lead expert of the mission in the path;
    /// others who see the mission get 403, everyone else 404.
    MissionLead,
    /// Experts and participants (their own expert profile); others 403.
    Candidate,
    /// Those who submit practices to the library: the Secretariat, focal
    /// points and experts; participants 403.
    Contributors,
    /// The practice in the path: published, every signed-in user reads it;
    /// otherwise only the Secretariat, its author and the focal points of
    /// its administration. Everyone else gets 404.
    Practice,
    /// Any signed-in user sends an inquiry from the contact form; the
    /// form's spam checks may still refuse it (422, 429).
    Inquirer,
    /// The inquiry in the path: the Secretariat and its requester.
    /// Everyone else gets 404.
    Inquiry,
    /// The practice in the path, for its author and the Secretariat only
    /// (translations): others who see it get 403, everyone else 404.
    PracticeAuthor,
}

/// One route: method, path pattern, access, handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    handler: MethodRouter<AppState>,
}

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        access,
        handler,
    }
}

/// An upload route: its own body limit (plus room for the multipart
/// envelope) instead of the JSON limit.
fn upload(handler: MethodRouter<AppState>, max_file_bytes: usize) -> MethodRouter<AppState> {
    handler.layer(DefaultBodyLimit::max(max_file_bytes + 64 * 1024))
}

/// The route table. One line per route, kept unformatted on purpose.
#[rustfmt::skip]
pub fn table() -> Vec<Route> {
    use Access::*;
    use pages::{account, administrations, agenda, assessments, audit, dashboard, elearning, instruments, inquiries, ktests, missions, notifications, password_reset, pathway, plans, practices, programme, reports, session, setup, surveys, training, users, workforce};
    vec![
        route(Method::GET, "/healthz", Public, get(healthz)),
        route(Method::GET, "/static/{file}", Public, get(static_file)),
        route(Method::GET, "/", Public, get(session::home)),
        route(Method::GET, "/login", Public, get(session::show_login)),
        route(Method::POST, "/login", Public, post(session::sign_in)),
        route(Method::POST, "/logout", Public, post(session::sign_out)),
        route(Method::POST, "/account/language", Public, post(account::choose_language)),
        route(Method::GET, "/account", SignedIn, get(account::show_account)),
        route(Method::POST, "/account/password", SignedIn, post(account::change_password)),
        route(Method::POST, "/account/sex", SignedIn, post(account::save_sex)),
        route(Method::GET, "/dashboard", SignedIn, get(dashboard::show_dashboard)),
        route(Method::GET, "/administrations", SignedIn, get(administrations::list_administrations)),
        route(Method::POST, "/administrations", Secretariat, post(administrations::create_administration)),
        route(Method::GET, "/administrations/new", Secretariat, get(administrations::new_administration)),
        route(Method::GET, "/administrations/{code}", SignedIn, get(administrations::show_administration)),
        route(Method::POST, "/administrations/{code}", Secretariat, post(administrations::update_administration)),
        route(Method::POST, "/administrations/{code}/focal-points", Secretariat, post(administrations::assign_focal_point)),
        route(Method::POST, "/administrations/{code}/focal-points/remove", Secretariat, post(administrations::remove_focal_point)),
        route(Method::GET, "/users", Secretariat, get(users::list_users)),
        route(Method::POST, "/users", Secretariat, post(users::create_user)),
        route(Method::GET, "/users/new", Secretariat, get(users::new_user)),
        route(Method::POST, "/users/{user}/recognition", Secretariat, post(users::record_recognition)),
        route(Method::POST, "/users/{user}/recognition/withdraw", Secretariat, post(users::withdraw_recognition)),
        route(Method::GET, "/audit", Secretariat, get(audit::show_audit)),
        route(Method::GET, "/instruments", SignedIn, get(instruments::list_instruments)),
        route(Method::POST, "/instruments/import", Secretariat, upload(post(instruments::import_instrument), workbooks::MAX_WORKBOOK_BYTES)),
        route(Method::GET, "/instruments/{code}", SignedIn, get(instruments::show_instrument)),
        route(Method::GET, "/instruments/{code}/export.xlsx", SignedIn, get(instruments::export_instrument)),
        route(Method::GET, "/assessments", SignedIn, get(assessments::list_assessments)),
        route(Method::POST, "/assessments", Starters, post(assessments::create_assessment)),
        route(Method::GET, "/assessments/{id}", Assessment, get(assessments::show_assessment)),
        route(Method::GET, "/assessments/{id}/sections/{section}", Assessment, get(assessments::show_section)),
        route(Method::POST, "/assessments/{id}/sections/{section}/answers", Assessment, post(assessments::save_section)),
        route(Method::POST, "/assessments/{id}/answers/{indicator}", Assessment, post(assessments::save_answer)),
        route(Method::POST, "/assessments/{id}/comments/{indicator}", Assessment, post(assessments::add_comment)),
        route(Method::POST, "/assessments/{id}/attachments/{indicator}", Assessment, upload(post(assessments::upload_attachment), gedhub_core::evidence::MAX_ATTACHMENT_BYTES)),
        route(Method::GET, "/assessments/{id}/files/{attachment}", Assessment, get(assessments::download_attachment)),
        route(Method::POST, "/assessments/{id}/contributors", Assessment, post(assessments::set_contributor)),
        route(Method::POST, "/assessments/{id}/contributors/{user}/remove", Assessment, post(assessments::remove_contributor)),
        route(Method::POST, "/assessments/{id}/transitions", Assessment, post(assessments::transition)),
        route(Method::GET, "/assessments/{id}/report", Assessment, get(reports::show_report)),
        route(Method::GET, "/assessments/{id}/report.pdf", Assessment, get(reports::download_pdf)),
        route(Method::GET, "/assessments/{id}/report.xlsx", Assessment, get(reports::download_xlsx)),
        route(Method::GET, "/workforce", Starters, get(workforce::workforce_index)),
        route(Method::GET, "/workforce/{code}", Administration, get(workforce::show_administration)),
        route(Method::POST, "/workforce/{code}", Administration, upload(post(workforce::upload_extract), crate::workforce::MAX_EXTRACT_BYTES)),
        route(Method::GET, "/workforce/{code}/{year}", Administration, get(workforce::show_report)),
        route(Method::GET, "/workforce/{code}/{year}/report.json", Administration, get(workforce::download_json)),
        route(Method::GET, "/workforce/{code}/{year}/report.xlsx", Administration, get(workforce::download_xlsx)),
        route(Method::GET, "/workforce/{code}/{year}/report.pdf", Administration, get(workforce::download_pdf)),
        route(Method::GET, "/api/v1/workforce/{code}", Administration, get(api::workforce::list_years)),
        route(Method::GET, "/api/v1/workforce/{code}/{year}", Administration, get(api::workforce::show_year)),
        route(Method::POST, "/api/v1/workforce/{code}/{year}", Administration, upload(post(api::workforce::upload_extract), crate::workforce::MAX_EXTRACT_BYTES)),
        route(Method::GET, "/plans", Starters, get(plans::list_plans)),
        route(Method::POST, "/plans", Starters, post(plans::create_plan)),
        route(Method::GET, "/plans/new", Starters, get(plans::new_plan)),
        route(Method::GET, "/plans/{plan}", Plan, get(plans::show_plan)),
        route(Method::POST, "/plans/{plan}/details", Plan, post(plans::update_details)),
        route(Method::POST, "/plans/{plan}/status", Plan, post(plans::change_status)),
        route(Method::POST, "/plans/{plan}/objectives", Plan, post(plans::add_objective)),
        route(Method::POST, "/plans/{plan}/actions", Plan, post(plans::add_action)),
        route(Method::POST, "/plans/{plan}/actions/{action}", Plan, post(plans::update_action)),
        route(Method::POST, "/plans/{plan}/indicators", Plan, post(plans::add_indicator)),
        route(Method::GET, "/plans/{plan}/indicators/{plan_indicator}", Plan, get(plans::show_indicator)),
        route(Method::POST, "/plans/{plan}/indicators/{plan_indicator}/measurements", Plan, post(plans::add_measurement)),
        route(Method::POST, "/plans/{plan}/indicators/{plan_indicator}/import", Plan, upload(post(plans::import_measurements), crate::measurement_import::MAX_IMPORT_BYTES)),
        route(Method::GET, "/plans/{plan}/report.pdf", Plan, get(plans::download_pdf)),
        route(Method::GET, "/plans/{plan}/report.xlsx", Plan, get(plans::download_xlsx)),
        route(Method::GET, "/workshops", SignedIn, get(training::list_workshops)),
        route(Method::POST, "/workshops", Secretariat, post(training::create_workshop)),
        route(Method::GET, "/workshops/{workshop}", SignedIn, get(training::show_workshop)),
        route(Method::POST, "/workshops/{workshop}/participants", Secretariat, post(training::add_participant)),
        route(Method::POST, "/workshops/{workshop}/attendance", Facilitator, post(training::record_attendance)),
        route(Method::POST, "/workshops/{workshop}/nominations", Starters, post(training::nominate)),
        route(Method::POST, "/workshops/{workshop}/call", Secretariat, post(training::set_call)),
        route(Method::GET, "/account/password-reset", Public, get(password_reset::show_reset)),
        route(Method::POST, "/account/password-reset", Public, post(password_reset::request_reset)),
        route(Method::GET, "/account/setup/{token}", Public, get(setup::show_setup)),
        route(Method::POST, "/account/setup/{token}", Public, post(setup::complete_setup)),
        route(Method::POST, "/workshops/{workshop}/participants/{participant}/decision", Secretariat, post(training::decide)),
        route(Method::POST, "/workshops/{workshop}/participants/{participant}/completion", Secretariat, post(training::override_completion)),
        route(Method::GET, "/elearning", SignedIn, get(elearning::list_modules)),
        route(Method::POST, "/elearning/modules", Secretariat, post(elearning::create_module)),
        route(Method::GET, "/elearning/modules/{module}", Secretariat, get(elearning::show_module)),
        route(Method::POST, "/elearning/modules/{module}/import", Secretariat, upload(post(elearning::import_report), elearning::MAX_UPLOAD_BYTES)),
        route(Method::POST, "/elearning/modules/{module}/certificates", SignedIn, upload(post(elearning::upload_certificate), gedhub_core::evidence::MAX_ATTACHMENT_BYTES)),
        route(Method::GET, "/elearning/certificates/{certificate}", Owner, get(elearning::download_certificate)),
        route(Method::POST, "/elearning/certificates/{certificate}/decision", Secretariat, post(elearning::decide_certificate)),
        route(Method::GET, "/elearning/lrs", Secretariat, get(elearning::show_lrs)),
        route(Method::POST, "/elearning/lrs", Secretariat, post(elearning::create_credential)),
        route(Method::POST, "/api/v1/lrs-credentials", Secretariat, post(api::elearning::create_credential)),
        route(Method::GET, "/api/v1/elearning-modules", SignedIn, get(api::elearning::list_modules)),
        route(Method::POST, "/api/v1/elearning-modules", Secretariat, post(api::elearning::create_module)),
        route(Method::GET, "/api/v1/elearning-modules/{module}/completions", Secretariat, get(api::elearning::completions)),
        route(Method::POST, "/api/v1/elearning-modules/{module}/completion-reports", Secretariat, post(api::elearning::import_report)),
        route(Method::GET, "/xapi/statements", LrsClient, get(crate::xapi::get_statements)),
        route(Method::POST, "/xapi/statements", LrsClient, post(crate::xapi::post_statements)),
        route(Method::PUT, "/xapi/statements", LrsClient, put(crate::xapi::put_statement)),
        route(Method::GET, "/xapi/about", Public, get(crate::xapi::resources::about)),
        route(Method::GET, "/xapi/agents", LrsClient, get(crate::xapi::resources::agents)),
        route(Method::GET, "/xapi/activities", LrsClient, get(crate::xapi::resources::activities)),
        route(Method::GET, "/xapi/activities/state", LrsClient, get(crate::xapi::documents::get_state)),
        route(Method::PUT, "/xapi/activities/state", LrsClient, put(crate::xapi::documents::put_state)),
        route(Method::POST, "/xapi/activities/state", LrsClient, post(crate::xapi::documents::post_state)),
        route(Method::DELETE, "/xapi/activities/state", LrsClient, delete(crate::xapi::documents::delete_state)),
        route(Method::GET, "/xapi/activities/profile", LrsClient, get(crate::xapi::documents::get_activity_profile)),
        route(Method::PUT, "/xapi/activities/profile", LrsClient, put(crate::xapi::documents::put_activity_profile)),
        route(Method::POST, "/xapi/activities/profile", LrsClient, post(crate::xapi::documents::post_activity_profile)),
        route(Method::DELETE, "/xapi/activities/profile", LrsClient, delete(crate::xapi::documents::delete_activity_profile)),
        route(Method::GET, "/xapi/agents/profile", LrsClient, get(crate::xapi::documents::get_agent_profile)),
        route(Method::PUT, "/xapi/agents/profile", LrsClient, put(crate::xapi::documents::put_agent_profile)),
        route(Method::POST, "/xapi/agents/profile", LrsClient, post(crate::xapi::documents::post_agent_profile)),
        route(Method::DELETE, "/xapi/agents/profile", LrsClient, delete(crate::xapi::documents::delete_agent_profile)),
        // Every method on any other path under /xapi/: the LRS's 401 or 404, not the web app's.
        route(Method::GET, "/xapi/{*path}", LrsClient, any(crate::xapi::resources::unknown_resource)),
        route(Method::GET, "/api/v1/workshops", SignedIn, get(api::training::list_workshops)),
        route(Method::POST, "/api/v1/workshops", Secretariat, post(api::training::create_workshop)),
        route(Method::POST, "/api/v1/workshops/{workshop}/participants", Secretariat, post(api::training::add_participant)),
        route(Method::POST, "/api/v1/workshops/{workshop}/nominations", Starters, post(api::training::nominate)),
        route(Method::PUT, "/api/v1/workshops/{workshop}/attendance", Facilitator, put(api::training::set_attendance)),
        route(Method::GET, "/api/v1/workshops/{workshop}/participants/{email}/completion", Trainee, get(api::training::completion)),
        route(Method::GET, "/questions", Secretariat, get(ktests::show_bank)),
        route(Method::POST, "/questions", Secretariat, post(ktests::create_question)),
        route(Method::POST, "/questions/{question}", Secretariat, post(ktests::update_question)),
        route(Method::POST, "/workshops/{workshop}/tests", Secretariat, post(ktests::attach_test)),
        route(Method::POST, "/workshops/{workshop}/tests/{kind}/state", Secretariat, post(ktests::set_state)),
        route(Method::GET, "/workshops/{workshop}/tests/{kind}", TestTaker, get(ktests::show_test)),
        route(Method::POST, "/workshops/{workshop}/tests/{kind}/start", TestTaker, post(ktests::start_test)),
        route(Method::POST, "/workshops/{workshop}/tests/{kind}/submissions", TestTaker, post(ktests::submit_form)),
        route(Method::POST, "/api/v1/workshops/{workshop}/tests/{kind}/submissions", TestTaker, post(api::ktests::submit)),
        route(Method::GET, "/api/v1/workshops/{workshop}/tests/{kind}/attempts/{email}", Trainee, get(api::ktests::attempt)),
        route(Method::GET, "/api/v1/workshops/{workshop}/knowledge-gain", Secretariat, get(api::ktests::knowledge_gain)),
        // Agenda, facilitators, exercises and facilitators' assessments.
        route(Method::POST, "/workshops/{workshop}/details", Secretariat, post(agenda::update_details)),
        route(Method::POST, "/workshops/{workshop}/facilitators", Secretariat, post(agenda::add_facilitator)),
        route(Method::POST, "/workshops/{workshop}/facilitators/remove", Secretariat, post(agenda::remove_facilitator)),
        route(Method::POST, "/workshops/{workshop}/sessions", Facilitator, post(agenda::add_session)),
        route(Method::POST, "/workshops/{workshop}/sessions/{session}/materials", Facilitator, post(agenda::add_material)),
        route(Method::POST, "/workshops/{workshop}/sessions/{session}/material-files", Facilitator, upload(post(agenda::upload_material), gedhub_core::evidence::MAX_ATTACHMENT_BYTES)),
        route(Method::GET, "/workshops/{workshop}/materials/{material}/file", SignedIn, get(agenda::download_material)),
        route(Method::POST, "/workshops/{workshop}/sessions/{session}/attendance", Facilitator, post(agenda::record_session_attendance)),
        route(Method::POST, "/workshops/{workshop}/exercises", Facilitator, post(agenda::add_exercise)),
        route(Method::POST, "/workshops/{workshop}/exercises/{exercise}/groups", Facilitator, post(agenda::set_group)),
        route(Method::POST, "/workshops/{workshop}/exercises/{exercise}/results", Facilitator, post(agenda::record_result)),
        route(Method::POST, "/workshops/{workshop}/assessments", Facilitator, post(agenda::save_assessment)),
        route(Method::POST, "/workshops/{workshop}/assessments/release", Secretariat, post(agenda::release_assessments)),
        route(Method::GET, "/api/v1/workshops/{workshop}/sessions", SignedIn, get(api::agenda::list_sessions)),
        route(Method::POST, "/api/v1/workshops/{workshop}/sessions", Facilitator, post(api::agenda::create_session)),
        route(Method::POST, "/api/v1/workshops/{workshop}/facilitators", Secretariat, post(api::agenda::add_facilitator)),
        route(Method::POST, "/api/v1/workshops/{workshop}/exercises", Facilitator, post(api::agenda::create_exercise)),
        route(Method::PUT, "/api/v1/workshops/{workshop}/exercises/{exercise}/groups", Facilitator, put(api::agenda::set_group)),
        route(Method::PUT, "/api/v1/workshops/{workshop}/exercises/{exercise}/results", Facilitator, put(api::agenda::record_result)),
        route(Method::GET, "/api/v1/workshops/{workshop}/candidate-scores", Facilitator, get(api::agenda::candidate_scores)),
        route(Method::PUT, "/api/v1/workshops/{workshop}/assessments", Facilitator, put(api::agenda::save_assessment)),
        route(Method::POST, "/api/v1/workshops/{workshop}/assessments/release", Secretariat, post(api::agenda::release_assessments)),
        route(Method::GET, "/api/v1/workshops/{workshop}/participants/{email}/assessments", Trainee, get(api::agenda::participant_assessments)),
        route(Method::GET, "/workshops/{workshop}/evaluation", SecretariatHidden, get(surveys::show_evaluation)),
        route(Method::GET, "/workshops/{workshop}/evaluation.xlsx", SecretariatHidden, get(surveys::download_evaluation)),
        route(Method::POST, "/workshops/{workshop}/surveys", Secretariat, post(surveys::create_survey)),
        route(Method::POST, "/workshops/{workshop}/surveys/{kind}/items", Secretariat, post(surveys::add_item)),
        route(Method::POST, "/workshops/{workshop}/surveys/{kind}/status", Secretariat, post(surveys::set_status)),
        route(Method::POST, "/workshops/{workshop}/surveys/{kind}/send", Secretariat, post(surveys::send_follow_up)),
        route(Method::GET, "/workshops/{workshop}/surveys/{kind}", Respondent, get(surveys::show_survey)),
        route(Method::POST, "/workshops/{workshop}/surveys/{kind}", Respondent, post(surveys::answer_survey)),
        route(Method::GET, "/workshops/{workshop}/participants/{email}/certificate.pdf", Trainee, get(surveys::download_certificate)),
        route(Method::GET, "/api/v1/workshops/{workshop}/evaluation", SecretariatHidden, get(api::surveys::evaluation)),
        route(Method::POST, "/api/v1/workshops/{workshop}/surveys/{kind}/responses", Respondent, post(api::surveys::submit_response)),
        // The participant's training record.
        route(Method::GET, "/training/{user}", Person, get(pages::record::show_record)),
        route(Method::GET, "/api/v1/training-records/{email}", Person, get(api::record::show_record)),
        route(Method::GET, "/candidates", Secretariat, get(pathway::list_candidates)),
        route(Method::GET, "/support-requests", Starters, get(missions::list_requests)),
        route(Method::POST, "/support-requests", Starters, post(missions::create_request)),
        route(Method::GET, "/support-requests/{request}", Mission, get(missions::show_request)),
        route(Method::POST, "/support-requests/{request}/decline", Secretariat, post(missions::decline_request)),
        route(Method::GET, "/missions", SignedIn, get(missions::list_missions)),
        route(Method::POST, "/missions", Secretariat, post(missions::create_mission)),
        route(Method::GET, "/missions/{mission}", Mission, get(missions::show_mission)),
        route(Method::POST, "/missions/{mission}/members", Secretariat, post(missions::add_member)),
        route(Method::POST, "/missions/{mission}/report", MissionLead, post(missions::save_report)),
        route(Method::POST, "/missions/{mission}/evaluations", MissionLead, post(missions::save_evaluation)),
        route(Method::POST, "/missions/{mission}/feedback", Mission, post(missions::save_feedback)),
        route(Method::POST, "/missions/{mission}/documents", Mission, upload(post(missions::upload_document), gedhub_core::evidence::MAX_ATTACHMENT_BYTES)),
        route(Method::GET, "/missions/{mission}/documents/{document}", Mission, get(missions::download_document)),
        route(Method::GET, "/experts", Starters, get(missions::show_roster)),
        route(Method::GET, "/experts.xlsx", Starters, get(missions::export_roster)),
        route(Method::GET, "/account/expert-profile", Candidate, get(missions::show_profile)),
        route(Method::POST, "/account/expert-profile", Candidate, post(missions::save_profile)),
        route(Method::POST, "/account/expert-profile/unavailability", Candidate, post(missions::add_period)),
        route(Method::POST, "/account/expert-profile/unavailability/{period}/delete", Candidate, post(missions::remove_period)),
        route(Method::GET, "/api/v1/experts", Starters, get(api::missions::list_experts)),
        route(Method::GET, "/api/v1/support-requests", Starters, get(api::missions::list_requests)),
        route(Method::POST, "/api/v1/support-requests", Starters, post(api::missions::create_request)),
        route(Method::POST, "/api/v1/missions", Secretariat, post(api::missions::create_mission)),
        route(Method::GET, "/api/v1/missions/{mission}/suggestions", Secretariat, get(api::missions::list_suggestions)),
        route(Method::POST, "/api/v1/missions/{mission}/members", Secretariat, post(api::missions::add_member)),
        route(Method::POST, "/api/v1/missions/{mission}/evaluations", MissionLead, post(api::missions::create_evaluation)),
        route(Method::GET, "/candidates/{user}", Person, get(pathway::show_candidate)),
        route(Method::POST, "/candidates/{user}/transitions", Secretariat, post(pathway::create_transition)),
        route(Method::GET, "/workshops/{workshop}/selection", SecretariatHidden, get(pathway::show_selection)),
        route(Method::POST, "/workshops/{workshop}/selection/invite", SecretariatHidden, post(pathway::invite)),
        route(Method::GET, "/pathway/settings", Secretariat, get(pathway::show_settings)),
        route(Method::POST, "/pathway/settings", Secretariat, post(pathway::save_settings)),
        route(Method::GET, "/api/v1/candidates/{email}/pathway", Person, get(api::pathway::show_pathway)),
        route(Method::POST, "/api/v1/candidates/{email}/transitions", Secretariat, post(api::pathway::create_transition)),
        route(Method::GET, "/api/v1/workshops/{workshop}/selection", SecretariatHidden, get(api::pathway::show_selection)),
        // Verifiable credentials (Open Badges 3.0): public documents for verifiers, the verification page.
        route(Method::GET, "/.well-known/did.json", Public, get(pages::credentials::did_document)),
        route(Method::GET, "/issuer", Public, get(pages::credentials::issuer_profile)),
        route(Method::GET, "/status-lists/{list}", Public, get(pages::credentials::legacy_status_list)),
        route(Method::GET, "/status-lists/{key}/{list}", Public, get(pages::credentials::status_list)),
        route(Method::GET, "/achievements/{slug}", Public, get(pages::achievements::show)),
        route(Method::GET, "/achievements/{slug}/image.svg", Public, get(pages::achievements::image)),
        route(Method::GET, "/credentials/check", Public, get(pages::credential_check::show_check)),
        route(Method::POST, "/credentials/check", Public, upload(post(pages::credential_check::submit_check), pages::credential_check::MAX_PRESENTED_BYTES)),
        route(Method::GET, "/credentials/{id}", Public, get(pages::credentials::show_credential)),
        route(Method::GET, "/credentials/{id}/verify", Public, get(pages::credentials::verify_page)),
        route(Method::GET, "/credentials/{id}/certificate.pdf", Public, get(pages::credentials::certificate_pdf)),
        route(Method::POST, "/workshops/{workshop}/credentials", Secretariat, post(pages::credentials::issue_for_workshop)),
        route(Method::POST, "/training/{user}/credentials", Person, post(pages::credentials::issue_own)),
        route(Method::GET, "/api/v1/candidates/{email}/credentials", Person, get(api::credentials::list_credentials)),
        route(Method::GET, "/notifications", SignedIn, get(notifications::show_notifications)),
        route(Method::POST, "/notifications/read", SignedIn, post(notifications::mark_read)),
        route(Method::GET, "/api/v1/action-plans", SignedIn, get(api::plans::list_plans)),
        route(Method::POST, "/api/v1/action-plans", Starters, post(api::plans::create_plan)),
        route(Method::GET, "/api/v1/action-plans/{plan}", Plan, get(api::plans::show_plan)),
        route(Method::POST, "/api/v1/action-plans/{plan}/status", Plan, post(api::plans::set_status)),
        route(Method::POST, "/api/v1/action-plans/{plan}/objectives", Plan, post(api::plans::add_objective)),
        route(Method::POST, "/api/v1/action-plans/{plan}/actions", Plan, post(api::plans::add_action)),
        route(Method::PUT, "/api/v1/action-plans/{plan}/actions/{action}", Plan, put(api::plans::update_action)),
        route(Method::POST, "/api/v1/action-plans/{plan}/indicators", Plan, post(api::plans::add_indicator)),
        route(Method::GET, "/api/v1/action-plans/{plan}/progress", Plan, get(api::plans::progress)),
        route(Method::GET, "/api/v1/indicators/{plan_indicator}/measurements", Plan, get(api::plans::list_measurements)),
        route(Method::POST, "/api/v1/indicators/{plan_indicator}/measurements", Plan, post(api::plans::add_measurement)),
        // The shared practice library.
        route(Method::GET, "/practices", SignedIn, get(practices::list_practices)),
        route(Method::POST, "/practices", Contributors, post(practices::create_practice)),
        route(Method::GET, "/practices/new", Contributors, get(practices::new_practice)),
        route(Method::GET, "/practices/{practice}", Practice, get(practices::show_practice)),
        route(Method::POST, "/practices/{practice}", Practice, post(practices::update_practice)),
        route(Method::POST, "/practices/{practice}/review", Practice, post(practices::review_practice)),
        route(Method::GET, "/practices/{practice}/translate", PracticeAuthor, get(practices::translate_form)),
        route(Method::POST, "/practices/{practice}/attachments", Practice, upload(post(practices::upload_attachment), gedhub_core::evidence::MAX_ATTACHMENT_BYTES)),
        route(Method::GET, "/practices/{practice}/attachments/{practice_file}", Practice, get(practices::download_attachment)),
        route(Method::POST, "/practices/{practice}/attachments/{practice_file}/delete", Practice, post(practices::delete_attachment)),
        route(Method::POST, "/practices/{practice}/translate", PracticeAuthor, post(practices::save_translation)),
        route(Method::GET, "/api/v1/practices", SignedIn, get(api::practices::search)),
        route(Method::POST, "/api/v1/practices", Contributors, post(api::practices::create)),
        route(Method::POST, "/api/v1/practices/{practice}/submit", Practice, post(api::practices::submit)),
        route(Method::POST, "/api/v1/practices/{practice}/publish", Secretariat, post(api::practices::publish)),
        route(Method::POST, "/api/v1/practices/{practice}/request-changes", Secretariat, post(api::practices::request_changes)),
        route(Method::POST, "/api/v1/practices/{practice}/archive", Secretariat, post(api::practices::archive)),
        // Contact and inquiries.
        route(Method::GET, "/contact", Public, get(inquiries::show_contact)),
        route(Method::GET, "/contact/settings", Secretariat, get(inquiries::show_settings)),
        route(Method::POST, "/contact/settings", Secretariat, post(inquiries::save_settings)),
        route(Method::GET, "/inquiries", Secretariat, get(inquiries::show_inbox)),
        route(Method::POST, "/inquiries", Inquirer, post(inquiries::create_inquiry)),
        route(Method::GET, "/inquiries/mine", SignedIn, get(inquiries::show_mine)),
        route(Method::GET, "/inquiries/{inquiry}", Inquiry, get(inquiries::show_inquiry)),
        route(Method::POST, "/inquiries/{inquiry}/replies", Inquiry, post(inquiries::reply_to_inquiry)),
        route(Method::POST, "/inquiries/{inquiry}/status", Secretariat, post(inquiries::set_status)),
        route(Method::GET, "/api/v1/inquiries", SignedIn, get(api::inquiries::list)),
        route(Method::POST, "/api/v1/inquiries", SignedIn, post(api::inquiries::create)),
        route(Method::GET, "/api/v1/inquiries/{inquiry}", Inquiry, get(api::inquiries::show)),
        route(Method::POST, "/api/v1/inquiries/{inquiry}/replies", Inquiry, post(api::inquiries::reply)),
        route(Method::POST, "/api/v1/inquiries/{inquiry}/status", Secretariat, post(api::inquiries::set_status)),
        // The Secretariat's programme overview; a focal point's position against aggregates.
        route(Method::GET, "/programme", Secretariat, get(programme::show_programme)),
        route(Method::GET, "/programme/members/{member}", Secretariat, get(programme::show_member)),
        route(Method::GET, "/programme/report.pdf", Secretariat, get(programme::download_report_pdf)),
        route(Method::GET, "/programme/report.xlsx", Secretariat, get(programme::download_report_xlsx)),
        route(Method::GET, "/programme/position", Starters, get(programme::show_position)),
        route(Method::GET, "/api/v1/programme/summary", Starters, get(api::programme::show_summary)),
        route(Method::GET, "/api/v1/practices/{practice}", Practice, get(api::practices::show)),
        route(Method::PUT, "/api/v1/practices/{practice}/texts/{lang}", PracticeAuthor, put(api::practices::put_text)),
        route(Method::GET, "/api/v1/openapi.json", Public, get(api::openapi_document)),
        route(Method::GET, "/api/v1/me", SignedIn, get(api::me)),
        route(Method::GET, "/api/v1/administrations", SignedIn, get(api::list_administrations)),
        route(Method::POST, "/api/v1/administrations", Secretariat, post(api::create_administration)),
        route(Method::GET, "/api/v1/administrations/{code}", SignedIn, get(api::show_administration)),
        route(Method::PUT, "/api/v1/administrations/{code}", Secretariat, put(api::update_administration)),
        route(Method::GET, "/api/v1/users", Secretariat, get(api::list_users)),
        route(Method::POST, "/api/v1/users", Secretariat, post(api::create_user)),
        route(Method::GET, "/api/v1/audit", Secretariat, get(api::list_audit)),
        route(Method::GET, "/api/v1/instruments", SignedIn, get(api::assessments::list_instruments)),
        route(Method::GET, "/api/v1/instruments/{code}", SignedIn, get(api::assessments::show_instrument)),
        route(Method::GET, "/api/v1/assessments", SignedIn, get(api::assessments::list_assessments)),
        route(Method::POST, "/api/v1/assessments", Starters, post(api::assessments::create_assessment)),
        route(Method::GET, "/api/v1/assessments/{id}", Assessment, get(api::assessments::show_assessment)),
        route(Method::PUT, "/api/v1/assessments/{id}/answers/{indicator}", Assessment, put(api::assessments::put_answer)),
        route(Method::GET, "/api/v1/assessments/{id}/scores", Assessment, get(api::assessments::scores)),
        route(Method::POST, "/api/v1/assessments/{id}/transitions", Assessment, post(api::assessments::transition)),
        route(Method::GET, "/api/v1/assessments/{id}/report.pdf", Assessment, get(reports::download_pdf)),
        route(Method::GET, "/api/v1/assessments/{id}/report.xlsx", Assessment, get(reports::download_xlsx)),
    ]
}

/// The whole application: routes plus middleware, outermost last.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for route in table() {
        router = router.route(route.path, route.handler);
    }
    let routed = router
        .fallback(|| async { AppError::NotFound })
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(middleware::from_fn(context::refuse_cross_origin))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            context::resolve_context,
        ))
        .with_state(state);
    // A refused page form comes back as its page, filled in; that page is
    // rendered again through `routed`, as the same user.
    let app = routed
        .clone()
        .layer(middleware::from_fn_with_state(
            routed,
            crate::refused_forms::keep_refused_input,
        ))
        .layer(middleware::from_fn(context::render_errors))
        .layer(middleware::from_fn(context::security_headers))
        .layer(middleware::from_fn(context::trace_requests));
    // Around the routed application, because 1.0.3's Alternate Request
    // Syntax changes a request's method before routing; it also puts the
    // xAPI version header on every answer under /xapi/.
    Router::new()
        .fallback_service(app)
        .layer(middleware::from_fn(crate::xapi::envelope::envelope))
}

/// `GET /healthz`: 200 when the database answers.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The vendored front-end files, compiled into the binary (no CDN).
const STATIC_FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/htmx.min.js"),
    ),
    (
        "upload-progress.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/upload-progress.js"),
    ),
    (
        "ktest-timer.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/ktest-timer.js"),
    ),
    (
        "geoat-answers.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/geoat-answers.js"),
    ),
    (
        "menu.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/menu.js"),
    ),
    (
        "logo.svg",
        "image/svg+xml",
        include_bytes!("../static/logo.svg"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
];

async fn static_file(crate::extract::AppPath(file): crate::extract::AppPath<String>) -> Response {
    match STATIC_FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}
