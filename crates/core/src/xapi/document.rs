//! The document resources of the LRS (xAPI 2.0 Communication 4.1.6.2,
//! 4.1.6.5 and 4.1.6.6; 1.0.3 Communication 2.2 to 2.7): the State, Agent
//! Profile and Activity Profile resources keep documents a learning record
//! provider stores against an activity, an agent or both.
//!
//! What this module decides, so the web layer stays HTTP and the store SQL:
//! - the entity tag of a document (the SHA-1 of its bytes in lower-case
//!   hexadecimal, as 1.0.3 requires and 2.0 allows);
//! - whether a write may go ahead given `If-Match` / `If-None-Match`
//!   (Communication 3.1 / 4.1.4): a failed precondition is 412; a `PUT`
//!   without either header is 409 over an existing document (except a state
//!   document written by a 1.0.x client, which 1.0.3 exempts), and a profile
//!   `PUT` without either header is refused over a new one too (the client
//!   MUST send one: 400 for a 1.0.x client, as the 1.0.3 conformance tests
//!   want, 428 Precondition Required for a 2.0 client);
//! - the JSON merge of `POST` (top-level properties of the posted object
//!   replace the stored ones; both documents must be JSON objects);
//! - the largest document the LRS keeps.

use serde_json::Value;

/// The largest document the LRS stores, after a merge too (a larger one is
/// refused with 413). State documents are bookmarks and suspend data: far
/// smaller.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// The three document resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// `/activities/state`: activity + agent (+ registration).
    State,
    /// `/activities/profile`: activity.
    ActivityProfile,
    /// `/agents/profile`: agent.
    AgentProfile,
}

impl DocumentKind {
    /// The stored name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::State => "state",
            DocumentKind::ActivityProfile => "activity_profile",
            DocumentKind::AgentProfile => "agent_profile",
        }
    }

    /// The name of the query parameter that identifies one document.
    pub fn id_parameter(self) -> &'static str {
        match self {
            DocumentKind::State => "stateId",
            DocumentKind::ActivityProfile | DocumentKind::AgentProfile => "profileId",
        }
    }
}

/// A write to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMethod {
    Put,
    Post,
    Delete,
}

/// The concurrency headers of a write, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    pub if_match: Option<String>,
    pub if_none_match: Option<String>,
    /// The client speaks xAPI 1.0.x (the version header), which decides how
    /// a missing precondition is answered.
    pub legacy_client: bool,
}

/// Why a write is refused before anything is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 412: `If-Match` or `If-None-Match` does not hold.
    PreconditionFailed,
    /// 409: a profile `PUT` without either header over an existing document.
    Conflict,
    /// 428 (400 for a 1.0.x client): a profile `PUT` without either header.
    PreconditionRequired,
    /// 400: `POST` where the stored or the posted document is not a JSON
    /// object sent as `application/json`.
    NotJsonObject,
    /// 413: the document (or the merge) is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
}

impl Refusal {
    /// The stable error code.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::PreconditionFailed => "xapi_precondition_failed",
            Refusal::Conflict => "xapi_document_conflict",
            Refusal::PreconditionRequired => "xapi_precondition_required",
            Refusal::NotJsonObject => "xapi_document_not_json_object",
            Refusal::TooLarge => "xapi_document_too_large",
        }
    }
}

/// The entity tag of `content`: its SHA-1 digest, lower-case hexadecimal
/// (without the quotes the header adds).
pub fn etag(content: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, content)
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The entity tags of an `If-Match` / `If-None-Match` value: `None` for `*`,
/// otherwise each tag without its quotes. Weak tags (`W/"…"`) are kept with
/// their marker so that they never match under the strong comparison
/// `If-Match` uses; unquoted tags, which some clients send, are taken as they
/// are.
fn tags(header: &str) -> Option<Vec<String>> {
    if header.trim() == "*" {
        return None;
    }
    Some(
        header
            .split(',')
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(|tag| match tag.strip_prefix("W/") {
                Some(weak) => format!("W/{}", weak.trim_matches('"')),
                None => tag.trim_matches('"').to_owned(),
            })
            .collect(),
    )
}

/// Whether `header` (an `If-Match` or `If-None-Match` value) names the
/// current document: `*` names any existing one; otherwise one of its tags
/// must be the current tag (hexadecimal, so compared without regard to case).
fn names_current(header: &str, current: Option<&str>, weak_allowed: bool) -> bool {
    let Some(current) = current else {
        return false;
    };
    match tags(header) {
        None => true,
        Some(tags) => tags.iter().any(|tag| {
            let tag = if weak_allowed {
                tag.strip_prefix("W/").unwrap_or(tag)
            } else {
                tag
            };
            tag.eq_ignore_ascii_case(current)
        }),
    }
}

/// Decides whether a write may change the document whose current entity tag
/// is `current` (`None`: there is no such document).
pub fn check_conditions(
    kind: DocumentKind,
    method: WriteMethod,
    conditions: &Conditions,
    current: Option<&str>,
) -> Result<(), Refusal> {
    if let Some(header) = &conditions.if_match
        && !names_current(header, current, false)
    {
        return Err(Refusal::PreconditionFailed);
    }
    if let Some(header) = &conditions.if_none_match
        && names_current(header, current, true)
    {
        return Err(Refusal::PreconditionFailed);
    }
    let unconditional = conditions.if_match.is_none() && conditions.if_none_match.is_none();
    if !unconditional || method != WriteMethod::Put {
        return Ok(());
    }
    match (kind, current) {
        // 1.0.3 lets state be written without concurrency headers ("since
        // state conflicts are unlikely"), and content written for 1.0.x
        // (SCORM-style suspend data) does so; xAPI 2.0 applies the 409 rule
        // to the three document resources, and its conformance tests check
        // it on State.
        (DocumentKind::State, Some(_)) if conditions.legacy_client => Ok(()),
        (_, Some(_)) => Err(Refusal::Conflict),
        // A new state document needs no header; a profile PUT must carry one.
        (DocumentKind::State, None) => Ok(()),
        (_, None) => Err(Refusal::PreconditionRequired),
    }
}

/// True when a `Content-Type` value is `application/json` (parameters such
/// as `charset` and the case of the type ignored).
pub fn is_json_media_type(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// The document `POST` leaves: the posted one when nothing is stored, else
/// the stored JSON object with each top-level property of the posted JSON
/// object set (Communication 2.2, "JSON Procedure"). Both must be
/// `application/json` JSON objects, or nothing changes (400). Returns the
/// content type and the bytes to store.
pub fn post_result(
    stored: Option<(&str, &[u8])>,
    posted_type: &str,
    posted: &[u8],
) -> Result<(String, Vec<u8>), Refusal> {
    let posted_object = || -> Result<serde_json::Map<String, Value>, Refusal> {
        if !is_json_media_type(posted_type) {
            return Err(Refusal::NotJsonObject);
        }
        match serde_json::from_slice(posted) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(Refusal::NotJsonObject),
        }
    };
    let Some((stored_type, stored_bytes)) = stored else {
        // A JSON body must at least be a JSON object, so that a later POST
        // can merge into it; other content types are stored as sent.
        if is_json_media_type(posted_type) {
            posted_object()?;
        }
        return within_limit(posted_type.to_owned(), posted.to_vec());
    };
    let additions = posted_object()?;
    if !is_json_media_type(stored_type) {
        return Err(Refusal::NotJsonObject);
    }
    let Ok(Value::Object(mut merged)) = serde_json::from_slice::<Value>(stored_bytes) else {
        return Err(Refusal::NotJsonObject);
    };
    for (key, value) in additions {
        merged.insert(key, value);
    }
    let bytes = serde_json::to_vec(&Value::Object(merged)).map_err(|_| Refusal::NotJsonObject)?;
    within_limit(stored_type.to_owned(), bytes)
}

/// The document `PUT` stores: the body as sent, within the size limit.
pub fn put_result(content_type: &str, content: &[u8]) -> Result<(String, Vec<u8>), Refusal> {
    within_limit(content_type.to_owned(), content.to_vec())
}

fn within_limit(content_type: String, content: Vec<u8>) -> Result<(String, Vec<u8>), Refusal> {
    if content.len() > MAX_DOCUMENT_BYTES {
        Err(Refusal::TooLarge)
    } else {
        Ok((content_type, content))
    }
}
