//! Signing in and out, sessions across servers, tokens, passwords, languages.

use axum::http::{Method, StatusCode};
use gedhub_core::{Email, Role};
use gedhub_store::Actor;
use gedhub_web::WebConfig;

use crate::support::{TestApp, TestResponse};

async fn app_with_focal_point() -> TestApp {
    let app = TestApp::new().await;
    app.user("focal@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app
}

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_session_cookie_and_redirects() {
    let app = app_with_focal_point().await;
    let response = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=Focal%40WCO.test&password=correct+horse+battery&next=/administrations/BJ",
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/administrations/BJ");
    let set_cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("gedhub_session="))
        .expect("session cookie")
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Secure"), "plain HTTP by default");
    let cookie = response.session_cookie().expect("cookie");
    let me = app.get("/api/v1/me", Some(&cookie)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(
        me.json(),
        serde_json::json!({"email": "focal@wco.test", "name": "Name of focal@wco.test", "role": "focal_point", "administration": "BJ"})
    );
}

#[tokio::test]
async fn cookies_are_secure_when_configured_for_https() {
    let app = TestApp::with_config(WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    })
    .await;
    app.user("focal@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    let response = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=correct+horse+battery",
        )
        .await;
    assert!(response.header("set-cookie").contains("Secure"));
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_with_an_alert_and_no_cookie() {
    let app = app_with_focal_point().await;
    let response = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=wrong+password",
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert!(
        response.body.contains(r#"role="alert""#) && response.body.contains("password is wrong")
    );
    assert!(response.session_cookie().is_none());
    let unknown = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=nobody@wco.test&password=wrong+password",
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "unknown accounts look the same"
    );
}

#[tokio::test]
async fn sign_in_is_throttled_per_account_and_address_even_with_the_right_password() {
    let app = app_with_focal_point().await;
    for _ in 0..5 {
        let response = app
            .form(
                Method::POST,
                "/login",
                None,
                "email=focal@wco.test&password=wrong+password",
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let locked = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=correct+horse+battery",
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("Too many failed attempts"));
    assert!(locked.session_cookie().is_none());
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let app = TestApp::with_config(WebConfig {
        sign_in_throttle: gedhub_core::signin::Throttle {
            per_address: 3,
            ..gedhub_core::signin::Throttle::default()
        },
        ..WebConfig::default()
    })
    .await;
    app.user("focal@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    for n in 0..3 {
        app.form(
            Method::POST,
            "/login",
            None,
            &format!("email=guess{n}@wco.test&password=x"),
        )
        .await;
    }
    let locked = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=correct+horse+battery",
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = app_with_focal_point().await;
    let cookie = app.sign_in("focal@wco.test").await;
    let out = app.form(Method::POST, "/logout", Some(&cookie), "").await;
    assert_eq!(
        (out.status, out.header("location").as_str()),
        (StatusCode::SEE_OTHER, "/login")
    );
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    let after = app.get("/api/v1/me", Some(&cookie)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let page = app.get("/dashboard", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.header("location"), "/login?next=%2Fdashboard");
}

#[tokio::test]
async fn a_session_opened_on_one_server_is_recognised_by_another_on_the_same_database() {
    let app = app_with_focal_point().await;
    let cookie = app.sign_in("focal@wco.test").await;
    let other_server = app.second_server().await;
    let request = TestApp::request(Method::GET, "/api/v1/me", Some(&cookie))
        .body(axum::body::Body::empty())
        .expect("request");
    let response: TestResponse = TestApp::send_to(&other_server, request).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json()["email"], "focal@wco.test");
    // Signing out on the second server ends the session on the first.
    let out = TestApp::request(Method::POST, "/logout", Some(&cookie))
        .body(axum::body::Body::empty())
        .expect("request");
    TestApp::send_to(&other_server, out).await;
    assert_eq!(
        app.get("/api/v1/me", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_personal_token_authenticates_api_calls_and_a_wrong_one_is_refused() {
    let app = app_with_focal_point().await;
    let token = app
        .store()
        .create_api_token(
            &Actor::system("test"),
            &Email::parse("focal@wco.test").expect("valid"),
        )
        .await
        .expect("token");
    let request = TestApp::request(Method::GET, "/api/v1/me", None)
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .expect("request");
    let me = app.send(request).await;
    assert_eq!(
        (me.status, me.json()["role"].as_str()),
        (StatusCode::OK, Some("focal_point"))
    );
    let forged = TestApp::request(Method::GET, "/api/v1/me", None)
        .header("authorization", "Bearer not-a-token")
        .body(axum::body::Body::empty())
        .expect("request");
    let refused = app.send(forged).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.error_code(), "unauthenticated");
    assert!(refused.header("www-authenticate").starts_with("Bearer"));
}

#[tokio::test]
async fn every_api_route_but_the_openapi_document_needs_credentials() {
    let app = TestApp::new().await;
    for route in gedhub_web::routes::table() {
        if !route.path.starts_with("/api/") {
            continue;
        }
        let path = route.path.replace("{code}", "BJ");
        let response = app.json(route.method.clone(), &path, None, "{}").await;
        if route.path == "/api/v1/openapi.json" {
            assert_eq!(response.status, StatusCode::OK);
        } else {
            assert_eq!(
                response.status,
                StatusCode::UNAUTHORIZED,
                "{} {}",
                route.method,
                route.path
            );
            assert_eq!(response.error_code(), "unauthenticated");
        }
    }
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_sessions() {
    let app = app_with_focal_point().await;
    let here = app.sign_in("focal@wco.test").await;
    let elsewhere = app.sign_in("focal@wco.test").await;
    let wrong = app
        .form(Method::POST, "/account/password", Some(&here), "current_password=nope&new_password=a+brand+new+phrase&confirm_password=a+brand+new+phrase")
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("current password is wrong"));
    let mismatch = app
        .form(Method::POST, "/account/password", Some(&here), "current_password=correct+horse+battery&new_password=a+brand+new+phrase&confirm_password=another")
        .await;
    assert!(mismatch.body.contains("not the same"));
    let short = app
        .form(
            Method::POST,
            "/account/password",
            Some(&here),
            "current_password=correct+horse+battery&new_password=short&confirm_password=short",
        )
        .await;
    assert!(short.body.contains("at least 10 characters"));
    let changed = app
        .form(Method::POST, "/account/password", Some(&here), "current_password=correct+horse+battery&new_password=a+brand+new+phrase&confirm_password=a+brand+new+phrase")
        .await;
    assert_eq!(
        (changed.status, changed.header("location").as_str()),
        (StatusCode::SEE_OTHER, "/account?saved=password")
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&here)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&elsewhere)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let old = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=correct+horse+battery",
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=a+brand+new+phrase",
        )
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_language_follows_the_setting_then_the_query_then_the_cookie_then_the_browser() {
    let app = app_with_focal_point().await;
    let french_browser = TestApp::request(Method::GET, "/login", None)
        .header("accept-language", "fr-CA,fr;q=0.9,en;q=0.5")
        .body(axum::body::Body::empty())
        .expect("request");
    let page = app.send(french_browser).await;
    assert!(page.body.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(page.body.contains("Connexion"));
    assert_eq!(page.header("content-language"), "fr");
    let by_query = app.get("/login?lang=fr", None).await;
    assert!(by_query.body.contains("Connexion"));
    // A visitor's switcher choice is kept in a cookie.
    let switched = app
        .form(
            Method::POST,
            "/account/language",
            None,
            "locale=fr&return_to=/login",
        )
        .await;
    assert_eq!(switched.header("location"), "/login");
    let lang_cookie = switched.header("set-cookie");
    assert!(lang_cookie.starts_with("gedhub_lang=fr"));
    let with_cookie = app.get("/login", Some("gedhub_lang=fr")).await;
    assert!(with_cookie.body.contains("Connexion"));
    // A signed-in user's setting wins over everything else.
    let cookie = app.sign_in("focal@wco.test").await;
    app.form(
        Method::POST,
        "/account/language",
        Some(&cookie),
        "locale=fr&return_to=/dashboard",
    )
    .await;
    let dashboard = app.get("/dashboard?lang=en", Some(&cookie)).await;
    assert!(
        dashboard.body.contains("<h1>Tableau de bord</h1>"),
        "{}",
        dashboard.body
    );
    app.form(
        Method::POST,
        "/account/language",
        Some(&cookie),
        "locale=auto",
    )
    .await;
    let back = app.get("/dashboard", Some(&cookie)).await;
    assert!(back.body.contains("<h1>Dashboard</h1>"));
    let unknown = app
        .form(
            Method::POST,
            "/account/language",
            Some(&cookie),
            "locale=xx",
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("This language is not available"));
}

#[tokio::test]
async fn after_sign_in_only_local_paths_are_followed() {
    // The table of bypasses is in signin.rs.
    let app = app_with_focal_point().await;
    let response = app
        .form(
            Method::POST,
            "/login",
            None,
            "email=focal@wco.test&password=correct+horse+battery&next=https://evil.example/",
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.session_cookie().is_none());
}
