//! Sessions, personal API tokens and the sign-in rate limit.
//!
//! All three live in the database, not in a server's memory, so several
//! gedhub servers behind a load balancer share them. Only SHA-256 hashes of
//! session and API tokens are stored: a stolen backup cannot be replayed.

use gedhub_core::{Email, UserId};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::users::{User, user_from_row};
use crate::{Result, Store, Timestamp};

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

/// How many failed sign-ins were seen recently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentFailures {
    pub for_email: i64,
    pub from_address: i64,
}

impl Store {
    /// Opens a session for `user` until `expires_at`; returns the cookie secret.
    pub async fn create_session(
        &self,
        user: UserId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<String> {
        let secret = new_secret()?;
        sqlx::query(
            "insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(secret_hash(&secret))
        .bind(user.0)
        .bind(now.to_db())
        .bind(expires_at.to_db())
        .execute(self.pool())
        .await?;
        // Expired sessions of everyone are swept here, at a cheap moment.
        sqlx::query("delete from sessions where expires_at < $1")
            .bind(now.to_db())
            .execute(self.pool())
            .await?;
        Ok(secret)
    }

    /// The user of a live session, or `None` when it is unknown or expired.
    pub async fn session_user(&self, secret: &str, now: Timestamp) -> Result<Option<User>> {
        let row = sqlx::query(
            "select u.id, u.email, u.name, u.role, u.administration_code, u.locale \
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
    pub async fn create_api_token(&self, actor: &crate::Actor, email: &Email) -> Result<String> {
        let user = self.user_by_email(email).await?;
        let secret = new_secret()?;
        let mut tx = self.begin_write().await?;
        sqlx::query("insert into api_tokens (token_hash, user_id, created_at) values ($1, $2, $3)")
            .bind(secret_hash(&secret))
            .bind(user.id.0)
            .bind(Timestamp::now().to_db())
            .execute(&mut *tx)
            .await?;
        crate::audit::record(
            &mut tx,
            actor,
            crate::audit::Change {
                action: "create_token",
                entity: "user",
                entity_key: user.email.to_string(),
                administration: user.administration.as_ref().map(|c| c.as_str()),
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// The owner of an API token, or `None`.
    pub async fn token_user(&self, secret: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "select u.id, u.email, u.name, u.role, u.administration_code, u.locale \
             from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1",
        )
        .bind(secret_hash(secret))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Remembers a sign-in attempt for the rate limit.
    pub async fn record_login_attempt(
        &self,
        email: &str,
        address: &str,
        succeeded: bool,
        now: Timestamp,
    ) -> Result<()> {
        sqlx::query(
            "insert into login_attempts (email, address, attempted_at, succeeded) values ($1, $2, $3, $4)",
        )
        .bind(email.trim().to_lowercase())
        .bind(address.to_owned())
        .bind(now.to_db())
        .bind(i64::from(succeeded))
        .execute(self.pool())
        .await?;
        sqlx::query("delete from login_attempts where attempted_at < $1")
            .bind(now.minus(chrono::Duration::days(1)).to_db())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Failed attempts since `since`, for an account and for an address.
    pub async fn recent_login_failures(
        &self,
        email: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<RecentFailures> {
        let row = sqlx::query(
            "select \
               (select count(*) from login_attempts where email = $1 and succeeded = 0 and attempted_at >= $3) as for_email, \
               (select count(*) from login_attempts where address = $2 and succeeded = 0 and attempted_at >= $3) as from_address",
        )
        .bind(email.trim().to_lowercase())
        .bind(address.to_owned())
        .bind(since.to_db())
        .fetch_one(self.pool())
        .await?;
        Ok(RecentFailures {
            for_email: row.try_get("for_email")?,
            from_address: row.try_get("from_address")?,
        })
    }
}
