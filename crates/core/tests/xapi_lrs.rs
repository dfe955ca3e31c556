//! The pure parts of the LRS's statements resource: the `multipart/mixed`
//! envelope, signed statements' JWS checks, `canonical` language selection
//! and the broad matches of `related_agents`/`related_activities`.

use base64::Engine;
use gedhub_core::xapi::multipart::{self, MultipartError, Part};
use gedhub_core::xapi::query::{
    agent_is_actor_or_object, attachment_hashes, best_language, canonicalize, mentions_activity,
    mentions_agent,
};
use gedhub_core::xapi::signature;
use serde_json::{Value, json};

fn statement() -> Value {
    json!({
        "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        "actor": { "objectType": "Agent", "mbox": "mailto:awa@douanes.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/completed",
                  "display": { "en-US": "completed", "en-GB": "completed", "fr": "a terminé" } },
        "object": { "id": "https://clikc.example/course/412",
                    "definition": { "name": { "en-US": "Module", "fr": "Module FR" },
                                    "description": { "en-US": "About", "fr": "À propos" },
                                    "extensions": { "http://x.example/e": { "name": { "en": "kept", "fr": "kept" } } } } },
        "context": {
            "instructor": { "objectType": "Agent", "mbox": "mailto:teacher@wco.example" },
            "team": { "objectType": "Group", "member": [{ "mbox": "mailto:mate@wco.example" }] },
            "contextActivities": { "category": { "id": "https://clikc.example/category/ged" },
                                   "parent": [{ "id": "https://clikc.example/programme" }] },
            "contextAgents": [{ "objectType": "contextAgent", "agent": { "mbox": "mailto:observer@wco.example" } }]
        }
    })
}

// ---- multipart/mixed ----

#[test]
fn the_boundary_is_read_quoted_or_not() {
    assert_eq!(
        multipart::boundary("multipart/mixed; boundary=abc123").as_deref(),
        Some("abc123")
    );
    assert_eq!(
        multipart::boundary("multipart/mixed; charset=x; Boundary=\"-------3141\"").as_deref(),
        Some("-------3141")
    );
    assert_eq!(multipart::boundary("multipart/mixed"), None);
    assert_eq!(
        multipart::media_type("Application/JSON; charset=utf-8"),
        "application/json"
    );
}

#[test]
fn parts_keep_their_headers_and_exact_bytes() {
    let body = b"preamble\r\n--b0\r\nContent-Type: application/json\r\n\r\n[{\"a\":1}]\r\n--b0\r\n\
content-type: text/plain\r\nX-Experience-API-Hash: AB12\r\nContent-Transfer-Encoding: binary\r\n\r\n\
line one\r\nline two\r\n\r\n--b0--\r\nepilogue";
    let parts = multipart::parse(body, "b0").expect("parsed");
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].media_type().as_deref(), Some("application/json"));
    assert_eq!(parts[0].body, b"[{\"a\":1}]");
    assert_eq!(parts[1].header("x-experience-api-hash"), Some("AB12"));
    assert_eq!(parts[1].header("content-transfer-encoding"), Some("binary"));
    // Trailing CRLFs inside the payload are the payload's.
    assert_eq!(parts[1].body, b"line one\r\nline two\r\n");
}

#[test]
fn a_body_that_is_not_an_envelope_is_refused() {
    assert_eq!(
        multipart::parse(b"{\"not\":\"multipart\"}", "b0"),
        Err(MultipartError::NoFirstBoundary)
    );
    assert_eq!(
        multipart::parse(b"--b0\r\nContent-Type: application/json\r\n\r\n{}", "b0"),
        Err(MultipartError::Unterminated)
    );
    assert_eq!(
        multipart::parse(b"--b0\r\nno colon here\r\n\r\n{}\r\n--b0--", "b0"),
        Err(MultipartError::BadHeaders)
    );
}

#[test]
fn written_parts_read_back_the_same() {
    let parts = vec![
        Part {
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: b"{\"statements\":[]}".to_vec(),
        },
        Part {
            headers: vec![
                ("Content-Type".into(), "application/octet-stream".into()),
                ("X-Experience-API-Hash".into(), "00ff".into()),
            ],
            body: vec![0, 1, 2, 13, 10, 255],
        },
    ];
    let written = multipart::write(&parts, "zz9");
    let read = multipart::parse(&written, "zz9").expect("parsed");
    assert_eq!(read.len(), 2);
    assert_eq!(read[1].body, parts[1].body);
    assert_eq!(read[1].header("x-experience-api-hash"), Some("00ff"));
}

// ---- signed statements ----

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn jws(header: &Value, payload: &Value) -> Vec<u8> {
    format!(
        "{}.{}.{}",
        b64(header.to_string().as_bytes()),
        b64(payload.to_string().as_bytes()),
        b64(b"not-checked-here")
    )
    .into_bytes()
}

#[test]
fn a_jws_whose_payload_is_the_statement_is_accepted() {
    let original = statement();
    let mut received = original.clone();
    // What the LRS may add or the sender appends after signing is ignored.
    received["attachments"] = json!([{ "usageType": signature::SIGNATURE_USAGE }]);
    received["stored"] = json!("2024-04-15T10:15:00Z");
    received["authority"] = json!({ "mbox": "mailto:lms@wco.example" });
    received["version"] = json!("2.0.0");
    let decoded =
        signature::check(&jws(&json!({"alg": "RS256"}), &original), &received).expect("matches");
    assert_eq!(decoded.algorithm(), "RS256");
    // A signer that left the id to the LRS.
    let mut without_id = original;
    without_id.as_object_mut().expect("object").remove("id");
    assert!(signature::check(&jws(&json!({"alg": "RS512"}), &without_id), &received).is_ok());
}

#[test]
fn a_tampered_payload_is_refused() {
    let mut signed = statement();
    signed["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/failed");
    assert_eq!(
        signature::check(&jws(&json!({"alg": "RS256"}), &signed), &statement()),
        Err("signature_payload_mismatch")
    );
}

#[test]
fn malformed_signatures_are_refused() {
    let s = statement();
    assert_eq!(
        signature::check(b"only.two", &s).map(|_| ()),
        Err("signature_not_compact_jws")
    );
    assert_eq!(
        signature::check(b"!!.@@.##", &s).map(|_| ()),
        Err("signature_not_compact_jws")
    );
    assert_eq!(
        signature::check(&jws(&json!({"alg": "HS256"}), &s), &s).map(|_| ()),
        Err("signature_algorithm_not_allowed")
    );
    assert_eq!(
        signature::check(&jws(&json!({"alg": "none"}), &s), &s).map(|_| ()),
        Err("signature_algorithm_not_allowed")
    );
    let not_json = format!(
        "{}.{}.{}",
        b64(b"{\"alg\":\"RS256\"}"),
        b64(b"nope"),
        b64(b"sig")
    );
    assert_eq!(
        signature::check(not_json.as_bytes(), &s).map(|_| ()),
        Err("signature_payload_not_a_statement")
    );
    let unsigned = format!(
        "{}.{}.",
        b64(b"{\"alg\":\"RS256\"}"),
        b64(s.to_string().as_bytes())
    );
    assert_eq!(
        signature::check(unsigned.as_bytes(), &s).map(|_| ()),
        Err("signature_missing")
    );
}

// ---- canonical ----

#[test]
fn the_best_language_follows_accept_language() {
    let tags = ["en-US", "en-GB", "fr"];
    assert_eq!(best_language(&tags, "en-GB"), Some("en-GB"));
    assert_eq!(best_language(&tags, "fr-CA, en;q=0.5"), Some("fr"));
    assert_eq!(best_language(&tags, "de, en-gb;q=0.8"), Some("en-GB"));
    assert_eq!(best_language(&tags, "en"), Some("en-US"));
    assert_eq!(best_language(&tags, "de"), Some("en-US"));
    assert_eq!(best_language(&tags, ""), Some("en-US"));
    assert_eq!(best_language(&["fr", "es"], "*"), Some("fr"));
}

#[test]
fn canonical_keeps_one_language_per_map_but_not_in_extensions() {
    let mut s = statement();
    canonicalize(&mut s, "en-GB");
    assert_eq!(s["verb"]["display"], json!({ "en-GB": "completed" }));
    assert_eq!(
        s["object"]["definition"]["name"],
        json!({ "en-US": "Module" })
    );
    assert_eq!(
        s["object"]["definition"]["description"],
        json!({ "en-US": "About" })
    );
    assert_eq!(
        s["object"]["definition"]["extensions"]["http://x.example/e"]["name"],
        json!({ "en": "kept", "fr": "kept" })
    );
    let mut french = statement();
    canonicalize(&mut french, "fr-FR;q=0.9, de;q=0.1");
    assert_eq!(french["verb"]["display"], json!({ "fr": "a terminé" }));
}

// ---- related agents and activities ----

#[test]
fn related_agents_reach_context_teams_and_substatements() {
    let s = statement();
    for key in [
        "mbox:mailto:awa@douanes.example",
        "mbox:mailto:teacher@wco.example",
        "mbox:mailto:mate@wco.example",
        "mbox:mailto:observer@wco.example",
    ] {
        assert!(mentions_agent(&s, key), "{key}");
    }
    assert!(!mentions_agent(&s, "mbox:mailto:nobody@wco.example"));
    assert!(agent_is_actor_or_object(
        &s,
        "mbox:mailto:awa@douanes.example"
    ));
    assert!(!agent_is_actor_or_object(
        &s,
        "mbox:mailto:teacher@wco.example"
    ));
    let sub = json!({
        "actor": { "mbox": "mailto:lms@wco.example" },
        "verb": { "id": "http://example.com/planned" },
        "object": { "objectType": "SubStatement", "actor": { "mbox": "mailto:inner@wco.example" },
                    "verb": { "id": "http://example.com/do" }, "object": { "id": "http://example.com/inner" },
                    "context": { "contextActivities": { "other": [{ "id": "http://example.com/other" }] } } }
    });
    assert!(mentions_agent(&sub, "mbox:mailto:inner@wco.example"));
    assert!(mentions_activity(&sub, "http://example.com/inner"));
    assert!(mentions_activity(&sub, "http://example.com/other"));
}

#[test]
fn related_activities_reach_every_context_list() {
    let s = statement();
    for id in [
        "https://clikc.example/course/412",
        "https://clikc.example/category/ged",
        "https://clikc.example/programme",
    ] {
        assert!(mentions_activity(&s, id), "{id}");
    }
    assert!(!mentions_activity(&s, "https://clikc.example/other"));
}

#[test]
fn attachments_without_a_file_url_or_signing_need_their_payload() {
    let mut s = statement();
    s["attachments"] = json!([
        { "sha2": "AA", "fileUrl": "http://x.example/f" },
        { "sha2": "bb" },
        { "sha2": "cc", "fileUrl": "http://x.example/s", "usageType": signature::SIGNATURE_USAGE }
    ]);
    assert_eq!(
        attachment_hashes(&s),
        vec![
            ("aa".into(), false),
            ("bb".into(), true),
            ("cc".into(), true)
        ]
    );
}

#[test]
fn the_ids_format_keeps_only_identifiers() {
    let mut s = json!({
        "actor": { "objectType": "Group", "name": "Team", "member": [{ "name": "A", "mbox": "mailto:a@x.example" }] },
        "verb": { "id": "http://example.com/v", "display": { "en": "v" } },
        "object": { "objectType": "SubStatement",
                    "actor": { "objectType": "Group", "name": "G", "mbox": "mailto:g@x.example",
                               "member": [{ "mbox": "mailto:b@x.example" }] },
                    "verb": { "id": "http://example.com/w", "display": { "en": "w" } },
                    "object": { "objectType": "Activity", "id": "http://example.com/a",
                                "definition": { "name": { "en": "A" } } } },
        "context": { "instructor": { "name": "I", "mbox": "mailto:i@x.example" },
                     "contextActivities": { "parent": { "id": "http://example.com/p", "definition": {} } } }
    });
    gedhub_core::xapi::query::ids_only(&mut s);
    assert_eq!(
        s["actor"],
        json!({ "objectType": "Group", "member": [{ "mbox": "mailto:a@x.example" }] })
    );
    assert_eq!(s["verb"], json!({ "id": "http://example.com/v" }));
    assert_eq!(
        s["object"]["actor"],
        json!({ "objectType": "Group", "mbox": "mailto:g@x.example" })
    );
    assert_eq!(
        s["object"]["object"],
        json!({ "id": "http://example.com/a" })
    );
    assert_eq!(
        s["context"]["instructor"],
        json!({ "mbox": "mailto:i@x.example" })
    );
    assert_eq!(
        s["context"]["contextActivities"]["parent"],
        json!({ "id": "http://example.com/p" })
    );
}

#[test]
fn the_rsa_key_is_read_from_a_der_certificate() {
    let certificate = base64::engine::general_purpose::STANDARD
        .decode(include_str!("../../web/tests/http/fixtures/xapi-signer-cert.b64").trim())
        .expect("base64");
    let key = signature::certificate_rsa_key(&certificate).expect("an RSA key");
    // RSAPublicKey ::= SEQUENCE { modulus (2048 bits), publicExponent }
    assert_eq!(key[0], 0x30);
    assert!(key.len() > 256 && key.len() < 300, "{}", key.len());
    assert_eq!(signature::certificate_rsa_key(b"not DER"), None);
    assert_eq!(signature::certificate_rsa_key(&certificate[..100]), None);
    let header = json!({ "alg": "RS256", "x5c": ["%%%"] });
    let decoded = signature::decode(&jws(&header, &statement())).expect("decoded");
    assert_eq!(
        signature::signer_certificate(&decoded),
        Some(Err("signature_x5c_malformed"))
    );
}
