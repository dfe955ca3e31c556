//! Workforce statistics in the JSON API: an administration's reporting years
//! and one year's figures (protected and rounded like every other channel),
//! for the Secretariat and that administration's focal points (anyone else:
//! 404).

use axum::Json;
use axum::extract::State;
use gedhub_app::workforce as use_cases;
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::AppPath;
use crate::state::AppState;

/// One stored reporting year.
#[derive(Serialize, ToSchema)]
pub struct WorkforceYearResponse {
    pub reference_year: i32,
    pub workers: u64,
    /// Mean hourly pay gap in percent (men − women) / men × 100, one
    /// decimal; `null` when withheld (fewer than 10 women or 10 men).
    pub pay_gap_mean_pct: Option<f64>,
    /// SHA-256 of the file the figures were computed from (not kept).
    pub file_sha256: String,
    pub rows_read: i64,
    pub rows_rejected: i64,
    pub computed_at: String,
}

#[utoipa::path(get, path = "/api/v1/workforce/{code}", tag = "workforce",
    params(("code" = String, Path, description = "Administration code, e.g. BJ")),
    responses((status = 200, body = [WorkforceYearResponse]), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn list_years(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(code): AppPath<String>,
) -> Result<Json<Vec<WorkforceYearResponse>>> {
    let administration = use_cases::administration(state.store(), &signed_in.caller, &code).await?;
    let reports = use_cases::years(state.store(), &administration).await?;
    Ok(Json(
        reports
            .into_iter()
            .map(|(stored, protected)| WorkforceYearResponse {
                reference_year: stored.reference_year,
                workers: protected.report().workers.total,
                pay_gap_mean_pct: protected.report().pay_gap.mean_pct,
                file_sha256: stored.file_sha256,
                rows_read: stored.rows_read,
                rows_rejected: stored.rows_rejected,
                computed_at: stored.computed_at,
            })
            .collect(),
    ))
}

/// The figures of one year, protected (`gedhub_core::disclosure::workforce`):
/// the JSON of `gedhub workforce report`.
#[utoipa::path(get, path = "/api/v1/workforce/{code}/{year}", tag = "workforce",
    params(("code" = String, Path, description = "Administration code, e.g. BJ"),
           ("year" = i32, Path, description = "Reference year")),
    responses((status = 200, body = Object), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_year(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((code, year)): AppPath<(String, String)>,
) -> Result<Json<gedhub_core::workforce::WorkforceReport>> {
    let (_, _, protected) =
        use_cases::report(state.store(), &signed_in.caller, &code, &year).await?;
    Ok(Json(protected.report().clone()))
}
