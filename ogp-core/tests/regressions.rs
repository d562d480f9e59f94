//! Regression tests for faults found by the hostile-input probe (issue #10), each named after
//! the fault: numbers that lied quietly, text with nothing in it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ogp_core::{Checked, Code, Dataset, Error, validate};
use serde_json::{Value, json};

fn sample() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/format-sample.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn codes(v: &Value) -> Vec<(Code, String)> {
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    validate(&ds)
        .errors()
        .map(|p| (p.code, p.location.pointer.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn weights_whose_sum_overflows_are_an_error_not_a_zero_percent() {
    let mut v = sample();
    let ms = &mut v["plans"][0]["commitments"][0]["milestones"];
    ms[0]["weight"] = json!(1.7e308);
    ms[1]["weight"] = json!(1.7e308);
    let found = codes(&v);
    assert_eq!(
        found,
        [(
            Code::BadWeight,
            "/plans/0/commitments/0/milestones".to_owned()
        )]
    );
    // So no engine computes a figure from it.
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    assert!(matches!(Checked::new(ds), Err(Error::Invalid { .. })));
}

#[test]
fn an_indicator_value_that_overflows_is_an_error() {
    let mut v = sample();
    let m = &mut v["plans"][0]["commitments"][1]["milestones"][0];
    m["indicator"]["baseline"] = json!(0.0);
    m["indicator"]["target"] = json!(1e-300);
    m["updates"][0]["value"] = json!(1.7e308);
    let found = codes(&v);
    assert!(
        found.iter().any(|(c, p)| *c == Code::BadIndicator
            && p == "/plans/0/commitments/1/milestones/0/updates/0/value"),
        "{found:?}"
    );
    // A span no number can hold is the indicator's own error.
    let mut v = sample();
    let m = &mut v["plans"][0]["commitments"][1]["milestones"][0];
    m["indicator"]["baseline"] = json!(-1.7e308);
    m["indicator"]["target"] = json!(1.7e308);
    let found = codes(&v);
    assert!(
        found.contains(&(
            Code::BadIndicator,
            "/plans/0/commitments/1/milestones/0/indicator".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn text_of_only_zero_width_or_direction_marks_is_empty() {
    for blank in [
        "\u{200b}\u{200b}",
        " \u{feff} ",
        "\u{202e}\u{200f}",
        "\u{00ad}",
    ] {
        let mut v = sample();
        v["plans"][0]["commitments"][0]["title"] = json!(blank);
        let found = codes(&v);
        assert_eq!(
            found,
            [(Code::EmptyText, "/plans/0/commitments/0/title".to_owned())],
            "{blank:?}"
        );
    }
}

/// A fresh bundle of the format sample in the temporary directory.
fn bundle(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ogp-regress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ds = Dataset::from_json(&sample().to_string()).unwrap();
    ogp_core::io::csv::write_dir(
        &ds,
        &dir,
        &ogp_core::io::csv::WriteOptions::default(),
        ogp_core::io::output::Overwrite::Refuse,
    )
    .unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_table_linked_outside_the_bundle_is_refused_without_showing_its_content() {
    let dir = bundle("link");
    let secret = dir.with_extension("secret");
    std::fs::write(&secret, "root:x:0:0:secret line\n").unwrap();
    std::fs::remove_file(dir.join("plans.csv")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("plans.csv")).unwrap();
    let err = ogp_core::io::csv::read_dir(&dir).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("outside the bundle"), "{message}");
    assert!(!message.contains("secret line"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&secret);
}

#[cfg(unix)]
#[test]
fn a_folder_or_dangling_link_named_like_a_table_is_an_error_not_skipped() {
    let dir = bundle("folder");
    std::fs::remove_file(dir.join("updates.csv")).unwrap();
    std::fs::create_dir(dir.join("updates.csv")).unwrap();
    let message = ogp_core::io::csv::read_dir(&dir).unwrap_err().to_string();
    assert!(message.contains("not a regular file"), "{message}");
    std::fs::remove_dir(dir.join("updates.csv")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.csv"), dir.join("updates.csv")).unwrap();
    let message = ogp_core::io::csv::read_dir(&dir).unwrap_err().to_string();
    assert!(message.contains("symbolic link to nothing"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_table_whose_extension_is_upper_case_is_not_skipped() {
    let dir = bundle("case");
    std::fs::rename(dir.join("plans.csv"), dir.join("plans.CSV")).unwrap();
    let err = ogp_core::io::csv::read_dir(&dir).unwrap_err();
    let problems = err.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("did you mean plans.csv")),
        "{problems:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ids_differing_only_by_case_are_a_warning() {
    let mut v = sample();
    let mut org = v["organizations"][0].clone();
    let id = org["id"].as_str().unwrap().to_uppercase();
    org["id"] = json!(id);
    v["organizations"].as_array_mut().unwrap().push(org);
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    let report = validate(&ds);
    let w: Vec<_> = report
        .warnings()
        .filter(|p| p.code == Code::DuplicateId)
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("only by case"), "{}", w[0].message);
    assert!(!report.has_errors(), "{:?}", report.problems);
}

/// List items that a bundle could not give back (`[' padded ', '']` came back as
/// `['padded']`) are validation errors, never a silent change.
#[test]
fn padded_or_empty_list_items_are_errors_not_lost_on_a_round_trip() {
    let mut v = sample();
    v["plans"][0]["sources"] = json!([" padded ", "", "fine"]);
    let found = codes(&v);
    assert_eq!(
        found,
        [
            (Code::InvalidValue, "/plans/0/sources/0".to_owned()),
            (Code::EmptyText, "/plans/0/sources/1".to_owned()),
        ]
    );
    // What validates comes back the same through a bundle.
    v["plans"][0]["sources"] = json!(["padded", "fine"]);
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    assert!(!validate(&ds).has_errors());
    let files = ogp_core::io::csv::to_files(&ds, &ogp_core::io::csv::WriteOptions::default());
    let back = ogp_core::io::csv::from_files(&files).unwrap().dataset;
    assert_eq!(back, ds);
}

/// A score's note was never validated, so an empty one passed validation and wrote a bundle
/// that could not be read back.
#[test]
fn a_score_note_is_validated() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/selection/dataset.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["calls"][0]["scores"][0]["note"] = json!(" ");
    let found = codes(&v);
    assert_eq!(
        found,
        [(Code::EmptyText, "/calls/0/scores/0/note".to_owned())]
    );
}

/// Cycles of parent organisations (or committees) were accepted: a chain of parents that never
/// ends. Each cycle is now one error, at its first member.
#[test]
fn cycles_of_parent_organisations_or_committees_are_errors() {
    let mut v = sample();
    let first = v["organizations"][0]["id"].clone();
    let second = v["organizations"][1]["id"].clone();
    v["organizations"][0]["parent"] = second;
    v["organizations"][1]["parent"] = first;
    let cycles: Vec<_> = codes(&v)
        .into_iter()
        .filter(|(c, _)| *c == Code::ParentCycle)
        .collect();
    assert_eq!(
        cycles,
        [(Code::ParentCycle, "/organizations/0/parent".to_owned())]
    );
    // A committee that is its own parent.
    let mut v = sample();
    let id = v["committees"][0]["id"].clone();
    v["committees"][0]["parent"] = id;
    let cycles: Vec<_> = codes(&v)
        .into_iter()
        .filter(|(c, _)| *c == Code::ParentCycle)
        .collect();
    assert_eq!(
        cycles,
        [(Code::ParentCycle, "/committees/0/parent".to_owned())]
    );
}

/// Year 0000 was accepted as a date (the calendar goes from 1 BC to 1 AD); now a bad date in
/// JSON, in a CSV cell and for the JSON Schema alike.
#[test]
fn year_0000_is_not_a_date() {
    assert!("0000".parse::<ogp_core::PlanDate>().is_err());
    assert!("0000-01-01".parse::<ogp_core::PlanDate>().is_err());
    assert!("0001-01-01".parse::<ogp_core::PlanDate>().is_ok());
    let mut v = sample();
    v["plans"][0]["start"] = json!("0000");
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.to_string().contains("year 0000"), "{err}");
    // The same in a bundle's cell.
    let ds = Dataset::from_json(&sample().to_string()).unwrap();
    let start = ds.plans[0].start.to_string();
    let mut files = ogp_core::io::csv::to_files(&ds, &ogp_core::io::csv::WriteOptions::default());
    let plans = String::from_utf8(files["plans.csv"].clone()).unwrap();
    let (head, rest) = plans.split_once('\n').unwrap();
    let edited = format!("{head}\n{}", rest.replacen(&start, "0000", 1));
    files.insert("plans.csv".to_owned(), edited.into_bytes());
    let err = ogp_core::io::csv::from_files(&files).unwrap_err();
    assert!(err.to_string().contains("plans.csv row 2"), "{err}");
    assert!(err.to_string().contains("no year 0000"), "{err}");
}

/// A key named twice inside a text map or `ext` kept the last value without a word; now each
/// repetition is a duplicate-key error at the member's pointer and the line it is repeated on.
#[test]
fn duplicate_keys_in_text_maps_and_ext_are_errors_not_a_silent_choice() {
    let src = r#"{"schema_version": "1",
  "organizations": [
    {"id": "min", "name": {"en": "Ministry", "en": "Forged"}, "sector": "government",
     "ext": {"budget_line": "J-42", "nested": {"a": 1}, "budget_line": "J-99"}}
  ]}"#;
    let err = Dataset::from_json(src).unwrap_err();
    let found: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.code, p.location.pointer.clone().unwrap(), p.location.line))
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::DuplicateKey,
                "/organizations/0/ext/budget_line".to_owned(),
                Some(4)
            ),
            (
                Code::DuplicateKey,
                "/organizations/0/name/en".to_owned(),
                Some(3)
            ),
        ]
    );
    // The same key in two different objects is no repetition.
    let ok = r#"{"schema_version": "1", "organizations": [
        {"id": "a", "name": {"en": "A"}, "sector": "government", "ext": {"k": {"k": 1}}},
        {"id": "b", "name": {"en": "B"}, "sector": "government", "ext": {"k": [{"k": 1}, {"k": 2}]}}]}"#;
    assert!(Dataset::from_json(ok).is_ok());
}

/// A 10 MB title or ext key, or a NUL byte in a title, was accepted (and a NUL cut the text
/// in databases and spreadsheets). Now each is bad-text at its pointer, in JSON and in a
/// bundle's cell alike.
#[test]
fn texts_too_long_or_holding_nul_are_errors() {
    let long = "x".repeat(ogp_core::MAX_TEXT_BYTES + 1);
    let mut v = sample();
    v["plans"][0]["commitments"][0]["title"] = json!(long);
    v["plans"][0]["commitments"][1]["ext"] = json!({ long.clone(): 1 });
    v["plans"][0]["title"] = json!("Open\u{0}data");
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    let found: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.code, p.location.pointer.clone().unwrap()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|(c, _)| *c == Code::BadText), "{found:?}");
    assert!(
        found.iter().any(|(_, p)| p == "/plans/0/title"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, p)| p == "/plans/0/commitments/0/title"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, p)| p.starts_with("/plans/0/commitments/1/ext/xxx")),
        "{found:?}"
    );
    // In a bundle: the NUL reaches validation through the CSV reader (the CLI locates it at
    // plans.csv's row and column: the hostile corpus's csv-nul-in-cell).
    let ds = Dataset::from_json(&sample().to_string()).unwrap();
    let mut files = ogp_core::io::csv::to_files(&ds, &ogp_core::io::csv::WriteOptions::default());
    let plans = String::from_utf8(files["plans.csv"].clone()).unwrap();
    let title = ds.plans[0].title.get("en", "en").unwrap().to_owned();
    let edited = plans.replacen(&title, &format!("{title}\u{0}"), 1);
    files.insert("plans.csv".to_owned(), edited.into_bytes());
    let Ok(bundle) = ogp_core::io::csv::from_files(&files) else {
        panic!("the bundle did not read");
    };
    let found: Vec<_> = validate(&bundle.dataset)
        .errors()
        .map(|p| (p.code, p.location.pointer.clone().unwrap_or_default()))
        .collect();
    assert_eq!(found, [(Code::BadText, "/plans/0/title/en".to_owned())]);
}

/// The bundle of the format sample as files, to edit one table.
fn sample_files() -> std::collections::BTreeMap<String, Vec<u8>> {
    let ds = Dataset::from_json(&sample().to_string()).unwrap();
    ogp_core::io::csv::to_files(&ds, &ogp_core::io::csv::WriteOptions::default())
}

/// A CSV heading of megabytes hung the reader: "did you mean" measured its edit distance to
/// every column name, in time the product of the lengths. Hints now skip names longer than a
/// few dozen characters, and the message names the heading by its start.
#[test]
fn a_huge_csv_heading_fails_fast_without_a_hint_or_an_echo() {
    let mut files = sample_files();
    let commitments = String::from_utf8(files["commitments.csv"].clone()).unwrap();
    let (head, rest) = commitments.split_once('\n').unwrap();
    let huge = "x".repeat(10_000_000);
    let edited = format!("{head},{huge}\n{}", rest.replace('\n', ",\n"));
    files.insert("commitments.csv".to_owned(), edited.into_bytes());
    let started = std::time::Instant::now();
    let Err(Error::Parse { problems }) = ogp_core::io::csv::from_files(&files) else {
        panic!("an unknown column is an error");
    };
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    let p = problems
        .iter()
        .find(|p| p.code == Code::ExtraLabel)
        .expect("the heading is reported");
    assert_eq!(p.location.file.as_deref(), Some("commitments.csv"));
    assert_eq!(p.location.row, Some(1));
    assert!(p.message.contains("(10000000 characters)"), "{}", p.message);
    assert!(p.message.len() < 1000 && !p.message.contains("did you mean"));
    // The same for a word that is not one of a column's words, and an id that is unknown.
    assert_eq!(
        ogp_core::hint::nearest(&huge, ["complete", "limited"]),
        None
    );
}

/// A list cell's items were trimmed and its empty items dropped (` padded ;` read as
/// `["padded"]`), while the same list in JSON is an error. Items are now kept as written,
/// and validation reports them at the file, row and column.
#[test]
fn padded_or_empty_list_items_in_a_csv_cell_are_errors_not_trimmed() {
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "organizations.csv".to_owned(),
        b"id,name,sector,focus\nmin,Ministry,government,\nassoc-x,Association,civil_society, padded ;\n"
            .to_vec(),
    );
    let bundle = ogp_core::io::csv::from_files(&files).unwrap();
    assert_eq!(bundle.dataset.organizations[0].focus, Vec::<String>::new());
    assert_eq!(bundle.dataset.organizations[1].focus, [" padded ", ""]);
    let mut found = Vec::new();
    for mut p in validate(&bundle.dataset).problems {
        bundle.sources.locate(&mut p);
        found.push((
            p.code,
            p.location.file.unwrap_or_default(),
            p.location.row,
            p.location.field.unwrap_or_default(),
        ));
    }
    let at = |code| {
        (
            code,
            "organizations.csv".to_owned(),
            Some(3),
            "focus".to_owned(),
        )
    };
    assert_eq!(found, [at(Code::InvalidValue), at(Code::EmptyText)]);
}

/// A CSV file cut inside a quoted cell read as whole: the csv crate ends the cell at the end
/// of the file without a word. The OGP sheet and a bundle's table are now refused, at the row
/// where the quote opened.
#[test]
fn a_csv_cut_inside_a_quoted_cell_is_refused_not_read() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/hostile/sheet.csv");
    let sheet = std::fs::read(path).unwrap();
    let Err(Error::Parse { problems }) = ogp_core::io::ogp_sheet::read(&sheet[..883], "c.csv")
    else {
        panic!("a sheet cut inside quotes is refused");
    };
    let p = &problems[0];
    assert!(
        p.message.contains("ends inside a quoted cell"),
        "{}",
        p.message
    );
    assert_eq!(p.location.file.as_deref(), Some("c.csv"));
    assert_eq!(p.location.row, Some(4));
    assert_eq!(p.location.field.as_deref(), Some("Commitment Title"));
    assert!(ogp_core::io::ogp_sheet::read(&sheet, "c.csv").is_ok());
    // A bundle's table cut in its last column, where no cell is missing to give it away.
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "organizations.csv".to_owned(),
        b"id,name,sector,focus\nmin,Ministry,government,\"open data;budg".to_vec(),
    );
    let Err(Error::Parse { problems }) = ogp_core::io::csv::from_files(&files) else {
        panic!("a table cut inside quotes is refused");
    };
    let p = &problems[0];
    assert!(
        p.message.contains("ends inside a quoted cell"),
        "{}",
        p.message
    );
    assert_eq!(p.location.file.as_deref(), Some("organizations.csv"));
    assert_eq!(p.location.row, Some(2));
    assert_eq!(p.location.field.as_deref(), Some("focus"));
}

/// A FIFO given as a dataset, a workbook or a sheet was opened and read, waiting forever for a
/// writer. Every single-file reader now refuses what is not a regular file, naming the path,
/// as the bundle reader already did for its tables.
#[cfg(unix)]
#[test]
fn a_fifo_given_as_a_file_is_refused_not_waited_on() {
    let dir = std::env::temp_dir().join(format!("ogp-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for name in ["plans.csv", "data.json", "book.xlsx"] {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.unwrap().success());
        paths.push(path);
    }
    // Run in a thread so that a regression fails the test instead of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    let checked = paths.clone();
    std::thread::spawn(move || {
        let mut errors = Vec::new();
        for p in &checked {
            errors.push(ogp_core::io::open(p).err());
            errors.push(ogp_core::io::ogp_sheet::read_file(p).err());
        }
        errors.push(ogp_core::io::xlsx::read_file(&checked[2]).err());
        let _ = tx.send(errors);
    });
    let errors = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("a FIFO is refused at once, not waited on");
    for e in errors {
        let e = e.expect("a FIFO is an error");
        assert!(matches!(e, Error::Io { .. }), "{e}");
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert!(e.to_string().contains("ogp-fifo-"), "{e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// 8,000 problems in a 6.5 MB file took minutes to validate: each was located by reading the
/// text again, and each unknown id was compared with every id for a hint. Now the text is read
/// once for all problems, each wrong id is looked up once, and hints stop after a fixed amount
/// of comparing (later problems say the same without "did you mean").
#[test]
fn thousands_of_problems_are_located_and_hinted_with_bounded_work() {
    let orgs: Vec<Value> = (0..1200)
        .map(|i| {
            json!({"id": format!("org-{i}"), "name": "Org", "sector": "government",
                   "parent": format!("org-{i}x")})
        })
        .collect();
    let src = serde_json::to_string_pretty(&json!({"schema_version": "1", "organizations": orgs}))
        .unwrap();
    let dir = std::env::temp_dir().join(format!("ogp-many-problems-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("many.json");
    std::fs::write(&path, &src).unwrap();
    let report = ogp_core::io::load_and_validate(&path).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1200);
    // Every problem located at its own line, in one pass (a sample checked one by one).
    for (i, p) in errors.iter().enumerate().step_by(60) {
        assert_eq!(
            p.location.line,
            ogp_core::io::json::locate(&src, p.location.pointer.as_deref().unwrap())
                .map(|(l, _)| l),
            "{i}"
        );
    }
    // The first hints, the last (past the budget) does not.
    assert!(errors.iter().any(|p| p.message.contains("did you mean")));
    assert!(!errors.last().unwrap().message.contains("did you mean"));
}
