//! Excel workbooks in and out: reading uploaded .xlsx files into sheets of
//! text, and writing sheets of text (instrument export, report workbook).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use gedhub_core::instrument::Sheet;
use rust_xlsxwriter::{Format, Workbook};

/// Largest accepted workbook upload.
pub const MAX_WORKBOOK_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("not an Excel .xlsx workbook")]
    NotAWorkbook,
    #[error("the workbook could not be written: {0}")]
    Write(String),
}

/// A cell as text: whole numbers without a decimal point, other numbers with
/// a `.`, dates as `YYYY-MM-DD` (what the instrument and HR-extract readers
/// expect, whatever the workbook's display format).
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(flag) => flag.to_string(),
        Data::DateTime(moment) => excel_date(moment.as_f64()).unwrap_or_else(|| moment.to_string()),
        Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        Data::DurationIso(text) => text.clone(),
    }
}

/// An Excel serial date (days since 30 December 1899, the 1900 system) as
/// `YYYY-MM-DD`.
pub(crate) fn excel_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let date = epoch.checked_add_days(chrono::Days::new(days as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Every sheet of an .xlsx file as rows of text. Row and column positions
/// are kept as in Excel (leading empty rows and columns included), so
/// problems can be reported by the row numbers the user sees.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| WorkbookError::NotAWorkbook)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|_| WorkbookError::NotAWorkbook)?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = (0..first_row).map(|_| Vec::new()).collect();
        for row in range.rows() {
            let mut cells: Vec<String> = (0..first_column).map(|_| String::new()).collect();
            cells.extend(row.iter().map(cell_text));
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// Writes sheets of text into an .xlsx file; the first row of each sheet is
/// a bold header.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, WorkbookError> {
    let error = |e: rust_xlsxwriter::XlsxError| WorkbookError::Write(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name).map_err(error)?;
        for (row_index, row) in sheet.rows.iter().enumerate() {
            let row_number =
                u32::try_from(row_index).map_err(|e| WorkbookError::Write(e.to_string()))?;
            for (column_index, value) in row.iter().enumerate() {
                let column =
                    u16::try_from(column_index).map_err(|e| WorkbookError::Write(e.to_string()))?;
                if row_index == 0 {
                    worksheet
                        .write_string_with_format(row_number, column, value, &bold)
                        .map_err(error)?;
                } else if let Some(number) = plain_number(value) {
                    worksheet
                        .write_number(row_number, column, number)
                        .map_err(error)?;
                } else {
                    worksheet
                        .write_string(row_number, column, value)
                        .map_err(error)?;
                }
            }
        }
        worksheet.set_freeze_panes(1, 0).map_err(error)?;
        worksheet.autofit();
    }
    workbook.save_to_buffer().map_err(error)
}

/// Numbers are written as numbers so that Excel can compute with them; codes
/// such as `1.10` or `007` stay text.
fn plain_number(text: &str) -> Option<f64> {
    let number = text.parse::<f64>().ok().filter(|n| n.is_finite())?;
    (text.len() <= 15 && number.to_string() == text).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_survive_a_round_trip_through_xlsx() {
        let sheets = vec![
            Sheet {
                name: "structure".into(),
                rows: vec![
                    vec!["type".into(), "code".into(), "label::fr".into()],
                    vec![
                        "indicator".into(),
                        "P1.A.10".into(),
                        "Écart de rémunération « moyen »".into(),
                    ],
                    vec!["value".into(), "4".into(), "0.5".into()],
                ],
            },
            Sheet {
                name: "scale".into(),
                rows: vec![vec!["value".into()], vec!["na".into()]],
            },
        ];
        let bytes = write_xlsx(&sheets).expect("written");
        assert_eq!(read_xlsx(&bytes).expect("read"), sheets);
    }

    #[test]
    fn anything_else_is_not_a_workbook() {
        assert!(matches!(
            read_xlsx(b"%PDF-1.7"),
            Err(WorkbookError::NotAWorkbook)
        ));
        assert!(matches!(read_xlsx(b""), Err(WorkbookError::NotAWorkbook)));
    }
}
