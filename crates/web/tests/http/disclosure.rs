//! Disclosure control (issue 17) replayed from the attacker's side: each
//! attack the issue lists, made with requests a focal point may make, and an
//! adversarial focal point who collects every figure it can request about a
//! random programme of 36 Members and solves for the others' data.

use axum::http::StatusCode;
use gedhub_core::Role;
use gedhub_core::disclosure::exact::{Echelon, Row};
use serde_json::Value;

use crate::programme::store_report;
use crate::support::TestApp;
use crate::workforce::upload;

/// The share figures of a published selection, by measure.
const SHARES: [(&str, &str); 2] = [("women_staff", "staff"), ("women_management", "management")];

fn figure<'a>(selection: &'a Value, measure: &str, weighting: &str) -> &'a Value {
    let (_, key) = SHARES
        .iter()
        .find(|(name, _)| *name == measure)
        .copied()
        .unwrap_or(("", "staff"));
    &selection["women"][format!("{key}_{weighting}")]
}

fn region<'a>(summary: &'a Value, code: &str) -> &'a Value {
    summary["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .find(|r| r["selection"] == code)
        .expect("the region")
}

fn indicator(n: usize, members: &[usize]) -> Row {
    let mut row = vec![0; n];
    for &j in members {
        row[j] = 1;
    }
    row
}

/// The issue's first attack: a region is withheld, the total and the other
/// regions shown with their counts, so the total minus the others is the
/// withheld one (Côte d'Ivoire alone in West and Central Africa).
#[tokio::test]
async fn the_global_figure_minus_the_regions_does_not_give_a_withheld_region() {
    let app = TestApp::new().await;
    let europe = ["BE", "FR", "DE", "IT", "ES", "NL", "SE"];
    let asia = ["JP", "CN", "IN", "AU", "NZ", "KR", "SG", "TH"];
    for code in europe {
        store_report(&app, code, 2024, 20, 20).await;
    }
    for code in asia {
        store_report(&app, code, 2024, 15, 25).await;
    }
    store_report(&app, "CI", 2024, 29, 8).await;
    app.user("fp.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    let cookie = app.sign_in("fp.bj@wco.test").await;
    let response = app
        .get("/api/v1/programme/summary?year=2024", Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let summary = response.json();
    let wca = figure(region(&summary, "WCA"), "women_staff", "unweighted");
    assert!(wca["value"].is_null());
    assert_eq!(wca["administrations"], 1);
    // The attack: n_global × mean_global − Σ n_region × mean_region.
    let parts = [
        figure(&summary["aggregates"], "women_staff", "unweighted"),
        figure(region(&summary, "EUR"), "women_staff", "unweighted"),
        figure(region(&summary, "AP"), "women_staff", "unweighted"),
    ];
    let values: Vec<Option<f64>> = parts.iter().map(|p| p["value"].as_f64()).collect();
    if let [Some(global), Some(eur), Some(ap)] = values[..] {
        let ci = global * 16.0 - eur * 7.0 - ap * 8.0;
        panic!("the attack worked: {ci} (Côte d'Ivoire: 78.4)");
    }
    assert!(
        values.iter().filter(|v| v.is_some()).count() == 2,
        "one figure more is withheld, not all: {values:?}"
    );
    // The exact audit over what is shown: Côte d'Ivoire (index 15) is not
    // in the row space of the shown sums over the 16 Members.
    let rows: Vec<Row> = [
        (0, (0..16).collect::<Vec<_>>()),
        (1, (0..7).collect()),
        (2, (7..15).collect()),
    ]
    .into_iter()
    .filter(|(index, _)| values[*index].is_some())
    .map(|(_, members)| indicator(16, &members))
    .collect();
    let echelon = Echelon::of(rows).expect("exact");
    assert!(!echelon.spans(&indicator(16, &[15])).expect("exact"));
}

/// The issue's second attack: a region, then the same region and a year
/// (six Members minus five is one). Free selections are refused; and the
/// published years, audited together, do not let one Member's change be
/// read from two years either.
#[tokio::test]
async fn a_region_and_the_same_region_in_a_year_cannot_be_differenced() {
    let app = TestApp::new().await;
    let europe = ["BE", "FR", "DE", "IT", "ES", "NL", "SE"];
    for year in [2023, 2024] {
        for code in europe {
            // The same figures both years, except France's in 2024.
            let women = if code == "FR" && year == 2024 { 35 } else { 20 };
            store_report(&app, code, year, women, 20).await;
        }
    }
    app.user("fp.be@wco.test", Role::FocalPoint, Some("BE"))
        .await;
    let cookie = app.sign_in("fp.be@wco.test").await;
    for query in [
        "region=EUR",
        "region=EUR&year=2024",
        "language=fr",
        "region=EUR&language=en",
    ] {
        let response = app
            .get(&format!("/api/v1/programme/summary?{query}"), Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(response.error_code(), "selection_not_published");
        let page = app
            .get(&format!("/programme/position?{query}"), Some(&cookie))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
    let year = |year: i32| {
        let app = &app;
        let cookie = &cookie;
        async move {
            app.get(
                &format!("/api/v1/programme/summary?year={year}"),
                Some(cookie),
            )
            .await
            .json()
        }
    };
    let (before, after) = (year(2023).await, year(2024).await);
    let first = figure(&before["aggregates"], "women_staff", "unweighted");
    assert_eq!(first["value"].as_f64(), Some(50.0));
    // 2024 differs from 2023 by France alone: its 2024 figures are withheld
    // (the total and Europe, which are the same Members).
    for selection in [&after["aggregates"], region(&after, "EUR")] {
        let second = figure(selection, "women_staff", "unweighted");
        assert!(second["value"].is_null(), "{second}");
        assert_eq!(second["suppressed"], "complementary");
    }
    // The management shares did not change at all (one woman and one man
    // in management everywhere): shown again, they reveal nothing new.
    let management = figure(&after["aggregates"], "women_management", "weighted");
    assert_eq!(management["value"].as_f64(), Some(50.0));
}

/// Creates, answers (each answer: indicator code and rating), submits,
/// validates and dates an assessment of `code`.
async fn validated_assessment(
    app: &TestApp,
    staff: &str,
    code: &str,
    answers: &[(&str, u8)],
    validated_at: &str,
) -> i64 {
    let body =
        format!(r#"{{"instrument":"gedhub-geoat-2023","title":"v","administration":"{code}"}}"#);
    let created = app
        .json(
            axum::http::Method::POST,
            "/api/v1/assessments",
            Some(staff),
            &body,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("an id");
    for (indicator, rating) in answers {
        let saved = app
            .json(
                axum::http::Method::PUT,
                &format!("/api/v1/assessments/{id}/answers/{indicator}"),
                Some(staff),
                &format!(r#"{{"rating":{rating}}}"#),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    }
    for transition in ["submit", "validate"] {
        app.json(
            axum::http::Method::POST,
            &format!("/api/v1/assessments/{id}/transitions"),
            Some(staff),
            &format!(r#"{{"transition":"{transition}"}}"#),
        )
        .await;
    }
    gedhub_store::testing::backdate_validation(app.store(), id, validated_at)
        .await
        .expect("dated");
    id
}

/// The row of a section in the GEOAT report page: its cells' text.
fn section_cells(page: &str, code: &str) -> Vec<String> {
    let start = page
        .find(&format!("<th scope=\"row\">{code} –"))
        .unwrap_or_else(|| panic!("no row for {code}"));
    let row = &page[start
        ..page[start..]
            .find("</tr>")
            .map_or(page.len(), |end| start + end)];
    row.split("<td class=\"number\">")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap_or_default().to_owned())
        .collect()
}

/// The issue's third and fourth attacks: a "regional average of 6
/// administrations" whose section was averaged over the 2 that scored it;
/// and the average before and after one more validation.
#[tokio::test]
async fn geoat_averages_count_each_section_s_own_scorers_and_do_not_move_for_one_validation() {
    let app = TestApp::new().await;
    app.user("staff@wco.test", Role::Secretariat, None).await;
    app.user("fp.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let benin = app.sign_in("fp.bj@wco.test").await;
    // Six West African administrations score section X; only two of them
    // (Côte d'Ivoire at 5, Togo at 1) answer P1.
    for (code, x) in [
        ("BJ", 1),
        ("TG", 2),
        ("SN", 3),
        ("GH", 4),
        ("NG", 0),
        ("CI", 5),
    ] {
        let mut answers = vec![("X.1.1", x)];
        if code == "CI" || code == "TG" {
            answers.push(("P1.A.1", if code == "CI" { 5 } else { 1 }));
        }
        validated_assessment(&app, &staff, code, &answers, "2025-05-01T10:00:00Z").await;
    }
    let report =
        validated_assessment(&app, &staff, "BJ", &[("X.1.1", 2)], "2025-09-01T10:00:00Z").await;
    let page = app
        .get(&format!("/assessments/{report}/report"), Some(&benin))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // X: six scorers (Benin's latest: 2), (40+40+60+80+0+100)/6 = 53.3 → 53 %.
    let x = section_cells(&page.body, "X");
    assert!(x.contains(&"53% (n = 6)".to_owned()), "{x:?}");
    // P1: two scorers, withheld whatever the group's size; Côte d'Ivoire's
    // 100 % and the pair's mean (60 %) appear nowhere.
    let p1 = section_cells(&page.body, "P1");
    assert!(p1.contains(&"not shown (n = 2)".to_owned()), "{p1:?}");
    assert!(
        !p1.iter()
            .any(|cell| cell.starts_with("60%") || cell.starts_with("100%"))
    );
    // The radar draws the same figures as the table: X's averages, not P1's.
    let radar = crate::support::radar_of(&page.body);
    assert!(radar.contains("West and Central Africa – published average 2025 – X Cross-cutting Policies – Implementation: 53%</title>"), "{radar}");
    assert!(!radar.contains("published average 2025 – P1 "), "{radar}");
    assert!(!radar.contains("60%") && !radar.contains("100%"), "{radar}");

    // One more administration validates (Ghana again, now at 5 for X).
    validated_assessment(&app, &staff, "GH", &[("X.1.1", 5)], "2026-03-01T10:00:00Z").await;
    // Today (2026): the published year is still 2025, unchanged.
    let again = app
        .get(&format!("/assessments/{report}/report"), Some(&benin))
        .await;
    assert_eq!(section_cells(&again.body, "X"), x);
    // In 2027 the year 2026 is published: X moved by one administration
    // only, so its 2026 average is withheld rather than revealing Ghana's
    // new score by difference.
    let later = app.server_on_day("2027-01-15").await;
    // Sessions of 2026 have expired by then: sign in again.
    let login = TestApp::request(axum::http::Method::POST, "/login", None)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!(
            "email=fp.bj%40wco.test&password={}",
            crate::support::PASSWORD.replace(' ', "+")
        )))
        .expect("request");
    let benin_later = TestApp::send_to(&later, login)
        .await
        .session_cookie()
        .expect("signed in");
    let request = TestApp::request(
        axum::http::Method::GET,
        &format!("/assessments/{report}/report"),
        Some(&benin_later),
    )
    .body(axum::body::Body::empty())
    .expect("request");
    let later = TestApp::send_to(&later, request).await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.body);
    assert!(
        later.body.contains("published figures for 2026"),
        "{}",
        later.body
    );
    // Nothing to draw for 2026: neither average is in the chart.
    let radar = crate::support::radar_of(&later.body);
    assert!(!radar.contains("published average 2026"), "{radar}");
    let x_later = section_cells(&later.body, "X");
    // The last two cells: the regional and the global average.
    assert!(
        x_later[x_later.len() - 2..]
            .iter()
            .all(|cell| cell == "not shown (n = 6)"),
        "{x_later:?}"
    );
}

const EXTRACT_HEADER: &str = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,management_level\n";

/// `n` workers of `sex` in `category` at increasing basic pay from `base`,
/// with `variable` pay for the first `receivers` of them.
fn workers(csv: &mut String, n: usize, sex: &str, category: &str, base: u32, receivers: usize) {
    let start = csv.lines().count();
    for i in 0..n {
        let variable = if i < receivers { 1_000 + 100 * i } else { 0 };
        csv.push_str(&format!(
            "w{},{sex},G1,{category},{},{variable},40,none\n",
            start + i,
            base + 100 * i as u32
        ));
    }
}

async fn stored_json(app: &TestApp, cookie: &str, code: &str, csv: &str) -> Value {
    let stored = upload(app, cookie, code, &[("year", "2024")], csv.as_bytes()).await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);
    let json = app
        .get(&format!("/workforce/{code}/2024/report.json"), Some(cookie))
        .await;
    assert_eq!(json.status, StatusCode::OK);
    // The API gives the very same figures.
    let api = app
        .get(&format!("/api/v1/workforce/{code}/2024"), Some(cookie))
        .await;
    assert_eq!(api.json(), json.json());
    json.json()
}

async fn workforce_app() -> (TestApp, String) {
    let app = TestApp::new().await;
    app.user("fp.bj@wco.test", Role::FocalPoint, Some("BJ"))
        .await;
    let cookie = app.sign_in("fp.bj@wco.test").await;
    (app, cookie)
}

/// The issue's fifth attack: a category of 3 women is withheld, but the
/// overall gap and the other categories' gaps are shown: the total minus
/// the others would give the 3 women's pay.
#[tokio::test]
async fn a_small_category_s_pay_cannot_be_had_from_the_overall_gap() {
    let (app, cookie) = workforce_app().await;
    let mut csv = String::from(EXTRACT_HEADER);
    workers(&mut csv, 3, "F", "Drivers", 24_000, 0);
    workers(&mut csv, 14, "M", "Drivers", 40_000, 0);
    workers(&mut csv, 20, "F", "Officers", 36_000, 0);
    workers(&mut csv, 20, "M", "Officers", 38_000, 0);
    workers(&mut csv, 15, "F", "Support", 28_000, 0);
    workers(&mut csv, 12, "M", "Support", 30_000, 0);
    let json = stored_json(&app, &cookie, "BJ", &csv).await;
    let categories = json["categories"].as_array().expect("categories");
    assert_eq!(categories[0]["category"], "Drivers");
    assert_eq!(categories[0]["suppressed"], true);
    assert!(categories[0]["total_pay_gap"]["mean_pct"].is_null());
    // The subtraction needs the overall gap and every other category's:
    // one of them is withheld.
    let needed = [
        &json["pay_gap"],
        &categories[1]["total_pay_gap"],
        &categories[2]["total_pay_gap"],
    ];
    assert!(
        needed.iter().any(|gap| gap["mean_pct"].is_null()),
        "{needed:?}"
    );
    // The one withheld says why.
    let withheld: Vec<&Value> = needed
        .iter()
        .copied()
        .filter(|gap| gap["mean_pct"].is_null())
        .collect();
    assert!(
        withheld
            .iter()
            .all(|gap| gap["withheld"] == "complementary")
            || categories
                .iter()
                .any(|c| c["suppressed_reason"] == "complementary"),
        "{json}"
    );
    let page = app.get("/workforce/BJ/2024", Some(&cookie)).await;
    assert!(
        page.body
            .contains("Not shown (it would reveal another withheld figure)"),
        "{}",
        page.body
    );
}

/// The issue's sixth attack: the bonus of one woman, from a variable-pay gap
/// over a single recipient (or from her category's total minus basic pay).
#[tokio::test]
async fn a_single_recipient_s_bonus_is_not_shown() {
    let (app, cookie) = workforce_app().await;
    let mut csv = String::from(EXTRACT_HEADER);
    workers(&mut csv, 20, "F", "Officers", 36_000, 1);
    workers(&mut csv, 20, "M", "Officers", 38_000, 20);
    let json = stored_json(&app, &cookie, "BJ", &csv).await;
    assert!(json["variable_pay_gap"]["mean_pct"].is_null());
    assert_eq!(
        json["variable_pay_gap"]["withheld"],
        "fewer_than_min_group_receiving"
    );
    let officers = &json["categories"][0];
    assert_eq!(officers["female_receivers"], 1);
    assert!(officers["variable_pay_gap"]["mean_pct"].is_null());
    // Total minus basic pay would be her bonus: not both are shown.
    assert!(
        officers["total_pay_gap"]["mean_pct"].is_null()
            || officers["basic_pay_gap"]["mean_pct"].is_null(),
        "{officers}"
    );
    // And the overall pay gap minus the category's basic gap neither.
    assert!(
        json["pay_gap"]["mean_pct"].is_null() || officers["basic_pay_gap"]["mean_pct"].is_null(),
        "{json}"
    );
}

/// The issue's seventh attack: an administration of 4 women: no overall pay
/// gap, no quartile placement, no share receiving variable pay.
#[tokio::test]
async fn an_administration_of_four_women_shows_no_pay_figure() {
    let (app, cookie) = workforce_app().await;
    let mut csv = String::from(EXTRACT_HEADER);
    workers(&mut csv, 4, "F", "Officers", 36_000, 2);
    workers(&mut csv, 40, "M", "Officers", 38_000, 10);
    let json = stored_json(&app, &cookie, "BJ", &csv).await;
    assert!(json["pay_gap"]["mean_pct"].is_null());
    assert!(json["pay_gap"]["median_pct"].is_null());
    assert_eq!(
        json["pay_gap"]["withheld"],
        "administration_below_min_group"
    );
    assert_eq!(
        json["variable_pay_receipt"]["withheld"],
        "administration_below_min_group"
    );
    assert!(json["variable_pay_receipt"]["female_pct"].is_null());
    for band in json["quartiles"].as_array().expect("bands") {
        assert!(band["female_pct"].is_null(), "{band}");
        assert_eq!(band["female_places"], 0.0);
        assert_eq!(band["withheld"], "administration_below_min_group");
    }
    let page = app.get("/workforce/BJ/2024", Some(&cookie)).await;
    assert!(
        page.body
            .contains("Not shown (fewer than 10 women or men in the administration)"),
        "{}",
        page.body
    );
    let (status, bytes) =
        crate::support::raw_get(&app, "/workforce/BJ/2024/report.xlsx", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    assert!(
        sheets[0].rows[1][1].starts_with("Not shown"),
        "{:?}",
        sheets[0].rows[1]
    );
}

/// The floor cannot be lowered for a stored report.
#[tokio::test]
async fn an_upload_may_not_lower_the_minimum_group_below_ten() {
    let (app, cookie) = workforce_app().await;
    let mut csv = String::from(EXTRACT_HEADER);
    workers(&mut csv, 4, "F", "Officers", 36_000, 0);
    workers(&mut csv, 4, "M", "Officers", 38_000, 0);
    let refused = upload(
        &app,
        &cookie,
        "BJ",
        &[("year", "2024"), ("min_group", "3")],
        csv.as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("between 10 and 1000"),
        "{}",
        refused.body
    );
    let raised = upload(
        &app,
        &cookie,
        "BJ",
        &[("year", "2024"), ("min_group", "25")],
        csv.as_bytes(),
    )
    .await;
    assert_eq!(raised.status, StatusCode::SEE_OTHER, "{}", raised.body);
}

/// Routes that show figures over several contributors, by who sees them.
/// Every GET route of the table is in exactly one list: a new route fails
/// this test until someone decides which.
mod routes {
    /// Aggregates shown to people who are not entitled to every
    /// contributor's data: built only from `gedhub_core::disclosure` types
    /// (`Release`/`Published` for figures across Members,
    /// `ProtectedReport` for workforce figures, directly or through the
    /// action-plan indicators that follow them).
    pub const PROTECTED: &[&str] = &[
        "/programme/position",
        "/api/v1/programme/summary",
        "/programme/report.pdf",
        "/programme/report.xlsx",
        "/assessments/{id}/report",
        "/assessments/{id}/report.pdf",
        "/assessments/{id}/report.xlsx",
        "/api/v1/assessments/{id}/report.pdf",
        "/api/v1/assessments/{id}/report.xlsx",
        "/workforce/{code}",
        "/workforce/{code}/{year}",
        "/workforce/{code}/{year}/report.json",
        "/workforce/{code}/{year}/report.xlsx",
        "/workforce/{code}/{year}/report.pdf",
        "/api/v1/workforce/{code}",
        "/api/v1/workforce/{code}/{year}",
        "/plans/{plan}",
        "/plans/{plan}/indicators/{plan_indicator}",
        "/plans/{plan}/report.pdf",
        "/plans/{plan}/report.xlsx",
        "/api/v1/action-plans/{plan}",
        "/api/v1/action-plans/{plan}/progress",
        "/api/v1/indicators/{plan_indicator}/measurements",
    ];

    /// Aggregates shown only to the Secretariat, which is entitled to every
    /// contributor's row (its dashboard, evaluations, completion and
    /// selection tables). They must stay the Secretariat's.
    pub const SECRETARIAT_ONLY: &[&str] = &[
        "/programme",
        "/programme/members/{member}",
        "/workshops/{workshop}/evaluation",
        "/workshops/{workshop}/evaluation.xlsx",
        "/api/v1/workshops/{workshop}/evaluation",
        "/api/v1/workshops/{workshop}/knowledge-gain",
        "/elearning/modules/{module}",
        "/api/v1/elearning-modules/{module}/completions",
        "/workshops/{workshop}/selection",
        "/api/v1/workshops/{workshop}/selection",
        "/dashboard",
    ];
}

#[test]
fn every_route_that_shows_aggregates_is_classified() {
    use gedhub_web::routes::{Access, table};
    let all = table();
    let gets: Vec<&gedhub_web::routes::Route> = all
        .iter()
        .filter(|route| route.method == axum::http::Method::GET)
        .collect();
    // Everything else shows a person's or one administration's own data,
    // public reference data, or counts of Members (public).
    const NO_AGGREGATES: &[&str] = &[
        "/healthz",
        "/static/{file}",
        "/",
        "/login",
        "/account",
        "/administrations",
        "/administrations/new",
        "/administrations/{code}",
        "/users",
        "/users/new",
        "/audit",
        "/instruments",
        "/instruments/{code}",
        "/instruments/{code}/export.xlsx",
        "/assessments",
        "/assessments/{id}",
        "/assessments/{id}/sections/{section}",
        "/assessments/{id}/files/{attachment}",
        "/workforce",
        "/plans",
        "/plans/new",
        "/workshops",
        "/workshops/{workshop}",
        "/account/password-reset",
        "/account/setup/{token}",
        "/elearning",
        "/elearning/certificates/{certificate}",
        "/elearning/lrs",
        "/api/v1/elearning-modules",
        "/xapi/statements",
        "/xapi/about",
        "/xapi/agents",
        "/xapi/activities",
        "/xapi/activities/state",
        "/xapi/activities/profile",
        "/xapi/agents/profile",
        "/xapi/{*path}",
        "/api/v1/workshops",
        "/api/v1/workshops/{workshop}/participants/{email}/completion",
        "/questions",
        "/workshops/{workshop}/tests/{kind}",
        "/api/v1/workshops/{workshop}/tests/{kind}/attempts/{email}",
        "/workshops/{workshop}/materials/{material}/file",
        "/api/v1/workshops/{workshop}/sessions",
        "/api/v1/workshops/{workshop}/candidate-scores",
        "/api/v1/workshops/{workshop}/participants/{email}/assessments",
        "/workshops/{workshop}/surveys/{kind}",
        "/workshops/{workshop}/participants/{email}/certificate.pdf",
        "/training/{user}",
        "/api/v1/training-records/{email}",
        "/candidates",
        "/support-requests",
        "/support-requests/{request}",
        "/missions",
        "/missions/{mission}",
        "/missions/{mission}/documents/{document}",
        "/experts",
        "/experts.xlsx",
        "/account/expert-profile",
        "/api/v1/experts",
        "/api/v1/support-requests",
        "/api/v1/missions/{mission}/suggestions",
        "/candidates/{user}",
        "/pathway/settings",
        "/api/v1/candidates/{email}/pathway",
        "/.well-known/did.json",
        "/issuer",
        "/status-lists/{list}",
        "/status-lists/{key}/{list}",
        "/achievements/{slug}",
        "/achievements/{slug}/image.svg",
        "/credentials/check",
        "/credentials/{id}",
        "/credentials/{id}/verify",
        "/credentials/{id}/certificate.pdf",
        "/api/v1/candidates/{email}/credentials",
        "/notifications",
        "/api/v1/action-plans",
        "/practices",
        "/practices/new",
        "/practices/{practice}",
        "/practices/{practice}/translate",
        "/practices/{practice}/attachments/{practice_file}",
        "/api/v1/practices",
        "/contact",
        "/contact/settings",
        "/inquiries",
        "/inquiries/mine",
        "/inquiries/{inquiry}",
        "/api/v1/inquiries",
        "/api/v1/inquiries/{inquiry}",
        "/api/v1/practices/{practice}",
        "/api/v1/openapi.json",
        "/api/v1/me",
        "/api/v1/administrations",
        "/api/v1/administrations/{code}",
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/instruments",
        "/api/v1/instruments/{code}",
        "/api/v1/assessments",
        "/api/v1/assessments/{id}",
        "/api/v1/assessments/{id}/scores",
    ];
    let mut problems = Vec::new();
    for route in &gets {
        let lists = [
            routes::PROTECTED.contains(&route.path),
            routes::SECRETARIAT_ONLY.contains(&route.path),
            NO_AGGREGATES.contains(&route.path),
        ];
        if lists.iter().filter(|in_list| **in_list).count() != 1 {
            problems.push(format!("{} is in {:?} lists", route.path, lists));
        }
        if routes::SECRETARIAT_ONLY.contains(&route.path)
            && route.path != "/dashboard"
            && !matches!(
                route.access,
                Access::Secretariat | Access::SecretariatHidden
            )
        {
            problems.push(format!(
                "{} shows every contributor's data but is open to {:?}",
                route.path, route.access
            ));
        }
    }
    for path in routes::PROTECTED
        .iter()
        .chain(routes::SECRETARIAT_ONLY)
        .chain(NO_AGGREGATES)
    {
        if !gets.iter().any(|route| route.path == *path) {
            problems.push(format!("{path} is listed but is not a GET route"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A small deterministic generator (an LCG), so the programme is random but
/// the same on every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Six Members of each region.
const MEMBERS: [&str; 36] = [
    "AO", "BW", "BI", "KM", "DJ", "ER", "BJ", "BF", "CV", "CM", "CF", "TD", "DZ", "BH", "EG", "IQ",
    "JO", "KW", "AL", "AD", "AM", "AT", "AZ", "BY", "AF", "AU", "BD", "BT", "BN", "KH", "AG", "AR",
    "BS", "BB", "BZ", "BM",
];

/// The adversarial test: a seeded programme of 36 Members with random
/// workforce data in two years (some Members unchanged from one to the
/// next, some new, some gone). Each Member's focal point requests every
/// selection it may (each published year, and every refused filter), and
/// the figures it gets, with its own data, must not determine any other
/// Member's value: exact row-space test over the Members' values, each
/// unknown once per distinct value (a Member whose figures did not change
/// is the same unknown in both years, the cautious reading).
#[tokio::test]
async fn no_focal_point_can_determine_another_member_s_figures() {
    let app = TestApp::new().await;
    let mut random = Seeded(17);
    // (member, year) → (women, men); every report has one woman and one
    // man among its managers.
    let mut data: Vec<(usize, i32, u32, u32)> = Vec::new();
    for (index, code) in MEMBERS.iter().enumerate() {
        let first = (random.below(10) < 8)
            .then(|| (5 + random.below(40) as u32, 5 + random.below(40) as u32));
        if let Some((women, men)) = first {
            store_report(&app, code, 2023, women, men).await;
            data.push((index, 2023, women, men));
        }
        let draw = random.below(10);
        let second = match (first, draw) {
            (Some(same), 0..=3) => Some(same),
            (_, 4..=8) => Some((5 + random.below(40) as u32, 5 + random.below(40) as u32)),
            _ => None,
        };
        if let Some((women, men)) = second {
            store_report(&app, code, 2024, women, men).await;
            data.push((index, 2024, women, men));
        }
    }
    let region_of = |index: usize| index / 6;
    let regions = ["ESA", "WCA", "MENA", "EUR", "AP", "AMS"];
    // Unknowns per measure: (member, value) pairs.
    let value = |measure: &str, women: u32, men: u32| match measure {
        "women_staff" => (women, women + men),
        _ => (1, 2),
    };
    let mut shown_any = 0;
    for (index, code) in MEMBERS.iter().enumerate() {
        let email = format!("fp.{}@wco.test", code.to_lowercase());
        app.user(&email, Role::FocalPoint, Some(code)).await;
        let cookie = app.sign_in(&email).await;
        for query in [
            "region=EUR",
            "language=en",
            "year=2024&region=WCA",
            "year=2026",
        ] {
            let refused = app
                .get(&format!("/api/v1/programme/summary?{query}"), Some(&cookie))
                .await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        }
        let mut summaries = Vec::new();
        for year in 2020..=2025 {
            let response = app
                .get(
                    &format!("/api/v1/programme/summary?year={year}"),
                    Some(&cookie),
                )
                .await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
            summaries.push((year, response.json()));
        }
        for (measure, _) in SHARES {
            let mut unknowns: Vec<(usize, (u32, u32))> = data
                .iter()
                .map(|&(member, _, women, men)| (member, value(measure, women, men)))
                .collect();
            unknowns.sort_unstable();
            unknowns.dedup();
            let n = unknowns.len();
            let column = |member: usize, year: i32| {
                data.iter().find(|d| d.0 == member && d.1 == year).and_then(
                    |&(_, _, women, men)| {
                        unknowns
                            .iter()
                            .position(|u| *u == (member, value(measure, women, men)))
                    },
                )
            };
            let mut rows: Vec<Row> = Vec::new();
            for (year, summary) in &summaries {
                let selections = std::iter::once((None, &summary["aggregates"])).chain(
                    regions
                        .iter()
                        .enumerate()
                        .map(|(r, code)| (Some(r), region(summary, code))),
                );
                for (within, selection) in selections {
                    let contributors: Vec<usize> = (0..MEMBERS.len())
                        .filter(|m| within.is_none_or(|r| region_of(*m) == r))
                        .filter_map(|m| column(m, *year))
                        .collect();
                    for weighting in ["weighted", "unweighted"] {
                        let shown = figure(selection, measure, weighting);
                        // The count shown is the count behind the figure.
                        assert_eq!(
                            shown["administrations"].as_u64(),
                            Some(contributors.len() as u64),
                            "{year} {within:?} {measure}"
                        );
                        if shown["value"].is_number() {
                            shown_any += 1;
                            rows.push(indicator(n, &contributors));
                        }
                    }
                }
            }
            // The focal point knows its own values.
            for (j, unknown) in unknowns.iter().enumerate() {
                if unknown.0 == index {
                    let mut own = vec![0; n];
                    own[j] = 1;
                    rows.push(own);
                }
            }
            let echelon = Echelon::of(rows).expect("exact");
            for (j, unknown) in unknowns.iter().enumerate() {
                if unknown.0 != index {
                    let mut other = vec![0; n];
                    other[j] = 1;
                    assert!(
                        !echelon.spans(&other).expect("exact"),
                        "{code} determines {}'s {measure} {:?}",
                        MEMBERS[unknown.0],
                        unknown.1
                    );
                }
            }
        }
    }
    assert!(shown_any > 0, "the rules must not withhold everything");
}

/// Shown, withheld by a primary rule, withheld as complementary.
type Tally = (usize, usize, usize);

fn add(total: &mut Tally, more: Tally) {
    total.0 += more.0;
    total.1 += more.1;
    total.2 += more.2;
}

/// Every published release of the programme and of the shipped GEOAT
/// instrument on `day`, and every stored workforce report, tallied.
async fn tally_everything(app: &TestApp, day: &str) -> Vec<(String, Tally)> {
    use gedhub_web::disclosure::{Kind, release};
    let now = gedhub_store::Timestamp::from_db(&format!("{day}T12:00:00Z")).expect("a day");
    let state = gedhub_web::AppState::with_clock(
        app.store().clone(),
        gedhub_web::WebConfig::default(),
        std::sync::Arc::new(move || now),
    );
    let mut lines = Vec::new();
    for kind in [
        Kind::Programme,
        Kind::Geoat(gedhub_store::instruments_shipped::SHIPPED_INSTRUMENT.to_owned()),
    ] {
        for period in kind.periods(day) {
            let published = release(&state, &kind, period)
                .await
                .expect("published")
                .expect("a published period");
            lines.push((format!("{} {period}", kind.name()), published.tally()));
        }
    }
    let mut workforce = (0, 0, 0);
    let mut reports = 0;
    for (code, years) in app.store().workforce_reporting().await.expect("reporting") {
        let code = gedhub_core::AdministrationCode::parse(&code).expect("a code");
        for stored in app
            .store()
            .workforce_reports(&gedhub_core::Scope::All, &code)
            .await
            .expect("reports")
        {
            let protected =
                gedhub_core::disclosure::workforce::ProtectedReport::protect(stored.report);
            add(&mut workforce, protected.tally());
            reports += 1;
        }
        assert!(!years.is_empty());
    }
    lines.push((format!("workforce ({reports} reports)"), workforce));
    lines
}

fn print_tally(title: &str, lines: &[(String, Tally)]) {
    println!("{title}");
    println!("| release | shown | withheld (too few) | withheld (complementary) |");
    println!("| --- | ---: | ---: | ---: |");
    let mut total = (0, 0, 0);
    for (name, tally) in lines {
        println!("| {name} | {} | {} | {} |", tally.0, tally.1, tally.2);
        add(&mut total, *tally);
    }
    println!("| total | {} | {} | {} |", total.0, total.1, total.2);
}

/// How many figures the rules withhold, for docs/DISCLOSURE.md: the demo
/// data, and a seeded programme of all 186 Members (random workforce data in
/// 2023 and 2024, a third unchanged from one year to the next; GEOAT
/// assessments validated in 2023 or 2024 by about two Members in three,
/// some sections unanswered). Run with
/// `cargo test -p gedhub-web --test http -- --ignored --nocapture how_many_figures`.
#[tokio::test]
#[ignore]
async fn how_many_figures_the_rules_withhold() {
    let day = "2026-12-01";
    let demo = TestApp::on_day(day).await;
    demo.store().seed_demo().await.expect("the demo");
    print_tally(
        "Demo data, on 2026-12-01",
        &tally_everything(&demo, day).await,
    );

    let app = TestApp::on_day(day).await;
    let store = app.store();
    let actor = gedhub_store::Actor::system("seed");
    let members = store
        .administrations(&gedhub_store::administrations::AdministrationFilter::default())
        .await
        .expect("members");
    let instrument = store
        .instrument(gedhub_store::instruments_shipped::SHIPPED_INSTRUMENT)
        .await
        .expect("instrument");
    let mut random = Seeded(2026);
    for member in &members {
        let code = member.code.as_str();
        let first = (random.below(10) < 7)
            .then(|| (5 + random.below(300) as u32, 5 + random.below(300) as u32));
        if let Some((women, men)) = first {
            store_report(&app, code, 2023, women, men).await;
        }
        let second = match (first, random.below(10)) {
            (Some(same), 0..=2) => Some(same),
            (_, 3..=8) => Some((5 + random.below(300) as u32, 5 + random.below(300) as u32)),
            _ => None,
        };
        if let Some((women, men)) = second {
            store_report(&app, code, 2024, women, men).await;
        }
        if random.below(3) < 2 {
            let assessment = store
                .create_assessment(&actor, &member.code, &instrument.code, "GEOAT")
                .await
                .expect("assessment");
            for section in &instrument.sections {
                if random.below(5) == 0 {
                    continue;
                }
                let Some(indicator) = section.indicators().next() else {
                    continue;
                };
                store
                    .save_answer(
                        &actor,
                        assessment.id,
                        &indicator.code,
                        &gedhub_store::assessments::AnswerInput {
                            rating: Some(random.below(6) as u8),
                            not_applicable: false,
                            justification: String::new(),
                            evidence: String::new(),
                        },
                        None,
                    )
                    .await
                    .expect("answer");
            }
            for transition in [
                gedhub_core::assessment::Transition::Submit,
                gedhub_core::assessment::Transition::Validate,
            ] {
                store
                    .transition_assessment(&actor, assessment.id, transition, None)
                    .await
                    .expect("transition");
            }
            let year = 2023 + random.below(2);
            gedhub_store::testing::backdate_validation(
                store,
                assessment.id,
                &format!("{year}-06-01T10:00:00Z"),
            )
            .await
            .expect("dated");
        }
    }
    print_tally(
        &format!(
            "Seeded programme of {} Members, on 2026-12-01",
            members.len()
        ),
        &tally_everything(&app, day).await,
    );
}
