//! `ogp schema`.

use std::path::Path;
use std::process::ExitCode;

use ogp_core::Error;
use ogp_core::io::schema;

/// Prints one schema, or writes them all into `out`.
pub fn run(out: Option<&Path>, name: &str) -> Result<ExitCode, Error> {
    let Some(dir) = out else {
        let s = schema::schema(name).ok_or_else(|| {
            Error::Argument(format!(
                "no schema named {name:?}; the schemas are: {}",
                schema::NAMES.join(", ")
            ))
        })?;
        println!(
            "{}",
            serde_json::to_string_pretty(&s).unwrap_or_else(|e| e.to_string())
        );
        return Ok(ExitCode::SUCCESS);
    };
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    for (file, text) in schema::all() {
        let path = dir.join(&file);
        std::fs::write(&path, text).map_err(|source| Error::Io { path, source })?;
        eprintln!("wrote {}", dir.join(file).display());
    }
    Ok(ExitCode::SUCCESS)
}
