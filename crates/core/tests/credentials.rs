//! Verifiable credentials: construction, and signatures checked against a
//! vector computed outside gedhub (scripts/credential-test-vector.py: Python
//! `json` + `cryptography`, RFC 8032 test 1 key), so a bug shared by our
//! signer and our verifier cannot hide.

use chrono::{TimeZone, Utc};
use gedhub_core::credentials::{
    CredentialError, CredentialInput, CredentialKind, Issuer, LIST_BITS, PublicKey, SigningKey,
    build_credential, canonical_json, encode_status_list, jwt_kid, sign_jwt, status_bit,
    status_list_credential, status_position, uuid_v4, verify_jwt,
};
use ring::signature::{ED25519, UnparsedPublicKey};
use serde_json::{Value, json};

/// RFC 8032, section 7.1, test 1.
const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const KID: &str = "did:web:gedhub.example.org#key-1";
const VECTOR_JSON: &str = include_str!("data/credential-vector.json");
const VECTOR_JWT: &str = include_str!("data/credential-vector.jwt");

fn hex32(text: &str) -> [u8; 32] {
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect();
    bytes.try_into().expect("32 bytes")
}

fn key() -> SigningKey {
    SigningKey::from_seed(hex32(SEED)).expect("key")
}

fn input() -> CredentialInput {
    CredentialInput {
        id: "8f7c6a6e-2d4b-4b8e-9a51-3f0c2e7d1a90".into(),
        subject_id: "0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8".into(),
        kind: CredentialKind::ExpertRecognition,
        achievement_id: "https://gedhub.example.org/achievements/recognized-ged-expert".into(),
        achievement_name: "Recognized GED Expert".into(),
        achievement_description: "Recognized by the WCO Secretariat.".into(),
        criteria: "Delivered supervised support, positively evaluated.".into(),
        recipient_name: "Amina Diallo".into(),
        recipient_email: "Amina.Diallo@Customs.example".into(),
        email_salt: "a1b2c3d4e5f60718".into(),
        valid_from: Utc
            .with_ymd_and_hms(2026, 5, 20, 0, 0, 0)
            .single()
            .expect("date"),
        valid_until: Some(
            Utc.with_ymd_and_hms(2029, 5, 19, 23, 59, 59)
                .single()
                .expect("date"),
        ),
        activity: None,
        status_index: LIST_BITS + 3,
    }
}

fn issuer() -> Issuer {
    Issuer::new("https://gedhub.example.org/")
}

#[test]
fn the_rfc_8032_seed_gives_the_rfc_8032_public_key() {
    assert_eq!(key().public_key(), PublicKey(hex32(PUBLIC)));
    assert_eq!(
        key().public_key().jwk(),
        json!({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})
    );
    assert!(!format!("{:?}", key()).contains(SEED));
}

#[test]
fn an_expert_recognition_credential_is_an_open_badge_with_the_expected_fields() {
    let built = build_credential(&issuer(), &input());
    let expected: Value = serde_json::from_str(VECTOR_JSON).expect("vector");
    assert_eq!(built, expected);
    assert_eq!(
        built["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(
        built["credentialSubject"]["type"],
        json!(["AchievementSubject"])
    );
    // The e-mail is only present hashed and salted.
    assert!(!built.to_string().to_lowercase().contains("amina.diallo@"));
}

#[test]
fn a_workshop_credential_has_no_end_date_and_carries_the_activity_dates() {
    let mut input = input();
    input.kind = CredentialKind::WorkshopCompletion;
    input.valid_until = None;
    input.status_index = 0;
    let start = Utc
        .with_ymd_and_hms(2026, 3, 2, 0, 0, 0)
        .single()
        .expect("date");
    let end = Utc
        .with_ymd_and_hms(2026, 3, 6, 23, 59, 59)
        .single()
        .expect("date");
    input.activity = Some((start, end));
    let built = build_credential(&issuer(), &input);
    assert!(built.get("validUntil").is_none());
    assert_eq!(
        built["credentialSubject"]["activityStartDate"],
        "2026-03-02T00:00:00Z"
    );
    assert_eq!(
        built["credentialSubject"]["activityEndDate"],
        "2026-03-06T23:59:59Z"
    );
    assert_eq!(
        built["credentialSubject"]["achievement"]["achievementType"],
        "CertificateOfCompletion"
    );
    assert_eq!(
        built["credentialStatus"]["statusListCredential"],
        "https://gedhub.example.org/status-lists/1"
    );
    assert_eq!(built["credentialStatus"]["statusListIndex"], "0");
}

#[test]
fn signing_reproduces_the_independently_computed_jwt() {
    let credential: Value = serde_json::from_str(VECTOR_JSON).expect("vector");
    assert_eq!(sign_jwt(&credential, &key(), KID), VECTOR_JWT.trim());
}

#[test]
fn the_pinned_jwt_verifies_with_the_public_key_alone() {
    let jwt = VECTOR_JWT.trim();
    // Plain Ed25519 over the signing input, outside gedhub's verifier.
    let (signing_input, signature) = jwt.rsplit_once('.').expect("three parts");
    let signature = base64_decode(signature);
    UnparsedPublicKey::new(&ED25519, hex32(PUBLIC))
        .verify(signing_input.as_bytes(), &signature)
        .expect("the signature verifies");
    // And gedhub's verifier accepts it and returns the credential.
    let credential = verify_jwt(jwt, &PublicKey(hex32(PUBLIC))).expect("verifies");
    assert_eq!(
        credential,
        serde_json::from_str::<Value>(VECTOR_JSON).expect("vector")
    );
    assert_eq!(jwt_kid(jwt).expect("kid"), KID);
    let header: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').next().expect("header")))
            .expect("header json");
    assert_eq!(header, json!({"alg": "EdDSA", "kid": KID, "typ": "JWT"}));
    let claims: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').nth(1).expect("payload")))
            .expect("payload json");
    assert_eq!(claims["iss"], "did:web:gedhub.example.org");
    assert_eq!(
        claims["sub"],
        "urn:uuid:0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8"
    );
    assert_eq!(claims["nbf"], 1_779_235_200);
    assert_eq!(claims["exp"], 1_873_929_599);
}

#[test]
fn a_tampered_credential_fails_verification() {
    let jwt = VECTOR_JWT.trim();
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&base64_decode(parts[1])).expect("payload");
    claims["vc"]["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
    let forged_payload = base64_encode(canonical_json(&claims).as_bytes());
    let forged = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
    let public = PublicKey(hex32(PUBLIC));
    assert_eq!(
        verify_jwt(&forged, &public),
        Err(CredentialError::Signature)
    );
    assert!(
        UnparsedPublicKey::new(&ED25519, public.0)
            .verify(
                format!("{}.{forged_payload}", parts[0]).as_bytes(),
                &base64_decode(parts[2])
            )
            .is_err()
    );
    // Another key does not verify it either.
    let other = SigningKey::from_seed([7u8; 32]).expect("key").public_key();
    assert_eq!(verify_jwt(jwt, &other), Err(CredentialError::Signature));
    // Another algorithm in the header is refused.
    let none_header = base64_encode(br#"{"alg":"none","kid":"x","typ":"JWT"}"#);
    assert_eq!(
        verify_jwt(&format!("{none_header}.{}.{}", parts[1], parts[2]), &public),
        Err(CredentialError::Algorithm)
    );
    assert_eq!(
        verify_jwt("not a jwt", &public),
        Err(CredentialError::Malformed)
    );
}

#[test]
fn signed_claims_must_match_the_credential() {
    // A correctly signed token whose `sub` differs from the credential's subject.
    let credential: Value = serde_json::from_str(VECTOR_JSON).expect("vector");
    let jwt = sign_jwt(&credential, &key(), KID);
    let header = jwt.split('.').next().expect("header");
    let mut claims: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').nth(1).expect("payload")))
            .expect("payload");
    claims["sub"] = json!("urn:uuid:someone-else");
    let input = format!(
        "{header}.{}",
        base64_encode(canonical_json(&claims).as_bytes())
    );
    let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(&hex32(SEED)).expect("pair");
    let forged = format!(
        "{input}.{}",
        base64_encode(pair.sign(input.as_bytes()).as_ref())
    );
    assert_eq!(
        verify_jwt(&forged, &PublicKey(hex32(PUBLIC))),
        Err(CredentialError::Claims)
    );
}

#[test]
fn the_did_document_lists_every_key() {
    let issuer = issuer();
    assert_eq!(
        Issuer::new("http://localhost:8080").did(),
        "did:web:localhost%3A8080"
    );
    assert_eq!(
        Issuer::new("https://example.org/gedhub").did(),
        "did:web:example.org:gedhub"
    );
    let old = SigningKey::from_seed([1u8; 32]).expect("key").public_key();
    let document =
        issuer.did_document(&[("key-1".into(), old), ("key-2".into(), key().public_key())]);
    assert_eq!(document["id"], "did:web:gedhub.example.org");
    assert_eq!(
        document["verificationMethod"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        document["assertionMethod"],
        json!([
            "did:web:gedhub.example.org#key-1",
            "did:web:gedhub.example.org#key-2"
        ])
    );
    assert_eq!(
        document["verificationMethod"][1]["publicKeyJwk"],
        key().public_key().jwk()
    );
    assert!(
        document["verificationMethod"][1]["publicKeyJwk"]
            .get("d")
            .is_none()
    );
}

#[test]
fn the_status_list_sets_the_revoked_bits_from_the_left() {
    let encoded = encode_status_list(&[0, 3, LIST_BITS - 1]);
    assert!(encoded.starts_with('u'));
    assert_eq!(status_bit(&encoded, 0), Some(true));
    assert_eq!(status_bit(&encoded, 1), Some(false));
    assert_eq!(status_bit(&encoded, 3), Some(true));
    assert_eq!(status_bit(&encoded, LIST_BITS - 1), Some(true));
    assert_eq!(status_bit(&encoded, LIST_BITS), None);
    // Bit 0 is the most significant bit of the first byte (0x80), bit 3 is 0x10.
    let raw = base64_decode(&encoded[1..]);
    let mut bits = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(raw.as_slice()), &mut bits)
        .expect("gzip");
    assert_eq!(bits.len() as u64, LIST_BITS / 8);
    assert_eq!(bits[0], 0x90);
    assert_eq!(status_position(LIST_BITS + 3), (2, 3));
    let at = Utc
        .with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .expect("date");
    let list = status_list_credential(&issuer(), 1, &[3], at);
    assert_eq!(
        list["type"],
        json!(["VerifiableCredential", "BitstringStatusListCredential"])
    );
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");
    let encoded = list["credentialSubject"]["encodedList"]
        .as_str()
        .expect("list");
    assert_eq!(status_bit(encoded, 3), Some(true));
    // Signed like a credential, it verifies.
    let jwt = sign_jwt(&list, &key(), KID);
    assert_eq!(
        verify_jwt(&jwt, &key().public_key()).expect("verifies"),
        list
    );
}

#[test]
fn uuids_are_version_4() {
    let id = uuid_v4([0xff; 16]);
    assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
