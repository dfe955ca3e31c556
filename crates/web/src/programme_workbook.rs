//! The annual programme report as an Excel workbook: the same
//! [`ProgrammeReport`] as the PDF, in three sheets (figures, regions,
//! Members) named by the report's headings, so the Secretariat can compute
//! with the figures. Numbers are written as numbers and shares as
//! percentages; a suppressed or missing value is written as its display
//! text, so it can never be mistaken for zero.

use gedhub_report::{Measure, ProgrammeReport};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::workbooks::WorkbookError;

/// Excel's limit on sheet names.
const MAX_SHEET_NAME: usize = 31;

fn write_error(error: XlsxError) -> WorkbookError {
    WorkbookError::Write(error.to_string())
}

/// A heading usable as a sheet name: characters Excel refuses replaced,
/// at most 31 characters, not empty and not already used (else `fallback`,
/// numbered if that is taken too).
fn sheet_name(heading: &str, fallback: &str, used: &[String]) -> String {
    let cleaned: String = heading
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .take(MAX_SHEET_NAME)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim().to_owned();
    let taken = |name: &str| used.iter().any(|u| u.to_lowercase() == name.to_lowercase());
    // Excel reserves "History".
    let usable =
        |name: &str| !name.is_empty() && !taken(name) && !name.eq_ignore_ascii_case("history");
    if usable(&cleaned) {
        return cleaned;
    }
    (1..)
        .map(|n| match n {
            1 => fallback.to_owned(),
            n => format!("{fallback} {n}"),
        })
        .find(|name| usable(name))
        .unwrap_or_else(|| fallback.to_owned())
}

/// Cell formats shared by the three sheets.
struct Formats {
    header: Format,
    percent: Format,
    number: Format,
    text: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0x00E4_ECF6))
                .set_border_bottom(FormatBorder::Thin),
            percent: Format::new().set_num_format("0.0%"),
            number: Format::new().set_num_format("#,##0.##"),
            text: Format::new(),
        }
    }
}

/// Writes a bold header row, frozen so it stays visible when scrolling.
fn header(sheet: &mut Worksheet, formats: &Formats, titles: &[&str]) -> Result<(), WorkbookError> {
    for (column, title) in (0u16..).zip(titles) {
        sheet
            .write_string_with_format(0, column, *title, &formats.header)
            .map_err(write_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(write_error)?;
    Ok(())
}

/// A measure: its value as a number (as a percentage when `share`), or its
/// display text when it has no value.
fn measure(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    column: u16,
    value: &Measure,
    share: bool,
) -> Result<(), WorkbookError> {
    match value.value {
        Some(number) if number.is_finite() => {
            let format = if share {
                &formats.percent
            } else {
                &formats.number
            };
            sheet.write_number_with_format(row, column, number, format)
        }
        _ => sheet.write_string_with_format(row, column, &value.display, &formats.text),
    }
    .map_err(write_error)?;
    Ok(())
}

fn row_number(index: usize) -> Result<u32, WorkbookError> {
    u32::try_from(index + 1).map_err(|e| WorkbookError::Write(e.to_string()))
}

/// Builds the workbook of `report`. Sheet names are the report's headings
/// for figures, regions and Members (made valid for Excel; "Figures",
/// "Regions", "Members" if a heading cannot be used).
pub fn programme_workbook(report: &ProgrammeReport) -> Result<Vec<u8>, WorkbookError> {
    let labels = &report.labels;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {}", labels.report_kind, report.subtitle))
            .set_subject(&report.title)
            .set_comment(&report.generated_on),
    );
    let mut used = Vec::new();
    for (heading, fallback) in [
        (&labels.figures, "Figures"),
        (&labels.regions, "Regions"),
        (&labels.members, "Members"),
    ] {
        let name = sheet_name(heading, fallback, &used);
        used.push(name);
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(&used[0]).map_err(write_error)?;
    header(
        sheet,
        &formats,
        &[
            &labels.figure,
            &labels.weighted,
            &labels.unweighted,
            &labels.contributing,
            &labels.note,
        ],
    )?;
    for (index, figure) in report.figures.iter().enumerate() {
        let row = row_number(index)?;
        sheet
            .write_string(row, 0, &figure.label)
            .map_err(write_error)?;
        measure(sheet, &formats, row, 1, &figure.weighted, figure.share)?;
        measure(sheet, &formats, row, 2, &figure.unweighted, figure.share)?;
        sheet
            .write_number(row, 3, f64::from(figure.contributing))
            .map_err(write_error)?;
        sheet
            .write_string(row, 4, &figure.note)
            .map_err(write_error)?;
    }
    sheet.autofit();

    let sheet = workbook.add_worksheet();
    sheet.set_name(&used[1]).map_err(write_error)?;
    let mut titles: Vec<&str> = vec![&labels.region, &labels.member_count];
    titles.extend(report.figures.iter().map(|f| f.label.as_str()));
    header(sheet, &formats, &titles)?;
    for (index, region) in report.regions.iter().enumerate() {
        let row = row_number(index)?;
        sheet
            .write_string(row, 0, &region.name)
            .map_err(write_error)?;
        sheet
            .write_number(row, 1, f64::from(region.members))
            .map_err(write_error)?;
        for ((column, value), figure) in (2u16..).zip(&region.values).zip(&report.figures) {
            measure(sheet, &formats, row, column, value, figure.share)?;
        }
    }
    sheet.autofit();

    let sheet = workbook.add_worksheet();
    sheet.set_name(&used[2]).map_err(write_error)?;
    header(
        sheet,
        &formats,
        &[
            &labels.code,
            &labels.name,
            &labels.region,
            &labels.geoat_status,
            &labels.plan_status,
            &labels.on_track_share,
            &labels.workforce_years,
            &labels.trained_women,
            &labels.trained_men,
            &labels.trained_other,
            &labels.experts,
            &labels.candidates,
            &labels.requests_open,
            &labels.missions_delivered,
        ],
    )?;
    for (index, member) in report.members.iter().enumerate() {
        let row = row_number(index)?;
        for (column, text) in (0u16..).zip([
            &member.code,
            &member.name,
            &member.region,
            &member.geoat_status,
            &member.plan_status,
        ]) {
            sheet.write_string(row, column, text).map_err(write_error)?;
        }
        measure(sheet, &formats, row, 5, &member.on_track_share, true)?;
        sheet
            .write_string(row, 6, &member.workforce_years)
            .map_err(write_error)?;
        for (column, count) in (7u16..).zip([
            member.trained_women,
            member.trained_men,
            member.trained_other,
            member.experts,
            member.candidates,
            member.requests_open,
            member.missions_delivered,
        ]) {
            sheet
                .write_number(row, column, f64::from(count))
                .map_err(write_error)?;
        }
    }
    sheet.autofit();

    workbook.save_to_buffer().map_err(write_error)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use gedhub_report::programme::fixture;

    use super::*;

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).expect("a valid workbook")
    }

    fn cells(workbook: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
        workbook
            .worksheet_range(sheet)
            .expect("the sheet exists")
            .rows()
            .map(<[Data]>::to_vec)
            .collect()
    }

    fn s(text: &str) -> Data {
        Data::String(text.into())
    }

    #[test]
    fn the_workbook_round_trips_with_exact_values() {
        let report = fixture::english();
        let mut workbook = open(programme_workbook(&report).expect("written"));
        assert_eq!(workbook.sheet_names(), ["Figures", "Regions", "Members"]);

        let figures = cells(&mut workbook, "Figures");
        assert_eq!(
            figures[0],
            [
                s("Figure"),
                s("Weighted"),
                s("Unweighted"),
                s("Administrations"),
                s("Note")
            ]
        );
        assert_eq!(
            figures[1],
            [
                s("Women among staff"),
                Data::Float(0.4125),
                Data::Float(0.4375),
                Data::Float(12.0),
                s("Members that reported workforce data"),
            ]
        );
        // Suppressed: the text, never a zero.
        assert_eq!(figures[2][1], s("suppressed"));
        assert_eq!(figures[2][3], Data::Float(3.0));
        assert_eq!(figures[3][1], Data::Float(1234.0));
        assert_eq!(figures[3][2], s("—"));
        assert_eq!(figures.len(), 4);

        let regions = cells(&mut workbook, "Regions");
        assert_eq!(
            regions[0],
            [
                s("Region"),
                s("Members"),
                s("Women among staff"),
                s("Women in management"),
                s("People trained"),
            ]
        );
        assert_eq!(
            regions[2],
            [
                s("West and Central Africa"),
                Data::Float(24.0),
                Data::Float(0.3),
                s("suppressed"),
                Data::Float(434.0),
            ]
        );

        let members = cells(&mut workbook, "Members");
        assert_eq!(members[0].len(), 14);
        assert_eq!(members[0][13], s("Missions delivered"));
        assert_eq!(
            members[1],
            [
                s("BJ"),
                s("Benin"),
                s("West and Central Africa"),
                s("Validated (2025-03-01)"),
                s("Active"),
                Data::Float(0.75),
                s("2024, 2025"),
                Data::Float(31.0),
                Data::Float(29.0),
                Data::Float(1.0),
                Data::Float(2.0),
                Data::Float(3.0),
                Data::Float(1.0),
                Data::Float(4.0),
            ]
        );
        assert_eq!(members[2][5], s("—"));
        assert_eq!(members[2][6], Data::Empty);
    }

    #[test]
    fn a_french_workbook_keeps_accents_and_sheet_names_are_made_valid() {
        let mut report = fixture::english();
        report.labels.figures = "Chiffres clés".into();
        report.labels.regions = "Régions [OMD]: détail/année".into();
        // The same heading twice: the second sheet falls back.
        report.labels.members = "Chiffres clés".into();
        report.members[0].name = "Bénin".into();
        report.figures[0].label = "Femmes parmi le personnel".into();
        let mut workbook = open(programme_workbook(&report).expect("written"));
        assert_eq!(
            workbook.sheet_names(),
            ["Chiffres clés", "Régions  OMD   détail année", "Members"]
        );
        let members = cells(&mut workbook, "Members");
        assert_eq!(members[1][1], s("Bénin"));
        let figures = cells(&mut workbook, "Chiffres clés");
        assert_eq!(figures[1][0], s("Femmes parmi le personnel"));
    }

    #[test]
    fn sheet_names_are_cut_to_excel_s_limit() {
        let long = "A very long heading that Excel would refuse as a sheet name";
        let name = sheet_name(long, "Figures", &[]);
        // Cut at 31 characters, then the trailing space trimmed.
        assert_eq!(name, "A very long heading that Excel");
        assert_eq!(sheet_name("  ", "Figures", &[]), "Figures");
        assert_eq!(sheet_name("History", "Figures", &[]), "Figures");
        assert_eq!(
            sheet_name("members", "Members", &["Members".to_owned()]),
            "Members 2"
        );
        assert_eq!(
            sheet_name("Figures", "Regions", &["Figures".to_owned()]),
            "Regions"
        );
    }
}
