//! Reading uploaded tables (CSV files and .xlsx workbooks) with bounded memory
//! and time. Every importer reads its file through this module: the workforce
//! extract, the instrument workbook, an indicator's measurements, the LMS's
//! completion report, and the CLI's commands that take the same files.
//!
//! Policy:
//! - Limits are checked before anything grows. A workbook's container is
//!   inspected first (number of entries, each entry's declared uncompressed
//!   size, their total, the compression ratio, the shared-strings count), so a
//!   zip bomb is refused before it is inflated; the zip reader refuses an entry
//!   that inflates past its declared size. A sheet's declared dimension is
//!   checked, then its cells are read as a stream, counting cells, rows and
//!   columns and stopping at the first one past a limit. No dense grid is ever
//!   built from the file's own figures.
//! - One strict CSV policy ([`csv`]): UTF-8 (a byte-order mark is dropped), no
//!   NUL byte, `,` or `;` sniffed from the header, RFC 4180 quoting framed by
//!   quote parity, and an unclosed quote is an error, never a last field that
//!   runs to the end of the file. Records are bounded in length and number.
//! - Errors name where: the sheet and cell, or the line of the file
//!   ([`TableError`], with a stable [`TableError::code`] and the figures a
//!   message needs in [`TableError::details`]).
//! - Only .xlsx workbooks are read. Excel 97-2003 `.xls` and OpenDocument
//!   `.ods` files are recognised and refused with their own message.
//! - calamine parses the workbook XML; a panic inside it (it has overflowing
//!   arithmetic on absurd cell references in debug builds) is caught and
//!   reported as an unreadable sheet, so a bad file never takes a request's
//!   thread down.

pub mod csv;
pub mod xlsx;

use crate::instrument::Sheet;

/// How much a file may hold. Two sets: [`Limits::DOCUMENT`] for the small
/// tables people fill in by hand, [`Limits::EXTRACT`] for HR extracts.
/// The README lists both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Rows: the last row number a sheet may use, or the number of records
    /// of a CSV file (the header counts).
    pub rows: u32,
    /// Columns: the last column a sheet may use, or the fields of a record.
    pub columns: u32,
    /// Cells read from a workbook, all sheets together: empty cells count,
    /// and so do the empty cells a row is padded with up to its last cell
    /// (a row with one cell in column ALL takes 1,000 places).
    pub cells: u64,
    /// Longest CSV record, in bytes.
    pub record_bytes: usize,
    /// Sheets in a workbook.
    pub sheets: usize,
    /// Entries (files) in a workbook's zip container.
    pub entries: usize,
    /// Declared uncompressed size of one entry (a sheet, the shared strings).
    pub entry_bytes: u64,
    /// Declared uncompressed size of all the entries together.
    pub total_bytes: u64,
    /// Uncompressed size over compressed size, for entries larger than
    /// [`RATIO_GRACE_BYTES`].
    pub ratio: u64,
}

/// Entries up to this size may have any compression ratio: a tiny file of
/// repeated bytes compresses a thousandfold and harms no one.
pub const RATIO_GRACE_BYTES: u64 = 1024 * 1024;

/// Excel's own limits; a sheet cannot be larger.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;
pub const EXCEL_MAX_COLUMNS: u32 = 16_384;

impl Limits {
    /// Instrument workbooks, measurement files, completion reports (uploads
    /// of 5 to 10 MB): 100,000 rows, 1,024 columns, 2 million cells.
    pub const DOCUMENT: Limits = Limits {
        rows: 100_000,
        columns: 1_024,
        cells: 2_000_000,
        record_bytes: 1024 * 1024,
        sheets: 64,
        entries: 1_000,
        entry_bytes: 64 * 1024 * 1024,
        total_bytes: 256 * 1024 * 1024,
        ratio: 100,
    };

    /// Workforce extracts (uploads up to 256 MB): 2 million rows (a CSV
    /// file; a sheet stops at Excel's 1,048,576), 1,024 columns, 40 million
    /// cells (a million workers with 40 columns).
    pub const EXTRACT: Limits = Limits {
        rows: 2_000_000,
        columns: 1_024,
        cells: 40_000_000,
        record_bytes: 1024 * 1024,
        sheets: 64,
        entries: 1_000,
        entry_bytes: 1024 * 1024 * 1024,
        total_bytes: 2 * 1024 * 1024 * 1024,
        ratio: 100,
    };
}

/// Why a file could not be read as a table. Positions are 1-based, as the
/// user sees them (line 1 is the header; cells are named like `B7`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// A spreadsheet format gedhub does not read (`xls`, `ods`).
    #[error("{format} files are not read; save the file as .xlsx")]
    UnsupportedFormat { format: &'static str },
    /// A zip container that is not an .xlsx workbook, or whose workbook
    /// parts cannot be read.
    #[error("not a readable .xlsx workbook")]
    NotAWorkbook,
    #[error("the workbook holds {entries} files (at most {limit})")]
    TooManyEntries { entries: usize, limit: usize },
    #[error("the part {entry} inflates to {bytes} bytes (at most {limit})")]
    EntryTooLarge {
        entry: String,
        bytes: u64,
        limit: u64,
    },
    #[error("the workbook inflates to more than {limit} bytes")]
    WorkbookTooLarge { limit: u64 },
    #[error("the part {entry} is compressed {ratio} to 1 (at most {limit} to 1)")]
    CompressionRatio {
        entry: String,
        ratio: u64,
        limit: u64,
    },
    #[error("the workbook has {sheets} sheets (at most {limit})")]
    TooManySheets { sheets: usize, limit: usize },
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("the workbook declares {count} shared strings (at most {limit})")]
    TooManyStrings { count: u64, limit: u64 },
    #[error("sheet {sheet} declares the range {range}, beyond {rows} rows or {columns} columns")]
    DimensionTooLarge {
        sheet: String,
        range: String,
        rows: u32,
        columns: u32,
    },
    #[error("sheet {sheet}, cell {cell}: beyond row {limit}")]
    RowBeyondLimit {
        sheet: String,
        cell: String,
        limit: u32,
    },
    #[error("sheet {sheet}, cell {cell}: beyond column {limit}")]
    ColumnBeyondLimit {
        sheet: String,
        cell: String,
        limit: u32,
    },
    #[error("sheet {sheet}: more than {limit} cells")]
    TooManyCells { sheet: String, limit: u64 },
    #[error("sheet {sheet}: row {row} comes after row {after}")]
    RowsOutOfOrder { sheet: String, row: u64, after: u64 },
    #[error("sheet {sheet} cannot be read")]
    BadSheet { sheet: String },
    #[error("line {line}: a NUL byte; this is not a text file")]
    NotText { line: u64 },
    #[error("line {line}: not UTF-8 text")]
    NotUtf8 { line: u64 },
    #[error("line {line}: a quoted field is never closed")]
    UnclosedQuote { line: u64 },
    #[error(
        "line {line}, field {field}: a quote inside an unquoted field, or text after a closing quote"
    )]
    BadQuoting { line: u64, field: u64 },
    #[error("line {line}: a record longer than {limit} bytes")]
    RecordTooLong { line: u64, limit: usize },
    #[error("more than {limit} rows")]
    TooManyRows { limit: u32 },
    #[error("line {line}: more than {limit} fields")]
    TooManyColumns { line: u64, limit: u32 },
    /// More fields in the whole file than [`Limits::cells`].
    #[error("line {line}: more than {limit} fields in the file")]
    TooManyFields { line: u64, limit: u64 },
}

impl TableError {
    /// The stable code of the error envelope and of the message key
    /// (`table-<code>` in the interface text).
    pub fn code(&self) -> &'static str {
        match self {
            TableError::UnsupportedFormat { .. } => "file_format_unsupported",
            TableError::NotAWorkbook => "workbook_unreadable",
            TableError::TooManyEntries { .. } => "workbook_too_many_parts",
            TableError::EntryTooLarge { .. } => "workbook_part_too_large",
            TableError::WorkbookTooLarge { .. } => "workbook_too_large",
            TableError::CompressionRatio { .. } => "workbook_compression_ratio",
            TableError::TooManySheets { .. } => "workbook_too_many_sheets",
            TableError::NoSheet => "workbook_no_sheet",
            TableError::TooManyStrings { .. } => "workbook_too_many_strings",
            TableError::DimensionTooLarge { .. } => "sheet_dimension_too_large",
            TableError::RowBeyondLimit { .. } => "sheet_row_beyond_limit",
            TableError::ColumnBeyondLimit { .. } => "sheet_column_beyond_limit",
            TableError::TooManyCells { .. } => "sheet_too_many_cells",
            TableError::RowsOutOfOrder { .. } => "sheet_rows_out_of_order",
            TableError::BadSheet { .. } => "sheet_unreadable",
            TableError::NotText { .. } => "csv_not_text",
            TableError::NotUtf8 { .. } => "csv_not_utf8",
            TableError::UnclosedQuote { .. } => "csv_unclosed_quote",
            TableError::BadQuoting { .. } => "csv_bad_quoting",
            TableError::RecordTooLong { .. } => "csv_record_too_long",
            TableError::TooManyRows { .. } => "table_too_many_rows",
            TableError::TooManyColumns { .. } => "table_too_many_columns",
            TableError::TooManyFields { .. } => "csv_too_many_fields",
        }
    }

    /// The figures a message shows, by name (`sheet`, `cell`, `line`,
    /// `limit`, ...). Sizes are in whole megabytes (MiB, rounded up).
    pub fn details(&self) -> Vec<(&'static str, Detail)> {
        use Detail::{Number, Text};
        let mb = |bytes: u64| Number(bytes.div_ceil(1024 * 1024));
        let count = |value: usize| Number(value as u64);
        match self {
            TableError::UnsupportedFormat { format } => vec![("format", Text((*format).into()))],
            TableError::NotAWorkbook | TableError::NoSheet => Vec::new(),
            TableError::TooManyEntries { entries, limit } => {
                vec![("count", count(*entries)), ("limit", count(*limit))]
            }
            TableError::EntryTooLarge {
                entry,
                bytes,
                limit,
            } => vec![
                ("entry", Text(entry.clone())),
                ("size", mb(*bytes)),
                ("limit", mb(*limit)),
            ],
            TableError::WorkbookTooLarge { limit } => vec![("limit", mb(*limit))],
            TableError::CompressionRatio {
                entry,
                ratio,
                limit,
            } => vec![
                ("entry", Text(entry.clone())),
                ("ratio", Number(*ratio)),
                ("limit", Number(*limit)),
            ],
            TableError::TooManySheets { sheets, limit } => {
                vec![("count", count(*sheets)), ("limit", count(*limit))]
            }
            TableError::TooManyStrings { count, limit } => {
                vec![("count", Number(*count)), ("limit", Number(*limit))]
            }
            TableError::DimensionTooLarge {
                sheet,
                range,
                rows,
                columns,
            } => vec![
                ("sheet", Text(sheet.clone())),
                ("range", Text(range.clone())),
                ("rows", Number(u64::from(*rows))),
                ("columns", Number(u64::from(*columns))),
            ],
            TableError::RowBeyondLimit { sheet, cell, limit }
            | TableError::ColumnBeyondLimit { sheet, cell, limit } => vec![
                ("sheet", Text(sheet.clone())),
                ("cell", Text(cell.clone())),
                ("limit", Number(u64::from(*limit))),
            ],
            TableError::TooManyCells { sheet, limit } => {
                vec![("sheet", Text(sheet.clone())), ("limit", Number(*limit))]
            }
            TableError::RowsOutOfOrder { sheet, row, after } => vec![
                ("sheet", Text(sheet.clone())),
                ("row", Number(*row)),
                ("after", Number(*after)),
            ],
            TableError::BadSheet { sheet } => vec![("sheet", Text(sheet.clone()))],
            TableError::NotText { line }
            | TableError::NotUtf8 { line }
            | TableError::UnclosedQuote { line } => vec![("line", Number(*line))],
            TableError::BadQuoting { line, field } => {
                vec![("line", Number(*line)), ("field", Number(*field))]
            }
            TableError::RecordTooLong { line, limit } => {
                vec![("line", Number(*line)), ("limit", count(*limit))]
            }
            TableError::TooManyRows { limit } => vec![("limit", Number(u64::from(*limit)))],
            TableError::TooManyColumns { line, limit } => {
                vec![
                    ("line", Number(*line)),
                    ("limit", Number(u64::from(*limit))),
                ]
            }
            TableError::TooManyFields { line, limit } => {
                vec![("line", Number(*line)), ("limit", Number(*limit))]
            }
        }
    }
}

/// A figure of a [`TableError`] message: the interface formats numbers in
/// the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Text(String),
    Number(u64),
}

/// What a file is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A zip container: an .xlsx workbook (or another zip, refused later).
    Zip,
    /// An OLE compound file: Excel 97-2003 `.xls`.
    Xls,
    /// Anything else is read as CSV text.
    Csv,
}

impl Format {
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            Format::Zip
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Format::Xls
        } else {
            Format::Csv
        }
    }
}

/// The rows of a CSV file, or of the first sheet of an .xlsx workbook, as
/// text. Sheet rows keep their Excel positions (leading empty rows and
/// columns included), so row numbers are the ones the user sees.
pub fn read_table(bytes: &[u8], limits: &Limits) -> Result<Vec<Vec<String>>, TableError> {
    match Format::sniff(bytes) {
        Format::Zip => Ok(xlsx::read_first_sheet(bytes, limits)?.rows),
        Format::Xls => Err(TableError::UnsupportedFormat { format: "xls" }),
        Format::Csv => csv::read_csv(bytes, limits),
    }
}

/// Every sheet of an .xlsx workbook as rows of text (see [`read_table`]).
pub fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, TableError> {
    match Format::sniff(bytes) {
        Format::Xls => Err(TableError::UnsupportedFormat { format: "xls" }),
        Format::Zip | Format::Csv => xlsx::read_sheets(bytes, limits),
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`, `16383` → `XFD`.
pub fn column_name(index: u32) -> String {
    let mut name = Vec::new();
    let mut n = u64::from(index) + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        name.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell's name from 0-based positions: `(6, 1)` → `B7`.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_cells_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(EXCEL_MAX_COLUMNS - 1), "XFD");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(
            cell_name(EXCEL_MAX_ROWS - 1, EXCEL_MAX_COLUMNS - 1),
            "XFD1048576"
        );
    }

    #[test]
    fn formats_are_told_apart_by_their_first_bytes() {
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(
            Format::sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Xls
        );
        assert_eq!(Format::sniff(b"date,value\n"), Format::Csv);
        assert_eq!(Format::sniff(b""), Format::Csv);
        assert_eq!(
            read_table(
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                &Limits::DOCUMENT
            ),
            Err(TableError::UnsupportedFormat { format: "xls" })
        );
    }
}
