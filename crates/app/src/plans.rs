//! Action plans and their monitoring: the use cases that the plan pages and
//! the `/api/v1/action-plans` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz`): the Secretariat and the
//! focal points of the plan's administration; for anyone else a plan does
//! not exist (`NotFound`). A closed plan is a record (`plan_closed`). Every
//! use case that changes a plan checks access before it reads its input, so
//! a plan the caller may not see answers "not found" whatever was sent.

use chrono::NaiveDate;
use gedhub_core::authz::{self, NewPlanAdministration};
use gedhub_core::monitoring::import::measured_by;
use gedhub_core::monitoring::{
    ActionStatus, IndicatorDefinition, Milestone, NewIndicator, PlanStatus, Source,
};
use gedhub_core::{AdministrationCode, Email, Scope, UserId, ValidationError, parse_date};
use gedhub_store::Store;
use gedhub_store::plans::{
    Action, ActionUpdate, MeasurementInput, NewAction, NewObjective, NewPlan, Objective, Plan,
    PlanDetail, PlanDetails, PlanIndicator, Recorded, StoredMeasurement,
};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

// ----- access ------------------------------------------------------------------

/// Whose plans the caller may see (see [`authz::plan_scope`]).
pub fn scope(caller: &Caller) -> Scope {
    authz::plan_scope(&caller.principal)
}

/// Listing and starting plans is for the Secretariat and focal points;
/// others are refused (`Forbidden`).
pub fn require_starter(caller: &Caller) -> Result<()> {
    caller.require(authz::may_start_plan(&caller.principal))
}

/// A plan the caller may see.
pub async fn visible(store: &Store, caller: &Caller, id: i64) -> Result<Plan> {
    Ok(store.plan(&scope(caller), id).await?)
}

/// A plan the caller may change: visible and not closed (`plan_closed`).
pub async fn editable(store: &Store, caller: &Caller, id: i64) -> Result<Plan> {
    let plan = visible(store, caller, id).await?;
    if !authz::may_edit_plan(&caller.principal, &plan.administration, plan.status) {
        return Err(AppError::Conflict {
            code: "plan_closed",
        });
    }
    Ok(plan)
}

/// An indicator whose plan the caller may see, with that plan.
pub async fn visible_indicator(
    store: &Store,
    caller: &Caller,
    id: i64,
) -> Result<(Plan, PlanIndicator)> {
    Ok(store.plan_indicator(&scope(caller), id).await?)
}

/// An indicator the caller may record values for. Only
/// [`editable_indicator`] makes one, so holding it is the proof of access.
#[derive(Debug, Clone)]
pub struct EditableIndicator {
    plan: Plan,
    indicator: PlanIndicator,
}

impl EditableIndicator {
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn indicator(&self) -> &PlanIndicator {
        &self.indicator
    }
}

/// The indicator `indicator_id`, if its plan is visible and editable and,
/// when the address names a plan (`plan_id`), it is that plan's.
pub async fn editable_indicator(
    store: &Store,
    caller: &Caller,
    plan_id: Option<i64>,
    indicator_id: i64,
) -> Result<EditableIndicator> {
    let (plan, indicator) = visible_indicator(store, caller, indicator_id).await?;
    if plan_id.is_some_and(|id| id != plan.id) {
        return Err(AppError::NotFound);
    }
    let plan = editable(store, caller, plan.id).await?;
    Ok(EditableIndicator { plan, indicator })
}

// ----- reading -------------------------------------------------------------------

/// The plans the caller may see, newest first (none for those who may not
/// see plans: listing is not refused, it is empty).
pub async fn list(store: &Store, caller: &Caller) -> Result<Vec<Plan>> {
    Ok(store.plans(&scope(caller)).await?)
}

/// A plan with its objectives, actions, indicators and current values.
pub async fn detail(store: &Store, caller: &Caller, id: i64) -> Result<PlanDetail> {
    Ok(store.plan_detail(&scope(caller), id).await?)
}

/// Every value of an indicator with its corrections, by date.
pub async fn measurements(
    store: &Store,
    caller: &Caller,
    indicator_id: i64,
) -> Result<Vec<StoredMeasurement>> {
    let (_, indicator) = visible_indicator(store, caller, indicator_id).await?;
    Ok(store.measurement_history(indicator.id).await?)
}

// ----- a new plan ------------------------------------------------------------------

/// A new plan, its dates already read.
#[derive(Debug, Clone, Default)]
pub struct NewPlanInput {
    /// The administration the Secretariat names (ignored for a focal point,
    /// whose own it is).
    pub administration: Option<String>,
    /// A validated assessment of the same administration.
    pub assessment_id: Option<i64>,
    pub title: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub owner: String,
    /// Objectives to create with the plan (e.g. one per ticked gap).
    pub objectives: Vec<NewObjective>,
}

/// Starts a plan (status `draft`) owned by the caller: for a focal point in
/// their own administration; for the Secretariat in the one named, or else
/// the linked assessment's.
pub async fn create(store: &Store, caller: &Caller, input: NewPlanInput) -> Result<Plan> {
    let code = match authz::new_plan_administration(&caller.principal) {
        NewPlanAdministration::Own(code) => code,
        NewPlanAdministration::Refused => return Err(AppError::Forbidden),
        NewPlanAdministration::Chosen => chosen_administration(store, caller, &input).await?,
    };
    let new = NewPlan {
        assessment_id: input.assessment_id,
        title: input.title,
        period_start: input.period_start,
        period_end: input.period_end,
        owner: input.owner,
        owner_user_id: Some(caller.user_id),
        objectives: input.objectives,
    };
    Ok(store.create_plan(&caller.actor, &code, &new).await?)
}

/// The administration the Secretariat starts a plan for: the one named
/// (`unknown_administration` if there is none such), else the linked
/// assessment's, else `administration: required`.
async fn chosen_administration(
    store: &Store,
    caller: &Caller,
    input: &NewPlanInput,
) -> Result<AdministrationCode> {
    let named = input
        .administration
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty());
    if let Some(code) = named {
        let code = AdministrationCode::parse(&code.to_ascii_uppercase())?;
        store
            .administration(&Scope::All, &code)
            .await
            .map_err(|_| ValidationError::new("administration", "unknown_administration"))?;
        return Ok(code);
    }
    let Some(id) = input.assessment_id else {
        return Err(ValidationError::new("administration", "required").into());
    };
    let viewer = gedhub_store::assessments::Viewer {
        scope: Scope::All,
        user_id: caller.user_id,
    };
    let access = store
        .assessment(&viewer, id)
        .await
        .map_err(|_| ValidationError::new("assessment_id", "assessment_not_validated"))?;
    Ok(access.assessment.administration)
}

// ----- changing a plan ----------------------------------------------------------------

/// Adopts or closes a plan (`status` as sent: `adopted` or `closed`).
pub async fn set_status(store: &Store, caller: &Caller, id: i64, status: &str) -> Result<Plan> {
    let plan = editable(store, caller, id).await?;
    let next = PlanStatus::parse(status)?;
    Ok(store.set_plan_status(&caller.actor, &plan, next).await?)
}

/// Changes a plan's title, period and owner.
pub async fn update_details(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<PlanDetails, Error = Problems>,
) -> Result<Plan> {
    let plan = editable(store, caller, id).await?;
    let details = input.try_into()?;
    Ok(store
        .update_plan_details(&caller.actor, &plan, &details)
        .await?)
}

/// Adds an objective (with the GEOAT gaps it addresses). Each code must
/// name an indicator of an instrument gedhub holds: a typo such as `Z.9.9`
/// would link the objective to nothing (`unknown_indicator`).
pub async fn add_objective(
    store: &Store,
    caller: &Caller,
    id: i64,
    objective: NewObjective,
) -> Result<Objective> {
    let plan = editable(store, caller, id).await?;
    let mut instruments = Vec::new();
    for summary in store.instruments().await? {
        instruments.push(store.instrument(&summary.code).await?);
    }
    let known = |code: &str| instruments.iter().any(|i| i.indicator(code).is_some());
    if objective
        .indicator_codes
        .iter()
        .any(|code| !known(code.trim()))
    {
        return Err(ValidationError::new("indicator_codes", "unknown_indicator").into());
    }
    Ok(store
        .add_objective(&caller.actor, &plan, &objective)
        .await?)
}

/// A new action, its values read; the reminded account is still an e-mail,
/// checked against the plan's administration by [`add_action`].
#[derive(Debug, Clone)]
pub struct ActionInput {
    pub objective_id: i64,
    pub title: String,
    pub responsible: String,
    /// The account reminded of this action; empty or absent: the plan owner.
    pub responsible_email: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub due_date: NaiveDate,
    pub budget_amount: Option<f64>,
    pub budget_currency: Option<String>,
    pub status: ActionStatus,
    pub progress_notes: String,
}

/// Adds an action to one of the plan's objectives.
pub async fn add_action(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<ActionInput, Error = Problems>,
) -> Result<Action> {
    let plan = editable(store, caller, id).await?;
    let input = input.try_into()?;
    let responsible_user_id =
        responsible_account(store, &plan, input.responsible_email.as_deref()).await?;
    let new = NewAction {
        objective_id: input.objective_id,
        title: input.title,
        responsible: input.responsible,
        responsible_user_id,
        start_date: input.start_date,
        due_date: input.due_date,
        budget_amount: input.budget_amount,
        budget_currency: input.budget_currency,
        status: input.status,
        progress_notes: input.progress_notes,
    };
    Ok(store.add_action(&caller.actor, &plan, &new).await?)
}

/// The account named to receive an action's reminders: empty means none
/// (the plan owner is reminded); otherwise an account of the plan's
/// administration (`responsible_not_in_administration`).
async fn responsible_account(
    store: &Store,
    plan: &Plan,
    email: Option<&str>,
) -> Result<Option<UserId>> {
    let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let email = Email::parse(email)
        .map_err(|_| ValidationError::new("responsible_email", "invalid_email"))?;
    let user = store
        .user_by_email(&email)
        .await
        .map_err(|_| ValidationError::new("responsible_email", "unknown_account"))?;
    if user.administration.as_ref() != Some(&plan.administration) {
        return Err(
            ValidationError::new("responsible_email", "responsible_not_in_administration").into(),
        );
    }
    Ok(Some(user.id))
}

/// Changes an action's status (as sent) and progress notes.
pub async fn update_action(
    store: &Store,
    caller: &Caller,
    plan_id: i64,
    action_id: i64,
    status: &str,
    progress_notes: String,
) -> Result<Action> {
    let plan = editable(store, caller, plan_id).await?;
    let update = ActionUpdate {
        status: ActionStatus::parse(status)?,
        progress_notes,
    };
    Ok(store
        .update_action(&caller.actor, &plan, action_id, &update)
        .await?)
}

// ----- indicators -----------------------------------------------------------------------

/// An indicator as a form or the API submits it, before any check: the
/// one raw shape both build, so both are checked by the same rules.
#[derive(Debug, Clone, Default)]
pub struct IndicatorForm {
    pub name_en: String,
    pub name_fr: String,
    pub unit: String,
    pub direction: Option<String>,
    /// `None` when the number could not be read.
    pub baseline_value: Option<f64>,
    pub baseline_date: String,
    pub target_value: Option<f64>,
    pub target_date: String,
    /// (date, value) pairs; a value of `None` could not be read.
    pub milestones: Vec<(String, Option<f64>)>,
    pub frequency: Option<String>,
    /// `manual`, `assessment` or `workforce` (empty: manual).
    pub source: String,
    pub section: Option<String>,
    pub statistic: Option<String>,
    /// The objective the indicator measures, if any.
    pub objective_id: Option<i64>,
}

/// A checked indicator, ready to store.
#[derive(Debug, Clone)]
pub struct IndicatorInput {
    pub objective_id: Option<i64>,
    pub definition: IndicatorDefinition,
}

impl TryFrom<IndicatorForm> for IndicatorInput {
    type Error = Problems;

    /// Checks every field and reports every problem at once, each at its
    /// field (milestones that are not numbers last).
    fn try_from(form: IndicatorForm) -> Result<Self, Problems> {
        let mut problems = Problems::new();
        let baseline_date = problems.check(parse_date("baseline_date", &form.baseline_date));
        let target_date = problems.check(parse_date("target_date", &form.target_date));
        if form.baseline_value.is_none() {
            problems.push(ValidationError::new("baseline_value", "not_a_number"));
        }
        if form.target_value.is_none() {
            problems.push(ValidationError::new("target_value", "not_a_number"));
        }
        let mut milestones = Vec::with_capacity(form.milestones.len());
        let mut unreadable_values = 0;
        for (date, value) in &form.milestones {
            let Some(value) = value else {
                unreadable_values += 1;
                continue;
            };
            if let Some(date) = problems.check(parse_date("milestones", date)) {
                milestones.push(Milestone {
                    date,
                    value: *value,
                });
            }
        }
        let detail = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let source = match form.source.trim() {
            "" | "manual" => Some(Source::Manual),
            "assessment" => Some(Source::Assessment {
                section: detail(&form.section),
            }),
            "workforce" => {
                let statistic = detail(&form.statistic).unwrap_or_default();
                if !statistic.is_empty()
                    && !gedhub_core::workforce::STATISTIC_KEYS.contains(&statistic.as_str())
                {
                    problems.push(ValidationError::new("statistic", "unknown_statistic"));
                }
                Some(Source::Workforce { statistic })
            }
            _ => {
                problems.push(ValidationError::new("source", "unknown_source"));
                None
            }
        };
        let definition = match (
            baseline_date,
            target_date,
            form.baseline_value,
            form.target_value,
            source,
        ) {
            (
                Some(baseline_date),
                Some(target_date),
                Some(baseline_value),
                Some(target_value),
                Some(source),
            ) => IndicatorDefinition::new(NewIndicator {
                name_en: form.name_en,
                name_fr: form.name_fr,
                unit: form.unit,
                direction: form.direction.filter(|d| !d.trim().is_empty()),
                baseline_value,
                baseline_date,
                target_value,
                target_date,
                milestones,
                frequency: form.frequency.filter(|f| !f.trim().is_empty()),
                source,
            })
            .map_err(|errors| problems.extend(errors))
            .ok(),
            _ => None,
        };
        for _ in 0..unreadable_values {
            problems.push(ValidationError::new("milestones", "not_a_number"));
        }
        match definition {
            Some(definition) if problems.is_empty() => Ok(IndicatorInput {
                objective_id: form.objective_id,
                definition,
            }),
            _ => Err(problems),
        }
    }
}

/// Adds an indicator to a plan.
pub async fn add_indicator(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<IndicatorInput, Error = Problems>,
) -> Result<PlanIndicator> {
    let plan = editable(store, caller, id).await?;
    let input = input.try_into()?;
    Ok(store
        .add_indicator(&caller.actor, &plan, input.objective_id, &input.definition)
        .await?)
}

/// Records one value of an indicator (a value for a date that has one
/// corrects it; the history keeps both). `plan_id` is the plan the address
/// names, if it names one.
pub async fn add_measurement(
    store: &Store,
    caller: &Caller,
    plan_id: Option<i64>,
    indicator_id: i64,
    input: impl TryInto<MeasurementInput, Error = Problems>,
) -> Result<Recorded> {
    let target = editable_indicator(store, caller, plan_id, indicator_id).await?;
    let input = input.try_into()?;
    record_measurements(store, caller, &target, &[input])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("no measurement recorded".to_owned()))
}

/// Records imported values, all or none. A value dated after the caller's
/// today has not been measured yet: refused (`measurement_in_future`).
pub async fn record_measurements(
    store: &Store,
    caller: &Caller,
    target: &EditableIndicator,
    rows: &[MeasurementInput],
) -> Result<Vec<Recorded>> {
    let today = caller.now.0.date_naive();
    if rows.iter().any(|row| !measured_by(row.date, today)) {
        return Err(ValidationError::new("date", "measurement_in_future").into());
    }
    Ok(store
        .record_measurements(&caller.actor, &target.plan, &target.indicator, rows)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> IndicatorForm {
        IndicatorForm {
            name_en: "Women in senior management".to_owned(),
            unit: "%".to_owned(),
            baseline_value: Some(20.0),
            baseline_date: "2024-01-01".to_owned(),
            target_value: Some(40.0),
            target_date: "2026-01-01".to_owned(),
            ..IndicatorForm::default()
        }
    }

    fn fields(problems: Problems) -> Vec<(&'static str, &'static str)> {
        problems.iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn a_complete_form_is_a_manual_indicator() {
        let input = IndicatorInput::try_from(form()).expect("valid");
        assert_eq!(*input.definition.source(), Source::Manual);
    }

    #[test]
    fn every_problem_is_reported_at_its_field_milestone_numbers_last() {
        let refused = IndicatorInput::try_from(IndicatorForm {
            baseline_value: None,
            target_date: "soon".to_owned(),
            milestones: vec![("2025-01-01".to_owned(), None), ("x".to_owned(), Some(1.0))],
            source: "rumour".to_owned(),
            ..form()
        })
        .expect_err("refused");
        assert_eq!(
            fields(refused),
            [
                ("target_date", "invalid_date"),
                ("baseline_value", "not_a_number"),
                ("milestones", "invalid_date"),
                ("source", "unknown_source"),
                ("milestones", "not_a_number"),
            ]
        );
    }

    #[test]
    fn an_unknown_workforce_statistic_is_refused() {
        let refused = IndicatorInput::try_from(IndicatorForm {
            source: "workforce".to_owned(),
            statistic: Some("no.such".to_owned()),
            ..form()
        })
        .expect_err("refused");
        assert_eq!(fields(refused), [("statistic", "unknown_statistic")]);
    }
}
