//! Computes the workforce statistics of a CSV extract and prints the JSON
//! report; the time spent reading and computing goes to stderr. For timing the
//! engine in release mode:
//!
//! ```text
//! cargo run --release -p gedhub-core --example workforce_report -- FILE.csv 2025 [--skip-invalid]
//! ```

use std::time::Instant;

use gedhub_core::workforce::{ReportOptions, report_from_csv};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: workforce_report FILE YEAR [--skip-invalid]")?;
    let year: i32 = args.next().ok_or("missing YEAR")?.parse()?;
    let mut options = ReportOptions::new(year);
    options.skip_invalid = args.any(|arg| arg == "--skip-invalid");
    let start = Instant::now();
    let bytes = std::fs::read(&path)?;
    let read = start.elapsed();
    let report = report_from_csv(&bytes, &options);
    let computed = start.elapsed();
    match report {
        Ok(report) => println!("{}", serde_json::to_string_pretty(&report)?),
        Err(error) => {
            eprintln!("{error}");
            if let gedhub_core::workforce::ExtractError::Rejected { problems, .. } = &error {
                for problem in problems.iter().take(20) {
                    eprintln!("  {}", serde_json::to_string(problem)?);
                }
            }
            std::process::exit(1);
        }
    }
    eprintln!(
        "read {:.1} ms, computed {:.1} ms, total {:.1} ms",
        read.as_secs_f64() * 1e3,
        (computed - read).as_secs_f64() * 1e3,
        computed.as_secs_f64() * 1e3
    );
    Ok(())
}
