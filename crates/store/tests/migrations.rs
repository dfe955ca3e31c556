//! The two migration folders (`migrations/sqlite`, `migrations/postgres`)
//! are kept in step by hand and may differ only in DDL spelling. These tests
//! hold them to it: the same migration files, and, migrated, the same tables
//! with the same columns (name, kind of value, required or not). The schema
//! comparison needs both engines, so it runs when GEDHUB_TEST_POSTGRES_URL is
//! set (scripts/test.sh sets it) and says it was skipped otherwise.

use std::collections::BTreeMap;

use gedhub_store::Store;
use gedhub_store::testing::{postgres_admin_url, postgres_test_database, sqlite_test_database};

/// The practice library's full-text index is the one table the engines
/// build differently: an FTS5 virtual table on SQLite, a plain table with a
/// stored `tsvector` on PostgreSQL. Only its column names are compared, less
/// [`ENGINE_ONLY_COLUMNS`]: FTS5 columns have no type and cannot be declared
/// `not null`.
const FULL_TEXT_INDEX: &str = "practice_search";

/// The columns only one engine has, as (table, column), each with its reason.
const ENGINE_ONLY_COLUMNS: &[(&str, &str)] = &[
    // FTS5 keys its rows by the implicit rowid, which the catalogue does not
    // list; PostgreSQL's plain table declares the same key as a column.
    ("practice_search", "rowid"),
    // PostgreSQL's index over the normalised words (a generated tsvector
    // column); FTS5 keeps its index in its own shadow tables.
    ("practice_search", "words"),
];

/// One column as both engines can describe it.
#[derive(Debug, PartialEq, Eq)]
struct Column {
    name: String,
    /// `integer`, `real` or `text` (the engines spell the types differently:
    /// `integer` and `bigint`, `real` and `double precision`); a type outside
    /// these is kept as declared, so it shows up.
    kind: String,
    required: bool,
}

fn kind(declared: &str) -> String {
    match declared {
        "integer" | "bigint" | "smallint" => "integer",
        "real" | "double precision" | "numeric" => "real",
        "text" => "text",
        other => other,
    }
    .to_owned()
}

/// Every table of the migrated schema with its columns in order.
async fn describe(store: &Store) -> BTreeMap<String, Vec<Column>> {
    let mut tables = BTreeMap::new();
    for table in store.table_names().await.expect("the table names") {
        let schema = store
            .table_schema(&table)
            .await
            .expect("the table's schema");
        let columns = schema
            .columns
            .iter()
            .filter(|column| !ENGINE_ONLY_COLUMNS.contains(&(table.as_str(), column.name.as_str())))
            .map(|column| match table.as_str() {
                FULL_TEXT_INDEX => Column {
                    name: column.name.clone(),
                    kind: String::new(),
                    required: false,
                },
                _ => Column {
                    name: column.name.clone(),
                    kind: kind(&column.declared_type),
                    // PostgreSQL makes a primary key's columns `not null`
                    // without saying so in the DDL; SQLite reports only what
                    // the DDL says. Counting key columns as required compares
                    // what each migration states, not that implicit rule.
                    required: column.required || schema.primary_key.contains(&column.name),
                },
            })
            .collect();
        tables.insert(table, columns);
    }
    tables
}

fn migration_files(engine: &str) -> Vec<String> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the migration folder")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn both_migration_folders_hold_the_same_files() {
    let sqlite = migration_files("sqlite");
    assert!(!sqlite.is_empty(), "no SQLite migrations found");
    assert_eq!(sqlite, migration_files("postgres"));
}

#[tokio::test]
async fn both_engines_build_the_same_tables_and_columns() {
    let Some(admin_url) = postgres_admin_url() else {
        eprintln!(
            "GEDHUB_TEST_POSTGRES_URL is not set: the two migration folders are compared by \
             scripts/test.sh's PostgreSQL step"
        );
        return;
    };
    let sqlite = describe(&sqlite_test_database().await.store).await;
    let postgres = describe(&postgres_test_database(&admin_url).await.store).await;
    let names = |tables: &BTreeMap<String, Vec<Column>>| tables.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&sqlite),
        names(&postgres),
        "tables (SQLite, PostgreSQL)"
    );
    let differences: Vec<String> = sqlite
        .iter()
        .filter(|(table, columns)| postgres.get(*table) != Some(columns))
        .map(|(table, columns)| {
            format!(
                "{table}:\n  SQLite:     {columns:?}\n  PostgreSQL: {:?}",
                postgres.get(table)
            )
        })
        .collect();
    assert!(
        differences.is_empty(),
        "the migration folders build different columns:\n{}",
        differences.join("\n")
    );
}
