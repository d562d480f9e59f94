//! The `ogp` binary end to end: `ogp validate` exits 1 on every invalid fixture and prints
//! each expected problem as `PATH: error[code] /pointer: message`, exits 0 on warning and valid
//! fixtures and 2 on usage and I/O errors; `--format json` is a parseable report; `ogp schema`
//! prints and writes the committed 2020-12 schemas; the help texts name the commands.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("ogp-cli sits in the repository root")
        .to_path_buf()
}

fn fixtures(folder: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(folder)
}

fn ogp(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogp"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the ogp binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The manifest of a fixture folder: file name → expected problems.
fn manifest(folder: &str) -> Vec<(String, Vec<Value>)> {
    let text = std::fs::read_to_string(fixtures(folder).join("expected.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v.as_object()
        .unwrap()
        .iter()
        .map(|(name, e)| (name.clone(), e["problems"].as_array().unwrap().clone()))
        .collect()
}

/// `PATH: severity[code] /pointer: ` — or, for a problem without a pointer (bad syntax),
/// `PATH: severity[code] line L, column C: `.
fn expected_prefix(path: &str, p: &Value) -> String {
    let severity = p["severity"].as_str().unwrap();
    let code = p["code"].as_str().unwrap();
    match p["pointer"].as_str() {
        Some("") => format!("{path}: {severity}[{code}] /: "),
        Some(ptr) => format!("{path}: {severity}[{code}] {ptr}: "),
        None => {
            let line = p["line"].as_u64().expect("a syntax problem has a line");
            format!("{path}: {severity}[{code}] line {line}, column ")
        }
    }
}

fn problem_lines(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.contains(": error[") || l.contains(": warning["))
        .collect()
}

#[test]
fn invalid_fixtures_exit_1_and_print_each_expected_problem() {
    let entries = manifest("invalid");
    assert!(entries.len() >= 20);
    let mut failures = Vec::new();
    for (name, problems) in entries {
        let path = fixtures("invalid").join(&name);
        let path_s = path.display().to_string();
        let out = ogp(&["validate", &path_s]);
        let text = stdout(&out);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit {:?}, expected 1\n{text}{}",
                out.status.code(),
                stderr(&out)
            ));
            continue;
        }
        let lines = problem_lines(&text);
        if lines.len() != problems.len() {
            failures.push(format!(
                "{name}: {} problem lines, expected {}\n{text}",
                lines.len(),
                problems.len()
            ));
        }
        for p in &problems {
            let prefix = expected_prefix(&path_s, p);
            if !lines.iter().any(|l| l.starts_with(&prefix)) {
                failures.push(format!("{name}: no line starts with {prefix:?}\n{text}"));
            }
        }
        let summary = text.lines().last().unwrap_or_default();
        if !(summary.starts_with(&format!("{path_s}: invalid (")) && summary.contains(" error")) {
            failures.push(format!("{name}: last line is not the summary: {summary:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn warning_fixtures_exit_0_and_print_their_warnings() {
    for (name, problems) in manifest("warning") {
        let path = fixtures("warning").join(&name);
        let path_s = path.display().to_string();
        let out = ogp(&["validate", &path_s]);
        let text = stdout(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}:\n{text}{}",
            stderr(&out)
        );
        for p in &problems {
            let prefix = expected_prefix(&path_s, p);
            assert!(
                text.lines().any(|l| l.starts_with(&prefix)),
                "{name}: no line starts with {prefix:?}\n{text}"
            );
        }
        assert!(!text.contains("error["), "{name}:\n{text}");
        assert!(
            text.contains(&format!("{path_s}: valid (0 errors,")),
            "{name}:\n{text}"
        );
    }
}

fn valid_datasets() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures("valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    let sample = repo().join("tests/fixtures/format-sample.json");
    if sample.is_file() {
        out.push(sample);
    }
    if let Ok(dirs) = std::fs::read_dir(repo().join("examples")) {
        out.extend(
            dirs.map(|d| d.unwrap().path().join("dataset.json"))
                .filter(|p| p.is_file()),
        );
    }
    out
}

#[test]
fn valid_datasets_exit_0() {
    let files = valid_datasets();
    assert!(files.len() >= 3);
    for path in files {
        let path_s = path.display().to_string();
        let out = ogp(&["validate", &path_s]);
        let text = stdout(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{path_s}:\n{text}{}",
            stderr(&out)
        );
        assert!(!text.contains("error["), "{path_s}:\n{text}");
        assert!(text.contains(": valid (0 errors"), "{path_s}:\n{text}");
    }
}

#[test]
fn the_readme_command_validates_the_morocco_example() {
    let example = repo().join("examples/morocco-nap3/dataset.json");
    assert!(example.is_file(), "{} is missing", example.display());
    let out = ogp(&["validate", "examples/morocco-nap3/dataset.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn json_format_is_a_parseable_report() {
    // An invalid fixture: the report lists the manifest's problems.
    let path = fixtures("invalid").join("unknown-reference-kind.json");
    let out = ogp(&["validate", &path.display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("--format json prints JSON");
    assert_eq!(doc["valid"], Value::Bool(false));
    assert_eq!(doc["errors"], Value::from(1));
    assert_eq!(doc["warnings"], Value::from(0));
    let problems = doc["problems"].as_array().expect("problems is a list");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0]["severity"], "error");
    assert_eq!(problems[0]["code"], "unknown-reference");
    assert_eq!(
        problems[0]["location"]["pointer"],
        "/plans/0/commitments/0/lead"
    );
    assert!(problems[0]["message"].as_str().unwrap().contains("theme"));

    // A warning fixture is valid, with its warning listed.
    let path = fixtures("warning").join("sector-mismatch.json");
    let out = ogp(&["validate", &path.display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["valid"], Value::Bool(true));
    assert_eq!(doc["errors"], Value::from(0));
    assert_eq!(doc["problems"][0]["severity"], "warning");
    assert_eq!(doc["problems"][0]["code"], "sector-mismatch");

    // A syntax error: located by line and column, no pointer.
    let path = fixtures("invalid").join("json-syntax.json");
    let out = ogp(&["validate", &path.display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let loc = &doc["problems"][0]["location"];
    assert_eq!(doc["problems"][0]["code"], "json-syntax");
    assert!(loc.get("pointer").is_none(), "{loc}");
    assert_eq!(loc["line"], Value::from(5));
    assert!(loc["column"].as_u64().unwrap() >= 1, "{loc}");

    // A valid dataset: no problem at all.
    let path = fixtures("valid").join("minimal.json");
    let out = ogp(&["validate", &path.display().to_string(), "--format=json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["valid"], Value::Bool(true));
    assert_eq!(doc["problems"], Value::Array(vec![]));
}

/// A fresh, empty folder under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p =
            std::env::temp_dir().join(format!("ogp-cli-test-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = ogp(&["validate", "tests/fixtures/no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-file.json"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    let out = ogp(&["validate", "tests/fixtures"]); // a folder, not a file
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));

    let valid = fixtures("valid").join("minimal.json").display().to_string();
    for args in [
        vec!["validate", valid.as_str(), "--format", "yaml"],
        vec!["validate", valid.as_str(), "--bogus"],
        vec!["validate"],
        vec!["no-such-command"],
        vec![],
        vec!["schema", "--name", "Nope"],
    ] {
        let out = ogp(&args);
        assert_eq!(out.status.code(), Some(2), "ogp {args:?}: {}", stderr(&out));
        assert!(!stderr(&out).trim().is_empty(), "ogp {args:?} says nothing");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_an_encoding_error() {
    let dir = TempDir::new("latin1");
    let path = dir.0.join("latin1.json");
    std::fs::write(
        &path,
        b"{\"schema_version\": \"1\",\n \"organizations\": [{\"id\": \"a\", \"name\": \"Minist\xe8re\", \"sector\": \"government\"}]}",
    )
    .unwrap();
    let path_s = path.display().to_string();
    let out = ogp(&["validate", &path_s]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&format!("{path_s}: error[encoding-error] line 2")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn schema_prints_the_committed_2020_12_dataset_schema() {
    let out = ogp(&["schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).expect("ogp schema prints JSON");
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/dataset.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, committed);

    let out = ogp(&["schema", "--name", "Organization"]);
    assert_eq!(out.status.code(), Some(0));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/organization.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, committed);
}

#[test]
fn schema_out_writes_the_same_files_as_schemas() {
    let dir = TempDir::new("schemas");
    let out_dir = dir.0.join("nested").join("schemas");
    let out = ogp(&["schema", "--out", &out_dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let written = list(&out_dir);
    let committed = list(&repo().join("schemas"));
    assert_eq!(written, committed);
    assert!(written.contains(&"dataset.schema.json".to_owned()));
    for f in &written {
        assert_eq!(
            std::fs::read(out_dir.join(f)).unwrap(),
            std::fs::read(repo().join("schemas").join(f)).unwrap(),
            "{f} differs from schemas/{f}: run `cargo run -p ogp-cli -- schema --out schemas --force`"
        );
    }
}

#[test]
fn help_names_the_commands_and_options() {
    let out = ogp(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for word in ["validate", "schema", "Usage"] {
        assert!(text.contains(word), "ogp --help lacks {word:?}:\n{text}");
    }

    let out = ogp(&["validate", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for word in ["--format", "text", "json", "PATH"] {
        assert!(
            text.contains(word),
            "ogp validate --help lacks {word:?}:\n{text}"
        );
    }

    let out = ogp(&["schema", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for word in ["--out", "--name"] {
        assert!(
            text.contains(word),
            "ogp schema --help lacks {word:?}:\n{text}"
        );
    }

    let out = ogp(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("ogp "), "{}", stdout(&out));
}
