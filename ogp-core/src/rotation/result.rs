//! The results of the rotation engine. Their JSON form is `ogp rotation --format json`.

use serde::Serialize;

use crate::error::Problem;
use crate::{PlanDate, RotationRule, Text, Window};

/// Who should go to an event by its rotation policy, and why (see the [module
/// documentation](crate::rotation) for the rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RotationResult {
    /// The event's id.
    pub event: String,
    /// Its title, as in the dataset.
    pub title: Text,
    /// Its date, as written (its day is the first day of that period).
    pub date: PlanDate,
    /// Whether its costs are covered (informative: it does not change the computation).
    pub funded: bool,
    /// How many delegates go.
    pub seats: u32,
    /// The rotation policy's id.
    pub policy: String,
    /// The committee whose members rotate.
    pub committee: String,
    /// The ordering rule.
    pub rule: RotationRule,
    /// Events a delegate sits out after serving.
    pub cooldown: u32,
    /// The frequency cap, if any.
    pub max_per_window: Option<Window>,
    /// The seed of the tie-break draw, if the policy has one (the draw is named after the
    /// event: salt = the event's id).
    pub seed: Option<u64>,
    /// The earlier events of the policy (§3), in order, decided or not.
    pub earlier: Vec<PastEvent>,
    /// Every pool member: the eligible by place, then the excluded in pool order.
    pub pool: Vec<PoolMember>,
    /// The proposal: membership ids, by place.
    pub proposed: Vec<String>,
    /// Each balance requirement and how the proposal meets it.
    pub balance: Vec<BalanceCheck>,
    /// The event's delegates, when the event is decided.
    pub decided: Option<Vec<String>>,
    /// Whether the decision equals the proposal (as sets), when the event is decided.
    pub matches_decision: Option<bool>,
    /// How the decision differs from the proposal, when the event is decided.
    pub comparison: Option<Comparison>,
    /// What stood in the way of a full, fair proposal (`no-seed`, `balance-unmet`,
    /// `pool-empty`, `seats-unfilled`), as warnings located by JSON pointer, sorted.
    pub problems: Vec<Problem>,
    /// The rule applied, step by step, one line each: order, ties, history, pool,
    /// exclusions, balance, seats, decision.
    pub derivation: String,
}

/// An event of the policy before the one proposed for (or any event, in a history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PastEvent {
    /// The event's id.
    pub event: String,
    /// Its date, as written.
    pub date: PlanDate,
    /// Its seats.
    pub seats: u32,
    /// Decided: it has delegates or a `decided_at` meeting. Only decided events make history.
    pub decided: bool,
    /// Its delegates, as listed.
    pub delegates: Vec<String>,
    /// Who declined, as listed.
    pub declined: Vec<String>,
}

/// A pool member's standing for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolMember {
    /// The membership's id.
    pub membership: String,
    /// The member organization's id.
    pub organization: String,
    /// Active on the event's day.
    pub active: bool,
    /// Decided earlier events it served at.
    pub times_served: u32,
    /// Their ids, in order.
    pub served: Vec<String>,
    /// The date of the latest of them.
    pub last_served: Option<PlanDate>,
    /// The id of the latest of them.
    pub last_event: Option<String>,
    /// Proposed, eligible (not proposed), tied (for a seat left open without a seed) or
    /// excluded.
    pub status: MemberStatus,
    /// Why it cannot go, every reason that applies (empty: eligible).
    pub excluded: Vec<Exclusion>,
    /// 1-based place among the eligible (tied members without a seed share one); `None` when
    /// excluded.
    pub place: Option<u32>,
    /// True when proposed.
    pub proposed: bool,
    /// The balance requirement it was picked for, e.g. `focus=disability`.
    pub reserved_for: Option<String>,
    /// The balance requirements it qualifies for, e.g. `focus=disability`.
    pub qualifies: Vec<String>,
    /// Its lottery key (16 hex digits), when a tie it was in was drawn.
    pub lottery_key: Option<String>,
    /// Why it was (not) proposed, in words.
    pub reason: String,
}

/// A pool member's status for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Picked.
    Proposed,
    /// Could go, but placed after the seats were filled.
    Eligible,
    /// Tied for a seat that was left open because the policy has no seed.
    Tied,
    /// Cannot go (see `excluded`).
    Excluded,
}

impl MemberStatus {
    /// The word used in JSON (`proposed`).
    pub fn as_str(&self) -> &'static str {
        match self {
            MemberStatus::Proposed => "proposed",
            MemberStatus::Eligible => "eligible",
            MemberStatus::Tied => "tied",
            MemberStatus::Excluded => "excluded",
        }
    }
}

/// One reason a pool member cannot go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    /// The rule that excludes it.
    pub rule: ExclusionRule,
    /// The facts, in words (e.g. `served at ev-3, one of the last 1 event`).
    pub detail: String,
}

/// The rules that exclude a pool member (module documentation, §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionRule {
    /// Not active on the event's day.
    Inactive,
    /// A listed pool id that is not a membership of the policy's committee.
    NotInCommittee,
    /// Declined this event.
    Declined,
    /// Served at one of the last `cooldown` decided events of the policy.
    Cooldown,
    /// Served `count` or more events within `months` months before the event.
    MaxPerWindow,
}

impl ExclusionRule {
    /// The word used in JSON (`max_per_window`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ExclusionRule::Inactive => "inactive",
            ExclusionRule::NotInCommittee => "not_in_committee",
            ExclusionRule::Declined => "declined",
            ExclusionRule::Cooldown => "cooldown",
            ExclusionRule::MaxPerWindow => "max_per_window",
        }
    }
}

/// A balance requirement against the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BalanceCheck {
    /// The feature (`focus`, `region`, `sector`, `kind`).
    pub feature: String,
    /// Its value.
    pub value: String,
    /// At least this many delegates.
    pub min: u32,
    /// Eligible members that qualify.
    pub eligible: u32,
    /// Proposed members that qualify.
    pub proposed: u32,
    /// The members picked for this requirement in the balance pass.
    pub reserved: Vec<String>,
    /// True when `proposed ≥ min`.
    pub met: bool,
}

/// How a decision differs from the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Delegates who were not proposed, as listed in the event.
    pub went_not_proposed: Vec<String>,
    /// Proposed members who did not go, by place.
    pub proposed_not_went: Vec<String>,
}

/// Who went where under a policy, and how evenly (module documentation, §8).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RotationHistory {
    /// The policy's id.
    pub policy: String,
    /// The committee whose members rotate.
    pub committee: String,
    /// The ordering rule.
    pub rule: RotationRule,
    /// The seed of the tie-break draw, if any.
    pub seed: Option<u64>,
    /// Every event of the policy, in order (§1).
    pub events: Vec<PastEvent>,
    /// Every membership that was in the pool at one of the events, or a delegate, or declined:
    /// in pool order, then others in order of first appearance.
    pub members: Vec<MemberHistory>,
    /// The spread of times served among the current pool.
    pub fairness: Fairness,
}

/// One membership's record under a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberHistory {
    /// The membership's id.
    pub membership: String,
    /// The member organization's id.
    pub organization: String,
    /// Active pool member on the day of the policy's latest event (counted in the fairness
    /// summary).
    pub in_pool: bool,
    /// Decided events at which it was an active pool member (its chances to serve).
    pub pool_events: u32,
    /// Decided events it served at.
    pub times_served: u32,
    /// Their ids, in order.
    pub served: Vec<String>,
    /// The date of the latest of them.
    pub last_served: Option<PlanDate>,
    /// The id of the latest of them.
    pub last_event: Option<String>,
    /// Events it declined, in order.
    pub declined: Vec<String>,
}

/// The spread of times served among the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fairness {
    /// The event whose day defines the current pool: the policy's latest event.
    pub event: Option<String>,
    /// Its date.
    pub date: Option<PlanDate>,
    /// The active pool members on that day, in pool order.
    pub pool: Vec<String>,
    /// The fewest times any of them served.
    pub min_served: Option<u32>,
    /// The most times any of them served.
    pub max_served: Option<u32>,
    /// `max_served − min_served`: 0 or 1 means everyone has had an equal turn so far.
    pub spread: Option<u32>,
    /// Pool members who never served, in pool order.
    pub never_served: Vec<String>,
}
