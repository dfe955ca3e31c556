//! Who may see what. Every handler asks these questions explicitly; the answers
//! live here so they are written once and unit-tested.
//!
//! Tenancy rule: data that belongs to a Member administration is visible to the
//! Secretariat and to users of that administration only. To everyone else it
//! does not exist (the web edge answers 404, not 403).

use crate::values::{AdministrationCode, Role, UserId};

/// The signed-in user, as far as authorization is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    pub administration: Option<AdministrationCode>,
}

/// Which administrations' data a query may return for a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every administration (the Secretariat).
    All,
    /// Only this one.
    One(AdministrationCode),
    /// None at all (a user without an administration).
    Nothing,
}

impl Scope {
    pub fn includes(&self, code: &AdministrationCode) -> bool {
        match self {
            Scope::All => true,
            Scope::One(own) => own == code,
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
            (_, Some(code)) => Scope::One(code.clone()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn code(raw: &str) -> AdministrationCode {
        AdministrationCode::parse(raw).expect("valid code")
    }

    fn principal(role: Role, administration: Option<&str>) -> Principal {
        Principal {
            user_id: UserId(1),
            role,
            administration: administration.map(code),
        }
    }

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
    fn users_without_an_administration_see_none() {
        for role in [Role::Expert, Role::Participant, Role::FocalPoint] {
            let user = principal(role, None);
            assert_eq!(user.administration_scope(), Scope::Nothing);
            assert!(!user.can_view_administration(&code("BJ")));
        }
    }
}
