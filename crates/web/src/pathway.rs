//! The pathway to Recognized GED Expert at the web edge (issue 7): gathers
//! a candidate's facts (training record, recognition), asks the domain's
//! rules what is missing, and records the Secretariat's moves with their
//! notifications. One assembly feeds the page (`/candidates/{user}`) and the
//! API (`/api/v1/candidates/{email}/pathway`).
//!
//! Who sees a pathway: the candidate, the Secretariat and the focal points
//! of the candidate's administration (as for the training record); anyone
//! else, and any account that is not a candidate (a focal point, the
//! Secretariat), gets 404. Only the Secretariat moves people.

use chrono::NaiveDate;
use gedhub_app::pathway::{self as use_cases, is_candidate};
use gedhub_core::pathway::{self, Decision, Facts, Missing, Settings, Stage};
use gedhub_core::{UserId, ValidationError};
use gedhub_store::notifications::{NewEmail, NewNotification};
use gedhub_store::pathway::{NewTransition, PathwayEvent};
use gedhub_store::users::User;
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::i18n::{Locale, recipient_locale};
use crate::state::AppState;
use crate::training_record::{TrainingRecord, training_record, visible_person};

/// The candidate with this id, if the caller may see their pathway (404
/// otherwise, as for an unknown id or an account that is not a candidate).
pub async fn visible_candidate(state: &AppState, signed_in: &SignedIn, id: UserId) -> Result<User> {
    let person = visible_person(state, signed_in, id).await?;
    if is_candidate(&person) {
        Ok(person)
    } else {
        Err(AppError::NotFound)
    }
}

/// Today by the application's clock (tests inject one).
pub fn today(state: &AppState) -> NaiveDate {
    NaiveDate::parse_from_str(&state.today(), "%Y-%m-%d").unwrap_or_default()
}

/// A candidate's pathway as the caller may see it.
pub struct CandidatePathway {
    pub person: User,
    /// The latest recorded stage.
    pub recorded: Stage,
    /// The stage today: `lapsed` when a recognition ended unrecorded.
    pub stage: Stage,
    pub history: Vec<PathwayEvent>,
    pub facts: Facts,
    pub settings: Settings,
    pub record: TrainingRecord,
    /// The next stage on the main line and what it still needs.
    pub next: Option<Stage>,
    pub missing: Vec<Missing>,
}

/// Reads the facts the rules need from the person's training record and
/// recognition.
async fn gather(
    state: &AppState,
    signed_in: &SignedIn,
    person: &User,
) -> Result<(TrainingRecord, Facts)> {
    let record = training_record(state, signed_in, person).await?;
    let recognition = state.store().recognition(person.id).await?;
    let recognized_on = recognition.as_ref().map(|r| r.recognized_on.clone());
    let missions = state
        .store()
        .mission_facts()
        .await?
        .remove(&person.id)
        .unwrap_or_default();
    let facts = Facts {
        nominated: !record.workshops.is_empty(),
        completed_train_the_trainer: record.trained.completed_train_the_trainer,
        elearning_completed: record.trained.elearning_completed,
        elearning_modules: record.trained.elearning_modules,
        best_post_test_pct: record.trained.best_post_test_pct,
        assigned_to_mission: missions.co_facilitated,
        positive_evaluation: missions.positively_evaluated,
        // Since the recognition being renewed: a workshop completed (a
        // refresher) or a mission delivered that started after it.
        renewal_activity: recognized_on.as_deref().is_some_and(|since| {
            record
                .workshops
                .iter()
                .any(|w| w.completed && w.start_date.as_str() > since)
                || missions
                    .delivered_starts
                    .iter()
                    .any(|start| start.as_str() > since)
        }),
        recognition_valid_until: recognition
            .as_ref()
            .and_then(|r| NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").ok()),
    };
    Ok((record, facts))
}

pub async fn candidate_pathway(
    state: &AppState,
    signed_in: &SignedIn,
    person: User,
) -> Result<CandidatePathway> {
    let store = state.store();
    let (record, facts) = gather(state, signed_in, &person).await?;
    let settings = store.pathway_settings().await?;
    let recorded = store.pathway_stage(person.id).await?;
    let today = today(state);
    let stage = pathway::effective_stage(recorded, facts.recognition_valid_until, today);
    let next = stage.next();
    let missing = next.map_or_else(Vec::new, |next| {
        pathway::missing(stage, next, &facts, &settings, today)
    });
    Ok(CandidatePathway {
        history: store.pathway_history(person.id).await?,
        person,
        recorded,
        stage,
        facts,
        settings,
        record,
        next,
        missing,
    })
}

/// The facts as recorded with a move (the evidence).
#[derive(Serialize, ToSchema)]
pub struct Evidence {
    pub nominated: bool,
    pub completed_train_the_trainer: bool,
    pub elearning_completed: usize,
    pub elearning_modules: usize,
    pub best_post_test_pct: Option<f64>,
    pub trained_post_test_pct: f64,
    pub recognition_valid_until: Option<String>,
}

fn evidence(facts: &Facts, settings: &Settings) -> serde_json::Value {
    serde_json::to_value(Evidence {
        nominated: facts.nominated,
        completed_train_the_trainer: facts.completed_train_the_trainer,
        elearning_completed: facts.elearning_completed,
        elearning_modules: facts.elearning_modules,
        best_post_test_pct: facts.best_post_test_pct,
        trained_post_test_pct: settings.trained_post_test_pct,
        recognition_valid_until: facts.recognition_valid_until.map(|d| d.to_string()),
    })
    .unwrap_or(serde_json::Value::Null)
}

/// What the Secretariat asks for.
pub struct Request {
    pub to: Stage,
    pub reason: String,
    pub override_missing: bool,
}

/// Why a move was refused.
pub enum Refusal {
    /// The graph has no such move (409 `stage_not_reachable`).
    NotAllowed { from: Stage },
    /// Prerequisites are missing (422, one error per missing code).
    Missing(Vec<Missing>),
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::NotAllowed { .. } => AppError::Conflict("stage_not_reachable"),
            Refusal::Missing(missing) => AppError::Invalid(
                missing
                    .into_iter()
                    .map(|m| ValidationError::new("to", m.as_str()))
                    .collect(),
            ),
        }
    }
}

/// Moves `person` as the Secretariat asked. A recognition that ended
/// without a recorded lapse is recorded as lapsed first, so the history
/// shows why a renewal was needed. `Ok(Err(refusal))` when the rules say
/// no; the caller renders it.
pub async fn transition(
    state: &AppState,
    signed_in: &SignedIn,
    person: &User,
    request: Request,
) -> Result<std::result::Result<PathwayEvent, Refusal>> {
    use_cases::require_mover(&signed_in.caller)?;
    // Taking someone off the pathway ends their recognition and revokes
    // its credential: it needs a written reason, which also confirms it.
    if request.to == Stage::Withdrawn && request.reason.trim().is_empty() {
        return Err(AppError::Invalid(vec![ValidationError::new(
            "reason",
            "withdrawal_reason_required",
        )]));
    }
    record_move(state, signed_in, person, request).await
}

/// Makes a move the rules allow, as `signed_in`, without checking who they
/// are: for the consequences of another authorized action (a mission's
/// assignment or positive evaluation), never for a user's own request.
pub(crate) async fn record_move(
    state: &AppState,
    signed_in: &SignedIn,
    person: &User,
    request: Request,
) -> Result<std::result::Result<PathwayEvent, Refusal>> {
    let store = state.store();
    let (_, facts) = gather(state, signed_in, person).await?;
    let settings = store.pathway_settings().await?;
    let today = today(state);
    let mut from = store.pathway_stage(person.id).await?;
    let effective = pathway::effective_stage(from, facts.recognition_valid_until, today);
    let reason = request.reason.trim().to_owned();
    let override_reason = request.override_missing.then_some(reason.as_str());
    let decision = pathway::decide(
        effective,
        request.to,
        &facts,
        &settings,
        today,
        override_reason,
    );
    let overridden = match decision {
        Decision::NotAllowed => return Ok(Err(Refusal::NotAllowed { from: effective })),
        Decision::Missing(missing) => return Ok(Err(Refusal::Missing(missing))),
        Decision::ReasonRequired => {
            return Err(AppError::Invalid(vec![ValidationError::new(
                "reason",
                "override_reason_required",
            )]));
        }
        Decision::Allowed { overridden } => overridden,
    };
    if effective != from {
        store
            .record_transition(
                &signed_in.actor(),
                NewTransition {
                    user_id: person.id,
                    from,
                    to: effective,
                    reason: String::new(),
                    overridden: Vec::new(),
                    evidence: evidence(&facts, &settings),
                    on: today,
                    notifications: Vec::new(),
                    emails: Vec::new(),
                },
            )
            .await?;
        from = effective;
    }
    let (notifications, emails) = announce(person, request.to);
    let actor = signed_in.actor();
    let event = store
        .record_transition(
            &signed_in.actor(),
            NewTransition {
                user_id: person.id,
                from,
                to: request.to,
                reason,
                overridden: overridden.iter().map(|m| m.as_str().to_owned()).collect(),
                evidence: evidence(&facts, &settings),
                on: today,
                notifications,
                emails,
            },
        )
        .await?;
    // The recognition's verifiable credential follows it: issued on
    // recognition (replacing a previous one), revoked on withdrawal.
    match event.to {
        Stage::Recognized => {
            if let Some(recognition) = store.recognition(person.id).await? {
                crate::credentials::issue_recognition_credential(state, &actor, &recognition)
                    .await?;
            }
        }
        Stage::Withdrawn => {
            crate::credentials::revoke_recognition_credentials(state, &actor, person.id).await?;
        }
        _ => {}
    }
    Ok(Ok(event))
}

/// The notification (and e-mail) a move sends the candidate, in their
/// language: the invitation, recognition and the Champion designation are
/// news they must hear of; the other moves are visible on their page.
fn announce(person: &User, to: Stage) -> (Vec<NewNotification>, Vec<NewEmail>) {
    if !matches!(to, Stage::Invited | Stage::Recognized | Stage::Champion) {
        return (Vec::new(), Vec::new());
    }
    let locale = recipient_locale(person, None);
    let link = format!("/candidates/{}", person.id.0);
    let stage = to.as_str().replace('_', "-");
    let subject = locale.t(&format!("pathway-notice-{stage}-subject"));
    let body = locale.t(&format!("pathway-notice-{stage}-body"));
    (
        vec![NewNotification {
            user_id: person.id,
            subject: subject.clone(),
            body: body.clone(),
            link: link.clone(),
        }],
        vec![NewEmail {
            recipient: person.email.as_str().to_owned(),
            recipient_name: person.name.clone(),
            subject,
            body: format!("{body}\n\n{link}"),
        }],
    )
}

/// A stage's name in `locale`: the Secretariat's label when it gave one,
/// else the standard translation (in its inclusive form where the language
/// has one, as it names no one in particular).
pub fn stage_label(
    locale: &Locale,
    labels: &std::collections::HashMap<(Stage, String), String>,
    stage: Stage,
) -> String {
    person_stage_label(locale, labels, stage, None)
}

/// [`stage_label`] for one person's stage ("Experte EGD reconnue"), agreeing
/// with their recorded sex (`users.sex`; unknown: the inclusive form).
pub fn person_stage_label(
    locale: &Locale,
    labels: &std::collections::HashMap<(Stage, String), String>,
    stage: Stage,
    sex: Option<&str>,
) -> String {
    labels
        .get(&(stage, locale.code().to_owned()))
        .cloned()
        .unwrap_or_else(|| {
            locale.t_person(
                &format!("pathway-stage-{}", stage.as_str().replace('_', "-")),
                sex,
            )
        })
}

/// One candidate of a workshop in the Secretariat's selection view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SelectionRow {
    pub rank: usize,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    /// The nominating administration's code.
    pub administration: Option<String>,
    /// Its WCO region code (e.g. `WCA`).
    pub region: Option<String>,
    /// As given in the nomination.
    pub languages: String,
    /// The composite, 0–100.
    pub composite: f64,
    pub post_test_pct: Option<f64>,
    pub pre_test_pct: Option<f64>,
    pub attendance_pct: Option<f64>,
    pub exercise_pct: Option<f64>,
    /// Mean of the facilitators' 1–5 scores.
    pub rubric_mean: Option<f64>,
    /// The candidate's pathway stage today.
    pub stage: String,
}

/// The selection view of a workshop: its confirmed participants ranked by
/// the composite of [`pathway::composite`] with the configured weights.
/// The Secretariat's alone (the handler checks).
pub async fn selection(
    state: &AppState,
    signed_in: &SignedIn,
    workshop_id: i64,
) -> Result<(Settings, Vec<SelectionRow>)> {
    let store = state.store();
    let workshop = store.workshop(workshop_id).await?;
    let settings = store.pathway_settings().await?;
    let records =
        gedhub_app::training::participant_records(store, &signed_in.caller, &workshop).await?;
    let scores = store.candidate_scores(workshop_id).await?;
    let stages = store.pathway_stages().await?;
    let recognitions = store.recognitions().await?;
    let regions: std::collections::HashMap<String, String> = store
        .administrations(&Default::default())
        .await?
        .into_iter()
        .map(|a| (a.code.to_string(), a.region.as_str().to_owned()))
        .collect();
    let today = today(state);
    let confirmed: Vec<_> = records
        .into_iter()
        .filter(|r| r.participant.is_confirmed())
        .collect();
    let measures: Vec<pathway::Measures> = confirmed
        .iter()
        .map(|r| {
            let score = scores.iter().find(|s| s.user_id == r.participant.user_id);
            pathway::Measures {
                post_test_pct: r.post_test_pct,
                pre_test_pct: r.pre_test_pct,
                attendance_pct: r.attendance_pct,
                exercise_pct: score.and_then(|s| s.exercise_pct),
                rubric_mean: score.and_then(|s| s.rubric_mean),
            }
        })
        .collect();
    let rows = pathway::rank(&measures, &settings.weights)
        .into_iter()
        .enumerate()
        .map(|(position, (index, composite))| {
            let record = &confirmed[index];
            let m = &measures[index];
            let user_id = record.participant.user_id;
            let valid_until = recognitions
                .iter()
                .find(|r| r.user_id == user_id)
                .and_then(|r| NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").ok());
            let recorded = stages.get(&user_id).copied().unwrap_or(Stage::Nominated);
            SelectionRow {
                rank: position + 1,
                user_id: user_id.0,
                email: record.participant.email.clone(),
                name: record.participant.name.clone(),
                region: record
                    .participant
                    .administration
                    .as_ref()
                    .and_then(|code| regions.get(code).cloned()),
                administration: record.participant.administration.clone(),
                languages: record.participant.languages.clone(),
                composite,
                post_test_pct: m.post_test_pct,
                pre_test_pct: m.pre_test_pct,
                attendance_pct: m.attendance_pct,
                exercise_pct: m.exercise_pct,
                rubric_mean: m.rubric_mean,
                stage: pathway::effective_stage(recorded, valid_until, today)
                    .as_str()
                    .to_owned(),
            }
        })
        .collect();
    Ok((settings, rows))
}
