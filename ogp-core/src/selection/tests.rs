//! Unit tests of the selection rules, each with its numbers worked out by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::{Value, json};

use super::score::{combine, normalise};
use super::*;
use crate::{Code, Dataset, Severity, lottery};

/// The engine on a dataset checked here (the tests build plain datasets).
fn run(ds: &Dataset, call: &str) -> Result<SelectionResult, Error> {
    super::run(&ds.check()?, call)
}

/// The verification on a dataset checked here.
fn verify(ds: &Dataset, published: &str) -> Result<Vec<String>, Error> {
    super::verify(&ds.check()?, published)
}

const EPS: f64 = 1e-9;

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!((a - b).abs() < EPS, "{a} != {b}");
    }};
}

fn merge(base: &mut Value, extra: Value) {
    if let (Some(obj), Value::Object(more)) = (base.as_object_mut(), extra) {
        for (k, v) in more {
            obj.insert(k, v);
        }
    }
}

/// A dataset with a committee `sc` (at most 2 consecutive terms), one organization `org`, a
/// grid `g` (by default one criterion `c1` on 0–10, weight 1, mean) and a call `call` (one
/// seat, two evaluators `j1`, `j2`); `grid` and `call` are merged into them.
fn dataset(grid: Value, call: Value) -> Dataset {
    let mut g = json!({
        "id": "g", "title": "Grid", "version": "1", "status": "approved",
        "criteria": [{"id": "c1", "title": "C1", "weight": 1, "min": 0, "max": 10}]
    });
    merge(&mut g, grid);
    let mut c = json!({
        "id": "call", "committee": "sc", "grid": "g", "title": "Call", "seats": 1,
        "evaluators": [{"id": "j1"}, {"id": "j2"}]
    });
    merge(&mut c, call);
    let doc = json!({
        "schema_version": "1",
        "organizations": [{"id": "org", "name": "Org", "sector": "civil_society"}],
        "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
                        "seats": {"government": 5, "civil_society": 5},
                        "max_consecutive_terms": 2}],
        "grids": [g],
        "calls": [c]
    });
    let src = doc.to_string();
    match Dataset::from_json(&src) {
        Ok(ds) => ds,
        Err(e) => panic!("{e}: {:?}\n{src}", e.problems()),
    }
}

fn cand(id: &str) -> Value {
    json!({"id": id, "organization": "org"})
}

fn cand_with(id: &str, features: Value) -> Value {
    json!({"id": id, "organization": "org", "features": features})
}

fn sc(candidate: &str, evaluator: &str, criterion: &str, score: f64) -> Value {
    json!({"candidate": candidate, "evaluator": evaluator, "criterion": criterion, "score": score})
}

/// One score per candidate on `c1` by `j1`: `(id, score)`.
fn single(scores: &[(&str, f64)]) -> Vec<Value> {
    scores.iter().map(|(c, s)| sc(c, "j1", "c1", *s)).collect()
}

fn run_ok(ds: &Dataset) -> SelectionResult {
    match run(ds, "call") {
        Ok(r) => r,
        Err(e) => panic!("{e}: {:?}", e.problems()),
    }
}

fn order(r: &SelectionResult) -> Vec<&str> {
    r.candidates.iter().map(|c| c.id.as_str()).collect()
}

fn codes(r: &SelectionResult) -> Vec<(&str, Severity)> {
    r.problems
        .iter()
        .map(|p| (p.code.as_str(), p.severity))
        .collect()
}

fn reason(r: &SelectionResult, id: &str) -> Option<ReasonCode> {
    r.candidate(id).unwrap().reason.as_ref().map(|x| x.code)
}

// ---- Rule 3: combining, one aggregation at a time ----

#[test]
fn mean_of_three() {
    let (v, rule) = combine(Aggregation::Mean, &[6.0, 7.0, 9.0]).unwrap();
    assert_close!(v, 22.0 / 3.0); // (6 + 7 + 9) / 3 = 7.333
    assert_eq!(rule, "mean of 6, 7, 9 = 7.333");
}

#[test]
fn median_odd_and_even() {
    // Odd: the middle value.
    assert_eq!(
        combine(Aggregation::Median, &[5.0, 6.0, 9.0]).unwrap().0,
        6.0
    );
    // Even: the mean of the two middle values, (6 + 7) / 2.
    assert_eq!(
        combine(Aggregation::Median, &[4.0, 6.0, 7.0, 9.0])
            .unwrap()
            .0,
        6.5
    );
    assert_eq!(combine(Aggregation::Median, &[3.0, 8.0]).unwrap().0, 5.5);
    assert_eq!(combine(Aggregation::Median, &[4.0]).unwrap().0, 4.0);
}

#[test]
fn trimmed_mean_with_2_3_4_and_5_scores() {
    // 2 scores: fewer than 3, so the plain mean (6 + 7) / 2.
    let (v, rule) = combine(Aggregation::TrimmedMean, &[6.0, 7.0]).unwrap();
    assert_eq!(v, 6.5);
    assert!(rule.contains("fewer than 3"), "{rule}");
    // 3 scores: drop 1 and 9, keep 5.
    assert_eq!(
        combine(Aggregation::TrimmedMean, &[1.0, 5.0, 9.0])
            .unwrap()
            .0,
        5.0
    );
    // 4 scores: drop 2 and 10, (6 + 7) / 2 = 6.5 (the plain mean would be 6.25).
    let (v, rule) = combine(Aggregation::TrimmedMean, &[2.0, 6.0, 7.0, 10.0]).unwrap();
    assert_eq!(v, 6.5);
    assert_eq!(rule, "trimmed mean of 2, 6, 7, 10 (without 2 and 10) = 6.5");
    // 5 scores: drop 1 and 10, (2 + 6 + 7) / 3 = 5 (mean 5.2, median 6).
    assert_eq!(
        combine(Aggregation::TrimmedMean, &[1.0, 2.0, 6.0, 7.0, 10.0])
            .unwrap()
            .0,
        5.0
    );
}

#[test]
fn consensus_needs_equal_scores() {
    assert_eq!(
        combine(Aggregation::Consensus, &[7.0, 7.0, 7.0]).unwrap().0,
        7.0
    );
    assert_eq!(
        combine(Aggregation::Consensus, &[6.0, 7.0]).unwrap_err(),
        "no consensus: 6, 7"
    );
}

#[test]
fn no_consensus_makes_a_candidate_unrankable() {
    let ds = dataset(
        json!({"aggregation": "consensus"}),
        json!({"candidates": [cand("a"), cand("b")],
               "scores": [sc("a", "j1", "c1", 6.0), sc("a", "j2", "c1", 7.0),
                          sc("b", "j1", "c1", 5.0), sc("b", "j2", "c1", 5.0)]}),
    );
    let r = run_ok(&ds);
    assert_eq!(order(&r), ["b", "a"]);
    let a = r.candidate("a").unwrap();
    assert_eq!((a.total, a.rank), (None, None));
    assert_eq!(a.criteria[0].combined, None);
    assert_eq!(a.criteria[0].rule, "no consensus: 6, 7");
    assert_eq!(reason(&r, "a"), Some(ReasonCode::NoConsensus));
    assert_eq!(r.selected, ["b"]);
    assert_eq!(codes(&r), [("no-consensus", Severity::Error)]);
}

#[test]
fn each_aggregation_through_the_engine() {
    // a: 2, 4, 9 on 0–10. mean 5 → 50; median 4 → 40; trimmed mean 4 → 40.
    for (agg, expected) in [("mean", 50.0), ("median", 40.0), ("trimmed_mean", 40.0)] {
        let ds = dataset(
            json!({"aggregation": agg}),
            json!({"evaluators": [{"id": "j1"}, {"id": "j2"}, {"id": "j3"}],
                   "candidates": [cand("a")],
                   "scores": [sc("a", "j1", "c1", 2.0), sc("a", "j2", "c1", 4.0),
                              sc("a", "j3", "c1", 9.0)]}),
        );
        let r = run_ok(&ds);
        assert_eq!(r.aggregation, ds.grids[0].aggregation);
        assert_close!(r.candidates[0].total.unwrap(), expected);
    }
}

// ---- Rule 2: conflicts ----

#[test]
fn a_conflicted_score_is_never_counted() {
    // j2 has a conflict with a: a's c1 = j1's 4 alone → 40 (not (4 + 10) / 2 = 70).
    let ds = dataset(
        json!({}),
        json!({"evaluators": [{"id": "j1"}, {"id": "j2", "conflicts": ["a"]}],
               "candidates": [cand("a"), cand("b")],
               "scores": [sc("a", "j1", "c1", 4.0), sc("a", "j2", "c1", 10.0),
                          sc("b", "j1", "c1", 5.0), sc("b", "j2", "c1", 5.0)]}),
    );
    let r = run_ok(&ds);
    let a = r.candidate("a").unwrap();
    assert_eq!(a.criteria[0].combined, Some(4.0));
    assert_eq!(a.total, Some(40.0));
    let j2 = &a.criteria[0].scores[1];
    assert_eq!(j2.evaluator, "j2");
    assert!(!j2.counted);
    assert_eq!(j2.excluded, Some(ExclusionReason::ConflictOfInterest));
    assert_eq!(r.excluded_scores.len(), 1);
    let x = &r.excluded_scores[0];
    assert_eq!(
        (
            x.candidate.as_str(),
            x.evaluator.as_str(),
            x.score,
            x.reason
        ),
        ("a", "j2", 10.0, ExclusionReason::ConflictOfInterest)
    );
    // b (50) now ranks above a (40).
    assert_eq!(r.selected, ["b"]);
}

#[test]
fn only_conflicted_scores_leave_a_candidate_incomplete() {
    let ds = dataset(
        json!({}),
        json!({"evaluators": [{"id": "j1", "conflicts": ["a"]}, {"id": "j2"}],
               "candidates": [cand("a"), cand("b")],
               "scores": [sc("a", "j1", "c1", 9.0), sc("b", "j2", "c1", 5.0)]}),
    );
    let r = run_ok(&ds);
    assert_eq!(reason(&r, "a"), Some(ReasonCode::Incomplete));
    assert_eq!(
        r.candidate("a").unwrap().criteria[0].rule,
        "no counted score (every score excluded)"
    );
    assert_eq!(codes(&r), [("incomplete-scores", Severity::Error)]);
    assert!(
        r.problems[0]
            .message
            .contains("a has no counted score on \"c1\"")
    );
    assert_eq!(
        r.problems[0].location.pointer.as_deref(),
        Some("/calls/0/scores")
    );
}

#[test]
fn a_missing_criterion_score_is_incomplete() {
    let ds = dataset(
        json!({"criteria": [
            {"id": "c1", "title": "C1", "weight": 1, "min": 0, "max": 10},
            {"id": "c2", "title": "C2", "weight": 1, "min": 0, "max": 10}]}),
        json!({"candidates": [cand("a")], "scores": [sc("a", "j1", "c1", 5.0)]}),
    );
    let r = run_ok(&ds);
    let a = &r.candidates[0];
    assert_eq!(a.criteria[0].combined, Some(5.0));
    assert_eq!(a.criteria[1].combined, None);
    assert_eq!(a.criteria[1].rule, "no score given");
    assert_eq!(a.total, None);
    assert_eq!(reason(&r, "a"), Some(ReasonCode::Incomplete));
    assert_eq!(
        codes(&r),
        [
            ("incomplete-scores", Severity::Error),
            ("seats-unfilled", Severity::Warning)
        ]
    );
}

// ---- Rule 3: normalisation; rule 4: weights ----

#[test]
fn normalisation_over_the_scale() {
    let ds = dataset(
        json!({"criteria": [{"id": "d", "title": "D", "weight": 1, "min": 0, "max": 3},
                            {"id": "e", "title": "E", "weight": 1, "min": 1, "max": 5}]}),
        json!({}),
    );
    let (d, e) = (&ds.grids[0].criteria[0], &ds.grids[0].criteria[1]);
    assert_close!(normalise(d, 2.0), 200.0 / 3.0); // (2 − 0) / (3 − 0) × 100 = 66.667
    assert_eq!(normalise(d, 0.0), 0.0);
    assert_eq!(normalise(d, 3.0), 100.0);
    assert_eq!(normalise(e, 4.0), 75.0); // (4 − 1) / (5 − 1) × 100
    assert_eq!(normalise(e, 1.0), 0.0);
}

#[test]
fn total_is_the_weighted_mean_of_normalised_scores() {
    // c1 on 0–10 weight 3: 8 → 80; c2 on 0–3 weight 1: 1.2 → 40.
    // total = (3×80 + 1×40) / 4 = 70; normalised weights 0.75 and 0.25.
    let ds = dataset(
        json!({"criteria": [
            {"id": "c1", "title": "C1", "weight": 3, "min": 0, "max": 10},
            {"id": "c2", "title": "C2", "weight": 1, "min": 0, "max": 3}]}),
        json!({"candidates": [cand("a")],
               "scores": [sc("a", "j1", "c1", 8.0), sc("a", "j1", "c2", 1.0),
                          sc("a", "j2", "c2", 1.4)]}),
    );
    let r = run_ok(&ds);
    let a = &r.candidates[0];
    assert_close!(a.criteria[1].combined.unwrap(), 1.2);
    assert_close!(a.criteria[1].normalised.unwrap(), 40.0);
    assert_eq!(a.criteria[0].normalised_weight, 0.75);
    assert_eq!(a.criteria[1].normalised_weight, 0.25);
    assert_eq!(r.criteria[0].normalised_weight, 0.75);
    assert_close!(a.total.unwrap(), 70.0);
    assert_eq!(
        a.derivation.as_deref(),
        Some("Σ w·norm / Σ w = (3×80 + 1×40) / 4 = 70")
    );
    assert_eq!(r.selected, ["a"]);
}

// ---- Rule 5: thresholds ----

#[test]
fn min_score_eliminates_and_exactly_at_it_passes() {
    // min_score 5: a's 4.5 eliminates; b's exactly 5 passes; c's 8 passes.
    let ds = dataset(
        json!({"criteria": [{"id": "c1", "title": "C1", "weight": 1, "min": 0, "max": 10,
                             "min_score": 5}]}),
        json!({"seats": 3, "candidates": [cand("a"), cand("b"), cand("c")],
               "scores": [sc("a", "j1", "c1", 4.0), sc("a", "j2", "c1", 5.0),
                          sc("b", "j1", "c1", 5.0), sc("c", "j1", "c1", 8.0)]}),
    );
    let r = run_ok(&ds);
    let a = r.candidate("a").unwrap();
    assert!(a.criteria[0].below_min_score);
    assert_eq!(a.total, Some(45.0));
    assert_eq!(a.rank, None);
    assert_eq!(reason(&r, "a"), Some(ReasonCode::BelowMinScore));
    assert_eq!(
        a.reason.as_ref().unwrap().message,
        "eliminated: c1 4.5 is below its minimum 5"
    );
    assert!(!r.candidate("b").unwrap().criteria[0].below_min_score);
    assert_eq!(r.selected, ["c", "b"]);
    assert_eq!(order(&r), ["c", "b", "a"]);
    assert_eq!(codes(&r), [("seats-unfilled", Severity::Warning)]);
}

#[test]
fn pass_mark_eliminates_and_exactly_at_it_passes() {
    // pass mark 60: a 55 eliminated, b 60 passes.
    let ds = dataset(
        json!({"pass_mark": 60}),
        json!({"seats": 2, "candidates": [cand("a"), cand("b")],
               "scores": single(&[("a", 5.5), ("b", 6.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(reason(&r, "a"), Some(ReasonCode::BelowPassMark));
    assert_eq!(
        r.candidate("a").unwrap().reason.as_ref().unwrap().message,
        "eliminated: total 55 is below the pass mark 60"
    );
    assert_eq!(r.selected, ["b"]);
    assert_eq!(r.pass_mark, Some(60.0));
}

// ---- Rule 6: ranking and ties ----

#[test]
fn a_tie_broken_by_a_criterion() {
    // c1 and c2 on 0–10, equal weights. a: 8, 6 → 70; b: 6, 8 → 70; c: 9, 9 → 90.
    // a and b tie at 70; tie_break c1: a 8 > b 6.
    let ds = dataset(
        json!({"criteria": [
            {"id": "c1", "title": "C1", "weight": 1, "min": 0, "max": 10},
            {"id": "c2", "title": "C2", "weight": 1, "min": 0, "max": 10}]}),
        json!({"seats": 2, "tie_break": ["c2", "c1"],
               "candidates": [cand("b"), cand("c"), cand("a")],
               "scores": [sc("a", "j1", "c1", 8.0), sc("a", "j1", "c2", 6.0),
                          sc("b", "j1", "c1", 6.0), sc("b", "j1", "c2", 8.0),
                          sc("c", "j1", "c1", 9.0), sc("c", "j1", "c2", 9.0)]}),
    );
    let r = run_ok(&ds);
    // The first rule, c2, already separates them: b 8 > a 6.
    assert_eq!(order(&r), ["c", "b", "a"]);
    assert_eq!(r.selected, ["c", "b"]);
    assert_eq!(
        r.candidate("b").unwrap().separated_by,
        Some(Separation::Total)
    );
    assert_eq!(
        r.candidate("a").unwrap().separated_by,
        Some(Separation::Criterion {
            criterion: "c2".into()
        })
    );
    assert_eq!(r.candidate("a").unwrap().rank, Some(3));
    assert_eq!(reason(&r, "a"), Some(ReasonCode::BelowLastSeat));
    let t = &r.ties[0];
    assert_eq!(t.total, 70.0);
    assert_eq!(t.candidates, ["b", "a"]);
    assert!(t.resolved);
    assert_eq!(t.steps.len(), 1);
    assert_eq!(t.steps[0].rule, "c2");
    assert_eq!(t.steps[0].values["a"], TieValue::Score(6.0));
    assert_eq!(t.steps[0].values["b"], TieValue::Score(8.0));
    assert_eq!(t.steps[0].order, [vec!["b"], vec!["a"]]);
    assert!(r.problems.is_empty());
}

#[test]
fn a_tie_broken_by_the_lottery_follows_lottery_order() {
    // Four candidates all at 50; tie_break c1 (equal) then lottery with seed 7.
    let ids = ["a", "b", "c", "d"];
    let ds = dataset(
        json!({}),
        json!({"seats": 2, "tie_break": ["c1", "lottery"], "seed": 7,
               "candidates": ids.iter().map(|i| cand(i)).collect::<Vec<_>>(),
               "scores": single(&[("a", 5.0), ("b", 5.0), ("c", 5.0), ("d", 5.0)])}),
    );
    let r = run_ok(&ds);
    let drawn = lottery::order(7, "call", &ids);
    assert_eq!(order(&r), drawn);
    assert_eq!(r.selected, drawn[..2]);
    assert_eq!(r.seed, Some(7));
    let ranks: Vec<u32> = r.candidates.iter().map(|c| c.rank.unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3, 4]);
    for c in &r.candidates[1..] {
        assert_eq!(c.separated_by, Some(Separation::Lottery));
    }
    let t = &r.ties[0];
    assert!(t.resolved);
    assert_eq!(t.steps.len(), 2);
    assert_eq!(t.steps[0].rule, "c1");
    assert_eq!(t.steps[0].order, [vec!["a", "b", "c", "d"]]);
    assert_eq!(t.steps[1].rule, "lottery");
    let key = format!("{:016x}", lottery::key(7, "call", "a"));
    assert_eq!(t.steps[1].values["a"], TieValue::Key(key));
    assert!(r.problems.is_empty());
}

#[test]
fn an_unresolved_tie_across_the_last_seat_stops_the_selection() {
    // a and b tie at 80 for 1 seat, no tie_break: nobody is selected; c (60) is stopped.
    let ds = dataset(
        json!({}),
        json!({"candidates": [cand("a"), cand("b"), cand("c")],
               "scores": single(&[("a", 8.0), ("b", 8.0), ("c", 6.0)])}),
    );
    let r = run_ok(&ds);
    assert!(r.selected.is_empty());
    assert_eq!(order(&r), ["a", "b", "c"]);
    assert_eq!(r.candidate("a").unwrap().rank, Some(1));
    assert_eq!(r.candidate("b").unwrap().rank, Some(1));
    assert_eq!(
        r.candidate("b").unwrap().separated_by,
        Some(Separation::Tied)
    );
    assert_eq!(r.candidate("c").unwrap().rank, Some(3));
    assert_eq!(reason(&r, "a"), Some(ReasonCode::UnresolvedTie));
    assert_eq!(reason(&r, "b"), Some(ReasonCode::UnresolvedTie));
    assert_eq!(reason(&r, "c"), Some(ReasonCode::SelectionStopped));
    assert_eq!(codes(&r), [("unresolved-tie", Severity::Error)]);
    assert!(r.has_errors());
    assert_eq!(r.ties[0].unresolved, [vec!["a", "b"]]);
    assert!(!r.ties[0].resolved);
}

#[test]
fn an_unresolved_tie_inside_the_seats_is_a_warning() {
    // Two seats: a and b both fit.
    let ds = dataset(
        json!({}),
        json!({"seats": 2, "candidates": [cand("a"), cand("b"), cand("c")],
               "scores": single(&[("a", 8.0), ("b", 8.0), ("c", 6.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.selected, ["a", "b"]);
    assert_eq!(reason(&r, "c"), Some(ReasonCode::BelowLastSeat));
    assert_eq!(codes(&r), [("unresolved-tie", Severity::Warning)]);
}

#[test]
fn a_lottery_without_a_seed_is_an_error_not_a_random_choice() {
    let ds = dataset(
        json!({}),
        json!({"tie_break": ["lottery"], "candidates": [cand("a"), cand("b")],
               "scores": single(&[("a", 8.0), ("b", 8.0)])}),
    );
    let r = run_ok(&ds);
    assert!(r.selected.is_empty());
    assert_eq!(r.seed, None);
    assert_eq!(
        codes(&r),
        [
            ("unresolved-tie", Severity::Error),
            ("no-seed", Severity::Error)
        ]
    );
    assert_eq!(
        r.problems[1].location.pointer.as_deref(),
        Some("/calls/0/tie_break/0")
    );
    assert!(r.ties[0].steps[0].values.is_empty());
}

// ---- Rule 7: quotas ----

#[test]
fn a_quota_max_skips_a_candidate() {
    // At most 1 disability-focused: a (90, disability) in, b (80, disability) skipped, c in.
    let ds = dataset(
        json!({}),
        json!({"seats": 2,
               "quotas": [{"feature": "focus", "value": "disability", "min": 0, "max": 1}],
               "candidates": [cand_with("a", json!({"focus": "disability"})),
                              cand_with("b", json!({"focus": "disability"})),
                              cand_with("c", json!({"focus": "youth"}))],
               "scores": single(&[("a", 9.0), ("b", 8.0), ("c", 7.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.selected, ["a", "c"]);
    assert_eq!(reason(&r, "b"), Some(ReasonCode::QuotaMax));
    assert_eq!(
        r.candidate("b").unwrap().reason.as_ref().unwrap().message,
        "the quota focus=disability (at most 1) is already full"
    );
    assert_eq!(r.candidate("c").unwrap().seat, Some(2));
    let q = &r.quotas[0];
    assert_eq!((q.count, q.met, q.ranked), (1, true, 2));
    assert_eq!(q.selected, ["a"]);
    assert!(r.problems.is_empty());
}

#[test]
fn a_quota_min_reserves_a_seat() {
    // At least 1 disability-focused, 2 seats: a (90) in; b (80) would leave 1 seat and c
    // (70, disability) is needed: b skipped; c in.
    let ds = dataset(
        json!({}),
        json!({"seats": 2,
               "quotas": [{"feature": "focus", "value": "disability", "min": 1, "max": 2}],
               "candidates": [cand_with("a", json!({"focus": "youth"})),
                              cand_with("b", json!({"focus": "youth"})),
                              cand_with("c", json!({"focus": "disability"})),
                              cand_with("d", json!({"focus": "youth"}))],
               "scores": single(&[("a", 9.0), ("b", 8.0), ("c", 7.0), ("d", 6.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.selected, ["a", "c"]);
    assert_eq!(reason(&r, "b"), Some(ReasonCode::ReservedForQuota));
    assert_eq!(
        r.candidate("b").unwrap().reason.as_ref().unwrap().message,
        "selecting it would leave 0 seats for the minimums still to reach: \
         focus=disability (1 more)"
    );
    assert_eq!(reason(&r, "d"), Some(ReasonCode::BelowLastSeat));
    assert!(r.quotas[0].reserved && r.quotas[0].met);
    assert!(r.problems.is_empty());
}

#[test]
fn two_minimums_reserve_two_seats() {
    // 2 seats; at least 1 from region N and 1 from region S; a (90) is from neither, so
    // taking it would leave 1 seat for 2 minimums: skipped; n (80) and s (70) are selected.
    let ds = dataset(
        json!({}),
        json!({"seats": 2,
               "quotas": [{"feature": "region", "value": "N", "min": 1, "max": 2},
                          {"feature": "region", "value": "S", "min": 1, "max": 2}],
               "candidates": [cand_with("a", json!({"region": "E"})),
                              cand_with("n", json!({"region": "N"})),
                              cand_with("s", json!({"region": "S"}))],
               "scores": single(&[("a", 9.0), ("n", 8.0), ("s", 7.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.selected, ["n", "s"]);
    assert_eq!(reason(&r, "a"), Some(ReasonCode::ReservedForQuota));
    assert!(r.quotas.iter().all(|q| q.met));
}

#[test]
fn a_quota_that_cannot_be_met_is_reported() {
    // At least 1 disability-focused, and the only one (c) is ineligible.
    let ds = dataset(
        json!({"requirements": [{"id": "registered", "title": "Registered"}]}),
        json!({"seats": 2,
               "quotas": [{"feature": "focus", "value": "disability", "min": 1, "max": 2}],
               "candidates": [
                   {"id": "a", "organization": "org", "eligibility": {"registered": true}},
                   {"id": "b", "organization": "org", "eligibility": {"registered": true}},
                   {"id": "c", "organization": "org", "eligibility": {"registered": false},
                    "features": {"focus": "disability"}}],
               "scores": single(&[("a", 9.0), ("b", 8.0), ("c", 7.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.selected, ["a", "b"]);
    let q = &r.quotas[0];
    assert_eq!((q.count, q.met, q.reserved, q.ranked), (0, false, false, 0));
    assert_eq!(codes(&r), [("quota-unmet", Severity::Error)]);
    assert_eq!(
        r.problems[0].message,
        "focus=disability: 0 selected, at least 1 required (only 0 ranked candidates have it)"
    );
    assert_eq!(
        r.problems[0].location.pointer.as_deref(),
        Some("/calls/0/quotas/0")
    );
}

// ---- Rules 1 and 8: eligibility ----

#[test]
fn term_limit_makes_a_candidate_ineligible() {
    // The committee allows 2 consecutive terms: 2 prior terms is the limit, 1 is not.
    let ds = dataset(
        json!({}),
        json!({"seats": 2, "candidates": [
                   {"id": "a", "organization": "org", "prior_terms": 2},
                   {"id": "b", "organization": "org", "prior_terms": 1}],
               "scores": single(&[("a", 9.0), ("b", 5.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(r.max_consecutive_terms, Some(2));
    let a = r.candidate("a").unwrap();
    assert!(!a.eligible);
    assert_eq!(a.failed_requirements.len(), 1);
    assert_eq!(a.failed_requirements[0].reason, FailReason::TermLimit);
    assert_eq!(a.failed_requirements[0].requirement, None);
    assert!(a.criteria.is_empty());
    assert_eq!(reason(&r, "a"), Some(ReasonCode::Ineligible));
    assert_eq!(
        r.excluded_scores[0].reason,
        ExclusionReason::CandidateIneligible
    );
    assert_eq!(r.selected, ["b"]);
    assert_eq!(order(&r), ["b", "a"]);
}

#[test]
fn a_requirement_not_stated_counts_as_not_met() {
    let ds = dataset(
        json!({"requirements": [{"id": "registered", "title": "Registered"},
                                {"id": "report", "title": "Annual report"}]}),
        json!({"seats": 3, "candidates": [
                   {"id": "a", "organization": "org", "eligibility": {"registered": true}},
                   {"id": "b", "organization": "org",
                    "eligibility": {"registered": false, "report": true}},
                   {"id": "c", "organization": "org",
                    "eligibility": {"registered": true, "report": true}}],
               "scores": single(&[("a", 9.0), ("b", 8.0), ("c", 5.0)])}),
    );
    let r = run_ok(&ds);
    let a = r.candidate("a").unwrap();
    assert_eq!(a.failed_requirements.len(), 1);
    assert_eq!(
        a.failed_requirements[0].requirement.as_deref(),
        Some("report")
    );
    assert_eq!(a.failed_requirements[0].reason, FailReason::NotStated);
    let b = r.candidate("b").unwrap();
    assert_eq!(b.failed_requirements[0].reason, FailReason::NotMet);
    assert_eq!(
        b.reason.as_ref().unwrap().message,
        "not eligible: registered: not met"
    );
    assert_eq!(r.selected, ["c"]);
    assert_eq!(order(&r), ["c", "a", "b"]);
}

// ---- Refusals, problems, order, audit ----

#[test]
fn unknown_call_duplicate_scores_and_invalid_data_are_refused() {
    let ds = dataset(
        json!({}),
        json!({"candidates": [cand("a")], "scores": [sc("a", "j1", "c1", 5.0)]}),
    );
    match run(&ds, "nope") {
        Err(Error::NotFound {
            kind, available, ..
        }) => {
            assert_eq!(kind, "call");
            assert_eq!(available, ["call"]);
        }
        other => panic!("{other:?}"),
    }
    // Checking the dataset comes first: an invalid one is refused before any look-up.
    let ds = dataset(
        json!({}),
        json!({"candidates": [cand("a")],
               "scores": [sc("a", "j1", "c1", 5.0), sc("a", "j1", "c1", 6.0)]}),
    );
    assert!(matches!(run(&ds, "nope"), Err(Error::Invalid { .. })));
    let err = run(&ds, "call").unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.code, Code::DuplicateScore);
    assert_eq!(p.location.pointer.as_deref(), Some("/calls/0/scores/1"));
    // A score outside its scale: validation refuses the dataset.
    let ds = dataset(
        json!({}),
        json!({"candidates": [cand("a")], "scores": [sc("a", "j1", "c1", 11.0)]}),
    );
    assert!(matches!(run(&ds, "call"), Err(Error::Invalid { .. })));
}

#[test]
fn a_draft_grid_is_a_warning() {
    let ds = dataset(
        json!({"status": "draft"}),
        json!({"candidates": [cand("a")], "scores": single(&[("a", 5.0)])}),
    );
    let r = run_ok(&ds);
    assert_eq!(codes(&r), [("draft-grid", Severity::Warning)]);
    assert!(!r.has_errors());
}

#[test]
fn the_order_of_candidates_and_scores_does_not_matter() {
    let cands = vec![
        cand_with("a", json!({"region": "N"})),
        cand_with("b", json!({"region": "S"})),
        cand_with("c", json!({"region": "N"})),
    ];
    let scores = vec![
        sc("a", "j1", "c1", 7.0),
        sc("a", "j2", "c1", 8.0),
        sc("b", "j1", "c1", 9.0),
        sc("c", "j2", "c1", 7.0),
        sc("c", "j1", "c1", 7.2),
    ];
    let quotas = json!([{"feature": "region", "value": "N", "min": 1, "max": 1}]);
    let one = dataset(
        json!({}),
        json!({"seats": 3, "quotas": quotas, "candidates": cands, "scores": scores}),
    );
    let mut rc = cands.clone();
    rc.reverse();
    let mut rs = scores.clone();
    rs.reverse();
    let two = dataset(
        json!({}),
        json!({"seats": 3, "quotas": quotas, "candidates": rc, "scores": rs}),
    );
    let (r1, r2) = (run_ok(&one), run_ok(&two));
    assert_eq!(r1, r2);
    assert_eq!(r1.selected, ["b", "a"]);
    assert_eq!(reason(&r1, "c"), Some(ReasonCode::QuotaMax));
}

#[test]
fn verify_names_each_difference() {
    let ds = dataset(
        json!({}),
        json!({"seats": 1, "candidates": [cand("a"), cand("b")],
               "scores": single(&[("a", 9.0), ("b", 5.0)])}),
    );
    let r = run_ok(&ds);
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(verify(&ds, &text).unwrap(), Vec::<String>::new());
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["candidates"][0]["total"] = json!(95);
    v["fingerprint"] = json!("0000000000000000");
    let diffs = verify(&ds, &v.to_string()).unwrap();
    assert_eq!(diffs.len(), 2, "{diffs:?}");
    assert!(diffs[0].starts_with("/fingerprint: published \"0000000000000000\""));
    assert_eq!(diffs[1], "/candidates/0/total: published 95, recomputed 90");
    assert!(matches!(verify(&ds, "not json"), Err(Error::Argument(_))));
    assert!(matches!(verify(&ds, "{}"), Err(Error::Argument(_))));
}

#[test]
fn verify_refuses_a_forged_duplicate_key_and_a_fractional_seed() {
    let ds = dataset(
        json!({}),
        json!({"seats": 1, "seed": 20190115, "candidates": [cand("a"), cand("b")],
               "scores": single(&[("a", 9.0), ("b", 5.0)])}),
    );
    let text = serde_json::to_string_pretty(&run_ok(&ds)).unwrap();
    assert_eq!(verify(&ds, &text).unwrap(), Vec::<String>::new());
    // A forged total placed before the true one: a JSON reader keeps the last, so the
    // comparison alone would say "identical".
    let forged = text.replacen("\"total\": ", "\"total\": 99.9, \"total\": ", 1);
    assert_ne!(forged, text);
    match verify(&ds, &forged) {
        Err(Error::Argument(m)) => assert!(m.contains("is given twice"), "{m}"),
        other => panic!("{other:?}"),
    }
    // A seed rewritten with a fraction reads back as the true seed.
    let fractional = text.replacen("\"seed\": 20190115", "\"seed\": 20190115.0000000001", 1);
    assert_ne!(fractional, text);
    match verify(&ds, &fractional) {
        Err(Error::Argument(m)) => assert!(m.contains("not a whole number"), "{m}"),
        other => panic!("{other:?}"),
    }
}
