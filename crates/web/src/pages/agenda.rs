//! A workshop's details, facilitators, agenda, session attendance, exercises
//! and the facilitators' assessments (issue 6), on the workshop page.
//!
//! Access: the agenda is shown to every signed-in reader of the workshop
//! page. The Secretariat edits the workshop, assigns facilitators and
//! releases the assessments. The Secretariat and the workshop's facilitators
//! build the agenda, record attendance, exercises and assessments; for
//! anyone else these routes answer 404 (a facilitator of another workshop
//! cannot tell this one's agenda routes from missing ones). A participant
//! reads their own assessments, and a focal point their nominees', once
//! released.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveTime;
use gedhub_core::training::{CompletionRules, Criterion, ExerciseKind, ExerciseScale};
use gedhub_core::{Email, UserId, ValidationError};
use gedhub_store::agenda::{
    FacilitatorAssessment, MaterialFile, NewSession, ResultFor, RubricScores, WorkshopUpdate,
};
use gedhub_store::files::FileStore;
use gedhub_store::training::Workshop;
use serde::Deserialize;

use crate::context::SignedIn;
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath};
use crate::format::number;
use crate::i18n::Locale;
use crate::pages::training::{ParticipantRecord, may_see_participant, require_secretariat};
use crate::state::AppState;
use gedhub_core::parse_date;

/// Whether the caller facilitates this workshop (the Secretariat always may).
pub async fn facilitates(
    state: &AppState,
    signed_in: &SignedIn,
    workshop: &Workshop,
) -> Result<bool> {
    Ok(signed_in.principal.is_secretariat()
        || state
            .store()
            .is_facilitator(workshop.id, signed_in.user.id)
            .await?)
}

/// The Secretariat or a facilitator of this workshop; anyone else 404.
pub async fn require_facilitator(
    state: &AppState,
    signed_in: &SignedIn,
    workshop: &Workshop,
) -> Result<()> {
    if facilitates(state, signed_in, workshop).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

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
fn optional_number(
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
/// `not_a_participant` (422).
pub async fn confirmed_participant(
    state: &AppState,
    workshop: &Workshop,
    email: &str,
) -> Result<UserId> {
    let email = Email::parse(email)?;
    state
        .store()
        .participants(workshop.id)
        .await?
        .into_iter()
        .find(|p| p.email == email.as_str() && p.is_confirmed())
        .map(|p| p.user_id)
        .ok_or_else(|| ValidationError::new("email", "not_a_participant").into())
}

// ---------------------------------------------------------------------------
// What the workshop page shows.

pub struct MaterialRow {
    pub title: String,
    pub link: String,
}

pub struct SessionRow {
    pub id: i64,
    pub time: String,
    pub title: String,
    pub description: String,
    pub materials: Vec<MaterialRow>,
    /// Participants and whether they attended (for the grid).
    pub grid: Vec<GridCell>,
}

pub struct GridCell {
    pub user_id: i64,
    pub name: String,
    pub present: bool,
}

pub struct AgendaDay {
    pub day: String,
    pub sessions: Vec<SessionRow>,
}

pub struct FacilitatorRow {
    pub name: String,
    pub email: String,
}

pub struct ExerciseRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub is_group: bool,
    /// "out of 20" or the levels, lowest first.
    pub scale: String,
    pub levels: Vec<(u32, String)>,
    pub groups: Vec<String>,
    pub results: Vec<(String, String)>,
}

pub struct AssessmentRow {
    pub participant: String,
    pub facilitator: String,
    /// Criterion label, score, comment.
    pub criteria: Vec<(String, u8, String)>,
}

pub struct CandidateRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub exercise_pct: String,
    pub rubric_mean: String,
}

/// The agenda part of the workshop page.
pub struct AgendaView {
    pub days: Vec<AgendaDay>,
    pub has_sessions: bool,
    pub facilitators: Vec<FacilitatorRow>,
    /// Secretariat or facilitator of this workshop.
    pub can_facilitate: bool,
    pub is_secretariat: bool,
    pub workshop_days: Vec<String>,
    pub exercises: Vec<ExerciseRow>,
    pub candidates: Vec<CandidateRow>,
    pub criteria: Vec<(String, String)>,
    pub released: bool,
    /// The assessments the reader may see.
    pub assessments: Vec<AssessmentRow>,
    /// Values of the edit form.
    pub edit_title: String,
    pub edit_venue: String,
    pub edit_link: String,
    pub edit_capacity: u32,
    pub edit_attendance: String,
    pub edit_post_test: String,
}

/// Where a material is read: its link, or the download route of its file.
pub fn material_href(workshop_id: i64, material: &gedhub_store::agenda::Material) -> String {
    if material.file_name.is_empty() {
        material.link.clone()
    } else {
        format!("/workshops/{workshop_id}/materials/{}/file", material.id)
    }
}

fn pct(value: Option<f64>, locale: &Locale) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |v| format!("{}\u{a0}%", number(v, locale)),
    )
}

fn criterion_label(locale: &Locale, criterion: Criterion) -> String {
    locale.t(&format!("rubric-criterion-{}", criterion.as_str()))
}

/// Which assessments the caller may read: all of them for the Secretariat
/// and the workshop's facilitators; once released, a participant's own and
/// a focal point's nominees'.
pub fn readable_assessments(
    signed_in: &SignedIn,
    facilitates: bool,
    released: bool,
    records: &[ParticipantRecord],
    assessments: Vec<FacilitatorAssessment>,
) -> Vec<FacilitatorAssessment> {
    if facilitates {
        return assessments;
    }
    if !released {
        return Vec::new();
    }
    assessments
        .into_iter()
        .filter(|a| {
            records.iter().any(|r| {
                r.participant.user_id == a.participant_id
                    && may_see_participant(signed_in, &r.participant)
            })
        })
        .collect()
}

/// Builds the agenda part of the workshop page for the caller.
pub async fn agenda_view(
    state: &AppState,
    signed_in: &SignedIn,
    locale: &Locale,
    workshop: &Workshop,
    records: &[ParticipantRecord],
) -> Result<AgendaView> {
    let store = state.store();
    let can_facilitate = facilitates(state, signed_in, workshop).await?;
    let sessions = store.sessions(workshop.id).await?;
    let present = store.sessions_present(workshop.id).await?;
    let confirmed: Vec<&ParticipantRecord> = records
        .iter()
        .filter(|r| r.participant.is_confirmed())
        .collect();
    let mut days: Vec<AgendaDay> = Vec::new();
    for session in &sessions {
        let row = SessionRow {
            id: session.id,
            time: format!("{}–{}", session.start_time, session.end_time),
            title: session.title(&locale.code()).to_owned(),
            description: session.description.clone(),
            materials: session
                .materials
                .iter()
                .map(|m| MaterialRow {
                    title: m.title.clone(),
                    link: material_href(workshop.id, m),
                })
                .collect(),
            grid: if can_facilitate {
                confirmed
                    .iter()
                    .map(|r| GridCell {
                        user_id: r.participant.user_id.0,
                        name: r.participant.name.clone(),
                        present: present
                            .get(&r.participant.user_id.0)
                            .is_some_and(|s| s.contains(&session.id)),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        };
        let day = session.day.to_string();
        match days.last_mut() {
            Some(last) if last.day == day => last.sessions.push(row),
            _ => days.push(AgendaDay {
                day,
                sessions: vec![row],
            }),
        }
    }
    let exercises = if can_facilitate {
        let results = store.exercise_results(workshop.id).await?;
        let mut rows = Vec::new();
        for exercise in store.exercises(workshop.id).await? {
            let groups = store.exercise_groups(exercise.id).await?;
            let (scale, levels) = match &exercise.scale {
                ExerciseScale::MaxScore(max) => (
                    locale.t_args("exercise-out-of", &[("max", number(*max, locale))]),
                    Vec::new(),
                ),
                ExerciseScale::Rubric(levels) => (
                    levels.join(" < "),
                    levels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(0), l.clone()))
                        .collect(),
                ),
            };
            rows.push(ExerciseRow {
                id: exercise.id,
                title: exercise.title.clone(),
                kind: locale.t(&format!("exercise-kind-{}", exercise.kind.as_str())),
                is_group: exercise.kind == ExerciseKind::Group,
                scale,
                levels,
                groups: groups.iter().map(|(name, _)| name.clone()).collect(),
                results: results
                    .iter()
                    .filter(|r| r.exercise_id == exercise.id)
                    .map(|r| {
                        let name = records
                            .iter()
                            .find(|p| p.participant.user_id == r.user_id)
                            .map(|p| p.participant.name.clone())
                            .unwrap_or_default();
                        let group = if r.group.is_empty() {
                            name
                        } else {
                            format!("{name} ({})", r.group)
                        };
                        (group, pct(Some(r.percent), locale))
                    })
                    .collect(),
            });
        }
        rows
    } else {
        Vec::new()
    };
    let candidates = if can_facilitate {
        store
            .candidate_scores(workshop.id)
            .await?
            .into_iter()
            .filter_map(|c| {
                let record = confirmed
                    .iter()
                    .find(|r| r.participant.user_id == c.user_id)?;
                Some(CandidateRow {
                    user_id: c.user_id.0,
                    name: record.participant.name.clone(),
                    email: record.participant.email.clone(),
                    exercise_pct: pct(c.exercise_pct, locale),
                    rubric_mean: c
                        .rubric_mean
                        .map_or_else(|| "–".to_owned(), |m| number(m, locale)),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let released = store.assessments_released_at(workshop.id).await?.is_some();
    let assessments = readable_assessments(
        signed_in,
        can_facilitate,
        released,
        records,
        store.facilitator_assessments(workshop.id).await?,
    )
    .into_iter()
    .map(|a| AssessmentRow {
        participant: records
            .iter()
            .find(|r| r.participant.user_id == a.participant_id)
            .map(|r| r.participant.name.clone())
            .unwrap_or_default(),
        facilitator: a.facilitator_name.clone(),
        criteria: Criterion::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    criterion_label(locale, *c),
                    a.rubric.scores[i],
                    a.rubric.comments[i].clone(),
                )
            })
            .collect(),
    })
    .collect();
    Ok(AgendaView {
        has_sessions: !days.is_empty(),
        days,
        facilitators: store
            .facilitators(workshop.id)
            .await?
            .into_iter()
            .map(|f| FacilitatorRow {
                name: f.name,
                email: f.email,
            })
            .collect(),
        can_facilitate,
        is_secretariat: signed_in.principal.is_secretariat(),
        workshop_days: workshop.dates.each_day().map(|d| d.to_string()).collect(),
        exercises,
        candidates,
        criteria: Criterion::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), criterion_label(locale, *c)))
            .collect(),
        released,
        assessments,
        edit_title: workshop.title.clone(),
        edit_venue: workshop.venue.clone(),
        edit_link: workshop.meeting_link.clone(),
        edit_capacity: workshop.capacity,
        edit_attendance: workshop.rules.min_attendance_pct.to_string(),
        edit_post_test: workshop
            .rules
            .min_post_test_pct
            .map(|v| v.to_string())
            .unwrap_or_default(),
    })
}

// ---------------------------------------------------------------------------
// Forms.

#[derive(Deserialize)]
pub struct DetailsForm {
    pub title: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub meeting_link: String,
    pub capacity: String,
    #[serde(default)]
    pub min_attendance_pct: String,
    /// Empty: no post-test required.
    #[serde(default)]
    pub min_post_test_pct: String,
}

/// Checks the edit form; every problem at once.
pub fn workshop_update(form: &DetailsForm) -> Result<WorkshopUpdate> {
    let mut problems = Vec::new();
    let capacity = form
        .capacity
        .trim()
        .parse::<u32>()
        .map_err(|_| problems.push(ValidationError::new("capacity", "invalid_capacity")))
        .ok();
    let percentage = |field: &'static str, text: &str| match text.trim() {
        "" => Ok(None),
        text => text
            .replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| ValidationError::new(field, "not_a_percentage")),
    };
    let attendance = percentage("min_attendance_pct", &form.min_attendance_pct)
        .map_err(|e| problems.push(e))
        .ok()
        .map(|v| v.unwrap_or(CompletionRules::DEFAULT.min_attendance_pct));
    let post = percentage("min_post_test_pct", &form.min_post_test_pct)
        .map_err(|e| problems.push(e))
        .ok();
    let rules = match (attendance, post) {
        (Some(attendance), Some(post)) => CompletionRules::new(attendance, post)
            .map_err(|e| problems.push(e))
            .ok(),
        _ => None,
    };
    match (capacity, rules) {
        (Some(capacity), Some(rules)) if problems.is_empty() => Ok(WorkshopUpdate {
            title: form.title.clone(),
            venue: form.venue.clone(),
            meeting_link: form.meeting_link.clone(),
            capacity,
            rules,
        }),
        _ => Err(AppError::Invalid(problems)),
    }
}

/// `POST /workshops/{workshop}/details` (Secretariat).
pub async fn update_details(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<DetailsForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    let workshop = state.store().workshop(id).await?;
    state
        .store()
        .update_workshop(&signed_in.actor(), &workshop, &workshop_update(&form)?)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct EmailForm {
    pub email: String,
}

/// `POST /workshops/{workshop}/facilitators` (Secretariat).
pub async fn add_facilitator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<EmailForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    let workshop = state.store().workshop(id).await?;
    state
        .store()
        .add_facilitator(&signed_in.actor(), &workshop, &Email::parse(&form.email)?)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#facilitators")).into_response())
}

/// `POST /workshops/{workshop}/facilitators/remove` (Secretariat): by e-mail;
/// someone who does not facilitate the workshop is a 404.
pub async fn remove_facilitator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<EmailForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    let workshop = state.store().workshop(id).await?;
    let email = Email::parse(&form.email)?;
    let facilitator = state
        .store()
        .facilitators(workshop.id)
        .await?
        .into_iter()
        .find(|f| f.email == email.as_str())
        .ok_or(AppError::NotFound)?;
    state
        .store()
        .remove_facilitator(&signed_in.actor(), &workshop, facilitator.user_id)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#facilitators")).into_response())
}

#[derive(Deserialize, Default)]
pub struct SessionForm {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub title_en: String,
    #[serde(default)]
    pub title_fr: String,
    #[serde(default)]
    pub description: String,
}

/// Checks a submitted session's fields (the day and times are checked
/// against the workshop by the store).
pub fn new_session(form: &SessionForm) -> Result<NewSession> {
    let mut problems = Vec::new();
    let day = parse_date("date", &form.date)
        .map_err(|e| problems.push(e))
        .ok();
    let start = parse_time("start_time", &form.start_time)
        .map_err(|e| problems.push(e))
        .ok();
    let end = parse_time("end_time", &form.end_time)
        .map_err(|e| problems.push(e))
        .ok();
    match (day, start, end) {
        (Some(day), Some(start), Some(end)) => Ok(NewSession {
            day,
            start,
            end,
            title_en: form.title_en.clone(),
            title_fr: form.title_fr.clone(),
            description: form.description.clone(),
        }),
        _ => Err(AppError::Invalid(problems)),
    }
}

/// `POST /workshops/{workshop}/sessions` (Secretariat, facilitators).
pub async fn add_session(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<SessionForm>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    state
        .store()
        .add_session(&signed_in.actor(), &workshop, &new_session(&form)?)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#agenda")).into_response())
}

#[derive(Deserialize)]
pub struct MaterialForm {
    pub title: String,
    pub link: String,
}

/// `POST /workshops/{workshop}/sessions/{session}/materials`.
pub async fn add_material(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, session_id)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<MaterialForm>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let session = state.store().session(&workshop, session_id).await?;
    state
        .store()
        .add_material(&signed_in.actor(), &session, &form.title, &form.link)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#agenda")).into_response())
}

/// `POST /workshops/{workshop}/sessions/{session}/material-files`: a
/// multipart form with `title` and `file`, checked like evidence files
/// (size, accepted types by content).
pub async fn upload_material(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, session_id)): AppPath<(i64, i64)>,
    mut multipart: Multipart,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let session = state.store().session(&workshop, session_id).await?;
    let document = crate::uploads::read_titled_document(&mut multipart).await?;
    let key = FileStore::new_key()?;
    state.files().put(&key, &document.bytes).await?;
    state
        .store()
        .add_material_file(
            &signed_in.actor(),
            &session,
            &document.title,
            &MaterialFile {
                file_name: document.file_name.clone(),
                content_type: document.content_type.to_owned(),
                size_bytes: document.size_bytes(),
                storage_key: key,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#agenda")).into_response())
}

/// `GET /workshops/{workshop}/materials/{material}/file`: any signed-in
/// reader of the agenda; always as a download.
pub async fn download_material(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    AppPath((id, material_id)): AppPath<(i64, i64)>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    let file = state
        .store()
        .material_file(workshop.id, material_id)
        .await?;
    let bytes = state.files().get(&file.storage_key).await?;
    Ok(crate::views::download(
        bytes,
        &file.content_type,
        &file.file_name,
    ))
}

/// `POST /workshops/{workshop}/sessions/{session}/attendance`: `sheet` (the
/// session id) and one `present` field per participant present; every other confirmed
/// participant is recorded absent from the session.
pub async fn record_session_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, session_id)): AppPath<(i64, i64)>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let session = state.store().session(&workshop, session_id).await?;
    // The sheet names its session, so a form sent to the wrong address
    // changes nothing.
    let sheet = fields
        .iter()
        .find(|(key, _)| key == "sheet")
        .map(|(_, value)| value.trim());
    if sheet != Some(session.id.to_string().as_str()) {
        return Err(ValidationError::new("session", "agenda_unknown_session").into());
    }
    let present: Vec<i64> = fields
        .iter()
        .filter(|(key, _)| key == "present")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    for participant in state.store().participants(workshop.id).await? {
        if !participant.is_confirmed() {
            continue;
        }
        state
            .store()
            .set_session_attendance(
                &signed_in.actor(),
                &workshop,
                &session,
                participant.user_id,
                present.contains(&participant.user_id.0),
            )
            .await?;
    }
    Ok(Redirect::to(&format!("/workshops/{id}#agenda")).into_response())
}

#[derive(Deserialize)]
pub struct ExerciseForm {
    pub title: String,
    /// `individual` or `group`.
    pub kind: String,
    /// Empty for a rubric.
    #[serde(default)]
    pub max_score: String,
    /// One level a line, lowest first; empty for a scored exercise.
    #[serde(default)]
    pub levels: String,
}

/// `POST /workshops/{workshop}/exercises`.
pub async fn add_exercise(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ExerciseForm>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let kind = ExerciseKind::parse(&form.kind)?;
    let levels: Vec<String> = form.levels.lines().map(str::to_owned).collect();
    let scale = ExerciseScale::new(optional_number("max_score", &form.max_score)?, &levels)?;
    state
        .store()
        .add_exercise(&signed_in.actor(), &workshop, &form.title, kind, &scale)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#exercises")).into_response())
}

/// `POST /workshops/{workshop}/exercises/{exercise}/groups`: `group` and one
/// `member` field (an e-mail) per member.
pub async fn set_group(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, exercise_id)): AppPath<(i64, i64)>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let exercise = state.store().exercise(&workshop, exercise_id).await?;
    let group = fields
        .iter()
        .find(|(key, _)| key == "group")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let mut members: Vec<UserId> = Vec::new();
    for (_, email) in fields.iter().filter(|(key, _)| key == "member") {
        members.push(confirmed_participant(&state, &workshop, email).await?);
    }
    state
        .store()
        .set_exercise_group(&signed_in.actor(), &workshop, &exercise, &group, &members)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#exercises")).into_response())
}

#[derive(Deserialize)]
pub struct ResultForm {
    /// The participant's e-mail (individual exercise) …
    #[serde(default)]
    pub email: String,
    /// … or the group (group exercise).
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub level: String,
}

/// `POST /workshops/{workshop}/exercises/{exercise}/results`.
pub async fn record_result(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, exercise_id)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<ResultForm>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let exercise = state.store().exercise(&workshop, exercise_id).await?;
    let whom = if form.group.trim().is_empty() {
        ResultFor::Participant(confirmed_participant(&state, &workshop, &form.email).await?)
    } else {
        ResultFor::Group(form.group.clone())
    };
    let level = match form.level.trim() {
        "" => None,
        text => Some(
            text.parse::<u32>()
                .map_err(|_| ValidationError::new("level", "rubric_unknown_level"))?,
        ),
    };
    state
        .store()
        .record_exercise_result(
            &signed_in.actor(),
            &workshop,
            &exercise,
            &whom,
            optional_number("score", &form.score)?,
            level,
        )
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#exercises")).into_response())
}

/// Saves the caller's assessment: only an assigned facilitator assesses
/// (`facilitator_not_assigned` for a Secretariat member who is not one).
pub async fn save_assessment_as(
    state: &AppState,
    signed_in: &SignedIn,
    workshop: &Workshop,
    participant: UserId,
    rubric: &RubricScores,
) -> Result<()> {
    if !state
        .store()
        .is_facilitator(workshop.id, signed_in.user.id)
        .await?
    {
        return Err(ValidationError::new("email", "facilitator_not_assigned").into());
    }
    state
        .store()
        .save_facilitator_assessment(
            &signed_in.actor(),
            workshop,
            signed_in.user.id,
            participant,
            rubric,
        )
        .await?;
    Ok(())
}

/// `POST /workshops/{workshop}/assessments`: `email`, and per criterion
/// `<criterion>` (1–5) and `<criterion>_comment`.
pub async fn save_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let workshop = state.store().workshop(id).await?;
    require_facilitator(&state, &signed_in, &workshop).await?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let participant = confirmed_participant(&state, &workshop, &field("email")).await?;
    let mut scores = [0i64; 4];
    let mut comments: [String; 4] = Default::default();
    for (index, criterion) in Criterion::ALL.iter().enumerate() {
        scores[index] = field(criterion.as_str()).parse().unwrap_or(0);
        comments[index] = field(&format!("{}_comment", criterion.as_str()));
    }
    let rubric = RubricScores::new(scores, comments)?;
    save_assessment_as(&state, &signed_in, &workshop, participant, &rubric).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#assessments")).into_response())
}

#[derive(Deserialize)]
pub struct ReleaseForm {
    /// `yes`: the button says what it does; anything else is refused.
    pub release: String,
}

/// `POST /workshops/{workshop}/assessments/release` (Secretariat).
pub async fn release_assessments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ReleaseForm>,
) -> Result<Response> {
    require_secretariat(&signed_in)?;
    if form.release != "yes" {
        return Err(ValidationError::new("release", "required").into());
    }
    let workshop = state.store().workshop(id).await?;
    state
        .store()
        .release_facilitator_assessments(&signed_in.actor(), &workshop)
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#assessments")).into_response())
}
