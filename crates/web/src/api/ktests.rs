//! `/api/v1` for knowledge tests (issue 6): a participant submits their
//! answers once; an attempt's score (and, once the test is closed, its
//! review); the workshop's knowledge gain for the Secretariat.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::training::ktests as use_cases;
use gedhub_core::ktests::grade;
use gedhub_core::training::knowledge_gain as gain_of;
use gedhub_store::ktests::TestState;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRequest {
    /// Question id → the indexes (from 0) of the chosen options. A question
    /// left out is unanswered (wrong).
    #[schema(value_type = Object)]
    pub answers: BTreeMap<i64, BTreeSet<usize>>,
}

#[derive(Serialize, ToSchema)]
pub struct SubmissionResponse {
    /// Questions answered exactly right (all or nothing per question).
    pub correct: usize,
    pub questions: usize,
    /// `correct ÷ questions × 100`.
    pub score_pct: f64,
}

/// `POST /api/v1/workshops/{workshop}/tests/{kind}/submissions`: a confirmed
/// participant submits their answers to the open `pre` or `post` test → 201
/// with the score. Once only (409 `already_submitted`, nothing changed);
/// 409 `test_not_open`, `time_limit_exceeded` (limit + 30 s); 422 for
/// unknown questions or options, or several options on a one-option
/// question.
#[utoipa::path(post, operation_id = "submit_test_answers", path = "/api/v1/workshops/{workshop}/tests/{kind}/submissions", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("kind" = String, Path, description = "`pre` or `post`")),
    request_body = SubmissionRequest,
    responses((status = 201, body = SubmissionResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    ApiJson(request): ApiJson<SubmissionRequest>,
) -> Result<Response> {
    let (test, _) = use_cases::submit(
        state.store(),
        &signed_in.caller,
        id,
        &kind,
        &request.answers,
    )
    .await?;
    let graded = grade(&test.questions, &request.answers)?;
    Ok((
        StatusCode::CREATED,
        Json(SubmissionResponse {
            correct: graded.correct,
            questions: graded.questions,
            score_pct: graded.score_pct,
        }),
    )
        .into_response())
}

#[derive(Serialize, ToSchema)]
pub struct ReviewItem {
    pub question_id: i64,
    pub chosen: Vec<usize>,
    pub correct_options: Vec<usize>,
    pub right: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AttemptResponse {
    #[schema(format = DateTime)]
    pub started_at: String,
    #[schema(schema_with = codes::date_time_or_null)]
    pub submitted_at: Option<String>,
    pub score_pct: Option<f64>,
    /// The correct answers: `null` until the test is closed.
    pub review: Option<Vec<ReviewItem>>,
}

/// `GET /api/v1/workshops/{workshop}/tests/{kind}/attempts/{email}`: a
/// participant's attempt, for the Secretariat, the participant, and the
/// focal points of the administration that nominated them (anyone else:
/// 404). The review appears once the test is closed.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/tests/{kind}/attempts/{email}", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("kind" = String, Path, description = "`pre` or `post`"),
           ("email" = String, Path, description = "The participant's e-mail")),
    responses((status = 200, body = AttemptResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn attempt(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind, email)): AppPath<(i64, String, String)>,
) -> Result<Json<AttemptResponse>> {
    let (test, attempt) =
        use_cases::attempt(state.store(), &signed_in.caller, id, &kind, &email).await?;
    let review = (test.state == TestState::Closed && attempt.submitted_at.is_some()).then(|| {
        test.questions
            .iter()
            .map(|(question_id, question)| {
                let chosen = attempt
                    .answers
                    .get(question_id)
                    .cloned()
                    .unwrap_or_default();
                ReviewItem {
                    question_id: *question_id,
                    right: question.is_correct(&chosen),
                    chosen: chosen.into_iter().collect(),
                    correct_options: question.correct_set().into_iter().collect(),
                }
            })
            .collect()
    });
    Ok(Json(AttemptResponse {
        started_at: attempt.started_at.to_db(),
        submitted_at: attempt.submitted_at.map(|t| t.to_db()),
        score_pct: attempt.score_pct,
        review,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantGain {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub administration: Option<String>,
    pub pre_test_pct: Option<f64>,
    pub post_test_pct: Option<f64>,
    /// post − pre in percentage points, when both were taken.
    pub gain_points: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct WorkshopGain {
    /// Participants who took both tests.
    pub participants: usize,
    /// Mean of post − pre, in percentage points.
    pub mean_gain_points: Option<f64>,
    /// Share of those participants whose post score is higher, in percent.
    pub improved_pct: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct KnowledgeGainResponse {
    pub participants: Vec<ParticipantGain>,
    pub workshop: WorkshopGain,
}

/// `GET /api/v1/workshops/{workshop}/knowledge-gain` (Secretariat): each
/// confirmed participant's scores and gain, and the workshop's figures.
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/knowledge-gain", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")),
    responses((status = 200, body = KnowledgeGainResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn knowledge_gain(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<KnowledgeGainResponse>> {
    let records = use_cases::knowledge_gain(state.store(), &signed_in.caller, id).await?;
    let pairs: Vec<(f64, f64)> = records
        .iter()
        .filter_map(|r| r.pre_test_pct.zip(r.post_test_pct))
        .collect();
    let gain = gain_of(&pairs);
    Ok(Json(KnowledgeGainResponse {
        participants: records
            .into_iter()
            .map(|r| ParticipantGain {
                gain_points: r
                    .pre_test_pct
                    .zip(r.post_test_pct)
                    .map(|(pre, post)| post - pre),
                pre_test_pct: r.pre_test_pct,
                post_test_pct: r.post_test_pct,
                email: r.participant.email,
                name: r.participant.name,
                administration: r.participant.administration,
            })
            .collect(),
        workshop: WorkshopGain {
            participants: gain.participants,
            mean_gain_points: gain.mean_gain_points,
            improved_pct: gain.improved_pct,
        },
    }))
}
