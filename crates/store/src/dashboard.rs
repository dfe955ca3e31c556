//! The counts and lists behind each role's next steps on the dashboard
//! (issue 19). Each is one query, so a dashboard costs a handful of them
//! whatever the number of workshops, requests or inquiries.

use chrono::NaiveDate;
use gedhub_core::UserId;
use sqlx::Row;

use crate::plans::date_to_db;
use crate::{Result, Store};

/// What waits for the Secretariat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretariatQueue {
    /// Diagnostics submitted for validation.
    pub assessments_to_validate: i64,
    /// Nominations not yet confirmed or waitlisted, of workshops not over.
    pub nominations_to_decide: i64,
    /// Inquiries nobody has answered yet.
    pub new_inquiries: i64,
    /// Support requests neither accepted nor declined.
    pub requests_to_answer: i64,
    /// Missions whose last day has passed and whose report is not written.
    pub missions_to_report: i64,
}

/// A workshop someone takes part in that is not over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentWorkshop {
    pub id: i64,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// An open knowledge test someone has not submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestToTake {
    pub workshop_id: i64,
    pub workshop_title: String,
    /// `pre` or `post`.
    pub kind: String,
}

impl Store {
    /// What waits for the Secretariat on `today`.
    pub async fn secretariat_queue(&self, today: NaiveDate) -> Result<SecretariatQueue> {
        let today = date_to_db(today);
        let row = sqlx::query(
            "select \
             (select count(*) from assessments where status = 'submitted'), \
             (select count(*) from workshop_participants p join workshops w on w.id = p.workshop_id \
              where p.status = 'nominated' and w.end_date >= $1), \
             (select count(*) from inquiries where status = 'new'), \
             (select count(*) from support_requests where status = 'submitted'), \
             (select count(*) from missions where status <> 'cancelled' and end_date < $1 \
              and reported_at is null)",
        )
        .bind(today)
        .fetch_one(self.pool())
        .await?;
        Ok(SecretariatQueue {
            assessments_to_validate: row.try_get(0)?,
            nominations_to_decide: row.try_get(1)?,
            new_inquiries: row.try_get(2)?,
            requests_to_answer: row.try_get(3)?,
            missions_to_report: row.try_get(4)?,
        })
    }

    /// The workshops `user` is confirmed for that are not over on `today`,
    /// soonest first.
    pub async fn current_workshops_of(
        &self,
        user: UserId,
        today: NaiveDate,
    ) -> Result<Vec<CurrentWorkshop>> {
        let rows = sqlx::query(
            "select w.id, w.title, w.start_date, w.end_date from workshops w \
             join workshop_participants p on p.workshop_id = w.id \
             where p.user_id = $1 and p.status = 'confirmed' and w.end_date >= $2 \
             order by w.start_date, w.id",
        )
        .bind(user.0)
        .bind(date_to_db(today))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CurrentWorkshop {
                    id: row.try_get(0)?,
                    title: row.try_get(1)?,
                    start: crate::plans::date_from_db(&row.try_get::<String, _>(2)?)?,
                    end: crate::plans::date_from_db(&row.try_get::<String, _>(3)?)?,
                })
            })
            .collect()
    }

    /// The open knowledge tests of `user`'s confirmed workshops that they
    /// have not submitted, by workshop.
    pub async fn tests_to_take(&self, user: UserId) -> Result<Vec<TestToTake>> {
        let rows = sqlx::query(
            "select w.id, w.title, t.kind from ktest_tests t \
             join workshops w on w.id = t.workshop_id \
             join workshop_participants p on p.workshop_id = w.id and p.user_id = $1 \
             where p.status = 'confirmed' and t.state = 'open' and not exists \
             (select 1 from ktest_attempts a where a.test_id = t.id and a.user_id = $1 \
              and a.submitted_at is not null) \
             order by w.start_date, w.id, t.kind desc",
        )
        .bind(user.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TestToTake {
                    workshop_id: row.try_get(0)?,
                    workshop_title: row.try_get(1)?,
                    kind: row.try_get(2)?,
                })
            })
            .collect()
    }
}
