//! `series`: times, in Rust, loading a dataset JSON and computing the monthly plan-level series
//! of every plan (`ogp_benches::world::series_of_every_plan`); prints one JSON line with the
//! seconds, for `benches/python/compare.py`.
//!
//! ```text
//! cargo run --release -p ogp-benches --bin series -- OUT/world.json
//! ```

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: series PATH.json");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("series: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Loading includes the one validation a face does before computing.
    let ds = match ogp_core::Dataset::from_json(&text).and_then(ogp_core::Checked::new) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("series: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let figures = ogp_benches::world::series_of_every_plan(&ds);
    let series = t1.elapsed().as_secs_f64();
    println!(
        "{{\"plans\": {}, \"figures\": {figures}, \"load_s\": {load}, \"series_s\": {series}}}",
        ds.plans.len()
    );
    ExitCode::SUCCESS
}
