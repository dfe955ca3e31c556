//! `/api/v1/candidates/{email}/credentials`: the verifiable credentials
//! issued to a person (see [`crate::credentials`]).

use axum::Json;
use axum::extract::State;
use gedhub_core::Email;
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::credentials::{issuer, verify};
use crate::error::{AppError, Result};
use crate::extract::AppPath;
use crate::state::AppState;
use crate::training_record::visible_person;

/// One issued credential.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialSummary {
    /// The credential's UUID.
    pub id: String,
    /// `workshop_completion` or `expert_recognition`.
    pub kind: String,
    /// The credential (JSON-LD; add `.jwt` for the signed compact JWS).
    #[schema(format = "uri")]
    pub url: String,
    /// The public verification page.
    #[schema(format = "uri")]
    pub verify_url: String,
    /// `valid`, `revoked`, `expired` or `not_yet_valid`.
    pub status: String,
    /// For a workshop completion: the workshop's id.
    pub workshop_id: Option<i64>,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// `GET /api/v1/candidates/{email}/credentials`: the person themself, the
/// Secretariat and the focal points of the person's administration; anyone
/// else (and an unknown e-mail) 404.
#[utoipa::path(get, path = "/api/v1/candidates/{email}/credentials", tag = "credentials",
    params(("email" = String, Path, description = "The person's e-mail address")),
    responses((status = 200, body = [CredentialSummary]), (status = 401, body = crate::api::ErrorEnvelope),
        (status = 404, body = crate::api::ErrorEnvelope)))]
pub async fn list_credentials(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(email): AppPath<String>,
) -> Result<Json<Vec<CredentialSummary>>> {
    let email = Email::parse(&email).map_err(|_| AppError::NotFound)?;
    let person = state.store().user_by_email(&email).await?;
    let person = visible_person(&state, &signed_in, person.id).await?;
    let issuer = issuer(&state);
    let mut summaries = Vec::new();
    for credential in state.store().credentials_of(person.id).await? {
        let verification = verify(&state, &credential).await?;
        summaries.push(CredentialSummary {
            url: issuer.credential_url(&credential.id),
            verify_url: format!("{}/verify", issuer.credential_url(&credential.id)),
            kind: credential.kind.as_str().to_owned(),
            status: if verification.signature_valid {
                verification.status.as_str().to_owned()
            } else {
                "unverified".to_owned()
            },
            workshop_id: credential.workshop_id,
            valid_from: credential.valid_from,
            valid_until: credential.valid_until,
            id: credential.id,
        });
    }
    Ok(Json(summaries))
}
