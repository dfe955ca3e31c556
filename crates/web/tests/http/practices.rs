//! The practice library over HTTP (issue 8): isolation of drafts, the
//! review workflow through the pages, and the API contract (search returns
//! only published practices; creation, review moves, 404 and 409).

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::TestApp;

const FRENCH: &str = r#"{"year":2023,"areas":["P2","CC"],"title":"Égalité des genres dans le recrutement","summary":"Des jurys paritaires.","what_was_done":"Les bureaux régionaux ont formé les jurys.","results":"Plus de femmes recrutées.","contact":"ged@douanes.bj","language":"fr"}"#;

async fn people() -> (TestApp, String, String, String, String) {
    let app = TestApp::new().await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("focal.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal.ca@wco.test", Role::FocalPoint, Some("CA"))
        .await;
    app.user("expert@wco.test", Role::Expert, Some("ZW")).await;
    let secretariat = app.sign_in("secretariat@wco.test").await;
    let bj = app.sign_in("focal.bj@wco.test").await;
    let ca = app.sign_in("focal.ca@wco.test").await;
    let expert = app.sign_in("expert@wco.test").await;
    (app, secretariat, bj, ca, expert)
}

async fn create(app: &TestApp, cookie: &str, body: &str) -> i64 {
    let response = app
        .json(Method::POST, "/api/v1/practices", Some(cookie), body)
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()["id"].as_i64().expect("id")
}

fn ids(response: &crate::support::TestResponse) -> Vec<i64> {
    response
        .json()
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn a_focal_point_never_sees_another_administrations_draft() {
    let (app, secretariat, bj, ca, expert) = people().await;
    let draft_body = FRENCH.replace("\"language\":\"fr\"", "\"language\":\"fr\",\"draft\":true");
    let draft = create(&app, &bj, &draft_body).await;
    for (cookie, expected) in [
        (&bj, StatusCode::OK),
        (&secretariat, StatusCode::OK),
        (&ca, StatusCode::NOT_FOUND),
        (&expert, StatusCode::NOT_FOUND),
    ] {
        let page = app.get(&format!("/practices/{draft}"), Some(cookie)).await;
        assert_eq!(page.status, expected);
    }
    // Nor through the API: submitting it, or finding it.
    let submit = app
        .json(
            Method::POST,
            &format!("/api/v1/practices/{draft}/submit"),
            Some(&ca),
            "",
        )
        .await;
    assert_eq!(submit.status, StatusCode::NOT_FOUND);
    assert_eq!(submit.error_code(), "not_found");
    let list = app.get("/practices", Some(&ca)).await;
    assert!(!list.body.contains("Égalité des genres"));
    let found = app.get("/api/v1/practices?q=egalite", Some(&bj)).await;
    assert!(ids(&found).is_empty(), "drafts are not in the library");
    // Its own focal point lists it as in progress.
    let own = app.get("/practices", Some(&bj)).await;
    assert!(own.body.contains("practices-in-progress"));
    assert!(own.body.contains("Égalité des genres"));
}

#[tokio::test]
async fn the_api_creates_reviews_and_searches_published_practices_only() {
    let (app, secretariat, bj, _ca, expert) = people().await;
    let practice = create(&app, &bj, FRENCH).await;
    // Created as submitted: not yet in the library.
    assert!(ids(&app.get("/api/v1/practices?q=égalités", Some(&expert)).await).is_empty());
    let publish = format!("/api/v1/practices/{practice}/publish");
    let refused = app.json(Method::POST, &publish, Some(&bj), "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let published = app
        .json(Method::POST, &publish, Some(&secretariat), "")
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.json()["status"], "published");
    let again = app
        .json(Method::POST, &publish, Some(&secretariat), "")
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "transition_not_allowed");
    for query in [
        "q=égalité",
        "q=egalite",
        "q=%C3%A9galit%C3%A9s",
        "q=EGALITES&area=CC",
        "area=P2&region=WCA&year=2023&lang=fr",
    ] {
        let found = app
            .get(&format!("/api/v1/practices?{query}"), Some(&expert))
            .await;
        assert_eq!(found.status, StatusCode::OK);
        assert_eq!(ids(&found), vec![practice], "{query}");
    }
    for query in [
        "q=mentoring",
        "area=P4",
        "region=EUR",
        "year=2020",
        "lang=en",
    ] {
        let found = app
            .get(&format!("/api/v1/practices?{query}"), Some(&expert))
            .await;
        assert!(ids(&found).is_empty(), "{query}");
    }
    let bad = app
        .get("/api/v1/practices?area=P9&year=abc", Some(&expert))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Changes requested need a comment, then the practice is a draft again.
    let changes = format!("/api/v1/practices/{practice}/request-changes");
    let empty = app
        .json(
            Method::POST,
            &changes,
            Some(&secretariat),
            r#"{"comment":""}"#,
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let back = app
        .json(
            Method::POST,
            &changes,
            Some(&secretariat),
            r#"{"comment":"Add figures"}"#,
        )
        .await;
    assert_eq!(back.json()["status"], "draft");
    assert!(ids(&app.get("/api/v1/practices?q=egalite", Some(&expert)).await).is_empty());
    let submit = app
        .json(
            Method::POST,
            &format!("/api/v1/practices/{practice}/submit"),
            Some(&bj),
            "",
        )
        .await;
    assert_eq!(submit.json()["status"], "submitted");
    let archive = app
        .json(
            Method::POST,
            &format!("/api/v1/practices/{practice}/archive"),
            Some(&secretariat),
            "",
        )
        .await;
    assert_eq!(archive.json()["status"], "archived");
    let unknown = app
        .json(
            Method::POST,
            "/api/v1/practices/999999/publish",
            Some(&secretariat),
            "",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn who_may_submit_a_practice_and_for_whom() {
    let (app, _secretariat, bj, _ca, expert) = people().await;
    // A focal point for another administration: refused.
    let other = FRENCH.replace("{\"year\"", "{\"administration\":\"CA\",\"year\"");
    let refused = app
        .json(Method::POST, "/api/v1/practices", Some(&bj), &other)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // An expert names the administration; without one, 422.
    let missing = app
        .json(Method::POST, "/api/v1/practices", Some(&expert), FRENCH)
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let created = create(&app, &expert, &other).await;
    let practice = app.store().practice(created).await.expect("practice");
    assert_eq!(practice.administration, "CA");
    // A participant may not.
    app.user("participant@wco.test", Role::Participant, Some("BJ"))
        .await;
    let participant = app.sign_in("participant@wco.test").await;
    let forbidden = app
        .json(
            Method::POST,
            "/api/v1/practices",
            Some(&participant),
            FRENCH,
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let bad = app
        .json(
            Method::POST,
            "/api/v1/practices",
            Some(&bj),
            r#"{"year":"soon"}"#,
        )
        .await;
    assert!(bad.status.is_client_error());
    assert!(!bad.error_code().is_empty());
}

#[tokio::test]
async fn the_review_workflow_through_the_pages() {
    let (app, secretariat, bj, _ca, expert) = people().await;
    let form = "year=2024&areas=P4&areas=P5&title=Mentoring+women+officers&summary=A+programme&what_was_done=Pairs+met&results=Ten+promotions&contact=ged%40customs.bj&language=en&draft=1";
    let created = app.form(Method::POST, "/practices", Some(&bj), form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.header("location");
    let page = app.get(&location, Some(&bj)).await;
    assert!(page.body.contains("practice-submit"));
    assert!(page.body.contains("practice-form"), "a draft can be edited");
    assert!(!page.body.contains("practice-publish"));
    // Edit the draft, then send it for review.
    let edited = app
        .form(
            Method::POST,
            &location,
            Some(&bj),
            &form.replace("Ten+promotions", "Twelve+promotions"),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let submit = app
        .form(
            Method::POST,
            &format!("{location}/review"),
            Some(&bj),
            "action=submit",
        )
        .await;
    assert_eq!(submit.status, StatusCode::SEE_OTHER);
    let publish_by_bj = app
        .form(
            Method::POST,
            &format!("{location}/review"),
            Some(&bj),
            "action=publish",
        )
        .await;
    assert_eq!(publish_by_bj.status, StatusCode::FORBIDDEN);
    let review = app.get(&location, Some(&secretariat)).await;
    assert!(review.body.contains("practice-publish"));
    let publish = app
        .form(
            Method::POST,
            &format!("{location}/review"),
            Some(&secretariat),
            "action=publish",
        )
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);
    // Now everyone finds it, with its edited text.
    let search = app
        .get("/practices?q=mentoring+officer", Some(&expert))
        .await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.body.contains("Mentoring women officers"));
    let shown = app.get(&location, Some(&expert)).await;
    assert!(shown.body.contains("Twelve promotions"));
    assert!(!shown.body.contains("practice-form"));
    let again = app
        .form(
            Method::POST,
            &format!("{location}/review"),
            Some(&secretariat),
            "action=publish",
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let bad = app.get("/practices?year=abc", Some(&expert)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_practice_shows_its_translation_or_says_it_has_none() {
    let (app, secretariat, bj, _ca, expert) = people().await;
    let practice = create(&app, &bj, FRENCH).await;
    app.json(
        Method::POST,
        &format!("/api/v1/practices/{practice}/publish"),
        Some(&secretariat),
        "",
    )
    .await;
    // An English reader sees the French original, marked.
    let page = app
        .get(&format!("/practices/{practice}"), Some(&expert))
        .await;
    assert!(page.body.contains("practice-marker"));
    assert!(page.body.contains("Égalité des genres"));
    app.store()
        .set_practice_translation(
            &gedhub_store::Actor::system("test"),
            practice,
            &gedhub_store::practices::PracticeText::parse(
                "en",
                "Gender equality in recruitment",
                "Gender-balanced panels.",
                "Regional offices trained the panels.",
                "More women recruited.",
            )
            .expect("text"),
        )
        .await
        .expect("translation");
    let page = app
        .get(&format!("/practices/{practice}"), Some(&expert))
        .await;
    assert!(!page.body.contains("practice-marker"));
    assert!(page.body.contains("Gender equality in recruitment"));
    let api = app.get("/api/v1/practices?q=panel", Some(&expert)).await;
    assert_eq!(api.json()[0]["language"], "en");
    assert_eq!(api.json()[0]["languages"], serde_json::json!(["fr", "en"]));
}

#[tokio::test]
async fn the_openapi_document_describes_the_practice_library() {
    let app = TestApp::new().await;
    let document = app.get("/api/v1/openapi.json", None).await.json();
    for path in [
        "/api/v1/practices",
        "/api/v1/practices/{practice}/publish",
        "/api/v1/practices/{practice}/request-changes",
        "/api/v1/practices/{practice}/archive",
        "/api/v1/practices/{practice}/submit",
        "/api/v1/practices/{practice}",
        "/api/v1/practices/{practice}/texts/{lang}",
    ] {
        assert!(document["paths"][path].is_object(), "{path}");
    }
}

#[tokio::test]
async fn the_author_and_the_secretariat_translate_and_the_search_follows() {
    let (app, secretariat, bj, ca, expert) = people().await;
    // The expert writes a practice of Benin's; Benin's focal point reads it
    // once published but may not translate someone else's words.
    let body = FRENCH.replace("{\"year\"", "{\"administration\":\"BJ\",\"year\"");
    let practice = create(&app, &expert, &body).await;
    let publish = app
        .json(
            Method::POST,
            &format!("/api/v1/practices/{practice}/publish"),
            Some(&secretariat),
            "",
        )
        .await;
    assert_eq!(publish.status, StatusCode::OK);
    let english = r#"{"title":"Gender equality in recruitment","summary":"Gender-balanced panels.","what_was_done":"Regional offices trained the panels.","results":"More women recruited."}"#;
    let path = format!("/api/v1/practices/{practice}/texts/en");
    let refused = app.json(Method::PUT, &path, Some(&bj), english).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = app
        .get(&format!("/practices/{practice}/translate"), Some(&bj))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        app.get("/api/v1/practices?q=panel", Some(&bj))
            .await
            .json()
            .as_array()
            .expect("list")
            .is_empty()
    );
    // The reader's language is missing: the original, marked.
    let shown = app
        .get(&format!("/api/v1/practices/{practice}"), Some(&ca))
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.json()["translated"], false);
    assert_eq!(shown.json()["language"], "fr");
    // The author translates; the search finds the English words at once.
    let saved = app.json(Method::PUT, &path, Some(&expert), english).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.json()["language"], "en");
    assert_eq!(saved.json()["translated"], true);
    let found = app.get("/api/v1/practices?q=panels", Some(&bj)).await;
    assert_eq!(ids(&found), vec![practice]);
    let shown = app
        .get(&format!("/api/v1/practices/{practice}"), Some(&ca))
        .await;
    assert_eq!(shown.json()["title"], "Gender equality in recruitment");
    assert_eq!(shown.json()["translated"], true);
    // Not the original's language, nor an unknown one.
    let same = app
        .json(
            Method::PUT,
            &format!("/api/v1/practices/{practice}/texts/fr"),
            Some(&secretariat),
            english,
        )
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(same.error_code(), "same_as_original");
    let unknown = app
        .json(
            Method::PUT,
            &format!("/api/v1/practices/{practice}/texts/xx"),
            Some(&secretariat),
            english,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The Secretariat translates through the page; it is audited.
    let form = app
        .get(
            &format!("/practices/{practice}/translate?lang=es"),
            Some(&secretariat),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("translate-form"));
    let posted = app
        .form(
            Method::POST,
            &format!("/practices/{practice}/translate"),
            Some(&secretariat),
            "language=es&title=Igualdad&summary=Paneles&what_was_done=Formaron&results=Mas+mujeres",
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let again = app
        .form(
            Method::POST,
            &format!("/practices/{practice}/translate"),
            Some(&secretariat),
            "language=es&title=&summary=Paneles&what_was_done=Formaron&results=Mas+mujeres",
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let audit = app
        .store()
        .audit_entries(
            &gedhub_store::audit::AuditFilter {
                entity: Some("practice".into()),
                action: Some("translate".into()),
                ..Default::default()
            },
            1,
            50,
        )
        .await
        .expect("audit");
    assert_eq!(audit.entries.len(), 2);
}

#[tokio::test]
async fn a_draft_is_not_found_through_the_api_by_others() {
    let (app, secretariat, bj, ca, _expert) = people().await;
    let draft_body = FRENCH.replace(
        "\"language\":\"fr\"",
        "\"language\":\"fr\",\"draft\":true,\"key_elements\":[\"P2.A\"]",
    );
    let draft = create(&app, &bj, &draft_body).await;
    for (cookie, expected) in [
        (&bj, StatusCode::OK),
        (&secretariat, StatusCode::OK),
        (&ca, StatusCode::NOT_FOUND),
    ] {
        let response = app
            .get(&format!("/api/v1/practices/{draft}"), Some(cookie))
            .await;
        assert_eq!(response.status, expected);
    }
    let own = app
        .get(&format!("/api/v1/practices/{draft}"), Some(&bj))
        .await;
    assert_eq!(own.json()["key_elements"], serde_json::json!(["P2.A"]));
    let translate = app
        .json(
            Method::PUT,
            &format!("/api/v1/practices/{draft}/texts/en"),
            Some(&ca),
            r#"{"title":"T","summary":"S","what_was_done":"D","results":"R"}"#,
        )
        .await;
    assert_eq!(translate.status, StatusCode::NOT_FOUND);
    let bad = FRENCH.replace(
        "\"language\":\"fr\"",
        "\"language\":\"fr\",\"key_elements\":[\"P2.Z\"]",
    );
    let refused = app
        .json(Method::POST, "/api/v1/practices", Some(&bj), &bad)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_code(), "unknown_key_element");
}

#[tokio::test]
async fn attachments_follow_the_practice_and_a_drafts_are_hidden() {
    let (app, secretariat, bj, ca, expert) = people().await;
    let draft_body = FRENCH.replace("\"language\":\"fr\"", "\"language\":\"fr\",\"draft\":true");
    let practice = create(&app, &bj, &draft_body).await;
    let path = format!("/practices/{practice}/attachments");
    // Another administration's focal point cannot even find the draft.
    let refused = crate::plans::upload(&app, &ca, &path, "report.pdf", b"%PDF-1.4 report").await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let bad = crate::plans::upload(&app, &bj, &path, "virus.exe", b"MZ\x90\x00binary").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let added = crate::plans::upload(&app, &bj, &path, "report.pdf", b"%PDF-1.4 report").await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let files = app
        .store()
        .practice_attachments(practice)
        .await
        .expect("files");
    assert_eq!(files.len(), 1);
    let file = format!("{path}/{}", files[0].id);
    let page = app.get(&format!("/practices/{practice}"), Some(&bj)).await;
    assert!(page.body.contains(&file));
    for (cookie, expected) in [
        (&bj, StatusCode::OK),
        (&secretariat, StatusCode::OK),
        (&ca, StatusCode::NOT_FOUND),
        (&expert, StatusCode::NOT_FOUND),
    ] {
        assert_eq!(app.get(&file, Some(cookie)).await.status, expected);
    }
    // Once published, everyone who reads the practice reads its files; only
    // the Secretariat still changes them.
    for action in ["submit", "publish"] {
        let moved = app
            .json(
                Method::POST,
                &format!("/api/v1/practices/{practice}/{action}"),
                Some(&secretariat),
                "",
            )
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{action}");
    }
    let download = app.get(&file, Some(&ca)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.body.starts_with("%PDF"));
    let late = crate::plans::upload(&app, &bj, &path, "late.pdf", b"%PDF-1.4 late").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let delete = format!("{file}/delete");
    assert_eq!(
        app.form(Method::POST, &delete, Some(&bj), "").await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.form(Method::POST, &delete, Some(&ca), "").await.status,
        StatusCode::FORBIDDEN,
        "a reader who does not manage it"
    );
    assert_eq!(
        app.form(Method::POST, &delete, Some(&secretariat), "")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&file, Some(&ca)).await.status,
        StatusCode::NOT_FOUND
    );
    let audit = app
        .store()
        .audit_entries(
            &gedhub_store::audit::AuditFilter {
                entity: Some("practice_attachment".into()),
                ..Default::default()
            },
            1,
            50,
        )
        .await
        .expect("audit");
    assert_eq!(audit.entries.len(), 2, "created and deleted");
}
