//! What the training cluster's pages, its API and the daily job share that
//! is the web edge's, not a use case: the address a material is read at,
//! the wording of survey invitations (translations) and an e-learning
//! report problem in words. Kept out of `pages` so that the API and the
//! jobs need no page module.

use chrono::NaiveDate;
use gedhub_app::training::surveys::{self as survey_use_cases, Invitation};
use gedhub_core::elearning::ReportProblem;
use gedhub_store::training::Workshop;
use gedhub_store::users::User;
use gedhub_store::{Store, StoreError};

use crate::i18n::{Locale, recipient_locale};
use crate::views::error_detail;

/// A value offered in a select and its label.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// Where a material is read: its link, or the download route of its file.
pub fn material_href(workshop_id: i64, material: &gedhub_store::agenda::Material) -> String {
    if material.file_name.is_empty() {
        material.link.clone()
    } else {
        format!("/workshops/{workshop_id}/materials/{}/file", material.id)
    }
}

/// A follow-up survey's invitation, in the person's language (their
/// setting, else their last visit's, else the workshop's).
pub fn invitation(user: &User, workshop: &Workshop) -> Invitation {
    let locale = recipient_locale(user, Some(&workshop.language));
    Invitation {
        subject: locale.t("survey-invitation-subject"),
        body: locale.t_args(
            "survey-invitation-body",
            &[("workshop", workshop.title.clone())],
        ),
    }
}

/// The daily job's part: sends every follow-up survey whose day has come,
/// worded by [`invitation`]. Returns how many people were invited.
pub async fn send_due_follow_ups(store: &Store, today: NaiveDate) -> Result<usize, StoreError> {
    survey_use_cases::send_due_follow_ups(store, today, &invitation).await
}

/// A completion report's problem as one readable line in the user's
/// language.
pub fn problem_text(locale: &Locale, problem: &ReportProblem) -> String {
    let detail = error_detail(locale, problem.code, None);
    let mut text = String::new();
    if problem.line > 0 {
        text.push_str(&locale.t_args("elearning-line", &[("line", problem.line.to_string())]));
        text.push_str(" — ");
    }
    if !problem.column.is_empty() {
        text.push_str(&problem.column);
        text.push_str(": ");
    }
    text.push_str(&detail);
    if !problem.value.is_empty() {
        text.push_str(&format!(" ({:?})", problem.value));
    }
    text
}
