//! Progress, status and projection of an indicator (definitions in the
//! module documentation of [`crate::monitoring`]).

use chrono::NaiveDate;
use serde::Serialize;

use super::indicator::IndicatorDefinition;
use crate::values::ValidationError;

/// One value of an indicator at a date. The value is finite: a measurement
/// without a usable number is refused at the edge, before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measurement {
    date: NaiveDate,
    value: f64,
}

impl Measurement {
    pub fn new(date: NaiveDate, value: f64) -> Result<Self, ValidationError> {
        if value.is_finite() {
            Ok(Self { date, value })
        } else {
            Err(ValidationError::new("value", "not_finite"))
        }
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub fn value(&self) -> f64 {
        self.value
    }
}

/// An indicator's status; the API's codes are the snake_case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NoData,
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::NoData,
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NoData => "no_data",
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
        }
    }

    /// The thresholds, for an indicator with data: achieved at 100 %
    /// progress; else on track within 10 points behind the elapsed time, at
    /// risk within 25, off track beyond.
    pub fn classify(progress_pct: f64, elapsed_pct: f64) -> Self {
        if progress_pct >= 100.0 {
            Status::Achieved
        } else if progress_pct >= elapsed_pct - 10.0 {
            Status::OnTrack
        } else if progress_pct >= elapsed_pct - 25.0 {
            Status::AtRisk
        } else {
            Status::OffTrack
        }
    }
}

/// Whether the comparison point is the final target or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    Target,
    Milestone,
}

/// The point progress and elapsed time are measured towards, from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub date: NaiveDate,
    pub value: f64,
}

/// An indicator's progress as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    /// `None` without data; otherwise not clamped.
    pub progress_pct: Option<f64>,
    /// `None` without data; otherwise within `0..=100`.
    pub elapsed_pct: Option<f64>,
    pub status: Status,
    /// The measurement the figures use.
    pub latest: Option<Measurement>,
    pub reference: Reference,
}

/// The measurements that count on `today`: dated on or before it, one per
/// date (the one given last wins: a correction is the newer row), sorted by
/// date.
pub fn current_measurements(measurements: &[Measurement], today: NaiveDate) -> Vec<Measurement> {
    let mut current: Vec<Measurement> = Vec::with_capacity(measurements.len());
    // A stable sort keeps equal dates in the given order; the last is kept.
    let mut sorted: Vec<Measurement> = measurements
        .iter()
        .copied()
        .filter(|m| m.date <= today)
        .collect();
    sorted.sort_by_key(|m| m.date);
    for measurement in sorted {
        match current.last_mut() {
            Some(last) if last.date == measurement.date => *last = measurement,
            _ => current.push(measurement),
        }
    }
    current
}

/// The reference on `today`: the latest milestone on or before `today` while
/// the target date is still ahead, else the target.
fn reference(definition: &IndicatorDefinition, today: NaiveDate) -> Reference {
    let target = Reference {
        kind: ReferenceKind::Target,
        date: definition.target_date(),
        value: definition.target_value(),
    };
    if definition.target_date() <= today {
        return target;
    }
    definition
        .milestones()
        .iter()
        .filter(|milestone| milestone.date <= today)
        .max_by_key(|milestone| milestone.date)
        .map_or(target, |milestone| Reference {
            kind: ReferenceKind::Milestone,
            date: milestone.date,
            value: milestone.value,
        })
}

/// Days from `from` to `to` as a float (negative when `to` is earlier).
fn days_between(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}

/// The progress and status of `definition` on `today`.
pub fn progress(
    definition: &IndicatorDefinition,
    measurements: &[Measurement],
    today: NaiveDate,
) -> Progress {
    let reference = reference(definition, today);
    let latest = current_measurements(measurements, today).last().copied();
    let Some(latest) = latest else {
        return Progress {
            progress_pct: None,
            elapsed_pct: None,
            status: Status::NoData,
            latest: None,
            reference,
        };
    };
    let baseline = definition.baseline_value();
    // The definition guarantees reference.value ≠ baseline and
    // reference.date > baseline date.
    let progress_pct = (latest.value - baseline) / (reference.value - baseline) * 100.0;
    let elapsed_pct = (days_between(definition.baseline_date(), latest.date)
        / days_between(definition.baseline_date(), reference.date)
        * 100.0)
        .clamp(0.0, 100.0);
    Progress {
        progress_pct: Some(progress_pct),
        elapsed_pct: Some(elapsed_pct),
        status: Status::classify(progress_pct, elapsed_pct),
        latest: Some(latest),
        reference,
    }
}

/// A straight line through the data so far, drawn to the target date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Projection {
    /// The line's value at the (final) target date.
    pub at_target_date: f64,
    /// The line at the baseline date and at the target date, for the chart.
    pub points: [(NaiveDate, f64); 2],
}

/// Least-squares line over (days since the baseline date, value) of the
/// baseline point and the [`current_measurements`] on `today`, evaluated at
/// the final target date (milestones do not change where the line is drawn
/// to). The baseline is a point dated on the baseline date; a measurement on
/// that date replaces it, like any newer value for a date. `None` without a
/// measurement on or before `today`, when all points share one date (no
/// slope), or if the line is not finite.
pub fn projection(
    definition: &IndicatorDefinition,
    measurements: &[Measurement],
    today: NaiveDate,
) -> Option<Projection> {
    let current = current_measurements(measurements, today);
    if current.is_empty() {
        return None;
    }
    let start = definition.baseline_date();
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(current.len() + 1);
    if !current.iter().any(|m| m.date == start) {
        points.push((0.0, definition.baseline_value()));
    }
    points.extend(
        current
            .iter()
            .map(|m| (days_between(start, m.date), m.value)),
    );

    let n = points.len() as f64;
    let mean_x = points.iter().map(|(x, _)| x).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (x, y) in &points {
        sxx += (x - mean_x) * (x - mean_x);
        sxy += (x - mean_x) * (y - mean_y);
    }
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let at = |x: f64| mean_y + slope * (x - mean_x);
    let target_date = definition.target_date();
    let at_start = at(0.0);
    let at_target_date = at(days_between(start, target_date));
    (at_start.is_finite() && at_target_date.is_finite()).then_some(Projection {
        at_target_date,
        points: [(start, at_start), (target_date, at_target_date)],
    })
}
