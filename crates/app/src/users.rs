//! Accounts and the audit log: the use cases of the Secretariat's account
//! pages and the `/api/v1/users` and `/api/v1/audit` endpoints.
//!
//! Access: platform administration is the Secretariat's
//! (`Principal::can_administer_platform`); anyone else is refused
//! (`Forbidden`).

use gedhub_core::authz::users::may_be_recognized;
use gedhub_core::{AdministrationCode, Email, NewPassword, Role, ValidationError, password};
use gedhub_core::{programme::parse_sex, required_text};
use gedhub_store::Store;
use gedhub_store::audit::{AuditFilter, AuditPage};
use gedhub_store::experts::Recognition;
use gedhub_store::users::{NewUser, User};

use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// Audit entries shown a page.
pub const PER_PAGE: u32 = 50;

/// The roles an account may be given, in the order forms offer them.
pub const ROLES: [Role; 4] = Role::ALL;

/// `Forbidden` unless the caller administers the platform.
pub fn require_administrator(caller: &Caller) -> Result<()> {
    caller.require(caller.principal.can_administer_platform())
}

/// An account as the Secretariat lists it.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    /// Their recognition as GED Expert, if ever recorded.
    pub recognition: Option<Recognition>,
    /// An expert, who may be recognized.
    pub recognizable: bool,
}

/// Every account, with its recognition.
pub async fn accounts(store: &Store, caller: &Caller) -> Result<Vec<Account>> {
    require_administrator(caller)?;
    let recognitions = store.recognitions().await?;
    Ok(store
        .users()
        .await?
        .into_iter()
        .map(|user| Account {
            recognition: recognitions.iter().find(|r| r.user_id == user.id).cloned(),
            recognizable: may_be_recognized(user.role),
            user,
        })
        .collect())
}

/// A new account as typed (a form or JSON).
#[derive(Debug, Clone, Default)]
pub struct NewAccountInput {
    pub email: String,
    pub name: String,
    pub role: String,
    pub administration: Option<String>,
    /// The initial password (at least 10 characters).
    pub password: String,
    /// Optional: `female`, `male`, `other` or `undisclosed`; empty for none.
    pub sex: String,
}

/// The account to create, checked, with its password still in clear.
struct CheckedAccount {
    email: Email,
    name: String,
    role: Role,
    administration: Option<AdministrationCode>,
    password: NewPassword,
}

impl TryFrom<&NewAccountInput> for CheckedAccount {
    type Error = Problems;

    /// Every problem of the e-mail, name, role, administration and
    /// password at once.
    fn try_from(input: &NewAccountInput) -> Result<Self, Problems> {
        let mut problems = Problems::new();
        let email = problems.check(Email::parse(&input.email));
        let name = problems.check(required_text("name", &input.name, 200));
        let role = problems.check(Role::parse(&input.role));
        let administration = problems
            .check(
                input
                    .administration
                    .as_deref()
                    .map(str::trim)
                    .filter(|code| !code.is_empty())
                    .map(|code| {
                        AdministrationCode::parse(code).map_err(|_| {
                            ValidationError::new("administration", "unknown_administration")
                        })
                    })
                    .transpose(),
            )
            .flatten();
        let password = problems.check(NewPassword::parse(&input.password));
        match (email, name, role, password) {
            (Some(email), Some(name), Some(role), Some(password)) if problems.is_empty() => {
                Ok(CheckedAccount {
                    email,
                    name,
                    role,
                    administration,
                    password,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Creates an account with an initial password (hashed on a blocking
/// thread: hashing is slow on purpose) and, if given, its sex. A bad sex is
/// refused alone, before the rest is checked.
pub async fn create(store: &Store, caller: &Caller, input: NewAccountInput) -> Result<User> {
    require_administrator(caller)?;
    let sex = parse_sex(&input.sex)?;
    let checked = CheckedAccount::try_from(&input)?;
    let new_password = checked.password;
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?
        .map_err(|error| AppError::Internal(error.to_string()))?;
    let new = NewUser {
        email: checked.email,
        name: checked.name,
        role: checked.role,
        administration: checked.administration,
        password_hash,
    };
    let user = store.create_user(&caller.actor, new).await?;
    if sex.is_some() {
        store.set_user_sex(&caller.actor, user.id, sex).await?;
    }
    Ok(user)
}

/// A page (from 1) of the audit log under `filter`, newest first.
pub async fn audit(
    store: &Store,
    caller: &Caller,
    filter: &AuditFilter,
    page: u32,
) -> Result<AuditPage> {
    require_administrator(caller)?;
    Ok(store.audit_entries(filter, page.max(1), PER_PAGE).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_lists_every_problem() {
        let input = NewAccountInput {
            email: "not an address".into(),
            name: " ".into(),
            role: "king".into(),
            administration: Some("??".into()),
            password: "short".into(),
            sex: String::new(),
        };
        let problems = CheckedAccount::try_from(&input).err().expect("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["email", "name", "role", "administration", "password"]
        );
    }
}
