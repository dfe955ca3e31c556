//! A refused form keeps what the user typed (issue 19), on every form.
//!
//! The walk: the demo's Secretariat (in English) and Benin's focal point
//! (in French) follow every link of the site from their dashboard, as a
//! browser would, and submit every form that has a required text field
//! with that field left blank and every other text field filled with a
//! value of its own. Each submission must be refused (a blank required
//! field is not accepted), and the answer must be the same form with every
//! value typed back in place, a linked summary of the problems at the top,
//! in the user's language. The HTML is read with an HTML5 parser that
//! gedhub itself does not use (scraper, on html5ever).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use scraper::{ElementRef, Html, Selector};

use crate::support::{TestApp, TestResponse};

/// Pages a walk visits at most (the demo has fewer).
const MAX_PAGES: usize = 400;

/// Pages of one shape visited (`/plans/1` and `/plans/2` have one shape):
/// their forms are the same.
const PAGES_PER_SHAPE: usize = 2;

/// A page's shape: its path without the query, numbers and Members' codes
/// replaced.
fn shape(link: &str) -> String {
    let path = link.split('?').next().unwrap_or(link);
    path.split('/')
        .map(|segment| {
            let is_code = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_uppercase());
            if is_code || segment.chars().any(|c| c.is_ascii_digit()) {
                "#"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

async fn sign_in_demo(app: &TestApp, email: &str) -> String {
    let body = serde_urlencoded::to_string([
        ("email", email),
        ("password", gedhub_store::demo::DEMO_PASSWORD),
    ])
    .expect("a form body");
    let response = app.form(Method::POST, "/login", None, &body).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    response.session_cookie().expect("a session cookie")
}

async fn get_as(app: &TestApp, path: &str, cookie: &str, language: &str) -> TestResponse {
    app.send(
        TestApp::request(Method::GET, path, Some(cookie))
            .header(header::ACCEPT_LANGUAGE, language)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

/// Links a person follows to another page of the site (not downloads, the
/// API, the language switch or signing out).
fn page_links(html: &Html) -> Vec<String> {
    html.select(&selector("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.split('#').next().unwrap_or(href).to_owned())
        .filter(|href| {
            let path = href.split('?').next().unwrap_or(href);
            !path.starts_with("/api/")
                && !path.starts_with("/xapi/")
                && !path.starts_with("/static/")
                && path != "/logout"
                && !href.contains("lang=")
                && ![
                    ".pdf", ".xlsx", ".csv", ".json", ".svg", ".png", ".zip", ".txt",
                ]
                .iter()
                .any(|extension| path.ends_with(extension))
        })
        .collect()
}

const TEXT_KINDS: &[&str] = &[
    "text", "email", "number", "date", "url", "tel", "search", "month", "time",
];

fn kind(field: &ElementRef) -> String {
    match field.value().name() {
        "textarea" => "textarea".to_owned(),
        "select" => "select".to_owned(),
        _ => field
            .value()
            .attr("type")
            .unwrap_or("text")
            .to_ascii_lowercase(),
    }
}

fn is_text(field: &ElementRef) -> bool {
    let kind = kind(field);
    kind == "textarea" || TEXT_KINDS.contains(&kind.as_str())
}

/// A value of its own for the `n`th text field, valid for its kind.
fn typed_value(field: &ElementRef, n: usize) -> String {
    let current = field.value().attr("value").unwrap_or_default();
    match kind(field).as_str() {
        "email" => format!("kept.{n}@example.test"),
        "url" => format!("https://example.test/kept-{n}"),
        "number" => field
            .value()
            .attr("min")
            .map_or_else(|| (n + 2).to_string(), str::to_owned),
        "date" if !current.is_empty() => current.to_owned(),
        "date" => "2026-01-15".to_owned(),
        "month" => "2026-01".to_owned(),
        "time" => "10:30".to_owned(),
        _ => format!("Kept {n} — «été»"),
    }
}

/// One form as the walk submits it.
struct Submission {
    action: String,
    /// The fields in order, as the browser sends them.
    fields: Vec<(String, String)>,
    /// The text fields the answer must give back, by name.
    typed: Vec<(String, String)>,
    blank: String,
    multipart: bool,
}

/// The submission of `form` with its first required text field blank, or
/// `None` for a form without one (buttons, filters).
fn submission(form: &ElementRef, page: &str) -> Option<Submission> {
    let fields = selector("input[name], textarea[name], select[name]");
    let blank = form
        .select(&fields)
        .find(|field| is_text(field) && field.value().attr("required").is_some())?
        .value()
        .attr("name")?
        .to_owned();
    let mut sent = Vec::new();
    let mut typed = Vec::new();
    for (n, field) in form.select(&fields).enumerate() {
        let Some(name) = field.value().attr("name") else {
            continue;
        };
        if field.value().attr("disabled").is_some() {
            continue;
        }
        let value = match kind(&field).as_str() {
            "hidden" => Some(field.value().attr("value").unwrap_or_default().to_owned()),
            "checkbox" | "radio" => field
                .value()
                .attr("checked")
                .map(|_| field.value().attr("value").unwrap_or("on").to_owned()),
            "select" => {
                let options: Vec<ElementRef> = field.select(&selector("option")).collect();
                options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first())
                    .map(|o| o.value().attr("value").unwrap_or_default().to_owned())
            }
            "password" | "file" | "submit" | "button" | "reset" | "image" => None,
            _ if name == blank => Some(String::new()),
            _ => {
                let value = typed_value(&field, n);
                typed.push((name.to_owned(), value.clone()));
                Some(value)
            }
        };
        if let Some(value) = value {
            sent.push((name.to_owned(), value));
        }
    }
    if let Some(button) = form
        .select(&selector("button[name], input[type=submit][name]"))
        .next()
    {
        let name = button.value().attr("name").unwrap_or_default();
        sent.push((
            name.to_owned(),
            button.value().attr("value").unwrap_or_default().to_owned(),
        ));
    }
    let action = match form.value().attr("action") {
        Some(action) if !action.is_empty() => action.to_owned(),
        _ => page.to_owned(),
    };
    Some(Submission {
        action,
        fields: sent,
        typed,
        blank,
        multipart: form
            .value()
            .attr("enctype")
            .is_some_and(|e| e.eq_ignore_ascii_case("multipart/form-data")),
    })
}

fn multipart_body(fields: &[(String, String)]) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--walk\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str("--walk--\r\n");
    body
}

async fn submit(
    app: &TestApp,
    submission: &Submission,
    page: &str,
    cookie: &str,
    language: &str,
) -> TestResponse {
    let (content_type, body) = if submission.multipart {
        (
            "multipart/form-data; boundary=walk".to_owned(),
            multipart_body(&submission.fields),
        )
    } else {
        (
            "application/x-www-form-urlencoded".to_owned(),
            serde_urlencoded::to_string(&submission.fields).expect("a form body"),
        )
    };
    app.send(
        TestApp::request(Method::POST, &submission.action, Some(cookie))
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ACCEPT_LANGUAGE, language)
            .header(header::REFERER, format!("http://localhost{page}"))
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

/// What is wrong with the answer to a refused `submission`, if anything.
fn check_refusal(
    submission: &Submission,
    response: &TestResponse,
    language: &str,
) -> Option<String> {
    let what = format!("{} (blank {})", submission.action, submission.blank);
    if response.status.is_redirection() || response.status.is_success() {
        return Some(format!(
            "{what}: accepted with a required field blank ({})",
            response.status
        ));
    }
    if !response.status.is_client_error() {
        return Some(format!("{what}: answered {}", response.status));
    }
    let html = Html::parse_document(&response.body);
    let lang = html
        .select(&selector("html"))
        .next()
        .and_then(|h| h.value().attr("lang").map(str::to_owned))
        .unwrap_or_default();
    if !lang.starts_with(language) {
        return Some(format!("{what}: answered in {lang:?}, not {language}"));
    }
    let summary = html.select(&selector("#form-problems li")).count();
    if summary == 0 {
        return Some(format!("{what}: no problem summary ({})", response.status));
    }
    let forms: Vec<ElementRef> = html
        .select(&selector("form"))
        .filter(|form| {
            form.value().attr("action").unwrap_or_default() == submission.action
                || form.value().attr("data-refused").is_some()
        })
        .collect();
    if forms.is_empty() {
        return Some(format!("{what}: the form is not on the answer"));
    }
    let lost: Vec<String> = submission
        .typed
        .iter()
        .filter(|(name, value)| {
            !forms.iter().any(|form| {
                form.select(&selector(&format!(r#"[name="{name}"]"#)))
                    .any(|field| match field.value().name() {
                        "textarea" => field.text().collect::<String>() == *value,
                        _ => field.value().attr("value") == Some(value.as_str()),
                    })
            })
        })
        .map(|(name, value)| format!("{name}={value:?}"))
        .collect();
    (!lost.is_empty()).then(|| format!("{what}: lost {}", lost.join(", ")))
}

/// Walks the site as `email` and submits every form with a required text
/// field; returns the form addresses refused as they should be, and every
/// problem found.
async fn walk(app: &TestApp, email: &str, language: &str) -> (BTreeSet<String>, Vec<String>) {
    let cookie = sign_in_demo(app, email).await;
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut seen = BTreeSet::from(["/".to_owned()]);
    let mut tried = BTreeSet::new();
    let mut refused = BTreeSet::new();
    let mut problems = Vec::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut pages = 0;
    while let Some(page) = queue.pop_front() {
        let visits = shapes.entry(shape(&page)).or_default();
        *visits += 1;
        if *visits > PAGES_PER_SHAPE {
            continue;
        }
        pages += 1;
        assert!(
            pages <= MAX_PAGES,
            "more than {MAX_PAGES} pages: a link loop? {:?}",
            shapes.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
        );
        let response = get_as(app, &page, &cookie, language).await;
        if response.status.is_redirection() {
            let location = response.header("location");
            if location.starts_with('/') && seen.insert(location.clone()) {
                queue.push_back(location);
            }
            continue;
        }
        let is_html = response.header("content-type").starts_with("text/html");
        if response.status != StatusCode::OK || !is_html {
            continue;
        }
        let html = Html::parse_document(&response.body);
        for link in page_links(&html) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        let post_forms = selector(r#"form[method="post" i]"#);
        let submissions: Vec<Submission> = html
            .select(&post_forms)
            .filter_map(|form| submission(&form, &page))
            .collect();
        for submission in submissions {
            // One form of each shape: the comment forms of 98 indicators
            // are one form.
            if !tried.insert(shape(&submission.action)) {
                continue;
            }
            let response = submit(app, &submission, &page, &cookie, language).await;
            match check_refusal(&submission, &response, language) {
                Some(problem) => problems.push(format!("{email} on {page}: {problem}")),
                None => {
                    refused.insert(submission.action.clone());
                }
            }
        }
    }
    assert!(pages > 20, "{email} walked {pages} pages only");
    (refused, problems)
}

#[tokio::test]
async fn every_refused_form_comes_back_with_what_was_typed() {
    let app = TestApp::new().await;
    app.store().seed_demo().await.expect("the demo");
    let mut refused = BTreeMap::new();
    let mut problems = Vec::new();
    for (email, language) in [
        ("secretariat@gedhub.test", "en"),
        ("focal.benin@gedhub.test", "fr"),
        ("expert@gedhub.test", "en"),
        ("participant@gedhub.test", "fr"),
    ] {
        let (forms, found) = walk(&app, email, language).await;
        refused.insert(email, forms);
        problems.extend(found);
    }
    for (email, forms) in &refused {
        println!("{email}: {} forms refused and kept: {forms:?}", forms.len());
    }
    assert!(
        problems.is_empty(),
        "{} forms lose input or accept a blank required field:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let total: usize = refused.values().map(BTreeSet::len).sum();
    assert!(total >= 20, "only {total} forms were walked");
}
