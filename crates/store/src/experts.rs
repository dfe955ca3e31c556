//! Recognized GED Experts: who holds a valid recognition, and until when.

use chrono::NaiveDate;
use gedhub_core::UserId;
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Change};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// How long a recognition lasts unless renewed (issue 7: three years by
/// default, renewed by activity or a refresher workshop).
pub const RECOGNITION_YEARS: i32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognition {
    pub user_id: UserId,
    /// `YYYY-MM-DD`.
    pub recognized_on: String,
    /// `YYYY-MM-DD`, inclusive.
    pub valid_until: String,
}

impl Recognition {
    /// Valid on `today` (`YYYY-MM-DD`): dates in this format compare as text.
    pub fn is_valid_on(&self, today: &str) -> bool {
        self.recognized_on.as_str() <= today && today <= self.valid_until.as_str()
    }
}

/// The last day of a recognition given on `recognized_on`.
pub fn valid_until(recognized_on: NaiveDate) -> NaiveDate {
    recognized_on
        .checked_add_months(chrono::Months::new(12 * RECOGNITION_YEARS as u32))
        .and_then(|date| date.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

impl Store {
    /// Records (or renews) a user's recognition as GED Expert from
    /// `recognized_on`; only expert accounts can be recognized.
    pub async fn record_recognition(
        &self,
        actor: &Actor,
        user_id: UserId,
        recognized_on: NaiveDate,
    ) -> Result<Recognition> {
        let mut tx = self.begin_audited(actor).await?;
        let role: Option<String> = sqlx::query("select role from users where id = $1")
            .bind(user_id.0)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
        match role.as_deref() {
            None => return Err(StoreError::NotFound),
            Some("expert") => {}
            Some(_) => return Err(StoreError::Conflict("recognition_needs_expert")),
        }
        let before = recognition_in(&mut tx, user_id).await?;
        let recognition = Recognition {
            user_id,
            recognized_on: recognized_on.format("%Y-%m-%d").to_string(),
            valid_until: valid_until(recognized_on).format("%Y-%m-%d").to_string(),
        };
        sqlx::query("delete from expert_recognitions where user_id = $1")
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into expert_recognitions (user_id, recognized_on, valid_until, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(user_id.0)
        .bind(recognition.recognized_on.clone())
        .bind(recognition.valid_until.clone())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before.is_some() {
                    "renew"
                } else {
                    "recognize"
                },
                "expert_recognition",
                user_id.0,
            )
            .before(before.as_ref().and_then(audit::snapshot))
            .after(audit::snapshot(&recognition)),
        )
        .await?;
        tx.commit().await?;
        Ok(recognition)
    }

    /// Withdraws a recognition (a mistake, or a decision of the Secretariat).
    pub async fn withdraw_recognition(&self, actor: &Actor, user_id: UserId) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let before = recognition_in(&mut tx, user_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query("delete from expert_recognitions where user_id = $1")
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("withdraw", "expert_recognition", user_id.0)
                .before(audit::snapshot(&before)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every recorded recognition (valid or lapsed).
    pub async fn recognitions(&self) -> Result<Vec<Recognition>> {
        let rows = sqlx::query(
            "select user_id, recognized_on, valid_until from expert_recognitions order by user_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(recognition_from_row).collect()
    }

    pub async fn recognition(&self, user_id: UserId) -> Result<Option<Recognition>> {
        let mut connection = self.pool().acquire().await?;
        recognition_in(&mut connection, user_id).await
    }
}

async fn recognition_in(
    connection: &mut sqlx::AnyConnection,
    user_id: UserId,
) -> Result<Option<Recognition>> {
    let row = sqlx::query(
        "select user_id, recognized_on, valid_until from expert_recognitions where user_id = $1",
    )
    .bind(user_id.0)
    .fetch_optional(&mut *connection)
    .await?;
    row.as_ref().map(recognition_from_row).transpose()
}

fn recognition_from_row(row: &sqlx::any::AnyRow) -> Result<Recognition> {
    Ok(Recognition {
        user_id: UserId(row.try_get("user_id")?),
        recognized_on: row.try_get("recognized_on")?,
        valid_until: row.try_get("valid_until")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recognition_lasts_three_years_to_the_day_before() {
        let on = NaiveDate::from_ymd_opt(2024, 5, 20).expect("date");
        assert_eq!(
            valid_until(on),
            NaiveDate::from_ymd_opt(2027, 5, 19).expect("date")
        );
        let leap = NaiveDate::from_ymd_opt(2024, 2, 29).expect("date");
        assert_eq!(
            valid_until(leap),
            NaiveDate::from_ymd_opt(2027, 2, 27).expect("date")
        );
        let recognition = Recognition {
            user_id: UserId(1),
            recognized_on: "2024-05-20".into(),
            valid_until: "2027-05-19".into(),
        };
        assert!(recognition.is_valid_on("2024-05-20") && recognition.is_valid_on("2027-05-19"));
        assert!(!recognition.is_valid_on("2027-05-20") && !recognition.is_valid_on("2024-05-19"));
    }
}
