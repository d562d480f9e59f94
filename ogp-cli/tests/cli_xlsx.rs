//! Excel workbooks end to end: `ogp convert` to and from `.xlsx`, `ogp validate` on a
//! workbook (problems at `sheet!cell`), `ogp template t.xlsx`, and the bundle folder's errors
//! for files it used to drop.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{Temp, ogp, root};

use std::process::Output;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn json_to_workbook_validates_and_converts_back_to_the_same_bytes() {
    let t = Temp::new("xlsx", "roundtrip");
    let (book, back) = (t.path("y.xlsx"), t.path("back.json"));
    let src = "examples/morocco-nap3/dataset.json";
    let out = ogp(&["convert", src, &book]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("wrote {book}\n")
    );
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"));
    let from_json = ogp(&["validate", src]);
    let from_book = ogp(&["validate", &book]);
    assert_eq!(from_book.status.code(), Some(0), "{}", text(&from_book));
    let verdict = |o: &Output| {
        let s = String::from_utf8_lossy(&o.stdout).to_string();
        s.lines()
            .last()
            .unwrap()
            .split(": ")
            .nth(1)
            .unwrap()
            .to_owned()
    };
    assert_eq!(verdict(&from_book), verdict(&from_json));
    let out = ogp(&["convert", &book, &back]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let original = std::fs::read_to_string(root().join(src)).unwrap();
    assert_eq!(std::fs::read_to_string(&back).unwrap(), original);
}

#[test]
fn validate_names_the_sheet_and_cell_of_each_problem() {
    let t = Temp::new("xlsx", "problems");
    let json = t.path("ref.json");
    std::fs::write(
        &json,
        r#"{"schema_version": "1", "plans": [{
          "id": "p", "country": "ZZ", "level": "national", "title": "P", "start": "2024",
          "end": "2025", "status": "implementation",
          "commitments": [{"id": "c1", "title": "C", "lead": "nobody",
                           "start": "2024", "end": "2025"}]}]}"#,
    )
    .unwrap();
    let book = t.path("ref.xlsx");
    assert!(ogp(&["convert", &json, &book]).status.success());
    let out = ogp(&["validate", &book]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{book}: error[unknown-reference] commitments!H2, column \"lead\": no \
                 organization has the id \"nobody\""
            )
            .as_str(),
            format!("{book}: invalid (1 error, 0 warnings)").as_str(),
        ],
        "{stdout}"
    );
    let out = ogp(&["validate", &book, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let loc = &doc["problems"][0]["location"];
    assert_eq!(loc["sheet"], "commitments");
    assert_eq!(loc["cell"], "H2");
    assert_eq!(loc["row"], 2);
    assert_eq!(loc["pointer"], "/plans/0/commitments/0/lead");
}

#[test]
fn template_writes_a_workbook_that_validates_empty() {
    let t = Temp::new("xlsx", "template");
    let book = t.path("t.xlsx");
    let out = ogp(&["template", &book, "--languages", "ar,fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote the template workbook"));
    assert!(!t.0.join("t.xlsx").is_dir());
    let out = ogp(&["validate", &book]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{book}: valid (0 errors, 0 warnings)\n")
    );
    let json = t.path("t.json");
    assert!(ogp(&["convert", &book, &json]).status.success());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["default_language"], "ar");
}

#[test]
fn a_bundle_folder_refuses_files_it_would_drop() {
    let t = Temp::new("xlsx", "folder");
    let dir = t.path("bundle");
    assert!(
        ogp(&["convert", "tests/fixtures/valid/minimal.json", &dir])
            .status
            .success()
    );
    let updates = t.0.join("bundle/updates.csv");
    std::fs::rename(&updates, t.0.join("bundle/Updates.csv")).unwrap();
    let out = ogp(&["validate", &dir]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(
            "Updates.csv: error[extra-label]: Updates.csv is not a table of the bundle and was \
             not read: did you mean updates.csv?"
        ),
        "{}",
        text(&out)
    );
    std::fs::rename(t.0.join("bundle/Updates.csv"), &updates).unwrap();
    let book = t.path("bundle/commitments.xlsx");
    assert!(
        ogp(&["convert", "tests/fixtures/valid/minimal.json", &book])
            .status
            .success()
    );
    let out = ogp(&["validate", &dir]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(
            "commitments.xlsx: error[extra-label]: commitments.xlsx is a workbook inside a \
             bundle folder"
        ),
        "{}",
        text(&out)
    );
}
