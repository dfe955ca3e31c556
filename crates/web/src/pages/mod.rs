//! HTML pages. Each handler states what it requires (a [`SignedIn`] user and,
//! where it matters, an explicit authorization check) before it reads data.
//!
//! [`SignedIn`]: crate::context::SignedIn

pub mod account;
pub mod achievements;
pub mod administrations;
pub mod agenda;
pub mod assessments;
pub mod audit;
pub mod credential_check;
pub mod credentials;
pub mod dashboard;
pub mod elearning;
pub mod inquiries;
pub mod instruments;
pub mod ktests;
pub mod missions;
pub mod notifications;
pub mod password_reset;
pub mod pathway;
pub mod plans;
pub mod practices;
pub mod programme;
pub mod record;
pub mod reports;
pub mod session;
pub mod setup;
pub mod surveys;
pub mod training;
pub mod users;
pub mod workforce;

use crate::error::AppError;

/// Translated messages for a list of validation problems.
pub(crate) fn problem_messages(locale: &crate::i18n::Locale, error: &AppError) -> Vec<String> {
    error
        .report()
        .problems
        .iter()
        .map(|(code, field)| crate::views::error_detail(locale, code, *field))
        .collect()
}
