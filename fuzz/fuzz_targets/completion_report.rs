//! The LMS's completion report (CSV or .xlsx) as the e-learning import reads
//! it: the bounded table reader, then the report rules.
#![no_main]

use gedhub_core::elearning::read_completion_report;
use gedhub_core::tabular::{Limits, read_table};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    if let Ok(rows) = read_table(data, &Limits::DOCUMENT)
        && let Ok(report) = read_completion_report(&rows, "GED1")
    {
        assert!(report.completions.len() <= report.rows);
    }
});
