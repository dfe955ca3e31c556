//! The LRS resources besides statements (issue 21), through the router: the
//! State, Activity Profile and Agent Profile documents with their
//! concurrency rules (xAPI 2.0 Communication 4.1.4, 4.1.6.2, 4.1.6.5,
//! 4.1.6.6; 1.0.3 Communication 2.2, 2.3, 2.6, 2.7, 3.1), Agents, Activities
//! and About (4.1.6.3, 4.1.6.4, 4.1.6.7), paths under /xapi/ that are no
//! resource, and what 1.0.x clients get (their version header, the
//! Alternate Request Syntax). Requirement ids are ADL's conformance ids.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse};
use crate::xapi_conformance::{Lrs, lrs, statement, urlencode};

const ACTIVITY: &str = "http://www.example.com/activityId/hashset";

fn agent() -> Value {
    json!({ "objectType": "Agent", "account": { "homePage": "http://www.example.com/agentId/1", "name": "Rick James" } })
}

/// `?a=b&c=d`, encoded.
fn query(pairs: &[(&str, &str)]) -> String {
    format!(
        "?{}",
        serde_urlencoded::to_string(pairs).expect("encodable")
    )
}

fn state_query(state_id: Option<&str>, extra: &[(&str, &str)]) -> String {
    let agent = agent().to_string();
    let mut pairs = vec![("activityId", ACTIVITY), ("agent", agent.as_str())];
    if let Some(id) = state_id {
        pairs.push(("stateId", id));
    }
    pairs.extend_from_slice(extra);
    query(&pairs)
}

impl Lrs {
    async fn json_doc(
        &self,
        method: Method,
        path: &str,
        body: &Value,
        extra: &[(&str, &str)],
    ) -> TestResponse {
        self.call(
            method,
            path,
            "2.0.0",
            "application/json",
            body.to_string().into_bytes(),
            extra,
        )
        .await
    }

    async fn read(&self, path: &str) -> TestResponse {
        self.call(Method::GET, path, "2.0.0", "", Vec::new(), &[])
            .await
    }
}

fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", gedhub_core::xapi::document::etag(body))
}

/// XAPI-00187..00195, 00230..00234 and the ETag/Last-Modified rules: a state
/// document goes in, merges, is listed, comes back byte for byte with its
/// SHA-1 as ETag, and goes away.
#[tokio::test]
async fn a_state_document_round_trips_with_its_etag() {
    let lrs = lrs().await;
    let path = format!("/activities/state{}", state_query(Some("bookmark"), &[]));
    let put = lrs
        .json_doc(Method::PUT, &path, &json!({ "car": "Honda" }), &[])
        .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.body);
    assert_eq!(put.header("x-experience-api-version"), "2.0.0");

    let got = lrs.read(&path).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, r#"{"car":"Honda"}"#);
    assert_eq!(got.header("content-type"), "application/json");
    assert_eq!(got.header("etag"), etag_of(br#"{"car":"Honda"}"#));
    assert!(chrono::DateTime::parse_from_rfc2822(&got.header("last-modified")).is_ok());
    let head = lrs
        .call(Method::HEAD, &path, "2.0.0", "", Vec::new(), &[])
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(head.header("etag"), got.header("etag"));

    // POST merges top-level properties (XAPI-00234).
    let post = lrs
        .json_doc(Method::POST, &path, &json!({ "type": "Civic" }), &[])
        .await;
    assert_eq!(post.status, StatusCode::NO_CONTENT, "{}", post.body);
    assert_eq!(
        lrs.read(&path).await.json(),
        json!({ "car": "Honda", "type": "Civic" })
    );
    // A body that is not a JSON object cannot merge: 400, nothing changed (XAPI-00229, 00232).
    let bad = lrs
        .call(
            Method::POST,
            &path,
            "2.0.0",
            "text/plain",
            b"abcdefg".to_vec(),
            &[],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_code(), "xapi_document_not_json_object");
    let broken = lrs
        .call(
            Method::POST,
            &path,
            "2.0.0",
            "application/json",
            br#"{"a":1}{"#.to_vec(),
            &[],
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        lrs.read(&path).await.json(),
        json!({ "car": "Honda", "type": "Civic" })
    );

    // Any content type is stored as sent.
    let binary_path = format!("/activities/state{}", state_query(Some("suspend"), &[]));
    let binary = lrs
        .call(
            Method::PUT,
            &binary_path,
            "2.0.0",
            "application/octet-stream",
            b"/ asdf / undefined".to_vec(),
            &[],
        )
        .await;
    assert_eq!(binary.status, StatusCode::NO_CONTENT);
    let read_back = lrs.read(&binary_path).await;
    assert_eq!(read_back.body, "/ asdf / undefined");
    assert_eq!(read_back.header("content-type"), "application/octet-stream");

    // The ids of the context (XAPI-00193, 00195, 00221), `since` exclusive.
    let listing = lrs
        .read(&format!("/activities/state{}", state_query(None, &[])))
        .await;
    assert_eq!(listing.json(), json!(["bookmark", "suspend"]));
    assert!(!listing.header("etag").is_empty());
    let since_then = lrs
        .read(&format!(
            "/activities/state{}",
            state_query(None, &[("since", "2024-01-01T00:00:00Z")])
        ))
        .await;
    assert_eq!(since_then.json(), json!(["bookmark", "suspend"]));
    let future = lrs
        .read(&format!(
            "/activities/state{}",
            state_query(None, &[("since", "2999-01-01T00:00:00+01:00")])
        ))
        .await;
    assert_eq!(future.json(), json!([]));
    // A registration is another context.
    let registered = lrs
        .read(&format!(
            "/activities/state{}",
            state_query(
                None,
                &[("registration", "ec531277-b57b-4c15-8d91-d292c5b2b8f7")]
            )
        ))
        .await;
    assert_eq!(registered.json(), json!([]));

    // DELETE one (XAPI-00191), then the rest of the context (XAPI-00194).
    let deleted = lrs
        .call(Method::DELETE, &path, "2.0.0", "", Vec::new(), &[])
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = lrs.read(&path).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.error_code(), "xapi_document_not_found");
    let all = lrs
        .call(
            Method::DELETE,
            &format!("/activities/state{}", state_query(None, &[])),
            "2.0.0",
            "",
            Vec::new(),
            &[],
        )
        .await;
    assert_eq!(all.status, StatusCode::NO_CONTENT);
    assert_eq!(
        lrs.read(&format!("/activities/state{}", state_query(None, &[])))
            .await
            .json(),
        json!([])
    );
}

/// Communication 3.1 / 4.1.4 on both profile resources: 412 for a failed
/// If-Match or If-None-Match (nothing changed), 409 for a bare PUT over an
/// existing document (with an explanation), 428 for a bare PUT of a new one
/// (400 to a 1.0.x client, as the 1.0.3 conformance tests want).
#[tokio::test]
async fn profiles_follow_the_concurrency_rules() {
    let lrs = lrs().await;
    let agent = agent().to_string();
    for base in [
        format!(
            "/activities/profile{}",
            query(&[("activityId", ACTIVITY), ("profileId", "prefs")])
        ),
        format!(
            "/agents/profile{}",
            query(&[("agent", &agent), ("profileId", "prefs")])
        ),
    ] {
        let first = json!({ "name": "first" });
        let required = lrs.json_doc(Method::PUT, &base, &first, &[]).await;
        assert_eq!(required.status, StatusCode::PRECONDITION_REQUIRED, "{base}");
        assert_eq!(required.error_code(), "xapi_precondition_required");
        let legacy = lrs
            .call(
                Method::PUT,
                &base,
                "1.0.3",
                "application/json",
                first.to_string().into_bytes(),
                &[],
            )
            .await;
        assert_eq!(legacy.status, StatusCode::BAD_REQUEST);
        assert_eq!(legacy.header("x-experience-api-version"), "1.0.3");
        assert_eq!(lrs.read(&base).await.status, StatusCode::NOT_FOUND);

        let created = lrs
            .json_doc(Method::PUT, &base, &first, &[("If-None-Match", "*")])
            .await;
        assert_eq!(created.status, StatusCode::NO_CONTENT, "{}", created.body);
        let tag = lrs.read(&base).await.header("etag");
        assert_eq!(tag, etag_of(first.to_string().as_bytes()));
        assert_eq!(created.header("etag"), tag);

        let second = json!({ "name": "second" });
        for (name, value) in [
            ("If-None-Match", "*"),
            ("If-Match", "\"1234\""),
            ("If-None-Match", tag.as_str()),
        ] {
            let failed = lrs
                .json_doc(Method::PUT, &base, &second, &[(name, value)])
                .await;
            assert_eq!(
                failed.status,
                StatusCode::PRECONDITION_FAILED,
                "{name}: {value}"
            );
            assert_eq!(failed.error_code(), "xapi_precondition_failed");
        }
        let conflict = lrs.json_doc(Method::PUT, &base, &second, &[]).await;
        assert_eq!(conflict.status, StatusCode::CONFLICT);
        assert!(conflict.body.contains("If-Match"), "{}", conflict.body);
        let stale_post = lrs
            .json_doc(Method::POST, &base, &second, &[("If-Match", "\"1234\"")])
            .await;
        assert_eq!(stale_post.status, StatusCode::PRECONDITION_FAILED);
        let stale_delete = lrs
            .call(
                Method::DELETE,
                &base,
                "2.0.0",
                "",
                Vec::new(),
                &[("If-Match", "\"1234\"")],
            )
            .await;
        assert_eq!(stale_delete.status, StatusCode::PRECONDITION_FAILED);
        assert_eq!(lrs.read(&base).await.json(), first, "nothing changed");

        let replaced = lrs
            .json_doc(Method::PUT, &base, &second, &[("If-Match", &tag)])
            .await;
        assert_eq!(replaced.status, StatusCode::NO_CONTENT);
        let current = lrs.read(&base).await;
        assert_eq!(current.json(), second);
        let deleted = lrs
            .call(
                Method::DELETE,
                &base,
                "2.0.0",
                "",
                Vec::new(),
                &[("If-Match", &current.header("etag"))],
            )
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert_eq!(lrs.read(&base).await.status, StatusCode::NOT_FOUND);
    }
}

/// A bare PUT over an existing state document: 409 from a 2.0 client (2.0
/// applies the rule to state, and ADL's 2.0 tests check it), accepted from a
/// 1.0.x client (1.0.3 exempts state).
#[tokio::test]
async fn state_concurrency_depends_on_the_clients_version() {
    let lrs = lrs().await;
    let path = format!("/activities/state{}", state_query(Some("suspend"), &[]));
    assert_eq!(
        lrs.json_doc(Method::PUT, &path, &json!({ "page": 1 }), &[])
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let again = lrs
        .json_doc(Method::PUT, &path, &json!({ "page": 2 }), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let legacy = lrs
        .call(
            Method::PUT,
            &path,
            "1.0.3",
            "application/json",
            br#"{"page":3}"#.to_vec(),
            &[],
        )
        .await;
    assert_eq!(legacy.status, StatusCode::NO_CONTENT);
    assert_eq!(lrs.read(&path).await.json(), json!({ "page": 3 }));
}

/// Parameters are checked like the statements resource's: required ones,
/// their forms, unknown or misplaced ones → 400; documents over 1 MB → 413.
#[tokio::test]
async fn document_parameters_and_sizes_are_checked() {
    let lrs = lrs().await;
    let agent = agent().to_string();
    let group = json!({ "objectType": "Group", "mbox": "mailto:group@example.com" }).to_string();
    let doc = json!({ "a": 1 });
    for (method, path, code) in [
        // XAPI-00207..00210: no activityId.
        (
            Method::GET,
            format!(
                "/activities/state{}",
                query(&[("agent", &agent), ("stateId", "s")])
            ),
            "xapi_activity_id_required",
        ),
        (
            Method::PUT,
            format!(
                "/activities/state{}",
                query(&[("agent", &agent), ("stateId", "s")])
            ),
            "xapi_activity_id_required",
        ),
        // XAPI-00212..00215: no agent; 00196..00199: not JSON or not an Agent.
        (
            Method::DELETE,
            format!("/activities/state{}", query(&[("activityId", ACTIVITY)])),
            "xapi_agent_required",
        ),
        (
            Method::POST,
            format!(
                "/activities/state{}",
                query(&[
                    ("activityId", ACTIVITY),
                    ("agent", "not JSON"),
                    ("stateId", "s")
                ])
            ),
            "xapi_agent_invalid",
        ),
        (
            Method::GET,
            format!("/agents/profile{}", query(&[("agent", &group)])),
            "xapi_agent_invalid",
        ),
        (
            Method::GET,
            format!(
                "/activities/profile{}",
                query(&[("activityId", "not an IRI")])
            ),
            "xapi_activity_id_invalid",
        ),
        // XAPI-00200..00203: registration not a UUID.
        (
            Method::PUT,
            state_query(Some("s"), &[("registration", "true")]).replace('?', "/activities/state?"),
            "xapi_registration_invalid",
        ),
        // XAPI-00204: since not a timestamp; since is for GET only.
        (
            Method::GET,
            state_query(None, &[("since", "not a timestamp")]).replace('?', "/activities/state?"),
            "xapi_timestamp_invalid",
        ),
        (
            Method::PUT,
            state_query(Some("s"), &[("since", "2024-01-01T00:00:00Z")])
                .replace('?', "/activities/state?"),
            "xapi_parameter_unknown",
        ),
        // XAPI-00206, 00211, 00265..00267, 00300..00302: no document id.
        (
            Method::PUT,
            state_query(None, &[]).replace('?', "/activities/state?"),
            "xapi_document_id_required",
        ),
        (
            Method::DELETE,
            format!("/activities/profile{}", query(&[("activityId", ACTIVITY)])),
            "xapi_document_id_required",
        ),
        (
            Method::POST,
            format!("/agents/profile{}", query(&[("agent", &agent)])),
            "xapi_document_id_required",
        ),
        // A parameter of another resource, or in another case.
        (
            Method::GET,
            format!(
                "/activities/profile{}",
                query(&[("activityId", ACTIVITY), ("stateId", "s")])
            ),
            "xapi_parameter_unknown",
        ),
        (
            Method::GET,
            format!("/activities/profile{}", query(&[("ACTIVITYID", ACTIVITY)])),
            "xapi_parameter_unknown",
        ),
    ] {
        let response = lrs.json_doc(method.clone(), &path, &doc, &[]).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{method} {path}: {}",
            response.body
        );
        assert_eq!(response.error_code(), code, "{method} {path}");
    }
    // XAPI-00235: the agent parameter's JSON broken inside its encoding.
    let broken = format!(
        "/activities/state?activityId={}&stateId=s&agent=%7B%22mbox%22%22%22mailto%3Aa%40b.example%22%7D",
        ACTIVITY
    );
    assert_eq!(
        lrs.json_doc(Method::POST, &broken, &doc, &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    // A version header is required here too, and credentials first.
    let path = state_query(Some("s"), &[]).replace('?', "/activities/state?");
    let no_version = lrs.call(Method::GET, &path, "", "", Vec::new(), &[]).await;
    assert_eq!(no_version.error_code(), "xapi_version_missing");
    let anonymous = lrs
        .app
        .send(
            TestApp::request(Method::GET, &format!("/xapi{path}"), None)
                .header("X-Experience-API-Version", "2.0.0")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.header("www-authenticate").starts_with("Basic"));
    // One byte over the limit: 413, nothing stored.
    let big = vec![b'x'; gedhub_core::xapi::document::MAX_DOCUMENT_BYTES + 1];
    let too_large = lrs
        .call(
            Method::PUT,
            &path,
            "2.0.0",
            "application/octet-stream",
            big,
            &[],
        )
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.error_code(), "xapi_document_too_large");
    assert_eq!(lrs.read(&path).await.status, StatusCode::NOT_FOUND);
}

/// About (XAPI-00315..00321): the versions, without credentials or version
/// header; Agents (XAPI-00236..00249): a Person with the names the agent
/// had; Activities (XAPI-00250..00254): every definition merged, and an
/// Activity object for an activity never seen.
#[tokio::test]
async fn about_agents_and_activities() {
    let lrs = lrs().await;
    let about = lrs
        .app
        .send(
            TestApp::request(Method::GET, "/xapi/about", None)
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(about.status, StatusCode::OK);
    assert_eq!(about.json(), json!({ "version": ["1.0.3", "2.0.0"] }));
    assert_eq!(about.header("x-experience-api-version"), "2.0.0");
    let legacy = lrs
        .call(Method::GET, "/about", "1.0.3", "", Vec::new(), &[])
        .await;
    assert_eq!(legacy.header("x-experience-api-version"), "1.0.3");
    let with_parameter = lrs
        .call(
            Method::GET,
            "/about?method=GET",
            "2.0.0",
            "",
            Vec::new(),
            &[],
        )
        .await;
    assert_eq!(with_parameter.status, StatusCode::BAD_REQUEST);
    assert_eq!(with_parameter.error_code(), "xapi_parameter_unknown");

    let mut first = statement();
    first["actor"] =
        json!({ "objectType": "Agent", "name": "Awa D.", "mbox": "mailto:awa@douanes.example" });
    first["object"] = json!({ "objectType": "Activity", "id": "http://www.example.com/verify/complete/1",
        "definition": { "name": { "en-US": "example meeting" }, "type": "http://adlnet.gov/expapi/activities/meeting" } });
    let mut second = first.clone();
    second["actor"]["name"] = json!("Awa Diallo");
    second["object"]["definition"] = json!({ "name": { "fr-FR": "réunion" } });
    assert_eq!(
        lrs.post_json(&json!([first, second])).await.status,
        StatusCode::OK
    );

    let person = lrs
        .read(&format!(
            "/agents{}",
            query(&[(
                "agent",
                r#"{"mbox":"mailto:awa@douanes.example","name":"Awa"}"#
            )])
        ))
        .await;
    assert_eq!(person.status, StatusCode::OK, "{}", person.body);
    assert_eq!(
        person.json(),
        json!({ "objectType": "Person", "name": ["Awa", "Awa Diallo", "Awa D."], "mbox": ["mailto:awa@douanes.example"] })
    );
    assert!(!person.header("etag").is_empty());
    let stranger = lrs
        .read(&format!(
            "/agents{}",
            query(&[("agent", r#"{"openid":"http://openid.example.org/12345"}"#)])
        ))
        .await;
    assert_eq!(
        stranger.json(),
        json!({ "objectType": "Person", "openid": ["http://openid.example.org/12345"] })
    );
    for path in [
        "/agents".to_owned(),
        format!(
            "/agents{}",
            query(&[("agent", r#"{"objectType":"Agent","name":"no identifier"}"#)])
        ),
        format!(
            "/agents{}",
            query(&[
                ("agent", r#"{"mbox":"mailto:a@b.example"}"#),
                ("profileId", "x")
            ])
        ),
    ] {
        assert_eq!(
            lrs.read(&path).await.status,
            StatusCode::BAD_REQUEST,
            "{path}"
        );
    }

    let meeting = lrs
        .read(&format!(
            "/activities{}",
            query(&[("activityId", "http://www.example.com/verify/complete/1")])
        ))
        .await;
    assert_eq!(meeting.status, StatusCode::OK);
    assert_eq!(
        meeting.json(),
        json!({ "objectType": "Activity", "id": "http://www.example.com/verify/complete/1",
                "definition": { "name": { "en-US": "example meeting", "fr-FR": "réunion" },
                                "type": "http://adlnet.gov/expapi/activities/meeting" } })
    );
    let unknown = lrs
        .read(&format!(
            "/activities{}",
            query(&[("activityId", "http://www.example.com/never-seen")])
        ))
        .await;
    assert_eq!(
        unknown.json(),
        json!({ "objectType": "Activity", "id": "http://www.example.com/never-seen" })
    );
    assert_eq!(
        lrs.read("/activities").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// A path under /xapi/ that is no resource is answered the LRS's way: the
/// version header always, 401 with the Basic challenge without credentials,
/// else 404 in the error envelope; a method a resource does not take: 405,
/// with the version header.
#[tokio::test]
async fn paths_that_are_no_resource_are_answered_the_lrs_way() {
    let lrs = lrs().await;
    let anonymous = lrs
        .app
        .send(
            TestApp::request(Method::GET, "/xapi/statements/extra", None)
                .header("X-Experience-API-Version", "1.0.3")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.header("www-authenticate").starts_with("Basic"));
    assert_eq!(anonymous.header("x-experience-api-version"), "1.0.3");
    assert_eq!(anonymous.error_code(), "unauthenticated");
    for method in [Method::GET, Method::POST, Method::DELETE] {
        let unknown = lrs
            .call(
                method.clone(),
                "/no-such-resource",
                "2.0.0",
                "",
                Vec::new(),
                &[],
            )
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{method}");
        assert_eq!(unknown.error_code(), "xapi_resource_unknown");
        assert_eq!(unknown.header("x-experience-api-version"), "2.0.0");
        assert!(
            unknown
                .header("content-type")
                .starts_with("application/json")
        );
    }
    let not_allowed = lrs
        .call(Method::DELETE, "/statements", "2.0.0", "", Vec::new(), &[])
        .await;
    assert_eq!(not_allowed.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(not_allowed.header("x-experience-api-version"), "2.0.0");
}

/// 1.0.3 Communication 1.3 (XAPI-00336, XAPI-00148): a 1.0.x client may
/// send any request as a form POST with `?method=`; the form carries the
/// headers, the content and the other parameters. A 2.0 client may not.
#[tokio::test]
async fn a_legacy_client_may_use_the_alternate_request_syntax() {
    let lrs = lrs().await;
    let form = |method: &str, pairs: &[(&str, &str)], version: &str| {
        let lrs = &lrs;
        let body = serde_urlencoded::to_string(pairs)
            .expect("form")
            .into_bytes();
        let method = method.to_owned();
        let version = version.to_owned();
        async move {
            lrs.call(
                Method::POST,
                &format!("/statements?method={method}"),
                &version,
                "application/x-www-form-urlencoded",
                body,
                &[],
            )
            .await
        }
    };
    let id = "5a7d9f1b-2c3e-4d5f-8a9b-0c1d2e3f4a5b";
    let content = statement().to_string();
    let put = form(
        "PUT",
        &[("statementId", id), ("content", &content)],
        "1.0.3",
    )
    .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.body);
    assert_eq!(put.header("x-experience-api-version"), "1.0.3");
    let get = form("GET", &[("limit", "1")], "1.0.3").await;
    assert_eq!(get.status, StatusCode::OK, "{}", get.body);
    assert_eq!(get.json()["statements"][0]["id"], json!(id));

    // Headers as form parameters: credentials and version.
    let basic = lrs.basic.clone();
    let in_form = lrs
        .app
        .send(
            TestApp::request(Method::POST, "/xapi/statements?method=GET", None)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(
                    serde_urlencoded::to_string([
                        ("Authorization", basic.as_str()),
                        ("X-Experience-API-Version", "1.0.3"),
                        ("statementId", id),
                    ])
                    .expect("form"),
                ))
                .expect("request"),
        )
        .await;
    assert_eq!(in_form.status, StatusCode::OK, "{}", in_form.body);
    assert_eq!(in_form.json()["id"], json!(id));
    // A document resource too, with If-None-Match as a form parameter.
    let agent = agent().to_string();
    let profile = lrs
        .call(
            Method::POST,
            "/agents/profile?method=PUT",
            "1.0.3",
            "application/x-www-form-urlencoded",
            serde_urlencoded::to_string([
                ("agent", agent.as_str()),
                ("profileId", "prefs"),
                ("If-None-Match", "*"),
                ("Content-Type", "application/json"),
                ("content", r#"{"theme":"dark"}"#),
            ])
            .expect("form")
            .into_bytes(),
            &[],
        )
        .await;
    assert_eq!(profile.status, StatusCode::NO_CONTENT, "{}", profile.body);
    let read = lrs
        .read(&format!(
            "/agents/profile{}",
            query(&[("agent", &agent), ("profileId", "prefs")])
        ))
        .await;
    assert_eq!(read.json(), json!({ "theme": "dark" }));

    // Refused: from a 2.0 client, with other query parameters, without a
    // form body, with an unsupported version in the form, not as a POST.
    let current = form("GET", &[("limit", "1")], "2.0.0").await;
    assert_eq!(current.error_code(), "xapi_alternate_syntax_removed");
    let extra = lrs
        .call(
            Method::POST,
            &format!("/statements?method=PUT&statementId={id}"),
            "1.0.3",
            "application/x-www-form-urlencoded",
            format!("content={}", urlencode(&content)).into_bytes(),
            &[],
        )
        .await;
    assert_eq!(extra.error_code(), "xapi_alternate_syntax_invalid");
    let not_form = lrs
        .call(
            Method::POST,
            "/statements?method=PUT",
            "1.0.3",
            "application/json",
            content.clone().into_bytes(),
            &[],
        )
        .await;
    assert_eq!(not_form.error_code(), "xapi_alternate_syntax_invalid");
    let old = form(
        "PUT",
        &[
            ("statementId", id),
            ("X-Experience-API-Version", "0.8"),
            ("content", &content),
        ],
        "1.0.3",
    )
    .await;
    assert_eq!(old.error_code(), "xapi_version_unsupported");
    let as_put = lrs
        .call(
            Method::PUT,
            "/statements?method=POST",
            "1.0.3",
            "application/json",
            content.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(as_put.status, StatusCode::BAD_REQUEST);
}
