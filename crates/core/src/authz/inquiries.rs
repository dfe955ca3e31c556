//! Contact and inquiries (issue 8): an inquiry is its requester's and the
//! Secretariat's; to everyone else it does not exist. The Secretariat keeps
//! the inbox: it lists every inquiry, answers, and sets their status.

use super::Principal;
use crate::values::UserId;

/// May see (and reply in) the thread of an inquiry sent by `requester`.
pub fn may_see_inquiry(principal: &Principal, requester: UserId) -> bool {
    principal.is_secretariat() || principal.user_id == requester
}

/// May read the inbox, set an inquiry's status and change the contact
/// settings: the Secretariat.
pub fn may_keep_inbox(principal: &Principal) -> bool {
    principal.is_secretariat()
}

/// Whether the principal's message in a thread of `requester` answers it
/// (and so tells the requester): the Secretariat writing in someone else's
/// thread.
pub fn answers_inquiry(principal: &Principal, requester: UserId) -> bool {
    principal.is_secretariat() && principal.user_id != requester
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Role;

    fn principal(role: Role, id: i64) -> Principal {
        Principal {
            user_id: UserId(id),
            role,
            administration: None,
        }
    }

    #[test]
    fn an_inquiry_is_its_requesters_and_the_secretariats() {
        let staff = principal(Role::Secretariat, 1);
        let requester = principal(Role::FocalPoint, 2);
        let other = principal(Role::Expert, 3);
        assert!(may_see_inquiry(&staff, UserId(2)));
        assert!(may_see_inquiry(&requester, UserId(2)));
        assert!(!may_see_inquiry(&other, UserId(2)));
        assert!(may_keep_inbox(&staff) && !may_keep_inbox(&requester));
    }

    #[test]
    fn the_secretariat_answers_others_threads_not_its_own() {
        let staff = principal(Role::Secretariat, 1);
        assert!(answers_inquiry(&staff, UserId(2)));
        assert!(!answers_inquiry(&staff, UserId(1)));
        assert!(!answers_inquiry(&principal(Role::Expert, 2), UserId(2)));
    }
}
