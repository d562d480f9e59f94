//! Excel workbooks: lossless and byte-stable round trips of every example and fixture, a
//! workbook made by another program (real date, number and error cells) whose problems are
//! each located at their sheet and cell, validation problems located the same way, and the
//! bundle folder's errors for files it would otherwise drop.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ogp_core::io::csv::{self, WriteOptions};
use ogp_core::io::xlsx;
use ogp_core::{Code, Dataset, Error, Problem, Severity};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files() -> Vec<PathBuf> {
    let mut paths = vec![root().join("tests/fixtures/format-sample.json")];
    for dir in ["tests/fixtures/valid", "tests/fixtures/warning"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") && !p.ends_with("expected.json") {
                paths.push(p);
            }
        }
    }
    for e in std::fs::read_dir(root().join("examples")).unwrap() {
        let p = e.unwrap().path().join("dataset.json");
        if p.exists() {
            paths.push(p);
        }
    }
    paths.sort();
    paths
}

#[test]
fn json_to_workbook_to_json_is_lossless_and_byte_stable() {
    let files = json_files();
    assert!(files.len() >= 8, "{files:?}");
    for path in files {
        let what = path.display().to_string();
        let ds = Dataset::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let bytes = xlsx::to_bytes(&ds, &WriteOptions::default()).unwrap();
        let back = xlsx::from_bytes(&bytes, "x.xlsx")
            .unwrap_or_else(|e| panic!("{what}: {e:#?}"))
            .dataset;
        assert_eq!(back, ds, "{what}");
        assert_eq!(back.to_json(), ds.to_json(), "{what}");
        let again = xlsx::to_bytes(&back, &WriteOptions::default()).unwrap();
        assert!(again == bytes, "{what}: the bytes differ");
    }
}

#[test]
fn redaction_applies_to_workbooks() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/format-sample.json")).unwrap();
    let ds = Dataset::from_json(&text).unwrap();
    let opts = WriteOptions {
        redact_people: true,
        ..WriteOptions::default()
    };
    let back = xlsx::from_bytes(&xlsx::to_bytes(&ds, &opts).unwrap(), "r.xlsx")
        .unwrap()
        .dataset;
    let mut expected = ds.clone();
    csv::redact_people(&mut expected);
    assert_eq!(back, expected);
}

/// Writes rows of cells into a new sheet; cells are strings unless a closure writes them.
fn sheet(wb: &mut Workbook, name: &str, rows: &[&[&str]]) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
}

fn date_cell(ws: &mut Worksheet, r: u32, c: u16, (y, m, d): (u16, u8, u8), hour: u16) {
    let date = ExcelDateTime::from_ymd(y, m, d)
        .unwrap()
        .and_hms(hour, 0, 0)
        .unwrap();
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(r, c, &date, &fmt).unwrap();
}

/// A plan with one commitment and its updates, typed the way people type in Excel: real
/// dates, numbers for years and percents.
fn people_made(updates: &[(&str, &str, &str)], lead: &str, level: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    sheet(
        &mut wb,
        "dataset",
        &[&["schema_version", "default_language"], &["1", "en"]],
    );
    sheet(
        &mut wb,
        "organizations",
        &[
            &["id", "name", "sector"],
            &["gov", "Government", "government"],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("plans").unwrap();
    let head = ["id", "country", "level", "title", "start", "end", "status"];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["p", "ZZ", level, "Plan"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    ws.write_number(1, 4, 2024).unwrap(); // a year typed as a number
    ws.write_number(1, 5, 2025.0).unwrap();
    ws.write_string(1, 6, "implementation").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("commitments").unwrap();
    for (c, h) in ["plan", "id", "title", "lead", "start", "end", "weight"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["p", "c1", "Open data", lead].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    date_cell(ws, 1, 4, (2024, 1, 15), 0);
    date_cell(ws, 1, 5, (2025, 6, 30), 0);
    ws.write_number(1, 6, 12.5).unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("updates").unwrap();
    for (c, h) in ["target", "date", "percent", "status", "source"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (date, percent, status)) in updates.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, "c1").unwrap();
        match *date {
            "date cell" => date_cell(ws, r, 1, (2024, 6, 30), 0),
            "date-time cell" => date_cell(ws, r, 1, (2024, 6, 30), 14),
            text => {
                ws.write_string(r, 1, text).unwrap();
            }
        }
        match *percent {
            "#REF!" => {
                ws.write_formula(r, 2, Formula::new("=#REF!").set_result("#REF!"))
                    .unwrap();
            }
            p => {
                ws.write_number(r, 2, p.parse::<f64>().unwrap()).unwrap();
            }
        }
        ws.write_string(r, 3, *status).unwrap();
        ws.write_string(r, 4, "committee").unwrap();
    }
    sheet(&mut wb, "Notes", &[&["anything"]]);
    wb.save_to_buffer().unwrap()
}

fn places(problems: &[Problem]) -> Vec<(Severity, Code, String)> {
    problems
        .iter()
        .map(|p| (p.severity, p.code, p.location.to_string()))
        .collect()
}

#[test]
fn real_cells_read_as_what_they_are() {
    let bytes = people_made(
        &[
            ("date cell", "40", "limited"),
            ("2024-12", "62.5", "substantial"),
        ],
        "gov",
        "national",
    );
    let bundle = xlsx::from_bytes(&bytes, "made.xlsx").unwrap();
    let plan = &bundle.dataset.plans[0];
    assert_eq!(plan.start.to_string(), "2024");
    assert_eq!(plan.end.to_string(), "2025");
    let c = &plan.commitments[0];
    assert_eq!(c.start.to_string(), "2024-01-15");
    assert_eq!(c.end.to_string(), "2025-06-30");
    assert_eq!(c.weight, Some(12.5));
    let dates: Vec<String> = c.updates.iter().map(|u| u.date.to_string()).collect();
    assert_eq!(dates, ["2024-06-30", "2024-12"]);
    let percents: Vec<Option<f64>> = c.updates.iter().map(|u| u.percent).collect();
    assert_eq!(percents, [Some(40.0), Some(62.5)]);
    // The sheet that is no table is named in a warning.
    assert_eq!(
        places(&bundle.warnings),
        [(
            Severity::Warning,
            Code::ExtraLabel,
            "made.xlsx Notes".into()
        )]
    );
    assert!(bundle.warnings[0].message.starts_with(
        "the sheet Notes is not a table of the workbook and was not read (the tables: dataset, "
    ));
}

#[test]
fn each_bad_cell_is_located_at_its_sheet_and_cell() {
    let bytes = people_made(
        &[
            ("18/03/2025", "40", "limited"),
            ("date-time cell", "#REF!", "done"),
        ],
        "gov",
        "nationwide",
    );
    let Err(Error::Parse { problems }) = xlsx::from_bytes(&bytes, "bad.xlsx") else {
        panic!("the workbook should not load");
    };
    let found: Vec<(Severity, Code, String, String)> = problems
        .iter()
        .map(|p| {
            let (s, c, l) = (p.severity, p.code, p.location.to_string());
            (s, c, l, p.message.clone())
        })
        .collect();
    let expected = [
        (
            Severity::Error,
            Code::ConstraintError,
            "bad.xlsx plans!C2 column \"level\"",
            "\"nationwide\" is not one of: national, local",
        ),
        (
            Severity::Error,
            Code::ConstraintError,
            "bad.xlsx updates!B2 column \"date\"",
            "\"18/03/2025\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (day first \
             (DD/MM/YYYY): write 2025-03-18)",
        ),
        (
            Severity::Warning,
            Code::TypeError,
            "bad.xlsx updates!B3 column \"date\"",
            "the cell holds a date and a time (2024-06-30 14:00); only the date 2024-06-30 \
             is read",
        ),
        (
            Severity::Error,
            Code::TypeError,
            "bad.xlsx updates!C3 column \"percent\"",
            "the cell holds the error #REF!, not a value; put the value in it",
        ),
        (
            Severity::Error,
            Code::ConstraintError,
            "bad.xlsx updates!D3 column \"status\"",
            "\"done\" is not one of: no_evidence, not_started, limited, substantial, \
             complete, withdrawn",
        ),
    ];
    let mut rest: Vec<_> = found
        .iter()
        .filter(|(_, _, l, _)| !l.contains("Notes"))
        .cloned()
        .collect();
    rest.sort_by(|a, b| a.2.cmp(&b.2));
    let expected: Vec<_> = expected
        .iter()
        .map(|(s, c, l, m)| (*s, *c, (*l).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(rest, expected);
    let json = serde_json::to_value(&problems[0].location).unwrap();
    assert!(
        json.get("sheet").is_some() && json.get("line").is_none(),
        "{json}"
    );
}

#[test]
fn validation_problems_are_located_in_the_workbook() {
    let dir = std::env::temp_dir().join(format!("ogp-xlsx-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ref.xlsx");
    std::fs::write(&path, people_made(&[], "nobody", "national")).unwrap();
    let report = ogp_core::io::load_and_validate(&path).unwrap();
    let refs: Vec<&Problem> = report
        .problems
        .iter()
        .filter(|p| p.code == Code::UnknownReference)
        .collect();
    assert_eq!(refs.len(), 1, "{:#?}", report.problems);
    let loc = &refs[0].location;
    assert_eq!(
        loc.file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(loc.sheet.as_deref(), Some("commitments"));
    assert_eq!(loc.cell.as_deref(), Some("D2"));
    assert_eq!(loc.field.as_deref(), Some("lead"));
    assert_eq!(loc.pointer.as_deref(), Some("/plans/0/commitments/0/lead"));
    // load() reads the same file; save_any writes a workbook by its extension.
    let ds = ogp_core::io::load(&path).unwrap();
    let out = dir.join("again.xlsx");
    ogp_core::io::save_any(
        &ds,
        &out,
        &WriteOptions::default(),
        ogp_core::io::output::Overwrite::Refuse,
    )
    .unwrap();
    assert_eq!(ogp_core::io::load(&out).unwrap(), ds);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sheets_named_almost_like_a_table_are_errors() {
    let mut wb = Workbook::new();
    sheet(&mut wb, "dataset", &[&["schema_version"], &["1"]]);
    sheet(&mut wb, "Updates", &[&["target", "date"], &["c1", "2024"]]);
    sheet(&mut wb, "plan", &[&["id"]]);
    sheet(&mut wb, "README", &[&["anything"]]);
    let bytes = wb.save_to_buffer().unwrap();
    let Err(Error::Parse { problems }) = xlsx::from_bytes(&bytes, "w.xlsx") else {
        panic!("near-miss sheet names are errors");
    };
    let messages: Vec<(String, String)> = problems
        .iter()
        .map(|p| (p.location.to_string(), p.message.clone()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "w.xlsx Updates".to_owned(),
                "the sheet Updates is not a table of the workbook and was not read: did you \
                 mean `updates`?"
                    .to_owned()
            ),
            (
                "w.xlsx plan".to_owned(),
                "the sheet plan is not a table of the workbook and was not read: did you mean \
                 `plans`?"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn empty_and_missing_sheets_are_no_rows() {
    let mut wb = Workbook::new();
    sheet(&mut wb, "dataset", &[&["schema_version"], &["1"]]);
    sheet(&mut wb, "plans", &[]);
    let bytes = wb.save_to_buffer().unwrap();
    let bundle = xlsx::from_bytes(&bytes, "e.xlsx").unwrap();
    assert!(bundle.dataset.plans.is_empty());
    assert!(bundle.warnings.is_empty(), "{:?}", bundle.warnings);
    let not_a_workbook = xlsx::from_bytes(b"id,name\n", "x.xlsx").unwrap_err();
    assert_eq!(not_a_workbook.problems()[0].code, Code::EncodingError);
}

#[test]
fn templates_read_back_as_an_empty_dataset() {
    let bytes = xlsx::template_bytes(&["ar".into(), "fr".into()]).unwrap();
    assert_eq!(
        bytes,
        xlsx::template_bytes(&["ar".into(), "fr".into()]).unwrap()
    );
    let blank = xlsx::from_bytes(&bytes, "t.xlsx").unwrap();
    assert!(blank.warnings.is_empty(), "{:?}", blank.warnings);
    let expected =
        Dataset::from_json(r#"{"schema_version": "1", "default_language": "ar"}"#).unwrap();
    assert_eq!(blank.dataset, expected);
}

fn bundle_with(extra: &[(&str, &[u8])]) -> Result<csv::Bundle, Error> {
    let ds = Dataset::from_json(
        &std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.json")).unwrap(),
    )
    .unwrap();
    let mut files: BTreeMap<String, Vec<u8>> = csv::to_files(&ds, &WriteOptions::default());
    for (name, bytes) in extra {
        files.insert((*name).to_owned(), bytes.to_vec());
    }
    csv::from_files(&files)
}

#[test]
fn a_bundle_folder_does_not_drop_files_meant_to_be_read() {
    let header = b"target,date,percent\nc1,2024,10\n";
    let Err(Error::Parse { problems }) = bundle_with(&[("Updates.csv", header)]) else {
        panic!("Updates.csv is an error");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].location.file.as_deref(), Some("Updates.csv"));
    assert_eq!(
        problems[0].message,
        "Updates.csv is not a table of the bundle and was not read: did you mean updates.csv?"
    );
    let Err(Error::Parse { problems }) = bundle_with(&[("commitments.xlsx", b"PK")]) else {
        panic!("a workbook in a folder is an error");
    };
    assert_eq!(problems[0].severity, Severity::Error);
    assert!(
        problems[0].message.starts_with(
            "commitments.xlsx is a workbook inside a bundle folder, and its sheets are not \
             read from here: convert it"
        ),
        "{}",
        problems[0].message
    );
    // Other .csv files stay warnings.
    let bundle = bundle_with(&[("notes.csv", b"a\n1\n")]).unwrap();
    assert_eq!(bundle.warnings[0].severity, Severity::Warning);
    assert_eq!(
        bundle.warnings[0].location.file.as_deref(),
        Some("notes.csv")
    );
}

#[test]
fn awkward_text_survives_a_workbook() {
    let names = [
        "  spaces around  ",
        "tab\there",
        "line\nbreak\r\nand CRLF",
        "=SUM(A1:A2)",
        "'quoted",
        "_x0041_ looks escaped",
        "control \u{1} char",
        "مرحبا ⵣ 😀",
    ];
    let orgs: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| serde_json::json!({"id": format!("o{i}"), "name": n, "sector": "other"}))
        .collect();
    let doc = serde_json::json!({"schema_version": "1", "organizations": orgs});
    let ds = Dataset::from_json(&doc.to_string()).unwrap();
    let bytes = xlsx::to_bytes(&ds, &WriteOptions::default()).unwrap();
    let back = xlsx::from_bytes(&bytes, "t.xlsx").unwrap().dataset;
    assert_eq!(back.to_json(), ds.to_json());
}
