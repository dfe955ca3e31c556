//! Account set-up (issue 6): a nominee whose account gedhub created opens
//! the one-time link e-mailed when the Secretariat confirmed them, and
//! chooses a password. Public routes: the link's secret is the credential.
//! An unknown, used or expired link answers 404.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gedhub_core::{NewPassword, ValidationError, password};
use gedhub_store::users::User;
use serde::Deserialize;

use crate::context::{RequestContext, SIGN_IN_EMAIL_COOKIE, set_cookie, wants_secure_cookies};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath};
use crate::state::AppState;
use crate::views::{Page, error_detail, render};

#[derive(Template)]
#[template(path = "account_setup.html")]
pub struct SetupPage {
    pub page: Page,
    pub name: String,
    pub email: String,
    pub token: String,
    pub error: Option<String>,
    /// "Choose a password" for a nominee's new account, "choose a new
    /// password" for a reset.
    pub intro: String,
}

/// The page's introduction: a new account (created at a nomination) has
/// never had a password; any other came through a password reset.
async fn intro(state: &AppState, context: &RequestContext, user: &User) -> Result<String> {
    let key = if state.store().awaits_setup(user.id).await? {
        "setup-intro"
    } else {
        "reset-choose-intro"
    };
    Ok(context.locale.t(key))
}

/// `GET /account/setup/{token}`.
pub async fn show_setup(
    State(state): State<AppState>,
    context: RequestContext,
    AppPath(token): AppPath<String>,
) -> Result<Response> {
    let user = state.store().setup_link_user(&token, state.now()).await?;
    let intro = intro(&state, &context, &user).await?;
    Ok(render(&SetupPage {
        intro,
        page: Page::new(&context, "setup-title"),
        name: user.name,
        email: user.email.to_string(),
        token,
        error: None,
    }))
}

#[derive(Deserialize)]
pub struct SetupForm {
    pub new_password: String,
    pub confirm_password: String,
}

/// `POST /account/setup/{token}`: sets the password, uses the link up, and
/// sends the person to the sign-in page.
pub async fn complete_setup(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    AppForm(form): AppForm<SetupForm>,
) -> Result<Response> {
    let user = state.store().setup_link_user(&token, state.now()).await?;
    let checked = if form.new_password != form.confirm_password {
        Err(ValidationError::new("confirm_password", "passwords_differ"))
    } else {
        NewPassword::parse(&form.new_password)
    };
    let new_password = match checked {
        Ok(password) => password,
        Err(error) => {
            let page = SetupPage {
                intro: intro(&state, &context, &user).await?,
                page: Page::new(&context, "setup-title"),
                name: user.name,
                email: user.email.to_string(),
                token,
                error: Some(error_detail(&context.locale, error.code, Some(error.field))),
            };
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(page.render().map_err(AppError::internal)?),
            )
                .into_response());
        }
    };
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let user = state
        .store()
        .complete_setup(&token, &hash, state.now())
        .await?;
    // The sign-in page says the password is set and fills the address in
    // (from a short-lived cookie: an address does not belong in a URL).
    let mut response = Redirect::to("/login?password_set=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SIGN_IN_EMAIL_COOKIE,
            user.email.as_str(),
            600,
            wants_secure_cookies(&state, &headers),
        ),
    );
    Ok(response)
}
