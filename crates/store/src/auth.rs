//! Sessions, personal API tokens and the sign-in throttle.
//!
//! All three live in the database, not in a server's memory, so several
//! gedhub servers behind a load balancer share them. Only SHA-256 hashes of
//! session and API tokens are stored: a stolen backup cannot be replayed.

use gedhub_core::signin::Facts;
use gedhub_core::{Email, UserId};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::audit::Change;
use crate::users::{User, user_from_row};
use crate::{Actor, Result, Store, Timestamp};

/// A fresh random secret (256 bits, hex) for a session cookie or an API token.
pub fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| crate::StoreError::Randomness(error.to_string()))?;
    Ok(hex::encode(bytes))
}

/// The stored form of a secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// One sign-in attempt, as the throttle and the audit log see it.
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    /// The e-mail address as typed (it may name no account).
    pub email: &'a str,
    /// The client's address, kept in the audit log.
    pub address: &'a str,
    /// What the address is counted under
    /// ([`gedhub_core::signin::throttle_key`]).
    pub throttle_key: &'a str,
    pub at: Timestamp,
}

impl SignInAttempt<'_> {
    /// The e-mail as attempts are counted: trimmed, lower-cased, and cut to
    /// the longest possible address so that junk cannot grow the table.
    fn email_key(&self) -> String {
        self.email.trim().to_lowercase().chars().take(320).collect()
    }
}

/// How long sign-in attempts are kept: a day bounds what the throttle counts.
const ATTEMPTS_KEPT_FOR: chrono::Duration = chrono::Duration::days(1);

async fn insert_attempt(
    connection: &mut sqlx::AnyConnection,
    email_key: String,
    throttle_key: &str,
    succeeded: bool,
    at: Timestamp,
) -> Result<()> {
    sqlx::query(
        "insert into login_attempts (email, address, attempted_at, succeeded) values ($1, $2, $3, $4)",
    )
    .bind(email_key)
    .bind(throttle_key.to_owned())
    .bind(at.to_db())
    .bind(i64::from(succeeded))
    .execute(&mut *connection)
    .await?;
    sqlx::query("delete from login_attempts where attempted_at < $1")
        .bind(at.minus(ATTEMPTS_KEPT_FOR).to_db())
        .execute(&mut *connection)
        .await?;
    Ok(())
}

async fn insert_session(
    connection: &mut sqlx::AnyConnection,
    secret: &str,
    user: UserId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<()> {
    sqlx::query(
        "insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
    )
    .bind(secret_hash(secret))
    .bind(user.0)
    .bind(now.to_db())
    .bind(expires_at.to_db())
    .execute(&mut *connection)
    .await?;
    // Expired sessions of everyone are swept here, at a cheap moment.
    sqlx::query("delete from sessions where expires_at < $1")
        .bind(now.to_db())
        .execute(&mut *connection)
        .await?;
    Ok(())
}

impl Store {
    /// Opens a session for `user` until `expires_at`; returns the cookie
    /// secret. (Signing in through the form uses [`Store::open_session`].)
    pub async fn create_session(
        &self,
        user: UserId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<String> {
        let secret = new_secret()?;
        let mut connection = self.pool().acquire().await?;
        insert_session(&mut connection, &secret, user, now, expires_at).await?;
        Ok(secret)
    }

    /// A successful sign-in: opens the session of cookie `secret` for `user`
    /// until `expires_at`, remembers the attempt (it resets the throttle for
    /// this account and address) and audits it, all in one transaction.
    /// Called only once the response that carries the cookie is ready, so a
    /// session never exists without its cookie having been sent.
    pub async fn open_session(
        &self,
        attempt: &SignInAttempt<'_>,
        user: &User,
        secret: &str,
        expires_at: Timestamp,
    ) -> Result<()> {
        let actor = Actor::user(user.id, user.email.as_str());
        let mut tx = self.begin_audited(&actor).await?;
        insert_session(&mut tx, secret, user.id, attempt.at, expires_at).await?;
        insert_attempt(
            &mut tx,
            attempt.email_key(),
            attempt.throttle_key,
            true,
            attempt.at,
        )
        .await?;
        tx.record(
            Change::new("sign_in", "user", &user.email)
                .administration(user.administration.as_ref().map(|c| c.as_str()))
                .after(serde_json::json!({ "address": attempt.address })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A wrong password (or an unknown account): remembered for the
    /// throttle and audited, in one transaction. `account` is the account
    /// the e-mail names, if any.
    pub async fn record_sign_in_failure(
        &self,
        attempt: &SignInAttempt<'_>,
        account: Option<&User>,
    ) -> Result<()> {
        let actor = Actor::system("anonymous");
        let mut tx = self.begin_audited(&actor).await?;
        let email_key = attempt.email_key();
        insert_attempt(
            &mut tx,
            email_key.clone(),
            attempt.throttle_key,
            false,
            attempt.at,
        )
        .await?;
        tx.record(
            Change::new("sign_in_failed", "user", email_key)
                .administration(
                    account
                        .and_then(|user| user.administration.as_ref())
                        .map(|c| c.as_str()),
                )
                .after(serde_json::json!({
                    "address": attempt.address,
                    "reason": if account.is_some() { "wrong_password" } else { "unknown_account" },
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user of a live session, or `None` when it is unknown or expired.
    pub async fn session_user(&self, secret: &str, now: Timestamp) -> Result<Option<User>> {
        let row = sqlx::query(
            "select u.id, u.email, u.name, u.role, u.administration_code, u.locale, u.browser_locale \
             from sessions s join users u on u.id = s.user_id \
             where s.token_hash = $1 and s.expires_at > $2",
        )
        .bind(secret_hash(secret))
        .bind(now.to_db())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn delete_session(&self, secret: &str) -> Result<()> {
        sqlx::query("delete from sessions where token_hash = $1")
            .bind(secret_hash(secret))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Creates a personal API token for `email`; returns the secret, which is
    /// shown once and never stored.
    pub async fn create_api_token(&self, actor: &Actor, email: &Email) -> Result<String> {
        let user = self.user_by_email(email).await?;
        let secret = new_secret()?;
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("insert into api_tokens (token_hash, user_id, created_at) values ($1, $2, $3)")
            .bind(secret_hash(&secret))
            .bind(user.id.0)
            .bind(Timestamp::now().to_db())
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("create_token", "user", &user.email)
                .administration(user.administration.as_ref().map(|c| c.as_str())),
        )
        .await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// The owner of an API token, or `None`.
    pub async fn token_user(&self, secret: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "select u.id, u.email, u.name, u.role, u.administration_code, u.locale, u.browser_locale \
             from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1",
        )
        .bind(secret_hash(secret))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Remembers a sign-in attempt for the throttle, without an audit entry
    /// (tests and tools; the sign-in form uses [`Store::open_session`] and
    /// [`Store::record_sign_in_failure`]).
    pub async fn record_login_attempt(
        &self,
        email: &str,
        throttle_key: &str,
        succeeded: bool,
        now: Timestamp,
    ) -> Result<()> {
        let attempt = SignInAttempt {
            email,
            address: throttle_key,
            throttle_key,
            at: now,
        };
        let mut connection = self.pool().acquire().await?;
        insert_attempt(
            &mut connection,
            attempt.email_key(),
            throttle_key,
            succeeded,
            now,
        )
        .await
    }

    /// What the throttle needs to decide on `attempt`
    /// ([`gedhub_core::signin::Facts`]); failures from the address count
    /// within `address_window`.
    pub async fn sign_in_facts(
        &self,
        attempt: &SignInAttempt<'_>,
        address_window: chrono::Duration,
    ) -> Result<Facts> {
        // Failures of this account from this address since the address last
        // signed in to it (timestamps are fixed-width text: they compare as
        // text on both engines, and '' is before all of them).
        let pair = "email = $1 and address = $2 and succeeded = 0 and attempted_at >= $4 \
             and attempted_at > coalesce((select max(attempted_at) from login_attempts \
             where email = $1 and address = $2 and succeeded = 1), '')";
        let sql = format!(
            "select \
               (select count(*) from login_attempts where address = $2 and succeeded = 0 and attempted_at >= $3) as address_failures, \
               (select count(*) from login_attempts where {pair}) as pair_failures, \
               (select max(attempted_at) from login_attempts where {pair}) as pair_last_failure, \
               (select count(*) from login_attempts where email = $1 and succeeded = 0 and attempted_at >= $5) as account_failures"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(attempt.email_key())
            .bind(attempt.throttle_key.to_owned())
            .bind(attempt.at.minus(address_window).to_db())
            .bind(attempt.at.minus(ATTEMPTS_KEPT_FOR).to_db())
            .bind(attempt.at.minus(chrono::Duration::hours(1)).to_db())
            .fetch_one(self.pool())
            .await?;
        let last: Option<String> = row.try_get("pair_last_failure")?;
        Ok(Facts {
            address_failures: row.try_get("address_failures")?,
            pair_failures: row.try_get("pair_failures")?,
            pair_last_failure: last
                .as_deref()
                .and_then(Timestamp::from_db)
                .map(|moment| moment.0),
            account_failures_last_hour: row.try_get("account_failures")?,
        })
    }
}
