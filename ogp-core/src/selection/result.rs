//! The shapes of a selection: what [`super::run`] returns and `ogp select --format json` prints.
//!
//! Every list is in a documented, content-based order, so that the JSON of a result depends on
//! what the call says, not on the order in which its candidates, evaluators or scores are
//! listed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Problem;
use crate::{Aggregation, GridStatus, Text};

/// A call's selection, with everything needed to recompute it by hand: the audit that a
/// committee can publish and anyone can check with [`super::verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionResult {
    /// The call's id.
    pub call: String,
    /// The committee whose seats are filled.
    pub committee: String,
    /// The scoring grid's id.
    pub grid: String,
    /// The grid's version label.
    pub grid_version: String,
    /// Whether the grid is approved (a draft grid adds a `draft-grid` warning).
    pub grid_status: GridStatus,
    /// What the result was computed from: SHA-256, as 64 hexadecimal digits, of the canonical
    /// JSON of the call (in canonical order), the grid and the committee's term limit (module
    /// doc, §9).
    pub fingerprint: String,
    /// How the evaluators' scores of one criterion are combined.
    pub aggregation: Aggregation,
    /// Seats to fill.
    pub seats: u32,
    /// The lottery seed, as the call gives it (`null` when none).
    pub seed: Option<u64>,
    /// The tie-break rules, in order, as the call gives them.
    pub tie_break: Vec<String>,
    /// The grid's pass mark (0–100), if any.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub pass_mark: Option<f64>,
    /// The committee's `max_consecutive_terms`, if any.
    pub max_consecutive_terms: Option<u32>,
    /// The grid's criteria in grid order: scale, weight and normalised weight.
    pub criteria: Vec<CriterionInfo>,
    /// The selected candidates' ids, in seat order.
    pub selected: Vec<String>,
    /// Every candidate: the ranked ones by rank (tied ones by id), then the others by id.
    pub candidates: Vec<CandidateResult>,
    /// Each group of ranked candidates with equal totals, and how it was broken; in rank
    /// order.
    pub ties: Vec<Tie>,
    /// Each quota of the call, in call order, with the count selected.
    pub quotas: Vec<QuotaResult>,
    /// Scores that no figure counts, and why; by candidate, criterion, evaluator.
    pub excluded_scores: Vec<ExcludedScore>,
    /// What keeps the selection from being final (errors) or deserves a look (warnings),
    /// sorted like every report.
    pub problems: Vec<Problem>,
}

impl SelectionResult {
    /// The candidate with this id.
    pub fn candidate(&self, id: &str) -> Option<&CandidateResult> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// True when some problem is an error: the selection is not final.
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity == crate::Severity::Error)
    }
}

/// A criterion of the grid, as the selection used it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionInfo {
    /// The criterion's id.
    pub id: String,
    /// Its title, as in the dataset.
    pub title: Text,
    /// The lowest score of its scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub min: f64,
    /// The highest score of its scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub max: f64,
    /// Its weight as the grid gives it.
    #[serde(serialize_with = "crate::num::f64")]
    pub weight: f64,
    /// weight / Σ weights of the grid's criteria.
    #[serde(serialize_with = "crate::num::f64")]
    pub normalised_weight: f64,
    /// Its eliminatory threshold, on its own scale.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub min_score: Option<f64>,
}

/// One candidate's evaluation and outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateResult {
    /// The candidate's id.
    pub id: String,
    /// The applying organization's id.
    pub organization: String,
    /// Its features (what quotas look at).
    pub features: BTreeMap<String, String>,
    /// Terms it has already served, as the call gives it.
    pub prior_terms: Option<u32>,
    /// True when it meets every requirement and the term limit.
    pub eligible: bool,
    /// Why it is not eligible: the grid's requirements not met (in grid order), then the term
    /// limit.
    pub failed_requirements: Vec<FailedRequirement>,
    /// Its scores per criterion, in grid order (empty when not eligible).
    pub criteria: Vec<CriterionScore>,
    /// Σ wᵢ·normᵢ / Σ wᵢ, 0–100; `null` when a criterion has no combined score.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub total: Option<f64>,
    /// How `total` was obtained, in words and numbers (rounded to 3 decimals).
    pub derivation: Option<String>,
    /// Its rank among the ranked candidates (1 = best; unresolved ties share a rank);
    /// `null` when not ranked.
    pub rank: Option<u32>,
    /// How it is ordered after the previous ranked candidate (`null` for the first and for
    /// candidates not ranked).
    pub separated_by: Option<Separation>,
    /// True when it gets a seat.
    pub selected: bool,
    /// Its seat, 1 to `seats`, in the order the seats were filled.
    pub seat: Option<u32>,
    /// Why it gets no seat (`null` when selected).
    pub reason: Option<Reason>,
}

/// A requirement a candidate fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedRequirement {
    /// The grid requirement's id (`null` for the term limit).
    pub requirement: Option<String>,
    /// How it fails.
    pub reason: FailReason,
    /// In words.
    pub message: String,
}

/// How a candidate fails a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// `eligibility[requirement]` is `false`.
    NotMet,
    /// The candidate's `eligibility` does not mention the requirement.
    NotStated,
    /// `prior_terms` ≥ the committee's `max_consecutive_terms`.
    TermLimit,
}

/// One candidate's scores on one criterion, and what they combine to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionScore {
    /// The criterion's id.
    pub criterion: String,
    /// Every score given, by evaluator id, counted or not.
    pub scores: Vec<EvaluatorScore>,
    /// The counted scores combined by the grid's aggregation, on the criterion's scale;
    /// `null` with no counted score or no consensus.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub combined: Option<f64>,
    /// (combined − min) / (max − min) × 100.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub normalised: Option<f64>,
    /// The criterion's weight.
    #[serde(serialize_with = "crate::num::f64")]
    pub weight: f64,
    /// Its weight / Σ weights.
    #[serde(serialize_with = "crate::num::f64")]
    pub normalised_weight: f64,
    /// True when `combined` is below the criterion's `min_score`.
    pub below_min_score: bool,
    /// How `combined` and `normalised` were obtained (numbers rounded to 3 decimals).
    pub rule: String,
}

/// One evaluator's score, and whether it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluatorScore {
    /// The evaluator's id.
    pub evaluator: String,
    /// The score, on the criterion's scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub score: f64,
    /// True when it enters `combined`.
    pub counted: bool,
    /// Why it does not (`null` when counted).
    pub excluded: Option<ExclusionReason>,
}

/// Why a score is not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// The evaluator lists the candidate in its `conflicts`.
    ConflictOfInterest,
    /// The candidate is not eligible: its scores are not looked at.
    CandidateIneligible,
}

/// A score that no figure counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedScore {
    /// The candidate scored.
    pub candidate: String,
    /// The criterion.
    pub criterion: String,
    /// The evaluator.
    pub evaluator: String,
    /// The score.
    #[serde(serialize_with = "crate::num::f64")]
    pub score: f64,
    /// Why it is excluded.
    pub reason: ExclusionReason,
}

/// How a ranked candidate is ordered after the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Separation {
    /// Its total is lower.
    Total,
    /// Equal totals; its combined score on this tie-break criterion is lower.
    Criterion {
        /// The tie-break criterion that separated them.
        criterion: String,
    },
    /// Equal totals and tie-break criteria; the lottery drew it later.
    Lottery,
    /// Not separated: an unresolved tie (the two share a rank; listed by id).
    Tied,
}

/// Why a candidate gets no seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The reason's code.
    pub code: ReasonCode,
    /// In words, with the numbers.
    pub message: String,
}

/// The reasons a candidate gets no seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Fails a requirement or the term limit.
    Ineligible,
    /// Some criterion has no counted score (not ranked).
    Incomplete,
    /// The grid asks for consensus and the evaluators disagree on some criterion (not ranked).
    NoConsensus,
    /// A combined criterion score below that criterion's `min_score` (eliminated).
    BelowMinScore,
    /// A total below the grid's `pass_mark` (eliminated).
    BelowPassMark,
    /// Ranked, but every seat was filled by candidates ranked above.
    BelowLastSeat,
    /// Selecting it would exceed a quota's `max`.
    QuotaMax,
    /// The seats left are needed to reach a quota's `min`.
    ReservedForQuota,
    /// In an unresolved tie that the seats (or a quota) cannot take whole: the selection
    /// stopped there.
    UnresolvedTie,
    /// Ranked below an unresolved tie at which the selection stopped.
    SelectionStopped,
}

impl ReasonCode {
    /// The word used in JSON (`below_last_seat`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ReasonCode::Ineligible => "ineligible",
            ReasonCode::Incomplete => "incomplete",
            ReasonCode::NoConsensus => "no_consensus",
            ReasonCode::BelowMinScore => "below_min_score",
            ReasonCode::BelowPassMark => "below_pass_mark",
            ReasonCode::BelowLastSeat => "below_last_seat",
            ReasonCode::QuotaMax => "quota_max",
            ReasonCode::ReservedForQuota => "reserved_for_quota",
            ReasonCode::UnresolvedTie => "unresolved_tie",
            ReasonCode::SelectionStopped => "selection_stopped",
        }
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ranked candidates with equal totals, and how the tie-break rules ordered them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    /// Their (equal) total.
    #[serde(serialize_with = "crate::num::f64")]
    pub total: f64,
    /// The candidates, in their final order.
    pub candidates: Vec<String>,
    /// Each rule applied, in order.
    pub steps: Vec<TieStep>,
    /// True when every candidate has its own place.
    pub resolved: bool,
    /// The groups still tied after every rule (each by id); empty when resolved.
    pub unresolved: Vec<Vec<String>>,
}

/// One tie-break rule applied to a group of still-tied candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieStep {
    /// A criterion id, or `lottery`.
    pub rule: String,
    /// The candidates it was applied to, by id.
    pub candidates: Vec<String>,
    /// What was compared: each candidate's combined score on the criterion, or its lottery
    /// key (16 hexadecimal digits; lower draws first). Empty when the lottery had no seed.
    pub values: BTreeMap<String, TieValue>,
    /// The groups after the rule, best first (a group of one is placed).
    pub order: Vec<Vec<String>>,
}

/// A value compared by a tie-break rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TieValue {
    /// A combined criterion score (higher first).
    #[serde(serialize_with = "crate::num::f64")]
    Score(f64),
    /// A lottery key as 16 hexadecimal digits (lower first).
    Key(String),
}

/// A quota and how the selection met it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotaResult {
    /// The feature.
    pub feature: String,
    /// Its value.
    pub value: String,
    /// At least this many.
    pub min: u32,
    /// At most this many.
    pub max: u32,
    /// True when seats were reserved for its `min` (module doc, §7); false when its min could
    /// not be met together with the quotas listed before it, or is 0.
    pub reserved: bool,
    /// How many ranked candidates have the feature value.
    pub ranked: u32,
    /// The selected candidates that have it, in seat order.
    pub selected: Vec<String>,
    /// How many of them.
    pub count: u32,
    /// True when min ≤ count ≤ max.
    pub met: bool,
}
