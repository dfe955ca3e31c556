//! The pathway to Recognized GED Expert (issue 7's contract): reading a
//! pathway, the Secretariat's moves with their guards and overrides, lapse
//! on a fake clock, the selection ranking and invitations, settings, and
//! who sees what.

use axum::http::{Method, StatusCode};
use gedhub_core::{Email, Role, UserId};
use gedhub_store::Actor;

use crate::authorization::{walk_elearning, walk_workshop};
use crate::support::TestApp;

struct World {
    app: TestApp,
    workshop: i64,
    bj: i64,
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store()
        .user_by_email(&Email::parse(email).expect("valid"))
        .await
        .expect("user")
        .id
        .0
}

/// On 1 June 2024: the walk's train-the-trainer workshop (8–12 April 2024;
/// trainee.bj@wco.test from BJ scored 100 % on the post-test) and its one
/// e-learning module. Here trainee.bj attends the one session and the
/// Secretariat confirms their e-certificate, so trainee.bj meets every
/// requirement of `trained`; trainee.ca@wco.test (CA) is absent and has
/// neither test nor module.
async fn world() -> World {
    let app = TestApp::on_day("2024-06-01").await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    let workshop_id = walk_workshop(&app).await;
    let (_, certificate) = walk_elearning(&app).await;
    let bj = user_id(&app, "trainee.bj@wco.test").await;
    let ca = user_id(&app, "trainee.ca@wco.test").await;
    let store = app.store();
    let actor = Actor::system("test");
    let workshop = store.workshop(workshop_id).await.expect("workshop");
    let session = store.session(&workshop, 1).await.expect("session");
    store
        .set_session_attendance(&actor, &workshop, &session, UserId(bj), true)
        .await
        .expect("present");
    store
        .set_session_attendance(&actor, &workshop, &session, UserId(ca), false)
        .await
        .expect("absent");
    let certificate = store.certificate(certificate).await.expect("certificate");
    store
        .decide_certificate(&actor, &certificate, true)
        .await
        .expect("confirmed");
    World {
        app,
        workshop: workshop_id,
        bj,
    }
}

async fn move_to(w: &World, cookie: &str, email: &str, body: &str) -> crate::support::TestResponse {
    w.app
        .json(
            Method::POST,
            &format!("/api/v1/candidates/{email}/transitions"),
            Some(cookie),
            body,
        )
        .await
}

fn codes(response: &crate::support::TestResponse) -> Vec<String> {
    response.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["code"].as_str().expect("code").to_owned())
        .collect()
}

#[tokio::test]
async fn the_pathway_follows_the_contract_with_guards_and_overrides() {
    let w = world().await;
    let staff = w.app.sign_in("staff@wco.test").await;
    let bj = "trainee.bj@wco.test";

    // No record yet: nominated, and preselection needs nothing more.
    let pathway = w
        .app
        .get(&format!("/api/v1/candidates/{bj}/pathway"), Some(&staff))
        .await;
    assert_eq!(pathway.status, StatusCode::OK, "{}", pathway.body);
    let body = pathway.json();
    assert_eq!(body["stage"], "nominated");
    assert_eq!(body["next"], "preselected");
    assert_eq!(body["missing"], serde_json::json!([]));
    assert_eq!(body["history"], serde_json::json!([]));

    // trainee.ca lacks all three requirements of `trained`.
    let refused = move_to(&w, &staff, "trainee.ca@wco.test", r#"{"to":"trained"}"#).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(
        codes(&refused),
        vec![
            "train_the_trainer_not_completed",
            "elearning_incomplete",
            "post_test_below_threshold"
        ]
    );

    // trainee.bj meets them: the move is recorded with its evidence.
    let trained = move_to(&w, &staff, bj, r#"{"to":"trained"}"#).await;
    assert_eq!(trained.status, StatusCode::OK, "{}", trained.body);
    let body = trained.json();
    assert_eq!(body["stage"], "trained");
    assert_eq!(body["history"][0]["from"], "nominated");
    assert_eq!(body["history"][0]["to"], "trained");
    assert_eq!(body["history"][0]["recorded_by"], "staff@wco.test");
    assert_eq!(body["history"][0]["evidence"]["best_post_test_pct"], 100.0);
    assert_eq!(body["history"][0]["evidence"]["elearning_completed"], 1);

    // Stages follow each other: no jump to recognized, not even by override.
    let jump = move_to(
        &w,
        &staff,
        bj,
        r#"{"to":"recognized","override":true,"reason":"x"}"#,
    )
    .await;
    assert_eq!(jump.status, StatusCode::CONFLICT, "{}", jump.body);
    assert_eq!(codes(&jump), vec!["stage_not_reachable"]);

    // Invitation notifies the candidate.
    let invited = move_to(&w, &staff, bj, r#"{"to":"invited"}"#).await;
    assert_eq!(invited.json()["stage"], "invited");
    let notices = w
        .app
        .store()
        .notifications(UserId(w.bj), 10)
        .await
        .expect("notifications");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].link, format!("/candidates/{}", w.bj));

    // Supervised delivery needs a mission; an override needs a reason.
    let missing = move_to(&w, &staff, bj, r#"{"to":"supervised_delivery"}"#).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&missing), vec!["no_mission_assignment"]);
    let no_reason = move_to(
        &w,
        &staff,
        bj,
        r#"{"to":"supervised_delivery","override":true,"reason":"  "}"#,
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&no_reason), vec!["override_reason_required"]);
    let overridden = move_to(
        &w,
        &staff,
        bj,
        r#"{"to":"supervised_delivery","override":true,"reason":"Co-facilitated the Cotonou workshop in May"}"#,
    )
    .await;
    assert_eq!(overridden.status, StatusCode::OK, "{}", overridden.body);
    let history = &overridden.json()["history"];
    assert_eq!(
        history[2]["overridden"],
        serde_json::json!(["no_mission_assignment"])
    );
    assert_eq!(
        history[2]["reason"],
        "Co-facilitated the Cotonou workshop in May"
    );

    // Recognition makes the participant an expert, recognized for three years.
    let recognized = move_to(
        &w,
        &staff,
        bj,
        r#"{"to":"recognized","override":true,"reason":"Positive evaluation by the lead"}"#,
    )
    .await;
    assert_eq!(recognized.json()["stage"], "recognized");
    assert_eq!(recognized.json()["next"], "champion");
    let store = w.app.store();
    assert_eq!(
        store.user(UserId(w.bj)).await.expect("user").role,
        Role::Expert
    );
    let recognition = store
        .recognition(UserId(w.bj))
        .await
        .expect("read")
        .expect("recorded");
    assert_eq!(
        (
            recognition.recognized_on.as_str(),
            recognition.valid_until.as_str()
        ),
        ("2024-06-01", "2027-05-31")
    );

    // The recognition carries a verifiable credential; withdrawing revokes it.
    let credentials = w
        .app
        .get(
            &format!("/api/v1/candidates/{bj}/credentials"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(credentials[0]["kind"], "expert_recognition");
    assert_eq!(credentials[0]["status"], "valid");
    let unexplained = move_to(&w, &staff, bj, r#"{"to":"withdrawn"}"#).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&unexplained), vec!["withdrawal_reason_required"]);
    let withdrawn = move_to(
        &w,
        &staff,
        bj,
        r#"{"to":"withdrawn","reason":"Left Customs"}"#,
    )
    .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    let credentials = w
        .app
        .get(
            &format!("/api/v1/candidates/{bj}/credentials"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(credentials[0]["status"], "revoked");
    assert!(
        store
            .recognition(UserId(w.bj))
            .await
            .expect("read")
            .is_none()
    );

    // Bad requests: an unknown stage, unknown fields.
    let unknown = move_to(&w, &staff, bj, r#"{"to":"guru"}"#).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(codes(&unknown), vec!["unknown_stage"]);
    let extra = move_to(&w, &staff, bj, r#"{"to":"champion","by":"me"}"#).await;
    assert_eq!(extra.status, StatusCode::BAD_REQUEST, "{}", extra.body);
}

#[tokio::test]
async fn pathways_are_seen_only_by_the_person_the_secretariat_and_own_focal_points() {
    let w = world().await;
    let path = "/api/v1/candidates/trainee.bj@wco.test/pathway";
    for (who, expected) in [
        ("staff@wco.test", StatusCode::OK),
        ("focal@bj.test", StatusCode::OK),
        ("trainee.bj@wco.test", StatusCode::OK),
        ("focal@ca.test", StatusCode::NOT_FOUND),
        ("trainee.ca@wco.test", StatusCode::NOT_FOUND),
    ] {
        let cookie = w.app.sign_in(who).await;
        assert_eq!(
            w.app.get(path, Some(&cookie)).await.status,
            expected,
            "{who}"
        );
        let page = w
            .app
            .get(&format!("/candidates/{}", w.bj), Some(&cookie))
            .await;
        assert_eq!(page.status, expected, "{who} (page)");
    }
    // Only candidates have a pathway.
    let staff = w.app.sign_in("staff@wco.test").await;
    let focal = w
        .app
        .get("/api/v1/candidates/focal@bj.test/pathway", Some(&staff))
        .await;
    assert_eq!(focal.status, StatusCode::NOT_FOUND);
    // Only the Secretariat moves people, its own focal point included.
    let own_focal = w.app.sign_in("focal@bj.test").await;
    let response = move_to(
        &w,
        &own_focal,
        "trainee.bj@wco.test",
        r#"{"to":"preselected"}"#,
    )
    .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(
        w.app
            .store()
            .pathway_stage(UserId(w.bj))
            .await
            .expect("stage"),
        gedhub_core::pathway::Stage::Nominated
    );
    // The ranking is the Secretariat's: participants and focal points get 404.
    for who in ["trainee.bj@wco.test", "focal@bj.test"] {
        let cookie = w.app.sign_in(who).await;
        for path in [
            format!("/api/v1/workshops/{}/selection", w.workshop),
            format!("/workshops/{}/selection", w.workshop),
        ] {
            assert_eq!(
                w.app.get(&path, Some(&cookie)).await.status,
                StatusCode::NOT_FOUND,
                "{who} {path}"
            );
        }
    }
}

#[tokio::test]
async fn a_recognition_lapses_on_the_fake_clock_and_is_renewed_with_a_reason() {
    let app = TestApp::on_day("2030-01-02").await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("old.expert@wco.test", Role::Expert, Some("KE"))
        .await;
    let expert = user_id(&app, "old.expert@wco.test").await;
    // Recognized on the Users page (outside the pathway) on 2 January 2026:
    // valid until 1 January 2029.
    app.store()
        .record_recognition(
            &Actor::system("test"),
            UserId(expert),
            chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("day"),
        )
        .await
        .expect("recognition");
    let staff = app.sign_in("staff@wco.test").await;
    let path = "/api/v1/candidates/old.expert@wco.test/pathway";
    let body = app.get(path, Some(&staff)).await.json();
    assert_eq!(body["stage"], "lapsed");
    assert_eq!(body["next"], "recognized");
    assert_eq!(body["missing"], serde_json::json!(["no_renewal_activity"]));

    // A lapsed expert cannot be made champion; renewal needs activity or an override.
    let transitions = "/api/v1/candidates/old.expert@wco.test/transitions";
    let champion = app
        .json(
            Method::POST,
            transitions,
            Some(&staff),
            r#"{"to":"champion"}"#,
        )
        .await;
    assert_eq!(champion.status, StatusCode::CONFLICT);
    let renewed = app
        .json(
            Method::POST,
            transitions,
            Some(&staff),
            r#"{"to":"recognized","override":true,"reason":"Delivered two national workshops in 2029"}"#,
        )
        .await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    let body = renewed.json();
    assert_eq!(body["stage"], "recognized");
    // The lapse is recorded first, then the renewal.
    let moves: Vec<(String, String)> = body["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| {
            (
                e["from"].as_str().expect("from").to_owned(),
                e["to"].as_str().expect("to").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        vec![
            ("nominated".to_owned(), "lapsed".to_owned()),
            ("lapsed".to_owned(), "recognized".to_owned())
        ]
    );
    let recognition = app
        .store()
        .recognition(UserId(expert))
        .await
        .expect("read")
        .expect("renewed");
    assert_eq!(recognition.valid_until, "2033-01-01");
}

#[tokio::test]
async fn the_selection_ranks_by_the_shown_composite_and_invites_trained_candidates() {
    let w = world().await;
    let staff = w.app.sign_in("staff@wco.test").await;
    let selection = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/selection", w.workshop),
            Some(&staff),
        )
        .await;
    assert_eq!(selection.status, StatusCode::OK, "{}", selection.body);
    let body = selection.json();
    let candidates = body["candidates"].as_array().expect("candidates");
    assert_eq!(candidates.len(), 2);
    // trainee.bj: post 100, no pre-test (gain absent, 0), attendance 100,
    // exercises: Team A not scored yet (absent), rubric absent:
    // (100·30 + 0·10 + 100·15 + 0·15 + 0·30) ÷ 100 = 45.
    assert_eq!(candidates[0]["email"], "trainee.bj@wco.test");
    assert_eq!(candidates[0]["rank"], 1);
    assert_eq!(candidates[0]["composite"], 45.0);
    assert_eq!(candidates[0]["region"], "WCA");
    // trainee.ca: attendance 0, nothing else: 0.
    assert_eq!(candidates[1]["email"], "trainee.ca@wco.test");
    assert_eq!(candidates[1]["composite"], 0.0);

    // Changing the weights changes the composite: attendance only → 100.
    let saved = w
        .app
        .form(
            Method::POST,
            "/pathway/settings",
            Some(&staff),
            "trained_post_test_pct=70&weight_post_test=0&weight_knowledge_gain=0&weight_attendance=5&weight_exercises=0&weight_rubric=0&label_fr_champion=Championne+GED",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let body = w
        .app
        .get(
            &format!("/api/v1/workshops/{}/selection", w.workshop),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(body["candidates"][0]["composite"], 100.0);
    // Invalid weights are refused and nothing changes.
    let refused = w
        .app
        .form(
            Method::POST,
            "/pathway/settings",
            Some(&staff),
            "trained_post_test_pct=70&weight_post_test=0&weight_knowledge_gain=0&weight_attendance=0&weight_exercises=0&weight_rubric=0",
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("at least one weight"),
        "{}",
        refused.body
    );
    let settings = w.app.store().pathway_settings().await.expect("settings");
    assert_eq!(settings.weights.attendance, 5.0);

    // Inviting needs `trained`: trainee.bj is only nominated, so the page
    // refuses and no one moves.
    let invite = format!("/workshops/{}/selection/invite", w.workshop);
    let refused = w
        .app
        .form(
            Method::POST,
            &invite,
            Some(&staff),
            &format!("user={}", w.bj),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("cannot be invited"),
        "{}",
        refused.body
    );
    move_to(&w, &staff, "trainee.bj@wco.test", r#"{"to":"trained"}"#).await;
    let page = w
        .app
        .get(
            &format!("/workshops/{}/selection", w.workshop),
            Some(&staff),
        )
        .await;
    assert!(
        page.body.contains(&format!("id=\"invite-{}\"", w.bj)),
        "{}",
        page.body
    );
    let done = w
        .app
        .form(
            Method::POST,
            &invite,
            Some(&staff),
            &format!("user={}", w.bj),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        w.app
            .store()
            .pathway_stage(UserId(w.bj))
            .await
            .expect("stage"),
        gedhub_core::pathway::Stage::Invited
    );
    // The French label the Secretariat gave shows in French.
    w.app
        .form(
            Method::POST,
            "/account/language",
            Some(&staff),
            "locale=fr&return_to=/candidates",
        )
        .await;
    let list = w.app.get("/candidates?stage=invited", Some(&staff)).await;
    assert!(list.body.contains("trainee.bj@wco.test"), "{}", list.body);
    assert!(!list.body.contains("trainee.ca@wco.test"), "{}", list.body);
    let settings_page = w.app.get("/pathway/settings", Some(&staff)).await;
    assert!(
        settings_page.body.contains("Championne GED"),
        "{}",
        settings_page.body
    );
}

#[tokio::test]
async fn the_page_records_a_move_and_explains_a_refusal() {
    let w = world().await;
    let staff = w.app.sign_in("staff@wco.test").await;
    let path = format!("/candidates/{}/transitions", w.bj);
    let refused = w
        .app
        .form(
            Method::POST,
            &path,
            Some(&staff),
            "to=supervised_delivery&reason=",
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("does not follow"), "{}", refused.body);
    let done = w
        .app
        .form(
            Method::POST,
            &path,
            Some(&staff),
            "to=preselected&reason=Strong+nomination",
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = w
        .app
        .get(
            &format!("/candidates/{}?moved=preselected", w.bj),
            Some(&staff),
        )
        .await;
    assert!(page.body.contains("Strong nomination"), "{}", page.body);
    assert!(
        page.body.contains("data-stage=\"preselected\""),
        "{}",
        page.body
    );
    // The candidate sees their pathway, without the form.
    let own = w.app.sign_in("trainee.bj@wco.test").await;
    let page = w
        .app
        .get(&format!("/candidates/{}", w.bj), Some(&own))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("pathway-move-form"), "{}", page.body);
}
