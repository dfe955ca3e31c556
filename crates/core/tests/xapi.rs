//! The xAPI statement rules (xAPI 2.0 Data part), one requirement per test,
//! and statement comparison.

use gedhub_core::xapi::{
    Ifi, comparable, duration_to_hundredths, is_duration, is_iri, is_language_tag, is_timestamp,
    is_uuid, normalize_context_activities, same_statement, validate_statement,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn completed() -> Value {
    json!({
        "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        "actor": { "objectType": "Agent", "name": "Awa Diallo", "mbox": "mailto:awa.diallo@douanes.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed" } },
        "object": {
            "id": "https://clikc.wcoomd.org/course/view.php?id=412",
            "definition": { "name": { "en": "GED module 1", "fr": "Module EGD 1" }, "type": "http://adlnet.gov/expapi/activities/course" }
        },
        "result": { "completion": true, "success": true, "score": { "scaled": 0.85, "raw": 85, "min": 0, "max": 100 }, "duration": "PT1H30M" },
        "context": { "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "platform": "Moodle", "language": "fr-FR",
                     "contextActivities": { "parent": [{ "id": "https://clikc.wcoomd.org" }] } },
        "timestamp": "2024-04-15T10:15:00+02:00"
    })
}

/// The problem code of a refused statement.
fn problem(statement: &Value) -> (String, &'static str) {
    let error = validate_statement(statement).expect_err("refused");
    (error.path, error.problem)
}

fn with(mut statement: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let target = if parent.is_empty() {
        &mut statement
    } else {
        statement.pointer_mut(parent).expect("parent exists")
    };
    target
        .as_object_mut()
        .expect("object")
        .insert(key.to_owned(), value);
    statement
}

fn without(mut statement: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let target = if parent.is_empty() {
        &mut statement
    } else {
        statement.pointer_mut(parent).expect("parent exists")
    };
    target.as_object_mut().expect("object").remove(key);
    statement
}

#[test]
fn a_moodle_style_completion_is_valid_and_its_facts_are_read() {
    let facts = validate_statement(&completed()).expect("valid");
    assert_eq!(
        facts.id.as_deref(),
        Some("6690e6c9-3ef0-4ed3-8b37-7f3964730bee")
    );
    assert_eq!(
        facts.actor,
        Some(Ifi::Mbox("mailto:awa.diallo@douanes.example".into()))
    );
    assert_eq!(facts.verb, "http://adlnet.gov/expapi/verbs/completed");
    assert_eq!(
        facts.activity.as_deref(),
        Some("https://clikc.wcoomd.org/course/view.php?id=412")
    );
    assert_eq!(
        facts.registration.as_deref(),
        Some("ec531277-b57b-4c15-8d91-d292c5b2b8f7")
    );
    assert!(facts.completes("https://clikc.wcoomd.org/course/view.php?id=412"));
    assert!(!facts.completes("https://clikc.wcoomd.org/course/view.php?id=413"));
    assert_eq!(facts.voids, None);
}

#[test]
fn actor_verb_and_object_are_required() {
    for part in ["actor", "verb", "object"] {
        assert_eq!(
            problem(&without(completed(), &format!("/{part}"))),
            (part.to_owned(), "missing")
        );
    }
}

#[test]
fn an_agent_has_exactly_one_identifier() {
    let none = with(completed(), "/actor", json!({ "name": "Nobody" }));
    assert_eq!(
        problem(&none),
        ("actor".into(), "agent_needs_one_identifier")
    );
    let two = with(
        completed(),
        "/actor",
        json!({ "mbox": "mailto:a@b.example", "openid": "http://openid.example/a" }),
    );
    assert_eq!(problem(&two), ("actor".into(), "more_than_one_identifier"));
}

#[test]
fn identifiers_have_their_forms() {
    let cases = [
        (
            json!({ "mbox": "awa@b.example" }),
            "actor.mbox",
            "not_a_mailto_iri",
        ),
        (
            json!({ "mbox_sha1sum": "abc" }),
            "actor.mbox_sha1sum",
            "not_a_sha1_sum",
        ),
        (
            json!({ "openid": "not an iri" }),
            "actor.openid",
            "not_an_iri",
        ),
        (
            json!({ "account": { "name": "42" } }),
            "actor.account.homePage",
            "missing",
        ),
        (
            json!({ "account": { "homePage": "https://clikc.example" } }),
            "actor.account.name",
            "missing",
        ),
        (
            json!({ "account": { "homePage": "https://c.example", "name": "42", "x": 1 } }),
            "actor.account.x",
            "unknown_property",
        ),
    ];
    for (actor, path, code) in cases {
        assert_eq!(
            problem(&with(completed(), "/actor", actor)),
            (path.to_owned(), code)
        );
    }
    let account = with(
        completed(),
        "/actor",
        json!({ "account": { "homePage": "https://clikc.example", "name": "Awa@Douanes.example" } }),
    );
    let facts = validate_statement(&account).expect("valid");
    assert_eq!(
        facts.actor.and_then(|a| a.email()).as_deref(),
        Some("awa@douanes.example")
    );
}

#[test]
fn groups_need_members_when_anonymous_and_members_are_agents() {
    let anonymous = with(completed(), "/actor", json!({ "objectType": "Group" }));
    assert_eq!(
        problem(&anonymous),
        ("actor.member".into(), "anonymous_group_needs_members")
    );
    let nested = with(
        completed(),
        "/actor",
        json!({ "objectType": "Group", "member": [{ "objectType": "Group", "member": [] }] }),
    );
    assert_eq!(
        problem(&nested),
        ("actor.member[0]".into(), "group_member_must_be_agent")
    );
    let ok = with(
        completed(),
        "/actor",
        json!({ "objectType": "Group", "member": [{ "mbox": "mailto:a@b.example" }] }),
    );
    assert_eq!(validate_statement(&ok).expect("valid").actor, None);
}

/// Data 2.4.9 / XAPI-00024, XAPI-00098, XAPI-00100: an `authority` is an
/// Agent, or an anonymous Group of exactly two Agents of which one is the
/// OAuth application (an account); anything else is refused, not replaced.
#[test]
fn authority_is_an_agent_or_an_oauth_pair() {
    let application = json!({ "account": { "homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db" } });
    let user = json!({ "mbox": "mailto:bob@example.com" });
    let authority = |value: Value| with(completed(), "/authority", value);
    assert!(
        validate_statement(&authority(
            json!({ "objectType": "Agent", "mbox": "mailto:xapi@adlnet.gov" })
        ))
        .is_ok()
    );
    let pair = json!({ "objectType": "Group", "member": [application.clone(), user.clone()] });
    assert!(validate_statement(&authority(pair.clone())).is_ok());

    // XAPI-00024: an identified group, whatever its identifier.
    for (key, value) in [
        ("mbox", json!("mailto:bob@example.com")),
        (
            "mbox_sha1sum",
            json!("cd9b00a5611f94eaa7b1661edab976068e364975"),
        ),
        ("openid", json!("http://openid.example.org/12345")),
        (
            "account",
            json!({ "homePage": "http://www.example.com", "name": "xAPI account name" }),
        ),
    ] {
        let mut identified = pair.clone();
        identified[key] = value;
        assert_eq!(
            problem(&authority(identified)),
            ("authority".into(), "authority_group_not_anonymous"),
            "{key}"
        );
    }
    // XAPI-00098: one or three members.
    for members in [
        json!([user.clone()]),
        json!([application.clone(), user.clone(), { "mbox": "mailto:james@example.com" }]),
    ] {
        assert_eq!(
            problem(&authority(
                json!({ "objectType": "Group", "member": members })
            )),
            (
                "authority.member".into(),
                "authority_group_needs_two_agents"
            )
        );
    }
    // XAPI-00100: two agents, but no application among them.
    let two_people =
        json!({ "objectType": "Group", "member": [user, { "mbox": "mailto:agentB@example.com" }] });
    assert_eq!(
        problem(&authority(two_people)),
        ("authority.member".into(), "authority_group_not_oauth")
    );
    // An authority that is no actor at all.
    assert_eq!(
        problem(&authority(
            json!({ "objectType": "Activity", "id": "http://x.example" })
        )),
        ("authority.objectType".into(), "not_an_agent_or_group")
    );
}

/// Data 2.4.4.1 / XAPI-00064: `correctResponsesPattern` (like the
/// interaction components) needs `interactionType`.
#[test]
fn a_response_pattern_needs_its_interaction_type() {
    let interaction = |definition: Value| {
        with(
            completed(),
            "/object",
            json!({ "id": "http://www.example.com/question/1", "definition": definition }),
        )
    };
    let pattern = json!({ "correctResponsesPattern": ["true"], "interactionType": "true-false" });
    assert!(validate_statement(&interaction(pattern)).is_ok());
    assert_eq!(
        problem(&interaction(
            json!({ "correctResponsesPattern": ["Bob's your uncle"] })
        )),
        (
            "object.definition.correctResponsesPattern".into(),
            "components_need_interaction_type"
        )
    );
    assert_eq!(
        problem(&interaction(json!({ "choices": [{ "id": "golf" }] }))),
        (
            "object.definition.choices".into(),
            "components_need_interaction_type"
        )
    );
}

/// Data 2.4.6.2 / XAPI-00096: a context activity given as one object is a
/// list of one, in the statement and in its SubStatement; the two forms are
/// the same statement.
#[test]
fn context_activities_are_lists() {
    let single = json!({ "id": "http://www.example.com/meetings/categories/teammeeting" });
    let mut statement = with(
        completed(),
        "/context/contextActivities",
        json!({ "parent": single.clone(), "grouping": [single.clone()], "category": single.clone(), "other": single.clone() }),
    );
    statement["object"] = json!({
        "objectType": "SubStatement",
        "actor": { "mbox": "mailto:a@b.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" },
        "object": { "id": "http://www.example.com/x" },
        "context": { "contextActivities": { "other": single.clone() } }
    });
    // revision/platform belong to activity objects only.
    statement["context"]
        .as_object_mut()
        .expect("context")
        .remove("platform");
    assert!(validate_statement(&statement).is_ok());
    let mut normalized = statement.clone();
    normalize_context_activities(&mut normalized);
    for key in ["parent", "grouping", "category", "other"] {
        assert_eq!(
            normalized["context"]["contextActivities"][key],
            json!([single.clone()]),
            "{key}"
        );
    }
    assert_eq!(
        normalized["object"]["context"]["contextActivities"]["other"],
        json!([single])
    );
    assert!(same_statement(&statement, &normalized));
}

/// Data 4.6: durations are compared to 0.01 s — truncated, not rounded.
#[test]
fn durations_compare_to_the_hundredth_of_a_second() {
    for (given, compared) in [
        ("P1DT12H36M0.1237S", "P1DT12H36M0.12S"),
        ("P1DT12H36M0.12567S", "P1DT12H36M0.12S"),
        ("PT0.129S", "PT0.12S"),
        ("PT2.50S", "PT2.5S"),
        ("PT3.001S", "PT3S"),
        ("PT3S", "PT3S"),
        ("PT1H30M", "PT1H30M"),
        ("P3W", "P3W"),
        ("PT.5S", "PT.5S"),
    ] {
        assert_eq!(duration_to_hundredths(given), compared, "{given}");
    }
    let lasting = |duration: &str| with(completed(), "/result/duration", json!(duration));
    assert!(same_statement(
        &lasting("P1DT12H36M0.1237S"),
        &lasting("P1DT12H36M0.12S")
    ));
    assert!(!same_statement(&lasting("PT0.129S"), &lasting("PT0.13S")));
}

#[test]
fn the_verb_id_is_an_iri_and_display_a_language_map() {
    let bad_id = with(completed(), "/verb", json!({ "id": "completed" }));
    assert_eq!(problem(&bad_id), ("verb.id".into(), "not_an_iri"));
    let bad_display = with(completed(), "/verb/display", json!({ "not a tag": "x" }));
    assert_eq!(
        problem(&bad_display),
        ("verb.display.not a tag".into(), "not_a_language_tag")
    );
}

#[test]
fn unknown_properties_are_refused_at_every_level() {
    assert_eq!(
        problem(&with(completed(), "/extra", json!(1))),
        ("extra".into(), "unknown_property")
    );
    assert_eq!(
        problem(&with(completed(), "/result/grade", json!("A"))),
        ("result.grade".into(), "unknown_property")
    );
    assert_eq!(
        problem(&with(
            completed(),
            "/object/definition/colour",
            json!("red")
        )),
        ("object.definition.colour".into(), "unknown_property")
    );
}

#[test]
fn scores_respect_their_ranges() {
    let cases = [
        (
            json!({ "scaled": 1.5 }),
            "result.score.scaled",
            "scaled_out_of_range",
        ),
        (
            json!({ "scaled": -1.01 }),
            "result.score.scaled",
            "scaled_out_of_range",
        ),
        (
            json!({ "raw": 120, "min": 0, "max": 100 }),
            "result.score.raw",
            "raw_outside_min_max",
        ),
        (
            json!({ "min": 10, "max": 10 }),
            "result.score.min",
            "min_not_below_max",
        ),
        (json!({ "raw": "85" }), "result.score.raw", "not_a_number"),
    ];
    for (score, path, code) in cases {
        assert_eq!(
            problem(&with(completed(), "/result/score", score)),
            (path.to_owned(), code)
        );
    }
    // The boundaries themselves are allowed.
    let edge = with(
        completed(),
        "/result/score",
        json!({ "scaled": -1, "raw": 0, "min": 0, "max": 1 }),
    );
    assert!(validate_statement(&edge).is_ok());
}

#[test]
fn result_flags_are_booleans_and_durations_iso_8601() {
    assert_eq!(
        problem(&with(completed(), "/result/success", json!("yes"))),
        ("result.success".into(), "not_a_boolean")
    );
    assert_eq!(
        problem(&with(completed(), "/result/duration", json!("90 minutes"))),
        ("result.duration".into(), "not_a_duration")
    );
}

#[test]
fn timestamps_need_a_time_zone_and_not_minus_zero() {
    for bad in [
        "2024-04-15T10:15:00",
        "2024-04-15",
        "2024-04-15T10:15:00-00:00",
        "yesterday",
    ] {
        assert_eq!(
            problem(&with(completed(), "/timestamp", json!(bad))),
            ("timestamp".into(), "not_a_timestamp"),
            "{bad}"
        );
    }
}

#[test]
fn ids_are_uuids_and_versions_1_0_or_2_0() {
    assert_eq!(
        problem(&with(completed(), "/id", json!("42"))),
        ("id".into(), "not_a_uuid")
    );
    assert_eq!(
        problem(&with(completed(), "/version", json!("0.95"))),
        ("version".into(), "unsupported_version")
    );
    assert!(validate_statement(&with(completed(), "/version", json!("1.0.3"))).is_ok());
    assert!(validate_statement(&with(completed(), "/version", json!("2.0.0"))).is_ok());
}

#[test]
fn revision_and_platform_only_with_an_activity_object() {
    let agent_object = with(
        completed(),
        "/object",
        json!({ "objectType": "Agent", "mbox": "mailto:t@b.example" }),
    );
    assert_eq!(
        problem(&agent_object),
        ("context.platform".into(), "only_for_activity_objects")
    );
}

#[test]
fn voiding_needs_a_statement_reference() {
    let voiding = json!({
        "actor": { "mbox": "mailto:admin@clikc.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
        "object": { "objectType": "StatementRef", "id": "6690E6C9-3EF0-4ED3-8B37-7F3964730BEE" }
    });
    let facts = validate_statement(&voiding).expect("valid");
    assert_eq!(
        facts.voids.as_deref(),
        Some("6690e6c9-3ef0-4ed3-8b37-7f3964730bee")
    );
    let wrong = with(
        voiding,
        "/object",
        json!({ "id": "https://clikc.example/x" }),
    );
    assert_eq!(
        problem(&wrong),
        ("object".into(), "voiding_needs_statement_ref")
    );
}

#[test]
fn sub_statements_cannot_nest_or_carry_an_id() {
    let sub = json!({
        "objectType": "SubStatement",
        "actor": { "mbox": "mailto:a@b.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/attempted" },
        "object": { "id": "https://clikc.example/x" }
    });
    // (The base statement's context names a platform, allowed only with an
    // activity object, so it is left out here.)
    assert!(
        validate_statement(&with(
            without(completed(), "/context"),
            "/object",
            sub.clone()
        ))
        .is_ok()
    );
    let with_id = with(
        sub.clone(),
        "/id",
        json!("6690e6c9-3ef0-4ed3-8b37-7f3964730bee"),
    );
    assert_eq!(
        problem(&with(without(completed(), "/context"), "/object", with_id)),
        ("object.id".into(), "unknown_property")
    );
    let nested = with(sub.clone(), "/object", sub);
    assert_eq!(
        problem(&with(without(completed(), "/context"), "/object", nested)),
        ("object.object".into(), "substatement_cannot_nest")
    );
}

#[test]
fn attachments_need_a_sha2_digest_and_signatures_are_octet_streams() {
    let attachment = json!([{
        "usageType": "http://adlnet.gov/expapi/attachments/signature",
        "display": { "en": "Signature" },
        "contentType": "application/octet-stream",
        "length": 4235,
        "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634"
    }]);
    // No fileUrl: valid data; the payload is the LRS's business.
    assert!(validate_statement(&with(completed(), "/attachments", attachment.clone())).is_ok());
    let mut linked = attachment.clone();
    linked[0]["fileUrl"] = json!("https://clikc.example/files/1");
    assert!(validate_statement(&with(completed(), "/attachments", linked)).is_ok());
    let mut not_hex = attachment.clone();
    not_hex[0]["sha2"] = json!("not-a-digest");
    assert_eq!(
        problem(&with(completed(), "/attachments", not_hex)),
        ("attachments[0].sha2".into(), "not_a_sha2_hash")
    );
    let mut signature_as_text = attachment.clone();
    signature_as_text[0]["contentType"] = json!("text/plain");
    assert_eq!(
        problem(&with(completed(), "/attachments", signature_as_text)),
        (
            "attachments[0].contentType".into(),
            "signature_must_be_octet_stream"
        )
    );
    let mut bad_url = attachment;
    bad_url[0]["fileUrl"] = json!("not a url");
    assert_eq!(
        problem(&with(completed(), "/attachments", bad_url)),
        ("attachments[0].fileUrl".into(), "not_an_iri")
    );
}

#[test]
fn context_agents_and_groups_of_xapi_2_0_are_checked() {
    let ok = with(
        completed(),
        "/context/contextAgents",
        json!([{ "objectType": "contextAgent", "agent": { "mbox": "mailto:t@b.example" }, "relevantTypes": ["https://w3id.org/xapi/roles/instructor"] }]),
    );
    assert!(validate_statement(&ok).is_ok());
    let wrong = with(
        completed(),
        "/context/contextAgents",
        json!([{ "objectType": "Agent", "agent": { "mbox": "mailto:t@b.example" } }]),
    );
    assert_eq!(
        problem(&wrong),
        (
            "context.contextAgents[0].objectType".into(),
            "wrong_object_type"
        )
    );
}

#[test]
fn comparison_ignores_what_the_lrs_sets_and_member_order_and_id_case() {
    let a = completed();
    let mut b = with(a.clone(), "/stored", json!("2024-04-15T09:00:00Z"));
    b = with(b, "/timestamp", json!("2024-04-16T10:15:00Z"));
    b = with(b, "/version", json!("2.0.0"));
    b = with(
        b,
        "/authority",
        json!({ "mbox": "mailto:lrs@gedhub.example" }),
    );
    b = with(b, "/id", json!("6690E6C9-3EF0-4ED3-8B37-7F3964730BEE"));
    assert!(same_statement(&a, &b));
    let other_verb = with(
        a.clone(),
        "/verb",
        json!({ "id": "http://adlnet.gov/expapi/verbs/passed" }),
    );
    assert!(!same_statement(&a, &other_verb));

    let group = |members: Value| {
        with(
            a.clone(),
            "/actor",
            json!({ "objectType": "Group", "member": members }),
        )
    };
    let one = json!({ "mbox": "mailto:one@b.example" });
    let two = json!({ "mbox": "mailto:two@b.example" });
    assert_eq!(
        comparable(&group(json!([one.clone(), two.clone()]))),
        comparable(&group(json!([two, one])))
    );
}

#[test]
fn shapes_of_iris_uuids_tags_durations_and_timestamps() {
    assert!(is_iri("https://clikc.wcoomd.org/course/view.php?id=1"));
    assert!(is_iri("urn:uuid:6690e6c9-3ef0-4ed3-8b37-7f3964730bee"));
    assert!(!is_iri("clikc.wcoomd.org/course"));
    assert!(!is_iri("http://a b"));
    assert!(is_uuid("6690E6C9-3ef0-4ed3-8b37-7f3964730bee"));
    assert!(!is_uuid("6690e6c9-3ef0-4ed3-8b37-7f3964730be"));
    assert!(is_language_tag("en-US") && is_language_tag("fr") && is_language_tag("zh-Hant-TW"));
    assert!(!is_language_tag("") && !is_language_tag("en_US") && !is_language_tag("1en"));
    for ok in ["PT1H30M", "P1DT12H", "PT0.5S", "P3W", "P1Y2M3D"] {
        assert!(is_duration(ok), "{ok}");
    }
    for bad in ["P", "PT", "1H", "PT1H30", "P1M1Y", "PT1.H"] {
        assert!(!is_duration(bad), "{bad}");
    }
    assert!(is_timestamp("2024-04-15T10:15:00Z") && is_timestamp("2024-04-15T10:15:00.123+02:00"));
}

proptest! {
    /// Whatever JSON arrives, validation answers without panicking, and a
    /// statement it accepts has a verb that is an IRI.
    #[test]
    fn validation_never_panics(text in "\\PC{0,200}") {
        if let Ok(value) = serde_json::from_str::<Value>(&text)
            && let Ok(facts) = validate_statement(&value) {
                prop_assert!(is_iri(&facts.verb));
            }
    }

    /// Truncating to hundredths keeps a valid duration valid, and doing it
    /// twice changes nothing more.
    #[test]
    fn hundredths_are_a_fixed_point(hours in 0u32..100, seconds in 0u32..60, fraction in "[0-9]{0,6}") {
        let duration = if fraction.is_empty() {
            format!("PT{hours}H{seconds}S")
        } else {
            format!("PT{hours}H{seconds}.{fraction}S")
        };
        prop_assert!(is_duration(&duration));
        let once = duration_to_hundredths(&duration);
        prop_assert!(is_duration(&once), "{}", once);
        prop_assert_eq!(duration_to_hundredths(&once), once.clone());
    }

    /// Comparison is unaffected by the properties the LRS sets.
    #[test]
    fn stored_and_authority_never_change_sameness(stored in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z") {
        let a = completed();
        let b = with(with(a.clone(), "/stored", json!(stored)), "/authority", json!({ "mbox": "mailto:x@y.example" }));
        prop_assert!(same_statement(&a, &b));
    }
}
