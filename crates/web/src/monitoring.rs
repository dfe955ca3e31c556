//! An action plan's monitoring as every view shows it (page, API, PDF,
//! Excel, the Secretariat's overview): measurements gathered from each
//! indicator's source, then progress, status and projection computed by
//! `gedhub_core::monitoring` as of one day.
//!
//! Sources are pluggable by design: an indicator names its source
//! (`gedhub_core::monitoring::Source`), and [`Sources::measurements`] is the one
//! place that turns a source into dated values. A workforce statistic is any
//! key the workforce module computes (`WorkforceReport::statistic`), so a new
//! statistic needs no change here; a new kind of source is one more arm.

use std::collections::HashMap;

use chrono::NaiveDate;
use gedhub_core::monitoring::{
    ActionStatus, Measurement, Progress, Projection, Source, Status, is_overdue, progress,
    projection,
};
use gedhub_core::scoring::{Scores, score};
use gedhub_core::{AdministrationCode, Scope};
use gedhub_store::assessments::Viewer;
use gedhub_store::plans::{Plan, PlanDetail, PlanIndicator, PlanSummaryInput};
use gedhub_store::workforce::StoredWorkforceReport;

use crate::diagnostic::ratings;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// One indicator with its values and where it stands.
#[derive(Debug, Clone)]
pub struct IndicatorProgress {
    pub indicator: PlanIndicator,
    /// Current values, oldest first (all of them, also after `today`).
    pub measurements: Vec<Measurement>,
    pub progress: Progress,
    pub projection: Option<Projection>,
}

/// Counts of actions, as the API's `actions` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionCounts {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
}

/// A plan with everything computed.
#[derive(Debug, Clone)]
pub struct PlanProgress {
    pub detail: PlanDetail,
    pub today: NaiveDate,
    pub indicators: Vec<IndicatorProgress>,
    pub actions: ActionCounts,
}

impl PlanProgress {
    /// Indicators per status, in [`Status::ALL`] order.
    pub fn indicators_by_status(&self) -> Vec<(Status, usize)> {
        count_statuses(self.indicators.iter().map(|i| i.progress.status))
    }

    /// Actions per status, in [`ActionStatus::ALL`] order.
    pub fn actions_by_status(&self) -> Vec<(ActionStatus, usize)> {
        ActionStatus::ALL
            .iter()
            .map(|status| {
                let count = self
                    .detail
                    .actions
                    .iter()
                    .filter(|action| action.status == *status)
                    .count();
                (*status, count)
            })
            .collect()
    }
}

fn count_statuses(statuses: impl Iterator<Item = Status>) -> Vec<(Status, usize)> {
    let statuses: Vec<Status> = statuses.collect();
    Status::ALL
        .iter()
        .map(|status| (*status, statuses.iter().filter(|s| *s == status).count()))
        .collect()
}

/// The date a workforce reporting year's figures stand for: the year's last
/// day (HR extracts describe the workforce at the end of the year).
pub fn workforce_measurement_date(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// Parses a stored `YYYY-MM-DD…` timestamp's date.
fn date_of(timestamp: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(timestamp.get(..10)?, "%Y-%m-%d").ok()
}

/// Today's date on the application clock.
pub fn today(state: &AppState) -> NaiveDate {
    date_of(&state.today()).unwrap_or(NaiveDate::MIN)
}

/// Where one administration's indicators take their values from, each
/// source read at most once: a plan with several GEOAT-fed or workforce-fed
/// indicators scores its assessments and reads its workforce reports once.
pub struct Sources<'a> {
    state: &'a AppState,
    scope: &'a Scope,
    administration: &'a AdministrationCode,
    /// Current typed-in or imported values by indicator id.
    manual: &'a HashMap<i64, Vec<(NaiveDate, f64)>>,
    assessments: Option<Vec<(NaiveDate, Scores)>>,
    workforce: Option<Vec<StoredWorkforceReport>>,
}

impl<'a> Sources<'a> {
    pub fn new(
        state: &'a AppState,
        scope: &'a Scope,
        administration: &'a AdministrationCode,
        manual: &'a HashMap<i64, Vec<(NaiveDate, f64)>>,
    ) -> Self {
        Self {
            state,
            scope,
            administration,
            manual,
            assessments: None,
            workforce: None,
        }
    }

    /// The dated values of one indicator, oldest first.
    ///
    /// - `manual`: the current values typed in or imported.
    /// - `assessment`: each validated (or archived) assessment of the
    ///   administration, dated on the day it was validated; the section's
    ///   score (or the overall score without a section), leaving out
    ///   assessments where it cannot be computed.
    /// - `workforce`: each reporting year's statistic, dated 31 December.
    pub async fn measurements(&mut self, indicator: &PlanIndicator) -> Result<Vec<Measurement>> {
        let values: Vec<(NaiveDate, f64)> = match indicator.definition.source() {
            Source::Manual => self.manual.get(&indicator.id).cloned().unwrap_or_default(),
            Source::Assessment { section } => {
                if self.assessments.is_none() {
                    self.assessments = Some(
                        scored_assessments(self.state, self.scope, self.administration).await?,
                    );
                }
                self.assessments
                    .iter()
                    .flatten()
                    .filter_map(|(date, scores)| {
                        let value = match section.as_deref() {
                            None => scores.overall.score_pct,
                            Some(code) => scores
                                .sections
                                .iter()
                                .find(|s| s.score.code == code)
                                .and_then(|s| s.score.score_pct),
                        };
                        value.map(|value| (*date, value))
                    })
                    .collect()
            }
            Source::Workforce { statistic } => {
                if self.workforce.is_none() {
                    // Indicators follow the protected figures, like every
                    // other reader of a workforce report.
                    let mut reports = self
                        .state
                        .store()
                        .workforce_reports(self.scope, self.administration)
                        .await?;
                    for stored in &mut reports {
                        stored.report =
                            gedhub_core::disclosure::workforce::ProtectedReport::protect(
                                stored.report.clone(),
                            )
                            .report()
                            .clone();
                    }
                    self.workforce = Some(reports);
                }
                self.workforce
                    .iter()
                    .flatten()
                    .filter_map(|stored| {
                        Some((
                            workforce_measurement_date(stored.reference_year)?,
                            stored.report.statistic(statistic)?,
                        ))
                    })
                    .collect()
            }
        };
        let mut measurements: Vec<Measurement> = values
            .into_iter()
            .filter_map(|(date, value)| Measurement::new(date, value).ok())
            .collect();
        measurements.sort_by_key(Measurement::date);
        Ok(measurements)
    }
}

/// The scores of each validated (or archived) assessment of an
/// administration, with the day it was validated.
async fn scored_assessments(
    state: &AppState,
    scope: &Scope,
    administration: &AdministrationCode,
) -> Result<Vec<(NaiveDate, Scores)>> {
    use gedhub_core::assessment::Status as AssessmentStatus;
    let viewer = Viewer {
        scope: scope.clone(),
        user_id: gedhub_core::UserId(0),
    };
    let mut scored = Vec::new();
    for assessment in state.store().assessments(&viewer).await? {
        if assessment.administration != *administration
            || !matches!(
                assessment.status,
                AssessmentStatus::Validated | AssessmentStatus::Archived
            )
        {
            continue;
        }
        let Some(date) = assessment.validated_at.as_deref().and_then(date_of) else {
            continue;
        };
        let instrument = state
            .store()
            .instrument(&assessment.instrument_code)
            .await?;
        let answers: HashMap<String, _> = state
            .store()
            .answers(assessment.id)
            .await?
            .into_iter()
            .map(|answer| (answer.indicator_code.clone(), answer))
            .collect();
        scored.push((date, score(&instrument, &ratings(&answers))));
    }
    Ok(scored)
}

fn indicator_progress(
    indicator: PlanIndicator,
    measurements: Vec<Measurement>,
    today: NaiveDate,
) -> IndicatorProgress {
    let progress = progress(&indicator.definition, &measurements, today);
    let projection = projection(&indicator.definition, &measurements, today);
    IndicatorProgress {
        indicator,
        measurements,
        progress,
        projection,
    }
}

fn count_actions<'a>(
    actions: impl Iterator<Item = (NaiveDate, ActionStatus)> + 'a,
    today: NaiveDate,
) -> ActionCounts {
    let mut counts = ActionCounts::default();
    for (due_date, status) in actions {
        counts.total += 1;
        if status == ActionStatus::Done {
            counts.done += 1;
        }
        if is_overdue(due_date, status, today) {
            counts.overdue += 1;
        }
    }
    counts
}

/// One plan's monitoring as of `today`, if the caller may see it.
pub async fn plan_progress(
    state: &AppState,
    scope: &Scope,
    plan_id: i64,
    today: NaiveDate,
) -> Result<PlanProgress> {
    let detail = state.store().plan_detail(scope, plan_id).await?;
    let mut indicators = Vec::with_capacity(detail.indicators.len());
    let mut sources = Sources::new(
        state,
        scope,
        &detail.plan.administration,
        &detail.measurements,
    );
    for indicator in &detail.indicators {
        let measurements = sources.measurements(indicator).await?;
        indicators.push(indicator_progress(indicator.clone(), measurements, today));
    }
    let actions = count_actions(detail.actions.iter().map(|a| (a.due_date, a.status)), today);
    Ok(PlanProgress {
        detail,
        today,
        indicators,
        actions,
    })
}

/// One plan in the Secretariat's cross-Member overview.
#[derive(Debug, Clone)]
pub struct PlanSummary {
    pub plan: Plan,
    pub indicators: usize,
    /// Indicators per status, in [`Status::ALL`] order.
    pub by_status: Vec<(Status, usize)>,
    pub actions: ActionCounts,
}

impl PlanSummary {
    /// Share of the plan's indicators that are on track or achieved, out of
    /// all its indicators (one without data is not on track); `None` for a
    /// plan without indicators.
    pub fn on_track_pct(&self) -> Option<f64> {
        let good: usize = self
            .by_status
            .iter()
            .filter(|(status, _)| matches!(status, Status::OnTrack | Status::Achieved))
            .map(|(_, count)| count)
            .sum();
        (self.indicators > 0).then(|| good as f64 / self.indicators as f64 * 100.0)
    }
}

/// Every plan with its indicator statuses and action counts as of `today`:
/// the Secretariat's overview. Manual indicators need only their latest
/// value, read for all plans at once; other sources are read per
/// administration.
pub async fn plan_summaries(state: &AppState, today: NaiveDate) -> Result<Vec<PlanSummary>> {
    let inputs = state.store().plan_summaries(today).await?;
    let mut summaries = Vec::with_capacity(inputs.len());
    for PlanSummaryInput {
        plan,
        actions,
        indicators,
    } in inputs
    {
        let mut statuses = Vec::with_capacity(indicators.len());
        let no_manual_values = HashMap::new();
        let mut sources = Sources::new(state, &Scope::All, &plan.administration, &no_manual_values);
        for (indicator, latest) in &indicators {
            let measurements = match (indicator.definition.source(), latest) {
                (Source::Manual, Some((date, value))) => {
                    vec![Measurement::new(*date, *value).map_err(AppError::from)?]
                }
                (Source::Manual, None) => Vec::new(),
                _ => sources.measurements(indicator).await?,
            };
            statuses.push(progress(&indicator.definition, &measurements, today).status);
        }
        summaries.push(PlanSummary {
            indicators: indicators.len(),
            by_status: count_statuses(statuses.into_iter()),
            actions: count_actions(actions.into_iter(), today),
            plan,
        });
    }
    Ok(summaries)
}
