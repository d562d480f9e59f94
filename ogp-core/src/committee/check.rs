//! A committee's health on a date: seats and parity, members and terms, attendance and quorum,
//! meeting intervals, follow-up actions.
//!
//! [`check`] is a pure function of a borrowed [`Dataset`]. Everything it flags is a warning
//! (the data is usable; the committee may want to act), located by JSON pointer. The rules:
//!
//! - **Active on D**: a membership is active when its `start` (first day of its period) is on
//!   or before D and its `end`, if any (last day of its period), is on or after D.
//! - **Seats**: chairs, co-chairs and members hold seats; the secretariat and observers do
//!   not. For each sector, `filled` = active seat-holding memberships of that sector;
//!   `vacancies` = seats − filled when positive (`vacancy`); more than the seats is
//!   `seats-exceeded`.
//! - **Parity**: when the government and civil-society seats are equal in number (as in
//!   Morocco's committee), the filled seats should be too (`parity` otherwise).
//! - **Terms**: a membership whose `term` is above the committee's `max_consecutive_terms` is
//!   `term-limit`; an active membership without an `end` that started more than
//!   `term_months` months before D is `term-expired` (its renewal is not recorded).
//! - **Meetings** on or before D, in date order. For each: the seat-holding memberships active
//!   on the meeting's date are `eligible`; `present` counts attendance rows marked present
//!   (for eligible memberships), by sector, with how many sat as deputy. With a `quorum`
//!   (a share), `quorum_needed` = ⌈quorum × eligible⌉ and `quorum-not-met` flags a meeting
//!   whose attendance is recorded and falls short. A meeting without any attendance row has
//!   `attendance_recorded: false` and no quorum verdict.
//! - **Intervals**: the limit is the committee's `meeting_interval_months`, else 6 (OGP's
//!   co-creation standard: the forum meets at least every six months). A gap between two
//!   consecutive meetings is over the limit when the later date is after the earlier date
//!   plus the limit in calendar months (`meeting-interval`); so is the time from the last
//!   meeting to D. `next_due` = the last meeting's date plus the limit.
//! - **Actions** of meetings on or before D: an `open` action whose `due` (last day of its
//!   period) is before D is `action-overdue`.
//!
//! ```
//! use chrono::NaiveDate;
//! use ogp_core::Dataset;
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1",
//!   "organizations": [
//!     {"id": "min", "name": "Ministry", "sector": "government"},
//!     {"id": "assoc", "name": "Association", "sector": "civil_society"}
//!   ],
//!   "committees": [{
//!     "id": "sc", "name": "Steering committee", "kind": "steering",
//!     "seats": {"government": 1, "civil_society": 2},
//!     "memberships": [
//!       {"id": "m1", "organization": "min", "sector": "government", "role": "chair", "start": "2024-01"},
//!       {"id": "m2", "organization": "assoc", "sector": "civil_society", "role": "member", "start": "2024-01"}
//!     ],
//!     "meetings": [
//!       {"id": "mt1", "date": "2024-02-01"},
//!       {"id": "mt2", "date": "2024-12-01"}
//!     ]
//!   }]
//! }"#)?;
//! let r = ogp_core::committee::check(&ds.check()?, "sc", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())?;
//! assert_eq!(r.seats[1].vacancies, 1);                   // 1 of 2 civil-society seats empty
//! assert_eq!(r.interval.gaps[0].over, true);             // Feb → Dec: more than 6 months
//! let codes: Vec<&str> = r.problems.iter().map(|p| p.code.as_str()).collect();
//! assert_eq!(codes, ["meeting-interval", "vacancy"]); // sorted by location
//! # Ok::<(), ogp_core::Error>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::error::{Code, Problem, Report};
use crate::{
    ActionStatus, Checked, Committee, CommitteeKind, Error, MemberRole, Membership,
    RepresentativeRole, Sector, Text,
};

/// OGP's co-creation standard: the forum meets at least every six months.
pub const DEFAULT_INTERVAL_MONTHS: u32 = 6;

/// A committee's health on a date. Its JSON form is `ogp committee --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeReport {
    /// The committee's id.
    pub committee: String,
    /// Its name, as in the dataset.
    pub name: Text,
    /// The date of the check.
    #[serde(serialize_with = "crate::num::date")]
    pub as_of: NaiveDate,
    /// Steering, implementation…
    pub kind: CommitteeKind,
    /// The plan it steers.
    pub plan: Option<String>,
    /// Seats by sector (government, civil society, other).
    pub seats: Vec<SectorSeats>,
    /// True when the government and civil-society seats are equal in number.
    pub seats_equal: bool,
    /// True when as many government as civil-society seats are filled.
    pub filled_equal: bool,
    /// Every membership, active or not on the date, in dataset order.
    pub members: Vec<MemberCheck>,
    /// Meetings on or before the date, in date order.
    pub meetings: Vec<MeetingCheck>,
    /// Gaps between meetings against the limit.
    pub interval: IntervalCheck,
    /// Follow-up actions of meetings on or before the date.
    pub actions: Vec<ActionCheck>,
    /// The committee's guide, summarised.
    pub guide: Option<GuideSummary>,
    /// Everything flagged, as warnings located by JSON pointer, sorted.
    pub problems: Vec<Problem>,
}

/// Seats of one sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectorSeats {
    /// The sector.
    pub sector: Sector,
    /// Seats the committee has for it.
    pub seats: u32,
    /// Active seat-holding memberships of the sector.
    pub filled: u32,
    /// Seats not filled.
    pub vacancies: u32,
}

/// One membership on the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberCheck {
    /// The membership's id.
    pub membership: String,
    /// The member organization's id.
    pub organization: String,
    /// Its sector.
    pub sector: Sector,
    /// Its role.
    pub role: MemberRole,
    /// Active on the date.
    pub active: bool,
    /// Holds a seat (chair, co-chair or member) — counted in the seats when active.
    pub holds_seat: bool,
    /// Which consecutive term, if given.
    pub term: Option<u32>,
    /// Whole months from its start to the date (0 before it starts).
    pub months_served: u32,
    /// A principal representative is named (or listed without a name).
    pub has_principal: bool,
    /// A deputy is listed.
    pub has_deputy: bool,
}

/// One meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingCheck {
    /// The meeting's id.
    pub meeting: String,
    /// Its number, if given.
    pub number: Option<u32>,
    /// Its date (first day of its period).
    #[serde(serialize_with = "crate::num::date")]
    pub date: NaiveDate,
    /// Whether any attendance is recorded.
    pub attendance_recorded: bool,
    /// Seat-holding memberships active on the meeting's date.
    pub eligible: u32,
    /// Of those, present.
    pub present: u32,
    /// Present, government.
    pub present_government: u32,
    /// Present, civil society.
    pub present_civil_society: u32,
    /// Present members who sat through their deputy.
    pub by_deputy: u32,
    /// ⌈quorum × eligible⌉, when the committee has a quorum.
    pub quorum_needed: Option<u32>,
    /// Whether the quorum was met (unknown without attendance or quorum).
    pub quorum_met: Option<bool>,
    /// Invited experts.
    pub experts: u32,
    /// Observers.
    pub observers: u32,
    /// Decisions adopted.
    pub adopted: u32,
    /// Decisions rejected, deferred or noted.
    pub other_decisions: u32,
    /// Follow-up actions agreed.
    pub actions: u32,
}

/// Meeting intervals against the limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalCheck {
    /// The limit, in months.
    pub limit_months: u32,
    /// Each gap between consecutive meetings.
    pub gaps: Vec<Gap>,
    /// The last meeting on or before the date.
    #[serde(serialize_with = "crate::num::opt_date")]
    pub last_meeting: Option<NaiveDate>,
    /// The last meeting plus the limit.
    #[serde(serialize_with = "crate::num::opt_date")]
    pub next_due: Option<NaiveDate>,
    /// True when the date is past `next_due`.
    pub overdue: bool,
}

/// The time between two consecutive meetings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The earlier meeting.
    pub from: String,
    /// The later meeting.
    pub to: String,
    /// Days between them.
    pub days: i64,
    /// Longer than the limit.
    pub over: bool,
}

/// An action on the date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionCheck {
    /// The action's id.
    pub action: String,
    /// The meeting that agreed it.
    pub meeting: String,
    /// What is to be done.
    pub title: Text,
    /// Who is responsible.
    pub owner: Option<String>,
    /// When it is due (last day of its period).
    #[serde(serialize_with = "crate::num::opt_date")]
    pub due: Option<NaiveDate>,
    /// Open, done or dropped.
    pub status: ActionStatus,
    /// Open and past its due date.
    pub overdue: bool,
}

/// The guide, summarised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideSummary {
    /// Version label.
    pub version: String,
    /// When it was adopted.
    #[serde(serialize_with = "crate::num::opt_date")]
    pub adopted_on: Option<NaiveDate>,
    /// Members' work is voluntary.
    pub voluntary: Option<bool>,
    /// The committee may invite experts.
    pub may_invite_experts: Option<bool>,
    /// Principle ids.
    pub principles: Vec<String>,
    /// Annexed ids.
    pub annexes: Vec<String>,
}

fn active(m: &Membership, d: NaiveDate) -> bool {
    m.start.resolve_start() <= d && m.end.is_none_or(|e| d <= e.resolve_end())
}

fn holds_seat(m: &Membership) -> bool {
    matches!(
        m.role,
        MemberRole::Chair | MemberRole::CoChair | MemberRole::Member
    )
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    while n < 100_000 && add_months(from, n + 1) <= to {
        n += 1;
    }
    n
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The health of committee `committee` on `as_of` (see the module documentation for every
/// rule).
///
/// Errors: [`Error::NotFound`] naming the committees that exist.
pub fn check(
    checked: &Checked,
    committee: &str,
    as_of: NaiveDate,
) -> Result<CommitteeReport, Error> {
    let ds = checked.dataset();
    let (ci, c) = ds
        .committees
        .iter()
        .enumerate()
        .find(|(_, c)| c.id.as_str() == committee)
        .ok_or_else(|| Error::NotFound {
            kind: "committee",
            id: committee.to_owned(),
            available: ds.committees.iter().map(|c| c.id.to_string()).collect(),
        })?;
    let base = format!("/committees/{ci}");
    let mut problems = Vec::new();
    let seats = seats(c, &base, as_of, &mut problems);
    let seats_equal = c.seats.government == c.seats.civil_society;
    let filled = |s: Sector| seats.iter().find(|x| x.sector == s).map_or(0, |x| x.filled);
    let filled_equal = filled(Sector::Government) == filled(Sector::CivilSociety);
    if seats_equal && !filled_equal {
        problems.push(Problem::warning(
            Code::Parity,
            format!("{base}/memberships"),
            format!(
                "the committee has as many government as civil-society seats ({}), but on {as_of} {} government and {} civil-society seats are filled",
                c.seats.government,
                filled(Sector::Government),
                filled(Sector::CivilSociety)
            ),
        ));
    }
    let members = members(c, &base, as_of, &mut problems);
    let (meetings, interval, actions) = meetings(c, &base, as_of, &mut problems);
    let guide = c.guide.as_ref().map(|g| GuideSummary {
        version: g.version.clone(),
        adopted_on: g.adopted_on.map(|d| d.resolve_start()),
        voluntary: g.voluntary,
        may_invite_experts: g.may_invite_experts,
        principles: g.principles.iter().map(|p| p.id.to_string()).collect(),
        annexes: g.annexes.iter().map(ToString::to_string).collect(),
    });
    Ok(CommitteeReport {
        committee: c.id.to_string(),
        name: c.name.clone(),
        as_of,
        kind: c.kind,
        plan: c.plan.as_ref().map(ToString::to_string),
        seats,
        seats_equal,
        filled_equal,
        members,
        meetings,
        interval,
        actions,
        guide,
        problems: Report::new(problems).problems,
    })
}

fn seats(c: &Committee, base: &str, d: NaiveDate, problems: &mut Vec<Problem>) -> Vec<SectorSeats> {
    [
        (Sector::Government, c.seats.government),
        (Sector::CivilSociety, c.seats.civil_society),
        (Sector::Other, c.seats.other),
    ]
    .into_iter()
    .map(|(sector, seats)| {
        let filled = count(
            c.memberships
                .iter()
                .filter(|m| m.sector == sector && holds_seat(m) && active(m, d))
                .count(),
        );
        let ptr = format!("{base}/seats/{}", sector.as_str());
        if filled < seats {
            problems.push(Problem::warning(
                Code::Vacancy,
                ptr,
                format!(
                    "{} of {seats} {} seats are not filled on {d}",
                    seats - filled,
                    sector.as_str()
                ),
            ));
        } else if filled > seats {
            problems.push(Problem::warning(
                Code::SeatsExceeded,
                ptr,
                format!(
                    "{filled} {} memberships are active on {d} for {seats} seats",
                    sector.as_str()
                ),
            ));
        }
        SectorSeats {
            sector,
            seats,
            filled,
            vacancies: seats.saturating_sub(filled),
        }
    })
    .collect()
}

fn members(
    c: &Committee,
    base: &str,
    d: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Vec<MemberCheck> {
    c.memberships
        .iter()
        .enumerate()
        .map(|(j, m)| {
            let ptr = format!("{base}/memberships/{j}");
            let start = m.start.resolve_start();
            let is_active = active(m, d);
            let months_served = if start <= d { months_between(start, d) } else { 0 };
            if let (Some(term), Some(max)) = (m.term, c.max_consecutive_terms)
                && term > max
            {
                problems.push(Problem::warning(
                    Code::TermLimit,
                    format!("{ptr}/term"),
                    format!("term {term} is beyond the {max} consecutive terms the committee allows"),
                ));
            }
            if let Some(limit) = c.term_months
                && is_active
                && m.end.is_none()
                && add_months(start, limit) < d
            {
                problems.push(Problem::warning(
                    Code::TermExpired,
                    ptr.clone(),
                    format!(
                        "started {} and has no end: its {limit}-month term ended {}; record its renewal or its end",
                        m.start,
                        add_months(start, limit)
                    ),
                ));
            }
            MemberCheck {
                membership: m.id.to_string(),
                organization: m.organization.to_string(),
                sector: m.sector,
                role: m.role,
                active: is_active,
                holds_seat: holds_seat(m),
                term: m.term,
                months_served,
                has_principal: m.representatives.iter().any(|r| r.role == RepresentativeRole::Principal),
                has_deputy: m.representatives.iter().any(|r| r.role == RepresentativeRole::Deputy),
            }
        })
        .collect()
}

fn meetings(
    c: &Committee,
    base: &str,
    d: NaiveDate,
    problems: &mut Vec<Problem>,
) -> (Vec<MeetingCheck>, IntervalCheck, Vec<ActionCheck>) {
    let mut held: Vec<(usize, &crate::Meeting)> = c
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.date.resolve_start() <= d)
        .collect();
    held.sort_by_key(|(k, m)| (m.date.resolve_start(), *k));
    let limit = c.meeting_interval_months.unwrap_or(DEFAULT_INTERVAL_MONTHS);
    let mut checks = Vec::new();
    let mut actions = Vec::new();
    for (k, m) in &held {
        let mp = format!("{base}/meetings/{k}");
        let day = m.date.resolve_start();
        let eligible: Vec<&Membership> = c
            .memberships
            .iter()
            .filter(|ms| holds_seat(ms) && active(ms, day))
            .collect();
        let present_rows: Vec<(&crate::Attendance, &Membership)> = m
            .attendance
            .iter()
            .filter(|a| a.present)
            .filter_map(|a| {
                eligible
                    .iter()
                    .find(|ms| ms.id == a.membership)
                    .map(|ms| (a, *ms))
            })
            .collect();
        let present = count(present_rows.len());
        let by_sector =
            |s: Sector| count(present_rows.iter().filter(|(_, ms)| ms.sector == s).count());
        let recorded = !m.attendance.is_empty();
        let needed = c.quorum.map(|q| {
            let n = (q * f64::from(count(eligible.len()))).ceil();
            if n.is_finite() && n >= 0.0 {
                // Bounded by the number of eligible memberships, itself a u32.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let n = n as u32;
                n
            } else {
                0
            }
        });
        let quorum_met = match (recorded, needed) {
            (true, Some(n)) => Some(present >= n),
            _ => None,
        };
        if quorum_met == Some(false) {
            problems.push(Problem::warning(
                Code::QuorumNotMet,
                format!("{mp}/attendance"),
                format!(
                    "{present} of {} members present, {} needed for the quorum",
                    eligible.len(),
                    needed.unwrap_or_default()
                ),
            ));
        }
        for (a, act) in m.actions.iter().enumerate() {
            let due = act.due.map(|x| x.resolve_end());
            let overdue = act.status == ActionStatus::Open && due.is_some_and(|x| x < d);
            if overdue {
                problems.push(Problem::warning(
                    Code::ActionOverdue,
                    format!("{mp}/actions/{a}"),
                    format!(
                        "action {:?} was due {} and is still open on {d}",
                        act.id.as_str(),
                        act.due.map(|x| x.to_string()).unwrap_or_default()
                    ),
                ));
            }
            actions.push(ActionCheck {
                action: act.id.to_string(),
                meeting: m.id.to_string(),
                title: act.title.clone(),
                owner: act.owner.as_ref().map(ToString::to_string),
                due,
                status: act.status,
                overdue,
            });
        }
        checks.push(MeetingCheck {
            meeting: m.id.to_string(),
            number: m.number,
            date: day,
            attendance_recorded: recorded,
            eligible: count(eligible.len()),
            present,
            present_government: by_sector(Sector::Government),
            present_civil_society: by_sector(Sector::CivilSociety),
            by_deputy: count(
                present_rows
                    .iter()
                    .filter(|(a, _)| a.capacity == Some(RepresentativeRole::Deputy))
                    .count(),
            ),
            quorum_needed: needed,
            quorum_met,
            experts: count(
                m.guests
                    .iter()
                    .filter(|g| g.role == crate::GuestRole::Expert)
                    .count(),
            ),
            observers: count(
                m.guests
                    .iter()
                    .filter(|g| g.role == crate::GuestRole::Observer)
                    .count(),
            ),
            adopted: count(
                m.decisions
                    .iter()
                    .filter(|x| x.outcome == crate::DecisionOutcome::Adopted)
                    .count(),
            ),
            other_decisions: count(
                m.decisions
                    .iter()
                    .filter(|x| x.outcome != crate::DecisionOutcome::Adopted)
                    .count(),
            ),
            actions: count(m.actions.len()),
        });
    }
    let mut gaps = Vec::new();
    for pair in held.windows(2) {
        let [(_, a), (k, b)] = pair else { continue };
        let (from, to) = (a.date.resolve_start(), b.date.resolve_start());
        let over = to > add_months(from, limit);
        if over {
            problems.push(Problem::warning(
                Code::MeetingInterval,
                format!("{base}/meetings/{k}/date"),
                format!(
                    "no meeting is recorded between {from} and {to} ({} days); the limit is {limit} months",
                    (to - from).num_days()
                ),
            ));
        }
        gaps.push(Gap {
            from: a.id.to_string(),
            to: b.id.to_string(),
            days: (to - from).num_days(),
            over,
        });
    }
    let last = held.last().map(|(_, m)| m.date.resolve_start());
    let next_due = last.map(|l| add_months(l, limit));
    let overdue = next_due.is_some_and(|n| d > n);
    if let (true, Some((k, m))) = (overdue, held.last()) {
        problems.push(Problem::warning(
            Code::MeetingInterval,
            format!("{base}/meetings/{k}/date"),
            format!(
                "the last meeting recorded is {} ({}); the next was due by {}",
                m.id.as_str(),
                m.date,
                next_due.map(|n| n.to_string()).unwrap_or_default()
            ),
        ));
    }
    (
        checks,
        IntervalCheck {
            limit_months: limit,
            gaps,
            last_meeting: last,
            next_due,
            overdue,
        },
        actions,
    )
}
