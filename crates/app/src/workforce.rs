//! Workforce statistics: the use cases that the workforce pages and the
//! `/api/v1/workforce` endpoints share.
//!
//! Access (core's policy, `gedhub_core::authz::workforce`): the Secretariat
//! and the focal points of the administration; for anyone else an
//! administration's workforce data does not exist (`NotFound`). Only
//! protected figures leave this module
//! (`gedhub_core::disclosure::workforce::ProtectedReport`): no reader, not
//! even the Secretariat, gets what the disclosure rules withhold.

use gedhub_core::AdministrationCode;
use gedhub_core::authz::workforce::{self as policy, WorkforceHome};
use gedhub_core::disclosure::MIN_WORKERS;
use gedhub_core::disclosure::workforce::ProtectedReport;
use gedhub_core::workforce::{ExtractError, ReportOptions, WorkforceReport, report_from_file};
use gedhub_core::{Scope, ValidationError};
use gedhub_store::Store;
use gedhub_store::StoreError;
use gedhub_store::workforce::{NewWorkforceReport, StoredWorkforceReport, WorkforceReportStamp};
use sha2::{Digest, Sha256};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

// ----- access ------------------------------------------------------------------

/// An administration whose workforce data the caller may see and upload.
/// Only [`administration`] makes one, so holding it is the proof of access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkforceAdministration(AdministrationCode);

impl WorkforceAdministration {
    pub fn code(&self) -> &AdministrationCode {
        &self.0
    }
}

impl std::fmt::Display for WorkforceAdministration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The administration `code` (as in an address), if it exists and the
/// caller may see its workforce data; `NotFound` otherwise.
pub async fn administration(
    store: &Store,
    caller: &Caller,
    code: &str,
) -> Result<WorkforceAdministration> {
    let code = AdministrationCode::parse(code).map_err(|_| AppError::NotFound)?;
    if !policy::may_see_workforce(&caller.principal, &code) {
        return Err(AppError::NotFound);
    }
    store.administration(&caller.scope, &code).await?;
    Ok(WorkforceAdministration(code))
}

/// Where `/workforce` takes the caller: a focal point to their own
/// administration, the Secretariat to the one it asks for (`requested`,
/// any case) or, asking none, to the choice (`None`); anyone else is
/// refused.
pub async fn home(
    store: &Store,
    caller: &Caller,
    requested: Option<&str>,
) -> Result<Option<WorkforceAdministration>> {
    match policy::workforce_home(&caller.principal) {
        WorkforceHome::Refused => Err(AppError::Forbidden),
        WorkforceHome::Own(own) => {
            let own = own.as_ref().map(AdministrationCode::as_str).unwrap_or("");
            administration(store, caller, own).await.map(Some)
        }
        WorkforceHome::Choose => match requested.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => administration(store, caller, &code.to_ascii_uppercase())
                .await
                .map(Some),
            None => Ok(None),
        },
    }
}

// ----- reading -------------------------------------------------------------------

/// Who reported which years (code, years), for the Secretariat's choice.
pub async fn reporting(store: &Store, caller: &Caller) -> Result<Vec<(String, Vec<i32>)>> {
    caller.require_secretariat()?;
    Ok(store.workforce_reporting().await?)
}

/// An administration's stored reporting years, oldest first, each with its
/// protected figures.
pub async fn years(
    store: &Store,
    administration: &WorkforceAdministration,
) -> Result<Vec<(StoredWorkforceReport, ProtectedReport)>> {
    Ok(store
        .workforce_reports(&Scope::All, administration.code())
        .await?
        .into_iter()
        .map(|stored| {
            let protected = ProtectedReport::protect(stored.report.clone());
            (stored, protected)
        })
        .collect())
}

/// A stored report and its protected figures (a report stored before
/// disclosure control is protected here too); `NotFound` for a year that
/// is not a number or not stored.
pub async fn report(
    store: &Store,
    caller: &Caller,
    code: &str,
    year: &str,
) -> Result<(
    WorkforceAdministration,
    StoredWorkforceReport,
    ProtectedReport,
)> {
    let administration = administration(store, caller, code).await?;
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    let stored = store
        .workforce_report(&caller.scope, administration.code(), year)
        .await?;
    let protected = ProtectedReport::protect(stored.report.clone());
    Ok((administration, stored, protected))
}

// ----- uploading an extract -------------------------------------------------------

/// The upload form's values, as typed.
#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    pub year: Option<String>,
    pub min_group: Option<String>,
    pub skip_invalid: bool,
    /// The user confirmed replacing the year's existing report.
    pub replace: bool,
    pub file: Option<Vec<u8>>,
}

/// An extract to compute: its options checked, the file present.
#[derive(Debug, Clone)]
pub struct Upload {
    pub options: ReportOptions,
    /// Replace the year's report if there is one (else such an upload is
    /// [`UploadOutcome::Exists`]).
    pub replace: bool,
    pub file: Vec<u8>,
}

impl TryFrom<UploadForm> for Upload {
    type Error = Problems;

    /// Every problem at once: the year (1950–2100), the smallest group
    /// shown (never below the disclosure floor: stored reports are shown to
    /// others; only the command line, on its user's own file, may go
    /// lower) and the file.
    fn try_from(form: UploadForm) -> Result<Self, Problems> {
        let mut problems = Problems::new();
        let year = form
            .year
            .as_deref()
            .map(str::trim)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (1950..=2100).contains(y));
        if year.is_none() {
            problems.push(ValidationError::new("year", "invalid_year"));
        }
        let min_group = match form.min_group.as_deref().map(str::trim) {
            None | Some("") => Some(ReportOptions::DEFAULT_MIN_GROUP),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (MIN_WORKERS..=1000).contains(n)),
        };
        if min_group.is_none() {
            problems.push(ValidationError::new("min_group", "invalid_min_group"));
        }
        let file = form.file.filter(|bytes| !bytes.is_empty());
        if file.is_none() {
            problems.push(ValidationError::new("file", "required"));
        }
        match (year, min_group, file) {
            (Some(reference_year), Some(min_group), Some(file)) if problems.is_empty() => {
                Ok(Upload {
                    options: ReportOptions {
                        reference_year,
                        min_group,
                        skip_invalid: form.skip_invalid,
                    },
                    replace: form.replace,
                    file,
                })
            }
            _ => Err(problems),
        }
    }
}

/// What became of an extract.
#[derive(Debug)]
pub enum UploadOutcome {
    /// Computed and stored: the protected report.
    Stored(Box<WorkforceReport>),
    /// Not computed (unreadable, or bad rows refused whole); nothing stored.
    Refused(ExtractError),
    /// The year has a report and replacing it was not confirmed: nothing
    /// computed or stored. When and by whom the existing one was computed.
    Exists(WorkforceReportStamp),
}

/// Computes an extract's statistics and stores the protected report with
/// the file's checksum; the file itself is dropped. A year that already has
/// a report is replaced only when the upload says so (`replace`);
/// otherwise nothing is computed and the existing report is described.
pub async fn upload(
    store: &Store,
    caller: &Caller,
    administration: &WorkforceAdministration,
    upload: Upload,
) -> Result<UploadOutcome> {
    let Upload {
        options,
        replace,
        file,
    } = upload;
    let year = options.reference_year;
    let existing = || store.workforce_report_stamp(&caller.scope, administration.code(), year);
    if !replace && let Some(stamp) = existing().await? {
        return Ok(UploadOutcome::Exists(stamp));
    }
    // Hashing and computing a 120 MB file both take a while: off the async workers.
    let (checksum, outcome) = tokio::task::spawn_blocking(move || {
        (
            format!("{:x}", Sha256::digest(&file)),
            report_from_file(&file, &options),
        )
    })
    .await
    .map_err(|error| AppError::Internal(format!("workforce computation: {error}")))?;
    let report = match outcome {
        Ok(report) => ProtectedReport::protect(report).report().clone(),
        Err(error) => return Ok(UploadOutcome::Refused(error)),
    };
    let new = NewWorkforceReport {
        administration: administration.code(),
        report: &report,
        file_sha256: &checksum,
        // Every data row the engine read: the workers counted plus those left out.
        rows_read: report.workers.total + report.rejected_rows,
        min_group: report
            .categories
            .first()
            .map_or(ReportOptions::DEFAULT_MIN_GROUP, |c| c.min_group),
    };
    if replace {
        store.save_workforce_report(&caller.actor, &new).await?;
    } else {
        // Someone may have stored the year while this one was computed.
        match store.add_workforce_report(&caller.actor, &new).await {
            Err(StoreError::Conflict(_)) => {
                if let Some(stamp) = existing().await? {
                    return Ok(UploadOutcome::Exists(stamp));
                }
                return Err(AppError::Conflict {
                    code: "workforce_report_exists",
                });
            }
            other => other?,
        }
    }
    Ok(UploadOutcome::Stored(Box::new(report)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_form_lists_every_problem() {
        let problems = Upload::try_from(UploadForm {
            year: Some("1900".into()),
            min_group: Some("2".into()),
            skip_invalid: false,
            replace: false,
            file: Some(Vec::new()),
        })
        .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["year", "min_group", "file"]);
    }

    #[test]
    fn the_smallest_group_defaults_and_never_goes_below_the_floor() {
        let form = UploadForm {
            year: Some(" 2024 ".into()),
            min_group: None,
            skip_invalid: true,
            replace: false,
            file: Some(b"x".to_vec()),
        };
        let upload = Upload::try_from(form.clone()).expect("valid");
        assert_eq!(upload.options.reference_year, 2024);
        assert_eq!(upload.options.min_group, ReportOptions::DEFAULT_MIN_GROUP);
        assert!(upload.options.skip_invalid);
        let below = UploadForm {
            min_group: Some((MIN_WORKERS - 1).to_string()),
            ..form
        };
        assert!(Upload::try_from(below).is_err());
    }
}
