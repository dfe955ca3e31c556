//! The backup file as an attacker or a careless editor would shape it
//! (issue 16: "fuzz every importer ... backup JSON"). A property-based
//! generator edits a valid backup (any cell to any JSON value, tables and
//! columns removed or added, rows duplicated or cut short, `rows` that are
//! not a list, the text cut anywhere) and checks the restore's promise:
//!
//! - the file is either restored whole (every row of every table, nothing
//!   silently dropped) or refused with every problem named by its table;
//! - a refused file changes nothing;
//! - no edit makes the restore fail any other way (what the web and the CLI
//!   would have to report as an internal error).
//!
//! SQLite by default, PostgreSQL when GEDHUB_TEST_POSTGRES_URL is set.

use gedhub_core::{AdministrationCode, Email, Role};
use gedhub_store::backup::BackupDocument;
use gedhub_store::testing::test_database;
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// One edit of a backup. Indices are reduced modulo what the file has, so
/// every generated edit applies to some table, row or column.
#[derive(Debug, Clone)]
enum Edit {
    Cell {
        table: usize,
        row: usize,
        column: usize,
        value: Value,
    },
    RemoveRows {
        table: usize,
    },
    RowsNotAList {
        table: usize,
        value: Value,
    },
    RemoveTable {
        table: usize,
    },
    RemoveColumn {
        table: usize,
        column: usize,
    },
    AddColumn {
        table: usize,
        name: String,
    },
    DuplicateRow {
        table: usize,
        row: usize,
    },
    CutRow {
        table: usize,
        row: usize,
        keep: usize,
    },
    ExtraTable {
        name: String,
        rows: Value,
    },
    /// The file's text cut after this many bytes (per mille of its length).
    CutText {
        per_mille: u16,
    },
}

/// Any JSON value, leaning towards what a backup holds (ids, codes,
/// dates, text with control characters) and what breaks naive readers
/// (huge numbers, nesting).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-3i64..2000).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,24}".prop_map(Value::from),
        "[a-z_]{1,16}".prop_map(Value::from),
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?".prop_map(Value::from),
        "[A-Z]{1,3}(\\.[0-9]{1,2}){0,2}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{0,6}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn edit() -> impl Strategy<Value = Edit> {
    let index = || 0usize..10_000;
    prop_oneof![
        6 => (index(), index(), index(), json_value()).prop_map(|(table, row, column, value)| {
            Edit::Cell { table, row, column, value }
        }),
        1 => index().prop_map(|table| Edit::RemoveRows { table }),
        1 => (index(), json_value()).prop_map(|(table, value)| Edit::RowsNotAList { table, value }),
        1 => index().prop_map(|table| Edit::RemoveTable { table }),
        1 => (index(), index()).prop_map(|(table, column)| Edit::RemoveColumn { table, column }),
        1 => (index(), "[a-z_]{1,12}").prop_map(|(table, name)| Edit::AddColumn { table, name }),
        1 => (index(), index()).prop_map(|(table, row)| Edit::DuplicateRow { table, row }),
        1 => (index(), index(), 0usize..4).prop_map(|(table, row, keep)| Edit::CutRow { table, row, keep }),
        1 => ("[a-z_]{1,12}", json_value()).prop_map(|(name, rows)| Edit::ExtraTable { name, rows }),
        1 => (0u16..1000).prop_map(|per_mille| Edit::CutText { per_mille }),
    ]
}

/// The names of the tables in the file, in its order.
fn table_names(backup: &Value) -> Vec<String> {
    backup["tables"]
        .as_object()
        .map(|tables| tables.keys().cloned().collect())
        .unwrap_or_default()
}

/// The `rows` of the table at `index` (modulo), if they are a non-empty list.
fn rows_of<'a>(backup: &'a mut Value, name: &str) -> Option<&'a mut Vec<Value>> {
    backup["tables"][name]["rows"]
        .as_array_mut()
        .filter(|rows| !rows.is_empty())
}

/// Applies `edit` to `backup`; the edited file's text.
fn apply(edit: &Edit, backup: &mut Value) -> String {
    let names = table_names(backup);
    let name = |index: usize| names[index % names.len()].clone();
    match edit {
        Edit::Cell {
            table,
            row,
            column,
            value,
        } => {
            if let Some(rows) = rows_of(backup, &name(*table)) {
                let count = rows.len();
                if let Some(cells) = rows[row % count].as_array_mut()
                    && !cells.is_empty()
                {
                    let count = cells.len();
                    cells[column % count] = value.clone();
                }
            }
        }
        Edit::RemoveRows { table } => {
            if let Some(section) = backup["tables"][name(*table)].as_object_mut() {
                section.remove("rows");
            }
        }
        Edit::RowsNotAList { table, value } => {
            let replacement = match value {
                Value::Array(_) => Value::from("rows"),
                other => other.clone(),
            };
            backup["tables"][name(*table)]["rows"] = replacement;
        }
        Edit::RemoveTable { table } => {
            if let Some(tables) = backup["tables"].as_object_mut() {
                tables.remove(&name(*table));
            }
        }
        Edit::RemoveColumn { table, column } => {
            if let Some(columns) = backup["tables"][name(*table)]["columns"].as_array_mut()
                && !columns.is_empty()
            {
                let count = columns.len();
                columns.remove(column % count);
            }
        }
        Edit::AddColumn {
            table,
            name: column,
        } => {
            if let Some(columns) = backup["tables"][name(*table)]["columns"].as_array_mut() {
                columns.push(Value::from(column.clone()));
            }
        }
        Edit::DuplicateRow { table, row } => {
            if let Some(rows) = rows_of(backup, &name(*table)) {
                let copy = rows[row % rows.len()].clone();
                rows.push(copy);
            }
        }
        Edit::CutRow { table, row, keep } => {
            if let Some(rows) = rows_of(backup, &name(*table)) {
                let count = rows.len();
                if let Some(cells) = rows[row % count].as_array_mut() {
                    cells.truncate(*keep);
                }
            }
        }
        Edit::ExtraTable { name: extra, rows } => {
            backup["tables"][format!("extra_{extra}")] =
                serde_json::json!({ "columns": ["id"], "rows": rows });
        }
        Edit::CutText { per_mille } => {
            let text = backup.to_string();
            let end = text.len() * usize::from(*per_mille) / 1000;
            return String::from_utf8_lossy(&text.as_bytes()[..end]).into_owned();
        }
    }
    backup.to_string()
}

fn row_counts(backup: &Value) -> Vec<(String, usize)> {
    table_names(backup)
        .into_iter()
        .map(|name| {
            let count = backup["tables"][&name]["rows"]
                .as_array()
                .map_or(0, Vec::len);
            (name, count)
        })
        .collect()
}

async fn database_with_content() -> (gedhub_store::testing::TestDatabase, Value) {
    let db = test_database().await;
    let store = &db.store;
    store.seed_wco_members().await.expect("members");
    store.seed_instruments().await.expect("instrument");
    let actor = Actor::system("t");
    for (email, role, code) in [
        ("secretariat@x.org", Role::Secretariat, None),
        ("focal@x.org", Role::FocalPoint, Some("BJ")),
    ] {
        store
            .create_user(
                &actor,
                NewUser {
                    email: Email::parse(email).expect("valid"),
                    name: format!("Person {email}"),
                    role,
                    administration: code.map(|c| AdministrationCode::parse(c).expect("valid")),
                    password_hash: "$argon2id$placeholder".to_owned(),
                },
            )
            .await
            .expect("create");
    }
    let backup = store.backup().await.expect("backup").as_json().clone();
    (db, backup)
}

async fn tables(store: &Store) -> Value {
    store.backup().await.expect("backup").as_json()["tables"].clone()
}

/// Restores the edited file and checks the promise (see the module doc).
async fn check(store: &Store, edit: &Edit, original: &Value) -> Result<(), TestCaseError> {
    let mut backup = original.clone();
    let text = apply(edit, &mut backup);
    let document = match text.parse::<BackupDocument>() {
        Ok(document) => document,
        // A cut file is not JSON: refused before the database is touched.
        Err(StoreError::Backup(_)) => return Ok(()),
        Err(other) => return Err(TestCaseError::fail(format!("parse: {other:?}"))),
    };
    let before = tables(store).await;
    match store.restore(&document).await {
        Ok(restored) => {
            let expected = row_counts(document.as_json());
            let total: usize = expected.iter().map(|(_, count)| count).sum();
            prop_assert_eq!(restored, total, "rows restored");
            let after = store.backup().await.expect("backup");
            prop_assert_eq!(row_counts(after.as_json()), expected, "rows per table");
        }
        Err(StoreError::BackupRefused(problems)) => {
            prop_assert!(!problems.is_empty());
            for problem in &problems {
                prop_assert!(
                    !problem.table.is_empty() && !problem.problem.is_empty(),
                    "unnamed problem {problem:?}"
                );
            }
            prop_assert_eq!(
                tables(store).await,
                before,
                "a refused restore changed the data"
            );
        }
        Err(StoreError::Backup(why)) if matches!(edit, Edit::CutText { .. }) => {
            // A cut that still parses (e.g. nothing cut) may lose the header.
            prop_assert!(!why.is_empty());
        }
        Err(other) => {
            return Err(TestCaseError::fail(format!(
                "restore failed without naming a problem: {other:?}"
            )));
        }
    }
    Ok(())
}

#[test]
fn an_edited_backup_is_restored_whole_or_refused_with_every_problem_named() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (db, original) = runtime.block_on(database_with_content());
    let cases = std::env::var("GEDHUB_RESTORE_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(48);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&edit(), |edit| {
        runtime.block_on(check(&db.store, &edit, &original))
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
