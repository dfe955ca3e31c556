//! Feedback and follow-up surveys of a workshop (issue 6, Kirkpatrick
//! levels 1 and 3): item and survey kinds, the Likert summary of one item,
//! the anonymity threshold and the follow-up's default date.
//!
//! Definitions:
//! - A Likert item is answered with a whole number from 1 to 5. Its summary
//!   is the number of answers, their mean and how many gave each value.
//! - The results of an anonymous survey are shown only once it has at least
//!   [`ANONYMITY_THRESHOLD`] responses: with fewer, a reader who knows who
//!   answered could tell who said what.
//! - A follow-up survey goes out three months after the workshop's last day
//!   unless the Secretariat chooses another date.

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::values::ValidationError;

/// Fewest responses an anonymous survey needs before its results are shown.
pub const ANONYMITY_THRESHOLD: usize = 3;

/// Months between a workshop's last day and its follow-up survey, by default.
pub const FOLLOW_UP_AFTER_MONTHS: u32 = 3;

/// The end-of-workshop feedback (level 1, reaction) or the follow-up sent
/// months later (level 3, behaviour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    Feedback,
    FollowUp,
}

impl SurveyKind {
    pub const ALL: [SurveyKind; 2] = [SurveyKind::Feedback, SurveyKind::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Feedback => "feedback",
            SurveyKind::FollowUp => "follow_up",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        SurveyKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code.trim())
            .ok_or(ValidationError::new("kind", "unknown_survey_kind"))
    }
}

impl fmt::Display for SurveyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A whole number from 1 (strongly disagree) to 5 (strongly agree).
    Likert,
    FreeText,
}

impl ItemKind {
    pub const ALL: [ItemKind; 2] = [ItemKind::Likert, ItemKind::FreeText];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Likert => "likert",
            ItemKind::FreeText => "free_text",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ValidationError> {
        ItemKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == code.trim())
            .ok_or(ValidationError::new("item_kind", "unknown_item_kind"))
    }
}

/// A Likert answer: 1–5, else `not_a_likert_value`.
pub fn likert_value(value: i64) -> Result<u8, ValidationError> {
    u8::try_from(value)
        .ok()
        .filter(|v| (1..=5).contains(v))
        .ok_or(ValidationError::new("answers", "not_a_likert_value"))
}

/// One Likert item's answers, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LikertSummary {
    pub answers: usize,
    /// `None` without answers.
    pub mean: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [usize; 5],
}

/// Summarises answers of 1–5 (anything else is not counted).
pub fn likert_summary(values: &[u8]) -> LikertSummary {
    let mut distribution = [0usize; 5];
    for value in values {
        if let Some(slot) = usize::from(*value)
            .checked_sub(1)
            .and_then(|i| distribution.get_mut(i))
        {
            *slot += 1;
        }
    }
    let answers: usize = distribution.iter().sum();
    let total: usize = distribution
        .iter()
        .enumerate()
        .map(|(index, count)| (index + 1) * count)
        .sum();
    LikertSummary {
        answers,
        mean: (answers > 0).then(|| total as f64 / answers as f64),
        distribution,
    }
}

/// Whether a survey's results may be shown: always when it is not
/// anonymous, else from [`ANONYMITY_THRESHOLD`] responses on.
pub fn results_visible(anonymous: bool, responses: usize) -> bool {
    !anonymous || responses >= ANONYMITY_THRESHOLD
}

/// The default date of a workshop's follow-up survey: its last day plus
/// [`FOLLOW_UP_AFTER_MONTHS`] (the month's last day when the day does not
/// exist, e.g. 30 November → 28 or 29 February).
pub fn default_follow_up_date(workshop_end: NaiveDate) -> NaiveDate {
    workshop_end
        .checked_add_months(Months::new(FOLLOW_UP_AFTER_MONTHS))
        .unwrap_or(workshop_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_likert_item_is_counted_averaged_and_distributed() {
        // 5, 4, 4, 2, 5, 3: sum 23 over 6 answers = 3.8333…
        let summary = likert_summary(&[5, 4, 4, 2, 5, 3]);
        assert_eq!(summary.answers, 6);
        assert_eq!(summary.distribution, [0, 1, 1, 2, 2]);
        let mean = summary.mean.expect("answers");
        assert!((mean - 23.0 / 6.0).abs() < 1e-12, "{mean}");
        // Out-of-range values are not counted.
        let odd = likert_summary(&[0, 6, 1]);
        assert_eq!(odd.answers, 1);
        assert_eq!(odd.mean, Some(1.0));
        assert_eq!(odd.distribution, [1, 0, 0, 0, 0]);
    }

    #[test]
    fn an_item_without_answers_has_no_mean() {
        let summary = likert_summary(&[]);
        assert_eq!(summary.answers, 0);
        assert_eq!(summary.mean, None);
        assert_eq!(summary.distribution, [0; 5]);
    }

    #[test]
    fn likert_values_are_one_to_five() {
        assert_eq!(likert_value(1), Ok(1));
        assert_eq!(likert_value(5), Ok(5));
        for bad in [0, 6, -1, 256] {
            assert_eq!(
                likert_value(bad).map_err(|e| e.code),
                Err("not_a_likert_value")
            );
        }
    }

    #[test]
    fn anonymous_results_need_three_responses() {
        assert_eq!(ANONYMITY_THRESHOLD, 3);
        assert!(!results_visible(true, 0));
        assert!(!results_visible(true, 2));
        assert!(results_visible(true, 3));
        assert!(results_visible(true, 4));
        // Named surveys show their results from the first response.
        assert!(results_visible(false, 1));
    }

    #[test]
    fn the_follow_up_goes_three_months_after_the_last_day() {
        assert_eq!(default_follow_up_date(day("2023-03-17")), day("2023-06-17"));
        assert_eq!(default_follow_up_date(day("2024-04-12")), day("2024-07-12"));
        assert_eq!(default_follow_up_date(day("2023-11-30")), day("2024-02-29"));
    }

    #[test]
    fn codes_round_trip() {
        for kind in SurveyKind::ALL {
            assert_eq!(SurveyKind::parse(kind.as_str()), Ok(kind));
        }
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(SurveyKind::parse("exit").is_err());
        assert!(ItemKind::parse("choice").is_err());
    }
}
