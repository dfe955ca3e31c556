//! Support to Members (issue 7): experts' profiles and availability,
//! Members' support requests, missions with their experts, the lead's
//! report, evaluations of co-facilitators and the Member's feedback.
//!
//! Tenancy: requests and missions belong to the administration they serve;
//! the web layer decides who may read them and passes the scope it checked.
//! Moves on the pathway that follow from a mission (assignment, positive
//! evaluation) are made by the web layer through `store::pathway`, which
//! reads its facts from here.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use gedhub_core::missions::SupportKind;
use gedhub_core::training::WorkshopMode;
use gedhub_core::{AdministrationCode, Scope, UserId, ValidationError};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::agenda::RubricScores;
use crate::audit::{Change, snapshot};
use crate::plans::date_to_db;
use crate::scope::ScopeFilter;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// An expert's profile as they keep it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpertProfile {
    pub user_id: UserId,
    pub bio: String,
    /// Language codes (`en`, `fr`, …).
    pub languages: Vec<String>,
    /// GED expertise area codes (`P1` … `P6`, `CC`, `SS`).
    pub areas: Vec<String>,
    pub max_missions_per_year: u32,
    pub updated_at: String,
}

/// A period an expert cannot deliver.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unavailability {
    pub id: i64,
    pub user_id: UserId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: String,
}

/// What a focal point asks for.
#[derive(Debug, Clone)]
pub struct NewSupportRequest {
    pub administration: AdministrationCode,
    pub kind: SupportKind,
    pub language: String,
    pub mode: WorkshopMode,
    pub preferred_from: Option<NaiveDate>,
    pub preferred_to: Option<NaiveDate>,
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportRequest {
    pub id: i64,
    pub administration: String,
    pub kind: SupportKind,
    pub language: String,
    pub mode: WorkshopMode,
    pub preferred_from: Option<String>,
    pub preferred_to: Option<String>,
    pub context: String,
    /// `submitted`, `accepted` (a mission was created) or `declined`.
    pub status: String,
    /// The Secretariat's answer when declined.
    pub answer: String,
    pub requested_by: String,
    pub requested_at: String,
}

#[derive(Debug, Clone)]
pub struct NewMission {
    pub request_id: Option<i64>,
    pub administration: AdministrationCode,
    pub kind: SupportKind,
    pub mode: WorkshopMode,
    pub language: String,
    pub areas: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub agenda: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mission {
    pub id: i64,
    pub request_id: Option<i64>,
    pub administration: String,
    pub kind: SupportKind,
    pub mode: WorkshopMode,
    pub language: String,
    pub areas: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub agenda: String,
    /// `planned`, `delivered` or `cancelled`.
    pub status: String,
    pub report: String,
    pub recommendations: String,
    pub reported_at: Option<String>,
    /// The Member's rating, 1–5.
    pub member_rating: Option<u8>,
    pub member_comment: String,
}

/// `lead` or `co_facilitator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Lead,
    CoFacilitator,
}

impl MemberRole {
    /// A co-facilitator delivers under supervision: the pathway step that
    /// leads an invited candidate to recognition.
    pub fn is_co_facilitator(self) -> bool {
        self == MemberRole::CoFacilitator
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Lead => "lead",
            MemberRole::CoFacilitator => "co_facilitator",
        }
    }

    pub fn parse(code: &str) -> std::result::Result<Self, ValidationError> {
        match code {
            "lead" => Ok(MemberRole::Lead),
            "co_facilitator" => Ok(MemberRole::CoFacilitator),
            _ => Err(ValidationError::new("role", "unknown_mission_role")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissionMember {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: MemberRole,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissionEvaluation {
    pub user_id: UserId,
    pub rubric: RubricScores,
    pub positive: bool,
    pub comment: String,
    pub evaluated_by: String,
    pub evaluated_at: String,
}

/// The columns `mission_from_row` reads, then `$tail`.
macro_rules! mission_select {
    ($tail:literal) => {
        concat!(
            "select id, request_id, administration_code, kind, mode, language, areas, start_date, end_date, ",
            "agenda, status, report, recommendations, reported_at, member_rating, member_comment from missions ",
            $tail
        )
    };
}

/// The columns `request_from_row` reads, then `$tail`.
macro_rules! request_select {
    ($tail:literal) => {
        concat!(
            "select id, administration_code, kind, language, mode, preferred_from, preferred_to, ",
            "context, status, answer, requested_by, requested_at from support_requests ",
            $tail
        )
    };
}

fn split_codes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn date_from(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Invalid(ValidationError::new("date", "invalid_date")))
}

fn mode_from(code: &str) -> Result<WorkshopMode> {
    Ok(WorkshopMode::parse(code)?)
}

impl Store {
    pub async fn expert_profile(&self, user_id: UserId) -> Result<Option<ExpertProfile>> {
        let row = sqlx::query(
            "select user_id, bio, languages, areas, max_missions_per_year, updated_at \
             from expert_profiles where user_id = $1",
        )
        .bind(user_id.0)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(profile_from_row).transpose()
    }

    pub async fn expert_profiles(&self) -> Result<Vec<ExpertProfile>> {
        let rows = sqlx::query(
            "select user_id, bio, languages, areas, max_missions_per_year, updated_at \
             from expert_profiles order by user_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(profile_from_row).collect()
    }

    /// Creates or replaces an expert's profile (values checked by the
    /// caller with `core::missions`).
    pub async fn save_expert_profile(
        &self,
        actor: &Actor,
        user_id: UserId,
        bio: &str,
        languages: &[String],
        areas: &[String],
        max_missions_per_year: u32,
    ) -> Result<ExpertProfile> {
        let mut tx = self.begin_audited(actor).await?;
        let before = sqlx::query("select bio from expert_profiles where user_id = $1")
            .bind(user_id.0)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        sqlx::query("delete from expert_profiles where user_id = $1")
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        let profile = ExpertProfile {
            user_id,
            bio: bio.trim().to_owned(),
            languages: languages.to_vec(),
            areas: areas.to_vec(),
            max_missions_per_year,
            updated_at: Timestamp::now().to_db(),
        };
        sqlx::query(
            "insert into expert_profiles (user_id, bio, languages, areas, max_missions_per_year, updated_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user_id.0)
        .bind(profile.bio.clone())
        .bind(profile.languages.join(","))
        .bind(profile.areas.join(","))
        .bind(i64::from(max_missions_per_year))
        .bind(profile.updated_at.clone())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if before { "update" } else { "create" },
                "expert_profile",
                user_id.0,
            )
            .after(snapshot(&profile)),
        )
        .await?;
        tx.commit().await?;
        Ok(profile)
    }

    /// Every unavailability period, or one expert's.
    pub async fn unavailability(&self, user_id: Option<UserId>) -> Result<Vec<Unavailability>> {
        let rows = match user_id {
            Some(user) => {
                sqlx::query(
                    "select id, user_id, from_date, to_date, note from expert_unavailability \
                     where user_id = $1 order by from_date, id",
                )
                .bind(user.0)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query(
                    "select id, user_id, from_date, to_date, note from expert_unavailability \
                     order by from_date, id",
                )
                .fetch_all(self.pool())
                .await?
            }
        };
        rows.iter()
            .map(|row| {
                let from: String = row.try_get(2)?;
                let to: String = row.try_get(3)?;
                Ok(Unavailability {
                    id: row.try_get(0)?,
                    user_id: UserId(row.try_get(1)?),
                    from: date_from(&from)?,
                    to: date_from(&to)?,
                    note: row.try_get(4)?,
                })
            })
            .collect()
    }

    pub async fn add_unavailability(
        &self,
        actor: &Actor,
        user_id: UserId,
        from: NaiveDate,
        to: NaiveDate,
        note: &str,
    ) -> Result<i64> {
        if to < from {
            return Err(ValidationError::new("to_date", "end_before_start").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let id: i64 = sqlx::query(
            "insert into expert_unavailability (user_id, from_date, to_date, note) \
             values ($1, $2, $3, $4) returning id",
        )
        .bind(user_id.0)
        .bind(date_to_db(from))
        .bind(date_to_db(to))
        .bind(note.trim().to_owned())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        tx.record(
            Change::new("create", "expert_unavailability", id)
                .after(serde_json::json!({ "user_id": user_id, "from": from, "to": to })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes one of `user_id`'s periods. `Ok(false)` when there is no
    /// such period of theirs (already removed, or another's: nothing is
    /// said about those), so removing twice is harmless.
    pub async fn remove_unavailability(
        &self,
        actor: &Actor,
        user_id: UserId,
        id: i64,
    ) -> Result<bool> {
        let mut tx = self.begin_audited(actor).await?;
        let removed =
            sqlx::query("delete from expert_unavailability where id = $1 and user_id = $2")
                .bind(id)
                .bind(user_id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if removed == 0 {
            return Ok(false);
        }
        tx.record(
            Change::new("delete", "expert_unavailability", id)
                .before(serde_json::json!({ "user_id": user_id })),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn create_support_request(
        &self,
        actor: &Actor,
        request: &NewSupportRequest,
    ) -> Result<SupportRequest> {
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let id: i64 = sqlx::query(
            "insert into support_requests (administration_code, kind, language, mode, preferred_from, \
             preferred_to, context, status, answer, requested_by, requested_at) \
             values ($1, $2, $3, $4, $5, $6, $7, 'submitted', '', $8, $9) returning id",
        )
        .bind(request.administration.to_string())
        .bind(request.kind.as_str())
        .bind(request.language.clone())
        .bind(request.mode.as_str())
        .bind(request.preferred_from.map(date_to_db))
        .bind(request.preferred_to.map(date_to_db))
        .bind(request.context.trim().to_owned())
        .bind(actor.label.clone())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let created = support_request_in(&mut tx, id).await?;
        tx.record(
            Change::new("create", "support_request", id)
                .administration(created.administration.as_str())
                .after(snapshot(&created)),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// The requests of the administrations in `scope`, newest first.
    pub async fn support_requests(&self, scope: &Scope) -> Result<Vec<SupportRequest>> {
        let filter = ScopeFilter::new(scope, "administration_code", 1);
        let sql = format!(
            "{} where {} order by id desc",
            request_select!(""),
            filter.condition
        );
        let rows = filter
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(request_from_row).collect()
    }

    pub async fn support_request(&self, id: i64) -> Result<SupportRequest> {
        let mut connection = self.pool().acquire().await?;
        support_request_in(&mut connection, id).await
    }

    /// Declines a submitted request with an answer the Member reads.
    pub async fn decline_support_request(
        &self,
        actor: &Actor,
        id: i64,
        answer: &str,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let before = support_request_in(&mut tx, id).await?;
        if before.status != "submitted" {
            return Err(StoreError::Conflict("request_already_answered"));
        }
        sqlx::query("update support_requests set status = 'declined', answer = $1 where id = $2")
            .bind(answer.trim().to_owned())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new("decline", "support_request", id)
                .administration(before.administration.as_str())
                .before(snapshot(&before))
                .after(serde_json::json!({ "status": "declined", "answer": answer.trim() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a mission; a request it answers becomes `accepted`.
    pub async fn create_mission(&self, actor: &Actor, mission: &NewMission) -> Result<Mission> {
        if mission.end < mission.start {
            return Err(ValidationError::new("end_date", "end_before_start").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        if let Some(request_id) = mission.request_id {
            let request = support_request_in(&mut tx, request_id).await?;
            if request.administration != mission.administration.to_string() {
                return Err(ValidationError::new(
                    "request_id",
                    "request_of_another_administration",
                )
                .into());
            }
            if request.status != "submitted" {
                return Err(StoreError::Conflict("request_already_answered"));
            }
            sqlx::query("update support_requests set status = 'accepted' where id = $1")
                .bind(request_id)
                .execute(&mut *tx)
                .await?;
        }
        let id: i64 = sqlx::query(
            "insert into missions (request_id, administration_code, kind, mode, language, areas, start_date, \
             end_date, agenda, status, report, recommendations, member_comment, created_by, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'planned', '', '', '', $10, $11) returning id",
        )
        .bind(mission.request_id)
        .bind(mission.administration.to_string())
        .bind(mission.kind.as_str())
        .bind(mission.mode.as_str())
        .bind(mission.language.clone())
        .bind(mission.areas.join(","))
        .bind(date_to_db(mission.start))
        .bind(date_to_db(mission.end))
        .bind(mission.agenda.trim().to_owned())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let created = mission_in(&mut tx, id).await?;
        tx.record(
            Change::new("create", "mission", id)
                .administration(created.administration.as_str())
                .after(snapshot(&created)),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    pub async fn missions(&self) -> Result<Vec<Mission>> {
        let rows = sqlx::query(mission_select!("order by start_date desc, id desc"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(mission_from_row).collect()
    }

    pub async fn mission(&self, id: i64) -> Result<Mission> {
        let mut connection = self.pool().acquire().await?;
        mission_in(&mut connection, id).await
    }

    pub async fn mission_members(&self, mission_id: i64) -> Result<Vec<MissionMember>> {
        let rows = sqlx::query(
            "select m.user_id, u.email, u.name, m.role from mission_members m \
             join users u on u.id = m.user_id where m.mission_id = $1 order by m.role desc, u.name",
        )
        .bind(mission_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let role: String = row.try_get(3)?;
                Ok(MissionMember {
                    user_id: UserId(row.try_get(0)?),
                    email: row.try_get(1)?,
                    name: row.try_get(2)?,
                    role: MemberRole::parse(&role)?,
                })
            })
            .collect()
    }

    /// Adds an expert to a mission. One lead per mission (a new lead
    /// replaces the previous one); a person has one role per mission.
    pub async fn add_mission_member(
        &self,
        actor: &Actor,
        mission: &Mission,
        user_id: UserId,
        role: MemberRole,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let user_role: Option<String> = sqlx::query("select role from users where id = $1")
            .bind(user_id.0)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
        match user_role.as_deref() {
            None => return Err(StoreError::NotFound),
            Some("expert" | "participant") => {}
            Some(_) => return Err(StoreError::Conflict("not_a_candidate")),
        }
        if role == MemberRole::Lead {
            sqlx::query("delete from mission_members where mission_id = $1 and role = 'lead'")
                .bind(mission.id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("delete from mission_members where mission_id = $1 and user_id = $2")
            .bind(mission.id)
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("insert into mission_members (mission_id, user_id, role) values ($1, $2, $3)")
            .bind(mission.id)
            .bind(user_id.0)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
        tx.record(
            Change::new(
                "assign",
                "mission_member",
                format!("{}/{}", mission.id, user_id.0),
            )
            .administration(mission.administration.as_str())
            .after(serde_json::json!({ "role": role })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The lead's report: the mission is then `delivered`.
    pub async fn save_mission_report(
        &self,
        actor: &Actor,
        mission: &Mission,
        report: &str,
        recommendations: &str,
    ) -> Result<()> {
        if mission.status == "cancelled" {
            return Err(StoreError::Conflict("mission_cancelled"));
        }
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "update missions set report = $1, recommendations = $2, reported_at = $3, status = 'delivered' \
             where id = $4",
        )
        .bind(report.trim().to_owned())
        .bind(recommendations.trim().to_owned())
        .bind(Timestamp::now().to_db())
        .bind(mission.id)
        .execute(&mut *tx)
        .await?;
        tx.record(Change::new("report", "mission", mission.id).administration(mission.administration.as_str()).after(serde_json::json!({ "report": report.trim(), "recommendations": recommendations.trim() }))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records (or replaces) the evaluation of a co-facilitator.
    pub async fn save_mission_evaluation(
        &self,
        actor: &Actor,
        mission: &Mission,
        user_id: UserId,
        rubric: &RubricScores,
        positive: bool,
        comment: &str,
    ) -> Result<()> {
        let mut tx = self.begin_audited(actor).await?;
        let role: Option<String> =
            sqlx::query("select role from mission_members where mission_id = $1 and user_id = $2")
                .bind(mission.id)
                .bind(user_id.0)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get(0))
                .transpose()?;
        if role.as_deref() != Some("co_facilitator") {
            return Err(StoreError::Conflict("not_a_co_facilitator"));
        }
        sqlx::query("delete from mission_evaluations where mission_id = $1 and user_id = $2")
            .bind(mission.id)
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        let scores = serde_json::json!({ "scores": rubric.scores, "comments": rubric.comments });
        sqlx::query(
            "insert into mission_evaluations (mission_id, user_id, scores, positive, comment, evaluated_by, evaluated_at) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(mission.id)
        .bind(user_id.0)
        .bind(scores.to_string())
        .bind(i64::from(positive))
        .bind(comment.trim().to_owned())
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                "evaluate",
                "mission_evaluation",
                format!("{}/{}", mission.id, user_id.0),
            )
            .administration(mission.administration.as_str())
            .after(serde_json::json!({ "scores": scores, "positive": positive })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn mission_evaluations(&self, mission_id: i64) -> Result<Vec<MissionEvaluation>> {
        let rows = sqlx::query(
            "select user_id, scores, positive, comment, evaluated_by, evaluated_at \
             from mission_evaluations where mission_id = $1 order by user_id",
        )
        .bind(mission_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(evaluation_from_row).collect()
    }

    /// The Member's feedback on a delivered mission (1–5 and a comment).
    pub async fn save_member_feedback(
        &self,
        actor: &Actor,
        mission: &Mission,
        rating: u8,
        comment: &str,
    ) -> Result<()> {
        if !(1..=5).contains(&rating) {
            return Err(ValidationError::new("rating", "rating_out_of_range").into());
        }
        if mission.status != "delivered" {
            return Err(StoreError::Conflict("mission_not_delivered"));
        }
        let mut tx = self.begin_audited(actor).await?;
        sqlx::query(
            "update missions set member_rating = $1, member_comment = $2, feedback_at = $3 where id = $4",
        )
        .bind(i64::from(rating))
        .bind(comment.trim().to_owned())
        .bind(Timestamp::now().to_db())
        .bind(mission.id)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new("feedback", "mission", mission.id)
                .administration(mission.administration.as_str())
                .after(serde_json::json!({ "rating": rating, "comment": comment.trim() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Each person's missions (not cancelled) by their start year, and as
    /// co-facilitator at all, and with a positive evaluation: the facts the
    /// pathway and the matching read.
    pub async fn mission_facts(&self) -> Result<HashMap<UserId, MissionFacts>> {
        let rows = sqlx::query(
            "select m.user_id, m.role, s.start_date, s.status, \
             (select count(*) from mission_evaluations e where e.mission_id = m.mission_id \
              and e.user_id = m.user_id and e.positive = 1) \
             from mission_members m join missions s on s.id = m.mission_id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut facts: HashMap<UserId, MissionFacts> = HashMap::new();
        for row in &rows {
            let user = UserId(row.try_get(0)?);
            let role: String = row.try_get(1)?;
            let start: String = row.try_get(2)?;
            let status: String = row.try_get(3)?;
            let positive: i64 = row.try_get(4)?;
            if status == "cancelled" {
                continue;
            }
            let entry = facts.entry(user).or_default();
            let year = date_from(&start)?.year();
            match entry.by_year.iter_mut().find(|(y, _)| *y == year) {
                Some((_, n)) => *n += 1,
                None => entry.by_year.push((year, 1)),
            }
            if role == "co_facilitator" {
                entry.co_facilitated = true;
            }
            if positive > 0 {
                entry.positively_evaluated = true;
            }
            if status == "delivered" {
                entry.delivered_starts.push(start);
            }
        }
        Ok(facts)
    }
}

/// A document of a mission (its bytes are in the file store).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissionDocument {
    pub id: i64,
    pub mission_id: i64,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    #[serde(skip)]
    pub storage_key: String,
    pub added_by: String,
    pub added_at: String,
}

impl Store {
    /// Records a document whose bytes the caller put in the file store.
    pub async fn add_mission_document(
        &self,
        actor: &Actor,
        mission: &Mission,
        document: &MissionDocument,
    ) -> Result<MissionDocument> {
        let title = document.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(ValidationError::new("title", "too_long").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let now = Timestamp::now().to_db();
        let id: i64 = sqlx::query(
            "insert into mission_documents (mission_id, title, file_name, content_type, size_bytes, storage_key, \
             added_by, added_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(mission.id)
        .bind(title.to_owned())
        .bind(document.file_name.clone())
        .bind(document.content_type.clone())
        .bind(document.size_bytes)
        .bind(document.storage_key.clone())
        .bind(actor.label.clone())
        .bind(now.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let stored = MissionDocument {
            id,
            mission_id: mission.id,
            title: title.to_owned(),
            added_by: actor.label.clone(),
            added_at: now,
            ..document.clone()
        };
        tx.record(
            Change::new("create", "mission_document", id)
                .administration(mission.administration.as_str())
                .after(snapshot(&stored)),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// A mission's documents, oldest first.
    pub async fn mission_documents(&self, mission_id: i64) -> Result<Vec<MissionDocument>> {
        let rows = sqlx::query(
            "select id, mission_id, title, file_name, content_type, size_bytes, storage_key, added_by, added_at \
             from mission_documents where mission_id = $1 order by id",
        )
        .bind(mission_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(document_from_row).collect()
    }

    /// One document of this mission (another mission's: not found).
    pub async fn mission_document(&self, mission_id: i64, id: i64) -> Result<MissionDocument> {
        let row = sqlx::query(
            "select id, mission_id, title, file_name, content_type, size_bytes, storage_key, added_by, added_at \
             from mission_documents where mission_id = $1 and id = $2",
        )
        .bind(mission_id)
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        document_from_row(&row)
    }
}

fn document_from_row(row: &AnyRow) -> Result<MissionDocument> {
    Ok(MissionDocument {
        id: row.try_get(0)?,
        mission_id: row.try_get(1)?,
        title: row.try_get(2)?,
        file_name: row.try_get(3)?,
        content_type: row.try_get(4)?,
        size_bytes: row.try_get(5)?,
        storage_key: row.try_get(6)?,
        added_by: row.try_get(7)?,
        added_at: row.try_get(8)?,
    })
}

/// What a person's missions tell the pathway and the matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MissionFacts {
    /// (year, missions starting that year).
    pub by_year: Vec<(i32, u32)>,
    pub co_facilitated: bool,
    pub positively_evaluated: bool,
    /// Start dates (`YYYY-MM-DD`) of delivered missions.
    pub delivered_starts: Vec<String>,
}

async fn mission_in(connection: &mut sqlx::AnyConnection, id: i64) -> Result<Mission> {
    let row = sqlx::query(mission_select!("where id = $1"))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    mission_from_row(&row)
}

fn mission_from_row(row: &AnyRow) -> Result<Mission> {
    let kind: String = row.try_get(3)?;
    let mode: String = row.try_get(4)?;
    let areas: String = row.try_get(6)?;
    let start: String = row.try_get(7)?;
    let end: String = row.try_get(8)?;
    let rating: Option<i64> = row.try_get(14)?;
    Ok(Mission {
        id: row.try_get(0)?,
        request_id: row.try_get(1)?,
        administration: row.try_get(2)?,
        kind: SupportKind::parse(&kind)?,
        mode: mode_from(&mode)?,
        language: row.try_get(5)?,
        areas: split_codes(&areas),
        start: date_from(&start)?,
        end: date_from(&end)?,
        agenda: row.try_get(9)?,
        status: row.try_get(10)?,
        report: row.try_get(11)?,
        recommendations: row.try_get(12)?,
        reported_at: row.try_get(13)?,
        member_rating: rating.and_then(|r| u8::try_from(r).ok()),
        member_comment: row.try_get(15)?,
    })
}

async fn support_request_in(
    connection: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<SupportRequest> {
    let row = sqlx::query(request_select!("where id = $1"))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(StoreError::NotFound)?;
    request_from_row(&row)
}

fn request_from_row(row: &AnyRow) -> Result<SupportRequest> {
    let kind: String = row.try_get(2)?;
    let mode: String = row.try_get(4)?;
    Ok(SupportRequest {
        id: row.try_get(0)?,
        administration: row.try_get(1)?,
        kind: SupportKind::parse(&kind)?,
        language: row.try_get(3)?,
        mode: mode_from(&mode)?,
        preferred_from: row.try_get(5)?,
        preferred_to: row.try_get(6)?,
        context: row.try_get(7)?,
        status: row.try_get(8)?,
        answer: row.try_get(9)?,
        requested_by: row.try_get(10)?,
        requested_at: row.try_get(11)?,
    })
}

fn profile_from_row(row: &AnyRow) -> Result<ExpertProfile> {
    let languages: String = row.try_get(2)?;
    let areas: String = row.try_get(3)?;
    let max: i64 = row.try_get(4)?;
    Ok(ExpertProfile {
        user_id: UserId(row.try_get(0)?),
        bio: row.try_get(1)?,
        languages: split_codes(&languages),
        areas: split_codes(&areas),
        max_missions_per_year: u32::try_from(max).unwrap_or(0),
        updated_at: row.try_get(5)?,
    })
}

fn evaluation_from_row(row: &AnyRow) -> Result<MissionEvaluation> {
    #[derive(serde::Deserialize)]
    struct Stored {
        scores: [i64; 4],
        comments: [String; 4],
    }
    let scores: String = row.try_get(1)?;
    let stored: Stored = serde_json::from_str(&scores)
        .map_err(|_| StoreError::Invalid(ValidationError::new("scores", "invalid_rubric")))?;
    let positive: i64 = row.try_get(2)?;
    Ok(MissionEvaluation {
        user_id: UserId(row.try_get(0)?),
        rubric: RubricScores::new(stored.scores, stored.comments)?,
        positive: positive != 0,
        comment: row.try_get(3)?,
        evaluated_by: row.try_get(4)?,
        evaluated_at: row.try_get(5)?,
    })
}
