//! E-learning (issue 6): the LRS contract and rules at /xapi/statements,
//! completions from xAPI statements, the LMS report import (unmatched and
//! duplicate rows, idempotence, all-or-nothing), e-certificates, and who may
//! see what.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use base64::Engine;
use gedhub_core::Role;
use serde_json::{Value, json};

use crate::plans::upload;
use crate::support::{TestApp, TestResponse};

const MODULE_IRI: &str = "https://clikc.wcoomd.org/course/view.php?id=412";

struct World {
    app: TestApp,
    staff: String,
    /// HTTP Basic `Authorization` value for the LMS.
    basic: String,
    module: i64,
}

async fn world() -> World {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("amina@bj.test", Role::Participant, Some("BJ"))
        .await;
    app.user("claire@ca.test", Role::Participant, Some("CA"))
        .await;
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
    let key = credentials["key"].as_str().expect("key");
    let secret = credentials["secret"].as_str().expect("secret");
    assert!(secret.len() >= 32, "a long random secret");
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"))
    );
    let created = app
        .json(
            Method::POST,
            "/api/v1/elearning-modules",
            Some(&staff),
            &format!(
                r#"{{"code":"GED-1","title_en":"Gender equality in Customs","title_fr":"L'égalité de genre dans les douanes","lms_course_id":"GED1","activity_iri":"{MODULE_IRI}"}}"#
            ),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let module = created.json()["id"].as_i64().expect("id");
    World {
        app,
        staff,
        basic,
        module,
    }
}

impl World {
    async fn lrs(&self, method: Method, query: &str, body: Option<&Value>) -> TestResponse {
        self.lrs_with(method, query, body, Some("2.0.0"), Some(&self.basic))
            .await
    }

    async fn lrs_with(
        &self,
        method: Method,
        query: &str,
        body: Option<&Value>,
        version: Option<&str>,
        authorization: Option<&str>,
    ) -> TestResponse {
        let mut request = TestApp::request(method, &format!("/xapi/statements{query}"), None)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(version) = version {
            request = request.header("X-Experience-API-Version", version);
        }
        if let Some(authorization) = authorization {
            request = request.header(header::AUTHORIZATION, authorization);
        }
        let body = body.map_or(Body::empty(), |b| Body::from(b.to_string()));
        self.app.send(request.body(body).expect("request")).await
    }

    async fn completions(&self) -> Vec<(String, String, String)> {
        let response = self
            .app
            .get(
                &format!("/api/v1/elearning-modules/{}/completions", self.module),
                Some(&self.staff),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        response
            .json()
            .as_array()
            .expect("array")
            .iter()
            .map(|c| {
                (
                    c["email"].as_str().unwrap_or_default().to_owned(),
                    c["completed_on"].as_str().unwrap_or_default().to_owned(),
                    c["source"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }
}

fn statement(email: &str, verb: &str, activity: &str) -> Value {
    json!({
        "actor": { "objectType": "Agent", "mbox": format!("mailto:{email}") },
        "verb": { "id": format!("http://adlnet.gov/expapi/verbs/{verb}") },
        "object": { "id": activity },
        "timestamp": "2024-04-15T10:15:00+02:00"
    })
}

#[tokio::test]
async fn only_the_secretariat_issues_lrs_credentials() {
    let w = world().await;
    let focal = w.app.sign_in("focal@bj.test").await;
    let refused = w
        .app
        .json(
            Method::POST,
            "/api/v1/lrs-credentials",
            Some(&focal),
            r#"{"name":"Mine"}"#,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let blank = w
        .app
        .json(
            Method::POST,
            "/api/v1/lrs-credentials",
            Some(&w.staff),
            r#"{"name":"  "}"#,
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.error_code(), "required");
}

#[tokio::test]
async fn the_lrs_needs_its_version_header_and_basic_credentials() {
    let w = world().await;
    let one = statement("amina@bj.test", "experienced", MODULE_IRI);
    let no_version = w
        .lrs_with(Method::POST, "", Some(&one), None, Some(&w.basic))
        .await;
    assert_eq!(no_version.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_version.error_code(), "xapi_version_missing");
    assert_eq!(no_version.header("x-experience-api-version"), "2.0.0");
    let old_version = w
        .lrs_with(Method::POST, "", Some(&one), Some("0.9"), Some(&w.basic))
        .await;
    assert_eq!(old_version.error_code(), "xapi_version_unsupported");

    let anonymous = w
        .lrs_with(Method::POST, "", Some(&one), Some("2.0.0"), None)
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.header("www-authenticate").starts_with("Basic"));
    let wrong = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("lrs-0000:not-the-secret")
    );
    let wrong_secret = w
        .lrs_with(Method::POST, "", Some(&one), Some("2.0.0"), Some(&wrong))
        .await;
    assert_eq!(wrong_secret.status, StatusCode::UNAUTHORIZED);
    // A signed-in session is no LRS credential.
    let request = TestApp::request(Method::GET, "/xapi/statements", Some(&w.staff))
        .header("X-Experience-API-Version", "2.0.0")
        .body(Body::empty())
        .expect("request");
    assert_eq!(w.app.send(request).await.status, StatusCode::UNAUTHORIZED);

    let accepted = w
        .lrs_with(Method::POST, "", Some(&one), Some("1.0.3"), Some(&w.basic))
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    // A 1.0.x client is answered in its version's latest patch (Communication 3.3).
    assert_eq!(accepted.header("x-experience-api-version"), "1.0.3");
}

#[tokio::test]
async fn a_batch_with_one_invalid_statement_is_refused_whole() {
    let w = world().await;
    let good = json!({ "id": "d9b1f5a3-5c4e-4c35-9a43-6a3f0a9d1c01", "actor": { "mbox": "mailto:amina@bj.test" },
                       "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" }, "object": { "id": MODULE_IRI } });
    for missing in ["actor", "verb", "object"] {
        let mut bad = statement("amina@bj.test", "completed", MODULE_IRI);
        bad.as_object_mut().expect("object").remove(missing);
        let response = w.lrs(Method::POST, "", Some(&json!([good, bad]))).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{missing}");
        assert_eq!(response.error_code(), "invalid_statement");
        let detail = response.json()["errors"][0]["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            detail.contains(&format!("statement 1, {missing}: missing")),
            "{detail}"
        );
    }
    let lookup = w
        .lrs(
            Method::GET,
            "?statementId=d9b1f5a3-5c4e-4c35-9a43-6a3f0a9d1c01",
            None,
        )
        .await;
    assert_eq!(
        lookup.status,
        StatusCode::NOT_FOUND,
        "the valid one was not stored either"
    );
    assert!(w.completions().await.is_empty());
}

#[tokio::test]
async fn posted_statements_get_ids_and_come_back_with_what_the_lrs_adds() {
    let w = world().await;
    let posted = w
        .lrs(
            Method::POST,
            "",
            Some(&json!([
                statement("amina@bj.test", "experienced", MODULE_IRI),
                statement("claire@ca.test", "experienced", MODULE_IRI)
            ])),
        )
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let ids: Vec<String> = serde_json::from_str(&posted.body).expect("ids");
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| gedhub_core::xapi::is_uuid(id)) && ids[0] != ids[1]);

    let fetched = w
        .lrs(Method::GET, &format!("?statementId={}", ids[0]), None)
        .await;
    assert_eq!(fetched.status, StatusCode::OK, "{}", fetched.body);
    let body = fetched.json();
    assert_eq!(body["id"], json!(ids[0]));
    assert_eq!(body["actor"]["mbox"], json!("mailto:amina@bj.test"));
    assert_eq!(
        body["timestamp"],
        json!("2024-04-15T10:15:00+02:00"),
        "kept as sent"
    );
    assert_eq!(body["version"], json!("2.0.0"));
    assert_eq!(body["authority"]["name"], json!("CLiKC! (Moodle)"));
    assert!(gedhub_core::xapi::is_timestamp(
        body["stored"].as_str().expect("stored")
    ));
    assert!(!fetched.header("last-modified").is_empty());
    assert!(
        !fetched
            .header("x-experience-api-consistent-through")
            .is_empty()
    );
    // The stored statement is itself valid.
    assert!(gedhub_core::xapi::validate_statement(&body).is_ok());
}

#[tokio::test]
async fn a_statement_id_is_never_reused_with_different_content() {
    let w = world().await;
    let id = "a7a1c1f0-0d6b-4f4e-9d55-3c3f2f6a8e01";
    let first = statement("amina@bj.test", "experienced", MODULE_IRI);
    let put = w
        .lrs(Method::PUT, &format!("?statementId={id}"), Some(&first))
        .await;
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.body);
    assert_eq!(put.header("x-experience-api-version"), "2.0.0");
    // The same statement again (its id in the body, upper case): accepted, unchanged.
    let mut same = first.clone();
    same["id"] = json!(id.to_uppercase());
    assert_eq!(
        w.lrs(Method::POST, "", Some(&same)).await.status,
        StatusCode::OK
    );
    // Different content under the same id: 409, and the batch's other statement is not stored.
    let mut different = statement("amina@bj.test", "completed", MODULE_IRI);
    different["id"] = json!(id);
    let other_id = "a7a1c1f0-0d6b-4f4e-9d55-3c3f2f6a8e02";
    let mut other = statement("claire@ca.test", "completed", MODULE_IRI);
    other["id"] = json!(other_id);
    let conflict = w
        .lrs(Method::POST, "", Some(&json!([other, different])))
        .await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    assert_eq!(conflict.error_code(), "statement_conflict");
    let lost = w
        .lrs(Method::GET, &format!("?statementId={other_id}"), None)
        .await;
    assert_eq!(lost.status, StatusCode::NOT_FOUND);
    let kept = w
        .lrs(Method::GET, &format!("?statementId={id}"), None)
        .await;
    assert_eq!(
        kept.json()["verb"]["id"],
        json!("http://adlnet.gov/expapi/verbs/experienced")
    );
    assert!(
        w.completions().await.is_empty(),
        "the refused completion left no trace"
    );
    // PUT rules: an id is required and must match the body's.
    assert_eq!(
        w.lrs(Method::PUT, "", Some(&first)).await.error_code(),
        "statement_id_required"
    );
    let mut mismatched = first.clone();
    mismatched["id"] = json!(other_id);
    assert_eq!(
        w.lrs(
            Method::PUT,
            &format!("?statementId={id}"),
            Some(&mismatched)
        )
        .await
        .error_code(),
        "statement_id_mismatch"
    );
    // Two statements with one id in one request.
    let mut twice = first.clone();
    twice["id"] = json!(other_id);
    let duplicate = w.lrs(Method::POST, "", Some(&json!([twice, twice]))).await;
    assert_eq!(duplicate.status, StatusCode::BAD_REQUEST);
    assert_eq!(duplicate.error_code(), "duplicate_statement_id");
}

#[tokio::test]
async fn voided_statements_leave_queries_but_answer_to_voided_statement_id() {
    let w = world().await;
    let target = "b1c2d3e4-0000-4000-8000-000000000001";
    let mut original = statement("claire@ca.test", "experienced", MODULE_IRI);
    original["id"] = json!(target);
    assert_eq!(
        w.lrs(Method::POST, "", Some(&original)).await.status,
        StatusCode::OK
    );
    let voiding = json!({ "actor": { "mbox": "mailto:admin@clikc.example" },
                          "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" },
                          "object": { "objectType": "StatementRef", "id": target } });
    assert_eq!(
        w.lrs(Method::POST, "", Some(&voiding)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.lrs(Method::GET, &format!("?statementId={target}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let voided = w
        .lrs(Method::GET, &format!("?voidedStatementId={target}"), None)
        .await;
    assert_eq!(voided.status, StatusCode::OK);
    assert_eq!(voided.json()["id"], json!(target));
    let listed = w
        .lrs(
            Method::GET,
            "?verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fexperienced",
            None,
        )
        .await;
    // The voided statement leaves the query; the voiding statement, which
    // targets it, is returned in its place (Communication 2.1.4, XAPI-00162).
    let listed = listed.json();
    let listed = listed["statements"].as_array().expect("statements");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0]["verb"]["id"],
        json!("http://adlnet.gov/expapi/verbs/voided")
    );
    assert_eq!(listed[0]["object"]["id"], json!(target));
    let both = w
        .lrs(Method::GET, &format!("?statementId={target}&verb=x"), None)
        .await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn queries_filter_and_page_with_the_more_link() {
    let w = world().await;
    let mut batch = Vec::new();
    for i in 0..5 {
        batch.push(statement(
            "amina@bj.test",
            "experienced",
            &format!("https://clikc.example/a/{i}"),
        ));
    }
    batch.push(statement(
        "claire@ca.test",
        "experienced",
        "https://clikc.example/a/0",
    ));
    assert_eq!(
        w.lrs(Method::POST, "", Some(&Value::Array(batch)))
            .await
            .status,
        StatusCode::OK
    );

    let agent = urlencode(r#"{"mbox":"mailto:amina@bj.test"}"#);
    let first = w
        .lrs(
            Method::GET,
            &format!("?agent={agent}&limit=2&ascending=true"),
            None,
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let page = first.json();
    let objects = |page: &Value| -> Vec<String> {
        page["statements"]
            .as_array()
            .expect("array")
            .iter()
            .map(|s| s["object"]["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        objects(&page),
        ["https://clikc.example/a/0", "https://clikc.example/a/1"]
    );
    let more = page["more"].as_str().expect("more").to_owned();
    assert!(more.starts_with("/xapi/statements?"), "{more}");
    let second = w
        .lrs(
            Method::GET,
            more.trim_start_matches("/xapi/statements"),
            None,
        )
        .await;
    assert_eq!(
        objects(&second.json()),
        ["https://clikc.example/a/2", "https://clikc.example/a/3"]
    );

    let activity = urlencode("https://clikc.example/a/0");
    let by_activity = w
        .lrs(Method::GET, &format!("?activity={activity}"), None)
        .await;
    assert_eq!(
        by_activity.json()["statements"]
            .as_array()
            .expect("array")
            .len(),
        2
    );
    assert_eq!(by_activity.json()["more"], json!(""));
    let future = w
        .lrs(Method::GET, "?since=2999-01-01T00:00:00Z", None)
        .await;
    assert_eq!(future.json()["statements"], json!([]));
    assert_eq!(
        w.lrs(Method::GET, "?since=yesterday", None)
            .await
            .error_code(),
        "xapi_timestamp_invalid"
    );
    assert_eq!(
        w.lrs(Method::GET, "?colour=red", None).await.error_code(),
        "xapi_parameter_unknown"
    );
    let ids = w
        .lrs(
            Method::GET,
            &format!("?activity={activity}&format=ids"),
            None,
        )
        .await;
    assert!(ids.json()["statements"][0]["verb"].get("display").is_none());
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)])
        .expect("encode")
        .trim_start_matches("v=")
        .to_owned()
}

#[tokio::test]
async fn a_completion_statement_records_the_module_for_the_matching_account() {
    let w = world().await;
    let statements = json!([
        statement("Amina@BJ.test", "completed", MODULE_IRI),
        statement("nobody@nowhere.example", "completed", MODULE_IRI),
        statement("claire@ca.test", "experienced", MODULE_IRI),
        statement(
            "claire@ca.test",
            "passed",
            "https://clikc.example/other-course"
        ),
    ]);
    assert_eq!(
        w.lrs(Method::POST, "", Some(&statements)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.completions().await,
        vec![(
            "amina@bj.test".to_owned(),
            "2024-04-15".to_owned(),
            "xapi".to_owned()
        )]
    );
    // A passed statement later changes nothing: the first completion stands.
    let mut later = statement("amina@bj.test", "passed", MODULE_IRI);
    later["timestamp"] = json!("2024-05-01T08:00:00Z");
    assert_eq!(
        w.lrs(Method::POST, "", Some(&later)).await.status,
        StatusCode::OK
    );
    assert_eq!(w.completions().await.len(), 1);
    assert_eq!(w.completions().await[0].1, "2024-04-15");
}

/// A Moodle "course completion" custom report as exported to CSV (English),
/// with a learner listed twice, a learner without a gedhub account, one not
/// finished, and one of another course.
const MOODLE_CSV: &str = "\u{feff}Full name,Email address,Course short name,Course completion: Status,Course completion: Time completed\r\n\
Amina Bello,amina@bj.test,GED1,Complete,\"Monday, 15 April 2024, 10:15 AM\"\r\n\
Claire Tremblay,CLAIRE@ca.test,GED1,Not complete,\r\n\
Pierre Martin,pierre.martin@unknown.example,GED1,Complete,16/04/2024\r\n\
Amina Bello,amina@bj.test,GED1,Complete,20/04/2024\r\n\
Koffi Mensah,koffi@bj.test,GED2,Complete,2024-04-18\r\n";

async fn import(w: &World, body: &[u8]) -> TestResponse {
    let request = TestApp::request(
        Method::POST,
        &format!("/api/v1/elearning-modules/{}/completion-reports", w.module),
        Some(&w.staff),
    )
    .header(header::CONTENT_TYPE, "text/csv")
    .body(Body::from(body.to_vec()))
    .expect("request");
    w.app.send(request).await
}

#[tokio::test]
async fn a_moodle_report_is_imported_once_with_unmatched_and_duplicate_rows_reported() {
    let w = world().await;
    let first = import(&w, MOODLE_CSV.as_bytes()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let outcome = first.json();
    assert_eq!(outcome["rows"], json!(5));
    assert_eq!(outcome["recorded"], json!(["amina@bj.test"]));
    assert_eq!(outcome["already_recorded"], json!([]));
    assert_eq!(
        outcome["unmatched"],
        json!([{ "line": 4, "email": "pierre.martin@unknown.example" }])
    );
    assert_eq!(
        outcome["skipped"],
        json!([
            { "line": 3, "email": "CLAIRE@ca.test", "reason": "not_completed" },
            { "line": 5, "email": "amina@bj.test", "reason": "duplicate" },
            { "line": 6, "email": "koffi@bj.test", "reason": "other_course" }
        ])
    );
    assert_eq!(
        w.completions().await,
        vec![(
            "amina@bj.test".to_owned(),
            "2024-04-15".to_owned(),
            "lms_report".to_owned()
        )]
    );
    let again = import(&w, MOODLE_CSV.as_bytes()).await;
    assert_eq!(again.json()["recorded"], json!([]));
    assert_eq!(again.json()["already_recorded"], json!(["amina@bj.test"]));
    assert_eq!(
        w.completions().await.len(),
        1,
        "a re-import changes nothing"
    );
}

#[tokio::test]
async fn an_excel_report_is_read_like_the_csv() {
    let w = world().await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 4, 12).expect("date");
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "Email address").expect("cell");
    sheet.write_string(0, 1, "Time completed").expect("cell");
    sheet.write_string(1, 0, "claire@ca.test").expect("cell");
    sheet
        .write_datetime_with_format(1, 1, &date, &format)
        .expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let response = import(&w, &bytes).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(
        w.completions().await,
        vec![(
            "claire@ca.test".to_owned(),
            "2024-04-12".to_owned(),
            "lms_report".to_owned()
        )]
    );
}

#[tokio::test]
async fn a_report_with_a_bad_cell_records_nothing_and_names_each_problem() {
    let w = world().await;
    let csv = "Email address,Time completed\namina@bj.test,2024-04-15\nclaire(at)ca.test,2024-04-15\nkoffi@bj.test,someday\n";
    let refused = import(&w, csv.as_bytes()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let errors = refused.json()["errors"].clone();
    assert_eq!(errors[0]["code"], json!("invalid_email"));
    assert!(
        errors[0]["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("Line 3")
    );
    assert_eq!(errors[1]["code"], json!("invalid_date"));
    assert!(
        errors[1]["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("Line 4")
    );
    assert!(w.completions().await.is_empty());
    let garbage = import(&w, &[0xff, 0xfe, 0x00, 0x01]).await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    // The page answers the same refusal in the user's language.
    let page = upload(
        &w.app,
        &w.staff,
        &format!("/elearning/modules/{}/import", w.module),
        "report.csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("claire(at)ca.test"),
        "the bad value is shown"
    );
}

#[tokio::test]
async fn a_participant_sends_a_certificate_the_secretariat_confirms_it_and_nobody_else_sees_it() {
    let w = world().await;
    let amina = w.app.sign_in("amina@bj.test").await;
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    let path = format!("/elearning/modules/{}/certificates", w.module);
    let sent = upload(&w.app, &amina, &path, "certificate.pdf", pdf).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // Sending again replaces the pending one (the wrong file was sent).
    let again = upload(&w.app, &amina, &path, "right-certificate.pdf", pdf).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let pending = w
        .app
        .store()
        .certificates(None)
        .await
        .expect("certificates");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].file_name, "right-certificate.pdf");
    let not_a_file = upload(&w.app, &amina, &path, "notes.txt", b"just text").await;
    assert_eq!(not_a_file.status, StatusCode::UNPROCESSABLE_ENTITY);

    let id = w
        .app
        .store()
        .certificates(None)
        .await
        .expect("certificates")[0]
        .id;
    let file = format!("/elearning/certificates/{id}");
    let own = w.app.get(&file, Some(&amina)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.starts_with("%PDF"));
    for other in ["claire@ca.test", "focal@bj.test"] {
        let cookie = w.app.sign_in(other).await;
        assert_eq!(
            w.app.get(&file, Some(&cookie)).await.status,
            StatusCode::NOT_FOUND,
            "{other}"
        );
        let decide = w
            .app
            .form(
                Method::POST,
                &format!("{file}/decision"),
                Some(&cookie),
                "decision=confirm",
            )
            .await;
        assert_eq!(decide.status, StatusCode::FORBIDDEN, "{other}");
    }
    assert!(
        w.completions().await.is_empty(),
        "not before the Secretariat confirms"
    );
    let confirmed = w
        .app
        .form(
            Method::POST,
            &format!("{file}/decision"),
            Some(&w.staff),
            "decision=confirm",
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let completions = w.completions().await;
    assert_eq!(completions.len(), 1);
    assert_eq!(
        (completions[0].0.as_str(), completions[0].2.as_str()),
        ("amina@bj.test", "certificate")
    );
    let twice = w
        .app
        .form(
            Method::POST,
            &format!("{file}/decision"),
            Some(&w.staff),
            "decision=reject",
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    // The participant's page now shows the module as completed.
    let page = w.app.get("/elearning", Some(&amina)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Completed on"), "{}", page.body);
}

#[tokio::test]
async fn module_pages_and_the_api_refuse_bad_modules_and_other_roles() {
    let w = world().await;
    let duplicate = w
        .app
        .json(
            Method::POST,
            "/api/v1/elearning-modules",
            Some(&w.staff),
            r#"{"code":"ged-1","title_en":"x","title_fr":"x","lms_course_id":"X","activity_iri":"https://other.example/1"}"#,
        )
        .await;
    assert_eq!(
        (duplicate.status, duplicate.error_code().as_str()),
        (StatusCode::CONFLICT, "module_code_taken")
    );
    let invalid = w
        .app
        .json(
            Method::POST,
            "/api/v1/elearning-modules",
            Some(&w.staff),
            r#"{"code":"","title_en":"","title_fr":"x","lms_course_id":"X","activity_iri":"not an iri"}"#,
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        invalid.json()["errors"].as_array().expect("errors").len(),
        3
    );
    let amina = w.app.sign_in("amina@bj.test").await;
    assert_eq!(
        w.app
            .get(&format!("/elearning/modules/{}", w.module), Some(&amina))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let staff_page = w
        .app
        .get(&format!("/elearning/modules/{}", w.module), Some(&w.staff))
        .await;
    assert_eq!(staff_page.status, StatusCode::OK);
    let lrs_page = w
        .app
        .form(
            Method::POST,
            "/elearning/lrs",
            Some(&w.staff),
            "name=Second+platform",
        )
        .await;
    assert_eq!(lrs_page.status, StatusCode::OK);
    assert_eq!(lrs_page.header("cache-control"), "no-store");
    assert!(lrs_page.body.contains("issued-secret"));
}
