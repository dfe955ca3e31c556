//! Programme overview pages (issue 8).
//!
//! - `/programme` (Secretariat): filters, programme figures, the map's
//!   measure and its accessible table, the regional breakdown, every Member.
//! - `/programme/members/{member}` (Secretariat): one Member's figures.
//! - `/programme/position` (focal points): their administration against
//!   regional and global aggregates only, suppressed below five
//!   administrations. The Secretariat is sent to `/programme`.
//!
//! The data comes from [`crate::programme::summary`], which decides what the
//! caller may see; these handlers only present it.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_core::disclosure::Published;
use gedhub_core::programme::{
    BySex, Figure, GeoatStatus, MemberRow, PublishedFigures, RegionRow, WomenShares,
};
use gedhub_core::{AdministrationCode, Region, ValidationError};
use gedhub_store::programme::ProgrammeFilter;
use gedhub_store::training::DELIVERY_LANGUAGES;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::i18n::Locale;
use crate::programme::{ProgrammeSummary, SummaryParams, member_rows, parse_filters, summary};
use crate::programme_report::{figure_display, published_display, region_text};
use crate::state::AppState;
use crate::views::{FormProblems, Page, region_label, render_with_status};
use crate::workforce::pct;
use axum::http::StatusCode;

/// The measures the map can be coloured by.
pub const MEASURES: [&str; 4] = ["geoat", "on_track", "women_staff", "trained"];

/// A choice in a `<select>`.
pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// A figure as shown: the value, or the suppression note; with its coverage.
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub coverage: String,
    pub suppressed: bool,
}

fn figure_view(locale: &Locale, label_key: &str, figure: &Figure, percent: bool) -> FigureView {
    FigureView {
        label: locale.t(label_key),
        value: figure_display(locale, figure, percent),
        coverage: locale.t_count("programme-administrations", figure.administrations),
        suppressed: figure.suppressed.is_some(),
    }
}

fn count_view(locale: &Locale, label_key: &str, count: u64, members: usize) -> FigureView {
    FigureView {
        label: locale.t(label_key),
        value: count.to_string(),
        coverage: locale.t_count("programme-administrations", members),
        suppressed: false,
    }
}

fn share_views(locale: &Locale, women: &WomenShares) -> Vec<FigureView> {
    vec![
        figure_view(
            locale,
            "programme-women-staff-weighted",
            &women.staff_weighted,
            true,
        ),
        figure_view(
            locale,
            "programme-women-staff-unweighted",
            &women.staff_unweighted,
            true,
        ),
        figure_view(
            locale,
            "programme-women-management-weighted",
            &women.management_weighted,
            true,
        ),
        figure_view(
            locale,
            "programme-women-management-unweighted",
            &women.management_unweighted,
            true,
        ),
    ]
}

fn published_view(
    locale: &Locale,
    label_key: &str,
    figure: &Published,
    percent: bool,
) -> FigureView {
    FigureView {
        label: locale.t(label_key),
        value: published_display(locale, figure, percent),
        coverage: locale.t_count("programme-administrations", figure.administrations()),
        suppressed: figure.suppressed().is_some(),
    }
}

/// The published figures of a selection, as the position page lists them.
fn published_views(locale: &Locale, figures: &PublishedFigures) -> Vec<FigureView> {
    vec![
        published_view(
            locale,
            "programme-geoat-validated",
            &figures.geoat_validated,
            false,
        ),
        published_view(locale, "programme-plans", &figures.plans, false),
        published_view(locale, "programme-on-track", &figures.on_track_mean, true),
        published_view(
            locale,
            "programme-workforce-reporting",
            &figures.workforce_reporting,
            false,
        ),
        published_view(
            locale,
            "programme-women-staff-weighted",
            &figures.women.staff_weighted,
            true,
        ),
        published_view(
            locale,
            "programme-women-staff-unweighted",
            &figures.women.staff_unweighted,
            true,
        ),
        published_view(
            locale,
            "programme-women-management-weighted",
            &figures.women.management_weighted,
            true,
        ),
        published_view(
            locale,
            "programme-women-management-unweighted",
            &figures.women.management_unweighted,
            true,
        ),
        published_view(locale, "programme-trained", &figures.trained, false),
        published_view(
            locale,
            "programme-missions-delivered",
            &figures.missions_delivered,
            false,
        ),
    ]
}

fn by_sex(locale: &Locale, counts: &BySex) -> String {
    locale.t_args(
        "programme-by-sex",
        &[
            ("female", counts.female.to_string()),
            ("male", counts.male.to_string()),
            ("other", counts.other.to_string()),
            ("undisclosed", counts.undisclosed.to_string()),
            ("unknown", counts.unknown.to_string()),
        ],
    )
}

fn geoat_text(locale: &Locale, status: &GeoatStatus) -> String {
    match status {
        GeoatStatus::Validated { date, edition } => locale.t_args(
            "programme-geoat-validated-on",
            &[("date", date.clone()), ("edition", edition.clone())],
        ),
        other => locale.t(&format!("programme-geoat-{}", other.code())),
    }
}

/// Translations asked for once per page: the Member table repeats the same
/// labels (regions, statuses, stages) on every one of up to 186 rows.
struct Labels<'a> {
    locale: &'a Locale,
    cache: std::cell::RefCell<std::collections::HashMap<String, String>>,
}

impl<'a> Labels<'a> {
    fn new(locale: &'a Locale) -> Self {
        Labels {
            locale,
            cache: std::cell::RefCell::default(),
        }
    }

    fn t(&self, key: &str) -> String {
        if let Some(text) = self.cache.borrow().get(key) {
            return text.clone();
        }
        let text = if self.locale.has(key) {
            self.locale.t(key)
        } else {
            key.rsplit('-').next().unwrap_or(key).to_owned()
        };
        self.cache.borrow_mut().insert(key.to_owned(), text.clone());
        text
    }
}

/// One Member's row as shown.
pub struct MemberView {
    pub code: String,
    pub name: String,
    pub region: String,
    pub geoat: String,
    pub plan: String,
    pub on_track: String,
    pub workforce_years: String,
    pub women_staff: String,
    pub trained: String,
    pub trained_by_sex: String,
    pub pathway: String,
    pub requests_open: u64,
    pub missions_open: u64,
    pub missions_delivered: u64,
    pub missions_with_feedback: u64,
    /// The value of the map's measure for this Member.
    pub measure: String,
}

fn member_view(labels: &Labels<'_>, row: &MemberRow, measure: &str) -> MemberView {
    let locale = labels.locale;
    let on_track = pct(
        row.plan
            .as_ref()
            .and_then(gedhub_core::programme::PlanFact::on_track_pct),
        locale,
    );
    let women_staff = pct(
        row.workforce
            .filter(|h| h.staff > 0)
            .map(|h| h.women as f64 / h.staff as f64 * 100.0),
        locale,
    );
    let geoat = match &row.geoat {
        GeoatStatus::Validated { .. } => geoat_text(locale, &row.geoat),
        other => labels.t(&format!("programme-geoat-{}", other.code())),
    };
    let trained = row.trained.total().to_string();
    let measure = match measure {
        "on_track" => on_track.clone(),
        "women_staff" => women_staff.clone(),
        "trained" => trained.clone(),
        _ => geoat.clone(),
    };
    MemberView {
        code: row.code.clone(),
        name: row.name.clone(),
        region: labels.t(&format!("region-{}", row.region)),
        plan: row.plan.as_ref().map_or_else(
            || labels.t("programme-no-plan"),
            |plan| labels.t(&format!("programme-plan-{}", plan.status)),
        ),
        geoat,
        on_track,
        workforce_years: row
            .workforce_years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        women_staff,
        trained,
        trained_by_sex: by_sex(locale, &row.trained),
        pathway: row
            .pathway
            .iter()
            .map(|(stage, count)| {
                format!("{}: {count}", labels.t(&format!("pathway-stage-{stage}")))
            })
            .collect::<Vec<_>>()
            .join(", "),
        requests_open: row.requests_open,
        missions_open: row.missions_open,
        missions_delivered: row.missions_delivered,
        missions_with_feedback: row.missions_with_feedback,
        measure,
    }
}

/// A region's line of the breakdown as shown.
pub struct RegionView {
    pub code: String,
    pub name: String,
    pub members: usize,
    pub geoat_validated: String,
    pub plans: String,
    pub workforce_reporting: String,
    pub trained: String,
    pub women_staff: String,
    pub women_management: String,
}

fn region_view(locale: &Locale, row: &RegionRow) -> RegionView {
    let show = |figure: &Figure, percent: bool| {
        figure_view(locale, "programme-members", figure, percent).value
    };
    RegionView {
        code: row.region.clone(),
        name: region_text(locale, &row.region),
        members: row.members,
        geoat_validated: show(&row.geoat_validated, false),
        plans: show(&row.plans, false),
        workforce_reporting: show(&row.workforce_reporting, false),
        trained: show(&row.trained, false),
        women_staff: show(&row.women_staff_weighted, true),
        women_management: show(&row.women_management_weighted, true),
    }
}

/// The filter form's choices, with the current values selected.
pub struct FilterView {
    /// The year as typed (kept when refused).
    pub year: String,
    /// What is wrong with the filters, at their fields.
    pub problems: FormProblems,
    pub regions: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub measures: Vec<Choice>,
}

fn filter_view(locale: &Locale, params: &SummaryParams, filter: &ProgrammeFilter) -> FilterView {
    let measure = measure_of(params);
    FilterView {
        year: filter.year.map(|y| y.to_string()).unwrap_or_default(),
        problems: FormProblems::default(),
        regions: Region::ALL
            .iter()
            .map(|region| Choice {
                code: region.as_str().to_owned(),
                label: region_label(locale, *region),
                selected: filter.region == Some(*region),
            })
            .collect(),
        languages: DELIVERY_LANGUAGES
            .iter()
            .map(|code| Choice {
                code: (*code).to_owned(),
                label: locale.t(&format!("programme-language-{code}")),
                selected: filter.language.as_deref() == Some(*code),
            })
            .collect(),
        measures: MEASURES
            .iter()
            .map(|code| Choice {
                code: (*code).to_owned(),
                label: locale.t(&format!("programme-measure-{code}")),
                selected: *code == measure,
            })
            .collect(),
    }
}

fn measure_of(params: &SummaryParams) -> &'static str {
    MEASURES
        .iter()
        .find(|m| **m == params.measure.trim())
        .copied()
        .unwrap_or("geoat")
}

#[derive(Template)]
#[template(path = "programme.html")]
pub struct ProgrammePage {
    pub page: Page,
    pub filters: FilterView,
    pub figures: Vec<FigureView>,
    pub trained_by_sex: String,
    pub measure_label: String,
    pub regions: Vec<RegionView>,
    pub members: Vec<MemberView>,
    /// The world map and the regional bars (SVG documents, escaped by
    /// their renderers).
    pub map_svg: String,
    pub bars_svg: String,
    /// The current filters as a query string, for the report downloads.
    pub report_query: String,
}

/// The filters of a page as a query string (`year=2024&region=EUR`), empty
/// values left out.
fn filter_query(filter: &ProgrammeFilter) -> String {
    let mut parts = Vec::new();
    if let Some(year) = filter.year {
        parts.push(format!("year={year}"));
    }
    if let Some(region) = filter.region {
        parts.push(format!("region={}", region.as_str()));
    }
    if let Some(language) = &filter.language {
        parts.push(format!("language={language}"));
    }
    parts.join("&")
}

/// The filters that are valid, and what is wrong with the others. A bad
/// value is not a dead end: the page applies the filters that are valid,
/// keeps what was typed in the form and says what is wrong at its field
/// (with status 422).
fn valid_filters(params: &SummaryParams) -> Result<(ProgrammeFilter, Vec<ValidationError>)> {
    match parse_filters(params) {
        Ok(filter) => Ok((filter, Vec::new())),
        Err(AppError::Invalid(problems)) => {
            let mut valid = params.clone();
            for problem in &problems {
                match problem.field {
                    "year" => valid.year.clear(),
                    "region" => valid.region.clear(),
                    "language" => valid.language.clear(),
                    _ => {}
                }
            }
            Ok((parse_filters(&valid)?, problems))
        }
        Err(error) => Err(error),
    }
}

/// `problems` for the form, each anchored at its field (`anchor`).
fn form_problems(
    locale: &Locale,
    problems: Vec<ValidationError>,
    anchor: impl Fn(&str) -> String,
) -> FormProblems {
    if problems.is_empty() {
        FormProblems::default()
    } else {
        FormProblems::new(locale, &AppError::Invalid(problems), anchor)
    }
}

/// 422 when the page shows problems, 200 otherwise.
fn status_of(problems: &FormProblems) -> StatusCode {
    if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The filter form with the valid filters selected, the year as typed
/// when it was refused, and the problems at their fields.
fn filter_form(
    locale: &Locale,
    params: &SummaryParams,
    filter: &ProgrammeFilter,
    problems: FormProblems,
) -> FilterView {
    let mut filters = filter_view(locale, params, filter);
    if problems.at("year").is_some() {
        filters.year = params.year.clone();
    }
    filters.problems = problems;
    filters
}

/// `GET /programme?region=&year=&language=&measure=` (Secretariat).
pub async fn show_programme(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(params): AppQuery<SummaryParams>,
) -> Result<Response> {
    signed_in.caller.require_secretariat()?;
    let locale = &context.locale;
    let (filter, problems) = valid_filters(&params)?;
    let problems = form_problems(locale, problems, str::to_owned);
    let ProgrammeSummary::Secretariat(data) = summary(&state, &signed_in, &filter).await? else {
        return Err(AppError::Forbidden);
    };
    let figures = &data.figures;
    let n = figures.members;
    let mut views = vec![
        count_view(locale, "programme-members", n as u64, n),
        count_view(
            locale,
            "programme-geoat-validated",
            figures.geoat_validated as u64,
            n,
        ),
        count_view(
            locale,
            "programme-geoat-in-progress",
            figures.geoat_in_progress as u64,
            n,
        ),
        count_view(locale, "programme-plans", figures.plans as u64, n),
        figure_view(locale, "programme-on-track", &figures.on_track_mean, true),
        count_view(
            locale,
            "programme-workforce-reporting",
            figures.workforce_reporting as u64,
            n,
        ),
    ];
    views.extend(share_views(locale, &figures.women));
    views.push(count_view(
        locale,
        "programme-trained",
        figures.trained.total(),
        n,
    ));
    views.push(count_view(
        locale,
        "programme-requests-open",
        figures.requests_open,
        n,
    ));
    views.push(count_view(
        locale,
        "programme-missions-open",
        figures.missions_open,
        n,
    ));
    views.push(count_view(
        locale,
        "programme-missions-delivered",
        figures.missions_delivered,
        n,
    ));
    views.push(count_view(
        locale,
        "programme-missions-feedback",
        figures.missions_with_feedback,
        n,
    ));
    let measure = measure_of(&params);
    let map_svg =
        crate::programme_report::map_svg(locale, &data.members, measure, "programme-map-svg");
    let bars_svg =
        crate::programme_report::bars_svg(locale, &data.regions, measure, "programme-bars-svg");
    let status = status_of(&problems);
    let filters = filter_form(locale, &params, &filter, problems);
    Ok(render_with_status(
        status,
        &ProgrammePage {
            map_svg,
            bars_svg,
            report_query: filter_query(&filter),
            page: Page::new(&context, "programme-title"),
            filters,
            trained_by_sex: by_sex(locale, &figures.trained),
            figures: views,
            measure_label: locale.t(&format!("programme-measure-{measure}")),
            regions: data
                .regions
                .iter()
                .map(|row| region_view(locale, row))
                .collect(),
            members: {
                let labels = Labels::new(locale);
                data.members
                    .iter()
                    .map(|row| member_view(&labels, row, measure))
                    .collect()
            },
        },
    ))
}

#[derive(Template)]
#[template(path = "programme_member.html")]
pub struct MemberPage {
    pub page: Page,
    pub member: MemberView,
    pub year: String,
    /// The year and language filters (the region is the Member's own).
    pub filters: FilterView,
    pub action: String,
}

/// `GET /programme/members/{member}?year=&language=` (Secretariat): one
/// Member's programme figures. A bad filter is shown at its field (422)
/// over the figures of the valid ones.
pub async fn show_member(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(member): AppPath<String>,
    AppQuery(mut params): AppQuery<SummaryParams>,
) -> Result<Response> {
    signed_in.caller.require_secretariat()?;
    let code = AdministrationCode::parse(&member).map_err(|_| AppError::NotFound)?;
    // The Member's own region applies; a region asked for is ignored.
    params.region.clear();
    let (filter, problems) = valid_filters(&params)?;
    let locale = &context.locale;
    let problems = form_problems(locale, problems, str::to_owned);
    let row = member_rows(&state, &filter, &locale.code())
        .await?
        .into_iter()
        .find(|row| row.code == code.as_str())
        .ok_or(AppError::NotFound)?;
    let view = member_view(&Labels::new(locale), &row, "geoat");
    let status = status_of(&problems);
    Ok(render_with_status(
        status,
        &MemberPage {
            page: Page::new(&context, "programme-member-title")
                .with_title(format!("{} ({})", view.name, view.code)),
            action: format!("/programme/members/{}", view.code),
            member: view,
            year: filter.year.map(|y| y.to_string()).unwrap_or_default(),
            filters: filter_form(locale, &params, &filter, problems),
        },
    ))
}

#[derive(Template)]
#[template(path = "programme_position.html")]
pub struct PositionPage {
    pub page: Page,
    /// The published periods to choose from, the shown one selected.
    pub periods: Vec<Choice>,
    /// Which period the figures are of, in words.
    pub period_text: String,
    pub member: Option<MemberView>,
    pub own_shares: Vec<(String, String)>,
    pub region_name: String,
    pub regional: Vec<FigureView>,
    pub global: Vec<FigureView>,
    /// What is wrong with the selection asked for (the period, or a region
    /// or language, which are never published for a Member).
    pub problems: FormProblems,
}

/// `GET /programme/position?year=` (focal points): their own
/// administration against the published figures of its region and of all
/// Members for a closed period (the latest by default).
pub async fn show_position(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(params): AppQuery<SummaryParams>,
) -> Result<Response> {
    signed_in.caller.require_starter()?;
    if signed_in.principal.is_secretariat() {
        return Ok(Redirect::to("/programme").into_response());
    }
    let locale = &context.locale;
    // Not a dead end: a bad or unpublished selection shows the latest
    // published period, the value kept as typed and the problem at its
    // field (422).
    let (mut filter, mut problems) = valid_filters(&params)?;
    let data = match summary(&state, &signed_in, &filter).await {
        Err(AppError::Invalid(refused)) => {
            for problem in &refused {
                match problem.field {
                    "year" => filter.year = None,
                    "region" => filter.region = None,
                    "language" => filter.language = None,
                    _ => {}
                }
            }
            problems.extend(refused);
            summary(&state, &signed_in, &filter).await?
        }
        other => other?,
    };
    let ProgrammeSummary::Published(data) = data else {
        return Err(AppError::Forbidden);
    };
    // Only the period is a field of this form.
    let problems = form_problems(locale, problems, |field| {
        if field == "year" {
            "year".to_owned()
        } else {
            "programme-filters".to_owned()
        }
    });
    let typed_year = problems
        .at("year")
        .is_some()
        .then(|| params.year.trim().to_owned());
    let member = data.members.first();
    let own_shares = member
        .and_then(|row| row.workforce)
        .map(|h| {
            vec![
                (
                    locale.t("programme-women-staff"),
                    pct(
                        (h.staff > 0).then(|| h.women as f64 / h.staff as f64 * 100.0),
                        locale,
                    ),
                ),
                (
                    locale.t("programme-women-management"),
                    pct(
                        (h.managers > 0)
                            .then(|| h.women_managers as f64 / h.managers as f64 * 100.0),
                        locale,
                    ),
                ),
            ]
        })
        .unwrap_or_default();
    let region_code = &data.own_region.selection;
    // A refused year stays in the choice as typed, selected.
    let mut periods: Vec<Choice> = typed_year
        .iter()
        .map(|typed| Choice {
            code: typed.clone(),
            label: typed.clone(),
            selected: true,
        })
        .collect();
    periods.extend(data.periods.iter().rev().map(|period| Choice {
        code: period.to_string(),
        label: period.to_string(),
        selected: typed_year.is_none() && Some(*period) == data.period,
    }));
    let status = status_of(&problems);
    Ok(render_with_status(
        status,
        &PositionPage {
            page: Page::new(&context, "programme-position-title"),
            problems,
            periods,
            period_text: data.period.map_or_else(
                || locale.t("disclosure-nothing-published"),
                |year| locale.t_args("disclosure-published-period", &[("year", year.to_string())]),
            ),
            region_name: region_text(locale, region_code),
            member: member.map(|row| member_view(&Labels::new(locale), row, "geoat")),
            own_shares,
            regional: published_views(locale, &data.own_region),
            global: published_views(locale, &data.aggregates),
        },
    ))
}

/// The annual report's selection and language from the query: the page's
/// filters, and `lang` (else the page language).
async fn report_for(
    state: &AppState,
    context: &RequestContext,
    params: &SummaryParams,
) -> Result<(gedhub_report::ProgrammeReport, String)> {
    let filter = parse_filters(params)?;
    let lang = crate::pages::reports::LangQuery {
        lang: Some(params.lang.clone()).filter(|lang| !lang.trim().is_empty()),
    };
    let locale = crate::pages::reports::download_locale(context, &lang);
    let rows = member_rows(state, &filter, &locale.code()).await?;
    // The report may be distributed: its aggregates are the published
    // release of the year, never figures of a free selection.
    let release = match filter.year {
        Some(year) => {
            crate::disclosure::release(state, &crate::disclosure::Kind::Programme, year).await?
        }
        None => None,
    };
    let report = crate::programme_report::build_report(
        &locale,
        &filter,
        &rows,
        release.as_ref(),
        &state.today(),
    );
    let query = filter_query(&filter).replace(['=', '&'], "-");
    let stem = if query.is_empty() {
        format!("gedhub-programme-{}", locale.code())
    } else {
        format!("gedhub-programme-{query}-{}", locale.code())
    };
    Ok((report, stem))
}

/// `GET /programme/report.pdf?year=&region=&language=&lang=` (Secretariat):
/// the annual programme report as a PDF.
pub async fn download_report_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(params): AppQuery<SummaryParams>,
) -> Result<Response> {
    signed_in.caller.require_secretariat()?;
    let (report, stem) = report_for(&state, &context, &params).await?;
    let pdf = tokio::task::spawn_blocking(move || gedhub_report::render_programme_report(&report))
        .await
        .map_err(|error| AppError::internal(format!("programme PDF: {error}")))?
        .map_err(|error| AppError::internal(format!("programme PDF: {error}")))?;
    Ok(crate::views::download(
        pdf,
        "application/pdf",
        &format!("{stem}.pdf"),
    ))
}

/// `GET /programme/report.xlsx?year=&region=&language=&lang=` (Secretariat):
/// the same report as an Excel workbook.
pub async fn download_report_xlsx(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(params): AppQuery<SummaryParams>,
) -> Result<Response> {
    signed_in.caller.require_secretariat()?;
    let (report, stem) = report_for(&state, &context, &params).await?;
    let bytes = crate::programme_workbook::programme_workbook(&report)
        .map_err(|error| AppError::internal(format!("programme workbook: {error}")))?;
    Ok(crate::views::download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{stem}.xlsx"),
    ))
}
