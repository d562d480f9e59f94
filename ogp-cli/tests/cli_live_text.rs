//! Nothing live reaches the terminal: escape sequences and bidi overrides in titles, ids and
//! unknown field names are made visible in tables and messages, escaped in JSON (which reads
//! back the same), and kept exact in CSV written to a pipe (issue #10, "live content").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{Temp, ogp};
use serde_json::Value;

const ESC_TITLE: &str = "Open data \u{1b}]0;owned\u{7}\u{1b}[2J portal";
const BIDI_TITLE: &str = "Budget \u{202e}gnissecca\u{202c} law";

fn live(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| ogp_core::display::is_live(c))
        .collect()
}

/// The format sample with two commitment titles carrying live characters.
fn hostile_sample(tmp: &Temp) -> String {
    let sample = common::root().join("tests/fixtures/format-sample.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    v["plans"][0]["commitments"][0]["title"] = Value::String(ESC_TITLE.into());
    v["plans"][0]["commitments"][1]["title"] = Value::String(BIDI_TITLE.into());
    let path = tmp.path("hostile.json");
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

#[test]
fn titles_with_escape_sequences_or_bidi_overrides_print_visibly_in_tables() {
    let tmp = Temp::new("live", "table");
    let path = hostile_sample(&tmp);
    let out = ogp(&[
        "progress",
        &path,
        "--as-of",
        "2026-01-01",
        "--by",
        "commitment",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(live(&text), [], "{text}");
    assert!(text.contains("Open data ␛]0;owned␇␛[2J portal"), "{text}");
    assert!(
        text.contains("Budget <U+202E>gnissecca<U+202C> law"),
        "{text}"
    );
}

#[test]
fn json_output_escapes_live_characters_and_reads_back_the_same() {
    let tmp = Temp::new("live", "json");
    let path = hostile_sample(&tmp);
    let out = ogp(&[
        "progress",
        &path,
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(live(&text), [], "JSON printed a live character");
    assert!(text.contains(r"\u202e"), "bidi override not escaped");
    let v: Value = serde_json::from_str(&text).unwrap();
    let titles: Vec<String> = v["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["title"].as_str().map(str::to_owned))
        .collect();
    assert!(titles.iter().any(|t| t == ESC_TITLE), "{titles:?}");
    assert!(titles.iter().any(|t| t == BIDI_TITLE), "{titles:?}");
}

#[test]
fn csv_into_a_pipe_keeps_the_cells_exact() {
    let tmp = Temp::new("live", "csv");
    let path = hostile_sample(&tmp);
    let out = ogp(&[
        "progress",
        &path,
        "--as-of",
        "2026-01-01",
        "--format",
        "csv",
        "--by",
        "commitment",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(ESC_TITLE), "{text}");
}

#[test]
fn an_unknown_field_name_with_an_escape_sequence_is_shown_visibly_in_the_error() {
    let tmp = Temp::new("live", "field");
    let path = tmp.path("field.json");
    std::fs::write(
        &path,
        "{\"schema_version\": \"1\", \"x\\u001b[31mred\\u202e\": 1}",
    )
    .unwrap();
    let out = ogp(&["validate", &path]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap();
    assert_eq!(live(&err), [], "{err}");
    assert!(err.contains("x␛[31mred<U+202E>"), "{err}");
}
