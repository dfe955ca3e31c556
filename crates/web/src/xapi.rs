//! The Learning Record Store's statements resource at `/xapi/statements`
//! (issue 6), so that the WCO's LMS (Moodle with logstore_xapi) reports
//! e-learning completions as they happen.
//!
//! What it follows of xAPI 2.0 (IEEE 9274.1.1-2023), Communication part:
//! - HTTP Basic credentials are checked first (401), then every request
//!   must carry `X-Experience-API-Version` (1.0.x or 2.0.x; missing
//!   or other → 400), and every response carries `X-Experience-API-Version:
//!   2.0.0`;
//! - HTTP Basic credentials issued by the Secretariat per LMS
//!   (`POST /api/v1/lrs-credentials`); without them → 401;
//! - `POST` one statement or an array → 200 with the ids, all or none;
//!   `PUT ?statementId=` → 204; a statement id already stored with other
//!   content → 409, the same content → accepted, nothing changed;
//! - `GET ?statementId=` / `?voidedStatementId=` → the statement, with
//!   `Last-Modified`; `GET` with filters (`agent`, `verb`, `activity`,
//!   `registration`, `since`, `until`, `limit`, `ascending`, `format`) → a
//!   `StatementResult` with a `more` link; `X-Experience-API-Consistent-Through`
//!   on every GET;
//! - the LRS sets `stored` and `authority`, and `timestamp` and `version` when
//!   absent; voiding statements hide their target from queries.
//!
//! Left out, and why, in docs/TRAINING.md: the State, Activity Profile,
//! Agent Profile, Agents, Activities and About resources; attachments sent as
//! `multipart/mixed`; signed statements; `related_activities`/`related_agents`.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gedhub_core::xapi::{Ifi, StatementError, validate_statement};
use gedhub_store::StoreError;
use gedhub_store::elearning::{IncomingStatement, LrsCredential, StatementQuery, StoredStatement};
use serde_json::{Value, json};

use crate::state::AppState;

/// The version this LRS answers with.
pub const XAPI_VERSION: &str = "2.0.0";
/// Default and largest page of `GET /xapi/statements`.
pub const PAGE_SIZE: u32 = 100;

/// An LRS answer that is not a success: the error envelope, with the xAPI
/// version header like every LRS response.
struct LrsError {
    status: StatusCode,
    code: &'static str,
    detail: String,
}

impl LrsError {
    fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code,
            detail: detail.into(),
        }
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
        with_version(response)
    }
}

fn with_version(mut response: Response) -> Response {
    response.headers_mut().insert(
        "x-experience-api-version",
        HeaderValue::from_static(XAPI_VERSION),
    );
    response
}

/// The request's version header: 1.0.x or 2.0.x.
fn check_version(headers: &HeaderMap) -> Result<(), LrsError> {
    let Some(version) = headers.get("x-experience-api-version") else {
        return Err(LrsError::bad_request(
            "xapi_version_missing",
            "The X-Experience-API-Version header is required (e.g. 2.0.0).",
        ));
    };
    let version = version.to_str().unwrap_or_default().trim();
    let supported = ["1.0", "2.0"]
        .iter()
        .any(|major| version == *major || version.starts_with(&format!("{major}.")));
    if supported {
        Ok(())
    } else {
        Err(LrsError::bad_request(
            "xapi_version_unsupported",
            format!("X-Experience-API-Version {version:?} is not supported; use 2.0.0 or 1.0.3."),
        ))
    }
}

/// Checks the HTTP Basic credentials against those the Secretariat issued.
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<LrsCredential, LrsError> {
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

fn json_body(headers: &HeaderMap, body: &Bytes) -> Result<Value, LrsError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/") {
        return Err(LrsError::bad_request(
            "xapi_attachments_unsupported",
            "Attachments sent as multipart/mixed are not accepted; send statements as application/json.",
        ));
    }
    if !content_type.starts_with("application/json") {
        return Err(LrsError::bad_request(
            "json_content_type_required",
            "Send statements as application/json.",
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        LrsError::bad_request("json_malformed", format!("The body is not JSON: {error}"))
    })
}

/// `POST /xapi/statements`: one statement or an array → 200 with the ids.
pub async fn post_statements(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = async {
        let credential = authenticate(&state, &headers).await?;
        check_version(&headers)?;
        let statements = match json_body(&headers, &body)? {
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
        let ids = state
            .store()
            .store_statements(&credential, &statements)
            .await?;
        Ok::<_, LrsError>(axum::Json(ids).into_response())
    }
    .await;
    with_version(result.unwrap_or_else(IntoResponse::into_response))
}

/// The query parameters, read once.
fn parameters(raw: Option<&str>) -> Result<Vec<(String, String)>, LrsError> {
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
        let value = json_body(&headers, &body)?;
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
        state
            .store()
            .store_statements(&credential, &[statement])
            .await?;
        Ok::<_, LrsError>(StatusCode::NO_CONTENT.into_response())
    }
    .await;
    with_version(result.unwrap_or_else(IntoResponse::into_response))
}

/// The statement as the LRS returns it: as received, with the id, `stored`,
/// `authority`, and `timestamp`/`version` when the sender left them out.
fn returned(statement: &StoredStatement, host: &str, format: &str) -> Value {
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
        if format == "ids" {
            if let Some(verb) = object.get_mut("verb").and_then(Value::as_object_mut) {
                verb.remove("display");
            }
            for key in ["actor", "object"] {
                if let Some(part) = object.get_mut(key).and_then(Value::as_object_mut) {
                    part.remove("definition");
                    if part.get("objectType").and_then(Value::as_str) != Some("Group") {
                        part.remove("name");
                    }
                }
            }
        }
    }
    value
}

/// An HTTP date for `Last-Modified`, from a stored timestamp.
fn http_date(stored: &str) -> Option<HeaderValue> {
    let moment = chrono::DateTime::parse_from_rfc3339(stored).ok()?;
    HeaderValue::from_str(&moment.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

/// A filter timestamp in the stored form, so text comparison orders it.
fn stored_form(text: &str) -> Option<String> {
    let moment = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(gedhub_store::Timestamp(moment.with_timezone(&chrono::Utc)).to_db())
}

/// `GET /xapi/statements`: one statement by id, or a filtered page.
pub async fn get_statements(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost")
        .to_owned();
    let result = async {
        authenticate(&state, &headers).await?;
        check_version(&headers)?;
        let params = parameters(query.as_deref())?;
        let get = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        const KNOWN: [&str; 15] = [
            "statementId", "voidedStatementId", "agent", "verb", "activity", "registration",
            "related_activities", "related_agents", "since", "until", "limit", "format",
            "attachments", "ascending", "cursor",
        ];
        if let Some((name, _)) = params.iter().find(|(name, _)| !KNOWN.contains(&name.as_str())) {
            return Err(LrsError::bad_request("xapi_parameter_unknown", format!("Unknown parameter {name:?}.")));
        }
        let format = get("format").unwrap_or_else(|| "exact".into());
        if !["exact", "ids", "canonical"].contains(&format.as_str()) {
            return Err(LrsError::bad_request("xapi_format_unknown", "format is ids, exact or canonical."));
        }
        if get("attachments").as_deref() == Some("true") {
            return Err(LrsError::bad_request(
                "xapi_attachments_unsupported",
                "This LRS keeps no attachment payloads.",
            ));
        }
        for name in ["related_activities", "related_agents"] {
            if get(name).as_deref() == Some("true") {
                return Err(LrsError::bad_request(
                    "xapi_parameter_unsupported",
                    format!("{name}=true is not supported by this LRS."),
                ));
            }
        }
        let consistent_through = state
            .store()
            .latest_statement_stored()
            .await?
            .unwrap_or_else(|| gedhub_store::Timestamp::now().to_db());
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
        let mut response = if let Some((id, want_voided)) = single {
            let allowed_with_id = ["statementId", "voidedStatementId", "format", "attachments"];
            if params.iter().any(|(name, _)| !allowed_with_id.contains(&name.as_str())) {
                return Err(LrsError::bad_request(
                    "xapi_parameters_conflict",
                    "statementId and voidedStatementId take only format and attachments beside them.",
                ));
            }
            let statement = state.store().statement(&id).await?;
            if statement.voided != want_voided {
                return Err(StoreError::NotFound.into());
            }
            let mut response = axum::Json(returned(&statement, &host, &format)).into_response();
            if let Some(date) = http_date(&statement.stored) {
                response.headers_mut().insert(header::LAST_MODIFIED, date);
            }
            response
        } else {
            let agent = match get("agent") {
                Some(agent) => Some(agent_key(&agent)?),
                None => None,
            };
            let timestamp = |name: &str| -> Result<Option<String>, LrsError> {
                get(name)
                    .map(|text| {
                        stored_form(&text).ok_or_else(|| {
                            LrsError::bad_request("xapi_timestamp_invalid", format!("{name} must be an RFC 3339 timestamp."))
                        })
                    })
                    .transpose()
            };
            let limit = match get("limit") {
                Some(text) => text
                    .parse::<u32>()
                    .map_err(|_| LrsError::bad_request("xapi_limit_invalid", "limit must be a whole number."))?,
                None => 0,
            };
            let limit = if limit == 0 { PAGE_SIZE } else { limit.min(PAGE_SIZE) };
            let after_seq = match get("cursor") {
                Some(text) => Some(
                    text.parse::<i64>()
                        .map_err(|_| LrsError::bad_request("xapi_cursor_invalid", "The more link is not valid."))?,
                ),
                None => None,
            };
            let filter = StatementQuery {
                actor_key: agent,
                verb: get("verb"),
                activity: get("activity"),
                registration: get("registration").map(|r| r.to_lowercase()),
                since: timestamp("since")?,
                until: timestamp("until")?,
                ascending: get("ascending").as_deref() == Some("true"),
                after_seq,
                limit,
            };
            let mut found = state.store().query_statements(&filter).await?;
            let more = if found.len() > limit as usize {
                found.truncate(limit as usize);
                let last = found.last().map_or(0, |s| s.seq);
                let mut next: Vec<(String, String)> =
                    params.iter().filter(|(name, _)| name != "cursor").cloned().collect();
                next.push(("cursor".into(), last.to_string()));
                format!(
                    "/xapi/statements?{}",
                    serde_urlencoded::to_string(&next).unwrap_or_default()
                )
            } else {
                String::new()
            };
            let statements: Vec<Value> = found.iter().map(|s| returned(s, &host, &format)).collect();
            axum::Json(json!({ "statements": statements, "more": more })).into_response()
        };
        if let Ok(value) = HeaderValue::from_str(&consistent_through) {
            response
                .headers_mut()
                .insert("x-experience-api-consistent-through", value);
        }
        Ok::<_, LrsError>(response)
    }
    .await;
    with_version(result.unwrap_or_else(IntoResponse::into_response))
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
