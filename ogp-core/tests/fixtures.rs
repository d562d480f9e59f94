//! The fixture corpus in `tests/fixtures/` is the oracle: every invalid and warning fixture
//! reports exactly the problems its folder's `expected.json` lists (severity, code, JSON
//! pointer, and line where given), and every valid dataset (valid fixtures, the format sample,
//! the examples) has no error, round-trips through JSON unchanged and is written byte-stably.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ogp_core::{Code, Dataset, Error, Problem, Severity, validate};
use serde::Deserialize;

/// The repository root (the parent of this crate).
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("ogp-core sits in the repository root")
        .to_path_buf()
}

fn fixtures(folder: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(folder)
}

/// One expected problem of a manifest.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    severity: String,
    code: String,
    pointer: Option<String>,
    line: Option<u64>,
}

/// One manifest entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    problems: Vec<Expected>,
    #[allow(dead_code)] // read by tests/schemas.rs; here only its presence is checked
    schema_violation: bool,
}

fn manifest(folder: &str) -> BTreeMap<String, Entry> {
    let path = fixtures(folder).join("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `*.json` documents of a fixture folder (the manifest excluded), by file name.
fn documents(folder: &str) -> BTreeSet<String> {
    std::fs::read_dir(fixtures(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Loads `src` and validates it if it loads: every problem, as `ogp validate` sees them.
fn problems_of(src: &str) -> Vec<Problem> {
    match Dataset::from_json(src) {
        Ok(ds) => validate(&ds).problems,
        Err(Error::Parse { problems }) => problems,
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

fn show(p: &Problem) -> String {
    format!(
        "{}[{}] {:?} line {:?}: {}",
        p.severity.as_str(),
        p.code,
        p.location.pointer,
        p.location.line,
        p.message
    )
}

/// Compares a document's problems with its manifest entry; returns what differs.
fn mismatch(name: &str, src: &str, entry: &Entry) -> Option<String> {
    let actual = problems_of(src);
    let got: Vec<(&str, &str, Option<&str>)> = actual
        .iter()
        .map(|p| {
            (
                p.severity.as_str(),
                p.code.as_str(),
                p.location.pointer.as_deref(),
            )
        })
        .collect();
    let want: Vec<(&str, &str, Option<&str>)> = entry
        .problems
        .iter()
        .map(|e| (e.severity.as_str(), e.code.as_str(), e.pointer.as_deref()))
        .collect();
    let lines_ok = got == want
        && entry
            .problems
            .iter()
            .zip(&actual)
            .all(|(e, p)| e.line.is_none() || e.line == p.location.line);
    if lines_ok {
        return None;
    }
    let listed: Vec<String> = actual.iter().map(show).collect();
    Some(format!(
        "{name}:\n  expected {:?}\n  got      {}",
        entry
            .problems
            .iter()
            .map(|e| (
                e.severity.as_str(),
                e.code.as_str(),
                e.pointer.as_deref(),
                e.line
            ))
            .collect::<Vec<_>>(),
        if listed.is_empty() {
            "no problem at all".to_owned()
        } else {
            listed.join("\n           ")
        }
    ))
}

/// Checks every document of a folder against its manifest; all mismatches in one failure.
fn check_folder(folder: &str) -> BTreeMap<String, Entry> {
    let manifest = manifest(folder);
    let failures: Vec<String> = manifest
        .iter()
        .filter_map(|(name, entry)| {
            let src = read(&fixtures(folder).join(name));
            mismatch(name, &src, entry)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {folder} fixtures differ from tests/fixtures/{folder}/expected.json:\n{}",
        failures.len(),
        manifest.len(),
        failures.join("\n")
    );
    manifest
}

#[test]
fn invalid_fixtures_report_exactly_their_manifest() {
    let manifest = check_folder("invalid");
    for (name, entry) in &manifest {
        assert!(
            entry.problems.iter().any(|p| p.severity == "error"),
            "{name}: an invalid fixture must expect at least one error"
        );
    }
}

#[test]
fn warning_fixtures_report_only_warnings() {
    let manifest = check_folder("warning");
    for (name, entry) in &manifest {
        assert!(
            !entry.problems.is_empty() && entry.problems.iter().all(|p| p.severity == "warning"),
            "{name}: a warning fixture must expect warnings and nothing else"
        );
        let src = read(&fixtures("warning").join(name));
        let ds = Dataset::from_json(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!validate(&ds).has_errors(), "{name} has errors");
    }
}

#[test]
fn manifests_and_folders_list_the_same_files() {
    for folder in ["invalid", "warning"] {
        let listed: BTreeSet<String> = manifest(folder).into_keys().collect();
        let present = documents(folder);
        let missing: Vec<_> = present.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&present).collect();
        assert!(
            missing.is_empty() && stale.is_empty(),
            "tests/fixtures/{folder}: not in expected.json: {missing:?}; in expected.json but \
             not in the folder: {stale:?}"
        );
    }
}

#[test]
fn there_are_at_least_twenty_invalid_fixtures() {
    let n = documents("invalid").len();
    assert!(n >= 20, "only {n} invalid fixtures");
}

#[test]
fn manifests_use_known_codes_and_cover_the_issue() {
    let mut seen = BTreeSet::new();
    for folder in ["invalid", "warning"] {
        for (name, entry) in manifest(folder) {
            // One document, one problem: only the typo fixture (an unknown field whose
            // required counterpart is thus missing) legitimately has two.
            assert!(
                entry.problems.len() == 1 || name == "unknown-field-typo.json",
                "{folder}/{name}: expected {} problems; keep fixtures to one problem",
                entry.problems.len()
            );
            for p in &entry.problems {
                let code = Code::from_name(&p.code)
                    .unwrap_or_else(|| panic!("{folder}/{name}: unknown code {:?}", p.code));
                assert!(
                    matches!(p.severity.as_str(), "error" | "warning"),
                    "{folder}/{name}: severity {:?}",
                    p.severity
                );
                assert_eq!(
                    p.pointer.is_none(),
                    code == Code::JsonSyntax,
                    "{folder}/{name}: only json-syntax problems have no pointer"
                );
                seen.insert(p.code.clone());
            }
        }
    }
    let required = [
        "json-syntax",
        "type-error",
        "missing-field",
        "unknown-field",
        "invalid-value",
        "bad-id",
        "bad-date",
        "duplicate-id",
        "unknown-reference",
        "end-before-start",
        "date-out-of-range",
        "percent-out-of-range",
        "weights-missing",
        "bad-weight",
        "empty-text",
        "empty-update",
        "value-without-indicator",
        "bad-indicator",
        "bad-scale",
        "sector-mismatch",
        "out-of-range",
    ];
    let uncovered: Vec<_> = required.iter().filter(|c| !seen.contains(**c)).collect();
    assert!(uncovered.is_empty(), "no fixture for {uncovered:?}");
}

/// `from_json(to_json(d)) == d`, and `to_json` gives the same bytes every time.
fn assert_round_trip(name: &str, ds: &Dataset) {
    let first = ds.to_json();
    assert_eq!(
        first,
        ds.to_json(),
        "{name}: to_json differs between two calls"
    );
    assert!(
        first.ends_with("}\n"),
        "{name}: to_json ends with a newline"
    );
    let back = Dataset::from_json(&first)
        .unwrap_or_else(|e| panic!("{name}: to_json output does not load: {e}"));
    assert_eq!(&back, ds, "{name}: from_json(to_json(d)) != d");
    let second = back.to_json();
    assert_eq!(
        first, second,
        "{name}: bytes differ after a second round trip"
    );
    assert_eq!(
        Dataset::from_json(&second).unwrap(),
        back,
        "{name}: the second round trip changed the dataset"
    );
}

#[test]
fn valid_fixtures_have_no_problem_and_round_trip() {
    let names = documents("valid");
    assert!(names.len() >= 3, "only {} valid fixtures", names.len());
    for name in names {
        let src = read(&fixtures("valid").join(&name));
        let ds = Dataset::from_json(&src).unwrap_or_else(|e| panic!("valid/{name}: {e}"));
        let report = validate(&ds);
        assert!(
            report.problems.is_empty(),
            "valid/{name} has problems:\n{}",
            report
                .problems
                .iter()
                .map(show)
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert_round_trip(&format!("valid/{name}"), &ds);
    }
}

#[test]
fn the_minimal_fixture_is_the_default_dataset() {
    let src = read(&fixtures("valid").join("minimal.json"));
    assert_eq!(Dataset::from_json(&src).unwrap(), Dataset::default());
}

#[test]
fn valid_fixtures_keep_what_they_exercise() {
    let multi = Dataset::from_json(&read(&fixtures("valid").join("multilingual.json"))).unwrap();
    assert_eq!(multi.default_language, "ar");
    let ircam = multi.organization("ircam").unwrap();
    assert_eq!(
        ircam.name.get("zgh", "ar"),
        Some("ⴰⵙⵏⵓⴱⴳ ⴰⴳⵍⴷⴰⵏ ⵏ ⵜⵓⵙⵙⵏⴰ ⵜⴰⵎⴰⵣⵉⵖⵜ")
    );
    let quotes = multi.organization("quotes").unwrap();
    assert_eq!(
        quotes.name.get("en", "ar"),
        Some("Association \"Open\" \\ data\nsecond line\ttab")
    );
    assert_eq!(
        quotes.short_name.as_ref().unwrap().get("en", "ar"),
        Some("=SUM(A1)")
    );
    // The written form keeps plain strings plain and maps as maps.
    let written = multi.to_json();
    assert!(
        written.contains("\"short_name\": \"=SUM(A1)\""),
        "{written}"
    );
    assert!(written.contains("\"zgh\": \"ⵜⴰⵎⴰⵣⵉⵖⵜ\""), "{written}");

    let dates = Dataset::from_json(&read(&fixtures("valid").join("dates-and-ext.json"))).unwrap();
    let plan = dates.plan("nap").unwrap();
    let written = dates.to_json();
    for (date, precision) in [
        (plan.start, "year"),
        (plan.end, "month"),
        (plan.commitments[0].start, "day"),
    ] {
        assert_eq!(date.precision(), precision, "{date}");
        assert!(
            written.contains(&format!("\"{date}\"")),
            "{date} not written as read"
        );
    }
    assert_eq!(
        dates.ext["generator"]["version"],
        serde_json::json!(1.5),
        "nested ext kept"
    );
    assert_eq!(
        plan.commitments[0].ext["budget"]["amount"],
        serde_json::json!(1_500_000)
    );
    // Whole numbers are written as integers, fractions as they were.
    assert!(written.contains("\"weight\": 2,"), "{written}");
    assert!(written.contains("\"weight\": 0.25,"), "{written}");

    let rot = Dataset::from_json(&read(
        &fixtures("valid").join("rotation-and-selection.json"),
    ))
    .unwrap();
    assert!(matches!(
        &rot.rotation_policies[0].pool,
        ogp_core::Pool::Memberships(ids) if ids.len() == 3
    ));
    assert!(matches!(
        rot.rotation_policies[1].pool,
        ogp_core::Pool::Sector(ogp_core::Sector::CivilSociety)
    ));
    assert_eq!(rot.calls[0].seed, Some(u64::MAX));
}

/// The format sample and the example datasets, where they exist.
fn published_datasets() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let sample = repo().join("tests/fixtures/format-sample.json");
    if sample.is_file() {
        out.push(sample);
    }
    if let Ok(dirs) = std::fs::read_dir(repo().join("examples")) {
        let mut found: Vec<PathBuf> = dirs
            .map(|d| d.unwrap().path().join("dataset.json"))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

#[test]
fn format_sample_and_examples_have_no_error_and_round_trip() {
    let files = published_datasets();
    assert!(
        files
            .iter()
            .any(|p| p.ends_with("examples/morocco-nap3/dataset.json")),
        "the Morocco example is missing: {files:?}"
    );
    for path in files {
        let name = path.strip_prefix(repo()).unwrap().display().to_string();
        let ds = Dataset::from_json(&read(&path)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<String> = validate(&ds).errors().map(show).collect();
        assert!(
            errors.is_empty(),
            "{name} has errors:\n{}",
            errors.join("\n")
        );
        assert_round_trip(&name, &ds);
    }
}

#[test]
fn problems_are_sorted_and_errors_counted() {
    // The one fixture with two problems comes back in report order.
    let src = read(&fixtures("invalid").join("unknown-field-typo.json"));
    let problems = problems_of(&src);
    let mut sorted = problems.clone();
    sorted.sort_by(ogp_core::error::cmp_problems);
    assert_eq!(problems, sorted);
    assert!(problems.iter().all(|p| p.severity == Severity::Error));
}
