//! Issue 4's progress, status, projection, overdue and reminder rules, pinned
//! by hand-computed vectors through the public interface only.
//!
//! Most definitions run over 100 days (1 January to 10 April 2024), so that a
//! measurement on day `n` has `elapsed_pct = n`, and from 0 to 100 (or 100 to
//! 0), so that progress reads off the value. Ratios were checked to be exact
//! in binary floating point, so comparisons are exact where they are written so.

use chrono::{Days, NaiveDate};
use gedhub_core::ValidationError;
use gedhub_core::monitoring::{
    ActionDue, ActionStatus, Direction, Frequency, IndicatorDefinition, IndicatorDue, Measurement,
    Milestone, NewIndicator, PlanStatus, ReferenceKind, Reminder, ReminderItem, Source, Status,
    Unit, current_measurements, due_reminders, is_overdue, progress, projection,
};
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date")
}

/// Day `n` of the plan (negative: before the baseline date).
fn day(n: i64) -> NaiveDate {
    if n >= 0 {
        base().checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        base().checked_sub_days(Days::new(n.unsigned_abs()))
    }
    .expect("in range")
}

fn input(baseline: f64, target: f64, milestones: &[(i64, f64)]) -> NewIndicator {
    NewIndicator {
        name_en: "Share of women in senior management".to_owned(),
        name_fr: String::new(),
        unit: "%".to_owned(),
        direction: None,
        baseline_value: baseline,
        baseline_date: day(0),
        target_value: target,
        target_date: day(100),
        milestones: milestones
            .iter()
            .map(|&(n, value)| Milestone {
                date: day(n),
                value,
            })
            .collect(),
        frequency: None,
        source: Source::Manual,
    }
}

fn definition(baseline: f64, target: f64, milestones: &[(i64, f64)]) -> IndicatorDefinition {
    IndicatorDefinition::new(input(baseline, target, milestones)).expect("a valid definition")
}

fn m(n: i64, value: f64) -> Measurement {
    Measurement::new(day(n), value).expect("a finite value")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ---------------------------------------------------------------- progress

#[test]
fn an_increase_halfway_at_half_time_is_on_track() {
    // (40 − 20) / (60 − 20) = 0.5; day 50 of 100.
    let p = progress(&definition(20.0, 60.0, &[]), &[m(50, 40.0)], day(60));
    assert_eq!(p.progress_pct, Some(50.0));
    assert_eq!(p.elapsed_pct, Some(50.0));
    assert_eq!(p.status, Status::OnTrack);
    assert_eq!(p.latest, Some(m(50, 40.0)));
    assert_eq!(p.reference.kind, ReferenceKind::Target);
    assert_eq!((p.reference.date, p.reference.value), (day(100), 60.0));
}

#[test]
fn a_decrease_uses_the_same_formula_and_moving_down_is_progress() {
    let falling = definition(60.0, 20.0, &[]);
    assert_eq!(falling.direction(), Direction::Decrease);
    // (50 − 60) / (20 − 60) = −10 / −40 = 0.25; 25 = 50 − 25 → at risk.
    let p = progress(&falling, &[m(50, 50.0)], day(50));
    assert_eq!(p.progress_pct, Some(25.0));
    assert_eq!(p.status, Status::AtRisk);
    // Moving up is the wrong way: (70 − 60) / −40 = −25 %.
    let p = progress(&falling, &[m(50, 70.0)], day(50));
    assert_eq!(p.progress_pct, Some(-25.0));
    assert_eq!(p.status, Status::OffTrack);
    // Reaching 20 or going below achieves it.
    let p = progress(&falling, &[m(50, 10.0)], day(50));
    assert_eq!(p.progress_pct, Some(125.0));
    assert_eq!(p.status, Status::Achieved);
}

#[test]
fn without_a_measurement_on_or_before_today_there_is_no_data() {
    let d = definition(0.0, 100.0, &[]);
    let p = progress(&d, &[], day(50));
    assert_eq!(p.status, Status::NoData);
    assert_eq!(
        (p.progress_pct, p.elapsed_pct, p.latest),
        (None, None, None)
    );
    // A measurement dated tomorrow does not count yet.
    let p = progress(&d, &[m(51, 80.0)], day(50));
    assert_eq!(p.status, Status::NoData);
    assert_eq!(p.latest, None);
}

#[test]
fn reaching_the_target_achieves_it_whatever_the_time() {
    let d = definition(0.0, 100.0, &[]);
    let p = progress(&d, &[m(30, 100.0)], day(30));
    assert_eq!((p.progress_pct, p.status), (Some(100.0), Status::Achieved));
    let p = progress(&d, &[m(30, 120.0)], day(30));
    assert_eq!((p.progress_pct, p.status), (Some(120.0), Status::Achieved));
    // Just short of it is not achieved.
    let p = progress(&d, &[m(30, 99.99)], day(30));
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn the_status_thresholds_are_inclusive_at_ten_and_twenty_five_points_behind() {
    let d = definition(0.0, 100.0, &[]);
    let status = |value: f64| {
        let p = progress(&d, &[m(50, value)], day(50));
        assert_eq!(p.elapsed_pct, Some(50.0));
        assert_eq!(p.progress_pct, Some(value));
        p.status
    };
    assert_eq!(status(40.0), Status::OnTrack); // = elapsed − 10
    assert_eq!(status(39.99), Status::AtRisk); // just below
    assert_eq!(status(25.0), Status::AtRisk); // = elapsed − 25
    assert_eq!(status(24.99), Status::OffTrack); // just below
    // The rule on its own, at other points.
    assert_eq!(Status::classify(0.0, 10.0), Status::OnTrack);
    assert_eq!(Status::classify(-15.0, 10.0), Status::AtRisk);
    assert_eq!(Status::classify(-15.01, 10.0), Status::OffTrack);
    assert_eq!(Status::classify(100.0, 100.0), Status::Achieved);
    assert_eq!(Status::classify(90.0, 100.0), Status::OnTrack);
}

#[test]
fn the_latest_measurement_on_or_before_today_is_used_and_later_ones_ignored() {
    let d = definition(0.0, 100.0, &[]);
    // Given out of order; day 60 is after today.
    let measurements = [m(30, 30.0), m(60, 90.0), m(10, 5.0)];
    let p = progress(&d, &measurements, day(40));
    assert_eq!(p.latest, Some(m(30, 30.0)));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(30.0), Some(30.0)));
    // A measurement dated today counts.
    let p = progress(&d, &measurements, day(60));
    assert_eq!(p.latest, Some(m(60, 90.0)));
}

#[test]
fn of_two_measurements_on_one_date_the_one_given_last_wins() {
    let d = definition(0.0, 100.0, &[]);
    let p = progress(&d, &[m(30, 10.0), m(30, 30.0)], day(40));
    assert_eq!(p.latest, Some(m(30, 30.0)));
    let current = current_measurements(&[m(30, 10.0), m(20, 1.0), m(30, 30.0)], day(40));
    assert_eq!(current, [m(20, 1.0), m(30, 30.0)]);
}

#[test]
fn elapsed_time_is_clamped_to_zero_and_one_hundred() {
    let d = definition(0.0, 100.0, &[]);
    // Measured 10 days before the baseline date: −10 % → 0.
    let p = progress(&d, &[m(-10, 5.0)], day(10));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(5.0), Some(0.0)));
    assert_eq!(p.status, Status::OnTrack);
    // Measured 10 days after the target date: 110 % → 100.
    let p = progress(&d, &[m(110, 90.0)], day(120));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(90.0), Some(100.0)));
    assert_eq!(p.status, Status::OnTrack); // 90 = 100 − 10
    let p = progress(&d, &[m(110, 89.0)], day(120));
    assert_eq!(p.status, Status::AtRisk);
}

#[test]
fn a_measurement_on_the_baseline_date_has_no_elapsed_time() {
    let d = definition(0.0, 100.0, &[]);
    let p = progress(&d, &[m(0, 0.0)], day(0));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(0.0), Some(0.0)));
    assert_eq!(p.status, Status::OnTrack);
    let p = progress(&d, &[m(0, -20.0)], day(5));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(-20.0), Some(0.0)));
    assert_eq!(p.status, Status::AtRisk); // −20 ≥ 0 − 25
}

// -------------------------------------------------------------- milestones

/// 0 → 100 over 100 days, with 20 by day 50 and 60 by day 75.
fn with_milestones() -> IndicatorDefinition {
    definition(0.0, 100.0, &[(50, 20.0), (75, 60.0)])
}

#[test]
fn before_any_milestone_date_the_target_is_the_reference() {
    let p = progress(&with_milestones(), &[m(30, 30.0)], day(30));
    assert_eq!(p.reference.kind, ReferenceKind::Target);
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(30.0), Some(30.0)));
    assert_eq!(p.status, Status::OnTrack);
    // The day before the first milestone: still the target.
    // 20 / 100 = 20 %, elapsed 49 %: 20 < 24 → off track.
    let p = progress(&with_milestones(), &[m(49, 20.0)], day(49));
    assert_eq!(p.reference.kind, ReferenceKind::Target);
    assert_eq!(p.status, Status::OffTrack);
}

#[test]
fn a_milestone_counts_as_passed_on_its_own_date() {
    let p = progress(&with_milestones(), &[m(50, 20.0)], day(50));
    assert_eq!(p.reference.kind, ReferenceKind::Milestone);
    assert_eq!((p.reference.date, p.reference.value), (day(50), 20.0));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(100.0), Some(100.0)));
    assert_eq!(p.status, Status::Achieved);
}

#[test]
fn a_passed_milestone_replaces_the_target_even_for_an_older_measurement() {
    // Today day 60 (milestone 1 passed), measured on day 40: towards (day 50, 20),
    // progress 12 / 20 = 60 %, elapsed 40 / 50 = 80 % → 60 ≥ 55 → at risk.
    // Against the target it would be 12 % at 40 % elapsed: off track.
    let p = progress(&with_milestones(), &[m(40, 12.0)], day(60));
    assert_eq!(p.reference.kind, ReferenceKind::Milestone);
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(60.0), Some(80.0)));
    assert_eq!(p.status, Status::AtRisk);
}

#[test]
fn of_two_passed_milestones_the_latest_is_the_reference() {
    // Towards (day 75, 60): 48 / 60 = 80 %, elapsed 80 / 75 → clamped 100:
    // 80 ≥ 75 → at risk (towards the first milestone it would be achieved).
    let p = progress(&with_milestones(), &[m(80, 48.0)], day(80));
    assert_eq!((p.reference.date, p.reference.value), (day(75), 60.0));
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(80.0), Some(100.0)));
    assert_eq!(p.status, Status::AtRisk);
}

#[test]
fn once_the_target_date_has_passed_the_target_is_the_reference_again() {
    let p = progress(&with_milestones(), &[m(100, 70.0)], day(100));
    assert_eq!(p.reference.kind, ReferenceKind::Target);
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(70.0), Some(100.0)));
    assert_eq!(p.status, Status::OffTrack);
}

#[test]
fn milestones_work_for_a_decrease_too() {
    // 100 → 0, with 80 by day 50: at day 60, 90 measured on day 50 is
    // (90 − 100) / (80 − 100) = 50 % of the way to the milestone, 100 % elapsed.
    let d = definition(100.0, 0.0, &[(50, 80.0)]);
    let p = progress(&d, &[m(50, 90.0)], day(60));
    assert_eq!(p.reference.kind, ReferenceKind::Milestone);
    assert_eq!((p.progress_pct, p.elapsed_pct), (Some(50.0), Some(100.0)));
    assert_eq!(p.status, Status::OffTrack);
}

#[test]
fn statuses_serialise_as_the_api_codes() {
    let codes: Vec<String> = Status::ALL
        .iter()
        .map(|s| serde_json::to_string(s).expect("serialisable"))
        .collect();
    assert_eq!(
        codes,
        [
            "\"no_data\"",
            "\"achieved\"",
            "\"on_track\"",
            "\"at_risk\"",
            "\"off_track\""
        ]
    );
    for status in Status::ALL {
        assert_eq!(
            serde_json::to_value(status).expect("serialisable"),
            status.as_str()
        );
    }
}

// -------------------------------------------------------------- projection

#[test]
fn the_projection_is_the_least_squares_line_through_baseline_and_measurements() {
    // Points (0, 0), (10, 10), (20, 5): means (10, 5), Sxx = 200, Sxy = 50,
    // slope 0.25; at day 0: 2.5; at day 100: 5 + 0.25 × 90 = 27.5.
    let d = definition(0.0, 100.0, &[]);
    let line = projection(&d, &[m(10, 10.0), m(20, 5.0)], day(20)).expect("a line");
    assert!(close(line.at_target_date, 27.5));
    assert_eq!(line.points[0].0, day(0));
    assert!(close(line.points[0].1, 2.5));
    assert_eq!(line.points[1].0, day(100));
    assert!(close(line.points[1].1, 27.5));
}

#[test]
fn a_single_measurement_projects_the_line_from_the_baseline() {
    // (0, 20) and (25, 30): slope 0.4 a day, 20 + 40 = 60 at day 100.
    let d = definition(20.0, 60.0, &[]);
    let line = projection(&d, &[m(25, 30.0)], day(30)).expect("a line");
    assert!(close(line.at_target_date, 60.0));
}

#[test]
fn the_projection_ignores_future_values_and_needs_a_slope() {
    let d = definition(0.0, 100.0, &[]);
    assert_eq!(projection(&d, &[], day(50)), None);
    assert_eq!(projection(&d, &[m(60, 10.0)], day(50)), None);
    // Only a value on the baseline date: one point, no slope.
    assert_eq!(projection(&d, &[m(0, 10.0)], day(50)), None);
    // A value on the baseline date replaces the baseline point:
    // (0, 10), (50, 20) → 30 at day 100.
    let line = projection(&d, &[m(0, 10.0), m(50, 20.0), m(80, 99.0)], day(50)).expect("a line");
    assert!(close(line.at_target_date, 30.0));
    // The line goes to the final target date even after a milestone.
    let line = projection(&with_milestones(), &[m(60, 30.0)], day(60)).expect("a line");
    assert_eq!(line.points[1].0, day(100));
    assert!(close(line.at_target_date, 50.0));
}

// -------------------------------------------------------------- validation

#[test]
fn a_definition_lists_every_problem_at_once() {
    let bad = NewIndicator {
        name_en: "  ".to_owned(),
        name_fr: String::new(),
        unit: "kg".to_owned(),
        direction: Some("sideways".to_owned()),
        baseline_value: 10.0,
        baseline_date: day(10),
        target_value: 10.0,
        target_date: day(10),
        milestones: vec![
            Milestone {
                date: day(5),
                value: f64::NAN,
            },
            Milestone {
                date: day(4),
                value: 3.0,
            },
        ],
        frequency: Some("weekly".to_owned()),
        source: Source::Workforce {
            statistic: " ".to_owned(),
        },
    };
    let errors = IndicatorDefinition::new(bad).expect_err("invalid");
    let expected = [
        ("name", "required"),
        ("unit", "unknown_unit"),
        ("frequency", "unknown_frequency"),
        ("target_value", "target_equals_baseline"),
        ("target_date", "target_date_not_after_baseline"),
        ("direction", "unknown_direction"),
        ("milestones", "not_finite"),
        ("milestones", "milestone_outside_period"),
        ("milestones", "milestones_not_sorted"),
        ("source", "required"),
    ];
    let expected: Vec<ValidationError> = expected
        .into_iter()
        .map(|(field, code)| ValidationError::new(field, code))
        .collect();
    assert_eq!(errors, expected);
}

#[test]
fn target_and_baseline_values_must_be_finite() {
    let mut bad = input(f64::INFINITY, f64::NAN, &[]);
    bad.name_fr = "Part des femmes".to_owned();
    let errors = IndicatorDefinition::new(bad).expect_err("invalid");
    assert_eq!(
        errors,
        [
            ValidationError::new("baseline_value", "not_finite"),
            ValidationError::new("target_value", "not_finite"),
        ]
    );
}

#[test]
fn milestones_must_move_from_the_baseline_towards_the_target() {
    let errors =
        IndicatorDefinition::new(input(10.0, 50.0, &[(20, 10.0), (40, 5.0)])).expect_err("invalid");
    assert_eq!(
        errors,
        [
            ValidationError::new("milestones", "milestone_equals_baseline"),
            ValidationError::new("milestones", "milestone_contradicts_target"),
        ]
    );
    // On the target date is outside the open period too; a repeated date is unsorted.
    let errors =
        IndicatorDefinition::new(input(10.0, 50.0, &[(30, 20.0), (30, 25.0), (100, 40.0)]))
            .expect_err("invalid");
    assert_eq!(
        errors,
        [
            ValidationError::new("milestones", "milestones_not_sorted"),
            ValidationError::new("milestones", "milestone_outside_period"),
        ]
    );
    // Milestones may overshoot the target: only the side of the baseline matters.
    assert!(IndicatorDefinition::new(input(10.0, 50.0, &[(30, 60.0)])).is_ok());
}

#[test]
fn an_explicit_direction_must_agree_with_the_target() {
    let mut rising = input(10.0, 50.0, &[]);
    rising.direction = Some("decrease".to_owned());
    assert_eq!(
        IndicatorDefinition::new(rising).expect_err("invalid"),
        [ValidationError::new(
            "direction",
            "direction_contradicts_target"
        )]
    );
    let mut falling = input(50.0, 10.0, &[]);
    falling.direction = Some("decrease".to_owned());
    let d = IndicatorDefinition::new(falling).expect("valid");
    assert_eq!(d.direction(), Direction::Decrease);
}

#[test]
fn a_valid_definition_keeps_its_parsed_values() {
    let mut raw = input(10.0, 50.0, &[(30, 20.0)]);
    raw.name_en = "  Women in senior management ".to_owned();
    raw.name_fr = "Femmes aux postes de direction".to_owned();
    raw.unit = "text_scale".to_owned();
    raw.frequency = Some("annual".to_owned());
    raw.source = Source::Assessment {
        section: Some(" P1 ".to_owned()),
    };
    let d = IndicatorDefinition::new(raw).expect("valid");
    assert_eq!(d.name_en(), Some("Women in senior management"));
    assert_eq!(d.name_fr(), Some("Femmes aux postes de direction"));
    assert_eq!(d.unit(), Unit::TextScale);
    assert_eq!(d.direction(), Direction::Increase);
    assert_eq!(d.frequency(), Frequency::Annual);
    assert_eq!(
        d.source(),
        &Source::Assessment {
            section: Some("P1".to_owned())
        }
    );
    assert_eq!(d.milestones().len(), 1);
    // The defaults: frequency quarterly; a French name alone is enough.
    let mut french = input(10.0, 50.0, &[]);
    french.name_en = String::new();
    french.name_fr = "Écart de rémunération".to_owned();
    let d = IndicatorDefinition::new(french).expect("valid");
    assert_eq!((d.name_en(), d.frequency()), (None, Frequency::Quarterly));
}

#[test]
fn measurements_need_a_finite_value() {
    assert_eq!(
        Measurement::new(day(1), f64::NAN),
        Err(ValidationError::new("value", "not_finite"))
    );
    assert!(Measurement::new(day(1), f64::NEG_INFINITY).is_err());
}

// ------------------------------------------------------- actions and plans

#[test]
fn an_action_is_overdue_after_its_due_date_unless_done_or_cancelled() {
    let due = day(10);
    for status in ActionStatus::ALL {
        assert!(!is_overdue(due, status, day(9)), "{status} before");
        assert!(!is_overdue(due, status, day(10)), "{status} on the day");
        let expected = !matches!(status, ActionStatus::Done | ActionStatus::Cancelled);
        assert_eq!(is_overdue(due, status, day(11)), expected, "{status} after");
    }
    assert_eq!(ActionStatus::parse("delayed"), Ok(ActionStatus::Delayed));
    assert!(ActionStatus::parse("late").is_err());
}

#[test]
fn plans_move_from_draft_to_adopted_to_closed_only() {
    use PlanStatus::{Adopted, Closed, Draft};
    assert_eq!(Draft.transition(Adopted), Ok(Adopted));
    assert_eq!(Adopted.transition(Closed), Ok(Closed));
    for (from, to) in [
        (Draft, Closed),
        (Adopted, Draft),
        (Closed, Adopted),
        (Closed, Draft),
        (Draft, Draft),
    ] {
        assert_eq!(
            from.transition(to),
            Err(ValidationError::new("status", "transition_not_allowed")),
            "{from} → {to}"
        );
    }
}

// --------------------------------------------------------------- reminders

#[test]
fn reminders_list_overdue_and_soon_due_actions_and_due_measurements_per_user() {
    let today = day(40);
    let action = |action_id, user, due, status| ActionDue {
        action_id,
        responsible_user_id: user,
        due_date: day(due),
        status,
    };
    let actions = [
        action(1, 7, 30, ActionStatus::InProgress), // overdue
        action(2, 7, 30, ActionStatus::Done),       // done: nothing
        action(3, 7, 47, ActionStatus::NotStarted), // within 7 days
        action(4, 7, 48, ActionStatus::NotStarted), // beyond the horizon
        action(5, 9, 40, ActionStatus::Delayed),    // due today
        action(6, 9, 20, ActionStatus::Cancelled),  // cancelled: nothing
    ];
    let indicator = |indicator_id, user, frequency, last: Option<i64>| IndicatorDue {
        indicator_id,
        responsible_user_id: user,
        frequency,
        baseline_date: day(0),
        last_measurement: last.map(day),
    };
    let indicators = [
        // Never measured, monthly from 1 January: due 1 February (day 31).
        indicator(10, 9, Frequency::Monthly, None),
        // Measured 15 January (day 14): due 15 February (day 45), not yet.
        indicator(11, 9, Frequency::Monthly, Some(14)),
        // Quarterly, never measured: due 1 April, not yet.
        indicator(12, 8, Frequency::Quarterly, None),
        // Measured 10 January (day 9), monthly: due 10 February (day 40), today.
        indicator(13, 7, Frequency::Monthly, Some(9)),
    ];
    let reminders = due_reminders(&actions, &indicators, today, 7);
    assert_eq!(
        reminders,
        [
            Reminder {
                user_id: 7,
                items: vec![
                    ReminderItem::ActionOverdue {
                        action_id: 1,
                        due_date: day(30)
                    },
                    ReminderItem::MeasurementDue {
                        indicator_id: 13,
                        due_date: day(40)
                    },
                    ReminderItem::ActionDueSoon {
                        action_id: 3,
                        due_date: day(47)
                    },
                ],
            },
            Reminder {
                user_id: 9,
                items: vec![
                    ReminderItem::MeasurementDue {
                        indicator_id: 10,
                        due_date: day(31)
                    },
                    ReminderItem::ActionDueSoon {
                        action_id: 5,
                        due_date: day(40)
                    },
                ],
            },
        ]
    );
    // Nothing due: no reminder at all, not an empty one.
    assert!(due_reminders(&actions[1..2], &indicators[1..3], today, 7).is_empty());
    // A horizon of 0 keeps only what is due today or overdue.
    let today_only = due_reminders(&actions, &[], today, 0);
    let ids: Vec<_> = today_only
        .iter()
        .map(|r| (r.user_id, r.items.len()))
        .collect();
    assert_eq!(ids, [(7, 1), (9, 1)]);
}

// ---------------------------------------------------------------- properties

/// Target and baseline at least 1e-3 apart, within ±1e6.
fn baseline_and_target() -> impl Strategy<Value = (f64, f64)> {
    (-1e6..1e6_f64, -1e6..1e6_f64).prop_filter("distinct", |(b, t)| (b - t).abs() > 1e-3)
}

proptest! {
    #[test]
    fn the_baseline_is_0_and_the_target_100_percent_in_both_directions(
        (baseline, target) in baseline_and_target(),
        n in 0_i64..=100,
    ) {
        let d = definition(baseline, target, &[]);
        let at_baseline = progress(&d, &[m(n, baseline)], day(n));
        prop_assert_eq!(at_baseline.progress_pct, Some(0.0));
        let at_target = progress(&d, &[m(n, target)], day(n));
        prop_assert_eq!(at_target.progress_pct, Some(100.0));
        prop_assert_eq!(at_target.status, Status::Achieved);
    }

    #[test]
    fn the_status_is_achieved_exactly_when_progress_reaches_100(
        (baseline, target) in baseline_and_target(),
        value in -2e6..2e6_f64,
        n in -50_i64..150,
    ) {
        let d = definition(baseline, target, &[]);
        let p = progress(&d, &[m(n, value)], day(150));
        let pct = p.progress_pct.expect("data");
        prop_assert_eq!(p.status == Status::Achieved, pct >= 100.0);
    }

    #[test]
    fn elapsed_time_stays_within_0_and_100(
        n in -400_i64..400,
        today in -400_i64..400,
        first in 1_i64..50,
        second in 50_i64..100,
    ) {
        let d = definition(0.0, 100.0, &[(first, 10.0), (second, 60.0)]);
        let p = progress(&d, &[m(n, 42.0)], day(today));
        if let Some(elapsed) = p.elapsed_pct {
            prop_assert!((0.0..=100.0).contains(&elapsed), "{elapsed}");
        } else {
            prop_assert!(n > today);
        }
    }

    #[test]
    fn mirroring_an_indicator_leaves_progress_and_status_unchanged(
        (baseline, target) in baseline_and_target(),
        values in prop::collection::vec((-50_i64..150, -2e6..2e6_f64), 0..5),
        milestone in 1_i64..100,
        fraction in 0.01..2.0_f64,
        today in -50_i64..150,
    ) {
        let milestone_value = baseline + (target - baseline) * fraction;
        prop_assume!(milestone_value != baseline);
        let up = definition(baseline, target, &[(milestone, milestone_value)]);
        let down = definition(-baseline, -target, &[(milestone, -milestone_value)]);
        prop_assert_ne!(up.direction(), down.direction());
        let measured: Vec<Measurement> = values.iter().map(|&(n, v)| m(n, v)).collect();
        let mirrored: Vec<Measurement> = values.iter().map(|&(n, v)| m(n, -v)).collect();
        let (a, b) = (progress(&up, &measured, day(today)), progress(&down, &mirrored, day(today)));
        prop_assert_eq!(a.progress_pct, b.progress_pct);
        prop_assert_eq!(a.elapsed_pct, b.elapsed_pct);
        prop_assert_eq!(a.status, b.status);
        prop_assert_eq!(a.reference.kind, b.reference.kind);
    }
}
