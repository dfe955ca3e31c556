//! Published releases at the web edge (issue 17): which periods are closed,
//! and each period's release, published the first time someone needs it
//! and read back from the store ever after. The rules are in
//! `gedhub_core::disclosure`; the plain-words version in docs/DISCLOSURE.md.
//!
//! - The **programme** release of year Y (global and regional figures for
//!   focal points, their API and the annual report) is published from 1 July
//!   of Y + 1: six months for Members to report the year's workforce data.
//! - A GEOAT instrument's **benchmarks** for year Y (regional and global
//!   section averages over each administration's latest assessment validated
//!   by the end of Y) are published from 1 January of Y + 1: a validation is
//!   dated and cannot arrive late.
//! - Periods start in [`FIRST_PERIOD`]. A release is computed with every
//!   earlier one of its kind, so publishing a period first publishes the
//!   periods before it that nobody asked for yet.

use std::collections::HashMap;

use gedhub_core::disclosure::hierarchy::{Contribution, Measure, Release, ReleaseInput, Statistic};
use gedhub_core::scoring::score;
use gedhub_store::Actor;
use gedhub_store::programme::ProgrammeFilter;

use crate::error::{AppError, Result};
use crate::state::AppState;

/// The first period anything is published for.
pub const FIRST_PERIOD: i32 = 2020;

/// What is published across Members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The programme's figures.
    Programme,
    /// One GEOAT instrument's benchmarks (its code).
    Geoat(String),
}

impl Kind {
    /// The stored name: `programme` or `geoat:<code>`.
    pub fn name(&self) -> String {
        match self {
            Kind::Programme => "programme".to_owned(),
            Kind::Geoat(code) => format!("geoat:{code}"),
        }
    }

    /// The first day period `period` is published (`YYYY-MM-DD`).
    pub fn published_from(&self, period: i32) -> String {
        match self {
            Kind::Programme => format!("{:04}-07-01", period + 1),
            Kind::Geoat(_) => format!("{:04}-01-01", period + 1),
        }
    }

    /// The latest period published by `today` (`YYYY-MM-DD`), if any.
    pub fn latest_period(&self, today: &str) -> Option<i32> {
        let year: i32 = today.get(..4)?.parse().ok()?;
        (FIRST_PERIOD..year)
            .rev()
            .find(|period| self.published_from(*period).as_str() <= today)
    }

    /// Every period published by `today`, oldest first.
    pub fn periods(&self, today: &str) -> Vec<i32> {
        self.latest_period(today)
            .map_or_else(Vec::new, |latest| (FIRST_PERIOD..=latest).collect())
    }
}

fn parse(body: &str) -> Result<Release> {
    serde_json::from_str(body)
        .map_err(|error| AppError::internal(format!("a stored release does not parse: {error}")))
}

/// The release of `kind` for `period`, or `None` when that period is not
/// published yet (or before [`FIRST_PERIOD`]). Publishes it, and every
/// earlier period not yet published, when needed.
pub async fn release(state: &AppState, kind: &Kind, period: i32) -> Result<Option<Release>> {
    let today = state.today();
    if period < FIRST_PERIOD || kind.published_from(period) > today {
        return Ok(None);
    }
    let name = kind.name();
    if let Some(body) = state.store().published_release(&name, period).await? {
        return parse(&body).map(Some);
    }
    let stored: HashMap<i32, String> = state
        .store()
        .published_releases(&name)
        .await?
        .into_iter()
        .collect();
    let mut earlier: Vec<Release> = Vec::new();
    for year in FIRST_PERIOD..=period {
        let release = match stored.get(&year) {
            Some(body) => parse(body)?,
            None => {
                let input = match kind {
                    Kind::Programme => programme_input(state, year).await?,
                    Kind::Geoat(code) => geoat_input(state, code, year).await?,
                };
                let computed = Release::compute(&input, &earlier);
                let body = serde_json::to_string(&computed).map_err(AppError::internal)?;
                // Another server may have published it first: its text wins.
                let kept = state
                    .store()
                    .publish_release(&Actor::system("disclosure"), &name, year, &body)
                    .await?;
                parse(&kept)?
            }
        };
        earlier.push(release);
    }
    Ok(earlier.pop())
}

/// The programme's release input for a year: every Member's row of that
/// year (see `gedhub_core::programme::release_input`).
async fn programme_input(state: &AppState, period: i32) -> Result<ReleaseInput> {
    let filter = ProgrammeFilter {
        year: Some(period),
        region: None,
        language: None,
    };
    let rows = crate::programme::member_rows(state, &filter, "en").await?;
    Ok(gedhub_core::programme::release_input(period, &rows))
}

/// The key of a GEOAT section's measure in a benchmark release.
pub fn section_key(code: &str) -> String {
    format!("section:{code}")
}

/// A GEOAT instrument's release input for a year: each administration's
/// latest assessment validated by the year's end, one measure per section
/// (its score, over the administrations that have one in that section).
async fn geoat_input(state: &AppState, instrument_code: &str, period: i32) -> Result<ReleaseInput> {
    let instrument = state.store().instrument(instrument_code).await?;
    let validated = state
        .store()
        .validated_answers_as_of(instrument_code, &format!("{period:04}-12-31T99"))
        .await?;
    let scored: Vec<_> = validated
        .iter()
        .map(|v| (v, score(&instrument, &v.answers)))
        .collect();
    let measures = instrument
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| Measure {
            key: section_key(&section.code),
            statistic: Statistic::Mean,
            contributions: scored
                .iter()
                .filter_map(|(v, scores)| {
                    let value = scores.sections.get(index)?.score.score_pct?;
                    Some(Contribution {
                        member: v.administration.as_str().to_owned(),
                        region: v.region,
                        components: vec![value],
                    })
                })
                .collect(),
        })
        .collect();
    Ok(ReleaseInput {
        period,
        members: Vec::new(),
        counts: Vec::new(),
        measures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_close_on_their_publication_day() {
        let programme = Kind::Programme;
        assert_eq!(programme.latest_period("2026-06-30"), Some(2024));
        assert_eq!(programme.latest_period("2026-07-01"), Some(2025));
        assert_eq!(programme.periods("2021-12-31"), [2020]);
        assert_eq!(programme.periods("2022-12-31"), [2020, 2021]);
        assert!(programme.periods("2021-01-01").is_empty());
        let geoat = Kind::Geoat("g".into());
        assert_eq!(geoat.latest_period("2026-01-01"), Some(2025));
        assert_eq!(geoat.latest_period("2025-12-31"), Some(2024));
        assert_eq!(geoat.name(), "geoat:g");
    }
}
