//! The GEOAT contract: instruments, assessments, answers, scores, workflow,
//! imports and reports.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use gedhub_core::Role;
use gedhub_core::instrument::{Sheet, to_workbook};

use crate::support::{TestApp, TestResponse, raw_get};

const INSTRUMENT: &str = "gedhub-geoat-2023";

async fn app() -> (TestApp, String, String, String) {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal.ca@wco.test", Role::FocalPoint, Some("CA"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("focal.bj@wco.test").await;
    let canada = app.sign_in("focal.ca@wco.test").await;
    (app, staff, benin, canada)
}

async fn start(app: &TestApp, cookie: &str, body: &str) -> i64 {
    let created = app
        .json(Method::POST, "/api/v1/assessments", Some(cookie), body)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.json()["id"].as_i64().expect("an id")
}

async fn answer(app: &TestApp, cookie: &str, id: i64, code: &str, body: &str) -> TestResponse {
    app.json(
        Method::PUT,
        &format!("/api/v1/assessments/{id}/answers/{code}"),
        Some(cookie),
        body,
    )
    .await
}

#[tokio::test]
async fn the_instrument_tree_is_served_with_codes_and_both_languages() {
    let (app, _, benin, _) = app().await;
    let list = app.get("/api/v1/instruments", Some(&benin)).await.json();
    assert_eq!(list[0]["code"], INSTRUMENT);
    assert!(list[0]["indicators"].as_u64().is_some_and(|n| n >= 60));
    let tree = app
        .get(&format!("/api/v1/instruments/{INSTRUMENT}"), Some(&benin))
        .await
        .json();
    assert_eq!(tree["sections"][1]["code"], "P1");
    assert_eq!(tree["sections"][1]["label"]["fr"], "Emploi et rémunération");
    assert_eq!(
        tree["sections"][1]["key_elements"][0]["indicators"][0]["code"],
        "P1.A.1"
    );
    assert_eq!(
        app.get("/api/v1/instruments/nope", Some(&benin))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn answers_give_exact_unrounded_scores_with_strengths_and_gaps() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic 2024"}"#,
    )
    .await;
    assert_eq!(
        answer(
            &app,
            &benin,
            id,
            "X.1.1",
            r#"{"rating":5,"justification":"Politique signée en 2022"}"#
        )
        .await
        .status,
        StatusCode::OK
    );
    answer(&app, &benin, id, "X.1.2", r#"{"rating":1}"#).await;
    answer(&app, &benin, id, "X.1.3", r#"{"not_applicable":true}"#).await;
    answer(&app, &benin, id, "X.2.1", r#"{"rating":2}"#).await;
    let scores = app
        .get(&format!("/api/v1/assessments/{id}/scores"), Some(&benin))
        .await
        .json();
    // X: (5 + 1 + 2) / (5 × 3) × 100 = 53.333…; N/A excluded.
    let x = &scores["sections"][0];
    assert_eq!(x["code"], "X");
    assert!(
        (x["score_pct"].as_f64().expect("a score") - 160.0 / 3.0).abs() < 1e-9,
        "{x}"
    );
    assert_eq!(
        (x["rated"].as_u64(), x["total"].as_u64()),
        (Some(3), Some(15))
    );
    assert!(
        scores["sections"][1]["score_pct"].is_null(),
        "an unanswered section has no score"
    );
    assert!((scores["overall_pct"].as_f64().expect("overall") - 160.0 / 3.0).abs() < 1e-9);
    assert_eq!(scores["strengths"], serde_json::json!(["X.1.1"]));
    assert_eq!(scores["gaps"], serde_json::json!(["X.1.2", "X.2.1"]));
    // Clearing an answer.
    answer(&app, &benin, id, "X.2.1", r#"{"rating":null}"#).await;
    let scores = app
        .get(&format!("/api/v1/assessments/{id}/scores"), Some(&benin))
        .await
        .json();
    assert_eq!(scores["gaps"], serde_json::json!(["X.1.2"]));
}

#[tokio::test]
async fn bad_answers_get_clear_errors_and_change_nothing() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    let out_of_scale = answer(&app, &benin, id, "X.1.1", r#"{"rating":6}"#).await;
    assert_eq!(
        (out_of_scale.status, out_of_scale.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "rating_out_of_scale")
    );
    let negative = answer(&app, &benin, id, "X.1.1", r#"{"rating":-1}"#).await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = answer(&app, &benin, id, "Z.9.9", r#"{"rating":3}"#).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let empty = answer(&app, &benin, id, "X.1.1", r#"{}"#).await;
    assert_eq!(empty.error_code(), "rating_required");
    let detail = app
        .get(&format!("/api/v1/assessments/{id}"), Some(&benin))
        .await
        .json();
    assert_eq!(
        detail["answers"],
        serde_json::json!([]),
        "nothing was stored"
    );
    assert_eq!(detail["status"], "draft");
    let unknown_instrument = app
        .json(
            Method::POST,
            "/api/v1/assessments",
            Some(&benin),
            r#"{"instrument":"nope","title":"x"}"#,
        )
        .await;
    assert_eq!(unknown_instrument.error_code(), "unknown_instrument");
}

#[tokio::test]
async fn a_submitted_assessment_is_read_only_until_reopened_with_a_reason() {
    let (app, staff, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    answer(&app, &benin, id, "X.1.1", r#"{"rating":3}"#).await;
    let transition = |cookie: String, body: &'static str| {
        let app = &app;
        async move {
            app.json(
                Method::POST,
                &format!("/api/v1/assessments/{id}/transitions"),
                Some(&cookie),
                body,
            )
            .await
        }
    };
    assert_eq!(
        transition(benin.clone(), r#"{"transition":"submit"}"#)
            .await
            .json()["status"],
        "submitted"
    );
    let late = answer(&app, &benin, id, "X.1.1", r#"{"rating":4}"#).await;
    assert_eq!(
        (late.status, late.error_code().as_str()),
        (StatusCode::CONFLICT, "assessment_not_editable")
    );
    let validate_by_focal = transition(benin.clone(), r#"{"transition":"validate"}"#).await;
    assert_eq!(validate_by_focal.status, StatusCode::FORBIDDEN);
    let no_reason = transition(staff.clone(), r#"{"transition":"reopen"}"#).await;
    assert_eq!(
        (no_reason.status, no_reason.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "required")
    );
    let reopened = transition(
        staff.clone(),
        r#"{"transition":"reopen","reason":"Missing evidence for X"}"#,
    )
    .await
    .json();
    assert_eq!(
        (
            reopened["status"].as_str(),
            reopened["status_reason"].as_str()
        ),
        (Some("in_progress"), Some("Missing evidence for X"))
    );
    assert_eq!(
        answer(&app, &benin, id, "X.1.1", r#"{"rating":4}"#)
            .await
            .status,
        StatusCode::OK
    );
    transition(benin.clone(), r#"{"transition":"submit"}"#).await;
    assert_eq!(
        transition(staff.clone(), r#"{"transition":"validate"}"#)
            .await
            .json()["status"],
        "validated"
    );
    let audit = app
        .get(
            "/api/v1/audit?entity=assessment&action=reopen",
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(
        audit["entries"][0]["after"]["status_reason"],
        "Missing evidence for X"
    );
}

/// "Submit" on a diagnostic with unanswered indicators asks first, saying
/// how many and which; nothing changes until the user confirms.
#[tokio::test]
async fn submitting_with_unanswered_indicators_asks_for_confirmation_first() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    answer(&app, &benin, id, "X.1.1", r#"{"rating":3}"#).await;
    let status = || async {
        app.get(&format!("/api/v1/assessments/{id}"), Some(&benin))
            .await
            .json()["status"]
            .as_str()
            .expect("a status")
            .to_owned()
    };
    let asked = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/transitions"),
            Some(&benin),
            "transition=submit",
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked.body.contains(r#"id="confirm-submit""#),
        "{}",
        asked.body
    );
    // The shipped instrument has 98 indicators; one is answered.
    assert!(
        asked.body.contains("97 indicators of 98 are unanswered."),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("transition-submit-confirm"),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("#indicator-X-1-2"), "{}", asked.body);
    assert!(!asked.body.contains("#indicator-X-1-1\""), "{}", asked.body);
    assert_eq!(status().await, "in_progress");
    let french = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/transitions?lang=fr"),
            Some(&benin),
            "transition=submit",
        )
        .await;
    assert!(
        french
            .body
            .contains("97 indicateurs sur 98 sont sans réponse."),
        "{}",
        french.body
    );
    let confirmed = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/transitions"),
            Some(&benin),
            "transition=submit&confirm=incomplete",
        )
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert_eq!(status().await, "submitted");
}

#[tokio::test]
async fn one_administration_never_sees_anothers_assessment() {
    let (app, staff, benin, canada) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Bénin"}"#,
    )
    .await;
    for path in [
        format!("/api/v1/assessments/{id}"),
        format!("/api/v1/assessments/{id}/scores"),
        format!("/api/v1/assessments/{id}/report.xlsx"),
        format!("/assessments/{id}"),
        format!("/assessments/{id}/report"),
    ] {
        assert_eq!(
            app.get(&path, Some(&canada)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        answer(&app, &canada, id, "X.1.1", r#"{"rating":1}"#)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/assessments", Some(&canada)).await.json(),
        serde_json::json!([])
    );
    // A focal point cannot start one for another administration; the Secretariat can.
    let other = start(
        &app,
        &canada,
        r#"{"instrument":"gedhub-geoat-2023","title":"x","administration":"BJ"}"#,
    )
    .await;
    let mine = app
        .get(&format!("/api/v1/assessments/{other}"), Some(&canada))
        .await
        .json();
    assert_eq!(
        mine["administration"], "CA",
        "a focal point's administration is implied"
    );
    let by_staff = start(
        &app,
        &staff,
        r#"{"instrument":"gedhub-geoat-2023","title":"x","administration":"TG"}"#,
    )
    .await;
    assert_eq!(
        app.get(&format!("/api/v1/assessments/{by_staff}"), Some(&staff))
            .await
            .json()["administration"],
        "TG"
    );
    let no_administration = app
        .json(
            Method::POST,
            "/api/v1/assessments",
            Some(&staff),
            r#"{"instrument":"gedhub-geoat-2023","title":"x"}"#,
        )
        .await;
    assert_eq!(no_administration.error_code(), "unknown_administration");
}

#[tokio::test]
async fn two_people_editing_one_indicator_do_not_lose_each_others_work() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    // Both open the indicator at version 0; the first save wins…
    let first = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/answers/X.1.1"),
            Some(&benin),
            "rating=4&justification=Version+A&evidence=&version=0",
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    // …the second is refused and shown both answers, keeping its own text.
    let second = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/answers/X.1.1"),
            Some(&benin),
            "rating=2&justification=Version+B&evidence=&version=0",
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second.body.contains("Version A") && second.body.contains("Version B"),
        "{}",
        second.body
    );
    let stored = app
        .get(&format!("/api/v1/assessments/{id}"), Some(&benin))
        .await
        .json();
    assert_eq!(
        (
            stored["answers"][0]["rating"].as_u64(),
            stored["answers"][0]["version"].as_i64()
        ),
        (Some(4), Some(1))
    );
    // Saving from the current version works; via the API a stale version is a 409.
    let stale = answer(&app, &benin, id, "X.1.1", r#"{"rating":1,"version":0}"#).await;
    assert_eq!(
        (stale.status, stale.error_code().as_str()),
        (StatusCode::CONFLICT, "edit_conflict")
    );
    assert_eq!(
        answer(&app, &benin, id, "X.1.1", r#"{"rating":1,"version":1}"#)
            .await
            .json()["version"],
        2
    );
}

#[tokio::test]
async fn with_htmx_saving_an_answer_returns_only_the_indicator() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    let request = TestApp::request(
        Method::POST,
        &format!("/assessments/{id}/answers/P1.A.1"),
        Some(&benin),
    )
    .header("content-type", "application/x-www-form-urlencoded")
    .header("hx-request", "true")
    .body(Body::from(
        "rating=3&justification=Partial&evidence=&version=0",
    ))
    .expect("request");
    let fragment = app.send(request).await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(
        fragment.body.starts_with("<article") && !fragment.body.contains("<html"),
        "{}",
        fragment.body
    );
    assert!(fragment.body.contains("Saved.") && fragment.body.contains(r#"value="3" checked"#));
}

/// The stored rating and version of one indicator, through the API.
async fn stored(app: &TestApp, cookie: &str, id: i64, code: &str) -> (Option<u64>, i64) {
    let detail = app
        .get(&format!("/api/v1/assessments/{id}"), Some(cookie))
        .await
        .json();
    let answer = detail["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["indicator_code"] == code)
        .cloned()
        .unwrap_or_default();
    (
        answer["rating"].as_u64(),
        answer["version"].as_i64().unwrap_or(0),
    )
}

#[tokio::test]
async fn saving_a_section_without_javascript_saves_what_changed_and_keeps_what_was_refused() {
    let (app, _, benin, canada) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    let page = app
        .get(&format!("/assessments/{id}/sections/X"), Some(&benin))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"<form id="section-answers""#)
            && page
                .body
                .contains(r#"form="section-answers" name="rating:X.1.1""#)
            && page.body.contains("/static/geoat-answers.js"),
        "{}",
        page.body
    );
    let section = format!("/assessments/{id}/sections/X/answers");

    // Two answers at once.
    let saved = app
        .form(
            Method::POST,
            &section,
            Some(&benin),
            "rating%3AX.1.1=4&justification%3AX.1.1=Policy&evidence%3AX.1.1=&version%3AX.1.1=0\
             &rating%3AX.1.2=2&justification%3AX.1.2=&evidence%3AX.1.2=&version%3AX.1.2=0\
             &rating%3AX.1.3=&justification%3AX.1.3=&evidence%3AX.1.3=&version%3AX.1.3=0",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.header("location"),
        format!("/assessments/{id}/sections/X?saved=1")
    );
    assert_eq!(stored(&app, &benin, id, "X.1.1").await, (Some(4), 1));
    assert_eq!(stored(&app, &benin, id, "X.1.2").await, (Some(2), 1));
    // X.1.3 was left unanswered: nothing stored for it.
    assert_eq!(stored(&app, &benin, id, "X.1.3").await, (None, 0));
    let after = app
        .get(
            &format!("/assessments/{id}/sections/X?saved=1"),
            Some(&benin),
        )
        .await;
    assert!(after.body.contains("were saved"), "{}", after.body);

    // One refused (out of the scale), one saved: the refused one keeps what
    // was typed, with its problem at the indicator and in the summary.
    let refused = app
        .form(
            Method::POST,
            &section,
            Some(&benin),
            "rating%3AX.1.1=9&justification%3AX.1.1=Typed+text+kept&evidence%3AX.1.1=&version%3AX.1.1=1\
             &rating%3AX.1.2=3&justification%3AX.1.2=&evidence%3AX.1.2=&version%3AX.1.2=1",
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains(">Typed text kept</textarea>")
            && refused
                .body
                .contains(r##"<a href="#indicator-X-1-1">X.1.1</a>"##)
            && refused.body.contains(r#"id="section-problems""#),
        "{}",
        refused.body
    );
    assert_eq!(stored(&app, &benin, id, "X.1.1").await, (Some(4), 1));
    assert_eq!(stored(&app, &benin, id, "X.1.2").await, (Some(3), 2));

    // A stale version (someone saved in between) is a conflict; theirs stays.
    let stale = app
        .form(
            Method::POST,
            &section,
            Some(&benin),
            "rating%3AX.1.2=1&justification%3AX.1.2=Mine&evidence%3AX.1.2=&version%3AX.1.2=1",
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains(">Mine</textarea>"), "{}", stale.body);
    assert_eq!(stored(&app, &benin, id, "X.1.2").await, (Some(3), 2));

    // What did not change is not written again (no new version).
    let same = app
        .form(
            Method::POST,
            &section,
            Some(&benin),
            "rating%3AX.1.1=4&justification%3AX.1.1=Policy&evidence%3AX.1.1=&version%3AX.1.1=1",
        )
        .await;
    assert_eq!(same.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, &benin, id, "X.1.1").await, (Some(4), 1));

    // Another administration's assessment does not exist for Canada.
    let foreign = app
        .form(
            Method::POST,
            &section,
            Some(&canada),
            "rating%3AX.1.1=1&version%3AX.1.1=1",
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app, &benin, id, "X.1.1").await, (Some(4), 1));
}

#[tokio::test]
async fn contributors_answer_only_the_sections_assigned_to_them() {
    let (app, _, benin, _) = app().await;
    app.user("colleague@douanes.test", Role::Participant, Some("BJ"))
        .await;
    let colleague = app.sign_in("colleague@douanes.test").await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    assert_eq!(
        app.get(&format!("/assessments/{id}"), Some(&colleague))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "not invited yet"
    );
    let invited = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/contributors"),
            Some(&benin),
            "email=colleague%40douanes.test&sections=P1",
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    assert_eq!(
        answer(&app, &colleague, id, "P1.A.1", r#"{"rating":3}"#)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        answer(&app, &colleague, id, "P2.A.1", r#"{"rating":3}"#)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let submit = app
        .json(
            Method::POST,
            &format!("/api/v1/assessments/{id}/transitions"),
            Some(&colleague),
            r#"{"transition":"submit"}"#,
        )
        .await;
    assert_eq!(submit.status, StatusCode::FORBIDDEN);
    let facilitator = app
        .form(
            Method::POST,
            &format!("/assessments/{id}/contributors"),
            Some(&benin),
            "email=colleague%40douanes.test&facilitator=yes",
        )
        .await;
    assert_eq!(
        facilitator.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a participant cannot facilitate"
    );
}

fn evidence_upload(file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--b--\r\n");
    body
}

/// Runs on the local folder, and on an S3 bucket in scripts/test.sh's `s3` step.
#[tokio::test]
async fn evidence_files_are_checked_by_content_stored_and_downloaded_unchanged() {
    let (app, _staff, benin, canada) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Evidence"}"#,
    )
    .await;
    let upload = |file_name: &str, bytes: &[u8]| {
        TestApp::request(
            Method::POST,
            &format!("/assessments/{id}/attachments/P1.A.1"),
            Some(&benin),
        )
        .header("content-type", "multipart/form-data; boundary=b")
        .body(Body::from(evidence_upload(file_name, bytes)))
        .expect("request")
    };
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..50_000u32).map(|i| (i % 251) as u8));
    let stored = app.send(upload("HR policy 2024.pdf", &pdf)).await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);

    // A program renamed to .pdf is refused by its content; nothing is listed.
    let disguised = app
        .send(upload("policy.pdf", b"MZ\x90\x00 not a pdf"))
        .await;
    assert_eq!(
        disguised.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        disguised.body
    );

    let attachments = app.store().attachments(id).await.expect("attachments");
    assert_eq!(attachments.len(), 1);
    assert_eq!(
        (
            attachments[0].file_name.as_str(),
            attachments[0].content_type.as_str()
        ),
        ("HR policy 2024.pdf", "application/pdf")
    );
    let download = format!("/assessments/{id}/files/{}", attachments[0].id);
    let (status, bytes) = raw_get(&app, &download, &benin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, pdf, "the file comes back byte for byte");
    // Another administration's focal point cannot even learn it exists.
    let (status, _) = raw_get(&app, &download, &canada).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn workbook_upload(bytes: &[u8]) -> Vec<u8> {
    let mut body = b"--b\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"geoat.xlsx\"\r\n\r\n".to_vec();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--b--\r\n");
    body
}

#[tokio::test]
async fn an_instrument_workbook_round_trips_and_a_broken_one_is_refused_whole() {
    let (app, staff, benin, _) = app().await;
    let exported = app
        .get(
            &format!("/instruments/{INSTRUMENT}/export.xlsx"),
            Some(&benin),
        )
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    let request = TestApp::request(
        Method::GET,
        &format!("/instruments/{INSTRUMENT}/export.xlsx"),
        Some(&benin),
    )
    .body(Body::empty())
    .expect("request");
    let bytes = axum::body::to_bytes(
        tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .expect("ok")
            .into_body(),
        usize::MAX,
    )
    .await
    .expect("bytes");
    let mut sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    let original = gedhub_store::instruments_shipped::shipped_instrument().expect("shipped");
    assert_eq!(
        gedhub_core::instrument::parse_workbook(&sheets).expect("valid"),
        original
    );
    // A new edition: same sheets with a new code imports as a new instrument.
    sheets[0].rows[1][1] = "gedhub-geoat-2025".into();
    let upload = |bytes: Vec<u8>| {
        TestApp::request(Method::POST, "/instruments/import", Some(&staff))
            .header("content-type", "multipart/form-data; boundary=b")
            .body(Body::from(workbook_upload(&bytes)))
            .expect("request")
    };
    let imported = app
        .send(upload(
            gedhub_web::workbooks::write_xlsx(&sheets).expect("written"),
        ))
        .await;
    assert_eq!(
        (imported.status, imported.header("location").as_str()),
        (
            StatusCode::SEE_OTHER,
            "/instruments?imported=gedhub-geoat-2025"
        )
    );
    // A broken edition: every problem is listed by sheet, row and column; nothing is stored.
    let mut broken: Vec<Sheet> = sheets.clone();
    broken[0].rows[1][1] = "gedhub-geoat-2026".into();
    broken[1].rows[3][1] = "P1.A.1".into(); // a key element row reusing an indicator code further down
    broken[2].rows[2][0] = "seven".into();
    let refused = app
        .send(upload(
            gedhub_web::workbooks::write_xlsx(&broken).expect("written"),
        ))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("nothing was imported"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("<td>scale</td><td>3</td><td>value</td>"),
        "{}",
        refused.body
    );
    let codes: Vec<String> = app
        .get("/api/v1/instruments", Some(&staff))
        .await
        .json()
        .as_array()
        .expect("list")
        .iter()
        .map(|i| i["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(codes, ["gedhub-geoat-2023", "gedhub-geoat-2025"]);
    let not_a_workbook = app.send(upload(b"%PDF-1.7".to_vec())).await;
    assert!(not_a_workbook.body.contains("not an Excel"));
    // A used instrument is frozen.
    start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2025","title":"x"}"#,
    )
    .await;
    let again = app
        .send(upload(
            gedhub_web::workbooks::write_xlsx(&to_workbook(
                &gedhub_core::instrument::parse_workbook(&sheets).expect("valid"),
            ))
            .expect("written"),
        ))
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("frozen"));
}

#[tokio::test]
async fn the_report_downloads_as_pdf_and_excel_in_the_asked_language() {
    let (app, _, benin, _) = app().await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic 2024"}"#,
    )
    .await;
    answer(
        &app,
        &benin,
        id,
        "P1.A.1",
        r#"{"rating":5,"justification":"Grille salariale publiée"}"#,
    )
    .await;
    let request = TestApp::request(
        Method::GET,
        &format!("/api/v1/assessments/{id}/report.xlsx?lang=fr"),
        Some(&benin),
    )
    .body(Body::empty())
    .expect("request");
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .expect("ok");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("bytes");
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("an xlsx");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Notes", "Points forts", "Lacunes", "Réponses"]);
    assert!(
        sheets[0]
            .rows
            .iter()
            .any(|r| r.get(1).is_some_and(|c| c == "Emploi et rémunération"))
    );
    assert!(
        sheets[3]
            .rows
            .iter()
            .any(|r| r.contains(&"Grille salariale publiée".to_owned()))
    );
    let pdf = app
        .get(
            &format!("/assessments/{id}/report.pdf?lang=fr"),
            Some(&benin),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));
    let page = app
        .get(&format!("/assessments/{id}/report"), Some(&benin))
        .await;
    assert!(page.body.contains("<svg") && page.body.contains("P1.A.1"));
    // No administration validated by the end of the published year: the
    // averages have nobody behind them.
    assert!(
        page.body.contains("not shown (n = 0)"),
        "no group averages without administrations: {}",
        page.body
    );
}

#[tokio::test]
async fn group_averages_appear_once_six_administrations_validated_in_a_published_year() {
    let (app, staff, benin, _) = app().await;
    for (index, code) in ["BJ", "TG", "SN", "GH", "NG", "CI"].iter().enumerate() {
        let body = format!(
            r#"{{"instrument":"gedhub-geoat-2023","title":"v","administration":"{code}"}}"#
        );
        let id = start(&app, &staff, &body).await;
        answer(
            &app,
            &staff,
            id,
            "X.1.1",
            &format!(r#"{{"rating":{index}}}"#),
        )
        .await;
        for transition in ["submit", "validate"] {
            app.json(
                Method::POST,
                &format!("/api/v1/assessments/{id}/transitions"),
                Some(&staff),
                &format!(r#"{{"transition":"{transition}"}}"#),
            )
            .await;
        }
        // Validated in 2025, a published year (averages of a year are
        // published from 1 January of the next).
        gedhub_store::testing::backdate_validation(app.store(), id, "2025-06-01T10:00:00Z")
            .await
            .expect("dated");
    }
    let follow_up = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Suivi"}"#,
    )
    .await;
    answer(&app, &benin, follow_up, "X.1.1", r#"{"rating":4}"#).await;
    let page = app
        .get(&format!("/assessments/{follow_up}/report"), Some(&benin))
        .await;
    // Six West and Central African administrations (five besides any one
    // of them): X averages (0+20+40+60+80+100)/6 = 50, with its n.
    assert!(
        page.body.contains("Published figures for 2025")
            || page.body.contains("published figures for 2025"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td class=\"number\">50% (n = 6)</td>"),
        "{}",
        page.body
    );
    // The previous validated assessment of Benin (rating 0 → 0%) gives the change.
    assert!(
        page.body.contains("+80"),
        "change since the previous assessment"
    );
    // The radar (issue 19): a draft, so provisional on the page and in the
    // chart; every section named; a legend naming each line; the region's
    // and all Members' averages drawn where they are shown (X), not where
    // they are withheld (P1: nobody scored it).
    let radar = crate::support::radar_of(&page.body);
    assert!(
        page.body
            .contains("<p class=\"alert alert-warning\" id=\"provisional-note\">Provisional: ")
    );
    assert!(
        radar.contains("class=\"provisional\">Provisional: "),
        "{radar}"
    );
    for legend in [
        "Benin – this assessment",
        "Previous assessment",
        "West and Central Africa – published average 2025",
        "All Members – published average 2025",
    ] {
        assert!(
            radar.contains(&format!(">{legend}</text>")),
            "{legend}: {radar}"
        );
    }
    for name in [
        "Cross-cutting Policies – Implementation",
        "Employment and Compensation",
    ] {
        assert!(
            radar.contains(&format!(">{name}</tspan>")),
            "{name}: {radar}"
        );
    }
    for line in ["West and Central Africa", "All Members"] {
        assert!(
            radar.contains(&format!(
                "<title>{line} – published average 2025 – X Cross-cutting Policies – Implementation: 50%</title>"
            )),
            "{radar}"
        );
        assert!(!radar.contains(&format!("{line} – published average 2025 – P1 ")));
    }
    // Validated, it is no longer provisional.
    for transition in ["submit", "validate"] {
        app.json(
            Method::POST,
            &format!("/api/v1/assessments/{follow_up}/transitions"),
            Some(&staff),
            &format!(r#"{{"transition":"{transition}"}}"#),
        )
        .await;
    }
    let validated = app
        .get(&format!("/assessments/{follow_up}/report"), Some(&benin))
        .await;
    assert!(
        !validated.body.contains("provisional"),
        "{}",
        validated.body
    );
}

#[tokio::test]
async fn only_a_recognized_expert_with_a_valid_recognition_may_facilitate_and_validate() {
    let (app, staff, benin, _) = app().await;
    app.user("expert@wco.test", Role::Expert, Some("ZW")).await;
    let expert_id = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("expert@wco.test").expect("valid"))
        .await
        .expect("expert")
        .id
        .0;
    let expert = app.sign_in("expert@wco.test").await;
    let id = start(
        &app,
        &benin,
        r#"{"instrument":"gedhub-geoat-2023","title":"Mission"}"#,
    )
    .await;
    assert_eq!(
        answer(&app, &benin, id, "P1.A.1", r#"{"rating":4}"#)
            .await
            .status,
        StatusCode::OK
    );
    let submitted = app
        .json(
            Method::POST,
            &format!("/api/v1/assessments/{id}/transitions"),
            Some(&benin),
            r#"{"transition":"submit"}"#,
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let contributors = format!("/assessments/{id}/contributors");
    let recognition = format!("/users/{expert_id}/recognition");
    let invite = || {
        app.form(
            Method::POST,
            &contributors,
            Some(&benin),
            "email=expert%40wco.test&facilitator=yes",
        )
    };
    let recognize = |body: &'static str| app.form(Method::POST, &recognition, Some(&staff), body);

    // Not recognized: refused with the reason.
    let refused = invite().await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Recognized GED Expert"),
        "{}",
        refused.body
    );
    // A recognition that lapsed (2020 + 3 years) does not count either.
    assert_eq!(
        recognize("recognized_on=2020-01-01").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(invite().await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let users = app.get("/users", Some(&staff)).await;
    assert!(
        users
            .body
            .contains("Recognition lapsed on 31 December 2022"),
        "{}",
        users.body
    );

    // Renewed: the expert is invited, sees the assessment and validates it.
    assert_eq!(
        recognize("recognized_on=2025-01-01").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(invite().await.status, StatusCode::SEE_OTHER);
    let validated = app
        .json(
            Method::POST,
            &format!("/api/v1/assessments/{id}/transitions"),
            Some(&expert),
            r#"{"transition":"validate"}"#,
        )
        .await;
    assert_eq!(validated.status, StatusCode::OK, "{}", validated.body);

    // Withdrawn: the invitation no longer makes them a facilitator.
    let withdrawn = app
        .form(
            Method::POST,
            &format!("/users/{expert_id}/recognition/withdraw"),
            Some(&staff),
            "",
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/api/v1/assessments/{id}"), Some(&expert))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Only experts can be recognized; the attempt is refused and explained.
    let focal_id = app
        .store()
        .user_by_email(&gedhub_core::Email::parse("focal.bj@wco.test").expect("valid"))
        .await
        .expect("focal")
        .id
        .0;
    let not_expert = app
        .form(
            Method::POST,
            &format!("/users/{focal_id}/recognition"),
            Some(&staff),
            "recognized_on=2025-01-01",
        )
        .await;
    assert_eq!(not_expert.status, StatusCode::CONFLICT);
    assert!(
        not_expert.body.contains("Only an expert account"),
        "{}",
        not_expert.body
    );
}
