//! The OpenAPI document at `/api/v1/openapi.json` is the API's contract: a
//! client generated from it alone must be able to call every operation.
//! These tests pin what the generator (utoipa) does not check itself; the
//! schema-based run of scripts/api-contract.sh checks the live answers
//! against the document.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use axum::http::{Method, StatusCode};
use gedhub_web::routes::table;
use serde_json::Value;

use crate::support::TestApp;

async fn document() -> Value {
    let app = TestApp::new().await;
    let response = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(response.status, StatusCode::OK);
    response.json()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The name a `#[derive(ToSchema)]` item gets in the document: its
/// `#[schema(as = path::Name)]` (segments joined with dots, as utoipa does)
/// or else its identifier. `None` when the item does not derive `ToSchema`.
fn schema_name(attributes: &[syn::Attribute], ident: &syn::Ident) -> Option<String> {
    let mut derives_schema = false;
    let mut alias = None;
    for attribute in attributes {
        if attribute.path().is_ident("derive") {
            let _ = attribute.parse_nested_meta(|meta| {
                if meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "ToSchema")
                {
                    derives_schema = true;
                }
                Ok(())
            });
        } else if attribute.path().is_ident("schema") {
            let _ = attribute.parse_nested_meta(|meta| {
                if meta.path.is_ident("as") {
                    let path: syn::Path = meta.value()?.parse()?;
                    let segments: Vec<String> =
                        path.segments.iter().map(|s| s.ident.to_string()).collect();
                    alias = Some(segments.join("."));
                } else if meta.input.peek(syn::Token![=]) {
                    let _: syn::Expr = meta.value()?.parse()?;
                } else if meta.input.peek(syn::token::Paren) {
                    // e.g. `min_items(1)`-like lists: skip their tokens.
                    let content;
                    syn::parenthesized!(content in meta.input);
                    content.step(|cursor| {
                        let mut rest = *cursor;
                        while let Some((_, next)) = rest.token_tree() {
                            rest = next;
                        }
                        Ok(((), rest))
                    })?;
                }
                Ok(())
            });
        }
    }
    derives_schema.then(|| alias.unwrap_or_else(|| ident.to_string()))
}

/// Every item deriving `ToSchema` in `items`, as (schema name, Rust path).
fn schema_items(items: &[syn::Item], module: &str, found: &mut Vec<(String, String)>) {
    for item in items {
        let (attributes, ident) = match item {
            syn::Item::Struct(s) => (&s.attrs, &s.ident),
            syn::Item::Enum(e) => (&e.attrs, &e.ident),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    schema_items(inner, &format!("{module}::{}", m.ident), found);
                }
                continue;
            }
            _ => continue,
        };
        if let Some(name) = schema_name(attributes, ident) {
            found.push((name, format!("{module}::{ident}")));
        }
    }
}

/// The schema names of the web crate's sources, each with the Rust types
/// that claim it. Read from the sources because utoipa keeps one schema of
/// each name and drops the others without a word.
fn schema_names_in_sources() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let parsed = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let module = file
            .strip_prefix(&src)
            .expect("under src")
            .with_extension("")
            .to_string_lossy()
            .replace('/', "::");
        schema_items(&parsed.items, &module, &mut found);
    }
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, rust_path) in found {
        names.entry(name).or_default().insert(rust_path);
    }
    names
}

#[tokio::test]
async fn every_schema_name_belongs_to_one_type() {
    let names = schema_names_in_sources();
    let collisions: Vec<String> = names
        .iter()
        .filter(|(_, types)| types.len() > 1)
        .map(|(name, types)| format!("{name}: {types:?}"))
        .collect();
    assert!(
        collisions.is_empty(),
        "schema names claimed by several types (the document would keep one):\n{}",
        collisions.join("\n")
    );
    // The scan sees every schema of the document: a component it did not
    // find would escape the check above.
    let document = document().await;
    let components = document["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    assert!(components.len() > 50, "{}", components.len());
    for name in components.keys() {
        assert!(
            names.contains_key(name),
            "component {name} comes from no #[derive(ToSchema)] the scan found"
        );
    }
}

#[test]
fn the_source_scan_sees_a_collision() {
    let source = r#"
        mod a { #[derive(Serialize, ToSchema)] pub struct Created { pub id: i64 } }
        mod b { #[derive(utoipa::ToSchema)] #[schema(as = Created)] pub struct Made { pub id: i64 } }
        #[derive(ToSchema)] #[schema(as = b::Other, example = json!({}))] pub enum Kept { A }
        #[derive(Serialize)] pub struct Created;
    "#;
    let parsed = syn::parse_file(source).expect("parses");
    let mut found = Vec::new();
    schema_items(&parsed.items, "x", &mut found);
    assert_eq!(
        found,
        vec![
            ("Created".to_owned(), "x::a::Created".to_owned()),
            ("Created".to_owned(), "x::b::Made".to_owned()),
            ("b.Other".to_owned(), "x::Kept".to_owned()),
        ]
    );
}

/// Every (method, path, operation) of the document.
fn operations(document: &Value) -> Vec<(String, String, &Value)> {
    let mut all = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                all.push((method.clone(), path.clone(), operation));
            }
        }
    }
    all
}

#[tokio::test]
async fn operation_ids_are_unique_and_every_operation_is_routed() {
    let document = document().await;
    let mut ids = BTreeMap::new();
    let routes: BTreeSet<(String, String)> = table()
        .iter()
        .map(|r| (r.method.as_str().to_lowercase(), r.path.to_owned()))
        .collect();
    for (method, path, operation) in operations(&document) {
        let id = operation["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
        if let Some(other) = ids.insert(id.to_owned(), format!("{method} {path}")) {
            panic!("operationId {id} is used by {other} and {method} {path}");
        }
        assert!(
            routes.contains(&(method.clone(), path.clone())),
            "{method} {path} is documented but not routed"
        );
    }
}

/// The statuses of an operation's responses.
fn statuses(operation: &Value) -> BTreeSet<String> {
    operation["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_operation_documents_the_errors_of_the_request_pipeline() {
    let document = document().await;
    for (method, path, operation) in operations(&document) {
        let documented = statuses(operation);
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let has_in = |location: &str| parameters.iter().any(|p| p["in"] == location);
        let has_json_body = operation["requestBody"]["content"]["application/json"].is_object();
        let mut expected = vec!["401"];
        if has_json_body || has_in("query") {
            expected.push("400");
        }
        if method != "get" {
            expected.push("403");
        }
        if has_in("path") {
            expected.push("404");
        }
        if operation["requestBody"].is_object() {
            expected.push("413");
        }
        for status in expected {
            assert!(
                documented.contains(status),
                "{method} {path} does not document {status}: {documented:?}"
            );
        }
        for (status, response) in operation["responses"].as_object().expect("responses") {
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{method} {path} {status} has no description"
            );
            if status.starts_with('4') {
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorEnvelope",
                    "{method} {path} {status}"
                );
            }
        }
    }
}

/// Every `$ref` under `value`.
fn references<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => found.push(target),
                    _ => references(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|inner| references(inner, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_resolves() {
    let document = document().await;
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let pointer = target.strip_prefix('#').expect("local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "{target} does not resolve"
        );
    }
}

/// The properties of the JSON request body of `method path`.
fn request_properties(document: &Value, method: &str, path: &str) -> BTreeSet<String> {
    let schema =
        &document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"];
    let schema = match schema["$ref"].as_str() {
        Some(target) => document
            .pointer(target.strip_prefix('#').expect("local"))
            .expect("resolves"),
        None => schema,
    };
    schema["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path}: no properties"))
        .keys()
        .cloned()
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Issue 16: names shared by several modules made these operations show
/// another endpoint's bodies.
#[tokio::test]
async fn the_bodies_that_once_collided_are_their_own() {
    let document = document().await;
    assert_eq!(
        request_properties(
            &document,
            "put",
            "/api/v1/assessments/{id}/answers/{indicator}"
        ),
        set(&[
            "rating",
            "not_applicable",
            "justification",
            "evidence",
            "version"
        ])
    );
    assert_eq!(
        request_properties(&document, "post", "/api/v1/assessments/{id}/transitions"),
        set(&["transition", "reason"])
    );
    assert_eq!(
        request_properties(&document, "post", "/api/v1/action-plans/{plan}/status"),
        set(&["status"])
    );
    assert_eq!(
        request_properties(&document, "post", "/api/v1/candidates/{email}/transitions"),
        set(&["to", "reason", "override"])
    );
    let schemas = &document["components"]["schemas"];
    let list = &document["paths"]["/api/v1/assessments"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["items"]["$ref"];
    assert_eq!(list, "#/components/schemas/AssessmentResponse");
    assert!(schemas["AssessmentResponse"]["properties"]["instrument"].is_object());
    let completion = &document["paths"]["/api/v1/workshops/{workshop}/participants/{email}/completion"]
        ["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"];
    let completion = document
        .pointer(
            completion
                .as_str()
                .expect("ref")
                .strip_prefix('#')
                .expect("local"),
        )
        .expect("resolves");
    assert!(completion["properties"]["missing"].is_object());
}

/// What the document says the pipeline answers, it answers: a body that is
/// not JSON is a 400 with the envelope, an oversized one a 413.
#[tokio::test]
async fn the_documented_pipeline_errors_are_what_the_server_answers() {
    let app = TestApp::new().await;
    app.user("staff@wco.test", gedhub_core::Role::Secretariat, None)
        .await;
    let staff = app.sign_in("staff@wco.test").await;
    let malformed = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), "{not json")
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.error_code(), "json_malformed");
    let big = format!("{{\"title\":\"{}\"}}", "x".repeat(11 * 1024 * 1024));
    let too_large = app
        .json(Method::POST, "/api/v1/workshops", Some(&staff), &big)
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.error_code(), "payload_too_large");
    let anonymous = app.get("/api/v1/workshops", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.error_code(), "unauthenticated");
}

/// The whole document, pinned: any change to the API's contract shows up as
/// a diff of `snapshots/http__openapi__openapi.snap` to review (README,
/// "Snapshots"). The crate version is left out, so that a release does not
/// count as a contract change.
#[tokio::test]
async fn the_document_is_pinned_by_a_snapshot() {
    let mut document = document().await;
    document["info"]["version"] = Value::from("[crate version]");
    insta::assert_json_snapshot!("openapi", document);
}
