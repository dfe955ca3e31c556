//! The bounded table reader against hostile files (issue 16, item 1): each
//! is refused with an error that names where, quickly and without the memory
//! the file asks for. The workbooks are written entry by entry, so the tests
//! control every byte calamine sees.

use std::io::Write;
use std::time::{Duration, Instant};

use gedhub_core::tabular::xlsx::{self, Workbook};
use gedhub_core::tabular::{Limits, TableError, read_table, read_workbook};
use gedhub_core::workforce::{ExtractError, ReportOptions, report_from_file};
use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A worksheet part around `body` (the content of `<sheetData>`), with a
/// `<dimension>` when one is given.
fn sheet_xml(dimension: Option<&str>, body: &str) -> String {
    let dimension = dimension.map_or(String::new(), |d| format!("<dimension ref=\"{d}\"/>"));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MAIN}\">{dimension}<sheetData>{body}</sheetData></worksheet>"
    )
}

/// The parts of a workbook with these sheets (name, worksheet XML) and
/// optional shared strings, as (path, content) pairs.
fn parts(sheets: &[(String, String)], shared_strings: Option<String>) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_owned(),
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_vec(),
        ),
        (
            "_rels/.rels".to_owned(),
            format!("<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").into_bytes(),
        ),
    ];
    let mut listed = String::new();
    let mut relations = String::new();
    for (index, (name, xml)) in sheets.iter().enumerate() {
        let n = index + 1;
        listed.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        relations.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            xml.clone().into_bytes(),
        ));
    }
    parts.push((
        "xl/workbook.xml".to_owned(),
        format!(
            "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>{listed}</sheets></workbook>"
        )
        .into_bytes(),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".to_owned(),
        format!("<Relationships xmlns=\"{RELS}\">{relations}</Relationships>").into_bytes(),
    ));
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml".to_owned(), strings.into_bytes()));
    }
    parts
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, content) in parts {
        writer.start_file(name.as_str(), options).expect("entry");
        writer.write_all(content).expect("content");
    }
    writer.finish().expect("zip").into_inner()
}

fn workbook(sheets: &[(&str, String)]) -> Vec<u8> {
    let sheets: Vec<(String, String)> = sheets
        .iter()
        .map(|(name, xml)| ((*name).to_owned(), xml.clone()))
        .collect();
    zip_of(&parts(&sheets, None))
}

fn cell(reference: &str, text: &str) -> String {
    format!("<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

/// Runs `read` and checks it returned within `seconds`.
fn quickly<T>(seconds: u64, read: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = read();
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(seconds),
        "took {took:?}, more than {seconds} s"
    );
    result
}

/// The process's peak resident memory so far, from /proc (Linux).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

#[test]
fn a_plain_workbook_reads_with_positions_dates_and_numbers() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Values").expect("name");
    sheet.write_string(1, 1, "date").expect("cell");
    sheet.write_string(1, 2, "value").expect("cell");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 31).expect("date");
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(2, 1, &date, &format)
        .expect("cell");
    sheet.write_number(2, 2, 21.5).expect("cell");
    sheet.write_number(3, 2, 40.0).expect("cell");
    let bytes = book.save_to_buffer().expect("xlsx");
    let rows = read_table(&bytes, &Limits::DOCUMENT).expect("rows");
    let expected: Vec<Vec<String>> = vec![
        vec![],
        vec!["".into(), "date".into(), "value".into()],
        vec!["".into(), "2024-03-31".into(), "21.5".into()],
        vec!["".into(), "".into(), "40".into()],
    ];
    assert_eq!(rows, expected);
}

#[test]
fn a_sparse_sheet_with_a1_and_xfd1048576_is_refused_by_its_dimension() {
    // The 4.8 KB file: calamine's dense range would be 512 GiB.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "employee_id").expect("cell");
    sheet.write_string(1_048_575, 16_383, "x").expect("cell");
    let bytes = book.save_to_buffer().expect("xlsx");
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    for limits in [Limits::DOCUMENT, Limits::EXTRACT] {
        let error = quickly(2, || read_table(&bytes, &limits)).expect_err("refused");
        assert_eq!(
            error,
            TableError::DimensionTooLarge {
                sheet: "Sheet1".into(),
                range: "A1:XFD1048576".into(),
                rows: limits.rows,
                columns: limits.columns,
            }
        );
    }
    let options = ReportOptions::new(2024);
    assert!(matches!(
        quickly(2, || report_from_file(&bytes, &options)),
        Err(ExtractError::Table(TableError::DimensionTooLarge { .. }))
    ));
}

#[test]
fn a_sparse_sheet_without_a_dimension_is_refused_at_the_far_cell() {
    let body = format!(
        "<row r=\"1\">{}</row><row r=\"1048576\">{}</row>",
        cell("A1", "employee_id"),
        cell("XFD1048576", "x")
    );
    let bytes = workbook(&[("HR", sheet_xml(None, &body))]);
    assert_eq!(
        read_table(&bytes, &Limits::EXTRACT),
        Err(TableError::ColumnBeyondLimit {
            sheet: "HR".into(),
            cell: "XFD1048576".into(),
            limit: 1024,
        })
    );
    // In column A the far row is a row too many for a document, and just an
    // empty stretch for an extract, which is streamed, never made dense.
    let body = format!(
        "<row r=\"1\">{}</row><row r=\"1048576\">{}</row>",
        cell("A1", "date"),
        cell("A1048576", "x")
    );
    let bytes = workbook(&[("HR", sheet_xml(None, &body))]);
    assert_eq!(
        read_table(&bytes, &Limits::DOCUMENT),
        Err(TableError::RowBeyondLimit {
            sheet: "HR".into(),
            cell: "A1048576".into(),
            limit: 100_000,
        })
    );
    let mut book = Workbook::open(&bytes, &Limits::EXTRACT).expect("opened");
    let rows: Vec<(u32, Vec<String>)> = book
        .rows(0)
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(
        rows,
        [
            (0, vec!["date".to_owned()]),
            (1_048_575, vec!["x".to_owned()])
        ]
    );
}

#[test]
fn a_huge_declared_dimension_is_refused_before_any_cell() {
    let bytes = workbook(&[(
        "S",
        sheet_xml(
            Some("A1:ZZ999999"),
            &format!("<row r=\"1\">{}</row>", cell("A1", "x")),
        ),
    )]);
    assert_eq!(
        read_table(&bytes, &Limits::DOCUMENT),
        Err(TableError::DimensionTooLarge {
            sheet: "S".into(),
            range: "A1:ZZ999999".into(),
            rows: 100_000,
            columns: 1024,
        })
    );
}

#[test]
fn too_many_cells_are_refused_at_the_limit() {
    let body: String = (1..=50)
        .map(|row| {
            format!(
                "<row r=\"{row}\">{}{}</row>",
                cell(&format!("A{row}"), "a"),
                cell(&format!("B{row}"), "b")
            )
        })
        .collect();
    let bytes = workbook(&[("Big", sheet_xml(None, &body))]);
    let limits = Limits {
        cells: 99,
        ..Limits::DOCUMENT
    };
    assert_eq!(
        read_table(&bytes, &limits),
        Err(TableError::TooManyCells {
            sheet: "Big".into(),
            limit: 99
        })
    );
    let limits = Limits {
        cells: 100,
        ..Limits::DOCUMENT
    };
    assert_eq!(read_table(&bytes, &limits).map(|rows| rows.len()), Ok(50));
}

#[test]
fn far_apart_cells_count_the_empty_cells_between_them() {
    // Ten rows with one cell each in column ALL: 10 cells in the file, but
    // 10,000 places once each row is padded up to its cell.
    let body: String = (1..=10)
        .map(|row| format!("<row r=\"{row}\">{}</row>", cell(&format!("ALL{row}"), "x")))
        .collect();
    let bytes = workbook(&[("Wide", sheet_xml(None, &body))]);
    let limits = Limits {
        cells: 5_000,
        ..Limits::DOCUMENT
    };
    assert_eq!(
        read_table(&bytes, &limits),
        Err(TableError::TooManyCells {
            sheet: "Wide".into(),
            limit: 5_000
        })
    );
    assert_eq!(
        read_table(&bytes, &Limits::DOCUMENT).map(|rows| rows[9].len()),
        Ok(1_000)
    );
}

#[test]
fn ten_thousand_tiny_sheets_are_refused_by_the_container() {
    let sheets: Vec<(String, String)> = (1..=10_000)
        .map(|n| (format!("S{n}"), sheet_xml(None, "")))
        .collect();
    let bytes = zip_of(&parts(&sheets, None));
    let error = quickly(5, || read_workbook(&bytes, &Limits::DOCUMENT)).expect_err("refused");
    assert_eq!(
        error,
        TableError::TooManyEntries {
            entries: 10_004,
            limit: 1_000
        }
    );
    // Under the entry limit, the sheet limit holds.
    let sheets: Vec<(String, String)> = (1..=100)
        .map(|n| (format!("S{n}"), sheet_xml(None, "")))
        .collect();
    let bytes = zip_of(&parts(&sheets, None));
    assert_eq!(
        read_workbook(&bytes, &Limits::DOCUMENT),
        Err(TableError::TooManySheets {
            sheets: 100,
            limit: 64
        })
    );
}

/// Bits written least significant first, as DEFLATE packs them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    /// `count` bits of `value`, low bit first (header fields, extra bits).
    fn value(&mut self, value: u32, count: u32) {
        for bit in 0..count {
            self.bit((value >> bit) & 1);
        }
    }

    /// A Huffman code of `length` bits, most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        for bit in (0..length).rev() {
            self.bit((code >> bit) & 1);
        }
    }

    fn bit(&mut self, bit: u32) {
        if self.used.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit == 1
            && let Some(last) = self.bytes.last_mut()
        {
            *last |= 1 << (self.used % 8);
        }
        self.used += 1;
    }
}

/// A raw DEFLATE stream of `1 + 258 × copies` zero bytes in one dynamic
/// block whose codes are one or two bits long: a literal 0, then `copies`
/// times "copy 258 bytes from distance 1" (two bits each), then the end.
/// Two gigabytes take two megabytes.
fn zeros_deflated(copies: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.value(1, 1); // the last block
    bits.value(2, 2); // dynamic Huffman codes
    bits.value(29, 5); // HLIT: 286 literal/length codes (up to 285)
    bits.value(0, 5); // HDIST: 1 distance code
    bits.value(14, 4); // HCLEN: 18 code-length codes
    // Code-length code lengths in the order 16, 17, 18, 0, 8, 7, 9, 6, 10,
    // 5, 11, 4, 12, 3, 13, 2, 14, 1: symbol 18 (a run of zeros) gets 1 bit,
    // symbols 1 and 2 get 2 bits.
    for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        bits.value(length, 3);
    }
    // Canonical code-length codes: 18 → 0, 1 → 10, 2 → 11.
    let zeros = |bits: &mut Bits, run: u32| {
        bits.code(0, 1);
        bits.value(run - 11, 7);
    };
    // Literal/length lengths: 0 → 2 bits, 1..=255 none, 256 → 2 bits,
    // 257..=284 none, 285 → 1 bit; then the one distance code: 1 bit.
    bits.code(0b11, 2);
    zeros(&mut bits, 138);
    zeros(&mut bits, 117);
    bits.code(0b11, 2);
    zeros(&mut bits, 28);
    bits.code(0b10, 2);
    bits.code(0b10, 2);
    // Canonical codes: 285 → 0, literal 0 → 10, end of block → 11.
    bits.code(0b10, 2);
    for _ in 0..copies {
        bits.code(0, 1); // length 258
        bits.code(0, 1); // distance 1
    }
    bits.code(0b11, 2);
    bits.bytes
}

/// A one-entry zip around a raw DEFLATE stream, written by hand so that its
/// headers say exactly `declared` bytes (the CRC is left at 0: no reader
/// gets to the end of the entry).
fn raw_entry_zip(name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let compressed = u32::try_from(deflated.len()).expect("small");
    let name_length = u16::try_from(name.len()).expect("short");
    let mut zip = Vec::new();
    let header = |zip: &mut Vec<u8>, signature: &[u8], central: bool| {
        zip.extend_from_slice(signature);
        if central {
            zip.extend_from_slice(&20_u16.to_le_bytes()); // made by
        }
        zip.extend_from_slice(&20_u16.to_le_bytes()); // needed to extract
        zip.extend_from_slice(&0_u16.to_le_bytes()); // flags
        zip.extend_from_slice(&8_u16.to_le_bytes()); // deflated
        zip.extend_from_slice(&[0; 4]); // time and date
        zip.extend_from_slice(&0_u32.to_le_bytes()); // CRC-32
        zip.extend_from_slice(&compressed.to_le_bytes());
        zip.extend_from_slice(&declared.to_le_bytes());
        zip.extend_from_slice(&name_length.to_le_bytes());
        zip.extend_from_slice(&0_u16.to_le_bytes()); // extra field
        if central {
            zip.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
            zip.extend_from_slice(&[0; 4]); // external attributes
            zip.extend_from_slice(&0_u32.to_le_bytes()); // local header at 0
        }
        zip.extend_from_slice(name.as_bytes());
    };
    header(&mut zip, b"PK\x03\x04", false);
    zip.extend_from_slice(deflated);
    let central_at = u32::try_from(zip.len()).expect("small");
    header(&mut zip, b"PK\x01\x02", true);
    let central_size = u32::try_from(zip.len()).expect("small") - central_at;
    zip.extend_from_slice(b"PK\x05\x06");
    zip.extend_from_slice(&[0; 4]); // disks
    zip.extend_from_slice(&1_u16.to_le_bytes());
    zip.extend_from_slice(&1_u16.to_le_bytes());
    zip.extend_from_slice(&central_size.to_le_bytes());
    zip.extend_from_slice(&central_at.to_le_bytes());
    zip.extend_from_slice(&0_u16.to_le_bytes());
    zip
}

/// A valid one-sheet workbook whose part `name` is replaced by `copies`
/// runs of zeros (see [`zeros_deflated`]) declaring `declared` bytes.
fn bomb(name: &str, copies: u64, declared: u32) -> Vec<u8> {
    let raw = raw_entry_zip(name, &zeros_deflated(copies), declared);
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(raw)).expect("hand-made zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let body = format!("<row r=\"1\">{}</row>", cell("A1", "date"));
    for (path, content) in parts(&[("S".to_owned(), sheet_xml(None, &body))], None) {
        if path != name {
            writer.start_file(path.as_str(), options).expect("entry");
            writer.write_all(&content).expect("content");
        }
    }
    writer
        .raw_copy_file(source.by_index_raw(0).expect("entry"))
        .expect("copied");
    writer.finish().expect("zip").into_inner()
}

/// 8,322,000 copies of 258 zeros and one more: 2,147,076,001 bytes.
const GIGABYTES: u64 = 8_322_000;
const GIGABYTES_SIZE: u32 = 2_147_076_001;

#[test]
fn the_bomb_generator_writes_the_zeros_it_claims() {
    use std::io::Read;
    let deflated = zeros_deflated(1000);
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice())
        .read_to_end(&mut inflated)
        .expect("a valid stream");
    assert_eq!(inflated.len(), 258_001);
    assert!(inflated.iter().all(|b| *b == 0));
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 2 GiB of zeros in about 2 MB, honestly declared.
    let honest = bomb("xl/sharedStrings.xml", GIGABYTES, GIGABYTES_SIZE);
    assert!(
        honest.len() < 3 << 20,
        "a small file: {} bytes",
        honest.len()
    );
    for limits in [Limits::DOCUMENT, Limits::EXTRACT] {
        let error = quickly(5, || read_table(&honest, &limits)).expect_err("refused");
        assert_eq!(
            error,
            TableError::EntryTooLarge {
                entry: "xl/sharedStrings.xml".into(),
                bytes: u64::from(GIGABYTES_SIZE),
                limit: limits.entry_bytes,
            }
        );
    }
    // 16 MiB, under the size limits: the compression ratio gives it away.
    let copies = (16 << 20) / 258;
    let dense = bomb("xl/worksheets/sheet1.xml", copies, 1 + 258 * copies as u32);
    match read_table(&dense, &Limits::DOCUMENT) {
        Err(TableError::CompressionRatio {
            entry,
            ratio,
            limit,
        }) => {
            assert_eq!((entry.as_str(), limit), ("xl/worksheets/sheet1.xml", 100));
            assert!(ratio > 500, "ratio {ratio}");
        }
        other => panic!("expected the ratio to refuse it, got {other:?}"),
    }
}

#[test]
fn an_entry_that_inflates_past_its_declared_size_stops_there() {
    // The headers claim 1,000 bytes for 2 GiB of zeros: inspection passes,
    // and the zip reader stops at byte 1,001 instead of inflating gigabytes.
    for name in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"] {
        let liar = bomb(name, GIGABYTES, 1_000);
        // What the reader relies on: the zip reader refuses to go past the
        // declared size.
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&liar)).expect("zip");
        let mut inflated = Vec::new();
        let read =
            std::io::Read::read_to_end(&mut archive.by_name(name).expect("entry"), &mut inflated);
        assert!(read.is_err(), "{name}: read {:?}", read);
        assert!(inflated.len() < 1 << 20, "{name}: {} bytes", inflated.len());
        let before = peak_rss_bytes();
        let result = quickly(5, || read_table(&liar, &Limits::EXTRACT));
        assert!(
            matches!(
                result,
                Err(TableError::BadSheet { .. } | TableError::NotAWorkbook)
            ),
            "{name}: {result:?}"
        );
        if let (Some(before), Some(after)) = (before, peak_rss_bytes()) {
            assert!(
                after < before.max(256 << 20) + (256 << 20),
                "peak memory grew from {before} to {after} bytes"
            );
        }
    }
}

#[test]
fn an_absurd_shared_string_count_is_refused_before_calamine_reserves_it() {
    // calamine reserves `uniqueCount` strings up front: 10^12 of them
    // would abort the process.
    let strings = format!(
        "<?xml version=\"1.0\"?><sst xmlns=\"{MAIN}\" count=\"1\" uniqueCount=\"1000000000000\"><si><t>a</t></si></sst>"
    );
    let body = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    let bytes = zip_of(&parts(
        &[("S".to_owned(), sheet_xml(None, body))],
        Some(strings),
    ));
    assert!(matches!(
        read_table(&bytes, &Limits::EXTRACT),
        Err(TableError::TooManyStrings {
            count: 1_000_000_000_000,
            ..
        })
    ));
    // A count that fits the part is read as usual.
    let strings = format!(
        "<?xml version=\"1.0\"?><sst xmlns=\"{MAIN}\" count=\"1\" uniqueCount=\"1\"><si><t>a</t></si></sst>"
    );
    let bytes = zip_of(&parts(
        &[("S".to_owned(), sheet_xml(None, body))],
        Some(strings),
    ));
    assert_eq!(
        read_table(&bytes, &Limits::EXTRACT),
        Ok(vec![vec!["a".to_owned()]])
    );
}

#[test]
fn deeply_nested_xml_is_refused_without_exhausting_the_stack() {
    let depth = 200_000;
    let nested = format!("{}{}", "<r>".repeat(depth), "</r>".repeat(depth));
    // Inside a cell, inside the shared strings, and as the sheet's rows.
    let in_cell = format!("<row r=\"1\"><c r=\"A1\">{nested}</c></row>");
    let in_strings =
        format!("<?xml version=\"1.0\"?><sst xmlns=\"{MAIN}\"><si>{nested}</si></sst>");
    let cases = [
        zip_of(&parts(&[("S".to_owned(), sheet_xml(None, &in_cell))], None)),
        zip_of(&parts(
            &[("S".to_owned(), sheet_xml(None, ""))],
            Some(in_strings),
        )),
        zip_of(&parts(&[("S".to_owned(), sheet_xml(None, &nested))], None)),
    ];
    // So repetitive a part is refused by its compression ratio; without that
    // limit, the XML itself is read without recursion.
    let limits = Limits {
        ratio: u64::MAX,
        ..Limits::DOCUMENT
    };
    for bytes in cases {
        assert!(matches!(
            read_table(&bytes, &Limits::DOCUMENT),
            Err(TableError::CompressionRatio { .. })
        ));
        // Whatever calamine makes of it, it is an answer, not a crash.
        let result = quickly(10, || read_table(&bytes, &limits));
        assert!(
            matches!(
                result,
                Ok(_) | Err(TableError::BadSheet { .. } | TableError::NotAWorkbook)
            ),
            "{result:?}"
        );
    }
}

#[test]
fn absurd_cell_references_are_an_unreadable_sheet_not_a_panic() {
    // calamine's reference arithmetic overflows on these (a panic in debug
    // builds); the reader turns it into an error naming the sheet.
    for reference in ["ZZZZZZZZZZZZ1", "A99999999999", "B2:A1"] {
        let body = format!("<row r=\"1\">{}</row>", cell(reference, "x"));
        let bytes = workbook(&[("Odd", sheet_xml(Some(reference), &body))]);
        let result = read_table(&bytes, &Limits::DOCUMENT);
        assert!(
            matches!(
                result,
                Err(TableError::BadSheet { .. }
                    | TableError::DimensionTooLarge { .. }
                    | TableError::ColumnBeyondLimit { .. }
                    | TableError::RowBeyondLimit { .. })
            ),
            "{reference}: {result:?}"
        );
    }
}

#[test]
fn rows_out_of_order_are_refused_with_both_row_numbers() {
    let body = format!(
        "<row r=\"5\">{}</row><row r=\"3\">{}</row>",
        cell("A5", "x"),
        cell("A3", "y")
    );
    let bytes = workbook(&[("S", sheet_xml(None, &body))]);
    assert_eq!(
        read_table(&bytes, &Limits::DOCUMENT),
        Err(TableError::RowsOutOfOrder {
            sheet: "S".into(),
            row: 3,
            after: 5
        })
    );
}

#[test]
fn other_spreadsheet_formats_and_other_zips_are_named() {
    // An OpenDocument spreadsheet is a zip whose first entry names its type.
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("entry");
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("content");
    let ods = writer.finish().expect("zip").into_inner();
    assert_eq!(
        read_table(&ods, &Limits::DOCUMENT),
        Err(TableError::UnsupportedFormat { format: "ods" })
    );
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer.start_file("notes.txt", stored).expect("entry");
    writer.write_all(b"hello").expect("content");
    let other = writer.finish().expect("zip").into_inner();
    assert_eq!(
        read_table(&other, &Limits::DOCUMENT),
        Err(TableError::NotAWorkbook)
    );
    assert_eq!(
        read_table(b"PK\x03\x04 not really a zip", &Limits::DOCUMENT),
        Err(TableError::NotAWorkbook)
    );
}

#[test]
fn a_large_file_of_nul_bytes_is_refused_at_once() {
    let nul = vec![0_u8; 16 << 20];
    assert_eq!(
        quickly(2, || read_table(&nul, &Limits::DOCUMENT)),
        Err(TableError::NotText { line: 1 })
    );
    let options = ReportOptions::new(2024);
    assert_eq!(
        quickly(2, || report_from_file(&nul, &options)),
        Err(ExtractError::Table(TableError::NotText { line: 1 }))
    );
}

#[test]
fn the_workforce_engine_reads_the_first_sheet_as_a_stream_with_sheet_row_numbers() {
    let header = [
        "employee_id",
        "sex",
        "grade",
        "category",
        "annual_basic_pay",
        "annual_variable_pay",
        "weekly_hours",
    ];
    let row = |n: u32, values: [&str; 7]| {
        let cells: String = values
            .iter()
            .enumerate()
            .map(|(column, value)| {
                cell(
                    &gedhub_core::tabular::cell_name(n - 1, column as u32 + 1),
                    value,
                )
            })
            .collect();
        format!("<row r=\"{n}\">{cells}</row>")
    };
    let body = [
        row(3, header),
        row(4, ["1", "F", "G", "C", "100", "0", "10"]),
        row(7, ["2", "Q", "G", "C", "100", "0", "10"]),
    ]
    .concat();
    let bytes = workbook(&[("HR", sheet_xml(Some("B3:H7"), &body))]);
    match report_from_file(&bytes, &ReportOptions::new(2024)) {
        Err(ExtractError::Rejected { problems, .. }) => {
            let found: Vec<(u64, &str)> =
                problems.iter().map(|p| (p.line, p.code.as_str())).collect();
            assert_eq!(found, [(7, "unknown_sex")]);
        }
        other => panic!("expected the row 7 problem, got {other:?}"),
    }
    // The streamed reader and the whole-sheet reader agree.
    let sheet = xlsx::read_first_sheet(&bytes, &Limits::EXTRACT).expect("sheet");
    assert_eq!(sheet.rows.len(), 7);
    assert_eq!(sheet.rows[6][2], "Q");
}
