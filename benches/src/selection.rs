//! A call for candidates of any size, for the selection benchmark: the grid, committee and
//! quotas of `examples/selection/dataset.json`, with `candidates` generated candidates (each its
//! own association, in one of the example's four regions and nine fields) scored by three
//! evaluators on every criterion, deterministically.

use serde_json::{Value, json};

use crate::Lcg;

/// The example the call is built from.
const EXAMPLE: &str = include_str!("../../examples/selection/dataset.json");

/// The id of the generated call.
pub const CALL: &str = "zz-call-2019";

const FIELDS: [&str; 9] = [
    "environment",
    "youth",
    "culture",
    "transparency",
    "women",
    "disability",
    "media",
    "rural",
    "open-data",
];

/// The example's dataset with its call given `candidates` candidates and 3 × 3 scores each.
pub fn call(candidates: usize) -> ogp_core::Dataset {
    let mut rng = Lcg(2019);
    let mut ds: Value = serde_json::from_str(EXAMPLE).unwrap_or(Value::Null);
    let mut orgs = Vec::with_capacity(candidates);
    let mut cands = Vec::with_capacity(candidates);
    let mut scores = Vec::with_capacity(candidates * 9);
    for i in 0..candidates {
        let (org, cand) = candidate(&mut rng, i);
        orgs.push(org);
        cands.push(cand);
        scores.extend(candidate_scores(&mut rng, i));
    }
    if let Some(list) = ds.get_mut("organizations").and_then(Value::as_array_mut) {
        list.retain(|o| o.get("sector").and_then(Value::as_str) != Some("civil_society"));
        list.extend(orgs);
    }
    if let Some(c) = ds.pointer_mut("/calls/0") {
        c["candidates"] = Value::Array(cands);
        c["scores"] = Value::Array(scores);
    }
    ogp_core::Dataset::from_json(&ds.to_string()).unwrap_or_default()
}

fn candidate(rng: &mut Lcg, i: usize) -> (Value, Value) {
    let region = format!("ZZ-0{}", 1 + rng.below(4));
    let focus = FIELDS
        .get(rng.below(9) as usize)
        .copied()
        .unwrap_or("youth");
    let org = json!({
        "id": format!("assoc-{i}"), "name": format!("Association {i}"),
        "sector": "civil_society", "kind": "association", "region": region, "focus": [focus],
    });
    let eligible = rng.below(10) != 0;
    let cand = json!({
        "id": format!("cand-{i:02}"), "organization": format!("assoc-{i}"),
        "features": {"focus": focus, "region": region},
        "eligibility": {"accounts": eligible, "registered": true},
        "prior_terms": rng.below(3),
    });
    (org, cand)
}

fn candidate_scores(rng: &mut Lcg, i: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(9);
    for judge in ["judge-1", "judge-2", "judge-3"] {
        for (criterion, max) in [("experience", 11), ("plan-quality", 11), ("diversity", 3)] {
            let score = rng.below(max) + u64::from(criterion == "diversity");
            out.push(json!({
                "candidate": format!("cand-{i:02}"), "evaluator": judge,
                "criterion": criterion, "score": score,
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_call_of_many_candidates_is_valid_and_selects() {
        let ds = super::call(200);
        let c = ds.calls.first().map_or(0, |c| c.candidates.len());
        assert_eq!(c, 200);
        let errors: Vec<_> = ogp_core::validate(&ds).errors().cloned().collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let checked = ogp_core::Checked::new(ds).unwrap_or_else(|e| panic!("{e}"));
        let r = ogp_core::selection::run(&checked, super::CALL);
        assert!(r.is_ok(), "{r:?}");
    }
}
