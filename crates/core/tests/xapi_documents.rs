//! The LRS's document, Agents and Activities rules (xAPI 2.0 Communication
//! 4.1.4 and 4.1.6; 1.0.3 Communication 2.2 to 2.5 and 3.1): entity tags,
//! concurrency preconditions, the JSON merge of POST, Person and Activity
//! objects, and the `agent` parameter.

use gedhub_core::xapi::Ifi;
use gedhub_core::xapi::document::{
    Conditions, DocumentKind, MAX_DOCUMENT_BYTES, Refusal, WriteMethod, check_conditions, etag,
    is_json_media_type, post_result, put_result,
};
use gedhub_core::xapi::resources::{activity, agent_parameter, merge_definition, person};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The ETag is the SHA-1 of the bytes, lower-case hexadecimal (1.0.3
/// Communication 3.1); vectors from FIPS 180 (SHA-1 of "abc" and of "").
#[test]
fn the_etag_is_the_sha1_of_the_document() {
    assert_eq!(etag(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(etag(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

fn conditions(if_match: Option<&str>, if_none_match: Option<&str>, legacy: bool) -> Conditions {
    Conditions {
        if_match: if_match.map(str::to_owned),
        if_none_match: if_none_match.map(str::to_owned),
        legacy_client: legacy,
    }
}

const TAG: &str = "a9993e364706816aba3e25717850c26c9cd0d89d";

/// If-Match and If-None-Match as RFC 7232 says, for every method and
/// resource (Communication 3.1: 412, nothing changed).
#[test]
fn preconditions_hold_or_fail_with_412() {
    use DocumentKind::*;
    use WriteMethod::*;
    let quoted = format!("\"{TAG}\"");
    for kind in [State, ActivityProfile, AgentProfile] {
        for method in [Put, Post, Delete] {
            let check = |m: Option<&str>, n: Option<&str>, current: Option<&str>| {
                check_conditions(kind, method, &conditions(m, n, false), current)
            };
            // If-Match: the current tag (quoted or not, any case), or * when one exists.
            assert_eq!(check(Some(&quoted), None, Some(TAG)), Ok(()));
            assert_eq!(check(Some(&TAG.to_uppercase()), None, Some(TAG)), Ok(()));
            assert_eq!(
                check(Some(&format!("\"1234\", {quoted}")), None, Some(TAG)),
                Ok(())
            );
            assert_eq!(check(Some("*"), None, Some(TAG)), Ok(()));
            assert_eq!(
                check(Some("\"1234\""), None, Some(TAG)),
                Err(Refusal::PreconditionFailed)
            );
            assert_eq!(
                check(Some(&quoted), None, None),
                Err(Refusal::PreconditionFailed)
            );
            assert_eq!(
                check(Some("*"), None, None),
                Err(Refusal::PreconditionFailed)
            );
            // A weak tag never matches under If-Match's strong comparison.
            assert_eq!(
                check(Some(&format!("W/{quoted}")), None, Some(TAG)),
                Err(Refusal::PreconditionFailed)
            );
            // If-None-Match: * fails when the document exists; a tag fails when it is the current one.
            assert_eq!(check(None, Some("*"), None), Ok(()));
            assert_eq!(
                check(None, Some("*"), Some(TAG)),
                Err(Refusal::PreconditionFailed)
            );
            assert_eq!(
                check(None, Some(&quoted), Some(TAG)),
                Err(Refusal::PreconditionFailed)
            );
            assert_eq!(check(None, Some("\"1234\""), Some(TAG)), Ok(()));
        }
    }
}

/// Communication 3.1: a PUT without either header over an existing document
/// is 409; a profile PUT needs a header even for a new document (400 to a
/// 1.0.x client, 428 otherwise); state written by a 1.0.x client is exempt;
/// POST and DELETE need no header.
#[test]
fn a_put_without_concurrency_headers() {
    use DocumentKind::*;
    use WriteMethod::*;
    for legacy in [false, true] {
        let none = conditions(None, None, legacy);
        for kind in [ActivityProfile, AgentProfile] {
            assert_eq!(
                check_conditions(kind, Put, &none, Some(TAG)),
                Err(Refusal::Conflict)
            );
            assert_eq!(
                check_conditions(kind, Put, &none, None),
                Err(Refusal::PreconditionRequired)
            );
        }
        assert_eq!(check_conditions(State, Put, &none, None), Ok(()));
        for kind in [State, ActivityProfile, AgentProfile] {
            for method in [Post, Delete] {
                assert_eq!(check_conditions(kind, method, &none, Some(TAG)), Ok(()));
                assert_eq!(check_conditions(kind, method, &none, None), Ok(()));
            }
        }
    }
    assert_eq!(
        check_conditions(State, Put, &conditions(None, None, false), Some(TAG)),
        Err(Refusal::Conflict)
    );
    assert_eq!(
        check_conditions(State, Put, &conditions(None, None, true), Some(TAG)),
        Ok(())
    );
}

/// The example of 1.0.3 Communication 2.2 ("JSON Procedure"): top-level
/// properties of the posted object replace the stored ones, whole.
#[test]
fn post_merges_top_level_properties_of_json_objects() {
    let stored = br#"{"x":"foo","y":"bar","deep":{"a":1,"b":2}}"#;
    let (content_type, merged) = post_result(
        Some(("application/json", stored)),
        "application/json; charset=utf-8",
        br#"{"x":"bash","z":"faz","deep":{"c":3}}"#,
    )
    .expect("merged");
    assert_eq!(content_type, "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&merged).expect("json"),
        json!({ "x": "bash", "y": "bar", "z": "faz", "deep": { "c": 3 } })
    );
    // Nothing stored: the posted document is stored as sent.
    assert_eq!(
        post_result(None, "application/json", br#"{"car":"Honda"}"#),
        Ok((
            "application/json".to_owned(),
            br#"{"car":"Honda"}"#.to_vec()
        ))
    );
    assert_eq!(
        post_result(None, "text/plain", b"abc"),
        Ok(("text/plain".to_owned(), b"abc".to_vec()))
    );
}

/// Communication 2.2 / XAPI-00229, XAPI-00232: either document not a JSON
/// object sent as application/json → 400, nothing changed.
#[test]
fn post_refuses_what_cannot_be_merged() {
    let json_doc: &[u8] = br#"{"a":1}"#;
    for (stored, posted_type, posted) in [
        (
            Some(("application/json", json_doc)),
            "not/json",
            b"abcdefg".as_slice(),
        ),
        (
            Some(("application/octet-stream", b"/ asdf / undefined".as_slice())),
            "application/json",
            json_doc,
        ),
        (
            Some(("application/json", json_doc)),
            "application/json",
            br#"{"a":1}{"#.as_slice(),
        ),
        (
            Some(("application/json", json_doc)),
            "application/json",
            b"[1,2]".as_slice(),
        ),
        (
            Some(("application/json", b"[1]".as_slice())),
            "application/json",
            json_doc,
        ),
        (None, "application/json", b"\"text\"".as_slice()),
    ] {
        assert_eq!(
            post_result(stored, posted_type, posted),
            Err(Refusal::NotJsonObject),
            "{posted_type} {:?}",
            String::from_utf8_lossy(posted)
        );
    }
}

#[test]
fn documents_are_bounded() {
    let big = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    assert_eq!(put_result("text/plain", &big), Err(Refusal::TooLarge));
    assert!(put_result("text/plain", &big[1..]).is_ok());
    // A merge that grows past the limit is refused too.
    let half = format!(r#"{{"a":"{}"}}"#, "x".repeat(MAX_DOCUMENT_BYTES / 2));
    let other = format!(r#"{{"b":"{}"}}"#, "x".repeat(MAX_DOCUMENT_BYTES / 2));
    assert_eq!(
        post_result(
            Some(("application/json", half.as_bytes())),
            "application/json",
            other.as_bytes()
        ),
        Err(Refusal::TooLarge)
    );
}

#[test]
fn json_media_types() {
    assert!(is_json_media_type("application/json"));
    assert!(is_json_media_type("Application/JSON; charset=utf-8"));
    assert!(!is_json_media_type("application/octet-stream"));
    assert!(!is_json_media_type("application/jsonx"));
}

/// The `agent` parameter: a JSON Agent with one identifier (XAPI-00249,
/// XAPI-00196..00199): not a Group, not JSON → refused.
#[test]
fn the_agent_parameter_is_one_agent() {
    let (agent, ifi) =
        agent_parameter(r#"{"objectType":"Agent","account":{"homePage":"http://www.example.com/agentId/1","name":"Rick James"}}"#)
            .expect("agent");
    assert_eq!(agent["account"]["name"], json!("Rick James"));
    assert_eq!(
        ifi.key(),
        "account:http://www.example.com/agentId/1|Rick James"
    );
    assert_eq!(agent_parameter("not JSON"), Err("agent_not_json"));
    assert_eq!(agent_parameter("true"), Err("agent_not_an_agent"));
    assert_eq!(
        agent_parameter(r#"{"objectType":"Group","mbox":"mailto:g@example.com"}"#),
        Err("agent_not_an_agent")
    );
    assert_eq!(
        agent_parameter(r#"{"objectType":"Agent","name":"Rick James"}"#),
        Err("agent_invalid")
    );
    assert_eq!(
        agent_parameter(
            r#"{"mbox":"mailto:a@example.com","openid":"http://openid.example.org/1"}"#
        ),
        Err("agent_invalid")
    );
}

/// Communication 2.4: the Person object lists each property (XAPI-00237 to
/// XAPI-00242), names once each, the request's first.
#[test]
fn a_person_lists_names_and_the_identifier() {
    let agent =
        json!({ "objectType": "Agent", "name": "Awa", "mbox": "mailto:awa@douanes.example" });
    let ifi = Ifi::Mbox("mailto:awa@douanes.example".into());
    assert_eq!(
        person(&agent, &ifi, &["Awa D.".into(), "Awa".into()]),
        json!({ "objectType": "Person", "name": ["Awa", "Awa D."], "mbox": ["mailto:awa@douanes.example"] })
    );
    let account = Ifi::Account {
        home_page: "http://www.example.com".into(),
        name: "13936749".into(),
    };
    assert_eq!(
        person(
            &json!({ "account": { "homePage": "http://www.example.com", "name": "13936749" } }),
            &account,
            &[]
        ),
        json!({ "objectType": "Person", "account": [{ "homePage": "http://www.example.com", "name": "13936749" }] })
    );
    assert_eq!(
        person(
            &json!({}),
            &Ifi::MboxSha1("cd9b00a5611f94eaa7b1661edab976068e364975".into()),
            &[]
        )["mbox_sha1sum"],
        json!(["cd9b00a5611f94eaa7b1661edab976068e364975"])
    );
    assert_eq!(
        person(
            &json!({}),
            &Ifi::OpenId("http://openid.example.org/12345".into()),
            &[]
        )["openid"],
        json!(["http://openid.example.org/12345"])
    );
}

/// Communication 2.5 / XAPI-00254: the Activity object merges what every
/// statement said of it; an unknown activity is still an Activity object.
#[test]
fn an_activity_merges_every_definition() {
    let id = "http://www.example.com/verify/complete/34534100123";
    let first = json!({ "objectType": "Activity", "id": id, "definition": {
        "type": "http://adlnet.gov/expapi/activities/meeting",
        "name": { "en-GB": "example meeting", "en-US": "example meeting" },
        "extensions": { "http://example.com/e/1": 1 } } });
    let second = json!({ "id": id, "definition": {
        "name": { "fr-FR": "réunion" },
        "moreInfo": "http://virtualmeeting.example.com/345256",
        "extensions": { "http://example.com/e/2": 2 } } });
    let other = json!({ "id": "http://www.example.com/other", "definition": { "name": { "de": "anders" } } });
    assert_eq!(
        activity(id, [&first, &other, &second]),
        json!({ "objectType": "Activity", "id": id, "definition": {
            "type": "http://adlnet.gov/expapi/activities/meeting",
            "name": { "en-GB": "example meeting", "en-US": "example meeting", "fr-FR": "réunion" },
            "moreInfo": "http://virtualmeeting.example.com/345256",
            "extensions": { "http://example.com/e/1": 1, "http://example.com/e/2": 2 } } })
    );
    // One statement: exactly its object.
    assert_eq!(activity(id, [&first]), first);
    assert_eq!(
        activity("http://www.example.com/never-seen", []),
        json!({ "objectType": "Activity", "id": "http://www.example.com/never-seen" })
    );
    // A later interaction type replaces the earlier one.
    let mut definition = serde_json::Map::new();
    merge_definition(
        &mut definition,
        json!({ "interactionType": "choice" })
            .as_object()
            .expect("map"),
    );
    merge_definition(
        &mut definition,
        json!({ "interactionType": "other" })
            .as_object()
            .expect("map"),
    );
    assert_eq!(definition["interactionType"], json!("other"));
}

proptest! {
    /// If-Match with the document's own tag always lets the write through;
    /// with any other tag, never.
    #[test]
    fn if_match_holds_exactly_for_the_current_tag(content in proptest::collection::vec(any::<u8>(), 0..64), other in "[0-9a-f]{40}") {
        let current = etag(&content);
        for kind in [DocumentKind::State, DocumentKind::ActivityProfile, DocumentKind::AgentProfile] {
            let own = conditions(Some(&format!("\"{current}\"")), None, false);
            prop_assert_eq!(check_conditions(kind, WriteMethod::Put, &own, Some(&current)), Ok(()));
            if other != current {
                let stale = conditions(Some(&format!("\"{other}\"")), None, false);
                prop_assert_eq!(
                    check_conditions(kind, WriteMethod::Put, &stale, Some(&current)),
                    Err(Refusal::PreconditionFailed)
                );
            }
        }
    }

    /// A merge keeps every stored property the post does not name, and
    /// takes every posted one.
    #[test]
    fn a_merge_keeps_and_takes(stored in proptest::collection::btree_map("[a-e]", 0i32..9, 0..5), posted in proptest::collection::btree_map("[a-e]", 0i32..9, 0..5)) {
        let stored_bytes = serde_json::to_vec(&stored).expect("json");
        let posted_bytes = serde_json::to_vec(&posted).expect("json");
        let (_, merged) = post_result(Some(("application/json", &stored_bytes)), "application/json", &posted_bytes).expect("merge");
        let merged: std::collections::BTreeMap<String, i32> = serde_json::from_slice(&merged).expect("json");
        for (key, value) in &merged {
            prop_assert_eq!(Some(value), posted.get(key).or_else(|| stored.get(key)));
        }
        prop_assert_eq!(merged.len(), stored.keys().chain(posted.keys()).collect::<std::collections::BTreeSet<_>>().len());
    }
}
