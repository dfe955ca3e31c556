//! The one error type of the web edge.
//!
//! Policy: handlers return [`AppError`]; its response carries only a status and
//! an [`ErrorReport`] in the response extensions. The `render_errors`
//! middleware, which knows the path and the user's language, turns that into
//! the JSON envelope `{"errors":[{"code","detail"}]}` under `/api/` or into a
//! readable page elsewhere. Internal errors are logged there, once, and never
//! shown to the user. Responses that axum produces itself (unknown route,
//! wrong method, body too large, malformed JSON) go through the same path.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gedhub_core::ValidationError;
use gedhub_store::StoreError;

/// Every way a request can fail, each with a stable code.
#[derive(Debug)]
pub enum AppError {
    /// No valid session or token (401; pages redirect to the sign-in form).
    Unauthenticated,
    /// Not there, or not the caller's to see (404).
    NotFound,
    /// Signed in but the role may not do this (403).
    Forbidden,
    /// A cross-site state-changing request (403).
    CrossOrigin,
    /// Values that do not pass validation (422).
    Invalid(Vec<ValidationError>),
    /// A uniqueness rule (409), e.g. `email_taken`.
    Conflict(&'static str),
    /// A request that cannot be read (400): bad JSON, wrong types, bad path.
    BadRequest(&'static str),
    /// Body too large (413).
    PayloadTooLarge,
    /// Sign-in rate limit reached (429).
    TooManyRequests,
    /// Another rate limit reached (429), with its own code, e.g.
    /// `inquiry_rate_limited`.
    RateLimited(&'static str),
    /// Something broke on our side (500). The text is logged, never sent.
    Internal(String),
}

/// What the error middleware needs to render an error in the right format and
/// language.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub status: StatusCode,
    /// One entry per problem: a stable code and, for validation errors, the field.
    pub problems: Vec<(String, Option<&'static str>)>,
    /// For internal errors: what to log.
    pub internal: Option<String>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CrossOrigin => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests | AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn report(&self) -> ErrorReport {
        let one = |code: &str| vec![(code.to_owned(), None)];
        let problems = match self {
            AppError::Unauthenticated => one("unauthenticated"),
            AppError::NotFound => one("not_found"),
            AppError::Forbidden => one("forbidden"),
            AppError::CrossOrigin => one("cross_origin_request"),
            AppError::Invalid(errors) => errors
                .iter()
                .map(|error| (error.code.to_owned(), Some(error.field)))
                .collect(),
            AppError::Conflict(code) | AppError::BadRequest(code) | AppError::RateLimited(code) => {
                one(code)
            }
            AppError::PayloadTooLarge => one("payload_too_large"),
            AppError::TooManyRequests => one("too_many_requests"),
            AppError::Internal(_) => one("internal_error"),
        };
        ErrorReport {
            status: self.status(),
            problems,
            internal: match self {
                AppError::Internal(what) => Some(what.clone()),
                _ => None,
            },
        }
    }

    pub fn internal(error: impl std::fmt::Display) -> Self {
        AppError::Internal(error.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let report = self.report();
        let mut response = report.status.into_response();
        response.extensions_mut().insert(report);
        response
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(code) => AppError::Conflict(code),
            StoreError::Invalid(error) => AppError::Invalid(vec![error]),
            other => AppError::internal(other),
        }
    }
}

/// The application layer's refusals, as the web edge shows them: the same
/// codes and statuses as the store's, and one problem per field (422).
impl From<gedhub_app::AppError> for AppError {
    fn from(error: gedhub_app::AppError) -> Self {
        match error {
            gedhub_app::AppError::NotFound => AppError::NotFound,
            gedhub_app::AppError::Forbidden => AppError::Forbidden,
            gedhub_app::AppError::Conflict { code } => AppError::Conflict(code),
            gedhub_app::AppError::Invalid(problems) => AppError::Invalid(problems.into_vec()),
            gedhub_app::AppError::Internal(what) => AppError::Internal(what),
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(error: ValidationError) -> Self {
        AppError::Invalid(vec![error])
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                AppError::BadRequest("json_content_type_required")
            }
            StatusCode::UNPROCESSABLE_ENTITY => AppError::BadRequest("json_wrong_shape"),
            _ => AppError::BadRequest("json_malformed"),
        }
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            _ => AppError::BadRequest("form_malformed"),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(_: PathRejection) -> Self {
        AppError::NotFound
    }
}

impl From<QueryRejection> for AppError {
    fn from(_: QueryRejection) -> Self {
        AppError::BadRequest("query_malformed")
    }
}

/// The stable code for a status that axum produced without our help.
pub fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNAUTHORIZED => "unauthenticated",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        status if status.is_server_error() => "internal_error",
        _ => "bad_request",
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
