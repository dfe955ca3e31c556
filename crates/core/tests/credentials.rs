//! Verifiable credentials: construction, and signatures checked against
//! vectors computed outside gedhub, so a bug shared by our signer and our
//! verifier cannot hide:
//! - `credential-vector.*`: the current form (embedded `eddsa-rdfc-2022`
//!   proof, then a JWT whose payload is the credential), signed by
//!   `scripts/credential-test-vector.mjs` with Digital Bazaar's JSON-LD,
//!   RDF canonicalization and Data Integrity libraries and Node's Ed25519;
//! - `legacy-credential-vector.*`: the pre-2024 form (credential under a
//!   `vc` claim), from `scripts/legacy-credential-test-vector.py` (Python
//!   `json` + `cryptography`).
//!
//! Both use the RFC 8032 test 1 key.

use chrono::{TimeZone, Utc};
use gedhub_core::credentials::{
    CredentialError, CredentialInput, CredentialKind, Issuer, JwtForm, LIST_BITS, PublicKey,
    SigningKey, build_credential, canonical_json, data_integrity, encode_status_list,
    jwt_credential, jwt_kid, secure, sign_jwt, sign_legacy_jwt, status_bit, status_list_credential,
    status_position, uuid_v4, verify_jwt,
};
use ring::signature::{ED25519, UnparsedPublicKey};
use serde_json::{Value, json};

/// RFC 8032, section 7.1, test 1.
const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const KID: &str = "did:web:gedhub.example.org#key-1";
const MULTIKEY_ID: &str = "did:web:gedhub.example.org#key-1-multikey";
const CREATED: &str = "2026-05-20T08:30:00Z";
const VECTOR_JSON: &str = include_str!("data/credential-vector.json");
const VECTOR_SIGNED: &str = include_str!("data/credential-vector-signed.json");
const VECTOR_JWT: &str = include_str!("data/credential-vector.jwt");
const LEGACY_JSON: &str = include_str!("data/legacy-credential-vector.json");
const LEGACY_JWT: &str = include_str!("data/legacy-credential-vector.jwt");

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
        achievement_language: "en".into(),
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
        key_name: "key-1".into(),
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
    assert_eq!(
        built["credentialSchema"],
        json!([{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", "type": "JsonSchema"}])
    );
    assert_eq!(
        built["credentialSubject"]["achievement"]["image"],
        json!({"id": "https://gedhub.example.org/achievements/recognized-ged-expert/image.svg", "type": "Image"})
    );
    // The status list is the signing key's own.
    assert_eq!(
        built["credentialStatus"]["statusListCredential"],
        "https://gedhub.example.org/status-lists/key-1/2"
    );
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
        "https://gedhub.example.org/status-lists/key-1/1"
    );
    assert_eq!(built["credentialStatus"]["statusListIndex"], "0");
}

#[test]
fn securing_reproduces_the_independently_computed_proof_and_jwt() {
    let credential: Value = serde_json::from_str(VECTOR_JSON).expect("vector");
    let (with_proof, jwt) = secure(&credential, &key(), KID, MULTIKEY_ID, CREATED).expect("signed");
    assert_eq!(
        with_proof,
        serde_json::from_str::<Value>(VECTOR_SIGNED).expect("vector")
    );
    assert_eq!(jwt, VECTOR_JWT.trim());
}

#[test]
fn the_pinned_jwt_payload_is_the_credential_itself() {
    let jwt = VECTOR_JWT.trim();
    // Plain Ed25519 over the signing input, outside gedhub's verifier.
    let (signing_input, signature) = jwt.rsplit_once('.').expect("three parts");
    UnparsedPublicKey::new(&ED25519, hex32(PUBLIC))
        .verify(signing_input.as_bytes(), &base64_decode(signature))
        .expect("the signature verifies");
    let signed: Value = serde_json::from_str(VECTOR_SIGNED).expect("vector");
    let (credential, form) = verify_jwt(jwt, &PublicKey(hex32(PUBLIC))).expect("verifies");
    assert_eq!((credential, form), (signed.clone(), JwtForm::Credential));
    assert_eq!(jwt_kid(jwt).expect("kid"), KID);
    let header: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').next().expect("header")))
            .expect("header json");
    assert_eq!(header, json!({"alg": "EdDSA", "kid": KID, "typ": "JWT"}));
    let claims: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').nth(1).expect("payload")))
            .expect("payload json");
    // The credential's members at the top level, no `vc` claim.
    assert!(claims.get("vc").is_none());
    assert_eq!(claims["@context"], signed["@context"]);
    assert_eq!(
        claims["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(claims["credentialSubject"], signed["credentialSubject"]);
    assert_eq!(claims["proof"], signed["proof"]);
    assert_eq!(claims["iss"], "did:web:gedhub.example.org");
    assert_eq!(claims["jti"], signed["id"]);
    assert_eq!(
        claims["sub"],
        "urn:uuid:0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8"
    );
    assert_eq!(claims["nbf"], 1_779_235_200);
    assert_eq!(claims["exp"], 1_873_929_599);
    // The embedded proof verifies on its own.
    assert_eq!(
        data_integrity::verify_proof(&signed, &key().public_key()).expect("proof"),
        serde_json::from_str::<Value>(VECTOR_JSON).expect("vector")
    );
}

#[test]
fn credentials_issued_before_the_2024_revision_still_verify() {
    let jwt = LEGACY_JWT.trim();
    let legacy: Value = serde_json::from_str(LEGACY_JSON).expect("vector");
    assert_eq!(sign_legacy_jwt(&legacy, &key(), KID), jwt);
    let (signing_input, signature) = jwt.rsplit_once('.').expect("three parts");
    UnparsedPublicKey::new(&ED25519, hex32(PUBLIC))
        .verify(signing_input.as_bytes(), &base64_decode(signature))
        .expect("the signature verifies");
    assert_eq!(
        verify_jwt(jwt, &PublicKey(hex32(PUBLIC))),
        Ok((legacy.clone(), JwtForm::VcClaim))
    );
    assert_eq!(jwt_credential(jwt), Ok((legacy, JwtForm::VcClaim)));
    // A tampered legacy token fails like a current one.
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&base64_decode(parts[1])).expect("payload");
    claims["vc"]["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        base64_encode(canonical_json(&claims).as_bytes()),
        parts[2]
    );
    assert_eq!(
        verify_jwt(&forged, &PublicKey(hex32(PUBLIC))),
        Err(CredentialError::Signature)
    );
}

#[test]
fn a_tampered_credential_fails_verification() {
    let jwt = VECTOR_JWT.trim();
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&base64_decode(parts[1])).expect("payload");
    claims["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
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
    // Correctly signed tokens whose claims differ from the credential: a
    // `sub` naming someone else, a missing `nbf`, a claim gedhub never sets.
    let credential: Value = serde_json::from_str(VECTOR_JSON).expect("vector");
    let jwt = sign_jwt(&credential, &key(), KID);
    let header = jwt.split('.').next().expect("header");
    let claims: Value =
        serde_json::from_slice(&base64_decode(jwt.split('.').nth(1).expect("payload")))
            .expect("payload");
    let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(&hex32(SEED)).expect("pair");
    let resign = |claims: &Value| {
        let input = format!(
            "{header}.{}",
            base64_encode(canonical_json(claims).as_bytes())
        );
        format!(
            "{input}.{}",
            base64_encode(pair.sign(input.as_bytes()).as_ref())
        )
    };
    assert!(verify_jwt(&resign(&claims), &PublicKey(hex32(PUBLIC))).is_ok());
    let mut other_subject = claims.clone();
    other_subject["sub"] = json!("urn:uuid:someone-else");
    let mut no_nbf = claims.clone();
    no_nbf.as_object_mut().expect("object").remove("nbf");
    let mut later_exp = claims.clone();
    later_exp["exp"] = json!(1_999_999_999);
    for forged in [other_subject, no_nbf, later_exp] {
        assert_eq!(
            verify_jwt(&resign(&forged), &PublicKey(hex32(PUBLIC))),
            Err(CredentialError::Claims)
        );
    }
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
        Some(4)
    );
    assert_eq!(
        document["assertionMethod"],
        json!([
            "did:web:gedhub.example.org#key-1",
            "did:web:gedhub.example.org#key-1-multikey",
            "did:web:gedhub.example.org#key-2",
            "did:web:gedhub.example.org#key-2-multikey"
        ])
    );
    assert_eq!(
        document["verificationMethod"][2]["publicKeyJwk"],
        key().public_key().jwk()
    );
    assert!(
        document["verificationMethod"][2]["publicKeyJwk"]
            .get("d")
            .is_none()
    );
    // RFC 8032 test 1 public key as a Multikey (base58-btc of 0xed01 ‖ key).
    assert_eq!(
        document["verificationMethod"][3],
        json!({
            "id": "did:web:gedhub.example.org#key-2-multikey",
            "type": "Multikey",
            "controller": "did:web:gedhub.example.org",
            "publicKeyMultibase": "z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw",
        })
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
    let list = status_list_credential(&issuer(), &issuer().status_list_url("key-1", 1), &[3], at);
    assert_eq!(
        list["type"],
        json!(["VerifiableCredential", "BitstringStatusListCredential"])
    );
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");
    let encoded = list["credentialSubject"]["encodedList"]
        .as_str()
        .expect("list");
    assert_eq!(status_bit(encoded, 3), Some(true));
    // Signed like a credential, it verifies in both forms.
    let (with_proof, jwt) = secure(&list, &key(), KID, MULTIKEY_ID, CREATED).expect("signed");
    assert_eq!(
        verify_jwt(&jwt, &key().public_key()).expect("verifies").0,
        with_proof
    );
    assert_eq!(
        data_integrity::verify_proof(&with_proof, &key().public_key()).expect("proof"),
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
