//! `ogp rotation` end to end: the proposal table and JSON, the history, the decided event
//! compared with its proposal, and the exit codes of bad input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{ogp, root};

use std::process::Output;

use serde_json::Value;

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap()
}

const SAMPLE: &str = "tests/fixtures/format-sample.json";
const EXAMPLE: &str = "examples/rotation/dataset.json";

#[test]
fn without_event_it_proposes_for_the_only_undecided_event() {
    let s = stdout(&ogp(&["rotation", SAMPLE]));
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines[0],
        "Rotation for zz-ev-2 on 2025-10-07: Global summit"
    );
    assert!(lines[1].contains("least_recent, cooldown 1, seed 7; 1 seat"));
    assert!(s.contains("    zz-ev-1"));
    let youth = lines.iter().find(|l| l.contains("zz-ms-youth ")).unwrap();
    assert!(youth.starts_with("  1 "), "{youth}");
    assert!(youth.contains("proposed") && youth.ends_with("Youth Forum"));
    let access = lines.iter().find(|l| l.contains("zz-ms-access ")).unwrap();
    assert!(access.contains("2024-11-05") && access.contains("excluded"));
    assert!(s.contains("excluded: cooldown — served at zz-ev-1"));
    assert!(lines.contains(&"  proposed: zz-ms-youth"));
    assert!(lines.contains(&"  not decided yet"));
}

#[test]
fn a_decided_event_is_compared_with_its_proposal() {
    let v = json(&ogp(&[
        "rotation", SAMPLE, "--event", "zz-ev-1", "--format", "json",
    ]));
    assert_eq!(v["event"], "zz-ev-1");
    assert_eq!(v["seed"], 7);
    assert_eq!(v["proposed"], serde_json::json!(["zz-ms-youth"]));
    assert_eq!(v["decided"], serde_json::json!(["zz-ms-access"]));
    assert_eq!(v["matches_decision"], false);
    assert_eq!(v["pool"][0]["lottery_key"], "6335bcfc65d79350");
    assert!(
        v["derivation"]
            .as_str()
            .unwrap()
            .contains("ties: drawn by lottery with seed 7")
    );
    let s = stdout(&ogp(&[
        "rotation",
        SAMPLE,
        "--event",
        "zz-ev-1",
        "--explain",
    ]));
    assert!(s.contains("decided: zz-ms-access — does not match the proposal"));
    assert!(s.contains("\n  how:\n    rule least_recent"));
}

#[test]
fn the_history_lists_events_members_and_fairness() {
    let s = stdout(&ogp(&[
        "rotation",
        SAMPLE,
        "--policy",
        "zz-rotation",
        "--history",
    ]));
    assert!(s.starts_with("Rotation history of zz-rotation (committee zz-steering)"));
    assert!(s.contains("zz-ev-2") && s.contains("undecided"));
    assert!(s.contains("served 0 to 1 times (spread 1); never served: zz-ms-youth"));
    // The only policy may be left out.
    let v = json(&ogp(&["rotation", SAMPLE, "--history", "--format", "json"]));
    assert_eq!(v["fairness"]["max_served"], 1);
    assert_eq!(v["members"][0]["membership"], "zz-ms-access");
}

#[test]
fn the_example_proposes_sahara_and_access() {
    let s = stdout(&ogp(&["rotation", EXAMPLE]));
    assert!(s.contains("  proposed: ex-ms-sahara, ex-ms-access"));
    assert!(s.contains("picked for balance focus=disability"));
    assert!(s.contains("  balance focus=disability at least 1: 1 proposed, met"));
    let fr = stdout(&ogp(&["rotation", EXAMPLE, "--lang", "fr"]));
    assert!(fr.starts_with("Rotation for ex-ev-2026-05 on 2026-05-19: Sommet mondial du PGO"));
    assert!(fr.contains("Accès pour tous"));
}

#[test]
fn unknown_ids_and_usage_errors_exit_2() {
    let out = ogp(&["rotation", SAMPLE, "--event", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no event with id \"nope\"") && err.contains("zz-ev-1, zz-ev-2"),
        "{err}"
    );
    let out = ogp(&["rotation", SAMPLE, "--history", "--policy", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zz-rotation"));
    let out = ogp(&["rotation", SAMPLE, "--event", "zz-ev-1", "--history"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--event conflicts with --history"
    );
    // The Morocco example has a policy but no event.
    let out = ogp(&["rotation", "examples/morocco-nap3/dataset.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no undecided event"));
}

#[test]
fn a_dataset_with_errors_exits_1_with_its_problems() {
    let text = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["events"][1]["declined"] = serde_json::json!(["ghost"]);
    let path = std::env::temp_dir().join(format!("ogp-rotation-{}.json", std::process::id()));
    std::fs::write(&path, v.to_string()).unwrap();
    let out = ogp(&["rotation", path.to_str().unwrap(), "--event", "zz-ev-2"]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[unknown-reference] /events/1/declined/0"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// The console blocks of `examples/rotation/README.md` print what they show. A block whose
/// first output line is `…` shows the last lines of the output only.
#[test]
fn the_example_readme_shows_real_output() {
    let readme = std::fs::read_to_string(root().join("examples/rotation/README.md")).unwrap();
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        for l in lines.by_ref().take_while(|l| l.trim() != "```") {
            match l.strip_prefix("$ ") {
                Some(cmd) => blocks.push((cmd.to_owned(), Vec::new())),
                None => blocks.last_mut().unwrap().1.push(l.to_owned()),
            }
        }
    }
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    for (cmd, expected) in blocks {
        let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
        let out = stdout(&ogp(&args));
        let actual: Vec<&str> = out.lines().collect();
        match expected.split_first() {
            Some((first, tail)) if first == "…" => {
                assert!(actual.len() >= tail.len(), "`{cmd}`");
                assert_eq!(&actual[actual.len() - tail.len()..], tail, "`{cmd}`");
            }
            _ => assert_eq!(actual, expected, "`{cmd}`"),
        }
    }
}
