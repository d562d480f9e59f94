//! Reading and writing datasets: the only module that deals with bytes.
//!
//! - [`json`]: the JSON document (and its error recovery, so that every problem is reported at
//!   once, located by JSON pointer, line and column).
//! - [`schema`]: the JSON Schemas generated from the model.
//! - [`csv`]: the CSV bundle (a folder of tables and a Frictionless `datapackage.json`),
//!   its templates.
//! - [`xlsx`]: the Excel workbook, a CSV bundle in one file (one sheet per table).
//! - [`ogp_sheet`]: the OGP/IRM commitments spreadsheet, imported into datasets.
//! - [`output`]: how every file is written: never over what exists without being asked,
//!   never through a symbolic link, never half-written.

pub mod csv;
pub mod json;
pub mod ogp_sheet;
pub mod output;
pub mod schema;
mod shape;
pub mod xlsx;

use std::path::Path;

use std::sync::Arc;

use crate::{Dataset, Error, Loaded};
use output::Overwrite;

/// Reads a dataset from a path: a folder is read as a CSV bundle ([`csv::read_dir`]), a
/// `.xlsx` file as an Excel workbook ([`xlsx::read_file`]), any other file as a `.json`
/// document.
///
/// Problems are reported with the file name in their [`crate::Location`] (and, in a
/// workbook, the sheet and cell).
pub fn load(path: &Path) -> Result<Dataset, Error> {
    if path.is_dir() {
        return csv::read_dir(path).map(|b| b.dataset);
    }
    if xlsx::is_workbook(path) {
        return xlsx::read_file(path).map(|b| b.dataset);
    }
    load_json(path).map(|(ds, _)| ds)
}

/// Reads a `.json` file: the dataset and the text it was read from.
fn load_json(path: &Path) -> Result<(Dataset, String), Error> {
    let text = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let file = path.display().to_string();
    let text = match String::from_utf8(text) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let before = e.as_bytes().get(..valid).unwrap_or_default();
            let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
            return Err(Error::Parse {
                problems: vec![crate::Problem {
                    severity: crate::Severity::Error,
                    code: crate::Code::EncodingError,
                    message: format!(
                        "the file is not UTF-8 (invalid byte at offset {valid}); save it as UTF-8"
                    ),
                    location: crate::Location {
                        file: Some(file),
                        line: Some(line),
                        ..crate::Location::default()
                    },
                }],
            });
        }
    };
    match Dataset::from_json(&text) {
        Ok(ds) => Ok((ds, text)),
        Err(Error::Parse { mut problems }) => {
            for p in &mut problems {
                p.location.file = Some(file.clone());
            }
            Err(Error::Parse { problems })
        }
        Err(other) => Err(other),
    }
}

/// Writes a dataset to a `.json` file (see [`Dataset::to_json`]), atomically; a file that is
/// not empty is refused unless `overwrite` says to replace it (see [`output`]).
pub fn save(ds: &Dataset, path: &Path, overwrite: Overwrite) -> Result<(), Error> {
    output::write_file(path, ds.to_json().as_bytes(), overwrite)
}

/// Reads a dataset (a `.json` file, a CSV bundle folder or an `.xlsx` workbook) and validates
/// it, once: the dataset with every problem located at its source (see
/// [`load_and_validate`]) and what it takes to locate later ones ([`Loaded::locate`]).
/// [`Loaded::check`] then gives the [`crate::Checked`] dataset the engines take, without
/// validating again.
///
/// ```
/// let loaded = ogp_core::io::open(std::path::Path::new("../examples/morocco-nap3/dataset.json"))?;
/// let checked = loaded.check()?;
/// assert_eq!(checked.plans[0].id.as_str(), "ma-nap3");
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn open(path: &Path) -> Result<Loaded, Error> {
    if path.is_dir() || xlsx::is_workbook(path) {
        let bundle = if path.is_dir() {
            csv::read_dir(path)?
        } else {
            xlsx::read_file(path)?
        };
        let locator = Locator::Table(bundle.sources);
        let mut problems = bundle.warnings;
        for mut p in crate::validate(&bundle.dataset).problems {
            locator.locate(&mut p);
            problems.push(p);
        }
        let report = crate::Report::new(problems);
        return Ok(Loaded::new(Arc::new(bundle.dataset), report, locator));
    }
    let (ds, text) = load_json(path)?;
    let locator = Locator::Json {
        file: path.display().to_string(),
        text: Arc::new(text),
    };
    let mut report = crate::validate(&ds);
    for p in &mut report.problems {
        locator.locate(p);
    }
    Ok(Loaded::new(Arc::new(ds), report, locator))
}

/// Loads a dataset (a `.json` file, a CSV bundle folder or an `.xlsx` workbook) and
/// validates it: every problem, sorted. For a JSON file, each validation problem is also
/// located by line and column in the text ([`json::locate`]); for a bundle or a workbook, the
/// reader's warnings are included and each validation problem is also located by file, row
/// and column, or sheet and cell ([`csv::SourceMap::locate`]).
///
/// ```
/// let report = ogp_core::io::load_and_validate(std::path::Path::new("no-such-file.json"));
/// assert!(report.is_err());
/// ```
pub fn load_and_validate(path: &Path) -> Result<crate::Report, Error> {
    open(path).map(|loaded| loaded.report().clone())
}

/// Where the values of a loaded dataset came from, to locate a problem found later (by an
/// engine) at its source.
#[derive(Debug, Clone)]
pub(crate) enum Locator {
    /// A JSON document: its file name and text (problems get a line and column).
    Json {
        /// The file, as given.
        file: String,
        /// The document's text (an `Arc<String>`: making an `Arc<str>` of it would copy it,
        /// and for a moment hold the text twice beside the dataset).
        text: Arc<String>,
    },
    /// A bundle or a workbook: file (or sheet), row and column of each entity.
    Table(csv::SourceMap),
    /// Built in memory: pointers only.
    None,
}

impl Locator {
    /// Adds the source location of `p`'s JSON pointer (the pointer is kept).
    pub(crate) fn locate(&self, p: &mut crate::Problem) {
        match self {
            Locator::Json { file, text } => {
                p.location.file = Some(file.clone());
                if let Some((line, column)) = p
                    .location
                    .pointer
                    .as_deref()
                    .and_then(|ptr| json::locate(text, ptr))
                {
                    p.location.line = Some(line);
                    p.location.column = Some(column);
                }
            }
            Locator::Table(sources) => sources.locate(p),
            Locator::None => {}
        }
    }
}

/// How [`save_any`] writes.
pub type SaveOptions = csv::WriteOptions;

/// Writes a dataset to `path`: a path ending in `.json` gets the JSON document, one ending in
/// `.xlsx` an Excel workbook ([`xlsx::write_file`]), any other path becomes a CSV bundle
/// folder ([`csv::write_dir`]). `redact_people` applies to all three; `spreadsheet_safe` to
/// the bundle (a workbook never holds formulas). Nothing that exists is replaced unless
/// `overwrite` says so (see [`output`]).
pub fn save_any(
    ds: &Dataset,
    path: &Path,
    opts: &SaveOptions,
    overwrite: Overwrite,
) -> Result<(), Error> {
    if xlsx::is_workbook(path) {
        return xlsx::write_file(ds, path, opts, overwrite);
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        if opts.redact_people {
            let mut copy = ds.clone();
            csv::redact_people(&mut copy);
            return save(&copy, path, overwrite);
        }
        return save(ds, path, overwrite);
    }
    csv::write_dir(ds, path, opts, overwrite)
}
