//! The request logs, read as an operator's log collector reads them: the
//! JSON lines of `tracing_subscriber::fmt().json()` while requests go
//! through the real router. Its own test binary, because it installs a
//! subscriber (for the test's thread, which runs every request: the tokio
//! test runtime has one thread).

#[path = "http/support.rs"]
#[expect(dead_code, reason = "the HTTP tests' helpers; this binary uses a few")]
mod support;

use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use gedhub_core::{Email, Role};
use serde_json::Value;

use support::{PASSWORD, TestApp};

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("not poisoned").clone()).expect("UTF-8 logs")
    }

    /// The "request finished" events, one JSON object each.
    fn finished_requests(&self) -> Vec<Value> {
        self.text()
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).expect("one JSON object per line"))
            .filter(|event| event["fields"]["message"] == "request finished")
            .collect()
    }
}

#[tokio::test]
async fn each_request_logs_its_route_user_and_status_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_writer(move || writer.clone())
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let app = TestApp::new().await;
    // Someone else first, so that the focal point's id is not the first one.
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    let cookie = app.sign_in("focal@bj.test").await;
    let user_id = app
        .store()
        .user_by_email(&Email::parse("focal@bj.test").expect("valid"))
        .await
        .expect("the user")
        .id
        .0;
    let created = app
        .json(
            Method::POST,
            "/api/v1/action-plans",
            Some(&cookie),
            r#"{"title":"GED action plan 2025"}"#,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let plan = created.json()["id"].as_i64().expect("an id");

    let secret = "query-secret-5b1e";
    let page = app
        .get(&format!("/plans/{plan}?token={secret}"), Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let unknown = app
        .get(&format!("/api/v1/no-such-route/{secret}"), Some(&cookie))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let finished = captured.finished_requests();
    let shown = finished
        .iter()
        .find(|event| event["span"]["route"] == "/plans/{plan}")
        .unwrap_or_else(|| panic!("no event for /plans/{{plan}} in {}", captured.text()));
    assert_eq!(shown["span"]["method"], "GET");
    assert_eq!(shown["span"]["user_id"], user_id);
    assert_eq!(shown["fields"]["status"], 200);
    assert!(shown["fields"]["latency_ms"].is_u64(), "{shown}");
    assert!(
        finished
            .iter()
            .any(|event| event["span"]["route"] == "/login"
                && event["span"]["method"] == "POST"
                && event["fields"]["status"] == 303),
        "the sign-in: {finished:#?}"
    );
    let unmatched = finished
        .iter()
        .find(|event| event["fields"]["status"] == 404)
        .unwrap_or_else(|| panic!("no event for the unknown route in {finished:#?}"));
    assert_eq!(unmatched["span"]["route"], Value::Null, "{unmatched}");
    assert_eq!(unmatched["span"]["user_id"], user_id);

    let logs = captured.text();
    let session = cookie
        .split_once('=')
        .map(|(_, value)| value)
        .expect("name=value");
    let form_password = PASSWORD.replace(' ', "+");
    let raw_path = format!("/plans/{plan}");
    for (what, secret) in [
        ("the query string", secret),
        ("the password", PASSWORD),
        ("the password as sent", form_password.as_str()),
        ("the session secret", session),
        ("the raw path", raw_path.as_str()),
    ] {
        assert!(!logs.contains(secret), "{what} is in the logs:\n{logs}");
    }
}
