//! Issue 6's workshop rules through the public interface: the Brussels
//! workshop (13–17 March 2023, five days) gives the hand-computed vectors.

use chrono::NaiveDate;
use gedhub_core::training::{
    CompletionRules, MissingReason, WorkshopDates, WorkshopKind, WorkshopMode, attendance_pct,
    completion, knowledge_gain,
};
use proptest::prelude::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

#[test]
fn a_five_day_workshop_counts_both_ends() {
    let brussels = WorkshopDates::new(day("2023-03-13"), day("2023-03-17")).expect("valid");
    assert_eq!(brussels.days(), 5);
    let days: Vec<NaiveDate> = brussels.each_day().collect();
    assert_eq!(days.first(), Some(&day("2023-03-13")));
    assert_eq!(days.last(), Some(&day("2023-03-17")));
    assert!(brussels.contains(day("2023-03-17")));
    assert!(!brussels.contains(day("2023-03-18")));
    let one_day = WorkshopDates::new(day("2024-04-08"), day("2024-04-08")).expect("valid");
    assert_eq!(one_day.days(), 1);
}

#[test]
fn reversed_or_endless_dates_are_refused() {
    let reversed = WorkshopDates::new(day("2023-03-17"), day("2023-03-13")).expect_err("reversed");
    assert_eq!(
        (reversed.field, reversed.code),
        ("end_date", "end_before_start")
    );
    let year = WorkshopDates::new(day("2023-01-01"), day("2024-01-01")).expect("366 days");
    assert_eq!(year.days(), 366);
    let endless = WorkshopDates::new(day("2023-01-01"), day("2024-01-02")).expect_err("too long");
    assert_eq!(endless.code, "workshop_too_long");
}

#[test]
fn attendance_is_days_present_over_all_days() {
    assert_eq!(attendance_pct(4, 5), Some(80.0));
    assert_eq!(attendance_pct(5, 5), Some(100.0));
    assert_eq!(attendance_pct(0, 5), Some(0.0));
    assert_eq!(attendance_pct(6, 5), Some(100.0), "capped");
    assert_eq!(attendance_pct(0, 0), None);
}

#[test]
fn completion_names_every_missing_rule() {
    let rules = CompletionRules::DEFAULT;
    let done = completion(&rules, Some(80.0), Some(70.0));
    assert!(done.completed && done.missing.is_empty());
    let missing = completion(&rules, Some(60.0), None);
    assert!(!missing.completed);
    assert_eq!(
        missing.missing,
        [
            MissingReason::AttendanceBelowMinimum,
            MissingReason::PostTestNotTaken
        ]
    );
    assert_eq!(
        completion(&rules, Some(100.0), Some(69.9)).missing,
        [MissingReason::PostTestBelowMinimum]
    );
    assert_eq!(
        completion(&rules, None, Some(90.0)).missing,
        [MissingReason::AttendanceBelowMinimum]
    );
    let attendance_only = CompletionRules::new(80.0, None).expect("valid");
    assert!(completion(&attendance_only, Some(80.0), None).completed);
    assert_eq!(
        MissingReason::PostTestNotTaken.as_str(),
        "post_test_not_taken"
    );
}

#[test]
fn rules_are_percentages() {
    assert_eq!(
        CompletionRules::new(120.0, None)
            .expect_err("above 100")
            .code,
        "not_a_percentage"
    );
    assert_eq!(
        CompletionRules::new(80.0, Some(f64::NAN))
            .expect_err("NaN")
            .field,
        "min_post_test_pct"
    );
}

#[test]
fn knowledge_gain_is_the_mean_difference_and_the_share_improved() {
    // Gains +30, +10, 0, −10: mean 7.5 points; 2 of 4 improved = 50 %.
    let gain = knowledge_gain(&[(40.0, 70.0), (60.0, 70.0), (80.0, 80.0), (90.0, 80.0)]);
    assert_eq!(gain.participants, 4);
    assert_eq!(gain.mean_gain_points, Some(7.5));
    assert_eq!(gain.improved_pct, Some(50.0));
    let none = knowledge_gain(&[]);
    assert_eq!((none.mean_gain_points, none.improved_pct), (None, None));
}

#[test]
fn codes_round_trip() {
    for kind in WorkshopKind::ALL {
        assert_eq!(WorkshopKind::parse(kind.as_str()), Ok(kind));
    }
    for mode in WorkshopMode::ALL {
        assert_eq!(WorkshopMode::parse(mode.as_str()), Ok(mode));
    }
    assert_eq!(
        WorkshopKind::parse("seminar").expect_err("unknown").code,
        "unknown_kind"
    );
    assert_eq!(
        WorkshopMode::parse("hybrid").expect_err("unknown").code,
        "unknown_mode"
    );
}

proptest! {
    #[test]
    fn attendance_stays_within_0_and_100(present in 0_usize..400, days in 1_usize..400) {
        let pct = attendance_pct(present, days).expect("days > 0");
        prop_assert!((0.0..=100.0).contains(&pct));
    }

    #[test]
    fn completed_exactly_when_nothing_is_missing(
        attendance in proptest::option::of(0.0_f64..=100.0),
        post in proptest::option::of(0.0_f64..=100.0),
        min_attendance in 0.0_f64..=100.0,
        min_post in proptest::option::of(0.0_f64..=100.0),
    ) {
        let rules = CompletionRules::new(min_attendance, min_post).expect("valid");
        let result = completion(&rules, attendance, post);
        prop_assert_eq!(result.completed, result.missing.is_empty());
        let attendance_ok = attendance.is_some_and(|a| a >= min_attendance);
        let post_ok = min_post.is_none_or(|m| post.is_some_and(|p| p >= m));
        prop_assert_eq!(result.completed, attendance_ok && post_ok);
    }

    #[test]
    fn the_share_improved_is_a_percentage_and_the_mean_is_bounded(
        pairs in proptest::collection::vec((0.0_f64..=100.0, 0.0_f64..=100.0), 1..50),
    ) {
        let gain = knowledge_gain(&pairs);
        let improved = gain.improved_pct.expect("some pairs");
        prop_assert!((0.0..=100.0).contains(&improved));
        let mean = gain.mean_gain_points.expect("some pairs");
        prop_assert!((-100.0..=100.0).contains(&mean));
    }
}

#[test]
fn only_http_addresses_without_spaces_are_followable_links() {
    use gedhub_core::training::is_web_link;
    for good in [
        "https://meet.example/ged",
        "http://intranet.example/room?id=7",
    ] {
        assert!(is_web_link(good), "{good}");
    }
    for bad in [
        "",
        "https://",
        "javascript:alert(1)",
        "meet.example/ged",
        "https://meet.example/a b",
        "https://meet.example/\u{0}",
        "ftp://files.example/x",
    ] {
        assert!(!is_web_link(bad), "{bad:?}");
    }
}

#[test]
fn nominations_close_on_the_workshops_first_day() {
    use gedhub_core::training::nominations_closed_by_start;
    let dates = WorkshopDates::new(day("2027-04-08"), day("2027-04-12")).expect("dates");
    assert!(!nominations_closed_by_start(&dates, day("2027-04-07")));
    assert!(nominations_closed_by_start(&dates, day("2027-04-08")));
    assert!(nominations_closed_by_start(&dates, day("2027-04-10")));
    assert!(nominations_closed_by_start(&dates, day("2027-05-01")));
}

#[test]
fn a_nominees_languages_come_from_the_list_once_each_in_its_order() {
    use gedhub_core::training::{parse_languages, stored_languages};
    assert_eq!(
        parse_languages(["fr", " en ", "fr"]).expect("known"),
        ["en", "fr"]
    );
    let none = parse_languages(["", " "]).expect_err("empty");
    assert_eq!((none.field, none.code), ("languages", "required"));
    let unknown = parse_languages(["fr", "French"]).expect_err("a name, not a code");
    assert_eq!(
        (unknown.field, unknown.code),
        ("languages", "unknown_language")
    );
    assert_eq!(stored_languages("fr,en"), ["en", "fr"]);
    assert_eq!(stored_languages("es, fr, en"), ["en", "fr", "es"]);
    assert!(
        stored_languages("French, Fon").is_empty(),
        "free text of older nominations"
    );
}

#[test]
fn a_persons_own_list_of_languages_wins_over_their_nominations() {
    use gedhub_core::training::known_languages;
    let fr = vec!["fr".to_owned()];
    let en = vec!["en".to_owned()];
    assert_eq!(known_languages(&[], &fr), fr, "a nominee without a profile");
    assert_eq!(known_languages(&en, &fr), en, "the profile's list");
    assert!(known_languages(&[], &[]).is_empty());
}
