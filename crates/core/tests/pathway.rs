//! The pathway's rules: every transition and guard, override, lapse on a
//! given day, and the selection composite pinned with hand-computed values.

use chrono::NaiveDate;
use gedhub_core::pathway::{
    Decision, Facts, Measures, Missing, Settings, Stage, Weights, composite, decide,
    effective_stage, missing, rank,
};
use proptest::prelude::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn trained_facts() -> Facts {
    Facts {
        nominated: true,
        completed_train_the_trainer: true,
        elearning_completed: 2,
        elearning_modules: 2,
        best_post_test_pct: Some(70.0),
        ..Facts::default()
    }
}

#[test]
fn codes_round_trip_and_unknown_codes_are_refused() {
    for stage in Stage::ALL {
        assert_eq!(Stage::parse(stage.as_str()), Ok(stage));
    }
    assert_eq!(
        Stage::parse("expert").map_err(|e| e.code),
        Err("unknown_stage")
    );
}

#[test]
fn the_graph_allows_exactly_the_documented_moves() {
    use Stage::*;
    let allowed = [
        (Nominated, Preselected),
        (Nominated, Trained),
        (Preselected, Trained),
        (Trained, Invited),
        (Invited, SupervisedDelivery),
        (Invited, Declined),
        (SupervisedDelivery, Recognized),
        (Lapsed, Recognized),
        (Recognized, Champion),
        (Recognized, Lapsed),
        (Champion, Lapsed),
        (Withdrawn, Nominated),
        (Declined, Nominated),
    ];
    for from in Stage::ALL {
        for to in Stage::ALL {
            let expected = allowed.contains(&(from, to)) || (to == Withdrawn && from != Withdrawn);
            assert_eq!(from.may_move_to(to), expected, "{from} → {to}");
        }
    }
}

#[test]
fn preselection_needs_a_nomination() {
    let today = day("2024-05-01");
    let settings = Settings::default();
    assert_eq!(
        missing(
            Stage::Nominated,
            Stage::Preselected,
            &Facts::default(),
            &settings,
            today
        ),
        vec![Missing::NoNomination]
    );
    let facts = Facts {
        nominated: true,
        ..Facts::default()
    };
    assert!(
        missing(
            Stage::Nominated,
            Stage::Preselected,
            &facts,
            &settings,
            today
        )
        .is_empty()
    );
}

#[test]
fn trained_lists_every_missing_requirement() {
    let today = day("2024-05-01");
    let settings = Settings::default();
    assert_eq!(
        missing(
            Stage::Preselected,
            Stage::Trained,
            &Facts::default(),
            &settings,
            today
        ),
        vec![
            Missing::TrainTheTrainerNotCompleted,
            Missing::ElearningIncomplete,
            Missing::PostTestBelowThreshold
        ]
    );
    // Exactly at the threshold passes; just below does not.
    assert!(
        missing(
            Stage::Preselected,
            Stage::Trained,
            &trained_facts(),
            &settings,
            today
        )
        .is_empty()
    );
    let below = Facts {
        best_post_test_pct: Some(69.9),
        ..trained_facts()
    };
    assert_eq!(
        missing(Stage::Preselected, Stage::Trained, &below, &settings, today),
        vec![Missing::PostTestBelowThreshold]
    );
    // One module of two, or no module defined at all, is incomplete.
    for (done, of) in [(1, 2), (0, 0)] {
        let facts = Facts {
            elearning_completed: done,
            elearning_modules: of,
            ..trained_facts()
        };
        assert_eq!(
            missing(Stage::Preselected, Stage::Trained, &facts, &settings, today),
            vec![Missing::ElearningIncomplete]
        );
    }
    // The threshold is a setting.
    let strict = Settings {
        trained_post_test_pct: 80.0,
        ..Settings::default()
    };
    assert_eq!(
        missing(
            Stage::Preselected,
            Stage::Trained,
            &trained_facts(),
            &strict,
            today
        ),
        vec![Missing::PostTestBelowThreshold]
    );
}

#[test]
fn delivery_and_recognition_guards() {
    let today = day("2024-05-01");
    let settings = Settings::default();
    let facts = trained_facts();
    assert!(missing(Stage::Trained, Stage::Invited, &facts, &settings, today).is_empty());
    assert_eq!(
        missing(
            Stage::Invited,
            Stage::SupervisedDelivery,
            &facts,
            &settings,
            today
        ),
        vec![Missing::NoMissionAssignment]
    );
    assert_eq!(
        missing(
            Stage::SupervisedDelivery,
            Stage::Recognized,
            &facts,
            &settings,
            today
        ),
        vec![Missing::NoPositiveEvaluation]
    );
    let delivered = Facts {
        assigned_to_mission: true,
        positive_evaluation: true,
        ..facts
    };
    assert!(
        missing(
            Stage::Invited,
            Stage::SupervisedDelivery,
            &delivered,
            &settings,
            today
        )
        .is_empty()
    );
    assert!(
        missing(
            Stage::SupervisedDelivery,
            Stage::Recognized,
            &delivered,
            &settings,
            today
        )
        .is_empty()
    );
    // Renewal after a lapse asks for new activity, not the old evaluation.
    assert_eq!(
        missing(
            Stage::Lapsed,
            Stage::Recognized,
            &delivered,
            &settings,
            today
        ),
        vec![Missing::NoRenewalActivity]
    );
    let renewed = Facts {
        renewal_activity: true,
        ..delivered
    };
    assert!(missing(Stage::Lapsed, Stage::Recognized, &renewed, &settings, today).is_empty());
    // Declining and withdrawing need nothing.
    assert!(
        missing(
            Stage::Invited,
            Stage::Declined,
            &Facts::default(),
            &settings,
            today
        )
        .is_empty()
    );
    assert!(
        missing(
            Stage::Trained,
            Stage::Withdrawn,
            &Facts::default(),
            &settings,
            today
        )
        .is_empty()
    );
}

#[test]
fn champion_and_lapse_depend_on_the_day() {
    let settings = Settings::default();
    let facts = Facts {
        recognition_valid_until: Some(day("2027-03-16")),
        ..Facts::default()
    };
    // The last day is still valid; the day after is not.
    assert!(
        missing(
            Stage::Recognized,
            Stage::Champion,
            &facts,
            &settings,
            day("2027-03-16")
        )
        .is_empty()
    );
    assert_eq!(
        missing(
            Stage::Recognized,
            Stage::Champion,
            &facts,
            &settings,
            day("2027-03-17")
        ),
        vec![Missing::RecognitionExpired]
    );
    assert_eq!(
        missing(
            Stage::Recognized,
            Stage::Lapsed,
            &facts,
            &settings,
            day("2027-03-16")
        ),
        vec![Missing::RecognitionStillValid]
    );
    assert!(
        missing(
            Stage::Recognized,
            Stage::Lapsed,
            &facts,
            &settings,
            day("2027-03-17")
        )
        .is_empty()
    );
    // No recognition recorded at all: nothing to be champion of.
    assert_eq!(
        missing(
            Stage::Recognized,
            Stage::Champion,
            &Facts::default(),
            &settings,
            day("2024-01-01")
        ),
        vec![Missing::RecognitionExpired]
    );
}

#[test]
fn a_recognition_past_its_last_day_reads_as_lapsed() {
    let until = Some(day("2026-03-16"));
    assert_eq!(
        effective_stage(Stage::Recognized, until, day("2026-03-16")),
        Stage::Recognized
    );
    assert_eq!(
        effective_stage(Stage::Recognized, until, day("2026-03-17")),
        Stage::Lapsed
    );
    assert_eq!(
        effective_stage(Stage::Champion, until, day("2030-01-01")),
        Stage::Lapsed
    );
    // A recognition recorded outside the pathway counts (and lapses).
    assert_eq!(
        effective_stage(Stage::Invited, until, day("2026-01-01")),
        Stage::Recognized
    );
    assert_eq!(
        effective_stage(Stage::Nominated, until, day("2030-01-01")),
        Stage::Lapsed
    );
    // Without a recognition, and off the main line, the stage is as recorded.
    assert_eq!(
        effective_stage(Stage::Recognized, None, day("2030-01-01")),
        Stage::Recognized
    );
    assert_eq!(
        effective_stage(Stage::Invited, None, day("2030-01-01")),
        Stage::Invited
    );
    assert_eq!(
        effective_stage(Stage::Declined, until, day("2026-01-01")),
        Stage::Declined
    );
}

#[test]
fn decide_refuses_missing_prerequisites_unless_overridden_with_a_reason() {
    let today = day("2024-05-01");
    let settings = Settings::default();
    let facts = Facts::default();
    assert_eq!(
        decide(
            Stage::Invited,
            Stage::SupervisedDelivery,
            &facts,
            &settings,
            today,
            None
        ),
        Decision::Missing(vec![Missing::NoMissionAssignment])
    );
    assert_eq!(
        decide(
            Stage::Invited,
            Stage::SupervisedDelivery,
            &facts,
            &settings,
            today,
            Some("  ")
        ),
        Decision::ReasonRequired
    );
    assert_eq!(
        decide(
            Stage::Invited,
            Stage::SupervisedDelivery,
            &facts,
            &settings,
            today,
            Some("Co-facilitated the 2022 mission before gedhub")
        ),
        Decision::Allowed {
            overridden: vec![Missing::NoMissionAssignment]
        }
    );
    // An override never skips the graph.
    assert_eq!(
        decide(
            Stage::Nominated,
            Stage::Recognized,
            &facts,
            &settings,
            today,
            Some("because")
        ),
        Decision::NotAllowed
    );
    assert_eq!(
        decide(
            Stage::Trained,
            Stage::Invited,
            &facts,
            &settings,
            today,
            None
        ),
        Decision::Allowed { overridden: vec![] }
    );
}

#[test]
fn composite_matches_hand_computed_values() {
    // Post 80, pre 50 → gain 30; attendance 90; exercises 60; rubric mean 4
    // → (4 − 1) ÷ 4 × 100 = 75. Default weights 30/10/15/15/30 (sum 100):
    // (80·30 + 30·10 + 90·15 + 60·15 + 75·30) ÷ 100
    // = (2400 + 300 + 1350 + 900 + 2250) ÷ 100 = 72.
    let measures = Measures {
        post_test_pct: Some(80.0),
        pre_test_pct: Some(50.0),
        attendance_pct: Some(90.0),
        exercise_pct: Some(60.0),
        rubric_mean: Some(4.0),
    };
    assert!((composite(&measures, &Weights::default()) - 72.0).abs() < 1e-9);
    // Equal weights: (80 + 30 + 90 + 60 + 75) ÷ 5 = 67.
    let equal = Weights::new(1.0, 1.0, 1.0, 1.0, 1.0).expect("valid");
    assert!((composite(&measures, &equal) - 67.0).abs() < 1e-9);
    // Absent measures count as 0; a loss counts as no gain:
    // post 40, pre 60 → gain 0; (40·30 + 0 + 0 + 0 + 0) ÷ 100 = 12.
    let sparse = Measures {
        post_test_pct: Some(40.0),
        pre_test_pct: Some(60.0),
        ..Measures::default()
    };
    assert!((composite(&sparse, &Weights::default()) - 12.0).abs() < 1e-9);
    assert_eq!(sparse.components().knowledge_gain, Some(0.0));
}

#[test]
fn weights_are_checked() {
    assert_eq!(
        Weights::new(-1.0, 1.0, 1.0, 1.0, 1.0).map_err(|e| e.code),
        Err("weight_out_of_range")
    );
    assert_eq!(
        Weights::new(f64::NAN, 1.0, 1.0, 1.0, 1.0).map_err(|e| e.code),
        Err("weight_out_of_range")
    );
    assert_eq!(
        Weights::new(0.0, 0.0, 0.0, 0.0, 0.0).map_err(|e| e.code),
        Err("weights_all_zero")
    );
}

#[test]
fn ranking_breaks_ties_by_post_test_then_given_order() {
    let weights = Weights::new(0.0, 0.0, 1.0, 0.0, 0.0).expect("attendance only");
    let candidates = [
        Measures {
            attendance_pct: Some(80.0),
            post_test_pct: Some(50.0),
            ..Measures::default()
        },
        Measures {
            attendance_pct: Some(80.0),
            post_test_pct: Some(90.0),
            ..Measures::default()
        },
        Measures {
            attendance_pct: Some(100.0),
            ..Measures::default()
        },
        Measures {
            attendance_pct: Some(80.0),
            post_test_pct: Some(50.0),
            ..Measures::default()
        },
    ];
    let order: Vec<usize> = rank(&candidates, &weights)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(order, vec![2, 1, 0, 3]);
}

fn measure() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (0.0f64..=100.0).prop_map(Some)]
}

proptest! {
    /// The composite is a weighted mean of 0–100 components: it stays in
    /// 0–100, and raising one measure never lowers it.
    #[test]
    fn composite_is_bounded_and_monotone(
        post in measure(), pre in measure(), attendance in measure(), exercises in measure(),
        rubric in prop_oneof![Just(None), (1.0f64..=5.0).prop_map(Some)],
        w in proptest::array::uniform5(0.0f64..=100.0),
        bump in 0.0f64..=50.0,
    ) {
        prop_assume!(w.iter().sum::<f64>() > 0.0);
        let weights = Weights::new(w[0], w[1], w[2], w[3], w[4]).expect("valid");
        let measures = Measures { post_test_pct: post, pre_test_pct: pre, attendance_pct: attendance, exercise_pct: exercises, rubric_mean: rubric };
        let score = composite(&measures, &weights);
        prop_assert!((0.0..=100.0 + 1e-9).contains(&score));
        let better = Measures { attendance_pct: Some(attendance.unwrap_or(0.0) + bump), ..measures.clone() };
        prop_assert!(composite(&better, &weights) + 1e-9 >= score);
    }

    /// Whatever the facts, an allowed decision without override never
    /// leaves a prerequisite missing.
    #[test]
    fn allowed_without_override_means_nothing_missing(
        from in 0usize..10, to in 0usize..10,
        nominated: bool, ttt: bool, done in 0usize..3, post in measure(),
        assigned: bool, positive: bool, renewal: bool,
    ) {
        let facts = Facts {
            nominated, completed_train_the_trainer: ttt, elearning_completed: done, elearning_modules: 2,
            best_post_test_pct: post, assigned_to_mission: assigned, positive_evaluation: positive,
            renewal_activity: renewal, recognition_valid_until: Some(day("2027-01-01")),
        };
        let (from, to) = (Stage::ALL[from], Stage::ALL[to]);
        let today = day("2026-01-01");
        if let Decision::Allowed { overridden } = decide(from, to, &facts, &Settings::default(), today, None) {
            prop_assert!(overridden.is_empty());
            prop_assert!(missing(from, to, &facts, &Settings::default(), today).is_empty());
        }
    }
}
