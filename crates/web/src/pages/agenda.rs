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
use gedhub_app::Problems;
use gedhub_app::training::agenda::{
    self as use_cases, AssessmentInput, DetailsFields, ExerciseInput, ResultInput, SessionFields,
    optional_number, readable_assessments,
};
use gedhub_app::training::{ParticipantRecord, facilitates};
use gedhub_core::ValidationError;
use gedhub_core::training::{Criterion, ExerciseKind, ExerciseScale};
use gedhub_store::agenda::MaterialFile;
use gedhub_store::files::FileStore;
use gedhub_store::training::Workshop;
use serde::Deserialize;

use crate::context::SignedIn;
use crate::error::Result;
use crate::extract::{AppForm, AppPath};
use crate::format::{self, number};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::training_views::material_href;

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
    /// ISO 8601, for grouping and `<time datetime>`.
    pub day: String,
    /// The day as the reader's language writes it.
    pub label: String,
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
    /// Each day of the workshop: ISO 8601 and as the reader's language writes it.
    pub workshop_days: Vec<(String, String)>,
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

fn pct(value: Option<f64>, locale: &Locale) -> String {
    format::optional_percentage(value, locale)
}

fn criterion_label(locale: &Locale, criterion: Criterion) -> String {
    locale.t(&format!("rubric-criterion-{}", criterion.as_str()))
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
    let can_facilitate = facilitates(store, &signed_in.caller, workshop).await?;
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
                label: format::long_date(session.day, locale),
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
        &signed_in.caller,
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
        is_secretariat: gedhub_app::training::may_manage(&signed_in.caller),
        workshop_days: workshop
            .dates
            .each_day()
            .map(|d| (d.to_string(), format::long_date(d, locale)))
            .collect(),
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
// Forms: each handler maps its form to the use case's input
// (`gedhub_app::training::agenda`, which also checks access) and redirects.

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

impl From<DetailsForm> for DetailsFields {
    fn from(form: DetailsForm) -> Self {
        DetailsFields {
            title: form.title,
            venue: form.venue,
            meeting_link: form.meeting_link,
            capacity: form.capacity,
            min_attendance_pct: form.min_attendance_pct,
            min_post_test_pct: form.min_post_test_pct,
        }
    }
}

/// `POST /workshops/{workshop}/details` (Secretariat).
pub async fn update_details(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<DetailsForm>,
) -> Result<Response> {
    use_cases::update_details(
        state.store(),
        &signed_in.caller,
        id,
        DetailsFields::from(form),
    )
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
    use_cases::add_facilitator(state.store(), &signed_in.caller, id, &form.email).await?;
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
    use_cases::remove_facilitator(state.store(), &signed_in.caller, id, &form.email).await?;
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

impl From<SessionForm> for SessionFields {
    fn from(form: SessionForm) -> Self {
        SessionFields {
            date: form.date,
            start_time: form.start_time,
            end_time: form.end_time,
            title_en: form.title_en,
            title_fr: form.title_fr,
            description: form.description,
        }
    }
}

/// `POST /workshops/{workshop}/sessions` (Secretariat, facilitators).
pub async fn add_session(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<SessionForm>,
) -> Result<Response> {
    use_cases::add_session(
        state.store(),
        &signed_in.caller,
        id,
        SessionFields::from(form),
    )
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
    use_cases::add_material(
        state.store(),
        &signed_in.caller,
        id,
        session_id,
        &form.title,
        &form.link,
    )
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
    let session =
        use_cases::facilitated_session(state.store(), &signed_in.caller, id, session_id).await?;
    let document = crate::uploads::read_titled_document(&mut multipart).await?;
    let key = FileStore::new_key()?;
    state.files().put(&key, &document.bytes).await?;
    let file = MaterialFile {
        file_name: document.file_name.clone(),
        content_type: document.content_type.to_owned(),
        size_bytes: document.size_bytes(),
        storage_key: key,
    };
    use_cases::add_material_file(
        state.store(),
        &signed_in.caller,
        &session,
        &document.title,
        &file,
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
    let file = use_cases::material_file(state.store(), id, material_id).await?;
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
    let sheet = fields
        .iter()
        .find(|(key, _)| key == "sheet")
        .map(|(_, value)| value.trim());
    let present: Vec<i64> = fields
        .iter()
        .filter(|(key, _)| key == "present")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    use_cases::record_session_attendance(
        state.store(),
        &signed_in.caller,
        id,
        session_id,
        sheet,
        &present,
    )
    .await?;
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

impl TryFrom<ExerciseForm> for ExerciseInput {
    type Error = Problems;

    /// The kind first, then the scale, as the form always reported them.
    fn try_from(form: ExerciseForm) -> std::result::Result<Self, Problems> {
        let kind = ExerciseKind::parse(&form.kind)?;
        let levels: Vec<String> = form.levels.lines().map(str::to_owned).collect();
        let scale = ExerciseScale::new(optional_number("max_score", &form.max_score)?, &levels)?;
        Ok(ExerciseInput {
            title: form.title,
            kind,
            scale,
        })
    }
}

/// `POST /workshops/{workshop}/exercises`.
pub async fn add_exercise(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ExerciseForm>,
) -> Result<Response> {
    use_cases::add_exercise(state.store(), &signed_in.caller, id, form).await?;
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
    let group = fields
        .iter()
        .find(|(key, _)| key == "group")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let members: Vec<String> = fields
        .iter()
        .filter(|(key, _)| key == "member")
        .map(|(_, email)| email.clone())
        .collect();
    use_cases::set_group(
        state.store(),
        &signed_in.caller,
        id,
        exercise_id,
        &group,
        &members,
    )
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

impl TryFrom<ResultForm> for ResultInput {
    type Error = Problems;

    /// A group when one is named, else the participant; the level and the
    /// score read as numbers (every problem at once).
    fn try_from(form: ResultForm) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let level = match form.level.trim() {
            "" => Some(None),
            text => problems.check(
                text.parse::<u32>()
                    .map(Some)
                    .map_err(|_| ValidationError::new("level", "rubric_unknown_level")),
            ),
        };
        let score = problems
            .check(optional_number("score", &form.score))
            .flatten();
        if !problems.is_empty() {
            return Err(problems);
        }
        let (email, group) = if form.group.trim().is_empty() {
            (Some(form.email), None)
        } else {
            (None, Some(form.group))
        };
        Ok(ResultInput {
            email,
            group,
            score,
            level: level.flatten(),
        })
    }
}

/// `POST /workshops/{workshop}/exercises/{exercise}/results`.
pub async fn record_result(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, exercise_id)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<ResultForm>,
) -> Result<Response> {
    use_cases::record_result(state.store(), &signed_in.caller, id, exercise_id, form).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#exercises")).into_response())
}

/// `POST /workshops/{workshop}/assessments`: `email`, and per criterion
/// `<criterion>` (1–5) and `<criterion>_comment`.
pub async fn save_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let mut input = AssessmentInput {
        email: field("email"),
        ..AssessmentInput::default()
    };
    for (index, criterion) in Criterion::ALL.iter().enumerate() {
        // An unreadable score is 0, which the rubric refuses at its field.
        input.scores[index] = field(criterion.as_str()).parse().unwrap_or(0);
        input.comments[index] = field(&format!("{}_comment", criterion.as_str()));
    }
    use_cases::save_assessment(state.store(), &signed_in.caller, id, input).await?;
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
    use_cases::release_assessments(state.store(), &signed_in.caller, id, form.release == "yes")
        .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#assessments")).into_response())
}
