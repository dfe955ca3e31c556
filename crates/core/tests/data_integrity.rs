//! `eddsa-rdfc-2022` Data Integrity proofs, pinned by vectors computed
//! elsewhere:
//! - the Open Badges 3.0 implementation guide's "Linked Data Proof Test
//!   Vector" (1EdTech, `ob_v3p0/impl/linked-data-proof-ob.html` and
//!   `test-vectors/obv3p0/*.txt`): canonical N-Quads of the document and
//!   the proof options, their hashes, and the proof value;
//! - gedhub's own credential vector signed by Digital Bazaar's JavaScript
//!   suite (`scripts/credential-test-vector.mjs`).

use gedhub_core::credentials::data_integrity::{
    self, add_proof, base58_decode, base58_encode, canonicalize, from_multikey, multikey,
    verify_proof,
};
use gedhub_core::credentials::{CredentialError, PublicKey, SigningKey};
use serde_json::{Value, json};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn spec_document() -> Value {
    serde_json::from_str(include_str!("data/ob-ldp-vector.json")).expect("json")
}

/// The 1EdTech vector's key: its private key is seed ‖ public key.
fn spec_key() -> SigningKey {
    let seed: [u8; 32] = unhex("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4")
        .try_into()
        .expect("32 bytes");
    SigningKey::from_seed(seed).expect("key")
}

const SPEC_METHOD: &str =
    "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

#[test]
fn the_open_badges_vector_canonicalizes_to_the_published_n_quads() {
    let canonical = canonicalize(&spec_document()).expect("canonical");
    assert_eq!(canonical, include_str!("data/ob-ldp-vector-document.nq"));
    assert_eq!(
        hex(ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()).as_ref()),
        "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    );
    let options = json!({
        "@context": spec_document()["@context"],
        "type": "DataIntegrityProof",
        "created": "2010-01-01T19:23:24Z",
        "verificationMethod": SPEC_METHOD,
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
    });
    let canonical = canonicalize(&options).expect("canonical");
    assert_eq!(canonical, include_str!("data/ob-ldp-vector-proof.nq"));
    assert_eq!(
        hex(ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()).as_ref()),
        "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
    );
}

#[test]
fn the_open_badges_vector_signs_to_the_published_proof_value() {
    let key = spec_key();
    assert_eq!(
        hex(&key.public_key().0),
        "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
    );
    assert_eq!(
        multikey(&key.public_key()),
        "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    );
    let signed =
        add_proof(&spec_document(), &key, SPEC_METHOD, "2010-01-01T19:23:24Z").expect("signed");
    assert_eq!(
        signed["proof"]["proofValue"],
        "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
    );
    assert_eq!(
        hex(&base58_decode("5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr").expect("base58")),
        "f7a017acf7d27983267ec362657c0fb08e955549f49dac5bf36a03c4f2c3a4f1e3738a6c5ecd7ffba7135cb9cd754e6196f4b73082ea8df8e703c8ecd4333503"
    );
    assert_eq!(
        verify_proof(&signed, &key.public_key()).expect("verifies"),
        spec_document()
    );
}

#[test]
fn a_changed_document_or_proof_does_not_verify() {
    let key = spec_key();
    let signed =
        add_proof(&spec_document(), &key, SPEC_METHOD, "2010-01-01T19:23:24Z").expect("signed");
    let mut changed = signed.clone();
    changed["credentialSubject"]["achievement"]["name"] = json!("Leadership");
    assert_eq!(
        verify_proof(&changed, &key.public_key()),
        Err(CredentialError::Signature)
    );
    let mut changed = signed.clone();
    changed["proof"]["created"] = json!("2011-01-01T19:23:24Z");
    assert_eq!(
        verify_proof(&changed, &key.public_key()),
        Err(CredentialError::Signature)
    );
    // A property no context defines is dropped by JSON-LD, so it is not
    // covered by the proof: the proof still verifies (this is why the
    // "check a credential" page compares a presented document with the
    // credential gedhub issued, member by member).
    let mut extra = signed.clone();
    extra["extra"] = json!("x");
    assert!(verify_proof(&extra, &key.public_key()).is_ok());
    let other = SigningKey::from_seed([7; 32]).expect("key");
    assert_eq!(
        verify_proof(&signed, &other.public_key()),
        Err(CredentialError::Signature)
    );
    let mut changed = signed;
    changed["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019");
    assert_eq!(
        verify_proof(&changed, &key.public_key()),
        Err(CredentialError::Algorithm)
    );
}

#[test]
fn unknown_contexts_are_refused_without_fetching() {
    let mut document = spec_document();
    document["@context"][1] = json!("https://attacker.example/context.json");
    assert_eq!(canonicalize(&document), Err(CredentialError::JsonLd));
    let big =
        json!({"@context": data_integrity::CONTEXT_DOCUMENTS[0].0, "name": "x".repeat(70_000)});
    assert_eq!(canonicalize(&big), Err(CredentialError::TooLarge));
}

#[test]
fn multikeys_and_base58_round_trip() {
    let key = SigningKey::from_seed([3; 32]).expect("key").public_key();
    assert_eq!(from_multikey(&multikey(&key)), Ok(key));
    assert!(multikey(&key).starts_with("z6Mk"));
    assert_eq!(from_multikey("z111"), Err(CredentialError::Key));
    assert_eq!(PublicKey::from_text(&key.text()), Ok(key));
    // Bitcoin's alphabet; leading zero bytes are 1s.
    assert_eq!(base58_encode(b"Hello World!"), "2NEpo7TZRRrLZSi2U");
    assert_eq!(base58_encode(&[0, 0, 1]), "112");
    assert_eq!(base58_decode("112"), Some(vec![0, 0, 1]));
    assert_eq!(base58_decode("0OIl"), None);
}
