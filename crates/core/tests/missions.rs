//! Expert matching for missions: the order (language, region, areas,
//! availability, load) and its explanations, with hand-built cases.

use chrono::NaiveDate;
use gedhub_core::Region;
use gedhub_core::missions::{ExpertFacts, Needs, Reason, SupportKind, parse_areas, suggest};
use proptest::prelude::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn needs() -> Needs {
    Needs {
        language: "fr".into(),
        region: Some(Region::Wca),
        areas: vec!["P1".into(), "P3".into()],
        start: day("2025-03-10"),
        end: day("2025-03-14"),
    }
}

fn expert(languages: &[&str], region: Region, areas: &[&str]) -> ExpertFacts {
    ExpertFacts {
        languages: languages.iter().map(|l| (*l).to_owned()).collect(),
        region: Some(region),
        areas: areas.iter().map(|a| (*a).to_owned()).collect(),
        unavailable: Vec::new(),
        max_missions_per_year: 4,
        missions_by_year: Vec::new(),
    }
}

#[test]
fn codes_round_trip() {
    for kind in SupportKind::ALL {
        assert_eq!(SupportKind::parse(kind.as_str()), Ok(kind));
    }
    assert!(SupportKind::parse("audit").is_err());
    assert_eq!(
        parse_areas(["p3", "P1", " ", "P3", "ss"]),
        Ok(vec!["P1".to_owned(), "P3".to_owned(), "SS".to_owned()])
    );
    assert_eq!(parse_areas(["P7"]).map_err(|e| e.code), Err("unknown_area"));
}

#[test]
fn language_comes_before_region_areas_availability_and_load() {
    let experts = vec![
        // 0: English only, same region, every area.
        expert(&["en"], Region::Wca, &["P1", "P3"]),
        // 1: French, other region, every area.
        expert(&["fr", "en"], Region::Esa, &["P1", "P3"]),
        // 2: French, same region, one area.
        expert(&["fr"], Region::Wca, &["P3"]),
        // 3: French, same region, both areas, but busy that week.
        ExpertFacts {
            unavailable: vec![(day("2025-03-14"), day("2025-03-20"))],
            ..expert(&["fr"], Region::Wca, &["P1", "P3"])
        },
        // 4: French, same region, both areas, available, two missions in 2025.
        ExpertFacts {
            missions_by_year: vec![(2025, 2), (2024, 3)],
            ..expert(&["fr"], Region::Wca, &["P1", "P3"])
        },
        // 5: French, same region, both areas, available, one mission in 2025.
        ExpertFacts {
            missions_by_year: vec![(2025, 1)],
            ..expert(&["fr"], Region::Wca, &["P1", "P3"])
        },
    ];
    let order: Vec<usize> = suggest(&needs(), &experts)
        .iter()
        .map(|s| s.index)
        .collect();
    // Same language, region and areas: available before busy; lighter load first.
    assert_eq!(order, vec![5, 4, 3, 2, 1, 0]);
}

#[test]
fn every_suggestion_explains_itself() {
    let experts = vec![
        ExpertFacts {
            unavailable: vec![(day("2025-03-01"), day("2025-03-10"))],
            missions_by_year: vec![(2025, 4)],
            ..expert(&["en"], Region::Esa, &["P2"])
        },
        expert(&["fr"], Region::Wca, &["P1"]),
    ];
    let suggestions = suggest(&needs(), &experts);
    assert_eq!(suggestions[0].index, 1);
    assert_eq!(
        suggestions[0].reasons,
        vec![
            Reason::SpeaksLanguage,
            Reason::SameRegion,
            Reason::Areas { common: 1, of: 2 },
            Reason::Available,
            Reason::Load { missions: 0 },
        ]
    );
    // The first day of the mission overlaps the last unavailable day, and
    // four missions reach the default maximum of four.
    assert_eq!(
        suggestions[1].reasons,
        vec![
            Reason::DoesNotSpeakLanguage,
            Reason::OtherRegion,
            Reason::Areas { common: 0, of: 2 },
            Reason::Unavailable,
            Reason::AtYearlyMaximum {
                missions: 4,
                maximum: 4
            },
            Reason::Load { missions: 4 },
        ]
    );
    assert!(!suggestions[1].available);
    // Missions of other years do not count against this year's maximum.
    let other_year = ExpertFacts {
        missions_by_year: vec![(2024, 9)],
        ..expert(&["fr"], Region::Wca, &[])
    };
    assert!(suggest(&needs(), &[other_year])[0].available);
}

proptest! {
    /// Whoever the experts, everyone who speaks the language is listed
    /// before anyone who does not, and nobody is lost or repeated.
    #[test]
    fn speakers_always_come_first(specs in proptest::collection::vec((any::<bool>(), 0usize..6, 0u32..6), 0..12)) {
        let experts: Vec<ExpertFacts> = specs.iter().map(|(fr, region, load)| ExpertFacts {
            missions_by_year: vec![(2025, *load)],
            ..expert(if *fr { &["fr"] } else { &["en"] }, Region::ALL[*region], &["P1"])
        }).collect();
        let suggestions = suggest(&needs(), &experts);
        let mut seen: Vec<usize> = suggestions.iter().map(|s| s.index).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..experts.len()).collect::<Vec<_>>());
        let first_non_speaker = suggestions.iter().position(|s| !s.speaks_language).unwrap_or(suggestions.len());
        prop_assert!(suggestions[first_non_speaker..].iter().all(|s| !s.speaks_language));
    }
}

/// A mission is recorded as held from its last day on, never before: the
/// January 2027 mission of the demo cannot be reported in December 2026.
#[test]
fn a_mission_has_taken_place_from_its_last_day_on() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let end = day(2027, 1, 22);
    assert!(!gedhub_core::missions::has_taken_place(
        end,
        day(2026, 12, 7)
    ));
    assert!(!gedhub_core::missions::has_taken_place(
        end,
        day(2027, 1, 21)
    ));
    assert!(gedhub_core::missions::has_taken_place(
        end,
        day(2027, 1, 22)
    ));
    assert!(gedhub_core::missions::has_taken_place(end, day(2027, 3, 1)));
}
