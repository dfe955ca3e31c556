//! The daily reminder job of action plans, and the delivery of queued
//! e-mails.
//!
//! Once per day (UTC), each person responsible for something due gets one
//! in-app notification and one e-mail listing overdue actions, actions due
//! within [`HORIZON_DAYS`], and manual indicators whose measurement is due
//! (`gedhub_core::monitoring::due_reminders`). The day is claimed in the
//! database together with the notifications and queued e-mails
//! (`Store::record_job_run`), so the job runs once per day however many
//! servers share the database, and a failed run leaves nothing behind.
//!
//! Catching up: every server checks every few minutes whether today's run
//! exists, so a day missed while every server was down is run as soon as one
//! is back. Days missed entirely are not replayed one by one: today's run
//! lists everything still due (an overdue action stays overdue), so replaying
//! would only repeat the same message.

use std::time::Duration;

use chrono::NaiveDate;
use gedhub_core::UserId;
use gedhub_core::monitoring::{ReminderItem, due_reminders};
use gedhub_store::notifications::{JobOutput, NewEmail, NewNotification};
use gedhub_store::{Store, StoreError};

use crate::i18n::recipient_locale;
use crate::mail::{Mailer, OutgoingEmail};
use crate::monitoring::today;
use crate::state::AppState;

/// The job's name in `job_runs`.
pub const JOB: &str = "action_plan_reminders";
/// Actions due within this many days are announced ahead.
pub const HORIZON_DAYS: u32 = gedhub_core::monitoring::DUE_SOON_DAYS;
/// How often each server checks for work.
pub const CHECK_EVERY: Duration = Duration::from_secs(300);

/// What one run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// This server ran the day: so many people were reminded.
    Ran { people: usize },
    /// The day had already been run (by this or another server).
    AlreadyDone,
}

/// Runs the reminders of `day`, unless that day was run already.
pub async fn run_reminders(store: &Store, day: NaiveDate) -> Result<RunOutcome, StoreError> {
    let inputs = store.reminder_inputs().await?;
    let reminders = due_reminders(&inputs.actions, &inputs.indicators, day, HORIZON_DAYS);
    let mut output = JobOutput::default();
    for reminder in &reminders {
        let user = match store.user(UserId(reminder.user_id)).await {
            Ok(user) => user,
            Err(StoreError::NotFound) => continue,
            Err(other) => return Err(other),
        };
        let locale = recipient_locale(&user, None);
        let mut lines = Vec::with_capacity(reminder.items.len());
        let mut first_plan = None;
        for item in &reminder.items {
            let (key, plan_id, name, due_date) = match item {
                ReminderItem::ActionOverdue {
                    action_id,
                    due_date,
                }
                | ReminderItem::ActionDueSoon {
                    action_id,
                    due_date,
                } => {
                    let (plan_id, title) = inputs
                        .action_titles
                        .get(action_id)
                        .cloned()
                        .unwrap_or_default();
                    let key = if matches!(item, ReminderItem::ActionOverdue { .. }) {
                        "reminder-action-overdue"
                    } else {
                        "reminder-action-due"
                    };
                    (key, plan_id, title, due_date)
                }
                ReminderItem::MeasurementDue {
                    indicator_id,
                    due_date,
                } => {
                    let (plan_id, name_en, name_fr) = inputs
                        .indicator_names
                        .get(indicator_id)
                        .cloned()
                        .unwrap_or_default();
                    let prefer_french = locale.code() == "fr" || name_en.is_empty();
                    let name = if prefer_french && !name_fr.is_empty() {
                        name_fr
                    } else {
                        name_en
                    };
                    ("reminder-measurement-due", plan_id, name, due_date)
                }
            };
            first_plan.get_or_insert(plan_id);
            lines.push(format!(
                "• {}",
                locale.t_args(
                    key,
                    &[
                        ("name", name),
                        ("date", due_date.to_string()),
                        ("link", format!("/plans/{plan_id}")),
                    ],
                )
            ));
        }
        let subject = locale.t_count("reminder-subject", reminder.items.len());
        let body = format!(
            "{}\n\n{}\n\n{}",
            locale.t_args("reminder-greeting", &[("name", user.name.clone())]),
            lines.join("\n"),
            locale.t("reminder-footer"),
        );
        output.notifications.push(NewNotification {
            user_id: user.id,
            subject: subject.clone(),
            body: body.clone(),
            link: first_plan.map_or("/plans".to_owned(), |id| format!("/plans/{id}")),
        });
        output.emails.push(NewEmail {
            recipient: user.email.to_string(),
            recipient_name: user.name.clone(),
            subject,
            body,
        });
    }
    let people = output.notifications.len();
    output.detail = format!("{people} people reminded");
    if store.record_job_run(JOB, day, &output).await? {
        Ok(RunOutcome::Ran { people })
    } else {
        Ok(RunOutcome::AlreadyDone)
    }
}

/// Runs today's reminders unless they ran already (the catch-up after
/// downtime is simply this check finding today missing).
pub async fn catch_up(store: &Store, today: NaiveDate) -> Result<RunOutcome, StoreError> {
    if store.last_job_run(JOB).await? >= Some(today) {
        return Ok(RunOutcome::AlreadyDone);
    }
    run_reminders(store, today).await
}

/// Sends the queued e-mails this server can claim; each is marked sent once
/// the mailer accepted it, or keeps its error and is tried again next time
/// (up to `MAX_EMAIL_ATTEMPTS`). Returns how many were sent.
pub async fn deliver_emails(store: &Store, mailer: &Mailer) -> Result<usize, StoreError> {
    let mut sent = 0;
    for queued in store.pending_emails(100).await? {
        if !store.claim_email(queued.id, queued.attempts).await? {
            continue;
        }
        let email = OutgoingEmail {
            to: queued.recipient.clone(),
            to_name: queued.recipient_name.clone(),
            subject: queued.subject.clone(),
            body: queued.body.clone(),
        };
        match mailer.send(&email).await {
            Ok(()) => {
                store.mark_email_sent(queued.id).await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(email = queued.id, %error, "e-mail not sent: {error}");
                store
                    .mark_email_failed(queued.id, &error.to_string())
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// The background loop of `gedhub serve`: checks for the day's reminders and
/// delivers e-mails every [`CHECK_EVERY`], on the application clock.
pub fn spawn(state: AppState, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(CHECK_EVERY);
        loop {
            ticks.tick().await;
            match catch_up(state.store(), today(&state)).await {
                Ok(RunOutcome::Ran { people }) => {
                    tracing::info!(people, "action-plan reminders sent for today");
                }
                Ok(RunOutcome::AlreadyDone) => {}
                Err(error) => tracing::error!(%error, "reminder job failed: {error}"),
            }
            // Follow-up surveys whose day has come (each goes out once).
            match crate::training_views::send_due_follow_ups(state.store(), today(&state)).await {
                Ok(0) => {}
                Ok(invited) => tracing::info!(invited, "follow-up survey invitations sent"),
                Err(error) => tracing::error!(%error, "follow-up surveys failed: {error}"),
            }
            if let Err(error) = deliver_emails(state.store(), &mailer).await {
                tracing::error!(%error, "e-mail delivery failed: {error}");
            }
        }
    })
}
