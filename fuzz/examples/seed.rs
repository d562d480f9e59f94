//! Writes the seed corpora of the fuzz targets into `fuzz/corpus/<target>/`, from the
//! project's fixtures and examples and from what the library writes of them (bundles,
//! workbooks, OGP-sheet exports). Run from `fuzz/`: `cargo run --release --example seed`.
//! The corpora are not committed: this makes them again, the same every time.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use ogp_core::Dataset;
use ogp_core::io::{csv, ogp_sheet, xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut seeds: BTreeMap<&str, Vec<(String, Vec<u8>)>> = BTreeMap::new();

    // JSON documents: valid, warning and invalid fixtures, the format sample, the examples.
    let mut jsons = Vec::new();
    for dir in [
        "tests/fixtures/valid",
        "tests/fixtures/warning",
        "tests/fixtures/invalid",
    ] {
        jsons.extend(files_in(&root.join(dir), "json"));
    }
    jsons.push(root.join("tests/fixtures/format-sample.json"));
    for e in std::fs::read_dir(root.join("examples"))? {
        jsons.extend(files_in(&e?.path(), "json"));
    }
    jsons.retain(|p| !p.ends_with("expected.json"));
    jsons.sort();

    let mut datasets = Vec::new();
    for p in &jsons {
        let bytes = std::fs::read(p)?;
        let name = seed_name(&root, p);
        seeds
            .entry("json")
            .or_default()
            .push((name.clone(), bytes.clone()));
        seeds
            .entry("roundtrip")
            .or_default()
            .push((name.clone(), bytes.clone()));
        if let Ok(ds) = Dataset::from_json(&String::from_utf8_lossy(&bytes)) {
            datasets.push((name, ds));
        }
    }

    // Bundles: the broken ones of csv-invalid/, the example bundle, and each dataset's.
    let mut bundles: Vec<(String, BTreeMap<String, Vec<u8>>)> = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/csv-invalid"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.push(root.join("examples/morocco-nap1/bundle"));
    dirs.sort();
    for dir in dirs {
        let mut files = BTreeMap::new();
        for e in std::fs::read_dir(&dir)? {
            let p = e?.path();
            if let Some(name) = p.file_name().and_then(|n| n.to_str()) {
                files.insert(name.to_owned(), std::fs::read(&p)?);
            }
        }
        bundles.push((seed_name(&root, &dir), files));
    }
    for (name, ds) in &datasets {
        bundles.push((
            format!("{name}.bundle"),
            csv::to_files(ds, &csv::WriteOptions::default()),
        ));
    }
    let tables = ogp_fuzz::table_files();
    for (name, files) in &bundles {
        seeds
            .entry("csv_bundle")
            .or_default()
            .push((name.clone(), ogp_fuzz::join_files(files)));
        for (file, bytes) in files {
            let Some(i) = tables.iter().position(|t| t == file) else {
                continue;
            };
            for mode in [0u8, 1] {
                let mut seed = vec![u8::try_from(i)?, mode];
                seed.extend_from_slice(bytes);
                seeds
                    .entry("csv_table")
                    .or_default()
                    .push((format!("{name}.{file}.{mode}"), seed));
            }
        }
    }

    // OGP sheets: the fixtures, the published database, and each dataset exported.
    for p in [
        "tests/fixtures/ogp-sheet/commitments.csv",
        "tests/fixtures/ogp-database/commitments.csv",
        "tests/fixtures/ogp-database/filtered.csv",
    ] {
        seeds
            .entry("ogp_sheet")
            .or_default()
            .push((p.replace('/', "_"), std::fs::read(root.join(p))?));
    }
    for (name, ds) in &datasets {
        seeds.entry("ogp_sheet").or_default().push((
            format!("{name}.export"),
            ogp_sheet::write(ds).csv.into_bytes(),
        ));
    }

    // Workbooks written by the library (and its template), as bytes and as their parts.
    let mut books = vec![(
        "template".to_owned(),
        xlsx::template_bytes(&["ar".into(), "fr".into()])?,
    )];
    for (name, ds) in &datasets {
        if let Ok(bytes) = xlsx::to_bytes(ds, &csv::WriteOptions::default()) {
            books.push((name.clone(), bytes));
        }
    }
    for (name, bytes) in books {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes))?;
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i)?;
            let mut content = Vec::new();
            f.read_to_end(&mut content)?;
            parts.insert(f.name().to_owned(), content);
        }
        let x = seeds.entry("xlsx").or_default();
        x.push((format!("{name}.xlsx"), bytes));
        x.push((format!("{name}.parts"), ogp_fuzz::join_files(&parts)));
    }

    for (target, list) in &seeds {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir)?;
        let mut largest = 0;
        for (name, bytes) in list {
            std::fs::write(dir.join(name), bytes)?;
            largest = largest.max(bytes.len());
        }
        println!("{target}: {} seeds, largest {largest} bytes", list.len());
    }
    Ok(())
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default()
}

/// A file name for the seed of `p`: its path under the project root, `/` as `_`.
fn seed_name(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.to_string_lossy().replace(['/', '\\'], "_")
}
