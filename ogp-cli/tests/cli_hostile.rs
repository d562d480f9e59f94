//! The hostile corpus (`tests/fixtures/hostile/manifest.json`, issue #10) through the `ogp`
//! binary: every case exits with its expected code (1 or 2, or 0 for success with a warning)
//! within a time limit, never panics, prints a message that names the location, and never
//! writes a raw terminal escape (ESC) or bidirectional override to the terminal.
//!
//! The inputs are built from the manifest's recipes at test time (the big ones, and the
//! FIFOs and links git cannot hold); `tests/python/test_hostile.py` builds them the same way
//! and runs the same cases through the Python module.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{Temp, root};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one case may run (a hang is killed and reported by name).
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// The folder of the corpus.
fn hostile() -> PathBuf {
    root().join("tests/fixtures/hostile")
}

/// The cases of the manifest, in order.
fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(hostile().join("manifest.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    manifest["cases"].as_array().unwrap().clone()
}

/// A content of the manifest as text: a string, or `{"repeat": [[text, count], ...]}`.
fn text_of(content: &Value) -> String {
    if let Some(s) = content.as_str() {
        return s.to_owned();
    }
    let mut text = String::new();
    for part in content["repeat"].as_array().unwrap() {
        let count = usize::try_from(part[1].as_u64().unwrap()).unwrap();
        text.push_str(&part[0].as_str().unwrap().repeat(count));
    }
    text
}

/// `text` in `encoding` (`utf-8` when absent; `utf-16-le` without a BOM of its own, `latin-1`
/// for text whose characters all fit in a byte).
fn encoded(text: &str, encoding: Option<&str>) -> Vec<u8> {
    match encoding {
        None | Some("utf-8") => text.as_bytes().to_vec(),
        Some("utf-16-le") => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Some("latin-1") => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("a character outside Latin-1"))
            .collect(),
        Some(other) => panic!("unknown encoding {other}"),
    }
}

/// Puts a FIFO, a folder or a dangling symbolic link at `path`.
fn make_special(path: &Path, kind: &str) {
    if path.symlink_metadata().is_ok() {
        std::fs::remove_file(path).unwrap();
    }
    match kind {
        "fifo" => {
            let made = Command::new("mkfifo").arg(path).status().unwrap();
            assert!(made.success(), "mkfifo {}", path.display());
        }
        "folder" => std::fs::create_dir(path).unwrap(),
        "dangling-link" => {
            std::os::unix::fs::symlink(path.with_file_name("no-such-file.csv"), path).unwrap();
        }
        other => panic!("unknown special file kind {other}"),
    }
}

/// Copies the folder `from` into `to` (flat: a bundle has no subfolders).
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Builds the input of `case` in `work` (or finds it in the corpus); its path. Every recipe
/// of the manifest is implemented here and in `tests/python/test_hostile.py`.
fn prepare(case: &Value, work: &Path) -> PathBuf {
    let spec = &case["input"];
    let name = case["name"].as_str().unwrap();
    if let Some(file) = spec["file"].as_str() {
        return hostile().join(file);
    }
    let target = work.join(spec["as"].as_str().unwrap());
    let encoding = spec["encoding"].as_str();
    if let (Some(kind), None) = (spec["special"].as_str(), spec.get("bundle")) {
        make_special(&target, kind);
    } else if let Some(base) = spec["edit"].as_str() {
        let mut text = std::fs::read_to_string(hostile().join(base)).unwrap();
        for pair in spec["replace"].as_array().unwrap() {
            let old = pair[0].as_str().unwrap();
            assert!(text.contains(old), "{name}: {old:?} is not in {base}");
            text = text.replacen(old, &text_of(&pair[1]), 1);
        }
        std::fs::write(&target, encoded(&text, encoding)).unwrap();
    } else if spec.get("repeat").is_some() {
        std::fs::write(&target, encoded(&text_of(spec), encoding)).unwrap();
    } else if let Some(base) = spec["truncate"].as_str() {
        let bytes = std::fs::read(hostile().join(base)).unwrap();
        let keep = usize::try_from(spec["bytes"].as_u64().unwrap()).unwrap();
        std::fs::write(&target, &bytes[..keep.min(bytes.len())]).unwrap();
    } else if let Some(bundle) = spec["workbook"].as_str() {
        let whole = work.join("whole.xlsx");
        let made = Command::new(env!("CARGO_BIN_EXE_ogp"))
            .arg("convert")
            .arg(hostile().join(bundle))
            .arg(&whole)
            .output()
            .unwrap();
        assert!(made.status.success(), "{name}: cannot write the workbook");
        let bytes = std::fs::read(&whole).unwrap();
        let keep = usize::try_from(spec["bytes"].as_u64().unwrap()).unwrap();
        std::fs::write(&target, &bytes[..keep.min(bytes.len())]).unwrap();
    } else if let Some(bundle) = spec["bundle"].as_str() {
        copy_folder(&hostile().join(bundle), &target);
        for file in spec["remove"].as_array().into_iter().flatten() {
            std::fs::remove_file(target.join(file.as_str().unwrap())).unwrap();
        }
        for (file, content) in spec["files"].as_object().into_iter().flatten() {
            let bytes = match content.get("content") {
                Some(inner) => encoded(&text_of(inner), content["encoding"].as_str()),
                None => encoded(&text_of(content), None),
            };
            std::fs::write(target.join(file), bytes).unwrap();
        }
        for (file, kind) in spec["special"].as_object().into_iter().flatten() {
            make_special(&target.join(file), kind.as_str().unwrap());
        }
    } else {
        panic!("{name}: unknown input recipe {spec}");
    }
    target
}

/// What one run of the binary gave.
struct Run {
    /// The exit code; `None` when killed by a signal.
    code: Option<i32>,
    /// Standard output and standard error, in that order.
    output: String,
    /// How long it took.
    took: Duration,
}

/// Runs `ogp args` with the time limit; `Err` naming the case when it is still running then.
/// Output goes to files, not pipes, so that a case printing megabytes cannot block on a full
/// pipe and pass for a hang.
fn run(args: &[String], work: &Path) -> Result<Run, String> {
    let stdout = work.join("stdout.txt");
    let stderr = work.join("stderr.txt");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ogp"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIME_LIMIT:?} (killed)"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let mut output = String::from_utf8_lossy(&std::fs::read(&stdout).unwrap()).into_owned();
    output.push_str(&String::from_utf8_lossy(&std::fs::read(&stderr).unwrap()));
    Ok(Run {
        code: status.code(),
        output,
        took,
    })
}

/// Characters that must never reach a terminal raw: ESC (the start of every escape
/// sequence) and the bidirectional embeddings, overrides and isolates.
fn unsafe_for_terminal(c: char) -> bool {
    c == '\u{1b}'
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The expected exit codes of a case (`1`, or `[1, 2]`).
fn expected_codes(case: &Value) -> Vec<i32> {
    match &case["exit"] {
        Value::Array(codes) => codes
            .iter()
            .map(|c| i32::try_from(c.as_i64().unwrap()).unwrap())
            .collect(),
        code => vec![i32::try_from(code.as_i64().unwrap()).unwrap()],
    }
}

/// Runs one case; what is wrong with its outcome, if anything.
fn check(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap();
    let t = Temp::new("hostile", name);
    let out = t.0.join("out");
    std::fs::create_dir(&out).unwrap();
    let input = prepare(case, &t.0);
    let args: Vec<String> = case["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a.as_str()
                .unwrap()
                .replace("{input}", input.to_str().unwrap())
                .replace("{out}", out.to_str().unwrap())
                .replace("{hostile}", hostile().to_str().unwrap())
        })
        .collect();
    let r = run(&args, &t.0)?;
    let shown: String = r
        .output
        .lines()
        .take(12)
        .map(|l| {
            format!(
                "\n    {}",
                l.chars().take(300).collect::<String>().escape_debug()
            )
        })
        .collect();
    let mut wrong = Vec::new();
    if r.code == Some(101) || r.output.contains("panicked") {
        wrong.push("panicked".to_owned());
    }
    let expected = expected_codes(case);
    if !r.code.is_some_and(|c| expected.contains(&c)) {
        wrong.push(format!("exit {:?}, expected {expected:?}", r.code));
    }
    if r.code != Some(0) && r.output.trim().is_empty() {
        wrong.push("no message at all".to_owned());
    }
    let message = case["message"].as_str().unwrap();
    let location: Vec<&str> = match &case["location"] {
        Value::Array(parts) => parts.iter().map(|p| p.as_str().unwrap()).collect(),
        one => vec![one.as_str().unwrap()],
    };
    let located = r
        .output
        .lines()
        .any(|l| l.contains(message) && location.iter().all(|part| l.contains(part)));
    if !located {
        wrong.push(format!("no line names both {message:?} and {location:?}"));
    }
    if let Some(c) = r.output.chars().find(|c| unsafe_for_terminal(*c)) {
        wrong.push(format!("prints a raw {:?} to the terminal", c));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} (took {:.1?}); output:{shown}",
            wrong.join("; "),
            r.took
        ))
    }
}

#[test]
fn the_manifest_has_at_least_sixty_distinct_cases() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.len() >= 60, "{} cases", names.len());
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "case names repeat");
}

/// Every case, each reported by name; one failing case does not hide the others. Set
/// `OGP_HOSTILE_CASE` to a case's name to run that one alone.
#[test]
fn every_hostile_case_fails_cleanly_and_in_time() {
    let only = std::env::var("OGP_HOSTILE_CASE").ok();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases() {
        let name = case["name"].as_str().unwrap().to_owned();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        ran += 1;
        if let Err(why) = check(&case) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(ran > 0, "no case is named {only:?}");
    assert!(
        failures.is_empty(),
        "{} of {ran} hostile cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
