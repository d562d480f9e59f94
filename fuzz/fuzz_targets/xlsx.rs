//! The workbook reader (`io::xlsx::from_bytes`, calamine underneath). An input that starts
//! with `PK` is read as the workbook's bytes; any other input is the workbook's parts in the
//! `>>> NAME` format of the crate doc (`xl/workbook.xml`, `xl/worksheets/sheet1.xml`,
//! `xl/sharedStrings.xml`…), zipped here without compression, so that the fuzzer mutates the
//! XML the reader sees rather than a deflate stream whose checksum any change breaks.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use ogp_core::io::xlsx;
use zip::write::SimpleFileOptions;

fn zipped(data: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in ogp_fuzz::split_files(data) {
        zip.start_file(name, stored).ok()?;
        zip.write_all(&bytes).ok()?;
    }
    zip.finish().ok().map(Cursor::into_inner)
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        match zipped(data) {
            Some(bytes) => bytes,
            None => return,
        }
    };
    if let Ok(bundle) = xlsx::from_bytes(&bytes, "fuzz.xlsx") {
        ogp_fuzz::exercise(&bundle.dataset, Some(&bundle.sources));
    }
});
