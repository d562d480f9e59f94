//! `ogp schema`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use ogp_core::Error;
use ogp_core::io::output::Overwrite;
use ogp_core::io::schema;

/// Prints one schema, or writes them all into `out`.
pub fn run(out: Option<&Path>, name: &str, force: bool) -> Result<ExitCode, Error> {
    let Some(dir) = out else {
        let s = schema::schema(name).ok_or_else(|| {
            Error::Argument(format!(
                "no schema named {name:?}; the schemas are: {}",
                schema::NAMES.join(", ")
            ))
        })?;
        crate::out::json(&s)?;
        return Ok(ExitCode::SUCCESS);
    };
    let files: BTreeMap<String, Vec<u8>> = schema::all()
        .into_iter()
        .map(|(file, text)| (file, text.into_bytes()))
        .collect();
    ogp_core::io::output::write_dir(dir, &files, Overwrite::from_force(force))?;
    for file in files.keys() {
        crate::out::note(&format!("wrote {}", dir.join(file).display()));
    }
    Ok(ExitCode::SUCCESS)
}
