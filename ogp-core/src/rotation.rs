//! Rotation: civil-society members take turns at funded international meetings.

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
