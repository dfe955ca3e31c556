//! Workforce statistics pages: an administration's reporting years, the
//! upload of an HR extract (computed at once, only aggregates kept), and each
//! year's figures with charts and plain-language explanations, downloadable
//! as JSON and Excel.
//!
//! Access: the Secretariat and the focal points of the administration in the
//! path; everyone else gets 404 (`Access::Administration`).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gedhub_app::workforce::{self as use_cases, Upload, UploadForm, UploadOutcome};
use gedhub_core::AdministrationCode;
use gedhub_core::disclosure::workforce::ProtectedReport;
use gedhub_core::workforce::{ExtractError, WorkforceReport};
use gedhub_store::workforce::{StoredWorkforceReport, WorkforceReportStamp};
use serde::Deserialize;

use crate::context::{RequestContext, SignedIn};
use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::{FormProblems, Page, download, render, render_with_status};
use crate::workforce::{
    describe_error, describe_problem, explanations, gap_text, pct, report_sheets, share_bars,
};

// The use cases and the access rules live in `gedhub_app::workforce` and
// `gedhub_core::authz::workforce` (shared with the API); this module turns
// the upload form into their input and reports into pages and downloads.

/// One reporting year in the trend table.
pub struct YearRow {
    pub year: i32,
    pub workers: u64,
    pub women_share: String,
    pub management_share: String,
    pub pay_gap: String,
    pub computed_at: String,
}

pub struct ProblemRow {
    pub line: u64,
    pub column: String,
    pub problem: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "workforce.html")]
pub struct WorkforcePage {
    pub page: Page,
    pub code: String,
    pub administration: String,
    pub years: Vec<YearRow>,
    pub error: Option<String>,
    pub problems: Vec<ProblemRow>,
    pub more_problems: Option<String>,
    /// The upload form's values (as typed when it is shown again).
    pub form: UploadValues,
    /// What is wrong with the form, at its fields.
    pub form_problems: FormProblems,
    /// The year asked for already has a report: what exists, shown with
    /// the "replace" checkbox.
    pub existing: Option<ExistingReport>,
}

/// A year's existing report, before it is replaced.
pub struct ExistingReport {
    /// What exists: the year, when and by whom it was computed.
    pub text: String,
    /// "Replace the existing report for 2024".
    pub replace_label: String,
}

/// The upload form's values as shown: the defaults, or what was typed.
pub struct UploadValues {
    pub year: String,
    pub min_group: String,
    pub skip_invalid: bool,
    pub replace: bool,
}

#[derive(Deserialize, Default)]
pub struct IndexQuery {
    pub administration: Option<String>,
}

pub struct ReportingRow {
    pub code: String,
    pub name: String,
    pub years: Vec<i32>,
}

pub struct Choice {
    pub code: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "workforce_choose.html")]
pub struct ChoosePage {
    pub page: Page,
    pub reporting: Vec<ReportingRow>,
    pub choices: Vec<Choice>,
}

/// `GET /workforce`: a focal point goes to their administration; the
/// Secretariat sees who reported and picks an administration
/// (`?administration=CODE`). Others have no workforce data to see (404).
pub async fn workforce_index(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppQuery(query): AppQuery<IndexQuery>,
) -> Result<Response> {
    if let Some(code) = use_cases::home(
        state.store(),
        &signed_in.caller,
        query.administration.as_deref(),
    )
    .await?
    {
        return Ok(Redirect::to(&format!("/workforce/{code}")).into_response());
    }
    let lang = context.locale.code();
    let administrations = state
        .store()
        .administrations(&gedhub_store::administrations::AdministrationFilter::default())
        .await?;
    let name_of = |code: &str| {
        administrations
            .iter()
            .find(|a| a.code.as_str() == code)
            .map(|a| a.name(&lang).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let reporting = use_cases::reporting(state.store(), &signed_in.caller)
        .await?
        .into_iter()
        .map(|(code, years)| ReportingRow {
            name: name_of(&code),
            code,
            years,
        })
        .collect();
    let mut choices: Vec<Choice> = administrations
        .iter()
        .map(|a| Choice {
            code: a.code.as_str().to_owned(),
            name: a.name(&lang).to_owned(),
        })
        .collect();
    choices.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(render(&ChoosePage {
        page: Page::new(&context, "workforce-title"),
        reporting,
        choices,
    }))
}

async fn administration_page(
    state: &AppState,
    context: &RequestContext,
    reporting: &use_cases::WorkforceAdministration,
) -> Result<WorkforcePage> {
    let code = reporting.code();
    let page = Page::new(context, "workforce-title");
    let locale = &context.locale;
    let administration = state
        .store()
        .administration(&gedhub_core::Scope::All, code)
        .await?;
    let name = if locale.code() == "fr" {
        administration.name_fr.clone()
    } else {
        administration.name_en.clone()
    };
    let years = use_cases::years(state.store(), reporting)
        .await?
        .into_iter()
        .rev()
        .map(|(stored, protected)| {
            let report = protected.report();
            YearRow {
                year: stored.reference_year,
                workers: report.workers.total,
                women_share: pct(report.statistic("workers.female_share_pct"), locale),
                management_share: pct(report.statistic("management.all.female_share_pct"), locale),
                pay_gap: gap_text(
                    report.pay_gap.mean_pct,
                    report.pay_gap.withheld,
                    &protected,
                    locale,
                ),
                computed_at: crate::format::stored_date(&stored.computed_at, locale),
            }
        })
        .collect();
    // Last year: the most recent complete reporting year.
    let default_year = state
        .today()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or(2025)
        - 1;
    Ok(WorkforcePage {
        page,
        code: code.as_str().to_owned(),
        administration: name,
        years,
        error: None,
        problems: Vec::new(),
        more_problems: None,
        form: UploadValues {
            year: default_year.to_string(),
            min_group: gedhub_core::workforce::ReportOptions::DEFAULT_MIN_GROUP.to_string(),
            skip_invalid: false,
            replace: false,
        },
        form_problems: FormProblems::default(),
        existing: None,
    })
}

/// `GET /workforce/{code}`.
pub async fn show_administration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(code): AppPath<String>,
) -> Result<Response> {
    let administration = use_cases::administration(state.store(), &signed_in.caller, &code).await?;
    Ok(render(
        &administration_page(&state, &context, &administration).await?,
    ))
}

/// Reads the upload form's multipart fields.
async fn read_upload(mut multipart: Multipart) -> Result<UploadForm> {
    let malformed = crate::uploads::multipart_error;
    let mut form = UploadForm::default();
    let mut seen = 0;
    while let Some(field) = crate::uploads::next_part(&mut multipart, &mut seen).await? {
        match field.name().unwrap_or_default() {
            "file" => form.file = Some(field.bytes().await.map_err(malformed)?.to_vec()),
            "year" => form.year = Some(crate::uploads::field_text(field).await?),
            "min_group" => form.min_group = Some(crate::uploads::field_text(field).await?),
            "skip_invalid" => form.skip_invalid = true,
            // A checkbox on the page (any value); `true` from the API.
            "replace" => {
                let value = crate::uploads::field_text(field).await?;
                form.replace = !matches!(value.trim(), "false" | "0" | "no");
            }
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /workforce/{code}`: a multipart form with `file`, `year`, optional
/// `min_group` and `skip_invalid`. The figures are computed, stored, and the
/// file is dropped; a file with bad rows is refused whole, each problem
/// listed by line and column.
pub async fn upload_extract(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(code): AppPath<String>,
    multipart: Multipart,
) -> Result<Response> {
    let administration = use_cases::administration(state.store(), &signed_in.caller, &code).await?;
    let form = read_upload(multipart).await?;
    // The form as typed, to show again (the file must be chosen again: it
    // is never kept).
    let typed = UploadValues {
        year: form.year.clone().unwrap_or_default(),
        min_group: form.min_group.clone().unwrap_or_default(),
        skip_invalid: form.skip_invalid,
        replace: form.replace,
    };
    let upload = match Upload::try_from(form) {
        Ok(upload) => upload,
        Err(problems) => {
            let mut page = administration_page(&state, &context, &administration).await?;
            page.form = typed;
            page.form_problems = FormProblems::new(
                &context.locale,
                &AppError::from(gedhub_app::AppError::from(problems)),
                str::to_owned,
            );
            return Ok(render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let outcome =
        use_cases::upload(state.store(), &signed_in.caller, &administration, upload).await?;
    let report = match outcome {
        UploadOutcome::Stored(report) => *report,
        UploadOutcome::Exists(stamp) => {
            let mut page = administration_page(&state, &context, &administration).await?;
            page.existing = Some(ExistingReport {
                text: existing_text(&context.locale, &stamp),
                replace_label: context.locale.t_args(
                    "workforce-replace",
                    &[("year", stamp.reference_year.to_string())],
                ),
            });
            page.form = UploadValues {
                replace: false,
                ..typed
            };
            return Ok(render_with_status(StatusCode::CONFLICT, &page));
        }
        UploadOutcome::Refused(error) => {
            let mut page = administration_page(&state, &context, &administration).await?;
            page.error = Some(describe_error(&error, &context.locale));
            if let ExtractError::Rejected {
                problems,
                problem_count,
                ..
            } = &error
            {
                page.problems = problems
                    .iter()
                    .map(|p| ProblemRow {
                        line: p.line,
                        column: p.column.clone(),
                        problem: describe_problem(p, &context.locale),
                        value: p.value.clone(),
                    })
                    .collect();
                if *problem_count > problems.len() as u64 {
                    page.more_problems = Some(context.locale.t_args(
                        "workforce-rejected-more",
                        &[("count", problems.len().to_string())],
                    ));
                }
            }
            return Ok(render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    Ok(Redirect::to(&format!(
        "/workforce/{administration}/{}?stored=1",
        report.reference_year
    ))
    .into_response())
}

/// "A report for 2024 already exists: computed on 3 December 2026 by …".
pub(crate) fn existing_text(locale: &Locale, stamp: &WorkforceReportStamp) -> String {
    let date = stamp
        .computed_at
        .get(..10)
        .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .map_or_else(
            || stamp.computed_at.clone(),
            |day| crate::format::long_date(day, locale),
        );
    locale.t_args(
        "workforce-report-exists",
        &[
            ("year", stamp.reference_year.to_string()),
            ("date", date),
            ("by", stamp.computed_by.clone()),
        ],
    )
}

pub struct CategoryRow {
    pub name: String,
    pub female: u64,
    pub male: u64,
    pub total_mean: String,
    pub total_median: String,
    pub basic_mean: String,
    pub variable_mean: String,
    pub status: String,
    pub flagged: bool,
}

pub struct GroupRow {
    pub name: String,
    pub female: u64,
    pub male: u64,
    pub other: u64,
    pub unknown: u64,
    pub share: String,
}

pub struct FlowRow {
    pub name: String,
    pub female: u64,
    pub male: u64,
    pub female_rate: String,
    pub male_rate: String,
}

pub struct BandRow {
    pub name: String,
    pub workers: u64,
    pub female: String,
    pub male: String,
}

#[derive(Template)]
#[template(path = "workforce_report.html")]
pub struct WorkforceReportPage {
    pub page: Page,
    pub code: String,
    pub year: i32,
    pub stored: Option<String>,
    pub provenance: String,
    pub explanations: Vec<String>,
    pub pay_gap_mean: String,
    pub pay_gap_median: String,
    pub variable_gap_mean: String,
    pub variable_gap_median: String,
    pub receipt_female: String,
    pub receipt_male: String,
    pub workers: gedhub_core::workforce::Headcount,
    pub quartile_svg: String,
    pub bands: Vec<BandRow>,
    pub grade_svg: String,
    pub level_svg: String,
    pub grades: Vec<GroupRow>,
    pub levels: Vec<GroupRow>,
    pub categories: Vec<CategoryRow>,
    pub flows: Vec<FlowRow>,
    pub other_lang: String,
}

fn level_label(locale: &Locale, name: &str) -> String {
    let key = format!("workforce-level-{name}");
    if locale.has(&key) {
        locale.t(&key)
    } else {
        name.to_owned()
    }
}

fn group_rows(
    groups: &[gedhub_core::workforce::GroupCount],
    locale: &Locale,
    levels: bool,
) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|g| GroupRow {
            name: if levels {
                level_label(locale, &g.name)
            } else {
                g.name.clone()
            },
            female: g.female,
            male: g.male,
            other: g.other,
            unknown: g.unknown,
            share: pct(g.female_share_pct, locale),
        })
        .collect()
}

/// The report page's content in one language, from the protected report
/// (`stored` gives the provenance).
pub fn report_page(
    page: Page,
    code: &AdministrationCode,
    stored: &StoredWorkforceReport,
    protected: &ProtectedReport,
    locale: &Locale,
    just_stored: bool,
) -> WorkforceReportPage {
    let report: &WorkforceReport = protected.report();
    let bands: Vec<BandRow> = report
        .quartiles
        .iter()
        .map(|b| BandRow {
            name: locale.t(&format!("workforce-band-{}", b.band.as_str())),
            workers: b.workers,
            female: gap_text(b.female_pct, b.withheld, protected, locale),
            male: gap_text(b.male_pct, b.withheld, protected, locale),
        })
        .collect();
    let quartile_svg = quartile_chart(report, locale);
    let grade_svg = share_bars(
        "grades",
        &locale.t("workforce-pipeline-grade-chart"),
        &report
            .representation
            .by_grade
            .iter()
            .map(|g| (g.name.clone(), g.female_share_pct))
            .collect::<Vec<_>>(),
        locale,
    );
    let level_svg = level_chart(report, locale);
    let categories = category_rows(protected, locale);
    let flows = [
        ("hires", &report.flows.hires),
        ("promotions", &report.flows.promotions),
        ("exits", &report.flows.exits),
    ]
    .into_iter()
    .filter_map(|(key, flow)| {
        flow.as_ref().map(|f| FlowRow {
            name: locale.t(&format!("workforce-flow-{key}")),
            female: f.female,
            male: f.male,
            female_rate: pct(f.female_rate_pct, locale),
            male_rate: pct(f.male_rate_pct, locale),
        })
    })
    .collect();
    WorkforceReportPage {
        code: code.as_str().to_owned(),
        year: report.reference_year,
        stored: just_stored.then(|| {
            format!(
                "{} {}",
                locale.t_args(
                    "workforce-stored",
                    &[("year", report.reference_year.to_string())]
                ),
                locale.t_args(
                    "workforce-stored-details",
                    &[
                        ("rows", stored.rows_read.to_string()),
                        ("rejected", stored.rows_rejected.to_string()),
                        ("checksum", stored.file_sha256.clone()),
                    ],
                )
            )
        }),
        provenance: locale.t_args(
            "workforce-uploaded",
            &[
                (
                    "date",
                    crate::format::long_date_of(&stored.computed_at, locale),
                ),
                ("rows", stored.rows_read.to_string()),
            ],
        ),
        explanations: explanations(protected, locale),
        pay_gap_mean: gap_text(
            report.pay_gap.mean_pct,
            report.pay_gap.withheld,
            protected,
            locale,
        ),
        pay_gap_median: gap_text(
            report.pay_gap.median_pct,
            report.pay_gap.withheld,
            protected,
            locale,
        ),
        variable_gap_mean: gap_text(
            report.variable_pay_gap.mean_pct,
            report.variable_pay_gap.withheld,
            protected,
            locale,
        ),
        variable_gap_median: gap_text(
            report.variable_pay_gap.median_pct,
            report.variable_pay_gap.withheld,
            protected,
            locale,
        ),
        receipt_female: gap_text(
            report.variable_pay_receipt.female_pct,
            report.variable_pay_receipt.withheld,
            protected,
            locale,
        ),
        receipt_male: gap_text(
            report.variable_pay_receipt.male_pct,
            report.variable_pay_receipt.withheld,
            protected,
            locale,
        ),
        workers: report.workers,
        quartile_svg,
        bands,
        grade_svg,
        level_svg,
        grades: group_rows(&report.representation.by_grade, locale, false),
        levels: group_rows(&report.representation.by_management_level, locale, true),
        categories,
        flows,
        other_lang: if locale.code() == "fr" {
            "en".into()
        } else {
            "fr".into()
        },
        page: page.with_title(locale.t_args(
            "workforce-report-title",
            &[("year", report.reference_year.to_string())],
        )),
    }
}

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    pub stored: Option<String>,
}

/// A stored report and its protected figures, if the caller may see them
/// (see `gedhub_app::workforce::report`).
async fn stored_report(
    state: &AppState,
    signed_in: &SignedIn,
    code: &str,
    year: &str,
) -> Result<(AdministrationCode, StoredWorkforceReport, ProtectedReport)> {
    let (administration, stored, protected) =
        use_cases::report(state.store(), &signed_in.caller, code, year).await?;
    Ok((administration.code().clone(), stored, protected))
}

/// `GET /workforce/{code}/{year}`.
pub async fn show_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((code, year)): AppPath<(String, String)>,
    AppQuery(query): AppQuery<ReportQuery>,
) -> Result<Response> {
    let (code, stored, protected) = stored_report(&state, &signed_in, &code, &year).await?;
    let page = Page::new(&context, "workforce-title");
    Ok(render(&report_page(
        page,
        &code,
        &stored,
        &protected,
        &context.locale,
        query.stored.is_some(),
    )))
}

/// `GET /workforce/{code}/{year}/report.json`: the protected figures,
/// rounded like every other channel.
pub async fn download_json(
    State(state): State<AppState>,
    signed_in: SignedIn,
    AppPath((code, year)): AppPath<(String, String)>,
) -> Result<Response> {
    let (code, _, protected) = stored_report(&state, &signed_in, &code, &year).await?;
    let json = serde_json::to_vec_pretty(protected.report())
        .map_err(|error| AppError::internal(format!("workforce JSON: {error}")))?;
    Ok(download(
        json,
        "application/json",
        &format!("gedhub-workforce-{code}-{year}.json"),
    ))
}

/// `GET /workforce/{code}/{year}/report.xlsx`, in the reader's language
/// (`?lang=` overrides).
pub async fn download_xlsx(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((code, year)): AppPath<(String, String)>,
    AppQuery(query): AppQuery<crate::pages::reports::LangQuery>,
) -> Result<Response> {
    let (code, _, protected) = stored_report(&state, &signed_in, &code, &year).await?;
    let locale = crate::pages::reports::download_locale(&context, &query);
    let bytes = crate::workbooks::write_xlsx(&report_sheets(&protected, &locale))
        .map_err(|error| AppError::internal(error.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("gedhub-workforce-{code}-{year}.xlsx"),
    ))
}

/// Category rows of the report (shared by the page and the PDF).
fn category_rows(protected: &ProtectedReport, locale: &Locale) -> Vec<CategoryRow> {
    let gap = |value: Option<f64>, gap: &gedhub_core::workforce::Gap| {
        gap_text(value, gap.withheld, protected, locale)
    };
    protected
        .report()
        .categories
        .iter()
        .map(|c| CategoryRow {
            name: c.category.clone(),
            female: c.female,
            male: c.male,
            total_mean: gap(c.total_pay_gap.mean_pct, &c.total_pay_gap),
            total_median: gap(c.total_pay_gap.median_pct, &c.total_pay_gap),
            basic_mean: gap(c.basic_pay_gap.mean_pct, &c.basic_pay_gap),
            variable_mean: gap(c.variable_pay_gap.mean_pct, &c.variable_pay_gap),
            status: if c.suppressed && c.suppressed_reason.as_deref() == Some("complementary") {
                locale.t_args("workforce-withheld-complementary", &[])
            } else if c.suppressed {
                locale.t("workforce-suppressed")
            } else if c.joint_assessment_required {
                locale.t("workforce-joint-assessment")
            } else {
                String::new()
            },
            flagged: c.joint_assessment_required,
        })
        .collect()
}

fn quartile_chart(report: &WorkforceReport, locale: &Locale) -> String {
    share_bars(
        "quartiles",
        &locale.t("workforce-quartile-chart"),
        &report
            .quartiles
            .iter()
            .map(|b| {
                (
                    locale.t(&format!("workforce-band-{}", b.band.as_str())),
                    b.female_pct,
                )
            })
            .collect::<Vec<_>>(),
        locale,
    )
}

fn level_chart(report: &WorkforceReport, locale: &Locale) -> String {
    share_bars(
        "levels",
        &locale.t("workforce-pipeline-level-chart"),
        &report
            .representation
            .by_management_level
            .iter()
            .map(|g| (level_label(locale, &g.name), g.female_share_pct))
            .collect::<Vec<_>>(),
        locale,
    )
}

/// The one-page summary as a typeset document in `locale`.
fn brief(
    stored: &StoredWorkforceReport,
    protected: &ProtectedReport,
    administration: &str,
    locale: &Locale,
) -> gedhub_report::Brief {
    use gedhub_report::{BriefBlock, BriefColumn, BriefTable};
    let report = protected.report();
    let gap = |value: Option<f64>, gap: &gedhub_core::workforce::Gap| {
        gap_text(value, gap.withheld, protected, locale)
    };
    let t = |key: &str| locale.t(key);
    let levels = group_rows(&report.representation.by_management_level, locale, true);
    gedhub_report::Brief {
        language: locale.code(),
        title: locale.t_args(
            "workforce-report-title",
            &[("year", report.reference_year.to_string())],
        ),
        subtitle: administration.to_owned(),
        date: locale.t_args(
            "workforce-uploaded",
            &[
                (
                    "date",
                    crate::format::long_date_of(&stored.computed_at, locale),
                ),
                ("rows", stored.rows_read.to_string()),
            ],
        ),
        footer: format!("gedhub · {administration} · {}", report.reference_year),
        page_label: t("report-page"),
        blocks: vec![
            BriefBlock {
                heading: t("workforce-explanations"),
                sentences: explanations(protected, locale),
                chart: None,
                table: Some(BriefTable {
                    header: vec![
                        t("workforce-indicator"),
                        t("workforce-mean-pct"),
                        t("workforce-median-pct"),
                    ],
                    rows: vec![
                        vec![
                            t("workforce-pay-gap"),
                            gap(report.pay_gap.mean_pct, &report.pay_gap),
                            gap(report.pay_gap.median_pct, &report.pay_gap),
                        ],
                        vec![
                            t("workforce-variable-pay-gap"),
                            gap(report.variable_pay_gap.mean_pct, &report.variable_pay_gap),
                            gap(report.variable_pay_gap.median_pct, &report.variable_pay_gap),
                        ],
                    ],
                    columns: Vec::new(),
                }),
            },
            BriefBlock {
                heading: t("workforce-quartile-chart"),
                sentences: Vec::new(),
                chart: Some(quartile_chart(report, locale)),
                table: None,
            },
            BriefBlock {
                heading: t("workforce-sheet-categories"),
                sentences: Vec::new(),
                chart: None,
                table: Some(BriefTable {
                    header: vec![
                        t("workforce-category"),
                        t("workforce-female"),
                        t("workforce-male"),
                        t("workforce-total-gap-mean"),
                        t("workforce-flag"),
                    ],
                    rows: category_rows(protected, locale)
                        .into_iter()
                        .map(|c| {
                            vec![
                                c.name,
                                c.female.to_string(),
                                c.male.to_string(),
                                c.total_mean,
                                c.status,
                            ]
                        })
                        .collect(),
                    // The flag is a sentence in some languages: it wraps.
                    columns: vec![
                        BriefColumn::text(2.0),
                        BriefColumn::number(),
                        BriefColumn::number(),
                        BriefColumn::number(),
                        BriefColumn::text(1.5),
                    ],
                }),
            },
            BriefBlock {
                heading: t("workforce-pipeline-level-chart"),
                sentences: Vec::new(),
                chart: Some(level_chart(report, locale)),
                table: Some(BriefTable {
                    header: vec![
                        t("workforce-level"),
                        t("workforce-female"),
                        t("workforce-male"),
                        t("workforce-female-share"),
                    ],
                    rows: levels
                        .into_iter()
                        .map(|g| vec![g.name, g.female.to_string(), g.male.to_string(), g.share])
                        .collect(),
                    columns: Vec::new(),
                }),
            },
        ],
    }
}

/// `GET /workforce/{code}/{year}/report.pdf`: the one-page summary, in the
/// reader's language (`?lang=` overrides).
pub async fn download_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath((code, year)): AppPath<(String, String)>,
    AppQuery(query): AppQuery<crate::pages::reports::LangQuery>,
) -> Result<Response> {
    let (code, stored, protected) = stored_report(&state, &signed_in, &code, &year).await?;
    let locale = crate::pages::reports::download_locale(&context, &query);
    let administration = state
        .store()
        .administration(&gedhub_core::Scope::All, &code)
        .await?;
    let document = brief(
        &stored,
        &protected,
        administration.name(&locale.code()),
        &locale,
    );
    let pdf = tokio::task::spawn_blocking(move || gedhub_report::render_brief(&document))
        .await
        .map_err(|error| AppError::internal(format!("workforce PDF: {error}")))?
        .map_err(|error| AppError::internal(format!("workforce PDF: {error}")))?;
    Ok(download(
        pdf,
        "application/pdf",
        &format!("gedhub-workforce-{code}-{year}.pdf"),
    ))
}
