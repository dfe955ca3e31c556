//! The pathway to Recognized GED Expert (issue 7): who walks it and who
//! moves people along it (core's policy, `gedhub_core::authz::missions`).
//!
//! The facts of a candidate and the moves themselves still live at the web
//! edge for now: they read the training record (`web::training_record`)
//! and issue verifiable credentials, both of which move with the training
//! cluster; they come here once that has landed.

use gedhub_core::authz::missions as policy;
use gedhub_store::users::User;

use crate::caller::Caller;
use crate::error::Result;

/// Moving candidates, the selection view and invitations are the
/// Secretariat's (`Forbidden` for others).
pub fn require_mover(caller: &Caller) -> Result<()> {
    caller.require(policy::may_move_candidates(&caller.principal))
}

/// Whether `user` walks the pathway (expert and participant accounts);
/// for anyone else a pathway does not exist.
pub fn is_candidate(user: &User) -> bool {
    policy::is_candidate(user.role)
}
