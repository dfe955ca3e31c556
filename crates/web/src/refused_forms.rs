//! A refused page form never loses what the user typed (issue 19).
//!
//! Why a middleware: gedhub has dozens of page forms, and a form handler
//! that refuses its input answers with an [`AppError`] (422 with every
//! problem at its field, 409, 400, 413, 429). Teaching each handler and each
//! template to re-show its own form was done for a few of them
//! ([`crate::views::FormProblems`]); doing it once here covers every other
//! form the same way, including forms added later. When a page `POST` is
//! refused, [`keep_refused_input`] renders the page the form was on (the
//! `Referer`, which the browser sends for same-origin requests, or else the
//! form's own address) through the same router and as the same user, and
//! rewrites that page's form:
//!
//! - every field gets the value the user sent (text, numbers, dates,
//!   textareas, selects, check boxes and radio buttons; never passwords,
//!   hidden fields or files, which browsers cannot prefill);
//! - each problem is shown before its field, which is marked
//!   `aria-invalid` and described by the message;
//! - a summary at the top of the page lists every problem, each linking to
//!   its field (the markup of `templates/form_problems.html`);
//! - a folded `<details>` holding the form is opened;
//!
//! and answers with the refusal's status. Handlers that re-show their form
//! themselves answer with a page, not an [`AppError`], and are left alone;
//! so are the API, htmx requests and every answer that is not a refusal of
//! the input (401, 403, 404, 500 keep their own pages).
//!
//! Bounds: a URL-encoded body is read whole up to the router's body limit
//! (as the `Form` extractor would); of a multipart body only the first
//! [`MULTIPART_PREFIX_BYTES`] are looked at, for the text fields that come
//! before a file (the rest streams through untouched); the page to rewrite
//! is read up to [`PAGE_LIMIT_BYTES`].

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use askama::Template;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use tower::ServiceExt;

use crate::context::RequestContext;
use crate::error::{AppError, ErrorReport};
use crate::i18n::Locale;
use crate::views::{self, FormProblem, FormProblems};

/// How much of a multipart body is read for its text fields.
pub const MULTIPART_PREFIX_BYTES: usize = 64 * 1024;

/// The largest page that is rewritten; a larger one is not a form page.
pub const PAGE_LIMIT_BYTES: usize = 4 * 1024 * 1024;

/// Marks the internal request that renders a refused form's page again: it
/// is not a visit (nothing is remembered of it, see `context`).
#[derive(Debug, Clone, Copy)]
pub struct ShownAgain;

/// The refusals that are about the input, and so come back as the form.
fn refuses_the_input(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY
            | StatusCode::CONFLICT
            | StatusCode::BAD_REQUEST
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::TOO_MANY_REQUESTS
    )
}

/// The middleware; its state is the router it wraps (context resolution
/// included), through which the form's page is rendered again.
pub async fn keep_refused_input(
    State(pages): State<Router>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let is_page_form = request.method() == Method::POST
        && !path.starts_with("/api/")
        && !path.starts_with("/xapi/")
        && !request.headers().contains_key("hx-request");
    if !is_page_form {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    let (request, sent) = match read_sent_fields(request).await {
        Ok(read) => read,
        Err(refusal) => return refusal.into_response(),
    };
    let response = next.run(request).await;
    let Some(report) = response.extensions().get::<ErrorReport>().cloned() else {
        return response;
    };
    if !refuses_the_input(report.status) {
        return response;
    }
    let Some(context) = response.extensions().get::<RequestContext>().cloned() else {
        return response;
    };
    let problems: Vec<(Option<&str>, String)> = report
        .problems
        .iter()
        .map(|(code, field)| (*field, views::error_detail(&context.locale, code, *field)))
        .collect();
    for form_page in form_pages(&headers, &path) {
        let Some(page) = render_page(pages.clone(), &headers, &form_page).await else {
            continue;
        };
        if let Some(html) = refill(&page, &form_page, &path, &sent, &problems, &context.locale) {
            return (
                report.status,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                )],
                html,
            )
                .into_response();
        }
    }
    response
}

/// The fields the user sent, by name, in the order sent.
type SentFields = BTreeMap<String, Vec<String>>;

/// Reads what the form sent and gives the request back with the same body.
async fn read_sent_fields(request: Request) -> Result<(Request, SentFields), AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (parts, body) = request.into_parts();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = axum::body::to_bytes(body, crate::routes::BODY_LIMIT_BYTES)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        return Ok((Request::from_parts(parts, Body::from(bytes)), group(pairs)));
    }
    if let Some(boundary) = content_type
        .starts_with("multipart/form-data")
        .then(|| multer::parse_boundary(&content_type).ok())
        .flatten()
    {
        let mut stream = body.into_data_stream();
        let mut prefix = Vec::new();
        let mut failure = None;
        while prefix.len() < MULTIPART_PREFIX_BYTES {
            match stream.next().await {
                Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
                Some(Err(error)) => {
                    failure = Some(error);
                    break;
                }
                None => break,
            }
        }
        let prefix = Bytes::from(prefix);
        let sent = multipart_text_fields(prefix.clone(), boundary).await;
        let head = futures_util::stream::iter(std::iter::once(Ok(prefix)).chain(failure.map(Err)));
        let body = Body::from_stream(head.chain(stream));
        return Ok((Request::from_parts(parts, body), sent));
    }
    Ok((Request::from_parts(parts, body), SentFields::new()))
}

/// The text fields found whole in the first bytes of a multipart body.
async fn multipart_text_fields(prefix: Bytes, boundary: String) -> SentFields {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(prefix) });
    let constraints = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(MULTIPART_PREFIX_BYTES as u64 + 1));
    let mut multipart = multer::Multipart::with_constraints(stream, boundary, constraints);
    let mut pairs = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.file_name().is_some() {
            continue;
        }
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        match field.text().await {
            Ok(text) => pairs.push((name, text)),
            Err(_) => break,
        }
    }
    group(pairs)
}

fn group(pairs: Vec<(String, String)>) -> SentFields {
    let mut sent = SentFields::new();
    for (name, value) in pairs {
        sent.entry(name).or_default().push(value);
    }
    sent
}

/// Where the form may be, in order: the page it was sent from (the
/// `Referer`, which browsers send on same-origin posts under our
/// `Referrer-Policy: same-origin`), then the form's own address and the one
/// above it (`/plans/1/indicators` is on `/plans/1`), for clients that send
/// no `Referer`.
fn form_pages(headers: &HeaderMap, post_path: &str) -> Vec<String> {
    let mut pages = vec![form_page(headers, post_path), post_path.to_owned()];
    if let Some((parent, _)) = post_path.rsplit_once('/')
        && !parent.is_empty()
    {
        pages.push(parent.to_owned());
    }
    pages.dedup();
    pages
}

/// The page the form was on: the `Referer` when it is a page of this site
/// (same scheme-less authority as the request), else the form's address.
fn form_page(headers: &HeaderMap, post_path: &str) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| {
            let (_, rest) = referer.split_once("://")?;
            let (authority, path) = match rest.find('/') {
                Some(slash) => rest.split_at(slash),
                None => (rest, "/"),
            };
            (host.is_none() || host == Some(authority)).then(|| path.to_owned())
        });
    match referer {
        Some(path) if is_local_page(&path) => strip_fragment(&path).to_owned(),
        _ => post_path.to_owned(),
    }
}

fn is_local_page(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/api/")
        && !path.starts_with("/xapi/")
        && !path.contains('\\')
}

fn strip_fragment(path: &str) -> &str {
    path.split('#').next().unwrap_or(path)
}

/// Renders `page` as the same user would see it, if it is an HTML page.
async fn render_page(pages: Router, headers: &HeaderMap, page: &str) -> Option<String> {
    let mut request = Request::builder().method(Method::GET).uri(page);
    for name in [
        header::COOKIE,
        header::ACCEPT_LANGUAGE,
        header::HOST,
        header::USER_AGENT,
    ] {
        if let Some(value) = headers.get(&name) {
            request = request.header(name, value);
        }
    }
    for name in ["x-forwarded-for", "x-forwarded-proto"] {
        if let Some(value) = headers.get(name) {
            request = request.header(name, value);
        }
    }
    let request = request.extension(ShownAgain).body(Body::empty()).ok()?;
    let response = pages.oneshot(request).await.ok()?;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if response.status() != StatusCode::OK || !is_html {
        return None;
    }
    let bytes = axum::body::to_bytes(response.into_body(), PAGE_LIMIT_BYTES)
        .await
        .ok()?;
    String::from_utf8(bytes.to_vec()).ok()
}

/// The path a form's `action` points to, read from the page at `page`.
fn action_path(action: Option<&str>, page: &str) -> String {
    let page_path = page.split('?').next().unwrap_or(page);
    let action = action.map(str::trim).unwrap_or_default();
    let action = match action.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => action,
    };
    let action = action.split(['?', '#']).next().unwrap_or_default();
    if action.is_empty() {
        page_path.to_owned()
    } else if action.starts_with('/') {
        action.to_owned()
    } else {
        let folder = page_path.rsplit_once('/').map_or("", |(folder, _)| folder);
        format!("{folder}/{action}")
    }
}

/// The attribute that marks the refused form in the rewritten page.
const MARK: &str = "data-refused";

/// The form's page with the refused form marked, filled with what was sent
/// and its problems shown; `None` when the page has no such form.
fn refill(
    page: &str,
    page_path: &str,
    post_path: &str,
    sent: &SentFields,
    problems: &[(Option<&str>, String)],
    locale: &Locale,
) -> Option<String> {
    let marked = mark_form(page, page_path, post_path)?;
    let fields = fields_of_marked_form(&marked.html, &marked.open_details)?;
    let problems = form_problems(problems, &fields.anchors);
    let summary = SummaryTemplate {
        problems: &problems,
        heading: locale.t("form-problems-heading"),
    }
    .render()
    .ok()?;
    // A value no option has (a forged one) leaves the select as it was.
    let sent: SentFields = sent
        .iter()
        .filter(|(name, values)| {
            fields
                .options
                .get(*name)
                .is_none_or(|options| values.iter().any(|v| options.contains(v)))
        })
        .map(|(name, values)| (name.clone(), values.clone()))
        .collect();
    fill_marked_form(&fields.html, &sent, &problems, &fields.anchors, &summary)
}

struct MarkedPage {
    html: String,
    /// The indexes of the `<details>` elements that hold the form.
    open_details: BTreeSet<usize>,
}

/// Marks the first `POST` form whose action is `post_path`.
fn mark_form(page: &str, page_path: &str, post_path: &str) -> Option<MarkedPage> {
    #[derive(Default)]
    struct Walk {
        details_seen: usize,
        open: Vec<usize>,
        holding: BTreeSet<usize>,
        found: bool,
    }
    let walk = Rc::new(RefCell::new(Walk::default()));
    let html = rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("details", |el| {
                let index = {
                    let mut walk = walk.borrow_mut();
                    walk.details_seen += 1;
                    let index = walk.details_seen - 1;
                    walk.open.push(index);
                    index
                };
                let walk = Rc::clone(&walk);
                let closed: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    walk.borrow_mut().open.retain(|open| *open != index);
                    Ok(())
                });
                if let Some(handlers) = el.end_tag_handlers() {
                    handlers.push(closed);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("form", |el| {
                let mut walk = walk.borrow_mut();
                let is_post = el
                    .get_attribute("method")
                    .is_some_and(|m| m.eq_ignore_ascii_case("post"));
                let action = el.get_attribute("action");
                if !walk.found && is_post && action_path(action.as_deref(), page_path) == post_path
                {
                    walk.found = true;
                    walk.holding = walk.open.iter().copied().collect();
                    el.set_attribute(MARK, "")?;
                }
                Ok(())
            })),
    )
    .ok()?;
    let walk = walk.borrow();
    walk.found.then(|| MarkedPage {
        html,
        open_details: walk.holding.clone(),
    })
}

struct MarkedFields {
    html: String,
    /// Each field name's element id: its own, or one given here.
    anchors: HashMap<String, String>,
    /// Each select's option values, by the select's name.
    options: HashMap<String, BTreeSet<String>>,
}

/// Opens the `<details>` that hold the form and gives the first element of
/// each field name an id if it has none, for the summary's links.
fn fields_of_marked_form(page: &str, open_details: &BTreeSet<usize>) -> Option<MarkedFields> {
    let anchors = RefCell::new(HashMap::new());
    let options: RefCell<HashMap<String, BTreeSet<String>>> = RefCell::new(HashMap::new());
    let current_select: RefCell<Option<String>> = RefCell::new(None);
    let mut details_seen = 0;
    let field = format!("form[{MARK}] [name]");
    let option = format!("form[{MARK}] select option");
    let html = rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("details", |el| {
                if open_details.contains(&details_seen) {
                    el.set_attribute("open", "")?;
                }
                details_seen += 1;
                Ok(())
            }))
            .append_element_content_handler(element!(option, |el| {
                if let (Some(select), Some(value)) =
                    (current_select.borrow().as_ref(), el.get_attribute("value"))
                {
                    options
                        .borrow_mut()
                        .entry(select.clone())
                        .or_default()
                        .insert(decoded(&value));
                }
                Ok(())
            }))
            .append_element_content_handler(element!(field, |el| {
                let Some(name) = el.get_attribute("name") else {
                    return Ok(());
                };
                if el.tag_name().eq_ignore_ascii_case("select") {
                    *current_select.borrow_mut() = Some(name.clone());
                }
                let mut anchors = anchors.borrow_mut();
                if anchors.contains_key(&name) || !is_field(&el.tag_name()) {
                    return Ok(());
                }
                let id = match el.get_attribute("id") {
                    Some(id) => id,
                    None => {
                        let id = format!("field-{}", id_safe(&name));
                        el.set_attribute("id", &id)?;
                        id
                    }
                };
                anchors.insert(name, id);
                Ok(())
            })),
    )
    .ok()?;
    Some(MarkedFields {
        html,
        anchors: anchors.into_inner(),
        options: options.into_inner(),
    })
}

fn is_field(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "input" | "select" | "textarea"
    )
}

fn id_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The problems as a page shows them: those whose field is in the form
/// link to it, the others are about the whole form.
fn form_problems(
    problems: &[(Option<&str>, String)],
    anchors: &HashMap<String, String>,
) -> FormProblems {
    FormProblems::from_problems(
        problems
            .iter()
            .map(
                |(field, message)| match field.and_then(|f| anchors.get(f).map(|a| (f, a))) {
                    Some((field, anchor)) => FormProblem {
                        field: Some((*field).to_owned()),
                        anchor: anchor.clone(),
                        message: message.clone(),
                    },
                    None => FormProblem {
                        field: None,
                        anchor: String::new(),
                        message: message.clone(),
                    },
                },
            )
            .collect(),
    )
}

#[derive(Template)]
#[template(
    source = r#"{% import "form_problems.html" as form %}{% call form::summary(problems, heading) %}{% endcall %}"#,
    ext = "html"
)]
struct SummaryTemplate<'a> {
    problems: &'a FormProblems,
    heading: String,
}

#[derive(Template)]
#[template(
    source = r#"{% import "form_problems.html" as form %}{% call form::at(problems, field, anchor) %}{% endcall %}"#,
    ext = "html"
)]
struct FieldProblemTemplate<'a> {
    problems: &'a FormProblems,
    field: &'a str,
    anchor: &'a str,
}

/// Puts the sent values back into the marked form, each problem before its
/// field and the summary at the top of `<main>`.
fn fill_marked_form(
    page: &str,
    sent: &SentFields,
    problems: &FormProblems,
    anchors: &HashMap<String, String>,
    summary: &str,
) -> Option<String> {
    // How many values of each name the form's fields have taken so far.
    let taken: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
    let current_select: RefCell<Option<String>> = RefCell::new(None);
    let shown: RefCell<BTreeSet<String>> = RefCell::new(BTreeSet::new());
    let input = format!("form[{MARK}] input[name]");
    let textarea = format!("form[{MARK}] textarea[name]");
    let select = format!("form[{MARK}] select[name]");
    let option = format!("form[{MARK}] select option");
    let show_problem = |el: &mut lol_html::html_content::Element, name: &str| {
        let Some(anchor) = anchors.get(name) else {
            return Ok::<(), Box<dyn std::error::Error + Send + Sync>>(());
        };
        if problems.at(name).is_none() || !shown.borrow_mut().insert(name.to_owned()) {
            return Ok(());
        }
        let message = FieldProblemTemplate {
            problems,
            field: name,
            anchor,
        }
        .render()?;
        el.before(&message, ContentType::Html);
        el.set_attribute("aria-invalid", "true")?;
        let described = match el.get_attribute("aria-describedby") {
            Some(ids) => format!("{anchor}-problem {ids}"),
            None => format!("{anchor}-problem"),
        };
        el.set_attribute("aria-describedby", &described)?;
        Ok(())
    };
    rewrite_str(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("main", |el| {
                el.prepend(summary, ContentType::Html);
                Ok(())
            }))
            .append_element_content_handler(element!(input, |el| {
                let Some(name) = el.get_attribute("name") else {
                    return Ok(());
                };
                show_problem(el, &name)?;
                let kind = el
                    .get_attribute("type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let values = sent.get(&name);
                match kind.as_str() {
                    "hidden" | "password" | "file" | "submit" | "button" | "reset" | "image" => {}
                    "checkbox" | "radio" => {
                        let value = el
                            .get_attribute("value")
                            .map_or_else(|| "on".to_owned(), |value| decoded(&value));
                        if values.is_some_and(|values| values.contains(&value)) {
                            el.set_attribute("checked", "")?;
                        } else {
                            el.remove_attribute("checked");
                        }
                    }
                    _ => {
                        if let Some(value) = next_value(&taken, &name, values) {
                            el.set_attribute("value", &attribute_text(value))?;
                        }
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(element!(textarea, |el| {
                let Some(name) = el.get_attribute("name") else {
                    return Ok(());
                };
                show_problem(el, &name)?;
                if let Some(value) = next_value(&taken, &name, sent.get(&name)) {
                    el.set_inner_content(value, ContentType::Text);
                }
                Ok(())
            }))
            .append_element_content_handler(element!(select, |el| {
                let name = el.get_attribute("name");
                if let Some(name) = &name {
                    show_problem(el, name)?;
                }
                *current_select.borrow_mut() = name;
                Ok(())
            }))
            .append_element_content_handler(element!(option, |el| {
                let select = current_select.borrow();
                let Some(values) = select.as_ref().and_then(|name| sent.get(name)) else {
                    return Ok(());
                };
                let Some(value) = el.get_attribute("value").map(|value| decoded(&value)) else {
                    return Ok(());
                };
                if values.contains(&value) {
                    el.set_attribute("selected", "")?;
                } else {
                    el.remove_attribute("selected");
                }
                Ok(())
            })),
    )
    .ok()
}

/// `text` as an attribute value: lol_html escapes only the double quote.
fn attribute_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An attribute value as the browser reads it: lol_html gives the source
/// text, where askama wrote `&#38;` for `&` and the like.
fn decoded(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find('&') {
        text.push_str(&rest[..start]);
        rest = &rest[start..];
        let reference = rest.find(';').map(|end| (&rest[1..end], end));
        let character = reference.and_then(|(name, end)| {
            let character = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match name.strip_prefix('#') {
                    Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16)
                        .ok()
                        .and_then(char::from_u32),
                    Some(decimal) => decimal.parse().ok().and_then(char::from_u32),
                    None => None,
                },
            };
            character.map(|c| (c, end))
        });
        match character {
            Some((c, end)) => {
                text.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                text.push('&');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// The next value sent under `name` for a field that takes one value.
fn next_value<'a>(
    taken: &RefCell<HashMap<String, usize>>,
    name: &str,
    values: Option<&'a Vec<String>>,
) -> Option<&'a str> {
    let values = values?;
    let mut taken = taken.borrow_mut();
    let index = taken.entry(name.to_owned()).or_default();
    let value = values.get(*index)?;
    *index += 1;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, &str)]) -> SentFields {
        group(
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    const PAGE: &str = r#"<html><body><main id="main"><h1>Plan</h1>
<form method="post" action="/plans/1/archive"><button>Archive</button></form>
<details><summary>Add</summary>
<form method="post" action="/plans/1/indicators">
<label for="t">Title</label><input id="t" name="title" value="">
<input type="number" name="target">
<textarea name="notes">old</textarea>
<select name="unit"><option value="pct" selected>%</option><option value="n">n</option></select>
<select name="scale"><option value="n&#38;m">n&amp;m</option></select>
<input type="checkbox" name="gaps" value="P1.A.1" checked><input type="checkbox" name="gaps" value="P1.A.2">
<input type="hidden" name="kind" value="k"><input type="password" name="secret">
</form></details>
<form method="post" action="/plans/1/indicators"><input name="title"></form>
</main></body></html>"#;

    fn refilled(problems: &[(Option<&str>, String)]) -> String {
        refill(
            PAGE,
            "/plans/1",
            "/plans/1/indicators",
            &sent(&[
                ("title", "Women in <leadership>"),
                ("target", "abc"),
                ("notes", "typed & kept"),
                ("unit", "n"),
                ("scale", "n&m"),
                ("gaps", "P1.A.2"),
                ("kind", "forged"),
                ("secret", "pw"),
            ]),
            problems,
            &Locale::english(),
        )
        .expect("the form is found")
    }

    #[test]
    fn the_refused_form_gets_back_every_value_sent() {
        let html = refilled(&[]);
        assert!(
            html.contains(r#"<input id="t" name="title" value="Women in &lt;leadership&gt;""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<option value="n&#38;m" selected="">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"name="target" id="field-target" value="abc""#),
            "{html}"
        );
        assert!(html.contains(">typed &amp; kept</textarea>"), "{html}");
        assert!(
            html.contains(r#"<option value="pct">%</option><option value="n" selected="">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"value="P1.A.1" id="field-gaps">"#)
                && !html.contains(r#"value="P1.A.1" checked"#),
            "{html}"
        );
        assert!(html.contains(r#"value="P1.A.2" checked="""#), "{html}");
        // Hidden fields keep the page's value, passwords are never echoed.
        assert!(html.contains(r#"name="kind" value="k""#), "{html}");
        assert!(!html.contains("pw"), "{html}");
        // Only the first form with that action; the folded one is opened.
        assert!(
            html.contains(
                r#"<form method="post" action="/plans/1/indicators"><input name="title"></form>"#
            ),
            "{html}"
        );
        assert!(html.contains("<details open=\"\">"), "{html}");
    }

    #[test]
    fn each_problem_is_at_its_field_and_in_a_linked_summary() {
        let html = refilled(&[
            (Some("target"), "Target: not a number".to_owned()),
            (None, "Already exists".to_owned()),
            (Some("elsewhere"), "Not in the form".to_owned()),
        ]);
        let summary = html.find(r#"id="form-problems""#).expect("a summary");
        let h1 = html.find("<h1>").expect("the heading");
        assert!(summary < h1, "the summary is at the top of main");
        assert!(
            html.contains(r##"<a href="#field-target">Target: not a number</a>"##),
            "{html}"
        );
        assert!(html.contains("<li>Already exists</li>"), "{html}");
        assert!(html.contains("<li>Not in the form</li>"), "{html}");
        assert!(
            html.contains(r#"<p class="field-problem" id="field-target-problem">Target: not a number</p><input type="number" name="target" id="field-target" aria-invalid="true" aria-describedby="field-target-problem""#),
            "{html}"
        );
    }

    #[test]
    fn a_value_no_option_has_leaves_the_select_as_it_was() {
        let html = refill(
            PAGE,
            "/plans/1",
            "/plans/1/indicators",
            &sent(&[("unit", "forged")]),
            &[],
            &Locale::english(),
        )
        .expect("the form is found");
        assert!(
            html.contains(r#"<option value="pct" selected>%</option>"#),
            "{html}"
        );
    }

    #[test]
    fn a_page_without_the_form_is_not_rewritten() {
        assert!(
            refill(
                PAGE,
                "/plans/1",
                "/plans/2/indicators",
                &SentFields::new(),
                &[],
                &Locale::english()
            )
            .is_none()
        );
    }

    #[test]
    fn character_references_are_read_as_a_browser_reads_them() {
        assert_eq!(
            decoded("a&#38;b &amp; &#x3C;c&gt; &unknown; &"),
            "a&b & <c> &unknown; &"
        );
        assert_eq!(attribute_text("x & <y>"), "x &amp; &lt;y&gt;");
    }

    #[test]
    fn actions_resolve_against_the_page() {
        assert_eq!(action_path(None, "/plans/1?tab=a"), "/plans/1");
        assert_eq!(action_path(Some(""), "/plans/1"), "/plans/1");
        assert_eq!(action_path(Some("/a/b?x=1#f"), "/plans/1"), "/a/b");
        assert_eq!(action_path(Some("https://h.test/a"), "/p"), "/a");
        assert_eq!(action_path(Some("edit"), "/plans/1"), "/plans/edit");
    }

    #[test]
    fn only_a_page_of_this_site_is_rendered_again() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("gedhub.test"));
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("https://gedhub.test/plans/1?x=1#top"),
        );
        assert_eq!(form_page(&headers, "/plans/1/indicators"), "/plans/1?x=1");
        for foreign in [
            "https://evil.test/plans/1",
            "https://gedhub.test//evil.test/",
            "https://gedhub.test/api/v1/me",
        ] {
            headers.insert(header::REFERER, HeaderValue::from_static(foreign));
            assert_eq!(
                form_page(&headers, "/plans/1/indicators"),
                "/plans/1/indicators",
                "{foreign}"
            );
        }
    }

    #[tokio::test]
    async fn text_fields_before_a_file_are_read_from_a_multipart_body() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nMinutes\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n--b--\r\n";
        let fields = multipart_text_fields(Bytes::from(body), "b".to_owned()).await;
        assert_eq!(fields.get("label"), Some(&vec!["Minutes".to_owned()]));
        assert!(!fields.contains_key("file"));
        // A body cut short keeps the fields read whole before the cut.
        let cut = body.find("%PDF").expect("the file's bytes");
        let fields = multipart_text_fields(Bytes::from(&body[..cut]), "b".to_owned()).await;
        assert_eq!(fields.get("label"), Some(&vec!["Minutes".to_owned()]));
        // A cut inside a text field gives nothing rather than half of it.
        let fields = multipart_text_fields(Bytes::from(&body[..58]), "b".to_owned()).await;
        assert!(fields.is_empty(), "{fields:?}");
    }
}
