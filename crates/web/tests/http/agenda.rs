//! Agenda, facilitators, session attendance, exercises and facilitators'
//! assessments (issue 6): the JSON contract with hand-computed values, bad
//! input that changes nothing, the facilitators' rights and who reads whose
//! assessments.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::{TestApp, TestResponse};

struct World {
    app: TestApp,
    staff: String,
    /// Facilitator of workshop A.
    fa: String,
    /// Facilitator of workshop B.
    fb: String,
    a: i64,
    b: i64,
}

const WORKSHOP: &str = r#"{"title":"TITLE","kind":"train_the_trainer","mode":"in_person","language":"en","start_date":"2023-03-13","end_date":"2023-03-17","capacity":3,"venue":"WCO headquarters"}"#;

async fn world() -> World {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    app.user("amina@bj.test", Role::Participant, Some("BJ"))
        .await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
    app.user("fa@zw.test", Role::Expert, Some("ZW")).await;
    app.user("fb@ke.test", Role::Expert, Some("KE")).await;
    let staff = app.sign_in("staff@wco.test").await;
    let mut ids = Vec::new();
    for title in ["Workshop A", "Workshop B"] {
        let created = app
            .json(
                Method::POST,
                "/api/v1/workshops",
                Some(&staff),
                &WORKSHOP.replace("TITLE", title),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.json()["id"].as_i64().expect("id");
        for email in ["amina@bj.test", "claire@ca.test"] {
            let added = app
                .json(
                    Method::POST,
                    &format!("/api/v1/workshops/{id}/participants"),
                    Some(&staff),
                    &format!(r#"{{"email":"{email}"}}"#),
                )
                .await;
            assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        }
        ids.push(id);
    }
    for (id, email) in [(ids[0], "fa@zw.test"), (ids[1], "fb@ke.test")] {
        let added = app
            .json(
                Method::POST,
                &format!("/api/v1/workshops/{id}/facilitators"),
                Some(&staff),
                &format!(r#"{{"email":"{email}"}}"#),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let fa = app.sign_in("fa@zw.test").await;
    let fb = app.sign_in("fb@ke.test").await;
    World {
        app,
        staff,
        fa,
        fb,
        a: ids[0],
        b: ids[1],
    }
}

async fn session(
    w: &World,
    cookie: &str,
    id: i64,
    date: &str,
    start: &str,
    end: &str,
) -> TestResponse {
    w.app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{id}/sessions"),
            Some(cookie),
            &format!(
                r#"{{"date":"{date}","start_time":"{start}","end_time":"{end}","title_en":"Session {date} {start}","title_fr":"Séance"}}"#
            ),
        )
        .await
}

async fn attend(w: &World, cookie: &str, id: i64, body: &str) -> TestResponse {
    w.app
        .json(
            Method::PUT,
            &format!("/api/v1/workshops/{id}/attendance"),
            Some(cookie),
            body,
        )
        .await
}

async fn attendance_pct(w: &World, id: i64, email: &str) -> Option<f64> {
    w.app
        .get(
            &format!("/api/v1/workshops/{id}/participants/{email}/completion"),
            Some(&w.staff),
        )
        .await
        .json()["attendance_pct"]
        .as_f64()
}

#[tokio::test]
async fn with_an_agenda_attendance_counts_sessions_recorded_by_facilitators() {
    let w = world().await;
    // Day attendance first: Amina present on 4 of 5 days → 80 %.
    for date in ["2023-03-13", "2023-03-14", "2023-03-15", "2023-03-16"] {
        let r = attend(
            &w,
            &w.fa,
            w.a,
            &format!(r#"{{"email":"amina@bj.test","date":"{date}","present":true}}"#),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "a facilitator records days: {}",
            r.body
        );
    }
    assert_eq!(attendance_pct(&w, w.a, "amina@bj.test").await, Some(80.0));
    // Four sessions: the rule switches to sessions.
    let mut sessions = Vec::new();
    for (date, start, end) in [
        ("2023-03-13", "09:00", "10:30"),
        ("2023-03-13", "11:00", "12:30"),
        ("2023-03-14", "09:00", "12:00"),
        ("2023-03-15", "14:00", "17:00"),
    ] {
        let r = session(&w, &w.fa, w.a, date, start, end).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        sessions.push(r.json()["id"].as_i64().expect("id"));
    }
    // Amina attends 3 of 4 sessions → 75 %; Claire 1 of 4 → 25 %.
    for (index, date) in [(0, "2023-03-13"), (1, "2023-03-13"), (3, "2023-03-15")] {
        let r = attend(
            &w,
            &w.fa,
            w.a,
            &format!(
                r#"{{"email":"amina@bj.test","date":"{date}","present":true,"session":{}}}"#,
                sessions[index]
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = attend(
        &w,
        &w.staff,
        w.a,
        &format!(
            r#"{{"email":"claire@ca.test","date":"2023-03-14","present":true,"session":{}}}"#,
            sessions[2]
        ),
    )
    .await;
    assert_eq!(r.json()["attendance_pct"].as_f64(), Some(25.0));
    assert_eq!(attendance_pct(&w, w.a, "amina@bj.test").await, Some(75.0));
    // The agenda is in order of day and time, for any signed-in reader.
    let amina = w.app.sign_in("amina@bj.test").await;
    let agenda = w
        .app
        .get(&format!("/api/v1/workshops/{}/sessions", w.a), Some(&amina))
        .await
        .json();
    let starts: Vec<String> = agenda
        .as_array()
        .expect("list")
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["date"].as_str().unwrap_or(""),
                s["start_time"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        starts,
        [
            "2023-03-13 09:00",
            "2023-03-13 11:00",
            "2023-03-14 09:00",
            "2023-03-15 14:00"
        ]
    );
    // The workshop page shows the agenda to the participant.
    let page = w
        .app
        .get(&format!("/workshops/{}", w.a), Some(&amina))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Session 2023-03-14 09:00"));
}

#[tokio::test]
async fn bad_sessions_and_attendance_are_refused_and_change_nothing() {
    let w = world().await;
    let first = session(&w, &w.fa, w.a, "2023-03-13", "09:00", "10:00").await;
    let first = first.json()["id"].as_i64().expect("id");
    let other = session(&w, &w.fb, w.b, "2023-03-13", "09:00", "10:00").await;
    assert_eq!(other.status, StatusCode::CREATED);
    let other = other.json()["id"].as_i64().expect("id");
    for (date, start, end, code) in [
        ("2023-03-18", "09:00", "10:00", "day_outside_workshop"),
        ("2023-03-14", "10:00", "09:00", "agenda_end_before_start"),
        ("2023-03-14", "9h", "10:00", "agenda_invalid_time"),
    ] {
        let r = session(&w, &w.fa, w.a, date, start, end).await;
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code)
        );
    }
    // A session of another workshop, a session on another day, a non-participant.
    for (body, code) in [
        (
            format!(
                r#"{{"email":"amina@bj.test","date":"2023-03-13","present":true,"session":{other}}}"#
            ),
            "agenda_unknown_session",
        ),
        (
            format!(
                r#"{{"email":"amina@bj.test","date":"2023-03-14","present":true,"session":{first}}}"#
            ),
            "agenda_unknown_session",
        ),
        (
            format!(
                r#"{{"email":"fa@zw.test","date":"2023-03-13","present":true,"session":{first}}}"#
            ),
            "not_a_participant",
        ),
    ] {
        let r = attend(&w, &w.fa, w.a, &body).await;
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{body}"
        );
    }
    let agenda = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/sessions", w.a),
            Some(&w.staff),
        )
        .await
        .json();
    assert_eq!(agenda.as_array().map(Vec::len), Some(1));
    // No presence recorded: with one session, 0 % (no record counts as absent).
    assert_eq!(attendance_pct(&w, w.a, "amina@bj.test").await, Some(0.0));
}

#[tokio::test]
async fn a_facilitator_of_another_workshop_and_other_roles_get_404() {
    let w = world().await;
    // Facilitator B on workshop A: every facilitator route is missing.
    let r = session(&w, &w.fb, w.a, "2023-03-13", "09:00", "10:00").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = attend(
        &w,
        &w.fb,
        w.a,
        r#"{"email":"amina@bj.test","date":"2023-03-13","present":true}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/exercises", w.a),
            Some(&w.fb),
            r#"{"title":"Case","kind":"individual","max_score":20}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/candidate-scores", w.a),
            Some(&w.fb),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let focal = w.app.sign_in("focal@bj.test").await;
    let r = w
        .app
        .form(
            Method::POST,
            &format!("/workshops/{}/sessions", w.a),
            Some(&focal),
            "date=2023-03-13&start_time=09:00&end_time=10:00&title_en=Mine",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nothing was added to workshop A; facilitators are assigned by the Secretariat only.
    let agenda = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/sessions", w.a),
            Some(&w.staff),
        )
        .await
        .json();
    assert_eq!(agenda.as_array().map(Vec::len), Some(0));
    let r = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/facilitators", w.a),
            Some(&w.fa),
            r#"{"email":"fb@ke.test"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Only experts and the Secretariat facilitate.
    let r = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/facilitators", w.a),
            Some(&w.staff),
            r#"{"email":"focal@bj.test"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "facilitator_role_not_allowed"
        )
    );
    // The facilitator sees every participant on the page, with the agenda tools.
    let page = w.app.get(&format!("/workshops/{}", w.a), Some(&w.fa)).await;
    assert!(page.body.contains("claire@ca.test") && page.body.contains("amina@bj.test"));
    assert!(page.body.contains("id=\"add-session\""));
    let page = w.app.get(&format!("/workshops/{}", w.a), Some(&w.fb)).await;
    assert!(!page.body.contains("claire@ca.test"));
    assert!(!page.body.contains("id=\"add-session\""));
}

#[tokio::test]
async fn exercise_percentages_follow_scores_levels_and_groups() {
    let w = world().await;
    let exercise = |body: &'static str| {
        let app = &w.app;
        let fa = w.fa.clone();
        let a = w.a;
        async move {
            let r = app
                .json(
                    Method::POST,
                    &format!("/api/v1/workshops/{a}/exercises"),
                    Some(&fa),
                    body,
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.json()["id"].as_i64().expect("id")
        }
    };
    let case = exercise(r#"{"title":"Case study","kind":"individual","max_score":20}"#).await;
    let plan = exercise(
        r#"{"title":"Action planning","kind":"group","levels":["Beginning","Developing","Proficient","Exemplary"]}"#,
    )
    .await;
    let result = |exercise: i64, body: &'static str| {
        let app = &w.app;
        let fa = w.fa.clone();
        let a = w.a;
        async move {
            app.json(
                Method::PUT,
                &format!("/api/v1/workshops/{a}/exercises/{exercise}/results"),
                Some(&fa),
                body,
            )
            .await
        }
    };
    // 15 / 20 = 75 %; 8 / 20 = 40 %.
    let r = result(case, r#"{"email":"amina@bj.test","score":15}"#).await;
    assert_eq!(r.json()["percent"].as_f64(), Some(75.0));
    result(case, r#"{"email":"claire@ca.test","score":8}"#).await;
    // Bad results change nothing.
    for (exercise, body, code) in [
        (
            case,
            r#"{"email":"amina@bj.test","score":21}"#,
            "exercise_score_out_of_range",
        ),
        (
            case,
            r#"{"email":"amina@bj.test","level":2}"#,
            "exercise_score_required",
        ),
        (
            case,
            r#"{"email":"fa@zw.test","score":5}"#,
            "not_a_participant",
        ),
        (
            plan,
            r#"{"group":"Team A","level":3}"#,
            "exercise_unknown_group",
        ),
        (
            plan,
            r#"{"email":"amina@bj.test","level":3}"#,
            "exercise_result_per_group",
        ),
    ] {
        let r = result(exercise, body).await;
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{body}"
        );
    }
    let grouped = w
        .app
        .json(
            Method::PUT,
            &format!("/api/v1/workshops/{}/exercises/{plan}/groups", w.a),
            Some(&w.fa),
            r#"{"group":"Team A","emails":["amina@bj.test","claire@ca.test"]}"#,
        )
        .await;
    assert_eq!(grouped.status, StatusCode::NO_CONTENT, "{}", grouped.body);
    // Level 2 of 4 = 50 %, for both members.
    let r = result(plan, r#"{"group":"Team A","level":2}"#).await;
    assert_eq!(r.json()["percent"].as_f64(), Some(50.0));
    let scores = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/candidate-scores", w.a),
            Some(&w.fa),
        )
        .await
        .json();
    let of = |email: &str| {
        scores
            .as_array()
            .expect("list")
            .iter()
            .find(|s| s["email"] == email)
            .cloned()
            .expect("scored")
    };
    // Amina (75 + 50) / 2 = 62.5; Claire (40 + 50) / 2 = 45.
    assert_eq!(of("amina@bj.test")["exercise_pct"].as_f64(), Some(62.5));
    assert_eq!(of("claire@ca.test")["exercise_pct"].as_f64(), Some(45.0));
    assert_eq!(of("claire@ca.test")["exercises_done"].as_u64(), Some(2));
}

fn rubric(email: &str, scores: [u8; 4]) -> String {
    format!(
        r#"{{"email":"{email}","ged_tools":{{"score":{},"comment":"Knows GEOAT well"}},"technical_expertise":{{"score":{}}},"support_members":{{"score":{}}},"facilitate_senior_officials":{{"score":{}}}}}"#,
        scores[0], scores[1], scores[2], scores[3]
    )
}

#[tokio::test]
async fn assessments_are_read_by_participants_and_their_focal_points_once_released() {
    let w = world().await;
    // A second facilitator of workshop A.
    let added = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/facilitators", w.a),
            Some(&w.staff),
            r#"{"email":"fb@ke.test"}"#,
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED);
    let save = |cookie: String, body: String| {
        let app = &w.app;
        let a = w.a;
        async move {
            app.json(
                Method::PUT,
                &format!("/api/v1/workshops/{a}/assessments"),
                Some(&cookie),
                &body,
            )
            .await
        }
    };
    assert_eq!(
        save(w.fa.clone(), rubric("amina@bj.test", [2, 2, 2, 2]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    // Edited: one assessment per facilitator.
    assert_eq!(
        save(w.fa.clone(), rubric("amina@bj.test", [4, 5, 3, 4]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        save(w.fb.clone(), rubric("amina@bj.test", [5, 4, 4, 3]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        save(w.fa.clone(), rubric("claire@ca.test", [3, 3, 3, 3]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let bad = save(w.fa.clone(), rubric("amina@bj.test", [6, 5, 3, 4])).await;
    assert_eq!(
        (bad.status, bad.error_code().as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "rubric_score_out_of_range"
        )
    );
    // The Secretariat does not assess unless assigned.
    let staff_save = save(w.staff.clone(), rubric("amina@bj.test", [3, 3, 3, 3])).await;
    assert_eq!(staff_save.error_code(), "facilitator_not_assigned");
    let read = |cookie: String, email: &'static str| {
        let app = &w.app;
        let a = w.a;
        async move {
            app.get(
                &format!("/api/v1/workshops/{a}/participants/{email}/assessments"),
                Some(&cookie),
            )
            .await
        }
    };
    let amina = w.app.sign_in("amina@bj.test").await;
    let claire = w.app.sign_in("claire@ca.test").await;
    let focal_bj = w.app.sign_in("focal@bj.test").await;
    let focal_ca = w.app.sign_in("focal@ca.test").await;
    // Before the release: facilitators read all; the participant and focal point nothing.
    let r = read(w.fb.clone(), "amina@bj.test").await.json();
    assert_eq!(r["assessments"].as_array().map(Vec::len), Some(2));
    for cookie in [&amina, &focal_bj] {
        let r = read(cookie.clone(), "amina@bj.test").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["released"], false);
        assert_eq!(r.json()["assessments"].as_array().map(Vec::len), Some(0));
    }
    let page = w
        .app
        .get(&format!("/workshops/{}", w.a), Some(&amina))
        .await;
    assert!(!page.body.contains("Knows GEOAT well"));
    // The rubric mean: (4+5+3+4 + 5+4+4+3) / 8 = 32 / 8 = 4.
    let scores = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/candidate-scores", w.a),
            Some(&w.staff),
        )
        .await
        .json();
    let amina_scores = scores
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["email"] == "amina@bj.test")
        .cloned()
        .expect("amina");
    assert_eq!(amina_scores["rubric_mean"].as_f64(), Some(4.0));
    // Only the Secretariat releases.
    let refused = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/assessments/release", w.a),
            Some(&w.fa),
            r#"{"release":true}"#,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let released = w
        .app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{}/assessments/release", w.a),
            Some(&w.staff),
            r#"{"release":true}"#,
        )
        .await;
    assert_eq!(released.status, StatusCode::NO_CONTENT, "{}", released.body);
    // Released: no more edits, nothing changed.
    let late = save(w.fa.clone(), rubric("amina@bj.test", [1, 1, 1, 1])).await;
    assert_eq!(
        (late.status, late.error_code().as_str()),
        (StatusCode::CONFLICT, "facilitator_assessments_released")
    );
    let r = read(amina.clone(), "amina@bj.test").await.json();
    assert_eq!(r["released"], true);
    let mine = r["assessments"].as_array().expect("list");
    assert_eq!(mine.len(), 2);
    let scores: Vec<i64> = mine
        .iter()
        .map(|a| a["criteria"]["ged_tools"]["score"].as_i64().unwrap_or(0))
        .collect();
    assert!(scores.contains(&4) && scores.contains(&5), "{scores:?}");
    assert_eq!(
        read(focal_bj.clone(), "amina@bj.test").await.json()["assessments"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // Others' assessments stay hidden: 404.
    for (cookie, email) in [
        (&claire, "amina@bj.test"),
        (&amina, "claire@ca.test"),
        (&focal_ca, "amina@bj.test"),
        (&focal_bj, "claire@ca.test"),
    ] {
        assert_eq!(
            read(cookie.clone(), email).await.status,
            StatusCode::NOT_FOUND,
            "{email}"
        );
    }
    // Facilitator A is no facilitator of workshop B: nothing to read there.
    let r = w
        .app
        .get(
            &format!(
                "/api/v1/workshops/{}/participants/amina@bj.test/assessments",
                w.b
            ),
            Some(&w.fa),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = w
        .app
        .get(&format!("/workshops/{}", w.a), Some(&amina))
        .await;
    assert!(page.body.contains("Knows GEOAT well"));
}

#[tokio::test]
async fn the_secretariat_edits_a_workshop_and_facilitators_work_through_the_pages() {
    let w = world().await;
    let post = |cookie: String, path: String, body: String| {
        let app = &w.app;
        async move { app.form(Method::POST, &path, Some(&cookie), &body).await }
    };
    let a = w.a;
    // Capacity below the two confirmed participants: refused, nothing changed.
    let r = post(
        w.staff.clone(),
        format!("/workshops/{a}/details"),
        "title=Renamed&venue=Cotonou&capacity=1&min_attendance_pct=75".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(
        w.staff.clone(),
        format!("/workshops/{a}/details"),
        "title=Renamed&venue=Cotonou&capacity=2&min_attendance_pct=75".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let listed = w.app.get("/api/v1/workshops", Some(&w.staff)).await.json();
    let renamed = listed
        .as_array()
        .expect("list")
        .iter()
        .find(|x| x["id"] == a)
        .cloned()
        .expect("workshop");
    assert_eq!(renamed["title"], "Renamed");
    assert_eq!(renamed["capacity"], 2);
    assert_eq!(renamed["min_attendance_pct"].as_f64(), Some(75.0));
    assert!(renamed["min_post_test_pct"].is_null());
    // A facilitator builds a session with a material and records the grid.
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/sessions"),
        "date=2023-03-13&start_time=09:00&end_time=10:30&title_en=Opening+and+GED+in+Customs"
            .into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let agenda = w
        .app
        .get(&format!("/api/v1/workshops/{a}/sessions"), Some(&w.fa))
        .await
        .json();
    let session = agenda[0]["id"].as_i64().expect("id");
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/sessions/{session}/materials"),
        "title=Slides&link=https%3A%2F%2Fexample.org%2Fslides.pdf".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let amina_id = w
        .app
        .store()
        .user_by_email(&gedhub_core::Email::parse("amina@bj.test").expect("valid"))
        .await
        .expect("amina")
        .id
        .0;
    // A sheet sent to the wrong session changes nothing.
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/sessions/{session}/attendance"),
        format!("sheet={}&present={amina_id}", session + 100),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(attendance_pct(&w, a, "amina@bj.test").await, Some(0.0));
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/sessions/{session}/attendance"),
        format!("sheet={session}&present={amina_id}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // One session, attended: 100 %; Claire, recorded absent: 0 %.
    assert_eq!(attendance_pct(&w, a, "amina@bj.test").await, Some(100.0));
    assert_eq!(attendance_pct(&w, a, "claire@ca.test").await, Some(0.0));
    let page = w.app.get(&format!("/workshops/{a}"), Some(&w.fa)).await;
    assert!(page.body.contains("Opening and GED in Customs"));
    assert!(page.body.contains("https://example.org/slides.pdf"));
    // The facilitator assesses Amina through the page form.
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/assessments"),
        "email=amina%40bj.test&ged_tools=4&ged_tools_comment=Uses+GEOAT+well&technical_expertise=3&support_members=5&facilitate_senior_officials=4".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let bad = post(
        w.fa.clone(),
        format!("/workshops/{a}/assessments"),
        "email=amina%40bj.test&ged_tools=9&technical_expertise=3&support_members=5&facilitate_senior_officials=4".into(),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let read = w
        .app
        .get(
            &format!("/api/v1/workshops/{a}/participants/amina@bj.test/assessments"),
            Some(&w.staff),
        )
        .await
        .json();
    let criteria = &read["assessments"][0]["criteria"];
    assert_eq!(
        (
            criteria["ged_tools"]["score"].as_i64(),
            criteria["ged_tools"]["comment"].as_str(),
            criteria["support_members"]["score"].as_i64()
        ),
        (Some(4), Some("Uses GEOAT well"), Some(5))
    );
    // The Secretariat removes the facilitator: their routes are gone.
    let r = post(
        w.staff.clone(),
        format!("/workshops/{a}/facilitators/remove"),
        "email=fa%40zw.test".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post(
        w.fa.clone(),
        format!("/workshops/{a}/sessions"),
        "date=2023-03-14&start_time=09:00&end_time=10:30&title_en=Late".into(),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn upload(
    w: &World,
    cookie: &str,
    path: &str,
    file_name: &str,
    content: &str,
) -> TestResponse {
    let boundary = "agendaboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nGEOAT slides\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    let request = TestApp::request(Method::POST, path, Some(cookie))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .expect("request");
    w.app.send(request).await
}

#[tokio::test]
async fn facilitators_upload_material_files_that_participants_download() {
    let w = world().await;
    let created = session(&w, &w.fa, w.a, "2023-03-14", "09:00", "12:00").await;
    let id = created.json()["id"].as_i64().expect("id");
    let path = format!("/workshops/{}/sessions/{id}/material-files", w.a);
    // A file whose content is not an accepted type: refused, nothing added.
    let refused = upload(&w, &w.fa, &path, "tool.exe", "MZ\u{0}\u{1}binary").await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    // Facilitator B cannot upload to workshop A.
    let other = upload(&w, &w.fb, &path, "slides.pdf", "%PDF-1.4 slides").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let sessions = |cookie: String| {
        let app = &w.app;
        let a = w.a;
        async move {
            app.get(&format!("/api/v1/workshops/{a}/sessions"), Some(&cookie))
                .await
                .json()
        }
    };
    assert_eq!(
        sessions(w.staff.clone()).await[0]["materials"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let done = upload(&w, &w.fa, &path, "slides.pdf", "%PDF-1.4 slides").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let amina = w.app.sign_in("amina@bj.test").await;
    let listed = sessions(amina.clone()).await;
    let material = &listed[0]["materials"][0];
    assert_eq!(material["title"], "GEOAT slides");
    let link = material["link"].as_str().expect("link").to_owned();
    assert!(
        link.starts_with(&format!("/workshops/{}/materials/", w.a)),
        "{link}"
    );
    let (status, bytes) = crate::support::raw_get(&w.app, &link, &amina).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, b"%PDF-1.4 slides");
    // Not a material of workshop B.
    let wrong = link.replace(
        &format!("/workshops/{}/", w.a),
        &format!("/workshops/{}/", w.b),
    );
    assert_eq!(
        w.app.get(&wrong, Some(&amina)).await.status,
        StatusCode::NOT_FOUND
    );
}
