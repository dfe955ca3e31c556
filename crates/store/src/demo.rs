//! Demo data: the story a newcomer sees on `gedhub demo`. People are invented.

use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};

use crate::users::NewUser;
use crate::{Actor, Result, Store, StoreError};

/// The password of every demo account. Printed by `gedhub demo`; never use
/// demo data in production.
pub const DEMO_PASSWORD: &str = "demo-gedhub-2024";

/// A demo account: e-mail, display name, role, administration.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub administration: Option<&'static str>,
}

/// One account per role, plus a second focal point to show tenant isolation.
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "secretariat@gedhub.test",
        name: "Ingrid Vandersteen",
        role: Role::Secretariat,
        administration: None,
    },
    DemoAccount {
        email: "focal.benin@gedhub.test",
        name: "Afiavi Houngbédji",
        role: Role::FocalPoint,
        administration: Some("BJ"),
    },
    DemoAccount {
        email: "focal.canada@gedhub.test",
        name: "Maëlle Tremblay-Okafor",
        role: Role::FocalPoint,
        administration: Some("CA"),
    },
    DemoAccount {
        email: "expert@gedhub.test",
        name: "Tendai Mukaro",
        role: Role::Expert,
        administration: Some("ZW"),
    },
    DemoAccount {
        email: "participant@gedhub.test",
        name: "Lucía Ferreyra Paz",
        role: Role::Participant,
        administration: Some("AR"),
    },
];

impl Store {
    /// Seeds the Members list and the demo accounts that do not exist yet.
    /// Safe to run on every start of `gedhub demo`.
    pub async fn seed_demo(&self) -> Result<()> {
        self.seed_wco_members().await?;
        let actor = Actor::system("demo");
        let demo_password = NewPassword::parse(DEMO_PASSWORD)?;
        for account in DEMO_ACCOUNTS {
            let email = Email::parse(account.email)?;
            if self.credentials(&email).await?.is_some() {
                continue;
            }
            let hash = hash_blocking(demo_password.clone()).await?;
            self.create_user(
                &actor,
                NewUser {
                    email,
                    name: account.name.to_owned(),
                    role: account.role,
                    administration: account
                        .administration
                        .map(AdministrationCode::parse)
                        .transpose()?,
                    password_hash: hash,
                },
            )
            .await?;
        }
        Ok(())
    }
}

/// Argon2 is slow on purpose: keep it off the async workers.
async fn hash_blocking(password: NewPassword) -> Result<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|error| StoreError::ShippedData(error.to_string()))?
        .map_err(|error| StoreError::ShippedData(error.to_string()))
}
