//! Who may see what: the one access policy. Use cases in `gedhub-app` ask
//! these questions; the answers live here, as pure predicates on the
//! [`Principal`] and the resource, so they are written once and unit-tested.
//! Features with rules of their own keep them in a submodule of this one.
//!
//! Tenancy rule: data that belongs to a Member administration is visible to the
//! Secretariat and to users of that administration only. To everyone else it
//! does not exist (the web edge answers 404, not 403).

pub mod assessments;
pub mod inquiries;
pub mod menu;
pub mod missions;
pub mod practices;
pub mod programme;
pub mod users;
pub mod workforce;

use std::collections::BTreeSet;

use crate::monitoring::PlanStatus;
use crate::values::{AdministrationCode, Role, UserId};

pub mod training;

/// The signed-in user, as far as authorization is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    pub administration: Option<AdministrationCode>,
}

/// Which administrations' data a query may return for a principal: all of
/// them, a set, or none. Resolved from the principal at sign-in (see
/// [`Principal::administration_scope`]); a role that sees one WCO region is
/// a set of that region's Members, with no new code in the store, which
/// renders any scope as SQL in one place (`gedhub_store::scope`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every administration (the Secretariat).
    All,
    /// Only these. Build it with [`Scope::one`] or [`Scope::of`], which turn
    /// an empty set into [`Scope::Nothing`].
    Set(BTreeSet<AdministrationCode>),
    /// None at all (a user without an administration).
    Nothing,
}

impl Scope {
    /// One administration's data only (a focal point's own).
    pub fn one(code: AdministrationCode) -> Self {
        Scope::Set(BTreeSet::from([code]))
    }

    /// These administrations' data only; none when the list is empty.
    pub fn of(codes: impl IntoIterator<Item = AdministrationCode>) -> Self {
        let codes: BTreeSet<_> = codes.into_iter().collect();
        if codes.is_empty() {
            Scope::Nothing
        } else {
            Scope::Set(codes)
        }
    }

    pub fn includes(&self, code: &AdministrationCode) -> bool {
        match self {
            Scope::All => true,
            Scope::Set(codes) => codes.contains(code),
            Scope::Nothing => false,
        }
    }
}

impl Principal {
    pub fn is_secretariat(&self) -> bool {
        self.role == Role::Secretariat
    }

    /// The administrations whose data this principal may read.
    pub fn administration_scope(&self) -> Scope {
        match (&self.role, &self.administration) {
            (Role::Secretariat, _) => Scope::All,
            (_, Some(code)) => Scope::one(code.clone()),
            (_, None) => Scope::Nothing,
        }
    }

    /// May read an administration's own page and data.
    pub fn can_view_administration(&self, code: &AdministrationCode) -> bool {
        self.administration_scope().includes(code)
    }

    /// May create administrations, edit the registry and assign focal points.
    pub fn can_manage_registry(&self) -> bool {
        self.is_secretariat()
    }

    /// May create accounts and browse the audit log.
    pub fn can_administer_platform(&self) -> bool {
        self.is_secretariat()
    }
}

// ----- action plans -----------------------------------------------------------
//
// The Secretariat and the focal points of the plan's administration work on
// plans; experts and participants do not see them, even of their own
// administration. A closed plan is a record: nobody changes it.

/// Who starts things on behalf of an administration (plans, assessments,
/// support requests): the Secretariat and focal points. The route table
/// calls them `Access::Starters`.
pub fn is_starter(principal: &Principal) -> bool {
    matches!(principal.role, Role::Secretariat | Role::FocalPoint)
}

/// May list action plans and start one.
pub fn may_start_plan(principal: &Principal) -> bool {
    is_starter(principal)
}

/// Whose plans the principal may see: every administration's for the
/// Secretariat, their own for a focal point, none for anyone else.
pub fn plan_scope(principal: &Principal) -> Scope {
    if may_start_plan(principal) {
        principal.administration_scope()
    } else {
        Scope::Nothing
    }
}

/// May see a plan of `administration` (otherwise it does not exist for them).
pub fn may_see_plan(principal: &Principal, administration: &AdministrationCode) -> bool {
    plan_scope(principal).includes(administration)
}

/// May change a plan: one they see, unless it is closed.
pub fn may_edit_plan(
    principal: &Principal,
    administration: &AdministrationCode,
    status: PlanStatus,
) -> bool {
    may_see_plan(principal, administration) && status != PlanStatus::Closed
}

/// The administration a focal point acts for (their dashboard follows its
/// diagnostic and plans); `None` for every other role.
pub fn acts_for_administration(principal: &Principal) -> Option<&AdministrationCode> {
    match (&principal.role, &principal.administration) {
        (Role::FocalPoint, Some(code)) => Some(code),
        _ => None,
    }
}

/// Whose a new plan is, as far as the role decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewPlanAdministration {
    /// A focal point's own administration.
    Own(AdministrationCode),
    /// The Secretariat names one, or the linked assessment's is taken.
    Chosen,
    /// The principal may not start plans (including a focal point without
    /// an administration).
    Refused,
}

/// Whose plan the principal would start.
pub fn new_plan_administration(principal: &Principal) -> NewPlanAdministration {
    match (&principal.role, &principal.administration) {
        (Role::Secretariat, _) => NewPlanAdministration::Chosen,
        (Role::FocalPoint, Some(code)) => NewPlanAdministration::Own(code.clone()),
        (Role::FocalPoint, None) | (Role::Expert | Role::Participant, _) => {
            NewPlanAdministration::Refused
        }
    }
}

/// The principals the policy's unit tests judge (here and in the feature
/// submodules).
#[cfg(test)]
pub(crate) mod fixtures {
    use super::Principal;
    use crate::values::{AdministrationCode, Role, UserId};

    pub(crate) fn code(raw: &str) -> AdministrationCode {
        AdministrationCode::parse(raw).expect("valid code")
    }

    /// User 1 with `role`, of `administration` if any.
    pub(crate) fn principal(role: Role, administration: Option<&str>) -> Principal {
        Principal {
            user_id: UserId(1),
            role,
            administration: administration.map(code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{code, principal};
    use super::*;

    #[test]
    fn the_secretariat_sees_every_administration() {
        let staff = principal(Role::Secretariat, None);
        assert!(staff.can_view_administration(&code("BJ")));
        assert!(staff.can_view_administration(&code("CA")));
        assert!(staff.can_manage_registry());
    }

    #[test]
    fn a_focal_point_sees_only_their_own_administration() {
        let focal = principal(Role::FocalPoint, Some("BJ"));
        assert!(focal.can_view_administration(&code("BJ")));
        assert!(!focal.can_view_administration(&code("CA")));
        assert!(!focal.can_manage_registry());
        assert!(!focal.can_administer_platform());
    }

    #[test]
    fn only_a_focal_point_acts_for_an_administration() {
        let bj = code("BJ");
        assert_eq!(
            acts_for_administration(&principal(Role::FocalPoint, Some("BJ"))),
            Some(&bj)
        );
        assert_eq!(
            acts_for_administration(&principal(Role::FocalPoint, None)),
            None
        );
        for role in [Role::Secretariat, Role::Expert, Role::Participant] {
            assert_eq!(acts_for_administration(&principal(role, Some("BJ"))), None);
        }
    }

    #[test]
    fn a_scope_of_several_administrations_includes_exactly_those() {
        let region = Scope::of([code("BJ"), code("SN"), code("BJ")]);
        assert_eq!(region, Scope::Set([code("BJ"), code("SN")].into()));
        assert!(region.includes(&code("BJ")));
        assert!(region.includes(&code("SN")));
        assert!(!region.includes(&code("CA")));
        assert_eq!(Scope::of([]), Scope::Nothing);
        assert_eq!(Scope::one(code("CA")), Scope::of([code("CA")]));
    }

    #[test]
    fn users_without_an_administration_see_none() {
        for role in [Role::Expert, Role::Participant, Role::FocalPoint] {
            let user = principal(role, None);
            assert_eq!(user.administration_scope(), Scope::Nothing);
            assert!(!user.can_view_administration(&code("BJ")));
        }
    }

    #[test]
    fn plans_are_for_the_secretariat_and_the_administrations_focal_points() {
        use crate::monitoring::PlanStatus::{Adopted, Closed, Draft};
        let staff = principal(Role::Secretariat, None);
        let focal = principal(Role::FocalPoint, Some("BJ"));
        let expert = principal(Role::Expert, Some("BJ"));
        assert!(may_start_plan(&staff) && may_start_plan(&focal) && !may_start_plan(&expert));
        assert_eq!(plan_scope(&expert), Scope::Nothing);
        assert!(may_see_plan(&focal, &code("BJ")) && !may_see_plan(&focal, &code("CA")));
        assert!(may_edit_plan(&staff, &code("CA"), Adopted));
        assert!(may_edit_plan(&focal, &code("BJ"), Draft));
        assert!(!may_edit_plan(&focal, &code("BJ"), Closed));
        assert!(!may_edit_plan(&expert, &code("BJ"), Draft));
        use NewPlanAdministration::{Chosen, Own, Refused};
        assert_eq!(new_plan_administration(&focal), Own(code("BJ")));
        assert_eq!(new_plan_administration(&staff), Chosen);
        assert_eq!(new_plan_administration(&expert), Refused);
        assert_eq!(
            new_plan_administration(&principal(Role::FocalPoint, None)),
            Refused
        );
    }
}
