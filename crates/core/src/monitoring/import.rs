//! Reading an indicator's measurements from an uploaded CSV or Excel file:
//! columns `date`, `value` and optional `comment` (also `valeur`,
//! `commentaire`), one row per measurement. The file is read by the bounded
//! reader of [`crate::tabular`] (the strict CSV policy, or the first sheet of
//! an .xlsx workbook). Every bad row is reported by its line, and a file with
//! any problem is refused whole.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::tabular::{self, Limits, TableError};

/// Longest accepted free text (progress notes, comments), in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Most rows one file may hold (60 years of monthly values is 720).
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// Whether a value dated `date` may be recorded on `today`: a measurement
/// records what was observed, so it cannot be dated after the day it is
/// recorded (a planned value is a milestone or the target, not a measurement).
pub fn measured_by(date: NaiveDate, today: NaiveDate) -> bool {
    date <= today
}

/// A value to record.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasurementInput {
    pub date: NaiveDate,
    pub value: f64,
    pub comment: String,
}

/// One problem, by the line number the user sees (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: usize,
    /// `date`, `value` or `comment`.
    pub column: &'static str,
    /// `invalid_date`, `required`, `not_a_number`, `duplicate_date`, `too_long`.
    pub code: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportFailure {
    /// The file cannot be read as a table (see [`TableError`]: it names
    /// where).
    Table(TableError),
    /// No `date` or no `value` column in the first row.
    MissingColumns,
    /// A header but no data rows.
    Empty,
    TooManyRows,
    Problems(Vec<ImportProblem>),
}

/// Rows of text from CSV or from the first sheet of an .xlsx file, within
/// [`Limits::DOCUMENT`].
pub fn table_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, ImportFailure> {
    tabular::read_table(bytes, &Limits::DOCUMENT).map_err(ImportFailure::Table)
}

/// A number as people write it: `12.5`, `12,5`, ` 40 `, `30 %`.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let cleaned = if cleaned.contains(',') && !cleaned.contains('.') {
        cleaned.replace(',', ".")
    } else {
        cleaned
    };
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Reads every measurement of the file, or every problem in it, whatever
/// the dates (see [`parse_measurements_as_of`]).
pub fn parse_measurements(bytes: &[u8]) -> Result<Vec<MeasurementInput>, ImportFailure> {
    parse_measurements_as_of(bytes, NaiveDate::MAX)
}

/// Reads every measurement of the file, or every problem in it; a value
/// dated after `today` has not been measured yet and is refused at its line
/// (`measurement_in_future`).
pub fn parse_measurements_as_of(
    bytes: &[u8],
    today: NaiveDate,
) -> Result<Vec<MeasurementInput>, ImportFailure> {
    let rows = table_rows(bytes)?;
    let mut rows = rows.into_iter().enumerate();
    let Some((_, header)) = rows.next() else {
        return Err(ImportFailure::MissingColumns);
    };
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|cell| names.contains(&cell.trim().to_lowercase().as_str()))
    };
    let (Some(date_column), Some(value_column)) = (find(&["date"]), find(&["value", "valeur"]))
    else {
        return Err(ImportFailure::MissingColumns);
    };
    let comment_column = find(&["comment", "commentaire"]);
    let mut measurements = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (index, row) in rows {
        let line = index + 1;
        let cell = |column: usize| row.get(column).map(|c| c.trim()).unwrap_or_default();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if measurements.len() + problems.len() >= MAX_IMPORT_ROWS {
            return Err(ImportFailure::TooManyRows);
        }
        let date_text = cell(date_column);
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").ok();
        let mut bad = |column, code, value: &str| {
            problems.push(ImportProblem {
                line,
                column,
                code,
                value: value.chars().take(80).collect(),
            });
        };
        match date {
            None => bad("date", "invalid_date", date_text),
            Some(date) if !seen.insert(date) => bad("date", "duplicate_date", date_text),
            Some(date) if !measured_by(date, today) => {
                bad("date", "measurement_in_future", date_text)
            }
            Some(_) => {}
        }
        let value_text = cell(value_column);
        let value = parse_number(value_text);
        if value_text.is_empty() {
            bad("value", "required", value_text);
        } else if value.is_none() {
            bad("value", "not_a_number", value_text);
        }
        let comment = comment_column.map(cell).unwrap_or_default();
        if comment.chars().count() > MAX_TEXT_CHARS {
            bad("comment", "too_long", "");
        }
        if let (Some(date), Some(value)) = (date, value) {
            measurements.push(MeasurementInput {
                date,
                value,
                comment: comment.to_owned(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ImportFailure::Problems(problems));
    }
    if measurements.is_empty() {
        return Err(ImportFailure::Empty);
    }
    Ok(measurements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_clean_csv_gives_every_row_with_comments() {
        let csv = "date,value,comment\n2024-03-31,21.5,first\n\n2024-06-30,\"23,0\",\n";
        let rows = parse_measurements(csv.as_bytes()).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].date, rows[0].value), (day("2024-03-31"), 21.5));
        assert_eq!(rows[0].comment, "first");
        assert_eq!((rows[1].date, rows[1].value), (day("2024-06-30"), 23.0));
    }

    #[test]
    fn a_value_dated_after_today_is_refused_at_its_line() {
        let csv = "date,value\n2026-12-07,20\n2026-12-08,21\n";
        assert_eq!(
            parse_measurements_as_of(csv.as_bytes(), day("2026-12-07")),
            Err(ImportFailure::Problems(vec![ImportProblem {
                line: 3,
                column: "date",
                code: "measurement_in_future",
                value: "2026-12-08".into(),
            }]))
        );
        assert_eq!(
            parse_measurements_as_of(csv.as_bytes(), day("2026-12-08")).map(|rows| rows.len()),
            Ok(2)
        );
        assert!(measured_by(day("2026-12-07"), day("2026-12-07")));
        assert!(!measured_by(day("2026-12-08"), day("2026-12-07")));
    }

    #[test]
    fn french_headers_and_semicolons_are_understood() {
        let csv = "Date;Valeur;Commentaire\n2024-03-31;21,5;premier\n";
        let rows = parse_measurements(csv.as_bytes()).expect("rows");
        assert_eq!((rows[0].value, rows[0].comment.as_str()), (21.5, "premier"));
    }

    #[test]
    fn every_bad_row_is_reported_by_line_and_nothing_is_returned() {
        let csv = "date,value\n2024-03-31,20\n31/06/2024,21\n2024-09-30,\n2024-12-31,abc\n2024-03-31,22\n";
        let Err(ImportFailure::Problems(problems)) = parse_measurements(csv.as_bytes()) else {
            panic!("expected problems");
        };
        let found: Vec<(usize, &str, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column, p.code))
            .collect();
        assert_eq!(
            found,
            [
                (3, "date", "invalid_date"),
                (4, "value", "required"),
                (5, "value", "not_a_number"),
                (6, "date", "duplicate_date"),
            ]
        );
    }

    #[test]
    fn files_without_the_columns_or_rows_are_refused() {
        assert_eq!(
            parse_measurements(b"when,how much\n2024-01-01,3\n"),
            Err(ImportFailure::MissingColumns)
        );
        assert_eq!(parse_measurements(b""), Err(ImportFailure::MissingColumns));
        assert_eq!(
            parse_measurements(b"date,value\n"),
            Err(ImportFailure::Empty)
        );
        assert_eq!(
            parse_measurements(&[0xff, 0xfe, 0x00]),
            Err(ImportFailure::Table(TableError::NotText { line: 1 }))
        );
        assert_eq!(
            parse_measurements(b"date,value\n2024-01-01,\xff\n"),
            Err(ImportFailure::Table(TableError::NotUtf8 { line: 2 }))
        );
        assert_eq!(
            parse_measurements(b"PK\x03\x04 not really a zip"),
            Err(ImportFailure::Table(TableError::NotAWorkbook))
        );
    }

    #[test]
    fn a_truncated_file_is_refused_naming_its_last_line() {
        // Issue 16, item 7: the last field is an unclosed quote.
        let csv = "date,value,comment\n2024-03-31,21.5,first\n2024-06-30,23,\"cut in the mid";
        assert_eq!(
            parse_measurements(csv.as_bytes()),
            Err(ImportFailure::Table(TableError::UnclosedQuote { line: 3 }))
        );
    }

    #[test]
    fn a_record_spanning_lines_reports_its_first_line() {
        let csv = "date,value,comment\n2024-03-31,21.5,\"two\nlines\"\n2024-06-30,x,\n";
        let Err(ImportFailure::Problems(problems)) = parse_measurements(csv.as_bytes()) else {
            panic!("expected problems");
        };
        assert_eq!((problems[0].line, problems[0].code), (4, "not_a_number"));
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number(" 30 % "), Some(30.0));
        assert_eq!(parse_number("1 250.5"), Some(1250.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("twelve"), None);
    }
}
