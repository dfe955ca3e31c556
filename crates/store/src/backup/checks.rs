//! The checks a backup's rows pass before a restore changes anything.
//!
//! Every value goes through the type the application reads it with: a role
//! through [`Role::parse`], an assessment status through
//! [`assessment::Status::parse`], an indicator through
//! [`IndicatorDefinition::new`], a stored workforce report through its serde
//! type, and so on. A value the application would refuse when reading the
//! row (and answer 422 or 500 for, or silently skip) is refused here, with
//! its table, row and column. Enumerations must also be written exactly as
//! the application writes them (`draft`, not ` Draft`): several queries
//! compare them as text.
//!
//! Generic checks come from the database catalogue: a value of the right
//! JSON type for the column, a value where the schema requires one, no
//! primary key twice, and every foreign key pointing at a row of the file.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use gedhub_core::instrument::Instrument;
use gedhub_core::ktests::{AnswerOption, QuestionDraft, QuestionKind, TestKind};
use gedhub_core::missions::SupportKind;
use gedhub_core::monitoring::{
    ActionStatus, IndicatorDefinition, Milestone, NewIndicator, PlanStatus, Source,
};
use gedhub_core::pathway::{Stage, Weights};
use gedhub_core::surveys::{ItemKind, SurveyKind};
use gedhub_core::training::{
    CompletionRules, ExerciseKind, ExerciseScale, WorkshopDates, WorkshopKind, WorkshopMode,
};
use gedhub_core::workforce::WorkforceReport;
use gedhub_core::{AdministrationCode, Email, Region, Role, ValidationError, assessment};
use serde_json::Value;

use super::{BackupProblem, Catalogue, Kind, Section, Table, json_kind};
use crate::Timestamp;

/// What a check says of a value: nothing, or why it is refused.
type Outcome = std::result::Result<(), String>;

/// How one column's values are checked beyond their JSON type.
#[derive(Clone, Copy)]
enum Check {
    Text(fn(&str) -> Outcome),
    /// 0 or 1.
    Flag,
}

/// The checks of the columns whose values have a domain type, as (table,
/// column, check). Besides these, every `..._at` column holds a moment as
/// gedhub writes it ([`timestamp`]).
const COLUMN_CHECKS: &[(&str, &str, Check)] = &[
    ("administrations", "code", Check::Text(administration_code)),
    (
        "administrations",
        "region",
        Check::Text(|v| enumeration(v, Region::parse, Region::as_str)),
    ),
    ("administrations", "wco_member", Check::Flag),
    ("users", "email", Check::Text(email)),
    (
        "users",
        "role",
        Check::Text(|v| enumeration(v, Role::parse, Role::as_str)),
    ),
    (
        "users",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "users",
        "sex",
        Check::Text(|v| domain(gedhub_core::programme::parse_sex(v))),
    ),
    ("audit_log", "before_json", Check::Text(json::<Value>)),
    ("audit_log", "after_json", Check::Text(json::<Value>)),
    ("instruments", "definition", Check::Text(json::<Instrument>)),
    (
        "assessments",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "assessments",
        "status",
        Check::Text(|v| enumeration(v, assessment::Status::parse, assessment::Status::as_str)),
    ),
    ("assessment_answers", "not_applicable", Check::Flag),
    ("assessment_contributors", "facilitator", Check::Flag),
    ("expert_recognitions", "recognized_on", Check::Text(date)),
    ("expert_recognitions", "valid_until", Check::Text(date)),
    (
        "workforce_reports",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "workforce_reports",
        "report",
        Check::Text(json::<WorkforceReport>),
    ),
    (
        "action_plans",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "action_plans",
        "status",
        Check::Text(|v| enumeration(v, PlanStatus::parse, PlanStatus::as_str)),
    ),
    ("action_plans", "period_start", Check::Text(date)),
    ("action_plans", "period_end", Check::Text(date)),
    (
        "plan_actions",
        "status",
        Check::Text(|v| enumeration(v, ActionStatus::parse, ActionStatus::as_str)),
    ),
    ("plan_actions", "start_date", Check::Text(date)),
    ("plan_actions", "due_date", Check::Text(date)),
    ("plan_indicators", "latest_on", Check::Text(date)),
    (
        "plan_indicators",
        "source_kind",
        Check::Text(|v| one_of(v, &SOURCE_KINDS)),
    ),
    ("indicator_measurements", "measured_on", Check::Text(date)),
    (
        "workshops",
        "kind",
        Check::Text(|v| enumeration(v, WorkshopKind::parse, WorkshopKind::as_str)),
    ),
    (
        "workshops",
        "mode",
        Check::Text(|v| enumeration(v, WorkshopMode::parse, WorkshopMode::as_str)),
    ),
    (
        "workshops",
        "language",
        Check::Text(|v| one_of(v, &crate::training::DELIVERY_LANGUAGES)),
    ),
    ("workshops", "nominations_open", Check::Flag),
    ("workshops", "nominations_close_on", Check::Text(date)),
    (
        "workshop_participants",
        "status",
        Check::Text(|v| one_of(v, &PARTICIPANT_STATUSES)),
    ),
    (
        "workshop_participants",
        "administration_code",
        Check::Text(administration_code),
    ),
    ("workshop_participants", "completion_override", Check::Flag),
    ("workshop_attendance", "day", Check::Text(date)),
    ("workshop_attendance", "present", Check::Flag),
    ("elearning_completions", "completed_on", Check::Text(date)),
    ("elearning_certificates", "completed_on", Check::Text(date)),
    (
        "elearning_certificates",
        "status",
        Check::Text(|v| one_of(v, &CERTIFICATE_STATUSES)),
    ),
    ("xapi_statements", "received", Check::Text(json::<Value>)),
    ("xapi_statements", "voided", Check::Flag),
    (
        "ktest_tests",
        "kind",
        Check::Text(|v| enumeration(v, TestKind::parse, TestKind::as_str)),
    ),
    (
        "ktest_tests",
        "state",
        Check::Text(|v| {
            enumeration(
                v,
                crate::ktests::TestState::parse,
                crate::ktests::TestState::as_str,
            )
        }),
    ),
    (
        "ktest_attempts",
        "answers",
        Check::Text(json::<BTreeMap<i64, BTreeSet<usize>>>),
    ),
    ("workshop_sessions", "day", Check::Text(date)),
    ("session_attendance", "present", Check::Flag),
    (
        "exercises",
        "kind",
        Check::Text(|v| enumeration(v, ExerciseKind::parse, ExerciseKind::as_str)),
    ),
    (
        "surveys",
        "kind",
        Check::Text(|v| enumeration(v, SurveyKind::parse, SurveyKind::as_str)),
    ),
    ("surveys", "anonymous", Check::Flag),
    ("surveys", "is_open", Check::Flag),
    ("surveys", "send_on", Check::Text(date)),
    (
        "survey_items",
        "kind",
        Check::Text(|v| enumeration(v, ItemKind::parse, ItemKind::as_str)),
    ),
    ("expert_unavailability", "from_date", Check::Text(date)),
    ("expert_unavailability", "to_date", Check::Text(date)),
    (
        "support_requests",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "support_requests",
        "kind",
        Check::Text(|v| enumeration(v, SupportKind::parse, SupportKind::as_str)),
    ),
    (
        "support_requests",
        "mode",
        Check::Text(|v| enumeration(v, WorkshopMode::parse, WorkshopMode::as_str)),
    ),
    (
        "support_requests",
        "status",
        Check::Text(|v| one_of(v, &REQUEST_STATUSES)),
    ),
    (
        "missions",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "missions",
        "kind",
        Check::Text(|v| enumeration(v, SupportKind::parse, SupportKind::as_str)),
    ),
    (
        "missions",
        "mode",
        Check::Text(|v| enumeration(v, WorkshopMode::parse, WorkshopMode::as_str)),
    ),
    ("missions", "start_date", Check::Text(date)),
    ("missions", "end_date", Check::Text(date)),
    (
        "missions",
        "status",
        Check::Text(|v| one_of(v, &MISSION_STATUSES)),
    ),
    (
        "mission_members",
        "role",
        Check::Text(|v| {
            enumeration(
                v,
                crate::missions::MemberRole::parse,
                crate::missions::MemberRole::as_str,
            )
        }),
    ),
    ("mission_evaluations", "positive", Check::Flag),
    (
        "practices",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "practices",
        "status",
        Check::Text(|v| {
            enumeration(
                v,
                gedhub_core::practices::PracticeStatus::parse,
                gedhub_core::practices::PracticeStatus::as_str,
            )
        }),
    ),
    ("practices", "original_language", Check::Text(language)),
    ("practice_texts", "language", Check::Text(language)),
    (
        "pathway_events",
        "from_stage",
        Check::Text(|v| enumeration(v, Stage::parse, Stage::as_str)),
    ),
    (
        "pathway_events",
        "to_stage",
        Check::Text(|v| enumeration(v, Stage::parse, Stage::as_str)),
    ),
    (
        "pathway_labels",
        "stage",
        Check::Text(|v| enumeration(v, Stage::parse, Stage::as_str)),
    ),
    (
        "credentials",
        "kind",
        Check::Text(|v| {
            gedhub_core::credentials::CredentialKind::parse(v)
                .filter(|kind| kind.as_str() == v)
                .map(drop)
                .ok_or_else(|| "unknown_credential_kind".to_owned())
        }),
    ),
    (
        "inquiries",
        "administration_code",
        Check::Text(administration_code),
    ),
    (
        "inquiries",
        "status",
        Check::Text(|v| {
            enumeration(
                v,
                gedhub_core::inquiries::InquiryStatus::parse,
                gedhub_core::inquiries::InquiryStatus::as_str,
            )
        }),
    ),
    ("inquiry_messages", "from_secretariat", Check::Flag),
    // Files: names as uploads clean them (they go into Content-Disposition),
    // keys as the file store makes them (anything else could point outside
    // it). Empty when a material is a link only.
    ("attachments", "file_name", Check::Text(file_name)),
    ("attachments", "storage_key", Check::Text(storage_key)),
    (
        "elearning_certificates",
        "file_name",
        Check::Text(file_name),
    ),
    (
        "elearning_certificates",
        "storage_key",
        Check::Text(storage_key),
    ),
    ("session_materials", "file_name", Check::Text(file_name)),
    ("session_materials", "storage_key", Check::Text(storage_key)),
    ("mission_documents", "file_name", Check::Text(file_name)),
    ("mission_documents", "storage_key", Check::Text(storage_key)),
    ("practice_attachments", "file_name", Check::Text(file_name)),
    (
        "practice_attachments",
        "storage_key",
        Check::Text(storage_key),
    ),
];

/// The check of `table.column`, if its values have a domain type.
fn column_check(table: &str, column: &str) -> Option<Check> {
    COLUMN_CHECKS
        .iter()
        .find(|(t, c, _)| *t == table && *c == column)
        .map(|(_, _, check)| *check)
        .or_else(|| column.ends_with("_at").then_some(Check::Text(timestamp)))
}

/// Where the store writes these plain-text statuses: `training.rs`
/// (nominations), `elearning.rs` (certificates), `missions.rs` (support
/// requests and missions).
const PARTICIPANT_STATUSES: [&str; 4] = ["nominated", "preselected", "confirmed", "waitlisted"];
const CERTIFICATE_STATUSES: [&str; 3] = ["pending", "confirmed", "rejected"];
const REQUEST_STATUSES: [&str; 3] = ["submitted", "accepted", "declined"];
const MISSION_STATUSES: [&str; 3] = ["planned", "delivered", "cancelled"];
/// The indicator sources `plans.rs` reads.
const SOURCE_KINDS: [&str; 3] = ["manual", "assessment", "workforce"];

fn domain<T>(parsed: std::result::Result<T, ValidationError>) -> Outcome {
    parsed.map(drop).map_err(|error| error.code.to_owned())
}

/// A value of an enumeration, written exactly as the application writes it.
fn enumeration<T: Copy>(
    value: &str,
    parse: fn(&str) -> std::result::Result<T, ValidationError>,
    as_str: fn(T) -> &'static str,
) -> Outcome {
    let parsed = parse(value).map_err(|error| error.code.to_owned())?;
    if as_str(parsed) == value {
        Ok(())
    } else {
        Err(format!(
            "not_canonical (gedhub writes {:?})",
            as_str(parsed)
        ))
    }
}

fn one_of(value: &str, allowed: &[&str]) -> Outcome {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!("unknown value (one of: {})", allowed.join(", ")))
    }
}

fn administration_code(value: &str) -> Outcome {
    let code = AdministrationCode::parse(value).map_err(|error| error.code.to_owned())?;
    if code.as_str() == value {
        Ok(())
    } else {
        Err(format!("not_canonical (gedhub writes {:?})", code.as_str()))
    }
}

fn email(value: &str) -> Outcome {
    let email = Email::parse(value).map_err(|error| error.code.to_owned())?;
    if email.as_str() == value {
        Ok(())
    } else {
        Err(format!(
            "not_canonical (gedhub writes {:?})",
            email.as_str()
        ))
    }
}

fn language(value: &str) -> Outcome {
    let code = gedhub_core::practices::parse_language(value).map_err(|e| e.code.to_owned())?;
    if code == value {
        Ok(())
    } else {
        Err(format!("not_canonical (gedhub writes {code:?})"))
    }
}

fn file_name(value: &str) -> Outcome {
    let cleaned = gedhub_core::evidence::clean_file_name(value);
    if value.is_empty() || cleaned == value {
        Ok(())
    } else {
        Err(format!("unsafe file name (gedhub writes {cleaned:?})"))
    }
}

fn storage_key(value: &str) -> Outcome {
    if value.is_empty() || crate::files::FileStore::checked_key(value).is_ok() {
        Ok(())
    } else {
        Err("not a storage key of gedhub's file store".to_owned())
    }
}

/// A day as the store writes and reads it.
fn date(value: &str) -> Outcome {
    parse_date(value).map(drop)
}

fn parse_date(value: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| "invalid_date (YYYY-MM-DD)".to_owned())
}

fn timestamp(value: &str) -> Outcome {
    Timestamp::from_db(value)
        .map(drop)
        .ok_or_else(|| "invalid_timestamp (RFC 3339, e.g. 2026-03-02T09:00:00.000000Z)".to_owned())
}

fn json<T: serde::de::DeserializeOwned>(value: &str) -> Outcome {
    serde_json::from_str::<T>(value)
        .map(drop)
        .map_err(|error| format!("invalid JSON document: {error}"))
}

/// One row, its values already of the right JSON types.
struct RowView<'a> {
    table: &'a Table,
    cells: &'a [Value],
}

impl RowView<'_> {
    fn cell(&self, column: &str) -> Option<&Value> {
        let position = self
            .table
            .columns
            .iter()
            .position(|(name, _)| *name == column)?;
        self.cells.get(position)
    }

    fn text(&self, column: &str) -> Option<&str> {
        self.cell(column).and_then(Value::as_str)
    }

    fn real(&self, column: &str) -> Option<f64> {
        self.cell(column).and_then(Value::as_f64)
    }
}

/// Problems of a whole row: rules across columns, checked with the same
/// constructors the application reads the row with. Each is (column, why).
type RowProblems = Vec<(&'static str, String)>;

fn row_check(table: &str) -> Option<fn(&RowView) -> RowProblems> {
    let check: fn(&RowView) -> RowProblems = match table {
        "users" => |row| {
            let role = row.text("role").and_then(|role| Role::parse(role).ok());
            match role {
                Some(role)
                    if role.requires_administration()
                        && row.text("administration_code").is_none() =>
                {
                    vec![(
                        "administration_code",
                        "administration_required (a focal point belongs to an administration)"
                            .to_owned(),
                    )]
                }
                _ => Vec::new(),
            }
        },
        "plan_indicators" => indicator,
        "workshops" => |row| {
            let mut problems = Vec::new();
            let start = row.text("start_date").map(parse_date);
            let end = row.text("end_date").map(parse_date);
            match (start, end) {
                (Some(Ok(start)), Some(Ok(end))) => {
                    if let Err(error) = WorkshopDates::new(start, end) {
                        problems.push(("end_date", error.code.to_owned()));
                    }
                }
                (start, end) => {
                    for (column, parsed) in [("start_date", start), ("end_date", end)] {
                        if let Some(Err(why)) = parsed {
                            problems.push((column, why));
                        }
                    }
                }
            }
            if let Some(attendance) = row.real("min_attendance_pct")
                && let Err(error) = CompletionRules::new(attendance, row.real("min_post_test_pct"))
            {
                problems.push((error.field, error.code.to_owned()));
            }
            problems
        },
        "exercises" => |row| {
            let levels: Vec<String> = row
                .text("rubric_levels")
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect();
            match ExerciseScale::new(row.real("max_score"), &levels) {
                Ok(_) => Vec::new(),
                Err(error) => vec![("max_score", error.code.to_owned())],
            }
        },
        "ktest_questions" => |row| {
            let options = match serde_json::from_str::<Vec<AnswerOption>>(
                row.text("options").unwrap_or_default(),
            ) {
                Ok(options) => options,
                Err(error) => return vec![("options", format!("invalid JSON document: {error}"))],
            };
            let kind = row.text("kind").unwrap_or_default();
            if let Err(why) = enumeration(kind, QuestionKind::parse, QuestionKind::as_str) {
                return vec![("kind", why)];
            }
            let draft = QuestionDraft {
                kind: kind.to_owned(),
                text_en: row.text("text_en").unwrap_or_default().to_owned(),
                text_fr: row.text("text_fr").unwrap_or_default().to_owned(),
                options,
            };
            match gedhub_core::ktests::Question::new(draft) {
                Ok(_) => Vec::new(),
                Err(errors) => errors
                    .into_iter()
                    .map(|error| ("options", format!("{}: {}", error.field, error.code)))
                    .collect(),
            }
        },
        "mission_evaluations" => |row| {
            #[derive(serde::Deserialize)]
            struct Stored {
                scores: [i64; 4],
                comments: [String; 4],
            }
            match serde_json::from_str::<Stored>(row.text("scores").unwrap_or_default()) {
                Err(error) => vec![("scores", format!("invalid JSON document: {error}"))],
                Ok(stored) => {
                    match crate::agenda::RubricScores::new(stored.scores, stored.comments) {
                        Ok(_) => Vec::new(),
                        Err(error) => vec![("scores", error.to_string())],
                    }
                }
            }
        },
        "pathway_settings" => |row| {
            let weight = |column| row.real(column).unwrap_or(f64::NAN);
            let mut problems = Vec::new();
            if let Err(error) = Weights::new(
                weight("weight_post_test"),
                weight("weight_knowledge_gain"),
                weight("weight_attendance"),
                weight("weight_exercises"),
                weight("weight_rubric"),
            ) {
                problems.push(("weight_post_test", error.code.to_owned()));
            }
            let pct = weight("trained_post_test_pct");
            if !(pct.is_finite() && (0.0..=100.0).contains(&pct)) {
                problems.push((
                    "trained_post_test_pct",
                    "out of range (0 to 100)".to_owned(),
                ));
            }
            problems
        },
        _ => return None,
    };
    Some(check)
}

/// A stored indicator, through the constructor `plans.rs` reads it with.
fn indicator(row: &RowView) -> RowProblems {
    let mut problems = Vec::new();
    let mut day = |column: &'static str| match row.text(column).map(parse_date) {
        Some(Ok(day)) => Some(day),
        Some(Err(why)) => {
            problems.push((column, why));
            None
        }
        None => None,
    };
    let baseline_date = day("baseline_date");
    let target_date = day("target_date");
    let milestones =
        match serde_json::from_str::<Vec<Milestone>>(row.text("milestones").unwrap_or_default()) {
            Ok(milestones) => Some(milestones),
            Err(error) => {
                problems.push(("milestones", format!("invalid JSON document: {error}")));
                None
            }
        };
    let detail = row.text("source_detail").map(str::to_owned);
    let source = match row.text("source_kind") {
        Some("manual") => Some(Source::Manual),
        Some("assessment") => Some(Source::Assessment { section: detail }),
        Some("workforce") => Some(Source::Workforce {
            statistic: detail.unwrap_or_default(),
        }),
        // Reported by the column check.
        _ => None,
    };
    let (Some(baseline_date), Some(target_date), Some(milestones), Some(source)) =
        (baseline_date, target_date, milestones, source)
    else {
        return problems;
    };
    let definition = IndicatorDefinition::new(NewIndicator {
        name_en: row.text("name_en").unwrap_or_default().to_owned(),
        name_fr: row.text("name_fr").unwrap_or_default().to_owned(),
        unit: row.text("unit").unwrap_or_default().to_owned(),
        direction: row.text("direction").map(str::to_owned),
        baseline_value: row.real("baseline_value").unwrap_or(f64::NAN),
        baseline_date,
        target_value: row.real("target_value").unwrap_or(f64::NAN),
        target_date,
        milestones,
        frequency: row.text("frequency").map(str::to_owned),
        source,
    });
    if let Err(errors) = definition {
        for error in errors {
            problems.push((indicator_column(error.field), error.code.to_owned()));
        }
    }
    problems
}

/// The column an indicator's validation error is about (its fields are
/// named like the columns, but for a few).
fn indicator_column(field: &'static str) -> &'static str {
    match field {
        "name" => "name_en",
        "source" => "source_kind",
        other => other,
    }
}

/// A primary-key or reference value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Int(i64),
    Text(String),
}

impl Key {
    fn of(value: &Value) -> Option<Key> {
        match value {
            Value::Number(n) => n.as_i64().map(Key::Int),
            Value::String(s) => Some(Key::Text(s.clone())),
            _ => None,
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Int(n) => write!(f, "{n}"),
            Key::Text(s) => write!(f, "{s:?}"),
        }
    }
}

/// The problem of a cell whose JSON type is not the column's, if any.
fn type_problem(kind: Kind, cell: &Value, required: bool) -> Option<String> {
    let fits = match (kind, cell) {
        (_, Value::Null) => {
            return required.then(|| "is empty, but the schema requires a value".to_owned());
        }
        (Kind::Int, Value::Number(n)) => n.as_i64().is_some(),
        (Kind::Real, Value::Number(n)) => n.as_f64().is_some(),
        (Kind::Text, Value::String(_)) => true,
        _ => false,
    };
    (!fits).then(|| format!("should be {}, not {}", kind.name(), describe(cell)))
}

/// A value as messages show it: short, never a whole document.
fn describe(value: &Value) -> String {
    match value {
        Value::Number(_) | Value::Bool(_) => value.to_string(),
        Value::String(s) if s.chars().count() <= 60 => format!("the string {s:?}"),
        Value::String(_) => "a long string".to_owned(),
        other => json_kind(other).to_owned(),
    }
}

/// Every problem of the rows of `sections` (see the module documentation).
pub(super) fn check_rows(sections: &[Section], catalogue: &Catalogue) -> Vec<BackupProblem> {
    let mut problems = Vec::new();
    let empty = super::TableSchema::default();
    for section in sections {
        let table = section.table;
        let schema = catalogue.tables.get(table.name).unwrap_or(&empty);
        let required: Vec<bool> = table
            .columns
            .iter()
            .map(|(name, _)| {
                schema
                    .columns
                    .iter()
                    .any(|column| column.name == *name && column.required)
            })
            .collect();
        let key_positions: Vec<usize> = schema
            .primary_key
            .iter()
            .filter_map(|key| table.columns.iter().position(|(name, _)| name == key))
            .collect();
        let mut keys_seen: HashMap<Vec<Key>, usize> = HashMap::new();
        for (index, row) in section.rows.iter().enumerate() {
            let Some(cells) = row
                .as_array()
                .filter(|cells| cells.len() == table.columns.len())
            else {
                problems.push(BackupProblem::at(
                    table.name,
                    index,
                    None,
                    format!(
                        "should be a list of {} values (one per column), not {}",
                        table.columns.len(),
                        match row {
                            Value::Array(cells) => format!("a list of {}", cells.len()),
                            other => json_kind(other).to_owned(),
                        }
                    ),
                ));
                continue;
            };
            let mut well_typed = true;
            for ((cell, (column, kind)), required) in cells.iter().zip(table.columns).zip(&required)
            {
                if let Some(why) = type_problem(*kind, cell, *required) {
                    well_typed = false;
                    problems.push(BackupProblem::at(table.name, index, Some(column), why));
                    continue;
                }
                let refused = match (column_check(table.name, column), cell) {
                    (Some(Check::Text(check)), Value::String(text)) => check(text)
                        .err()
                        .map(|why| format!("{} refused: {why}", describe(cell))),
                    (Some(Check::Flag), Value::Number(n)) if !matches!(n.as_i64(), Some(0 | 1)) => {
                        Some(format!("{} refused: should be 0 or 1", describe(cell)))
                    }
                    _ => None,
                };
                if let Some(why) = refused {
                    problems.push(BackupProblem::at(table.name, index, Some(column), why));
                }
            }
            if !well_typed {
                continue;
            }
            let view = RowView { table, cells };
            if let Some(check) = row_check(table.name) {
                for (column, why) in check(&view) {
                    problems.push(BackupProblem::at(table.name, index, Some(column), why));
                }
            }
            let key: Option<Vec<Key>> = key_positions
                .iter()
                .map(|position| cells.get(*position).and_then(Key::of))
                .collect();
            if let Some(key) = key.filter(|key| !key.is_empty()) {
                if let Some(first) = keys_seen.get(&key) {
                    problems.push(BackupProblem::at(
                        table.name,
                        index,
                        None,
                        format!(
                            "repeats the primary key ({}) of row {}",
                            schema.primary_key.join(", "),
                            first + 1
                        ),
                    ));
                } else {
                    keys_seen.insert(key, index);
                }
            }
        }
    }
    problems.extend(check_references(sections, catalogue));
    problems
}

/// Every foreign key of the schema must point at a row of the file (the
/// database would refuse the row, naming neither table nor row).
fn check_references(sections: &[Section], catalogue: &Catalogue) -> Vec<BackupProblem> {
    let mut problems = Vec::new();
    let mut parents: HashMap<(String, String), HashSet<Key>> = HashMap::new();
    for section in sections {
        let table = section.table;
        let Some(schema) = catalogue.tables.get(table.name) else {
            continue;
        };
        for reference in &schema.references {
            let Some(position) = table
                .columns
                .iter()
                .position(|(name, _)| *name == reference.column)
            else {
                continue;
            };
            let parent_column = reference.parent_column.clone().or_else(|| {
                catalogue
                    .tables
                    .get(reference.parent.as_str())
                    .and_then(|parent| parent.primary_key.first().cloned())
            });
            let Some(parent_column) = parent_column else {
                continue;
            };
            let slot = (reference.parent.clone(), parent_column.clone());
            if !parents.contains_key(&slot) {
                let keys = parent_keys(sections, &reference.parent, &parent_column);
                parents.insert(slot.clone(), keys);
            }
            let Some(keys) = parents.get(&slot) else {
                continue;
            };
            for (index, row) in section.rows.iter().enumerate() {
                let Some(key) = row
                    .as_array()
                    .and_then(|cells| cells.get(position))
                    .and_then(Key::of)
                else {
                    continue;
                };
                if !keys.contains(&key) {
                    problems.push(BackupProblem::at(
                        table.name,
                        index,
                        Some(&reference.column),
                        format!(
                            "refers to {}.{} = {key}, which is not in the file",
                            reference.parent, parent_column
                        ),
                    ));
                }
            }
        }
    }
    problems
}

fn parent_keys(sections: &[Section], table: &str, column: &str) -> HashSet<Key> {
    let Some(section) = sections.iter().find(|s| s.table.name == table) else {
        return HashSet::new();
    };
    let Some(position) = section
        .table
        .columns
        .iter()
        .position(|(name, _)| *name == column)
    else {
        return HashSet::new();
    };
    section
        .rows
        .iter()
        .filter_map(|row| row.as_array()?.get(position).and_then(Key::of))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{COLUMN_CHECKS, column_check, row_check};

    /// A check named for a column that backups do not have would never run.
    #[test]
    fn every_checked_column_is_a_backed_up_column() {
        for (table, column, _) in COLUMN_CHECKS {
            let known = super::super::TABLES
                .iter()
                .find(|t| t.name == *table)
                .is_some_and(|t| t.columns.iter().any(|(name, _)| name == column));
            assert!(known, "{table}.{column} is not backed up");
        }
        for table in [
            "users",
            "plan_indicators",
            "workshops",
            "exercises",
            "ktest_questions",
            "mission_evaluations",
            "pathway_settings",
        ] {
            assert!(
                super::super::TABLES.iter().any(|t| t.name == table),
                "{table}"
            );
            assert!(row_check(table).is_some(), "{table}");
        }
        assert!(column_check("sessions", "created_at").is_some());
        assert!(column_check("users", "name").is_none());
    }
}
