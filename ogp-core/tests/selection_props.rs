//! Properties of the selection engine on generated calls: totals lie in 0–100, the result does
//! not depend on the order of candidates, evaluators and scores, a result's own JSON verifies
//! with no difference, and never more candidates are selected than there are seats, nor more
//! than a quota's max; a reserved quota minimum is met unless the selection stopped at a tie.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogp_core::Dataset;
use ogp_core::selection::{self, ReasonCode, SelectionResult};
use proptest::prelude::*;
use serde_json::{Value, json};

const SCALES: [(f64, f64); 3] = [(0.0, 10.0), (0.0, 3.0), (1.0, 5.0)];
const AGGREGATIONS: [&str; 4] = ["mean", "median", "trimmed_mean", "consensus"];
const REGIONS: [&str; 3] = ["N", "S", "E"];
const FOCUS: [&str; 2] = ["disability", "youth"];

#[derive(Debug, Clone)]
struct CriterionSpec {
    scale: usize,
    weight: u8,
    min_score: Option<u8>,
}

#[derive(Debug, Clone)]
struct CandidateSpec {
    region: usize,
    focus: usize,
    registered: Option<bool>,
    prior_terms: Option<u8>,
}

#[derive(Debug, Clone)]
struct CallSpec {
    criteria: Vec<CriterionSpec>,
    aggregation: usize,
    pass_mark: Option<u8>,
    candidates: Vec<CandidateSpec>,
    /// Per evaluator: a conflict with the candidate of this index, if any.
    evaluators: Vec<Option<usize>>,
    /// Per (candidate, evaluator, criterion): `None` no score, else a step on the scale
    /// (0–4, a quarter of the scale each, so that ties are frequent).
    scores: Vec<Option<u8>>,
    seats: u8,
    /// (feature: region or focus, value index, min, extra to max).
    quotas: Vec<(bool, usize, u8, u8)>,
    tie_break: Vec<usize>,
    lottery: bool,
    seed: Option<u64>,
    max_terms: Option<u8>,
    /// How the permuted copy is rotated.
    rotation: usize,
}

fn criterion() -> impl Strategy<Value = CriterionSpec> {
    (0..SCALES.len(), 1u8..=5, prop::option::of(0u8..=2)).prop_map(|(scale, weight, min_score)| {
        CriterionSpec {
            scale,
            weight,
            min_score,
        }
    })
}

fn candidate() -> impl Strategy<Value = CandidateSpec> {
    (
        0..REGIONS.len(),
        0..FOCUS.len(),
        prop::option::weighted(0.9, prop::bool::weighted(0.9)),
        prop::option::of(0u8..=3),
    )
        .prop_map(|(region, focus, registered, prior_terms)| CandidateSpec {
            region,
            focus,
            registered,
            prior_terms,
        })
}

fn call() -> impl Strategy<Value = CallSpec> {
    (
        prop::collection::vec(criterion(), 1..=3),
        prop::collection::vec(candidate(), 1..=8),
        1usize..=3,
    )
        .prop_flat_map(|(criteria, candidates, evaluators)| {
            let nc = candidates.len();
            let slots = nc * evaluators * criteria.len();
            (
                Just(criteria.clone()),
                0..AGGREGATIONS.len(),
                prop::option::of(0u8..=60),
                Just(candidates),
                prop::collection::vec(prop::option::weighted(0.2, 0..nc), evaluators),
                prop::collection::vec(prop::option::weighted(0.9, 0u8..=4), slots),
                0u8..=4,
                prop::collection::vec((any::<bool>(), 0usize..3, 0u8..=2, 0u8..=2), 0..=2),
                Just((0..criteria.len()).collect::<Vec<_>>()).prop_shuffle(),
                (any::<bool>(), prop::option::of(0u64..1000)),
                prop::option::of(1u8..=3),
                0usize..16,
            )
        })
        .prop_map(
            |(
                criteria,
                aggregation,
                pass_mark,
                candidates,
                evaluators,
                scores,
                seats,
                quotas,
                tie_break,
                (lottery, seed),
                max_terms,
                rotation,
            )| CallSpec {
                criteria,
                aggregation,
                pass_mark,
                candidates,
                evaluators,
                scores,
                seats,
                quotas,
                tie_break,
                lottery,
                seed,
                max_terms,
                rotation,
            },
        )
}

/// The dataset of a spec; `permute` reverses and rotates the candidates, evaluators and
/// scores (and each evaluator's conflicts).
fn dataset(s: &CallSpec, permute: bool) -> Dataset {
    let criteria: Vec<Value> = s
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (min, max) = SCALES[c.scale];
            let mut v = json!({"id": format!("k{i}"), "title": "K", "weight": c.weight,
                               "min": min, "max": max});
            if let Some(m) = c.min_score {
                v["min_score"] = json!(min + (max - min) * f64::from(m) / 4.0);
            }
            v
        })
        .collect();
    let mut grid = json!({"id": "g", "title": "Grid", "version": "1", "status": "approved",
                          "criteria": criteria,
                          "requirements": [{"id": "registered", "title": "Registered"}],
                          "aggregation": AGGREGATIONS[s.aggregation]});
    if let Some(p) = s.pass_mark {
        grid["pass_mark"] = json!(p);
    }
    let mut candidates: Vec<Value> = s
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = json!({"id": format!("c{i}"), "organization": "org",
                               "features": {"region": REGIONS[c.region], "focus": FOCUS[c.focus]}});
            if let Some(r) = c.registered {
                v["eligibility"] = json!({"registered": r});
            }
            if let Some(p) = c.prior_terms {
                v["prior_terms"] = json!(p);
            }
            v
        })
        .collect();
    let mut evaluators: Vec<Value> = s
        .evaluators
        .iter()
        .enumerate()
        .map(|(e, conflict)| {
            let mut conflicts: Vec<String> = conflict.iter().map(|c| format!("c{c}")).collect();
            if permute {
                conflicts.reverse();
            }
            json!({"id": format!("e{e}"), "conflicts": conflicts})
        })
        .collect();
    let ne = s.evaluators.len();
    let nk = s.criteria.len();
    let mut scores = Vec::new();
    for (slot, step) in s.scores.iter().enumerate() {
        let Some(step) = step else { continue };
        let (c, rest) = (slot / (ne * nk), slot % (ne * nk));
        let (e, k) = (rest / nk, rest % nk);
        let (min, max) = SCALES[s.criteria[k].scale];
        scores.push(
            json!({"candidate": format!("c{c}"), "evaluator": format!("e{e}"),
                           "criterion": format!("k{k}"),
                           "score": min + (max - min) * f64::from(*step) / 4.0}),
        );
    }
    if permute {
        for list in [&mut candidates, &mut evaluators, &mut scores] {
            list.reverse();
            let n = list.len().max(1);
            list.rotate_left(s.rotation % n);
        }
    }
    let mut tie_break: Vec<String> = s.tie_break.iter().map(|k| format!("k{k}")).collect();
    if s.lottery {
        tie_break.push("lottery".into());
    }
    let quotas: Vec<Value> = s
        .quotas
        .iter()
        .map(|(region, value, min, extra)| {
            let (feature, value) = if *region {
                ("region", REGIONS[*value % REGIONS.len()])
            } else {
                ("focus", FOCUS[*value % FOCUS.len()])
            };
            json!({"feature": feature, "value": value, "min": min, "max": min + extra})
        })
        .collect();
    let mut call = json!({"id": "call", "committee": "sc", "grid": "g", "title": "Call",
                          "seats": s.seats, "quotas": quotas, "candidates": candidates,
                          "evaluators": evaluators, "scores": scores, "tie_break": tie_break});
    if let Some(seed) = s.seed {
        call["seed"] = json!(seed);
    }
    let mut committee = json!({"id": "sc", "name": "Steering", "kind": "steering",
                               "seats": {"government": 5, "civil_society": 5}});
    if let Some(m) = s.max_terms {
        committee["max_consecutive_terms"] = json!(m);
    }
    let doc = json!({
        "schema_version": "1",
        "organizations": [{"id": "org", "name": "Org", "sector": "civil_society"}],
        "committees": [committee],
        "grids": [grid],
        "calls": [call]
    });
    let src = doc.to_string();
    Dataset::from_json(&src).unwrap_or_else(|e| panic!("{e}: {:?}\n{src}", e.problems()))
}

fn check(r: &SelectionResult, seats: u32) {
    for c in &r.candidates {
        if let Some(t) = c.total {
            assert!((0.0..=100.0).contains(&t), "{}: total {t}", c.id);
        }
        for k in &c.criteria {
            if let Some(n) = k.normalised {
                assert!((0.0..=100.0).contains(&n), "{}: {n}", c.id);
            }
        }
    }
    assert!(r.selected.len() as u32 <= seats);
    let flagged = r.candidates.iter().filter(|c| c.selected).count();
    assert_eq!(flagged, r.selected.len());
    let stopped = r.candidates.iter().any(|c| {
        c.reason
            .as_ref()
            .is_some_and(|x| x.code == ReasonCode::UnresolvedTie)
    });
    for q in &r.quotas {
        assert!(q.count <= q.max, "{q:?}");
        // A reserved minimum is always met, unless the walk stopped at a tie.
        assert!(!q.reserved || stopped || q.count >= q.min, "{q:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn selections_are_bounded_order_free_and_verifiable(spec in call()) {
        let ds = dataset(&spec, false);
        let r = selection::run(&ds.check().unwrap(), "call").unwrap();
        check(&r, u32::from(spec.seats));

        let permuted = dataset(&spec, true);
        let p = selection::run(&permuted.check().unwrap(), "call").unwrap();
        prop_assert_eq!(&r, &p);

        let audit = serde_json::to_string_pretty(&r).unwrap();
        prop_assert_eq!(selection::verify(&ds.check().unwrap(), &audit).unwrap(), Vec::<String>::new());
        prop_assert_eq!(selection::verify(&permuted.check().unwrap(), &audit).unwrap(), Vec::<String>::new());
    }
}
