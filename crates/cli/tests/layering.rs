//! The command line calls the application layer for use cases, never the
//! web crate's page modules: a page module is an adapter for browsers, and
//! what the CLI shares with the pages belongs in `gedhub-app`.

#[test]
fn the_cli_imports_nothing_from_the_page_modules() {
    let source = include_str!("../src/main.rs");
    let offending: Vec<&str> = source
        .lines()
        .filter(|line| line.contains("pages::"))
        .collect();
    assert!(offending.is_empty(), "{offending:#?}");
}
