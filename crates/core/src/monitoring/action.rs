//! Actions and plans: their states and the overdue rule.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

/// An action's state, as the responsible person reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
    /// Reported late by the responsible person. Distinct from overdue, which
    /// is computed from the due date.
    Delayed,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Cancelled,
        ActionStatus::Delayed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
            ActionStatus::Delayed => "delayed",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        ActionStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == code.trim())
            .ok_or(ValidationError::new("status", "unknown_status"))
    }

    /// Done and cancelled actions need nothing more: never overdue, never
    /// reminded.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Overdue: the due date is before `today` (an action due today is still on
/// time) and the action is neither done nor cancelled.
pub fn is_overdue(due_date: NaiveDate, status: ActionStatus, today: NaiveDate) -> bool {
    due_date < today && !status.is_closed()
}

/// An action plan's state: a draft is prepared, adopted by the administration
/// (then monitored), and closed at the end of its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    Adopted,
    Closed,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Draft, PlanStatus::Adopted, PlanStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Adopted => "adopted",
            PlanStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        PlanStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == code.trim())
            .ok_or(ValidationError::new("status", "unknown_status"))
    }

    /// Forward only: draft → adopted → closed. An adopted plan is what the
    /// administration committed to, so it does not go back to draft; a closed
    /// plan is a record and is not reopened (a new plan is made instead).
    pub fn can_become(self, next: PlanStatus) -> bool {
        matches!(
            (self, next),
            (PlanStatus::Draft, PlanStatus::Adopted) | (PlanStatus::Adopted, PlanStatus::Closed)
        )
    }

    /// `next`, or `status: transition_not_allowed`.
    pub fn transition(self, next: PlanStatus) -> Result<PlanStatus, ValidationError> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(ValidationError::new("status", "transition_not_allowed"))
        }
    }

    /// Reminders and the Secretariat's on-track shares concern adopted plans.
    pub fn is_monitored(self) -> bool {
        self == PlanStatus::Adopted
    }
}

impl fmt::Display for PlanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
