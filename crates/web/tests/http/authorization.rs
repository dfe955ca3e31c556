//! Walks every route of the route table with every role, on the caller's own
//! administration and on another one. A route added to the table without a
//! probe here fails `every_route_is_covered_by_the_authorization_walk`.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;
use gedhub_web::routes::{Access, table};

use crate::support::{TestApp, TestResponse};

/// How to call a route: a body that is valid for the Secretariat.
pub struct Probe {
    pub method: Method,
    pub path: &'static str,
    pub body: Body,
}

pub enum Body {
    None,
    Form(&'static str),
    Json(&'static str),
    /// A multipart upload: field name and file name; the content is a small PDF.
    Multipart(&'static str, &'static str),
}

pub fn probes() -> Vec<Probe> {
    use Body::*;
    let p = |method: Method, path: &'static str, body: Body| Probe { method, path, body };
    vec![
        p(Method::GET, "/healthz", None),
        p(Method::GET, "/static/{file}", None),
        p(Method::GET, "/", None),
        p(Method::GET, "/login", None),
        p(
            Method::POST,
            "/login",
            Form("email=secretariat@wco.test&password=correct+horse+battery"),
        ),
        p(Method::POST, "/logout", None),
        p(
            Method::POST,
            "/account/language",
            Form("locale=fr&return_to=/dashboard"),
        ),
        p(Method::GET, "/account", None),
        p(
            Method::POST,
            "/account/password",
            Form(
                "current_password=correct+horse+battery&new_password=correct+horse+battery&confirm_password=correct+horse+battery",
            ),
        ),
        p(Method::POST, "/account/sex", Form("sex=undisclosed")),
        p(Method::GET, "/dashboard", None),
        p(Method::GET, "/administrations", None),
        p(
            Method::POST,
            "/administrations",
            Form("code=XT&name_en=Territory&name_fr=Territoire&region=AP"),
        ),
        p(Method::GET, "/administrations/new", None),
        p(Method::GET, "/administrations/{code}", None),
        p(
            Method::POST,
            "/administrations/{code}",
            Form("name_en=Renamed&name_fr=Renomm%C3%A9&region=WCA"),
        ),
        p(
            Method::POST,
            "/administrations/{code}/focal-points",
            Form("email=spare@wco.test"),
        ),
        p(
            Method::POST,
            "/administrations/{code}/focal-points/remove",
            Form("email=focal.own@wco.test"),
        ),
        p(Method::GET, "/users", None),
        p(
            Method::POST,
            "/users",
            Form(
                "email=created@wco.test&name=Created&role=expert&administration=&password=long+enough+password",
            ),
        ),
        p(Method::GET, "/users/new", None),
        p(
            Method::POST,
            "/users/{user}/recognition",
            Form("recognized_on=2024-05-20"),
        ),
        p(Method::POST, "/users/{user}/recognition/withdraw", None),
        p(Method::GET, "/audit", None),
        p(Method::GET, "/instruments", None),
        p(
            Method::POST,
            "/instruments/import",
            Multipart("workbook", "not-a-workbook.xlsx"),
        ),
        p(Method::GET, "/instruments/{code}", None),
        p(Method::GET, "/instruments/{code}/export.xlsx", None),
        p(Method::GET, "/assessments", None),
        p(
            Method::POST,
            "/assessments",
            Form("instrument=gedhub-geoat-2023&title=Walk&administration=BJ"),
        ),
        p(Method::GET, "/assessments/{id}", None),
        p(Method::GET, "/assessments/{id}/sections/{section}", None),
        p(
            Method::POST,
            "/assessments/{id}/sections/{section}/answers",
            Form("rating%3AX.1.1=3&version%3AX.1.1=0"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/answers/{indicator}",
            Form("rating=3&justification=walk&version=0"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/comments/{indicator}",
            Form("body=A+comment"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/attachments/{indicator}",
            Multipart("file", "evidence.pdf"),
        ),
        p(Method::GET, "/assessments/{id}/files/{attachment}", None),
        p(
            Method::POST,
            "/assessments/{id}/contributors",
            Form("email=spare%40wco.test&sections=X"),
        ),
        p(
            Method::POST,
            "/assessments/{id}/contributors/{user}/remove",
            None,
        ),
        p(
            Method::POST,
            "/assessments/{id}/transitions",
            Form("transition=submit"),
        ),
        p(Method::GET, "/assessments/{id}/report", None),
        p(Method::GET, "/assessments/{id}/report.pdf", None),
        p(Method::GET, "/assessments/{id}/report.xlsx", None),
        p(Method::GET, "/workforce", None),
        p(Method::GET, "/workforce/{code}", None),
        p(
            Method::POST,
            "/workforce/{code}",
            Multipart("file", "extract.csv"),
        ),
        p(Method::GET, "/workforce/{code}/{year}", None),
        p(Method::GET, "/workforce/{code}/{year}/report.json", None),
        p(Method::GET, "/workforce/{code}/{year}/report.xlsx", None),
        p(Method::GET, "/workforce/{code}/{year}/report.pdf", None),
        p(Method::GET, "/api/v1/workforce/{code}", None),
        p(Method::GET, "/api/v1/workforce/{code}/{year}", None),
        p(
            Method::POST,
            "/api/v1/workforce/{code}/{year}",
            Json(
                "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n",
            ),
        ),
        p(Method::GET, "/plans", None),
        p(
            Method::POST,
            "/plans",
            Form("title=Walk+plan&administration=BJ"),
        ),
        p(Method::GET, "/plans/new", None),
        p(Method::GET, "/plans/{plan}", None),
        p(
            Method::POST,
            "/plans/{plan}/details",
            Form("title=Walk+plan+renamed&period_start=2025-01-01&period_end=2026-12-31&owner=HR"),
        ),
        p(Method::POST, "/plans/{plan}/status", Form("status=adopted")),
        p(
            Method::POST,
            "/plans/{plan}/objectives",
            Form("title=Walk+objective&indicator_codes=X.1.1"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/actions",
            Form("objective_id=1&title=Walk+action&due_date=2025-01-31&status=not_started"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/actions/{action}",
            Form("status=in_progress&progress_notes=walk"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators",
            Form(
                "name_en=Walk&unit=percent&baseline_value=10&baseline_date=2024-01-01&target_value=20&target_date=2026-01-01&source=manual",
            ),
        ),
        p(
            Method::GET,
            "/plans/{plan}/indicators/{plan_indicator}",
            None,
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators/{plan_indicator}/measurements",
            Form("date=2024-06-30&value=12"),
        ),
        p(
            Method::POST,
            "/plans/{plan}/indicators/{plan_indicator}/import",
            Multipart("file", "values.csv"),
        ),
        p(Method::GET, "/plans/{plan}/report.pdf", None),
        p(Method::GET, "/plans/{plan}/report.xlsx", None),
        p(Method::GET, "/workshops", None),
        p(
            Method::POST,
            "/workshops",
            Form(
                "title=Walk+workshop&kind=national&mode=virtual&language=fr&start_date=2024-04-08&end_date=2024-04-12&capacity=10",
            ),
        ),
        p(Method::GET, "/workshops/{workshop}", None),
        p(
            Method::POST,
            "/workshops/{workshop}/participants",
            Form("email=spare%40wco.test"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/attendance",
            Form("day=2024-04-08&present=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/nominations",
            Form("email=trainee.bj%40wco.test&motivation=Walk&languages=fr"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/participants/{participant}/decision",
            Form("decision=confirm"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/participants/{participant}/completion",
            Form("completion=completed&reason=Walk"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/call",
            Form("call=open&close_on=2099-12-31"),
        ),
        p(Method::GET, "/account/password-reset", None),
        p(
            Method::POST,
            "/account/password-reset",
            Form("email=nobody%40walk.example"),
        ),
        p(Method::GET, "/account/setup/{token}", None),
        p(
            Method::POST,
            "/account/setup/{token}",
            Form("new_password=correct+horse+battery&confirm_password=correct+horse+battery"),
        ),
        p(Method::GET, "/elearning", None),
        p(
            Method::POST,
            "/elearning/modules",
            Form(
                "code=WALK-2&title_en=Walk&title_fr=Marche&lms_course_id=W2&activity_iri=https%3A%2F%2Fwalk.example%2F2",
            ),
        ),
        p(Method::GET, "/elearning/modules/{module}", None),
        p(
            Method::POST,
            "/elearning/modules/{module}/import",
            Multipart("file", "report.csv"),
        ),
        p(
            Method::POST,
            "/elearning/modules/{module}/certificates",
            Multipart("file", "certificate.pdf"),
        ),
        p(Method::GET, "/elearning/certificates/{certificate}", None),
        p(
            Method::POST,
            "/elearning/certificates/{certificate}/decision",
            Form("decision=confirm"),
        ),
        p(Method::GET, "/elearning/lrs", None),
        p(Method::POST, "/elearning/lrs", Form("name=Walk+LMS")),
        p(
            Method::POST,
            "/api/v1/lrs-credentials",
            Json(r#"{"name":"Walk LMS"}"#),
        ),
        p(Method::GET, "/api/v1/elearning-modules", None),
        p(
            Method::POST,
            "/api/v1/elearning-modules",
            Json(
                r#"{"code":"WALK-3","title_en":"Walk","title_fr":"Marche","lms_course_id":"W3","activity_iri":"https://walk.example/3"}"#,
            ),
        ),
        p(
            Method::GET,
            "/api/v1/elearning-modules/{module}/completions",
            None,
        ),
        p(
            Method::POST,
            "/api/v1/elearning-modules/{module}/completion-reports",
            Json("Email address,Time completed\ntrainee.bj@wco.test,2024-04-15\n"),
        ),
        p(Method::GET, "/xapi/statements", None),
        p(
            Method::POST,
            "/xapi/statements",
            Json(
                r#"{"actor":{"mbox":"mailto:trainee.bj@wco.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://walk.example/1"}}"#,
            ),
        ),
        p(
            Method::PUT,
            "/xapi/statements",
            Json(
                r#"{"actor":{"mbox":"mailto:trainee.bj@wco.test"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://walk.example/1"}}"#,
            ),
        ),
        p(Method::GET, "/xapi/about", None),
        p(Method::GET, "/xapi/agents", None),
        p(Method::GET, "/xapi/activities", None),
        p(Method::GET, "/xapi/activities/state", None),
        p(Method::PUT, "/xapi/activities/state", Json(r#"{"page":3}"#)),
        p(
            Method::POST,
            "/xapi/activities/state",
            Json(r#"{"page":3}"#),
        ),
        p(Method::DELETE, "/xapi/activities/state", None),
        p(Method::GET, "/xapi/activities/profile", None),
        p(
            Method::PUT,
            "/xapi/activities/profile",
            Json(r#"{"page":3}"#),
        ),
        p(
            Method::POST,
            "/xapi/activities/profile",
            Json(r#"{"page":3}"#),
        ),
        p(Method::DELETE, "/xapi/activities/profile", None),
        p(Method::GET, "/xapi/agents/profile", None),
        p(Method::PUT, "/xapi/agents/profile", Json(r#"{"page":3}"#)),
        p(Method::POST, "/xapi/agents/profile", Json(r#"{"page":3}"#)),
        p(Method::DELETE, "/xapi/agents/profile", None),
        p(Method::GET, "/xapi/{*path}", None),
        p(Method::GET, "/api/v1/workshops", None),
        p(
            Method::POST,
            "/api/v1/workshops",
            Json(
                r#"{"title":"Walk API workshop","kind":"train_the_trainer","mode":"in_person","language":"en","start_date":"2023-03-13","end_date":"2023-03-17","capacity":20}"#,
            ),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/participants",
            Json(r#"{"email":"spare@wco.test"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/nominations",
            Json(r#"{"email":"trainee.bj@wco.test","motivation":"Walk","languages":["fr"]}"#),
        ),
        p(
            Method::PUT,
            "/api/v1/workshops/{workshop}/attendance",
            Json(r#"{"email":"trainee.bj@wco.test","date":"2024-04-08","present":true}"#),
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/participants/{email}/completion",
            None,
        ),
        // Agenda, facilitators, exercises and facilitators' assessments.
        // The walk workshop has session 1 (8 April) and exercise 1 (group,
        // scored out of 20, group "Team A" = trainee.bj); the Secretariat
        // adds and removes itself as facilitator.
        p(
            Method::POST,
            "/workshops/{workshop}/details",
            Form("title=Walk+workshop&capacity=10&min_attendance_pct=80&min_post_test_pct=70"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/facilitators",
            Form("email=secretariat%40wco.test"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/facilitators/remove",
            Form("email=secretariat%40wco.test"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/sessions",
            Form("date=2024-04-09&start_time=09:00&end_time=10:00&title_en=Walk+session"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/sessions/{session}/materials",
            Form("title=Walk&link=https%3A%2F%2Fexample.org%2Fwalk.pdf"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/sessions/{session}/material-files",
            Multipart("file", "evidence.pdf"),
        ),
        p(
            Method::GET,
            "/workshops/{workshop}/materials/{material}/file",
            None,
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/sessions/{session}/attendance",
            Form("sheet=1&present=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/exercises",
            Form("title=Walk+exercise&kind=individual&max_score=10"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/exercises/{exercise}/groups",
            Form("group=Team+A&member=trainee.bj%40wco.test"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/exercises/{exercise}/results",
            Form("group=Team+A&score=15"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/assessments",
            Form(
                "email=trainee.bj%40wco.test&ged_tools=4&technical_expertise=4&support_members=3&facilitate_senior_officials=5",
            ),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/assessments/release",
            Form("release=yes"),
        ),
        p(Method::GET, "/api/v1/workshops/{workshop}/sessions", None),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/sessions",
            Json(
                r#"{"date":"2024-04-10","start_time":"09:00","end_time":"10:30","title_en":"Walk API session"}"#,
            ),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/facilitators",
            Json(r#"{"email":"nobody@wco.test"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/exercises",
            Json(r#"{"title":"Walk API exercise","kind":"individual","levels":["Low","High"]}"#),
        ),
        p(
            Method::PUT,
            "/api/v1/workshops/{workshop}/exercises/{exercise}/groups",
            Json(r#"{"group":"Team A","emails":["trainee.bj@wco.test"]}"#),
        ),
        p(
            Method::PUT,
            "/api/v1/workshops/{workshop}/exercises/{exercise}/results",
            Json(r#"{"group":"Team A","score":12}"#),
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/candidate-scores",
            None,
        ),
        p(
            Method::PUT,
            "/api/v1/workshops/{workshop}/assessments",
            Json(
                r#"{"email":"trainee.bj@wco.test","ged_tools":{"score":4},"technical_expertise":{"score":4},"support_members":{"score":3},"facilitate_senior_officials":{"score":5}}"#,
            ),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/assessments/release",
            Json(r#"{"release":true}"#),
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/participants/{email}/assessments",
            None,
        ),
        p(Method::GET, "/training/{user}", None),
        p(Method::GET, "/api/v1/training-records/{email}", None),
        p(Method::GET, "/support-requests", None),
        p(
            Method::POST,
            "/support-requests",
            Form("kind=geoat_diagnostic&language=fr&mode=virtual&context=walk"),
        ),
        p(Method::GET, "/support-requests/{request}", None),
        p(
            Method::POST,
            "/support-requests/{request}/decline",
            Form("answer=walk"),
        ),
        p(Method::GET, "/missions", None),
        p(
            Method::POST,
            "/missions",
            Form(
                "administration=BJ&kind=other&language=en&mode=virtual&start_date=2025-01-06&end_date=2025-01-07",
            ),
        ),
        p(Method::GET, "/missions/{mission}", None),
        p(
            Method::POST,
            "/missions/{mission}/members",
            Form("user=1&role=lead"),
        ),
        p(
            Method::POST,
            "/missions/{mission}/report",
            Form("report=walk"),
        ),
        p(
            Method::POST,
            "/missions/{mission}/evaluations",
            Form("user=1&positive=yes"),
        ),
        p(
            Method::POST,
            "/missions/{mission}/feedback",
            Form("rating=5&comment=walk"),
        ),
        p(
            Method::POST,
            "/missions/{mission}/documents",
            Multipart("file", "terms.pdf"),
        ),
        p(
            Method::GET,
            "/missions/{mission}/documents/{document}",
            None,
        ),
        p(Method::GET, "/experts", None),
        p(Method::GET, "/experts.xlsx", None),
        p(Method::GET, "/account/expert-profile", None),
        p(
            Method::POST,
            "/account/expert-profile",
            Form("bio=walk&languages=en&areas=P1&max_missions_per_year=4"),
        ),
        p(
            Method::POST,
            "/account/expert-profile/unavailability",
            Form("from_date=2025-01-01&to_date=2025-01-02"),
        ),
        p(
            Method::POST,
            "/account/expert-profile/unavailability/{period}/delete",
            None,
        ),
        p(Method::GET, "/api/v1/experts", None),
        p(Method::GET, "/api/v1/support-requests", None),
        p(
            Method::POST,
            "/api/v1/support-requests",
            Json(r#"{"kind":"other","language":"en","mode":"virtual","context":"walk"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/missions",
            Json(
                r#"{"administration":"BJ","kind":"other","language":"en","mode":"virtual","start_date":"2025-01-06","end_date":"2025-01-07"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/missions/{mission}/suggestions", None),
        p(
            Method::POST,
            "/api/v1/missions/{mission}/members",
            Json(r#"{"email":"expert@wco.test","role":"lead"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/missions/{mission}/evaluations",
            Json(r#"{"email":"expert@wco.test","scores":[4,4,4,4],"positive":true}"#),
        ),
        p(Method::GET, "/candidates", None),
        p(Method::GET, "/candidates/{user}", None),
        p(
            Method::POST,
            "/candidates/{user}/transitions",
            Form("to=withdrawn&reason=walk"),
        ),
        p(Method::GET, "/workshops/{workshop}/selection", None),
        p(
            Method::POST,
            "/workshops/{workshop}/selection/invite",
            Form("user=1"),
        ),
        p(Method::GET, "/pathway/settings", None),
        p(
            Method::POST,
            "/pathway/settings",
            Form(
                "trained_post_test_pct=70&weight_post_test=30&weight_knowledge_gain=10&weight_attendance=15&weight_exercises=15&weight_rubric=30",
            ),
        ),
        p(Method::GET, "/api/v1/candidates/{email}/pathway", None),
        p(
            Method::POST,
            "/api/v1/candidates/{email}/transitions",
            Json(r#"{"to":"preselected"}"#),
        ),
        p(Method::GET, "/api/v1/workshops/{workshop}/selection", None),
        p(Method::GET, "/.well-known/did.json", None),
        p(Method::GET, "/issuer", None),
        p(Method::GET, "/status-lists/{list}", None),
        p(Method::GET, "/status-lists/{key}/{list}", None),
        p(Method::GET, "/achievements/{slug}", None),
        p(Method::GET, "/achievements/{slug}/image.svg", None),
        p(Method::GET, "/credentials/check", None),
        p(
            Method::POST,
            "/credentials/check",
            Multipart("file", "presented.pdf"),
        ),
        p(Method::GET, "/credentials/{id}", None),
        p(Method::GET, "/credentials/{id}/verify", None),
        p(Method::GET, "/credentials/{id}/certificate.pdf", None),
        p(
            Method::POST,
            "/workshops/{workshop}/credentials",
            Form("participants=completed"),
        ),
        p(
            Method::POST,
            "/training/{user}/credentials",
            Form("workshop=1"),
        ),
        p(Method::GET, "/api/v1/candidates/{email}/credentials", None),
        p(Method::GET, "/notifications", None),
        p(Method::POST, "/notifications/read", Form("up_to=1000")),
        p(Method::GET, "/api/v1/action-plans", None),
        p(Method::GET, "/workshops/{workshop}/evaluation", None),
        p(Method::GET, "/workshops/{workshop}/evaluation.xlsx", None),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys",
            Form("kind=follow_up&anonymous=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/items",
            Form("item_kind=likert&text_en=Walk&text_fr=Marche"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/status",
            Form("open=1"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}/send",
            None,
        ),
        p(Method::GET, "/workshops/{workshop}/surveys/{kind}", None),
        p(
            Method::POST,
            "/workshops/{workshop}/surveys/{kind}",
            Form("item-1=4"),
        ),
        p(
            Method::GET,
            "/workshops/{workshop}/participants/{email}/certificate.pdf",
            None,
        ),
        p(Method::GET, "/api/v1/workshops/{workshop}/evaluation", None),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/surveys/{kind}/responses",
            Json(r#"{"answers":[{"item":1,"value":4}]}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans",
            Json(r#"{"title":"Walk API plan","administration":"BJ"}"#),
        ),
        p(Method::GET, "/api/v1/action-plans/{plan}", None),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/status",
            Json(r#"{"status":"adopted"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/objectives",
            Json(r#"{"title":"Walk","indicator_codes":["X.1.1"]}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/actions",
            Json(
                r#"{"objective_id":1,"title":"Walk","due_date":"2025-01-31","status":"not_started"}"#,
            ),
        ),
        p(
            Method::PUT,
            "/api/v1/action-plans/{plan}/actions/{action}",
            Json(r#"{"status":"done"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/action-plans/{plan}/indicators",
            Json(
                r#"{"name":"Walk","unit":"%","baseline_value":10,"baseline_date":"2024-01-01","target_value":20,"target_date":"2026-01-01","source":"manual"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/action-plans/{plan}/progress", None),
        p(
            Method::GET,
            "/api/v1/indicators/{plan_indicator}/measurements",
            None,
        ),
        p(
            Method::POST,
            "/api/v1/indicators/{plan_indicator}/measurements",
            Json(r#"{"date":"2024-06-30","value":12}"#),
        ),
        p(Method::GET, "/practices", None),
        p(
            Method::POST,
            "/practices",
            Form(
                "administration=BJ&year=2024&areas=P1&title=Walk&summary=S&what_was_done=D&results=R&contact=c&language=en&draft=1",
            ),
        ),
        p(Method::GET, "/practices/new", None),
        p(Method::GET, "/practices/{practice}", None),
        p(
            Method::POST,
            "/practices/{practice}",
            Form(
                "year=2024&areas=P1&title=Walk&summary=S&what_was_done=D&results=R&contact=c&language=en",
            ),
        ),
        p(
            Method::POST,
            "/practices/{practice}/review",
            Form("action=submit"),
        ),
        p(Method::GET, "/programme", None),
        p(Method::GET, "/programme/members/{member}", None),
        p(Method::GET, "/programme/report.pdf", None),
        p(Method::GET, "/programme/report.xlsx", None),
        p(Method::GET, "/programme/position", None),
        p(Method::GET, "/api/v1/programme/summary", None),
        p(Method::GET, "/api/v1/practices", None),
        p(
            Method::POST,
            "/api/v1/practices",
            Json(
                r#"{"administration":"BJ","year":2024,"areas":["P1"],"title":"Walk","summary":"S","what_was_done":"D","results":"R","contact":"c","language":"en","draft":true}"#,
            ),
        ),
        p(Method::POST, "/api/v1/practices/{practice}/submit", None),
        p(Method::POST, "/api/v1/practices/{practice}/publish", None),
        p(
            Method::POST,
            "/api/v1/practices/{practice}/request-changes",
            Json(r#"{"comment":"Walk"}"#),
        ),
        p(Method::POST, "/api/v1/practices/{practice}/archive", None),
        p(Method::GET, "/contact", None),
        p(Method::GET, "/contact/settings", None),
        p(
            Method::POST,
            "/contact/settings",
            Form("address=capacity.building%40wcoomd.org"),
        ),
        p(Method::GET, "/inquiries", None),
        p(
            Method::POST,
            "/inquiries",
            Form("topic=other&subject=Walk&message=Walk&token=none&website="),
        ),
        p(Method::GET, "/inquiries/mine", None),
        p(Method::GET, "/inquiries/{inquiry}", None),
        p(
            Method::POST,
            "/inquiries/{inquiry}/replies",
            Form("body=Walk"),
        ),
        p(
            Method::POST,
            "/inquiries/{inquiry}/status",
            Form("status=in_progress"),
        ),
        p(Method::GET, "/api/v1/inquiries", None),
        p(
            Method::POST,
            "/api/v1/inquiries",
            Json(r#"{"topic":"other","subject":"Walk","message":"Walk"}"#),
        ),
        p(Method::GET, "/api/v1/inquiries/{inquiry}", None),
        p(
            Method::POST,
            "/api/v1/inquiries/{inquiry}/replies",
            Json(r#"{"body":"Walk"}"#),
        ),
        p(
            Method::POST,
            "/api/v1/inquiries/{inquiry}/status",
            Json(r#"{"status":"in_progress"}"#),
        ),
        p(Method::GET, "/api/v1/practices/{practice}", None),
        p(
            Method::PUT,
            "/api/v1/practices/{practice}/texts/{lang}",
            Json(r#"{"title":"Marche","summary":"S","what_was_done":"D","results":"R"}"#),
        ),
        p(Method::GET, "/practices/{practice}/translate", None),
        p(
            Method::POST,
            "/practices/{practice}/attachments",
            Multipart("file", "evidence.pdf"),
        ),
        p(
            Method::GET,
            "/practices/{practice}/attachments/{practice_file}",
            None,
        ),
        p(
            Method::POST,
            "/practices/{practice}/attachments/{practice_file}/delete",
            None,
        ),
        p(
            Method::POST,
            "/practices/{practice}/translate",
            Form("language=fr&title=Marche&summary=S&what_was_done=D&results=R"),
        ),
        p(Method::GET, "/api/v1/openapi.json", None),
        p(Method::GET, "/api/v1/me", None),
        p(Method::GET, "/api/v1/administrations", None),
        p(
            Method::POST,
            "/api/v1/administrations",
            Json(
                r#"{"code":"XU","name_en":"Territory U","name_fr":"Territoire U","region":"EUR"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/administrations/{code}", None),
        p(
            Method::PUT,
            "/api/v1/administrations/{code}",
            Json(r#"{"name_en":"Benin","name_fr":"Bénin","region":"WCA"}"#),
        ),
        p(Method::GET, "/api/v1/users", None),
        p(
            Method::POST,
            "/api/v1/users",
            Json(
                r#"{"email":"api-created@wco.test","name":"API","role":"participant","password":"long enough password"}"#,
            ),
        ),
        p(Method::GET, "/api/v1/audit", None),
        p(Method::GET, "/api/v1/instruments", None),
        p(Method::GET, "/api/v1/instruments/{code}", None),
        p(Method::GET, "/api/v1/assessments", None),
        p(
            Method::POST,
            "/api/v1/assessments",
            Json(r#"{"instrument":"gedhub-geoat-2023","title":"Walk API","administration":"BJ"}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}", None),
        p(
            Method::PUT,
            "/api/v1/assessments/{id}/answers/{indicator}",
            Json(r#"{"rating":4}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}/scores", None),
        p(
            Method::POST,
            "/api/v1/assessments/{id}/transitions",
            Json(r#"{"transition":"submit"}"#),
        ),
        p(Method::GET, "/api/v1/assessments/{id}/report.pdf", None),
        p(Method::GET, "/api/v1/assessments/{id}/report.xlsx", None),
        // Knowledge tests: question 1 and the open post-test come from walk_workshop.
        p(Method::GET, "/questions", None),
        p(
            Method::POST,
            "/questions",
            Form(
                "kind=true_false&text_en=Walk&text_fr=Marche&option_en_0=True&option_fr_0=Vrai&option_en_1=False&option_fr_1=Faux&correct=0",
            ),
        ),
        p(
            Method::POST,
            "/questions/{question}",
            Form(
                "kind=true_false&text_en=Walk&text_fr=Marche&option_en_0=True&option_fr_0=Vrai&option_en_1=False&option_fr_1=Faux&correct=1",
            ),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/tests",
            Form("kind=pre&question=1&time_limit_minutes=15"),
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/tests/{kind}/state",
            Form("state=closed"),
        ),
        p(Method::GET, "/workshops/{workshop}/tests/{kind}", None),
        p(
            Method::POST,
            "/workshops/{workshop}/tests/{kind}/start",
            None,
        ),
        p(
            Method::POST,
            "/workshops/{workshop}/tests/{kind}/submissions",
            Form("q1=0"),
        ),
        p(
            Method::POST,
            "/api/v1/workshops/{workshop}/tests/{kind}/submissions",
            Json(r#"{"answers":{"1":[0]}}"#),
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/tests/{kind}/attempts/{email}",
            None,
        ),
        p(
            Method::GET,
            "/api/v1/workshops/{workshop}/knowledge-gain",
            None,
        ),
    ]
}

#[test]
fn every_route_is_covered_by_the_authorization_walk() {
    let probes = probes();
    let missing: Vec<String> = table()
        .iter()
        .filter(|route| {
            !probes
                .iter()
                .any(|p| p.method == route.method && p.path == route.path)
        })
        .map(|route| format!("{} {}", route.method, route.path))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an authorization probe: {missing:?}"
    );
    assert_eq!(
        probes.len(),
        table().len(),
        "a probe names a route that does not exist"
    );
}

#[derive(Clone, Copy, Debug)]
enum Persona {
    Anonymous,
    Secretariat,
    /// A Benin focal point on Benin's resources.
    FocalPointOwn,
    /// A Benin focal point on Canada's resources.
    FocalPointOther,
    /// An expert from Zimbabwe on Canada's resources.
    Expert,
    /// A participant from Argentina on Canada's resources.
    Participant,
}

impl Persona {
    const ALL: [Persona; 6] = [
        Persona::Anonymous,
        Persona::Secretariat,
        Persona::FocalPointOwn,
        Persona::FocalPointOther,
        Persona::Expert,
        Persona::Participant,
    ];

    fn email(self) -> Option<&'static str> {
        match self {
            Persona::Anonymous => None,
            Persona::Secretariat => Some("secretariat@wco.test"),
            Persona::FocalPointOwn | Persona::FocalPointOther => Some("focal.own@wco.test"),
            Persona::Expert => Some("expert@wco.test"),
            Persona::Participant => Some("participant@wco.test"),
        }
    }

    /// The administration code put in `{code}`.
    fn code(self) -> &'static str {
        match self {
            Persona::FocalPointOwn | Persona::Secretariat | Persona::Anonymous => "BJ",
            _ => "CA",
        }
    }

    /// May see the administration in `{code}`.
    fn in_scope(self) -> bool {
        matches!(
            self,
            Persona::Secretariat | Persona::FocalPointOwn | Persona::Anonymous
        )
    }

    /// Related to the assessment in `{id}` (Secretariat, or focal point of its administration).
    fn related_to_assessment(self) -> bool {
        matches!(self, Persona::Secretariat | Persona::FocalPointOwn)
    }
}

/// The app, and for BJ and CA: an assessment id, an attachment id and the id
/// of an invited contributor.
struct World {
    app: TestApp,
    ids: std::collections::HashMap<&'static str, (i64, i64, i64)>,
    /// The expert account, whose recognition the `/users/{user}/…` routes record.
    expert: i64,
    /// For BJ and CA: an action plan, one of its actions and one of its indicators.
    plans: std::collections::HashMap<&'static str, (i64, i64, i64)>,
    /// A virtual workshop with one participant from BJ and one from CA.
    workshop: i64,
    /// Its participant from BJ.
    trainee: i64,
    /// Its participant from CA (whose training record BJ's focal point may not read).
    trainee_ca: i64,
    /// An e-learning module, and an e-certificate trainee.bj@wco.test sent for it.
    elearning: (i64, i64),
    /// For BJ and CA: a support request and a mission (not from the request).
    missions: std::collections::HashMap<&'static str, (i64, i64)>,
    /// For BJ and CA: a draft practice written by the system.
    practices: std::collections::HashMap<&'static str, i64>,
    /// For BJ: an inquiry of BJ's focal point; for CA: one of spare@wco.test
    /// (no persona), so only the Secretariat sees it.
    inquiries: std::collections::HashMap<&'static str, i64>,
}

async fn app_with_people() -> World {
    let app = TestApp::new().await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("focal.own@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("expert@wco.test", Role::Expert, Some("ZW")).await;
    app.user("participant@wco.test", Role::Participant, Some("AR"))
        .await;
    app.user("spare@wco.test", Role::Participant, None).await;
    let store = app.store();
    let actor = gedhub_store::Actor::system("test");
    let spare = store
        .user_by_email(&gedhub_core::Email::parse("spare@wco.test").expect("valid"))
        .await
        .expect("spare");
    let mut ids = std::collections::HashMap::new();
    let mut plans = std::collections::HashMap::new();
    let mut missions = std::collections::HashMap::new();
    let mut practices = std::collections::HashMap::new();
    for code in ["BJ", "CA"] {
        let administration = gedhub_core::AdministrationCode::parse(code).expect("valid");
        crate::support::store_workforce_report(&app, code, 2024).await;
        let assessment = store
            .create_assessment(&actor, &administration, "gedhub-geoat-2023", "Walk")
            .await
            .expect("assessment");
        app.files
            .put("attachments/walk", b"%PDF-1.4 walk")
            .await
            .expect("file");
        let attachment = store
            .add_attachment(
                &actor,
                &assessment,
                &gedhub_store::assessments::Attachment {
                    id: 0,
                    indicator_code: "X.1.1".into(),
                    file_name: "walk.pdf".into(),
                    content_type: "application/pdf".into(),
                    size_bytes: 13,
                    sha256: String::new(),
                    storage_key: "attachments/walk".into(),
                    uploaded_by: String::new(),
                    uploaded_at: String::new(),
                },
            )
            .await
            .expect("attachment");
        ids.insert(code, (assessment.id, attachment.id, spare.id.0));
        plans.insert(code, walk_plan(store, &administration).await);
        missions.insert(code, walk_mission(&app, &administration).await);
        practices.insert(code, walk_practice(store, code).await);
    }
    let expert = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("expert@wco.test").expect("valid"))
        .await
        .expect("expert")
        .id
        .0;
    let workshop = walk_workshop(&app).await;
    let trainee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.bj@wco.test").expect("valid"))
        .await
        .expect("trainee")
        .id
        .0;
    let trainee_ca = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.ca@wco.test").expect("valid"))
        .await
        .expect("trainee")
        .id
        .0;
    let elearning = walk_elearning(&app).await;
    let mut inquiries = std::collections::HashMap::new();
    for (code, email) in [("BJ", "focal.own@wco.test"), ("CA", "spare@wco.test")] {
        inquiries.insert(code, walk_inquiry(store, email).await);
    }
    World {
        app,
        ids,
        expert,
        plans,
        workshop,
        trainee,
        trainee_ca,
        elearning,
        missions,
        practices,
        inquiries,
    }
}

/// An inquiry sent by the user `email` (its requester).
pub async fn walk_inquiry(store: &gedhub_store::Store, email: &str) -> i64 {
    let requester = store
        .user_by_email(&gedhub_core::Email::parse(email).expect("valid"))
        .await
        .expect("requester");
    let question =
        gedhub_core::inquiries::NewInquiry::parse("other", "Walk", "Walk question").expect("valid");
    store
        .create_inquiry(
            &gedhub_store::Actor::system("test"),
            &requester,
            &question,
            gedhub_store::Timestamp::now(),
        )
        .await
        .expect("inquiry")
        .id
}

/// A draft practice of `administration`, written by the system (so only the
/// Secretariat and the administration's focal points see it).
pub async fn walk_practice(store: &gedhub_store::Store, administration: &str) -> i64 {
    use gedhub_store::practices::{PracticeForm, PracticeText};
    let text =
        PracticeText::parse("en", "Walk practice", "Summary", "Done", "Results").expect("text");
    let form = PracticeForm::parse(administration, 2024, &["P1"], "walk@customs.test", text)
        .expect("form");
    store
        .create_practice(&gedhub_store::Actor::system("test"), &form, true)
        .await
        .expect("practice")
        .id
}

/// A PDF attached to the walk practice `practice` (by the system).
pub async fn walk_practice_file(app: &TestApp, practice: i64) -> i64 {
    app.files
        .put("practices/walk", b"%PDF-1.4 walk")
        .await
        .expect("file");
    app.store()
        .add_practice_attachment(
            &gedhub_store::Actor::system("test"),
            practice,
            &gedhub_store::practices::PracticeAttachment {
                id: 0,
                practice_id: practice,
                title: "Walk".into(),
                file_name: "walk.pdf".into(),
                content_type: "application/pdf".into(),
                size_bytes: 13,
                storage_key: "practices/walk".into(),
                added_by: String::new(),
                added_at: String::new(),
            },
        )
        .await
        .expect("attachment")
        .id
}

/// A submitted support request of `administration` and a planned mission
/// to it (3–5 March 2025, in French) with one document (the walk gives the
/// mission's id for `{mission}`; its document has the same id, as each
/// mission gets one).
pub async fn walk_mission(
    app: &TestApp,
    administration: &gedhub_core::AdministrationCode,
) -> (i64, i64) {
    let store = app.store();
    use gedhub_core::missions::SupportKind;
    use gedhub_core::training::WorkshopMode;
    let actor = gedhub_store::Actor::system("test");
    let request = store
        .create_support_request(
            &actor,
            &gedhub_store::missions::NewSupportRequest {
                administration: administration.clone(),
                kind: SupportKind::GeoatDiagnostic,
                language: "fr".into(),
                mode: WorkshopMode::Virtual,
                preferred_from: None,
                preferred_to: None,
                context: "Walk".into(),
            },
        )
        .await
        .expect("request");
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2025, 3, d).expect("day");
    let mission = store
        .create_mission(
            &actor,
            &gedhub_store::missions::NewMission {
                request_id: None,
                administration: administration.clone(),
                kind: SupportKind::GeoatDiagnostic,
                mode: WorkshopMode::Virtual,
                language: "fr".into(),
                areas: vec!["P1".into()],
                start: day(3),
                end: day(5),
                agenda: String::new(),
            },
        )
        .await
        .expect("mission");
    app.files
        .put("missions/walk", b"%PDF-1.4 walk")
        .await
        .expect("file");
    let document = store
        .add_mission_document(
            &actor,
            &mission,
            &gedhub_store::missions::MissionDocument {
                id: 0,
                mission_id: mission.id,
                title: "Terms of reference".into(),
                file_name: "terms.pdf".into(),
                content_type: "application/pdf".into(),
                size_bytes: 13,
                storage_key: "missions/walk".into(),
                added_by: String::new(),
                added_at: String::new(),
            },
        )
        .await
        .expect("document");
    assert_eq!(document.id, mission.id, "one document per walk mission");
    (request.id, mission.id)
}

/// A module (https://walk.example/1) and trainee.bj@wco.test's pending
/// e-certificate for it.
pub async fn walk_elearning(app: &TestApp) -> (i64, i64) {
    let actor = gedhub_store::Actor::system("test");
    let definition = gedhub_core::elearning::ModuleDefinition::new(
        "WALK-1",
        "Walk module",
        "Module de marche",
        "W1",
        "https://walk.example/1",
    )
    .expect("module");
    let module = app
        .store()
        .create_module(&actor, &definition)
        .await
        .expect("module");
    app.files
        .put("certificates/walk", b"%PDF-1.4 walk")
        .await
        .expect("file");
    let trainee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.bj@wco.test").expect("valid"))
        .await
        .expect("trainee");
    let (certificate, _) = app
        .store()
        .add_certificate(
            &actor,
            &module,
            trainee.id,
            &gedhub_store::elearning::NewCertificate {
                completed_on: chrono::NaiveDate::from_ymd_opt(2024, 4, 20).expect("day"),
                file_name: "walk.pdf".into(),
                content_type: "application/pdf".into(),
                size_bytes: 13,
                sha256: String::new(),
                storage_key: "certificates/walk".into(),
            },
        )
        .await
        .expect("certificate");
    (module.id, certificate)
}

/// A workshop (8–12 April 2024) with trainee.bj@wco.test and
/// trainee.ca@wco.test as participants.
pub async fn walk_workshop(app: &TestApp) -> i64 {
    use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let actor = gedhub_store::Actor::system("test");
    let workshop = app
        .store()
        .create_workshop(
            &actor,
            &gedhub_store::training::NewWorkshop {
                title: "Walk workshop".into(),
                kind: WorkshopKind::TrainTheTrainer,
                mode: WorkshopMode::Virtual,
                language: "fr".into(),
                venue: String::new(),
                meeting_link: "https://meet.example/walk".into(),
                dates: WorkshopDates::new(day("2024-04-08"), day("2024-04-12")).expect("dates"),
                capacity: 10,
                rules: CompletionRules::DEFAULT,
            },
        )
        .await
        .expect("workshop");
    for (email, code) in [("trainee.bj@wco.test", "BJ"), ("trainee.ca@wco.test", "CA")] {
        app.user(email, Role::Participant, Some(code)).await;
        app.store()
            .add_participant(
                &actor,
                &workshop,
                &gedhub_core::Email::parse(email).expect("valid"),
            )
            .await
            .expect("participant");
    }
    // Knowledge tests: question 1 (true/false, "true" correct) in the open
    // post-test, which trainee.bj@wco.test has submitted.
    let question = gedhub_core::ktests::Question::new(gedhub_core::ktests::QuestionDraft {
        kind: "true_false".into(),
        text_en: "Sex-disaggregated data show gaps".into(),
        text_fr: "Les données ventilées par sexe montrent les écarts".into(),
        options: vec![
            gedhub_core::ktests::AnswerOption {
                text_en: "True".into(),
                text_fr: "Vrai".into(),
                correct: true,
            },
            gedhub_core::ktests::AnswerOption {
                text_en: "False".into(),
                text_fr: "Faux".into(),
                correct: false,
            },
        ],
    })
    .expect("question");
    let question = app
        .store()
        .create_question(&actor, &question)
        .await
        .expect("bank");
    let post = app
        .store()
        .attach_test(
            &actor,
            &workshop,
            gedhub_core::ktests::TestKind::Post,
            &[question.id],
            None,
        )
        .await
        .expect("post-test");
    app.store()
        .set_test_state(&actor, &post, gedhub_store::ktests::TestState::Open)
        .await
        .expect("open");
    // Session 1 and group exercise 1, with "Team A" = trainee.bj.
    let session = app
        .store()
        .add_session(
            &actor,
            &workshop,
            &gedhub_store::agenda::NewSession {
                day: day("2024-04-08"),
                start: chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
                end: chrono::NaiveTime::from_hms_opt(10, 30, 0).expect("time"),
                title_en: "Walk opening".into(),
                title_fr: String::new(),
                description: String::new(),
            },
        )
        .await
        .expect("session");
    assert_eq!(session.id, 1, "the probes name session 1");
    app.files
        .put("materials/walk", b"%PDF-1.4 walk")
        .await
        .expect("file");
    let material = app
        .store()
        .add_material_file(
            &actor,
            &session,
            "Walk slides",
            &gedhub_store::agenda::MaterialFile {
                file_name: "walk.pdf".into(),
                content_type: "application/pdf".into(),
                size_bytes: 13,
                storage_key: "materials/walk".into(),
            },
        )
        .await
        .expect("material");
    assert_eq!(material.id, 1, "the probes name material 1");
    let exercise = app
        .store()
        .add_exercise(
            &actor,
            &workshop,
            "Walk group exercise",
            gedhub_core::training::ExerciseKind::Group,
            &gedhub_core::training::ExerciseScale::new(Some(20.0), &[]).expect("scale"),
        )
        .await
        .expect("exercise");
    assert_eq!(exercise.id, 1, "the probes name exercise 1");
    let trainee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.bj@wco.test").expect("valid"))
        .await
        .expect("trainee");
    app.store()
        .submit_attempt(
            &actor,
            &workshop,
            &post,
            trainee.id,
            &std::collections::BTreeMap::from([(
                question.id,
                std::collections::BTreeSet::from([0]),
            )]),
            gedhub_store::Timestamp::now(),
        )
        .await
        .expect("submitted");
    app.store()
        .set_exercise_group(&actor, &workshop, &exercise, "Team A", &[trainee.id])
        .await
        .expect("group");
    // Its anonymous feedback survey, with one Likert item.
    let survey = app
        .store()
        .create_survey(
            &actor,
            &workshop,
            gedhub_core::surveys::SurveyKind::Feedback,
            true,
            None,
        )
        .await
        .expect("survey");
    app.store()
        .add_survey_item(
            &actor,
            &survey,
            gedhub_core::surveys::ItemKind::Likert,
            "Walk",
            "Marche",
        )
        .await
        .expect("item");
    workshop.id
}

/// A plan with an objective, an action and a manual indicator.
pub async fn walk_plan(
    store: &gedhub_store::Store,
    administration: &gedhub_core::AdministrationCode,
) -> (i64, i64, i64) {
    use gedhub_store::plans::{NewAction, NewObjective, NewPlan};
    let actor = gedhub_store::Actor::system("test");
    let plan = store
        .create_plan(
            &actor,
            administration,
            &NewPlan {
                title: "Walk plan".into(),
                objectives: vec![NewObjective {
                    title: "Walk objective".into(),
                    indicator_codes: vec!["X.1.1".into()],
                }],
                ..NewPlan::default()
            },
        )
        .await
        .expect("plan");
    let objective = store.objectives(plan.id).await.expect("objectives")[0].id;
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let action = store
        .add_action(
            &actor,
            &plan,
            &NewAction {
                objective_id: objective,
                title: "Walk action".into(),
                responsible: String::new(),
                responsible_user_id: None,
                start_date: None,
                due_date: day("2025-01-31"),
                budget_amount: None,
                budget_currency: None,
                status: gedhub_core::monitoring::ActionStatus::NotStarted,
                progress_notes: String::new(),
            },
        )
        .await
        .expect("action");
    let definition =
        gedhub_core::monitoring::IndicatorDefinition::new(gedhub_core::monitoring::NewIndicator {
            name_en: "Walk indicator".into(),
            name_fr: String::new(),
            unit: "percent".into(),
            direction: None,
            baseline_value: 10.0,
            baseline_date: day("2024-01-01"),
            target_value: 20.0,
            target_date: day("2026-01-01"),
            milestones: Vec::new(),
            frequency: None,
            source: gedhub_core::monitoring::Source::Manual,
        })
        .expect("definition");
    let indicator = store
        .add_indicator(&actor, &plan, Some(objective), &definition)
        .await
        .expect("indicator");
    (plan.id, action.id, indicator.id)
}

async fn invite_spare(world: &World) {
    let store = world.app.store();
    let viewer = gedhub_store::assessments::Viewer {
        scope: gedhub_core::Scope::All,
        user_id: gedhub_core::UserId(0),
    };
    for (assessment_id, _, _) in world.ids.values() {
        let access = store
            .assessment(&viewer, *assessment_id)
            .await
            .expect("assessment");
        store
            .set_contributor(
                &gedhub_store::Actor::system("test"),
                &access.assessment,
                &gedhub_core::Email::parse("spare@wco.test").expect("valid"),
                &["X".to_owned()],
                false,
            )
            .await
            .expect("invite");
    }
}

/// The probe's path with its parameters filled in for an administration.
fn fill(world: &World, path: &str, administration: &'static str) -> String {
    let (assessment, attachment, user) =
        world.ids.get(administration).copied().unwrap_or((0, 0, 0));
    let (plan, action, plan_indicator) = world
        .plans
        .get(administration)
        .copied()
        .unwrap_or((0, 0, 0));
    let user = if path.starts_with("/users/") {
        world.expert
    } else if path.starts_with("/training/") || path.starts_with("/candidates/") {
        // A training record: BJ's trainee, or CA's.
        if administration == "BJ" {
            world.trainee
        } else {
            world.trainee_ca
        }
    } else {
        user
    };
    let code = if path.starts_with("/instruments") || path.starts_with("/api/v1/instruments") {
        "gedhub-geoat-2023"
    } else {
        administration
    };
    let (request, mission) = world
        .missions
        .get(administration)
        .copied()
        .unwrap_or((0, 0));
    let practice = world.practices.get(administration).copied().unwrap_or(0);
    let inquiry = world.inquiries.get(administration).copied().unwrap_or(0);
    path.replace("{code}", code)
        .replace("{inquiry}", &inquiry.to_string())
        .replace("{member}", administration)
        .replace("{practice}", &practice.to_string())
        .replace("{lang}", "fr")
        .replace("{request}", &request.to_string())
        .replace("{mission}", &mission.to_string())
        .replace("{document}", &mission.to_string())
        .replace("{period}", "999999")
        .replace("{file}", "app.css")
        .replace("{id}", &assessment.to_string())
        .replace("{section}", "X")
        .replace("{indicator}", "X.1.1")
        .replace("{attachment}", &attachment.to_string())
        .replace("{user}", &user.to_string())
        .replace("{year}", "2024")
        .replace("{plan}", &plan.to_string())
        .replace("{action}", &action.to_string())
        .replace("{plan_indicator}", &plan_indicator.to_string())
        .replace("{workshop}", &world.workshop.to_string())
        .replace("{participant}", &world.trainee.to_string())
        .replace("{token}", "no-such-link")
        .replace("{module}", &world.elearning.0.to_string())
        .replace("{certificate}", &world.elearning.1.to_string())
        .replace(
            "{kind}",
            if path.contains("/surveys/") {
                "feedback"
            } else {
                "post"
            },
        )
        .replace("{question}", "1")
        .replace("{*path}", "no-such-resource")
        .replace("{list}", "1")
        .replace("{key}", "1")
        .replace("{slug}", "recognized-ged-expert")
        // The walk workshop's first session and exercise (see `walk_workshop`).
        .replace("{session}", "1")
        .replace("{exercise}", "1")
        .replace("{material}", "1")
        .replace(
            "{email}",
            if administration == "BJ" {
                "trainee.bj@wco.test"
            } else {
                "trainee.ca@wco.test"
            },
        )
}

/// Sends a probe's request to `path`.
pub async fn send(app: &TestApp, probe: &Probe, path: &str, cookie: Option<&str>) -> TestResponse {
    match probe.body {
        Body::None => app.form(probe.method.clone(), path, cookie, "").await,
        Body::Form(body) => app.form(probe.method.clone(), path, cookie, body).await,
        Body::Json(body) => app.json(probe.method.clone(), path, cookie, body).await,
        Body::Multipart(field, file_name) => {
            let boundary = "gedhubtestboundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.4 test\r\n--{boundary}--\r\n"
            );
            let request = TestApp::request(probe.method.clone(), path, cookie)
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(axum::body::Body::from(body))
                .expect("request");
            app.send(request).await
        }
    }
}

fn is_sign_in_redirect(response: &TestResponse) -> bool {
    response.status == StatusCode::SEE_OTHER && response.header("location").starts_with("/login")
}

#[tokio::test]
async fn every_route_enforces_its_access_rule_for_every_role() {
    let world = app_with_people().await;
    let app = &world.app;
    let mut failures = Vec::new();
    for route in table() {
        let probe = probes()
            .into_iter()
            .find(|p| p.method == route.method && p.path == route.path)
            .expect("covered, see the test above");
        for persona in Persona::ALL {
            // A fresh session per call: some probes sign out or change passwords.
            let cookie = match persona.email() {
                Some(email) => Some(app.sign_in(email).await),
                None => None,
            };
            if probe.path.contains("{user}") {
                // Each persona gets a contributor to remove.
                invite_spare(&world).await;
            }
            let mut path = fill(&world, probe.path, persona.code());
            if probe.path.contains("{practice_file}") {
                // A fresh attachment for each call: a probe may delete it.
                let practice = world.practices.get(persona.code()).copied().unwrap_or(0);
                let file = walk_practice_file(app, practice).await;
                path = path.replace("{practice_file}", &file.to_string());
            }
            let response = send(app, &probe, &path, cookie.as_deref()).await;
            let status = response.status;
            let scoped = probe.path.contains("{code}") && !probe.path.contains("instruments");
            let refused = [
                StatusCode::UNAUTHORIZED,
                StatusCode::FORBIDDEN,
                StatusCode::NOT_FOUND,
            ];
            let is_api = probe.path.starts_with("/api/");
            let refused_anonymously = if is_api {
                status == StatusCode::UNAUTHORIZED
            } else {
                is_sign_in_redirect(&response)
            };
            let not_refused = !refused.contains(&status);
            let ok = match (route.access, persona) {
                _ if status.is_server_error() => false,
                (Access::Public, _) => {
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN
                }
                // Only HTTP Basic credentials of an LMS open the LRS.
                (Access::LrsClient, _) => status == StatusCode::UNAUTHORIZED,
                (_, Persona::Anonymous) => refused_anonymously,
                // Allowed means "not refused": the workflow may still answer
                // 409 or 422 (e.g. answering a submitted assessment).
                (Access::Assessment, persona) if persona.related_to_assessment() => not_refused,
                (Access::Assessment, _) => status == StatusCode::NOT_FOUND,
                (Access::Administration, Persona::Secretariat | Persona::FocalPointOwn) => {
                    not_refused
                }
                (Access::Administration, _) => status == StatusCode::NOT_FOUND,
                (Access::Plan, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Plan, _) => status == StatusCode::NOT_FOUND,
                (Access::Trainee, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Trainee, _) => status == StatusCode::NOT_FOUND,
                (Access::Owner, Persona::Secretariat) => not_refused,
                (Access::Owner, _) => status == StatusCode::NOT_FOUND,
                (Access::TestTaker, Persona::Secretariat) => not_refused,
                (Access::TestTaker, _) => status == StatusCode::NOT_FOUND,
                (Access::Facilitator, Persona::Secretariat) => not_refused,
                (Access::Facilitator, _) => status == StatusCode::NOT_FOUND,
                (Access::SecretariatHidden, Persona::Secretariat) => not_refused,
                (Access::SecretariatHidden, _) => status == StatusCode::NOT_FOUND,
                // No persona takes part in the walk workshop.
                (Access::Respondent, _) => status == StatusCode::NOT_FOUND,
                (Access::Person, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Mission, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Mission, _) => status == StatusCode::NOT_FOUND,
                (Access::MissionLead, Persona::Secretariat) => not_refused,
                (Access::MissionLead, Persona::FocalPointOwn) => status == StatusCode::FORBIDDEN,
                (Access::MissionLead, _) => status == StatusCode::NOT_FOUND,
                (Access::Candidate, Persona::Expert | Persona::Participant) => not_refused,
                (Access::Candidate, _) => status == StatusCode::FORBIDDEN,
                (Access::Person, _) => status == StatusCode::NOT_FOUND,
                (Access::Practice, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Practice, _) => status == StatusCode::NOT_FOUND,
                (Access::Inquiry, Persona::Secretariat | Persona::FocalPointOwn) => not_refused,
                (Access::Inquiry, _) => status == StatusCode::NOT_FOUND,
                // The walk's form has no valid token: refused as a form (422), not for access.
                (Access::Inquirer, _) => not_refused,
                // The walk practices are written by the system: their focal
                // points see them but may not translate them.
                (Access::PracticeAuthor, Persona::Secretariat) => not_refused,
                (Access::PracticeAuthor, Persona::FocalPointOwn) => status == StatusCode::FORBIDDEN,
                (Access::PracticeAuthor, _) => status == StatusCode::NOT_FOUND,
                (Access::Contributors, Persona::Participant) => status == StatusCode::FORBIDDEN,
                (Access::Contributors, _) => not_refused,
                (
                    Access::Starters,
                    Persona::Secretariat | Persona::FocalPointOwn | Persona::FocalPointOther,
                ) => not_refused,
                (Access::Starters, _) => status == StatusCode::FORBIDDEN,
                _ if scoped && !persona.in_scope() => status == StatusCode::NOT_FOUND,
                (Access::SignedIn, _) => status.is_success() || status.is_redirection(),
                (Access::Secretariat, Persona::Secretariat) => not_refused,
                (Access::Secretariat, _) => status == StatusCode::FORBIDDEN,
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {persona:?}: {status} {}",
                    route.method,
                    route.path,
                    response.body.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access rule violations:\n{}",
        failures.join("\n")
    );
}
