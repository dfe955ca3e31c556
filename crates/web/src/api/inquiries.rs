//! `/api/v1/inquiries`: inquiries to the Secretariat. The Secretariat lists
//! every inquiry, anyone else their own; an inquiry is visible to the
//! Secretariat and its requester only (404 otherwise). Sending is limited
//! per user and hour (429 `inquiry_rate_limited`); the form's honeypot and
//! fill-time token do not apply to API clients, which authenticate with a
//! token the Secretariat issued. The use cases and who sees what are in
//! `gedhub_app::inquiries`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use gedhub_app::inquiries::{self as use_cases, InboxQuery};
use gedhub_store::inquiries::{Inquiry, InquiryMessage};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::codes;
use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath, AppQuery};
use crate::inquiries::{InquiryInput, answered_notice, send_inquiry, status_notice};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct MessageView {
    pub id: i64,
    pub author: String,
    /// An answer of the Secretariat (else the requester wrote it).
    pub from_secretariat: bool,
    pub body: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct InquiryView {
    pub id: i64,
    pub requester_name: String,
    #[schema(format = Email)]
    pub requester_email: String,
    /// The requester's administration when they sent it.
    pub administration: Option<String>,
    pub topic: String,
    pub subject: String,
    /// `new`, `in_progress`, `answered` or `closed`.
    #[schema(schema_with = codes::inquiry_status)]
    pub status: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// The thread, oldest first (empty in lists).
    pub messages: Vec<MessageView>,
}

fn view(inquiry: &Inquiry) -> InquiryView {
    InquiryView {
        id: inquiry.id,
        requester_name: inquiry.requester_name.clone(),
        requester_email: inquiry.requester_email.clone(),
        administration: inquiry.administration.clone(),
        topic: inquiry.topic.clone(),
        subject: inquiry.subject.clone(),
        status: inquiry.status.as_str().to_owned(),
        created_at: inquiry.created_at.clone(),
        updated_at: inquiry.updated_at.clone(),
        messages: inquiry.messages.iter().map(message).collect(),
    }
}

fn message(m: &InquiryMessage) -> MessageView {
    MessageView {
        id: m.id,
        author: m.author_name.clone(),
        from_secretariat: m.from_secretariat,
        body: m.body.clone(),
        created_at: m.created_at.clone(),
    }
}

#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListParams {
    /// Only this status (`new`, `in_progress`, `answered`, `closed`).
    pub status: String,
    /// Only this administration's (Secretariat).
    pub administration: String,
}

/// `GET /api/v1/inquiries?status=&administration=`: the Secretariat gets
/// every inquiry, anyone else their own; most recently changed first.
#[utoipa::path(get, operation_id = "list_inquiries", path = "/api/v1/inquiries", tag = "inquiries", params(ListParams),
    responses((status = 200, body = [InquiryView]), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppQuery(params): AppQuery<ListParams>,
) -> Result<Json<Vec<InquiryView>>> {
    let query = InboxQuery {
        status: params.status,
        administration: params.administration,
    };
    let inquiries = use_cases::list(state.store(), &signed_in.caller, &query).await?;
    Ok(Json(inquiries.iter().map(view).collect()))
}

/// `POST /api/v1/inquiries` (signed in) → 201 `{"id"}`: an inquiry to the
/// Secretariat. 422 for a blank or too long subject or message, a link in
/// the subject or more than 3 in the message; 429 `inquiry_rate_limited`
/// beyond 5 new inquiries an hour.
#[utoipa::path(post, operation_id = "create_inquiry", path = "/api/v1/inquiries", tag = "inquiries", request_body = InquiryInput,
    responses((status = 201, body = CreatedResponse), (status = 422, body = crate::api::ErrorEnvelope),
        (status = 429, body = crate::api::ErrorEnvelope)))]
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(input): ApiJson<InquiryInput>,
) -> Result<Response> {
    let inquiry = send_inquiry(&state, &signed_in, input).await?;
    Ok(created(inquiry.id))
}

/// `GET /api/v1/inquiries/{inquiry}` (the Secretariat and the requester):
/// the inquiry with its thread.
#[utoipa::path(get, operation_id = "show_inquiry", path = "/api/v1/inquiries/{inquiry}", tag = "inquiries",
    params(("inquiry" = i64, Path, description = "Inquiry id")),
    responses((status = 200, body = InquiryView), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
) -> Result<Json<InquiryView>> {
    let inquiry = use_cases::visible(state.store(), &signed_in.caller, id).await?;
    Ok(Json(view(&inquiry)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ReplyInput {
    /// At most 5,000 characters and 3 links.
    pub body: String,
}

/// `POST /api/v1/inquiries/{inquiry}/replies` (the Secretariat and the
/// requester) `{"body"}`: the Secretariat's reply answers the inquiry and
/// notifies the requester (in gedhub and by e-mail); the requester's
/// re-opens an answered or closed one.
#[utoipa::path(post, operation_id = "reply_to_inquiry", path = "/api/v1/inquiries/{inquiry}/replies", tag = "inquiries",
    params(("inquiry" = i64, Path, description = "Inquiry id")), request_body = ReplyInput,
    responses((status = 200, body = InquiryView), (status = 404, body = crate::api::ErrorEnvelope),
        (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn reply(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(input): ApiJson<ReplyInput>,
) -> Result<Json<InquiryView>> {
    let inquiry = use_cases::reply(
        state.store(),
        &signed_in.caller,
        id,
        &input.body,
        answered_notice,
    )
    .await?;
    Ok(Json(view(&inquiry)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct StatusInput {
    /// `new`, `in_progress`, `answered` or `closed`.
    #[schema(schema_with = codes::inquiry_status)]
    pub status: String,
}

/// `POST /api/v1/inquiries/{inquiry}/status` (Secretariat) `{"status"}`.
#[utoipa::path(post, operation_id = "set_inquiry_status", path = "/api/v1/inquiries/{inquiry}/status", tag = "inquiries",
    params(("inquiry" = i64, Path, description = "Inquiry id")), request_body = StatusInput,
    responses((status = 200, body = InquiryView), (status = 403, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn set_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(input): ApiJson<StatusInput>,
) -> Result<Json<InquiryView>> {
    let inquiry = use_cases::set_status(
        state.store(),
        &signed_in.caller,
        id,
        &input.status,
        status_notice,
    )
    .await?;
    Ok(Json(view(&inquiry)))
}
