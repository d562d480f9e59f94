//! Criterion benchmarks at world scale (issue #9): each instrument beside its baseline in the
//! same run, since the machine is shared and only ratios within a run mean anything.
//!
//! - `world/load`: `Dataset::from_json` against `serde_json` parsing the same text into an
//!   untyped `Value` (target: ≤ 1.5×);
//! - `world/bundle`: `io::csv::from_files` against the `csv` crate reading every record of the
//!   same files into memory (target: ≤ 2×);
//! - `world/validate`;
//! - `world/series_of_every_plan`: the monthly plan-level series of every plan, through
//!   `ogp_benches::world::series_of_every_plan`;
//! - `scaling/series_of_every_plan/N`: the same at 25 to 800 plans (target: linear —
//!   twice the plans, twice the time);
//! - `selection/run/10000`: a call of 10,000 candidates, beside `validate` of the same dataset;
//! - `rotation/propose/1000` and `rotation/history/1000`: a policy of 40 members with 1,000
//!   events (999 decided), beside `validate` of the same dataset.
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ogp_benches::world::{Size, series_of_every_plan, series_of_every_plan_full, world};
use ogp_core::io::csv::{self as bundle, WriteOptions};
use ogp_core::{Dataset, validate};

/// The size of the single-size groups: 50 plans × 20 × 5 × 5 (25,000 updates).
const WORLD: Size = Size {
    plans: 50,
    commitments: 20,
    milestones: 5,
    updates: 5,
};

fn bench_load(c: &mut Criterion) {
    let ds = world(WORLD, 1);
    let text = ds.to_json();
    let mut g = c.benchmark_group("world/load");
    g.bench_function("serde_json_value_baseline", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).ok())
    });
    g.bench_function("from_json", |b| {
        b.iter(|| Dataset::from_json(black_box(&text)))
    });
    g.finish();
}

/// The baseline of a bundle load: every record of every `.csv` file, as the `csv` crate reads
/// it, in memory.
fn csv_records(files: &BTreeMap<String, Vec<u8>>) -> Vec<Vec<csv::StringRecord>> {
    files
        .iter()
        .filter(|(name, _)| name.ends_with(".csv"))
        .map(|(_, bytes)| {
            csv::Reader::from_reader(bytes.as_slice())
                .records()
                .filter_map(Result::ok)
                .collect()
        })
        .collect()
}

fn bench_bundle(c: &mut Criterion) {
    let files = bundle::to_files(&world(WORLD, 1), &WriteOptions::default());
    let mut g = c.benchmark_group("world/bundle");
    g.bench_function("csv_crate_baseline", |b| {
        b.iter(|| csv_records(black_box(&files)))
    });
    g.bench_function("from_files", |b| {
        b.iter(|| bundle::from_files(black_box(&files)))
    });
    g.finish();
}

fn bench_compute(c: &mut Criterion) {
    let ds = world(WORLD, 1);
    let mut g = c.benchmark_group("world");
    // One series of every plan takes seconds today: ten samples are enough to read a ratio.
    g.sample_size(10);
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&ds))));
    let Ok(checked) = ogp_core::Checked::new(ds) else {
        return;
    };
    g.bench_function("series_of_every_plan", |b| {
        b.iter(|| series_of_every_plan(black_box(&checked)))
    });
    // The same series with every result built whole: what the figures-only sweep saves.
    g.bench_function("series_of_every_plan_full", |b| {
        b.iter(|| series_of_every_plan_full(black_box(&checked)))
    });
    g.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for plans in [25, 50, 100, 200, 400, 800] {
        let Ok(ds) = ogp_core::Checked::new(world(Size { plans, ..WORLD }, 1)) else {
            continue;
        };
        g.bench_with_input(
            BenchmarkId::new("series_of_every_plan", plans),
            &ds,
            |b, ds| b.iter(|| series_of_every_plan(black_box(ds))),
        );
    }
    g.finish();
}

fn bench_selection(c: &mut Criterion) {
    let ds = ogp_benches::selection::call(10_000);
    let mut g = c.benchmark_group("selection");
    g.sample_size(10);
    g.bench_function("validate/10000", |b| b.iter(|| validate(black_box(&ds))));
    let Ok(checked) = ogp_core::Checked::new(ds) else {
        return;
    };
    g.bench_function("run/10000", |b| {
        b.iter(|| ogp_core::selection::run(black_box(&checked), ogp_benches::selection::CALL))
    });
    g.finish();
}

fn bench_rotation(c: &mut Criterion) {
    const EVENTS: usize = 1000;
    let ds = ogp_benches::rotation::history(40, EVENTS);
    let mut g = c.benchmark_group("rotation");
    g.bench_function("validate/1000", |b| b.iter(|| validate(black_box(&ds))));
    let Ok(checked) = ogp_core::Checked::new(ds) else {
        return;
    };
    let last = ogp_benches::rotation::last_event(EVENTS);
    g.bench_function("propose/1000", |b| {
        b.iter(|| ogp_core::rotation::propose(black_box(&checked), &last))
    });
    g.bench_function("history/1000", |b| {
        b.iter(|| ogp_core::rotation::history(black_box(&checked), ogp_benches::rotation::POLICY))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench_load, bench_bundle, bench_compute, bench_scaling, bench_selection, bench_rotation
}
criterion_main!(benches);
