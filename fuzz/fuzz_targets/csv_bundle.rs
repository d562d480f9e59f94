//! The CSV bundle reader: any set of named files (the `>>> NAME` format of the crate doc:
//! tables, `datapackage.json`, stray files), read as a bundle folder would be.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_core::io::csv;

fuzz_target!(|data: &[u8]| {
    let files = ogp_fuzz::split_files(data);
    if let Ok(bundle) = csv::from_files(&files) {
        ogp_fuzz::exercise(&bundle.dataset, Some(&bundle.sources));
    }
});
