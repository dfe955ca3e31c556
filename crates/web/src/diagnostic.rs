//! Everything a diagnostic report shows, computed once and rendered three
//! ways: the web page, the PDF and the Excel workbook.

use std::collections::HashMap;
use std::sync::Arc;

use gedhub_core::instrument::Instrument;
use gedhub_core::scoring::{Rating, Scores, score};
use gedhub_store::Store;
use gedhub_store::assessments::{Answer, Assessment, Attachment};

use crate::error::Result;
use crate::i18n::Locale;

/// Averages of a group of administrations are shown only when at least this
/// many contribute, so that no administration's scores can be inferred.
pub const MIN_GROUP_SIZE: usize = 5;

/// Average section scores of a group of administrations.
#[derive(Debug, Clone)]
pub struct Benchmark {
    pub administrations: usize,
    pub overall: Option<f64>,
    pub sections: HashMap<String, Option<f64>>,
}

pub struct Diagnostic {
    pub assessment: Assessment,
    pub administration_name: String,
    pub instrument: Arc<Instrument>,
    pub scores: Scores,
    pub answers: HashMap<String, Answer>,
    pub attachments: Vec<Attachment>,
    pub previous: Option<(Assessment, Scores)>,
    pub regional: Option<Benchmark>,
    pub global: Option<Benchmark>,
}

pub fn ratings(answers: &HashMap<String, Answer>) -> HashMap<String, Rating> {
    answers
        .iter()
        .filter_map(|(code, answer)| answer.as_rating().map(|rating| (code.clone(), rating)))
        .collect()
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let present: Vec<f64> = values.flatten().collect();
    (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
}

/// The average of the groups' scores, or `None` below [`MIN_GROUP_SIZE`].
pub fn benchmark(
    instrument: &Instrument,
    groups: &[&HashMap<String, Rating>],
) -> Option<Benchmark> {
    if groups.len() < MIN_GROUP_SIZE {
        return None;
    }
    let all: Vec<Scores> = groups
        .iter()
        .map(|answers| score(instrument, answers))
        .collect();
    Some(Benchmark {
        administrations: groups.len(),
        overall: mean(all.iter().map(|s| s.overall.score_pct)),
        sections: instrument
            .sections
            .iter()
            .enumerate()
            .map(|(index, section)| {
                (
                    section.code.clone(),
                    mean(
                        all.iter()
                            .map(|s| s.sections.get(index).and_then(|x| x.score.score_pct)),
                    ),
                )
            })
            .collect(),
    })
}

impl Diagnostic {
    pub async fn load(store: &Store, assessment: Assessment, locale: &Locale) -> Result<Self> {
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
        let validated = store.validated_answers(&assessment.instrument_code).await?;
        let global_groups: Vec<&HashMap<String, Rating>> =
            validated.iter().map(|v| &v.answers).collect();
        let regional_groups: Vec<&HashMap<String, Rating>> = validated
            .iter()
            .filter(|v| v.region == administration.region)
            .map(|v| &v.answers)
            .collect();
        Ok(Self {
            administration_name: administration.name(&locale.code()).to_owned(),
            attachments: store.attachments(assessment.id).await?,
            regional: benchmark(&instrument, &regional_groups),
            global: benchmark(&instrument, &global_groups),
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

/// A percentage for people: rounded, with the language's spacing.
pub fn format_pct(value: Option<f64>, locale: &Locale) -> String {
    match value {
        None => "–".to_owned(),
        Some(value) if locale.code() == "fr" => format!("{value:.0}\u{a0}%"),
        Some(value) => format!("{value:.0}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_averages_need_five_administrations() {
        let instrument = gedhub_store::instruments_shipped::shipped_instrument().expect("shipped");
        let first = instrument.sections[0]
            .indicators()
            .next()
            .expect("an indicator")
            .code
            .clone();
        let groups: Vec<HashMap<String, Rating>> = (0..5_u8)
            .map(|rating| HashMap::from([(first.clone(), Rating::Value(rating))]))
            .collect();
        let refs: Vec<&HashMap<String, Rating>> = groups.iter().collect();
        assert!(
            benchmark(&instrument, &refs[..4]).is_none(),
            "four is too few"
        );
        let five = benchmark(&instrument, &refs).expect("five is enough");
        assert_eq!(five.administrations, 5);
        // Scores 0, 20, 40, 60, 80 → mean 40.
        assert_eq!(
            five.sections
                .get(&instrument.sections[0].code)
                .copied()
                .flatten(),
            Some(40.0)
        );
        assert_eq!(
            five.sections
                .get(&instrument.sections[1].code)
                .copied()
                .flatten(),
            None
        );
    }

    #[test]
    fn percentages_are_rounded_for_display_only() {
        let fr = Locale::from_code("fr").expect("French");
        assert_eq!(format_pct(Some(66.666), &Locale::english()), "67%");
        assert_eq!(format_pct(Some(66.666), &fr), "67\u{a0}%");
        assert_eq!(format_pct(None, &fr), "–");
    }
}
