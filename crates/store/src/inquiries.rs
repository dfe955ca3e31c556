//! Contact and inquiries (issue 8): threads between a signed-in user and
//! the Secretariat, the form tokens behind the minimum fill time, and the
//! public contact address.
//!
//! Tenancy: the web layer decides who may read an inquiry (the Secretariat
//! and its requester only) and which list a caller gets. Notifications and
//! e-mails that a change causes are queued in the change's transaction.

use gedhub_core::inquiries::{InquiryStatus, NewInquiry};
use gedhub_core::{Email, UserId};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Change, snapshot};
use crate::notifications::{NewEmail, NewNotification, deliver_in};
use crate::users::User;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// The contact address shown until the Secretariat saves another one.
pub const DEFAULT_CONTACT_ADDRESS: &str = "capacity.building@wcoomd.org";

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InquiryMessage {
    pub id: i64,
    pub author_name: String,
    /// Written by the Secretariat (an answer) rather than the requester.
    pub from_secretariat: bool,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inquiry {
    pub id: i64,
    #[serde(skip)]
    pub requester_id: UserId,
    pub requester_name: String,
    pub requester_email: String,
    /// The requester's administration when they sent it, if any.
    pub administration: Option<String>,
    pub topic: String,
    pub subject: String,
    pub status: InquiryStatus,
    pub created_at: String,
    pub updated_at: String,
    /// Oldest first; the first is the question. Empty in lists.
    pub messages: Vec<InquiryMessage>,
}

/// Which inquiries to list; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct InquiryFilter {
    pub status: Option<InquiryStatus>,
    pub requester: Option<UserId>,
    pub administration: Option<String>,
}

/// What a change sends the other party (built by the web layer, in their
/// language).
#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub notifications: Vec<NewNotification>,
    pub emails: Vec<NewEmail>,
}

/// A message added to a thread.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    pub author: &'a User,
    /// The Secretariat answers (else the requester writes back).
    pub from_secretariat: bool,
    pub body: &'a str,
    /// What the other party is sent.
    pub notice: &'a Notice,
    pub now: Timestamp,
}

const COLUMNS: &str = "i.id, i.requester_user_id, u.name, u.email, i.administration_code, \
     i.topic, i.subject, i.status, i.created_at, i.updated_at";

fn inquiry_from_row(row: &AnyRow) -> Result<Inquiry> {
    let status: String = row.try_get(7)?;
    Ok(Inquiry {
        id: row.try_get(0)?,
        requester_id: UserId(row.try_get(1)?),
        requester_name: row.try_get(2)?,
        requester_email: row.try_get(3)?,
        administration: row.try_get(4)?,
        topic: row.try_get(5)?,
        subject: row.try_get(6)?,
        status: InquiryStatus::parse(&status)?,
        created_at: row.try_get(8)?,
        updated_at: row.try_get(9)?,
        messages: Vec::new(),
    })
}

async fn inquiry_in(connection: &mut sqlx::AnyConnection, id: i64) -> Result<Inquiry> {
    let sql = format!(
        "select {COLUMNS} from inquiries i join users u on u.id = i.requester_user_id \
         where i.id = $1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut inquiry = inquiry_from_row(&row)?;
    let rows = sqlx::query(
        "select id, author_name, from_secretariat, body, created_at from inquiry_messages \
         where inquiry_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    inquiry.messages = rows
        .iter()
        .map(|row| {
            Ok(InquiryMessage {
                id: row.try_get(0)?,
                author_name: row.try_get(1)?,
                from_secretariat: row.try_get::<i64, _>(2)? != 0,
                body: row.try_get(3)?,
                created_at: row.try_get(4)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(inquiry)
}

async fn add_message(
    connection: &mut sqlx::AnyConnection,
    inquiry_id: i64,
    author: &User,
    from_secretariat: bool,
    body: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "insert into inquiry_messages (inquiry_id, author_user_id, author_name, \
         from_secretariat, body, created_at) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(inquiry_id)
    .bind(author.id.0)
    .bind(author.name.clone())
    .bind(i64::from(from_secretariat))
    .bind(body.to_owned())
    .bind(now.to_owned())
    .execute(&mut *connection)
    .await?;
    Ok(())
}

impl Store {
    /// Records `requester`'s new inquiry (status `new`) with its question.
    pub async fn create_inquiry(
        &self,
        actor: &Actor,
        requester: &User,
        inquiry: &NewInquiry,
        now: Timestamp,
    ) -> Result<Inquiry> {
        let mut tx = self.begin_audited(actor).await?;
        let now = now.to_db();
        let id: i64 = sqlx::query(
            "insert into inquiries (requester_user_id, administration_code, topic, subject, \
             status, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $6) returning id",
        )
        .bind(requester.id.0)
        .bind(
            requester
                .administration
                .as_ref()
                .map(|c| c.as_str().to_owned()),
        )
        .bind(inquiry.topic.clone())
        .bind(inquiry.subject.clone())
        .bind(InquiryStatus::New.as_str())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        add_message(&mut tx, id, requester, false, &inquiry.message, &now).await?;
        let created = inquiry_in(&mut tx, id).await?;
        tx.record(
            Change::new("create", "inquiry", id)
                .administration(created.administration.as_deref())
                .after(snapshot(&created)),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// One inquiry with its thread (whoever asks: the caller checks access).
    pub async fn inquiry(&self, id: i64) -> Result<Inquiry> {
        let mut connection = self.pool().acquire().await?;
        inquiry_in(&mut connection, id).await
    }

    /// Inquiries matching `filter`, most recently changed first, at most 500.
    pub async fn inquiries(&self, filter: &InquiryFilter) -> Result<Vec<Inquiry>> {
        let mut sql = format!(
            "select {COLUMNS} from inquiries i join users u on u.id = i.requester_user_id \
             where ($1 = '' or i.status = $1) and ($2 = 0 or i.requester_user_id = $2) \
             and ($3 = '' or i.administration_code = $3)"
        );
        sql.push_str(" order by i.updated_at desc, i.id desc limit 500");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.status.map(|s| s.as_str()).unwrap_or_default())
            .bind(filter.requester.map(|id| id.0).unwrap_or(0))
            .bind(filter.administration.clone().unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(inquiry_from_row).collect()
    }

    /// How many inquiries `user` sent since `since` (the hourly limit).
    pub async fn inquiries_sent_since(&self, user: UserId, since: Timestamp) -> Result<i64> {
        Ok(sqlx::query(
            "select count(*) from inquiries where requester_user_id = $1 and created_at >= $2",
        )
        .bind(user.0)
        .bind(since.to_db())
        .fetch_one(self.pool())
        .await?
        .try_get(0)?)
    }

    /// Adds `author`'s message to the thread. A Secretariat message answers
    /// the inquiry; the requester's re-opens an answered or closed one
    /// (`InquiryStatus::after_reply`). `notice` goes out in the same
    /// transaction.
    pub async fn reply_to_inquiry(
        &self,
        actor: &Actor,
        id: i64,
        reply: Reply<'_>,
    ) -> Result<Inquiry> {
        let mut tx = self.begin_audited(actor).await?;
        let before = inquiry_in(&mut tx, id).await?;
        let now = reply.now.to_db();
        add_message(
            &mut tx,
            id,
            reply.author,
            reply.from_secretariat,
            reply.body,
            &now,
        )
        .await?;
        let status = before.status.after_reply(reply.from_secretariat);
        sqlx::query("update inquiries set status = $1, updated_at = $2 where id = $3")
            .bind(status.as_str())
            .bind(now.clone())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        deliver_in(
            &mut tx,
            &reply.notice.notifications,
            &reply.notice.emails,
            &now,
        )
        .await?;
        let after = inquiry_in(&mut tx, id).await?;
        tx.record(
            Change::new("reply", "inquiry", id)
                .administration(after.administration.as_deref())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Sets an inquiry's status (the Secretariat's inbox); `notice` goes out
    /// in the same transaction.
    pub async fn set_inquiry_status(
        &self,
        actor: &Actor,
        id: i64,
        status: InquiryStatus,
        notice: &Notice,
        now: Timestamp,
    ) -> Result<Inquiry> {
        let mut tx = self.begin_audited(actor).await?;
        let before = inquiry_in(&mut tx, id).await?;
        let now = now.to_db();
        sqlx::query("update inquiries set status = $1, updated_at = $2 where id = $3")
            .bind(status.as_str())
            .bind(now.clone())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        deliver_in(&mut tx, &notice.notifications, &notice.emails, &now).await?;
        let after = inquiry_in(&mut tx, id).await?;
        tx.record(
            Change::new("set_status", "inquiry", id)
                .administration(after.administration.as_deref())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Issues a single-use token for `user`'s inquiry form, issued at `now`;
    /// tokens older than `expire_before` are swept on the way.
    pub async fn issue_inquiry_token(
        &self,
        user: UserId,
        now: Timestamp,
        expire_before: Timestamp,
    ) -> Result<String> {
        let token = crate::auth::new_secret()?;
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from inquiry_form_tokens where issued_at < $1")
            .bind(expire_before.to_db())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into inquiry_form_tokens (token, user_id, issued_at) values ($1, $2, $3)",
        )
        .bind(token.clone())
        .bind(user.0)
        .bind(now.to_db())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Uses up `user`'s form token: when it was issued, or `None` when it is
    /// unknown, another user's or already used.
    pub async fn take_inquiry_token(&self, user: UserId, token: &str) -> Result<Option<Timestamp>> {
        let mut tx = self.begin_write().await?;
        let issued: Option<String> = sqlx::query(
            "select issued_at from inquiry_form_tokens where token = $1 and user_id = $2",
        )
        .bind(token.to_owned())
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        if issued.is_some() {
            sqlx::query("delete from inquiry_form_tokens where token = $1")
                .bind(token.to_owned())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(issued.as_deref().and_then(Timestamp::from_db))
    }

    /// The public contact address.
    pub async fn contact_address(&self) -> Result<String> {
        let row = sqlx::query("select address from contact_settings where id = 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(row) => row.try_get(0)?,
            None => DEFAULT_CONTACT_ADDRESS.to_owned(),
        })
    }

    /// Replaces the public contact address (the Secretariat's settings).
    pub async fn set_contact_address(&self, actor: &Actor, address: &Email) -> Result<()> {
        let before = self.contact_address().await?;
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("delete from contact_settings where id = 1")
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into contact_settings (id, address, updated_by, updated_at) values (1, $1, $2, $3)",
        )
        .bind(address.as_str().to_owned())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new("update", "contact_settings", "1".to_owned())
                .before(serde_json::json!({ "address": before }))
                .after(serde_json::json!({ "address": address.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
