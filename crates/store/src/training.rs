//! Workshops, their participants and attendance (issue 6). The rules
//! (dates, attendance, completion) are in `gedhub_core::training`.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
use gedhub_core::{AdministrationCode, Email, UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Change, snapshot};
use crate::plans::date_to_db;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// Languages a workshop can be delivered in (core's list).
pub use gedhub_core::training::DELIVERY_LANGUAGES;
/// Largest accepted capacity.
pub const MAX_CAPACITY: u32 = 1000;

/// A workshop as submitted (codes already parsed).
#[derive(Debug, Clone)]
pub struct NewWorkshop {
    pub title: String,
    pub kind: WorkshopKind,
    pub mode: WorkshopMode,
    pub language: String,
    pub venue: String,
    pub meeting_link: String,
    pub dates: WorkshopDates,
    pub capacity: u32,
    pub rules: CompletionRules,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workshop {
    pub id: i64,
    pub title: String,
    pub kind: WorkshopKind,
    pub mode: WorkshopMode,
    pub language: String,
    pub venue: String,
    pub meeting_link: String,
    pub dates: WorkshopDates,
    pub capacity: u32,
    pub rules: CompletionRules,
    pub created_at: String,
    /// Whether focal points may nominate (the call for nominations is open).
    pub nominations_open: bool,
    /// The call's last day, if it has one.
    pub nominations_close_on: Option<NaiveDate>,
}

impl Workshop {
    /// Whether focal points may nominate on `today`: the workshop has not
    /// started, the call is open and its last day, if any, has not passed.
    pub fn accepts_nominations(&self, today: NaiveDate) -> bool {
        !self.has_started(today)
            && self.nominations_open
            && self.nominations_close_on.is_none_or(|last| today <= last)
    }

    /// Whether the workshop has started on `today` (or is over): its
    /// nominations are closed for everyone.
    pub fn has_started(&self, today: NaiveDate) -> bool {
        gedhub_core::training::nominations_closed_by_start(&self.dates, today)
    }
}

/// Someone nominated to, or taking part in, a workshop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    /// The administration that nominated them, if any.
    pub administration: Option<String>,
    /// `nominated`, `confirmed` or `waitlisted`.
    pub status: String,
    pub motivation: String,
    pub languages: String,
    pub experience: String,
    /// The Secretariat's decision replacing the computed completion, if any.
    pub completion_override: Option<bool>,
    pub override_reason: String,
}

impl Participant {
    /// Confirmed participants attend and complete; nominees wait for the
    /// Secretariat's decision.
    pub fn is_confirmed(&self) -> bool {
        self.status == "confirmed"
    }
}

/// What a focal point says about the person they nominate.
#[derive(Debug, Clone, Default)]
pub struct Nomination {
    pub motivation: String,
    /// The languages the person works in: codes of [`DELIVERY_LANGUAGES`]
    /// (`gedhub_core::training::parse_languages`), stored as `en,fr`.
    /// Nominations made before they were chosen from the list keep their
    /// free text.
    pub languages: Vec<String>,
    pub experience: String,
    /// The person's sex, when the nominator gave it (a value of
    /// `gedhub_core::programme::parse_sex`): recorded on their account if
    /// it records none yet (the person's own answer is never replaced).
    pub sex: Option<&'static str>,
}

/// The Secretariat's decision on a nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Short-listed: not yet confirmed, not refused.
    Preselect,
    Confirm,
    Waitlist,
}

impl Decision {
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        match code.trim() {
            "preselect" => Ok(Decision::Preselect),
            "confirm" => Ok(Decision::Confirm),
            "waitlist" => Ok(Decision::Waitlist),
            _ => Err(ValidationError::new("decision", "unknown_decision")),
        }
    }

    fn status(self) -> &'static str {
        match self {
            Decision::Preselect => "preselected",
            Decision::Confirm => "confirmed",
            Decision::Waitlist => "waitlisted",
        }
    }
}

const WORKSHOP_COLUMNS: &str = "id, title, kind, mode, language, venue, meeting_link, start_date, \
     end_date, capacity, min_attendance_pct, min_post_test_pct, created_at, nominations_open, \
     nominations_close_on";

fn day_from_db(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::ShippedData(format!("stored date {text:?}")))
}

fn workshop_from_row(row: &AnyRow) -> Result<Workshop> {
    let start = day_from_db(&row.try_get::<String, _>("start_date")?)?;
    let end = day_from_db(&row.try_get::<String, _>("end_date")?)?;
    Ok(Workshop {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        kind: WorkshopKind::parse(&row.try_get::<String, _>("kind")?)?,
        mode: WorkshopMode::parse(&row.try_get::<String, _>("mode")?)?,
        language: row.try_get("language")?,
        venue: row.try_get("venue")?,
        meeting_link: row.try_get("meeting_link")?,
        dates: WorkshopDates::new(start, end)?,
        capacity: u32::try_from(row.try_get::<i64, _>("capacity")?).unwrap_or(0),
        rules: CompletionRules::new(
            row.try_get("min_attendance_pct")?,
            row.try_get("min_post_test_pct")?,
        )?,
        created_at: row.try_get("created_at")?,
        nominations_open: row.try_get::<i64, _>("nominations_open")? != 0,
        nominations_close_on: row
            .try_get::<Option<String>, _>("nominations_close_on")?
            .map(|text| day_from_db(&text))
            .transpose()?,
    })
}

impl Store {
    /// Creates a workshop. Checks the title (required, at most 300
    /// characters), the language of delivery and the capacity (1–1000).
    pub async fn create_workshop(&self, actor: &Actor, new: &NewWorkshop) -> Result<Workshop> {
        let title = new.title.trim();
        if title.is_empty() {
            return Err(ValidationError::new("title", "required").into());
        }
        if title.chars().count() > 300 {
            return Err(ValidationError::new("title", "too_long").into());
        }
        if !DELIVERY_LANGUAGES.contains(&new.language.as_str()) {
            return Err(ValidationError::new("language", "unknown_language").into());
        }
        if !(1..=MAX_CAPACITY).contains(&new.capacity) {
            return Err(ValidationError::new("capacity", "invalid_capacity").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let sql = format!(
            "insert into workshops (title, kind, mode, language, venue, meeting_link, start_date, \
             end_date, capacity, min_attendance_pct, min_post_test_pct, created_by, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning {WORKSHOP_COLUMNS}"
        );
        // Not a cached statement: it may bind a NULL real (see the crate documentation).
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .persistent(false)
            .bind(title.to_owned())
            .bind(new.kind.as_str())
            .bind(new.mode.as_str())
            .bind(new.language.clone())
            .bind(new.venue.trim().to_owned())
            .bind(new.meeting_link.trim().to_owned())
            .bind(date_to_db(new.dates.start()))
            .bind(date_to_db(new.dates.end()))
            .bind(i64::from(new.capacity))
            .bind(new.rules.min_attendance_pct)
            .bind(new.rules.min_post_test_pct)
            .bind(actor.label.clone())
            .bind(Timestamp::now().to_db())
            .fetch_one(&mut *tx)
            .await?;
        let workshop = workshop_from_row(&row)?;
        tx.record(Change::new("create", "workshop", workshop.id).after(snapshot(&workshop)))
            .await?;
        tx.commit().await?;
        Ok(workshop)
    }

    /// Opens or closes a workshop's call for nominations, with an optional
    /// last day.
    pub async fn set_nomination_call(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        open: bool,
        close_on: Option<NaiveDate>,
    ) -> Result<Workshop> {
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "update workshops set nominations_open = $1, nominations_close_on = $2 where id = $3",
        )
        .bind(i64::from(open))
        .bind(close_on.map(date_to_db))
        .bind(workshop.id)
        .execute(&mut *tx)
        .await?;
        let after = Workshop {
            nominations_open: open,
            nominations_close_on: close_on,
            ..workshop.clone()
        };
        tx.record(
            Change::new(
                if open { "open_call" } else { "close_call" },
                "workshop",
                workshop.id,
            )
            .before(serde_json::json!({
                "nominations_open": workshop.nominations_open,
                "nominations_close_on": workshop.nominations_close_on,
            }))
            .after(serde_json::json!({
                "nominations_open": open,
                "nominations_close_on": close_on,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Every workshop, the most recent first.
    pub async fn workshops(&self) -> Result<Vec<Workshop>> {
        let sql =
            format!("select {WORKSHOP_COLUMNS} from workshops order by start_date desc, id desc");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(workshop_from_row).collect()
    }

    pub async fn workshop(&self, id: i64) -> Result<Workshop> {
        let sql = format!("select {WORKSHOP_COLUMNS} from workshops where id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        workshop_from_row(&row)
    }

    /// Adds a person to a workshop as a confirmed participant, within its
    /// capacity (`capacity_exceeded`), once (`already_participant`). The
    /// person's administration is kept as the nominating one.
    pub async fn add_participant(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        email: &Email,
    ) -> Result<Participant> {
        let user = self
            .user_by_email(email)
            .await
            .map_err(|error| match error {
                StoreError::NotFound => ValidationError::new("email", "unknown_account").into(),
                other => other,
            })?;
        let mut tx = self.begin_audited(actor).await?;
        let taken: i64 = sqlx::query(
            "select count(*) from workshop_participants where workshop_id = $1 and status = 'confirmed'",
        )
        .bind(workshop.id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let already = sqlx::query(
            "select 1 from workshop_participants where workshop_id = $1 and user_id = $2",
        )
        .bind(workshop.id)
        .bind(user.id.0)
        .fetch_optional(&mut *tx)
        .await?
        .is_some();
        if already {
            return Err(StoreError::Conflict("already_participant"));
        }
        if taken >= i64::from(workshop.capacity) {
            return Err(StoreError::Conflict("capacity_exceeded"));
        }
        let administration = user
            .administration
            .as_ref()
            .map(AdministrationCode::to_string);
        sqlx::query(
            "insert into workshop_participants (workshop_id, user_id, status, administration_code, added_at) \
             values ($1, $2, 'confirmed', $3, $4)",
        )
        .bind(workshop.id)
        .bind(user.id.0)
        .bind(administration.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        let participant = Participant {
            user_id: user.id,
            email: user.email.to_string(),
            name: user.name.clone(),
            administration,
            status: "confirmed".to_owned(),
            motivation: String::new(),
            languages: String::new(),
            experience: String::new(),
            completion_override: None,
            override_reason: String::new(),
        };
        tx.record(
            Change::new(
                "create",
                "workshop_participant",
                format!("{}/{}", workshop.id, user.id),
            )
            .administration(participant.administration.as_deref())
            .after(snapshot(&participant)),
        )
        .await?;
        tx.commit().await?;
        Ok(participant)
    }

    /// The languages each person's nominations said they work in (known
    /// codes only, in [`DELIVERY_LANGUAGES`] order): what the roster and the
    /// suggestions know of a person who has not listed their languages in
    /// an expert profile.
    pub async fn nominated_languages(&self) -> Result<HashMap<UserId, Vec<String>>> {
        let rows = sqlx::query(
            "select user_id, languages from workshop_participants where languages <> ''",
        )
        .fetch_all(self.pool())
        .await?;
        let mut written: HashMap<UserId, String> = HashMap::new();
        for row in &rows {
            let entry = written.entry(UserId(row.try_get(0)?)).or_default();
            entry.push(',');
            entry.push_str(&row.try_get::<String, _>(1)?);
        }
        Ok(written
            .into_iter()
            .map(|(user, text)| {
                let codes = gedhub_core::training::stored_languages(&text)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                (user, codes)
            })
            .filter(|(_, codes): &(UserId, Vec<String>)| !codes.is_empty())
            .collect())
    }

    /// A workshop's participants by name.
    pub async fn participants(&self, workshop_id: i64) -> Result<Vec<Participant>> {
        let rows = sqlx::query(
            "select u.id, u.email, u.name, p.administration_code, p.status, p.motivation, \
             p.languages, p.experience, p.completion_override, p.override_reason \
             from workshop_participants p join users u on u.id = p.user_id \
             where p.workshop_id = $1 order by u.name, u.id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Participant {
                    user_id: UserId(row.try_get(0)?),
                    email: row.try_get(1)?,
                    name: row.try_get(2)?,
                    administration: row.try_get(3)?,
                    status: row.try_get(4)?,
                    motivation: row.try_get(5)?,
                    languages: row.try_get(6)?,
                    experience: row.try_get(7)?,
                    completion_override: row.try_get::<Option<i64>, _>(8)?.map(|v| v != 0),
                    override_reason: row.try_get(9)?,
                })
            })
            .collect()
    }

    /// Records whether a participant was present on a day of the workshop
    /// (a second record for the day replaces the first; both are audited).
    pub async fn set_attendance(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        user_id: UserId,
        day: NaiveDate,
        present: bool,
    ) -> Result<()> {
        if !workshop.dates.contains(day) {
            return Err(ValidationError::new("date", "day_outside_workshop").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let administration: Option<Option<String>> = sqlx::query(
            "select administration_code from workshop_participants \
             where workshop_id = $1 and user_id = $2 and status = 'confirmed'",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        let Some(administration) = administration else {
            return Err(ValidationError::new("email", "not_a_participant").into());
        };
        let day_text = date_to_db(day);
        let before: Option<i64> = sqlx::query(
            "select present from workshop_attendance where workshop_id = $1 and user_id = $2 and day = $3",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .bind(day_text.clone())
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        sqlx::query(
            "delete from workshop_attendance where workshop_id = $1 and user_id = $2 and day = $3",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .bind(day_text.clone())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into workshop_attendance (workshop_id, user_id, day, present, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .bind(day_text.clone())
        .bind(i64::from(present))
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before.is_some() { "update" } else { "create" },
                "workshop_attendance",
                format!("{}/{}/{day_text}", workshop.id, user_id),
            )
            .administration(administration.as_deref())
            .before(before.map(|present| serde_json::json!({"present": present != 0})))
            .after(serde_json::json!({"present": present})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Nominates `nominee` (status `nominated`) with what the focal point
    /// says of them. A motivation is required; once per person
    /// (`already_participant`).
    pub async fn nominate(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        nominee: &crate::users::User,
        nomination: &Nomination,
    ) -> Result<Participant> {
        let motivation = nomination.motivation.trim();
        if motivation.is_empty() {
            return Err(ValidationError::new("motivation", "required").into());
        }
        let languages = nomination.languages.join(",");
        for (field, text) in [
            ("motivation", motivation),
            ("languages", languages.as_str()),
            ("experience", nomination.experience.as_str()),
        ] {
            if text.chars().count() > 4000 {
                return Err(ValidationError::new(field, "too_long").into());
            }
        }
        let mut tx = self.begin_audited(actor).await?;
        let administration = nominee
            .administration
            .as_ref()
            .map(AdministrationCode::to_string);
        sqlx::query(
            "insert into workshop_participants (workshop_id, user_id, status, administration_code, \
             added_at, motivation, languages, experience, nominated_by) \
             values ($1, $2, 'nominated', $3, $4, $5, $6, $7, $8)",
        )
        .bind(workshop.id)
        .bind(nominee.id.0)
        .bind(administration.clone())
        .bind(Timestamp::now().to_db())
        .bind(motivation.to_owned())
        .bind(languages.clone())
        .bind(nomination.experience.trim().to_owned())
        .bind(actor.label.clone())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_unique("already_participant"))?;
        let participant = Participant {
            user_id: nominee.id,
            email: nominee.email.to_string(),
            name: nominee.name.clone(),
            administration,
            status: "nominated".to_owned(),
            motivation: motivation.to_owned(),
            languages,
            experience: nomination.experience.trim().to_owned(),
            completion_override: None,
            override_reason: String::new(),
        };
        tx.record(
            Change::new(
                "nominate",
                "workshop_participant",
                format!("{}/{}", workshop.id, nominee.id),
            )
            .administration(participant.administration.as_deref())
            .after(snapshot(&participant)),
        )
        .await?;
        if let Some(sex) = nomination.sex {
            // Only where nothing is recorded: the person's own answer stays.
            let recorded = sqlx::query(
                "update users set sex = $1, updated_at = $2 where id = $3 and sex is null",
            )
            .bind(sex.to_owned())
            .bind(Timestamp::now().to_db())
            .bind(nominee.id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if recorded > 0 {
                // Audited without the value, which is personal data (as
                // `set_user_sex`).
                tx.record(
                    Change::new("set_sex", "user", nominee.email.to_string())
                        .administration(participant.administration.as_deref()),
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(participant)
    }

    /// Confirms (within the capacity: `capacity_exceeded`) or waitlists a
    /// nominee or participant of the workshop.
    pub async fn decide_participation(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        user_id: UserId,
        decision: Decision,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "select status, administration_code from workshop_participants \
             where workshop_id = $1 and user_id = $2",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before: String = row.try_get(0)?;
        let administration: Option<String> = row.try_get(1)?;
        if decision == Decision::Confirm && before != "confirmed" {
            let taken: i64 = sqlx::query(
                "select count(*) from workshop_participants where workshop_id = $1 and status = 'confirmed'",
            )
            .bind(workshop.id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            if taken >= i64::from(workshop.capacity) {
                return Err(StoreError::Conflict("capacity_exceeded"));
            }
        }
        sqlx::query(
            "update workshop_participants set status = $1 where workshop_id = $2 and user_id = $3",
        )
        .bind(decision.status())
        .bind(workshop.id)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                "decide",
                "workshop_participant",
                format!("{}/{}", workshop.id, user_id),
            )
            .administration(administration.as_deref())
            .before(serde_json::json!({"status": before}))
            .after(serde_json::json!({"status": decision.status()})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a participant's computed completion by the Secretariat's
    /// decision (`Some`, with a required reason) or returns to the computed
    /// one (`None`).
    pub async fn override_completion(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        user_id: UserId,
        completed: Option<bool>,
        reason: &str,
    ) -> Result<()> {
        let reason = reason.trim();
        if completed.is_some() && reason.is_empty() {
            return Err(ValidationError::new("reason", "required").into());
        }
        if reason.chars().count() > 4000 {
            return Err(ValidationError::new("reason", "too_long").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "select completion_override, override_reason, administration_code from workshop_participants \
             where workshop_id = $1 and user_id = $2 and status = 'confirmed'",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let before: Option<i64> = row.try_get(0)?;
        let before_reason: String = row.try_get(1)?;
        let administration: Option<String> = row.try_get(2)?;
        sqlx::query(
            "update workshop_participants set completion_override = $1, override_reason = $2 \
             where workshop_id = $3 and user_id = $4",
        )
        .bind(completed.map(i64::from))
        .bind(if completed.is_some() {
            reason.to_owned()
        } else {
            String::new()
        })
        .bind(workshop.id)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                "override_completion",
                "workshop_participant",
                format!("{}/{}", workshop.id, user_id),
            )
            .administration(administration.as_deref())
            .before(
                serde_json::json!({"completed": before.map(|v| v != 0), "reason": before_reason}),
            )
            .after(serde_json::json!({"completed": completed, "reason": reason})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Days each participant was recorded present, by user id.
    pub async fn days_present(&self, workshop_id: i64) -> Result<HashMap<i64, Vec<NaiveDate>>> {
        let rows = sqlx::query(
            "select user_id, day from workshop_attendance where workshop_id = $1 and present = 1 \
             order by day",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        let mut present: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
        for row in rows {
            present
                .entry(row.try_get(0)?)
                .or_default()
                .push(day_from_db(&row.try_get::<String, _>(1)?)?);
        }
        Ok(present)
    }
}
