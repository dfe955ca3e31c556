//! Which places each role's menu offers. The menu only shows the way: every
//! route still checks access itself (the route table's labels, the use
//! cases); but what a role is offered is a policy decision, made here and
//! not in the web layer.

use super::Principal;
use crate::values::{AdministrationCode, Role, UserId};

/// A place in the menu, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    Dashboard,
    /// A focal point's own administration.
    MyAdministration(AdministrationCode),
    Assessments,
    Workforce,
    Plans,
    Workshops,
    Elearning,
    /// The person's own training record.
    TrainingRecord(UserId),
    Candidates,
    SupportRequests,
    Programme,
    ProgrammePosition,
    /// The person's own page on the expert pathway.
    Pathway(UserId),
    Missions,
    ExpertProfile,
    Practices,
    Administrations,
    Instruments,
    Users,
    Audit,
    Inquiries,
    Notifications,
    Account,
}

/// The menu of `principal`.
pub fn menu(principal: &Principal) -> Vec<MenuItem> {
    use MenuItem::*;
    let role = principal.role;
    let me = principal.user_id;
    let mut items = vec![Dashboard];
    if let (Role::FocalPoint, Some(code)) = (role, &principal.administration) {
        items.push(MyAdministration(code.clone()));
    }
    items.push(Assessments);
    if matches!(role, Role::Secretariat | Role::FocalPoint) {
        items.extend([Workforce, Plans]);
    }
    items.extend([Workshops, Elearning, TrainingRecord(me)]);
    match role {
        Role::Secretariat => items.extend([Candidates, SupportRequests, Programme]),
        Role::FocalPoint => items.extend([SupportRequests, ProgrammePosition]),
        Role::Expert | Role::Participant => items.extend([Pathway(me), Missions, ExpertProfile]),
    }
    items.extend([Practices, Administrations, Instruments]);
    if role == Role::Secretariat {
        items.extend([Users, Audit, Inquiries]);
    }
    items.extend([Notifications, Account]);
    items
}

#[cfg(test)]
mod tests {
    use super::MenuItem::*;
    use super::*;
    use crate::authz::fixtures::{code, principal};

    #[test]
    fn each_role_is_offered_its_own_places() {
        let staff = menu(&principal(Role::Secretariat, None));
        for item in [Users, Audit, Inquiries, Programme, Candidates, Plans] {
            assert!(staff.contains(&item), "{item:?}");
        }
        assert!(!staff.contains(&ExpertProfile));

        let focal = menu(&principal(Role::FocalPoint, Some("BJ")));
        assert_eq!(focal[1], MyAdministration(code("BJ")));
        for item in [Workforce, Plans, SupportRequests, ProgrammePosition] {
            assert!(focal.contains(&item), "{item:?}");
        }
        for item in [Users, Audit, Programme, Missions] {
            assert!(!focal.contains(&item), "{item:?}");
        }

        let expert = menu(&principal(Role::Expert, Some("BJ")));
        assert!(expert.contains(&Pathway(UserId(1))));
        assert!(expert.contains(&Missions));
        assert!(!expert.contains(&Plans));
        assert!(!expert.iter().any(|i| matches!(i, MyAdministration(_))));

        for items in [staff, focal, expert] {
            assert_eq!(items.first(), Some(&Dashboard));
            assert_eq!(items.last(), Some(&Account));
        }
    }
}
