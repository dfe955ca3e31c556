//! Workshops (issue 6, first part): the list, creation by the Secretariat,
//! each workshop's page with its participants and a day-by-day attendance
//! sheet, and each participant's completion computed from the workshop's
//! rules.
//!
//! Access (`gedhub_app::training`, core's `authz::training`): every
//! signed-in user sees the list and a workshop's description; the
//! participants shown are scoped (the Secretariat sees all, a focal point
//! their administration's, anyone else themselves). Only the Secretariat
//! creates workshops, adds participants and records attendance. These
//! handlers are adapters: form → input → use case → page or redirect.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gedhub_app::training::{self as use_cases, NominationInput, WorkshopFields};
use gedhub_core::UserId;
use gedhub_core::training::{WorkshopKind, WorkshopMode};
use gedhub_store::training::{DELIVERY_LANGUAGES, Workshop};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath};
use crate::format::{self, number};
use crate::i18n::{Locale, recipient_locale};
use crate::state::AppState;
use crate::views::{FormProblems, Page, is_user_error, render, render_with_status};

/// A workshop as submitted by the form. A missing field reads as empty, so
/// that it is reported at its field like any other problem.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WorkshopForm {
    pub title: String,
    pub kind: String,
    pub mode: String,
    pub language: String,
    pub start_date: String,
    pub end_date: String,
    /// A number; the form sends text.
    pub capacity: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub meeting_link: String,
    #[serde(default)]
    pub min_attendance_pct: String,
    /// Empty: no post-test is required to complete.
    #[serde(default)]
    pub min_post_test_pct: String,
}

impl From<WorkshopForm> for WorkshopFields {
    fn from(form: WorkshopForm) -> Self {
        WorkshopFields {
            title: form.title,
            kind: form.kind,
            mode: form.mode,
            language: form.language,
            start_date: form.start_date,
            end_date: form.end_date,
            capacity: form.capacity,
            venue: form.venue,
            meeting_link: form.meeting_link,
            min_attendance_pct: form.min_attendance_pct,
            min_post_test_pct: form.min_post_test_pct,
        }
    }
}

fn kind_label(locale: &Locale, kind: WorkshopKind) -> String {
    locale.t(&format!("workshop-kind-{}", kind.as_str()))
}

fn mode_label(locale: &Locale, mode: WorkshopMode) -> String {
    locale.t(&format!("workshop-mode-{}", mode.as_str()))
}

pub struct WorkshopRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub mode: String,
    pub language: String,
    pub dates: String,
    pub capacity: u32,
}

/// Kept here by name for the pages that took it from this module.
pub use crate::training_views::Choice;

#[derive(Template)]
#[template(path = "workshops.html")]
pub struct WorkshopsPage {
    pub page: Page,
    pub rows: Vec<WorkshopRow>,
    pub can_create: bool,
    pub kinds: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub languages: Vec<Choice>,
    /// The new workshop as typed: the suggested completion rules at
    /// first, what the user sent when it is refused.
    pub input: WorkshopForm,
    pub problems: FormProblems,
}

fn dates_label(workshop: &Workshop, locale: &Locale) -> String {
    format::date_range(workshop.dates.start(), workshop.dates.end(), locale)
}

/// `GET /workshops`.
pub async fn list_workshops(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    Ok(render(&workshops_page(&state, &signed_in, &context).await?))
}

async fn workshops_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
) -> Result<WorkshopsPage> {
    let locale = &context.locale;
    let rows = use_cases::list(state.store())
        .await?
        .iter()
        .map(|w| WorkshopRow {
            id: w.id,
            title: w.title.clone(),
            kind: kind_label(locale, w.kind),
            mode: mode_label(locale, w.mode),
            language: locale.t(&format!("workshop-language-{}", w.language)),
            dates: dates_label(w, locale),
            capacity: w.capacity,
        })
        .collect();
    Ok(WorkshopsPage {
        page: Page::new(context, "workshops-title"),
        rows,
        can_create: use_cases::may_manage(&signed_in.caller),
        kinds: WorkshopKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: kind_label(locale, *k),
            })
            .collect(),
        modes: WorkshopMode::ALL
            .iter()
            .map(|m| Choice {
                value: m.as_str().to_owned(),
                label: mode_label(locale, *m),
            })
            .collect(),
        languages: DELIVERY_LANGUAGES
            .iter()
            .map(|l| Choice {
                value: (*l).to_owned(),
                label: locale.t(&format!("workshop-language-{l}")),
            })
            .collect(),
        input: WorkshopForm {
            capacity: "20".into(),
            min_attendance_pct: "80".into(),
            min_post_test_pct: "70".into(),
            ..WorkshopForm::default()
        },
        problems: FormProblems::default(),
    })
}

/// `POST /workshops` (Secretariat). A refused workshop comes back as the
/// list page with the form as typed and each problem at its field.
pub async fn create_workshop(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppForm(form): AppForm<WorkshopForm>,
) -> Result<Response> {
    // Refused outright (403) before the form is read or shown again.
    signed_in.caller.require_secretariat()?;
    let created = use_cases::create(
        state.store(),
        &signed_in.caller,
        WorkshopFields::from(form.clone()),
    )
    .await
    .map_err(AppError::from);
    match created {
        Ok(workshop) => Ok(Redirect::to(&format!("/workshops/{}", workshop.id)).into_response()),
        Err(error) if is_user_error(&error) => {
            let mut page = workshops_page(&state, &signed_in, &context).await?;
            // The form's elements have the fields' names as ids.
            page.problems = FormProblems::new(&context.locale, &error, str::to_owned);
            page.input = form;
            Ok(render_with_status(error.status(), &page))
        }
        Err(error) => Err(error),
    }
}

pub struct ParticipantRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub administration: String,
    pub status: String,
    /// Waiting for the Secretariat's decision (nominated or waitlisted).
    pub pending: bool,
    /// The participation status code (`nominated`, `preselected`…).
    pub status_code: String,
    pub confirmed: bool,
    pub motivation: String,
    pub languages: String,
    pub experience: String,
    pub attendance: String,
    pub completed: bool,
    pub missing: Vec<String>,
    /// The Secretariat's reason, when it overrode the computed completion.
    pub override_reason: String,
}

#[derive(Template)]
#[template(path = "workshop.html")]
pub struct WorkshopPage {
    pub page: Page,
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub mode: String,
    pub language: String,
    pub dates: String,
    pub place: String,
    /// The virtual workshop's meeting link, when it is one people can follow.
    pub meeting_link: String,
    pub capacity: u32,
    pub rules: String,
    /// The attendance sheet of each day.
    pub sheets: Vec<DaySheet>,
    pub participants: Vec<ParticipantRow>,
    pub can_manage: bool,
    /// The Secretariat, and focal points while the call is open, nominate.
    pub can_nominate: bool,
    /// The call for nominations, in words.
    pub call: String,
    pub call_open: bool,
    pub call_close_on: String,
    /// The pre- and post-test and the knowledge gain.
    pub ktests: crate::pages::ktests::WorkshopTests,
    /// Agenda, facilitators, exercises and assessments.
    pub agenda: crate::pages::agenda::AgendaView,
    /// Open surveys the viewer may answer (kind code, label): confirmed
    /// participants only.
    pub survey_links: Vec<(String, String)>,
    /// The nomination form as typed, and what was wrong with it, when a
    /// nomination was refused.
    pub nomination: NominationForm,
    pub nomination_problems: FormProblems,
    /// The nomination form's language checkboxes (code, name).
    pub language_choices: Vec<(&'static str, String)>,
    /// The nomination form's sex choices (code, label), none chosen.
    pub sex_choices: Vec<(&'static str, String)>,
}

pub struct DaySheet {
    /// ISO 8601, for the form and `<time datetime>`.
    pub day: String,
    /// The day as the reader's language writes it.
    pub day_label: String,
    pub rows: Vec<SheetRow>,
}

pub struct SheetRow {
    pub user_id: i64,
    pub name: String,
    pub present: bool,
}

/// `GET /workshops/{workshop}`.
pub async fn show_workshop(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    Ok(render(
        &workshop_page(&state, &signed_in, &context, id).await?,
    ))
}

async fn workshop_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    id: i64,
) -> Result<WorkshopPage> {
    let locale = &context.locale;
    let workshop = use_cases::workshop(state.store(), id).await?;
    let days: Vec<NaiveDate> = workshop.dates.each_day().collect();
    let records =
        use_cases::participant_records(state.store(), &signed_in.caller, &workshop).await?;
    let agenda =
        crate::pages::agenda::agenda_view(state, signed_in, locale, &workshop, &records).await?;
    let survey_links = if records
        .iter()
        .any(|r| r.participant.user_id == signed_in.user.id && r.participant.is_confirmed())
    {
        state
            .store()
            .surveys(workshop.id)
            .await?
            .into_iter()
            .filter(|s| s.is_open)
            .map(|s| {
                (
                    s.kind.as_str().to_owned(),
                    locale.t(&format!("survey-kind-{}", s.kind.as_str())),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let sheets = days
        .iter()
        .map(|day| DaySheet {
            day: day.to_string(),
            day_label: format::long_date(*day, locale),
            rows: records
                .iter()
                .filter(|r| r.participant.is_confirmed())
                .map(|r| SheetRow {
                    user_id: r.participant.user_id.0,
                    name: r.participant.name.clone(),
                    present: r.days_present.contains(day),
                })
                .collect(),
        })
        .collect();
    let ktests =
        crate::pages::ktests::workshop_tests(state, signed_in, locale, &workshop, &records).await?;
    let participants = records
        .into_iter()
        .map(|record| ParticipantRow {
            user_id: record.participant.user_id.0,
            status: locale.t(&format!("participant-status-{}", record.participant.status)),
            pending: !record.participant.is_confirmed(),
            status_code: record.participant.status.clone(),
            confirmed: record.participant.is_confirmed(),
            motivation: record.participant.motivation.clone(),
            languages: languages_label(locale, &record.participant.languages),
            experience: record.participant.experience.clone(),
            override_reason: record.participant.override_reason.clone(),
            name: record.participant.name.clone(),
            email: record.participant.email.clone(),
            administration: record
                .participant
                .administration
                .clone()
                .unwrap_or_default(),
            attendance: format::optional_percentage(record.attendance_pct, locale),
            completed: record.completion.completed,
            missing: record
                .completion
                .missing
                .iter()
                .map(|m| locale.t(&format!("completion-{}", m.as_str())))
                .collect(),
        })
        .collect();
    let rules = match workshop.rules.min_post_test_pct {
        Some(post) => locale.t_args(
            "workshop-rules-with-test",
            &[
                (
                    "attendance",
                    number(workshop.rules.min_attendance_pct, locale),
                ),
                ("post", number(post, locale)),
            ],
        ),
        None => locale.t_args(
            "workshop-rules",
            &[(
                "attendance",
                number(workshop.rules.min_attendance_pct, locale),
            )],
        ),
    };
    Ok(WorkshopPage {
        page: Page::new(context, "workshops-title").with_title(workshop.title.clone()),
        id: workshop.id,
        title: workshop.title.clone(),
        kind: kind_label(locale, workshop.kind),
        mode: mode_label(locale, workshop.mode),
        language: locale.t(&format!("workshop-language-{}", workshop.language)),
        dates: dates_label(&workshop, locale),
        meeting_link: match workshop.mode {
            WorkshopMode::Virtual if gedhub_core::training::is_web_link(&workshop.meeting_link) => {
                workshop.meeting_link.clone()
            }
            _ => String::new(),
        },
        place: match workshop.mode {
            WorkshopMode::InPerson => workshop.venue.clone(),
            WorkshopMode::Virtual => workshop.meeting_link.clone(),
        },
        capacity: workshop.capacity,
        rules,
        sheets,
        participants,
        can_manage: use_cases::may_manage(&signed_in.caller),
        can_nominate: use_cases::may_nominate(&signed_in.caller, &workshop),
        call: call_status(locale, &workshop, signed_in.caller.today()),
        call_close_on: workshop
            .nominations_close_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
        call_open: workshop.nominations_open,
        ktests,
        agenda,
        survey_links,
        nomination: NominationForm::default(),
        nomination_problems: FormProblems::default(),
        language_choices: DELIVERY_LANGUAGES
            .into_iter()
            .map(|code| (code, locale.t(&format!("workshop-language-{code}"))))
            .collect(),
        sex_choices: gedhub_core::programme::SEXES
            .into_iter()
            .map(|code| (code, locale.t(&format!("user-sex-{code}"))))
            .collect(),
    })
}

/// A nomination's languages by name ("French, English"); the free text of
/// a nomination from before they were chosen from the list, as written.
fn languages_label(locale: &Locale, stored: &str) -> String {
    let codes = gedhub_core::training::stored_languages(stored);
    if codes.is_empty() {
        return stored.to_owned();
    }
    codes
        .iter()
        .map(|code| locale.t(&format!("workshop-language-{code}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Nominations are open until 2024-03-01", "… closed", "… closed when
/// the workshop started".
fn call_status(locale: &Locale, workshop: &Workshop, today: NaiveDate) -> String {
    if workshop.has_started(today) {
        return locale.t("call-closed-started");
    }
    match (
        workshop.accepts_nominations(today),
        workshop.nominations_close_on,
    ) {
        (true, Some(last)) => locale.t_args(
            "call-open-until",
            &[("date", format::long_date(last, locale))],
        ),
        (true, None) => locale.t("call-open"),
        (false, _) => locale.t("call-closed"),
    }
}

#[derive(Deserialize)]
pub struct CallForm {
    /// `open` or `close`.
    pub call: String,
    /// The call's last day (optional, YYYY-MM-DD).
    #[serde(default)]
    pub close_on: String,
}

/// `POST /workshops/{workshop}/call` (Secretariat): opens (with an optional
/// last day) or closes the call for nominations.
pub async fn set_call(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<CallForm>,
) -> Result<Response> {
    use_cases::set_call(
        state.store(),
        &signed_in.caller,
        id,
        &form.call,
        &form.close_on,
    )
    .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#participants")).into_response())
}

/// A nomination as typed (kept when it is refused). Read from the form's
/// pairs, as the languages are repeated checkboxes.
#[derive(Debug, Clone, Default)]
pub struct NominationForm {
    pub email: String,
    /// The person's name, when they have no gedhub account yet (a focal
    /// point's nomination then creates a participant account).
    pub name: String,
    pub motivation: String,
    /// The checked language codes.
    pub languages: Vec<String>,
    pub experience: String,
    /// The chosen sex code, empty when none was chosen.
    pub sex: String,
}

impl NominationForm {
    /// The form's fields; a field sent twice keeps its last value, the
    /// languages every checked one.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "email" => form.email = value,
                "name" => form.name = value,
                "motivation" => form.motivation = value,
                "languages" => form.languages.push(value),
                "experience" => form.experience = value,
                "sex" => form.sex = value,
                _ => {}
            }
        }
        form
    }

    /// Whether `code` is checked (the template's checkboxes).
    pub fn speaks(&self, code: &&str) -> bool {
        self.languages.iter().any(|l| l.trim() == *code)
    }
}

impl From<NominationForm> for NominationInput {
    fn from(form: NominationForm) -> Self {
        NominationInput {
            email: form.email,
            name: form.name,
            motivation: form.motivation,
            languages: form.languages,
            experience: form.experience,
            sex: form.sex,
        }
    }
}

/// `POST /workshops/{workshop}/nominations`: a focal point nominates a
/// person of their own administration, the Secretariat anyone, until the
/// workshop starts (see `gedhub_app::training::nominate`).
pub async fn nominate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppForm(pairs): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let form = NominationForm::from_pairs(pairs);
    let nominated = use_cases::nominate(state.store(), &signed_in.caller, id, &form.clone().into())
        .await
        .map_err(AppError::from);
    match nominated {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}#participants")).into_response()),
        // Refused: the workshop page again, the form open as typed, each
        // problem at its field.
        Err(error) if is_user_error(&error) => {
            let mut page = workshop_page(&state, &signed_in, &context, id).await?;
            page.nomination_problems =
                FormProblems::new(&context.locale, &error, |field| format!("nominee-{field}"));
            page.nomination = form;
            Ok(render_with_status(error.status(), &page))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
pub struct OverrideForm {
    /// `completed`, `not_completed` or `computed` (removes the override).
    pub completion: String,
    #[serde(default)]
    pub reason: String,
}

/// `POST /workshops/{workshop}/participants/{participant}/completion`
/// (Secretariat): override the computed completion with a reason, or go
/// back to it.
pub async fn override_completion(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, participant)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<OverrideForm>,
) -> Result<Response> {
    use_cases::override_completion(
        state.store(),
        &signed_in.caller,
        id,
        UserId(participant),
        &form.completion,
        &form.reason,
    )
    .await?;
    Ok(Redirect::to(&format!("/workshops/{id}#participants")).into_response())
}

#[derive(Deserialize)]
pub struct DecisionForm {
    /// `confirm` or `waitlist`.
    pub decision: String,
}

/// `POST /workshops/{workshop}/participants/{participant}/decision`
/// (Secretariat): confirm within capacity, or waitlist.
pub async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, participant)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<DecisionForm>,
) -> Result<Response> {
    let store = state.store();
    let decided = use_cases::decide(
        store,
        &signed_in.caller,
        id,
        UserId(participant),
        &form.decision,
    )
    .await?;
    // A confirmed nominee whose account gedhub created gets the link to set
    // their password, in their language (the workshop's until they visit).
    if let Some(nominee) = decided.awaits_setup {
        let workshop = decided.workshop;
        let locale = recipient_locale(&nominee, Some(&workshop.language));
        let email = gedhub_store::account_setup::SetupEmail {
            subject: locale.t_args(
                "setup-email-subject",
                &[("workshop", workshop.title.clone())],
            ),
            body: locale.t_args(
                "setup-email-body",
                &[
                    ("name", nominee.name.clone()),
                    ("workshop", workshop.title.clone()),
                    ("link", "{link}".to_owned()),
                    (
                        "days",
                        gedhub_store::account_setup::SETUP_LINK_DAYS.to_string(),
                    ),
                ],
            ),
            // The configured address, never the request's Host header: a
            // forged header must not send a set-up link to another site.
            link_prefix: format!(
                "{}/account/setup/",
                state.config().public_url.trim_end_matches('/')
            ),
        };
        use_cases::send_setup_link(store, &signed_in.caller, &nominee, &email).await?;
    }
    Ok(Redirect::to(&format!("/workshops/{id}#participants")).into_response())
}

#[derive(Deserialize)]
pub struct ParticipantForm {
    pub email: String,
}

/// `POST /workshops/{workshop}/participants` (Secretariat): an existing
/// account, confirmed within the capacity.
pub async fn add_participant(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ParticipantForm>,
) -> Result<Response> {
    use_cases::add_participant(state.store(), &signed_in.caller, id, &form.email).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#participants")).into_response())
}

/// `POST /workshops/{workshop}/attendance` (Secretariat, facilitators): the
/// sheet of one day: `day` and one `present` field per participant present;
/// every other participant is recorded absent that day.
pub async fn record_attendance(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let day = fields
        .iter()
        .find(|(key, _)| key == "day")
        .map(|(_, value)| value.as_str());
    let present: Vec<i64> = fields
        .iter()
        .filter(|(key, _)| key == "present")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    use_cases::record_day_attendance(state.store(), &signed_in.caller, id, day, &present).await?;
    Ok(Redirect::to(&format!("/workshops/{id}#attendance")).into_response())
}
