//! `/api/v1` for action plans and their monitoring (issue 4's contract).
//!
//! Access: the Secretariat and the focal points of the plan's administration
//! (`Access::Plan`); for anyone else the plan does not exist (404). Creating
//! a plan is for those who start assessments (`Access::Starters`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::Problems;
use gedhub_app::plans::{self as use_cases, ActionInput, IndicatorForm, NewPlanInput};
use gedhub_core::monitoring::ActionStatus;
use gedhub_core::{ValidationError, parse_date, parse_optional_date};
use gedhub_store::plans::{MeasurementInput, NewObjective, Plan, Recorded, StoredMeasurement};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::monitoring::{plan_progress, today};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct PlanResponse {
    pub id: i64,
    pub administration: String,
    pub assessment_id: Option<i64>,
    pub title: String,
    #[schema(schema_with = codes::date_or_null)]
    pub period_start: Option<String>,
    #[schema(schema_with = codes::date_or_null)]
    pub period_end: Option<String>,
    pub owner: String,
    /// `draft`, `adopted` or `closed`.
    #[schema(schema_with = codes::plan_status)]
    pub status: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<&Plan> for PlanResponse {
    fn from(plan: &Plan) -> Self {
        Self {
            id: plan.id,
            administration: plan.administration.to_string(),
            assessment_id: plan.assessment_id,
            title: plan.title.clone(),
            period_start: plan.period_start.map(|d| d.to_string()),
            period_end: plan.period_end.map(|d| d.to_string()),
            owner: plan.owner.clone(),
            status: plan.status.as_str().to_owned(),
            created_at: plan.created_at.clone(),
            updated_at: plan.updated_at.clone(),
        }
    }
}

/// `GET /api/v1/action-plans`: the plans the caller may see.
#[utoipa::path(get, path = "/api/v1/action-plans", tag = "action plans",
    responses((status = 200, body = [PlanResponse]), (status = 401, body = crate::api::ErrorEnvelope)))]
pub async fn list_plans(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<PlanResponse>>> {
    let plans = use_cases::list(state.store(), &signed_in.caller).await?;
    Ok(Json(plans.iter().map(PlanResponse::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlanRequest {
    pub title: String,
    /// A validated assessment of the same administration the plan answers.
    pub assessment_id: Option<i64>,
    /// Required for the Secretariat without an assessment; a focal point's
    /// administration is implied.
    pub administration: Option<String>,
    /// `YYYY-MM-DD`.
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// The person or unit responsible for the plan.
    pub owner: Option<String>,
}

impl TryFrom<NewPlanRequest> for NewPlanInput {
    type Error = ValidationError;

    /// The first bad date (the start's before the end's).
    fn try_from(request: NewPlanRequest) -> std::result::Result<Self, ValidationError> {
        Ok(NewPlanInput {
            period_start: parse_optional_date("period_start", request.period_start.as_deref())?,
            period_end: parse_optional_date("period_end", request.period_end.as_deref())?,
            administration: request.administration,
            assessment_id: request.assessment_id,
            title: request.title,
            owner: request.owner.unwrap_or_default(),
            objectives: Vec::new(),
        })
    }
}

/// `POST /api/v1/action-plans` → 201 `{"id"}` (status `draft`).
#[utoipa::path(post, path = "/api/v1/action-plans", tag = "action plans",
    request_body = NewPlanRequest,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewPlanRequest>,
) -> Result<Response> {
    // The dates are read before the role is judged, as this endpoint always
    // did: a bad date answers 422 whoever sends it.
    let input = NewPlanInput::try_from(request)?;
    let plan = use_cases::create(state.store(), &signed_in.caller, input).await?;
    Ok(created(plan.id))
}

#[derive(Serialize, ToSchema)]
pub struct ObjectiveResponse {
    pub id: i64,
    pub title: String,
    pub indicator_codes: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionResponse {
    pub id: i64,
    pub objective_id: i64,
    pub title: String,
    pub responsible: String,
    #[schema(schema_with = codes::date_or_null)]
    pub start_date: Option<String>,
    #[schema(format = Date)]
    pub due_date: String,
    pub budget_amount: Option<f64>,
    pub budget_currency: Option<String>,
    /// `not_started`, `in_progress`, `done`, `cancelled` or `delayed`.
    #[schema(schema_with = codes::action_status)]
    pub status: String,
    pub overdue: bool,
    pub progress_notes: String,
}

#[derive(Serialize, ToSchema)]
pub struct PlanDetailResponse {
    #[serde(flatten)]
    pub plan: PlanResponse,
    pub objectives: Vec<ObjectiveResponse>,
    pub actions: Vec<ActionResponse>,
    /// Indicator definitions (see `POST .../indicators`), each with its `id`.
    #[schema(value_type = Vec<Object>)]
    pub indicators: Vec<serde_json::Value>,
}

/// `GET /api/v1/action-plans/{id}`: the plan with its objectives, actions
/// and indicator definitions.
#[utoipa::path(get, path = "/api/v1/action-plans/{plan}", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")),
    responses((status = 200, body = PlanDetailResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PlanDetailResponse>> {
    let detail = use_cases::detail(state.store(), &signed_in.caller, id).await?;
    let today = today(&state);
    Ok(Json(PlanDetailResponse {
        plan: PlanResponse::from(&detail.plan),
        objectives: detail
            .objectives
            .iter()
            .map(|o| ObjectiveResponse {
                id: o.id,
                title: o.title.clone(),
                indicator_codes: o.indicator_codes.clone(),
            })
            .collect(),
        actions: detail
            .actions
            .iter()
            .map(|a| ActionResponse {
                id: a.id,
                objective_id: a.objective_id,
                title: a.title.clone(),
                responsible: a.responsible.clone(),
                start_date: a.start_date.map(|d| d.to_string()),
                due_date: a.due_date.to_string(),
                budget_amount: a.budget_amount,
                budget_currency: a.budget_currency.clone(),
                status: a.status.as_str().to_owned(),
                overdue: gedhub_core::monitoring::is_overdue(a.due_date, a.status, today),
                progress_notes: a.progress_notes.clone(),
            })
            .collect(),
        indicators: detail
            .indicators
            .iter()
            .map(|i| {
                let mut value = serde_json::to_value(&i.definition).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("id".into(), i.id.into());
                    object.insert("objective_id".into(), i.objective_id.into());
                }
                value
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStatusRequest {
    /// `adopted` or `closed` (plans only move forward).
    #[schema(schema_with = codes::plan_next_status)]
    pub status: String,
}

/// `POST /api/v1/action-plans/{id}/status`: adopt or close a plan.
#[utoipa::path(post, operation_id = "set_plan_status", path = "/api/v1/action-plans/{plan}/status", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")), request_body = PlanStatusRequest,
    responses((status = 200, body = PlanResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<PlanStatusRequest>,
) -> Result<Json<PlanResponse>> {
    let plan = use_cases::set_status(state.store(), &signed_in.caller, id, &request.status).await?;
    Ok(Json(PlanResponse::from(&plan)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewObjectiveRequest {
    pub title: String,
    /// GEOAT indicator codes (gaps) this objective addresses.
    #[serde(default)]
    pub indicator_codes: Vec<String>,
}

/// `POST /api/v1/action-plans/{id}/objectives` → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/action-plans/{plan}/objectives", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")), request_body = NewObjectiveRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_objective(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewObjectiveRequest>,
) -> Result<Response> {
    let objective = use_cases::add_objective(
        state.store(),
        &signed_in.caller,
        id,
        NewObjective {
            title: request.title,
            indicator_codes: request.indicator_codes,
        },
    )
    .await?;
    Ok(created(objective.id))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActionRequest {
    pub objective_id: i64,
    pub title: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub due_date: String,
    /// `not_started` (default), `in_progress`, `done`, `cancelled` or `delayed`.
    #[schema(schema_with = codes::action_status_or_null)]
    pub status: Option<String>,
    /// The responsible person or unit.
    pub responsible: Option<String>,
    /// The account reminded of this action, of the plan's administration
    /// (default: the plan's owner).
    pub responsible_email: Option<String>,
    #[schema(schema_with = codes::date_or_null)]
    pub start_date: Option<String>,
    pub budget_amount: Option<f64>,
    /// ISO 4217 code, e.g. `EUR`.
    pub budget_currency: Option<String>,
    pub progress_notes: Option<String>,
}

impl TryFrom<NewActionRequest> for ActionInput {
    type Error = Problems;

    /// The dates and the status, every problem at once.
    fn try_from(request: NewActionRequest) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let due_date = problems.check(parse_date("due_date", &request.due_date));
        let start_date = problems.check(parse_optional_date(
            "start_date",
            request.start_date.as_deref(),
        ));
        let status = problems.check(ActionStatus::parse(
            request.status.as_deref().unwrap_or("not_started"),
        ));
        let (Some(due_date), Some(start_date), Some(status)) = (due_date, start_date, status)
        else {
            return Err(problems);
        };
        Ok(ActionInput {
            objective_id: request.objective_id,
            title: request.title,
            responsible: request.responsible.unwrap_or_default(),
            responsible_email: request.responsible_email,
            start_date,
            due_date,
            budget_amount: request.budget_amount,
            budget_currency: request.budget_currency,
            status,
            progress_notes: request.progress_notes.unwrap_or_default(),
        })
    }
}

/// `POST /api/v1/action-plans/{id}/actions` → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/action-plans/{plan}/actions", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")), request_body = NewActionRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_action(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewActionRequest>,
) -> Result<Response> {
    let action = use_cases::add_action(state.store(), &signed_in.caller, id, request).await?;
    Ok(created(action.id))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdateRequest {
    #[schema(schema_with = codes::action_status)]
    pub status: String,
    #[serde(default)]
    pub progress_notes: String,
}

/// `PUT /api/v1/action-plans/{id}/actions/{action}`: the action's status
/// and progress notes.
#[utoipa::path(put, path = "/api/v1/action-plans/{plan}/actions/{action}", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id"), ("action" = i64, Path, description = "Action id")),
    request_body = ActionUpdateRequest,
    responses((status = 200, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn update_action(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, action)): AppPath<(i64, i64)>,
    ApiJson(request): ApiJson<ActionUpdateRequest>,
) -> Result<Json<CreatedResponse>> {
    let action = use_cases::update_action(
        state.store(),
        &signed_in.caller,
        id,
        action,
        &request.status,
        request.progress_notes,
    )
    .await?;
    Ok(Json(CreatedResponse { id: action.id }))
}

#[derive(Deserialize, ToSchema)]
pub struct MilestoneRequest {
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    pub value: f64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIndicatorRequest {
    /// The name in both languages, unless `name_en`/`name_fr` are given.
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub name_fr: Option<String>,
    /// `%` or `percent`, `count`, `ratio`, `currency`, `text_scale`.
    pub unit: String,
    /// `increase` or `decrease`; inferred from baseline and target when absent.
    pub direction: Option<String>,
    pub baseline_value: f64,
    #[schema(format = Date)]
    pub baseline_date: String,
    pub target_value: f64,
    #[schema(format = Date)]
    pub target_date: String,
    #[serde(default)]
    pub milestones: Vec<MilestoneRequest>,
    /// `monthly`, `quarterly` (default), `semiannual` or `annual`.
    pub frequency: Option<String>,
    pub objective_id: Option<i64>,
    /// `manual` (default), `assessment` or `workforce`.
    pub source: Option<String>,
    /// For `assessment`: a GEOAT section code (absent: the overall score).
    pub section: Option<String>,
    /// For `workforce`: a statistic key, e.g. `management.senior.female_share_pct`.
    pub statistic: Option<String>,
}

impl From<NewIndicatorRequest> for IndicatorForm {
    /// One `name` stands for both languages unless each is given.
    fn from(request: NewIndicatorRequest) -> Self {
        let name = request.name.unwrap_or_default();
        IndicatorForm {
            name_en: request.name_en.unwrap_or_else(|| name.clone()),
            name_fr: request.name_fr.unwrap_or(name),
            unit: request.unit,
            direction: request.direction,
            baseline_value: Some(request.baseline_value),
            baseline_date: request.baseline_date,
            target_value: Some(request.target_value),
            target_date: request.target_date,
            milestones: request
                .milestones
                .into_iter()
                .map(|m| (m.date, Some(m.value)))
                .collect(),
            frequency: request.frequency,
            source: request.source.unwrap_or_else(|| "manual".to_owned()),
            section: request.section,
            statistic: request.statistic,
            objective_id: request.objective_id,
        }
    }
}

/// `POST /api/v1/action-plans/{id}/indicators` → 201 `{"id"}`. Every
/// problem of the definition is reported at once (422).
#[utoipa::path(post, path = "/api/v1/action-plans/{plan}/indicators", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")), request_body = NewIndicatorRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_indicator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewIndicatorRequest>,
) -> Result<Response> {
    let form = IndicatorForm::from(request);
    let indicator = use_cases::add_indicator(state.store(), &signed_in.caller, id, form).await?;
    Ok(created(indicator.id))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeasurementRequest {
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    /// Required; a value for a date that has one corrects it (history kept).
    pub value: Option<f64>,
    pub comment: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeasurementCreated {
    pub id: i64,
    /// The id of the value this one corrected, if any.
    pub corrects: Option<i64>,
}

impl TryFrom<NewMeasurementRequest> for MeasurementInput {
    type Error = Problems;

    /// A date and a value, both reported when both are wrong.
    fn try_from(request: NewMeasurementRequest) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let date = problems.check(parse_date("date", &request.date));
        let value = problems.check(
            request
                .value
                .ok_or(ValidationError::new("value", "required")),
        );
        let (Some(date), Some(value)) = (date, value) else {
            return Err(problems);
        };
        Ok(MeasurementInput {
            date,
            value,
            comment: request.comment.unwrap_or_default(),
        })
    }
}

/// `POST /api/v1/indicators/{id}/measurements` → 201 (manual indicators).
#[utoipa::path(post, path = "/api/v1/indicators/{plan_indicator}/measurements", tag = "action plans",
    params(("plan_indicator" = i64, Path, description = "Indicator id")), request_body = NewMeasurementRequest,
    responses((status = 201, body = MeasurementCreated), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The plan is closed (`plan_closed`) or was changed meanwhile (`plan_changed`).", body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_measurement(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewMeasurementRequest>,
) -> Result<Response> {
    let recorded =
        use_cases::add_measurement(state.store(), &signed_in.caller, None, id, request).await?;
    let body = match recorded {
        Recorded::New(id) => MeasurementCreated { id, corrects: None },
        Recorded::Correction { id, replaced } => MeasurementCreated {
            id,
            corrects: Some(replaced),
        },
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct MeasurementResponse {
    pub id: i64,
    #[schema(format = Date)]
    pub date: String,
    pub value: f64,
    pub comment: String,
    pub entered_by: String,
    #[schema(format = DateTime)]
    pub entered_at: String,
    /// The correcting value's id; absent for the current value.
    pub superseded_by: Option<i64>,
}

impl From<&StoredMeasurement> for MeasurementResponse {
    fn from(m: &StoredMeasurement) -> Self {
        Self {
            id: m.id,
            date: m.date.to_string(),
            value: m.value,
            comment: m.comment.clone(),
            entered_by: m.entered_by.clone(),
            entered_at: m.entered_at.clone(),
            superseded_by: m.superseded_by,
        }
    }
}

/// `GET /api/v1/indicators/{id}/measurements`: every value with its
/// corrections, by date.
#[utoipa::path(get, path = "/api/v1/indicators/{plan_indicator}/measurements", tag = "action plans",
    params(("plan_indicator" = i64, Path, description = "Indicator id")),
    responses((status = 200, body = [MeasurementResponse]), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn list_measurements(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Vec<MeasurementResponse>>> {
    let history = use_cases::measurements(state.store(), &signed_in.caller, id).await?;
    Ok(Json(
        history.iter().map(MeasurementResponse::from).collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorProgressResponse {
    pub id: i64,
    /// Unrounded; absent without data.
    pub progress_pct: Option<f64>,
    /// Within 0..100; absent without data.
    pub elapsed_pct: Option<f64>,
    /// `no_data`, `achieved`, `on_track`, `at_risk` or `off_track`.
    #[schema(schema_with = codes::progress_status)]
    pub status: String,
    /// `target` or `milestone`: what progress is measured towards today.
    pub reference: String,
    #[schema(format = Date)]
    pub reference_date: String,
    pub reference_value: f64,
    #[schema(schema_with = codes::date_or_null)]
    pub latest_date: Option<String>,
    pub latest_value: Option<f64>,
    /// The straight-line projection's value at the target date.
    pub projected_at_target_date: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionCountsResponse {
    pub overdue: usize,
    pub done: usize,
    pub total: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ProgressResponse {
    /// The day the figures are computed for.
    #[schema(format = Date)]
    pub as_of: String,
    pub indicators: Vec<IndicatorProgressResponse>,
    pub actions: ActionCountsResponse,
}

/// `GET /api/v1/action-plans/{id}/progress`: each indicator's progress and
/// status as of today, and the action counts.
#[utoipa::path(get, path = "/api/v1/action-plans/{plan}/progress", tag = "action plans",
    params(("plan" = i64, Path, description = "Plan id")),
    responses((status = 200, body = ProgressResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn progress(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<ProgressResponse>> {
    let today = today(&state);
    let scope = use_cases::scope(&signed_in.caller);
    let progress = plan_progress(&state, &scope, id, today).await?;
    Ok(Json(ProgressResponse {
        as_of: today.to_string(),
        indicators: progress
            .indicators
            .iter()
            .map(|i| IndicatorProgressResponse {
                id: i.indicator.id,
                progress_pct: i.progress.progress_pct,
                elapsed_pct: i.progress.elapsed_pct,
                status: i.progress.status.as_str().to_owned(),
                reference: match i.progress.reference.kind {
                    gedhub_core::monitoring::ReferenceKind::Target => "target",
                    gedhub_core::monitoring::ReferenceKind::Milestone => "milestone",
                }
                .to_owned(),
                reference_date: i.progress.reference.date.to_string(),
                reference_value: i.progress.reference.value,
                latest_date: i.progress.latest.map(|m| m.date().to_string()),
                latest_value: i.progress.latest.map(|m| m.value()),
                projected_at_target_date: i.projection.map(|p| p.at_target_date),
            })
            .collect(),
        actions: ActionCountsResponse {
            overdue: progress.actions.overdue,
            done: progress.actions.done,
            total: progress.actions.total,
        },
    }))
}
