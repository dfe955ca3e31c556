//! gedhub's application layer: what a user can do, independent of how they
//! ask (a page, the JSON API or the command line).
//!
//! Policy: one module per feature, one function per use case. A use case
//! takes the store, the [`Caller`] and a typed input, checks access with
//! core's policy predicates (before reading the input, so that a resource
//! the caller may not see answers "not found" whatever was sent), and
//! returns domain values or an [`AppError`]. This crate knows nothing of
//! HTTP, templates or OpenAPI (a test enforces it); the web edge turns
//! forms and JSON into inputs and results into pages and DTOs.

pub mod administrations;
pub mod assessments;
pub mod caller;
pub mod dashboard;
pub mod error;
pub mod inquiries;
pub mod instruments;
pub mod missions;
pub mod pathway;
pub mod plans;
pub mod practices;
pub mod programme;
pub mod training;
pub mod users;
pub mod workforce;

pub use caller::Caller;
pub use error::{AppError, Problems, Result};
