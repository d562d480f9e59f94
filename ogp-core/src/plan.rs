//! Action plans, themes, commitments, milestones and dated progress updates.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Ext, Id, PlanDate, Text};

/// A national or local open government action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    /// Unique id.
    pub id: Id,
    /// OGP's own id for the plan, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ogp_id: Option<String>,
    /// ISO 3166-1 alpha-2 country code (`MA`).
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: String,
    /// National or local.
    pub level: PlanLevel,
    /// The local jurisdiction, for a local plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Text>,
    /// The OGP region the member belongs to (`Africa and Middle East`), as OGP names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The plan's number (3 for a third plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Title.
    pub title: Text,
    /// First day (or month, or year) of implementation.
    pub start: PlanDate,
    /// Last day (or month, or year) of implementation.
    pub end: PlanDate,
    /// Where the plan is in its life.
    pub status: PlanStatus,
    /// The plan's axes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// The commitments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// How progress is computed for this plan, when not the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_rules: Option<ProgressRules>,
    /// Progress figures published about the plan (minutes, portal, self-assessment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reported: Vec<Reported>,
    /// Where the plan is published (urls).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// National or local plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PlanLevel {
    National,
    Local,
}

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PlanStatus {
    Drafting,
    Implementation,
    Completed,
    Withdrawn,
}

/// An axis of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A commitment of an action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Unique id.
    pub id: Id,
    /// OGP's id (`MO0054`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ogp_id: Option<String>,
    /// The number as printed in the plan (`1`, `4.2`); absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Title.
    pub title: Text,
    /// A short title for tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<Text>,
    /// The plan's theme (axis) it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Id>,
    /// The lead institution.
    pub lead: Id,
    /// Supporting institutions and associations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Id>,
    /// Policy areas (free tags, as OGP lists them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_areas: Vec<String>,
    /// The OGP values it is relevant to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<OgpValue>,
    /// The problem it addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Text>,
    /// What it does about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<Text>,
    /// The commitment's full text as the plan gives it, when it is not split into challenge
    /// and solution (OGP's "Full Text").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Its page on the OGP website (or wherever it is published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Start of implementation.
    pub start: PlanDate,
    /// End of implementation.
    pub end: PlanDate,
    /// Weight in plan-level progress (default 1; either every commitment of the plan has one
    /// or none has).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: Option<f64>,
    /// The schedule of activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// Progress updates on the commitment itself (used when it has no milestones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    /// The Independent Reporting Mechanism's assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub irm: Option<IrmAssessment>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// The OGP values a commitment can be relevant to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum OgpValue {
    AccessToInformation,
    CivicParticipation,
    PublicAccountability,
    TechnologyAndInnovation,
    Inclusion,
}

impl OgpValue {
    /// The word used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            OgpValue::AccessToInformation => "access_to_information",
            OgpValue::CivicParticipation => "civic_participation",
            OgpValue::PublicAccountability => "public_accountability",
            OgpValue::TechnologyAndInnovation => "technology_and_innovation",
            OgpValue::Inclusion => "inclusion",
        }
    }
}

/// An activity in a commitment's schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Start; when absent, the commitment's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PlanDate>,
    /// Due date (the last day of its period counts).
    pub due: PlanDate,
    /// Weight in the commitment's progress (default 1; either every milestone of the
    /// commitment has one or none has).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub weight: Option<f64>,
    /// The institution leading this activity, when not the commitment's lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Id>,
    /// A quantitative indicator, for progress measured by a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
    /// Dated progress.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A quantitative indicator: progress is `(value − baseline) / (target − baseline)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Unit of the values (`percent of decisions`).
    pub unit: String,
    /// The value when the milestone starts.
    #[serde(serialize_with = "crate::num::f64")]
    pub baseline: f64,
    /// The value that means done.
    #[serde(serialize_with = "crate::num::f64")]
    pub target: f64,
    /// False when lower values are better (the target is below the baseline).
    #[serde(default = "yes")]
    pub higher_is_better: bool,
}

fn yes() -> bool {
    true
}

/// Dated progress on a milestone (or on a commitment without milestones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// When; counts from the last day of its period (`2025-03` counts from 2025-03-31).
    pub date: PlanDate,
    /// Progress in percent, 0–100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(range(min = 0, max = 100))]
    pub percent: Option<f64>,
    /// Progress as a level of the IRM completion scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Completion>,
    /// The indicator's value on that date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    pub value: Option<f64>,
    /// Who reported it.
    pub source: UpdateSource,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Links to evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Who reported a progress update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum UpdateSource {
    SelfAssessment,
    Committee,
    CivilSociety,
    Irm,
    Other,
}

/// The IRM completion scale, plus `withdrawn` (a local extension, not an IRM level).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// No evidence available.
    NoEvidence,
    /// Not started.
    NotStarted,
    /// Limited.
    Limited,
    /// Substantial.
    Substantial,
    /// Complete.
    Complete,
    /// Withdrawn: a local extension, not an IRM level. Excluded from every aggregate.
    Withdrawn,
}

impl Completion {
    /// The word used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Completion::NoEvidence => "no_evidence",
            Completion::NotStarted => "not_started",
            Completion::Limited => "limited",
            Completion::Substantial => "substantial",
            Completion::Complete => "complete",
            Completion::Withdrawn => "withdrawn",
        }
    }
}

/// How a plan's progress is computed (see the `progress` module for the exact rules).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressRules {
    /// The aggregation method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ProgressMethod>,
    /// How expected progress follows the schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// Points below expected progress before a node is `behind` (default 10).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(range(min = 0, max = 100))]
    pub tolerance: Option<f64>,
    /// Percent for each completion level, when updates give a status only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_scale: Option<StatusScale>,
}

/// Plan-level aggregation methods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgressMethod {
    /// Weighted mean of commitments (each commitment counts by its weight).
    #[default]
    CommitmentMean,
    /// Weighted mean of every milestone of the plan.
    MilestoneMean,
    /// The IRM view: the share of commitments at substantial or complete.
    CompletionShare,
}

impl ProgressMethod {
    /// Every method, as written in JSON.
    pub const NAMES: &'static str = "commitment_mean, milestone_mean, completion_share";

    /// The word used in JSON (`commitment_mean`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ProgressMethod::CommitmentMean => "commitment_mean",
            ProgressMethod::MilestoneMean => "milestone_mean",
            ProgressMethod::CompletionShare => "completion_share",
        }
    }
}

impl std::str::FromStr for ProgressMethod {
    type Err = crate::Error;

    /// ```
    /// use ogp_core::ProgressMethod;
    /// assert_eq!("milestone_mean".parse::<ProgressMethod>().unwrap(), ProgressMethod::MilestoneMean);
    /// assert!("average".parse::<ProgressMethod>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<ProgressMethod, crate::Error> {
        [
            ProgressMethod::CommitmentMean,
            ProgressMethod::MilestoneMean,
            ProgressMethod::CompletionShare,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
        .ok_or_else(|| {
            crate::Error::Argument(format!(
                "{s:?} is not a method; expected one of {}",
                ProgressMethod::NAMES
            ))
        })
    }
}

/// How expected progress follows a milestone's schedule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// 0 until the due date, 100 from it.
    #[default]
    Step,
    /// Rises by days from the start to 100 at the due date.
    Linear,
}

/// Percent for each completion level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusScale {
    /// Default 0.
    #[serde(default = "zero", serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub not_started: f64,
    /// Default 25.
    #[serde(default = "quarter", serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub limited: f64,
    /// Default 75.
    #[serde(default = "three_quarters", serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub substantial: f64,
    /// Default 100.
    #[serde(default = "hundred", serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub complete: f64,
    /// Default 0 (and a warning wherever it is used).
    #[serde(default = "zero", serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub no_evidence: f64,
}

impl Schedule {
    /// The word used in JSON (`step`, `linear`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Schedule::Step => "step",
            Schedule::Linear => "linear",
        }
    }
}

impl std::str::FromStr for Schedule {
    type Err = crate::Error;

    /// ```
    /// assert_eq!("linear".parse::<ogp_core::Schedule>().unwrap(), ogp_core::Schedule::Linear);
    /// ```
    fn from_str(s: &str) -> Result<Schedule, crate::Error> {
        match s {
            "step" => Ok(Schedule::Step),
            "linear" => Ok(Schedule::Linear),
            _ => Err(crate::Error::Argument(format!(
                "{s:?} is not a schedule; expected step or linear"
            ))),
        }
    }
}

fn zero() -> f64 {
    0.0
}
fn quarter() -> f64 {
    25.0
}
fn three_quarters() -> f64 {
    75.0
}
fn hundred() -> f64 {
    100.0
}

impl StatusScale {
    /// Each level with its percent, as `(name in JSON, percent)`, in scale order.
    pub fn entries(&self) -> [(&'static str, f64); 5] {
        [
            ("not_started", self.not_started),
            ("limited", self.limited),
            ("substantial", self.substantial),
            ("complete", self.complete),
            ("no_evidence", self.no_evidence),
        ]
    }
}

impl Default for StatusScale {
    fn default() -> StatusScale {
        StatusScale {
            not_started: 0.0,
            limited: 25.0,
            substantial: 75.0,
            complete: 100.0,
            no_evidence: 0.0,
        }
    }
}

/// A progress figure published about a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reported {
    /// The date the figure is about.
    pub as_of: PlanDate,
    /// The figure, in percent.
    #[serde(serialize_with = "crate::num::f64")]
    #[schemars(range(min = 0, max = 100))]
    pub percent: f64,
    /// Where it was published: a text or a url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The meeting where it was stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Id>,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// The Independent Reporting Mechanism's assessment of a commitment.
///
/// Stars are stored as the IRM published them (`starred`, `starred_midterm`), never
/// recomputed here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IrmAssessment {
    /// Verifiable as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verifiable: Option<bool>,
    /// Has an open government lens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_gov_lens: Option<bool>,
    /// Potential for results (2021+ method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential_for_results: Option<PotentialForResults>,
    /// Named promising in the action plan review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promising: Option<bool>,
    /// Completion at the end of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<Completion>,
    /// Completion at mid-term, as the IRM's progress report assessed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_midterm: Option<Completion>,
    /// The year the IRM's progress (mid-term) report was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_report_year: Option<i32>,
    /// The year the IRM's end-of-term report was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_term_report_year: Option<i32>,
    /// Early results (an open text code, as the IRM writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_results: Option<String>,
    /// Legacy: specificity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specificity: Option<Specificity>,
    /// Legacy: potential impact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential_impact: Option<PotentialImpact>,
    /// Legacy: did it open government.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_it_open_government: Option<DidItOpenGovernment>,
    /// Legacy: did it open government, for access to information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_it_open_government_access_to_information: Option<DidItOpenGovernment>,
    /// Legacy: did it open government, for civic participation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_it_open_government_civic_participation: Option<DidItOpenGovernment>,
    /// Legacy: did it open government, for public accountability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_it_open_government_public_accountability: Option<DidItOpenGovernment>,
    /// Starred by the IRM at the end of term (the current formula), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
    /// Starred by the IRM in its progress report (the current formula), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred_midterm: Option<bool>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// IRM potential for results (2021+).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PotentialForResults {
    Unclear,
    Modest,
    Substantial,
}

/// IRM legacy specificity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Specificity {
    None,
    Low,
    Medium,
    High,
}

/// IRM legacy potential impact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PotentialImpact {
    None,
    Minor,
    Moderate,
    Transformative,
}

/// IRM legacy "did it open government".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum DidItOpenGovernment {
    Worsened,
    DidNotChange,
    Marginal,
    Major,
    Outstanding,
}
