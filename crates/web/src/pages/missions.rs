//! Pages of support to Members (issue 7): support requests, missions (with
//! suggested experts, the lead's report, evaluations of co-facilitators and
//! the Member's feedback), the expert roster (and its Excel export) and the
//! expert's own profile and availability. Access is decided in
//! [`crate::missions`].

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::missions as use_cases;
use gedhub_core::missions::{AREAS, SupportKind};
use gedhub_core::training::{Criterion, WorkshopMode};
use gedhub_core::{Region, UserId, ValidationError};
use gedhub_store::missions::{Mission, SupportRequest};
use gedhub_store::training::DELIVERY_LANGUAGES;
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::format;
use crate::i18n::Locale;
use crate::missions::{
    EvaluationInput, MissionInput, RosterFilter, RosterQuery, SupportRequestInput, assign,
    evaluate, reason_text, roster, roster_filter, suggestions,
};
use crate::pages::training::Choice;
use crate::state::AppState;
use crate::views::{
    AdministrationNames, FormProblems, Page, is_user_error, render, render_with_status,
    user_error_messages,
};

fn choices(locale: &Locale) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    (
        SupportKind::ALL
            .into_iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: locale.t(&format!("support-kind-{}", k.as_str())),
            })
            .collect(),
        DELIVERY_LANGUAGES
            .iter()
            .map(|l| Choice {
                value: (*l).to_owned(),
                label: locale.t(&format!("workshop-language-{l}")),
            })
            .collect(),
        WorkshopMode::ALL
            .into_iter()
            .map(|m| Choice {
                value: m.as_str().to_owned(),
                label: locale.t(&format!("workshop-mode-{}", m.as_str())),
            })
            .collect(),
    )
}

pub struct RequestRow {
    pub id: i64,
    pub administration: String,
    pub kind: String,
    pub language: String,
    pub mode: String,
    pub period: String,
    pub context: String,
    pub status: String,
    pub status_code: String,
    pub answer: String,
    pub requested_at: String,
}

fn request_row(locale: &Locale, names: &AdministrationNames, r: &SupportRequest) -> RequestRow {
    RequestRow {
        id: r.id,
        administration: names.of(&r.administration),
        kind: locale.t(&format!("support-kind-{}", r.kind.as_str())),
        language: locale.t(&format!("workshop-language-{}", r.language)),
        mode: locale.t(&format!("workshop-mode-{}", r.mode.as_str())),
        period: match (&r.preferred_from, &r.preferred_to) {
            (Some(from), Some(to)) => format!(
                "{}\u{a0}– {}",
                format::stored_date(from, locale),
                format::stored_date(to, locale)
            ),
            (Some(from), None) => format!("{}\u{a0}–", format::stored_date(from, locale)),
            (None, Some(to)) => format!("–\u{a0}{}", format::stored_date(to, locale)),
            (None, None) => "–".to_owned(),
        },
        context: r.context.clone(),
        status: locale.t(&format!("support-status-{}", r.status)),
        status_code: r.status.clone(),
        answer: r.answer.clone(),
        requested_at: format::stored_date(&r.requested_at, locale),
    }
}

#[derive(Template)]
#[template(path = "support_requests.html")]
pub struct RequestsPage {
    pub page: Page,
    pub rows: Vec<RequestRow>,
    pub kinds: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub is_secretariat: bool,
    /// The request as typed, shown again when it is refused.
    pub input: SupportRequestInput,
    pub problems: FormProblems,
    pub notice: Option<String>,
}

async fn requests_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
) -> Result<RequestsPage> {
    let locale = &context.locale;
    let requests = use_cases::requests(state.store(), &signed_in.caller).await?;
    let names = AdministrationNames::load(state, locale).await?;
    let rows = requests
        .iter()
        .map(|r| request_row(locale, &names, r))
        .collect();
    let (kinds, languages, modes) = choices(locale);
    Ok(RequestsPage {
        page: Page::new(context, "support-title"),
        rows,
        kinds,
        languages,
        modes,
        is_secretariat: signed_in.principal.is_secretariat(),
        input: SupportRequestInput {
            language: context.locale.code(),
            ..SupportRequestInput::default()
        },
        problems: FormProblems::default(),
        notice: None,
    })
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    pub done: Option<String>,
}

/// `GET /support-requests` (Secretariat: all; focal points: their
/// administration's), with the form to ask for support.
pub async fn list_requests(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<NoticeQuery>,
) -> Result<Response> {
    signed_in.caller.require_starter()?;
    let mut page = requests_page(&state, &signed_in, &context).await?;
    page.notice = query.done.map(|_| context.locale.t("support-sent"));
    Ok(render(&page))
}

/// `POST /support-requests` (focal points for their administration; the
/// Secretariat for any).
pub async fn create_request(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppForm(input): AppForm<SupportRequestInput>,
) -> Result<Response> {
    signed_in.caller.require_starter()?;
    let input = SupportRequestInput {
        administration: input.administration.filter(|a| !a.trim().is_empty()),
        preferred_from: input.preferred_from.filter(|d| !d.trim().is_empty()),
        preferred_to: input.preferred_to.filter(|d| !d.trim().is_empty()),
        ..input
    };
    let typed = input.clone();
    let result = use_cases::create_request(state.store(), &signed_in.caller, &input.into())
        .await
        .map_err(AppError::from);
    match result {
        Ok(_) => Ok(Redirect::to("/support-requests?done=1").into_response()),
        Err(error) if is_user_error(&error) => {
            let mut page = requests_page(&state, &signed_in, &context).await?;
            page.problems = FormProblems::new(&context.locale, &error, support_field_id);
            page.input = typed;
            Ok(render_with_status(error.status(), &page))
        }
        Err(error) => Err(error),
    }
}

/// The `id` of the support request form's element for `field`.
fn support_field_id(field: &str) -> String {
    match field {
        "preferred_from" => "support-from".to_owned(),
        "preferred_to" => "support-to".to_owned(),
        other => format!("support-{other}"),
    }
}

#[derive(Template)]
#[template(path = "support_request.html")]
pub struct RequestPage {
    pub page: Page,
    pub request: RequestRow,
    pub is_secretariat: bool,
    pub languages: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub kind_code: String,
    pub language_code: String,
    pub mode_code: String,
    pub start: String,
    pub end: String,
    pub areas: Vec<(&'static str, String)>,
    pub missions: Vec<(i64, String)>,
}

fn area_choices(locale: &Locale) -> Vec<(&'static str, String)> {
    AREAS
        .iter()
        .map(|a| (*a, locale.t(&format!("area-{a}"))))
        .collect()
}

async fn request_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    request: &SupportRequest,
) -> Result<RequestPage> {
    let locale = &context.locale;
    let (_, languages, modes) = choices(locale);
    let missions = state
        .store()
        .missions()
        .await?
        .into_iter()
        .filter(|m| m.request_id == Some(request.id))
        .map(|m| (m.id, format!("{} – {}", m.start, m.end)))
        .collect();
    Ok(RequestPage {
        page: Page::new(context, "support-request-title"),
        request: request_row(
            locale,
            &AdministrationNames::load(state, locale).await?,
            request,
        ),
        is_secretariat: signed_in.principal.is_secretariat(),
        languages,
        modes,
        kind_code: request.kind.as_str().to_owned(),
        language_code: request.language.clone(),
        mode_code: request.mode.as_str().to_owned(),
        start: request.preferred_from.clone().unwrap_or_default(),
        end: request.preferred_to.clone().unwrap_or_default(),
        areas: area_choices(locale),
        missions,
    })
}

/// `GET /support-requests/{request}`.
pub async fn show_request(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let request = use_cases::visible_request(state.store(), &signed_in.caller, id).await?;
    Ok(render(
        &request_page(&state, &signed_in, &context, &request).await?,
    ))
}

#[derive(Deserialize)]
pub struct DeclineForm {
    #[serde(default)]
    pub answer: String,
}

/// `POST /support-requests/{request}/decline` (Secretariat), with an answer.
pub async fn decline_request(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<DeclineForm>,
) -> Result<Response> {
    use_cases::require_manager(&signed_in.caller)?;
    use_cases::visible_request(state.store(), &signed_in.caller, id).await?;
    let result = use_cases::decline_request(state.store(), &signed_in.caller, id, &form.answer)
        .await
        .map_err(AppError::from);
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/support-requests/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

pub struct MissionRow {
    pub id: i64,
    pub administration: String,
    pub kind: String,
    pub language: String,
    pub dates: String,
    pub status: String,
}

fn mission_row(locale: &Locale, names: &AdministrationNames, m: &Mission) -> MissionRow {
    MissionRow {
        id: m.id,
        administration: names.of(&m.administration),
        kind: locale.t(&format!("support-kind-{}", m.kind.as_str())),
        language: locale.t(&format!("workshop-language-{}", m.language)),
        dates: format::date_range(m.start, m.end, locale),
        status: locale.t(&format!("mission-status-{}", m.status)),
    }
}

#[derive(Template)]
#[template(path = "missions.html")]
pub struct MissionsPage {
    pub page: Page,
    pub rows: Vec<MissionRow>,
}

/// `GET /missions`: the missions the caller may see.
pub async fn list_missions(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let names = AdministrationNames::load(&state, &context.locale).await?;
    let rows = use_cases::visible_missions(state.store(), &signed_in.caller)
        .await?
        .iter()
        .map(|m| mission_row(&context.locale, &names, m))
        .collect();
    Ok(render(&MissionsPage {
        page: Page::new(&context, "missions-title"),
        rows,
    }))
}

/// Reads the mission form: repeated `areas` checkboxes need the raw pairs.
fn mission_input(fields: &[(String, String)]) -> MissionInput {
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    MissionInput {
        request_id: one("request_id").and_then(|v| v.parse().ok()),
        administration: one("administration").filter(|v| !v.is_empty()),
        kind: one("kind").unwrap_or_default(),
        language: one("language").unwrap_or_default(),
        mode: one("mode").unwrap_or_default(),
        areas: fields
            .iter()
            .filter(|(k, _)| k == "areas")
            .map(|(_, v)| v.clone())
            .collect(),
        start_date: one("start_date").unwrap_or_default(),
        end_date: one("end_date").unwrap_or_default(),
        agenda: one("agenda").unwrap_or_default(),
    }
}

/// `POST /missions` (Secretariat): creates a mission, usually from a
/// request (whose page shows the form again with the problems).
pub async fn create_mission(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::require_manager(&signed_in.caller)?;
    let input = mission_input(&fields);
    let request_id = input.request_id;
    let result = use_cases::create_mission(state.store(), &signed_in.caller, &input.into())
        .await
        .map_err(AppError::from);
    match (result, request_id) {
        (Ok(mission), _) => Ok(Redirect::to(&format!("/missions/{}", mission.id)).into_response()),
        (Err(error), _) => Err(error),
    }
}

pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub is_co_facilitator: bool,
    pub evaluation: String,
}

pub struct DocumentRow {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub added: String,
}

pub struct SuggestionRow {
    pub rank: usize,
    pub user_id: i64,
    pub name: String,
    pub stage: String,
    pub may_lead: bool,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "mission.html")]
pub struct MissionPage {
    pub page: Page,
    pub mission: MissionRow,
    pub areas: Vec<String>,
    pub agenda: String,
    pub request_id: Option<i64>,
    pub members: Vec<MemberRow>,
    pub report: String,
    pub recommendations: String,
    pub delivered: bool,
    /// Whether the mission's last day has come: its report and evaluations
    /// are recorded from then on.
    pub taken_place: bool,
    /// When the outcome can be recorded (the mission's last day), as a sentence.
    pub outcome_from: String,
    pub member_rating: String,
    pub member_comment: String,
    pub is_secretariat: bool,
    pub may_lead: bool,
    pub may_give_feedback: bool,
    pub suggestions: Vec<SuggestionRow>,
    pub documents: Vec<DocumentRow>,
    pub criteria: Vec<(&'static str, String)>,
}

async fn mission_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    id: i64,
) -> Result<MissionPage> {
    let locale = &context.locale;
    let visible = use_cases::visible_mission(state.store(), &signed_in.caller, id).await?;
    let mission = &visible.mission;
    let names = AdministrationNames::load(state, locale).await?;
    let evaluations = state.store().mission_evaluations(id).await?;
    let labels = state.store().pathway_labels().await?;
    // Each member's role agrees with their recorded sex ("experte principale").
    let mut sexes = std::collections::HashMap::new();
    for member in &visible.members {
        sexes.insert(
            member.user_id,
            state.store().user_sex(member.user_id).await?,
        );
    }
    let is_secretariat = signed_in.principal.is_secretariat();
    let suggestions = if is_secretariat && mission.status == "planned" {
        suggestions(state, mission)
            .await?
            .into_iter()
            .filter(|s| !visible.members.iter().any(|m| m.user_id.0 == s.user_id))
            .map(|s| {
                let stage = gedhub_core::pathway::Stage::parse(&s.stage)
                    .unwrap_or(gedhub_core::pathway::Stage::Recognized);
                SuggestionRow {
                    rank: s.rank,
                    user_id: s.user_id,
                    name: s.name,
                    stage: crate::pathway::stage_label(locale, &labels, stage),
                    may_lead: stage.is_recognized(),
                    reasons: s
                        .reasons
                        .iter()
                        .map(|r| reason_text(locale, r, &mission.language))
                        .collect(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(MissionPage {
        page: Page::new(context, "mission-title").with_title(locale.t_args(
            "mission-title-of",
            &[("administration", names.of(&mission.administration))],
        )),
        mission: mission_row(locale, &names, mission),
        areas: mission
            .areas
            .iter()
            .map(|a| locale.t(&format!("area-{a}")))
            .collect(),
        agenda: mission.agenda.clone(),
        request_id: mission.request_id,
        members: visible
            .members
            .iter()
            .map(|m| {
                let evaluation = evaluations.iter().find(|e| e.user_id == m.user_id);
                MemberRow {
                    user_id: m.user_id.0,
                    name: m.name.clone(),
                    email: m.email.clone(),
                    role: locale.t_person(
                        &format!("mission-role-{}", m.role.as_str()),
                        sexes.get(&m.user_id).and_then(|sex| sex.as_deref()),
                    ),
                    is_co_facilitator: m.role.is_co_facilitator(),
                    evaluation: evaluation.map_or_else(String::new, |e| {
                        locale.t(if e.positive {
                            "mission-evaluation-positive"
                        } else {
                            "mission-evaluation-negative"
                        })
                    }),
                }
            })
            .collect(),
        report: mission.report.clone(),
        recommendations: mission.recommendations.clone(),
        delivered: mission.status == "delivered",
        taken_place: use_cases::taken_place(&signed_in.caller, mission),
        outcome_from: locale.t_args(
            "mission-outcome-from",
            &[("date", format::long_date(mission.end, locale))],
        ),
        member_rating: mission
            .member_rating
            .map_or_else(String::new, |r| format!("{r}/5")),
        member_comment: mission.member_comment.clone(),
        is_secretariat,
        may_lead: visible.may_lead,
        may_give_feedback: visible.may_give_feedback,
        suggestions,
        documents: state
            .store()
            .mission_documents(id)
            .await?
            .into_iter()
            .map(|d| DocumentRow {
                id: d.id,
                title: d.title,
                file_name: d.file_name,
                added: format!(
                    "{} ({})",
                    format::stored_date(&d.added_at, locale),
                    d.added_by
                ),
            })
            .collect(),
        criteria: Criterion::ALL
            .iter()
            .map(|c| {
                (
                    c.as_str(),
                    locale.t(&format!("rubric-criterion-{}", c.as_str())),
                )
            })
            .collect(),
    })
}

/// `GET /missions/{mission}`.
pub async fn show_mission(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    Ok(render(
        &mission_page(&state, &signed_in, &context, id).await?,
    ))
}

#[derive(Deserialize)]
pub struct MemberForm {
    pub user: i64,
    pub role: String,
}

/// `POST /missions/{mission}/members` (Secretariat): assigns a lead or a
/// co-facilitator; an invited candidate moves to supervised delivery.
pub async fn add_member(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<MemberForm>,
) -> Result<Response> {
    use_cases::require_manager(&signed_in.caller)?;
    let visible = use_cases::visible_mission(state.store(), &signed_in.caller, id).await?;
    match assign(
        &state,
        &signed_in,
        &visible.mission,
        UserId(form.user),
        &form.role,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    pub report: String,
    #[serde(default)]
    pub recommendations: String,
}

/// `POST /missions/{mission}/report` (the lead or the Secretariat).
pub async fn save_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ReportForm>,
) -> Result<Response> {
    let led = use_cases::led_mission(state.store(), &signed_in.caller, id).await?;
    let result = use_cases::save_report(
        state.store(),
        &signed_in.caller,
        &led,
        &form.report,
        &form.recommendations,
    )
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}")).into_response()),
        Err(error) => Err(error.into()),
    }
}

/// `POST /missions/{mission}/evaluations` (the lead or the Secretariat).
pub async fn save_evaluation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let led = use_cases::led_mission(state.store(), &signed_in.caller, id).await?;
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let criteria = Criterion::ALL.map(|c| c.as_str());
    let scores = criteria.map(|c| {
        one(&format!("score_{c}"))
            .trim()
            .parse::<i64>()
            .unwrap_or(0)
    });
    let comments = criteria.map(|c| one(&format!("comment_{c}")));
    let user: Option<i64> = one("user").trim().parse().ok();
    let email = match user {
        Some(user) => state
            .store()
            .user(UserId(user))
            .await
            .map(|u| u.email.as_str().to_owned())
            .unwrap_or_default(),
        None => String::new(),
    };
    let input = EvaluationInput {
        email,
        scores,
        comments: Some(comments),
        positive: one("positive") == "yes",
        comment: one("comment"),
    };
    match evaluate(&state, &signed_in, &led, input).await {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct FeedbackForm {
    pub rating: String,
    #[serde(default)]
    pub comment: String,
}

/// `POST /missions/{mission}/feedback`: the Member's (its focal points, or
/// the Secretariat on its behalf) 1–5 rating and comment.
pub async fn save_feedback(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<FeedbackForm>,
) -> Result<Response> {
    let result = use_cases::save_feedback(
        state.store(),
        &signed_in.caller,
        id,
        &form.rating,
        &form.comment,
    )
    .await
    .map_err(AppError::from);
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{id}")).into_response()),
        Err(error) => Err(error),
    }
}

pub struct RosterRow {
    pub name: String,
    pub email: String,
    pub administration: String,
    pub region: String,
    pub stage: String,
    pub languages: String,
    pub areas: String,
    pub bio: String,
    pub recognized_on: String,
    pub valid_until: String,
    pub missions: usize,
    pub available: String,
}

#[derive(Template)]
#[template(path = "experts.html")]
pub struct RosterPage {
    pub page: Page,
    pub rows: Vec<RosterRow>,
    pub languages: Vec<Choice>,
    pub regions: Vec<Choice>,
    pub areas: Vec<(&'static str, String)>,
    pub selected_language: String,
    pub selected_region: String,
    pub selected_area: String,
    pub available_on: String,
    pub export_query: String,
    pub errors: Vec<String>,
}

fn roster_rows(
    state_labels: &std::collections::HashMap<(gedhub_core::pathway::Stage, String), String>,
    locale: &Locale,
    experts: Vec<crate::missions::RosterExpert>,
) -> Vec<RosterRow> {
    experts
        .into_iter()
        .map(|e| {
            let stage = gedhub_core::pathway::Stage::parse(&e.stage)
                .unwrap_or(gedhub_core::pathway::Stage::Recognized);
            RosterRow {
                name: e.name,
                email: e.email,
                administration: e.administration.unwrap_or_default(),
                region: e
                    .region
                    .map(|r| locale.t(&format!("region-{r}")))
                    .unwrap_or_default(),
                stage: crate::pathway::stage_label(locale, state_labels, stage),
                languages: e
                    .languages
                    .iter()
                    .map(|l| locale.t(&format!("workshop-language-{l}")))
                    .collect::<Vec<_>>()
                    .join(", "),
                areas: e.areas.join(", "),
                bio: e.bio,
                recognized_on: format::stored_date(&e.recognized_on, locale),
                valid_until: format::stored_date(&e.valid_until, locale),
                missions: e.missions_delivered,
                available: locale.t(if e.available_today {
                    "roster-available"
                } else {
                    "roster-unavailable"
                }),
            }
        })
        .collect()
}

/// `GET /experts`: the roster (Secretariat and focal points).
pub async fn show_roster(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<RosterQuery>,
) -> Result<Response> {
    signed_in.caller.require_starter()?;
    let locale = &context.locale;
    let (filter, errors) = match roster_filter(&query) {
        Ok(filter) => (filter, Vec::new()),
        Err(error) => (RosterFilter::default(), user_error_messages(locale, &error)),
    };
    let labels = state.store().pathway_labels().await?;
    let experts = roster(&state, &filter).await?;
    let (_, languages, _) = choices(locale);
    let export_query = serde_urlencoded::to_string([
        ("language", query.language.clone().unwrap_or_default()),
        ("region", query.region.clone().unwrap_or_default()),
        ("area", query.area.clone().unwrap_or_default()),
        (
            "available_on",
            query.available_on.clone().unwrap_or_default(),
        ),
    ])
    .unwrap_or_default();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_with_status(
        status,
        &RosterPage {
            page: Page::new(&context, "roster-title"),
            rows: roster_rows(&labels, locale, experts),
            languages,
            regions: Region::ALL
                .into_iter()
                .map(|r| Choice {
                    value: r.as_str().to_owned(),
                    label: locale.t(&format!("region-{}", r.as_str())),
                })
                .collect(),
            areas: area_choices(locale),
            selected_language: filter.language.clone().unwrap_or_default(),
            selected_region: filter
                .region
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            selected_area: filter.area.clone().unwrap_or_default(),
            available_on: filter
                .available_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            export_query,
            errors,
        },
    ))
}

/// `GET /experts.xlsx`: the roster as filtered, one row per expert.
pub async fn export_roster(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<RosterQuery>,
) -> Result<Response> {
    signed_in.caller.require_starter()?;
    let locale = &context.locale;
    let filter = roster_filter(&query)?;
    let labels = state.store().pathway_labels().await?;
    let rows = roster_rows(&labels, locale, roster(&state, &filter).await?);
    let mut sheet = vec![
        [
            "field-name",
            "field-email",
            "field-administration",
            "roster-region",
            "pathway-stage",
            "selection-languages",
            "roster-areas",
            "roster-recognized-on",
            "roster-valid-until",
            "roster-missions",
            "roster-availability",
            "roster-bio",
        ]
        .iter()
        .map(|key| locale.t(key))
        .collect::<Vec<_>>(),
    ];
    for r in rows {
        sheet.push(vec![
            r.name,
            r.email,
            r.administration,
            r.region,
            r.stage,
            r.languages,
            r.areas,
            r.recognized_on,
            r.valid_until,
            r.missions.to_string(),
            r.available,
            r.bio,
        ]);
    }
    let bytes = crate::workbooks::write_xlsx(&[gedhub_core::instrument::Sheet {
        name: locale.t("roster-title"),
        rows: sheet,
    }])
    .map_err(AppError::internal)?;
    Ok(crate::pages::instruments::xlsx_response(
        bytes,
        &format!("gedhub-experts-{}.xlsx", locale.code()),
    ))
}

pub struct PeriodRow {
    pub id: i64,
    pub from: String,
    pub to: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "expert_profile.html")]
pub struct ProfilePage {
    pub page: Page,
    pub bio: String,
    pub languages: Vec<(Choice, bool)>,
    pub areas: Vec<(&'static str, String, bool)>,
    pub max_missions: u32,
    pub periods: Vec<PeriodRow>,
    pub notice: Option<String>,
}

async fn profile_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
) -> Result<ProfilePage> {
    let locale = &context.locale;
    let profile = state.store().expert_profile(signed_in.user.id).await?;
    let (_, languages, _) = choices(locale);
    // Until they list their languages, those their nominations said.
    let spoken = gedhub_core::training::known_languages(
        profile
            .as_ref()
            .map(|p| p.languages.as_slice())
            .unwrap_or_default(),
        state
            .store()
            .nominated_languages()
            .await?
            .get(&signed_in.user.id)
            .map(Vec::as_slice)
            .unwrap_or_default(),
    );
    let areas = profile
        .as_ref()
        .map(|p| p.areas.clone())
        .unwrap_or_default();
    Ok(ProfilePage {
        page: Page::new(context, "profile-title"),
        bio: profile.as_ref().map(|p| p.bio.clone()).unwrap_or_default(),
        languages: languages
            .into_iter()
            .map(|c| {
                let on = spoken.contains(&c.value);
                (c, on)
            })
            .collect(),
        areas: area_choices(locale)
            .into_iter()
            .map(|(code, label)| (code, label, areas.iter().any(|a| a == code)))
            .collect(),
        max_missions: profile
            .as_ref()
            .map_or(crate::missions::DEFAULT_MAX_MISSIONS, |p| {
                p.max_missions_per_year
            }),
        periods: state
            .store()
            .unavailability(Some(signed_in.user.id))
            .await?
            .into_iter()
            .map(|u| PeriodRow {
                id: u.id,
                from: u.from.to_string(),
                to: u.to.to_string(),
                note: u.note,
            })
            .collect(),
        notice: None,
    })
}

/// `GET /account/expert-profile`: an expert's (or candidate's) own profile
/// and availability calendar.
pub async fn show_profile(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<NoticeQuery>,
) -> Result<Response> {
    use_cases::require_candidate(&signed_in.caller)?;
    let mut page = profile_page(&state, &signed_in, &context).await?;
    page.notice = query.done.map(|_| context.locale.t("profile-saved"));
    Ok(render(&page))
}

/// `POST /account/expert-profile`: bio, languages, areas, yearly maximum.
pub async fn save_profile(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::require_candidate(&signed_in.caller)?;
    let all = |name: &str| -> Vec<&str> {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let mut problems = Vec::new();
    let bio = all("bio")
        .first()
        .map(|b| (*b).to_owned())
        .unwrap_or_default();
    if bio.chars().count() > 4000 {
        problems.push(ValidationError::new("bio", "too_long"));
    }
    let languages: Vec<String> = all("languages")
        .iter()
        .map(|l| l.trim().to_owned())
        .collect();
    if languages
        .iter()
        .any(|l| !DELIVERY_LANGUAGES.contains(&l.as_str()))
    {
        problems.push(ValidationError::new("languages", "unknown_language"));
    }
    let areas = gedhub_core::missions::parse_areas(all("areas"))
        .map_err(|e| problems.push(e))
        .unwrap_or_default();
    let max = match all("max_missions_per_year")
        .first()
        .map(|v| v.trim().parse::<u32>())
    {
        Some(Ok(max)) if (1..=52).contains(&max) => max,
        _ => {
            problems.push(ValidationError::new(
                "max_missions_per_year",
                "max_missions_out_of_range",
            ));
            0
        }
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let languages: Vec<String> = DELIVERY_LANGUAGES
        .iter()
        .filter(|l| languages.iter().any(|c| c == *l))
        .map(|l| (*l).to_owned())
        .collect();
    state
        .store()
        .save_expert_profile(
            &signed_in.actor(),
            signed_in.user.id,
            &bio,
            &languages,
            &areas,
            max,
        )
        .await?;
    Ok(Redirect::to("/account/expert-profile?done=1").into_response())
}

#[derive(Deserialize)]
pub struct PeriodForm {
    pub from_date: String,
    pub to_date: String,
    #[serde(default)]
    pub note: String,
}

/// `POST /account/expert-profile/unavailability`: adds a period.
pub async fn add_period(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<PeriodForm>,
) -> Result<Response> {
    use_cases::require_candidate(&signed_in.caller)?;
    let from = gedhub_core::parse_date("from_date", &form.from_date);
    let to = gedhub_core::parse_date("to_date", &form.to_date);
    let result = match (from, to) {
        (Ok(from), Ok(to)) if form.note.chars().count() <= 200 => state
            .store()
            .add_unavailability(&signed_in.actor(), signed_in.user.id, from, to, &form.note)
            .await
            .map(|_| ())
            .map_err(AppError::from),
        (Ok(_), Ok(_)) => Err(AppError::Invalid(vec![ValidationError::new(
            "note", "too_long",
        )])),
        (from, to) => Err(AppError::Invalid(
            [from.err(), to.err()].into_iter().flatten().collect(),
        )),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/account/expert-profile?done=1").into_response()),
        Err(error) => Err(error),
    }
}

/// `POST /account/expert-profile/unavailability/{period}/delete`: removing
/// a period that is not (or no longer) the caller's changes nothing.
pub async fn remove_period(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(period): AppPath<i64>,
) -> Result<Response> {
    use_cases::require_candidate(&signed_in.caller)?;
    state
        .store()
        .remove_unavailability(&signed_in.actor(), signed_in.user.id, period)
        .await?;
    Ok(Redirect::to("/account/expert-profile?done=1").into_response())
}

/// `POST /missions/{mission}/documents` (multipart `title`, `file`): anyone
/// who sees the mission shares a document with the others (terms of
/// reference, agenda, presentations); the content is checked like evidence.
pub async fn upload_document(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    mut multipart: Multipart,
) -> Result<Response> {
    let visible = use_cases::visible_mission(state.store(), &signed_in.caller, id).await?;
    let document = match crate::uploads::read_titled_document(&mut multipart).await {
        Ok(document) => document,
        Err(error) => return Err(error),
    };
    let key = gedhub_store::files::FileStore::new_key()?;
    state.files().put(&key, &document.bytes).await?;
    let added = state
        .store()
        .add_mission_document(
            &signed_in.actor(),
            &visible.mission,
            &gedhub_store::missions::MissionDocument {
                id: 0,
                mission_id: id,
                size_bytes: document.size_bytes(),
                title: document.title,
                file_name: document.file_name,
                content_type: document.content_type.to_owned(),
                storage_key: key,
                added_by: String::new(),
                added_at: String::new(),
            },
        )
        .await;
    match added {
        Ok(_) => Ok(Redirect::to(&format!("/missions/{id}#documents")).into_response()),
        Err(error) => Err(error.into()),
    }
}

/// `GET /missions/{mission}/documents/{document}`: for those who see the
/// mission; always as a download.
pub async fn download_document(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, document)): AppPath<(i64, i64)>,
) -> Result<Response> {
    use_cases::visible_mission(state.store(), &signed_in.caller, id).await?;
    let document = state.store().mission_document(id, document).await?;
    let bytes = state.files().get(&document.storage_key).await?;
    Ok(crate::views::download(
        bytes,
        &document.content_type,
        &document.file_name,
    ))
}
