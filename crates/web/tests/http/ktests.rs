//! Knowledge tests (issue 6): the bank and tests through the pages, the JSON
//! contract with hand-computed scores, one submission per participant, the
//! answers hidden until the test closes, who sees whose scores, timing, and
//! real scores in the completion.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;
use gedhub_core::ktests::TestKind;

use crate::support::{TestApp, TestResponse};

/// Staff, a Benin focal point, Amina and Koffi (Benin) and Claire (Canada)
/// in a five-day workshop (8–12 April 2024) with the default rules
/// (attendance ≥ 80 %, post-test ≥ 70 %).
async fn workshop() -> (TestApp, String, i64) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("amina@bj.test", Role::Participant, Some("BJ"))
        .await;
    app.user("koffi@bj.test", Role::Participant, Some("BJ"))
        .await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let created = app
        .json(
            Method::POST,
            "/api/v1/workshops",
            Some(&staff),
            r#"{"title":"Atelier virtuel GED","kind":"national","mode":"virtual","language":"fr","start_date":"2024-04-08","end_date":"2024-04-12","capacity":10,"meeting_link":"https://meet.example/ged"}"#,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    for email in ["amina@bj.test", "koffi@bj.test", "claire@ca.test"] {
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
    (app, staff, id)
}

/// Four questions through the bank form:
/// 1. true/false, "False" (1) correct;
/// 2. single choice, option 0 correct of 3;
/// 3. multiple choice, options 0 and 1 correct of 3;
/// 4. single choice, option 2 correct of 3.
async fn bank(app: &TestApp, staff: &str) {
    for body in [
        "kind=true_false&text_en=GEOAT+is+only+for+large+administrations&text_fr=GEOAT+est+r%C3%A9serv%C3%A9+aux+grandes+administrations&option_en_0=True&option_fr_0=Vrai&option_en_1=False&option_fr_1=Faux&correct=1",
        "kind=single_choice&text_en=What+is+the+gender+pay+gap%3F&text_fr=Qu%27est-ce+que+l%27%C3%A9cart+de+r%C3%A9mun%C3%A9ration%3F&option_en_0=A+difference+in+mean+pay&option_fr_0=Une+diff%C3%A9rence+de+salaire+moyen&option_en_1=A+tax&option_fr_1=Un+imp%C3%B4t&option_en_2=A+bonus&option_fr_2=Une+prime&correct=0",
        "kind=multiple_choice&text_en=Which+data+are+sex-disaggregated%3F&text_fr=Quelles+donn%C3%A9es+sont+ventil%C3%A9es+par+sexe%3F&option_en_0=Staff+by+grade&option_fr_0=Personnel+par+grade&option_en_1=Promotions&option_fr_1=Promotions&option_en_2=Seizures&option_fr_2=Saisies&correct=0&correct=1",
        "kind=single_choice&text_en=Who+runs+GEOAT%3F&text_fr=Qui+m%C3%A8ne+GEOAT%3F&option_en_0=Customs+brokers&option_fr_0=Les+d%C3%A9clarants&option_en_1=Travellers&option_fr_1=Les+voyageurs&option_en_2=The+administration&option_fr_2=L%27administration&correct=2",
    ] {
        let response = app
            .form(Method::POST, "/questions", Some(staff), body)
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }
}

async fn submit(app: &TestApp, cookie: &str, id: i64, kind: &str, answers: &str) -> TestResponse {
    app.json(
        Method::POST,
        &format!("/api/v1/workshops/{id}/tests/{kind}/submissions"),
        Some(cookie),
        &format!(r#"{{"answers":{answers}}}"#),
    )
    .await
}

async fn set_state(app: &TestApp, staff: &str, id: i64, kind: &str, state: &str) {
    let response = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/tests/{kind}/state"),
            Some(staff),
            &format!("state={state}"),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

/// Pre-test: questions 1 and 2, untimed; post-test: 1–4, 20 minutes.
async fn tests(app: &TestApp, staff: &str, id: i64) {
    for body in [
        "kind=pre&question=1&question=2&time_limit_minutes=",
        "kind=post&question=1&question=2&question=3&question=4&time_limit_minutes=20",
    ] {
        let response = app
            .form(
                Method::POST,
                &format!("/workshops/{id}/tests"),
                Some(staff),
                body,
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }
}

#[tokio::test]
async fn scores_knowledge_gain_and_completion_follow_the_contract() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    tests(&app, &staff, id).await;
    let amina = app.sign_in("amina@bj.test").await;
    let koffi = app.sign_in("koffi@bj.test").await;
    let claire = app.sign_in("claire@ca.test").await;
    // Not open yet.
    let early = submit(&app, &amina, id, "pre", r#"{"1":[1]}"#).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.error_code(), "test_not_open");
    set_state(&app, &staff, id, "pre", "open").await;
    set_state(&app, &staff, id, "post", "open").await;
    // Amina: pre 1 of 2 = 50 %; post: 1 ✓, 2 ✓, 3 ✓, 4 ✗ = 75 %.
    let pre = submit(&app, &amina, id, "pre", r#"{"1":[1],"2":[1]}"#).await;
    assert_eq!(pre.status, StatusCode::CREATED, "{}", pre.body);
    assert_eq!(pre.json()["score_pct"].as_f64(), Some(50.0));
    let post = submit(
        &app,
        &amina,
        id,
        "post",
        r#"{"1":[1],"2":[0],"3":[0,1],"4":[0]}"#,
    )
    .await;
    assert_eq!(post.status, StatusCode::CREATED, "{}", post.body);
    assert_eq!(
        post.json(),
        serde_json::json!({"correct": 3, "questions": 4, "score_pct": 75.0})
    );
    // Submitted twice: 409, and the first answers and score stay.
    let twice = submit(
        &app,
        &amina,
        id,
        "post",
        r#"{"1":[1],"2":[0],"3":[0,1],"4":[2]}"#,
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.error_code(), "test_already_submitted");
    let attempt = app
        .get(
            &format!("/api/v1/workshops/{id}/tests/post/attempts/amina@bj.test"),
            Some(&amina),
        )
        .await;
    assert_eq!(attempt.status, StatusCode::OK, "{}", attempt.body);
    assert_eq!(attempt.json()["score_pct"].as_f64(), Some(75.0));
    // Impossible answers are refused and change nothing.
    for (answers, code) in [
        (r#"{"99":[0]}"#, "unknown_test_question"),
        (r#"{"2":[7]}"#, "unknown_answer_option"),
        (r#"{"2":[0,1]}"#, "one_answer_option_only"),
    ] {
        let refused = submit(&app, &koffi, id, "post", answers).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{answers}"
        );
        assert_eq!(refused.error_code(), code);
    }
    let none = app
        .get(
            &format!("/api/v1/workshops/{id}/tests/post/attempts/koffi@bj.test"),
            Some(&staff),
        )
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND, "no attempt recorded");
    // Koffi: pre 100 %, post 100 % (gain 0); Claire: pre 0 %, post 1 ✓ 2 ✓ = 50 % (gain +50).
    for (cookie, kind, answers) in [
        (&koffi, "pre", r#"{"1":[1],"2":[0]}"#),
        (&koffi, "post", r#"{"1":[1],"2":[0],"3":[1,0],"4":[2]}"#),
        (&claire, "pre", r#"{"1":[0],"2":[2]}"#),
        (&claire, "post", r#"{"1":[1],"2":[0]}"#),
    ] {
        let response = submit(&app, cookie, id, kind, answers).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    }
    // Gains +25, 0, +50: mean 25 points; 2 of 3 improved.
    let gain = app
        .get(
            &format!("/api/v1/workshops/{id}/knowledge-gain"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(gain["workshop"]["participants"], 3);
    assert_eq!(gain["workshop"]["mean_gain_points"].as_f64(), Some(25.0));
    let improved = gain["workshop"]["improved_pct"].as_f64().expect("share");
    assert!((improved - 200.0 / 3.0).abs() < 1e-9);
    let claire_row = gain["participants"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["email"] == "claire@ca.test")
        .expect("claire")
        .clone();
    assert_eq!(claire_row["pre_test_pct"].as_f64(), Some(0.0));
    assert_eq!(claire_row["post_test_pct"].as_f64(), Some(50.0));
    assert_eq!(claire_row["gain_points"].as_f64(), Some(50.0));
    // Completion uses the real post-test: Amina attends 5 of 5 days, post 75 ≥ 70.
    let completion = |email: &'static str| {
        let app = &app;
        let staff = staff.clone();
        async move {
            app.get(
                &format!("/api/v1/workshops/{id}/participants/{email}/completion"),
                Some(&staff),
            )
            .await
            .json()
        }
    };
    let before = completion("amina@bj.test").await;
    assert_eq!(before["pre_test_pct"].as_f64(), Some(50.0));
    assert_eq!(before["post_test_pct"].as_f64(), Some(75.0));
    assert_eq!(
        before["missing"],
        serde_json::json!(["attendance_below_minimum"])
    );
    for day in [
        "2024-04-08",
        "2024-04-09",
        "2024-04-10",
        "2024-04-11",
        "2024-04-12",
    ] {
        for email in ["amina@bj.test", "claire@ca.test"] {
            let response = app
                .json(
                    Method::PUT,
                    &format!("/api/v1/workshops/{id}/attendance"),
                    Some(&staff),
                    &format!(r#"{{"email":"{email}","date":"{day}","present":true}}"#),
                )
                .await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        }
    }
    let amina_done = completion("amina@bj.test").await;
    assert_eq!(amina_done["completed"], true);
    let claire_done = completion("claire@ca.test").await;
    assert_eq!(claire_done["completed"], false);
    assert_eq!(
        claire_done["missing"],
        serde_json::json!(["post_test_below_minimum"])
    );
    // The workshop page shows the gain: the figures for the Secretariat.
    let page = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("knowledge-gain-summary"),
        "{}",
        page.body
    );
    assert!(page.body.contains("+25"));
    assert!(page.body.contains("+50"));
}

#[tokio::test]
async fn answers_stay_hidden_until_the_test_closes() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    tests(&app, &staff, id).await;
    set_state(&app, &staff, id, "post", "open").await;
    let amina = app.sign_in("amina@bj.test").await;
    // Started through the page: the questions in the participant's
    // language, no correct answer in the page.
    let start = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/tests/post/start"),
            Some(&amina),
            "",
        )
        .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let form = app
        .get(&format!("/workshops/{id}/tests/post"), Some(&amina))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains(r#"type="radio" name="q2" value="0""#),
        "{}",
        form.body
    );
    assert!(form.body.contains(r#"type="checkbox" name="q3""#));
    assert!(
        form.body.contains("id=\"ktest-timer\""),
        "a 20-minute test shows the time left"
    );
    assert!(!form.body.contains("ktest-correct-answer"));
    // Submitted through the form: 1 ✓, 2 ✓, 3 ✗ (one of two), 4 ✓ = 75 %.
    let sent = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/tests/post/submissions"),
            Some(&amina),
            "q1=1&q2=0&q3=0&q4=2",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let result = app
        .get(&format!("/workshops/{id}/tests/post"), Some(&amina))
        .await;
    assert!(result.body.contains("75%"), "{}", result.body);
    assert!(
        !result.body.contains("ktest-correct-answer"),
        "no answers while open"
    );
    let attempt_path = format!("/api/v1/workshops/{id}/tests/post/attempts/amina@bj.test");
    let open = app.get(&attempt_path, Some(&amina)).await.json();
    assert!(open["review"].is_null());
    assert_eq!(open["score_pct"].as_f64(), Some(75.0));
    // Closed: the review with the correct answers.
    set_state(&app, &staff, id, "post", "closed").await;
    let review = app.get(&attempt_path, Some(&amina)).await.json();
    assert_eq!(
        review["review"][2],
        serde_json::json!({"question_id": 3, "chosen": [0], "correct_options": [0, 1], "right": false})
    );
    assert_eq!(review["review"][3]["right"], true);
    let page = app
        .get(&format!("/workshops/{id}/tests/post"), Some(&amina))
        .await;
    assert!(page.body.contains("ktest-correct-answer"));
    // A closed test takes no more answers and does not reopen.
    let koffi = app.sign_in("koffi@bj.test").await;
    let late = submit(&app, &koffi, id, "post", r#"{"1":[1]}"#).await;
    assert_eq!(late.error_code(), "test_not_open");
    let reopen = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/tests/post/state"),
            Some(&staff),
            "state=open",
        )
        .await;
    assert_eq!(reopen.status, StatusCode::CONFLICT);
}

/// The one allowed submission is not spent on a slip: sent with questions
/// unanswered, the form comes back with the answers ticked, the blank
/// questions named and marked, and is accepted only when sent again.
#[tokio::test]
async fn a_submission_with_unanswered_questions_is_confirmed_first() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    tests(&app, &staff, id).await;
    set_state(&app, &staff, id, "post", "open").await;
    let amina = app.sign_in("amina@bj.test").await;
    let start = app
        .form(
            Method::POST,
            &format!("/workshops/{id}/tests/post/start"),
            Some(&amina),
            "",
        )
        .await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let submissions = format!("/workshops/{id}/tests/post/submissions");
    let warned = app
        .form(Method::POST, &submissions, Some(&amina), "q1=1&q3=0")
        .await;
    assert_eq!(warned.status, StatusCode::OK, "{}", warned.body);
    let body = &warned.body;
    assert!(body.contains(r#"id="ktest-unanswered""#), "{body}");
    assert!(body.contains("Questions 2, 4 have no answer."), "{body}");
    assert!(body.contains(r#"name="q1" value="1" checked"#), "{body}");
    assert!(body.contains(r#"name="q3" value="0" checked"#), "{body}");
    assert!(body.contains(r#"id="question-2-unanswered""#), "{body}");
    assert!(!body.contains(r#"id="question-1-unanswered""#), "{body}");
    assert!(
        body.contains(r#"name="confirm" value="unanswered""#),
        "{body}"
    );
    let attempt_path = format!("/api/v1/workshops/{id}/tests/post/attempts/amina@bj.test");
    let attempt = app.get(&attempt_path, Some(&amina)).await.json();
    assert!(attempt["score_pct"].is_null(), "{attempt}");
    let sent = app
        .form(
            Method::POST,
            &submissions,
            Some(&amina),
            "confirm=unanswered&q1=1&q3=0",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // 1 ✓, 2 –, 3 ✗ (one of two), 4 – = 25 %.
    let attempt = app.get(&attempt_path, Some(&amina)).await.json();
    assert_eq!(attempt["score_pct"].as_f64(), Some(25.0), "{attempt}");
}

#[tokio::test]
async fn a_focal_point_sees_only_their_nominees_and_a_participant_only_themself() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    tests(&app, &staff, id).await;
    set_state(&app, &staff, id, "pre", "open").await;
    let amina = app.sign_in("amina@bj.test").await;
    let claire = app.sign_in("claire@ca.test").await;
    let focal = app.sign_in("focal@bj.test").await;
    for cookie in [&amina, &claire] {
        let response = submit(&app, cookie, id, "pre", r#"{"1":[1],"2":[0]}"#).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    }
    let path = |email: &str| format!("/api/v1/workshops/{id}/tests/pre/attempts/{email}");
    assert_eq!(
        app.get(&path("claire@ca.test"), Some(&amina)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path("amina@bj.test"), Some(&focal)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&path("claire@ca.test"), Some(&focal)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path("claire@ca.test"), Some(&staff)).await.status,
        StatusCode::OK
    );
    // The workshop figures are the Secretariat's.
    let gain = app
        .get(
            &format!("/api/v1/workshops/{id}/knowledge-gain"),
            Some(&focal),
        )
        .await;
    assert_eq!(gain.status, StatusCode::FORBIDDEN);
    // Not a participant: no test page, no submission.
    assert_eq!(
        app.get(&format!("/workshops/{id}/tests/pre"), Some(&focal))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        submit(&app, &focal, id, "pre", r#"{"1":[1]}"#).await.status,
        StatusCode::NOT_FOUND
    );
    // The gain table: the focal point's nominees, Amina only herself.
    let page = app
        .get(&format!("/workshops/{id}"), Some(&focal))
        .await
        .body;
    let table = page
        .split("knowledge-gain-table")
        .nth(1)
        .expect("gain table");
    assert!(table.contains("Name of amina@bj.test"));
    assert!(!table.contains("Name of claire@ca.test"));
    assert!(!page.contains("knowledge-gain-summary"));
    let own = app
        .get(&format!("/workshops/{id}"), Some(&amina))
        .await
        .body;
    let table = own
        .split("knowledge-gain-table")
        .nth(1)
        .expect("gain table");
    assert!(table.contains("Name of amina@bj.test"));
    assert!(!table.contains("Name of koffi@bj.test"));
}

#[tokio::test]
async fn a_timed_test_is_refused_after_the_limit_and_thirty_seconds() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    tests(&app, &staff, id).await;
    set_state(&app, &staff, id, "post", "open").await;
    let store = app.store();
    let workshop = store.workshop(id).await.expect("workshop");
    let post = store.test(id, TestKind::Post).await.expect("post");
    let user = |email: &'static str| async move {
        store
            .user_by_email(&gedhub_core::Email::parse(email).expect("valid"))
            .await
            .expect("user")
            .id
    };
    let actor = gedhub_store::Actor::system("test");
    let now = gedhub_store::Timestamp::now();
    // Koffi started 21 minutes ago (limit 20 + 30 s): refused, nothing kept.
    store
        .start_attempt(
            &actor,
            &workshop,
            &post,
            user("koffi@bj.test").await,
            now.minus(chrono::Duration::minutes(21)),
        )
        .await
        .expect("started");
    // Amina started 20 minutes 10 seconds ago: within the grace.
    store
        .start_attempt(
            &actor,
            &workshop,
            &post,
            user("amina@bj.test").await,
            now.minus(chrono::Duration::minutes(20) + chrono::Duration::seconds(10)),
        )
        .await
        .expect("started");
    let koffi = app.sign_in("koffi@bj.test").await;
    let late = submit(
        &app,
        &koffi,
        id,
        "post",
        r#"{"1":[1],"2":[0],"3":[0,1],"4":[2]}"#,
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.error_code(), "time_limit_exceeded");
    let kept = app
        .get(
            &format!("/api/v1/workshops/{id}/tests/post/attempts/koffi@bj.test"),
            Some(&staff),
        )
        .await
        .json();
    assert!(kept["submitted_at"].is_null() && kept["score_pct"].is_null());
    let amina = app.sign_in("amina@bj.test").await;
    let on_time = submit(
        &app,
        &amina,
        id,
        "post",
        r#"{"1":[1],"2":[0],"3":[0,1],"4":[2]}"#,
    )
    .await;
    assert_eq!(on_time.status, StatusCode::CREATED, "{}", on_time.body);
    assert_eq!(on_time.json()["score_pct"].as_f64(), Some(100.0));
}

#[tokio::test]
async fn the_bank_refuses_bad_questions_and_freezes_used_ones() {
    let (app, staff, id) = workshop().await;
    bank(&app, &staff).await;
    let two_correct = app
        .form(
            Method::POST,
            "/questions",
            Some(&staff),
            "kind=single_choice&text_en=Q&text_fr=Q&option_en_0=A&option_fr_0=A&option_en_1=B&option_fr_1=B&correct=0&correct=1",
        )
        .await;
    assert_eq!(two_correct.status, StatusCode::UNPROCESSABLE_ENTITY);
    let edit = "kind=true_false&text_en=Edited&text_fr=Modifi%C3%A9e&option_en_0=True&option_fr_0=Vrai&option_en_1=False&option_fr_1=Faux&correct=0";
    // Unused: editable.
    let edited = app
        .form(Method::POST, "/questions/4", Some(&staff), edit)
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    tests(&app, &staff, id).await;
    let frozen = app
        .form(Method::POST, "/questions/1", Some(&staff), edit)
        .await;
    assert_eq!(frozen.status, StatusCode::CONFLICT);
    let page = app.get("/questions", Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Modifiée"));
    assert!(page.body.contains("What is the gender pay gap?"));
    let amina = app.sign_in("amina@bj.test").await;
    assert_eq!(
        app.get("/questions", Some(&amina)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.form(Method::POST, "/questions", Some(&amina), edit)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
