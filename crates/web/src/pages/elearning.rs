//! E-learning (issue 6): the GED modules on the WCO's learning platform and
//! who completed them.
//!
//! Completions arrive three ways, each on this page or the LRS:
//! 1. the Secretariat imports the LMS's course-completion report (CSV or
//!    Excel) on a module's page: learners matched by e-mail, unmatched rows
//!    listed, a re-import changes nothing;
//! 2. the LMS sends xAPI statements to `/xapi/statements` with credentials the
//!    Secretariat issues here (`/elearning/lrs`);
//! 3. a participant uploads their e-certificate, which the Secretariat
//!    confirms or rejects.
//!
//! Access: every signed-in user sees the modules and their own completions
//! and uploads; the Secretariat manages modules, imports, certificates and
//! credentials (403 for anyone else); a certificate file is visible to its
//! owner and the Secretariat only (404 for anyone else).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gedhub_app::training::elearning::{
    self as use_cases, ModuleFields, ReportFailure, read_report,
};
use gedhub_core::elearning::CompletionReport;
use gedhub_core::{ValidationError, evidence};
use gedhub_store::elearning::{ImportOutcome, Module, NewCertificate};
use gedhub_store::files::FileStore;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath};
use crate::i18n::Locale;
use crate::pages::instruments::multipart_error;
use crate::state::AppState;
use crate::training_views::problem_text;
use crate::views::{Page, render};

/// Largest completion report or e-certificate accepted.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

pub struct ModuleRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub lms_course_id: String,
    pub activity_iri: String,
    pub completions: usize,
    /// The signed-in person's completion date, if any.
    pub my_completion: Option<String>,
    pub my_pending_certificate: bool,
}

pub struct CertificateRow {
    pub id: i64,
    pub module: String,
    pub person: String,
    pub email: String,
    pub completed_on: String,
    pub file_name: String,
    pub status: String,
    pub pending: bool,
}

#[derive(Template)]
#[template(path = "elearning.html")]
pub struct ElearningPage {
    pub page: Page,
    pub modules: Vec<ModuleRow>,
    pub is_secretariat: bool,
    pub certificates: Vec<CertificateRow>,
    pub today: String,
}

fn status_label(locale: &Locale, status: &str) -> String {
    locale.t(&format!("elearning-certificate-{status}"))
}

/// `GET /elearning`.
pub async fn list_modules(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let locale = &context.locale;
    let store = state.store();
    let is_secretariat = use_cases::may_manage(&signed_in.caller);
    let mine = store.completions_of(signed_in.user.id).await?;
    let certificates = use_cases::certificates(store, &signed_in.caller).await?;
    let modules = use_cases::modules(store).await?;
    let mut rows = Vec::new();
    for module in &modules {
        let completions = if is_secretariat {
            store.module_completions(module.id).await?.len()
        } else {
            0
        };
        rows.push(ModuleRow {
            id: module.id,
            code: module.code.clone(),
            title: module.title(&locale.code()).to_owned(),
            lms_course_id: module.lms_course_id.clone(),
            activity_iri: module.activity_iri.clone(),
            completions,
            my_completion: mine
                .iter()
                .find(|c| c.module_id == module.id)
                .map(|c| crate::format::stored_date(&c.completed_on, locale)),
            my_pending_certificate: certificates.iter().any(|c| {
                c.module_id == module.id && c.user_id == signed_in.user.id && c.status == "pending"
            }),
        });
    }
    let certificates = certificates
        .iter()
        .map(|c| CertificateRow {
            id: c.id,
            module: modules
                .iter()
                .find(|m| m.id == c.module_id)
                .map(|m| m.code.clone())
                .unwrap_or_default(),
            person: c.name.clone(),
            email: c.email.clone(),
            completed_on: crate::format::stored_date(&c.completed_on, locale),
            file_name: c.file_name.clone(),
            status: status_label(locale, &c.status),
            pending: c.status == "pending",
        })
        .collect();
    Ok(render(&ElearningPage {
        page: Page::new(&context, "elearning-title"),
        modules: rows,
        is_secretariat,
        certificates,
        today: state.today(),
    }))
}

#[derive(Debug, Deserialize)]
pub struct ModuleForm {
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub lms_course_id: String,
    pub activity_iri: String,
}

impl From<ModuleForm> for ModuleFields {
    fn from(form: ModuleForm) -> Self {
        ModuleFields {
            code: form.code,
            title_en: form.title_en,
            title_fr: form.title_fr,
            lms_course_id: form.lms_course_id,
            activity_iri: form.activity_iri,
        }
    }
}

/// `POST /elearning/modules` (Secretariat).
pub async fn create_module(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<ModuleForm>,
) -> Result<Response> {
    let module =
        use_cases::create_module(state.store(), &signed_in.caller, ModuleFields::from(form))
            .await?;
    Ok(Redirect::to(&format!("/elearning/modules/{}", module.id)).into_response())
}

pub struct CompletionRow {
    pub name: String,
    pub email: String,
    pub completed_on: String,
    pub source: String,
}

/// What the last import did, shown once on the module's page.
pub struct ImportSummary {
    /// Counts as sentences: rows read, recorded, already known, unmatched.
    pub lines: Vec<String>,
    pub unmatched: Vec<(usize, String)>,
    pub skipped: Vec<(usize, String, String)>,
}

#[derive(Template)]
#[template(path = "elearning_module.html")]
pub struct ModulePage {
    pub page: Page,
    pub module: Module,
    pub title: String,
    pub completions: Vec<CompletionRow>,
    pub summary: Option<ImportSummary>,
    pub error: Option<String>,
    pub problems: Vec<String>,
}

async fn module_page(
    state: &AppState,
    context: &RequestContext,
    module: Module,
) -> Result<ModulePage> {
    let locale = &context.locale;
    let completions = state
        .store()
        .module_completions(module.id)
        .await?
        .into_iter()
        .map(|c| CompletionRow {
            name: c.name,
            email: c.email,
            completed_on: crate::format::stored_date(&c.completed_on, locale),
            source: locale.t(&format!("elearning-source-{}", c.source.replace('_', "-"))),
        })
        .collect();
    Ok(ModulePage {
        page: Page::new(context, "elearning-title")
            .with_title(module.title(&locale.code()).to_owned()),
        title: module.title(&locale.code()).to_owned(),
        module,
        completions,
        summary: None,
        error: None,
        problems: Vec::new(),
    })
}

/// `GET /elearning/modules/{module}` (Secretariat).
pub async fn show_module(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(module_id): AppPath<i64>,
) -> Result<Response> {
    let module = use_cases::managed_module(state.store(), &signed_in.caller, module_id).await?;
    Ok(render(&module_page(&state, &context, module).await?))
}

/// The outcome of an import as the page shows it.
pub fn summary(
    report: &CompletionReport,
    outcome: ImportOutcome,
    locale: &Locale,
) -> ImportSummary {
    ImportSummary {
        lines: vec![
            locale.t_count("elearning-import-rows", report.rows),
            locale.t_count("elearning-import-recorded", outcome.recorded.len()),
            locale.t_count("elearning-import-already", outcome.already_recorded.len()),
            locale.t_count("elearning-import-unmatched", outcome.unmatched.len()),
        ],
        unmatched: outcome.unmatched,
        skipped: report
            .skipped
            .iter()
            .map(|s| {
                (
                    s.line,
                    s.email.clone(),
                    locale.t(&format!(
                        "elearning-skip-{}",
                        s.reason.as_str().replace('_', "-")
                    )),
                )
            })
            .collect(),
    }
}

/// `POST /elearning/modules/{module}/import` (Secretariat): the LMS's
/// completion report as a multipart `file`.
pub async fn import_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(module_id): AppPath<i64>,
    multipart: Multipart,
) -> Result<Response> {
    let module = use_cases::managed_module(state.store(), &signed_in.caller, module_id).await?;
    let (_, bytes) = crate::uploads::uploaded_file(multipart, "file", MAX_UPLOAD_BYTES).await?;
    if bytes.is_empty() {
        return Err(ValidationError::new("file", "required").into());
    }
    let locale = &context.locale;
    let mut page = module_page(&state, &context, module.clone()).await?;
    match read_report(&bytes, &module).await? {
        Ok(report) => {
            let sha = format!("{:x}", Sha256::digest(&bytes));
            let outcome =
                use_cases::import_report(state.store(), &signed_in.caller, &module, &report, &sha)
                    .await?;
            let mut page = module_page(&state, &context, module).await?;
            page.summary = Some(summary(&report, outcome, locale));
            Ok(render(&page))
        }
        Err(failure) => {
            match failure {
                ReportFailure::Table(error) => {
                    page.error = Some(crate::workbooks::describe_table_error(&error, locale));
                }
                ReportFailure::Problems(problems) => {
                    page.error = Some(locale.t_count("elearning-report-refused", problems.len()));
                    page.problems = problems.iter().map(|p| problem_text(locale, p)).collect();
                }
            }
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(page.render().map_err(AppError::internal)?),
            )
                .into_response())
        }
    }
}

/// `POST /elearning/modules/{module}/certificates`: a participant's own
/// e-certificate (`file`, optional `completed_on`, default today), for the
/// Secretariat to confirm; it replaces their pending one for the module.
pub async fn upload_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(module_id): AppPath<i64>,
    mut multipart: Multipart,
) -> Result<Response> {
    let module = use_cases::module(state.store(), module_id).await?;
    let mut file = None;
    let mut completed_on = String::new();
    let mut seen = 0;
    while let Some(field) = crate::uploads::next_part(&mut multipart, &mut seen).await? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("certificate").to_owned();
                file = Some((name, field.bytes().await.map_err(multipart_error)?.to_vec()));
            }
            Some("completed_on") => {
                completed_on = crate::uploads::field_text(field).await?;
            }
            _ => {}
        }
    }
    let mut problems = Vec::new();
    // Without a date, the certificate is taken as earned today.
    let completed_on = match completed_on.trim() {
        "" => state.today(),
        text => text.to_owned(),
    };
    let day = NaiveDate::parse_from_str(&completed_on, "%Y-%m-%d").ok();
    match day {
        None => problems.push(ValidationError::new("completed_on", "invalid_date")),
        Some(day) if day.to_string() > state.today() => {
            problems.push(ValidationError::new("completed_on", "date_in_future"));
        }
        Some(_) => {}
    }
    let (file_name, bytes) = match file.filter(|(_, bytes)| !bytes.is_empty()) {
        Some(file) => file,
        None => {
            problems.push(ValidationError::new("file", "required"));
            (String::new(), Vec::new())
        }
    };
    if bytes.len() > evidence::MAX_ATTACHMENT_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let file_name = evidence::clean_file_name(&file_name);
    let content_type = evidence::detect_content_type(&bytes, &file_name);
    if content_type.is_none() && !bytes.is_empty() {
        problems.push(ValidationError::new("file", "file_type_not_accepted"));
    }
    let (Some(day), Some(content_type), true) = (day, content_type, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let key = FileStore::new_key()?;
    state.files().put(&key, &bytes).await?;
    let certificate = NewCertificate {
        completed_on: day,
        file_name,
        content_type: content_type.to_owned(),
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: format!("{:x}", Sha256::digest(&bytes)),
        storage_key: key,
    };
    let replaced =
        use_cases::add_certificate(state.store(), &signed_in.caller, &module, &certificate).await?;
    if let Some(old_file) = replaced {
        // The replaced upload is personal data nobody needs any more.
        if let Err(error) = state.files().delete(&old_file).await {
            tracing::warn!(%error, "could not delete a replaced e-certificate");
        }
    }
    Ok(Redirect::to("/elearning#my-modules").into_response())
}

/// `GET /elearning/certificates/{certificate}`: the file, to its owner and
/// the Secretariat.
pub async fn download_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(certificate_id): AppPath<i64>,
) -> Result<Response> {
    let certificate =
        use_cases::certificate(state.store(), &signed_in.caller, certificate_id).await?;
    let bytes = state.files().get(&certificate.storage_key).await?;
    Ok(crate::views::download(
        bytes,
        &certificate.content_type,
        &certificate.file_name,
    ))
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    /// `confirm` or `reject`.
    pub decision: String,
}

/// `POST /elearning/certificates/{certificate}/decision` (Secretariat).
pub async fn decide_certificate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(certificate_id): AppPath<i64>,
    AppForm(form): AppForm<DecisionForm>,
) -> Result<Response> {
    use_cases::decide_certificate(
        state.store(),
        &signed_in.caller,
        certificate_id,
        &form.decision,
    )
    .await?;
    Ok(Redirect::to("/elearning#certificates").into_response())
}

pub struct CredentialRow {
    pub name: String,
    pub key: String,
    pub created_at: String,
}

#[derive(Template)]
#[template(path = "elearning_lrs.html")]
pub struct LrsPage {
    pub page: Page,
    pub credentials: Vec<CredentialRow>,
    /// Shown once, right after creation: (key, secret).
    pub issued: Option<(String, String)>,
    pub endpoint: String,
}

async fn lrs_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    issued: Option<(String, String)>,
) -> Result<LrsPage> {
    let credentials = use_cases::lrs_credentials(state.store(), &signed_in.caller)
        .await?
        .into_iter()
        .map(|c| CredentialRow {
            name: c.name,
            key: c.key,
            created_at: crate::format::stored_date(&c.created_at, &context.locale),
        })
        .collect();
    Ok(LrsPage {
        page: Page::new(context, "elearning-lrs-title"),
        credentials,
        issued,
        endpoint: "/xapi/".to_owned(),
    })
}

/// `GET /elearning/lrs` (Secretariat).
pub async fn show_lrs(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    Ok(render(&lrs_page(&state, &signed_in, &context, None).await?))
}

#[derive(Debug, Deserialize)]
pub struct CredentialForm {
    pub name: String,
}

/// `POST /elearning/lrs` (Secretariat): issues credentials and shows the
/// secret once.
pub async fn create_credential(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppForm(form): AppForm<CredentialForm>,
) -> Result<Response> {
    let (credential, secret) =
        use_cases::create_lrs_credential(state.store(), &signed_in.caller, &form.name).await?;
    let page = lrs_page(&state, &signed_in, &context, Some((credential.key, secret))).await?;
    let mut response = render(&page);
    // The secret is on this page only: never cached.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
