//! `ogp select` end to end: the table, the JSON audit, `--verify` of an identical and of a
//! tampered audit, exit codes, and the example README's console block.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{ogp, root};

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch file of this test binary, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, text: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("ogp-cli-select-{}-{name}", std::process::id()));
        std::fs::write(&p, text).unwrap();
        Scratch(p)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const EXAMPLE: &str = "examples/selection/dataset.json";
const SAMPLE: &str = "tests/fixtures/format-sample.json";

#[test]
fn the_table_ranks_explains_and_lists_quotas_and_ties() {
    let out = ogp(&["select", EXAMPLE, "--call", "zz-call-2019"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |id: &str| {
        text.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .unwrap_or_else(|| panic!("no line for {id}:\n{text}"))
            .to_owned()
    };
    let first = line("cand-01");
    assert!(first.trim_start().starts_with("1 "), "{first}");
    assert!(first.contains("85.78"), "{first}");
    assert!(first.contains("selected (seat 1)"), "{first}");
    assert!(first.ends_with("Cedar Environmental Network"), "{first}");
    assert!(line("cand-03").contains("quota max"));
    assert!(line("cand-06").contains("reserved for quota"));
    assert!(line("cand-07").contains("selected (seat 5)"));
    assert!(line("cand-09").contains("below min score"));
    assert!(line("cand-11").contains("ineligible"));
    assert!(text.contains("focus=disability  min 1 max 5  selected 1 (cand-07)  met"));
    assert!(
        text.contains("by lottery: cand-05 key 4a506460e1991318, cand-06 key 5f17e95c6256face")
    );
    assert!(text.contains("cand-08 on experience by judge-3: 9 (conflict of interest)"));
    assert!(text.contains("selected (5 of 5): cand-01, cand-02, cand-04, cand-05, cand-07"));
}

#[test]
fn json_is_the_audit_and_the_only_call_needs_no_flag() {
    let out = ogp(&["select", SAMPLE, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["call"], "zz-call-2026");
    assert_eq!(v["selected"], serde_json::json!(["cand-access"]));
    assert_eq!(v["seed"], 2026);
    assert_eq!(v["candidates"][0]["criteria"][0]["combined"], 7.5);
    assert_eq!(
        v["candidates"][1]["failed_requirements"][0]["reason"],
        "term_limit"
    );
    assert_eq!(v["fingerprint"].as_str().unwrap().len(), 64);
}

#[test]
fn verify_an_identical_audit_exits_0_and_a_tampered_one_1() {
    let out = ogp(&["select", EXAMPLE, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let audit = Scratch::new("audit.json", &stdout(&out));
    let ok = ogp(&["select", EXAMPLE, "--verify", audit.path()]);
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("identical"), "{}", stdout(&ok));

    // Someone publishes seat 4 for cand-06 instead of cand-05.
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["selected"][3] = Value::from("cand-06");
    let bad = Scratch::new("tampered.json", &serde_json::to_string_pretty(&v).unwrap());
    let out = ogp(&["select", EXAMPLE, "--verify", bad.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("/selected/3: published \"cand-06\", recomputed \"cand-05\""),
        "{text}"
    );
    assert!(text.contains("1 difference from a recomputation"), "{text}");

    // The audit of another call, or text that is not an audit: a usage error.
    let out = ogp(&[
        "select",
        EXAMPLE,
        "--call",
        "other",
        "--verify",
        audit.path(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let junk = Scratch::new("junk.json", "not json");
    let out = ogp(&["select", EXAMPLE, "--verify", junk.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not JSON"), "{}", stderr(&out));
}

#[test]
fn exit_codes_for_unknown_calls_invalid_data_and_unfinished_selections() {
    let out = ogp(&["select", SAMPLE, "--call", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("zz-call-2026"), "{}", stderr(&out));

    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    // A score outside its 0–10 scale: validation errors, exit 1.
    v["calls"][0]["scores"][0]["score"] = Value::from(12);
    let invalid = Scratch::new("invalid.json", &v.to_string());
    let out = ogp(&["select", invalid.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error[bad-scale]"),
        "{}",
        stderr(&out)
    );

    // One seat, the youth forum eligible and tied, a lottery and no seed: the result
    // is printed, and the selection is not final (exit 1).
    v["calls"][0]["scores"][0]["score"] = Value::from(7);
    v["calls"][0]["seats"] = Value::from(1);
    v["calls"][0]["tie_break"] = serde_json::json!(["lottery"]);
    v["calls"][0].as_object_mut().unwrap().remove("seed");
    v["committees"][0]["max_consecutive_terms"] = Value::from(3);
    // cand-youth: experience 8 → 80, plan 6 → 60, diversity 2 → 66.667: 69.333 like cand-access.
    for (i, s) in [(6, 8), (7, 6), (8, 2)] {
        v["calls"][0]["scores"][i]["score"] = Value::from(s);
    }
    let tied = Scratch::new("tied.json", &v.to_string());
    let out = ogp(&["select", tied.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("error[no-seed]"), "{text}");
    assert!(text.contains("error[unresolved-tie]"), "{text}");
    assert!(
        text.contains("selected (0 of 1): nobody — not final"),
        "{text}"
    );
    assert!(stderr(&out).contains("is not final"), "{}", stderr(&out));
}

/// The example README shows exactly what `ogp select` prints.
#[test]
fn the_example_readme_shows_the_real_output() {
    let readme = std::fs::read_to_string(root().join("examples/selection/README.md")).unwrap();
    let mut lines = readme.lines();
    let mut checked = 0;
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let (cmd, expected) = body.split_first().unwrap();
        let args: Vec<&str> = cmd.strip_prefix("$ ogp ").unwrap().split(' ').collect();
        let out = ogp(&args);
        let actual = stdout(&out);
        let actual: Vec<&str> = actual.lines().collect();
        assert_eq!(actual, expected, "`{cmd}` prints something else");
        checked += 1;
    }
    assert_eq!(checked, 1);
}
