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

/// A period's release is written once: the first publication wins, a second
/// one (another server, the same moment) gets the first text back, and the
/// publication is audited. A validation can be dated in the past for tests.
#[tokio::test]
async fn a_release_is_published_once_and_audited() {
    let db = test_database().await;
    let store = &db.store;
    let actor = Actor::system("test");
    assert_eq!(
        store
            .published_release("programme", 2024)
            .await
            .expect("read"),
        None
    );
    let first = store
        .publish_release(&actor, "programme", 2024, "{\"first\":true}")
        .await
        .expect("published");
    assert_eq!(first, "{\"first\":true}");
    let second = store
        .publish_release(&actor, "programme", 2024, "{\"second\":true}")
        .await
        .expect("the first one back");
    assert_eq!(second, "{\"first\":true}");
    store
        .publish_release(&actor, "programme", 2023, "{}")
        .await
        .expect("another period");
    let all = store.published_releases("programme").await.expect("read");
    assert_eq!(
        all.iter().map(|(period, _)| *period).collect::<Vec<_>>(),
        [2023, 2024]
    );
    assert!(
        store
            .published_releases("geoat:x")
            .await
            .expect("read")
            .is_empty()
    );
    let audit = store
        .audit_entries(
            &gedhub_store::audit::AuditFilter {
                entity: Some("release".into()),
                ..Default::default()
            },
            1,
            50,
        )
        .await
        .expect("audit");
    let keys: Vec<&str> = audit
        .entries
        .iter()
        .map(|e| e.entity_key.as_str())
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.contains(&"programme/2024") && keys.contains(&"programme/2023"));
}

#[tokio::test]
async fn validated_answers_as_of_a_date_ignore_later_validations() {
    use gedhub_core::assessment::Transition;
    let db = test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    store.seed_instruments().await.expect("instrument");
    let actor = Actor::system("test");
    let instrument = store
        .instrument(gedhub_store::instruments_shipped::SHIPPED_INSTRUMENT)
        .await
        .expect("instrument");
    let mut ids = Vec::new();
    for (member, at) in [
        ("BJ", "2023-05-01T10:00:00Z"),
        ("CI", "2024-05-01T10:00:00Z"),
    ] {
        let assessment = store
            .create_assessment(&actor, &code(member), &instrument.code, "GEOAT")
            .await
            .expect("assessment");
        let (_, _, indicator) = instrument.indicators().next().expect("an indicator");
        store
            .save_answer(
                &actor,
                assessment.id,
                &indicator.code,
                &gedhub_store::assessments::AnswerInput {
                    rating: Some(3),
                    not_applicable: false,
                    justification: String::new(),
                    evidence: String::new(),
                },
                None,
            )
            .await
            .expect("answer");
        for transition in [Transition::Submit, Transition::Validate] {
            store
                .transition_assessment(&actor, assessment.id, transition, None)
                .await
                .expect("transition");
        }
        gedhub_store::testing::backdate_validation(store, assessment.id, at)
            .await
            .expect("backdated");
        ids.push(assessment.id);
    }
    let end_2023 = store
        .validated_answers_as_of(&instrument.code, "2023-12-31T99")
        .await
        .expect("read");
    assert_eq!(end_2023.len(), 1);
    assert_eq!(end_2023[0].administration.as_str(), "BJ");
    let now = store
        .validated_answers(&instrument.code)
        .await
        .expect("read");
    assert_eq!(now.len(), 2);
}
