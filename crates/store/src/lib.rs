//! gedhub's storage: one code base for the embedded SQLite database and for
//! PostgreSQL, chosen by the URL.
//!
//! Policy:
//! - every SQL statement of the project lives in this crate, written once in the
//!   dialect both backends accept (`$1` placeholders, `returning`, text
//!   timestamps), through sqlx's `Any` driver;
//! - only the DDL differs, so there is one migrations folder per backend;
//! - every change to data writes its audit entry in the same transaction;
//! - functions that read a Member administration's data take the caller's
//!   [`gedhub_core::Scope`] explicitly;
//! - a statement that may bind a NULL `f64` runs with `.persistent(false)`.
//!   sqlx 0.9.0's `Any` driver sends a NULL `f64` to PostgreSQL typed as a
//!   4-byte `real` (its `Real`/`Double` kinds are swapped for NULLs), so a
//!   cached statement first run with a NULL is declared with a `real`
//!   parameter and a later 8-byte value for it fails ("incorrect binary data
//!   format"). Uncached, each execution is prepared with its own types.

pub mod account_setup;
pub mod administrations;
pub mod agenda;
pub mod assessments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod credentials;
pub mod dashboard;
pub mod demo;
mod demo_ktests;
pub mod elearning;
mod error;
pub mod experts;
pub mod files;
pub mod inquiries;
pub mod instruments_shipped;
pub mod ktests;
pub mod lrs;
pub mod missions;
pub mod notifications;
pub mod pathway;
pub mod plans;
pub mod practices;
pub mod programme;
pub mod releases;
mod scope;
pub mod surveys;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod training;
pub mod users;
pub mod workforce;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

pub use audit::Actor;
pub use clock::Timestamp;
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The handle every part of gedhub uses to reach the database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    instruments: assessments::InstrumentCache,
    /// Statement writes under way, for the LRS's consistent-through instant.
    pending_writes: lrs::PendingWrites,
}

pub(crate) static SQLITE_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `url`: `sqlite://path/to/file.db` (created when missing) or
    /// `postgres://user@host/db`. SQLite runs in WAL mode with foreign keys on,
    /// and reads through a memory map of up to 256 MB (pages shared with the
    /// operating system's cache rather than copied into each connection).
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let max_connections = match backend {
            // SQLite serialises writers anyway; a few readers are enough.
            Backend::Sqlite => 8,
            Backend::Postgres => 10,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        connection
                            .execute(
                                "pragma journal_mode = wal; pragma foreign_keys = on; \
                                 pragma busy_timeout = 5000; pragma synchronous = normal; \
                                 pragma mmap_size = 268435456;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            backend,
            instruments: assessments::InstrumentCache::default(),
            pending_writes: lrs::PendingWrites::default(),
        })
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers whether the database can be reached (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a transaction that will write. On SQLite it takes the write
    /// lock at once (`begin immediate`), so that a transaction that reads
    /// first cannot fail when it later writes while another connection wrote
    /// in between; PostgreSQL uses row locks instead.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("begin immediate").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(crate) fn instrument_cache(&self) -> &assessments::InstrumentCache {
        &self.instruments
    }

    pub(crate) fn pending_writes(&self) -> &lrs::PendingWrites {
        &self.pending_writes
    }
}
