//! The document resources (xAPI 2.0 Communication 4.1.6.2, 4.1.6.5,
//! 4.1.6.6; 1.0.3 Communication 2.3, 2.6, 2.7): `/xapi/activities/state`,
//! `/xapi/activities/profile` and `/xapi/agents/profile`.
//!
//! - `GET` with the document's id → the document as stored (its content
//!   type, `ETag` = the SHA-1 of its bytes in quotes, `Last-Modified`), 404
//!   when there is none; without the id → the ids of the documents in the
//!   context (`since`: written after it), as a JSON array;
//! - `PUT` stores the body as sent; `POST` merges a JSON object into the
//!   stored JSON object (or stores it when there is none); `DELETE` removes
//!   the document, or for state without `stateId` every document of the
//!   context; all → 204;
//! - concurrency (`If-Match`, `If-None-Match`): see
//!   [`gedhub_core::xapi::document`]; the check and the write happen in one
//!   transaction;
//! - parameters are checked (`activityId` an IRI, `agent` a JSON Agent,
//!   `registration` a UUID, `since` a timestamp; unknown or misplaced ones →
//!   400); a document is at most 1 MB (413).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gedhub_core::xapi::document::{self, Conditions, DocumentKind, Refusal};
use gedhub_core::xapi::resources::agent_parameter;
use gedhub_core::xapi::{is_iri, is_uuid};
use gedhub_store::lrs::{DocumentKey, DocumentScope, DocumentWrite};

use super::{LrsError, Version, authenticate, check_version, http_date, parameters, stored_form};
use crate::state::AppState;

/// A document request's parameters, checked.
struct DocumentRequest {
    scope: DocumentScope,
    /// `stateId` / `profileId`.
    document_id: Option<String>,
    /// `since`, in the stored form (multiple-document `GET` only).
    since: Option<String>,
}

/// The parameters each resource takes.
fn allowed(kind: DocumentKind) -> &'static [&'static str] {
    match kind {
        DocumentKind::State => &["activityId", "agent", "registration", "stateId", "since"],
        DocumentKind::ActivityProfile => &["activityId", "profileId", "since"],
        DocumentKind::AgentProfile => &["agent", "profileId", "since"],
    }
}

fn document_request(
    kind: DocumentKind,
    method: &Method,
    query: Option<&str>,
) -> Result<DocumentRequest, LrsError> {
    let params = parameters(query)?;
    let allowed = allowed(kind);
    if let Some((name, _)) = params
        .iter()
        .find(|(name, _)| !allowed.contains(&name.as_str()))
    {
        return Err(LrsError::bad_request(
            "xapi_parameter_unknown",
            format!("Unknown parameter {name:?}."),
        ));
    }
    let get = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let activity_id = if kind == DocumentKind::AgentProfile {
        String::new()
    } else {
        let id = get("activityId").ok_or_else(|| {
            LrsError::bad_request("xapi_activity_id_required", "activityId is required.")
        })?;
        if !is_iri(&id) {
            return Err(LrsError::bad_request(
                "xapi_activity_id_invalid",
                "activityId must be an IRI.",
            ));
        }
        id
    };
    let agent_key = if kind == DocumentKind::ActivityProfile {
        String::new()
    } else {
        let text = get("agent")
            .ok_or_else(|| LrsError::bad_request("xapi_agent_required", "agent is required."))?;
        let (_, ifi) = agent_parameter(&text).map_err(|problem| {
            LrsError::bad_request(
                "xapi_agent_invalid",
                format!("agent must be a JSON Agent with one identifier ({problem})."),
            )
        })?;
        ifi.key()
    };
    let registration = match get("registration") {
        Some(registration) if is_uuid(&registration) => registration.to_lowercase(),
        Some(_) => {
            return Err(LrsError::bad_request(
                "xapi_registration_invalid",
                "registration must be a UUID.",
            ));
        }
        None => String::new(),
    };
    let document_id = get(kind.id_parameter());
    let since = match get("since") {
        Some(_) if *method != Method::GET && *method != Method::HEAD => {
            return Err(LrsError::bad_request(
                "xapi_parameter_unknown",
                "since is a parameter of GET only.",
            ));
        }
        Some(text) => Some(stored_form(&text).ok_or_else(|| {
            LrsError::bad_request(
                "xapi_timestamp_invalid",
                "since must be an RFC 3339 timestamp.",
            )
        })?),
        None => None,
    };
    let id_required = match *method {
        Method::PUT | Method::POST => true,
        Method::DELETE => kind != DocumentKind::State,
        _ => false,
    };
    if id_required && document_id.is_none() {
        return Err(LrsError::bad_request(
            "xapi_document_id_required",
            format!("{} is required.", kind.id_parameter()),
        ));
    }
    Ok(DocumentRequest {
        scope: DocumentScope {
            kind,
            activity_id,
            agent_key,
            registration,
        },
        document_id,
        since,
    })
}

/// A quoted entity tag, as the `ETag` header carries it.
fn quoted(etag: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("\"{etag}\"")).ok()
}

fn refused(refusal: Refusal, kind: DocumentKind, version: Version) -> LrsError {
    let (status, detail) = match refusal {
        Refusal::PreconditionFailed => (
            StatusCode::PRECONDITION_FAILED,
            "If-Match or If-None-Match does not hold for the stored document; nothing was changed."
                .to_owned(),
        ),
        Refusal::Conflict => (
            StatusCode::CONFLICT,
            "The document exists: check its current state (GET), then PUT again with If-Match set to its ETag."
                .to_owned(),
        ),
        Refusal::PreconditionRequired => (
            // The 1.0.3 conformance requirements expect 400 here.
            if version == Version::Legacy {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::PRECONDITION_REQUIRED
            },
            format!(
                "A PUT to this resource sends If-Match (the ETag of the document it replaces) or If-None-Match: * (a new {}).",
                kind.id_parameter()
            ),
        ),
        Refusal::NotJsonObject => (
            StatusCode::BAD_REQUEST,
            "POST merges JSON objects: the stored and the posted documents must both be application/json objects; nothing was changed."
                .to_owned(),
        ),
        Refusal::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "A document is at most {} bytes.",
                document::MAX_DOCUMENT_BYTES
            ),
        ),
    };
    LrsError::new(status, refusal.code(), detail)
}

/// `GET` (and `HEAD`) of a document resource.
async fn get_document(
    kind: DocumentKind,
    state: &AppState,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, LrsError> {
    authenticate(state, headers).await?;
    check_version(headers)?;
    let request = document_request(kind, &Method::GET, query)?;
    let Some(document_id) = request.document_id else {
        let ids = state
            .store()
            .document_ids(&request.scope, request.since.as_deref())
            .await?;
        let latest = ids.iter().map(|(_, updated)| updated.as_str()).max();
        let last_modified = latest.and_then(http_date);
        let body = serde_json::to_vec(&ids.iter().map(|(id, _)| id).collect::<Vec<_>>())
            .unwrap_or_default();
        let mut response = (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body.clone(),
        )
            .into_response();
        if let Some(etag) = quoted(&document::etag(&body)) {
            response.headers_mut().insert(header::ETAG, etag);
        }
        if let Some(date) = last_modified {
            response.headers_mut().insert(header::LAST_MODIFIED, date);
        }
        return Ok(response);
    };
    let key = DocumentKey {
        scope: request.scope,
        document_id,
    };
    let stored = state.store().document(&key).await?.ok_or_else(|| {
        LrsError::new(
            StatusCode::NOT_FOUND,
            "xapi_document_not_found",
            "No document has this id here.",
        )
    })?;
    let mut response = stored.content.into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&stored.content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    if let Some(etag) = quoted(&stored.etag) {
        response_headers.insert(header::ETAG, etag);
    }
    if let Some(date) = http_date(&stored.updated) {
        response_headers.insert(header::LAST_MODIFIED, date);
    }
    Ok(response)
}

/// `PUT`, `POST` or `DELETE` of a document resource.
async fn write_document(
    kind: DocumentKind,
    method: Method,
    state: &AppState,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, LrsError> {
    let credential = authenticate(state, headers).await?;
    let version = check_version(headers)?;
    let request = document_request(kind, &method, query)?;
    let header_text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let conditions = Conditions {
        if_match: header_text(header::IF_MATCH),
        if_none_match: header_text(header::IF_NONE_MATCH),
        legacy_client: version == Version::Legacy,
    };
    let content_type =
        header_text(header::CONTENT_TYPE).unwrap_or_else(|| "application/octet-stream".to_owned());
    let Some(document_id) = request.document_id else {
        // The State resource's DELETE without stateId: every document of
        // the context.
        state
            .store()
            .delete_documents(&credential, &request.scope)
            .await?;
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let key = DocumentKey {
        scope: request.scope,
        document_id,
    };
    let write = match method {
        Method::PUT => DocumentWrite::Put {
            content_type: &content_type,
            content: body,
        },
        Method::POST => DocumentWrite::Post {
            content_type: &content_type,
            content: body,
        },
        _ => DocumentWrite::Delete,
    };
    let etag = state
        .store()
        .write_document(&credential, &key, &conditions, write)
        .await?
        .map_err(|refusal| refused(refusal, kind, version))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(etag) = etag.as_deref().and_then(quoted) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    Ok(response)
}

/// A handler's answer: the document resource's, or its error.
async fn answer(result: impl Future<Output = Result<Response, LrsError>>) -> Response {
    result.await.unwrap_or_else(IntoResponse::into_response)
}

/// The four handlers of one document resource.
macro_rules! document_resource {
    ($kind:expr, $get:ident, $put:ident, $post:ident, $delete:ident) => {
        #[doc = concat!("`GET` (and `HEAD`) of the ", stringify!($kind), " resource.")]
        pub async fn $get(
            State(state): State<AppState>,
            RawQuery(query): RawQuery,
            headers: HeaderMap,
        ) -> Response {
            answer(get_document($kind, &state, query.as_deref(), &headers)).await
        }

        #[doc = concat!("`PUT` of the ", stringify!($kind), " resource.")]
        pub async fn $put(
            State(state): State<AppState>,
            RawQuery(query): RawQuery,
            headers: HeaderMap,
            body: Bytes,
        ) -> Response {
            let write = write_document(
                $kind,
                Method::PUT,
                &state,
                query.as_deref(),
                &headers,
                &body,
            );
            answer(write).await
        }

        #[doc = concat!("`POST` of the ", stringify!($kind), " resource.")]
        pub async fn $post(
            State(state): State<AppState>,
            RawQuery(query): RawQuery,
            headers: HeaderMap,
            body: Bytes,
        ) -> Response {
            let write = write_document(
                $kind,
                Method::POST,
                &state,
                query.as_deref(),
                &headers,
                &body,
            );
            answer(write).await
        }

        #[doc = concat!("`DELETE` of the ", stringify!($kind), " resource.")]
        pub async fn $delete(
            State(state): State<AppState>,
            RawQuery(query): RawQuery,
            headers: HeaderMap,
        ) -> Response {
            answer(write_document(
                $kind,
                Method::DELETE,
                &state,
                query.as_deref(),
                &headers,
                &[],
            ))
            .await
        }
    };
}

document_resource!(
    DocumentKind::State,
    get_state,
    put_state,
    post_state,
    delete_state
);
document_resource!(
    DocumentKind::ActivityProfile,
    get_activity_profile,
    put_activity_profile,
    post_activity_profile,
    delete_activity_profile
);
document_resource!(
    DocumentKind::AgentProfile,
    get_agent_profile,
    put_agent_profile,
    post_agent_profile,
    delete_agent_profile
);
