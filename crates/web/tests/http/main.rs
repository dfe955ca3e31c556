//! HTTP tests through the real router (one test binary). They run against
//! SQLite by default and PostgreSQL when GEDHUB_TEST_POSTGRES_URL is set.

mod agenda;
mod authorization;
mod credentials;
mod disclosure;
mod elearning;
mod error_envelopes;
mod geoat;
mod hostile_files;
mod inquiries;
mod ktests;
mod missions;
mod nominations;
mod openapi;
mod pathway;
mod plans;
mod practices;
mod programme;
mod record;
mod refused_forms;
mod registry;
mod robustness;
mod sessions;
mod signin;
mod support;
mod surveys;
mod training;
mod workforce;
mod xapi_conformance;
mod xapi_resources;
