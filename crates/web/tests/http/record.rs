//! The participant's training record (`/training/{user}` and
//! `/api/v1/training-records/{email}`): who may read it, what it shows, and
//! that facilitators' assessments stay hidden until released.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::{Email, Role};
use gedhub_store::Actor;

use crate::authorization::{walk_elearning, walk_workshop};
use crate::support::TestApp;

struct World {
    app: TestApp,
    workshop: i64,
    /// trainee.bj@wco.test and trainee.ca@wco.test.
    bj: i64,
    ca: i64,
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store()
        .user_by_email(&Email::parse(email).expect("valid"))
        .await
        .expect("user")
        .id
        .0
}

/// The walk's train-the-trainer workshop (8–12 April 2024, one session,
/// post-test submitted by trainee.bj with 1 of 1 right, group exercise 1
/// scored out of 20 with "Team A" = trainee.bj) and its e-learning module
/// (trainee.bj's pending e-certificate); here trainee.bj also attends the
/// session, Team A scores 15/20, and a facilitator assesses trainee.bj
/// (not released yet).
async fn world() -> World {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    app.user("facilitator@wco.test", Role::Expert, Some("KE"))
        .await;
    let workshop_id = walk_workshop(&app).await;
    walk_elearning(&app).await;
    let bj = user_id(&app, "trainee.bj@wco.test").await;
    let ca = user_id(&app, "trainee.ca@wco.test").await;
    let store = app.store();
    let actor = Actor::system("test");
    let workshop = store.workshop(workshop_id).await.expect("workshop");
    let session = store.session(&workshop, 1).await.expect("session");
    store
        .set_session_attendance(&actor, &workshop, &session, gedhub_core::UserId(bj), true)
        .await
        .expect("present");
    store
        .set_session_attendance(&actor, &workshop, &session, gedhub_core::UserId(ca), false)
        .await
        .expect("absent");
    let exercise = store.exercise(&workshop, 1).await.expect("exercise");
    store
        .record_exercise_result(
            &actor,
            &workshop,
            &exercise,
            &gedhub_store::agenda::ResultFor::Group("Team A".into()),
            Some(15.0),
            None,
        )
        .await
        .expect("result");
    let facilitator = store
        .add_facilitator(
            &actor,
            &workshop,
            &Email::parse("facilitator@wco.test").expect("valid"),
        )
        .await
        .expect("facilitator");
    store
        .save_facilitator_assessment(
            &actor,
            &workshop,
            facilitator.user_id,
            gedhub_core::UserId(bj),
            &gedhub_store::agenda::RubricScores::new(
                [4, 5, 3, 4],
                [
                    "Knows GEOAT well".into(),
                    String::new(),
                    String::new(),
                    "Confident with senior officials".into(),
                ],
            )
            .expect("rubric"),
        )
        .await
        .expect("assessment");
    World {
        app,
        workshop: workshop_id,
        bj,
        ca,
    }
}

async fn record(w: &World, cookie: &str, email: &str) -> crate::support::TestResponse {
    w.app
        .get(&format!("/api/v1/training-records/{email}"), Some(cookie))
        .await
}

#[tokio::test]
async fn the_record_follows_the_json_contract() {
    let w = world().await;
    let staff = w.app.sign_in("staff@wco.test").await;
    // trainee.bj completes the module through an LMS report.
    let module = w.app.store().modules().await.expect("modules")[0].id;
    let request = TestApp::request(
        Method::POST,
        &format!("/api/v1/elearning-modules/{module}/completion-reports"),
        Some(&staff),
    )
    .header(header::CONTENT_TYPE, "text/csv")
    .body(Body::from(
        "Email address,Time completed\ntrainee.bj@wco.test,2024-04-15\n",
    ))
    .expect("request");
    let imported = w.app.send(request).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);

    let response = record(&w, &staff, "trainee.bj@wco.test").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let json = response.json();
    assert_eq!(json["user_id"].as_i64(), Some(w.bj));
    assert_eq!(json["email"], "trainee.bj@wco.test");
    assert_eq!(json["administration"], "BJ");
    let workshops = json["workshops"].as_array().expect("workshops");
    assert_eq!(workshops.len(), 1);
    let ws = &workshops[0];
    assert_eq!(ws["workshop_id"].as_i64(), Some(w.workshop));
    assert_eq!(ws["kind"], "train_the_trainer");
    assert_eq!(ws["mode"], "virtual");
    assert_eq!(ws["start_date"], "2024-04-08");
    assert_eq!(ws["end_date"], "2024-04-12");
    assert_eq!(ws["status"], "confirmed");
    // One session of one attended: 100 %; the post-test: 1 of 1 right.
    assert_eq!(ws["attendance_pct"].as_f64(), Some(100.0));
    assert!(ws["pre_test_pct"].is_null());
    assert_eq!(ws["post_test_pct"].as_f64(), Some(100.0));
    assert_eq!(ws["completed"], true);
    assert_eq!(ws["missing"].as_array().map(Vec::len), Some(0));
    let certificate = format!(
        "/workshops/{}/participants/trainee.bj@wco.test/certificate.pdf",
        w.workshop
    );
    assert_eq!(ws["certificate_url"], certificate);
    // The link leads to the certificate of completion.
    let (status, pdf) = crate::support::raw_get(&w.app, &certificate, &staff).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    // The Secretariat reads the record as the participant does: the
    // assessments only once released.
    assert_eq!(ws["assessments_released"], false);
    assert_eq!(ws["assessments"].as_array().map(Vec::len), Some(0));
    // 15 of 20 → 75 %.
    assert_eq!(ws["exercises"][0]["title"], "Walk group exercise");
    assert_eq!(ws["exercises"][0]["percent"].as_f64(), Some(75.0));
    let modules = json["elearning"].as_array().expect("modules");
    assert_eq!(modules.len(), 1);
    assert_eq!(modules[0]["completed_on"], "2024-04-15");
    assert_eq!(modules[0]["source"], "lms_report");
    assert_eq!(modules[0]["certificates"][0]["status"], "pending");
    assert_eq!(json["trained"]["completed_train_the_trainer"], true);
    assert_eq!(json["trained"]["elearning_completed"].as_u64(), Some(1));
    assert_eq!(json["trained"]["elearning_modules"].as_u64(), Some(1));
    assert_eq!(json["trained"]["best_post_test_pct"].as_f64(), Some(100.0));

    // trainee.ca: 0 of 1 session, no post-test; no module completed.
    let ca = record(&w, &staff, "trainee.ca@wco.test").await.json();
    let ws = &ca["workshops"][0];
    assert_eq!(ws["attendance_pct"].as_f64(), Some(0.0));
    assert_eq!(ws["completed"], false);
    assert_eq!(
        ws["missing"],
        serde_json::json!(["attendance_below_minimum", "post_test_not_taken"])
    );
    assert!(ws["certificate_url"].is_null());
    assert!(ws["exercises"].as_array().expect("exercises").is_empty());
    assert!(ca["elearning"][0]["completed_on"].is_null());
    assert_eq!(ca["trained"]["completed_train_the_trainer"], false);
    assert_eq!(ca["trained"]["elearning_completed"].as_u64(), Some(0));
    assert!(ca["trained"]["best_post_test_pct"].is_null());

    // The contract is in the OpenAPI document.
    let document = w.app.get("/api/v1/openapi.json", None).await.json();
    assert!(document["paths"]["/api/v1/training-records/{email}"]["get"].is_object());
}

#[tokio::test]
async fn the_person_the_secretariat_and_their_focal_point_read_it_no_one_else() {
    let w = world().await;
    let own = w.app.sign_in("trainee.bj@wco.test").await;
    let other = w.app.sign_in("trainee.ca@wco.test").await;
    let staff = w.app.sign_in("staff@wco.test").await;
    let focal_bj = w.app.sign_in("focal@bj.test").await;
    let focal_ca = w.app.sign_in("focal@ca.test").await;
    let page = format!("/training/{}", w.bj);
    for (cookie, status) in [
        (&own, StatusCode::OK),
        (&staff, StatusCode::OK),
        (&focal_bj, StatusCode::OK),
        (&focal_ca, StatusCode::NOT_FOUND),
        (&other, StatusCode::NOT_FOUND),
    ] {
        let response = w.app.get(&page, Some(cookie)).await;
        assert_eq!(response.status, status, "{page}");
        let response = record(&w, cookie, "trainee.bj@wco.test").await;
        assert_eq!(response.status, status, "API");
    }
    // Unknown people answer 404 like hidden ones.
    assert_eq!(
        w.app.get("/training/999999", Some(&staff)).await.status,
        StatusCode::NOT_FOUND
    );
    let unknown = record(&w, &staff, "nobody@wco.test").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_code(), "not_found");
    assert_eq!(
        record(&w, &staff, "not-an-email").await.status,
        StatusCode::NOT_FOUND
    );
    // Not signed in: sign in first.
    assert_eq!(
        w.app
            .get("/api/v1/training-records/trainee.bj@wco.test", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // The own page shows the workshop, and the navigation links to it.
    let body = w.app.get(&page, Some(&own)).await.body;
    assert!(body.contains("Walk workshop"), "{body}");
    assert!(body.contains(&format!("href=\"/training/{}\"", w.bj)));
    assert!(body.contains(&format!(
        "/workshops/{}/participants/trainee.bj@wco.test/certificate.pdf",
        w.workshop
    )));
    // The focal point's navigation leads to their own record, not trainee.bj's.
    let focal_id = user_id(&w.app, "focal@bj.test").await;
    let dashboard = w.app.get("/dashboard", Some(&focal_bj)).await.body;
    assert!(dashboard.contains(&format!("href=\"/training/{focal_id}\"")));
    let _ = w.ca;
}

#[tokio::test]
async fn assessments_appear_once_released_and_e_learning_is_listed() {
    let w = world().await;
    let own = w.app.sign_in("trainee.bj@wco.test").await;
    let page = format!("/training/{}", w.bj);
    let before = w.app.get(&page, Some(&own)).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(!before.body.contains("Knows GEOAT well"), "{}", before.body);
    assert!(before.body.contains("No released assessment yet."));
    let json = record(&w, &own, "trainee.bj@wco.test").await.json();
    assert_eq!(json["workshops"][0]["assessments"], serde_json::json!([]));

    let workshop = w.app.store().workshop(w.workshop).await.expect("workshop");
    w.app
        .store()
        .release_facilitator_assessments(&Actor::system("test"), &workshop)
        .await
        .expect("released");
    let after = w.app.get(&page, Some(&own)).await.body;
    assert!(after.contains("Knows GEOAT well"), "{after}");
    assert!(after.contains("Confident with senior officials"));
    assert!(after.contains("5/5"));
    let json = record(&w, &own, "trainee.bj@wco.test").await.json();
    let assessment = &json["workshops"][0]["assessments"][0];
    assert_eq!(assessment["facilitator"], "Name of facilitator@wco.test");
    let scores: Vec<u64> = assessment["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .filter_map(|c| c["score"].as_u64())
        .collect();
    assert_eq!(scores, vec![4, 5, 3, 4]);
    assert_eq!(assessment["criteria"][0]["criterion"], "ged_tools");

    // E-learning: the module and its pending e-certificate, in French too.
    assert!(after.contains("Waiting for confirmation"), "{after}");
    assert!(after.contains("Not completed"));
    let fr = w.app.sign_in("trainee.bj@wco.test").await;
    w.app
        .form(
            Method::POST,
            "/account/language",
            Some(&fr),
            "locale=fr&return_to=/dashboard",
        )
        .await;
    let french = w.app.get(&page, Some(&fr)).await.body;
    assert!(french.contains("Dossier de formation"), "{french}");
    assert!(french.contains("Non terminé"));
}

#[tokio::test]
async fn the_demo_gives_the_demo_participant_and_brussels_a_record() {
    let app = TestApp::new().await;
    app.store().seed_demo().await.expect("demo");
    app.user("staff@wco.test", Role::Secretariat, None).await;
    let staff = app.sign_in("staff@wco.test").await;
    let lucia = app
        .get(
            "/api/v1/training-records/participant@gedhub.test",
            Some(&staff),
        )
        .await;
    assert_eq!(lucia.status, StatusCode::OK, "{}", lucia.body);
    let json = lucia.json();
    assert_eq!(json["administration"], "AR");
    assert_eq!(json["workshops"][0]["status"], "nominated");
    assert_eq!(json["workshops"][0]["completed"], false);
    assert_eq!(json["elearning"][0]["code"], "GED-1");
    assert_eq!(json["elearning"][0]["completed_on"], "2024-02-12");
    assert_eq!(json["elearning"][0]["source"], "lms_report");
    assert!(json["elearning"][1]["completed_on"].is_null());
    assert_eq!(json["trained"]["elearning_completed"].as_u64(), Some(1));
    assert_eq!(json["trained"]["elearning_modules"].as_u64(), Some(2));
    // A Brussels participant: the facilitators' assessments were released.
    let brussels = app.store().workshops().await.expect("workshops")[1].id;
    let first = app
        .store()
        .participants(brussels)
        .await
        .expect("participants")[0]
        .email
        .clone();
    let record = app
        .get(&format!("/api/v1/training-records/{first}"), Some(&staff))
        .await
        .json();
    let ws = record["workshops"]
        .as_array()
        .expect("workshops")
        .iter()
        .find(|w| w["workshop_id"].as_i64() == Some(brussels))
        .expect("Brussels")
        .clone();
    assert_eq!(ws["assessments_released"], true);
    assert!(
        !ws["assessments"]
            .as_array()
            .expect("assessments")
            .is_empty()
    );
}
