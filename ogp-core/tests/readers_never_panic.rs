//! No input, however broken, makes a reader panic: arbitrary bytes and mutated real files go
//! through the CSV bundle reader and the OGP-sheet importer, and every failure is a located
//! problem.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::Path;

use ogp_core::Dataset;
use ogp_core::io::{csv, ogp_sheet};
use proptest::prelude::*;

fn sample_bundle() -> BTreeMap<String, Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = std::fs::read_to_string(root.join("tests/fixtures/format-sample.json")).unwrap();
    let ds = Dataset::from_json(&text).unwrap();
    csv::to_files(&ds, &csv::WriteOptions::default())
}

fn sheet() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::read(root.join("tests/fixtures/ogp-sheet/commitments.csv")).unwrap()
}

fn database() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::read(root.join("tests/fixtures/ogp-database/commitments.csv")).unwrap()
}

/// Every problem of a failed read says where it is.
fn located(err: &ogp_core::Error) -> bool {
    err.problems().iter().all(|p| {
        let l = &p.location;
        l.file.is_some() || l.pointer.is_some() || l.line.is_some()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn bundle_reader_survives_mutations(
        file in 0usize..40,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut files = sample_bundle();
        let names: Vec<String> = files.keys().cloned().collect();
        let name = &names[file % names.len()];
        let bytes = files.get_mut(name).unwrap();
        if !bytes.is_empty() {
            for (at, b) in &edits {
                let i = at.index(bytes.len());
                bytes[i] = *b;
            }
        }
        if let Err(e) = csv::from_files(&files) {
            prop_assert!(located(&e), "{e:?}");
        }
    }

    #[test]
    fn bundle_reader_survives_arbitrary_tables(
        name in prop::sample::select(vec!["plans.csv", "commitments.csv", "updates.csv", "memberships.csv", "datapackage.json"]),
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut files = sample_bundle();
        files.insert(name.to_owned(), bytes);
        if let Err(e) = csv::from_files(&files) {
            prop_assert!(located(&e), "{e:?}");
        }
    }

    #[test]
    fn sheet_importer_survives_mutations(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = sheet();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        if let Err(e) = ogp_sheet::read(&bytes, "sheet.csv") {
            prop_assert!(located(&e), "{e:?}");
        }
    }

    #[test]
    fn published_database_import_and_export_survive_mutations(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = database();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        match ogp_sheet::read(&bytes, "sheet.csv") {
            Ok(imported) => {
                let _ = ogp_sheet::write(&imported.dataset);
            }
            Err(e) => prop_assert!(located(&e), "{e:?}"),
        }
    }

    #[test]
    fn sheet_importer_survives_arbitrary_text(text in "[a-zA-Z0-9,;\"\\n\\r ]{0,300}") {
        if let Err(e) = ogp_sheet::read(text.as_bytes(), "sheet.csv") {
            prop_assert!(located(&e), "{e:?}");
        }
    }
}
