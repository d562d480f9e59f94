//! Rule 6 of the module doc: ranking by total, ties broken by the call's `tie_break`.

use std::collections::BTreeMap;

use super::result::{Separation, Tie, TieStep, TieValue};
use super::score::{Context, Evaluated, key};
use crate::lottery;

/// The ranking of the rankable candidates.
#[derive(Debug, Default)]
pub(super) struct Ranking {
    /// Places in rank order: each a group of candidates (indices into the evaluated list);
    /// a group of more than one is an unresolved tie, by id.
    pub places: Vec<Vec<usize>>,
    /// How the first candidate of each place is separated from the previous place (`None`
    /// for the first place).
    pub separations: Vec<Option<Separation>>,
    /// Each group of equal totals.
    pub ties: Vec<Tie>,
    /// True when a lottery was needed and the call has no seed.
    pub no_seed: bool,
}

/// One place and how it is separated from the previous one.
type Part = (Separation, Vec<usize>);

struct Ranker<'a> {
    ctx: &'a Context<'a>,
    evs: &'a [Evaluated],
    no_seed: bool,
}

/// Ranks `rankable` (indices into `evs`).
pub(super) fn rank(ctx: &Context<'_>, evs: &[Evaluated], mut rankable: Vec<usize>) -> Ranking {
    let id = |i: usize| evs.get(i).map(Evaluated::id).unwrap_or_default();
    let total = |i: usize| evs.get(i).map(|e| key(e.total())).unwrap_or_default();
    rankable.sort_by(|a, b| {
        total(*b)
            .total_cmp(&total(*a))
            .then_with(|| id(*a).cmp(id(*b)))
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in rankable {
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|f| total(*f) == total(i)) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let mut r = Ranker {
        ctx,
        evs,
        no_seed: false,
    };
    let mut out = Ranking::default();
    for group in groups {
        let first_sep = (!out.places.is_empty()).then_some(Separation::Total);
        if group.len() == 1 {
            out.places.push(group);
            out.separations.push(first_sep);
            continue;
        }
        let tie_total = group
            .first()
            .and_then(|i| evs.get(*i))
            .map(Evaluated::total)
            .unwrap_or_default();
        let mut steps = Vec::new();
        let parts = r.split(group, 0, &mut steps);
        let mut candidates = Vec::new();
        let mut unresolved = Vec::new();
        for (k, (sep, place)) in parts.into_iter().enumerate() {
            let ids: Vec<String> = place.iter().map(|i| id(*i).to_owned()).collect();
            if ids.len() > 1 {
                unresolved.push(ids.clone());
            }
            candidates.extend(ids);
            out.separations
                .push(if k == 0 { first_sep.clone() } else { Some(sep) });
            out.places.push(place);
        }
        out.ties.push(Tie {
            total: tie_total,
            candidates,
            steps,
            resolved: unresolved.is_empty(),
            unresolved,
        });
    }
    out.no_seed = r.no_seed;
    out
}

impl Ranker<'_> {
    fn id(&self, i: usize) -> &str {
        self.evs.get(i).map(Evaluated::id).unwrap_or_default()
    }

    fn ids(&self, group: &[usize]) -> Vec<String> {
        group.iter().map(|i| self.id(*i).to_owned()).collect()
    }

    /// Orders a group of candidates tied so far by the tie-break rules from `rule` on. The
    /// first part's separation is the caller's to set.
    fn split(&mut self, mut group: Vec<usize>, rule: usize, steps: &mut Vec<TieStep>) -> Vec<Part> {
        group.sort_by(|a, b| self.id(*a).cmp(self.id(*b)));
        let Some(name) = self.ctx.call.tie_break.get(rule) else {
            return vec![(Separation::Tied, group)];
        };
        if group.len() < 2 {
            return vec![(Separation::Tied, group)];
        }
        if name == "lottery" {
            return self.lottery(group, steps);
        }
        let Some(ci) = self
            .ctx
            .grid
            .criteria
            .iter()
            .position(|c| c.id.as_str() == name)
        else {
            // Validation rejects an unknown tie-break criterion; skip it defensively.
            return self.split(group, rule + 1, steps);
        };
        let value = |i: usize| -> f64 {
            self.evs
                .get(i)
                .and_then(|e| e.combined.get(ci).copied().flatten())
                .unwrap_or(0.0)
        };
        group.sort_by(|a, b| {
            key(value(*b))
                .total_cmp(&key(value(*a)))
                .then_with(|| self.id(*a).cmp(self.id(*b)))
        });
        let mut subgroups: Vec<Vec<usize>> = Vec::new();
        for i in &group {
            match subgroups.last_mut() {
                Some(g) if g.first().is_some_and(|f| key(value(*f)) == key(value(*i))) => {
                    g.push(*i)
                }
                _ => subgroups.push(vec![*i]),
            }
        }
        let values: BTreeMap<String, TieValue> = group
            .iter()
            .map(|i| (self.id(*i).to_owned(), TieValue::Score(value(*i))))
            .collect();
        let mut entering = self.ids(&group);
        entering.sort();
        steps.push(TieStep {
            rule: name.clone(),
            candidates: entering,
            values,
            order: subgroups
                .iter()
                .map(|g| {
                    let mut ids = self.ids(g);
                    ids.sort();
                    ids
                })
                .collect(),
        });
        let mut parts = Vec::new();
        for (k, sub) in subgroups.into_iter().enumerate() {
            let inner = self.split(sub, rule + 1, steps);
            for (j, (sep, place)) in inner.into_iter().enumerate() {
                let sep = if j == 0 && k > 0 {
                    Separation::Criterion {
                        criterion: name.clone(),
                    }
                } else {
                    sep
                };
                parts.push((sep, place));
            }
        }
        parts
    }

    fn lottery(&mut self, group: Vec<usize>, steps: &mut Vec<TieStep>) -> Vec<Part> {
        let call = self.ctx.call;
        let ids = self.ids(&group);
        let Some(seed) = call.seed else {
            self.no_seed = true;
            steps.push(TieStep {
                rule: "lottery".into(),
                candidates: ids.clone(),
                values: BTreeMap::new(),
                order: vec![ids],
            });
            return vec![(Separation::Tied, group)];
        };
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let drawn = lottery::order(seed, call.id.as_str(), &refs);
        let values = ids
            .iter()
            .map(|id| {
                let k = lottery::key(seed, call.id.as_str(), id);
                (id.clone(), TieValue::Key(format!("{k:016x}")))
            })
            .collect();
        steps.push(TieStep {
            rule: "lottery".into(),
            candidates: ids.clone(),
            values,
            order: drawn.iter().map(|id| vec![(*id).to_owned()]).collect(),
        });
        drawn
            .iter()
            .filter_map(|d| group.iter().find(|i| self.id(**i) == *d))
            .map(|i| (Separation::Lottery, vec![*i]))
            .collect()
    }
}
