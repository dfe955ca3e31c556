//! Everything a diagnostic report shows, computed once and rendered three
//! ways: the web page, the PDF and the Excel workbook.

use std::collections::HashMap;
use std::sync::Arc;

use gedhub_core::Region;
use gedhub_core::disclosure::Published;
use gedhub_core::disclosure::hierarchy::{Release, Selection};
use gedhub_core::instrument::Instrument;
use gedhub_core::scoring::{Scores, score};
use gedhub_store::assessments::{Answer, Assessment, Attachment};

use crate::disclosure::{Kind, release, section_key};
use crate::error::Result;
use crate::format::{self, Digits};
use crate::i18n::Locale;
use crate::state::AppState;

/// The regional and global averages of an instrument's sections, as
/// published for a closed period (`gedhub_core::disclosure`): each section's
/// figure over the administrations with a score in that section, withheld
/// below five besides any one of them, and protected against the other
/// regions and the earlier periods.
#[derive(Debug, Clone)]
pub struct Benchmarks {
    pub period: i32,
    pub region: Region,
    release: Release,
}

impl Benchmarks {
    /// The assessment's region's average of a section.
    pub fn regional(&self, section: &str) -> Published {
        self.release
            .figure(&section_key(section), Selection::Region(self.region))
    }

    /// All Members' average of a section.
    pub fn global(&self, section: &str) -> Published {
        self.release
            .figure(&section_key(section), Selection::Global)
    }
}

pub struct Diagnostic {
    pub assessment: Assessment,
    pub administration_name: String,
    pub instrument: Arc<Instrument>,
    pub scores: Scores,
    pub answers: HashMap<String, Answer>,
    pub attachments: Vec<Attachment>,
    pub previous: Option<(Assessment, Scores)>,
    /// The latest published benchmarks, if a period is published.
    pub benchmarks: Option<Benchmarks>,
}

// The rated answers as the scoring engine reads them (one reading, shared
// with the application layer's scores).
pub use gedhub_app::assessments::ratings;

impl Diagnostic {
    pub async fn load(state: &AppState, assessment: Assessment, locale: &Locale) -> Result<Self> {
        let store = state.store();
        let instrument = store.instrument(&assessment.instrument_code).await?;
        let answers: HashMap<String, Answer> = store
            .answers(assessment.id)
            .await?
            .into_iter()
            .map(|answer| (answer.indicator_code.clone(), answer))
            .collect();
        let scores = score(&instrument, &ratings(&answers));
        let previous = match store.previous_assessment(&assessment).await? {
            Some(previous) => {
                let previous_answers: HashMap<String, Answer> = store
                    .answers(previous.id)
                    .await?
                    .into_iter()
                    .map(|a| (a.indicator_code.clone(), a))
                    .collect();
                let previous_scores = score(&instrument, &ratings(&previous_answers));
                Some((previous, previous_scores))
            }
            None => None,
        };
        let administration = store
            .administration(&gedhub_core::Scope::All, &assessment.administration)
            .await?;
        let kind = Kind::Geoat(assessment.instrument_code.clone());
        let benchmarks = match kind.latest_period(&state.today()) {
            Some(period) => release(state, &kind, period)
                .await?
                .map(|release| Benchmarks {
                    period,
                    region: administration.region,
                    release,
                }),
            None => None,
        };
        Ok(Self {
            administration_name: administration.name(&locale.code()).to_owned(),
            attachments: store.attachments(assessment.id).await?,
            benchmarks,
            assessment,
            instrument,
            scores,
            answers,
            previous,
        })
    }

    /// The change of each section's score since the previous assessment, in
    /// percentage points.
    pub fn changes(&self) -> Vec<(String, Option<f64>)> {
        let Some((_, previous)) = &self.previous else {
            return Vec::new();
        };
        self.scores
            .sections
            .iter()
            .zip(&previous.sections)
            .map(|(now, before)| {
                let change = match (now.score.score_pct, before.score.score_pct) {
                    (Some(now), Some(before)) => Some(now - before),
                    _ => None,
                };
                (now.score.code.clone(), change)
            })
            .collect()
    }
}

/// A percentage for people: rounded to a whole number (scores are shown, not computed, from
/// it), written as the language writes percentages; "–" for none.
pub fn format_pct(value: Option<f64>, locale: &Locale) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |value| format::percent(value, Digits::Exactly(0), locale),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_rounded_for_display_only() {
        let fr = Locale::from_code("fr").expect("French");
        assert_eq!(format_pct(Some(66.666), &Locale::english()), "67%");
        assert_eq!(format_pct(Some(66.666), &fr), "67\u{a0}%");
        assert_eq!(format_pct(None, &fr), "–");
    }
}
