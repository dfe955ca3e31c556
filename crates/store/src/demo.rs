//! Demo data: the story a newcomer sees on `gedhub demo`. People are invented.

mod agenda;
mod inquiries;
mod pathway;
mod practices;

use gedhub_core::{AdministrationCode, Email, NewPassword, Role, password};

use gedhub_core::assessment::Transition;
use sha2::Digest;
use sqlx::Row;

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
        self.seed_demo_plans().await?;
        self.seed_demo_workshops(&demo_password).await?;
        self.seed_demo_sexes().await?;
        self.seed_demo_agenda(&demo_password).await?;
        self.seed_demo_knowledge_tests().await?;
        self.seed_demo_surveys().await?;
        self.seed_demo_elearning().await?;
        self.seed_demo_missions().await?;
        self.seed_demo_pathway().await?;
        self.seed_demo_practices().await?;
        self.seed_demo_inquiries().await?;
        Ok(())
    }

    /// The two GED e-learning modules on CLiKC!, credentials for the
    /// platform's xAPI feed, and completions: the Brussels participants from
    /// the platform's completion report (before the workshop; three had not
    /// finished module 2), the virtual workshop's from xAPI statements.
    async fn seed_demo_elearning(&self) -> Result<()> {
        use crate::elearning::IncomingStatement;
        use gedhub_core::elearning::{CompletionReport, ModuleDefinition, ReportedCompletion};
        if !self.modules().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        let shipped = |error: Vec<gedhub_core::ValidationError>| {
            StoreError::ShippedData(format!("demo module: {error:?}"))
        };
        let mut modules = Vec::new();
        for (code, title_en, title_fr, course, iri) in [
            (
                "GED-1",
                "Gender equality and diversity in Customs: the essentials",
                "L'égalité de genre et la diversité dans les douanes : l'essentiel",
                "GED1",
                "https://clikc.wcoomd.org/course/view.php?id=1041",
            ),
            (
                "GED-2",
                "Using the GEOAT and the blended training package",
                "Utiliser l'outil GEOAT et le programme de formation mixte",
                "GED2",
                "https://clikc.wcoomd.org/course/view.php?id=1042",
            ),
        ] {
            let definition =
                ModuleDefinition::new(code, title_en, title_fr, course, iri).map_err(shipped)?;
            modules.push(self.create_module(&actor, &definition).await?);
        }
        let workshops = self.workshops().await?;
        let (Some(virtual_workshop), Some(brussels)) = (workshops.first(), workshops.get(1)) else {
            return Ok(());
        };
        for (index, module) in modules.iter().enumerate() {
            let mut report = CompletionReport::default();
            for (position, participant) in self.participants(brussels.id).await?.iter().enumerate()
            {
                if index == 1 && position % 7 == 3 {
                    continue;
                }
                let day = chrono::NaiveDate::from_ymd_opt(2023, 2, 1 + (position as u32 % 25))
                    .ok_or_else(|| StoreError::ShippedData("demo date".into()))?;
                report.completions.push(ReportedCompletion {
                    line: position + 2,
                    email: Email::parse(&participant.email)?,
                    completed_on: day,
                });
                report.rows += 1;
            }
            self.import_completion_report(&actor, module, &report, "demo-clikc-report")
                .await?;
        }
        let (credential, _secret) = self
            .create_lrs_credential(&actor, "CLiKC! (Moodle, logstore_xapi)")
            .await?;
        let mut statements = Vec::new();
        for (position, participant) in self
            .participants(virtual_workshop.id)
            .await?
            .iter()
            .enumerate()
        {
            for (index, module) in modules.iter().enumerate() {
                let statement = serde_json::json!({
                    "actor": { "objectType": "Agent", "name": participant.name, "mbox": format!("mailto:{}", participant.email) },
                    "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en": "completed", "fr": "a terminé" } },
                    "object": { "id": module.activity_iri, "definition": { "name": { "en": module.title_en, "fr": module.title_fr } } },
                    "result": { "completion": true },
                    "context": { "platform": "Moodle" },
                    "timestamp": format!("2024-03-{:02}T09:{:02}:00Z", 4 + position + 7 * index, 10 + position),
                });
                let facts = gedhub_core::xapi::validate_statement(&statement)
                    .map_err(|error| StoreError::ShippedData(format!("demo statement: {error}")))?;
                statements.push(IncomingStatement {
                    id: crate::elearning::new_statement_id()?,
                    received: statement,
                    facts,
                });
            }
        }
        self.store_statements(&credential, &statements).await?;
        // The demo participant's training record: GED-1 finished on CLiKC!,
        // and a nomination to the virtual workshop awaiting the decision.
        let lucia = self
            .user_by_email(&Email::parse("participant@gedhub.test")?)
            .await?;
        if let (Some(module), Some(day)) = (
            modules.first(),
            chrono::NaiveDate::from_ymd_opt(2024, 2, 12),
        ) {
            let report = CompletionReport {
                rows: 1,
                completions: vec![ReportedCompletion {
                    line: 2,
                    email: lucia.email.clone(),
                    completed_on: day,
                }],
                ..CompletionReport::default()
            };
            self.import_completion_report(&actor, module, &report, "demo-clikc-report-lucia")
                .await?;
        }
        self.nominate(
            &actor,
            virtual_workshop,
            &lucia,
            &crate::training::Nomination {
                motivation: "Leads the gender focal network of Argentina's customs; will train \
                             the regional trainers."
                    .into(),
                languages: vec!["en".into(), "fr".into(), "es".into()],
                experience: "Two national workshops on inclusive recruitment.".into(),
                sex: None,
            },
        )
        .await?;
        Ok(())
    }

    /// The two train-the-trainer workshops of the programme: Brussels,
    /// 13–17 March 2023, in English (20 participants), and the virtual one of
    /// 8–12 April 2024, in French (7 participants), with their attendance.
    /// The participants are invented; they share the demo password.
    async fn seed_demo_workshops(&self, password: &NewPassword) -> Result<()> {
        use gedhub_core::training::{CompletionRules, WorkshopDates, WorkshopKind, WorkshopMode};
        if !self.workshops().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        let day = |y: i32, m: u32, d: u32| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| StoreError::ShippedData("demo date".into()))
        };
        // One hash for every invented participant: they share the demo password.
        let hash = hash_blocking(password.clone()).await?;
        let english: [(&str, &str); 20] = [
            ("Kwame Asante-Boateng", "GH"),
            ("Ngozi Adeyemi", "NG"),
            ("Wanjiru Kamau", "KE"),
            ("Thandiwe Dlamini", "ZA"),
            ("Grace Nakato", "UG"),
            ("Neema Mwakyusa", "TZ"),
            ("Chanda Mwale", "ZM"),
            ("Chimwemwe Banda", "MW"),
            ("Kagiso Molefe", "BW"),
            ("Ndapewa Shikongo", "NA"),
            ("Aline Uwase", "RW"),
            ("Fatou Jallow", "GM"),
            ("Mariama Kamara", "SL"),
            ("Comfort Togbah", "LR"),
            ("Shanice Campbell", "JM"),
            ("Anika Ramdial", "TT"),
            ("Maria Santos Reyes", "PH"),
            ("Priya Raghavan", "IN"),
            ("Dilani Perera", "LK"),
            ("Mere Tuilagi", "FJ"),
        ];
        let french: [(&str, &str); 7] = [
            ("Sènami Adjovi", "BJ"),
            ("Awa Ndiaye", "SN"),
            ("Adjoua Koné", "CI"),
            ("Essi Amégan", "TG"),
            ("Brigitte Ngo Mbarga", "CM"),
            ("Rasmata Ouédraogo", "BF"),
            ("Voahangy Rakotomalala", "MG"),
        ];
        let workshops = [
            (
                "Train-the-trainer workshop on gender equality and diversity – Brussels",
                WorkshopMode::InPerson,
                "en",
                "WCO headquarters, Brussels",
                "",
                WorkshopDates::new(day(2023, 3, 13)?, day(2023, 3, 17)?)?,
                &english[..],
            ),
            (
                "Atelier virtuel de formation de formateurs sur l'égalité de genre et la diversité",
                WorkshopMode::Virtual,
                "fr",
                "",
                "https://meet.example.org/omd-egd-2024",
                WorkshopDates::new(day(2024, 4, 8)?, day(2024, 4, 12)?)?,
                &french[..],
            ),
        ];
        for (title, mode, language, venue, link, dates, people) in workshops {
            let workshop = self
                .create_workshop(
                    &actor,
                    &crate::training::NewWorkshop {
                        title: title.into(),
                        kind: WorkshopKind::TrainTheTrainer,
                        mode,
                        language: language.into(),
                        venue: venue.into(),
                        meeting_link: link.into(),
                        dates,
                        capacity: u32::try_from(people.len()).unwrap_or(20),
                        rules: CompletionRules::DEFAULT,
                    },
                )
                .await?;
            for (index, (name, code)) in people.iter().enumerate() {
                let local = email_local_part(name);
                let email = Email::parse(&format!("{local}@participants.gedhub.test"))?;
                let user = match self.user_by_email(&email).await {
                    Ok(user) => user,
                    Err(StoreError::NotFound) => {
                        self.create_user(
                            &actor,
                            NewUser {
                                email: email.clone(),
                                name: (*name).to_owned(),
                                role: Role::Participant,
                                administration: Some(AdministrationCode::parse(code)?),
                                password_hash: hash.clone(),
                            },
                        )
                        .await?
                    }
                    Err(other) => return Err(other),
                };
                self.add_participant(&actor, &workshop, &user.email).await?;
                // Most attended every day; every sixth missed two days.
                for (position, day) in dates.each_day().enumerate() {
                    let present = !(index % 6 == 5 && position >= 3);
                    self.set_attendance(&actor, &workshop, user.id, day, present)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// Action plans: Benin's, built from its validated diagnostic and
    /// adopted, with actions (one overdue), and indicators from each source
    /// (typed-in values with a milestone, the workforce statistics, the GEOAT
    /// score); Canada's, adopted; Senegal's, still a draft.
    async fn seed_demo_plans(&self) -> Result<()> {
        use crate::plans::{MeasurementInput, NewAction, NewObjective, NewPlan};
        use gedhub_core::monitoring::{
            ActionStatus, IndicatorDefinition, Milestone, NewIndicator, PlanStatus, Source,
        };
        if !self.plans(&gedhub_core::Scope::All).await?.is_empty() {
            return Ok(());
        }
        let day = |y: i32, m: u32, d: u32| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| StoreError::ShippedData("demo date".into()))
        };
        let indicator = |name_en: &str,
                         name_fr: &str,
                         baseline: (f64, chrono::NaiveDate),
                         target: (f64, chrono::NaiveDate),
                         milestones: Vec<Milestone>,
                         source: Source| {
            IndicatorDefinition::new(NewIndicator {
                name_en: name_en.to_owned(),
                name_fr: name_fr.to_owned(),
                unit: "percent".to_owned(),
                direction: None,
                baseline_value: baseline.0,
                baseline_date: baseline.1,
                target_value: target.0,
                target_date: target.1,
                milestones,
                frequency: Some("quarterly".to_owned()),
                source,
            })
            .map_err(|errors| StoreError::ShippedData(format!("demo indicator: {errors:?}")))
        };
        let viewer = crate::assessments::Viewer {
            scope: gedhub_core::Scope::All,
            user_id: gedhub_core::UserId(0),
        };
        let benin = AdministrationCode::parse("BJ")?;
        let validated = self.assessments(&viewer).await?.into_iter().find(|a| {
            a.administration == benin && a.status == gedhub_core::assessment::Status::Validated
        });
        let focal = self
            .user_by_email(&Email::parse("focal.benin@gedhub.test")?)
            .await?;
        let actor = Actor::user(focal.id, "focal.benin@gedhub.test");
        let plan = self
            .create_plan(
                &actor,
                &benin,
                &NewPlan {
                    assessment_id: validated.map(|a| a.id),
                    title: "Plan d'action genre 2024–2026 – Douanes du Bénin".into(),
                    period_start: Some(day(2024, 1, 1)?),
                    period_end: Some(day(2026, 12, 31)?),
                    owner: "Direction des ressources humaines".into(),
                    owner_user_id: Some(focal.id),
                    objectives: vec![
                        NewObjective {
                            title: "Plus de femmes aux postes de direction".into(),
                            indicator_codes: vec!["P4.A.1".into(), "P4.A.2".into()],
                        },
                        NewObjective {
                            title: "Prévenir et traiter le harcèlement".into(),
                            indicator_codes: vec!["P3.C.1".into(), "P3.C.2".into()],
                        },
                    ],
                },
            )
            .await?;
        let objectives = self.objectives(plan.id).await?;
        let (leadership, safety) = match objectives.as_slice() {
            [first, second, ..] => (first.id, second.id),
            _ => return Err(StoreError::ShippedData("demo objectives".into())),
        };
        let actions = [
            (
                leadership,
                "Programme de mentorat pour cadres féminins",
                "Académie des douanes",
                day(2024, 2, 1)?,
                day(2024, 12, 31)?,
                Some(15_000.0),
                ActionStatus::Done,
                "Première promotion de 24 mentorées.",
            ),
            (
                leadership,
                "Révision des critères de promotion",
                "DRH",
                day(2024, 6, 1)?,
                day(2025, 6, 30)?,
                None,
                ActionStatus::InProgress,
                "Projet de texte soumis au comité de direction.",
            ),
            (
                leadership,
                "Jurys de recrutement paritaires",
                "DRH",
                day(2025, 1, 1)?,
                day(2026, 12, 31)?,
                None,
                ActionStatus::InProgress,
                "",
            ),
            (
                safety,
                "Procédure de signalement confidentielle",
                "Inspection générale",
                day(2024, 3, 1)?,
                day(2025, 3, 31)?,
                Some(4_000.0),
                ActionStatus::Delayed,
                "En attente de l'avis juridique.",
            ),
            (
                safety,
                "Formation de tous les chefs de poste",
                "Académie des douanes",
                day(2025, 1, 1)?,
                day(2026, 6, 30)?,
                Some(9_500.0),
                ActionStatus::NotStarted,
                "",
            ),
        ];
        for (objective_id, title, responsible, start, due, budget, status, notes) in actions {
            self.add_action(
                &actor,
                &plan,
                &NewAction {
                    objective_id,
                    title: title.into(),
                    responsible: responsible.into(),
                    responsible_user_id: None,
                    start_date: Some(start),
                    due_date: due,
                    budget_amount: budget,
                    budget_currency: budget.map(|_| "XOF".to_owned()),
                    status,
                    progress_notes: notes.into(),
                },
            )
            .await?;
        }
        let senior = self
            .add_indicator(
                &actor,
                &plan,
                Some(leadership),
                &indicator(
                    "Women in senior management positions",
                    "Femmes aux postes de direction",
                    (12.0, day(2024, 1, 1)?),
                    (30.0, day(2026, 12, 31)?),
                    vec![
                        Milestone {
                            date: day(2024, 12, 31)?,
                            value: 18.0,
                        },
                        Milestone {
                            date: day(2025, 12, 31)?,
                            value: 24.0,
                        },
                    ],
                    Source::Manual,
                )?,
            )
            .await?;
        let values = [
            (day(2024, 3, 31)?, 12.5),
            (day(2024, 6, 30)?, 13.0),
            (day(2024, 9, 30)?, 14.5),
            (day(2024, 12, 31)?, 16.0),
            (day(2025, 3, 31)?, 17.0),
            (day(2025, 6, 30)?, 18.5),
            (day(2025, 9, 30)?, 19.0),
            (day(2025, 12, 31)?, 21.0),
            (day(2026, 3, 31)?, 22.0),
            (day(2026, 6, 30)?, 22.5),
        ];
        let inputs: Vec<MeasurementInput> = values
            .iter()
            .map(|(date, value)| MeasurementInput {
                date: *date,
                value: *value,
                comment: "Recensement RH trimestriel".into(),
            })
            .collect();
        self.record_measurements(&actor, &plan, &senior, &inputs)
            .await?;
        self.add_indicator(
            &actor,
            &plan,
            Some(leadership),
            &indicator(
                "Women's share of all staff (workforce statistics)",
                "Part des femmes dans le personnel (statistiques du personnel)",
                (24.0, day(2022, 12, 31)?),
                (32.0, day(2026, 12, 31)?),
                Vec::new(),
                Source::Workforce {
                    statistic: "workers.female_share_pct".into(),
                },
            )?,
        )
        .await?;
        self.add_indicator(
            &actor,
            &plan,
            None,
            &indicator(
                "GEOAT overall score",
                "Score global GEOAT",
                (38.0, day(2023, 12, 31)?),
                (60.0, day(2026, 12, 31)?),
                Vec::new(),
                Source::Assessment { section: None },
            )?,
        )
        .await?;
        self.set_plan_status(&actor, &plan, PlanStatus::Adopted)
            .await?;

        let canada = AdministrationCode::parse("CA")?;
        let focal = self
            .user_by_email(&Email::parse("focal.canada@gedhub.test")?)
            .await?;
        let actor = Actor::user(focal.id, "focal.canada@gedhub.test");
        let plan = self
            .create_plan(
                &actor,
                &canada,
                &NewPlan {
                    title: "GED Action Plan 2025–2027 – CBSA".into(),
                    period_start: Some(day(2025, 1, 1)?),
                    period_end: Some(day(2027, 12, 31)?),
                    owner: "Diversity and Inclusion Secretariat".into(),
                    owner_user_id: Some(focal.id),
                    objectives: vec![NewObjective {
                        title: "Close the gender pay gap".into(),
                        indicator_codes: vec!["P1.A.1".into()],
                    }],
                    ..NewPlan::default()
                },
            )
            .await?;
        let objective = self.objectives(plan.id).await?.first().map(|o| o.id);
        let pay_gap = self
            .add_indicator(
                &actor,
                &plan,
                objective,
                &indicator(
                    "Mean hourly pay gap",
                    "Écart de rémunération horaire moyen",
                    (6.0, day(2025, 1, 1)?),
                    (2.0, day(2027, 12, 31)?),
                    Vec::new(),
                    Source::Manual,
                )?,
            )
            .await?;
        let inputs = [
            (day(2025, 6, 30)?, 5.6),
            (day(2025, 12, 31)?, 5.1),
            (day(2026, 6, 30)?, 4.9),
        ]
        .iter()
        .map(|(date, value)| MeasurementInput {
            date: *date,
            value: *value,
            comment: String::new(),
        })
        .collect::<Vec<_>>();
        self.record_measurements(&actor, &plan, &pay_gap, &inputs)
            .await?;
        self.set_plan_status(&actor, &plan, PlanStatus::Adopted)
            .await?;

        let senegal = AdministrationCode::parse("SN")?;
        self.create_plan(
            &Actor::system("demo"),
            &senegal,
            &NewPlan {
                title: "Projet de plan d'action genre – Douanes sénégalaises".into(),
                period_start: Some(day(2026, 1, 1)?),
                period_end: Some(day(2028, 12, 31)?),
                owner: "Cellule genre".into(),
                ..NewPlan::default()
            },
        )
        .await?;
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
        // Ten administrations: enough for programme figures (5 or more),
        // Europe's five pass the regional threshold, other regions do not.
        let plan: [(&str, u32, u32, u32); 10] = [
            ("BJ", 1800, 24, 14),
            ("CA", 6000, 46, 6),
            ("SN", 2500, 28, 11),
            ("ZW", 2200, 39, 8),
            ("FR", 1600, 41, 7),
            ("BE", 900, 37, 9),
            ("DE", 1500, 35, 10),
            ("NL", 1000, 44, 5),
            ("SE", 700, 49, 3),
            ("KE", 1200, 33, 12),
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
                // Stored protected, like an upload (disclosure control).
                let report = gedhub_core::disclosure::workforce::ProtectedReport::protect(report)
                    .report()
                    .clone();
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

    /// The sex of the invented workshop participants, for the programme's
    /// counts of people trained by sex: most are women, four men, one who
    /// prefers not to say and one never asked (counted as unknown). Only
    /// people without a recorded sex are touched, so a re-run changes nothing.
    async fn seed_demo_sexes(&self) -> Result<()> {
        let actor = Actor::system("demo");
        let men = [
            "Kwame Asante-Boateng",
            "Chanda Mwale",
            "Chimwemwe Banda",
            "Kagiso Molefe",
        ];
        let rows = sqlx::query(
            "select id, name from users where email like $1 and sex is null order by id",
        )
        .bind("%@participants.gedhub.test".to_owned())
        .fetch_all(self.pool())
        .await?;
        for row in rows {
            let id: i64 = row.try_get(0)?;
            let name: String = row.try_get(1)?;
            let sex = match name.as_str() {
                "Dilani Perera" => continue,
                "Mere Tuilagi" => "undisclosed",
                man if men.contains(&man) => "male",
                _ => "female",
            };
            self.set_user_sex(&actor, gedhub_core::UserId(id), Some(sex))
                .await?;
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
                // Validated in the year its title names, so that the
                // published benchmarks of closed periods include it.
                let year = title.get(6..10).unwrap_or("2024");
                self.backdate_validation(assessment.id, &format!("{year}-11-15T10:00:00Z"))
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
/// "Sènami Adjovi" → "senami.adjovi": the local part of an invented address.
fn email_local_part(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(".")
}

async fn hash_blocking(password: NewPassword) -> Result<String> {
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|error| StoreError::ShippedData(error.to_string()))?
        .map_err(|error| StoreError::ShippedData(error.to_string()))
}
