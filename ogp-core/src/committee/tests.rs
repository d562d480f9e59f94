//! Hand-worked cases for each rule of [`super::check`].

use chrono::NaiveDate;
use serde_json::json;

use crate::{Code, Dataset, Error};

/// The check on a dataset checked here (the tests build plain datasets).
fn check(ds: &Dataset, committee: &str, as_of: NaiveDate) -> Result<super::CommitteeReport, Error> {
    super::check(&ds.check()?, committee, as_of)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A committee with 2 government and 2 civil-society seats, quorum 0.5, 24-month terms, at most
/// 2 consecutive terms; `extra` is merged into the committee object.
fn dataset(extra: serde_json::Value) -> Dataset {
    let mut c = json!({
        "id": "sc", "name": "Steering", "kind": "steering",
        "seats": {"government": 2, "civil_society": 2},
        "quorum": 0.5, "term_months": 24, "max_consecutive_terms": 2,
        "memberships": [
            {"id": "g1", "organization": "min", "sector": "government", "role": "chair", "start": "2024-01"},
            {"id": "g2", "organization": "min2", "sector": "government", "role": "member", "start": "2024-01", "end": "2024-06"},
            {"id": "s1", "organization": "a1", "sector": "civil_society", "role": "member", "start": "2024-01-15", "end": "2025-12", "term": 1,
             "representatives": [{"role": "principal"}, {"role": "deputy"}]},
            {"id": "s2", "organization": "a2", "sector": "civil_society", "role": "member", "start": "2024-01-15", "end": "2025-12", "term": 3},
            {"id": "sec", "organization": "min", "sector": "government", "role": "secretariat", "start": "2024-01"}
        ],
        "meetings": []
    });
    if let (Some(obj), Some(more)) = (c.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            obj.insert(k.clone(), v.clone());
        }
    }
    let doc = json!({
        "schema_version": "1",
        "organizations": [
            {"id": "min", "name": "Ministry", "sector": "government"},
            {"id": "min2", "name": "Agency", "sector": "government"},
            {"id": "a1", "name": "A1", "sector": "civil_society"},
            {"id": "a2", "name": "A2", "sector": "civil_society"}
        ],
        "committees": [c]
    });
    Dataset::from_json(&doc.to_string()).unwrap()
}

fn codes(r: &super::CommitteeReport) -> Vec<(Code, String)> {
    r.problems
        .iter()
        .map(|p| (p.code, p.location.pointer.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn seats_count_active_seat_holders_only() {
    let r = check(&dataset(json!({})), "sc", day("2025-01-01")).unwrap();
    // g2 ended in 2024-06; the secretariat holds no seat: 1 of 2 government seats filled.
    assert_eq!((r.seats[0].filled, r.seats[0].vacancies), (1, 1));
    assert_eq!((r.seats[1].filled, r.seats[1].vacancies), (2, 0));
    assert!(r.seats_equal && !r.filled_equal);
    assert_eq!(
        codes(&r),
        [
            (Code::Parity, "/committees/0/memberships".into()),
            (Code::TermLimit, "/committees/0/memberships/3/term".into()),
            (Code::Vacancy, "/committees/0/seats/government".into()),
        ]
    );
    // In May 2024 g2 is active: both sides full, no parity problem.
    let r = check(&dataset(json!({})), "sc", day("2024-05-31")).unwrap();
    assert!(r.filled_equal);
    assert!(
        !codes(&r)
            .iter()
            .any(|(c, _)| *c == Code::Parity || *c == Code::Vacancy)
    );
}

#[test]
fn more_members_than_seats() {
    let ds = dataset(json!({"seats": {"government": 2, "civil_society": 1}}));
    let r = check(&ds, "sc", day("2024-05-31")).unwrap();
    assert!(codes(&r).contains(&(
        Code::SeatsExceeded,
        "/committees/0/seats/civil_society".into()
    )));
}

#[test]
fn terms() {
    let r = check(&dataset(json!({})), "sc", day("2026-02-01")).unwrap();
    // g1 started 2024-01-01 with no end: its 24-month term ended 2026-01-01.
    assert!(codes(&r).contains(&(Code::TermExpired, "/committees/0/memberships/0".into())));
    let g1 = &r.members[0];
    assert_eq!((g1.active, g1.months_served), (true, 25));
    let s1 = &r.members[2];
    assert!(!s1.active && s1.has_principal && s1.has_deputy);
    // On 2025-12-31 the term has not ended yet.
    let r = check(&dataset(json!({})), "sc", day("2025-12-31")).unwrap();
    assert!(!codes(&r).iter().any(|(c, _)| *c == Code::TermExpired));
}

#[test]
fn attendance_quorum_and_deputies() {
    let meetings = json!({"meetings": [
        {"id": "m1", "date": "2024-03-01", "attendance": [
            {"membership": "g1", "present": true},
            {"membership": "s1", "present": true, "as": "deputy"},
            {"membership": "s2", "present": false},
            {"membership": "sec", "present": true}
        ]},
        {"id": "m2", "date": "2024-05-01", "attendance": [
            {"membership": "g1", "present": true},
            {"membership": "s2", "present": false}
        ]},
        {"id": "m3", "date": "2024-06-01"}
    ]});
    let r = check(&dataset(meetings), "sc", day("2024-06-30")).unwrap();
    let m1 = &r.meetings[0];
    // 4 seat holders active (g1, g2, s1, s2); the secretariat does not count.
    assert_eq!((m1.eligible, m1.present, m1.by_deputy), (4, 2, 1));
    assert_eq!((m1.present_government, m1.present_civil_society), (1, 1));
    assert_eq!((m1.quorum_needed, m1.quorum_met), (Some(2), Some(true)));
    let m2 = &r.meetings[1];
    assert_eq!((m2.present, m2.quorum_met), (1, Some(false)));
    let m3 = &r.meetings[2];
    assert_eq!((m3.attendance_recorded, m3.quorum_met), (false, None));
    assert!(codes(&r).contains(&(
        Code::QuorumNotMet,
        "/committees/0/meetings/1/attendance".into()
    )));
}

#[test]
fn intervals_exactly_six_months_is_within() {
    let meetings = json!({"meetings": [
        {"id": "m2", "date": "2024-07-01"},
        {"id": "m1", "date": "2024-01-01"},
        {"id": "m3", "date": "2025-01-02"}
    ]});
    let r = check(&dataset(meetings), "sc", day("2025-03-01")).unwrap();
    // Date order: m1, m2 (exactly 6 months: within), m3 (6 months and a day: over).
    let gaps: Vec<(&str, &str, i64, bool)> = r
        .interval
        .gaps
        .iter()
        .map(|g| (g.from.as_str(), g.to.as_str(), g.days, g.over))
        .collect();
    assert_eq!(gaps, [("m1", "m2", 182, false), ("m2", "m3", 185, true)]);
    assert_eq!(r.interval.next_due, Some(day("2025-07-02")));
    assert!(!r.interval.overdue);
    assert!(codes(&r).contains(&(
        Code::MeetingInterval,
        "/committees/0/meetings/2/date".into()
    )));
    // A meeting after the date is not counted; past next_due the committee is overdue.
    let r = check(
        &dataset(json!({"meetings": [{"id": "m1", "date": "2024-01-01"}, {"id": "m9", "date": "2030-01-01"}]})),
        "sc",
        day("2024-08-01"),
    )
    .unwrap();
    assert_eq!(r.meetings.len(), 1);
    assert!(r.interval.overdue);
    assert!(codes(&r).contains(&(
        Code::MeetingInterval,
        "/committees/0/meetings/0/date".into()
    )));
}

#[test]
fn the_committee_s_own_limit_wins() {
    let ds = dataset(json!({"meeting_interval_months": 3, "meetings": [
        {"id": "m1", "date": "2024-01-01"}, {"id": "m2", "date": "2024-05-01"}
    ]}));
    let r = check(&ds, "sc", day("2024-05-02")).unwrap();
    assert_eq!(r.interval.limit_months, 3);
    assert!(r.interval.gaps[0].over);
}

#[test]
fn overdue_actions() {
    let ds = dataset(
        json!({"meetings": [{"id": "m1", "date": "2024-03-01", "actions": [
            {"id": "act1", "title": "Publish the guide", "due": "2024-04", "status": "open"},
            {"id": "act2", "title": "Done already", "due": "2024-04", "status": "done"},
            {"id": "act3", "title": "No due date", "status": "open"}
        ]}]}),
    );
    let r = check(&ds, "sc", day("2024-04-30")).unwrap();
    assert!(
        r.actions.iter().all(|a| !a.overdue),
        "due 2024-04 means until 2024-04-30"
    );
    let r = check(&ds, "sc", day("2024-05-01")).unwrap();
    let overdue: Vec<&str> = r
        .actions
        .iter()
        .filter(|a| a.overdue)
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(overdue, ["act1"]);
    assert!(codes(&r).contains(&(
        Code::ActionOverdue,
        "/committees/0/meetings/0/actions/0".into()
    )));
}

#[test]
fn refusals() {
    let ds = dataset(json!({}));
    match check(&ds, "nope", day("2025-01-01")) {
        Err(Error::NotFound { available, .. }) => assert_eq!(available, ["sc"]),
        other => panic!("{other:?}"),
    }
    let bad = dataset(json!({"chair": "nobody"}));
    assert!(matches!(
        check(&bad, "sc", day("2025-01-01")),
        Err(Error::Invalid { .. })
    ));
}
