//! The OGP-sheet importer: any bytes as the OGP/IRM commitments sheet (or the published
//! database), then the imported dataset validated and written as JSON and a bundle. (The
//! export back to the published layout, `ogp_sheet::write`, costs several times the import,
//! so it is left to the property test `published_database_import_and_export_survive_mutations`
//! in `ogp-core/tests/readers_never_panic.rs`.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_core::io::ogp_sheet;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = ogp_sheet::read(data, "sheet.csv") {
        ogp_fuzz::exercise(&imported.dataset, None);
    }
});
