//! The application layer stays free of the web: no HTTP framework, template
//! engine or OpenAPI generator, and no dependency on the web crate (which
//! depends on it). Otherwise the CLI and other callers would drag the web
//! edge along, and use cases would drift back into handlers.

/// The names listed under `[dependencies]` of this crate's manifest.
fn dependencies() -> Vec<String> {
    let manifest = include_str!("../Cargo.toml");
    let section = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.split(['=', '.']).next())
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

const FORBIDDEN: [&str; 6] = [
    "axum",
    "askama",
    "utoipa",
    "gedhub-web",
    "tower",
    "tower-http",
];

#[test]
fn the_application_crate_depends_on_no_web_framework() {
    let names = dependencies();
    assert!(
        names.iter().any(|name| name == "gedhub-core"),
        "the parser found the dependencies: {names:?}"
    );
    for forbidden in FORBIDDEN {
        assert!(
            !names.iter().any(|name| name == forbidden),
            "gedhub-app must not depend on {forbidden}"
        );
    }
}

#[test]
fn no_source_file_names_a_web_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![root];
    let mut read = 0;
    while let Some(path) = pending.pop() {
        for entry in std::fs::read_dir(&path).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            // A source file is small; anything larger is not one of ours.
            let size = std::fs::metadata(&path).expect("metadata").len();
            assert!(size <= 1_000_000, "{} is {size} bytes", path.display());
            let text = std::fs::read_to_string(&path).expect("a source file");
            read += 1;
            for forbidden in ["axum::", "askama::", "utoipa::", "gedhub_web::"] {
                assert!(
                    !text.contains(forbidden),
                    "{} uses {forbidden}",
                    path.display()
                );
            }
        }
    }
    assert!(read > 0, "no source file was read");
}
