//! A test application on a fresh database, with request helpers.

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};
use gedhub_store::testing::{TestDatabase, test_database};
use gedhub_store::users::NewUser;
use gedhub_store::{Actor, Store};
use gedhub_web::{AppState, WebConfig};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

/// One Argon2id hash of [`PASSWORD`], computed once for the whole test binary.
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        password::hash(&NewPassword::parse(PASSWORD).expect("long enough")).expect("hash")
    })
    .clone()
}

pub struct TestApp {
    pub db: TestDatabase,
    pub router: Router,
    /// Where this app keeps uploaded files.
    pub files: gedhub_store::files::FileStore,
    _files_folder: tempfile::TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The first error code of an API error envelope.
    pub fn error_code(&self) -> String {
        self.json()["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("gedhub_session=") && !v.starts_with("gedhub_session=;"))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

/// Evidence files go to a fresh bucket of the S3-compatible server named by
/// GEDHUB_TEST_S3_ENDPOINT when it is set (scripts/test.sh's `s3` step), to a
/// temporary folder otherwise.
async fn test_file_store(folder: &std::path::Path) -> gedhub_store::files::FileStore {
    use gedhub_store::files::{FileStore, S3Bucket, S3Config};
    let Ok(endpoint) = std::env::var("GEDHUB_TEST_S3_ENDPOINT") else {
        return FileStore::local(folder);
    };
    let suffix: String = gedhub_store::auth::new_secret()
        .expect("random")
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    let config = S3Config {
        endpoint,
        bucket: format!("gedhub-http-{suffix}"),
        region: "us-east-1".to_owned(),
        access_key_id: "gedhub-test".to_owned(),
        secret_access_key: "gedhub-test-secret".to_owned(),
    };
    S3Bucket::new(config.clone())
        .expect("S3 configuration")
        .create()
        .await
        .expect("create the test bucket");
    FileStore::s3(config).expect("S3 configuration")
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_config(WebConfig::default()).await
    }

    /// An app whose clock stands still at noon (UTC) on `day` (`YYYY-MM-DD`),
    /// for rules that depend on today's date.
    pub async fn on_day(day: &str) -> Self {
        let now =
            gedhub_store::Timestamp::from_db(&format!("{day}T12:00:00Z")).expect("a valid day");
        Self::build(WebConfig::default(), std::sync::Arc::new(move || now)).await
    }

    pub async fn with_config(config: WebConfig) -> Self {
        Self::build(config, std::sync::Arc::new(gedhub_store::Timestamp::now)).await
    }

    /// An app whose clock the test moves (see the sign-in throttle tests).
    pub async fn with_clock(config: WebConfig, clock: gedhub_web::state::Clock) -> Self {
        Self::build(config, clock).await
    }

    async fn build(config: WebConfig, clock: gedhub_web::state::Clock) -> Self {
        let db = test_database().await;
        db.store.seed_wco_members().await.expect("seed members");
        db.store
            .seed_instruments()
            .await
            .expect("seed the shipped instrument");
        let folder = tempfile::tempdir().expect("a folder for files");
        let files = test_file_store(folder.path()).await;
        let config = WebConfig {
            files: files.clone(),
            ..config
        };
        let router = gedhub_web::router(AppState::with_clock(db.store.clone(), config, clock));
        Self {
            db,
            router,
            files,
            _files_folder: folder,
        }
    }

    /// A second server on the same database (its own connection pool).
    pub async fn second_server(&self) -> Router {
        let store = Store::connect(&self.db.url).await.expect("second pool");
        gedhub_web::router(AppState::new(store, WebConfig::default()))
    }

    /// Another server on the same database whose clock stands at noon
    /// (UTC) on `day`: what the application shows on a later date.
    pub async fn server_on_day(&self, day: &str) -> Router {
        let store = Store::connect(&self.db.url).await.expect("second pool");
        let now =
            gedhub_store::Timestamp::from_db(&format!("{day}T12:00:00Z")).expect("a valid day");
        gedhub_web::router(AppState::with_clock(
            store,
            WebConfig::default(),
            std::sync::Arc::new(move || now),
        ))
    }

    pub fn store(&self) -> &Store {
        &self.db.store
    }

    /// Creates an account whose password is [`PASSWORD`].
    pub async fn user(&self, email: &str, role: Role, administration: Option<&str>) {
        self.store()
            .create_user(
                &Actor::system("test"),
                NewUser {
                    email: Email::parse(email).expect("valid"),
                    name: format!("Name of {email}"),
                    role,
                    administration: administration
                        .map(|c| AdministrationCode::parse(c).expect("valid")),
                    password_hash: password_hash(),
                },
            )
            .await
            .expect("create user");
    }

    /// Signs in through the form and returns the `Cookie` header value.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self
            .form(
                Method::POST,
                "/login",
                None,
                &format!("email={email}&password={}", PASSWORD.replace(' ', "+")),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "sign-in of {email}: {}",
            response.body
        );
        response.session_cookie().expect("a session cookie")
    }

    pub async fn send_to(router: &Router, request: Request<Body>) -> TestResponse {
        let response = router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        Self::send_to(&self.router, request).await
    }

    pub fn request(
        method: Method,
        path: &str,
        cookie: Option<&str>,
    ) -> axum::http::request::Builder {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        self.send(
            Self::request(Method::GET, path, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    pub async fn form(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: &str,
    ) -> TestResponse {
        let request = Self::request(method, path, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .expect("request");
        self.send(request).await
    }

    pub async fn json(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: &str,
    ) -> TestResponse {
        let request = Self::request(method, path, cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request");
        self.send(request).await
    }
}

/// A small extract for workforce tests: 12 women and 12 men in one
/// category, women paid 10% less per hour, two hires in the year.
pub fn small_extract() -> String {
    let mut csv = String::from(
        "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level,hire_date\n",
    );
    for i in 0..12 {
        csv.push_str(&format!("f{i},F,G1,Officers,36000,0,40,none,2020-01-01\n"));
        csv.push_str(&format!("m{i},M,G1,Officers,40000,0,40,none,2020-01-01\n"));
    }
    csv.push_str("f12,F,G2,Officers,50000,0,40,top,2024-05-01\n");
    csv.push_str("m12,M,G2,Officers,50000,0,40,top,2024-06-01\n");
    csv
}

/// Stores the statistics of [`small_extract`] for an administration and year.
pub async fn store_workforce_report(app: &TestApp, code: &str, year: i32) {
    let report = gedhub_web::workforce::compute(
        small_extract().as_bytes(),
        &gedhub_core::workforce::ReportOptions::new(year),
    )
    .expect("a report");
    app.store()
        .save_workforce_report(
            &gedhub_store::Actor::system("test"),
            &gedhub_store::workforce::NewWorkforceReport {
                administration: &gedhub_core::AdministrationCode::parse(code).expect("valid"),
                report: &report,
                file_sha256: "0000",
                rows_read: 26,
                min_group: 10,
            },
        )
        .await
        .expect("stored");
}

/// A GET whose body is kept as bytes (downloads: PDF, Excel).
pub async fn raw_get(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, Vec<u8>) {
    let request = TestApp::request(axum::http::Method::GET, path, Some(cookie))
        .body(axum::body::Body::empty())
        .expect("request");
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .expect("a response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("bytes");
    (status, bytes.to_vec())
}

/// The radar chart of a diagnostic report page (its `<figure>`).
pub fn radar_of(page: &str) -> &str {
    let start = page
        .find("<figure class=\"chart\" id=\"radar\">")
        .unwrap_or_else(|| panic!("no radar in {page}"));
    let end = start + page[start..].find("</figure>").expect("a closed figure");
    &page[start..end]
}

/// One word of a PDF page as poppler places it: its page (from 0), box
/// (x from the left, y from the top, in points) and text.
#[derive(Debug, Clone)]
pub struct PdfWord {
    pub page: usize,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

impl PdfWord {
    /// Whether two words are printed over each other: their boxes share
    /// more than a point across and more than half the lower one's height
    /// (the lines of one paragraph may touch, they do not cover each other).
    pub fn overlaps(&self, other: &PdfWord) -> bool {
        let across = self.x_max.min(other.x_max) - self.x_min.max(other.x_min);
        let down = self.y_max.min(other.y_max) - self.y_min.max(other.y_min);
        let height = (self.y_max - self.y_min).min(other.y_max - other.y_min);
        self.page == other.page && across > 1.0 && down > height / 2.0
    }
}

/// Every word of a PDF with its box, in the order the PDF draws them, by
/// `pdftotext -bbox`; `None` when poppler-utils is not installed.
pub fn pdf_words(pdf: &[u8]) -> Option<Vec<PdfWord>> {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw", "-bbox"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    assert!(output.status.success());
    let html = String::from_utf8(output.stdout).expect("UTF-8");
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("a box") + name.len() + 2;
        tag[start..start + tag[start..].find('"').expect("closed")]
            .parse()
            .expect("a number")
    };
    let mut words = Vec::new();
    for (page, body) in html.split("<page ").skip(1).enumerate() {
        for word in body.split("<word ").skip(1) {
            let (tag, rest) = word.split_once('>').expect("a word");
            let text = rest.split("</word>").next().unwrap_or_default();
            words.push(PdfWord {
                page,
                x_min: attribute(tag, "xMin"),
                y_min: attribute(tag, "yMin"),
                x_max: attribute(tag, "xMax"),
                y_max: attribute(tag, "yMax"),
                text: text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            });
        }
    }
    Some(words)
}

/// The text of a PDF by poppler's `pdftotext`, or `None` when it is not installed.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    assert!(output.status.success());
    Some(String::from_utf8(output.stdout).expect("UTF-8"))
}
