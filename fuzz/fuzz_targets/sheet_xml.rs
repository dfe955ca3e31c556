//! Structure-aware workbook fuzzing: the input is the XML of a worksheet and
//! of the shared strings (split at the first NUL byte), put into a valid
//! .xlsx container, so the mutations reach calamine's XML reading and the
//! bounded row assembly instead of failing the zip checksum.
#![no_main]

use std::io::Write;

use gedhub_core::tabular::{Limits, read_table, xlsx::Workbook};
use gedhub_core::workforce::{ReportOptions, report_from_file};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn workbook(sheet: &[u8], strings: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut entry = |name: &str, content: &[u8]| -> Option<()> {
        writer.start_file(name, stored).ok()?;
        writer.write_all(content).ok()
    };
    entry(
        "_rels/.rels",
        format!("<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").as_bytes(),
    )?;
    entry(
        "xl/workbook.xml",
        format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").as_bytes(),
    )?;
    entry(
        "xl/_rels/workbook.xml.rels",
        format!("<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>").as_bytes(),
    )?;
    entry("xl/worksheets/sheet1.xml", sheet)?;
    if let Some(strings) = strings {
        entry("xl/sharedStrings.xml", strings)?;
    }
    writer.finish().ok().map(|cursor| cursor.into_inner())
}

fuzz_target!(|data: &[u8]| {
    common::caught_panics_are_not_findings();
    let (sheet, strings) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Some(bytes) = workbook(sheet, strings) else {
        return;
    };
    let _ = read_table(&bytes, &Limits::DOCUMENT);
    let _ = report_from_file(&bytes, &ReportOptions::new(2024));
    // Rows come out in order and within the limits, whatever the XML says.
    if let Ok(mut book) = Workbook::open(&bytes, &Limits::DOCUMENT)
        && let Ok(rows) = book.rows(0)
    {
        let mut last = None;
        for row in rows {
            let Ok((index, cells)) = row else { break };
            assert!(last.is_none_or(|last| index > last), "rows out of order");
            assert!(index < Limits::DOCUMENT.rows);
            assert!(cells.len() <= Limits::DOCUMENT.columns as usize);
            last = Some(index);
        }
    }
});
