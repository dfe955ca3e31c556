//! The registry of Member administrations and their focal points: the use
//! cases of the administration pages and `/api/v1/administrations`.
//!
//! Access: every signed-in user reads the registry (reference data); an
//! administration's own page is scoped (out of scope it is "not found",
//! exactly like an unknown one); changing the registry and assigning focal
//! points is the Secretariat's (`Principal::can_manage_registry`).

use gedhub_core::{AdministrationCode, Email, ValidationError};
use gedhub_store::administrations::{Administration, AdministrationForm};
use gedhub_store::users::User;
use gedhub_store::{Store, StoreError};

use crate::caller::Caller;
use crate::error::{AppError, Result};

/// `Forbidden` unless the caller manages the registry.
pub fn require_registrar(caller: &Caller) -> Result<()> {
    caller.require(caller.principal.can_manage_registry())
}

/// The administration `code` (as in an address), if the caller may see its
/// page; `NotFound` otherwise.
pub async fn visible(store: &Store, caller: &Caller, code: &str) -> Result<Administration> {
    let code = AdministrationCode::parse(code).map_err(|_| AppError::NotFound)?;
    Ok(store.administration(&caller.scope, &code).await?)
}

/// An administration the caller sees and manages: `NotFound` before
/// `Forbidden`, so an administration out of scope cannot be probed.
pub async fn managed(store: &Store, caller: &Caller, code: &str) -> Result<Administration> {
    let administration = visible(store, caller, code).await?;
    require_registrar(caller)?;
    Ok(administration)
}

/// An administration's focal points.
pub async fn focal_points(store: &Store, administration: &Administration) -> Result<Vec<User>> {
    Ok(store.focal_points(&administration.code).await?)
}

/// A registry entry as typed (a form or JSON).
#[derive(Debug, Clone, Default)]
pub struct AdministrationInput {
    pub name_en: String,
    pub name_fr: String,
    pub region: String,
}

/// Adds an administration (e.g. a customs territory) under `code`.
pub async fn create(
    store: &Store,
    caller: &Caller,
    code: &str,
    input: &AdministrationInput,
) -> Result<Administration> {
    require_registrar(caller)?;
    let code = AdministrationCode::parse(code)?;
    let form = AdministrationForm::parse(&input.name_en, &input.name_fr, &input.region)?;
    Ok(store
        .create_administration(&caller.actor, &code, &form)
        .await?)
}

/// Edits an administration's names and region.
pub async fn update(
    store: &Store,
    caller: &Caller,
    code: &str,
    input: &AdministrationInput,
) -> Result<Administration> {
    let administration = managed(store, caller, code).await?;
    let form = AdministrationForm::parse(&input.name_en, &input.name_fr, &input.region)?;
    Ok(store
        .update_administration(&caller.actor, &administration.code, &form)
        .await?)
}

/// Makes an existing account (`unknown_account` otherwise) a focal point
/// of `administration`.
pub async fn assign_focal_point(
    store: &Store,
    caller: &Caller,
    administration: &Administration,
    email: &str,
) -> Result<User> {
    require_registrar(caller)?;
    let email = Email::parse(email)?;
    store
        .assign_focal_point(&caller.actor, &email, Some(&administration.code))
        .await
        .map_err(|error| match error {
            StoreError::NotFound => ValidationError::new("email", "unknown_account").into(),
            other => other.into(),
        })
}

/// The focal point `email` of `administration`, to remove (`NotFound` when
/// they are not one).
pub async fn focal_point(
    store: &Store,
    caller: &Caller,
    administration: &Administration,
    email: &str,
) -> Result<Email> {
    require_registrar(caller)?;
    let email = Email::parse(email)?;
    let is_focal_point = store
        .focal_points(&administration.code)
        .await?
        .iter()
        .any(|user| user.email == email);
    if is_focal_point {
        Ok(email)
    } else {
        Err(AppError::NotFound)
    }
}

/// Removes a focal point from their administration.
pub async fn remove_focal_point(store: &Store, caller: &Caller, email: &Email) -> Result<()> {
    require_registrar(caller)?;
    store.assign_focal_point(&caller.actor, email, None).await?;
    Ok(())
}
