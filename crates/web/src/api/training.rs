//! `/api/v1` for workshops (issue 6's contract, first part: workshops,
//! participants, attendance and completion).

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use gedhub_app::training::{self as use_cases, AttendanceInput, NominationInput, WorkshopFields};
use gedhub_core::training::CompletionRules;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::codes;
use crate::api::{CreatedResponse, created};
use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{ApiJson, AppPath};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct WorkshopResponse {
    pub id: i64,
    pub title: String,
    /// `train_the_trainer`, `national` or `regional`.
    #[schema(schema_with = codes::workshop_kind)]
    pub kind: String,
    /// `in_person` or `virtual`.
    #[schema(schema_with = codes::workshop_mode)]
    pub mode: String,
    #[schema(schema_with = codes::delivery_language)]
    pub language: String,
    #[schema(format = Date)]
    pub start_date: String,
    #[schema(format = Date)]
    pub end_date: String,
    pub capacity: u32,
    pub venue: String,
    pub meeting_link: String,
    pub min_attendance_pct: f64,
    pub min_post_test_pct: Option<f64>,
}

/// `GET /api/v1/workshops`.
#[utoipa::path(get, path = "/api/v1/workshops", tag = "training",
    responses((status = 200, body = [WorkshopResponse]), (status = 401, body = crate::api::ErrorEnvelope)))]
pub async fn list_workshops(
    State(state): State<AppState>,
    _signed_in: SignedIn,
) -> Result<Json<Vec<WorkshopResponse>>> {
    Ok(Json(
        use_cases::list(state.store())
            .await?
            .into_iter()
            .map(|w| WorkshopResponse {
                id: w.id,
                title: w.title,
                kind: w.kind.as_str().to_owned(),
                mode: w.mode.as_str().to_owned(),
                language: w.language,
                start_date: w.dates.start().to_string(),
                end_date: w.dates.end().to_string(),
                capacity: w.capacity,
                venue: w.venue,
                meeting_link: w.meeting_link,
                min_attendance_pct: w.rules.min_attendance_pct,
                min_post_test_pct: w.rules.min_post_test_pct,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorkshopRequest {
    pub title: String,
    #[schema(schema_with = codes::workshop_kind)]
    pub kind: String,
    #[schema(schema_with = codes::workshop_mode)]
    pub mode: String,
    /// `en`, `fr`, `es`, `pt` or `ar`.
    #[schema(schema_with = codes::delivery_language)]
    pub language: String,
    #[schema(format = Date)]
    pub start_date: String,
    #[schema(format = Date)]
    pub end_date: String,
    pub capacity: u32,
    pub venue: Option<String>,
    pub meeting_link: Option<String>,
    /// Default 80.
    pub min_attendance_pct: Option<f64>,
    /// Default 70 (absent or `null`).
    pub min_post_test_pct: Option<f64>,
}

/// `POST /api/v1/workshops` (Secretariat) → 201 `{"id"}`.
#[utoipa::path(post, path = "/api/v1/workshops", tag = "training", request_body = NewWorkshopRequest,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn create_workshop(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<NewWorkshopRequest>,
) -> Result<Response> {
    let workshop = use_cases::create(
        state.store(),
        &signed_in.caller,
        WorkshopFields::from(request),
    )
    .await?;
    Ok(created(workshop.id))
}

impl From<NewWorkshopRequest> for WorkshopFields {
    /// The numbers as the form would send them; without a post-test rule
    /// the API takes the suggested one.
    fn from(request: NewWorkshopRequest) -> Self {
        WorkshopFields {
            title: request.title,
            kind: request.kind,
            mode: request.mode,
            language: request.language,
            start_date: request.start_date,
            end_date: request.end_date,
            capacity: request.capacity.to_string(),
            venue: request.venue.unwrap_or_default(),
            meeting_link: request.meeting_link.unwrap_or_default(),
            min_attendance_pct: request
                .min_attendance_pct
                .map(|v| v.to_string())
                .unwrap_or_default(),
            min_post_test_pct: request
                .min_post_test_pct
                .or(CompletionRules::DEFAULT.min_post_test_pct)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRequest {
    #[schema(format = Email)]
    pub email: String,
}

/// `POST /api/v1/workshops/{workshop}/participants` (Secretariat) → 201.
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/participants", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = ParticipantRequest,
    responses((status = 201, body = CreatedResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 409, body = crate::api::ErrorEnvelope), (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn add_participant(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<ParticipantRequest>,
) -> Result<Response> {
    let participant =
        use_cases::add_participant(state.store(), &signed_in.caller, id, &request.email).await?;
    Ok(created(participant.user_id.0))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationRequest {
    /// The e-mail of the person's gedhub account.
    #[schema(format = Email)]
    pub email: String,
    /// The person's name, when they have no gedhub account yet: a focal
    /// point's nomination then creates one in their administration.
    pub name: Option<String>,
    pub motivation: String,
    /// The languages the person works in, at least one: codes among `en`,
    /// `fr`, `es`, `pt`, `ar`.
    #[schema(schema_with = codes::delivery_languages)]
    pub languages: Vec<String>,
    pub experience: Option<String>,
    /// Optional (absent or `null`: not known): `female`, `male`, `other` or
    /// `undisclosed` (prefers not to say). Recorded on the person's account
    /// when it records none yet.
    #[schema(schema_with = codes::sex_or_null)]
    pub sex: Option<String>,
}

impl From<NominationRequest> for NominationInput {
    fn from(request: NominationRequest) -> Self {
        NominationInput {
            email: request.email,
            name: request.name.unwrap_or_default(),
            motivation: request.motivation,
            languages: request.languages,
            experience: request.experience.unwrap_or_default(),
            sex: request.sex.unwrap_or_default(),
        }
    }
}

/// `POST /api/v1/workshops/{workshop}/nominations` → 201 `{"id"}` (the
/// nominee's user id). A focal point nominates people of their own
/// administration while the call is open (409 `nominations_closed`); the
/// Secretariat anyone; nobody once the workshop has started (409
/// `workshop_started`). An address that is not one of a focal point's
/// administration's people is 422 `nominee_unknown` whether or not another
/// administration has an account with it.
#[utoipa::path(post, path = "/api/v1/workshops/{workshop}/nominations", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = NominationRequest,
    responses((status = 201, body = CreatedResponse), (status = 403, body = crate::api::ErrorEnvelope),
              (status = 404, body = crate::api::ErrorEnvelope), (status = 409, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn nominate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<NominationRequest>,
) -> Result<Response> {
    let participant =
        use_cases::nominate(state.store(), &signed_in.caller, id, &request.into()).await?;
    Ok(created(participant.user_id.0))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    #[schema(format = Email)]
    pub email: String,
    /// A day of the workshop, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    pub present: bool,
    /// A session of the workshop's agenda on that day: records presence at
    /// the session instead of the day.
    pub session: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceResponse {
    pub attendance_pct: Option<f64>,
}

/// `PUT /api/v1/workshops/{workshop}/attendance` (Secretariat, the
/// workshop's facilitators; anyone else 404). With `session`, presence at
/// that session of the agenda (on `date`); without, presence on the day.
#[utoipa::path(put, path = "/api/v1/workshops/{workshop}/attendance", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id")), request_body = AttendanceRequest,
    responses((status = 200, body = AttendanceResponse), (status = 404, body = crate::api::ErrorEnvelope),
              (status = 422, body = crate::api::ErrorEnvelope)))]
pub async fn set_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    ApiJson(request): ApiJson<AttendanceRequest>,
) -> Result<Json<AttendanceResponse>> {
    let input = AttendanceInput {
        email: request.email,
        date: request.date,
        present: request.present,
        session: request.session,
    };
    let attendance_pct =
        use_cases::set_attendance(state.store(), &signed_in.caller, id, input).await?;
    Ok(Json(AttendanceResponse { attendance_pct }))
}

#[derive(Serialize, ToSchema)]
pub struct WorkshopCompletionResponse {
    pub completed: bool,
    /// `attendance_below_minimum`, `post_test_not_taken`, `post_test_below_minimum`.
    pub missing: Vec<String>,
    pub attendance_pct: Option<f64>,
    pub pre_test_pct: Option<f64>,
    pub post_test_pct: Option<f64>,
    /// Present when the Secretariat overrode the computed completion.
    pub override_reason: Option<String>,
}

/// `GET /api/v1/workshops/{workshop}/participants/{email}/completion`: for
/// the Secretariat, the participant, and the focal points of the
/// administration that nominated them (anyone else: 404).
#[utoipa::path(get, path = "/api/v1/workshops/{workshop}/participants/{email}/completion", tag = "training",
    params(("workshop" = i64, Path, description = "Workshop id"), ("email" = String, Path, description = "The participant's e-mail")),
    responses((status = 200, body = WorkshopCompletionResponse), (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn completion(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, email)): AppPath<(i64, String)>,
) -> Result<Json<WorkshopCompletionResponse>> {
    let record =
        use_cases::participant_record(state.store(), &signed_in.caller, id, &email).await?;
    Ok(Json(WorkshopCompletionResponse {
        completed: record.completion.completed,
        missing: record
            .completion
            .missing
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect(),
        attendance_pct: record.attendance_pct,
        pre_test_pct: record.pre_test_pct,
        post_test_pct: record.post_test_pct,
        override_reason: record
            .participant
            .completion_override
            .map(|_| record.participant.override_reason.clone()),
    }))
}
