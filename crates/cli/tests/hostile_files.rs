//! Issue 16, item 1, from the command line: the hostile workbook that made
//! `gedhub instrument import` abort (exit 134) is refused with a clear
//! message and exit 1, and no command reads an oversized file into memory.

use std::process::{Command, Output, Stdio};

fn gedhub(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gedhub"))
        .args(args)
        .env_remove("GEDHUB_DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .expect("gedhub runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Refused: exit status 1 (an error, not an abort), with `message`.
fn refused(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(
        stderr(output).contains(message),
        "{message:?} not in {}",
        stderr(output)
    );
}

fn sparse_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "type").expect("cell");
    sheet.write_string(1_048_575, 16_383, "x").expect("cell");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn instrument_import_and_workforce_report_refuse_the_sparse_workbook() {
    let folder = tempfile::tempdir().expect("temp folder");
    let url = format!("sqlite://{}", folder.path().join("cli.db").display());
    let migrated = gedhub(&["migrate", "--database", &url]);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    let file = folder.path().join("sparse.xlsx");
    std::fs::write(&file, sparse_workbook()).expect("write");
    let file = file.to_str().expect("utf-8 path");

    let import = gedhub(&["instrument", "import", file, "--database", &url]);
    refused(&import, "Sheet Sheet1 declares the range A1:XFD1048576");
    let report = gedhub(&["workforce", "report", "--input", file, "--year", "2024"]);
    refused(&report, "Sheet Sheet1 declares the range A1:XFD1048576");
}

#[test]
fn oversized_files_are_refused_before_they_are_read() {
    let folder = tempfile::tempdir().expect("temp folder");
    // Sparse files: their size is what they say, no disk is used.
    let sized = |name: &str, bytes: u64| {
        let path = folder.path().join(name);
        std::fs::File::create(&path)
            .and_then(|file| file.set_len(bytes))
            .expect("file");
        path.to_str().expect("utf-8 path").to_owned()
    };
    let extract = sized("huge.csv", 1 << 30);
    let report = gedhub(&["workforce", "report", "--input", &extract, "--year", "2024"]);
    refused(&report, "is 1024 MB; a workforce extract is at most 256 MB");

    let workbook = sized("huge.xlsx", 6 << 20);
    let url = format!("sqlite://{}", folder.path().join("cli.db").display());
    let import = gedhub(&["instrument", "import", &workbook, "--database", &url]);
    refused(&import, "is 6 MB; an instrument workbook is at most 5 MB");

    let backup = sized("huge.json", (1 << 30) + 1);
    let restore = gedhub(&["restore", "--from", &backup, "--database", &url]);
    refused(&restore, "a backup is at most 1024 MB");
}

#[test]
fn a_file_of_nul_bytes_under_the_size_limit_is_refused_at_its_first_line() {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("zeros.csv");
    std::fs::write(&path, vec![0_u8; 16 << 20]).expect("write");
    let report = gedhub(&[
        "workforce",
        "report",
        "--input",
        path.to_str().expect("utf-8 path"),
        "--year",
        "2024",
    ]);
    refused(&report, "Line 1 holds a NUL byte: this is not a text file.");
}
