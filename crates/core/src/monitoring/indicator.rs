//! What an M&E indicator is: its unit, direction, baseline, target,
//! milestones, frequency of measurement and source.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

/// What an indicator's values count. Informs display and import only: the
/// progress rules are the same for every unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
    Ratio,
    Currency,
    /// A position on an ordered text scale (e.g. 1 = none … 5 = fully),
    /// measured by its rank.
    TextScale,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Percent,
        Unit::Count,
        Unit::Ratio,
        Unit::Currency,
        Unit::TextScale,
    ];

    /// The stable code used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Ratio => "ratio",
            Unit::Currency => "currency",
            Unit::TextScale => "text_scale",
        }
    }

    /// Accepts the codes and `%`, which is how users write a percentage.
    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        let code = code.trim();
        if code == "%" {
            return Ok(Unit::Percent);
        }
        Unit::ALL
            .into_iter()
            .find(|unit| unit.as_str() == code)
            .ok_or(ValidationError::new("unit", "unknown_unit"))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way is better. The progress formula does not need it (the sign of
/// `target − baseline` carries it); it is kept for display and to catch a
/// definition whose target contradicts what the user said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        match code.trim() {
            "increase" => Ok(Direction::Increase),
            "decrease" => Ok(Direction::Decrease),
            _ => Err(ValidationError::new("direction", "unknown_direction")),
        }
    }

    /// The direction implied by moving from `baseline` to `target`; a target
    /// equal to the baseline is refused elsewhere, here it reads as increase.
    pub fn inferred(baseline: f64, target: f64) -> Self {
        if target < baseline {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    }
}

/// How often an indicator is measured: drives "measurement due" reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    Semiannual,
    Annual,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Semiannual,
        Frequency::Annual,
    ];

    /// When the API says nothing: quarterly, the usual reporting rhythm of
    /// action plans (a choice of this module, not of the issue).
    pub const DEFAULT: Frequency = Frequency::Quarterly;

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannual => "semiannual",
            Frequency::Annual => "annual",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        Frequency::ALL
            .into_iter()
            .find(|frequency| frequency.as_str() == code.trim())
            .ok_or(ValidationError::new("frequency", "unknown_frequency"))
    }

    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Semiannual => 6,
            Frequency::Annual => 12,
        }
    }

    /// The date the next measurement is due after one taken on `after`: the
    /// same day of the month one period later, or the month's last day when it
    /// is shorter (31 January + 1 month = 28 or 29 February). Always computed
    /// from the actual last measurement, so the clamping never accumulates.
    /// Saturates at the largest representable date.
    pub fn next_due(self, after: NaiveDate) -> NaiveDate {
        after
            .checked_add_months(Months::new(self.months()))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// Where an indicator's measurements come from. Only `manual` values are
/// typed in; the other sources are filled by the edge from the module named.
/// A workforce statistic is named by its key (see
/// [`crate::workforce::STATISTIC_KEYS`]) and not checked against that list
/// here, so new statistics plug in without a change to this module.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Entered by hand or imported from CSV/Excel.
    Manual,
    /// A GEOAT score from each validated assessment: a section's, or the
    /// overall score when `section` is `None`.
    Assessment { section: Option<String> },
    /// A workforce statistic, for each reporting year.
    Workforce { statistic: String },
}

/// An intermediate target: the value to reach by a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub value: f64,
}

/// An indicator as submitted: unchecked, with the API's strings for its
/// codes so that [`IndicatorDefinition::new`] can report every problem at once.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIndicator {
    pub name_en: String,
    pub name_fr: String,
    /// `%`/`percent`, `count`, `ratio`, `currency` or `text_scale`.
    pub unit: String,
    /// `increase` or `decrease`; `None` infers it from target vs baseline.
    pub direction: Option<String>,
    pub baseline_value: f64,
    pub baseline_date: NaiveDate,
    pub target_value: f64,
    pub target_date: NaiveDate,
    pub milestones: Vec<Milestone>,
    /// `None` is [`Frequency::DEFAULT`].
    pub frequency: Option<String>,
    pub source: Source,
}

/// A valid indicator definition. Guarantees: finite values; target date
/// strictly after the baseline date; target value ≠ baseline value;
/// milestones strictly between the baseline and target dates, in increasing
/// date order, each with a value on the target's side of the baseline (so
/// progress towards a milestone never divides by zero nor runs backwards);
/// a name in English or French.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDefinition {
    name_en: Option<String>,
    name_fr: Option<String>,
    unit: Unit,
    direction: Direction,
    baseline_value: f64,
    baseline_date: NaiveDate,
    target_value: f64,
    target_date: NaiveDate,
    milestones: Vec<Milestone>,
    frequency: Frequency,
    source: Source,
}

impl IndicatorDefinition {
    /// Longest accepted name, in characters, per language.
    pub const MAX_NAME_CHARS: usize = 300;

    /// Checks everything and returns every problem found, not the first.
    ///
    /// Codes (field: code): `name: required`, `name_en`/`name_fr: too_long`,
    /// `unit: unknown_unit`, `direction: unknown_direction`,
    /// `direction: direction_contradicts_target`, `frequency: unknown_frequency`,
    /// `baseline_value`/`target_value: not_finite`,
    /// `target_date: target_date_not_after_baseline`,
    /// `target_value: target_equals_baseline`, `milestones: not_finite`,
    /// `milestones: milestone_outside_period`, `milestones: milestones_not_sorted`,
    /// `milestones: milestone_equals_baseline`,
    /// `milestones: milestone_contradicts_target`,
    /// `source: required` (an empty section or statistic name).
    pub fn new(input: NewIndicator) -> Result<Self, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let mut push = |error: ValidationError| {
            if !errors.contains(&error) {
                errors.push(error);
            }
        };

        let name_en = name(&input.name_en, "name_en", &mut push);
        let name_fr = name(&input.name_fr, "name_fr", &mut push);
        if name_en.is_none() && name_fr.is_none() && input_names_blank(&input) {
            push(ValidationError::new("name", "required"));
        }

        let unit = Unit::parse(&input.unit).map_err(&mut push).ok();
        let frequency = match input.frequency.as_deref() {
            None => Some(Frequency::DEFAULT),
            Some(code) => Frequency::parse(code).map_err(&mut push).ok(),
        };

        let (baseline, target) = (input.baseline_value, input.target_value);
        let values_finite = baseline.is_finite() && target.is_finite();
        if !baseline.is_finite() {
            push(ValidationError::new("baseline_value", "not_finite"));
        }
        if !target.is_finite() {
            push(ValidationError::new("target_value", "not_finite"));
        }
        if values_finite && target == baseline {
            push(ValidationError::new(
                "target_value",
                "target_equals_baseline",
            ));
        }
        if input.target_date <= input.baseline_date {
            push(ValidationError::new(
                "target_date",
                "target_date_not_after_baseline",
            ));
        }

        let inferred = Direction::inferred(baseline, target);
        let direction = match input.direction.as_deref() {
            None => Some(inferred),
            Some(code) => match Direction::parse(code) {
                Ok(direction) => {
                    if values_finite && target != baseline && direction != inferred {
                        push(ValidationError::new(
                            "direction",
                            "direction_contradicts_target",
                        ));
                    }
                    Some(direction)
                }
                Err(error) => {
                    push(error);
                    None
                }
            },
        };

        let mut previous: Option<NaiveDate> = None;
        for milestone in &input.milestones {
            let field = "milestones";
            if !milestone.value.is_finite() {
                push(ValidationError::new(field, "not_finite"));
            } else if values_finite && target != baseline {
                if milestone.value == baseline {
                    push(ValidationError::new(field, "milestone_equals_baseline"));
                } else if Direction::inferred(baseline, milestone.value) != inferred {
                    push(ValidationError::new(field, "milestone_contradicts_target"));
                }
            }
            if milestone.date <= input.baseline_date || milestone.date >= input.target_date {
                push(ValidationError::new(field, "milestone_outside_period"));
            }
            if previous.is_some_and(|previous| milestone.date <= previous) {
                push(ValidationError::new(field, "milestones_not_sorted"));
            }
            previous = Some(milestone.date);
        }

        let source_ok = match &input.source {
            Source::Manual => true,
            Source::Assessment { section } => {
                section.as_deref().is_none_or(|s| !s.trim().is_empty())
            }
            Source::Workforce { statistic } => !statistic.trim().is_empty(),
        };
        if !source_ok {
            push(ValidationError::new("source", "required"));
        }

        match (unit, direction, frequency) {
            (Some(unit), Some(direction), Some(frequency)) if errors.is_empty() => Ok(Self {
                name_en,
                name_fr,
                unit,
                direction,
                baseline_value: baseline,
                baseline_date: input.baseline_date,
                target_value: target,
                target_date: input.target_date,
                milestones: input.milestones,
                frequency,
                source: trimmed(input.source),
            }),
            _ => Err(errors),
        }
    }

    pub fn name_en(&self) -> Option<&str> {
        self.name_en.as_deref()
    }

    pub fn name_fr(&self) -> Option<&str> {
        self.name_fr.as_deref()
    }

    pub fn unit(&self) -> Unit {
        self.unit
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn baseline_value(&self) -> f64 {
        self.baseline_value
    }

    pub fn baseline_date(&self) -> NaiveDate {
        self.baseline_date
    }

    pub fn target_value(&self) -> f64 {
        self.target_value
    }

    pub fn target_date(&self) -> NaiveDate {
        self.target_date
    }

    /// In increasing date order.
    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// A trimmed name, or `None` when blank; too long is reported.
fn name(raw: &str, field: &'static str, push: &mut impl FnMut(ValidationError)) -> Option<String> {
    let text = raw.trim();
    if text.is_empty() {
        None
    } else if text.chars().count() > IndicatorDefinition::MAX_NAME_CHARS {
        push(ValidationError::new(field, "too_long"));
        None
    } else {
        Some(text.to_owned())
    }
}

/// A too-long name is a name: only blank names make the name missing.
fn input_names_blank(input: &NewIndicator) -> bool {
    input.name_en.trim().is_empty() && input.name_fr.trim().is_empty()
}

fn trimmed(source: Source) -> Source {
    match source {
        Source::Manual => Source::Manual,
        Source::Assessment { section } => Source::Assessment {
            section: section.map(|s| s.trim().to_owned()),
        },
        Source::Workforce { statistic } => Source::Workforce {
            statistic: statistic.trim().to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn units_parse_from_the_api_codes_and_the_percent_sign() {
        for unit in Unit::ALL {
            assert_eq!(Unit::parse(unit.as_str()), Ok(unit));
        }
        assert_eq!(Unit::parse("%"), Ok(Unit::Percent));
        assert_eq!(
            Unit::parse("percentage"),
            Err(ValidationError::new("unit", "unknown_unit"))
        );
    }

    #[test]
    fn next_due_adds_whole_months_and_clamps_to_the_month_end() {
        assert_eq!(
            Frequency::Monthly.next_due(date(2024, 1, 31)),
            date(2024, 2, 29)
        );
        assert_eq!(
            Frequency::Quarterly.next_due(date(2024, 11, 15)),
            date(2025, 2, 15)
        );
        assert_eq!(
            Frequency::Semiannual.next_due(date(2024, 8, 31)),
            date(2025, 2, 28)
        );
        assert_eq!(
            Frequency::Annual.next_due(date(2024, 2, 29)),
            date(2025, 2, 28)
        );
        assert_eq!(Frequency::Annual.next_due(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn direction_is_inferred_from_the_target() {
        assert_eq!(Direction::inferred(10.0, 20.0), Direction::Increase);
        assert_eq!(Direction::inferred(20.0, 10.0), Direction::Decrease);
    }
}
