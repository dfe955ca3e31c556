//! Reading an HR extract: header, rows, validation, duplicate ids.
//!
//! The CSV path reads the caller's buffer once and allocates nothing per row:
//! field values are slices of the input; grade and category names are interned
//! into small tables; employee ids are kept as slices for the duplicate check.
//! The buffer is cut into as many chunks as there are cores, at record
//! boundaries, and the chunks are read in parallel.
//!
//! Record boundaries follow RFC 4180 quoting by quote parity: a line break ends
//! a record when an even number of `"` precede it in the file (doubled quotes
//! inside a quoted field count twice, so they do not change the parity). This is
//! what lets a chunk boundary be found without reading the file from the start,
//! and the single-threaded reading uses the very same rule, so the result does
//! not depend on the number of chunks. A quote anywhere else (inside an unquoted
//! field, or text after a closing quote) makes the row `bad_quoting`.
//!
//! Records with nothing but delimiters and blank space (the empty rows
//! spreadsheets add, blank lines) describe no worker and are skipped wherever
//! they are; they are not counted as rows.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::statistics::{self, EXITED, HIRED, PROMOTED, Population, Worker};
use super::{
    ExtractError, MAX_REPORTED_PROBLEMS, ManagementLevel, ReportOptions, RowProblem, Sex,
    WorkforceReport,
};
use crate::tabular::csv::{FieldRef, line_of, record_end, sniff_delimiter, split_record};
use crate::tabular::xlsx::Workbook;
use crate::tabular::{Format, Limits, TableError};

/// The columns the engine knows, in slot order. The first seven are required.
const KNOWN: [&str; 15] = [
    "employee_id",
    "sex",
    "grade",
    "category",
    "annual_basic_pay",
    "annual_variable_pay",
    "weekly_hours",
    "management_level",
    "hire_date",
    "exit_date",
    "last_promotion_date",
    "birth_year",
    "training_days",
    "function",
    "unit",
];
const REQUIRED: usize = 7;
const SLOTS: usize = KNOWN.len();
const ID: usize = 0;
const SEX: usize = 1;
const GRADE: usize = 2;
const CATEGORY: usize = 3;
const BASIC: usize = 4;
const VARIABLE: usize = 5;
const HOURS: usize = 6;
const LEVEL: usize = 7;
const HIRE: usize = 8;
const EXIT: usize = 9;
const PROMOTION: usize = 10;
const BIRTH_YEAR: usize = 11;
const TRAINING: usize = 12;
/// `function` and `unit` are recognised (so a duplicate is caught) but not used:
/// they are free text that could identify a worker.
const LAST_VALIDATED: usize = TRAINING;
const NO_SLOT: u8 = u8::MAX;
/// Problem values are cut to this many characters.
const MAX_VALUE_CHARS: usize = 64;
/// Below this size one thread reads the file: starting threads costs more.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// Where each known column sits in the header.
#[derive(Debug)]
pub(crate) struct Columns {
    /// Per header position: the slot, or [`NO_SLOT`] for an ignored column.
    slot_of: Vec<u8>,
    /// Header positions beyond this hold no column the engine validates.
    last_needed: usize,
    present: [bool; SLOTS],
    /// Header names as written (trimmed), to name ignored columns in problems.
    names: Vec<String>,
}

impl Columns {
    fn from_header<'h>(header: impl Iterator<Item = &'h str>) -> Result<Columns, ExtractError> {
        let mut slot_of = Vec::new();
        let mut position = [0_usize; SLOTS];
        let mut present = [false; SLOTS];
        let mut names = Vec::new();
        let mut last_needed = 0;
        for (index, name) in header.enumerate() {
            let name = name.trim();
            let slot = KNOWN
                .iter()
                .position(|known| name.eq_ignore_ascii_case(known));
            match slot {
                Some(slot) if present[slot] => {
                    return Err(ExtractError::DuplicateColumn {
                        column: KNOWN[slot],
                        first: position[slot] + 1,
                        second: index + 1,
                    });
                }
                Some(slot) => {
                    present[slot] = true;
                    position[slot] = index;
                    if slot <= LAST_VALIDATED {
                        last_needed = index;
                    }
                    slot_of.push(u8::try_from(slot).unwrap_or(NO_SLOT));
                }
                None => slot_of.push(NO_SLOT),
            }
            names.push(name.to_owned());
        }
        let missing: Vec<&'static str> = KNOWN[..REQUIRED]
            .iter()
            .zip(present)
            .filter(|(_, present)| !present)
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(ExtractError::MissingColumns { columns: missing });
        }
        Ok(Columns {
            slot_of,
            last_needed,
            present,
            names,
        })
    }

    fn flows_present(&self) -> [bool; 3] {
        [
            self.present[HIRE],
            self.present[EXIT],
            self.present[PROMOTION],
        ]
    }

    /// The name a problem in header position `index` reports.
    fn name_at(&self, index: usize) -> &str {
        match self.slot_of.get(index) {
            Some(&slot) if slot != NO_SLOT => KNOWN[usize::from(slot)],
            _ => self.names.get(index).map_or("", String::as_str),
        }
    }
}

/// One row's values by slot, trimmed; empty when absent.
type Fields<'f> = [&'f [u8]; SLOTS];

/// An employee id seen in a row, kept for the duplicate check.
#[derive(Debug)]
pub(crate) struct IdEntry<'a> {
    id: Cow<'a, [u8]>,
    hash: u64,
    /// Line relative to the part's `line_offset`.
    line: u64,
    /// The row's index in the part's population, or `None` for an invalid row
    /// (its id still counts: a later row with the same id is a duplicate).
    worker: Option<usize>,
}

/// Names (grades, categories) interned to small integers.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<Vec<u8>, u32, BuildHasherDefault<FastHasher>>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(String::from_utf8_lossy(name).into_owned());
        self.ids.insert(name.to_vec(), id);
        id
    }
}

/// A problem with its column's rank, so problems sort by line then column.
#[derive(Debug)]
struct Problem {
    rank: usize,
    problem: RowProblem,
}

/// What reading part of an extract produced, before duplicates are resolved.
#[derive(Debug, Default)]
pub(crate) struct Part<'a> {
    population: Population,
    grades: Interner,
    categories: Interner,
    ids: Vec<IdEntry<'a>>,
    problems: Vec<Problem>,
    problem_count: u64,
    invalid_rows: u64,
    /// Added to every line number of the part (CSV chunks count from 0).
    line_offset: u64,
    /// Physical lines the part spans (line breaks read).
    lines: u64,
    /// Records read (blank ones included), for the row limit.
    records: u64,
    /// What stopped the reading of the part, at which line (relative): the
    /// whole file is refused then.
    fatal: Option<(u64, Fatal)>,
}

/// A fault that refuses a whole CSV extract, found while reading a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fatal {
    NotUtf8,
    UnclosedQuote,
    RecordTooLong,
    TooManyRows,
}

impl Fatal {
    fn error(self, line: u64, limits: &Limits) -> ExtractError {
        match self {
            Fatal::NotUtf8 => ExtractError::NotUtf8 { line },
            Fatal::UnclosedQuote => TableError::UnclosedQuote { line }.into(),
            Fatal::RecordTooLong => TableError::RecordTooLong {
                line,
                limit: limits.record_bytes,
            }
            .into(),
            Fatal::TooManyRows => TableError::TooManyRows { limit: limits.rows }.into(),
        }
    }
}

impl<'a> Part<'a> {
    fn report(&mut self, line: u64, rank: usize, column: &str, code: &str, value: &[u8]) {
        self.problem_count += 1;
        if self.problems.len() < MAX_REPORTED_PROBLEMS {
            self.problems.push(Problem {
                rank,
                problem: RowProblem {
                    line,
                    column: column.to_owned(),
                    code: code.to_owned(),
                    value: shorten(value),
                    first_line: None,
                },
            });
        }
    }

    /// Validates one row and keeps it if it is valid. `id` gives the id to keep
    /// for the duplicate check (borrowed from the input when it can be).
    fn push_row(
        &mut self,
        line: u64,
        fields: &Fields<'_>,
        options: &ReportOptions,
        decimal_comma: bool,
        id: impl FnOnce() -> Cow<'a, [u8]>,
    ) {
        let problem_count = self.problem_count;
        let bad = |part: &mut Self, slot: usize, code: &str| {
            part.report(line, slot, KNOWN[slot], code, fields[slot]);
        };
        for slot in [ID, GRADE, CATEGORY] {
            if fields[slot].is_empty() {
                bad(self, slot, "missing_value");
            }
        }
        let sex = if fields[SEX].is_empty() {
            bad(self, SEX, "missing_value");
            None
        } else {
            let sex = Sex::parse(fields[SEX]);
            if sex.is_none() {
                bad(self, SEX, "unknown_sex");
            }
            sex
        };
        let amount = |part: &mut Self, slot: usize| -> Option<f64> {
            if fields[slot].is_empty() {
                bad(part, slot, "missing_value");
                return None;
            }
            let value = parse_number(fields[slot], decimal_comma);
            match value {
                None => bad(part, slot, "bad_number"),
                Some(v) if slot == HOURS && v <= 0.0 => bad(part, slot, "zero_hours"),
                Some(v) if v < 0.0 => bad(part, slot, "negative_pay"),
                Some(_) => return value,
            }
            None
        };
        let basic = amount(self, BASIC);
        let variable = amount(self, VARIABLE);
        let hours = amount(self, HOURS);
        let level = ManagementLevel::parse(fields[LEVEL]);
        if level.is_none() {
            bad(self, LEVEL, "unknown_management_level");
        }
        let mut events = 0_u8;
        for (slot, flag) in [(HIRE, HIRED), (EXIT, EXITED), (PROMOTION, PROMOTED)] {
            if fields[slot].is_empty() {
                continue;
            }
            match parse_date_year(fields[slot]) {
                Some(year) if year == options.reference_year => events |= flag,
                Some(_) => {}
                None => bad(self, slot, "bad_date"),
            }
        }
        if !fields[BIRTH_YEAR].is_empty() && parse_integer(fields[BIRTH_YEAR]).is_none() {
            bad(self, BIRTH_YEAR, "bad_number");
        }
        if !fields[TRAINING].is_empty() {
            match parse_number(fields[TRAINING], decimal_comma) {
                None => bad(self, TRAINING, "bad_number"),
                Some(v) if v < 0.0 => bad(self, TRAINING, "negative_value"),
                Some(_) => {}
            }
        }

        let worker = match (sex, basic, variable, hours, level) {
            (Some(sex), Some(basic), Some(variable), Some(hours), Some(level))
                if self.problem_count == problem_count =>
            {
                let grade = self.grades.intern(fields[GRADE]);
                let category = self.categories.intern(fields[CATEGORY]);
                let index = self.population.len();
                self.population.push(Worker {
                    sex,
                    grade,
                    category,
                    level,
                    events,
                    annual_basic_pay: basic,
                    annual_variable_pay: variable,
                    weekly_hours: hours,
                });
                Some(index)
            }
            _ => {
                self.invalid_rows += 1;
                None
            }
        };
        if !fields[ID].is_empty() {
            let id = id();
            self.ids.push(IdEntry {
                hash: hash_bytes(&id),
                id,
                line,
                worker,
            });
        }
    }

    /// A row whose quoting is malformed: reported once, not read further.
    fn push_bad_quoting(&mut self, line: u64, columns: &Columns, index: usize, value: &[u8]) {
        let rank = match columns.slot_of.get(index) {
            Some(&slot) if slot != NO_SLOT => usize::from(slot),
            _ => SLOTS + index,
        };
        self.report(line, rank, columns.name_at(index), "bad_quoting", value);
        self.invalid_rows += 1;
    }
}

/// Computes the report of a CSV extract (UTF-8, with or without a BOM; `,` or
/// `;` delimiter, sniffed from the header row; LF or CRLF; RFC 4180 quoting).
/// Uses all the cores the machine offers for a large file.
pub fn report_from_csv(
    bytes: &[u8],
    options: &ReportOptions,
) -> Result<WorkforceReport, ExtractError> {
    let threads = if bytes.len() < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    };
    report_from_csv_with_threads(bytes, options, threads)
}

/// [`report_from_csv`] with an explicit number of chunks and threads, even for
/// a small file: the tests check that the result does not depend on it.
#[doc(hidden)]
pub fn report_from_csv_with_threads(
    bytes: &[u8],
    options: &ReportOptions,
    threads: usize,
) -> Result<WorkforceReport, ExtractError> {
    report_from_csv_limited(bytes, options, threads, &Limits::EXTRACT)
}

/// [`report_from_csv_with_threads`] under other [`Limits`] than the
/// extracts' own, so that the tests can reach them with small files.
#[doc(hidden)]
pub fn report_from_csv_limited(
    bytes: &[u8],
    options: &ReportOptions,
    threads: usize,
    limits: &Limits,
) -> Result<WorkforceReport, ExtractError> {
    let threads = threads.max(1);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    // One pass before anything else: a NUL byte (UTF-16 text, a binary
    // file) refuses the file, however long its first line would be.
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(TableError::NotText {
            line: line_of(bytes, at),
        }
        .into());
    }
    let frame = record_end(bytes, 0);
    if frame.end > limits.record_bytes {
        return Err(TableError::RecordTooLong {
            line: 1,
            limit: limits.record_bytes,
        }
        .into());
    }
    let header = bytes[..frame.end]
        .strip_suffix(b"\r")
        .unwrap_or(&bytes[..frame.end]);
    if frame.unclosed {
        return Err(TableError::UnclosedQuote { line: 1 }.into());
    }
    let header_lines = 1 + if frame.quoted {
        count_byte(header, b'\n')
    } else {
        0
    } as u64;
    let header = std::str::from_utf8(header).map_err(|error| ExtractError::NotUtf8 {
        line: 1 + count_byte(&header[..error.valid_up_to()], b'\n') as u64,
    })?;
    let delimiter = sniff_delimiter(header.as_bytes());
    let mut names = Vec::new();
    let mut scratch = Vec::new();
    split_record(
        header.as_bytes(),
        frame.quoted,
        delimiter,
        &mut scratch,
        |index, field| {
            names.push(field);
            index < limits.columns as usize
        },
    );
    if names.len() > limits.columns as usize {
        return Err(TableError::TooManyColumns {
            line: 1,
            limit: limits.columns,
        }
        .into());
    }
    let names: Vec<String> = names
        .into_iter()
        .map(|field| {
            String::from_utf8_lossy(field.resolve(header.as_bytes(), &scratch)).into_owned()
        })
        .collect();
    let columns = Columns::from_header(names.iter().map(String::as_str))?;

    let body = &bytes[frame.next..];
    let bounds = chunk_bounds(body, threads);
    let decimal_comma = delimiter == b';';
    let read = |range: (usize, usize)| {
        read_chunk(
            &body[range.0..range.1],
            delimiter,
            decimal_comma,
            &columns,
            options,
            limits,
        )
    };
    let mut parts: Vec<Part<'_>> = if bounds.len() <= 2 {
        vec![read((0, body.len()))]
    } else {
        let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
        std::thread::scope(|scope| {
            let handles: Vec<_> = ranges[1..]
                .iter()
                .map(|&range| scope.spawn(move || read(range)))
                .collect();
            let mut parts = vec![read(ranges[0])];
            for handle in handles {
                match handle.join() {
                    Ok(part) => parts.push(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            parts
        })
    };
    // Relative lines count from 0; the first data line follows the header.
    let mut line_offset = header_lines + 1;
    let mut records = 1;
    for part in &mut parts {
        part.line_offset = line_offset;
        line_offset += part.lines;
        records += part.records;
        if let Some((line, fatal)) = part.fatal {
            return Err(fatal.error(part.line_offset + line, limits));
        }
    }
    if records > u64::from(limits.rows) {
        return Err(Fatal::TooManyRows.error(0, limits));
    }
    finish(parts, &columns, options, threads)
}

/// Computes the report of an uploaded extract: CSV, or the first sheet of an
/// .xlsx workbook, told apart by the first bytes. The CLI and the web upload
/// both go through here.
pub fn report_from_file(
    bytes: &[u8],
    options: &ReportOptions,
) -> Result<WorkforceReport, ExtractError> {
    match Format::sniff(bytes) {
        Format::Csv => report_from_csv(bytes, options),
        Format::Xls => Err(TableError::UnsupportedFormat { format: "xls" }.into()),
        Format::Zip => report_from_xlsx(bytes, options, &Limits::EXTRACT),
    }
}

/// Computes the report of the first sheet of an .xlsx workbook, streamed
/// from the bounded reader: the first row with text is the header; row
/// numbers in problems are the sheet's.
pub fn report_from_xlsx(
    bytes: &[u8],
    options: &ReportOptions,
    limits: &Limits,
) -> Result<WorkforceReport, ExtractError> {
    let mut workbook = Workbook::open(bytes, limits)?;
    if workbook.sheet_names().is_empty() {
        return Err(TableError::NoSheet.into());
    }
    let mut rows = workbook.rows(0)?;
    let header = match rows.next() {
        None => return Err(ExtractError::Empty),
        Some(row) => row?.1,
    };
    let mut failure = None;
    let data = rows.map_while(|row| match row {
        Ok((index, cells)) => Some((u64::from(index) + 1, cells)),
        Err(error) => {
            failure = Some(error);
            None
        }
    });
    let report = report_from_rows(&header, data, options);
    match failure {
        Some(error) => Err(error.into()),
        None => report,
    }
}

/// Computes the report of the rows of a spreadsheet (the first sheet of an
/// .xlsx, read by the caller): the header cells, then each data row's cells as
/// text with its 1-based row number. Numbers must use `.` as the decimal
/// separator (format numeric cells without grouping), dates `YYYY-MM-DD`.
/// Same validation and statistics as [`report_from_csv`].
pub fn report_from_rows(
    header: &[String],
    rows: impl Iterator<Item = (u64, Vec<String>)>,
    options: &ReportOptions,
) -> Result<WorkforceReport, ExtractError> {
    if header.iter().all(|cell| cell.trim().is_empty()) {
        return Err(ExtractError::Empty);
    }
    let columns = Columns::from_header(header.iter().map(String::as_str))?;
    let mut part = Part::default();
    for (line, cells) in rows {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut fields: Fields<'_> = [b""; SLOTS];
        for (index, cell) in cells.iter().enumerate().take(columns.last_needed + 1) {
            if let Some(&slot) = columns.slot_of.get(index)
                && slot != NO_SLOT
            {
                fields[usize::from(slot)] = cell.trim().as_bytes();
            }
        }
        let id = fields[ID].to_vec();
        part.push_row(line, &fields, options, false, || Cow::Owned(id));
    }
    finish(vec![part], &columns, options, 1)
}

/// Reads one chunk of records (it starts at a record boundary).
fn read_chunk<'a>(
    chunk: &'a [u8],
    delimiter: u8,
    decimal_comma: bool,
    columns: &Columns,
    options: &ReportOptions,
    limits: &Limits,
) -> Part<'a> {
    let mut part = Part::default();
    if let Err(error) = std::str::from_utf8(chunk) {
        part.fatal = Some((
            count_byte(&chunk[..error.valid_up_to()], b'\n') as u64,
            Fatal::NotUtf8,
        ));
        return part;
    }
    // Rows are about 100 bytes; a generous guess saves most regrowth.
    let estimate = chunk.len() / 96;
    part.population.reserve(estimate);
    part.ids.reserve(estimate);
    let mut scratch = Vec::new();
    let mut refs: Vec<FieldRef> = Vec::with_capacity(columns.slot_of.len());
    let mut line = 0_u64;
    let mut pos = 0;
    while pos < chunk.len() {
        let frame = record_end(chunk, pos);
        let this_line = line;
        let fatal = if frame.unclosed {
            Some(Fatal::UnclosedQuote)
        } else if frame.end - pos > limits.record_bytes {
            Some(Fatal::RecordTooLong)
        } else if part.records >= u64::from(limits.rows) {
            Some(Fatal::TooManyRows)
        } else {
            None
        };
        if let Some(fatal) = fatal {
            part.fatal = Some((this_line, fatal));
            break;
        }
        part.records += 1;
        let raw = &chunk[pos..frame.end];
        let record = raw.strip_suffix(b"\r").unwrap_or(raw);
        if frame.next > frame.end {
            line += 1;
        }
        if frame.quoted {
            line += count_byte(raw, b'\n') as u64;
        }
        pos = frame.next;
        refs.clear();
        let last_needed = columns.last_needed;
        let bad_at = split_record(
            record,
            frame.quoted,
            delimiter,
            &mut scratch,
            |index, field| {
                refs.push(field);
                index < last_needed
            },
        );
        if let Some((index, start)) = bad_at {
            part.push_bad_quoting(this_line, columns, index, &record[start..]);
            continue;
        }
        let mut fields: Fields<'_> = [b""; SLOTS];
        let mut id_ref = FieldRef::Input(0, 0);
        for (index, field) in refs.iter().enumerate() {
            let slot = columns.slot_of.get(index).copied().unwrap_or(NO_SLOT);
            if slot != NO_SLOT {
                fields[usize::from(slot)] = trim(field.resolve(record, &scratch));
                if usize::from(slot) == ID {
                    id_ref = *field;
                }
            }
        }
        if fields[ID].is_empty() && is_blank(record, delimiter) {
            continue;
        }
        let id = || match id_ref {
            FieldRef::Input(start, end) => Cow::Borrowed(trim(&record[start..end])),
            FieldRef::Scratch(..) => Cow::Owned(fields[ID].to_vec()),
        };
        part.push_row(this_line, &fields, options, decimal_comma, id);
    }
    part.lines = line;
    part
}

/// Cuts `body` into up to `threads` ranges that start at record boundaries.
/// Returns the boundaries, `0` first and `body.len()` last.
fn chunk_bounds(body: &[u8], threads: usize) -> Vec<usize> {
    if threads <= 1 || body.is_empty() {
        return vec![0, body.len()];
    }
    let raw: Vec<usize> = (0..=threads).map(|k| body.len() * k / threads).collect();
    // Quotes before each raw boundary, counted in parallel.
    let counts: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = raw
            .windows(2)
            .map(|w| {
                let segment = &body[w[0]..w[1]];
                // Quotes are rare in extracts: memchr skips the rest fast.
                scope.spawn(move || memchr::memchr_iter(b'"', segment).count())
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut bounds = vec![0];
    let mut quotes_before = 0;
    for k in 1..threads {
        quotes_before += counts[k - 1];
        let mut inside = quotes_before % 2 == 1;
        let mut pos = raw[k];
        let boundary = loop {
            match memchr::memchr2(b'\n', b'"', &body[pos..]) {
                None => break body.len(),
                Some(i) if body[pos + i] == b'"' => {
                    inside = !inside;
                    pos += i + 1;
                }
                Some(i) if inside => pos += i + 1,
                Some(i) => break pos + i + 1,
            }
        };
        let last = bounds.last().copied().unwrap_or(0);
        bounds.push(boundary.max(last));
    }
    bounds.push(body.len());
    bounds
}

fn count_byte(bytes: &[u8], needle: u8) -> usize {
    bytes.iter().filter(|&&b| b == needle).count()
}

fn is_blank(record: &[u8], delimiter: u8) -> bool {
    record
        .iter()
        .all(|&b| b == delimiter || b.is_ascii_whitespace())
}

fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

fn shorten(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    match text.char_indices().nth(MAX_VALUE_CHARS) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text.into_owned(),
    }
}

/// Powers of ten exactly representable as f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A decimal number: optional sign, digits, at most one decimal separator (`.`,
/// or `,` when `decimal_comma`). No exponent, no grouping: `1,234.5`,
/// `1.234,5`, `1 234` and `1e3` are refused. The value is the correctly
/// rounded f64 (a fast exact path for up to 15 digits, the standard parser
/// otherwise).
pub(crate) fn parse_number(text: &[u8], decimal_comma: bool) -> Option<f64> {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut significant = 0_usize;
    let mut separator = None;
    let mut digit_count = 0;
    for (i, &byte) in digits.iter().enumerate() {
        match byte {
            b'0'..=b'9' => {
                digit_count += 1;
                if mantissa != 0 || byte != b'0' {
                    significant += 1;
                }
                mantissa = mantissa
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(byte - b'0'));
            }
            b'.' if separator.is_none() => separator = Some(i),
            b',' if decimal_comma && separator.is_none() => separator = Some(i),
            _ => return None,
        }
    }
    if digit_count == 0 {
        return None;
    }
    let decimals = separator.map_or(0, |i| digits.len() - i - 1);
    let value = if significant <= 15 && decimals < POW10.len() {
        mantissa as f64 / POW10[decimals]
    } else {
        let mut buffer = [0_u8; 64];
        let parsed = if digits.len() <= buffer.len() {
            buffer[..digits.len()].copy_from_slice(digits);
            if let Some(i) = separator {
                buffer[i] = b'.';
            }
            std::str::from_utf8(&buffer[..digits.len()])
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
        } else {
            let owned: String = digits
                .iter()
                .map(|&b| if b == b',' { '.' } else { char::from(b) })
                .collect();
            owned.parse::<f64>().ok()
        };
        parsed?
    };
    if !value.is_finite() {
        return None;
    }
    // -0 is 0: it must not sort below the other zeros.
    Some(if value == 0.0 {
        0.0
    } else if negative {
        -value
    } else {
        value
    })
}

fn parse_integer(text: &[u8]) -> Option<i64> {
    let digits = text.strip_prefix(b"-").unwrap_or(text);
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// The year of an ISO date `YYYY-MM-DD`, after checking that the day exists.
pub(crate) fn parse_date_year(text: &[u8]) -> Option<i32> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = text else {
        return None;
    };
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0_u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = number(&[y1, y2, y3, y4])?;
    let month = number(&[m1, m2])?;
    let day = number(&[d1, d2])?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| i32::try_from(year).ok())
        .flatten()
}

/// Resolves duplicate ids across the parts, then hands the valid rows to the
/// statistics. Shared by the CSV and spreadsheet paths.
fn finish(
    mut parts: Vec<Part<'_>>,
    columns: &Columns,
    options: &ReportOptions,
    threads: usize,
) -> Result<WorkforceReport, ExtractError> {
    let duplicates = find_duplicates(&parts, threads);
    let mut problems: Vec<Problem> = Vec::new();
    let mut problem_count = 0;
    let mut rejected_rows = 0;
    for part in &mut parts {
        problem_count += part.problem_count;
        rejected_rows += part.invalid_rows;
        for problem in &mut part.problems {
            problem.problem.line += part.line_offset;
        }
        problems.append(&mut part.problems);
    }
    let mut removed: Vec<usize> = Vec::new();
    for duplicate in &duplicates {
        if let Some(worker) = duplicate.worker {
            removed.push(worker);
            rejected_rows += 1;
        }
    }
    problem_count += duplicates.len() as u64;
    problems.extend(duplicates.into_iter().map(|duplicate| Problem {
        rank: ID,
        problem: RowProblem {
            line: duplicate.line,
            column: KNOWN[ID].to_owned(),
            code: "duplicate_employee_id".to_owned(),
            value: duplicate.id,
            first_line: Some(duplicate.first_line),
        },
    }));
    problems.sort_by_key(|p| (p.problem.line, p.rank));
    problems.truncate(MAX_REPORTED_PROBLEMS);
    if rejected_rows > 0 && !options.skip_invalid {
        return Err(ExtractError::Rejected {
            problems: problems.into_iter().map(|p| p.problem).collect(),
            problem_count,
            rows: rejected_rows,
        });
    }
    removed.sort_unstable();
    let (population, grades, categories) = merge(parts, &removed);
    if population.is_empty() {
        return Err(ExtractError::NoValidRows { rejected_rows });
    }
    Ok(statistics::compute(
        &population,
        &grades,
        &categories,
        columns.flows_present(),
        options,
        rejected_rows,
        threads,
    ))
}

/// The parts' populations in file order, without the `removed` rows (global
/// indices, sorted), with grade and category ids renumbered into one table each.
fn merge(parts: Vec<Part<'_>>, removed: &[usize]) -> (Population, Vec<String>, Vec<String>) {
    let grades = union_names(parts.iter().map(|p| &p.grades));
    let categories = union_names(parts.iter().map(|p| &p.categories));
    let total: usize = parts.iter().map(|p| p.population.len()).sum();
    let mut population = Population::default();
    population.reserve(total - removed.len());
    let mut offset = 0;
    let mut removed = removed.iter().peekable();
    for part in parts {
        let grade_map = renumber(&part.grades, &grades);
        let category_map = renumber(&part.categories, &categories);
        let len = part.population.len();
        let mut skip = Vec::new();
        while let Some(&&index) = removed.peek() {
            if index >= offset + len {
                break;
            }
            skip.push(index - offset);
            removed.next();
        }
        population.append_from(&part.population, &grade_map, &category_map, &skip);
        offset += len;
    }
    (population, grades, categories)
}

fn union_names<'p>(interners: impl Iterator<Item = &'p Interner>) -> Vec<String> {
    let mut names: Vec<String> = interners
        .flat_map(|interner| interner.names.iter().cloned())
        .collect();
    names.sort_by(|a, b| natural_cmp(a, b));
    names.dedup();
    names
}

fn renumber(interner: &Interner, names: &[String]) -> Vec<u32> {
    interner
        .names
        .iter()
        .map(|name| {
            let index = names
                .binary_search_by(|probe| natural_cmp(probe, name))
                .unwrap_or_default();
            u32::try_from(index).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Natural order: digit runs compare by value (`G2` < `G10`), the rest byte
/// by byte; names equal that way fall back to plain byte order, so the order
/// is total and deterministic.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let run = |s: &[u8], mut k: usize| {
                while k < s.len() && s[k] == b'0' {
                    k += 1;
                }
                let start = k;
                while k < s.len() && s[k].is_ascii_digit() {
                    k += 1;
                }
                (start, k)
            };
            let ((xs, xe), (ys, ye)) = (run(x, i), run(y, j));
            let order = (xe - xs)
                .cmp(&(ye - ys))
                .then_with(|| x[xs..xe].cmp(&y[ys..ye]));
            if order != Ordering::Equal {
                return order;
            }
            i = xe;
            j = ye;
        } else {
            if x[i] != y[j] {
                return x[i].cmp(&y[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

/// A later row repeating an id.
#[derive(Debug)]
struct Duplicate {
    line: u64,
    first_line: u64,
    /// The id, shortened for the problem report.
    id: String,
    /// Global index of the row in the merged population, if it was valid.
    worker: Option<usize>,
}

/// Finds ids seen before in file order. With several threads, each takes the
/// ids of one hash partition: the same id always lands in the same partition,
/// and each partition is read in file order, so "first" is the file's first.
fn find_duplicates(parts: &[Part<'_>], threads: usize) -> Vec<Duplicate> {
    let total: usize = parts.iter().map(|p| p.ids.len()).sum();
    let mut worker_offsets = Vec::with_capacity(parts.len());
    let mut offset = 0;
    for part in parts {
        worker_offsets.push(offset);
        offset += part.population.len();
    }
    let partitions = if total < 100_000 { 1 } else { threads.max(1) };
    let scan = |partition: usize| {
        let mut seen: HashMap<IdKey<'_>, u64, BuildHasherDefault<IdentityHasher>> =
            HashMap::with_capacity_and_hasher(
                total / partitions + 1,
                BuildHasherDefault::default(),
            );
        let mut found = Vec::new();
        for (part, worker_offset) in parts.iter().zip(&worker_offsets) {
            for entry in &part.ids {
                if partitions > 1 && (entry.hash >> 40) as usize % partitions != partition {
                    continue;
                }
                let line = part.line_offset + entry.line;
                match seen.entry(IdKey {
                    hash: entry.hash,
                    id: &entry.id,
                }) {
                    Entry::Occupied(first) => found.push(Duplicate {
                        line,
                        first_line: *first.get(),
                        id: shorten(&entry.id),
                        worker: entry.worker.map(|w| w + worker_offset),
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(line);
                    }
                }
            }
        }
        found
    };
    let mut found: Vec<Duplicate> = if partitions == 1 {
        scan(0)
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..partitions)
                .map(|partition| scope.spawn(move || scan(partition)))
                .collect();
            let mut found = scan(0);
            for handle in handles {
                match handle.join() {
                    Ok(mut more) => found.append(&mut more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            found
        })
    };
    found.sort_by_key(|d| d.line);
    found
}

/// An id with its precomputed hash: the map hashes it once, at reading time.
#[derive(Debug, PartialEq, Eq)]
struct IdKey<'d> {
    hash: u64,
    id: &'d [u8],
}

impl Hash for IdKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Passes a precomputed hash through.
#[derive(Debug, Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes);
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A fast non-cryptographic hash (FxHash-style words, then a murmur3 finish so
/// every bit depends on every input bit). Ids are pseudonymous and the map only
/// serves the duplicate check, so flooding resistance is not needed.
fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut array = [0_u8; 8];
        array.copy_from_slice(word);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(array)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut array = [0_u8; 8];
        array[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(array)).wrapping_mul(K);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// [`hash_bytes`] as a `Hasher`, for the name interners.
#[derive(Debug, Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes) ^ self.0.rotate_left(17);
    }
    fn write_usize(&mut self, _length: usize) {
        // The length prefix of a slice: `write` already mixes the length in.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_one_decimal_separator_and_refuse_grouping() {
        assert_eq!(parse_number(b"1234.5", false), Some(1234.5));
        assert_eq!(parse_number(b"1234,5", true), Some(1234.5));
        assert_eq!(parse_number(b"1234,5", false), None);
        assert_eq!(parse_number(b"1.234,5", true), None);
        assert_eq!(parse_number(b"1,234.5", true), None);
        assert_eq!(parse_number(b"1 234", true), None);
        assert_eq!(parse_number(b"1e3", false), None);
        assert_eq!(parse_number(b"-0", false), Some(0.0));
        assert!(parse_number(b"-0", false).is_some_and(|v| v.is_sign_positive()));
        assert_eq!(parse_number(b"-12.5", false), Some(-12.5));
        assert_eq!(parse_number(b".5", false), Some(0.5));
        assert_eq!(parse_number(b"5.", false), Some(5.0));
        assert_eq!(parse_number(b".", false), None);
        assert_eq!(parse_number(b"", false), None);
        assert_eq!(parse_number(b"+", false), None);
        assert_eq!(parse_number(b"NaN", false), None);
        assert_eq!(parse_number(b"inf", false), None);
    }

    #[test]
    fn the_fast_number_path_agrees_with_the_standard_parser() {
        for text in [
            "0.1",
            "45231.17",
            "123456789012345",
            "1234567890123456789",
            "0.000000000000000000001",
            "98765.4321",
            "3.3333333333333333333333",
            "00000000000000000000000012.5",
        ] {
            let expected: f64 = text.parse().expect("a number");
            assert_eq!(
                parse_number(text.as_bytes(), false),
                Some(expected),
                "{text}"
            );
        }
    }

    #[test]
    fn dates_are_iso_and_must_exist() {
        assert_eq!(parse_date_year(b"2025-02-28"), Some(2025));
        assert_eq!(parse_date_year(b"2024-02-29"), Some(2024));
        assert_eq!(parse_date_year(b"2025-02-29"), None);
        assert_eq!(parse_date_year(b"1900-02-29"), None);
        assert_eq!(parse_date_year(b"2000-02-29"), Some(2000));
        assert_eq!(parse_date_year(b"2025-13-01"), None);
        assert_eq!(parse_date_year(b"2025-00-01"), None);
        assert_eq!(parse_date_year(b"2025-04-31"), None);
        assert_eq!(parse_date_year(b"25-04-01"), None);
        assert_eq!(parse_date_year(b"2025/04/01"), None);
        assert_eq!(parse_date_year(b"01/04/2025"), None);
    }

    #[test]
    fn natural_order_compares_digit_runs_by_value() {
        let mut names = vec!["G10", "G2", "G1", "B", "G02", "A10", "A9"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, ["A9", "A10", "B", "G1", "G02", "G2", "G10"]);
    }

    #[test]
    fn chunk_bounds_fall_on_record_boundaries() {
        let body = b"1,\"a\nb\nc\nd\",x\n2,y\n3,z\n4,w\n";
        for threads in 1..8 {
            let bounds = chunk_bounds(body, threads);
            for &bound in &bounds[1..bounds.len() - 1] {
                assert!(
                    [0, 14, 18, 22, 26].contains(&bound),
                    "{threads} threads: {bounds:?}"
                );
            }
        }
    }
}
