//! An indicator's measurements file (CSV or .xlsx): a value or a list of
//! problems, never a panic; every problem names a line of the file.
#![no_main]

use gedhub_core::monitoring::import::{ImportFailure, MAX_IMPORT_ROWS, parse_measurements};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    match parse_measurements(data) {
        Ok(rows) => assert!(rows.len() <= MAX_IMPORT_ROWS && rows.iter().all(|r| r.value.is_finite())),
        Err(ImportFailure::Problems(problems)) => {
            assert!(!problems.is_empty() && problems.iter().all(|p| p.line >= 2));
        }
        Err(_) => {}
    }
});
