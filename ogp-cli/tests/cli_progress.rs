//! `ogp progress` and `ogp series` end to end: the figures, the published figures beside them,
//! and every kind of bad input the issue names.
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

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const MOROCCO: &str = "examples/morocco-nap3/dataset.json";
const SAMPLE: &str = "tests/fixtures/format-sample.json";

#[test]
fn json_output_sets_the_reported_29_beside_the_computed_figure() {
    let v = json(&ogp(&[
        "progress",
        MOROCCO,
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]));
    assert_eq!(v["plan"], "ma-nap3");
    assert_eq!(v["as_of"], "2025-03-18");
    assert_eq!(v["method"], "commitment_mean");
    let percent = v["percent"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&percent));
    let stated: Vec<&Value> = v["reported"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["meeting"] == "ma-nap3-steering-m2")
        .collect();
    assert_eq!(stated.len(), 1);
    assert_eq!(stated[0]["percent"], 29);
    let diff = stated[0]["difference"].as_f64().unwrap();
    assert!((diff - (percent - 29.0)).abs() < 1e-9);
    // Only figures on or before the date: the later 37% and 52% are not listed yet.
    assert!(
        v["reported"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["percent"] != 37 && r["percent"] != 52)
    );
    for c in v["commitments"].as_array().unwrap() {
        for key in [
            "id",
            "title",
            "percent",
            "expected",
            "status",
            "weight",
            "milestones",
        ] {
            assert!(c.get(key).is_some(), "commitment without {key}: {c}");
        }
    }
}

#[test]
fn the_worked_example_through_the_cli() {
    let v = json(&ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]));
    assert_eq!(v["percent"], 41.875);
    assert_eq!(v["expected"], 12.5);
    let v = json(&ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2025-03-18",
        "--method",
        "milestone_mean",
        "--format",
        "json",
    ]));
    assert_eq!(v["percent"], 43);
    let v = json(&ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2025-03-18",
        "--by",
        "theme",
        "--format",
        "json",
    ]));
    let groups: Vec<(&str, f64)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["percent"].as_f64().unwrap()))
        .collect();
    assert_eq!(groups, [("zz-t1", 43.75), ("zz-t2", 40.0)]);
}

#[test]
fn dates_in_any_precision_mean_their_last_day() {
    for (arg, day) in [
        ("2025-03", "2025-03-31"),
        ("2025", "2025-12-31"),
        ("2025-03-18", "2025-03-18"),
    ] {
        let v = json(&ogp(&[
            "progress", SAMPLE, "--as-of", arg, "--format", "json",
        ]));
        assert_eq!(v["as_of"], day);
    }
    let out = ogp(&["progress", SAMPLE, "--as-of", "18/03/2025"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn before_the_plan_starts_everything_is_zero_and_not_started() {
    let v = json(&ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2023-06-30",
        "--format",
        "json",
    ]));
    assert_eq!(v["percent"], 0);
    assert_eq!(v["status"], "not_started");
    for c in v["commitments"].as_array().unwrap() {
        assert_eq!(c["status"], "not_started");
    }
}

#[test]
fn an_unknown_plan_names_the_plans_that_exist() {
    let out = ogp(&[
        "progress",
        MOROCCO,
        "--plan",
        "ma-nap9",
        "--as-of",
        "2025-03-18",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ma-nap9") && err.contains("ma-nap3"), "{err}");
}

#[test]
fn several_plans_are_all_computed_unless_one_is_chosen() {
    let dir = std::env::temp_dir().join(format!("ogp-two-plans-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    let mut second = v["plans"][0].clone();
    second["id"] = "zz-nap2".into();
    second["themes"] = Value::Array(Vec::new());
    second["commitments"] = Value::Array(Vec::new());
    second["reported"] = Value::Array(Vec::new());
    v["plans"].as_array_mut().unwrap().push(second);
    let path = dir.join("two.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let out = ogp(&["progress", path.to_str().unwrap(), "--as-of", "2025-03-18"]);
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    let all = ogp(&[
        "progress",
        path.to_str().unwrap(),
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]);
    let chosen = ogp(&[
        "progress",
        path.to_str().unwrap(),
        "--plan",
        "zz-nap1",
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    // Without --plan, every plan is computed: one table each, a JSON array of both.
    assert_eq!(out.status.code(), Some(0));
    assert!(
        table.contains("zz-nap1") && table.contains("zz-nap2"),
        "{table}"
    );
    let all = json(&all);
    assert_eq!(all[0]["plan"], "zz-nap1");
    assert_eq!(all[1]["plan"], "zz-nap2");
    assert_eq!(all[0]["percent"], 41.875);
    assert_eq!(json(&chosen)["percent"], 41.875);
}

#[test]
fn a_dataset_with_errors_gives_the_errors_not_a_number() {
    let out = ogp(&[
        "progress",
        "examples/mistakes/mistakes.json",
        "--as-of",
        "2025-03-18",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no figure may be printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[unknown-reference]"), "{err}");
    assert!(err.contains("error[weights-missing]"), "{err}");
}

#[test]
fn csv_and_table_formats() {
    let out = ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2025-03-18",
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "plan,as_of,level,id,parent,number,title,percent,expected,status,weight"
    );
    assert_eq!(
        lines.next().unwrap(),
        "zz-nap1,2025-03-18,plan,zz-nap1,,,First national action plan (format sample),41.875,12.5,\
         on_track,"
    );
    assert!(text.contains(
        "zz-nap1,2025-03-18,milestone,zz-c1-m2,zz-c1,,Monthly execution data,25,0,on_track,0.75"
    ));
    let out = ogp(&[
        "progress",
        SAMPLE,
        "--as-of",
        "2025-03-18",
        "--lang",
        "fr",
        "--explain",
    ]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("Ouvrir le budget"), "{table}");
    assert!(
        table.contains("(100×1 + 25×3)") || table.contains("Σ weight"),
        "{table}"
    );
}

#[test]
fn series_is_long_format_and_equals_pointwise() {
    let out = ogp(&[
        "series",
        SAMPLE,
        "--every",
        "quarter",
        "--from",
        "2024",
        "--to",
        "2025",
        "--level",
        "commitment",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "plan,date,level,id,title,percent,expected,status"
    );
    // The plan column first, then the columns as before.
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').skip(1).collect()).collect();
    assert_eq!(rows.len(), 8 * 2);
    for row in rows
        .iter()
        .filter(|r| r[0] == "2025-03-31" || r[0] == "2024-12-31")
    {
        let v = json(&ogp(&[
            "progress", SAMPLE, "--as-of", row[0], "--format", "json",
        ]));
        let c = v["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == row[2])
            .unwrap();
        assert_eq!(
            row[4].parse::<f64>().unwrap(),
            c["percent"].as_f64().unwrap()
        );
        assert_eq!(
            row[5].parse::<f64>().unwrap(),
            c["expected"].as_f64().unwrap()
        );
        assert_eq!(row[6], c["status"].as_str().unwrap());
    }
    let out = ogp(&[
        "series", SAMPLE, "--format", "json", "--from", "2025-01", "--to", "2025-02",
    ]);
    let v = json(&out);
    let dates: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-01-31", "2025-02-28"]);
}
