//! Verifiable credentials on the web: the public documents verifiers fetch
//! (`/.well-known/did.json`, `/issuer`, `/status-lists/{list}`,
//! `/credentials/{id}`), the public verification page and PDF certificate,
//! and the actions that issue workshop completion credentials. See
//! docs/CREDENTIALS.md.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::UserId;
use gedhub_core::credentials::{self, CredentialKind};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::context::{RequestContext, SignedIn};
use crate::credentials::{Status, find, issue_workshop_credentials, issuer, json_ld, verify};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Locale;
use crate::pages::reports::{LangQuery, download_locale};
use crate::state::AppState;
use crate::training_record::visible_person;
use crate::views::{Page, download, render};

/// Media type of a credential secured as a compact JWS (VC-JOSE-COSE).
pub const VC_JWT_MEDIA_TYPE: &str = "application/vc+jwt";
/// Media type of a credential as JSON-LD, with its embedded proof (VC 2.0).
pub const VC_MEDIA_TYPE: &str = "application/vc";

/// The form and media type a client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The compact JWS, with this media type.
    Jwt(&'static str),
    /// The JSON-LD document with its embedded proof, with this media type.
    JsonLd(&'static str),
}

/// The form a client asked for: `.jwt` or an `Accept` naming a JWT media
/// type gives the compact JWS; anything else the JSON-LD form with its
/// embedded proof. The answer carries the media type asked for, so clients
/// of the older names (`application/jwt`, `application/ld+json`,
/// `application/vc+ld+json`) get what they expect; the current names
/// (`application/vc+jwt`, `application/vc`) otherwise.
pub fn negotiate(jwt_suffix: bool, headers: &HeaderMap) -> Form {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let asked: Vec<String> = accept
        .split(',')
        .map(|item| {
            item.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    let asks = |media: &str| asked.iter().any(|a| a == media);
    if asks(VC_JWT_MEDIA_TYPE) {
        Form::Jwt(VC_JWT_MEDIA_TYPE)
    } else if asks("application/jwt") {
        Form::Jwt("application/jwt")
    } else if jwt_suffix {
        Form::Jwt(VC_JWT_MEDIA_TYPE)
    } else if asks(VC_MEDIA_TYPE) {
        Form::JsonLd(VC_MEDIA_TYPE)
    } else if asks("application/vc+ld+json") {
        Form::JsonLd("application/vc+ld+json")
    } else if asks("application/ld+json") {
        Form::JsonLd("application/ld+json")
    } else if asks("application/json") {
        Form::JsonLd("application/json")
    } else {
        Form::JsonLd(VC_MEDIA_TYPE)
    }
}

fn json_document(value: &Value, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::VARY, "accept"),
        ],
        value.to_string(),
    )
        .into_response()
}

fn jwt_document(jwt: String, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::VARY, "accept"),
        ],
        jwt,
    )
        .into_response()
}

/// `GET /.well-known/did.json` (public): the issuer's `did:web` document
/// with every signing key, active and retired.
pub async fn did_document(State(state): State<AppState>) -> Result<Response> {
    state.store().ensure_credential_key().await?;
    let keys: Vec<_> = state
        .store()
        .credential_keys()
        .await?
        .into_iter()
        .map(|key| (key.name, key.public_key))
        .collect();
    Ok(json_document(
        &issuer(&state).did_document(&keys),
        "application/did+json",
    ))
}

/// `GET /issuer` (public): the issuer Profile (Open Badges 3.0).
pub async fn issuer_profile(State(state): State<AppState>) -> Result<Response> {
    let mut profile = issuer(&state).profile();
    if let Some(object) = profile.as_object_mut() {
        object.insert("@context".into(), json!(credentials::CONTEXTS));
    }
    Ok(json_document(&profile, "application/ld+json"))
}

/// `GET /status-lists/{key}/{list}[.jwt]` (public): the revocation status
/// list `list` of the credentials signed with the key `key`, signed by
/// that same key (so a credential's status verifies with the key that
/// signed it, across rotations). By default the JSON-LD form with an
/// embedded `eddsa-rdfc-2022` proof (`application/vc`); the compact JWS
/// with `.jwt` or an `Accept` naming a JWT media type. Built and signed at
/// request time: revocations show at once.
pub async fn status_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath((key, list)): AppPath<(String, String)>,
) -> Result<Response> {
    let (number, jwt_suffix) = list_number(&list)?;
    if number > state.store().status_list_count(Some(&key)).await? {
        return Err(AppError::NotFound);
    }
    let url = issuer(&state).status_list_url(&key, number);
    serve_status_list(&state, &headers, Some(&key), &key, number, &url, jwt_suffix).await
}

/// `GET /status-lists/{list}[.jwt]` (public): a status list of the
/// credentials issued before lists were kept per key (every credential's
/// bit), signed with the key of the first credential in it. Forms as
/// [`status_list`].
pub async fn legacy_status_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(list): AppPath<String>,
) -> Result<Response> {
    let (number, jwt_suffix) = list_number(&list)?;
    if number > state.store().status_list_count(None).await? {
        return Err(AppError::NotFound);
    }
    let signer = match state.store().legacy_status_list_key(number).await? {
        Some(name) => name,
        None => state.store().ensure_credential_key().await?,
    };
    let url = issuer(&state).legacy_status_list_url(number);
    serve_status_list(&state, &headers, None, &signer, number, &url, jwt_suffix).await
}

/// A list number (1-based), with or without `.jwt`.
fn list_number(text: &str) -> Result<(u64, bool)> {
    let (number, jwt_suffix) = match text.strip_suffix(".jwt") {
        Some(number) => (number, true),
        None => (text, false),
    };
    match number.parse::<u64>() {
        Ok(number) if number > 0 => Ok((number, jwt_suffix)),
        _ => Err(AppError::NotFound),
    }
}

async fn serve_status_list(
    state: &AppState,
    headers: &HeaderMap,
    bits_of: Option<&str>,
    signer: &str,
    number: u64,
    url: &str,
    jwt_suffix: bool,
) -> Result<Response> {
    let revoked = state.store().revoked_status_bits(bits_of, number).await?;
    let issuer = issuer(state);
    let now = state.now().0;
    let document = credentials::status_list_credential(&issuer, url, &revoked, now);
    // The key's own private half; after a restore (backups carry none) the
    // active key signs instead, still under the issuer's DID.
    let (name, key) = match state.store().credential_signing_key(signer).await? {
        Some(key) => (signer.to_owned(), key),
        None => state.store().active_credential_key().await?,
    };
    let (with_proof, jwt) = credentials::secure(
        &document,
        &key,
        &issuer.key_id(&name),
        &issuer.multikey_id(&name),
        &credentials::date_time(now),
    )
    .map_err(|error| AppError::internal(format!("status list {url}: {error}")))?;
    Ok(match negotiate(jwt_suffix, headers) {
        Form::Jwt(media_type) => jwt_document(jwt, media_type),
        Form::JsonLd(media_type) => json_document(&with_proof, media_type),
    })
}

#[derive(Deserialize, Default)]
pub struct CredentialQuery {
    /// `1`: as a file download.
    pub download: Option<String>,
}

/// `GET /credentials/{id}[.jwt]` (public): the credential as JSON-LD with
/// its embedded proof (`application/vc`), or as issued, a compact JWS
/// (VC-JWT, `application/vc+jwt`), with `.jwt` or an `Accept` naming a JWT
/// media type (see [`negotiate`]).
pub async fn show_credential(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
    AppQuery(query): AppQuery<CredentialQuery>,
) -> Result<Response> {
    let (id, jwt_suffix) = match id.strip_suffix(".jwt") {
        Some(id) => (id.to_owned(), true),
        None => (id, false),
    };
    let stored = find(&state, &id).await?;
    let as_file = query.download.is_some();
    let mut response = match negotiate(jwt_suffix, &headers) {
        Form::Jwt(media_type) => {
            let mut response = jwt_document(stored.jwt.clone(), media_type);
            if as_file {
                attach(&mut response, &format!("credential-{id}.jwt"));
            }
            response
        }
        Form::JsonLd(media_type) => {
            let verification = verify(&state, &stored).await?;
            let document = json_ld(&state, &stored, &verification).await?;
            json_document(&document, media_type)
        }
    };
    if as_file
        && !jwt_suffix
        && response
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .is_none()
    {
        attach(&mut response, &format!("credential-{id}.json"));
    }
    Ok(response)
}

fn attach(response: &mut Response, file_name: &str) {
    if let Ok(value) = format!("attachment; filename=\"{file_name}\"").parse() {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
}

/// What the verification page shows about a credential.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub recipient: String,
    /// The achievement's first and last day (a workshop's dates).
    pub activity: String,
    pub achievement: String,
    pub description: String,
    pub kind: String,
    pub issuer_name: String,
    pub issuer_id: String,
    pub valid_from: String,
    pub valid_until: String,
}

/// What a page or certificate shows of a verified credential, in
/// `locale`'s language (the achievement and issuer names from the locale
/// files; the credential itself carries one language).
/// `sex` is the holder's recorded sex, when known, for the title.
pub fn shown(
    credential: &Value,
    kind: CredentialKind,
    locale: &Locale,
    sex: Option<&str>,
) -> Shown {
    let text = |pointer: &str| {
        credential
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let recipient = credential
        .pointer("/credentialSubject/identifier")
        .and_then(Value::as_array)
        .and_then(|ids| {
            ids.iter()
                .find(|id| id.get("identityType").and_then(Value::as_str) == Some("name"))
        })
        .and_then(|id| id.get("identityHash"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    // Dates as the reader's language writes them (the credential holds ISO 8601).
    let day = |value: String| crate::format::stored_date(&value, locale);
    let start = day(text("/credentialSubject/activityStartDate"));
    let end = day(text("/credentialSubject/activityEndDate"));
    let dates = (!start.is_empty()).then(|| (start.clone(), end.clone()));
    let (achievement, description) = crate::credentials::localized_achievement(
        kind,
        &text("/credentialSubject/achievement/name"),
        dates.clone(),
        locale,
        sex,
    );
    Shown {
        recipient,
        activity: dates
            .map(|(start, end)| format!("{start}\u{a0}– {end}"))
            .unwrap_or_default(),
        achievement,
        description,
        kind: locale.t(&format!(
            "credential-kind-{}",
            kind.as_str().replace('_', "-")
        )),
        issuer_name: crate::credentials::issuer_name(locale),
        issuer_id: text("/issuer/id"),
        valid_from: day(text("/validFrom")),
        valid_until: day(text("/validUntil")),
    }
}

#[derive(Template)]
#[template(path = "credential_verify.html")]
pub struct VerifyPage {
    pub page: Page,
    pub id: String,
    pub verified: bool,
    /// `valid`, `revoked`, `expired` or `not_yet_valid`.
    pub status: String,
    pub status_text: String,
    pub shown: Shown,
    pub key_name: String,
    pub revoked_on: String,
}

/// `GET /credentials/{id}/verify` (public, no sign-in): who, what, when,
/// issuer, validity, status, and whether the signature verified.
pub async fn verify_page(
    State(state): State<AppState>,
    context: RequestContext,
    AppPath(id): AppPath<String>,
) -> Result<Response> {
    let stored = find(&state, &id).await?;
    let verification = verify(&state, &stored).await?;
    let locale = &context.locale;
    let sex = state.store().user_sex(stored.user_id).await?;
    let shown = verification
        .credential
        .as_ref()
        .map(|c| shown(c, stored.kind, locale, sex.as_deref()))
        .unwrap_or_default();
    let status = if verification.signature_valid {
        verification.status.as_str()
    } else {
        "unverified"
    };
    Ok(render(&VerifyPage {
        page: Page::new(&context, "credential-verify-title"),
        id: stored.id.clone(),
        verified: verification.signature_valid,
        status: status.to_owned(),
        status_text: locale.t(&format!("credential-status-{}", status.replace('_', "-"))),
        shown,
        key_name: stored.key_name.clone(),
        revoked_on: stored
            .revoked_at
            .as_deref()
            .map(|at| crate::format::stored_date(at, locale))
            .unwrap_or_default(),
    }))
}

/// The QR code (modules as `0`/`1` rows) of a URL, for a certificate.
pub fn qr_block(url: &str, caption: String) -> Option<gedhub_report::QrBlock> {
    let code =
        qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let modules = colors
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' })
                .collect()
        })
        .collect();
    Some(gedhub_report::QrBlock {
        modules,
        caption,
        url: url.to_owned(),
    })
}

/// The URL of a credential's verification page.
pub fn verify_url(state: &AppState, id: &str) -> String {
    format!("{}/credentials/{id}/verify", issuer(state).base_url)
}

/// `GET /credentials/{id}/certificate.pdf[?lang=fr]` (public, like the
/// verification page it points to): a printable certificate with a QR
/// code to the verification page.
pub async fn certificate_pdf(
    State(state): State<AppState>,
    context: RequestContext,
    AppPath(id): AppPath<String>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    let stored = find(&state, &id).await?;
    let verification = verify(&state, &stored).await?;
    let credential = verification
        .credential
        .ok_or_else(|| AppError::internal(format!("credential {id} does not verify")))?;
    let locale = download_locale(&context, &query);
    let sex = state.store().user_sex(stored.user_id).await?;
    let shown = shown(&credential, stored.kind, &locale, sex.as_deref());
    let mut facts = Vec::new();
    if !shown.activity.is_empty() {
        facts.push((
            locale.t("credential-activity-dates"),
            shown.activity.clone(),
        ));
    }
    facts.push((locale.t("credential-valid-from"), shown.valid_from.clone()));
    if !shown.valid_until.is_empty() {
        facts.push((
            locale.t("credential-valid-until"),
            shown.valid_until.clone(),
        ));
    }
    if verification.status != Status::Valid {
        facts.push((
            locale.t("credential-status"),
            locale.t(&format!(
                "credential-status-{}",
                verification.status.as_str().replace('_', "-")
            )),
        ));
    }
    let (heading, completed) = match stored.kind {
        CredentialKind::ExpertRecognition => (
            locale.t("credential-certificate-recognition-heading"),
            locale.t("credential-certificate-recognition-text"),
        ),
        CredentialKind::WorkshopCompletion => (
            locale.t("certificate-heading"),
            locale.t("certificate-completed"),
        ),
    };
    let achievement = shown.achievement.clone();
    let watermark = match verification.status {
        Status::Revoked => Some(locale.t("credential-watermark-revoked")),
        Status::Expired => Some(locale.t("credential-watermark-expired")),
        Status::Valid | Status::NotYetValid => None,
    };
    let document = gedhub_report::Certificate {
        language: locale.code(),
        programme: locale.t(crate::pages::surveys::PROGRAMME_KEY),
        heading,
        certify: locale.t("certificate-certify"),
        name: shown.recipient.clone(),
        completed,
        workshop: achievement,
        facts,
        issued: locale.t_args("credential-issued-by", &[("issuer", shown.issuer_name)]),
        number: locale.t_args("credential-number", &[("id", stored.id.clone())]),
        qr: qr_block(
            &verify_url(&state, &stored.id),
            locale.t("credential-scan-to-verify"),
        ),
        watermark,
    };
    let pdf = tokio::task::spawn_blocking(move || gedhub_report::render_certificate(&document))
        .await
        .map_err(|error| AppError::internal(format!("certificate: {error}")))?
        .map_err(|error| AppError::internal(format!("certificate: {error}")))?;
    Ok(download(
        pdf,
        "application/pdf",
        &format!("credential-{id}-{}.pdf", locale.code()),
    ))
}

#[derive(Deserialize)]
pub struct IssueForm {
    /// `completed`: whom to issue credentials to (the form says it
    /// explicitly, so a stray or empty post issues nothing).
    pub participants: String,
}

/// `POST /workshops/{workshop}/credentials` (Secretariat): issues the
/// completion credential of every participant who has completed the
/// workshop and has none yet (one per person and workshop).
pub async fn issue_for_workshop(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<IssueForm>,
) -> Result<Response> {
    if !signed_in.principal.can_administer_platform() {
        return Err(AppError::Forbidden);
    }
    if form.participants != "completed" {
        return Err(AppError::Invalid(vec![gedhub_core::ValidationError::new(
            "participants",
            "credential_invalid_participants",
        )]));
    }
    let workshop = state.store().workshop(id).await?;
    let issued = issue_workshop_credentials(&state, &signed_in, &workshop, None).await?;
    Ok(Redirect::to(&format!("/workshops/{id}?credentials_issued={issued}")).into_response())
}

#[derive(Deserialize)]
pub struct OwnCredentialForm {
    pub workshop: String,
}

/// `POST /training/{user}/credentials` (the person, the Secretariat, the
/// person's focal points): the completion credential of one workshop the
/// person completed (issued once; asking again changes nothing).
pub async fn issue_own(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(user): AppPath<i64>,
    AppForm(form): AppForm<OwnCredentialForm>,
) -> Result<Response> {
    let person = visible_person(&state, &signed_in, UserId(user)).await?;
    let workshop_id: i64 = form.workshop.trim().parse().map_err(|_| {
        AppError::Invalid(vec![gedhub_core::ValidationError::new(
            "workshop",
            "credential_invalid_workshop",
        )])
    })?;
    let workshop = match state.store().workshop(workshop_id).await {
        Ok(workshop) => workshop,
        Err(gedhub_store::StoreError::NotFound) => {
            return Err(AppError::Invalid(vec![gedhub_core::ValidationError::new(
                "workshop",
                "credential_unknown_workshop",
            )]));
        }
        Err(error) => return Err(error.into()),
    };
    issue_workshop_credentials(&state, &signed_in, &workshop, Some(person.id)).await?;
    let has_one = state
        .store()
        .workshop_credentials(workshop.id)
        .await?
        .iter()
        .any(|c| c.user_id == person.id);
    if !has_one {
        return Err(AppError::Conflict("not_completed"));
    }
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("/training/{user}#credentials"))],
    )
        .into_response())
}
