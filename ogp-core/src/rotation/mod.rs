//! Rotation: civil-society members take turns at funded international meetings.
//!
//! Morocco's steering committee adopted, at its 2nd meeting (18 March 2025), that civil-society
//! members' participation in international meetings whose costs are covered is subject to a
//! **principle of rotation**. A [`RotationPolicy`] says who takes turns and how; an [`Event`]
//! names its policy and its seats and, once decided, its delegates. [`propose`] says who should
//! go to an event by its policy, and why; [`history`] says who went where, with a fairness
//! summary. Both are pure functions of a borrowed [`Dataset`](crate::Dataset). The rules below
//! are exact: with them, any proposal can be recomputed by hand.
//!
//! # 1. Days, and the events of a policy
//! An event's **day** is its `date` resolved to the first day of its period (`2025-10` →
//! 2025-10-01). The **events of a policy** are the dataset's events whose `policy` is its id,
//! ordered by day, then by their order in the `events` list. An event is **decided** when it
//! has at least one delegate or a `decided_at` meeting ([`is_decided`]); only decided events
//! make history. `funded` does not change the computation: an event rotates when it names a
//! policy.
//!
//! # 2. The pool on the event's day D
//! The **pool order** is the order of the committee's `memberships` list:
//! - `"pool": "civil_society"` (a sector): every membership of the policy's committee with that
//!   `sector`;
//! - `"pool": [ids]`: those memberships (an id listed twice counts once); ids that are
//!   memberships of another committee come after the committee's, in the pool's order.
//!
//! A membership is **active** on D when its `start` (first day of its period) ≤ D ≤ its `end`
//! (last day of its period), an absent `end` being open.
//!
//! # 3. History
//! The **earlier events** of an event E are the events of its policy before E in the order of
//! §1: a day strictly before E's, or the same day and earlier in the list. For each pool
//! member, `times_served` = the decided earlier events whose `delegates` include it, and
//! `last_served` = the date of the latest of them. Declining is not serving: a member who
//! declined keeps its place in the order.
//!
//! # 4. Exclusions
//! A pool member is excluded from E for every reason that applies, each listed with its facts:
//! - `inactive` — not active on D;
//! - `not_in_committee` — a listed id that is not a membership of the policy's committee;
//! - `declined` — listed in E's `declined`;
//! - `cooldown` — a delegate of one of the last `cooldown` decided earlier events (0: never);
//! - `max_per_window` — a delegate of `count` or more decided earlier events whose day is on or
//!   after D minus `months` calendar months (2025-10-07 minus 12 months is 2024-10-07; a day
//!   missing from the shorter month becomes its last day: 2025-03-31 minus 1 month is
//!   2025-02-28). A `count` of 0 excludes everyone.
//!
//! The others are **eligible**.
//!
//! # 5. Order of the eligible
//! Each eligible member has a key, smallest first:
//! - `least_recent`: never served first, then by the day of the last event served, oldest
//!   first;
//! - `least_often`: fewest times served first, then by the `least_recent` key;
//! - `round_robin`: the pool order as a circle, starting just after the **last delegate** — the
//!   last delegate in the `delegates` list of the latest decided earlier event that has one in
//!   the pool order (its position counts even if it is no longer active); without one, from the
//!   first of the pool order. Round-robin keys never tie. The engine lists a proposal in place
//!   order, so taking a proposal as the decision continues the circle.
//!
//! Members with equal keys are **tied**. When the policy has a `seed`, each group of tied
//! members is put in the order of [`lottery::order`](crate::lottery::order)`(seed, E's id,
//! their ids)` — the draw is named after the event, so each event has its own draw — and each
//! gets its `lottery_key`. Without a seed, tied members are shown in pool order and share a
//! place; no tie is ever broken by an implicit choice (§6).
//! `place` = 1 + the number of eligible members before it (tied without a seed: before the
//! first of them).
//!
//! # 6. Balance, then seats
//! S = E's `seats`. Picks are made in two passes over the eligible in order:
//! 1. **Balance.** For each `balance` requirement of the policy, in the order listed, `need` =
//!    `min` − the picks already made that qualify; the best-placed qualifying members not yet
//!    picked are picked, at most `need` and at most the seats still open (`reserved_for`). A
//!    member qualifies by its organization: `focus` — the value is one of its `focus` tags;
//!    `region` — its `region` equals the value; `sector` — its sector's word
//!    (`civil_society`); `kind` — its kind's word (`association`). Any other feature matches
//!    nobody ([`BALANCE_FEATURES`]).
//! 2. **Seats.** The seats still open go to the best-placed members not yet picked.
//!
//! When a pass takes k members from its candidates and the k-th and the (k+1)-th are tied
//! without a seed, it takes only the candidates placed before their tie, and reports
//! `no-seed` naming the tied members. The seats it did not take stay open: a balance pass
//! hands them to the seats pass (no `balance-unmet` is added for that requirement); the seats
//! pass leaves them empty, and the tied members not picked have status `tied`. With a seed
//! the lottery order decides, and the derivation says so. `proposed` lists the picks by
//! place.
//!
//! Warnings: `no-seed`; `balance-unmet` — a requirement the proposal does not meet (too few
//! qualifying eligible members, too few seats, or a feature the engine does not read);
//! `seats-unfilled` — fewer eligible members than seats; `pool-empty` — no active member in
//! the pool.
//!
//! # 7. A decided event
//! When E is decided, the proposal is still computed (from E's earlier events and E's
//! `declined`) and compared with E's `delegates` as sets: `matches_decision`, and
//! `comparison` lists who went without being proposed and who was proposed but did not go.
//!
//! # 8. History and fairness
//! [`history`] lists the events of a policy (§1) and every membership that was an active pool
//! member on the day of one of them, or a delegate, or declined: the decided events it served
//! at, the events it declined, and `pool_events` — the decided events on whose day it was an
//! active pool member (its chances to serve). The **fairness** summary is taken over the
//! active pool members on the day of the policy's latest event (decided or not): the fewest
//! and most times served, their difference (`spread`), and who never served.
//!
//! # 9. Refusals
//! An unknown event, policy or committee is [`Error::NotFound`](crate::Error::NotFound),
//! naming the ids that exist; an event that names no policy is
//! [`Error::Argument`](crate::Error::Argument); a dataset with validation errors is
//! [`Error::Invalid`](crate::Error::Invalid), with every problem. The warnings of §6 are in
//! the result's `problems`, located by JSON pointer.
//!
//! # Example: the format sample
//! Policy `zz-rotation` (`least_recent`, cooldown 1, seed 7) pools the two civil-society
//! memberships of `zz-steering`. `zz-ms-access` went to `zz-ev-1` (2024-11-05), the last
//! decided event, so on 2025-10-07 it sits out; `zz-ms-youth` never served and is proposed
//! for `zz-ev-2`.
//! ```
//! let ds = ogp_core::io::load(std::path::Path::new("../tests/fixtures/format-sample.json"))?;
//! let r = ogp_core::rotation::propose(&ds.check()?, "zz-ev-2")?;
//! assert_eq!(r.proposed, ["zz-ms-youth"]);
//! assert_eq!(r.pool[1].excluded[0].rule.as_str(), "cooldown");
//! # Ok::<(), ogp_core::Error>(())
//! ```

mod engine;
mod result;
#[cfg(test)]
mod tests;

pub use engine::{BALANCE_FEATURES, history, is_decided, pending_event, policy_or_only, propose};
pub use result::{
    BalanceCheck, Comparison, Exclusion, ExclusionRule, Fairness, MemberHistory, MemberStatus,
    PastEvent, PoolMember, RotationHistory, RotationResult,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Ext, Id, PlanDate, Sector, Text};

/// The rule by which delegates to funded events are chosen in turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RotationPolicy {
    /// Unique id.
    pub id: Id,
    /// The committee whose members rotate.
    pub committee: Id,
    /// Who takes turns: every membership of a sector, or listed memberships.
    pub pool: Pool,
    /// How the next delegates are picked.
    pub rule: RotationRule,
    /// How many events a delegate sits out after serving.
    #[serde(default)]
    pub cooldown: u32,
    /// At most `count` events in any window of `months`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_window: Option<Window>,
    /// At least `min` delegates with a feature, where the pool allows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balance: Vec<Balance>,
    /// Seed for the last tie-break, written into every result that used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Who takes turns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Pool {
    /// Every membership of this sector.
    Sector(Sector),
    /// These memberships.
    Memberships(Vec<Id>),
}

/// How the next delegates are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RotationRule {
    /// Those who served longest ago (never first).
    LeastRecent,
    /// Those who served least often.
    LeastOften,
    /// A fixed order, continuing after the last delegate.
    RoundRobin,
}

/// A frequency cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Events at most…
    pub count: u32,
    /// …in any window of this many months.
    pub months: u32,
}

/// A balance requirement among delegates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    /// The feature (`focus`, `region`…), read from the member organization.
    pub feature: String,
    /// Its value.
    pub value: String,
    /// At least this many delegates.
    pub min: u32,
}

/// An event to which the committee sends delegates, e.g. an international meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// When.
    pub date: PlanDate,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Whether the costs of participation are covered (then rotation applies).
    pub funded: bool,
    /// How many delegates go.
    pub seats: u32,
    /// The rotation policy that picks them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Id>,
    /// The memberships that sent a delegate, once decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegates: Vec<Id>,
    /// Memberships that were offered the seat and declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<Id>,
    /// The meeting that decided the delegation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<Id>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}
