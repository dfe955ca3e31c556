//! Support to Members (issue 7's contract): a support request, a mission
//! with suggested experts, assignment and evaluation moving a candidate
//! along the pathway, the Member's feedback, the roster and its export,
//! experts' availability, and who sees what.

use axum::http::{Method, StatusCode};
use chrono::NaiveDate;
use gedhub_core::pathway::Stage;
use gedhub_core::{Email, Role, UserId};
use gedhub_store::Actor;
use gedhub_store::pathway::NewTransition;

use crate::support::TestApp;

async fn id_of(app: &TestApp, email: &str) -> UserId {
    app.store()
        .user_by_email(&Email::parse(email).expect("valid"))
        .await
        .expect("user")
        .id
}

/// Moves `user` along the pathway up to `stages`' last, as the Secretariat
/// would have (the guards are tested elsewhere).
async fn walk(app: &TestApp, user: UserId, stages: &[Stage]) {
    let mut from = Stage::Nominated;
    for to in stages {
        app.store()
            .record_transition(
                &Actor::system("test"),
                NewTransition {
                    user_id: user,
                    from,
                    to: *to,
                    reason: "test".into(),
                    overridden: Vec::new(),
                    evidence: serde_json::json!({}),
                    on: NaiveDate::from_ymd_opt(2024, 6, 1).expect("day"),
                    notifications: Vec::new(),
                    emails: Vec::new(),
                },
            )
            .await
            .expect("move");
        from = *to;
    }
}

/// On 1 February 2025: focal points of Benin and Canada; a French-speaking
/// Recognized Expert from Senegal (WCA, P1 and P3), an English-speaking one
/// from Kenya (ESA), and a candidate from Côte d'Ivoire (WCA), invited,
/// who speaks French.
async fn world() -> TestApp {
    populate(TestApp::on_day("2025-02-01").await).await
}

/// The people of every mission test: the Secretariat, Benin's and Canada's
/// focal points, two Recognized Experts and an invited candidate.
async fn populate(app: TestApp) -> TestApp {
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    app.user("awa@sn.test", Role::Expert, Some("SN")).await;
    app.user("john@ke.test", Role::Expert, Some("KE")).await;
    app.user("adjoua@ci.test", Role::Participant, Some("CI"))
        .await;
    let store = app.store();
    let actor = Actor::system("test");
    for (email, languages, areas) in [
        ("awa@sn.test", vec!["fr", "en"], vec!["P1", "P3"]),
        ("john@ke.test", vec!["en"], vec!["P1", "P3"]),
        ("adjoua@ci.test", vec!["fr"], vec![]),
    ] {
        let id = id_of(&app, email).await;
        let languages: Vec<String> = languages.into_iter().map(str::to_owned).collect();
        let areas: Vec<String> = areas.into_iter().map(str::to_owned).collect();
        store
            .save_expert_profile(&actor, id, "Customs officer", &languages, &areas, 4)
            .await
            .expect("profile");
        if email != "adjoua@ci.test" {
            store
                .record_recognition(
                    &actor,
                    id,
                    NaiveDate::from_ymd_opt(2024, 5, 20).expect("day"),
                )
                .await
                .expect("recognition");
        }
    }
    let adjoua = id_of(&app, "adjoua@ci.test").await;
    walk(
        &app,
        adjoua,
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
    )
    .await;
    app
}

#[tokio::test]
async fn a_request_becomes_a_mission_whose_positive_evaluation_recognizes_the_candidate() {
    let app = world().await;
    let focal = app.sign_in("focal@bj.test").await;
    let staff = app.sign_in("staff@wco.test").await;

    // Benin asks for a GEOAT diagnostic in French.
    let created = app
        .json(
            Method::POST,
            "/api/v1/support-requests",
            Some(&focal),
            r#"{"kind":"geoat_diagnostic","language":"fr","mode":"virtual","preferred_from":"2025-03-01","preferred_to":"2025-03-31","context":"First diagnostic"}"#,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let request = created.json()["id"].as_i64().expect("id");
    let listed = app
        .get("/api/v1/support-requests", Some(&focal))
        .await
        .json();
    assert_eq!(listed[0]["administration"], "BJ");
    assert_eq!(listed[0]["status"], "submitted");

    // The Secretariat creates the mission from it.
    let mission = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            &format!(
                r#"{{"request_id":{request},"kind":"geoat_diagnostic","language":"fr","mode":"virtual","areas":["P1","P3"],"start_date":"2025-01-20","end_date":"2025-01-24"}}"#
            ),
        )
        .await;
    assert_eq!(mission.status, StatusCode::CREATED, "{}", mission.body);
    let mission = mission.json()["id"].as_i64().expect("id");
    let listed = app
        .get("/api/v1/support-requests", Some(&focal))
        .await
        .json();
    assert_eq!(listed[0]["status"], "accepted");
    // The same request cannot give a second mission.
    let again = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            &format!(
                r#"{{"request_id":{request},"kind":"geoat_diagnostic","language":"fr","mode":"virtual","start_date":"2025-01-20","end_date":"2025-01-24"}}"#
            ),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // Suggestions: French speakers first; same region; then areas.
    let suggestions = app
        .get(
            &format!("/api/v1/missions/{mission}/suggestions"),
            Some(&staff),
        )
        .await;
    assert_eq!(suggestions.status, StatusCode::OK, "{}", suggestions.body);
    let body = suggestions.json();
    let order: Vec<&str> = body
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["email"].as_str().expect("email"))
        .collect();
    assert_eq!(order, vec!["awa@sn.test", "adjoua@ci.test", "john@ke.test"]);
    assert_eq!(body[0]["reasons"][0]["code"], "speaks_language");
    assert_eq!(
        body[0]["reasons"][2],
        serde_json::json!({"code": "areas", "common": 2, "of": 2})
    );
    assert_eq!(body[1]["stage"], "invited");
    assert_eq!(body[2]["reasons"][0]["code"], "does_not_speak_language");

    // A candidate cannot lead; assigned as co-facilitator, they move on.
    let lead_candidate = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/members"),
            Some(&staff),
            r#"{"email":"adjoua@ci.test","role":"lead"}"#,
        )
        .await;
    assert_eq!(lead_candidate.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (email, role) in [
        ("awa@sn.test", "lead"),
        ("adjoua@ci.test", "co_facilitator"),
    ] {
        let assigned = app
            .json(
                Method::POST,
                &format!("/api/v1/missions/{mission}/members"),
                Some(&staff),
                &format!(r#"{{"email":"{email}","role":"{role}"}}"#),
            )
            .await;
        assert_eq!(assigned.status, StatusCode::NO_CONTENT, "{}", assigned.body);
    }
    let adjoua = id_of(&app, "adjoua@ci.test").await;
    assert_eq!(
        app.store().pathway_stage(adjoua).await.expect("stage"),
        Stage::SupervisedDelivery
    );

    // The lead reports (page) and evaluates (API); the candidate is recognized.
    let lead = app.sign_in("awa@sn.test").await;
    let page = app.get(&format!("/missions/{mission}"), Some(&lead)).await;
    assert!(page.body.contains("report-form"), "{}", page.body);
    let reported = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/report"),
            Some(&lead),
            "report=Diagnostic+facilitated+with+12+officers&recommendations=Adopt+a+GED+policy",
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER, "{}", reported.body);
    let not_co = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/evaluations"),
            Some(&lead),
            r#"{"email":"john@ke.test","scores":[4,4,4,4],"positive":true}"#,
        )
        .await;
    assert_eq!(not_co.status, StatusCode::CONFLICT);
    let bad_score = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/evaluations"),
            Some(&lead),
            r#"{"email":"adjoua@ci.test","scores":[4,9,4,4],"positive":true}"#,
        )
        .await;
    assert_eq!(bad_score.status, StatusCode::UNPROCESSABLE_ENTITY);
    let evaluated = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/evaluations"),
            Some(&lead),
            r#"{"email":"adjoua@ci.test","scores":[4,5,4,4],"positive":true,"comment":"Clear and confident"}"#,
        )
        .await;
    assert_eq!(
        evaluated.status,
        StatusCode::NO_CONTENT,
        "{}",
        evaluated.body
    );
    assert_eq!(
        app.store().pathway_stage(adjoua).await.expect("stage"),
        Stage::Recognized
    );
    assert_eq!(
        app.store().user(adjoua).await.expect("user").role,
        Role::Expert
    );
    let pathway = app
        .get("/api/v1/candidates/adjoua@ci.test/pathway", Some(&staff))
        .await
        .json();
    let last = pathway["history"]
        .as_array()
        .expect("history")
        .last()
        .cloned()
        .expect("a move");
    assert_eq!(last["to"], "recognized");
    assert_eq!(last["recorded_by"], "awa@sn.test");
    assert_eq!(last["overridden"], serde_json::json!([]));

    // …with a verifiable credential whose public page says it is valid.
    let credentials = app
        .get(
            "/api/v1/candidates/adjoua@ci.test/credentials",
            Some(&staff),
        )
        .await
        .json();
    let credentials = credentials.as_array().expect("credentials");
    assert_eq!(credentials.len(), 1);
    assert_eq!(credentials[0]["kind"], "expert_recognition");
    let id = credentials[0]["id"].as_str().expect("id").to_owned();
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Valid") || page.body.contains("valid"),
        "{}",
        page.body
    );

    // Now on the roster of French speakers.
    let roster = app
        .get("/api/v1/experts?language=fr", Some(&focal))
        .await
        .json();
    let names: Vec<&str> = roster
        .as_array()
        .expect("roster")
        .iter()
        .map(|e| e["email"].as_str().expect("email"))
        .collect();
    assert_eq!(names, vec!["adjoua@ci.test", "awa@sn.test"]);
    assert_eq!(roster[1]["missions_delivered"], 1);

    // The Member gives feedback once delivered.
    let feedback = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/feedback"),
            Some(&focal),
            "rating=5&comment=Very+useful",
        )
        .await;
    assert_eq!(feedback.status, StatusCode::SEE_OTHER, "{}", feedback.body);
    let stored = app.store().mission(mission).await.expect("mission");
    assert_eq!(
        (stored.status.as_str(), stored.member_rating),
        ("delivered", Some(5))
    );
    let bad = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/feedback"),
            Some(&focal),
            "rating=9",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn members_see_only_their_own_requests_and_missions() {
    let app = world().await;
    let staff = app.sign_in("staff@wco.test").await;
    let bj = app.sign_in("focal@bj.test").await;
    let ca = app.sign_in("focal@ca.test").await;
    let created = app
        .json(
            Method::POST,
            "/api/v1/support-requests",
            Some(&bj),
            r#"{"kind":"action_plan","language":"fr","mode":"in_person","context":"Action plan"}"#,
        )
        .await;
    let request = created.json()["id"].as_i64().expect("id");
    // Canada's focal point sees neither Benin's request nor its mission.
    assert_eq!(
        app.get(&format!("/support-requests/{request}"), Some(&ca))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/support-requests", Some(&ca)).await.json(),
        serde_json::json!([])
    );
    // …and cannot file one for Benin (404, as if Benin's were not there).
    let for_benin = app
        .json(
            Method::POST,
            "/api/v1/support-requests",
            Some(&ca),
            r#"{"administration":"BJ","kind":"other","language":"en","mode":"virtual"}"#,
        )
        .await;
    assert_eq!(for_benin.status, StatusCode::NOT_FOUND);
    let mission = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            &format!(
                r#"{{"request_id":{request},"kind":"action_plan","language":"fr","mode":"in_person","start_date":"2025-04-01","end_date":"2025-04-03"}}"#
            ),
        )
        .await
        .json()["id"]
        .as_i64()
        .expect("id");
    for (who, expected) in [
        ("focal@bj.test", StatusCode::OK),
        ("staff@wco.test", StatusCode::OK),
        ("focal@ca.test", StatusCode::NOT_FOUND),
        ("john@ke.test", StatusCode::NOT_FOUND),
    ] {
        let cookie = app.sign_in(who).await;
        assert_eq!(
            app.get(&format!("/missions/{mission}"), Some(&cookie))
                .await
                .status,
            expected,
            "{who}"
        );
    }
    // Documents: shared among those who see the mission, checked like evidence.
    let upload = |file_name: &'static str, bytes: &'static [u8]| {
        let boundary = "gedhubboundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTerms of reference\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    };
    let post = |cookie: String, file_name: &'static str, bytes: &'static [u8]| {
        let (content_type, body) = upload(file_name, bytes);
        TestApp::request(
            Method::POST,
            &format!("/missions/{mission}/documents"),
            Some(&cookie),
        )
        .header(axum::http::header::CONTENT_TYPE, content_type)
        .body(axum::body::Body::from(body))
        .expect("request")
    };
    let added = app
        .send(post(
            bj.clone(),
            "terms.pdf",
            b"%PDF-1.4 terms of reference",
        ))
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let refused = app
        .send(post(bj.clone(), "terms.exe", b"MZ\x90\x00 not a document"))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.send(post(ca.clone(), "terms.pdf", b"%PDF-1.4 x"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let document = app
        .store()
        .mission_documents(mission)
        .await
        .expect("documents")[0]
        .id;
    let path = format!("/missions/{mission}/documents/{document}");
    let (status, bytes) = crate::support::raw_get(&app, &path, &staff).await;
    assert_eq!(
        (status, bytes.as_slice()),
        (StatusCode::OK, b"%PDF-1.4 terms of reference".as_slice())
    );
    assert_eq!(
        crate::support::raw_get(&app, &path, &ca).await.0,
        StatusCode::NOT_FOUND
    );

    let list = app.get("/missions", Some(&ca)).await;
    assert!(
        !list.body.contains(&format!("/missions/{mission}\"")),
        "{}",
        list.body
    );
    // Suggestions and the roster are not for candidates or experts.
    let candidate = app.sign_in("adjoua@ci.test").await;
    assert_eq!(
        app.get(
            &format!("/api/v1/missions/{mission}/suggestions"),
            Some(&bj)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/experts", Some(&candidate)).await.status,
        StatusCode::FORBIDDEN
    );
    // The focal point may not report on the mission.
    let report = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/report"),
            Some(&bj),
            "report=x",
        )
        .await;
    assert_eq!(report.status, StatusCode::FORBIDDEN);
    // Bad input is explained.
    let bad = app
        .json(
            Method::POST,
            "/api/v1/support-requests",
            Some(&bj),
            r#"{"kind":"audit","language":"xx","mode":"virtual","preferred_from":"2025-05-02","preferred_to":"2025-05-01","context":"   "}"#,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = bad.json();
    let codes: Vec<&str> = errors["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        vec![
            "unknown_support_kind",
            "unknown_language",
            "end_before_start",
            "required"
        ]
    );
    assert_eq!(
        errors["errors"][3]["detail"],
        "Context: This field is required."
    );
}

/// A refused request comes back as the same page with every value typed
/// kept and each problem next to its field, linked from a summary; nothing
/// is preselected for the kind of support or the mode.
#[tokio::test]
async fn a_refused_support_request_keeps_what_was_typed() {
    let app = world().await;
    let bj = app.sign_in("focal@bj.test").await;
    let form = app.get("/support-requests", Some(&bj)).await;
    assert!(
        form.body
            .contains(r#"<select id="support-kind" name="kind" required><option value="">"#),
        "{}",
        form.body
    );
    let refused = app
        .form(
            Method::POST,
            "/support-requests",
            Some(&bj),
            "kind=action_plan&language=fr&mode=&preferred_from=2025-06-02&preferred_to=2025-05-01&context=",
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &refused.body;
    assert!(
        body.contains(r#"<option value="action_plan" selected>"#),
        "{body}"
    );
    assert!(body.contains(r#"value="2025-06-02""#), "{body}");
    assert!(body.contains(r#"value="2025-05-01""#), "{body}");
    for (anchor, field) in [
        ("support-mode", "mode"),
        ("support-to", "preferred_to"),
        ("support-context", "context"),
    ] {
        assert!(
            body.contains(&format!(r##"<a href="#{anchor}">"##)),
            "{field}: {body}"
        );
        assert!(
            body.contains(&format!(r#"id="{anchor}-problem""#)),
            "{field}: {body}"
        );
        assert!(
            body.contains(&format!(r#"aria-describedby="{anchor}-problem""#)),
            "{field}: {body}"
        );
    }
    assert!(!body.contains(r#"id="support-kind-problem""#), "{body}");
    // Nothing was recorded.
    let listed = app.get("/api/v1/support-requests", Some(&bj)).await.json();
    assert_eq!(listed.as_array().expect("list").len(), 0);
    // Typed again in full, it is accepted.
    let sent = app
        .form(
            Method::POST,
            "/support-requests",
            Some(&bj),
            "kind=action_plan&language=fr&mode=virtual&preferred_from=&preferred_to=&context=An+action+plan",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
}

#[tokio::test]
async fn the_roster_filters_exports_and_follows_availability() {
    let app = world().await;
    let staff = app.sign_in("staff@wco.test").await;
    let only = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .expect("roster")
            .iter()
            .map(|e| e["email"].as_str().expect("email").to_owned())
            .collect()
    };
    assert_eq!(
        only(&app.get("/api/v1/experts", Some(&staff)).await.json()),
        vec!["awa@sn.test", "john@ke.test"]
    );
    assert_eq!(
        only(
            &app.get("/api/v1/experts?region=ESA", Some(&staff))
                .await
                .json()
        ),
        vec!["john@ke.test"]
    );
    assert_eq!(
        only(
            &app.get("/api/v1/experts?area=p3&language=fr", Some(&staff))
                .await
                .json()
        ),
        vec!["awa@sn.test"]
    );
    let bad = app
        .get("/api/v1/experts?region=MARS&area=P9", Some(&staff))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Awa marks 10–20 March as unavailable: she drops out of that day's
    // roster and is marked unavailable for a mission that week.
    let awa = app.sign_in("awa@sn.test").await;
    let added = app
        .form(
            Method::POST,
            "/account/expert-profile/unavailability",
            Some(&awa),
            "from_date=2025-03-10&to_date=2025-03-20&note=Leave",
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let reversed = app
        .form(
            Method::POST,
            "/account/expert-profile/unavailability",
            Some(&awa),
            "from_date=2025-03-20&to_date=2025-03-10",
        )
        .await;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        only(
            &app.get("/api/v1/experts?available_on=2025-03-12", Some(&staff))
                .await
                .json()
        ),
        vec!["john@ke.test"]
    );
    let mission = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            r#"{"administration":"SN","kind":"training_delivery","language":"en","mode":"in_person","start_date":"2025-03-14","end_date":"2025-03-15"}"#,
        )
        .await
        .json()["id"]
        .as_i64()
        .expect("id");
    let suggestions = app
        .get(
            &format!("/api/v1/missions/{mission}/suggestions"),
            Some(&staff),
        )
        .await
        .json();
    let awa_row = suggestions
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["email"] == "awa@sn.test")
        .cloned()
        .expect("awa suggested");
    assert_eq!(awa_row["available"], false);
    assert!(
        awa_row["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r["code"] == "unavailable")
    );

    // Removing a period twice is harmless; another's period is untouched.
    let period = app
        .store()
        .unavailability(Some(id_of(&app, "awa@sn.test").await))
        .await
        .expect("periods")[0]
        .id;
    let john = app.sign_in("john@ke.test").await;
    app.form(
        Method::POST,
        &format!("/account/expert-profile/unavailability/{period}/delete"),
        Some(&john),
        "",
    )
    .await;
    assert_eq!(
        app.store()
            .unavailability(None)
            .await
            .expect("periods")
            .len(),
        1
    );
    for _ in 0..2 {
        let removed = app
            .form(
                Method::POST,
                &format!("/account/expert-profile/unavailability/{period}/delete"),
                Some(&awa),
                "",
            )
            .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
    }
    assert!(
        app.store()
            .unavailability(None)
            .await
            .expect("periods")
            .is_empty()
    );

    // The Excel export has a header and one row per expert.
    let (status, bytes) = crate::support::raw_get(&app, "/experts.xlsx?language=en", &staff).await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    assert_eq!(sheets[0].rows.len(), 3);
    assert_eq!(sheets[0].rows[0][0], "Name");
    assert_eq!(sheets[0].rows[1][1], "awa@sn.test");

    // The profile form checks its values.
    let bad = app
        .form(
            Method::POST,
            "/account/expert-profile",
            Some(&awa),
            "bio=x&languages=xx&areas=P9&max_missions_per_year=0",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let focal = app.sign_in("focal@bj.test").await;
    assert_eq!(
        app.get("/account/expert-profile", Some(&focal))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// A mission's outcome is a record of what happened: before the mission's
/// last day its report and evaluations are refused (409, nothing recorded,
/// the candidate not recognized, the mission not counted as delivered) and
/// the page says from when they can be recorded; from that day on they are
/// accepted.
#[tokio::test]
async fn a_mission_cannot_be_reported_or_evaluated_before_it_has_taken_place() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let start = gedhub_store::Timestamp::from_db("2025-02-01T12:00:00Z").expect("a moment");
    let days_later = Arc::new(AtomicI64::new(0));
    let seen = days_later.clone();
    let clock: gedhub_web::state::Clock =
        Arc::new(move || start.plus(chrono::Duration::days(seen.load(Ordering::SeqCst))));
    let app =
        populate(TestApp::with_clock(gedhub_web::state::WebConfig::default(), clock).await).await;
    let staff = app.sign_in("staff@wco.test").await;
    let mission = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            r#"{"administration":"BJ","kind":"geoat_diagnostic","language":"fr","mode":"virtual","start_date":"2025-03-10","end_date":"2025-03-14"}"#,
        )
        .await;
    assert_eq!(mission.status, StatusCode::CREATED, "{}", mission.body);
    let mission = mission.json()["id"].as_i64().expect("id");
    for (email, role) in [
        ("awa@sn.test", "lead"),
        ("adjoua@ci.test", "co_facilitator"),
    ] {
        let assigned = app
            .json(
                Method::POST,
                &format!("/api/v1/missions/{mission}/members"),
                Some(&staff),
                &format!(r#"{{"email":"{email}","role":"{role}"}}"#),
            )
            .await;
        assert_eq!(assigned.status, StatusCode::NO_CONTENT, "{}", assigned.body);
    }
    let adjoua = id_of(&app, "adjoua@ci.test").await;
    let report = "report=Diagnostic+facilitated&recommendations=";
    let evaluation = r#"{"email":"adjoua@ci.test","scores":[4,5,4,4],"positive":true}"#;

    // 1 February 2025: the mission (10–14 March) has not taken place.
    let lead = app.sign_in("awa@sn.test").await;
    let page = app.get(&format!("/missions/{mission}"), Some(&lead)).await;
    // People read the Member's name, not its code.
    assert!(page.body.contains("Mission to Benin"), "{}", page.body);
    let list = app.get("/missions?lang=fr", Some(&lead)).await;
    assert!(list.body.contains("Bénin"), "{}", list.body);
    assert!(page.body.contains("mission-outcome-later"), "{}", page.body);
    // The date as the reader's language writes it, not ISO 8601 (issue 19).
    assert!(page.body.contains("14 March 2025"), "{}", page.body);
    assert!(!page.body.contains("report-form"), "{}", page.body);
    assert!(!page.body.contains("evaluation-form-"), "{}", page.body);
    let early_report = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/report"),
            Some(&lead),
            report,
        )
        .await;
    assert_eq!(early_report.status, StatusCode::CONFLICT);
    assert!(
        early_report.body.contains("has not taken place yet"),
        "{}",
        early_report.body
    );
    let early_evaluation = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/evaluations"),
            Some(&lead),
            evaluation,
        )
        .await;
    assert_eq!(early_evaluation.status, StatusCode::CONFLICT);
    assert_eq!(
        early_evaluation.json()["errors"][0]["code"],
        "mission_not_yet_held"
    );
    let stored = app.store().mission(mission).await.expect("mission");
    assert_eq!(stored.status, "planned");
    assert_eq!(stored.reported_at, None);
    assert_eq!(
        app.store().pathway_stage(adjoua).await.expect("stage"),
        Stage::SupervisedDelivery
    );

    // 13 March, the day before its last: still refused.
    days_later.store(40, Ordering::SeqCst);
    let lead = app.sign_in("awa@sn.test").await;
    let still_early = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/report"),
            Some(&lead),
            report,
        )
        .await;
    assert_eq!(still_early.status, StatusCode::CONFLICT);

    // 14 March, its last day: the report and the evaluation are accepted.
    days_later.store(41, Ordering::SeqCst);
    let lead = app.sign_in("awa@sn.test").await;
    let page = app.get(&format!("/missions/{mission}"), Some(&lead)).await;
    assert!(page.body.contains("report-form"), "{}", page.body);
    let reported = app
        .form(
            Method::POST,
            &format!("/missions/{mission}/report"),
            Some(&lead),
            report,
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER, "{}", reported.body);
    let evaluated = app
        .json(
            Method::POST,
            &format!("/api/v1/missions/{mission}/evaluations"),
            Some(&lead),
            evaluation,
        )
        .await;
    assert_eq!(
        evaluated.status,
        StatusCode::NO_CONTENT,
        "{}",
        evaluated.body
    );
    assert_eq!(
        app.store().mission(mission).await.expect("mission").status,
        "delivered"
    );
    assert_eq!(
        app.store().pathway_stage(adjoua).await.expect("stage"),
        Stage::Recognized
    );
}

/// A candidate without an expert profile is known by the languages their
/// nomination gave: a Beninese officer nominated as French-speaking is
/// suggested as speaking French, and their profile form starts from it.
#[tokio::test]
async fn a_nominees_languages_carry_into_the_suggestions_and_the_profile_form() {
    let app = world().await;
    app.user("koffi@bj.test", Role::Participant, Some("BJ"))
        .await;
    let koffi = id_of(&app, "koffi@bj.test").await;
    walk(
        &app,
        koffi,
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
    )
    .await;
    let staff = app.sign_in("staff@wco.test").await;
    let focal = app.sign_in("focal@bj.test").await;
    let workshop = app
        .json(
            Method::POST,
            "/api/v1/workshops",
            Some(&staff),
            r#"{"title":"Atelier","kind":"national","mode":"virtual","language":"fr","start_date":"2025-03-10","end_date":"2025-03-14","capacity":5}"#,
        )
        .await
        .json()["id"]
        .as_i64()
        .expect("id");
    let nominated = app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{workshop}/nominations"),
            Some(&focal),
            r#"{"email":"koffi@bj.test","motivation":"Leads the GED unit","languages":["fr"],"sex":"male"}"#,
        )
        .await;
    assert_eq!(nominated.status, StatusCode::CREATED, "{}", nominated.body);
    let mission = app
        .json(
            Method::POST,
            "/api/v1/missions",
            Some(&staff),
            r#"{"administration":"BJ","kind":"geoat_diagnostic","language":"fr","mode":"virtual","start_date":"2025-03-17","end_date":"2025-03-21"}"#,
        )
        .await;
    assert_eq!(mission.status, StatusCode::CREATED, "{}", mission.body);
    let mission = mission.json()["id"].as_i64().expect("id");
    let suggestions = app
        .get(
            &format!("/api/v1/missions/{mission}/suggestions"),
            Some(&staff),
        )
        .await
        .json();
    let row = suggestions
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["email"] == "koffi@bj.test")
        .cloned()
        .expect("koffi suggested");
    assert_eq!(row["languages"], serde_json::json!(["fr"]));
    assert_eq!(row["reasons"][0]["code"], "speaks_language", "{row}");
    let page = app
        .get(
            "/account/expert-profile",
            Some(&app.sign_in("koffi@bj.test").await),
        )
        .await;
    assert!(
        page.body
            .contains(r#"id="language-fr" name="languages" value="fr" checked"#),
        "{}",
        page.body
    );
}
