//! Who may do what in the training cluster: workshops, their participants,
//! agenda and facilitators, knowledge tests, surveys and e-learning.
//!
//! The Secretariat runs the programme (creates workshops, decides on
//! nominees, reads evaluations). A workshop's facilitators work on its
//! agenda, attendance, exercises and assessments. A participant's record is
//! theirs, their nominating administration's focal points' and the
//! Secretariat's to read. Predicates take plain facts (a user id, an
//! administration code, whether the caller facilitates) so that they stay
//! pure; the application layer loads those facts.

use super::Principal;
use crate::values::{Role, UserId};

/// May create and edit workshops, add participants, decide on nominees,
/// manage tests, surveys and e-learning modules (the Secretariat).
pub fn may_manage_training(principal: &Principal) -> bool {
    principal.is_secretariat()
}

/// May see the record (attendance, completion, scores) of a participant
/// `participant` nominated by `administration`: the Secretariat, the
/// person themself, or a focal point of the nominating administration.
/// Facilitators see more (see [`may_see_record`]).
pub fn may_see_participant(
    principal: &Principal,
    participant: UserId,
    administration: Option<&str>,
) -> bool {
    match principal.role {
        Role::Secretariat => true,
        Role::FocalPoint => match (&principal.administration, administration) {
            (Some(own), Some(theirs)) => own.as_str() == theirs,
            _ => false,
        },
        Role::Expert | Role::Participant => participant == principal.user_id,
    }
}

/// May see a participant's record on a workshop's page: those of
/// [`may_see_participant`], and the workshop's facilitators every confirmed
/// participant's (not the nominees', whose motivations are private).
pub fn may_see_record(
    principal: &Principal,
    facilitates: bool,
    participant: UserId,
    administration: Option<&str>,
    confirmed: bool,
) -> bool {
    may_see_participant(principal, participant, administration) || (facilitates && confirmed)
}

/// Works on a workshop's agenda, attendance, exercises and assessments:
/// the Secretariat always, others when assigned as its facilitator.
pub fn may_facilitate(principal: &Principal, is_facilitator: bool) -> bool {
    principal.is_secretariat() || is_facilitator
}

/// How the principal may nominate people to a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominator {
    /// Anyone, whether the call is open or not, until the workshop starts.
    Secretariat,
    /// People of their own administration, while the call is open and the
    /// workshop has not started; a colleague without an account gets one.
    FocalPoint,
    /// May not nominate.
    Refused,
}

/// Who the principal is as a nominator.
pub fn nominator(principal: &Principal) -> Nominator {
    match principal.role {
        Role::Secretariat => Nominator::Secretariat,
        Role::FocalPoint => Nominator::FocalPoint,
        Role::Expert | Role::Participant => Nominator::Refused,
    }
}

/// May nominate now, given whether the workshop's call is open and whether
/// the workshop has started (what the workshop page offers): nominations
/// close when the workshop starts, for everyone
/// (`crate::training::nominations_closed_by_start`).
pub fn may_nominate(principal: &Principal, call_open: bool, started: bool) -> bool {
    match nominator(principal) {
        _ if started => false,
        Nominator::Secretariat => true,
        Nominator::FocalPoint => call_open,
        Nominator::Refused => false,
    }
}

/// May nominate a person of `administration` (their account's): anyone for
/// the Secretariat, only their own administration's people for a focal
/// point (a person without an administration is nobody's).
pub fn may_nominate_person(principal: &Principal, administration: Option<&str>) -> bool {
    match nominator(principal) {
        Nominator::Secretariat => true,
        Nominator::FocalPoint => match (&principal.administration, administration) {
            (Some(own), Some(theirs)) => own.as_str() == theirs,
            _ => false,
        },
        Nominator::Refused => false,
    }
}

/// May read facilitators' assessments of a participant: the workshop's
/// facilitators (and the Secretariat) always; once released, those who may
/// see the participant's record.
pub fn may_read_assessment(
    principal: &Principal,
    facilitates: bool,
    released: bool,
    participant: UserId,
    administration: Option<&str>,
) -> bool {
    facilitates || (released && may_see_participant(principal, participant, administration))
}

/// May open a knowledge test without being a confirmed participant: the
/// Secretariat previews it (the store refuses its answers).
pub fn may_preview_tests(principal: &Principal) -> bool {
    principal.is_secretariat()
}

/// May read a workshop's evaluation (surveys' answers): the Secretariat; to
/// anyone else it does not exist.
pub fn may_evaluate(principal: &Principal) -> bool {
    principal.is_secretariat()
}

/// May read an uploaded e-learning certificate belonging to `owner`: its
/// owner and the Secretariat.
pub fn may_read_certificate(principal: &Principal, owner: UserId) -> bool {
    principal.is_secretariat() || principal.user_id == owner
}

/// Whose e-learning certificates the principal lists: everyone's for the
/// Secretariat (`None`), else only their own.
pub fn certificates_of(principal: &Principal) -> Option<UserId> {
    (!principal.is_secretariat()).then_some(principal.user_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::AdministrationCode;

    fn principal(id: i64, role: Role, administration: Option<&str>) -> Principal {
        Principal {
            user_id: UserId(id),
            role,
            administration: administration
                .map(|code| AdministrationCode::parse(code).expect("valid code")),
        }
    }

    #[test]
    fn only_the_secretariat_manages_training_and_reads_evaluations() {
        let staff = principal(1, Role::Secretariat, None);
        assert!(may_manage_training(&staff) && may_evaluate(&staff));
        assert!(may_preview_tests(&staff));
        for role in [Role::FocalPoint, Role::Expert, Role::Participant] {
            let user = principal(2, role, Some("BJ"));
            assert!(!may_manage_training(&user));
            assert!(!may_evaluate(&user));
            assert!(!may_preview_tests(&user));
        }
    }

    #[test]
    fn a_participants_record_is_theirs_their_focal_points_and_the_secretariats() {
        let staff = principal(1, Role::Secretariat, None);
        let focal = principal(2, Role::FocalPoint, Some("BJ"));
        let stray_focal = principal(3, Role::FocalPoint, None);
        let me = principal(7, Role::Participant, Some("BJ"));
        let expert = principal(8, Role::Expert, Some("BJ"));
        assert!(may_see_participant(&staff, UserId(7), Some("CA")));
        assert!(may_see_participant(&focal, UserId(7), Some("BJ")));
        assert!(!may_see_participant(&focal, UserId(7), Some("CA")));
        assert!(!may_see_participant(&focal, UserId(7), None));
        assert!(!may_see_participant(&stray_focal, UserId(7), None));
        assert!(may_see_participant(&me, UserId(7), Some("BJ")));
        assert!(!may_see_participant(&me, UserId(9), Some("BJ")));
        assert!(!may_see_participant(&expert, UserId(7), Some("BJ")));
    }

    #[test]
    fn facilitators_see_confirmed_participants_only() {
        let expert = principal(8, Role::Expert, None);
        assert!(may_see_record(&expert, true, UserId(7), Some("BJ"), true));
        assert!(!may_see_record(&expert, true, UserId(7), Some("BJ"), false));
        assert!(!may_see_record(&expert, false, UserId(7), Some("BJ"), true));
        assert!(may_see_record(&expert, false, UserId(8), None, false));
        assert!(may_facilitate(&expert, true) && !may_facilitate(&expert, false));
        assert!(may_facilitate(
            &principal(1, Role::Secretariat, None),
            false
        ));
    }

    #[test]
    fn nominations_by_role_and_call() {
        let staff = principal(1, Role::Secretariat, None);
        let focal = principal(2, Role::FocalPoint, Some("BJ"));
        let expert = principal(3, Role::Expert, Some("BJ"));
        assert_eq!(nominator(&staff), Nominator::Secretariat);
        assert_eq!(nominator(&focal), Nominator::FocalPoint);
        assert_eq!(nominator(&expert), Nominator::Refused);
        assert!(may_nominate(&staff, false, false));
        assert!(may_nominate(&focal, true, false) && !may_nominate(&focal, false, false));
        assert!(!may_nominate(&expert, true, false));
        // Once the workshop has started, nobody nominates.
        assert!(!may_nominate(&staff, false, true));
        assert!(!may_nominate(&focal, true, true));
        assert!(may_nominate_person(&staff, None));
        assert!(may_nominate_person(&focal, Some("BJ")));
        assert!(!may_nominate_person(&focal, Some("CA")));
        assert!(!may_nominate_person(&focal, None));
        assert!(!may_nominate_person(&expert, Some("BJ")));
    }

    #[test]
    fn assessments_are_read_by_facilitators_and_once_released_by_the_record_readers() {
        let focal = principal(2, Role::FocalPoint, Some("BJ"));
        assert!(may_read_assessment(
            &focal,
            true,
            false,
            UserId(7),
            Some("CA")
        ));
        assert!(!may_read_assessment(
            &focal,
            false,
            false,
            UserId(7),
            Some("BJ")
        ));
        assert!(may_read_assessment(
            &focal,
            false,
            true,
            UserId(7),
            Some("BJ")
        ));
        assert!(!may_read_assessment(
            &focal,
            false,
            true,
            UserId(7),
            Some("CA")
        ));
    }

    #[test]
    fn certificates_are_their_owners_and_the_secretariats() {
        let staff = principal(1, Role::Secretariat, None);
        let me = principal(7, Role::Participant, None);
        assert!(may_read_certificate(&staff, UserId(7)));
        assert!(may_read_certificate(&me, UserId(7)));
        assert!(!may_read_certificate(&me, UserId(8)));
        assert_eq!(certificates_of(&staff), None);
        assert_eq!(certificates_of(&me), Some(UserId(7)));
    }
}
