//! HTTP tests through the real router (one test binary). They run against
//! SQLite by default and PostgreSQL when GEDHUB_TEST_POSTGRES_URL is set.

mod agenda;
mod authorization;
mod credentials;
mod disclosure;
mod elearning;
mod geoat;
mod inquiries;
mod ktests;
mod missions;
mod nominations;
mod pathway;
mod plans;
mod practices;
mod programme;
mod record;
mod registry;
mod robustness;
mod sessions;
mod support;
mod surveys;
mod training;
mod workforce;
mod xapi_conformance;
