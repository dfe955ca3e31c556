//! A workshop's details, facilitators, agenda, session attendance,
//! exercises and the facilitators' assessments (issue 6): the use cases the
//! workshop page's forms and the `/api/v1/workshops/{workshop}/…` endpoints
//! share.
//!
//! Access: every signed-in reader of a workshop reads its agenda. The
//! Secretariat edits the workshop, assigns facilitators and releases the
//! assessments. The Secretariat and the workshop's facilitators build the
//! agenda and record attendance, exercises and assessments; for anyone else
//! those use cases answer `NotFound`. A participant reads their own
//! assessments, and a focal point their nominees', once released.

use chrono::NaiveTime;
use gedhub_core::authz::training as policy;
use gedhub_core::training::{CompletionRules, ExerciseKind, ExerciseScale};
use gedhub_core::{Email, UserId, ValidationError, parse_date};
use gedhub_store::Store;
use gedhub_store::agenda::{
    CandidateScores, Exercise, Facilitator, FacilitatorAssessment, MaterialFile, NewSession,
    ResultFor, RubricScores, Session, WorkshopUpdate,
};
use gedhub_store::training::{Participant, Workshop};

use super::{ParticipantRecord, facilitated, facilitates, managed, visible_participant};
use crate::caller::Caller;
use crate::error::{AppError, Problems, Result};

/// `HH:MM` (or `HH:MM:SS`, as some browsers send).
pub fn parse_time(
    field: &'static str,
    text: &str,
) -> std::result::Result<NaiveTime, ValidationError> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map_err(|_| ValidationError::new(field, "agenda_invalid_time"))
}

/// A number typed in a form ("12,5" accepted); empty is `None`.
pub fn optional_number(
    field: &'static str,
    text: &str,
) -> std::result::Result<Option<f64>, ValidationError> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| ValidationError::new(field, "exercise_invalid_number")),
    }
}

/// A participant of the workshop by e-mail: a confirmed participant, else
/// `not_a_participant`.
pub async fn confirmed_participant(
    store: &Store,
    workshop: &Workshop,
    email: &str,
) -> Result<UserId> {
    let email = Email::parse(email)?;
    store
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.email == email.as_str() && p.is_confirmed())
        .map(|p| p.user_id)
        .ok_or_else(|| ValidationError::new("email", "not_a_participant").into())
}

// ----- the workshop's details and facilitators ------------------------------------

/// The editable details as typed.
#[derive(Debug, Clone, Default)]
pub struct DetailsFields {
    pub title: String,
    pub venue: String,
    pub meeting_link: String,
    pub capacity: String,
    /// Empty: the default rule.
    pub min_attendance_pct: String,
    /// Empty: no post-test required.
    pub min_post_test_pct: String,
}

impl TryFrom<DetailsFields> for WorkshopUpdate {
    type Error = Problems;

    /// Checks the details; every problem at once.
    fn try_from(form: DetailsFields) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let capacity = problems.check(
            form.capacity
                .trim()
                .parse::<u32>()
                .map_err(|_| ValidationError::new("capacity", "invalid_capacity")),
        );
        let attendance = problems
            .check(super::percentage(
                "min_attendance_pct",
                &form.min_attendance_pct,
                None,
            ))
            .map(|v| v.unwrap_or(CompletionRules::DEFAULT.min_attendance_pct));
        let post = problems.check(super::percentage(
            "min_post_test_pct",
            &form.min_post_test_pct,
            None,
        ));
        let rules = match (attendance, post) {
            (Some(attendance), Some(post)) => {
                problems.check(CompletionRules::new(attendance, post))
            }
            _ => None,
        };
        match (capacity, rules) {
            (Some(capacity), Some(rules)) if problems.is_empty() => Ok(WorkshopUpdate {
                title: form.title,
                venue: form.venue,
                meeting_link: form.meeting_link,
                capacity,
                rules,
            }),
            _ => Err(problems),
        }
    }
}

/// Changes a workshop's details (the Secretariat).
pub async fn update_details(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<WorkshopUpdate, Error = Problems>,
) -> Result<Workshop> {
    let workshop = managed(store, caller, id).await?;
    let update = input.try_into()?;
    Ok(store
        .update_workshop(&caller.actor, &workshop, &update)
        .await?)
}

/// Assigns an account as facilitator (the Secretariat).
pub async fn add_facilitator(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<Facilitator> {
    let workshop = managed(store, caller, id).await?;
    let email = Email::parse(email)?;
    Ok(store
        .add_facilitator(&caller.actor, &workshop, &email)
        .await?)
}

/// Removes a facilitator by e-mail (the Secretariat); someone who does not
/// facilitate the workshop is `NotFound`.
pub async fn remove_facilitator(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<()> {
    let workshop = managed(store, caller, id).await?;
    let email = Email::parse(email)?;
    let facilitator = store
        .facilitators(workshop.id)
        .await?
        .into_iter()
        .find(|f| f.email == email.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(store
        .remove_facilitator(&caller.actor, &workshop, facilitator.user_id)
        .await?)
}

// ----- the agenda ----------------------------------------------------------------------

/// The workshop and its sessions, by day and time (every signed-in user).
pub async fn sessions(store: &Store, id: i64) -> Result<(Workshop, Vec<Session>)> {
    let workshop = store.workshop(id).await?;
    let sessions = store.sessions(workshop.id).await?;
    Ok((workshop, sessions))
}

/// A session as typed.
#[derive(Debug, Clone, Default)]
pub struct SessionFields {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub title_en: String,
    pub title_fr: String,
    pub description: String,
}

impl TryFrom<SessionFields> for NewSession {
    type Error = Problems;

    /// Checks the day and times (the store checks them against the
    /// workshop); every problem at once.
    fn try_from(form: SessionFields) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let day = problems.check(parse_date("date", &form.date));
        let start = problems.check(parse_time("start_time", &form.start_time));
        let end = problems.check(parse_time("end_time", &form.end_time));
        match (day, start, end) {
            (Some(day), Some(start), Some(end)) => Ok(NewSession {
                day,
                start,
                end,
                title_en: form.title_en,
                title_fr: form.title_fr,
                description: form.description,
            }),
            _ => Err(problems),
        }
    }
}

/// Adds a session (the Secretariat and the workshop's facilitators).
pub async fn add_session(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<NewSession, Error = Problems>,
) -> Result<Session> {
    let workshop = facilitated(store, caller, id).await?;
    let new = input.try_into()?;
    Ok(store.add_session(&caller.actor, &workshop, &new).await?)
}

/// A session of a workshop the caller facilitates (to add material to).
pub async fn facilitated_session(
    store: &Store,
    caller: &Caller,
    id: i64,
    session_id: i64,
) -> Result<Session> {
    let workshop = facilitated(store, caller, id).await?;
    Ok(store.session(&workshop, session_id).await?)
}

/// Adds a linked material to a session.
pub async fn add_material(
    store: &Store,
    caller: &Caller,
    id: i64,
    session_id: i64,
    title: &str,
    link: &str,
) -> Result<()> {
    let session = facilitated_session(store, caller, id, session_id).await?;
    store
        .add_material(&caller.actor, &session, title, link)
        .await?;
    Ok(())
}

/// Records an uploaded material (its bytes already stored under the
/// file's key) on a session found by [`facilitated_session`].
pub async fn add_material_file(
    store: &Store,
    caller: &Caller,
    session: &Session,
    title: &str,
    file: &MaterialFile,
) -> Result<()> {
    store
        .add_material_file(&caller.actor, session, title, file)
        .await?;
    Ok(())
}

/// An uploaded material's file (any signed-in reader of the agenda).
pub async fn material_file(store: &Store, id: i64, material_id: i64) -> Result<MaterialFile> {
    let workshop = store.workshop(id).await?;
    Ok(store.material_file(workshop.id, material_id).await?)
}

/// Records a session's sheet: `sheet` must name the session (a form sent
/// to the wrong address changes nothing); the confirmed participants whose
/// ids are in `present` attended, every other one did not.
pub async fn record_session_attendance(
    store: &Store,
    caller: &Caller,
    id: i64,
    session_id: i64,
    sheet: Option<&str>,
    present: &[i64],
) -> Result<()> {
    let workshop = facilitated(store, caller, id).await?;
    let session = store.session(&workshop, session_id).await?;
    if sheet != Some(session.id.to_string().as_str()) {
        return Err(ValidationError::new("session", "agenda_unknown_session").into());
    }
    for participant in store.participants(workshop.id).await? {
        if !participant.is_confirmed() {
            continue;
        }
        store
            .set_session_attendance(
                &caller.actor,
                &workshop,
                &session,
                participant.user_id,
                present.contains(&participant.user_id.0),
            )
            .await?;
    }
    Ok(())
}

// ----- exercises -----------------------------------------------------------------------

/// A new exercise: a kind (`individual` or `group`) and a scale (a maximum
/// score, or rubric levels lowest first).
#[derive(Debug, Clone)]
pub struct ExerciseInput {
    pub title: String,
    pub kind: ExerciseKind,
    pub scale: ExerciseScale,
}

/// Adds an exercise (the Secretariat and the workshop's facilitators).
pub async fn add_exercise(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: impl TryInto<ExerciseInput, Error = Problems>,
) -> Result<Exercise> {
    let workshop = facilitated(store, caller, id).await?;
    let input = input.try_into()?;
    Ok(store
        .add_exercise(
            &caller.actor,
            &workshop,
            &input.title,
            input.kind,
            &input.scale,
        )
        .await?)
}

/// Defines (or redefines) one group of a group exercise: its members by
/// e-mail, confirmed participants.
pub async fn set_group(
    store: &Store,
    caller: &Caller,
    id: i64,
    exercise_id: i64,
    group: &str,
    emails: &[String],
) -> Result<()> {
    let workshop = facilitated(store, caller, id).await?;
    let exercise = store.exercise(&workshop, exercise_id).await?;
    let mut members = Vec::new();
    for email in emails {
        members.push(confirmed_participant(store, &workshop, email).await?);
    }
    Ok(store
        .set_exercise_group(&caller.actor, &workshop, &exercise, group, &members)
        .await?)
}

/// A result: for a participant (by e-mail) or a group, a score or a
/// rubric level.
#[derive(Debug, Clone, Default)]
pub struct ResultInput {
    pub email: Option<String>,
    pub group: Option<String>,
    pub score: Option<f64>,
    pub level: Option<u32>,
}

/// Records an exercise's result; returns it in percent.
pub async fn record_result(
    store: &Store,
    caller: &Caller,
    id: i64,
    exercise_id: i64,
    input: impl TryInto<ResultInput, Error = Problems>,
) -> Result<f64> {
    let workshop = facilitated(store, caller, id).await?;
    let exercise = store.exercise(&workshop, exercise_id).await?;
    let input = input.try_into()?;
    let whom = match (input.email, input.group) {
        (Some(email), None) => {
            ResultFor::Participant(confirmed_participant(store, &workshop, &email).await?)
        }
        (None, Some(group)) => ResultFor::Group(group),
        _ => return Err(ValidationError::new("email", "required").into()),
    };
    Ok(store
        .record_exercise_result(
            &caller.actor,
            &workshop,
            &exercise,
            &whom,
            input.score,
            input.level,
        )
        .await?)
}

/// Per confirmed participant, their exercise average and rubric mean (the
/// Secretariat and the workshop's facilitators).
pub async fn candidate_scores(
    store: &Store,
    caller: &Caller,
    id: i64,
) -> Result<Vec<(Participant, CandidateScores)>> {
    let workshop = facilitated(store, caller, id).await?;
    let participants = store.participants(workshop.id).await?;
    Ok(store
        .candidate_scores(workshop.id)
        .await?
        .into_iter()
        .filter_map(|c| {
            let p = participants.iter().find(|p| p.user_id == c.user_id)?;
            Some((p.clone(), c))
        })
        .collect())
}

// ----- facilitators' assessments -------------------------------------------------------

/// A facilitator's assessment as sent: the participant's e-mail and, per
/// criterion (in the order of `Criterion::ALL`), a score and a comment.
#[derive(Debug, Clone, Default)]
pub struct AssessmentInput {
    pub email: String,
    pub scores: [i64; 4],
    pub comments: [String; 4],
}

/// Saves the caller's assessment of a confirmed participant: only an
/// assigned facilitator assesses (`facilitator_not_assigned` for a
/// Secretariat member who is not one); editable until released.
pub async fn save_assessment(
    store: &Store,
    caller: &Caller,
    id: i64,
    input: AssessmentInput,
) -> Result<()> {
    let workshop = facilitated(store, caller, id).await?;
    let participant = confirmed_participant(store, &workshop, &input.email).await?;
    let rubric = RubricScores::new(input.scores, input.comments)?;
    if !store.is_facilitator(workshop.id, caller.user_id).await? {
        return Err(ValidationError::new("email", "facilitator_not_assigned").into());
    }
    Ok(store
        .save_facilitator_assessment(
            &caller.actor,
            &workshop,
            caller.user_id,
            participant,
            &rubric,
        )
        .await?)
}

/// Releases the assessments to participants and their focal points (the
/// Secretariat; `confirmed` is the form's or request's explicit yes,
/// `release: required` without it).
pub async fn release_assessments(
    store: &Store,
    caller: &Caller,
    id: i64,
    confirmed: bool,
) -> Result<()> {
    caller.require(policy::may_manage_training(&caller.principal))?;
    if !confirmed {
        return Err(ValidationError::new("release", "required").into());
    }
    let workshop = store.workshop(id).await?;
    Ok(store
        .release_facilitator_assessments(&caller.actor, &workshop)
        .await?)
}

/// Which assessments the caller may read: all of them for the Secretariat
/// and the workshop's facilitators; once released, those of the
/// participants whose records the caller sees.
pub fn readable_assessments(
    caller: &Caller,
    facilitates: bool,
    released: bool,
    records: &[ParticipantRecord],
    assessments: Vec<FacilitatorAssessment>,
) -> Vec<FacilitatorAssessment> {
    assessments
        .into_iter()
        .filter(|a| {
            facilitates
                || records.iter().any(|r| {
                    r.participant.user_id == a.participant_id
                        && policy::may_read_assessment(
                            &caller.principal,
                            facilitates,
                            released,
                            r.participant.user_id,
                            r.participant.administration.as_deref(),
                        )
                })
        })
        .collect()
}

/// One participant's assessments, and whether they are released: the
/// Secretariat and the workshop's facilitators read them all; the
/// participant and their focal points only once released (none before);
/// anyone else `NotFound`.
pub async fn participant_assessments(
    store: &Store,
    caller: &Caller,
    id: i64,
    email: &str,
) -> Result<(bool, Vec<FacilitatorAssessment>)> {
    let workshop = store.workshop(id).await?;
    let can_facilitate = facilitates(store, caller, &workshop).await?;
    let participant = if can_facilitate {
        let email = Email::parse(email).map_err(|_| AppError::NotFound)?;
        store
            .participants(workshop.id)
            .await?
            .into_iter()
            .find(|p| p.email == email.as_str())
            .ok_or(AppError::NotFound)?
    } else {
        visible_participant(store, caller, &workshop, email).await?
    };
    let released = store.assessments_released_at(workshop.id).await?.is_some();
    let records = super::participant_records(store, caller, &workshop).await?;
    let assessments = readable_assessments(
        caller,
        can_facilitate,
        released,
        &records,
        store.facilitator_assessments(workshop.id).await?,
    )
    .into_iter()
    .filter(|a| a.participant_id == participant.user_id)
    .collect();
    Ok((released, assessments))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_reports_every_bad_day_and_time() {
        let problems = NewSession::try_from(SessionFields {
            date: "tomorrow".into(),
            start_time: "9h".into(),
            end_time: "10:30:00".into(),
            ..SessionFields::default()
        })
        .expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["date", "start_time"]);
    }

    #[test]
    fn details_keep_the_default_attendance_rule_and_read_decimal_commas() {
        let update = WorkshopUpdate::try_from(DetailsFields {
            capacity: "12".into(),
            min_post_test_pct: "62,5".into(),
            ..DetailsFields::default()
        })
        .expect("valid");
        assert_eq!(
            update.rules.min_attendance_pct,
            CompletionRules::DEFAULT.min_attendance_pct
        );
        assert_eq!(update.rules.min_post_test_pct, Some(62.5));
        let problems = WorkshopUpdate::try_from(DetailsFields {
            capacity: "-1".into(),
            min_attendance_pct: "x".into(),
            ..DetailsFields::default()
        })
        .expect_err("refused");
        assert_eq!(problems.iter().count(), 2);
    }
}
