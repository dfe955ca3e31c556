//! `/api/v1` for e-learning: modules, completion reports, completions, and
//! the LRS credentials of `POST /api/v1/lrs-credentials` (issue 6).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::training::elearning::{
    self as use_cases, ModuleFields, ReportFailure, read_report,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::api::{CreatedResponse, created};
use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;
use crate::training_views::problem_text;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCredentialRequest {
    /// Which LMS these credentials are for, e.g. "CLiKC! (Moodle)".
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CredentialResponse {
    /// The HTTP Basic user name for `/xapi`.
    pub key: String,
    /// The HTTP Basic password; shown once, stored only as a hash.
    pub secret: String,
}

/// `POST /api/v1/lrs-credentials` (Secretariat) → 201 `{"key", "secret"}`.
#[utoipa::path(post, path = "/api/v1/lrs-credentials", tag = "elearning", request_body = NewCredentialRequest,
    responses((status = 201, body = CredentialResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_credential(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewCredentialRequest>,
) -> Result<Response> {
    let (credential, secret) =
        use_cases::create_lrs_credential(state.store(), &signed_in.caller, &request.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(CredentialResponse {
            key: credential.key,
            secret,
        }),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct ModuleResponse {
    pub id: i64,
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub lms_course_id: String,
    pub activity_iri: String,
}

/// `GET /api/v1/elearning-modules`.
#[utoipa::path(get, path = "/api/v1/elearning-modules", tag = "elearning",
    responses((status = 200, body = [ModuleResponse]), (status = 401, body = crate::api::ErrorEnvelope)))]
pub async fn list_modules(
    State(state): State<AppState>,
    _signed_in: SignedIn,
) -> Result<Json<Vec<ModuleResponse>>> {
    Ok(Json(
        use_cases::modules(state.store())
            .await?
            .into_iter()
            .map(|m| ModuleResponse {
                id: m.id,
                code: m.code,
                title_en: m.title_en,
                title_fr: m.title_fr,
                lms_course_id: m.lms_course_id,
                activity_iri: m.activity_iri,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewModuleRequest {
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    /// The course's identifier in the LMS, as the completion report names it.
    pub lms_course_id: String,
    /// The xAPI activity IRI of the course.
    pub activity_iri: String,
}

/// `POST /api/v1/elearning-modules` (Secretariat) → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/elearning-modules", tag = "elearning", request_body = NewModuleRequest,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_module(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewModuleRequest>,
) -> Result<Response> {
    let input = ModuleFields {
        code: request.code,
        title_en: request.title_en,
        title_fr: request.title_fr,
        lms_course_id: request.lms_course_id,
        activity_iri: request.activity_iri,
    };
    let module = use_cases::create_module(state.store(), &signed_in.caller, input).await?;
    Ok(created(module.id))
}

#[derive(Serialize, ToSchema)]
pub struct ModuleCompletionResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub completed_on: String,
    /// `lms_report`, `xapi` or `certificate`.
    pub source: String,
}

/// `GET /api/v1/elearning-modules/{module}/completions` (Secretariat).
#[utoipa::path(get, path = "/api/v1/elearning-modules/{module}/completions", tag = "elearning",
    params(("module" = i64, Path)),
    responses((status = 200, body = [ModuleCompletionResponse]), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn completions(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(module_id): AppPath<i64>,
) -> Result<Json<Vec<ModuleCompletionResponse>>> {
    let (_, completions) =
        use_cases::completions(state.store(), &signed_in.caller, module_id).await?;
    Ok(Json(
        completions
            .into_iter()
            .map(|c| ModuleCompletionResponse {
                email: c.email,
                name: c.name,
                completed_on: c.completed_on,
                source: c.source,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RowRef {
    pub line: usize,
    pub email: String,
}

#[derive(Serialize, ToSchema)]
pub struct SkippedRowResponse {
    pub line: usize,
    pub email: String,
    /// `not_completed`, `other_course` or `duplicate`.
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportResponse {
    /// Data rows read.
    pub rows: usize,
    /// E-mails whose completion was recorded now.
    pub recorded: Vec<String>,
    /// E-mails whose completion gedhub already had (nothing changed).
    pub already_recorded: Vec<String>,
    /// Rows whose e-mail is no gedhub account.
    pub unmatched: Vec<RowRef>,
    pub skipped: Vec<SkippedRowResponse>,
}

/// `POST /api/v1/elearning-modules/{module}/completion-reports` (Secretariat):
/// the LMS's course-completion report as the body (CSV, or an .xlsx
/// workbook). A file that cannot be read as a table, or passes a reader's
/// limit, is 400 with a code naming why and a detail naming where (e.g.
/// `csv_unclosed_quote`, `sheet_dimension_too_large`). A malformed e-mail or
/// date anywhere refuses the whole report (422, one error per problem with
/// its line); nothing is recorded then.
#[utoipa::path(post, path = "/api/v1/elearning-modules/{module}/completion-reports", tag = "elearning",
    params(("module" = i64, Path)),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportResponse),
              (status = 400, description = "An empty body (`body_required`), or one that is neither CSV nor an .xlsx workbook (`import_not_readable`).", body = crate::api::ErrorEnvelope),
              (status = 403, body = crate::api::ErrorEnvelope),
              (status = 404, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn import_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(module_id): AppPath<i64>,
    body: Bytes,
) -> Result<Response> {
    let module = use_cases::managed_module(state.store(), &signed_in.caller, module_id).await?;
    if body.is_empty() {
        return Err(AppError::BadRequest("body_required"));
    }
    let report = match read_report(&body, &module).await? {
        Ok(report) => report,
        Err(ReportFailure::Table(error)) => {
            let detail = crate::workbooks::describe_table_error(&error, &context.locale);
            return Ok((
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "errors": [{ "code": error.code(), "detail": detail }] })),
            )
                .into_response());
        }
        Err(ReportFailure::Problems(problems)) => {
            let errors: Vec<serde_json::Value> = problems
                .iter()
                .map(|p| serde_json::json!({ "code": p.code, "detail": problem_text(&context.locale, p) }))
                .collect();
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({ "errors": errors })),
            )
                .into_response());
        }
    };
    let sha = format!("{:x}", Sha256::digest(&body));
    let outcome =
        use_cases::import_report(state.store(), &signed_in.caller, &module, &report, &sha).await?;
    Ok(Json(ImportResponse {
        rows: report.rows,
        recorded: outcome.recorded,
        already_recorded: outcome.already_recorded,
        unmatched: outcome
            .unmatched
            .into_iter()
            .map(|(line, email)| RowRef { line, email })
            .collect(),
        skipped: report
            .skipped
            .into_iter()
            .map(|s| SkippedRowResponse {
                line: s.line,
                email: s.email,
                reason: s.reason.as_str().to_owned(),
            })
            .collect(),
    })
    .into_response())
}
