//! `/credentials/check`: "check a credential" (public). Anyone holding a
//! credential — a pasted VC-JWT, an uploaded JSON-LD credential with its
//! embedded proof, or a gedhub certificate PDF — learns whether it is
//! authentic and in force: signature (with the issuer's published keys,
//! retired ones included), issuer, dates and revocation status.
//!
//! Only gedhub's own credentials can be checked here: another issuer's is
//! reported as "not checkable" (this page resolves no foreign DID and
//! fetches nothing). Inputs are bounded ([`MAX_PRESENTED_BYTES`]).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;
use gedhub_core::credentials::{self, CredentialError, data_integrity};
use serde_json::Value;

use crate::context::RequestContext;
use crate::credentials::{Status, find, issuer, json_ld, key_named, status_of, verify};
use crate::error::{AppError, Result};
use crate::pages::credentials::{Shown, shown};
use crate::pages::instruments::multipart_error;
use crate::state::AppState;
use crate::views::{Page, render};

/// Most bytes of a presented credential (pasted or uploaded). A gedhub
/// credential is a few kilobytes and its certificate PDF under 200 KB.
pub const MAX_PRESENTED_BYTES: usize = 512 * 1024;

/// Most bytes inflated from one PDF stream while looking for the link.
const MAX_INFLATED_BYTES: u64 = 4 * 1024 * 1024;

/// What was presented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presented {
    Jwt(String),
    Json(Value),
    /// A PDF: the credential id of the gedhub link found in it.
    PdfLink(String),
    /// A PDF without a gedhub credential link.
    PdfWithoutLink,
    Unreadable,
}

/// The verdict of a check (its code is the page's `data-result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Revoked,
    Expired,
    NotYetValid,
    /// The signature or proof does not verify with the key it names.
    BadSignature,
    /// Signed by gedhub, but not the credential gedhub issued (an embedded
    /// proof does not cover members no context defines).
    Altered,
    /// Not issued by this gedhub: not checkable here.
    ForeignIssuer,
    /// Names a gedhub credential that does not exist.
    Unknown,
    Unreadable,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::BadSignature => "bad_signature",
            Self::Altered => "altered",
            Self::ForeignIssuer => "foreign_issuer",
            Self::Unknown => "unknown",
            Self::Unreadable => "unreadable",
        }
    }

    fn of(status: Status) -> Self {
        match status {
            Status::Valid => Self::Valid,
            Status::Revoked => Self::Revoked,
            Status::Expired => Self::Expired,
            Status::NotYetValid => Self::NotYetValid,
        }
    }
}

/// The outcome of a check: the verdict, and the credential's facts when
/// its signature verified.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub verdict: Verdict,
    /// The form checked: `jwt`, `json` or `pdf`.
    pub form: &'static str,
    pub credential: Option<(Value, gedhub_core::credentials::CredentialKind)>,
    pub id: Option<String>,
}

/// Reads what was presented: text (a JWT or JSON) or a file (JSON, a JWT,
/// or a PDF whose text carries the credential's gedhub address).
pub fn read_presented(bytes: &[u8], credential_prefix: &str) -> Presented {
    if bytes.starts_with(b"%PDF-") {
        return match find_link(bytes, credential_prefix) {
            Some(id) => Presented::PdfLink(id),
            None => Presented::PdfWithoutLink,
        };
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Presented::Unreadable;
    };
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.starts_with('{') {
        return serde_json::from_str(text).map_or(Presented::Unreadable, Presented::Json);
    }
    let compact = text.split('.').count() == 3
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if compact {
        Presented::Jwt(text.to_owned())
    } else {
        Presented::Unreadable
    }
}

/// The id of the first `<prefix><uuid>` address in a PDF: in its bytes
/// (link annotations are plain objects) or in its Flate-compressed streams
/// (page text), each inflated to at most [`MAX_INFLATED_BYTES`].
fn find_link(pdf: &[u8], prefix: &str) -> Option<String> {
    if let Some(id) = find_id(pdf, prefix.as_bytes()) {
        return Some(id);
    }
    let mut rest = pdf;
    while let Some(start) = memchr::memmem::find(rest, b"stream") {
        let mut body = &rest[start + b"stream".len()..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        body = body.strip_prefix(b"\n").unwrap_or(body);
        let end = memchr::memmem::find(body, b"endstream").unwrap_or(body.len());
        let mut inflated = Vec::new();
        let reader = flate2::read::ZlibDecoder::new(&body[..end]);
        if std::io::Read::read_to_end(
            &mut std::io::Read::take(reader, MAX_INFLATED_BYTES),
            &mut inflated,
        )
        .is_ok()
            && let Some(id) = find_id(&inflated, prefix.as_bytes())
        {
            return Some(id);
        }
        rest = &body[end..];
    }
    None
}

fn find_id(haystack: &[u8], prefix: &[u8]) -> Option<String> {
    memchr::memmem::find_iter(haystack, prefix).find_map(|at| {
        let candidate = haystack.get(at + prefix.len()..at + prefix.len() + 36)?;
        let text = std::str::from_utf8(candidate).ok()?;
        let uuid = text.len() == 36
            && text.char_indices().all(|(i, c)| {
                if matches!(i, 8 | 13 | 18 | 23) {
                    c == '-'
                } else {
                    c.is_ascii_hexdigit()
                }
            });
        uuid.then(|| text.to_ascii_lowercase())
    })
}

/// The gedhub credential id in a credential URL of this issuer.
fn credential_id(state: &AppState, url: &str) -> Option<String> {
    let prefix = format!(
        "{}/",
        issuer(state).credential_url("").trim_end_matches('/')
    );
    url.strip_prefix(&prefix).map(str::to_owned)
}

/// Checks what was presented.
pub async fn check(state: &AppState, presented: Presented) -> Result<Outcome> {
    let outcome = |verdict, form| Outcome {
        verdict,
        form,
        credential: None,
        id: None,
    };
    match presented {
        Presented::Unreadable => Ok(outcome(Verdict::Unreadable, "")),
        Presented::PdfWithoutLink => Ok(outcome(Verdict::Unreadable, "pdf")),
        Presented::PdfLink(id) => {
            let Ok(stored) = find(state, &id).await else {
                return Ok(outcome(Verdict::Unknown, "pdf"));
            };
            let verification = verify(state, &stored).await?;
            let Some(credential) = verification.credential else {
                return Ok(outcome(Verdict::BadSignature, "pdf"));
            };
            Ok(Outcome {
                verdict: Verdict::of(verification.status),
                form: "pdf",
                credential: Some((credential, stored.kind)),
                id: Some(stored.id),
            })
        }
        Presented::Jwt(jwt) => check_jwt(state, &jwt).await,
        Presented::Json(document) => check_json(state, document).await,
    }
}

/// A credential's issuer id (a Profile's `id`, or a plain URL).
fn issuer_id(credential: &Value) -> Option<&str> {
    credential
        .pointer("/issuer/id")
        .or_else(|| credential.get("issuer"))
        .and_then(Value::as_str)
}

async fn check_jwt(state: &AppState, jwt: &str) -> Result<Outcome> {
    let mut outcome = Outcome {
        verdict: Verdict::Unreadable,
        form: "jwt",
        credential: None,
        id: None,
    };
    let Ok((unverified, _)) = credentials::jwt_credential(jwt) else {
        return Ok(outcome);
    };
    let issuer = issuer(state);
    if issuer_id(&unverified) != Some(issuer.did().as_str()) {
        outcome.verdict = Verdict::ForeignIssuer;
        return Ok(outcome);
    }
    let keys = state.store().credential_keys().await?;
    let kid = credentials::jwt_kid(jwt).unwrap_or_default();
    let verified = key_named(&issuer, &keys, &kid).map(|key| credentials::verify_jwt(jwt, &key));
    let credential = match verified {
        Some(Ok((credential, _))) => credential,
        Some(Err(CredentialError::Malformed)) => return Ok(outcome),
        _ => {
            outcome.verdict = Verdict::BadSignature;
            return Ok(outcome);
        }
    };
    settle(state, credential, outcome).await
}

async fn check_json(state: &AppState, document: Value) -> Result<Outcome> {
    let mut outcome = Outcome {
        verdict: Verdict::Unreadable,
        form: "json",
        credential: None,
        id: None,
    };
    let issuer = issuer(state);
    if issuer_id(&document) != Some(issuer.did().as_str()) {
        outcome.verdict = if issuer_id(&document).is_some() {
            Verdict::ForeignIssuer
        } else {
            Verdict::Unreadable
        };
        return Ok(outcome);
    }
    let Ok(proof) = data_integrity::proof_of(&document) else {
        outcome.verdict = Verdict::BadSignature;
        return Ok(outcome);
    };
    let method = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let keys = state.store().credential_keys().await?;
    let Some(key) = key_named(&issuer, &keys, &method) else {
        outcome.verdict = Verdict::BadSignature;
        return Ok(outcome);
    };
    let proof_verifies = tokio::task::spawn_blocking({
        let document = document.clone();
        move || data_integrity::verify_proof(&document, &key)
    })
    .await
    .map_err(|error| AppError::internal(format!("proof check: {error}")))?;
    match proof_verifies {
        Ok(_) => {}
        Err(CredentialError::Signature | CredentialError::Algorithm | CredentialError::Claims) => {
            outcome.verdict = Verdict::BadSignature;
            return Ok(outcome);
        }
        Err(_) => return Ok(outcome),
    }
    // The proof covers what JSON-LD maps to RDF only: the document must be
    // the very credential gedhub issued, member for member.
    let id = document
        .get("id")
        .and_then(Value::as_str)
        .and_then(|url| credential_id(state, url));
    if let Some(stored) = match id {
        Some(id) => find(state, &id).await.ok(),
        None => None,
    } {
        let verification = verify(state, &stored).await?;
        if json_ld(state, &stored, &verification).await? != document {
            outcome.verdict = Verdict::Altered;
            return Ok(outcome);
        }
    }
    let mut unsecured = document;
    if let Some(object) = unsecured.as_object_mut() {
        object.remove("proof");
    }
    settle(state, unsecured, outcome).await
}

/// A credential whose signature verified: its status in gedhub's records
/// (revocation, the same fact as its status list bit) and its dates.
async fn settle(state: &AppState, credential: Value, mut outcome: Outcome) -> Result<Outcome> {
    let id = credential
        .get("id")
        .and_then(Value::as_str)
        .and_then(|url| credential_id(state, url));
    let stored = match &id {
        Some(id) => find(state, id).await.ok(),
        None => None,
    };
    let Some(stored) = stored else {
        outcome.verdict = Verdict::Unknown;
        return Ok(outcome);
    };
    outcome.verdict = Verdict::of(status_of(
        &credential,
        stored.revoked_at.is_some(),
        state.now().0,
    ));
    outcome.credential = Some((credential, stored.kind));
    outcome.id = Some(stored.id);
    Ok(outcome)
}

#[derive(Template)]
#[template(path = "credential_check.html")]
pub struct CheckPage {
    pub page: Page,
    pub file_help: String,
    /// Empty before a check.
    pub result: String,
    pub result_text: String,
    pub form: String,
    pub shown: Option<Shown>,
    pub id: String,
}

fn page(context: &RequestContext, outcome: Option<Outcome>) -> CheckPage {
    let locale = &context.locale;
    let (result, result_text, form, shown, id) = match outcome {
        None => Default::default(),
        Some(outcome) => (
            outcome.verdict.code().to_owned(),
            locale.t(&format!(
                "credential-check-result-{}",
                outcome.verdict.code().replace('_', "-")
            )),
            outcome.form.to_owned(),
            outcome
                .credential
                .as_ref()
                .map(|(credential, kind)| shown(credential, *kind, locale, None)),
            outcome.id.unwrap_or_default(),
        ),
    };
    CheckPage {
        page: Page::new(context, "credential-check-title"),
        file_help: locale.t_args(
            "credential-check-file-help",
            &[("max", (MAX_PRESENTED_BYTES / 1024).to_string())],
        ),
        result,
        result_text,
        form,
        shown,
        id,
    }
}

/// `GET /credentials/check` (public): the form.
pub async fn show_check(context: RequestContext) -> Result<Response> {
    Ok(render(&page(&context, None)))
}

/// `POST /credentials/check` (public, multipart): `presented` (pasted text)
/// or `file` (an uploaded JSON, JWT or PDF); the file wins when both are
/// given. Checks it and shows the outcome.
pub async fn submit_check(
    State(state): State<AppState>,
    context: RequestContext,
    mut multipart: Multipart,
) -> Result<Response> {
    let mut pasted = Vec::new();
    let mut file = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let target = match field.name() {
            Some("presented") => &mut pasted,
            Some("file") => &mut file,
            _ => continue,
        };
        *target = field.bytes().await.map_err(multipart_error)?.to_vec();
        if target.len() > MAX_PRESENTED_BYTES {
            return Err(AppError::PayloadTooLarge);
        }
    }
    let bytes = if file.is_empty() { pasted } else { file };
    let prefix = format!(
        "{}/",
        issuer(&state).credential_url("").trim_end_matches('/')
    );
    let presented = read_presented(&bytes, &prefix);
    let outcome = check(&state, presented).await?;
    Ok(render(&page(&context, Some(outcome))))
}
