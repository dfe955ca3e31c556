//! Action plans and their monitoring: objectives, actions, indicators and
//! measurements (issue 4). The rules (progress, status, overdue, reminders)
//! are in `gedhub_core::monitoring`; this module keeps the data.
//!
//! Policy:
//! - a plan belongs to one administration; every read takes the caller's
//!   [`Scope`] and answers `NotFound` outside it, and every child (objective,
//!   action, indicator, measurement) is reached through its plan;
//! - indicator definitions arrive validated ([`IndicatorDefinition`]) and are
//!   validated again when read back, so a row edited by hand cannot feed the
//!   progress rules a division by zero;
//! - a measurement is never updated in place: a second value for the same
//!   indicator and date is a correction, stored as a new row that supersedes
//!   the old one (`superseded_by`), so the history stays readable.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_core::monitoring::{
    ActionStatus, IndicatorDefinition, Milestone, NewIndicator, PlanStatus, Source,
};
use gedhub_core::{AdministrationCode, Scope, UserId, ValidationError};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{AuditedTx, Change, snapshot};
use crate::scope::ScopeFilter;
use crate::{Actor, Result, Store, StoreError};

/// Longest accepted title of a plan, objective or action, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest accepted free text (progress notes, comments), in characters.
pub use gedhub_core::monitoring::MAX_TEXT_CHARS;

/// An action plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: i64,
    pub administration: AdministrationCode,
    /// The validated assessment the plan was built from, if any.
    pub assessment_id: Option<i64>,
    pub title: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// The person or unit that owns the plan, as written.
    pub owner: String,
    /// The account that receives the plan's reminders.
    pub owner_user_id: Option<UserId>,
    pub status: PlanStatus,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A plan as submitted.
#[derive(Debug, Clone, Default)]
pub struct NewPlan {
    pub assessment_id: Option<i64>,
    pub title: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub owner: String,
    pub owner_user_id: Option<UserId>,
    /// Objectives to create with the plan (e.g. one per ticked gap).
    pub objectives: Vec<NewObjective>,
}

/// The editable details of a plan.
#[derive(Debug, Clone, Default)]
pub struct PlanDetails {
    pub title: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub owner: String,
}

/// An objective as submitted: a title and the GEOAT indicator codes (gaps)
/// it addresses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewObjective {
    pub title: String,
    pub indicator_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub id: i64,
    pub plan_id: i64,
    pub title: String,
    /// GEOAT indicator codes this objective addresses, sorted.
    pub indicator_codes: Vec<String>,
}

/// An action as submitted.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub objective_id: i64,
    pub title: String,
    pub responsible: String,
    pub responsible_user_id: Option<UserId>,
    pub start_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    pub budget_amount: Option<f64>,
    pub budget_currency: Option<String>,
    pub status: ActionStatus,
    pub progress_notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub id: i64,
    pub plan_id: i64,
    pub objective_id: i64,
    pub title: String,
    pub responsible: String,
    pub responsible_user_id: Option<UserId>,
    pub start_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    pub budget_amount: Option<f64>,
    pub budget_currency: Option<String>,
    pub status: ActionStatus,
    pub progress_notes: String,
    pub updated_at: String,
}

/// What the responsible person reports on an action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionUpdate {
    pub status: ActionStatus,
    pub progress_notes: String,
}

/// An M&E indicator of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanIndicator {
    pub id: i64,
    pub plan_id: i64,
    pub objective_id: Option<i64>,
    pub definition: IndicatorDefinition,
}

/// One stored measurement row, current or superseded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMeasurement {
    pub id: i64,
    pub indicator_id: i64,
    pub date: NaiveDate,
    pub value: f64,
    pub comment: String,
    pub entered_by: String,
    pub entered_at: String,
    /// The row that corrected this one; `None` for the current value.
    pub superseded_by: Option<i64>,
}

/// A value to record (its rules, and the file import, are the domain's).
pub use gedhub_core::monitoring::MeasurementInput;

/// Whether a recorded value was new for its date or corrected an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    New(i64),
    Correction { id: i64, replaced: i64 },
}

/// Everything about a plan that progress, dashboards and reports need, read
/// in one go.
#[derive(Debug, Clone)]
pub struct PlanDetail {
    pub plan: Plan,
    pub objectives: Vec<Objective>,
    pub actions: Vec<Action>,
    pub indicators: Vec<PlanIndicator>,
    /// Current (not superseded) manual measurements by indicator id, by date.
    pub measurements: HashMap<i64, Vec<(NaiveDate, f64)>>,
}

/// One plan as the Secretariat's cross-Member overview needs it.
#[derive(Debug, Clone)]
pub struct PlanSummaryInput {
    pub plan: Plan,
    pub actions: Vec<(NaiveDate, ActionStatus)>,
    /// Each indicator with its latest current measurement on or before the
    /// day asked for (manual sources only; other sources are `None` here and
    /// filled by the edge).
    pub indicators: Vec<(PlanIndicator, Option<(NaiveDate, f64)>)>,
}

/// What the daily reminder job needs from adopted plans.
#[derive(Debug, Clone, Default)]
pub struct ReminderInputs {
    pub actions: Vec<gedhub_core::monitoring::ActionDue>,
    pub indicators: Vec<gedhub_core::monitoring::IndicatorDue>,
    /// Titles for the messages: action id → (plan id, title).
    pub action_titles: HashMap<i64, (i64, String)>,
    /// Indicator id → (plan id, English name, French name).
    pub indicator_names: HashMap<i64, (i64, String, String)>,
}

pub(crate) fn date_to_db(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_from_db(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::ShippedData(format!("stored date {text:?}")))
}

fn optional_date(row: &AnyRow, column: &str) -> Result<Option<NaiveDate>> {
    row.try_get::<Option<String>, _>(column)?
        .as_deref()
        .map(date_from_db)
        .transpose()
}

fn checked_title(field: &'static str, title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(ValidationError::new(field, "required").into());
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ValidationError::new(field, "too_long").into());
    }
    Ok(title.to_owned())
}

fn checked_text(field: &'static str, text: &str) -> Result<String> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ValidationError::new(field, "too_long").into());
    }
    Ok(text.trim().to_owned())
}

const PLAN_COLUMNS: &str = "id, administration_code, assessment_id, title, period_start, \
     period_end, owner, owner_user_id, status, created_by, created_at, updated_at";

fn plan_from_row(row: &AnyRow) -> Result<Plan> {
    let status: String = row.try_get("status")?;
    Ok(Plan {
        id: row.try_get("id")?,
        administration: AdministrationCode::parse(
            &row.try_get::<String, _>("administration_code")?,
        )?,
        assessment_id: row.try_get("assessment_id")?,
        title: row.try_get("title")?,
        period_start: optional_date(row, "period_start")?,
        period_end: optional_date(row, "period_end")?,
        owner: row.try_get("owner")?,
        owner_user_id: row.try_get::<Option<i64>, _>("owner_user_id")?.map(UserId),
        status: PlanStatus::parse(&status)?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

const ACTION_COLUMNS: &str = "id, plan_id, objective_id, title, responsible, responsible_user_id, \
     start_date, due_date, budget_amount, budget_currency, status, progress_notes, updated_at";

fn action_from_row(row: &AnyRow) -> Result<Action> {
    Ok(Action {
        id: row.try_get("id")?,
        plan_id: row.try_get("plan_id")?,
        objective_id: row.try_get("objective_id")?,
        title: row.try_get("title")?,
        responsible: row.try_get("responsible")?,
        responsible_user_id: row
            .try_get::<Option<i64>, _>("responsible_user_id")?
            .map(UserId),
        start_date: optional_date(row, "start_date")?,
        due_date: date_from_db(&row.try_get::<String, _>("due_date")?)?,
        budget_amount: row.try_get("budget_amount")?,
        budget_currency: row.try_get("budget_currency")?,
        status: ActionStatus::parse(&row.try_get::<String, _>("status")?)?,
        progress_notes: row.try_get("progress_notes")?,
        updated_at: row.try_get("updated_at")?,
    })
}

const INDICATOR_COLUMNS: &str = "id, plan_id, objective_id, name_en, name_fr, unit, direction, \
     baseline_value, baseline_date, target_value, target_date, milestones, frequency, \
     source_kind, source_detail";

fn indicator_from_row(row: &AnyRow) -> Result<PlanIndicator> {
    let id: i64 = row.try_get("id")?;
    let corrupt = |what: &str| StoreError::ShippedData(format!("indicator {id}: {what}"));
    let milestones: Vec<Milestone> = serde_json::from_str(&row.try_get::<String, _>("milestones")?)
        .map_err(|error| corrupt(&error.to_string()))?;
    let detail: Option<String> = row.try_get("source_detail")?;
    let source = match row.try_get::<String, _>("source_kind")?.as_str() {
        "manual" => Source::Manual,
        "assessment" => Source::Assessment { section: detail },
        "workforce" => Source::Workforce {
            statistic: detail.unwrap_or_default(),
        },
        other => return Err(corrupt(&format!("source {other:?}"))),
    };
    let definition = IndicatorDefinition::new(NewIndicator {
        name_en: row.try_get("name_en")?,
        name_fr: row.try_get("name_fr")?,
        unit: row.try_get("unit")?,
        direction: Some(row.try_get("direction")?),
        baseline_value: row.try_get("baseline_value")?,
        baseline_date: date_from_db(&row.try_get::<String, _>("baseline_date")?)?,
        target_value: row.try_get("target_value")?,
        target_date: date_from_db(&row.try_get::<String, _>("target_date")?)?,
        milestones,
        frequency: Some(row.try_get("frequency")?),
        source,
    })
    .map_err(|errors| corrupt(&format!("{errors:?}")))?;
    Ok(PlanIndicator {
        id,
        plan_id: row.try_get("plan_id")?,
        objective_id: row.try_get("objective_id")?,
        definition,
    })
}

fn measurement_from_row(row: &AnyRow) -> Result<StoredMeasurement> {
    Ok(StoredMeasurement {
        id: row.try_get("id")?,
        indicator_id: row.try_get("indicator_id")?,
        date: date_from_db(&row.try_get::<String, _>("measured_on")?)?,
        value: row.try_get("value")?,
        comment: row.try_get("comment")?,
        entered_by: row.try_get("entered_by")?,
        entered_at: row.try_get("entered_at")?,
        superseded_by: row.try_get("superseded_by")?,
    })
}

fn source_columns(source: &Source) -> (&'static str, Option<String>) {
    match source {
        Source::Manual => ("manual", None),
        Source::Assessment { section } => ("assessment", section.clone()),
        Source::Workforce { statistic } => ("workforce", Some(statistic.clone())),
    }
}

/// Checks an optional budget: a finite, non-negative amount with a
/// three-letter currency code, or neither.
fn checked_budget(amount: Option<f64>, currency: Option<&str>) -> Result<Option<(f64, String)>> {
    let currency = currency.map(str::trim).filter(|c| !c.is_empty());
    match (amount, currency) {
        (None, None) => Ok(None),
        (Some(amount), Some(currency)) => {
            if !amount.is_finite() || amount < 0.0 {
                return Err(ValidationError::new("budget_amount", "invalid_amount").into());
            }
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(ValidationError::new("budget_currency", "invalid_currency").into());
            }
            Ok(Some((amount, currency.to_ascii_uppercase())))
        }
        (Some(_), None) => Err(ValidationError::new("budget_currency", "required").into()),
        (None, Some(_)) => Err(ValidationError::new("budget_amount", "required").into()),
    }
}

impl Store {
    // ----- plans -------------------------------------------------------------

    /// Creates a plan (status `draft`) for `administration`, with its initial
    /// objectives. A linked assessment must be a validated one of the same
    /// administration (`assessment_id: assessment_not_validated`).
    pub async fn create_plan(
        &self,
        actor: &Actor,
        administration: &AdministrationCode,
        new: &NewPlan,
    ) -> Result<Plan> {
        let title = checked_title("title", &new.title)?;
        if let (Some(start), Some(end)) = (new.period_start, new.period_end)
            && end <= start
        {
            return Err(ValidationError::new("period_end", "period_end_not_after_start").into());
        }
        let owner = checked_text("owner", &new.owner)?;
        let mut objectives = Vec::with_capacity(new.objectives.len());
        for objective in &new.objectives {
            objectives.push((
                checked_title("objective_title", &objective.title)?,
                &objective.indicator_codes,
            ));
        }
        let mut tx = self.begin_audited(actor).await?;
        if let Some(assessment_id) = new.assessment_id {
            let row =
                sqlx::query("select administration_code, status from assessments where id = $1")
                    .bind(assessment_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let fits = row
                .map(|row| -> Result<bool> {
                    Ok(row.try_get::<String, _>(0)? == administration.as_str()
                        && row.try_get::<String, _>(1)? == "validated")
                })
                .transpose()?
                .unwrap_or(false);
            if !fits {
                return Err(
                    ValidationError::new("assessment_id", "assessment_not_validated").into(),
                );
            }
        }
        let now = actor.now().to_db();
        let sql = format!(
            "insert into action_plans (administration_code, assessment_id, title, period_start, \
             period_end, owner, owner_user_id, status, created_by, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $9) returning {PLAN_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(administration.as_str().to_owned())
            .bind(new.assessment_id)
            .bind(title)
            .bind(new.period_start.map(date_to_db))
            .bind(new.period_end.map(date_to_db))
            .bind(owner)
            .bind(new.owner_user_id.map(|id| id.0))
            .bind(actor.label.clone())
            .bind(now.clone())
            .fetch_one(&mut *tx)
            .await?;
        let plan = plan_from_row(&row)?;
        tx.record(
            Change::new("create", "action_plan", plan.id)
                .administration(administration.as_str())
                .after(snapshot(&plan)),
        )
        .await?;
        for (title, codes) in objectives {
            insert_objective(&mut tx, &plan, &title, codes, &now).await?;
        }
        tx.commit().await?;
        Ok(plan)
    }

    /// The plans the caller may see, newest first.
    pub async fn plans(&self, scope: &Scope) -> Result<Vec<Plan>> {
        let filter = ScopeFilter::new(scope, "administration_code", 1);
        let sql = format!(
            "select {PLAN_COLUMNS} from action_plans where {} order by created_at desc, id desc",
            filter.condition
        );
        let rows = filter
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(plan_from_row).collect()
    }

    /// One plan, if the caller may see it.
    pub async fn plan(&self, scope: &Scope, id: i64) -> Result<Plan> {
        let sql = format!("select {PLAN_COLUMNS} from action_plans where id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let plan = plan_from_row(&row)?;
        if !scope.includes(&plan.administration) {
            return Err(StoreError::NotFound);
        }
        Ok(plan)
    }

    /// Moves a plan forward (draft → adopted → closed); other moves are
    /// refused with `status: transition_not_allowed`.
    pub async fn set_plan_status(
        &self,
        actor: &Actor,
        plan: &Plan,
        next: PlanStatus,
    ) -> Result<Plan> {
        plan.status.transition(next)?;
        let mut tx = self.begin_audited(actor).await?;
        let sql = format!(
            "update action_plans set status = $1, updated_at = $2 where id = $3 and status = $4 \
             returning {PLAN_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(next.as_str())
            .bind(actor.now().to_db())
            .bind(plan.id)
            .bind(plan.status.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::Conflict("plan_changed"))?;
        let updated = plan_from_row(&row)?;
        tx.record(
            Change::new("transition", "action_plan", plan.id)
                .administration(plan.administration.as_str())
                .before(serde_json::json!({"status": plan.status.as_str()}))
                .after(serde_json::json!({"status": next.as_str()})),
        )
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Changes a plan's title, period and owner (text).
    pub async fn update_plan_details(
        &self,
        actor: &Actor,
        plan: &Plan,
        details: &PlanDetails,
    ) -> Result<Plan> {
        let title = checked_title("title", &details.title)?;
        let owner = checked_text("owner", &details.owner)?;
        if let (Some(start), Some(end)) = (details.period_start, details.period_end)
            && end <= start
        {
            return Err(ValidationError::new("period_end", "period_end_not_after_start").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let sql = format!(
            "update action_plans set title = $1, period_start = $2, period_end = $3, owner = $4, \
             updated_at = $5 where id = $6 returning {PLAN_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(title)
            .bind(details.period_start.map(date_to_db))
            .bind(details.period_end.map(date_to_db))
            .bind(owner)
            .bind(actor.now().to_db())
            .bind(plan.id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let updated = plan_from_row(&row)?;
        tx.record(
            Change::new("update", "action_plan", plan.id)
                .administration(plan.administration.as_str())
                .before(snapshot(plan))
                .after(snapshot(&updated)),
        )
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Everything of one plan the caller may see.
    pub async fn plan_detail(&self, scope: &Scope, id: i64) -> Result<PlanDetail> {
        let plan = self.plan(scope, id).await?;
        let objectives = self.objectives(plan.id).await?;
        let sql = format!(
            "select {ACTION_COLUMNS} from plan_actions where plan_id = $1 order by due_date, id"
        );
        let actions = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(plan.id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(action_from_row)
            .collect::<Result<Vec<_>>>()?;
        let sql = format!(
            "select {INDICATOR_COLUMNS} from plan_indicators where plan_id = $1 order by id"
        );
        let indicators = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(plan.id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(indicator_from_row)
            .collect::<Result<Vec<_>>>()?;
        let rows = sqlx::query(
            "select m.indicator_id, m.measured_on, m.value from indicator_measurements m \
             join plan_indicators i on i.id = m.indicator_id \
             where i.plan_id = $1 and m.superseded_by is null order by m.measured_on",
        )
        .bind(plan.id)
        .fetch_all(self.pool())
        .await?;
        let mut measurements: HashMap<i64, Vec<(NaiveDate, f64)>> = HashMap::new();
        for row in rows {
            measurements.entry(row.try_get(0)?).or_default().push((
                date_from_db(&row.try_get::<String, _>(1)?)?,
                row.try_get(2)?,
            ));
        }
        Ok(PlanDetail {
            plan,
            objectives,
            actions,
            indicators,
            measurements,
        })
    }

    // ----- objectives --------------------------------------------------------

    pub async fn add_objective(
        &self,
        actor: &Actor,
        plan: &Plan,
        objective: &NewObjective,
    ) -> Result<Objective> {
        let title = checked_title("title", &objective.title)?;
        let mut tx = self.begin_audited(actor).await?;
        let created = insert_objective(
            &mut tx,
            plan,
            &title,
            &objective.indicator_codes,
            &actor.now().to_db(),
        )
        .await?;
        touch_plan(&mut tx, actor, plan.id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// A plan's objectives in creation order, each with its gap codes.
    pub async fn objectives(&self, plan_id: i64) -> Result<Vec<Objective>> {
        let rows = sqlx::query(
            "select o.id, o.title, g.indicator_code from plan_objectives o \
             left join plan_objective_gaps g on g.objective_id = o.id \
             where o.plan_id = $1 order by o.id, g.indicator_code",
        )
        .bind(plan_id)
        .fetch_all(self.pool())
        .await?;
        let mut objectives: Vec<Objective> = Vec::new();
        for row in rows {
            let id: i64 = row.try_get(0)?;
            let code: Option<String> = row.try_get(2)?;
            if objectives.last().map(|o| o.id) != Some(id) {
                objectives.push(Objective {
                    id,
                    plan_id,
                    title: row.try_get(1)?,
                    indicator_codes: Vec::new(),
                });
            }
            if let (Some(code), Some(objective)) = (code, objectives.last_mut()) {
                objective.indicator_codes.push(code);
            }
        }
        Ok(objectives)
    }

    /// The other way of the diagnostic → plan chain: for an assessment, the
    /// plan objectives (of plans the caller may see) that address each of its
    /// indicator codes, as (code, plan id, plan title, objective title).
    pub async fn objectives_addressing(
        &self,
        scope: &Scope,
        administration: &AdministrationCode,
    ) -> Result<Vec<(String, i64, String, String)>> {
        if !scope.includes(administration) {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "select g.indicator_code, p.id, p.title, o.title from plan_objective_gaps g \
             join plan_objectives o on o.id = g.objective_id \
             join action_plans p on p.id = o.plan_id \
             where p.administration_code = $1 order by g.indicator_code, p.id, o.id",
        )
        .bind(administration.as_str().to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                ))
            })
            .collect()
    }

    // ----- actions -----------------------------------------------------------

    pub async fn add_action(&self, actor: &Actor, plan: &Plan, new: &NewAction) -> Result<Action> {
        let title = checked_title("title", &new.title)?;
        let responsible = checked_text("responsible", &new.responsible)?;
        let notes = checked_text("progress_notes", &new.progress_notes)?;
        let budget = checked_budget(new.budget_amount, new.budget_currency.as_deref())?;
        if let Some(start) = new.start_date
            && start > new.due_date
        {
            return Err(ValidationError::new("due_date", "due_date_before_start").into());
        }
        let mut tx = self.begin_audited(actor).await?;
        let objective_in_plan =
            sqlx::query("select 1 from plan_objectives where id = $1 and plan_id = $2")
                .bind(new.objective_id)
                .bind(plan.id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
        if !objective_in_plan {
            return Err(ValidationError::new("objective_id", "unknown_objective").into());
        }
        let now = actor.now().to_db();
        let sql = format!(
            "insert into plan_actions (plan_id, objective_id, title, responsible, responsible_user_id, \
             start_date, due_date, budget_amount, budget_currency, status, progress_notes, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning {ACTION_COLUMNS}"
        );
        // Not a cached statement: it may bind a NULL real (see the crate documentation).
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .persistent(false)
            .bind(plan.id)
            .bind(new.objective_id)
            .bind(title)
            .bind(responsible)
            .bind(new.responsible_user_id.map(|id| id.0))
            .bind(new.start_date.map(date_to_db))
            .bind(date_to_db(new.due_date))
            .bind(budget.as_ref().map(|(amount, _)| *amount))
            .bind(budget.map(|(_, currency)| currency))
            .bind(new.status.as_str())
            .bind(notes)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        let action = action_from_row(&row)?;
        record_part_created(&mut tx, plan, "plan_action", action.id, snapshot(&action)).await?;
        tx.commit().await?;
        Ok(action)
    }

    /// Records the status and progress notes of an action of `plan`.
    pub async fn update_action(
        &self,
        actor: &Actor,
        plan: &Plan,
        action_id: i64,
        update: &ActionUpdate,
    ) -> Result<Action> {
        let notes = checked_text("progress_notes", &update.progress_notes)?;
        let mut tx = self.begin_audited(actor).await?;
        let sql =
            format!("select {ACTION_COLUMNS} from plan_actions where id = $1 and plan_id = $2");
        let before = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(action_id)
            .bind(plan.id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = action_from_row(&before)?;
        let sql = format!(
            "update plan_actions set status = $1, progress_notes = $2, updated_at = $3 \
             where id = $4 returning {ACTION_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(update.status.as_str())
            .bind(notes)
            .bind(actor.now().to_db())
            .bind(action_id)
            .fetch_one(&mut *tx)
            .await?;
        let after = action_from_row(&row)?;
        tx.record(Change::new("update", "plan_action", action_id).administration(plan.administration.as_str()).before(serde_json::json!({"status": before.status, "progress_notes": before.progress_notes})).after(serde_json::json!({"status": after.status, "progress_notes": after.progress_notes}))).await?;
        touch_plan(&mut tx, actor, plan.id).await?;
        tx.commit().await?;
        Ok(after)
    }

    // ----- indicators and measurements ---------------------------------------

    /// Adds an indicator to `plan`, optionally under one of its objectives.
    pub async fn add_indicator(
        &self,
        actor: &Actor,
        plan: &Plan,
        objective_id: Option<i64>,
        definition: &IndicatorDefinition,
    ) -> Result<PlanIndicator> {
        let mut tx = self.begin_audited(actor).await?;
        if let Some(objective_id) = objective_id {
            let in_plan =
                sqlx::query("select 1 from plan_objectives where id = $1 and plan_id = $2")
                    .bind(objective_id)
                    .bind(plan.id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .is_some();
            if !in_plan {
                return Err(ValidationError::new("objective_id", "unknown_objective").into());
            }
        }
        let milestones = serde_json::to_string(definition.milestones())
            .map_err(|error| StoreError::ShippedData(error.to_string()))?;
        let (source_kind, source_detail) = source_columns(definition.source());
        let sql = format!(
            "insert into plan_indicators (plan_id, objective_id, name_en, name_fr, unit, direction, \
             baseline_value, baseline_date, target_value, target_date, milestones, frequency, \
             source_kind, source_detail, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             returning {INDICATOR_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(plan.id)
            .bind(objective_id)
            .bind(definition.name_en().unwrap_or_default().to_owned())
            .bind(definition.name_fr().unwrap_or_default().to_owned())
            .bind(definition.unit().as_str())
            .bind(definition.direction().as_str())
            .bind(definition.baseline_value())
            .bind(date_to_db(definition.baseline_date()))
            .bind(definition.target_value())
            .bind(date_to_db(definition.target_date()))
            .bind(milestones)
            .bind(definition.frequency().as_str())
            .bind(source_kind)
            .bind(source_detail)
            .bind(actor.now().to_db())
            .fetch_one(&mut *tx)
            .await?;
        let indicator = indicator_from_row(&row)?;
        record_part_created(
            &mut tx,
            plan,
            "plan_indicator",
            indicator.id,
            snapshot(&indicator),
        )
        .await?;
        tx.commit().await?;
        Ok(indicator)
    }

    /// An indicator and its plan, if the caller may see the plan.
    pub async fn plan_indicator(&self, scope: &Scope, id: i64) -> Result<(Plan, PlanIndicator)> {
        let sql = format!("select {INDICATOR_COLUMNS} from plan_indicators where id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let indicator = indicator_from_row(&row)?;
        let plan = self.plan(scope, indicator.plan_id).await?;
        Ok((plan, indicator))
    }

    /// Every measurement row of an indicator, current and superseded, by
    /// date then entry order.
    pub async fn measurement_history(&self, indicator_id: i64) -> Result<Vec<StoredMeasurement>> {
        let rows = sqlx::query(
            "select id, indicator_id, measured_on, value, comment, entered_by, entered_at, superseded_by \
             from indicator_measurements where indicator_id = $1 order by measured_on, id",
        )
        .bind(indicator_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(measurement_from_row).collect()
    }

    /// Records values of a manual indicator, all or none: a value for a date
    /// that already has one corrects it (the old row is kept, superseded).
    /// Only `manual` indicators take typed values (`source: not_manual`).
    pub async fn record_measurements(
        &self,
        actor: &Actor,
        plan: &Plan,
        indicator: &PlanIndicator,
        inputs: &[MeasurementInput],
    ) -> Result<Vec<Recorded>> {
        if *indicator.definition.source() != Source::Manual {
            return Err(ValidationError::new("source", "not_manual").into());
        }
        if indicator.plan_id != plan.id {
            return Err(StoreError::NotFound);
        }
        for input in inputs {
            if !input.value.is_finite() {
                return Err(ValidationError::new("value", "not_finite").into());
            }
            checked_text("comment", &input.comment)?;
        }
        let mut tx = self.begin_audited(actor).await?;
        let mut recorded = Vec::with_capacity(inputs.len());
        let now = actor.now().to_db();
        for input in inputs {
            let date = date_to_db(input.date);
            let previous: Option<(i64, f64)> = sqlx::query(
                "select id, value from indicator_measurements \
                 where indicator_id = $1 and measured_on = $2 and superseded_by is null",
            )
            .bind(indicator.id)
            .bind(date.clone())
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| -> Result<_> { Ok((row.try_get(0)?, row.try_get(1)?)) })
            .transpose()?;
            // The old row leaves the "current" unique index before the new one
            // enters it; it points at its successor right after.
            if let Some((previous_id, _)) = previous {
                sqlx::query("update indicator_measurements set superseded_by = id where id = $1")
                    .bind(previous_id)
                    .execute(&mut *tx)
                    .await?;
            }
            let id: i64 = sqlx::query(
                "insert into indicator_measurements (indicator_id, measured_on, value, comment, entered_by, entered_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(indicator.id)
            .bind(date.clone())
            .bind(input.value)
            .bind(input.comment.trim().to_owned())
            .bind(actor.label.clone())
            .bind(now.clone())
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            if let Some((previous_id, _)) = previous {
                sqlx::query("update indicator_measurements set superseded_by = $1 where id = $2")
                    .bind(id)
                    .bind(previous_id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.record(
                Change::new(
                    if previous.is_some() {
                        "correct"
                    } else {
                        "create"
                    },
                    "indicator_measurement",
                    format!("{}/{date}", indicator.id),
                )
                .administration(plan.administration.as_str())
                .before(previous.map(|(_, value)| serde_json::json!({"value": value})))
                .after(serde_json::json!({"value": input.value, "comment": input.comment.trim()})),
            )
            .await?;
            recorded.push(match previous {
                Some((replaced, _)) => Recorded::Correction { id, replaced },
                None => Recorded::New(id),
            });
        }
        sqlx::query(
            "update plan_indicators set \
             latest_on = (select max(m.measured_on) from indicator_measurements m \
                          where m.indicator_id = $1 and m.superseded_by is null), \
             latest_value = (select m.value from indicator_measurements m \
                             where m.indicator_id = $1 and m.superseded_by is null \
                             order by m.measured_on desc limit 1) \
             where id = $1",
        )
        .bind(indicator.id)
        .execute(&mut *tx)
        .await?;
        touch_plan(&mut tx, actor, plan.id).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    // ----- across plans ------------------------------------------------------

    /// Every plan with what the Secretariat's overview needs: action due
    /// dates and states, and each indicator with its latest current manual
    /// measurement on or before `today`. One query per table, whatever the
    /// number of plans.
    pub async fn plan_summaries(&self, today: NaiveDate) -> Result<Vec<PlanSummaryInput>> {
        let plans = self.plans(&Scope::All).await?;
        let mut by_plan: HashMap<i64, PlanSummaryInput> = plans
            .iter()
            .map(|plan| {
                (
                    plan.id,
                    PlanSummaryInput {
                        plan: plan.clone(),
                        actions: Vec::new(),
                        indicators: Vec::new(),
                    },
                )
            })
            .collect();
        for row in sqlx::query("select plan_id, due_date, status from plan_actions")
            .fetch_all(self.pool())
            .await?
        {
            if let Some(summary) = by_plan.get_mut(&row.try_get::<i64, _>(0)?) {
                summary.actions.push((
                    date_from_db(&row.try_get::<String, _>(1)?)?,
                    ActionStatus::parse(&row.try_get::<String, _>(2)?)?,
                ));
            }
        }
        // Each indicator carries its latest current value; only one dated
        // after `today` (entered ahead) needs its history searched.
        let sql = format!(
            "select {INDICATOR_COLUMNS}, latest_on, latest_value from plan_indicators order by id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        let mut searched: Option<HashMap<i64, (NaiveDate, f64)>> = None;
        for row in rows {
            let indicator = indicator_from_row(&row)?;
            let latest_on = optional_date(&row, "latest_on")?;
            let latest_value: Option<f64> = row.try_get("latest_value")?;
            let value = match (latest_on, latest_value) {
                (Some(date), Some(value)) if date <= today => Some((date, value)),
                (Some(_), Some(_)) => {
                    if searched.is_none() {
                        searched = Some(self.latest_measurements(today).await?);
                    }
                    searched
                        .as_ref()
                        .and_then(|latest| latest.get(&indicator.id).copied())
                }
                _ => None,
            };
            if let Some(summary) = by_plan.get_mut(&indicator.plan_id) {
                summary.indicators.push((indicator, value));
            }
        }
        Ok(plans
            .iter()
            .filter_map(|plan| by_plan.remove(&plan.id))
            .collect())
    }

    /// For every indicator, its current measurement with the latest date on
    /// or before `today`: one index seek per indicator (on the "current"
    /// index), not a scan of the history. Needed only when some indicator
    /// has a value dated after `today`.
    async fn latest_measurements(
        &self,
        today: NaiveDate,
    ) -> Result<HashMap<i64, (NaiveDate, f64)>> {
        let rows = sqlx::query(
            "select i.id, m.measured_on, m.value from plan_indicators i \
             join indicator_measurements m on m.id = (\
               select l.id from indicator_measurements l \
               where l.indicator_id = i.id and l.superseded_by is null and l.measured_on <= $1 \
               order by l.measured_on desc limit 1)",
        )
        .bind(date_to_db(today))
        .fetch_all(self.pool())
        .await?;
        let mut latest = HashMap::with_capacity(rows.len());
        for row in rows {
            latest.insert(
                row.try_get::<i64, _>(0)?,
                (
                    date_from_db(&row.try_get::<String, _>(1)?)?,
                    row.try_get(2)?,
                ),
            );
        }
        Ok(latest)
    }

    /// Actions and manual indicators of adopted plans, with whom to remind:
    /// the action's responsible account, else the plan owner's; indicators
    /// go to the plan owner. Items without an account to remind are left
    /// out (the plan page still flags them).
    pub async fn reminder_inputs(&self) -> Result<ReminderInputs> {
        let mut inputs = ReminderInputs::default();
        let rows = sqlx::query(
            "select a.id, coalesce(a.responsible_user_id, p.owner_user_id), a.due_date, a.status, p.id, a.title \
             from plan_actions a join action_plans p on p.id = a.plan_id \
             where p.status = 'adopted' and coalesce(a.responsible_user_id, p.owner_user_id) is not null",
        )
        .fetch_all(self.pool())
        .await?;
        for row in rows {
            let action_id: i64 = row.try_get(0)?;
            inputs.actions.push(gedhub_core::monitoring::ActionDue {
                action_id,
                responsible_user_id: row.try_get(1)?,
                due_date: date_from_db(&row.try_get::<String, _>(2)?)?,
                status: ActionStatus::parse(&row.try_get::<String, _>(3)?)?,
            });
            inputs
                .action_titles
                .insert(action_id, (row.try_get(4)?, row.try_get(5)?));
        }
        let rows = sqlx::query(
            "select i.id, p.owner_user_id, i.frequency, i.baseline_date, \
             (select max(m.measured_on) from indicator_measurements m \
              where m.indicator_id = i.id and m.superseded_by is null), p.id, i.name_en, i.name_fr \
             from plan_indicators i join action_plans p on p.id = i.plan_id \
             where p.status = 'adopted' and i.source_kind = 'manual' and p.owner_user_id is not null",
        )
        .fetch_all(self.pool())
        .await?;
        for row in rows {
            let indicator_id: i64 = row.try_get(0)?;
            inputs
                .indicators
                .push(gedhub_core::monitoring::IndicatorDue {
                    indicator_id,
                    responsible_user_id: row.try_get(1)?,
                    frequency: gedhub_core::monitoring::Frequency::parse(
                        &row.try_get::<String, _>(2)?,
                    )?,
                    baseline_date: date_from_db(&row.try_get::<String, _>(3)?)?,
                    last_measurement: row
                        .try_get::<Option<String>, _>(4)?
                        .as_deref()
                        .map(date_from_db)
                        .transpose()?,
                });
            inputs.indicator_names.insert(
                indicator_id,
                (row.try_get(5)?, row.try_get(6)?, row.try_get(7)?),
            );
        }
        Ok(inputs)
    }
}

async fn insert_objective(
    tx: &mut AuditedTx<'_>,
    plan: &Plan,
    title: &str,
    codes: &[String],
    now: &str,
) -> Result<Objective> {
    let mut codes: Vec<String> = codes
        .iter()
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.iter().any(|code| code.chars().count() > 40) {
        return Err(ValidationError::new("indicator_codes", "too_long").into());
    }
    let id: i64 = sqlx::query(
        "insert into plan_objectives (plan_id, title, created_at) values ($1, $2, $3) returning id",
    )
    .bind(plan.id)
    .bind(title.to_owned())
    .bind(now.to_owned())
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    for code in &codes {
        sqlx::query(
            "insert into plan_objective_gaps (objective_id, indicator_code) values ($1, $2)",
        )
        .bind(id)
        .bind(code.clone())
        .execute(&mut **tx)
        .await?;
    }
    let objective = Objective {
        id,
        plan_id: plan.id,
        title: title.to_owned(),
        indicator_codes: codes,
    };
    tx.record(
        Change::new("create", "plan_objective", id)
            .administration(plan.administration.as_str())
            .after(snapshot(&objective)),
    )
    .await?;
    Ok(objective)
}

/// Audits the creation of a part of `plan` and marks the plan as changed.
async fn record_part_created(
    tx: &mut AuditedTx<'_>,
    plan: &Plan,
    entity: &'static str,
    id: i64,
    after: Option<serde_json::Value>,
) -> Result<()> {
    tx.record(
        Change::new("create", entity, id)
            .administration(plan.administration.as_str())
            .after(after),
    )
    .await?;
    let actor = tx.actor();
    touch_plan(tx, actor, plan.id).await
}

/// Marks the plan changed at the moment of the actor's change.
async fn touch_plan(connection: &mut AnyConnection, actor: &Actor, plan_id: i64) -> Result<()> {
    sqlx::query("update action_plans set updated_at = $1 where id = $2")
        .bind(actor.now().to_db())
        .bind(plan_id)
        .execute(connection)
        .await?;
    Ok(())
}
