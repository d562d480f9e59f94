//! The shapes of progress results: what [`super::plan_progress`] returns and the CLI prints as
//! JSON.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Problem;
use crate::{Completion, PlanDate, ProgressMethod, Schedule, StatusScale, Text, UpdateSource};

/// Serializes a calendar date as `YYYY-MM-DD`.
pub(crate) use crate::num::date as ser_date;

/// The status of a node (plan, group, commitment or milestone) on a date.
///
/// Decided in this order, the first that applies wins (see the module documentation):
/// `withdrawn` > `complete` > `not_started` > `overdue` > `behind` > `on_track`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    /// At 100 % (and, for a plan, group or commitment, every counted child complete).
    Complete,
    /// Not complete, not overdue, and not more than the tolerance below expected progress.
    OnTrack,
    /// Actual progress below expected progress minus the tolerance.
    Behind,
    /// Past its due (or end) date and not complete.
    Overdue,
    /// Nothing done and nothing expected yet.
    NotStarted,
    /// Withdrawn: excluded from every aggregate.
    Withdrawn,
}

impl NodeStatus {
    /// The word used in JSON and CSV (`on_track`).
    pub fn as_str(&self) -> &'static str {
        match self {
            NodeStatus::Complete => "complete",
            NodeStatus::OnTrack => "on_track",
            NodeStatus::Behind => "behind",
            NodeStatus::Overdue => "overdue",
            NodeStatus::NotStarted => "not_started",
            NodeStatus::Withdrawn => "withdrawn",
        }
    }
}

impl std::fmt::Display for NodeStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plan's progress on one date, with everything needed to recompute it by hand.
///
/// Its JSON form is the CLI's `ogp progress --format json` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanProgress {
    /// The plan's id.
    pub plan: String,
    /// The plan's title, as in the dataset.
    pub title: Text,
    /// The date the figures are about.
    #[serde(serialize_with = "ser_date")]
    pub as_of: NaiveDate,
    /// The aggregation method used (option, else the plan's rules, else `commitment_mean`).
    pub method: ProgressMethod,
    /// The schedule rule used for expected progress (default `step`).
    pub schedule: Schedule,
    /// Points below expected progress before a node is `behind` (default 10).
    #[serde(serialize_with = "crate::num::f64")]
    pub tolerance: f64,
    /// The status scale used for status-only updates.
    pub status_scale: StatusScale,
    /// The plan's progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// The plan's expected progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// The plan's status.
    pub status: NodeStatus,
    /// The plan's first day (its `start` resolved).
    #[serde(serialize_with = "ser_date")]
    pub start: NaiveDate,
    /// The plan's last day (its `end` resolved).
    #[serde(serialize_with = "ser_date")]
    pub end: NaiveDate,
    /// The figures published about the plan on or before `as_of`, beside the computed one.
    pub reported: Vec<ReportedFigure>,
    /// Every commitment, in plan order (withdrawn ones too, with status `withdrawn`).
    pub commitments: Vec<CommitmentProgress>,
    /// What no aggregate counts, and why, in plan order.
    pub excluded: Vec<Excluded>,
    /// Warnings: `no_evidence` counted as 0 (located at the update), and the validation
    /// warnings located inside this plan.
    pub warnings: Vec<Problem>,
    /// How `percent` and `expected` were obtained.
    pub derivation: Derivation,
}

/// One commitment's progress on the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentProgress {
    /// The commitment's id.
    pub id: String,
    /// Its number as printed (`4.2`), if known.
    pub number: Option<String>,
    /// Its title, as in the dataset (faces resolve the language).
    pub title: Text,
    /// Progress, 0–100 (0 when withdrawn).
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// Expected progress, 0–100 (0 when withdrawn).
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// Status on the date.
    pub status: NodeStatus,
    /// Its normalised weight in the plan figure (the weights of the counted commitments sum to
    /// 1); `null` when excluded. Under `milestone_mean`, the share of the plan's milestone
    /// weight that its milestones carry.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub weight: Option<f64>,
    /// Its completion level on the date, as `completion_share` uses it.
    pub level: Completion,
    /// Its first day (its `start` resolved).
    #[serde(serialize_with = "ser_date")]
    pub start: NaiveDate,
    /// Its last day (its `end` resolved): past it, it is `overdue` unless complete.
    #[serde(serialize_with = "ser_date")]
    pub end: NaiveDate,
    /// The commitment's own latest counting update, if any: the source of its percent when it
    /// has no milestones, and of its level (when it gives a status) and its withdrawal always.
    pub from: Option<UpdateRef>,
    /// Its milestones, in order (withdrawn ones too).
    pub milestones: Vec<MilestoneProgress>,
    /// How `percent` and `expected` were obtained.
    pub derivation: Derivation,
}

/// One milestone's progress on the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneProgress {
    /// The milestone's id.
    pub id: String,
    /// Its title, as in the dataset.
    pub title: Text,
    /// Progress, 0–100 (0 when withdrawn).
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// Expected progress, 0–100 (0 when withdrawn).
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// Status on the date.
    pub status: NodeStatus,
    /// Its normalised weight in its commitment (the weights of the counted milestones sum to
    /// 1); `null` when excluded.
    #[serde(serialize_with = "crate::num::opt_f64")]
    pub weight: Option<f64>,
    /// The day its schedule starts (its `start`, else its commitment's, resolved to the first
    /// day).
    #[serde(serialize_with = "ser_date")]
    pub start: NaiveDate,
    /// Its due day (its `due` resolved to the last day).
    #[serde(serialize_with = "ser_date")]
    pub due: NaiveDate,
    /// The update its percent came from; `null` when no update counts yet.
    pub from: Option<UpdateRef>,
    /// How `percent` and `expected` were obtained.
    pub derivation: Derivation,
}

/// Which field of an update gave the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateField {
    /// `percent`, taken as it is.
    Percent,
    /// `status`, through the status scale (or `withdrawn`).
    Status,
    /// `value`, through the milestone's indicator.
    Value,
    /// Nothing usable (an update validation rejects: never seen on a valid dataset); counts 0.
    None,
}

/// A reference to the update a figure came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateRef {
    /// Its date, as written (`2024-12`).
    pub date: PlanDate,
    /// The day it counts from: the last day of its date's period.
    #[serde(serialize_with = "ser_date")]
    pub counts_from: NaiveDate,
    /// Who reported it.
    pub source: UpdateSource,
    /// The field used.
    pub field: UpdateField,
    /// Its `percent`, if given.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    pub percent: Option<f64>,
    /// Its `status`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Completion>,
    /// Its `value`, if given.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    pub value: Option<f64>,
    /// Its JSON pointer in the dataset.
    pub pointer: String,
}

/// A figure published about the plan, beside the computed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedFigure {
    /// The date the figure is about, as written.
    pub as_of: PlanDate,
    /// The figure, in percent.
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// Where it was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The meeting where it was stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The computed percent minus the reported one (positive: the computation finds more).
    #[serde(serialize_with = "crate::num::f64")]
    pub difference: f64,
}

/// What kind of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A commitment.
    Commitment,
    /// A milestone.
    Milestone,
}

/// Why a node counts in no aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Its own latest counting update has status `withdrawn`.
    Withdrawn,
    /// A milestone of a withdrawn commitment.
    CommitmentWithdrawn,
    /// A commitment whose milestones are all withdrawn.
    AllMilestonesWithdrawn,
}

/// A node excluded from every aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    /// Its id.
    pub id: String,
    /// Commitment or milestone.
    pub kind: NodeKind,
    /// Why.
    pub reason: ExclusionReason,
}

/// The rule that produced a node's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The latest counting update's `percent`.
    Percent,
    /// The latest counting update's `status` through the status scale.
    Status,
    /// The latest counting update's `value` through the indicator.
    Indicator,
    /// No update counts yet: 0.
    NoUpdate,
    /// The date is before the plan's start: nothing counts, nothing is expected.
    BeforePlanStart,
    /// Withdrawn: excluded, figures shown as 0.
    Withdrawn,
    /// A commitment: the weighted mean of its counted milestones.
    WeightedMean,
    /// A plan or group: the weighted mean of its counted commitments.
    CommitmentMean,
    /// A plan or group: the weighted mean of all its counted milestones.
    MilestoneMean,
    /// A plan or group: the weighted share of its counted commitments at substantial or
    /// complete.
    CompletionShare,
}

/// How a node's figures were obtained: the rule, in words with its numbers, and the children
/// that went into it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derivation {
    /// The rule.
    pub rule: Rule,
    /// The rule applied to `percent`, in words, with its numbers.
    pub percent: String,
    /// The rule applied to `expected`, in words, with its numbers.
    pub expected: String,
    /// The children that were counted, each with its value and weights (empty for a leaf).
    pub terms: Vec<Term>,
}

/// One child counted in an aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// The child's id.
    pub id: String,
    /// Commitment or milestone.
    pub kind: NodeKind,
    /// The value counted: the child's percent, or, under `completion_share`, 100 when its level
    /// is substantial or complete and 0 otherwise.
    #[serde(serialize_with = "crate::num::f64")]
    pub value: f64,
    /// The expected value counted: the child's expected, or, under `completion_share`, 100 when
    /// its expected progress is 50 or more and 0 otherwise.
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// The weight as given (1 when none is given).
    #[serde(serialize_with = "crate::num::f64")]
    pub weight: f64,
    /// The weight divided by the sum of the counted children's weights.
    #[serde(serialize_with = "crate::num::f64")]
    pub normalised_weight: f64,
    /// The child's completion level (under `completion_share` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Completion>,
}
