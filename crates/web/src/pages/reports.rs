//! The diagnostic report of an assessment: web page, PDF and Excel, in the
//! reader's language (`?lang=` overrides for downloads).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gedhub_core::instrument::Sheet;
use gedhub_report::{AnswerRow, DiagnosticReport, IndicatorRow, ReportLabels, SectionRow};
use serde::Deserialize;

use crate::charts::{RadarAxis, RadarChart, RadarSeries, RadarStyle, change_bars, radar};
use crate::context::{RequestContext, SignedIn};
use crate::diagnostic::{Diagnostic, format_pct};
use crate::error::{AppError, Result};
use crate::extract::{AppPath, AppQuery};
use crate::i18n::Locale;
use crate::pages::assessments::{load, status_label};
use crate::pages::instruments::xlsx_response;
use crate::state::AppState;
use crate::views::{Page, render};
use crate::workbooks;

#[derive(Deserialize, Default)]
pub struct LangQuery {
    pub lang: Option<String>,
}

/// The language of a download: `?lang=` when given and shipped, else the
/// page language.
pub fn download_locale(context: &RequestContext, query: &LangQuery) -> Locale {
    query
        .lang
        .as_deref()
        .and_then(Locale::from_code)
        .unwrap_or_else(|| context.locale.clone())
}

pub struct ScoreRow {
    pub code: String,
    pub label: String,
    pub score: String,
    pub rated: usize,
    pub total: usize,
    pub previous: String,
    pub change: String,
    pub regional: String,
    pub global: String,
}

pub struct FindingRow {
    pub section: String,
    pub code: String,
    pub label: String,
    pub rating: String,
}

pub struct AnswerLine {
    pub section: String,
    pub code: String,
    pub label: String,
    pub rating: String,
    pub justification: String,
    pub evidence: String,
    pub files: Vec<String>,
}

/// The report's content in one language, shared by the three formats.
pub struct ReportContent {
    pub administration: String,
    pub title: String,
    pub instrument: String,
    pub date: String,
    pub status: String,
    pub overall: String,
    pub rows: Vec<ScoreRow>,
    pub radar_svg: String,
    pub change_svg: Option<String>,
    pub strengths: Vec<FindingRow>,
    pub gaps: Vec<FindingRow>,
    pub answers: Vec<AnswerLine>,
    pub has_previous: bool,
    /// Which published period the regional and global averages are of.
    pub benchmark_note: String,
    /// "Provisional: …" while the diagnostic is not validated (on the page,
    /// in the chart and in the PDF).
    pub provisional: Option<String>,
}

fn rating_text(locale: &Locale, diagnostic: &Diagnostic, code: &str) -> String {
    match diagnostic.answers.get(code).and_then(|a| a.as_rating()) {
        Some(gedhub_core::scoring::Rating::Value(value)) => {
            let label = diagnostic
                .instrument
                .scale
                .level(value)
                .map(|l| l.label.get(&locale.code()).to_owned())
                .unwrap_or_default();
            format!("{value} – {label}")
        }
        Some(gedhub_core::scoring::Rating::NotApplicable) => locale.t("rating-na-short"),
        None => locale.t("rating-not-answered"),
    }
}

pub fn content(diagnostic: &Diagnostic, locale: &Locale) -> ReportContent {
    let lang = locale.code();
    let instrument = &diagnostic.instrument;
    let previous_sections: HashMap<&str, Option<f64>> = diagnostic
        .previous
        .as_ref()
        .map(|(_, scores)| {
            scores
                .sections
                .iter()
                .map(|s| (s.score.code.as_str(), s.score.score_pct))
                .collect()
        })
        .unwrap_or_default();
    let changes: HashMap<String, Option<f64>> = diagnostic.changes().into_iter().collect();
    // A published average with the administrations behind it (n), or why
    // it is not shown; the same text on the page and in the workbook.
    let group = |figure: Option<gedhub_core::disclosure::Published>| {
        figure.map_or_else(String::new, |figure| match figure.value() {
            Some(value) => format!(
                "{} (n = {})",
                format_pct(Some(value), locale),
                figure.administrations()
            ),
            None => format!(
                "{} (n = {})",
                locale.t("report-benchmark-withheld"),
                figure.administrations()
            ),
        })
    };
    let rows: Vec<ScoreRow> = instrument
        .sections
        .iter()
        .zip(&diagnostic.scores.sections)
        .map(|(section, score)| ScoreRow {
            code: section.code.clone(),
            label: section.label.get(&lang).to_owned(),
            score: format_pct(score.score.score_pct, locale),
            rated: score.score.rated,
            total: score.score.total,
            previous: previous_sections
                .get(section.code.as_str())
                .map(|p| format_pct(*p, locale))
                .unwrap_or_default(),
            change: changes
                .get(&section.code)
                .copied()
                .flatten()
                .map(|c| format!("{c:+.0}"))
                .unwrap_or_default(),
            regional: group(
                diagnostic
                    .benchmarks
                    .as_ref()
                    .map(|b| b.regional(&section.code)),
            ),
            global: group(
                diagnostic
                    .benchmarks
                    .as_ref()
                    .map(|b| b.global(&section.code)),
            ),
        })
        .collect();
    let provisional = diagnostic
        .assessment
        .status
        .is_provisional()
        .then(|| locale.t("report-provisional"));
    let radar_svg = radar_svg(
        diagnostic,
        locale,
        &previous_sections,
        provisional.as_deref(),
    );
    let change_rows = diagnostic.changes();
    let change_svg = (!change_rows.is_empty())
        .then(|| change_bars(&locale.t("report-change-title"), &change_rows));
    let label_of = |code: &str| {
        instrument
            .indicator(code)
            .map(|(_, _, i)| i.label.get(&lang).to_owned())
            .unwrap_or_default()
    };
    let section_label = |code: &str| {
        instrument
            .section(code)
            .map(|s| format!("{} – {}", s.code, s.label.get(&lang)))
            .unwrap_or_default()
    };
    let finding = |f: &gedhub_core::scoring::Finding| FindingRow {
        section: section_label(&f.section),
        code: f.indicator.clone(),
        label: label_of(&f.indicator),
        rating: rating_text(locale, diagnostic, &f.indicator),
    };
    let answers = instrument
        .indicators()
        .map(|(section, _, indicator)| {
            let answer = diagnostic.answers.get(&indicator.code);
            AnswerLine {
                section: section_label(&section.code),
                code: indicator.code.clone(),
                label: indicator.label.get(&lang).to_owned(),
                rating: rating_text(locale, diagnostic, &indicator.code),
                justification: answer.map(|a| a.justification.clone()).unwrap_or_default(),
                evidence: answer.map(|a| a.evidence.clone()).unwrap_or_default(),
                files: diagnostic
                    .attachments
                    .iter()
                    .filter(|a| a.indicator_code == indicator.code)
                    .map(|a| a.file_name.clone())
                    .collect(),
            }
        })
        .collect();
    let benchmark_note = match &diagnostic.benchmarks {
        Some(b) => locale.t_args(
            "report-benchmark-published",
            &[("year", b.period.to_string())],
        ),
        None => locale.t("report-benchmark-none"),
    };
    let assessment = &diagnostic.assessment;
    ReportContent {
        administration: diagnostic.administration_name.clone(),
        title: assessment.title.clone(),
        instrument: format!(
            "{} ({}, {})",
            instrument.title.get(&lang),
            instrument.code,
            instrument.edition
        ),
        date: crate::format::long_date_of(
            assessment
                .validated_at
                .as_ref()
                .or(assessment.submitted_at.as_ref())
                .unwrap_or(&assessment.updated_at),
            locale,
        ),
        status: status_label(locale, assessment.status),
        overall: format_pct(diagnostic.scores.overall.score_pct, locale),
        rows,
        radar_svg,
        change_svg,
        strengths: diagnostic.scores.strengths.iter().map(finding).collect(),
        gaps: diagnostic.scores.gaps.iter().map(finding).collect(),
        answers,
        has_previous: diagnostic.previous.is_some(),
        benchmark_note,
        provisional,
    }
}

/// The radar of the section scores: this assessment, the previous one, and
/// the region's and all Members' published averages where the disclosure
/// control shows them (a withheld figure is `None`, so it is not drawn).
fn radar_svg(
    diagnostic: &Diagnostic,
    locale: &Locale,
    previous: &HashMap<&str, Option<f64>>,
    provisional: Option<&str>,
) -> String {
    let lang = locale.code();
    let sections = &diagnostic.instrument.sections;
    let axes: Vec<RadarAxis> = sections
        .iter()
        .map(|section| RadarAxis {
            code: section.code.clone(),
            name: section.label.get(&lang).to_owned(),
        })
        .collect();
    let series = |style, label: String, values: Vec<Option<f64>>| RadarSeries {
        style,
        label,
        texts: values.iter().map(|v| format_pct(*v, locale)).collect(),
        values,
    };
    let mut lines = Vec::new();
    if diagnostic.previous.is_some() {
        lines.push(series(
            RadarStyle::Previous,
            locale.t("report-previous"),
            sections
                .iter()
                .map(|s| previous.get(s.code.as_str()).copied().flatten())
                .collect(),
        ));
    }
    if let Some(benchmarks) = &diagnostic.benchmarks {
        let year = benchmarks.period.to_string();
        let region = crate::views::region_label(locale, benchmarks.region);
        let regional: Vec<Option<f64>> = sections
            .iter()
            .map(|s| benchmarks.regional(&s.code).value())
            .collect();
        let global: Vec<Option<f64>> = sections
            .iter()
            .map(|s| benchmarks.global(&s.code).value())
            .collect();
        // A line with no figure shown would only be a legend entry.
        if regional.iter().any(Option::is_some) {
            lines.push(series(
                RadarStyle::Region,
                locale.t_args(
                    "report-radar-region",
                    &[("region", region), ("year", year.clone())],
                ),
                regional,
            ));
        }
        if global.iter().any(Option::is_some) {
            lines.push(series(
                RadarStyle::Global,
                locale.t_args("report-radar-global", &[("year", year)]),
                global,
            ));
        }
    }
    lines.push(series(
        RadarStyle::Subject,
        locale.t_args(
            "report-radar-subject",
            &[("administration", diagnostic.administration_name.clone())],
        ),
        diagnostic
            .scores
            .sections
            .iter()
            .map(|s| s.score.score_pct)
            .collect(),
    ));
    radar(&RadarChart {
        id: "radar",
        title: &locale.t("report-radar-title"),
        axes: &axes,
        series: &lines,
        provisional,
    })
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage {
    pub page: Page,
    pub id: i64,
    pub report: ReportContent,
    pub has_regional: bool,
    pub has_global: bool,
    pub other_lang: String,
    /// Action-plan objectives that address a GEOAT indicator code (the
    /// diagnostic → plan chain, read backwards).
    pub plan_links: Vec<PlanLink>,
    /// A validated diagnostic the caller may build a plan from.
    pub can_start_plan: bool,
    /// The gaps by key element, each key element's related practices once.
    pub gap_groups: Vec<GapGroup>,
}

/// The gaps of one key element, with the published practices related to
/// it: the library is searched by key element, so showing its practices
/// under every gap would repeat the same links.
pub struct GapGroup {
    /// "P1.A – Recruitment and selection".
    pub heading: String,
    pub gaps: Vec<FindingRow>,
    pub related: Option<crate::practices::Related>,
}

pub struct PlanLink {
    pub code: String,
    pub plan_id: i64,
    pub plan_title: String,
    pub objective: String,
}

impl ReportPage {
    /// The plan objectives addressing `code` (used by the template).
    pub fn plans_for(&self, code: &str) -> Vec<&PlanLink> {
        self.plan_links.iter().filter(|l| l.code == code).collect()
    }
}

/// `GET /assessments/{id}/report`.
pub async fn show_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let plan_scope = gedhub_app::plans::scope(&signed_in.caller);
    let plan_links = state
        .store()
        .objectives_addressing(&plan_scope, &loaded.assessment.administration)
        .await?
        .into_iter()
        .map(|(code, plan_id, plan_title, objective)| PlanLink {
            code,
            plan_id,
            plan_title,
            objective,
        })
        .collect();
    let can_start_plan = loaded.assessment.status == gedhub_core::assessment::Status::Validated
        && plan_scope.includes(&loaded.assessment.administration);
    let diagnostic = Diagnostic::load(&state, loaded.assessment, &context.locale).await?;
    let page = Page::new(&context, "report-title");
    let report = content(&diagnostic, &context.locale);
    let gap_groups = gap_groups(&state, &context.locale, &diagnostic, &report.gaps).await?;
    Ok(render(&ReportPage {
        gap_groups,
        plan_links,
        can_start_plan,
        id,
        has_regional: diagnostic.benchmarks.is_some(),
        has_global: diagnostic.benchmarks.is_some(),
        report,
        other_lang: if context.locale.code() == "fr" {
            "en".into()
        } else {
            "fr".into()
        },
        page,
    }))
}

/// `gaps` (in the diagnostic's order) grouped by key element, in the
/// instrument's order, each with its related practices.
async fn gap_groups(
    state: &AppState,
    locale: &Locale,
    diagnostic: &Diagnostic,
    gaps: &[FindingRow],
) -> Result<Vec<GapGroup>> {
    let lang = locale.code();
    let mut groups: Vec<(String, GapGroup)> = Vec::new();
    for gap in gaps {
        let Some((_, key_element, _)) = diagnostic.instrument.indicator(&gap.code) else {
            continue;
        };
        let row = FindingRow {
            section: gap.section.clone(),
            code: gap.code.clone(),
            label: gap.label.clone(),
            rating: gap.rating.clone(),
        };
        match groups
            .iter_mut()
            .find(|(code, _)| *code == key_element.code)
        {
            Some((_, group)) => group.gaps.push(row),
            None => groups.push((
                key_element.code.clone(),
                GapGroup {
                    heading: format!("{} – {}", key_element.code, key_element.label.get(&lang)),
                    gaps: vec![row],
                    related: None,
                },
            )),
        }
    }
    let order = |code: &str| {
        diagnostic
            .instrument
            .sections
            .iter()
            .flat_map(|section| &section.key_elements)
            .position(|key_element| key_element.code == code)
            .unwrap_or(usize::MAX)
    };
    groups.sort_by_key(|(code, _)| order(code));
    let mut result = Vec::with_capacity(groups.len());
    for (_, mut group) in groups {
        if let Some(first) = group.gaps.first() {
            group.related = crate::practices::related(state, locale, &first.code).await?;
        }
        result.push(group);
    }
    Ok(result)
}

fn labels(locale: &Locale) -> ReportLabels {
    ReportLabels {
        report_title: locale.t("report-title"),
        summary: locale.t("report-summary"),
        overall_score: locale.t("report-overall"),
        scores_by_section: locale.t("report-scores-by-section"),
        section: locale.t("report-section"),
        score: locale.t("report-score"),
        rated: locale.t("report-rated"),
        strengths: locale.t("report-strengths"),
        gaps: locale.t("report-gaps"),
        answers: locale.t("report-answers"),
        indicator: locale.t("report-indicator"),
        rating: locale.t("report-rating"),
        justification: locale.t("report-justification"),
        evidence: locale.t("report-evidence"),
        page: locale.t("report-page"),
        none: locale.t("report-none"),
        generated_by: locale.t("report-generated-by"),
    }
}

/// The PDF of a diagnostic (typeset off the async workers: it takes a while).
pub async fn pdf_bytes(diagnostic: &Diagnostic, locale: &Locale) -> Result<Vec<u8>> {
    let content = content(diagnostic, locale);
    let finding = |f: &FindingRow| IndicatorRow {
        section: f.section.clone(),
        code: f.code.clone(),
        label: f.label.clone(),
        rating: f.rating.clone(),
    };
    let report = DiagnosticReport {
        language: locale.code(),
        labels: labels(locale),
        administration: content.administration.clone(),
        assessment_title: content.title.clone(),
        instrument: content.instrument.clone(),
        date: content.date.clone(),
        status: content.status.clone(),
        overall_score: content.overall.clone(),
        sections: content
            .rows
            .iter()
            .map(|r| SectionRow {
                code: r.code.clone(),
                name: r.label.clone(),
                score: r.score.clone(),
                rated: r.rated,
                total: r.total,
            })
            .collect(),
        radar_svg: content.radar_svg.clone(),
        change_svg: content.change_svg.clone(),
        strengths: content.strengths.iter().map(finding).collect(),
        gaps: content.gaps.iter().map(finding).collect(),
        answers: content
            .answers
            .iter()
            .map(|a| AnswerRow {
                section: a.section.clone(),
                code: a.code.clone(),
                label: a.label.clone(),
                rating: a.rating.clone(),
                justification: a.justification.clone(),
                evidence: if a.files.is_empty() {
                    a.evidence.clone()
                } else {
                    format!("{}\n{}", a.evidence, a.files.join(", "))
                        .trim()
                        .to_owned()
                },
            })
            .collect(),
        provisional: content.provisional.clone(),
    };
    tokio::task::spawn_blocking(move || gedhub_report::render_pdf(&report))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// The Excel workbook of a diagnostic: scores, strengths, gaps and answers.
pub fn xlsx_bytes(diagnostic: &Diagnostic, locale: &Locale) -> Result<Vec<u8>> {
    let c = content(diagnostic, locale);
    let t = |key: &str| locale.t(key);
    let summary = Sheet {
        name: t("report-sheet-summary"),
        rows: {
            let mut rows = vec![vec![
                t("report-section"),
                t("field-name"),
                t("report-score"),
                t("report-rated"),
                t("report-total"),
                t("report-previous"),
                t("report-change"),
                t("report-regional"),
                t("report-global"),
            ]];
            rows.extend(c.rows.iter().map(|r| {
                vec![
                    r.code.clone(),
                    r.label.clone(),
                    r.score.clone(),
                    r.rated.to_string(),
                    r.total.to_string(),
                    r.previous.clone(),
                    r.change.clone(),
                    r.regional.clone(),
                    r.global.clone(),
                ]
            }));
            rows.push(vec![
                t("report-overall"),
                c.administration.clone(),
                c.overall.clone(),
            ]);
            rows
        },
    };
    let findings = |name: String, list: &[FindingRow]| Sheet {
        name,
        rows: std::iter::once(vec![
            t("report-section"),
            t("report-indicator"),
            t("field-name"),
            t("report-rating"),
        ])
        .chain(list.iter().map(|f| {
            vec![
                f.section.clone(),
                f.code.clone(),
                f.label.clone(),
                f.rating.clone(),
            ]
        }))
        .collect(),
    };
    let answers = Sheet {
        name: t("report-sheet-answers"),
        rows: std::iter::once(vec![
            t("report-section"),
            t("report-indicator"),
            t("field-name"),
            t("report-rating"),
            t("report-justification"),
            t("report-evidence"),
            t("report-files"),
        ])
        .chain(c.answers.iter().map(|a| {
            vec![
                a.section.clone(),
                a.code.clone(),
                a.label.clone(),
                a.rating.clone(),
                a.justification.clone(),
                a.evidence.clone(),
                a.files.join(", "),
            ]
        }))
        .collect(),
    };
    workbooks::write_xlsx(&[
        summary,
        findings(t("report-strengths"), &c.strengths),
        findings(t("report-gaps"), &c.gaps),
        answers,
    ])
    .map_err(AppError::internal)
}

fn file_stem(diagnostic: &Diagnostic) -> String {
    format!(
        "gedhub-diagnostic-{}-{}",
        diagnostic.assessment.administration, diagnostic.assessment.id
    )
}

/// `GET /assessments/{id}/report.pdf` (also under `/api/v1`).
pub async fn download_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let locale = download_locale(&context, &query);
    let diagnostic = Diagnostic::load(&state, loaded.assessment, &locale).await?;
    let bytes = pdf_bytes(&diagnostic, &locale).await?;
    let file_name = format!("{}-{}.pdf", file_stem(&diagnostic), locale.code());
    Ok(crate::views::download(bytes, "application/pdf", &file_name))
}

/// `GET /assessments/{id}/report.xlsx` (also under `/api/v1`).
pub async fn download_xlsx(
    State(state): State<AppState>,
    signed_in: SignedIn,
    context: RequestContext,
    AppPath(id): AppPath<i64>,
    AppQuery(query): AppQuery<LangQuery>,
) -> Result<Response> {
    let loaded = load(&state, &signed_in, id).await?;
    let locale = download_locale(&context, &query);
    let diagnostic = Diagnostic::load(&state, loaded.assessment, &locale).await?;
    let bytes = xlsx_bytes(&diagnostic, &locale)?;
    Ok(xlsx_response(
        bytes,
        &format!("{}-{}.xlsx", file_stem(&diagnostic), locale.code()),
    ))
}
