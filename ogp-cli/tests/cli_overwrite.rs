//! Nothing overwritten: every command that writes refuses a target that is not empty unless
//! `--force`, never writes its output over its input, and never writes through a symbolic link.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{Temp, ogp};

use std::fs;
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const NAP3: &str = "examples/morocco-nap3/dataset.json";

#[test]
fn template_refuses_a_filled_bundle_and_leaves_it_whole() {
    let t = Temp::new("over", "template");
    let bundle = t.0.join("b");
    assert_eq!(ogp(&["convert", NAP3, s(&bundle)]).status.code(), Some(0));
    let before = fs::read(bundle.join("commitments.csv")).unwrap();
    let out = ogp(&["template", s(&bundle)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("exists and is not empty"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read(bundle.join("commitments.csv")).unwrap(), before);
    // With --force the template replaces the tables, keeping a file of one's own.
    fs::write(bundle.join("NOTES.md"), "mine").unwrap();
    let out = ogp(&["template", s(&bundle), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let head = fs::read_to_string(bundle.join("commitments.csv")).unwrap();
    assert_eq!(head.lines().count(), 1, "only the header is left: {head}");
    assert_eq!(fs::read_to_string(bundle.join("NOTES.md")).unwrap(), "mine");
}

#[test]
fn convert_refuses_an_existing_file_and_its_own_input() {
    let t = Temp::new("over", "convert");
    let a = t.0.join("a.json");
    fs::copy(common::root().join(NAP3), &a).unwrap();
    let before = fs::read(&a).unwrap();
    let out = ogp(&["convert", s(&a), s(&a), "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("over the input"), "{}", stderr(&out));
    assert_eq!(fs::read(&a).unwrap(), before);

    let b = t.0.join("b.json");
    fs::write(&b, "keep me").unwrap();
    let out = ogp(&["convert", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&b).unwrap(), "keep me");
    let out = ogp(&["convert", s(&a), s(&b), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read(&b).unwrap(),
        before,
        "JSON to JSON gives the same bytes"
    );
}

#[test]
fn import_never_writes_over_its_own_sheet() {
    let t = Temp::new("over", "import");
    let d = t.0.join("d");
    fs::create_dir_all(&d).unwrap();
    let sheet = d.join("commitments.csv");
    fs::copy(
        common::root().join("tests/fixtures/ogp-sheet/commitments.csv"),
        &sheet,
    )
    .unwrap();
    let before = fs::read(&sheet).unwrap();
    for force in [false, true] {
        let mut args = vec!["import", "ogp-sheet", s(&sheet), s(&d)];
        if force {
            args.push("--force");
        }
        let out = ogp(&args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(fs::read(&sheet).unwrap(), before);
    }
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_symbolic_link() {
    let t = Temp::new("over", "link");
    let victim = t.0.join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let link = t.0.join("out.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = ogp(&["convert", NAP3, s(&link), "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn schema_out_refuses_a_filled_folder_without_force() {
    let t = Temp::new("over", "schema");
    let out = ogp(&["schema", "--out", s(&t.0)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an empty folder is written into"
    );
    let out = ogp(&["schema", "--out", s(&t.0)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = ogp(&["schema", "--out", s(&t.0), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
