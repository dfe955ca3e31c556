//! Issue 5's definitions pinned by hand-computed vectors, through the public
//! interface only. Pay is chosen so the hourly rates are round: with
//! `weekly_hours = 10`, `hourly = annual / 520`.

use gedhub_core::tabular::{Limits, TableError};
use gedhub_core::workforce::{
    Band, ExtractError, ReportOptions, RowProblem, STATISTIC_KEYS, WorkforceReport,
    report_from_csv, report_from_csv_limited, report_from_csv_with_threads, report_from_rows,
};
use proptest::prelude::*;

const HEADER: &str =
    "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours";

/// A row at `hourly` total pay (all basic), 10 hours a week.
fn row(id: usize, sex: &str, grade: &str, category: &str, hourly: f64) -> String {
    format!("{id},{sex},{grade},{category},{},0,10", hourly * 520.0)
}

fn csv(rows: &[String]) -> String {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

fn options() -> ReportOptions {
    ReportOptions::new(2025)
}

fn report(text: &str) -> WorkforceReport {
    report_from_csv(text.as_bytes(), &options()).expect("a valid extract")
}

fn rejected(text: &str) -> Vec<RowProblem> {
    match report_from_csv(text.as_bytes(), &options()) {
        Err(ExtractError::Rejected { problems, .. }) => problems,
        other => panic!("expected Rejected, got {other:?}"),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Workers by (sex, hourly pay), one category and grade.
fn sexes_and_pay(workers: &[(&str, f64)]) -> String {
    let rows: Vec<String> = workers
        .iter()
        .enumerate()
        .map(|(i, (sex, hourly))| row(i, sex, "G1", "C1", *hourly))
        .collect();
    csv(&rows)
}

#[test]
fn mean_and_median_gaps_divide_by_the_male_value() {
    // F: 10, 20 (mean 15, median 15). M: 10, 20, 60 (mean 30, median 20).
    // mean gap = (30 − 15) / 30 × 100 = 50 (dividing by the female mean would
    // give 100; pooling the counts would give something else again).
    // median gap = (20 − 15) / 20 × 100 = 25.
    let report = report(&sexes_and_pay(&[
        ("F", 10.0),
        ("F", 20.0),
        ("M", 10.0),
        ("M", 20.0),
        ("M", 60.0),
    ]));
    assert_eq!(report.pay_gap.mean_pct, Some(50.0));
    assert_eq!(report.pay_gap.median_pct, Some(25.0));
}

#[test]
fn a_gap_favouring_women_is_negative() {
    // F: 30, 30, 36 (mean 32, median 30); M: 20, 20 (mean 20, median 20).
    // mean gap = (20 − 32) / 20 × 100 = −60; median = (20 − 30) / 20 × 100 = −50.
    let report = report(&sexes_and_pay(&[
        ("F", 30.0),
        ("F", 30.0),
        ("F", 36.0),
        ("M", 20.0),
        ("M", 20.0),
    ]));
    assert_eq!(report.pay_gap.mean_pct, Some(-60.0));
    assert_eq!(report.pay_gap.median_pct, Some(-50.0));
}

#[test]
fn hourly_pay_adds_variable_pay_and_divides_by_52_weeks_of_hours() {
    // F: (1040 + 520) / (20 × 52) = 1.5; M: (2080 + 0) / (40 × 52) = 1.
    // gap = (1 − 1.5) / 1 × 100 = −50. Basic only: F 1, M 1 → category basic gap 0
    // (the category is shown with min_group 1).
    let text = format!("{HEADER}\n1,F,G,C,1040,520,20\n2,M,G,C,2080,0,40\n");
    let mut options = options();
    options.min_group = 1;
    let report = report_from_csv(text.as_bytes(), &options).expect("valid");
    assert_eq!(report.pay_gap.mean_pct, Some(-50.0));
    assert_eq!(report.categories[0].total_pay_gap.mean_pct, Some(-50.0));
    assert_eq!(report.categories[0].basic_pay_gap.mean_pct, Some(0.0));
}

#[test]
fn variable_pay_gaps_are_over_receivers_and_receipt_over_all_workers() {
    // Receivers: F 100, 300 (mean 200, median 200); M 400 (one of two men).
    // mean gap = (400 − 200) / 400 × 100 = 50; median gap = 50.
    // receipt: F 2 of 3 = 66.67 %, M 1 of 2 = 50 %.
    let text = format!(
        "{HEADER}\n1,F,G,C,1000,100,10\n2,F,G,C,1000,300,10\n3,F,G,C,1000,0,10\n\
         4,M,G,C,1000,400,10\n5,M,G,C,1000,0,10\n"
    );
    let report = report(&text);
    assert_eq!(report.variable_pay_gap.mean_pct, Some(50.0));
    assert_eq!(report.variable_pay_gap.median_pct, Some(50.0));
    assert!(close(report.variable_pay_receipt.female_pct, 200.0 / 3.0));
    assert_eq!(report.variable_pay_receipt.male_pct, Some(50.0));
}

#[test]
fn without_variable_pay_the_variable_gaps_are_null_and_receipt_zero() {
    let report = report(&sexes_and_pay(&[("F", 10.0), ("M", 12.0)]));
    assert_eq!(report.variable_pay_gap.mean_pct, None);
    assert_eq!(report.variable_pay_gap.median_pct, None);
    assert_eq!(report.variable_pay_receipt.female_pct, Some(0.0));
    assert_eq!(report.variable_pay_receipt.male_pct, Some(0.0));
    let json = serde_json::to_value(&report).expect("serialisable");
    assert!(json["variable_pay_gap"]["mean_pct"].is_null());
}

#[test]
fn a_variable_gap_needs_a_receiver_of_each_sex() {
    let text = format!("{HEADER}\n1,F,G,C,1000,100,10\n2,M,G,C,1000,0,10\n");
    let report = report(&text);
    assert_eq!(report.variable_pay_gap.mean_pct, None);
    assert_eq!(report.variable_pay_receipt.female_pct, Some(100.0));
}

fn band_sizes(report: &WorkforceReport) -> Vec<u64> {
    report.quartiles.iter().map(|band| band.workers).collect()
}

#[test]
fn quartile_bands_share_out_the_remainder_as_the_issue_says() {
    for (n, expected) in [
        (8, vec![2, 2, 2, 2]),
        (9, vec![3, 2, 2, 2]),
        (10, vec![3, 2, 3, 2]),
        (11, vec![3, 3, 3, 2]),
        (12, vec![3, 3, 3, 3]),
    ] {
        let workers: Vec<(&str, f64)> = (0..n)
            .map(|i| (if i % 2 == 0 { "F" } else { "M" }, 10.0 + i as f64))
            .collect();
        let report = report(&sexes_and_pay(&workers));
        assert_eq!(band_sizes(&report), expected, "n = {n}");
        let bands: Vec<Band> = report.quartiles.iter().map(|b| b.band).collect();
        assert_eq!(bands, Band::ALL);
    }
}

#[test]
fn quartile_shares_follow_pay_order() {
    // n = 9 (4k + 1): lower has 3 places. Pay 1..9, sexes F F M | M F | M M | F M.
    // lower: 2 F of 3 = 66.67 %; lower-middle 50 %; upper-middle 0 %; upper 50 %.
    let sexes = ["F", "F", "M", "M", "F", "M", "M", "F", "M"];
    let workers: Vec<(&str, f64)> = sexes
        .iter()
        .enumerate()
        .map(|(i, sex)| (*sex, 1.0 + i as f64))
        .collect();
    let report = report(&sexes_and_pay(&workers));
    let female: Vec<Option<f64>> = report.quartiles.iter().map(|b| b.female_pct).collect();
    assert!(close(female[0], 200.0 / 3.0));
    assert_eq!(female[1..], [Some(50.0), Some(0.0), Some(50.0)]);
    assert!(close(report.quartiles[0].male_pct, 100.0 / 3.0));
}

#[test]
fn tied_pay_across_a_quartile_boundary_is_shared_in_proportion() {
    // n = 8, 2 places per band. Ranked: F 10 | {F, M, M} at 20 | M 30, 40, 50, 60.
    // The tied group (female share 1/3) fills place 2 of lower and both places
    // of lower-middle:
    //   lower        = F(10) + 1 × 1/3 F + 1 × 2/3 M → 4/3 F of 2 = 66.67 %
    //   lower-middle = 2 × 1/3 F + 2 × 2/3 M         → 2/3 F of 2 = 33.33 %
    //   upper-middle, upper: men only → 0 %.
    let report = report(&sexes_and_pay(&[
        ("M", 60.0),
        ("F", 20.0),
        ("M", 20.0),
        ("F", 10.0),
        ("M", 30.0),
        ("M", 20.0),
        ("M", 40.0),
        ("M", 50.0),
    ]));
    let q = &report.quartiles;
    assert!(close(q[0].female_pct, 200.0 / 3.0));
    assert!(close(q[0].male_pct, 100.0 / 3.0));
    assert!(close(q[1].female_pct, 100.0 / 3.0));
    assert!(close(Some(q[1].female_places), 2.0 / 3.0));
    assert_eq!(q[2].female_pct, Some(0.0));
    assert_eq!(q[3].female_pct, Some(0.0));
    assert_eq!(q[3].male_pct, Some(100.0));
}

#[test]
fn fewer_than_four_workers_leave_bands_empty_with_null_shares() {
    let report = report(&sexes_and_pay(&[("F", 10.0), ("M", 12.0)]));
    assert_eq!(band_sizes(&report), [1, 0, 1, 0]);
    assert_eq!(report.quartiles[1].female_pct, None);
    assert_eq!(report.quartiles[0].female_pct, Some(100.0));
    assert_eq!(report.quartiles[2].male_pct, Some(100.0));
}

/// `n` workers of a sex in a category, at `hourly` pay.
fn many(rows: &mut Vec<String>, n: usize, sex: &str, category: &str, hourly: f64) {
    for _ in 0..n {
        let id = rows.len();
        rows.push(row(id, sex, "G1", category, hourly));
    }
}

#[test]
fn small_categories_are_suppressed_and_never_flagged() {
    let mut rows = Vec::new();
    // "A one-woman": 1 F at 5, 12 M at 20 (a 75 % gap, but suppressed).
    many(&mut rows, 1, "F", "A one-woman", 5.0);
    many(&mut rows, 12, "M", "A one-woman", 20.0);
    // "B all-male": 12 M.
    many(&mut rows, 12, "M", "B all-male", 20.0);
    // "C large": 10 F at 19, 10 M at 20 → gap exactly 5 % → flagged.
    many(&mut rows, 10, "F", "C large", 19.0);
    many(&mut rows, 10, "M", "C large", 20.0);
    // "D favours women": 10 F at 21.2, 10 M at 20 → −6 % → flagged (|gap| ≥ 5).
    many(&mut rows, 10, "F", "D favours women", 21.2);
    many(&mut rows, 10, "M", "D favours women", 20.0);
    // "E small gap": 10 F at 19.2, 10 M at 20 → 4 % → not flagged.
    many(&mut rows, 10, "F", "E small gap", 19.2);
    many(&mut rows, 10, "M", "E small gap", 20.0);
    let report = report(&csv(&rows));
    let names: Vec<&str> = report
        .categories
        .iter()
        .map(|c| c.category.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "A one-woman",
            "B all-male",
            "C large",
            "D favours women",
            "E small gap"
        ]
    );
    for suppressed in &report.categories[..2] {
        assert!(suppressed.suppressed);
        assert_eq!(
            suppressed.suppressed_reason.as_deref(),
            Some("fewer_than_min_group")
        );
        assert_eq!(suppressed.min_group, 10);
        assert_eq!(suppressed.total_pay_gap.mean_pct, None);
        assert_eq!(suppressed.basic_pay_gap.median_pct, None);
        assert!(!suppressed.joint_assessment_required);
    }
    assert_eq!(
        (report.categories[0].female, report.categories[0].male),
        (1, 12)
    );
    assert_eq!(
        (report.categories[1].female, report.categories[1].male),
        (0, 12)
    );
    let large = &report.categories[2];
    assert!(!large.suppressed);
    assert_eq!(large.suppressed_reason, None);
    assert_eq!(large.total_pay_gap.mean_pct, Some(5.0));
    assert_eq!(large.total_pay_gap.median_pct, Some(5.0));
    assert_eq!(large.basic_pay_gap.mean_pct, Some(5.0));
    assert_eq!(large.variable_pay_gap.mean_pct, None);
    assert!(large.joint_assessment_required);
    assert!(close(report.categories[3].total_pay_gap.mean_pct, -6.0));
    assert!(report.categories[3].joint_assessment_required);
    assert!(close(report.categories[4].total_pay_gap.mean_pct, 4.0));
    assert!(!report.categories[4].joint_assessment_required);
    assert_eq!(
        report.statistic("categories.joint_assessment_required"),
        Some(2.0)
    );
    assert_eq!(report.statistic("categories.suppressed"), Some(2.0));

    // With min_group 1 the one-woman category is computed (and flagged).
    let mut options = options();
    options.min_group = 1;
    let report = report_from_csv(csv(&rows).as_bytes(), &options).expect("valid");
    assert!(!report.categories[0].suppressed);
    assert_eq!(report.categories[0].total_pay_gap.mean_pct, Some(75.0));
    assert!(report.categories[0].joint_assessment_required);
    assert!(report.categories[1].suppressed, "no woman at all");
}

#[test]
fn x_and_u_workers_count_in_headcounts_but_not_in_gaps() {
    let base = [("F", 10.0), ("F", 20.0), ("M", 20.0), ("M", 40.0)];
    let without = report(&sexes_and_pay(&base));
    let mut with: Vec<(&str, f64)> = base.to_vec();
    with.extend([("X", 1000.0), ("U", 0.5), ("u", 7.0)]);
    let with = report(&sexes_and_pay(&with));
    assert_eq!(with.pay_gap, without.pay_gap);
    assert_eq!(with.quartiles, without.quartiles);
    assert_eq!(without.pay_gap.mean_pct, Some(50.0));
    assert_eq!(with.workers.total, 7);
    assert_eq!(
        (
            with.workers.female,
            with.workers.male,
            with.workers.other,
            with.workers.unknown
        ),
        (2, 2, 1, 2)
    );
    let grade = &with.representation.by_grade[0];
    assert_eq!((grade.other, grade.unknown, grade.total), (1, 2, 7));
    assert!(close(grade.female_share_pct, 200.0 / 7.0));
    assert!(close(
        with.statistic("workers.female_share_pct"),
        200.0 / 7.0
    ));
    assert_eq!(with.categories[0].other, 1);
}

#[test]
fn sex_codes_accept_words_in_english_and_french_in_any_case() {
    let report = report(&sexes_and_pay(&[
        ("female", 1.0),
        ("FEMME", 1.0),
        ("f", 1.0),
        ("Male", 1.0),
        ("homme", 1.0),
        ("m", 1.0),
        ("x", 1.0),
    ]));
    assert_eq!((report.workers.female, report.workers.male), (3, 3));
    assert_eq!(report.workers.other, 1);
}

#[test]
fn representation_by_grade_and_level_in_a_fixed_order() {
    let text = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n\
        1,F,G10,C,100,0,10,\n2,M,G2,C,100,0,10,none\n3,F,G2,C,100,0,10,TOP\n\
        4,M,G10,C,100,0,10,senior\n5,M,G1,C,100,0,10,senior\n6,F,G1,C,100,0,10,middle\n";
    let report = report(text);
    let grades: Vec<(&str, u64, u64)> = report
        .representation
        .by_grade
        .iter()
        .map(|g| (g.name.as_str(), g.female, g.male))
        .collect();
    assert_eq!(grades, [("G1", 1, 1), ("G2", 1, 1), ("G10", 1, 1)]);
    let levels: Vec<(&str, u64, Option<f64>)> = report
        .representation
        .by_management_level
        .iter()
        .map(|g| (g.name.as_str(), g.total, g.female_share_pct))
        .collect();
    assert_eq!(
        levels,
        [
            ("none", 2, Some(50.0)),
            ("middle", 1, Some(100.0)),
            ("senior", 2, Some(0.0)),
            ("top", 1, Some(100.0))
        ]
    );
    assert_eq!(
        report.statistic("management.senior.female_share_pct"),
        Some(0.0)
    );
    // Middle, senior and top together: 2 women of 4 managers.
    assert_eq!(
        report.statistic("management.all.female_share_pct"),
        Some(50.0)
    );
}

#[test]
fn an_empty_management_level_has_a_null_share() {
    let report = report(&sexes_and_pay(&[("F", 1.0)]));
    let top = &report.representation.by_management_level[3];
    assert_eq!(
        (top.name.as_str(), top.total, top.female_share_pct),
        ("top", 0, None)
    );
}

#[test]
fn flows_count_the_events_dated_in_the_reference_year() {
    // Women: 4 (2 hired in 2025, 1 in 2024; 1 promoted in 2025). Men: 2 (1 exit in 2025).
    let text = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,hire_date,exit_date,last_promotion_date\n\
        1,F,G,C,100,0,10,2025-01-01,,\n2,F,G,C,100,0,10,2025-12-31,,2025-06-01\n\
        3,F,G,C,100,0,10,2024-12-31,,\n4,F,G,C,100,0,10,,,2024-01-01\n\
        5,M,G,C,100,0,10,2010-05-05,2025-03-31,\n6,M,G,C,100,0,10,,2026-01-01,\n";
    let report = report(text);
    let hires = report.flows.hires.expect("hire_date present");
    assert_eq!((hires.total, hires.female, hires.male), (2, 2, 0));
    assert_eq!(hires.female_rate_pct, Some(50.0));
    assert_eq!(hires.male_rate_pct, Some(0.0));
    assert_eq!(hires.other_rate_pct, None);
    assert_eq!(hires.female_share_pct, Some(100.0));
    let exits = report.flows.exits.expect("exit_date present");
    assert_eq!((exits.female, exits.male), (0, 1));
    assert_eq!(exits.male_rate_pct, Some(50.0));
    let promotions = report
        .flows
        .promotions
        .expect("last_promotion_date present");
    assert_eq!(promotions.female_rate_pct, Some(25.0));
    assert_eq!(
        report.statistic("flows.promotions.female_rate_pct"),
        Some(25.0)
    );
    assert_eq!(report.statistic("flows.exits.male_rate_pct"), Some(50.0));
}

#[test]
fn flows_are_null_when_their_date_column_is_absent() {
    let text = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,exit_date\n\
        1,F,G,C,100,0,10,2025-01-01\n";
    let report = report(text);
    assert_eq!(report.flows.hires, None);
    assert_eq!(report.flows.promotions, None);
    assert_eq!(report.flows.exits.map(|f| f.female), Some(1));
    assert_eq!(report.statistic("flows.hires.female_share_pct"), None);
    let json = serde_json::to_value(&report).expect("serialisable");
    assert!(json["flows"]["hires"].is_null());
}

#[test]
fn every_statistic_key_is_answered_on_a_complete_report() {
    let mut text = String::from(
        "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level,hire_date,exit_date,last_promotion_date\n",
    );
    for (i, level) in ["none", "middle", "senior", "top"].iter().enumerate() {
        text.push_str(&format!(
            "{i}1,F,G,C,100,10,10,{level},2025-01-01,2025-02-01,2025-03-01\n"
        ));
        text.push_str(&format!(
            "{i}2,M,G,C,120,10,10,{level},2025-01-01,2025-02-01,2025-03-01\n"
        ));
    }
    let report = report(&text);
    for key in STATISTIC_KEYS {
        assert!(report.statistic(key).is_some(), "{key}");
    }
    assert_eq!(report.statistic("workers.total"), Some(8.0));
    assert_eq!(report.statistic("no.such.key"), None);
}

#[test]
fn the_json_has_exactly_the_issues_top_level_keys() {
    let report = report(&sexes_and_pay(&[("F", 1.0), ("M", 2.0)]));
    let json = serde_json::to_value(&report).expect("serialisable");
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "categories",
            "flows",
            "pay_gap",
            "quartiles",
            "reference_year",
            "rejected_rows",
            "representation",
            "variable_pay_gap",
            "variable_pay_receipt",
            "workers"
        ]
    );
    for key in [
        "category",
        "female",
        "male",
        "suppressed",
        "suppressed_reason",
        "basic_pay_gap",
        "variable_pay_gap",
        "total_pay_gap",
        "joint_assessment_required",
    ] {
        assert!(json["categories"][0].get(key).is_some(), "{key}");
    }
    for key in ["band", "workers", "female_pct", "male_pct"] {
        assert!(json["quartiles"][0].get(key).is_some(), "{key}");
    }
    assert_eq!(json["quartiles"][1]["band"], "lower_middle");
    let back: WorkforceReport = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, report);
}

fn problem(line: u64, column: &str, code: &str, value: &str) -> RowProblem {
    RowProblem {
        line,
        column: column.to_owned(),
        code: code.to_owned(),
        value: value.to_owned(),
        first_line: None,
    }
}

#[test]
fn bad_rows_are_reported_by_line_column_and_code() {
    let text = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level,hire_date,birth_year,training_days\n\
        1,F,G,C,100,0,10,,,,\n\
        2,Q,G,C,100,0,10,,,,\n\
        3,F,,C,1 000,0,10,,,,\n\
        4,M,G,C,-5,0,0,,,,\n\
        5,M,G,C,100,-1,-2,chief,2025-02-30,19x0,-1\n\
        1,F,G,C,100,0,10,,,,\n\
        ,,G,C,100,0,10,,,,\n\
        8,F,G,C,\"100,5\",0,10,,,,\n\
        9,F,G,C,1e3,0,10,,,,\n";
    let problems = rejected(text);
    let mut duplicate = problem(7, "employee_id", "duplicate_employee_id", "1");
    duplicate.first_line = Some(2);
    assert_eq!(
        problems,
        [
            problem(3, "sex", "unknown_sex", "Q"),
            problem(4, "grade", "missing_value", ""),
            problem(4, "annual_basic_pay", "bad_number", "1 000"),
            problem(5, "annual_basic_pay", "negative_pay", "-5"),
            problem(5, "weekly_hours", "zero_hours", "0"),
            problem(6, "annual_variable_pay", "negative_pay", "-1"),
            problem(6, "weekly_hours", "zero_hours", "-2"),
            problem(6, "management_level", "unknown_management_level", "chief"),
            problem(6, "hire_date", "bad_date", "2025-02-30"),
            problem(6, "birth_year", "bad_number", "19x0"),
            problem(6, "training_days", "negative_value", "-1"),
            duplicate,
            problem(8, "employee_id", "missing_value", ""),
            problem(8, "sex", "missing_value", ""),
            problem(9, "annual_basic_pay", "bad_number", "100,5"),
            problem(10, "annual_basic_pay", "bad_number", "1e3"),
        ]
    );
    match report_from_csv(text.as_bytes(), &options()) {
        Err(ExtractError::Rejected {
            problem_count,
            rows,
            ..
        }) => {
            assert_eq!(problem_count, 16);
            assert_eq!(rows, 8);
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[test]
fn malformed_quoting_is_reported_once_for_the_row() {
    // A quote inside an unquoted field (line 3) and text after a closing
    // quote (line 4); the quotes pair up, so the framing is intact.
    let text = format!(
        "{HEADER}\n1,F,G,C,100,0,10\n2,F,G\"x\",C,100,0,10\n3,F,\"G\"x,C,100,0,10\n4,M,G,C,100,0,10\n"
    );
    let problems = rejected(&text);
    let summary: Vec<(u64, &str, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        summary,
        [(3, "grade", "bad_quoting"), (4, "grade", "bad_quoting")]
    );
}

#[test]
fn an_unclosed_quote_refuses_the_file_even_when_skipping_bad_rows() {
    // Issue 16, item 7: a truncated file (last field an unclosed quote) is
    // refused whole, naming the line; skipping invalid rows does not turn
    // the rest of the file into one bad row.
    let mut skip = options();
    skip.skip_invalid = true;
    for text in [
        format!("{HEADER}\n1,F,G,C,100,0,10\n3,F,\"G\"x,C,100,0,10\n4,F,\"open,C\n"),
        format!("{HEADER}\n1,F,G,C,100,0,10\n2,M,G,C,100,0,10\n3,F,G,\"cut he"),
    ] {
        for options in [options(), skip.clone()] {
            assert_eq!(
                report_from_csv(text.as_bytes(), &options),
                Err(ExtractError::Table(TableError::UnclosedQuote { line: 4 })),
                "{text:?}"
            );
        }
    }
    // A stray quote opens a quoted region by parity: the record it starts
    // in is the one named.
    let text = format!("{HEADER}\n1,F,G,C,100,0,10\n2,F,G\"x,C,100,0,10\n3,F,G,C,100,0,10\n");
    assert_eq!(
        report_from_csv(text.as_bytes(), &options()),
        Err(ExtractError::Table(TableError::UnclosedQuote { line: 3 }))
    );
    let text = format!("\"{HEADER}\n1,F,G,C,100,0,10\n");
    assert_eq!(
        report_from_csv(text.as_bytes(), &options()),
        Err(ExtractError::Table(TableError::UnclosedQuote { line: 1 }))
    );
}

#[test]
fn nul_bytes_long_records_wide_headers_and_too_many_rows_refuse_the_file() {
    // The header is 80 bytes and 7 columns wide.
    let limits = Limits {
        rows: 4,
        columns: 8,
        record_bytes: 100,
        ..Limits::EXTRACT
    };
    let table = |error| Err(ExtractError::Table(error));
    for threads in [1, 3] {
        let read = |text: &str| {
            report_from_csv_limited(text.as_bytes(), &options(), threads, &limits).map(|_| ())
        };
        let rows = "1,F,G,C,100,0,10\n2,M,G,C,100,0,10\n3,M,G,C,100,0,10\n";
        assert_eq!(read(&format!("{HEADER}\n{rows}")), Ok(()), "four lines fit");
        assert_eq!(
            read(&format!("{HEADER}\n{rows}4,F,G,C,100,0,10\n")),
            table(TableError::TooManyRows { limit: 4 })
        );
        assert_eq!(
            read(&format!(
                "{HEADER}\n1,F,G,C,100,0,10\n2,M,G,C,100,0,10,{}\n",
                "x".repeat(90)
            )),
            table(TableError::RecordTooLong {
                line: 3,
                limit: 100
            })
        );
        assert_eq!(
            read(&format!("{HEADER},{}\n{rows}", "x".repeat(30))),
            table(TableError::RecordTooLong {
                line: 1,
                limit: 100
            })
        );
        assert_eq!(
            read(&format!("{HEADER},x,y\n{rows}")),
            table(TableError::TooManyColumns { line: 1, limit: 8 })
        );
        assert_eq!(
            read(&format!("{HEADER}\n1,F,G,C,100,0,10\n2,M,G\0,C,100,0,10\n")),
            table(TableError::NotText { line: 3 })
        );
        assert_eq!(
            read(&format!("\0{HEADER}\n{rows}")),
            table(TableError::NotText { line: 1 })
        );
    }
}

#[test]
fn duplicate_ids_name_the_first_line_and_count_every_repeat() {
    let text = format!(
        "{HEADER}\nA,F,G,C,100,0,10\nB,M,G,C,100,0,10\nA,M,G,C,100,0,10\n \"A\" ,M,G,C,100,0,10\n"
    );
    let problems = rejected(&text);
    let found: Vec<(u64, Option<u64>, &str)> = problems
        .iter()
        .map(|p| (p.line, p.first_line, p.value.as_str()))
        .collect();
    assert_eq!(found, [(4, Some(2), "A"), (5, Some(2), "A")]);
}

#[test]
fn skip_invalid_computes_on_the_valid_rows_and_counts_the_rest() {
    let text = format!(
        "{HEADER}\n1,F,G,C,1040,0,10\n2,F,G,C,oops,0,10\n3,M,G,C,2080,0,10\n1,M,G,C,99999,0,10\n4,M,G,C,-1,0,-1\n"
    );
    let mut options = options();
    options.skip_invalid = true;
    let report = report_from_csv(text.as_bytes(), &options).expect("the valid rows");
    assert_eq!(report.rejected_rows, 3);
    assert_eq!(report.workers.total, 2);
    // F 2, M 4 → gap 50 %; the duplicate man at 99999 is not counted.
    assert_eq!(report.pay_gap.mean_pct, Some(50.0));
}

#[test]
fn a_file_without_a_valid_row_says_so() {
    let mut options = options();
    options.skip_invalid = true;
    let text = format!("{HEADER}\n1,F,G,C,x,0,10\n");
    assert_eq!(
        report_from_csv(text.as_bytes(), &options),
        Err(ExtractError::NoValidRows { rejected_rows: 1 })
    );
    assert_eq!(
        report_from_csv(format!("{HEADER}\n").as_bytes(), &options),
        Err(ExtractError::NoValidRows { rejected_rows: 0 })
    );
}

#[test]
fn header_problems_list_every_missing_column() {
    assert_eq!(
        report_from_csv(b"Employee_ID , SEX,grade,other\n1,F,G,x\n", &options()),
        Err(ExtractError::MissingColumns {
            columns: vec![
                "category",
                "annual_basic_pay",
                "annual_variable_pay",
                "weekly_hours"
            ]
        })
    );
    assert_eq!(
        report_from_csv(format!("{HEADER},SEX\n").as_bytes(), &options()),
        Err(ExtractError::DuplicateColumn {
            column: "sex",
            first: 2,
            second: 8
        })
    );
    assert_eq!(report_from_csv(b"", &options()), Err(ExtractError::Empty));
    assert_eq!(
        report_from_csv(b"\xEF\xBB\xBF \r\n\n", &options()),
        Err(ExtractError::Empty)
    );
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_line() {
    let mut text = format!("{HEADER}\n1,F,G,C,100,0,10\n").into_bytes();
    text.extend_from_slice(b"2,F,G\xE9,C,100,0,10\n");
    for threads in 1..4 {
        assert_eq!(
            report_from_csv_with_threads(&text, &options(), threads),
            Err(ExtractError::NotUtf8 { line: 3 })
        );
    }
}

#[test]
fn semicolons_with_decimal_commas_bom_and_crlf_read_like_plain_csv() {
    let plain = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours\n\
        1,F,G,C,1000.5,10.25,37.5\n2,M,G,C,1200,0,37.5\n";
    let french = "\u{FEFF}employee_id;sex;grade;category;annual_basic_pay;annual_variable_pay;weekly_hours\r\n\
        1;femme;G;C;1000,5;10,25;37,5\r\n2;homme;G;C;1200;0;37.5\r\n\r\n";
    assert_eq!(report(french), report(plain));
}

#[test]
fn quoted_fields_may_hold_the_delimiter_quotes_and_line_breaks() {
    // Line 2's grade holds a comma, its category a line break (so the record
    // spans lines 2 and 3); line 4's category holds doubled quotes; the bad
    // row is physical line 5.
    let text = format!(
        "{HEADER}\n1,F,\"G, one\",\"Cat\nA\",100,0,10\n2,M,\"G, one\",\"Cat \"\"B\"\"\",100,0,10\n3,Q,G,C,100,0,10\n"
    );
    let problems = rejected(&text);
    assert_eq!(problems, [problem(5, "sex", "unknown_sex", "Q")]);
    let mut options = options();
    options.skip_invalid = true;
    let report = report_from_csv(text.as_bytes(), &options).expect("valid rows");
    assert_eq!(report.representation.by_grade[0].name, "G, one");
    let categories: Vec<&str> = report
        .categories
        .iter()
        .map(|c| c.category.as_str())
        .collect();
    assert_eq!(categories, ["Cat\nA", "Cat \"B\""]);
}

#[test]
fn blank_lines_and_empty_spreadsheet_rows_are_skipped() {
    let text =
        format!("{HEADER}\n1,F,G,C,100,0,10\n\n,,,,,,\n2,M,G,C,100,0,10\n3,Q,G,C,100,0,10\n\n\n");
    // Line 6 is the bad one: the blank lines still count as lines.
    assert_eq!(rejected(&text), [problem(6, "sex", "unknown_sex", "Q")]);
    let text = format!("{HEADER}\n1,F,G,C,100,0,10\n2,M,G,C,100,0,10\n\n  \n,,\n");
    assert_eq!(report(&text).workers.total, 2);
}

#[test]
fn function_unit_and_extra_columns_are_ignored() {
    let text = "unit,employee_id,notes,sex,grade,category,function,annual_basic_pay,annual_variable_pay,weekly_hours,comment\n\
        U1,1,\"free, text\",F,G,C,Boss,100,0,10,x\n";
    let report = report(text);
    assert_eq!(report.workers.female, 1);
}

fn to_rows(text: &str) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("a header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .enumerate()
        .map(|(i, line)| (i as u64 + 2, line.split(',').map(str::to_owned).collect()))
        .collect();
    (header, rows)
}

#[test]
fn spreadsheet_rows_give_the_same_report_as_the_csv() {
    let mut rows = Vec::new();
    many(&mut rows, 11, "F", "C1", 19.0);
    many(&mut rows, 12, "M", "C1", 21.0);
    many(&mut rows, 3, "X", "C2", 30.0);
    let text = csv(&rows);
    let (header, cells) = to_rows(&text);
    let from_rows = report_from_rows(&header, cells.into_iter(), &options()).expect("valid rows");
    assert_eq!(from_rows, report(&text));
}

#[test]
fn spreadsheet_rows_are_validated_the_same_way() {
    let text = format!("{HEADER}\n1,F,G,C,100,0,10\n1,M,G,C,100,0,0\n");
    let (header, cells) = to_rows(&text);
    let from_rows = report_from_rows(&header, cells.into_iter(), &options());
    assert_eq!(from_rows, report_from_csv(text.as_bytes(), &options()));
    assert!(matches!(
        from_rows,
        Err(ExtractError::Rejected {
            rows: 1,
            problem_count: 2,
            ..
        })
    ));
}

#[test]
fn at_most_a_thousand_problems_are_kept_but_all_are_counted() {
    let mut text = String::from(HEADER);
    for i in 0..1500 {
        text.push_str(&format!("\n{i},Q,G,C,100,0,10"));
    }
    match report_from_csv_with_threads(text.as_bytes(), &options(), 3) {
        Err(ExtractError::Rejected {
            problems,
            problem_count,
            rows,
        }) => {
            assert_eq!(problems.len(), 1000);
            assert_eq!((problem_count, rows), (1500, 1500));
            assert_eq!(problems[0].line, 2);
            assert_eq!(problems[999].line, 1001);
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

// ---------------------------------------------------------------- properties

/// A random extract: sexes, pay with many ties, categories, a few quoted
/// fields and (optionally) bad rows.
fn extract(with_errors: bool) -> impl Strategy<Value = Vec<(u8, u32, u8, u8, bool)>> {
    // (sex 0..4, hourly pay in cents-of-ten, category, quoting, error)
    prop::collection::vec(
        (
            0_u8..4,
            1_u32..40,
            0_u8..3,
            0_u8..4,
            prop::bool::weighted(if with_errors { 0.1 } else { 0.0 }),
        ),
        0..80,
    )
}

fn render(rows: &[(u8, u32, u8, u8, bool)]) -> String {
    let mut text = String::from(HEADER);
    for (i, (sex, pay, category, quoting, error)) in rows.iter().enumerate() {
        let sex = ["F", "M", "X", "U"][usize::from(*sex)];
        let category = match quoting {
            0 => format!("C{category}"),
            1 => format!("\"C,{category}\""),
            2 => format!("\"C\n{category}\""),
            _ => format!("\"C\"\"{category}\""),
        };
        let hours = if *error { "0" } else { "10" };
        text.push_str(&format!(
            "\n{i},{sex},G{},{category},{},{},{hours}",
            pay % 3,
            pay * 52,
            pay % 2 * 100
        ));
    }
    text.push('\n');
    text
}

/// Equal, floats up to a relative 1e-9 (sums in another order round differently).
fn assert_close(a: &serde_json::Value, b: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().expect("f64"), y.as_f64().expect("f64"));
            assert!(
                (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
                "{path}: {x} vs {y}"
            );
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                assert_close(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (key, x) in x {
                assert_close(x, &y[key], &format!("{path}.{key}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

proptest! {
    #[test]
    fn quartile_places_add_up_to_the_female_and_male_workers(rows in extract(false)) {
        prop_assume!(!rows.is_empty());
        let report = report_from_csv(render(&rows).as_bytes(), &options()).expect("valid");
        let n = report.workers.female + report.workers.male;
        prop_assert_eq!(report.quartiles.iter().map(|b| b.workers).sum::<u64>(), n);
        let female: f64 = report.quartiles.iter().map(|b| b.female_places).sum();
        prop_assert!((female - report.workers.female as f64).abs() < 1e-9);
        for band in &report.quartiles {
            prop_assert!((band.female_places + band.male_places - band.workers as f64).abs() < 1e-9);
            match (band.female_pct, band.male_pct) {
                (Some(f), Some(m)) => prop_assert!((f + m - 100.0).abs() < 1e-9),
                (None, None) => prop_assert_eq!(band.workers, 0),
                _ => prop_assert!(false, "one share without the other"),
            }
        }
    }

    /// With means μF, μM the gap is g = 100 (μM − μF) / μM and, sexes swapped,
    /// g' = 100 (μF − μM) / μF: the numerator changes sign, so g · μM = −g' · μF,
    /// i.e. g' = −g / (1 − g / 100). The same holds for medians.
    #[test]
    fn swapping_women_and_men_flips_the_sign_of_the_gap_numerator(rows in extract(false)) {
        let swapped: Vec<_> = rows.iter().map(|&(sex, pay, c, q, e)| (match sex { 0 => 1, 1 => 0, s => s }, pay, c, q, e)).collect();
        let (Ok(a), Ok(b)) = (report_from_csv(render(&rows).as_bytes(), &options()), report_from_csv(render(&swapped).as_bytes(), &options())) else {
            return Ok(());
        };
        for (g, g_swapped) in [(a.pay_gap.mean_pct, b.pay_gap.mean_pct), (a.pay_gap.median_pct, b.pay_gap.median_pct)] {
            if let (Some(g), Some(s)) = (g, g_swapped) {
                prop_assert!((s + g / (1.0 - g / 100.0)).abs() < 1e-9 * (1.0 + s.abs()), "{g} vs {s}");
                prop_assert!(g.signum() == -s.signum() || g == 0.0);
            }
        }
        prop_assert_eq!(a.workers.female, b.workers.male);
        prop_assert_eq!(a.variable_pay_receipt.female_pct, b.variable_pay_receipt.male_pct);
    }

    #[test]
    fn the_chunked_parallel_read_equals_the_single_read(rows in extract(true), threads in 2_usize..6, skip in any::<bool>()) {
        let text = render(&rows);
        let mut options = options();
        options.skip_invalid = skip;
        let single = report_from_csv_with_threads(text.as_bytes(), &options, 1);
        let chunked = report_from_csv_with_threads(text.as_bytes(), &options, threads);
        prop_assert_eq!(single, chunked);
    }

    #[test]
    fn the_report_does_not_depend_on_row_order(rows in extract(false), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic shuffle from the seed (Fisher-Yates with an LCG).
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = report_from_csv(render(&rows).as_bytes(), &options());
        let b = report_from_csv(render(&shuffled).as_bytes(), &options());
        match (a, b) {
            (Ok(a), Ok(b)) => assert_close(&serde_json::to_value(&a).expect("json"), &serde_json::to_value(&b).expect("json"), "report"),
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }
    }
}
