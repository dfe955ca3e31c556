mod common;

use std::time::Instant;

use common::{
    FR_PROVISIONAL, FR_SECTIONS, TRICKY_EVIDENCE, TRICKY_JUSTIFICATION, TRICKY_LABEL, empty_report,
    french_fixture, large_report, pdftotext, squash,
};
use gedhub_report::render_pdf;

fn assert_pdf(pdf: &[u8], min_len: usize) {
    assert!(
        pdf.starts_with(b"%PDF-"),
        "not a PDF header: {:?}",
        &pdf[..pdf.len().min(8)]
    );
    assert!(
        pdf.len() >= min_len && pdf.len() < 20_000_000,
        "implausible PDF size: {} bytes",
        pdf.len()
    );
    let tail = &pdf[pdf.len().saturating_sub(64)..];
    assert!(
        tail.windows(5).any(|w| w == b"%%EOF"),
        "PDF does not end with %%EOF"
    );
}

/// Asserts that every needle occurs in the extracted text, ignoring
/// whitespace (table cells wrap lines).
fn assert_contains_all(text: &str, needles: &[&str]) {
    let hay = squash(text);
    let missing: Vec<&&str> = needles
        .iter()
        .filter(|n| !hay.contains(&squash(n)))
        .collect();
    assert!(
        missing.is_empty(),
        "missing from PDF text: {missing:?}\n--- text ---\n{text}"
    );
}

/// Checks that each page's footer reads "<word> i / n" and returns n, the
/// page count (pdftotext ends every page with a form feed).
fn assert_page_footers(text: &str, word: &str) -> usize {
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n >= 1, "no pages in extracted text");
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("{word}{}/{n}", i + 1);
        assert!(
            squash(page).contains(&footer),
            "page {} lacks footer {footer:?}",
            i + 1
        );
    }
    n
}

#[test]
fn french_report_with_special_characters_renders_verbatim() {
    let report = french_fixture();
    let pdf = render_pdf(&report).expect("French report renders");
    // Fonts are embedded (subset), so even a short report is well over 10 KB.
    assert_pdf(&pdf, 10_000);

    let Some(text) = pdftotext(&pdf) else {
        eprintln!(
            "NOTE: pdftotext not found (apt-get install poppler-utils); \
             checked only the PDF header and size, not the text content"
        );
        return;
    };
    let mut needles: Vec<&str> = FR_SECTIONS.iter().map(|(_, name)| *name).collect();
    needles.extend([
        "Bénin",
        // The title is set in capitals by the template.
        "DIAGNOSTIC ÉGALITÉ ET DIVERSITÉ",
        "Auto-évaluation « référence » 2026",
        "Auto-évaluation structurée GEOAT (gedhub-geoat-2023, 2023-12)",
        "3 mars 2026",
        "Soumise",
        "62 %",
        "Points forts",
        "Lacunes",
        "Réponses",
        "Évalués",
        "2 / 4",
        "Parité dans les jurys de recrutement",
        "l'été 2024",
        TRICKY_LABEL,
        TRICKY_JUSTIFICATION,
        TRICKY_EVIDENCE,
        "Généré par gedhub",
    ]);
    assert_contains_all(&text, &needles);
    assert_page_footers(&text, "Page");
    // Not validated: said under the title, and at the top of every page.
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty());
    for (number, page) in pages.enumerate() {
        assert!(
            squash(page).contains(&squash(FR_PROVISIONAL)),
            "page {} does not say the diagnostic is provisional",
            number + 1
        );
    }
    // The `#set page(fill: red)` inside the justification must be text, not code.
    assert!(
        squash(&text).contains("#setpage(fill:red)$x^2$"),
        "markup in user text was not printed verbatim"
    );
}

#[test]
fn empty_report_renders_with_none_notes() {
    let pdf = render_pdf(&empty_report()).expect("empty report renders");
    assert_pdf(&pdf, 5_000);
    if let Some(text) = pdftotext(&pdf) {
        assert_contains_all(&text, &["Nowhere", "Scores by section", "Page 1 / 1"]);
        assert_page_footers(&text, "Page");
        // One "None" each for section scores, strengths, gaps and answers.
        assert_eq!(text.matches("None").count(), 4, "{text}");
    } else {
        eprintln!("NOTE: pdftotext not found; checked only the PDF header and size");
    }
}

#[test]
fn blank_radar_and_missing_change_chart_are_skipped() {
    let mut report = french_fixture();
    report.radar_svg = "  \n".into();
    report.change_svg = None;
    let pdf = render_pdf(&report).expect("renders without charts");
    assert_pdf(&pdf, 10_000);
}

#[test]
fn large_report_with_200_indicators_renders() {
    let report = large_report(200);
    assert_eq!(report.answers.len(), 200);
    let start = Instant::now();
    let pdf = render_pdf(&report).expect("200-indicator report renders");
    let elapsed = start.elapsed();
    eprintln!(
        "200-indicator report: {} bytes in {:.0} ms (this build profile)",
        pdf.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    assert_pdf(&pdf, 50_000);
    if let Some(text) = pdftotext(&pdf) {
        let last = report.answers.last().expect("has answers");
        assert_contains_all(
            &text,
            &[
                "Republic of Examplia",
                "A.1",
                &last.code,
                "Monitoring and data",
            ],
        );
        let pages = assert_page_footers(&text, "Page");
        assert!(pages >= 10, "expected a long report, got {pages} pages");
    } else {
        eprintln!("NOTE: pdftotext not found; checked only the PDF header and size");
    }
}

#[test]
fn concurrent_renders_share_the_engine() {
    // The web layer renders from several blocking threads at once.
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let mut report = if i % 2 == 0 {
                    french_fixture()
                } else {
                    large_report(30)
                };
                report.administration = format!("Administration {i}");
                render_pdf(&report).expect("renders on a worker thread")
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        let pdf = handle.join().expect("thread did not panic");
        assert_pdf(&pdf, 10_000);
        if let Some(text) = pdftotext(&pdf) {
            assert_contains_all(&text, &[&format!("Administration {i}")]);
        }
    }
}

#[test]
fn report_round_trips_through_json() {
    let report = french_fixture();
    let json = serde_json::to_string(&report).expect("serialize");
    let back: gedhub_report::DiagnosticReport = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back.answers[0].justification, TRICKY_JUSTIFICATION);
    assert_eq!(back.change_svg, report.change_svg);
}
