//! Verifiable credentials over HTTP: issued on recognition, revoked on
//! withdrawal (status list bit, verification page), expiry, key rotation
//! (each key's status lists signed by that key), workshop completion
//! credentials, achievements, "check a credential", the public pages and
//! the scoping of `/api/v1/candidates/{email}/credentials`. JWT signatures
//! are checked here with the public key fetched from `/.well-known/did.json`
//! and plain Ed25519, not with gedhub's verifier alone; embedded proofs with
//! the Multikey of the same document. (The e2e test verifies both forms
//! with Digital Bazaar's and `jose`'s implementations.)

use axum::http::{Method, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gedhub_core::credentials::{self, data_integrity};
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

async fn accept_get(app: &TestApp, path: &str, accept: &str) -> crate::support::TestResponse {
    app.send(
        TestApp::request(Method::GET, path, None)
            .header("accept", accept)
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await
}

fn b64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

/// The published DID document's verification method `id`.
async fn published_method(app: &TestApp, id: &str) -> Value {
    let did = app.get("/.well-known/did.json", None).await;
    assert_eq!(did.status, StatusCode::OK);
    assert_eq!(did.header("content-type"), "application/did+json");
    let did = did.json();
    assert!(id.starts_with(did["id"].as_str().expect("did")));
    assert!(
        did["assertionMethod"]
            .as_array()
            .expect("assertion methods")
            .contains(&Value::String(id.to_owned())),
        "{id} is an assertion method"
    );
    did["verificationMethod"]
        .as_array()
        .expect("methods")
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} is published"))
}

/// Verifies a compact JWS with the key its `kid` names in the published
/// DID document, using Ed25519 directly; checks that the payload is the
/// credential itself with `iss`, `jti`, `sub`, `nbf` (and `exp`) copied
/// from it, and returns the credential (registered claims removed).
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
    assert_eq!(
        header.as_object().map(|h| h.len()),
        Some(3),
        "no other header"
    );
    let kid = header["kid"].as_str().expect("kid").to_owned();
    let method = published_method(app, &kid).await;
    assert_eq!(method["type"], "JsonWebKey");
    assert!(method["publicKeyJwk"].get("d").is_none(), "no private key");
    let x = b64(method["publicKeyJwk"]["x"].as_str().expect("x"));
    UnparsedPublicKey::new(&ED25519, x)
        .verify(
            format!("{}.{payload}", jwt.split('.').next().expect("header")).as_bytes(),
            &b64(signature),
        )
        .expect("the signature verifies with the published key");
    let mut claims: Value = serde_json::from_slice(&b64(payload)).expect("payload json");
    assert!(claims.get("vc").is_none(), "the payload is the credential");
    assert!(claims["@context"].is_array());
    assert_eq!(claims["jti"], claims["id"]);
    // The issuer is a Profile in credentials, a DID in status lists.
    let issuer = &claims["issuer"];
    assert_eq!(claims["iss"], *issuer.get("id").unwrap_or(issuer));
    assert_eq!(claims["sub"], claims["credentialSubject"]["id"]);
    let seconds = |member: &str| {
        chrono::DateTime::parse_from_rfc3339(claims[member].as_str().expect("date"))
            .expect("date")
            .timestamp()
    };
    assert_eq!(claims["nbf"], seconds("validFrom"));
    if claims.get("validUntil").is_some() {
        assert_eq!(claims["exp"], seconds("validUntil"));
    }
    for claim in ["iss", "jti", "sub", "nbf", "exp"] {
        claims.as_object_mut().expect("object").remove(claim);
    }
    claims
}

/// Verifies the embedded `eddsa-rdfc-2022` proof of a document with the
/// Multikey its `verificationMethod` names in the DID document; returns
/// the method's id.
async fn verify_embedded_proof(app: &TestApp, document: &Value) -> String {
    let proof = &document["proof"];
    assert_eq!(proof["type"], "DataIntegrityProof");
    assert_eq!(proof["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(proof["proofPurpose"], "assertionMethod");
    let id = proof["verificationMethod"].as_str().expect("method");
    let method = published_method(app, id).await;
    assert_eq!(method["type"], "Multikey");
    let key =
        data_integrity::from_multikey(method["publicKeyMultibase"].as_str().expect("multibase"))
            .expect("an Ed25519 multikey");
    data_integrity::verify_proof(document, &key).expect("the embedded proof verifies");
    id.to_owned()
}

/// Fetches a credential's status list (default form: JSON-LD with an
/// embedded proof; and the JWT form), checks both signatures were made by
/// `signer` (a key name), and returns the credential's bit.
async fn status_bit_signed_by(app: &TestApp, credential: &Value, signer: &str) -> bool {
    let url = credential["credentialStatus"]["statusListCredential"]
        .as_str()
        .expect("status list");
    let path = url.trim_start_matches("http://localhost:8080");
    let index: u64 = credential["credentialStatus"]["statusListIndex"]
        .as_str()
        .expect("index")
        .parse()
        .expect("number");
    // No Accept header: a verifiable status list credential.
    let list = app.get(path, None).await;
    assert_eq!(list.status, StatusCode::OK, "{path}");
    assert_eq!(list.header("content-type"), "application/vc");
    let list = list.json();
    assert_eq!(list["id"], url);
    assert_eq!(list["credentialSubject"]["type"], "BitstringStatusList");
    let method = verify_embedded_proof(app, &list).await;
    assert!(method.ends_with(&format!("#{signer}-multikey")), "{method}");
    // The signed form verifies too, with the same key.
    let signed = app.get(&format!("{path}.jwt"), None).await;
    assert_eq!(signed.status, StatusCode::OK);
    assert_eq!(signed.header("content-type"), "application/vc+jwt");
    let kid = credentials::jwt_kid(signed.body.trim()).expect("kid");
    assert!(kid.ends_with(&format!("#{signer}")), "{kid}");
    verify_with_published_key(app, signed.body.trim()).await;
    credentials::status_bit(
        list["credentialSubject"]["encodedList"]
            .as_str()
            .expect("list"),
        index,
    )
    .expect("a readable list")
}

/// The name of the key that signed a credential's JWT.
fn key_of(jwt: &str) -> String {
    let kid = credentials::jwt_kid(jwt.trim()).expect("kid");
    kid.rsplit_once('#').expect("fragment").1.to_owned()
}

async fn status_bit(app: &TestApp, credential: &Value, jwt: &str) -> bool {
    status_bit_signed_by(app, credential, &key_of(jwt)).await
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

    // The JSON-LD (with its embedded proof) and the signed JWT, without
    // signing in.
    let json = app.get(&format!("/credentials/{id}"), None).await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.header("content-type"), "application/vc");
    let credential = json.json();
    verify_embedded_proof(&app, &credential).await;
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
    assert_eq!(jwt.header("content-type"), "application/vc+jwt");
    // The JWT's payload is the credential, embedded proof included.
    assert_eq!(
        verify_with_published_key(&app, jwt.body.trim()).await,
        credential
    );
    // Content negotiation gives the same JWT, under the media type asked
    // for (the VC-JOSE-COSE one, or the older application/jwt); JSON-LD
    // under application/vc or the older names.
    for (accept, media_type) in [
        ("application/vc+jwt", "application/vc+jwt"),
        ("application/jwt", "application/jwt"),
        ("application/json;q=0.5, application/jwt", "application/jwt"),
    ] {
        let negotiated = accept_get(&app, &format!("/credentials/{id}"), accept).await;
        assert_eq!(negotiated.body, jwt.body, "{accept}");
        assert_eq!(negotiated.header("content-type"), media_type);
    }
    for (accept, media_type) in [
        ("application/vc", "application/vc"),
        ("application/ld+json", "application/ld+json"),
        ("application/vc+ld+json", "application/vc+ld+json"),
        ("*/*", "application/vc"),
    ] {
        let negotiated = accept_get(&app, &format!("/credentials/{id}"), accept).await;
        assert_eq!(negotiated.json(), credential, "{accept}");
        assert_eq!(negotiated.header("content-type"), media_type);
    }
    assert!(!status_bit(&app, &credential, &jwt.body).await);

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
    assert!(status_bit(&app, &credential, &jwt.body).await);
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
    // Each key twice: JsonWebKey (JWT kid) and Multikey (embedded proofs).
    assert_eq!(did["verificationMethod"].as_array().map(Vec::len), Some(4));
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
    let old_credential = verify_with_published_key(&app, old_jwt.trim()).await;
    let new_credential = verify_with_published_key(&app, new_jwt.trim()).await;
    for id in [&first, &second] {
        let page = app.get(&format!("/credentials/{id}/verify"), None).await;
        assert!(page.body.contains("data-status=\"valid\""), "{}", page.body);
    }
    // Each credential's status list is its own key's, signed by that key:
    // the old credential's status still verifies with the key that signed
    // it, though new credentials are signed with the new one.
    assert!(
        old_credential["credentialStatus"]["statusListCredential"]
            .as_str()
            .expect("url")
            .ends_with(&format!("/status-lists/{old_key}/1"))
    );
    assert!(!status_bit_signed_by(&app, &old_credential, &old_key).await);
    assert!(!status_bit_signed_by(&app, &new_credential, &new_key).await);
    // A revocation after the rotation reaches the old key's list.
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
    assert!(status_bit_signed_by(&app, &old_credential, &old_key).await);
    assert!(!status_bit_signed_by(&app, &new_credential, &new_key).await);
    // New credentials are never signed with the retired key.
    let keys = app.store().credential_keys().await.expect("keys");
    assert!(
        keys.iter()
            .any(|k| k.name == old_key && k.retired_at.is_some())
    );
    assert_eq!(key_of(&new_jwt), new_key);
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
    let key = app.store().ensure_credential_key().await.expect("key");
    assert_eq!(
        app.get(&format!("/status-lists/{key}/1"), None)
            .await
            .status,
        StatusCode::OK
    );
    for path in [
        "/status-lists/0",
        "/status-lists/2",
        "/status-lists/x",
        &format!("/status-lists/{key}/2"),
        &format!("/status-lists/{key}/0"),
        "/status-lists/no-such-key/1",
        "/achievements/nothing",
        "/achievements/workshop-1",
        "/achievements/workshop-x/image.svg",
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
    // Its achievement resolves now that a credential names it; the
    // certificate gives the workshop's dates as the achievement's.
    let achievement = app
        .get(&format!("/achievements/workshop-{workshop_id}"), None)
        .await;
    assert_eq!(achievement.status, StatusCode::OK);
    let start = credential["credentialSubject"]["activityStartDate"]
        .as_str()
        .expect("start")[..10]
        .to_owned();
    assert!(achievement.body.contains(&start), "{}", achievement.body);
    let (status, pdf) = crate::support::raw_get(
        &app,
        &format!("/credentials/{id}/certificate.pdf"),
        "none=1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    if let Some(text) = crate::support::pdf_text(&pdf) {
        assert!(text.contains("Workshop dates"), "{text}");
        // The dates as the reader's language writes them, not ISO 8601 (issue 19).
        let day = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").expect("a date");
        let written = gedhub_web::format::medium_date(day, &gedhub_web::i18n::Locale::english());
        assert!(text.contains(&written), "{written} in {text}");
        assert!(!text.contains(&start), "{text}");
    }

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
    assert_eq!(did["verificationMethod"].as_array().map(Vec::len), Some(4));
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

/// A multipart POST to `/credentials/check`: a `presented` text field and
/// optionally a `file` (file name, bytes).
async fn check(
    app: &TestApp,
    presented: &str,
    file: Option<(&str, &[u8])>,
) -> crate::support::TestResponse {
    let boundary = "checkboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"presented\"\r\n\r\n{presented}\r\n"
    )
    .into_bytes();
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    app.send(
        TestApp::request(Method::POST, "/credentials/check", None)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(axum::body::Body::from(body))
            .expect("request"),
    )
    .await
}

/// The `data-result` of a check page.
fn result_of(page: &crate::support::TestResponse) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = page
        .body
        .find("data-result=\"")
        .unwrap_or_else(|| panic!("a result: {}", page.body));
    let rest = &page.body[at + "data-result=\"".len()..];
    rest[..rest.find('"').expect("closing quote")].to_owned()
}

fn b64e(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test]
async fn a_presented_credential_is_checked_in_every_form() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(10)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await.body;
    let json = app.get(&format!("/credentials/{id}"), None).await.body;

    // The empty form, public, in English and French.
    let form = app.get("/credentials/check", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("id=\"check-form\""));
    assert!(!form.body.contains("data-result"));

    // Pasted JWT, uploaded JWT, uploaded JSON-LD: valid.
    let page = check(&app, jwt.trim(), None).await;
    assert_eq!(result_of(&page), "valid");
    assert!(page.body.contains("data-form=\"jwt\""));
    assert!(page.body.contains("Name of expert@ke.test"));
    assert!(page.body.contains(&format!("/credentials/{id}/verify")));
    assert_eq!(
        result_of(&check(&app, "", Some(("c.jwt", jwt.as_bytes()))).await),
        "valid"
    );
    let page = check(&app, "", Some(("c.json", json.as_bytes()))).await;
    assert_eq!(result_of(&page), "valid");
    assert!(page.body.contains("data-form=\"json\""));
    // Pasted JSON too.
    assert_eq!(result_of(&check(&app, &json, None).await), "valid");

    // A JWT whose payload was changed: the signature fails.
    let parts: Vec<&str> = jwt.trim().split('.').collect();
    let mut claims: Value = serde_json::from_slice(&b64(parts[1])).expect("payload");
    claims["credentialSubject"]["identifier"][0]["identityHash"] = Value::from("Mallory");
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64e(claims.to_string().as_bytes()),
        parts[2]
    );
    assert_eq!(
        result_of(&check(&app, &forged, None).await),
        "bad_signature"
    );
    // A JSON-LD credential with a changed member: the proof fails.
    let mut changed: Value = serde_json::from_str(&json).expect("json");
    changed["credentialSubject"]["identifier"][0]["identityHash"] = Value::from("Mallory");
    assert_eq!(
        result_of(&check(&app, &changed.to_string(), None).await),
        "bad_signature"
    );
    // A member no context defines is outside the proof: refused as altered.
    let mut extra: Value = serde_json::from_str(&json).expect("json");
    extra["awardedFor"] = Value::from("everything");
    assert_eq!(
        result_of(&check(&app, &extra.to_string(), None).await),
        "altered"
    );
    // Without a proof: not verifiable.
    let mut bare: Value = serde_json::from_str(&json).expect("json");
    bare.as_object_mut().expect("object").remove("proof");
    assert_eq!(
        result_of(&check(&app, &bare.to_string(), None).await),
        "bad_signature"
    );
    // Another issuer's credential is not checkable here.
    let mut foreign: Value = serde_json::from_str(&json).expect("json");
    foreign["issuer"]["id"] = Value::from("did:web:elsewhere.example");
    assert_eq!(
        result_of(&check(&app, &foreign.to_string(), None).await),
        "foreign_issuer"
    );
    let foreign_jwt = format!(
        "{}.{}.{}",
        parts[0],
        b64e(
            serde_json::json!({"@context": [], "issuer": "did:web:elsewhere.example", "iss": "did:web:elsewhere.example"})
                .to_string()
                .as_bytes()
        ),
        parts[2]
    );
    assert_eq!(
        result_of(&check(&app, &foreign_jwt, None).await),
        "foreign_issuer"
    );
    assert_eq!(result_of(&check(&app, "hello", None).await), "unreadable");
    assert_eq!(
        result_of(&check(&app, "{not json", None).await),
        "unreadable"
    );

    // The certificate PDF: checked through the address printed on it.
    let (status, pdf) = crate::support::raw_get(
        &app,
        &format!("/credentials/{id}/certificate.pdf"),
        "none=1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = check(&app, "", Some(("certificate.pdf", &pdf))).await;
    assert_eq!(result_of(&page), "valid");
    assert!(page.body.contains("data-form=\"pdf\""));
    // Another PDF (one without a gedhub address): unreadable.
    assert_eq!(
        result_of(&check(&app, "", Some(("other.pdf", b"%PDF-1.7\n%%EOF\n"))).await),
        "unreadable"
    );

    // Revoked: every form says so.
    let expert = user_id(&app, "expert@ke.test").await;
    app.form(
        Method::POST,
        &format!("/users/{expert}/recognition/withdraw"),
        Some(&staff),
        "",
    )
    .await;
    assert_eq!(result_of(&check(&app, jwt.trim(), None).await), "revoked");
    assert_eq!(result_of(&check(&app, &json, None).await), "revoked");
    assert_eq!(
        result_of(&check(&app, "", Some(("certificate.pdf", &pdf))).await),
        "revoked"
    );
    // Too large: refused before reading.
    let big = "x".repeat(600 * 1024);
    assert_eq!(
        check(&app, &big, None).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn an_expired_credential_is_reported_expired_when_presented() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", "2020-01-15").await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await.body;
    assert_eq!(result_of(&check(&app, jwt.trim(), None).await), "expired");
}

#[tokio::test]
async fn a_credential_in_the_pre_2024_form_keeps_verifying_everywhere() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(10)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let current = app.get(&format!("/credentials/{id}.jwt"), None).await.body;
    let key_name = key_of(&current);
    let key = app
        .store()
        .credential_signing_key(&key_name)
        .await
        .expect("read")
        .expect("a private half");
    // What an older gedhub stored: the credential (without an embedded
    // proof, its status in the shared list) under a `vc` claim.
    let (with_proof, _) = credentials::jwt_credential(current.trim()).expect("payload");
    let mut legacy = with_proof.clone();
    let legacy_object = legacy.as_object_mut().expect("object");
    legacy_object.remove("proof");
    let list_url = "http://localhost:8080/status-lists/1";
    legacy_object.insert(
        "credentialStatus".into(),
        serde_json::json!({
            "id": format!("{list_url}#0"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "0",
            "statusListCredential": list_url,
        }),
    );
    let kid = format!("did:web:localhost%3A8080#{key_name}");
    let legacy_jwt = credentials::sign_legacy_jwt(&legacy, &key, &kid);
    app.db.set_credential_jwt(&id, &legacy_jwt).await;

    // Served as issued; verifies with the published key.
    let jwt = app.get(&format!("/credentials/{id}.jwt"), None).await.body;
    assert_eq!(jwt, legacy_jwt);
    let claims: Value =
        serde_json::from_slice(&b64(jwt.split('.').nth(1).expect("payload"))).expect("json");
    assert_eq!(claims["vc"], legacy);
    // The JSON-LD form gets an embedded proof by the credential's own key,
    // the same bytes on every request.
    let json = app.get(&format!("/credentials/{id}"), None).await;
    let document = json.json();
    assert_eq!(
        verify_embedded_proof(&app, &document).await,
        format!("{kid}-multikey")
    );
    assert_eq!(
        app.get(&format!("/credentials/{id}"), None).await.body,
        json.body
    );
    let page = app.get(&format!("/credentials/{id}/verify"), None).await;
    assert!(page.body.contains("data-status=\"valid\""), "{}", page.body);
    assert_eq!(result_of(&check(&app, jwt.trim(), None).await), "valid");
    assert_eq!(result_of(&check(&app, &json.body, None).await), "valid");
    // Its (shared) status list, signed by the key of its first credential.
    assert!(!status_bit_signed_by(&app, &legacy, &key_name).await);
    let expert = user_id(&app, "expert@ke.test").await;
    app.form(
        Method::POST,
        &format!("/users/{expert}/recognition/withdraw"),
        Some(&staff),
        "",
    )
    .await;
    assert!(status_bit_signed_by(&app, &legacy, &key_name).await);
    assert_eq!(result_of(&check(&app, jwt.trim(), None).await), "revoked");
}

#[tokio::test]
async fn achievements_resolve_as_pages_json_and_images() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let credential = app.get(&format!("/credentials/{id}"), None).await.json();
    let achievement = &credential["credentialSubject"]["achievement"];
    let url = achievement["id"].as_str().expect("id");
    assert_eq!(
        url,
        "http://localhost:8080/achievements/recognized-ged-expert"
    );
    assert_eq!(achievement["inLanguage"], "en");
    assert_eq!(achievement["name"], "Recognized GED Expert");
    let path = url.trim_start_matches("http://localhost:8080");
    // As JSON-LD: the Achievement, with the credential's texts in English.
    let json = accept_get(&app, path, "application/ld+json").await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.header("content-type"), "application/ld+json");
    let document = json.json();
    assert_eq!(document["type"], serde_json::json!(["Achievement"]));
    assert_eq!(document["id"], url);
    assert_eq!(document["name"], achievement["name"]);
    assert_eq!(document["description"], achievement["description"]);
    assert_eq!(document["@context"][1], credentials::CONTEXTS[1]);
    // As a page, in the reader's language only.
    let page = app.get(path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Recognized GED Expert"));
    assert!(!page.body.contains("Expert EGD reconnu"));
    let french = app
        .send(
            TestApp::request(Method::GET, path, None)
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        french.body.contains("Reconnu par le Secrétariat"),
        "{}",
        french.body
    );
    assert!(!french.body.contains("Recognized by the WCO Secretariat"));
    // The image.
    let image_url = achievement["image"]["id"].as_str().expect("image");
    let image = app
        .get(image_url.trim_start_matches("http://localhost:8080"), None)
        .await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.header("content-type"), "image/svg+xml");
    assert!(image.body.starts_with("<svg"));
    // The verification page speaks one language too.
    let verify = app
        .send(
            TestApp::request(Method::GET, &format!("/credentials/{id}/verify"), None)
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    // Without a recorded sex, the title is in the inclusive form.
    assert!(
        verify.body.contains("Expert·e EGD reconnu·e"),
        "{}",
        verify.body
    );
    assert!(!verify.body.contains("Recognized by the WCO Secretariat"));
    assert!(verify.body.contains("Organisation mondiale des douanes"));
    // A woman's title is feminine (issue 19).
    let expert = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("expert@ke.test").expect("valid"))
        .await
        .expect("the expert");
    app.store()
        .set_user_sex(
            &gedhub_store::Actor::system("test"),
            expert.id,
            Some("female"),
        )
        .await
        .expect("sex recorded");
    let verify = app
        .send(
            TestApp::request(Method::GET, &format!("/credentials/{id}/verify"), None)
                .header("accept-language", "fr")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        verify.body.contains("Experte EGD reconnue"),
        "{}",
        verify.body
    );
}

#[tokio::test]
async fn the_printed_certificate_has_a_readable_address_and_a_revoked_watermark() {
    let (app, staff) = world().await;
    recognize(&app, &staff, "expert@ke.test", &days_ago(3)).await;
    let id = credentials_of(&app, &staff, "expert@ke.test").await[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, pdf) = crate::support::raw_get(
        &app,
        &format!("/credentials/{id}/certificate.pdf?lang=fr"),
        "none=1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let Some(text) = crate::support::pdf_text(&pdf) else {
        eprintln!("pdftotext is not installed: the certificate text is not checked");
        return;
    };
    let address = format!("http://localhost:8080/credentials/{id}/verify");
    assert!(text.contains(&address), "{text}");
    assert!(text.contains("Organisation mondiale des douanes"), "{text}");
    assert!(!text.contains("RÉVOQUÉE"));
    let expert = user_id(&app, "expert@ke.test").await;
    app.form(
        Method::POST,
        &format!("/users/{expert}/recognition/withdraw"),
        Some(&staff),
        "",
    )
    .await;
    let (_, pdf) = crate::support::raw_get(
        &app,
        &format!("/credentials/{id}/certificate.pdf?lang=fr"),
        "none=1",
    )
    .await;
    let text = crate::support::pdf_text(&pdf).expect("pdftotext");
    assert!(text.contains("RÉVOQUÉE"), "{text}");
    let (_, pdf) = crate::support::raw_get(
        &app,
        &format!("/credentials/{id}/certificate.pdf?lang=en"),
        "none=1",
    )
    .await;
    let text = crate::support::pdf_text(&pdf).expect("pdftotext");
    assert!(text.contains("REVOKED"), "{text}");
    assert!(text.contains("World Customs Organization"), "{text}");
}
