//! How a use case fails, independent of how the failure is shown.
//!
//! The web edge maps each variant to its status and envelope in one place
//! (`From<gedhub_app::AppError>` in `crates/web/src/error.rs`); the CLI
//! prints it.

use gedhub_core::ValidationError;
use gedhub_store::StoreError;

/// Every way a use case can fail.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or not the caller's to see: the two are not told apart,
    /// so another administration's data cannot be probed.
    #[error("not found")]
    NotFound,
    /// The caller sees the thing but their role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The state forbids it (e.g. `plan_closed`) or a uniqueness rule would
    /// break; `code` is stable and translated at the edge.
    #[error("conflict: {code}")]
    Conflict { code: &'static str },
    /// The input was refused; every problem is listed with its field, so a
    /// form can be shown again with each message at its place and the API
    /// can answer with one error per field.
    #[error("invalid: {0}")]
    Invalid(Problems),
    /// Something broke underneath (database, file store); logged, never
    /// shown.
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The problems found in one input, in the order they were found. Each is
/// core's [`ValidationError`]: a field and a stable code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<ValidationError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: ValidationError) {
        self.0.push(problem);
    }

    /// Keeps the value when it is valid, records the problem otherwise:
    /// lets an input check every field before giving up.
    pub fn check<T>(&mut self, result: Result<T, ValidationError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.push(problem);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &ValidationError> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<ValidationError> {
        self.0
    }
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&list.join(", "))
    }
}

impl Extend<ValidationError> for Problems {
    fn extend<I: IntoIterator<Item = ValidationError>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl FromIterator<ValidationError> for Problems {
    fn from_iter<I: IntoIterator<Item = ValidationError>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl From<ValidationError> for Problems {
    fn from(problem: ValidationError) -> Self {
        Self(vec![problem])
    }
}

impl From<Problems> for AppError {
    fn from(problems: Problems) -> Self {
        AppError::Invalid(problems)
    }
}

impl From<ValidationError> for AppError {
    fn from(problem: ValidationError) -> Self {
        AppError::Invalid(problem.into())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(code) => AppError::Conflict { code },
            StoreError::Invalid(problem) => problem.into(),
            other => AppError::Internal(other.to_string()),
        }
    }
}
