//! A reader that goes away (`ogp … | head -1`) ends `ogp` quietly with status 0, as ripgrep
//! does: no panic (exit 101), no error message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

/// Runs `ogp args`, reads one byte of its output, closes the pipe, and returns the exit code
/// and what it printed to standard error.
fn closed_early(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ogp"))
        .args(args)
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `schema` (≈ 80 KB) and this series (≈ 400 KB) print more than a pipe holds (64 KiB), so
    // a write after the close fails; the select audit and the progress JSON (≈ 40 KB) may fit
    // in the pipe, and must end quietly too.
    for args in [
        vec!["schema"],
        vec![
            "series",
            "examples/morocco-nap3/dataset.json",
            "--level",
            "commitment",
            "--from",
            "1990",
            "--to",
            "2060",
        ],
        vec![
            "select",
            "examples/selection/dataset.json",
            "--format",
            "json",
        ],
        vec![
            "progress",
            "examples/morocco-nap3/dataset.json",
            "--as-of",
            "2025-03-18",
            "--format",
            "json",
        ],
    ] {
        let (code, err) = closed_early(&args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

/// Titles that a spreadsheet would run as a formula come out of every CSV report inert
/// (issue #10: `progress` and `series` CSVs printed them raw).
#[test]
fn report_csvs_are_formula_safe() {
    let src = common::root().join("examples/morocco-nap3/dataset.json");
    let text = std::fs::read_to_string(src).unwrap();
    let evil = "=cmd|' /C calc'!A0";
    let text = text.replacen(
        "\"en\": \"Revise access to information (law 31.13)\"",
        &format!("\"en\": {evil:?}"),
        1,
    );
    assert!(text.contains(evil));
    let dir = std::env::temp_dir().join(format!("ogp-cli-formula-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("evil.json");
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        vec![
            "progress",
            p,
            "--as-of",
            "2025-03-18",
            "--format",
            "csv",
            "--lang",
            "en",
        ],
        vec!["series", p, "--level", "commitment", "--lang", "en"],
    ] {
        let out = common::ogp(&args);
        let csv = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(csv.contains("'=cmd|"), "{args:?}: the title is escaped");
        assert!(!csv.contains(",=cmd|"), "{args:?}: never raw");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
