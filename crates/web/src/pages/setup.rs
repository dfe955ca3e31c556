//! Account set-up (issue 6): a nominee whose account gedhub created opens
//! the one-time link e-mailed when the Secretariat confirmed them, and
//! chooses a password. Public routes: the link's secret is the credential.
//! An unknown, used or expired link answers 404.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use gedhub_core::{NewPassword, ValidationError, password};
use serde::Deserialize;

use crate::context::RequestContext;
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
}

/// `GET /account/setup/{token}`.
pub async fn show_setup(
    State(state): State<AppState>,
    context: RequestContext,
    AppPath(token): AppPath<String>,
) -> Result<Response> {
    let user = state.store().setup_link_user(&token, state.now()).await?;
    Ok(render(&SetupPage {
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
    state
        .store()
        .complete_setup(&token, &hash, state.now())
        .await?;
    Ok(Redirect::to("/login?next=%2Fdashboard").into_response())
}
