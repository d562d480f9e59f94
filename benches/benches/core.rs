//! Criterion benchmarks of ogp-core. Read them as ratios within one run (the machine is shared):
//! `series` against the same dates computed one by one, `from_json` against `serde_json`
//! parsing the same text into an untyped tree.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ogp_core::progress::{self, Every, Options};
use ogp_core::{Dataset, validate};

fn month_ends() -> Vec<NaiveDate> {
    let from = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default();
    progress::dates(Every::Month, from, to)
}

fn bench_progress(c: &mut Criterion) {
    let dates = month_ends();
    let mut g = c.benchmark_group("progress");
    for &(commitments, milestones, updates) in &[(12, 4, 3), (100, 10, 8)] {
        // Checked once, as a face does after loading: the engines never validate again.
        let Ok(ds) = ogp_core::Checked::new(ogp_benches::plan(commitments, milestones, updates))
        else {
            continue;
        };
        let size = format!("{commitments}x{milestones}x{updates}");
        let day = NaiveDate::from_ymd_opt(2025, 3, 18).unwrap_or_default();
        g.bench_with_input(BenchmarkId::new("plan_progress", &size), &ds, |b, ds| {
            b.iter(|| progress::plan_progress(black_box(ds), "plan", day, &Options::default()))
        });
        g.bench_with_input(BenchmarkId::new("series_48_months", &size), &ds, |b, ds| {
            b.iter(|| progress::series(black_box(ds), "plan", &dates, &Options::default()))
        });
        g.bench_with_input(
            BenchmarkId::new("pointwise_48_months", &size),
            &ds,
            |b, ds| {
                b.iter(|| {
                    dates
                        .iter()
                        .map(|d| {
                            progress::plan_progress(black_box(ds), "plan", *d, &Options::default())
                        })
                        .collect::<Vec<_>>()
                })
            },
        );
    }
    g.finish();
}

fn bench_io(c: &mut Criterion) {
    let ds = ogp_benches::plan(100, 10, 8);
    let text = ds.to_json();
    let mut g = c.benchmark_group("io");
    g.bench_function("serde_json_value_baseline", |b| {
        b.iter(|| serde_json_value(black_box(&text)))
    });
    g.bench_function("from_json", |b| {
        b.iter(|| Dataset::from_json(black_box(&text)))
    });
    g.bench_function("to_json", |b| b.iter(|| black_box(&ds).to_json()));
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&ds))));
    g.finish();
}

/// The baseline: parsing the same text into an untyped tree, with no model at all.
fn serde_json_value(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
}

criterion_group!(benches, bench_progress, bench_io);
criterion_main!(benches);
