//! Demo pathway (issue 7): candidates of both workshops at every stage of
//! the pathway to Recognized GED Expert, so a newcomer sees the whole
//! journey: pre-selected, trained, invited, in supervised delivery,
//! recognized, a Champion, one who declined, one who withdrew, and one whose
//! recognition (June 2023) lapsed after three years.
//!
//! Support to Members: experts' profiles, requests from Ghana, Burkina Faso,
//! Uganda (answered with missions) and Senegal (waiting for the
//! Secretariat), and the missions: Ghana's and Burkina Faso's delivered,
//! with reports, positive evaluations of their co-facilitators and the
//! Members' feedback; Uganda's planned. Supervised deliveries from before
//! gedhub are recorded as the Secretariat's overrides with the reason
//! written out, as a real Secretariat would have to.

use chrono::NaiveDate;
use gedhub_core::Email;
use gedhub_core::pathway::Stage;

use crate::pathway::NewTransition;
use crate::{Actor, Result, Store, StoreError};

/// Participant (by the local part of their demo e-mail), the stages they
/// reached in order, the day of the last move, a reason for it, and
/// whether their supervised mission is in the demo (else the moves that
/// need one are overrides, the mission having been before gedhub).
type DemoPath = (
    &'static str,
    &'static [Stage],
    (i32, u32, u32),
    &'static str,
    bool,
);

const PATHS: &[DemoPath] = &[
    (
        "kwame.asante.boateng",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
            Stage::Champion,
        ],
        (2024, 3, 8),
        "Designated Champion for leading the regional GED network in East and Southern Africa",
        false,
    ),
    (
        "ngozi.adeyemi",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
        ],
        (2024, 2, 12),
        "Positive evaluation by the lead facilitator of the GEOAT diagnostic mission to Ghana",
        true,
    ),
    (
        "kagiso.molefe",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
        ],
        (2023, 6, 1),
        "Positive evaluation of the action-plan design mission to Namibia",
        false,
    ),
    (
        "wanjiru.kamau",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
        ],
        (2024, 10, 14),
        "Co-facilitator of the M&E set-up mission to Uganda",
        true,
    ),
    (
        "thandiwe.dlamini",
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
        (2024, 9, 2),
        "",
        false,
    ),
    (
        "grace.nakato",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::Declined,
        ],
        (2024, 9, 20),
        "Not available in 2024–2025 (new post in the administration)",
        false,
    ),
    (
        "neema.mwakyusa",
        &[Stage::Preselected, Stage::Trained],
        (2023, 4, 28),
        "",
        false,
    ),
    (
        "chanda.mwale",
        &[Stage::Preselected],
        (2023, 2, 20),
        "Strong nomination by Zambia's focal point",
        false,
    ),
    (
        "chimwemwe.banda",
        &[Stage::Preselected, Stage::Withdrawn],
        (2023, 9, 1),
        "Left the Customs administration",
        false,
    ),
    (
        "senami.adjovi",
        &[Stage::Preselected, Stage::Trained],
        (2024, 5, 6),
        "",
        false,
    ),
    (
        "awa.ndiaye",
        &[Stage::Preselected, Stage::Trained, Stage::Invited],
        (2024, 6, 3),
        "",
        false,
    ),
    (
        "essi.amegan",
        &[
            Stage::Preselected,
            Stage::Trained,
            Stage::Invited,
            Stage::SupervisedDelivery,
            Stage::Recognized,
        ],
        (2024, 10, 21),
        "Positive evaluation by the lead expert of the action-plan mission to Burkina Faso",
        true,
    ),
];

impl Store {
    pub(super) async fn seed_demo_pathway(&self) -> Result<()> {
        if !self.pathway_stages().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        for (local, stages, (y, m, d), reason, mission_in_demo) in PATHS {
            let email = Email::parse(&format!("{local}@participants.gedhub.test"))?;
            // The participants come from `seed_demo_workshops`.
            let user = self.user_by_email(&email).await?;
            let on = NaiveDate::from_ymd_opt(*y, *m, *d)
                .ok_or_else(|| StoreError::ShippedData("demo pathway date".into()))?;
            let mut from = Stage::Nominated;
            for (position, to) in stages.iter().copied().enumerate() {
                let last = position + 1 == stages.len();
                let (reason, overridden) = match to {
                    Stage::SupervisedDelivery if *mission_in_demo => ("", Vec::new()),
                    Stage::Recognized if *mission_in_demo => (*reason, Vec::new()),
                    // A mission before gedhub: the Secretariat overrides.
                    Stage::SupervisedDelivery => (
                        "Assigned as co-facilitator to a support mission (recorded before missions were in gedhub)",
                        vec!["no_mission_assignment".to_owned()],
                    ),
                    Stage::Recognized => (*reason, vec!["no_positive_evaluation".to_owned()]),
                    _ if last => (*reason, Vec::new()),
                    _ => ("", Vec::new()),
                };
                self.record_transition(
                    &actor,
                    NewTransition {
                        user_id: user.id,
                        from,
                        to,
                        reason: reason.to_owned(),
                        overridden,
                        evidence: serde_json::json!({ "demo": true }),
                        on,
                        notifications: Vec::new(),
                        emails: Vec::new(),
                    },
                )
                .await?;
                from = to;
            }
        }
        Ok(())
    }
}

/// E-mail local part (participants) or full demo address, languages,
/// areas, yearly maximum, bio.
type DemoProfile = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    u32,
    &'static str,
);

const PROFILES: &[DemoProfile] = &[
    (
        "expert@gedhub.test",
        &["en", "pt"],
        &["P1", "P2", "P5"],
        4,
        "Head of the gender and diversity unit of the Zimbabwe Revenue Authority; facilitated GEOAT diagnostics in three Members.",
    ),
    (
        "kwame.asante.boateng",
        &["en", "fr"],
        &["P1", "P2", "P3", "P4", "P5", "P6"],
        6,
        "Human resources director; coordinates the GED network of East and Southern Africa.",
    ),
    (
        "ngozi.adeyemi",
        &["en", "fr"],
        &["P1", "P3", "CC"],
        3,
        "Policy officer; designs gender-responsive recruitment and career policies.",
    ),
    (
        "essi.amegan",
        &["fr", "en"],
        &["P2", "P4", "SS"],
        3,
        "Responsable de la formation ; spécialiste de la prévention du harcèlement.",
    ),
    (
        "wanjiru.kamau",
        &["en"],
        &["P5", "P6"],
        2,
        "Statistician; sets up sex-disaggregated workforce monitoring.",
    ),
    (
        "awa.ndiaye",
        &["fr"],
        &["P1", "P3"],
        3,
        "Inspectrice principale ; point focal genre de sa direction régionale.",
    ),
];

fn demo_email(local: &str) -> Result<Email> {
    Ok(if local.contains('@') {
        Email::parse(local)?
    } else {
        Email::parse(&format!("{local}@participants.gedhub.test"))?
    })
}

impl Store {
    pub(super) async fn seed_demo_missions(&self) -> Result<()> {
        use gedhub_core::missions::SupportKind;
        use gedhub_core::training::WorkshopMode;

        use crate::agenda::RubricScores;
        use crate::missions::{MemberRole, NewMission, NewSupportRequest};

        if !self.missions().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        let day = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| StoreError::ShippedData("demo mission date".into()))
        };
        for (who, languages, areas, max, bio) in PROFILES {
            let user = self.user_by_email(&demo_email(who)?).await?;
            let languages: Vec<String> = languages.iter().map(|l| (*l).to_owned()).collect();
            let areas: Vec<String> = areas.iter().map(|a| (*a).to_owned()).collect();
            self.save_expert_profile(&actor, user.id, bio, &languages, &areas, *max)
                .await?;
        }
        let kwame = self
            .user_by_email(&demo_email("kwame.asante.boateng")?)
            .await?;
        self.add_unavailability(
            &actor,
            kwame.id,
            day(2027, 3, 1)?,
            day(2027, 3, 31)?,
            "Annual leave",
        )
        .await?;

        // (administration, kind, language, mode, requested period, context,
        //  mission dates and areas, lead, co-facilitator, delivered:
        //  report, recommendations, Member's rating and comment)
        type Delivery = (&'static str, &'static str, u8, &'static str);
        type DemoMission = (
            &'static str,
            SupportKind,
            &'static str,
            WorkshopMode,
            ((i32, u32, u32), (i32, u32, u32)),
            &'static str,
            &'static [&'static str],
            &'static str,
            &'static str,
            Option<Delivery>,
        );
        let missions: [DemoMission; 3] = [
            (
                "GH",
                SupportKind::GeoatDiagnostic,
                "en",
                WorkshopMode::InPerson,
                ((2024, 1, 22), (2024, 1, 26)),
                "First GEOAT self-assessment of the Ghana Revenue Authority's Customs Division.",
                &["P1", "P3", "CC"],
                "expert@gedhub.test",
                "ngozi.adeyemi",
                Some((
                    "Facilitated the GEOAT diagnostic with 14 officers from HR, operations and the Commissioner's office; validated ratings for all six Principles.",
                    "Adopt a written GED policy; start sex-disaggregated reporting of promotions.",
                    5,
                    "Very practical; the team now owns its diagnostic.",
                )),
            ),
            (
                "BF",
                SupportKind::ActionPlan,
                "fr",
                WorkshopMode::Virtual,
                ((2024, 10, 7), (2024, 10, 11)),
                "Plan d'action EGD à partir du diagnostic GEOAT de 2024.",
                &["P2", "P4"],
                "kwame.asante.boateng",
                "essi.amegan",
                Some((
                    "Plan d'action élaboré avec le comité EGD : 4 objectifs, 11 actions, 9 indicateurs avec cibles.",
                    "Nommer un responsable par objectif ; premier bilan dans six mois.",
                    4,
                    "Très utile ; le calendrier était un peu serré.",
                )),
            ),
            (
                "UG",
                SupportKind::MeSetup,
                "en",
                WorkshopMode::InPerson,
                ((2027, 1, 18), (2027, 1, 22)),
                "Monitoring of the GED action plan: indicators, data collection and reporting.",
                &["P5", "P6"],
                "kwame.asante.boateng",
                "wanjiru.kamau",
                None,
            ),
        ];
        for (code, kind, language, mode, (start, end), context, areas, lead, co, delivery) in
            missions
        {
            let administration = gedhub_core::AdministrationCode::parse(code)?;
            let request = self
                .create_support_request(
                    &actor,
                    &NewSupportRequest {
                        administration: administration.clone(),
                        kind,
                        language: language.into(),
                        mode,
                        preferred_from: None,
                        preferred_to: None,
                        context: context.into(),
                    },
                )
                .await?;
            let mission = self
                .create_mission(
                    &actor,
                    &NewMission {
                        request_id: Some(request.id),
                        administration,
                        kind,
                        mode,
                        language: language.into(),
                        areas: areas.iter().map(|a| (*a).to_owned()).collect(),
                        start: day(start.0, start.1, start.2)?,
                        end: day(end.0, end.1, end.2)?,
                        agenda: String::new(),
                    },
                )
                .await?;
            let lead = self.user_by_email(&demo_email(lead)?).await?;
            let co = self.user_by_email(&demo_email(co)?).await?;
            self.add_mission_member(&actor, &mission, lead.id, MemberRole::Lead)
                .await?;
            self.add_mission_member(&actor, &mission, co.id, MemberRole::CoFacilitator)
                .await?;
            if let Some((report, recommendations, rating, comment)) = delivery {
                self.save_mission_report(&actor, &mission, report, recommendations)
                    .await?;
                let mission = self.mission(mission.id).await?;
                let rubric = RubricScores::new(
                    [4, 4, 5, 4],
                    [String::new(), String::new(), String::new(), String::new()],
                )?;
                self.save_mission_evaluation(
                    &actor,
                    &mission,
                    co.id,
                    &rubric,
                    true,
                    "Ready to lead.",
                )
                .await?;
                self.save_member_feedback(&actor, &mission, rating, comment)
                    .await?;
            }
        }
        // Senegal's request waits for the Secretariat.
        self.create_support_request(
            &actor,
            &NewSupportRequest {
                administration: gedhub_core::AdministrationCode::parse("SN")?,
                kind: SupportKind::TrainingDelivery,
                language: "fr".into(),
                mode: WorkshopMode::InPerson,
                preferred_from: Some(day(2027, 4, 1)?),
                preferred_to: Some(day(2027, 5, 31)?),
                context: "Formation nationale de 25 cadres sur l'égalité de genre et la diversité."
                    .into(),
            },
        )
        .await?;
        Ok(())
    }
}
