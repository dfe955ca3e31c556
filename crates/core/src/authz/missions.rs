//! Support to Members and the expert pathway (issue 7): who sees a support
//! request or a mission, who acts on them, who walks the pathway.
//!
//! A support request belongs to its administration: the Secretariat and
//! that administration's focal points see it. A mission is also seen by the
//! experts serving on it; its lead (or the Secretariat) reports on it and
//! evaluates its co-facilitators, and the Member (its focal points, or the
//! Secretariat on its behalf) gives feedback. For anyone else a request or
//! a mission does not exist.

use super::Principal;
use crate::values::{AdministrationCode, Role};

/// A focal point of `administration` (stored as its code).
fn is_focal_point_of(principal: &Principal, administration: &str) -> bool {
    principal.role == Role::FocalPoint
        && principal
            .administration
            .as_ref()
            .is_some_and(|own| own.as_str() == administration)
}

/// May create missions, assign experts, ask for suggestions and decline
/// support requests: the Secretariat, which runs the expert roster.
pub fn may_manage_missions(principal: &Principal) -> bool {
    principal.is_secretariat()
}

/// May see a support request of `administration`.
pub fn may_see_support_request(principal: &Principal, administration: &str) -> bool {
    principal.is_secretariat() || is_focal_point_of(principal, administration)
}

/// Whose support requests a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestList {
    /// Every administration's (the Secretariat).
    All,
    /// One administration's (a focal point's own).
    Own(AdministrationCode),
    /// None: the principal may not list them (a focal point without an
    /// administration, an expert, a participant).
    Refused,
}

/// Whose support requests the principal lists.
pub fn support_request_list(principal: &Principal) -> RequestList {
    match (&principal.role, &principal.administration) {
        (Role::Secretariat, _) => RequestList::All,
        (Role::FocalPoint, Some(code)) => RequestList::Own(code.clone()),
        _ => RequestList::Refused,
    }
}

/// Whose a new support request is, as far as the role decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewRequestAdministration {
    /// The Secretariat names one (required).
    Chosen,
    /// A focal point's own; naming another is asking about an
    /// administration that does not exist for them.
    Own(AdministrationCode),
    /// Not for this principal.
    Refused,
}

/// Whose support request the principal would make.
pub fn new_request_administration(principal: &Principal) -> NewRequestAdministration {
    match (&principal.role, &principal.administration) {
        (Role::Secretariat, _) => NewRequestAdministration::Chosen,
        (Role::FocalPoint, Some(code)) => NewRequestAdministration::Own(code.clone()),
        _ => NewRequestAdministration::Refused,
    }
}

/// The principal's part in one mission, as far as access goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissionPart {
    /// Not on the mission.
    None,
    /// Its lead.
    Lead,
    /// One of its co-facilitators.
    CoFacilitator,
}

/// May see a mission for `administration` in which the principal has
/// `part`.
pub fn may_see_mission(principal: &Principal, administration: &str, part: MissionPart) -> bool {
    principal.is_secretariat()
        || is_focal_point_of(principal, administration)
        || part != MissionPart::None
}

/// May report on a mission and evaluate its co-facilitators: its lead or
/// the Secretariat.
pub fn may_lead_mission(principal: &Principal, part: MissionPart) -> bool {
    principal.is_secretariat() || part == MissionPart::Lead
}

/// May give the Member's feedback on a mission for `administration`: its
/// focal points, or the Secretariat on its behalf.
pub fn may_give_mission_feedback(principal: &Principal, administration: &str) -> bool {
    principal.is_secretariat() || is_focal_point_of(principal, administration)
}

/// Whether a role walks the pathway to Recognized GED Expert (and so keeps
/// an expert profile): experts and participants. Focal points and the
/// Secretariat are not candidates.
pub fn is_candidate(role: Role) -> bool {
    matches!(role, Role::Expert | Role::Participant)
}

/// May keep an expert profile (languages, areas, unavailability,
/// documents): a candidate.
pub fn may_keep_expert_profile(principal: &Principal) -> bool {
    is_candidate(principal.role)
}

/// May move candidates along the pathway, see a workshop's selection and
/// invite: the Secretariat.
pub fn may_move_candidates(principal: &Principal) -> bool {
    principal.is_secretariat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::UserId;

    fn principal(role: Role, administration: Option<&str>) -> Principal {
        Principal {
            user_id: UserId(7),
            role,
            administration: administration
                .map(|code| AdministrationCode::parse(code).expect("valid code")),
        }
    }

    #[test]
    fn support_requests_are_for_the_secretariat_and_the_administrations_focal_points() {
        let staff = principal(Role::Secretariat, None);
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let expert = principal(Role::Expert, Some("BJ"));
        assert!(may_see_support_request(&staff, "CA"));
        assert!(may_see_support_request(&focal, "BJ"));
        assert!(!may_see_support_request(&focal, "CA"));
        assert!(!may_see_support_request(&expert, "BJ"));
        assert_eq!(support_request_list(&staff), RequestList::All);
        assert_eq!(
            support_request_list(&focal),
            RequestList::Own(AdministrationCode::parse("BJ").expect("valid code"))
        );
        assert_eq!(
            support_request_list(&principal(Role::FocalPoint, None)),
            RequestList::Refused
        );
        assert_eq!(support_request_list(&expert), RequestList::Refused);
        assert_eq!(
            new_request_administration(&staff),
            NewRequestAdministration::Chosen
        );
        assert_eq!(
            new_request_administration(&expert),
            NewRequestAdministration::Refused
        );
    }

    #[test]
    fn a_mission_is_seen_by_its_experts_and_its_administration() {
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let expert = principal(Role::Expert, Some("CA"));
        let staff = principal(Role::Secretariat, None);
        assert!(may_see_mission(&focal, "BJ", MissionPart::None));
        assert!(!may_see_mission(&focal, "CA", MissionPart::None));
        assert!(!may_see_mission(&expert, "BJ", MissionPart::None));
        assert!(may_see_mission(&expert, "BJ", MissionPart::CoFacilitator));
        assert!(may_see_mission(&staff, "BJ", MissionPart::None));
    }

    #[test]
    fn the_lead_reports_and_the_member_gives_feedback() {
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let expert = principal(Role::Expert, None);
        let staff = principal(Role::Secretariat, None);
        assert!(may_lead_mission(&expert, MissionPart::Lead));
        assert!(!may_lead_mission(&expert, MissionPart::CoFacilitator));
        assert!(!may_lead_mission(&focal, MissionPart::None));
        assert!(may_lead_mission(&staff, MissionPart::None));
        assert!(may_give_mission_feedback(&focal, "BJ"));
        assert!(!may_give_mission_feedback(&focal, "CA"));
        assert!(!may_give_mission_feedback(&expert, "BJ"));
        assert!(may_give_mission_feedback(&staff, "BJ"));
        assert!(may_manage_missions(&staff) && !may_manage_missions(&focal));
    }

    #[test]
    fn experts_and_participants_walk_the_pathway() {
        assert!(is_candidate(Role::Expert) && is_candidate(Role::Participant));
        assert!(!is_candidate(Role::FocalPoint) && !is_candidate(Role::Secretariat));
        assert!(may_keep_expert_profile(&principal(Role::Participant, None)));
        assert!(!may_keep_expert_profile(&principal(
            Role::Secretariat,
            None
        )));
        assert!(may_move_candidates(&principal(Role::Secretariat, None)));
        assert!(!may_move_candidates(&principal(
            Role::FocalPoint,
            Some("BJ")
        )));
    }
}
