//! The statement-resource requirements of xAPI 2.0 that ADL's LRS
//! conformance test suite checks beyond the basics in `elearning.rs`:
//! attachments sent as `multipart/mixed` and returned with
//! `attachments=true`, signed statements, `related_agents` and
//! `related_activities`, the `canonical` and `ids` formats,
//! `X-Experience-API-Consistent-Through` on errors, HEAD, and the removed
//! Alternate Request Syntax.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use base64::Engine;
use gedhub_core::Role;
use serde_json::{Value, json};
use sha2::Digest;

use crate::support::{TestApp, TestResponse};

const BOUNDARY: &str = "-------314159265358979323846";

pub(crate) struct Lrs {
    pub(crate) app: TestApp,
    pub(crate) basic: String,
}

pub(crate) async fn lrs() -> Lrs {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    let staff = app.sign_in("staff@wco.test").await;
    let issued = app
        .json(
            Method::POST,
            "/api/v1/lrs-credentials",
            Some(&staff),
            r#"{"name":"CLiKC! (Moodle)"}"#,
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
    let credentials = issued.json();
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            credentials["key"].as_str().expect("key"),
            credentials["secret"].as_str().expect("secret")
        ))
    );
    Lrs { app, basic }
}

impl Lrs {
    /// Any LRS request: `path` under `/xapi` (query included), with the
    /// LRS credentials, `version` as X-Experience-API-Version (none when
    /// empty), and `extra` headers.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        version: &str,
        content_type: &str,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = TestApp::request(method, &format!("/xapi{path}"), None)
            .header(header::AUTHORIZATION, &self.basic);
        if !version.is_empty() {
            request = request.header("X-Experience-API-Version", version);
        }
        if !content_type.is_empty() {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        self.app
            .send(request.body(Body::from(body)).expect("request"))
            .await
    }

    async fn send(
        &self,
        method: Method,
        query: &str,
        content_type: &str,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = TestApp::request(method, &format!("/xapi/statements{query}"), None)
            .header("X-Experience-API-Version", "2.0.0")
            .header(header::AUTHORIZATION, &self.basic);
        if !content_type.is_empty() {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        self.app
            .send(request.body(Body::from(body)).expect("request"))
            .await
    }

    pub(crate) async fn post_json(&self, body: &Value) -> TestResponse {
        self.send(
            Method::POST,
            "",
            "application/json",
            body.to_string().into_bytes(),
            &[],
        )
        .await
    }

    async fn post_multipart(&self, statements: &Value, parts: &[(&str, &[u8])]) -> TestResponse {
        self.send(
            Method::POST,
            "",
            &format!("multipart/mixed; boundary={BOUNDARY}"),
            multipart(statements, parts, true),
            &[],
        )
        .await
    }

    async fn get(&self, query: &str, extra: &[(&str, &str)]) -> TestResponse {
        self.send(Method::GET, query, "", Vec::new(), extra).await
    }
}

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A request body as the conformance suite writes it: the statements, then
/// one part per (hash, payload), each with `Content-Transfer-Encoding:
/// binary` when `binary` is set.
fn multipart(statements: &Value, parts: &[(&str, &[u8])], binary: bool) -> Vec<u8> {
    let mut body =
        format!("--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{statements}\r\n")
            .into_bytes();
    for (hash, payload) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Type: text/plain\r\n").as_bytes());
        if binary {
            body.extend_from_slice(b"Content-Transfer-Encoding: binary\r\n");
        }
        body.extend_from_slice(format!("X-Experience-API-Hash: {hash}\r\n\r\n").as_bytes());
        body.extend_from_slice(payload);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub(crate) fn statement() -> Value {
    json!({
        "actor": { "objectType": "Agent", "name": "Awa", "mbox": "mailto:awa@douanes.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/attended",
                  "display": { "en-GB": "attended", "en-US": "attended", "fr": "a assisté" } },
        "object": { "id": "http://www.example.com/meetings/occurances/34534",
                    "definition": { "name": { "en-GB": "meeting", "en-US": "meeting", "fr": "réunion" },
                                    "type": "http://adlnet.gov/expapi/activities/meeting" } },
        "context": {
            "instructor": { "objectType": "Agent", "name": "xAPI mbox", "mbox": "mailto:pri@adlnet.gov" },
            "contextActivities": { "category": { "id": "http://www.example.com/test/array/statements/pri",
                                                 "definition": { "name": { "en-GB": "cat", "en-US": "cat" } } } }
        }
    })
}

fn attachment(payload: &[u8], file_url: Option<&str>) -> Value {
    let mut value = json!({
        "usageType": "http://example.com/attachment-usage/test",
        "display": { "en-US": "A test attachment" },
        "contentType": "text/plain",
        "length": payload.len(),
        "sha2": sha256(payload)
    });
    if let Some(url) = file_url {
        value["fileUrl"] = json!(url);
    }
    value
}

fn with_attachments(attachments: Value) -> Value {
    let mut s = statement();
    s["attachments"] = attachments;
    s
}

#[tokio::test]
async fn attachments_travel_as_multipart_and_come_back_with_attachments_true() {
    let lrs = lrs().await;
    let one = b"here is a simple attachment";
    let two = b"here is another simple attachment\r\nwith a line break\r\n";
    let s = with_attachments(json!([attachment(one, None), attachment(two, None)]));
    let posted = lrs
        .post_multipart(&s, &[(&sha256(one), one), (&sha256(two), two)])
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let id = posted.json()[0].as_str().expect("id").to_owned();

    // Without attachments=true (or with false): JSON only.
    for query in [
        format!("?statementId={id}"),
        format!("?statementId={id}&attachments=false"),
    ] {
        let plain = lrs.get(&query, &[]).await;
        assert_eq!(plain.status, StatusCode::OK, "{}", plain.body);
        assert!(plain.header("content-type").starts_with("application/json"));
        assert!(!plain.body.contains("here is a simple attachment"));
    }

    let full = lrs
        .get(&format!("?statementId={id}&attachments=true"), &[])
        .await;
    assert_eq!(full.status, StatusCode::OK, "{}", full.body);
    let content_type = full.header("content-type");
    let boundary = content_type
        .strip_prefix("multipart/mixed; boundary=")
        .expect("multipart/mixed with a boundary");
    let parts =
        gedhub_core::xapi::multipart::parse(full.body.as_bytes(), boundary).expect("multipart");
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].media_type().as_deref(), Some("application/json"));
    let returned: Value = serde_json::from_slice(&parts[0].body).expect("json");
    assert_eq!(returned["id"], json!(id));
    for (part, payload) in parts[1..].iter().zip([&one[..], &two[..]]) {
        assert_eq!(part.body, payload);
        assert_eq!(
            part.header("x-experience-api-hash"),
            Some(sha256(payload).as_str())
        );
        assert_eq!(part.header("content-transfer-encoding"), Some("binary"));
        assert_eq!(part.header("content-type"), Some("text/plain"));
    }
    // Each digest twice: in the statement and on its part.
    assert_eq!(full.body.matches(&sha256(one)).count(), 2);

    // A query page with attachments=true: the StatementResult first.
    let page = lrs.get("?attachments=true", &[]).await;
    let boundary = page
        .header("content-type")
        .strip_prefix("multipart/mixed; boundary=")
        .expect("multipart")
        .to_owned();
    let parts =
        gedhub_core::xapi::multipart::parse(page.body.as_bytes(), &boundary).expect("parts");
    let result: Value = serde_json::from_slice(&parts[0].body).expect("json");
    assert_eq!(result["statements"].as_array().map(Vec::len), Some(1));
    assert_eq!(parts.len(), 3);
}

#[tokio::test]
async fn the_same_payload_twice_is_stored_once_and_file_urls_need_no_part() {
    let lrs = lrs().await;
    let payload = b"shared certificate";
    let hash = sha256(payload);
    let batch = json!([
        with_attachments(json!([attachment(payload, None)])),
        with_attachments(json!([attachment(payload, None)]))
    ]);
    let posted = lrs.post_multipart(&batch, &[(&hash, payload)]).await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let again = lrs.post_multipart(&batch[0], &[(&hash, payload)]).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);

    // All attachments with a fileUrl: plain JSON is enough…
    let linked = with_attachments(json!([attachment(
        b"elsewhere",
        Some("http://over.there.com/file.txt")
    )]));
    let plain = lrs.post_json(&linked).await;
    assert_eq!(plain.status, StatusCode::OK, "{}", plain.body);
    // …and a part may still bring the payload, which GET then returns.
    let brought = b"brought along";
    let linked = with_attachments(json!([attachment(
        brought,
        Some("http://over.there.com/b.txt")
    )]));
    let posted = lrs
        .post_multipart(&linked, &[(&sha256(brought), brought)])
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let id = posted.json()[0].as_str().expect("id").to_owned();
    let full = lrs
        .get(&format!("?statementId={id}&attachments=true"), &[])
        .await;
    assert!(full.body.contains("brought along"), "{}", full.body);
}

#[tokio::test]
async fn attachment_parts_must_match_the_statements() {
    let lrs = lrs().await;
    let payload = b"the payload";
    let hash = sha256(payload);
    let s = with_attachments(json!([attachment(payload, None)]));

    // No part for an attachment without fileUrl: as JSON or as multipart.
    let missing = lrs.post_json(&s).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.error_code(), "attachment_payload_missing");
    let missing = lrs.post_multipart(&s, &[]).await;
    assert_eq!(missing.error_code(), "attachment_payload_missing");

    // A part whose bytes do not have the digest it names.
    let wrong = lrs.post_multipart(&s, &[(&hash, b"other bytes")]).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.error_code(), "attachment_hash_mismatch");

    // A part no attachment declares.
    let extra = b"nobody asked";
    let unreferenced = lrs
        .post_multipart(&s, &[(&hash, payload), (&sha256(extra), extra)])
        .await;
    assert_eq!(unreferenced.status, StatusCode::BAD_REQUEST);
    assert_eq!(unreferenced.error_code(), "attachment_part_unreferenced");

    // Parts need Content-Transfer-Encoding: binary.
    let encoded = lrs
        .send(
            Method::POST,
            "",
            &format!("multipart/mixed; boundary={BOUNDARY}"),
            multipart(&s, &[(&hash, payload)], false),
            &[],
        )
        .await;
    assert_eq!(encoded.error_code(), "attachment_encoding_not_binary");

    // The statements part must come first, as JSON; the envelope must close.
    let mut body = multipart(&s, &[(&hash, payload)], true);
    body.truncate(body.len() - 8);
    let open = lrs
        .send(
            Method::POST,
            "",
            &format!("multipart/mixed; boundary={BOUNDARY}"),
            body,
            &[],
        )
        .await;
    assert_eq!(open.status, StatusCode::BAD_REQUEST);
    let no_boundary = lrs
        .send(
            Method::POST,
            "",
            "multipart/mixed",
            multipart(&s, &[], true),
            &[],
        )
        .await;
    assert_eq!(no_boundary.error_code(), "multipart_boundary_missing");

    // PUT follows the same rules.
    let put = lrs
        .send(
            Method::PUT,
            "?statementId=2f7c4c2e-3a87-4d0c-9d6f-5c1e3f0a9b11",
            &format!("multipart/mixed; boundary={BOUNDARY}"),
            multipart(&s, &[(&hash, payload)], true),
            &[],
        )
        .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.body);

    // Nothing refused above was stored.
    let all = lrs.get("", &[]).await;
    assert_eq!(all.json()["statements"].as_array().map(Vec::len), Some(1));
}

fn jws(header: &Value, payload: &Value) -> Vec<u8> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    format!(
        "{}.{}.{}",
        b64(header.to_string().as_bytes()),
        b64(payload.to_string().as_bytes()),
        b64(b"signature bytes")
    )
    .into_bytes()
}

fn signed(original: &Value, token: &[u8]) -> Value {
    let mut s = original.clone();
    s["attachments"] = json!([{
        "usageType": "http://adlnet.gov/expapi/attachments/signature",
        "display": { "en-US": "Signature" },
        "contentType": "application/octet-stream",
        "length": token.len(),
        "sha2": sha256(token)
    }]);
    s
}

async fn post_signed(lrs: &Lrs, original: &Value, token: &[u8]) -> TestResponse {
    let s = signed(original, token);
    lrs.send(
        Method::POST,
        "",
        &format!("multipart/mixed; boundary={BOUNDARY}"),
        {
            let mut body = format!(
                "--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{s}\r\n--{BOUNDARY}\r\n\
Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\
X-Experience-API-Hash: {}\r\n\r\n",
                sha256(token)
            )
            .into_bytes();
            body.extend_from_slice(token);
            body.extend_from_slice(format!("\r\n--{BOUNDARY}--").as_bytes());
            body
        },
        &[],
    )
    .await
}

#[tokio::test]
async fn signed_statements_are_checked_against_their_jws() {
    let lrs = lrs().await;
    let mut original = statement();
    original["id"] = json!("8a3c1f0e-5b2d-4e6f-9a7b-1c2d3e4f5a6b");

    let good = post_signed(&lrs, &original, &jws(&json!({"alg": "RS256"}), &original)).await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);

    let mut other = statement();
    other["id"] = json!("9b4d2a1f-6c3e-4f70-8b8c-2d3e4f5a6b7c");
    let mut tampered = other.clone();
    tampered["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/failed");
    let refused = post_signed(&lrs, &other, &jws(&json!({"alg": "RS256"}), &tampered)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.error_code(), "invalid_signature");
    assert!(
        refused.body.contains("signature_payload_mismatch"),
        "{}",
        refused.body
    );

    let weak = post_signed(&lrs, &other, &jws(&json!({"alg": "HS256"}), &other)).await;
    assert_eq!(weak.error_code(), "invalid_signature");
    let garbage = post_signed(&lrs, &other, b"this is not a JWS").await;
    assert_eq!(garbage.error_code(), "invalid_signature");

    // A signature must be application/octet-stream.
    let mut as_text = signed(&other, b"x.y.z");
    as_text["attachments"][0]["contentType"] = json!("text/plain");
    let refused = lrs.post_json(&as_text).await;
    assert_eq!(refused.error_code(), "invalid_statement");
    // A signature's payload is needed even with a fileUrl.
    let mut linked = signed(&other, &jws(&json!({"alg": "RS256"}), &other));
    linked["attachments"][0]["fileUrl"] = json!("http://over.there.com/sig.jws");
    assert_eq!(
        lrs.post_json(&linked).await.error_code(),
        "attachment_payload_missing"
    );

    let gone = lrs
        .get("?statementId=9b4d2a1f-6c3e-4f70-8b8c-2d3e4f5a6b7c", &[])
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn related_agents_and_activities_widen_the_filters() {
    let lrs = lrs().await;
    let posted = lrs.post_json(&statement()).await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let mut sub = json!({
        "actor": { "mbox": "mailto:lms@wco.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/planned" },
        "object": { "objectType": "SubStatement",
                    "actor": { "mbox": "mailto:sub@adlnet.gov" },
                    "verb": { "id": "http://adlnet.gov/expapi/verbs/attended" },
                    "object": { "id": "http://www.example.com/sub" },
                    "context": { "contextActivities": { "category": [{ "id": "http://www.example.com/test/array/statements/sub" }] } } }
    });
    assert_eq!(lrs.post_json(&sub).await.status, StatusCode::OK);
    // An agent as the object counts for the exact agent filter.
    sub = json!({
        "actor": { "mbox": "mailto:lms@wco.example" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/mentored" },
        "object": { "objectType": "Agent", "mbox": "mailto:pri@adlnet.gov" }
    });
    assert_eq!(lrs.post_json(&sub).await.status, StatusCode::OK);

    let count = |r: &TestResponse| r.json()["statements"].as_array().map_or(0, Vec::len);
    let agent = |mbox: &str| {
        format!(
            "agent={}",
            urlencode(&json!({ "mbox": format!("mailto:{mbox}") }).to_string())
        )
    };
    let category = "activity=http%3A%2F%2Fwww.example.com%2Ftest%2Farray%2Fstatements%2Fpri";

    let exact = lrs.get(&format!("?{}", agent("pri@adlnet.gov")), &[]).await;
    assert_eq!(count(&exact), 1, "{}", exact.body); // the agent object only
    let broad = lrs
        .get(
            &format!("?{}&related_agents=true", agent("pri@adlnet.gov")),
            &[],
        )
        .await;
    assert_eq!(count(&broad), 2, "{}", broad.body); // and as instructor
    let inner = lrs
        .get(
            &format!("?{}&related_agents=true", agent("sub@adlnet.gov")),
            &[],
        )
        .await;
    assert_eq!(count(&inner), 1, "{}", inner.body);

    assert_eq!(count(&lrs.get(&format!("?{category}"), &[]).await), 0);
    let related = lrs
        .get(&format!("?{category}&related_activities=true"), &[])
        .await;
    assert_eq!(count(&related), 1, "{}", related.body);
    let in_sub = lrs
        .get(
            "?activity=http%3A%2F%2Fwww.example.com%2Ftest%2Farray%2Fstatements%2Fsub&related_activities=true",
            &[],
        )
        .await;
    assert_eq!(count(&in_sub), 1, "{}", in_sub.body);
    // Paging still works on the broad match.
    let first = lrs
        .get(
            &format!("?{}&related_agents=true&limit=1", agent("pri@adlnet.gov")),
            &[],
        )
        .await;
    assert_eq!(count(&first), 1);
    let more = first.json()["more"].as_str().expect("more").to_owned();
    assert!(!more.is_empty());
    let next = lrs
        .get(more.trim_start_matches("/xapi/statements"), &[])
        .await;
    assert_eq!(count(&next), 1, "{}", next.body);
    assert_eq!(next.json()["more"], json!(""));

    let bad = lrs.get("?related_agents=maybe", &[]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

pub(crate) fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)])
        .expect("encoded")
        .trim_start_matches("v=")
        .to_owned()
}

#[tokio::test]
async fn canonical_returns_one_language_and_ids_only_identifiers() {
    let lrs = lrs().await;
    let posted = lrs.post_json(&statement()).await;
    let id = posted.json()[0].as_str().expect("id").to_owned();

    let canonical = lrs
        .get(
            &format!("?statementId={id}&format=canonical"),
            &[("Accept-Language", "en-GB")],
        )
        .await;
    assert_eq!(canonical.status, StatusCode::OK, "{}", canonical.body);
    let s = canonical.json();
    assert_eq!(s["verb"]["display"], json!({ "en-GB": "attended" }));
    assert_eq!(
        s["object"]["definition"]["name"],
        json!({ "en-GB": "meeting" })
    );
    // Sent as one object, returned as a list (XAPI-00096).
    assert_eq!(
        s["context"]["contextActivities"]["category"][0]["definition"]["name"],
        json!({ "en-GB": "cat" })
    );
    let french = lrs
        .get(
            "?format=canonical",
            &[("Accept-Language", "fr-CA,fr;q=0.9")],
        )
        .await;
    assert_eq!(
        french.json()["statements"][0]["verb"]["display"],
        json!({ "fr": "a assisté" })
    );

    // Without format: exact, every language.
    let exact = lrs
        .get(
            &format!("?statementId={id}"),
            &[("Accept-Language", "en-GB")],
        )
        .await;
    assert_eq!(
        exact.json()["verb"]["display"].as_object().map(|m| m.len()),
        Some(3)
    );

    let ids = lrs.get(&format!("?statementId={id}&format=ids"), &[]).await;
    let s = ids.json();
    assert_eq!(
        s["actor"],
        json!({ "objectType": "Agent", "mbox": "mailto:awa@douanes.example" })
    );
    assert_eq!(
        s["verb"],
        json!({ "id": "http://adlnet.gov/expapi/verbs/attended" })
    );
    assert_eq!(
        s["object"],
        json!({ "id": "http://www.example.com/meetings/occurances/34534" })
    );
}

#[tokio::test]
async fn consistent_through_heads_and_removed_syntax() {
    let lrs = lrs().await;
    assert_eq!(lrs.post_json(&statement()).await.status, StatusCode::OK);

    // Consistent-Through on every GET answer, a 400 included, as ISO 8601.
    for query in [
        "",
        "?LIMIT=1",
        "?format=nonsense",
        "?statementId=00000000-0000-4000-8000-000000000000",
    ] {
        let response = lrs.get(query, &[]).await;
        let through = response.header("x-experience-api-consistent-through");
        assert!(
            chrono::DateTime::parse_from_rfc3339(&through).is_ok(),
            "{query}: {through:?}"
        );
    }
    assert_eq!(
        lrs.get("?LIMIT=1", &[]).await.status,
        StatusCode::BAD_REQUEST
    );

    // Last-Modified is the stored time, to the second.
    let page = lrs.get("", &[]).await;
    let first = &page.json()["statements"][0];
    let one = lrs
        .get(
            &format!("?statementId={}", first["id"].as_str().expect("id")),
            &[],
        )
        .await;
    let modified =
        chrono::DateTime::parse_from_rfc2822(&one.header("last-modified")).expect("http date");
    let stored = chrono::DateTime::parse_from_rfc3339(first["stored"].as_str().expect("stored"))
        .expect("stored");
    assert_eq!(modified.timestamp(), stored.timestamp());

    // HEAD answers like GET, without a body.
    let head = lrs.send(Method::HEAD, "", "", Vec::new(), &[]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert!(
        !head
            .header("x-experience-api-consistent-through")
            .is_empty()
    );
    let head = lrs
        .send(Method::HEAD, "?verb=nonsense&LIMIT=2", "", Vec::new(), &[])
        .await;
    assert_eq!(head.status, StatusCode::BAD_REQUEST);

    // The Alternate Request Syntax is gone in 2.0.
    for (method, query) in [
        (Method::POST, "?method=GET"),
        (
            Method::POST,
            "?method=PUT&statementId=6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        ),
        (
            Method::PUT,
            "?method=POST&statementId=6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        ),
    ] {
        let response = lrs
            .send(
                method,
                query,
                "application/json",
                statement().to_string().into_bytes(),
                &[],
            )
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.error_code(), "xapi_alternate_syntax_removed");
    }
    let form = lrs
        .send(
            Method::POST,
            "?method=PUT",
            "application/x-www-form-urlencoded",
            b"content=%7B%7D&statementId=6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b".to_vec(),
            &[],
        )
        .await;
    assert_eq!(form.status, StatusCode::BAD_REQUEST);
    // Only one statement was ever stored.
    assert_eq!(
        lrs.get("", &[]).await.json()["statements"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

const SIGNED_STATEMENT: &str = r#"{"id":"3b5f7e2a-9c41-4d8e-a6b0-7f1e2d3c4b5a","actor":{"objectType":"Agent","mbox":"mailto:awa@douanes.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://clikc.example/course/412"}}"#;

#[tokio::test]
async fn a_signature_with_its_certificate_must_verify() {
    let lrs = lrs().await;
    let original: Value = serde_json::from_str(SIGNED_STATEMENT).expect("json");
    let wrong = include_str!("fixtures/xapi-signed-wrong-cert.jws").trim();
    let refused = post_signed(&lrs, &original, wrong.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("signature_does_not_verify"),
        "{}",
        refused.body
    );
    // The payload intact but one signature byte changed.
    let good = include_str!("fixtures/xapi-signed-rs256.jws").trim();
    let mut flipped = good.as_bytes().to_vec();
    let last = flipped.len() - 2;
    flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
    let refused = post_signed(&lrs, &original, &flipped).await;
    assert_eq!(refused.error_code(), "invalid_signature");

    let accepted = post_signed(&lrs, &original, good.as_bytes()).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    // The same statement signed with RS512, in another LRS (a second
    // signature would be other content under the same id: 409).
    let other = self::lrs().await;
    let rs512 = include_str!("fixtures/xapi-signed-rs512.jws").trim();
    let accepted = post_signed(&other, &original, rs512.as_bytes()).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    let stored = lrs
        .get(
            "?statementId=3b5f7e2a-9c41-4d8e-a6b0-7f1e2d3c4b5a&attachments=true",
            &[],
        )
        .await;
    assert!(
        stored.body.contains(good),
        "the JWS comes back as the signature's payload"
    );
}

/// Communication 2.1.3: `X-Experience-API-Consistent-Through` is an instant
/// before which every stored statement is visible — with one database, now —
/// not the newest statement's `stored` time, which falls behind the clock
/// while nothing arrives (a client waiting for it to pass its own request
/// time would wait ever longer).
#[tokio::test]
async fn consistent_through_keeps_up_with_the_clock() {
    let lrs = lrs().await;
    assert_eq!(lrs.post_json(&statement()).await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let asked_at = chrono::Utc::now();
    for query in ["", "?statementId=00000000-0000-4000-8000-000000000000"] {
        let through = lrs
            .get(query, &[])
            .await
            .header("x-experience-api-consistent-through");
        let through = chrono::DateTime::parse_from_rfc3339(&through).expect("a timestamp");
        assert!(
            through >= asked_at,
            "{query}: consistent through {through}, asked at {asked_at}"
        );
    }
}

/// Data 2.4.9 (XAPI-00024, 00098, 00100): an invalid `authority` refuses the
/// statement instead of being silently replaced; a valid one (an Agent, or
/// an OAuth pair) is replaced by the credentials' authority.
#[tokio::test]
async fn invalid_authorities_are_refused_not_replaced() {
    let lrs = lrs().await;
    let application = json!({ "account": { "homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db" } });
    let bob = json!({ "mbox": "mailto:bob@example.com" });
    for (authority, problem) in [
        (
            json!({ "objectType": "Group", "mbox": "mailto:xapigroup@example.com",
                 "member": [{ "mbox": "mailto:agentA@example.com" }, { "mbox": "mailto:agentB@example.com" }] }),
            "authority_group_not_anonymous",
        ),
        (
            json!({ "objectType": "Group", "member": [bob.clone()] }),
            "authority_group_needs_two_agents",
        ),
        (
            json!({ "objectType": "Group", "member": [application.clone(), bob.clone(), { "mbox": "mailto:james@example.com" }] }),
            "authority_group_needs_two_agents",
        ),
        (
            json!({ "objectType": "Group", "member": [bob.clone(), { "mbox": "mailto:agentB@example.com" }] }),
            "authority_group_not_oauth",
        ),
    ] {
        let mut s = statement();
        s["authority"] = authority;
        let refused = lrs.post_json(&s).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{problem}");
        assert!(refused.body.contains(problem), "{}", refused.body);
    }
    let mut pair = statement();
    pair["id"] = json!("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    pair["authority"] = json!({ "objectType": "Group", "member": [application, bob] });
    assert_eq!(lrs.post_json(&pair).await.status, StatusCode::OK);
    let stored = lrs
        .get("?statementId=1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", &[])
        .await
        .json();
    assert_eq!(stored["authority"]["name"], json!("CLiKC! (Moodle)"));
}

/// Data 2.4.6.2 (XAPI-00096): context activities sent as one object come
/// back as arrays, in every format, in the statement and its SubStatement.
#[tokio::test]
async fn context_activities_come_back_as_arrays() {
    let lrs = lrs().await;
    let mut s = statement();
    s["id"] = json!("2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a");
    s["object"] = json!({
        "objectType": "SubStatement",
        "actor": { "mbox": "mailto:sub@example.com" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" },
        "object": { "id": "http://www.example.com/sub" },
        "context": { "contextActivities": { "parent": { "id": "http://www.example.com/parent" } } }
    });
    assert_eq!(lrs.post_json(&s).await.status, StatusCode::OK);
    for format in ["exact", "canonical", "ids"] {
        let back = lrs
            .get(
                &format!("?statementId=2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a&format={format}"),
                &[],
            )
            .await
            .json();
        let category = &back["context"]["contextActivities"]["category"];
        assert!(category.is_array(), "{format}: {category}");
        assert_eq!(
            category[0]["id"],
            json!("http://www.example.com/test/array/statements/pri")
        );
        assert_eq!(
            back["object"]["context"]["contextActivities"]["parent"],
            json!([{ "id": "http://www.example.com/parent" }]),
            "{format}"
        );
    }
    // Sent again in the array form, it is the same statement (not a conflict).
    let mut as_arrays = s.clone();
    as_arrays["context"]["contextActivities"]["category"] =
        json!([s["context"]["contextActivities"]["category"].clone()]);
    assert_eq!(lrs.post_json(&as_arrays).await.status, StatusCode::OK);
}

/// Data 2.4.4.1 (XAPI-00064): a response pattern without its interaction type.
#[tokio::test]
async fn an_interaction_without_its_type_is_refused() {
    let lrs = lrs().await;
    let mut s = statement();
    s["object"]["definition"] = json!({ "correctResponsesPattern": ["Bob's your uncle"] });
    let refused = lrs.post_json(&s).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("components_need_interaction_type"),
        "{}",
        refused.body
    );
}

/// Data 4.6: comparing a statement with its signature ignores duration
/// precision beyond 0.01 s (the signer wrote 0.12 s, the statement 0.1237 s).
#[tokio::test]
async fn a_signature_compares_durations_to_the_hundredth() {
    let lrs = lrs().await;
    let mut signed_form = statement();
    signed_form["id"] = json!("3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b");
    signed_form["result"] = json!({ "duration": "P1DT12H36M0.12S" });
    let mut sent = signed_form.clone();
    sent["result"]["duration"] = json!("P1DT12H36M0.1237S");
    let accepted = post_signed(&lrs, &sent, &jws(&json!({"alg": "RS256"}), &signed_form)).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    // Rounding is not truncation: 0.129 s is not 0.13 s.
    let mut other = signed_form.clone();
    other["id"] = json!("4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c");
    other["result"]["duration"] = json!("PT0.13S");
    let mut rounded = other.clone();
    rounded["result"]["duration"] = json!("PT0.129S");
    let refused = post_signed(&lrs, &rounded, &jws(&json!({"alg": "RS256"}), &other)).await;
    assert!(
        refused.body.contains("signature_payload_mismatch"),
        "{}",
        refused.body
    );
}

/// Communication 2.1.3 and 2.1.4 (XAPI-00162): a filter also returns the
/// statements that target a match through a StatementRef — the voiding
/// statement included — while the voided statement itself stays hidden.
#[tokio::test]
async fn filters_return_the_statements_targeting_a_match() {
    let lrs = lrs().await;
    let mut ben = statement();
    ben["id"] = json!("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    ben["actor"] = json!({ "mbox": "mailto:ben@example.com" });
    let confirmed = json!({ "id": "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e", "actor": { "mbox": "mailto:andrew@example.com" },
        "verb": { "id": "http://example.com/verbs/confirmed" },
        "object": { "objectType": "StatementRef", "id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d" } });
    let voiding = json!({ "id": "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "actor": { "mbox": "mailto:admin@example.com" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
        "object": { "objectType": "StatementRef", "id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d" } });
    assert_eq!(
        lrs.post_json(&json!([ben, confirmed])).await.status,
        StatusCode::OK
    );
    assert_eq!(lrs.post_json(&voiding).await.status, StatusCode::OK);
    let ids = |page: &TestResponse| -> Vec<String> {
        page.json()["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let expected = [
        "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
        "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
    ];
    for query in [
        format!(
            "?agent={}",
            urlencode(r#"{"mbox":"mailto:ben@example.com"}"#)
        ),
        format!(
            "?verb={}",
            urlencode("http://adlnet.gov/expapi/verbs/attended")
        ),
        format!(
            "?activity={}&related_activities=true",
            urlencode("http://www.example.com/meetings/occurances/34534")
        ),
    ] {
        assert_eq!(ids(&lrs.get(&query, &[]).await), expected, "{query}");
    }
    assert_eq!(
        lrs.get(
            "?voidedStatementId=5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
            &[]
        )
        .await
        .status,
        StatusCode::OK
    );
}
