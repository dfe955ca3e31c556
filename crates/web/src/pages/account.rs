//! The user's own account: password and interface language.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::{NewPassword, ValidationError, password};
use serde::Deserialize;

use crate::context::{LANG_COOKIE, RequestContext, SignedIn, set_cookie, wants_secure_cookies};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppQuery};
use crate::i18n::{self, Locale};
use crate::redirect::LocalTarget;
use crate::state::AppState;
use crate::views::{Page, render_with_status};

pub struct LanguageOption {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub page: Page,
    pub email: String,
    pub role: String,
    pub administration: Option<String>,
    pub languages: Vec<LanguageOption>,
    pub follows_browser: bool,
    /// (code, label, selected) of the optional sex field.
    pub sexes: Vec<(String, String, bool)>,
    pub notice: Option<String>,
}

#[derive(Deserialize)]
pub struct AccountQuery {
    pub saved: Option<String>,
}

fn account_page(
    signed_in: &SignedIn,
    context: &RequestContext,
    sex: Option<&str>,
    notice: Option<String>,
) -> AccountPage {
    let page = Page::new(context, "account-title");
    let sexes = gedhub_core::programme::SEXES
        .iter()
        .map(|code| {
            (
                (*code).to_owned(),
                page.locale.t(&format!("user-sex-{code}")),
                sex == Some(*code),
            )
        })
        .collect();
    let chosen = signed_in.user.locale.clone();
    AccountPage {
        email: signed_in.user.email.to_string(),
        role: crate::views::role_label(&page.locale, signed_in.user.role),
        administration: signed_in
            .user
            .administration
            .as_ref()
            .map(|c| c.to_string()),
        languages: i18n::available()
            .into_iter()
            .map(|locale| LanguageOption {
                selected: chosen.as_deref() == Some(locale.code().as_str()),
                name: locale.t("language-name"),
                code: locale.code(),
            })
            .collect(),
        follows_browser: chosen.is_none(),
        sexes,
        notice,
        page,
    }
}

/// `GET /account`.
pub async fn show_account(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<AccountQuery>,
) -> Result<Response> {
    let notice = match query.saved.as_deref() {
        Some("password") => Some(context.locale.t("account-password-changed")),
        Some("language") => Some(context.locale.t("account-language-saved")),
        Some("sex") => Some(context.locale.t("account-sex-saved")),
        _ => None,
    };
    let sex = state.store().user_sex(signed_in.user.id).await?;
    Ok(render_with_status(
        StatusCode::OK,
        &account_page(&signed_in, &context, sex.as_deref(), notice),
    ))
}

#[derive(Deserialize)]
pub struct SexForm {
    /// `female`, `male`, `other`, `undisclosed`, or empty to clear. Required
    /// (the form always sends it), so a garbled body is refused rather than
    /// read as "clear".
    pub sex: String,
}

/// `POST /account/sex`: a person records (or clears) their own sex, which
/// only feeds the programme's counts of people trained by sex.
pub async fn save_sex(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<SexForm>,
) -> Result<Response> {
    match gedhub_core::programme::parse_sex(&form.sex) {
        Ok(sex) => {
            state
                .store()
                .set_user_sex(&signed_in.actor(), signed_in.user.id, sex)
                .await?;
            Ok(Redirect::to("/account?saved=sex").into_response())
        }
        // Re-shown with the choice kept by refused_forms.
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// `POST /account/password`: needs the current password; signs out the
/// user's other sessions.
pub async fn change_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<PasswordForm>,
) -> Result<Response> {
    let store = state.store();
    let stored = store.password_hash(signed_in.user.id).await?;
    let current = form.current_password.clone();
    let current_ok = tokio::task::spawn_blocking(move || password::verify(&current, &stored))
        .await
        .map_err(AppError::internal)?;
    let outcome = if !current_ok {
        Err(AppError::Invalid(vec![ValidationError::new(
            "current_password",
            "wrong_password",
        )]))
    } else if form.new_password != form.confirm_password {
        Err(AppError::Invalid(vec![ValidationError::new(
            "confirm_password",
            "passwords_differ",
        )]))
    } else {
        NewPassword::parse(&form.new_password).map_err(AppError::from)
    };
    let new_password = match outcome {
        Ok(new_password) => new_password,
        Err(error) => return Err(error),
    };
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    store
        .set_password_hash(
            &signed_in.actor(),
            signed_in.user.id,
            hash,
            signed_in
                .session_secret
                .as_deref()
                .map(gedhub_store::auth::secret_hash)
                .as_deref(),
        )
        .await?;
    Ok(Redirect::to("/account?saved=password").into_response())
}

#[derive(Deserialize)]
pub struct LanguageForm {
    /// A shipped language code, or `auto` to follow the browser.
    pub locale: String,
    pub return_to: Option<String>,
}

/// `POST /account/language`: the header's switcher and the account form.
/// Signed-in users keep the choice in their account; visitors in a cookie.
pub async fn choose_language(
    State(state): State<AppState>,
    context: RequestContext,
    headers: HeaderMap,
    AppForm(form): AppForm<LanguageForm>,
) -> Result<Response> {
    let chosen = match form.locale.as_str() {
        "auto" => None,
        code => Some(
            Locale::from_code(code)
                .ok_or(AppError::Invalid(vec![ValidationError::new(
                    "locale",
                    "unknown_language",
                )]))?
                .code(),
        ),
    };
    // Checked before anything changes: a bad target is a 400 and the
    // choice is not saved.
    let target = LocalTarget::requested(form.return_to.as_deref(), "/dashboard")
        .map_err(|_| AppError::BadRequest("unsafe_redirect"))?;
    let mut response = Redirect::to(target.as_str()).into_response();
    match &context.user {
        Some(user) => {
            let actor = gedhub_store::Actor::user(user.id, user.email.as_str());
            state
                .store()
                .set_locale(&actor, user.id, chosen.as_deref())
                .await?;
        }
        None => {
            let secure = wants_secure_cookies(&state, &headers);
            let cookie = match &chosen {
                Some(code) => set_cookie(LANG_COOKIE, code, 365 * 24 * 3600, secure),
                None => set_cookie(LANG_COOKIE, "", 0, secure),
            };
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    Ok(response)
}
