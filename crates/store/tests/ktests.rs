//! Knowledge tests in storage: the bank, a workshop's tests, one attempt per
//! participant, timing, scores and the audit trail. SQLite by default,
//! PostgreSQL with GEDHUB_TEST_POSTGRES_URL.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use gedhub_core::ktests::{AnswerOption, Question, QuestionDraft, TestKind};
use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
use gedhub_core::{AdministrationCode, Email, Role, UserId};
use gedhub_store::audit::AuditFilter;
use gedhub_store::ktests::TestState;
use gedhub_store::testing::test_database;
use gedhub_store::training::{NewWorkshop, Workshop};
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError, Timestamp};

fn question(kind: &str, correct: &[bool]) -> Question {
    Question::new(QuestionDraft {
        kind: kind.to_owned(),
        text_en: format!("A {kind} question"),
        text_fr: format!("Une question {kind}"),
        options: correct
            .iter()
            .enumerate()
            .map(|(i, &c)| AnswerOption {
                text_en: format!("Option {i}"),
                text_fr: format!("Choix {i}"),
                correct: c,
            })
            .collect(),
    })
    .expect("valid")
}

fn at(minutes: i64, seconds: i64) -> Timestamp {
    Timestamp(
        Utc.with_ymd_and_hms(2024, 4, 12, 9, 0, 0)
            .single()
            .expect("valid")
            + Duration::minutes(minutes)
            + Duration::seconds(seconds),
    )
}

fn answers(pairs: &[(i64, &[usize])]) -> BTreeMap<i64, BTreeSet<usize>> {
    pairs
        .iter()
        .map(|(id, chosen)| (*id, chosen.iter().copied().collect()))
        .collect()
}

async fn user(store: &Store, address: &str, role: Role, code: Option<&str>) -> UserId {
    store
        .create_user(
            &Actor::system("test"),
            NewUser {
                email: Email::parse(address).expect("valid"),
                name: address.to_owned(),
                role,
                administration: code.map(|c| AdministrationCode::parse(c).expect("valid")),
                password_hash: "$argon2id$placeholder".to_owned(),
            },
        )
        .await
        .expect("user")
        .id
}

async fn workshop(store: &Store) -> Workshop {
    let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").expect("day");
    store
        .create_workshop(
            &Actor::system("test"),
            &NewWorkshop {
                title: "Atelier virtuel".into(),
                kind: WorkshopKind::National,
                mode: WorkshopMode::Virtual,
                language: "fr".into(),
                venue: String::new(),
                meeting_link: "https://meet.example/ged".into(),
                dates: WorkshopDates::new(day("2024-04-08"), day("2024-04-12")).expect("dates"),
                capacity: 10,
                rules: CompletionRules::DEFAULT,
            },
        )
        .await
        .expect("workshop")
}

#[tokio::test]
async fn one_scored_submission_per_participant_within_the_time_limit() {
    let db = test_database().await;
    let store = db.store.clone();
    store.seed_wco_members().await.expect("members");
    let staff = Actor::system("staff");
    let amina = user(&store, "amina@bj.test", Role::Participant, Some("BJ")).await;
    let koffi = user(&store, "koffi@bj.test", Role::Participant, Some("BJ")).await;
    let outsider = user(&store, "outsider@ca.test", Role::Participant, Some("CA")).await;
    let workshop = workshop(&store).await;
    for email in ["amina@bj.test", "koffi@bj.test"] {
        store
            .add_participant(&staff, &workshop, &Email::parse(email).expect("valid"))
            .await
            .expect("participant");
    }
    let single = store
        .create_question(&staff, &question("single_choice", &[true, false, false]))
        .await
        .expect("q1");
    let multiple = store
        .create_question(&staff, &question("multiple_choice", &[true, true, false]))
        .await
        .expect("q2");
    let truth = store
        .create_question(&staff, &question("true_false", &[false, true]))
        .await
        .expect("q3");
    let unused = store
        .create_question(&staff, &question("true_false", &[true, false]))
        .await
        .expect("q4");
    // Bad tests change nothing.
    let empty = store
        .attach_test(&staff, &workshop, TestKind::Post, &[], Some(10))
        .await
        .expect_err("no questions");
    assert!(matches!(empty, StoreError::Invalid(e) if e.code == "no_questions_chosen"));
    let unknown = store
        .attach_test(
            &staff,
            &workshop,
            TestKind::Post,
            &[single.id, 999],
            Some(10),
        )
        .await
        .expect_err("unknown");
    assert!(matches!(unknown, StoreError::Invalid(e) if e.code == "unknown_test_question"));
    assert!(store.tests(workshop.id).await.expect("tests").is_empty());
    let post = store
        .attach_test(
            &staff,
            &workshop,
            TestKind::Post,
            &[truth.id, single.id, multiple.id],
            Some(10),
        )
        .await
        .expect("post-test");
    assert_eq!(post.state, TestState::Draft);
    assert_eq!(
        post.questions.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [truth.id, single.id, multiple.id],
        "in the chosen order"
    );
    // Used questions are frozen; unused ones may be edited.
    let frozen = store
        .update_question(
            &staff,
            single.id,
            &question("single_choice", &[false, true]),
        )
        .await
        .expect_err("in use");
    assert!(matches!(frozen, StoreError::Conflict("question_in_use")));
    store
        .update_question(&staff, unused.id, &question("true_false", &[false, true]))
        .await
        .expect("unused question edited");
    let bank = store.questions().await.expect("bank");
    assert_eq!(
        bank.iter().map(|q| q.in_use).collect::<Vec<_>>(),
        [true, true, true, false]
    );
    // A draft test is not taken yet.
    let draft = store
        .start_attempt(&staff, &workshop, &post, amina, at(0, 0))
        .await
        .expect_err("draft");
    assert!(matches!(draft, StoreError::Conflict("test_not_open")));
    store
        .set_test_state(&staff, &post, TestState::Open)
        .await
        .expect("open");
    let post = store.test(workshop.id, TestKind::Post).await.expect("post");
    // Only confirmed participants take it.
    let refused = store
        .start_attempt(&staff, &workshop, &post, outsider, at(0, 0))
        .await
        .expect_err("outsider");
    assert!(matches!(refused, StoreError::Invalid(e) if e.code == "not_a_participant"));
    // Amina starts at 9:00 and submits at 9:10:30 (limit 10 min + 30 s grace):
    // true/false right, single right, multiple half right → 2 of 3.
    let amina_actor = Actor::user(amina, "amina@bj.test");
    store
        .start_attempt(&amina_actor, &workshop, &post, amina, at(0, 0))
        .await
        .expect("started");
    let restarted = store
        .start_attempt(&amina_actor, &workshop, &post, amina, at(5, 0))
        .await
        .expect("same attempt");
    assert_eq!(restarted.started_at, at(0, 0), "the clock does not restart");
    let chosen = answers(&[(truth.id, &[1]), (single.id, &[0]), (multiple.id, &[0])]);
    let submitted = store
        .submit_attempt(&amina_actor, &workshop, &post, amina, &chosen, at(10, 30))
        .await
        .expect("on time");
    let expected = 200.0 / 3.0;
    assert!((submitted.score_pct.expect("scored") - expected).abs() < 1e-9);
    // A second submission is refused and changes nothing.
    let all_right = answers(&[(truth.id, &[1]), (single.id, &[0]), (multiple.id, &[0, 1])]);
    let twice = store
        .submit_attempt(
            &amina_actor,
            &workshop,
            &post,
            amina,
            &all_right,
            at(10, 40),
        )
        .await
        .expect_err("twice");
    assert!(matches!(
        twice,
        StoreError::Conflict("test_already_submitted")
    ));
    let kept = store
        .attempt(post.id, amina)
        .await
        .expect("read")
        .expect("attempt");
    assert!((kept.score_pct.expect("scored") - expected).abs() < 1e-9);
    assert_eq!(kept.answers, chosen);
    // Koffi starts at 9:00 and submits at 9:10:31: one second too late.
    let koffi_actor = Actor::user(koffi, "koffi@bj.test");
    store
        .start_attempt(&koffi_actor, &workshop, &post, koffi, at(0, 0))
        .await
        .expect("started");
    let late = store
        .submit_attempt(
            &koffi_actor,
            &workshop,
            &post,
            koffi,
            &all_right,
            at(10, 31),
        )
        .await
        .expect_err("late");
    assert!(matches!(late, StoreError::Conflict("time_limit_exceeded")));
    let scores = store.test_scores(workshop.id).await.expect("scores");
    assert!(
        !scores.contains_key(&koffi.0),
        "a late attempt has no score"
    );
    assert!((scores[&amina.0].post.expect("post") - expected).abs() < 1e-9);
    assert_eq!(scores[&amina.0].pre, None);
    // With attempts, the test's questions are fixed; closed stays closed.
    let fixed = store
        .attach_test(&staff, &workshop, TestKind::Post, &[single.id], None)
        .await
        .expect_err("attempts exist");
    assert!(matches!(fixed, StoreError::Conflict("test_has_attempts")));
    store
        .set_test_state(&staff, &post, TestState::Closed)
        .await
        .expect("closed");
    let reopen = store
        .set_test_state(&staff, &post, TestState::Open)
        .await
        .expect_err("no reopening");
    assert!(matches!(
        reopen,
        StoreError::Conflict("invalid_test_transition")
    ));
    let closed = store
        .submit_attempt(&koffi_actor, &workshop, &post, koffi, &all_right, at(1, 0))
        .await
        .expect_err("closed");
    assert!(matches!(closed, StoreError::Conflict("test_not_open")));
    // Every change is in the audit log.
    let audited = |entity: &'static str| {
        let store = store.clone();
        async move {
            store
                .audit_entries(
                    &AuditFilter {
                        entity: Some(entity.to_owned()),
                        ..AuditFilter::default()
                    },
                    1,
                    100,
                )
                .await
                .expect("audit")
                .entries
                .iter()
                .map(|e| e.action.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        audited("ktest_question").await,
        ["update", "create", "create", "create", "create"]
    );
    assert_eq!(
        audited("ktest_test").await,
        ["set_state", "set_state", "create"]
    );
    assert_eq!(audited("ktest_attempt").await, ["start", "submit", "start"]);
}
