//! Agenda storage (issue 6): facilitators, sessions and session attendance,
//! exercises with group results, facilitators' assessments and their
//! release, with hand-computed values. SQLite by default, PostgreSQL when
//! GEDHUB_TEST_POSTGRES_URL is set.

use chrono::{NaiveDate, NaiveTime};
use gedhub_core::training::{
    CompletionRules, ExerciseKind, ExerciseScale, WorkshopDates, WorkshopKind, WorkshopMode,
};
use gedhub_core::{AdministrationCode, Email, Role, UserId};
use gedhub_store::agenda::{NewSession, ResultFor, RubricScores, WorkshopUpdate};
use gedhub_store::testing::test_database;
use gedhub_store::training::{NewWorkshop, Workshop};
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("time")
}

fn email(raw: &str) -> Email {
    Email::parse(raw).expect("valid e-mail")
}

async fn person(store: &Store, address: &str, role: Role, administration: Option<&str>) -> UserId {
    store
        .create_user(
            &Actor::system("test"),
            NewUser {
                email: email(address),
                name: format!("Person {address}"),
                role,
                administration: administration.map(|c| AdministrationCode::parse(c).expect("code")),
                password_hash: "$argon2id$placeholder".to_owned(),
            },
        )
        .await
        .expect("user")
        .id
}

/// A three-day workshop (13–15 March 2023) with two participants.
async fn workshop(store: &Store) -> (Workshop, UserId, UserId) {
    store.seed_wco_members().await.expect("members");
    let actor = Actor::system("test");
    let workshop = store
        .create_workshop(
            &actor,
            &NewWorkshop {
                title: "Agenda workshop".into(),
                kind: WorkshopKind::TrainTheTrainer,
                mode: WorkshopMode::InPerson,
                language: "en".into(),
                venue: "Brussels".into(),
                meeting_link: String::new(),
                dates: WorkshopDates::new(day("2023-03-13"), day("2023-03-15")).expect("dates"),
                capacity: 5,
                rules: CompletionRules::DEFAULT,
            },
        )
        .await
        .expect("workshop");
    let amina = person(store, "amina@bj.test", Role::Participant, Some("BJ")).await;
    let claire = person(store, "claire@ca.test", Role::Participant, Some("CA")).await;
    for address in ["amina@bj.test", "claire@ca.test"] {
        store
            .add_participant(&actor, &workshop, &email(address))
            .await
            .expect("participant");
    }
    (workshop, amina, claire)
}

#[tokio::test]
async fn facilitators_are_experts_or_secretariat_and_changes_are_audited() {
    let db = test_database().await;
    let store = &db.store;
    let (workshop, _, _) = workshop(store).await;
    let expert = person(store, "expert@zw.test", Role::Expert, Some("ZW")).await;
    person(store, "focal@bj.test", Role::FocalPoint, Some("BJ")).await;
    let actor = Actor::system("test");
    store
        .add_facilitator(&actor, &workshop, &email("expert@zw.test"))
        .await
        .expect("added");
    assert!(
        store
            .is_facilitator(workshop.id, expert)
            .await
            .expect("read")
    );
    let twice = store
        .add_facilitator(&actor, &workshop, &email("expert@zw.test"))
        .await;
    assert!(matches!(
        twice,
        Err(StoreError::Conflict("facilitator_already"))
    ));
    let focal = store
        .add_facilitator(&actor, &workshop, &email("focal@bj.test"))
        .await;
    assert!(
        matches!(focal, Err(StoreError::Invalid(e)) if e.code == "facilitator_role_not_allowed")
    );
    assert_eq!(
        store.facilitators(workshop.id).await.expect("read").len(),
        1
    );
    store
        .remove_facilitator(&actor, &workshop, expert)
        .await
        .expect("removed");
    assert!(
        !store
            .is_facilitator(workshop.id, expert)
            .await
            .expect("read")
    );
    let filter = gedhub_store::audit::AuditFilter {
        entity: Some("workshop_facilitator".into()),
        ..Default::default()
    };
    let entries = store.audit_entries(&filter, 1, 50).await.expect("audit");
    let facilitator_changes: Vec<&str> = entries
        .entries
        .iter()
        .filter(|e| e.entity == "workshop_facilitator")
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(facilitator_changes.len(), 2);
    assert!(facilitator_changes.contains(&"create") && facilitator_changes.contains(&"delete"));
}

#[tokio::test]
async fn editing_keeps_capacity_at_least_the_confirmed_count() {
    let db = test_database().await;
    let store = &db.store;
    let (workshop, _, _) = workshop(store).await;
    let actor = Actor::system("test");
    let update = |capacity| WorkshopUpdate {
        title: "Renamed workshop".into(),
        venue: "Cotonou".into(),
        meeting_link: String::new(),
        capacity,
        rules: CompletionRules::new(75.0, None).expect("rules"),
    };
    let refused = store.update_workshop(&actor, &workshop, &update(1)).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(e)) if e.code == "agenda_capacity_below_confirmed")
    );
    assert_eq!(store.workshop(workshop.id).await.expect("read").capacity, 5);
    store
        .update_workshop(&actor, &workshop, &update(2))
        .await
        .expect("two confirmed, capacity two");
    let stored = store.workshop(workshop.id).await.expect("read");
    assert_eq!(
        (
            stored.title.as_str(),
            stored.venue.as_str(),
            stored.capacity
        ),
        ("Renamed workshop", "Cotonou", 2)
    );
    assert_eq!(stored.rules.min_post_test_pct, None);
    assert_eq!(stored.rules.min_attendance_pct, 75.0);
}

#[tokio::test]
async fn sessions_are_on_workshop_days_and_attendance_is_per_session() {
    let db = test_database().await;
    let store = &db.store;
    let (workshop, amina, claire) = workshop(store).await;
    let actor = Actor::system("test");
    let session = |d: &str, s: &str, e: &str, title: &str| NewSession {
        day: day(d),
        start: time(s),
        end: time(e),
        title_en: title.into(),
        title_fr: String::new(),
        description: String::new(),
    };
    let outside = store
        .add_session(
            &actor,
            &workshop,
            &session("2023-03-16", "09:00", "10:00", "Late"),
        )
        .await;
    assert!(matches!(outside, Err(StoreError::Invalid(e)) if e.code == "day_outside_workshop"));
    let reversed = store
        .add_session(
            &actor,
            &workshop,
            &session("2023-03-13", "11:00", "10:00", "Reversed"),
        )
        .await;
    assert!(matches!(reversed, Err(StoreError::Invalid(e)) if e.code == "agenda_end_before_start"));
    // Added out of order; read back by day and time.
    let second = store
        .add_session(
            &actor,
            &workshop,
            &session("2023-03-14", "09:00", "12:00", "GEOAT walkthrough"),
        )
        .await
        .expect("session");
    let first = store
        .add_session(
            &actor,
            &workshop,
            &session("2023-03-13", "09:00", "10:30", "Opening"),
        )
        .await
        .expect("session");
    store
        .add_material(&actor, &first, "Slides", "https://example.org/slides.pdf")
        .await
        .expect("material");
    let bad_link = store
        .add_material(&actor, &first, "Slides", "javascript:alert(1)")
        .await;
    assert!(bad_link.is_err());
    let agenda = store.sessions(workshop.id).await.expect("agenda");
    let titles: Vec<&str> = agenda.iter().map(|s| s.title_en.as_str()).collect();
    assert_eq!(titles, ["Opening", "GEOAT walkthrough"]);
    assert_eq!(agenda[0].materials.len(), 1);
    assert_eq!(agenda[0].start_time, "09:00");
    store
        .set_session_attendance(&actor, &workshop, &first, amina, true)
        .await
        .expect("present");
    store
        .set_session_attendance(&actor, &workshop, &second, amina, true)
        .await
        .expect("present");
    store
        .set_session_attendance(&actor, &workshop, &second, claire, true)
        .await
        .expect("present");
    // A second record replaces the first.
    store
        .set_session_attendance(&actor, &workshop, &second, claire, false)
        .await
        .expect("absent");
    let outsider = person(store, "outsider@ca.test", Role::Participant, Some("CA")).await;
    let refused = store
        .set_session_attendance(&actor, &workshop, &first, outsider, true)
        .await;
    assert!(matches!(refused, Err(StoreError::Invalid(e)) if e.code == "not_a_participant"));
    let present = store.sessions_present(workshop.id).await.expect("read");
    assert_eq!(present.get(&amina.0).map(Vec::len), Some(2));
    assert_eq!(present.get(&claire.0), None);
    assert_eq!(present.get(&outsider.0), None);
}

#[tokio::test]
async fn group_results_apply_to_each_member_and_averages_are_per_participant() {
    let db = test_database().await;
    let store = &db.store;
    let (workshop, amina, claire) = workshop(store).await;
    let actor = Actor::system("test");
    let case = store
        .add_exercise(
            &actor,
            &workshop,
            "Case study",
            ExerciseKind::Individual,
            &ExerciseScale::new(Some(20.0), &[]).expect("scale"),
        )
        .await
        .expect("exercise");
    let levels: Vec<String> = ["Beginning", "Developing", "Proficient", "Exemplary"]
        .map(String::from)
        .to_vec();
    let plan = store
        .add_exercise(
            &actor,
            &workshop,
            "Action planning",
            ExerciseKind::Group,
            &ExerciseScale::new(None, &levels).expect("scale"),
        )
        .await
        .expect("exercise");
    // Amina 15/20 = 75 %, Claire 10/20 = 50 %.
    for (user, score) in [(amina, 15.0), (claire, 10.0)] {
        store
            .record_exercise_result(
                &actor,
                &workshop,
                &case,
                &ResultFor::Participant(user),
                Some(score),
                None,
            )
            .await
            .expect("result");
    }
    let wrong = store
        .record_exercise_result(
            &actor,
            &workshop,
            &case,
            &ResultFor::Participant(amina),
            Some(25.0),
            None,
        )
        .await;
    assert!(wrong.is_err());
    store
        .set_exercise_group(&actor, &workshop, &plan, "Team A", &[amina, claire])
        .await
        .expect("group");
    // Level 3 of 4 = 75 % for both members.
    let percent = store
        .record_exercise_result(
            &actor,
            &workshop,
            &plan,
            &ResultFor::Group("Team A".into()),
            None,
            Some(3),
        )
        .await
        .expect("group result");
    assert_eq!(percent, 75.0);
    let unknown = store
        .record_exercise_result(
            &actor,
            &workshop,
            &plan,
            &ResultFor::Group("Team B".into()),
            None,
            Some(3),
        )
        .await;
    assert!(matches!(unknown, Err(StoreError::Invalid(e)) if e.code == "exercise_unknown_group"));
    let facilitator = person(store, "expert@zw.test", Role::Expert, Some("ZW")).await;
    store
        .save_facilitator_assessment(
            &actor,
            &workshop,
            facilitator,
            amina,
            &RubricScores::new([4, 5, 3, 4], Default::default()).expect("rubric"),
        )
        .await
        .expect("assessment");
    let scores = store.candidate_scores(workshop.id).await.expect("scores");
    let of = |user: UserId| scores.iter().find(|s| s.user_id == user).expect("scored");
    // Amina (75 + 75) / 2 = 75, rubric (4+5+3+4)/4 = 4; Claire (50 + 75) / 2 = 62.5.
    assert_eq!(of(amina).exercise_pct, Some(75.0));
    assert_eq!(of(amina).rubric_mean, Some(4.0));
    assert_eq!(of(claire).exercise_pct, Some(62.5));
    assert_eq!(of(claire).exercises_done, 2);
    assert_eq!(of(claire).rubric_mean, None);
}

#[tokio::test]
async fn assessments_are_one_per_facilitator_and_frozen_once_released() {
    let db = test_database().await;
    let store = &db.store;
    let (workshop, amina, _) = workshop(store).await;
    let actor = Actor::system("test");
    let first = person(store, "one@zw.test", Role::Expert, Some("ZW")).await;
    let second = person(store, "two@wco.test", Role::Secretariat, None).await;
    let rubric = |scores| RubricScores::new(scores, Default::default()).expect("rubric");
    store
        .save_facilitator_assessment(&actor, &workshop, first, amina, &rubric([2, 2, 2, 2]))
        .await
        .expect("saved");
    // Edited before the release: replaced, not added.
    store
        .save_facilitator_assessment(&actor, &workshop, first, amina, &rubric([3, 4, 3, 4]))
        .await
        .expect("edited");
    store
        .save_facilitator_assessment(&actor, &workshop, second, amina, &rubric([5, 5, 4, 4]))
        .await
        .expect("saved");
    assert!(RubricScores::new([0, 5, 4, 4], Default::default()).is_err());
    let assessments = store
        .facilitator_assessments(workshop.id)
        .await
        .expect("read");
    assert_eq!(assessments.len(), 2);
    let mine = assessments
        .iter()
        .find(|a| a.facilitator_id == first)
        .expect("first");
    assert_eq!(mine.rubric.scores, [3, 4, 3, 4]);
    assert_eq!(
        store
            .assessments_released_at(workshop.id)
            .await
            .expect("read"),
        None
    );
    store
        .release_facilitator_assessments(&actor, &workshop)
        .await
        .expect("released");
    assert!(
        store
            .assessments_released_at(workshop.id)
            .await
            .expect("read")
            .is_some()
    );
    let late = store
        .save_facilitator_assessment(&actor, &workshop, first, amina, &rubric([1, 1, 1, 1]))
        .await;
    assert!(matches!(
        late,
        Err(StoreError::Conflict("facilitator_assessments_released"))
    ));
    let kept = store
        .facilitator_assessments(workshop.id)
        .await
        .expect("read");
    assert_eq!(
        kept.iter()
            .find(|a| a.facilitator_id == first)
            .expect("first")
            .rubric
            .scores,
        [3, 4, 3, 4]
    );
    // (3+4+3+4 + 5+5+4+4) / 8 = 32 / 8 = 4.
    let scores = store.candidate_scores(workshop.id).await.expect("scores");
    assert_eq!(
        scores
            .iter()
            .find(|s| s.user_id == amina)
            .expect("amina")
            .rubric_mean,
        Some(4.0)
    );
}

#[tokio::test]
async fn the_demo_gives_brussels_an_agenda_facilitators_exercises_and_released_assessments() {
    let db = test_database().await;
    let store = &db.store;
    store.seed_demo().await.expect("demo");
    // Seeding again changes nothing.
    store.seed_demo().await.expect("demo again");
    let workshops = store.workshops().await.expect("workshops");
    let brussels = workshops
        .iter()
        .find(|w| w.title.ends_with("Brussels"))
        .expect("Brussels");
    let sessions = store.sessions(brussels.id).await.expect("agenda");
    assert_eq!(sessions.len(), 10);
    assert_eq!(sessions[0].title_en, "Opening and GED in Customs");
    assert!(!sessions[0].materials.is_empty());
    assert_eq!(
        store.facilitators(brussels.id).await.expect("read").len(),
        2
    );
    assert_eq!(store.exercises(brussels.id).await.expect("read").len(), 2);
    // Two facilitators × 20 participants.
    assert_eq!(
        store
            .facilitator_assessments(brussels.id)
            .await
            .expect("read")
            .len(),
        40
    );
    assert!(
        store
            .assessments_released_at(brussels.id)
            .await
            .expect("read")
            .is_some()
    );
    let scores = store.candidate_scores(brussels.id).await.expect("scores");
    assert_eq!(scores.len(), 20);
    assert!(
        scores
            .iter()
            .all(|s| s.exercises_done == 2 && s.rubric_mean.is_some())
    );
    // Session attendance follows the recorded days: the sixth participant
    // missed the last two days, i.e. the last four sessions: 6 of 10.
    let present = store.sessions_present(brussels.id).await.expect("read");
    let participants = store.participants(brussels.id).await.expect("read");
    let counts: Vec<usize> = participants
        .iter()
        .map(|p| present.get(&p.user_id.0).map_or(0, Vec::len))
        .collect();
    assert_eq!(counts.iter().filter(|c| **c == 6).count(), 3, "{counts:?}");
    assert_eq!(
        counts.iter().filter(|c| **c == 10).count(),
        17,
        "{counts:?}"
    );
    let french = workshops
        .iter()
        .find(|w| w.language == "fr")
        .expect("virtual");
    let agenda = store.sessions(french.id).await.expect("agenda");
    assert_eq!(agenda.len(), 5);
    assert_eq!(agenda[3].title_fr, "Planification des actions");
}
