//! The rules themselves, as small pure functions: reading an update, expected progress, the
//! status of a node, the completion level, the weighted mean.

use chrono::NaiveDate;

use super::Options;
use super::result::{NodeStatus, UpdateField};
use crate::{
    ActionPlan, Completion, Error, Indicator, ProgressMethod, Schedule, StatusScale, Update,
};

/// The default tolerance, in points.
pub(crate) const DEFAULT_TOLERANCE: f64 = 10.0;

/// The rules in force for one computation: options over the plan's rules over the defaults.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rules {
    pub method: ProgressMethod,
    pub schedule: Schedule,
    pub tolerance: f64,
    pub scale: StatusScale,
    /// Write the derivation in words (`Detail::Full`), or leave its texts empty.
    pub explain: bool,
}

impl Rules {
    pub(crate) fn resolve(plan: &ActionPlan, opts: &Options) -> Result<Rules, Error> {
        let plan_rules = plan.progress_rules.clone().unwrap_or_default();
        let rules = Rules {
            method: opts.method.or(plan_rules.method).unwrap_or_default(),
            schedule: opts.schedule.or(plan_rules.schedule).unwrap_or_default(),
            tolerance: opts
                .tolerance
                .or(plan_rules.tolerance)
                .unwrap_or(DEFAULT_TOLERANCE),
            scale: opts
                .status_scale
                .clone()
                .or(plan_rules.status_scale)
                .unwrap_or_default(),
            explain: opts.detail == super::Detail::Full,
        };
        if !in_range(rules.tolerance) {
            return Err(Error::Argument(format!(
                "the tolerance {} must lie in 0–100",
                rules.tolerance
            )));
        }
        let s = &rules.scale;
        for (name, v) in s.entries() {
            if !in_range(v) {
                return Err(Error::Argument(format!(
                    "the status scale's {name} value {v} must lie in 0–100"
                )));
            }
        }
        Ok(rules)
    }
}

fn in_range(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

/// Clamps into 0–100; NaN (never produced from valid input) becomes 0.
pub(crate) fn clip(v: f64) -> f64 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 100.0) }
}

/// What an update says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reading {
    /// Status `withdrawn` (whatever else the update gives).
    Withdrawn,
    /// A percent.
    Percent(f64),
    /// A status through the scale: the status and its percent.
    Status(Completion, f64),
    /// An indicator value: the value, the unclipped ratio in percent, and the clipped percent.
    Indicator {
        value: f64,
        baseline: f64,
        target: f64,
        raw: f64,
        percent: f64,
    },
    /// Nothing usable (rejected by validation).
    Nothing,
}

impl Reading {
    /// The field it came from.
    pub(crate) fn field(&self) -> UpdateField {
        match self {
            Reading::Withdrawn | Reading::Status(..) => UpdateField::Status,
            Reading::Percent(_) => UpdateField::Percent,
            Reading::Indicator { .. } => UpdateField::Value,
            Reading::Nothing => UpdateField::None,
        }
    }
}

/// Reads an update: `withdrawn` first, then `percent`, then `status` through the scale, then
/// `value` through the indicator.
pub(crate) fn read(u: &Update, indicator: Option<&Indicator>, scale: &StatusScale) -> Reading {
    if u.status == Some(Completion::Withdrawn) {
        return Reading::Withdrawn;
    }
    if let Some(p) = u.percent {
        return Reading::Percent(clip(p));
    }
    if let Some(s) = u.status {
        return Reading::Status(s, clip(scale_value(scale, s)));
    }
    if let (Some(value), Some(ind)) = (u.value, indicator) {
        let span = ind.target - ind.baseline;
        if span != 0.0 && span.is_finite() && value.is_finite() {
            let raw = (value - ind.baseline) / span * 100.0;
            return Reading::Indicator {
                value,
                baseline: ind.baseline,
                target: ind.target,
                raw,
                percent: clip(raw),
            };
        }
    }
    Reading::Nothing
}

/// The percent a completion level stands for on the scale (`withdrawn`: 0, never counted).
pub(crate) fn scale_value(scale: &StatusScale, s: Completion) -> f64 {
    match s {
        Completion::NoEvidence => scale.no_evidence,
        Completion::NotStarted => scale.not_started,
        Completion::Limited => scale.limited,
        Completion::Substantial => scale.substantial,
        Completion::Complete => scale.complete,
        Completion::Withdrawn => 0.0,
    }
}

/// The completion level a percent stands for: 0 → not_started, below 50 → limited, below
/// 100 → substantial, 100 → complete.
pub(crate) fn level_of(percent: f64) -> Completion {
    if percent <= 0.0 {
        Completion::NotStarted
    } else if percent < 50.0 {
        Completion::Limited
    } else if percent < 100.0 {
        Completion::Substantial
    } else {
        Completion::Complete
    }
}

/// True for the IRM's "high completion": substantial or complete.
pub(crate) fn is_high(level: Completion) -> bool {
    matches!(level, Completion::Substantial | Completion::Complete)
}

/// Expected progress on `d` of a node scheduled from `start` to `due`, and the rule in words.
#[cfg(test)]
pub(crate) fn expected(
    schedule: Schedule,
    start: NaiveDate,
    due: NaiveDate,
    d: NaiveDate,
) -> (f64, String) {
    expected_in(schedule, start, due, d, true)
}

/// [`expected`], with its words only when `explain` is true.
pub(crate) fn expected_in(
    schedule: Schedule,
    start: NaiveDate,
    due: NaiveDate,
    d: NaiveDate,
    explain: bool,
) -> (f64, String) {
    match schedule {
        Schedule::Step => {
            if d >= due {
                (
                    100.0,
                    say!(explain, "step: due {due}, reached on {d} → 100"),
                )
            } else {
                (
                    0.0,
                    say!(explain, "step: due {due}, not reached on {d} → 0"),
                )
            }
        }
        Schedule::Linear => {
            if d >= due {
                (
                    100.0,
                    say!(
                        explain,
                        "linear from {start} to {due}: due date reached on {d} → 100"
                    ),
                )
            } else if d <= start {
                (
                    0.0,
                    say!(
                        explain,
                        "linear from {start} to {due}: not begun on {d} → 0"
                    ),
                )
            } else {
                let done = (d - start).num_days();
                let total = (due - start).num_days();
                // Here start < d < due, so total ≥ 2; the day counts are far below 2^53.
                #[allow(clippy::cast_precision_loss)]
                let v = clip(done as f64 / total as f64 * 100.0);
                (
                    v,
                    say!(
                        explain,
                        "linear from {start} to {due}: {done} of {total} days on {d} → {}",
                        num(v)
                    ),
                )
            }
        }
    }
}

/// The status of a node, by precedence: withdrawn > complete > not_started > overdue >
/// behind > on_track.
///
/// `children_not_started` and `children_complete` say whether every counted child is
/// not_started / complete (true for a leaf, which has none).
#[allow(clippy::too_many_arguments)]
pub(crate) fn status(
    withdrawn: bool,
    percent: f64,
    expected: f64,
    tolerance: f64,
    d: NaiveDate,
    due: NaiveDate,
    children_not_started: bool,
    children_complete: bool,
) -> NodeStatus {
    if withdrawn {
        NodeStatus::Withdrawn
    } else if percent >= 100.0 && children_complete {
        NodeStatus::Complete
    } else if percent <= 0.0 && expected <= 0.0 && children_not_started {
        NodeStatus::NotStarted
    } else if d > due {
        NodeStatus::Overdue
    } else if percent < expected - tolerance {
        NodeStatus::Behind
    } else {
        NodeStatus::OnTrack
    }
}

/// The weighted mean `Σ wᵢ·vᵢ / Σ wᵢ` of `(value, weight)` pairs, kept within the smallest and
/// largest value (so that rounding never leaves that range: a mean of 100s is exactly 100);
/// 0 when there is nothing to average.
pub(crate) fn weighted_mean(items: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let total: f64 = items.clone().map(|(_, w)| w).sum();
    if total <= 0.0 || !total.is_finite() {
        return 0.0;
    }
    let sum: f64 = items.clone().map(|(v, w)| v * w).sum();
    let lo = items.clone().map(|(v, _)| v).fold(f64::INFINITY, f64::min);
    let hi = items.map(|(v, _)| v).fold(f64::NEG_INFINITY, f64::max);
    clip((sum / total).clamp(lo, hi))
}

/// A number for derivation texts: at most three decimals, trailing zeros dropped (`71.429`,
/// `43.75`, `25`).
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_print_short() {
        assert_eq!(num(71.428_571), "71.429");
        assert_eq!(num(43.75), "43.75");
        assert_eq!(num(25.0), "25");
        assert_eq!(num(-0.0001), "0");
    }

    #[test]
    fn weighted_mean_normalises_and_stays_in_range() {
        assert_eq!(
            weighted_mean([(100.0, 1.0), (25.0, 3.0)].into_iter()),
            43.75
        );
        assert_eq!(
            weighted_mean([(100.0, 0.1), (100.0, 0.2)].into_iter()),
            100.0
        );
        assert_eq!(weighted_mean(std::iter::empty()), 0.0);
    }

    #[test]
    fn levels_from_percent() {
        assert_eq!(level_of(0.0), Completion::NotStarted);
        assert_eq!(level_of(0.5), Completion::Limited);
        assert_eq!(level_of(49.99), Completion::Limited);
        assert_eq!(level_of(50.0), Completion::Substantial);
        assert_eq!(level_of(99.99), Completion::Substantial);
        assert_eq!(level_of(100.0), Completion::Complete);
    }

    #[test]
    fn linear_counts_days() {
        let (v, text) = expected(
            Schedule::Linear,
            day("2024-07-01"),
            day("2025-06-30"),
            day("2025-03-18"),
        );
        assert!((v - 26_000.0 / 364.0).abs() < 1e-9);
        assert!(text.contains("260 of 364 days"), "{text}");
        assert_eq!(
            expected(
                Schedule::Linear,
                day("2024-07-01"),
                day("2025-06-30"),
                day("2024-07-01")
            )
            .0,
            0.0
        );
        assert_eq!(
            expected(
                Schedule::Linear,
                day("2024-07-01"),
                day("2025-06-30"),
                day("2024-01-01")
            )
            .0,
            0.0
        );
        assert_eq!(
            expected(
                Schedule::Linear,
                day("2024-07-01"),
                day("2025-06-30"),
                day("2025-06-30")
            )
            .0,
            100.0
        );
        // A due date before the start: 0 before the due date, 100 from it.
        assert_eq!(
            expected(
                Schedule::Linear,
                day("2025-01-01"),
                day("2024-12-31"),
                day("2024-12-30")
            )
            .0,
            0.0
        );
        assert_eq!(
            expected(
                Schedule::Linear,
                day("2025-01-01"),
                day("2024-12-31"),
                day("2024-12-31")
            )
            .0,
            100.0
        );
    }

    #[test]
    fn step_turns_at_the_due_day() {
        assert_eq!(
            expected(
                Schedule::Step,
                day("2024-01-01"),
                day("2024-06-30"),
                day("2024-06-29")
            )
            .0,
            0.0
        );
        assert_eq!(
            expected(
                Schedule::Step,
                day("2024-01-01"),
                day("2024-06-30"),
                day("2024-06-30")
            )
            .0,
            100.0
        );
    }

    #[test]
    fn status_precedence() {
        let d = day("2025-03-18");
        let due = day("2025-06-30");
        let past = day("2025-01-31");
        let s = |w, p, e, due, ns, c| status(w, p, e, 10.0, d, due, ns, c);
        assert_eq!(
            s(true, 100.0, 100.0, due, true, true),
            NodeStatus::Withdrawn
        );
        assert_eq!(
            s(false, 100.0, 100.0, past, true, true),
            NodeStatus::Complete
        );
        assert_eq!(
            s(false, 100.0, 100.0, due, true, false),
            NodeStatus::OnTrack
        );
        assert_eq!(s(false, 0.0, 0.0, due, true, true), NodeStatus::NotStarted);
        assert_eq!(s(false, 0.0, 0.0, due, false, true), NodeStatus::OnTrack);
        assert_eq!(s(false, 0.0, 100.0, past, true, true), NodeStatus::Overdue);
        assert_eq!(s(false, 89.0, 100.0, past, true, true), NodeStatus::Overdue);
        // The tolerance boundary: exactly `expected − tolerance` is on track.
        assert_eq!(s(false, 40.0, 50.0, due, true, true), NodeStatus::OnTrack);
        assert_eq!(s(false, 39.5, 50.0, due, true, true), NodeStatus::Behind);
        // Due today is not past due.
        assert_eq!(
            status(false, 10.0, 100.0, 10.0, due, due, true, true),
            NodeStatus::Behind
        );
    }

    #[test]
    fn rules_reject_bad_overrides() {
        let plan: ActionPlan = serde_json::from_str(
            r#"{"id":"p","country":"ZZ","level":"national","title":"P","start":"2024","end":"2025","status":"implementation"}"#,
        )
        .unwrap();
        let bad = Options {
            tolerance: Some(-1.0),
            ..Options::default()
        };
        assert!(matches!(
            Rules::resolve(&plan, &bad),
            Err(Error::Argument(_))
        ));
        let bad = Options {
            status_scale: Some(StatusScale {
                limited: 120.0,
                ..StatusScale::default()
            }),
            ..Options::default()
        };
        assert!(matches!(
            Rules::resolve(&plan, &bad),
            Err(Error::Argument(_))
        ));
        let r = Rules::resolve(&plan, &Options::default()).unwrap();
        assert_eq!(r.method, ProgressMethod::CommitmentMean);
        assert_eq!(r.schedule, Schedule::Step);
        assert_eq!(r.tolerance, 10.0);
        assert_eq!(r.scale, StatusScale::default());
    }
}
