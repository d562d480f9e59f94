//! Differential round trip: any text that reads as a dataset validating with no errors
//! (warnings allowed) must come back equal through every format, and be written
//! byte-stably:
//! - JSON: `from_json(to_json(ds)) == ds`, and `to_json` of that is the same bytes;
//! - CSV bundle: `from_files(to_files(ds)) == ds` (with and without spreadsheet-safe cells),
//!   and `to_files` of that is the same bytes;
//! - workbook: `from_bytes(to_bytes(ds)) == ds` and the same bytes again, whenever
//!   `to_bytes` accepts the dataset (it refuses a text longer than a cell can hold).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_core::Dataset;
use ogp_core::io::{csv, xlsx};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ds) = Dataset::from_json(text) else {
        return;
    };
    if ogp_core::validate(&ds).has_errors() {
        return;
    }

    let json = ds.to_json();
    let back = match Dataset::from_json(&json) {
        Ok(back) => back,
        Err(e) => panic!("to_json wrote what from_json refuses: {e:#?}\n{json}"),
    };
    assert!(back == ds, "JSON round trip changed the dataset:\n{json}");
    assert!(
        back.to_json() == json,
        "to_json is not byte-stable:\n{json}"
    );

    for spreadsheet_safe in [true, false] {
        let opts = csv::WriteOptions {
            spreadsheet_safe,
            ..csv::WriteOptions::default()
        };
        let files = csv::to_files(&ds, &opts);
        let back = match csv::from_files(&files) {
            Ok(bundle) => bundle.dataset,
            Err(e) => panic!("the bundle of a valid dataset is refused: {e:#?}\n{json}"),
        };
        assert!(
            back == ds,
            "bundle round trip (safe: {spreadsheet_safe}) changed the dataset:\n{json}\n{}",
            back.to_json()
        );
        assert!(
            csv::to_files(&back, &opts) == files,
            "bundle not byte-stable:\n{json}"
        );
    }

    let opts = csv::WriteOptions::default();
    if let Ok(bytes) = xlsx::to_bytes(&ds, &opts) {
        let back = match xlsx::from_bytes(&bytes, "roundtrip.xlsx") {
            Ok(bundle) => bundle.dataset,
            Err(e) => panic!("the workbook of a valid dataset is refused: {e:#?}\n{json}"),
        };
        assert!(
            back == ds,
            "workbook round trip changed the dataset:\n{json}\n{}",
            back.to_json()
        );
        assert!(
            xlsx::to_bytes(&back, &opts).ok() == Some(bytes),
            "workbook not byte-stable:\n{json}"
        );
    }
});
