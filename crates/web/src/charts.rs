//! Server-rendered SVG charts, identical on the page and in the PDF. Colours
//! and sizes are attributes (the Content-Security-Policy allows no inline
//! styles), and every chart carries a title and description for screen
//! readers; the same figures are always also given as a table.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One axis of a radar chart: a section of the instrument.
pub struct RadarAxis {
    /// "P1".
    pub code: String,
    /// The section's name in the reader's language, drawn under its code.
    pub name: String,
}

/// How a series of the radar is drawn: each has its own colour, dash
/// pattern and marker shape, so the lines can be told apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RadarStyle {
    /// The administration assessed (solid, filled).
    Subject,
    /// Its previous assessment.
    Previous,
    /// Its region's published average.
    Region,
    /// All Members' published average.
    Global,
}

impl RadarStyle {
    /// (stroke colour, dash pattern, fill).
    fn paint(self) -> (&'static str, &'static str, Option<&'static str>) {
        match self {
            Self::Subject => (MEASUREMENT_COLOUR, "none", Some(MEASUREMENT_COLOUR)),
            Self::Previous => (AXIS_COLOUR, "6 4", None),
            Self::Region => (MILESTONE_COLOUR, "10 3 2 3", None),
            Self::Global => (TARGET_COLOUR, "2 3", None),
        }
    }

    /// A marker centred on (x, y), with an optional `<title>` inside.
    fn marker(self, x: f64, y: f64, title: Option<&str>) -> String {
        let (colour, _, _) = self.paint();
        let title = title.map_or_else(String::new, |t| format!("<title>{}</title>", escape(t)));
        match self {
            Self::Subject => format!(
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{colour}">{title}</circle>"##
            ),
            Self::Previous => format!(
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="#ffffff" stroke="{colour}" stroke-width="1.5">{title}</circle>"##
            ),
            Self::Region => format!(
                r##"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="{colour}">{title}</polygon>"##,
                y - 5.0,
                x + 5.0,
                y + 5.0,
                x - 5.0
            ),
            Self::Global => format!(
                r##"<rect x="{:.1}" y="{:.1}" width="8" height="8" fill="{colour}">{title}</rect>"##,
                x - 4.0,
                y - 4.0
            ),
        }
    }
}

/// One line of the radar.
pub struct RadarSeries {
    pub style: RadarStyle,
    /// Its legend text, e.g. "Benin – this assessment".
    pub label: String,
    /// One per axis, 0–100; `None` where there is nothing to draw (no
    /// score, or a figure the disclosure control withholds).
    pub values: Vec<Option<f64>>,
    /// The same values as the reader's language writes them ("53 %", "–"),
    /// for the points' titles and the description.
    pub texts: Vec<String>,
}

/// A radar (spider) chart of section scores on a 0–100 scale, with its
/// legend and, for a diagnostic not yet validated, a "provisional" banner.
pub struct RadarChart<'a> {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`).
    pub id: &'a str,
    pub title: &'a str,
    pub axes: &'a [RadarAxis],
    /// Drawn in order (the subject last, on top, is the caller's choice).
    pub series: &'a [RadarSeries],
    /// The banner's text when the figures are provisional.
    pub provisional: Option<&'a str>,
}

const RADAR_WIDTH: f64 = 760.0;
const RADAR_RADIUS: f64 = 150.0;
const RADAR_LINE: f64 = 14.0;
/// Lines of a section's name under its code; longer names end in "…" and
/// keep their full text as the label's title.
const RADAR_NAME_LINES: usize = 3;
/// Width of a character of the 12 px labels, generously (capitals and
/// accented letters included), so wrapped lines fit whatever the font.
pub(crate) const LABEL_CHAR_WIDTH: f64 = 7.0;

/// `text` broken at spaces into lines of at most `width` characters (a word
/// longer than that is cut), at most `max_lines` of them: when the text
/// does not fit, the last line ends in "…" and the flag is true.
pub fn wrap_label(text: &str, width: usize, max_lines: usize) -> (Vec<String>, bool) {
    let width = width.max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Only ordinary spaces break a line: a no-break space keeps its words
    // together, as it does in French ("45\u{a0}%").
    for word in text.split([' ', '\n', '\t']).filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let used = line.chars().count();
            let room = if used == 0 {
                width
            } else {
                width.saturating_sub(used + 1)
            };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.drain(..));
            } else if used == 0 {
                line.extend(word.drain(..width));
                lines.push(std::mem::take(&mut line));
            } else {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() <= max_lines.max(1) {
        return (lines, false);
    }
    lines.truncate(max_lines.max(1));
    if let Some(last) = lines.last_mut() {
        let mut kept: Vec<char> = last.chars().collect();
        kept.truncate(width - 1);
        while kept.last().is_some_and(|c| c.is_whitespace()) {
            kept.pop();
        }
        *last = kept.into_iter().collect::<String>() + "…";
    }
    (lines, true)
}

/// `<text>` of `lines` from the baseline `y`, `line_height` apart, one
/// `<tspan>` per line; a label cut short carries its full text as a title.
pub(crate) fn text_lines(
    x: f64,
    y: f64,
    line_height: f64,
    anchor: &str,
    lines: &[String],
    full: Option<&str>,
) -> String {
    let mut text =
        format!(r##"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" fill="{TEXT_COLOUR}">"##);
    if let Some(full) = full {
        let _ = write!(text, "<title>{}</title>", escape(full));
    }
    for (index, line) in lines.iter().enumerate() {
        let _ = write!(
            text,
            r##"<tspan x="{x:.1}" y="{:.1}">{}</tspan>"##,
            y + line_height * index as f64,
            escape(line)
        );
    }
    text.push_str("</text>");
    text
}

/// A radar (spider) chart of section scores: one axis per section, named
/// (code, then the name wrapped to fit), one line per series, a legend
/// naming each line, a description listing every figure for screen
/// readers, and the provisional banner when asked.
pub fn radar(chart: &RadarChart<'_>) -> String {
    let axes = chart.axes;
    let count = axes.len().max(3) as f64;
    let top = if chart.provisional.is_some() {
        40.0
    } else {
        8.0
    };
    // Room above the circle for the top label: its code and name lines.
    let label_room = RADAR_LINE * (1 + RADAR_NAME_LINES) as f64;
    let centre_x = RADAR_WIDTH / 2.0;
    let centre_y = top + label_room + 16.0 + RADAR_RADIUS;
    let legend_top = centre_y + RADAR_RADIUS + 16.0 + label_room + 20.0;
    let height = legend_top + 24.0 * chart.series.len() as f64 + 8.0;
    let angle = |index: usize| {
        -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * index as f64 / count
    };
    let point = |index: usize, value: f64| {
        let r = RADAR_RADIUS * value.clamp(0.0, 100.0) / 100.0;
        (
            centre_x + r * angle(index).cos(),
            centre_y + r * angle(index).sin(),
        )
    };
    let id = escape(chart.id);
    let title = match chart.provisional {
        Some(provisional) => format!("{} ({provisional})", chart.title),
        None => chart.title.to_owned(),
    };
    let description = chart
        .series
        .iter()
        .map(|series| {
            let figures = axes
                .iter()
                .zip(&series.texts)
                .map(|(axis, text)| format!("{} {}: {text}", axis.code, axis.name))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}: {figures}.", series.label)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {RADAR_WIDTH} {height}" width="{RADAR_WIDTH}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"##,
        escape(&title),
        escape(&description)
    );
    if let Some(provisional) = chart.provisional {
        let _ = write!(
            svg,
            r##"<rect x="1" y="1" width="{}" height="28" fill="#fff4ce" stroke="{MILESTONE_COLOUR}" stroke-width="1.5"/><text x="{centre_x}" y="20" text-anchor="middle" font-size="13" font-weight="bold" fill="#7a3e00" class="provisional">{}</text>"##,
            RADAR_WIDTH - 2.0,
            escape(provisional)
        );
    }
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let points: Vec<String> = (0..axes.len())
            .map(|i| point(i, ring))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="{GRID_COLOUR}" stroke-width="1"/>"##,
            points.join(" ")
        );
    }
    // The scale along the first axis.
    for ring in [50.0, 100.0] {
        let (x, y) = point(0, ring);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="{AXIS_COLOUR}">{ring:.0}</text>"##,
            x + 4.0,
            y + 10.0
        );
    }
    for (index, axis) in axes.iter().enumerate() {
        let (x, y) = point(index, 100.0);
        let _ = write!(
            svg,
            r##"<line x1="{centre_x}" y1="{centre_y}" x2="{x:.1}" y2="{y:.1}" stroke="{GRID_COLOUR}"/>"##
        );
        let (cos, sin) = (angle(index).cos(), angle(index).sin());
        let reach = RADAR_RADIUS + 14.0;
        let (lx, ly) = (centre_x + reach * cos, centre_y + reach * sin);
        let (anchor, room) = if cos.abs() < 0.3 {
            ("middle", 2.0 * RADAR_RADIUS)
        } else {
            (
                if cos > 0.0 { "start" } else { "end" },
                centre_x - 8.0 - reach * cos.abs(),
            )
        };
        let width = (room / LABEL_CHAR_WIDTH).floor() as usize;
        let (name, cut) = wrap_label(&axis.name, width, RADAR_NAME_LINES);
        let lines: Vec<String> = std::iter::once(axis.code.clone()).chain(name).collect();
        let block = RADAR_LINE * (lines.len() - 1) as f64;
        // Above the circle the block ends at the axis, below it starts
        // there, at the sides it is centred on it.
        let first = if sin < -0.7 {
            ly - block
        } else if sin > 0.7 {
            ly + 10.0
        } else {
            ly - block / 2.0 + 4.0
        };
        let full = format!("{} {}", axis.code, axis.name);
        svg.push_str(&text_lines(
            lx,
            first,
            RADAR_LINE,
            anchor,
            &lines,
            cut.then_some(full.as_str()),
        ));
    }
    for series in chart.series {
        let (stroke, dash, fill) = series.style.paint();
        let drawn: Vec<Option<(f64, f64)>> = (0..axes.len())
            .map(|i| {
                series
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|v| v.is_finite())
                    .map(|v| point(i, v))
            })
            .collect();
        let width = if series.style == RadarStyle::Subject {
            2.5
        } else {
            2.0
        };
        if drawn.iter().all(Option::is_some) && !drawn.is_empty() {
            let points: Vec<String> = drawn
                .iter()
                .flatten()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let fill = fill.map_or_else(
                || r##"fill="none""##.to_owned(),
                |colour| format!(r##"fill="{colour}" fill-opacity="0.2""##),
            );
            let _ = write!(
                svg,
                r##"<polygon points="{}" {fill} stroke="{stroke}" stroke-width="{width}" stroke-dasharray="{dash}"/>"##,
                points.join(" ")
            );
        } else {
            // A figure missing: only neighbours that both have one are joined.
            let pairs = if drawn.len() > 1 { drawn.len() } else { 0 };
            for index in 0..pairs {
                let next = (index + 1) % drawn.len();
                if let (Some((x1, y1)), Some((x2, y2))) = (drawn[index], drawn[next]) {
                    let _ = write!(
                        svg,
                        r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}" stroke-dasharray="{dash}"/>"##
                    );
                }
            }
        }
        for (index, position) in drawn.iter().enumerate() {
            if let (Some((x, y)), Some(axis)) = (position, axes.get(index)) {
                let text = series.texts.get(index).map_or("", String::as_str);
                let title = format!("{} – {} {}: {text}", series.label, axis.code, axis.name);
                svg.push_str(&series.style.marker(*x, *y, Some(&title)));
            }
        }
    }
    for (index, series) in chart.series.iter().enumerate() {
        let y = legend_top + 24.0 * index as f64;
        let (stroke, dash, _) = series.style.paint();
        let _ = write!(
            svg,
            r##"<line x1="24" y1="{y}" x2="64" y2="{y}" stroke="{stroke}" stroke-width="2.5" stroke-dasharray="{dash}"/>"##
        );
        svg.push_str(&series.style.marker(44.0, y, None));
        let _ = write!(
            svg,
            r##"<text x="76" y="{:.1}" font-size="13" fill="{TEXT_COLOUR}">{}</text>"##,
            y + 4.5,
            escape(&series.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A horizontal bar chart of changes in percentage points (negative bars go
/// left of the zero line).
pub fn change_bars(title: &str, rows: &[(String, Option<f64>)]) -> String {
    let (width, row_height, label_width) = (520.0_f64, 28.0_f64, 200.0_f64);
    let height = 40.0 + row_height * rows.len() as f64;
    let zero = label_width + (width - label_width - 20.0) / 2.0;
    let scale = (width - label_width - 20.0) / 2.0 / 100.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="change-title" font-family="sans-serif" font-size="13"><title id="change-title">{}</title>"##,
        escape(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="{zero}" y1="10" x2="{zero}" y2="{}" stroke="#4a5360"/>"##,
        height - 10.0
    );
    for (index, (label, change)) in rows.iter().enumerate() {
        let y = 20.0 + row_height * index as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#1b1f24">{}</text>"##,
            label_width - 8.0,
            y + 14.0,
            escape(label)
        );
        if let Some(change) = change {
            let length = change.abs().min(100.0) * scale;
            let (x, fill) = if *change >= 0.0 {
                (zero, "#1e6b3a")
            } else {
                (zero - length, "#a4161a")
            };
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{}" width="{length:.1}" height="18" fill="{fill}"/>"##,
                y + 2.0
            );
            let text_x = if *change >= 0.0 {
                zero + length + 4.0
            } else {
                zero - length - 4.0
            };
            let anchor = if *change >= 0.0 { "start" } else { "end" };
            let _ = write!(
                svg,
                r##"<text x="{text_x:.1}" y="{}" text-anchor="{anchor}" fill="#1b1f24">{change:+.0}</text>"##,
                y + 15.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One dated value on the indicator chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartPoint {
    pub date: NaiveDate,
    pub value: f64,
}

/// The legend texts of the indicator chart, already localized by the caller
/// (this module has no access to the request's language).
pub struct ChartLabels<'a> {
    pub baseline: &'a str,
    pub target: &'a str,
    pub milestone: &'a str,
    pub measurements: &'a str,
    pub projection: &'a str,
    pub today: &'a str,
}

/// Everything the M&E indicator chart of an action plan shows.
pub struct IndicatorChart<'a> {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`): a page can hold
    /// several charts, and `aria-labelledby` needs ids unique on the page.
    pub id: &'a str,
    /// Accessible title (the indicator's name).
    pub title: &'a str,
    /// Accessible summary sentence, already localized by the caller.
    pub description: &'a str,
    /// Appended to axis labels and point titles, e.g. `" %"` or `""`.
    pub unit_suffix: &'a str,
    pub baseline: ChartPoint,
    pub target: ChartPoint,
    pub milestones: &'a [ChartPoint],
    /// Expected sorted by date; they are sorted again so the line never
    /// zigzags back in time.
    pub measurements: &'a [ChartPoint],
    /// A straight line from the baseline date to the target date.
    pub projection: Option<[ChartPoint; 2]>,
    /// Drawn as a vertical marker only when it falls within the time range.
    pub today: Option<NaiveDate>,
    pub labels: ChartLabels<'a>,
}

const CHART_WIDTH: f64 = 640.0;
const CHART_HEIGHT: f64 = 320.0;
const PLOT_LEFT: f64 = 72.0;
const PLOT_RIGHT: f64 = 612.0;
const PLOT_TOP: f64 = 16.0;
const PLOT_BOTTOM: f64 = 228.0;
/// Values are clamped to this magnitude for drawing (labels keep the real
/// value), so that padding and tick arithmetic can never overflow to infinity.
const MAX_DRAWN_MAGNITUDE: f64 = 1e300;

const TEXT_COLOUR: &str = "#1b1f24";
const GRID_COLOUR: &str = "#c9d1db";
const AXIS_COLOUR: &str = "#4a5360";
const MEASUREMENT_COLOUR: &str = "#0b5394";
const TARGET_COLOUR: &str = "#1e6b3a";
const MILESTONE_COLOUR: &str = "#b45f06";
const TODAY_COLOUR: &str = "#a4161a";

/// The value axis: a range rounded out to "nice" ticks (1, 2, 2.5 or 5 times
/// a power of ten) so the gridline labels are short round numbers.
#[derive(Debug)]
struct ValueScale {
    /// Index of the lowest tick in units of `step` (so tick values are exact
    /// multiples of the step and zero prints as "0", never "-0.0000001").
    first_index: f64,
    intervals: u32,
    step: f64,
}

impl ValueScale {
    /// Covers every finite value, padded by about 10 % of the spread. A flat
    /// series (or none at all) still gets a range of non-zero height, and a
    /// series that is never negative gets no negative gridlines.
    fn covering(values: &[f64]) -> Self {
        let drawn: Vec<f64> = values
            .iter()
            .filter(|v| v.is_finite())
            .map(|v| v.clamp(-MAX_DRAWN_MAGNITUDE, MAX_DRAWN_MAGNITUDE))
            .collect();
        let (mut low, mut high) = drawn
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &v| {
                (low.min(v), high.max(v))
            });
        if drawn.is_empty() {
            (low, high) = (0.0, 1.0);
        }
        let magnitude = low.abs().max(high.abs());
        let spread = high - low;
        if spread < magnitude.max(1.0) * 1e-6 {
            let centre = low / 2.0 + high / 2.0;
            let half = (centre.abs() * 0.1).max(1.0);
            (low, high) = (centre - half, centre + half);
        } else {
            (low, high) = (low - spread * 0.1, high + spread * 0.1);
        }
        if drawn.iter().all(|&v| v >= 0.0) {
            low = low.max(0.0);
        }
        Self::nice(low, high)
    }

    /// The smallest nice step giving at most 5 intervals; since consecutive
    /// nice steps differ by at most a factor 2, that step also gives at least
    /// 3, hence 4 to 6 gridlines.
    fn nice(low: f64, high: f64) -> Self {
        let spread = high - low;
        let exponent = (spread / 5.0).log10().floor() as i32;
        for power in exponent - 1..=exponent + 2 {
            for factor in [1.0, 2.0, 2.5, 5.0] {
                let step = factor * 10f64.powi(power);
                let first_index = (low / step).floor();
                let last_index = (high / step).ceil();
                let intervals = last_index - first_index;
                if step > 0.0 && step.is_finite() && (1.0..=5.0).contains(&intervals) {
                    return Self {
                        first_index,
                        intervals: intervals as u32,
                        step,
                    };
                }
            }
        }
        // Unreachable for the ranges `covering` builds; kept so no input can
        // make the chart fail.
        Self {
            first_index: 0.0,
            intervals: 4,
            step: if spread > 0.0 && spread.is_finite() {
                spread / 4.0
            } else {
                1.0
            },
        }
    }

    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        (0..=self.intervals).map(|i| (self.first_index + f64::from(i)) * self.step)
    }

    fn y(&self, value: f64) -> f64 {
        let low = self.first_index * self.step;
        let high = (self.first_index + f64::from(self.intervals)) * self.step;
        let value = value.clamp(-MAX_DRAWN_MAGNITUDE, MAX_DRAWN_MAGNITUDE);
        PLOT_BOTTOM - (value - low) / (high - low) * (PLOT_BOTTOM - PLOT_TOP)
    }
}

/// The time axis, in days, from the earliest to the latest date shown.
struct TimeScale {
    first_day: f64,
    last_day: f64,
}

impl TimeScale {
    /// A single date gets a month around it, so the range never has zero width.
    fn covering(first: NaiveDate, last: NaiveDate) -> Self {
        let (first_day, last_day) = (
            f64::from(first.num_days_from_ce()),
            f64::from(last.num_days_from_ce()),
        );
        if last_day - first_day < 1.0 {
            Self {
                first_day: first_day - 15.0,
                last_day: last_day + 15.0,
            }
        } else {
            Self {
                first_day,
                last_day,
            }
        }
    }

    fn contains(&self, date: NaiveDate) -> bool {
        (self.first_day..=self.last_day).contains(&f64::from(date.num_days_from_ce()))
    }

    fn x(&self, date: NaiveDate) -> f64 {
        let day = f64::from(date.num_days_from_ce());
        PLOT_LEFT
            + (day - self.first_day) / (self.last_day - self.first_day) * (PLOT_RIGHT - PLOT_LEFT)
    }

    /// 1 January of each year, or the first of each month when the range is
    /// under two years; thinned to at most 8 labels so they never overlap.
    fn ticks(&self, first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
        let mut ticks = Vec::new();
        if self.last_day - self.first_day >= 730.0 {
            let years = i64::from(last.year()) - i64::from(first.year()) + 1;
            let step = nice_count_step(years, &[1, 2, 5]);
            let mut year = i64::from(first.year()).div_euclid(step) * step;
            while year <= i64::from(last.year()) {
                if let Some(date) = i32::try_from(year)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                {
                    ticks.push((date, format!("{year}")));
                }
                year += step;
            }
        } else {
            let month_number =
                |date: NaiveDate| i64::from(date.year()) * 12 + i64::from(date.month0());
            let (from, to) = (month_number(first), month_number(last) + 1);
            let step = [1, 2, 3, 6, 12]
                .into_iter()
                .find(|step| (to - from) / step <= 8)
                .unwrap_or(12);
            for month in (from..=to).filter(|m| m.rem_euclid(step) == 0) {
                let (year, month0) = (month.div_euclid(12), month.rem_euclid(12));
                if let Some(date) = i32::try_from(year).ok().and_then(|y| {
                    u32::try_from(month0 + 1)
                        .ok()
                        .and_then(|m| NaiveDate::from_ymd_opt(y, m, 1))
                }) {
                    ticks.push((date, format!("{year:04}-{:02}", month0 + 1)));
                }
            }
        }
        ticks.retain(|(date, _)| self.contains(*date));
        ticks
    }
}

/// The smallest step among `bases` × powers of ten that shows `count` items
/// as at most 8.
fn nice_count_step(count: i64, bases: &[i64]) -> i64 {
    let mut power = 1_i64;
    loop {
        for base in bases {
            let step = base.saturating_mul(power);
            if count / step <= 8 || step == i64::MAX {
                return step.max(1);
            }
        }
        power = power.saturating_mul(10);
    }
}

fn trim_decimals(number: &str) -> String {
    if number.contains('.') {
        number
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    } else {
        number.to_owned()
    }
}

/// A measured value for a label: integers without decimals, otherwise two
/// significant decimals; very large or very small values in scientific
/// notation so that no label runs across the chart.
fn format_value(value: f64) -> String {
    let value = value + 0.0; // -0 prints as 0
    let magnitude = value.abs();
    if !value.is_finite() {
        return "–".to_owned();
    }
    if magnitude >= 1e9 || (magnitude > 0.0 && magnitude < 1e-4) {
        return format_scientific(value, 2);
    }
    if value.fract() == 0.0 {
        return format!("{value:.0}");
    }
    let decimals = if magnitude >= 1.0 {
        2
    } else {
        (1.0 - magnitude.log10().floor()).clamp(2.0, 6.0) as usize
    };
    let text = trim_decimals(&format!("{value:.decimals$}"));
    if text == "-0" { "0".to_owned() } else { text }
}

fn format_scientific(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => format!("{}e{exponent}", trim_decimals(mantissa)),
        None => text,
    }
}

/// A gridline label: as many decimals as the step needs (0.25 needs two,
/// 20 none), so neighbouring labels always differ.
fn format_tick(value: f64, step: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    let decimals_for = |x: f64| {
        (0..12)
            .find(|&d| {
                let scaled = x * 10f64.powi(d);
                (scaled - scaled.round()).abs() <= scaled.abs() * 1e-9
            })
            .unwrap_or(12) as usize
    };
    if value.abs() >= 1e9 || step < 1e-4 {
        let exponent = value.abs().log10().floor() as i32;
        format_scientific(value, decimals_for(step / 10f64.powi(exponent)))
    } else {
        trim_decimals(&format!("{value:.*}", decimals_for(step)))
    }
}

/// A line chart of an M&E indicator over time: the measurements from the
/// baseline towards the target, with milestones, the projected path and
/// today's date. Inputs that cannot be drawn (non-finite values) are left
/// out rather than letting a NaN into the SVG, which browsers would refuse.
pub fn indicator_chart(chart: &IndicatorChart<'_>) -> String {
    let finite = |p: &&ChartPoint| p.value.is_finite();
    let mut measurements: Vec<ChartPoint> =
        chart.measurements.iter().filter(finite).copied().collect();
    measurements.sort_by_key(|p| p.date);
    let projection = chart
        .projection
        .filter(|ends| ends.iter().all(|p| p.value.is_finite()));
    let baseline = Some(chart.baseline).filter(|p| p.value.is_finite());
    let target = Some(chart.target).filter(|p| p.value.is_finite());
    let milestones: Vec<ChartPoint> = chart.milestones.iter().filter(finite).copied().collect();

    let dated: Vec<ChartPoint> = [chart.baseline, chart.target]
        .into_iter()
        .chain(milestones.iter().copied())
        .chain(measurements.iter().copied())
        .chain(projection.into_iter().flatten())
        .collect();
    let first_date = dated
        .iter()
        .map(|p| p.date)
        .min()
        .unwrap_or(chart.baseline.date);
    let last_date = dated
        .iter()
        .map(|p| p.date)
        .max()
        .unwrap_or(chart.target.date);
    let time = TimeScale::covering(first_date, last_date);
    let values: Vec<f64> = dated.iter().map(|p| p.value).collect();
    let scale = ValueScale::covering(&values);
    let point = |p: &ChartPoint| (time.x(p.date), scale.y(p.value));
    let point_title = |label: &str, p: &ChartPoint| {
        let value = format!("{}: {}{}", p.date, format_value(p.value), chart.unit_suffix);
        escape(&if label.is_empty() {
            value
        } else {
            format!("{label} {value}")
        })
    };
    let id = escape(chart.id);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"##,
        escape(chart.title),
        escape(chart.description)
    );
    for tick in scale.ticks() {
        let y = scale.y(tick);
        let _ = write!(
            svg,
            r##"<line x1="{PLOT_LEFT}" y1="{y:.1}" x2="{PLOT_RIGHT}" y2="{y:.1}" stroke="{GRID_COLOUR}" stroke-width="1"/><text x="{}" y="{y:.1}" text-anchor="end" dominant-baseline="middle" fill="{TEXT_COLOUR}">{}{}</text>"##,
            PLOT_LEFT - 6.0,
            format_tick(tick, scale.step),
            escape(chart.unit_suffix)
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" stroke="{AXIS_COLOUR}" stroke-width="1"/>"##
    );
    for (date, label) in time.ticks(first_date, last_date) {
        let x = time.x(date);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{PLOT_BOTTOM}" x2="{x:.1}" y2="{}" stroke="{AXIS_COLOUR}" stroke-width="1"/><text x="{x:.1}" y="{}" text-anchor="middle" fill="{TEXT_COLOUR}">{}</text>"##,
            PLOT_BOTTOM + 5.0,
            PLOT_BOTTOM + 19.0,
            escape(&label)
        );
    }
    let today = chart.today.filter(|d| time.contains(*d));
    if let Some(today) = today {
        let x = time.x(today);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{PLOT_TOP}" x2="{x:.1}" y2="{PLOT_BOTTOM}" stroke="{TODAY_COLOUR}" stroke-width="1.5"><title>{}</title></line>"##,
            escape(&format!("{} {today}", chart.labels.today))
        );
    }
    if let Some(target) = target {
        let y = scale.y(target.value);
        let _ = write!(
            svg,
            r##"<line x1="{PLOT_LEFT}" y1="{y:.1}" x2="{PLOT_RIGHT}" y2="{y:.1}" stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="8 4"/>"##
        );
    }
    if let Some([from, to]) = projection {
        let ((x1, y1), (x2, y2)) = (point(&from), point(&to));
        let _ = write!(
            svg,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{AXIS_COLOUR}" stroke-width="2" stroke-dasharray="2 4" stroke-linecap="round"/>"##
        );
    }
    if !measurements.is_empty() {
        let points: Vec<String> = baseline
            .iter()
            .chain(measurements.iter())
            .map(&point)
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="{MEASUREMENT_COLOUR}" stroke-width="2.5" stroke-linejoin="round"/>"##,
            points.join(" ")
        );
    }
    if let Some(baseline) = baseline {
        let (x, y) = point(&baseline);
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{AXIS_COLOUR}"><title>{}</title></rect>"##,
            x - 5.0,
            y - 5.0,
            point_title(chart.labels.baseline, &baseline)
        );
    }
    for milestone in &milestones {
        let (x, y) = point(milestone);
        let _ = write!(
            svg,
            r##"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="{MILESTONE_COLOUR}"><title>{}</title></polygon>"##,
            y - 6.0,
            x + 6.0,
            y + 6.0,
            x - 6.0,
            point_title(chart.labels.milestone, milestone)
        );
    }
    if let Some(target) = target {
        let (x, y) = point(&target);
        let _ = write!(
            svg,
            r##"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{TARGET_COLOUR}"><title>{}</title></polygon>"##,
            y - 7.0,
            x + 7.0,
            y + 5.0,
            x - 7.0,
            y + 5.0,
            point_title(chart.labels.target, &target)
        );
    }
    for measurement in &measurements {
        let (x, y) = point(measurement);
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="#ffffff" stroke="{MEASUREMENT_COLOUR}" stroke-width="2"><title>{}</title></circle>"##,
            point_title("", measurement)
        );
    }
    let labels = &chart.labels;
    let entries: Vec<(LegendSymbol, &str)> = [
        (baseline.is_some(), LegendSymbol::Baseline, labels.baseline),
        (target.is_some(), LegendSymbol::Target, labels.target),
        (
            !milestones.is_empty(),
            LegendSymbol::Milestone,
            labels.milestone,
        ),
        (
            !measurements.is_empty(),
            LegendSymbol::Measurements,
            labels.measurements,
        ),
        (
            projection.is_some(),
            LegendSymbol::Projection,
            labels.projection,
        ),
        (today.is_some(), LegendSymbol::Today, labels.today),
    ]
    .into_iter()
    .filter(|(shown, _, _)| *shown)
    .map(|(_, symbol, label)| (symbol, label))
    .collect();
    legend(&mut svg, &entries);
    svg.push_str("</svg>");
    svg
}

/// The symbols of the legend, drawn like their counterparts in the plot.
#[derive(Clone, Copy)]
enum LegendSymbol {
    Baseline,
    Target,
    Milestone,
    Measurements,
    Projection,
    Today,
}

/// Two rows of three entries under the axis; only what is drawn is listed,
/// so the legend never explains a symbol the reader cannot find.
fn legend(svg: &mut String, entries: &[(LegendSymbol, &str)]) {
    for (index, (symbol, label)) in entries.iter().enumerate() {
        let x = 16.0 + 208.0 * (index % 3) as f64;
        let y = 276.0 + 24.0 * (index / 3) as f64;
        let (mid_x, line_end) = (x + 12.0, x + 24.0);
        let _ = match symbol {
            LegendSymbol::Baseline => write!(
                svg,
                r##"<rect x="{}" y="{}" width="10" height="10" fill="{AXIS_COLOUR}"/>"##,
                mid_x - 5.0,
                y - 5.0
            ),
            LegendSymbol::Target => write!(
                svg,
                r##"<line x1="{x}" y1="{y}" x2="{line_end}" y2="{y}" stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="8 4"/><polygon points="{mid_x},{} {},{} {},{}" fill="{TARGET_COLOUR}"/>"##,
                y - 7.0,
                mid_x + 7.0,
                y + 5.0,
                mid_x - 7.0,
                y + 5.0
            ),
            LegendSymbol::Milestone => write!(
                svg,
                r##"<polygon points="{mid_x},{} {},{y} {mid_x},{} {},{y}" fill="{MILESTONE_COLOUR}"/>"##,
                y - 6.0,
                mid_x + 6.0,
                y + 6.0,
                mid_x - 6.0
            ),
            LegendSymbol::Measurements => write!(
                svg,
                r##"<line x1="{x}" y1="{y}" x2="{line_end}" y2="{y}" stroke="{MEASUREMENT_COLOUR}" stroke-width="2.5"/><circle cx="{mid_x}" cy="{y}" r="4" fill="#ffffff" stroke="{MEASUREMENT_COLOUR}" stroke-width="2"/>"##
            ),
            LegendSymbol::Projection => write!(
                svg,
                r##"<line x1="{x}" y1="{y}" x2="{line_end}" y2="{y}" stroke="{AXIS_COLOUR}" stroke-width="2" stroke-dasharray="2 4" stroke-linecap="round"/>"##
            ),
            LegendSymbol::Today => write!(
                svg,
                r##"<line x1="{mid_x}" y1="{}" x2="{mid_x}" y2="{}" stroke="{TODAY_COLOUR}" stroke-width="1.5"/>"##,
                y - 7.0,
                y + 7.0
            ),
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{y}" dominant-baseline="middle" fill="{TEXT_COLOUR}">{}</text>"##,
            x + 30.0,
            escape(label)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn axes(names: &[(&str, &str)]) -> Vec<RadarAxis> {
        names
            .iter()
            .map(|(code, name)| RadarAxis {
                code: (*code).into(),
                name: (*name).into(),
            })
            .collect()
    }

    fn series(style: RadarStyle, label: &str, values: &[Option<f64>]) -> RadarSeries {
        RadarSeries {
            style,
            label: label.into(),
            values: values.to_vec(),
            texts: values
                .iter()
                .map(|v| v.map_or("–".to_owned(), |v| format!("{v:.0} %")))
                .collect(),
        }
    }

    /// The text of every `<text>` element, its lines joined by spaces.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text ")
            .skip(1)
            .map(|rest| {
                let body = &rest[rest.find('>').expect("well-formed") + 1
                    ..rest.find("</text>").expect("well-formed")];
                let body = match body.find("</title>") {
                    Some(end) if body.starts_with("<title>") => &body[end + 8..],
                    _ => body,
                };
                body.split("</tspan>")
                    .map(|part| part.rsplit('>').next().unwrap_or_default())
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn the_radar_names_each_section_and_each_line_and_escapes_text() {
        let axes = axes(&[
            ("P1", "Emploi <et> rémunération"),
            ("P2", "Équilibre"),
            ("S", "Sûreté"),
        ]);
        let lines = [
            series(RadarStyle::Previous, "2023", &[Some(50.0), None, None]),
            series(
                RadarStyle::Subject,
                "Bénin & co",
                &[Some(100.0), None, Some(0.0)],
            ),
        ];
        let svg = radar(&RadarChart {
            id: "radar",
            title: "Scores & gaps",
            axes: &axes,
            series: &lines,
            provisional: None,
        });
        assert_drawable(&svg);
        let texts = texts(&svg);
        for expected in [
            "P1 Emploi &lt;et&gt; rémunération",
            "P2 Équilibre",
            "S Sûreté",
        ] {
            assert!(texts.contains(&expected.to_owned()), "{texts:?}");
        }
        // The legend names both lines.
        assert!(texts.contains(&"Bénin &amp; co".to_owned()), "{texts:?}");
        assert!(texts.contains(&"2023".to_owned()), "{texts:?}");
        assert!(svg.contains("<title id=\"radar-title\">Scores &amp; gaps</title>"));
        // Three spokes, the subject's one segment between two figures (P2
        // has none), and two legend samples.
        assert_eq!(svg.matches("<line").count(), 3 + 1 + 2, "{svg}");
        // A full score reaches the outer ring: the top vertex, radius 150
        // above the centre.
        let top = 8.0 + RADAR_LINE * 4.0 + 16.0;
        assert!(
            svg.contains(&format!("cx=\"380.0\" cy=\"{top:.1}\" r=\"4\"")),
            "{svg}"
        );
        // The description reads every figure out, line by line.
        assert!(svg.contains(
            "<desc id=\"radar-desc\">2023: P1 Emploi &lt;et&gt; rémunération: 50 %, P2 Équilibre: –, S Sûreté: –. Bénin &amp; co: "
        ), "{svg}");
        assert!(!svg.contains("provisional"));
    }

    #[test]
    fn a_figure_that_is_missing_or_withheld_is_not_drawn_at_zero() {
        let axes = axes(&[("A", "a"), ("B", "b"), ("C", "c"), ("D", "d")]);
        let lines = [
            series(
                RadarStyle::Region,
                "Region",
                &[Some(40.0), Some(60.0), None, Some(20.0)],
            ),
            series(
                RadarStyle::Global,
                "World",
                &[Some(40.0), Some(60.0), Some(50.0), Some(20.0)],
            ),
        ];
        let svg = radar(&RadarChart {
            id: "r",
            title: "t",
            axes: &axes,
            series: &lines,
            provisional: None,
        });
        assert_drawable(&svg);
        // The complete series is one closed outline; the other is drawn
        // only between neighbours that both have a figure: A–B and D–A.
        assert_eq!(
            tags(&svg, "polygon", "stroke-dasharray=\"2 3\"").len(),
            1,
            "{svg}"
        );
        assert_eq!(
            tags(&svg, "line", "stroke-dasharray=\"10 3 2 3\"").len(),
            2 + 1
        );
        // Each figure shown is a titled marker; the withheld one has none.
        assert!(svg.contains("<title>Region – B b: 60 %</title>"));
        assert!(!svg.contains("Region – C c"), "{svg}");
        assert_eq!(svg.matches("<title>World – ").count(), 4);
        let centre = 8.0 + RADAR_LINE * 4.0 + 16.0 + RADAR_RADIUS;
        assert!(
            !svg.contains(&format!("380.0,{centre:.1}")),
            "nothing is drawn at the centre: {svg}"
        );
    }

    #[test]
    fn a_provisional_radar_says_so_in_its_banner_and_title() {
        let axes = axes(&[("A", "a"), ("B", "b"), ("C", "c")]);
        let lines = [series(RadarStyle::Subject, "Benin", &[Some(10.0); 3])];
        let svg = radar(&RadarChart {
            id: "r",
            title: "Scores",
            axes: &axes,
            series: &lines,
            provisional: Some("Provisional: not validated"),
        });
        assert_drawable(&svg);
        assert!(svg.contains(">Provisional: not validated</text>"), "{svg}");
        assert!(svg.contains("<title id=\"r-title\">Scores (Provisional: not validated)</title>"));
    }

    #[test]
    fn long_section_names_wrap_inside_the_chart() {
        let name = "Équilibre entre vie privée et vie professionnelle et évolution de carrière";
        let names: Vec<(String, String)> =
            (0..8).map(|i| (format!("P{i}"), name.to_owned())).collect();
        let axes: Vec<RadarAxis> = names
            .iter()
            .map(|(code, name)| RadarAxis {
                code: code.clone(),
                name: name.clone(),
            })
            .collect();
        let lines = [series(RadarStyle::Subject, "Bénin", &[Some(50.0); 8])];
        let svg = radar(&RadarChart {
            id: "r",
            title: "t",
            axes: &axes,
            series: &lines,
            provisional: None,
        });
        assert_drawable(&svg);
        // Every label is whole (no "…") and each of its lines, at the
        // generous width per character, stays inside the drawing.
        assert!(!svg.contains('…'), "{svg}");
        for text in tags(&svg, "text", "text-anchor") {
            let x = attribute(text, "x");
            let anchor = text
                .split("text-anchor=\"")
                .nth(1)
                .and_then(|a| a.split('"').next());
            let start = svg.find(text).expect("found") + text.len() + 1;
            let body = &svg[start..start + svg[start..].find("</text>").expect("closed")];
            for line in body.split("</tspan>").filter_map(|l| l.rsplit('>').next()) {
                let width = line.chars().count() as f64 * LABEL_CHAR_WIDTH;
                let (left, right) = match anchor {
                    Some("start") => (x, x + width),
                    Some("end") => (x - width, x),
                    _ => (x - width / 2.0, x + width / 2.0),
                };
                assert!(
                    left >= 0.0 && right <= RADAR_WIDTH,
                    "{line:?} at {x}: {svg}"
                );
            }
        }
        // In the labels, the points' titles and the description.
        assert_eq!(svg.matches("carrière").count(), 8 * 3);
    }

    #[test]
    fn labels_wrap_at_spaces_and_a_name_too_long_ends_in_an_ellipsis() {
        assert_eq!(
            wrap_label("Emploi et rémunération", 12, 3),
            (
                vec!["Emploi et".to_owned(), "rémunération".to_owned()],
                false
            )
        );
        assert_eq!(
            wrap_label("Anticonstitutionnellement", 10, 3),
            (
                vec![
                    "Anticonsti".to_owned(),
                    "tutionnell".to_owned(),
                    "ement".to_owned()
                ],
                false
            )
        );
        let (lines, cut) = wrap_label("one two three four five six", 8, 2);
        assert!(cut);
        assert_eq!(lines, ["one two", "three…"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 8));
        assert_eq!(wrap_label("", 10, 2), (Vec::<String>::new(), false));
    }

    #[test]
    fn change_bars_go_right_for_gains_and_left_for_losses() {
        let svg = change_bars(
            "Change",
            &[
                ("P1".into(), Some(10.0)),
                ("P2".into(), Some(-20.0)),
                ("P3".into(), None),
            ],
        );
        assert!(svg.contains("fill=\"#1e6b3a\"") && svg.contains("fill=\"#a4161a\""));
        assert!(svg.contains(">+10<") && svg.contains(">-20<"));
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
    }

    fn at(date: NaiveDate, value: f64) -> ChartPoint {
        ChartPoint { date, value }
    }

    const LABELS: ChartLabels<'static> = ChartLabels {
        baseline: "Baseline",
        target: "Target",
        milestone: "Milestone",
        measurements: "Measured",
        projection: "Projected",
        today: "Today",
    };

    /// Baseline 20 on 2023-01-01, target 80 on 2026-01-01, no projection.
    fn chart<'a>(
        measurements: &'a [ChartPoint],
        milestones: &'a [ChartPoint],
    ) -> IndicatorChart<'a> {
        IndicatorChart {
            id: "indicator-12",
            title: "Women in management",
            description: "Rose from 20 to 35, target 80.",
            unit_suffix: " %",
            baseline: at(day(2023, 1, 1), 20.0),
            target: at(day(2026, 1, 1), 80.0),
            milestones,
            measurements,
            projection: None,
            today: None,
            labels: LABELS,
        }
    }

    /// The numeric value of `name="…"` in one element's opening tag.
    fn attribute(tag: &str, name: &str) -> f64 {
        let start = tag
            .find(&format!(" {name}=\""))
            .expect("well-formed chart output")
            + name.len()
            + 3;
        let end = start + tag[start..].find('"').expect("well-formed chart output");
        tag[start..end].parse().expect("a number")
    }

    /// The opening tags of every `<{name}` element containing `marker`.
    fn tags<'s>(svg: &'s str, name: &str, marker: &str) -> Vec<&'s str> {
        svg.match_indices(&format!("<{name} "))
            .map(|(start, _)| {
                &svg[start..start + svg[start..].find('>').expect("well-formed chart output")]
            })
            .filter(|tag| tag.contains(marker))
            .collect()
    }

    /// The y coordinate and value of each gridline, read from its label.
    fn gridlines(svg: &str) -> Vec<(f64, f64)> {
        tags(svg, "text", "text-anchor=\"end\"")
            .into_iter()
            .map(|tag| {
                let rest = &svg[svg.find(tag).expect("well-formed chart output") + tag.len() + 1..];
                let label = &rest[..rest.find('<').expect("well-formed chart output")];
                let value = label.trim_end_matches(" %").parse().expect("a number");
                (attribute(tag, "y"), value)
            })
            .collect()
    }

    fn assert_drawable(svg: &str) {
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(!svg.contains("style"), "no inline styles under the CSP");
    }

    #[test]
    fn the_indicator_chart_is_labelled_for_screen_readers_and_escapes_all_text() {
        let mut chart = chart(&[], &[]);
        chart.id = "ind\"1";
        chart.title = "Rate <A & \"B\">";
        chart.description = "x < y & z";
        chart.unit_suffix = " <u>";
        chart.labels.target = "<target>";
        let svg = indicator_chart(&chart);
        assert_drawable(&svg);
        assert!(svg.contains(r#"role="img" aria-labelledby="ind&quot;1-title ind&quot;1-desc""#));
        assert!(svg.contains(
            r#"<title id="ind&quot;1-title">Rate &lt;A &amp; &quot;B&quot;&gt;</title>"#
        ));
        assert!(svg.contains(r#"<desc id="ind&quot;1-desc">x &lt; y &amp; z</desc>"#));
        assert!(svg.contains(">&lt;target&gt;</text>") && svg.contains(" &lt;u&gt;</text>"));
        assert!(!svg.contains("<A") && !svg.contains("<u>") && !svg.contains("<target>"));
    }

    #[test]
    fn each_measurement_is_one_circle_titled_with_its_date_and_value() {
        let measurements = [at(day(2023, 6, 1), 25.5), at(day(2024, 1, 1), 35.0)];
        let svg = indicator_chart(&chart(&measurements, &[]));
        assert_drawable(&svg);
        // Plus one in the legend, which has no title.
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("</circle>").count(), 2);
        assert!(svg.contains("<title>2023-06-01: 25.5 %</title></circle>"));
        assert!(svg.contains("<title>2024-01-01: 35 %</title></circle>"));
    }

    #[test]
    fn the_measurement_line_starts_at_the_baseline_and_follows_the_dates() {
        // Given out of order: the line still runs forward in time.
        let measurements = [at(day(2024, 1, 1), 35.0), at(day(2023, 6, 1), 25.0)];
        let svg = indicator_chart(&chart(&measurements, &[]));
        let polyline = tags(&svg, "polyline", "")[0];
        let points: Vec<(f64, f64)> = polyline
            .split("points=\"")
            .nth(1)
            .expect("well-formed chart output")
            .split('"')
            .next()
            .expect("well-formed chart output")
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("well-formed chart output");
                (x.parse().expect("a number"), y.parse().expect("a number"))
            })
            .collect();
        assert_eq!(points.len(), 3);
        let baseline = tags(&svg, "rect", "width=\"10\"")[0];
        assert_eq!(points[0].0, attribute(baseline, "x") + 5.0);
        assert!(points[0].0 < points[1].0 && points[1].0 < points[2].0);
        // Higher values are drawn higher up.
        assert!(points[0].1 > points[1].1 && points[1].1 > points[2].1);
        // The baseline starts the time axis.
        assert_eq!(points[0].0, PLOT_LEFT);
    }

    #[test]
    fn gridlines_are_four_to_six_round_numbers_covering_all_values() {
        let svg = indicator_chart(&chart(&[at(day(2024, 1, 1), 35.0)], &[]));
        let values: Vec<f64> = gridlines(&svg).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);

        for (low, high) in [(0.0, 0.3), (-7.0, 3.0), (1_000.0, 1_017.0), (99.5, 100.0)] {
            let mut chart = chart(&[], &[]);
            chart.baseline.value = low;
            chart.target.value = high;
            let svg = indicator_chart(&chart);
            let lines = gridlines(&svg);
            assert!((4..=6).contains(&lines.len()), "{low}..{high}: {lines:?}");
            assert!(
                lines[0].1 <= low && lines[lines.len() - 1].1 >= high,
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_series_that_is_never_negative_gets_no_negative_gridline() {
        let mut chart = chart(&[], &[]);
        chart.baseline.value = 1.0;
        let svg = indicator_chart(&chart);
        assert!(gridlines(&svg).iter().all(|&(_, v)| v >= 0.0), "{svg}");
    }

    #[test]
    fn the_target_line_sits_at_the_target_value_on_the_gridline_scale() {
        for target in [80.0, 47.5, -12.25] {
            let measurements = [at(day(2024, 1, 1), 35.0)];
            let mut chart = chart(&measurements, &[]);
            chart.target.value = target;
            let svg = indicator_chart(&chart);
            let lines = gridlines(&svg);
            let ((y0, v0), (y1, v1)) = (lines[0], lines[lines.len() - 1]);
            let expected = y0 + (target - v0) / (v1 - v0) * (y1 - y0);
            let target_lines = tags(&svg, "line", "stroke-dasharray=\"8 4\"");
            // One across the plot, one in the legend.
            assert_eq!(target_lines.len(), 2);
            let line = target_lines[0];
            assert_eq!(attribute(line, "x1"), PLOT_LEFT);
            assert_eq!(attribute(line, "x2"), PLOT_RIGHT);
            assert_eq!(attribute(line, "y1"), attribute(line, "y2"));
            assert!(
                (attribute(line, "y1") - expected).abs() <= 0.15,
                "{target}: {line} vs {expected}"
            );
        }
    }

    #[test]
    fn the_projection_is_drawn_only_when_given() {
        let mut chart = chart(&[], &[]);
        let without = indicator_chart(&chart);
        assert!(!without.contains("stroke-dasharray=\"2 4\"") && !without.contains("Projected"));
        chart.projection = Some([at(day(2023, 1, 1), 20.0), at(day(2026, 1, 1), 80.0)]);
        let with = indicator_chart(&chart);
        // The line and its legend entry.
        assert_eq!(with.matches("stroke-dasharray=\"2 4\"").count(), 2);
        assert!(with.contains(">Projected</text>"));
    }

    #[test]
    fn milestones_are_titled_diamonds() {
        let milestones = [at(day(2024, 6, 30), 50.0), at(day(2025, 6, 30), 65.0)];
        let svg = indicator_chart(&chart(&[], &milestones));
        assert_drawable(&svg);
        assert_eq!(tags(&svg, "polygon", "fill=\"#b45f06\"").len(), 3);
        assert!(svg.contains("<title>Milestone 2024-06-30: 50 %</title></polygon>"));
        assert!(svg.contains(">Milestone</text>"));
    }

    #[test]
    fn today_is_marked_only_within_the_time_range() {
        let mut chart = chart(&[], &[]);
        chart.today = Some(day(2024, 5, 1));
        let svg = indicator_chart(&chart);
        assert!(svg.contains("<title>Today 2024-05-01</title>") && svg.contains(">Today</text>"));
        chart.today = Some(day(2030, 1, 1));
        let svg = indicator_chart(&chart);
        assert!(!svg.contains("Today"), "{svg}");
    }

    #[test]
    fn long_ranges_get_year_labels_and_short_ones_month_labels() {
        let svg = indicator_chart(&chart(&[], &[]));
        for year in ["2023", "2024", "2025", "2026"] {
            assert!(svg.contains(&format!(">{year}</text>")), "{svg}");
        }
        let mut short = chart(&[], &[]);
        short.target.date = day(2023, 12, 31);
        let svg = indicator_chart(&short);
        assert!(
            svg.contains(">2023-03</text>") && !svg.contains(">2023</text>"),
            "{svg}"
        );
        // At most 8 labels even over a century.
        let mut long = chart(&[], &[]);
        long.target.date = day(2123, 1, 1);
        let svg = indicator_chart(&long);
        let labels = tags(&svg, "text", "text-anchor=\"middle\"").len();
        assert!((2..=8).contains(&labels), "{labels}");
    }

    #[test]
    fn degenerate_inputs_never_produce_nan_or_infinity() {
        let same_day = day(2024, 1, 1);
        let cases: Vec<(ChartPoint, ChartPoint, Vec<ChartPoint>)> = vec![
            // All on one date and one value.
            (
                at(same_day, 5.0),
                at(same_day, 5.0),
                vec![at(same_day, 5.0)],
            ),
            (at(same_day, 0.0), at(same_day, 0.0), vec![]),
            // Negative, huge and tiny values.
            (
                at(same_day, -1e6),
                at(day(2025, 1, 1), -2e6),
                vec![at(day(2024, 6, 1), -3.5)],
            ),
            (
                at(same_day, -f64::MAX),
                at(day(2025, 1, 1), f64::MAX),
                vec![at(day(2024, 6, 1), 1e-300)],
            ),
            (at(same_day, 1e15), at(day(2025, 1, 1), 1e15 + 1.0), vec![]),
            // Measurements outside the baseline–target range, before and after.
            (
                at(same_day, 10.0),
                at(day(2025, 1, 1), 20.0),
                vec![at(day(2020, 1, 1), 90.0), at(day(2030, 1, 1), -40.0)],
            ),
            // Extreme dates, and a target before its baseline.
            (at(NaiveDate::MIN, 1.0), at(NaiveDate::MAX, 2.0), vec![]),
            (at(day(2025, 1, 1), 1.0), at(day(2020, 1, 1), 2.0), vec![]),
            // Values that cannot be drawn are left out.
            (
                at(same_day, f64::NAN),
                at(day(2025, 1, 1), f64::INFINITY),
                vec![
                    at(day(2024, 6, 1), f64::NEG_INFINITY),
                    at(day(2024, 7, 1), 3.0),
                ],
            ),
        ];
        for (baseline, target, measurements) in cases {
            let milestones = [at(day(2024, 3, 1), f64::NAN)];
            let mut chart = chart(&measurements, &milestones);
            chart.baseline = baseline;
            chart.target = target;
            chart.projection = Some([baseline, target]);
            chart.today = Some(same_day);
            let svg = indicator_chart(&chart);
            assert_drawable(&svg);
            let drawable = measurements.iter().filter(|m| m.value.is_finite()).count();
            assert_eq!(svg.matches("</circle>").count(), drawable, "{svg}");
            let lines = gridlines(&svg);
            assert!((4..=6).contains(&lines.len()), "{lines:?}");
        }
    }

    #[test]
    fn values_are_labelled_compactly() {
        let cases = [
            (35.0, "35"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (2.0 / 3.0, "0.67"),
            (0.0012345, "0.0012"),
            (1234.5678, "1234.57"),
            (-7.25, "-7.25"),
            (2.5e12, "2.5e12"),
            (3e-7, "3e-7"),
        ];
        for (value, text) in cases {
            assert_eq!(format_value(value), text);
        }
        assert_eq!(format_tick(0.25, 0.25), "0.25");
        assert_eq!(format_tick(40.0, 20.0), "40");
        assert_eq!(format_tick(1.5e9, 5e8), "1.5e9");
        assert_eq!(format_tick(1_000_000_002.0, 2.0), "1.000000002e9");
    }

    proptest! {
        #[test]
        fn any_finite_input_gives_a_finite_chart_with_one_circle_per_measurement(
            baseline in (-100_000i32..100_000, -1e12f64..1e12),
            target in (-100_000i32..100_000, -1e12f64..1e12),
            measured in proptest::collection::vec((-100_000i32..100_000, prop_oneof![-1e12f64..1e12, Just(0.0), proptest::num::f64::NORMAL]), 0..12),
            today in -100_000i32..100_000,
        ) {
            let date = |offset: i32| day(2024, 1, 1) + chrono::Duration::days(i64::from(offset));
            let mut measurements: Vec<ChartPoint> = measured.iter().map(|&(d, v)| at(date(d), v)).collect();
            measurements.sort_by_key(|p| p.date);
            let mut chart = chart(&measurements, &[]);
            chart.baseline = at(date(baseline.0), baseline.1);
            chart.target = at(date(target.0), target.1);
            chart.projection = Some([chart.baseline, chart.target]);
            chart.today = Some(date(today));
            let svg = indicator_chart(&chart);
            prop_assert!(!svg.contains("NaN") && !svg.contains("inf"), "{}", svg);
            prop_assert_eq!(svg.matches("</circle>").count(), measurements.len());
            let lines = gridlines(&svg);
            prop_assert!((4..=6).contains(&lines.len()), "{:?}", lines);
        }
    }
}
