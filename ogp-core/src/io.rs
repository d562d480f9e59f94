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

/// Why [`read_file`] refuses a path that is not a regular file.
pub(crate) const NOT_A_FILE: &str = "not a regular file (a folder, a pipe or a device); not read";

/// The most bytes ogp reads from one file unless [`set_max_input_bytes`] said otherwise:
/// 1 GB (the world's OGP data with a million dated updates is under 100 MB).
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1_000_000_000;

static MAX_INPUT_BYTES: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(DEFAULT_MAX_INPUT_BYTES);

/// Sets the most bytes [`read_file`] (so every reader) takes from one file, for the whole
/// process: a larger file is refused with [`Error::Argument`] before it is read, so a huge or
/// endless input cannot exhaust memory.
///
/// ```
/// use ogp_core::io;
/// io::set_max_input_bytes(100);
/// let e = io::read_file(std::path::Path::new("../examples/morocco-nap3/dataset.json"));
/// assert!(e.unwrap_err().to_string().contains("more than the 100"));
/// io::set_max_input_bytes(io::DEFAULT_MAX_INPUT_BYTES);
/// ```
pub fn set_max_input_bytes(limit: u64) {
    MAX_INPUT_BYTES.store(limit, std::sync::atomic::Ordering::Relaxed);
}

/// The limit [`set_max_input_bytes`] set (by default [`DEFAULT_MAX_INPUT_BYTES`]).
pub fn max_input_bytes() -> u64 {
    MAX_INPUT_BYTES.load(std::sync::atomic::Ordering::Relaxed)
}

/// The bytes of the file at `path`, which must be a regular file (a symbolic link to one is
/// followed): a folder, a FIFO, a device or a link to nothing is refused with
/// [`Error::Io`] naming the path, where reading it would fail late, read forever or wait
/// forever for a writer. Every reader of one file (JSON, workbook, OGP sheet, a bundle's
/// tables, a selection audit) reads through here. A file larger than
/// [`max_input_bytes`] is refused with [`Error::Argument`] before it is read.
///
/// ```
/// let e = ogp_core::io::read_file(std::path::Path::new("../examples")).unwrap_err();
/// assert!(e.to_string().contains("not a regular file"), "{e}");
/// ```
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let refuse = |why: &str| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            why.to_owned(),
        ))
    };
    let meta = std::fs::metadata(path).map_err(|source| {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if link {
            refuse("a symbolic link to nothing; not read")
        } else {
            io(source)
        }
    })?;
    if !meta.is_file() {
        return Err(refuse(NOT_A_FILE));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Checked again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(refuse(NOT_A_FILE));
    }
    let limit = max_input_bytes();
    if meta.len() > limit {
        return Err(Error::Argument(format!(
            "{} is {} bytes, more than the {limit} ogp reads from one file; raise the limit if \
             it is really meant (--max-input-mb, or ogp.set_max_input_bytes in Python)",
            path.display(),
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    // Never more than the limit, even if the file grows while it is read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Error::Argument(format!(
            "{} grew past {limit} bytes while it was read",
            path.display()
        )));
    }
    Ok(bytes)
}

/// Reads a `.json` file: the dataset and the text it was read from.
fn load_json(path: &Path) -> Result<(Dataset, String), Error> {
    let text = read_file(path)?;
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
        let mut found = crate::validate(&bundle.dataset).problems;
        locator.locate_all(&mut found);
        problems.extend(found);
        let report = crate::Report::new(problems);
        return Ok(Loaded::new(Arc::new(bundle.dataset), report, locator));
    }
    let (ds, text) = load_json(path)?;
    let locator = Locator::Json {
        file: path.display().to_string(),
        text: Arc::new(text),
    };
    let mut report = crate::validate(&ds);
    locator.locate_all(&mut report.problems);
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

    /// [`Locator::locate`] for many problems: a JSON text is read once for all of them
    /// ([`json::locate_all`]), not once per problem.
    pub(crate) fn locate_all(&self, problems: &mut [crate::Problem]) {
        let Locator::Json { file, text } = self else {
            problems.iter_mut().for_each(|p| self.locate(p));
            return;
        };
        let pointers: Vec<&str> = problems
            .iter()
            .map(|p| p.location.pointer.as_deref().unwrap_or("\u{0}none"))
            .collect();
        let places = json::locate_all(text, &pointers);
        for (p, place) in problems.iter_mut().zip(places) {
            p.location.file = Some(file.clone());
            if let (Some((line, column)), true) = (place, p.location.pointer.is_some()) {
                p.location.line = Some(line);
                p.location.column = Some(column);
            }
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
