//! The JSON reader: `Dataset::from_json` on any UTF-8 text, then validation, every problem
//! located in the text (`io::json::locate`), and the dataset written back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_core::Dataset;
use ogp_core::io::json;

fuzz_target!(|data: &[u8]| {
    // The file loader refuses text that is not UTF-8 before the reader sees it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let problems = match Dataset::from_json(text) {
        Ok(ds) => {
            ogp_fuzz::exercise(&ds, None);
            ogp_core::validate(&ds).problems
        }
        Err(e) => e.problems().to_vec(),
    };
    for p in &problems {
        if let Some(ptr) = p.location.pointer.as_deref() {
            let _ = json::locate(text, ptr);
        }
    }
});
