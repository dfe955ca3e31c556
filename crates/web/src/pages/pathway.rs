//! Pages of the pathway to Recognized GED Expert (issue 7): the candidates
//! list, a candidate's pathway with the Secretariat's move form, a
//! workshop's selection view, and the pathway settings. The rules and the
//! access policy are in [`crate::pathway`].

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::pathway as use_cases;
use gedhub_core::pathway::{Settings, Stage, Weights};
use gedhub_core::{UserId, ValidationError};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::format::{self, Digits, number};
use crate::i18n::Locale;
use crate::pathway::{
    CandidatePathway, Refusal, Request, candidate_pathway, selection, stage_label, transition,
    visible_candidate,
};
use crate::state::AppState;
use crate::views::{Page, error_detail, render, render_with_status};

fn percent(value: Option<f64>, locale: &Locale) -> String {
    crate::format::optional_percentage(value, locale)
}

pub struct CandidateRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub administration: String,
    pub stage: String,
    pub stage_code: &'static str,
}

pub struct StageOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "candidates.html")]
pub struct CandidatesPage {
    pub page: Page,
    pub stages: Vec<StageOption>,
    pub rows: Vec<CandidateRow>,
}

#[derive(Deserialize)]
pub struct CandidatesQuery {
    pub stage: Option<String>,
}

/// `GET /candidates` (Secretariat): every expert and participant account
/// with its stage today, filterable by stage.
pub async fn list_candidates(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<CandidatesQuery>,
) -> Result<Response> {
    use_cases::require_mover(&signed_in.caller)?;
    let locale = &context.locale;
    let store = state.store();
    let filter = match query.stage.as_deref().filter(|s| !s.is_empty()) {
        Some(code) => Some(Stage::parse(code).map_err(|e| AppError::Invalid(vec![e]))?),
        None => None,
    };
    let labels = store.pathway_labels().await?;
    let stages = store.pathway_stages().await?;
    let recognitions = store.recognitions().await?;
    let today = crate::pathway::today(&state);
    let mut rows = Vec::new();
    for user in store.users().await? {
        if !use_cases::is_candidate(&user) {
            continue;
        }
        let until = recognitions
            .iter()
            .find(|r| r.user_id == user.id)
            .and_then(|r| chrono::NaiveDate::parse_from_str(&r.valid_until, "%Y-%m-%d").ok());
        let recorded = stages.get(&user.id).copied().unwrap_or(Stage::Nominated);
        let stage = gedhub_core::pathway::effective_stage(recorded, until, today);
        if filter.is_some_and(|f| f != stage) {
            continue;
        }
        rows.push(CandidateRow {
            id: user.id.0,
            name: user.name.clone(),
            email: user.email.as_str().to_owned(),
            administration: user
                .administration
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            stage: stage_label(locale, &labels, stage),
            stage_code: stage.as_str(),
        });
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(render(&CandidatesPage {
        page: Page::new(&context, "pathway-candidates-title"),
        stages: Stage::ALL
            .into_iter()
            .map(|s| StageOption {
                code: s.as_str(),
                label: stage_label(locale, &labels, s),
                selected: filter == Some(s),
            })
            .collect(),
        rows,
    }))
}

pub struct HistoryRow {
    pub from: String,
    pub to: String,
    pub at: String,
    pub by: String,
    pub reason: String,
    pub overridden: Vec<String>,
}

#[derive(Template)]
#[template(path = "candidate.html")]
pub struct CandidatePage {
    pub page: Page,
    pub id: i64,
    pub name: String,
    pub email: String,
    pub administration: String,
    pub stage: String,
    pub stage_code: &'static str,
    pub next: String,
    pub missing: Vec<String>,
    pub history: Vec<HistoryRow>,
    pub trained: Vec<(String, String)>,
    /// The moves the Secretariat may ask for (empty for everyone else).
    pub moves: Vec<StageOption>,
    pub notice: Option<String>,
    pub reason: String,
}

fn candidate_page(
    context: &RequestContext,
    signed_in: &SignedIn,
    labels: &HashMap<(Stage, String), String>,
    pathway: CandidatePathway,
    sex: Option<&str>,
) -> CandidatePage {
    let locale = &context.locale;
    let label = |stage: Stage| crate::pathway::person_stage_label(locale, labels, stage, sex);
    let facts = &pathway.facts;
    let trained = vec![
        (
            locale.t("pathway-fact-train-the-trainer"),
            locale.t(if facts.completed_train_the_trainer {
                "pathway-yes"
            } else {
                "pathway-no"
            }),
        ),
        (
            locale.t("pathway-fact-elearning"),
            format!(
                "{} / {}",
                facts.elearning_completed, facts.elearning_modules
            ),
        ),
        (
            locale.t("pathway-fact-post-test"),
            format!(
                "{} ({} {})",
                percent(facts.best_post_test_pct, locale),
                locale.t("pathway-threshold"),
                percent(Some(pathway.settings.trained_post_test_pct), locale)
            ),
        ),
        (
            locale.t("pathway-fact-recognition"),
            facts
                .recognition_valid_until
                .map_or_else(|| "–".to_owned(), |d| format::long_date(d, locale)),
        ),
    ];
    let moves = if signed_in.principal.is_secretariat() {
        Stage::ALL
            .into_iter()
            .filter(|to| pathway.stage.may_move_to(*to))
            .map(|to| StageOption {
                code: to.as_str(),
                label: label(to),
                selected: Some(to) == pathway.next,
            })
            .collect()
    } else {
        Vec::new()
    };
    CandidatePage {
        page: Page::new(context, "pathway-title").with_title(
            locale.t_args("pathway-title-of", &[("name", pathway.person.name.clone())]),
        ),
        id: pathway.person.id.0,
        name: pathway.person.name.clone(),
        email: pathway.person.email.as_str().to_owned(),
        administration: pathway
            .person
            .administration
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        stage: label(pathway.stage),
        stage_code: pathway.stage.as_str(),
        next: pathway.next.map(label).unwrap_or_default(),
        missing: pathway
            .missing
            .iter()
            .map(|m| locale.t(&format!("error-{}", m.as_str())))
            .collect(),
        history: pathway
            .history
            .iter()
            .rev()
            .map(|e| HistoryRow {
                from: label(e.from),
                to: label(e.to),
                at: e
                    .recorded_at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                by: e.recorded_by.clone(),
                reason: e.reason.clone(),
                overridden: e
                    .overridden
                    .iter()
                    .map(|code| locale.t(&format!("error-{code}")))
                    .collect(),
            })
            .collect(),
        trained,
        moves,
        notice: None,
        reason: String::new(),
    }
}

#[derive(Deserialize)]
pub struct CandidateQuery {
    pub moved: Option<String>,
}

/// `GET /candidates/{user}`: the candidate, the Secretariat and the focal
/// points of the candidate's administration; anyone else 404.
pub async fn show_candidate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<CandidateQuery>,
) -> Result<Response> {
    let person = visible_candidate(&state, &signed_in, UserId(id)).await?;
    let pathway = candidate_pathway(&state, &signed_in, person).await?;
    let labels = state.store().pathway_labels().await?;
    let sex = state.store().user_sex(pathway.person.id).await?;
    let mut page = candidate_page(&context, &signed_in, &labels, pathway, sex.as_deref());
    page.notice = query
        .moved
        .as_deref()
        .and_then(|code| Stage::parse(code).ok())
        .map(|stage| {
            context.locale.t_args(
                "pathway-moved",
                &[("stage", stage_label(&context.locale, &labels, stage))],
            )
        });
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct TransitionForm {
    pub to: String,
    #[serde(default)]
    pub reason: String,
    /// A checkbox: present (`on`) to waive missing prerequisites.
    #[serde(rename = "override", default)]
    pub override_missing: Option<String>,
}

/// `POST /candidates/{user}/transitions` (Secretariat): makes the move, or
/// shows the page again with what is missing (422) or why the move does
/// not exist (409).
pub async fn create_transition(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<TransitionForm>,
) -> Result<Response> {
    use_cases::require_mover(&signed_in.caller)?;
    let person = visible_candidate(&state, &signed_in, UserId(id)).await?;
    let to = Stage::parse(&form.to).map_err(|e| AppError::Invalid(vec![e]))?;
    let request = Request {
        to,
        reason: form.reason.clone(),
        override_missing: form.override_missing.is_some(),
    };
    // A refusal comes back as the candidate's page with the reason kept
    // (refused_forms); what is missing shows at the override box.
    match transition(&state, &signed_in, &person, request).await? {
        Ok(_) => {
            Ok(Redirect::to(&format!("/candidates/{id}?moved={}", to.as_str())).into_response())
        }
        Err(Refusal::NotAllowed { .. }) => Err(AppError::Conflict("stage_not_reachable")),
        Err(Refusal::Missing(missing)) => Err(AppError::Invalid(
            missing
                .iter()
                .map(|m| ValidationError::new("override", m.as_str()))
                .collect(),
        )),
    }
}

pub struct SelectionLine {
    pub rank: usize,
    pub user_id: i64,
    pub name: String,
    pub administration: String,
    pub region: String,
    pub languages: String,
    pub composite: String,
    pub post_test: String,
    pub gain: String,
    pub attendance: String,
    pub exercises: String,
    pub rubric: String,
    pub stage: String,
    /// Only trained candidates can be invited.
    pub invitable: bool,
}

#[derive(Template)]
#[template(path = "selection.html")]
pub struct SelectionPage {
    pub page: Page,
    pub workshop_id: i64,
    pub workshop_title: String,
    pub weights: Vec<(&'static str, String, String)>,
    pub threshold: String,
    pub lines: Vec<SelectionLine>,
    pub notice: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Deserialize)]
pub struct SelectionQuery {
    pub invited: Option<usize>,
}

async fn selection_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    workshop_id: i64,
) -> Result<SelectionPage> {
    let locale = &context.locale;
    let workshop = state.store().workshop(workshop_id).await?;
    let labels = state.store().pathway_labels().await?;
    let (settings, rows) = selection(state, signed_in, workshop_id).await?;
    let w = settings.weights;
    let total = w.post_test + w.knowledge_gain + w.attendance + w.exercises + w.rubric;
    let share = |weight: f64| percent(Some(weight / total * 100.0), locale);
    Ok(SelectionPage {
        page: Page::new(context, "selection-title").with_title(locale.t_args(
            "selection-title-of",
            &[("workshop", workshop.title.clone())],
        )),
        workshop_id,
        workshop_title: workshop.title,
        weights: vec![
            (
                "weight_post_test",
                locale.t("selection-post-test"),
                share(w.post_test),
            ),
            (
                "weight_knowledge_gain",
                locale.t("selection-gain"),
                share(w.knowledge_gain),
            ),
            (
                "weight_attendance",
                locale.t("selection-attendance"),
                share(w.attendance),
            ),
            (
                "weight_exercises",
                locale.t("selection-exercises"),
                share(w.exercises),
            ),
            (
                "weight_rubric",
                locale.t("selection-rubric"),
                share(w.rubric),
            ),
        ],
        threshold: percent(Some(settings.trained_post_test_pct), locale),
        lines: rows
            .into_iter()
            .map(|row| {
                let stage = Stage::parse(&row.stage).unwrap_or(Stage::Nominated);
                let gain = match (row.pre_test_pct, row.post_test_pct) {
                    (Some(pre), Some(post)) => {
                        format::signed_decimal(post - pre, Digits::Exactly(1), locale)
                    }
                    _ => "–".to_owned(),
                };
                SelectionLine {
                    rank: row.rank,
                    user_id: row.user_id,
                    name: row.name,
                    administration: row.administration.unwrap_or_default(),
                    region: row
                        .region
                        .as_deref()
                        .map(|r| locale.t(&format!("region-{r}")))
                        .unwrap_or_default(),
                    languages: row.languages,
                    composite: number(row.composite, locale),
                    post_test: percent(row.post_test_pct, locale),
                    gain,
                    attendance: percent(row.attendance_pct, locale),
                    exercises: percent(row.exercise_pct, locale),
                    rubric: row
                        .rubric_mean
                        .map_or_else(|| "–".to_owned(), |m| format!("{}/5", number(m, locale))),
                    stage: stage_label(locale, &labels, stage),
                    invitable: stage == Stage::Trained,
                }
            })
            .collect(),
        notice: None,
        errors: Vec::new(),
    })
}

/// `GET /workshops/{workshop}/selection` (Secretariat; 404 for everyone
/// else, participants included: the ranking is the Secretariat's).
pub async fn show_selection(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(workshop): AppPath<i64>,
    AppQuery(query): AppQuery<SelectionQuery>,
) -> Result<Response> {
    if !signed_in.principal.is_secretariat() {
        return Err(AppError::NotFound);
    }
    let mut page = selection_page(&state, &signed_in, &context, workshop).await?;
    page.notice = query.invited.map(|count| {
        context
            .locale
            .t_args("selection-invited", &[("count", count.to_string())])
    });
    Ok(render(&page))
}

/// `POST /workshops/{workshop}/selection/invite` (Secretariat): moves every
/// ticked candidate (`user` repeated) to `invited`, each notified. All or
/// none: if one cannot be invited the page says who and why, and no one
/// is moved.
pub async fn invite(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(workshop): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    if !signed_in.principal.is_secretariat() {
        return Err(AppError::NotFound);
    }
    let locale = &context.locale;
    let (_, rows) = selection(&state, &signed_in, workshop).await?;
    let mut chosen = Vec::new();
    let mut errors = Vec::new();
    for (key, value) in &fields {
        if key != "user" {
            continue;
        }
        let row = value
            .parse::<i64>()
            .ok()
            .and_then(|id| rows.iter().find(|r| r.user_id == id));
        match row {
            Some(row) if row.stage == Stage::Trained.as_str() => chosen.push(row.user_id),
            Some(row) => {
                errors.push(locale.t_args("selection-not-invitable", &[("name", row.name.clone())]))
            }
            None => errors.push(error_detail(locale, "not_a_candidate", None)),
        }
    }
    if chosen.is_empty() && errors.is_empty() {
        errors.push(locale.t("selection-none-chosen"));
    }
    if !errors.is_empty() {
        let mut page = selection_page(&state, &signed_in, &context, workshop).await?;
        page.errors = errors;
        return Ok(render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let mut invited = 0;
    for id in chosen {
        let person = state.store().user(UserId(id)).await?;
        let request = Request {
            to: Stage::Invited,
            reason: String::new(),
            override_missing: false,
        };
        if transition(&state, &signed_in, &person, request)
            .await?
            .is_ok()
        {
            invited += 1;
        }
    }
    Ok(Redirect::to(&format!(
        "/workshops/{workshop}/selection?invited={invited}"
    ))
    .into_response())
}

pub struct LabelRow {
    pub code: &'static str,
    pub standard_en: String,
    pub standard_fr: String,
    pub label_en: String,
    pub label_fr: String,
}

#[derive(Template)]
#[template(path = "pathway_settings.html")]
pub struct SettingsPage {
    pub page: Page,
    pub threshold: String,
    pub weights: Vec<(&'static str, String, String)>,
    pub labels: Vec<LabelRow>,
    pub notice: Option<String>,
}

#[derive(Deserialize)]
pub struct SettingsQuery {
    pub saved: Option<String>,
}

async fn settings_page(
    state: &AppState,
    context: &RequestContext,
    settings: &Settings,
) -> Result<SettingsPage> {
    let locale = &context.locale;
    let labels = state.store().pathway_labels().await?;
    let english = Locale::english();
    let french = Locale::from_code("fr").unwrap_or_else(Locale::english);
    let w = settings.weights;
    let raw = |v: f64| number(v, locale);
    Ok(SettingsPage {
        page: Page::new(context, "pathway-settings-title"),
        threshold: raw(settings.trained_post_test_pct),
        weights: vec![
            (
                "weight_post_test",
                locale.t("selection-post-test"),
                raw(w.post_test),
            ),
            (
                "weight_knowledge_gain",
                locale.t("selection-gain"),
                raw(w.knowledge_gain),
            ),
            (
                "weight_attendance",
                locale.t("selection-attendance"),
                raw(w.attendance),
            ),
            (
                "weight_exercises",
                locale.t("selection-exercises"),
                raw(w.exercises),
            ),
            ("weight_rubric", locale.t("selection-rubric"), raw(w.rubric)),
        ],
        labels: Stage::ALL
            .into_iter()
            .map(|stage| {
                let key = format!("pathway-stage-{}", stage.as_str().replace('_', "-"));
                let given = |language: &str| {
                    labels
                        .get(&(stage, language.to_owned()))
                        .cloned()
                        .unwrap_or_default()
                };
                LabelRow {
                    code: stage.as_str(),
                    standard_en: english.t(&key),
                    standard_fr: french.t(&key),
                    label_en: given("en"),
                    label_fr: given("fr"),
                }
            })
            .collect(),
        notice: None,
    })
}

/// `GET /pathway/settings` (Secretariat).
pub async fn show_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<SettingsQuery>,
) -> Result<Response> {
    use_cases::require_mover(&signed_in.caller)?;
    let settings = state.store().pathway_settings().await?;
    let mut page = settings_page(&state, &context, &settings).await?;
    page.notice = query
        .saved
        .map(|_| context.locale.t("pathway-settings-saved"));
    Ok(render(&page))
}

/// Reads a number typed in either language's form (`72,5` or `72.5`).
fn parse_number(field: &'static str, text: &str) -> std::result::Result<f64, ValidationError> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or(ValidationError::new(field, "not_a_number"))
}

/// `POST /pathway/settings` (Secretariat): the post-test threshold, the
/// selection weights and the stage labels (`label_en_<stage>`,
/// `label_fr_<stage>`; blank restores the standard name).
pub async fn save_settings(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::require_mover(&signed_in.caller)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or("")
    };
    let mut problems = Vec::new();
    let mut read = |name: &'static str| match parse_number(name, field(name)) {
        Ok(v) => v,
        Err(e) => {
            problems.push(e);
            0.0
        }
    };
    let threshold = read("trained_post_test_pct");
    let values = [
        read("weight_post_test"),
        read("weight_knowledge_gain"),
        read("weight_attendance"),
        read("weight_exercises"),
        read("weight_rubric"),
    ];
    if problems.is_empty() && !(0.0..=100.0).contains(&threshold) {
        problems.push(ValidationError::new(
            "trained_post_test_pct",
            "not_a_percentage",
        ));
    }
    let weights = if problems.is_empty() {
        Weights::new(values[0], values[1], values[2], values[3], values[4])
            .map_err(|e| problems.push(e))
            .ok()
    } else {
        None
    };
    let mut label_problems = Vec::new();
    for (key, value) in &fields {
        if let Some(rest) = key.strip_prefix("label_")
            && let Some((language, code)) = rest.split_once('_')
            && (!matches!(language, "en" | "fr")
                || Stage::parse(code).is_err()
                || value.chars().count() > 80)
        {
            label_problems.push(ValidationError::new("label", "invalid_label"));
        }
    }
    problems.extend(label_problems.into_iter().take(1));
    let Some(weights) = weights.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let store = state.store();
    let actor = signed_in.actor();
    store
        .save_pathway_settings(
            &actor,
            &Settings {
                trained_post_test_pct: threshold,
                weights,
            },
        )
        .await?;
    let current = store.pathway_labels().await?;
    for (key, value) in &fields {
        if let Some(rest) = key.strip_prefix("label_")
            && let Some((language, code)) = rest.split_once('_')
            && let Ok(stage) = Stage::parse(code)
        {
            let before = current
                .get(&(stage, language.to_owned()))
                .map(String::as_str);
            if before.unwrap_or("") != value.trim() {
                store
                    .set_pathway_label(&actor, stage, language, value)
                    .await?;
            }
        }
    }
    Ok(Redirect::to("/pathway/settings?saved=1").into_response())
}
