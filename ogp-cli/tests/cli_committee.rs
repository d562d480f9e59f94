//! `ogp committee` end to end on the Morocco example: seats, the guide, meetings and the
//! six-month rule, with exit codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::ogp;

use serde_json::Value;

const MOROCCO: &str = "examples/morocco-nap3/dataset.json";

#[test]
fn morocco_on_the_day_of_the_2nd_meeting() {
    let out = ogp(&[
        "committee",
        MOROCCO,
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["committee"], "ma-nap3-steering");
    assert_eq!(v["seats_equal"], true);
    let seats: Vec<(&str, u64, u64)> = v["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["sector"].as_str().unwrap(),
                s["seats"].as_u64().unwrap(),
                s["filled"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seats,
        [
            ("government", 9, 8),
            ("civil_society", 9, 8),
            ("other", 0, 0)
        ]
    );
    assert_eq!(v["guide"]["voluntary"], true);
    assert_eq!(v["guide"]["may_invite_experts"], true);
    let meetings = v["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 2, "the 2026 meeting is after the date");
    assert_eq!(meetings[1]["meeting"], "ma-nap3-steering-m2");
    assert!(meetings[1]["present_civil_society"].as_u64().unwrap() > 0);
    assert_eq!(v["interval"]["next_due"], "2025-09-18");
    assert!(
        !v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "meeting-interval")
    );
}

#[test]
fn the_gap_before_the_2026_meeting_is_flagged() {
    let out = ogp(&["committee", MOROCCO, "--as-of", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("8 of  9 seats filled, 1 vacant"), "{text}");
    assert!(
        text.contains("warning[meeting-interval] /committees/0/meetings/2/date: no meeting is recorded between 2025-03-18 and 2026-02-03"),
        "{text}"
    );
}

#[test]
fn unknown_committee_is_a_usage_error() {
    let out = ogp(&["committee", MOROCCO, "--committee", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ma-nap3-steering"));
}
