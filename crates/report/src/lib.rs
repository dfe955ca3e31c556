//! PDF reports for gedhub: the diagnostic report, the workforce brief, the
//! certificate and the annual programme report ([`programme`]).
//!
//! A [`DiagnosticReport`] holds everything the printed report shows, already
//! translated and formatted by the caller (the web layer owns locales, number
//! and date formats); this crate only lays it out. Layout is done by Typst
//! (through `typst-as-lib`) with the template `templates/diagnostic.typ`,
//! compiled into the binary, and fonts embedded from `typst-assets`, so
//! rendering needs no file system, no network and no system fonts.
//!
//! User text reaches the template only as data (`sys.inputs`), never spliced
//! into Typst markup, so brackets, `#`, `$`, `*`, `_`, backslashes and quotes
//! in answers are printed verbatim and cannot change the layout or run code.
//!
//! Reports live in their own crate because Typst is heavy to compile (several
//! minutes cold on 2 cores) and adds tens of MB to a binary.

pub mod programme;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Array, Bytes, Dict, IntoValue, Value};
use typst::syntax::{DiagSpanKind, Source};
use typst_as_lib::typst_kit_options::TypstKitFontOptions;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use programme::{
    Measure, ProgrammeFigure, ProgrammeLabels, ProgrammeMemberRow, ProgrammeRegionRow,
    ProgrammeReport, render_programme_report,
};

/// The Typst template, embedded so the binary is self-contained.
const TEMPLATE: &str = include_str!("../templates/diagnostic.typ");

/// The brief template (workforce one-pager), embedded like the report.
const BRIEF_TEMPLATE: &str = include_str!("../templates/brief.typ");

/// A short document of headed blocks: sentences, an optional chart and an
/// optional table each. All strings are final display text, as for
/// [`DiagnosticReport`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Brief {
    /// BCP-47 language tag (`"en"`, `"fr"`).
    pub language: String,
    /// The kind of document, e.g. "Workforce statistics 2024".
    pub title: String,
    /// Whom it is about, e.g. the administration's name.
    pub subtitle: String,
    pub date: String,
    /// Left of the page number on every page.
    pub footer: String,
    /// "Page" in the reader's language.
    pub page_label: String,
    pub blocks: Vec<BriefBlock>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefBlock {
    pub heading: String,
    pub sentences: Vec<String>,
    /// A complete `<svg>` document, or `None`.
    pub chart: Option<String>,
    pub table: Option<BriefTable>,
}

/// A table. Without `columns`, its first column is text and the others
/// figures (right-aligned), each wrapping within its share of the width
/// (the first has twice the others').
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How each column is laid out, one per header cell; empty for the
    /// default above.
    #[serde(default)]
    pub columns: Vec<BriefColumn>,
}

/// One column of a [`BriefTable`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BriefColumn {
    /// A share of the width left by the fitted columns (as `2fr`); the text
    /// wraps inside it, so long texts never run into the next cell. `0`
    /// fits the column to its widest cell: for short values only (dates,
    /// figures), which never wrap.
    pub share: f64,
    /// Right-aligned (figures) rather than left.
    pub numeric: bool,
}

impl BriefColumn {
    /// Text wrapping within `share` of the free width.
    pub fn text(share: f64) -> Self {
        Self {
            share,
            numeric: false,
        }
    }

    /// Figures that may be long (a value and its date): right-aligned,
    /// wrapping within `share` of the free width.
    pub fn figures(share: f64) -> Self {
        Self {
            share,
            numeric: true,
        }
    }

    /// A short value as wide as the widest of its column.
    pub fn fitted() -> Self {
        Self {
            share: 0.0,
            numeric: false,
        }
    }

    /// A figure, right-aligned, as wide as the widest of its column.
    pub fn number() -> Self {
        Self {
            share: 0.0,
            numeric: true,
        }
    }
}

/// The certificate template, embedded like the others.
const CERTIFICATE_TEMPLATE: &str = include_str!("../templates/certificate.typ");

/// A certificate of completion of a workshop (one landscape page). All
/// strings are final display text in the certificate's language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Certificate {
    /// BCP-47 language tag (`"en"`, `"fr"`).
    pub language: String,
    /// The programme's name, e.g. "WCO Gender Equality and Diversity Programme".
    pub programme: String,
    /// "Certificate of completion".
    pub heading: String,
    /// "This is to certify that".
    pub certify: String,
    pub name: String,
    /// "has completed the workshop".
    pub completed: String,
    pub workshop: String,
    /// Label and value pairs: kind, mode, dates, venue, attendance.
    pub facts: Vec<(String, String)>,
    /// "Issued on 3 December 2026".
    pub issued: String,
    /// "Certificate no. …".
    pub number: String,
    /// A QR code to the credential's public verification page, when the
    /// certificate has a verifiable credential.
    #[serde(default)]
    pub qr: Option<QrBlock>,
    /// Printed large and diagonally across the page ("REVOKED",
    /// "EXPIRED") when the credential is no longer in force.
    #[serde(default)]
    pub watermark: Option<String>,
}

/// A QR code drawn on a certificate: its modules row by row (`1` dark,
/// `0` light), a caption under it, and the address it encodes printed in
/// full (a paper copy must be checkable without a phone; it is also a link).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QrBlock {
    pub modules: Vec<String>,
    pub caption: String,
    #[serde(default)]
    pub url: String,
}

/// Everything shown in one assessment's PDF report.
///
/// All strings are final display text: the caller translates labels and
/// formats scores and dates for the reader, so the report crate stays free of
/// locale logic and the PDF matches what the web pages show.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagnosticReport {
    /// BCP-47 language tag of the report, e.g. `"en"` or `"fr"`. Only the
    /// primary subtag is used; it sets Typst's text language, which drives
    /// hyphenation and smart quotes.
    pub language: String,
    /// Every fixed heading and caption, already translated.
    pub labels: ReportLabels,
    /// The customs administration assessed, e.g. "Bénin".
    pub administration: String,
    /// Title of the assessment.
    pub assessment_title: String,
    /// Instrument and version used, so a reader can tell which questionnaire
    /// the scores come from.
    pub instrument: String,
    /// Assessment date, already formatted for the reader.
    pub date: String,
    /// Assessment status, already translated.
    pub status: String,
    /// Overall score, already formatted (e.g. "62 %" or "—" when unrated).
    pub overall_score: String,
    /// Score per section, in display order.
    pub sections: Vec<SectionRow>,
    /// A complete `<svg>` document of the radar chart, rendered by the
    /// server; empty when there is no chart (e.g. nothing rated yet).
    pub radar_svg: String,
    /// Optional bar chart (`<svg>` document) of the change since the previous
    /// assessment; `None` for a first assessment.
    pub change_svg: Option<String>,
    /// Best-rated indicators, grouped by section in the report.
    pub strengths: Vec<IndicatorRow>,
    /// Lowest-rated indicators, grouped by section in the report.
    pub gaps: Vec<IndicatorRow>,
    /// Every answer, in questionnaire order.
    pub answers: Vec<AnswerRow>,
    /// "Provisional: …" for a diagnostic not yet validated: printed under
    /// the title and at the top of every page. `None` once validated.
    #[serde(default)]
    pub provisional: Option<String>,
}

/// Fixed texts of the report, translated by the caller so that the template
/// holds no language of its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportLabels {
    /// Document title, e.g. "Gender equality diagnostic".
    pub report_title: String,
    /// Heading of the summary part.
    pub summary: String,
    /// Caption of the overall score.
    pub overall_score: String,
    /// Heading of the section score table.
    pub scores_by_section: String,
    /// Column header: section.
    pub section: String,
    /// Column header: score.
    pub score: String,
    /// Column header: rated / total indicators.
    pub rated: String,
    /// Heading of the strengths list.
    pub strengths: String,
    /// Heading of the gaps list.
    pub gaps: String,
    /// Heading of the answers table.
    pub answers: String,
    /// Column header: indicator.
    pub indicator: String,
    /// Column header: rating.
    pub rating: String,
    /// Column header: justification.
    pub justification: String,
    /// Column header: evidence.
    pub evidence: String,
    /// Word before "N / M" in the footer, e.g. "Page".
    pub page: String,
    /// Shown in place of an empty list or table.
    pub none: String,
    /// Closing credit line, e.g. "Generated by gedhub".
    pub generated_by: String,
}

/// One line of the section score table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SectionRow {
    /// Section code, e.g. "A".
    pub code: String,
    /// Section name, translated.
    pub name: String,
    /// Section score, already formatted.
    pub score: String,
    /// Number of indicators rated in this section.
    pub rated: usize,
    /// Number of indicators in this section.
    pub total: usize,
}

/// One indicator in the strengths or gaps list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorRow {
    /// Name of the section the indicator belongs to (the grouping key).
    pub section: String,
    /// Indicator code.
    pub code: String,
    /// Indicator text.
    pub label: String,
    /// Rating, already translated/formatted.
    pub rating: String,
}

/// One answer in the full answers table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerRow {
    /// Name of the section; a new section starts a sub-heading row.
    pub section: String,
    /// Indicator code.
    pub code: String,
    /// Indicator text.
    pub label: String,
    /// Rating, already translated/formatted.
    pub rating: String,
    /// The administration's justification, free text.
    pub justification: String,
    /// Evidence cited, free text.
    pub evidence: String,
}

/// Why a report could not be rendered.
///
/// Typst diagnostics are flattened into readable text (message, template
/// line, hints) because callers log them or show them to an administrator;
/// they cannot act on Typst's internal types.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// `language` has no usable primary subtag (2–3 ASCII letters).
    #[error("invalid report language {0:?}: expected a BCP-47 tag such as \"en\" or \"fr\"")]
    InvalidLanguage(String),
    /// The report data could not be turned into template inputs.
    #[error("report data could not be passed to the template: {0}")]
    Input(String),
    /// Typst failed to lay out the document, e.g. a chart is not valid SVG.
    #[error("the report could not be laid out: {0}")]
    Layout(String),
    /// Typst failed to write the PDF.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The parsed template. Kept so that diagnostics pointing into it can be
/// turned into line numbers.
static TEMPLATE_SOURCE: LazyLock<Source> = LazyLock::new(|| Source::detached(TEMPLATE));

/// An engine for one template, with embedded fonts only (the output must not
/// depend on the host).
fn engine(source: &Source) -> TypstEngine<TypstTemplateMainFile> {
    TypstEngine::builder()
        .main_file(source.clone())
        .search_fonts_with(
            TypstKitFontOptions::new()
                .include_system_fonts(false)
                .include_embedded_fonts(true),
        )
        .build()
}

/// Built once: loading the embedded fonts and the standard library is the
/// costly part of setting up Typst, and the engine is immutable afterwards.
static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(&TEMPLATE_SOURCE));

static BRIEF_SOURCE: LazyLock<Source> = LazyLock::new(|| Source::detached(BRIEF_TEMPLATE));

static BRIEF_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(&BRIEF_SOURCE));

/// Typesets `inputs` with `engine` into a PDF; also returns Typst's warnings.
fn compile_pdf(
    engine: &TypstEngine<TypstTemplateMainFile>,
    inputs: Dict,
) -> Result<(Vec<u8>, Vec<String>), ReportError> {
    let compiled = engine.compile_with_input::<_, PagedDocument>(inputs);
    let warnings = compiled.warnings.iter().map(describe).collect();
    let document = compiled.output.map_err(|err| match err {
        TypstAsLibError::TypstSource(diags) => ReportError::Layout(describe_all(&diags)),
        other => ReportError::Layout(other.to_string()),
    })?;
    let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diags| ReportError::Pdf(describe_all(&diags)))?;
    Ok((pdf, warnings))
}

/// A value's serde form as a Typst dictionary (strings stay strings).
fn to_typst_dict(value: &impl Serialize, what: &str) -> Result<Dict, ReportError> {
    let json = serde_json::to_value(value).map_err(|e| ReportError::Input(e.to_string()))?;
    match json_to_typst(json) {
        Value::Dict(dict) => Ok(dict),
        _ => Err(ReportError::Input(format!(
            "the {what} did not serialize to an object"
        ))),
    }
}

/// Renders a [`Brief`] as a PDF (A4, embedded fonts). CPU-bound: async
/// callers use `spawn_blocking`.
pub fn render_brief(brief: &Brief) -> Result<Vec<u8>, ReportError> {
    let mut inputs = to_typst_dict(brief, "brief")?;
    inputs.insert(
        "language".into(),
        primary_language(&brief.language)?.into_value(),
    );
    let blocks: Array = brief
        .blocks
        .iter()
        .map(|block| {
            let mut dict = to_typst_dict(block, "block")?;
            dict.insert("chart".into(), svg_value(block.chart.as_deref()));
            Ok(Value::Dict(dict))
        })
        .collect::<Result<Vec<Value>, ReportError>>()?
        .into_iter()
        .collect();
    inputs.insert("blocks".into(), Value::Array(blocks));
    compile_pdf(&BRIEF_ENGINE, inputs).map(|(pdf, _warnings)| pdf)
}

static CERTIFICATE_SOURCE: LazyLock<Source> =
    LazyLock::new(|| Source::detached(CERTIFICATE_TEMPLATE));

static CERTIFICATE_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(&CERTIFICATE_SOURCE));

/// Renders a [`Certificate`] as a PDF (landscape A4, embedded fonts).
/// CPU-bound: async callers use `spawn_blocking`.
pub fn render_certificate(certificate: &Certificate) -> Result<Vec<u8>, ReportError> {
    let mut inputs = to_typst_dict(certificate, "certificate")?;
    inputs.insert(
        "language".into(),
        primary_language(&certificate.language)?.into_value(),
    );
    compile_pdf(&CERTIFICATE_ENGINE, inputs).map(|(pdf, _warnings)| pdf)
}

/// Renders the report as a PDF document (A4, embedded fonts).
///
/// Fails if Typst rejects the input, most likely because `radar_svg` or
/// `change_svg` is not a valid SVG document, or if `language` is not a
/// language tag.
///
/// CPU-bound (about 0.2–0.3 s for 200 indicators in a release build), so
/// async callers should run it in `tokio::task::spawn_blocking`. Safe to call
/// from several threads at once: they share one immutable engine.
///
/// Characters missing from the embedded fonts (e.g. emoji, CJK) are drawn as
/// empty boxes rather than failing the report.
pub fn render_pdf(report: &DiagnosticReport) -> Result<Vec<u8>, ReportError> {
    render_with_warnings(report).map(|(pdf, _warnings)| pdf)
}

/// Renders and also returns Typst's warnings (e.g. a missing font glyph), so
/// tests can insist on a warning-free template.
fn render_with_warnings(report: &DiagnosticReport) -> Result<(Vec<u8>, Vec<String>), ReportError> {
    compile_pdf(&ENGINE, build_inputs(report)?)
}

/// Builds `sys.inputs`: the report's serde form, with the language reduced to
/// its primary subtag and the SVG charts as bytes (or `none`), which is what
/// Typst's `image` takes for in-memory data.
fn build_inputs(report: &DiagnosticReport) -> Result<Dict, ReportError> {
    let mut dict = to_typst_dict(report, "report")?;
    dict.insert(
        "language".into(),
        primary_language(&report.language)?.into_value(),
    );
    dict.insert("radar_svg".into(), svg_value(Some(&report.radar_svg)));
    dict.insert("change_svg".into(), svg_value(report.change_svg.as_deref()));
    Ok(dict)
}

/// The lowercase primary subtag of a BCP-47 tag ("fr-BE" gives "fr"), which
/// is what Typst's `text(lang:)` accepts.
fn primary_language(tag: &str) -> Result<String, ReportError> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
    if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(primary.to_ascii_lowercase())
    } else {
        Err(ReportError::InvalidLanguage(tag.to_owned()))
    }
}

/// An SVG document as Typst bytes; blank or absent gives `none`.
fn svg_value(svg: Option<&str>) -> Value {
    match svg {
        Some(svg) if !svg.trim().is_empty() => Value::Bytes(Bytes::from_string(svg.to_owned())),
        _ => Value::None,
    }
}

/// Converts JSON data to a Typst value. Strings stay strings: they are never
/// parsed as markup.
fn json_to_typst(json: serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => s.into_value(),
        serde_json::Value::Array(items) => {
            Value::Array(items.into_iter().map(json_to_typst).collect::<Array>())
        }
        serde_json::Value::Object(map) => {
            let mut dict = Dict::new();
            for (key, value) in map {
                dict.insert(key.into(), json_to_typst(value));
            }
            Value::Dict(dict)
        }
    }
}

fn describe_all(diags: &[SourceDiagnostic]) -> String {
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(describe)
        .collect();
    if errors.is_empty() {
        diags.iter().map(describe).collect::<Vec<_>>().join("; ")
    } else {
        errors.join("; ")
    }
}

/// One diagnostic as "message (template line N; hint: ...)".
fn describe(diag: &SourceDiagnostic) -> String {
    let mut text = diag.message.to_string();
    let mut notes = Vec::new();
    if let Some(line) = template_line(diag) {
        notes.push(format!("template line {line}"));
    }
    notes.extend(diag.hints.iter().map(|hint| format!("hint: {}", hint.v)));
    if !notes.is_empty() {
        text.push_str(" (");
        text.push_str(&notes.join("; "));
        text.push(')');
    }
    text
}

/// The 1-based line of the template a diagnostic points at, if it does.
fn template_line(diag: &SourceDiagnostic) -> Option<usize> {
    let source = &*TEMPLATE_SOURCE;
    let range = match diag.span.get() {
        DiagSpanKind::Number { id, num, sub_range } if id == source.id() => {
            source.range(num, sub_range)?
        }
        DiagSpanKind::Range { id, range } if id == source.id() => range,
        _ => return None,
    };
    source
        .lines()
        .byte_to_line(range.start)
        .map(|line| line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> ReportLabels {
        ReportLabels {
            report_title: "Diagnostic".into(),
            summary: "Summary".into(),
            overall_score: "Overall score".into(),
            scores_by_section: "Scores by section".into(),
            section: "Section".into(),
            score: "Score".into(),
            rated: "Rated".into(),
            strengths: "Strengths".into(),
            gaps: "Gaps".into(),
            answers: "Answers".into(),
            indicator: "Indicator".into(),
            rating: "Rating".into(),
            justification: "Justification".into(),
            evidence: "Evidence".into(),
            page: "Page".into(),
            none: "None".into(),
            generated_by: "Generated by gedhub".into(),
        }
    }

    fn report() -> DiagnosticReport {
        DiagnosticReport {
            language: "en".into(),
            labels: labels(),
            administration: "Testland".into(),
            assessment_title: "Baseline".into(),
            instrument: "GEOAT".into(),
            date: "1 March 2026".into(),
            status: "Submitted".into(),
            overall_score: "50 %".into(),
            sections: vec![SectionRow {
                code: "A".into(),
                name: "Policy".into(),
                score: "50 %".into(),
                rated: 1,
                total: 2,
            }],
            radar_svg: String::new(),
            change_svg: None,
            strengths: vec![],
            gaps: vec![],
            answers: vec![AnswerRow {
                section: "Policy".into(),
                code: "A.1".into(),
                label: "Has a policy".into(),
                rating: "Yes".into(),
                justification: "Adopted in 2024.".into(),
                evidence: "Decree 12".into(),
            }],
            provisional: None,
        }
    }

    #[test]
    fn a_brief_renders_with_its_text_chart_and_table() {
        let brief = Brief {
            language: "fr".into(),
            title: "Statistiques du personnel 2024".into(),
            subtitle: "Bénin [#emph]".into(),
            date: "28/11/2026".into(),
            footer: "gedhub".into(),
            page_label: "Page".into(),
            blocks: vec![BriefBlock {
                heading: "Rémunération".into(),
                sentences: vec!["Les femmes gagnent 9,1 % de moins.".into()],
                chart: Some(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>"#.into()),
                table: Some(BriefTable {
                    header: vec!["Quartile".into(), "Femmes".into()],
                    rows: vec![vec!["Inférieur".into(), "52,0 %".into()]],
                    columns: Vec::new(),
                }),
            }],
        };
        let pdf = render_brief(&brief).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn template_compiles_without_warnings() {
        let (pdf, warnings) = render_with_warnings(&report()).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(warnings.is_empty(), "typst warnings: {warnings:?}");
    }

    #[test]
    fn characters_outside_the_fonts_do_not_fail_the_report() {
        let mut r = report();
        r.answers[0].justification = "Objectif atteint \u{1F600} — 性别平等".into();
        let (pdf, _warnings) = render_with_warnings(&r).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn language_is_reduced_to_primary_subtag() {
        assert_eq!(primary_language("fr").expect("fr"), "fr");
        assert_eq!(primary_language("fr-BE").expect("fr-BE"), "fr");
        assert_eq!(primary_language("EN_gb").expect("EN_gb"), "en");
        assert!(matches!(
            primary_language(""),
            Err(ReportError::InvalidLanguage(_))
        ));
        assert!(matches!(
            primary_language("f1"),
            Err(ReportError::InvalidLanguage(_))
        ));
    }

    #[test]
    fn invalid_language_is_rejected_before_typst() {
        let mut r = report();
        r.language = "not a language".into();
        let err = render_pdf(&r).expect_err("must fail");
        assert!(matches!(err, ReportError::InvalidLanguage(_)), "{err}");
    }

    #[test]
    fn invalid_svg_gives_a_readable_layout_error() {
        let mut r = report();
        r.radar_svg = "<svg this is not xml".into();
        let err = render_pdf(&r).expect_err("must fail");
        let text = err.to_string();
        assert!(matches!(err, ReportError::Layout(_)), "{text}");
        assert!(text.contains("SVG") || text.contains("svg"), "{text}");
        assert!(text.contains("template line"), "{text}");
    }
}
