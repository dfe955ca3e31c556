//! Programme figures (issue 8): every aggregate with hand-computed values,
//! and the suppression rule (4 administrations withheld, 5 shown).

use gedhub_core::programme::{
    AssessmentFact, BySex, Figure, GeoatStatus, MIN_ADMINISTRATIONS, MemberRow, PlanFact,
    ProgrammeFigures, SUPPRESSED_FEWER_THAN_MIN, WomenShares, WorkforceHeadline, geoat_in_progress,
    geoat_status, regional_breakdown, shown_plan, unweighted_share, weighted_share,
};
use proptest::prelude::*;

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

fn headline(staff: u64, women: u64, managers: u64, women_managers: u64) -> WorkforceHeadline {
    WorkforceHeadline {
        staff,
        women,
        managers,
        women_managers,
    }
}

#[test]
fn weighted_share_sums_before_dividing() {
    // 10+20+30+40+100 = 200 women of 100+100+100+100+600 = 1000 staff: 20 %.
    let pairs = [(10, 100), (20, 100), (30, 100), (40, 100), (100, 600)];
    let figure = weighted_share(&pairs);
    close(figure.value, 20.0);
    assert_eq!(figure.administrations, 5);
    assert_eq!(figure.suppressed, None);
}

#[test]
fn unweighted_share_is_the_mean_of_member_shares() {
    // 10 %, 20 %, 30 %, 40 %, 16.666… %: mean = 116.666…/5 = 23.333… %.
    let pairs = [(10, 100), (20, 100), (30, 100), (40, 100), (100, 600)];
    close(unweighted_share(&pairs).value, (100.0 + 100.0 / 6.0) / 5.0);
}

#[test]
fn four_administrations_are_suppressed_five_are_shown() {
    let four = [(1, 2), (1, 2), (1, 2), (1, 2)];
    for figure in [weighted_share(&four), unweighted_share(&four)] {
        assert_eq!(figure.value, None);
        assert_eq!(figure.administrations, 4);
        assert_eq!(figure.suppressed, Some(SUPPRESSED_FEWER_THAN_MIN));
    }
    let five = [(1, 2), (1, 2), (1, 2), (1, 2), (1, 2)];
    for figure in [weighted_share(&five), unweighted_share(&five)] {
        close(figure.value, 50.0);
        assert_eq!(figure.administrations, 5);
    }
}

#[test]
fn members_without_a_denominator_do_not_count() {
    // Five Members, one with no managers: the management figure covers 4.
    let shares = WomenShares::of(&[
        headline(100, 50, 10, 5),
        headline(100, 50, 10, 5),
        headline(100, 50, 10, 5),
        headline(100, 50, 10, 5),
        headline(100, 60, 0, 0),
    ]);
    close(shares.staff_weighted.value, 52.0);
    close(shares.staff_unweighted.value, 52.0);
    assert_eq!(shares.management_weighted.administrations, 4);
    assert_eq!(shares.management_weighted.value, None);
    assert_eq!(shares.management_unweighted.value, None);
}

#[test]
fn management_shares_weighted_and_unweighted() {
    // Managers: 1/10, 2/10, 3/10, 4/10, 10/20 → weighted 20/60 = 33.3…%,
    // unweighted (10+20+30+40+50)/5 = 30 %.
    let shares = WomenShares::of(&[
        headline(50, 20, 10, 1),
        headline(50, 20, 10, 2),
        headline(50, 20, 10, 3),
        headline(50, 20, 10, 4),
        headline(80, 40, 20, 10),
    ]);
    close(shares.management_weighted.value, 100.0 / 3.0);
    close(shares.management_unweighted.value, 30.0);
    // Staff: 120/280 weighted; (40×4 + 50)/5 = 42 unweighted.
    close(shares.staff_weighted.value, 120.0 / 280.0 * 100.0);
    close(shares.staff_unweighted.value, 42.0);
}

fn fact(status: &str, on: Option<&str>, edition: &str) -> AssessmentFact {
    AssessmentFact {
        status: status.to_owned(),
        submitted_on: None,
        validated_on: on.map(str::to_owned),
        edition: edition.to_owned(),
    }
}

#[test]
fn geoat_status_prefers_the_latest_validation() {
    assert_eq!(geoat_status(&[]), GeoatStatus::None);
    assert_eq!(
        geoat_status(&[fact("archived", None, "2")]),
        GeoatStatus::None
    );
    // A draft nobody has answered is not started.
    assert_eq!(geoat_status(&[fact("draft", None, "2")]), GeoatStatus::None);
    assert_eq!(
        geoat_status(&[fact("in_progress", None, "2")]),
        GeoatStatus::InProgress
    );
    // Waiting for validation is not "in progress".
    assert_eq!(
        geoat_status(&[fact("submitted", None, "2"), fact("in_progress", None, "2")]),
        GeoatStatus::Submitted
    );
    assert_eq!(
        geoat_status(&[
            fact("validated", Some("2023-05-01T10:00:00Z"), "1"),
            fact("validated", Some("2025-02-03T10:00:00Z"), "2"),
            fact("in_progress", None, "2"),
        ]),
        GeoatStatus::Validated {
            date: "2025-02-03".to_owned(),
            edition: "2".to_owned()
        }
    );
}

/// Five Members, counted by hand: A answers its first diagnostic (in
/// progress), B's waits for validation (not in progress), C created one and
/// answered nothing (not started), D's earlier diagnostic is validated and
/// it answers a new one (in progress), E has only an archived one. Two are
/// in progress; before the fix the figure said three (A, B, C: draft and
/// submitted counted, D left out because validated won).
#[test]
fn geoat_in_progress_counts_diagnostics_being_answered() {
    let members = [
        vec![fact("in_progress", None, "2")],
        vec![fact("submitted", None, "2")],
        vec![fact("draft", None, "2")],
        vec![
            fact("validated", Some("2024-03-01T10:00:00Z"), "1"),
            fact("in_progress", None, "2"),
        ],
        vec![fact("archived", Some("2020-01-01T10:00:00Z"), "1")],
    ];
    let flags: Vec<bool> = members.iter().map(|a| geoat_in_progress(a)).collect();
    assert_eq!(flags, [true, false, false, true, false]);
    let mut rows: Vec<MemberRow> = members
        .iter()
        .enumerate()
        .map(|(i, assessments)| {
            let mut row = member(&format!("M{i}"), "EUR", None);
            row.geoat = geoat_status(assessments);
            row.geoat_in_progress = geoat_in_progress(assessments);
            row
        })
        .collect();
    let figures = ProgrammeFigures::of(&rows);
    assert_eq!(figures.geoat_in_progress, 2);
    assert_eq!(figures.geoat_validated, 1);
    rows.truncate(3);
    assert_eq!(ProgrammeFigures::of(&rows).geoat_in_progress, 1);
}

#[test]
fn an_assessment_as_it_stood_at_the_end_of_a_year() {
    let end = "2024-12-31T99";
    let later = AssessmentFact {
        status: "validated".to_owned(),
        submitted_on: Some("2025-01-10T10:00:00Z".to_owned()),
        validated_on: Some("2025-02-01T10:00:00Z".to_owned()),
        edition: "2".to_owned(),
    };
    // Submitted and validated after the year: still being answered then.
    assert_eq!(later.clone().as_at(end).status, "in_progress");
    let submitted_in_year = AssessmentFact {
        submitted_on: Some("2024-12-01T10:00:00Z".to_owned()),
        ..later.clone()
    };
    let then = submitted_in_year.as_at(end);
    assert_eq!(then.status, "submitted");
    assert_eq!(then.validated_on, None);
    let validated_in_year = AssessmentFact {
        submitted_on: Some("2024-10-01T10:00:00Z".to_owned()),
        validated_on: Some("2024-11-01T10:00:00Z".to_owned()),
        ..later
    };
    assert_eq!(validated_in_year.as_at(end).status, "validated");
}

#[test]
fn the_overview_shows_the_adopted_plan_before_a_newer_draft() {
    use gedhub_core::monitoring::PlanStatus::{Adopted, Closed, Draft};
    assert_eq!(shown_plan(&[]), None);
    // Newest first would pick the draft (id 9); the adopted plan is shown.
    assert_eq!(shown_plan(&[(3, Adopted), (9, Draft)]), Some(0));
    assert_eq!(
        shown_plan(&[(3, Closed), (5, Adopted), (9, Draft)]),
        Some(1)
    );
    // Two adopted plans: the newer.
    assert_eq!(shown_plan(&[(3, Adopted), (5, Adopted)]), Some(1));
    // A closed plan (adopted once) before a draft; drafts only: the newest.
    assert_eq!(shown_plan(&[(3, Closed), (9, Draft)]), Some(0));
    assert_eq!(shown_plan(&[(3, Draft), (9, Draft)]), Some(1));
}

#[test]
fn by_sex_counts_unknown_apart() {
    let mut counts = BySex::default();
    for sex in [
        Some("female"),
        Some("female"),
        Some("male"),
        Some("other"),
        Some("undisclosed"),
        None,
        Some("bogus"),
    ] {
        counts.add(sex);
    }
    assert_eq!(
        counts,
        BySex {
            female: 2,
            male: 1,
            other: 1,
            undisclosed: 1,
            unknown: 2
        }
    );
    assert_eq!(counts.total(), 7);
}

fn member(code: &str, region: &str, workforce: Option<WorkforceHeadline>) -> MemberRow {
    MemberRow {
        code: code.to_owned(),
        name: code.to_owned(),
        region: region.to_owned(),
        geoat: GeoatStatus::None,
        geoat_in_progress: false,
        plan: None,
        workforce_years: Vec::new(),
        workforce,
        trained: BySex::default(),
        pathway: Vec::new(),
        requests_open: 0,
        missions_open: 0,
        missions_delivered: 0,
        missions_with_feedback: 0,
    }
}

#[test]
fn programme_figures_and_regional_breakdown() {
    let mut rows: Vec<MemberRow> = (0..5)
        .map(|i| {
            member(
                &format!("E{i}"),
                "EUR",
                Some(headline(100, 40 + i * 5, 10, 2 + i)),
            )
        })
        .collect();
    rows[0].geoat = GeoatStatus::Validated {
        date: "2025-01-01".to_owned(),
        edition: "2".to_owned(),
    };
    rows[1].plan = Some(PlanFact {
        status: "adopted".to_owned(),
        indicators: 4,
        on_track: 3,
    });
    rows[2].missions_delivered = 2;
    rows[2].missions_with_feedback = 1;
    rows.push(member("W1", "WCA", Some(headline(10, 9, 1, 1))));
    let figures = ProgrammeFigures::of(&rows);
    assert_eq!(figures.members, 6);
    assert_eq!(figures.geoat_validated, 1);
    assert_eq!(figures.plans, 1);
    assert_eq!(figures.workforce_reporting, 6);
    // Women: 40+45+50+55+60+9 = 259 of 510.
    close(figures.women.staff_weighted.value, 259.0 / 510.0 * 100.0);
    // One plan only: the on-track mean is suppressed.
    assert_eq!(figures.on_track_mean.value, None);
    assert_eq!(figures.missions_delivered, 2);

    let regions = regional_breakdown(&rows);
    assert_eq!(regions.len(), 6);
    let eur = regions.iter().find(|r| r.region == "EUR").expect("EUR");
    assert_eq!(eur.members, 5);
    close(eur.women_staff_weighted.value, 250.0 / 500.0 * 100.0);
    // Managers: 2+3+4+5+6 = 20 of 50.
    close(eur.women_management_weighted.value, 40.0);
    close(eur.geoat_validated.value, 1.0);
    let wca = regions.iter().find(|r| r.region == "WCA").expect("WCA");
    assert_eq!(wca.members, 1);
    assert_eq!(wca.women_staff_weighted.value, None);
    assert_eq!(wca.geoat_validated.value, None);
    assert_eq!(wca.trained.suppressed, Some(SUPPRESSED_FEWER_THAN_MIN));

    // What a Member may see: counts of Members from 6 Members shown, one
    // plan's on-track mean withheld, and the missions delivered withheld:
    // only E2 had any, so the sum would be E2's own figure.
    let aggregates = ProgrammeFigures::aggregates_only(&rows);
    close(aggregates.geoat_validated.value, 1.0);
    assert_eq!(aggregates.on_track_mean.value, None);
    assert_eq!(aggregates.missions_delivered.value, None);
    assert_eq!(aggregates.missions_delivered.administrations, 1);
    // Once five Members delivered missions (1+1+1+1+2 = 6), the sum shows.
    for row in &mut rows[..5] {
        row.missions_delivered = row.missions_delivered.max(1);
    }
    let aggregates = ProgrammeFigures::aggregates_only(&rows);
    close(aggregates.missions_delivered.value, 6.0);
    assert_eq!(aggregates.missions_delivered.administrations, 5);
    let aggregates = ProgrammeFigures::aggregates_only(&rows[5..]);
    assert_eq!(aggregates.missions_delivered.value, None);
    assert_eq!(aggregates.women.staff_weighted.value, None);
}

proptest! {
    /// The weighted share lies between the smallest and largest Member
    /// share, and so does the unweighted one.
    #[test]
    fn shares_lie_between_member_extremes(
        pairs in proptest::collection::vec((0u64..1000, 1u64..1000), 5..40)
    ) {
        let pairs: Vec<(u64, u64)> = pairs.into_iter().map(|(part, whole)| (part.min(whole), whole)).collect();
        let shares: Vec<f64> = pairs.iter().map(|(p, w)| *p as f64 / *w as f64 * 100.0).collect();
        let min = shares.iter().copied().fold(f64::INFINITY, f64::min);
        let max = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for figure in [weighted_share(&pairs), unweighted_share(&pairs)] {
            let value = figure.value.expect("five or more Members");
            prop_assert!(value >= min - 1e-9 && value <= max + 1e-9);
        }
    }

    /// Never a value from fewer than five contributing Members.
    #[test]
    fn suppression_never_yields_a_figure_from_fewer_than_five(
        pairs in proptest::collection::vec((0u64..100, 0u64..100), 0..12)
    ) {
        for figure in [weighted_share(&pairs), unweighted_share(&pairs)] {
            let Figure { value, administrations, .. } = figure;
            if administrations < MIN_ADMINISTRATIONS {
                prop_assert!(value.is_none());
            }
            prop_assert_eq!(administrations, pairs.iter().filter(|(_, w)| *w > 0).count());
        }
    }
}

proptest! {
    /// A sum of Members' own quantities is never shown from fewer than five
    /// contributing Members, and when shown it is the exact sum.
    #[test]
    fn sums_need_five_contributors(values in proptest::collection::vec(0u64..5, 0..30)) {
        let figure = gedhub_core::programme::sum_figure(values.iter().copied());
        let contributors = values.iter().filter(|v| **v > 0).count();
        prop_assert_eq!(figure.administrations, contributors);
        if contributors < 5 {
            prop_assert_eq!(figure.value, None);
        } else {
            prop_assert_eq!(figure.value, Some(values.iter().sum::<u64>() as f64));
        }
    }
}
