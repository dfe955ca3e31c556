//! Each role's next steps, for the dashboard (issue 19): a focal point sees
//! where their diagnostic stands and what to do next, the plan actions and
//! measurements due, and the workshops taking nominations; the Secretariat
//! sees what waits for it; anyone taking part in a workshop sees it and the
//! knowledge tests they have still to take.

use std::collections::HashSet;

use gedhub_core::authz;
use gedhub_core::monitoring::{DUE_SOON_DAYS, ReminderItem, due_reminders};
use gedhub_core::next_steps::{AssessmentState, DiagnosticStep, diagnostic_step};
use gedhub_store::Store;
use gedhub_store::assessments::Viewer;
use gedhub_store::dashboard::{CurrentWorkshop, SecretariatQueue, TestToTake};

use crate::caller::Caller;
use crate::error::Result;

/// Everything the caller's dashboard lists, each part only for the roles
/// it concerns (empty otherwise).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NextSteps {
    /// A focal point's diagnostic step, with the assessment's title.
    pub diagnostic: Option<(DiagnosticStep, String)>,
    /// A plan owner's actions and measurements due.
    pub due: Due,
    /// Workshops a focal point may nominate people to today.
    pub nominations_open: usize,
    /// What waits for the Secretariat.
    pub queue: Option<SecretariatQueue>,
    /// Workshops the caller takes part in that are not over.
    pub workshops: Vec<CurrentWorkshop>,
    /// Knowledge tests open for the caller.
    pub tests: Vec<TestToTake>,
}

/// What the caller's plans need, counted, with the plan to open first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Due {
    pub actions_overdue: usize,
    pub actions_due_soon: usize,
    pub measurements_due: usize,
    /// The plan of the oldest item.
    pub plan_id: Option<i64>,
}

impl Due {
    pub fn is_empty(&self) -> bool {
        self.actions_overdue + self.actions_due_soon + self.measurements_due == 0
    }
}

/// The caller's next steps today.
pub async fn next_steps(store: &Store, caller: &Caller) -> Result<NextSteps> {
    let today = caller.today();
    let mut steps = NextSteps {
        workshops: store.current_workshops_of(caller.user_id, today).await?,
        tests: store.tests_to_take(caller.user_id).await?,
        ..NextSteps::default()
    };
    if caller.principal.is_secretariat() {
        steps.queue = Some(store.secretariat_queue(today).await?);
    }
    if let Some(code) = authz::acts_for_administration(&caller.principal) {
        let viewer = Viewer {
            scope: caller.scope.clone(),
            user_id: caller.user_id,
        };
        let assessments: Vec<_> = store
            .assessments(&viewer)
            .await?
            .into_iter()
            .filter(|a| &a.administration == code)
            .collect();
        let planned: HashSet<i64> = store
            .plans(&authz::plan_scope(&caller.principal))
            .await?
            .iter()
            .filter_map(|plan| plan.assessment_id)
            .collect();
        let states: Vec<AssessmentState> = assessments
            .iter()
            .map(|a| AssessmentState {
                id: a.id,
                status: a.status,
                has_plan: planned.contains(&a.id),
            })
            .collect();
        let step = diagnostic_step(&states);
        let title = match step {
            DiagnosticStep::Start => String::new(),
            DiagnosticStep::Continue { assessment }
            | DiagnosticStep::AwaitValidation { assessment }
            | DiagnosticStep::BuildPlan { assessment }
            | DiagnosticStep::FollowPlan { assessment } => assessments
                .iter()
                .find(|a| a.id == assessment)
                .map(|a| a.title.clone())
                .unwrap_or_default(),
        };
        steps.diagnostic = Some((step, title));
        steps.nominations_open = store
            .workshops()
            .await?
            .iter()
            .filter(|w| w.accepts_nominations(today))
            .count();
    }
    if authz::may_start_plan(&caller.principal) {
        steps.due = due(store, caller).await?;
    }
    Ok(steps)
}

/// The caller's own reminders, as the daily job would send them today.
async fn due(store: &Store, caller: &Caller) -> Result<Due> {
    let inputs = store.reminder_inputs().await?;
    let reminders = due_reminders(
        &inputs.actions,
        &inputs.indicators,
        caller.today(),
        DUE_SOON_DAYS,
    );
    let Some(mine) = reminders.iter().find(|r| r.user_id == caller.user_id.0) else {
        return Ok(Due::default());
    };
    let mut due = Due::default();
    for item in &mine.items {
        let plan = match item {
            ReminderItem::ActionOverdue { action_id, .. } => {
                due.actions_overdue += 1;
                inputs.action_titles.get(action_id).map(|(plan, _)| *plan)
            }
            ReminderItem::ActionDueSoon { action_id, .. } => {
                due.actions_due_soon += 1;
                inputs.action_titles.get(action_id).map(|(plan, _)| *plan)
            }
            ReminderItem::MeasurementDue { indicator_id, .. } => {
                due.measurements_due += 1;
                inputs
                    .indicator_names
                    .get(indicator_id)
                    .map(|(plan, ..)| *plan)
            }
        };
        due.plan_id = due.plan_id.or(plan);
    }
    Ok(due)
}
