//! Knowledge tests (issue 6): question validation, all-or-nothing scoring
//! and timing, with hand-computed vectors.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{TimeZone, Utc};
use gedhub_core::ktests::{
    AnswerOption, GRACE_SECONDS, Question, QuestionDraft, QuestionKind, TestKind, grade, on_time,
    seconds_left, time_limit,
};
use proptest::prelude::*;

fn option(en: &str, fr: &str, correct: bool) -> AnswerOption {
    AnswerOption {
        text_en: en.to_owned(),
        text_fr: fr.to_owned(),
        correct,
    }
}

fn draft(kind: &str, options: Vec<AnswerOption>) -> QuestionDraft {
    QuestionDraft {
        kind: kind.to_owned(),
        text_en: "What does GEOAT stand for?".to_owned(),
        text_fr: "Que signifie GEOAT ?".to_owned(),
        options,
    }
}

fn codes(draft: QuestionDraft) -> Vec<(&'static str, &'static str)> {
    Question::new(draft)
        .expect_err("invalid")
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

fn single() -> Question {
    Question::new(draft(
        "single_choice",
        vec![
            option(
                "Gender Equality Organizational Assessment Tool",
                "Outil",
                true,
            ),
            option("Global Export Tool", "Outil export", false),
            option("None", "Aucun", false),
        ],
    ))
    .expect("valid")
}

fn multiple() -> Question {
    Question::new(draft(
        "multiple_choice",
        vec![
            option("Sex", "Sexe", true),
            option("Grade", "Grade", true),
            option("Shoe size", "Pointure", false),
        ],
    ))
    .expect("valid")
}

fn true_false() -> Question {
    Question::new(draft(
        "true_false",
        vec![option("True", "Vrai", false), option("False", "Faux", true)],
    ))
    .expect("valid")
}

fn set(items: &[usize]) -> BTreeSet<usize> {
    items.iter().copied().collect()
}

#[test]
fn valid_questions_keep_their_texts_and_correct_options() {
    let q = single();
    assert_eq!(q.kind(), QuestionKind::SingleChoice);
    assert_eq!(q.text("fr"), "Que signifie GEOAT ?");
    assert_eq!(q.text("en"), "What does GEOAT stand for?");
    assert_eq!(q.correct_set(), set(&[0]));
    assert_eq!(multiple().correct_set(), set(&[0, 1]));
    assert_eq!(true_false().correct_set(), set(&[1]));
}

#[test]
fn every_problem_of_a_question_is_reported() {
    // One option, no French text, no correct option, unknown kind.
    let mut bad = draft("essay", vec![option("Only", "", false)]);
    bad.text_fr = "  ".to_owned();
    assert_eq!(
        codes(bad),
        [
            ("question_kind", "unknown_question_kind"),
            ("question_text_fr", "required"),
            ("answer_options", "too_few_answer_options"),
            ("answer_options", "answer_option_text_required"),
        ]
    );
    let two_correct = draft(
        "single_choice",
        vec![option("A", "A", true), option("B", "B", true)],
    );
    assert_eq!(
        codes(two_correct),
        [("answer_options", "exactly_one_correct")]
    );
    let none_correct = draft(
        "multiple_choice",
        vec![option("A", "A", false), option("B", "B", false)],
    );
    assert_eq!(
        codes(none_correct),
        [("answer_options", "no_correct_option")]
    );
    let three_way = draft(
        "true_false",
        vec![
            option("True", "Vrai", true),
            option("False", "Faux", false),
            option("Maybe", "Peut-être", false),
        ],
    );
    assert_eq!(
        codes(three_way),
        [("answer_options", "true_false_two_options")]
    );
    let eleven = draft(
        "multiple_choice",
        (0..11)
            .map(|i| option(&i.to_string(), &i.to_string(), true))
            .collect(),
    );
    assert_eq!(
        codes(eleven),
        [("answer_options", "too_many_answer_options")]
    );
}

#[test]
fn a_question_counts_only_when_the_chosen_set_is_exactly_the_correct_set() {
    let q = multiple();
    assert!(q.is_correct(&set(&[0, 1])));
    assert!(!q.is_correct(&set(&[0])), "one correct option missing");
    assert!(!q.is_correct(&set(&[0, 1, 2])), "one wrong option added");
    assert!(!q.is_correct(&set(&[])), "unanswered");
}

#[test]
fn the_score_is_correct_questions_over_questions() {
    let questions = vec![(10, single()), (11, multiple()), (12, true_false())];
    // Right, half right (counts wrong), right: 2 of 3 = 66.67 %.
    let answers = BTreeMap::from([(10, set(&[0])), (11, set(&[1])), (12, set(&[1]))]);
    let graded = grade(&questions, &answers).expect("valid");
    assert_eq!((graded.correct, graded.questions), (2, 3));
    assert!((graded.score_pct - 200.0 / 3.0).abs() < 1e-9);
    // Only the true/false answered, right: 1 of 3.
    let graded = grade(&questions, &BTreeMap::from([(12, set(&[1]))])).expect("valid");
    assert_eq!(graded.correct, 1);
    // Four questions, three right: 75 %.
    let four = vec![
        (1, single()),
        (2, single()),
        (3, true_false()),
        (4, multiple()),
    ];
    let answers = BTreeMap::from([
        (1, set(&[0])),
        (2, set(&[0])),
        (3, set(&[1])),
        (4, set(&[2])),
    ]);
    assert_eq!(grade(&four, &answers).expect("valid").score_pct, 75.0);
}

#[test]
fn impossible_answers_are_refused() {
    let questions = vec![(10, single()), (12, true_false())];
    let unknown_question = BTreeMap::from([(99, set(&[0]))]);
    assert_eq!(
        grade(&questions, &unknown_question)
            .expect_err("refused")
            .code,
        "unknown_test_question"
    );
    let unknown_option = BTreeMap::from([(10, set(&[3]))]);
    assert_eq!(
        grade(&questions, &unknown_option)
            .expect_err("refused")
            .code,
        "unknown_answer_option"
    );
    let two_on_one = BTreeMap::from([(12, set(&[0, 1]))]);
    assert_eq!(
        grade(&questions, &two_on_one).expect_err("refused").code,
        "one_answer_option_only"
    );
    assert_eq!(
        grade(&[], &BTreeMap::new()).expect_err("empty").code,
        "test_without_questions"
    );
}

#[test]
fn timing_allows_the_limit_plus_thirty_seconds() {
    let start = Utc
        .with_ymd_and_hms(2024, 4, 12, 9, 0, 0)
        .single()
        .expect("valid");
    let at = |m: i64, s: i64| start + chrono::Duration::minutes(m) + chrono::Duration::seconds(s);
    assert_eq!(GRACE_SECONDS, 30);
    assert!(on_time(start, at(10, 30), Some(10)));
    assert!(!on_time(start, at(10, 31), Some(10)));
    assert!(on_time(start, at(600, 0), None));
    assert_eq!(seconds_left(start, at(7, 30), Some(10)), Some(150));
    assert_eq!(seconds_left(start, at(12, 0), Some(10)), Some(0));
    assert_eq!(seconds_left(start, at(12, 0), None), None);
    assert_eq!(
        time_limit(Some(0)).expect_err("zero").code,
        "invalid_time_limit"
    );
    assert_eq!(
        time_limit(Some(1441)).expect_err("too long").code,
        "invalid_time_limit"
    );
    assert_eq!(time_limit(Some(20)), Ok(Some(20)));
}

#[test]
fn codes_round_trip() {
    for kind in QuestionKind::ALL {
        assert_eq!(QuestionKind::parse(kind.as_str()), Ok(kind));
    }
    for kind in TestKind::ALL {
        assert_eq!(TestKind::parse(kind.as_str()), Ok(kind));
    }
    assert_eq!(
        TestKind::parse("mid").expect_err("unknown").code,
        "unknown_test_kind"
    );
}

/// A multiple-choice question with the given correct flags.
fn from_flags(flags: &[bool]) -> Question {
    Question::new(draft(
        "multiple_choice",
        flags
            .iter()
            .enumerate()
            .map(|(i, &c)| option(&format!("o{i}"), &format!("o{i}"), c))
            .collect(),
    ))
    .expect("valid")
}

proptest! {
    #[test]
    fn scores_are_percentages_and_all_correct_is_100(
        tests in proptest::collection::vec(
            (proptest::collection::vec(any::<bool>(), 2..6), proptest::collection::vec(any::<bool>(), 6)),
            1..12,
        ),
    ) {
        let questions: Vec<(i64, Question)> = tests
            .iter()
            .enumerate()
            .map(|(i, (flags, _))| {
                let mut flags = flags.clone();
                flags[0] = true; // at least one correct
                (i as i64, from_flags(&flags))
            })
            .collect();
        let chosen: BTreeMap<i64, BTreeSet<usize>> = tests
            .iter()
            .enumerate()
            .map(|(i, (flags, picks))| {
                (i as i64, (0..flags.len()).filter(|&o| picks[o]).collect())
            })
            .collect();
        let graded = grade(&questions, &chosen).expect("valid");
        prop_assert!((0.0..=100.0).contains(&graded.score_pct));
        let perfect: BTreeMap<i64, BTreeSet<usize>> =
            questions.iter().map(|(id, q)| (*id, q.correct_set())).collect();
        prop_assert_eq!(grade(&questions, &perfect).expect("valid").score_pct, 100.0);
    }

    #[test]
    fn the_order_of_options_does_not_matter(
        flags in proptest::collection::vec(any::<bool>(), 2..8),
        picks in proptest::collection::vec(any::<bool>(), 8),
        rotation in 0_usize..8,
    ) {
        let mut flags = flags;
        flags[0] = true;
        let n = flags.len();
        let original = from_flags(&flags);
        let chosen: BTreeSet<usize> = (0..n).filter(|&o| picks[o]).collect();
        // The same options rotated: option o moves to (o + r) mod n.
        let r = rotation % n;
        let mut rotated_flags = vec![false; n];
        for (o, &flag) in flags.iter().enumerate() {
            rotated_flags[(o + r) % n] = flag;
        }
        let rotated = from_flags(&rotated_flags);
        let rotated_choice: BTreeSet<usize> = chosen.iter().map(|o| (o + r) % n).collect();
        prop_assert_eq!(original.is_correct(&chosen), rotated.is_correct(&rotated_choice));
    }
}
