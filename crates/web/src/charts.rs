//! Server-rendered SVG charts, identical on the page and in the PDF. Colours
//! and sizes are attributes (the Content-Security-Policy allows no inline
//! styles), and every chart carries a title and description for screen
//! readers; the same figures are always also given as a table.

use std::fmt::Write;

/// One axis of a radar chart.
pub struct RadarAxis {
    pub label: String,
    /// 0–100, or `None` when the section has no score.
    pub value: Option<f64>,
    /// An optional comparison value (e.g. the previous assessment).
    pub comparison: Option<f64>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A radar (spider) chart of section scores on a 0–100 scale.
pub fn radar(
    title: &str,
    axes: &[RadarAxis],
    series_label: &str,
    comparison_label: Option<&str>,
) -> String {
    let (size, center, radius) = (520.0_f64, 260.0_f64, 170.0_f64);
    let count = axes.len().max(3) as f64;
    let point = |index: usize, value: f64| {
        let angle =
            -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * index as f64 / count;
        let r = radius * value.clamp(0.0, 100.0) / 100.0;
        (center + r * angle.cos(), center + r * angle.sin())
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img" aria-labelledby="radar-title radar-desc" font-family="sans-serif" font-size="13"><title id="radar-title">{}</title><desc id="radar-desc">{}</desc>"##,
        escape(title),
        escape(
            &axes
                .iter()
                .map(|a| format!(
                    "{}: {}",
                    a.label,
                    a.value.map_or("–".to_owned(), |v| format!("{v:.0} %"))
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )
    );
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let points: Vec<String> = (0..axes.len())
            .map(|i| point(i, ring))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#c9d1db" stroke-width="1"/>"##,
            points.join(" ")
        );
    }
    for (index, axis) in axes.iter().enumerate() {
        let (x, y) = point(index, 100.0);
        let _ = write!(
            svg,
            r##"<line x1="{center}" y1="{center}" x2="{x:.1}" y2="{y:.1}" stroke="#c9d1db"/>"##
        );
        let (lx, ly) = point(index, 118.0);
        let anchor = if (lx - center).abs() < 5.0 {
            "middle"
        } else if lx > center {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r##"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" dominant-baseline="middle" fill="#1b1f24">{}</text>"##,
            escape(&axis.label)
        );
    }
    let mut polygon = |values: Vec<Option<f64>>, fill: &str, stroke: &str, dash: &str| {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| point(i, v.unwrap_or(0.0)))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="{fill}" fill-opacity="0.25" stroke="{stroke}" stroke-width="2.5" stroke-dasharray="{dash}"/>"##,
            points.join(" ")
        );
    };
    if comparison_label.is_some() && axes.iter().any(|a| a.comparison.is_some()) {
        polygon(
            axes.iter().map(|a| a.comparison).collect(),
            "#9aa5b1",
            "#4a5360",
            "6 4",
        );
    }
    polygon(
        axes.iter().map(|a| a.value).collect(),
        "#0b5394",
        "#0b5394",
        "none",
    );
    for (index, axis) in axes.iter().enumerate() {
        if let Some(value) = axis.value {
            let (x, y) = point(index, value);
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="#0b5394"/>"##
            );
        }
    }
    let _ = write!(
        svg,
        r##"<rect x="16" y="488" width="14" height="14" fill="#0b5394"/><text x="36" y="500" fill="#1b1f24">{}</text>"##,
        escape(series_label)
    );
    if let Some(label) = comparison_label {
        let _ = write!(
            svg,
            r##"<rect x="260" y="488" width="14" height="14" fill="#9aa5b1" stroke="#4a5360"/><text x="280" y="500" fill="#1b1f24">{}</text>"##,
            escape(label)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_radar_has_one_labelled_axis_per_section_and_escapes_labels() {
        let axes = vec![
            RadarAxis {
                label: "P1 <Emploi>".into(),
                value: Some(100.0),
                comparison: Some(50.0),
            },
            RadarAxis {
                label: "P2".into(),
                value: None,
                comparison: None,
            },
            RadarAxis {
                label: "S".into(),
                value: Some(0.0),
                comparison: None,
            },
        ];
        let svg = radar("Scores & gaps", &axes, "2024", Some("2023"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("P1 &lt;Emploi&gt;") && svg.contains("Scores &amp; gaps"));
        assert_eq!(svg.matches("<line").count(), 3);
        assert!(
            svg.contains("stroke-dasharray=\"6 4\""),
            "the comparison is drawn"
        );
        // A full score reaches the outer ring: the top vertex at radius 170.
        assert!(svg.contains("cx=\"260.0\" cy=\"90.0\""), "{svg}");
        assert!(!svg.contains("style="), "no inline styles under the CSP");
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
}
