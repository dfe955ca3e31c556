//! The Learning Record Store beyond statements (issue 21): the documents of
//! the State, Activity Profile and Agent Profile resources, what the Agents
//! and Activities resources read from stored statements, and the instant
//! every stored statement is visible before
//! (`X-Experience-API-Consistent-Through`).
//!
//! Documents belong to the LRS as a whole, like statements: every credential
//! the Secretariat issues reads and writes the same store (the credential is
//! recorded as the last writer and in the audit log). Every change is
//! audited, without the document's content.

use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine;
use gedhub_core::xapi::document::{self, Conditions, DocumentKind, Refusal, WriteMethod};
use sqlx::Row;

use crate::audit::Change;
use crate::elearning::LrsCredential;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// The `stored` instants of statement writes this process has begun and not
/// yet committed or abandoned. A statement becomes visible when its
/// transaction commits, a little after its `stored` instant: until then,
/// "consistent through" must not pass that instant.
#[derive(Debug, Clone, Default)]
pub(crate) struct PendingWrites(Arc<Mutex<Vec<String>>>);

/// One pending write; dropping it (commit, error or cancellation) ends it.
pub(crate) struct PendingWrite {
    writes: PendingWrites,
    since: String,
}

impl PendingWrites {
    /// `now`, or the start of the oldest write under way if that is
    /// earlier (both in the database form, which orders as text).
    fn through(&self, now: String) -> String {
        let writes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match writes.iter().min() {
            Some(since) if *since < now => since.clone(),
            _ => now,
        }
    }

    /// Registers a write beginning now; the statements it stores must get a
    /// `stored` instant taken after this call.
    pub(crate) fn begin(&self) -> PendingWrite {
        let mut writes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let since = Timestamp::now().to_db();
        writes.push(since.clone());
        PendingWrite {
            writes: self.clone(),
            since,
        }
    }
}

impl Drop for PendingWrite {
    fn drop(&mut self) {
        let mut writes = self.writes.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(index) = writes.iter().position(|since| *since == self.since) {
            writes.swap_remove(index);
        }
    }
}

/// Where a document is stored: its kind, what the kind is stored against
/// (empty where the kind has no such part) and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentKey {
    pub scope: DocumentScope,
    pub document_id: String,
}

/// The documents of one kind stored against one activity and/or agent (and
/// registration, for state): what a multiple-document `GET` lists and the
/// State resource's multiple `DELETE` removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScope {
    pub kind: DocumentKind,
    /// The activity IRI, or empty (agent profiles).
    pub activity_id: String,
    /// The agent's identity key ([`gedhub_core::xapi::Ifi::key`]), or empty
    /// (activity profiles).
    pub agent_key: String,
    /// The registration UUID (lower case), or empty.
    pub registration: String,
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub content_type: String,
    pub content: Vec<u8>,
    /// SHA-1 of the content, lower-case hexadecimal.
    pub etag: String,
    /// When it was last written (database form).
    pub updated: String,
}

/// A write to one document.
#[derive(Debug, Clone, Copy)]
pub enum DocumentWrite<'a> {
    /// Replace (or create) the document.
    Put {
        content_type: &'a str,
        content: &'a [u8],
    },
    /// Merge into the stored JSON object, or create the document.
    Post {
        content_type: &'a str,
        content: &'a [u8],
    },
    Delete,
}

impl DocumentWrite<'_> {
    fn method(&self) -> WriteMethod {
        match self {
            DocumentWrite::Put { .. } => WriteMethod::Put,
            DocumentWrite::Post { .. } => WriteMethod::Post,
            DocumentWrite::Delete => WriteMethod::Delete,
        }
    }
}

fn decode(content: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|error| StoreError::ShippedData(format!("stored xAPI document: {error}")))
}

/// What the audit log keeps of a document: where it is and what it is, not
/// its content.
fn audit_view(key: &DocumentKey, document: Option<&StoredDocument>) -> serde_json::Value {
    serde_json::json!({
        "kind": key.scope.kind.as_str(),
        "activity_id": key.scope.activity_id,
        "agent": key.scope.agent_key,
        "registration": key.scope.registration,
        "id": key.document_id,
        "content_type": document.map(|d| d.content_type.clone()),
        "length": document.map(|d| d.content.len()),
        "etag": document.map(|d| d.etag.clone()),
    })
}

/// `statement` (ending with `where`) restricted to one document, its key
/// bound.
fn on_document(
    statement: &str,
    key: &DocumentKey,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
    let sql = format!("{statement} {SCOPE_CONDITION} and document_id = $5");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(key.scope.kind.as_str())
        .bind(key.scope.activity_id.clone())
        .bind(key.scope.agent_key.clone())
        .bind(key.scope.registration.clone())
        .bind(key.document_id.clone())
}

/// One document, read on `connection` (a transaction's, when the caller
/// writes after reading).
async fn read_document(
    connection: &mut sqlx::AnyConnection,
    key: &DocumentKey,
) -> Result<Option<StoredDocument>> {
    let row = on_document(
        "select content_type, content, etag, updated from xapi_documents where",
        key,
    )
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| {
        let content: String = row.try_get("content")?;
        Ok(StoredDocument {
            content_type: row.try_get("content_type")?,
            content: decode(&content)?,
            etag: row.try_get("etag")?,
            updated: row.try_get("updated")?,
        })
    })
    .transpose()
}

const SCOPE_CONDITION: &str =
    "kind = $1 and activity_id = $2 and agent_key = $3 and registration = $4";

impl Store {
    /// The instant before which every stored statement is visible to
    /// queries: now, or the start of the oldest statement write still under
    /// way in this process, whichever is earlier. (With several gedhub
    /// processes on one PostgreSQL database, each knows only its own writes;
    /// their transactions last milliseconds.)
    pub fn consistent_through(&self) -> String {
        self.pending_writes().through(Timestamp::now().to_db())
    }

    /// One document, if stored.
    pub async fn document(&self, key: &DocumentKey) -> Result<Option<StoredDocument>> {
        let mut connection = self.pool().acquire().await?;
        read_document(&mut connection, key).await
    }

    /// The ids of the documents in `scope` (and their last write), those
    /// written after `since` (database form) when given, by id.
    pub async fn document_ids(
        &self,
        scope: &DocumentScope,
        since: Option<&str>,
    ) -> Result<Vec<(String, String)>> {
        let sql = format!(
            "select document_id, updated from xapi_documents where {SCOPE_CONDITION} \
             and ($5 = '' or updated > $5) order by document_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(scope.kind.as_str())
            .bind(scope.activity_id.clone())
            .bind(scope.agent_key.clone())
            .bind(scope.registration.clone())
            .bind(since.unwrap_or_default().to_owned())
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect()
    }

    /// Writes one document if its concurrency headers allow it, in one
    /// transaction (the check and the write see the same document). Returns
    /// the new entity tag (none after a delete), or why nothing was changed.
    pub async fn write_document(
        &self,
        credential: &LrsCredential,
        key: &DocumentKey,
        conditions: &Conditions,
        write: DocumentWrite<'_>,
    ) -> Result<std::result::Result<Option<String>, Refusal>> {
        let actor = Actor::system(&format!("lrs:{}", credential.key));
        let mut tx = self.begin_audited(&actor).await?;
        let current = read_document(&mut tx, key).await?;
        if let Err(refusal) = document::check_conditions(
            key.scope.kind,
            write.method(),
            conditions,
            current.as_ref().map(|d| d.etag.as_str()),
        ) {
            return Ok(Err(refusal));
        }
        let next = match write {
            DocumentWrite::Put {
                content_type,
                content,
            } => document::put_result(content_type, content),
            DocumentWrite::Post {
                content_type,
                content,
            } => document::post_result(
                current
                    .as_ref()
                    .map(|d| (d.content_type.as_str(), d.content.as_slice())),
                content_type,
                content,
            ),
            DocumentWrite::Delete => {
                if current.is_some() {
                    on_document("delete from xapi_documents where", key)
                        .execute(&mut *tx)
                        .await?;
                    tx.record(
                        Change::new(
                            "delete",
                            "xapi_document",
                            format!("{}/{}", key.scope.kind.as_str(), key.document_id),
                        )
                        .before(audit_view(key, current.as_ref())),
                    )
                    .await?;
                }
                tx.commit().await?;
                return Ok(Ok(None));
            }
        };
        let (content_type, content) = match next {
            Ok(next) => next,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let written = StoredDocument {
            etag: document::etag(&content),
            content_type,
            content,
            updated: Timestamp::now().to_db(),
        };
        sqlx::query(
            "insert into xapi_documents (kind, activity_id, agent_key, registration, document_id, \
             content_type, content, length, etag, updated, credential_id) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             on conflict (kind, activity_id, agent_key, registration, document_id) do update set \
             content_type = excluded.content_type, content = excluded.content, length = excluded.length, \
             etag = excluded.etag, updated = excluded.updated, credential_id = excluded.credential_id",
        )
        .bind(key.scope.kind.as_str())
        .bind(key.scope.activity_id.clone())
        .bind(key.scope.agent_key.clone())
        .bind(key.scope.registration.clone())
        .bind(key.document_id.clone())
        .bind(written.content_type.clone())
        .bind(base64::engine::general_purpose::STANDARD.encode(&written.content))
        .bind(i64::try_from(written.content.len()).unwrap_or(i64::MAX))
        .bind(written.etag.clone())
        .bind(written.updated.clone())
        .bind(credential.id)
        .execute(&mut *tx)
        .await?;
        tx.record(
            Change::new(
                if current.is_some() {
                    "update"
                } else {
                    "create"
                },
                "xapi_document",
                format!("{}/{}", key.scope.kind.as_str(), key.document_id),
            )
            .before(current.as_ref().map(|d| audit_view(key, Some(d))))
            .after(audit_view(key, Some(&written))),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(Some(written.etag)))
    }

    /// Deletes every document in `scope` (the State resource's `DELETE`
    /// without `stateId`); returns how many there were.
    pub async fn delete_documents(
        &self,
        credential: &LrsCredential,
        scope: &DocumentScope,
    ) -> Result<usize> {
        let actor = Actor::system(&format!("lrs:{}", credential.key));
        let mut tx = self.begin_audited(&actor).await?;
        let sql =
            format!("delete from xapi_documents where {SCOPE_CONDITION} returning document_id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(scope.kind.as_str())
            .bind(scope.activity_id.clone())
            .bind(scope.agent_key.clone())
            .bind(scope.registration.clone())
            .fetch_all(&mut *tx)
            .await?;
        let ids = rows
            .iter()
            .map(|row| row.try_get::<String, _>(0))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        if !ids.is_empty() {
            tx.record(
                Change::new("delete", "xapi_documents", scope.kind.as_str().to_owned()).before(
                    serde_json::json!({
                        "kind": scope.kind.as_str(),
                        "activity_id": scope.activity_id,
                        "agent": scope.agent_key,
                        "registration": scope.registration,
                        "ids": ids,
                    }),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }

    /// The objects of the stored statements whose object is the activity
    /// `id`, oldest first (voided ones too: what they said of the activity
    /// is still known), for the Activities resource.
    pub async fn activity_objects(&self, id: &str) -> Result<Vec<serde_json::Value>> {
        let rows =
            sqlx::query("select received from xapi_statements where activity_id = $1 order by id")
                .bind(id.to_owned())
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| {
                let received: String = row.try_get(0)?;
                let statement: serde_json::Value =
                    serde_json::from_str(&received).map_err(|error| {
                        StoreError::ShippedData(format!("stored statement: {error}"))
                    })?;
                Ok(statement
                    .get("object")
                    .cloned()
                    .unwrap_or(serde_json::Value::Null))
            })
            .collect()
    }

    /// The names an agent (by identity key) was given as the actor of stored
    /// statements, most recent first, each once (at most the last 100
    /// statements are read), for the Agents resource's Person object.
    pub async fn agent_names(&self, key: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "select received from xapi_statements where actor_key = $1 order by id desc limit 100",
        )
        .bind(key.to_owned())
        .fetch_all(self.pool())
        .await?;
        let mut names: Vec<String> = Vec::new();
        for row in &rows {
            let received: String = row.try_get(0)?;
            let statement: serde_json::Value = serde_json::from_str(&received)
                .map_err(|error| StoreError::ShippedData(format!("stored statement: {error}")))?;
            if let Some(name) = statement
                .get("actor")
                .and_then(|actor| actor.get("name"))
                .and_then(serde_json::Value::as_str)
                && !names.iter().any(|seen| seen == name)
            {
                names.push(name.to_owned());
            }
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::PendingWrites;
    use crate::Timestamp;

    /// While a write is under way, "consistent through" stays at its start;
    /// once it ends (however), the clock again.
    #[test]
    fn consistent_through_waits_for_writes_under_way() {
        let writes = PendingWrites::default();
        let later = "2999-01-01T00:00:00.000000Z".to_owned();
        assert_eq!(writes.through(later.clone()), later);
        let first = writes.begin();
        let second = writes.begin();
        assert!(first.since <= second.since);
        assert_eq!(writes.through(later.clone()), first.since);
        // A clock behind the write (it cannot be later than now).
        let earlier = "2000-01-01T00:00:00.000000Z".to_owned();
        assert_eq!(writes.through(earlier.clone()), earlier);
        let second_since = second.since.clone();
        drop(first);
        assert_eq!(writes.through(later.clone()), second_since);
        drop(second);
        assert_eq!(writes.through(later.clone()), later);
        assert!(Timestamp::from_db(&writes.through(Timestamp::now().to_db())).is_some());
    }
}
