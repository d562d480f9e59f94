//! A dataset checked once: what every engine takes.
//!
//! Validation looks at the whole dataset. An engine that validated on each call would do that
//! work again for every plan, every date and every committee it is asked about, so that the
//! cost of a world-wide run grew with the square of its size. Instead, a dataset is checked
//! once — [`Checked::new`] for one built in memory, [`crate::io::open`] for one read from a
//! file, whose problems are then located at their source (line and column, or file, row and
//! column, or sheet and cell) — and the engines ([`crate::progress`], [`crate::committee`],
//! [`crate::selection`], [`crate::rotation`]) take the [`Checked`] dataset and never validate
//! again.
//!
//! ```
//! use ogp_core::{Checked, Dataset};
//!
//! let ds = Dataset::from_json(r#"{"schema_version": "1"}"#)?;
//! let checked = Checked::new(ds)?;
//! assert!(checked.report().problems.is_empty());
//! assert!(checked.plans.is_empty()); // a `Checked` reads as the dataset it holds
//! # Ok::<(), ogp_core::Error>(())
//! ```

use std::ops::Deref;
use std::sync::Arc;

use crate::error::{Problem, Report};
use crate::io::Locator;
use crate::{Dataset, Error};

/// A dataset with no validation error, and its report (the warnings). Only validation makes
/// one, so an engine that takes a `Checked` may rely on every reference resolving, every
/// weight being positive and every date being in order.
#[derive(Debug, Clone)]
pub struct Checked {
    dataset: Arc<Dataset>,
    report: Report,
    locator: Locator,
}

impl Checked {
    /// Validates `dataset`: the checked dataset, or [`Error::Invalid`] with every problem
    /// (located by JSON pointer) when there is an error.
    pub fn new(dataset: impl Into<Arc<Dataset>>) -> Result<Checked, Error> {
        let dataset = dataset.into();
        let report = crate::validate(&dataset);
        Checked::from_report(dataset, report, Locator::None)
    }

    /// The checked dataset when `report` (the validation of `dataset`, possibly located at
    /// the source) has no error.
    fn from_report(
        dataset: Arc<Dataset>,
        report: Report,
        locator: Locator,
    ) -> Result<Checked, Error> {
        if report.has_errors() {
            return Err(Error::Invalid {
                problems: report.problems,
            });
        }
        Ok(Checked {
            dataset,
            report,
            locator,
        })
    }

    /// Adds to `p` the source location of its JSON pointer when the dataset was read from a
    /// file ([`crate::io::open`]): line and column in a JSON file; file, row and column in a
    /// bundle; sheet and cell in a workbook. For the problems engines report (a committee's
    /// warnings, a selection's problems), so that they are found where people edit.
    pub fn locate(&self, p: &mut Problem) {
        self.locator.locate(p);
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The dataset, shared.
    pub fn shared(&self) -> &Arc<Dataset> {
        &self.dataset
    }

    /// The validation report: warnings only (and, for a dataset read from a file, the
    /// reader's warnings), sorted.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The warnings whose JSON pointer is `pointer` or lies under it (`/plans/3` gives the
    /// warnings of the fourth plan).
    pub fn warnings_under<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Problem> {
        self.report.problems.iter().filter(move |p| {
            p.location.pointer.as_deref().is_some_and(|x| {
                x.strip_prefix(pointer)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        })
    }
}

impl Dataset {
    /// Validates a copy of the dataset (see [`Checked::new`], which takes the dataset itself
    /// and copies nothing): for a dataset that is used again afterwards.
    ///
    /// ```
    /// let ds = ogp_core::Dataset::from_json(r#"{"schema_version": "1"}"#)?;
    /// let checked = ds.check()?;
    /// assert_eq!(checked.dataset(), &ds);
    /// # Ok::<(), ogp_core::Error>(())
    /// ```
    pub fn check(&self) -> Result<Checked, Error> {
        Checked::new(self.clone())
    }
}

impl Deref for Checked {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        &self.dataset
    }
}

/// A dataset read from a file, with its validation report located at the source: see
/// [`crate::io::open`]. It may have errors; [`Loaded::check`] turns it into a [`Checked`]
/// dataset without validating again.
#[derive(Debug, Clone)]
pub struct Loaded {
    dataset: Arc<Dataset>,
    report: Report,
    locator: Locator,
}

impl Loaded {
    /// A loaded dataset and the (located) validation report of it. Crate-internal: only the
    /// readers make one, right after validating.
    pub(crate) fn new(dataset: Arc<Dataset>, report: Report, locator: Locator) -> Loaded {
        Loaded {
            dataset,
            report,
            locator,
        }
    }

    /// A dataset built in memory, validated now; its problems have JSON pointers only.
    pub fn from_dataset(dataset: impl Into<Arc<Dataset>>) -> Loaded {
        let dataset = dataset.into();
        let report = crate::validate(&dataset);
        Loaded::new(dataset, report, Locator::None)
    }

    /// Adds to `p` the source location of its JSON pointer: line and column in a JSON file;
    /// file, row and column in a bundle; sheet and cell in a workbook. For the problems that
    /// engines report (a committee's warnings, a selection's problems).
    pub fn locate(&self, p: &mut Problem) {
        self.locator.locate(p);
    }

    /// The dataset as read (it may have validation errors).
    pub fn dataset(&self) -> &Arc<Dataset> {
        &self.dataset
    }

    /// Every problem: the reader's warnings and the validation's errors and warnings, each
    /// located at its source.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The checked dataset, or [`Error::Invalid`] with every located problem.
    pub fn check(&self) -> Result<Checked, Error> {
        Checked::from_report(
            Arc::clone(&self.dataset),
            self.report.clone(),
            self.locator.clone(),
        )
    }

    /// Like [`Loaded::check`], consuming the loaded dataset.
    pub fn into_checked(self) -> Result<Checked, Error> {
        Checked::from_report(self.dataset, self.report, self.locator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_refuse_and_warnings_stay() {
        let bad = Dataset::from_json(
            r#"{"schema_version": "1", "plans": [{"id": "p", "country": "ZZ",
                "level": "national", "title": "P", "start": "2025", "end": "2024",
                "status": "implementation"}]}"#,
        )
        .unwrap_or_default();
        assert!(matches!(Checked::new(bad), Err(Error::Invalid { .. })));
        let ok = Dataset::from_json(r#"{"schema_version": "1"}"#).unwrap_or_default();
        let checked = Checked::new(ok).map_err(|e| e.to_string());
        assert!(checked.is_ok_and(|c| c.warnings_under("").count() == 0));
    }
}
