//! The computation behind [`propose`], [`history`] and [`pending_event`]: the rules are in
//! the [module documentation](crate::rotation).

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};

use super::result::{
    BalanceCheck, Comparison, Exclusion, ExclusionRule, Fairness, MemberHistory, MemberStatus,
    PastEvent, PoolMember, RotationHistory, RotationResult,
};
use crate::error::{Code, Problem};
use crate::{
    Balance, Checked, Committee, Dataset, Error, Event, Membership, Organization, Pool,
    RotationPolicy, RotationRule, lottery,
};

/// True when an event is decided: it has at least one delegate, or a `decided_at` meeting.
/// Only decided events make history (module documentation, §1).
///
/// ```
/// # let ds = ogp_core::Dataset::from_json(r#"{"schema_version": "1", "events": [
/// #   {"id": "e1", "title": "Summit", "date": "2025-10", "funded": true, "seats": 1}]}"#)?;
/// assert!(!ogp_core::rotation::is_decided(&ds.events[0]));
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn is_decided(event: &Event) -> bool {
    !event.delegates.is_empty() || event.decided_at.is_some()
}

/// The features a balance requirement can read from a member organization.
pub const BALANCE_FEATURES: &[&str] = &["focus", "region", "sector", "kind"];

/// Who should go to `event`, by the rules of its rotation policy (module documentation,
/// §1–§7): the pool in order with each member's history and status, the proposal, and — when
/// the event is decided — how the decision compares.
///
/// Errors: [`Error::NotFound`] for an unknown event (naming the events that exist) or an
/// unknown policy or committee; [`Error::Argument`] when the event names no policy.
///
/// ```
/// use ogp_core::Dataset;
/// use ogp_core::rotation::propose;
///
/// let ds = Dataset::from_json(r#"{
///   "schema_version": "1",
///   "organizations": [
///     {"id": "a", "name": "A", "sector": "civil_society", "focus": ["disability"]},
///     {"id": "b", "name": "B", "sector": "civil_society"}
///   ],
///   "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
///     "seats": {"government": 0, "civil_society": 2},
///     "memberships": [
///       {"id": "ms-a", "organization": "a", "sector": "civil_society", "role": "member", "start": "2024"},
///       {"id": "ms-b", "organization": "b", "sector": "civil_society", "role": "member", "start": "2024"}]}],
///   "rotation_policies": [{"id": "rot", "committee": "sc", "pool": "civil_society",
///     "rule": "least_recent", "cooldown": 1, "seed": 7}],
///   "events": [
///     {"id": "ev-1", "title": "Regional meeting", "date": "2024-11-05", "funded": true,
///      "seats": 1, "policy": "rot", "delegates": ["ms-a"]},
///     {"id": "ev-2", "title": "Global summit", "date": "2025-10-07", "funded": true,
///      "seats": 1, "policy": "rot"}]
/// }"#)?;
/// let r = propose(&ds.check()?, "ev-2")?;
/// assert_eq!(r.proposed, ["ms-b"]);          // never served
/// assert_eq!(r.pool[1].membership, "ms-a");  // served at ev-1: cooldown 1
/// assert_eq!(r.pool[1].excluded[0].rule.as_str(), "cooldown");
/// assert_eq!(r.decided, None);
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn propose(checked: &Checked, event: &str) -> Result<RotationResult, Error> {
    let ds = checked.dataset();
    let (ei, ev) = ds
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.id.as_str() == event)
        .ok_or_else(|| Error::NotFound {
            kind: "event",
            id: event.to_owned(),
            available: ds.events.iter().map(|e| e.id.to_string()).collect(),
        })?;
    let Some(pid) = &ev.policy else {
        let with: Vec<&str> = ds
            .events
            .iter()
            .filter(|e| e.policy.is_some())
            .map(|e| e.id.as_str())
            .collect();
        return Err(Error::Argument(format!(
            "event {event:?} names no rotation policy, so there is nothing to propose{}",
            if with.is_empty() {
                String::new()
            } else {
                format!("; the events that name one: {}", with.join(", "))
            }
        )));
    };
    let ctx = Ctx::new(ds, pid.as_str())?;
    Ok(ctx.propose(ei, ev))
}

/// Every event of a rotation policy and, per membership, the events served and declined, with
/// a fairness summary of times served among the current pool (module documentation, §8).
///
/// Errors: [`Error::NotFound`] for an unknown policy (naming those that exist).
///
/// ```
/// # use ogp_core::Dataset;
/// # let ds = Dataset::from_json(r#"{
/// #   "schema_version": "1",
/// #   "organizations": [{"id": "a", "name": "A", "sector": "civil_society"},
/// #                     {"id": "b", "name": "B", "sector": "civil_society"}],
/// #   "committees": [{"id": "sc", "name": "Steering", "kind": "steering",
/// #     "seats": {"government": 0, "civil_society": 2},
/// #     "memberships": [
/// #       {"id": "ms-a", "organization": "a", "sector": "civil_society", "role": "member", "start": "2024"},
/// #       {"id": "ms-b", "organization": "b", "sector": "civil_society", "role": "member", "start": "2024"}]}],
/// #   "rotation_policies": [{"id": "rot", "committee": "sc", "pool": "civil_society",
/// #     "rule": "least_recent"}],
/// #   "events": [{"id": "ev-1", "title": "Meeting", "date": "2024-11-05", "funded": true,
/// #     "seats": 1, "policy": "rot", "delegates": ["ms-a"], "declined": ["ms-b"]}]
/// # }"#)?;
/// let h = ogp_core::rotation::history(&ds.check()?, "rot")?;
/// assert_eq!(h.members[0].served, ["ev-1"]);     // ms-a
/// assert_eq!(h.members[1].declined, ["ev-1"]);   // ms-b
/// assert_eq!((h.fairness.min_served, h.fairness.max_served), (Some(0), Some(1)));
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn history(checked: &Checked, policy: &str) -> Result<RotationHistory, Error> {
    Ok(Ctx::new(checked.dataset(), policy)?.history())
}

/// The one undecided event that names a rotation policy (`policy`, when given): what
/// `ogp rotation` proposes for when no event is named.
///
/// Errors: [`Error::NotFound`] for an unknown policy, or when there is no such event or more
/// than one (the message names them).
///
/// ```
/// # let ds = ogp_core::Dataset::default();
/// let err = ogp_core::rotation::pending_event(&ds, None).unwrap_err();
/// assert!(err.to_string().contains("no undecided event"));
/// ```
pub fn pending_event<'a>(ds: &'a Dataset, policy: Option<&str>) -> Result<&'a Event, Error> {
    if let Some(p) = policy {
        find_policy(ds, p)?;
    }
    let pending: Vec<&Event> = ds
        .events
        .iter()
        .filter(|e| {
            e.policy
                .as_ref()
                .is_some_and(|p| policy.is_none_or(|want| p.as_str() == want))
                && !is_decided(e)
        })
        .collect();
    match pending.as_slice() {
        [one] => Ok(one),
        _ => Err(Error::NotFound {
            kind: "undecided event",
            id: String::new(),
            available: pending.iter().map(|e| e.id.to_string()).collect(),
        }),
    }
}

/// The rotation policy named `id`, or, when `id` is `None`, the dataset's only one.
///
/// Errors: [`Error::NotFound`] naming the policies that exist, when `id` is unknown, or when
/// `None` is given and the dataset has no policy or several.
///
/// ```
/// # let ds = ogp_core::Dataset::default();
/// let err = ogp_core::rotation::policy_or_only(&ds, None).unwrap_err();
/// assert!(err.to_string().contains("no rotation policy"));
/// ```
pub fn policy_or_only<'a>(ds: &'a Dataset, id: Option<&str>) -> Result<&'a RotationPolicy, Error> {
    crate::dataset::named_or_only(&ds.rotation_policies, id, "rotation policy", |p| &p.id)
}

fn find_policy<'a>(ds: &'a Dataset, id: &str) -> Result<(usize, &'a RotationPolicy), Error> {
    ds.rotation_policies
        .iter()
        .enumerate()
        .find(|(_, p)| p.id.as_str() == id)
        .ok_or_else(|| Error::NotFound {
            kind: "rotation policy",
            id: id.to_owned(),
            available: ds
                .rotation_policies
                .iter()
                .map(|p| p.id.to_string())
                .collect(),
        })
}

/// An event of the policy, with its place in the dataset and its day.
struct Seq<'a> {
    index: usize,
    event: &'a Event,
    day: NaiveDate,
}

/// A member of the pool order.
struct Slot<'a> {
    m: &'a Membership,
    in_committee: bool,
}

/// A policy, resolved once: its committee, pool order and events in order.
struct Ctx<'a> {
    ds: &'a Dataset,
    policy: &'a RotationPolicy,
    pointer: String,
    committee: &'a Committee,
    order: Vec<Slot<'a>>,
    events: Vec<Seq<'a>>,
}

fn active(m: &Membership, day: NaiveDate) -> bool {
    m.start.resolve_start() <= day && m.end.is_none_or(|e| day <= e.resolve_end())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn list_or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}

impl<'a> Ctx<'a> {
    fn new(ds: &'a Dataset, policy_id: &str) -> Result<Ctx<'a>, Error> {
        let (pi, policy) = find_policy(ds, policy_id)?;
        let committee = ds
            .committee(policy.committee.as_str())
            .ok_or_else(|| Error::NotFound {
                kind: "committee",
                id: policy.committee.to_string(),
                available: ds.committees.iter().map(|c| c.id.to_string()).collect(),
            })?;
        let order = pool_order(ds, policy, committee);
        let mut events: Vec<Seq<'a>> = ds
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.policy.as_ref() == Some(&policy.id))
            .map(|(index, event)| Seq {
                index,
                event,
                day: event.date.resolve_start(),
            })
            .collect();
        events.sort_by_key(|s| (s.day, s.index));
        Ok(Ctx {
            ds,
            policy,
            pointer: format!("/rotation_policies/{pi}"),
            committee,
            order,
            events,
        })
    }

    fn organization(&self, m: &Membership) -> Option<&'a Organization> {
        self.ds.organization(m.organization.as_str())
    }

    fn pool_pos(&self, id: &str) -> Option<usize> {
        self.order.iter().position(|s| s.m.id.as_str() == id)
    }

    fn qualifies(&self, m: &Membership, b: &Balance) -> bool {
        let Some(org) = self.organization(m) else {
            return false;
        };
        match b.feature.as_str() {
            "focus" => org.focus.contains(&b.value),
            "region" => org.region.as_deref() == Some(b.value.as_str()),
            "sector" => org.sector.as_str() == b.value,
            "kind" => org.kind.is_some_and(|k| word(&k) == b.value),
            _ => false,
        }
    }

    fn propose(&self, ei: usize, ev: &'a Event) -> RotationResult {
        let policy = self.policy;
        let day = ev.date.resolve_start();
        let ep = format!("/events/{ei}");
        let pos = self
            .events
            .iter()
            .position(|s| s.index == ei)
            .unwrap_or(self.events.len());
        let earlier = self.events.get(..pos).unwrap_or_default();
        let decided: Vec<&Seq<'a>> = earlier.iter().filter(|s| is_decided(s.event)).collect();
        let mut lines: Vec<String> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();

        // §5 round robin: where the circle starts.
        let rr = decided.iter().rev().find_map(|s| {
            s.event
                .delegates
                .iter()
                .rev()
                .find_map(|d| self.pool_pos(d.as_str()).map(|p| (p, d.as_str(), s)))
        });
        let n = self.order.len().max(1);
        let rr_start = rr.map_or(0, |(p, _, _)| (p + 1) % n);

        // §2–§4: every pool member with its history and exclusions.
        let cooldown_events: Vec<&Seq<'a>> = decided
            .iter()
            .rev()
            .take(usize::try_from(policy.cooldown).unwrap_or(usize::MAX))
            .copied()
            .collect();
        let window_start = policy.max_per_window.as_ref().map(|w| {
            day.checked_sub_months(Months::new(w.months))
                .unwrap_or(NaiveDate::MIN)
        });
        let mut cands: Vec<Cand<'_>> = Vec::new();
        for (pp, slot) in self.order.iter().enumerate() {
            let m = slot.m;
            let id = m.id.as_str();
            let served: Vec<&Seq<'a>> = decided
                .iter()
                .filter(|s| s.event.delegates.iter().any(|d| d.as_str() == id))
                .copied()
                .collect();
            let last = served.last().copied();
            let is_active = active(m, day);
            let mut excluded = Vec::new();
            if !is_active {
                excluded.push(Exclusion {
                    rule: ExclusionRule::Inactive,
                    detail: format!(
                        "the membership runs {} – {}, not on {day}",
                        m.start.resolve_start(),
                        m.end
                            .map_or_else(|| "open".to_owned(), |e| e.resolve_end().to_string())
                    ),
                });
            }
            if !slot.in_committee {
                excluded.push(Exclusion {
                    rule: ExclusionRule::NotInCommittee,
                    detail: format!("not a membership of committee {}", self.committee.id),
                });
            }
            if ev.declined.iter().any(|d| d.as_str() == id) {
                excluded.push(Exclusion {
                    rule: ExclusionRule::Declined,
                    detail: format!("declined {}", ev.id),
                });
            }
            if let Some(s) = cooldown_events
                .iter()
                .find(|s| s.event.delegates.iter().any(|d| d.as_str() == id))
            {
                excluded.push(Exclusion {
                    rule: ExclusionRule::Cooldown,
                    detail: format!(
                        "served at {} ({}), {} of the policy (cooldown {})",
                        s.event.id,
                        s.event.date,
                        if cooldown_events.len() == 1 {
                            "the last decided event".to_owned()
                        } else {
                            format!("one of the last {} decided events", cooldown_events.len())
                        },
                        policy.cooldown
                    ),
                });
            }
            if let (Some(w), Some(start)) = (&policy.max_per_window, window_start) {
                let within: Vec<String> = served
                    .iter()
                    .filter(|s| s.day >= start)
                    .map(|s| s.event.id.to_string())
                    .collect();
                if within.len() >= usize::try_from(w.count).unwrap_or(usize::MAX) {
                    excluded.push(Exclusion {
                        rule: ExclusionRule::MaxPerWindow,
                        detail: format!(
                            "served {} since {start} ({}); the cap is {} in {} months",
                            plural(within.len(), "event"),
                            list_or_none(&within),
                            w.count,
                            w.months
                        ),
                    });
                }
            }
            let times = u32::try_from(served.len()).unwrap_or(u32::MAX);
            let last_day = last.map(|s| s.day);
            let key = match policy.rule {
                RotationRule::LeastRecent => (0, last_day, 0),
                RotationRule::LeastOften => (times, last_day, 0),
                RotationRule::RoundRobin => (0, None, (pp + n - rr_start) % n),
            };
            let qualifies: Vec<usize> = policy
                .balance
                .iter()
                .enumerate()
                .filter(|(_, b)| self.qualifies(m, b))
                .map(|(j, _)| j)
                .collect();
            cands.push(Cand {
                m,
                pool_pos: pp,
                active: is_active,
                served,
                excluded,
                key,
                qualifies,
                place: None,
                group: 0,
                lottery_key: None,
                tied_with: Vec::new(),
                picked: false,
                reserved_for: None,
                tied_open: None,
            });
        }

        // §5: order the eligible; ties by lottery when there is a seed.
        let mut eligible: Vec<usize> = (0..cands.len())
            .filter(|&i| cands.get(i).is_some_and(|c| c.excluded.is_empty()))
            .collect();
        eligible.sort_by_key(|&i| cands.get(i).map(|c| (c.key, c.pool_pos)));
        let mut flat: Vec<usize> = Vec::with_capacity(eligible.len());
        let mut drawn_groups: Vec<Vec<String>> = Vec::new();
        let chunks: Vec<Vec<usize>> = eligible
            .chunk_by(|&a, &b| cands.get(a).map(|c| c.key) == cands.get(b).map(|c| c.key))
            .map(<[usize]>::to_vec)
            .collect();
        for (g, chunk) in chunks.iter().enumerate() {
            let first_place = u32::try_from(flat.len() + 1).unwrap_or(u32::MAX);
            let ids: Vec<&str> = chunk
                .iter()
                .filter_map(|&i| cands.get(i).map(|c| c.m.id.as_str()))
                .collect();
            let ordered: Vec<usize> = match (policy.seed, chunk.len() > 1) {
                (Some(seed), true) => {
                    drawn_groups.push(ids.iter().map(|s| (*s).to_owned()).collect());
                    lottery::order(seed, ev.id.as_str(), &ids)
                        .into_iter()
                        .filter_map(|id| {
                            chunk
                                .iter()
                                .copied()
                                .find(|&i| cands.get(i).is_some_and(|c| c.m.id.as_str() == id))
                        })
                        .collect()
                }
                _ => chunk.to_vec(),
            };
            for &i in &ordered {
                let place = if policy.seed.is_some() {
                    u32::try_from(flat.len() + 1).unwrap_or(u32::MAX)
                } else {
                    first_place
                };
                if let Some(c) = cands.get_mut(i) {
                    c.place = Some(place);
                    c.group = g;
                    if chunk.len() > 1 {
                        let me = c.m.id.as_str();
                        c.tied_with = ids
                            .iter()
                            .filter(|x| **x != me)
                            .map(|x| (*x).to_owned())
                            .collect();
                        if let Some(seed) = policy.seed {
                            c.lottery_key =
                                Some(format!("{:016x}", lottery::key(seed, ev.id.as_str(), me)));
                        }
                    }
                }
                flat.push(i);
            }
        }

        // §6: seats and balance.
        let seats = usize::try_from(ev.seats).unwrap_or(usize::MAX);
        let mut open = seats;
        let mut picked: Vec<usize> = Vec::new();
        let seeded = policy.seed.is_some();
        let mut balance_tied: BTreeSet<usize> = BTreeSet::new();
        let mut balance_lines: Vec<String> = Vec::new();
        let mut reserved: Vec<Vec<String>> = vec![Vec::new(); policy.balance.len()];
        for (j, b) in policy.balance.iter().enumerate() {
            let label = format!("{}={}", b.feature, b.value);
            let qual = |i: &usize| cands.get(*i).is_some_and(|c| c.qualifies.contains(&j));
            let have = picked.iter().filter(|i| qual(i)).count();
            let need = usize::try_from(b.min)
                .unwrap_or(usize::MAX)
                .saturating_sub(have);
            if need == 0 {
                balance_lines.push(format!(
                    "balance {label} at least {}: nothing to reserve",
                    b.min
                ));
                continue;
            }
            let list: Vec<usize> = flat
                .iter()
                .copied()
                .filter(|i| qual(i) && !picked.contains(i))
                .collect();
            let k = need.min(open);
            let t = take(&list, k, &cands, seeded);
            for &i in &t.taken {
                if let Some(c) = cands.get_mut(i) {
                    c.picked = true;
                    c.reserved_for = Some(label.clone());
                    if let Some(r) = reserved.get_mut(j) {
                        r.push(c.m.id.to_string());
                    }
                }
            }
            picked.extend(&t.taken);
            open -= t.taken.len();
            let names = ids_of(&cands, &t.taken);
            balance_lines.push(format!(
                "balance {label} at least {}: {} qualifying eligible, {need} to reserve: {}",
                b.min,
                list.len(),
                list_or_none(&names)
            ));
            if let Some(drawn) = &t.drawn {
                balance_lines.push(format!(
                    "  the lottery decided between {} for this reservation",
                    ids_of(&cands, drawn).join(", ")
                ));
            }
            if let Some((tied, left)) = t.contested {
                balance_tied.insert(j);
                self.no_seed(
                    &mut cands,
                    &mut problems,
                    &tied,
                    left,
                    &format!(" reserved for balance {label}"),
                );
            }
        }
        let list: Vec<usize> = flat
            .iter()
            .copied()
            .filter(|i| !picked.contains(i))
            .collect();
        let t = take(&list, open, &cands, seeded);
        for &i in &t.taken {
            if let Some(c) = cands.get_mut(i) {
                c.picked = true;
            }
        }
        picked.extend(&t.taken);
        let fill_drawn = t.drawn.clone();
        let contested = t.contested.is_some();
        if let Some((tied, left)) = t.contested {
            self.no_seed(&mut cands, &mut problems, &tied, left, "");
        }
        let active_count = cands.iter().filter(|c| c.active).count();
        if active_count == 0 {
            problems.push(Problem::warning(
                Code::PoolEmpty,
                format!("{}/pool", self.pointer),
                format!(
                    "no member of the pool of {} is active on {day} (event {})",
                    policy.id, ev.id
                ),
            ));
        } else if !contested && picked.len() < seats {
            problems.push(Problem::warning(
                Code::SeatsUnfilled,
                format!("{ep}/seats"),
                format!(
                    "{} for {}: only {} of the {} active pool members are eligible",
                    plural(picked.len(), "delegate"),
                    plural(seats, "seat"),
                    flat.len(),
                    active_count
                ),
            ));
        }
        picked.sort_by_key(|&i| flat.iter().position(|&x| x == i));
        let proposed = ids_of(&cands, &picked);

        // Balance against the final proposal.
        let mut balance = Vec::new();
        for (j, b) in policy.balance.iter().enumerate() {
            let eligible = flat
                .iter()
                .filter(|&&i| cands.get(i).is_some_and(|c| c.qualifies.contains(&j)))
                .count();
            let got = picked
                .iter()
                .filter(|&&i| cands.get(i).is_some_and(|c| c.qualifies.contains(&j)))
                .count();
            let met = got >= usize::try_from(b.min).unwrap_or(usize::MAX);
            if !met && !balance_tied.contains(&j) {
                let why = if !BALANCE_FEATURES.contains(&b.feature.as_str()) {
                    format!(
                        "the feature {:?} is not one the engine reads ({})",
                        b.feature,
                        BALANCE_FEATURES.join(", ")
                    )
                } else if eligible < usize::try_from(b.min).unwrap_or(usize::MAX) {
                    if eligible == 1 {
                        "only 1 eligible member qualifies".to_owned()
                    } else {
                        format!("only {eligible} eligible members qualify")
                    }
                } else {
                    format!("only {} for the policy's balance", plural(seats, "seat"))
                };
                problems.push(Problem::warning(
                    Code::BalanceUnmet,
                    format!("{}/balance/{j}", self.pointer),
                    format!(
                        "event {}: at least {} {}={} wanted, {} proposed: {why}",
                        ev.id, b.min, b.feature, b.value, got
                    ),
                ));
            }
            balance.push(BalanceCheck {
                feature: b.feature.clone(),
                value: b.value.clone(),
                min: b.min,
                eligible: u32::try_from(eligible).unwrap_or(u32::MAX),
                proposed: u32::try_from(got).unwrap_or(u32::MAX),
                reserved: reserved.get(j).cloned().unwrap_or_default(),
                met,
            });
        }

        // §7: the decision.
        let decided_ids: Option<Vec<String>> =
            is_decided(ev).then(|| ev.delegates.iter().map(|d| d.to_string()).collect());
        let comparison = decided_ids.as_ref().map(|went| {
            let mut seen = BTreeSet::new();
            Comparison {
                went_not_proposed: went
                    .iter()
                    .filter(|d| !proposed.contains(d) && seen.insert((*d).clone()))
                    .cloned()
                    .collect(),
                proposed_not_went: proposed
                    .iter()
                    .filter(|p| !went.contains(p))
                    .cloned()
                    .collect(),
            }
        });
        let matches_decision = comparison
            .as_ref()
            .map(|c| c.went_not_proposed.is_empty() && c.proposed_not_went.is_empty());

        // The derivation, line by line.
        lines.push(self.rule_line(rr.map(|(p, d, s)| (p, d, s.event.id.as_str()))));
        lines.push(match policy.seed {
            Some(seed) => format!(
                "ties: drawn by lottery with seed {seed}, the draw named after the event ({:?})",
                ev.id.as_str()
            ),
            None => "ties: no seed, so a tie for the last seat leaves it open (never an implicit random choice)".into(),
        });
        for group in &drawn_groups {
            lines.push(format!(
                "  lottery order of the tie {}: {}",
                group.join(", "),
                lottery::order(
                    policy.seed.unwrap_or_default(),
                    ev.id.as_str(),
                    &group.iter().map(String::as_str).collect::<Vec<_>>()
                )
                .join(", ")
            ));
        }
        let counted: Vec<String> = decided
            .iter()
            .map(|s| format!("{} ({})", s.event.id, s.event.date))
            .collect();
        let undecided: Vec<String> = earlier
            .iter()
            .filter(|s| !is_decided(s.event))
            .map(|s| s.event.id.to_string())
            .collect();
        lines.push(format!(
            "history: {} of {} counted: {}{}",
            plural(decided.len(), "earlier decided event"),
            policy.id,
            list_or_none(&counted),
            if undecided.is_empty() {
                String::new()
            } else {
                format!("; not counted (undecided): {}", undecided.join(", "))
            }
        ));
        let active_ids: Vec<String> = cands
            .iter()
            .filter(|c| c.active)
            .map(|c| c.m.id.to_string())
            .collect();
        lines.push(format!(
            "pool on {day}: {}; {} active: {}",
            match &policy.pool {
                Pool::Sector(s) =>
                    format!("the {} memberships of {}", s.as_str(), self.committee.id),
                Pool::Memberships(ids) => format!(
                    "the listed memberships ({})",
                    ids.iter()
                        .map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
            active_ids.len(),
            list_or_none(&active_ids)
        ));
        let ex: Vec<String> = cands
            .iter()
            .filter(|c| !c.excluded.is_empty())
            .map(|c| {
                format!(
                    "{} ({})",
                    c.m.id,
                    c.excluded
                        .iter()
                        .map(|e| e.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        lines.push(format!("excluded: {}", list_or_none(&ex)));
        let order_line: Vec<String> = flat
            .iter()
            .filter_map(|&i| cands.get(i))
            .map(|c| format!("{}. {}", c.place.unwrap_or_default(), c.m.id))
            .collect();
        lines.push(format!("eligible in order: {}", list_or_none(&order_line)));
        lines.extend(balance_lines);
        lines.push(format!(
            "seats {}: proposed {}",
            ev.seats,
            list_or_none(&proposed)
        ));
        if let Some(drawn) = &fill_drawn {
            lines.push(format!(
                "  the lottery decided the last seat between {}",
                ids_of(&cands, drawn).join(", ")
            ));
        }
        if let (Some(went), Some(c)) = (&decided_ids, &comparison) {
            lines.push(if c.went_not_proposed.is_empty() && c.proposed_not_went.is_empty() {
                format!("decided: {} — the decision follows the rotation", list_or_none(went))
            } else {
                format!(
                    "decided: {} — differs from the proposal: went without being proposed {}; proposed but did not go {}",
                    list_or_none(went),
                    list_or_none(&c.went_not_proposed),
                    list_or_none(&c.proposed_not_went)
                )
            });
        }

        // The pool, eligible by place then excluded in pool order.
        let mut pool: Vec<PoolMember> = Vec::with_capacity(cands.len());
        let excluded_idx: Vec<usize> = (0..cands.len())
            .filter(|&i| cands.get(i).is_some_and(|c| !c.excluded.is_empty()))
            .collect();
        for &i in flat.iter().chain(&excluded_idx) {
            if let Some(c) = cands.get(i) {
                pool.push(self.member(c, seats));
            }
        }
        problems.sort_by(crate::error::cmp_problems);

        RotationResult {
            event: ev.id.to_string(),
            title: ev.title.clone(),
            date: ev.date,
            funded: ev.funded,
            seats: ev.seats,
            policy: policy.id.to_string(),
            committee: self.committee.id.to_string(),
            rule: policy.rule,
            cooldown: policy.cooldown,
            max_per_window: policy.max_per_window.clone(),
            seed: policy.seed,
            earlier: earlier.iter().map(past).collect(),
            pool,
            proposed,
            balance,
            decided: decided_ids,
            matches_decision,
            comparison,
            problems,
            derivation: lines.join("\n"),
        }
    }

    /// Marks a tie left open without a seed and reports it.
    fn no_seed(
        &self,
        cands: &mut [Cand<'_>],
        problems: &mut Vec<Problem>,
        tied: &[usize],
        left: usize,
        what: &str,
    ) {
        let mut ids = ids_of(cands, tied);
        ids.sort();
        let place = tied
            .first()
            .and_then(|&i| cands.get(i))
            .and_then(|c| c.place)
            .unwrap_or_default();
        for &i in tied {
            if let Some(c) = cands.get_mut(i) {
                c.tied_open = Some(left);
            }
        }
        problems.push(Problem::warning(
            Code::NoSeed,
            self.pointer.clone(),
            format!(
                "{} tied at place {place} for {}{what}, and policy {} has no seed to draw between them: {} left open",
                ids.join(", "),
                plural(left, "seat"),
                self.policy.id,
                if left == 1 { "it is" } else { "they are" }
            ),
        ));
    }

    fn rule_line(&self, rr: Option<(usize, &str, &str)>) -> String {
        match self.policy.rule {
            RotationRule::LeastRecent => "rule least_recent: eligible members who never served first, then by the date of the last event served, oldest first".into(),
            RotationRule::LeastOften => "rule least_often: fewest events served first, then never served first, then by the date of the last event served, oldest first".into(),
            RotationRule::RoundRobin => match rr {
                Some((_, d, e)) => format!(
                    "rule round_robin: the pool in membership order as a circle, starting after {d}, the last delegate of {e}"
                ),
                None => "rule round_robin: the pool in membership order, from the first (no earlier delegate)".into(),
            },
        }
    }

    fn standing(&self, c: &Cand<'_>) -> String {
        let last = c
            .served
            .last()
            .map(|s| format!("last at {} ({})", s.event.id, s.event.date));
        match (self.policy.rule, last) {
            (RotationRule::RoundRobin, _) => format!("turn {} of the circle", c.key.2 + 1),
            (_, None) => "never served".into(),
            (_, Some(l)) => format!("served {}, {l}", plural(c.served.len(), "time")),
        }
    }

    fn member(&self, c: &Cand<'_>, seats: usize) -> PoolMember {
        let standing = self.standing(c);
        let tie = if c.tied_with.is_empty() {
            String::new()
        } else if self.policy.seed.is_some() {
            format!(
                "; tied with {}, order drawn by lottery",
                c.tied_with.join(", ")
            )
        } else {
            String::new()
        };
        let place = c.place.unwrap_or_default();
        let (status, reason) = if !c.excluded.is_empty() {
            (
                MemberStatus::Excluded,
                format!(
                    "excluded: {}",
                    c.excluded
                        .iter()
                        .map(|e| format!("{} — {}", e.rule.as_str(), e.detail))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
        } else if c.picked {
            (
                MemberStatus::Proposed,
                format!(
                    "proposed: place {place}, {standing}{}{tie}",
                    c.reserved_for
                        .as_ref()
                        .map(|b| format!("; picked for balance {b}"))
                        .unwrap_or_default()
                ),
            )
        } else if let Some(left) = c.tied_open {
            (
                MemberStatus::Tied,
                format!(
                    "tied: place {place}, {standing}, with {} for {} left open (no seed)",
                    c.tied_with.join(", "),
                    plural(left, "seat")
                ),
            )
        } else {
            (
                MemberStatus::Eligible,
                format!(
                    "not proposed: place {place}, {standing}{tie}; {} went to better-placed members",
                    if seats == 1 {
                        "the seat".to_owned()
                    } else {
                        format!("the {seats} seats")
                    }
                ),
            )
        };
        PoolMember {
            membership: c.m.id.to_string(),
            organization: c.m.organization.to_string(),
            active: c.active,
            times_served: u32::try_from(c.served.len()).unwrap_or(u32::MAX),
            served: c.served.iter().map(|s| s.event.id.to_string()).collect(),
            last_served: c.served.last().map(|s| s.event.date),
            last_event: c.served.last().map(|s| s.event.id.to_string()),
            status,
            excluded: c.excluded.clone(),
            place: c.place,
            proposed: c.picked,
            reserved_for: c.reserved_for.clone(),
            qualifies: c
                .qualifies
                .iter()
                .filter_map(|&j| self.policy.balance.get(j))
                .map(|b| format!("{}={}", b.feature, b.value))
                .collect(),
            lottery_key: c.lottery_key.clone(),
            reason,
        }
    }

    fn history(&self) -> RotationHistory {
        let events: Vec<PastEvent> = self.events.iter().map(past).collect();
        let in_pool_on = |slot: &Slot<'_>, day: NaiveDate| slot.in_committee && active(slot.m, day);
        let mentioned = |id: &str| {
            self.events.iter().any(|s| {
                s.event.delegates.iter().any(|d| d.as_str() == id)
                    || s.event.declined.iter().any(|d| d.as_str() == id)
            })
        };
        let latest = self.events.last();
        let mut members: Vec<MemberHistory> = Vec::new();
        for slot in &self.order {
            let id = slot.m.id.as_str();
            if !mentioned(id) && !self.events.iter().any(|s| in_pool_on(slot, s.day)) {
                continue;
            }
            let pool_events = self
                .events
                .iter()
                .filter(|s| is_decided(s.event) && in_pool_on(slot, s.day))
                .count();
            members.push(self.member_history(
                slot.m,
                latest.is_some_and(|s| in_pool_on(slot, s.day)),
                pool_events,
            ));
        }
        // Delegates and decliners outside the pool order, in order of first appearance.
        let mut seen: BTreeSet<String> = members.iter().map(|m| m.membership.clone()).collect();
        for s in &self.events {
            for d in s.event.delegates.iter().chain(&s.event.declined) {
                if !seen.insert(d.to_string()) {
                    continue;
                }
                if let Some(m) = self
                    .ds
                    .committees
                    .iter()
                    .flat_map(|c| &c.memberships)
                    .find(|m| m.id == *d)
                {
                    members.push(self.member_history(m, false, 0));
                }
            }
        }
        let pool: Vec<&MemberHistory> = members.iter().filter(|m| m.in_pool).collect();
        let min_served = pool.iter().map(|m| m.times_served).min();
        let max_served = pool.iter().map(|m| m.times_served).max();
        let fairness = Fairness {
            event: latest.map(|s| s.event.id.to_string()),
            date: latest.map(|s| s.event.date),
            pool: pool.iter().map(|m| m.membership.clone()).collect(),
            min_served,
            max_served,
            spread: min_served.zip(max_served).map(|(a, b)| b - a),
            never_served: pool
                .iter()
                .filter(|m| m.times_served == 0)
                .map(|m| m.membership.clone())
                .collect(),
        };
        RotationHistory {
            policy: self.policy.id.to_string(),
            committee: self.committee.id.to_string(),
            rule: self.policy.rule,
            seed: self.policy.seed,
            events,
            members,
            fairness,
        }
    }

    fn member_history(&self, m: &Membership, in_pool: bool, pool_events: usize) -> MemberHistory {
        let id = m.id.as_str();
        let served: Vec<&Seq<'a>> = self
            .events
            .iter()
            .filter(|s| is_decided(s.event) && s.event.delegates.iter().any(|d| d.as_str() == id))
            .collect();
        MemberHistory {
            membership: id.to_owned(),
            organization: m.organization.to_string(),
            in_pool,
            pool_events: u32::try_from(pool_events).unwrap_or(u32::MAX),
            times_served: u32::try_from(served.len()).unwrap_or(u32::MAX),
            served: served.iter().map(|s| s.event.id.to_string()).collect(),
            last_served: served.last().map(|s| s.event.date),
            last_event: served.last().map(|s| s.event.id.to_string()),
            declined: self
                .events
                .iter()
                .filter(|s| s.event.declined.iter().any(|d| d.as_str() == id))
                .map(|s| s.event.id.to_string())
                .collect(),
        }
    }
}

/// The pool order (module documentation, §2).
fn pool_order<'a>(
    ds: &'a Dataset,
    policy: &RotationPolicy,
    committee: &'a Committee,
) -> Vec<Slot<'a>> {
    match &policy.pool {
        Pool::Sector(s) => committee
            .memberships
            .iter()
            .filter(|m| m.sector == *s)
            .map(|m| Slot {
                m,
                in_committee: true,
            })
            .collect(),
        Pool::Memberships(ids) => {
            let mut out: Vec<Slot<'a>> = committee
                .memberships
                .iter()
                .filter(|m| ids.contains(&m.id))
                .map(|m| Slot {
                    m,
                    in_committee: true,
                })
                .collect();
            let mut seen: BTreeSet<&str> = out.iter().map(|s| s.m.id.as_str()).collect();
            for id in ids {
                if !seen.insert(id.as_str()) {
                    continue;
                }
                if let Some(m) = ds
                    .committees
                    .iter()
                    .flat_map(|c| &c.memberships)
                    .find(|m| m.id == *id)
                {
                    out.push(Slot {
                        m,
                        in_committee: false,
                    });
                }
            }
            out
        }
    }
}

fn past(s: &Seq<'_>) -> PastEvent {
    PastEvent {
        event: s.event.id.to_string(),
        date: s.event.date,
        seats: s.event.seats,
        decided: is_decided(s.event),
        delegates: s.event.delegates.iter().map(|d| d.to_string()).collect(),
        declined: s.event.declined.iter().map(|d| d.to_string()).collect(),
    }
}

/// A pool member while a proposal is computed.
struct Cand<'a> {
    m: &'a Membership,
    pool_pos: usize,
    active: bool,
    served: Vec<&'a Seq<'a>>,
    excluded: Vec<Exclusion>,
    /// (times served — least_often, last day served — least_recent and least_often,
    /// turn — round_robin); the unused parts are constant.
    key: (u32, Option<NaiveDate>, usize),
    qualifies: Vec<usize>,
    place: Option<u32>,
    group: usize,
    lottery_key: Option<String>,
    tied_with: Vec<String>,
    picked: bool,
    reserved_for: Option<String>,
    tied_open: Option<usize>,
}

fn ids_of(cands: &[Cand<'_>], idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| cands.get(i))
        .map(|c| c.m.id.to_string())
        .collect()
}

/// What one pass took.
struct Take {
    taken: Vec<usize>,
    /// Tied members for the seats left open, and how many (no seed).
    contested: Option<(Vec<usize>, usize)>,
    /// The tie group the lottery cut through (seed).
    drawn: Option<Vec<usize>>,
}

/// Takes `k` candidates from `list` (in order): all of them if they fit; otherwise the first
/// `k`, unless the `k`-th and the next are tied without a seed — then only those placed before
/// the tie (module documentation, §6).
fn take(list: &[usize], k: usize, cands: &[Cand<'_>], seeded: bool) -> Take {
    let group = |i: Option<&usize>| i.and_then(|&i| cands.get(i)).map(|c| c.group);
    if k == 0 || list.len() <= k {
        return Take {
            taken: list.iter().copied().take(k).collect(),
            contested: None,
            drawn: None,
        };
    }
    let last = group(list.get(k - 1));
    let next = group(list.get(k));
    if last != next {
        return Take {
            taken: list.iter().copied().take(k).collect(),
            contested: None,
            drawn: None,
        };
    }
    let tied: Vec<usize> = list
        .iter()
        .copied()
        .filter(|&i| group(Some(&i)) == next)
        .collect();
    if seeded {
        return Take {
            taken: list.iter().copied().take(k).collect(),
            contested: None,
            drawn: Some(tied),
        };
    }
    let before = list
        .iter()
        .position(|&i| group(Some(&i)) == next)
        .unwrap_or(0);
    Take {
        taken: list.iter().copied().take(before).collect(),
        contested: Some((tied, k - before)),
        drawn: None,
    }
}

/// A serde enum's word (`association`).
fn word<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
