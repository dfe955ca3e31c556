//! The LRS's storage beyond statements (issue 21): documents under their
//! concurrency conditions, the StatementRef rule of statement queries, and
//! backups of both. On SQLite, and on PostgreSQL when
//! GEDHUB_TEST_POSTGRES_URL is set.

use gedhub_core::xapi::document::{Conditions, DocumentKind, Refusal, etag};
use gedhub_core::xapi::validate_statement;
use gedhub_store::audit::AuditFilter;
use gedhub_store::backup::BackupDocument;
use gedhub_store::elearning::{IncomingStatement, LrsCredential, StatementQuery};
use gedhub_store::lrs::{DocumentKey, DocumentScope, DocumentWrite};
use gedhub_store::testing::{TestDatabase, test_database};
use gedhub_store::{Actor, Store, Timestamp};
use serde_json::{Value, json};

async fn lrs() -> (TestDatabase, Store, LrsCredential) {
    let db = test_database().await;
    let store = db.store.clone();
    let (credential, _secret) = store
        .create_lrs_credential(&Actor::system("test"), "Conformance LMS")
        .await
        .expect("credential");
    (db, store, credential)
}

fn state_key(agent: &str, id: &str) -> DocumentKey {
    DocumentKey {
        scope: DocumentScope {
            kind: DocumentKind::State,
            activity_id: "http://www.example.com/activityId/hashset".into(),
            agent_key: format!("mbox:mailto:{agent}"),
            registration: String::new(),
        },
        document_id: id.into(),
    }
}

fn profile_key(id: &str) -> DocumentKey {
    DocumentKey {
        scope: DocumentScope {
            kind: DocumentKind::ActivityProfile,
            activity_id: "http://www.example.com/activityId/hashset".into(),
            agent_key: String::new(),
            registration: String::new(),
        },
        document_id: id.into(),
    }
}

fn unconditional() -> Conditions {
    Conditions::default()
}

fn if_match(tag: &str) -> Conditions {
    Conditions {
        if_match: Some(format!("\"{tag}\"")),
        ..Conditions::default()
    }
}

fn json_put(content: &[u8]) -> DocumentWrite<'_> {
    DocumentWrite::Put {
        content_type: "application/json",
        content,
    }
}

#[tokio::test]
async fn documents_are_written_merged_listed_and_deleted_under_their_conditions() {
    let (_db, store, credential) = lrs().await;
    let key = state_key("awa@douanes.example", "bookmark");
    let before = Timestamp::now().to_db();
    let tag = store
        .write_document(
            &credential,
            &key,
            &unconditional(),
            json_put(br#"{"x":"foo","y":"bar"}"#),
        )
        .await
        .expect("write")
        .expect("allowed")
        .expect("a tag");
    assert_eq!(tag, etag(br#"{"x":"foo","y":"bar"}"#));
    let stored = store.document(&key).await.expect("read").expect("stored");
    assert_eq!(stored.content, br#"{"x":"foo","y":"bar"}"#);
    assert_eq!(stored.content_type, "application/json");
    assert_eq!(stored.etag, tag);

    // A stale tag: 412, nothing changed.
    let refused = store
        .write_document(&credential, &key, &if_match("1234"), json_put(b"{}"))
        .await
        .expect("write");
    assert_eq!(refused, Err(Refusal::PreconditionFailed));
    assert_eq!(
        store
            .document(&key)
            .await
            .expect("read")
            .expect("kept")
            .etag,
        tag
    );

    // POST merges, under the current tag.
    let merged_tag = store
        .write_document(
            &credential,
            &key,
            &if_match(&tag),
            DocumentWrite::Post {
                content_type: "application/json",
                content: br#"{"x":"bash","z":"faz"}"#,
            },
        )
        .await
        .expect("write")
        .expect("allowed")
        .expect("a tag");
    let merged = store.document(&key).await.expect("read").expect("stored");
    assert_eq!(
        serde_json::from_slice::<Value>(&merged.content).expect("json"),
        json!({ "x": "bash", "y": "bar", "z": "faz" })
    );
    assert_eq!(merged.etag, merged_tag);
    assert_ne!(merged_tag, tag);

    // Another agent's state with the same id is another document.
    let other = state_key("bob@douanes.example", "bookmark");
    assert!(store.document(&other).await.expect("read").is_none());
    store
        .write_document(&credential, &other, &unconditional(), json_put(b"{}"))
        .await
        .expect("write")
        .expect("allowed");
    store
        .write_document(
            &credential,
            &state_key("awa@douanes.example", "suspend"),
            &unconditional(),
            json_put(b"{}"),
        )
        .await
        .expect("write")
        .expect("allowed");

    // Listing, with `since` (exclusive).
    let ids = |since: Option<String>| {
        let store = store.clone();
        let scope = key.scope.clone();
        async move {
            store
                .document_ids(&scope, since.as_deref())
                .await
                .expect("ids")
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids(None).await, ["bookmark", "suspend"]);
    assert_eq!(ids(Some(before)).await, ["bookmark", "suspend"]);
    assert!(ids(Some(Timestamp::now().to_db())).await.is_empty());

    // Deleting every document of Awa's context leaves Bob's.
    assert_eq!(
        store
            .delete_documents(&credential, &key.scope)
            .await
            .expect("delete"),
        2
    );
    assert!(ids(None).await.is_empty());
    assert!(store.document(&other).await.expect("read").is_some());

    // Every change is audited, without the content.
    let audit = store
        .audit_entries(
            &AuditFilter {
                entity: Some("xapi_document".into()),
                ..AuditFilter::default()
            },
            1,
            50,
        )
        .await
        .expect("audit");
    assert_eq!(audit.entries.len(), 4, "three creations and one merge");
    let merge = audit
        .entries
        .iter()
        .find(|entry| entry.action == "update")
        .expect("the merge");
    assert_eq!(merge.entity_key, "state/bookmark");
    assert_eq!(
        merge.after.as_ref().expect("after")["etag"],
        json!(merged_tag)
    );
    assert!(
        !merge
            .after
            .as_ref()
            .expect("after")
            .to_string()
            .contains("faz")
    );
    assert_eq!(merge.actor, format!("lrs:{}", credential.key));
}

#[tokio::test]
async fn profiles_need_a_precondition_and_a_delete_can_be_conditional() {
    let (_db, store, credential) = lrs().await;
    let key = profile_key("preferences");
    assert_eq!(
        store
            .write_document(&credential, &key, &unconditional(), json_put(b"{}"))
            .await
            .expect("write"),
        Err(Refusal::PreconditionRequired)
    );
    assert!(store.document(&key).await.expect("read").is_none());
    let create = Conditions {
        if_none_match: Some("*".into()),
        ..Conditions::default()
    };
    let tag = store
        .write_document(&credential, &key, &create, json_put(br#"{"a":1}"#))
        .await
        .expect("write")
        .expect("allowed")
        .expect("tag");
    // Created once: If-None-Match: * now fails, and a bare PUT conflicts.
    assert_eq!(
        store
            .write_document(&credential, &key, &create, json_put(b"{}"))
            .await
            .expect("write"),
        Err(Refusal::PreconditionFailed)
    );
    assert_eq!(
        store
            .write_document(&credential, &key, &unconditional(), json_put(b"{}"))
            .await
            .expect("write"),
        Err(Refusal::Conflict)
    );
    assert_eq!(
        store
            .write_document(&credential, &key, &if_match("1234"), DocumentWrite::Delete)
            .await
            .expect("delete"),
        Err(Refusal::PreconditionFailed)
    );
    assert_eq!(
        store
            .write_document(&credential, &key, &if_match(&tag), DocumentWrite::Delete)
            .await
            .expect("delete"),
        Ok(None)
    );
    assert!(store.document(&key).await.expect("read").is_none());
}

fn incoming(value: Value) -> IncomingStatement {
    let facts = validate_statement(&value).expect("valid statement");
    IncomingStatement {
        id: facts.id.clone().expect("an id"),
        received: value,
        facts,
    }
}

const PASSED: &str = "6f0f3a3e-8f6f-4b53-8d69-6b1f7a1b2c01";
const CONFIRMED: &str = "6f0f3a3e-8f6f-4b53-8d69-6b1f7a1b2c02";
const ACKNOWLEDGED: &str = "6f0f3a3e-8f6f-4b53-8d69-6b1f7a1b2c03";
const VOIDING: &str = "6f0f3a3e-8f6f-4b53-8d69-6b1f7a1b2c04";
const UNRELATED: &str = "6f0f3a3e-8f6f-4b53-8d69-6b1f7a1b2c05";
const EXPLOSIVES: &str = "http://www.example.com/activities/explosives-training";

/// Communication 2.1.3's example: "Ben passed explosives training", then
/// "Andrew confirmed <that statement>", "Chris acknowledged <Andrew's>", and
/// the voiding of Ben's statement.
fn ben_and_the_statements_about_him() -> Vec<IncomingStatement> {
    let reference = |id: &str| json!({ "objectType": "StatementRef", "id": id });
    vec![
        incoming(
            json!({ "id": PASSED, "actor": { "mbox": "mailto:ben@example.com" },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": EXPLOSIVES },
            "context": { "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7" } }),
        ),
        incoming(
            json!({ "id": CONFIRMED, "actor": { "mbox": "mailto:andrew@example.com" },
            "verb": { "id": "http://example.com/verbs/confirmed" }, "object": reference(PASSED) }),
        ),
        incoming(
            json!({ "id": ACKNOWLEDGED, "actor": { "mbox": "mailto:chris@example.com" },
            "verb": { "id": "http://example.com/verbs/acknowledged" }, "object": reference(CONFIRMED) }),
        ),
        incoming(
            json!({ "id": UNRELATED, "actor": { "mbox": "mailto:dana@example.com" },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" }, "object": { "id": "http://www.example.com/other" } }),
        ),
        incoming(
            json!({ "id": VOIDING, "actor": { "mbox": "mailto:admin@example.com" },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" }, "object": reference(PASSED) }),
        ),
    ]
}

fn ids(found: &[gedhub_store::elearning::StoredStatement]) -> Vec<&str> {
    found.iter().map(|s| s.id.as_str()).collect()
}

/// Communication 2.1.3 "Filter Conditions for StatementRefs" and 2.1.4
/// (XAPI-00162): a statement targeting a match is a match, recursively; the
/// voided statement itself is not returned, the voiding one is.
#[tokio::test]
async fn statements_targeting_a_match_are_returned_with_it() {
    let (_db, store, credential) = lrs().await;
    store
        .store_statements(&credential, &ben_and_the_statements_about_him())
        .await
        .expect("store");
    let query = |change: fn(&mut StatementQuery)| {
        let mut query = StatementQuery {
            limit: 10,
            ..StatementQuery::default()
        };
        change(&mut query);
        query
    };
    let targeting = [VOIDING, ACKNOWLEDGED, CONFIRMED];
    for filter in [
        query(|q| q.actor_key = Some("mbox:mailto:ben@example.com".into())),
        query(|q| q.activity = Some(EXPLOSIVES.into())),
        query(|q| q.registration = Some("ec531277-b57b-4c15-8d91-d292c5b2b8f7".into())),
    ] {
        let found = store.query_statements(&filter).await.expect("query");
        assert_eq!(ids(&found), targeting, "{filter:?}");
        // The same through the filters that read each statement's JSON.
        let actor_key = filter.actor_key.clone();
        let activity = filter.activity.clone();
        let found = store
            .query_statements_where(&filter, |s| {
                actor_key
                    .as_deref()
                    .is_none_or(|key| gedhub_core::xapi::query::mentions_agent(&s.received, key))
                    && activity.as_deref().is_none_or(|id| {
                        gedhub_core::xapi::query::mentions_activity(&s.received, id)
                    })
            })
            .await
            .expect("query");
        assert_eq!(ids(&found), targeting, "related {filter:?}");
    }
    // The verb filter: Dana's statement matches itself; Ben's is voided, but
    // the statements targeting it still match.
    let passed = store
        .query_statements(&query(|q| {
            q.verb = Some("http://adlnet.gov/expapi/verbs/passed".into())
        }))
        .await
        .expect("query");
    assert_eq!(ids(&passed), [VOIDING, UNRELATED, ACKNOWLEDGED, CONFIRMED]);
    // Time filters apply to the targeting statement itself.
    let nothing_later = store
        .query_statements(&query(|q| {
            q.actor_key = Some("mbox:mailto:ben@example.com".into());
            q.since = Some(Timestamp::now().to_db());
        }))
        .await
        .expect("query");
    assert!(nothing_later.is_empty());
    // Andrew's own filter finds his statement and Chris's, which targets it.
    let andrew = store
        .query_statements(&query(|q| {
            q.actor_key = Some("mbox:mailto:andrew@example.com".into())
        }))
        .await
        .expect("query");
    assert_eq!(ids(&andrew), [ACKNOWLEDGED, CONFIRMED]);
}

/// Documents and the statements' targets are learning data: a backup keeps
/// them and a restore brings them back, queries included.
#[tokio::test]
async fn a_backup_keeps_documents_and_statement_targets() {
    let (_db, store, credential) = lrs().await;
    store
        .store_statements(&credential, &ben_and_the_statements_about_him())
        .await
        .expect("store");
    let key = state_key("awa@douanes.example", "bookmark");
    let tag = store
        .write_document(
            &credential,
            &key,
            &unconditional(),
            DocumentWrite::Put {
                content_type: "application/octet-stream",
                content: &[0, 159, 146, 150, 255],
            },
        )
        .await
        .expect("write")
        .expect("allowed")
        .expect("tag");
    let backup = store.backup().await.expect("backup");
    assert_eq!(
        backup.as_json()["tables"]["xapi_documents"]["rows"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let copy = test_database().await;
    copy.store
        .restore(
            &String::from_utf8(backup.to_bytes())
                .expect("utf-8")
                .parse::<BackupDocument>()
                .expect("parse"),
        )
        .await
        .expect("restore");
    let restored = copy
        .store
        .document(&key)
        .await
        .expect("read")
        .expect("restored");
    assert_eq!(restored.content, [0, 159, 146, 150, 255]);
    assert_eq!(restored.etag, tag);
    let found = copy
        .store
        .query_statements(&StatementQuery {
            actor_key: Some("mbox:mailto:ben@example.com".into()),
            limit: 10,
            ..StatementQuery::default()
        })
        .await
        .expect("query");
    assert_eq!(ids(&found), [VOIDING, ACKNOWLEDGED, CONFIRMED]);
}
