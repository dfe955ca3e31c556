//! Per-request context and the middleware that builds it, opens the
//! request's log span, renders errors and sets the security headers.

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::Caller;
use gedhub_core::Principal;
use gedhub_store::users::User;
use gedhub_store::{Actor, Timestamp};
use tracing::Instrument;

use crate::error::{AppError, ErrorReport, code_for_status};
use crate::i18n::{self, Locale};
use crate::state::AppState;
use crate::views;

pub const SESSION_COOKIE: &str = "gedhub_session";
pub const LANG_COOKIE: &str = "gedhub_lang";
/// The address to fill in on the sign-in page after a password was set
/// through a set-up or reset link (ten minutes).
pub const SIGN_IN_EMAIL_COOKIE: &str = "gedhub_sign_in_email";

/// Who is asking, and in which language to answer. Built once per request by
/// [`resolve_context`] and read by handlers through the extractors below.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub user: Option<User>,
    /// The session secret when signed in through the cookie.
    pub session_secret: Option<String>,
    pub locale: Locale,
    /// The request path, to come back after signing in.
    pub path: String,
    /// The client's address, for the sign-in rate limit.
    pub client_address: String,
    /// The request's moment, read once from the state's clock: every use
    /// case of the request judges and writes with it.
    pub now: gedhub_store::Timestamp,
    /// The signed-in user's unread notifications, for the header's badge;
    /// counted only for pages (`GET` outside `/api/` and `/static/`).
    pub unread_notifications: i64,
}

/// A signed-in user (cookie or bearer token). Requests without one are
/// refused with 401 (API) or sent to the sign-in page (pages).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub principal: Principal,
    /// The caller the application layer's use cases take; built here, the
    /// one place a request's user becomes one.
    pub caller: Caller,
    pub locale: Locale,
    pub session_secret: Option<String>,
}

impl SignedIn {
    /// `user`, signed in at `now`.
    pub fn new(
        user: User,
        locale: Locale,
        session_secret: Option<String>,
        now: gedhub_store::Timestamp,
    ) -> Self {
        let caller = Caller::new(&user, now);
        SignedIn {
            principal: caller.principal.clone(),
            caller,
            user,
            locale,
            session_secret,
        }
    }

    /// The signed-in user of a request, if any (for public pages that show
    /// more to signed-in users).
    pub fn from_context(context: &RequestContext) -> Option<SignedIn> {
        let user = context.user.clone()?;
        Some(SignedIn::new(
            user,
            context.locale.clone(),
            context.session_secret.clone(),
            context.now,
        ))
    }

    pub fn actor(&self) -> gedhub_store::Actor {
        gedhub_store::Actor::user(self.user.id, self.user.email.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| AppError::internal("request context missing"))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let context = RequestContext::from_request_parts(parts, state).await?;
        let user = context.user.ok_or(AppError::Unauthenticated)?;
        Ok(SignedIn::new(
            user,
            context.locale,
            context.session_secret,
            context.now,
        ))
    }
}

/// The value of cookie `name`, if sent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query?)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Resolves the user (session cookie, or `Authorization: Bearer`) and the
/// language, and stores them in the request.
pub async fn resolve_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let now = state.now();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let session_secret = cookie(headers, SESSION_COOKIE);
    let mut invalid_credentials = false;
    let (user, session_secret) = if let Some(token) = bearer {
        match state.store().token_user(&token).await {
            Ok(user) => {
                invalid_credentials = user.is_none();
                (user, None)
            }
            Err(error) => return AppError::from(error).into_response(),
        }
    } else if let Some(secret) = session_secret {
        match state.store().session_user(&secret, now).await {
            Ok(Some(user)) => (Some(user), Some(secret)),
            Ok(None) => (None, None),
            Err(error) => return AppError::from(error).into_response(),
        }
    } else {
        (None, None)
    };
    if let Some(user) = &user {
        // The request's span (see `trace_requests`) names who asked.
        tracing::Span::current().record("user_id", user.id.0);
    }
    let query_lang = query_param(request.uri().query(), "lang");
    let locale = i18n::negotiate(
        user.as_ref().and_then(|u| u.locale.as_deref()),
        query_lang.as_deref(),
        cookie(headers, LANG_COOKIE).as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
    );
    // Remembered on page views only: a refused form (nor the page it is
    // shown on again) or an API call changes nothing it did not ask for.
    let is_visit = is_page_request(&request)
        && request
            .extensions()
            .get::<crate::refused_forms::ShownAgain>()
            .is_none();
    if let (Some(user), Some(_), true) = (&user, &session_secret, is_visit) {
        remember_browser_locale(&state, user, &locale, now).await;
    }
    let path = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let client_address = client_address(
        state.config().trust_proxy_headers,
        request.headers(),
        request
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip()),
    );
    let unread_notifications = match &user {
        Some(user) if is_page_request(&request) => state
            .store()
            .unread_notifications(user.id)
            .await
            .unwrap_or_else(|error| {
                // The badge is a convenience: the page is served without it.
                tracing::warn!(%error, "could not count unread notifications");
                0
            }),
        _ => 0,
    };
    let context = RequestContext {
        user,
        session_secret,
        locale: locale.clone(),
        path,
        client_address,
        now,
        unread_notifications,
    };
    request.extensions_mut().insert(context.clone());
    let mut response = if invalid_credentials {
        // A wrong token is refused outright, not treated as anonymous.
        AppError::Unauthenticated.into_response()
    } else {
        next.run(request).await
    };
    // The error renderer, outside this layer, reads the context from here.
    response.extensions_mut().insert(context);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&locale.code()) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    headers.append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

/// Keeps the language negotiated for a signed-in visitor who follows their
/// browser, so that notifications and e-mails sent while they are away are
/// in the language they read gedhub in (`i18n::recipient_locale`). Written
/// only when it changed. A failure is logged and the page still served: the
/// visit matters more than the memory of its language.
async fn remember_browser_locale(state: &AppState, user: &User, locale: &Locale, now: Timestamp) {
    let code = locale.code();
    if user.locale.is_some() || user.browser_locale.as_deref() == Some(code.as_str()) {
        return;
    }
    let actor = Actor::user(user.id, user.email.as_str()).at(now);
    if let Err(error) = state
        .store()
        .remember_browser_locale(&actor, user, &code)
        .await
    {
        tracing::warn!(%error, "could not remember the browser's language");
    }
}

/// A request whose answer may be a page with the header (and its badge):
/// not the API, not static files, not a form submission.
fn is_page_request(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET && !path.starts_with("/api/") && !path.starts_with("/static/")
}

/// Opens the span of one request and, when the response is ready, logs its
/// status and latency in it.
///
/// The span holds the method, the matched route's pattern (`/plans/{plan}`,
/// absent when no route matched) and, once [`resolve_context`] knows it, the
/// signed-in user's id. Never the path as sent nor its query string, which
/// may carry ids, e-mail addresses or tokens; headers (cookies, bearer
/// tokens) and bodies (passwords) are not logged either. It runs inside the
/// router (a `Router::layer`) so that the matched route is known.
pub async fn trace_requests(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str);
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        user_id = tracing::field::Empty,
    );
    let started = std::time::Instant::now();
    let response = next.run(request).instrument(span.clone()).await;
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            latency_ms,
            "request finished"
        );
    });
    response
}

/// The client's address: the peer of the connection, or, behind a trusted
/// proxy (`--trust-proxy`), the address that proxy saw.
///
/// That is the *last* entry of `X-Forwarded-For`: a proxy appends the
/// address it received the request from, while everything before it was
/// written by the client and can be anything. Taking the first entry would
/// let a client pick its own address for the sign-in throttle (escaping it,
/// or making someone else's address wait). A value that is not an IP
/// address is ignored. One proxy hop is trusted, no more.
pub fn client_address(
    trust_proxy_headers: bool,
    headers: &HeaderMap,
    peer: Option<std::net::IpAddr>,
) -> String {
    if trust_proxy_headers {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .rfind(|hop| !hop.is_empty())
            .and_then(|hop| hop.parse::<std::net::IpAddr>().ok());
        if let Some(address) = forwarded {
            return address.to_string();
        }
    }
    peer.map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Renders every error response in the format and language the caller
/// expects; see [`crate::error`]. It sits outside [`resolve_context`], which
/// leaves the request context in the response for it.
pub async fn render_errors(request: Request, next: Next) -> Response {
    // The LRS at /xapi/ speaks JSON like the API.
    let is_api = ["/api/", "/xapi/"]
        .iter()
        .any(|prefix| request.uri().path().starts_with(prefix));
    let response = next.run(request).await;
    let context = response.extensions().get::<RequestContext>().cloned();
    let status = response.status();
    if status.is_success() || status.is_redirection() || status.is_informational() {
        return response;
    }
    let report = match response.extensions().get::<ErrorReport>() {
        Some(report) => report.clone(),
        None => {
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let rendered_by_us = content_type.starts_with("text/html")
                || content_type.starts_with("application/json");
            if rendered_by_us {
                return response;
            }
            if status.is_server_error() {
                // Not one of ours (e.g. a response that axum could not
                // build): log it, since no AppError did.
                tracing::error!(
                    status = status.as_u16(),
                    "internal error: a {status} response without an error report"
                );
            }
            ErrorReport {
                status,
                problems: vec![(code_for_status(status).to_owned(), None)],
                internal: None,
            }
        }
    };
    if let Some(what) = &report.internal {
        tracing::error!(error = %what, "internal error: {what}");
    }
    let locale = context
        .as_ref()
        .map(|c| c.locale.clone())
        .unwrap_or_default();
    let problems: Vec<(String, String)> = report
        .problems
        .iter()
        .map(|(code, field)| (code.clone(), views::error_detail(&locale, code, *field)))
        .collect();
    let mut rendered = if is_api {
        let errors: Vec<serde_json::Value> = problems
            .iter()
            .map(|(code, detail)| serde_json::json!({ "code": code, "detail": detail }))
            .collect();
        (
            report.status,
            axum::Json(serde_json::json!({ "errors": errors })),
        )
            .into_response()
    } else if report.status == StatusCode::UNAUTHORIZED {
        let next_path = context.as_ref().map(|c| c.path.clone()).unwrap_or_default();
        let target = format!(
            "/login?{}",
            serde_urlencoded::to_string([("next", next_path)]).unwrap_or_default()
        );
        Redirect::to(&target).into_response()
    } else {
        views::error_page(report.status, &locale, context.as_ref(), &problems)
    };
    if report.status == StatusCode::UNAUTHORIZED && is_api {
        rendered.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"gedhub\""),
        );
    }
    if let Some(allow) = response.headers().get(header::ALLOW) {
        rendered.headers_mut().insert(header::ALLOW, allow.clone());
    }
    rendered
}

/// Refuses cross-site state-changing requests (403), the way Go's
/// CrossOriginProtection does: browsers say where a request comes from in
/// `Sec-Fetch-Site` (or at least `Origin`); clients that send neither are not
/// browsers and cannot be forged by a web page.
pub async fn refuse_cross_origin(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let allowed = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            None => true,
            Some(origin) => {
                let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
                let origin_host = origin.split_once("://").map(|(_, rest)| rest);
                host.is_some() && origin_host == host
            }
        },
    };
    if allowed {
        next.run(request).await
    } else {
        AppError::CrossOrigin.into_response()
    }
}

/// The Content-Security-Policy of every response: our own scripts and styles
/// only, no inline script, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, "content-security-policy", CONTENT_SECURITY_POLICY);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "same-origin");
    set(headers, "x-frame-options", "DENY");
    set(headers, "cross-origin-opener-policy", "same-origin");
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, "cache-control", "no-store");
    }
    response
}

/// Builds a `Set-Cookie` value. `secure` adds the Secure attribute.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// True when cookies for this request must be `Secure`.
pub fn wants_secure_cookies(state: &AppState, headers: &HeaderMap) -> bool {
    state.config().secure_cookies
        || (state.config().trust_proxy_headers
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                == Some("https"))
}
