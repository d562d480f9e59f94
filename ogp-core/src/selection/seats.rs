//! Rule 7 of the module doc: filling the seats down the ranking, within the quotas.

use std::collections::{BTreeMap, HashSet};

use super::result::{Reason, ReasonCode};
use crate::Quota;

/// Which quotas each candidate has: `sig[q]` is true when the candidate's
/// `features[quota.feature] == quota.value`.
pub(super) type Sig = Vec<bool>;

/// What happens to one ranked candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Decision {
    /// It gets this seat (from 1).
    Seat(u32),
    /// It does not, for this reason.
    Out(Reason),
}

/// The outcome of the walk down the ranking.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// The decision for each ranked candidate (by index into the evaluated list).
    pub decisions: BTreeMap<usize, Decision>,
    /// Selected candidates in seat order.
    pub selected: Vec<usize>,
    /// Per quota: true when seats were reserved for its min.
    pub reserved: Vec<bool>,
    /// The place at which the selection stopped on an unresolved tie.
    pub stopped_at: Option<usize>,
}

/// The inputs of the walk.
pub(super) struct Seating<'a> {
    pub quotas: &'a [Quota],
    pub seats: u32,
    /// The ranking: places in order (a place of several is an unresolved tie).
    pub places: &'a [Vec<usize>],
    /// The rank of each place.
    pub ranks: &'a [u32],
    /// Each ranked candidate's quota signature.
    pub sigs: &'a BTreeMap<usize, Sig>,
    /// Each ranked candidate's id.
    pub ids: &'a BTreeMap<usize, String>,
}

fn has(sig: &Sig, q: usize) -> bool {
    sig.get(q).copied().unwrap_or(false)
}

fn label(q: &Quota) -> String {
    format!("{}={}", q.feature, q.value)
}

fn plural(n: u32, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl Seating<'_> {
    fn sig(&self, i: usize) -> Sig {
        self.sigs
            .get(&i)
            .cloned()
            .unwrap_or_else(|| vec![false; self.quotas.len()])
    }

    fn id(&self, i: usize) -> &str {
        self.ids.get(&i).map(String::as_str).unwrap_or_default()
    }

    /// Quotas whose max `counts` + `adding` would exceed.
    fn over_max(&self, counts: &[u32], adding: &[Sig]) -> Vec<usize> {
        self.quotas
            .iter()
            .enumerate()
            .filter(|(q, quota)| {
                let add = adding.iter().filter(|s| has(s, *q)).count() as u32;
                counts.get(*q).copied().unwrap_or(0) + add > quota.max
            })
            .map(|(q, _)| q)
            .collect()
    }

    /// The reserved quotas still short of their min with `counts`: (quota, how many more).
    fn shortfalls(&self, reserved: &[bool], counts: &[u32]) -> Vec<(usize, u32)> {
        self.quotas
            .iter()
            .enumerate()
            .filter(|(q, _)| reserved.get(*q).copied().unwrap_or(false))
            .filter_map(|(q, quota)| {
                let have = counts.get(q).copied().unwrap_or(0);
                (have < quota.min).then(|| (q, quota.min - have))
            })
            .collect()
    }

    fn with(&self, counts: &[u32], adding: &[Sig]) -> Vec<u32> {
        counts
            .iter()
            .enumerate()
            .map(|(q, c)| c + adding.iter().filter(|s| has(s, q)).count() as u32)
            .collect()
    }

    /// Can some choice of at most `seats` candidates of `pool` bring every reserved quota to
    /// its min without taking any quota above its max? Exact (a search over the distinct
    /// quota signatures of the pool, memoised).
    fn feasible(&self, reserved: &[bool], pool: &[Sig], counts: &[u32], seats: u32) -> bool {
        let short = self.shortfalls(reserved, counts);
        if short.is_empty() {
            return true;
        }
        // Only candidates that count towards a shortfall can help.
        let mut groups: BTreeMap<&Sig, u32> = BTreeMap::new();
        for s in pool {
            if short.iter().any(|(q, _)| has(s, *q)) {
                *groups.entry(s).or_default() += 1;
            }
        }
        // Most useful first (the search then finds a choice quickly when there is one).
        let mut groups: Vec<(&Sig, u32)> = groups.into_iter().collect();
        let useful = |s: &Sig| short.iter().filter(|(q, _)| has(s, *q)).count();
        groups.sort_by(|a, b| useful(b.0).cmp(&useful(a.0)).then_with(|| a.0.cmp(b.0)));
        // suffix[i][q]: candidates of groups[i..] that have quota q.
        let nq = self.quotas.len();
        let mut suffix = vec![vec![0u32; nq]; groups.len() + 1];
        for i in (0..groups.len()).rev() {
            let next = suffix.get(i + 1).cloned().unwrap_or_default();
            if let (Some(row), Some((sig, n))) = (suffix.get_mut(i), groups.get(i)) {
                for (q, cell) in row.iter_mut().enumerate() {
                    *cell = next.get(q).copied().unwrap_or(0) + if has(sig, q) { *n } else { 0 };
                }
            }
        }
        let search = Search {
            quotas: self.quotas,
            reserved,
            groups: &groups,
            suffix: &suffix,
        };
        let mut counts = counts.to_vec();
        search.dfs(0, &mut counts, seats, &mut HashSet::new())
    }

    /// Runs the walk.
    pub(super) fn walk(&self) -> Walk {
        let nq = self.quotas.len();
        let all: Vec<Sig> = self.places.iter().flatten().map(|i| self.sig(*i)).collect();
        // Which mins are reserved for: in the order listed, each that can be met together
        // with those kept before it.
        let mut reserved = vec![false; nq];
        for (q, quota) in self.quotas.iter().enumerate() {
            if quota.min == 0 {
                continue;
            }
            if let Some(r) = reserved.get_mut(q) {
                *r = true;
            }
            if !self.feasible(&reserved, &all, &vec![0; nq], self.seats) {
                if let Some(r) = reserved.get_mut(q) {
                    *r = false;
                }
            }
        }
        let mut w = Walk {
            reserved,
            ..Walk::default()
        };
        let mut counts = vec![0u32; nq];
        let mut left = self.seats;
        for (p, place) in self.places.iter().enumerate() {
            let rank = self.ranks.get(p).copied().unwrap_or(0);
            let rest: Vec<Sig> = self
                .places
                .iter()
                .skip(p + 1)
                .flatten()
                .map(|i| self.sig(*i))
                .collect();
            if let Some(stop) = w.stopped_at {
                let at = self.ranks.get(stop).copied().unwrap_or(0);
                for i in place {
                    w.decisions.insert(
                        *i,
                        out(
                            ReasonCode::SelectionStopped,
                            format!(
                                "rank {rank}, below the unresolved tie at rank {at} where the \
                                 selection stopped"
                            ),
                        ),
                    );
                }
                continue;
            }
            if left == 0 {
                for i in place {
                    w.decisions.insert(
                        *i,
                        out(
                            ReasonCode::BelowLastSeat,
                            if self.seats == 0 {
                                format!("rank {rank}: the call has no seat to fill")
                            } else {
                                format!(
                                    "rank {rank}: the {} went to candidates ranked above",
                                    plural(self.seats, "seat")
                                )
                            },
                        ),
                    );
                }
                continue;
            }
            let sigs: Vec<Sig> = place.iter().map(|i| self.sig(*i)).collect();
            let whole = place.len() as u32 <= left
                && self.over_max(&counts, &sigs).is_empty()
                && self.feasible(
                    &w.reserved,
                    &rest,
                    &self.with(&counts, &sigs),
                    left - place.len() as u32,
                );
            if whole {
                for i in place {
                    w.selected.push(*i);
                    w.decisions
                        .insert(*i, Decision::Seat(w.selected.len() as u32));
                }
                counts = self.with(&counts, &sigs);
                left -= place.len() as u32;
                continue;
            }
            // Not the whole place: each member on its own, the others staying available.
            let mut each = Vec::new();
            for (k, i) in place.iter().enumerate() {
                let mut pool = rest.clone();
                pool.extend(
                    sigs.iter()
                        .enumerate()
                        .filter(|(j, _)| *j != k)
                        .map(|(_, s)| s.clone()),
                );
                each.push((*i, self.alone(&w.reserved, &counts, left, *i, &pool)));
            }
            if place.len() > 1 && each.iter().any(|(_, r)| r.is_none()) {
                // Some could be chosen, not all, and nothing separates them.
                w.stopped_at = Some(p);
                let ids: Vec<&str> = place.iter().map(|i| self.id(*i)).collect();
                for i in place {
                    w.decisions.insert(
                        *i,
                        out(
                            ReasonCode::UnresolvedTie,
                            format!(
                                "tied at rank {rank} with no rule left to separate {}: the {} \
                                 left (within the quotas) cannot take all of them, so the \
                                 selection stops here",
                                ids.join(", "),
                                plural(left, "seat")
                            ),
                        ),
                    );
                }
                continue;
            }
            for (i, r) in each {
                match r {
                    None => {
                        // A place of one that fits on its own (the whole-place test already
                        // said no, so this does not happen; kept for safety).
                        w.selected.push(i);
                        w.decisions
                            .insert(i, Decision::Seat(w.selected.len() as u32));
                        counts = self.with(&counts, &[self.sig(i)]);
                        left = left.saturating_sub(1);
                    }
                    Some(reason) => {
                        w.decisions.insert(i, Decision::Out(reason));
                    }
                }
            }
        }
        w
    }

    /// Whether candidate `i` alone can take a seat now: `None` when it can, else why not.
    fn alone(
        &self,
        reserved: &[bool],
        counts: &[u32],
        left: u32,
        i: usize,
        pool: &[Sig],
    ) -> Option<Reason> {
        let sig = self.sig(i);
        let over = self.over_max(counts, std::slice::from_ref(&sig));
        if !over.is_empty() {
            let names: Vec<String> = over
                .iter()
                .filter_map(|q| self.quotas.get(*q))
                .map(|q| format!("{} (at most {})", label(q), q.max))
                .collect();
            return Some(Reason {
                code: ReasonCode::QuotaMax,
                message: format!("the quota {} is already full", names.join(", the quota ")),
            });
        }
        let after = self.with(counts, std::slice::from_ref(&sig));
        if self.feasible(reserved, pool, &after, left.saturating_sub(1)) {
            return None;
        }
        let short: Vec<String> = self
            .shortfalls(reserved, &after)
            .iter()
            .filter_map(|(q, n)| self.quotas.get(*q).map(|quota| (quota, n)))
            .map(|(quota, n)| format!("{} ({} more)", label(quota), n))
            .collect();
        Some(Reason {
            code: ReasonCode::ReservedForQuota,
            message: format!(
                "selecting it would leave {} for the minimums still to reach: {}",
                plural(left.saturating_sub(1), "seat"),
                short.join(", ")
            ),
        })
    }
}

fn out(code: ReasonCode, message: String) -> Decision {
    Decision::Out(Reason { code, message })
}

struct Search<'a> {
    quotas: &'a [Quota],
    reserved: &'a [bool],
    groups: &'a [(&'a Sig, u32)],
    suffix: &'a [Vec<u32>],
}

impl Search<'_> {
    fn dfs(
        &self,
        i: usize,
        counts: &mut Vec<u32>,
        seats: u32,
        failed: &mut HashSet<(usize, u32, Vec<u32>)>,
    ) -> bool {
        let mut met = true;
        // A candidate has one value per feature, so the needs of one feature's values add up:
        // feature → value → the largest need for it.
        let mut by_feature: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
        for (q, quota) in self.quotas.iter().enumerate() {
            if !self.reserved.get(q).copied().unwrap_or(false) {
                continue;
            }
            let have = counts.get(q).copied().unwrap_or(0);
            if have >= quota.min {
                continue;
            }
            met = false;
            let need = quota.min - have;
            let slot = by_feature
                .entry(quota.feature.as_str())
                .or_default()
                .entry(quota.value.as_str())
                .or_default();
            *slot = (*slot).max(need);
            let avail = self
                .suffix
                .get(i)
                .and_then(|row| row.get(q))
                .copied()
                .unwrap_or(0);
            if need > seats || need > avail {
                return false;
            }
        }
        if met {
            return true;
        }
        if by_feature
            .values()
            .any(|values| values.values().sum::<u32>() > seats)
        {
            return false;
        }
        let Some((sig, n)) = self.groups.get(i) else {
            return false;
        };
        let state = (i, seats, counts.clone());
        if failed.contains(&state) {
            return false;
        }
        for k in (0..=(*n).min(seats)).rev() {
            let fits = self.quotas.iter().enumerate().all(|(q, quota)| {
                !has(sig, q) || counts.get(q).copied().unwrap_or(0) + k <= quota.max
            });
            if !fits {
                continue;
            }
            for (q, c) in counts.iter_mut().enumerate() {
                if has(sig, q) {
                    *c += k;
                }
            }
            let ok = self.dfs(i + 1, counts, seats - k, failed);
            for (q, c) in counts.iter_mut().enumerate() {
                if has(sig, q) {
                    *c -= k;
                }
            }
            if ok {
                return true;
            }
        }
        failed.insert(state);
        false
    }
}
