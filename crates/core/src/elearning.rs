//! E-learning modules and the LMS's course-completion report (issue 6).
//!
//! The two GED e-learning modules live on the WCO's learning platform
//! (CLiKC!, a Moodle). gedhub learns that a participant completed one in
//! three ways: this report imported as CSV or Excel, an xAPI statement (see
//! [`crate::xapi`]), or the participant's own e-certificate confirmed by the
//! Secretariat. This module defines modules and reads the report; it knows
//! nothing of files or accounts.
//!
//! Reading a report (column names as Moodle writes them in English or French,
//! case and a "Course completion: " style prefix ignored):
//! - the e-mail column is required; a completion-date column is required; a
//!   status column and a course column are optional;
//! - a row is a completion when its status says so (`Complete`, `Completed`,
//!   `Yes`, `Oui`, `Terminé`…) or, without a status column, when it has a date;
//!   other rows are reported as not completed and skipped;
//! - a row naming another course (when a course column exists) is reported and
//!   skipped;
//! - the same e-mail twice counts once, with the earliest date; the later rows
//!   are reported as duplicates;
//! - a row with a malformed e-mail or date refuses the whole report, with every
//!   such problem listed, so an import is never half done.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::values::{Email, ValidationError};
use crate::xapi::is_iri;

/// A module as the Secretariat defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleDefinition {
    /// Short code such as `GED-1`, unique.
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    /// The course's identifier in the LMS (Moodle's short name or id), as it
    /// appears in the completion report.
    pub lms_course_id: String,
    /// The xAPI activity IRI the LMS reports completions against.
    pub activity_iri: String,
}

impl ModuleDefinition {
    /// Validates every field; returns all problems at once.
    pub fn new(
        code: &str,
        title_en: &str,
        title_fr: &str,
        lms_course_id: &str,
        activity_iri: &str,
    ) -> Result<Self, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let code = code.trim();
        let code_ok = (1..=32).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !code_ok {
            problems.push(ValidationError::new("code", "invalid_module_code"));
        }
        for (field, text) in [("title_en", title_en), ("title_fr", title_fr)] {
            if text.trim().is_empty() {
                problems.push(ValidationError::new(field, "required"));
            }
        }
        if lms_course_id.trim().is_empty() {
            problems.push(ValidationError::new("lms_course_id", "required"));
        }
        if !is_iri(activity_iri.trim()) {
            problems.push(ValidationError::new("activity_iri", "not_an_iri"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            code: code.to_owned(),
            title_en: title_en.trim().to_owned(),
            title_fr: title_fr.trim().to_owned(),
            lms_course_id: lms_course_id.trim().to_owned(),
            activity_iri: activity_iri.trim().to_owned(),
        })
    }
}

/// One completion read from the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedCompletion {
    /// Line in the file (1-based, the header counts).
    pub line: usize,
    pub email: Email,
    pub completed_on: NaiveDate,
}

/// Why a row was skipped (not an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    NotCompleted,
    OtherCourse,
    /// The same e-mail appeared on an earlier line.
    Duplicate,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotCompleted => "not_completed",
            SkipReason::OtherCourse => "other_course",
            SkipReason::Duplicate => "duplicate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    pub line: usize,
    /// The row's e-mail as written.
    pub email: String,
    pub reason: SkipReason,
}

/// A problem that refuses the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportProblem {
    /// Line in the file (1-based); 0 for the file as a whole.
    pub line: usize,
    /// Column name as written in the header, when the problem is in a cell.
    pub column: String,
    /// Stable code: `no_header`, `missing_email_column`, `missing_date_column`,
    /// `invalid_email`, `invalid_date`, `empty_report`.
    pub code: &'static str,
    /// The offending text, for the person fixing the file.
    pub value: String,
}

/// A report read successfully.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CompletionReport {
    /// One per e-mail, in file order.
    pub completions: Vec<ReportedCompletion>,
    pub skipped: Vec<SkippedRow>,
    /// Data rows read (blank rows excluded).
    pub rows: usize,
}

const EMAIL_HEADERS: &[&str] = &[
    "email address",
    "email",
    "e-mail",
    "e-mail address",
    "adresse courriel",
    "adresse de courriel",
    "adresse e-mail",
    "adresse électronique",
    "courriel",
];
const DATE_HEADERS: &[&str] = &[
    "time completed",
    "date completed",
    "completion date",
    "course completion date",
    "completed on",
    "completed",
    "date d'achèvement",
    "date de réussite",
    "achevé le",
    "terminé le",
];
const STATUS_HEADERS: &[&str] = &[
    "status",
    "completion status",
    "course complete",
    "course completion status",
    "statut",
    "état",
    "statut d'achèvement",
];
const COURSE_HEADERS: &[&str] = &[
    "course short name",
    "course shortname",
    "course id",
    "course",
    "cours",
    "nom abrégé du cours",
];
const COMPLETED_STATUSES: &[&str] = &[
    "complete",
    "completed",
    "complete-pass",
    "passed",
    "yes",
    "y",
    "true",
    "1",
    "oui",
    "terminé",
    "achevé",
    "complété",
    "réussi",
];

/// `Course completion: Time completed` → `time completed`.
fn normalise_header(text: &str) -> String {
    let text = text.trim().trim_start_matches('\u{feff}');
    let text = text.rsplit_once(':').map_or(text, |(_, tail)| tail);
    text.trim().to_lowercase()
}

fn find_column(header: &[String], names: &[&str]) -> Option<usize> {
    // Earlier names win: "time completed" before the looser "completed".
    names.iter().find_map(|name| {
        header
            .iter()
            .position(|cell| normalise_header(cell) == *name)
    })
}

/// Reads a completion report for the course `lms_course_id`. `rows` are the
/// file's rows as text (CSV records, or workbook rows with dates as
/// `YYYY-MM-DD`); the header is the first row with an e-mail column.
pub fn read_completion_report(
    rows: &[Vec<String>],
    lms_course_id: &str,
) -> Result<CompletionReport, Vec<ReportProblem>> {
    let problem = |line, column: &str, code, value: &str| ReportProblem {
        line,
        column: column.to_owned(),
        code,
        value: value.to_owned(),
    };
    let Some(header_index) = rows
        .iter()
        .position(|row| find_column(row, EMAIL_HEADERS).is_some())
    else {
        return Err(vec![problem(0, "", "missing_email_column", "")]);
    };
    let header = &rows[header_index];
    let email_col = find_column(header, EMAIL_HEADERS).unwrap_or_default();
    let Some(date_col) = find_column(header, DATE_HEADERS) else {
        return Err(vec![problem(
            header_index + 1,
            "",
            "missing_date_column",
            "",
        )]);
    };
    let status_col = find_column(header, STATUS_HEADERS).filter(|col| *col != date_col);
    let course_col = find_column(header, COURSE_HEADERS);
    let cell = |row: &Vec<String>, col: usize| row.get(col).map_or("", |c| c.trim()).to_owned();

    let mut report = CompletionReport::default();
    let mut problems = Vec::new();
    let mut first_line_of: std::collections::HashMap<String, usize> = Default::default();
    for (index, row) in rows.iter().enumerate().skip(header_index + 1) {
        let line = index + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        let email_text = cell(row, email_col);
        let email = match Email::parse(&email_text) {
            Ok(email) => email,
            Err(_) => {
                problems.push(problem(
                    line,
                    &header[email_col],
                    "invalid_email",
                    &email_text,
                ));
                continue;
            }
        };
        let date_text = cell(row, date_col);
        let completed = match status_col {
            Some(col) => COMPLETED_STATUSES.contains(&cell(row, col).to_lowercase().as_str()),
            None => !date_text.is_empty(),
        };
        let skip = |reason| SkippedRow {
            line,
            email: email_text.clone(),
            reason,
        };
        if let Some(col) = course_col {
            let course = cell(row, col);
            if !course.is_empty() && !course.eq_ignore_ascii_case(lms_course_id.trim()) {
                report.skipped.push(skip(SkipReason::OtherCourse));
                continue;
            }
        }
        if !completed {
            report.skipped.push(skip(SkipReason::NotCompleted));
            continue;
        }
        let Some(completed_on) = parse_report_date(&date_text) else {
            problems.push(problem(line, &header[date_col], "invalid_date", &date_text));
            continue;
        };
        let key = email.as_str().to_owned();
        match first_line_of.get(&key) {
            Some(&position) => {
                report.skipped.push(skip(SkipReason::Duplicate));
                let kept = &mut report.completions[position];
                kept.completed_on = kept.completed_on.min(completed_on);
            }
            None => {
                first_line_of.insert(key, report.completions.len());
                report.completions.push(ReportedCompletion {
                    line,
                    email,
                    completed_on,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if report.rows == 0 {
        return Err(vec![problem(header_index + 1, "", "empty_report", "")]);
    }
    Ok(report)
}

/// Dates as Moodle and spreadsheets write them: ISO (`2024-03-11`, with or
/// without a time), day first (`11/03/2024`, `11/03/24`), Moodle's long form
/// (`Monday, 11 March 2024, 10:15 AM`), `11 March 2024`, an RFC 3339 time, or
/// Unix seconds. A leading `Completed on`/`Completed:` is ignored.
pub fn parse_report_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let text = [
        "Completed on ",
        "Completed: ",
        "Completed ",
        "Terminé le ",
        "Achevé le ",
    ]
    .iter()
    .find_map(|prefix| text.strip_prefix(prefix))
    .unwrap_or(text)
    .trim();
    if text.is_empty() {
        return None;
    }
    if text.len() >= 9 && text.chars().all(|c| c.is_ascii_digit()) {
        let seconds: i64 = text.parse().ok()?;
        return DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive());
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.date_naive());
    }
    // Day first with a two- or four-digit year (chrono's `%Y` would read `24`
    // as the year 24).
    // A time after the date (`15/04/2024 10:15`) is ignored.
    if text.contains('/') {
        let date = text.split([' ', ',']).next().unwrap_or_default();
        let format = match date.rsplit_once('/').map(|(_, year)| year.len()) {
            Some(2) => "%d/%m/%y",
            Some(4) => "%d/%m/%Y",
            _ => return None,
        };
        return NaiveDate::parse_from_str(date, format).ok();
    }
    for format in ["%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%A, %d %B %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date);
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%A, %d %B %Y, %I:%M %p",
        "%d %B %Y, %I:%M %p",
        "%A, %d %B %Y, %H:%M",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(time.date());
        }
    }
    None
}
