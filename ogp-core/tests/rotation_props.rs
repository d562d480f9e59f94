//! Properties of the rotation engine over generated sequences of events, each event's proposal
//! being taken as its decision before the next one is proposed:
//!
//! (a) with `least_often`, nobody serves twice before every eligible pool member has served
//!     once — precondition: no declines, no `max_per_window`, no balance, a constant pool (every
//!     membership active throughout); cooldowns, seats and seeds vary. Stated at each event: a
//!     proposed member's times served never exceed those of an eligible member left waiting, so
//!     a member who served is proposed again only when no eligible member who never served is
//!     left waiting;
//! (b) with `least_recent` or `least_often`, the results are the same whatever order the
//!     committee lists its memberships in (the same proposal — in the same order when there
//!     is a seed — and each member the same place, status and history);
//! (c) whatever the rule, declines, caps and balance, never more picks than seats, and every
//!     pick is an eligible pool member, picked once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use ogp_core::Dataset;
use ogp_core::rotation::{MemberStatus, RotationResult, propose};
use proptest::prelude::*;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
struct Case {
    members: usize,
    rule: &'static str,
    cooldown: u32,
    seed: Option<u64>,
    /// (days after the previous event, seats, who declines).
    events: Vec<(u64, u32, Vec<bool>)>,
    window: Option<(u32, u32)>,
    balance_min: Option<u32>,
    disability: Vec<bool>,
    /// The order the committee lists its memberships in.
    perm: Vec<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=6)
        .prop_flat_map(|n| {
            (
                Just(n),
                prop::sample::select(vec!["least_recent", "least_often", "round_robin"]),
                0u32..=2,
                prop::option::of(any::<u64>()),
                prop::collection::vec(
                    (
                        0u64..=60,
                        0u32..=3,
                        prop::collection::vec(prop::bool::weighted(0.15), n),
                    ),
                    1..=8,
                ),
                prop::option::of((1u32..=2, 1u32..=12)),
                prop::option::of(0u32..=2),
                prop::collection::vec(any::<bool>(), n),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
        .prop_map(
            |(members, rule, cooldown, seed, events, window, balance_min, disability, perm)| Case {
                members,
                rule,
                cooldown,
                seed,
                events,
                window,
                balance_min,
                disability,
                perm,
            },
        )
}

/// The dataset of a case. `clean` drops declines, caps and balance (the precondition of (a));
/// `permuted` lists the memberships in `perm` order.
fn build(c: &Case, rule: &str, clean: bool, permuted: bool) -> Dataset {
    let order: Vec<usize> = if permuted {
        c.perm.clone()
    } else {
        (0..c.members).collect()
    };
    let orgs: Vec<Value> = (0..c.members)
        .map(|i| {
            let focus: Vec<&str> = if c.disability[i] {
                vec!["disability"]
            } else {
                vec![]
            };
            json!({"id": format!("o{i}"), "name": format!("Org {i}"),
                   "sector": "civil_society", "focus": focus})
        })
        .collect();
    let memberships: Vec<Value> = order
        .iter()
        .map(|&i| {
            json!({"id": format!("m{i}"), "organization": format!("o{i}"),
                   "sector": "civil_society", "role": "member", "start": "2020"})
        })
        .collect();
    let mut policy = json!({"id": "rot", "committee": "sc", "pool": "civil_society",
                            "rule": rule, "cooldown": c.cooldown});
    if let Some(seed) = c.seed {
        policy["seed"] = json!(seed);
    }
    if !clean {
        if let Some((count, months)) = c.window {
            policy["max_per_window"] = json!({"count": count, "months": months});
        }
        if let Some(min) = c.balance_min {
            policy["balance"] = json!([{"feature": "focus", "value": "disability", "min": min}]);
        }
    }
    let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let events: Vec<Value> = c
        .events
        .iter()
        .enumerate()
        .map(|(k, (step, seats, declines))| {
            day = day.checked_add_days(Days::new(*step)).unwrap();
            let declined: Vec<String> = if clean {
                vec![]
            } else {
                (0..c.members)
                    .filter(|&i| declines[i])
                    .map(|i| format!("m{i}"))
                    .collect()
            };
            json!({"id": format!("ev{k}"), "title": "Meeting", "date": day.to_string(),
                   "funded": true, "seats": seats, "policy": "rot", "declined": declined})
        })
        .collect();
    let doc = json!({
        "schema_version": "1",
        "organizations": orgs,
        "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
                        "seats": {"government": 0, "civil_society": c.members},
                        "memberships": memberships}],
        "rotation_policies": [policy],
        "events": events,
    });
    Dataset::from_json(&doc.to_string()).unwrap()
}

/// Proposes for every event in turn, taking each proposal as the event's decision.
fn run(mut ds: Dataset) -> Vec<RotationResult> {
    let mut out = Vec::new();
    for k in 0..ds.events.len() {
        let id = ds.events[k].id.to_string();
        let r = propose(&ds.check().unwrap(), &id).unwrap();
        ds.events[k].delegates = r.proposed.iter().map(|p| p.parse().unwrap()).collect();
        out.push(r);
    }
    out
}

/// A member's standing: place, status, times served, last event, exclusion rules.
type Standing = (Option<u32>, MemberStatus, u32, Option<String>, Vec<String>);

/// What must not depend on the listing order: per member, place, status, times served, last
/// event and exclusion rules.
fn standing(r: &RotationResult) -> BTreeMap<String, Standing> {
    r.pool
        .iter()
        .map(|m| {
            (
                m.membership.clone(),
                (
                    m.place,
                    m.status,
                    m.times_served,
                    m.last_event.clone(),
                    m.excluded
                        .iter()
                        .map(|e| e.rule.as_str().to_owned())
                        .collect(),
                ),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn least_often_serves_everyone_once_before_anyone_twice(c in case()) {
        for r in run(build(&c, "least_often", true, false)) {
            let eligible: Vec<_> = r.pool.iter().filter(|m| m.excluded.is_empty()).collect();
            let most_proposed = eligible.iter().filter(|m| m.proposed).map(|m| m.times_served).max();
            let least_waiting = eligible.iter().filter(|m| !m.proposed).map(|m| m.times_served).min();
            if let (Some(p), Some(w)) = (most_proposed, least_waiting) {
                prop_assert!(p <= w, "{}: a member who served {p} times is proposed while one who served {w} waits", r.event);
            }
            if most_proposed.is_some_and(|p| p >= 1) {
                prop_assert!(
                    eligible.iter().all(|m| m.proposed || m.times_served >= 1),
                    "{}: someone serves again while an eligible member who never served waits",
                    r.event
                );
            }
        }
    }

    #[test]
    fn the_listing_order_of_memberships_does_not_matter(c in case(), often in any::<bool>()) {
        let rule = if often { "least_often" } else { "least_recent" };
        let a = run(build(&c, rule, false, false));
        let b = run(build(&c, rule, false, true));
        for (x, y) in a.iter().zip(&b) {
            if c.seed.is_some() {
                prop_assert_eq!(&x.proposed, &y.proposed);
            } else {
                let sx: BTreeSet<&String> = x.proposed.iter().collect();
                let sy: BTreeSet<&String> = y.proposed.iter().collect();
                prop_assert_eq!(sx, sy);
            }
            prop_assert_eq!(standing(x), standing(y));
            prop_assert_eq!(&x.problems, &y.problems);
            // Without a seed, members tied in a reservation are listed in pool order.
            let sorted = |r: &RotationResult| {
                let mut b = r.balance.clone();
                for x in &mut b {
                    x.reserved.sort();
                }
                b
            };
            prop_assert_eq!(sorted(x), sorted(y));
        }
    }

    #[test]
    fn never_more_picks_than_seats(c in case()) {
        for r in run(build(&c, c.rule, false, false)) {
            prop_assert!(r.proposed.len() <= r.seats as usize);
            let unique: BTreeSet<&String> = r.proposed.iter().collect();
            prop_assert_eq!(unique.len(), r.proposed.len());
            for p in &r.proposed {
                let m = r.pool.iter().find(|m| &m.membership == p).unwrap();
                prop_assert!(m.excluded.is_empty() && m.proposed);
            }
        }
    }
}
