//! Action-plan pages: the list (for the Secretariat, the cross-Member
//! overview), a new plan from a validated assessment's gaps, the plan's
//! dashboard (objectives → actions, indicators and their status), each
//! indicator's chart and measurements, imports, and the PDF and Excel
//! progress report.
//!
//! Access: the Secretariat and the focal points of the plan's administration
//! (`Access::Plan`); for anyone else a plan does not exist (404). Both may
//! change a plan while it is a draft or adopted; a closed plan is a record
//! (`plan_closed`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use gedhub_app::Problems;
use gedhub_app::plans::{self as use_cases, ActionInput, IndicatorForm, NewPlanInput};
use gedhub_core::monitoring::{ActionStatus, IndicatorDefinition, PlanStatus, Source, Status};
use gedhub_core::{AdministrationCode, Scope, ValidationError, parse_date, parse_optional_date};
use gedhub_store::plans::{MeasurementInput, NewObjective, Plan, PlanDetails};
use serde::Deserialize;

use crate::charts::{ChartLabels, ChartPoint, IndicatorChart, indicator_chart};
use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::format::{self, Digits, number};
use crate::i18n::Locale;
use crate::measurement_import::{ImportFailure, parse_measurements_as_of, parse_number};
use crate::monitoring::{IndicatorProgress, PlanProgress, plan_progress, plan_summaries, today};
use crate::pages::reports::{LangQuery, download_locale};
use crate::state::AppState;
use crate::views::{
    AdministrationNames, FormProblems, Page, download, error_detail, is_user_error, render,
    render_with_status,
};

// The use cases and the access rules live in `gedhub_app::plans` (shared
// with the API); this module turns forms into their inputs and results into
// pages.

/// The page's add-indicator form, as typed: every field text, milestones
/// one per line as `YYYY-MM-DD value`.
struct IndicatorFields(Vec<(String, String)>);

impl From<IndicatorFields> for IndicatorForm {
    fn from(IndicatorFields(fields): IndicatorFields) -> Self {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.trim().to_owned())
                .unwrap_or_default()
        };
        let milestones = field("milestones")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (date, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                (date.to_owned(), parse_number(value))
            })
            .collect();
        IndicatorForm {
            name_en: field("name_en"),
            name_fr: field("name_fr"),
            unit: field("unit"),
            direction: Some(field("direction")),
            baseline_value: parse_number(&field("baseline_value")),
            baseline_date: field("baseline_date"),
            target_value: parse_number(&field("target_value")),
            target_date: field("target_date"),
            milestones,
            frequency: Some(field("frequency")),
            source: field("source"),
            section: Some(field("section")),
            statistic: Some(field("statistic")),
            objective_id: field("objective_id").parse::<i64>().ok(),
        }
    }
}

// ----- display helpers ---------------------------------------------------------

fn with_unit(value: f64, definition: &IndicatorDefinition, locale: &Locale) -> String {
    match definition.unit() {
        gedhub_core::monitoring::Unit::Percent => format::percent(value, Digits::UpTo(2), locale),
        _ => number(value, locale),
    }
}

fn optional_pct(value: Option<f64>, locale: &Locale) -> String {
    crate::format::optional_percentage(value, locale)
}

pub fn indicator_name(definition: &IndicatorDefinition, locale: &Locale) -> String {
    let (first, second) = if locale.code() == "fr" {
        (definition.name_fr(), definition.name_en())
    } else {
        (definition.name_en(), definition.name_fr())
    };
    first.or(second).unwrap_or_default().to_owned()
}

fn status_label(locale: &Locale, status: Status) -> String {
    locale.t(&format!("indicator-status-{}", status.as_str()))
}

fn action_status_label(locale: &Locale, status: ActionStatus) -> String {
    locale.t(&format!("action-status-{}", status.as_str()))
}

fn plan_status_label(locale: &Locale, status: PlanStatus) -> String {
    locale.t(&format!("plan-status-{}", status.as_str()))
}

fn source_label(locale: &Locale, source: &Source) -> String {
    match source {
        Source::Manual => locale.t("indicator-source-manual"),
        Source::Assessment { section: None } => locale.t("indicator-source-assessment-overall"),
        Source::Assessment {
            section: Some(section),
        } => locale.t_args(
            "indicator-source-assessment-section",
            &[("section", section.clone())],
        ),
        Source::Workforce { statistic } => locale.t_args(
            "indicator-source-workforce",
            &[("statistic", statistic.clone())],
        ),
    }
}

/// "Label: value" with the language's punctuation ("Statut\u{a0}: …" in French).
fn labelled(locale: &Locale, label: &str, value: String) -> String {
    locale.t_args(
        "label-value",
        &[("label", locale.t(label)), ("value", value)],
    )
}

fn period(plan: &Plan, locale: &Locale) -> String {
    match (plan.period_start, plan.period_end) {
        (Some(start), Some(end)) => format::date_range(start, end, locale),
        (Some(start), None) => format!("{}\u{a0}–", format::medium_date(start, locale)),
        (None, Some(end)) => format!("–\u{a0}{}", format::medium_date(end, locale)),
        (None, None) => "–".to_owned(),
    }
}

async fn administration_name(
    state: &AppState,
    code: &AdministrationCode,
    locale: &Locale,
) -> String {
    state
        .store()
        .administration(&Scope::All, code)
        .await
        .map(|a| a.name(&locale.code()).to_owned())
        .unwrap_or_else(|_| code.to_string())
}

// ----- list and overview -----------------------------------------------------------

pub struct PlanRow {
    pub id: i64,
    pub title: String,
    pub administration: String,
    pub status: String,
    pub period: String,
    pub indicators: usize,
    pub on_track: String,
    pub overdue: usize,
    pub actions: usize,
    pub done: usize,
}

pub struct AssessmentChoice {
    pub id: i64,
    pub title: String,
    pub administration: String,
}

#[derive(Template)]
#[template(path = "plans.html")]
pub struct PlansPage {
    pub page: Page,
    pub is_secretariat: bool,
    pub rows: Vec<PlanRow>,
    pub assessments: Vec<AssessmentChoice>,
    pub totals: String,
}

/// `GET /plans`: the plans the caller may see with their monitoring status
/// (the Secretariat sees every Member's: the cross-Member overview).
pub async fn list_plans(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
) -> Result<Response> {
    let caller = &signed_in.caller;
    use_cases::require_starter(caller)?;
    let scope = use_cases::scope(caller);
    let locale = &context.locale;
    let today = today(&state);
    let summaries = if scope == Scope::All {
        plan_summaries(&state, today).await?
    } else {
        let mut own = Vec::new();
        for plan in use_cases::list(state.store(), caller).await? {
            let progress = plan_progress(&state, &scope, plan.id, today).await?;
            own.push(crate::monitoring::PlanSummary {
                indicators: progress.indicators.len(),
                by_status: progress.indicators_by_status(),
                actions: progress.actions,
                plan,
            });
        }
        own
    };
    let names = AdministrationNames::load(&state, locale).await?;
    let mut rows: Vec<PlanRow> = summaries
        .iter()
        .map(|summary| PlanRow {
            id: summary.plan.id,
            title: summary.plan.title.clone(),
            administration: names.of(summary.plan.administration.as_str()),
            status: plan_status_label(locale, summary.plan.status),
            period: period(&summary.plan, locale),
            indicators: summary.indicators,
            on_track: optional_pct(summary.on_track_pct(), locale),
            overdue: summary.actions.overdue,
            actions: summary.actions.total,
            done: summary.actions.done,
        })
        .collect();
    rows.sort_by(|a, b| {
        a.administration
            .cmp(&b.administration)
            .then(b.id.cmp(&a.id))
    });
    let administrations_with_plans = summaries
        .iter()
        .map(|s| s.plan.administration.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let totals = locale.t_args(
        "plans-totals",
        &[
            ("plans", summaries.len().to_string()),
            ("administrations", administrations_with_plans.to_string()),
            (
                "overdue",
                summaries
                    .iter()
                    .map(|s| s.actions.overdue)
                    .sum::<usize>()
                    .to_string(),
            ),
        ],
    );
    Ok(render(&PlansPage {
        page: Page::new(&context, "plans-title"),
        is_secretariat: scope == Scope::All,
        rows,
        assessments: validated_assessments(&state, &signed_in).await?,
        totals,
    }))
}

async fn validated_assessments(
    state: &AppState,
    signed_in: &SignedIn,
) -> Result<Vec<AssessmentChoice>> {
    let scope = use_cases::scope(&signed_in.caller);
    let viewer = gedhub_store::assessments::Viewer {
        scope: scope.clone(),
        user_id: signed_in.user.id,
    };
    Ok(state
        .store()
        .assessments(&viewer)
        .await?
        .into_iter()
        .filter(|a| {
            a.status == gedhub_core::assessment::Status::Validated
                && scope.includes(&a.administration)
        })
        .map(|a| AssessmentChoice {
            id: a.id,
            title: a.title,
            administration: a.administration.to_string(),
        })
        .collect())
}

// ----- new plan -------------------------------------------------------------------

/// A gap offered as an objective: ticked only when the user ticked it
/// (nothing is chosen for them).
pub struct GapChoice {
    pub code: String,
    pub label: String,
    pub rating: u8,
    pub section: String,
    pub checked: bool,
}

/// The gaps of one section of the instrument, worst rated first.
pub struct GapSection {
    pub code: String,
    pub label: String,
    pub gaps: Vec<GapChoice>,
}

/// The new-plan form as typed: shown again, with the problems at their
/// fields, when it is refused.
#[derive(Debug, Clone, Default)]
pub struct NewPlanForm {
    pub title: String,
    pub administration: String,
    pub period_start: String,
    pub period_end: String,
    pub owner: String,
    pub gaps: Vec<String>,
}

#[derive(Template)]
#[template(path = "plan_new.html")]
pub struct NewPlanPage {
    pub page: Page,
    pub assessment: Option<AssessmentChoice>,
    pub sections: Vec<GapSection>,
    pub choose_administration: bool,
    pub form: NewPlanForm,
    pub problems: FormProblems,
}

#[derive(Deserialize, Default)]
pub struct NewPlanQuery {
    pub assessment: Option<i64>,
}

/// `GET /plans/new[?assessment=ID]`: the form; with a validated assessment,
/// its gaps as a checklist grouped by section, worst rated first, none
/// ticked (each ticked gap becomes an objective).
pub async fn new_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<NewPlanQuery>,
) -> Result<Response> {
    use_cases::require_starter(&signed_in.caller)?;
    let year = today(&state).year();
    let form = NewPlanForm {
        period_start: format!("{year}-01-01"),
        period_end: format!("{}-12-31", year + 2),
        ..NewPlanForm::default()
    };
    let offered = match query.assessment {
        Some(id) => Some(offered_gaps(&state, &signed_in, &context, id, &[]).await?),
        None => None,
    };
    Ok(render(&new_plan_page(&signed_in, &context, offered, form)))
}

/// A validated assessment the caller may build a plan from, with its gaps
/// (`ticked` are the codes the user chose); another administration's, or
/// one not validated, is `NotFound`.
async fn offered_gaps(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    id: i64,
    ticked: &[String],
) -> Result<(AssessmentChoice, Vec<GapSection>)> {
    let choice = validated_assessments(state, signed_in)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::NotFound)?;
    let sections = assessment_gaps(state, id, &context.locale, ticked).await?;
    Ok((choice, sections))
}

/// The new-plan page for `form`, with the assessment and gaps it builds on.
fn new_plan_page(
    signed_in: &SignedIn,
    context: &RequestContext,
    offered: Option<(AssessmentChoice, Vec<GapSection>)>,
    form: NewPlanForm,
) -> NewPlanPage {
    let (assessment, sections) = offered.unzip();
    NewPlanPage {
        page: Page::new(context, "plans-new"),
        choose_administration: signed_in.principal.is_secretariat(),
        assessment,
        sections: sections.unwrap_or_default(),
        form,
        problems: FormProblems::default(),
    }
}

/// The assessment's gaps by section (in the instrument's order), each
/// section's worst rated first, then in the instrument's order; `ticked`
/// are the codes the user chose.
async fn assessment_gaps(
    state: &AppState,
    id: i64,
    locale: &Locale,
    ticked: &[String],
) -> Result<Vec<GapSection>> {
    let viewer = gedhub_store::assessments::Viewer {
        scope: Scope::All,
        user_id: gedhub_core::UserId(0),
    };
    let access = state.store().assessment(&viewer, id).await?;
    let diagnostic = crate::diagnostic::Diagnostic::load(state, access.assessment, locale).await?;
    let lang = locale.code();
    let instrument = &diagnostic.instrument;
    let position = |code: &str| {
        instrument
            .indicators()
            .position(|(_, _, indicator)| indicator.code == code)
            .unwrap_or(usize::MAX)
    };
    let mut sections: Vec<GapSection> = instrument
        .sections
        .iter()
        .map(|section| GapSection {
            code: section.code.clone(),
            label: section.label.get(&lang).to_owned(),
            gaps: Vec::new(),
        })
        .collect();
    for gap in &diagnostic.scores.gaps {
        let Some(section) = sections.iter_mut().find(|s| s.code == gap.section) else {
            continue;
        };
        section.gaps.push(GapChoice {
            label: instrument
                .indicator(&gap.indicator)
                .map(|(_, _, indicator)| indicator.label.get(&lang).to_owned())
                .unwrap_or_default(),
            code: gap.indicator.clone(),
            rating: gap.rating,
            section: gap.section.clone(),
            checked: ticked.contains(&gap.indicator),
        });
    }
    for section in &mut sections {
        section
            .gaps
            .sort_by_key(|gap| (gap.rating, position(&gap.code)));
    }
    sections.retain(|section| !section.gaps.is_empty());
    Ok(sections)
}

/// `POST /plans`: fields `title`, `period_start`, `period_end`, `owner`,
/// optional `assessment_id`, `administration` (Secretariat) and any number
/// of `gap` (indicator codes): each ticked gap becomes an objective linked
/// to it. A refused form comes back as typed, each problem at its field.
pub async fn create_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    use_cases::require_starter(&signed_in.caller)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    let form = NewPlanForm {
        title: field("title"),
        administration: field("administration"),
        period_start: field("period_start"),
        period_end: field("period_end"),
        owner: field("owner"),
        gaps: fields
            .iter()
            .filter(|(key, _)| key == "gap")
            .map(|(_, code)| code.trim().to_owned())
            .collect(),
    };
    let assessment_id = match field("assessment_id").as_str() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| ValidationError::new("assessment_id", "assessment_not_validated"))?,
        ),
    };
    // The gaps are read once, for the objectives and for a refused form. An
    // assessment the caller may not build on offers none: the use case then
    // refuses it at its field (`assessment_not_validated`).
    let offered = match assessment_id {
        Some(id) => match offered_gaps(&state, &signed_in, &context, id, &form.gaps).await {
            Ok(offered) => Some(offered),
            Err(AppError::NotFound) => None,
            Err(other) => return Err(other),
        },
        None => None,
    };
    let sections = offered.as_ref().map(|(_, sections)| sections.as_slice());
    let result = match plan_input(assessment_id, sections.unwrap_or_default(), &form) {
        Ok(input) => use_cases::create(state.store(), &signed_in.caller, input)
            .await
            .map_err(AppError::from),
        Err(error) => Err(error),
    };
    match result {
        Ok(plan) => Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response()),
        Err(error) if is_user_error(&error) => {
            let mut page = new_plan_page(&signed_in, &context, offered, form);
            page.problems = FormProblems::new(&context.locale, &error, new_plan_field_id);
            Ok(render_with_status(error.status(), &page))
        }
        Err(error) => Err(error),
    }
}

/// The use case's input from the form and the gaps `sections` offered (a
/// ticked code not among them is `unknown_indicator`), with every problem
/// found.
fn plan_input(
    assessment_id: Option<i64>,
    sections: &[GapSection],
    form: &NewPlanForm,
) -> Result<NewPlanInput> {
    let mut problems = Problems::new();
    let mut objectives = Vec::new();
    let offered: Vec<&GapChoice> = sections.iter().flat_map(|s| &s.gaps).collect();
    for code in &form.gaps {
        match offered.iter().find(|gap| &gap.code == code) {
            Some(gap) => objectives.push(NewObjective {
                title: format!("{} – {}", gap.code, gap.label)
                    .chars()
                    .take(300)
                    .collect(),
                indicator_codes: vec![gap.code.clone()],
            }),
            None => problems.push(ValidationError::new("gap", "unknown_indicator")),
        }
    }
    let period_start = problems.check(parse_optional_date(
        "period_start",
        Some(&form.period_start),
    ));
    let period_end = problems.check(parse_optional_date("period_end", Some(&form.period_end)));
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.into_vec()));
    }
    Ok(NewPlanInput {
        administration: Some(form.administration.clone()).filter(|a| !a.is_empty()),
        assessment_id,
        title: form.title.clone(),
        period_start: period_start.flatten(),
        period_end: period_end.flatten(),
        owner: form.owner.clone(),
        objectives,
    })
}

/// The `id` of the new-plan form's element for `field`.
fn new_plan_field_id(field: &str) -> String {
    match field {
        "gap" => "plan-gaps".to_owned(),
        other => other.to_owned(),
    }
}

// ----- the plan's dashboard ----------------------------------------------------------

pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub responsible: String,
    pub start: String,
    pub due: String,
    pub budget: String,
    pub status: String,
    pub status_code: String,
    pub overdue: bool,
    pub notes: String,
}

pub struct ObjectiveBlock {
    pub id: i64,
    pub title: String,
    pub codes: Vec<String>,
    pub actions: Vec<ActionRow>,
    /// Published practices related to the objective's first GEOAT code
    /// with a practice area (filled by the handler; none without codes).
    pub related: Vec<crate::practices::Related>,
}

pub struct IndicatorRow {
    pub id: i64,
    pub name: String,
    pub objective: String,
    pub source: String,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    pub progress: String,
    pub elapsed: String,
    pub status: String,
    pub status_code: String,
    pub reference: String,
}

pub struct Count {
    pub label: String,
    pub code: String,
    pub count: usize,
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    pub page: Page,
    pub id: i64,
    pub title: String,
    pub administration: String,
    pub status: String,
    pub period: String,
    pub owner: String,
    pub period_start: String,
    pub period_end: String,
    pub as_of: String,
    pub assessment_id: Option<i64>,
    pub editable: bool,
    pub next_status: Option<Choice>,
    pub objectives: Vec<ObjectiveBlock>,
    pub indicators: Vec<IndicatorRow>,
    pub indicator_counts: Vec<Count>,
    pub action_counts: Vec<Count>,
    pub overdue: Vec<String>,
    pub needs_data: Vec<String>,
    pub action_statuses: Vec<Choice>,
    pub units: Vec<Choice>,
    pub frequencies: Vec<Choice>,
    pub statistics: Vec<String>,
    pub objective_choices: Vec<Choice>,
    pub other_lang: String,
}

fn indicator_row(
    item: &IndicatorProgress,
    objectives: &HashMap<i64, String>,
    locale: &Locale,
) -> IndicatorRow {
    let definition = &item.indicator.definition;
    let progress = &item.progress;
    IndicatorRow {
        id: item.indicator.id,
        name: indicator_name(definition, locale),
        objective: item
            .indicator
            .objective_id
            .and_then(|id| objectives.get(&id).cloned())
            .unwrap_or_default(),
        source: source_label(locale, definition.source()),
        baseline: format!(
            "{} ({})",
            with_unit(definition.baseline_value(), definition, locale),
            definition.baseline_date()
        ),
        target: format!(
            "{} ({})",
            with_unit(definition.target_value(), definition, locale),
            definition.target_date()
        ),
        latest: progress.latest.map_or_else(
            || "–".to_owned(),
            |m| {
                format!(
                    "{} ({})",
                    with_unit(m.value(), definition, locale),
                    m.date()
                )
            },
        ),
        progress: optional_pct(progress.progress_pct, locale),
        elapsed: optional_pct(progress.elapsed_pct, locale),
        status: status_label(locale, progress.status),
        status_code: progress.status.as_str().replace('_', "-"),
        reference: match progress.reference.kind {
            gedhub_core::monitoring::ReferenceKind::Target => String::new(),
            gedhub_core::monitoring::ReferenceKind::Milestone => locale.t_args(
                "indicator-towards-milestone",
                &[
                    (
                        "value",
                        with_unit(progress.reference.value, definition, locale),
                    ),
                    ("date", format::long_date(progress.reference.date, locale)),
                ],
            ),
        },
    }
}

fn objective_titles(progress: &PlanProgress) -> HashMap<i64, String> {
    progress
        .detail
        .objectives
        .iter()
        .map(|o| (o.id, o.title.clone()))
        .collect()
}

fn plan_page(
    progress: &PlanProgress,
    administration: String,
    context: &RequestContext,
) -> PlanPage {
    let locale = &context.locale;
    let plan = &progress.detail.plan;
    let today = progress.today;
    let titles = objective_titles(progress);
    let action_row = |a: &gedhub_store::plans::Action| ActionRow {
        id: a.id,
        title: a.title.clone(),
        responsible: a.responsible.clone(),
        start: format::optional_date(a.start_date, locale),
        due: format::medium_date(a.due_date, locale),
        budget: match (a.budget_amount, &a.budget_currency) {
            (Some(amount), Some(currency)) => format::amount(amount, currency, locale),
            _ => String::new(),
        },
        status: action_status_label(locale, a.status),
        status_code: a.status.as_str().to_owned(),
        overdue: gedhub_core::monitoring::is_overdue(a.due_date, a.status, today),
        notes: a.progress_notes.clone(),
    };
    let objectives = progress
        .detail
        .objectives
        .iter()
        .map(|o| ObjectiveBlock {
            id: o.id,
            title: o.title.clone(),
            codes: o.indicator_codes.clone(),
            related: Vec::new(),
            actions: progress
                .detail
                .actions
                .iter()
                .filter(|a| a.objective_id == o.id)
                .map(action_row)
                .collect(),
        })
        .collect();
    let overdue = progress
        .detail
        .actions
        .iter()
        .filter(|a| gedhub_core::monitoring::is_overdue(a.due_date, a.status, today))
        .map(|a| format!("{} ({})", a.title, a.due_date))
        .collect();
    let needs_data = progress
        .indicators
        .iter()
        .filter(|i| {
            i.progress.status == Status::NoData
                || i.indicator.definition.frequency().next_due(
                    i.progress
                        .latest
                        .map_or(i.indicator.definition.baseline_date(), |m| m.date()),
                ) <= today
        })
        .map(|i| indicator_name(&i.indicator.definition, locale))
        .collect();
    let editable = plan.status != PlanStatus::Closed;
    let next_status = match plan.status {
        PlanStatus::Draft => Some(PlanStatus::Adopted),
        PlanStatus::Adopted => Some(PlanStatus::Closed),
        PlanStatus::Closed => None,
    }
    .map(|next| Choice {
        value: next.as_str().to_owned(),
        label: locale.t(&format!("plan-make-{}", next.as_str())),
    });
    PlanPage {
        page: Page::new(context, "plans-title").with_title(plan.title.clone()),
        id: plan.id,
        title: plan.title.clone(),
        administration,
        status: plan_status_label(locale, plan.status),
        period: period(plan, locale),
        owner: plan.owner.clone(),
        period_start: plan.period_start.map(|d| d.to_string()).unwrap_or_default(),
        period_end: plan.period_end.map(|d| d.to_string()).unwrap_or_default(),
        as_of: format::long_date(today, locale),
        assessment_id: plan.assessment_id,
        editable,
        next_status,
        objectives,
        indicators: progress
            .indicators
            .iter()
            .map(|i| indicator_row(i, &titles, locale))
            .collect(),
        indicator_counts: progress
            .indicators_by_status()
            .into_iter()
            .map(|(status, count)| Count {
                label: status_label(locale, status),
                code: status.as_str().replace('_', "-"),
                count,
            })
            .collect(),
        action_counts: progress
            .actions_by_status()
            .into_iter()
            .map(|(status, count)| Count {
                label: action_status_label(locale, status),
                code: status.as_str().to_owned(),
                count,
            })
            .collect(),
        overdue,
        needs_data,
        action_statuses: ActionStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: action_status_label(locale, *s),
            })
            .collect(),
        units: gedhub_core::monitoring::Unit::ALL
            .iter()
            .map(|u| Choice {
                value: u.as_str().to_owned(),
                label: locale.t(&format!("indicator-unit-{}", u.as_str())),
            })
            .collect(),
        frequencies: gedhub_core::monitoring::Frequency::ALL
            .iter()
            .map(|f| Choice {
                value: f.as_str().to_owned(),
                label: locale.t(&format!("indicator-frequency-{}", f.as_str())),
            })
            .collect(),
        statistics: gedhub_core::workforce::STATISTIC_KEYS
            .iter()
            .map(|k| (*k).to_owned())
            .collect(),
        objective_choices: progress
            .detail
            .objectives
            .iter()
            .map(|o| Choice {
                value: o.id.to_string(),
                label: o.title.clone(),
            })
            .collect(),
        other_lang: if locale.code() == "fr" { "en" } else { "fr" }.to_owned(),
    }
}

/// `GET /plans/{plan}`: the plan's dashboard and progress report page.
pub async fn show_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let caller = &signed_in.caller;
    let plan = use_cases::visible(state.store(), caller, id).await?;
    let progress = plan_progress(&state, &use_cases::scope(caller), plan.id, today(&state)).await?;
    let name = administration_name(&state, &plan.administration, &context.locale).await;
    let mut page = plan_page(&progress, name, &context);
    for objective in &mut page.objectives {
        let code = objective
            .codes
            .iter()
            .find(|code| gedhub_core::practices::area_of_code(code).is_some());
        if let Some(code) = code
            && let Some(block) = crate::practices::related(&state, &context.locale, code).await?
        {
            objective.related.push(block);
        }
    }
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct StatusForm {
    pub status: String,
}

/// `POST /plans/{plan}/status`: adopt or close.
pub async fn change_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<StatusForm>,
) -> Result<Response> {
    use_cases::set_status(state.store(), &signed_in.caller, id, &form.status).await?;
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct DetailsForm {
    pub title: String,
    #[serde(default)]
    pub period_start: String,
    #[serde(default)]
    pub period_end: String,
    #[serde(default)]
    pub owner: String,
}

impl TryFrom<DetailsForm> for PlanDetails {
    type Error = Problems;

    fn try_from(form: DetailsForm) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let period_start = problems.check(parse_optional_date(
            "period_start",
            Some(&form.period_start),
        ));
        let period_end = problems.check(parse_optional_date("period_end", Some(&form.period_end)));
        let (Some(period_start), Some(period_end)) = (period_start, period_end) else {
            return Err(problems);
        };
        Ok(PlanDetails {
            title: form.title,
            period_start,
            period_end,
            owner: form.owner,
        })
    }
}

/// `POST /plans/{plan}/details`: title, period and owner.
pub async fn update_details(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<DetailsForm>,
) -> Result<Response> {
    use_cases::update_details(state.store(), &signed_in.caller, id, form).await?;
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct ObjectiveForm {
    pub title: String,
    /// GEOAT indicator codes separated by commas or spaces.
    #[serde(default)]
    pub indicator_codes: String,
}

/// `POST /plans/{plan}/objectives`.
pub async fn add_objective(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ObjectiveForm>,
) -> Result<Response> {
    let codes = form
        .indicator_codes
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    use_cases::add_objective(
        state.store(),
        &signed_in.caller,
        id,
        NewObjective {
            title: form.title,
            indicator_codes: codes,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/plans/{id}#objectives")).into_response())
}

#[derive(Deserialize)]
pub struct ActionForm {
    pub objective_id: String,
    pub title: String,
    #[serde(default)]
    pub responsible: String,
    /// The account reminded of this action (optional).
    #[serde(default)]
    pub responsible_email: String,
    #[serde(default)]
    pub start_date: String,
    pub due_date: String,
    #[serde(default)]
    pub budget_amount: String,
    #[serde(default)]
    pub budget_currency: String,
    #[serde(default)]
    pub status: String,
}

impl TryFrom<ActionForm> for ActionInput {
    type Error = Problems;

    /// Reads every field, reporting every problem at once.
    fn try_from(form: ActionForm) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let objective_id = problems.check(
            form.objective_id
                .trim()
                .parse::<i64>()
                .map_err(|_| ValidationError::new("objective_id", "unknown_objective")),
        );
        let start_date = problems
            .check(parse_optional_date("start_date", Some(&form.start_date)))
            .flatten();
        let due_date = problems.check(parse_date("due_date", &form.due_date));
        let budget_amount = match form.budget_amount.trim() {
            "" => None,
            text => {
                let amount = parse_number(text);
                if amount.is_none() {
                    problems.push(ValidationError::new("budget_amount", "invalid_amount"));
                }
                amount
            }
        };
        let status = problems.check(ActionStatus::parse(if form.status.trim().is_empty() {
            "not_started"
        } else {
            &form.status
        }));
        let (Some(objective_id), Some(due_date), Some(status), true) =
            (objective_id, due_date, status, problems.is_empty())
        else {
            return Err(problems);
        };
        Ok(ActionInput {
            objective_id,
            title: form.title,
            responsible: form.responsible,
            responsible_email: Some(form.responsible_email),
            start_date,
            due_date,
            budget_amount,
            budget_currency: Some(form.budget_currency).filter(|c| !c.trim().is_empty()),
            status,
            progress_notes: String::new(),
        })
    }
}

/// `POST /plans/{plan}/actions`.
pub async fn add_action(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ActionForm>,
) -> Result<Response> {
    let action = use_cases::add_action(state.store(), &signed_in.caller, id, form).await?;
    let objective_id = action.objective_id;
    Ok(Redirect::to(&format!("/plans/{id}#objective-{objective_id}")).into_response())
}

#[derive(Deserialize)]
pub struct ActionUpdateForm {
    pub status: String,
    #[serde(default)]
    pub progress_notes: String,
}

/// `POST /plans/{plan}/actions/{action}`: status and progress notes.
pub async fn update_action(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((id, action)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<ActionUpdateForm>,
) -> Result<Response> {
    let updated = use_cases::update_action(
        state.store(),
        &signed_in.caller,
        id,
        action,
        &form.status,
        form.progress_notes,
    )
    .await?;
    Ok(Redirect::to(&format!("/plans/{id}#objective-{}", updated.objective_id)).into_response())
}

/// `POST /plans/{plan}/indicators`: the add-indicator form. Milestones are
/// written one per line as `YYYY-MM-DD value`.
pub async fn add_indicator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<i64>,
    AppForm(fields): AppForm<Vec<(String, String)>>,
) -> Result<Response> {
    let form = IndicatorForm::from(IndicatorFields(fields));
    let indicator = use_cases::add_indicator(state.store(), &signed_in.caller, id, form).await?;
    Ok(Redirect::to(&format!("/plans/{id}/indicators/{}", indicator.id)).into_response())
}

// ----- one indicator -------------------------------------------------------------------

pub struct MeasurementRow {
    pub date: String,
    pub value: String,
    pub comment: String,
    pub entered_by: String,
    pub entered_at: String,
    pub superseded: bool,
}

pub struct ProblemRow {
    pub line: usize,
    pub column: String,
    pub problem: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "plan_indicator.html")]
pub struct IndicatorPage {
    pub page: Page,
    pub plan_id: i64,
    pub plan_title: String,
    pub id: i64,
    pub row: IndicatorRow,
    pub unit: String,
    pub direction: String,
    pub frequency: String,
    pub milestones: Vec<String>,
    pub projection: String,
    pub chart: String,
    pub history: Vec<MeasurementRow>,
    pub manual: bool,
    pub editable: bool,
    pub default_date: String,
    pub error: Option<String>,
    pub problems: Vec<ProblemRow>,
}

async fn indicator_page(
    state: &AppState,
    signed_in: &SignedIn,
    context: &RequestContext,
    plan_id: i64,
    indicator_id: i64,
) -> Result<IndicatorPage> {
    let locale = &context.locale;
    let caller = &signed_in.caller;
    let plan = use_cases::visible(state.store(), caller, plan_id).await?;
    let progress = plan_progress(state, &use_cases::scope(caller), plan.id, today(state)).await?;
    let item = progress
        .indicators
        .iter()
        .find(|i| i.indicator.id == indicator_id)
        .ok_or(AppError::NotFound)?;
    let definition = &item.indicator.definition;
    let name = indicator_name(definition, locale);
    let row = indicator_row(item, &objective_titles(&progress), locale);
    let history = state
        .store()
        .measurement_history(indicator_id)
        .await?
        .into_iter()
        .rev()
        .map(|m| MeasurementRow {
            date: format::medium_date(m.date, locale),
            value: with_unit(m.value, definition, locale),
            comment: m.comment,
            entered_by: m.entered_by,
            entered_at: format::stored_date_time(&m.entered_at, locale),
            superseded: m.superseded_by.is_some(),
        })
        .collect();
    let chart = indicator_svg(item, &row, progress.today, locale);
    Ok(IndicatorPage {
        page: Page::new(context, "plans-title").with_title(name),
        plan_id: plan.id,
        plan_title: plan.title.clone(),
        id: indicator_id,
        unit: locale.t(&format!("indicator-unit-{}", definition.unit().as_str())),
        direction: locale.t(&format!(
            "indicator-direction-{}",
            definition.direction().as_str()
        )),
        frequency: locale.t(&format!(
            "indicator-frequency-{}",
            definition.frequency().as_str()
        )),
        milestones: definition
            .milestones()
            .iter()
            .map(|m| format!("{}: {}", m.date, with_unit(m.value, definition, locale)))
            .collect(),
        projection: item.projection.map_or_else(
            || "–".to_owned(),
            |p| {
                locale.t_args(
                    "indicator-projection-value",
                    &[
                        ("value", with_unit(p.at_target_date, definition, locale)),
                        ("date", format::long_date(definition.target_date(), locale)),
                    ],
                )
            },
        ),
        chart,
        history,
        manual: *definition.source() == Source::Manual,
        editable: plan.status != PlanStatus::Closed,
        default_date: progress.today.to_string(),
        error: None,
        problems: Vec::new(),
        row,
    })
}

/// The indicator's line chart (baseline, target line, milestones, values,
/// projection, today), for the page and the PDF.
fn indicator_svg(
    item: &IndicatorProgress,
    row: &IndicatorRow,
    today: NaiveDate,
    locale: &Locale,
) -> String {
    let definition = &item.indicator.definition;
    let point = |date, value| ChartPoint { date, value };
    let milestones: Vec<ChartPoint> = definition
        .milestones()
        .iter()
        .map(|m| point(m.date, m.value))
        .collect();
    let measurements: Vec<ChartPoint> = item
        .measurements
        .iter()
        .map(|m| point(m.date(), m.value()))
        .collect();
    let description = locale.t_args(
        "indicator-chart-description",
        &[
            ("status", row.status.clone()),
            ("latest", row.latest.clone()),
            ("target", row.target.clone()),
        ],
    );
    let label_texts = [
        "indicator-baseline",
        "indicator-target",
        "indicator-milestone",
        "indicator-measurements",
        "indicator-projection",
        "indicator-today",
    ]
    .map(|key| locale.t(key));
    let [
        baseline,
        target,
        milestone,
        measurements_label,
        projection,
        today_label,
    ] = &label_texts;
    indicator_chart(&IndicatorChart {
        id: &format!("indicator-{}", item.indicator.id),
        title: &row.name,
        description: &description,
        unit_suffix: if definition.unit() == gedhub_core::monitoring::Unit::Percent {
            " %"
        } else {
            ""
        },
        baseline: point(definition.baseline_date(), definition.baseline_value()),
        target: point(definition.target_date(), definition.target_value()),
        milestones: &milestones,
        measurements: &measurements,
        projection: item.projection.map(|p| {
            [
                point(p.points[0].0, p.points[0].1),
                point(p.points[1].0, p.points[1].1),
            ]
        }),
        today: Some(today),
        labels: ChartLabels {
            baseline,
            target,
            milestone,
            measurements: measurements_label,
            projection,
            today: today_label,
        },
    })
}

/// `GET /plans/{plan}/indicators/{plan_indicator}`.
pub async fn show_indicator(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((plan_id, indicator_id)): AppPath<(i64, i64)>,
) -> Result<Response> {
    Ok(render(
        &indicator_page(&state, &signed_in, &context, plan_id, indicator_id).await?,
    ))
}

#[derive(Deserialize)]
pub struct MeasurementForm {
    pub date: String,
    pub value: String,
    #[serde(default)]
    pub comment: String,
}

impl TryFrom<MeasurementForm> for MeasurementInput {
    type Error = Problems;

    /// A date and a number, both reported when both are wrong.
    fn try_from(form: MeasurementForm) -> std::result::Result<Self, Problems> {
        let mut problems = Problems::new();
        let date = problems.check(parse_date("date", &form.date));
        let value = problems.check(match form.value.trim() {
            "" => Err(ValidationError::new("value", "required")),
            text => parse_number(text).ok_or(ValidationError::new("value", "not_a_number")),
        });
        let (Some(date), Some(value)) = (date, value) else {
            return Err(problems);
        };
        Ok(MeasurementInput {
            date,
            value,
            comment: form.comment,
        })
    }
}

/// `POST /plans/{plan}/indicators/{plan_indicator}/measurements`: one value
/// (a value for a date that has one corrects it; the history keeps both).
pub async fn add_measurement(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((plan_id, indicator_id)): AppPath<(i64, i64)>,
    AppForm(form): AppForm<MeasurementForm>,
) -> Result<Response> {
    use_cases::add_measurement(
        state.store(),
        &signed_in.caller,
        Some(plan_id),
        indicator_id,
        form,
    )
    .await?;
    Ok(Redirect::to(&format!("/plans/{plan_id}/indicators/{indicator_id}")).into_response())
}

/// `POST /plans/{plan}/indicators/{plan_indicator}/import`: a CSV or Excel
/// file of `date`, `value`, `comment`; any bad row refuses the whole file,
/// each problem listed by line.
pub async fn import_measurements(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((plan_id, indicator_id)): AppPath<(i64, i64)>,
    mut multipart: Multipart,
) -> Result<Response> {
    let target = use_cases::editable_indicator(
        state.store(),
        &signed_in.caller,
        Some(plan_id),
        indicator_id,
    )
    .await?;
    let malformed = crate::pages::instruments::multipart_error;
    let mut file = None;
    let mut seen = 0;
    while let Some(field) = crate::uploads::next_part(&mut multipart, &mut seen).await? {
        if field.name() == Some("file") {
            file = Some(field.bytes().await.map_err(malformed)?.to_vec());
        }
    }
    let bytes = file
        .filter(|f| !f.is_empty())
        .ok_or(ValidationError::new("file", "required"))?;
    let locale = &context.locale;
    let today = signed_in.caller.now.0.date_naive();
    let failure =
        match crate::workbooks::off_the_workers(move || parse_measurements_as_of(&bytes, today))
            .await?
        {
            Ok(rows) => {
                use_cases::record_measurements(state.store(), &signed_in.caller, &target, &rows)
                    .await?;
                return Ok(
                    Redirect::to(&format!("/plans/{plan_id}/indicators/{indicator_id}"))
                        .into_response(),
                );
            }
            Err(failure) => failure,
        };
    let mut page = indicator_page(&state, &signed_in, &context, plan_id, indicator_id).await?;
    let (message, problems) = match failure {
        ImportFailure::Table(error) => (
            crate::workbooks::describe_table_error(&error, locale),
            Vec::new(),
        ),
        ImportFailure::MissingColumns => (locale.t("import-missing-columns"), Vec::new()),
        ImportFailure::Empty => (locale.t("import-empty"), Vec::new()),
        ImportFailure::TooManyRows => (locale.t("import-too-many-rows"), Vec::new()),
        ImportFailure::Problems(problems) => (
            locale.t_count("import-problems", problems.len()),
            problems
                .into_iter()
                .map(|p| ProblemRow {
                    line: p.line,
                    column: p.column.to_owned(),
                    problem: error_detail(locale, p.code, None),
                    value: p.value,
                })
                .collect(),
        ),
    };
    page.error = Some(message);
    page.problems = problems;
    Ok((
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        axum::response::Html(page.render().map_err(AppError::internal)?),
    )
        .into_response())
}

// ----- reports ---------------------------------------------------------------------------

/// The progress report's tables, shared by the PDF and the workbook.
struct ReportTables {
    indicators: (Vec<String>, Vec<Vec<String>>),
    actions: (Vec<String>, Vec<Vec<String>>),
}

fn report_tables(progress: &PlanProgress, locale: &Locale) -> ReportTables {
    let titles = objective_titles(progress);
    let t = |key: &str| locale.t(key);
    let indicators = progress
        .indicators
        .iter()
        .map(|i| {
            let row = indicator_row(i, &titles, locale);
            vec![
                row.name,
                row.baseline,
                row.target,
                row.latest,
                row.progress,
                row.elapsed,
                row.status,
            ]
        })
        .collect();
    let actions = progress
        .detail
        .actions
        .iter()
        .map(|a| {
            let overdue = gedhub_core::monitoring::is_overdue(a.due_date, a.status, progress.today);
            vec![
                a.title.clone(),
                titles.get(&a.objective_id).cloned().unwrap_or_default(),
                a.responsible.clone(),
                a.due_date.to_string(),
                if overdue {
                    format!(
                        "{} – {}",
                        action_status_label(locale, a.status),
                        t("action-overdue")
                    )
                } else {
                    action_status_label(locale, a.status)
                },
                a.progress_notes.clone(),
            ]
        })
        .collect();
    ReportTables {
        indicators: (
            vec![
                t("indicator-name"),
                t("indicator-baseline"),
                t("indicator-target"),
                t("indicator-latest"),
                t("indicator-progress"),
                t("indicator-elapsed"),
                t("field-status"),
            ],
            indicators,
        ),
        actions: (
            vec![
                t("action-title"),
                t("plan-objective"),
                t("action-responsible"),
                t("action-due"),
                t("field-status"),
                t("action-notes"),
            ],
            actions,
        ),
    }
}

async fn report_progress(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
) -> Result<(PlanProgress, Plan)> {
    let caller = &signed_in.caller;
    let plan = use_cases::visible(state.store(), caller, id).await?;
    let progress = plan_progress(state, &use_cases::scope(caller), plan.id, today(state)).await?;
    Ok((progress, plan))
}

/// `GET /plans/{plan}/report.xlsx[?lang=fr]`: the progress report workbook.
pub async fn download_xlsx(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    let (progress, plan) = report_progress(&state, &signed_in, id).await?;
    let locale = download_locale(&context, &query);
    let tables = report_tables(&progress, &locale);
    let name = administration_name(&state, &plan.administration, &locale).await;
    let summary = vec![
        vec![locale.t("plan-report-item"), locale.t("plan-report-value")],
        vec![locale.t("field-administration"), name],
        vec![locale.t("plan-title"), plan.title.clone()],
        vec![
            locale.t("field-status"),
            plan_status_label(&locale, plan.status),
        ],
        vec![locale.t("plan-period"), period(&plan, &locale)],
        vec![locale.t("plan-owner"), plan.owner.clone()],
        vec![
            locale.t("plan-as-of"),
            format::long_date(progress.today, &locale),
        ],
        vec![
            locale.t("plan-actions-overdue"),
            progress.actions.overdue.to_string(),
        ],
        vec![
            locale.t("plan-actions-done"),
            progress.actions.done.to_string(),
        ],
        vec![
            locale.t("plan-actions-total"),
            progress.actions.total.to_string(),
        ],
    ];
    let sheet = |name: String, (header, rows): (Vec<String>, Vec<Vec<String>>)| {
        gedhub_core::instrument::Sheet {
            name,
            rows: std::iter::once(header).chain(rows).collect(),
        }
    };
    let mut measurements = vec![vec![
        locale.t("indicator-name"),
        locale.t("indicator-date"),
        locale.t("indicator-value"),
    ]];
    for item in &progress.indicators {
        let name = indicator_name(&item.indicator.definition, &locale);
        for m in &item.measurements {
            measurements.push(vec![
                name.clone(),
                m.date().to_string(),
                m.value().to_string(),
            ]);
        }
    }
    let sheets = vec![
        gedhub_core::instrument::Sheet {
            name: locale.t("plan-sheet-summary"),
            rows: summary,
        },
        sheet(locale.t("plan-sheet-indicators"), tables.indicators),
        sheet(locale.t("plan-sheet-actions"), tables.actions),
        gedhub_core::instrument::Sheet {
            name: locale.t("plan-sheet-measurements"),
            rows: measurements,
        },
    ];
    let bytes = crate::workbooks::write_xlsx(&sheets)
        .map_err(|error| AppError::internal(error.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("gedhub-plan-{id}-{}.xlsx", locale.code()),
    ))
}

/// `GET /plans/{plan}/report.pdf[?lang=fr]`: the progress report an
/// administration sends to its management and to the WCO.
pub async fn download_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    use gedhub_report::{Brief, BriefBlock, BriefColumn, BriefTable};
    let (progress, plan) = report_progress(&state, &signed_in, id).await?;
    let locale = download_locale(&context, &query);
    let tables = report_tables(&progress, &locale);
    let name = administration_name(&state, &plan.administration, &locale).await;
    let counts = progress
        .indicators_by_status()
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{}: {count}", status_label(&locale, status)))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut blocks = vec![BriefBlock {
        heading: locale.t("plan-report-summary"),
        sentences: vec![
            labelled(
                &locale,
                "field-status",
                plan_status_label(&locale, plan.status),
            ),
            labelled(&locale, "plan-period", period(&plan, &locale)),
            labelled(&locale, "plan-owner", plan.owner.clone()),
            locale.t_count_args(
                "plan-report-actions",
                progress.actions.total,
                &[
                    ("done", progress.actions.done.to_string()),
                    ("overdue", progress.actions.overdue.to_string()),
                ],
            ),
            counts,
        ],
        chart: None,
        table: None,
    }];
    // Names, owners, statuses and notes wrap in their own cells; only
    // figures and dates are fitted (issue 19: long texts were printed over
    // each other).
    let (header, rows) = tables.indicators;
    blocks.push(BriefBlock {
        heading: locale.t("plan-indicators"),
        sentences: Vec::new(),
        chart: None,
        table: Some(BriefTable {
            header,
            rows,
            columns: vec![
                BriefColumn::text(2.5),
                // A value and its date ("2 500 000 XOF (2024-01-01)").
                BriefColumn::figures(1.2),
                BriefColumn::figures(1.2),
                BriefColumn::figures(1.2),
                BriefColumn::number(),
                BriefColumn::number(),
                BriefColumn::text(1.2),
            ],
        }),
    });
    let (header, rows) = tables.actions;
    blocks.push(BriefBlock {
        heading: locale.t("plan-actions"),
        sentences: Vec::new(),
        chart: None,
        table: Some(BriefTable {
            header,
            rows,
            columns: vec![
                BriefColumn::text(3.0),
                BriefColumn::text(2.0),
                BriefColumn::text(1.5),
                BriefColumn::fitted(),
                BriefColumn::text(1.2),
                BriefColumn::text(2.5),
            ],
        }),
    });
    // One chart per indicator: the same drawing as on its page.
    let titles = objective_titles(&progress);
    for item in &progress.indicators {
        let row = indicator_row(item, &titles, &locale);
        blocks.push(BriefBlock {
            heading: row.name.clone(),
            sentences: vec![format!(
                "{}: {} · {}: {} · {}: {}",
                locale.t("field-status"),
                row.status,
                locale.t("indicator-progress"),
                row.progress,
                locale.t("indicator-latest"),
                row.latest
            )],
            chart: Some(indicator_svg(item, &row, progress.today, &locale)),
            table: None,
        });
    }
    let document = Brief {
        language: locale.code(),
        title: format!("{} – {}", locale.t("plan-report-title"), plan.title),
        subtitle: name,
        date: format::long_date(progress.today, &locale),
        footer: format!("gedhub · {}", locale.t("plan-report-title")),
        page_label: locale.t("report-page"),
        blocks,
    };
    let pdf = tokio::task::spawn_blocking(move || gedhub_report::render_brief(&document))
        .await
        .map_err(|error| AppError::internal(format!("plan PDF: {error}")))?
        .map_err(|error| AppError::internal(format!("plan PDF: {error}")))?;
    Ok(download(
        pdf,
        "application/pdf",
        &format!("gedhub-plan-{id}-{}.pdf", locale.code()),
    ))
}
