//! Unit tests: each rule of the module documentation, with hand-worked proposals.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::{Value, json};

use super::*;
use crate::{Code, Dataset, Error, Pool, lottery};

/// The engine on a dataset checked here (the tests build plain datasets).
fn propose(ds: &Dataset, event: &str) -> Result<RotationResult, Error> {
    super::propose(&ds.check()?, event)
}

/// The engine on a dataset checked here.
fn history(ds: &Dataset, policy: &str) -> Result<RotationHistory, Error> {
    super::history(&ds.check()?, policy)
}

/// A committee `sc` with one government membership `gov` and civil-society memberships
/// `members` (id, focus tags, region), each of organization `o-<id>`, from 2024-01 with no end;
/// the rotation policy `rot` (`policy` fields merged over `pool: civil_society`, cooldown 0,
/// no seed) and `events`.
fn dataset(members: &[(&str, &[&str], &str)], policy: Value, events: Value) -> Dataset {
    let mut orgs = vec![json!({"id": "o-gov", "name": "Ministry", "sector": "government"})];
    let mut ms = vec![
        json!({"id": "gov", "organization": "o-gov", "sector": "government",
                             "role": "chair", "start": "2024-01"}),
    ];
    for (id, focus, region) in members {
        orgs.push(
            json!({"id": format!("o-{id}"), "name": format!("Association {id}"),
                         "sector": "civil_society", "kind": "association",
                         "focus": focus, "region": region}),
        );
        ms.push(json!({"id": id, "organization": format!("o-{id}"),
                       "sector": "civil_society", "role": "member", "start": "2024-01"}));
    }
    let mut pol = json!({"id": "rot", "committee": "sc", "pool": "civil_society",
                         "rule": "least_recent", "cooldown": 0});
    for (k, v) in policy.as_object().unwrap() {
        pol[k] = v.clone();
    }
    let doc = json!({
        "schema_version": "1",
        "organizations": orgs,
        "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
                        "seats": {"government": 1, "civil_society": members.len()},
                        "memberships": ms}],
        "rotation_policies": [pol],
        "events": events,
    });
    let ds = Dataset::from_json(&doc.to_string()).unwrap();
    let report = crate::validate(&ds);
    assert!(!report.has_errors(), "{:?}", report.problems);
    ds
}

/// An event of policy `rot`.
fn ev(id: &str, date: &str, seats: u32, delegates: &[&str], declined: &[&str]) -> Value {
    json!({"id": id, "title": format!("Meeting {id}"), "date": date, "funded": true,
           "seats": seats, "policy": "rot", "delegates": delegates, "declined": declined})
}

/// Members without focus tags, all in region ZZ-01.
fn plain<'a>(ids: &[&'a str]) -> Vec<(&'a str, &'static [&'static str], &'static str)> {
    ids.iter().map(|id| (*id, &[][..], "ZZ-01")).collect()
}

fn member<'a>(r: &'a RotationResult, id: &str) -> &'a PoolMember {
    r.pool
        .iter()
        .find(|m| m.membership == id)
        .unwrap_or_else(|| panic!("{id} not in the pool"))
}

fn order(r: &RotationResult) -> Vec<&str> {
    r.pool
        .iter()
        .filter(|m| m.excluded.is_empty())
        .map(|m| m.membership.as_str())
        .collect()
}

fn codes(r: &RotationResult) -> Vec<&str> {
    r.problems.iter().map(|p| p.code.as_str()).collect()
}

fn rules(m: &PoolMember) -> Vec<ExclusionRule> {
    m.excluded.iter().map(|e| e.rule).collect()
}

#[test]
fn least_recent_puts_never_served_first_then_oldest() {
    let ds = dataset(
        &plain(&["a", "b", "c", "d"]),
        json!({}),
        json!([
            ev("e1", "2024-02-01", 1, &["a"], &[]),
            ev("e2", "2024-03-01", 1, &["b"], &[]),
            ev("e3", "2024-04-01", 1, &["c"], &[]),
            ev("e4", "2024-05-01", 2, &[], &[]),
        ]),
    );
    let r = propose(&ds, "e4").unwrap();
    // d never served; then a (2024-02-01), b (2024-03-01), c (2024-04-01).
    assert_eq!(order(&r), ["d", "a", "b", "c"]);
    assert_eq!(r.proposed, ["d", "a"]);
    let places: Vec<Option<u32>> = r.pool.iter().map(|m| m.place).collect();
    assert_eq!(places, [Some(1), Some(2), Some(3), Some(4)]);
    let a = member(&r, "a");
    assert_eq!((a.times_served, a.last_event.as_deref()), (1, Some("e1")));
    assert_eq!(a.last_served.unwrap().to_string(), "2024-02-01");
    assert_eq!(member(&r, "b").status, MemberStatus::Eligible);
    assert!(member(&r, "d").reason.contains("never served"));
    assert!(r.problems.is_empty());
    assert_eq!(r.decided, None);
    assert_eq!(r.matches_decision, None);
    // The government membership is not in a civil-society pool.
    assert!(r.pool.iter().all(|m| m.membership != "gov"));
    assert!(r.derivation.starts_with("rule least_recent"));
}

#[test]
fn least_often_breaks_equal_counts_by_recency() {
    let ds = dataset(
        &plain(&["a", "b", "c", "d"]),
        json!({"rule": "least_often"}),
        json!([
            ev("e1", "2024-01-10", 2, &["a", "b"], &[]),
            ev("e2", "2024-02-10", 1, &["c"], &[]),
            ev("e3", "2024-03-10", 1, &["a"], &[]),
            ev("e4", "2024-04-10", 1, &["d"], &[]),
            ev("e5", "2024-05-10", 1, &[], &[]),
        ]),
    );
    let r = propose(&ds, "e5").unwrap();
    // a served twice; b, c, d once each, last on 01-10, 02-10, 04-10.
    assert_eq!(order(&r), ["b", "c", "d", "a"]);
    assert_eq!(r.proposed, ["b"]);
    assert_eq!(member(&r, "a").times_served, 2);
    assert_eq!(member(&r, "a").served, ["e1", "e3"]);
}

#[test]
fn round_robin_continues_after_the_last_delegate_and_wraps() {
    let ds = dataset(
        &plain(&["a", "b", "c", "d", "e"]),
        json!({"rule": "round_robin"}),
        json!([
            ev("e1", "2024-02-01", 2, &[], &[]),
            ev("e2", "2024-03-01", 2, &["c", "d"], &[]),
            ev("e3", "2024-04-01", 2, &["e", "a"], &[]),
            ev("e4", "2024-05-01", 2, &[], &[]),
        ]),
    );
    // No earlier delegate: from the first of the pool order.
    assert_eq!(propose(&ds, "e1").unwrap().proposed, ["a", "b"]);
    // After d (the last delegate of e2): e, then round to a.
    let r = propose(&ds, "e3").unwrap();
    assert_eq!(order(&r), ["e", "a", "b", "c", "d"]);
    assert_eq!(r.proposed, ["e", "a"]);
    assert_eq!(r.matches_decision, Some(true));
    // After a (the last delegate of e3): b, c.
    let r = propose(&ds, "e4").unwrap();
    assert_eq!(r.proposed, ["b", "c"]);
    assert!(
        r.derivation
            .contains("starting after a, the last delegate of e3")
    );
    assert!(r.pool.iter().all(|m| m.lottery_key.is_none()));
}

#[test]
fn cooldown_one_and_two_count_the_last_decided_events() {
    let events = json!([
        ev("e1", "2024-02-01", 1, &["a"], &[]),
        ev("e2", "2024-03-01", 1, &["b"], &[]),
        ev("e2b", "2024-03-15", 1, &[], &[]),
        ev("e3", "2024-04-01", 2, &[], &[]),
    ]);
    let members = plain(&["a", "b", "c", "d"]);
    let one = dataset(&members, json!({"cooldown": 1, "seed": 3}), events.clone());
    let r = propose(&one, "e3").unwrap();
    // e2b is undecided: the last decided event is e2, so b sits out.
    assert_eq!(rules(member(&r, "b")), [ExclusionRule::Cooldown]);
    assert!(member(&r, "b").excluded[0].detail.contains("e2"));
    assert!(member(&r, "a").excluded.is_empty());
    // c and d (never served) fill the two seats, a is next.
    let mut got = r.proposed.clone();
    got.sort();
    assert_eq!(got, ["c", "d"]);
    assert_eq!(member(&r, "a").place, Some(3));
    assert!(r.derivation.contains("not counted (undecided): e2b"));

    let two = dataset(&members, json!({"cooldown": 2, "seed": 3}), events);
    let r = propose(&two, "e3").unwrap();
    assert_eq!(rules(member(&r, "a")), [ExclusionRule::Cooldown]);
    assert_eq!(rules(member(&r, "b")), [ExclusionRule::Cooldown]);
    assert_eq!(order(&r).len(), 2);
}

#[test]
fn max_per_window_counts_events_from_the_same_day_months_before() {
    let events = |date: &str| {
        json!([
            ev("e1", "2024-01-15", 1, &["a"], &[]),
            ev("e2", "2024-03-01", 1, &["b"], &[]),
            ev("e3", "2024-06-01", 1, &["a"], &[]),
            ev("e4", date, 3, &[], &[]),
        ])
    };
    let policy = json!({"max_per_window": {"count": 2, "months": 12}});
    let members = plain(&["a", "b", "c"]);
    // 2025-01-15 minus 12 months = 2024-01-15: e1 and e3 are within, a has reached the cap.
    let r = propose(
        &dataset(&members, policy.clone(), events("2025-01-15")),
        "e4",
    )
    .unwrap();
    assert_eq!(rules(member(&r, "a")), [ExclusionRule::MaxPerWindow]);
    assert!(
        member(&r, "a").excluded[0]
            .detail
            .contains("since 2024-01-15 (e1, e3)")
    );
    assert_eq!(r.proposed, ["c", "b"]);
    assert_eq!(codes(&r), ["seats-unfilled"]);
    // One day later e1 is out of the window.
    let r = propose(&dataset(&members, policy, events("2025-01-16")), "e4").unwrap();
    assert!(member(&r, "a").excluded.is_empty());
    assert_eq!(r.proposed, ["c", "b", "a"]);
    assert!(r.problems.is_empty());
}

#[test]
fn a_member_who_declined_is_excluded_and_keeps_its_place_later() {
    let ds = dataset(
        &plain(&["a", "b", "c"]),
        json!({}),
        json!([
            ev("e1", "2024-02-01", 1, &["a"], &[]),
            ev("e2", "2024-03-01", 1, &["b"], &[]),
            ev("e3", "2024-04-01", 1, &[], &["c"]),
            ev("e4", "2024-05-01", 1, &[], &[]),
        ]),
    );
    let r = propose(&ds, "e3").unwrap();
    assert_eq!(rules(member(&r, "c")), [ExclusionRule::Declined]);
    assert_eq!(r.proposed, ["a"]);
    assert_eq!(member(&r, "c").status, MemberStatus::Excluded);
    // Declining is not serving: at e4, c (never served) comes first.
    assert_eq!(propose(&ds, "e4").unwrap().proposed, ["c"]);
}

#[test]
fn inactive_memberships_are_listed_and_excluded() {
    let mut ds = dataset(
        &plain(&["a", "b"]),
        json!({}),
        json!([
            ev("e1", "2024-06-30", 1, &[], &[]),
            ev("e2", "2024-07-01", 1, &[], &[]),
        ]),
    );
    let ms = &mut ds.committees[0].memberships;
    ms[1].end = Some("2024-06".parse().unwrap()); // a: until 2024-06-30
    ms[2].start = "2024-08".parse().unwrap(); // b: from 2024-08-01
    let r = propose(&ds, "e1").unwrap();
    assert_eq!(r.proposed, ["a"]);
    assert_eq!(rules(member(&r, "b")), [ExclusionRule::Inactive]);
    assert!(!member(&r, "b").active);
    let r = propose(&ds, "e2").unwrap();
    assert_eq!(rules(member(&r, "a")), [ExclusionRule::Inactive]);
    assert!(r.proposed.is_empty());
    assert_eq!(codes(&r), ["pool-empty"]);
}

fn balance_members() -> Vec<(&'static str, &'static [&'static str], &'static str)> {
    vec![
        ("a", &[], "ZZ-01"),
        ("b", &["youth"], "ZZ-01"),
        ("c", &[], "ZZ-02"),
        ("d", &["disability"], "ZZ-01"),
        ("e", &["disability", "youth"], "ZZ-03"),
    ]
}

fn balance_events(declined: &[&str]) -> Value {
    json!([
        ev("e1", "2024-02-01", 1, &["a"], &[]),
        ev("e2", "2024-03-01", 1, &["b"], &[]),
        ev("e3", "2024-04-01", 1, &["c"], &[]),
        ev("e4", "2024-05-01", 1, &["d"], &[]),
        ev("e5", "2024-06-01", 1, &["e"], &[]),
        ev("e6", "2024-07-01", 2, &[], declined),
    ])
}

#[test]
fn balance_reserves_the_best_placed_qualifying_member_first() {
    let ds = dataset(
        &balance_members(),
        json!({"balance": [{"feature": "focus", "value": "disability", "min": 1}]}),
        balance_events(&[]),
    );
    let r = propose(&ds, "e6").unwrap();
    // Order a, b, c, d, e; d is the best-placed disability member; a takes the other seat.
    assert_eq!(order(&r), ["a", "b", "c", "d", "e"]);
    assert_eq!(r.proposed, ["a", "d"]);
    let d = member(&r, "d");
    assert_eq!(d.reserved_for.as_deref(), Some("focus=disability"));
    assert_eq!(d.qualifies, ["focus=disability"]);
    assert_eq!(member(&r, "b").status, MemberStatus::Eligible);
    let b = &r.balance[0];
    assert_eq!(
        (b.eligible, b.proposed, b.met, b.reserved.clone()),
        (2, 1, true, vec!["d".to_owned()])
    );
    assert!(r.problems.is_empty());
}

#[test]
fn a_balance_already_met_by_an_earlier_requirement_reserves_nobody_more() {
    let ds = dataset(
        &balance_members(),
        json!({"balance": [{"feature": "region", "value": "ZZ-03", "min": 1},
                           {"feature": "focus", "value": "disability", "min": 1}]}),
        balance_events(&[]),
    );
    let r = propose(&ds, "e6").unwrap();
    // e (region ZZ-03, disability) meets both; a fills the other seat.
    assert_eq!(r.proposed, ["a", "e"]);
    assert_eq!(r.balance[1].reserved, Vec::<String>::new());
    assert!(r.balance.iter().all(|b| b.met));
}

#[test]
fn an_unmet_balance_is_reported() {
    let ds = dataset(
        &balance_members(),
        json!({"balance": [{"feature": "focus", "value": "disability", "min": 1},
                           {"feature": "language", "value": "zgh", "min": 1}]}),
        balance_events(&["d", "e"]),
    );
    let r = propose(&ds, "e6").unwrap();
    assert_eq!(r.proposed, ["a", "b"]);
    assert_eq!(codes(&r), ["balance-unmet", "balance-unmet"]);
    assert_eq!(
        r.problems[0].location.pointer.as_deref(),
        Some("/rotation_policies/0/balance/0")
    );
    assert!(
        r.problems[0]
            .message
            .contains("only 0 eligible members qualify")
    );
    assert!(r.problems[1].message.contains("not one the engine reads"));
    assert!(!r.balance[0].met);
}

#[test]
fn ties_with_a_seed_follow_the_lottery_named_after_the_event() {
    let ds = dataset(
        &plain(&["a", "b", "c", "d"]),
        json!({"seed": 42}),
        json!([ev("ev-x", "2024-05-01", 2, &[], &[])]),
    );
    let r = propose(&ds, "ev-x").unwrap();
    let drawn = lottery::order(42, "ev-x", &["a", "b", "c", "d"]);
    assert_eq!(order(&r), drawn);
    assert_eq!(r.proposed, drawn[..2]);
    let places: Vec<Option<u32>> = r.pool.iter().map(|m| m.place).collect();
    assert_eq!(places, [Some(1), Some(2), Some(3), Some(4)]);
    let first = member(&r, drawn[0]);
    assert_eq!(
        first.lottery_key.as_deref(),
        Some(format!("{:016x}", lottery::key(42, "ev-x", drawn[0])).as_str())
    );
    assert!(r.derivation.contains("the lottery decided the last seat"));
    assert!(r.problems.is_empty());
    assert_eq!(r.seed, Some(42));
}

#[test]
fn a_tie_across_the_last_seat_without_a_seed_leaves_it_open() {
    let ds = dataset(
        &plain(&["a", "b", "c"]),
        json!({}),
        json!([
            ev("e1", "2024-02-01", 2, &["b", "c"], &[]),
            ev("e2", "2024-03-01", 2, &[], &[]),
        ]),
    );
    // a never served; b and c both last served at e1: tied for the second seat.
    let r = propose(&ds, "e2").unwrap();
    assert_eq!(r.proposed, ["a"]);
    assert_eq!(codes(&r), ["no-seed"]);
    assert!(
        r.problems[0]
            .message
            .starts_with("b, c tied at place 2 for 1 seat")
    );
    for id in ["b", "c"] {
        assert_eq!(member(&r, id).status, MemberStatus::Tied);
        assert_eq!(member(&r, id).place, Some(2));
    }
    // A tie that fits in the seats needs no draw.
    let mut ds2 = ds.clone();
    ds2.events[1].seats = 3;
    let r = propose(&ds2, "e2").unwrap();
    assert_eq!(r.proposed, ["a", "b", "c"]);
    assert!(r.problems.is_empty());
    // Three tied for one seat: nobody is proposed.
    let ds3 = dataset(
        &plain(&["a", "b", "c"]),
        json!({}),
        json!([ev("e1", "2024-02-01", 1, &[], &[])]),
    );
    let r = propose(&ds3, "e1").unwrap();
    assert!(r.proposed.is_empty());
    assert_eq!(codes(&r), ["no-seed"]);
}

#[test]
fn a_decided_event_is_compared_with_its_proposal() {
    let ds = dataset(
        &plain(&["a", "b"]),
        json!({}),
        json!([
            ev("e1", "2024-02-01", 1, &["a"], &[]),
            ev("e2", "2024-03-01", 1, &["a"], &[]),
            ev("e3", "2024-04-01", 1, &["b"], &[]),
        ]),
    );
    let r = propose(&ds, "e2").unwrap();
    assert_eq!(r.proposed, ["b"]);
    assert_eq!(r.decided, Some(vec!["a".to_owned()]));
    assert_eq!(r.matches_decision, Some(false));
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.went_not_proposed, ["a"]);
    assert_eq!(c.proposed_not_went, ["b"]);
    assert!(r.derivation.contains("differs from the proposal"));
    // e3: a served twice, b never: b is proposed and went.
    let r = propose(&ds, "e3").unwrap();
    assert_eq!(r.matches_decision, Some(true));
    assert_eq!(r.earlier.len(), 2);
}

#[test]
fn a_listed_pool_keeps_committee_order_and_flags_other_committees() {
    let mut ds = dataset(
        &plain(&["a", "b", "c"]),
        json!({"rule": "round_robin"}),
        json!([ev("e1", "2024-02-01", 3, &[], &[])]),
    );
    let mut other = ds.committees[0].clone();
    other.id = "wg".parse().unwrap();
    other.memberships.truncate(1);
    other.memberships[0].id = "x".parse().unwrap();
    ds.committees.push(other);
    ds.rotation_policies[0].pool =
        Pool::Memberships(["c", "x", "a"].map(|s| s.parse().unwrap()).to_vec());
    assert!(!crate::validate(&ds).has_errors());
    let r = propose(&ds, "e1").unwrap();
    assert_eq!(order(&r), ["a", "c"]);
    assert_eq!(rules(member(&r, "x")), [ExclusionRule::NotInCommittee]);
}

#[test]
fn history_counts_served_and_declined_with_a_fairness_summary() {
    let ds = dataset(
        &plain(&["a", "b", "c"]),
        json!({}),
        json!([
            ev("e1", "2024-02-01", 1, &["a"], &["c"]),
            ev("e2", "2024-03-01", 1, &["b"], &[]),
            ev("e3", "2024-04-01", 1, &["a"], &[]),
            ev("e4", "2024-05-01", 1, &[], &[]),
        ]),
    );
    let h = history(&ds, "rot").unwrap();
    assert_eq!(h.events.len(), 4);
    assert!(!h.events[3].decided);
    let a = &h.members[0];
    assert_eq!((a.membership.as_str(), a.times_served), ("a", 2));
    assert_eq!(a.served, ["e1", "e3"]);
    assert_eq!(a.last_event.as_deref(), Some("e3"));
    assert_eq!(a.pool_events, 3);
    assert_eq!(h.members[2].declined, ["e1"]);
    let f = &h.fairness;
    assert_eq!(f.event.as_deref(), Some("e4"));
    assert_eq!(f.pool, ["a", "b", "c"]);
    assert_eq!(
        (f.min_served, f.max_served, f.spread),
        (Some(0), Some(2), Some(2))
    );
    assert_eq!(f.never_served, ["c"]);
}

#[test]
fn refusals_name_what_exists() {
    let mut ds = dataset(
        &plain(&["a"]),
        json!({}),
        json!([ev("e1", "2024-02-01", 1, &[], &[])]),
    );
    match propose(&ds, "nope").unwrap_err() {
        Error::NotFound {
            kind, available, ..
        } => {
            assert_eq!((kind, available), ("event", vec!["e1".to_owned()]));
        }
        other => panic!("{other}"),
    }
    assert!(matches!(
        history(&ds, "nope"),
        Err(Error::NotFound {
            kind: "rotation policy",
            ..
        })
    ));
    assert_eq!(pending_event(&ds, None).unwrap().id.as_str(), "e1");
    assert_eq!(pending_event(&ds, Some("rot")).unwrap().id.as_str(), "e1");
    ds.events[0].policy = None;
    assert!(matches!(propose(&ds, "e1"), Err(Error::Argument(_))));
    assert!(pending_event(&ds, None).is_err());
    ds.events[0].policy = Some("rot".parse().unwrap());
    ds.events[0].delegates = vec!["ghost".parse().unwrap()];
    match propose(&ds, "e1").unwrap_err() {
        Error::Invalid { problems } => assert_eq!(problems[0].code, Code::UnknownReference),
        other => panic!("{other}"),
    }
}

#[test]
fn a_tie_in_the_balance_without_a_seed_reserves_nobody_and_is_reported() {
    let members = [
        ("a", &[][..], "ZZ-01"),
        ("b", &["disability"][..], "ZZ-01"),
        ("c", &["disability"][..], "ZZ-02"),
    ];
    let ds = dataset(
        &members,
        json!({"balance": [{"feature": "focus", "value": "disability", "min": 1}]}),
        json!([
            ev("e1", "2024-02-01", 2, &["b", "c"], &[]),
            ev("e2", "2024-03-01", 2, &[], &[]),
        ]),
    );
    let r = propose(&ds, "e2").unwrap();
    // a never served; b and c tie at place 2 for the reservation, then for the second seat.
    assert_eq!(r.proposed, ["a"]);
    assert_eq!(codes(&r), ["no-seed", "no-seed"]);
    assert!(
        r.problems
            .iter()
            .any(|p| p.message.contains("reserved for balance focus=disability"))
    );
    assert_eq!(member(&r, "b").status, MemberStatus::Tied);
    assert!(r.balance[0].reserved.is_empty() && !r.balance[0].met);
}
