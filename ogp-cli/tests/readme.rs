//! The README's console examples are real: each `$ ogp …` block is run and its output compared
//! with what the README shows (a line with `…` matches on the text around it; a line that is
//! only `…` ends the comparison, the rest being elided).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::Command;

/// `(command line, expected output lines)` for every console block that runs `ogp`.
fn console_blocks(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let mut current: Option<(String, Vec<String>)> = None;
        for l in body {
            if let Some(cmd) = l.strip_prefix("$ ") {
                if let Some(b) = current.take() {
                    blocks.push(b);
                }
                current = Some((cmd.to_owned(), Vec::new()));
            } else if let Some((_, out)) = current.as_mut() {
                out.push(l.to_owned());
            }
        }
        blocks.extend(current);
    }
    blocks
        .into_iter()
        .filter(|(cmd, _)| cmd.starts_with("ogp "))
        .collect()
}

fn matches(expected: &str, actual: &str) -> bool {
    match expected.split_once('…') {
        None => expected == actual,
        Some((head, tail)) => {
            actual.starts_with(head)
                && actual.ends_with(tail)
                && actual.len() >= head.len() + tail.len()
        }
    }
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = console_blocks(&readme);
    assert!(
        blocks.len() >= 4,
        "expected the README's console examples, found {blocks:?}"
    );
    for (cmd, expected) in blocks {
        let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_ogp"))
            .args(&args)
            .current_dir(root)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let actual: Vec<&str> = stdout.lines().collect();
        for (i, want) in expected.iter().enumerate() {
            if want.trim() == "…" {
                break;
            }
            let got = actual.get(i).copied().unwrap_or("<no line>");
            assert!(
                matches(want, got),
                "README `$ {cmd}`, line {}:\n  README: {want}\n  actual: {got}",
                i + 1
            );
        }
        if expected.last().is_none_or(|l| l.trim() != "…") {
            assert_eq!(
                actual.len(),
                expected.len(),
                "README `$ {cmd}` shows {} lines, the command prints {}",
                expected.len(),
                actual.len()
            );
        }
    }
}
