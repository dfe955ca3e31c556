//! The programme's world map (a choropleth of one measure per WCO Member)
//! and its regional bar chart, as server-rendered SVG for the page and the
//! annual report PDF.
//!
//! Country outlines are Natural Earth 1:110m (public domain), converted once
//! by `scripts/build-world-map.mjs` into `data/world-110m.csv` and compiled
//! into the binary: nothing is fetched at run time (docs/MAP.md).
//!
//! Like [`crate::charts`], colours are presentation attributes (the CSP
//! allows no inline styles), every text is escaped, and the figures are not
//! told by colour alone: classes carry their bounds in the legend, "no data"
//! and "suppressed" have patterns, every country has a `<title>` with its
//! name and value, and the page shows the same figures as a table.
//!
//! Both functions are pure: all texts, including formatted numbers, come
//! from the caller in the reader's language.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::LazyLock;

use crate::charts::escape;

/// The shapes file: `iso2,member,d` per line, in drawing order.
const SHAPES_CSV: &str = include_str!("../data/world-110m.csv");

/// The viewBox of the shapes (Robinson projection, cropped at 60° S).
const MAP_WIDTH: f64 = 1000.0;
const MAP_HEIGHT: f64 = 440.0;
/// Room under the map for the legend.
const LEGEND_HEIGHT: f64 = 64.0;

/// Sequential, colour-blind-safe classes (ColorBrewer YlGnBu, 5 classes),
/// light to dark. Each is distinct in lightness, so the order also reads in
/// greyscale; the country borders (`BORDER`) keep the lightest class visible
/// on a white page.
pub const PALETTE: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
/// Land that is not shown: not a WCO Member, or outside the caller's selection.
const NEUTRAL_LAND: &str = "#e4e7eb";
const BORDER: &str = "#52606d";
const TEXT_COLOUR: &str = "#1b1f24";
/// Fill references of the two patterns defined in each map.
const NO_DATA_FILL: &str = "no-data";
const SUPPRESSED_FILL: &str = "suppressed";

/// One shape of the map file.
struct Shape {
    code: &'static str,
    member: bool,
    d: &'static str,
}

/// The parsed shapes, in drawing order. A malformed line (impossible for the
/// committed file, which a test reads in full) is skipped rather than failing.
static SHAPES: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    SHAPES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.splitn(3, ',');
            let (code, member, d) = (fields.next()?, fields.next()?, fields.next()?);
            Some(Shape {
                code,
                member: member == "1",
                d,
            })
        })
        .collect()
});

/// The alpha-2 codes of every WCO Member that is drawn (as a shape or a
/// marker), for callers and tests.
pub fn member_codes_with_shape() -> Vec<&'static str> {
    SHAPES
        .iter()
        .filter(|shape| shape.member)
        .map(|shape| shape.code)
        .collect()
}

/// A Member's figure for the measure mapped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MapValue<'a> {
    /// A value, and how to show it (e.g. "42,5 %" in French).
    Value { value: f64, display: &'a str },
    /// Withheld by the suppression rule (too few administrations).
    Suppressed,
    /// The Member reported nothing for this measure.
    NoData,
}

/// One Member on the map. Members the caller does not list are drawn as
/// neutral land, like non-Members (e.g. outside the selected region).
#[derive(Debug, Clone, Copy)]
pub struct MapMember<'a> {
    /// ISO 3166-1 alpha-2 code, as in `wco-members.csv` (`XK` for Kosovo).
    pub code: &'a str,
    /// Display name in the reader's language.
    pub name: &'a str,
    pub value: MapValue<'a>,
}

/// How values are grouped into colour classes.
#[derive(Debug, Clone, Copy)]
pub enum Classes<'a> {
    /// Five classes of equal width from the lowest to the highest value
    /// shown.
    EqualIntervals,
    /// Fixed class edges, ascending, lowest first and highest last (2 to 6
    /// edges: one class between each pair, one colour per class), e.g.
    /// `[0.0, 20.0, 40.0, 60.0, 80.0, 100.0]` for a share. A value on an
    /// inner edge falls in the class above it; values outside the edges go
    /// to the first or last class. The legend shows these edges whatever the
    /// data.
    Breaks(&'a [f64]),
    /// `n` categories coded `0.0`, `1.0`, … `n - 1` (e.g. none, in progress,
    /// validated): one class each, from light to dark; the legend shows
    /// `format_bound(i)`, which the caller makes the category's name.
    Categories(usize),
}

/// Everything the map shows. All texts are final, in the reader's language.
pub struct WorldMap<'a> {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`, patterns),
    /// unique on the page.
    pub id: &'a str,
    pub title: &'a str,
    /// One accessible summary sentence (e.g. which measure, how many Members).
    pub description: &'a str,
    pub members: &'a [MapMember<'a>],
    pub classes: Classes<'a>,
    /// Formats a class bound for the legend, e.g. `|v| format!("{v:.0} %")`.
    pub format_bound: &'a dyn Fn(f64) -> String,
    /// Legend and title text for Members without a value.
    pub no_data_label: &'a str,
    pub suppressed_label: &'a str,
}

/// The rendered map and what could not be placed on it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedMap {
    pub svg: String,
    /// Codes given by the caller that have no shape (not a Member with a
    /// shape, or a typo), in the order given: left off the map, to be
    /// logged; the accessible table still lists them.
    pub unknown_codes: Vec<String>,
    /// The classes drawn, as `(lower, upper)` bounds, lightest first; the
    /// legend shows the same (empty when no Member has a value).
    pub class_bounds: Vec<(f64, f64)>,
}

/// Class bounds for `values`, as shown in the legend. Non-finite values are
/// ignored; equal intervals over a single value give one class, over none
/// no class.
fn class_bounds(values: &[f64], classes: Classes) -> Vec<(f64, f64)> {
    match classes {
        Classes::Breaks(edges) => return fixed_bounds(edges),
        Classes::Categories(count) => {
            return (0..count.min(PALETTE.len()))
                .map(|i| (i as f64, i as f64))
                .collect();
        }
        Classes::EqualIntervals => {}
    }
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let Some((low, high)) = finite.iter().fold(None, |range: Option<(f64, f64)>, &v| {
        Some(range.map_or((v, v), |(l, h)| (l.min(v), h.max(v))))
    }) else {
        return Vec::new();
    };
    match classes {
        Classes::EqualIntervals => {
            if high - low <= f64::EPSILON * high.abs().max(1.0) {
                return vec![(low, high)];
            }
            let count = PALETTE.len();
            let width = (high - low) / count as f64;
            (0..count)
                .map(|i| {
                    let lower = low + width * i as f64;
                    let upper = if i + 1 == count {
                        high
                    } else {
                        low + width * (i + 1) as f64
                    };
                    (lower, upper)
                })
                .collect()
        }
        Classes::Breaks(edges) => fixed_bounds(edges),
        Classes::Categories(_) => Vec::new(),
    }
}

/// The classes between consecutive finite `edges` (sorted, duplicates
/// dropped, at most one class per palette colour).
fn fixed_bounds(edges: &[f64]) -> Vec<(f64, f64)> {
    let mut edges: Vec<f64> = edges.iter().copied().filter(|e| e.is_finite()).collect();
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    edges.truncate(PALETTE.len() + 1);
    edges.windows(2).map(|pair| (pair[0], pair[1])).collect()
}

/// The class of `value`: the last class whose lower bound it reaches (so a
/// value on a bound goes up, and the maximum lands in the last class).
fn class_of(value: f64, bounds: &[(f64, f64)]) -> usize {
    bounds
        .iter()
        .rposition(|&(lower, _)| value >= lower)
        .unwrap_or(0)
}

/// The class colours used for `count` classes: spread over the palette so
/// that few classes still go from light to dark.
fn class_colours(count: usize) -> Vec<&'static str> {
    match count {
        0 => Vec::new(),
        1 => vec![PALETTE[2]],
        n => (0..n)
            .map(|i| PALETTE[i * (PALETTE.len() - 1) / (n - 1)])
            .collect(),
    }
}

/// Renders the world map (viewBox 1000 × 504: the map, then the legend).
pub fn world_map_svg(map: &WorldMap) -> RenderedMap {
    let id = escape(map.id);
    let known: HashSet<&str> = SHAPES.iter().filter(|s| s.member).map(|s| s.code).collect();
    let mut unknown_codes = Vec::new();
    let mut by_code: HashMap<&str, &MapMember> = HashMap::new();
    for member in map.members {
        if known.contains(member.code) {
            by_code.entry(member.code).or_insert(member);
        } else {
            unknown_codes.push(member.code.to_owned());
        }
    }
    let values: Vec<f64> = by_code
        .values()
        .filter_map(|m| match m.value {
            MapValue::Value { value, .. } => Some(value),
            _ => None,
        })
        .collect();
    let bounds = class_bounds(&values, map.classes);
    let colours = class_colours(bounds.len());

    let height = MAP_HEIGHT + LEGEND_HEIGHT;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {height}" width="{MAP_WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="13"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"##,
        escape(map.title),
        escape(map.description)
    );
    // No data: diagonal hatching on white; suppressed: crossed hatching on
    // grey. Both differ from every class in pattern, not only in colour.
    let _ = write!(
        svg,
        r##"<defs><pattern id="{id}-{NO_DATA_FILL}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#7b8794" stroke-width="1.5"/></pattern><pattern id="{id}-{SUPPRESSED_FILL}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#cbd2d9"/><path d="M0 0L6 6M6 0L0 6" stroke="#52606d" stroke-width="0.8"/></pattern></defs>"##
    );
    svg.push_str(r##"<g stroke-linejoin="round">"##);
    for shape in SHAPES.iter() {
        let member = if shape.member {
            by_code.get(shape.code)
        } else {
            None
        };
        let Some(member) = member else {
            let _ = write!(
                svg,
                r##"<path d="{}" fill="{NEUTRAL_LAND}" stroke="#ffffff" stroke-width="0.4"/>"##,
                shape.d
            );
            continue;
        };
        let (fill, shown) = match member.value {
            MapValue::Value { value, display } if value.is_finite() && !colours.is_empty() => (
                colours[class_of(value, &bounds)].to_owned(),
                display.to_owned(),
            ),
            MapValue::Suppressed => (
                format!("url(#{id}-{SUPPRESSED_FILL})"),
                map.suppressed_label.to_owned(),
            ),
            MapValue::Value { .. } | MapValue::NoData => (
                format!("url(#{id}-{NO_DATA_FILL})"),
                map.no_data_label.to_owned(),
            ),
        };
        let _ = write!(
            svg,
            r##"<path d="{}" fill="{fill}" stroke="{BORDER}" stroke-width="0.5" data-code="{}"><title>{}: {}</title></path>"##,
            shape.d,
            escape(shape.code),
            escape(member.name),
            escape(&shown)
        );
    }
    svg.push_str("</g>");

    // Legend: one swatch per class with its bounds, then no data and
    // suppressed; wraps onto a second line after four entries.
    let mut entries: Vec<(String, String)> = bounds
        .iter()
        .zip(&colours)
        .map(|(&(lower, upper), colour)| {
            let text = if lower == upper {
                (map.format_bound)(lower)
            } else {
                format!(
                    "{} – {}",
                    (map.format_bound)(lower),
                    (map.format_bound)(upper)
                )
            };
            ((*colour).to_owned(), text)
        })
        .collect();
    entries.push((
        format!("url(#{id}-{NO_DATA_FILL})"),
        map.no_data_label.to_owned(),
    ));
    entries.push((
        format!("url(#{id}-{SUPPRESSED_FILL})"),
        map.suppressed_label.to_owned(),
    ));
    for (index, (fill, text)) in entries.iter().enumerate() {
        let x = 16.0 + 240.0 * (index % 4) as f64;
        let y = MAP_HEIGHT + 10.0 + 26.0 * (index / 4) as f64;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{y}" width="18" height="14" fill="{fill}" stroke="{BORDER}" stroke-width="0.8"/><text x="{}" y="{}" fill="{TEXT_COLOUR}">{}</text>"##,
            x + 24.0,
            y + 12.0,
            escape(text)
        );
    }
    svg.push_str("</svg>");
    RenderedMap {
        svg,
        unknown_codes,
        class_bounds: bounds,
    }
}

/// One bar of the regional chart.
#[derive(Debug, Clone, Copy)]
pub struct RegionBar<'a> {
    /// The region's name in the reader's language.
    pub label: &'a str,
    /// `None` when the figure is suppressed or missing: no bar is drawn and
    /// `display` says why.
    pub value: Option<f64>,
    /// The value as shown next to the bar (e.g. "42,5 %", or "suppressed").
    pub display: &'a str,
}

/// Everything the regional bar chart shows; texts are final.
pub struct RegionalBars<'a> {
    /// Prefix of the element ids, unique on the page.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub bars: &'a [RegionBar<'a>],
    /// The value of a full-length bar, e.g. `Some(100.0)` for a share in
    /// percent; `None` scales to the largest value.
    pub scale_max: Option<f64>,
}

const BAR_CHART_WIDTH: f64 = 640.0;
const BAR_LABEL_WIDTH: f64 = 220.0;
const BAR_VALUE_WIDTH: f64 = 110.0;
const BAR_ROW_HEIGHT: f64 = 30.0;
const BAR_COLOUR: &str = "#2c7fb8";

/// Renders horizontal bars, one per region in the order given, each with
/// its value as text after it. Negative values are drawn as empty bars (the
/// measures mapped are counts and shares).
pub fn regional_bars_svg(chart: &RegionalBars) -> String {
    let id = escape(chart.id);
    let largest = chart
        .bars
        .iter()
        .filter_map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let max = chart
        .scale_max
        .filter(|m| m.is_finite() && *m > 0.0)
        .unwrap_or(largest);
    let track = BAR_CHART_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH;
    let height = 20.0 + BAR_ROW_HEIGHT * chart.bars.len() as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_CHART_WIDTH} {height}" width="{BAR_CHART_WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="13"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"##,
        escape(chart.title),
        escape(chart.description)
    );
    let _ = write!(
        svg,
        r##"<line x1="{BAR_LABEL_WIDTH}" y1="6" x2="{BAR_LABEL_WIDTH}" y2="{}" stroke="#4a5360"/>"##,
        height - 6.0
    );
    for (index, bar) in chart.bars.iter().enumerate() {
        let y = 10.0 + BAR_ROW_HEIGHT * index as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="{TEXT_COLOUR}">{}</text>"##,
            BAR_LABEL_WIDTH - 8.0,
            y + 15.0,
            escape(bar.label)
        );
        let length = match bar.value {
            Some(value) if value.is_finite() && max > 0.0 => (value / max).clamp(0.0, 1.0) * track,
            _ => 0.0,
        };
        if length > 0.0 {
            let _ = write!(
                svg,
                r##"<rect x="{BAR_LABEL_WIDTH}" y="{}" width="{length:.1}" height="20" fill="{BAR_COLOUR}"><title>{}: {}</title></rect>"##,
                y,
                escape(bar.label),
                escape(bar.display)
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{}" fill="{TEXT_COLOUR}">{}</text>"##,
            BAR_LABEL_WIDTH + length + 6.0,
            y + 15.0,
            escape(bar.display)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(value: f64) -> String {
        format!("{value:.0} %")
    }

    fn map<'a>(members: &'a [MapMember<'a>], classes: Classes<'a>) -> WorldMap<'a> {
        WorldMap {
            id: "map",
            title: "Women among staff",
            description: "Share of women among staff, by Member.",
            members,
            classes,
            format_bound: &percent,
            no_data_label: "No data",
            suppressed_label: "Suppressed",
        }
    }

    fn value(
        code: &'static str,
        name: &'static str,
        value: f64,
        display: &'static str,
    ) -> MapMember<'static> {
        MapMember {
            code,
            name,
            value: MapValue::Value { value, display },
        }
    }

    /// The opening tag of the path drawn for `code`.
    fn path_of<'s>(svg: &'s str, code: &str) -> &'s str {
        let marker = format!(" data-code=\"{code}\"");
        let end = svg.find(&marker).expect("the code is drawn");
        let start = svg[..end].rfind("<path ").expect("inside a path");
        &svg[start..end + marker.len()]
    }

    fn assert_drawable(svg: &str) {
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(!svg.contains("style"), "no inline styles under the CSP");
    }

    #[test]
    fn every_wco_member_with_a_shape_appears_exactly_once() {
        let members: Vec<&str> = gedhub_store::administrations::WCO_MEMBERS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').next())
            .filter(|code| !code.is_empty())
            .collect();
        assert_eq!(members.len(), 186);
        let drawn = member_codes_with_shape();
        // Every Member has a shape or a marker, and only Members are flagged.
        for code in &members {
            assert_eq!(
                drawn.iter().filter(|c| *c == code).count(),
                1,
                "{code} must be drawn once"
            );
        }
        assert_eq!(drawn.len(), members.len());
        // All valid path data, and the file is small.
        assert!(
            SHAPES
                .iter()
                .all(|s| s.d.starts_with('M') && s.d.ends_with('Z'))
        );
        assert!(SHAPES_CSV.len() < 300_000);
        assert_eq!(SHAPES.len(), SHAPES_CSV.lines().count() - 1);

        let all: Vec<MapMember> = members
            .iter()
            .map(|&code| MapMember {
                code,
                name: code,
                value: MapValue::NoData,
            })
            .collect();
        let rendered = world_map_svg(&map(&all, Classes::EqualIntervals));
        assert!(rendered.unknown_codes.is_empty());
        for code in &members {
            assert_eq!(
                rendered
                    .svg
                    .matches(&format!(" data-code=\"{code}\""))
                    .count(),
                1
            );
        }
        assert_drawable(&rendered.svg);
    }

    #[test]
    fn a_member_takes_the_colour_of_its_class() {
        let members = [
            value("FR", "France", 10.0, "10 %"),
            value("BJ", "Bénin", 30.0, "30 %"),
            value("JP", "Japan", 50.0, "50 %"),
            value("BR", "Brazil", 79.9, "79.9 %"),
            value("CA", "Canada", 80.0, "80 %"),
        ];
        let edges = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0];
        let rendered = world_map_svg(&map(&members, Classes::Breaks(&edges)));
        let svg = &rendered.svg;
        assert!(path_of(svg, "FR").contains(&format!("fill=\"{}\"", PALETTE[0])));
        assert!(path_of(svg, "BJ").contains(&format!("fill=\"{}\"", PALETTE[1])));
        assert!(path_of(svg, "JP").contains(&format!("fill=\"{}\"", PALETTE[2])));
        assert!(path_of(svg, "BR").contains(&format!("fill=\"{}\"", PALETTE[3])));
        // On a bound: the class above.
        assert!(path_of(svg, "CA").contains(&format!("fill=\"{}\"", PALETTE[4])));
        assert!(svg.contains("<title>Bénin: 30 %</title>"));
        assert_eq!(
            rendered.class_bounds,
            [
                (0.0, 20.0),
                (20.0, 40.0),
                (40.0, 60.0),
                (60.0, 80.0),
                (80.0, 100.0)
            ]
        );
        assert!(svg.contains(">0 % – 20 %</text>") && svg.contains(">80 % – 100 %</text>"));
        assert_drawable(svg);

        // Three classes use the lightest, middle and darkest colours; values
        // outside the edges go to the end classes.
        let edges = [20.0, 40.0, 60.0, 80.0];
        let rendered = world_map_svg(&map(&members, Classes::Breaks(&edges)));
        assert_eq!(
            rendered.class_bounds,
            [(20.0, 40.0), (40.0, 60.0), (60.0, 80.0)]
        );
        assert!(path_of(&rendered.svg, "FR").contains(PALETTE[0]));
        assert!(path_of(&rendered.svg, "JP").contains(PALETTE[2]));
        assert!(path_of(&rendered.svg, "CA").contains(PALETTE[4]));
        // Too few edges: no classes, values shown as no data, never a panic.
        let rendered = world_map_svg(&map(&members, Classes::Breaks(&[50.0])));
        assert!(rendered.class_bounds.is_empty());
        assert!(path_of(&rendered.svg, "FR").contains("url(#map-no-data)"));
    }

    #[test]
    fn categories_take_one_colour_each_and_the_legend_names_them() {
        let members = [
            value("FR", "France", 0.0, "None"),
            value("BJ", "Bénin", 1.0, "In progress"),
            value("JP", "Japan", 2.0, "Validated"),
        ];
        let names = |i: f64| ["None", "In progress", "Validated"][i as usize].to_owned();
        let rendered = world_map_svg(&WorldMap {
            format_bound: &names,
            ..map(&members, Classes::Categories(3))
        });
        assert_eq!(rendered.class_bounds, [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]);
        // Three classes: lightest, middle and darkest colours.
        assert!(path_of(&rendered.svg, "FR").contains(PALETTE[0]));
        assert!(path_of(&rendered.svg, "BJ").contains(PALETTE[2]));
        assert!(path_of(&rendered.svg, "JP").contains(PALETTE[4]));
        assert!(rendered.svg.contains(">In progress</text>"));
        assert!(!rendered.svg.contains(" – "), "no ranges for categories");
        assert_drawable(&rendered.svg);
    }

    #[test]
    fn equal_interval_legend_bounds_are_computed_from_the_values() {
        // 10 to 60: five classes of width 10.
        let members = [
            value("FR", "France", 10.0, "10 %"),
            value("DE", "Germany", 35.0, "35 %"),
            value("BJ", "Bénin", 60.0, "60 %"),
        ];
        let rendered = world_map_svg(&map(&members, Classes::EqualIntervals));
        assert_eq!(
            rendered.class_bounds,
            [
                (10.0, 20.0),
                (20.0, 30.0),
                (30.0, 40.0),
                (40.0, 50.0),
                (50.0, 60.0)
            ]
        );
        for text in [
            "10 % – 20 %",
            "20 % – 30 %",
            "30 % – 40 %",
            "40 % – 50 %",
            "50 % – 60 %",
        ] {
            assert!(rendered.svg.contains(&format!(">{text}</text>")), "{text}");
        }
        assert!(path_of(&rendered.svg, "FR").contains(PALETTE[0]));
        assert!(path_of(&rendered.svg, "DE").contains(PALETTE[2]));
        assert!(path_of(&rendered.svg, "BJ").contains(PALETTE[4]));

        // One value only: one class, shown as that value.
        let one = [value("FR", "France", 42.0, "42 %")];
        let rendered = world_map_svg(&map(&one, Classes::EqualIntervals));
        assert_eq!(rendered.class_bounds, [(42.0, 42.0)]);
        assert!(rendered.svg.contains(">42 %</text>"));
        // None: no classes, the legend still explains the patterns.
        let rendered = world_map_svg(&map(&[], Classes::EqualIntervals));
        assert!(rendered.class_bounds.is_empty());
        assert!(
            rendered.svg.contains(">No data</text>") && rendered.svg.contains(">Suppressed</text>")
        );
    }

    #[test]
    fn no_data_and_suppressed_have_their_own_patterns_and_titles() {
        let members = [
            MapMember {
                code: "FR",
                name: "France",
                value: MapValue::NoData,
            },
            MapMember {
                code: "BJ",
                name: "Bénin",
                value: MapValue::Suppressed,
            },
            value("JP", "Japan", f64::NAN, "?"),
        ];
        let svg = world_map_svg(&map(&members, Classes::EqualIntervals)).svg;
        assert!(path_of(&svg, "FR").contains("fill=\"url(#map-no-data)\""));
        assert!(path_of(&svg, "BJ").contains("fill=\"url(#map-suppressed)\""));
        assert!(path_of(&svg, "JP").contains("fill=\"url(#map-no-data)\""));
        assert!(
            svg.contains("<pattern id=\"map-no-data\"")
                && svg.contains("<pattern id=\"map-suppressed\"")
        );
        assert!(svg.contains("<title>France: No data</title>"));
        assert!(svg.contains("<title>Bénin: Suppressed</title>"));
        assert_drawable(&svg);
    }

    #[test]
    fn unknown_codes_are_left_off_and_reported_and_unlisted_members_are_neutral() {
        let members = [
            value("ZZ", "Nowhere", 5.0, "5"),
            value("FR", "France", 10.0, "10 %"),
            // Greenland has a shape but is not a Member.
            value("GL", "Greenland", 10.0, "10 %"),
        ];
        let rendered = world_map_svg(&map(&members, Classes::EqualIntervals));
        assert_eq!(rendered.unknown_codes, ["ZZ", "GL"]);
        assert!(!rendered.svg.contains("Nowhere") && !rendered.svg.contains("Greenland"));
        assert!(!rendered.svg.contains("data-code=\"DE\""));
        assert_eq!(rendered.svg.matches("<title>").count(), 1);
    }

    #[test]
    fn all_text_is_escaped() {
        let members = [value("FR", "<France & \"co\">", 1.0, "<1>")];
        let mut m = map(&members, Classes::EqualIntervals);
        m.id = "m\"1";
        m.title = "A < B";
        m.description = "x & y";
        m.no_data_label = "<none>";
        let svg = world_map_svg(&m).svg;
        assert!(svg.contains("aria-labelledby=\"m&quot;1-title m&quot;1-desc\""));
        assert!(svg.contains("<title id=\"m&quot;1-title\">A &lt; B</title>"));
        assert!(svg.contains("<desc id=\"m&quot;1-desc\">x &amp; y</desc>"));
        assert!(svg.contains("<title>&lt;France &amp; &quot;co&quot;&gt;: &lt;1&gt;</title>"));
        assert!(svg.contains(">&lt;none&gt;</text>"));
        assert!(!svg.contains("<France") && !svg.contains("<none>") && !svg.contains("<1>"));
    }

    #[test]
    fn regional_bars_are_scaled_and_labelled() {
        let bars = [
            RegionBar {
                label: "Europe",
                value: Some(50.0),
                display: "50 %",
            },
            RegionBar {
                label: "Afrique <Est>",
                value: Some(25.0),
                display: "25 %",
            },
            RegionBar {
                label: "MENA",
                value: None,
                display: "Suppressed",
            },
        ];
        let chart = RegionalBars {
            id: "bars",
            title: "Women by region",
            description: "Share of women among staff by WCO region.",
            bars: &bars,
            scale_max: Some(100.0),
        };
        let svg = regional_bars_svg(&chart);
        assert_drawable(&svg);
        assert!(svg.contains(r#"role="img" aria-labelledby="bars-title bars-desc""#));
        let track = BAR_CHART_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH;
        assert!(svg.contains(&format!("width=\"{:.1}\"", track / 2.0)));
        assert!(svg.contains(&format!("width=\"{:.1}\"", track / 4.0)));
        assert_eq!(svg.matches("<rect ").count(), 2);
        assert!(svg.contains(">Afrique &lt;Est&gt;</text>") && svg.contains(">Suppressed</text>"));
        assert!(svg.contains("<title>Europe: 50 %</title>"));

        // Without a scale, the largest bar is full length.
        let chart = RegionalBars {
            scale_max: None,
            ..chart
        };
        let svg = regional_bars_svg(&chart);
        assert!(svg.contains(&format!("width=\"{track:.1}\"")));
        // No values at all: no bars, no NaN.
        let none = [RegionBar {
            label: "Europe",
            value: Some(f64::NAN),
            display: "–",
        }];
        let svg = regional_bars_svg(&RegionalBars {
            bars: &none,
            ..chart
        });
        assert_drawable(&svg);
        assert_eq!(svg.matches("<rect ").count(), 0);
    }

    #[test]
    fn the_map_and_bars_embed_in_the_programme_pdf() {
        let members = [
            value("FR", "France", 10.0, "10 %"),
            MapMember {
                code: "SG",
                name: "Singapore",
                value: MapValue::Suppressed,
            },
        ];
        let map_svg = world_map_svg(&map(&members, Classes::EqualIntervals)).svg;
        let bars = [RegionBar {
            label: "Europe",
            value: Some(50.0),
            display: "50 %",
        }];
        let bars_svg = regional_bars_svg(&RegionalBars {
            id: "bars",
            title: "Bars",
            description: "By region",
            bars: &bars,
            scale_max: None,
        });
        let mut report = gedhub_report::programme::fixture::english();
        report.map_svg = Some(map_svg);
        report.bars_svg = Some(bars_svg);
        let pdf = gedhub_report::render_programme_report(&report).expect("typst reads both SVGs");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
