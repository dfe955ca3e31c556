//! Signed statements (xAPI 2.0, Data 2.6 / IEEE 9274.1.1 §5.4): a statement
//! carries its JWS (compact serialization, RS256/RS384/RS512) as an
//! attachment whose `usageType` is [`SIGNATURE_USAGE`] and whose
//! `contentType` is `application/octet-stream`.
//!
//! What the specification requires of the LRS, and what this module checks:
//! the JWS is well formed (three base64url segments, a JSON header naming an
//! allowed `alg`, a JSON payload, a signature), and its payload — the
//! statement as the signer sent it — is logically equivalent to the received
//! statement, ignoring what the LRS may add or rewrite (`id` when the payload
//! has none, `authority`, `stored`, `timestamp`, `version`, `attachments`).
//! Verifying the signature bytes against an `x5c` certificate needs RSA and
//! X.509; see docs/ELEARNING.md for the choice made.

use base64::Engine;
use serde_json::Value;

/// The `usageType` of a statement's signature attachment.
pub const SIGNATURE_USAGE: &str = "http://adlnet.gov/expapi/attachments/signature";
/// The only `contentType` a signature attachment may have.
pub const SIGNATURE_CONTENT_TYPE: &str = "application/octet-stream";
/// The algorithms the specification allows.
pub const ALGORITHMS: [&str; 3] = ["RS256", "RS384", "RS512"];

/// A well-formed JWS, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Jws {
    pub header: serde_json::Map<String, Value>,
    pub payload: Value,
    /// The bytes that were signed: `base64url(header).base64url(payload)`.
    pub signing_input: String,
    pub signature: Vec<u8>,
}

impl Jws {
    pub fn algorithm(&self) -> &str {
        self.header
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

fn base64url(segment: &str) -> Option<Vec<u8>> {
    // Unpadded per RFC 7515; tolerate padding some signers add.
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment.trim_end_matches('='))
        .ok()
}

/// Decodes a compact JWS. The error is a stable problem code.
pub fn decode(jws: &[u8]) -> Result<Jws, &'static str> {
    let text = std::str::from_utf8(jws)
        .map_err(|_| "signature_not_compact_jws")?
        .trim();
    let segments: Vec<&str> = text.split('.').collect();
    let [header, payload, signature] = segments.as_slice() else {
        return Err("signature_not_compact_jws");
    };
    let header_bytes = base64url(header).ok_or("signature_not_compact_jws")?;
    let header_json: Value =
        serde_json::from_slice(&header_bytes).map_err(|_| "signature_header_not_json")?;
    let Value::Object(header_map) = header_json else {
        return Err("signature_header_not_json");
    };
    let payload_bytes = base64url(payload).ok_or("signature_not_compact_jws")?;
    let payload_json: Value =
        serde_json::from_slice(&payload_bytes).map_err(|_| "signature_payload_not_a_statement")?;
    if !payload_json.is_object() {
        return Err("signature_payload_not_a_statement");
    }
    let signature_bytes = base64url(signature).ok_or("signature_not_compact_jws")?;
    if signature_bytes.is_empty() {
        return Err("signature_missing");
    }
    let jws = Jws {
        header: header_map,
        payload: payload_json,
        signing_input: format!("{header}.{payload}"),
        signature: signature_bytes,
    };
    if !ALGORITHMS.contains(&jws.algorithm()) {
        return Err("signature_algorithm_not_allowed");
    }
    Ok(jws)
}

/// The statement as the signature comparison sees it: the statement
/// comparison rule, plus `attachments` (the signature itself is one) and the
/// `id` when the signer left it for the LRS to assign.
fn signed_form(statement: &Value, keep_id: bool) -> Value {
    let mut value = super::comparable(statement);
    if let Some(object) = value.as_object_mut() {
        object.remove("attachments");
        if !keep_id {
            object.remove("id");
        }
    }
    value
}

/// True when the JWS payload is the received statement, as the
/// specification's equivalence check says.
pub fn payload_matches(payload: &Value, statement: &Value) -> bool {
    let keep_id = payload.get("id").is_some() && statement.get("id").is_some();
    signed_form(payload, keep_id) == signed_form(statement, keep_id)
}

/// Checks one signature attachment's payload against its statement.
pub fn check(jws: &[u8], statement: &Value) -> Result<Jws, &'static str> {
    let decoded = decode(jws)?;
    if !payload_matches(&decoded.payload, statement) {
        return Err("signature_payload_mismatch");
    }
    Ok(decoded)
}

/// One DER element: (tag, contents, the rest after it).
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let length = rest[..count]
            .iter()
            .fold(0usize, |acc, byte| (acc << 8) | usize::from(*byte));
        (length, &rest[count..])
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

/// The RSA public key (PKCS #1 `RSAPublicKey`, DER) of an X.509 certificate
/// (DER), read from its SubjectPublicKeyInfo; `None` when the certificate is
/// not DER or its key is not RSA. Only the key is read: the LRS verifies the
/// signature with it, it does not judge whom the certificate names.
pub fn certificate_rsa_key(certificate: &[u8]) -> Option<Vec<u8>> {
    const SEQUENCE: u8 = 0x30;
    // rsaEncryption, 1.2.840.113549.1.1.1
    const RSA_OID: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    let (tag, certificate, _) = der_element(certificate)?;
    (tag == SEQUENCE).then_some(())?;
    let (tag, tbs, _) = der_element(certificate)?;
    (tag == SEQUENCE).then_some(())?;
    let mut rest = tbs;
    // [0] version (optional), serial, signature, issuer, validity, subject.
    let (tag, _, after) = der_element(rest)?;
    if tag == 0xa0 {
        rest = after;
    }
    for _ in 0..5 {
        rest = der_element(rest)?.2;
    }
    let (tag, spki, _) = der_element(rest)?;
    (tag == SEQUENCE).then_some(())?;
    let (tag, algorithm, rest) = der_element(spki)?;
    (tag == SEQUENCE).then_some(())?;
    let (tag, oid, _) = der_element(algorithm)?;
    (tag == 0x06 && oid == RSA_OID).then_some(())?;
    let (tag, bits, _) = der_element(rest)?;
    // A BIT STRING whose first byte counts the unused bits (none here).
    (tag == 0x03 && bits.first() == Some(&0)).then(|| bits[1..].to_vec())
}

/// The signer's certificate (the first of `x5c`, standard base64 DER), when
/// the JWS header carries one.
pub fn signer_certificate(jws: &Jws) -> Option<Result<Vec<u8>, &'static str>> {
    let chain = jws.header.get("x5c")?;
    let first = chain
        .as_array()
        .and_then(|chain| chain.first())
        .and_then(Value::as_str);
    Some(
        first
            .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok())
            .ok_or("signature_x5c_malformed"),
    )
}
