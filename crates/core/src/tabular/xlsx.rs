//! The bounded .xlsx reader (see the module policy in [`super`]).
//!
//! Order of the checks, each before anything it guards grows:
//! 1. the zip container: number of entries, each entry's declared
//!    uncompressed size, their total, the compression ratio of large entries
//!    (the zip reader then refuses an entry that inflates past its declared
//!    size, so a lying header does not help);
//! 2. the shared-strings count the workbook declares (calamine reserves room
//!    for that many strings up front);
//! 3. the number of sheets;
//! 4. each sheet's declared dimension;
//! 5. each cell, as it streams out of calamine's cell reader: its row, its
//!    column and the running number of cells.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, Reader, Xlsx, XlsxCellReader};
use quick_xml::events::Event;

use super::{Limits, TableError, cell_name};
use crate::instrument::Sheet;

type Source<'b> = Cursor<&'b [u8]>;

/// An opened workbook whose container passed the checks.
pub struct Workbook<'b> {
    xlsx: Xlsx<Source<'b>>,
    names: Vec<String>,
    limits: Limits,
    /// Cells read so far, all sheets together.
    cells: u64,
}

impl<'b> Workbook<'b> {
    /// Inspects the container, then opens the workbook.
    pub fn open(bytes: &'b [u8], limits: &Limits) -> Result<Self, TableError> {
        inspect_container(bytes, limits)?;
        let opened = catch_unwind(AssertUnwindSafe(|| Xlsx::new(Cursor::new(bytes))));
        let xlsx: Xlsx<Source<'b>> = match opened {
            Ok(Ok(xlsx)) => xlsx,
            Ok(Err(_)) | Err(_) => return Err(TableError::NotAWorkbook),
        };
        let names = xlsx.sheet_names();
        if names.len() > limits.sheets {
            return Err(TableError::TooManySheets {
                sheets: names.len(),
                limit: limits.sheets,
            });
        }
        Ok(Workbook {
            xlsx,
            names,
            limits: *limits,
            cells: 0,
        })
    }

    /// The sheets' names, in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The rows of sheet `index`, streamed. The sheet's declared dimension
    /// is checked here.
    pub fn rows(&mut self, index: usize) -> Result<SheetRows<'_, 'b>, TableError> {
        let Workbook {
            xlsx,
            names,
            limits,
            cells,
        } = self;
        let sheet = names.get(index).ok_or(TableError::NoSheet)?;
        let bad_sheet = || TableError::BadSheet {
            sheet: sheet.clone(),
        };
        let open = move || {
            // Moved in, so the reader may borrow the workbook for `'w`.
            let xlsx = xlsx;
            xlsx.worksheet_cells_reader(sheet)
        };
        let reader = match catch_unwind(AssertUnwindSafe(open)) {
            Ok(Ok(reader)) => reader,
            Ok(Err(_)) | Err(_) => return Err(bad_sheet()),
        };
        let dimension = reader.dimensions();
        let (first, last) = (dimension.start, dimension.end);
        if last.0 >= limits.rows || last.1 >= limits.columns {
            return Err(TableError::DimensionTooLarge {
                sheet: sheet.clone(),
                range: format!(
                    "{}:{}",
                    cell_name(first.0, first.1),
                    cell_name(last.0, last.1)
                ),
                rows: limits.rows,
                columns: limits.columns,
            });
        }
        Ok(SheetRows {
            reader,
            sheet,
            limits: *limits,
            cells,
            current: None,
            last_row: None,
            done: false,
        })
    }
}

/// A sheet's rows in order: `(row index, cells as text)`, 0-based, with the
/// cells at their column positions (empty text before the first one). Rows
/// without any text are left out. Iteration ends after the first error.
pub struct SheetRows<'w, 'b> {
    reader: XlsxCellReader<'w, Source<'b>>,
    sheet: &'w str,
    limits: Limits,
    cells: &'w mut u64,
    /// The row being assembled.
    current: Option<(u32, Vec<String>)>,
    /// The last row a cell was seen in, to refuse rows out of order.
    last_row: Option<u32>,
    done: bool,
}

impl SheetRows<'_, '_> {
    /// The next cell with text, or `None` at the end of the sheet.
    fn next_cell(&mut self) -> Result<Option<(u32, u32, String)>, TableError> {
        loop {
            let read = catch_unwind(AssertUnwindSafe(|| {
                self.reader
                    .next_cell()
                    .map(|cell| cell.map(|c| (c.get_position(), cell_text(c.get_value()))))
            }));
            let ((row, column), text) = match read {
                Ok(Ok(Some(cell))) => cell,
                Ok(Ok(None)) => return Ok(None),
                Ok(Err(_)) | Err(_) => {
                    return Err(TableError::BadSheet {
                        sheet: self.sheet.to_owned(),
                    });
                }
            };
            *self.cells += 1;
            if *self.cells > self.limits.cells {
                return Err(TableError::TooManyCells {
                    sheet: self.sheet.to_owned(),
                    limit: self.limits.cells,
                });
            }
            if row >= self.limits.rows {
                return Err(TableError::RowBeyondLimit {
                    sheet: self.sheet.to_owned(),
                    cell: cell_name(row, column),
                    limit: self.limits.rows,
                });
            }
            if column >= self.limits.columns {
                return Err(TableError::ColumnBeyondLimit {
                    sheet: self.sheet.to_owned(),
                    cell: cell_name(row, column),
                    limit: self.limits.columns,
                });
            }
            if let Some(last) = self.last_row
                && row < last
            {
                return Err(TableError::RowsOutOfOrder {
                    sheet: self.sheet.to_owned(),
                    row: u64::from(row) + 1,
                    after: u64::from(last) + 1,
                });
            }
            self.last_row = Some(row);
            if !text.is_empty() {
                return Ok(Some((row, column, text)));
            }
        }
    }
}

impl Iterator for SheetRows<'_, '_> {
    type Item = Result<(u32, Vec<String>), TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            match self.next_cell() {
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
                Ok(None) => {
                    self.done = true;
                    return self.current.take().map(Ok);
                }
                Ok(Some((row, column, text))) => {
                    let finished = match &mut self.current {
                        Some((current, _)) if *current == row => None,
                        current => current.replace((row, Vec::new())),
                    };
                    if let Some((_, cells)) = &mut self.current {
                        let column = column as usize;
                        if cells.len() <= column {
                            // The empty cells a row is padded with cost
                            // memory like any other: they count.
                            *self.cells += (column - cells.len()) as u64;
                            if *self.cells > self.limits.cells {
                                self.done = true;
                                return Some(Err(TableError::TooManyCells {
                                    sheet: self.sheet.to_owned(),
                                    limit: self.limits.cells,
                                }));
                            }
                            cells.resize(column + 1, String::new());
                        }
                        cells[column] = text;
                    }
                    if let Some(finished) = finished {
                        return Some(Ok(finished));
                    }
                }
            }
        }
    }
}

/// A cell as text: whole numbers without a decimal point, other numbers with
/// a `.`, dates as `YYYY-MM-DD` (what the instrument and HR-extract readers
/// expect, whatever the workbook's display format).
pub fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        DataRef::Float(number) => number.to_string(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Bool(flag) => flag.to_string(),
        DataRef::DateTime(moment) => {
            excel_date(moment.as_f64()).unwrap_or_else(|| moment.to_string())
        }
        DataRef::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        DataRef::DurationIso(text) => text.clone(),
    }
}

/// An Excel serial date (days since 30 December 1899, the 1900 system) as
/// `YYYY-MM-DD`.
pub fn excel_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let date = epoch.checked_add_days(chrono::Days::new(days as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Every sheet of a workbook as rows of text, rows at their Excel positions
/// (leading empty rows kept, as empty rows).
pub fn read_sheets(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, TableError> {
    let mut workbook = Workbook::open(bytes, limits)?;
    let mut sheets = Vec::with_capacity(workbook.sheet_names().len());
    for index in 0..workbook.sheet_names().len() {
        let name = workbook.sheet_names()[index].clone();
        let rows = dense_rows(workbook.rows(index)?)?;
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// The first sheet of a workbook (see [`read_sheets`]).
pub fn read_first_sheet(bytes: &[u8], limits: &Limits) -> Result<Sheet, TableError> {
    let mut workbook = Workbook::open(bytes, limits)?;
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or(TableError::NoSheet)?;
    let rows = dense_rows(workbook.rows(0)?)?;
    Ok(Sheet { name, rows })
}

/// Rows placed at their indices; the rows were checked against
/// [`Limits::rows`] as they were read, so the vector stays within it.
fn dense_rows(rows: SheetRows<'_, '_>) -> Result<Vec<Vec<String>>, TableError> {
    let mut dense: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let (index, cells) = row?;
        dense.resize(index as usize, Vec::new());
        dense.push(cells);
    }
    Ok(dense)
}

/// The container checks, before calamine inflates anything.
fn inspect_container(bytes: &[u8], limits: &Limits) -> Result<(), TableError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| TableError::NotAWorkbook)?;
    if zip.len() > limits.entries {
        return Err(TableError::TooManyEntries {
            entries: zip.len(),
            limit: limits.entries,
        });
    }
    let mut total: u64 = 0;
    // Entries to look into once the sizes are known to be sane.
    let mut probes = Vec::new();
    for index in 0..zip.len() {
        let entry = zip
            .by_index_data(index)
            .map_err(|_| TableError::NotAWorkbook)?;
        let name = entry
            .name()
            .map_err(|_| TableError::NotAWorkbook)?
            .into_owned();
        let size = entry.size();
        if size > limits.entry_bytes {
            return Err(TableError::EntryTooLarge {
                entry: name,
                bytes: size,
                limit: limits.entry_bytes,
            });
        }
        total = total.saturating_add(size);
        if total > limits.total_bytes {
            return Err(TableError::WorkbookTooLarge {
                limit: limits.total_bytes,
            });
        }
        let ratio = size / entry.compressed_size().max(1);
        if size > super::RATIO_GRACE_BYTES && ratio > limits.ratio {
            return Err(TableError::CompressionRatio {
                entry: name,
                ratio,
                limit: limits.ratio,
            });
        }
        if name == "mimetype" {
            probes.push((index, Probe::Mimetype));
        } else if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            probes.push((index, Probe::SharedStrings { size }));
        }
    }
    for (index, probe) in probes {
        let mut entry = zip.by_index(index).map_err(|_| TableError::NotAWorkbook)?;
        match probe {
            Probe::Mimetype => {
                // An OpenDocument file names its type in this first entry.
                let mut text = Vec::new();
                if entry.by_ref().take(64).read_to_end(&mut text).is_ok()
                    && text.starts_with(b"application/vnd.oasis.opendocument")
                {
                    return Err(TableError::UnsupportedFormat { format: "ods" });
                }
            }
            Probe::SharedStrings { size } => {
                // Each shared string takes at least `<si><t/></si>` (12 bytes).
                let limit = (size / 12).min(limits.cells);
                if let Some(count) = declared_string_count(&mut entry)
                    && count > limit
                {
                    return Err(TableError::TooManyStrings { count, limit });
                }
            }
        }
    }
    Ok(())
}

enum Probe {
    Mimetype,
    SharedStrings { size: u64 },
}

/// The `uniqueCount` (or `count`) of a shared-strings part's root element,
/// read from at most its first 64 KiB.
fn declared_string_count(entry: &mut impl Read) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(entry.take(64 * 1024)));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == "sst" =>
            {
                let mut count = None;
                for attribute in element.attributes().flatten() {
                    // calamine reserves room for `uniqueCount` strings when
                    // the figure parses; other values it ignores.
                    let digits = attribute.value.as_ref();
                    if attribute.key.local_name().as_ref() == "uniqueCount"
                        && !digits.is_empty()
                        && digits.bytes().all(|b| b.is_ascii_digit())
                    {
                        // A figure too large for u64 is over every limit.
                        count = Some(digits.parse::<u64>().unwrap_or(u64::MAX));
                    }
                }
                return count;
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}
