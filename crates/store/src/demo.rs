//! Demo data: the story a newcomer sees on `gedhub demo`. People are invented.

use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};

use gedhub_core::assessment::Transition;

use crate::assessments::AnswerInput;
use crate::instruments_shipped::SHIPPED_INSTRUMENT;
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
        self.seed_instruments().await?;
        self.seed_demo_assessments().await?;
        Ok(())
    }

    /// Validated GEOAT assessments for several administrations (enough for
    /// regional and global comparisons), and Benin's follow-up in progress.
    async fn seed_demo_assessments(&self) -> Result<()> {
        if !self
            .assessments(&crate::assessments::Viewer {
                scope: gedhub_core::Scope::All,
                user_id: gedhub_core::UserId(0),
            })
            .await?
            .is_empty()
        {
            return Ok(());
        }
        let instrument = self.instrument(SHIPPED_INSTRUMENT).await?;
        let actor = Actor::system("demo");
        // (administration, title, maturity 0–100, validated?)
        let plan: [(&str, &str, u32, bool); 9] = [
            ("BJ", "GEOAT 2023 – Douanes du Bénin", 38, true),
            ("CI", "GEOAT 2023 – Côte d'Ivoire", 47, true),
            ("TG", "GEOAT 2023 – Togo", 41, true),
            ("SN", "GEOAT 2024 – Sénégal", 55, true),
            ("GH", "GEOAT 2024 – Ghana Revenue Authority", 62, true),
            ("NG", "GEOAT 2024 – Nigeria Customs Service", 50, true),
            ("CA", "GEOAT 2024 – Canada Border Services Agency", 78, true),
            ("ZW", "GEOAT 2024 – ZIMRA", 66, true),
            ("BJ", "GEOAT 2024 – suivi, Douanes du Bénin", 52, false),
        ];
        for (index, (code, title, maturity, validated)) in plan.into_iter().enumerate() {
            let administration = AdministrationCode::parse(code)?;
            let assessment = self
                .create_assessment(&actor, &administration, SHIPPED_INSTRUMENT, title)
                .await?;
            for (position, (_, _, indicator)) in instrument.indicators().enumerate() {
                // The follow-up in progress has its first three sections answered.
                if !validated && position > 40 {
                    break;
                }
                let input = AnswerInput {
                    rating: Some(demo_rating(index, position, maturity)),
                    not_applicable: false,
                    justification: if position % 7 == 0 {
                        "Constat établi lors des entretiens avec les services RH et les postes frontières.".to_owned()
                    } else {
                        String::new()
                    },
                    evidence: if position % 11 == 0 {
                        "Note de service, tableau de bord RH 2023.".to_owned()
                    } else {
                        String::new()
                    },
                };
                self.save_answer(&actor, assessment.id, &indicator.code, &input, None)
                    .await?;
            }
            if validated {
                self.transition_assessment(&actor, assessment.id, Transition::Submit, None)
                    .await?;
                self.transition_assessment(&actor, assessment.id, Transition::Validate, None)
                    .await?;
            }
        }
        Ok(())
    }
}

/// A deterministic rating around `maturity` (0–100), different for each
/// assessment and indicator, so the demo shows strengths and gaps.
fn demo_rating(assessment: usize, indicator: usize, maturity: u32) -> u8 {
    let mix =
        (assessment as u32).wrapping_mul(2_654_435_761) ^ (indicator as u32).wrapping_mul(40_503);
    let noise = (mix >> 7) % 5; // 0..4
    let base = maturity * 5 / 100; // 0..5
    let value = (base + noise).saturating_sub(2).min(5);
    u8::try_from(value).unwrap_or(5)
}

/// Argon2 is slow on purpose: keep it off the async workers.
async fn hash_blocking(password: NewPassword) -> Result<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|error| StoreError::ShippedData(error.to_string()))?
        .map_err(|error| StoreError::ShippedData(error.to_string()))
}
