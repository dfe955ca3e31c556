//! gedhub's domain: the vocabulary every other crate speaks.
//!
//! Policy: this crate does no I/O and knows nothing of HTTP or SQL. Values that
//! cross a trust boundary (e-mail addresses, administration codes, passwords) are
//! parsed into newtypes here once, so the rest of the code can rely on them.

pub mod assessment;
pub mod authz;
pub mod credentials;
pub mod disclosure;
pub mod elearning;
pub mod evidence;
pub mod inquiries;
pub mod instrument;
pub mod ktests;
pub mod missions;
pub mod monitoring;
pub mod next_steps;
pub mod password;
pub mod pathway;
pub mod practices;
pub mod programme;
pub mod scoring;
pub mod signin;
pub mod surveys;
pub mod tabular;
pub mod training;
pub mod values;
pub mod workforce;
pub mod xapi;

pub use authz::{Principal, Scope};
pub use values::{
    AdministrationCode, Email, NewPassword, Region, Role, UserId, ValidationError, parse_date,
    parse_optional_date, required_text,
};
