//! The `ogp` Python module's native part, `ogp._ogp`.
//!
//! A thin face over `ogp-core`: it converts arguments and results and calls the core. No domain
//! rule lives here. Exceptions are the pure-Python classes of `ogp._errors`, raised from here
//! with `errors::to_py`.

mod convert;
mod dataset;
mod errors;
mod progress;

use pyo3::prelude::*;

/// Native part of the `ogp` package: open government action plans and their committees.
#[pymodule]
mod _ogp {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::dataset::{Dataset, PlanSummary, Problem};
    #[pymodule_export]
    use crate::progress::{PlansProgress, Progress, Series};

    /// Read a dataset: a `.json` file, a CSV bundle folder (as `Dataset.write_csv` writes
    /// and `ogp template` starts) or an Excel workbook `.xlsx` (as `Dataset.write_xlsx`
    /// writes). Raises `ParseError` with every problem, located by JSON pointer, line and
    /// column, by CSV file, row and column, or by workbook sheet and cell.
    #[pyfunction]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Dataset> {
        let loaded = py
            .detach(|| ogp_core::io::open(&path))
            .map_err(|e| crate::errors::to_py(py, e))?;
        Ok(Dataset::new(loaded))
    }

    /// The JSON Schema (draft 2020-12) of an entity, as a dict.
    ///
    /// `name` is one of `schema_names()`: "Dataset" (default), "Organization", "ActionPlan",
    /// "Committee", "ScoringGrid", "Call", "RotationPolicy", "Event".
    #[pyfunction]
    #[pyo3(signature = (name = "Dataset"))]
    fn json_schema(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        let schema = ogp_core::io::schema::schema(name).ok_or_else(|| {
            crate::errors::not_found(
                py,
                &format!(
                    "no schema named {name:?}; the schemas are: {}",
                    ogp_core::io::schema::NAMES.join(", ")
                ),
                name,
            )
        })?;
        crate::convert::to_py(py, schema.as_value())
    }

    /// The names accepted by `json_schema()`.
    #[pyfunction]
    fn schema_names() -> Vec<&'static str> {
        ogp_core::io::schema::NAMES.to_vec()
    }

    /// Sets the most bytes `load()` reads from one file, for the whole process (default
    /// 1,000,000,000): a larger file raises `ArgumentError` before it is read. Returns the
    /// limit it replaced.
    #[pyfunction]
    fn set_max_input_bytes(limit: u64) -> u64 {
        let before = ogp_core::io::max_input_bytes();
        ogp_core::io::set_max_input_bytes(limit);
        before
    }

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
