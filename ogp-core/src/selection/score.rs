//! Rules 1–5 of the module doc: eligibility, conflicts, combining scores, normalising,
//! totals and thresholds — one candidate at a time.

use std::collections::{BTreeMap, BTreeSet};

use super::result::{
    CandidateResult, CriterionScore, EvaluatorScore, ExcludedScore, ExclusionReason, FailReason,
    FailedRequirement, Reason, ReasonCode,
};
use crate::error::{Code, Problem};
use crate::{Aggregation, Call, Candidate, Criterion, Score, ScoringGrid};

/// What a candidate's evaluation comes to before ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Fails a requirement or the term limit.
    Ineligible,
    /// Some criterion has no combined score.
    Unrankable,
    /// Below a criterion's `min_score` or the pass mark.
    Eliminated,
    /// Goes into the ranking.
    Rankable,
}

/// One candidate, evaluated.
#[derive(Debug, Clone)]
pub(super) struct Evaluated {
    /// Its result; rank, seat and (for rankable ones) reason are filled in later.
    pub result: CandidateResult,
    /// Combined score per criterion, in grid order.
    pub combined: Vec<Option<f64>>,
    /// Where it stands.
    pub standing: Standing,
}

impl Evaluated {
    pub(super) fn id(&self) -> &str {
        &self.result.id
    }

    /// Its total (0 when it has none; only rankable candidates are compared).
    pub(super) fn total(&self) -> f64 {
        self.result.total.unwrap_or(0.0)
    }
}

/// What every candidate's evaluation shares.
pub(super) struct Context<'a> {
    pub call: &'a Call,
    pub call_pointer: String,
    pub grid: &'a ScoringGrid,
    pub max_terms: Option<u32>,
    pub weight_sum: f64,
    /// The scores of each candidate.
    pub scores: BTreeMap<&'a str, Vec<&'a Score>>,
    /// The candidates each evaluator may not score.
    pub conflicts: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        call: &'a Call,
        call_index: usize,
        grid: &'a ScoringGrid,
        max_terms: Option<u32>,
    ) -> Context<'a> {
        let mut scores: BTreeMap<&str, Vec<&Score>> = BTreeMap::new();
        for s in &call.scores {
            scores.entry(s.candidate.as_str()).or_default().push(s);
        }
        let conflicts = call
            .evaluators
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    e.conflicts.iter().map(|c| c.as_str()).collect(),
                )
            })
            .collect();
        Context {
            call,
            call_pointer: format!("/calls/{call_index}"),
            grid,
            max_terms,
            weight_sum: grid.criteria.iter().map(|c| c.weight).sum(),
            scores,
            conflicts,
        }
    }

    fn conflicted(&self, evaluator: &str, candidate: &str) -> bool {
        self.conflicts
            .get(evaluator)
            .is_some_and(|c| c.contains(candidate))
    }

    pub(super) fn normalised_weight(&self, c: &Criterion) -> f64 {
        if self.weight_sum > 0.0 {
            c.weight / self.weight_sum
        } else {
            0.0
        }
    }
}

/// A value as compared by every rule: rounded to 9 decimal places, so that floating-point
/// noise (0.1 + 0.2) never decides anything.
pub(super) fn key(x: f64) -> f64 {
    (x * 1e9).round()
}

/// A number for people: at most 3 decimals, no trailing zeros.
pub(super) fn show(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| show(*v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Σ values / n, kept within the smallest and largest value (undoing rounding only).
fn mean(values: &[f64]) -> Option<f64> {
    let (first, last) = (values.first()?, values.last()?);
    let n = values.len() as f64;
    Some((values.iter().sum::<f64>() / n).clamp(*first, *last))
}

/// Combines `values` (counted scores, sorted ascending, at least one) by `agg`: the value and
/// the rule in words, or `Err(words)` when the evaluators do not agree under `consensus`.
pub(super) fn combine(agg: Aggregation, values: &[f64]) -> Result<(f64, String), String> {
    let n = values.len();
    let shown = list(values);
    let none = || format!("no counted score among {shown}");
    match agg {
        Aggregation::Mean => {
            let m = mean(values).ok_or_else(none)?;
            Ok((m, format!("mean of {shown} = {}", show(m))))
        }
        Aggregation::Median => {
            let m = if n % 2 == 1 {
                values.get(n / 2).copied()
            } else {
                let h = n / 2;
                match (h.checked_sub(1).and_then(|i| values.get(i)), values.get(h)) {
                    (Some(a), Some(b)) => mean(&[*a, *b]),
                    _ => None,
                }
            }
            .ok_or_else(none)?;
            Ok((m, format!("median of {shown} = {}", show(m))))
        }
        Aggregation::TrimmedMean => {
            if n >= 3 {
                let inner = values.get(1..n - 1).unwrap_or_default();
                let m = mean(inner).ok_or_else(none)?;
                let (lo, hi) = (values.first(), values.last());
                Ok((
                    m,
                    format!(
                        "trimmed mean of {shown} (without {} and {}) = {}",
                        lo.map(|v| show(*v)).unwrap_or_default(),
                        hi.map(|v| show(*v)).unwrap_or_default(),
                        show(m)
                    ),
                ))
            } else {
                let m = mean(values).ok_or_else(none)?;
                Ok((
                    m,
                    format!(
                        "trimmed mean of {shown} (fewer than 3 scores: the mean) = {}",
                        show(m)
                    ),
                ))
            }
        }
        Aggregation::Consensus => match (values.first(), values.last()) {
            (Some(a), Some(b)) if a == b => Ok((*a, format!("consensus on {}", show(*a)))),
            (Some(_), Some(_)) => Err(format!("no consensus: {shown}")),
            _ => Err(none()),
        },
    }
}

/// (s − min) / (max − min) × 100, kept within 0–100.
pub(super) fn normalise(c: &Criterion, s: f64) -> f64 {
    let span = c.max - c.min;
    if span > 0.0 {
        ((s - c.min) / span * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// Rule 1 and 8: the requirements a candidate fails.
fn eligibility(ctx: &Context<'_>, cand: &Candidate) -> Vec<FailedRequirement> {
    let mut failed = Vec::new();
    for r in &ctx.grid.requirements {
        let id = r.id.as_str();
        let (reason, message) = match cand.eligibility.get(id) {
            Some(true) => continue,
            Some(false) => (FailReason::NotMet, format!("{id}: not met")),
            None => (
                FailReason::NotStated,
                format!("{id}: not stated (counts as not met)"),
            ),
        };
        failed.push(FailedRequirement {
            requirement: Some(id.to_owned()),
            reason,
            message,
        });
    }
    if let Some(max) = ctx.max_terms {
        let prior = cand.prior_terms.unwrap_or(0);
        if prior >= max {
            failed.push(FailedRequirement {
                requirement: None,
                reason: FailReason::TermLimit,
                message: format!(
                    "term limit: {prior} prior term{} and the committee allows at most {max} \
                     consecutive term{}",
                    if prior == 1 { "" } else { "s" },
                    if max == 1 { "" } else { "s" }
                ),
            });
        }
    }
    failed
}

/// Evaluates one candidate by rules 1–5. Excluded scores and problems are appended.
pub(super) fn evaluate(
    ctx: &Context<'_>,
    cand: &Candidate,
    excluded: &mut Vec<ExcludedScore>,
    problems: &mut Vec<Problem>,
) -> Evaluated {
    let id = cand.id.as_str();
    let failed = eligibility(ctx, cand);
    let mut own: Vec<&Score> = ctx.scores.get(id).cloned().unwrap_or_default();
    own.sort_by(|a, b| {
        (a.criterion.as_str(), a.evaluator.as_str())
            .cmp(&(b.criterion.as_str(), b.evaluator.as_str()))
    });
    let mut result = CandidateResult {
        id: id.to_owned(),
        organization: cand.organization.as_str().to_owned(),
        features: cand.features.clone(),
        prior_terms: cand.prior_terms,
        eligible: failed.is_empty(),
        failed_requirements: failed,
        criteria: Vec::new(),
        total: None,
        derivation: None,
        rank: None,
        separated_by: None,
        selected: false,
        seat: None,
        reason: None,
    };

    if !result.eligible {
        for s in &own {
            let reason = if ctx.conflicted(s.evaluator.as_str(), id) {
                ExclusionReason::ConflictOfInterest
            } else {
                ExclusionReason::CandidateIneligible
            };
            excluded.push(excluded_score(s, reason));
        }
        let why: Vec<&str> = result
            .failed_requirements
            .iter()
            .map(|f| f.message.as_str())
            .collect();
        result.reason = Some(Reason {
            code: ReasonCode::Ineligible,
            message: format!("not eligible: {}", why.join("; ")),
        });
        return Evaluated {
            result,
            combined: Vec::new(),
            standing: Standing::Ineligible,
        };
    }

    let mut combined = Vec::with_capacity(ctx.grid.criteria.len());
    let mut missing: Vec<&str> = Vec::new();
    let mut disputed: Vec<&str> = Vec::new();
    for c in &ctx.grid.criteria {
        let cid = c.id.as_str();
        let mut scores = Vec::new();
        let mut counted = Vec::new();
        for s in own.iter().filter(|s| s.criterion.as_str() == cid) {
            let conflicted = ctx.conflicted(s.evaluator.as_str(), id);
            if conflicted {
                excluded.push(excluded_score(s, ExclusionReason::ConflictOfInterest));
            } else {
                counted.push(s.score);
            }
            scores.push(EvaluatorScore {
                evaluator: s.evaluator.as_str().to_owned(),
                score: s.score,
                counted: !conflicted,
                excluded: conflicted.then_some(ExclusionReason::ConflictOfInterest),
            });
        }
        counted.sort_by(f64::total_cmp);
        let (value, rule) = if counted.is_empty() {
            missing.push(cid);
            let why = if scores.is_empty() {
                "no score given"
            } else {
                "no counted score (every score excluded)"
            };
            (None, why.to_owned())
        } else {
            match combine(ctx.grid.aggregation, &counted) {
                Ok((v, words)) => {
                    let n = normalise(c, v);
                    (
                        Some((v, n)),
                        format!(
                            "{words}; ({} − {}) / ({} − {}) × 100 = {}",
                            show(v),
                            show(c.min),
                            show(c.max),
                            show(c.min),
                            show(n)
                        ),
                    )
                }
                Err(words) => {
                    disputed.push(cid);
                    (None, words)
                }
            }
        };
        let below = match (value, c.min_score) {
            (Some((v, _)), Some(t)) => key(v) < key(t),
            _ => false,
        };
        combined.push(value.map(|(v, _)| v));
        result.criteria.push(CriterionScore {
            criterion: cid.to_owned(),
            scores,
            combined: value.map(|(v, _)| v),
            normalised: value.map(|(_, n)| n),
            weight: c.weight,
            normalised_weight: ctx.normalised_weight(c),
            below_min_score: below,
            rule,
        });
    }

    let at = format!("{}/scores", ctx.call_pointer);
    for cid in &missing {
        problems.push(Problem::error(
            Code::IncompleteScores,
            at.clone(),
            format!("{id} has no counted score on {cid:?}: it cannot be ranked until one is given"),
        ));
    }
    for cid in &disputed {
        problems.push(Problem::error(
            Code::NoConsensus,
            at.clone(),
            format!(
                "the evaluators of {id} do not agree on {cid:?} and the grid requires consensus: \
                 it cannot be ranked"
            ),
        ));
    }
    if !missing.is_empty() || !disputed.is_empty() {
        let (code, message) = if missing.is_empty() {
            (
                ReasonCode::NoConsensus,
                format!("no consensus on {}", disputed.join(", ")),
            )
        } else {
            (
                ReasonCode::Incomplete,
                format!("no counted score on {}", missing.join(", ")),
            )
        };
        result.reason = Some(Reason { code, message });
        return Evaluated {
            result,
            combined,
            standing: Standing::Unrankable,
        };
    }

    // Rule 4: the total.
    let mut terms = Vec::new();
    let mut sum = 0.0;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (c, cs) in ctx.grid.criteria.iter().zip(&result.criteria) {
        let n = cs.normalised.unwrap_or(0.0);
        sum += c.weight * n;
        lo = lo.min(n);
        hi = hi.max(n);
        terms.push(format!("{}×{}", show(c.weight), show(n)));
    }
    let total = if ctx.weight_sum > 0.0 && lo <= hi {
        (sum / ctx.weight_sum).clamp(lo, hi)
    } else {
        0.0
    };
    result.total = Some(total);
    result.derivation = Some(format!(
        "Σ w·norm / Σ w = ({}) / {} = {}",
        terms.join(" + "),
        show(ctx.weight_sum),
        show(total)
    ));

    // Rule 5: thresholds.
    let mut below: Vec<String> = Vec::new();
    for (c, cs) in ctx.grid.criteria.iter().zip(&result.criteria) {
        if let (true, Some(v), Some(t)) = (cs.below_min_score, cs.combined, c.min_score) {
            below.push(format!(
                "{} {} is below its minimum {}",
                c.id.as_str(),
                show(v),
                show(t)
            ));
        }
    }
    let under_pass = ctx.grid.pass_mark.filter(|pm| key(total) < key(*pm));
    if let Some(pm) = under_pass {
        below.push(format!(
            "total {} is below the pass mark {}",
            show(total),
            show(pm)
        ));
    }
    let any_criterion = result.criteria.iter().any(|c| c.below_min_score);
    let standing = if below.is_empty() {
        Standing::Rankable
    } else {
        result.reason = Some(Reason {
            code: if any_criterion {
                ReasonCode::BelowMinScore
            } else {
                ReasonCode::BelowPassMark
            },
            message: format!("eliminated: {}", below.join("; ")),
        });
        Standing::Eliminated
    };
    Evaluated {
        result,
        combined,
        standing,
    }
}

fn excluded_score(s: &Score, reason: ExclusionReason) -> ExcludedScore {
    ExcludedScore {
        candidate: s.candidate.as_str().to_owned(),
        criterion: s.criterion.as_str().to_owned(),
        evaluator: s.evaluator.as_str().to_owned(),
        score: s.score,
        reason,
    }
}
