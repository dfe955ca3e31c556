//! Workforce statistics through the web: upload, figures, refusals,
//! downloads and isolation between administrations.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use gedhub_core::Role;

use crate::support::{TestApp, TestResponse, raw_get, small_extract};

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

fn upload_body(fields: &[(&str, &str)], file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"extract.csv\"\r\nContent-Type: text/csv\r\n\r\n",
    );
    body.extend_from_slice(file);
    body.extend_from_slice(b"\r\n--b--\r\n");
    body
}

pub(crate) async fn upload(
    app: &TestApp,
    cookie: &str,
    code: &str,
    fields: &[(&str, &str)],
    file: &[u8],
) -> TestResponse {
    let request = TestApp::request(Method::POST, &format!("/workforce/{code}"), Some(cookie))
        .header("content-type", "multipart/form-data; boundary=b")
        .body(Body::from(upload_body(fields, file)))
        .expect("request");
    app.send(request).await
}

#[tokio::test]
async fn a_focal_point_uploads_an_extract_and_sees_exact_figures_with_explanations() {
    let (app, staff, benin, canada) = app().await;
    let stored = upload(
        &app,
        &benin,
        "BJ",
        &[("year", "2024")],
        small_extract().as_bytes(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);
    assert_eq!(stored.header("location"), "/workforce/BJ/2024?stored=1");

    let page = app.get("/workforce/BJ/2024?stored=1", Some(&benin)).await;
    assert_eq!(page.status, StatusCode::OK);
    // Mean hourly pay: women (12 × 36,000 + 50,000) / 13, men (12 × 40,000 +
    // 50,000) / 13 over the same hours: gap = 48,000 / 530,000 = 9.0566 %.
    assert!(page.body.contains("9.1%"), "{}", page.body);
    assert!(
        page.body
            .contains("On average, women&#39;s hourly pay is 9.1% lower than men&#39;s."),
        "{}",
        page.body
    );
    assert!(page.body.contains("the file itself was not kept"));

    let json = app
        .get("/workforce/BJ/2024/report.json", Some(&staff))
        .await
        .json();
    // Rounded to one decimal in every channel (page, JSON, API, workbook).
    let mean = json["pay_gap"]["mean_pct"].as_f64().expect("a number");
    assert_eq!(mean, 9.1);
    assert_eq!(json["workers"]["total"], 26);
    assert_eq!(json["flows"]["hires"]["female"], 1);

    // The same figures in the JSON API; the years with provenance.
    let api = app
        .get("/api/v1/workforce/BJ/2024", Some(&benin))
        .await
        .json();
    assert_eq!(api["pay_gap"]["mean_pct"].as_f64(), Some(mean));
    let years = app.get("/api/v1/workforce/BJ", Some(&staff)).await.json();
    assert_eq!(years[0]["reference_year"], 2024);
    assert_eq!(years[0]["rows_read"], 26);
    let hidden = app.get("/api/v1/workforce/BJ/2024", Some(&canada)).await;
    assert_eq!(
        (hidden.status, hidden.error_code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );

    // French explanations use the French number format.
    let french = TestApp::request(Method::GET, "/workforce/BJ/2024", Some(&benin))
        .header("accept-language", "fr")
        .body(Body::empty())
        .expect("request");
    let french = app.send(french).await;
    assert!(french.body.contains("inférieure de 9,1"), "{}", french.body);

    // Another administration's focal point: not found, not forbidden.
    for path in [
        "/workforce/BJ",
        "/workforce/BJ/2024",
        "/workforce/BJ/2024/report.xlsx",
    ] {
        assert_eq!(
            app.get(path, Some(&canada)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let refused = upload(
        &app,
        &canada,
        "BJ",
        &[("year", "2024")],
        small_extract().as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // The upload is in the audit log with its checksum, never with rows.
    let audit = app
        .store()
        .audit_entries(
            &gedhub_store::audit::AuditFilter {
                entity: Some("workforce_report".into()),
                ..Default::default()
            },
            1,
            50,
        )
        .await
        .expect("audit");
    assert_eq!(audit.entries.len(), 1);
    let after = audit.entries[0]
        .after
        .clone()
        .unwrap_or_default()
        .to_string();
    assert!(
        after.contains("file_sha256") && !after.contains("f12"),
        "{after}"
    );
}

#[tokio::test]
async fn a_file_with_bad_rows_is_refused_whole_with_each_problem_by_line() {
    let (app, _staff, benin, _) = app().await;
    let mut csv = small_extract();
    csv.push_str("x1,Q,G1,Officers,-5,0,0,none,\n");
    csv.push_str("f0,F,G1,Officers,1.000,0,40,none,2024-13-01\n");
    let refused = upload(&app, &benin, "BJ", &[("year", "2024")], csv.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "nothing was stored",
        "<td class=\"number\">28</td><td>sex</td><td>unknown sex code",
        "<td class=\"number\">28</td><td>weekly_hours</td>",
        "<td class=\"number\">29</td><td>employee_id</td><td>this employee_id appears twice (first seen on line 2)",
        "<td class=\"number\">29</td><td>hire_date</td>",
    ] {
        assert!(
            refused.body.contains(expected),
            "{expected}\n{}",
            refused.body
        );
    }
    assert_eq!(
        app.get("/workforce/BJ/2024", Some(&benin)).await.status,
        StatusCode::NOT_FOUND
    );

    // With skip_invalid the valid rows are computed and the others counted.
    let stored = upload(
        &app,
        &benin,
        "BJ",
        &[("year", "2024"), ("skip_invalid", "yes")],
        csv.as_bytes(),
    )
    .await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.body);
    let json = app
        .get("/workforce/BJ/2024/report.json", Some(&benin))
        .await
        .json();
    assert_eq!(json["rejected_rows"], 2);

    // Not a year, no file: every problem at once, in the error envelope's words.
    let bad_form = upload(&app, &benin, "BJ", &[("year", "soon")], b"").await;
    assert_eq!(bad_form.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = upload(&app, &benin, "BJ", &[("year", "2023")], b"name,sex\nA,F\n").await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing
            .body
            .contains("required columns are missing: employee_id"),
        "{}",
        missing.body
    );
}

#[tokio::test]
async fn the_figures_download_as_a_workbook_and_a_new_upload_replaces_a_year() {
    let (app, staff, benin, _) = app().await;
    let first = upload(
        &app,
        &benin,
        "BJ",
        &[("year", "2023")],
        small_extract().as_bytes(),
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let (status, bytes) = raw_get(&app, "/workforce/BJ/2023/report.xlsx?lang=fr", &benin).await;
    assert_eq!(status, StatusCode::OK);
    let sheets = gedhub_web::workbooks::read_xlsx(&bytes).expect("a workbook");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Synthèse",
            "Quartiles",
            "Catégories",
            "Grades",
            "Niveaux d'encadrement",
            "Mouvements"
        ]
    );
    assert_eq!(sheets[0].rows[1][1], "9.1");

    // The one-page PDF, in French, with the administration and the sentences.
    let (status, pdf) = raw_get(&app, "/workforce/BJ/2023/report.pdf?lang=fr", &staff).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    // The charts' French labels come out whole, and nothing is printed
    // over anything else (issue 19; the labels' width is checked in
    // `workforce::tests`).
    if let Some(words) = crate::support::pdf_words(&pdf) {
        let drawn: String = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<String>()
            .replace('\u{ad}', "");
        for label in [
            "Quartile intermédiaire supérieur",
            "Quartile intermédiaire inférieur",
            "Sans fonction d'encadrement",
        ] {
            let label: String = label.split_whitespace().collect();
            assert!(drawn.contains(&label), "{label} missing from {drawn}");
        }
        for (index, word) in words.iter().enumerate() {
            for other in &words[index + 1..] {
                assert!(!word.overlaps(other), "{word:?} is printed over {other:?}");
            }
        }
    }
    match crate::support::pdf_text(&pdf) {
        Some(text) => {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for expected in [
                "STATISTIQUES DU PERSONNEL 2023",
                "Bénin",
                "inférieure de 9,1",
                "Quartile supérieur",
            ] {
                assert!(text.contains(expected), "{expected} missing from: {text}");
            }
        }
        None => eprintln!("pdftotext is not installed: the PDF's text was not checked"),
    }

    // A second extract for the same year does not replace the first
    // silently: the form comes back (409) saying what exists, the inputs
    // kept and a box to confirm; nothing changed.
    let equal = small_extract().replace(",40000,", ",36000,");
    let fields = [
        ("year", "2023"),
        ("min_group", "12"),
        ("skip_invalid", "yes"),
    ];
    let asked = upload(&app, &benin, "BJ", &fields, equal.as_bytes()).await;
    assert_eq!(asked.status, StatusCode::CONFLICT, "{}", asked.body);
    let stamp = app
        .store()
        .workforce_report_stamp(
            &gedhub_core::Scope::All,
            &gedhub_core::AdministrationCode::parse("BJ").expect("valid"),
            2023,
        )
        .await
        .expect("read")
        .expect("the first report");
    let day = chrono::NaiveDate::parse_from_str(&stamp.computed_at[..10], "%Y-%m-%d")
        .expect("a day")
        .format("%-d %B %Y")
        .to_string();
    assert!(
        asked.body.contains(&format!(
            "A report for 2023 already exists: computed on {day} by focal.bj@wco.test."
        )),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains(r#"name="replace" value="yes">"#),
        "the box to confirm, not ticked: {}",
        asked.body
    );
    assert!(asked.body.contains("Replace the existing report for 2023"));
    assert!(
        asked
            .body
            .contains(r#"name="year" type="number" min="1950" max="2100" value="2023""#)
    );
    assert!(asked.body.contains(r#"value="12""#), "{}", asked.body);
    assert!(
        asked
            .body
            .contains(r#"name="skip_invalid" value="yes" checked"#),
        "{}",
        asked.body
    );
    let page = app.get("/workforce/BJ/2023", Some(&benin)).await;
    assert!(page.body.contains("9.1%"), "the first report stays");
    // Confirmed: the second extract replaces the first (men now paid like
    // women: no gap), audited as a replacement; the Secretariat's list
    // shows one year.
    let confirmed = upload(
        &app,
        &benin,
        "BJ",
        &[("year", "2023"), ("replace", "yes")],
        equal.as_bytes(),
    )
    .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    let audit = app
        .get("/api/v1/audit?entity=workforce_report", Some(&staff))
        .await;
    assert!(audit.body.contains("\"replace\""), "{}", audit.body);
    let page = app.get("/workforce/BJ/2023", Some(&benin)).await;
    assert!(
        page.body.contains("paid about the same per hour"),
        "{}",
        page.body
    );
    // The trend table: one row per year with the shares and the gap.
    let years = app.get("/workforce/BJ", Some(&benin)).await;
    assert!(
        years.body.contains("Women in management (%)"),
        "{}",
        years.body
    );
    assert!(
        years.body.contains("<td class=\"number\">26</td><td class=\"number\">50.0%</td><td class=\"number\">50.0%</td><td class=\"number\">0.0%</td>"),
        "{}",
        years.body
    );
    let overview = app.get("/workforce", Some(&staff)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview.body.contains("href=\"/workforce/BJ/2023\""),
        "{}",
        overview.body
    );
    assert_eq!(
        app.get("/workforce", Some(&benin)).await.header("location"),
        "/workforce/BJ"
    );
}

/// The API refuses to replace a year's report unless asked to
/// (`replace=true`): 409 `workforce_report_exists`, nothing computed or
/// changed; with it, the year is replaced and audited.
#[tokio::test]
async fn the_api_replaces_a_year_only_when_asked_to() {
    let (app, staff, benin, canada) = app().await;
    let send = |cookie: &str, path: &str, body: &[u8]| {
        let request = TestApp::request(Method::POST, path, Some(cookie))
            .header("content-type", "text/csv")
            .body(Body::from(body.to_vec()))
            .expect("request");
        app.send(request)
    };
    // A body declared larger than an extract may be is refused unread.
    let declared = TestApp::request(Method::POST, "/api/v1/workforce/BJ/2024", Some(&benin))
        .header("content-type", "text/csv")
        .header(
            "content-length",
            (gedhub_web::workforce::MAX_EXTRACT_BYTES + 1).to_string(),
        )
        .body(Body::from(small_extract()))
        .expect("request");
    let too_large = app.send(declared).await;
    assert_eq!(
        too_large.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        too_large.body
    );
    assert_eq!(too_large.error_code(), "payload_too_large");
    let first = send(
        &benin,
        "/api/v1/workforce/BJ/2024",
        small_extract().as_bytes(),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let json = first.json();
    assert_eq!(json["reference_year"], 2024);
    assert_eq!(json["workers"], 26);
    let first_sha = json["file_sha256"].as_str().expect("a checksum").to_owned();

    let equal = small_extract().replace(",40000,", ",36000,");
    let refused = send(&benin, "/api/v1/workforce/BJ/2024", equal.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.error_code(), "workforce_report_exists");
    let refused = send(
        &benin,
        "/api/v1/workforce/BJ/2024?replace=false",
        equal.as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let years = app.get("/api/v1/workforce/BJ", Some(&benin)).await.json();
    assert_eq!(years[0]["file_sha256"], first_sha.as_str(), "unchanged");

    let replaced = send(
        &benin,
        "/api/v1/workforce/BJ/2024?replace=true",
        equal.as_bytes(),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::CREATED, "{}", replaced.body);
    assert_ne!(replaced.json()["file_sha256"], first_sha.as_str());
    let years = app.get("/api/v1/workforce/BJ", Some(&benin)).await.json();
    assert_eq!(years.as_array().expect("years").len(), 1);
    let audit = app
        .get("/api/v1/audit?entity=workforce_report", Some(&staff))
        .await;
    assert!(audit.body.contains("\"create\""), "{}", audit.body);
    assert!(audit.body.contains("\"replace\""), "{}", audit.body);

    // Bad options and refused extracts: 422; another Member's: 404.
    let bad_year = send(&benin, "/api/v1/workforce/BJ/20x4", equal.as_bytes()).await;
    assert_eq!(bad_year.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_year.error_code(), "invalid_year");
    let header_only = send(
        &benin,
        "/api/v1/workforce/BJ/2023",
        small_extract().lines().next().expect("a header").as_bytes(),
    )
    .await;
    assert_eq!(header_only.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(header_only.error_code(), "workforce_extract_refused");
    let other = send(&canada, "/api/v1/workforce/BJ/2023", equal.as_bytes()).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}
