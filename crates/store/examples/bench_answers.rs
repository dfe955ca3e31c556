//! Benchmark for issue 3: saving one answer and recomputing the scores of a
//! 200-indicator instrument, as the answer API does, on an SQLite file (or on
//! PostgreSQL with GEDHUB_BENCH_DATABASE_URL).
//!
//! Run: `cargo run --release -p gedhub-store --example bench_answers`

use std::collections::HashMap;
use std::time::Instant;

use gedhub_core::AdministrationCode;
use gedhub_core::instrument::{Indicator, Instrument};
use gedhub_core::scoring::score;
use gedhub_store::assessments::AnswerInput;
use gedhub_store::instruments_shipped::shipped_instrument;
use gedhub_store::{Actor, Store};

/// The shipped instrument with every key element doubled in size: 196
/// indicators, plus one more key element to reach 200.
fn big_instrument() -> Instrument {
    let mut instrument = shipped_instrument().expect("the shipped instrument");
    instrument.code = "bench-200".to_owned();
    for section in &mut instrument.sections {
        for key in &mut section.key_elements {
            let extra: Vec<Indicator> = key
                .indicators
                .iter()
                .map(|i| Indicator {
                    code: format!("{}.b", i.code),
                    ..i.clone()
                })
                .collect();
            key.indicators.extend(extra);
        }
    }
    let mut count = instrument.indicator_count();
    let key = &mut instrument.sections[0].key_elements[0];
    let template = key.indicators[0].clone();
    while count < 200 {
        key.indicators.push(Indicator {
            code: format!("{}.x{count}", key.code),
            ..template.clone()
        });
        count += 1;
    }
    instrument
}

#[tokio::main]
async fn main() {
    let folder = std::env::temp_dir().join(format!("gedhub-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let url = std::env::var("GEDHUB_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", folder.join("bench.db").display()));
    let store = Store::connect(&url).await.expect("database");
    store.migrate().await.expect("migrations");
    store.seed_wco_members().await.expect("members");
    let actor = Actor::system("bench");
    let instrument = big_instrument();
    assert_eq!(instrument.indicator_count(), 200);
    store
        .import_instrument(&actor, &instrument)
        .await
        .expect("import");
    let benin = AdministrationCode::parse("BJ").expect("code");
    let assessment = store
        .create_assessment(&actor, &benin, "bench-200", "bench")
        .await
        .expect("assessment");
    let codes: Vec<String> = instrument
        .indicators()
        .map(|(_, _, i)| i.code.clone())
        .collect();
    // Answer everything once, so each measured save updates a full assessment.
    for (n, code) in codes.iter().enumerate() {
        let input = AnswerInput {
            rating: Some(u8::try_from(n % 6).unwrap_or(0)),
            not_applicable: false,
            justification: "Initial".to_owned(),
            evidence: String::new(),
        };
        store
            .save_answer(&actor, assessment.id, code, &input, None)
            .await
            .expect("save");
    }
    let runs = 500;
    let mut timings = Vec::with_capacity(runs);
    for run in 0..runs {
        let code = &codes[run % codes.len()];
        let input = AnswerInput {
            rating: Some(u8::try_from(run % 6).unwrap_or(0)),
            not_applicable: false,
            justification: format!("Run {run}"),
            evidence: String::new(),
        };
        let started = Instant::now();
        store
            .save_answer(&actor, assessment.id, code, &input, None)
            .await
            .expect("save");
        let frozen = store.instrument("bench-200").await.expect("instrument");
        let answers: HashMap<String, gedhub_core::scoring::Rating> = store
            .answers(assessment.id)
            .await
            .expect("answers")
            .into_iter()
            .filter_map(|a| a.as_rating().map(|r| (a.indicator_code.clone(), r)))
            .collect();
        let scores = score(&frozen, &answers);
        assert_eq!(scores.overall.rated, 200);
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    timings.sort_by(f64::total_cmp);
    let pick = |q: f64| timings[((timings.len() as f64 - 1.0) * q) as usize];
    println!(
        "save answer + recompute scores, 200 indicators, {runs} runs on {}: median {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        if url.starts_with("sqlite") {
            "SQLite"
        } else {
            "PostgreSQL"
        },
        pick(0.5),
        pick(0.95),
        pick(0.99),
        pick(1.0)
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(&folder);
}
