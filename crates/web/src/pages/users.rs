//! Accounts, managed by the Secretariat.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::users::{self as use_cases, NewAccountInput};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppQuery};
use crate::state::AppState;
use crate::views::{Page, render, role_label};

pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub administration: String,
    /// Experts only: may be recognized as GED Expert.
    pub is_expert: bool,
    /// "Recognized until …" / "Recognition lapsed on …", or empty.
    pub recognition: String,
    pub recognized: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    pub page: Page,
    pub rows: Vec<UserRow>,
    pub notice: Option<String>,
}

#[derive(Deserialize)]
pub struct UsersQuery {
    pub created: Option<String>,
    pub recognized: Option<String>,
    pub withdrawn: Option<String>,
}

/// `GET /users` (Secretariat).
pub async fn list_users(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<UsersQuery>,
) -> Result<Response> {
    let accounts = use_cases::accounts(state.store(), &signed_in.caller).await?;
    let page = Page::new(&context, "users-title");
    let today = state.today();
    let rows = accounts
        .into_iter()
        .map(|account| {
            let recognition = account.recognition.as_ref();
            let user = account.user;
            UserRow {
                id: user.id.0,
                is_expert: account.recognizable,
                recognized: recognition.is_some(),
                recognition: match recognition {
                    Some(r) if r.is_valid_on(&today) => page.locale.t_args(
                        "users-recognized-until",
                        &[(
                            "date",
                            crate::format::long_date_of(&r.valid_until, &page.locale),
                        )],
                    ),
                    Some(r) => page.locale.t_args(
                        "users-recognition-lapsed",
                        &[(
                            "date",
                            crate::format::long_date_of(&r.valid_until, &page.locale),
                        )],
                    ),
                    None => String::new(),
                },
                role: role_label(&page.locale, user.role),
                administration: user
                    .administration
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                name: user.name,
                email: user.email.to_string(),
            }
        })
        .collect();
    let notice = match (query.created, query.recognized, query.withdrawn) {
        (Some(email), _, _) => Some(page.locale.t_args("users-created", &[("email", email)])),
        (_, Some(_), _) => Some(page.locale.t("users-recognition-recorded")),
        (_, _, Some(_)) => Some(page.locale.t("users-recognition-withdrawn")),
        _ => None,
    };
    Ok(render(&UsersPage { page, rows, notice }))
}

pub struct RoleOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "user_new.html")]
pub struct NewUserPage {
    pub page: Page,
    /// (code, label, selected) of the optional sex field.
    pub sexes: Vec<(String, String, bool)>,
    pub roles: Vec<RoleOption>,
    pub email: String,
    pub name: String,
    pub administration: String,
}

fn new_user_page(context: &RequestContext, input: Option<&NewUserInput>) -> NewUserPage {
    let page = Page::new(context, "user-new-title");
    let selected = |code: &str| input.is_some_and(|i| i.role.trim() == code);
    let chosen_sex = input.map(|i| i.sex.trim().to_owned()).unwrap_or_default();
    NewUserPage {
        sexes: gedhub_core::programme::SEXES
            .iter()
            .map(|sex| {
                (
                    (*sex).to_owned(),
                    page.locale.t(&format!("user-sex-{sex}")),
                    *sex == chosen_sex,
                )
            })
            .collect(),
        roles: use_cases::ROLES
            .into_iter()
            .map(|role| RoleOption {
                code: role.as_str(),
                label: role_label(&page.locale, role),
                selected: selected(role.as_str()),
            })
            .collect(),
        email: input.map(|i| i.email.clone()).unwrap_or_default(),
        name: input.map(|i| i.name.clone()).unwrap_or_default(),
        administration: input.map(|i| i.administration.clone()).unwrap_or_default(),
        page,
    }
}

/// `GET /users/new` (Secretariat).
pub async fn new_user(signed_in: SignedIn, context: RequestContext) -> Result<Response> {
    use_cases::require_administrator(&signed_in.caller)?;
    Ok(render(&new_user_page(&context, None)))
}

#[derive(Deserialize)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub administration: String,
    pub password: String,
    /// Optional: `female`, `male`, `other` or `undisclosed`.
    #[serde(default)]
    pub sex: String,
}

/// `POST /users` (Secretariat): creates an account with an initial password.
pub async fn create_user(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(input): AppForm<NewUserInput>,
) -> Result<Response> {
    let account = NewAccountInput {
        email: input.email.clone(),
        name: input.name.clone(),
        role: input.role.clone(),
        administration: Some(input.administration.clone()),
        password: input.password.clone(),
        sex: input.sex.clone(),
    };
    let outcome = use_cases::create(state.store(), &signed_in.caller, account)
        .await
        .map_err(AppError::from);
    match outcome {
        Ok(user) => {
            let query =
                serde_urlencoded::to_string([("created", user.email.as_str())]).unwrap_or_default();
            Ok(Redirect::to(&format!("/users?{query}")).into_response())
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct RecognitionForm {
    pub recognized_on: String,
}

/// `POST /users/{user}/recognition` (Secretariat): records or renews an
/// expert's recognition as GED Expert from `recognized_on` (`YYYY-MM-DD`),
/// valid three years.
pub async fn record_recognition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    crate::extract::AppPath(user): crate::extract::AppPath<i64>,
    AppForm(form): AppForm<RecognitionForm>,
) -> Result<Response> {
    use_cases::require_administrator(&signed_in.caller)?;
    let recognized_on = chrono::NaiveDate::parse_from_str(form.recognized_on.trim(), "%Y-%m-%d")
        .map_err(|_| {
            AppError::Invalid(vec![gedhub_core::ValidationError::new(
                "recognized_on",
                "invalid_date",
            )])
        })?;
    // Records the recognition and issues its verifiable credential.
    crate::credentials::recognize(
        &state,
        &signed_in.actor(),
        gedhub_core::UserId(user),
        recognized_on,
    )
    .await?;
    Ok(Redirect::to("/users?recognized=1").into_response())
}

/// `POST /users/{user}/recognition/withdraw` (Secretariat).
pub async fn withdraw_recognition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    crate::extract::AppPath(user): crate::extract::AppPath<i64>,
) -> Result<Response> {
    use_cases::require_administrator(&signed_in.caller)?;
    // Withdraws the recognition and revokes its verifiable credential.
    crate::credentials::withdraw(&state, &signed_in.actor(), gedhub_core::UserId(user)).await?;
    Ok(Redirect::to("/users?withdrawn=1").into_response())
}
