//! Module definitions and the LMS completion report reader.

use chrono::NaiveDate;
use gedhub_core::elearning::{
    ModuleDefinition, SkipReason, parse_report_date, read_completion_report,
};

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|line| {
            line.split(',')
                .map(|cell| cell.trim_matches('"').to_owned())
                .collect()
        })
        .collect()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn a_module_definition_reports_every_problem_at_once() {
    let problems =
        ModuleDefinition::new("GED 1!", "", " ", "", "clikc/course/1").expect_err("refused");
    let codes: Vec<(&str, &str)> = problems.iter().map(|p| (p.field, p.code)).collect();
    assert_eq!(
        codes,
        vec![
            ("code", "invalid_module_code"),
            ("title_en", "required"),
            ("title_fr", "required"),
            ("lms_course_id", "required"),
            ("activity_iri", "not_an_iri"),
        ]
    );
    let ok = ModuleDefinition::new(
        " GED-1 ",
        " Gender equality in Customs ",
        "L'égalité de genre",
        "GED1",
        "https://clikc.wcoomd.org/course/view.php?id=412",
    )
    .expect("valid");
    assert_eq!(ok.code, "GED-1");
    assert_eq!(ok.title_en, "Gender equality in Customs");
}

/// A Moodle custom report (course completion) as downloaded in English:
/// a title line, the header, completed and in-progress learners, a learner
/// twice, a row of another course and a blank line.
const MOODLE_REPORT: &str = "\
Course completion report
Full name,Email address,Course short name,Course completion: Status,Course completion: Time completed
Awa Diallo,Awa.Diallo@douanes.example,GED1,Complete,\"Monday, 15 April 2024, 10:15 AM\"
Jean Dupont,jean.dupont@douanes.example,GED1,Not complete,
Awa Diallo,awa.diallo@douanes.example,GED1,Complete,12/04/2024
Marie Curie,marie.curie@douanes.example,GED2,Complete,2024-04-20

Pierre Martin,pierre.martin@unknown.example,GED1,Complete,2024-04-21
";

#[test]
fn a_moodle_report_is_read_with_duplicates_and_other_courses_reported() {
    // The long date contains commas: split it like a CSV reader would.
    let mut table = rows(MOODLE_REPORT);
    table[2] = vec![
        "Awa Diallo".into(),
        "Awa.Diallo@douanes.example".into(),
        "GED1".into(),
        "Complete".into(),
        "Monday, 15 April 2024, 10:15 AM".into(),
    ];
    let report = read_completion_report(&table, "ged1").expect("read");
    assert_eq!(report.rows, 5, "blank line not counted");
    let read: Vec<(usize, &str, NaiveDate)> = report
        .completions
        .iter()
        .map(|c| (c.line, c.email.as_str(), c.completed_on))
        .collect();
    // Awa's earliest date wins (12 April on line 5 over 15 April on line 3).
    assert_eq!(
        read,
        vec![
            (3, "awa.diallo@douanes.example", day(2024, 4, 12)),
            (8, "pierre.martin@unknown.example", day(2024, 4, 21)),
        ]
    );
    let skipped: Vec<(usize, SkipReason)> =
        report.skipped.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(
        skipped,
        vec![
            (4, SkipReason::NotCompleted),
            (5, SkipReason::Duplicate),
            (6, SkipReason::OtherCourse),
        ]
    );
}

#[test]
fn a_french_report_without_status_column_counts_rows_with_a_date() {
    let table = rows(
        "Nom,Adresse de courriel,Date d'achèvement\nA,a@b.example,15/04/2024\nB,b@b.example,\n",
    );
    let report = read_completion_report(&table, "GED1").expect("read");
    assert_eq!(report.completions.len(), 1);
    assert_eq!(report.completions[0].completed_on, day(2024, 4, 15));
    assert_eq!(report.skipped[0].reason, SkipReason::NotCompleted);
}

#[test]
fn bad_cells_refuse_the_whole_report_with_every_problem() {
    let table = rows(
        "Email address,Time completed\nnot-an-email,2024-04-15\na@b.example,the 15th\nc@b.example,2024-04-16\n",
    );
    let problems = read_completion_report(&table, "GED1").expect_err("refused");
    let found: Vec<(usize, &str, &str, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.code, p.value.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, "Email address", "invalid_email", "not-an-email"),
            (3, "Time completed", "invalid_date", "the 15th"),
        ]
    );
}

#[test]
fn missing_columns_and_empty_reports_are_refused() {
    let no_email = read_completion_report(&rows("Name,Time completed\nA,2024-01-01\n"), "X")
        .expect_err("no email");
    assert_eq!(no_email[0].code, "missing_email_column");
    let no_date = read_completion_report(&rows("Email,Status\na@b.example,Complete\n"), "X")
        .expect_err("no date");
    assert_eq!(
        (no_date[0].line, no_date[0].code),
        (1, "missing_date_column")
    );
    let empty = read_completion_report(&rows("Email,Completed\n\n"), "X").expect_err("empty");
    assert_eq!(empty[0].code, "empty_report");
}

#[test]
fn dates_are_read_in_the_forms_moodle_and_spreadsheets_write() {
    let cases = [
        ("2024-04-15", day(2024, 4, 15)),
        ("2024-04-15 10:15", day(2024, 4, 15)),
        ("2024-04-15T10:15:00+02:00", day(2024, 4, 15)),
        ("15/04/2024", day(2024, 4, 15)),
        ("15/04/24", day(2024, 4, 15)),
        ("15 April 2024", day(2024, 4, 15)),
        ("Monday, 15 April 2024, 10:15 AM", day(2024, 4, 15)),
        ("Completed on 15/04/2024", day(2024, 4, 15)),
        ("1713175200", day(2024, 4, 15)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_report_date(text), Some(expected), "{text}");
    }
    for bad in ["", "15th April", "2024-13-01", "31/02/2024"] {
        assert_eq!(parse_report_date(bad), None, "{bad}");
    }
}
