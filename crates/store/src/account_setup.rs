//! Accounts gedhub creates for people who cannot sign in yet (a focal point
//! nominates a colleague to a workshop), and the one-time links with which
//! they choose their password.
//!
//! Such an account's password hash is [`UNUSABLE_PASSWORD`], which no
//! password verifies against. When the Secretariat confirms the person, an
//! e-mail with a set-up link is queued; the link works once, for
//! [`SETUP_LINK_DAYS`] days. Only the link secret's SHA-256 is stored.
//!
//! A forgotten password is reset with the same kind of link, asked for on
//! the sign-in page: it works once, for [`RESET_LINK_MINUTES`] minutes, at
//! most [`RESET_LINKS_PER_HOUR`] are sent per account and hour, and using
//! it signs the account out everywhere.

use gedhub_core::UserId;
use sqlx::Row;

use crate::audit::Change;
use crate::auth::{new_secret, secret_hash};
use crate::users::{User, user_from_row};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// The stored password hash of an account whose owner has not chosen a
/// password yet. Not a valid PHC string, so no password matches it.
pub const UNUSABLE_PASSWORD: &str = "!set-up-pending";
/// How long a set-up link works.
pub const SETUP_LINK_DAYS: i64 = 14;

/// How long a password-reset link works.
pub const RESET_LINK_MINUTES: i64 = 60;
/// How many password-reset links one account receives per hour at most, so
/// that nobody can flood someone's inbox by asking for theirs.
pub const RESET_LINKS_PER_HOUR: i64 = 3;

/// An e-mail to queue with a set-up link.
#[derive(Debug, Clone)]
pub struct SetupEmail {
    pub subject: String,
    /// The body; `{link}` is replaced by the set-up link.
    pub body: String,
    /// Where the link points, without the secret (e.g.
    /// `https://gedhub.example/account/setup/`).
    pub link_prefix: String,
}

impl Store {
    /// Whether the account still waits for its owner to choose a password.
    pub async fn awaits_setup(&self, user: UserId) -> Result<bool> {
        let row = sqlx::query("select password_hash from users where id = $1")
            .bind(user.0)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get::<String, _>(0)? == UNUSABLE_PASSWORD)
    }

    /// Creates a one-time set-up link for `user` and queues the e-mail that
    /// carries it, in one transaction.
    pub async fn send_setup_link(
        &self,
        actor: &Actor,
        user: &User,
        email: &SetupEmail,
        now: Timestamp,
    ) -> Result<()> {
        let expires = now.plus(chrono::Duration::days(SETUP_LINK_DAYS));
        self.send_link(actor, user, email, now, expires, "send_setup_link")
            .await
    }

    /// Creates a one-time password-reset link for `user` and queues the
    /// e-mail that carries it, unless [`RESET_LINKS_PER_HOUR`] were sent in
    /// the last hour; returns whether one was sent. The caller answers the
    /// same either way, so that nobody learns whether an account exists.
    pub async fn send_password_reset_link(
        &self,
        user: &User,
        email: &SetupEmail,
        now: Timestamp,
    ) -> Result<bool> {
        let recent: i64 = sqlx::query(
            "select count(*) from account_setup_tokens where user_id = $1 and created_at > $2",
        )
        .bind(user.id.0)
        .bind(now.plus(chrono::Duration::hours(-1)).to_db())
        .fetch_one(self.pool())
        .await?
        .try_get(0)?;
        if recent >= RESET_LINKS_PER_HOUR {
            return Ok(false);
        }
        let actor = Actor::system("password-reset").at(now);
        let expires = now.plus(chrono::Duration::minutes(RESET_LINK_MINUTES));
        self.send_link(
            &actor,
            user,
            email,
            now,
            expires,
            "send_password_reset_link",
        )
        .await?;
        Ok(true)
    }

    async fn send_link(
        &self,
        actor: &Actor,
        user: &User,
        email: &SetupEmail,
        now: Timestamp,
        expires: Timestamp,
        action: &'static str,
    ) -> Result<()> {
        let secret = new_secret()?;
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "insert into account_setup_tokens (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(secret_hash(&secret))
        .bind(user.id.0)
        .bind(now.to_db())
        .bind(expires.to_db())
        .execute(&mut *tx)
        .await?;
        let link = format!("{}{secret}", email.link_prefix);
        sqlx::query(
            "insert into outgoing_emails (recipient, recipient_name, subject, body, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(user.email.as_str().to_owned())
        .bind(user.name.clone())
        .bind(email.subject.clone())
        .bind(email.body.replace("{link}", &link))
        .bind(now.to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(action, "user", user.id)
                .administration(user.administration.as_ref().map(|c| c.as_str()))
                .after(serde_json::json!({ "email": user.email.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The account a set-up link opens, if the link is unused and not expired.
    pub async fn setup_link_user(&self, secret: &str, now: Timestamp) -> Result<User> {
        let row = sqlx::query(
            "select u.id, u.email, u.name, u.role, u.administration_code, u.locale, u.browser_locale \
             from account_setup_tokens t join users u on u.id = t.user_id \
             where t.token_hash = $1 and t.used_at is null and t.expires_at > $2",
        )
        .bind(secret_hash(secret))
        .bind(now.to_db())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    /// Sets the password chosen through a set-up or reset link, uses up
    /// every link of the account, and ends its sessions (whoever held one
    /// signs in again with the new password). An unknown, used or expired
    /// link is `NotFound`.
    pub async fn complete_setup(
        &self,
        secret: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<User> {
        let user = self.setup_link_user(secret, now).await?;
        let actor = Actor::user(user.id, user.email.as_str());
        let mut tx = self.begin_audited(&actor).await?;
        let used = sqlx::query(
            "update account_setup_tokens set used_at = $1 where token_hash = $2 and used_at is null",
        )
        .bind(now.to_db())
        .bind(secret_hash(secret))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if used == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "update account_setup_tokens set used_at = $1 where user_id = $2 and used_at is null",
        )
        .bind(now.to_db())
        .bind(user.id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("delete from sessions where user_id = $1")
            .bind(user.id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("update users set password_hash = $1, updated_at = $2 where id = $3")
            .bind(password_hash.to_owned())
            .bind(now.to_db())
            .bind(user.id.0)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("complete_setup", "user", user.id)
                .administration(user.administration.as_ref().map(|c| c.as_str()))
                .after(serde_json::json!({ "password": "set" })),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }
}
