//! Action plans: the JSON contract of issue 4 with hand-computed progress,
//! bad input that changes nothing, isolation between administrations, the
//! plan built from a validated assessment's gaps, measurement imports, the
//! reports, the workforce source and the daily reminder job on a fake clock.

use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::TestApp;

/// Today, for every test here: progress depends on it.
const TODAY: &str = "2025-01-01";

async fn app_with_people() -> (TestApp, String, String, String) {
    let app = TestApp::on_day(TODAY).await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("focal@ca.test", Role::FocalPoint, Some("CA"))
        .await;
    app.user("expert@bj.test", Role::Expert, Some("BJ")).await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("focal@bj.test").await;
    let canada = app.sign_in("focal@ca.test").await;
    (app, staff, benin, canada)
}

async fn post_json(
    app: &TestApp,
    cookie: &str,
    path: &str,
    body: &str,
) -> crate::support::TestResponse {
    app.json(Method::POST, path, Some(cookie), body).await
}

async fn created_id(app: &TestApp, cookie: &str, path: &str, body: &str) -> i64 {
    let response = post_json(app, cookie, path, body).await;
    assert_eq!(
        response.status,
        StatusCode::CREATED,
        "{path}: {}",
        response.body
    );
    response.json()["id"].as_i64().expect("an id")
}

/// A plan of Benin with one objective, two actions (one overdue, one done)
/// and one manual indicator measured twice. Returns (plan, indicator).
async fn benin_plan(app: &TestApp, benin: &str) -> (i64, i64) {
    let plan = created_id(
        app,
        benin,
        "/api/v1/action-plans",
        r#"{"title":"GED action plan 2024–2025"}"#,
    )
    .await;
    let objective = created_id(
        app,
        benin,
        &format!("/api/v1/action-plans/{plan}/objectives"),
        r#"{"title":"More women in senior management","indicator_codes":["X.1.1","X.1.2"]}"#,
    )
    .await;
    for (title, due, status) in [
        ("Mentoring programme", "2024-06-30", "not_started"),
        ("Revise promotion rules", "2024-09-30", "done"),
    ] {
        created_id(
            app,
            benin,
            &format!("/api/v1/action-plans/{plan}/actions"),
            &format!(
                r#"{{"objective_id":{objective},"title":"{title}","due_date":"{due}","status":"{status}"}}"#
            ),
        )
        .await;
    }
    let indicator = created_id(
        app,
        benin,
        &format!("/api/v1/action-plans/{plan}/indicators"),
        &format!(
            r#"{{"name":"Women in senior management","unit":"%","baseline_value":20,"baseline_date":"2024-01-01","target_value":40,"target_date":"2026-01-01","objective_id":{objective},"source":"manual"}}"#
        ),
    )
    .await;
    for (date, value) in [("2024-07-01", 24), ("2024-12-31", 28)] {
        let response = post_json(
            app,
            benin,
            &format!("/api/v1/indicators/{indicator}/measurements"),
            &format!(r#"{{"date":"{date}","value":{value},"comment":"HR census"}}"#),
        )
        .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    }
    (plan, indicator)
}

#[tokio::test]
async fn the_contract_gives_exact_progress_status_and_action_counts() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let progress = app
        .get(
            &format!("/api/v1/action-plans/{plan}/progress"),
            Some(&benin),
        )
        .await;
    assert_eq!(progress.status, StatusCode::OK, "{}", progress.body);
    let body = progress.json();
    let item = &body["indicators"][0];
    assert_eq!(item["id"].as_i64(), Some(indicator));
    // Latest on or before 2025-01-01 is 28 on 2024-12-31:
    // progress = (28 − 20) / (40 − 20) × 100 = 40;
    // elapsed = 365 days / 731 days × 100 = 49.9316…; 40 ≥ 49.93 − 10 → on track.
    assert_eq!(item["progress_pct"].as_f64(), Some(40.0));
    let elapsed = item["elapsed_pct"].as_f64().expect("elapsed");
    assert!((elapsed - 365.0 / 731.0 * 100.0).abs() < 1e-9, "{elapsed}");
    assert_eq!(item["status"], "on_track");
    assert_eq!(body["actions"]["overdue"], 1);
    assert_eq!(body["actions"]["done"], 1);
    assert_eq!(body["actions"]["total"], 2);

    // A correction for a date replaces the value and keeps the history.
    let corrected = post_json(
        &app,
        &benin,
        &format!("/api/v1/indicators/{indicator}/measurements"),
        r#"{"date":"2024-12-31","value":22}"#,
    )
    .await;
    assert_eq!(corrected.status, StatusCode::CREATED);
    assert!(corrected.json()["corrects"].as_i64().is_some());
    let history = app
        .get(
            &format!("/api/v1/indicators/{indicator}/measurements"),
            Some(&benin),
        )
        .await
        .json();
    assert_eq!(history.as_array().map(Vec::len), Some(3));
    let progress = app
        .get(
            &format!("/api/v1/action-plans/{plan}/progress"),
            Some(&benin),
        )
        .await
        .json();
    // (22 − 20) / 20 × 100 = 10 < 49.93 − 25 → off track.
    assert_eq!(
        progress["indicators"][0]["progress_pct"].as_f64(),
        Some(10.0)
    );
    assert_eq!(progress["indicators"][0]["status"], "off_track");
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let indicators_path = format!("/api/v1/action-plans/{plan}/indicators");
    let base = r#""name":"X","baseline_value":20,"baseline_date":"2024-01-01","source":"manual""#;
    for (body, code) in [
        (
            format!(r#"{{{base},"unit":"%","target_value":40,"target_date":"2024-01-01"}}"#),
            "target_date_not_after_baseline",
        ),
        (
            format!(r#"{{{base},"unit":"%","target_value":20,"target_date":"2026-01-01"}}"#),
            "target_equals_baseline",
        ),
        (
            format!(r#"{{{base},"unit":"furlongs","target_value":40,"target_date":"2026-01-01"}}"#),
            "unknown_unit",
        ),
    ] {
        let response = post_json(&app, &benin, &indicators_path, &body).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(response.error_code(), code, "{}", response.body);
        assert!(
            !response.json()["errors"][0]["detail"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "a readable message"
        );
    }
    let measurements = format!("/api/v1/indicators/{indicator}/measurements");
    for body in [
        r#"{"date":"2025-01-01"}"#,
        r#"{"date":"2025-01-01","value":null}"#,
    ] {
        let response = post_json(&app, &benin, &measurements, body).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(response.error_code(), "required");
    }
    let response = post_json(
        &app,
        &benin,
        &measurements,
        r#"{"date":"31/12/2024","value":3}"#,
    )
    .await;
    assert_eq!(response.error_code(), "invalid_date");
    let action = post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/actions"),
        r#"{"objective_id":999,"title":"Nowhere","due_date":"2025-01-31","status":"not_started"}"#,
    )
    .await;
    assert_eq!(action.error_code(), "unknown_objective");
    // An objective addresses indicators of the instrument, not typos.
    let objective = post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/objectives"),
        r#"{"title":"Nowhere","indicator_codes":["X.1.1","Z.9.9"]}"#,
    )
    .await;
    assert_eq!(
        objective.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        objective.body
    );
    assert_eq!(objective.error_code(), "unknown_indicator");
    let detail = app
        .get(&format!("/api/v1/action-plans/{plan}"), Some(&benin))
        .await
        .json();
    assert_eq!(detail["indicators"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["actions"].as_array().map(Vec::len), Some(2));
    let history = app.get(&measurements, Some(&benin)).await.json();
    assert_eq!(history.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn no_member_sees_another_members_plan_and_the_secretariat_sees_all() {
    let (app, staff, benin, canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let expert = app.sign_in("expert@bj.test").await;
    for cookie in [&canada, &expert] {
        for path in [
            format!("/api/v1/action-plans/{plan}"),
            format!("/api/v1/action-plans/{plan}/progress"),
            format!("/api/v1/indicators/{indicator}/measurements"),
            format!("/plans/{plan}"),
            format!("/plans/{plan}/indicators/{indicator}"),
            format!("/plans/{plan}/report.pdf"),
        ] {
            assert_eq!(
                app.get(&path, Some(cookie)).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let write = post_json(
            &app,
            cookie,
            &format!("/api/v1/indicators/{indicator}/measurements"),
            r#"{"date":"2024-10-01","value":99}"#,
        )
        .await;
        assert_eq!(write.status, StatusCode::NOT_FOUND);
    }
    let list = app.get("/api/v1/action-plans", Some(&canada)).await.json();
    assert_eq!(list.as_array().map(Vec::len), Some(0));
    assert!(
        !app.get("/plans", Some(&canada))
            .await
            .body
            .contains("GED action plan 2024")
    );
    // The Secretariat's overview lists every Member's plans with their figures.
    let overview = app.get("/plans", Some(&staff)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview.body.contains("GED action plan 2024–2025"),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("Benin"));
    // One indicator, on track: 100 % of the plan's indicators on track.
    assert!(
        overview.body.contains("<td class=\"number\">100%</td>"),
        "{}",
        overview.body
    );
}

#[tokio::test]
async fn a_plan_starts_from_a_validated_assessments_gaps_and_links_back() {
    let (app, staff, benin, _canada) = app_with_people().await;
    let assessment = created_id(
        &app,
        &benin,
        "/api/v1/assessments",
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic 2024"}"#,
    )
    .await;
    for (code, rating) in [("X.1.1", 0), ("X.1.2", 4), ("P1.A.1", 1)] {
        let response = app
            .json(
                Method::PUT,
                &format!("/api/v1/assessments/{assessment}/answers/{code}"),
                Some(&benin),
                &format!(r#"{{"rating":{rating}}}"#),
            )
            .await;
        assert!(response.status.is_success(), "{}", response.body);
    }
    // Only a validated assessment may found a plan.
    let too_early = post_json(
        &app,
        &benin,
        "/api/v1/action-plans",
        &format!(r#"{{"title":"Too early","assessment_id":{assessment}}}"#),
    )
    .await;
    assert_eq!(too_early.error_code(), "assessment_not_validated");
    for (cookie, transition) in [(&benin, "submit"), (&staff, "validate")] {
        let response = post_json(
            &app,
            cookie,
            &format!("/api/v1/assessments/{assessment}/transitions"),
            &format!(r#"{{"transition":"{transition}"}}"#),
        )
        .await;
        assert!(
            response.status.is_success(),
            "{transition}: {}",
            response.body
        );
    }
    let form = app
        .get(&format!("/plans/new?assessment={assessment}"), Some(&benin))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    for gap in ["X.1.1", "P1.A.1"] {
        assert!(
            form.body.contains(&format!("value=\"{gap}\"")),
            "gap {gap} offered"
        );
    }
    assert!(
        !form.body.contains("value=\"X.1.2\""),
        "a strength is not a gap"
    );
    // Nothing is chosen for the user; the gaps come by section.
    assert!(
        !form.body.contains(" checked>"),
        "no gap is ticked in advance"
    );
    assert!(form.body.contains(r#"<fieldset class="gap-section">"#));
    // A refused form comes back as typed, the problem at its field.
    let refused = app
        .form(
            Method::POST,
            "/plans",
            Some(&benin),
            &format!("title=From+the+diagnostic&assessment_id={assessment}&gap=P1.A.1&period_start=2025-02-30&period_end=2026-12-31&owner=HR+directorate"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains(r#"value="From the diagnostic""#),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(r#"value="HR directorate""#));
    assert!(refused.body.contains(r#"value="P1.A.1" checked>"#));
    assert!(!refused.body.contains(r#"value="X.1.1" checked>"#));
    assert!(refused.body.contains(r#"id="period_start-problem""#));
    assert!(refused.body.contains(r##"href="#period_start""##));
    let created = app
        .form(
            Method::POST,
            "/plans",
            Some(&benin),
            &format!("title=From+the+diagnostic&assessment_id={assessment}&gap=X.1.1&gap=P1.A.1&period_start=2025-01-01&period_end=2026-12-31&owner=HR"),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.header("location");
    let plan: i64 = location
        .trim_start_matches("/plans/")
        .parse()
        .expect("plan id");
    let detail = app
        .get(&format!("/api/v1/action-plans/{plan}"), Some(&benin))
        .await
        .json();
    assert_eq!(detail["assessment_id"].as_i64(), Some(assessment));
    let codes: Vec<&str> = detail["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .filter_map(|o| o["indicator_codes"][0].as_str())
        .collect();
    assert_eq!(codes, ["X.1.1", "P1.A.1"]);
    let page = app.get(&location, Some(&benin)).await;
    assert!(page.body.contains("<code>P1.A.1</code>"), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("/assessments/{assessment}/report"))
    );
    // And back: the diagnostic's gaps name the plan objectives addressing them.
    let report = app
        .get(&format!("/assessments/{assessment}/report"), Some(&benin))
        .await;
    assert!(report.body.contains("Addressed by"), "{}", report.body);
    assert!(report.body.contains(&format!("href=\"/plans/{plan}\"")));
    // Gaps and objectives lead to what others did: published practices of
    // the same key element (P1.A), never a draft.
    let practice = |title: &str, draft: bool| {
        format!(
            r#"{{"administration":"CA","year":2024,"areas":["P1"],"key_elements":["P1.A"],"title":"{title}","summary":"S","what_was_done":"D","results":"R","contact":"c","language":"en","draft":{draft}}}"#
        )
    };
    let published = created_id(
        &app,
        &staff,
        "/api/v1/practices",
        &practice("Pay audit shared", false),
    )
    .await;
    let publish = post_json(
        &app,
        &staff,
        &format!("/api/v1/practices/{published}/publish"),
        "",
    )
    .await;
    assert_eq!(publish.status, StatusCode::OK, "{}", publish.body);
    created_id(
        &app,
        &staff,
        "/api/v1/practices",
        &practice("Secret draft", true),
    )
    .await;
    for page in [
        format!("/assessments/{assessment}/report"),
        location.clone(),
    ] {
        let body = app.get(&page, Some(&benin)).await.body;
        assert!(
            body.contains(&format!("href=\"/practices/{published}\"")),
            "{page}: {body}"
        );
        assert!(body.contains("Pay audit shared"));
        assert!(!body.contains("Secret draft"));
        assert!(body.contains("/practices?area=P1"));
    }
    // On the report, a key element's practices come once, after its gaps.
    let report = app
        .get(&format!("/assessments/{assessment}/report"), Some(&benin))
        .await;
    assert_eq!(
        report
            .body
            .matches(&format!("href=\"/practices/{published}\""))
            .count(),
        1
    );
    assert!(
        report.body.contains(r#"<h3 class="key-element">P1.A – "#),
        "{}",
        report.body
    );
}

#[tokio::test]
async fn a_geoat_score_feeds_an_indicator_from_each_validated_assessment() {
    // The real clock: the assessment is validated today, and today's value counts.
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("focal@bj.test", Role::FocalPoint, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("focal@bj.test").await;
    let assessment = created_id(
        &app,
        &benin,
        "/api/v1/assessments",
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
    )
    .await;
    for (code, rating) in [("X.1.1", 0), ("X.1.2", 4), ("P1.A.1", 1)] {
        app.json(
            Method::PUT,
            &format!("/api/v1/assessments/{assessment}/answers/{code}"),
            Some(&benin),
            &format!(r#"{{"rating":{rating}}}"#),
        )
        .await;
    }
    for (cookie, transition) in [(&benin, "submit"), (&staff, "validate")] {
        post_json(
            &app,
            cookie,
            &format!("/api/v1/assessments/{assessment}/transitions"),
            &format!(r#"{{"transition":"{transition}"}}"#),
        )
        .await;
    }
    let plan = created_id(
        &app,
        &benin,
        "/api/v1/action-plans",
        r#"{"title":"GEOAT plan"}"#,
    )
    .await;
    for body in [
        r#"{"name":"Section X score","unit":"%","baseline_value":20,"baseline_date":"2020-01-01","target_value":60,"target_date":"2040-01-01","source":"assessment","section":"X"}"#,
        r#"{"name":"Overall score","unit":"%","baseline_value":20,"baseline_date":"2020-01-01","target_value":60,"target_date":"2040-01-01","source":"assessment"}"#,
    ] {
        created_id(
            &app,
            &benin,
            &format!("/api/v1/action-plans/{plan}/indicators"),
            body,
        )
        .await;
    }
    let progress = app
        .get(
            &format!("/api/v1/action-plans/{plan}/progress"),
            Some(&benin),
        )
        .await
        .json();
    // Section X: (0 + 4) / (5 × 2) = 40 %; overall: (0 + 4 + 1) / (5 × 3) = 33.3… %.
    let latest: Vec<f64> = progress["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .filter_map(|i| i["latest_value"].as_f64())
        .collect();
    assert_eq!(latest.len(), 2, "{progress}");
    assert!((latest[0] - 40.0).abs() < 1e-9, "{latest:?}");
    assert!((latest[1] - 100.0 / 3.0).abs() < 1e-9, "{latest:?}");
}

pub fn multipart(file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "planimportboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(
    app: &TestApp,
    cookie: &str,
    path: &str,
    file_name: &str,
    content: &[u8],
) -> crate::support::TestResponse {
    let (content_type, body) = multipart(file_name, content);
    let request = TestApp::request(Method::POST, path, Some(cookie))
        .header("content-type", content_type)
        .body(axum::body::Body::from(body))
        .expect("request");
    app.send(request).await
}

#[tokio::test]
async fn an_import_with_bad_rows_is_refused_whole_and_a_clean_one_is_recorded() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let path = format!("/plans/{plan}/indicators/{indicator}/import");
    let bad = "date,value,comment\n2024-03-31,21\n2024-13-01,22\n2024-06-30,abc\n";
    let refused = upload(&app, &benin, &path, "values.csv", bad.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("2 problems were found; nothing was imported."),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("<td class=\"number\">3</td>"),
        "line 3 is named"
    );
    assert!(
        refused.body.contains("<td class=\"number\">4</td>"),
        "line 4 is named"
    );
    let history = format!("/api/v1/indicators/{indicator}/measurements");
    assert_eq!(
        app.get(&history, Some(&benin))
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let workbook = gedhub_web::workbooks::write_xlsx(&[gedhub_core::instrument::Sheet {
        name: "Valeurs".into(),
        rows: vec![
            vec!["Date".into(), "Valeur".into(), "Commentaire".into()],
            vec!["2024-03-31".into(), "21".into(), "T1".into()],
            vec!["2024-09-30".into(), "25.5".into(), "T3".into()],
        ],
    }])
    .expect("workbook");
    let imported = upload(&app, &benin, &path, "values.xlsx", &workbook).await;
    assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
    let rows = app.get(&history, Some(&benin)).await.json();
    assert_eq!(rows.as_array().map(Vec::len), Some(4));
    let page = app
        .get(
            &format!("/plans/{plan}/indicators/{indicator}"),
            Some(&benin),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "the chart is drawn");
    assert!(page.body.contains("25.5%"));
}

/// A measurement records what was observed: a value dated after today is
/// refused, typed in (422 `measurement_in_future`) or imported (at its line, the
/// whole file refused), and nothing is recorded.
#[tokio::test]
async fn a_measurement_dated_in_the_future_is_refused() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let history = format!("/api/v1/indicators/{indicator}/measurements");
    let before = app.get(&history, Some(&benin)).await.json();
    let typed = post_json(&app, &benin, &history, r#"{"date":"2099-12-31","value":3}"#).await;
    assert_eq!(
        typed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        typed.body
    );
    assert_eq!(typed.error_code(), "measurement_in_future");
    assert_eq!(
        typed.json()["errors"][0]["detail"],
        "Date: This date has not come yet: a measurement records what was observed (planned values are milestones or the target)."
    );
    let path = format!("/plans/{plan}/indicators/{indicator}/import");
    let file = "date,value\n2024-03-31,21\n2099-01-31,30\n";
    let imported = upload(&app, &benin, &path, "values.csv", file.as_bytes()).await;
    assert_eq!(
        imported.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        imported.body
    );
    assert!(
        imported.body.contains("<td class=\"number\">3</td>"),
        "line 3 is named: {}",
        imported.body
    );
    assert!(
        imported.body.contains("This date has not come yet"),
        "{}",
        imported.body
    );
    assert_eq!(app.get(&history, Some(&benin)).await.json(), before);
}

#[tokio::test]
async fn the_progress_report_downloads_as_pdf_and_excel_in_both_languages() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, _) = benin_plan(&app, &benin).await;
    let (status, pdf) =
        crate::support::raw_get(&app, &format!("/plans/{plan}/report.pdf?lang=fr"), &benin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    let (status, xlsx) =
        crate::support::raw_get(&app, &format!("/plans/{plan}/report.xlsx?lang=fr"), &benin).await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&xlsx).expect("a workbook");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Synthèse", "Indicateurs", "Actions", "Mesures"]);
    let indicators = &sheets[1].rows;
    assert_eq!(indicators[1][0], "Women in senior management");
    assert_eq!(indicators[1][6], "En bonne voie");
    assert_eq!(sheets[3].rows.len(), 3, "header and two measurements");
}

/// The plan PDF's tables wrap long texts inside their cells (issue 19: an
/// action's title, owner and notes were printed over each other): in both
/// languages every text comes out whole and in order, and no two words
/// on a page cover each other.
#[tokio::test]
async fn long_action_texts_wrap_in_their_cells_in_the_plan_pdf() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let objective_title = "More women in senior management positions across all regional directorates and border posts";
    let title = "Set up a mentoring programme pairing every newly promoted woman officer with a senior manager from another directorate for twelve months";
    let responsible = "Directorate of Human Resources and Professional Development, Training and Careers Division";
    let notes = "Two cohorts started in March and September; the third waits until the travel budget between regional offices is approved by the finance committee";
    let indicator_name = "Share of women among the heads of regional directorates, border posts and headquarters divisions";
    let plan = created_id(
        &app,
        &benin,
        "/api/v1/action-plans",
        r#"{"title":"Plan with long texts"}"#,
    )
    .await;
    let objective = created_id(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/objectives"),
        &format!(r#"{{"title":"{objective_title}"}}"#),
    )
    .await;
    for due in ["2024-06-30", "2025-09-30"] {
        created_id(
            &app,
            &benin,
            &format!("/api/v1/action-plans/{plan}/actions"),
            &format!(
                r#"{{"objective_id":{objective},"title":"{title}","responsible":"{responsible}","progress_notes":"{notes}","due_date":"{due}","status":"in_progress"}}"#
            ),
        )
        .await;
    }
    created_id(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/indicators"),
        &format!(
            r#"{{"name":"{indicator_name}","unit":"count","baseline_value":2500000,"baseline_date":"2024-01-01","target_value":12500000,"target_date":"2026-01-01","objective_id":{objective},"source":"manual"}}"#
        ),
    )
    .await;
    for lang in ["en", "fr"] {
        let (status, pdf) = crate::support::raw_get(
            &app,
            &format!("/plans/{plan}/report.pdf?lang={lang}"),
            &benin,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let Some(words) = crate::support::pdf_words(&pdf) else {
            eprintln!("NOTE: pdftotext not found (poppler-utils); the layout was not checked");
            return;
        };
        let squash = |text: &str| text.split_whitespace().collect::<String>();
        let drawn = squash(
            &words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
        // A word hyphenated at the end of a line (Typst marks the break
        // with a soft hyphen).
        .replace(['-', '\u{ad}'], "");
        for text in [objective_title, title, responsible, notes, indicator_name] {
            assert!(
                drawn.contains(&squash(text).replace("-", "")),
                "{lang}: {text:?} is not whole and in order in {drawn}"
            );
        }
        // Both actions, each text in its row.
        assert!(
            drawn.matches(&squash(notes).replace("-", "")).count() == 2,
            "{lang}"
        );
        for (index, word) in words.iter().enumerate() {
            for other in &words[index + 1..] {
                assert!(
                    !word.overlaps(other),
                    "{lang}: {word:?} is printed over {other:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_workforce_statistic_feeds_an_indicator_without_typing() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    crate::support::store_workforce_report(&app, "BJ", 2024).await;
    let plan = created_id(
        &app,
        &benin,
        "/api/v1/action-plans",
        r#"{"title":"Workforce plan"}"#,
    )
    .await;
    let indicator = created_id(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/indicators"),
        r#"{"name":"Women's share of staff","unit":"%","baseline_value":40,"baseline_date":"2024-01-01","target_value":60,"target_date":"2026-01-01","source":"workforce","statistic":"workers.female_share_pct"}"#,
    )
    .await;
    let progress = app
        .get(
            &format!("/api/v1/action-plans/{plan}/progress"),
            Some(&benin),
        )
        .await
        .json();
    // The small extract has 13 women among 26 workers: 50 % on 2024-12-31,
    // progress (50 − 40) / (60 − 40) × 100 = 50.
    assert_eq!(progress["indicators"][0]["latest_date"], "2024-12-31");
    assert_eq!(
        progress["indicators"][0]["progress_pct"].as_f64(),
        Some(50.0)
    );
    // Its values come from the source: typing one is refused.
    let typed = post_json(
        &app,
        &benin,
        &format!("/api/v1/indicators/{indicator}/measurements"),
        r#"{"date":"2024-12-31","value":55}"#,
    )
    .await;
    assert_eq!(typed.error_code(), "not_manual");
    let unknown = post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/indicators"),
        r#"{"name":"X","unit":"%","baseline_value":40,"baseline_date":"2024-01-01","target_value":60,"target_date":"2026-01-01","source":"workforce","statistic":"no.such"}"#,
    )
    .await;
    assert_eq!(unknown.error_code(), "unknown_statistic");
}

#[tokio::test]
async fn the_reminder_job_runs_once_per_day_across_servers_and_catches_up() {
    use gedhub_web::reminders::{RunOutcome, catch_up, deliver_emails, run_reminders};
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, _) = benin_plan(&app, &benin).await;
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    // A draft plan is not monitored yet: nobody is reminded.
    assert_eq!(
        run_reminders(app.store(), day("2024-12-30"))
            .await
            .expect("run"),
        RunOutcome::Ran { people: 0 }
    );
    let adopted = post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/status"),
        r#"{"status":"adopted"}"#,
    )
    .await;
    assert_eq!(adopted.status, StatusCode::OK, "{}", adopted.body);
    // 2025-01-02: the mentoring action (due 2024-06-30) is overdue; the
    // quarterly indicator measured on 2024-12-31 is not due before 2025-03-31.
    let second_server = gedhub_store::Store::connect(&app.db.url)
        .await
        .expect("pool");
    let (first, second) = tokio::join!(
        run_reminders(app.store(), day("2025-01-02")),
        run_reminders(&second_server, day("2025-01-02"))
    );
    let outcomes = [first.expect("first"), second.expect("second")];
    assert!(
        outcomes.contains(&RunOutcome::Ran { people: 1 }),
        "{outcomes:?}"
    );
    assert!(outcomes.contains(&RunOutcome::AlreadyDone), "{outcomes:?}");
    assert_eq!(
        catch_up(app.store(), day("2025-01-02"))
            .await
            .expect("again"),
        RunOutcome::AlreadyDone
    );
    // The notification is in the app, in the user's language.
    let page = app.get("/notifications", Some(&benin)).await;
    assert!(
        page.body
            .contains("Overdue since 2024-06-30: Mentoring programme"),
        "{}",
        page.body
    );
    // Without SMTP, the e-mail goes to the outbox folder, once.
    let outbox = tempfile::tempdir().expect("outbox");
    let mailer = gedhub_web::mail::Mailer::outbox(outbox.path(), "gedhub <no-reply@gedhub.test>");
    assert_eq!(
        deliver_emails(app.store(), &mailer).await.expect("deliver"),
        1
    );
    assert_eq!(
        deliver_emails(&second_server, &mailer)
            .await
            .expect("deliver"),
        0
    );
    let files: Vec<_> = std::fs::read_dir(outbox.path()).expect("outbox").collect();
    assert_eq!(files.len(), 1);
    // After downtime, the next check runs the missing day once; on
    // 2025-04-01 the indicator's quarterly measurement is due as well.
    assert_eq!(
        catch_up(app.store(), day("2025-04-01"))
            .await
            .expect("catch up"),
        RunOutcome::Ran { people: 1 }
    );
    let page = app.get("/notifications", Some(&benin)).await;
    assert!(
        page.body
            .contains("Measurement due since 2025-03-31: Women in senior management"),
        "{}",
        page.body
    );
    let read = app
        .form(
            Method::POST,
            "/notifications/read",
            Some(&benin),
            "up_to=1000",
        )
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store()
            .unread_notifications(
                app.store()
                    .user_by_email(&gedhub_core::Email::parse("focal@bj.test").expect("e-mail"))
                    .await
                    .expect("user")
                    .id
            )
            .await
            .expect("count"),
        0
    );
}

#[tokio::test]
async fn plan_details_can_be_edited_until_the_plan_is_closed_and_kept_as_a_record() {
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, indicator) = benin_plan(&app, &benin).await;
    let details = format!("/plans/{plan}/details");
    let edited = app
        .form(
            Method::POST,
            &details,
            Some(&benin),
            "title=Renamed+plan&period_start=2024-01-01&period_end=2026-12-31&owner=HR+directorate",
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let shown = app
        .get(&format!("/api/v1/action-plans/{plan}"), Some(&benin))
        .await
        .json();
    assert_eq!(shown["title"], "Renamed plan");
    assert_eq!(shown["period_end"], "2026-12-31");
    let backwards = app
        .form(
            Method::POST,
            &details,
            Some(&benin),
            "title=Renamed+plan&period_start=2026-01-01&period_end=2025-01-01",
        )
        .await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        backwards
            .body
            .contains("The end of the period must be after its start.")
    );
    for status in ["adopted", "closed"] {
        let response = post_json(
            &app,
            &benin,
            &format!("/api/v1/action-plans/{plan}/status"),
            &format!(r#"{{"status":"{status}"}}"#),
        )
        .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let late = post_json(
        &app,
        &benin,
        &format!("/api/v1/indicators/{indicator}/measurements"),
        r#"{"date":"2024-12-31","value":30}"#,
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.error_code(), "plan_closed");
    let renamed = app
        .form(Method::POST, &details, Some(&benin), "title=Too+late")
        .await;
    assert_eq!(renamed.status, StatusCode::CONFLICT);
    let reopened = post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/status"),
        r#"{"status":"adopted"}"#,
    )
    .await;
    assert_eq!(
        reopened.status,
        StatusCode::CONFLICT,
        "a closed plan is not reopened"
    );
    // Still readable, with its values.
    let progress = app
        .get(
            &format!("/api/v1/action-plans/{plan}/progress"),
            Some(&benin),
        )
        .await;
    assert_eq!(progress.status, StatusCode::OK);
}

#[tokio::test]
async fn an_action_can_name_the_account_that_is_reminded() {
    use gedhub_web::reminders::{RunOutcome, run_reminders};
    let (app, _staff, benin, _canada) = app_with_people().await;
    let (plan, _) = benin_plan(&app, &benin).await;
    let detail = app
        .get(&format!("/api/v1/action-plans/{plan}"), Some(&benin))
        .await
        .json();
    let objective = detail["objectives"][0]["id"].as_i64().expect("objective");
    let actions = format!("/api/v1/action-plans/{plan}/actions");
    let body = |email: &str| {
        format!(
            r#"{{"objective_id":{objective},"title":"Publish the harassment procedure","due_date":"2024-11-30","status":"in_progress","responsible":"Inspection","responsible_email":"{email}"}}"#
        )
    };
    let other_member = post_json(&app, &benin, &actions, &body("focal@ca.test")).await;
    assert_eq!(
        other_member.error_code(),
        "responsible_not_in_administration"
    );
    let unknown = post_json(&app, &benin, &actions, &body("nobody@bj.test")).await;
    assert_eq!(unknown.error_code(), "unknown_account");
    created_id(&app, &benin, &actions, &body("expert@bj.test")).await;
    post_json(
        &app,
        &benin,
        &format!("/api/v1/action-plans/{plan}/status"),
        r#"{"status":"adopted"}"#,
    )
    .await;
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 2).expect("day");
    // The plan's owner (the mentoring action) and the named account.
    assert_eq!(
        run_reminders(app.store(), day).await.expect("run"),
        RunOutcome::Ran { people: 2 }
    );
    let expert = app.sign_in("expert@bj.test").await;
    let page = app.get("/notifications", Some(&expert)).await;
    assert!(
        page.body
            .contains("Overdue since 2024-11-30: Publish the harassment procedure"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Mentoring programme"));
}

/// The dashboard is a to-do list (issue 19): a focal point is led through
/// the diagnostic cycle step by step, and the Secretariat sees the
/// diagnostic waiting for its validation.
#[tokio::test]
async fn the_dashboard_leads_a_focal_point_through_the_diagnostic_cycle() {
    let (app, staff, benin, _canada) = app_with_people().await;
    let dashboard = |cookie: &str| {
        let cookie = cookie.to_owned();
        let app = &app;
        async move { app.get("/dashboard", Some(&cookie)).await.body }
    };
    assert!(
        dashboard(&benin).await.contains(
            r#"<a href="/assessments">Start your administration’s GEOAT diagnostic.</a>"#
        )
    );
    assert!(
        dashboard(&staff)
            .await
            .contains("Nothing is waiting for you.")
    );

    let assessment = created_id(
        &app,
        &benin,
        "/api/v1/assessments",
        r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic 2024"}"#,
    )
    .await;
    assert!(dashboard(&benin).await.contains(&format!(
        r#"<a href="/assessments/{assessment}">Continue the diagnostic “Diagnostic 2024”"#
    )));

    let transition = |cookie: &str, name: &str| {
        let (cookie, name) = (cookie.to_owned(), name.to_owned());
        let app = &app;
        async move {
            let response = post_json(
                app,
                &cookie,
                &format!("/api/v1/assessments/{assessment}/transitions"),
                &format!(r#"{{"transition":"{name}"}}"#),
            )
            .await;
            assert!(response.status.is_success(), "{name}: {}", response.body);
        }
    };
    transition(&benin, "submit").await;
    assert!(
        dashboard(&benin)
            .await
            .contains("is submitted: the Secretariat will validate it.")
    );
    assert!(
        dashboard(&staff)
            .await
            .contains(r#"<a href="/assessments">One diagnostic waits for validation.</a>"#)
    );

    transition(&staff, "validate").await;
    assert!(dashboard(&benin).await.contains(&format!(
        r#"<a href="/plans/new?assessment={assessment}">Build an action plan from the gaps of “Diagnostic 2024”.</a>"#
    )));
    assert!(!dashboard(&staff).await.contains("waits for validation"));

    let plan = created_id(
        &app,
        &benin,
        "/api/v1/action-plans",
        &format!(r#"{{"title":"Plan 2025","assessment_id":{assessment}}}"#),
    )
    .await;
    assert!(plan > 0);
    assert!(
        dashboard(&benin)
            .await
            .contains(r#"<a href="/plans">Follow your action plan"#)
    );
}
