//! Progress on many dates in one sweep: every node's updates are sorted once by the day they
//! count from, and a cursor per node moves forward through them as the dates advance.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Options;
use super::compute::{Latest, Prepared, compute};
use super::result::PlanProgress;
use crate::{Error, Update, last_day_of_month};

/// How often a series takes a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    /// Every month end.
    Month,
    /// Every quarter end (31 March, 30 June, 30 September, 31 December).
    Quarter,
}

impl Every {
    /// `month` or `quarter`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Every::Month => "month",
            Every::Quarter => "quarter",
        }
    }
}

impl std::str::FromStr for Every {
    type Err = Error;

    fn from_str(s: &str) -> Result<Every, Error> {
        match s {
            "month" => Ok(Every::Month),
            "quarter" => Ok(Every::Quarter),
            _ => Err(Error::Argument(format!(
                "{s:?} is not a period; expected month or quarter"
            ))),
        }
    }
}

impl std::fmt::Display for Every {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The month ends (or quarter ends) that fall within `[from, to]`, in order; empty when
/// `from > to`.
///
/// ```
/// use chrono::NaiveDate;
/// use ogp_core::progress::{Every, dates};
///
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// assert_eq!(dates(Every::Quarter, d("2024-02-15"), d("2024-12-31")),
///            [d("2024-03-31"), d("2024-06-30"), d("2024-09-30"), d("2024-12-31")]);
/// assert_eq!(dates(Every::Month, d("2024-01-31"), d("2024-03-30")),
///            [d("2024-01-31"), d("2024-02-29")]);
/// ```
pub fn dates(every: Every, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    loop {
        let end = last_day_of_month(y, m);
        if end > to || end == NaiveDate::MAX {
            break;
        }
        if end >= from && (every == Every::Month || m % 3 == 0) {
            out.push(end);
        }
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// Refuses a series of more dates than [`Options::max_dates`] allows (bounded work on any
/// input), naming the range and how to raise the limit.
pub(super) fn within_limit(plan: &str, dates: &[NaiveDate], opts: &Options) -> Result<(), Error> {
    let max = opts.max_dates.unwrap_or(super::DEFAULT_MAX_DATES);
    match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if dates.len() > max => Err(Error::Argument(format!(
            "the series of plan {plan:?} would compute {} dates ({first} to {last}), more than \
             the limit of {max}; narrow the range (--from/--to, start=/end=) or raise the limit \
             (--max-dates, max_dates=)",
            dates.len()
        ))),
        _ => Ok(()),
    }
}

/// A node's updates sorted by (day it counts from, position), and how many count so far.
struct Cursor {
    sorted: Vec<(NaiveDate, usize)>,
    pos: usize,
}

impl Cursor {
    fn new(updates: &[Update]) -> Cursor {
        let mut sorted: Vec<(NaiveDate, usize)> = updates
            .iter()
            .enumerate()
            .map(|(i, u)| (u.date.resolve_end(), i))
            .collect();
        sorted.sort_unstable();
        Cursor { sorted, pos: 0 }
    }

    /// Moves to `d` (never backwards) and returns the position of the latest counting update.
    fn advance(&mut self, d: NaiveDate) -> Option<usize> {
        while let Some((end, _)) = self.sorted.get(self.pos) {
            if *end > d {
                break;
            }
            self.pos += 1;
        }
        self.pos
            .checked_sub(1)
            .and_then(|p| self.sorted.get(p))
            .map(|(_, i)| *i)
    }
}

/// The plan's progress on each of `dates` (in the order given; duplicates allowed), computed
/// in one sweep. Each result equals [`super::plan_progress`] on that date exactly.
///
/// Errors as [`super::plan_progress`]: an unknown plan, a dataset with validation errors, an
/// option out of range.
pub fn series(
    ds: &crate::Checked,
    plan: &str,
    dates: &[NaiveDate],
    opts: &Options,
) -> Result<Vec<PlanProgress>, Error> {
    within_limit(plan, dates, opts)?;
    let prep = Prepared::new(ds, plan, opts)?;
    let mut own: Vec<Cursor> = prep
        .plan
        .commitments
        .iter()
        .map(|c| Cursor::new(&c.updates))
        .collect();
    let mut ms: Vec<Vec<Cursor>> = prep
        .plan
        .commitments
        .iter()
        .map(|c| {
            c.milestones
                .iter()
                .map(|m| Cursor::new(&m.updates))
                .collect()
        })
        .collect();
    let mut order: Vec<(NaiveDate, usize)> = dates
        .iter()
        .copied()
        .enumerate()
        .map(|(i, d)| (d, i))
        .collect();
    order.sort_unstable();
    let mut out: Vec<Option<PlanProgress>> = vec![None; dates.len()];
    for (d, i) in order {
        let latest = Latest {
            own: own.iter_mut().map(|c| c.advance(d)).collect(),
            milestones: ms
                .iter_mut()
                .map(|v| v.iter_mut().map(|c| c.advance(d)).collect())
                .collect(),
        };
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(compute(&prep, d, &latest));
        }
    }
    Ok(out.into_iter().flatten().collect())
}

/// The series of several plans at once — every plan of the dataset when `plans` is empty, else
/// those named, in the order given — each on its own dates ([`super::plan_dates`] with
/// `every`, `from` and `to`), in one sweep per plan. The dataset is checked once (it is a
/// [`crate::Checked`]) and no plan is looked at twice, so the time grows with the number of
/// plans and updates, not with its square. Each plan's results equal [`series`] on that plan.
///
/// ```
/// use ogp_core::progress::{self, Every, Options};
///
/// let checked = ogp_core::io::open("../examples/morocco-nap3/dataset.json".as_ref())?.check()?;
/// let all = progress::series_of_plans(&checked, &[], Every::Quarter, None, None, &Options::default())?;
/// assert_eq!(all.len(), checked.plans.len());
/// assert_eq!(all[0][0].plan, "ma-nap3");
/// # Ok::<(), ogp_core::Error>(())
/// ```
///
/// Errors: [`Error::NotFound`] for a plan id that does not exist; [`Error::Argument`] for an
/// option out of range.
pub fn series_of_plans(
    checked: &crate::Checked,
    plans: &[&str],
    every: Every,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    opts: &Options,
) -> Result<Vec<Vec<PlanProgress>>, Error> {
    let chosen = checked.plans_or_all(plans)?;
    chosen
        .into_iter()
        .map(|plan| {
            let dates = super::plan_dates(plan, every, from, to);
            within_limit(plan.id.as_str(), &dates, opts)?;
            series(checked, plan.id.as_str(), &dates, opts)
        })
        .collect()
}
