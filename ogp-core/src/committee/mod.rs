//! Committees (multi-stakeholder forums), their guide, memberships and meetings — and
//! [`check`], the committee's health on a date (seats, parity, terms, quorum, meeting
//! intervals, overdue actions).

mod check;
#[cfg(test)]
mod tests;

pub use check::{
    ActionCheck, CommitteeReport, GuideSummary, IntervalCheck, MeetingCheck, MemberCheck,
    SectorSeats, check,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Ext, Id, PlanDate, Sector, Text};

/// A multi-stakeholder forum: a steering committee, an implementation committee, a thematic
/// working group…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// Unique id.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// What kind of forum it is.
    pub kind: CommitteeKind,
    /// The committee it belongs to (a thematic group's steering committee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// The plan it currently steers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Id>,
    /// The organization that chairs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Id>,
    /// The organization that runs its secretariat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretariat: Option<Id>,
    /// Seats by sector.
    pub seats: Seats,
    /// Length of a term, in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
    /// How many consecutive terms a member may serve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive_terms: Option<u32>,
    /// The longest gap between meetings, in months (OGP's minimum standard: 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_interval_months: Option<u32>,
    /// Share of members that must attend for decisions, 0–1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_f64"
    )]
    #[schemars(range(min = 0, max = 1))]
    pub quorum: Option<f64>,
    /// The committee's guide (charter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<Guide>,
    /// Seats held, over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    /// Meetings held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// What kind of forum a committee is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum CommitteeKind {
    Steering,
    Implementation,
    WorkingGroup,
    Forum,
}

/// Seats by sector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Seats {
    /// Government seats.
    pub government: u32,
    /// Civil-society seats.
    pub civil_society: u32,
    /// Other seats.
    #[serde(default)]
    pub other: u32,
}

/// A committee's guide (its charter): participation principles and annexes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Version label.
    pub version: String,
    /// When it was adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_on: Option<PlanDate>,
    /// The meeting that adopted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_at: Option<Id>,
    /// Members' work is voluntary (unpaid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voluntary: Option<bool>,
    /// The committee may invite experts to its meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub may_invite_experts: Option<bool>,
    /// Participation principles and other provisions (ids unique within the guide).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<Principle>,
    /// Ids of annexed entities (e.g. the selection grid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Id>,
    /// Where the guide is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A principle or provision of a guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Id, unique within the guide.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Full text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A seat held by an organization for a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// Unique id.
    pub id: Id,
    /// Who holds the seat.
    pub organization: Id,
    /// Which side the seat belongs to.
    pub sector: Sector,
    /// The role on the committee.
    pub role: MemberRole,
    /// First day of the seat.
    pub start: PlanDate,
    /// Last day of the seat, if it has ended or has a fixed end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PlanDate>,
    /// Which consecutive term this is (1, 2…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<u32>,
    /// The people who sit for the organization. Names are optional personal data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub representatives: Vec<Representative>,
    /// The call through which the seat was won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_by: Option<Id>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A role on a committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum MemberRole {
    Chair,
    CoChair,
    Member,
    Secretariat,
    Observer,
}

/// A person who sits for a member organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// Principal representative or deputy.
    pub role: RepresentativeRole,
    /// Name (personal data: optional, and exports can drop it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Position in the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Principal representative or deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum RepresentativeRole {
    Principal,
    Deputy,
}

/// A meeting of a committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Unique id.
    pub id: Id,
    /// Its number in the committee's series (2 for the 2nd meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// When.
    pub date: PlanDate,
    /// In person, remote or hybrid; absent when the sources do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<MeetingFormat>,
    /// Who of the members attended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendance>,
    /// Invited experts and observers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Guest>,
    /// The agenda.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
    /// What was decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Follow-up actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// How many written proposals the meeting considered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposals_received: Option<u32>,
    /// Where the minutes are published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_url: Option<String>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// In person, remote or hybrid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum MeetingFormat {
    InPerson,
    Remote,
    Hybrid,
}

/// Whether a membership was represented at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// The membership.
    pub membership: Id,
    /// Present or absent.
    pub present: bool,
    /// Who sat: the principal representative or the deputy (`as` in JSON).
    #[serde(rename = "as", default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<RepresentativeRole>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Someone invited to a meeting who holds no seat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    /// Their organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Id>,
    /// Their name (personal data: optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Expert or observer.
    pub role: GuestRole,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Expert or observer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum GuestRole {
    Expert,
    Observer,
}

/// An item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: Text,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// A decision taken (or not) at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique id.
    pub id: Id,
    /// The agenda item it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Id>,
    /// What was proposed or decided.
    pub text: Text,
    /// Adopted, rejected, deferred or noted.
    pub outcome: DecisionOutcome,
    /// The organization that proposed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<Id>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// What became of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum DecisionOutcome {
    Adopted,
    Rejected,
    Deferred,
    Noted,
}

/// A follow-up action agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Unique id.
    pub id: Id,
    /// What is to be done.
    pub title: Text,
    /// The organization responsible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<PlanDate>,
    /// Open, done or dropped.
    pub status: ActionStatus,
    /// The decision it follows from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Id>,
    /// When it was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<PlanDate>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// Open, done or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}
