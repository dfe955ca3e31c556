//! E-learning (issue 6): modules, the LMS's completion reports, people's
//! own e-certificates and the LRS credentials; the use cases the pages and
//! `/api/v1/elearning-modules`, `/api/v1/lrs-credentials` share.
//!
//! Access: every signed-in user lists the modules and uploads their own
//! e-certificates; the Secretariat defines modules, imports reports,
//! decides on certificates and issues LRS credentials. An uploaded
//! certificate is its owner's and the Secretariat's to read (to anyone else
//! it does not exist).

use gedhub_core::ValidationError;
use gedhub_core::authz::training as policy;
use gedhub_core::elearning::{
    CompletionReport, ModuleDefinition, ReportProblem, read_completion_report,
};
use gedhub_core::tabular::{self, Limits, TableError};
use gedhub_store::Store;
use gedhub_store::elearning::{
    Certificate, ImportOutcome, LrsCredential, Module, ModuleCompletion, NewCertificate,
};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// Managing e-learning is the Secretariat's (`Forbidden` for others).
fn require_manager(caller: &Caller) -> Result<()> {
    caller.require(policy::may_manage_training(&caller.principal))
}

/// Whether the caller manages e-learning (the Secretariat).
pub fn may_manage(caller: &Caller) -> bool {
    policy::may_manage_training(&caller.principal)
}

// ----- modules --------------------------------------------------------------------

/// Every module (every signed-in user).
pub async fn modules(store: &Store) -> Result<Vec<Module>> {
    Ok(store.modules().await?)
}

/// A module, for the Secretariat (refused before it is looked up).
pub async fn managed_module(store: &Store, caller: &Caller, id: i64) -> Result<Module> {
    require_manager(caller)?;
    Ok(store.module(id).await?)
}

/// A module as typed.
#[derive(Debug, Clone, Default)]
pub struct ModuleFields {
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub lms_course_id: String,
    pub activity_iri: String,
}

impl TryFrom<ModuleFields> for ModuleDefinition {
    type Error = Problems;

    /// Checks a module; every problem at once.
    fn try_from(form: ModuleFields) -> std::result::Result<Self, Problems> {
        ModuleDefinition::new(
            &form.code,
            &form.title_en,
            &form.title_fr,
            &form.lms_course_id,
            &form.activity_iri,
        )
        .map_err(Problems::from_iter)
    }
}

/// Defines a module (the Secretariat; refused before the input is read).
pub async fn create_module(
    store: &Store,
    caller: &Caller,
    input: impl TryInto<ModuleDefinition, Error = Problems>,
) -> Result<Module> {
    require_manager(caller)?;
    let definition = input.try_into()?;
    Ok(store.create_module(&caller.actor, &definition).await?)
}

/// Who completed a module (the Secretariat).
pub async fn completions(
    store: &Store,
    caller: &Caller,
    id: i64,
) -> Result<(Module, Vec<ModuleCompletion>)> {
    let module = managed_module(store, caller, id).await?;
    let completions = store.module_completions(module.id).await?;
    Ok((module, completions))
}

// ----- completion reports -------------------------------------------------------------

/// Why a completion report was refused.
#[derive(Debug)]
pub enum ReportFailure {
    /// The file cannot be read as a table (the error names where).
    Table(TableError),
    Problems(Vec<ReportProblem>),
}

/// Reads an uploaded report (CSV or the first sheet of an .xlsx workbook,
/// within `Limits::DOCUMENT`), off the async workers: a large workbook
/// must not hold up other requests.
pub async fn read_report(
    bytes: &[u8],
    module: &Module,
) -> Result<std::result::Result<CompletionReport, ReportFailure>> {
    let bytes = bytes.to_vec();
    let course = module.lms_course_id.clone();
    tokio::task::spawn_blocking(move || {
        let rows = tabular::read_table(&bytes, &Limits::DOCUMENT).map_err(ReportFailure::Table)?;
        read_completion_report(&rows, &course).map_err(ReportFailure::Problems)
    })
    .await
    .map_err(|error| AppError::Internal(format!("reading a file: {error}")))
}

/// Records a read report's completions (the Secretariat); `sha256` names
/// the file, so that the same report imported twice is recognised.
pub async fn import_report(
    store: &Store,
    caller: &Caller,
    module: &Module,
    report: &CompletionReport,
    sha256: &str,
) -> Result<ImportOutcome> {
    require_manager(caller)?;
    Ok(store
        .import_completion_report(&caller.actor, module, report, sha256)
        .await?)
}

// ----- e-certificates --------------------------------------------------------------------

/// The certificates the caller lists: everyone's for the Secretariat, else
/// their own.
pub async fn certificates(store: &Store, caller: &Caller) -> Result<Vec<Certificate>> {
    Ok(store
        .certificates(policy::certificates_of(&caller.principal))
        .await?)
}

/// The module a signed-in user uploads their own e-certificate for.
pub async fn module(store: &Store, id: i64) -> Result<Module> {
    Ok(store.module(id).await?)
}

/// Records the caller's own e-certificate for a module (its file already
/// stored under its key), for the Secretariat to confirm; it replaces
/// their pending one. Returns the replaced file's key, for the edge to
/// delete: nobody needs that personal data any more.
pub async fn add_certificate(
    store: &Store,
    caller: &Caller,
    module: &Module,
    certificate: &NewCertificate,
) -> Result<Option<String>> {
    let (_, replaced) = store
        .add_certificate(&caller.actor, module, caller.user_id, certificate)
        .await?;
    Ok(replaced)
}

/// An uploaded certificate, to its owner and the Secretariat (`NotFound`
/// for anyone else).
pub async fn certificate(store: &Store, caller: &Caller, id: i64) -> Result<Certificate> {
    let certificate = store.certificate(id).await?;
    if !policy::may_read_certificate(&caller.principal, certificate.user_id) {
        return Err(AppError::NotFound);
    }
    Ok(certificate)
}

/// Confirms (`confirm`) or rejects (`reject`) an uploaded certificate (the
/// Secretariat).
pub async fn decide_certificate(
    store: &Store,
    caller: &Caller,
    id: i64,
    decision: &str,
) -> Result<()> {
    require_manager(caller)?;
    let confirm = match decision {
        "confirm" => true,
        "reject" => false,
        _ => return Err(ValidationError::new("decision", "unknown_certificate_decision").into()),
    };
    let certificate = store.certificate(id).await?;
    Ok(store
        .decide_certificate(&caller.actor, &certificate, confirm)
        .await?)
}

// ----- LRS credentials ---------------------------------------------------------------------

/// The LRS credentials issued (the Secretariat).
pub async fn lrs_credentials(store: &Store, caller: &Caller) -> Result<Vec<LrsCredential>> {
    require_manager(caller)?;
    Ok(store.lrs_credentials().await?)
}

/// Issues LRS credentials named `name` (the Secretariat); the secret is
/// returned once, never stored in clear.
pub async fn create_lrs_credential(
    store: &Store,
    caller: &Caller,
    name: &str,
) -> Result<(LrsCredential, String)> {
    require_manager(caller)?;
    Ok(store.create_lrs_credential(&caller.actor, name).await?)
}
