//! Workforce statistics at the edge: reading an HR extract (CSV or the first
//! sheet of an .xlsx workbook) into the one engine in `gedhub_core::workforce`,
//! and presenting a report (workbook sheets, plain-language explanations,
//! charts). The CLI and the web pages both go through [`compute`], so they
//! always agree.

use std::fmt::Write;

use gedhub_core::disclosure::MIN_WORKERS;
use gedhub_core::disclosure::workforce::ProtectedReport;
use gedhub_core::instrument::Sheet;
use gedhub_core::workforce::{
    ExtractError, Gap, GroupCount, ReportOptions, Withheld, WorkforceReport, report_from_file,
};

use crate::format::{self, Digits};
use crate::i18n::Locale;

/// Largest accepted extract: a 1,000,000-row extract is about 120 MB.
pub const MAX_EXTRACT_BYTES: usize = 256 * 1024 * 1024;

/// Computes the statistics of one extract (CSV, or the first sheet of an
/// .xlsx workbook, read within `gedhub_core::tabular::Limits::EXTRACT`).
/// CPU-bound (about 0.4 s for a million CSV rows in a release build): async
/// callers use `spawn_blocking`. The result is the engine's, unprotected:
/// what is shown or stored goes through
/// `gedhub_core::disclosure::workforce::ProtectedReport` first.
pub fn compute(bytes: &[u8], options: &ReportOptions) -> Result<WorkforceReport, ExtractError> {
    report_from_file(bytes, options)
}

/// One decimal in the reader's language ("12.3%" / "12,3 %"), the precision the pay-gap
/// indicators are published with; "–" for none.
pub fn pct(value: Option<f64>, locale: &Locale) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |value| format::percent(value, Digits::Exactly(1), locale),
    )
}

/// Why a figure is withheld, in the reader's language.
pub fn withheld_text(reason: Withheld, protected: &ProtectedReport, locale: &Locale) -> String {
    locale.t_args(
        &format!("workforce-withheld-{}", reason.code()),
        &[("min", protected.min_group().to_string())],
    )
}

/// A percentage of a protected report as shown: one decimal, or why it is
/// withheld.
pub fn gap_text(
    value: Option<f64>,
    withheld: Option<Withheld>,
    protected: &ProtectedReport,
    locale: &Locale,
) -> String {
    match withheld {
        Some(reason) => withheld_text(reason, protected, locale),
        None => pct(value, locale),
    }
}

/// A number for a workbook cell (the protected report's figures already
/// have one decimal), or why it is withheld.
fn cell_number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

/// The protected report as workbook sheets with headers in the reader's
/// language.
pub fn report_sheets(protected: &ProtectedReport, locale: &Locale) -> Vec<Sheet> {
    let report = protected.report();
    let t = |key: &str| locale.t(key);
    let cell = |value: Option<f64>, withheld: Option<Withheld>| match withheld {
        Some(reason) => withheld_text(reason, protected, locale),
        None => cell_number(value),
    };
    let gap_row = |label: String, gap: &Gap| {
        vec![
            label,
            cell(gap.mean_pct, gap.withheld),
            cell(gap.median_pct, gap.withheld),
        ]
    };
    let mut min_group = protected.min_group().to_string();
    if protected.below_floor() {
        min_group = locale.t_args(
            "workforce-below-floor",
            &[
                ("min", protected.min_group().to_string()),
                ("floor", MIN_WORKERS.to_string()),
            ],
        );
    }
    let summary = Sheet {
        name: t("workforce-sheet-summary"),
        rows: vec![
            vec![
                t("workforce-indicator"),
                t("workforce-mean-pct"),
                t("workforce-median-pct"),
            ],
            gap_row(t("workforce-pay-gap"), &report.pay_gap),
            gap_row(t("workforce-variable-pay-gap"), &report.variable_pay_gap),
            vec![
                t("workforce-receipt-female"),
                cell(
                    report.variable_pay_receipt.female_pct,
                    report.variable_pay_receipt.withheld,
                ),
                String::new(),
            ],
            vec![
                t("workforce-receipt-male"),
                cell(
                    report.variable_pay_receipt.male_pct,
                    report.variable_pay_receipt.withheld,
                ),
                String::new(),
            ],
            vec![
                t("workforce-reference-year"),
                report.reference_year.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-workers-total"),
                report.workers.total.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-workers-female"),
                report.workers.female.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-workers-male"),
                report.workers.male.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-workers-other"),
                report.workers.other.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-workers-unknown"),
                report.workers.unknown.to_string(),
                String::new(),
            ],
            vec![
                t("workforce-rejected-rows"),
                report.rejected_rows.to_string(),
                String::new(),
            ],
            vec![t("workforce-min-group-used"), min_group, String::new()],
        ],
    };
    let mut quartiles = vec![vec![
        t("workforce-band"),
        t("workforce-workers"),
        t("workforce-female-pct"),
        t("workforce-male-pct"),
    ]];
    for band in &report.quartiles {
        quartiles.push(vec![
            t(&format!("workforce-band-{}", band.band.as_str())),
            band.workers.to_string(),
            cell(band.female_pct, band.withheld),
            cell(band.male_pct, band.withheld),
        ]);
    }
    let mut categories = vec![vec![
        t("workforce-category"),
        t("workforce-female"),
        t("workforce-male"),
        t("workforce-basic-gap-mean"),
        t("workforce-basic-gap-median"),
        t("workforce-variable-gap-mean"),
        t("workforce-variable-gap-median"),
        t("workforce-total-gap-mean"),
        t("workforce-total-gap-median"),
        t("workforce-joint-assessment"),
    ]];
    for category in &report.categories {
        categories.push(vec![
            category.category.clone(),
            category.female.to_string(),
            category.male.to_string(),
            cell(
                category.basic_pay_gap.mean_pct,
                category.basic_pay_gap.withheld,
            ),
            cell(
                category.basic_pay_gap.median_pct,
                category.basic_pay_gap.withheld,
            ),
            cell(
                category.variable_pay_gap.mean_pct,
                category.variable_pay_gap.withheld,
            ),
            cell(
                category.variable_pay_gap.median_pct,
                category.variable_pay_gap.withheld,
            ),
            cell(
                category.total_pay_gap.mean_pct,
                category.total_pay_gap.withheld,
            ),
            cell(
                category.total_pay_gap.median_pct,
                category.total_pay_gap.withheld,
            ),
            if category.suppressed {
                t("workforce-suppressed")
            } else if category.joint_assessment_required {
                t("workforce-yes")
            } else {
                t("workforce-no")
            },
        ]);
    }
    let groups = |name: String, first: String, groups: &[GroupCount]| {
        let mut rows = vec![vec![
            first,
            t("workforce-female"),
            t("workforce-male"),
            t("workforce-other"),
            t("workforce-unknown"),
            t("workforce-female-share"),
        ]];
        for group in groups {
            rows.push(vec![
                group.name.clone(),
                group.female.to_string(),
                group.male.to_string(),
                group.other.to_string(),
                group.unknown.to_string(),
                cell_number(group.female_share_pct),
            ]);
        }
        Sheet { name, rows }
    };
    let mut flows = vec![vec![
        t("workforce-flow"),
        t("workforce-female"),
        t("workforce-male"),
        t("workforce-female-rate"),
        t("workforce-male-rate"),
    ]];
    for (key, flow) in [
        ("hires", &report.flows.hires),
        ("promotions", &report.flows.promotions),
        ("exits", &report.flows.exits),
    ] {
        if let Some(flow) = flow {
            flows.push(vec![
                t(&format!("workforce-flow-{key}")),
                flow.female.to_string(),
                flow.male.to_string(),
                cell_number(flow.female_rate_pct),
                cell_number(flow.male_rate_pct),
            ]);
        }
    }
    vec![
        summary,
        Sheet {
            name: t("workforce-sheet-quartiles"),
            rows: quartiles,
        },
        Sheet {
            name: t("workforce-sheet-categories"),
            rows: categories,
        },
        groups(
            t("workforce-sheet-grades"),
            t("workforce-grade"),
            &report.representation.by_grade,
        ),
        groups(
            t("workforce-sheet-levels"),
            t("workforce-level"),
            &report.representation.by_management_level,
        ),
        Sheet {
            name: t("workforce-sheet-flows"),
            rows: flows,
        },
    ]
}

/// A gap in words. The direction and size come from the same rounded figure
/// the reader sees, so the sentence can never contradict the number: a gap
/// that rounds to 0.0 is "about equal", a negative one favours women.
pub fn explain_gap(key: &str, value: Option<f64>, locale: &Locale) -> String {
    let Some(value) = value else {
        return locale.t(&format!("{key}-none"));
    };
    let shown = (value * 10.0).round() / 10.0;
    let args = [("gap", pct(Some(shown.abs()), locale))];
    if shown > 0.0 {
        locale.t_args(&format!("{key}-women-less"), &args)
    } else if shown < 0.0 {
        locale.t_args(&format!("{key}-women-more"), &args)
    } else {
        locale.t(&format!("{key}-equal"))
    }
}

/// The sentences shown beside the figures, in order: mean gap, median gap,
/// variable pay, top quarter, categories, what is withheld, pipeline.
pub fn explanations(protected: &ProtectedReport, locale: &Locale) -> Vec<String> {
    let report = protected.report();
    let mut sentences = Vec::new();
    // A withheld figure gets no sentence of its own (the "withheld" one
    // below says why), never "cannot be computed".
    if report.pay_gap.withheld.is_none() {
        sentences.push(explain_gap(
            "workforce-explain-mean",
            report.pay_gap.mean_pct,
            locale,
        ));
        sentences.push(explain_gap(
            "workforce-explain-median",
            report.pay_gap.median_pct,
            locale,
        ));
    }
    if report.variable_pay_receipt.withheld.is_none() {
        sentences.push(locale.t_args(
            "workforce-explain-receipt",
            &[
                (
                    "female",
                    pct(report.variable_pay_receipt.female_pct, locale),
                ),
                ("male", pct(report.variable_pay_receipt.male_pct, locale)),
            ],
        ));
    }
    let band = |name: &str| {
        report
            .quartiles
            .iter()
            .find(|b| b.band.as_str() == name)
            .and_then(|b| b.female_pct)
    };
    if let (Some(upper), Some(lower)) = (band("upper"), band("lower")) {
        sentences.push(locale.t_args(
            "workforce-explain-quartiles",
            &[
                ("upper", pct(Some(upper), locale)),
                ("lower", pct(Some(lower), locale)),
            ],
        ));
    }
    let flagged = report
        .categories
        .iter()
        .filter(|c| c.joint_assessment_required)
        .count();
    let suppressed = report.categories.iter().filter(|c| c.suppressed).count();
    sentences.push(locale.t_count("workforce-explain-flagged", flagged));
    if suppressed > 0 {
        sentences.push(
            locale.t_count_args(
                "workforce-explain-suppressed",
                suppressed,
                &[(
                    "min",
                    report
                        .categories
                        .first()
                        .map_or(10, |c| c.min_group)
                        .to_string(),
                )],
            ),
        );
    }
    let any_withheld = report.pay_gap.withheld.is_some()
        || report.variable_pay_gap.withheld.is_some()
        || report.categories.iter().any(|c| {
            c.total_pay_gap.withheld.is_some()
                || c.basic_pay_gap.withheld.is_some()
                || c.variable_pay_gap.withheld.is_some()
                || c.suppressed_reason.as_deref() == Some("complementary")
        });
    if any_withheld {
        sentences.push(locale.t_args(
            "workforce-explain-withheld",
            &[("min", protected.min_group().to_string())],
        ));
    }
    let female_share = if report.workers.total > 0 {
        Some(report.workers.female as f64 / report.workers.total as f64 * 100.0)
    } else {
        None
    };
    let top = report
        .representation
        .by_management_level
        .iter()
        .find(|g| g.name == "top")
        .and_then(|g| g.female_share_pct);
    sentences.push(locale.t_args(
        "workforce-explain-pipeline",
        &[
            ("all", pct(female_share, locale)),
            ("top", pct(top, locale)),
        ],
    ));
    sentences
}

/// Why a file gave no report, as a sentence in the reader's language (for
/// a refused file with bad rows, the summary; the rows are listed apart).
pub fn describe_error(error: &ExtractError, locale: &Locale) -> String {
    let reason = match error {
        // A sentence of its own, naming where.
        ExtractError::Table(error) => return crate::workbooks::describe_table_error(error, locale),
        ExtractError::NotUtf8 { line } => {
            locale.t_args("workforce-error-not-utf8", &[("line", line.to_string())])
        }
        ExtractError::Empty => locale.t("workforce-error-empty"),
        ExtractError::MissingColumns { columns } => locale.t_args(
            "workforce-error-missing",
            &[("columns", columns.join(", "))],
        ),
        ExtractError::DuplicateColumn { column, .. } => locale.t_args(
            "workforce-error-duplicate-column",
            &[("column", (*column).to_owned())],
        ),
        ExtractError::NoValidRows { .. } => locale.t("workforce-error-no-rows"),
        ExtractError::Rejected {
            problem_count,
            rows,
            ..
        } => {
            return locale.t_args(
                "workforce-rejected",
                &[
                    ("rows", rows.to_string()),
                    ("problems", problem_count.to_string()),
                ],
            );
        }
    };
    locale.t_args("workforce-file-error", &[("reason", reason)])
}

/// What is wrong with one row's value, in the reader's language.
pub fn describe_problem(problem: &gedhub_core::workforce::RowProblem, locale: &Locale) -> String {
    let key = format!("workforce-problem-{}", problem.code);
    let mut reason = if locale.has(&key) {
        locale.t(&key)
    } else {
        problem.code.clone()
    };
    if let Some(line) = problem.first_line {
        reason.push_str(&format!(
            " ({})",
            locale.t_args(
                "workforce-problem-first-line",
                &[("line", line.to_string())]
            )
        ));
    }
    reason
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal 100 % bars: women's share (dark) and men's (light) for each
/// row. Used for the quartile bands and for the "leaky pipeline" of women's
/// share by grade and management level. `rows` are (label, female %).
pub fn share_bars(
    id: &str,
    title: &str,
    rows: &[(String, Option<f64>)],
    locale: &Locale,
) -> String {
    // Labels wrap onto two lines within their column (French ones such as
    // "Quartile intermédiaire supérieur" are wider than English); a longer
    // one ends in "…" and keeps its full text as a title, and every label
    // is also in the description and the table beside the chart.
    let (label_width, bar_width) = (190.0_f64, 300.0_f64);
    let chars = ((label_width - 8.0) / crate::charts::LABEL_CHAR_WIDTH).floor() as usize;
    let labels: Vec<(Vec<String>, bool)> = rows
        .iter()
        .map(|(label, _)| crate::charts::wrap_label(label, chars, 2))
        .collect();
    let row_height = if labels.iter().any(|(lines, _)| lines.len() > 1) {
        34.0
    } else {
        26.0
    };
    let height = 30.0 + row_height * rows.len() as f64;
    let width = label_width + bar_width + 70.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"##,
        escape(title),
        escape(
            &rows
                .iter()
                .map(|(label, share)| format!("{label}: {}", pct(*share, locale)))
                .collect::<Vec<_>>()
                .join("; ")
        )
    );
    let _ = write!(
        svg,
        r##"<line x1="{x}" y1="8" x2="{x}" y2="{bottom}" stroke="#9aa5b1" stroke-dasharray="3 3"/>"##,
        x = label_width + bar_width / 2.0,
        bottom = height - 6.0
    );
    for (index, ((label, share), (lines, cut))) in rows.iter().zip(&labels).enumerate() {
        let y = 14.0 + row_height * index as f64 + (row_height - 26.0) / 2.0;
        // The lines centred on the bar.
        let first = y + 13.0 - 7.0 * (lines.len().max(1) - 1) as f64;
        svg.push_str(&crate::charts::text_lines(
            label_width - 8.0,
            first,
            14.0,
            "end",
            lines,
            cut.then_some(label.as_str()),
        ));
        match share {
            Some(share) => {
                let female = bar_width * share.clamp(0.0, 100.0) / 100.0;
                let _ = write!(
                    svg,
                    r##"<rect x="{label_width}" y="{y}" width="{female:.1}" height="18" fill="#1d4e89"/><rect x="{:.1}" y="{y}" width="{:.1}" height="18" fill="#c5d6ea"/><text x="{:.1}" y="{}" fill="#1f2933">{}</text>"##,
                    label_width + female,
                    bar_width - female,
                    label_width + bar_width + 6.0,
                    y + 13.0,
                    escape(&pct(Some(*share), locale))
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{}" y="{}" fill="#616e7c">–</text>"##,
                    label_width + 4.0,
                    y + 13.0
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Locale {
        Locale::english()
    }

    /// Each label's lines as drawn: (x, anchor, lines, title).
    fn drawn_labels(svg: &str) -> Vec<(f64, String, Vec<String>, Option<String>)> {
        svg.split("<text ")
            .skip(1)
            .filter(|text| text.contains("<tspan"))
            .map(|text| {
                let tag = &text[..text.find('>').expect("well-formed")];
                let value = |name: &str| {
                    tag.split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|v| v.split('"').next())
                        .unwrap_or_default()
                        .to_owned()
                };
                let body = &text[..text.find("</text>").expect("well-formed")];
                let title = body
                    .split("<title>")
                    .nth(1)
                    .and_then(|t| t.split("</title>").next())
                    .map(str::to_owned);
                let lines = body
                    .split("</tspan>")
                    .filter(|part| part.contains("<tspan"))
                    .filter_map(|part| part.rsplit('>').next())
                    .map(str::to_owned)
                    .collect();
                (
                    value("x").parse().expect("a number"),
                    value("text-anchor"),
                    lines,
                    title,
                )
            })
            .collect()
    }

    #[test]
    fn bar_labels_fit_their_column_in_both_languages() {
        let fr = Locale::from_code("fr").expect("French");
        for locale in [english(), fr] {
            let mut rows: Vec<(String, Option<f64>)> =
                ["lower", "lower_middle", "upper_middle", "upper"]
                    .iter()
                    .map(|band| (locale.t(&format!("workforce-band-{band}")), Some(40.0)))
                    .collect();
            rows.extend(
                ["none", "middle", "senior", "top"]
                    .iter()
                    .map(|level| (locale.t(&format!("workforce-level-{level}")), Some(55.0))),
            );
            let svg = share_bars("bars", "Title", &rows, &locale);
            let labels = drawn_labels(&svg);
            assert_eq!(labels.len(), rows.len(), "{svg}");
            for ((label, _), (x, anchor, lines, title)) in rows.iter().zip(&labels) {
                assert_eq!(anchor, "end");
                // Right-aligned before the bars; the widest line, at a
                // generous width per character, starts inside the chart.
                let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                assert!(
                    *x <= 190.0 && *x - widest as f64 * crate::charts::LABEL_CHAR_WIDTH >= 0.0,
                    "{label:?} overflows: {lines:?}"
                );
                // Whole: the lines are the label, nothing cut.
                assert_eq!(&lines.join(" "), label);
                assert!(title.is_none(), "{label:?}");
            }
        }
    }

    #[test]
    fn a_bar_label_too_long_for_two_lines_keeps_its_full_text_as_a_title() {
        let long =
            "Inspecteur principal des douanes de classe exceptionnelle, chef de brigade mobile"
                .to_owned();
        let svg = share_bars(
            "grades",
            "Grades",
            &[(long.clone(), Some(30.0))],
            &english(),
        );
        let labels = drawn_labels(&svg);
        let (_, _, lines, title) = &labels[0];
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(title.as_deref(), Some(long.as_str()));
        assert!(svg.contains(&format!("<desc id=\"grades-desc\">{long}: ")));
    }

    #[test]
    fn the_explanation_follows_the_rounded_figure_in_both_directions() {
        let en = english();
        assert!(explain_gap("workforce-explain-mean", Some(12.34), &en).contains("12.3% lower"));
        assert!(explain_gap("workforce-explain-mean", Some(-3.06), &en).contains("3.1% higher"));
        // 0.04 shows as 0.0 %: the sentence must not say "lower".
        let tiny = explain_gap("workforce-explain-mean", Some(0.04), &en);
        assert!(
            !tiny.contains("lower") && !tiny.contains("higher"),
            "{tiny}"
        );
        let none = explain_gap("workforce-explain-mean", None, &en);
        assert!(!none.contains('%'), "{none}");
        let fr = Locale::from_code("fr").expect("French");
        assert!(explain_gap("workforce-explain-mean", Some(-3.06), &fr).contains("3,1\u{a0}%"));
    }

    #[test]
    fn csv_and_xlsx_extracts_give_the_same_report() {
        let csv = "employee_id,sex,grade,category,annual_basic_pay,annual_variable_pay,weekly_hours,hire_date\n\
                   a,F,G1,C1,30000,0,40,2024-03-01\n\
                   b,M,G1,C1,36000,1200,40,2020-01-15\n\
                   c,F,G2,C1,41000.5,0,20,2024-07-31\n";
        let options = ReportOptions::new(2024);
        let from_csv = compute(csv.as_bytes(), &options).expect("csv");
        let sheet = Sheet {
            name: "extract".into(),
            rows: csv
                .lines()
                .map(|l| l.split(',').map(str::to_owned).collect())
                .collect(),
        };
        let xlsx = crate::workbooks::write_xlsx(&[sheet]).expect("workbook");
        let from_xlsx = compute(&xlsx, &options).expect("xlsx");
        assert_eq!(from_csv, from_xlsx);
        assert_eq!(from_csv.flows.hires.as_ref().map(|f| f.female), Some(2));
    }

    #[test]
    fn excel_serial_dates_become_iso_dates() {
        // 45352 is 1 March 2024 in Excel's 1900 date system.
        assert_eq!(
            gedhub_core::tabular::xlsx::excel_date(45352.0).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            gedhub_core::tabular::xlsx::excel_date(45352.75).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(gedhub_core::tabular::xlsx::excel_date(-1.0), None);
    }

    #[test]
    fn a_broken_workbook_is_named_as_such() {
        assert!(matches!(
            compute(b"PK\x03\x04 not really a zip", &ReportOptions::new(2024)),
            Err(ExtractError::Table(
                gedhub_core::tabular::TableError::NotAWorkbook
            ))
        ));
    }
}
