//! `/api/v1` for a workshop's agenda, facilitators, exercises and the
//! facilitators' assessments (issue 6). Session attendance goes through
//! `PUT /api/v1/workshops/{workshop}/attendance` with a `session` id (see
//! `api::training`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::Problems;
use gedhub_app::training::agenda::{
    self as use_cases, AssessmentInput, ExerciseInput, ResultInput, SessionFields,
};
use gedhub_core::training::{Criterion, ExerciseKind, ExerciseScale};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;
use crate::training_views::material_href;

#[derive(Serialize, ToSchema)]
pub struct MaterialResponse {
    pub title: String,
    /// The link, or for an uploaded file its download path.
    pub link: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionResponse {
    pub id: i64,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    /// `HH:MM`.
    pub start_time: String,
    pub end_time: String,
    pub title_en: String,
    pub title_fr: String,
    pub description: String,
    pub materials: Vec<MaterialResponse>,
}

/// `GET /api/v1/workshops/{workshop}/sessions`: the agenda, by day and time.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/sessions", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")),
    responses((status = 200, body = [SessionResponse]), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Vec<SessionResponse>>> {
    let (workshop, sessions) = use_cases::sessions(state.store(), id).await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|s| SessionResponse {
                id: s.id,
                date: s.day.to_string(),
                start_time: s.start_time,
                end_time: s.end_time,
                title_en: s.title_en,
                title_fr: s.title_fr,
                description: s.description,
                materials: s
                    .materials
                    .into_iter()
                    .map(|m| MaterialResponse {
                        link: material_href(workshop.id, &m),
                        title: m.title,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSessionRequest {
    /// A day of the workshop, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    /// `HH:MM`.
    pub start_time: String,
    /// `HH:MM`, after the start.
    pub end_time: String,
    pub title_en: String,
    pub title_fr: Option<String>,
    pub description: Option<String>,
}

/// `POST /api/v1/workshops/{workshop}/sessions` (Secretariat, the
/// workshop's facilitators; anyone else 404) → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/sessions", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = NewSessionRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_session(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewSessionRequest>,
) -> Result<Response> {
    let session = use_cases::add_session(
        state.store(),
        &signed_in.caller,
        id,
        SessionFields::from(request),
    )
    .await?;
    Ok(created(session.id))
}

impl From<NewSessionRequest> for SessionFields {
    fn from(request: NewSessionRequest) -> Self {
        SessionFields {
            date: request.date,
            start_time: request.start_time,
            end_time: request.end_time,
            title_en: request.title_en,
            title_fr: request.title_fr.unwrap_or_default(),
            description: request.description.unwrap_or_default(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilitatorRequest {
    #[schema(format = Email)]
    pub email: String,
}

/// `POST /api/v1/workshops/{workshop}/facilitators` (Secretariat) → 201
/// `{"id"}` (the account's id).
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/facilitators", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = FacilitatorRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_facilitator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<FacilitatorRequest>,
) -> Result<Response> {
    let facilitator =
        use_cases::add_facilitator(state.store(), &signed_in.caller, id, &request.email).await?;
    Ok(created(facilitator.user_id.0))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewExerciseRequest {
    pub title: String,
    /// `individual` or `group`.
    #[schema(schema_with = codes::exercise_kind)]
    pub kind: String,
    /// A positive maximum score …
    pub max_score: Option<f64>,
    /// … or rubric levels, lowest first (2–10).
    pub levels: Option<Vec<String>>,
}

impl TryFrom<NewExerciseRequest> for ExerciseInput {
    type Error = Problems;

    /// The kind first, then the scale.
    fn try_from(request: NewExerciseRequest) -> std::result::Result<Self, Problems> {
        let kind = ExerciseKind::parse(&request.kind)?;
        let scale = ExerciseScale::new(request.max_score, &request.levels.unwrap_or_default())?;
        Ok(ExerciseInput {
            title: request.title,
            kind,
            scale,
        })
    }
}

/// `POST /api/v1/workshops/{workshop}/exercises` (Secretariat, facilitators) → 201.
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/exercises", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = NewExerciseRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_exercise(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NewExerciseRequest>,
) -> Result<Response> {
    let exercise = use_cases::add_exercise(state.store(), &signed_in.caller, id, request).await?;
    Ok(created(exercise.id))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupRequest {
    pub group: String,
    /// The members' e-mails (confirmed participants).
    pub emails: Vec<String>,
}

/// `PUT /api/v1/workshops/{workshop}/exercises/{exercise}/groups`: defines
/// (or redefines) one group of a group exercise.
#[utoipa::path(put, path = "/api/v1/workshops/{workshop}/exercises/{exercise}/groups", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("exercise" = i64, Path, description = "Exercise id")),
    request_body = GroupRequest,
    responses((status = 204), (status = 404, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn set_group(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, exercise_id)): AppPath<(i64, i64)>,
    ApiJson(request): ApiJson<GroupRequest>,
) -> Result<Response> {
    use_cases::set_group(
        state.store(),
        &signed_in.caller,
        id,
        exercise_id,
        &request.group,
        &request.emails,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultRequest {
    /// The participant (individual exercise) …
    pub email: Option<String>,
    /// … or the group (group exercise).
    pub group: Option<String>,
    /// For a scored exercise: 0 to the maximum.
    pub score: Option<f64>,
    /// For a rubric: the level, 1 = lowest.
    pub level: Option<u32>,
}

impl TryFrom<ResultRequest> for ResultInput {
    type Error = Problems;

    /// The request's fields are typed already.
    fn try_from(request: ResultRequest) -> std::result::Result<Self, Problems> {
        Ok(ResultInput {
            email: request.email,
            group: request.group,
            score: request.score,
            level: request.level,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct ResultResponse {
    pub percent: f64,
}

/// `PUT /api/v1/workshops/{workshop}/exercises/{exercise}/results`.
#[utoipa::path(put, path = "/api/v1/workshops/{workshop}/exercises/{exercise}/results", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("exercise" = i64, Path, description = "Exercise id")),
    request_body = ResultRequest,
    responses((status = 200, body = ResultResponse), (status = 404, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn record_result(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, exercise_id)): AppPath<(i64, i64)>,
    ApiJson(request): ApiJson<ResultRequest>,
) -> Result<Json<ResultResponse>> {
    let percent =
        use_cases::record_result(state.store(), &signed_in.caller, id, exercise_id, request)
            .await?;
    Ok(Json(ResultResponse { percent }))
}

#[derive(Serialize, ToSchema)]
pub struct CandidateScoresResponse {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub exercises_done: usize,
    /// Mean of the participant's exercise percentages.
    pub exercise_pct: Option<f64>,
    /// Mean of every 1–5 rubric score the facilitators gave them.
    pub rubric_mean: Option<f64>,
}

/// `GET /api/v1/workshops/{workshop}/candidate-scores` (Secretariat,
/// facilitators): per confirmed participant, exercise average and rubric
/// mean.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/candidate-scores", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")),
    responses((status = 200, body = [CandidateScoresResponse]), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn candidate_scores(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Vec<CandidateScoresResponse>>> {
    Ok(Json(
        use_cases::candidate_scores(state.store(), &signed_in.caller, id)
            .await?
            .into_iter()
            .map(|(p, c)| CandidateScoresResponse {
                email: p.email,
                name: p.name,
                exercises_done: c.exercises_done,
                exercise_pct: c.exercise_pct,
                rubric_mean: c.rubric_mean,
            })
            .collect(),
    ))
}

/// One criterion's score (1–5) and comment.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionScore {
    #[schema(minimum = 1, maximum = 5)]
    pub score: i64,
    #[serde(default)]
    pub comment: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilitatorAssessmentRequest {
    /// The participant assessed.
    #[schema(format = Email)]
    pub email: String,
    pub ged_tools: CriterionScore,
    pub technical_expertise: CriterionScore,
    pub support_members: CriterionScore,
    pub facilitate_senior_officials: CriterionScore,
}

/// `PUT /api/v1/workshops/{workshop}/assessments`: the caller's assessment
/// of a participant (the workshop's facilitators; editable until released).
#[utoipa::path(put, path = "/api/v1/workshops/{workshop}/assessments", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = FacilitatorAssessmentRequest,
    responses((status = 204), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn save_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<FacilitatorAssessmentRequest>,
) -> Result<Response> {
    let criteria = [
        request.ged_tools,
        request.technical_expertise,
        request.support_members,
        request.facilitate_senior_officials,
    ];
    let input = AssessmentInput {
        email: request.email,
        scores: [
            criteria[0].score,
            criteria[1].score,
            criteria[2].score,
            criteria[3].score,
        ],
        comments: criteria.map(|c| c.comment),
    };
    use_cases::save_assessment(state.store(), &signed_in.caller, id, input).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseRequest {
    /// Must be `true`.
    pub release: bool,
}

/// `POST /api/v1/workshops/{workshop}/assessments/release` (Secretariat):
/// `{"release": true}`.
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/assessments/release", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = ReleaseRequest,
    responses((status = 204), (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
              (status = 422, description = "`release` is not `true` (`required`).", body = crate::api::ErrorEnvelope)))]
pub async fn release_assessments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<ReleaseRequest>,
) -> Result<Response> {
    use_cases::release_assessments(state.store(), &signed_in.caller, id, request.release).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Serialize, ToSchema)]
pub struct FacilitatorAssessmentResponse {
    pub facilitator: String,
    /// By criterion: `ged_tools`, `technical_expertise`, `support_members`,
    /// `facilitate_senior_officials`.
    pub criteria: std::collections::BTreeMap<String, CriterionScore>,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct FacilitatorAssessmentsResponse {
    pub released: bool,
    pub assessments: Vec<FacilitatorAssessmentResponse>,
}

/// `GET /api/v1/workshops/{workshop}/participants/{email}/assessments`: the
/// Secretariat and the workshop's facilitators read them all; the
/// participant and their focal points only once released (an empty list
/// before); anyone else 404.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/participants/{email}/assessments", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("email" = String, Path, description = "The participant's e-mail")),
    responses((status = 200, body = FacilitatorAssessmentsResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn participant_assessments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, email)): AppPath<(i64, String)>,
) -> Result<Json<FacilitatorAssessmentsResponse>> {
    let (released, assessments) =
        use_cases::participant_assessments(state.store(), &signed_in.caller, id, &email).await?;
    let assessments = assessments
        .into_iter()
        .map(|a| FacilitatorAssessmentResponse {
            facilitator: a.facilitator_name.clone(),
            criteria: Criterion::ALL
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    (
                        c.as_str().to_owned(),
                        CriterionScore {
                            score: i64::from(a.rubric.scores[i]),
                            comment: a.rubric.comments[i].clone(),
                        },
                    )
                })
                .collect(),
            updated_at: a.updated_at.clone(),
        })
        .collect();
    Ok(Json(FacilitatorAssessmentsResponse {
        released,
        assessments,
    }))
}
