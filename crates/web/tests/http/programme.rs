//! The programme overview (issue 8): the Secretariat's dashboard and API,
//! and isolation: a focal point sees their own Member and aggregates
//! suppressed below five administrations, never another Member's figures,
//! even with filters narrowed to one Member.

use axum::http::StatusCode;
use gedhub_core::Role;

use crate::support::TestApp;

/// Stores a report with `women` women and `men` men (one woman and one man
/// among them managers) for `code` and `year`.
pub(crate) async fn store_report(app: &TestApp, code: &str, year: i32, women: u32, men: u32) {
    let mut csv = String::from(
        "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n",
    );
    for i in 0..women {
        let level = if i == 0 { "top" } else { "none" };
        csv.push_str(&format!("f{i},F,G1,Officers,36000,0,40,{level}\n"));
    }
    for i in 0..men {
        let level = if i == 0 { "top" } else { "none" };
        csv.push_str(&format!("m{i},M,G1,Officers,40000,0,40,{level}\n"));
    }
    let report = gedhub_web::workforce::compute(
        csv.as_bytes(),
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
                rows_read: u64::from(women + men),
                min_group: 10,
            },
        )
        .await
        .expect("stored");
}

/// Five European Members at 50 % women, Benin (WCA) at 25 %, and Côte
/// d'Ivoire (WCA) with a distinctive 29 of 37 (78.378… %), all in 2024.
async fn programme_app() -> TestApp {
    let app = TestApp::new().await;
    for code in ["BE", "FR", "DE", "IT", "ES"] {
        store_report(&app, code, 2024, 20, 20).await;
    }
    store_report(&app, "BJ", 2024, 10, 30).await;
    store_report(&app, "CI", 2024, 29, 8).await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    app.user("fp.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    app.user("expert@wco.test", Role::Expert, Some("BJ")).await;
    app
}

#[tokio::test]
async fn the_secretariat_gets_every_member_and_the_programme_figures() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    let response = app
        .get("/api/v1/programme/summary?year=2024", Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let json = response.json();
    assert_eq!(json["members"].as_array().expect("rows").len(), 186);
    let women = &json["figures"]["women"];
    // 10·20 + 10 + 29 = 139 women of 5·40 + 40 + 37 = 277 staff.
    let weighted = women["staff_weighted"]["value"].as_f64().expect("shown");
    assert!((weighted - 139.0 / 277.0 * 100.0).abs() < 1e-9);
    assert_eq!(women["staff_weighted"]["administrations"], 7);
    // Mean of 50,50,50,50,50,25,78.378…
    let unweighted = women["staff_unweighted"]["value"].as_f64().expect("shown");
    assert!((unweighted - (250.0 + 25.0 + 2900.0 / 37.0) / 7.0).abs() < 1e-9);
    // Managers: one woman and one man in each: 50 % everywhere.
    assert_eq!(women["management_weighted"]["value"].as_f64(), Some(50.0));

    // Europe passes the threshold, West and Central Africa (2 reports) does not.
    let regions = json["regions"].as_array().expect("regions");
    let region = |code: &str| {
        regions
            .iter()
            .find(|r| r["region"] == code)
            .expect("region")
            .clone()
    };
    assert_eq!(
        region("EUR")["women_staff_weighted"]["value"].as_f64(),
        Some(50.0)
    );
    let wca = region("WCA");
    assert!(wca["women_staff_weighted"]["value"].is_null());
    assert_eq!(
        wca["women_staff_weighted"]["suppressed"],
        "fewer_than_5_administrations"
    );
    assert_eq!(wca["women_staff_weighted"]["administrations"], 2);

    // Filtered to a region: only its Members.
    let response = app
        .get(
            "/api/v1/programme/summary?year=2024&region=WCA",
            Some(&cookie),
        )
        .await;
    let json = response.json();
    let rows = json["members"].as_array().expect("rows");
    assert!(rows.iter().all(|row| row["region"] == "WCA"));
    assert!(json["figures"]["women"]["staff_weighted"]["value"].is_null());

    // Another year: nobody reported.
    let json = app
        .get("/api/v1/programme/summary?year=2023", Some(&cookie))
        .await
        .json();
    assert_eq!(json["figures"]["workforce_reporting"], 0);
}

#[tokio::test]
async fn bad_filters_are_422_with_the_error_envelope() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    for (query, code) in [
        ("year=20x4", "invalid_year"),
        ("year=1066", "invalid_year"),
        ("region=MARS", "unknown_region"),
        ("language=tlh", "unknown_language"),
    ] {
        let response = app
            .get(&format!("/api/v1/programme/summary?{query}"), Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(response.error_code(), code, "{query}");
        let page = app.get(&format!("/programme?{query}"), Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        // Not a dead end: the overview itself, the problem at its field.
        assert!(page.body.contains(r#"id="programme-filters""#), "{query}");
        assert!(page.body.contains(r#"-problem""#), "{query}: {}", page.body);
    }
    // The valid filters still apply, and the bad year is shown as typed.
    let page = app
        .get("/programme?region=WCA&year=20x4", Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(r#"value="20x4" aria-invalid="true""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r##"<a href="#year">"##), "{}", page.body);
    assert!(page.body.contains(r#"id="year-problem""#), "{}", page.body);
    assert!(
        page.body.contains(r#"<option value="WCA" selected>"#),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Belgium"), "the region filter applies");
}

#[tokio::test]
async fn a_focal_point_sees_only_their_member_and_the_published_figures() {
    let app = programme_app().await;
    let cookie = app.sign_in("fp.bj@wco.test").await;
    for query in ["", "?year=2024"] {
        let response = app
            .get(&format!("/api/v1/programme/summary{query}"), Some(&cookie))
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{query}: {}",
            response.body
        );
        let json = response.json();
        assert!(json["figures"].is_null(), "{query}");
        let rows = json["members"].as_array().expect("rows");
        // 2025 is published too, but has no data: without a year, the
        // latest published year with data.
        assert_eq!(json["period"], 2024, "{query}");
        assert_eq!(json["periods"].as_array().map(Vec::len), Some(6));
        assert_eq!(rows.len(), 1, "{query}");
        assert_eq!(rows[0]["code"], "BJ");
        // Côte d'Ivoire's 78.378… % and its headcounts appear nowhere, nor
        // its code or name.
        for needle in ["78.3", "\"CI\"", "Ivoire", "\"staff\":37"] {
            assert!(
                !response.body.contains(needle),
                "{query}: {needle} in {}",
                response.body
            );
        }
    }
    let json = app
        .get("/api/v1/programme/summary?year=2024", Some(&cookie))
        .await
        .json();
    // The region (2 reports) is withheld; so is Europe (5: each of them
    // would read the other four's sum).
    let own_region = &json["own_region"]["women"]["staff_weighted"];
    assert!(own_region["value"].is_null());
    assert_eq!(
        own_region["suppressed"],
        "fewer_than_5_other_administrations"
    );
    assert_eq!(own_region["administrations"], 2);
    let europe = json["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|r| r["selection"] == "EUR")
        .expect("Europe")
        .clone();
    assert!(europe["women"]["staff_weighted"]["value"].is_null());
    // All seven together: 139 women of 277 staff, one decimal.
    let global = &json["aggregates"]["women"]["staff_weighted"];
    assert_eq!(global["value"].as_f64(), Some(50.2));
    assert_eq!(global["administrations"], 7);

    // Only published selections: no region, no language, no open year.
    for (query, field, code) in [
        ("year=2024&region=WCA", "region", "selection_not_published"),
        (
            "year=2024&language=fr",
            "language",
            "selection_not_published",
        ),
        ("year=2026", "year", "period_not_published"),
        ("year=2019", "year", "period_not_published"),
    ] {
        let response = app
            .get(&format!("/api/v1/programme/summary?{query}"), Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(response.error_code(), code, "{query}: {}", response.body);
        assert!(response.body.contains(field), "{query}");
    }

    // The position page: own figures, no other Member's.
    let page = app
        .get("/programme/position?year=2024", Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Benin"));
    assert!(page.body.contains("25.0%"), "own share shown");
    assert!(page.body.contains("Published figures for 2024"));
    for needle in ["78.4", "78,4", "Ivoire", "/programme/members/"] {
        assert!(!page.body.contains(needle), "{needle} on the position page");
    }
    assert!(
        page.body
            .contains("Not shown (fewer than 5 administrations besides any one of them)")
    );
    assert!(
        page.body
            .contains("<option value=\"2024\" selected>2024</option>")
    );
}

#[tokio::test]
async fn only_the_secretariat_sees_the_dashboard() {
    let app = programme_app().await;
    let focal_point = app.sign_in("fp.bj@wco.test").await;
    let expert = app.sign_in("expert@wco.test").await;
    for path in [
        "/programme",
        "/programme/members/BJ",
        "/programme/members/CI",
    ] {
        assert_eq!(
            app.get(path, Some(&focal_point)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let response = app.get("/api/v1/programme/summary", Some(&expert)).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/programme/position", Some(&expert)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/programme/summary", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_dashboard_pages_render_for_the_secretariat() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    let page = app
        .get(
            "/programme?region=WCA&year=2024&language=fr&measure=women_staff",
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/programme/members/BJ?year=2024\"")
    );
    assert!(page.body.contains("id=\"programme-map-table\""));
    assert!(page.body.contains("id=\"programme-regions-table\""));
    assert!(page.body.contains("<option value=\"WCA\" selected>"));
    assert!(
        page.body.contains("78.4%"),
        "Côte d'Ivoire's share in the map table"
    );
    assert!(
        page.body
            .contains("Not shown (fewer than 5 administrations)")
    );
    assert!(!page.body.contains("Belgium"), "the region filter applies");

    let member = app
        .get("/programme/members/CI?year=2024", Some(&cookie))
        .await;
    assert_eq!(member.status, StatusCode::OK, "{}", member.body);
    assert!(
        member.body.contains("Côte d&#x27;Ivoire") || member.body.contains("Côte d&#39;Ivoire")
    );
    assert!(member.body.contains("78.4%"));
    assert_eq!(
        app.get("/programme/members/ZZ", Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    // The Secretariat's "position" is the whole dashboard.
    let response = app.get("/programme/position", Some(&cookie)).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/programme");
}

#[tokio::test]
async fn the_dashboard_shows_the_map_and_the_regional_bars() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    let page = app
        .get("/programme?year=2024&measure=women_staff", Some(&cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The map: an accessible image whose countries carry name and value.
    assert!(
        page.body
            .contains("aria-labelledby=\"programme-map-svg-title programme-map-svg-desc\"")
    );
    assert!(
        page.body.contains("<title>Côte d'Ivoire: 78.4%</title>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<title>Belgium: 50.0%</title>"));
    // Fixed share classes in the legend; Members without data are hatched.
    assert!(page.body.contains(">80% – 100%</text>"));
    assert!(page.body.contains("<title>Japan: No data</title>"));
    // The bars: Europe's weighted share (5 administrations), the other
    // regions suppressed (fewer than 5).
    assert!(
        page.body
            .contains("Women among staff (weighted by headcount), by region")
    );
    assert!(page.body.contains(">50.0%</text>"), "Europe's bar value");
    // The report links keep the filters.
    assert!(
        page.body
            .contains("href=\"/programme/report.pdf?year=2024&amp;lang=fr\"")
    );

    // GEOAT status as categories: the legend names them.
    let page = app.get("/programme?measure=geoat", Some(&cookie)).await;
    assert!(page.body.contains(">In progress</text>") && page.body.contains(">Validated</text>"));
}

#[tokio::test]
async fn the_annual_report_comes_as_pdf_and_workbook_in_either_language() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    let (status, pdf) = crate::support::raw_get(
        &app,
        "/programme/report.pdf?year=2024&region=WCA&lang=fr",
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = crate::support::pdf_text(&pdf) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.to_lowercase().contains("rapport annuel du programme"),
            "{text}"
        );
        assert!(
            text.contains("2024 — Afrique occidentale et centrale"),
            "{text}"
        );
        assert!(text.contains("Bénin"), "{text}");
        assert!(
            !text.contains("Belgique"),
            "the region filter applies: {text}"
        );
    } else {
        eprintln!("pdftotext is not installed: the report's text was not checked");
    }

    let (status, bytes) = crate::support::raw_get(
        &app,
        "/programme/report.xlsx?year=2024&region=WCA&lang=fr",
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    let names: Vec<&str> = sheets.iter().map(|sheet| sheet.name.as_str()).collect();
    assert_eq!(names, ["Chiffres", "Régions", "Membres"]);
    let members = &sheets[2];
    let codes: Vec<&str> = members
        .rows
        .iter()
        .skip(1)
        .filter_map(|row| row.first().map(String::as_str))
        .collect();
    assert!(codes.contains(&"BJ") && codes.contains(&"CI"), "{codes:?}");
    assert!(!codes.contains(&"BE"), "only the region's Members");
    // The share of women among staff over the two WCA Members is withheld
    // (fewer than five administrations), never written as a number.
    let figures = &sheets[0];
    let women = figures
        .rows
        .iter()
        .find(|row| row.first().map(String::as_str) == Some("Part des femmes dans le personnel"))
        .expect("the women-among-staff figure");
    assert_eq!(
        women[1], "Non affiché (moins de 5 administrations en plus de chacune)",
        "{women:?}"
    );

    // In English, over all regions: the published figure of 2024 over the
    // seven administrations, 139 women of 277 staff (a fraction in the
    // workbook, one decimal of a percent).
    let (_, bytes) =
        crate::support::raw_get(&app, "/programme/report.xlsx?year=2024&lang=en", &cookie).await;
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    let women = sheets[0]
        .rows
        .iter()
        .find(|row| row.first().map(String::as_str) == Some("Share of women among staff"))
        .expect("the women-among-staff figure");
    assert_eq!(women[1], "0.502", "{women:?}");
    assert_eq!(women[3], "7", "{women:?}");
    // Europe's five alone are withheld in the regions sheet.
    let europe = sheets[1]
        .rows
        .iter()
        .find(|row| row.first().map(String::as_str) == Some("Europe"))
        .expect("Europe");
    assert!(
        europe.iter().any(|cell| cell.starts_with("Not shown")),
        "{europe:?}"
    );

    // Only the Secretariat; bad filters are refused.
    let focal_point = app.sign_in("fp.bj@wco.test").await;
    for path in ["/programme/report.pdf", "/programme/report.xlsx"] {
        assert_eq!(
            app.get(path, Some(&focal_point)).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(
        app.get("/programme/report.pdf?region=XX", Some(&cookie))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The dashboard with 186 Members and five years of data must render in
/// under 150 ms at the server (issue 8). Seeds every Member with an
/// assessment, an adopted plan of 5 manual indicators (12 measurements
/// each) and 5 workforce reports (2020–2024), and 25 workshops of 40
/// confirmed participants; then times `GET /programme` and the API through
/// the router (no network). Run with `scripts/bench-programme.sh`.
#[tokio::test]
#[ignore]
async fn benchmark_the_dashboard_with_186_members_and_five_years() {
    use gedhub_core::monitoring::{IndicatorDefinition, NewIndicator, Source};
    use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
    use gedhub_store::Actor;
    use gedhub_store::plans::{MeasurementInput, NewPlan};
    use gedhub_store::training::NewWorkshop;

    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
    let app = TestApp::on_day("2025-06-30").await;
    app.user("secretariat@wco.test", Role::Secretariat, None)
        .await;
    let store = app.store();
    let actor = Actor::system("bench");
    let started = std::time::Instant::now();
    let members = store
        .administrations(&gedhub_store::administrations::AdministrationFilter::default())
        .await
        .expect("members");
    assert!(members.len() >= 186);
    let reports: Vec<_> = (2020..=2024)
        .map(|year| {
            let mut csv = String::from(
                "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n",
            );
            for i in 0..400 {
                let sex = if i % 3 == 0 { "F" } else { "M" };
                let level = ["none", "none", "none", "middle", "senior", "top"][i % 6];
                csv.push_str(&format!(
                    "e{i},{sex},G{},Officers,{},0,40,{level}\n",
                    i % 5,
                    30000 + i * 10
                ));
            }
            gedhub_web::workforce::compute(
                csv.as_bytes(),
                &gedhub_core::workforce::ReportOptions::new(year),
            )
            .expect("a report")
        })
        .collect();
    for (index, member) in members.iter().enumerate() {
        store
            .create_assessment(&actor, &member.code, "gedhub-geoat-2023", "GEOAT")
            .await
            .expect("assessment");
        for report in &reports {
            store
                .save_workforce_report(
                    &actor,
                    &gedhub_store::workforce::NewWorkforceReport {
                        administration: &member.code,
                        report,
                        file_sha256: "0000",
                        rows_read: 400,
                        min_group: 10,
                    },
                )
                .await
                .expect("report");
        }
        let plan = store
            .create_plan(
                &actor,
                &member.code,
                &NewPlan {
                    assessment_id: None,
                    title: format!("Plan {index}"),
                    period_start: None,
                    period_end: None,
                    owner: String::new(),
                    owner_user_id: None,
                    objectives: Vec::new(),
                },
            )
            .await
            .expect("plan");
        for indicator in 0..5 {
            let definition = IndicatorDefinition::new(NewIndicator {
                name_en: format!("Indicator {indicator}"),
                name_fr: format!("Indicateur {indicator}"),
                unit: "percent".into(),
                direction: None,
                baseline_value: 10.0,
                baseline_date: day("2024-01-01"),
                target_value: 50.0,
                target_date: day("2026-01-01"),
                milestones: Vec::new(),
                frequency: Some("monthly".into()),
                source: Source::Manual,
            })
            .expect("definition");
            let indicator = store
                .add_indicator(&actor, &plan, None, &definition)
                .await
                .expect("indicator");
            let inputs: Vec<MeasurementInput> = (1..=12)
                .map(|month| MeasurementInput {
                    date: day(&format!("2024-{month:02}-15")),
                    value: 10.0 + f64::from(month) * (index % 4) as f64,
                    comment: String::new(),
                })
                .collect();
            store
                .record_measurements(&actor, &plan, &indicator, &inputs)
                .await
                .expect("measurements");
        }
    }
    let mut person = 0;
    for year in 2020..=2024 {
        for number in 0..5 {
            let workshop = store
                .create_workshop(
                    &actor,
                    &NewWorkshop {
                        title: format!("Workshop {year}-{number}"),
                        kind: WorkshopKind::National,
                        mode: WorkshopMode::Virtual,
                        language: ["en", "fr", "es", "pt", "ar"][number].into(),
                        venue: String::new(),
                        meeting_link: String::new(),
                        dates: WorkshopDates::new(
                            day(&format!("{year}-03-1{number}")),
                            day(&format!("{year}-03-2{number}")),
                        )
                        .expect("dates"),
                        capacity: 40,
                        rules: CompletionRules::DEFAULT,
                    },
                )
                .await
                .expect("workshop");
            for _ in 0..40 {
                person += 1;
                let email = format!("p{person}@bench.test");
                let member = &members[person % members.len()];
                app.user(&email, Role::Participant, Some(member.code.as_str()))
                    .await;
                store
                    .add_participant(
                        &actor,
                        &workshop,
                        &gedhub_core::Email::parse(&email).expect("email"),
                    )
                    .await
                    .expect("participant");
            }
        }
    }
    println!(
        "seeded {} Members × 5 years in {:?}",
        members.len(),
        started.elapsed()
    );
    let cookie = app.sign_in("secretariat@wco.test").await;
    let mut timings = Vec::new();
    for _ in 0..20 {
        let started = std::time::Instant::now();
        let facts = store
            .programme_facts(&Default::default(), "2025-06-30")
            .await
            .expect("facts");
        timings.push(started.elapsed());
        assert_eq!(facts.len(), members.len());
    }
    timings.sort();
    println!(
        "store programme_facts alone: median {:?}",
        timings[timings.len() / 2]
    );
    let state = gedhub_web::AppState::new(store.clone(), gedhub_web::WebConfig::default());
    let mut timings = Vec::new();
    for _ in 0..20 {
        let started = std::time::Instant::now();
        gedhub_web::monitoring::plan_summaries(&state, day("2025-06-30"))
            .await
            .expect("plans");
        timings.push(started.elapsed());
    }
    timings.sort();
    println!(
        "plan summaries alone: median {:?}",
        timings[timings.len() / 2]
    );
    for (label, path) in [
        ("GET /programme", "/programme"),
        (
            "GET /programme?year=2023&region=EUR",
            "/programme?year=2023&region=EUR",
        ),
        ("GET /api/v1/programme/summary", "/api/v1/programme/summary"),
    ] {
        let mut timings = Vec::new();
        for _ in 0..20 {
            let started = std::time::Instant::now();
            let response = app.get(path, Some(&cookie)).await;
            timings.push(started.elapsed());
            assert_eq!(response.status, StatusCode::OK);
        }
        timings.sort();
        println!(
            "{label} ({:?}): median {:?}, 95th percentile {:?}, max {:?}",
            store.backend(),
            timings[timings.len() / 2],
            timings[timings.len() * 95 / 100],
            timings[timings.len() - 1]
        );
    }
}

#[tokio::test]
async fn an_account_may_record_a_sex_which_is_audited_without_its_value() {
    let app = programme_app().await;
    let cookie = app.sign_in("secretariat@wco.test").await;
    let form = app.get("/users/new", Some(&cookie)).await;
    assert!(form.body.contains("name=\"sex\""));
    assert!(form.body.contains("<option value=\"undisclosed\">"));
    let refused = app
        .form(
            axum::http::Method::POST,
            "/users",
            Some(&cookie),
            "email=amina%40bj.test&name=Amina&role=participant&administration=BJ&password=correct+horse+battery&sex=bogus",
        )
        .await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    let created = app
        .form(
            axum::http::Method::POST,
            "/users",
            Some(&cookie),
            "email=amina%40bj.test&name=Amina&role=participant&administration=BJ&password=correct+horse+battery&sex=female",
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let audit = app
        .get("/api/v1/audit?entity=user&action=set_sex", Some(&cookie))
        .await;
    assert!(audit.body.contains("amina@bj.test"), "{}", audit.body);
    assert!(!audit.body.contains("female"));
}

#[tokio::test]
async fn people_record_their_own_sex_on_their_account_page() {
    let app = programme_app().await;
    let cookie = app.sign_in("fp.bj@wco.test").await;
    let page = app.get("/account", Some(&cookie)).await;
    assert!(
        page.body
            .contains("<option value=\"\">Not recorded</option>")
    );
    assert!(!page.body.contains(" selected>Female"));
    let saved = app
        .form(
            axum::http::Method::POST,
            "/account/sex",
            Some(&cookie),
            "sex=female",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.header("location"), "/account?saved=sex");
    let page = app.get("/account?saved=sex", Some(&cookie)).await;
    assert!(
        page.body
            .contains("<option value=\"female\" selected>Female</option>"),
        "{}",
        page.body
    );
    // A bad value is refused in the page, and the recorded one kept.
    let refused = app
        .form(
            axum::http::Method::POST,
            "/account/sex",
            Some(&cookie),
            "sex=bogus",
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("role=\"alert\""));
    assert!(refused.body.contains("<option value=\"female\" selected>"));
    // Clearing it; the change is audited without its value.
    let cleared = app
        .form(
            axum::http::Method::POST,
            "/account/sex",
            Some(&cookie),
            "sex=",
        )
        .await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    let page = app.get("/account", Some(&cookie)).await;
    assert!(!page.body.contains(" selected>Female"));
    let secretariat = app.sign_in("secretariat@wco.test").await;
    let audit = app
        .get(
            "/api/v1/audit?entity=user&action=set_sex",
            Some(&secretariat),
        )
        .await;
    let entries = audit.json()["entries"].clone();
    let own: Vec<&serde_json::Value> = entries
        .as_array()
        .expect("entries")
        .iter()
        .filter(|entry| entry["entity_key"] == "fp.bj@wco.test")
        .collect();
    assert_eq!(own.len(), 2, "{entries}");
    // Each person records their own: the actor is the focal point.
    assert!(
        own.iter().all(|entry| entry["actor"]
            .as_str()
            .is_some_and(|a| a.contains("fp.bj@wco.test"))),
        "{entries}"
    );
    assert!(!audit.body.contains("female"));
}

/// The Member row `code` of the Secretariat's summary.
fn row_of<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json["members"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["code"] == code)
        .expect("the Member's row")
}

/// "GEOAT in progress" counts diagnostics being answered: a draft nobody
/// has answered is not started, a submitted one waits for validation. By
/// hand: Benin's diagnostic counts once, and only between its first answer
/// and its submission.
#[tokio::test]
async fn geoat_in_progress_counts_only_diagnostics_being_answered() {
    let app = programme_app().await;
    let staff = app.sign_in("secretariat@wco.test").await;
    let benin = app.sign_in("fp.bj@wco.test").await;
    let summary = || async {
        let response = app.get("/api/v1/programme/summary", Some(&staff)).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        response.json()
    };
    let created = app
        .json(
            axum::http::Method::POST,
            "/api/v1/assessments",
            Some(&benin),
            r#"{"instrument":"gedhub-geoat-2023","title":"Diagnostic"}"#,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("an id");
    // Created, nothing answered: not started.
    let json = summary().await;
    assert_eq!(json["figures"]["geoat_in_progress"], 0);
    assert_eq!(row_of(&json, "BJ")["geoat"]["status"], "none");
    // One answer: in progress.
    let answered = app
        .json(
            axum::http::Method::PUT,
            &format!("/api/v1/assessments/{id}/answers/X.1.1"),
            Some(&benin),
            r#"{"rating":3}"#,
        )
        .await;
    assert!(answered.status.is_success(), "{}", answered.body);
    let json = summary().await;
    assert_eq!(json["figures"]["geoat_in_progress"], 1);
    assert_eq!(row_of(&json, "BJ")["geoat"]["status"], "in_progress");
    assert_eq!(row_of(&json, "BJ")["geoat_in_progress"], true);
    // Submitted: waiting for validation, no longer in progress.
    let submitted = app
        .json(
            axum::http::Method::POST,
            &format!("/api/v1/assessments/{id}/transitions"),
            Some(&benin),
            r#"{"transition":"submit"}"#,
        )
        .await;
    assert!(submitted.status.is_success(), "{}", submitted.body);
    let json = summary().await;
    assert_eq!(json["figures"]["geoat_in_progress"], 0);
    assert_eq!(row_of(&json, "BJ")["geoat"]["status"], "submitted");
    let page = app.get("/programme/members/BJ", Some(&staff)).await;
    assert!(
        page.body.contains("Submitted, awaiting validation"),
        "{}",
        page.body
    );
}

/// The overview shows the plan a Member adopted, not a newer draft; a
/// Member with only a draft is shown as such.
#[tokio::test]
async fn the_programme_shows_the_adopted_plan_and_says_when_there_is_only_a_draft() {
    use gedhub_core::monitoring::PlanStatus;
    use gedhub_store::plans::NewPlan;
    let app = programme_app().await;
    let staff = app.sign_in("secretariat@wco.test").await;
    let actor = gedhub_store::Actor::system("test");
    let plan = |code: &'static str, title: &'static str| {
        let app = &app;
        let actor = &actor;
        async move {
            app.store()
                .create_plan(
                    actor,
                    &gedhub_core::AdministrationCode::parse(code).expect("valid"),
                    &NewPlan {
                        title: title.into(),
                        ..NewPlan::default()
                    },
                )
                .await
                .expect("plan")
        }
    };
    let adopted = plan("BJ", "Plan 2025-2027").await;
    app.store()
        .set_plan_status(&actor, &adopted, PlanStatus::Adopted)
        .await
        .expect("adopted");
    // A newer draft (the next plan, in preparation).
    plan("BJ", "Plan 2028-2030").await;
    plan("CI", "Premier plan").await;
    let json = app
        .get("/api/v1/programme/summary", Some(&staff))
        .await
        .json();
    assert_eq!(row_of(&json, "BJ")["plan"]["status"], "adopted");
    assert_eq!(row_of(&json, "CI")["plan"]["status"], "draft");
    let benin = app.get("/programme/members/BJ", Some(&staff)).await;
    assert!(benin.body.contains("<dd>Adopted</dd>"), "{}", benin.body);
    let ivory = app.get("/programme/members/CI", Some(&staff)).await;
    assert!(
        ivory.body.contains("<dd>Draft (not adopted yet)</dd>"),
        "{}",
        ivory.body
    );
    let french = app.get("/programme/members/CI?lang=fr", Some(&staff)).await;
    assert!(
        french.body.contains("Brouillon (pas encore adopté)"),
        "{}",
        french.body
    );
}

/// A mission counts as delivered from its last day on, even one reported
/// early before that rule existed (such records exist).
#[tokio::test]
async fn a_mission_reported_before_its_end_is_not_counted_delivered() {
    use gedhub_core::missions::SupportKind;
    use gedhub_core::training::WorkshopMode;
    use gedhub_store::missions::NewMission;
    let app = programme_app().await;
    let staff = app.sign_in("secretariat@wco.test").await;
    let actor = gedhub_store::Actor::system("test");
    let today = chrono::Utc::now().date_naive();
    for (start, end) in [
        (
            today - chrono::Duration::days(9),
            today - chrono::Duration::days(5),
        ),
        (today, today + chrono::Duration::days(4)),
    ] {
        let mission = app
            .store()
            .create_mission(
                &actor,
                &NewMission {
                    request_id: None,
                    administration: gedhub_core::AdministrationCode::parse("BJ").expect("valid"),
                    kind: SupportKind::GeoatDiagnostic,
                    mode: WorkshopMode::Virtual,
                    language: "fr".into(),
                    areas: Vec::new(),
                    start,
                    end,
                    agenda: String::new(),
                },
            )
            .await
            .expect("mission");
        // Straight to the store: the record an early report left.
        app.store()
            .save_mission_report(&actor, &mission, "Delivered", "")
            .await
            .expect("reported");
    }
    let json = app
        .get("/api/v1/programme/summary", Some(&staff))
        .await
        .json();
    let benin = row_of(&json, "BJ");
    assert_eq!(benin["missions_delivered"], 1, "the mission that is over");
    assert_eq!(benin["missions_open"], 1, "the one still under way");
}

/// The position and member pages are not dead ends either: a bad year is
/// kept as typed, with its problem at the field and status 422, over the
/// figures of what is valid.
#[tokio::test]
async fn bad_filters_on_the_position_and_member_pages_are_shown_at_their_field() {
    let app = programme_app().await;
    let benin = app.sign_in("fp.bj@wco.test").await;
    for (year, message) in [
        ("abc", "Give a year"),
        ("99999", "Give a year"),
        ("1999", "This year is not published"),
    ] {
        let page = app
            .get(&format!("/programme/position?year={year}"), Some(&benin))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{year}");
        assert!(page.body.contains(r#"id="programme-filters""#), "{year}");
        assert!(page.body.contains(r#"id="programme-global""#), "{year}");
        assert!(
            page.body.contains(&format!(
                r#"<option value="{year}" selected>{year}</option>"#
            )),
            "{year}: {}",
            page.body
        );
        assert!(
            page.body
                .contains(r#"aria-invalid="true" aria-describedby="year-problem""#),
            "{year}: {}",
            page.body
        );
        assert!(page.body.contains(r#"id="year-problem""#), "{year}");
        assert!(page.body.contains(message), "{year}: {}", page.body);
        assert!(page.body.contains(r##"<a href="#year">"##), "{year}");
    }
    // A region is never published for a Member: said, not a dead end.
    let page = app
        .get("/programme/position?region=EUR", Some(&benin))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("Only published figures"),
        "{}",
        page.body
    );
    assert_eq!(
        app.get("/programme/position", Some(&benin)).await.status,
        StatusCode::OK
    );

    let staff = app.sign_in("secretariat@wco.test").await;
    for year in ["abc", "99999"] {
        let page = app
            .get(
                &format!("/programme/members/CI?year={year}&language=fr"),
                Some(&staff),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{year}");
        // The Member's figures, the bad year as typed, the valid language kept.
        assert!(page.body.contains("78.4%"), "{year}: {}", page.body);
        assert!(
            page.body
                .contains(&format!(r#"value="{year}" aria-invalid="true""#)),
            "{year}: {}",
            page.body
        );
        assert!(page.body.contains(r#"id="year-problem""#), "{year}");
        assert!(
            page.body.contains(r#"<option value="fr" selected>"#),
            "{year}: {}",
            page.body
        );
    }
    let page = app
        .get("/programme/members/CI?language=tlh", Some(&staff))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(r#"id="language-problem""#),
        "{}",
        page.body
    );
    let fine = app
        .get("/programme/members/CI?year=2024", Some(&staff))
        .await;
    assert_eq!(fine.status, StatusCode::OK);
    assert!(fine.body.contains(r#"value="2024""#), "{}", fine.body);
}
