//! Reading and writing datasets: the only module that deals with bytes.
//!
//! - [`json`]: the JSON document (and its error recovery, so that every problem is reported at
//!   once, located by JSON pointer, line and column).
//! - [`schema`]: the JSON Schemas generated from the model.

pub mod json;
pub mod schema;

use std::path::Path;

use crate::{Dataset, Error};

/// Reads a dataset from a file: a `.json` document.
///
/// Problems are reported with the file name in their [`crate::Location`].
pub fn load(path: &Path) -> Result<Dataset, Error> {
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
    Dataset::from_json(&text).map_err(|e| match e {
        Error::Parse { mut problems } => {
            for p in &mut problems {
                p.location.file = Some(file.clone());
            }
            Error::Parse { problems }
        }
        other => other,
    })
}

/// Writes a dataset to a `.json` file (see [`Dataset::to_json`]).
pub fn save(ds: &Dataset, path: &Path) -> Result<(), Error> {
    std::fs::write(path, ds.to_json()).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
