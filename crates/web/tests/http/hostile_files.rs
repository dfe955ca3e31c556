//! Issue 16, items 1 and 7, through the router: a hostile workbook sent to
//! every importer is refused with a message naming where, and the server
//! answers the next request as usual; a truncated CSV is refused by every
//! CSV importer alike; an upload form is bounded in parts and field length.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use gedhub_core::Role;

use crate::plans::upload;
use crate::support::{TestApp, TestResponse, small_extract};

/// The issue's file: one cell at A1 and one at XFD1048576 (a 4.8 KB
/// workbook whose dense grid would take 512 GiB).
fn sparse_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "date").expect("cell");
    sheet.write_string(1_048_575, 16_383, "x").expect("cell");
    book.save_to_buffer().expect("xlsx")
}

/// What the refusal of [`sparse_workbook`] says in English.
const SPARSE_REFUSAL: &str = "Sheet Sheet1 declares the range A1:XFD1048576";

struct World {
    app: TestApp,
    staff: String,
    benin: String,
}

async fn world() -> World {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("focal@bj.test").await;
    World { app, staff, benin }
}

impl World {
    async fn created(&self, cookie: &str, path: &str, body: &str) -> i64 {
        let response = self.app.json(Method::POST, path, Some(cookie), body).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{path}: {}",
            response.body
        );
        response.json()["id"].as_i64().expect("an id")
    }

    /// A plan of Benin with one manual indicator: its import path.
    async fn measurement_import_path(&self) -> String {
        let plan = self
            .created(
                &self.benin,
                "/api/v1/action-plans",
                r#"{"title":"GED plan"}"#,
            )
            .await;
        let objective = self
            .created(
                &self.benin,
                &format!("/api/v1/action-plans/{plan}/objectives"),
                r#"{"title":"More women in management","indicator_codes":["X.1.1"]}"#,
            )
            .await;
        let indicator = self
            .created(
                &self.benin,
                &format!("/api/v1/action-plans/{plan}/indicators"),
                &format!(
                    r#"{{"name":"Women managers","unit":"%","baseline_value":20,"baseline_date":"2024-01-01","target_value":40,"target_date":"2026-01-01","objective_id":{objective},"source":"manual"}}"#
                ),
            )
            .await;
        format!("/plans/{plan}/indicators/{indicator}/import")
    }

    async fn module(&self) -> i64 {
        self.created(
            &self.staff,
            "/api/v1/elearning-modules",
            r#"{"code":"GED-1","title_en":"Gender equality","title_fr":"Égalité de genre","lms_course_id":"GED1","activity_iri":"https://lms.example/course/1"}"#,
        )
        .await
    }

    /// Uploads a workforce extract for Benin's 2024 figures.
    async fn workforce(&self, file: &[u8]) -> TestResponse {
        let mut body =
            b"--b\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2024\r\n".to_vec();
        body.extend_from_slice(
            b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hr.xlsx\"\r\n\r\n",
        );
        body.extend_from_slice(file);
        body.extend_from_slice(b"\r\n--b--\r\n");
        let request = TestApp::request(Method::POST, "/workforce/BJ", Some(&self.benin))
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=b")
            .body(Body::from(body))
            .expect("request");
        self.app.send(request).await
    }

    /// The server still answers: the dashboard renders for the Secretariat.
    async fn still_answers(&self) {
        let page = self.app.get("/workforce/BJ", Some(&self.staff)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
}

fn refused_with(response: &TestResponse, status: StatusCode, text: &str) {
    assert_eq!(response.status, status, "{}", response.body);
    let body = response.body.replace("&#39;", "'");
    assert!(body.contains(text), "{text:?} not in {}", response.body);
}

#[tokio::test]
async fn the_sparse_workbook_is_refused_by_the_workforce_upload_and_the_server_goes_on() {
    let w = world().await;
    let refused = w.workforce(&sparse_workbook()).await;
    refused_with(&refused, StatusCode::UNPROCESSABLE_ENTITY, SPARSE_REFUSAL);
    w.still_answers().await;
    // A good extract is still taken.
    let stored = w.workforce(small_extract().as_bytes()).await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);
}

#[tokio::test]
async fn the_sparse_workbook_is_refused_by_the_measurement_import() {
    let w = world().await;
    let path = w.measurement_import_path().await;
    let refused = upload(&w.app, &w.benin, &path, "values.xlsx", &sparse_workbook()).await;
    refused_with(&refused, StatusCode::UNPROCESSABLE_ENTITY, SPARSE_REFUSAL);
    w.still_answers().await;
}

#[tokio::test]
async fn the_sparse_workbook_is_refused_by_both_completion_report_imports() {
    let w = world().await;
    let module = w.module().await;
    let page = upload(
        &w.app,
        &w.staff,
        &format!("/elearning/modules/{module}/import"),
        "report.xlsx",
        &sparse_workbook(),
    )
    .await;
    refused_with(&page, StatusCode::UNPROCESSABLE_ENTITY, SPARSE_REFUSAL);
    let request = TestApp::request(
        Method::POST,
        &format!("/api/v1/elearning-modules/{module}/completion-reports"),
        Some(&w.staff),
    )
    .header(header::CONTENT_TYPE, "application/octet-stream")
    .body(Body::from(sparse_workbook()))
    .expect("request");
    let api = w.app.send(request).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST, "{}", api.body);
    assert_eq!(api.error_code(), "sheet_dimension_too_large");
    let detail = api.json()["errors"][0]["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(detail.contains(SPARSE_REFUSAL), "{detail}");
    w.still_answers().await;
}

#[tokio::test]
async fn the_sparse_workbook_is_refused_by_the_instrument_import() {
    let w = world().await;
    let mut body =
        b"--b\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"i.xlsx\"\r\n\r\n"
            .to_vec();
    body.extend_from_slice(&sparse_workbook());
    body.extend_from_slice(b"\r\n--b--\r\n");
    let request = TestApp::request(Method::POST, "/instruments/import", Some(&w.staff))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=b")
        .body(Body::from(body))
        .expect("request");
    let refused = w.app.send(request).await;
    refused_with(&refused, StatusCode::UNPROCESSABLE_ENTITY, SPARSE_REFUSAL);
    w.still_answers().await;
}

#[tokio::test]
async fn the_refusal_is_in_the_readers_language() {
    let w = world().await;
    let path = w.measurement_import_path().await;
    let (content_type, body) = crate::plans::multipart("values.xlsx", &sparse_workbook());
    let request = TestApp::request(Method::POST, &format!("{path}?lang=fr"), Some(&w.benin))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request");
    let refused = w.app.send(request).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("La feuille Sheet1 annonce la plage A1:XFD1048576"),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn a_truncated_csv_is_refused_by_every_csv_importer_naming_the_line() {
    // Issue 16, item 7: the last field is an unclosed quote.
    let w = world().await;
    let path = w.measurement_import_path().await;
    let truncated = "date,value,comment\n2024-03-31,21.5,first\n2024-06-30,23,\"cut in the mid";
    let refused = upload(&w.app, &w.benin, &path, "values.csv", truncated.as_bytes()).await;
    refused_with(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "Line 3: a quoted field is never closed",
    );

    let module = w.module().await;
    let report = "Email address,Course completion: Time completed\namina@bj.test,2024-04-15\nx@bj.test,\"2024-04-";
    let request = TestApp::request(
        Method::POST,
        &format!("/api/v1/elearning-modules/{module}/completion-reports"),
        Some(&w.staff),
    )
    .header(header::CONTENT_TYPE, "text/csv")
    .body(Body::from(report))
    .expect("request");
    let api = w.app.send(request).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST, "{}", api.body);
    assert_eq!(api.error_code(), "csv_unclosed_quote");

    let extract = format!("{}3,F,G1,\"C1", small_extract());
    let workforce = w.workforce(extract.as_bytes()).await;
    refused_with(
        &workforce,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a quoted field is never closed",
    );
}

#[tokio::test]
async fn an_upload_form_is_bounded_in_parts_and_field_length() {
    let w = world().await;
    let send = |body: Vec<u8>| {
        TestApp::request(Method::POST, "/workforce/BJ", Some(&w.benin))
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=b")
            .body(Body::from(body))
            .expect("request")
    };
    let mut many = Vec::new();
    for _ in 0..100 {
        many.extend_from_slice(b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n");
    }
    many.extend_from_slice(b"--b--\r\n");
    let refused = w.app.send(send(many)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(refused.body.contains("too many parts"), "{}", refused.body);

    let mut long = b"--b\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n".to_vec();
    long.extend_from_slice(&vec![b'9'; 100_000]);
    long.extend_from_slice(b"\r\n--b--\r\n");
    let refused = w.app.send(send(long)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(refused.body.contains("too long"), "{}", refused.body);
    w.still_answers().await;
}
