//! The Secretariat's programme overview (issue 8): figures of the whole GED
//! capacity-building programme computed from Members' data, and the rule
//! that no figure is ever shown from fewer than five administrations.
//!
//! Policy:
//! - Pure computation: the store reads the rows, this module aggregates.
//! - A [`Figure`] always carries how many administrations it covers. When
//!   fewer than [`MIN_ADMINISTRATIONS`] contribute, its value is `None` and
//!   [`Figure::suppressed`] says why: a figure from one or two Members would
//!   let anyone who knows the filter read those Members' own numbers.
//! - Numbers are not rounded; only displays round.
//!
//! # Definitions
//! - A Member's workforce headline ([`WorkforceHeadline`]) is one report's
//!   headcounts: all staff, women among them, managers (every management
//!   level but `none`) and women among managers.
//! - Weighted share = Σ women / Σ staff × 100 over the contributing Members
//!   (a large administration counts for more): the share of women among all
//!   the staff the programme covers.
//! - Unweighted share = mean over the contributing Members of (women / staff
//!   × 100): the typical administration, each counting once.
//! - A Member contributes to a share when its denominator is above zero (no
//!   managers reported → it does not count towards the management figures).
//! - Suppression: fewer than [`MIN_ADMINISTRATIONS`] contributing Members →
//!   `value: None`, `suppressed: Some("fewer_than_5_administrations")`.

use serde::Serialize;

use crate::disclosure::Published;
use crate::disclosure::hierarchy::{Release, Selection};
use crate::values::Region;

/// Figures from fewer administrations than this are never shown.
pub const MIN_ADMINISTRATIONS: usize = 5;

/// The stable reason code of a suppressed figure.
pub const SUPPRESSED_FEWER_THAN_MIN: &str = "fewer_than_5_administrations";

/// One programme figure with its coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The value, or `None` when suppressed or when nothing contributes.
    pub value: Option<f64>,
    /// How many administrations contribute (shown even when suppressed).
    pub administrations: usize,
    /// Why the value is withheld, as a stable code.
    pub suppressed: Option<&'static str>,
}

impl Figure {
    /// Applies the suppression rule to a value computed from
    /// `administrations` Members.
    pub fn from_members(value: Option<f64>, administrations: usize) -> Self {
        if administrations < MIN_ADMINISTRATIONS {
            Figure {
                value: None,
                administrations,
                suppressed: Some(SUPPRESSED_FEWER_THAN_MIN),
            }
        } else {
            Figure {
                value,
                administrations,
                suppressed: None,
            }
        }
    }
}

/// The headcounts of one Member's workforce report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct WorkforceHeadline {
    pub staff: u64,
    pub women: u64,
    /// Workers at a management level other than `none`.
    pub managers: u64,
    pub women_managers: u64,
}

impl WorkforceHeadline {
    /// The headline of a full workforce report.
    pub fn of(report: &crate::workforce::WorkforceReport) -> Self {
        let (managers, women_managers) = report
            .representation
            .by_management_level
            .iter()
            .filter(|level| level.name != "none")
            .fold((0, 0), |(all, women), level| {
                (all + level.total, women + level.female)
            });
        WorkforceHeadline {
            staff: report.workers.total,
            women: report.workers.female,
            managers,
            women_managers,
        }
    }
}

/// Σ part / Σ whole × 100 over the pairs with `whole > 0`, suppressed below
/// [`MIN_ADMINISTRATIONS`] such pairs.
pub fn weighted_share(pairs: &[(u64, u64)]) -> Figure {
    let counted: Vec<&(u64, u64)> = pairs.iter().filter(|(_, whole)| *whole > 0).collect();
    let part: u64 = counted.iter().map(|(part, _)| part).sum();
    let whole: u64 = counted.iter().map(|(_, whole)| whole).sum();
    let value = (whole > 0).then(|| part as f64 / whole as f64 * 100.0);
    Figure::from_members(value, counted.len())
}

/// The mean of part / whole × 100 over the pairs with `whole > 0`,
/// suppressed below [`MIN_ADMINISTRATIONS`] such pairs.
pub fn unweighted_share(pairs: &[(u64, u64)]) -> Figure {
    let shares: Vec<f64> = pairs
        .iter()
        .filter(|(_, whole)| *whole > 0)
        .map(|(part, whole)| *part as f64 / *whole as f64 * 100.0)
        .collect();
    let value = (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64);
    Figure::from_members(value, shares.len())
}

/// The share of women among staff and in management, weighted and
/// unweighted, over Members' headlines (one per Member).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WomenShares {
    pub staff_weighted: Figure,
    pub staff_unweighted: Figure,
    pub management_weighted: Figure,
    pub management_unweighted: Figure,
}

impl WomenShares {
    pub fn of(headlines: &[WorkforceHeadline]) -> Self {
        let staff: Vec<(u64, u64)> = headlines.iter().map(|h| (h.women, h.staff)).collect();
        let management: Vec<(u64, u64)> = headlines
            .iter()
            .map(|h| (h.women_managers, h.managers))
            .collect();
        WomenShares {
            staff_weighted: weighted_share(&staff),
            staff_unweighted: unweighted_share(&staff),
            management_weighted: weighted_share(&management),
            management_unweighted: unweighted_share(&management),
        }
    }
}

/// Where a Member stands with the GEOAT self-assessment: its most advanced
/// diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum GeoatStatus {
    /// No diagnostic, or only drafts nobody has answered yet (or archived
    /// ones).
    None,
    /// Started (at least one answer), not yet submitted.
    InProgress,
    /// Submitted, waiting for validation.
    Submitted,
    /// The latest validation: its date (`YYYY-MM-DD`) and the instrument's
    /// edition.
    Validated { date: String, edition: String },
}

impl GeoatStatus {
    pub fn code(&self) -> &'static str {
        match self {
            GeoatStatus::None => "none",
            GeoatStatus::InProgress => "in_progress",
            GeoatStatus::Submitted => "submitted",
            GeoatStatus::Validated { .. } => "validated",
        }
    }
}

/// One assessment as the programme view reads it.
#[derive(Debug, Clone)]
pub struct AssessmentFact {
    /// `draft`, `in_progress`, `submitted`, `validated` or `archived`
    /// (`gedhub_core::assessment::Status`).
    pub status: String,
    /// When it was (last) submitted, a database timestamp.
    pub submitted_on: Option<String>,
    pub validated_on: Option<String>,
    pub edition: String,
}

impl AssessmentFact {
    /// The assessment as it stood at `end` (a database timestamp, e.g. the
    /// end of a filtered year), for an assessment created by then: a
    /// validation after `end` had not happened yet (submitted, or still
    /// being answered if the submission came after `end` too), and neither
    /// had a submission after `end`.
    pub fn as_at(mut self, end: &str) -> Self {
        let after = |on: &Option<String>| on.as_deref().is_some_and(|on| on > end);
        if self.status == "validated" && after(&self.validated_on) {
            self.status = "submitted".to_owned();
            self.validated_on = None;
        }
        if self.status == "submitted" && after(&self.submitted_on) {
            self.status = "in_progress".to_owned();
            self.submitted_on = None;
        }
        self
    }
}

/// A Member's GEOAT status from its assessments: validated when one is
/// (the latest validation wins), else submitted when one waits for
/// validation, else in progress when one is being answered, none otherwise
/// (drafts nobody has answered and archived ones do not count).
pub fn geoat_status(assessments: &[AssessmentFact]) -> GeoatStatus {
    let validated = assessments
        .iter()
        .filter(|a| a.status == "validated")
        .max_by(|a, b| a.validated_on.cmp(&b.validated_on));
    if let Some(latest) = validated {
        return GeoatStatus::Validated {
            date: latest
                .validated_on
                .as_deref()
                .unwrap_or_default()
                .chars()
                .take(10)
                .collect(),
            edition: latest.edition.clone(),
        };
    }
    let any = |status: &str| assessments.iter().any(|a| a.status == status);
    if any("submitted") {
        GeoatStatus::Submitted
    } else if any("in_progress") {
        GeoatStatus::InProgress
    } else {
        GeoatStatus::None
    }
}

/// Whether a Member has a diagnostic actually in progress: started (at
/// least one answer given), not yet submitted. A Member whose earlier
/// diagnostic is validated and who is answering a new one counts; a draft
/// nobody has answered and one waiting for validation do not.
pub fn geoat_in_progress(assessments: &[AssessmentFact]) -> bool {
    assessments.iter().any(|a| a.status == "in_progress")
}

/// Which of a Member's action plans the overview shows, from their
/// statuses and ids (newer plans have larger ids): the newest adopted plan
/// (what the administration committed to), else the newest closed one (the
/// last carried out), else the newest draft (shown as a draft). The index
/// in `plans`, `None` without plans.
pub fn shown_plan(plans: &[(i64, crate::monitoring::PlanStatus)]) -> Option<usize> {
    use crate::monitoring::PlanStatus;
    let rank = |status: PlanStatus| match status {
        PlanStatus::Adopted => 2,
        PlanStatus::Closed => 1,
        PlanStatus::Draft => 0,
    };
    plans
        .iter()
        .enumerate()
        .max_by_key(|(_, (id, status))| (rank(*status), *id))
        .map(|(index, _)| index)
}

/// A Member's action plan in the overview: the one [`shown_plan`] picks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanFact {
    /// The plan's status code (`draft`, `adopted`, ...).
    pub status: String,
    pub indicators: usize,
    /// Indicators on track or achieved (monitoring rules).
    pub on_track: usize,
}

impl PlanFact {
    /// On-track indicators / all indicators × 100; `None` without indicators.
    pub fn on_track_pct(&self) -> Option<f64> {
        (self.indicators > 0).then(|| self.on_track as f64 / self.indicators as f64 * 100.0)
    }
}

/// Counts by sex; `unknown` holds people whose sex is not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct BySex {
    pub female: u64,
    pub male: u64,
    pub other: u64,
    pub undisclosed: u64,
    pub unknown: u64,
}

impl BySex {
    pub fn total(&self) -> u64 {
        self.female + self.male + self.other + self.undisclosed + self.unknown
    }

    /// Counts one person of `sex` (`None`, or an unknown code: `unknown`).
    pub fn add(&mut self, sex: Option<&str>) {
        match sex {
            Some("female") => self.female += 1,
            Some("male") => self.male += 1,
            Some("other") => self.other += 1,
            Some("undisclosed") => self.undisclosed += 1,
            _ => self.unknown += 1,
        }
    }
}

/// Everything the overview shows for one Member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRow {
    pub code: String,
    pub name: String,
    pub region: String,
    pub geoat: GeoatStatus,
    /// A diagnostic is being answered ([`geoat_in_progress`]), whatever the
    /// status of earlier ones.
    pub geoat_in_progress: bool,
    pub plan: Option<PlanFact>,
    /// Reporting years, oldest first.
    pub workforce_years: Vec<i32>,
    /// The headline of the report used for the programme figures.
    pub workforce: Option<WorkforceHeadline>,
    pub trained: BySex,
    /// Experts and candidates of the Member, by pathway stage code.
    pub pathway: Vec<(String, u64)>,
    pub requests_open: u64,
    pub missions_open: u64,
    pub missions_delivered: u64,
    pub missions_with_feedback: u64,
}

/// One region's line of the breakdown. Counts of Members are public
/// (the administrations list); the shares obey the suppression rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionRow {
    pub region: String,
    pub members: usize,
    pub geoat_validated: Figure,
    pub plans: Figure,
    pub workforce_reporting: Figure,
    pub trained: Figure,
    pub women_staff_weighted: Figure,
    pub women_management_weighted: Figure,
}

/// A sum of Members' own quantities (people trained, missions delivered),
/// withheld unless at least [`MIN_ADMINISTRATIONS`] Members contribute to
/// it: a sum with one contributor is that Member's own figure, however
/// many Members the selection holds.
pub fn sum_figure(values: impl IntoIterator<Item = u64>) -> Figure {
    let (sum, contributors) = values
        .into_iter()
        .filter(|value| *value > 0)
        .fold((0u64, 0usize), |(sum, n), value| (sum + value, n + 1));
    Figure::from_members(Some(sum as f64), contributors)
}

/// A count over `members` Members, suppressed like any other figure.
fn count_figure(count: usize, members: usize) -> Figure {
    Figure::from_members(Some(count as f64), members)
}

/// The breakdown over the six WCO regions (always all six, in their
/// standard order), from the Member rows.
pub fn regional_breakdown(rows: &[MemberRow]) -> Vec<RegionRow> {
    Region::ALL
        .iter()
        .map(|region| {
            let members: Vec<&MemberRow> = rows
                .iter()
                .filter(|row| row.region == region.as_str())
                .collect();
            let n = members.len();
            let headlines: Vec<WorkforceHeadline> =
                members.iter().filter_map(|row| row.workforce).collect();
            let shares = WomenShares::of(&headlines);
            RegionRow {
                region: region.as_str().to_owned(),
                members: n,
                geoat_validated: count_figure(
                    members
                        .iter()
                        .filter(|row| matches!(row.geoat, GeoatStatus::Validated { .. }))
                        .count(),
                    n,
                ),
                plans: count_figure(members.iter().filter(|row| row.plan.is_some()).count(), n),
                workforce_reporting: count_figure(headlines.len(), n),
                trained: sum_figure(members.iter().map(|row| row.trained.total())),
                women_staff_weighted: shares.staff_weighted,
                women_management_weighted: shares.management_weighted,
            }
        })
        .collect()
}

/// The whole programme's figures over the Member rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeFigures {
    pub members: usize,
    pub geoat_validated: usize,
    pub geoat_in_progress: usize,
    pub plans: usize,
    /// Mean share of indicators on track over Members with a plan that has
    /// indicators (suppressed below five).
    pub on_track_mean: Figure,
    pub workforce_reporting: usize,
    pub women: WomenShares,
    pub trained: BySex,
    pub requests_open: u64,
    pub missions_open: u64,
    pub missions_delivered: u64,
    pub missions_with_feedback: u64,
}

impl ProgrammeFigures {
    pub fn of(rows: &[MemberRow]) -> Self {
        let headlines: Vec<WorkforceHeadline> =
            rows.iter().filter_map(|row| row.workforce).collect();
        let on_track: Vec<f64> = rows
            .iter()
            .filter_map(|row| row.plan.as_ref().and_then(PlanFact::on_track_pct))
            .collect();
        let mut trained = BySex::default();
        for row in rows {
            trained.female += row.trained.female;
            trained.male += row.trained.male;
            trained.other += row.trained.other;
            trained.undisclosed += row.trained.undisclosed;
            trained.unknown += row.trained.unknown;
        }
        ProgrammeFigures {
            members: rows.len(),
            geoat_validated: rows
                .iter()
                .filter(|row| matches!(row.geoat, GeoatStatus::Validated { .. }))
                .count(),
            geoat_in_progress: rows.iter().filter(|row| row.geoat_in_progress).count(),
            plans: rows.iter().filter(|row| row.plan.is_some()).count(),
            on_track_mean: Figure::from_members(
                (!on_track.is_empty())
                    .then(|| on_track.iter().sum::<f64>() / on_track.len() as f64),
                on_track.len(),
            ),
            workforce_reporting: headlines.len(),
            women: WomenShares::of(&headlines),
            trained,
            requests_open: rows.iter().map(|row| row.requests_open).sum(),
            missions_open: rows.iter().map(|row| row.missions_open).sum(),
            missions_delivered: rows.iter().map(|row| row.missions_delivered).sum(),
            missions_with_feedback: rows.iter().map(|row| row.missions_with_feedback).sum(),
        }
    }

    /// The same figures as a focal point may see them: every count that
    /// comes from fewer than [`MIN_ADMINISTRATIONS`] Members is withheld too
    /// (counts of one Member's missions are that Member's data).
    pub fn aggregates_only(rows: &[MemberRow]) -> AggregateFigures {
        let figures = ProgrammeFigures::of(rows);
        let n = figures.members;
        let count = |value: u64| count_figure(value as usize, n);
        AggregateFigures {
            members: n,
            geoat_validated: count(figures.geoat_validated as u64),
            plans: count(figures.plans as u64),
            on_track_mean: figures.on_track_mean,
            workforce_reporting: count(figures.workforce_reporting as u64),
            women: figures.women,
            trained: sum_figure(rows.iter().map(|row| row.trained.total())),
            missions_delivered: sum_figure(rows.iter().map(|row| row.missions_delivered)),
        }
    }
}

/// Aggregates safe to show to a Member: each one suppressed below
/// [`MIN_ADMINISTRATIONS`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateFigures {
    pub members: usize,
    pub geoat_validated: Figure,
    pub plans: Figure,
    pub on_track_mean: Figure,
    pub workforce_reporting: Figure,
    pub women: WomenShares,
    pub trained: Figure,
    pub missions_delivered: Figure,
}

/// The sexes a person's account may record (issue 8: people trained by
/// sex). Not recording it is allowed and counted apart as unknown.
pub const SEXES: [&str; 4] = ["female", "male", "other", "undisclosed"];

/// A sex from a form or API field: empty means "not recorded" (`None`).
pub fn parse_sex(raw: &str) -> Result<Option<&'static str>, crate::ValidationError> {
    match raw.trim() {
        "" => Ok(None),
        code => SEXES
            .iter()
            .find(|sex| **sex == code)
            .map(|sex| Some(*sex))
            .ok_or(crate::ValidationError::new("sex", "unknown_sex")),
    }
}

/// Keys of the measures in a programme release.
pub mod measures {
    pub const ON_TRACK: &str = "on_track";
    pub const WOMEN_STAFF: &str = "women_staff";
    pub const WOMEN_MANAGEMENT: &str = "women_management";
    pub const TRAINED: &str = "trained";
    pub const MISSIONS_DELIVERED: &str = "missions_delivered";
    pub const MISSIONS_FEEDBACK: &str = "missions_with_feedback";
    pub const REQUESTS_OPEN: &str = "requests_open";
    /// Counts of Members (public, like the administrations behind a figure).
    pub const GEOAT_VALIDATED: &str = "geoat_validated";
    pub const GEOAT_IN_PROGRESS: &str = "geoat_in_progress";
    pub const PLANS: &str = "plans";
    pub const WORKFORCE_REPORTING: &str = "workforce_reporting";
}

/// What a period's programme release is computed from: the Member rows of
/// that year (`ProgrammeFilter { year: Some(period), .. }`), every region.
/// The definitions are those of [`ProgrammeFigures`]: shares over Members
/// with a denominator, sums over Members with a non-zero value.
pub fn release_input(
    period: i32,
    rows: &[MemberRow],
) -> crate::disclosure::hierarchy::ReleaseInput {
    use crate::disclosure::hierarchy::{Contribution, Measure, ReleaseInput, Statistic};
    let region_of = |row: &MemberRow| Region::parse(&row.region).ok();
    let contributions = |value: &dyn Fn(&MemberRow) -> Option<Vec<f64>>| -> Vec<Contribution> {
        rows.iter()
            .filter_map(|row| {
                Some(Contribution {
                    member: row.code.clone(),
                    region: region_of(row)?,
                    components: value(row)?,
                })
            })
            .collect()
    };
    let nonzero = |value: u64| (value > 0).then(|| vec![value as f64]);
    let having = |test: &dyn Fn(&MemberRow) -> bool| -> Vec<String> {
        rows.iter()
            .filter(|row| test(row))
            .map(|row| row.code.clone())
            .collect()
    };
    ReleaseInput {
        period,
        members: rows
            .iter()
            .filter_map(|row| Some((row.code.clone(), region_of(row)?)))
            .collect(),
        counts: vec![
            (
                measures::GEOAT_VALIDATED.to_owned(),
                having(&|row| matches!(row.geoat, GeoatStatus::Validated { .. })),
            ),
            (
                measures::GEOAT_IN_PROGRESS.to_owned(),
                having(&|row| row.geoat_in_progress),
            ),
            (
                measures::PLANS.to_owned(),
                having(&|row| row.plan.is_some()),
            ),
            (
                measures::WORKFORCE_REPORTING.to_owned(),
                having(&|row| row.workforce.is_some()),
            ),
        ],
        measures: vec![
            Measure {
                key: measures::ON_TRACK.to_owned(),
                statistic: Statistic::Mean,
                contributions: contributions(&|row| {
                    row.plan
                        .as_ref()
                        .and_then(PlanFact::on_track_pct)
                        .map(|pct| vec![pct])
                }),
            },
            Measure {
                key: measures::WOMEN_STAFF.to_owned(),
                statistic: Statistic::Share,
                contributions: contributions(&|row| {
                    row.workforce
                        .filter(|h| h.staff > 0)
                        .map(|h| vec![h.women as f64, h.staff as f64])
                }),
            },
            Measure {
                key: measures::WOMEN_MANAGEMENT.to_owned(),
                statistic: Statistic::Share,
                contributions: contributions(&|row| {
                    row.workforce
                        .filter(|h| h.managers > 0)
                        .map(|h| vec![h.women_managers as f64, h.managers as f64])
                }),
            },
            Measure {
                key: measures::TRAINED.to_owned(),
                statistic: Statistic::Sum,
                contributions: contributions(&|row| nonzero(row.trained.total())),
            },
            Measure {
                key: measures::MISSIONS_DELIVERED.to_owned(),
                statistic: Statistic::Sum,
                contributions: contributions(&|row| nonzero(row.missions_delivered)),
            },
            Measure {
                key: measures::MISSIONS_FEEDBACK.to_owned(),
                statistic: Statistic::Sum,
                contributions: contributions(&|row| nonzero(row.missions_with_feedback)),
            },
            Measure {
                key: measures::REQUESTS_OPEN.to_owned(),
                statistic: Statistic::Sum,
                contributions: contributions(&|row| nonzero(row.requests_open)),
            },
        ],
    }
}

/// The shares of women of a published selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedShares {
    pub staff_weighted: Published,
    pub staff_unweighted: Published,
    pub management_weighted: Published,
    pub management_unweighted: Published,
}

/// The published figures of one selection (all Members, or a region) for
/// a period: what focal points, their API and the annual report show.
/// Built only from a [`Release`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedFigures {
    /// `global`, or the region's code.
    pub selection: String,
    pub members: Published,
    pub geoat_validated: Published,
    pub geoat_in_progress: Published,
    pub plans: Published,
    pub workforce_reporting: Published,
    pub on_track_mean: Published,
    pub women: PublishedShares,
    pub trained: Published,
    pub requests_open: Published,
    pub missions_delivered: Published,
    pub missions_with_feedback: Published,
}

impl PublishedFigures {
    pub fn of(release: &Release, selection: Selection) -> Self {
        PublishedFigures {
            selection: match selection {
                Selection::Global => "global".to_owned(),
                Selection::Region(region) => region.as_str().to_owned(),
            },
            members: release.count("members", selection),
            geoat_validated: release.count(measures::GEOAT_VALIDATED, selection),
            geoat_in_progress: release.count(measures::GEOAT_IN_PROGRESS, selection),
            plans: release.count(measures::PLANS, selection),
            workforce_reporting: release.count(measures::WORKFORCE_REPORTING, selection),
            on_track_mean: release.figure(measures::ON_TRACK, selection),
            women: PublishedShares {
                staff_weighted: release.figure(measures::WOMEN_STAFF, selection),
                staff_unweighted: release.unweighted(measures::WOMEN_STAFF, selection),
                management_weighted: release.figure(measures::WOMEN_MANAGEMENT, selection),
                management_unweighted: release.unweighted(measures::WOMEN_MANAGEMENT, selection),
            },
            trained: release.figure(measures::TRAINED, selection),
            requests_open: release.figure(measures::REQUESTS_OPEN, selection),
            missions_delivered: release.figure(measures::MISSIONS_DELIVERED, selection),
            missions_with_feedback: release.figure(measures::MISSIONS_FEEDBACK, selection),
        }
    }

    /// A selection of a period that is not published: no value anywhere.
    pub fn unpublished(selection: &str) -> Self {
        let none = Published::unpublished;
        PublishedFigures {
            selection: selection.to_owned(),
            members: none(),
            geoat_validated: none(),
            geoat_in_progress: none(),
            plans: none(),
            workforce_reporting: none(),
            on_track_mean: none(),
            women: PublishedShares {
                staff_weighted: none(),
                staff_unweighted: none(),
                management_weighted: none(),
                management_unweighted: none(),
            },
            trained: none(),
            requests_open: none(),
            missions_delivered: none(),
            missions_with_feedback: none(),
        }
    }
}
