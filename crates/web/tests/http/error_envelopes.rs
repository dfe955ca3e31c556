//! The API's error envelope `{"errors":[{"code","detail"}]}` for one
//! request of each kind of refusal, pinned by snapshots
//! (`snapshots/http__error_envelopes__*.snap`), so that a change to a code,
//! a message, a status or a header shows up as a reviewable diff.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::Role;
use gedhub_web::routes::BODY_LIMIT_BYTES;
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse};

/// What a client sees of a refusal: status, the headers that matter to it,
/// and the body.
fn seen(response: &TestResponse) -> Value {
    let mut headers = serde_json::Map::new();
    for name in [
        "content-type",
        "allow",
        "www-authenticate",
        "content-language",
    ] {
        let value = response.header(name);
        if !value.is_empty() {
            headers.insert(name.to_owned(), Value::String(value));
        }
    }
    json!({
        "status": response.status.to_string(),
        "headers": headers,
        "body": response.json(),
    })
}

#[tokio::test]
async fn every_kind_of_refusal_answers_the_same_envelope() {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("focal@bj.test").await;
    let canada = app.sign_in("focal@ca.test").await;
    let created = app
        .json(
            Method::POST,
            "/api/v1/action-plans",
            Some(&benin),
            r#"{"title":"GED action plan 2025"}"#,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let benin_plan = created.json()["id"].as_i64().expect("an id");

    let unknown_route = app.get("/api/v1/no-such-route", Some(&staff)).await;
    let wrong_method = app
        .json(Method::DELETE, "/api/v1/me", Some(&staff), "")
        .await;
    let anonymous = app.get("/api/v1/me", None).await;
    let wrong_token = app
        .send(
            TestApp::request(Method::GET, "/api/v1/me", None)
                .header(header::AUTHORIZATION, "Bearer not-a-token")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    let not_secretariat = app.get("/api/v1/audit", Some(&benin)).await;
    let other_administration = app
        .get(&format!("/api/v1/action-plans/{benin_plan}"), Some(&canada))
        .await;
    let too_large = app
        .json(
            Method::POST,
            "/api/v1/administrations",
            Some(&staff),
            &format!(
                r#"{{"code":"XX","name_en":"{}","name_fr":"x","region":"EUR"}}"#,
                "a".repeat(BODY_LIMIT_BYTES)
            ),
        )
        .await;
    let invalid_module = r#"{"code":"","title_en":"","title_fr":"x","lms_course_id":"X","activity_iri":"not an iri"}"#;
    let invalid = app
        .json(
            Method::POST,
            "/api/v1/elearning-modules",
            Some(&staff),
            invalid_module,
        )
        .await;
    let invalid_in_french = app
        .send(
            TestApp::request(Method::POST, "/api/v1/elearning-modules", Some(&staff))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "fr")
                .body(Body::from(invalid_module))
                .expect("request"),
        )
        .await;
    let malformed = app
        .json(
            Method::POST,
            "/api/v1/action-plans",
            Some(&benin),
            r#"{"title":"#,
        )
        .await;

    for (name, response) in [
        ("404_unknown_route", &unknown_route),
        ("405_method_not_allowed", &wrong_method),
        ("401_unauthenticated", &anonymous),
        ("401_unknown_token", &wrong_token),
        ("403_secretariat_only", &not_secretariat),
        ("404_other_administration", &other_administration),
        ("413_body_too_large", &too_large),
        ("422_validation", &invalid),
        ("422_validation_fr", &invalid_in_french),
        ("400_malformed_json", &malformed),
    ] {
        insta::assert_json_snapshot!(name, seen(response));
    }
}
