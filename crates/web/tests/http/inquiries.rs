//! Contact and inquiries over HTTP (issue 8): the public contact page,
//! isolation between requesters, the form's spam checks (honeypot, minimum
//! fill time, single-use token, hourly limit, links), the Secretariat's
//! inbox and replies, and the notifications they send.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::Role;
use gedhub_web::WebConfig;

use crate::support::{TestApp, TestResponse};

const QUESTION: &str = r#"{"topic":"training","subject":"Next workshop","message":"When is the next regional workshop?"}"#;

/// An app whose form accepts an immediate submission (the fill-time test
/// uses the default).
async fn people_with(config: WebConfig) -> (TestApp, String, String, String) {
    let app = TestApp::with_config(config).await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("focal.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal.ca@wco.test", Role::FocalPoint, Some("CA"))
        .await;
    let secretariat = app.sign_in("secretariat@wco.test").await;
    let bj = app.sign_in("focal.bj@wco.test").await;
    let ca = app.sign_in("focal.ca@wco.test").await;
    (app, secretariat, bj, ca)
}

async fn people() -> (TestApp, String, String, String) {
    people_with(WebConfig {
        inquiry_min_fill_seconds: 0,
        ..WebConfig::default()
    })
    .await
}

async fn send(app: &TestApp, cookie: &str) -> i64 {
    let response = app
        .json(Method::POST, "/api/v1/inquiries", Some(cookie), QUESTION)
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()["id"].as_i64().expect("id")
}

/// The contact form's token, as the page gives it.
async fn form_token(app: &TestApp, cookie: &str) -> String {
    let page = app.get("/contact", Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let marker = r#"name="token" value=""#;
    let start = page.body.find(marker).expect("a token field") + marker.len();
    page.body[start..]
        .split('"')
        .next()
        .expect("token")
        .to_owned()
}

async fn count(app: &TestApp, cookie: &str) -> usize {
    app.get("/api/v1/inquiries", Some(cookie))
        .await
        .json()
        .as_array()
        .expect("list")
        .len()
}

#[tokio::test]
async fn the_contact_page_is_public_and_anonymous_visitors_cannot_send() {
    let (app, _, bj, _) = people().await;
    let page = app.get("/contact", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("capacity.building@wcoomd.org"));
    assert!(page.body.contains("/login?next=/contact"));
    assert!(!page.body.contains("inquiry-form"));
    // Every page links to it.
    assert!(
        app.get("/login", None)
            .await
            .body
            .contains(r#"href="/contact""#)
    );
    let signed_in = app.get("/contact", Some(&bj)).await;
    assert!(signed_in.body.contains(r#"id="inquiry-form""#));
    let api = app
        .json(Method::POST, "/api/v1/inquiries", None, QUESTION)
        .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    let form = app
        .form(
            Method::POST,
            "/inquiries",
            None,
            "subject=Hello&message=Anonymous",
        )
        .await;
    assert_eq!(form.status, StatusCode::SEE_OTHER);
    assert!(form.header("location").starts_with("/login"));
}

#[tokio::test]
async fn a_user_never_sees_another_users_inquiry() {
    let (app, secretariat, bj, ca) = people().await;
    let id = send(&app, &bj).await;
    for path in [
        format!("/inquiries/{id}"),
        format!("/api/v1/inquiries/{id}"),
    ] {
        assert_eq!(app.get(&path, Some(&bj)).await.status, StatusCode::OK);
        assert_eq!(
            app.get(&path, Some(&secretariat)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get(&path, Some(&ca)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let reply = app
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/replies"),
            Some(&ca),
            r#"{"body":"Let me in"}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error_code(), "not_found");
    assert_eq!(count(&app, &ca).await, 0);
    assert_eq!(count(&app, &bj).await, 1);
    assert_eq!(count(&app, &secretariat).await, 1);
    // The inbox is the Secretariat's.
    assert_eq!(
        app.get("/inquiries", Some(&bj)).await.status,
        StatusCode::FORBIDDEN
    );
    let status = app
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/status"),
            Some(&bj),
            r#"{"status":"closed"}"#,
        )
        .await;
    assert_eq!(status.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_secretariat_answers_the_requester_is_told_and_may_reopen() {
    let (app, secretariat, bj, _) = people().await;
    let token = form_token(&app, &bj).await;
    let sent = app
        .form(
            Method::POST,
            "/inquiries",
            Some(&bj),
            &format!(
                "token={token}&website=&topic=diagnostic&subject=GEOAT+timing&message=How+long+does+a+diagnostic+take%3F"
            ),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let location = sent.header("location");
    let id: i64 = location
        .trim_start_matches("/inquiries/")
        .parse()
        .expect("an inquiry page");
    let inbox = app.get("/inquiries?status=new", Some(&secretariat)).await;
    assert!(inbox.body.contains("GEOAT timing"));
    assert!(inbox.body.contains("Name of focal.bj@wco.test"));
    let answered = app
        .get(
            "/inquiries?status=answered&administration=bj",
            Some(&secretariat),
        )
        .await;
    assert!(!answered.body.contains("GEOAT timing"));
    let reply = app
        .form(
            Method::POST,
            &format!("/inquiries/{id}/replies"),
            Some(&secretariat),
            "body=About+six+weeks.",
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = app.get(&location, Some(&bj)).await;
    assert!(page.body.contains("About six weeks."));
    assert!(page.body.contains("Answered"));
    let notifications = app.get("/notifications", Some(&bj)).await;
    assert!(
        notifications.body.contains("GEOAT timing"),
        "{}",
        notifications.body
    );
    let emails = app.store().pending_emails(10).await.expect("emails");
    assert!(
        emails
            .iter()
            .any(|e| e.recipient == "focal.bj@wco.test" && e.subject.contains("GEOAT timing"))
    );
    // The requester answers back: the inquiry is open again.
    let back = app
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/replies"),
            Some(&bj),
            r#"{"body":"Thank you. And the workshop?"}"#,
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(back.json()["status"], "in_progress");
    assert_eq!(back.json()["messages"].as_array().expect("thread").len(), 3);
    let closed = app
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/status"),
            Some(&secretariat),
            r#"{"status":"closed"}"#,
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(closed.json()["status"], "closed");
    let unknown = app
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/status"),
            Some(&secretariat),
            r#"{"status":"spam"}"#,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_code(), "unknown_status");
}

/// The contact form sent from its page, as a browser sends it (with the
/// `Referer` that says which page the form is on).
async fn from_contact_page(app: &TestApp, cookie: &str, body: &str) -> TestResponse {
    app.send(
        TestApp::request(Method::POST, "/inquiries", Some(cookie))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::REFERER, "http://localhost/contact")
            .body(Body::from(body.to_owned()))
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn a_form_sent_too_fast_is_refused_with_the_text_kept() {
    let (app, _, bj, _) = people_with(WebConfig::default()).await;
    let token = form_token(&app, &bj).await;
    let refused = from_contact_page(
        &app,
        &bj,
        &format!("token={token}&subject=Quick&message=Typed+by+a+script"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("sent too quickly"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Typed by a script"));
    assert_eq!(count(&app, &bj).await, 0);
}

#[tokio::test]
async fn the_honeypot_and_a_used_or_missing_token_are_refused() {
    let (app, _, bj, ca) = people().await;
    let token = form_token(&app, &bj).await;
    let honeypot = app
        .form(
            Method::POST,
            "/inquiries",
            Some(&bj),
            &format!("token={token}&website=http%3A%2F%2Fspam.example&subject=Deal&message=Buy"),
        )
        .await;
    assert_eq!(honeypot.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(honeypot.body.contains("Leave this field empty"));
    assert_eq!(count(&app, &bj).await, 0);
    // Tokens are single-use and the user's own.
    let token = form_token(&app, &bj).await;
    let body = format!("token={token}&subject=Hello&message=A+question");
    let first = app.form(Method::POST, "/inquiries", Some(&bj), &body).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let again = app.form(Method::POST, "/inquiries", Some(&bj), &body).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("expired"));
    let token = form_token(&app, &bj).await;
    let stolen = app
        .form(
            Method::POST,
            "/inquiries",
            Some(&ca),
            &format!("token={token}&subject=Hello&message=A+question"),
        )
        .await;
    assert_eq!(stolen.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = app
        .form(
            Method::POST,
            "/inquiries",
            Some(&ca),
            "subject=Hello&message=A+question",
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, &bj).await, 1);
    assert_eq!(count(&app, &ca).await, 0);
}

#[tokio::test]
async fn the_hourly_limit_answers_429_and_links_and_lengths_are_capped() {
    let (app, _, bj, _) = people().await;
    for _ in 0..5 {
        send(&app, &bj).await;
    }
    let sixth = app
        .json(Method::POST, "/api/v1/inquiries", Some(&bj), QUESTION)
        .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sixth.error_code(), "inquiry_rate_limited");
    // The form says so in the user's language and keeps the text.
    let token = form_token(&app, &bj).await;
    let form = from_contact_page(
        &app,
        &format!("{bj}; gedhub_lang=fr"),
        &format!("token={token}&subject=Encore&message=Mon+texte"),
    )
    .await;
    assert_eq!(form.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(form.body.contains("Mon texte"));
    let (app, _, _, ca) = people().await;
    let links = app
        .json(
            Method::POST,
            "/api/v1/inquiries",
            Some(&ca),
            r#"{"subject":"Links","message":"https://a.example https://b.example https://c.example https://d.example"}"#,
        )
        .await;
    assert_eq!(links.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(links.error_code(), "too_many_links");
    let long = format!(r#"{{"subject":"Long","message":"{}"}}"#, "a".repeat(5_001));
    let too_long = app
        .json(Method::POST, "/api/v1/inquiries", Some(&ca), &long)
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.error_code(), "too_long");
    let blank = app
        .json(
            Method::POST,
            "/api/v1/inquiries",
            Some(&ca),
            r#"{"subject":" ","message":"x"}"#,
        )
        .await;
    assert_eq!(blank.error_code(), "required");
}

#[tokio::test]
async fn the_secretariat_changes_the_contact_address() {
    let (app, secretariat, bj, _) = people().await;
    assert_eq!(
        app.get("/contact/settings", Some(&bj)).await.status,
        StatusCode::FORBIDDEN
    );
    let bad = app
        .form(
            Method::POST,
            "/contact/settings",
            Some(&secretariat),
            "address=not-an-address",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .form(
            Method::POST,
            "/contact/settings",
            Some(&secretariat),
            "address=ged%40wcoomd.org",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/contact", None)
            .await
            .body
            .contains("ged@wcoomd.org")
    );
}

/// Someone who follows their browser's language gets what is sent while they
/// are away in the language of their last visit, not in English (issue 19).
#[tokio::test]
async fn a_reply_reaches_the_requester_in_the_language_of_their_last_visit() {
    let (app, secretariat, bj, _) = people().await;
    let id = send(&app, &bj).await;
    let visit = app
        .send(
            TestApp::request(Method::GET, "/dashboard", Some(&bj))
                .header("accept-language", "fr-BJ,fr;q=0.9")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(visit.status, StatusCode::OK);
    let reply = app
        .form(
            Method::POST,
            &format!("/inquiries/{id}/replies"),
            Some(&secretariat),
            "body=In+June.",
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let emails = app.store().pending_emails(10).await.expect("emails");
    let to_bj = emails
        .iter()
        .find(|e| e.recipient == "focal.bj@wco.test")
        .expect("an e-mail to the requester");
    assert_eq!(
        to_bj.subject,
        "Le Secrétariat a répondu à votre demande «\u{a0}Next workshop\u{a0}»"
    );
    // A language chosen in the settings wins over the browser's.
    let settings = app
        .form(Method::POST, "/account/language", Some(&bj), "locale=en")
        .await;
    assert_eq!(settings.status, StatusCode::SEE_OTHER, "{}", settings.body);
    let again = app
        .form(
            Method::POST,
            &format!("/inquiries/{id}/replies"),
            Some(&secretariat),
            "body=Or+July.",
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let emails = app.store().pending_emails(10).await.expect("emails");
    assert!(
        emails.iter().any(|e| e.recipient == "focal.bj@wco.test"
            && e.subject.starts_with("The Secretariat answered")),
        "{emails:?}"
    );
}

/// The header counts unread notifications on every page until they are
/// read (issue 19: a notification badge in the header).
#[tokio::test]
async fn the_header_counts_unread_notifications_until_they_are_read() {
    let (app, secretariat, bj, _) = people().await;
    let before = app.get("/dashboard", Some(&bj)).await;
    assert!(!before.body.contains("nav-badge"), "no badge without news");
    let id = send(&app, &bj).await;
    let reply = app
        .form(
            Method::POST,
            &format!("/inquiries/{id}/replies"),
            Some(&secretariat),
            "body=In+June.",
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let after = app.get("/dashboard", Some(&bj)).await;
    assert!(
        after
            .body
            .contains(r#"<span class="nav-badge" aria-hidden="true">1</span><span class="visually-hidden">(1 unread)</span>"#),
        "{}",
        after.body
    );
    // Marking them read (the notifications page's button) clears the badge.
    let page = app.get("/notifications", Some(&bj)).await;
    let marker = r#"name="up_to" value=""#;
    let start = page.body.find(marker).expect("a mark-read form") + marker.len();
    let up_to = page.body[start..].split('"').next().expect("newest id");
    let read = app
        .form(
            Method::POST,
            "/notifications/read",
            Some(&bj),
            &format!("up_to={up_to}"),
        )
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER, "{}", read.body);
    let later = app.get("/dashboard", Some(&bj)).await;
    assert!(
        !later.body.contains("nav-badge"),
        "the badge goes once read"
    );
}
