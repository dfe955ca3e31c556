//! Backups: a consistent, engine-neutral JSON copy of every durable table.
//!
//! The copy is read inside one transaction (a snapshot in SQLite's WAL mode, a
//! repeatable-read transaction in PostgreSQL), so it is consistent while the
//! server keeps running. Because it is plain JSON, a backup taken from SQLite
//! restores into PostgreSQL and the other way round. Sessions and sign-in
//! attempts are not kept: a restore signs everybody out.

use serde_json::{Value, json};
use sqlx::Row;

use crate::{
    Backend, POSTGRES_MIGRATIONS, Result, SQLITE_MIGRATIONS, Store, StoreError, Timestamp,
};

mod checks;

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Real,
    Text,
}

struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    /// Has a generated `id` whose PostgreSQL sequence must follow restored rows.
    identity: bool,
}

use Kind::{Int, Real, Text};

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Int => "an integer",
            Real => "a number",
            Text => "text",
        }
    }

    /// Whether a type declared in the schema (SQLite's or PostgreSQL's
    /// spelling) holds this kind.
    fn matches(self, declared: &str) -> bool {
        let declared = declared.to_ascii_lowercase();
        match self {
            Int => ["integer", "bigint", "smallint"].contains(&declared.as_str()),
            Real => ["real", "double precision", "numeric"].contains(&declared.as_str()),
            Text => declared == "text",
        }
    }
}

/// Durable tables in the order they can be inserted (parents first).
const TABLES: &[Table] = &[
    Table {
        name: "administrations",
        columns: &[
            ("code", Text),
            ("name_en", Text),
            ("name_fr", Text),
            ("region", Text),
            ("wco_member", Int),
            ("created_at", Text),
            ("updated_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("email", Text),
            ("name", Text),
            ("role", Text),
            ("administration_code", Text),
            ("password_hash", Text),
            ("locale", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("sex", Text),
            ("browser_locale", Text),
        ],
        identity: true,
    },
    Table {
        name: "api_tokens",
        columns: &[
            ("id", Int),
            ("token_hash", Text),
            ("user_id", Int),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("occurred_at", Text),
            ("actor_user_id", Int),
            ("actor_email", Text),
            ("action", Text),
            ("entity", Text),
            ("entity_key", Text),
            ("administration_code", Text),
            ("before_json", Text),
            ("after_json", Text),
        ],
        identity: true,
    },
    Table {
        name: "instruments",
        columns: &[
            ("code", Text),
            ("edition", Text),
            ("title_en", Text),
            ("definition", Text),
            ("imported_by", Text),
            ("imported_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "assessments",
        columns: &[
            ("id", Int),
            ("administration_code", Text),
            ("instrument_code", Text),
            ("title", Text),
            ("status", Text),
            ("created_by", Int),
            ("created_at", Text),
            ("updated_at", Text),
            ("submitted_at", Text),
            ("validated_at", Text),
            ("validated_by", Text),
            ("status_reason", Text),
        ],
        identity: true,
    },
    Table {
        name: "assessment_answers",
        columns: &[
            ("assessment_id", Int),
            ("indicator_code", Text),
            ("rating", Int),
            ("not_applicable", Int),
            ("justification", Text),
            ("evidence", Text),
            ("version", Int),
            ("updated_by", Text),
            ("updated_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "assessment_contributors",
        columns: &[
            ("assessment_id", Int),
            ("user_id", Int),
            ("sections", Text),
            ("facilitator", Int),
            ("added_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "answer_comments",
        columns: &[
            ("id", Int),
            ("assessment_id", Int),
            ("indicator_code", Text),
            ("author_id", Int),
            ("author_name", Text),
            ("body", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        // Only the records: the files themselves live in the file store and
        // are copied with it.
        name: "attachments",
        columns: &[
            ("id", Int),
            ("assessment_id", Int),
            ("indicator_code", Text),
            ("file_name", Text),
            ("content_type", Text),
            ("size_bytes", Int),
            ("sha256", Text),
            ("storage_key", Text),
            ("uploaded_by", Text),
            ("uploaded_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "expert_recognitions",
        columns: &[
            ("user_id", Int),
            ("recognized_on", Text),
            ("valid_until", Text),
            ("recorded_by", Text),
            ("recorded_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "workforce_reports",
        columns: &[
            ("id", Int),
            ("administration_code", Text),
            ("reference_year", Int),
            ("report", Text),
            ("file_sha256", Text),
            ("rows_read", Int),
            ("rows_rejected", Int),
            ("min_group", Int),
            ("computed_by", Text),
            ("computed_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "action_plans",
        columns: &[
            ("id", Int),
            ("administration_code", Text),
            ("assessment_id", Int),
            ("title", Text),
            ("period_start", Text),
            ("period_end", Text),
            ("owner", Text),
            ("owner_user_id", Int),
            ("status", Text),
            ("created_by", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "plan_objectives",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("title", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "plan_objective_gaps",
        columns: &[("objective_id", Int), ("indicator_code", Text)],
        identity: false,
    },
    Table {
        name: "plan_actions",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("objective_id", Int),
            ("title", Text),
            ("responsible", Text),
            ("responsible_user_id", Int),
            ("start_date", Text),
            ("due_date", Text),
            ("budget_amount", Real),
            ("budget_currency", Text),
            ("status", Text),
            ("progress_notes", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "plan_indicators",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("objective_id", Int),
            ("name_en", Text),
            ("name_fr", Text),
            ("unit", Text),
            ("direction", Text),
            ("baseline_value", Real),
            ("baseline_date", Text),
            ("target_value", Real),
            ("target_date", Text),
            ("milestones", Text),
            ("frequency", Text),
            ("source_kind", Text),
            ("source_detail", Text),
            ("created_at", Text),
            ("latest_on", Text),
            ("latest_value", Real),
        ],
        identity: true,
    },
    Table {
        name: "indicator_measurements",
        columns: &[
            ("id", Int),
            ("indicator_id", Int),
            ("measured_on", Text),
            ("value", Real),
            ("comment", Text),
            ("entered_by", Text),
            ("entered_at", Text),
            ("superseded_by", Int),
        ],
        identity: true,
    },
    Table {
        name: "notifications",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("subject", Text),
            ("body", Text),
            ("link", Text),
            ("created_at", Text),
            ("read_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "workshops",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("kind", Text),
            ("mode", Text),
            ("language", Text),
            ("venue", Text),
            ("meeting_link", Text),
            ("start_date", Text),
            ("end_date", Text),
            ("capacity", Int),
            ("min_attendance_pct", Real),
            ("min_post_test_pct", Real),
            ("created_by", Text),
            ("created_at", Text),
            ("nominations_open", Int),
            ("nominations_close_on", Text),
        ],
        identity: true,
    },
    Table {
        name: "workshop_participants",
        columns: &[
            ("workshop_id", Int),
            ("user_id", Int),
            ("status", Text),
            ("administration_code", Text),
            ("added_at", Text),
            ("motivation", Text),
            ("languages", Text),
            ("experience", Text),
            ("nominated_by", Text),
            ("completion_override", Int),
            ("override_reason", Text),
        ],
        identity: false,
    },
    Table {
        name: "workshop_attendance",
        columns: &[
            ("workshop_id", Int),
            ("user_id", Int),
            ("day", Text),
            ("present", Int),
            ("recorded_by", Text),
            ("recorded_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "elearning_modules",
        columns: &[
            ("id", Int),
            ("code", Text),
            ("title_en", Text),
            ("title_fr", Text),
            ("lms_course_id", Text),
            ("activity_iri", Text),
            ("created_by", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "elearning_completions",
        columns: &[
            ("module_id", Int),
            ("user_id", Int),
            ("completed_on", Text),
            ("source", Text),
            ("reference", Text),
            ("recorded_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "elearning_certificates",
        columns: &[
            ("id", Int),
            ("module_id", Int),
            ("user_id", Int),
            ("completed_on", Text),
            ("file_name", Text),
            ("content_type", Text),
            ("size_bytes", Int),
            ("sha256", Text),
            ("storage_key", Text),
            ("status", Text),
            ("decided_by", Text),
            ("decided_at", Text),
            ("uploaded_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "lrs_credentials",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("api_key", Text),
            ("secret_hash", Text),
            ("created_by", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "xapi_statements",
        columns: &[
            ("id", Int),
            ("statement_id", Text),
            ("received", Text),
            ("stored", Text),
            ("credential_id", Int),
            ("actor_key", Text),
            ("verb_id", Text),
            ("activity_id", Text),
            ("registration", Text),
            ("voids", Text),
            ("voided", Int),
            ("object_agent_key", Text),
            ("object_statement_id", Text),
        ],
        identity: true,
    },
    Table {
        name: "xapi_attachments",
        columns: &[
            ("sha2", Text),
            ("content_type", Text),
            ("length", Int),
            ("content", Text),
            ("stored", Text),
        ],
        identity: false,
    },
    Table {
        name: "xapi_documents",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("activity_id", Text),
            ("agent_key", Text),
            ("registration", Text),
            ("document_id", Text),
            ("content_type", Text),
            ("content", Text),
            ("length", Int),
            ("etag", Text),
            ("updated", Text),
            ("credential_id", Int),
        ],
        identity: true,
    },
    // Knowledge tests.
    Table {
        name: "ktest_questions",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("text_en", Text),
            ("text_fr", Text),
            ("options", Text),
            ("created_by", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "ktest_tests",
        columns: &[
            ("id", Int),
            ("workshop_id", Int),
            ("kind", Text),
            ("time_limit_minutes", Int),
            ("state", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "ktest_test_questions",
        columns: &[("test_id", Int), ("position", Int), ("question_id", Int)],
        identity: false,
    },
    Table {
        name: "ktest_attempts",
        columns: &[
            ("test_id", Int),
            ("user_id", Int),
            ("started_at", Text),
            ("submitted_at", Text),
            ("answers", Text),
            ("score_pct", Real),
        ],
        identity: false,
    },
    // Agenda, facilitators, exercises and facilitators' assessments.
    Table {
        name: "workshop_facilitators",
        columns: &[
            ("workshop_id", Int),
            ("user_id", Int),
            ("added_by", Text),
            ("added_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "workshop_sessions",
        columns: &[
            ("id", Int),
            ("workshop_id", Int),
            ("day", Text),
            ("start_time", Text),
            ("end_time", Text),
            ("title_en", Text),
            ("title_fr", Text),
            ("description", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "session_materials",
        columns: &[
            ("id", Int),
            ("session_id", Int),
            ("title", Text),
            ("link", Text),
            ("file_name", Text),
            ("content_type", Text),
            ("size_bytes", Int),
            ("storage_key", Text),
            ("added_by", Text),
            ("added_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "session_attendance",
        columns: &[
            ("session_id", Int),
            ("user_id", Int),
            ("present", Int),
            ("recorded_by", Text),
            ("recorded_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "exercises",
        columns: &[
            ("id", Int),
            ("workshop_id", Int),
            ("title", Text),
            ("kind", Text),
            ("max_score", Real),
            ("rubric_levels", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "exercise_group_members",
        columns: &[("exercise_id", Int), ("group_name", Text), ("user_id", Int)],
        identity: false,
    },
    Table {
        name: "exercise_results",
        columns: &[
            ("exercise_id", Int),
            ("user_id", Int),
            ("score", Real),
            ("level", Int),
            ("percent", Real),
            ("group_name", Text),
            ("recorded_by", Text),
            ("recorded_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "facilitator_assessments",
        columns: &[
            ("workshop_id", Int),
            ("participant_id", Int),
            ("facilitator_id", Int),
            ("ged_tools", Int),
            ("ged_tools_comment", Text),
            ("technical_expertise", Int),
            ("technical_expertise_comment", Text),
            ("support_members", Int),
            ("support_members_comment", Text),
            ("facilitate_senior_officials", Int),
            ("facilitate_senior_officials_comment", Text),
            ("updated_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "facilitator_assessment_releases",
        columns: &[
            ("workshop_id", Int),
            ("released_by", Text),
            ("released_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "surveys",
        columns: &[
            ("id", Int),
            ("workshop_id", Int),
            ("kind", Text),
            ("anonymous", Int),
            ("is_open", Int),
            ("send_on", Text),
            ("sent_at", Text),
            ("created_by", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "survey_items",
        columns: &[
            ("id", Int),
            ("survey_id", Int),
            ("ordinal", Int),
            ("kind", Text),
            ("text_en", Text),
            ("text_fr", Text),
        ],
        identity: true,
    },
    Table {
        name: "survey_respondents",
        columns: &[("survey_id", Int), ("user_id", Int)],
        identity: false,
    },
    Table {
        name: "survey_responses",
        columns: &[("response_key", Text), ("survey_id", Int), ("user_id", Int)],
        identity: false,
    },
    Table {
        name: "survey_answers",
        columns: &[
            ("response_key", Text),
            ("item_id", Int),
            ("likert", Int),
            ("answer_text", Text),
        ],
        identity: false,
    },
    Table {
        name: "expert_profiles",
        columns: &[
            ("user_id", Int),
            ("bio", Text),
            ("languages", Text),
            ("areas", Text),
            ("max_missions_per_year", Int),
            ("updated_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "expert_unavailability",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("from_date", Text),
            ("to_date", Text),
            ("note", Text),
        ],
        identity: true,
    },
    Table {
        name: "support_requests",
        columns: &[
            ("id", Int),
            ("administration_code", Text),
            ("kind", Text),
            ("language", Text),
            ("mode", Text),
            ("preferred_from", Text),
            ("preferred_to", Text),
            ("context", Text),
            ("status", Text),
            ("answer", Text),
            ("requested_by", Text),
            ("requested_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "missions",
        columns: &[
            ("id", Int),
            ("request_id", Int),
            ("administration_code", Text),
            ("kind", Text),
            ("mode", Text),
            ("language", Text),
            ("areas", Text),
            ("start_date", Text),
            ("end_date", Text),
            ("agenda", Text),
            ("status", Text),
            ("report", Text),
            ("recommendations", Text),
            ("reported_at", Text),
            ("member_rating", Int),
            ("member_comment", Text),
            ("feedback_at", Text),
            ("created_by", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "mission_members",
        columns: &[("mission_id", Int), ("user_id", Int), ("role", Text)],
        identity: false,
    },
    Table {
        name: "mission_evaluations",
        columns: &[
            ("mission_id", Int),
            ("user_id", Int),
            ("scores", Text),
            ("positive", Int),
            ("comment", Text),
            ("evaluated_by", Text),
            ("evaluated_at", Text),
        ],
        identity: false,
    },
    Table {
        name: "mission_documents",
        columns: &[
            ("id", Int),
            ("mission_id", Int),
            ("title", Text),
            ("file_name", Text),
            ("content_type", Text),
            ("size_bytes", Int),
            ("storage_key", Text),
            ("added_by", Text),
            ("added_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "practices",
        columns: &[
            ("id", Int),
            ("administration_code", Text),
            ("year", Int),
            ("areas", Text),
            ("original_language", Text),
            ("contact", Text),
            ("status", Text),
            ("review_comment", Text),
            ("author_user_id", Int),
            ("author", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("published_at", Text),
            ("key_elements", Text),
        ],
        identity: true,
    },
    Table {
        name: "practice_texts",
        columns: &[
            ("id", Int),
            ("practice_id", Int),
            ("language", Text),
            ("title", Text),
            ("summary", Text),
            ("what_was_done", Text),
            ("results", Text),
            ("updated_by", Text),
            ("updated_at", Text),
        ],
        identity: true,
    },
    Table {
        // Only the records: the files live in the file store and are
        // copied with it.
        name: "practice_attachments",
        columns: &[
            ("id", Int),
            ("practice_id", Int),
            ("title", Text),
            ("file_name", Text),
            ("content_type", Text),
            ("size_bytes", Int),
            ("storage_key", Text),
            ("added_by", Text),
            ("added_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "pathway_events",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("from_stage", Text),
            ("to_stage", Text),
            ("reason", Text),
            ("overridden", Text),
            ("evidence", Text),
            ("recorded_by", Text),
            ("recorded_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "pathway_settings",
        columns: &[
            ("id", Int),
            ("trained_post_test_pct", Real),
            ("weight_post_test", Real),
            ("weight_knowledge_gain", Real),
            ("weight_attendance", Real),
            ("weight_exercises", Real),
            ("weight_rubric", Real),
        ],
        identity: false,
    },
    Table {
        name: "pathway_labels",
        columns: &[("stage", Text), ("language", Text), ("label", Text)],
        identity: false,
    },
    // Kept so that a restored database does not send a day's reminders again.
    Table {
        name: "job_runs",
        columns: &[
            ("job", Text),
            ("run_date", Text),
            ("ran_at", Text),
            ("detail", Text),
        ],
        identity: false,
    },
    // Public halves only: `private_key` is left out on purpose, so a backup
    // file cannot sign credentials. A restored server keeps publishing (and
    // verifying with) these keys and creates a new signing key at start-up.
    Table {
        name: "credential_keys",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("public_key", Text),
            ("created_at", Text),
            ("retired_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "credentials",
        columns: &[
            ("id", Text),
            ("kind", Text),
            ("user_id", Int),
            ("workshop_id", Int),
            ("status_index", Int),
            ("key_name", Text),
            ("jwt", Text),
            ("valid_from", Text),
            ("valid_until", Text),
            ("issued_at", Text),
            ("issued_by", Text),
            ("revoked_at", Text),
            ("revocation_reason", Text),
        ],
        identity: false,
    },
    Table {
        name: "inquiries",
        columns: &[
            ("id", Int),
            ("requester_user_id", Int),
            ("administration_code", Text),
            ("topic", Text),
            ("subject", Text),
            ("status", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "inquiry_messages",
        columns: &[
            ("id", Int),
            ("inquiry_id", Int),
            ("author_user_id", Int),
            ("author_name", Text),
            ("from_secretariat", Int),
            ("body", Text),
            ("created_at", Text),
        ],
        identity: true,
    },
    Table {
        name: "contact_settings",
        columns: &[
            ("id", Int),
            ("address", Text),
            ("updated_by", Text),
            ("updated_at", Text),
        ],
        identity: false,
    },
    // Kept so that a restored server shows the figures it published, never
    // recomputed ones that could be differenced with them.
    Table {
        name: "published_releases",
        columns: &[
            ("kind", Text),
            ("period", Int),
            ("body", Text),
            ("published_at", Text),
        ],
        identity: false,
    },
];

/// Tables deliberately left out of backups: sessions and sign-in attempts
/// (a restore signs everybody out) and the e-mail queue (messages of the
/// past are not sent again from a restored copy), and account set-up links
/// (short-lived secrets), and the practice library's search index (derived
/// from practice_texts and rebuilt by every restore), and the inquiry form's
/// tokens (single-use, minutes long; a restored server issues new ones).
pub const NOT_BACKED_UP: &[&str] = &[
    "sessions",
    "login_attempts",
    "outgoing_emails",
    "account_setup_tokens",
    // Derived: the practice library's full-text index, rebuilt from
    // practice_texts at the end of every restore.
    "practice_search",
    // Short-lived, single-use tokens of the inquiry form.
    "inquiry_form_tokens",
];

/// Columns deliberately left out of backups, as (table, column).
pub const COLUMNS_NOT_BACKED_UP: &[(&str, &str)] = &[
    // A backup file must not be able to sign credentials (see the table).
    ("credential_keys", "private_key"),
];

/// Names of the tables a backup contains.
pub fn backed_up_tables() -> Vec<&'static str> {
    TABLES.iter().map(|table| table.name).collect()
}

const FORMAT: &str = "gedhub-backup";

/// One reason a backup was refused, and where in the file it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupProblem {
    pub table: String,
    /// The row, counted from 1 in the table's `rows` list.
    pub row: Option<usize>,
    pub column: Option<String>,
    pub problem: String,
}

impl BackupProblem {
    fn table(table: &str, problem: String) -> Self {
        Self {
            table: table.to_owned(),
            row: None,
            column: None,
            problem,
        }
    }

    /// A problem at the row of (0-based) `index`.
    fn at(table: &str, index: usize, column: Option<&str>, problem: String) -> Self {
        Self {
            table: table.to_owned(),
            row: Some(index + 1),
            column: column.map(str::to_owned),
            problem,
        }
    }
}

impl std::fmt::Display for BackupProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "table {}", self.table)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// A column as the database catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaColumn {
    pub name: String,
    /// Lower case, in the engine's spelling (`integer`, `bigint`, `text`...).
    pub declared_type: String,
    /// `not null` in the schema.
    pub required: bool,
}

/// A single-column foreign key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub column: String,
    pub parent: String,
    /// `None` (SQLite) when it is the parent's primary key.
    pub parent_column: Option<String>,
}

/// A table as the database catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableSchema {
    pub columns: Vec<SchemaColumn>,
    pub primary_key: Vec<String>,
    pub references: Vec<Reference>,
}

/// The catalogue of every backed-up table.
struct Catalogue {
    tables: std::collections::HashMap<&'static str, TableSchema>,
}

/// One table of a backup file, its shape already checked.
struct Section<'a> {
    table: &'static Table,
    rows: &'a [Value],
}

/// The tables of `backup` in restore order, and the problems of shape
/// found on the way: a table missing or unknown, columns that are not the
/// expected ones, `rows` that are not a list.
fn read_sections(backup: &Value) -> (Vec<Section<'_>>, Vec<BackupProblem>) {
    let mut problems = Vec::new();
    let mut sections = Vec::new();
    let Some(tables) = backup.get("tables").and_then(Value::as_object) else {
        problems.push(BackupProblem::table(
            "*",
            "the file has no \"tables\" object".to_owned(),
        ));
        return (sections, problems);
    };
    for name in tables.keys() {
        if !TABLES.iter().any(|table| table.name == name.as_str()) {
            problems.push(BackupProblem::table(
                name,
                "this table is not part of a gedhub backup".to_owned(),
            ));
        }
    }
    for table in TABLES {
        let Some(section) = tables.get(table.name) else {
            problems.push(BackupProblem::table(
                table.name,
                "the table is missing from the file".to_owned(),
            ));
            continue;
        };
        let expected: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
        let columns: Option<Vec<&str>> = section
            .get("columns")
            .and_then(Value::as_array)
            .and_then(|columns| columns.iter().map(Value::as_str).collect());
        let columns_as_expected = columns.as_ref() == Some(&expected);
        match columns {
            None => problems.push(BackupProblem::table(
                table.name,
                "\"columns\" is not a list of names".to_owned(),
            )),
            Some(columns) if columns != expected => {
                let missing: Vec<&str> = expected
                    .iter()
                    .filter(|name| !columns.contains(name))
                    .copied()
                    .collect();
                let added: Vec<&str> = columns
                    .iter()
                    .filter(|name| !expected.contains(name))
                    .copied()
                    .collect();
                problems.push(BackupProblem::table(
                    table.name,
                    format!(
                        "the columns are not the expected ones (missing: [{}]; not expected: [{}]; expected, in this order: [{}])",
                        missing.join(", "),
                        added.join(", "),
                        expected.join(", ")
                    ),
                ));
            }
            Some(_) => {}
        }
        match section.get("rows") {
            // Rows are checked only against the expected columns.
            Some(Value::Array(rows)) if columns_as_expected => {
                sections.push(Section { table, rows });
            }
            Some(Value::Array(_)) => {}
            Some(other) => problems.push(BackupProblem::table(
                table.name,
                format!("\"rows\" is {}, not a list", json_kind(other)),
            )),
            None => problems.push(BackupProblem::table(
                table.name,
                "\"rows\" is missing".to_owned(),
            )),
        }
    }
    (sections, problems)
}

/// "a string", "an object"...: what a JSON value is, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A backup as read from or written to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupDocument(Value);

impl BackupDocument {
    /// The file content (pretty JSON, UTF-8).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(&self.0).unwrap_or_default()
    }

    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

impl std::str::FromStr for BackupDocument {
    type Err = StoreError;
    fn from_str(text: &str) -> Result<Self> {
        serde_json::from_str(text)
            .map(BackupDocument)
            .map_err(|error| StoreError::Backup(format!("not valid JSON: {error}")))
    }
}

fn schema_version(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Reads every durable table into one JSON document.
    pub async fn backup(&self) -> Result<BackupDocument> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("set transaction isolation level repeatable read")
                .execute(&mut *tx)
                .await?;
        }
        let mut tables = serde_json::Map::new();
        for table in TABLES {
            // Table and column names come from the constant above, never from
            // input. Ordered by every column, not only the first: rows that
            // share it (a composite key) would otherwise come in the order
            // the engine happens to store them, and two backups of the same
            // content would differ.
            let order = (1..=table.columns.len())
                .map(|position| position.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "select {} from {} order by {order}",
                column_list(table),
                table.name
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *tx)
                .await?;
            let mut values = Vec::with_capacity(rows.len());
            for row in &rows {
                let mut cells = Vec::with_capacity(table.columns.len());
                for (index, (_, kind)) in table.columns.iter().enumerate() {
                    cells.push(match kind {
                        Int => json!(row.try_get::<Option<i64>, _>(index)?),
                        Real => json!(row.try_get::<Option<f64>, _>(index)?),
                        Text => json!(row.try_get::<Option<String>, _>(index)?),
                    });
                }
                values.push(Value::Array(cells));
            }
            let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
            tables.insert(
                table.name.to_owned(),
                json!({ "columns": columns, "rows": values }),
            );
        }
        tx.commit().await?;
        Ok(BackupDocument(json!({
            "format": FORMAT,
            "schema_version": schema_version(self.backend()),
            "created_at": Timestamp::now().to_db(),
            "tables": tables,
        })))
    }

    /// Replaces the whole content of this (migrated) database with a backup,
    /// in one transaction: on any error nothing changes. Returns the number of
    /// rows restored.
    ///
    /// Before anything is deleted the whole file is checked, and every
    /// problem found is reported with its table, row (counted from 1) and
    /// column ([`StoreError::BackupRefused`]): a table the schema has but the
    /// file lacks (or one the schema does not have), `rows` that are not a
    /// list, columns missing or added, values of the wrong type or empty
    /// where the schema requires one, values the application's own types
    /// refuse (roles, statuses, codes, e-mails, dates, JSON documents, ...;
    /// see `backup/checks.rs`), duplicate primary keys, and references to
    /// rows that are not in the file (the schema's foreign keys, read from
    /// the database catalogue).
    pub async fn restore(&self, backup: &BackupDocument) -> Result<usize> {
        let backup = &backup.0;
        let bad = |why: String| StoreError::Backup(why);
        if backup.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(bad("this is not a gedhub backup".into()));
        }
        let version = backup
            .get("schema_version")
            .and_then(Value::as_i64)
            .unwrap_or(-1);
        if version != schema_version(self.backend()) {
            return Err(bad(format!(
                "the backup has schema version {version}, this gedhub expects {}",
                schema_version(self.backend())
            )));
        }
        let (sections, mut problems) = read_sections(backup);
        let catalogue = self.catalogue().await?;
        problems.extend(checks::check_rows(&sections, &catalogue));
        if !problems.is_empty() {
            return Err(StoreError::BackupRefused(problems));
        }

        let mut tx = self.begin_write().await?;
        for name in NOT_BACKED_UP
            .iter()
            .chain(TABLES.iter().rev().map(|t| &t.name))
        {
            sqlx::query(sqlx::AssertSqlSafe(format!("delete from {name}")))
                .execute(&mut *tx)
                .await?;
        }
        let mut restored = 0;
        for section in &sections {
            let table = section.table;
            let placeholders = (1..=table.columns.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "insert into {} ({}) values ({placeholders})",
                table.name,
                column_list(table)
            );
            for (index, row) in section.rows.iter().enumerate() {
                // The checks above guarantee the shape and the types.
                let cells = row.as_array().map(Vec::as_slice).unwrap_or_default();
                // Not cached: a row may bind a NULL real (see the crate documentation).
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).persistent(false);
                for (cell, (_, kind)) in cells.iter().zip(table.columns) {
                    query = match (kind, cell) {
                        (Int, Value::Number(n)) => query.bind(n.as_i64()),
                        (Real, Value::Number(n)) => query.bind(n.as_f64()),
                        (Text, Value::String(s)) => query.bind(Some(s.clone())),
                        (Int, _) => query.bind(None::<i64>),
                        (Real, _) => query.bind(None::<f64>),
                        (Text, _) => query.bind(None::<String>),
                    };
                }
                // What the checks cannot see (a unique index, say) still
                // names its table and row.
                query.execute(&mut *tx).await.map_err(|error| {
                    StoreError::BackupRefused(vec![BackupProblem::at(
                        table.name,
                        index,
                        None,
                        format!("refused by the database: {error}"),
                    )])
                })?;
                restored += 1;
            }
            if table.identity && self.backend() == Backend::Postgres {
                let sql = format!(
                    "select setval(pg_get_serial_sequence('{0}', 'id'), coalesce((select max(id) from {0}), 0) + 1, false)",
                    table.name
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        crate::practices::rebuild_search(&mut tx).await?;
        tx.commit().await?;
        Ok(restored)
    }

    /// What the database catalogue says of every backed-up table: its
    /// columns (declared type, required or not), primary key and
    /// single-column foreign keys.
    async fn catalogue(&self) -> Result<Catalogue> {
        let mut tables = std::collections::HashMap::new();
        for table in TABLES {
            tables.insert(table.name, self.table_schema(table.name).await?);
        }
        Ok(Catalogue { tables })
    }

    /// The catalogue's description of `table` (empty when there is no such
    /// table).
    pub async fn table_schema(&self, table: &str) -> Result<TableSchema> {
        let (columns_sql, key_sql, references_sql) = match self.backend() {
            Backend::Sqlite => (
                "select name, lower(type) as type, \"notnull\" as required \
                 from pragma_table_info($1) order by cid",
                "select name from pragma_table_info($1) where pk > 0 order by pk",
                "select \"from\" as name, \"table\" as parent, \"to\" as parent_column \
                 from pragma_foreign_key_list($1) \
                 where id in (select id from pragma_foreign_key_list($1) group by id having count(*) = 1)",
            ),
            Backend::Postgres => (
                "select column_name::text as name, data_type::text as type, \
                 case when is_nullable = 'NO' then 1 else 0 end as required \
                 from information_schema.columns \
                 where table_schema = current_schema() and table_name = $1 order by ordinal_position",
                "select a.attname::text as name from pg_constraint k \
                 join pg_class c on c.oid = k.conrelid \
                 join pg_namespace n on n.oid = c.relnamespace \
                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey) \
                 where k.contype = 'p' and n.nspname = current_schema() and c.relname = $1 \
                 order by array_position(k.conkey, a.attnum)",
                "select a.attname::text as name, p.relname::text as parent, pa.attname::text as parent_column \
                 from pg_constraint k \
                 join pg_class c on c.oid = k.conrelid \
                 join pg_namespace n on n.oid = c.relnamespace \
                 join pg_class p on p.oid = k.confrelid \
                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1] \
                 join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1] \
                 where k.contype = 'f' and n.nspname = current_schema() and c.relname = $1 \
                 and cardinality(k.conkey) = 1",
            ),
        };
        let columns = sqlx::query(columns_sql)
            .bind(table.to_owned())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(SchemaColumn {
                    name: row.try_get("name")?,
                    declared_type: row.try_get("type")?,
                    required: row.try_get::<i64, _>("required")? != 0,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let primary_key = sqlx::query(key_sql)
            .bind(table.to_owned())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| row.try_get("name").map_err(Into::into))
            .collect::<Result<Vec<String>>>()?;
        let references = sqlx::query(references_sql)
            .bind(table.to_owned())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(Reference {
                    column: row.try_get("name")?,
                    parent: row.try_get("parent")?,
                    // SQLite leaves it out when the parent's primary key is meant.
                    parent_column: row.try_get("parent_column")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(TableSchema {
            columns,
            primary_key,
            references,
        })
    }

    /// Where this file's column lists and the database's schema disagree:
    /// a column the schema has and backups leave out (unless deliberately,
    /// see [`COLUMNS_NOT_BACKED_UP`]), a column backups name and the schema
    /// lacks, or a column whose kind differs. Empty when backups are
    /// complete; a test keeps it so on both engines.
    pub async fn backup_schema_mismatches(&self) -> Result<Vec<String>> {
        let mut mismatches = Vec::new();
        for table in TABLES {
            let schema = self.table_schema(table.name).await?;
            for column in &schema.columns {
                let named = table.columns.iter().find(|(name, _)| *name == column.name);
                match named {
                    None if COLUMNS_NOT_BACKED_UP.contains(&(table.name, column.name.as_str())) => {
                    }
                    None => mismatches.push(format!(
                        "{}.{} is in the schema but not in backups",
                        table.name, column.name
                    )),
                    Some((_, kind)) if !kind.matches(&column.declared_type) => {
                        mismatches.push(format!(
                            "{}.{} is {} in the schema but {} in backups",
                            table.name,
                            column.name,
                            column.declared_type,
                            kind.name()
                        ))
                    }
                    Some(_) => {}
                }
            }
            for (name, _) in table.columns {
                if !schema.columns.iter().any(|column| column.name == *name) {
                    mismatches.push(format!(
                        "{}.{name} is in backups but not in the schema",
                        table.name
                    ));
                }
            }
        }
        Ok(mismatches)
    }

    /// Names of every table in the database except sqlx's own (for the test
    /// that keeps backups complete).
    pub async fn table_names(&self) -> Result<Vec<String>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "select name from sqlite_master where type = 'table' \
                 and name not like 'sqlite_%' and name <> '_sqlx_migrations' \
                 and name not like 'practice_search_%' order by name" // FTS5's own shadow tables
            }
            Backend::Postgres => {
                "select table_name::text as name from information_schema.tables \
                 where table_schema = current_schema() and table_name <> '_sqlx_migrations' order by 1"
            }
        };
        let rows = sqlx::query(sql).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| row.try_get::<String, _>("name").map_err(Into::into))
            .collect()
    }
}
