//! GEOAT instruments, assessments, answers, contributors, comments and
//! attachment records.
//!
//! Access rule: an assessment is visible to users whose [`Scope`] includes its
//! administration, and to the people invited on it (contributors and
//! facilitators). Everyone else gets [`StoreError::NotFound`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use gedhub_core::assessment::{Status, Transition};
use gedhub_core::instrument::Instrument;
use gedhub_core::scoring::Rating;
use gedhub_core::{AdministrationCode, Region, Scope, UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{Actor, Change, snapshot};
use crate::scope::ScopeFilter;
use crate::{Result, Store, StoreError, Timestamp};

/// Parsed instruments that are in use (and therefore frozen), by code.
#[derive(Debug, Default, Clone)]
pub(crate) struct InstrumentCache(Arc<RwLock<HashMap<String, Arc<Instrument>>>>);

#[derive(Debug, Clone, Serialize)]
pub struct InstrumentSummary {
    pub code: String,
    pub edition: String,
    pub title: gedhub_core::instrument::Localized,
    pub indicator_count: usize,
    pub section_count: usize,
    /// Used by at least one assessment, hence frozen.
    pub in_use: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub administration: AdministrationCode,
    pub instrument_code: String,
    pub title: String,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub validated_at: Option<String>,
    pub validated_by: Option<String>,
    /// The reason given when it was last reopened.
    pub status_reason: Option<String>,
}

/// One indicator's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub indicator_code: String,
    pub rating: Option<u8>,
    pub not_applicable: bool,
    pub justification: String,
    pub evidence: String,
    /// Increases with every save; a save based on an older version is a conflict.
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Answer {
    pub fn as_rating(&self) -> Option<Rating> {
        if self.not_applicable {
            Some(Rating::NotApplicable)
        } else {
            self.rating.map(Rating::Value)
        }
    }
}

/// What a user submits for one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerInput {
    /// `None` with `not_applicable = false` clears the rating.
    pub rating: Option<u8>,
    pub not_applicable: bool,
    pub justification: String,
    pub evidence: String,
}

/// The outcome of saving an answer based on a stale version.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    Saved(Answer),
    /// Someone else saved first; nothing was written. Carries their answer.
    Conflict(Answer),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contributor {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    /// Section codes they answer; empty means all.
    pub sections: Vec<String>,
    pub facilitator: bool,
    /// Last day of their recognition as GED Expert, if they hold one
    /// (`YYYY-MM-DD`): a facilitator acts only while it is valid.
    pub recognized_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub indicator_code: String,
    pub author: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub indicator_code: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

/// Who is reading: their scope and their user id (for invitations).
#[derive(Debug, Clone)]
pub struct Viewer {
    pub scope: Scope,
    pub user_id: UserId,
}

/// An assessment with the viewer's invitation, if any.
#[derive(Debug, Clone)]
pub struct AssessmentAccess {
    pub assessment: Assessment,
    pub invitation: Option<Contributor>,
}

/// The answers of the latest validated assessment of each administration on
/// an instrument, for regional and global comparisons.
#[derive(Debug, Clone)]
pub struct ValidatedAnswers {
    pub administration: AdministrationCode,
    pub region: Region,
    pub assessment_id: i64,
    pub answers: HashMap<String, Rating>,
}

const ASSESSMENT_COLUMNS: &str = "id, administration_code, instrument_code, title, status, created_at, updated_at, \
     submitted_at, validated_at, validated_by, status_reason";

fn assessment_from_row(row: &AnyRow) -> Result<Assessment> {
    let code: String = row.try_get("administration_code")?;
    let status: String = row.try_get("status")?;
    Ok(Assessment {
        id: row.try_get("id")?,
        administration: AdministrationCode::parse(&code)?,
        instrument_code: row.try_get("instrument_code")?,
        title: row.try_get("title")?,
        status: Status::parse(&status)?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        submitted_at: row.try_get("submitted_at")?,
        validated_at: row.try_get("validated_at")?,
        validated_by: row.try_get("validated_by")?,
        status_reason: row.try_get("status_reason")?,
    })
}

fn answer_from_row(row: &AnyRow) -> Result<Answer> {
    let rating: Option<i64> = row.try_get("rating")?;
    let not_applicable: i64 = row.try_get("not_applicable")?;
    Ok(Answer {
        indicator_code: row.try_get("indicator_code")?,
        rating: rating.and_then(|r| u8::try_from(r).ok()),
        not_applicable: not_applicable != 0,
        justification: row.try_get("justification")?,
        evidence: row.try_get("evidence")?,
        version: row.try_get("version")?,
        updated_by: row.try_get("updated_by")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn contributor_from_row(row: &AnyRow) -> Result<Contributor> {
    let sections: String = row.try_get("sections")?;
    let facilitator: i64 = row.try_get("facilitator")?;
    Ok(Contributor {
        user_id: UserId(row.try_get("user_id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        sections: sections
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        facilitator: facilitator != 0,
        recognized_until: row.try_get("valid_until")?,
    })
}

fn comment_from_row(row: &AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: row.try_get("id")?,
        indicator_code: row.try_get("indicator_code")?,
        author: row.try_get("author_name")?,
        body: row.try_get("body")?,
        created_at: row.try_get("created_at")?,
    })
}

fn parse_definition(text: &str) -> Result<Instrument> {
    serde_json::from_str(text)
        .map_err(|error| StoreError::ShippedData(format!("stored instrument: {error}")))
}

impl Store {
    // ----- instruments -------------------------------------------------------

    /// Stores an instrument. An instrument already used by an assessment is
    /// frozen: importing the same code again is refused (`instrument_in_use`);
    /// an unused one is replaced.
    pub async fn import_instrument(&self, actor: &Actor, instrument: &Instrument) -> Result<()> {
        let definition = serde_json::to_string(instrument)
            .map_err(|error| StoreError::ShippedData(error.to_string()))?;
        let mut tx = self.begin_audited(actor).await?;
        let used = sqlx::query("select count(*) as n from assessments where instrument_code = $1")
            .bind(instrument.code.clone())
            .fetch_one(&mut *tx)
            .await?
            .try_get::<i64, _>("n")?;
        if used > 0 {
            return Err(StoreError::Conflict("instrument_in_use"));
        }
        let existed = sqlx::query("delete from instruments where code = $1")
            .bind(instrument.code.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        sqlx::query(
            "insert into instruments (code, edition, title_en, definition, imported_by, imported_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(instrument.code.clone())
        .bind(instrument.edition.clone())
        .bind(instrument.title.get("en").to_owned())
        .bind(definition)
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if existed { "replace" } else { "import" },
                "instrument",
                instrument.code.clone(),
            )
            .after(serde_json::json!({
                "edition": instrument.edition,
                "sections": instrument.sections.len(),
                "indicators": instrument.indicator_count(),
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn instruments(&self) -> Result<Vec<InstrumentSummary>> {
        let rows = sqlx::query(
            "select i.code, i.definition, (select count(*) from assessments a where a.instrument_code = i.code) as used \
             from instruments i order by i.code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let instrument = parse_definition(&row.try_get::<String, _>("definition")?)?;
                Ok(InstrumentSummary {
                    indicator_count: instrument.indicator_count(),
                    section_count: instrument.sections.len(),
                    in_use: row.try_get::<i64, _>("used")? > 0,
                    code: instrument.code,
                    edition: instrument.edition,
                    title: instrument.title,
                })
            })
            .collect()
    }

    /// One instrument, parsed. Instruments in use are cached: they never change.
    pub async fn instrument(&self, code: &str) -> Result<Arc<Instrument>> {
        if let Some(cached) = self
            .instrument_cache()
            .0
            .read()
            .ok()
            .and_then(|c| c.get(code).cloned())
        {
            return Ok(cached);
        }
        let row = sqlx::query(
            "select definition, (select count(*) from assessments a where a.instrument_code = $1) as used \
             from instruments where code = $1",
        )
        .bind(code.to_owned())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let instrument = Arc::new(parse_definition(&row.try_get::<String, _>("definition")?)?);
        if row.try_get::<i64, _>("used")? > 0
            && let Ok(mut cache) = self.instrument_cache().0.write()
        {
            cache.insert(code.to_owned(), instrument.clone());
        }
        Ok(instrument)
    }

    // ----- assessments -------------------------------------------------------

    /// Starts an assessment (status `draft`).
    pub async fn create_assessment(
        &self,
        actor: &Actor,
        administration: &AdministrationCode,
        instrument_code: &str,
        title: &str,
    ) -> Result<Assessment> {
        self.instrument(instrument_code)
            .await
            .map_err(|error| match error {
                StoreError::NotFound => {
                    ValidationError::new("instrument", "unknown_instrument").into()
                }
                other => other,
            })?;
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let sql = format!(
            "insert into assessments (administration_code, instrument_code, title, status, created_by, created_at, updated_at) \
             values ($1, $2, $3, 'draft', $4, $5, $5) returning {ASSESSMENT_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(administration.as_str().to_owned())
            .bind(instrument_code.to_owned())
            .bind(title.to_owned())
            .bind(actor.user_id.map(|id| id.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        let assessment = assessment_from_row(&row)?;
        tx.record(
            Change::new("create", "assessment", assessment.id)
                .administration(administration.as_str())
                .after(snapshot(&assessment)),
        )
        .await?;
        tx.commit().await?;
        Ok(assessment)
    }

    /// The assessments a viewer may see, newest first.
    pub async fn assessments(&self, viewer: &Viewer) -> Result<Vec<Assessment>> {
        let filter = ScopeFilter::new(&viewer.scope, "a.administration_code", 2);
        let sql = format!(
            "select {ASSESSMENT_COLUMNS} from assessments a where \
             exists (select 1 from assessment_contributors c where c.assessment_id = a.id and c.user_id = $1) \
             or {} order by a.created_at desc, a.id desc",
            filter.condition
        );
        let rows = filter
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)).bind(viewer.user_id.0))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(assessment_from_row).collect()
    }

    /// One assessment, if the viewer may see it (else `NotFound`).
    pub async fn assessment(&self, viewer: &Viewer, id: i64) -> Result<AssessmentAccess> {
        let sql = format!("select {ASSESSMENT_COLUMNS} from assessments where id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let assessment = assessment_from_row(&row)?;
        let invitation = self
            .contributors(id)
            .await?
            .into_iter()
            .find(|c| c.user_id == viewer.user_id);
        if !viewer.scope.includes(&assessment.administration) && invitation.is_none() {
            return Err(StoreError::NotFound);
        }
        Ok(AssessmentAccess {
            assessment,
            invitation,
        })
    }

    pub async fn answers(&self, assessment_id: i64) -> Result<Vec<Answer>> {
        let rows = sqlx::query(
            "select indicator_code, rating, not_applicable, justification, evidence, version, updated_by, updated_at \
             from assessment_answers where assessment_id = $1",
        )
        .bind(assessment_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(answer_from_row).collect()
    }

    /// Saves one answer. `expected_version` is the version the user started
    /// from (0 for a new answer): when someone saved in between, nothing is
    /// written and their answer comes back as [`SaveOutcome::Conflict`].
    /// Only drafts and assessments in progress accept answers
    /// (`assessment_not_editable`); the first answer moves a draft to
    /// `in_progress`.
    pub async fn save_answer(
        &self,
        actor: &Actor,
        assessment_id: i64,
        indicator_code: &str,
        input: &AnswerInput,
        expected_version: Option<i64>,
    ) -> Result<SaveOutcome> {
        let mut tx = self.begin_audited(actor).await?;
        // Taking the row lock first (an update) serialises concurrent saves on PostgreSQL.
        let status_row = sqlx::query(
            "update assessments set updated_at = $1 where id = $2 returning status, administration_code",
        )
        .bind(Timestamp::now().to_db())
        .bind(assessment_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let status = Status::parse(&status_row.try_get::<String, _>("status")?)?;
        let administration: String = status_row.try_get("administration_code")?;
        if !status.accepts_answers() {
            return Err(StoreError::Conflict("assessment_not_editable"));
        }
        let current = sqlx::query(
            "select indicator_code, rating, not_applicable, justification, evidence, version, updated_by, updated_at \
             from assessment_answers where assessment_id = $1 and indicator_code = $2",
        )
        .bind(assessment_id)
        .bind(indicator_code.to_owned())
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(answer_from_row)
        .transpose()?;
        let current_version = current.as_ref().map_or(0, |a| a.version);
        if let (Some(expected), Some(theirs)) = (expected_version, &current)
            && expected != current_version
        {
            return Ok(SaveOutcome::Conflict(theirs.clone()));
        }
        let now = Timestamp::now().to_db();
        let rating = if input.not_applicable {
            None
        } else {
            input.rating.map(i64::from)
        };
        let row = sqlx::query(
            "insert into assessment_answers (assessment_id, indicator_code, rating, not_applicable, justification, \
             evidence, version, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             on conflict (assessment_id, indicator_code) do update set rating = excluded.rating, \
             not_applicable = excluded.not_applicable, justification = excluded.justification, \
             evidence = excluded.evidence, version = excluded.version, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at \
             returning indicator_code, rating, not_applicable, justification, evidence, version, updated_by, updated_at",
        )
        .bind(assessment_id)
        .bind(indicator_code.to_owned())
        .bind(rating)
        .bind(i64::from(input.not_applicable))
        .bind(input.justification.clone())
        .bind(input.evidence.clone())
        .bind(current_version + 1)
        .bind(actor.label.clone())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?;
        let saved = answer_from_row(&row)?;
        if status == Status::Draft {
            sqlx::query("update assessments set status = 'in_progress' where id = $1")
                .bind(assessment_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.record(
            Change::new(
                "answer",
                "assessment",
                format!("{assessment_id}/{indicator_code}"),
            )
            .administration(administration.as_str())
            .before(current.as_ref().and_then(snapshot))
            .after(snapshot(&saved)),
        )
        .await?;
        tx.commit().await?;
        Ok(SaveOutcome::Saved(saved))
    }

    /// Moves an assessment through its workflow; a reopening records its reason.
    pub async fn transition_assessment(
        &self,
        actor: &Actor,
        assessment_id: i64,
        transition: Transition,
        reason: Option<&str>,
    ) -> Result<Assessment> {
        let mut tx = self.begin_audited(actor).await?;
        let sql = format!("select {ASSESSMENT_COLUMNS} from assessments where id = $1");
        let before = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(assessment_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = assessment_from_row(&before)?;
        let next = transition.apply(before.status)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if transition.needs_reason() && reason.is_none() {
            return Err(ValidationError::new("reason", "required").into());
        }
        let now = Timestamp::now().to_db();
        let sql = format!(
            "update assessments set status = $1, updated_at = $2, \
             submitted_at = case when $1 = 'submitted' then $2 else submitted_at end, \
             validated_at = case when $1 = 'validated' then $2 else validated_at end, \
             validated_by = case when $1 = 'validated' then $3 else validated_by end, \
             status_reason = $4 where id = $5 returning {ASSESSMENT_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(next.as_str())
            .bind(now)
            .bind(actor.label.clone())
            .bind(reason.map(str::to_owned))
            .bind(assessment_id)
            .fetch_one(&mut *tx)
            .await?;
        let after = assessment_from_row(&row)?;
        tx.record(
            Change::new(transition.as_str(), "assessment", assessment_id)
                .administration(after.administration.as_str())
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The administration's most recent validated or archived assessment on
    /// the same instrument, created before `assessment`.
    pub async fn previous_assessment(&self, assessment: &Assessment) -> Result<Option<Assessment>> {
        let sql = format!(
            "select {ASSESSMENT_COLUMNS} from assessments where administration_code = $1 and instrument_code = $2 \
             and id <> $3 and created_at <= $4 and status in ('validated', 'archived') \
             order by created_at desc, id desc limit 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(assessment.administration.as_str().to_owned())
            .bind(assessment.instrument_code.clone())
            .bind(assessment.id)
            .bind(assessment.created_at.clone())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(assessment_from_row).transpose()
    }

    /// Moves an assessment's submission and validation to `at` (a stored
    /// timestamp such as `2024-11-15T10:00:00Z`), as if it had been
    /// validated then: the demo's assessments are dated like their titles,
    /// and tests of published periods validate in the past. Not audited: it
    /// rewrites history, which only seeded and test data may do.
    pub(crate) async fn backdate_validation(&self, assessment_id: i64, at: &str) -> Result<()> {
        sqlx::query(
            "update assessments set submitted_at = $1, validated_at = $1, updated_at = $1 \
             where id = $2 and validated_at is not null",
        )
        .bind(at.to_owned())
        .bind(assessment_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// For each administration, the answers of its latest validated (or
    /// archived) assessment on `instrument_code`.
    pub async fn validated_answers(&self, instrument_code: &str) -> Result<Vec<ValidatedAnswers>> {
        self.validated_answers_as_of(instrument_code, "9999").await
    }

    /// [`Store::validated_answers`] as they stood at `as_of` (a timestamp
    /// or its prefix, e.g. `2024-12-31T99` for the end of 2024): each
    /// administration's latest assessment validated by then.
    pub async fn validated_answers_as_of(
        &self,
        instrument_code: &str,
        as_of: &str,
    ) -> Result<Vec<ValidatedAnswers>> {
        let rows = sqlx::query(
            "select a.id, a.administration_code, d.region, x.indicator_code, x.rating, x.not_applicable \
             from assessments a join administrations d on d.code = a.administration_code \
             join assessment_answers x on x.assessment_id = a.id \
             where a.instrument_code = $1 and a.status in ('validated', 'archived') \
             and a.id = (select b.id from assessments b where b.administration_code = a.administration_code \
                 and b.instrument_code = a.instrument_code and b.status in ('validated', 'archived') \
                 and b.validated_at <= $2 \
                 order by b.validated_at desc, b.id desc limit 1)",
        )
        .bind(instrument_code.to_owned())
        .bind(as_of.to_owned())
        .fetch_all(self.pool())
        .await?;
        let mut by_assessment: HashMap<i64, ValidatedAnswers> = HashMap::new();
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let entry = match by_assessment.entry(id) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => slot.insert(ValidatedAnswers {
                    administration: AdministrationCode::parse(
                        &row.try_get::<String, _>("administration_code")?,
                    )?,
                    region: Region::parse(&row.try_get::<String, _>("region")?)?,
                    assessment_id: id,
                    answers: HashMap::new(),
                }),
            };
            let code: String = row.try_get("indicator_code")?;
            let rating: Option<i64> = row.try_get("rating")?;
            let not_applicable: i64 = row.try_get("not_applicable")?;
            let value = if not_applicable != 0 {
                Some(Rating::NotApplicable)
            } else {
                rating.and_then(|r| u8::try_from(r).ok()).map(Rating::Value)
            };
            if let Some(value) = value {
                entry.answers.insert(code, value);
            }
        }
        let mut list: Vec<ValidatedAnswers> = by_assessment.into_values().collect();
        list.sort_by(|a, b| a.administration.cmp(&b.administration));
        Ok(list)
    }

    // ----- contributors --------------------------------------------------------

    pub async fn contributors(&self, assessment_id: i64) -> Result<Vec<Contributor>> {
        let rows = sqlx::query(
            "select c.user_id, u.email, u.name, c.sections, c.facilitator, r.valid_until \
             from assessment_contributors c join users u on u.id = c.user_id \
             left join expert_recognitions r on r.user_id = c.user_id \
             where c.assessment_id = $1 order by u.name",
        )
        .bind(assessment_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(contributor_from_row).collect()
    }

    /// Invites (or updates) a contributor or facilitator by e-mail.
    pub async fn set_contributor(
        &self,
        actor: &Actor,
        assessment: &Assessment,
        email: &gedhub_core::Email,
        sections: &[String],
        facilitator: bool,
    ) -> Result<Contributor> {
        let user = self
            .user_by_email(email)
            .await
            .map_err(|error| match error {
                StoreError::NotFound => ValidationError::new("email", "unknown_account").into(),
                other => other,
            })?;
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "insert into assessment_contributors (assessment_id, user_id, sections, facilitator, added_at) \
             values ($1, $2, $3, $4, $5) on conflict (assessment_id, user_id) do update set \
             sections = excluded.sections, facilitator = excluded.facilitator",
        )
        .bind(assessment.id)
        .bind(user.id.0)
        .bind(sections.join(","))
        .bind(i64::from(facilitator))
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        let contributor = Contributor {
            user_id: user.id,
            email: user.email.to_string(),
            name: user.name.clone(),
            sections: sections.to_vec(),
            facilitator,
            // The audit entry records the invitation, not the recognition.
            recognized_until: None,
        };
        tx.record(
            Change::new("invite", "assessment", assessment.id)
                .administration(assessment.administration.as_str())
                .after(snapshot(&contributor)),
        )
        .await?;
        tx.commit().await?;
        Ok(contributor)
    }

    pub async fn remove_contributor(
        &self,
        actor: &Actor,
        assessment: &Assessment,
        user_id: UserId,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let removed = sqlx::query(
            "delete from assessment_contributors where assessment_id = $1 and user_id = $2",
        )
        .bind(assessment.id)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.record(
            Change::new("remove_contributor", "assessment", assessment.id)
                .administration(assessment.administration.as_str())
                .before(serde_json::json!({ "user_id": user_id.0 })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ----- comments and attachments ------------------------------------------

    pub async fn add_comment(
        &self,
        actor: &Actor,
        author_name: &str,
        assessment: &Assessment,
        indicator_code: &str,
        body: &str,
    ) -> Result<Comment> {
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "insert into answer_comments (assessment_id, indicator_code, author_id, author_name, body, created_at) \
             values ($1, $2, $3, $4, $5, $6) returning id, indicator_code, author_name, body, created_at",
        )
        .bind(assessment.id)
        .bind(indicator_code.to_owned())
        .bind(actor.user_id.map(|id| id.0))
        .bind(author_name.to_owned())
        .bind(body.to_owned())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?;
        let comment = comment_from_row(&row)?;
        tx.record(
            Change::new(
                "comment",
                "assessment",
                format!("{}/{indicator_code}", assessment.id),
            )
            .administration(assessment.administration.as_str())
            .after(snapshot(&comment)),
        )
        .await?;
        tx.commit().await?;
        Ok(comment)
    }

    pub async fn comments(&self, assessment_id: i64) -> Result<Vec<Comment>> {
        let rows = sqlx::query(
            "select id, indicator_code, author_name, body, created_at from answer_comments \
             where assessment_id = $1 order by id",
        )
        .bind(assessment_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// Records an attachment whose bytes are already in the file store.
    pub async fn add_attachment(
        &self,
        actor: &Actor,
        assessment: &Assessment,
        attachment: &Attachment,
    ) -> Result<Attachment> {
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "insert into attachments (assessment_id, indicator_code, file_name, content_type, size_bytes, sha256, \
             storage_key, uploaded_by, uploaded_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        )
        .bind(assessment.id)
        .bind(attachment.indicator_code.clone())
        .bind(attachment.file_name.clone())
        .bind(attachment.content_type.clone())
        .bind(attachment.size_bytes)
        .bind(attachment.sha256.clone())
        .bind(attachment.storage_key.clone())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?;
        let mut stored = attachment.clone();
        stored.id = row.try_get("id")?;
        stored.uploaded_by = actor.label.clone();
        tx.record(
            Change::new(
                "attach",
                "assessment",
                format!("{}/{}", assessment.id, attachment.indicator_code),
            )
            .administration(assessment.administration.as_str())
            .after(snapshot(&stored)),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn attachments(&self, assessment_id: i64) -> Result<Vec<Attachment>> {
        let rows = sqlx::query(
            "select id, indicator_code, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at \
             from attachments where assessment_id = $1 order by id",
        )
        .bind(assessment_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Attachment {
                    id: row.try_get("id")?,
                    indicator_code: row.try_get("indicator_code")?,
                    file_name: row.try_get("file_name")?,
                    content_type: row.try_get("content_type")?,
                    size_bytes: row.try_get("size_bytes")?,
                    sha256: row.try_get("sha256")?,
                    storage_key: row.try_get("storage_key")?,
                    uploaded_by: row.try_get("uploaded_by")?,
                    uploaded_at: row.try_get("uploaded_at")?,
                })
            })
            .collect()
    }
}
