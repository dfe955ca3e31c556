//! The practice library (issue 8): a published practice is every signed-in
//! user's to read; a draft, submitted or archived one exists only for the
//! Secretariat, its author and the focal points of its administration.
//! Only the Secretariat publishes, asks for changes and archives.

use super::Principal;
use crate::practices::{PracticeStatus, Review};
use crate::values::{Role, UserId};

pub use crate::practices::{can_manage as may_manage_practice, can_see as may_see_practice};

/// May submit practices: the Secretariat, focal points and experts (not
/// participants, who are being trained).
pub fn may_contribute_practice(principal: &Principal) -> bool {
    principal.role != Role::Participant
}

/// May make `review` on a practice: the Secretariat every move; those who
/// manage it (`manages`, see [`may_manage_practice`]) only submit it.
pub fn may_review_practice(principal: &Principal, review: Review, manages: bool) -> bool {
    principal.is_secretariat() || (review == Review::Submit && manages)
}

/// May add or edit translations of a practice by `author`: its author and
/// the Secretariat (a focal point may not put into a colleague's mouth words
/// they did not write).
pub fn may_translate_practice(principal: &Principal, author: Option<UserId>) -> bool {
    principal.is_secretariat() || author == Some(principal.user_id)
}

/// Whether the principal may add and delete a practice's attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    Allowed,
    /// The practice is past the point where it changes (`not_editable`).
    NotEditable,
    Forbidden,
}

/// The Secretariat until the practice is archived; those who manage it
/// (`manages`) while it is a draft; others never.
pub fn may_attach_to_practice(
    principal: &Principal,
    status: PracticeStatus,
    manages: bool,
) -> Attach {
    if status == PracticeStatus::Archived {
        Attach::NotEditable
    } else if principal.is_secretariat() {
        Attach::Allowed
    } else if !manages {
        Attach::Forbidden
    } else if status == PracticeStatus::Draft {
        Attach::Allowed
    } else {
        Attach::NotEditable
    }
}

/// Whose administration a new practice is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PracticeAdministration {
    /// A focal point's own (`None` when they have none): they submit for it
    /// only.
    Own(Option<String>),
    /// Anyone else names it.
    Named,
}

/// Whose practice the principal submits.
pub fn practice_administration(principal: &Principal) -> PracticeAdministration {
    if principal.role == Role::FocalPoint {
        PracticeAdministration::Own(
            principal
                .administration
                .as_ref()
                .map(|code| code.as_str().to_owned()),
        )
    } else {
        PracticeAdministration::Named
    }
}

/// Which practices in progress (not published) a reader's library page
/// lists, beyond the published ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InProgress {
    /// Those submitted for review (the Secretariat reviews them).
    Submitted,
    /// Their administration's (a focal point).
    Administration(String),
    /// Their own (an expert, a participant).
    Authored(UserId),
    /// None (a focal point without an administration).
    Nothing,
}

/// The practices in progress the principal is shown.
pub fn practices_in_progress(principal: &Principal) -> InProgress {
    match (&principal.role, &principal.administration) {
        (Role::Secretariat, _) => InProgress::Submitted,
        (Role::FocalPoint, Some(code)) => InProgress::Administration(code.as_str().to_owned()),
        (Role::FocalPoint, None) => InProgress::Nothing,
        (Role::Expert | Role::Participant, _) => InProgress::Authored(principal.user_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::AdministrationCode;

    fn principal(role: Role, administration: Option<&str>) -> Principal {
        Principal {
            user_id: UserId(3),
            role,
            administration: administration
                .map(|code| AdministrationCode::parse(code).expect("valid code")),
        }
    }

    #[test]
    fn participants_read_practices_but_do_not_submit_them() {
        assert!(!may_contribute_practice(&principal(
            Role::Participant,
            None
        )));
        for role in [Role::Secretariat, Role::FocalPoint, Role::Expert] {
            assert!(may_contribute_practice(&principal(role, None)));
        }
    }

    #[test]
    fn only_the_secretariat_publishes_and_those_who_manage_submit() {
        let staff = principal(Role::Secretariat, None);
        let author = principal(Role::Expert, None);
        assert!(may_review_practice(&staff, Review::Publish, false));
        assert!(may_review_practice(&author, Review::Submit, true));
        assert!(!may_review_practice(&author, Review::Submit, false));
        assert!(!may_review_practice(&author, Review::Publish, true));
        assert!(!may_review_practice(&author, Review::Archive, true));
    }

    #[test]
    fn the_author_and_the_secretariat_translate() {
        let author = principal(Role::Expert, None);
        let focal = principal(Role::FocalPoint, Some("BJ"));
        assert!(may_translate_practice(&author, Some(UserId(3))));
        assert!(!may_translate_practice(&author, Some(UserId(4))));
        assert!(!may_translate_practice(&focal, Some(UserId(4))));
        assert!(may_translate_practice(
            &principal(Role::Secretariat, None),
            None
        ));
    }

    #[test]
    fn attachments_change_while_a_practice_is_a_draft_or_for_the_secretariat() {
        use PracticeStatus::{Archived, Draft, Published};
        let staff = principal(Role::Secretariat, None);
        let author = principal(Role::Expert, None);
        assert_eq!(
            may_attach_to_practice(&staff, Published, false),
            Attach::Allowed
        );
        assert_eq!(
            may_attach_to_practice(&staff, Archived, true),
            Attach::NotEditable
        );
        assert_eq!(
            may_attach_to_practice(&author, Draft, true),
            Attach::Allowed
        );
        assert_eq!(
            may_attach_to_practice(&author, Published, true),
            Attach::NotEditable
        );
        assert_eq!(
            may_attach_to_practice(&author, Draft, false),
            Attach::Forbidden
        );
    }

    #[test]
    fn focal_points_submit_for_their_own_administration() {
        assert_eq!(
            practice_administration(&principal(Role::FocalPoint, Some("BJ"))),
            PracticeAdministration::Own(Some("BJ".to_owned()))
        );
        assert_eq!(
            practice_administration(&principal(Role::Expert, Some("BJ"))),
            PracticeAdministration::Named
        );
    }

    #[test]
    fn each_reader_sees_the_practices_in_progress_they_work_on() {
        assert_eq!(
            practices_in_progress(&principal(Role::Secretariat, None)),
            InProgress::Submitted
        );
        assert_eq!(
            practices_in_progress(&principal(Role::FocalPoint, Some("BJ"))),
            InProgress::Administration("BJ".to_owned())
        );
        assert_eq!(
            practices_in_progress(&principal(Role::FocalPoint, None)),
            InProgress::Nothing
        );
        assert_eq!(
            practices_in_progress(&principal(Role::Participant, None)),
            InProgress::Authored(UserId(3))
        );
    }
}
