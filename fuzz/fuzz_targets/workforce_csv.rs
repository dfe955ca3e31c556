//! The workforce CSV engine: never panics, and the result does not depend
//! on how many chunks the file is cut into (the chunks are framed by quote
//! parity; a disagreement means a record boundary was misplaced).
#![no_main]

use gedhub_core::workforce::{ReportOptions, report_from_csv_with_threads};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    let mut options = ReportOptions::new(2024);
    options.min_group = 1;
    let whole = report_from_csv_with_threads(data, &options, 1);
    let chunked = report_from_csv_with_threads(data, &options, 3);
    assert_eq!(whole, chunked, "one chunk and three disagree");
    options.skip_invalid = true;
    let _ = report_from_csv_with_threads(data, &options, 2);
});
