//! Properties of the progress engine on generated plans: every figure lies in 0–100, a series
//! equals pointwise computation, the figures-only table equals the full results, and raising an update's percent never lowers the plan figure.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Days, NaiveDate};
use ogp_core::progress::{
    Detail, Every, GroupBy, Level, Options, PlanProgress, groups, plan_progress, rows, series,
    series_of_plans, series_table,
};
use ogp_core::{Dataset, ProgressMethod, Schedule};
use proptest::prelude::*;
use serde_json::{Value, json};

const STATUSES: [&str; 6] = [
    "no_evidence",
    "not_started",
    "limited",
    "substantial",
    "complete",
    "withdrawn",
];
const VALUES: [&str; 3] = ["access_to_information", "civic_participation", "inclusion"];

fn origin() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()
}

fn day(offset: u32) -> NaiveDate {
    origin()
        .checked_add_days(Days::new(u64::from(offset)))
        .unwrap()
}

/// A date of the given precision (0 year, 1 month, 2 day) containing `day(offset)`.
fn plan_date(offset: u32, precision: u8) -> String {
    let d = day(offset);
    match precision {
        0 => d.format("%Y").to_string(),
        1 => d.format("%Y-%m").to_string(),
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

#[derive(Debug, Clone)]
struct UpdateSpec {
    offset: u32,
    precision: u8,
    kind: u8,
    percent: f64,
    status: usize,
    value: f64,
}

#[derive(Debug, Clone)]
struct MilestoneSpec {
    weight: f64,
    start: Option<(u32, u8)>,
    span: u32,
    due_precision: u8,
    indicator: Option<(f64, f64)>,
    updates: Vec<UpdateSpec>,
}

#[derive(Debug, Clone)]
struct CommitmentSpec {
    weight: f64,
    weighted_milestones: bool,
    start: (u32, u8),
    span: u32,
    theme: u8,
    values: Vec<usize>,
    milestones: Vec<MilestoneSpec>,
    updates: Vec<UpdateSpec>,
}

#[derive(Debug, Clone)]
struct PlanSpec {
    weighted: bool,
    commitments: Vec<CommitmentSpec>,
}

fn update_spec() -> impl Strategy<Value = UpdateSpec> {
    (
        0u32..1100,
        0u8..3,
        0u8..4,
        0.0f64..=100.0,
        0usize..6,
        -50.0f64..200.0,
    )
        .prop_map(
            |(offset, precision, kind, percent, status, value)| UpdateSpec {
                offset,
                precision,
                kind,
                percent,
                status,
                value,
            },
        )
}

fn milestone_spec() -> impl Strategy<Value = MilestoneSpec> {
    (
        0.1f64..10.0,
        proptest::option::of((0u32..700, 0u8..3)),
        0u32..500,
        0u8..3,
        proptest::option::of((0.0f64..100.0, prop_oneof![-100.0f64..-1.0, 1.0f64..100.0])),
        proptest::collection::vec(update_spec(), 0..=4),
    )
        .prop_map(
            |(weight, start, span, due_precision, indicator, updates)| MilestoneSpec {
                weight,
                start,
                span,
                due_precision,
                indicator,
                updates,
            },
        )
}

fn commitment_spec() -> impl Strategy<Value = CommitmentSpec> {
    (
        0.1f64..10.0,
        any::<bool>(),
        (0u32..700, 0u8..3),
        0u32..600,
        0u8..3,
        proptest::collection::vec(0usize..3, 0..=2),
        proptest::collection::vec(milestone_spec(), 0..=4),
        proptest::collection::vec(update_spec(), 0..=3),
    )
        .prop_map(
            |(weight, weighted_milestones, start, span, theme, values, milestones, updates)| {
                CommitmentSpec {
                    weight,
                    weighted_milestones,
                    start,
                    span,
                    theme,
                    values,
                    milestones,
                    updates,
                }
            },
        )
}

fn plan_spec() -> impl Strategy<Value = PlanSpec> {
    (
        any::<bool>(),
        proptest::collection::vec(commitment_spec(), 1..=5),
    )
        .prop_map(|(weighted, commitments)| PlanSpec {
            weighted,
            commitments,
        })
}

fn update_json(u: &UpdateSpec, indicator: bool) -> Value {
    let mut o = json!({"date": plan_date(u.offset, u.precision), "source": "committee"});
    let status = STATUSES[u.status];
    match u.kind {
        0 => o["percent"] = json!(u.percent),
        1 => o["status"] = json!(status),
        2 if indicator => o["value"] = json!(u.value),
        2 => o["percent"] = json!(u.percent),
        _ => {
            o["percent"] = json!(u.percent);
            o["status"] = json!(status);
        }
    }
    o
}

fn build(spec: &PlanSpec) -> Dataset {
    let commitments: Vec<Value> = spec
        .commitments
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let milestones: Vec<Value> = c
                .milestones
                .iter()
                .enumerate()
                .map(|(mi, m)| {
                    // A given start is never after the due date: due = start + span.
                    let from = m.start.map_or(c.start.0, |s| s.0);
                    let mut o = json!({
                        "id": format!("c{ci}-m{mi}"),
                        "title": "M",
                        "due": plan_date(from + m.span, m.due_precision),
                        "updates": m.updates.iter().map(|u| update_json(u, m.indicator.is_some())).collect::<Vec<_>>(),
                    });
                    if let Some((offset, precision)) = m.start {
                        o["start"] = json!(plan_date(offset, precision));
                    }
                    if c.weighted_milestones {
                        o["weight"] = json!(m.weight);
                    }
                    if let Some((baseline, delta)) = m.indicator {
                        o["indicator"] = json!({
                            "unit": "u", "baseline": baseline, "target": baseline + delta,
                            "higher_is_better": delta > 0.0,
                        });
                    }
                    o
                })
                .collect();
            let mut o = json!({
                "id": format!("c{ci}"),
                "title": "C",
                "lead": if ci % 2 == 0 { "a" } else { "b" },
                "start": plan_date(c.start.0, c.start.1),
                "end": plan_date(c.start.0 + c.span, 2),
                "values": c.values.iter().map(|v| VALUES[*v]).collect::<std::collections::BTreeSet<_>>(),
                "milestones": milestones,
                "updates": c.updates.iter().map(|u| update_json(u, false)).collect::<Vec<_>>(),
            });
            if c.theme > 0 {
                o["theme"] = json!(format!("t{}", c.theme));
            }
            if spec.weighted {
                o["weight"] = json!(c.weight);
            }
            o
        })
        .collect();
    let ds = json!({
        "schema_version": "1",
        "organizations": [
            {"id": "a", "name": "A", "sector": "government"},
            {"id": "b", "name": "B", "sector": "civil_society"}
        ],
        "plans": [{
            "id": "p", "country": "ZZ", "level": "national", "title": "P",
            "start": "2024-01", "end": "2025-12", "status": "implementation",
            "themes": [{"id": "t1", "title": "T1"}, {"id": "t2", "title": "T2"}],
            "reported": [{"as_of": "2024-12", "percent": 30}],
            "commitments": commitments
        }]
    });
    Dataset::from_json(&ds.to_string()).unwrap()
}

fn opts(method: usize, linear: bool) -> Options {
    Options {
        method: Some(
            [
                ProgressMethod::CommitmentMean,
                ProgressMethod::MilestoneMean,
                ProgressMethod::CompletionShare,
            ][method % 3],
        ),
        schedule: Some(if linear {
            Schedule::Linear
        } else {
            Schedule::Step
        }),
        ..Options::default()
    }
}

fn in_range(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

fn check_ranges(ds: &Dataset, p: &PlanProgress) {
    assert!(
        in_range(p.percent) && in_range(p.expected),
        "plan {} {}",
        p.percent,
        p.expected
    );
    for c in &p.commitments {
        assert!(
            in_range(c.percent) && in_range(c.expected),
            "{} {} {}",
            c.id,
            c.percent,
            c.expected
        );
        if let Some(w) = c.weight {
            assert!((0.0..=1.0).contains(&w));
        }
        for m in &c.milestones {
            assert!(
                in_range(m.percent) && in_range(m.expected),
                "{} {} {}",
                m.id,
                m.percent,
                m.expected
            );
        }
        for t in &c.derivation.terms {
            assert!(in_range(t.value) && in_range(t.expected));
        }
    }
    for by in [
        GroupBy::Theme,
        GroupBy::Lead,
        GroupBy::Value,
        GroupBy::PolicyArea,
    ] {
        for g in groups(ds, p, by) {
            assert!(
                in_range(g.percent) && in_range(g.expected),
                "{by} {:?}",
                g.key
            );
        }
    }
}

/// The places of the updates that give a percent: (commitment, milestone or none, update).
fn percent_updates(ds: &Dataset) -> Vec<(usize, Option<usize>, usize)> {
    let mut out = Vec::new();
    for (ci, c) in ds.plans[0].commitments.iter().enumerate() {
        for (ui, u) in c.updates.iter().enumerate() {
            if u.percent.is_some() {
                out.push((ci, None, ui));
            }
        }
        for (mi, m) in c.milestones.iter().enumerate() {
            for (ui, u) in m.updates.iter().enumerate() {
                if u.percent.is_some() {
                    out.push((ci, Some(mi), ui));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_lies_in_0_100(spec in plan_spec(), offset in 0u32..1300, method in 0usize..3, linear in any::<bool>()) {
        let ds = build(&spec);
        let p = plan_progress(&ds.check().unwrap(), "p", day(offset), &opts(method, linear)).unwrap();
        check_ranges(&ds, &p);
    }

    #[test]
    fn series_equals_pointwise(
        spec in plan_spec(),
        offsets in proptest::collection::vec(0u32..1300, 1..8),
        method in 0usize..3,
        linear in any::<bool>(),
    ) {
        let ds = build(&spec);
        let o = opts(method, linear);
        let dates: Vec<NaiveDate> = offsets.iter().map(|x| day(*x)).collect();
        let s = series(&ds.check().unwrap(), "p", &dates, &o).unwrap();
        prop_assert_eq!(s.len(), dates.len());
        for (d, r) in dates.iter().zip(&s) {
            prop_assert_eq!(r, &plan_progress(&ds.check().unwrap(), "p", *d, &o).unwrap());
        }
    }

    #[test]
    fn raising_an_update_never_lowers_the_plan_figure(
        spec in plan_spec(),
        offset in 0u32..1300,
        pick in any::<proptest::sample::Index>(),
        raise in 0.0f64..=1.0,
        linear in any::<bool>(),
    ) {
        let ds = build(&spec);
        let places = percent_updates(&ds);
        prop_assume!(!places.is_empty());
        let (ci, mi, ui) = places[pick.index(places.len())];
        let mut raised = ds.clone();
        let c = &mut raised.plans[0].commitments[ci];
        let u = match mi {
            None => &mut c.updates[ui],
            Some(mi) => &mut c.milestones[mi].updates[ui],
        };
        let before = u.percent.unwrap();
        u.percent = Some(before + (100.0 - before) * raise);
        for method in [0, 1] {
            let o = opts(method, linear);
            let old = plan_progress(&ds.check().unwrap(), "p", day(offset), &o).unwrap();
            let new = plan_progress(&raised.check().unwrap(), "p", day(offset), &o).unwrap();
            prop_assert!(new.percent >= old.percent, "{:?}: {} < {}", o.method, new.percent, old.percent);
            prop_assert_eq!(new.expected, old.expected);
        }
    }

    #[test]
    fn figures_only_equal_the_full_derivation(
        spec in plan_spec(),
        from in 0u32..1300,
        span in 0u32..900,
        method in 0usize..3,
        linear in any::<bool>(),
        quarter in any::<bool>(),
    ) {
        let checked = build(&spec).check().unwrap();
        let every = if quarter { Every::Quarter } else { Every::Month };
        let (from, to) = (Some(day(from)), Some(day(from + span)));
        let full = Options { detail: Detail::Full, ..opts(method, linear) };
        let results: Vec<PlanProgress> =
            series_of_plans(&checked, &[], every, from, to, &full).unwrap().into_iter().flatten().collect();
        for level in [Level::Plan, Level::Commitment, Level::Theme] {
            let figures = Options { detail: Detail::Figures, ..opts(method, linear) };
            let table = series_table(&checked, &[], every, from, to, level, &figures).unwrap();
            prop_assert_eq!(table.rows(&checked, "en"), rows(&checked, &results, level, "en"));
        }
    }
}
