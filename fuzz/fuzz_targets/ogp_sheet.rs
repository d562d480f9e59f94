//! The OGP-sheet importer: any bytes as the OGP/IRM commitments sheet (or the published
//! database), then the imported dataset validated, written as JSON and a bundle, and exported
//! back in the published layout.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_core::io::ogp_sheet;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = ogp_sheet::read(data, "sheet.csv") {
        ogp_fuzz::exercise(&imported.dataset, None);
        let _ = ogp_sheet::write(&imported.dataset);
    }
});
