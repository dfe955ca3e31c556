//! Action-plan monitoring and evaluation (issue 4): indicator definitions,
//! progress and status, projection, action and plan states, reminders.
//!
//! Policy:
//! - Pure rules. "Today" is always a parameter, so a fake clock in the
//!   reminder job and in tests is just another date.
//! - Definitions are validated once, by [`IndicatorDefinition::new`], which
//!   lists every problem at once. The computations may then rely on what it
//!   guarantees: the target date is after the baseline date, and neither the
//!   target nor any milestone has the baseline's value, so no division below is
//!   by zero.
//! - Numbers are not rounded; only displays round.
//!
//! # Definitions (issue 4, with the readings this module takes)
//! - Measurements are "current" values: the caller passes the corrected value
//!   of each row (corrections keep their history elsewhere). If several share a
//!   date, the one given last wins, as a correction is the newer row
//!   ([`current_measurements`]).
//! - `latest` is the measurement with the latest date on or before `today`;
//!   measurements dated after `today` are ignored everywhere.
//! - The reference is the target, except while the target date is still after
//!   `today` and at least one milestone's date is on or before `today`: then
//!   the latest such milestone replaces the target value and date. "Has passed"
//!   is read against `today` (the issue's "when a milestone's date has
//!   passed", present tense, like "on or before today"), and a milestone counts
//!   as passed on its own date, so a value measured on the milestone's day is
//!   judged against that milestone. Once the target date itself is on or
//!   before `today`, the target is the latest passed point and is the reference.
//! - `progress_pct = (latest − baseline) / (reference − baseline) × 100`,
//!   computed as the ratio first, then × 100, so a value equal to the reference
//!   gives exactly 100 and one equal to the baseline exactly 0. Not clamped: it
//!   may be negative or above 100. The same formula serves both directions: a
//!   decrease has `reference < baseline`, so moving down gives a positive ratio.
//! - `elapsed_pct = (latest's date − baseline date) / (reference date −
//!   baseline date) × 100` in whole days, ratio first, clamped to `0..=100`.
//! - Status: `no_data` without a measurement on or before `today`; `achieved`
//!   when `progress_pct ≥ 100`; otherwise `on_track` when `progress_pct ≥
//!   elapsed_pct − 10`, `at_risk` when `progress_pct ≥ elapsed_pct − 25`, else
//!   `off_track`. Comparisons are exact (no tolerance). With a milestone as the
//!   reference, `achieved` means the milestone is reached
//!   ([`Progress::reference`] says which one it is).

mod action;
pub mod import;
mod indicator;
mod progress;
mod reminders;

pub use action::{ActionStatus, PlanStatus, is_overdue};
pub use import::{MAX_TEXT_CHARS, MeasurementInput};
pub use indicator::{
    Direction, Frequency, IndicatorDefinition, Milestone, NewIndicator, Source, Unit,
};
pub use progress::{
    Measurement, Progress, Projection, Reference, ReferenceKind, Status, current_measurements,
    progress, projection,
};
pub use reminders::{
    ActionDue, DUE_SOON_DAYS, IndicatorDue, Reminder, ReminderItem, due_reminders,
};
