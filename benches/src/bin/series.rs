//! `series`: times, in Rust, loading a dataset JSON and computing the monthly plan-level series
//! of every plan, figures only (`ogp_benches::world::series_of_every_plan`) and with every
//! result built whole (`series_of_every_plan_full`); prints one JSON line with the seconds of
//! each phase, for `benches/python/compare.py`.
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
    let read = t0.elapsed().as_secs_f64();
    // Loading includes the one validation a face does before computing.
    let t1 = Instant::now();
    let parsed = ogp_core::Dataset::from_json(&text);
    let parse = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let ds = match parsed.and_then(ogp_core::Checked::new) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("series: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let check = t2.elapsed().as_secs_f64();
    let load = t0.elapsed().as_secs_f64();
    let t3 = Instant::now();
    let figures = ogp_benches::world::series_of_every_plan(&ds);
    let series = t3.elapsed().as_secs_f64();
    let t4 = Instant::now();
    let full = ogp_benches::world::series_of_every_plan_full(&ds);
    let series_full = t4.elapsed().as_secs_f64();
    if full != figures {
        eprintln!("series: {figures} figures from the sweep, {full} from the full results");
        return ExitCode::FAILURE;
    }
    println!(
        "{{\"plans\": {}, \"figures\": {figures}, \"read_s\": {read}, \"parse_s\": {parse}, \
         \"check_s\": {check}, \"load_s\": {load}, \"series_s\": {series}, \
         \"series_full_s\": {series_full}}}",
        ds.plans.len()
    );
    ExitCode::SUCCESS
}
