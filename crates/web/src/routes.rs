//! Every route of gedhub, in one table.
//!
//! The table is the single source of truth: the router is built from it, and
//! the authorization test walks it, so a route added here without an entry in
//! that test fails the build.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post, put};

use crate::context;
use crate::error::AppError;
use crate::state::AppState;
use crate::{api, pages};

/// Largest accepted request body. Upload routes set their own limits.
pub const BODY_LIMIT_BYTES: usize = 10 * 1024 * 1024;

/// Who may call a route, as documented in the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user; the handler scopes data to the caller.
    SignedIn,
    /// The Secretariat only.
    Secretariat,
}

/// One route: method, path pattern, access, handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    handler: MethodRouter<AppState>,
}

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        access,
        handler,
    }
}

/// The route table.
pub fn table() -> Vec<Route> {
    use Access::*;
    use pages::{account, administrations, audit, dashboard, session, users};
    vec![
        route(Method::GET, "/healthz", Public, get(healthz)),
        route(Method::GET, "/static/{file}", Public, get(static_file)),
        route(Method::GET, "/", Public, get(session::home)),
        route(Method::GET, "/login", Public, get(session::show_login)),
        route(Method::POST, "/login", Public, post(session::sign_in)),
        route(Method::POST, "/logout", Public, post(session::sign_out)),
        route(
            Method::POST,
            "/account/language",
            Public,
            post(account::choose_language),
        ),
        route(
            Method::GET,
            "/account",
            SignedIn,
            get(account::show_account),
        ),
        route(
            Method::POST,
            "/account/password",
            SignedIn,
            post(account::change_password),
        ),
        route(
            Method::GET,
            "/dashboard",
            SignedIn,
            get(dashboard::show_dashboard),
        ),
        route(
            Method::GET,
            "/administrations",
            SignedIn,
            get(administrations::list_administrations),
        ),
        route(
            Method::POST,
            "/administrations",
            Secretariat,
            post(administrations::create_administration),
        ),
        route(
            Method::GET,
            "/administrations/new",
            Secretariat,
            get(administrations::new_administration),
        ),
        route(
            Method::GET,
            "/administrations/{code}",
            SignedIn,
            get(administrations::show_administration),
        ),
        route(
            Method::POST,
            "/administrations/{code}",
            Secretariat,
            post(administrations::update_administration),
        ),
        route(
            Method::POST,
            "/administrations/{code}/focal-points",
            Secretariat,
            post(administrations::assign_focal_point),
        ),
        route(
            Method::POST,
            "/administrations/{code}/focal-points/remove",
            Secretariat,
            post(administrations::remove_focal_point),
        ),
        route(Method::GET, "/users", Secretariat, get(users::list_users)),
        route(
            Method::POST,
            "/users",
            Secretariat,
            post(users::create_user),
        ),
        route(Method::GET, "/users/new", Secretariat, get(users::new_user)),
        route(Method::GET, "/audit", Secretariat, get(audit::show_audit)),
        route(
            Method::GET,
            "/api/v1/openapi.json",
            Public,
            get(api::openapi_document),
        ),
        route(Method::GET, "/api/v1/me", SignedIn, get(api::me)),
        route(
            Method::GET,
            "/api/v1/administrations",
            SignedIn,
            get(api::list_administrations),
        ),
        route(
            Method::POST,
            "/api/v1/administrations",
            Secretariat,
            post(api::create_administration),
        ),
        route(
            Method::GET,
            "/api/v1/administrations/{code}",
            SignedIn,
            get(api::show_administration),
        ),
        route(
            Method::PUT,
            "/api/v1/administrations/{code}",
            Secretariat,
            put(api::update_administration),
        ),
        route(
            Method::GET,
            "/api/v1/users",
            Secretariat,
            get(api::list_users),
        ),
        route(
            Method::POST,
            "/api/v1/users",
            Secretariat,
            post(api::create_user),
        ),
        route(
            Method::GET,
            "/api/v1/audit",
            Secretariat,
            get(api::list_audit),
        ),
    ]
}

/// The whole application: routes plus middleware, outermost last.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for route in table() {
        router = router.route(route.path, route.handler);
    }
    router
        .fallback(|| async { AppError::NotFound })
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(middleware::from_fn(context::refuse_cross_origin))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            context::resolve_context,
        ))
        .layer(middleware::from_fn(context::render_errors))
        .layer(middleware::from_fn(context::security_headers))
        .with_state(state)
}

/// `GET /healthz`: 200 when the database answers.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The vendored front-end files, compiled into the binary (no CDN).
const STATIC_FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/htmx.min.js"),
    ),
];

async fn static_file(crate::extract::AppPath(file): crate::extract::AppPath<String>) -> Response {
    match STATIC_FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}
