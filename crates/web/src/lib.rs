//! gedhub's web edge: HTML pages and the JSON API over one axum router.
//!
//! Reading order: [`routes`] (every route and who may call it), [`context`]
//! (who is asking, in which language; error rendering; security headers),
//! [`error`] (the one error type), then [`pages`] and [`api`].

pub mod api;
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
