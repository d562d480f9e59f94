//! Number formatting for JSON output: whole numbers are written without a fraction (`29`, not
//! `29.0`), so that a dataset written by hand comes back as it was written.

use serde::Serializer;

/// The largest integer an `f64` holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Serializes an `f64`, whole numbers as integers.
pub(crate) fn f64<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    let v = *v;
    if v.fract() == 0.0 && v.abs() < EXACT {
        // Exact: |v| < 2^53 and whole, so the cast loses nothing.
        #[allow(clippy::cast_possible_truncation)]
        s.serialize_i64(v as i64)
    } else {
        s.serialize_f64(v)
    }
}

/// Serializes an `Option<f64>` (only called for `Some`, fields skip `None`).
pub(crate) fn opt_f64<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => f64(v, s),
        None => s.serialize_none(),
    }
}

/// Serializes a day as `YYYY-MM-DD`.
pub(crate) fn date<S: Serializer>(d: &chrono::NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

/// Serializes an optional day as `YYYY-MM-DD` or `null`.
pub(crate) fn opt_date<S: Serializer>(
    d: &Option<chrono::NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => date(d, s),
        None => s.serialize_none(),
    }
}
