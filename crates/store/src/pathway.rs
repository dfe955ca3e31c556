//! The pathway to Recognized GED Expert (issue 7): each person's recorded
//! moves, the Secretariat's settings and stage labels.
//!
//! The rules (which moves exist, what they require) live in
//! [`gedhub_core::pathway`]; the web layer gathers the facts and decides.
//! This module records a decided move atomically with its consequences: a
//! move to `recognized` records the recognition (and makes a participant
//! account an expert account); a move to `withdrawn` ends it.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_core::UserId;
use gedhub_core::pathway::{Settings, Stage, Weights};
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Change};
use crate::experts::valid_until;
use crate::notifications::{NewEmail, NewNotification, deliver_in};
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// One recorded move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathwayEvent {
    pub id: i64,
    pub user_id: UserId,
    pub from: Stage,
    pub to: Stage,
    /// Why (required for overrides; optional otherwise).
    pub reason: String,
    /// Prerequisite codes the Secretariat waived with this move.
    pub overridden: Vec<String>,
    /// The facts read when the move was made (JSON).
    pub evidence: serde_json::Value,
    /// Who made the move (e-mail or `system`).
    pub recorded_by: String,
    pub recorded_at: String,
}

/// A move the web layer decided to make.
#[derive(Debug, Clone)]
pub struct NewTransition {
    pub user_id: UserId,
    /// The stage the decision was made from: if another move landed in the
    /// meantime, the store refuses (`stage_changed`) rather than record a
    /// move from a stage the person is no longer at.
    pub from: Stage,
    pub to: Stage,
    pub reason: String,
    pub overridden: Vec<String>,
    pub evidence: serde_json::Value,
    /// The day of the move, for a recognition's dates.
    pub on: NaiveDate,
    /// Told to the person (and others) with the move, in its transaction.
    pub notifications: Vec<NewNotification>,
    pub emails: Vec<NewEmail>,
}

impl Store {
    /// A person's recorded stage (`nominated` when nothing is recorded).
    pub async fn pathway_stage(&self, user_id: UserId) -> Result<Stage> {
        let mut connection = self.pool().acquire().await?;
        stage_in(&mut connection, user_id).await
    }

    /// Everyone's recorded stage, for those with at least one move.
    pub async fn pathway_stages(&self) -> Result<HashMap<UserId, Stage>> {
        let rows = sqlx::query(
            "select e.user_id, e.to_stage from pathway_events e \
             where e.id = (select max(id) from pathway_events l where l.user_id = e.user_id)",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let stage: String = row.try_get(1)?;
                Ok((UserId(row.try_get(0)?), parse_stage(&stage)?))
            })
            .collect()
    }

    /// A person's moves, oldest first.
    pub async fn pathway_history(&self, user_id: UserId) -> Result<Vec<PathwayEvent>> {
        let rows = sqlx::query(
            "select id, user_id, from_stage, to_stage, reason, overridden, evidence, recorded_by, recorded_at \
             from pathway_events where user_id = $1 order by id",
        )
        .bind(user_id.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Records a decided move with its consequences, all or nothing.
    pub async fn record_transition(
        &self,
        actor: &Actor,
        transition: NewTransition,
    ) -> Result<PathwayEvent> {
        let mut tx = self.begin_audited(actor).await?;
        let user: Option<(String, Option<String>)> =
            sqlx::query("select role, administration_code from users where id = $1")
                .bind(transition.user_id.0)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| Ok::<_, StoreError>((row.try_get(0)?, row.try_get(1)?)))
                .transpose()?;
        let Some((role, administration)) = user else {
            return Err(StoreError::NotFound);
        };
        if role != "expert" && role != "participant" {
            return Err(StoreError::Conflict("not_a_candidate"));
        }
        if stage_in(&mut tx, transition.user_id).await? != transition.from {
            return Err(StoreError::Conflict("stage_changed"));
        }
        let now = Timestamp::now().to_db();
        let row = sqlx::query(
            "insert into pathway_events (user_id, from_stage, to_stage, reason, overridden, evidence, recorded_by, recorded_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(transition.user_id.0)
        .bind(transition.from.as_str())
        .bind(transition.to.as_str())
        .bind(transition.reason.clone())
        .bind(transition.overridden.join(","))
        .bind(transition.evidence.to_string())
        .bind(actor.label.clone())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?;
        let event = PathwayEvent {
            id: row.try_get(0)?,
            user_id: transition.user_id,
            from: transition.from,
            to: transition.to,
            reason: transition.reason,
            overridden: transition.overridden,
            evidence: transition.evidence,
            recorded_by: actor.label.clone(),
            recorded_at: now.clone(),
        };
        match transition.to {
            Stage::Recognized => {
                // A participant recognized as expert gets an expert account:
                // recognitions belong to experts (see `record_recognition`).
                if role == "participant" {
                    sqlx::query("update users set role = 'expert' where id = $1")
                        .bind(transition.user_id.0)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("delete from expert_recognitions where user_id = $1")
                    .bind(transition.user_id.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "insert into expert_recognitions (user_id, recognized_on, valid_until, recorded_by, recorded_at) \
                     values ($1, $2, $3, $4, $5)",
                )
                .bind(transition.user_id.0)
                .bind(transition.on.format("%Y-%m-%d").to_string())
                .bind(valid_until(transition.on).format("%Y-%m-%d").to_string())
                .bind(actor.label.clone())
                .bind(now.clone())
                .execute(&mut *tx)
                .await?;
            }
            Stage::Withdrawn => {
                sqlx::query("delete from expert_recognitions where user_id = $1")
                    .bind(transition.user_id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            _ => {}
        }
        deliver_in(&mut tx, &transition.notifications, &transition.emails, &now).await?;
        tx.record(
            Change::new("transition", "pathway", transition.user_id.0)
                .administration(administration.as_deref())
                .before(serde_json::json!({ "stage": event.from }))
                .after(audit::snapshot(&event)),
        )
        .await?;
        tx.commit().await?;
        Ok(event)
    }

    /// The pathway settings (the defaults until the Secretariat saves some).
    pub async fn pathway_settings(&self) -> Result<Settings> {
        let row = sqlx::query(
            "select trained_post_test_pct, weight_post_test, weight_knowledge_gain, weight_attendance, \
             weight_exercises, weight_rubric from pathway_settings where id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(Settings::default());
        };
        Ok(Settings {
            trained_post_test_pct: row.try_get(0)?,
            weights: Weights {
                post_test: row.try_get(1)?,
                knowledge_gain: row.try_get(2)?,
                attendance: row.try_get(3)?,
                exercises: row.try_get(4)?,
                rubric: row.try_get(5)?,
            },
        })
    }

    pub async fn save_pathway_settings(&self, actor: &Actor, settings: &Settings) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let before = sqlx::query("select trained_post_test_pct from pathway_settings where id = 1")
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        sqlx::query("delete from pathway_settings where id = 1")
            .execute(&mut *tx)
            .await?;
        let w = &settings.weights;
        sqlx::query(
            "insert into pathway_settings (id, trained_post_test_pct, weight_post_test, weight_knowledge_gain, \
             weight_attendance, weight_exercises, weight_rubric) values (1, $1, $2, $3, $4, $5, $6)",
        )
        .bind(settings.trained_post_test_pct)
        .bind(w.post_test)
        .bind(w.knowledge_gain)
        .bind(w.attendance)
        .bind(w.exercises)
        .bind(w.rubric)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before { "update" } else { "create" },
                "pathway_settings",
                "1".to_owned(),
            )
            .after(audit::snapshot(settings)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The Secretariat's stage labels: (stage, language) → label.
    pub async fn pathway_labels(&self) -> Result<HashMap<(Stage, String), String>> {
        let rows = sqlx::query("select stage, language, label from pathway_labels")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                let stage: String = row.try_get(0)?;
                Ok(((parse_stage(&stage)?, row.try_get(1)?), row.try_get(2)?))
            })
            .collect()
    }

    /// Sets (or, with a blank label, removes) a stage's label in a language.
    pub async fn set_pathway_label(
        &self,
        actor: &Actor,
        stage: Stage,
        language: &str,
        label: &str,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query("delete from pathway_labels where stage = $1 and language = $2")
            .bind(stage.as_str())
            .bind(language.to_owned())
            .execute(&mut *tx)
            .await?;
        let label = label.trim();
        if !label.is_empty() {
            sqlx::query("insert into pathway_labels (stage, language, label) values ($1, $2, $3)")
                .bind(stage.as_str())
                .bind(language.to_owned())
                .bind(label.to_owned())
                .execute(&mut *tx)
                .await?;
        }
        tx.record(
            Change::new("update", "pathway_label", format!("{stage}/{language}"))
                .after(serde_json::json!({ "label": label })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn stage_in(connection: &mut sqlx::AnyConnection, user_id: UserId) -> Result<Stage> {
    let stage: Option<String> = sqlx::query(
        "select to_stage from pathway_events where user_id = $1 order by id desc limit 1",
    )
    .bind(user_id.0)
    .fetch_optional(&mut *connection)
    .await?
    .map(|row| row.try_get(0))
    .transpose()?;
    stage.map_or(Ok(Stage::Nominated), |code| parse_stage(&code))
}

fn parse_stage(code: &str) -> Result<Stage> {
    Ok(Stage::parse(code)?)
}

fn event_from_row(row: &sqlx::any::AnyRow) -> Result<PathwayEvent> {
    let from: String = row.try_get(2)?;
    let to: String = row.try_get(3)?;
    let overridden: String = row.try_get(5)?;
    let evidence: String = row.try_get(6)?;
    Ok(PathwayEvent {
        id: row.try_get(0)?,
        user_id: UserId(row.try_get(1)?),
        from: parse_stage(&from)?,
        to: parse_stage(&to)?,
        reason: row.try_get(4)?,
        overridden: overridden
            .split(',')
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        evidence: serde_json::from_str(&evidence).unwrap_or(serde_json::Value::Null),
        recorded_by: row.try_get(7)?,
        recorded_at: row.try_get(8)?,
    })
}
