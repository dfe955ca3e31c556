//! Sign-in hardening (issue 16, items 2, 3 and 8): redirect targets after
//! signing in and after choosing a language, no half-made session on a
//! refused sign-in, and throttling that a stranger cannot turn against the
//! owner of an account.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::Role;
use gedhub_core::signin::Throttle;
use gedhub_store::Timestamp;
use gedhub_store::audit::AuditFilter;
use gedhub_web::WebConfig;

use crate::support::{PASSWORD, TestApp, TestResponse};

const OWNER: &str = "secretariat@wco.test";
const STRANGER_ADDRESS: &str = "203.0.113.9";
const OWNER_ADDRESS: &str = "198.51.100.7";

fn form_value(raw: &str) -> String {
    serde_urlencoded::to_string([("v", raw)])
        .expect("encodable")
        .trim_start_matches("v=")
        .to_owned()
}

/// A sign-in through the form from `address` (behind a trusted proxy).
async fn sign_in_from(app: &TestApp, address: &str, email: &str, password: &str) -> TestResponse {
    let body = format!(
        "email={}&password={}",
        form_value(email),
        form_value(password)
    );
    let request = TestApp::request(Method::POST, "/login", None)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", address)
        .body(Body::from(body))
        .expect("request");
    app.send(request).await
}

fn behind_proxy() -> WebConfig {
    WebConfig {
        trust_proxy_headers: true,
        ..WebConfig::default()
    }
}

async fn app_with_owner(config: WebConfig) -> TestApp {
    let app = TestApp::with_config(config).await;
    app.user(OWNER, Role::Secretariat, None).await;
    app
}

/// What a refused request must not have written.
async fn written(app: &TestApp) -> (i64, i64, i64) {
    (
        app.db.count_rows("sessions").await,
        app.db.count_rows("login_attempts").await,
        app.db.count_rows("audit_log").await,
    )
}

async fn audit_actions(app: &TestApp, action: &str) -> Vec<gedhub_store::audit::AuditEntry> {
    app.store()
        .audit_entries(
            &AuditFilter {
                action: Some(action.to_owned()),
                ..AuditFilter::default()
            },
            1,
            500,
        )
        .await
        .expect("audit entries")
        .entries
}

// ----- redirect targets ---------------------------------------------------------

/// Known bypasses, as a browser would submit them in the form.
const BAD_TARGETS: &[&str] = &[
    "/\t/evil.example",
    "/\n/x",
    "/\r\nSet-Cookie: gedhub_session=attacker",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "/%09/evil.example",
    "/.//evil.example",
    "/\u{ff0f}evil.example",
    "/plans\0",
];

#[tokio::test]
async fn a_next_that_leaves_the_site_is_refused_with_400_and_writes_nothing() {
    let app = app_with_owner(WebConfig::default()).await;
    let before = written(&app).await;
    for target in BAD_TARGETS {
        let response = app
            .form(
                Method::POST,
                "/login",
                None,
                &format!(
                    "email={OWNER}&password={}&next={}",
                    form_value(PASSWORD),
                    form_value(target)
                ),
            )
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{target:?}");
        assert!(response.session_cookie().is_none(), "{target:?}");
        assert!(response.headers.get(header::LOCATION).is_none());
        assert!(
            response.body.contains("This sign-in link is not valid"),
            "{target:?}"
        );
        // The form comes back with a safe target, so signing in again works.
        assert!(response.body.contains(r#"name="next" value="/dashboard""#));
        assert!(!response.body.contains("evil.example"), "{target:?}");
        assert_eq!(written(&app).await, before, "{target:?}");
    }
    // The same form without the bad target signs in.
    let fine = app
        .form(
            Method::POST,
            "/login",
            None,
            &format!("email={OWNER}&password={}", form_value(PASSWORD)),
        )
        .await;
    assert_eq!(fine.status, StatusCode::SEE_OTHER);
    assert_eq!(fine.header("location"), "/dashboard");
}

#[tokio::test]
async fn a_next_on_this_site_is_followed_exactly() {
    let app = app_with_owner(WebConfig::default()).await;
    let response = app
        .form(
            Method::POST,
            "/login",
            None,
            &format!(
                "email={OWNER}&password={}&next={}",
                form_value(PASSWORD),
                form_value("/plans/3?tab=x#y")
            ),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/plans/3?tab=x#y");
    assert!(response.session_cookie().is_some());
    assert_eq!(app.db.count_rows("sessions").await, 1);
}

#[tokio::test]
async fn the_sign_in_form_does_not_echo_a_next_that_leaves_the_site() {
    let app = TestApp::new().await;
    for target in BAD_TARGETS {
        let page = app
            .get(&format!("/login?next={}", form_value(target)), None)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{target:?}");
        assert!(
            page.body.contains(r#"name="next" value="/dashboard""#),
            "{target:?}: {}",
            page.body
        );
        assert!(!page.body.contains("evil.example"), "{target:?}");
    }
    let good = app.get("/login?next=%2Fplans%2F3%3Ftab%3Dx", None).await;
    assert!(good.body.contains(r#"name="next" value="/plans/3?tab=x""#));
}

#[tokio::test]
async fn the_language_switch_refuses_a_return_to_that_leaves_the_site_and_changes_nothing() {
    let app = app_with_owner(WebConfig::default()).await;
    let cookie = app.sign_in(OWNER).await;
    let before = written(&app).await;
    for target in ["/\n/x", "//evil.example", "/\t/evil.example", "https:evil"] {
        let body = format!("locale=fr&return_to={}", form_value(target));
        // Signed in: the account's language is not changed.
        let signed_in = app
            .form(Method::POST, "/account/language", Some(&cookie), &body)
            .await;
        assert_eq!(signed_in.status, StatusCode::BAD_REQUEST, "{target:?}");
        assert!(signed_in.headers.get(header::LOCATION).is_none());
        assert!(
            signed_in
                .body
                .contains("This link leads away from gedhub and was refused."),
            "{}",
            signed_in.body
        );
        // A visitor: no language cookie is set.
        let visitor = app
            .form(Method::POST, "/account/language", None, &body)
            .await;
        assert_eq!(visitor.status, StatusCode::BAD_REQUEST, "{target:?}");
        assert!(visitor.headers.get(header::SET_COOKIE).is_none());
    }
    assert_eq!(written(&app).await, before);
    let users = app.store().users().await.expect("users");
    assert_eq!(users[0].locale, None, "the language was not saved");
    // A path of this site still works.
    let fine = app
        .form(
            Method::POST,
            "/account/language",
            Some(&cookie),
            "locale=fr&return_to=/plans",
        )
        .await;
    assert_eq!(
        (fine.status, fine.header("location").as_str()),
        (StatusCode::SEE_OTHER, "/plans")
    );
}

// ----- throttling ----------------------------------------------------------------

#[tokio::test]
async fn a_strangers_wrong_passwords_do_not_lock_the_owner_out_from_another_address() {
    let app = app_with_owner(behind_proxy()).await;
    let mut statuses = Vec::new();
    for n in 0..50 {
        let response =
            sign_in_from(&app, STRANGER_ADDRESS, OWNER, &format!("guess number {n}")).await;
        assert!(response.session_cookie().is_none());
        statuses.push(response.status);
    }
    // Four free failures, a fifth that starts the wait, then refusals that
    // do not even check the password.
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count(),
        5
    );
    assert!(
        statuses[5..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    // The stranger's address is throttled even with the right password...
    let stranger = sign_in_from(&app, STRANGER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(stranger.session_cookie().is_none());
    let retry_after: i64 = stranger.header("retry-after").parse().expect("seconds");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(stranger.body.contains("Too many failed attempts. Wait"));
    // ...while the owner, from an address that has not been failing, signs in.
    let owner = sign_in_from(&app, OWNER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER, "{}", owner.body);
    assert!(owner.session_cookie().is_some());

    // The audit log keeps every failure (with the address) and the sign-in.
    let failures = audit_actions(&app, "sign_in_failed").await;
    assert_eq!(failures.len(), 5);
    assert!(failures.iter().all(|entry| entry.entity_key == OWNER
        && entry.after.as_ref().map(|after| after["address"].clone())
            == Some(serde_json::json!(STRANGER_ADDRESS))
        && entry.after.as_ref().map(|after| after["reason"].clone())
            == Some(serde_json::json!("wrong_password"))));
    let sign_ins = audit_actions(&app, "sign_in").await;
    assert_eq!(sign_ins.len(), 1);
    assert_eq!(
        sign_ins[0].after,
        Some(serde_json::json!({ "address": OWNER_ADDRESS }))
    );
}

#[tokio::test]
async fn the_client_cannot_choose_its_address_in_x_forwarded_for() {
    let app = app_with_owner(behind_proxy()).await;
    // The proxy appends the address it saw; what comes before is the
    // client's own text and changes nothing.
    for n in 0..5 {
        let response = sign_in_from(
            &app,
            &format!("10.0.0.{n}, {STRANGER_ADDRESS}"),
            OWNER,
            "wrong guess",
        )
        .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let spoofed = sign_in_from(
        &app,
        &format!("{OWNER_ADDRESS}, {STRANGER_ADDRESS}"),
        OWNER,
        PASSWORD,
    )
    .await;
    assert_eq!(spoofed.status, StatusCode::TOO_MANY_REQUESTS);
    // Nor can it frame the owner's address: that one was never counted.
    let owner = sign_in_from(&app, OWNER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
}

/// A clock the test moves forward.
fn movable_clock() -> (gedhub_web::state::Clock, Arc<AtomicI64>) {
    let start = Timestamp::from_db("2026-03-02T09:00:00Z").expect("a moment");
    let offset = Arc::new(AtomicI64::new(0));
    let seen = offset.clone();
    let clock: gedhub_web::state::Clock =
        Arc::new(move || start.plus(chrono::Duration::seconds(seen.load(Ordering::SeqCst))));
    (clock, offset)
}

#[tokio::test]
async fn the_wait_doubles_with_each_failure_and_a_sign_in_resets_it() {
    let (clock, offset) = movable_clock();
    let app = TestApp::with_clock(behind_proxy(), clock).await;
    app.user(OWNER, Role::Secretariat, None).await;
    let attempt = |password: &'static str| sign_in_from(&app, STRANGER_ADDRESS, OWNER, password);
    for _ in 0..5 {
        assert_eq!(attempt("wrong").await.status, StatusCode::UNAUTHORIZED);
    }
    // The fifth failure costs one minute.
    let waiting = attempt(PASSWORD).await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(waiting.header("retry-after"), "60");
    assert!(waiting.body.contains("Wait one minute"), "{}", waiting.body);
    offset.store(59, Ordering::SeqCst);
    assert_eq!(
        attempt(PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    offset.store(60, Ordering::SeqCst);
    // The sixth costs two minutes from then.
    assert_eq!(attempt("wrong").await.status, StatusCode::UNAUTHORIZED);
    offset.store(120, Ordering::SeqCst);
    let longer = attempt(PASSWORD).await;
    assert_eq!(longer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(longer.header("retry-after"), "60");
    offset.store(180, Ordering::SeqCst);
    let signed_in = attempt(PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    // A sign-in resets the count for this address: the next slip is free.
    assert_eq!(attempt("wrong").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt(PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_address_that_fails_on_many_accounts_is_throttled_for_all() {
    let app = TestApp::with_config(WebConfig {
        sign_in_throttle: Throttle {
            per_address: 3,
            ..Throttle::default()
        },
        ..behind_proxy()
    })
    .await;
    app.user(OWNER, Role::Secretariat, None).await;
    for n in 0..3 {
        let response =
            sign_in_from(&app, STRANGER_ADDRESS, &format!("guess{n}@wco.test"), "x").await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let throttled = sign_in_from(&app, STRANGER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.header("retry-after"), "900");
    // Failures on unknown accounts are audited too.
    let failures = audit_actions(&app, "sign_in_failed").await;
    assert_eq!(failures.len(), 3);
    assert!(failures.iter().all(
        |entry| entry.after.as_ref().map(|after| after["reason"].clone())
            == Some(serde_json::json!("unknown_account"))
    ));
    // Another address is not concerned.
    let owner = sign_in_from(&app, OWNER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_account_under_attack_gives_failing_addresses_no_free_tries_but_lets_a_clean_one_in() {
    let app = TestApp::with_config(WebConfig {
        sign_in_throttle: Throttle {
            hot_account_failures: 3,
            ..Throttle::default()
        },
        ..behind_proxy()
    })
    .await;
    app.user(OWNER, Role::Secretariat, None).await;
    // A botnet: three addresses, one wrong password each.
    for n in 1..=3 {
        let response = sign_in_from(&app, &format!("192.0.2.{n}"), OWNER, "wrong").await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    // Their second tries wait (they would be free on a quiet account).
    let again = sign_in_from(&app, "192.0.2.1", OWNER, "wrong").await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    // The owner's clean address is let in.
    let owner = sign_in_from(&app, OWNER_ADDRESS, OWNER, PASSWORD).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_wrong_password_or_a_throttled_attempt_leaves_no_session() {
    let app = app_with_owner(WebConfig::default()).await;
    for _ in 0..7 {
        let response = app
            .form(
                Method::POST,
                "/login",
                None,
                &format!("email={OWNER}&password=wrong"),
            )
            .await;
        assert!(response.session_cookie().is_none());
    }
    let throttled = app
        .form(
            Method::POST,
            "/login",
            None,
            &format!("email={OWNER}&password={}", form_value(PASSWORD)),
        )
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.db.count_rows("sessions").await, 0);
    // Only the five failures that checked a password were counted.
    assert_eq!(app.db.count_rows("login_attempts").await, 5);
}

/// A forgotten password (issue 19): the form answers the same for a known
/// and an unknown address, the e-mailed link works once, the new password
/// signs in, the old one no longer does, every session ends, the sign-in
/// page says so with the address filled in, and an inbox cannot be flooded.
#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_one_time_link() {
    let app = TestApp::new().await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    let old_session = app.sign_in("focal@bj.test").await;
    let login = app.get("/login", None).await;
    assert!(login.body.contains(r#"href="/account/password-reset""#));

    let ask = |email: &str| {
        let body = format!("email={}", email.replace('@', "%40"));
        let app = &app;
        async move {
            app.form(Method::POST, "/account/password-reset", None, &body)
                .await
        }
    };
    let known = ask("focal@bj.test").await;
    let unknown = ask("nobody@bj.test").await;
    for response in [&known, &unknown] {
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        assert_eq!(
            response.header("location"),
            "/account/password-reset?sent=1"
        );
    }
    let sent = app.get("/account/password-reset?sent=1", None).await;
    assert!(sent.body.contains(r#"id="reset-sent""#));
    let malformed = ask("not-an-address").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains(r#"value="not-an-address""#));

    let emails = app.store().pending_emails(10).await.expect("emails");
    assert_eq!(emails.len(), 1, "only the known address gets a link");
    let email = &emails[0];
    assert_eq!(email.recipient, "focal@bj.test");
    let prefix = "http://localhost:8080/account/setup/";
    let start = email.body.find(prefix).expect("a link") + prefix.len();
    let token: String = email.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let link = format!("/account/setup/{token}");
    let page = app.get(&link, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Choose a new password"), "{}", page.body);

    let set = app
        .form(
            Method::POST,
            &link,
            None,
            "new_password=a+brand+new+passphrase&confirm_password=a+brand+new+passphrase",
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert_eq!(set.header("location"), "/login?password_set=1");
    let remembered = set
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("gedhub_sign_in_email="))
        .and_then(|c| c.split(';').next())
        .expect("the address to fill in")
        .to_owned();
    let login = app.get("/login?password_set=1", Some(&remembered)).await;
    assert!(login.body.contains(r#"id="login-notice""#));
    assert!(login.body.contains(r#"value="focal@bj.test""#));

    // The old session ended; the old password fails; the new one works.
    assert_eq!(
        app.get("/dashboard", Some(&old_session)).await.status,
        StatusCode::SEE_OTHER
    );
    let old = app
        .form(
            Method::POST,
            "/login",
            None,
            &format!(
                "email=focal%40bj.test&password={}",
                PASSWORD.replace(' ', "+")
            ),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal%40bj.test&password=a+brand+new+passphrase",
        )
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "{}", new.body);
    // The link worked once.
    assert_eq!(app.get(&link, None).await.status, StatusCode::NOT_FOUND);

    // At most three links per account and hour, whatever is asked.
    for _ in 0..5 {
        assert_eq!(ask("focal@bj.test").await.status, StatusCode::SEE_OTHER);
    }
    let links = app
        .store()
        .pending_emails(20)
        .await
        .expect("emails")
        .iter()
        .filter(|e| e.recipient == "focal@bj.test")
        .count();
    assert_eq!(links, 3);
}
