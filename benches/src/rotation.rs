//! A rotation policy with a long history, for the rotation benchmark: the format sample's
//! committee given `members` more civil-society memberships (each its own association, with a
//! focus and a region) and its policy (`least_often`, cooldown, a cap per window, a balance
//! requirement, a seed) given `events` funded events a week apart, every one decided but the
//! last, deterministically.

use serde_json::{Value, json};

use crate::Lcg;

/// The dataset the rotation is built on.
const SAMPLE: &str = include_str!("../../tests/fixtures/format-sample.json");

/// The id of the last event, the one still to decide.
pub fn last_event(events: usize) -> String {
    format!("zz-ev-{}", events.saturating_sub(1))
}

/// The id of the generated policy.
pub const POLICY: &str = "zz-rotation";

const FOCUS: [&str; 4] = ["disability", "youth", "women", "environment"];

/// The sample's dataset with `members` pool members and `events` events of its policy.
pub fn history(members: usize, events: usize) -> ogp_core::Dataset {
    let mut rng = Lcg(1000);
    let mut ds: Value = serde_json::from_str(SAMPLE).unwrap_or(Value::Null);
    let orgs: Vec<Value> = (0..members).map(organization).collect();
    let memberships: Vec<Value> = (0..members).map(membership).collect();
    if let Some(list) = ds.get_mut("organizations").and_then(Value::as_array_mut) {
        list.extend(orgs);
    }
    // The sample's two civil-society memberships stay (its meetings name them): the pool is
    // theirs and the generated ones.
    if let Some(c) = ds.pointer_mut("/committees/0") {
        c["seats"]["civil_society"] = json!(members + 2);
        if let Some(list) = c.get_mut("memberships").and_then(Value::as_array_mut) {
            list.extend(memberships);
        }
    }
    ds["rotation_policies"] = json!([{
        "id": POLICY, "committee": "zz-steering", "pool": "civil_society", "rule": "least_often",
        "cooldown": 2, "max_per_window": {"count": 6, "months": 12},
        "balance": [{"feature": "focus", "value": "disability", "min": 1}], "seed": 7,
    }]);
    ds["events"] = Value::Array(
        (0..events)
            .map(|i| event(&mut rng, i, events, members))
            .collect(),
    );
    ogp_core::Dataset::from_json(&ds.to_string()).unwrap_or_default()
}

fn organization(i: usize) -> Value {
    json!({
        "id": format!("assoc-{i}"), "name": format!("Association {i}"),
        "sector": "civil_society", "kind": "association", "region": format!("ZZ-0{}", 1 + i % 4),
        "focus": [FOCUS.get(i % FOCUS.len()).copied().unwrap_or("youth")],
    })
}

fn membership(i: usize) -> Value {
    json!({
        "id": format!("zz-ms-{i}"), "organization": format!("assoc-{i}"),
        "sector": "civil_society", "role": "member", "start": "1999-01-01",
    })
}

/// Event `i`: a week after the one before from 2000-01-03, two seats; decided (two delegates,
/// sometimes one who declined) unless it is the last.
fn event(rng: &mut Lcg, i: usize, events: usize, members: usize) -> Value {
    let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 3)
        .and_then(|d| d.checked_add_days(chrono::Days::new(7 * i as u64)))
        .unwrap_or_default();
    let mut e = json!({
        "id": format!("zz-ev-{i}"), "title": format!("Meeting {i}"), "date": day.to_string(),
        "funded": true, "seats": 2, "policy": POLICY,
    });
    if i + 1 < events && members > 0 {
        let pick = |rng: &mut Lcg| format!("zz-ms-{}", rng.below(members as u64));
        let (a, b) = (pick(rng), pick(rng));
        e["delegates"] = if a == b { json!([a]) } else { json!([a, b]) };
        if rng.below(5) == 0 {
            e["declined"] = json!([pick(rng)]);
        }
    }
    e
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_rotation_is_valid_and_proposes() {
        let ds = super::history(40, 300);
        assert_eq!(ds.events.len(), 300);
        let errors: Vec<_> = ogp_core::validate(&ds).errors().cloned().collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let checked = ogp_core::Checked::new(ds).unwrap_or_else(|e| panic!("{e}"));
        let r = ogp_core::rotation::propose(&checked, &super::last_event(300));
        assert!(r.is_ok_and(|r| !r.proposed.is_empty()));
        assert!(ogp_core::rotation::history(&checked, super::POLICY).is_ok());
    }
}
