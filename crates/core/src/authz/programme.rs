//! Who sees what of the programme overview (issue 8; docs/DISCLOSURE.md).
//!
//! The Secretariat is entitled to every Member's row and any selection. A
//! focal point sees their own administration's row and the published
//! release of a closed period only: never another Member's row or name, and
//! no free combination of filters (that is what differencing needs).
//! Everyone else is refused (the route table's `Starters`).

use super::Principal;
use crate::values::{AdministrationCode, Role};

/// What the overview shows the principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeView {
    /// Every Member's row, the programme figures, any selection.
    Dashboard,
    /// The published figures of a closed period and this administration's
    /// own row.
    Published(AdministrationCode),
    /// Nothing (403), including a focal point without an administration.
    Refused,
}

/// What the overview shows the principal.
pub fn programme_view(principal: &Principal) -> ProgrammeView {
    match (&principal.role, &principal.administration) {
        (Role::Secretariat, _) => ProgrammeView::Dashboard,
        (Role::FocalPoint, Some(own)) => ProgrammeView::Published(own.clone()),
        (Role::FocalPoint, None) | (Role::Expert | Role::Participant, _) => ProgrammeView::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::fixtures::principal;

    #[test]
    fn the_secretariat_sees_the_dashboard_and_a_focal_point_the_published_figures() {
        assert_eq!(
            programme_view(&principal(Role::Secretariat, None)),
            ProgrammeView::Dashboard
        );
        assert_eq!(
            programme_view(&principal(Role::FocalPoint, Some("BJ"))),
            ProgrammeView::Published(AdministrationCode::parse("BJ").expect("valid code"))
        );
        assert_eq!(
            programme_view(&principal(Role::FocalPoint, None)),
            ProgrammeView::Refused
        );
        for role in [Role::Expert, Role::Participant] {
            assert_eq!(
                programme_view(&principal(role, Some("BJ"))),
                ProgrammeView::Refused
            );
        }
    }
}
