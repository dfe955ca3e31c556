//! Agenda rules (issue 6): session attendance, exercise percentages and the
//! facilitators' rubric, with hand-computed values.

use chrono::{NaiveDate, NaiveTime};
use gedhub_core::training::{
    ExerciseScale, WorkshopDates, check_rubric_score, check_session, exercise_average_pct,
    participant_attendance_pct, rubric_mean,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("time")
}

#[test]
fn with_sessions_attendance_counts_sessions_not_days() {
    // 5 days, all present, but 7 of 10 sessions: 70 %.
    assert_eq!(participant_attendance_pct(5, 5, 7, 10), Some(70.0));
    // No sessions: the days rule, 4 of 5 days = 80 %.
    assert_eq!(participant_attendance_pct(4, 5, 0, 0), Some(80.0));
    // 3 of 8 sessions = 37.5 %.
    assert_eq!(participant_attendance_pct(0, 5, 3, 8), Some(37.5));
    // More presences than sessions are capped at 100 %.
    assert_eq!(participant_attendance_pct(0, 5, 9, 8), Some(100.0));
    assert_eq!(participant_attendance_pct(0, 0, 0, 0), None);
}

#[test]
fn a_session_is_on_a_workshop_day_and_ends_after_it_starts() {
    let dates = WorkshopDates::new(day("2023-03-13"), day("2023-03-17")).expect("dates");
    assert!(check_session(&dates, day("2023-03-13"), time("09:00"), time("10:30")).is_ok());
    assert!(check_session(&dates, day("2023-03-17"), time("16:00"), time("16:01")).is_ok());
    let code = |d: &str, s: &str, e: &str| {
        check_session(&dates, day(d), time(s), time(e))
            .expect_err("refused")
            .code
    };
    assert_eq!(code("2023-03-12", "09:00", "10:00"), "day_outside_workshop");
    assert_eq!(code("2023-03-18", "09:00", "10:00"), "day_outside_workshop");
    assert_eq!(
        code("2023-03-14", "10:00", "10:00"),
        "agenda_end_before_start"
    );
    assert_eq!(
        code("2023-03-14", "11:00", "10:00"),
        "agenda_end_before_start"
    );
}

#[test]
fn a_score_is_a_share_of_the_maximum_and_a_level_a_share_of_the_levels() {
    let scored = ExerciseScale::new(Some(20.0), &[]).expect("max");
    assert_eq!(scored.percent(Some(15.0), None), Ok(75.0));
    assert_eq!(scored.percent(Some(0.0), None), Ok(0.0));
    assert_eq!(scored.percent(Some(20.0), None), Ok(100.0));
    assert!(scored.percent(Some(21.0), None).is_err());
    assert!(scored.percent(Some(-1.0), None).is_err());
    assert!(scored.percent(None, Some(1)).is_err());
    let levels: Vec<String> = ["Beginning", "Developing", "Proficient", "Exemplary"]
        .map(String::from)
        .to_vec();
    let rubric = ExerciseScale::new(None, &levels).expect("rubric");
    // Level 3 of 4 = 75 %, level 1 of 4 = 25 %.
    assert_eq!(rubric.percent(None, Some(3)), Ok(75.0));
    assert_eq!(rubric.percent(None, Some(1)), Ok(25.0));
    assert_eq!(rubric.percent(None, Some(4)), Ok(100.0));
    assert_eq!(
        rubric.percent(None, Some(5)).expect_err("no level 5").code,
        "rubric_unknown_level"
    );
    assert!(rubric.percent(None, Some(0)).is_err());
    assert!(rubric.percent(Some(3.0), None).is_err());
}

#[test]
fn a_scale_is_a_positive_maximum_or_two_levels_at_least() {
    let one = vec!["Only".to_owned()];
    assert_eq!(
        ExerciseScale::new(None, &one).expect_err("one level").code,
        "rubric_invalid_levels"
    );
    assert_eq!(
        ExerciseScale::new(Some(0.0), &[]).expect_err("zero").code,
        "exercise_invalid_max"
    );
    assert_eq!(
        ExerciseScale::new(None, &[]).expect_err("nothing").code,
        "exercise_scale_required"
    );
    assert!(ExerciseScale::new(Some(10.0), &one).is_err());
}

#[test]
fn the_exercise_average_is_the_mean_of_the_percentages() {
    // 75 (15/20), 50 (2 of 4 levels) and 100: 225 / 3 = 75.
    assert_eq!(exercise_average_pct(&[75.0, 50.0, 100.0]), Some(75.0));
    assert_eq!(exercise_average_pct(&[40.0, 90.0]), Some(65.0));
    assert_eq!(exercise_average_pct(&[]), None);
}

#[test]
fn rubric_scores_run_from_one_to_five_and_average() {
    assert_eq!(check_rubric_score("ged_tools", 1), Ok(1));
    assert_eq!(check_rubric_score("ged_tools", 5), Ok(5));
    assert!(check_rubric_score("ged_tools", 0).is_err());
    assert!(check_rubric_score("ged_tools", 6).is_err());
    // (4 + 5 + 3 + 4) / 4 = 4; (2 + 3) / 2 = 2.5.
    assert_eq!(rubric_mean(&[4, 5, 3, 4]), Some(4.0));
    assert_eq!(rubric_mean(&[2, 3]), Some(2.5));
    assert_eq!(rubric_mean(&[]), None);
}
