//! Pathway storage (issue 7): recorded moves and their consequences,
//! settings and labels. SQLite by default, PostgreSQL when
//! GEDHUB_TEST_POSTGRES_URL is set.

use chrono::NaiveDate;
use gedhub_core::pathway::{Settings, Stage, Weights};
use gedhub_core::{AdministrationCode, Email, Role, UserId};
use gedhub_store::notifications::NewNotification;
use gedhub_store::pathway::NewTransition;
use gedhub_store::testing::test_database;
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
}

async fn person(store: &Store, address: &str, role: Role) -> UserId {
    store
        .create_user(
            &Actor::system("test"),
            NewUser {
                email: Email::parse(address).expect("e-mail"),
                name: format!("Person {address}"),
                role,
                administration: Some(AdministrationCode::parse("BE").expect("code")),
                password_hash: "$argon2id$placeholder".to_owned(),
            },
        )
        .await
        .expect("user")
        .id
}

fn step(user_id: UserId, from: Stage, to: Stage) -> NewTransition {
    NewTransition {
        user_id,
        from,
        to,
        reason: String::new(),
        overridden: Vec::new(),
        evidence: serde_json::json!({ "post_test_pct": 80.0 }),
        on: day("2024-06-01"),
        notifications: Vec::new(),
        emails: Vec::new(),
    }
}

#[tokio::test]
async fn moves_are_recorded_in_order_with_their_consequences() {
    let db = test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    let actor = Actor::system("test");
    let candidate = person(store, "candidate@customs.be", Role::Participant).await;
    let focal = person(store, "focal@customs.be", Role::FocalPoint).await;

    assert_eq!(
        store.pathway_stage(candidate).await.expect("stage"),
        Stage::Nominated
    );
    assert!(store.pathway_stages().await.expect("stages").is_empty());

    let path = [
        (Stage::Nominated, Stage::Preselected),
        (Stage::Preselected, Stage::Trained),
        (Stage::Trained, Stage::Invited),
        (Stage::Invited, Stage::SupervisedDelivery),
    ];
    for (from, to) in path {
        store
            .record_transition(&actor, step(candidate, from, to))
            .await
            .expect("move");
    }
    // A decision made from a stale stage is refused, not recorded.
    let stale = store
        .record_transition(&actor, step(candidate, Stage::Trained, Stage::Invited))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("stage_changed"))),
        "{stale:?}"
    );
    // Only candidates (experts, participants) have a pathway.
    let focal_move = store
        .record_transition(&actor, step(focal, Stage::Nominated, Stage::Preselected))
        .await;
    assert!(
        matches!(focal_move, Err(StoreError::Conflict("not_a_candidate"))),
        "{focal_move:?}"
    );
    assert!(store.recognition(candidate).await.expect("read").is_none());

    // Recognition: the recognition is recorded for three years and the
    // participant account becomes an expert account; a notification goes
    // out in the same transaction.
    let mut recognize = step(candidate, Stage::SupervisedDelivery, Stage::Recognized);
    recognize.reason = "Positive evaluation of the Lomé mission".into();
    recognize.overridden = vec!["no_positive_evaluation".into()];
    recognize.notifications = vec![NewNotification {
        user_id: candidate,
        subject: "Recognized".into(),
        body: "You are a Recognized GED Expert".into(),
        link: "/candidates/1".into(),
    }];
    let event = store
        .record_transition(&actor, recognize)
        .await
        .expect("recognize");
    assert_eq!(event.overridden, vec!["no_positive_evaluation".to_owned()]);
    let recognition = store
        .recognition(candidate)
        .await
        .expect("read")
        .expect("recorded");
    assert_eq!(recognition.recognized_on, "2024-06-01");
    assert_eq!(recognition.valid_until, "2027-05-31");
    assert_eq!(
        store.user(candidate).await.expect("user").role,
        Role::Expert
    );
    assert_eq!(
        store
            .notifications(candidate, 10)
            .await
            .expect("read")
            .len(),
        1
    );

    let history = store.pathway_history(candidate).await.expect("history");
    let stages: Vec<(Stage, Stage)> = history.iter().map(|e| (e.from, e.to)).collect();
    assert_eq!(stages.len(), 5);
    assert_eq!(stages[4], (Stage::SupervisedDelivery, Stage::Recognized));
    assert_eq!(history[4].reason, "Positive evaluation of the Lomé mission");
    assert_eq!(history[0].evidence["post_test_pct"], 80.0);
    assert_eq!(history[0].recorded_by, "test");
    assert_eq!(
        store
            .pathway_stages()
            .await
            .expect("stages")
            .get(&candidate),
        Some(&Stage::Recognized)
    );

    // Withdrawal ends the recognition.
    store
        .record_transition(&actor, step(candidate, Stage::Recognized, Stage::Withdrawn))
        .await
        .expect("withdraw");
    assert!(store.recognition(candidate).await.expect("read").is_none());
    assert_eq!(
        store.pathway_stage(candidate).await.expect("stage"),
        Stage::Withdrawn
    );
}

#[tokio::test]
async fn settings_and_labels_round_trip() {
    let db = test_database().await;
    let store = &db.store;
    let actor = Actor::system("test");
    assert_eq!(
        store.pathway_settings().await.expect("read"),
        Settings::default()
    );
    let settings = Settings {
        trained_post_test_pct: 75.5,
        weights: Weights::new(40.0, 0.0, 20.0, 10.0, 30.0).expect("weights"),
    };
    store
        .save_pathway_settings(&actor, &settings)
        .await
        .expect("save");
    store
        .save_pathway_settings(&actor, &settings)
        .await
        .expect("save again");
    assert_eq!(store.pathway_settings().await.expect("read"), settings);

    store
        .set_pathway_label(
            &actor,
            Stage::Champion,
            "fr",
            "  Championne ou champion GED de l'OMD ",
        )
        .await
        .expect("label");
    let labels = store.pathway_labels().await.expect("labels");
    assert_eq!(
        labels
            .get(&(Stage::Champion, "fr".to_owned()))
            .map(String::as_str),
        Some("Championne ou champion GED de l'OMD")
    );
    // A blank label restores the standard name.
    store
        .set_pathway_label(&actor, Stage::Champion, "fr", " ")
        .await
        .expect("clear");
    assert!(store.pathway_labels().await.expect("labels").is_empty());
}

#[tokio::test]
async fn the_demo_has_candidates_at_every_stage() {
    let db = test_database().await;
    let store = &db.store;
    store.seed_demo().await.expect("demo");
    store.seed_demo().await.expect("demo again, unchanged");
    let stages = store.pathway_stages().await.expect("stages");
    let mut reached: Vec<Stage> = stages.values().copied().collect();
    reached.sort();
    reached.dedup();
    assert_eq!(
        reached,
        vec![
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
            Stage::Champion,
            Stage::Declined,
            Stage::Withdrawn,
        ]
    );
    // Kagiso Molefe's recognition of 1 June 2023 ends on 31 May 2026: the
    // pathway reads it as lapsed after that day.
    let kagiso = store
        .user_by_email(&Email::parse("kagiso.molefe@participants.gedhub.test").expect("e-mail"))
        .await
        .expect("demo participant");
    let recognition = store
        .recognition(kagiso.id)
        .await
        .expect("read")
        .expect("recognized");
    assert_eq!(recognition.valid_until, "2026-05-31");
    assert_eq!(kagiso.role, Role::Expert);
    // Twelve candidates moved; the second run recorded nothing more.
    assert_eq!(stages.len(), 12);
    // Missions: Ghana's and Burkina Faso's delivered (positive evaluations
    // of Ngozi and Essi, who were recognized without override), Uganda's
    // planned, and Senegal's request waiting.
    let missions = store.missions().await.expect("missions");
    let delivered = missions.iter().filter(|m| m.status == "delivered").count();
    assert_eq!((missions.len(), delivered), (3, 2));
    let requests = store
        .support_requests(&gedhub_core::Scope::All)
        .await
        .expect("requests");
    assert_eq!(
        requests.iter().filter(|r| r.status == "submitted").count(),
        1
    );
    let essi = store
        .user_by_email(&Email::parse("essi.amegan@participants.gedhub.test").expect("e-mail"))
        .await
        .expect("demo participant");
    let facts = store.mission_facts().await.expect("facts");
    assert!(facts[&essi.id].positively_evaluated);
    let essi_history = store.pathway_history(essi.id).await.expect("history");
    assert!(essi_history.iter().all(|e| e.overridden.is_empty()));
    assert_eq!(store.expert_profiles().await.expect("profiles").len(), 6);
    let history = store.pathway_history(kagiso.id).await.expect("history");
    assert_eq!(history.len(), 5);
}
