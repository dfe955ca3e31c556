//! In-app notifications, the e-mail queue and daily job runs.
//!
//! A daily job (the action-plan reminders) claims its day by inserting a
//! `job_runs` row in the same transaction as everything it produces: the
//! primary key lets exactly one server win the day, and a run that fails
//! leaves no trace, so it is simply tried again. E-mails are queued in that
//! transaction and sent afterwards by whoever holds the queue; a message is
//! marked sent once the mail server accepted it.

use chrono::NaiveDate;
use gedhub_core::UserId;
use serde::Serialize;
use sqlx::Row;

use crate::plans::date_to_db;
use crate::{Result, Store, StoreError, Timestamp};

/// A notification for one user, as produced by a job.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    pub user_id: UserId,
    pub subject: String,
    pub body: String,
    /// A path inside gedhub to open (e.g. the plan).
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notification {
    pub id: i64,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// An e-mail to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEmail {
    pub recipient: String,
    pub recipient_name: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueuedEmail {
    pub id: i64,
    pub recipient: String,
    pub recipient_name: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// What a daily job produced for its day.
#[derive(Debug, Clone, Default)]
pub struct JobOutput {
    pub notifications: Vec<NewNotification>,
    pub emails: Vec<NewEmail>,
    /// A one-line summary kept with the run (shown in the log).
    pub detail: String,
}

/// A message is tried this many times before it stays failed.
pub const MAX_EMAIL_ATTEMPTS: i64 = 5;

impl Store {
    /// Records `job`'s run for `day` with its output, unless a run for that
    /// day exists already: `Ok(false)` then, and nothing is written.
    pub async fn record_job_run(
        &self,
        job: &str,
        day: NaiveDate,
        output: &JobOutput,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let now = Timestamp::now().to_db();
        let claimed = sqlx::query(
            "insert into job_runs (job, run_date, ran_at, detail) values ($1, $2, $3, $4)",
        )
        .bind(job.to_owned())
        .bind(date_to_db(day))
        .bind(now.clone())
        .bind(output.detail.clone())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_unique("job_already_ran"));
        match claimed {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => return Ok(false),
            Err(other) => return Err(other),
        }
        deliver_in(&mut tx, &output.notifications, &output.emails, &now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The latest day `job` ran for, if it ever did.
    pub async fn last_job_run(&self, job: &str) -> Result<Option<NaiveDate>> {
        let row = sqlx::query("select max(run_date) from job_runs where job = $1")
            .bind(job.to_owned())
            .fetch_one(self.pool())
            .await?;
        row.try_get::<Option<String>, _>(0)?
            .map(|text| {
                NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| StoreError::ShippedData(format!("job run date {text:?}")))
            })
            .transpose()
    }

    /// A user's notifications, newest first.
    pub async fn notifications(&self, user_id: UserId, limit: i64) -> Result<Vec<Notification>> {
        let rows = sqlx::query(
            "select id, subject, body, link, created_at, read_at from notifications \
             where user_id = $1 order by id desc limit $2",
        )
        .bind(user_id.0)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Notification {
                    id: row.try_get(0)?,
                    subject: row.try_get(1)?,
                    body: row.try_get(2)?,
                    link: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                    read_at: row.try_get(5)?,
                })
            })
            .collect()
    }

    pub async fn unread_notifications(&self, user_id: UserId) -> Result<i64> {
        Ok(
            sqlx::query(
                "select count(*) from notifications where user_id = $1 and read_at is null",
            )
            .bind(user_id.0)
            .fetch_one(self.pool())
            .await?
            .try_get(0)?,
        )
    }

    /// Marks a user's notifications read, up to the newest one they saw
    /// (`up_to`), so that one arriving meanwhile stays unread.
    pub async fn mark_notifications_read(&self, user_id: UserId, up_to: i64) -> Result<()> {
        sqlx::query(
            "update notifications set read_at = $1 where user_id = $2 and read_at is null and id <= $3",
        )
            .bind(Timestamp::now().to_db())
            .bind(user_id.0)
            .bind(up_to)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Queued e-mails not yet sent and not given up on, oldest first.
    pub async fn pending_emails(&self, limit: i64) -> Result<Vec<QueuedEmail>> {
        let rows = sqlx::query(
            "select id, recipient, recipient_name, subject, body, attempts from outgoing_emails \
             where sent_at is null and attempts < $1 order by id limit $2",
        )
        .bind(MAX_EMAIL_ATTEMPTS)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(QueuedEmail {
                    id: row.try_get(0)?,
                    recipient: row.try_get(1)?,
                    recipient_name: row.try_get(2)?,
                    subject: row.try_get(3)?,
                    body: row.try_get(4)?,
                    attempts: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// Claims a queued e-mail for sending: `false` when another server got
    /// it first or it was sent meanwhile.
    pub async fn claim_email(&self, id: i64, attempts: i64) -> Result<bool> {
        let claimed = sqlx::query(
            "update outgoing_emails set attempts = attempts + 1 \
             where id = $1 and attempts = $2 and sent_at is null",
        )
        .bind(id)
        .bind(attempts)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(claimed == 1)
    }

    pub async fn mark_email_sent(&self, id: i64) -> Result<()> {
        sqlx::query("update outgoing_emails set sent_at = $1, last_error = null where id = $2")
            .bind(Timestamp::now().to_db())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn mark_email_failed(&self, id: i64, error: &str) -> Result<()> {
        sqlx::query("update outgoing_emails set last_error = $1 where id = $2")
            .bind(error.chars().take(500).collect::<String>())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// Queues `notifications` and `emails` inside the caller's transaction, so
/// they exist exactly when the change that caused them does.
pub(crate) async fn deliver_in(
    connection: &mut sqlx::AnyConnection,
    notifications: &[NewNotification],
    emails: &[NewEmail],
    now: &str,
) -> Result<()> {
    for notification in notifications {
        sqlx::query(
            "insert into notifications (user_id, subject, body, link, created_at) values ($1, $2, $3, $4, $5)",
        )
        .bind(notification.user_id.0)
        .bind(notification.subject.clone())
        .bind(notification.body.clone())
        .bind(notification.link.clone())
        .bind(now.to_owned())
        .execute(&mut *connection)
        .await?;
    }
    for email in emails {
        sqlx::query(
            "insert into outgoing_emails (recipient, recipient_name, subject, body, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(email.recipient.clone())
        .bind(email.recipient_name.clone())
        .bind(email.subject.clone())
        .bind(email.body.clone())
        .bind(now.to_owned())
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
