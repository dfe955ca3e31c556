//! Demo data: the story a newcomer sees on `gedhub demo`. People are invented.

use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};

use gedhub_core::assessment::Transition;
use sha2::Digest;

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
        // The demo expert became a Recognized GED Expert after delivering
        // support following the Brussels workshop (valid three years).
        if self.recognitions().await?.is_empty() {
            let expert = self
                .user_by_email(&Email::parse("expert@gedhub.test")?)
                .await?;
            if let Some(recognized_on) = chrono::NaiveDate::from_ymd_opt(2024, 5, 20) {
                self.record_recognition(&actor, expert.id, recognized_on)
                    .await?;
            }
        }
        self.seed_demo_assessments().await?;
        self.seed_demo_workforce().await?;
        Ok(())
    }

    /// Workforce statistics for a few administrations over three years,
    /// computed by the real engine from invented staff lists (which, as for a
    /// real upload, are not stored).
    async fn seed_demo_workforce(&self) -> Result<()> {
        if !self.workforce_reporting().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        // (administration, staff, women's share in %, pay gap in %)
        let plan: [(&str, u32, u32, u32); 4] = [
            ("BJ", 1800, 24, 14),
            ("CA", 6000, 46, 6),
            ("SN", 2500, 28, 11),
            ("ZW", 2200, 39, 8),
        ];
        for (index, (code, staff, women, gap)) in plan.into_iter().enumerate() {
            let administration = AdministrationCode::parse(code)?;
            for (step, year) in (2022..=2024).enumerate() {
                // Each year a little better: more women, a smaller gap.
                let extract = demo_extract(
                    index as u64 * 10 + step as u64,
                    staff,
                    women + 2 * step as u32,
                    gap.saturating_sub(2 * step as u32),
                    year,
                );
                let report = gedhub_core::workforce::report_from_csv(
                    extract.as_bytes(),
                    &gedhub_core::workforce::ReportOptions::new(year),
                )
                .map_err(|error| StoreError::ShippedData(format!("demo extract: {error}")))?;
                let checksum = hex::encode(sha2::Sha256::digest(extract.as_bytes()));
                self.save_workforce_report(
                    &actor,
                    &crate::workforce::NewWorkforceReport {
                        administration: &administration,
                        report: &report,
                        file_sha256: &checksum,
                        rows_read: report.workers.total,
                        min_group: gedhub_core::workforce::ReportOptions::DEFAULT_MIN_GROUP,
                    },
                )
                .await?;
            }
        }
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

/// An invented staff list as CSV: eight grades, four categories, management
/// levels where women are fewer the higher the level, pay that rises with the
/// grade, a `gap_pct` lower pay for women, some variable pay and part-time
/// hours, and hires, exits and promotions in `year`. Deterministic in `seed`.
fn demo_extract(seed: u64, staff: u32, women_pct: u32, gap_pct: u32, year: i32) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move |modulo: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % modulo
    };
    let categories = [
        "Customs officers",
        "Inspectors",
        "Support staff",
        "Specialists",
    ];
    let mut csv = String::from(
        "employee_id,sex,grade,category,management_level,annual_basic_pay,annual_variable_pay,weekly_hours,hire_date,exit_date,last_promotion_date\n",
    );
    for number in 0..staff {
        let grade = 1 + next(8) as u32;
        let level = match (grade, next(100)) {
            (8, draw) if draw < 40 => "top",
            (7..=8, _) => "senior",
            (5..=6, draw) if draw < 50 => "middle",
            _ => "none",
        };
        // Fewer women the higher the level: the "leaky pipeline".
        let women_here = match level {
            "top" => women_pct / 2,
            "senior" => women_pct * 2 / 3,
            "middle" => women_pct * 5 / 6,
            _ => women_pct + 4,
        };
        let draw = next(100) as u32;
        let sex = if draw < women_here {
            "F"
        } else if draw == 99 {
            "U"
        } else {
            "M"
        };
        let base = 9_000 + grade * 3_200 + next(1_500) as u32;
        let basic = if sex == "F" {
            base * (100 - gap_pct) / 100
        } else {
            base
        };
        let variable = if next(100) < 30 {
            300 + next(2_000) as u32
        } else {
            0
        };
        let hours = if next(100) < 12 { 20 } else { 40 };
        let hire = if next(100) < 6 {
            format!("{year}-{:02}-15", 1 + next(12))
        } else {
            format!("{}-03-01", year - 1 - next(25) as i32)
        };
        let exit = if next(100) < 4 {
            format!("{year}-{:02}-28", 1 + next(12))
        } else {
            String::new()
        };
        let promotion = if next(100) < 7 {
            format!("{year}-06-30")
        } else {
            String::new()
        };
        let category = categories[next(categories.len() as u64) as usize];
        csv.push_str(&format!(
            "E{number:05},{sex},G{grade},{category},{level},{basic},{variable},{hours},{hire},{exit},{promotion}\n"
        ));
    }
    csv
}

/// Argon2 is slow on purpose: keep it off the async workers.
async fn hash_blocking(password: NewPassword) -> Result<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|error| StoreError::ShippedData(error.to_string()))?
        .map_err(|error| StoreError::ShippedData(error.to_string()))
}
