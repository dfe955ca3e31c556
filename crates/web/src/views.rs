//! Page templates (askama, in `templates/`) and what they are given.
//!
//! Templates receive ready-to-print, already translated strings; askama
//! escapes everything. Every page extends `base.html`, which draws the header,
//! navigation, language switcher and sign-out button from [`Page`].

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gedhub_core::authz::menu::{MenuItem, menu};
use gedhub_core::{Region, Role};

use crate::context::RequestContext;
use crate::error::AppError;
use crate::i18n::{self, Locale};

/// A link of the main navigation.
pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
    /// A count shown beside the label (unread notifications), with the words
    /// a screen reader says for it.
    pub badge: Option<(String, String)>,
}

/// A language offered by the switcher.
pub struct LanguageChoice {
    pub code: String,
    pub name: String,
    pub current: bool,
}

/// What every page needs: language, user, navigation.
pub struct Page {
    pub locale: Locale,
    pub lang: String,
    pub dir: &'static str,
    pub title: String,
    pub user_name: Option<String>,
    pub user_role: Option<String>,
    pub nav: Vec<NavLink>,
    pub languages: Vec<LanguageChoice>,
    /// Where the language switcher sends the user back to.
    pub return_to: String,
}

impl Page {
    pub fn new(context: &RequestContext, title_key: &str) -> Self {
        let locale = context.locale.clone();
        let path = context.path.split('?').next().unwrap_or("/").to_owned();
        let nav = context
            .user
            .as_ref()
            .map(|user| navigation(&locale, user, &path, context.unread_notifications))
            .unwrap_or_default();
        let languages = i18n::available()
            .into_iter()
            .map(|choice| LanguageChoice {
                name: choice.t("language-name"),
                current: choice.code() == locale.code(),
                code: choice.code(),
            })
            .collect();
        Self {
            title: locale.t(title_key),
            lang: locale.code(),
            dir: locale.direction(),
            user_name: context.user.as_ref().map(|u| u.name.clone()),
            user_role: context.user.as_ref().map(|u| role_label(&locale, u.role)),
            nav,
            languages,
            return_to: path,
            locale,
        }
    }

    /// A stored timestamp (UTC) to the minute, as the page's language writes it.
    pub fn date_time(&self, stored: &str) -> String {
        crate::format::stored_date_time(stored, &self.locale)
    }

    /// Translation of `key` in the page's language (used by the templates).
    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    pub fn with_title(mut self, title: String) -> Self {
        self.title = title;
        self
    }
}

/// Where a menu item leads and its label's key.
fn menu_link(item: MenuItem) -> (String, &'static str) {
    let fixed = |href: &str, key| (href.to_owned(), key);
    match item {
        MenuItem::Dashboard => fixed("/dashboard", "nav-dashboard"),
        MenuItem::MyAdministration(code) => {
            (format!("/administrations/{code}"), "nav-my-administration")
        }
        MenuItem::Assessments => fixed("/assessments", "nav-assessments"),
        MenuItem::Workforce => fixed("/workforce", "nav-workforce"),
        MenuItem::Plans => fixed("/plans", "nav-plans"),
        MenuItem::Workshops => fixed("/workshops", "nav-workshops"),
        MenuItem::Elearning => fixed("/elearning", "nav-elearning"),
        MenuItem::TrainingRecord(me) => (format!("/training/{}", me.0), "nav-record"),
        MenuItem::Candidates => fixed("/candidates", "nav-candidates"),
        MenuItem::SupportRequests => fixed("/support-requests", "nav-support"),
        MenuItem::Programme => fixed("/programme", "nav-programme"),
        MenuItem::ProgrammePosition => fixed("/programme/position", "nav-programme-position"),
        MenuItem::Pathway(me) => (format!("/candidates/{}", me.0), "nav-pathway"),
        MenuItem::Missions => fixed("/missions", "nav-missions"),
        MenuItem::ExpertProfile => fixed("/account/expert-profile", "nav-expert-profile"),
        MenuItem::Practices => fixed("/practices", "nav-practices"),
        MenuItem::Administrations => fixed("/administrations", "nav-administrations"),
        MenuItem::Instruments => fixed("/instruments", "nav-instruments"),
        MenuItem::Users => fixed("/users", "nav-users"),
        MenuItem::Audit => fixed("/audit", "nav-audit"),
        MenuItem::Inquiries => fixed("/inquiries", "nav-inquiries"),
        MenuItem::Notifications => fixed("/notifications", "nav-notifications"),
        MenuItem::Account => fixed("/account", "nav-account"),
    }
}

fn navigation(
    locale: &Locale,
    user: &gedhub_store::users::User,
    path: &str,
    unread: i64,
) -> Vec<NavLink> {
    let principal = gedhub_core::Principal {
        user_id: user.id,
        role: user.role,
        administration: user.administration.clone(),
    };
    let links: Vec<(String, &str)> = menu(&principal).into_iter().map(menu_link).collect();
    // The most specific link that prefixes the path is the current one.
    let current = links
        .iter()
        .filter(|(href, _)| path == href || path.starts_with(&format!("{href}/")))
        .max_by_key(|(href, _)| href.len())
        .map(|(href, _)| href.clone());
    links
        .into_iter()
        .map(|(href, key)| NavLink {
            current: Some(&href) == current.as_ref(),
            label: locale.t(key),
            badge: (key == "nav-notifications" && unread > 0).then(|| {
                let count = usize::try_from(unread).unwrap_or(usize::MAX);
                (
                    crate::format::integer(unread, locale),
                    locale.t_count("nav-unread", count),
                )
            }),
            href,
        })
        .collect()
}

pub fn role_label(locale: &Locale, role: Role) -> String {
    locale.t(&format!("role-{}", role.as_str()))
}

pub fn region_label(locale: &Locale, region: Region) -> String {
    locale.t(&format!("region-{}", region.as_str()))
}

/// The readable text of an error code, naming the field when there is one.
pub fn error_detail(locale: &Locale, code: &str, field: Option<&str>) -> String {
    let key = format!("error-{code}");
    let message = if locale.has(&key) {
        locale.t(&key)
    } else {
        locale.t("error-bad_request")
    };
    match field {
        Some(field) if locale.has(&format!("field-{field}")) => locale.t_args(
            "error-with-field",
            &[
                ("field", locale.t(&format!("field-{field}"))),
                ("message", message),
            ],
        ),
        _ => message,
    }
}

/// A file sent as a download (never displayed inline by the browser).
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Response {
    render_with_status(StatusCode::OK, template)
}

pub fn render_with_status(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => AppError::internal(format!("template: {error}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub status: u16,
    pub heading: String,
    pub problems: Vec<String>,
}

/// The page shown for an error in the user's language.
pub fn error_page(
    status: StatusCode,
    locale: &Locale,
    context: Option<&RequestContext>,
    problems: &[(String, String)],
) -> Response {
    let fallback = RequestContext {
        user: None,
        session_secret: None,
        locale: locale.clone(),
        path: "/".to_owned(),
        client_address: String::new(),
        now: gedhub_store::Timestamp::now(),
        unread_notifications: 0,
    };
    let context = context.unwrap_or(&fallback);
    let heading_key = match status {
        StatusCode::NOT_FOUND => "error-page-not-found",
        StatusCode::FORBIDDEN => "error-page-forbidden",
        status if status.is_server_error() => "error-page-internal",
        _ => "error-page-bad-request",
    };
    let page = Page::new(context, heading_key);
    let template = ErrorPage {
        heading: page.title.clone(),
        status: status.as_u16(),
        problems: problems.iter().map(|(_, detail)| detail.clone()).collect(),
        page,
    };
    let mut response = render_with_status(status, &template);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// Whether an error is the user's to fix on the page they sent (a value
/// refused, or a rule of the workflow), so the page is shown again with
/// the problems rather than replaced by an error page.
pub fn is_user_error(error: &AppError) -> bool {
    matches!(error, AppError::Invalid(_) | AppError::Conflict(_))
}

/// The readable problems of such an error, in `locale`.
pub fn user_error_messages(locale: &Locale, error: &AppError) -> Vec<String> {
    match error {
        AppError::Invalid(problems) => problems
            .iter()
            .map(|p| error_detail(locale, p.code, Some(p.field)))
            .collect(),
        AppError::Conflict(code) => vec![error_detail(locale, code, None)],
        _ => vec![error_detail(locale, "bad_request", None)],
    }
}

/// One problem of a refused form, as its page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormProblem {
    /// The form field it belongs to (its `name`), if any.
    pub field: Option<String>,
    /// The `id` of the field's element, for the summary's link and the
    /// field's `aria-describedby`; empty for a problem of the whole form.
    pub anchor: String,
    pub message: String,
}

/// A refused form's problems: each shown next to its field and all of
/// them in a summary at the top whose items link to the fields, so that a
/// refused form is the same page with the user's input kept, never a
/// dead-end error page. `anchor` maps a field's name to its element's id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormProblems {
    problems: Vec<FormProblem>,
}

impl FormProblems {
    pub fn new(locale: &Locale, error: &AppError, anchor: impl Fn(&str) -> String) -> Self {
        let problems = match error {
            AppError::Invalid(problems) => problems
                .iter()
                .map(|p| FormProblem {
                    field: Some(p.field.to_owned()),
                    anchor: anchor(p.field),
                    message: error_detail(locale, p.code, Some(p.field)),
                })
                .collect(),
            other => user_error_messages(locale, other)
                .into_iter()
                .map(|message| FormProblem {
                    field: None,
                    anchor: String::new(),
                    message,
                })
                .collect(),
        };
        Self { problems }
    }

    /// Problems already placed (see [`crate::refused_forms`]).
    pub fn from_problems(problems: Vec<FormProblem>) -> Self {
        Self { problems }
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every problem, in the order found, for the summary.
    pub fn all(&self) -> &[FormProblem] {
        &self.problems
    }

    /// The message(s) for `field`, for the text next to it.
    pub fn at(&self, field: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .problems
            .iter()
            .filter(|p| p.field.as_deref() == Some(field))
            .map(|p| p.message.as_str())
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }
}

/// Every administration's name in the reader's language, by code, for
/// pages that list several Members: people read "Benin", not "BJ".
pub struct AdministrationNames(std::collections::HashMap<String, String>);

impl AdministrationNames {
    pub async fn load(
        state: &crate::state::AppState,
        locale: &Locale,
    ) -> crate::error::Result<Self> {
        let language = locale.code();
        Ok(Self(
            state
                .store()
                .administrations(&gedhub_store::administrations::AdministrationFilter::default())
                .await?
                .into_iter()
                .map(|a| (a.code.as_str().to_owned(), a.name(&language).to_owned()))
                .collect(),
        ))
    }

    /// The name of the administration `code`, if gedhub knows it.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.0.get(code).map(String::as_str)
    }

    /// The name of the administration `code`, or the code if it has none.
    pub fn of(&self, code: &str) -> String {
        self.get(code).unwrap_or(code).to_owned()
    }
}
