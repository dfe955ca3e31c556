//! Workforce statistics in the JSON API: an administration's reporting years,
//! one year's figures (protected and rounded like every other channel) and
//! the upload of a year's extract (refused for a year that has a report
//! unless `replace=true`), for the Secretariat and that administration's
//! focal points (anyone else: 404).

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use gedhub_app::workforce::{self as use_cases, Upload, UploadForm, UploadOutcome};
use gedhub_core::ValidationError;
use gedhub_core::disclosure::workforce::ProtectedReport;
use gedhub_store::workforce::StoredWorkforceReport;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
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

impl WorkforceYearResponse {
    /// A stored year as the API shows it: only protected figures.
    fn new(stored: StoredWorkforceReport, protected: &ProtectedReport) -> Self {
        Self {
            reference_year: stored.reference_year,
            workers: protected.report().workers.total,
            pay_gap_mean_pct: protected.report().pay_gap.mean_pct,
            file_sha256: stored.file_sha256,
            rows_read: stored.rows_read,
            rows_rejected: stored.rows_rejected,
            computed_at: stored.computed_at,
        }
    }
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
            .map(|(stored, protected)| WorkforceYearResponse::new(stored, &protected))
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

/// `?replace=&min_group=&skip_invalid=` of an extract upload.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// `true` to replace the year's existing report; without it an upload
    /// for a year that has a report is refused (409
    /// `workforce_report_exists`) and nothing is computed.
    #[param(required = false)]
    pub replace: bool,
    /// The smallest group shown (10 to 1000; 10 by default).
    #[param(value_type = Option<u32>, required = false)]
    pub min_group: Option<String>,
    /// `true` to compute on the valid rows and leave out the invalid ones
    /// (by default a file with bad rows is refused whole).
    #[param(required = false)]
    pub skip_invalid: bool,
}

/// Computes a year's figures from an HR extract sent as the body (CSV or
/// .xlsx, as on the workforce page) and stores the protected report with
/// the file's checksum; the file itself is dropped. A year that already
/// has a report is replaced only with `replace=true` (the audit log keeps
/// both versions' headline figures).
#[utoipa::path(post, path = "/api/v1/workforce/{code}/{year}", tag = "workforce",
    params(("code" = String, Path, description = "Administration code, e.g. BJ"),
           ("year" = i32, Path, description = "Reference year"), UploadParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = WorkforceYearResponse),
              (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, description = "The year has a report and `replace=true` was not given (`workforce_report_exists`).", body = crate::api::ErrorEnvelope),
              (status = 422, description = "Bad options, an empty body, or an extract refused (`workforce_extract_refused`: unreadable, or rows with problems).", body = crate::api::ErrorEnvelope)))]
pub async fn upload_extract(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((code, year)): AppPath<(String, String)>,
    AppQuery(params): AppQuery<UploadParams>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<WorkforceYearResponse>)> {
    let administration = use_cases::administration(state.store(), &signed_in.caller, &code).await?;
    let file =
        crate::uploads::body_bytes(&headers, body, crate::workforce::MAX_EXTRACT_BYTES).await?;
    let upload = Upload::try_from(UploadForm {
        year: Some(year),
        min_group: params.min_group,
        skip_invalid: params.skip_invalid,
        replace: params.replace,
        file: Some(file),
    })
    .map_err(gedhub_app::AppError::from)?;
    let year = upload.options.reference_year;
    match use_cases::upload(state.store(), &signed_in.caller, &administration, upload).await? {
        UploadOutcome::Stored(_) => {}
        UploadOutcome::Exists(_) => return Err(AppError::Conflict("workforce_report_exists")),
        UploadOutcome::Refused(_) => {
            return Err(ValidationError::new("file", "workforce_extract_refused").into());
        }
    }
    let (_, stored, protected) = use_cases::report(
        state.store(),
        &signed_in.caller,
        administration.code().as_str(),
        &year.to_string(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(WorkforceYearResponse::new(stored, &protected)),
    ))
}
