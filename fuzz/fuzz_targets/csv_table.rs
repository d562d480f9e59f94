//! Each CSV table of the bundle reader. The first byte selects the table (its index in the
//! layout, modulo the number of tables); the low bit of the second byte says whether the
//! table is read alone (0) or in place of its file in the bundle of
//! `tests/fixtures/format-sample.json` (1), so that its rows can refer to real parents; the
//! rest is the table's bytes.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use ogp_core::io::csv;

fuzz_target!(|data: &[u8]| {
    let [pick, mode, table @ ..] = data else {
        return;
    };
    let names = ogp_fuzz::table_files();
    let Some(name) = names.get(usize::from(*pick) % names.len().max(1)) else {
        return;
    };
    let mut files = if mode & 1 == 1 {
        ogp_fuzz::sample_bundle().clone()
    } else {
        BTreeMap::new()
    };
    files.insert(name.clone(), table.to_vec());
    if let Ok(bundle) = csv::from_files(&files) {
        ogp_fuzz::exercise(&bundle.dataset, Some(&bundle.sources));
    }
});
