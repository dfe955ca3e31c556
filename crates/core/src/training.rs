//! Capacity building (issue 6): workshops, attendance and completion rules,
//! and the knowledge gain of pre- and post-tests.
//!
//! Definitions (the issue's, with the readings taken here):
//! - `attendance_pct = days present ÷ days from start_date to end_date
//!   inclusive × 100`. A day without a record counts as absent.
//! - A participant completes a workshop when every configured rule holds:
//!   attendance at least `min_attendance_pct` and, when a post-test minimum
//!   is configured, a post-test score at least that minimum. Each rule that
//!   fails gives one reason code, so the page can say what is missing.
//! - Knowledge gain of a participant = post − pre (percentage points), for
//!   those who took both tests; of a workshop: the mean of those gains and
//!   the share of those participants whose post score is higher.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::values::ValidationError;

/// What kind of workshop it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkshopKind {
    TrainTheTrainer,
    National,
    Regional,
}

impl WorkshopKind {
    pub const ALL: [WorkshopKind; 3] = [
        WorkshopKind::TrainTheTrainer,
        WorkshopKind::National,
        WorkshopKind::Regional,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkshopKind::TrainTheTrainer => "train_the_trainer",
            WorkshopKind::National => "national",
            WorkshopKind::Regional => "regional",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        WorkshopKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code.trim())
            .ok_or(ValidationError::new("kind", "unknown_kind"))
    }
}

impl fmt::Display for WorkshopKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a workshop takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkshopMode {
    InPerson,
    Virtual,
}

impl WorkshopMode {
    pub const ALL: [WorkshopMode; 2] = [WorkshopMode::InPerson, WorkshopMode::Virtual];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkshopMode::InPerson => "in_person",
            WorkshopMode::Virtual => "virtual",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        WorkshopMode::ALL
            .into_iter()
            .find(|mode| mode.as_str() == code.trim())
            .ok_or(ValidationError::new("mode", "unknown_mode"))
    }
}

impl fmt::Display for WorkshopMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A workshop's first and last day, the last not before the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkshopDates {
    start: NaiveDate,
    end: NaiveDate,
}

impl WorkshopDates {
    /// Longest accepted workshop, in days (a sanity bound on typing errors).
    pub const MAX_DAYS: i64 = 366;

    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, ValidationError> {
        if end < start {
            return Err(ValidationError::new("end_date", "end_before_start"));
        }
        if (end - start).num_days() + 1 > Self::MAX_DAYS {
            return Err(ValidationError::new("end_date", "workshop_too_long"));
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Days from start to end, both included.
    pub fn days(&self) -> usize {
        usize::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Every day of the workshop, in order.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.start.iter_days().take(self.days())
    }
}

/// `days_present ÷ days × 100`, or `None` for a workshop without days.
/// Presence cannot exceed the workshop's days; more is capped.
pub fn attendance_pct(days_present: usize, days: usize) -> Option<f64> {
    (days > 0).then(|| days_present.min(days) as f64 / days as f64 * 100.0)
}

/// The completion rules of a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CompletionRules {
    /// Minimum attendance in percent (0–100).
    pub min_attendance_pct: f64,
    /// Minimum post-test score in percent, when the workshop requires one.
    pub min_post_test_pct: Option<f64>,
}

impl CompletionRules {
    /// The example: attendance ≥ 80 % and post-test ≥ 70 %.
    pub const DEFAULT: CompletionRules = CompletionRules {
        min_attendance_pct: 80.0,
        min_post_test_pct: Some(70.0),
    };

    pub fn new(
        min_attendance_pct: f64,
        min_post_test_pct: Option<f64>,
    ) -> Result<Self, ValidationError> {
        let in_range = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
        if !in_range(min_attendance_pct) {
            return Err(ValidationError::new(
                "min_attendance_pct",
                "not_a_percentage",
            ));
        }
        if min_post_test_pct.is_some_and(|v| !in_range(v)) {
            return Err(ValidationError::new(
                "min_post_test_pct",
                "not_a_percentage",
            ));
        }
        Ok(Self {
            min_attendance_pct,
            min_post_test_pct,
        })
    }
}

/// Why a participant has not (yet) completed a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingReason {
    AttendanceBelowMinimum,
    PostTestNotTaken,
    PostTestBelowMinimum,
}

impl MissingReason {
    pub fn as_str(self) -> &'static str {
        match self {
            MissingReason::AttendanceBelowMinimum => "attendance_below_minimum",
            MissingReason::PostTestNotTaken => "post_test_not_taken",
            MissingReason::PostTestBelowMinimum => "post_test_below_minimum",
        }
    }
}

/// A participant's completion, computed and explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    pub completed: bool,
    /// Empty exactly when `completed`.
    pub missing: Vec<MissingReason>,
}

/// Applies `rules` to a participant's attendance and post-test score.
pub fn completion(
    rules: &CompletionRules,
    attendance_pct: Option<f64>,
    post_test_pct: Option<f64>,
) -> Completion {
    let mut missing = Vec::new();
    if attendance_pct.is_none_or(|pct| pct < rules.min_attendance_pct) {
        missing.push(MissingReason::AttendanceBelowMinimum);
    }
    if let Some(minimum) = rules.min_post_test_pct {
        match post_test_pct {
            None => missing.push(MissingReason::PostTestNotTaken),
            Some(score) if score < minimum => missing.push(MissingReason::PostTestBelowMinimum),
            Some(_) => {}
        }
    }
    Completion {
        completed: missing.is_empty(),
        missing,
    }
}

/// A workshop's knowledge gain over the participants who took both tests.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KnowledgeGain {
    /// Participants with both a pre- and a post-test score.
    pub participants: usize,
    /// Mean of post − pre, in percentage points.
    pub mean_gain_points: Option<f64>,
    /// Share of those participants whose post score is higher, in percent.
    pub improved_pct: Option<f64>,
}

/// `pairs` are (pre, post) scores in percent.
pub fn knowledge_gain(pairs: &[(f64, f64)]) -> KnowledgeGain {
    let participants = pairs.len();
    if participants == 0 {
        return KnowledgeGain {
            participants,
            mean_gain_points: None,
            improved_pct: None,
        };
    }
    let total: f64 = pairs.iter().map(|(pre, post)| post - pre).sum();
    let improved = pairs.iter().filter(|(pre, post)| post > pre).count();
    KnowledgeGain {
        participants,
        mean_gain_points: Some(total / participants as f64),
        improved_pct: Some(improved as f64 / participants as f64 * 100.0),
    }
}

// ---------------------------------------------------------------------------
// Agenda, session attendance, exercises and facilitators' assessments.
//
// Readings taken here (issue 6, the agenda part):
// - When a workshop's agenda has sessions, `attendance_pct = sessions present
//   ÷ sessions × 100`; without sessions, the days rule above applies.
// - An exercise is scored against a maximum score (`score ÷ max × 100`) or a
//   rubric of named levels, ordered from lowest to highest, where level `k`
//   of `n` (counted from 1) is worth `k ÷ n × 100`.
// - A participant's exercise average is the mean of their exercise
//   percentages, over the exercises they have a result for.
// - A facilitator scores each candidate 1–5 on four WCO criteria; a rubric
//   mean is the mean of every score given, whoever gave it.

/// A participant's attendance: by session when the agenda has sessions,
/// else by day (`None` for a workshop with neither).
pub fn participant_attendance_pct(
    days_present: usize,
    days: usize,
    sessions_present: usize,
    sessions: usize,
) -> Option<f64> {
    if sessions > 0 {
        attendance_pct(sessions_present, sessions)
    } else {
        attendance_pct(days_present, days)
    }
}

/// Checks an agenda session: on a day of the workshop, ending after it
/// starts.
pub fn check_session(
    dates: &WorkshopDates,
    day: NaiveDate,
    start: chrono::NaiveTime,
    end: chrono::NaiveTime,
) -> Result<(), ValidationError> {
    if !dates.contains(day) {
        return Err(ValidationError::new("date", "day_outside_workshop"));
    }
    if end <= start {
        return Err(ValidationError::new("end_time", "agenda_end_before_start"));
    }
    Ok(())
}

/// Individual exercises are scored per participant; a group exercise's
/// result applies to each member of the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    Individual,
    Group,
}

impl ExerciseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseKind::Individual => "individual",
            ExerciseKind::Group => "group",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        match code.trim() {
            "individual" => Ok(ExerciseKind::Individual),
            "group" => Ok(ExerciseKind::Group),
            _ => Err(ValidationError::new("kind", "exercise_unknown_kind")),
        }
    }
}

/// How an exercise is scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseScale {
    /// A score from 0 to this maximum (positive).
    MaxScore(f64),
    /// Named levels, lowest first (at least two).
    Rubric(Vec<String>),
}

impl ExerciseScale {
    /// A maximum score, or rubric levels: exactly one of them.
    pub fn new(max_score: Option<f64>, levels: &[String]) -> Result<Self, ValidationError> {
        let levels: Vec<String> = levels
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        match (max_score, levels.is_empty()) {
            (Some(max), true) if max.is_finite() && max > 0.0 => Ok(ExerciseScale::MaxScore(max)),
            (Some(_), true) => Err(ValidationError::new("max_score", "exercise_invalid_max")),
            (None, false) if levels.len() >= 2 && levels.len() <= 10 => {
                Ok(ExerciseScale::Rubric(levels))
            }
            (None, false) => Err(ValidationError::new("levels", "rubric_invalid_levels")),
            _ => Err(ValidationError::new("max_score", "exercise_scale_required")),
        }
    }

    /// A result in percent: `score` for a maximum score, `level` (1-based)
    /// for a rubric. The wrong kind of result, or one out of range, is
    /// refused.
    pub fn percent(&self, score: Option<f64>, level: Option<u32>) -> Result<f64, ValidationError> {
        match (self, score, level) {
            (ExerciseScale::MaxScore(max), Some(score), None) => {
                if score.is_finite() && (0.0..=*max).contains(&score) {
                    Ok(score / max * 100.0)
                } else {
                    Err(ValidationError::new("score", "exercise_score_out_of_range"))
                }
            }
            (ExerciseScale::Rubric(levels), None, Some(level)) => {
                let n = levels.len();
                let k = usize::try_from(level).unwrap_or(0);
                if (1..=n).contains(&k) {
                    Ok(k as f64 / n as f64 * 100.0)
                } else {
                    Err(ValidationError::new("level", "rubric_unknown_level"))
                }
            }
            (ExerciseScale::MaxScore(_), _, _) => {
                Err(ValidationError::new("score", "exercise_score_required"))
            }
            (ExerciseScale::Rubric(_), _, _) => {
                Err(ValidationError::new("level", "rubric_level_required"))
            }
        }
    }
}

/// The mean of a participant's exercise percentages; `None` without any.
pub fn exercise_average_pct(percentages: &[f64]) -> Option<f64> {
    (!percentages.is_empty()).then(|| percentages.iter().sum::<f64>() / percentages.len() as f64)
}

/// The WCO-style criteria a facilitator assesses each candidate against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Knowledge and application of WCO GED tools (GEOAT, blended package).
    GedTools,
    TechnicalExpertise,
    /// Ability to support Members.
    SupportMembers,
    /// Ability to facilitate with senior officials.
    FacilitateSeniorOfficials,
}

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Criterion::GedTools,
        Criterion::TechnicalExpertise,
        Criterion::SupportMembers,
        Criterion::FacilitateSeniorOfficials,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::GedTools => "ged_tools",
            Criterion::TechnicalExpertise => "technical_expertise",
            Criterion::SupportMembers => "support_members",
            Criterion::FacilitateSeniorOfficials => "facilitate_senior_officials",
        }
    }
}

/// A 1–5 rubric score.
pub fn check_rubric_score(field: &'static str, score: i64) -> Result<u8, ValidationError> {
    u8::try_from(score)
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or(ValidationError::new(field, "rubric_score_out_of_range"))
}

/// The mean of rubric scores; `None` without any.
pub fn rubric_mean(scores: &[u8]) -> Option<f64> {
    (!scores.is_empty())
        .then(|| scores.iter().map(|s| f64::from(*s)).sum::<f64>() / scores.len() as f64)
}

/// Whether `text` is an address people can follow from a page: `https://` or
/// `http://`, without spaces or control characters. Anything else (say
/// `javascript:`) is never shown as a link.
pub fn is_web_link(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > "https://".len()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Languages a workshop can be delivered in, and the languages a nominee is
/// said to work in: the WCO's official languages and the others its GED
/// material exists in, in this order.
pub const DELIVERY_LANGUAGES: [&str; 5] = ["en", "fr", "es", "pt", "ar"];

/// Nominations close when the workshop starts: from its first day on,
/// nobody is nominated any more, whatever the call says (latecomers are
/// added by the Secretariat as participants).
pub fn nominations_closed_by_start(dates: &WorkshopDates, today: NaiveDate) -> bool {
    today >= dates.start
}

/// The languages a nominee works in, as chosen (codes of
/// [`DELIVERY_LANGUAGES`], each once, in that list's order). At least one
/// is required (`languages`/`required`); an unknown code is
/// `languages`/`unknown_language`.
pub fn parse_languages<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<&'static str>, ValidationError> {
    let chosen: Vec<&str> = codes
        .into_iter()
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .collect();
    if chosen.is_empty() {
        return Err(ValidationError::new("languages", "required"));
    }
    if chosen.iter().any(|code| !DELIVERY_LANGUAGES.contains(code)) {
        return Err(ValidationError::new("languages", "unknown_language"));
    }
    Ok(DELIVERY_LANGUAGES
        .into_iter()
        .filter(|known| chosen.contains(known))
        .collect())
}

/// The known language codes in a stored list (`en,fr`), in
/// [`DELIVERY_LANGUAGES`] order; anything else (a nomination's free text
/// from before languages were chosen from the list) is left out.
pub fn stored_languages(stored: &str) -> Vec<&'static str> {
    let written: Vec<&str> = stored.split(',').map(str::trim).collect();
    DELIVERY_LANGUAGES
        .into_iter()
        .filter(|known| written.contains(known))
        .collect()
}

/// The languages a person is known to work in: those they listed
/// themselves (an expert profile) when they listed any, otherwise those
/// their nominations said. Their own statement is never overridden.
pub fn known_languages(listed: &[String], nominated: &[String]) -> Vec<String> {
    if listed.is_empty() {
        nominated.to_vec()
    } else {
        listed.to_vec()
    }
}
