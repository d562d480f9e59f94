//! What the fuzz targets share: the input format of the multi-file targets, the sample bundle
//! a single table is read with, and the checks every read dataset goes through.
//!
//! # Multi-file inputs
//! `csv_bundle` and `xlsx` (when the input does not start with `PK`) read their input as
//! named files: each file starts with a line `>>> NAME`, at the start of the input or after a
//! line break, and its bytes run up to the line break before the next such line (or the end
//! of the input, less one final line break). Bytes before the first `>>> ` line are ignored.
//! [`join_files`] writes this format, so every seed and finding can be read by eye.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ogp_core::Dataset;
use ogp_core::io::csv::{self, SourceMap, WriteOptions};

/// The line that starts a file of a multi-file input.
pub const MARKER: &[u8] = b">>> ";

/// The files of a multi-file input (see the module doc); a name read twice keeps its last
/// bytes, as a folder would.
pub fn split_files(data: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut starts = Vec::new();
    if data.starts_with(MARKER) {
        starts.push(0);
    }
    let mut i = 0;
    while let Some(off) = find(data.get(i..).unwrap_or_default(), b"\n>>> ") {
        starts.push(i + off + 1);
        i += off + 1;
    }
    let mut files = BTreeMap::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(data.len(), |&next| next - 1);
        let section = data.get(start + MARKER.len()..end).unwrap_or_default();
        let (name, body) = match section.iter().position(|&b| b == b'\n') {
            Some(nl) => (
                section.get(..nl).unwrap_or_default(),
                section.get(nl + 1..).unwrap_or_default(),
            ),
            None => (section, &[][..]),
        };
        let body = if starts.get(k + 1).is_none() {
            body.strip_suffix(b"\n").unwrap_or(body)
        } else {
            body
        };
        files.insert(String::from_utf8_lossy(name).into_owned(), body.to_vec());
    }
    files
}

/// The multi-file input of these files: the inverse of [`split_files`].
pub fn join_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        out.extend_from_slice(MARKER);
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(bytes);
        out.push(b'\n');
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `tests/fixtures/format-sample.json`, the dataset that fills every table.
pub const FORMAT_SAMPLE: &str = include_str!("../../tests/fixtures/format-sample.json");

/// The bundle of [`FORMAT_SAMPLE`], built once: the tables a fuzzed table is read beside.
pub fn sample_bundle() -> &'static BTreeMap<String, Vec<u8>> {
    static BUNDLE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    BUNDLE.get_or_init(|| match Dataset::from_json(FORMAT_SAMPLE) {
        Ok(ds) => csv::to_files(&ds, &WriteOptions::default()),
        Err(_) => BTreeMap::new(),
    })
}

/// The file names of the bundle's tables, in the layout's order (`dataset.csv` first).
pub fn table_files() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        csv::tables::Layout::get()
            .tables
            .iter()
            .map(|t| t.file())
            .collect()
    })
}

/// What is done with every dataset a reader gives: validated, each problem located at its
/// source, and written back as JSON and as a bundle. None of it may panic.
pub fn exercise(ds: &Dataset, sources: Option<&SourceMap>) {
    let report = ogp_core::validate(ds);
    if let Some(sources) = sources {
        for p in &report.problems {
            let mut p = p.clone();
            sources.locate(&mut p);
        }
    }
    let _ = ds.to_json();
    let _ = csv::to_files(ds, &WriteOptions::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip() {
        let mut files = BTreeMap::new();
        files.insert("a.csv".to_owned(), b"x,y\n1,2\n".to_vec());
        files.insert("b.csv".to_owned(), b"no newline".to_vec());
        files.insert("c.json".to_owned(), Vec::new());
        assert_eq!(split_files(&join_files(&files)), files);
    }
}
