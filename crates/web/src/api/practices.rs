//! `/api/v1/practices`: the shared practice library (issue 8's contract).
//! Searching returns published practices only, ranked; creating is for the
//! Secretariat, focal points and experts; review moves answer 409 when the
//! move does not exist from the practice's status. The use cases and access
//! are in `gedhub_app::practices`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use gedhub_app::practices as use_cases;
use gedhub_core::practices::Review;
use gedhub_store::practices::Practice;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath, AppQuery};
use crate::practices::{PracticeInput, SearchParams, TranslationInput};
use crate::state::AppState;

/// A practice in a list, in the reader's language when translated.
#[derive(Serialize, ToSchema)]
pub struct PracticeSummary {
    pub id: i64,
    pub administration: String,
    pub year: i32,
    pub areas: Vec<String>,
    /// `draft`, `submitted`, `published` or `archived`.
    pub status: String,
    pub original_language: String,
    /// Every language the practice has a text in.
    pub languages: Vec<String>,
    /// The language of `title` and `summary` below.
    pub language: String,
    pub title: String,
    pub summary: String,
    /// Search relevance, higher is better (0 without words).
    pub score: f64,
}

pub(crate) fn summary(practice: &Practice, reader: &str, score: f64) -> PracticeSummary {
    let (text, _) = practice.text_for(reader);
    PracticeSummary {
        id: practice.id,
        administration: practice.administration.clone(),
        year: practice.year,
        areas: practice.areas.clone(),
        status: practice.status.as_str().to_owned(),
        original_language: practice.original_language.clone(),
        languages: practice
            .languages()
            .iter()
            .map(|l| (*l).to_owned())
            .collect(),
        language: text.language.clone(),
        title: text.title.clone(),
        summary: text.summary.clone(),
        score,
    }
}

/// `GET /api/v1/practices?q=&area=&lang=&region=&year=`: published
/// practices matching every word (accents, case and plurals ignored),
/// best first; without words, newest first.
#[utoipa::path(get, operation_id = "search_practices", path = "/api/v1/practices", tag = "practices", params(SearchParams),
    responses((status = 200, body = [PracticeSummary]), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn search(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(params): AppQuery<SearchParams>,
) -> Result<Json<Vec<PracticeSummary>>> {
    let reader = signed_in.locale.code();
    let hits = use_cases::search(state.store(), &(&params).into()).await?;
    Ok(Json(
        hits.iter()
            .map(|hit| summary(&hit.practice, &reader, hit.score))
            .collect(),
    ))
}

/// `POST /api/v1/practices` (Secretariat, focal points for their own
/// administration, experts for the administration they name) → 201
/// `{"id"}`, submitted for review (or a draft with `"draft": true`).
#[utoipa::path(post, operation_id = "create_practice", path = "/api/v1/practices", tag = "practices", request_body = PracticeInput,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(input): ApiJson<PracticeInput>,
) -> Result<Response> {
    let practice = use_cases::create(state.store(), &signed_in.caller, &input.into()).await?;
    Ok(created(practice.id))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewComment {
    /// Required when requesting changes: what the author should change.
    pub comment: String,
}

async fn move_practice(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    to: Review,
    comment: &str,
) -> Result<Json<PracticeSummary>> {
    let practice = use_cases::review(state.store(), &signed_in.caller, id, to, comment).await?;
    Ok(Json(summary(&practice, &signed_in.locale.code(), 0.0)))
}

/// `POST /api/v1/practices/{practice}/submit` (its author, the focal points
/// of its administration, the Secretariat): a draft goes to review.
#[utoipa::path(post, operation_id = "submit_practice", path = "/api/v1/practices/{practice}/submit", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id")),
    responses((status = 200, body = PracticeSummary), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope)))]
pub async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PracticeSummary>> {
    move_practice(&state, &signed_in, id, Review::Submit, "").await
}

/// `POST /api/v1/practices/{practice}/publish` (Secretariat): a submitted
/// practice enters the library.
#[utoipa::path(post, path = "/api/v1/practices/{practice}/publish", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id")),
    responses((status = 200, body = PracticeSummary), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope)))]
pub async fn publish(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PracticeSummary>> {
    signed_in.caller.require_secretariat()?;
    move_practice(&state, &signed_in, id, Review::Publish, "").await
}

/// `POST /api/v1/practices/{practice}/request-changes` (Secretariat)
/// `{"comment"}`: a submitted or published practice goes back to draft with
/// the comment for its author.
#[utoipa::path(post, path = "/api/v1/practices/{practice}/request-changes", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id")), request_body = ReviewComment,
    responses((status = 200, body = PracticeSummary), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn request_changes(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(body): ApiJson<ReviewComment>,
) -> Result<Json<PracticeSummary>> {
    signed_in.caller.require_secretariat()?;
    move_practice(
        &state,
        &signed_in,
        id,
        Review::RequestChanges,
        &body.comment,
    )
    .await
}

/// `POST /api/v1/practices/{practice}/archive` (Secretariat): withdraws a
/// practice from the library.
#[utoipa::path(post, path = "/api/v1/practices/{practice}/archive", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id")),
    responses((status = 200, body = PracticeSummary), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope)))]
pub async fn archive(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PracticeSummary>> {
    signed_in.caller.require_secretariat()?;
    move_practice(&state, &signed_in, id, Review::Archive, "").await
}

/// One practice with its whole text, in the reader's language when
/// translated (`translated` says whether it is).
#[derive(Serialize, ToSchema)]
pub struct PracticeDetail {
    #[serde(flatten)]
    pub summary: PracticeSummary,
    /// GEOAT key elements (`P1.A`, `X.3`).
    pub key_elements: Vec<String>,
    pub what_was_done: String,
    pub results: String,
    pub contact: String,
    /// False when the reader's language is missing: the text is the
    /// original, in `language` (pages show "Available in … only").
    pub translated: bool,
    /// The Secretariat's comment when it asked for changes.
    pub review_comment: String,
}

fn detail(practice: &Practice, reader: &str) -> PracticeDetail {
    let (text, translated) = practice.text_for(reader);
    PracticeDetail {
        summary: summary(practice, reader, 0.0),
        key_elements: practice.key_elements.clone(),
        what_was_done: text.what_was_done.clone(),
        results: text.results.clone(),
        contact: practice.contact.clone(),
        translated,
        review_comment: practice.review_comment.clone(),
    }
}

/// `GET /api/v1/practices/{practice}`: a practice the caller may read
/// (published: everyone signed in; otherwise its author, its
/// administration's focal points and the Secretariat; 404 for others).
#[utoipa::path(get, operation_id = "show_practice", path = "/api/v1/practices/{practice}", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id")),
    responses((status = 200, body = PracticeDetail), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<PracticeDetail>> {
    let practice = use_cases::visible(state.store(), &signed_in.caller, id).await?;
    Ok(Json(detail(&practice, &signed_in.locale.code())))
}

/// `PUT /api/v1/practices/{practice}/texts/{lang}` (its author, the
/// Secretariat): adds or replaces the translation in `lang` (not the
/// original's language: 422 `same_as_original`); the search finds it at
/// once. Answers the practice as a reader of `lang` sees it.
#[utoipa::path(put, path = "/api/v1/practices/{practice}/texts/{lang}", tag = "practices",
    params(("practice" = i64, Path, description = "Practice id"),
        ("lang" = String, Path, description = "Language of the translation: en, fr, es, pt, ar")),
    request_body = TranslationInput,
    responses((status = 200, body = PracticeDetail), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn put_text(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, language)): AppPath<(i64, String)>,
    ApiJson(input): ApiJson<TranslationInput>,
) -> Result<Json<PracticeDetail>> {
    let practice = use_cases::translate(
        state.store(),
        &signed_in.caller,
        id,
        &language,
        &input.into(),
    )
    .await?;
    Ok(Json(detail(
        &practice,
        &practice.text_for(&language).0.language,
    )))
}
