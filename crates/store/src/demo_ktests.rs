//! Demo knowledge tests: a question bank of ten GED questions in English and
//! French, and a closed pre- and post-test on both demo workshops with
//! plausible scores, so that the knowledge gain shows.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{TimeZone, Utc};
use gedhub_core::ktests::{AnswerOption, Question, QuestionDraft, TestKind};

use crate::ktests::TestState;
use crate::{Actor, Result, Store, StoreError, Timestamp};

/// (kind, English, French, options as (English, French, correct)).
type DemoQuestion = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, bool)],
);

const QUESTIONS: [DemoQuestion; 10] = [
    (
        "single_choice",
        "What does the WCO's GEOAT help a Customs administration do?",
        "À quoi l'outil GEOAT de l'OMD aide-t-il une administration des douanes ?",
        &[
            (
                "Assess its gender equality and diversity practices and plan improvements",
                "Évaluer ses pratiques d'égalité de genre et de diversité et planifier des améliorations",
                true,
            ),
            (
                "Classify goods in the Harmonized System",
                "Classer les marchandises dans le Système harmonisé",
                false,
            ),
            (
                "Audit the revenue collected at the border",
                "Auditer les recettes perçues à la frontière",
                false,
            ),
        ],
    ),
    (
        "true_false",
        "The GEOAT is a ranking of administrations by the share of women they employ.",
        "Le GEOAT est un classement des administrations selon la part de femmes qu'elles emploient.",
        &[("True", "Vrai", false), ("False", "Faux", true)],
    ),
    (
        "multiple_choice",
        "Which of these should be sex-disaggregated in a workforce analysis?",
        "Lesquelles de ces données faut-il ventiler par sexe dans une analyse des effectifs ?",
        &[
            ("Staff by grade", "Le personnel par grade", true),
            (
                "Promotions during the year",
                "Les promotions de l'année",
                true,
            ),
            (
                "Participation in training",
                "La participation aux formations",
                true,
            ),
            ("The number of seizures", "Le nombre de saisies", false),
        ],
    ),
    (
        "single_choice",
        "How is the unadjusted gender pay gap usually expressed?",
        "Comment exprime-t-on habituellement l'écart de rémunération non ajusté entre femmes et hommes ?",
        &[
            (
                "Men's mean pay minus women's mean pay, as a share of men's mean pay",
                "Salaire moyen des hommes moins celui des femmes, rapporté au salaire moyen des hommes",
                true,
            ),
            (
                "The number of women divided by the number of men",
                "Le nombre de femmes divisé par le nombre d'hommes",
                false,
            ),
            (
                "Women's highest salary minus men's lowest salary",
                "Le salaire le plus élevé des femmes moins le plus bas des hommes",
                false,
            ),
        ],
    ),
    (
        "true_false",
        "Sex-disaggregated data are enough on their own to explain why a gap exists.",
        "Les données ventilées par sexe suffisent à elles seules à expliquer pourquoi un écart existe.",
        &[("True", "Vrai", false), ("False", "Faux", true)],
    ),
    (
        "multiple_choice",
        "Which elements make up the WCO's blended GED training package?",
        "Quels éléments composent le dispositif de formation mixte de l'OMD sur l'EGD ?",
        &[
            (
                "E-learning modules",
                "Des modules d'apprentissage en ligne",
                true,
            ),
            ("Facilitated workshops", "Des ateliers animés", true),
            (
                "Follow-up support after the workshop",
                "Un accompagnement après l'atelier",
                true,
            ),
            (
                "A certification exam for customs brokers",
                "Un examen de certification des déclarants",
                false,
            ),
        ],
    ),
    (
        "single_choice",
        "Who should lead a GEOAT self-assessment in an administration?",
        "Qui devrait conduire une auto-évaluation GEOAT dans une administration ?",
        &[
            (
                "A working group with management support, including women and men from several units",
                "Un groupe de travail soutenu par la direction, réunissant des femmes et des hommes de plusieurs services",
                true,
            ),
            (
                "An external auditor alone",
                "Un auditeur externe seul",
                false,
            ),
            (
                "The human resources unit alone, without management",
                "Le seul service des ressources humaines, sans la direction",
                false,
            ),
        ],
    ),
    (
        "multiple_choice",
        "Which practices support diversity in recruitment?",
        "Quelles pratiques favorisent la diversité dans le recrutement ?",
        &[
            (
                "Mixed selection panels",
                "Des jurys de sélection mixtes",
                true,
            ),
            (
                "Job descriptions written in inclusive language",
                "Des fiches de poste rédigées de manière inclusive",
                true,
            ),
            (
                "Recruiting only by recommendation",
                "Recruter uniquement par recommandation",
                false,
            ),
        ],
    ),
    (
        "true_false",
        "Flexible working arrangements can help retain staff with caring responsibilities.",
        "Les modalités de travail flexibles peuvent aider à retenir le personnel ayant des responsabilités familiales.",
        &[("True", "Vrai", true), ("False", "Faux", false)],
    ),
    (
        "single_choice",
        "What is the purpose of an action plan after a GEOAT assessment?",
        "À quoi sert un plan d'action après une évaluation GEOAT ?",
        &[
            (
                "To turn the findings into actions with owners, deadlines and indicators",
                "Transformer les constats en actions avec des responsables, des échéances et des indicateurs",
                true,
            ),
            (
                "To publish a ranking of the staff",
                "Publier un classement du personnel",
                false,
            ),
            (
                "To replace the annual budget",
                "Remplacer le budget annuel",
                false,
            ),
        ],
    ),
];

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<Timestamp> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(Timestamp)
        .ok_or_else(|| StoreError::ShippedData("demo time".into()))
}

/// Answers with the first `right` questions right and the others wrong.
fn answers(questions: &[(i64, Question)], right: usize) -> BTreeMap<i64, BTreeSet<usize>> {
    questions
        .iter()
        .enumerate()
        .map(|(n, (id, question))| {
            let chosen = if n < right {
                question.correct_set()
            } else {
                let wrong = question
                    .options()
                    .iter()
                    .position(|o| !o.correct)
                    .unwrap_or(0);
                BTreeSet::from([wrong])
            };
            (*id, chosen)
        })
        .collect()
}

impl Store {
    /// The demo question bank and both workshops' tests (skipped when the
    /// bank is not empty).
    pub(crate) async fn seed_demo_knowledge_tests(&self) -> Result<()> {
        if !self.questions().await?.is_empty() {
            return Ok(());
        }
        let actor = Actor::system("demo");
        let mut ids = Vec::new();
        for (kind, text_en, text_fr, options) in QUESTIONS {
            let question = Question::new(QuestionDraft {
                kind: kind.into(),
                text_en: text_en.into(),
                text_fr: text_fr.into(),
                options: options
                    .iter()
                    .map(|(en, fr, correct)| AnswerOption {
                        text_en: (*en).into(),
                        text_fr: (*fr).into(),
                        correct: *correct,
                    })
                    .collect(),
            })
            .map_err(|_| StoreError::ShippedData("demo question".into()))?;
            ids.push(self.create_question(&actor, &question).await?.id);
        }
        for workshop in self.workshops().await? {
            let start = workshop.dates.start();
            let end = workshop.dates.end();
            let day_at = |day: chrono::NaiveDate, h: u32, min: u32| {
                use chrono::Datelike;
                at(day.year(), day.month(), day.day(), h, min)
            };
            let participants = self.participants(workshop.id).await?;
            for (kind, limit, day) in [(TestKind::Pre, 15, start), (TestKind::Post, 20, end)] {
                let test = self
                    .attach_test(&actor, &workshop, kind, &ids, Some(limit))
                    .await?;
                self.set_test_state(&actor, &test, TestState::Open).await?;
                let test = self.test(workshop.id, kind).await?;
                for (index, participant) in participants.iter().enumerate() {
                    if !participant.is_confirmed() {
                        continue;
                    }
                    // Pre: 3 to 7 of 10; post: 1 to 4 more, except every
                    // ninth participant who does not improve.
                    let pre = 3 + (index * 7) % 5;
                    let post = if index % 9 == 4 {
                        pre
                    } else {
                        (pre + 1 + (index * 3) % 4).min(10)
                    };
                    let right = match kind {
                        TestKind::Pre => pre,
                        TestKind::Post => post,
                    };
                    let person = Actor::user(participant.user_id, &participant.email);
                    let minute = u32::try_from(index % 20).unwrap_or(0);
                    self.start_attempt(
                        &person,
                        &workshop,
                        &test,
                        participant.user_id,
                        day_at(day, 9, minute)?,
                    )
                    .await?;
                    self.submit_attempt(
                        &person,
                        &workshop,
                        &test,
                        participant.user_id,
                        &answers(&test.questions, right),
                        day_at(day, 9, minute + 12)?,
                    )
                    .await?;
                }
                self.set_test_state(&actor, &test, TestState::Closed)
                    .await?;
            }
        }
        Ok(())
    }
}
