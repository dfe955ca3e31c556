//! The Learning Record Store at `/xapi/` (issues 6 and 21), so that the
//! WCO's LMS (Moodle with logstore_xapi) reports e-learning completions as
//! they happen, and so that any xAPI 2.0 or 1.0.3 client finds a complete
//! LRS: the statements resource here, the document resources (State,
//! Activity Profile, Agent Profile) in [`documents`], the Agents, Activities
//! and About resources in [`resources`], and what every request under
//! `/xapi/` goes through (the version header of the answer, 1.0.3's
//! Alternate Request Syntax) in [`envelope`].
//!
//! What the statements resource follows of xAPI 2.0 (IEEE 9274.1.1-2023),
//! Communication part, and of 1.0.3:
//! - HTTP Basic credentials are checked first (401 with a Basic challenge),
//!   then every request must carry `X-Experience-API-Version` (1.0.x or
//!   2.0.x; missing or other → 400); the answer carries `1.0.3` to a 1.0.x
//!   client and `2.0.0` otherwise;
//! - `POST` one statement or an array → 200 with the ids, all or none;
//!   `PUT ?statementId=` → 204; a statement id already stored with other
//!   content → 409, the same content → accepted, nothing changed;
//! - bodies as `application/json`, or `multipart/mixed` with attachment
//!   payloads (checked against their SHA-2 digests, stored once per digest);
//!   signed statements' JWS checked against the statement;
//! - `GET ?statementId=` / `?voidedStatementId=` → the statement, with
//!   `Last-Modified`; `GET` with filters (`agent`, `verb`, `activity`,
//!   `registration`, `related_agents`, `related_activities`, `since`,
//!   `until`, `limit`, `ascending`, `format`, `attachments`) → a
//!   `StatementResult` with a `more` link, statements targeting a match
//!   through a StatementRef included; `X-Experience-API-Consistent-Through`
//!   (now, or the start of a write still under way) on every GET answer;
//!   HEAD like GET without the body;
//! - the LRS sets `stored` and `authority`, and `timestamp` and `version` when
//!   absent, and returns context activity lists as arrays; voiding
//!   statements hide their target from queries;
//! - the Alternate Request Syntax (`?method=`): removed in 2.0 (400), taken
//!   from 1.0.x clients ([`envelope`]).

pub mod documents;
pub mod envelope;
pub mod resources;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gedhub_core::xapi::multipart::{self, Part};
use gedhub_core::xapi::{Ifi, StatementError, query, signature, validate_statement};
use gedhub_store::StoreError;
use gedhub_store::elearning::{
    AttachmentPayload, IncomingStatement, LrsCredential, StatementQuery, StoredStatement,
};
use serde_json::{Value, json};

use crate::state::AppState;

/// The version this LRS answers with (to a 1.0.x client: [`LEGACY_VERSION`]).
pub const XAPI_VERSION: &str = "2.0.0";
/// The 1.0 version this LRS also follows.
pub const LEGACY_VERSION: &str = "1.0.3";
/// Default and largest page of `GET /xapi/statements`.
pub const PAGE_SIZE: u32 = 100;

/// An LRS answer that is not a success: the error envelope (the version
/// header is added by [`envelope`], like on every LRS response).
pub(crate) struct LrsError {
    status: StatusCode,
    code: &'static str,
    detail: String,
}

impl LrsError {
    pub(crate) fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
        }
    }

    pub(crate) fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }
}

impl From<StoreError> for LrsError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self {
                status: StatusCode::NOT_FOUND,
                code: "not_found",
                detail: "No statement has this id.".into(),
            },
            StoreError::Conflict(code) => Self {
                status: StatusCode::CONFLICT,
                code,
                detail: match code {
                    "duplicate_statement_id" => "The request holds two statements with the same id.",
                    _ => "A statement with this id is already stored with different content; statements are immutable.",
                }
                .into(),
            },
            other => {
                tracing::error!(error = %other, "LRS storage failed");
                Self {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    code: "internal_error",
                    detail: "The statements could not be stored; nothing was changed.".into(),
                }
            }
        }
    }
}

impl IntoResponse for LrsError {
    fn into_response(self) -> Response {
        let body = json!({ "errors": [{ "code": self.code, "detail": self.detail }] });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"gedhub xAPI\""),
            );
        }
        response
    }
}

/// Which xAPI a version header value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// 1.0 or 1.0.x.
    Legacy,
    /// 2.0 or 2.0.x.
    Current,
}

impl Version {
    /// The version a header value names, if it is one this LRS follows.
    pub(crate) fn of(value: &str) -> Option<Self> {
        let value = value.trim();
        let is = |major: &str| value == major || value.starts_with(&format!("{major}."));
        if is("1.0") {
            Some(Version::Legacy)
        } else if is("2.0") {
            Some(Version::Current)
        } else {
            None
        }
    }

    /// The request's version, if its header names one this LRS follows.
    pub(crate) fn of_request(headers: &HeaderMap) -> Option<Self> {
        headers
            .get("x-experience-api-version")
            .and_then(|value| value.to_str().ok())
            .and_then(Self::of)
    }
}

/// The request's version header: 1.0.x or 2.0.x.
pub(crate) fn check_version(headers: &HeaderMap) -> Result<Version, LrsError> {
    let Some(version) = headers.get("x-experience-api-version") else {
        return Err(LrsError::bad_request(
            "xapi_version_missing",
            "The X-Experience-API-Version header is required (e.g. 2.0.0).",
        ));
    };
    let version = version.to_str().unwrap_or_default().trim();
    Version::of(version).ok_or_else(|| {
        LrsError::bad_request(
            "xapi_version_unsupported",
            format!("X-Experience-API-Version {version:?} is not supported; use 2.0.0 or 1.0.3."),
        )
    })
}

/// Checks the HTTP Basic credentials against those the Secretariat issued.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<LrsCredential, LrsError> {
    let unauthorized = || LrsError {
        status: StatusCode::UNAUTHORIZED,
        code: "unauthenticated",
        detail: "HTTP Basic credentials issued by the WCO Secretariat are required.".into(),
    };
    let encoded = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Basic "))
        .ok_or_else(unauthorized)?;
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(unauthorized)?;
    let (key, secret) = decoded.split_once(':').ok_or_else(unauthorized)?;
    state
        .store()
        .lrs_credential(key, secret)
        .await?
        .ok_or_else(unauthorized)
}

fn invalid_statement(index: Option<usize>, error: &StatementError) -> LrsError {
    let which = index.map_or(String::from("statement"), |i| format!("statement {i}"));
    LrsError::bad_request(
        "invalid_statement",
        format!("{which}, {}: {}", error.path, error.problem),
    )
}

/// Validates one statement and gives it an id when it has none.
fn incoming(value: Value, index: Option<usize>) -> Result<IncomingStatement, LrsError> {
    let facts = validate_statement(&value).map_err(|error| invalid_statement(index, &error))?;
    let id = match &facts.id {
        Some(id) => id.clone(),
        None => gedhub_store::elearning::new_statement_id()?,
    };
    Ok(IncomingStatement {
        id,
        received: value,
        facts,
    })
}

/// The statements of a POST or PUT body and the attachment parts that came
/// with them: `application/json` alone, or `multipart/mixed` whose first part
/// is the statements (Communication 1.5.2).
fn statements_body(headers: &HeaderMap, body: &Bytes) -> Result<(Value, Vec<Part>), LrsError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let media = multipart::media_type(content_type);
    let (json, parts) = if media == "multipart/mixed" {
        let boundary = multipart::boundary(content_type).ok_or_else(|| {
            LrsError::bad_request(
                multipart::MultipartError::NoBoundary.code(),
                "A multipart/mixed body needs a boundary parameter.",
            )
        })?;
        let mut parts = multipart::parse(body, &boundary).map_err(|error| {
            LrsError::bad_request(error.code(), "The multipart/mixed body cannot be read.")
        })?;
        if parts.is_empty() {
            return Err(LrsError::bad_request(
                "multipart_statements_missing",
                "The first part of a multipart/mixed body holds the statements.",
            ));
        }
        let first = parts.remove(0);
        if first.media_type().as_deref() != Some("application/json") {
            return Err(LrsError::bad_request(
                "multipart_statements_not_json",
                "The first part of a multipart/mixed body must be application/json.",
            ));
        }
        (first.body, parts)
    } else if media == "application/json" {
        (body.to_vec(), Vec::new())
    } else {
        return Err(LrsError::bad_request(
            "json_content_type_required",
            "Send statements as application/json, or multipart/mixed with attachments.",
        ));
    };
    let value = serde_json::from_slice(&json).map_err(|error| {
        LrsError::bad_request(
            "json_malformed",
            format!("The statements are not JSON: {error}"),
        )
    })?;
    Ok((value, parts))
}

/// The SHA-2 digest of `bytes` of the size `like` names (64 hexadecimal
/// characters: SHA-256, 96: SHA-384, 128: SHA-512, 56: SHA-224).
fn sha2_hex(bytes: &[u8], like: &str) -> Option<String> {
    use sha2::Digest;
    Some(match like.len() {
        56 => hex_string(&sha2::Sha224::digest(bytes)),
        64 => hex_string(&sha2::Sha256::digest(bytes)),
        96 => hex_string(&sha2::Sha384::digest(bytes)),
        128 => hex_string(&sha2::Sha512::digest(bytes)),
        _ => return None,
    })
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Matches the attachment parts to the statements' attachments
/// (Communication 1.5.2): every part names a digest it really has and that a
/// statement's attachment declares; every attachment without `fileUrl` (and
/// every signature) has its part; signatures are checked against their
/// statements. Returns the payloads to store, one per digest.
fn attachment_payloads(
    statements: &[IncomingStatement],
    parts: Vec<Part>,
) -> Result<Vec<AttachmentPayload>, LrsError> {
    let declared: Vec<(String, bool)> = statements
        .iter()
        .flat_map(|s| query::attachment_hashes(&s.received))
        .collect();
    let mut payloads: Vec<AttachmentPayload> = Vec::new();
    for (index, part) in parts.into_iter().enumerate() {
        let which = format!("attachment part {}", index + 1);
        let hash = part
            .header("x-experience-api-hash")
            .map(str::to_ascii_lowercase)
            .ok_or_else(|| {
                LrsError::bad_request(
                    "attachment_hash_missing",
                    format!("{which} has no X-Experience-API-Hash header."),
                )
            })?;
        if !part
            .header("content-transfer-encoding")
            .is_some_and(|encoding| encoding.eq_ignore_ascii_case("binary"))
        {
            return Err(LrsError::bad_request(
                "attachment_encoding_not_binary",
                format!("{which} needs Content-Transfer-Encoding: binary."),
            ));
        }
        if sha2_hex(&part.body, &hash).as_deref() != Some(hash.as_str()) {
            return Err(LrsError::bad_request(
                "attachment_hash_mismatch",
                format!(
                    "{which}: its content does not have the SHA-2 digest its X-Experience-API-Hash names."
                ),
            ));
        }
        if !declared.iter().any(|(sha2, _)| *sha2 == hash) {
            return Err(LrsError::bad_request(
                "attachment_part_unreferenced",
                format!("{which}: no statement has an attachment with this sha2."),
            ));
        }
        if payloads.iter().all(|p| p.sha2 != hash) {
            payloads.push(AttachmentPayload {
                sha2: hash,
                content_type: part
                    .header("content-type")
                    .unwrap_or("application/octet-stream")
                    .to_owned(),
                content: part.body,
            });
        }
    }
    if let Some((sha2, _)) = declared
        .iter()
        .find(|(sha2, needs)| *needs && payloads.iter().all(|p| p.sha2 != *sha2))
    {
        return Err(LrsError::bad_request(
            "attachment_payload_missing",
            format!(
                "The attachment with sha2 {sha2} has no fileUrl (or is a signature) and no part carries it; send it as multipart/mixed."
            ),
        ));
    }
    for (index, statement) in statements.iter().enumerate() {
        let signatures = statement
            .received
            .get("attachments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|a| {
                a.get("usageType").and_then(Value::as_str) == Some(signature::SIGNATURE_USAGE)
            })
            .filter_map(|a| {
                a.get("sha2")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase)
            });
        for sha2 in signatures {
            let jws = payloads
                .iter()
                .find(|p| p.sha2 == sha2)
                .map(|p| p.content.as_slice())
                .unwrap_or_default();
            signature::check(jws, &statement.received)
                .and_then(|decoded| verify_with_certificate(&decoded))
                .map_err(|problem| {
                    LrsError::bad_request(
                        "invalid_signature",
                        format!("statement {index}, signature: {problem}"),
                    )
                })?;
        }
    }
    Ok(payloads)
}

/// When the JWS header carries the signer's certificate (`x5c`), the
/// signature must verify with that certificate's RSA key (PKCS #1 v1.5 with
/// the hash `alg` names; keys of 2048 to 8192 bits). Whether the certificate
/// is trustworthy is not judged: the specification asks for the signature's
/// validity against it, and gedhub keeps no trust store for LMS signers.
fn verify_with_certificate(jws: &signature::Jws) -> Result<(), &'static str> {
    use ring::signature::{
        RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_2048_8192_SHA384, RSA_PKCS1_2048_8192_SHA512,
        UnparsedPublicKey,
    };
    let Some(certificate) = signature::signer_certificate(jws) else {
        return Ok(());
    };
    let key = signature::certificate_rsa_key(&certificate?).ok_or("signature_x5c_not_rsa")?;
    let algorithm = match jws.algorithm() {
        "RS256" => &RSA_PKCS1_2048_8192_SHA256,
        "RS384" => &RSA_PKCS1_2048_8192_SHA384,
        _ => &RSA_PKCS1_2048_8192_SHA512,
    };
    UnparsedPublicKey::new(algorithm, key)
        .verify(jws.signing_input.as_bytes(), &jws.signature)
        .map_err(|_| "signature_does_not_verify")
}

/// The Alternate Request Syntax (`?method=…`) was removed in xAPI 2.0: a
/// request using it is refused rather than half understood.
fn refuse_alternate_syntax(query: Option<&str>) -> Result<(), LrsError> {
    if parameters(query)?.iter().any(|(name, _)| name == "method") {
        return Err(LrsError::bad_request(
            "xapi_alternate_syntax_removed",
            "The method parameter (Alternate Request Syntax) is not part of xAPI 2.0.",
        ));
    }
    Ok(())
}

/// `POST /xapi/statements`: one statement or an array → 200 with the ids.
pub async fn post_statements(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = async {
        let credential = authenticate(&state, &headers).await?;
        check_version(&headers)?;
        refuse_alternate_syntax(query.as_deref())?;
        let (value, parts) = statements_body(&headers, &body)?;
        let statements = match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, value)| incoming(value, Some(index)))
                .collect::<Result<Vec<_>, _>>()?,
            single => vec![incoming(single, None)?],
        };
        let mut ids = std::collections::HashSet::new();
        if !statements.iter().all(|s| ids.insert(s.id.as_str())) {
            return Err(LrsError::bad_request(
                "duplicate_statement_id",
                "The request holds two statements with the same id.",
            ));
        }
        let payloads = attachment_payloads(&statements, parts)?;
        let ids = state
            .store()
            .store_statements_with_attachments(&credential, &statements, &payloads)
            .await?;
        Ok::<_, LrsError>(axum::Json(ids).into_response())
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The query parameters, read once.
pub(crate) fn parameters(raw: Option<&str>) -> Result<Vec<(String, String)>, LrsError> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw.unwrap_or_default())
        .map_err(|_| LrsError::bad_request("query_malformed", "The query string cannot be read."))
}

/// `PUT /xapi/statements?statementId=…`: one statement with that id → 204.
pub async fn put_statement(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = async {
        let credential = authenticate(&state, &headers).await?;
        check_version(&headers)?;
        refuse_alternate_syntax(query.as_deref())?;
        let params = parameters(query.as_deref())?;
        let id = params
            .iter()
            .find(|(name, _)| name == "statementId")
            .map(|(_, value)| value.to_lowercase())
            .ok_or_else(|| {
                LrsError::bad_request(
                    "statement_id_required",
                    "PUT needs the statementId parameter.",
                )
            })?;
        if !gedhub_core::xapi::is_uuid(&id) {
            return Err(LrsError::bad_request(
                "statement_id_invalid",
                "statementId must be a UUID.",
            ));
        }
        let (value, parts) = statements_body(&headers, &body)?;
        if !value.is_object() {
            return Err(LrsError::bad_request(
                "invalid_statement",
                "PUT takes exactly one statement.",
            ));
        }
        let mut statement = incoming(value, None)?;
        match &statement.facts.id {
            Some(own) if *own != id => {
                return Err(LrsError::bad_request(
                    "statement_id_mismatch",
                    "The statement's id differs from the statementId parameter.",
                ));
            }
            _ => statement.id = id,
        }
        let statements = [statement];
        let payloads = attachment_payloads(&statements, parts)?;
        state
            .store()
            .store_statements_with_attachments(&credential, &statements, &payloads)
            .await?;
        Ok::<_, LrsError>(StatusCode::NO_CONTENT.into_response())
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// How `GET` returns statements (the `format` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// As received.
    Exact,
    /// Only identifiers of agents, groups, activities and verbs.
    Ids,
    /// As received, each language map reduced to the client's language.
    Canonical,
}

/// The statement as the LRS returns it: as received, with the id, `stored`,
/// `authority`, and `timestamp`/`version` when the sender left them out, and
/// context activity lists as arrays; then shaped by `format`
/// (`accept_language` chooses the canonical language).
fn returned(
    statement: &StoredStatement,
    host: &str,
    format: Format,
    accept_language: &str,
) -> Value {
    let mut value = statement.received.clone();
    if let Some(object) = value.as_object_mut() {
        object.insert("id".into(), Value::String(statement.id.clone()));
        object.insert("stored".into(), Value::String(statement.stored.clone()));
        object
            .entry("timestamp")
            .or_insert_with(|| Value::String(statement.stored.clone()));
        object
            .entry("version")
            .or_insert_with(|| Value::String(XAPI_VERSION.to_owned()));
        object.insert(
            "authority".into(),
            json!({
                "objectType": "Agent",
                "name": statement.credential_name,
                "account": { "homePage": format!("https://{host}/xapi"), "name": statement.credential_key },
            }),
        );
    }
    gedhub_core::xapi::normalize_context_activities(&mut value);
    match format {
        Format::Exact => {}
        Format::Ids => query::ids_only(&mut value),
        Format::Canonical => query::canonicalize(&mut value, accept_language),
    }
    value
}

/// An HTTP date for `Last-Modified`, from a stored timestamp.
pub(crate) fn http_date(stored: &str) -> Option<HeaderValue> {
    let moment = chrono::DateTime::parse_from_rfc3339(stored)
        .ok()?
        .with_timezone(&chrono::Utc);
    HeaderValue::from_str(&moment.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

/// A filter timestamp in the stored form, so text comparison orders it.
pub(crate) fn stored_form(text: &str) -> Option<String> {
    let moment = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(gedhub_store::Timestamp(moment.with_timezone(&chrono::Utc)).to_db())
}

/// `GET /xapi/statements` (and `HEAD`, which axum answers from the same
/// handler without the body): one statement by id, or a filtered page.
/// `X-Experience-API-Consistent-Through` goes on every answer to an
/// authenticated caller, errors included (Communication 2.1.3).
pub async fn get_statements(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(error) = authenticate(&state, &headers).await {
        return error.into_response();
    }
    // Taken before the query runs: every statement stored before this
    // instant is visible to it (Communication 2.1.3). Not the newest
    // statement's `stored` time, which falls behind the clock while nothing
    // arrives and keeps a client that waits for it waiting.
    let consistent_through = state.store().consistent_through();
    let mut response = answer_get(&state, query.as_deref(), &headers)
        .await
        .unwrap_or_else(IntoResponse::into_response);
    if let Ok(value) = HeaderValue::from_str(&consistent_through) {
        response
            .headers_mut()
            .insert("x-experience-api-consistent-through", value);
    }
    response
}

/// The statements as JSON, or with `attachments=true` as `multipart/mixed`:
/// the JSON first, then each payload the statements refer to, once.
async fn statements_response(
    state: &AppState,
    json: Value,
    statements: &[Value],
    with_attachments: bool,
) -> Result<Response, LrsError> {
    if !with_attachments {
        return Ok(axum::Json(json).into_response());
    }
    let mut digests: Vec<String> = Vec::new();
    for (sha2, _) in statements.iter().flat_map(query::attachment_hashes) {
        if !digests.contains(&sha2) {
            digests.push(sha2);
        }
    }
    let payloads = state.store().attachment_payloads(&digests).await?;
    let mut parts = vec![Part {
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: json.to_string().into_bytes(),
    }];
    parts.extend(payloads.into_iter().map(|payload| Part {
        headers: vec![
            ("Content-Type".into(), payload.content_type),
            ("Content-Transfer-Encoding".into(), "binary".into()),
            ("X-Experience-API-Hash".into(), payload.sha2),
        ],
        body: payload.content,
    }));
    // A random boundary cannot occur in the parts by chance.
    let boundary = format!(
        "gedhub-{}",
        gedhub_store::elearning::new_statement_id()?.replace('-', "")
    );
    let mut response = multipart::write(&parts, &boundary).into_response();
    let content_type = HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}"))
        .map_err(|_| LrsError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal_error",
            detail: "The multipart boundary is not a header value.".into(),
        })?;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, content_type);
    Ok(response)
}

/// Everything of a `GET` after authentication: the version header, the
/// parameters (each checked), then one statement or a page of them.
async fn answer_get(
    state: &AppState,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, LrsError> {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost")
        .to_owned();
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    check_version(headers)?;
    let params = parameters(query)?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    const KNOWN: [&str; 15] = [
        "statementId",
        "voidedStatementId",
        "agent",
        "verb",
        "activity",
        "registration",
        "related_activities",
        "related_agents",
        "since",
        "until",
        "limit",
        "format",
        "attachments",
        "ascending",
        "cursor",
    ];
    if let Some((name, _)) = params
        .iter()
        .find(|(name, _)| !KNOWN.contains(&name.as_str()))
    {
        return Err(LrsError::bad_request(
            "xapi_parameter_unknown",
            format!("Unknown parameter {name:?}."),
        ));
    }
    let format = match get("format").as_deref() {
        None | Some("exact") => Format::Exact,
        Some("ids") => Format::Ids,
        Some("canonical") => Format::Canonical,
        Some(_) => {
            return Err(LrsError::bad_request(
                "xapi_format_unknown",
                "format is ids, exact or canonical.",
            ));
        }
    };
    let flag = |name: &str| -> Result<bool, LrsError> {
        match get(name).as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(LrsError::bad_request(
                "xapi_parameter_invalid",
                format!("{name} is true or false."),
            )),
        }
    };
    let with_attachments = flag("attachments")?;
    let related_activities = flag("related_activities")?;
    let related_agents = flag("related_agents")?;
    let ascending = flag("ascending")?;
    let single = match (get("statementId"), get("voidedStatementId")) {
        (Some(_), Some(_)) => {
            return Err(LrsError::bad_request(
                "xapi_parameters_conflict",
                "Give statementId or voidedStatementId, not both.",
            ));
        }
        (Some(id), None) => Some((id, false)),
        (None, Some(id)) => Some((id, true)),
        (None, None) => None,
    };
    if let Some((id, want_voided)) = single {
        let allowed_with_id = ["statementId", "voidedStatementId", "format", "attachments"];
        if params
            .iter()
            .any(|(name, _)| !allowed_with_id.contains(&name.as_str()))
        {
            return Err(LrsError::bad_request(
                "xapi_parameters_conflict",
                "statementId and voidedStatementId take only format and attachments beside them.",
            ));
        }
        let statement = state.store().statement(&id).await?;
        if statement.voided != want_voided {
            return Err(StoreError::NotFound.into());
        }
        let value = returned(&statement, &host, format, &accept_language);
        let mut response =
            statements_response(state, value.clone(), &[value], with_attachments).await?;
        if let Some(date) = http_date(&statement.stored) {
            response.headers_mut().insert(header::LAST_MODIFIED, date);
        }
        return Ok(response);
    }
    let agent = match get("agent") {
        Some(agent) => Some(agent_key(&agent)?),
        None => None,
    };
    let timestamp = |name: &str| -> Result<Option<String>, LrsError> {
        get(name)
            .map(|text| {
                stored_form(&text).ok_or_else(|| {
                    LrsError::bad_request(
                        "xapi_timestamp_invalid",
                        format!("{name} must be an RFC 3339 timestamp."),
                    )
                })
            })
            .transpose()
    };
    let limit = match get("limit") {
        Some(text) => text.parse::<u32>().map_err(|_| {
            LrsError::bad_request("xapi_limit_invalid", "limit must be a whole number.")
        })?,
        None => 0,
    };
    let limit = if limit == 0 {
        PAGE_SIZE
    } else {
        limit.min(PAGE_SIZE)
    };
    let after_seq = match get("cursor") {
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            LrsError::bad_request("xapi_cursor_invalid", "The more link is not valid.")
        })?),
        None => None,
    };
    let filter = StatementQuery {
        actor_key: agent.clone(),
        verb: get("verb"),
        activity: get("activity"),
        registration: get("registration").map(|r| r.to_lowercase()),
        since: timestamp("since")?,
        until: timestamp("until")?,
        ascending,
        after_seq,
        limit,
    };
    let broad_agent = agent.filter(|_| related_agents);
    let broad_activity = filter.activity.clone().filter(|_| related_activities);
    let mut found = if broad_agent.is_some() || broad_activity.is_some() {
        // The broad matches look into each statement; the exact filter of
        // the other parameter still applies.
        let exact_agent = filter.actor_key.clone().filter(|_| !related_agents);
        let exact_activity = filter.activity.clone().filter(|_| !related_activities);
        state
            .store()
            .query_statements_where(&filter, |s| {
                let value = returned(s, &host, Format::Exact, "");
                broad_agent
                    .as_deref()
                    .is_none_or(|key| query::mentions_agent(&value, key))
                    && exact_agent
                        .as_deref()
                        .is_none_or(|key| query::agent_is_actor_or_object(&value, key))
                    && broad_activity
                        .as_deref()
                        .is_none_or(|id| query::mentions_activity(&value, id))
                    && exact_activity.as_deref().is_none_or(|id| {
                        value
                            .get("object")
                            .and_then(|o| o.get("id"))
                            .and_then(Value::as_str)
                            == Some(id)
                            && matches!(
                                value["object"].get("objectType").and_then(Value::as_str),
                                None | Some("Activity")
                            )
                    })
            })
            .await?
    } else {
        state.store().query_statements(&filter).await?
    };
    let more = if found.len() > limit as usize {
        found.truncate(limit as usize);
        let last = found.last().map_or(0, |s| s.seq);
        let mut next: Vec<(String, String)> = params
            .iter()
            .filter(|(name, _)| name != "cursor")
            .cloned()
            .collect();
        next.push(("cursor".into(), last.to_string()));
        format!(
            "/xapi/statements?{}",
            serde_urlencoded::to_string(&next).unwrap_or_default()
        )
    } else {
        String::new()
    };
    let statements: Vec<Value> = found
        .iter()
        .map(|s| returned(s, &host, format, &accept_language))
        .collect();
    let json = json!({ "statements": statements, "more": more });
    statements_response(state, json, &statements, with_attachments).await
}

/// The `agent` parameter (a JSON Agent) as the stored actor key.
fn agent_key(text: &str) -> Result<String, LrsError> {
    let invalid = || {
        LrsError::bad_request(
            "xapi_agent_invalid",
            "agent must be a JSON Agent with one identifier.",
        )
    };
    let value: Value = serde_json::from_str(text).map_err(|_| invalid())?;
    // Validate it as the actor of a minimal statement, to reuse the rules.
    let probe = json!({
        "actor": value,
        "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" },
        "object": { "id": "http://example.com/probe" },
    });
    let facts = validate_statement(&probe).map_err(|_| invalid())?;
    facts.actor.as_ref().map(Ifi::key).ok_or_else(invalid)
}
