//! The `gedhub` command end to end, on a temporary SQLite database: accounts,
//! tokens, backup and restore.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gedhub(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gedhub"))
        .args(args)
        .env_remove("GEDHUB_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gedhub starts");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("gedhub finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn accounts_tokens_backup_and_restore_work_from_the_command_line() {
    let folder = tempfile::tempdir().expect("temp folder");
    let url = format!("sqlite://{}", folder.path().join("cli.db").display());
    let db = ["--database", url.as_str()];

    let migrate = gedhub(&[&["migrate"][..], &db].concat(), None);
    assert!(migrate.status.success(), "{}", text(&migrate.stderr));

    let add = [
        &[
            "user",
            "add",
            "--email",
            "Focal@Douanes.test",
            "--name",
            "Awa Diallo",
            "--role",
            "focal_point",
            "--administration",
            "sn",
            "--password-stdin",
        ][..],
        &db,
    ]
    .concat();
    let created = gedhub(&add, Some("a long enough password\n"));
    assert!(created.status.success(), "{}", text(&created.stderr));
    assert!(text(&created.stderr).contains("focal@douanes.test"));

    let again = gedhub(&add, Some("a long enough password\n"));
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("email_taken"));

    let short = [
        &[
            "user",
            "add",
            "--email",
            "x@y.test",
            "--name",
            "X",
            "--role",
            "expert",
            "--password-stdin",
        ][..],
        &db,
    ]
    .concat();
    let refused = gedhub(&short, Some("short\n"));
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("password_too_short"));

    let token = gedhub(
        &[
            &["token", "create", "--email", "focal@douanes.test"][..],
            &db,
        ]
        .concat(),
        None,
    );
    assert!(token.status.success(), "{}", text(&token.stderr));
    let token = text(&token.stdout);
    assert_eq!(
        token.trim().len(),
        64,
        "only the token is printed: {token:?}"
    );
    assert_eq!(token.lines().count(), 1);

    let unknown = gedhub(
        &[
            &["token", "create", "--email", "nobody@douanes.test"][..],
            &db,
        ]
        .concat(),
        None,
    );
    assert!(!unknown.status.success());

    let backup_file = folder.path().join("backup.json");
    let backup_path = backup_file.to_str().expect("utf-8 path");
    let backup = gedhub(&[&["backup", "--to", backup_path][..], &db].concat(), None);
    assert!(backup.status.success(), "{}", text(&backup.stderr));

    // Restoring over existing data needs --replace.
    let over = gedhub(
        &[&["restore", "--from", backup_path][..], &db].concat(),
        None,
    );
    assert!(!over.status.success());
    assert!(text(&over.stderr).contains("--replace"));

    let copy_url = format!("sqlite://{}", folder.path().join("copy.db").display());
    let restore = gedhub(
        &["restore", "--from", backup_path, "--database", &copy_url],
        None,
    );
    assert!(restore.status.success(), "{}", text(&restore.stderr));
    // The restored copy knows the account: a token can be issued there.
    let token = gedhub(
        &[
            "token",
            "create",
            "--email",
            "focal@douanes.test",
            "--database",
            &copy_url,
        ],
        None,
    );
    assert!(token.status.success(), "{}", text(&token.stderr));

    let garbage = folder.path().join("garbage.json");
    std::fs::write(&garbage, "{not json").expect("write");
    let bad = gedhub(
        &[
            "restore",
            "--from",
            garbage.to_str().expect("utf-8"),
            "--database",
            &copy_url,
            "--replace",
        ],
        None,
    );
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("not valid JSON"));
}

/// Issue 16, items 5 and 6: an edited backup is refused with a message
/// naming the table, row and column, and the target stays empty.
#[test]
fn restore_refuses_an_edited_backup_naming_the_table_row_and_column() {
    let folder = tempfile::tempdir().expect("temp folder");
    let url = format!("sqlite://{}", folder.path().join("source.db").display());
    let db = ["--database", url.as_str()];
    assert!(
        gedhub(&[&["migrate"][..], &db].concat(), None)
            .status
            .success()
    );
    let add = [
        &[
            "user",
            "add",
            "--email",
            "secretariat@wco.test",
            "--name",
            "Secretariat",
            "--role",
            "secretariat",
            "--password-stdin",
        ][..],
        &db,
    ]
    .concat();
    assert!(
        gedhub(&add, Some("a long enough password\n"))
            .status
            .success()
    );
    let backup_file = folder.path().join("backup.json");
    let backup_path = backup_file.to_str().expect("utf-8 path");
    assert!(
        gedhub(&[&["backup", "--to", backup_path][..], &db].concat(), None)
            .status
            .success()
    );
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&backup_file).expect("read")).expect("JSON");
    let role = original["tables"]["users"]["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .position(|c| c == "role")
        .expect("a role column");

    let copy_url = format!("sqlite://{}", folder.path().join("copy.db").display());
    let restore = |edited: &serde_json::Value| {
        let path = folder.path().join("edited.json");
        std::fs::write(&path, edited.to_string()).expect("write");
        gedhub(
            &[
                "restore",
                "--from",
                path.to_str().expect("utf-8"),
                "--database",
                &copy_url,
            ],
            None,
        )
    };
    let mut without_rows = original.clone();
    without_rows["tables"]["audit_log"]
        .as_object_mut()
        .expect("section")
        .remove("rows");
    let refused = restore(&without_rows);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert!(
        stderr.contains("table audit_log: \"rows\" is missing"),
        "{stderr}"
    );
    assert!(!stderr.contains("Restored"), "{stderr}");

    let mut superadmin = original.clone();
    superadmin["tables"]["users"]["rows"][0][role] = serde_json::json!("superadmin");
    let refused = restore(&superadmin);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains(
            "table users, row 1, column role: the string \"superadmin\" refused: unknown_role"
        ),
        "{stderr}"
    );

    // Nothing was written: the untouched file restores without --replace.
    let fine = restore(&original);
    assert!(fine.status.success(), "{}", text(&fine.stderr));
}

#[test]
fn every_option_can_come_from_the_environment_and_help_explains_each_command() {
    let folder = tempfile::tempdir().expect("temp folder");
    let url = format!("sqlite://{}", folder.path().join("env.db").display());
    let output = Command::new(env!("CARGO_BIN_EXE_gedhub"))
        .arg("migrate")
        .env("GEDHUB_DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(folder.path().join("env.db").exists());
    let help = gedhub(&["--help"], None);
    let help = text(&help.stdout);
    for command in [
        "serve", "demo", "migrate", "user", "token", "backup", "restore",
    ] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    let serve_help = text(&gedhub(&["serve", "--help"], None).stdout);
    assert!(serve_help.contains("GEDHUB_ADDR") && serve_help.contains("GEDHUB_DATABASE_URL"));
}

#[test]
fn serve_refuses_to_start_on_an_object_store_it_cannot_reach() {
    let folder = tempfile::tempdir().expect("temp folder");
    let url = format!("sqlite://{}", folder.path().join("s3.db").display());
    // Port 9 (discard) on loopback: nothing answers there.
    let output = Command::new(env!("CARGO_BIN_EXE_gedhub"))
        .args(["serve", "--database", &url, "--addr", "127.0.0.1:0"])
        .env("GEDHUB_S3_ENDPOINT", "http://127.0.0.1:9")
        .env("GEDHUB_S3_BUCKET", "evidence")
        .env("GEDHUB_S3_ACCESS_KEY_ID", "key")
        .env("GEDHUB_S3_SECRET_ACCESS_KEY", "secret")
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("evidence file storage is not usable") && stderr.contains("evidence"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret"),
        "the secret never appears: {stderr}"
    );

    let missing_secret = Command::new(env!("CARGO_BIN_EXE_gedhub"))
        .args(["serve", "--database", &url, "--addr", "127.0.0.1:0"])
        .env("GEDHUB_S3_ENDPOINT", "http://127.0.0.1:9")
        .env("GEDHUB_S3_BUCKET", "evidence")
        .env_remove("GEDHUB_S3_ACCESS_KEY_ID")
        .env_remove("GEDHUB_S3_SECRET_ACCESS_KEY")
        .output()
        .expect("runs");
    assert!(!missing_secret.status.success());
    assert!(
        text(&missing_secret.stderr).contains("secret access key are required"),
        "{}",
        text(&missing_secret.stderr)
    );
}

const EXTRACT: &str = "employee_id;sex;grade;category;annual_basic_pay;annual_variable_pay;weekly_hours;hire_date\n\
a;F;G1;C;30000,50;0;40;2024-02-01\n\
b;M;G1;C;36000;1200;40;2019-05-01\n\
c;femme;G2;C;41000;0;20;2024-07-31\n\
d;X;G2;C;39000;0;40;2010-01-01\n";

#[test]
fn workforce_report_prints_the_statistics_as_json_table_or_workbook() {
    let folder = tempfile::tempdir().expect("temp folder");
    let input = folder.path().join("extract.csv");
    std::fs::write(&input, EXTRACT).expect("write");
    let input = input.to_str().expect("utf-8 path");

    let json = gedhub(
        &["workforce", "report", "--input", input, "--year", "2024"],
        None,
    );
    assert!(json.status.success(), "{}", text(&json.stderr));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let keys: Vec<&str> = report
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "reference_year",
        "workers",
        "pay_gap",
        "variable_pay_gap",
        "variable_pay_receipt",
        "quartiles",
        "categories",
        "representation",
        "flows",
        "rejected_rows",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(report["workers"]["total"], 4);
    assert_eq!(report["workers"]["other"], 1);
    // Hourly pay: women 30000.50/2080 and 41000/1040, man 37200/2080.
    // Two women and one man: below 10 of each, no pay figure is shown
    // (disclosure control, the same as the web's).
    assert!(report["pay_gap"]["mean_pct"].is_null());
    assert_eq!(
        report["pay_gap"]["withheld"],
        "administration_below_min_group"
    );
    assert_eq!(report["flows"]["hires"]["female"], 2);

    // On one's own file the threshold may go lower, and the output says so.
    let local = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            input,
            "--year",
            "2024",
            "--min-group",
            "1",
        ],
        None,
    );
    assert!(local.status.success(), "{}", text(&local.stderr));
    assert!(text(&local.stderr).contains("for your own use only"));
    let report: serde_json::Value = serde_json::from_slice(&local.stdout).expect("JSON");
    let women: f64 = (30_000.5 / 2080.0 + 41_000.0 / 1040.0) / 2.0;
    let man = 37_200.0 / 2080.0;
    let mean = report["pay_gap"]["mean_pct"].as_f64().expect("a number");
    let exact = (man - women) / man * 100.0;
    // One decimal, like every other channel.
    assert_eq!(mean, (exact * 10.0).round() / 10.0, "{mean}");
    assert_eq!(report["categories"][0]["min_group"], 1);

    let table = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            input,
            "--year",
            "2024",
            "--format",
            "table",
        ],
        None,
    );
    assert!(table.status.success());
    assert!(text(&table.stdout).contains("Pay gap (hourly pay)"));

    let xlsx = folder.path().join("report.xlsx");
    let workbook = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            input,
            "--year",
            "2024",
            "--format",
            "xlsx",
            "--output",
            xlsx.to_str().expect("path"),
        ],
        None,
    );
    assert!(workbook.status.success(), "{}", text(&workbook.stderr));
    assert!(std::fs::read(&xlsx).expect("written").starts_with(b"PK"));
    let no_output = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            input,
            "--year",
            "2024",
            "--format",
            "xlsx",
        ],
        None,
    );
    assert!(!no_output.status.success());
    assert!(text(&no_output.stderr).contains("--output"));
}

#[test]
fn workforce_report_refuses_bad_rows_on_stderr_unless_told_to_skip_them() {
    let folder = tempfile::tempdir().expect("temp folder");
    let input = folder.path().join("bad.csv");
    std::fs::write(&input, format!("{EXTRACT}e;M;G1;C;abc;0;40;\n")).expect("write");
    let input = input.to_str().expect("utf-8 path");
    let refused = gedhub(
        &["workforce", "report", "--input", input, "--year", "2024"],
        None,
    );
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty(), "nothing on stdout");
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("line 6") && stderr.contains("annual_basic_pay"),
        "{stderr}"
    );
    assert!(!stderr.contains("backtrace"), "{stderr}");

    let skipped = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            input,
            "--year",
            "2024",
            "--skip-invalid",
        ],
        None,
    );
    assert!(skipped.status.success(), "{}", text(&skipped.stderr));
    let report: serde_json::Value = serde_json::from_slice(&skipped.stdout).expect("JSON");
    assert_eq!(report["rejected_rows"], 1);
    assert!(text(&skipped.stderr).contains("Rows left out as invalid: 1."));

    let missing = gedhub(
        &[
            "workforce",
            "report",
            "--input",
            "/nonexistent.csv",
            "--year",
            "2024",
        ],
        None,
    );
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("cannot read /nonexistent.csv"));
}
