//! The programme overview (issue 8): who sees what, and the filters.
//!
//! Access (core's policy, `gedhub_core::authz::programme`): the Secretariat
//! sees its dashboard over any selection; a focal point the published
//! figures of a closed period and their own row; anyone else is refused.
//! The overview itself is assembled at the web edge, from the published
//! releases and plan summaries it computes (`crates/web/src/programme.rs`).

use gedhub_core::authz::programme::{self as policy, ProgrammeView};
use gedhub_core::{Region, ValidationError};
use gedhub_store::programme::ProgrammeFilter;
use gedhub_store::training::DELIVERY_LANGUAGES;

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// What the overview shows the caller; `Forbidden` for those it shows
/// nothing.
pub fn view(caller: &Caller) -> Result<ProgrammeView> {
    match policy::programme_view(&caller.principal) {
        ProgrammeView::Refused => Err(AppError::Forbidden),
        view => Ok(view),
    }
}

/// The overview's filters as typed (`?year=&region=&language=`); empty
/// means "all".
#[derive(Debug, Clone, Default)]
pub struct FilterInput {
    pub year: String,
    pub region: String,
    pub language: String,
}

impl TryFrom<&FilterInput> for ProgrammeFilter {
    type Error = Problems;

    /// Every problem at once: a year 1990–2100, a WCO region code, a
    /// delivery language.
    fn try_from(input: &FilterInput) -> Result<Self, Problems> {
        let mut problems = Problems::new();
        let year = match input.year.trim() {
            "" => None,
            text => problems.check(
                text.parse::<i32>()
                    .ok()
                    .filter(|year| (1990..=2100).contains(year))
                    .ok_or(ValidationError::new("year", "invalid_year")),
            ),
        };
        let region = match input.region.trim() {
            "" => None,
            code => problems.check(Region::parse(code)),
        };
        let language = match input.language.trim().to_ascii_lowercase().as_str() {
            "" => None,
            code => problems.check(
                DELIVERY_LANGUAGES
                    .contains(&code)
                    .then(|| code.to_owned())
                    .ok_or(ValidationError::new("language", "unknown_language")),
            ),
        };
        if problems.is_empty() {
            Ok(ProgrammeFilter {
                year,
                region,
                language,
            })
        } else {
            Err(problems)
        }
    }
}

/// The period a focal point's overview shows: only published selections,
/// a period and never a region or a language (the release covers every
/// region; free combinations of filters are what differencing needs). No
/// year asked for is the latest of `periods`; every problem at once.
pub fn published_period(filter: &ProgrammeFilter, periods: &[i32]) -> Result<Option<i32>> {
    let mut problems = Problems::new();
    if filter.region.is_some() {
        problems.push(ValidationError::new("region", "selection_not_published"));
    }
    if filter.language.is_some() {
        problems.push(ValidationError::new("language", "selection_not_published"));
    }
    let period = match filter.year {
        Some(year) if periods.contains(&year) => Some(year),
        Some(_) => {
            problems.push(ValidationError::new("year", "period_not_published"));
            None
        }
        None => periods.last().copied(),
    };
    if problems.is_empty() {
        Ok(period)
    } else {
        Err(problems.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_list_every_problem() {
        let input = FilterInput {
            year: "1800".into(),
            region: "XX".into(),
            language: "de".into(),
        };
        let problems = ProgrammeFilter::try_from(&input).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["year", "region", "language"]);
        let valid = FilterInput {
            year: "2024".into(),
            region: String::new(),
            language: " FR ".into(),
        };
        let filter = ProgrammeFilter::try_from(&valid).expect("valid");
        assert_eq!(filter.year, Some(2024));
        assert_eq!(filter.language.as_deref(), Some("fr"));
    }

    #[test]
    fn a_focal_point_sees_published_periods_only() {
        let periods = [2023, 2024];
        let all = ProgrammeFilter::default();
        assert_eq!(published_period(&all, &periods).ok(), Some(Some(2024)));
        let unpublished = ProgrammeFilter {
            year: Some(2025),
            ..ProgrammeFilter::default()
        };
        assert!(published_period(&unpublished, &periods).is_err());
    }
}
