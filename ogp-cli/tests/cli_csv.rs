//! `ogp convert`, `ogp template` and `ogp import ogp-sheet` end to end: the files they write,
//! what reads back, and their exit codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{Temp, ogp, root};

use std::path::PathBuf;

#[test]
fn json_to_bundle_to_json_gives_the_same_bytes() {
    let t = Temp::new("csv", "roundtrip");
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
    let t = Temp::new("csv", "progress");
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
    let t = Temp::new("csv", "redact");
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
    let t = Temp::new("csv", "template");
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
    let t = Temp::new("csv", "import");
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
    let t = Temp::new("csv", "empty");
    let out = ogp(&["validate", t.0.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_the_published_ogp_database_exits_0_with_a_summary() {
    let t = Temp::new("csv", "ogp-database");
    let out_path = t.0.join("imported.json");
    let out = ogp(&[
        "import",
        "ogp-sheet",
        "tests/fixtures/ogp-database/commitments.csv",
        out_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("row 2, column \"Start Date\""),
        "the ambiguous 1/7/2018 is located: {stderr}"
    );
    assert!(
        stderr.contains("(6 plans, 12 commitments, 18 organizations)"),
        "{stderr}"
    );
    assert!(stderr.contains("8 warnings:"), "{stderr}");
    assert!(
        stderr.contains("  2 ambiguous-date: dates that could be day-first or month-first"),
        "{stderr}"
    );
    assert!(stderr.contains("  1 assumed-two-year-cycle: "), "{stderr}");
    assert!(stderr.contains("  3 unsure-institutions: "), "{stderr}");
    let validate = ogp(&["validate", out_path.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(0));

    // `ogp progress` gives the IRM's picture: (75 + 100 + 25 + 25) / 4 = 56.25 on
    // 2021-12-31 (MA0001 substantial, MA0002 complete, MA0003 and MA0005 limited, MA0004
    // withdrawn), and 2 of 4 at substantial or complete under completion_share.
    let progress = |method: &str| -> f64 {
        let out = ogp(&[
            "progress",
            out_path.to_str().unwrap(),
            "--plan",
            "morocco-2018-2020",
            "--as-of",
            "2021-12-31",
            "--method",
            method,
            "--format",
            "json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["percent"].as_f64().unwrap()
    };
    assert_eq!(progress("commitment_mean"), 56.25);
    assert_eq!(progress("completion_share"), 50.0);
}

#[test]
fn import_a_repeated_commitment_id_exits_1_writing_nothing() {
    let t = Temp::new("csv", "duplicate");
    let sheet = t.0.join("sheet.csv");
    std::fs::write(
        &sheet,
        "Commitment Unique Identifier,Country/Locality,Code,Year Of Submission,\
         Action Plan End Year,Commitment Title,Lead Institution\n\
         KE0001,Kenya,KEN,2020,2022,Open contracting,National Treasury\n\
         KE0001,Kenya,KEN,2020,2022,Open contracting again,National Treasury\n",
    )
    .unwrap();
    let out_path = t.0.join("imported.json");
    let out = ogp(&[
        "import",
        "ogp-sheet",
        sheet.to_str().unwrap(),
        out_path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[duplicate-id] row 3, column \"Commitment Unique Identifier\""),
        "{stderr}"
    );
    assert!(!out_path.exists());
}

#[test]
fn export_ogp_sheet_writes_the_published_layout_that_imports_back() {
    let t = Temp::new("csv", "export");
    let first = t.0.join("first.json");
    let sheet = t.0.join("exported.csv");
    let second = t.0.join("second.json");
    let fixture = "tests/fixtures/ogp-database/commitments.csv";
    assert!(
        ogp(&["import", "ogp-sheet", fixture, first.to_str().unwrap()])
            .status
            .success()
    );
    let out = ogp(&[
        "export",
        "ogp-sheet",
        first.to_str().unwrap(),
        sheet.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("(12 commitments, 171 columns)"), "{stderr}");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let fixture_heading = std::fs::read_to_string(root().join(fixture)).unwrap();
    assert_eq!(text.lines().next(), fixture_heading.lines().next());
    assert!(
        ogp(&[
            "import",
            "ogp-sheet",
            sheet.to_str().unwrap(),
            second.to_str().unwrap()
        ])
        .status
        .success()
    );
    let read = |p: &PathBuf| -> serde_json::Value {
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        v["ext"].take(); // names the file imported from
        v
    };
    assert_eq!(read(&second), read(&first));
}

#[test]
fn export_of_a_dataset_with_errors_exits_1() {
    let t = Temp::new("csv", "export-bad");
    let out = ogp(&[
        "export",
        "ogp-sheet",
        "examples/mistakes/mistakes.json",
        t.0.join("x.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bundle_problem_is_located_by_file_row_and_column_in_every_command() {
    let t = Temp::new("csv", "located");
    let bundle = t.0.join("bundle");
    let src = "examples/morocco-nap3/dataset.json";
    assert_eq!(
        ogp(&["convert", src, bundle.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let path = bundle.join("commitments.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let lead = header.iter().position(|h| *h == "lead").unwrap();
    // Row 2's lead becomes an organization that does not exist.
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_owned).collect();
    cells[lead] = "nobody".into();
    lines[1] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    for args in [
        vec![
            "progress",
            bundle.to_str().unwrap(),
            "--as-of",
            "2025-03-18",
        ],
        vec!["series", bundle.to_str().unwrap()],
        vec![
            "committee",
            bundle.to_str().unwrap(),
            "--as-of",
            "2025-03-18",
        ],
    ] {
        let out = ogp(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("commitments.csv: error[unknown-reference] row 2, column \"lead\""),
            "{args:?}: {err}"
        );
    }
}
