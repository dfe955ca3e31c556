//! Who sees, answers and validates a GEOAT assessment.
//!
//! An assessment belongs to one Member administration. The Secretariat sees
//! every one; a focal point their administration's; anyone else only those
//! they are invited to (as a contributor, for some or all sections, or as a
//! facilitator who may validate). What each may do once they see it is
//! [`Relation`]'s business (`crate::assessment`); this module decides the
//! relation.

use super::{NewPlanAdministration, Principal, Scope, is_starter};
use crate::assessment::Relation;
use crate::values::{AdministrationCode, Role};

/// Whose assessments the principal finds without an invitation: every
/// administration's for the Secretariat, their own for a focal point, none
/// for anyone else (invitations are looked up on top of this scope).
pub fn assessment_scope(principal: &Principal) -> Scope {
    if is_starter(principal) {
        principal.administration_scope()
    } else {
        Scope::Nothing
    }
}

/// The principal's invitation to an assessment, as far as the policy needs
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation<'a> {
    /// Invited as facilitator (otherwise as contributor).
    pub facilitator: bool,
    /// The sections a contributor answers; empty means all.
    pub sections: &'a [String],
    /// The last day (`YYYY-MM-DD`) of their recognition as GED Expert, if
    /// they hold one.
    pub recognized_until: Option<&'a str>,
}

/// How the principal relates to an assessment of `administration` on
/// `today` (`YYYY-MM-DD`). An invited facilitator acts as one only while
/// their recognition as GED Expert is valid (Secretariat staff need none):
/// a lapsed recognition must not validate diagnostics.
pub fn relation(
    principal: &Principal,
    administration: &AdministrationCode,
    invitation: Option<&Invitation<'_>>,
    today: &str,
) -> Relation {
    let secretariat = principal.is_secretariat();
    Relation {
        secretariat,
        focal_point: principal.role == Role::FocalPoint
            && principal.administration.as_ref() == Some(administration),
        contributor: invitation
            .filter(|i| !i.facilitator)
            .map(|i| i.sections.to_vec()),
        facilitator: invitation.is_some_and(|i| {
            i.facilitator && (secretariat || i.recognized_until.is_some_and(|until| today <= until))
        }),
    }
}

/// Whose a new assessment is: the same rule as for plans (a focal point's
/// own administration, one the Secretariat names, nobody else's).
pub fn new_assessment_administration(principal: &Principal) -> NewPlanAdministration {
    super::new_plan_administration(principal)
}

/// May start an assessment at all (the page offers the form).
pub fn may_start_assessment(principal: &Principal) -> bool {
    new_assessment_administration(principal) != NewPlanAdministration::Refused
}

/// May the Secretariat name the administration of a new assessment.
pub fn chooses_assessment_administration(principal: &Principal) -> bool {
    new_assessment_administration(principal) == NewPlanAdministration::Chosen
}

/// May an account of `role` be invited as facilitator, given whether their
/// recognition as GED Expert is valid today: Secretariat staff always,
/// experts while recognized, nobody else (a facilitator validates the
/// diagnostic).
pub fn may_facilitate(role: Role, recognized: bool) -> bool {
    match role {
        Role::Secretariat => true,
        Role::Expert => recognized,
        Role::FocalPoint | Role::Participant => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::fixtures::{code, principal};

    #[test]
    fn the_secretariat_and_focal_points_find_assessments_without_invitation() {
        assert_eq!(
            assessment_scope(&principal(Role::Secretariat, None)),
            Scope::All
        );
        assert_eq!(
            assessment_scope(&principal(Role::FocalPoint, Some("BJ"))),
            Scope::one(code("BJ"))
        );
        assert_eq!(
            assessment_scope(&principal(Role::Expert, Some("BJ"))),
            Scope::Nothing
        );
        assert_eq!(
            assessment_scope(&principal(Role::Participant, Some("BJ"))),
            Scope::Nothing
        );
    }

    #[test]
    fn a_focal_point_relates_to_their_own_administrations_assessment_only() {
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let own = relation(&focal, &code("BJ"), None, "2026-01-01");
        assert!(own.focal_point && own.can_view() && !own.secretariat);
        let other = relation(&focal, &code("CA"), None, "2026-01-01");
        assert!(!other.can_view());
        let expert = principal(Role::Expert, Some("BJ"));
        assert!(!relation(&expert, &code("BJ"), None, "2026-01-01").can_view());
    }

    #[test]
    fn a_contributor_answers_their_sections() {
        let expert = principal(Role::Expert, None);
        let sections = vec!["P1".to_owned()];
        let invitation = Invitation {
            facilitator: false,
            sections: &sections,
            recognized_until: None,
        };
        let r = relation(&expert, &code("BJ"), Some(&invitation), "2026-01-01");
        assert_eq!(r.contributor, Some(sections.clone()));
        assert!(r.can_answer("P1") && !r.can_answer("P2") && !r.facilitator);
    }

    #[test]
    fn a_facilitator_acts_only_while_recognized() {
        let expert = principal(Role::Expert, None);
        let invitation = Invitation {
            facilitator: true,
            sections: &[],
            recognized_until: Some("2026-06-30"),
        };
        let on = |today| relation(&expert, &code("BJ"), Some(&invitation), today).facilitator;
        assert!(on("2026-06-30"));
        assert!(!on("2026-07-01"));
        let unrecognized = Invitation {
            recognized_until: None,
            ..invitation.clone()
        };
        assert!(!relation(&expert, &code("BJ"), Some(&unrecognized), "2026-01-01").facilitator);
        let staff = principal(Role::Secretariat, None);
        assert!(relation(&staff, &code("BJ"), Some(&unrecognized), "2026-01-01").facilitator);
    }

    #[test]
    fn who_starts_an_assessment_and_for_whom() {
        let staff = principal(Role::Secretariat, None);
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let lone_focal = principal(Role::FocalPoint, None);
        let expert = principal(Role::Expert, Some("BJ"));
        assert!(may_start_assessment(&staff) && chooses_assessment_administration(&staff));
        assert!(may_start_assessment(&focal) && !chooses_assessment_administration(&focal));
        assert_eq!(
            new_assessment_administration(&focal),
            NewPlanAdministration::Own(code("BJ"))
        );
        assert!(!may_start_assessment(&lone_focal));
        assert!(!may_start_assessment(&expert));
    }

    #[test]
    fn facilitators_are_recognized_experts_or_secretariat_staff() {
        assert!(may_facilitate(Role::Secretariat, false));
        assert!(may_facilitate(Role::Expert, true));
        assert!(!may_facilitate(Role::Expert, false));
        assert!(!may_facilitate(Role::FocalPoint, true));
        assert!(!may_facilitate(Role::Participant, true));
    }
}
