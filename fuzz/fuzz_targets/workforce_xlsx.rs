//! The workforce upload as bytes: a zip (an .xlsx workbook, streamed first
//! sheet) or CSV, told apart by the first bytes, within the extract limits.
#![no_main]

use gedhub_core::workforce::{ReportOptions, report_from_file};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    let _ = report_from_file(data, &ReportOptions::new(2024));
});
