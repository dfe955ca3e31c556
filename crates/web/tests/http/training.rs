//! Workshops (issue 6, first part): the JSON contract with hand-computed
//! attendance, bad input that changes nothing, and who sees whose record.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::TestApp;

async fn people() -> (TestApp, String) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("amina@bj.test", Role::Participant, Some("BJ"))
        .await;
    app.user("koffi@bj.test", Role::Expert, Some("BJ")).await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    (app, staff)
}

const BRUSSELS: &str = r#"{"title":"Train-the-trainer, Brussels","kind":"train_the_trainer","mode":"in_person","language":"en","start_date":"2023-03-13","end_date":"2023-03-17","capacity":3,"venue":"WCO headquarters"}"#;

async fn brussels(app: &TestApp, staff: &str) -> i64 {
    let created = app
        .json(Method::POST, "/api/v1/workshops", Some(staff), BRUSSELS)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    for email in ["amina@bj.test", "koffi@bj.test", "claire@ca.test"] {
        let added = app
            .json(
                Method::POST,
                &format!("/api/v1/workshops/{id}/participants"),
                Some(staff),
                &format!(r#"{{"email":"{email}"}}"#),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    id
}

async fn attend(
    app: &TestApp,
    staff: &str,
    id: i64,
    email: &str,
    date: &str,
    present: bool,
) -> crate::support::TestResponse {
    app.json(
        Method::PUT,
        &format!("/api/v1/workshops/{id}/attendance"),
        Some(staff),
        &format!(r#"{{"email":"{email}","date":"{date}","present":{present}}}"#),
    )
    .await
}

#[tokio::test]
async fn attendance_and_completion_follow_the_contract() {
    let (app, staff) = people().await;
    let id = brussels(&app, &staff).await;
    // Amina: present 4 of 5 days (one absence recorded) → 80 %.
    for (date, present) in [
        ("2023-03-13", true),
        ("2023-03-14", true),
        ("2023-03-15", false),
        ("2023-03-16", true),
        ("2023-03-17", true),
    ] {
        let response = attend(&app, &staff, id, "amina@bj.test", date, present).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    // Claire: 3 of 5 → 60 %.
    for date in ["2023-03-13", "2023-03-14", "2023-03-15"] {
        attend(&app, &staff, id, "claire@ca.test", date, true).await;
    }
    let amina = app
        .get(
            &format!("/api/v1/workshops/{id}/participants/amina@bj.test/completion"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(amina["attendance_pct"].as_f64(), Some(80.0));
    // The default rules also ask for a post-test of at least 70 %, not taken yet.
    assert_eq!(amina["completed"], false);
    assert_eq!(amina["missing"], serde_json::json!(["post_test_not_taken"]));
    assert!(amina["post_test_pct"].is_null());
    let claire = app
        .get(
            &format!("/api/v1/workshops/{id}/participants/claire@ca.test/completion"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(claire["attendance_pct"].as_f64(), Some(60.0));
    assert_eq!(
        claire["missing"],
        serde_json::json!(["attendance_below_minimum", "post_test_not_taken"])
    );
    // Correcting a day replaces the record.
    attend(&app, &staff, id, "claire@ca.test", "2023-03-15", false).await;
    let claire = app
        .get(
            &format!("/api/v1/workshops/{id}/participants/claire@ca.test/completion"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(claire["attendance_pct"].as_f64(), Some(40.0));
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let (app, staff) = people().await;
    let id = brussels(&app, &staff).await;
    let reversed = BRUSSELS.replace(r#""end_date":"2023-03-17""#, r#""end_date":"2023-03-10""#);
    let response = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), &reversed)
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.error_code(), "end_before_start");
    let unknown = BRUSSELS.replace("in_person", "hybrid");
    let response = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), &unknown)
        .await;
    assert_eq!(response.error_code(), "unknown_mode");
    let list = app.get("/api/v1/workshops", Some(&staff)).await.json();
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    // Capacity 3 is reached.
    app.user("late@bj.test", Role::Participant, Some("BJ"))
        .await;
    let full = app
        .json(
            Method::POST,
            &format!("/api/v1/workshops/{id}/participants"),
            Some(&staff),
            r#"{"email":"late@bj.test"}"#,
        )
        .await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    assert_eq!(full.error_code(), "capacity_exceeded");
    // Attendance for someone not taking part, or outside the dates.
    let outsider = attend(&app, &staff, id, "late@bj.test", "2023-03-13", true).await;
    assert_eq!(outsider.error_code(), "not_a_participant");
    let outside = attend(&app, &staff, id, "amina@bj.test", "2023-03-18", true).await;
    assert_eq!(outside.error_code(), "day_outside_workshop");
    let amina = app
        .get(
            &format!("/api/v1/workshops/{id}/participants/amina@bj.test/completion"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(amina["attendance_pct"].as_f64(), Some(0.0));
}

#[tokio::test]
async fn a_record_is_seen_by_the_secretariat_the_person_and_their_focal_point_only() {
    let (app, staff) = people().await;
    let id = brussels(&app, &staff).await;
    let focal = app.sign_in("focal@bj.test").await;
    let amina = app.sign_in("amina@bj.test").await;
    let claire = app.sign_in("claire@ca.test").await;
    let path = |email: &str| format!("/api/v1/workshops/{id}/participants/{email}/completion");
    for (cookie, email, status) in [
        (&focal, "amina@bj.test", StatusCode::OK),
        (&focal, "claire@ca.test", StatusCode::NOT_FOUND),
        (&amina, "amina@bj.test", StatusCode::OK),
        (&amina, "koffi@bj.test", StatusCode::NOT_FOUND),
        (&claire, "amina@bj.test", StatusCode::NOT_FOUND),
        (&staff, "nobody@bj.test", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(
            app.get(&path(email), Some(cookie)).await.status,
            status,
            "{email}"
        );
    }
    // The workshop page lists only the participants the reader may see.
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("amina@bj.test"));
    assert!(!page.body.contains("claire@ca.test"));
    // Only the Secretariat and the workshop's facilitators record
    // attendance; for anyone else the route does not exist (404).
    let refused = attend(&app, &focal, id, "amina@bj.test", "2023-03-13", true).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_secretariat_runs_a_workshop_through_the_pages() {
    let (app, staff) = people().await;
    let created = app
        .form(
            Method::POST,
            "/workshops",
            Some(&staff),
            "title=Atelier+virtuel&kind=train_the_trainer&mode=virtual&meeting_link=https%3A%2F%2Fmeet.example%2Fged&language=fr&start_date=2024-04-08&end_date=2024-04-12&capacity=7&min_attendance_pct=80&min_post_test_pct=",
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.header("location");
    let id: i64 = location
        .trim_start_matches("/workshops/")
        .parse()
        .expect("id");
    let added = app
        .form(
            Method::POST,
            &format!("{location}/participants"),
            Some(&staff),
            "email=amina%40bj.test",
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let user = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("amina@bj.test").expect("e-mail"))
        .await
        .expect("user")
        .id
        .0;
    for day in ["2024-04-08", "2024-04-09", "2024-04-10", "2024-04-11"] {
        let sheet = app
            .form(
                Method::POST,
                &format!("{location}/attendance"),
                Some(&staff),
                &format!("day={day}&present={user}"),
            )
            .await;
        assert_eq!(sheet.status, StatusCode::SEE_OTHER, "{}", sheet.body);
    }
    // 4 of 5 days and no post-test required (empty minimum): completed.
    let record = app
        .get(
            &format!("/api/v1/workshops/{id}/participants/amina@bj.test/completion"),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(record["attendance_pct"].as_f64(), Some(80.0));
    assert_eq!(record["completed"], true, "{record}");
    let page = app.get(&location, Some(&staff)).await;
    assert!(page.body.contains("Completed"), "{}", page.body);
}

#[tokio::test]
async fn focal_points_nominate_their_own_people_and_the_secretariat_confirms_within_capacity() {
    let (app, staff) = people().await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    let created = app
        .json(
            Method::POST,
            "/api/v1/workshops",
            Some(&staff),
            r#"{"title":"Atelier virtuel","kind":"train_the_trainer","mode":"virtual","language":"fr","start_date":"2099-04-08","end_date":"2099-04-12","capacity":1}"#,
        )
        .await;
    let id = created.json()["id"].as_i64().expect("id");
    let focal = app.sign_in("focal@bj.test").await;
    let canada = app.sign_in("focal@ca.test").await;
    let nominate = |cookie: String, body: &'static str| {
        let app = &app;
        async move {
            app.form(
                Method::POST,
                &format!("/workshops/{id}/nominations"),
                Some(&cookie),
                body,
            )
            .await
        }
    };
    let sent = nominate(
        focal.clone(),
        "email=amina%40bj.test&motivation=Leads+the+HR+gender+unit&languages=fr&experience=6+years+in+HR",
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let other = nominate(
        focal.clone(),
        "email=claire%40ca.test&motivation=x&languages=fr",
    )
    .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        other
            .body
            .contains("No one in your administration has a gedhub account with this address"),
        "{}",
        other.body
    );
    let bare = nominate(focal.clone(), "email=koffi%40bj.test&motivation=").await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    let twice = nominate(
        focal.clone(),
        "email=amina%40bj.test&motivation=Again&languages=fr",
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(
        nominate(
            focal.clone(),
            "email=koffi%40bj.test&motivation=Trainer&languages=en&languages=fr"
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    // The nominating focal point sees the motivation; another Member sees nothing.
    let page = app.get(&format!("/workshops/{id}"), Some(&focal)).await;
    assert!(page.body.contains("Leads the HR gender unit"));
    assert!(page.body.contains("Nominated"));
    let page = app.get(&format!("/workshops/{id}"), Some(&canada)).await;
    assert!(!page.body.contains("amina@bj.test"));
    // Nominees attend only once confirmed; capacity 1.
    let early = attend(&app, &staff, id, "amina@bj.test", "2099-04-08", true).await;
    assert_eq!(early.error_code(), "not_a_participant");
    let user = |email: &'static str| {
        let app = &app;
        async move {
            app.store()
                .user_by_email(&gedhub_core::Email::parse(email).expect("e-mail"))
                .await
                .expect("user")
                .id
                .0
        }
    };
    let decide = |who: i64, decision: &'static str, cookie: String| {
        let app = &app;
        async move {
            app.form(
                Method::POST,
                &format!("/workshops/{id}/participants/{who}/decision"),
                Some(&cookie),
                &format!("decision={decision}"),
            )
            .await
        }
    };
    let amina = user("amina@bj.test").await;
    let koffi = user("koffi@bj.test").await;
    assert_eq!(
        decide(amina, "confirm", focal.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(amina, "confirm", staff.clone()).await.status,
        StatusCode::SEE_OTHER
    );
    let full = decide(koffi, "confirm", staff.clone()).await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    assert!(full.body.contains("The workshop is full"), "{}", full.body);
    assert_eq!(
        decide(koffi, "waitlist", staff.clone()).await.status,
        StatusCode::SEE_OTHER
    );
    let present = attend(&app, &staff, id, "amina@bj.test", "2099-04-08", true).await;
    assert_eq!(present.status, StatusCode::OK, "{}", present.body);
    assert_eq!(present.json()["attendance_pct"].as_f64(), Some(20.0));
    let waiting = attend(&app, &staff, id, "koffi@bj.test", "2099-04-08", true).await;
    assert_eq!(waiting.error_code(), "not_a_participant");
    let page = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert!(page.body.contains("Waitlisted"));
}

#[tokio::test]
async fn the_secretariat_overrides_a_completion_with_a_reason_and_can_take_it_back() {
    let (app, staff) = people().await;
    let id = brussels(&app, &staff).await;
    let amina = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("amina@bj.test").expect("e-mail"))
        .await
        .expect("user")
        .id
        .0;
    let path = format!("/workshops/{id}/participants/{amina}/completion");
    let record = format!("/api/v1/workshops/{id}/participants/amina@bj.test/completion");
    let no_reason = app
        .form(
            Method::POST,
            &path,
            Some(&staff),
            "completion=completed&reason=",
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get(&record, Some(&staff)).await.json()["completed"],
        false
    );
    let decided = app
        .form(
            Method::POST,
            &path,
            Some(&staff),
            "completion=completed&reason=Attended+the+make-up+session+in+Cotonou",
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let overridden = app.get(&record, Some(&staff)).await.json();
    assert_eq!(overridden["completed"], true);
    assert_eq!(overridden["missing"], serde_json::json!([]));
    assert_eq!(
        overridden["override_reason"],
        "Attended the make-up session in Cotonou"
    );
    let focal = app.sign_in("focal@bj.test").await;
    let refused = app
        .form(Method::POST, &path, Some(&focal), "completion=computed")
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let back = app
        .form(Method::POST, &path, Some(&staff), "completion=computed")
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let computed = app.get(&record, Some(&staff)).await.json();
    assert_eq!(computed["completed"], false);
    assert!(computed["override_reason"].is_null());
    assert_eq!(
        computed["missing"],
        serde_json::json!(["attendance_below_minimum", "post_test_not_taken"])
    );
}

/// A refused new workshop comes back as the same page with every value
/// as typed and each problem next to its field, linked from a summary,
/// and no workshop is created; nothing is preselected for kind, mode or
/// language.
#[tokio::test]
async fn a_refused_workshop_form_keeps_what_was_typed() {
    let (app, staff) = people().await;
    let blank = app.get("/workshops", Some(&staff)).await;
    assert!(
        blank
            .body
            .contains(r#"<select id="kind" name="kind" required><option value="">"#),
        "{}",
        blank.body
    );
    let refused = app
        .form(
            Method::POST,
            "/workshops",
            Some(&staff),
            "title=Formation+des+formateurs%2C+Cotonou&kind=train_the_trainer&mode=in_person&venue=Cotonou&meeting_link=&language=fr\
             &start_date=2027-03-12&end_date=2027-03-08&capacity=many&min_attendance_pct=80&min_post_test_pct=",
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let body = &refused.body;
    assert!(
        body.contains(r#"value="Formation des formateurs, Cotonou""#),
        "{body}"
    );
    assert!(
        body.contains(r#"<option value="train_the_trainer" selected>"#),
        "{body}"
    );
    assert!(body.contains(r#"<option value="fr" selected>"#), "{body}");
    assert!(body.contains(r#"value="2027-03-12""#), "{body}");
    assert!(body.contains(r#"value="many""#), "{body}");
    for field in ["capacity", "end_date"] {
        assert!(
            body.contains(&format!(r##"<a href="#{field}">"##)),
            "{field}: {body}"
        );
        assert!(
            body.contains(&format!(r#"id="{field}-problem""#)),
            "{field}: {body}"
        );
    }
    assert!(!body.contains(r#"id="title-problem""#), "{body}");
    let listed = app.get("/api/v1/workshops", Some(&staff)).await.json();
    assert_eq!(listed.as_array().expect("list").len(), 0);
}

/// A virtual workshop's meeting link is a link participants follow, and
/// only an http(s) address is accepted as one.
#[tokio::test]
async fn a_meeting_link_is_a_link_and_only_a_web_address() {
    let (app, staff) = people().await;
    let virtual_workshop = |link: &str| {
        format!(
            r#"{{"title":"Atelier virtuel","kind":"national","mode":"virtual","language":"fr","start_date":"2024-04-08","end_date":"2024-04-12","capacity":10,"meeting_link":"{link}"}}"#
        )
    };
    for bad in [
        "javascript:alert(1)",
        "meet.example/ged",
        "https://meet.example/a b",
    ] {
        let refused = app
            .json(
                Method::POST,
                "/api/v1/workshops",
                Some(&staff),
                &virtual_workshop(bad),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(refused.error_code(), "invalid_meeting_link", "{bad}");
    }
    let created = app
        .json(
            Method::POST,
            "/api/v1/workshops",
            Some(&staff),
            &virtual_workshop("https://meet.example/ged"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    let page = app.get(&format!("/workshops/{id}"), Some(&staff)).await;
    assert!(
        page.body
            .contains(r#"<a href="https://meet.example/ged" id="workshop-meeting-link""#),
        "{}",
        page.body
    );
}
