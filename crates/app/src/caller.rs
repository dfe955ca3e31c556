//! Who is asking, built once per request (or per CLI command).

use chrono::NaiveDate;
use gedhub_core::{Principal, Scope, UserId};
use gedhub_store::users::User;
use gedhub_store::{Actor, Timestamp};

use crate::error::{AppError, Result};

/// The signed-in user as every use case needs them: who (for the policy),
/// which administrations' data they may read, how their changes are
/// audited, and the request's moment. Taking `now` once means every row a
/// request writes, and its audit entries, carry the same time, and tests
/// can stop the clock.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: UserId,
    pub principal: Principal,
    /// The administrations whose data the caller may read in general; a
    /// feature may narrow it (see `plans::scope`).
    pub scope: Scope,
    /// The audit actor, fixed at [`Caller::now`].
    pub actor: Actor,
    pub now: Timestamp,
}

impl Caller {
    /// The caller for `user` at `now`.
    pub fn new(user: &User, now: Timestamp) -> Self {
        let principal = Principal {
            user_id: user.id,
            role: user.role,
            administration: user.administration.clone(),
        };
        Self {
            user_id: user.id,
            scope: principal.administration_scope(),
            principal,
            actor: Actor::user(user.id, user.email.as_str()).at(now),
            now,
        }
    }

    /// The operator at the command line: they hold the machine and the
    /// database, so they act with the Secretariat's rights; their changes
    /// are audited under `label` (e.g. `cli`), with no user id. `UserId(0)`
    /// is no account (ids start at 1) and is never stored as an owner by the
    /// use cases the CLI calls.
    pub fn operator(label: &str, now: Timestamp) -> Self {
        let principal = Principal {
            user_id: UserId(0),
            role: gedhub_core::Role::Secretariat,
            administration: None,
        };
        Self {
            user_id: principal.user_id,
            scope: principal.administration_scope(),
            principal,
            actor: Actor::system(label).at(now),
            now,
        }
    }

    /// Today (UTC), the day monitoring and deadlines are judged on.
    pub fn today(&self) -> NaiveDate {
        self.now.0.date_naive()
    }

    /// `Forbidden` unless the policy allows: the one way a use case turns a
    /// predicate's "no" into a refusal.
    pub fn require(&self, allowed: bool) -> Result<()> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The Secretariat only (`Access::Secretariat`).
    pub fn require_secretariat(&self) -> Result<()> {
        self.require(self.principal.is_secretariat())
    }

    /// The Secretariat and focal points only (`Access::Starters`).
    pub fn require_starter(&self) -> Result<()> {
        self.require(gedhub_core::authz::is_starter(&self.principal))
    }
}
