//! Signing in and out.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::signin::{self, Decision};
use gedhub_core::{Email, password};
use gedhub_store::auth::SignInAttempt;
use serde::Deserialize;

use crate::context::{
    LANG_COOKIE, RequestContext, SESSION_COOKIE, SIGN_IN_EMAIL_COOKIE, cookie, set_cookie,
    wants_secure_cookies,
};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppQuery};
use crate::redirect::LocalTarget;
use crate::state::AppState;
use crate::views::{Page, render_with_status};

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub page: Page,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
    /// "Your password is set": after a set-up or reset link was used.
    pub notice: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    pub next: Option<String>,
    pub password_set: Option<String>,
}

/// Where a sign-in goes when no `next` is given.
const DEFAULT_NEXT: &str = "/dashboard";

/// `GET /login`: the sign-in form (or the dashboard when already signed in).
/// A `next` that is not a path of this site is dropped, never echoed into
/// the form: a link to `/login?next=//evil.example` signs in to the
/// dashboard like any other.
pub async fn show_login(
    context: RequestContext,
    headers: HeaderMap,
    AppQuery(query): AppQuery<LoginQuery>,
) -> Response {
    if context.user.is_some() {
        return Redirect::to(DEFAULT_NEXT).into_response();
    }
    let page = Page::new(&context, "login-title");
    let next = LocalTarget::requested(query.next.as_deref(), DEFAULT_NEXT)
        .map(|target| target.to_string())
        .unwrap_or_else(|_| DEFAULT_NEXT.to_owned());
    render_with_status(
        StatusCode::OK,
        &LoginPage {
            notice: query
                .password_set
                .is_some()
                .then(|| page.t("login-password-set")),
            page,
            // Filled in after a password was set (the cookie holds an
            // address that was valid when it was written; re-checked here).
            email: cookie(&headers, SIGN_IN_EMAIL_COOKIE)
                .and_then(|raw| Email::parse(&raw).ok())
                .map(|email| email.to_string())
                .unwrap_or_default(),
            next,
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

/// `POST /login`: checks `next`, then the throttle, then the password; opens
/// a session.
///
/// Nothing is written before every check has passed and the response is
/// built: a refused attempt (bad `next`: 400; throttled: 429) changes
/// nothing, a wrong password only counts a failure (401), and the session
/// row is written last, right before the response that carries its cookie.
pub async fn sign_in(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    AppForm(form): AppForm<LoginForm>,
) -> Result<Response> {
    let store = state.store();
    let now = state.now();
    let config = state.config();
    let refuse = |status: StatusCode, error: String, next: &str| {
        let page = Page::new(&context, "login-title");
        render_with_status(
            status,
            &LoginPage {
                page,
                email: form.email.clone(),
                next: next.to_owned(),
                error: Some(error),
                notice: None,
            },
        )
    };
    let next = match LocalTarget::requested(form.next.as_deref(), DEFAULT_NEXT) {
        Ok(next) => next,
        Err(why) => {
            tracing::warn!(
                client.address = %context.client_address,
                "sign-in refused: the next page is not a path of this site ({why})"
            );
            let message = context.locale.t("login-bad-next");
            return Ok(refuse(StatusCode::BAD_REQUEST, message, DEFAULT_NEXT));
        }
    };

    let throttle_key = signin::throttle_key(&context.client_address);
    let attempt = SignInAttempt {
        email: &form.email,
        address: &context.client_address,
        throttle_key: &throttle_key,
        at: now,
    };
    let throttle = &config.sign_in_throttle;
    let facts = store
        .sign_in_facts(&attempt, throttle.address_window)
        .await?;
    if let Decision::Wait { until } = throttle.decide(&facts, now.0) {
        let seconds = (until - now.0).num_seconds().max(1);
        tracing::warn!(
            client.address = %context.client_address,
            retry_after_s = seconds,
            "sign-in throttled"
        );
        let minutes = usize::try_from((seconds + 59) / 60).unwrap_or(usize::MAX);
        let message = context.locale.t_count("login-rate-limited", minutes);
        let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, message, next.as_str());
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return Ok(response);
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
    let account = account.map(|(user, _)| user);
    let user = match account {
        Some(user) if matches => user,
        _ => {
            store
                .record_sign_in_failure(&attempt, account.as_ref())
                .await?;
            let message = context.locale.t("login-failed");
            return Ok(refuse(StatusCode::UNAUTHORIZED, message, next.as_str()));
        }
    };

    let secret = gedhub_store::auth::new_secret()?;
    let expires = now.plus(chrono::Duration::hours(config.session_hours));
    let secure = wants_secure_cookies(&state, &headers);
    let mut response = Redirect::to(next.as_str()).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &secret, config.session_hours * 3600, secure),
    );
    // The account's language now decides; drop the anonymous choice.
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(LANG_COOKIE, "", 0, secure));
    store
        .open_session(&attempt, &user, &secret, expires)
        .await?;
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
