//! The domain crate stays pure: no database, web or runtime dependency may
//! creep into it (the layering in docs/ARCHITECTURE.md).

#[test]
fn the_domain_crate_depends_on_no_io_framework() {
    let manifest = include_str!("../Cargo.toml");
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    let names: Vec<&str> = dependencies
        .lines()
        .filter_map(|line| line.split(['=', '.']).next())
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    assert!(
        names.contains(&"serde"),
        "the parser found the dependencies: {names:?}"
    );
    for forbidden in [
        "sqlx",
        "axum",
        "tokio",
        "askama",
        "tower",
        "hyper",
        "reqwest",
        "gedhub-store",
        "gedhub-web",
    ] {
        assert!(
            !names.contains(&forbidden),
            "gedhub-core must not depend on {forbidden}"
        );
    }
}
