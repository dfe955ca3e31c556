//! Whose workforce statistics a principal may see and upload.
//!
//! Workforce figures are an administration's own HR data: the Secretariat
//! and the focal points of that administration work with them; for anyone
//! else they do not exist (404), even of their own administration.

use super::Principal;
use crate::values::{AdministrationCode, Role};

/// May see and upload the workforce statistics of `administration`.
pub fn may_see_workforce(principal: &Principal, administration: &AdministrationCode) -> bool {
    match principal.role {
        Role::Secretariat => true,
        Role::FocalPoint => principal.administration_scope().includes(administration),
        Role::Expert | Role::Participant => false,
    }
}

/// Where `/workforce` takes the principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkforceHome {
    /// The Secretariat picks an administration among those that reported.
    Choose,
    /// A focal point goes to their own administration (none: it does not
    /// exist for them).
    Own(Option<AdministrationCode>),
    /// Anyone else has no workforce data to see (403).
    Refused,
}

/// Where `/workforce` takes the principal.
pub fn workforce_home(principal: &Principal) -> WorkforceHome {
    match principal.role {
        Role::Secretariat => WorkforceHome::Choose,
        Role::FocalPoint => WorkforceHome::Own(principal.administration.clone()),
        Role::Expert | Role::Participant => WorkforceHome::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::fixtures::{code, principal};

    #[test]
    fn workforce_data_is_for_the_secretariat_and_the_administrations_focal_points() {
        let staff = principal(Role::Secretariat, None);
        let focal = principal(Role::FocalPoint, Some("BJ"));
        assert!(may_see_workforce(&staff, &code("CA")));
        assert!(may_see_workforce(&focal, &code("BJ")));
        assert!(!may_see_workforce(&focal, &code("CA")));
        for role in [Role::Expert, Role::Participant] {
            assert!(!may_see_workforce(
                &principal(role, Some("BJ")),
                &code("BJ")
            ));
        }
        assert!(!may_see_workforce(
            &principal(Role::FocalPoint, None),
            &code("BJ")
        ));
    }

    #[test]
    fn the_workforce_home_depends_on_the_role() {
        assert_eq!(
            workforce_home(&principal(Role::Secretariat, None)),
            WorkforceHome::Choose
        );
        assert_eq!(
            workforce_home(&principal(Role::FocalPoint, Some("BJ"))),
            WorkforceHome::Own(Some(code("BJ")))
        );
        assert_eq!(
            workforce_home(&principal(Role::FocalPoint, None)),
            WorkforceHome::Own(None)
        );
        assert_eq!(
            workforce_home(&principal(Role::Expert, Some("BJ"))),
            WorkforceHome::Refused
        );
    }
}
