//! Restoring backups (issue 16, items 5 and 6): an edited file is refused
//! whole, nothing changes, and every problem is named by table, row and
//! column. Also: backups name exactly the schema's columns, on both
//! engines. SQLite by default, PostgreSQL when GEDHUB_TEST_POSTGRES_URL is
//! set.

use gedhub_core::{AdministrationCode, Email, Role};
use gedhub_store::backup::{BackupDocument, BackupProblem};
use gedhub_store::testing::{TestDatabase, test_database};
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store, StoreError};
use serde_json::{Value, json};

async fn database_with_content() -> (TestDatabase, Value) {
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

fn document(value: &Value) -> BackupDocument {
    value.to_string().parse().expect("JSON")
}

/// The problems of a refused restore (fails the test otherwise).
async fn refused(store: &Store, backup: &Value) -> Vec<BackupProblem> {
    match store.restore(&document(backup)).await {
        Err(StoreError::BackupRefused(problems)) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// What must not change when a restore is refused.
async fn content(store: &Store) -> Value {
    store.backup().await.expect("backup").as_json()["tables"].clone()
}

fn column_index(backup: &Value, table: &str, column: &str) -> usize {
    backup["tables"][table]["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("{table}.{column}"))
}

fn set(backup: &mut Value, table: &str, row: usize, column: &str, value: Value) {
    let index = column_index(backup, table, column);
    backup["tables"][table]["rows"][row][index] = value;
}

fn problem(
    table: &str,
    row: Option<usize>,
    column: Option<&str>,
) -> impl Fn(&BackupProblem) -> bool {
    let table = table.to_owned();
    let column = column.map(str::to_owned);
    move |p: &BackupProblem| p.table == table && p.row == row && p.column == column
}

#[tokio::test]
async fn a_file_without_a_table_of_the_schema_is_refused_naming_it() {
    let (db, mut backup) = database_with_content().await;
    let before = content(&db.store).await;
    backup["tables"]
        .as_object_mut()
        .expect("tables")
        .remove("audit_log");
    let problems = refused(&db.store, &backup).await;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "table audit_log: the table is missing from the file"
    );
    assert_eq!(content(&db.store).await, before, "nothing changed");
}

#[tokio::test]
async fn rows_that_are_not_a_list_are_refused_naming_the_table() {
    let (db, backup) = database_with_content().await;
    let before = content(&db.store).await;
    for (rows, kind) in [
        (json!("2149 rows"), "a string"),
        (json!({}), "an object"),
        (json!(null), "null"),
    ] {
        let mut edited = backup.clone();
        edited["tables"]["audit_log"]["rows"] = rows;
        let problems = refused(&db.store, &edited).await;
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            vec![format!("table audit_log: \"rows\" is {kind}, not a list")]
        );
    }
    let mut without = backup.clone();
    without["tables"]["audit_log"]
        .as_object_mut()
        .expect("section")
        .remove("rows");
    let problems = refused(&db.store, &without).await;
    assert!(problems.iter().any(problem("audit_log", None, None)));
    assert_eq!(content(&db.store).await, before);
}

#[tokio::test]
async fn columns_missing_or_added_and_unknown_tables_are_refused_naming_them() {
    let (db, backup) = database_with_content().await;
    let mut edited = backup.clone();
    edited["tables"]["users"]["columns"][3] = json!("rank");
    edited["tables"]["notifications"]["columns"]
        .as_array_mut()
        .expect("columns")
        .pop();
    edited["tables"]["passwords"] = json!({"columns": ["a"], "rows": []});
    let problems = refused(&db.store, &edited).await;
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{texts:#?}");
    assert!(texts.iter().any(|t| t.starts_with(
        "table users: the columns are not the expected ones (missing: [role]; not expected: [rank]"
    )));
    assert!(texts.iter().any(|t| t.starts_with(
        "table notifications: the columns are not the expected ones (missing: [read_at]; not expected: []"
    )));
    assert!(
        texts.contains(&"table passwords: this table is not part of a gedhub backup".to_owned())
    );
    // A row with a value too many or too few.
    let mut short = backup.clone();
    short["tables"]["users"]["rows"][1]
        .as_array_mut()
        .expect("row")
        .pop();
    let problems = refused(&db.store, &short).await;
    assert_eq!(
        problems[0].to_string(),
        "table users, row 2: should be a list of 11 values (one per column), not a list of 10"
    );
}

/// The two edits, and more, reported together: each with its table,
/// row and column; the database is unchanged.
#[tokio::test]
async fn values_the_application_refuses_are_all_named_by_table_row_and_column() {
    let (db, mut backup) = database_with_content().await;
    let before = content(&db.store).await;
    // Row 1 is the Secretariat account, row 2 the focal point.
    set(&mut backup, "users", 0, "role", json!("superadmin"));
    set(&mut backup, "users", 1, "email", json!("not an address"));
    set(&mut backup, "users", 1, "administration_code", json!("bj"));
    set(
        &mut backup,
        "administrations",
        0,
        "region",
        json!("Atlantis"),
    );
    set(&mut backup, "administrations", 1, "wco_member", json!(2));
    set(
        &mut backup,
        "audit_log",
        0,
        "occurred_at",
        json!("yesterday"),
    );
    set(
        &mut backup,
        "audit_log",
        1,
        "after_json",
        json!("{not json"),
    );
    set(&mut backup, "audit_log", 2, "id", json!("seven"));
    set(&mut backup, "instruments", 0, "definition", json!("[]"));
    let problems = refused(&db.store, &backup).await;
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for expected in [
        "table users, row 1, column role: the string \"superadmin\" refused: unknown_role",
        "table users, row 2, column email: the string \"not an address\" refused: invalid_email",
        "table users, row 2, column administration_code: the string \"bj\" refused: not_canonical (gedhub writes \"BJ\")",
        "table administrations, row 1, column region: the string \"Atlantis\" refused: unknown_region",
        "table administrations, row 2, column wco_member: 2 refused: should be 0 or 1",
        "table audit_log, row 3, column id: should be an integer, not the string \"seven\"",
    ] {
        assert!(
            texts.contains(&expected.to_owned()),
            "{expected}\nin {texts:#?}"
        );
    }
    for (table, row, column) in [
        ("audit_log", 1, "occurred_at"),
        ("audit_log", 2, "after_json"),
        ("instruments", 1, "definition"),
    ] {
        assert!(
            problems.iter().any(problem(table, Some(row), Some(column))),
            "{table} {row} {column} in {texts:#?}"
        );
    }
    assert_eq!(content(&db.store).await, before, "nothing changed");
    // The accounts still read and sign in as before.
    assert_eq!(db.store.users().await.expect("users").len(), 2);
}

#[tokio::test]
async fn an_assessment_with_an_unknown_status_is_refused_and_a_good_one_restores() {
    let (db, _) = database_with_content().await;
    let store = &db.store;
    let actor = Actor::system("t");
    let instrument = store.instruments().await.expect("instruments")[0]
        .code
        .clone();
    store
        .create_assessment(
            &actor,
            &AdministrationCode::parse("BJ").expect("BJ"),
            &instrument,
            "Self-assessment 2026",
        )
        .await
        .expect("assessment");
    let mut backup = store.backup().await.expect("backup").as_json().clone();
    set(
        &mut backup,
        "assessments",
        0,
        "status",
        json!("bogus_status"),
    );
    let problems = refused(store, &backup).await;
    assert_eq!(
        problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec![
            "table assessments, row 1, column status: the string \"bogus_status\" refused: unknown_status"
        ]
    );
    set(&mut backup, "assessments", 0, "status", json!("draft"));
    store
        .restore(&document(&backup))
        .await
        .expect("the unedited file restores");
}

#[tokio::test]
async fn references_to_rows_not_in_the_file_and_repeated_keys_are_named() {
    let (db, mut backup) = database_with_content().await;
    let before = content(&db.store).await;
    // The focal point's administration is not in the file...
    set(&mut backup, "users", 1, "administration_code", json!("ZZ"));
    // ...an API token belongs to no account...
    backup["tables"]["api_tokens"]["rows"] = json!([[1, "aa", 999, "2026-01-01T00:00:00.000000Z"]]);
    // ...and two administrations share a code.
    let first = backup["tables"]["administrations"]["rows"][0].clone();
    backup["tables"]["administrations"]["rows"]
        .as_array_mut()
        .expect("rows")
        .push(first);
    let administrations = backup["tables"]["administrations"]["rows"]
        .as_array()
        .expect("rows")
        .len();
    let problems = refused(&db.store, &backup).await;
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for expected in [
        "table users, row 2, column administration_code: refers to administrations.code = \"ZZ\", which is not in the file".to_owned(),
        "table api_tokens, row 1, column user_id: refers to users.id = 999, which is not in the file".to_owned(),
        format!("table administrations, row {administrations}: repeats the primary key (code) of row 1"),
    ] {
        assert!(texts.contains(&expected), "{expected}\nin {texts:#?}");
    }
    assert_eq!(content(&db.store).await, before);
}

#[tokio::test]
async fn a_file_record_must_name_its_file_safely() {
    let (db, mut backup) = database_with_content().await;
    backup["tables"]["attachments"]["rows"] = json!([[
        1,
        1,
        "X.1.1",
        "report\r\nSet-Cookie: a=b.pdf",
        "application/pdf",
        10,
        "00",
        "../../../etc/passwd",
        "focal@x.org",
        "2026-01-01T00:00:00.000000Z"
    ]]);
    let problems = refused(&db.store, &backup).await;
    assert!(
        problems
            .iter()
            .any(problem("attachments", Some(1), Some("file_name"))),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(problem("attachments", Some(1), Some("storage_key"))),
        "{problems:?}"
    );
}

#[tokio::test]
async fn a_focal_point_without_an_administration_is_refused() {
    let (db, mut backup) = database_with_content().await;
    set(&mut backup, "users", 1, "administration_code", Value::Null);
    let problems = refused(&db.store, &backup).await;
    assert!(
        problems
            .iter()
            .any(problem("users", Some(2), Some("administration_code"))),
        "{problems:?}"
    );
}

#[tokio::test]
async fn a_required_value_left_empty_is_named() {
    let (db, mut backup) = database_with_content().await;
    set(&mut backup, "users", 0, "name", Value::Null);
    let problems = refused(&db.store, &backup).await;
    assert_eq!(
        problems[0].to_string(),
        "table users, row 1, column name: is empty, but the schema requires a value"
    );
}

/// The demo covers every part of gedhub: its backup must restore as it is
/// (no check refuses what the application itself writes).
#[tokio::test]
async fn the_demo_backs_up_and_restores_unchanged() {
    let db = test_database().await;
    db.store.seed_demo().await.expect("demo");
    let backup = db.store.backup().await.expect("backup");
    let copy = test_database().await;
    let restored = copy.store.restore(&backup).await.expect("restore");
    assert!(restored > 500, "{restored}");
    let again = copy.store.backup().await.expect("backup");
    for (table, section) in backup.as_json()["tables"].as_object().expect("tables") {
        let rows = section["rows"].as_array().expect("rows");
        let copied = again.as_json()["tables"][table]["rows"]
            .as_array()
            .expect("rows");
        assert_eq!(rows.len(), copied.len(), "{table}");
        for (row, copy) in rows.iter().zip(copied) {
            assert_eq!(row, copy, "{table}");
        }
    }
}

/// Backups name every column of the schema (bar the deliberate omissions)
/// with the right kind, on this engine; a forgotten column is caught.
#[tokio::test]
async fn backups_name_exactly_the_columns_of_the_schema() {
    let db = test_database().await;
    assert_eq!(
        db.store
            .backup_schema_mismatches()
            .await
            .expect("catalogue"),
        Vec::<String>::new()
    );
    db.execute("alter table users add column nickname text")
        .await;
    assert_eq!(
        db.store
            .backup_schema_mismatches()
            .await
            .expect("catalogue"),
        vec!["users.nickname is in the schema but not in backups".to_owned()]
    );
}

/// The deliberate omissions are kept honest: each names a table or column
/// the schema has, and no table is both backed up and left out (a stale or
/// misspelt exclusion would otherwise hide a table or column that backups
/// lose).
#[tokio::test]
async fn every_deliberate_omission_names_a_table_or_column_of_the_schema() {
    let db = test_database().await;
    let tables = db.store.table_names().await.expect("tables");
    for table in gedhub_store::backup::NOT_BACKED_UP {
        assert!(
            tables.iter().any(|name| name == table),
            "{table} is left out of backups but is not in the schema"
        );
        assert!(
            !gedhub_store::backup::backed_up_tables().contains(table),
            "{table} is both backed up and left out"
        );
    }
    for (table, column) in gedhub_store::backup::COLUMNS_NOT_BACKED_UP {
        let schema = db.store.table_schema(table).await.expect("catalogue");
        assert!(
            schema.columns.iter().any(|c| c.name == *column),
            "{table}.{column} is left out of backups but is not in the schema"
        );
    }
}

#[tokio::test]
async fn the_catalogue_knows_keys_and_references_on_this_engine() {
    let db = test_database().await;
    let users = db.store.table_schema("users").await.expect("users");
    assert_eq!(users.primary_key, vec!["id".to_owned()]);
    assert!(
        users
            .columns
            .iter()
            .any(|c| c.name == "email" && c.required)
    );
    assert!(
        users
            .columns
            .iter()
            .any(|c| c.name == "locale" && !c.required)
    );
    let reference = users
        .references
        .iter()
        .find(|r| r.column == "administration_code")
        .expect("a reference");
    assert_eq!(reference.parent, "administrations");
    assert_eq!(reference.parent_column.as_deref(), Some("code"));
    let answers = db
        .store
        .table_schema("assessment_answers")
        .await
        .expect("answers");
    assert_eq!(
        answers.primary_key,
        vec!["assessment_id".to_owned(), "indicator_code".to_owned()]
    );
}
