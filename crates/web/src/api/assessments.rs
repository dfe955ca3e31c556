//! `/api/v1` for GEOAT instruments and assessments.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::assessments::{self as use_cases, AnswerChange, NewAssessmentInput};
use gedhub_store::assessments::{Answer, Assessment};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct InstrumentSummaryResponse {
    pub code: String,
    pub edition: String,
    /// Title by language code.
    #[schema(value_type = Object)]
    pub title: gedhub_core::instrument::Localized,
    pub sections: usize,
    pub indicators: usize,
    /// Used by an assessment, hence frozen.
    pub in_use: bool,
}

/// `GET /api/v1/instruments`.
#[utoipa::path(get, path = "/api/v1/instruments", tag = "assessments",
    responses((status = 200, body = [InstrumentSummaryResponse]), (status = 401, body = crate::api::ErrorEnvelope)))]
pub async fn list_instruments(
    State(state): State<AppState>,
    _signed_in: SignedIn,
) -> Result<Json<Vec<InstrumentSummaryResponse>>> {
    Ok(Json(
        state
            .store()
            .instruments()
            .await?
            .into_iter()
            .map(|i| InstrumentSummaryResponse {
                code: i.code,
                edition: i.edition,
                title: i.title,
                sections: i.section_count,
                indicators: i.indicator_count,
                in_use: i.in_use,
            })
            .collect(),
    ))
}

/// `GET /api/v1/instruments/{code}`: the full tree with codes and labels in
/// every shipped language, the scale and the thresholds.
#[utoipa::path(get, path = "/api/v1/instruments/{code}", tag = "assessments",
    params(("code" = String, Path, description = "Instrument code, e.g. gedhub-geoat-2023")),
    responses((status = 200, body = Object), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_instrument(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    AppPath(code): AppPath<String>,
) -> Result<Json<gedhub_core::instrument::Instrument>> {
    Ok(Json((*state.store().instrument(&code).await?).clone()))
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentResponse {
    pub id: i64,
    pub administration: String,
    pub instrument: String,
    pub title: String,
    /// `draft`, `in_progress`, `submitted`, `validated` or `archived`.
    #[schema(schema_with = codes::assessment_status)]
    pub status: String,
    pub status_reason: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<&Assessment> for AssessmentResponse {
    fn from(a: &Assessment) -> Self {
        Self {
            id: a.id,
            administration: a.administration.to_string(),
            instrument: a.instrument_code.clone(),
            title: a.title.clone(),
            status: a.status.as_str().to_owned(),
            status_reason: a.status_reason.clone(),
            created_at: a.created_at.clone(),
            updated_at: a.updated_at.clone(),
        }
    }
}

/// `GET /api/v1/assessments`: the assessments the caller may see.
#[utoipa::path(get, path = "/api/v1/assessments", tag = "assessments",
    responses((status = 200, body = [AssessmentResponse]), (status = 401, body = crate::api::ErrorEnvelope)))]
pub async fn list_assessments(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<AssessmentResponse>>> {
    let list = use_cases::list(state.store(), &signed_in.caller).await?;
    Ok(Json(list.iter().map(AssessmentResponse::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessmentRequest {
    pub instrument: String,
    pub title: String,
    /// Required for the Secretariat; a focal point's administration is implied.
    pub administration: Option<String>,
}

/// `POST /api/v1/assessments` → 201 `{"id", ...}`.
#[utoipa::path(post, path = "/api/v1/assessments", tag = "assessments",
    request_body = NewAssessmentRequest,
    responses((status = 201, body = AssessmentResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewAssessmentRequest>,
) -> Result<Response> {
    let input = NewAssessmentInput {
        instrument: request.instrument,
        title: request.title,
        administration: request.administration,
    };
    let assessment = use_cases::start(state.store(), &signed_in.caller, input).await?;
    Ok((
        StatusCode::CREATED,
        Json(AssessmentResponse::from(&assessment)),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct AnswerResponse {
    pub indicator_code: String,
    pub rating: Option<u8>,
    pub not_applicable: bool,
    pub justification: String,
    pub evidence: String,
    /// Send it back as `version` so a concurrent change is detected.
    pub version: i64,
    pub updated_by: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<&Answer> for AnswerResponse {
    fn from(a: &Answer) -> Self {
        Self {
            indicator_code: a.indicator_code.clone(),
            rating: a.rating,
            not_applicable: a.not_applicable,
            justification: a.justification.clone(),
            evidence: a.evidence.clone(),
            version: a.version,
            updated_by: a.updated_by.clone(),
            updated_at: a.updated_at.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentDetailResponse {
    #[serde(flatten)]
    pub assessment: AssessmentResponse,
    pub answers: Vec<AnswerResponse>,
}

/// `GET /api/v1/assessments/{id}`: the assessment and its answers.
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessments",
    params(("id" = i64, Path)),
    responses((status = 200, body = AssessmentDetailResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<AssessmentDetailResponse>> {
    let loaded = use_cases::load(state.store(), &signed_in.caller, id).await?;
    let answers = state.store().answers(loaded.assessment.id).await?;
    Ok(Json(AssessmentDetailResponse {
        assessment: AssessmentResponse::from(&loaded.assessment),
        answers: answers.iter().map(AnswerResponse::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentAnswerRequest {
    /// 0..max of the instrument's scale; `null` clears the rating.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub rating: Option<Option<i64>>,
    #[serde(default)]
    pub not_applicable: bool,
    pub justification: Option<String>,
    pub evidence: Option<String>,
    /// The version this change is based on (from a previous read); a
    /// different current version is a conflict (409).
    pub version: Option<i64>,
}

/// `PUT /api/v1/assessments/{id}/answers/{indicator_code}`: `{"rating": 0..5}`
/// or `{"not_applicable": true}` (one of them is required; `{"rating": null}`
/// clears the answer), with optional `justification` and `evidence`.
#[utoipa::path(put, path = "/api/v1/assessments/{id}/answers/{indicator}", tag = "assessments",
    params(("id" = i64, Path), ("indicator" = String, Path, description = "Indicator code, e.g. P1.A.1")),
    request_body = AssessmentAnswerRequest,
    responses((status = 200, body = AnswerResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn put_answer(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, code)): AppPath<(i64, String)>,
    ApiJson(request): ApiJson<AssessmentAnswerRequest>,
) -> Result<Json<AnswerResponse>> {
    let change = AnswerChange {
        rating: request.rating,
        not_applicable: request.not_applicable,
        justification: request.justification,
        evidence: request.evidence,
        version: request.version,
    };
    let answer =
        use_cases::change_answer(state.store(), &signed_in.caller, id, &code, change).await?;
    Ok(Json(AnswerResponse::from(&answer)))
}

/// Tells a JSON `null` (clear) from a missing field (not sent).
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(deserializer).map(Some)
}

#[derive(Serialize, ToSchema)]
pub struct SectionScoreResponse {
    pub code: String,
    /// Unrounded; null when no indicator of the section is rated.
    #[schema(minimum = 0, maximum = 100)]
    pub score_pct: Option<f64>,
    pub rated: usize,
    pub total: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ScoresResponse {
    #[schema(minimum = 0, maximum = 100)]
    pub overall_pct: Option<f64>,
    pub sections: Vec<SectionScoreResponse>,
    /// Indicator codes rated at or above the strength threshold.
    pub strengths: Vec<String>,
    /// Indicator codes rated at or below the gap threshold.
    pub gaps: Vec<String>,
}

/// `GET /api/v1/assessments/{id}/scores`.
#[utoipa::path(get, path = "/api/v1/assessments/{id}/scores", tag = "assessments",
    params(("id" = i64, Path)),
    responses((status = 200, body = ScoresResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn scores(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<ScoresResponse>> {
    let loaded = use_cases::load(state.store(), &signed_in.caller, id).await?;
    let scores = use_cases::scores(state.store(), &loaded).await?;
    Ok(Json(ScoresResponse {
        overall_pct: scores.overall.score_pct,
        sections: scores
            .sections
            .iter()
            .map(|s| SectionScoreResponse {
                code: s.score.code.clone(),
                score_pct: s.score.score_pct,
                rated: s.score.rated,
                total: s.score.total,
            })
            .collect(),
        strengths: scores
            .strengths
            .iter()
            .map(|f| f.indicator.clone())
            .collect(),
        gaps: scores.gaps.iter().map(|f| f.indicator.clone()).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentTransitionRequest {
    /// `submit`, `validate`, `reopen` or `archive`.
    #[schema(schema_with = codes::assessment_transition)]
    pub transition: String,
    /// Required to reopen.
    pub reason: Option<String>,
}

/// `POST /api/v1/assessments/{id}/transitions`.
#[utoipa::path(post, path = "/api/v1/assessments/{id}/transitions", tag = "assessments",
    params(("id" = i64, Path)),
    request_body = AssessmentTransitionRequest,
    responses((status = 200, body = AssessmentResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn transition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<AssessmentTransitionRequest>,
) -> Result<Json<AssessmentResponse>> {
    let loaded = use_cases::load(state.store(), &signed_in.caller, id).await?;
    let assessment = use_cases::apply_transition(
        state.store(),
        &signed_in.caller,
        &loaded,
        &request.transition,
        request.reason.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(Json(AssessmentResponse::from(&assessment)))
}

/// `GET /api/v1/assessments/{id}/report.pdf?lang=fr` (documentation only:
/// the handler is shared with the page's download).
#[utoipa::path(get, path = "/api/v1/assessments/{id}/report.pdf", tag = "assessments",
    params(("id" = i64, Path), ("lang" = Option<String>, Query, description = "en or fr")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn report_pdf_doc() {}

/// `GET /api/v1/assessments/{id}/report.xlsx?lang=fr` (documentation only).
#[utoipa::path(get, path = "/api/v1/assessments/{id}/report.xlsx", tag = "assessments",
    params(("id" = i64, Path), ("lang" = Option<String>, Query, description = "en or fr")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
              (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn report_xlsx_doc() {}
