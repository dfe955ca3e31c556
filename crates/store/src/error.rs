use gedhub_core::ValidationError;

/// What can go wrong in storage. The web edge maps these to HTTP answers.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or is outside the caller's scope).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule would be broken; the payload is a stable code such as
    /// `email_taken`.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A value read or given does not make sense.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The database URL names an engine gedhub does not support.
    #[error("the database URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    /// A backup file that cannot be restored.
    #[error("backup file: {0}")]
    Backup(String),
    /// A backup file whose content was refused, with every problem found
    /// (table, row, column); nothing was changed.
    #[error("{}", describe_backup_problems(.0))]
    BackupRefused(Vec<crate::backup::BackupProblem>),
    /// The data shipped inside gedhub (e.g. the Members list) is unreadable.
    #[error("shipped data: {0}")]
    ShippedData(String),
    /// The file store failed (disk full, permissions...).
    #[error("file storage: {0}")]
    Files(String),
    /// The operating system gave no secure random bytes.
    #[error("no secure randomness: {0}")]
    Randomness(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// Turns a unique-constraint violation into [`StoreError::Conflict`] with
    /// the given code; other errors pass through.
    pub(crate) fn on_unique(code: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(code),
            _ => StoreError::Database(error),
        }
    }
}

/// The message of [`StoreError::BackupRefused`]: one problem per line, at
/// most 100 (then how many more).
fn describe_backup_problems(problems: &[crate::backup::BackupProblem]) -> String {
    const SHOWN: usize = 100;
    let mut text = format!(
        "the backup was refused and nothing was changed; {} problem{}:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for problem in problems.iter().take(SHOWN) {
        text.push_str("\n  ");
        text.push_str(&problem.to_string());
    }
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  ... and {} more", problems.len() - SHOWN));
    }
    text
}
