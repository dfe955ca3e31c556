//! Verifiable credentials (Open Badges 3.0) and the platform's Ed25519
//! signing keys. Building and signing are [`gedhub_core::credentials`]; this
//! module keeps keys and issued credentials, and allocates status bits.
//!
//! Keys live in the database (`credential_keys`), so every server sharing a
//! database signs with the same key. Backups carry the public keys only (see
//! [`crate::backup`]): a restored server keeps verifying old credentials and
//! signs new ones with a key of its own. See docs/CREDENTIALS.md.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use gedhub_core::UserId;
use gedhub_core::credentials::{
    self, CredentialInput, CredentialKind, Issuer, PublicKey, SigningKey,
};
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, AuditedTx, Change};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// An issued credential as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCredential {
    /// A random UUID, the last segment of the credential's URL.
    pub id: String,
    pub kind: CredentialKind,
    pub user_id: UserId,
    pub workshop_id: Option<i64>,
    pub status_index: u64,
    pub key_name: String,
    /// The compact JWS, exactly as issued.
    #[serde(skip)]
    pub jwt: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub issued_at: String,
    pub revoked_at: Option<String>,
    pub revocation_reason: Option<String>,
}

/// A signing key as published (public half only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedKey {
    pub name: String,
    pub public_key: PublicKey,
    pub created_at: String,
    pub retired_at: Option<String>,
}

/// Why a credential is issued: the facts the credential states.
#[derive(Debug, Clone)]
pub struct CredentialFacts {
    pub kind: CredentialKind,
    pub user_id: UserId,
    pub workshop_id: Option<i64>,
    pub achievement_id: String,
    pub achievement_name: String,
    pub achievement_description: String,
    pub criteria: String,
    /// The language of the achievement's texts (BCP 47).
    pub achievement_language: String,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub activity: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| StoreError::Randomness(error.to_string()))?;
    Ok(bytes)
}

/// Start of a day, UTC.
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

/// Last second of a day, UTC.
pub fn day_end(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(23, 59, 59)
        .map(|at| at.and_utc())
        .unwrap_or_else(|| day_start(day))
}

const COLUMNS: &str = "id, kind, user_id, workshop_id, status_index, key_name, jwt, valid_from, \
     valid_until, issued_at, revoked_at, revocation_reason";

fn credential_from_row(row: &sqlx::any::AnyRow) -> Result<StoredCredential> {
    let kind: String = row.try_get("kind")?;
    let status_index: i64 = row.try_get("status_index")?;
    Ok(StoredCredential {
        id: row.try_get("id")?,
        kind: CredentialKind::parse(&kind)
            .ok_or_else(|| StoreError::Backup(format!("unknown credential kind {kind}")))?,
        user_id: UserId(row.try_get("user_id")?),
        workshop_id: row.try_get("workshop_id")?,
        status_index: u64::try_from(status_index).unwrap_or_default(),
        key_name: row.try_get("key_name")?,
        jwt: row.try_get("jwt")?,
        valid_from: row.try_get("valid_from")?,
        valid_until: row.try_get("valid_until")?,
        issued_at: row.try_get("issued_at")?,
        revoked_at: row.try_get("revoked_at")?,
        revocation_reason: row.try_get("revocation_reason")?,
    })
}

/// The active signing key, created when there is none (first start, or
/// after a restore, whose keys carry no private half).
async fn active_key_in(tx: &mut AuditedTx<'_>) -> Result<(String, SigningKey)> {
    let row = sqlx::query(
        "select name, private_key from credential_keys \
         where private_key is not null and retired_at is null order by id desc limit 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = row {
        let name: String = row.try_get("name")?;
        let seed: String = row.try_get("private_key")?;
        let key = SigningKey::from_seed_text(&seed)
            .map_err(|_| StoreError::Backup(format!("credential key {name} is unreadable")))?;
        return Ok((name, key));
    }
    create_key_in(tx).await
}

/// Creates a key and retires every other one.
async fn create_key_in(tx: &mut AuditedTx<'_>) -> Result<(String, SigningKey)> {
    let now = Timestamp::now();
    let key = SigningKey::from_seed(random::<32>()?)
        .map_err(|_| StoreError::Randomness("unusable key seed".into()))?;
    let suffix: String = random::<3>()?.iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("key-{}-{suffix}", now.0.format("%Y%m%d"));
    sqlx::query("update credential_keys set retired_at = $1 where retired_at is null")
        .bind(now.to_db())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "insert into credential_keys (name, public_key, private_key, created_at) \
         values ($1, $2, $3, $4)",
    )
    .bind(name.clone())
    .bind(key.public_key().text())
    .bind(key.seed_text())
    .bind(now.to_db())
    .execute(&mut **tx)
    .await?;
    tx.record(
        Change::new("create", "credential_key", name.clone())
            .after(serde_json::json!({"public_key": key.public_key().text()})),
    )
    .await?;
    Ok((name, key))
}

impl Store {
    /// Serializes issuers on PostgreSQL, so two transactions never take the
    /// same status index (SQLite's `begin immediate` already does).
    async fn lock_credentials(&self, connection: &mut sqlx::AnyConnection) -> Result<()> {
        if self.backend() == crate::Backend::Postgres {
            sqlx::query("lock table credentials in exclusive mode")
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }

    /// Makes sure a signing key exists (called at start-up); returns its name.
    pub async fn ensure_credential_key(&self) -> Result<String> {
        let actor = Actor::system("credential-keys");
        let mut tx = self.begin_audited(&actor).await?;
        let (name, _) = active_key_in(&mut tx).await?;
        tx.commit().await?;
        Ok(name)
    }

    /// The active signing key (created when there is none), e.g. to sign
    /// a status list.
    pub async fn active_credential_key(&self) -> Result<(String, SigningKey)> {
        let actor = Actor::system("credential-keys");
        let mut tx = self.begin_audited(&actor).await?;
        let key = active_key_in(&mut tx).await?;
        tx.commit().await?;
        Ok(key)
    }

    /// Rotates the signing key: a new key signs from now on; the old ones
    /// stay published (retired) so credentials they signed keep verifying.
    /// Returns the new key's name.
    pub async fn rotate_credential_key(&self, actor: &Actor) -> Result<String> {
        let mut tx = self.begin_audited(actor).await?;
        let (name, _) = create_key_in(&mut tx).await?;
        tx.commit().await?;
        Ok(name)
    }

    /// The private half of the key `name`, when this database still holds
    /// it (a restored backup does not): to sign the status lists of the
    /// credentials that key signed.
    pub async fn credential_signing_key(&self, name: &str) -> Result<Option<SigningKey>> {
        let row = sqlx::query(
            "select private_key from credential_keys where name = $1 and private_key is not null",
        )
        .bind(name.to_owned())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let seed: String = row.try_get("private_key")?;
        SigningKey::from_seed_text(&seed)
            .map(Some)
            .map_err(|_| StoreError::Backup(format!("credential key {name} is unreadable")))
    }

    /// Every key ever used, oldest first (public halves only).
    pub async fn credential_keys(&self) -> Result<Vec<PublishedKey>> {
        let rows = sqlx::query(
            "select name, public_key, created_at, retired_at from credential_keys order by id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let name: String = row.try_get("name")?;
                let text: String = row.try_get("public_key")?;
                Ok(PublishedKey {
                    public_key: PublicKey::from_text(&text).map_err(|_| {
                        StoreError::Backup(format!("credential key {name} is unreadable"))
                    })?,
                    name,
                    created_at: row.try_get("created_at")?,
                    retired_at: row.try_get("retired_at")?,
                })
            })
            .collect()
    }

    /// Issues (signs and stores) a credential; the status bit is the next
    /// free one. A second workshop credential for the same person and
    /// workshop is refused (`credential_exists`).
    pub async fn issue_credential(
        &self,
        actor: &Actor,
        issuer: &Issuer,
        facts: &CredentialFacts,
    ) -> Result<StoredCredential> {
        let mut tx = self.begin_audited(actor).await?;
        self.lock_credentials(&mut tx).await?;
        let credential = issue_in(&mut tx, issuer, facts).await?;
        tx.commit().await?;
        Ok(credential)
    }

    /// The workshop completion credential of a person, issuing it when there
    /// is none (idempotent). The caller has checked the completion.
    pub async fn workshop_credential(
        &self,
        actor: &Actor,
        issuer: &Issuer,
        facts: &CredentialFacts,
    ) -> Result<(StoredCredential, bool)> {
        let mut tx = self.begin_audited(actor).await?;
        self.lock_credentials(&mut tx).await?;
        let existing = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from credentials where kind = 'workshop_completion' \
             and user_id = $1 and workshop_id = $2"
        )))
        .bind(facts.user_id.0)
        .bind(facts.workshop_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            return Ok((credential_from_row(&row)?, false));
        }
        let credential = issue_in(&mut tx, issuer, facts).await?;
        tx.commit().await?;
        Ok((credential, true))
    }

    /// Revokes every unrevoked credential of `kind` held by a person (e.g.
    /// the recognition credential when the recognition is withdrawn or
    /// renewed). Returns how many were revoked.
    pub async fn revoke_credentials(
        &self,
        actor: &Actor,
        user_id: UserId,
        kind: CredentialKind,
        reason: &str,
    ) -> Result<usize> {
        let mut tx = self.begin_audited(actor).await?;
        let revoked = revoke_in(&mut tx, user_id, kind, reason).await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// Replaces a person's recognition credential: the previous ones are
    /// revoked (`superseded`) and a new one is issued, in one transaction.
    pub async fn replace_credential(
        &self,
        actor: &Actor,
        issuer: &Issuer,
        facts: &CredentialFacts,
    ) -> Result<StoredCredential> {
        let mut tx = self.begin_audited(actor).await?;
        self.lock_credentials(&mut tx).await?;
        revoke_in(&mut tx, facts.user_id, facts.kind, "superseded").await?;
        let credential = issue_in(&mut tx, issuer, facts).await?;
        tx.commit().await?;
        Ok(credential)
    }

    pub async fn credential(&self, id: &str) -> Result<StoredCredential> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from credentials where id = $1"
        )))
        .bind(id.to_owned())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        credential_from_row(&row)
    }

    /// A person's credentials, oldest first.
    pub async fn credentials_of(&self, user_id: UserId) -> Result<Vec<StoredCredential>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from credentials where user_id = $1 order by issued_at, status_index"
        )))
        .bind(user_id.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(credential_from_row).collect()
    }

    /// Whether any credential was issued (at most one returned).
    pub async fn credentials_any(&self) -> Result<Vec<StoredCredential>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from credentials order by status_index limit 1"
        )))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(credential_from_row).collect()
    }

    /// The credentials of a workshop (completion), by person.
    pub async fn workshop_credentials(&self, workshop_id: i64) -> Result<Vec<StoredCredential>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from credentials where workshop_id = $1 order by status_index"
        )))
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(credential_from_row).collect()
    }

    /// The revoked bits of status list `list` (1-based) of the credentials
    /// signed with `key_name` (every credential for `None`: the lists of
    /// credentials issued before lists were kept per key), as positions in
    /// the list.
    pub async fn revoked_status_bits(&self, key_name: Option<&str>, list: u64) -> Result<Vec<u64>> {
        let first = (list.saturating_sub(1)).saturating_mul(credentials::LIST_BITS);
        let last = first.saturating_add(credentials::LIST_BITS);
        let rows = sqlx::query(
            "select status_index from credentials where revoked_at is not null \
             and status_index >= $1 and status_index < $2 and ($3 is null or key_name = $3)",
        )
        .bind(i64::try_from(first).unwrap_or(i64::MAX))
        .bind(i64::try_from(last).unwrap_or(i64::MAX))
        .bind(key_name.map(str::to_owned))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let index: i64 = row.try_get(0)?;
                Ok(u64::try_from(index).unwrap_or_default() - first)
            })
            .collect()
    }

    /// How many status lists the key `key_name` has (every credential for
    /// `None`); at least one for a published key, none for an unknown one.
    pub async fn status_list_count(&self, key_name: Option<&str>) -> Result<u64> {
        if let Some(name) = key_name
            && !self.credential_keys().await?.iter().any(|k| k.name == name)
        {
            return Ok(0);
        }
        let max: Option<i64> = sqlx::query(
            "select max(status_index) from credentials where ($1 is null or key_name = $1)",
        )
        .bind(key_name.map(str::to_owned))
        .fetch_one(self.pool())
        .await?
        .try_get(0)?;
        Ok(credentials::status_position(max.and_then(|m| u64::try_from(m).ok()).unwrap_or(0)).0)
    }

    /// The key that signs the pre-per-key status list `list`: the key of
    /// the first credential in its range (before key rotation existed in
    /// practice, every credential of a list had the same key).
    pub async fn legacy_status_list_key(&self, list: u64) -> Result<Option<String>> {
        let first = (list.saturating_sub(1)).saturating_mul(credentials::LIST_BITS);
        let row = sqlx::query(
            "select key_name from credentials where status_index >= $1 and status_index < $2 \
             order by status_index limit 1",
        )
        .bind(i64::try_from(first).unwrap_or(i64::MAX))
        .bind(i64::try_from(first.saturating_add(credentials::LIST_BITS)).unwrap_or(i64::MAX))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| row.try_get("key_name")).transpose()?)
    }
}

async fn issue_in(
    tx: &mut AuditedTx<'_>,
    issuer: &Issuer,
    facts: &CredentialFacts,
) -> Result<StoredCredential> {
    let user = sqlx::query("select name, email from users where id = $1")
        .bind(facts.user_id.0)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let name: String = user.try_get("name")?;
    let email: String = user.try_get("email")?;
    let next: Option<i64> = sqlx::query("select max(status_index) from credentials")
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    let status_index = next.map_or(0, |n| n + 1);
    let (key_name, key) = active_key_in(tx).await?;
    let issued_at = Timestamp::now();
    let salt: String = random::<8>()?.iter().map(|b| format!("{b:02x}")).collect();
    let input = CredentialInput {
        id: credentials::uuid_v4(random::<16>()?),
        subject_id: credentials::uuid_v4(random::<16>()?),
        kind: facts.kind,
        achievement_id: facts.achievement_id.clone(),
        achievement_name: facts.achievement_name.clone(),
        achievement_description: facts.achievement_description.clone(),
        criteria: facts.criteria.clone(),
        achievement_language: facts.achievement_language.clone(),
        recipient_name: name,
        recipient_email: email,
        email_salt: salt,
        valid_from: facts.valid_from,
        valid_until: facts.valid_until,
        activity: facts.activity,
        status_index: u64::try_from(status_index).unwrap_or_default(),
        key_name: key_name.clone(),
    };
    let document = credentials::build_credential(issuer, &input);
    // The JWT's payload carries the embedded proof: the JSON-LD form is the
    // payload without the registered claims, so nothing else is stored.
    let (_, jwt) = credentials::secure(
        &document,
        &key,
        &issuer.key_id(&key_name),
        &issuer.multikey_id(&key_name),
        &credentials::date_time(issued_at.0),
    )
    .map_err(|error| StoreError::ShippedData(format!("cannot sign a credential: {error}")))?;
    let credential = StoredCredential {
        id: input.id.clone(),
        kind: facts.kind,
        user_id: facts.user_id,
        workshop_id: facts.workshop_id,
        status_index: input.status_index,
        key_name,
        jwt,
        valid_from: credentials::date_time(facts.valid_from),
        valid_until: facts.valid_until.map(credentials::date_time),
        issued_at: issued_at.to_db(),
        revoked_at: None,
        revocation_reason: None,
    };
    sqlx::query(
        "insert into credentials (id, kind, user_id, workshop_id, status_index, key_name, jwt, \
         valid_from, valid_until, issued_at, issued_by) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(credential.id.clone())
    .bind(credential.kind.as_str())
    .bind(credential.user_id.0)
    .bind(credential.workshop_id)
    .bind(status_index)
    .bind(credential.key_name.clone())
    .bind(credential.jwt.clone())
    .bind(credential.valid_from.clone())
    .bind(credential.valid_until.clone())
    .bind(credential.issued_at.clone())
    .bind(tx.actor().label.clone())
    .execute(&mut **tx)
    .await
    .map_err(StoreError::on_unique("credential_exists"))?;
    tx.record(
        Change::new("issue", "credential", credential.id.clone())
            .after(audit::snapshot(&credential)),
    )
    .await?;
    Ok(credential)
}

async fn revoke_in(
    tx: &mut AuditedTx<'_>,
    user_id: UserId,
    kind: CredentialKind,
    reason: &str,
) -> Result<usize> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from credentials where user_id = $1 and kind = $2 and revoked_at is null"
    )))
    .bind(user_id.0)
    .bind(kind.as_str())
    .fetch_all(&mut **tx)
    .await?;
    let now = Timestamp::now().to_db();
    for row in &rows {
        let before = credential_from_row(row)?;
        sqlx::query("update credentials set revoked_at = $1, revocation_reason = $2 where id = $3")
            .bind(now.clone())
            .bind(reason.to_owned())
            .bind(before.id.clone())
            .execute(&mut **tx)
            .await?;
        let mut after = before.clone();
        after.revoked_at = Some(now.clone());
        after.revocation_reason = Some(reason.to_owned());
        tx.record(
            Change::new("revoke", "credential", before.id.clone())
                .before(audit::snapshot(&before))
                .after(audit::snapshot(&after)),
        )
        .await?;
    }
    Ok(rows.len())
}
