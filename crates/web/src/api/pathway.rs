//! `/api/v1` for the pathway to Recognized GED Expert (issue 7's contract):
//! a candidate's pathway, the Secretariat's moves, a workshop's selection
//! ranking. See [`crate::pathway`] for the rules and who sees what.

use axum::Json;
use axum::extract::State;
use gedhub_core::Email;
use gedhub_core::pathway::{Stage, Weights};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::extract::{ApiJson, AppPath};
use crate::pathway::{
    CandidatePathway, Request, SelectionRow, candidate_pathway, selection, transition,
    visible_candidate,
};
use crate::state::AppState;

/// One recorded move.
#[derive(Serialize, ToSchema)]
pub struct HistoryEntry {
    #[schema(schema_with = codes::stage)]
    pub from: String,
    #[schema(schema_with = codes::stage)]
    pub to: String,
    pub reason: String,
    /// Prerequisite codes waived by a Secretariat override.
    pub overridden: Vec<String>,
    /// The facts read when the move was made.
    #[schema(value_type = Object)]
    pub evidence: serde_json::Value,
    pub recorded_by: String,
    #[schema(format = DateTime)]
    pub recorded_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct PathwayResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub administration: Option<String>,
    /// The stage today (`nominated` when nothing was recorded; `lapsed` once
    /// a recognition's validity ended).
    #[schema(schema_with = codes::stage)]
    pub stage: String,
    /// The next stage on the main line, if any.
    #[schema(schema_with = codes::stage_or_null)]
    pub next: Option<String>,
    /// Reason codes of what the next stage still needs.
    pub missing: Vec<String>,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
}

impl From<CandidatePathway> for PathwayResponse {
    fn from(pathway: CandidatePathway) -> Self {
        PathwayResponse {
            email: pathway.person.email.as_str().to_owned(),
            name: pathway.person.name.clone(),
            administration: pathway
                .person
                .administration
                .as_ref()
                .map(|c| c.to_string()),
            stage: pathway.stage.as_str().to_owned(),
            next: pathway.next.map(|s| s.as_str().to_owned()),
            missing: pathway
                .missing
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            history: pathway
                .history
                .into_iter()
                .map(|e| HistoryEntry {
                    from: e.from.as_str().to_owned(),
                    to: e.to.as_str().to_owned(),
                    reason: e.reason,
                    overridden: e.overridden,
                    evidence: e.evidence,
                    recorded_by: e.recorded_by,
                    recorded_at: e.recorded_at,
                })
                .collect(),
        }
    }
}

async fn candidate_by_email(
    state: &AppState,
    signed_in: &SignedIn,
    email: &str,
) -> Result<gedhub_store::users::User> {
    let email = Email::parse(email).map_err(|_| AppError::NotFound)?;
    let person = state.store().user_by_email(&email).await?;
    visible_candidate(state, signed_in, person.id).await
}

/// `GET /api/v1/candidates/{email}/pathway`: the candidate, the Secretariat
/// and the focal points of the candidate's administration; anyone else (and
/// an account that is not an expert or participant) 404.
#[utoipa::path(get, path = "/api/v1/candidates/{email}/pathway", tag = "pathway",
    params(("email" = String, Path, description = "The candidate's e-mail address")),
    responses((status = 200, body = PathwayResponse), (status = 401, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_pathway(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(email): AppPath<String>,
) -> Result<Json<PathwayResponse>> {
    let person = candidate_by_email(&state, &signed_in, &email).await?;
    Ok(Json(
        candidate_pathway(&state, &signed_in, person).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PathwayTransitionRequest {
    /// The stage to move to (e.g. `invited`).
    #[schema(schema_with = codes::stage)]
    pub to: String,
    /// Why; required with `override`.
    pub reason: Option<String>,
    /// Waive missing prerequisites (never the order of stages).
    #[serde(rename = "override")]
    pub override_missing: Option<bool>,
}

/// `POST /api/v1/candidates/{email}/transitions` (Secretariat): 200 with
/// the pathway after the move; 409 `stage_not_reachable` when the
/// stages do not follow; 422 with one error per missing prerequisite (or
/// `override_reason_required`).
#[utoipa::path(post, path = "/api/v1/candidates/{email}/transitions", tag = "pathway",
    params(("email" = String, Path, description = "The candidate's e-mail address")),
    request_body = PathwayTransitionRequest,
    responses((status = 200, body = PathwayResponse), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_transition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(email): AppPath<String>,
    ApiJson(request): ApiJson<PathwayTransitionRequest>,
) -> Result<Json<PathwayResponse>> {
    gedhub_app::pathway::require_mover(&signed_in.caller)?;
    let person = candidate_by_email(&state, &signed_in, &email).await?;
    let to = Stage::parse(&request.to).map_err(|e| AppError::Invalid(vec![e]))?;
    let request = Request {
        to,
        reason: request.reason.unwrap_or_default(),
        override_missing: request.override_missing.unwrap_or(false),
    };
    transition(&state, &signed_in, &person, request).await??;
    Ok(Json(
        candidate_pathway(&state, &signed_in, person).await?.into(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct SelectionResponse {
    /// The weights the composite used (normalised by their sum).
    #[schema(value_type = Object)]
    pub weights: Weights,
    /// Best first.
    pub candidates: Vec<SelectionRow>,
}

/// `GET /api/v1/workshops/{workshop}/selection` (Secretariat; 404 for
/// everyone else): the workshop's confirmed participants ranked by the
/// composite.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/selection", tag = "pathway",
    params(("workshop" = i64, Path, description = "Workshop id")),
    responses((status = 200, body = SelectionResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_selection(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(workshop): AppPath<i64>,
) -> Result<Json<SelectionResponse>> {
    if !signed_in.principal.is_secretariat() {
        return Err(AppError::NotFound);
    }
    let (settings, candidates) = selection(&state, &signed_in, workshop).await?;
    Ok(Json(SelectionResponse {
        weights: settings.weights,
        candidates,
    }))
}
