//! A workshop's details, facilitators, agenda (sessions and materials),
//! session attendance, exercises and the facilitators' assessments of each
//! candidate (issue 6). The rules (session checks, percentages, rubric) are
//! in `gedhub_core::training`; every change is audited here.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use gedhub_core::training::{
    CompletionRules, Criterion, ExerciseKind, ExerciseScale, check_rubric_score, check_session,
    exercise_average_pct, rubric_mean,
};
use gedhub_core::{Email, Role, UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Change, snapshot};
use crate::plans::date_to_db;
use crate::training::{MAX_CAPACITY, Workshop};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// Longest accepted title, in characters.
const MAX_TITLE: usize = 300;
/// Longest accepted description or comment, in characters.
const MAX_TEXT: usize = 4000;

fn check_text(
    field: &'static str,
    text: &str,
    required: bool,
    max: usize,
) -> std::result::Result<String, ValidationError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(ValidationError::new(field, "required"));
    }
    if text.chars().count() > max {
        return Err(ValidationError::new(field, "too_long"));
    }
    Ok(text.to_owned())
}

/// What the Secretariat may change in a workshop after creating it.
#[derive(Debug, Clone)]
pub struct WorkshopUpdate {
    pub title: String,
    pub venue: String,
    pub meeting_link: String,
    pub capacity: u32,
    pub rules: CompletionRules,
}

/// A facilitator of a workshop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facilitator {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
}

/// A session as submitted.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub day: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub title_en: String,
    pub title_fr: String,
    pub description: String,
}

/// A session's material: a link, or an uploaded file (`file_name` set,
/// `link` empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    pub id: i64,
    pub session_id: i64,
    pub title: String,
    pub link: String,
    pub file_name: String,
}

/// An uploaded material file, already checked and put in the file store.
#[derive(Debug, Clone)]
pub struct MaterialFile {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: i64,
    pub workshop_id: i64,
    pub day: NaiveDate,
    /// `HH:MM`.
    pub start_time: String,
    pub end_time: String,
    pub title_en: String,
    pub title_fr: String,
    pub description: String,
    pub materials: Vec<Material>,
}

impl Session {
    /// The title in the reader's language (English when there is no French).
    pub fn title(&self, language: &str) -> &str {
        if language == "fr" && !self.title_fr.is_empty() {
            &self.title_fr
        } else {
            &self.title_en
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exercise {
    pub id: i64,
    pub workshop_id: i64,
    pub title: String,
    pub kind: ExerciseKind,
    pub scale: ExerciseScale,
}

/// One participant's result in one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseResult {
    pub exercise_id: i64,
    pub user_id: UserId,
    pub score: Option<f64>,
    pub level: Option<u32>,
    pub percent: f64,
    /// The group the result was given to, for a group exercise.
    pub group: String,
}

/// What issue 7 ranks candidates with: per participant, the mean of their
/// exercise percentages and the mean of their facilitators' rubric scores
/// (released or not: the ranking is the Secretariat's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateScores {
    pub user_id: UserId,
    pub exercises_done: usize,
    pub exercise_pct: Option<f64>,
    pub rubric_mean: Option<f64>,
}

/// A facilitator's 1–5 score and comment on each criterion, in the order
/// of [`Criterion::ALL`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricScores {
    pub scores: [u8; 4],
    pub comments: [String; 4],
}

impl RubricScores {
    /// Checks scores (1–5) and comments (at most 4000 characters).
    pub fn new(scores: [i64; 4], comments: [String; 4]) -> Result<Self> {
        let mut checked = [0u8; 4];
        for (index, criterion) in Criterion::ALL.iter().enumerate() {
            checked[index] = check_rubric_score(criterion.as_str(), scores[index])?;
        }
        let mut trimmed: [String; 4] = Default::default();
        for (index, comment) in comments.iter().enumerate() {
            trimmed[index] = check_text("comment", comment, false, MAX_TEXT)?;
        }
        Ok(Self {
            scores: checked,
            comments: trimmed,
        })
    }
}

/// One facilitator's assessment of one participant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacilitatorAssessment {
    pub workshop_id: i64,
    pub participant_id: UserId,
    pub facilitator_id: UserId,
    pub facilitator_name: String,
    pub rubric: RubricScores,
    pub updated_at: String,
}

fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn day_from_db(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::ShippedData(format!("stored date {text:?}")))
}

fn exercise_from_row(row: &AnyRow) -> Result<Exercise> {
    let levels: String = row.try_get("rubric_levels")?;
    let levels: Vec<String> = levels.lines().map(str::to_owned).collect();
    Ok(Exercise {
        id: row.try_get("id")?,
        workshop_id: row.try_get("workshop_id")?,
        title: row.try_get("title")?,
        kind: ExerciseKind::parse(&row.try_get::<String, _>("kind")?)?,
        scale: ExerciseScale::new(row.try_get("max_score")?, &levels)?,
    })
}

/// The administration that nominated a confirmed participant (for the
/// audit entry), or `not_a_participant`.
async fn confirmed_participant(
    connection: &mut sqlx::AnyConnection,
    workshop_id: i64,
    user_id: UserId,
) -> Result<Option<String>> {
    let row = sqlx::query(
        "select administration_code from workshop_participants \
         where workshop_id = $1 and user_id = $2 and status = 'confirmed'",
    )
    .bind(workshop_id)
    .bind(user_id.0)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(ValidationError::new("email", "not_a_participant"))?;
    Ok(row.try_get(0)?)
}

impl Store {
    /// Changes a workshop's title, venue or meeting link, capacity (1–1000,
    /// not below the confirmed participants: `agenda_capacity_below_confirmed`)
    /// and completion rules.
    pub async fn update_workshop(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        update: &WorkshopUpdate,
    ) -> Result<Workshop> {
        let title = check_text("title", &update.title, true, MAX_TITLE)?;
        let venue = check_text("venue", &update.venue, false, MAX_TITLE)?;
        let link = check_text("meeting_link", &update.meeting_link, false, MAX_TITLE)?;
        // Shown as a link participants follow: an http(s) address or nothing.
        if !link.is_empty() && !gedhub_core::training::is_web_link(&link) {
            return Err(ValidationError::new("meeting_link", "invalid_meeting_link").into());
        }
        if !(1..=MAX_CAPACITY).contains(&update.capacity) {
            return Err(ValidationError::new("capacity", "invalid_capacity").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let confirmed: i64 = sqlx::query(
            "select count(*) from workshop_participants where workshop_id = $1 and status = 'confirmed'",
        )
        .bind(workshop.id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        if i64::from(update.capacity) < confirmed {
            return Err(ValidationError::new("capacity", "agenda_capacity_below_confirmed").into());
        }
        // Not a cached statement: it may bind a NULL real (see the crate documentation).
        sqlx::query(
            "update workshops set title = $1, venue = $2, meeting_link = $3, capacity = $4, \
             min_attendance_pct = $5, min_post_test_pct = $6 where id = $7",
        )
        .persistent(false)
        .bind(title.clone())
        .bind(venue.clone())
        .bind(link.clone())
        .bind(i64::from(update.capacity))
        .bind(update.rules.min_attendance_pct)
        .bind(update.rules.min_post_test_pct)
        .bind(workshop.id)
        .execute(&mut *tx)
        .await?;
        let after = Workshop {
            title,
            venue,
            meeting_link: link,
            capacity: update.capacity,
            rules: update.rules,
            ..workshop.clone()
        };
        tx.record(
            Change::new("update", "workshop", workshop.id)
                .before(snapshot(workshop))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// A workshop's facilitators by name.
    pub async fn facilitators(&self, workshop_id: i64) -> Result<Vec<Facilitator>> {
        let rows = sqlx::query(
            "select u.id, u.email, u.name from workshop_facilitators f join users u on u.id = f.user_id \
             where f.workshop_id = $1 order by u.name, u.id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Facilitator {
                    user_id: UserId(row.try_get(0)?),
                    email: row.try_get(1)?,
                    name: row.try_get(2)?,
                })
            })
            .collect()
    }

    pub async fn is_facilitator(&self, workshop_id: i64, user_id: UserId) -> Result<bool> {
        Ok(sqlx::query(
            "select 1 from workshop_facilitators where workshop_id = $1 and user_id = $2",
        )
        .bind(workshop_id)
        .bind(user_id.0)
        .fetch_optional(self.pool())
        .await?
        .is_some())
    }

    /// Makes an expert or Secretariat account a facilitator of the workshop
    /// (`facilitator_role_not_allowed` for other roles; once:
    /// `facilitator_already`).
    pub async fn add_facilitator(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        email: &Email,
    ) -> Result<Facilitator> {
        let user = self
            .user_by_email(email)
            .await
            .map_err(|error| match error {
                StoreError::NotFound => ValidationError::new("email", "unknown_account").into(),
                other => other,
            })?;
        if !matches!(user.role, Role::Expert | Role::Secretariat) {
            return Err(ValidationError::new("email", "facilitator_role_not_allowed").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "insert into workshop_facilitators (workshop_id, user_id, added_by, added_at) \
             values ($1, $2, $3, $4)",
        )
        .bind(workshop.id)
        .bind(user.id.0)
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_unique("facilitator_already"))?;
        let facilitator = Facilitator {
            user_id: user.id,
            email: user.email.to_string(),
            name: user.name.clone(),
        };
        tx.record(
            Change::new(
                "create",
                "workshop_facilitator",
                format!("{}/{}", workshop.id, user.id),
            )
            .after(snapshot(&facilitator)),
        )
        .await?;
        tx.commit().await?;
        Ok(facilitator)
    }

    /// Removes a facilitator (their assessments stay).
    pub async fn remove_facilitator(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        user_id: UserId,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let removed = sqlx::query(
            "delete from workshop_facilitators where workshop_id = $1 and user_id = $2",
        )
        .bind(workshop.id)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.record(
            Change::new(
                "delete",
                "workshop_facilitator",
                format!("{}/{}", workshop.id, user_id),
            )
            .before(serde_json::json!({"user_id": user_id.0})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a session to the agenda: on a workshop day, ending after it
    /// starts, with an English title.
    pub async fn add_session(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        new: &NewSession,
    ) -> Result<Session> {
        let title_en = check_text("title_en", &new.title_en, true, MAX_TITLE)?;
        let title_fr = check_text("title_fr", &new.title_fr, false, MAX_TITLE)?;
        let description = check_text("description", &new.description, false, MAX_TEXT)?;
        check_session(&workshop.dates, new.day, new.start, new.end)?;
        let mut tx = self.begin_audited(actor).await?;
        let id: i64 = sqlx::query(
            "insert into workshop_sessions (workshop_id, day, start_time, end_time, title_en, \
             title_fr, description, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(workshop.id)
        .bind(date_to_db(new.day))
        .bind(time_text(new.start))
        .bind(time_text(new.end))
        .bind(title_en.clone())
        .bind(title_fr.clone())
        .bind(description.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let session = Session {
            id,
            workshop_id: workshop.id,
            day: new.day,
            start_time: time_text(new.start),
            end_time: time_text(new.end),
            title_en,
            title_fr,
            description,
            materials: Vec::new(),
        };
        tx.record(Change::new("create", "workshop_session", id).after(snapshot(&session)))
            .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The agenda: sessions in order of day and time, with their materials.
    pub async fn sessions(&self, workshop_id: i64) -> Result<Vec<Session>> {
        let rows = sqlx::query(
            "select id, day, start_time, end_time, title_en, title_fr, description \
             from workshop_sessions where workshop_id = $1 order by day, start_time, id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        let mut sessions = rows
            .iter()
            .map(|row| {
                Ok(Session {
                    id: row.try_get(0)?,
                    workshop_id,
                    day: day_from_db(&row.try_get::<String, _>(1)?)?,
                    start_time: row.try_get(2)?,
                    end_time: row.try_get(3)?,
                    title_en: row.try_get(4)?,
                    title_fr: row.try_get(5)?,
                    description: row.try_get(6)?,
                    materials: Vec::new(),
                })
            })
            .collect::<Result<Vec<Session>>>()?;
        let materials = sqlx::query(
            "select m.id, m.session_id, m.title, m.link, m.file_name from session_materials m \
             join workshop_sessions s on s.id = m.session_id where s.workshop_id = $1 order by m.id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        for row in materials {
            let material = Material {
                id: row.try_get(0)?,
                session_id: row.try_get(1)?,
                title: row.try_get(2)?,
                link: row.try_get(3)?,
                file_name: row.try_get(4)?,
            };
            if let Some(session) = sessions.iter_mut().find(|s| s.id == material.session_id) {
                session.materials.push(material);
            }
        }
        Ok(sessions)
    }

    /// A session of this workshop (else `NotFound`).
    pub async fn session(&self, workshop: &Workshop, session_id: i64) -> Result<Session> {
        self.sessions(workshop.id)
            .await?
            .into_iter()
            .find(|s| s.id == session_id)
            .ok_or(StoreError::NotFound)
    }

    /// Adds a material to a session: a title and an `http(s)` link.
    pub async fn add_material(
        &self,
        actor: &Actor,
        session: &Session,
        title: &str,
        link: &str,
    ) -> Result<Material> {
        let title = check_text("title", title, true, MAX_TITLE)?;
        let link = check_text("link", link, true, 2000)?;
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            return Err(ValidationError::new("link", "agenda_invalid_link").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let id: i64 = sqlx::query(
            "insert into session_materials (session_id, title, link, added_by, added_at) \
             values ($1, $2, $3, $4, $5) returning id",
        )
        .bind(session.id)
        .bind(title.clone())
        .bind(link.clone())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let material = Material {
            id,
            session_id: session.id,
            title,
            link,
            file_name: String::new(),
        };
        tx.record(Change::new("create", "session_material", id).after(snapshot(&material)))
            .await?;
        tx.commit().await?;
        Ok(material)
    }

    /// Adds an uploaded file as a material of a session (the bytes are in
    /// the file store under `file.storage_key`).
    pub async fn add_material_file(
        &self,
        actor: &Actor,
        session: &Session,
        title: &str,
        file: &MaterialFile,
    ) -> Result<Material> {
        let title = check_text("title", title, true, MAX_TITLE)?;
        let mut tx = self.begin_audited(actor).await?;
        let id: i64 = sqlx::query(
            "insert into session_materials (session_id, title, file_name, content_type, size_bytes, \
             storage_key, added_by, added_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(session.id)
        .bind(title.clone())
        .bind(file.file_name.clone())
        .bind(file.content_type.clone())
        .bind(file.size_bytes)
        .bind(file.storage_key.clone())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let material = Material {
            id,
            session_id: session.id,
            title,
            link: String::new(),
            file_name: file.file_name.clone(),
        };
        tx.record(Change::new("create", "session_material", id).after(snapshot(&material)))
            .await?;
        tx.commit().await?;
        Ok(material)
    }

    /// The stored file of a material of this workshop (else `NotFound`).
    pub async fn material_file(&self, workshop_id: i64, material_id: i64) -> Result<MaterialFile> {
        let row = sqlx::query(
            "select m.file_name, m.content_type, m.size_bytes, m.storage_key from session_materials m \
             join workshop_sessions s on s.id = m.session_id \
             where s.workshop_id = $1 and m.id = $2 and m.storage_key <> ''",
        )
        .bind(workshop_id)
        .bind(material_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(MaterialFile {
            file_name: row.try_get(0)?,
            content_type: row.try_get(1)?,
            size_bytes: row.try_get(2)?,
            storage_key: row.try_get(3)?,
        })
    }

    /// Records whether a confirmed participant was present at a session
    /// (a second record replaces the first; both are audited).
    pub async fn set_session_attendance(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        session: &Session,
        user_id: UserId,
        present: bool,
    ) -> Result<()> {
        if session.workshop_id != workshop.id {
            return Err(ValidationError::new("session", "agenda_unknown_session").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let administration = confirmed_participant(&mut tx, workshop.id, user_id).await?;
        let before: Option<i64> = sqlx::query(
            "select present from session_attendance where session_id = $1 and user_id = $2",
        )
        .bind(session.id)
        .bind(user_id.0)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        sqlx::query("delete from session_attendance where session_id = $1 and user_id = $2")
            .bind(session.id)
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into session_attendance (session_id, user_id, present, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(session.id)
        .bind(user_id.0)
        .bind(i64::from(present))
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before.is_some() { "update" } else { "create" },
                "session_attendance",
                format!("{}/{}/{}", workshop.id, session.id, user_id),
            )
            .administration(administration.as_deref())
            .before(before.map(|present| serde_json::json!({"present": present != 0})))
            .after(serde_json::json!({"present": present})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The sessions each participant was recorded present at, by user id.
    pub async fn sessions_present(&self, workshop_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
        let rows = sqlx::query(
            "select a.user_id, a.session_id from session_attendance a \
             join workshop_sessions s on s.id = a.session_id \
             where s.workshop_id = $1 and a.present = 1 order by a.session_id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        let mut present: HashMap<i64, Vec<i64>> = HashMap::new();
        for row in rows {
            present
                .entry(row.try_get(0)?)
                .or_default()
                .push(row.try_get(1)?);
        }
        Ok(present)
    }

    /// Adds an exercise with its scale.
    pub async fn add_exercise(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        title: &str,
        kind: ExerciseKind,
        scale: &ExerciseScale,
    ) -> Result<Exercise> {
        let title = check_text("title", title, true, MAX_TITLE)?;
        let (max_score, levels) = match scale {
            ExerciseScale::MaxScore(max) => (Some(*max), String::new()),
            ExerciseScale::Rubric(levels) => (None, levels.join("\n")),
        };
        let mut tx = self.begin_audited(actor).await?;
        // Not a cached statement: it may bind a NULL real (see the crate documentation).
        let id: i64 = sqlx::query(
            "insert into exercises (workshop_id, title, kind, max_score, rubric_levels, created_at) \
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .persistent(false)
        .bind(workshop.id)
        .bind(title.clone())
        .bind(kind.as_str())
        .bind(max_score)
        .bind(levels)
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let exercise = Exercise {
            id,
            workshop_id: workshop.id,
            title,
            kind,
            scale: scale.clone(),
        };
        tx.record(Change::new("create", "exercise", id).after(snapshot(&exercise)))
            .await?;
        tx.commit().await?;
        Ok(exercise)
    }

    pub async fn exercises(&self, workshop_id: i64) -> Result<Vec<Exercise>> {
        let rows = sqlx::query(
            "select id, workshop_id, title, kind, max_score, rubric_levels from exercises \
             where workshop_id = $1 order by id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(exercise_from_row).collect()
    }

    /// An exercise of this workshop (else `NotFound`).
    pub async fn exercise(&self, workshop: &Workshop, exercise_id: i64) -> Result<Exercise> {
        self.exercises(workshop.id)
            .await?
            .into_iter()
            .find(|e| e.id == exercise_id)
            .ok_or(StoreError::NotFound)
    }

    /// Defines (or redefines) a group of a group exercise: its members,
    /// confirmed participants each in one group only.
    pub async fn set_exercise_group(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        exercise: &Exercise,
        group: &str,
        members: &[UserId],
    ) -> Result<()> {
        if exercise.kind != ExerciseKind::Group {
            return Err(ValidationError::new("group", "exercise_not_a_group_exercise").into());
        }
        let group = check_text("group", group, true, 100)?;
        if members.is_empty() {
            return Err(ValidationError::new("members", "required").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        for member in members {
            confirmed_participant(&mut tx, workshop.id, *member).await?;
        }
        sqlx::query(
            "delete from exercise_group_members where exercise_id = $1 and group_name = $2",
        )
        .bind(exercise.id)
        .bind(group.clone())
        .execute(&mut *tx)
        .await?;
        for member in members {
            sqlx::query(
                "insert into exercise_group_members (exercise_id, group_name, user_id) values ($1, $2, $3)",
            )
            .bind(exercise.id)
            .bind(group.clone())
            .bind(member.0)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_unique("exercise_already_in_a_group"))?;
        }
        tx.record(
            Change::new(
                "update",
                "exercise_group",
                format!("{}/{group}", exercise.id),
            )
            .after(serde_json::json!({
                "members": members.iter().map(|m| m.0).collect::<Vec<_>>()
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The groups of an exercise: name and member ids, by name.
    pub async fn exercise_groups(&self, exercise_id: i64) -> Result<Vec<(String, Vec<UserId>)>> {
        let rows = sqlx::query(
            "select group_name, user_id from exercise_group_members where exercise_id = $1 \
             order by group_name, user_id",
        )
        .bind(exercise_id)
        .fetch_all(self.pool())
        .await?;
        let mut groups: Vec<(String, Vec<UserId>)> = Vec::new();
        for row in rows {
            let name: String = row.try_get(0)?;
            let user = UserId(row.try_get(1)?);
            match groups.last_mut() {
                Some((last, members)) if *last == name => members.push(user),
                Some(_) | None => groups.push((name, vec![user])),
            }
        }
        Ok(groups)
    }

    /// Records a result: for an individual exercise, `Participant(user)`;
    /// for a group exercise, `Group(name)`, written for each member. The
    /// score or level is checked against the exercise's scale.
    pub async fn record_exercise_result(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        exercise: &Exercise,
        whom: &ResultFor,
        score: Option<f64>,
        level: Option<u32>,
    ) -> Result<f64> {
        let percent = exercise.scale.percent(score, level)?;
        let (members, group) = match (exercise.kind, whom) {
            (ExerciseKind::Individual, ResultFor::Participant(user)) => {
                (vec![*user], String::new())
            }
            (ExerciseKind::Group, ResultFor::Group(name)) => {
                let members = self
                    .exercise_groups(exercise.id)
                    .await?
                    .into_iter()
                    .find(|(group, _)| group == name.trim())
                    .map(|(_, members)| members)
                    .ok_or(ValidationError::new("group", "exercise_unknown_group"))?;
                (members, name.trim().to_owned())
            }
            (ExerciseKind::Individual, ResultFor::Group(_)) => {
                return Err(ValidationError::new("group", "exercise_not_a_group_exercise").into());
            }
            (ExerciseKind::Group, ResultFor::Participant(_)) => {
                return Err(ValidationError::new("email", "exercise_result_per_group").into());
            }
        };
        let mut tx = self.begin_audited(actor).await?;
        for member in &members {
            let administration = confirmed_participant(&mut tx, workshop.id, *member).await?;
            sqlx::query("delete from exercise_results where exercise_id = $1 and user_id = $2")
                .bind(exercise.id)
                .bind(member.0)
                .execute(&mut *tx)
                .await?;
            // Not a cached statement: it may bind a NULL real (see the crate documentation).
            sqlx::query(
                "insert into exercise_results (exercise_id, user_id, score, level, percent, \
                 group_name, recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .persistent(false)
            .bind(exercise.id)
            .bind(member.0)
            .bind(score)
            .bind(level.map(i64::from))
            .bind(percent)
            .bind(group.clone())
            .bind(actor.label.clone())
            .bind(Timestamp::now().to_db())
            .execute(&mut *tx)
            .await?;
            tx.record(
                Change::new(
                    "record",
                    "exercise_result",
                    format!("{}/{}", exercise.id, member),
                )
                .administration(administration.as_deref())
                .after(serde_json::json!({
                    "score": score, "level": level, "percent": percent, "group": group
                })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(percent)
    }

    /// Every result of a workshop's exercises.
    pub async fn exercise_results(&self, workshop_id: i64) -> Result<Vec<ExerciseResult>> {
        let rows = sqlx::query(
            "select r.exercise_id, r.user_id, r.score, r.level, r.percent, r.group_name \
             from exercise_results r join exercises e on e.id = r.exercise_id \
             where e.workshop_id = $1 order by r.exercise_id, r.user_id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ExerciseResult {
                    exercise_id: row.try_get(0)?,
                    user_id: UserId(row.try_get(1)?),
                    score: row.try_get(2)?,
                    level: row
                        .try_get::<Option<i64>, _>(3)?
                        .and_then(|l| u32::try_from(l).ok()),
                    percent: row.try_get(4)?,
                    group: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// Per confirmed participant: exercise average and rubric mean (for
    /// issue 7's ranking), by name.
    pub async fn candidate_scores(&self, workshop_id: i64) -> Result<Vec<CandidateScores>> {
        let results = self.exercise_results(workshop_id).await?;
        let assessments = self.facilitator_assessments(workshop_id).await?;
        Ok(self
            .participants(workshop_id)
            .await?
            .into_iter()
            .filter(|p| p.is_confirmed())
            .map(|p| {
                let percentages: Vec<f64> = results
                    .iter()
                    .filter(|r| r.user_id == p.user_id)
                    .map(|r| r.percent)
                    .collect();
                let scores: Vec<u8> = assessments
                    .iter()
                    .filter(|a| a.participant_id == p.user_id)
                    .flat_map(|a| a.rubric.scores)
                    .collect();
                CandidateScores {
                    user_id: p.user_id,
                    exercises_done: percentages.len(),
                    exercise_pct: exercise_average_pct(&percentages),
                    rubric_mean: rubric_mean(&scores),
                }
            })
            .collect())
    }

    /// When the Secretariat released the workshop's assessments, if it has.
    pub async fn assessments_released_at(&self, workshop_id: i64) -> Result<Option<String>> {
        sqlx::query(
            "select released_at from facilitator_assessment_releases where workshop_id = $1",
        )
        .bind(workshop_id)
        .fetch_optional(self.pool())
        .await?
        .map(|row| row.try_get(0))
        .transpose()
        .map_err(Into::into)
    }

    /// Saves a facilitator's assessment of a confirmed participant (one per
    /// facilitator and participant, replaced on a second save), until the
    /// Secretariat releases them (`facilitator_assessments_released`).
    pub async fn save_facilitator_assessment(
        &self,
        actor: &Actor,
        workshop: &Workshop,
        facilitator: UserId,
        participant: UserId,
        rubric: &RubricScores,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let released =
            sqlx::query("select 1 from facilitator_assessment_releases where workshop_id = $1")
                .bind(workshop.id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
        if released {
            return Err(StoreError::Conflict("facilitator_assessments_released"));
        }
        let administration = confirmed_participant(&mut tx, workshop.id, participant).await?;
        let before = sqlx::query(
            "select ged_tools, technical_expertise, support_members, facilitate_senior_officials \
             from facilitator_assessments where workshop_id = $1 and participant_id = $2 and facilitator_id = $3",
        )
        .bind(workshop.id)
        .bind(participant.0)
        .bind(facilitator.0)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| -> Result<serde_json::Value> {
            Ok(serde_json::json!([
                row.try_get::<i64, _>(0)?,
                row.try_get::<i64, _>(1)?,
                row.try_get::<i64, _>(2)?,
                row.try_get::<i64, _>(3)?
            ]))
        })
        .transpose()?;
        sqlx::query(
            "delete from facilitator_assessments where workshop_id = $1 and participant_id = $2 \
             and facilitator_id = $3",
        )
        .bind(workshop.id)
        .bind(participant.0)
        .bind(facilitator.0)
        .execute(&mut *tx)
        .await?;
        let [s1, s2, s3, s4] = rubric.scores;
        let [c1, c2, c3, c4] = rubric.comments.clone();
        sqlx::query(
            "insert into facilitator_assessments (workshop_id, participant_id, facilitator_id, \
             ged_tools, ged_tools_comment, technical_expertise, technical_expertise_comment, \
             support_members, support_members_comment, facilitate_senior_officials, \
             facilitate_senior_officials_comment, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(workshop.id)
        .bind(participant.0)
        .bind(facilitator.0)
        .bind(i64::from(s1))
        .bind(c1)
        .bind(i64::from(s2))
        .bind(c2)
        .bind(i64::from(s3))
        .bind(c3)
        .bind(i64::from(s4))
        .bind(c4)
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before.is_some() { "update" } else { "create" },
                "facilitator_assessment",
                format!("{}/{}/{}", workshop.id, participant, facilitator),
            )
            .administration(administration.as_deref())
            .before(before)
            .after(snapshot(rubric)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every facilitator assessment of a workshop (released or not: the
    /// caller decides who may read them).
    pub async fn facilitator_assessments(
        &self,
        workshop_id: i64,
    ) -> Result<Vec<FacilitatorAssessment>> {
        let rows = sqlx::query(
            "select a.participant_id, a.facilitator_id, u.name, a.ged_tools, a.ged_tools_comment, \
             a.technical_expertise, a.technical_expertise_comment, a.support_members, \
             a.support_members_comment, a.facilitate_senior_officials, \
             a.facilitate_senior_officials_comment, a.updated_at \
             from facilitator_assessments a join users u on u.id = a.facilitator_id \
             where a.workshop_id = $1 order by a.participant_id, u.name, a.facilitator_id",
        )
        .bind(workshop_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let score = |index: usize| -> Result<u8> {
                    Ok(u8::try_from(row.try_get::<i64, _>(index)?).unwrap_or(0))
                };
                Ok(FacilitatorAssessment {
                    workshop_id,
                    participant_id: UserId(row.try_get(0)?),
                    facilitator_id: UserId(row.try_get(1)?),
                    facilitator_name: row.try_get(2)?,
                    rubric: RubricScores {
                        scores: [score(3)?, score(5)?, score(7)?, score(9)?],
                        comments: [
                            row.try_get(4)?,
                            row.try_get(6)?,
                            row.try_get(8)?,
                            row.try_get(10)?,
                        ],
                    },
                    updated_at: row.try_get(11)?,
                })
            })
            .collect()
    }

    /// Releases a workshop's assessments to the participants and their
    /// focal points; they can no longer be edited (once:
    /// `facilitator_assessments_released`).
    pub async fn release_facilitator_assessments(
        &self,
        actor: &Actor,
        workshop: &Workshop,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        sqlx::query(
            "insert into facilitator_assessment_releases (workshop_id, released_by, released_at) \
             values ($1, $2, $3)",
        )
        .bind(workshop.id)
        .bind(actor.label.clone())
        .bind(now.clone())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_unique("facilitator_assessments_released"))?;
        tx.record(
            Change::new("release", "facilitator_assessments", workshop.id)
                .after(serde_json::json!({"released_at": now})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Whom an exercise result is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultFor {
    Participant(UserId),
    Group(String),
}
