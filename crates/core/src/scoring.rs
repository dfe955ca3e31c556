//! Diagnostic scores, strengths and gaps (issue 3's exact definitions).
//!
//! For a section, a key element or the whole instrument:
//! `score_pct = sum of ratings / (max rating × number of rated indicators) × 100`,
//! not-applicable answers excluded; with no rated indicator the score is
//! `None` (not 0). Scores are not rounded here: only displays round.

use std::collections::HashMap;

use serde::Serialize;

use crate::instrument::Instrument;

/// An indicator's answer as far as scoring is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Value(u8),
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartScore {
    pub code: String,
    pub score_pct: Option<f64>,
    /// Indicators with a numeric rating.
    pub rated: usize,
    /// Indicators answered "not applicable".
    pub not_applicable: usize,
    /// All indicators of the part.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionScore {
    #[serde(flatten)]
    pub score: PartScore,
    pub key_elements: Vec<PartScore>,
}

/// A strength or a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub section: String,
    pub indicator: String,
    pub rating: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub overall: PartScore,
    pub sections: Vec<SectionScore>,
    /// Ratings at or above the strength threshold: by section (instrument
    /// order), then highest rating first, then instrument order.
    pub strengths: Vec<Finding>,
    /// Ratings at or below the gap threshold: by section, then lowest first.
    pub gaps: Vec<Finding>,
}

fn part<'a>(code: &str, max: u8, ratings: impl Iterator<Item = Option<&'a Rating>>) -> PartScore {
    let (mut sum, mut rated, mut not_applicable, mut total) = (0_u64, 0_usize, 0_usize, 0_usize);
    for rating in ratings {
        total += 1;
        match rating {
            Some(Rating::Value(value)) => {
                sum += u64::from(*value);
                rated += 1;
            }
            Some(Rating::NotApplicable) => not_applicable += 1,
            None => {}
        }
    }
    let score_pct =
        (rated > 0 && max > 0).then(|| sum as f64 / (f64::from(max) * rated as f64) * 100.0);
    PartScore {
        code: code.to_owned(),
        score_pct,
        rated,
        not_applicable,
        total,
    }
}

/// Scores `answers` (indicator code → rating) against `instrument`. Answers
/// for codes the instrument does not have are ignored.
pub fn score(instrument: &Instrument, answers: &HashMap<String, Rating>) -> Scores {
    let max = instrument.scale.max();
    let sections: Vec<SectionScore> = instrument
        .sections
        .iter()
        .map(|section| SectionScore {
            score: part(
                &section.code,
                max,
                section.indicators().map(|i| answers.get(&i.code)),
            ),
            key_elements: section
                .key_elements
                .iter()
                .map(|key| {
                    part(
                        &key.code,
                        max,
                        key.indicators.iter().map(|i| answers.get(&i.code)),
                    )
                })
                .collect(),
        })
        .collect();
    let overall = part(
        "overall",
        max,
        instrument
            .indicators()
            .map(|(_, _, i)| answers.get(&i.code)),
    );
    let mut strengths = Vec::new();
    let mut gaps = Vec::new();
    for section in &instrument.sections {
        let mut section_strengths = Vec::new();
        let mut section_gaps = Vec::new();
        for (position, indicator) in section.indicators().enumerate() {
            if let Some(Rating::Value(value)) = answers.get(&indicator.code) {
                let finding = Finding {
                    section: section.code.clone(),
                    indicator: indicator.code.clone(),
                    rating: *value,
                };
                if *value >= instrument.strength_threshold {
                    section_strengths.push((position, finding.clone()));
                }
                if *value <= instrument.gap_threshold {
                    section_gaps.push((position, finding));
                }
            }
        }
        section_strengths.sort_by_key(|(position, f)| (std::cmp::Reverse(f.rating), *position));
        section_gaps.sort_by_key(|(position, f)| (f.rating, *position));
        strengths.extend(section_strengths.into_iter().map(|(_, f)| f));
        gaps.extend(section_gaps.into_iter().map(|(_, f)| f));
    }
    Scores {
        overall,
        sections,
        strengths,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::{Indicator, KeyElement, Localized, Scale, ScaleLevel, Section};
    use proptest::prelude::*;

    fn indicator(code: &str) -> Indicator {
        Indicator {
            code: code.to_owned(),
            label: Localized::default(),
            guidance: Localized::default(),
        }
    }

    /// Two sections: A (A.1: A.1.1, A.1.2; A.2: A.2.1) and B (B.1: B.1.1).
    fn instrument() -> Instrument {
        let key = |code: &str, indicators: &[&str]| KeyElement {
            code: code.to_owned(),
            label: Localized::default(),
            guidance: Localized::default(),
            indicators: indicators.iter().map(|c| indicator(c)).collect(),
        };
        let section = |code: &str, keys: Vec<KeyElement>| Section {
            code: code.to_owned(),
            label: Localized::default(),
            guidance: Localized::default(),
            key_elements: keys,
        };
        let level = |value| ScaleLevel {
            value,
            label: Localized::default(),
            description: Localized::default(),
        };
        Instrument {
            code: "test".to_owned(),
            edition: "1".to_owned(),
            title: Localized::default(),
            description: Localized::default(),
            languages: vec!["en".to_owned()],
            sections: vec![
                section(
                    "A",
                    vec![key("A.1", &["A.1.1", "A.1.2"]), key("A.2", &["A.2.1"])],
                ),
                section("B", vec![key("B.1", &["B.1.1"])]),
            ],
            scale: Scale {
                levels: (0..=5).map(level).collect(),
                not_applicable: Some(level(0)),
            },
            strength_threshold: 4,
            gap_threshold: 2,
        }
    }

    fn answers(pairs: &[(&str, Rating)]) -> HashMap<String, Rating> {
        pairs
            .iter()
            .map(|(code, rating)| ((*code).to_owned(), *rating))
            .collect()
    }

    #[test]
    fn scores_follow_the_definition_by_hand() {
        // A.1.1 = 5, A.1.2 = 2, A.2.1 = not applicable, B.1.1 unanswered.
        let scores = score(
            &instrument(),
            &answers(&[
                ("A.1.1", Rating::Value(5)),
                ("A.1.2", Rating::Value(2)),
                ("A.2.1", Rating::NotApplicable),
            ]),
        );
        let a = &scores.sections[0];
        // (5 + 2) / (5 × 2) × 100 = 70.
        assert_eq!(a.score.score_pct, Some(70.0));
        assert_eq!(
            (a.score.rated, a.score.not_applicable, a.score.total),
            (2, 1, 3)
        );
        assert_eq!(a.key_elements[0].score_pct, Some(70.0));
        // Only "not applicable": no score, not zero.
        assert_eq!(a.key_elements[1].score_pct, None);
        // Nothing answered: no score.
        assert_eq!(scores.sections[1].score.score_pct, None);
        assert_eq!(scores.overall.score_pct, Some(70.0));
        assert_eq!(scores.overall.total, 4);
    }

    #[test]
    fn scores_are_not_rounded() {
        // (1 + 1 + 0) / (5 × 3) × 100 = 13.333…
        let scores = score(
            &instrument(),
            &answers(&[
                ("A.1.1", Rating::Value(1)),
                ("A.1.2", Rating::Value(1)),
                ("A.2.1", Rating::Value(0)),
            ]),
        );
        let pct = scores.sections[0].score.score_pct.expect("rated");
        assert!((pct - 40.0 / 3.0).abs() < 1e-12, "{pct}");
    }

    #[test]
    fn a_zero_rating_counts_and_gives_zero() {
        let scores = score(&instrument(), &answers(&[("B.1.1", Rating::Value(0))]));
        assert_eq!(scores.sections[1].score.score_pct, Some(0.0));
        assert_eq!(scores.gaps.len(), 1);
    }

    #[test]
    fn strengths_and_gaps_use_the_thresholds_and_are_ordered_by_rating_within_sections() {
        let scores = score(
            &instrument(),
            &answers(&[
                ("A.1.1", Rating::Value(4)),
                ("A.1.2", Rating::Value(5)),
                ("A.2.1", Rating::Value(3)),
                ("B.1.1", Rating::Value(1)),
            ]),
        );
        let codes = |findings: &[Finding]| {
            findings
                .iter()
                .map(|f| f.indicator.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&scores.strengths), ["A.1.2", "A.1.1"]);
        assert_eq!(codes(&scores.gaps), ["B.1.1"]);
        let gaps = score(
            &instrument(),
            &answers(&[
                ("A.1.1", Rating::Value(2)),
                ("A.1.2", Rating::Value(0)),
                ("A.2.1", Rating::NotApplicable),
            ]),
        )
        .gaps;
        assert_eq!(
            codes(&gaps),
            ["A.1.2", "A.1.1"],
            "lowest first; not applicable is never a gap"
        );
    }

    #[test]
    fn answers_to_unknown_indicators_are_ignored() {
        let scores = score(&instrument(), &answers(&[("Z.9.9", Rating::Value(5))]));
        assert_eq!(scores.overall.score_pct, None);
    }

    fn any_rating() -> impl Strategy<Value = Option<Rating>> {
        prop_oneof![
            Just(None),
            Just(Some(Rating::NotApplicable)),
            (0_u8..=5).prop_map(|v| Some(Rating::Value(v))),
        ]
    }

    proptest! {
        #[test]
        fn every_score_stays_within_0_and_100(ratings in proptest::collection::vec(any_rating(), 4)) {
            let codes = ["A.1.1", "A.1.2", "A.2.1", "B.1.1"];
            let answers: HashMap<String, Rating> = codes
                .iter()
                .zip(&ratings)
                .filter_map(|(code, rating)| rating.map(|r| ((*code).to_owned(), r)))
                .collect();
            let scores = score(&instrument(), &answers);
            let mut all = vec![scores.overall.score_pct];
            for section in &scores.sections {
                all.push(section.score.score_pct);
                all.extend(section.key_elements.iter().map(|k| k.score_pct));
            }
            for pct in all.into_iter().flatten() {
                prop_assert!((0.0..=100.0).contains(&pct));
            }
        }

        #[test]
        fn scores_do_not_depend_on_the_order_answers_were_given(
            ratings in proptest::collection::vec(any_rating(), 4),
            seed in any::<u64>(),
        ) {
            let codes = ["A.1.1", "A.1.2", "A.2.1", "B.1.1"];
            let mut pairs: Vec<(String, Rating)> = codes
                .iter()
                .zip(&ratings)
                .filter_map(|(code, rating)| rating.map(|r| ((*code).to_owned(), r)))
                .collect();
            let forward: HashMap<String, Rating> = pairs.iter().cloned().collect();
            let rotation = (seed as usize) % pairs.len().max(1);
            pairs.rotate_left(rotation);
            pairs.reverse();
            let shuffled: HashMap<String, Rating> = pairs.into_iter().collect();
            prop_assert_eq!(score(&instrument(), &forward), score(&instrument(), &shuffled));
        }
    }
}
