//! Conversions between core results and Python objects.

use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList, PyString};
use serde_json::Value;

/// A JSON value as Python objects: dict, list, str, int, float, bool, None.
pub fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any().unbind()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any().unbind()
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py(py, x)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(m) => {
            let dict = PyDict::new(py);
            for (k, x) in m {
                dict.set_item(k, to_py(py, x)?)?;
            }
            dict.into_any().unbind()
        }
    })
}

/// A start-date argument: like [`date_arg`], but a month or year means its first day
/// ([`ogp_core::progress::since`]).
pub fn date_arg_start(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    date_in(obj, ogp_core::progress::since)
}

/// A date argument: a `datetime.date` (or `datetime`), or an ISO 8601 string of year, month or
/// day precision (a year or a month means its last day: [`ogp_core::progress::as_of`]).
pub fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    date_in(obj, ogp_core::progress::as_of)
}

/// A date from a `datetime.date`, or from a string read by `read` (a core rule).
fn date_in(
    obj: &Bound<'_, PyAny>,
    read: fn(&str) -> Result<NaiveDate, ogp_core::Error>,
) -> PyResult<NaiveDate> {
    if let Ok(s) = obj.cast::<PyString>() {
        return read(&s.to_cow()?).map_err(|e| crate::errors::to_py(obj.py(), e));
    }
    if obj.is_instance_of::<PyDate>() {
        // A datetime is a date too: take its calendar date.
        let date = if obj.hasattr("hour")? {
            obj.call_method0("date")?
        } else {
            obj.clone()
        };
        return date.extract::<NaiveDate>();
    }
    Err(PyTypeError::new_err(format!(
        "expected a datetime.date or an ISO 8601 string (2025, 2025-03 or 2025-03-18), got {}",
        obj.get_type().name()?
    )))
}

/// Keys whose values are days (`YYYY-MM-DD`) in core results: returned as `datetime.date`.
const DATE_KEYS: &[&str] = &["as_of", "start", "end", "due", "counts_from", "date"];

/// Like [`to_py`], but strings of a full day under a date key become `datetime.date` (a date
/// of month or year precision, as written in the dataset, stays a string).
pub fn to_py_dated(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    match v {
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py_dated(py, x)?)?;
            }
            Ok(list.into_any().unbind())
        }
        Value::Object(m) => {
            let dict = PyDict::new(py);
            for (k, x) in m {
                let day = match x {
                    Value::String(s) if DATE_KEYS.contains(&k.as_str()) && s.len() == 10 => {
                        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
                    }
                    _ => None,
                };
                match day {
                    Some(d) => dict.set_item(k, d)?,
                    None => dict.set_item(k, to_py_dated(py, x)?)?,
                }
            }
            Ok(dict.into_any().unbind())
        }
        other => to_py(py, other),
    }
}

/// Escapes text for HTML (`&`, `<`, `>`, `"`, `'`).
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}
