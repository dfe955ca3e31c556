//! `/api/v1/training-records/{email}`: a person's training record as JSON
//! (the data of `GET /training/{user}`, see [`crate::training_record`]).

use axum::Json;
use axum::extract::State;
use gedhub_core::Email;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::state::AppState;
use crate::training_record::{TrainingRecord, training_record, visible_person};

/// `GET /api/v1/training-records/{email}`: the person themself, the
/// Secretariat and the focal points of the person's administration; anyone
/// else (and an unknown e-mail) 404.
#[utoipa::path(get, path = "/api/v1/training-records/{email}", tag = "training",
    params(("email" = String, Path, description = "The person's e-mail address")),
    responses((status = 200, body = TrainingRecord), (status = 401, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn show_record(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(email): AppPath<String>,
) -> Result<Json<TrainingRecord>> {
    let email = Email::parse(&email).map_err(|_| AppError::NotFound)?;
    let person = state.store().user_by_email(&email).await?;
    let person = visible_person(&state, &signed_in, person.id).await?;
    Ok(Json(training_record(&state, &signed_in, &person).await?))
}
