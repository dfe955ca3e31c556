//! GEOAT assessments: start one, answer indicators section by section (one
//! indicator at a time, without reloading the page when JavaScript runs),
//! invite contributors, move through the workflow, and read the diagnostic.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::assessments::{self as use_cases, ContributorInput, NewAssessmentInput};
use gedhub_core::assessment::{Status, Transition};
use gedhub_core::authz::assessments as policy;
use gedhub_core::evidence;
use gedhub_core::instrument::Instrument;
use gedhub_store::assessments::{Answer, AnswerInput, Attachment, Comment, SaveOutcome};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::diagnostic::format_pct;
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Locale;
use crate::pages::problem_messages;
use crate::state::AppState;
use crate::uploads::uploaded_file;
use crate::views::{AdministrationNames, Page, render, render_with_status};

// The use cases and the access rules live in `gedhub_app::assessments` and
// `gedhub_core::authz::assessments` (shared with the API); this module turns
// forms into their inputs and results into pages.

pub use gedhub_app::assessments::Loaded;

/// The assessment `id` as the signed-in user sees it (`NotFound` when they
/// do not); the report pages load through here too.
pub async fn load(state: &AppState, signed_in: &SignedIn, id: i64) -> Result<Loaded> {
    Ok(use_cases::load(state.store(), &signed_in.caller, id).await?)
}

/// The HTML id of an indicator's block (dots are awkward in CSS selectors).
pub fn indicator_anchor(code: &str) -> String {
    format!("indicator-{}", code.replace('.', "-"))
}

pub fn status_label(locale: &Locale, status: Status) -> String {
    locale.t(&format!("status-{}", status.as_str()))
}

// ----- list and create ---------------------------------------------------------

pub struct AssessmentRow {
    pub id: i64,
    pub administration: String,
    pub title: String,
    pub instrument: String,
    pub status: String,
    pub updated: String,
}

pub struct InstrumentOption {
    pub code: String,
    pub title: String,
}

#[derive(Template)]
#[template(path = "assessments.html")]
pub struct AssessmentsPage {
    pub page: Page,
    pub rows: Vec<AssessmentRow>,
    pub can_start: bool,
    pub choose_administration: bool,
    pub instruments: Vec<InstrumentOption>,
    pub title: String,
    pub administration: String,
}

async fn assessments_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
) -> Result<AssessmentsPage> {
    let page = Page::new(context, "assessments-title");
    let lang = page.lang.clone();
    let administrations = AdministrationNames::load(state, &context.locale).await?;
    let rows = use_cases::list(state.store(), &signed_in.caller)
        .await?
        .into_iter()
        .map(|a| AssessmentRow {
            id: a.id,
            administration: administrations
                .get(a.administration.as_str())
                .map(str::to_owned)
                .unwrap_or_default(),
            title: a.title,
            instrument: a.instrument_code,
            status: status_label(&page.locale, a.status),
            updated: crate::format::stored_date(&a.updated_at, &page.locale),
        })
        .collect();
    let instruments = state
        .store()
        .instruments()
        .await?
        .into_iter()
        .map(|i| InstrumentOption {
            title: i.title.get(&lang).to_owned(),
            code: i.code,
        })
        .collect();
    Ok(AssessmentsPage {
        page,
        rows,
        can_start: policy::may_start_assessment(&signed_in.principal),
        choose_administration: policy::chooses_assessment_administration(&signed_in.principal),
        instruments,
        title: String::new(),
        administration: String::new(),
    })
}

/// `GET /assessments`.
pub async fn list_assessments(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    Ok(render(
        &assessments_page(&state, &signed_in, &context).await?,
    ))
}

#[derive(Deserialize)]
pub struct NewAssessmentForm {
    pub instrument: String,
    pub title: String,
    pub administration: Option<String>,
}

/// `POST /assessments`.
pub async fn create_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(form): AppForm<NewAssessmentForm>,
) -> Result<Response> {
    let input = NewAssessmentInput {
        instrument: form.instrument,
        title: form.title.clone(),
        administration: form.administration.clone(),
    };
    match use_cases::start(state.store(), &signed_in.caller, input)
        .await
        .map_err(AppError::from)
    {
        Ok(assessment) => {
            Ok(Redirect::to(&format!("/assessments/{}", assessment.id)).into_response())
        }
        Err(error) => Err(error),
    }
}

// ----- overview ----------------------------------------------------------------

pub struct SectionProgress {
    pub code: String,
    pub label: String,
    pub answered: usize,
    pub total: usize,
    pub score: String,
    pub assigned_to_me: bool,
}

pub struct Unanswered {
    pub section: String,
    pub code: String,
    pub label: String,
}

pub struct ContributorRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub sections: String,
    pub facilitator: bool,
}

pub struct TransitionButton {
    pub code: &'static str,
    pub label: String,
    pub needs_reason: bool,
}

pub struct SectionChoice {
    pub code: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "assessment.html")]
pub struct AssessmentPage {
    pub page: Page,
    pub id: i64,
    pub administration: String,
    pub instrument_title: String,
    pub instrument_code: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub editable: bool,
    pub sections: Vec<SectionProgress>,
    pub answered: usize,
    pub total: usize,
    pub unanswered: Vec<Unanswered>,
    pub contributors: Vec<ContributorRow>,
    pub can_manage_contributors: bool,
    pub section_choices: Vec<SectionChoice>,
    pub transitions: Vec<TransitionButton>,
    /// "Submit" was pressed with indicators unanswered: the page asks to
    /// confirm, listing them.
    pub confirm_submit: bool,
    /// "8 of 98 indicators are unanswered", in the reader's language.
    pub unanswered_summary: String,
}

async fn assessment_page(
    state: &AppState,
    context: &RequestContext,
    loaded: &Loaded,
) -> Result<AssessmentPage> {
    let locale = &context.locale;
    let lang = locale.code();
    let assessment = &loaded.assessment;
    let instrument = &loaded.instrument;
    let answers: HashMap<String, Answer> = state
        .store()
        .answers(assessment.id)
        .await?
        .into_iter()
        .map(|a| (a.indicator_code.clone(), a))
        .collect();
    let is_answered = |code: &str| answers.get(code).is_some_and(|a| a.as_rating().is_some());
    let scores = gedhub_core::scoring::score(instrument, &crate::diagnostic::ratings(&answers));
    let my_sections = loaded.relation.contributor.clone().unwrap_or_default();
    let sections: Vec<SectionProgress> = instrument
        .sections
        .iter()
        .zip(&scores.sections)
        .map(|(section, score)| SectionProgress {
            code: section.code.clone(),
            label: section.label.get(&lang).to_owned(),
            answered: section
                .indicators()
                .filter(|i| is_answered(&i.code))
                .count(),
            total: section.indicators().count(),
            score: format_pct(score.score.score_pct, locale),
            assigned_to_me: my_sections.contains(&section.code),
        })
        .collect();
    let unanswered: Vec<Unanswered> = instrument
        .indicators()
        .filter(|(_, _, i)| !is_answered(&i.code))
        .map(|(section, _, i)| Unanswered {
            section: section.code.clone(),
            code: i.code.clone(),
            label: i.label.get(&lang).to_owned(),
        })
        .collect();
    let administration = state
        .store()
        .administration(&gedhub_core::Scope::All, &assessment.administration)
        .await?
        .name(&lang)
        .to_owned();
    let section_names: HashMap<&str, String> = instrument
        .sections
        .iter()
        .map(|s| (s.code.as_str(), s.code.clone()))
        .collect();
    let contributors = state
        .store()
        .contributors(assessment.id)
        .await?
        .into_iter()
        .map(|c| ContributorRow {
            user_id: c.user_id.0,
            sections: if c.sections.is_empty() {
                locale.t("contributors-all-sections")
            } else {
                c.sections
                    .iter()
                    .filter_map(|s| section_names.get(s.as_str()).cloned())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            name: c.name,
            email: c.email,
            facilitator: c.facilitator,
        })
        .collect();
    let transitions = Transition::ALL
        .into_iter()
        .filter(|t| loaded.relation.can(*t) && t.apply(assessment.status).is_ok())
        .map(|t| TransitionButton {
            code: t.as_str(),
            label: locale.t(&format!("transition-{}", t.as_str())),
            needs_reason: t.needs_reason(),
        })
        .collect();
    let page = Page::new(context, "assessment-title").with_title(assessment.title.clone());
    let unanswered_summary = locale.t_count_args(
        "assessment-unanswered-count",
        unanswered.len(),
        &[("total", instrument.indicator_count().to_string())],
    );
    Ok(AssessmentPage {
        id: assessment.id,
        administration,
        instrument_title: instrument.title.get(&lang).to_owned(),
        instrument_code: instrument.code.clone(),
        status: status_label(locale, assessment.status),
        status_reason: assessment.status_reason.clone(),
        editable: assessment.status.accepts_answers(),
        answered: sections.iter().map(|s| s.answered).sum(),
        total: instrument.indicator_count(),
        sections,
        unanswered,
        contributors,
        can_manage_contributors: loaded.relation.can_manage_contributors(),
        section_choices: instrument
            .sections
            .iter()
            .map(|s| SectionChoice {
                code: s.code.clone(),
                label: s.label.get(&lang).to_owned(),
            })
            .collect(),
        transitions,
        confirm_submit: false,
        unanswered_summary,
        page,
    })
}

/// `GET /assessments/{id}`.
pub async fn show_assessment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    Ok(render(&assessment_page(&state, &context, &loaded).await?))
}

// ----- answering ---------------------------------------------------------------

pub struct RatingChoice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct IndicatorView {
    pub assessment_id: i64,
    pub code: String,
    pub anchor: String,
    pub label: String,
    pub guidance: String,
    pub choices: Vec<RatingChoice>,
    pub justification: String,
    pub evidence: String,
    pub version: i64,
    pub last_saved: Option<String>,
    pub can_answer: bool,
    pub comments: Vec<Comment>,
    pub attachments: Vec<Attachment>,
    /// A message after saving (saved, or refused).
    pub notice: Option<String>,
    /// Set when someone else saved first: their answer, to compare.
    pub conflict: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "indicator.html")]
pub struct IndicatorFragment {
    pub page: Page,
    pub indicator: IndicatorView,
}

pub struct KeyElementView {
    pub code: String,
    pub label: String,
    pub guidance: String,
    pub indicators: Vec<IndicatorView>,
}

#[derive(Template)]
#[template(path = "assessment_section.html")]
pub struct SectionPage {
    pub page: Page,
    pub id: i64,
    /// After "save this section" was refused in part: each problem, with
    /// the anchor of its indicator (the summary links to it).
    pub problems: Vec<SectionProblem>,
    /// After "save this section" succeeded.
    pub saved: bool,
    pub assessment_title: String,
    pub code: String,
    pub label: String,
    pub guidance: String,
    pub status: String,
    pub editable: bool,
    pub key_elements: Vec<KeyElementView>,
    pub previous_section: Option<String>,
    pub next_section: Option<String>,
}

/// One problem of a refused section save, for the summary at the top.
pub struct SectionProblem {
    pub anchor: String,
    pub code: String,
    pub message: String,
}

fn rating_choices(
    instrument: &Instrument,
    locale: &Locale,
    answer: Option<&Answer>,
) -> Vec<RatingChoice> {
    let lang = locale.code();
    let mut choices: Vec<RatingChoice> = instrument
        .scale
        .levels
        .iter()
        .map(|level| RatingChoice {
            value: level.value.to_string(),
            label: format!("{} – {}", level.value, level.label.get(&lang)),
            checked: answer.is_some_and(|a| !a.not_applicable && a.rating == Some(level.value)),
        })
        .collect();
    if let Some(na) = &instrument.scale.not_applicable {
        choices.push(RatingChoice {
            value: "na".to_owned(),
            label: na.label.get(&lang).to_owned(),
            checked: answer.is_some_and(|a| a.not_applicable),
        });
    }
    choices.push(RatingChoice {
        value: String::new(),
        label: locale.t("rating-not-answered"),
        checked: answer.is_none_or(|a| a.as_rating().is_none()),
    });
    choices
}

#[allow(clippy::too_many_arguments)]
fn indicator_view(
    loaded: &Loaded,
    locale: &Locale,
    code: &str,
    answer: Option<&Answer>,
    comments: &[Comment],
    attachments: &[Attachment],
) -> Result<IndicatorView> {
    let lang = locale.code();
    let (section, _, indicator) = loaded
        .instrument
        .indicator(code)
        .ok_or(AppError::NotFound)?;
    Ok(IndicatorView {
        assessment_id: loaded.assessment.id,
        code: indicator.code.clone(),
        anchor: indicator_anchor(&indicator.code),
        label: indicator.label.get(&lang).to_owned(),
        guidance: indicator.guidance.get(&lang).to_owned(),
        choices: rating_choices(&loaded.instrument, locale, answer),
        justification: answer.map(|a| a.justification.clone()).unwrap_or_default(),
        evidence: answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        version: answer.map_or(0, |a| a.version),
        last_saved: answer.map(|a| {
            locale.t_args(
                "answer-last-saved",
                &[
                    ("who", a.updated_by.clone()),
                    (
                        "when",
                        crate::format::stored_date_time(&a.updated_at, locale),
                    ),
                ],
            )
        }),
        can_answer: loaded.assessment.status.accepts_answers()
            && loaded.relation.can_answer(&section.code),
        comments: comments
            .iter()
            .filter(|c| c.indicator_code == indicator.code)
            .cloned()
            .collect(),
        attachments: attachments
            .iter()
            .filter(|a| a.indicator_code == indicator.code)
            .cloned()
            .collect(),
        notice: None,
        conflict: None,
        errors: Vec::new(),
    })
}

#[derive(Deserialize)]
pub struct SectionQuery {
    /// Set by the redirect after "save this section".
    #[serde(default)]
    pub saved: Option<String>,
}

/// `GET /assessments/{id}/sections/{section}`.
pub async fn show_section(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((id, section_code)): AppPath<(i64, String)>,
    AppQuery(query): AppQuery<SectionQuery>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let mut page = section_page(&state, &context, &loaded, &section_code).await?;
    page.saved = query.saved.is_some();
    Ok(render(&page))
}

/// The section page as stored: every indicator with its saved answer.
async fn section_page(
    state: &AppState,
    context: &RequestContext,
    loaded: &Loaded,
    section_code: &str,
) -> Result<SectionPage> {
    let id = loaded.assessment.id;
    let locale = &context.locale;
    let lang = locale.code();
    let position = loaded
        .instrument
        .sections
        .iter()
        .position(|s| s.code == section_code)
        .ok_or(AppError::NotFound)?;
    let section = &loaded.instrument.sections[position];
    let answers: HashMap<String, Answer> = state
        .store()
        .answers(id)
        .await?
        .into_iter()
        .map(|a| (a.indicator_code.clone(), a))
        .collect();
    let comments = state.store().comments(id).await?;
    let attachments = state.store().attachments(id).await?;
    let key_elements = section
        .key_elements
        .iter()
        .map(|key| {
            Ok(KeyElementView {
                code: key.code.clone(),
                label: key.label.get(&lang).to_owned(),
                guidance: key.guidance.get(&lang).to_owned(),
                indicators: key
                    .indicators
                    .iter()
                    .map(|i| {
                        indicator_view(
                            loaded,
                            locale,
                            &i.code,
                            answers.get(&i.code),
                            &comments,
                            &attachments,
                        )
                    })
                    .collect::<Result<Vec<_>>>()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let sections = &loaded.instrument.sections;
    let page = Page::new(context, "assessment-title").with_title(format!(
        "{} – {}",
        section.code,
        section.label.get(&lang)
    ));
    Ok(SectionPage {
        id,
        assessment_title: loaded.assessment.title.clone(),
        code: section.code.clone(),
        label: section.label.get(&lang).to_owned(),
        guidance: section.guidance.get(&lang).to_owned(),
        status: status_label(locale, loaded.assessment.status),
        editable: loaded.assessment.status.accepts_answers(),
        key_elements,
        previous_section: position
            .checked_sub(1)
            .and_then(|p| sections.get(p))
            .map(|s| s.code.clone()),
        next_section: sections.get(position + 1).map(|s| s.code.clone()),
        problems: Vec::new(),
        saved: false,
        page,
    })
}

/// One indicator's fields in the section form (`rating:P1.A.1`, ...), if
/// the form carries them (a read-only indicator sends nothing).
struct TypedAnswer {
    rating: String,
    justification: String,
    evidence: String,
    version: Option<i64>,
}

impl TypedAnswer {
    fn from_fields(fields: &[(String, String)], code: &str) -> Option<Self> {
        let value = |name: &str| {
            let key = format!("{name}:{code}");
            fields
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        };
        let rating = value("rating");
        let justification = value("justification");
        let evidence = value("evidence");
        if rating.is_none() && justification.is_none() && evidence.is_none() {
            return None;
        }
        Some(Self {
            rating: rating.unwrap_or_default(),
            justification: justification.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
            version: value("version").and_then(|v| v.trim().parse().ok()),
        })
    }

    /// Whether this is what is stored (nothing to save).
    fn unchanged(&self, input: &AnswerInput, stored: Option<&Answer>) -> bool {
        match stored {
            Some(answer) => {
                answer.rating == input.rating
                    && answer.not_applicable == input.not_applicable
                    && answer.justification == input.justification
                    && answer.evidence == input.evidence
            }
            None => {
                input.rating.is_none()
                    && !input.not_applicable
                    && input.justification.is_empty()
                    && input.evidence.is_empty()
            }
        }
    }
}

/// `POST /assessments/{id}/sections/{section}/answers`: "save this
/// section", the path without JavaScript (with it, each answer is saved as
/// it is typed). Saves every indicator whose fields changed; when some are
/// refused (a bad rating, text too long, someone else's newer answer), the
/// page comes back with every typed value kept, each problem at its
/// indicator and listed at the top; the others are saved.
pub async fn save_section(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((id, section_code)): AppPath<(i64, String)>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let section = loaded
        .instrument
        .sections
        .iter()
        .find(|s| s.code == section_code)
        .ok_or(AppError::NotFound)?;
    use_cases::require_answerable(&loaded, &section.code)?;
    let locale = &context.locale;
    let stored: HashMap<String, Answer> = state
        .store()
        .answers(id)
        .await?
        .into_iter()
        .map(|a| (a.indicator_code.clone(), a))
        .collect();
    // Per refused indicator: what was typed, and the problem.
    let mut refused: HashMap<String, (TypedAnswer, Vec<String>, Option<String>)> = HashMap::new();
    let mut any_conflict = false;
    let codes: Vec<String> = section
        .key_elements
        .iter()
        .flat_map(|key| key.indicators.iter().map(|i| i.code.clone()))
        .collect();
    // The page's form always sends every indicator's fields: a body naming
    // none of them is not that form.
    if !codes
        .iter()
        .any(|code| TypedAnswer::from_fields(&fields, code).is_some())
    {
        return Err(AppError::BadRequest("form_malformed"));
    }
    for code in &codes {
        let Some(typed) = TypedAnswer::from_fields(&fields, code) else {
            continue;
        };
        let input = match use_cases::rating_from_text(&loaded.instrument, &typed.rating)
            .map_err(AppError::from)
        {
            Ok((rating, not_applicable)) => AnswerInput {
                rating,
                not_applicable,
                justification: typed.justification.trim().to_owned(),
                evidence: typed.evidence.trim().to_owned(),
            },
            Err(error) => {
                let messages = problem_messages(locale, &error);
                refused.insert(code.clone(), (typed, messages, None));
                continue;
            }
        };
        if typed.unchanged(&input, stored.get(code)) {
            continue;
        }
        match use_cases::save(
            state.store(),
            &signed_in.caller,
            &loaded,
            code,
            &input,
            typed.version,
        )
        .await
        .map_err(AppError::from)
        {
            Ok(SaveOutcome::Saved(_)) => {}
            Ok(SaveOutcome::Conflict(theirs)) => {
                any_conflict = true;
                let message = conflict_message(locale, &theirs);
                refused.insert(code.clone(), (typed, Vec::new(), Some(message)));
            }
            Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
                let messages = problem_messages(locale, &error);
                refused.insert(code.clone(), (typed, messages, None));
            }
            Err(other) => return Err(other),
        }
    }
    if refused.is_empty() {
        return Ok(Redirect::to(&format!(
            "/assessments/{id}/sections/{}?saved=1",
            section.code
        ))
        .into_response());
    }
    let mut page = section_page(&state, &context, &loaded, &section.code).await?;
    for key in &mut page.key_elements {
        for view in &mut key.indicators {
            let Some((typed, errors, conflict)) = refused.remove(&view.code) else {
                continue;
            };
            for choice in &mut view.choices {
                choice.checked = choice.value == typed.rating.trim();
            }
            view.justification = typed.justification;
            view.evidence = typed.evidence;
            for message in errors.iter().chain(conflict.iter()) {
                page.problems.push(SectionProblem {
                    anchor: view.anchor.clone(),
                    code: view.code.clone(),
                    message: message.clone(),
                });
            }
            view.errors = errors;
            view.conflict = conflict;
        }
    }
    // 409 when someone else's newer answer is in the way, else 422.
    let status = if any_conflict {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_with_status(status, &page))
}

/// What the person who saved first answered, for someone whose save came
/// second.
fn conflict_message(locale: &Locale, theirs: &Answer) -> String {
    let their_rating = match theirs.as_rating() {
        Some(gedhub_core::scoring::Rating::Value(v)) => v.to_string(),
        Some(gedhub_core::scoring::Rating::NotApplicable) => locale.t("rating-na-short"),
        None => locale.t("rating-not-answered"),
    };
    locale.t_args(
        "answer-conflict",
        &[
            ("who", theirs.updated_by.clone()),
            ("rating", their_rating),
            ("justification", theirs.justification.clone()),
        ],
    )
}

#[derive(Deserialize)]
pub struct AnswerForm {
    /// Always sent by the form (the "not answered" choice is an empty value).
    pub rating: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub evidence: String,
    pub version: Option<i64>,
}

fn is_htmx(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some()
}

/// `POST /assessments/{id}/answers/{indicator}`: with htmx, answers with the
/// indicator's fragment only; without, goes back to the section.
pub async fn save_answer(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    headers: HeaderMap,
    AppPath((id, code)): AppPath<(i64, String)>,
    AppForm(form): AppForm<AnswerForm>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let (section, _, _) = loaded
        .instrument
        .indicator(&code)
        .ok_or(AppError::NotFound)?;
    let section_code = section.code.clone();
    let locale = &context.locale;
    let outcome = match use_cases::rating_from_text(&loaded.instrument, &form.rating) {
        Ok((rating, not_applicable)) => {
            let input = AnswerInput {
                rating,
                not_applicable,
                justification: form.justification.trim().to_owned(),
                evidence: form.evidence.trim().to_owned(),
            };
            use_cases::save(
                state.store(),
                &signed_in.caller,
                &loaded,
                &code,
                &input,
                form.version,
            )
            .await
        }
        Err(error) => Err(error),
    }
    .map_err(AppError::from);
    let comments = state.store().comments(id).await?;
    let attachments = state.store().attachments(id).await?;
    let anchor = indicator_anchor(&code);
    let (status, view) = match outcome {
        Ok(SaveOutcome::Saved(answer)) => {
            if !is_htmx(&headers) {
                return Ok(Redirect::to(&format!(
                    "/assessments/{id}/sections/{section_code}?saved={code}#{anchor}"
                ))
                .into_response());
            }
            let mut view = indicator_view(
                &loaded,
                locale,
                &code,
                Some(&answer),
                &comments,
                &attachments,
            )?;
            view.notice = Some(locale.t("answer-saved"));
            (StatusCode::OK, view)
        }
        Ok(SaveOutcome::Conflict(theirs)) => {
            // Keep what this user typed, show what the other person saved.
            let mut view = indicator_view(
                &loaded,
                locale,
                &code,
                Some(&theirs),
                &comments,
                &attachments,
            )?;
            view.justification = form.justification.clone();
            view.evidence = form.evidence.clone();
            view.conflict = Some(conflict_message(locale, &theirs));
            (StatusCode::CONFLICT, view)
        }
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let current = state
                .store()
                .answers(id)
                .await?
                .into_iter()
                .find(|a| a.indicator_code == code);
            let mut view = indicator_view(
                &loaded,
                locale,
                &code,
                current.as_ref(),
                &comments,
                &attachments,
            )?;
            view.justification = form.justification.clone();
            view.evidence = form.evidence.clone();
            view.errors = problem_messages(locale, &error);
            (error.status(), view)
        }
        Err(other) => return Err(other),
    };
    let page = Page::new(&context, "assessment-title");
    let fragment = IndicatorFragment {
        page,
        indicator: view,
    };
    // htmx swaps only successful responses: it gets 200 and shows the message.
    let status = if is_htmx(&headers) {
        StatusCode::OK
    } else {
        status
    };
    let mut response = render_with_status(status, &fragment);
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("HX-Request"));
    Ok(response)
}

#[derive(Deserialize)]
pub struct CommentForm {
    pub body: String,
}

/// `POST /assessments/{id}/comments/{indicator}`.
pub async fn add_comment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, code)): AppPath<(i64, String)>,
    AppForm(form): AppForm<CommentForm>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let section = use_cases::add_comment(
        state.store(),
        &signed_in.caller,
        &signed_in.user.name,
        &loaded,
        &code,
        &form.body,
    )
    .await?;
    let anchor = indicator_anchor(&code);
    Ok(Redirect::to(&format!("/assessments/{id}/sections/{section}#{anchor}")).into_response())
}

/// `POST /assessments/{id}/attachments/{indicator}`: a multipart `file`,
/// checked by content (PDF, Office, OpenDocument, images) and size.
pub async fn upload_attachment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, code)): AppPath<(i64, String)>,
    multipart: Multipart,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let section = use_cases::answerable_section(&loaded, &code)?;
    let (file_name, bytes) =
        uploaded_file(multipart, "file", evidence::MAX_ATTACHMENT_BYTES).await?;
    use_cases::attach(
        state.store(),
        state.files(),
        &signed_in.caller,
        &loaded,
        &code,
        &file_name,
        &bytes,
    )
    .await?;
    let anchor = indicator_anchor(&code);
    Ok(Redirect::to(&format!("/assessments/{id}/sections/{section}#{anchor}")).into_response())
}

/// `GET /assessments/{id}/files/{attachment}`: always as a download.
pub async fn download_attachment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, attachment_id)): AppPath<(i64, i64)>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let (attachment, bytes) =
        use_cases::attachment(state.store(), state.files(), &loaded, attachment_id).await?;
    Ok(crate::views::download(
        bytes,
        &attachment.content_type,
        &attachment.file_name,
    ))
}

// ----- contributors and workflow ---------------------------------------------

/// `POST /assessments/{id}/contributors`: `email`, repeated `sections`,
/// optional `facilitator=yes`.
pub async fn set_contributor(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let input = ContributorInput {
        email: value("email").unwrap_or_default(),
        sections: fields
            .iter()
            .filter(|(k, _)| k == "sections")
            .map(|(_, v)| v.clone())
            .collect(),
        facilitator: value("facilitator").as_deref() == Some("yes"),
    };
    let outcome = use_cases::set_contributor(state.store(), &signed_in.caller, &loaded, input)
        .await
        .map_err(AppError::from);
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/assessments/{id}#contributors")).into_response()),
        Err(error) => Err(error),
    }
}

/// `POST /assessments/{id}/contributors/{user}/remove`.
pub async fn remove_contributor(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, user_id)): AppPath<(i64, i64)>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    use_cases::remove_contributor(
        state.store(),
        &signed_in.caller,
        &loaded,
        gedhub_core::UserId(user_id),
    )
    .await?;
    Ok(Redirect::to(&format!("/assessments/{id}#contributors")).into_response())
}

#[derive(Deserialize)]
pub struct TransitionForm {
    pub transition: String,
    #[serde(default)]
    pub reason: String,
    /// `incomplete` once the user has confirmed submitting a diagnostic
    /// with unanswered indicators.
    #[serde(default)]
    pub confirm: String,
}

/// `POST /assessments/{id}/transitions`.
pub async fn transition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<TransitionForm>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    // Submitting a diagnostic with unanswered indicators is asked about
    // first, with the list of what is unanswered: a click on "Submit" with
    // 8 of 98 answers is more often a slip than a decision.
    if form.transition == Transition::Submit.as_str()
        && form.confirm != "incomplete"
        && use_cases::has_unanswered(state.store(), &loaded).await?
    {
        let mut page = assessment_page(&state, &context, &loaded).await?;
        page.confirm_submit = true;
        return Ok(render(&page));
    }
    match use_cases::apply_transition(
        state.store(),
        &signed_in.caller,
        &loaded,
        &form.transition,
        &form.reason,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!("/assessments/{id}")).into_response()),
        Err(error) => Err(error),
    }
}
