//! E-learning modules, their completions, participants' e-certificates, and
//! the Learning Record Store's statements and credentials (issue 6).
//!
//! A completion is recorded once per person and module, by whichever way
//! arrives first (the LMS report, an xAPI statement, a confirmed
//! e-certificate); later reports of the same completion change nothing, which
//! makes every import idempotent.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use gedhub_core::UserId;
use gedhub_core::elearning::{CompletionReport, ModuleDefinition};
use gedhub_core::xapi::{StatementFacts, same_statement};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{AuditedTx, Change, snapshot};
use crate::auth::{new_secret, secret_hash};
use crate::plans::date_to_db;
use crate::{Actor, Result, Store, StoreError, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Module {
    pub id: i64,
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub lms_course_id: String,
    pub activity_iri: String,
}

impl Module {
    /// The title in `language`, English otherwise.
    pub fn title(&self, language: &str) -> &str {
        if language == "fr" {
            &self.title_fr
        } else {
            &self.title_en
        }
    }
}

/// Where a completion came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionSource {
    LmsReport,
    Xapi,
    Certificate,
}

impl CompletionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CompletionSource::LmsReport => "lms_report",
            CompletionSource::Xapi => "xapi",
            CompletionSource::Certificate => "certificate",
        }
    }
}

/// A person's completion of a module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleCompletion {
    pub module_id: i64,
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub completed_on: String,
    /// `lms_report`, `xapi` or `certificate`.
    pub source: String,
}

/// What an import of a completion report did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportOutcome {
    /// Newly recorded completions (e-mails).
    pub recorded: Vec<String>,
    /// Completions gedhub already had (a re-import): unchanged.
    pub already_recorded: Vec<String>,
    /// Rows whose e-mail is no gedhub account: (line, e-mail).
    pub unmatched: Vec<(usize, String)>,
}

/// A participant's uploaded e-certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub id: i64,
    pub module_id: i64,
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub completed_on: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    /// `pending`, `confirmed` or `rejected`.
    pub status: String,
    pub uploaded_at: String,
}

/// A certificate upload as received (the file is already stored).
#[derive(Debug, Clone)]
pub struct NewCertificate {
    pub completed_on: NaiveDate,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

/// HTTP Basic credentials of one LMS (the secret is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LrsCredential {
    pub id: i64,
    pub name: String,
    pub key: String,
    pub created_at: String,
}

/// A statement to store: its id (assigned if it had none), its JSON as
/// received, and what validation read from it.
#[derive(Debug, Clone)]
pub struct IncomingStatement {
    pub id: String,
    pub received: serde_json::Value,
    pub facts: StatementFacts,
}

/// An attachment payload received with statements (`multipart/mixed`),
/// its digest already checked by the LRS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentPayload {
    /// The SHA-2 digest, lower-case hexadecimal.
    pub sha2: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A stored statement.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStatement {
    /// Arrival order.
    pub seq: i64,
    pub id: String,
    pub received: serde_json::Value,
    pub stored: String,
    pub credential_key: String,
    pub credential_name: String,
    pub voided: bool,
    /// True when this statement voids another.
    pub is_voiding: bool,
}

/// Filters of `GET /xapi/statements` (all optional).
#[derive(Debug, Clone, Default)]
pub struct StatementQuery {
    /// The `agent` filter: the actor or an Agent/Group object.
    pub actor_key: Option<String>,
    pub verb: Option<String>,
    pub activity: Option<String>,
    pub registration: Option<String>,
    /// Stored strictly after (database form).
    pub since: Option<String>,
    /// Stored at or before (database form).
    pub until: Option<String>,
    pub ascending: bool,
    /// Continue after this arrival number (the `more` cursor).
    pub after_seq: Option<i64>,
    pub limit: u32,
}

const MODULE_COLUMNS: &str = "id, code, title_en, title_fr, lms_course_id, activity_iri";

fn module_from_row(row: &AnyRow) -> Result<Module> {
    Ok(Module {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        title_en: row.try_get("title_en")?,
        title_fr: row.try_get("title_fr")?,
        lms_course_id: row.try_get("lms_course_id")?,
        activity_iri: row.try_get("activity_iri")?,
    })
}

const CERTIFICATE_COLUMNS: &str = "c.id, c.module_id, c.user_id, u.email, u.name, c.completed_on, \
     c.file_name, c.content_type, c.size_bytes, c.sha256, c.storage_key, c.status, c.uploaded_at";

fn certificate_from_row(row: &AnyRow) -> Result<Certificate> {
    Ok(Certificate {
        id: row.try_get("id")?,
        module_id: row.try_get("module_id")?,
        user_id: UserId(row.try_get("user_id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        completed_on: row.try_get("completed_on")?,
        file_name: row.try_get("file_name")?,
        content_type: row.try_get("content_type")?,
        size_bytes: row.try_get("size_bytes")?,
        sha256: row.try_get("sha256")?,
        storage_key: row.try_get("storage_key")?,
        status: row.try_get("status")?,
        uploaded_at: row.try_get("uploaded_at")?,
    })
}

const STATEMENT_COLUMNS: &str = "s.id, s.statement_id, s.received, s.stored, s.voided, s.voids, \
     c.api_key, c.name";

fn statement_from_row(row: &AnyRow) -> Result<StoredStatement> {
    let received: String = row.try_get("received")?;
    Ok(StoredStatement {
        seq: row.try_get("id")?,
        id: row.try_get("statement_id")?,
        received: serde_json::from_str(&received)
            .map_err(|error| StoreError::ShippedData(format!("stored statement: {error}")))?,
        stored: row.try_get("stored")?,
        credential_key: row.try_get("api_key")?,
        credential_name: row.try_get("name")?,
        voided: row.try_get::<i64, _>("voided")? != 0,
        is_voiding: row.try_get::<Option<String>, _>("voids")?.is_some(),
    })
}

/// Inserts a completion unless the person already has one for the module.
/// Returns true when it was new.
async fn insert_completion(
    tx: &mut AuditedTx<'_>,
    module: &Module,
    user: UserId,
    completed_on: NaiveDate,
    source: CompletionSource,
    reference: &str,
) -> Result<bool> {
    let inserted = sqlx::query(
        "insert into elearning_completions (module_id, user_id, completed_on, source, reference, recorded_at) \
         values ($1, $2, $3, $4, $5, $6) on conflict (module_id, user_id) do nothing",
    )
    .bind(module.id)
    .bind(user.0)
    .bind(date_to_db(completed_on))
    .bind(source.as_str())
    .bind(reference.to_owned())
    .bind(Timestamp::now().to_db())
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0;
    if inserted {
        tx.record(
            Change::new(
                "create",
                "elearning_completion",
                format!("{}/{}", module.code, user.0),
            )
            .after(serde_json::json!({
                "module": module.code,
                "user_id": user.0,
                "completed_on": date_to_db(completed_on),
                "source": source.as_str(),
                "reference": reference,
            })),
        )
        .await?;
    }
    Ok(inserted)
}

impl Store {
    /// Defines a module; its code and activity IRI must be unused.
    pub async fn create_module(
        &self,
        actor: &Actor,
        definition: &ModuleDefinition,
    ) -> Result<Module> {
        let mut tx = self.begin_audited(actor).await?;
        let taken = sqlx::query(
            "select code, activity_iri from elearning_modules where lower(code) = lower($1) or activity_iri = $2",
        )
        .bind(definition.code.clone())
        .bind(definition.activity_iri.clone())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = taken {
            let code: String = row.try_get(0)?;
            return Err(StoreError::Conflict(
                if code.eq_ignore_ascii_case(&definition.code) {
                    "module_code_taken"
                } else {
                    "activity_iri_taken"
                },
            ));
        }
        let sql = format!(
            "insert into elearning_modules (code, title_en, title_fr, lms_course_id, activity_iri, created_by, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7) returning {MODULE_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(definition.code.clone())
            .bind(definition.title_en.clone())
            .bind(definition.title_fr.clone())
            .bind(definition.lms_course_id.clone())
            .bind(definition.activity_iri.clone())
            .bind(actor.label.clone())
            .bind(Timestamp::now().to_db())
            .fetch_one(&mut *tx)
            .await?;
        let module = module_from_row(&row)?;
        tx.record(
            Change::new("create", "elearning_module", module.code.clone()).after(snapshot(&module)),
        )
        .await?;
        tx.commit().await?;
        Ok(module)
    }

    pub async fn modules(&self) -> Result<Vec<Module>> {
        let sql = format!("select {MODULE_COLUMNS} from elearning_modules order by code");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(module_from_row).collect()
    }

    pub async fn module(&self, id: i64) -> Result<Module> {
        let sql = format!("select {MODULE_COLUMNS} from elearning_modules where id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        module_from_row(&row)
    }

    /// Completions of a module, by name.
    pub async fn module_completions(&self, module_id: i64) -> Result<Vec<ModuleCompletion>> {
        self.completions_where("c.module_id = $1", module_id).await
    }

    /// A person's completed modules.
    pub async fn completions_of(&self, user: UserId) -> Result<Vec<ModuleCompletion>> {
        self.completions_where("c.user_id = $1", user.0).await
    }

    async fn completions_where(
        &self,
        condition: &str,
        value: i64,
    ) -> Result<Vec<ModuleCompletion>> {
        let sql = format!(
            "select c.module_id, c.user_id, u.email, u.name, c.completed_on, c.source \
             from elearning_completions c join users u on u.id = c.user_id \
             where {condition} order by u.name, c.module_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(value)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ModuleCompletion {
                    module_id: row.try_get(0)?,
                    user_id: UserId(row.try_get(1)?),
                    email: row.try_get(2)?,
                    name: row.try_get(3)?,
                    completed_on: row.try_get(4)?,
                    source: row.try_get(5)?,
                })
            })
            .collect()
    }

    /// Records the completions of an LMS report for `module`, in one
    /// transaction: rows are matched to accounts by e-mail; unmatched rows
    /// are returned, not recorded; completions already known are left as
    /// they are. `file_sha256` identifies the report in the audit log.
    pub async fn import_completion_report(
        &self,
        actor: &Actor,
        module: &Module,
        report: &CompletionReport,
        file_sha256: &str,
    ) -> Result<ImportOutcome> {
        let mut tx = self.begin_audited(actor).await?;
        let mut outcome = ImportOutcome::default();
        for completion in &report.completions {
            let user = sqlx::query("select id from users where email = $1")
                .bind(completion.email.as_str().to_owned())
                .fetch_optional(&mut *tx)
                .await?;
            let Some(user) = user else {
                outcome
                    .unmatched
                    .push((completion.line, completion.email.as_str().to_owned()));
                continue;
            };
            let user = UserId(user.try_get(0)?);
            let reference = format!("report:{file_sha256}");
            let new = insert_completion(
                &mut tx,
                module,
                user,
                completion.completed_on,
                CompletionSource::LmsReport,
                &reference,
            )
            .await?;
            let email = completion.email.as_str().to_owned();
            if new {
                outcome.recorded.push(email);
            } else {
                outcome.already_recorded.push(email);
            }
        }
        tx.commit().await?;
        Ok(outcome)
    }

    /// Keeps a participant's uploaded e-certificate for the Secretariat. A
    /// certificate of theirs still pending for the module is replaced (a
    /// person who sent the wrong file sends the right one); returns the new
    /// id and the storage key of the replaced file, for the caller to delete.
    pub async fn add_certificate(
        &self,
        actor: &Actor,
        module: &Module,
        user: UserId,
        certificate: &NewCertificate,
    ) -> Result<(i64, Option<String>)> {
        let mut tx = self.begin_audited(actor).await?;
        let pending = sqlx::query(
            "select id, storage_key from elearning_certificates where module_id = $1 and user_id = $2 and status = 'pending'",
        )
        .bind(module.id)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
        let mut replaced = None;
        if let Some(row) = pending {
            let old_id: i64 = row.try_get(0)?;
            replaced = Some(row.try_get::<String, _>(1)?);
            sqlx::query("delete from elearning_certificates where id = $1")
                .bind(old_id)
                .execute(&mut *tx)
                .await?;
            tx.record(
                Change::new("delete", "elearning_certificate", old_id)
                    .before(serde_json::json!({"status": "pending", "replaced": true})),
            )
            .await?;
        }
        let id: i64 = sqlx::query(
            "insert into elearning_certificates (module_id, user_id, completed_on, file_name, content_type, \
             size_bytes, sha256, storage_key, status, uploaded_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) returning id",
        )
        .bind(module.id)
        .bind(user.0)
        .bind(date_to_db(certificate.completed_on))
        .bind(certificate.file_name.clone())
        .bind(certificate.content_type.clone())
        .bind(certificate.size_bytes)
        .bind(certificate.sha256.clone())
        .bind(certificate.storage_key.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        tx.record(
            Change::new("create", "elearning_certificate", id).after(serde_json::json!({
                "module": module.code,
                "user_id": user.0,
                "completed_on": date_to_db(certificate.completed_on),
                "file_name": certificate.file_name,
                "sha256": certificate.sha256,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok((id, replaced))
    }

    pub async fn certificate(&self, id: i64) -> Result<Certificate> {
        let sql = format!(
            "select {CERTIFICATE_COLUMNS} from elearning_certificates c join users u on u.id = c.user_id where c.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        certificate_from_row(&row)
    }

    /// Certificates, newest first: all (`user` None) or one person's.
    pub async fn certificates(&self, user: Option<UserId>) -> Result<Vec<Certificate>> {
        let sql = format!(
            "select {CERTIFICATE_COLUMNS} from elearning_certificates c join users u on u.id = c.user_id \
             where ($1 = 0 or c.user_id = $1) order by c.uploaded_at desc, c.id desc"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user.map_or(0, |u| u.0))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(certificate_from_row).collect()
    }

    /// The Secretariat's decision on a pending certificate; confirming it
    /// records the completion (unless one is already known).
    pub async fn decide_certificate(
        &self,
        actor: &Actor,
        certificate: &Certificate,
        confirm: bool,
    ) -> Result<()> {
        let module = self.module(certificate.module_id).await?;
        let completed_on = NaiveDate::parse_from_str(&certificate.completed_on, "%Y-%m-%d")
            .map_err(|_| StoreError::ShippedData("certificate date".into()))?;
        let status = if confirm { "confirmed" } else { "rejected" };
        let mut tx = self.begin_audited(actor).await?;
        let changed = sqlx::query(
            "update elearning_certificates set status = $1, decided_by = $2, decided_at = $3 \
             where id = $4 and status = 'pending'",
        )
        .bind(status)
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .bind(certificate.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("certificate_decided"));
        }
        tx.record(
            Change::new("update", "elearning_certificate", certificate.id)
                .before(serde_json::json!({"status": "pending"}))
                .after(serde_json::json!({"status": status})),
        )
        .await?;
        if confirm {
            insert_completion(
                &mut tx,
                &module,
                certificate.user_id,
                completed_on,
                CompletionSource::Certificate,
                &format!("certificate:{}", certificate.id),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Issues HTTP Basic credentials for one LMS; returns them with the
    /// secret, which is shown once and stored only as a SHA-256 hash (it is
    /// 256 random bits, so a fast hash is enough and keeps each request cheap).
    pub async fn create_lrs_credential(
        &self,
        actor: &Actor,
        name: &str,
    ) -> Result<(LrsCredential, String)> {
        let name = name.trim();
        if name.is_empty() {
            return Err(gedhub_core::ValidationError::new("name", "required").into());
        }
        if name.chars().count() > 200 {
            return Err(gedhub_core::ValidationError::new("name", "too_long").into());
        }
        let key = format!("lrs-{}", &new_secret()?[..16]);
        let secret = new_secret()?;
        let mut tx = self.begin_audited(actor).await?;
        let row = sqlx::query(
            "insert into lrs_credentials (name, api_key, secret_hash, created_by, created_at) \
             values ($1, $2, $3, $4, $5) returning id, created_at",
        )
        .bind(name.to_owned())
        .bind(key.clone())
        .bind(secret_hash(&secret))
        .bind(actor.label.clone())
        .bind(Timestamp::now().to_db())
        .fetch_one(&mut *tx)
        .await?;
        let credential = LrsCredential {
            id: row.try_get(0)?,
            name: name.to_owned(),
            key,
            created_at: row.try_get(1)?,
        };
        tx.record(
            Change::new("create", "lrs_credential", credential.key.clone())
                .after(snapshot(&credential)),
        )
        .await?;
        tx.commit().await?;
        Ok((credential, secret))
    }

    pub async fn lrs_credentials(&self) -> Result<Vec<LrsCredential>> {
        let rows =
            sqlx::query("select id, name, api_key, created_at from lrs_credentials order by id")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| {
                Ok(LrsCredential {
                    id: row.try_get(0)?,
                    name: row.try_get(1)?,
                    key: row.try_get(2)?,
                    created_at: row.try_get(3)?,
                })
            })
            .collect()
    }

    /// The credential these HTTP Basic values name, if they are right
    /// (looked up by key and secret hash, like API tokens).
    pub async fn lrs_credential(&self, key: &str, secret: &str) -> Result<Option<LrsCredential>> {
        let row = sqlx::query(
            "select id, name, api_key, created_at from lrs_credentials where api_key = $1 and secret_hash = $2",
        )
        .bind(key.to_owned())
        .bind(secret_hash(secret))
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(LrsCredential {
                id: row.try_get(0)?,
                name: row.try_get(1)?,
                key: row.try_get(2)?,
                created_at: row.try_get(3)?,
            })
        })
        .transpose()
    }

    /// Stores statements in one transaction, all or none. A statement id
    /// already stored with the same content is accepted and left as it is; with
    /// different content the whole batch is refused (`statement_conflict`).
    /// Voiding statements mark their target voided; completion statements
    /// for a module's activity by an actor who is a gedhub account (by
    /// e-mail) record the module's completion. Returns the ids, in order.
    pub async fn store_statements(
        &self,
        credential: &LrsCredential,
        statements: &[IncomingStatement],
    ) -> Result<Vec<String>> {
        self.store_statements_with_attachments(credential, statements, &[])
            .await
    }

    /// [`Self::store_statements`] with the attachment payloads that came in
    /// the same request, stored in the same transaction and deduplicated by
    /// digest (a payload already stored is kept as it is: same digest, same
    /// bytes).
    pub async fn store_statements_with_attachments(
        &self,
        credential: &LrsCredential,
        statements: &[IncomingStatement],
        payloads: &[AttachmentPayload],
    ) -> Result<Vec<String>> {
        let mut seen = HashSet::new();
        if statements.iter().any(|s| !seen.insert(s.id.as_str())) {
            return Err(StoreError::Conflict("duplicate_statement_id"));
        }
        let actor = Actor::system(&format!("lrs:{}", credential.key));
        let modules: HashMap<String, Module> = self
            .modules()
            .await?
            .into_iter()
            .map(|module| (module.activity_iri.clone(), module))
            .collect();
        // Registered before `stored` is taken, and until the commit: the
        // consistent-through instant stays before these statements until
        // they are visible.
        let _pending = self.pending_writes().begin();
        let mut tx = self.begin_audited(&actor).await?;
        let stored = Timestamp::now().to_db();
        let mut new_ids = Vec::new();
        for statement in statements {
            let existing =
                sqlx::query("select received from xapi_statements where statement_id = $1")
                    .bind(statement.id.clone())
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(existing) = existing {
                let received: String = existing.try_get(0)?;
                let before: serde_json::Value =
                    serde_json::from_str(&received).map_err(|error| {
                        StoreError::ShippedData(format!("stored statement: {error}"))
                    })?;
                // The id may have come in the body or in PUT's parameter.
                let with_id = |mut value: serde_json::Value| {
                    if let Some(object) = value.as_object_mut() {
                        object.insert("id".into(), serde_json::Value::String(statement.id.clone()));
                    }
                    value
                };
                if !same_statement(&with_id(before), &with_id(statement.received.clone())) {
                    return Err(StoreError::Conflict("statement_conflict"));
                }
                continue;
            }
            let facts = &statement.facts;
            sqlx::query(
                "insert into xapi_statements (statement_id, received, stored, credential_id, actor_key, \
                 verb_id, activity_id, registration, voids, object_agent_key, object_statement_id) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(statement.id.clone())
            .bind(statement.received.to_string())
            .bind(stored.clone())
            .bind(credential.id)
            .bind(facts.actor.as_ref().map(|ifi| ifi.key()))
            .bind(facts.verb.clone())
            .bind(facts.activity.clone())
            .bind(facts.registration.clone())
            .bind(facts.voids.clone())
            .bind(facts.object_agent.clone())
            .bind(facts.statement_ref.clone())
            .execute(&mut *tx)
            .await?;
            new_ids.push(statement.id.clone());
            if let Some(target) = &facts.voids {
                // A voiding statement cannot itself be voided.
                sqlx::query("update xapi_statements set voided = 1 where statement_id = $1 and voids is null")
                    .bind(target.clone())
                    .execute(&mut *tx)
                    .await?;
            }
            let module = facts.activity.as_ref().and_then(|iri| modules.get(iri));
            let email = facts.actor.as_ref().and_then(|ifi| ifi.email());
            if let (Some(module), Some(email)) = (module, email)
                && facts.completes(&module.activity_iri)
            {
                let user = sqlx::query("select id from users where email = $1")
                    .bind(email)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(user) = user {
                    let day = completion_day(&statement.received, &stored);
                    insert_completion(
                        &mut tx,
                        module,
                        UserId(user.try_get(0)?),
                        day,
                        CompletionSource::Xapi,
                        &format!("statement:{}", statement.id),
                    )
                    .await?;
                }
            }
        }
        let mut new_payloads = Vec::new();
        for payload in payloads {
            use base64::Engine;
            let inserted = sqlx::query(
                "insert into xapi_attachments (sha2, content_type, length, content, stored) \
                 values ($1, $2, $3, $4, $5) on conflict (sha2) do nothing",
            )
            .bind(payload.sha2.clone())
            .bind(payload.content_type.clone())
            .bind(i64::try_from(payload.content.len()).unwrap_or(i64::MAX))
            .bind(base64::engine::general_purpose::STANDARD.encode(&payload.content))
            .bind(stored.clone())
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() > 0 {
                new_payloads.push(payload.sha2.clone());
            }
        }
        if !new_payloads.is_empty() {
            tx.record(
                Change::new(
                    "create",
                    "xapi_attachments",
                    new_payloads.first().cloned().unwrap_or_default(),
                )
                .after(serde_json::json!({ "count": new_payloads.len(), "sha2": new_payloads })),
            )
            .await?;
        }
        if !new_ids.is_empty() {
            tx.record(
                Change::new(
                    "create",
                    "xapi_statements",
                    new_ids.first().cloned().unwrap_or_default(),
                )
                .after(serde_json::json!({ "count": new_ids.len(), "ids": new_ids })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(statements.iter().map(|s| s.id.clone()).collect())
    }

    /// One statement by id, voided or not.
    pub async fn statement(&self, id: &str) -> Result<StoredStatement> {
        let sql = format!(
            "select {STATEMENT_COLUMNS} from xapi_statements s join lrs_credentials c on c.id = s.credential_id \
             where s.statement_id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_lowercase())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        statement_from_row(&row)
    }

    /// Statements matching `query` that are not voided, at most `limit + 1`
    /// (one more tells the caller there is a next page).
    ///
    /// The StatementRef rule (Communication 2.1.3): a statement whose object
    /// is a StatementRef meets the agent, verb, activity and registration
    /// filters when the statement it targets does, recursively — voided
    /// targets included, so a voiding statement is found by its target's
    /// filters (XAPI-00162); `since`, `until` and the page apply to the
    /// targeting statement itself. The targeting statements are found from
    /// the (few) statements that have a StatementRef object, through the
    /// partial index on their target; without any of those four filters
    /// every statement matches and the rule has nothing to add.
    pub async fn query_statements(&self, query: &StatementQuery) -> Result<Vec<StoredStatement>> {
        let mut binds: Vec<String> = Vec::new();
        let mut matches = |alias: &str| -> Vec<String> {
            let mut conditions = Vec::new();
            if let Some(key) = &query.actor_key {
                binds.push(key.clone());
                let n = binds.len();
                conditions.push(format!(
                    "({alias}.actor_key = ${n} or {alias}.object_agent_key = ${n})"
                ));
            }
            for (column, value) in [
                ("verb_id", &query.verb),
                ("activity_id", &query.activity),
                ("registration", &query.registration),
            ] {
                if let Some(value) = value {
                    binds.push(value.clone());
                    conditions.push(format!("{alias}.{column} = ${}", binds.len()));
                }
            }
            conditions
        };
        let filters = matches("s");
        let target_filters = matches("t");
        let mut conditions = vec!["s.voided = 0".to_owned()];
        let targeting = if filters.is_empty() {
            String::new()
        } else {
            conditions.push(format!(
                "({} or s.statement_id in (select statement_id from targeting))",
                filters.join(" and ")
            ));
            format!(
                // `cross join` makes SQLite start from the (few)
                // referencing statements, through the partial index, and
                // find each target by its unique id, rather than probe the
                // index for every statement that meets the filters.
                "with recursive targeting(statement_id) as (\
                 select r.statement_id from xapi_statements r cross join xapi_statements t \
                 where r.object_statement_id is not null and t.statement_id = r.object_statement_id and {} \
                 union select r.statement_id from xapi_statements r \
                 join targeting on r.object_statement_id = targeting.statement_id \
                 where r.object_statement_id is not null) ",
                target_filters.join(" and ")
            )
        };
        for (op, value) in [(">", &query.since), ("<=", &query.until)] {
            if let Some(value) = value {
                binds.push(value.clone());
                conditions.push(format!("s.stored {op} ${}", binds.len()));
            }
        }
        let (order, cursor_op) = if query.ascending {
            ("asc", ">")
        } else {
            ("desc", "<")
        };
        if let Some(after) = query.after_seq {
            conditions.push(format!("s.id {cursor_op} {after}"));
        }
        let sql = format!(
            "{targeting}select {STATEMENT_COLUMNS} from xapi_statements s join lrs_credentials c on c.id = s.credential_id \
             where {} order by s.id {order} limit {}",
            conditions.join(" and "),
            i64::from(query.limit) + 1
        );
        let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in binds {
            statement = statement.bind(value);
        }
        let rows = statement.fetch_all(self.pool()).await?;
        rows.iter().map(statement_from_row).collect()
    }

    /// Statements that are not voided, within the time filters and page of
    /// `query`, meeting its verb and registration filters and `keep` (which
    /// decides the agent and activity: `actor_key` and `activity` are
    /// ignored), at most `limit + 1`. For `related_agents` and
    /// `related_activities`, whose matches lie anywhere in a statement's JSON:
    /// the candidates are read in arrival order, a batch at a time. The
    /// StatementRef rule holds here too: a candidate that does not meet the
    /// filters itself is kept when a statement it targets (recursively) does.
    pub async fn query_statements_where(
        &self,
        query: &StatementQuery,
        keep: impl Fn(&StoredStatement) -> bool,
    ) -> Result<Vec<StoredStatement>> {
        const BATCH: u32 = 500;
        let meets = |s: &StoredStatement| {
            keep(s)
                && query.verb.as_deref().is_none_or(|verb| {
                    s.received
                        .pointer("/verb/id")
                        .and_then(serde_json::Value::as_str)
                        == Some(verb)
                })
                && query.registration.as_deref().is_none_or(|registration| {
                    s.received
                        .pointer("/context/registration")
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(|r| r.eq_ignore_ascii_case(registration))
                })
        };
        let mut found = Vec::new();
        let mut after = query.after_seq;
        loop {
            let batch_query = StatementQuery {
                actor_key: None,
                activity: None,
                verb: None,
                registration: None,
                after_seq: after,
                limit: BATCH - 1,
                ..query.clone()
            };
            let batch = self.query_statements(&batch_query).await?;
            let exhausted = batch.len() < BATCH as usize;
            after = batch.last().map(|s| s.seq).or(after);
            for statement in batch {
                if self.meets_through_references(&statement, &meets).await? {
                    found.push(statement);
                }
            }
            if found.len() > query.limit as usize || exhausted {
                found.truncate(query.limit as usize + 1);
                return Ok(found);
            }
        }
    }

    /// True when `statement`, or a statement it targets through a
    /// StatementRef object (recursively, voided or not), meets `meets`.
    async fn meets_through_references(
        &self,
        statement: &StoredStatement,
        meets: &impl Fn(&StoredStatement) -> bool,
    ) -> Result<bool> {
        if meets(statement) {
            return Ok(true);
        }
        let target_of = |s: &StoredStatement| {
            let object = s.received.get("object")?;
            (object.get("objectType").and_then(serde_json::Value::as_str) == Some("StatementRef"))
                .then(|| object.get("id").and_then(serde_json::Value::as_str))
                .flatten()
                .map(str::to_lowercase)
        };
        let mut seen = HashSet::new();
        let mut next = target_of(statement);
        while let Some(id) = next {
            if !seen.insert(id.clone()) {
                break;
            }
            let target = match self.statement(&id).await {
                Ok(target) => target,
                Err(StoreError::NotFound) => break,
                Err(error) => return Err(error),
            };
            if meets(&target) {
                return Ok(true);
            }
            next = target_of(&target);
        }
        Ok(false)
    }

    /// Attachment payloads by digest (those stored; unknown digests are
    /// skipped), as (sha2, content type, bytes).
    pub async fn attachment_payloads(&self, digests: &[String]) -> Result<Vec<AttachmentPayload>> {
        let mut payloads = Vec::new();
        for sha2 in digests {
            let row = sqlx::query(
                "select sha2, content_type, content from xapi_attachments where sha2 = $1",
            )
            .bind(sha2.clone())
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = row {
                use base64::Engine;
                let content: String = row.try_get("content")?;
                payloads.push(AttachmentPayload {
                    sha2: row.try_get("sha2")?,
                    content_type: row.try_get("content_type")?,
                    content: base64::engine::general_purpose::STANDARD
                        .decode(content)
                        .map_err(|error| {
                            StoreError::ShippedData(format!("stored attachment: {error}"))
                        })?,
                });
            }
        }
        Ok(payloads)
    }
}

/// The day of a completion statement: its timestamp's date, or the day it was
/// stored.
fn completion_day(statement: &serde_json::Value, stored: &str) -> NaiveDate {
    let from = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.date_naive())
    };
    statement
        .get("timestamp")
        .and_then(serde_json::Value::as_str)
        .and_then(from)
        .or_else(|| from(stored))
        .unwrap_or_default()
}

/// A random (version 4) UUID, for a statement sent without an id.
pub fn new_statement_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| StoreError::Randomness(error.to_string()))?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}
