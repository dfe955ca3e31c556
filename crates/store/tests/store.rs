//! Storage tests. They run against SQLite by default and against PostgreSQL
//! when GEDHUB_TEST_POSTGRES_URL is set (see `gedhub_store::testing`).

use chrono::{Duration, TimeZone, Utc};
use gedhub_core::{AdministrationCode, Email, Region, Role, Scope, UserId};
use gedhub_store::administrations::AdministrationForm;
use gedhub_store::audit::AuditFilter;
use gedhub_store::backup::{self, BackupDocument};
use gedhub_store::testing::test_database;
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError, Timestamp};

fn code(raw: &str) -> AdministrationCode {
    AdministrationCode::parse(raw).expect("valid code")
}

fn email(raw: &str) -> Email {
    Email::parse(raw).expect("valid e-mail")
}

fn new_user(address: &str, role: Role, administration: Option<&str>) -> NewUser {
    NewUser {
        email: email(address),
        name: format!("Person {address}"),
        role,
        administration: administration.map(code),
        // Tests do not need a real hash to store accounts.
        password_hash: "$argon2id$placeholder".to_owned(),
    }
}

async fn seeded() -> (gedhub_store::testing::TestDatabase, Store) {
    let db = test_database().await;
    let store = db.store.clone();
    store.seed_wco_members().await.expect("seed members");
    (db, store)
}

fn at(hour: u32) -> Timestamp {
    Timestamp(
        Utc.with_ymd_and_hms(2024, 4, 8, hour, 0, 0)
            .single()
            .expect("valid time"),
    )
}

#[tokio::test]
async fn seeding_the_members_is_idempotent_and_keeps_edits() {
    let db = test_database().await;
    let store = &db.store;
    assert_eq!(store.seed_wco_members().await.expect("seed"), 186);
    let secretariat = Actor::system("test");
    let form =
        AdministrationForm::parse("Benin Customs", "Douanes du Bénin", "WCA").expect("valid");
    store
        .update_administration(&secretariat, &code("BJ"), &form)
        .await
        .expect("update");
    assert_eq!(store.seed_wco_members().await.expect("seed again"), 0);
    let benin = store
        .administration(&Scope::All, &code("BJ"))
        .await
        .expect("Benin");
    assert_eq!(benin.name_en, "Benin Customs");
    let per_region = store.administrations_per_region().await.expect("counts");
    assert_eq!(per_region.iter().map(|(_, n)| n).sum::<i64>(), 186);
    assert!(per_region.contains(&(Region::Mena, 18)));
}

#[tokio::test]
async fn an_administration_outside_the_scope_is_not_found_like_an_unknown_one() {
    let (_db, store) = seeded().await;
    let benin_only = Scope::one(code("BJ"));
    assert!(store.administration(&benin_only, &code("BJ")).await.is_ok());
    assert!(matches!(
        store.administration(&benin_only, &code("CA")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.administration(&Scope::All, &code("ZZ")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.administration(&Scope::Nothing, &code("BJ")).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_new_administration_code_must_be_free_and_the_change_is_audited() {
    let (_db, store) = seeded().await;
    let actor = Actor::user(UserId(99), "staff@wcoomd.test");
    let form = AdministrationForm::parse("Customs Territory X", "Territoire douanier X", "AP")
        .expect("valid");
    let created = store
        .create_administration(&actor, &code("XT-1"), &form)
        .await
        .expect("create");
    assert!(!created.wco_member);
    let again = store
        .create_administration(&actor, &code("XT-1"), &form)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict("code_taken"))));
    let log = store
        .audit_entries(
            &AuditFilter {
                entity: Some("administration".into()),
                action: Some("create".into()),
                ..Default::default()
            },
            1,
            10,
        )
        .await
        .expect("audit");
    assert_eq!(log.entries.len(), 1);
    let entry = &log.entries[0];
    assert_eq!(
        (entry.actor.as_str(), entry.entity_key.as_str()),
        ("staff@wcoomd.test", "XT-1")
    );
    assert_eq!(
        entry
            .after
            .as_ref()
            .and_then(|a| a.get("name_fr"))
            .and_then(|n| n.as_str()),
        Some("Territoire douanier X")
    );
    assert!(entry.before.is_none());
}

#[tokio::test]
async fn accounts_have_unique_emails_and_focal_points_need_a_known_administration() {
    let (_db, store) = seeded().await;
    let actor = Actor::system("test");
    store
        .create_user(&actor, new_user("a@x.org", Role::Expert, None))
        .await
        .expect("create");
    let duplicate = store
        .create_user(&actor, new_user("A@X.org", Role::Participant, None))
        .await;
    assert!(matches!(
        duplicate,
        Err(StoreError::Conflict("email_taken"))
    ));
    let homeless = store
        .create_user(&actor, new_user("f@x.org", Role::FocalPoint, None))
        .await;
    assert!(matches!(homeless, Err(StoreError::Invalid(e)) if e.code == "administration_required"));
    let unknown = store
        .create_user(&actor, new_user("g@x.org", Role::FocalPoint, Some("ZZ")))
        .await;
    assert!(matches!(unknown, Err(StoreError::Invalid(e)) if e.code == "unknown_administration"));
    assert_eq!(store.users().await.expect("users").len(), 1);
}

#[tokio::test]
async fn assigning_and_removing_a_focal_point_is_recorded_with_before_and_after() {
    let (_db, store) = seeded().await;
    let actor = Actor::system("test");
    store
        .create_user(&actor, new_user("p@x.org", Role::Participant, None))
        .await
        .expect("create");
    let assigned = store
        .assign_focal_point(&actor, &email("p@x.org"), Some(&code("BJ")))
        .await
        .expect("assign");
    assert_eq!(
        (assigned.role, assigned.administration.clone()),
        (Role::FocalPoint, Some(code("BJ")))
    );
    assert_eq!(
        store.focal_points(&code("BJ")).await.expect("list").len(),
        1
    );
    store
        .assign_focal_point(&actor, &email("p@x.org"), None)
        .await
        .expect("remove");
    assert!(
        store
            .focal_points(&code("BJ"))
            .await
            .expect("list")
            .is_empty()
    );
    let log = store
        .audit_entries(
            &AuditFilter {
                administration: Some("bj".into()),
                ..Default::default()
            },
            1,
            10,
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["remove_focal_point", "assign_focal_point"]);
    let removal = &log.entries[0];
    assert_eq!(
        removal
            .before
            .as_ref()
            .and_then(|b| b.get("administration"))
            .and_then(|a| a.as_str()),
        Some("BJ")
    );
    assert_eq!(
        removal.after.as_ref().and_then(|a| a.get("administration")),
        Some(&serde_json::Value::Null)
    );
}

#[tokio::test]
async fn sessions_expire_and_end_on_sign_out() {
    let (_db, store) = seeded().await;
    let user = store
        .create_user(&Actor::system("t"), new_user("s@x.org", Role::Expert, None))
        .await
        .expect("create");
    let secret = store
        .create_session(user.id, at(9), at(10))
        .await
        .expect("session");
    assert_eq!(
        store
            .session_user(&secret, at(9))
            .await
            .expect("lookup")
            .map(|u| u.id),
        Some(user.id)
    );
    assert!(
        store
            .session_user(&secret, at(11))
            .await
            .expect("lookup")
            .is_none(),
        "expired"
    );
    assert!(
        store
            .session_user("forged", at(9))
            .await
            .expect("lookup")
            .is_none()
    );
    store.delete_session(&secret).await.expect("delete");
    assert!(
        store
            .session_user(&secret, at(9))
            .await
            .expect("lookup")
            .is_none()
    );
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_tokens_but_not_the_current_one() {
    let (_db, store) = seeded().await;
    let actor = Actor::system("t");
    let user = store
        .create_user(&actor, new_user("c@x.org", Role::Expert, None))
        .await
        .expect("create");
    let current = store
        .create_session(user.id, at(9), at(20))
        .await
        .expect("session");
    let other = store
        .create_session(user.id, at(9), at(20))
        .await
        .expect("session");
    let token = store
        .create_api_token(&actor, &user.email)
        .await
        .expect("token");
    assert!(store.token_user(&token).await.expect("lookup").is_some());
    let keep = gedhub_store::auth::secret_hash(&current);
    store
        .set_password_hash(&actor, user.id, "$argon2id$new".into(), Some(&keep))
        .await
        .expect("change");
    assert!(
        store
            .session_user(&current, at(10))
            .await
            .expect("lookup")
            .is_some()
    );
    assert!(
        store
            .session_user(&other, at(10))
            .await
            .expect("lookup")
            .is_none()
    );
    assert!(store.token_user(&token).await.expect("lookup").is_none());
    assert_eq!(
        store.password_hash(user.id).await.expect("hash"),
        "$argon2id$new"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_counted_per_address_per_account_and_address_and_per_account() {
    use gedhub_store::auth::SignInAttempt;
    let (_db, store) = seeded().await;
    for minute in 0..3 {
        let when = at(9).plus(Duration::minutes(minute));
        store
            .record_login_attempt("Victim@x.org", "10.0.0.1", false, when)
            .await
            .expect("record");
    }
    store
        .record_login_attempt("other@x.org", "10.0.0.1", false, at(9))
        .await
        .expect("record");
    store
        .record_login_attempt("victim@x.org", "10.0.0.2", true, at(9))
        .await
        .expect("record");
    let shared = &store;
    let facts = |minute: i64| async move {
        let attempt = SignInAttempt {
            email: " VICTIM@x.org",
            address: "10.0.0.1",
            throttle_key: "10.0.0.1",
            at: at(9).plus(Duration::minutes(minute)),
        };
        shared
            .sign_in_facts(&attempt, Duration::minutes(15))
            .await
            .expect("facts")
    };
    let now = facts(5).await;
    assert_eq!(
        (
            now.address_failures,
            now.pair_failures,
            now.account_failures_last_hour
        ),
        (4, 3, 3)
    );
    assert_eq!(
        now.pair_last_failure,
        Some(at(9).plus(Duration::minutes(2)).0)
    );
    // 16 minutes on, the two failures of 9:00 have left the address window
    // (9:01 on), not the pair's day nor the account's hour.
    let later = facts(16).await;
    assert_eq!(
        (
            later.address_failures,
            later.pair_failures,
            later.account_failures_last_hour
        ),
        (2, 3, 3)
    );
    // A sign-in from the address resets its count for the account.
    store
        .record_login_attempt(
            "victim@x.org",
            "10.0.0.1",
            true,
            at(9).plus(Duration::minutes(20)),
        )
        .await
        .expect("record");
    let after = facts(21).await;
    assert_eq!((after.pair_failures, after.pair_last_failure), (0, None));
    assert_eq!(after.account_failures_last_hour, 3);
}

#[tokio::test]
async fn a_backup_restores_into_a_fresh_database_with_the_same_content() {
    let (_db, store) = seeded().await;
    let actor = Actor::system("t");
    store
        .create_user(&actor, new_user("b@x.org", Role::FocalPoint, Some("BJ")))
        .await
        .expect("create");
    store
        .create_api_token(&actor, &email("b@x.org"))
        .await
        .expect("token");
    let backup = store.backup().await.expect("backup");
    let text = String::from_utf8(backup.to_bytes()).expect("utf-8");
    let copy = test_database().await;
    let restored = copy
        .store
        .restore(&text.parse::<BackupDocument>().expect("parse"))
        .await
        .expect("restore");
    assert!(restored > 186);
    assert_eq!(
        copy.store.backup().await.expect("backup").as_json()["tables"],
        backup.as_json()["tables"]
    );
    // The copy keeps working: new rows get fresh ids after the restored ones.
    copy.store
        .create_user(&actor, new_user("n@x.org", Role::Expert, None))
        .await
        .expect("create after restore");
}

#[tokio::test]
async fn a_broken_backup_is_refused_whole_and_changes_nothing() {
    let (_db, store) = seeded().await;
    store
        .create_user(
            &Actor::system("t"),
            new_user("keep@x.org", Role::Expert, None),
        )
        .await
        .expect("create");
    let mut broken = store.backup().await.expect("backup").as_json().clone();
    // Break the last table, so earlier tables would already be written.
    broken["tables"]["audit_log"]["rows"][0][1] = serde_json::json!(42);
    let broken: BackupDocument = broken.to_string().parse().expect("still JSON");
    assert!(matches!(
        store.restore(&broken).await,
        Err(StoreError::BackupRefused(_))
    ));
    assert_eq!(store.users().await.expect("users").len(), 1);
    assert!(matches!("{}".parse::<BackupDocument>().map(|_| ()), Ok(())));
    let not_ours: BackupDocument = "{}".parse().expect("JSON");
    assert!(matches!(
        store.restore(&not_ours).await,
        Err(StoreError::Backup(_))
    ));
    assert!("not json".parse::<BackupDocument>().is_err());
}

#[tokio::test]
async fn every_table_is_either_backed_up_or_deliberately_left_out() {
    let db = test_database().await;
    let tables = db.store.table_names().await.expect("tables");
    let covered: Vec<&str> = backup::backed_up_tables()
        .into_iter()
        .chain(backup::NOT_BACKED_UP.iter().copied())
        .collect();
    let missing: Vec<&String> = tables
        .iter()
        .filter(|t| !covered.contains(&t.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "tables missing from backups: {missing:?}"
    );
}

#[tokio::test]
async fn the_audit_log_filters_by_actor_and_date_and_pages_newest_first() {
    let (_db, store) = seeded().await;
    for n in 0..3 {
        let actor = Actor::user(UserId(n), &format!("user{n}@x.org"));
        store
            .create_user(&actor, new_user(&format!("u{n}@x.org"), Role::Expert, None))
            .await
            .expect("create");
    }
    let by_actor = store
        .audit_entries(
            &AuditFilter {
                actor: Some("USER1@".into()),
                ..Default::default()
            },
            1,
            10,
        )
        .await
        .expect("filter");
    assert_eq!(by_actor.entries.len(), 1);
    assert_eq!(by_actor.entries[0].entity_key, "u1@x.org");
    let first_page = store
        .audit_entries(
            &AuditFilter {
                entity: Some("user".into()),
                ..Default::default()
            },
            1,
            2,
        )
        .await
        .expect("page 1");
    assert_eq!(first_page.entries.len(), 2);
    assert!(first_page.has_more);
    assert_eq!(first_page.entries[0].entity_key, "u2@x.org");
    let second_page = store
        .audit_entries(
            &AuditFilter {
                entity: Some("user".into()),
                ..Default::default()
            },
            2,
            2,
        )
        .await
        .expect("page 2");
    assert_eq!(
        (second_page.entries.len(), second_page.has_more),
        (1, false)
    );
    let future = chrono::NaiveDate::from_ymd_opt(2999, 1, 1);
    let none = store
        .audit_entries(
            &AuditFilter {
                from_date: future,
                ..Default::default()
            },
            1,
            10,
        )
        .await
        .expect("filter");
    assert!(none.entries.is_empty());
}

/// An extract where women are `women_pct` % of 100 workers and paid
/// `gap_pct` % less per hour.
fn workforce_extract(women: u32, gap_pct: u32) -> String {
    let mut csv = String::from(
        "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours\n",
    );
    for i in 0..100 {
        let (sex, pay) = if i < women {
            ("F", 40_000 * (100 - gap_pct) / 100)
        } else {
            ("M", 40_000)
        };
        csv.push_str(&format!("e{i},{sex},G1,Officers,{pay},0,40\n"));
    }
    csv
}

#[tokio::test]
async fn workforce_reports_keep_one_year_each_and_feed_a_series_only_within_scope() {
    use gedhub_core::workforce::{ReportOptions, report_from_csv};
    use gedhub_store::workforce::NewWorkforceReport;
    let (_db, store) = seeded().await;
    let actor = Actor::system("test");
    let benin = code("BJ");
    for (year, women, gap) in [
        (2022, 20, 15),
        (2023, 25, 12),
        (2024, 30, 8),
        (2023, 26, 11),
    ] {
        let report = report_from_csv(
            workforce_extract(women, gap).as_bytes(),
            &ReportOptions::new(year),
        )
        .expect("a report");
        store
            .save_workforce_report(
                &actor,
                &NewWorkforceReport {
                    administration: &benin,
                    report: &report,
                    file_sha256: "abc",
                    rows_read: 100,
                    min_group: 10,
                },
            )
            .await
            .expect("stored");
    }
    // 2023 was uploaded twice: the second replaced the first.
    let series = store
        .workforce_series(&Scope::All, &benin, "workers.female_share_pct")
        .await
        .expect("series");
    let expected = [(2022, 20.0), (2023, 26.0), (2024, 30.0)];
    assert_eq!(series.len(), expected.len(), "{series:?}");
    for ((year, value), (expected_year, expected_value)) in series.iter().zip(expected) {
        assert_eq!(*year, expected_year);
        assert!((value - expected_value).abs() < 1e-9, "{series:?}");
    }
    let gaps = store
        .workforce_series(&Scope::one(benin.clone()), &benin, "pay_gap.mean_pct")
        .await
        .expect("series");
    let years: Vec<i32> = gaps.iter().map(|(year, _)| *year).collect();
    assert_eq!(years, [2022, 2023, 2024]);
    assert!((gaps[1].1 - 11.0).abs() < 1e-9, "{gaps:?}");
    // An unknown statistic gives no values rather than zeros.
    assert!(
        store
            .workforce_series(&Scope::All, &benin, "no.such.statistic")
            .await
            .expect("series")
            .is_empty()
    );
    // Another administration's focal point: not found, like a missing one.
    assert!(matches!(
        store
            .workforce_series(&Scope::one(code("CA")), &benin, "pay_gap.mean_pct")
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.workforce_reporting().await.expect("reporting"),
        vec![("BJ".to_owned(), vec![2022, 2023, 2024])]
    );
    // The replacement is in the audit log.
    let audit = store
        .audit_entries(
            &AuditFilter {
                entity: Some("workforce_report".into()),
                action: Some("replace".into()),
                ..Default::default()
            },
            1,
            10,
        )
        .await
        .expect("audit");
    assert_eq!(audit.entries.len(), 1);
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn manual_indicator(baseline: f64, target: f64) -> gedhub_core::monitoring::IndicatorDefinition {
    use gedhub_core::monitoring::{IndicatorDefinition, NewIndicator, Source};
    IndicatorDefinition::new(NewIndicator {
        name_en: "Women in senior management".into(),
        name_fr: "Femmes aux postes de direction".into(),
        unit: "percent".into(),
        direction: None,
        baseline_value: baseline,
        baseline_date: day("2024-01-01"),
        target_value: target,
        target_date: day("2026-01-01"),
        milestones: Vec::new(),
        frequency: Some("quarterly".into()),
        source: Source::Manual,
    })
    .expect("valid definition")
}

#[tokio::test]
async fn a_plan_keeps_objectives_actions_indicators_and_corrected_measurements_within_its_scope() {
    use gedhub_core::monitoring::{ActionStatus, PlanStatus};
    use gedhub_store::plans::{MeasurementInput, NewAction, NewObjective, NewPlan, Recorded};
    let (_db, store) = seeded().await;
    let owner = store
        .create_user(
            &Actor::system("t"),
            new_user("focal@bj.test", Role::FocalPoint, Some("BJ")),
        )
        .await
        .expect("user");
    let actor = Actor::user(owner.id, "focal@bj.test");
    let benin = code("BJ");
    let plan = store
        .create_plan(
            &actor,
            &benin,
            &NewPlan {
                title: "GED action plan 2024–2026".into(),
                owner: "HR directorate".into(),
                owner_user_id: Some(owner.id),
                objectives: vec![NewObjective {
                    title: "Close the gap on P1.1.2".into(),
                    indicator_codes: vec!["P1.1.2".into(), " P1.1.1 ".into(), "P1.1.2".into()],
                }],
                ..NewPlan::default()
            },
        )
        .await
        .expect("plan");
    assert_eq!(plan.status, PlanStatus::Draft);

    // An assessment that is not validated (or unknown) cannot be the source.
    let refused = store
        .create_plan(
            &actor,
            &benin,
            &NewPlan {
                title: "From nowhere".into(),
                assessment_id: Some(999_999),
                ..NewPlan::default()
            },
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(ref e)) if e.code == "assessment_not_validated"),
        "{refused:?}"
    );

    let objectives = store.objectives(plan.id).await.expect("objectives");
    assert_eq!(objectives.len(), 1);
    assert_eq!(objectives[0].indicator_codes, ["P1.1.1", "P1.1.2"]);
    let addressing = store
        .objectives_addressing(&Scope::one(benin.clone()), &benin)
        .await
        .expect("links");
    assert_eq!(addressing.len(), 2);
    assert!(
        store
            .objectives_addressing(&Scope::one(code("CA")), &benin)
            .await
            .expect("links")
            .is_empty()
    );

    let action = |objective_id, status| NewAction {
        objective_id,
        title: "Mentoring programme".into(),
        responsible: "Training unit".into(),
        responsible_user_id: None,
        start_date: Some(day("2024-02-01")),
        due_date: day("2024-06-30"),
        budget_amount: Some(12_500.0),
        budget_currency: Some("xof".into()),
        status,
        progress_notes: String::new(),
    };
    let created = store
        .add_action(
            &actor,
            &plan,
            &action(objectives[0].id, ActionStatus::InProgress),
        )
        .await
        .expect("action");
    assert_eq!(created.budget_currency.as_deref(), Some("XOF"));
    let unknown = store
        .add_action(
            &actor,
            &plan,
            &action(objectives[0].id + 100, ActionStatus::NotStarted),
        )
        .await;
    assert!(
        matches!(unknown, Err(StoreError::Invalid(ref e)) if e.code == "unknown_objective"),
        "{unknown:?}"
    );

    let indicator = store
        .add_indicator(
            &actor,
            &plan,
            Some(objectives[0].id),
            &manual_indicator(20.0, 40.0),
        )
        .await
        .expect("indicator");
    let value = |date: &str, value: f64| MeasurementInput {
        date: day(date),
        value,
        comment: String::new(),
    };
    let first = store
        .record_measurements(
            &actor,
            &plan,
            &indicator,
            &[value("2024-06-30", 24.0), value("2024-12-31", 27.0)],
        )
        .await
        .expect("recorded");
    assert!(matches!(first[..], [Recorded::New(_), Recorded::New(_)]));
    // A second value for a date corrects the first and keeps it in history.
    let corrected = store
        .record_measurements(&actor, &plan, &indicator, &[value("2024-12-31", 28.0)])
        .await
        .expect("corrected");
    let [Recorded::Correction { id, replaced }] = corrected[..] else {
        panic!("expected a correction, got {corrected:?}");
    };
    let history = store
        .measurement_history(indicator.id)
        .await
        .expect("history");
    assert_eq!(history.len(), 3);
    let old = history.iter().find(|m| m.id == replaced).expect("old row");
    assert_eq!((old.value, old.superseded_by), (27.0, Some(id)));
    let detail = store
        .plan_detail(&Scope::All, plan.id)
        .await
        .expect("detail");
    assert_eq!(
        detail.measurements[&indicator.id],
        [(day("2024-06-30"), 24.0), (day("2024-12-31"), 28.0)]
    );
    // A batch with one bad value records nothing.
    let bad = store
        .record_measurements(
            &actor,
            &plan,
            &indicator,
            &[value("2025-03-31", 30.0), value("2025-06-30", f64::NAN)],
        )
        .await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    assert_eq!(
        store
            .measurement_history(indicator.id)
            .await
            .expect("history")
            .len(),
        3
    );

    // Another administration's focal point sees none of it.
    let canada = Scope::one(code("CA"));
    assert!(matches!(
        store.plan(&canada, plan.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.plan_indicator(&canada, indicator.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.plans(&canada).await.expect("plans").is_empty());
    assert_eq!(
        store
            .plans(&Scope::one(benin.clone()))
            .await
            .expect("plans")
            .len(),
        1
    );

    // The overview takes the latest value on or before the day asked for.
    let summaries = store
        .plan_summaries(day("2024-10-01"))
        .await
        .expect("summaries");
    assert_eq!(summaries.len(), 1);
    assert_eq!(
        summaries[0].indicators[0].1,
        Some((day("2024-06-30"), 24.0))
    );
    // After the last value's date, the corrected value kept with the indicator.
    let later = store
        .plan_summaries(day("2025-01-01"))
        .await
        .expect("summaries");
    assert_eq!(later[0].indicators[0].1, Some((day("2024-12-31"), 28.0)));
    assert_eq!(
        summaries[0].actions,
        [(day("2024-06-30"), ActionStatus::InProgress)]
    );

    // Reminders concern adopted plans only, and go to the owner by default.
    assert!(
        store
            .reminder_inputs()
            .await
            .expect("inputs")
            .actions
            .is_empty()
    );
    let adopted = store
        .set_plan_status(&actor, &plan, PlanStatus::Adopted)
        .await
        .expect("adopt");
    assert!(matches!(
        store
            .set_plan_status(&actor, &adopted, PlanStatus::Draft)
            .await,
        Err(StoreError::Invalid(_))
    ));
    let inputs = store.reminder_inputs().await.expect("inputs");
    assert_eq!(inputs.actions.len(), 1);
    assert_eq!(inputs.actions[0].responsible_user_id, owner.id.0);
    assert_eq!(inputs.indicators.len(), 1);
    assert_eq!(
        inputs.indicators[0].last_measurement,
        Some(day("2024-12-31"))
    );

    // Every change is in the audit log.
    let entries = store
        .audit_entries(&AuditFilter::default(), 1, 100)
        .await
        .expect("audit");
    for entity in [
        "action_plan",
        "plan_objective",
        "plan_action",
        "plan_indicator",
        "indicator_measurement",
    ] {
        assert!(
            entries.entries.iter().any(|e| e.entity == entity),
            "no audit entry for {entity}"
        );
    }
}

#[tokio::test]
async fn a_daily_job_runs_once_per_day_even_with_two_servers() {
    use gedhub_store::notifications::{JobOutput, NewEmail, NewNotification};
    let (db, store) = seeded().await;
    let user = store
        .create_user(
            &Actor::system("t"),
            new_user("r@x.org", Role::FocalPoint, Some("BJ")),
        )
        .await
        .expect("user");
    let second_server = Store::connect(&db.url).await.expect("second pool");
    let output = JobOutput {
        notifications: vec![NewNotification {
            user_id: user.id,
            subject: "2 actions are overdue".into(),
            body: "…".into(),
            link: "/plans/1".into(),
        }],
        emails: vec![NewEmail {
            recipient: "r@x.org".into(),
            recipient_name: "R".into(),
            subject: "2 actions are overdue".into(),
            body: "…".into(),
        }],
        detail: "1 person".into(),
    };
    let today = day("2025-03-03");
    let (a, b) = tokio::join!(
        store.record_job_run("reminders", today, &output),
        second_server.record_job_run("reminders", today, &output)
    );
    let wins = [a.expect("first"), b.expect("second")];
    assert_eq!(wins.iter().filter(|won| **won).count(), 1, "{wins:?}");
    assert_eq!(
        store.notifications(user.id, 10).await.expect("list").len(),
        1
    );
    assert_eq!(store.unread_notifications(user.id).await.expect("count"), 1);
    assert_eq!(
        store.last_job_run("reminders").await.expect("last"),
        Some(today)
    );
    let pending = store.pending_emails(10).await.expect("queue");
    assert_eq!(pending.len(), 1);
    // Only one server gets to send a queued message.
    let (first, second) = tokio::join!(
        store.claim_email(pending[0].id, pending[0].attempts),
        second_server.claim_email(pending[0].id, pending[0].attempts)
    );
    assert_ne!(first.expect("claim"), second.expect("claim"));
    store.mark_email_sent(pending[0].id).await.expect("sent");
    assert!(store.pending_emails(10).await.expect("queue").is_empty());
    store
        .mark_notifications_read(user.id, i64::MAX)
        .await
        .expect("read");
    assert_eq!(store.unread_notifications(user.id).await.expect("count"), 0);
}

#[tokio::test]
async fn optional_reals_can_be_empty_then_set_on_the_same_connection_and_survive_a_backup() {
    use gedhub_core::monitoring::ActionStatus;
    use gedhub_store::plans::{NewAction, NewObjective, NewPlan};
    // On PostgreSQL, a cached statement first run with a NULL f64 used to be
    // declared as `real`, and the next non-NULL value failed. Alternate many
    // times so every pooled connection sees both.
    let (_db, store) = seeded().await;
    let actor = Actor::system("t");
    let plan = store
        .create_plan(
            &actor,
            &code("BJ"),
            &NewPlan {
                title: "Budgets".into(),
                objectives: vec![NewObjective {
                    title: "O".into(),
                    indicator_codes: Vec::new(),
                }],
                ..NewPlan::default()
            },
        )
        .await
        .expect("plan");
    let objective = store.objectives(plan.id).await.expect("objectives")[0].id;
    for n in 0..24 {
        let budget = (n % 2 == 1).then_some(1000.0 + f64::from(n));
        store
            .add_action(
                &actor,
                &plan,
                &NewAction {
                    objective_id: objective,
                    title: format!("Action {n}"),
                    responsible: String::new(),
                    responsible_user_id: None,
                    start_date: None,
                    due_date: day("2025-06-30"),
                    budget_amount: budget,
                    budget_currency: budget.map(|_| "EUR".to_owned()),
                    status: ActionStatus::NotStarted,
                    progress_notes: String::new(),
                },
            )
            .await
            .unwrap_or_else(|error| panic!("action {n}: {error}"));
    }
    let detail = store
        .plan_detail(&Scope::All, plan.id)
        .await
        .expect("detail");
    let budgets: Vec<Option<f64>> = detail.actions.iter().map(|a| a.budget_amount).collect();
    assert_eq!(budgets.iter().filter(|b| b.is_some()).count(), 12);
    // A restore binds the same mix row after row.
    let backup = store.backup().await.expect("backup");
    let copy = test_database().await;
    copy.store.restore(&backup).await.expect("restore");
    let restored = copy
        .store
        .plan_detail(&Scope::All, plan.id)
        .await
        .expect("restored plan");
    let again: Vec<Option<f64>> = restored.actions.iter().map(|a| a.budget_amount).collect();
    assert_eq!(again, budgets);
}
