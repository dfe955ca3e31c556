//! Verifiable credentials (Open Badges 3.0): construction, signing and
//! verification with Ed25519, and Bitstring Status Lists. Pure computation:
//! keys, randomness and dates come from the caller, so the store (demo data)
//! and the web edge sign the same way and tests can pin exact bytes.
//!
//! Format (see docs/CREDENTIALS.md): an `OpenBadgeCredential` (W3C VC 2.0
//! data model, Open Badges 3.0.3 context) secured twice:
//! - an embedded `DataIntegrityProof` (`eddsa-rdfc-2022`, see
//!   [`data_integrity`]), the JSON-LD form;
//! - then, over the credential with that proof, a compact JWS following the
//!   Open Badges 3.0 "JSON Web Token Proof Format" (2024 revision): JOSE
//!   header `{"alg":"EdDSA","kid":<verification method>,"typ":"JWT"}` (that
//!   section allows no other `typ` and no other header), payload = the
//!   credential itself with the registered claims `iss`, `jti`, `sub`,
//!   `nbf` and `exp` added at its top level.
//!
//! Credentials issued before that revision carry the credential under a
//! `vc` claim (the VC 1.1 envelope); [`verify_jwt`] still accepts them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde_json::{Map, Value, json};

pub mod data_integrity;

/// The VC 2.0 and Open Badges 3.0.3 JSON-LD contexts, in this order.
pub const CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// The JSON Schema a credential names in `credentialSchema`: the Open
/// Badges 3.0 schema of an `AchievementCredential`, typed `JsonSchema` (VC
/// 2.0, defined by the VC context) rather than the specification examples'
/// `1EdTechJsonSchemaValidator2019`, which no context defines: JSON-LD
/// processors in "safe mode" refuse that undefined type, so the embedded
/// proof would not verify with them.
pub const SCHEMA_URL: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/// The JWT claims the Open Badges 3.0 JWT proof format adds to the
/// credential at the top level of the payload.
pub const REGISTERED_CLAIMS: [&str; 5] = ["iss", "jti", "sub", "nbf", "exp"];

/// Bits in one status list: the Bitstring Status List minimum (16 KiB),
/// which hides which credential a verifier asks about among many.
pub const LIST_BITS: u64 = 131_072;

/// Why a credential or a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("malformed token")]
    Malformed,
    #[error("unsupported algorithm")]
    Algorithm,
    #[error("signature does not verify")]
    Signature,
    #[error("claims do not match the credential")]
    Claims,
    #[error("invalid key")]
    Key,
    #[error("document too large")]
    TooLarge,
    #[error("not JSON-LD gedhub can read (unknown context or term)")]
    JsonLd,
}

/// An Ed25519 signing key (the 32-byte seed of RFC 8032). Its `Debug`
/// output hides the seed.
pub struct SigningKey {
    seed: [u8; 32],
    pair: Ed25519KeyPair,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &self.public_key().text())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    pub fn from_seed(seed: [u8; 32]) -> Result<Self, CredentialError> {
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).map_err(|_| CredentialError::Key)?;
        Ok(Self { seed, pair })
    }

    /// A fresh key from the caller's cryptographic random generator.
    pub fn generate(rng: &mut (impl rand_core::RngCore + rand_core::CryptoRng)) -> Self {
        loop {
            let mut seed = [0u8; 32];
            rng.fill_bytes(&mut seed);
            if let Ok(key) = Self::from_seed(seed) {
                return key;
            }
        }
    }

    /// The seed, base64url: the form the store keeps.
    pub fn seed_text(&self) -> String {
        encode(&self.seed)
    }

    pub fn from_seed_text(text: &str) -> Result<Self, CredentialError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| CredentialError::Key)?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| CredentialError::Key)?;
        Self::from_seed(seed)
    }

    pub fn public_key(&self) -> PublicKey {
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(self.pair.public_key().as_ref());
        PublicKey(bytes)
    }

    pub(crate) fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.pair.sign(message).as_ref().to_vec()
    }
}

/// An Ed25519 public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// The key's `x` (base64url), the form the store keeps.
    pub fn text(&self) -> String {
        encode(&self.0)
    }

    pub fn from_text(text: &str) -> Result<Self, CredentialError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| CredentialError::Key)?;
        Ok(Self(bytes.try_into().map_err(|_| CredentialError::Key)?))
    }

    /// The public JSON Web Key (RFC 8037 OKP): never a `d`.
    pub fn jwk(&self) -> Value {
        json!({"kty": "OKP", "crv": "Ed25519", "x": self.text()})
    }
}

fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The platform as an issuer: its public base URL (no trailing slash) and
/// name. The issuer id is the `did:web` derived from the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub base_url: String,
    pub name: String,
}

impl Issuer {
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            name: "World Customs Organization — gedhub".to_owned(),
        }
    }

    /// `did:web` of the base URL: the host (a port's `:` encoded as `%3A`),
    /// then any path segments joined by `:` (did:web specification).
    pub fn did(&self) -> String {
        let without_scheme = self
            .base_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&self.base_url);
        let mut parts = without_scheme.split('/').filter(|part| !part.is_empty());
        let host = parts.next().unwrap_or("localhost").replace(':', "%3A");
        let mut did = format!("did:web:{host}");
        for part in parts {
            did.push(':');
            did.push_str(part);
        }
        did
    }

    /// The verification method (JWS `kid`) of a key named `name`.
    pub fn key_id(&self, name: &str) -> String {
        format!("{}#{name}", self.did())
    }

    pub fn credential_url(&self, id: &str) -> String {
        format!("{}/credentials/{id}", self.base_url)
    }

    /// The verification method of a key as a Multikey (the embedded
    /// proofs' `verificationMethod`); `key_id` names the same key as a
    /// `JsonWebKey` (the JWS `kid`).
    pub fn multikey_id(&self, name: &str) -> String {
        format!("{}#{name}-multikey", self.did())
    }

    /// The revocation status list `list` of the credentials signed with the
    /// key `key_name`: each key has its own lists, signed by that key, so a
    /// credential's status verifies with the key that signed it whatever
    /// key signs new credentials.
    pub fn status_list_url(&self, key_name: &str, list: u64) -> String {
        format!("{}/status-lists/{key_name}/{list}", self.base_url)
    }

    /// The status list URL of credentials issued before lists were kept per
    /// key (`/status-lists/{n}`).
    pub fn legacy_status_list_url(&self, list: u64) -> String {
        format!("{}/status-lists/{list}", self.base_url)
    }

    pub fn achievement_url(&self, slug: &str) -> String {
        format!("{}/achievements/{slug}", self.base_url)
    }

    /// The issuer Profile embedded in credentials and served at `/issuer`.
    pub fn profile(&self) -> Value {
        json!({
            "id": self.did(),
            "type": ["Profile"],
            "name": self.name,
            "url": self.base_url,
        })
    }

    /// The DID document served at `/.well-known/did.json`: every key ever
    /// used (active and retired), so old credentials keep verifying, each
    /// twice: as a `JsonWebKey` (`#name`, the JWS `kid`) and as a
    /// `Multikey` (`#name-multikey`, the embedded proofs'
    /// `verificationMethod`).
    pub fn did_document(&self, keys: &[(String, PublicKey)]) -> Value {
        let did = self.did();
        let mut methods = Vec::new();
        let mut ids = Vec::new();
        for (name, key) in keys {
            methods.push(json!({
                "id": self.key_id(name),
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": key.jwk(),
            }));
            methods.push(json!({
                "id": self.multikey_id(name),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": data_integrity::multikey(key),
            }));
            ids.push(Value::String(self.key_id(name)));
            ids.push(Value::String(self.multikey_id(name)));
        }
        json!({
            "@context": [
                "https://www.w3.org/ns/did/v1",
                "https://w3id.org/security/jwk/v1",
                "https://w3id.org/security/multikey/v1",
            ],
            "id": did,
            "verificationMethod": methods,
            "assertionMethod": ids,
            "authentication": ids,
        })
    }
}

/// What a credential attests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// A participant completed a workshop.
    WorkshopCompletion,
    /// The Secretariat recognized an expert as Recognized GED Expert.
    ExpertRecognition,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WorkshopCompletion => "workshop_completion",
            Self::ExpertRecognition => "expert_recognition",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "workshop_completion" => Some(Self::WorkshopCompletion),
            "expert_recognition" => Some(Self::ExpertRecognition),
            _ => None,
        }
    }

    fn achievement_type(self) -> &'static str {
        match self {
            Self::WorkshopCompletion => "CertificateOfCompletion",
            Self::ExpertRecognition => "Certification",
        }
    }
}

/// Everything a credential says, decided by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialInput {
    /// A random UUID (see [`uuid_v4`]): credential URLs are not guessable.
    pub id: String,
    /// Another random UUID naming the subject (`urn:uuid:`), so the
    /// public credential carries no e-mail address.
    pub subject_id: String,
    pub kind: CredentialKind,
    /// The achievement's URL (stable per workshop, or per kind).
    pub achievement_id: String,
    pub achievement_name: String,
    pub achievement_description: String,
    pub criteria: String,
    /// The language of the achievement's texts (BCP 47, e.g. `en`).
    pub achievement_language: String,
    pub recipient_name: String,
    pub recipient_email: String,
    /// Salt of the recipient's hashed e-mail (`IdentityObject`).
    pub email_salt: String,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    /// For a workshop: its first and last day.
    pub activity: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The bit of this credential in the revocation status lists.
    pub status_index: u64,
    /// The key that signs the credential, whose status lists hold its bit.
    pub key_name: String,
}

/// A UUID (version 4) from 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// VC date-time: UTC, seconds, `Z`.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `sha256$<hex>` of the e-mail followed by the salt (Open Badges
/// `IdentityHash`), the e-mail lowercased first.
pub fn identity_hash(email: &str, salt: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("{}{salt}", email.trim().to_lowercase()).as_bytes(),
    );
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// The status list holding bit `index`, and the bit's place in it.
pub fn status_position(index: u64) -> (u64, u64) {
    (index / LIST_BITS + 1, index % LIST_BITS)
}

/// What an achievement says, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementText {
    /// Its URL (`/achievements/...`), which answers the achievement itself.
    pub id: String,
    pub name: String,
    pub description: String,
    pub criteria: String,
    /// BCP 47 language of the texts.
    pub language: String,
}

/// An Open Badges `Achievement`: in credentials, and (with an `@context`)
/// at its own URL. Its image is `<id>/image.svg`.
pub fn achievement(issuer: &Issuer, kind: CredentialKind, text: &AchievementText) -> Value {
    json!({
        "id": text.id,
        "type": ["Achievement"],
        "achievementType": kind.achievement_type(),
        "name": text.name,
        "description": text.description,
        "criteria": {"narrative": text.criteria},
        "image": {"id": format!("{}/image.svg", text.id), "type": "Image"},
        "inLanguage": text.language,
        "creator": issuer.profile(),
    })
}

/// The unsigned `OpenBadgeCredential`.
pub fn build_credential(issuer: &Issuer, input: &CredentialInput) -> Value {
    let (list, bit) = status_position(input.status_index);
    let list_url = issuer.status_list_url(&input.key_name, list);
    let mut subject = Map::new();
    subject.insert("id".into(), json!(format!("urn:uuid:{}", input.subject_id)));
    subject.insert("type".into(), json!(["AchievementSubject"]));
    subject.insert(
        "identifier".into(),
        json!([
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": false,
                "identityHash": input.recipient_name,
            },
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": true,
                "identityHash": identity_hash(&input.recipient_email, &input.email_salt),
                "salt": input.email_salt,
            }
        ]),
    );
    if let Some((start, end)) = input.activity {
        subject.insert("activityStartDate".into(), json!(date_time(start)));
        subject.insert("activityEndDate".into(), json!(date_time(end)));
    }
    subject.insert(
        "achievement".into(),
        achievement(
            issuer,
            input.kind,
            &AchievementText {
                id: input.achievement_id.clone(),
                name: input.achievement_name.clone(),
                description: input.achievement_description.clone(),
                criteria: input.criteria.clone(),
                language: input.achievement_language.clone(),
            },
        ),
    );
    let mut credential = Map::new();
    credential.insert("@context".into(), json!(CONTEXTS));
    credential.insert("id".into(), json!(issuer.credential_url(&input.id)));
    credential.insert(
        "type".into(),
        json!(["VerifiableCredential", "OpenBadgeCredential"]),
    );
    credential.insert("name".into(), json!(input.achievement_name));
    credential.insert("issuer".into(), issuer.profile());
    credential.insert("validFrom".into(), json!(date_time(input.valid_from)));
    if let Some(until) = input.valid_until {
        credential.insert("validUntil".into(), json!(date_time(until)));
    }
    credential.insert("credentialSubject".into(), Value::Object(subject));
    credential.insert(
        "credentialStatus".into(),
        json!({
            "id": format!("{list_url}#{bit}"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": bit.to_string(),
            "statusListCredential": list_url,
        }),
    );
    credential.insert(
        "credentialSchema".into(),
        json!([{"id": SCHEMA_URL, "type": "JsonSchema"}]),
    );
    Value::Object(credential)
}

/// The revocation status list credential at `url` (see
/// [`Issuer::status_list_url`]): bit `i` set when the credential with
/// status index `(list - 1) * LIST_BITS + i` is revoked.
pub fn status_list_credential(
    issuer: &Issuer,
    url: &str,
    revoked: &[u64],
    valid_from: DateTime<Utc>,
) -> Value {
    json!({
        "@context": [CONTEXTS[0]],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did(),
        "validFrom": date_time(valid_from),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_status_list(revoked),
        },
    })
}

/// GZIP-compressed bitstring of [`LIST_BITS`] bits, base64url without
/// padding, multibase prefix `u`. Bit 0 is the left-most bit of byte 0.
pub fn encode_status_list(set_bits: &[u64]) -> String {
    let mut bits = vec![0u8; (LIST_BITS / 8) as usize];
    for &index in set_bits {
        if index < LIST_BITS {
            bits[(index / 8) as usize] |= 0x80 >> (index % 8);
        }
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let compressed = std::io::Write::write_all(&mut gzip, &bits)
        .and_then(|()| gzip.finish())
        .unwrap_or_default();
    format!("u{}", encode(&compressed))
}

/// Whether bit `index` is set in an encoded list (`None` when malformed).
pub fn status_bit(encoded: &str, index: u64) -> Option<bool> {
    let compressed = URL_SAFE_NO_PAD.decode(encoded.strip_prefix('u')?).ok()?;
    let mut bits = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(compressed.as_slice()),
        &mut bits,
    )
    .ok()?;
    let byte = bits.get(usize::try_from(index / 8).ok()?)?;
    Some(byte & (0x80 >> (index % 8)) != 0)
}

/// The JWT payload of the Open Badges 3.0 JWT proof format (2024
/// revision): the credential's own members, plus `iss` (issuer id), `jti`
/// (id), `sub` (subject id), `nbf` (validFrom) and `exp` (validUntil, when
/// present) at the top level.
pub fn jwt_claims(credential: &Value) -> Value {
    let mut claims = credential.as_object().cloned().unwrap_or_default();
    for (name, value) in registered_claims(credential) {
        claims.insert(name.into(), value);
    }
    Value::Object(claims)
}

/// The registered claims a credential implies, in the order of
/// [`REGISTERED_CLAIMS`] (absent ones left out).
fn registered_claims(credential: &Value) -> Vec<(&'static str, Value)> {
    let mut claims = Vec::new();
    let issuer = credential
        .pointer("/issuer/id")
        .or_else(|| credential.get("issuer"))
        .cloned()
        .unwrap_or(Value::Null);
    claims.push(("iss", issuer));
    claims.push(("jti", credential.get("id").cloned().unwrap_or(Value::Null)));
    if let Some(subject) = credential.pointer("/credentialSubject/id") {
        claims.push(("sub", subject.clone()));
    }
    if let Some(from) = timestamp_of(credential.get("validFrom")) {
        claims.push(("nbf", json!(from)));
    }
    if let Some(until) = timestamp_of(credential.get("validUntil")) {
        claims.push(("exp", json!(until)));
    }
    claims
}

/// The payload of credentials gedhub issued before the 2024 revision: the
/// registered claims and the credential under `vc` (VC 1.1 envelope).
fn legacy_jwt_claims(credential: &Value) -> Value {
    let mut claims: Map<String, Value> = registered_claims(credential)
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    claims.insert("vc".into(), credential.clone());
    Value::Object(claims)
}

fn timestamp_of(value: Option<&Value>) -> Option<i64> {
    DateTime::parse_from_rfc3339(value?.as_str()?)
        .ok()
        .map(|at| at.timestamp())
}

/// JSON without spaces, object keys sorted by their UTF-16 code units
/// (JCS, RFC 8785, for the strings and integers credentials hold): the
/// signed bytes do not depend on how a map happens to be ordered.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Signs a credential as a compact JWS (VC-JWT): payload [`jwt_claims`].
pub fn sign_jwt(credential: &Value, key: &SigningKey, kid: &str) -> String {
    sign_payload(&jwt_claims(credential), key, kid)
}

/// Signs a payload as a compact JWS with the Open Badges 3.0 header.
fn sign_payload(payload: &Value, key: &SigningKey, kid: &str) -> String {
    let header = json!({"alg": "EdDSA", "kid": kid, "typ": "JWT"});
    let input = format!(
        "{}.{}",
        encode(canonical_json(&header).as_bytes()),
        encode(canonical_json(payload).as_bytes())
    );
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", encode(&signature))
}

/// Signs in the pre-2024 form (payload with a `vc` claim): only to build
/// test data and to show that such credentials still verify.
pub fn sign_legacy_jwt(credential: &Value, key: &SigningKey, kid: &str) -> String {
    sign_payload(&legacy_jwt_claims(credential), key, kid)
}

/// A credential secured both ways: the embedded `eddsa-rdfc-2022` proof
/// (verification method `multikey_id`, created `created`), then the JWS
/// (key id `kid`) over the credential with that proof, as the Open Badges
/// 3.0 specification orders them. Returns (JSON-LD with proof, JWT).
pub fn secure(
    credential: &Value,
    key: &SigningKey,
    kid: &str,
    multikey_id: &str,
    created: &str,
) -> Result<(Value, String), CredentialError> {
    let with_proof = data_integrity::add_proof(credential, key, multikey_id, created)?;
    let jwt = sign_jwt(&with_proof, key, kid);
    Ok((with_proof, jwt))
}

/// The JOSE header of a compact JWS, unverified: to find the `kid`.
pub fn jwt_header(jwt: &str) -> Result<Value, CredentialError> {
    let header = jwt.split('.').next().ok_or(CredentialError::Malformed)?;
    decode_json(header)
}

/// The `kid` of a compact JWS, unverified.
pub fn jwt_kid(jwt: &str) -> Result<String, CredentialError> {
    jwt_header(jwt)?
        .get("kid")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or(CredentialError::Malformed)
}

fn decode_json(part: &str) -> Result<Value, CredentialError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| CredentialError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| CredentialError::Malformed)
}

/// Which payload form a JWT uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtForm {
    /// The payload is the credential (Open Badges 3.0, 2024 revision).
    Credential,
    /// The credential is under `vc` (gedhub before that revision).
    VcClaim,
}

/// The unverified payload of a compact JWS: the credential it carries
/// (registered claims removed) and its form. For a verifier that must read
/// the issuer before it knows which key to use.
pub fn jwt_credential(jwt: &str) -> Result<(Value, JwtForm), CredentialError> {
    let payload = jwt
        .trim()
        .split('.')
        .nth(1)
        .ok_or(CredentialError::Malformed)?;
    credential_of_claims(decode_json(payload)?)
}

fn credential_of_claims(claims: Value) -> Result<(Value, JwtForm), CredentialError> {
    let Value::Object(mut claims) = claims else {
        return Err(CredentialError::Claims);
    };
    if !claims.contains_key("@context")
        && let Some(vc) = claims.get("vc")
    {
        return Ok((vc.clone(), JwtForm::VcClaim));
    }
    for name in REGISTERED_CLAIMS {
        claims.remove(name);
    }
    Ok((Value::Object(claims), JwtForm::Credential))
}

/// Checks a compact JWS against `key` (EdDSA only) and the Open Badges
/// claim rules (`iss`, `jti`, `sub`, `nbf`, `exp` present exactly as the
/// credential implies, nothing else beside the credential); returns the
/// credential (registered claims removed, or the `vc` claim of a pre-2024
/// token) and the form it came in. Dates are not compared with "now": the
/// caller decides validity on its own clock.
pub fn verify_jwt(jwt: &str, key: &PublicKey) -> Result<(Value, JwtForm), CredentialError> {
    let mut parts = jwt.trim().split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CredentialError::Malformed);
    };
    let header_json = decode_json(header)?;
    if header_json.get("alg").and_then(Value::as_str) != Some("EdDSA") {
        return Err(CredentialError::Algorithm);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| CredentialError::Malformed)?;
    UnparsedPublicKey::new(&ED25519, key.0)
        .verify(format!("{header}.{payload}").as_bytes(), &signature)
        .map_err(|_| CredentialError::Signature)?;
    let claims = decode_json(payload)?;
    let (credential, form) = credential_of_claims(claims.clone())?;
    let expected = match form {
        JwtForm::Credential => jwt_claims(&credential),
        JwtForm::VcClaim => legacy_jwt_claims(&credential),
    };
    if expected != claims {
        return Err(CredentialError::Claims);
    }
    Ok((credential, form))
}
