//! A person's training record (issue 6): their workshops (status,
//! attendance, test scores, completion, certificate), their facilitators'
//! released assessments and exercise results, and their e-learning modules
//! and e-certificates. One assembly, [`training_record`], feeds both the page
//! (`GET /training/{user}`) and the API
//! (`GET /api/v1/training-records/{email}`); [`trained_evidence`] sums up
//! what issue 7 reads to decide the `trained` stage.
//!
//! Access ([`visible_person`]): the person themself, the Secretariat and the
//! focal points of the person's administration; anyone else gets 404, like
//! an unknown person.

use gedhub_core::UserId;
use gedhub_core::training::{Criterion, WorkshopKind};
use gedhub_store::users::User;
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::state::AppState;
use gedhub_app::training::participant_records;

/// Whether the caller may read this person's training record: their own,
/// and otherwise as for a workshop participant (core's policy).
pub fn may_see_person(signed_in: &SignedIn, person: &User) -> bool {
    person.id == signed_in.user.id
        || gedhub_core::authz::training::may_see_participant(
            &signed_in.principal,
            person.id,
            person.administration.as_ref().map(|code| code.as_str()),
        )
}

/// The person with this id, if the caller may read their record (404
/// otherwise, as for an unknown id).
pub async fn visible_person(state: &AppState, signed_in: &SignedIn, id: UserId) -> Result<User> {
    let person = state.store().user(id).await?;
    if may_see_person(signed_in, &person) {
        Ok(person)
    } else {
        Err(AppError::NotFound)
    }
}

/// One criterion of a facilitator's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CriterionRecord {
    /// `ged_tools`, `technical_expertise`, `support_members` or
    /// `facilitate_senior_officials`.
    pub criterion: String,
    /// 1 to 5.
    pub score: u8,
    pub comment: String,
}

/// A facilitator's released assessment of the person.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AssessmentRecord {
    pub facilitator: String,
    pub criteria: Vec<CriterionRecord>,
}

/// The person's result in one exercise of a workshop.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ExerciseRecord {
    pub exercise_id: i64,
    pub title: String,
    pub percent: f64,
}

/// The person in one workshop.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct WorkshopRecord {
    pub workshop_id: i64,
    pub title: String,
    /// `train_the_trainer`, `national` or `regional`.
    pub kind: String,
    /// `in_person` or `virtual`.
    pub mode: String,
    pub start_date: String,
    pub end_date: String,
    /// `nominated`, `confirmed` or `waitlisted`.
    pub status: String,
    pub attendance_pct: Option<f64>,
    pub pre_test_pct: Option<f64>,
    pub post_test_pct: Option<f64>,
    pub completed: bool,
    /// Why it is not completed: `attendance_below_minimum`,
    /// `post_test_not_taken`, `post_test_below_minimum` (empty when
    /// completed).
    pub missing: Vec<String>,
    /// The certificate of completion, once completed.
    pub certificate_url: Option<String>,
    /// Whether the Secretariat released the facilitators' assessments.
    pub assessments_released: bool,
    /// The facilitators' assessments, only once released.
    pub assessments: Vec<AssessmentRecord>,
    pub exercises: Vec<ExerciseRecord>,
}

/// An e-certificate the person sent for a module.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CertificateRecord {
    pub id: i64,
    /// `pending`, `confirmed` or `rejected`.
    pub status: String,
    pub completed_on: String,
    pub uploaded_at: String,
}

/// One e-learning module, completed or not.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ElearningRecord {
    pub module_id: i64,
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    /// When the person completed it, if they did.
    pub completed_on: Option<String>,
    /// `lms_report`, `xapi` or `certificate`, when completed.
    pub source: Option<String>,
    pub certificates: Vec<CertificateRecord>,
}

/// What issue 7 reads to decide the `trained` stage.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TrainedEvidence {
    /// Completed at least one train-the-trainer workshop.
    pub completed_train_the_trainer: bool,
    /// E-learning modules completed, out of `elearning_modules`.
    pub elearning_completed: usize,
    pub elearning_modules: usize,
    /// The best submitted post-test score over all workshops, in percent.
    pub best_post_test_pct: Option<f64>,
}

/// A person's training record.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TrainingRecord {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub administration: Option<String>,
    /// The languages the person works in (codes): their expert profile's
    /// list, or what their nominations said.
    pub languages: Vec<String>,
    /// By start date.
    pub workshops: Vec<WorkshopRecord>,
    /// Every module, in the catalogue's order.
    pub elearning: Vec<ElearningRecord>,
    pub trained: TrainedEvidence,
}

/// Sums up a record for the `trained` stage.
pub fn trained_evidence(
    workshops: &[WorkshopRecord],
    elearning: &[ElearningRecord],
) -> TrainedEvidence {
    TrainedEvidence {
        completed_train_the_trainer: workshops
            .iter()
            .any(|w| w.completed && w.kind == WorkshopKind::TrainTheTrainer.as_str()),
        elearning_completed: elearning
            .iter()
            .filter(|m| m.completed_on.is_some())
            .count(),
        elearning_modules: elearning.len(),
        best_post_test_pct: workshops
            .iter()
            .filter_map(|w| w.post_test_pct)
            .fold(None, |best: Option<f64>, p| {
                Some(best.map_or(p, |b| b.max(p)))
            }),
    }
}

/// Assembles the record of `person` as `signed_in` may see it (call
/// [`visible_person`] first).
pub async fn training_record(
    state: &AppState,
    signed_in: &SignedIn,
    person: &User,
) -> Result<TrainingRecord> {
    let store = state.store();
    let mut workshops = Vec::new();
    for workshop in store.workshops().await? {
        let takes_part = store
            .participants(workshop.id)
            .await?
            .iter()
            .any(|p| p.user_id == person.id);
        if !takes_part {
            continue;
        }
        let Some(record) = participant_records(state.store(), &signed_in.caller, &workshop)
            .await?
            .into_iter()
            .find(|r| r.participant.user_id == person.id)
        else {
            continue;
        };
        let released = store.assessments_released_at(workshop.id).await?.is_some();
        let assessments = if released {
            store
                .facilitator_assessments(workshop.id)
                .await?
                .into_iter()
                .filter(|a| a.participant_id == person.id)
                .map(|a| AssessmentRecord {
                    facilitator: a.facilitator_name.clone(),
                    criteria: Criterion::ALL
                        .iter()
                        .enumerate()
                        .map(|(i, c)| CriterionRecord {
                            criterion: c.as_str().to_owned(),
                            score: a.rubric.scores[i],
                            comment: a.rubric.comments[i].clone(),
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let exercises = store.exercises(workshop.id).await?;
        let exercises = store
            .exercise_results(workshop.id)
            .await?
            .into_iter()
            .filter(|r| r.user_id == person.id)
            .map(|r| ExerciseRecord {
                exercise_id: r.exercise_id,
                title: exercises
                    .iter()
                    .find(|e| e.id == r.exercise_id)
                    .map(|e| e.title.clone())
                    .unwrap_or_default(),
                percent: r.percent,
            })
            .collect();
        let completed = record.completion.completed;
        workshops.push(WorkshopRecord {
            workshop_id: workshop.id,
            title: workshop.title.clone(),
            kind: workshop.kind.as_str().to_owned(),
            mode: workshop.mode.as_str().to_owned(),
            start_date: workshop.dates.start().to_string(),
            end_date: workshop.dates.end().to_string(),
            status: record.participant.status.clone(),
            attendance_pct: record.attendance_pct,
            pre_test_pct: record.pre_test_pct,
            post_test_pct: record.post_test_pct,
            completed,
            missing: record
                .completion
                .missing
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            certificate_url: completed.then(|| {
                format!(
                    "/workshops/{}/participants/{}/certificate.pdf",
                    workshop.id,
                    person.email.as_str()
                )
            }),
            assessments_released: released,
            assessments,
            exercises,
        });
    }
    workshops.sort_by(|a, b| {
        a.start_date
            .cmp(&b.start_date)
            .then(a.workshop_id.cmp(&b.workshop_id))
    });
    let completions = store.completions_of(person.id).await?;
    let certificates = store.certificates(Some(person.id)).await?;
    let elearning: Vec<ElearningRecord> = store
        .modules()
        .await?
        .into_iter()
        .map(|module| {
            let completion = completions.iter().find(|c| c.module_id == module.id);
            ElearningRecord {
                completed_on: completion.map(|c| c.completed_on.clone()),
                source: completion.map(|c| c.source.clone()),
                certificates: certificates
                    .iter()
                    .filter(|c| c.module_id == module.id)
                    .map(|c| CertificateRecord {
                        id: c.id,
                        status: c.status.clone(),
                        completed_on: c.completed_on.clone(),
                        uploaded_at: c.uploaded_at.clone(),
                    })
                    .collect(),
                module_id: module.id,
                code: module.code,
                title_en: module.title_en,
                title_fr: module.title_fr,
            }
        })
        .collect();
    Ok(TrainingRecord {
        user_id: person.id.0,
        email: person.email.as_str().to_owned(),
        name: person.name.clone(),
        administration: person.administration.as_ref().map(|c| c.to_string()),
        languages: gedhub_core::training::known_languages(
            store
                .expert_profile(person.id)
                .await?
                .map(|p| p.languages)
                .unwrap_or_default()
                .as_slice(),
            store
                .nominated_languages()
                .await?
                .get(&person.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        ),
        trained: trained_evidence(&workshops, &elearning),
        workshops,
        elearning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workshop(kind: &str, completed: bool, post: Option<f64>) -> WorkshopRecord {
        WorkshopRecord {
            workshop_id: 1,
            title: "W".into(),
            kind: kind.into(),
            mode: "virtual".into(),
            start_date: "2024-04-08".into(),
            end_date: "2024-04-12".into(),
            status: "confirmed".into(),
            attendance_pct: Some(100.0),
            pre_test_pct: None,
            post_test_pct: post,
            completed,
            missing: Vec::new(),
            certificate_url: None,
            assessments_released: false,
            assessments: Vec::new(),
            exercises: Vec::new(),
        }
    }

    fn module(completed_on: Option<&str>) -> ElearningRecord {
        ElearningRecord {
            module_id: 1,
            code: "GED-1".into(),
            title_en: "M".into(),
            title_fr: "M".into(),
            completed_on: completed_on.map(str::to_owned),
            source: completed_on.map(|_| "xapi".to_owned()),
            certificates: Vec::new(),
        }
    }

    #[test]
    fn trained_evidence_needs_a_completed_train_the_trainer_workshop() {
        // A completed national workshop (post-test 80 %) and a train-the-trainer
        // one not completed (65 %): no train-the-trainer completion, best 80.
        let workshops = [
            workshop("national", true, Some(80.0)),
            workshop("train_the_trainer", false, Some(65.0)),
        ];
        let modules = [module(Some("2024-02-12")), module(None)];
        assert_eq!(
            trained_evidence(&workshops, &modules),
            TrainedEvidence {
                completed_train_the_trainer: false,
                elearning_completed: 1,
                elearning_modules: 2,
                best_post_test_pct: Some(80.0),
            }
        );
        let workshops = [
            workshop("train_the_trainer", true, Some(92.5)),
            workshop("regional", false, None),
        ];
        let evidence = trained_evidence(&workshops, &[]);
        assert!(evidence.completed_train_the_trainer);
        assert_eq!(evidence.best_post_test_pct, Some(92.5));
        assert_eq!(
            (evidence.elearning_completed, evidence.elearning_modules),
            (0, 0)
        );
        assert_eq!(trained_evidence(&[], &[]).best_post_test_pct, None);
    }
}
