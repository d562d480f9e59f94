//! Progress on any date: milestones → commitments → plan, expected against actual, roll-ups,
//! series, and a derivation on every figure.
//!
//! Everything here is a pure function of a borrowed [`Dataset`](crate::Dataset). The rules below are exact: with
//! them, any figure can be recomputed by hand. All figures are percentages from 0 to 100.
//!
//! # 1. Which update counts on a date D
//! An update counts from the **last day of its date's period**: `2025-03-18` from that day,
//! `2025-03` from 2025-03-31, `2025` from 2025-12-31 ([`PlanDate::resolve_end`](crate::PlanDate::resolve_end)). On D, a node
//! (a milestone, or a commitment's own update list) uses its **latest counting update**: among
//! the updates that count from a day ≤ D, the one with the latest such day; of two counting
//! from the same day, the one later in the list.
//!
//! # 2. A milestone's progress on D
//! From its latest counting update, the first of these that applies:
//! 1. status `withdrawn` → the milestone is **withdrawn** (whatever else the update gives):
//!    excluded from every aggregate, listed in [`PlanProgress::excluded`], shown with percent 0,
//!    expected 0 and weight `null`;
//! 2. `percent` given → that percent;
//! 3. `status` given → its value on the status scale (default: not_started 0, limited 25,
//!    substantial 75, complete 100, no_evidence 0). A `no_evidence` status counted this way adds
//!    a warning located at the update's `status`;
//! 4. `value` given and the milestone has an indicator → `(value − baseline) / (target −
//!    baseline) × 100`, clipped to 0–100. The formula is signed, so a falling indicator
//!    (target below baseline, `higher_is_better: false`) is inverted by it: baseline 40, target
//!    10, value 25 gives (25 − 40) / (10 − 40) × 100 = 50. `higher_is_better` documents the
//!    direction; the target and baseline decide it (validation warns when they disagree).
//!
//! No counting update → 0. A milestone whose latest counting update is not `withdrawn` counts
//! again: withdrawal is a state on D, not forever.
//!
//! # 3. A commitment's progress on D
//! - With milestones: **Σ wᵢ·pᵢ / Σ wᵢ** over its counted (not withdrawn) milestones, where wᵢ is
//!   the milestone's `weight` (1 when no milestone of the commitment has one; some weighted and
//!   some not is a `weights-missing` validation error, so the computation refuses the dataset).
//!   Each milestone's `weight` in the output is wᵢ / Σ wᵢ. The commitment's own updates do not
//!   enter its percent; they still decide its withdrawal and its level (below).
//! - Without milestones: its own updates, by the milestone rule (§2), without indicator.
//! - It is **withdrawn** (excluded, listed, its milestones listed too with reason
//!   `commitment_withdrawn`) when its own latest counting update has status `withdrawn`, or when
//!   it has milestones and all of them are withdrawn (reason `all_milestones_withdrawn`).
//! - Its **level** (the IRM completion scale, used by `completion_share`): the `status` of its
//!   own latest counting update when that update gives one; otherwise from its percent: 0 →
//!   not_started, below 50 → limited, below 100 → substantial, 100 → complete.
//!
//! A weighted mean is computed as written, then kept within the smallest and largest value
//! averaged (this only undoes floating-point rounding: a mean of 100s is exactly 100). A mean
//! of nothing is 0.
//!
//! # 4. The plan's progress on D, by method
//! The method comes from [`Options::method`], else the plan's `progress_rules.method`, else
//! `commitment_mean`. Only counted (not withdrawn) commitments and milestones enter.
//! - `commitment_mean`: Σ cⱼ·Pⱼ / Σ cⱼ over the commitments, cⱼ being the commitment's `weight`
//!   (1 when none is given).
//! - `milestone_mean`: Σ wᵢ·pᵢ / Σ wᵢ over every counted milestone of the plan, by the
//!   milestone's own weight (commitment weights do not enter); a commitment without milestones
//!   counts as one milestone of weight 1 with the commitment's percent.
//! - `completion_share` (the IRM view): Σ cⱼ·hⱼ / Σ cⱼ where hⱼ is 100 when the commitment's
//!   level is substantial or complete and 0 otherwise — without commitment weights, simply the
//!   share of commitments at high completion.
//!
//! A commitment's `weight` in the output is its normalised weight in the plan figure: cⱼ / Σ c
//! (under `milestone_mean`: the sum of its milestones' weights over the sum of all of them).
//!
//! # 5. Expected progress on D
//! The schedule rule comes from [`Options::schedule`], else `progress_rules.schedule`, else
//! `step`. For a milestone, with `due` = its `due` resolved to the last day and `start` = its
//! `start` (else its commitment's) resolved to the first day:
//! - `step`: 100 when D ≥ due, else 0;
//! - `linear`: 100 when D ≥ due; else 0 when D ≤ start; else (D − start) / (due − start) × 100,
//!   counting days (2024-07-01 → 2025-06-30 on 2025-03-18: 260 of 364 days = 71.429).
//!
//! A commitment without milestones follows the same rule from its `start` to its `end`.
//! Expected figures are aggregated exactly as actual ones (same weights, same method), except
//! under `completion_share`, where a commitment counts 100 when its expected progress is 50 or
//! more (the level rule of §3 applied to its expected progress) and 0 otherwise.
//!
//! # 6. Status of a node on D
//! The first that applies, for milestones, commitments, the plan and roll-up groups:
//! 1. `withdrawn` — the node is withdrawn (a plan or group: every one of its commitments is);
//! 2. `complete` — percent is 100 (and, for a commitment, plan or group, every counted child
//!    is complete). A status `complete` on a scale that maps it below 100 is not `complete`;
//!    under `completion_share` a plan at 100 % (every commitment substantial or complete) is
//!    `complete` only when every commitment is;
//! 3. `not_started` — percent and expected are both 0 (and every counted child is
//!    not_started): nothing done, nothing expected yet;
//! 4. `overdue` — D is after its due day (a milestone's `due`, a commitment's `end`, the plan's
//!    `end`, a group's latest commitment `end`, all resolved to the last day);
//! 5. `behind` — percent < expected − tolerance (tolerance from [`Options::tolerance`], else
//!    `progress_rules.tolerance`, else 10); exactly at `expected − tolerance` is on track;
//! 6. `on_track` — otherwise.
//!
//! # 7. Before the plan starts
//! When D is before the plan's `start` (resolved to the first day), no update counts and
//! nothing is expected: every figure is 0 and every node `not_started`. It is not an error.
//!
//! # 8. Reported figures
//! Each of the plan's `reported` figures whose `as_of` (resolved to its last day) is ≤ D is
//! listed, in dataset order, with `difference` = the computed plan percent − the reported one.
//!
//! # 9. Roll-ups and series
//! [`groups`] applies the plan's method (§4, §5, §6) to the commitments of each theme, lead
//! institution, OGP value or policy area. [`series`] gives the same results on many dates in
//! one sweep (each node's updates sorted once, a cursor per node); each equals
//! [`plan_progress`] on its date exactly. [`dates`] lists month or quarter ends; [`rows`] turns
//! a series into long-format rows. [`series_table`] gives the same rows' figures for many plans
//! as columns, without building the results or their words (the figures of a long series,
//! as `ogp series` and Python's `series()` print them); they equal [`series`]' exactly.
//!
//! # 10. Refusals
//! An unknown plan id is [`Error::NotFound`] (naming the plans that exist); a dataset with
//! validation errors never gets here: the engine takes a [`Checked`] dataset, and checking
//! refuses it ([`Error::Invalid`] with every problem); an option out of range
//! (tolerance or status-scale value outside 0–100) is [`Error::Argument`]. Validation warnings
//! located inside the plan are passed on in [`PlanProgress::warnings`].
//!
//! # Example: the worked example of the design
//! ```
//! use chrono::NaiveDate;
//! use ogp_core::{Dataset, ProgressMethod, Schedule};
//! use ogp_core::progress::{Options, NodeStatus, plan_progress};
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1",
//!   "organizations": [{"id": "min", "name": "Ministry", "sector": "government"}],
//!   "plans": [{
//!     "id": "zz-nap1", "country": "ZZ", "level": "national", "title": "Plan",
//!     "start": "2024-01", "end": "2025-12", "status": "implementation",
//!     "reported": [{"as_of": "2025-03-18", "percent": 40}],
//!     "commitments": [
//!       {"id": "zz-c1", "title": "Open the budget", "lead": "min",
//!        "start": "2024-01", "end": "2025-06",
//!        "milestones": [
//!          {"id": "zz-c1-m1", "title": "Citizens' budget", "due": "2024-06", "weight": 1,
//!           "updates": [{"date": "2024-05-20", "percent": 100, "source": "self_assessment"}]},
//!          {"id": "zz-c1-m2", "title": "Monthly data", "start": "2024-07", "due": "2025-06",
//!           "weight": 3,
//!           "updates": [{"date": "2024-12", "status": "limited", "source": "committee"}]}]},
//!       {"id": "zz-c2", "title": "Court decisions", "lead": "min",
//!        "start": "2024-03", "end": "2025-12",
//!        "milestones": [
//!          {"id": "zz-c2-m1", "title": "Share published", "due": "2025-12",
//!           "indicator": {"unit": "%", "baseline": 5, "target": 60},
//!           "updates": [{"date": "2025-01-31", "value": 27, "source": "self_assessment"}]}]}
//!     ]
//!   }]
//! }"#)?;
//! let d = NaiveDate::from_ymd_opt(2025, 3, 18).unwrap();
//!
//! let p = plan_progress(&ds.check()?, "zz-nap1", d, &Options::default())?;
//! assert_eq!(p.commitments[0].percent, 43.75); // (100×1 + 25×3) / 4
//! assert_eq!(p.commitments[1].percent, 40.0);  // (27 − 5) / (60 − 5) × 100
//! assert_eq!(p.percent, 41.875);               // commitment_mean
//! assert_eq!(p.expected, 12.5);                // step: zz-c1 25, zz-c2 0
//! assert_eq!(p.status, NodeStatus::OnTrack);
//! assert_eq!(p.reported[0].difference, 1.875); // 41.875 computed − 40 reported
//!
//! let m = Options { method: Some(ProgressMethod::MilestoneMean), ..Options::default() };
//! let p = plan_progress(&ds.check()?, "zz-nap1", d, &m)?;
//! assert_eq!((p.percent, p.expected), (43.0, 20.0)); // (100 + 75 + 40) / 5, 100 / 5
//!
//! let l = Options { schedule: Some(Schedule::Linear), ..Options::default() };
//! let p = plan_progress(&ds.check()?, "zz-nap1", d, &l)?;
//! assert!((p.commitments[0].milestones[1].expected - 71.429).abs() < 1e-3); // 260 of 364 days
//! assert!((p.expected - 67.793).abs() < 1e-3);
//!
//! // On 2024-12-30 the update dated 2024-12 does not count yet.
//! let p = plan_progress(&ds.check()?, "zz-nap1", NaiveDate::from_ymd_opt(2024, 12, 30).unwrap(), &Options::default())?;
//! assert_eq!((p.commitments[0].percent, p.percent), (25.0, 12.5));
//! # Ok::<(), ogp_core::Error>(())
//! ```

/// `format!` when `$explain` is true, else an empty string (nothing formatted): results
/// asked for figures only ([`Detail::Figures`]) skip the words of their derivation.
macro_rules! say {
    ($explain:expr, $($arg:tt)*) => {
        if $explain { format!($($arg)*) } else { String::new() }
    };
}

mod compute;
mod figures;
mod group;
mod result;
mod rules;
mod series;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

pub use figures::{SeriesTable, TableNode, series_table};
pub use group::{GroupBy, GroupProgress, Level, SeriesRow, groups, rows};
pub use result::{
    CommitmentProgress, Derivation, Excluded, ExclusionReason, MilestoneProgress, NodeKind,
    NodeStatus, PlanProgress, ReportedFigure, Rule, Term, UpdateField, UpdateRef,
};
pub use series::{Every, dates, series, series_of_plans};

use crate::{Checked, Error, ProgressMethod, Schedule, StatusScale};

/// Reads the date of an "as of" question, in any precision: a day is that day, a month or a
/// year means its last day (`2025-03` → 2025-03-31, `2025` → 2025-12-31), since an update of
/// that period counts from then.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(ogp_core::progress::as_of("2025-03").unwrap(), NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
/// assert!(ogp_core::progress::as_of("18/03/2025").is_err());
/// ```
pub fn as_of(s: &str) -> Result<NaiveDate, Error> {
    s.trim()
        .parse::<crate::PlanDate>()
        .map(|d| d.resolve_end())
        .map_err(|e| Error::Argument(e.to_string()))
}

/// Reads the first date of a period asked about, in any precision: a day is that day, a month
/// or a year means its first day (`2025-03` → 2025-03-01), as a plan's start does.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(ogp_core::progress::since("2025").unwrap(), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
/// ```
pub fn since(s: &str) -> Result<NaiveDate, Error> {
    s.trim()
        .parse::<crate::PlanDate>()
        .map(|d| d.resolve_start())
        .map_err(|e| Error::Argument(e.to_string()))
}

/// The dates of a series over `plan`: the period ends (`every`) from `from` to `to`, which
/// default to the plan's first and last days.
pub fn plan_dates(
    plan: &crate::ActionPlan,
    every: Every,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<NaiveDate> {
    dates(
        every,
        from.unwrap_or_else(|| plan.start.resolve_start()),
        to.unwrap_or_else(|| plan.end.resolve_end()),
    )
}

/// Per-call overrides of a plan's `progress_rules`. `Options::default()` uses the plan's rules,
/// and the defaults where the plan gives none (`commitment_mean`, `step`, tolerance 10, the
/// default status scale).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The aggregation method.
    pub method: Option<ProgressMethod>,
    /// The schedule rule for expected progress.
    pub schedule: Option<Schedule>,
    /// Points below expected progress before a node is `behind` (0–100).
    pub tolerance: Option<f64>,
    /// Percent for each completion level of status-only updates (each 0–100).
    pub status_scale: Option<StatusScale>,
    /// Whether the results carry their derivation in words (default) or figures only.
    pub detail: Detail,
    /// The most dates a series may compute for one plan (default [`DEFAULT_MAX_DATES`]): a plan
    /// dated 0001–9999, or `--from 0001 --to 9999`, is refused at once rather than computed
    /// for minutes.
    pub max_dates: Option<usize>,
}

/// The most dates a series computes for one plan unless [`Options::max_dates`] says otherwise:
/// 1,200, a century of month ends.
pub const DEFAULT_MAX_DATES: usize = 1200;

/// How much of a result's derivation is written out.
///
/// The figures (percent, expected, status, weights, the updates counted) are the same
/// either way; [`Detail::Figures`] leaves the derivation's sentences empty (and the update
/// references without their JSON pointer), which is most of the cost of a long series. Ask for
/// [`Detail::Full`] (the default) for `--explain` and `explain()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Every derivation in words, with its numbers.
    #[default]
    Full,
    /// The figures only.
    Figures,
}

/// The progress of plan `plan` on `as_of`, by the rules of this module.
///
/// Errors: [`Error::NotFound`] for an unknown plan (with the ids that exist),
/// [`Error::Argument`] for an option out of range.
pub fn plan_progress(
    ds: &Checked,
    plan: &str,
    as_of: NaiveDate,
    opts: &Options,
) -> Result<PlanProgress, Error> {
    let prep = compute::Prepared::new(ds, plan, opts)?;
    let latest = compute::Latest::scan(prep.plan, as_of);
    Ok(compute::compute(&prep, as_of, &latest))
}
