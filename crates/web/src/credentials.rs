//! Verifiable credentials (Open Badges 3.0), the web edge's part: what each
//! credential says, when it is issued or revoked, and how a stored
//! credential is checked for the public verification page.
//!
//! Recognition credentials follow the recognition: call [`recognize`]
//! (records or renews the recognition, then issues a new credential and
//! revokes the one it supersedes) and [`withdraw`] (withdraws the
//! recognition and revokes its credential) rather than the store's
//! `record_recognition` / `withdraw_recognition` directly.

use chrono::{DateTime, NaiveDate, Utc};
use gedhub_core::UserId;
use gedhub_core::credentials::{self, CredentialKind, Issuer, JwtForm, PublicKey};
use gedhub_store::credentials::{
    CredentialFacts, PublishedKey, StoredCredential, day_end, day_start,
};
use gedhub_store::experts::Recognition;
use gedhub_store::training::Workshop;
use gedhub_store::{Actor, StoreError};
use serde_json::Value;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::state::AppState;
use gedhub_app::training::participant_records;

/// The platform as issuer, from the configured public URL.
pub fn issuer(state: &AppState) -> Issuer {
    Issuer::new(&state.config().public_url)
}

/// The achievement a recognition credential names (`/achievements/…`).
pub const RECOGNITION_SLUG: &str = "recognized-ged-expert";

/// The achievement of a workshop's completion credentials.
pub fn workshop_slug(workshop_id: i64) -> String {
    format!("workshop-{workshop_id}")
}

/// What a recognition credential says.
pub fn recognition_facts(issuer: &Issuer, recognition: &Recognition) -> Result<CredentialFacts> {
    let day = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| AppError::internal(format!("recognition date {text}")))
    };
    Ok(CredentialFacts {
        kind: CredentialKind::ExpertRecognition,
        user_id: recognition.user_id,
        workshop_id: None,
        achievement_id: issuer.achievement_url(RECOGNITION_SLUG),
        // One language in the credential (its `inLanguage`); the pages show
        // the achievement in the reader's language from the locale files.
        achievement_name: "Recognized GED Expert".into(),
        achievement_description: "Recognized by the WCO Secretariat as an expert able to deliver \
            capacity building on gender equality and diversity in Customs."
            .into(),
        criteria: "Completed a train-the-trainer workshop and delivered supervised support to a \
            WCO Member, positively evaluated; valid three years unless renewed."
            .into(),
        achievement_language: "en".into(),
        valid_from: day_start(day(&recognition.recognized_on)?),
        valid_until: Some(day_end(day(&recognition.valid_until)?)),
        activity: None,
    })
}

/// What a workshop completion credential says.
pub fn workshop_facts(
    issuer: &Issuer,
    workshop: &Workshop,
    user_id: UserId,
    now: DateTime<Utc>,
) -> CredentialFacts {
    CredentialFacts {
        kind: CredentialKind::WorkshopCompletion,
        user_id,
        workshop_id: Some(workshop.id),
        achievement_id: issuer.achievement_url(&workshop_slug(workshop.id)),
        achievement_name: workshop.title.clone(),
        achievement_description: format!(
            "Completion of the WCO Gender Equality and Diversity workshop \"{}\" ({} – {}).",
            workshop.title,
            workshop.dates.start(),
            workshop.dates.end()
        ),
        criteria: format!(
            "Attended at least {}% of the workshop and reached the post-test threshold set by \
             the WCO Secretariat, or completion recorded by the Secretariat.",
            workshop.rules.min_attendance_pct
        ),
        achievement_language: "en".into(),
        valid_from: now,
        valid_until: None,
        activity: Some((
            day_start(workshop.dates.start()),
            day_end(workshop.dates.end()),
        )),
    }
}

/// Records (or renews) a recognition and issues its credential, revoking
/// the credential of the previous recognition. The one call for anything
/// that recognizes an expert (the Secretariat's form, the pathway's
/// `recognized` transition).
pub async fn recognize(
    state: &AppState,
    actor: &Actor,
    user_id: UserId,
    recognized_on: NaiveDate,
) -> Result<(Recognition, StoredCredential)> {
    let recognition = state
        .store()
        .record_recognition(actor, user_id, recognized_on)
        .await?;
    let credential = issue_recognition_credential(state, actor, &recognition).await?;
    Ok((recognition, credential))
}

/// Issues the credential of a recognition already recorded (e.g. by the
/// pathway's move to `recognized`), revoking the one it replaces.
pub async fn issue_recognition_credential(
    state: &AppState,
    actor: &Actor,
    recognition: &Recognition,
) -> Result<StoredCredential> {
    let issuer = issuer(state);
    let facts = recognition_facts(&issuer, recognition)?;
    Ok(state
        .store()
        .replace_credential(actor, &issuer, &facts)
        .await?)
}

/// Revokes the recognition credential(s) of someone whose recognition was
/// ended (e.g. by the pathway's move to `withdrawn`).
pub async fn revoke_recognition_credentials(
    state: &AppState,
    actor: &Actor,
    user_id: UserId,
) -> Result<()> {
    state
        .store()
        .revoke_credentials(
            actor,
            user_id,
            CredentialKind::ExpertRecognition,
            "withdrawn",
        )
        .await?;
    Ok(())
}

/// Withdraws a recognition and revokes its credential(s).
pub async fn withdraw(state: &AppState, actor: &Actor, user_id: UserId) -> Result<()> {
    state.store().withdraw_recognition(actor, user_id).await?;
    revoke_recognition_credentials(state, actor, user_id).await
}

/// Issues the completion credential of every participant of the workshop
/// who has completed it and has none yet (the caller's view of the
/// participants: the Secretariat sees all). Returns how many were issued.
pub async fn issue_workshop_credentials(
    state: &AppState,
    signed_in: &SignedIn,
    workshop: &Workshop,
    only: Option<UserId>,
) -> Result<usize> {
    let issuer = issuer(state);
    let records = participant_records(state.store(), &signed_in.caller, workshop).await?;
    let mut issued = 0;
    for record in records {
        if !record.participant.is_confirmed() || !record.completion.completed {
            continue;
        }
        if only.is_some_and(|user| user != record.participant.user_id) {
            continue;
        }
        let facts = workshop_facts(&issuer, workshop, record.participant.user_id, state.now().0);
        let (_, new) = state
            .store()
            .workshop_credential(&signed_in.actor(), &issuer, &facts)
            .await?;
        if new {
            issued += 1;
        }
    }
    Ok(issued)
}

/// A credential's state for a verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    Revoked,
    /// Past its `validUntil` (a lapsed recognition).
    Expired,
    /// Its `validFrom` is still ahead.
    NotYetValid,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
        }
    }
}

/// The outcome of checking a stored credential.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The credential as signed, when the signature verified: the JWT
    /// payload without its registered claims (with the embedded proof), or
    /// the `vc` claim of a credential issued before the 2024 revision.
    pub credential: Option<Value>,
    /// Which form the stored JWT has.
    pub form: Option<JwtForm>,
    pub signature_valid: bool,
    pub status: Status,
}

/// The published key whose verification method is `kid` (retired keys
/// included).
pub fn key_named(issuer: &Issuer, keys: &[PublishedKey], kid: &str) -> Option<PublicKey> {
    keys.iter()
        .find(|k| issuer.key_id(&k.name) == kid || issuer.multikey_id(&k.name) == kid)
        .map(|k| k.public_key)
}

/// A credential's state on the platform's clock: revoked, then its
/// `validUntil` and `validFrom`.
pub fn status_of(credential: &Value, revoked: bool, now: DateTime<Utc>) -> Status {
    let date = |member: &str| {
        credential
            .get(member)
            .and_then(Value::as_str)
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .map(|at| at.with_timezone(&Utc))
    };
    if revoked {
        Status::Revoked
    } else if date("validUntil").is_some_and(|until| until < now) {
        Status::Expired
    } else if date("validFrom").is_some_and(|from| from > now) {
        Status::NotYetValid
    } else {
        Status::Valid
    }
}

/// Checks a stored credential: its signature against the published key
/// named in its `kid` (retired keys included), then revocation and dates on
/// the platform's clock.
pub async fn verify(state: &AppState, stored: &StoredCredential) -> Result<Verification> {
    let keys = state.store().credential_keys().await?;
    let issuer = issuer(state);
    let kid = credentials::jwt_kid(&stored.jwt).unwrap_or_default();
    let verified = key_named(&issuer, &keys, &kid)
        .and_then(|key| credentials::verify_jwt(&stored.jwt, &key).ok());
    let status = verified.as_ref().map_or(Status::Valid, |(credential, _)| {
        status_of(credential, stored.revoked_at.is_some(), state.now().0)
    });
    let (credential, form) = verified.unzip();
    Ok(Verification {
        signature_valid: credential.is_some(),
        credential,
        form,
        status,
    })
}

/// The JSON-LD form of a verified credential, with its embedded
/// `eddsa-rdfc-2022` proof. A credential issued before embedded proofs
/// existed gets one now, made deterministic (created = the issue time) so
/// every request answers the same bytes: signed with the credential's own
/// key while this database holds its private half, else (after a restore)
/// with the active key.
pub async fn json_ld(
    state: &AppState,
    stored: &StoredCredential,
    verification: &Verification,
) -> Result<Value> {
    let credential = verification
        .credential
        .clone()
        .ok_or_else(|| AppError::internal(format!("credential {} does not verify", stored.id)))?;
    if credential.get("proof").is_some() {
        return Ok(credential);
    }
    let (name, key) = match state
        .store()
        .credential_signing_key(&stored.key_name)
        .await?
    {
        Some(key) => (stored.key_name.clone(), key),
        None => state.store().active_credential_key().await?,
    };
    let created = gedhub_store::Timestamp::from_db(&stored.issued_at)
        .map(|at| credentials::date_time(at.0))
        .unwrap_or_else(|| stored.valid_from.clone());
    credentials::data_integrity::add_proof(
        &credential,
        &key,
        &issuer(state).multikey_id(&name),
        &created,
    )
    .map_err(|error| AppError::internal(format!("credential {}: {error}", stored.id)))
}

/// A credential by id, or 404 (ids are UUIDs; anything else is unknown).
pub async fn find(state: &AppState, id: &str) -> Result<StoredCredential> {
    if id.len() != 36 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(AppError::NotFound);
    }
    match state.store().credential(id).await {
        Ok(credential) => Ok(credential),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(error) => Err(error.into()),
    }
}

/// Demo data: the recognition credentials of the demo's recognized experts
/// and the completion credentials of the demo workshops' completed
/// participants, issued once (nothing happens when any credential exists).
/// Issued here rather than in the store's demo because credentials name
/// the issuer by the configured public URL.
pub async fn seed_demo(state: &AppState) -> Result<usize> {
    if state.store().status_list_count(None).await? > 1
        || !state.store().credentials_any().await?.is_empty()
    {
        return Ok(0);
    }
    let actor = Actor::system("demo");
    let issuer = issuer(state);
    let mut issued = 0;
    for recognition in state.store().recognitions().await? {
        let facts = recognition_facts(&issuer, &recognition)?;
        state
            .store()
            .replace_credential(&actor, &issuer, &facts)
            .await?;
        issued += 1;
    }
    let secretariat = state
        .store()
        .user_by_email(
            &gedhub_core::Email::parse("secretariat@gedhub.test")
                .map_err(|_| AppError::internal("demo e-mail"))?,
        )
        .await;
    if let Ok(user) = secretariat {
        let signed_in = SignedIn::new(user, crate::i18n::Locale::english(), None, state.now());
        for workshop in state.store().workshops().await? {
            issued += issue_workshop_credentials(state, &signed_in, &workshop, None).await?;
        }
    }
    Ok(issued)
}

/// An achievement's name and description in `locale`'s language (a
/// credential carries one language; pages speak the reader's). A workshop
/// keeps its title; `dates` are its first and last day. `sex` is the holder's
/// recorded sex, so that a title agrees with the person ("Experte EGD
/// reconnue"); `None` for the achievement itself (the inclusive form).
pub fn localized_achievement(
    kind: CredentialKind,
    title: &str,
    dates: Option<(String, String)>,
    locale: &Locale,
    sex: Option<&str>,
) -> (String, String) {
    match kind {
        CredentialKind::ExpertRecognition => (
            locale.t_person("credential-recognized-expert", sex),
            locale.t("achievement-recognition-description"),
        ),
        CredentialKind::WorkshopCompletion => {
            let (start, end) = dates.unwrap_or_default();
            (
                title.to_owned(),
                locale.t_args(
                    "achievement-workshop-description",
                    &[("title", title.to_owned()), ("start", start), ("end", end)],
                ),
            )
        }
    }
}

/// The issuer's name in `locale`'s language (certificates and pages; the
/// credential itself carries the English name).
pub fn issuer_name(locale: &Locale) -> String {
    locale.t("credential-issuer-name")
}
