//! What the daily reminder job tells each responsible person. The job (at
//! the edge) chooses the day, runs once per day and records what was sent;
//! this only lists what is due on that day.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::action::{ActionStatus, is_overdue};
use super::indicator::Frequency;

/// An action as the reminder job needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionDue {
    pub action_id: i64,
    pub responsible_user_id: i64,
    pub due_date: NaiveDate,
    pub status: ActionStatus,
}

/// An indicator as the reminder job needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorDue {
    pub indicator_id: i64,
    pub responsible_user_id: i64,
    pub frequency: Frequency,
    pub baseline_date: NaiveDate,
    /// The latest measurement's date, if any.
    pub last_measurement: Option<NaiveDate>,
}

/// One thing to remind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderItem {
    /// Due before today and neither done nor cancelled.
    ActionOverdue { action_id: i64, due_date: NaiveDate },
    /// Due today or within the horizon, neither done nor cancelled.
    ActionDueSoon { action_id: i64, due_date: NaiveDate },
    /// A new measurement was due on `due_date` (today or earlier).
    MeasurementDue {
        indicator_id: i64,
        due_date: NaiveDate,
    },
}

impl ReminderItem {
    fn due_date(&self) -> NaiveDate {
        match self {
            ReminderItem::ActionOverdue { due_date, .. }
            | ReminderItem::ActionDueSoon { due_date, .. }
            | ReminderItem::MeasurementDue { due_date, .. } => *due_date,
        }
    }

    fn order(&self) -> (NaiveDate, u8, i64) {
        match *self {
            ReminderItem::ActionOverdue { action_id, .. } => (self.due_date(), 0, action_id),
            ReminderItem::ActionDueSoon { action_id, .. } => (self.due_date(), 1, action_id),
            ReminderItem::MeasurementDue { indicator_id, .. } => (self.due_date(), 2, indicator_id),
        }
    }
}

/// Everything due for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub user_id: i64,
    /// Oldest due date first; on a date, overdue actions, then actions due
    /// soon, then measurements, each by id.
    pub items: Vec<ReminderItem>,
}

/// How many days ahead an action counts as "due soon" (reminders and
/// dashboards alike).
pub const DUE_SOON_DAYS: u32 = 7;

/// Reminders on `today`, one per user with something due, by user id:
/// - actions not done or cancelled that are overdue (due before today) or due
///   within `horizon_days` (today ≤ due ≤ today + horizon_days);
/// - indicators whose next measurement is due:
///   `frequency.next_due(last measurement, or the baseline date) ≤ today`.
///
/// The caller passes the actions and indicators of monitored (adopted) plans.
/// Being pure, the function gives the same list when the job catches up on a
/// missed day: pass that day as `today`.
pub fn due_reminders(
    actions: &[ActionDue],
    indicators: &[IndicatorDue],
    today: NaiveDate,
    horizon_days: u32,
) -> Vec<Reminder> {
    let horizon_end = today
        .checked_add_days(Days::new(u64::from(horizon_days)))
        .unwrap_or(NaiveDate::MAX);
    let mut by_user: BTreeMap<i64, Vec<ReminderItem>> = BTreeMap::new();

    for action in actions {
        let item = if is_overdue(action.due_date, action.status, today) {
            ReminderItem::ActionOverdue {
                action_id: action.action_id,
                due_date: action.due_date,
            }
        } else if !action.status.is_closed()
            && action.due_date >= today
            && action.due_date <= horizon_end
        {
            ReminderItem::ActionDueSoon {
                action_id: action.action_id,
                due_date: action.due_date,
            }
        } else {
            continue;
        };
        by_user
            .entry(action.responsible_user_id)
            .or_default()
            .push(item);
    }

    for indicator in indicators {
        let since = indicator
            .last_measurement
            .unwrap_or(indicator.baseline_date);
        let due_date = indicator.frequency.next_due(since);
        if due_date <= today {
            by_user
                .entry(indicator.responsible_user_id)
                .or_default()
                .push(ReminderItem::MeasurementDue {
                    indicator_id: indicator.indicator_id,
                    due_date,
                });
        }
    }

    by_user
        .into_iter()
        .map(|(user_id, mut items)| {
            items.sort_by_key(ReminderItem::order);
            Reminder { user_id, items }
        })
        .collect()
}
