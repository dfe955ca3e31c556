//! Accounts.

use gedhub_core::{AdministrationCode, Email, Role, UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Actor, Change, snapshot};
use crate::{Result, Store, StoreError, Timestamp};

/// An account as the rest of gedhub sees it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub administration: Option<AdministrationCode>,
    /// The interface language the user chose, if any (e.g. `fr`).
    pub locale: Option<String>,
    /// The language negotiated at their last visit while they follow their
    /// browser (`locale` is `None`): what messages sent in their absence
    /// are written in.
    pub browser_locale: Option<String>,
}

/// What is needed to create an account. The password is already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub administration: Option<AdministrationCode>,
    pub password_hash: String,
}

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User> {
    let email: String = row.try_get("email")?;
    let role: String = row.try_get("role")?;
    let administration: Option<String> = row.try_get("administration_code")?;
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: Email::parse(&email)?,
        name: row.try_get("name")?,
        role: Role::parse(&role)?,
        administration: administration
            .as_deref()
            .map(AdministrationCode::parse)
            .transpose()?,
        locale: row.try_get("locale")?,
        browser_locale: row.try_get("browser_locale")?,
    })
}

impl Store {
    /// Creates an account. Refuses a taken e-mail (`email_taken`), a focal point
    /// without an administration, and an unknown administration.
    pub async fn create_user(&self, actor: &Actor, new: NewUser) -> Result<User> {
        if new.role.requires_administration() && new.administration.is_none() {
            return Err(ValidationError::new("administration", "administration_required").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        if let Some(code) = &new.administration {
            ensure_administration_exists(&mut tx, code).await?;
        }
        let now = Timestamp::now().to_db();
        let row = sqlx::query(
            "insert into users (email, name, role, administration_code, password_hash, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6) \
             returning id, email, name, role, administration_code, locale, browser_locale",
        )
        .bind(new.email.as_str().to_owned())
        .bind(new.name.clone())
        .bind(new.role.as_str())
        .bind(new.administration.as_ref().map(|c| c.as_str().to_owned()))
        .bind(new.password_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_unique("email_taken"))?;
        let user = user_from_row(&row)?;
        tx.record(
            Change::new("create", "user", &user.email)
                .administration(user.administration.as_ref().map(|c| c.as_str()))
                .after(snapshot(&user)),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn user(&self, id: UserId) -> Result<User> {
        let row = sqlx::query(
            "select id, email, name, role, administration_code, locale, browser_locale from users where id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<User> {
        Ok(self
            .credentials(email)
            .await?
            .ok_or(StoreError::NotFound)?
            .0)
    }

    /// The account and its password hash, for signing in.
    pub async fn credentials(&self, email: &Email) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "select id, email, name, role, administration_code, locale, browser_locale, password_hash \
             from users where email = $1",
        )
        .bind(email.as_str().to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| Ok((user_from_row(&row)?, row.try_get("password_hash")?)))
            .transpose()
    }

    /// The password hash of an account, to check a password change.
    pub async fn password_hash(&self, id: UserId) -> Result<String> {
        sqlx::query("select password_hash from users where id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get("password_hash")
            .map_err(Into::into)
    }

    /// Every account, ordered by e-mail (the Secretariat's user list).
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "select id, email, name, role, administration_code, locale, browser_locale from users order by email",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// The focal points of one administration.
    pub async fn focal_points(&self, code: &AdministrationCode) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "select id, email, name, role, administration_code, locale, browser_locale from users \
             where administration_code = $1 and role = 'focal_point' order by name",
        )
        .bind(code.as_str().to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Replaces a password hash and signs the user out everywhere except the
    /// session `keep_session` (the one that made the change, if any).
    pub async fn set_password_hash(
        &self,
        actor: &Actor,
        id: UserId,
        password_hash: String,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let user = sqlx::query(
            "update users set password_hash = $1, updated_at = $2 where id = $3 \
             returning id, email, name, role, administration_code, locale, browser_locale",
        )
        .bind(password_hash)
        .bind(Timestamp::now().to_db())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let user = user_from_row(&user)?;
        sqlx::query("delete from sessions where user_id = $1 and token_hash <> $2")
            .bind(id.0)
            .bind(keep_session.unwrap_or("").to_owned())
            .execute(&mut *tx)
            .await?;
        sqlx::query("delete from api_tokens where user_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("change_password", "user", &user.email)
                .administration(user.administration.as_ref().map(|c| c.as_str())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the interface language a user chose (`None` = follow the browser).
    pub async fn set_locale(&self, actor: &Actor, id: UserId, locale: Option<&str>) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let before = sqlx::query("select locale, email from users where id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let old: Option<String> = before.try_get("locale")?;
        let email: String = before.try_get("email")?;
        sqlx::query("update users set locale = $1, updated_at = $2 where id = $3")
            .bind(locale.map(str::to_owned))
            .bind(Timestamp::now().to_db())
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("set_locale", "user", email)
                .before(serde_json::json!({ "locale": old }))
                .after(serde_json::json!({ "locale": locale })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Remembers the language `user`'s browser asked for at this visit, so
    /// that what is sent to them later (reminders, replies, invitations) is
    /// in that language. Called only while they follow their browser, and
    /// only when the language changed, so it is rare; audited like any
    /// change to an account.
    pub async fn remember_browser_locale(
        &self,
        actor: &Actor,
        user: &User,
        locale: &str,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("update users set browser_locale = $1 where id = $2")
            .bind(locale.to_owned())
            .bind(user.id.0)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("remember_browser_locale", "user", user.email.as_str())
                .before(serde_json::json!({ "browser_locale": user.browser_locale }))
                .after(serde_json::json!({ "browser_locale": locale })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes an existing account a focal point of `code` (or, with `None`,
    /// removes it from its administration).
    pub async fn assign_focal_point(
        &self,
        actor: &Actor,
        email: &Email,
        code: Option<&AdministrationCode>,
    ) -> Result<User> {
        let mut tx = self.begin_audited(actor).await?;
        let before = sqlx::query(
            "select id, email, name, role, administration_code, locale, browser_locale from users where email = $1",
        )
        .bind(email.as_str().to_owned())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before = user_from_row(&before)?;
        if before.role == Role::Secretariat {
            return Err(ValidationError::new("email", "secretariat_cannot_be_focal_point").into());
        }
        if let Some(code) = code {
            ensure_administration_exists(&mut tx, code).await?;
        }
        let role = if code.is_some() {
            Role::FocalPoint
        } else {
            before.role
        };
        let after = sqlx::query(
            "update users set role = $1, administration_code = $2, updated_at = $3 where id = $4 \
             returning id, email, name, role, administration_code, locale, browser_locale",
        )
        .bind(role.as_str())
        .bind(code.map(|c| c.as_str().to_owned()))
        .bind(Timestamp::now().to_db())
        .bind(before.id.0)
        .fetch_one(&mut *tx)
        .await?;
        let after = user_from_row(&after)?;
        let touched = code.or(before.administration.as_ref());
        tx.record(
            Change::new(
                if code.is_some() {
                    "assign_focal_point"
                } else {
                    "remove_focal_point"
                },
                "user",
                &after.email,
            )
            .administration(touched.map(|c| c.as_str()))
            .before(snapshot(&before))
            .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}

async fn ensure_administration_exists(
    connection: &mut sqlx::AnyConnection,
    code: &AdministrationCode,
) -> Result<()> {
    let found = sqlx::query("select code from administrations where code = $1")
        .bind(code.as_str().to_owned())
        .fetch_optional(connection)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(ValidationError::new("administration", "unknown_administration").into()),
    }
}

impl Store {
    /// A person's recorded sex (`female`, `male`, `other`, `undisclosed`),
    /// or `None` when not recorded.
    pub async fn user_sex(&self, id: UserId) -> Result<Option<String>> {
        let row = sqlx::query("select sex from users where id = $1")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get(0)?)
    }

    /// Records (or clears) a person's sex, used only in the programme's
    /// counts of people trained. The value must come from
    /// `gedhub_core::programme::parse_sex`; the change is audited without
    /// the value itself, which is personal data.
    pub async fn set_user_sex(&self, actor: &Actor, id: UserId, sex: Option<&str>) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "update users set sex = $1, updated_at = $2 where id = $3 returning email, administration_code",
        )
        .bind(sex.map(str::to_owned))
        .bind(Timestamp::now().to_db())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let email: String = row.try_get(0)?;
        let administration: Option<String> = row.try_get(1)?;
        tx.record(Change::new("set_sex", "user", email).administration(administration.as_deref()))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
