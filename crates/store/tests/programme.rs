//! The programme overview's facts (issue 8), read in a few set-based
//! queries: filters by region and year, the report chosen per Member, the
//! GEOAT facts. Runs on SQLite, and on PostgreSQL in CI.

use gedhub_core::workforce::{ReportOptions, report_from_csv};
use gedhub_core::{AdministrationCode, Region};
use gedhub_store::Actor;
use gedhub_store::programme::ProgrammeFilter;
use gedhub_store::testing::test_database;
use gedhub_store::workforce::NewWorkforceReport;

fn code(text: &str) -> AdministrationCode {
    AdministrationCode::parse(text).expect("valid")
}

/// `women` women and `men` men, one of each a manager.
fn report(year: i32, women: u32, men: u32) -> gedhub_core::workforce::WorkforceReport {
    let mut csv = String::from(
        "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n",
    );
    for i in 0..women {
        let level = if i == 0 { "top" } else { "none" };
        csv.push_str(&format!("f{i},F,G1,Officers,36000,0,40,{level}\n"));
    }
    for i in 0..men {
        let level = if i == 0 { "top" } else { "none" };
        csv.push_str(&format!("m{i},M,G1,Officers,40000,0,40,{level}\n"));
    }
    report_from_csv(csv.as_bytes(), &ReportOptions::new(year)).expect("a report")
}

#[tokio::test]
async fn facts_follow_the_filters_and_choose_one_report_per_member() {
    let db = test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    store.seed_instruments().await.expect("instrument");
    let actor = Actor::system("test");
    for (member, year, women, men) in [
        ("BJ", 2023, 10, 30),
        ("BJ", 2024, 12, 28),
        ("FR", 2024, 20, 20),
    ] {
        store
            .save_workforce_report(
                &actor,
                &NewWorkforceReport {
                    administration: &code(member),
                    report: &report(year, women, men),
                    file_sha256: "0000",
                    rows_read: u64::from(women + men),
                    min_group: 10,
                },
            )
            .await
            .expect("saved");
    }
    store
        .create_assessment(&actor, &code("BJ"), "gedhub-geoat-2023", "GEOAT")
        .await
        .expect("assessment");

    let all = store
        .programme_facts(&ProgrammeFilter::default(), "2025-01-01")
        .await
        .expect("facts");
    assert_eq!(all.len(), 186);
    let bj = all.iter().find(|m| m.code == "BJ").expect("BJ");
    assert_eq!(bj.region, "WCA");
    assert_eq!(bj.workforce_years, vec![2023, 2024]);
    // Without a year: the latest report.
    let headline = bj.workforce.expect("a headline");
    assert_eq!((headline.staff, headline.women), (40, 12));
    assert_eq!((headline.managers, headline.women_managers), (2, 1));
    assert_eq!(bj.assessments.len(), 1);
    assert_eq!(bj.assessments[0].status, "draft");

    // A year: that year's report only.
    let in_2023 = store
        .programme_facts(
            &ProgrammeFilter {
                year: Some(2023),
                ..ProgrammeFilter::default()
            },
            "2025-01-01",
        )
        .await
        .expect("facts");
    let bj = in_2023.iter().find(|m| m.code == "BJ").expect("BJ");
    assert_eq!(bj.workforce.map(|h| h.women), Some(10));
    let fr = in_2023.iter().find(|m| m.code == "FR").expect("FR");
    assert!(fr.workforce.is_none());
    // The assessment did not exist by the end of 2023.
    assert!(bj.assessments.is_empty());

    // A region: its Members only.
    let europe = store
        .programme_facts(
            &ProgrammeFilter {
                region: Some(Region::Eur),
                language: Some("fr".to_owned()),
                ..ProgrammeFilter::default()
            },
            "2025-01-01",
        )
        .await
        .expect("facts");
    assert!(europe.iter().all(|m| m.region == "EUR"));
    assert!(europe.iter().any(|m| m.code == "FR"));
}
