//! One module per subcommand, and what they share: loading a dataset and reporting problems.

pub mod committee;
pub mod convert;
pub mod export;
pub mod import;
pub mod progress;
pub mod rotation;
pub mod schema;
pub mod select;
pub mod series;
pub mod template;
pub mod validate;

use std::path::Path;
use std::process::ExitCode;

use ogp_core::{Checked, Dataset, Error};

use crate::out::problem_lines;

/// Loads a dataset. Parse problems are printed (one line each) and give `Err(exit code 1)`;
/// other errors (I/O) are returned.
pub fn load(path: &Path) -> Result<Result<Dataset, ExitCode>, Error> {
    outcome(path, ogp_core::io::load(path))
}

/// Loads a dataset and checks it, once, for the engines: parse and validation errors are
/// printed at their source (line and column, file/row/column, sheet and cell) and give
/// `Err(exit code 1)`; other errors (I/O) are returned.
pub fn load_checked(path: &Path) -> Result<Result<Checked, ExitCode>, Error> {
    let loaded = match outcome(path, ogp_core::io::open(path))? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(Err(code)),
    };
    outcome(path, loaded.into_checked())
}

/// Refuses to write `output` over `input`: the same path, or a folder that holds the input
/// (`ogp convert a.json a.json`, `ogp import ogp-sheet d/commitments.csv d`), even with
/// `--force`.
pub fn refuse_output_over_input(input: &Path, output: &Path) -> Result<(), Error> {
    if ogp_core::io::output::is_within(input, output) {
        return Err(Error::Argument(format!(
            "{} would be written over the input {}; choose another output path",
            output.display(),
            input.display()
        )));
    }
    Ok(())
}

/// Splits a result: problems in the data (parse or validation errors) are printed to standard
/// error and become exit code 1; other errors are returned (the caller exits 2).
pub fn outcome<T>(path: &Path, r: Result<T, Error>) -> Result<Result<T, ExitCode>, Error> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(Error::Parse { problems } | Error::Invalid { problems }) => {
            for line in problem_lines(path, &problems) {
                crate::out::note(&line);
            }
            crate::out::note(&format!(
                "{}: the dataset has errors; nothing was computed (see `ogp validate`)",
                path.display()
            ));
            Ok(Err(ExitCode::from(1)))
        }
        Err(e) => Err(e),
    }
}
