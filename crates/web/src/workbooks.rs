//! Excel workbooks in and out: reading uploaded .xlsx files into sheets of
//! text (through the bounded reader of `gedhub_core::tabular`), and writing
//! sheets of text (instrument export, report workbook).

use gedhub_core::instrument::Sheet;
use gedhub_core::tabular::{self, Detail, Limits, TableError};
use rust_xlsxwriter::{Format, Workbook};

use crate::format;
use crate::i18n::Locale;

/// Largest accepted workbook upload.
pub const MAX_WORKBOOK_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("the workbook could not be written: {0}")]
    Write(String),
}

/// Every sheet of an .xlsx file as rows of text, within
/// [`Limits::DOCUMENT`]. Row and column positions are kept as in Excel
/// (leading empty rows and columns included), so problems can be reported by
/// the row numbers the user sees.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    Ok(tabular::read_workbook(bytes, &Limits::DOCUMENT)?)
}

/// Runs a file reader off the async workers: reading a large table takes
/// CPU time that would otherwise hold up other people's requests.
pub async fn off_the_workers<T: Send + 'static>(
    read: impl FnOnce() -> T + Send + 'static,
) -> crate::error::Result<T> {
    tokio::task::spawn_blocking(read)
        .await
        .map_err(|error| crate::error::AppError::internal(format!("reading a file: {error}")))
}

/// Why a file could not be read as a table, in the reader's language, naming
/// where (sheet and cell, or line) and the limit that was passed.
pub fn describe_table_error(error: &TableError, locale: &Locale) -> String {
    let args: Vec<(&'static str, String)> = error
        .details()
        .into_iter()
        .map(|(name, detail)| {
            let text = match detail {
                Detail::Text(text) => text,
                Detail::Number(number) => format::integer(number, locale),
            };
            (name, text)
        })
        .collect();
    locale.t_args(&format!("table-{}", error.code()), &args)
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
            Err(WorkbookError::Table(TableError::NotAWorkbook))
        ));
        assert!(matches!(
            read_xlsx(b""),
            Err(WorkbookError::Table(TableError::NotAWorkbook))
        ));
    }

    #[test]
    fn table_errors_read_in_both_languages_with_grouped_figures() {
        let error = TableError::RowBeyondLimit {
            sheet: "HR".into(),
            cell: "A1048576".into(),
            limit: 100_000,
        };
        let english = describe_table_error(&error, &Locale::english());
        assert!(
            english.contains("HR") && english.contains("A1048576"),
            "{english}"
        );
        assert!(english.contains("100,000"), "{english}");
        let french = Locale::from_code("fr").expect("French");
        let french = describe_table_error(&error, &french);
        assert!(french.contains("100\u{202f}000"), "{french}");
        assert_ne!(english, french);
    }
}
