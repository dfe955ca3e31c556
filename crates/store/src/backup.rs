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

/// Names of the tables a backup contains.
pub fn backed_up_tables() -> Vec<&'static str> {
    TABLES.iter().map(|table| table.name).collect()
}

const FORMAT: &str = "gedhub-backup";

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
            // Table and column names come from the constant above, never from input.
            let sql = format!(
                "select {} from {} order by 1",
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
        for table in TABLES {
            let section = backup
                .pointer(&format!("/tables/{}", table.name))
                .ok_or_else(|| bad(format!("table {} is missing", table.name)))?;
            let expected: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
            let columns: Vec<&str> = section
                .get("columns")
                .and_then(Value::as_array)
                .map(|cols| cols.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if columns != expected {
                return Err(bad(format!("table {}: unexpected columns", table.name)));
            }
            let placeholders = (1..=expected.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "insert into {} ({}) values ({placeholders})",
                table.name,
                column_list(table)
            );
            let rows = section
                .get("rows")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (row_number, row) in rows.iter().enumerate() {
                let cells = row
                    .as_array()
                    .filter(|cells| cells.len() == expected.len())
                    .ok_or_else(|| {
                        bad(format!(
                            "table {} row {}: wrong shape",
                            table.name,
                            row_number + 1
                        ))
                    })?;
                // Not cached: a row may bind a NULL real (see the crate documentation).
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).persistent(false);
                for (cell, (column, kind)) in cells.iter().zip(table.columns) {
                    let wrong = || {
                        bad(format!(
                            "table {} row {} column {column}: wrong type",
                            table.name,
                            row_number + 1
                        ))
                    };
                    query = match (kind, cell) {
                        (Int, Value::Null) => query.bind(None::<i64>),
                        (Text, Value::Null) => query.bind(None::<String>),
                        (Real, Value::Null) => query.bind(None::<f64>),
                        (Int, Value::Number(n)) => query.bind(n.as_i64().ok_or_else(wrong)?),
                        (Real, Value::Number(n)) => query.bind(n.as_f64().ok_or_else(wrong)?),
                        (Text, Value::String(s)) => query.bind(s.clone()),
                        _ => return Err(wrong()),
                    };
                }
                query.execute(&mut *tx).await?;
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
