//! Bounded work on any input (issue #10): each limit is a clear error, or a clear note, that
//! names the flag that raises it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Temp, ogp};

fn text(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A dataset with `n` organisations, each naming a parent that does not exist.
fn many_problems(tmp: &Temp, n: usize) -> String {
    let orgs: Vec<String> = (0..n)
        .map(|i| {
            format!(r#"{{"id": "o{i}", "name": "Org", "sector": "government", "parent": "p{i}"}}"#)
        })
        .collect();
    let path = tmp.path("many.json");
    let doc = format!(
        "{{\"schema_version\": \"1\", \"organizations\": [\n{}\n]}}",
        orgs.join(",\n")
    );
    std::fs::write(&path, doc).unwrap();
    path
}

#[test]
fn at_most_max_problems_are_printed_then_the_count_of_the_rest() {
    let tmp = Temp::new("limits", "problems");
    let path = many_problems(&tmp, 250);
    let out = ogp(&["validate", &path]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert_eq!(t.matches("error[unknown-reference]").count(), 200, "{t}");
    assert!(
        t.contains("… and 50 more problems not shown (--max-problems N"),
        "{t}"
    );
    assert!(t.contains("invalid (250 errors, 0 warnings)"), "{t}");
    let out = ogp(&["validate", &path, "--max-problems", "0"]);
    assert_eq!(text(&out).matches("error[unknown-reference]").count(), 250);
    let out = ogp(&["--max-problems", "3", "progress", &path]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(t.matches("error[unknown-reference]").count(), 3, "{t}");
    assert!(t.contains("… and 247 more problems not shown"), "{t}");
    // JSON lists every problem.
    let out = ogp(&["validate", &path, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(250));
}

#[test]
fn a_file_over_max_input_mb_is_refused_before_it_is_read() {
    let tmp = Temp::new("limits", "input");
    let path = many_problems(&tmp, 20_000); // ≈ 1.6 MB
    let out = ogp(&["--max-input-mb", "1", "validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(
        t.contains("more than the 1000000 ogp reads from one file"),
        "{t}"
    );
    assert!(t.contains("--max-input-mb"), "{t}");
    assert_eq!(
        ogp(&["--max-input-mb", "10", "validate", &path])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_series_over_max_dates_is_refused_at_once() {
    let out = ogp(&[
        "series",
        "tests/fixtures/format-sample.json",
        "--from",
        "0001",
        "--to",
        "9999",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("119988 dates (0001-01-31 to 9999-12-31)"), "{t}");
    assert!(t.contains("--max-dates"), "{t}");
    let out = ogp(&[
        "series",
        "tests/fixtures/format-sample.json",
        "--max-dates",
        "3",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = ogp(&[
        "series",
        "tests/fixtures/format-sample.json",
        "--max-dates",
        "24",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}
