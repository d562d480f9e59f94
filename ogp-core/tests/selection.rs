//! The selection engine on the design's format sample (`tests/fixtures/format-sample.json`,
//! call `zz-call-2026`), every number worked out by hand, and on variants of it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use ogp_core::selection::{self, ExclusionReason, FailReason, ReasonCode, Separation, TieValue};
use ogp_core::{Dataset, Error, Score};

const EPS: f64 = 1e-9;

fn sample() -> Dataset {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/format-sample.json");
    Dataset::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < EPS)
}

fn score(candidate: &str, evaluator: &str, criterion: &str, value: f64) -> Score {
    serde_json::from_value(serde_json::json!({
        "candidate": candidate, "evaluator": evaluator, "criterion": criterion, "score": value
    }))
    .unwrap()
}

/// The grid `zz-grid`: experience 0–10 (weight 40, minimum 3), plan-quality 0–10 (weight 40),
/// diversity 0–3 (weight 20); pass mark 50; mean. The call: 1 seat, at most 1
/// disability-focused member, tie_break experience then lottery, seed 2026. The committee
/// allows 2 consecutive terms.
///
/// cand-access (judge-1 and judge-2, no conflict):
///   experience   (7 + 8) / 2 = 7.5  → 7.5 / 10 × 100 = 75
///   plan-quality (6 + 7) / 2 = 6.5  → 65
///   diversity    (2 + 2) / 2 = 2    → 2 / 3 × 100 = 66.667
///   total (40×75 + 40×65 + 20×66.667) / 100 = (3000 + 2600 + 1333.333) / 100 = 69.333
///   7.5 ≥ 3 and 69.333 ≥ 50: ranked 1st, seat 1.
/// cand-youth: 2 prior terms ≥ 2 allowed → not eligible (term limit); its three scores
///   (judge-1 only: judge-2 has a conflict with it and gave none) are excluded as
///   `candidate_ineligible`.
#[test]
fn the_format_sample_call() {
    let ds = sample();
    let r = selection::run(&ds.check().unwrap(), "zz-call-2026").unwrap();
    assert_eq!(
        (r.call.as_str(), r.grid.as_str(), r.grid_version.as_str()),
        ("zz-call-2026", "zz-grid", "1")
    );
    assert_eq!(
        (r.seats, r.seed, r.max_consecutive_terms),
        (1, Some(2026), Some(2))
    );
    assert_eq!(r.tie_break, ["experience", "lottery"]);
    let weights: Vec<f64> = r.criteria.iter().map(|c| c.normalised_weight).collect();
    assert_eq!(weights, [0.4, 0.4, 0.2]);

    let a = &r.candidates[0];
    assert_eq!(a.id, "cand-access");
    assert_eq!(a.organization, "assoc-access");
    assert!(a.eligible);
    let combined: Vec<Option<f64>> = a.criteria.iter().map(|c| c.combined).collect();
    assert_eq!(combined, [Some(7.5), Some(6.5), Some(2.0)]);
    assert_eq!(a.criteria[0].normalised, Some(75.0));
    assert_eq!(a.criteria[1].normalised, Some(65.0));
    assert!(close(a.criteria[2].normalised, 200.0 / 3.0));
    assert!(close(a.total, 69.0 + 1.0 / 3.0));
    assert_eq!(
        a.derivation.as_deref(),
        Some("Σ w·norm / Σ w = (40×75 + 40×65 + 20×66.667) / 100 = 69.333")
    );
    assert_eq!((a.rank, a.seat, a.selected), (Some(1), Some(1), true));
    assert_eq!(a.reason, None);
    assert!(a.criteria[0].scores.iter().all(|s| s.counted));

    let y = &r.candidates[1];
    assert_eq!(y.id, "cand-youth");
    assert!(!y.eligible);
    assert_eq!(y.failed_requirements.len(), 1);
    assert_eq!(y.failed_requirements[0].reason, FailReason::TermLimit);
    assert_eq!(
        y.reason.as_ref().unwrap().message,
        "not eligible: term limit: 2 prior terms and the committee allows at most 2 \
         consecutive terms"
    );
    assert_eq!((y.total, y.rank, y.selected), (None, None, false));
    assert_eq!(r.excluded_scores.len(), 3);
    assert!(r.excluded_scores.iter().all(|x| x.candidate == "cand-youth"
        && x.evaluator == "judge-1"
        && x.reason == ExclusionReason::CandidateIneligible));

    assert_eq!(r.selected, ["cand-access"]);
    let q = &r.quotas[0];
    assert_eq!(
        (q.feature.as_str(), q.value.as_str()),
        ("focus", "disability")
    );
    assert_eq!((q.count, q.met), (1, true));
    assert!(r.ties.is_empty());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.fingerprint.len(), 64);
    assert!(r.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
}

/// With 3 consecutive terms allowed, cand-youth is eligible. judge-2 scores it too, but has a
/// conflict of interest with it, so only judge-1 counts:
///   experience 9 → 90 (judge-2's 2 excluded); plan-quality 8 → 80; diversity 1 → 33.333
///   total (40×90 + 40×80 + 20×33.333) / 100 = (3600 + 3200 + 666.667) / 100 = 74.667
/// It ranks above cand-access (69.333) and takes the one seat.
#[test]
fn conflicts_count_when_the_term_limit_allows_the_youth_forum() {
    let mut ds = sample();
    ds.committees[0].max_consecutive_terms = Some(3);
    ds.calls[0]
        .scores
        .push(score("cand-youth", "judge-2", "experience", 2.0));
    let r = selection::run(&ds.check().unwrap(), "zz-call-2026").unwrap();
    let y = r.candidate("cand-youth").unwrap();
    assert!(y.eligible);
    assert_eq!(y.criteria[0].combined, Some(9.0));
    let j2 = &y.criteria[0].scores[1];
    assert_eq!((j2.evaluator.as_str(), j2.counted), ("judge-2", false));
    assert_eq!(j2.excluded, Some(ExclusionReason::ConflictOfInterest));
    assert!(close(y.criteria[2].normalised, 100.0 / 3.0));
    assert!(close(y.total, 74.0 + 2.0 / 3.0));
    assert_eq!(r.selected, ["cand-youth"]);
    let a = r.candidate("cand-access").unwrap();
    assert_eq!(a.rank, Some(2));
    assert_eq!(a.separated_by, Some(Separation::Total));
    assert_eq!(a.reason.as_ref().unwrap().code, ReasonCode::BelowLastSeat);
    assert_eq!(r.excluded_scores.len(), 1);
    assert_eq!(
        r.excluded_scores[0].reason,
        ExclusionReason::ConflictOfInterest
    );
    // The data changed, and so did the fingerprint.
    let before = selection::run(&sample().check().unwrap(), "zz-call-2026").unwrap();
    assert_ne!(r.fingerprint, before.fingerprint);
}

/// cand-youth scored experience 8 → 80, plan-quality 6 → 60, diversity 2 → 66.667:
///   total (3200 + 2400 + 1333.333) / 100 = 69.333, the same as cand-access.
/// The first tie-break, experience, separates them: 8 > 7.5.
#[test]
fn a_tie_on_the_sample_is_broken_by_experience() {
    let mut ds = sample();
    ds.committees[0].max_consecutive_terms = None;
    let call = &mut ds.calls[0];
    call.scores.retain(|s| s.candidate.as_str() != "cand-youth");
    call.scores.extend([
        score("cand-youth", "judge-1", "experience", 8.0),
        score("cand-youth", "judge-1", "plan-quality", 6.0),
        score("cand-youth", "judge-1", "diversity", 2.0),
    ]);
    let r = selection::run(&ds.check().unwrap(), "zz-call-2026").unwrap();
    assert_eq!(r.candidates[0].total, r.candidates[1].total);
    assert_eq!(r.selected, ["cand-youth"]);
    let a = r.candidate("cand-access").unwrap();
    assert_eq!(
        a.separated_by,
        Some(Separation::Criterion {
            criterion: "experience".into()
        })
    );
    let t = &r.ties[0];
    assert_eq!(t.candidates, ["cand-youth", "cand-access"]);
    assert_eq!(t.steps.len(), 1);
    assert_eq!(t.steps[0].values["cand-access"], TieValue::Score(7.5));
    assert_eq!(t.steps[0].values["cand-youth"], TieValue::Score(8.0));
}

#[test]
fn the_only_call_can_be_left_out_and_verify_reruns_the_audit() {
    let ds = sample();
    assert_eq!(ds.call_or_only(None).unwrap().id.as_str(), "zz-call-2026");
    let r = selection::run(&ds.check().unwrap(), "zz-call-2026").unwrap();
    let audit = serde_json::to_string_pretty(&r).unwrap();
    assert!(
        selection::verify(&ds.check().unwrap(), &audit)
            .unwrap()
            .is_empty()
    );

    // A published audit that claims cand-youth was selected.
    let tampered = audit.replacen("\"cand-access\"\n  ]", "\"cand-youth\"\n  ]", 1);
    assert_ne!(tampered, audit);
    let diffs = selection::verify(&ds.check().unwrap(), &tampered).unwrap();
    assert_eq!(
        diffs,
        ["/selected/0: published \"cand-youth\", recomputed \"cand-access\""]
    );

    // Against other data: the fingerprint says so first.
    let mut other = sample();
    other.calls[0].scores[0].score = 9.0;
    let diffs = selection::verify(&other.check().unwrap(), &audit).unwrap();
    assert!(diffs[0].starts_with("/fingerprint:"), "{diffs:?}");
    assert!(
        diffs
            .iter()
            .any(|d| d.starts_with("/candidates/0/criteria/0/combined: published 7.5")),
        "{diffs:?}"
    );

    match selection::run(&ds.check().unwrap(), "zz-call-2099") {
        Err(Error::NotFound { available, .. }) => assert_eq!(available, ["zz-call-2026"]),
        other => panic!("{other:?}"),
    }
}
