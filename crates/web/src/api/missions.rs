//! `/api/v1` for support to Members (issue 7's contract): the expert
//! roster, support requests, missions, suggestions, assignments and
//! evaluations. The use cases and who may do what are in
//! `gedhub_app::missions`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gedhub_app::missions as use_cases;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath, AppQuery};
use crate::missions::{
    EvaluationInput, MissionInput, RosterExpert, RosterQuery, SuggestedExpert, SupportRequestInput,
    assign, evaluate, roster, roster_filter, suggestions,
};
use crate::state::AppState;

/// `GET /api/v1/experts?language=fr&region=WCA&area=P1&available_on=` (the
/// Secretariat and focal points): Recognized GED Experts and Champions
/// with a valid recognition, by name.
#[utoipa::path(get, path = "/api/v1/experts", tag = "pathway", params(RosterQuery),
    responses((status = 200, body = [RosterExpert]), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn list_experts(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(query): AppQuery<RosterQuery>,
) -> Result<Json<Vec<RosterExpert>>> {
    signed_in.caller.require_starter()?;
    Ok(Json(roster(&state, &roster_filter(&query)?).await?))
}

#[derive(Serialize, ToSchema)]
pub struct SupportRequestResponse {
    pub id: i64,
    pub administration: String,
    pub kind: String,
    pub language: String,
    pub mode: String,
    #[schema(schema_with = codes::date_or_null)]
    pub preferred_from: Option<String>,
    #[schema(schema_with = codes::date_or_null)]
    pub preferred_to: Option<String>,
    pub context: String,
    /// `submitted`, `accepted` or `declined`.
    pub status: String,
    pub answer: String,
    #[schema(format = DateTime)]
    pub requested_at: String,
}

impl From<gedhub_store::missions::SupportRequest> for SupportRequestResponse {
    fn from(r: gedhub_store::missions::SupportRequest) -> Self {
        SupportRequestResponse {
            id: r.id,
            administration: r.administration,
            kind: r.kind.as_str().to_owned(),
            language: r.language,
            mode: r.mode.as_str().to_owned(),
            preferred_from: r.preferred_from,
            preferred_to: r.preferred_to,
            context: r.context,
            status: r.status,
            answer: r.answer,
            requested_at: r.requested_at,
        }
    }
}

/// `GET /api/v1/support-requests`: all (Secretariat) or the caller's
/// administration's (focal points).
#[utoipa::path(get, path = "/api/v1/support-requests", tag = "pathway",
    responses((status = 200, body = [SupportRequestResponse]), (status = 403, body = crate::api::ErrorEnvelope)))]
pub async fn list_requests(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<SupportRequestResponse>>> {
    Ok(Json(
        use_cases::requests(state.store(), &signed_in.caller)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// `POST /api/v1/support-requests` (focal points for their own
/// administration, the Secretariat for any) → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/support-requests", tag = "pathway", request_body = SupportRequestInput,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, description = "A focal point named another administration, which does not exist for them (`not_found`).", body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_request(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(input): ApiJson<SupportRequestInput>,
) -> Result<Response> {
    let request =
        use_cases::create_request(state.store(), &signed_in.caller, &input.into()).await?;
    Ok(created(request.id))
}

/// `POST /api/v1/missions` (Secretariat) → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/missions", tag = "pathway", request_body = MissionInput,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_mission(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(input): ApiJson<MissionInput>,
) -> Result<Response> {
    let mission =
        use_cases::create_mission(state.store(), &signed_in.caller, &input.into()).await?;
    Ok(created(mission.id))
}

/// `GET /api/v1/missions/{mission}/suggestions` (Secretariat): experts and
/// candidates ranked by language, region, areas, availability and load,
/// each with the reasons for their place.
#[utoipa::path(get, path = "/api/v1/missions/{mission}/suggestions", tag = "pathway",
    params(("mission" = i64, Path, description = "Mission id")),
    responses((status = 200, body = [SuggestedExpert]), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn list_suggestions(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Vec<SuggestedExpert>>> {
    use_cases::require_manager(&signed_in.caller)?;
    let mission = state.store().mission(id).await?;
    Ok(Json(suggestions(&state, &mission).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    #[schema(format = Email)]
    pub email: String,
    /// `lead` (a Recognized GED Expert) or `co_facilitator` (a candidate
    /// invited or in supervised delivery, or an expert).
    pub role: String,
}

/// `POST /api/v1/missions/{mission}/members` (Secretariat): assigns an
/// expert; an invited candidate assigned as co-facilitator moves to
/// `supervised_delivery`.
#[utoipa::path(post, path = "/api/v1/missions/{mission}/members", tag = "pathway",
    params(("mission" = i64, Path, description = "Mission id")), request_body = MemberRequest,
    responses((status = 204), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_member(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<MemberRequest>,
) -> Result<StatusCode> {
    use_cases::require_manager(&signed_in.caller)?;
    let mission = state.store().mission(id).await?;
    let person = use_cases::person_by_email(state.store(), &request.email).await?;
    assign(&state, &signed_in, &mission, person.id, &request.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/missions/{mission}/evaluations` (the mission's lead or the
/// Secretariat): evaluates a co-facilitator; a positive evaluation of a
/// candidate in supervised delivery recognizes them.
#[utoipa::path(post, path = "/api/v1/missions/{mission}/evaluations", tag = "pathway",
    params(("mission" = i64, Path, description = "Mission id")), request_body = EvaluationInput,
    responses((status = 204), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_evaluation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(input): ApiJson<EvaluationInput>,
) -> Result<StatusCode> {
    let led = use_cases::led_mission(state.store(), &signed_in.caller, id).await?;
    evaluate(&state, &signed_in, &led, input).await?;
    Ok(StatusCode::NO_CONTENT)
}
