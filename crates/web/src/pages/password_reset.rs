//! A forgotten password (issue 19): anyone may ask for a reset link on the
//! sign-in page. The answer is the same whether or not an account has that
//! address, so the form tells nobody who has an account; the link is
//! e-mailed in the account holder's language, works once, for
//! `RESET_LINK_MINUTES`, and at most `RESET_LINKS_PER_HOUR` are sent per
//! account and hour. The link opens the set-up page (`pages::setup`), which
//! sets the password, ends the account's sessions and sends the person to
//! the sign-in page with their address filled in.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::Email;
use gedhub_store::StoreError;
use gedhub_store::account_setup::{RESET_LINK_MINUTES, SetupEmail};
use serde::Deserialize;

use crate::context::RequestContext;
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppQuery};
use crate::i18n::recipient_locale;
use crate::state::AppState;
use crate::views::{FormProblems, Page, render, render_with_status};

#[derive(Template)]
#[template(path = "password_reset.html")]
pub struct ResetPage {
    pub page: Page,
    pub email: String,
    pub sent: bool,
    pub problems: FormProblems,
}

#[derive(Deserialize, Default)]
pub struct ResetQuery {
    pub sent: Option<String>,
}

/// `GET /account/password-reset`: the form, or (`?sent=1`) what happens next.
pub async fn show_reset(
    context: RequestContext,
    AppQuery(query): AppQuery<ResetQuery>,
) -> Response {
    render(&ResetPage {
        page: Page::new(&context, "reset-title"),
        email: String::new(),
        sent: query.sent.is_some(),
        problems: FormProblems::default(),
    })
}

#[derive(Deserialize)]
pub struct ResetForm {
    pub email: String,
}

/// `POST /account/password-reset` (`email`): sends a link if an account has
/// that address and may receive one, and answers the same in every case.
pub async fn request_reset(
    State(state): State<AppState>,
    context: RequestContext,
    AppForm(form): AppForm<ResetForm>,
) -> Result<Response> {
    let email = match Email::parse(form.email.trim()) {
        Ok(email) => email,
        Err(problem) => {
            let error = AppError::Invalid(vec![problem]);
            let page = ResetPage {
                page: Page::new(&context, "reset-title"),
                email: form.email,
                sent: false,
                problems: FormProblems::new(&context.locale, &error, str::to_owned),
            };
            return Ok(render_with_status(error.status(), &page));
        }
    };
    match state.store().user_by_email(&email).await {
        Ok(user) => {
            let locale = recipient_locale(&user, None);
            let message = SetupEmail {
                subject: locale.t("reset-email-subject"),
                body: locale.t_args(
                    "reset-email-body",
                    &[
                        ("name", user.name.clone()),
                        ("link", "{link}".to_owned()),
                        ("minutes", RESET_LINK_MINUTES.to_string()),
                    ],
                ),
                link_prefix: format!(
                    "{}/account/setup/",
                    state.config().public_url.trim_end_matches('/')
                ),
            };
            state
                .store()
                .send_password_reset_link(&user, &message, state.now())
                .await?;
        }
        Err(StoreError::NotFound) => {}
        Err(other) => return Err(other.into()),
    }
    Ok(Redirect::to("/account/password-reset?sent=1").into_response())
}
