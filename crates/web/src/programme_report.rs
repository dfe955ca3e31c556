//! The programme's pictures and its annual report (issue 8).
//!
//! The world map and the regional bars of `/programme`, and the annual
//! programme report (PDF and Excel) for a year and a region, are all built
//! here from the same Member rows ([`crate::programme::member_rows`]), so the
//! page and the report never disagree. Everything is turned into final text
//! in the report's language before it reaches the renderers
//! ([`crate::worldmap`], [`gedhub_report::render_programme_report`],
//! [`crate::programme_workbook`]).
//!
//! The report is the Secretariat's (it lists every Member), but it may be
//! distributed: its figures and regional bars are the published release of
//! the year (`gedhub_core::disclosure`), the same numbers focal points see,
//! never figures computed on a free selection.

use gedhub_core::Region;
use gedhub_core::disclosure::hierarchy::{Release, Selection};
use gedhub_core::disclosure::{COMPLEMENTARY, NOT_PUBLISHED, Published};
use gedhub_core::programme::{Figure, GeoatStatus, MemberRow, PublishedFigures, RegionRow};
use gedhub_report::{
    Measure, ProgrammeFigure, ProgrammeLabels, ProgrammeMemberRow, ProgrammeRegionRow,
    ProgrammeReport,
};
use gedhub_store::programme::ProgrammeFilter;

use crate::format::{self, Digits};
use crate::i18n::Locale;
use crate::views::region_label;
use crate::workforce::pct;
use crate::worldmap::{
    Classes, MapMember, MapValue, RegionBar, RegionalBars, WorldMap, regional_bars_svg,
    world_map_svg,
};

/// Class edges of the map for shares in percent.
const SHARE_EDGES: [f64; 6] = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0];

/// The GEOAT status as a map category: 0 not started, 1 in progress, 2
/// submitted, 3 validated.
fn geoat_category(status: &GeoatStatus) -> f64 {
    match status {
        GeoatStatus::None => 0.0,
        GeoatStatus::InProgress => 1.0,
        GeoatStatus::Submitted => 2.0,
        GeoatStatus::Validated { .. } => 3.0,
    }
}

const GEOAT_CATEGORY_KEYS: [&str; 4] = [
    "programme-geoat-none",
    "programme-geoat-in_progress",
    "programme-geoat-submitted",
    "programme-geoat-validated-short",
];

/// One Member's value of a map measure (`geoat`, `on_track`, `women_staff`,
/// `trained`), in percent for shares.
fn measure_value(row: &MemberRow, measure: &str) -> Option<f64> {
    match measure {
        "on_track" => row.plan.as_ref().and_then(|plan| plan.on_track_pct()),
        "women_staff" => row
            .workforce
            .filter(|h| h.staff > 0)
            .map(|h| h.women as f64 / h.staff as f64 * 100.0),
        "trained" => Some(row.trained.total() as f64),
        _ => Some(geoat_category(&row.geoat)),
    }
}

fn measure_display(locale: &Locale, measure: &str, value: f64) -> String {
    match measure {
        "on_track" | "women_staff" => pct(Some(value), locale),
        "trained" => format!("{value:.0}"),
        _ => locale.t(GEOAT_CATEGORY_KEYS[(value as usize).min(GEOAT_CATEGORY_KEYS.len() - 1)]),
    }
}

/// The world map of the Members in `rows`, coloured by `measure`; Members
/// outside the rows (another region) are drawn as plain land.
pub fn map_svg(locale: &Locale, rows: &[MemberRow], measure: &str, id: &str) -> String {
    let shown: Vec<(Option<f64>, String)> = rows
        .iter()
        .map(|row| {
            let value = measure_value(row, measure);
            let display = value.map_or_else(String::new, |v| measure_display(locale, measure, v));
            (value, display)
        })
        .collect();
    let members: Vec<MapMember<'_>> = rows
        .iter()
        .zip(&shown)
        .map(|(row, (value, display))| MapMember {
            code: &row.code,
            name: &row.name,
            value: match value {
                Some(value) => MapValue::Value {
                    value: *value,
                    display,
                },
                None => MapValue::NoData,
            },
        })
        .collect();
    let classes = match measure {
        "on_track" | "women_staff" => Classes::Breaks(&SHARE_EDGES),
        "trained" => Classes::EqualIntervals,
        _ => Classes::Categories(GEOAT_CATEGORY_KEYS.len()),
    };
    let format_bound = |bound: f64| match measure {
        "on_track" | "women_staff" => format::percent(bound, Digits::Exactly(0), locale),
        "trained" => format!("{bound:.0}"),
        _ => locale.t(GEOAT_CATEGORY_KEYS[(bound as usize).min(GEOAT_CATEGORY_KEYS.len() - 1)]),
    };
    let title = locale.t_args(
        "programme-map-title",
        &[("measure", locale.t(&format!("programme-measure-{measure}")))],
    );
    let description = locale.t_count("programme-map-description", rows.len());
    let rendered = world_map_svg(&WorldMap {
        id,
        title: &title,
        description: &description,
        members: &members,
        classes,
        format_bound: &format_bound,
        no_data_label: &locale.t("programme-map-no-data"),
        suppressed_label: &locale.t("programme-suppressed"),
    });
    if !rendered.unknown_codes.is_empty() {
        tracing::warn!(codes = ?rendered.unknown_codes, "Members without a shape on the map");
    }
    rendered.svg
}

/// The regional figure drawn as bars for a map measure, and whether it is
/// a share.
fn regional_figure<'r>(row: &'r RegionRow, measure: &str) -> (&'r Figure, bool) {
    match measure {
        "on_track" => (&row.plans, false),
        "women_staff" => (&row.women_staff_weighted, true),
        "trained" => (&row.trained, false),
        _ => (&row.geoat_validated, false),
    }
}

/// A figure as shown: its value (a share in percent), the suppression note,
/// or a dash.
pub fn figure_display(locale: &Locale, figure: &Figure, share: bool) -> String {
    match (figure.value, figure.suppressed) {
        (_, Some(_)) => locale.t("programme-suppressed"),
        (Some(value), None) if share => pct(Some(value), locale),
        (Some(value), None) => format!("{value:.0}"),
        (None, None) => "–".to_owned(),
    }
}

/// A published figure as shown: its value (a share in percent), or why it
/// is withheld. The same words on the position page, in the annual report
/// and its workbook.
pub fn published_display(locale: &Locale, figure: &Published, share: bool) -> String {
    match (figure.value(), figure.suppressed()) {
        (Some(value), None) if share => pct(Some(value), locale),
        (Some(value), None) => format!("{value:.0}"),
        (_, Some(COMPLEMENTARY)) => locale.t("disclosure-withheld-complementary"),
        (_, Some(NOT_PUBLISHED)) => locale.t("disclosure-not-published"),
        (_, Some(_)) => locale.t("disclosure-withheld-fewer"),
        (None, None) => "–".to_owned(),
    }
}

/// The regional figure drawn as bars in the annual report (published).
fn published_regional_figure<'r>(
    row: &'r PublishedFigures,
    measure: &str,
) -> (&'r Published, bool) {
    match measure {
        "on_track" => (&row.plans, false),
        "women_staff" => (&row.women.staff_weighted, true),
        "trained" => (&row.trained, false),
        _ => (&row.geoat_validated, false),
    }
}

/// Horizontal bars, one per WCO region, of the regional figure that goes
/// with `measure`.
pub fn bars_svg(locale: &Locale, regions: &[RegionRow], measure: &str, id: &str) -> String {
    let texts: Vec<(String, Option<f64>, String, bool)> = regions
        .iter()
        .map(|row| {
            let (figure, share) = regional_figure(row, measure);
            (
                region_text(locale, &row.region),
                figure.value,
                figure_display(locale, figure, share),
                share,
            )
        })
        .collect();
    draw_bars(locale, &texts, measure, id)
}

/// The same bars from a release's regions (the annual report's).
pub fn published_bars_svg(
    locale: &Locale,
    regions: &[PublishedFigures],
    measure: &str,
    id: &str,
) -> String {
    let texts: Vec<(String, Option<f64>, String, bool)> = regions
        .iter()
        .map(|row| {
            let (figure, share) = published_regional_figure(row, measure);
            (
                region_text(locale, &row.selection),
                figure.value(),
                published_display(locale, figure, share),
                share,
            )
        })
        .collect();
    draw_bars(locale, &texts, measure, id)
}

/// Bars from (label, value, display, share) per region.
fn draw_bars(
    locale: &Locale,
    texts: &[(String, Option<f64>, String, bool)],
    measure: &str,
    id: &str,
) -> String {
    let bars: Vec<RegionBar<'_>> = texts
        .iter()
        .map(|(label, value, display, _)| RegionBar {
            label,
            value: *value,
            display,
        })
        .collect();
    let share = texts.first().is_some_and(|(_, _, _, share)| *share);
    let title = locale.t(&format!("programme-bars-{}", bars_key(measure)));
    let description = locale.t("programme-bars-description");
    regional_bars_svg(&RegionalBars {
        id,
        title: &title,
        description: &description,
        bars: &bars,
        scale_max: share.then_some(100.0),
    })
}

fn bars_key(measure: &str) -> &'static str {
    match measure {
        "on_track" => "plans",
        "women_staff" => "women_staff",
        "trained" => "trained",
        _ => "geoat",
    }
}

/// A region code's name in `locale` (the code itself if unknown).
pub fn region_text(locale: &Locale, code: &str) -> String {
    Region::parse(code).map_or_else(|_| code.to_owned(), |r| region_label(locale, r))
}

fn not_applicable() -> Measure {
    Measure {
        value: None,
        display: "–".to_owned(),
    }
}

/// A published figure as a report measure: a share as a fraction (as the
/// workbook's percentage format expects), a count as it is; a withheld one
/// has no value, only its display text.
fn measure_of(locale: &Locale, figure: &Published, share: bool) -> Measure {
    Measure {
        value: figure.value().map(|v| if share { v / 100.0 } else { v }),
        display: published_display(locale, figure, share),
    }
}

/// Why a figure is withheld, for the report's note column.
fn note(locale: &Locale, figure: &Published) -> String {
    match figure.suppressed() {
        None => String::new(),
        Some(_) => published_display(locale, figure, false),
    }
}

/// The report's figures for a selection of the release, always in the same
/// order: the region table's columns follow it.
fn figures(locale: &Locale, f: &PublishedFigures) -> Vec<ProgrammeFigure> {
    let single = |key: &str, figure: &Published, share: bool| ProgrammeFigure {
        label: locale.t(key),
        share,
        weighted: measure_of(locale, figure, share),
        unweighted: not_applicable(),
        contributing: figure.administrations() as u32,
        note: note(locale, figure),
    };
    let shares = |key: &str, weighted: &Published, unweighted: &Published| ProgrammeFigure {
        label: locale.t(key),
        share: true,
        weighted: measure_of(locale, weighted, true),
        unweighted: measure_of(locale, unweighted, true),
        contributing: weighted.administrations() as u32,
        note: note(locale, weighted),
    };
    vec![
        single("programme-members", &f.members, false),
        single("programme-geoat-validated", &f.geoat_validated, false),
        single("programme-geoat-in-progress", &f.geoat_in_progress, false),
        single("programme-plans", &f.plans, false),
        single("programme-on-track", &f.on_track_mean, true),
        single(
            "programme-workforce-reporting",
            &f.workforce_reporting,
            false,
        ),
        shares(
            "programme-women-staff",
            &f.women.staff_weighted,
            &f.women.staff_unweighted,
        ),
        shares(
            "programme-women-management",
            &f.women.management_weighted,
            &f.women.management_unweighted,
        ),
        single("programme-trained", &f.trained, false),
        single("programme-requests-open", &f.requests_open, false),
        single("programme-missions-delivered", &f.missions_delivered, false),
        single(
            "programme-missions-feedback",
            &f.missions_with_feedback,
            false,
        ),
    ]
}

/// Experts (recognized or champion) and candidates (every other active
/// stage) among a Member's people on the pathway.
fn experts_and_candidates(row: &MemberRow) -> (u32, u32) {
    row.pathway
        .iter()
        .fold((0, 0), |(experts, candidates), (stage, n)| {
            let n = *n as u32;
            match stage.as_str() {
                "recognized" | "champion" => (experts + n, candidates),
                "declined" | "withdrawn" | "lapsed" => (experts, candidates),
                _ => (experts, candidates + n),
            }
        })
}

fn member_row(locale: &Locale, row: &MemberRow) -> ProgrammeMemberRow {
    let (experts, candidates) = experts_and_candidates(row);
    let on_track = row.plan.as_ref().and_then(|plan| plan.on_track_pct());
    ProgrammeMemberRow {
        code: row.code.clone(),
        name: row.name.clone(),
        region: region_text(locale, &row.region),
        geoat_status: match &row.geoat {
            GeoatStatus::Validated { date, edition } => locale.t_args(
                "programme-geoat-validated-on",
                &[("date", date.clone()), ("edition", edition.clone())],
            ),
            other => locale.t(&format!("programme-geoat-{}", other.code())),
        },
        plan_status: row.plan.as_ref().map_or_else(
            || locale.t("programme-no-plan"),
            |plan| locale.t(&format!("programme-plan-{}", plan.status)),
        ),
        on_track_share: Measure {
            value: on_track.map(|v| v / 100.0),
            display: pct(on_track, locale),
        },
        workforce_years: row
            .workforce_years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        trained_women: row.trained.female as u32,
        trained_men: row.trained.male as u32,
        trained_other: (row.trained.other + row.trained.undisclosed + row.trained.unknown) as u32,
        experts,
        candidates,
        requests_open: row.requests_open as u32,
        missions_delivered: row.missions_delivered as u32,
    }
}

fn labels(locale: &Locale) -> ProgrammeLabels {
    let t = |key: &str| locale.t(key);
    ProgrammeLabels {
        report_kind: t("programme-report-kind"),
        figures: t("programme-report-figures"),
        regions: t("programme-report-regions"),
        members: t("programme-report-members"),
        map: t("programme-map"),
        figure: t("programme-figure"),
        weighted: t("programme-report-weighted"),
        unweighted: t("programme-report-unweighted"),
        contributing: t("programme-report-contributing"),
        note: t("programme-report-note"),
        region: t("programme-region"),
        member_count: t("programme-members"),
        code: t("programme-report-code"),
        name: t("programme-member"),
        geoat_status: t("programme-geoat"),
        plan_status: t("programme-plan"),
        on_track_share: t("programme-on-track"),
        workforce_years: t("programme-workforce-years"),
        trained_women: t("programme-report-trained-women"),
        trained_men: t("programme-report-trained-men"),
        trained_other: t("programme-report-trained-other"),
        experts: t("programme-report-experts"),
        candidates: t("programme-report-candidates"),
        requests_open: t("programme-requests-open"),
        missions_delivered: t("programme-missions-delivered"),
        page: t("programme-report-page"),
        none: t("programme-report-none"),
        generated_by: t("programme-report-generated-by"),
    }
}

/// The annual programme report for `filter` in `locale`'s language: the
/// Member rows of that selection (names already in that language; the
/// Secretariat's), and the figures of `release`, the published release of
/// the filter's year (`None` when that year is not published, or no year
/// is chosen: then every figure says so). The report may be distributed,
/// so its aggregates are never computed on the free selection.
pub fn build_report(
    locale: &Locale,
    filter: &ProgrammeFilter,
    rows: &[MemberRow],
    release: Option<&Release>,
    today: &str,
) -> ProgrammeReport {
    let region = filter.region.map_or_else(
        || locale.t("programme-report-all-regions"),
        |region| region_label(locale, region),
    );
    let year = filter
        .year
        .map_or_else(|| locale.t("programme-report-all-years"), |y| y.to_string());
    let published = |selection: Selection| match release {
        Some(release) => PublishedFigures::of(release, selection),
        None => PublishedFigures::unpublished(match selection {
            Selection::Global => "global",
            Selection::Region(region) => region.as_str(),
        }),
    };
    let regions: Vec<PublishedFigures> = Region::ALL
        .iter()
        .filter(|region| filter.region.is_none_or(|chosen| chosen == **region))
        .map(|region| published(Selection::Region(*region)))
        .collect();
    let selected = filter.region.map_or(Selection::Global, Selection::Region);
    ProgrammeReport {
        language: locale.code(),
        title: locale.t("programme-report-title"),
        subtitle: format!("{year} — {region}"),
        generated_on: locale.t_args(
            "programme-report-generated-on",
            &[("date", today.to_owned())],
        ),
        labels: labels(locale),
        figures: figures(locale, &published(selected)),
        regions: regions
            .iter()
            .map(|row| ProgrammeRegionRow {
                name: region_text(locale, &row.selection),
                members: row.members.value().unwrap_or(0.0) as u32,
                values: figures(locale, row)
                    .into_iter()
                    .map(|figure| figure.weighted)
                    .collect(),
            })
            .collect(),
        members: rows.iter().map(|row| member_row(locale, row)).collect(),
        map_svg: Some(map_svg(locale, rows, "geoat", "report-map")),
        bars_svg: Some(published_bars_svg(
            locale,
            &regions,
            "women_staff",
            "report-bars",
        )),
    }
}
