//! `GET /api/v1/programme/summary`: the programme overview (issue 8's
//! contract). What the caller sees is decided in [`crate::programme`]: the
//! Secretariat everything, a focal point their own Member and aggregates
//! suppressed below five administrations.

use axum::Json;
use axum::extract::State;

use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::AppQuery;
use crate::programme::{ProgrammeSummary, SummaryParams, parse_filters, summary};
use crate::state::AppState;

/// `GET /api/v1/programme/summary?year=&region=&language=`: the dashboard
/// figures, each with the count of contributing administrations.
#[utoipa::path(get, path = "/api/v1/programme/summary", tag = "programme", params(SummaryParams),
    responses((status = 200, body = ProgrammeSummary), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn show_summary(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(params): AppQuery<SummaryParams>,
) -> Result<Json<ProgrammeSummary>> {
    signed_in.caller.require_starter()?;
    let filter = parse_filters(&params)?;
    Ok(Json(summary(&state, &signed_in, &filter).await?))
}
