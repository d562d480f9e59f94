//! Selecting associations for committee seats: scoring grids and calls for candidates.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Ext, Id, PlanDate, Text};

/// A scoring grid: the criteria and eligibility requirements by which candidates are judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringGrid {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Version label.
    pub version: String,
    /// Draft or approved.
    pub status: GridStatus,
    /// The meeting that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<Id>,
    /// Scored criteria (ids unique within the grid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// Yes/no eligibility requirements (ids unique within the grid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    /// The weighted score, 0–100, a candidate needs to be selectable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(range(min = 0, max = 100))]
    pub pass_mark: Option<f64>,
    /// How several evaluators' scores are combined.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Draft or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum GridStatus {
    Draft,
    Approved,
}

/// How several evaluators' scores for one criterion are combined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean.
    #[default]
    Mean,
    /// The median.
    Median,
    /// The mean without the highest and the lowest score.
    TrimmedMean,
    /// The evaluators agree on one score.
    Consensus,
}

/// A scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Id, unique within the grid.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Weight (> 0); weights are normalised by their sum.
    #[serde(serialize_with = "crate::num::f64")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: f64,
    /// Lowest score on the scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub min: f64,
    /// Highest score on the scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub max: f64,
    /// Named levels of the scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Eliminatory threshold: a candidate scoring below it is not selectable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    pub min_score: Option<f64>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A named level of a criterion's scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// What the level means.
    pub label: Text,
    /// Its points.
    #[serde(serialize_with = "crate::num::f64")]
    pub points: f64,
}

/// A yes/no eligibility requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Id, unique within the grid.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A call for candidates to a committee's seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Call {
    /// Unique id.
    pub id: Id,
    /// The committee whose seats are filled.
    pub committee: Id,
    /// The grid candidates are scored with.
    pub grid: Id,
    /// Title.
    pub title: Text,
    /// How many seats are filled.
    pub seats: u32,
    /// When applications open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<PlanDate>,
    /// When applications close.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<PlanDate>,
    /// Bounds on how many selected candidates share a feature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Quota>,
    /// The applicants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// The judges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluators: Vec<Evaluator>,
    /// One score per candidate, evaluator and criterion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<Score>,
    /// How ties are broken: criterion ids in order, then `lottery`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_break: Vec<String>,
    /// Seed of the lottery, written into every result that used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A bound on the number of selected candidates with `features[feature] == value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// The feature (`region`, `focus`…).
    pub feature: String,
    /// Its value.
    pub value: String,
    /// At least this many.
    pub min: u32,
    /// At most this many.
    pub max: u32,
}

/// An applicant to a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Unique id.
    pub id: Id,
    /// The applying organization.
    pub organization: Id,
    /// Features used by quotas (`region`, `focus`…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
    /// Whether each requirement of the grid is met.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub eligibility: BTreeMap<String, bool>,
    /// How many terms it has already served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_terms: Option<u32>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A judge of a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluator {
    /// Unique id.
    pub id: Id,
    /// Name (personal data: optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Candidates this evaluator must not score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Id>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// One evaluator's score of one candidate on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The candidate.
    pub candidate: Id,
    /// The evaluator.
    pub evaluator: Id,
    /// The criterion of the call's grid.
    pub criterion: Id,
    /// The score, on the criterion's scale.
    #[serde(serialize_with = "crate::num::f64")]
    pub score: f64,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}
