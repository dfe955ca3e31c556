//! Accounts: what the Secretariat may record about a user.

use crate::values::Role;

/// May an account of `role` be recognized as GED Expert: experts only
/// (recognition is the end of the expert pathway).
pub fn may_be_recognized(role: Role) -> bool {
    role == Role::Expert
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_experts_are_recognized() {
        assert!(may_be_recognized(Role::Expert));
        for role in [Role::Secretariat, Role::FocalPoint, Role::Participant] {
            assert!(!may_be_recognized(role));
        }
    }
}
