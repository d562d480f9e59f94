//! Raising the `ogp.OgpError` hierarchy (defined in Python, in `ogp/_errors.py`).

use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::dataset::Problem;

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("ogp._errors")?.getattr(name)
}

fn raise<'py, A: pyo3::call::PyCallArgs<'py>>(py: Python<'py>, name: &str, args: A) -> PyErr {
    match class(py, name).and_then(|c| c.call1(args)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// A core error as the matching Python exception.
pub fn to_py(py: Python<'_>, e: ogp_core::Error) -> PyErr {
    use ogp_core::Error;
    let message = e.to_string();
    match e {
        Error::Parse { problems } => {
            let location = problems
                .first()
                .map(|p| crate::dataset::location_dict(py, &p.location))
                .transpose();
            match (location, problem_list(py, problems)) {
                (Ok(loc), Ok(list)) => raise(py, "ParseError", (message, list, loc)),
                (Err(err), _) | (_, Err(err)) => err,
            }
        }
        Error::Invalid { problems } => match problem_list(py, problems) {
            Ok(list) => raise(py, "ValidationError", (message, list)),
            Err(err) => err,
        },
        Error::NotFound { id, .. } => raise(py, "NotFoundError", (message, id)),
        Error::Argument(_) => argument(py, &message),
        Error::Exists { path } => raise(
            py,
            "OutputExistsError",
            (17_i32, message, path.display().to_string()),
        ),
        Error::Io { path, source } => raise(
            py,
            "FileError",
            (source.raw_os_error(), message, path.display().to_string()),
        ),
        _ => raise(py, "OgpError", (message,)),
    }
}

/// An `ogp.ArgumentError` (also a `ValueError`).
pub fn argument(py: Python<'_>, message: &str) -> PyErr {
    raise(py, "ArgumentError", (message.to_owned(),))
}

/// An `ogp.NotFoundError` (also a `KeyError`).
pub fn not_found(py: Python<'_>, message: &str, key: &str) -> PyErr {
    raise(py, "NotFoundError", (message.to_owned(), key.to_owned()))
}

fn problem_list(py: Python<'_>, problems: Vec<ogp_core::Problem>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for p in problems {
        list.append(Problem::from_core(py, p)?)?;
    }
    Ok(list)
}
