//! `/api/v1` for surveys and evaluation (issue 6): a participant's answers
//! and a workshop's evaluation at Kirkpatrick levels 1–3.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_app::training::surveys::{self as use_cases, SurveyResults};
use gedhub_core::ValidationError;
use gedhub_core::surveys::ANONYMITY_THRESHOLD;
use gedhub_store::surveys::Answer;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswerRequest {
    /// The item's id.
    pub item: i64,
    /// A Likert item's answer, 1–5.
    pub value: Option<i64>,
    /// A free-text item's answer.
    pub text: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseRequest {
    pub answers: Vec<SurveyAnswerRequest>,
}

#[derive(Serialize, ToSchema)]
pub struct ResponseCreated {
    /// How many answers were stored.
    pub answers: usize,
}

/// `POST /api/v1/workshops/{workshop}/surveys/{kind}/responses`: a confirmed
/// participant answers the workshop's `feedback` or `follow_up` survey, once
/// (a second answer: 409 `survey_already_answered`, nothing changed). To
/// anyone else the survey does not exist (404).
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/surveys/{kind}/responses", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"),
           ("kind" = String, Path, description = "`feedback` or `follow_up`")),
    request_body = ResponseRequest,
    responses((status = 201, body = ResponseCreated), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn submit_response(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, kind)): AppPath<(i64, String)>,
    ApiJson(request): ApiJson<ResponseRequest>,
) -> Result<Response> {
    let answers = use_cases::answer(state.store(), &signed_in.caller, id, &kind, |_| {
        request
            .answers
            .into_iter()
            .map(|answer| match (answer.value, answer.text) {
                (Some(value), None) => Ok((answer.item, Answer::Likert(value))),
                (None, Some(text)) => Ok((answer.item, Answer::Text(text))),
                _ => Err(ValidationError::new("answers", "wrong_answer_kind")),
            })
            .collect()
    })
    .await?;
    Ok((StatusCode::CREATED, Json(ResponseCreated { answers })).into_response())
}

#[derive(Serialize, ToSchema)]
pub struct TextAnswer {
    pub text: String,
    /// The respondent, only when the survey is not anonymous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemSummary {
    pub id: i64,
    /// `likert` or `free_text`.
    #[schema(schema_with = codes::item_kind)]
    pub kind: String,
    pub text_en: String,
    pub text_fr: String,
    pub answers: usize,
    /// Likert items: the mean of the answers (1–5).
    pub mean: Option<f64>,
    /// Likert items: how many answered 1, 2, 3, 4 and 5.
    pub distribution: Option<Vec<usize>>,
    /// Free-text items: the answers.
    pub texts: Vec<TextAnswer>,
}

#[derive(Serialize, ToSchema)]
pub struct SurveySummary {
    /// `feedback` or `follow_up`.
    #[schema(schema_with = codes::survey_kind)]
    pub kind: String,
    pub anonymous: bool,
    pub open: bool,
    #[schema(schema_with = codes::date_or_null)]
    pub send_on: Option<String>,
    #[schema(schema_with = codes::date_time_or_null)]
    pub sent_at: Option<String>,
    pub responses: usize,
    /// False while an anonymous survey has fewer responses than
    /// `anonymity_threshold`: `items` is then empty.
    pub results_visible: bool,
    pub anonymity_threshold: usize,
    pub items: Vec<ItemSummary>,
}

fn summary(results: &SurveyResults) -> SurveySummary {
    SurveySummary {
        kind: results.survey.kind.as_str().to_owned(),
        anonymous: results.survey.anonymous,
        open: results.survey.is_open,
        send_on: results.survey.send_on.map(|d| d.to_string()),
        sent_at: results.survey.sent_at.clone(),
        responses: results.responses,
        results_visible: results.visible,
        anonymity_threshold: ANONYMITY_THRESHOLD,
        items: results
            .results
            .iter()
            .map(|r| ItemSummary {
                id: r.item.id,
                kind: r.item.kind.as_str().to_owned(),
                text_en: r.item.text_en.clone(),
                text_fr: r.item.text_fr.clone(),
                answers: r.likert.map_or(r.texts.len(), |s| s.answers),
                mean: r.likert.and_then(|s| s.mean),
                distribution: r.likert.map(|s| s.distribution.to_vec()),
                texts: r
                    .texts
                    .iter()
                    .map(|(text, name)| TextAnswer {
                        text: text.clone(),
                        name: name.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct LearningFigures {
    /// Participants with both a pre- and a post-test score.
    pub participants: usize,
    /// Mean of post − pre, in percentage points.
    pub mean_gain_points: Option<f64>,
    /// Share of those participants whose post score is higher, in percent.
    pub improved_pct: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceFigures {
    pub confirmed: usize,
    pub mean_attendance_pct: Option<f64>,
    pub completed: usize,
    pub completion_pct: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct EvaluationResponse {
    pub workshop: i64,
    /// Level 1: the feedback survey, if the workshop has one.
    pub reaction: Option<SurveySummary>,
    /// Level 2: knowledge gain from the pre- and post-tests.
    pub learning: LearningFigures,
    pub attendance: AttendanceFigures,
    /// Level 3: the follow-up survey, if the workshop has one.
    pub behaviour: Option<SurveySummary>,
}

/// `GET /api/v1/workshops/{workshop}/evaluation` (Secretariat; anyone else 404).
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/evaluation", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")),
    responses((status = 200, body = EvaluationResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn evaluation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<EvaluationResponse>> {
    let figures = use_cases::evaluation(state.store(), &signed_in.caller, id).await?;
    let workshop = &figures.workshop;
    Ok(Json(EvaluationResponse {
        workshop: workshop.id,
        reaction: figures.reaction.as_ref().map(summary),
        learning: LearningFigures {
            participants: figures.learning.participants,
            mean_gain_points: figures.learning.mean_gain_points,
            improved_pct: figures.learning.improved_pct,
        },
        attendance: AttendanceFigures {
            confirmed: figures.confirmed,
            mean_attendance_pct: figures.mean_attendance_pct,
            completed: figures.completed,
            completion_pct: figures.completion_pct,
        },
        behaviour: figures.behaviour.as_ref().map(summary),
    }))
}
