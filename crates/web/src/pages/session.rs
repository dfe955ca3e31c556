//! Signing in and out.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::{Email, password};
use serde::Deserialize;

use crate::context::{
    LANG_COOKIE, RequestContext, SESSION_COOKIE, set_cookie, wants_secure_cookies,
};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppQuery, local_path};
use crate::state::AppState;
use crate::views::{Page, render_with_status};

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub page: Page,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    pub next: Option<String>,
}

/// `GET /login`: the sign-in form (or the dashboard when already signed in).
pub async fn show_login(
    context: RequestContext,
    AppQuery(query): AppQuery<LoginQuery>,
) -> Response {
    if context.user.is_some() {
        return Redirect::to("/dashboard").into_response();
    }
    let page = Page::new(&context, "login-title");
    render_with_status(
        StatusCode::OK,
        &LoginPage {
            page,
            email: String::new(),
            next: local_path(query.next.as_deref(), "/dashboard"),
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}

/// `POST /login`: checks the rate limit, then the password; opens a session.
pub async fn sign_in(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    AppForm(form): AppForm<LoginForm>,
) -> Result<Response> {
    let store = state.store();
    let now = state.now();
    let config = state.config();
    let next = local_path(form.next.as_deref(), "/dashboard");
    let refuse = |status: StatusCode, message_key: &str| {
        let page = Page::new(&context, "login-title");
        let error = Some(page.t(message_key));
        render_with_status(
            status,
            &LoginPage {
                page,
                email: form.email.clone(),
                next: next.clone(),
                error,
            },
        )
    };

    let since = now.minus(chrono::Duration::minutes(config.login_window_minutes));
    let failures = store
        .recent_login_failures(&form.email, &context.client_address, since)
        .await?;
    if failures.for_email >= config.login_failures_per_account
        || failures.from_address >= config.login_failures_per_address
    {
        return Ok(refuse(StatusCode::TOO_MANY_REQUESTS, "login-rate-limited"));
    }

    let account = match Email::parse(&form.email) {
        Ok(email) => store.credentials(&email).await?,
        Err(_) => None,
    };
    // Verify against a dummy hash when the account is unknown, so the answer
    // takes as long either way.
    let stored_hash = account
        .as_ref()
        .map(|(_, hash)| hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_owned());
    let candidate = form.password.clone();
    let matches = tokio::task::spawn_blocking(move || password::verify(&candidate, &stored_hash))
        .await
        .map_err(AppError::internal)?;
    let user = account.map(|(user, _)| user).filter(|_| matches);
    store
        .record_login_attempt(&form.email, &context.client_address, user.is_some(), now)
        .await?;
    let Some(user) = user else {
        return Ok(refuse(StatusCode::UNAUTHORIZED, "login-failed"));
    };

    let expires = now.plus(chrono::Duration::hours(config.session_hours));
    let secret = store.create_session(user.id, now, expires).await?;
    let secure = wants_secure_cookies(&state, &headers);
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &secret, config.session_hours * 3600, secure),
    );
    // The account's language now decides; drop the anonymous choice.
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(LANG_COOKIE, "", 0, secure));
    Ok(response)
}

/// `POST /logout`: ends the session wherever the user is.
pub async fn sign_out(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
) -> Result<Response> {
    if let Some(secret) = &context.session_secret {
        state.store().delete_session(secret).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            "",
            0,
            wants_secure_cookies(&state, &headers),
        ),
    );
    Ok(response)
}

/// `GET /`: the dashboard when signed in, else the sign-in form.
pub async fn home(context: RequestContext) -> Redirect {
    if context.user.is_some() {
        Redirect::to("/dashboard")
    } else {
        Redirect::to("/login")
    }
}
