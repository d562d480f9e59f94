//! The CSV bundle: round trips of every example and fixture, the broken bundles of
//! `tests/fixtures/csv-invalid/` (each asserted for code, file, row and column), and a
//! property test on generated datasets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ogp_core::io::csv::{self, WriteOptions};
use ogp_core::{Dataset, Error};
use serde::Deserialize;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn round_trip(ds: &Dataset, what: &str) {
    for safe in [true, false] {
        let opts = WriteOptions {
            spreadsheet_safe: safe,
            ..WriteOptions::default()
        };
        let files = csv::to_files(ds, &opts);
        let back = csv::from_files(&files)
            .unwrap_or_else(|e| panic!("{what}: {e:#?}"))
            .dataset;
        assert_eq!(&back, ds, "{what}");
        assert_eq!(back.to_json(), ds.to_json(), "{what}");
        assert_eq!(csv::to_files(&back, &opts), files, "{what}: bytes differ");
    }
}

fn json_files() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for dir in ["tests/fixtures/valid", "tests/fixtures/warning"] {
        if let Ok(rd) = std::fs::read_dir(root().join(dir)) {
            for e in rd {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "json") && !p.ends_with("expected.json") {
                    paths.push(p);
                }
            }
        }
    }
    let sample = root().join("tests/fixtures/format-sample.json");
    if sample.exists() {
        paths.push(sample);
    }
    if let Ok(rd) = std::fs::read_dir(root().join("examples")) {
        for e in rd {
            let p = e.unwrap().path().join("dataset.json");
            if p.exists() {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
}

#[test]
fn json_to_bundle_to_json_is_lossless() {
    let paths = json_files();
    assert!(!paths.is_empty());
    for p in &paths {
        let ds = Dataset::from_json(&std::fs::read_to_string(p).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        round_trip(&ds, &p.display().to_string());
    }
}

#[test]
fn redaction_drops_person_names_only() {
    let ds = Dataset::from_json(
        &std::fs::read_to_string(root().join("tests/fixtures/format-sample.json")).unwrap(),
    )
    .unwrap();
    let opts = WriteOptions {
        redact_people: true,
        ..WriteOptions::default()
    };
    let back = csv::from_files(&csv::to_files(&ds, &opts)).unwrap().dataset;
    let mut expected = ds.clone();
    csv::redact_people(&mut expected);
    assert_eq!(back, expected);
    assert!(back.committees[0].meetings[0].guests[0].name.is_none());
}

/// A problem as the manifest states it: code, file, row, column.
type Located = (String, Option<String>, Option<u64>, Option<String>);

#[derive(Deserialize)]
struct Expected {
    code: String,
    file: Option<String>,
    row: Option<u64>,
    field: Option<String>,
}

#[test]
fn broken_bundles_report_exactly_their_problems() {
    let dir = root().join("tests/fixtures/csv-invalid");
    let manifest: BTreeMap<String, Vec<Expected>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert!(manifest.len() >= 15);
    let mut failures = Vec::new();
    for (case, expected) in &manifest {
        let problems = match ogp_core::io::load_and_validate(&dir.join(case)) {
            Ok(report) => report.problems,
            Err(Error::Parse { problems }) => problems,
            Err(e) => panic!("{case}: {e}"),
        };
        let got: Vec<Located> = problems
            .iter()
            .map(|p| {
                (
                    p.code.to_string(),
                    p.location.file.clone(),
                    p.location.row,
                    p.location.field.clone(),
                )
            })
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|e| (e.code.clone(), e.file.clone(), e.row, e.field.clone()))
            .collect();
        if got != want {
            failures.push(format!(
                "{case}:\n  expected {want:?}\n  got      {got:?}\n  messages {:?}",
                problems.iter().map(|p| &p.message).collect::<Vec<_>>()
            ));
        }
        // Every problem says where it is and what is wrong.
        for p in &problems {
            assert!(!p.message.is_empty(), "{case}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn people_made_csv_reads_as_written() {
    let dir = root().join("tests/fixtures/csv-invalid");
    let ds = Dataset::from_csv_dir(&dir.join("semicolon-bom-crlf")).unwrap();
    let min = ds.organization("min").unwrap();
    assert_eq!(min.name.get("zgh", "fr"), Some("ⵜⴰⵎⴰⵣⵉⵖⵜ"));
    assert_eq!(min.name.get("fr", "fr"), Some("Ministère; numérique"));
    let assoc = ds.organization("assoc").unwrap();
    assert_eq!(
        assoc.name.get("fr", "fr"),
        Some("Association\r\nsur deux lignes")
    );
    assert_eq!(
        ds.plans[0].commitments[0].title.get("fr", "fr"),
        Some("Données ouvertes, enfin")
    );

    let ds = Dataset::from_csv_dir(&dir.join("formula-restored")).unwrap();
    assert_eq!(ds.organizations[0].name.get("fr", "fr"), Some("=SUM(A1)"));
    assert_eq!(ds.organizations[0].ext["note"], serde_json::json!(-3));
    assert_eq!(ds.organizations[1].name.get("fr", "fr"), Some("'quoted"));
}

#[test]
fn date_errors_name_the_cell_and_the_form() {
    let dir = root().join("tests/fixtures/csv-invalid/date-ddmmyyyy");
    let err = Dataset::from_csv_dir(&dir).unwrap_err();
    let p = &err.problems()[0];
    assert!(p.message.contains("YYYY-MM-DD"), "{}", p.message);
    assert!(p.message.contains("2025-03-18"), "{}", p.message);
}

#[test]
fn templates_read_back_as_an_empty_dataset() {
    let files = csv::template_files(&["ar".into(), "fr".into(), "en".into()]);
    let ds = csv::from_files(&files).unwrap().dataset;
    assert_eq!(ds.default_language, "ar");
    assert!(ds.plans.is_empty());
    let readme = String::from_utf8(files["README.md"].clone()).unwrap();
    assert!(readme.contains("ogp validate"));
    assert!(readme.contains("`commitments.csv`"));
}

mod props {
    use super::*;
    use ogp_core::{
        ActionPlan, Commitment, Milestone, Organization, PlanDate, Sector, Text, Update,
        UpdateSource,
    };
    use proptest::prelude::*;
    use proptest::sample::select;
    use serde_json::{Map, Value, json};

    /// Texts that stress a spreadsheet: Arabic, Tifinagh, formula-like starts, quotes,
    /// delimiters, line breaks, a leading `'`.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            select(vec![
                "وزارة الانتقال الرقمي وإصلاح الإدارة",
                "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵎⵓⵙⵜ",
                "=SUM(A1)",
                "+212 5 37",
                "-1",
                "@mention",
                "\ttabbed",
                "\rreturn",
                "'already quoted",
                "a, b; c \"d\"",
                "line one\nline two\r\nthree",
                "Ministère de l'Économie",
                "42",
                "true",
            ])
            .prop_map(str::to_owned),
            "[A-Za-z0-9 ,;=+@'-]{1,12}".prop_filter("not blank", |s| !s.trim().is_empty()),
        ]
    }

    fn mtext() -> impl Strategy<Value = Text> {
        prop_oneof![
            text().prop_map(Text::Plain),
            proptest::collection::btree_map(select(vec!["ar", "fr", "en", "zgh"]), text(), 1..4)
                .prop_map(|m| Text::Langs(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    }

    fn date() -> impl Strategy<Value = PlanDate> {
        (2018i32..2030, 1u32..13, 0u32..29).prop_map(|(y, m, d)| match d % 3 {
            0 => PlanDate::Year(y),
            1 => PlanDate::Month(y, m),
            _ => format!("{y:04}-{m:02}-{:02}", d.max(1)).parse().unwrap(),
        })
    }

    fn ext() -> impl Strategy<Value = Map<String, Value>> {
        proptest::collection::btree_map(
            select(vec!["budget", "note", "code", "n"]),
            prop_oneof![
                text().prop_map(Value::String),
                (-1000i64..1000).prop_map(Value::from),
                Just(json!({"nested": ["x", 1, null]})),
                Just(Value::Bool(false)),
                Just(Value::String(String::new())),
            ],
            0..3,
        )
        .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    fn dataset() -> impl Strategy<Value = Dataset> {
        (
            proptest::collection::vec((mtext(), ext()), 1..4),
            proptest::collection::vec(
                (
                    mtext(),
                    date(),
                    date(),
                    ext(),
                    proptest::collection::vec(
                        (
                            mtext(),
                            date(),
                            proptest::collection::vec(
                                (date(), 0u8..101, proptest::option::of(mtext())),
                                0..3,
                            ),
                        ),
                        0..3,
                    ),
                ),
                1..4,
            ),
            select(vec!["ar", "fr", "en"]),
        )
            .prop_map(|(orgs, commitments, lang)| {
                let organizations: Vec<Organization> = orgs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, ext))| {
                        let mut o: Organization = serde_json::from_value(json!({
                            "id": format!("org-{i}"), "name": "x", "sector": "government"
                        }))
                        .unwrap();
                        o.name = name;
                        o.ext = ext;
                        o.sector = if i % 2 == 0 {
                            Sector::Government
                        } else {
                            Sector::CivilSociety
                        };
                        o
                    })
                    .collect();
                let mut plan: ActionPlan = serde_json::from_value(json!({
                    "id": "p1", "country": "MA", "level": "national", "title": "P",
                    "start": "2018", "end": "2030", "status": "implementation"
                }))
                .unwrap();
                for (i, (title, start, end, ext, milestones)) in commitments.into_iter().enumerate()
                {
                    let mut c: Commitment = serde_json::from_value(json!({
                        "id": format!("c{i}"), "title": "x", "lead": "org-0",
                        "start": "2018", "end": "2020"
                    }))
                    .unwrap();
                    c.title = title;
                    c.start = start;
                    c.end = end;
                    c.ext = ext;
                    c.partners = organizations.iter().skip(1).map(|o| o.id.clone()).collect();
                    for (j, (mt, due, updates)) in milestones.into_iter().enumerate() {
                        let mut m: Milestone = serde_json::from_value(json!({
                            "id": format!("c{i}-m{j}"), "title": "x", "due": "2020"
                        }))
                        .unwrap();
                        m.title = mt;
                        m.due = due;
                        for (d, pct, note) in updates {
                            let mut u: Update = serde_json::from_value(json!({
                                "date": "2020", "source": "committee"
                            }))
                            .unwrap();
                            u.date = d;
                            u.percent = Some(f64::from(pct));
                            u.note = note;
                            u.source = UpdateSource::Committee;
                            m.updates.push(u);
                        }
                        c.milestones.push(m);
                    }
                    plan.commitments.push(c);
                }
                Dataset {
                    default_language: lang.to_owned(),
                    organizations,
                    plans: vec![plan],
                    ..Dataset::default()
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn generated_datasets_round_trip(ds in dataset()) {
            round_trip(&ds, "generated");
        }
    }
}

#[test]
fn example_bundles_read_validate_and_round_trip() {
    let mut found = 0;
    for e in std::fs::read_dir(root().join("examples")).unwrap() {
        let dir = e.unwrap().path().join("bundle");
        if !dir.is_dir() {
            continue;
        }
        found += 1;
        let report = ogp_core::io::load_and_validate(&dir).unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            dir.display(),
            report.problems
        );
        let ds = Dataset::from_csv_dir(&dir).unwrap();
        round_trip(&ds, &dir.display().to_string());
        // The committed bundle is exactly what the writer makes of it.
        let files = csv::to_files(&ds, &WriteOptions::default());
        for (name, bytes) in &files {
            let on_disk = std::fs::read(dir.join(name)).unwrap();
            assert_eq!(
                &on_disk,
                bytes,
                "{}: {name} is not normalised",
                dir.display()
            );
        }
    }
    assert!(found >= 1);
}

#[test]
fn the_ogp_sheet_imports_into_the_expected_dataset() {
    let dir = root().join("tests/fixtures/ogp-sheet");
    let imported = ogp_core::io::ogp_sheet::read_file(&dir.join("commitments.csv")).unwrap();
    let expected =
        Dataset::from_json(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(imported.dataset, expected);
    let warnings: Vec<(String, Option<u64>, Option<String>)> = imported
        .warnings
        .iter()
        .map(|p| (p.code.to_string(), p.location.row, p.location.field.clone()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "invalid-value".to_owned(),
                Some(2),
                Some("Country/Locality".to_owned())
            ),
            (
                "invalid-value".to_owned(),
                Some(4),
                Some("Did It Open Government (Overall)".to_owned())
            ),
            (
                "invalid-value".to_owned(),
                Some(5),
                Some("Country/Locality".to_owned())
            ),
        ]
    );
    assert!(
        ogp_core::validate(&imported.dataset)
            .errors()
            .next()
            .is_none()
    );
}
