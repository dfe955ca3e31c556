//! The instrument import: a workbook's bytes through the bounded reader,
//! and (structure-aware) sheets of text straight into the instrument parser:
//! sheets are split at 0x1E, rows at line breaks, cells at tabs.
#![no_main]

use gedhub_core::instrument::{Sheet, parse_workbook, to_workbook};
use gedhub_core::tabular::{Limits, read_workbook};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    if let Ok(sheets) = read_workbook(data, &Limits::DOCUMENT) {
        let _ = parse_workbook(&sheets);
    }
    let text = String::from_utf8_lossy(data);
    let names = ["settings", "structure", "scale"];
    let sheets: Vec<Sheet> = text
        .split('\u{1e}')
        .enumerate()
        .map(|(index, sheet)| Sheet {
            name: names.get(index).map_or_else(|| format!("s{index}"), |n| (*n).to_owned()),
            rows: sheet
                .lines()
                .map(|line| line.split('\t').map(str::to_owned).collect())
                .collect(),
        })
        .collect();
    // An instrument that parses exports to sheets that parse to the same
    // instrument.
    if let Ok(instrument) = parse_workbook(&sheets) {
        let again = parse_workbook(&to_workbook(&instrument)).expect("its own export parses");
        assert_eq!(again, instrument, "export and import disagree");
    }
});
