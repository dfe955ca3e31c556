//! gedhub's web edge: HTML pages and the JSON API over one axum router.
//!
//! Reading order: [`routes`] (every route and who may call it), [`context`]
//! (who is asking, in which language; error rendering; security headers),
//! [`error`] (the one error type), then [`pages`] and [`api`].

pub mod api;
pub mod audit;
pub mod charts;
pub mod context;
pub mod credentials;
pub mod diagnostic;
pub mod disclosure;
pub mod error;
pub mod extract;
pub mod format;
pub mod i18n;
pub mod inquiries;
pub mod mail;
pub mod measurement_import;
pub mod missions;
pub mod monitoring;
pub mod pages;
pub mod pathway;
pub mod practices;
pub mod programme;
pub mod programme_report;
pub mod programme_workbook;
pub mod redirect;
pub mod refused_forms;
pub mod reminders;
pub mod routes;
pub mod state;
pub mod training_record;
pub mod training_views;
pub mod uploads;
pub mod views;
pub mod workbooks;
pub mod workforce;
pub mod worldmap;
pub mod xapi;

pub use routes::router;
pub use state::{AppState, WebConfig};

/// The web crate's own layering (issue 18): page modules are adapters that
/// only the route table names. When an API handler, a job or another
/// module needs what a page does, that belongs to a use case in
/// `gedhub-app` (or a web-only helper outside `pages/`), not to a page.
#[cfg(test)]
mod layering {
    use std::path::{Path, PathBuf};

    /// Every source file of this crate outside `pages/`, except the route
    /// table, with its text.
    fn sources_outside_pages() -> Vec<(PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut pending = vec![root.clone()];
        let mut files = Vec::new();
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).expect("src is readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    if path != root.join("pages") {
                        pending.push(path);
                    }
                    continue;
                }
                let is_rust = path.extension().is_some_and(|e| e == "rs");
                if !is_rust || path == root.join("routes.rs") || path == root.join("lib.rs") {
                    continue;
                }
                // Our source files are small; anything larger is not one.
                let size = std::fs::metadata(&path).expect("metadata").len();
                assert!(size < 1_000_000, "{} is not a source file", path.display());
                let text = std::fs::read_to_string(&path).expect("utf-8 source");
                files.push((path, text));
            }
        }
        files
    }

    #[test]
    fn nothing_outside_the_route_table_imports_a_page_module() {
        let files = sources_outside_pages();
        assert!(files.len() > 20, "the walk found the sources");
        let offenders: Vec<String> = files
            .iter()
            .flat_map(|(path, text)| {
                text.lines()
                    .enumerate()
                    .filter(|(_, line)| {
                        let code = line.split("//").next().unwrap_or_default();
                        code.contains("pages::")
                    })
                    .map(move |(number, line)| {
                        format!("{}:{}: {}", path.display(), number + 1, line.trim())
                    })
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "page modules imported outside the route table:\n{}",
            offenders.join("\n")
        );
    }
}
