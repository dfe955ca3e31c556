//! The audit log: who changed what, when, with the state before and after.
//!
//! Entries are written by the store functions that change data, inside the
//! same transaction, so a change and its audit entry land together or not at
//! all. A store function that changes data opens an [`AuditedTx`] with
//! [`Store::begin_audited`], writes through it, [`AuditedTx::record`]s what
//! it did and commits: the transaction knows its actor, so no change can be
//! recorded under another one, and forgetting to commit rolls everything
//! back, the audit entries included.

use std::ops::{Deref, DerefMut};

use gedhub_core::UserId;
use serde::Serialize;
use sqlx::{Any, AnyConnection, Row, Transaction};

use crate::{Result, Store, Timestamp};

/// Who is making a change: a signed-in user, or the system (CLI, seeding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// The e-mail of the user, or a label such as `cli` or `system`.
    pub label: String,
    /// The moment the change happens, when the caller fixed it (a request
    /// takes its time once, so that every row it writes and its audit entries
    /// agree, and tests can stop the clock); `None` reads the wall clock at
    /// the write.
    pub at: Option<Timestamp>,
}

impl Actor {
    pub fn user(user_id: UserId, email: &str) -> Self {
        Self {
            user_id: Some(user_id),
            label: email.to_owned(),
            at: None,
        }
    }

    pub fn system(label: &str) -> Self {
        Self {
            user_id: None,
            label: label.to_owned(),
            at: None,
        }
    }

    /// The same actor, changing things at `now`.
    pub fn at(self, now: Timestamp) -> Self {
        Self {
            at: Some(now),
            ..self
        }
    }

    /// When this actor's change happens: the fixed moment, else now.
    pub fn now(&self) -> Timestamp {
        self.at.unwrap_or_else(Timestamp::now)
    }
}

/// One audit entry as shown to the Secretariat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_key: String,
    pub administration: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// What a change did to one entity.
pub(crate) struct Change<'a> {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_key: String,
    pub administration: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    /// A change with no administration and no before or after state; the
    /// builder methods below add them, so a call site names only what its
    /// entry holds.
    pub fn new(action: &'static str, entity: &'static str, entity_key: impl ToString) -> Self {
        Self {
            action,
            entity,
            entity_key: entity_key.to_string(),
            administration: None,
            before: None,
            after: None,
        }
    }

    /// The Member administration the entity belongs to (so the log can be
    /// filtered by Member).
    pub fn administration(mut self, code: impl Into<Option<&'a str>>) -> Self {
        self.administration = code.into();
        self
    }

    /// The entity's state before the change (`None`: it did not exist).
    pub fn before(mut self, value: impl Into<Option<serde_json::Value>>) -> Self {
        self.before = value.into();
        self
    }

    /// The entity's state after the change (`None`: it no longer exists).
    pub fn after(mut self, value: impl Into<Option<serde_json::Value>>) -> Self {
        self.after = value.into();
        self
    }
}

/// A write transaction whose changes are audited as one actor.
///
/// It dereferences to the connection, so statements run on `&mut *tx` as on
/// a plain transaction. Dropping it without [`AuditedTx::commit`] rolls back
/// the writes and their audit entries together.
pub(crate) struct AuditedTx<'a> {
    tx: Transaction<'static, Any>,
    actor: &'a Actor,
}

impl<'a> AuditedTx<'a> {
    /// Writes the audit entry of `change`, by this transaction's actor.
    pub async fn record(&mut self, change: Change<'_>) -> Result<()> {
        record(&mut self.tx, self.actor, change).await
    }

    /// Who the changes are recorded as, and when they happen (the actor's
    /// clock, e.g. to stamp `updated_at`). Borrowed for the actor's lifetime,
    /// not the transaction's, so it can be passed beside `&mut self`.
    pub fn actor(&self) -> &'a Actor {
        self.actor
    }

    /// Commits the writes and their audit entries.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for AuditedTx<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for AuditedTx<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

pub(crate) fn snapshot(value: &impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

async fn record(connection: &mut AnyConnection, actor: &Actor, change: Change<'_>) -> Result<()> {
    sqlx::query(
        "insert into audit_log (occurred_at, actor_user_id, actor_email, action, entity, \
         entity_key, administration_code, before_json, after_json) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(actor.now().to_db())
    .bind(actor.user_id.map(|id| id.0))
    .bind(actor.label.clone())
    .bind(change.action)
    .bind(change.entity)
    .bind(change.entity_key)
    .bind(change.administration.map(str::to_owned))
    .bind(change.before.map(|value| value.to_string()))
    .bind(change.after.map(|value| value.to_string()))
    .execute(connection)
    .await?;
    Ok(())
}

/// Filters for browsing the log; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Part of the actor's e-mail or label.
    pub actor: Option<String>,
    pub entity: Option<String>,
    pub action: Option<String>,
    pub administration: Option<String>,
    /// Inclusive lower bound, `YYYY-MM-DD`.
    pub from_date: Option<chrono::NaiveDate>,
    /// Inclusive upper bound, `YYYY-MM-DD`.
    pub to_date: Option<chrono::NaiveDate>,
}

/// A page of audit entries, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}

impl Store {
    /// Begins a write transaction (see [`Store::begin_write`]) whose changes
    /// are recorded as `actor`'s.
    pub(crate) async fn begin_audited<'a>(&self, actor: &'a Actor) -> Result<AuditedTx<'a>> {
        Ok(AuditedTx {
            tx: self.begin_write().await?,
            actor,
        })
    }

    /// Entries matching `filter`, newest first, `per_page` at a time.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        page: u32,
        per_page: u32,
    ) -> Result<AuditPage> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut add = |condition: &str, value: String| {
            values.push(value);
            conditions.push(condition.replace('?', &format!("${}", values.len())));
        };
        if let Some(actor) = filter.actor.as_deref().filter(|a| !a.trim().is_empty()) {
            add(
                "lower(actor_email) like ?",
                format!("%{}%", actor.trim().to_lowercase()),
            );
        }
        if let Some(entity) = filter.entity.as_deref().filter(|e| !e.is_empty()) {
            add("entity = ?", entity.to_owned());
        }
        if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
            add("action = ?", action.to_owned());
        }
        if let Some(code) = filter.administration.as_deref().filter(|c| !c.is_empty()) {
            add("administration_code = ?", code.trim().to_uppercase());
        }
        if let Some(from) = filter.from_date {
            add("occurred_at >= ?", format!("{from}T00:00:00"));
        }
        if let Some(to) = filter.to_date {
            add("occurred_at <= ?", format!("{to}T23:59:59.999999Z"));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("where {}", conditions.join(" and "))
        };
        let limit = i64::from(per_page.clamp(1, 500));
        let offset = i64::from(page.saturating_sub(1)) * limit;
        // Only fixed fragments and numbered placeholders are interpolated; every
        // value is bound.
        let sql = format!(
            "select id, occurred_at, actor_email, action, entity, entity_key, \
             administration_code, before_json, after_json from audit_log {where_clause} \
             order by id desc limit {} offset {offset}",
            limit + 1
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in values {
            query = query.bind(value);
        }
        let rows = query.fetch_all(self.pool()).await?;
        let mut entries = rows
            .iter()
            .map(|row| {
                let json = |column: &str| -> Result<Option<serde_json::Value>> {
                    let text: Option<String> = row.try_get(column)?;
                    Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
                };
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    occurred_at: row.try_get("occurred_at")?,
                    actor: row
                        .try_get::<Option<String>, _>("actor_email")?
                        .unwrap_or_default(),
                    action: row.try_get("action")?,
                    entity: row.try_get("entity")?,
                    entity_key: row.try_get("entity_key")?,
                    administration: row.try_get("administration_code")?,
                    before: json("before_json")?,
                    after: json("after_json")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let has_more = entries.len() as i64 > limit;
        entries.truncate(limit as usize);
        Ok(AuditPage { entries, has_more })
    }
}
