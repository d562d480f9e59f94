//! `ogp convert`, `ogp template` and `ogp import ogp-sheet` end to end: the files they write,
//! what reads back, and their exit codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{ogp, root};

use std::path::PathBuf;

/// A fresh folder under the target dir, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        let p = std::env::temp_dir().join(format!("ogp-cli-csv-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Temp(p)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn json_to_bundle_to_json_gives_the_same_bytes() {
    let t = Temp::new("roundtrip");
    let bundle = t.0.join("bundle");
    let back = t.0.join("back.json");
    let src = "examples/morocco-nap3/dataset.json";
    let out = ogp(&["convert", src, bundle.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(bundle.join("datapackage.json").exists());
    assert!(bundle.join("commitments.csv").exists());
    let out = ogp(&["validate", bundle.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = ogp(&["convert", bundle.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let original = std::fs::read_to_string(root().join(src)).unwrap();
    assert_eq!(std::fs::read_to_string(&back).unwrap(), original);
}

#[test]
fn a_bundle_computes_like_its_json() {
    let t = Temp::new("progress");
    let bundle = t.0.join("bundle");
    let src = "tests/fixtures/format-sample.json";
    assert!(
        ogp(&["convert", src, bundle.to_str().unwrap()])
            .status
            .success()
    );
    let from_json = ogp(&["progress", src, "--as-of", "2025-03-18", "--format", "json"]);
    let from_bundle = ogp(&[
        "progress",
        bundle.to_str().unwrap(),
        "--as-of",
        "2025-03-18",
        "--format",
        "json",
    ]);
    assert!(from_json.status.success() && from_bundle.status.success());
    assert_eq!(from_json.stdout, from_bundle.stdout);
}

#[test]
fn redact_people_drops_names() {
    let t = Temp::new("redact");
    let out_path = t.0.join("redacted.json");
    let src = "tests/fixtures/format-sample.json";
    let out = ogp(&[
        "convert",
        src,
        out_path.to_str().unwrap(),
        "--redact-people",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let original = std::fs::read_to_string(root().join(src)).unwrap();
    assert!(original.contains("\"name\": \"Invited expert\""));
    let redacted = std::fs::read_to_string(&out_path).unwrap();
    assert!(!redacted.contains("Invited expert"));
}

#[test]
fn template_writes_headers_a_datapackage_and_a_readme() {
    let t = Temp::new("template");
    let dir = t.0.join("my-country");
    let out = ogp(&["template", dir.to_str().unwrap(), "--languages", "ar,fr,en"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let header = std::fs::read_to_string(dir.join("commitments.csv")).unwrap();
    let first = header.lines().next().unwrap();
    for col in [
        "id", "plan", "title/ar", "title/fr", "title/en", "lead", "start", "end",
    ] {
        assert!(
            first.split(',').any(|c| c == col),
            "{col} missing in {first}"
        );
    }
    assert_eq!(header.lines().count(), 1, "a template has headers only");
    assert!(dir.join("datapackage.json").exists());
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("ogp validate"));
    // An empty template is a valid (empty) dataset.
    let out = ogp(&["validate", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn import_ogp_sheet_gives_the_expected_dataset() {
    let t = Temp::new("import");
    let out_path = t.0.join("imported.json");
    let out = ogp(&[
        "import",
        "ogp-sheet",
        "tests/fixtures/ogp-sheet/commitments.csv",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/ogp-sheet/expected.json")).unwrap(),
    )
    .unwrap();
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(got, expected);
}

#[test]
fn a_folder_without_tables_is_a_usage_error() {
    let t = Temp::new("empty");
    let out = ogp(&["validate", t.0.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}
