//! What every request under `/xapi/` goes through before the route table
//! chooses its handler, and every answer after:
//!
//! - the answer's `X-Experience-API-Version`: `1.0.3` to a client that sent
//!   a 1.0.x version header, `2.0.0` otherwise (Communication 3.3: "the
//!   latest patch version" of what the client speaks) — on every answer,
//!   the router's own 404 and 405 included;
//! - xAPI 1.0.x's Alternate Request Syntax (1.0.3 Communication 1.3), for
//!   1.0.x clients only: a `POST` whose only query parameter is `method`
//!   and whose form body carries the content (`content`), the headers
//!   (`Authorization`, `X-Experience-API-Version`, `Content-Type`,
//!   `Content-Length`, `If-Match`, `If-None-Match`) and the other query
//!   parameters becomes the request it stands for. It must run before
//!   routing because it changes the method. xAPI 2.0 removed the syntax: a
//!   2.0 client using it gets 400 (`xapi_alternate_syntax_removed`).

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{LEGACY_VERSION, LrsError, Version, XAPI_VERSION, parameters};

/// Whether `path` belongs to the LRS.
pub fn is_lrs_path(path: &str) -> bool {
    path == "/xapi" || path.starts_with("/xapi/")
}

/// The version header of an answer to a request with `headers`.
fn answer_version(headers: &HeaderMap) -> &'static str {
    match Version::of_request(headers) {
        Some(Version::Legacy) => LEGACY_VERSION,
        _ => XAPI_VERSION,
    }
}

/// The middleware; see the module documentation.
pub async fn envelope(request: Request, next: Next) -> Response {
    if !is_lrs_path(request.uri().path()) {
        return next.run(request).await;
    }
    let is_alternate = request.method() == Method::POST
        && parameters(request.uri().query())
            .map(|params| params.iter().any(|(name, _)| name == "method"))
            .unwrap_or(false);
    let request = if is_alternate {
        let version = answer_version(request.headers());
        match alternate_request(request).await {
            Ok(request) => request,
            Err(error) => return stamped(error.into_response(), version),
        }
    } else {
        request
    };
    let version = answer_version(request.headers());
    stamped(next.run(request).await, version)
}

fn stamped(mut response: Response, version: &'static str) -> Response {
    response.headers_mut().insert(
        "x-experience-api-version",
        HeaderValue::from_static(version),
    );
    response
}

/// The form parameters that stand for headers (Communication 1.3), besides
/// `Content-Type` and `Content-Length`, which follow the `content`.
const HEADER_PARAMETERS: [(&str, HeaderName); 4] = [
    ("Authorization", header::AUTHORIZATION),
    (
        "X-Experience-API-Version",
        HeaderName::from_static("x-experience-api-version"),
    ),
    ("If-Match", header::IF_MATCH),
    ("If-None-Match", header::IF_NONE_MATCH),
];

/// The request an Alternate Request Syntax `POST` stands for.
async fn alternate_request(request: Request) -> Result<Request, LrsError> {
    let invalid = |detail: &str| LrsError::bad_request("xapi_alternate_syntax_invalid", detail);
    let (mut parts, body) = request.into_parts();
    let query = parameters(parts.uri.query())?;
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    let bytes: Bytes = axum::body::to_bytes(body, crate::routes::BODY_LIMIT_BYTES)
        .await
        .map_err(|_| {
            LrsError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "xapi_request_too_large",
                "The request is larger than the LRS accepts.",
            )
        })?;
    let form: Vec<(String, String)> = if is_form {
        serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| invalid("The form body cannot be read."))?
    } else {
        Vec::new()
    };
    let form_header = |name: &str| {
        form.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.clone())
    };
    let version = form_header("X-Experience-API-Version").or_else(|| {
        parts
            .headers
            .get("x-experience-api-version")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    });
    match version.as_deref().map(Version::of) {
        Some(Some(Version::Legacy)) => {}
        Some(Some(Version::Current)) => {
            return Err(LrsError::bad_request(
                "xapi_alternate_syntax_removed",
                "The method parameter (Alternate Request Syntax) is not part of xAPI 2.0.",
            ));
        }
        Some(None) => {
            return Err(LrsError::bad_request(
                "xapi_version_unsupported",
                "X-Experience-API-Version is not supported; use 2.0.0 or 1.0.3.",
            ));
        }
        None => {
            return Err(LrsError::bad_request(
                "xapi_version_missing",
                "The X-Experience-API-Version header (or form parameter) is required.",
            ));
        }
    }
    if query.len() != 1 {
        return Err(invalid(
            "With the method parameter, every other parameter goes in the form body.",
        ));
    }
    if !is_form {
        return Err(invalid(
            "The Alternate Request Syntax sends an application/x-www-form-urlencoded body.",
        ));
    }
    let method = match query[0].1.to_ascii_uppercase().as_str() {
        "GET" => Method::GET,
        "HEAD" => Method::HEAD,
        "PUT" => Method::PUT,
        "POST" => Method::POST,
        "DELETE" => Method::DELETE,
        _ => return Err(invalid("method is GET, HEAD, PUT, POST or DELETE.")),
    };
    let mut content: Option<String> = None;
    let mut rest: Vec<(String, String)> = Vec::new();
    let mut content_type: Option<String> = None;
    for (name, value) in &form {
        if name == "content" {
            content = Some(value.clone());
        } else if name.eq_ignore_ascii_case("Content-Type") {
            content_type = Some(value.clone());
        } else if name.eq_ignore_ascii_case("Content-Length") {
            // Recomputed from the content below.
        } else if let Some((_, header)) = HEADER_PARAMETERS
            .iter()
            .find(|(parameter, _)| name.eq_ignore_ascii_case(parameter))
        {
            let value = HeaderValue::from_str(value)
                .map_err(|_| invalid("A header form parameter is not a header value."))?;
            parts.headers.insert(header.clone(), value);
        } else {
            rest.push((name.clone(), value.clone()));
        }
    }
    let body = content.unwrap_or_default().into_bytes();
    parts.headers.remove(header::CONTENT_TYPE);
    if !body.is_empty() {
        let content_type = content_type.unwrap_or_else(|| "application/json".to_owned());
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(&content_type)
                .map_err(|_| invalid("Content-Type is not a header value."))?,
        );
    }
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let query = serde_urlencoded::to_string(&rest).unwrap_or_default();
    let uri = if query.is_empty() {
        parts.uri.path().to_owned()
    } else {
        format!("{}?{query}", parts.uri.path())
    };
    parts.uri = uri
        .parse()
        .map_err(|_| invalid("The parameters do not make a request."))?;
    parts.method = method;
    Ok(Request::from_parts(parts, Body::from(body)))
}
