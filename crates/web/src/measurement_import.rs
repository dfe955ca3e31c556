//! Reading an indicator's measurements from an uploaded file: the rules are
//! in [`gedhub_core::monitoring::import`]; the upload's size limit is the
//! web's.

pub use gedhub_core::monitoring::import::{
    ImportFailure, ImportProblem, MAX_IMPORT_ROWS, parse_measurements, parse_measurements_as_of,
    parse_number, table_rows,
};

/// Largest accepted measurements file.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excel_sheet_reads_like_the_csv() {
        use gedhub_core::instrument::Sheet;
        let bytes = crate::workbooks::write_xlsx(&[Sheet {
            name: "Values".into(),
            rows: vec![
                vec!["date".into(), "value".into(), "comment".into()],
                vec!["2024-03-31".into(), "21.5".into(), "Q1".into()],
            ],
        }])
        .expect("workbook");
        let rows = parse_measurements(&bytes).expect("rows");
        assert_eq!(rows[0].date.to_string(), "2024-03-31");
        assert_eq!((rows[0].value, rows[0].comment.as_str()), (21.5, "Q1"));
    }
}
