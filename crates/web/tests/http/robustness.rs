//! Bad input on every route gets a clear 4xx in the right format, never a
//! 500; security headers are on every response.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::Role;
use gedhub_web::routes::{BODY_LIMIT_BYTES, table};

use crate::authorization::{probes, send};
use crate::support::{TestApp, TestResponse};

async fn signed_in_secretariat() -> (TestApp, String) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    let cookie = app.sign_in("staff@wco.test").await;
    (app, cookie)
}

fn check_format(path: &str, response: &TestResponse, what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if response.status.is_server_error() {
        problems.push(format!("{what}: server error {}", response.status));
    }
    if response.status.is_client_error() {
        let content_type = response.header("content-type");
        if path.starts_with("/api/") || path.starts_with("/xapi/") {
            let code_ok = serde_json::from_str::<serde_json::Value>(&response.body)
                .ok()
                .and_then(|v| v["errors"][0]["code"].as_str().map(|c| !c.is_empty()))
                == Some(true);
            let detail_ok = serde_json::from_str::<serde_json::Value>(&response.body)
                .ok()
                .and_then(|v| v["errors"][0]["detail"].as_str().map(|d| !d.is_empty()))
                == Some(true);
            if !(code_ok && detail_ok && content_type.starts_with("application/json")) {
                problems.push(format!("{what}: not the error envelope: {}", response.body));
            }
        } else if !content_type.starts_with("text/html") {
            problems.push(format!("{what}: not a readable page ({content_type})"));
        }
    }
    problems
}

#[tokio::test]
async fn malformed_bodies_unknown_ids_and_oversized_bodies_get_clear_errors_on_every_route() {
    let (app, cookie) = signed_in_secretariat().await;
    let actor = gedhub_store::Actor::system("test");
    let benin = gedhub_core::AdministrationCode::parse("BJ").expect("valid");
    let assessment = app
        .store()
        .create_assessment(&actor, &benin, "gedhub-geoat-2023", "Robustness")
        .await
        .expect("created");
    assert_eq!(assessment.id, 1);
    // Plan 1 with objective 1, action 1 and indicator 1, so bodies are what fails.
    let administration = gedhub_core::AdministrationCode::parse("BJ").expect("valid");
    let walk = crate::authorization::walk_plan(app.store(), &administration).await;
    assert_eq!(walk, (1, 1, 1));
    assert_eq!(crate::authorization::walk_workshop(&app).await, 1);
    assert_eq!(crate::authorization::walk_elearning(&app).await, (1, 1));
    assert_eq!(
        crate::authorization::walk_mission(&app, &administration).await,
        (1, 1)
    );
    let trainee = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("trainee.bj@wco.test").expect("valid"))
        .await
        .expect("trainee")
        .id
        .0
        .to_string();
    assert_eq!(
        crate::authorization::walk_inquiry(app.store(), "staff@wco.test").await,
        1
    );
    let mut problems = Vec::new();
    let oversized = format!(
        "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n{}",
        "x".repeat(2 * BODY_LIMIT_BYTES)
    );
    for route in table() {
        if route.path == "/logout" || route.path == "/login" {
            continue; // exercised elsewhere; signing out would end the session
        }
        let path = route
            .path
            .replace("{code}", "ZZZ")
            .replace("{member}", "ZZZ")
            .replace("{file}", "nothing.css");
        let what = format!("{} {}", route.method, route.path);
        // Unknown ids (path parameters), with an otherwise valid request. A
        // catch-all (`{*path}`, the LRS's unknown paths) names no id.
        if route.path.contains('{') && !route.path.contains("{*") {
            let probe = probes()
                .into_iter()
                .find(|p| p.method == route.method && p.path == route.path)
                .expect("every route has a probe");
            let response = send(&app, &probe, &path, Some(&cookie)).await;
            if response.status != StatusCode::NOT_FOUND {
                problems.push(format!(
                    "{what} with an unknown id: {} (expected 404)",
                    response.status
                ));
            }
            problems.extend(check_format(&path, &response, &what));
        }
        if route.method == Method::GET {
            let response = app
                .get(
                    &format!("{path}?page=not-a-number&region=%ZZ"),
                    Some(&cookie),
                )
                .await;
            problems.extend(check_format(
                &path,
                &response,
                &format!("{what} with a bad query"),
            ));
            continue;
        }
        // A real assessment (id 1), created below, so bodies are what fails.
        let path = route
            .path
            .replace(
                "{code}",
                if route.path.contains("instruments") {
                    "gedhub-geoat-2023"
                } else {
                    "BJ"
                },
            )
            .replace("{id}", "1")
            .replace("{section}", "X")
            .replace("{indicator}", "X.1.1")
            .replace("{attachment}", "1")
            .replace("{user}", "1")
            .replace("{year}", "2024")
            .replace("{plan}", "1")
            .replace("{action}", "1")
            .replace("{plan_indicator}", "1")
            .replace("{workshop}", "1")
            .replace("{participant}", &trainee)
            .replace(
                "{kind}",
                if route.path.contains("/surveys/") {
                    "feedback"
                } else {
                    "post"
                },
            )
            .replace("{question}", "1")
            .replace("{email}", "trainee.bj@wco.test")
            .replace("{module}", "1")
            .replace("{certificate}", "1")
            .replace("{session}", "1")
            .replace("{exercise}", "1")
            .replace("{material}", "1")
            .replace("{request}", "1")
            .replace("{mission}", "1")
            .replace("{document}", "1")
            .replace("{period}", "1")
            .replace("{practice}", "1")
            .replace("{inquiry}", "1")
            .replace("{practice_file}", "1")
            .replace("{lang}", "fr");
        let probe = probes()
            .into_iter()
            .find(|p| p.method == route.method && p.path == route.path)
            .expect("every route has a probe");
        // Routes that read no body ignore one; they must still not fail.
        let reads_body = !matches!(probe.body, crate::authorization::Body::None);
        // Malformed bodies: broken JSON, wrong types, garbage form.
        for (content_type, body) in [
            ("application/json", "{\"broken"),
            (
                "application/json",
                "{\"code\": 12, \"name_en\": [], \"email\": false}",
            ),
            ("application/x-www-form-urlencoded", "%%%&&=="),
            ("text/plain", "hello"),
        ] {
            let request = TestApp::request(route.method.clone(), &path, Some(&cookie))
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .expect("request");
            let response = app.send(request).await;
            if !response.status.is_client_error() {
                problems.push(format!(
                    "{what} with {content_type} {body:?}: {} (expected 4xx)",
                    response.status
                ));
            }
            problems.extend(check_format(&path, &response, &what));
        }
        // Oversized bodies (uploads, with their own limits, as multipart).
        let extract_upload =
            path.starts_with("/workforce/") || path.starts_with("/api/v1/workforce/");
        let content_type = if path.starts_with("/api/") {
            "application/json"
        } else if path.contains("/import")
            || path.contains("/attachments/")
            || path.ends_with("/certificates")
            || path.contains("/material-files")
            || path.ends_with("/documents")
            || path.ends_with("/attachments")
            || path.starts_with("/workforce/")
            || path == "/credentials/check"
        {
            "multipart/form-data; boundary=x"
        } else {
            "application/x-www-form-urlencoded"
        };
        // The extract upload takes 256 MB: stream just over that, lazily.
        let body = if extract_upload {
            let chunk = bytes::Bytes::from(vec![b'x'; 1024 * 1024]);
            let head = bytes::Bytes::from(oversized[..80].to_owned());
            let chunks = (0..=gedhub_web::workforce::MAX_EXTRACT_BYTES / chunk.len())
                .map(move |_| Ok::<_, std::io::Error>(chunk.clone()));
            Body::from_stream(futures_util::stream::iter(
                std::iter::once(Ok(head)).chain(chunks),
            ))
        } else {
            Body::from(oversized.clone())
        };
        let request = TestApp::request(route.method.clone(), &path, Some(&cookie))
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
            .expect("request");
        let response = app.send(request).await;
        if reads_body && response.status != StatusCode::PAYLOAD_TOO_LARGE {
            problems.push(format!(
                "{what} with an oversized body: {} (expected 413)",
                response.status
            ));
        }
        problems.extend(check_format(&path, &response, &what));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn an_oversized_json_body_gets_413_with_the_error_envelope() {
    let (app, cookie) = signed_in_secretariat().await;
    let big = format!(
        r#"{{"code":"XX","name_en":"{}","name_fr":"x","region":"EUR"}}"#,
        "a".repeat(BODY_LIMIT_BYTES)
    );
    let response = app
        .json(Method::POST, "/api/v1/administrations", Some(&cookie), &big)
        .await;
    assert_eq!(
        (response.status, response.error_code().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_get_errors_in_the_right_format_and_language() {
    let (app, cookie) = signed_in_secretariat().await;
    let api = app.get("/api/v1/nothing-here", Some(&cookie)).await;
    assert_eq!(
        (api.status, api.error_code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let method = app
        .json(Method::DELETE, "/api/v1/me", Some(&cookie), "")
        .await;
    assert_eq!(
        (method.status, method.error_code().as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    let request = TestApp::request(Method::GET, "/nothing-here", None)
        .header("accept-language", "fr")
        .body(Body::empty())
        .expect("request");
    let page = app.send(request).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("<h1>Page introuvable</h1>"));
}

#[tokio::test]
async fn cross_site_state_changing_requests_are_refused() {
    let (app, cookie) = signed_in_secretariat().await;
    let cross_site = TestApp::request(Method::POST, "/account/language", Some(&cookie))
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("locale=fr"))
        .expect("request");
    assert_eq!(app.send(cross_site).await.status, StatusCode::FORBIDDEN);
    let foreign_origin = TestApp::request(Method::POST, "/api/v1/administrations", Some(&cookie))
        .header("origin", "https://evil.example")
        .header("host", "gedhub.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"code":"EV","name_en":"Evil","name_fr":"Evil","region":"EUR"}"#,
        ))
        .expect("request");
    let refused = app.send(foreign_origin).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (StatusCode::FORBIDDEN, "cross_origin_request")
    );
    let same_origin = TestApp::request(Method::POST, "/account/language", Some(&cookie))
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("locale=fr"))
        .expect("request");
    assert_eq!(app.send(same_origin).await.status, StatusCode::SEE_OTHER);
    let same_host = TestApp::request(Method::POST, "/account/language", Some(&cookie))
        .header("origin", "http://gedhub.example")
        .header("host", "gedhub.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("locale=en"))
        .expect("request");
    assert_eq!(app.send(same_host).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, cookie) = signed_in_secretariat().await;
    for (path, cookie) in [
        ("/healthz", None),
        ("/login", None),
        ("/dashboard", Some(cookie.as_str())),
        ("/nothing", None),
        ("/api/v1/me", None),
    ] {
        let response = app.get(path, cookie).await;
        let csp = response.header("content-security-policy");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(response.header("referrer-policy"), "same-origin", "{path}");
    }
}

#[tokio::test]
async fn the_health_check_answers_and_the_openapi_document_lists_every_api_route() {
    let app = TestApp::new().await;
    let health = app.get("/healthz", None).await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    let document = app.get("/api/v1/openapi.json", None).await.json();
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3."))
    );
    for route in table() {
        if route.path.starts_with("/api/v1/") && route.path != "/api/v1/openapi.json" {
            let method = route.method.as_str().to_lowercase();
            assert!(
                document["paths"][route.path][&method].is_object(),
                "{} {} is missing from the OpenAPI document",
                route.method,
                route.path
            );
        }
    }
}

#[tokio::test]
async fn static_files_are_served_from_the_binary() {
    let app = TestApp::new().await;
    let css = app.get("/static/app.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    let htmx = app.get("/static/htmx.min.js", None).await;
    assert!(htmx.body.contains("htmx"));
    assert_eq!(
        app.get("/static/../Cargo.toml", None).await.status,
        StatusCode::NOT_FOUND
    );
}
