//! Fresh, migrated databases for tests.
//!
//! By default each test gets its own SQLite file in a temporary folder. When
//! `GEDHUB_TEST_POSTGRES_URL` names a PostgreSQL server (an admin URL such as
//! `postgres://postgres@127.0.0.1:55432/postgres`), each test gets its own
//! new database there instead, so the same tests run against both backends.

use sqlx::{Connection, Executor};

use crate::Store;

/// A database that exists for one test.
pub struct TestDatabase {
    pub store: Store,
    /// The URL, to open a second connection pool (a "second server").
    pub url: String,
    _folder: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// The number of rows in `table` (one of this database's tables), for
    /// tests that check what a refused request left behind.
    ///
    /// # Panics
    /// When `table` is not a table of the schema.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let tables = self.store.table_names().await.expect("the table names");
        assert!(
            tables.iter().any(|name| name == table),
            "{table} is not a table"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "select count(*) as n from {table}"
        )))
        .fetch_one(self.store.pool())
        .await
        .expect("count the rows");
        sqlx::Row::try_get(&row, "n").expect("a count")
    }
}

impl TestDatabase {
    /// Runs one statement of a test's own (e.g. to change the schema and
    /// see a check notice).
    ///
    /// # Panics
    /// When the statement fails.
    pub async fn execute(&self, sql: &str) {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(self.store.pool())
            .await
            .expect("the test's statement");
    }
}

/// The PostgreSQL admin URL, when the tests should run on PostgreSQL.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("GEDHUB_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// Creates and migrates a fresh database: on PostgreSQL when
/// `GEDHUB_TEST_POSTGRES_URL` is set, on SQLite otherwise.
///
/// # Panics
/// When the database cannot be created: a test cannot run without it.
pub async fn test_database() -> TestDatabase {
    match postgres_admin_url() {
        Some(admin_url) => postgres_test_database(&admin_url).await,
        None => sqlite_test_database().await,
    }
}

/// Creates and migrates a fresh SQLite database in a temporary folder,
/// whatever the environment says (for tests that compare the two engines).
///
/// # Panics
/// When the database cannot be created.
pub async fn sqlite_test_database() -> TestDatabase {
    sqlx::any::install_default_drivers();
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("test.db").display());
    let store = Store::connect(&url).await.expect("open the test database");
    store.migrate().await.expect("migrate the test database");
    TestDatabase {
        store,
        url,
        _folder: Some(folder),
    }
}

/// Creates and migrates a fresh database on the PostgreSQL server that
/// `admin_url` names (see [`postgres_admin_url`]).
///
/// # Panics
/// When the database cannot be created.
pub async fn postgres_test_database(admin_url: &str) -> TestDatabase {
    sqlx::any::install_default_drivers();
    let name = format!(
        "gedhub_test_{}",
        &crate::auth::new_secret().expect("randomness")[..16]
    );
    let mut admin = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute(sqlx::AssertSqlSafe(format!("create database {name}")))
        .await
        .expect("create a test database");
    admin.close().await.ok();
    let (base, _) = admin_url
        .split('?')
        .next()
        .and_then(|url| url.rsplit_once('/'))
        .expect("the admin URL names a database");
    let url = format!("{base}/{name}");
    let store = Store::connect(&url)
        .await
        .expect("connect to the test database");
    store.migrate().await.expect("migrate the test database");
    TestDatabase {
        store,
        url,
        _folder: None,
    }
}

impl TestDatabase {
    /// Replaces the stored JWT of a credential: to stand for a credential
    /// an older gedhub issued (e.g. in the pre-2024 `vc` claim form).
    ///
    /// # Panics
    /// When the update fails.
    pub async fn set_credential_jwt(&self, id: &str, jwt: &str) {
        sqlx::query("update credentials set jwt = $1 where id = $2")
            .bind(jwt.to_owned())
            .bind(id.to_owned())
            .execute(self.store.pool())
            .await
            .expect("credential updated");
    }
}

/// Moves an assessment's validation to `at` (see the demo), for tests of
/// published periods: as if it had been validated then.
pub async fn backdate_validation(store: &Store, assessment_id: i64, at: &str) -> crate::Result<()> {
    store.backdate_validation(assessment_id, at).await
}
