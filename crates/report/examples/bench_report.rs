//! Times `render_pdf` on a realistic 200-indicator report.
//!
//! ```sh
//! cargo run --release -p gedhub-report --example bench_report [-- OUT_DIR]
//! ```
//!
//! With OUT_DIR, also writes `report-200.pdf` and `report-fr.pdf` there for a
//! visual check (e.g. `pdftoppm -png -r 60`).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

const RUNS: usize = 20;
const INDICATORS: usize = 200;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = common::large_report(INDICATORS);

    // The first call also builds the shared Typst engine (embedded fonts).
    let start = Instant::now();
    let pdf = gedhub_report::render_pdf(&report)?;
    let first = start.elapsed().as_secs_f64() * 1000.0;

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let bytes = gedhub_report::render_pdf(&report)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(bytes.starts_with(b"%PDF-"));
    }
    times.sort_by(f64::total_cmp);
    let median = if RUNS.is_multiple_of(2) {
        (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0
    } else {
        times[RUNS / 2]
    };
    println!(
        "{INDICATORS}-indicator report, {} bytes, {RUNS} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms (first call incl. engine setup: {first:.1} ms)",
        pdf.len(),
        times[0],
        median,
        times[RUNS - 1],
    );

    if let Some(dir) = std::env::args().nth(1) {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("report-200.pdf"), &pdf)?;
        std::fs::write(
            dir.join("report-fr.pdf"),
            gedhub_report::render_pdf(&common::french_fixture())?,
        )?;
        std::fs::write(
            dir.join("report-empty.pdf"),
            gedhub_report::render_pdf(&common::empty_report())?,
        )?;
        println!(
            "wrote report-200.pdf, report-fr.pdf and report-empty.pdf to {}",
            dir.display()
        );
    }
    Ok(())
}
