//! Verifiable credentials over HTTP: issued on recognition, revoked on
//! withdrawal (status list bit, verification page), expiry, key rotation,
//! workshop completion credentials, the public pages and the scoping of
//! `/api/v1/candidates/{email}/credentials`. Signatures are checked here
//! with the public key fetched from `/.well-known/did.json` and plain
//! Ed25519, not with gedhub's verifier alone.

use axum::http::{Method, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gedhub_core::{Email, Role};
use gedhub_store::Actor;
use ring::signature::{ED25519, UnparsedPublicKey};
use serde_json::Value;

use crate::support::TestApp;

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store()
        .user_by_email(&Email::parse(email).expect("valid"))
        .await
        .expect("user")
        .id
        .0
}

/// An app with the Secretariat, two experts (Kenya), Kenya's and Benin's
/// focal points.
async fn world() -> (TestApp, String) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("expert@ke.test", Role::Expert, Some("KE")).await;
    app.user("second@ke.test", Role::Expert, Some("KE")).await;
    app.user("focal@ke.test", Role::FocalPoint, Some("KE"))
        .await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    (app, staff)
}

fn days_ago(days: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

async fn recognize(app: &TestApp, staff: &str, email: &str, on: &str) {
    let id = user_id(app, email).await;
    let response = app
        .form(
            Method::POST,
            &format!("/users/{id}/recognition"),
            Some(staff),
            &format!("recognized_on={on}"),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

async fn credentials_of(app: &TestApp, cookie: &str, email: &str) -> Vec<Value> {
    let response = app
        .get(
            &format!("/api/v1/candidates/{email}/credentials"),
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json().as_array().cloned().expect("a list")
}

fn b64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

/// Verifies a compact JWS with the key its `kid` names in the published
/// DID document, using Ed25519 directly; returns the `vc` claim.
async fn verify_with_published_key(app: &TestApp, jwt: &str) -> Value {
    let mut parts = jwt.split('.');
    let (header, payload, signature) = (
        parts.next().expect("header"),
        parts.next().expect("payload"),
        parts.next().expect("signature"),
    );
    let header: Value = serde_json::from_slice(&b64(header)).expect("header json");
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["typ"], "JWT");
    let kid = header["kid"].as_str().expect("kid").to_owned();
    let did = app.get("/.well-known/did.json", None).await;
    assert_eq!(did.status, StatusCode::OK);
    let did = did.json();
    assert!(kid.starts_with(did["id"].as_str().expect("did")));
    let method = did["verificationMethod"]
        .as_array()
        .expect("methods")
        .iter()
        .find(|m| m["id"] == kid.as_str())
        .cloned()
        .expect("the kid is published");
    assert!(method["publicKeyJwk"].get("d").is_none(), "no private key");
    let x = b64(method["publicKeyJwk"]["x"].as_str().expect("x"));
    UnparsedPublicKey::new(&ED25519, x)
        .verify(
            format!("{}.{payload}", jwt.split('.').next().expect("header")).as_bytes(),
            &b64(signature),
        )
        .expect("the signature verifies with the published key");
    let claims: Value = serde_json::from_slice(&b64(payload)).expect("payload json");
    assert_eq!(claims["jti"], claims["vc"]["id"]);
    // The issuer is a Profile in credentials, a DID in status lists.
    let issuer = &claims["vc"]["issuer"];
    assert_eq!(claims["iss"], *issuer.get("id").unwrap_or(issuer));
    assert_eq!(claims["sub"], claims["vc"]["credentialSubject"]["id"]);
    claims["vc"].clone()
}

async fn status_bit(app: &TestApp, credential: &Value) -> bool {
    let url = credential["credentialStatus"]["statusListCredential"]
        .as_str()
        .expect("status list");
    let path = url.trim_start_matches("http://localhost:8080");
    let index: u64 = credential["credentialStatus"]["statusListIndex"]
        .as_str()
        .expect("index")
        .parse()
        .expect("number");
    let list = app.get(path, None).await;
    assert_eq!(list.status, StatusCode::OK, "{path}");
    let list = list.json();
    assert_eq!(list["credentialSubject"]["type"], "BitstringStatusList");
    // The signed form verifies too.
    let signed = app.get(&format!("{path}.jwt"), None).await;
    assert_eq!(signed.status, StatusCode::OK);
    verify_with_published_key(app, signed.body.trim()).await;
    gedhub_core::credentials::status_bit(
        list["credentialSubject"]["encodedList"]
            .as_str()
            .expect("list"),
        index,
    )
    .expect("a readable list")
}

#[tokio::test]
async fn a_recognition_issues_a_credential_and_its_withdrawal_revokes_it() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(10)).await;
    let listed = credentials_of(&app, &staff, "expert@ke.test").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "expert_recognition");
    assert_eq!(listed[0]["status"], "valid");
    let id = listed[0]["id"].as_str().expect("id").to_owned();
    assert_eq!(
        listed[0]["url"],
        format!("http://localhost:8080/credentials/{id}")
    );

    // The JSON-LD and the signed JWT, without signing in.
    let json = app.get(&format!("/credentials/{id}"), None).await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(
        json.header("content-type")
            .starts_with("application/ld+json")
    );
    let credential = json.json();
    assert_eq!(
        credential["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(
        credential["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    assert_eq!(credential["issuer"]["id"], "did:web:localhost%3A8080");
    assert!(credential["validUntil"].as_str().is_some());
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await;
    assert_eq!(jwt.status, StatusCode::OK);
    assert_eq!(jwt.header("content-type"), "application/jwt");
    assert_eq!(
        verify_with_published_key(&app, jwt.body.trim()).await,
        credential
    );
    // Content negotiation gives the same JWT.
    let negotiated = app
        .send(
            TestApp::request(Method::GET, &format!("/credentials/{id}"), None)
                .header("accept", "application/jwt")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(negotiated.body, jwt.body);
    assert!(!status_bit(&app, &credential).await);

    // The public verification page.
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-status=\"valid\""), "{}", page.body);
    assert!(page.body.contains("Name of expert@ke.test"));
    assert!(page.body.contains("Recognized GED Expert"));

    // Withdrawn: revoked, the bit is set, the page says so.
    let expert = user_id(&app, "expert@ke.test").await;
    let response = app
        .form(
            Method::POST,
            &format!("/users/{expert}/recognition/withdraw"),
            Some(&staff),
            "",
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(status_bit(&app, &credential).await);
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert!(
        page.body.contains("data-status=\"revoked\""),
        "{}",
        page.body
    );
    let listed = credentials_of(&app, &staff, "expert@ke.test").await;
    assert_eq!(listed[0]["status"], "revoked");
    // The signature still verifies: revocation is the status list's job.
    verify_with_published_key(&app, jwt.body.trim()).await;
}

#[tokio::test]
async fn a_renewed_recognition_gets_a_new_credential_and_revokes_the_old_one() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(400)).await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(5)).await;
    let listed = credentials_of(&app, &staff, "expert@ke.test").await;
    let statuses: Vec<&str> = listed
        .iter()
        .map(|c| c["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses, ["revoked", "valid"]);
}

#[tokio::test]
async fn a_lapsed_recognition_shows_as_expired() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", "2020-01-15").await;
    let listed = credentials_of(&app, &staff, "expert@ke.test").await;
    assert_eq!(listed[0]["status"], "expired");
    assert_eq!(listed[0]["valid_until"], "2023-01-14T23:59:59Z");
    let id = listed[0]["id"].as_str().expect("id");
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert!(
        page.body.contains("data-status=\"expired\""),
        "{}",
        page.body
    );
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await;
    let payload: Value =
        serde_json::from_slice(&b64(jwt.body.split('.').nth(1).expect("payload"))).expect("json");
    assert_eq!(payload["exp"], 1_673_740_799);
}

#[tokio::test]
async fn rotating_the_key_keeps_old_credentials_verifying() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let first = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let old_key = app.store().ensure_credential_key().await.expect("key");
    let new_key = app
        .store()
        .rotate_credential_key(&Actor::system("test"))
        .await
        .expect("rotated");
    assert_ne!(old_key, new_key);
    recognize(&app, &staff, "second@ke.test", &days_ago(1)).await;
    let second = credentials_of(&app, &staff, "second@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let did = app.get("/.well-known/did.json", None).await.json();
    assert_eq!(did["verificationMethod"].as_array().map(Vec::len), Some(2));
    let old_jwt = app
        .get(&format!("/credentials/{first}.jwt"), None)
        .await
        .body;
    let new_jwt = app
        .get(&format!("/credentials/{second}.jwt"), None)
        .await
        .body;
    let kid = |jwt: &str| gedhub_core::credentials::jwt_kid(jwt.trim()).expect("kid");
    assert!(kid(&old_jwt).ends_with(&format!("#{old_key}")));
    assert!(kid(&new_jwt).ends_with(&format!("#{new_key}")));
    verify_with_published_key(&app, old_jwt.trim()).await;
    verify_with_published_key(&app, new_jwt.trim()).await;
    for id in [&first, &second] {
        let page = app.get(&format!("/credentials/{id}/verify"), None).await;
        assert!(page.body.contains("data-status=\"valid\""), "{}", page.body);
    }
}

#[tokio::test]
async fn the_credentials_api_is_for_the_person_their_focal_points_and_the_secretariat() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let path = "/api/v1/candidates/expert@ke.test/credentials";
    for (email, expected) in [
        ("expert@ke.test", StatusCode::OK),
        ("focal@ke.test", StatusCode::OK),
        ("focal@bj.test", StatusCode::NOT_FOUND),
        ("second@ke.test", StatusCode::NOT_FOUND),
    ] {
        let cookie = app.sign_in(email).await;
        let response = app.get(path, Some(&cookie)).await;
        assert_eq!(response.status, expected, "{email}: {}", response.body);
        if expected == StatusCode::OK {
            assert_eq!(response.json().as_array().map(Vec::len), Some(1));
        } else {
            assert_eq!(response.error_code(), "not_found");
        }
    }
    assert_eq!(app.get(path, None).await.status, StatusCode::UNAUTHORIZED);
    let unknown = app
        .get(
            "/api/v1/candidates/nobody@ke.test/credentials",
            Some(&staff),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_public_documents_and_unknown_credentials() {
    let (app, _) = world().await;
    let did = app.get("/.well-known/did.json", None).await;
    assert_eq!(did.status, StatusCode::OK);
    let did = did.json();
    assert_eq!(did["id"], "did:web:localhost%3A8080");
    assert_eq!(did["verificationMethod"][0]["type"], "JsonWebKey");
    assert_eq!(
        did["verificationMethod"][0]["publicKeyJwk"]["crv"],
        "Ed25519"
    );
    let issuer = app.get("/issuer", None).await.json();
    assert_eq!(issuer["id"], "did:web:localhost%3A8080");
    assert_eq!(issuer["type"], serde_json::json!(["Profile"]));
    assert_eq!(
        app.get("/status-lists/1", None).await.status,
        StatusCode::OK
    );
    for path in [
        "/status-lists/0",
        "/status-lists/2",
        "/status-lists/x",
        "/credentials/nothing",
        "/credentials/00000000-0000-4000-8000-000000000000",
        "/credentials/00000000-0000-4000-8000-000000000000.jwt",
        "/credentials/00000000-0000-4000-8000-000000000000/verify",
        "/credentials/00000000-0000-4000-8000-000000000000/certificate.pdf",
    ] {
        assert_eq!(
            app.get(path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_verification_page_is_public_and_speaks_french() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let french = app
        .send(
            TestApp::request(Method::GET, &format!("/credentials/{id}/verify"), None)
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(
        french.body.contains("Vérifier une attestation"),
        "{}",
        french.body
    );
    assert!(french.body.contains("lang=\"fr\""));
    // The printable certificate with its QR code, public like the page.
    let pdf = app
        .get(&format!("/credentials/{id}/certificate.pdf?lang=fr"), None)
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
}

#[tokio::test]
async fn workshop_credentials_are_issued_once_to_completed_participants() {
    let (app, staff) = world().await;
    let workshop_id = crate::authorization::walk_workshop(&app).await;
    let bj = user_id(&app, "trainee.bj@wco.test").await;
    let workshop = app.store().workshop(workshop_id).await.expect("workshop");
    app.store()
        .override_completion(
            &Actor::system("test"),
            &workshop,
            gedhub_core::UserId(bj),
            Some(true),
            "Completed",
        )
        .await
        .expect("completed");
    let issue_path = format!("/workshops/{workshop_id}/credentials");
    let issue = || {
        app.form(
            Method::POST,
            &issue_path,
            Some(&staff),
            "participants=completed",
        )
    };
    let response = issue().await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert!(
        response
            .header("location")
            .ends_with("credentials_issued=1")
    );
    let response = issue().await;
    assert!(
        response
            .header("location")
            .ends_with("credentials_issued=0")
    );
    let listed = credentials_of(&app, &staff, "trainee.bj@wco.test").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "workshop_completion");
    assert_eq!(listed[0]["workshop_id"], workshop_id);
    assert!(
        credentials_of(&app, &staff, "trainee.ca@wco.test")
            .await
            .is_empty()
    );
    let id = listed[0]["id"].as_str().expect("id");
    let credential = app.get(&format!("/credentials/{id}"), None).await.json();
    assert_eq!(
        credential["credentialSubject"]["achievement"]["achievementType"],
        "CertificateOfCompletion"
    );
    assert!(credential.get("validUntil").is_none());

    // The participant asks from their record: nothing new. One who has not
    // completed gets 409.
    let trainee = app.sign_in("trainee.bj@wco.test").await;
    let response = app
        .form(
            Method::POST,
            &format!("/training/{bj}/credentials"),
            Some(&trainee),
            &format!("workshop={workshop_id}"),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(
        credentials_of(&app, &trainee, "trainee.bj@wco.test")
            .await
            .len(),
        1
    );
    let ca = user_id(&app, "trainee.ca@wco.test").await;
    let other = app.sign_in("trainee.ca@wco.test").await;
    let response = app
        .form(
            Method::POST,
            &format!("/training/{ca}/credentials"),
            Some(&other),
            &format!("workshop={workshop_id}"),
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.body);
    // The record page links the credential; the certificate (with its QR
    // code) still renders.
    let record = app.get(&format!("/training/{bj}"), Some(&trainee)).await;
    assert!(record.body.contains(&format!("/credentials/{id}/verify")));
    let pdf = app
        .get(
            &format!("/workshops/{workshop_id}/participants/trainee.bj@wco.test/certificate.pdf"),
            Some(&trainee),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
}

#[tokio::test]
async fn a_restored_backup_keeps_old_credentials_verifying_and_signs_with_a_new_key() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let old_key = app.store().ensure_credential_key().await.expect("key");
    let backup = app.store().backup().await.expect("backup");
    assert!(
        !backup.as_json()["tables"]["credential_keys"]["columns"]
            .to_string()
            .contains("private_key"),
        "backups carry no private key"
    );
    app.store().restore(&backup).await.expect("restore");
    let new_key = app.store().ensure_credential_key().await.expect("key");
    assert_ne!(old_key, new_key, "a restored server signs with a new key");
    let did = app.get("/.well-known/did.json", None).await.json();
    assert_eq!(did["verificationMethod"].as_array().map(Vec::len), Some(2));
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await.body;
    verify_with_published_key(&app, jwt.trim()).await;
    let staff = app.sign_in("staff@wco.test").await;
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert!(page.body.contains("data-status=\"valid\""), "{}", page.body);
    recognize(&app, &staff, "second@ke.test", &days_ago(1)).await;
    let second = credentials_of(&app, &staff, "second@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let jwt = app
        .get(&format!("/credentials/{second}.jwt"), None)
        .await
        .body;
    assert!(
        gedhub_core::credentials::jwt_kid(jwt.trim())
            .expect("kid")
            .ends_with(&new_key)
    );
    verify_with_published_key(&app, jwt.trim()).await;
}
