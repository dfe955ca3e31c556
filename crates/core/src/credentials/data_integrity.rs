//! Embedded proofs: a W3C Data Integrity `DataIntegrityProof` with the
//! `eddsa-rdfc-2022` cryptosuite (W3C "Data Integrity EdDSA Cryptosuites
//! v1.0", section 3.2). The document and the proof options are turned into
//! RDF (JSON-LD 1.1 toRdf, `oxjsonld`), canonicalized with RDFC-1.0 and
//! SHA-256 (`oxrdf`), and the two hashes (proof options first) are signed
//! with Ed25519.
//!
//! Context documents are never fetched: only the contexts shipped in
//! `crates/core/contexts/` resolve ([`CONTEXT_DOCUMENTS`]); a document naming
//! any other context is refused, so signing and verifying never touch the
//! network and an attacker cannot make the server fetch a URL.

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::Dataset;
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use ring::digest::{SHA256, digest};
use ring::signature::{ED25519, UnparsedPublicKey};
use serde_json::{Map, Value};

use super::{CredentialError, PublicKey, SigningKey};

/// The proof type and cryptosuite gedhub writes and accepts.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// The JSON-LD context documents gedhub knows, by URL: the only ones a
/// signed or verified document may use. Byte copies of the published
/// documents (see `crates/core/contexts/README.md`).
pub const CONTEXT_DOCUMENTS: [(&str, &str); 2] = [
    (
        "https://www.w3.org/ns/credentials/v2",
        include_str!("../../contexts/credentials-v2.jsonld"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        include_str!("../../contexts/ob-v3p0-context-3.0.3.json"),
    ),
];

/// The shipped context document at `url`, if any.
pub fn context_document(url: &str) -> Option<&'static str> {
    CONTEXT_DOCUMENTS
        .iter()
        .find(|(known, _)| *known == url)
        .map(|(_, body)| *body)
}

/// Most bytes of JSON a canonicalization accepts: credentials are a few
/// kilobytes; RDFC-1.0 is exponential on crafted blank-node graphs, so a
/// presented document is bounded before it reaches it.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;

/// Most RDF statements a canonicalized document may hold.
const MAX_QUADS: usize = 2_000;

/// The RDFC-1.0 canonical N-Quads of a JSON-LD document (one statement per
/// line, sorted, each ending with a newline).
pub fn canonicalize(document: &Value) -> Result<String, CredentialError> {
    let bytes = serde_json::to_vec(document).map_err(|_| CredentialError::Malformed)?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(CredentialError::TooLarge);
    }
    let parser = JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(|url, _options| match context_document(url) {
            Some(body) => Ok(JsonLdRemoteDocument {
                document: body.as_bytes().to_vec(),
                document_url: url.to_owned(),
            }),
            None => Err(format!("unknown JSON-LD context {url}").into()),
        });
    let mut dataset = Dataset::new();
    for quad in parser {
        let quad = quad.map_err(|_| CredentialError::JsonLd)?;
        dataset.insert(&quad);
        if dataset.len() > MAX_QUADS {
            return Err(CredentialError::TooLarge);
        }
    }
    dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    let mut lines: Vec<String> = dataset.iter().map(|quad| format!("{quad} .\n")).collect();
    lines.sort();
    Ok(lines.concat())
}

/// The proof options a proof is computed over: the proof without its
/// `proofValue`, with the document's `@context` (vc-di-eddsa 3.2.5).
fn proof_configuration(document: &Map<String, Value>, proof: &Map<String, Value>) -> Value {
    let mut options = proof.clone();
    options.remove("proofValue");
    if let Some(context) = document.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    Value::Object(options)
}

/// SHA-256 of the canonical proof options followed by SHA-256 of the
/// canonical document (vc-di-eddsa 3.2.4, "Hashing").
fn hash_data(
    document: &Map<String, Value>,
    proof: &Map<String, Value>,
) -> Result<Vec<u8>, CredentialError> {
    let options = canonicalize(&proof_configuration(document, proof))?;
    let body = canonicalize(&Value::Object(document.clone()))?;
    let mut data = digest(&SHA256, options.as_bytes()).as_ref().to_vec();
    data.extend_from_slice(digest(&SHA256, body.as_bytes()).as_ref());
    Ok(data)
}

/// Adds an `eddsa-rdfc-2022` proof to `document` (which must carry no
/// proof yet). `created` is the proof's date-time (XML Schema, `Z`); the
/// signature is deterministic (Ed25519), so the same inputs give the same
/// proof.
pub fn add_proof(
    document: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: &str,
) -> Result<Value, CredentialError> {
    let Some(unsecured) = document.as_object() else {
        return Err(CredentialError::Malformed);
    };
    if unsecured.contains_key("proof") {
        return Err(CredentialError::Malformed);
    }
    let mut proof = Map::new();
    proof.insert("type".into(), Value::String(PROOF_TYPE.into()));
    proof.insert("cryptosuite".into(), Value::String(CRYPTOSUITE.into()));
    proof.insert("created".into(), Value::String(created.into()));
    proof.insert(
        "verificationMethod".into(),
        Value::String(verification_method.into()),
    );
    proof.insert(
        "proofPurpose".into(),
        Value::String("assertionMethod".into()),
    );
    let signature = key.sign(&hash_data(unsecured, &proof)?);
    proof.insert(
        "proofValue".into(),
        Value::String(format!("z{}", base58_encode(&signature))),
    );
    let mut secured = unsecured.clone();
    secured.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(secured))
}

/// The one `eddsa-rdfc-2022` proof of a secured document, unverified: to
/// find its `verificationMethod`.
pub fn proof_of(document: &Value) -> Result<&Map<String, Value>, CredentialError> {
    let proof = document.get("proof").ok_or(CredentialError::Malformed)?;
    let proof = match proof {
        Value::Array(items) if items.len() == 1 => &items[0],
        other => other,
    };
    let proof = proof.as_object().ok_or(CredentialError::Malformed)?;
    if proof.get("type").and_then(Value::as_str) != Some(PROOF_TYPE)
        || proof.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(CredentialError::Algorithm);
    }
    if proof.get("proofPurpose").and_then(Value::as_str) != Some("assertionMethod") {
        return Err(CredentialError::Claims);
    }
    Ok(proof)
}

/// Verifies the `eddsa-rdfc-2022` proof of `document` with `key`; returns
/// the document without its proof.
pub fn verify_proof(document: &Value, key: &PublicKey) -> Result<Value, CredentialError> {
    let proof = proof_of(document)?.clone();
    let signature = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|value| value.strip_prefix('z'))
        .and_then(base58_decode)
        .ok_or(CredentialError::Malformed)?;
    if signature.len() != 64 {
        return Err(CredentialError::Signature);
    }
    let mut unsecured = document
        .as_object()
        .cloned()
        .ok_or(CredentialError::Malformed)?;
    unsecured.remove("proof");
    let data = hash_data(&unsecured, &proof)?;
    UnparsedPublicKey::new(&ED25519, key.0)
        .verify(&data, &signature)
        .map_err(|_| CredentialError::Signature)?;
    Ok(Value::Object(unsecured))
}

/// The Multikey form of an Ed25519 public key: multibase base58-btc (`z`)
/// of the multicodec prefix `0xed 0x01` and the 32 key bytes
/// (Controlled Identifiers 1.0, "Multikey").
pub fn multikey(key: &PublicKey) -> String {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(&key.0);
    format!("z{}", base58_encode(&bytes))
}

/// The public key of a Multikey `publicKeyMultibase` (Ed25519 only).
pub fn from_multikey(text: &str) -> Result<PublicKey, CredentialError> {
    let bytes = text
        .strip_prefix('z')
        .and_then(base58_decode)
        .ok_or(CredentialError::Key)?;
    match bytes.as_slice() {
        [0xed, 0x01, rest @ ..] => Ok(PublicKey(
            rest.try_into().map_err(|_| CredentialError::Key)?,
        )),
        _ => Err(CredentialError::Key),
    }
}

const BASE58_ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 with the Bitcoin alphabet (leading zero bytes as `1`).
pub fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    // Little-endian digits in base 58.
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 138 / 100 + 1);
    for &byte in &bytes[zeros..] {
        let mut carry = u32::from(byte);
        for digit in &mut digits {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut text = "1".repeat(zeros);
    text.extend(
        digits
            .iter()
            .rev()
            .map(|d| char::from(BASE58_ALPHABET[usize::from(*d)])),
    );
    text
}

/// The bytes of a base58 (Bitcoin alphabet) text; `None` on a foreign
/// character.
pub fn base58_decode(text: &str) -> Option<Vec<u8>> {
    let zeros = text.bytes().take_while(|c| *c == b'1').count();
    // Little-endian bytes.
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for c in text.bytes().skip(zeros) {
        let mut carry = BASE58_ALPHABET.iter().position(|a| *a == c)? as u32;
        for byte in &mut bytes {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}
