//! The rotation engine on the format sample and on the illustrative rotation example, worked
//! out by hand from the rules of `ogp_core::rotation`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use ogp_core::rotation::{ExclusionRule, MemberStatus, history, pending_event, propose};
use ogp_core::{Dataset, RotationRule, lottery};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn sample() -> Dataset {
    ogp_core::io::load(&repo().join("tests/fixtures/format-sample.json")).unwrap()
}

#[test]
fn zz_ev_2_proposes_the_youth_forum_while_access_sits_out_its_cooldown() {
    let ds = sample();
    let r = propose(&ds.check().unwrap(), "zz-ev-2").unwrap();
    assert_eq!(r.policy, "zz-rotation");
    assert_eq!(r.committee, "zz-steering");
    assert_eq!(r.rule, RotationRule::LeastRecent);
    assert_eq!((r.cooldown, r.seed, r.seats), (1, Some(7), 1));
    assert_eq!(r.date.to_string(), "2025-10-07");
    // The pool: the two civil-society memberships (eligible first, then the excluded).
    let ids: Vec<&str> = r.pool.iter().map(|m| m.membership.as_str()).collect();
    assert_eq!(ids, ["zz-ms-youth", "zz-ms-access"]);
    // zz-ms-youth: never served, the only eligible member, place 1.
    let youth = &r.pool[0];
    assert_eq!(youth.organization, "assoc-youth");
    assert_eq!((youth.times_served, youth.place), (0, Some(1)));
    assert_eq!(youth.status, MemberStatus::Proposed);
    assert!(youth.lottery_key.is_none(), "no tie, no draw");
    // zz-ms-access: served at zz-ev-1 (2024-11-05), the last decided event: cooldown 1.
    let access = &r.pool[1];
    assert_eq!(access.times_served, 1);
    assert_eq!(access.last_event.as_deref(), Some("zz-ev-1"));
    assert_eq!(access.last_served.unwrap().to_string(), "2024-11-05");
    assert_eq!(access.excluded.len(), 1);
    assert_eq!(access.excluded[0].rule, ExclusionRule::Cooldown);
    assert!(access.excluded[0].detail.contains("zz-ev-1"));
    assert_eq!(access.place, None);
    assert_eq!(r.proposed, ["zz-ms-youth"]);
    // Undecided: nothing to compare. Balance min 0: nothing to reserve, met.
    assert_eq!((r.decided.clone(), r.matches_decision), (None, None));
    assert!(r.balance[0].met && r.balance[0].reserved.is_empty());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.earlier.len(), 1);
    // `ogp rotation` without --event picks it: the only undecided event with a policy.
    assert_eq!(pending_event(&ds, None).unwrap().id.as_str(), "zz-ev-2");
}

#[test]
fn zz_ev_1_was_a_tie_that_the_lottery_gives_to_youth_but_access_went() {
    let ds = sample();
    let r = propose(&ds.check().unwrap(), "zz-ev-1").unwrap();
    // Nobody had served: a tie of two for one seat, drawn with seed 7 and salt "zz-ev-1".
    // key(youth) = 0x6335bcfc65d79350 < key(access) = 0x679afe8163172044.
    let drawn = lottery::order(7, "zz-ev-1", &["zz-ms-access", "zz-ms-youth"]);
    assert_eq!(drawn, ["zz-ms-youth", "zz-ms-access"]);
    assert_eq!(r.pool[0].lottery_key.as_deref(), Some("6335bcfc65d79350"));
    assert_eq!(r.pool[1].lottery_key.as_deref(), Some("679afe8163172044"));
    assert_eq!(r.proposed, ["zz-ms-youth"]);
    // The committee sent zz-ms-access: the decision did not follow the draw.
    assert_eq!(r.decided, Some(vec!["zz-ms-access".to_owned()]));
    assert_eq!(r.matches_decision, Some(false));
    let c = r.comparison.unwrap();
    assert_eq!(c.went_not_proposed, ["zz-ms-access"]);
    assert_eq!(c.proposed_not_went, ["zz-ms-youth"]);
}

#[test]
fn the_sample_history_has_one_served_and_one_never_served() {
    let h = history(&sample().check().unwrap(), "zz-rotation").unwrap();
    let ids: Vec<&str> = h.events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(ids, ["zz-ev-1", "zz-ev-2"]);
    assert_eq!(h.members.len(), 2);
    let access = h
        .members
        .iter()
        .find(|m| m.membership == "zz-ms-access")
        .unwrap();
    assert_eq!(access.served, ["zz-ev-1"]);
    assert_eq!(access.pool_events, 1);
    let f = &h.fairness;
    assert_eq!(f.event.as_deref(), Some("zz-ev-2"));
    assert_eq!(
        (f.min_served, f.max_served, f.spread),
        (Some(0), Some(1), Some(1))
    );
    assert_eq!(f.never_served, ["zz-ms-youth"]);
}

#[test]
fn results_are_deterministic_and_snake_case() {
    let ds = sample();
    let a =
        serde_json::to_string_pretty(&propose(&ds.check().unwrap(), "zz-ev-2").unwrap()).unwrap();
    let b =
        serde_json::to_string_pretty(&propose(&ds.check().unwrap(), "zz-ev-2").unwrap()).unwrap();
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    for key in [
        "event",
        "policy",
        "rule",
        "seed",
        "pool",
        "proposed",
        "decided",
        "matches_decision",
        "problems",
        "derivation",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["rule"], "least_recent");
    assert_eq!(v["pool"][1]["excluded"][0]["rule"], "cooldown");
    assert_eq!(v["pool"][0]["status"], "proposed");
}

/// The illustrative example: the walk-through of `examples/rotation/README.md`.
#[test]
fn the_rotation_example_proposes_as_its_readme_explains() {
    let path = repo().join("examples/rotation/dataset.json");
    let ds = ogp_core::io::load(&path).unwrap();
    assert!(!ogp_core::validate(&ds).has_errors());
    let next = pending_event(&ds, None).unwrap();
    assert_eq!(next.id.as_str(), "ex-ev-2026-05");
    let r = propose(&ds.check().unwrap(), "ex-ev-2026-05").unwrap();
    let get = |id: &str| r.pool.iter().find(|m| m.membership == id).unwrap();
    // Cooldown 1: the two delegates of the last decided event (ex-ev-2025-11) sit out.
    for id in ["ex-ms-env", "ex-ms-disability-alliance"] {
        let m = get(id);
        assert_eq!(m.status, MemberStatus::Excluded);
        assert_eq!(m.excluded[0].rule, ExclusionRule::Cooldown);
    }
    // The Sahara forum declined twice and never served: declining keeps its place, first.
    let sahara = get("ex-ms-sahara");
    assert_eq!((sahara.place, sahara.times_served), (Some(1), 0));
    // Women and Access both last went on 2024-09-24: the draw for this event orders them.
    let drawn = lottery::order(2026, "ex-ev-2026-05", &["ex-ms-access", "ex-ms-women"]);
    assert_eq!(drawn, ["ex-ms-women", "ex-ms-access"]);
    assert_eq!(get("ex-ms-women").place, Some(2));
    assert_eq!(get("ex-ms-access").place, Some(3));
    assert_eq!(get("ex-ms-mountain").place, Some(4));
    // Access is the best-placed disability-focused member: reserved by the balance, so
    // the second seat passes over Women.
    assert_eq!(
        get("ex-ms-access").reserved_for.as_deref(),
        Some("focus=disability")
    );
    assert_eq!(get("ex-ms-women").status, MemberStatus::Eligible);
    assert_eq!(r.proposed, ["ex-ms-sahara", "ex-ms-access"]);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Past events: the committee followed the rotation except at ex-ev-2025-06, where it
    // sent Transparency Watch (in its cooldown) instead of the disability alliance.
    let followed: Vec<(String, Option<bool>)> = ds
        .events
        .iter()
        .map(|e| {
            (
                e.id.to_string(),
                propose(&ds.check().unwrap(), e.id.as_str())
                    .unwrap()
                    .matches_decision,
            )
        })
        .collect();
    let want = [
        ("ex-ev-2024-03", Some(true)),
        ("ex-ev-2024-09", Some(true)),
        ("ex-ev-2025-02", Some(true)),
        ("ex-ev-2025-06", Some(false)),
        ("ex-ev-2025-11", Some(true)),
        ("ex-ev-2026-05", None),
    ]
    .map(|(e, m)| (e.to_owned(), m));
    assert_eq!(followed, want);
    let june = propose(&ds.check().unwrap(), "ex-ev-2025-06")
        .unwrap()
        .comparison
        .unwrap();
    assert_eq!(june.went_not_proposed, ["ex-ms-transparency"]);
    assert_eq!(june.proposed_not_went, ["ex-ms-disability-alliance"]);
    // History: everybody but the Sahara forum has served; spread 0 to 2.
    let h = history(&ds.check().unwrap(), "ex-rotation").unwrap();
    assert_eq!(h.fairness.never_served, ["ex-ms-sahara"]);
    assert_eq!(
        (h.fairness.min_served, h.fairness.max_served),
        (Some(0), Some(2))
    );
}
