//! Demo agenda (issue 6): the Brussels 2023 workshop gets a five-day agenda
//! with materials, two facilitators, session attendance following the
//! recorded days, exercises with results and released facilitators'
//! assessments; the virtual 2024 workshop gets a French agenda.

use chrono::{NaiveDate, NaiveTime};
use gedhub_core::training::{ExerciseKind, ExerciseScale};
use gedhub_core::{AdministrationCode, Email, NewPassword, Role};

use crate::agenda::{NewSession, ResultFor, RubricScores};
use crate::training::Workshop;
use crate::users::NewUser;
use crate::{Actor, Result, Store, StoreError};

/// Day offset, start, end, English title, French title, description, materials.
type DemoSession = (
    u64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const BRUSSELS: &[DemoSession] = &[
    (
        0,
        "09:00",
        "10:30",
        "Opening and GED in Customs",
        "Ouverture et l'EGD dans les douanes",
        "Why gender equality and diversity matter for Customs; the WCO framework.",
        &[(
            "Opening slides",
            "https://materials.gedhub.test/brussels-2023/opening.pdf",
        )],
    ),
    (
        0,
        "11:00",
        "12:30",
        "The GEOAT at a glance",
        "Le GEOAT en bref",
        "",
        &[(
            "GEOAT (2023 edition)",
            "https://materials.gedhub.test/geoat-2023.pdf",
        )],
    ),
    (
        1,
        "09:00",
        "12:00",
        "GEOAT walkthrough",
        "Présentation détaillée du GEOAT",
        "Section by section, with the evidence each indicator asks for.",
        &[(
            "Walkthrough exercise sheet",
            "https://materials.gedhub.test/brussels-2023/geoat-walkthrough.docx",
        )],
    ),
    (
        1,
        "14:00",
        "16:30",
        "The blended learning package",
        "Le module de formation mixte",
        "",
        &[],
    ),
    (
        2,
        "09:00",
        "12:00",
        "Sex-disaggregated data",
        "Données ventilées par sexe",
        "Reading a workforce extract: shares, pay gaps, small groups.",
        &[(
            "Sample HR extract",
            "https://materials.gedhub.test/brussels-2023/sample-extract.csv",
        )],
    ),
    (
        2,
        "14:00",
        "16:30",
        "Facilitation practice",
        "Pratique de l'animation",
        "",
        &[],
    ),
    (
        3,
        "09:00",
        "12:00",
        "Action planning",
        "Planification des actions",
        "From a diagnostic to objectives, actions and indicators.",
        &[(
            "Action plan template",
            "https://materials.gedhub.test/brussels-2023/action-plan.xlsx",
        )],
    ),
    (
        3,
        "14:00",
        "16:30",
        "Facilitation practice with senior officials",
        "Animer avec des hauts responsables",
        "",
        &[],
    ),
    (
        4,
        "09:00",
        "11:00",
        "Action plan presentations",
        "Présentation des plans d'action",
        "",
        &[],
    ),
    (
        4,
        "11:30",
        "12:30",
        "Closing and evaluation",
        "Clôture et évaluation",
        "",
        &[],
    ),
];

const VIRTUAL: &[DemoSession] = &[
    (
        0,
        "12:00",
        "14:00",
        "Opening and GED in Customs",
        "Ouverture et l'EGD dans les douanes",
        "Pourquoi l'égalité de genre et la diversité comptent pour les douanes.",
        &[(
            "Présentation d'ouverture",
            "https://materials.gedhub.test/virtuel-2024/ouverture.pdf",
        )],
    ),
    (
        1,
        "12:00",
        "14:00",
        "GEOAT walkthrough",
        "Présentation détaillée du GEOAT",
        "",
        &[],
    ),
    (
        2,
        "12:00",
        "14:00",
        "Sex-disaggregated data",
        "Données ventilées par sexe",
        "",
        &[],
    ),
    (
        3,
        "12:00",
        "14:00",
        "Action planning",
        "Planification des actions",
        "",
        &[(
            "Modèle de plan d'action",
            "https://materials.gedhub.test/virtuel-2024/plan-action.xlsx",
        )],
    ),
    (
        4,
        "12:00",
        "14:00",
        "Facilitation practice",
        "Pratique de l'animation",
        "",
        &[],
    ),
];

fn time(text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| StoreError::ShippedData(format!("demo time {text}")))
}

impl Store {
    /// Seeds the agenda part of the two demo workshops, once (a workshop
    /// with sessions is left alone).
    pub(super) async fn seed_demo_agenda(&self, password: &NewPassword) -> Result<()> {
        let workshops = self.workshops().await?;
        let brussels = workshops.iter().find(|w| w.title.ends_with("Brussels"));
        let virtual_one = workshops.iter().find(|w| w.language == "fr");
        if let Some(brussels) = brussels
            && self.sessions(brussels.id).await?.is_empty()
        {
            self.seed_brussels(brussels, password).await?;
        }
        if let Some(workshop) = virtual_one
            && self.sessions(workshop.id).await?.is_empty()
        {
            self.seed_sessions(workshop, VIRTUAL).await?;
        }
        Ok(())
    }

    /// The sessions and their attendance, following the recorded days.
    async fn seed_sessions(&self, workshop: &Workshop, sessions: &[DemoSession]) -> Result<()> {
        let actor = Actor::system("demo");
        let present = self.days_present(workshop.id).await?;
        let participants = self.participants(workshop.id).await?;
        for (offset, start, end, title_en, title_fr, description, materials) in sessions {
            let day: NaiveDate = workshop
                .dates
                .start()
                .checked_add_days(chrono::Days::new(*offset))
                .ok_or_else(|| StoreError::ShippedData("demo day".into()))?;
            let session = self
                .add_session(
                    &actor,
                    workshop,
                    &NewSession {
                        day,
                        start: time(start)?,
                        end: time(end)?,
                        title_en: (*title_en).to_owned(),
                        title_fr: (*title_fr).to_owned(),
                        description: (*description).to_owned(),
                    },
                )
                .await?;
            for (title, link) in *materials {
                self.add_material(&actor, &session, title, link).await?;
            }
            for participant in participants.iter().filter(|p| p.is_confirmed()) {
                let was_there = present
                    .get(&participant.user_id.0)
                    .is_some_and(|days| days.contains(&day));
                self.set_session_attendance(
                    &actor,
                    workshop,
                    &session,
                    participant.user_id,
                    was_there,
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn seed_brussels(&self, workshop: &Workshop, password: &NewPassword) -> Result<()> {
        let actor = Actor::system("demo");
        self.seed_sessions(workshop, BRUSSELS).await?;
        // Two facilitators: the demo expert and an invented one.
        let second = Email::parse("mireille.dossou@experts.gedhub.test")?;
        if matches!(self.user_by_email(&second).await, Err(StoreError::NotFound)) {
            let hash = super::hash_blocking(password.clone()).await?;
            self.create_user(
                &actor,
                NewUser {
                    email: second.clone(),
                    name: "Mireille Dossou-Yovo".to_owned(),
                    role: Role::Expert,
                    administration: Some(AdministrationCode::parse("BJ")?),
                    password_hash: hash,
                },
            )
            .await?;
        }
        let mut facilitators = Vec::new();
        for email in [Email::parse("expert@gedhub.test")?, second] {
            facilitators.push(self.add_facilitator(&actor, workshop, &email).await?);
        }
        let participants: Vec<_> = self
            .participants(workshop.id)
            .await?
            .into_iter()
            .filter(|p| p.is_confirmed())
            .collect();
        // An individual case study out of 20, and a group action plan on a rubric.
        let case = self
            .add_exercise(
                &actor,
                workshop,
                "GEOAT case study",
                ExerciseKind::Individual,
                &ExerciseScale::new(Some(20.0), &[])?,
            )
            .await?;
        let levels: Vec<String> = ["Beginning", "Developing", "Proficient", "Exemplary"]
            .map(String::from)
            .to_vec();
        let plan = self
            .add_exercise(
                &actor,
                workshop,
                "Action plan (group work)",
                ExerciseKind::Group,
                &ExerciseScale::new(None, &levels)?,
            )
            .await?;
        for (index, participant) in participants.iter().enumerate() {
            let score = 11.0 + ((index * 7) % 10) as f64;
            self.record_exercise_result(
                &actor,
                workshop,
                &case,
                &ResultFor::Participant(participant.user_id),
                Some(score),
                None,
            )
            .await?;
        }
        for (team, level) in [(0usize, 4u32), (1, 3), (2, 3), (3, 2)] {
            let members: Vec<_> = participants
                .iter()
                .enumerate()
                .filter(|(index, _)| index % 4 == team)
                .map(|(_, p)| p.user_id)
                .collect();
            if members.is_empty() {
                continue;
            }
            let name = format!("Team {}", team + 1);
            self.set_exercise_group(&actor, workshop, &plan, &name, &members)
                .await?;
            self.record_exercise_result(
                &actor,
                workshop,
                &plan,
                &ResultFor::Group(name),
                None,
                Some(level),
            )
            .await?;
        }
        let comments = [
            "Uses the GEOAT confidently and links indicators to evidence.",
            "Solid grasp of HR data and sex-disaggregated statistics.",
            "Explains the process clearly to administrations.",
            "Held the room well in the role play with senior officials.",
        ];
        for (f, facilitator) in facilitators.iter().enumerate() {
            let facilitator_actor = Actor::user(facilitator.user_id, &facilitator.email);
            for (index, participant) in participants.iter().enumerate() {
                let score = |k: usize| i64::try_from(3 + (index + k + f) % 3).unwrap_or(3);
                let rubric = RubricScores::new(
                    [score(0), score(1), score(2), score(3)],
                    if f == 0 {
                        comments.map(String::from)
                    } else {
                        Default::default()
                    },
                )?;
                self.save_facilitator_assessment(
                    &facilitator_actor,
                    workshop,
                    facilitator.user_id,
                    participant.user_id,
                    &rubric,
                )
                .await?;
            }
        }
        self.release_facilitator_assessments(&actor, workshop)
            .await?;
        Ok(())
    }
}
