//! Workforce statistics: an HR extract in, sex-disaggregated statistics out
//! (issue 5's exact definitions, which this module implements and its tests pin).
//!
//! Policy:
//! - Pure computation. The caller reads the file (CSV bytes, or the first
//!   sheet of an .xlsx turned into strings) and hands it over; the raw rows are
//!   never stored, only the [`WorkforceReport`] aggregates leave this module.
//! - One engine. [`report_from_csv`] and [`report_from_rows`] share the row
//!   validation, the duplicate detection and the statistics; they differ only in
//!   how a row's cells are found.
//! - Strict by default. Any bad row refuses the whole file
//!   ([`ExtractError::Rejected`], every problem by line and column); with
//!   [`ReportOptions::skip_invalid`] the valid rows are computed and the report
//!   says how many were left out ([`WorkforceReport::rejected_rows`]).
//! - Numbers are not rounded; a figure that cannot be computed (no worker of a
//!   sex, a male value of 0) is `None`/`null`, never NaN or infinity.
//!
//! # Definitions
//! - `hourly_pay = (annual_basic_pay + annual_variable_pay) / (weekly_hours × 52)`,
//!   `hourly_basic = annual_basic_pay / (weekly_hours × 52)`.
//! - Gaps compare female (`F`) and male (`M`) workers; `X` (another gender) and
//!   `U` (unknown) are counted in headcounts, never in gaps.
//!   `gap = (male − female) / male × 100`: positive when women are paid less,
//!   negative when they are paid more. Computed as `100 × (male − female) / male`,
//!   which is the same quantity with one rounding less.
//! - Median of an even count: the mean of the two middle values.
//! - Variable pay figures are over receivers only (`annual_variable_pay > 0`).
//! - Quartile bands: F and M workers ranked by `hourly_pay`; `n / 4` places per
//!   band, the remainder going to lower (r = 1), lower and upper-middle (r = 2),
//!   lower, lower-middle and upper-middle (r = 3). A group of workers on the
//!   same hourly pay that straddles a boundary is shared in proportion: each band
//!   takes its places from the group with the group's own female share.
//! - Categories: fewer than `min_group` women or men → suppressed (pay figures
//!   null, never flagged); otherwise `joint_assessment_required` when
//!   `|total_pay_gap.mean_pct| ≥ 5` (Article 10's trigger before justification).
//! - Flows: a hire, exit or promotion counts when its date falls in the reference
//!   year; `rate_pct = events of that sex / workers of that sex × 100`. A flow
//!   whose date column is absent from the extract is `null` (unknown, not zero).

mod extract;
mod quartiles;
mod statistics;

use serde::{Deserialize, Serialize};

pub use extract::{
    report_from_csv, report_from_csv_limited, report_from_csv_with_threads, report_from_file,
    report_from_rows, report_from_xlsx,
};

/// How a report is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The calendar year the extract covers: flows count the events dated in it.
    pub reference_year: i32,
    /// Categories with fewer women or fewer men than this are suppressed.
    pub min_group: u32,
    /// Compute on the valid rows instead of refusing a file with bad rows.
    pub skip_invalid: bool,
}

impl ReportOptions {
    /// The default threshold for suppressing small categories (issue 5, and
    /// the threshold BC's and France's tools use).
    pub const DEFAULT_MIN_GROUP: u32 = 10;

    /// Options for `reference_year` with the defaults: groups of 10, strict.
    pub fn new(reference_year: i32) -> Self {
        Self {
            reference_year,
            min_group: Self::DEFAULT_MIN_GROUP,
            skip_invalid: false,
        }
    }
}

/// Why an extract produced no report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExtractError {
    /// The file is not UTF-8 text; `line` is the first physical line with an
    /// invalid byte (1-based, the header is line 1).
    #[error("the file is not UTF-8 text (line {line})")]
    NotUtf8 { line: u64 },
    /// Nothing but blank space, not even a header row.
    #[error("the file is empty")]
    Empty,
    /// Required columns absent from the header row, all of them listed.
    #[error("required columns are missing: {}", columns.join(", "))]
    MissingColumns { columns: Vec<&'static str> },
    /// A known column appears twice: which one to use would be a guess.
    /// Positions are 1-based.
    #[error("column {column} appears twice (columns {first} and {second})")]
    DuplicateColumn {
        column: &'static str,
        first: usize,
        second: usize,
    },
    /// Bad rows refused the file (the default). `problems` holds the first
    /// [`MAX_REPORTED_PROBLEMS`] in line order; `problem_count` counts them all
    /// and `rows` counts the distinct rows with at least one problem.
    #[error("{rows} rows have problems ({problem_count} problems); nothing was computed")]
    Rejected {
        problems: Vec<RowProblem>,
        problem_count: u64,
        rows: u64,
    },
    /// A header but no (valid) data row: there is nothing to compute on.
    /// `rejected_rows` is the number of rows left out as invalid.
    #[error("the file has no valid data row ({rejected_rows} rejected)")]
    NoValidRows { rejected_rows: u64 },
    /// The file itself cannot be read within the limits of an extract: an
    /// unclosed quote, a NUL byte, a record, a sheet or a workbook too large
    /// ([`crate::tabular`]).
    #[error(transparent)]
    Table(#[from] crate::tabular::TableError),
}

/// At most this many problems are kept in detail; the count covers them all.
pub const MAX_REPORTED_PROBLEMS: usize = 1000;

/// A bad value in a row. `code` is stable and is what the UI translates:
/// `missing_value`, `bad_number`, `unknown_sex`, `duplicate_employee_id`,
/// `negative_pay`, `zero_hours` (0 or negative), `bad_date`,
/// `unknown_management_level`, `negative_value` (training days),
/// `bad_quoting` (a malformed quoted field: the row is not read further).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// Physical line of the file (1-based, the header is line 1; for a row
    /// spanning several lines, its first). For spreadsheet rows, the row number.
    pub line: u64,
    /// The column's name (the canonical name for known columns).
    pub column: String,
    pub code: String,
    /// The offending value as written (trimmed, at most 64 characters).
    pub value: String,
    /// For `duplicate_employee_id`: the line where the id first appeared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_line: Option<u64>,
}

/// Why a figure of a report is withheld by disclosure control
/// (`crate::disclosure::workforce`), as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// The administration has fewer women or fewer men than the minimum
    /// group: no administration-wide pay figure or quartile placement.
    AdministrationBelowMinGroup,
    /// The group has fewer women or fewer men than the minimum group.
    FewerThanMinGroup,
    /// Fewer women or fewer men than the minimum group receive variable pay.
    FewerThanMinGroupReceiving,
    /// Withheld so that another withheld figure cannot be worked out from
    /// the shown ones (complementary suppression).
    Complementary,
}

impl Withheld {
    /// The stable code (as in the JSON).
    pub fn code(self) -> &'static str {
        match self {
            Withheld::AdministrationBelowMinGroup => "administration_below_min_group",
            Withheld::FewerThanMinGroup => "fewer_than_min_group",
            Withheld::FewerThanMinGroupReceiving => "fewer_than_min_group_receiving",
            Withheld::Complementary => "complementary",
        }
    }
}

/// A mean and a median gap in percent; `None` when it cannot be computed
/// or when it is withheld (then `withheld` says why).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Gap {
    pub mean_pct: Option<f64>,
    pub median_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

/// Headcounts by sex code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Headcount {
    pub total: u64,
    pub female: u64,
    pub male: u64,
    /// `X`: another gender.
    pub other: u64,
    /// `U`: unknown or undisclosed.
    pub unknown: u64,
}

/// Indicator (e): share of each sex receiving variable pay.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct VariablePayReceipt {
    /// Female receivers / female workers × 100; `None` without female workers.
    pub female_pct: Option<f64>,
    pub male_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

/// The four quartile pay bands, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Lower,
    LowerMiddle,
    UpperMiddle,
    Upper,
}

impl Band {
    pub const ALL: [Band; 4] = [
        Band::Lower,
        Band::LowerMiddle,
        Band::UpperMiddle,
        Band::Upper,
    ];

    /// The JSON name: `lower`, `lower_middle`, `upper_middle`, `upper`.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Lower => "lower",
            Band::LowerMiddle => "lower_middle",
            Band::UpperMiddle => "upper_middle",
            Band::Upper => "upper",
        }
    }
}

/// Indicator (f) for one band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuartileBand {
    pub band: Band,
    /// Places in the band (F and M workers).
    pub workers: u64,
    /// Female places: fractional when a tied group straddles a boundary.
    pub female_places: f64,
    pub male_places: f64,
    /// `None` for an empty band (fewer than 4 workers).
    pub female_pct: Option<f64>,
    pub male_pct: Option<f64>,
    /// Set when the placement is withheld: shares are then `None` and
    /// places 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

/// Indicator (g) for one category of workers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryGaps {
    pub category: String,
    pub female: u64,
    pub male: u64,
    pub other: u64,
    pub unknown: u64,
    /// Fewer than `min_group` women or men: the pay figures are withheld.
    pub suppressed: bool,
    /// Why it is suppressed, as a stable code: `fewer_than_min_group`, or
    /// `complementary` when disclosure control withholds all its pay
    /// figures to protect another category.
    pub suppressed_reason: Option<String>,
    /// The threshold in force, so the UI can say "fewer than 10 women".
    pub min_group: u32,
    /// Women and men receiving variable pay (`None` in reports stored
    /// before these counts were kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub female_receivers: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub male_receivers: Option<u64>,
    /// On `hourly_basic`.
    pub basic_pay_gap: Gap,
    /// On `annual_variable_pay`, receivers only.
    pub variable_pay_gap: Gap,
    /// On `hourly_pay`.
    pub total_pay_gap: Gap,
    pub joint_assessment_required: bool,
}

/// Headcounts of one grade or management level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCount {
    pub name: String,
    pub female: u64,
    pub male: u64,
    pub other: u64,
    pub unknown: u64,
    pub total: u64,
    /// F / all workers of the group × 100; `None` for an empty group.
    pub female_share_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Representation {
    /// Grades in natural name order (`G2` before `G10`).
    pub by_grade: Vec<GroupCount>,
    /// Always the four levels, in the order none, middle, senior, top.
    pub by_management_level: Vec<GroupCount>,
}

/// Events of one kind (hires, exits or promotions) in the reference year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Flow {
    pub total: u64,
    pub female: u64,
    pub male: u64,
    pub other: u64,
    pub unknown: u64,
    /// Female events / female workers × 100; `None` without female workers.
    pub female_rate_pct: Option<f64>,
    pub male_rate_pct: Option<f64>,
    pub other_rate_pct: Option<f64>,
    pub unknown_rate_pct: Option<f64>,
    /// Female events / all events × 100; `None` without events.
    pub female_share_pct: Option<f64>,
}

/// Each flow is `None` when its date column (`hire_date`, `exit_date`,
/// `last_promotion_date`) is absent from the extract: unknown, not zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Flows {
    pub hires: Option<Flow>,
    pub exits: Option<Flow>,
    pub promotions: Option<Flow>,
}

/// The statistics of one extract. Its JSON has exactly issue 5's top-level keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkforceReport {
    pub reference_year: i32,
    pub workers: Headcount,
    /// (a) and (c), on `hourly_pay`.
    pub pay_gap: Gap,
    /// (b) and (d), on `annual_variable_pay` of receivers.
    pub variable_pay_gap: Gap,
    /// (e).
    pub variable_pay_receipt: VariablePayReceipt,
    /// (f): always the four bands, lowest first.
    pub quartiles: Vec<QuartileBand>,
    /// (g): in natural name order.
    pub categories: Vec<CategoryGaps>,
    pub representation: Representation,
    pub flows: Flows,
    /// Rows left out as invalid (only non-zero with `skip_invalid`).
    pub rejected_rows: u64,
}

/// The statistics an action-plan indicator can follow year by year (the
/// `workforce` source), each read with [`WorkforceReport::statistic`]:
///
/// - `pay_gap.mean_pct`, `pay_gap.median_pct`: indicators (a), (c).
/// - `variable_pay_gap.mean_pct`, `variable_pay_gap.median_pct`: (b), (d).
/// - `variable_pay_receipt.female_pct`, `variable_pay_receipt.male_pct`: (e).
/// - `workers.total`: all workers (F, M, X, U).
/// - `workers.female_share_pct`: F / all workers × 100.
/// - `management.{middle,senior,top}.female_share_pct`: F / all workers at the
///   level × 100.
/// - `management.all.female_share_pct`: the same over middle, senior and top
///   managers together.
/// - `quartiles.upper.female_pct`, `quartiles.lower.female_pct`: women's share
///   of the top and bottom pay bands.
/// - `flows.hires.female_share_pct`: women among the year's hires.
/// - `flows.promotions.{female,male}_rate_pct`, `flows.exits.{female,male}_rate_pct`.
/// - `categories.joint_assessment_required`: the number of flagged categories.
/// - `categories.suppressed`: the number of suppressed categories.
///
/// A statistic is `None` when the report cannot give it (e.g. flows without
/// dates, a gap without women).
pub const STATISTIC_KEYS: &[&str] = &[
    "pay_gap.mean_pct",
    "pay_gap.median_pct",
    "variable_pay_gap.mean_pct",
    "variable_pay_gap.median_pct",
    "variable_pay_receipt.female_pct",
    "variable_pay_receipt.male_pct",
    "workers.total",
    "workers.female_share_pct",
    "management.middle.female_share_pct",
    "management.senior.female_share_pct",
    "management.top.female_share_pct",
    "management.all.female_share_pct",
    "quartiles.lower.female_pct",
    "quartiles.upper.female_pct",
    "flows.hires.female_share_pct",
    "flows.promotions.female_rate_pct",
    "flows.promotions.male_rate_pct",
    "flows.exits.female_rate_pct",
    "flows.exits.male_rate_pct",
    "categories.joint_assessment_required",
    "categories.suppressed",
];

impl WorkforceReport {
    /// One statistic by its key (see [`STATISTIC_KEYS`]); `None` for an
    /// unknown key or a figure the report cannot give.
    pub fn statistic(&self, key: &str) -> Option<f64> {
        let level = |name: &str| {
            self.representation
                .by_management_level
                .iter()
                .find(|group| group.name == name)
                .and_then(|group| group.female_share_pct)
        };
        let band = |band: Band| {
            self.quartiles
                .iter()
                .find(|q| q.band == band)
                .and_then(|q| q.female_pct)
        };
        match key {
            "pay_gap.mean_pct" => self.pay_gap.mean_pct,
            "pay_gap.median_pct" => self.pay_gap.median_pct,
            "variable_pay_gap.mean_pct" => self.variable_pay_gap.mean_pct,
            "variable_pay_gap.median_pct" => self.variable_pay_gap.median_pct,
            "variable_pay_receipt.female_pct" => self.variable_pay_receipt.female_pct,
            "variable_pay_receipt.male_pct" => self.variable_pay_receipt.male_pct,
            "workers.total" => Some(self.workers.total as f64),
            "workers.female_share_pct" => share(self.workers.female, self.workers.total),
            "management.middle.female_share_pct" => level("middle"),
            "management.senior.female_share_pct" => level("senior"),
            "management.top.female_share_pct" => level("top"),
            "management.all.female_share_pct" => {
                let managers = self
                    .representation
                    .by_management_level
                    .iter()
                    .filter(|group| group.name != ManagementLevel::None.as_str());
                let (female, total) =
                    managers.fold((0, 0), |(f, t), group| (f + group.female, t + group.total));
                share(female, total)
            }
            "quartiles.lower.female_pct" => band(Band::Lower),
            "quartiles.upper.female_pct" => band(Band::Upper),
            "flows.hires.female_share_pct" => self.flows.hires.and_then(|f| f.female_share_pct),
            "flows.promotions.female_rate_pct" => {
                self.flows.promotions.and_then(|f| f.female_rate_pct)
            }
            "flows.promotions.male_rate_pct" => self.flows.promotions.and_then(|f| f.male_rate_pct),
            "flows.exits.female_rate_pct" => self.flows.exits.and_then(|f| f.female_rate_pct),
            "flows.exits.male_rate_pct" => self.flows.exits.and_then(|f| f.male_rate_pct),
            "categories.joint_assessment_required" => Some(
                self.categories
                    .iter()
                    .filter(|c| c.joint_assessment_required)
                    .count() as f64,
            ),
            "categories.suppressed" => {
                Some(self.categories.iter().filter(|c| c.suppressed).count() as f64)
            }
            _ => None,
        }
    }
}

/// `part / whole × 100`, `None` for an empty whole.
pub(crate) fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// A worker's sex code as the engine stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Sex {
    Female = 0,
    Male = 1,
    Other = 2,
    Unknown = 3,
}

impl Sex {
    /// `F`, `M`, `X`, `U`, `female`, `male`, `femme`, `homme`, any case.
    pub(crate) fn parse(value: &[u8]) -> Option<Sex> {
        let mut lower = [0_u8; 6];
        if value.len() > lower.len() {
            return None;
        }
        for (target, byte) in lower.iter_mut().zip(value) {
            *target = byte.to_ascii_lowercase();
        }
        match &lower[..value.len()] {
            b"f" | b"female" | b"femme" => Some(Sex::Female),
            b"m" | b"male" | b"homme" => Some(Sex::Male),
            b"x" => Some(Sex::Other),
            b"u" => Some(Sex::Unknown),
            _ => None,
        }
    }
}

/// Management levels, in the order reports show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum ManagementLevel {
    None = 0,
    Middle = 1,
    Senior = 2,
    Top = 3,
}

impl ManagementLevel {
    pub(crate) const ALL: [ManagementLevel; 4] = [
        ManagementLevel::None,
        ManagementLevel::Middle,
        ManagementLevel::Senior,
        ManagementLevel::Top,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ManagementLevel::None => "none",
            ManagementLevel::Middle => "middle",
            ManagementLevel::Senior => "senior",
            ManagementLevel::Top => "top",
        }
    }

    /// `none`, `middle`, `senior`, `top`, any case; empty is `none`.
    pub(crate) fn parse(value: &[u8]) -> Option<ManagementLevel> {
        if value.is_empty() {
            return Some(ManagementLevel::None);
        }
        ManagementLevel::ALL
            .into_iter()
            .find(|level| value.eq_ignore_ascii_case(level.as_str().as_bytes()))
    }
}
