//! One plan on one date: milestones → commitments → plan, given which update of each node is
//! the latest to count (found by a scan for one date, by cursors for a series).

use chrono::NaiveDate;

use super::Options;
use super::result::{
    CommitmentProgress, Derivation, Excluded, ExclusionReason, MilestoneProgress, NodeKind,
    NodeStatus, PlanProgress, ReportedFigure, Rule, Term, UpdateRef,
};
use super::rules::{
    Reading, Rules, expected_in, is_high, level_of, num, read, status, weighted_mean,
};
use crate::error::{Code, Problem, Report};
use crate::{
    ActionPlan, Checked, Commitment, Completion, Error, Milestone, ProgressMethod, Update,
};

/// The code of the warning given when a `no_evidence` status is counted.
///
/// `Code` has no dedicated `no-evidence` code yet; `empty-update` ("an update that says
/// nothing") is the nearest. Change it here when one is added.
pub(crate) const NO_EVIDENCE: Code = Code::NoEvidence;

/// A plan checked and ready to compute on any date.
pub(crate) struct Prepared<'a> {
    pub plan: &'a ActionPlan,
    /// The plan's position in `Dataset::plans` (for JSON pointers).
    pub index: usize,
    pub rules: Rules,
    /// Validation warnings located inside this plan.
    pub validation_warnings: Vec<Problem>,
}

impl<'a> Prepared<'a> {
    /// Finds the plan in the checked dataset and resolves the rules.
    pub(crate) fn new(
        checked: &'a Checked,
        plan_id: &str,
        opts: &Options,
    ) -> Result<Prepared<'a>, Error> {
        let ds = checked.dataset();
        let Some((index, plan)) = ds
            .plans
            .iter()
            .enumerate()
            .find(|(_, p)| p.id.as_str() == plan_id)
        else {
            let mut available: Vec<String> =
                ds.plans.iter().map(|p| p.id.as_str().to_owned()).collect();
            available.sort();
            available.dedup();
            return Err(Error::NotFound {
                kind: "plan",
                id: plan_id.to_owned(),
                available,
            });
        };
        let rules = Rules::resolve(plan, opts)?;
        let prefix = format!("/plans/{index}");
        let validation_warnings = checked
            .warnings_under(&prefix)
            .filter(|p| p.severity == crate::Severity::Warning)
            .cloned()
            .collect();
        Ok(Prepared {
            plan,
            index,
            rules,
            validation_warnings,
        })
    }
}

/// For each node, the position (in its `updates` list) of its latest counting update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Latest {
    /// Per commitment: its own updates.
    pub own: Vec<Option<usize>>,
    /// Per commitment, per milestone.
    pub milestones: Vec<Vec<Option<usize>>>,
}

impl Latest {
    /// The latest counting updates on `d`, found by scanning every list.
    pub(crate) fn scan(plan: &ActionPlan, d: NaiveDate) -> Latest {
        Latest {
            own: plan
                .commitments
                .iter()
                .map(|c| latest(&c.updates, d))
                .collect(),
            milestones: plan
                .commitments
                .iter()
                .map(|c| c.milestones.iter().map(|m| latest(&m.updates, d)).collect())
                .collect(),
        }
    }
}

/// The update that counts on `d`: the one with the latest resolved end on or before `d`, the
/// later in the list on a tie.
pub(crate) fn latest(updates: &[Update], d: NaiveDate) -> Option<usize> {
    updates
        .iter()
        .enumerate()
        .map(|(i, u)| (u.date.resolve_end(), i))
        .filter(|(end, _)| *end <= d)
        .max()
        .map(|(_, i)| i)
}

/// Everything the plan figure is computed from, for one commitment (also used by roll-ups).
#[derive(Debug, Clone)]
pub(crate) struct Fig {
    pub id: String,
    pub included: bool,
    pub percent: f64,
    pub expected: f64,
    pub level: Completion,
    /// The commitment's weight as given (1 when none).
    pub weight: f64,
    /// The counted milestones (or the commitment itself, with weight 1, when it has none).
    pub units: Vec<Unit>,
    pub not_started: bool,
    pub complete: bool,
    pub end: NaiveDate,
}

/// A milestone as `milestone_mean` counts it.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub id: String,
    pub kind: NodeKind,
    pub percent: f64,
    pub expected: f64,
    pub weight: f64,
}

/// The figures of commitments as the plan (or a roll-up) aggregates them.
pub(crate) fn figs(plan: &ActionPlan, nodes: &[CommitmentProgress]) -> Vec<Fig> {
    nodes
        .iter()
        .map(|n| {
            let c = plan.commitments.iter().find(|c| c.id.as_str() == n.id);
            let included = n.status != NodeStatus::Withdrawn;
            let units = if !included {
                Vec::new()
            } else if n.milestones.is_empty() {
                vec![Unit {
                    id: n.id.clone(),
                    kind: NodeKind::Commitment,
                    percent: n.percent,
                    expected: n.expected,
                    weight: 1.0,
                }]
            } else {
                n.milestones
                    .iter()
                    .filter(|m| m.status != NodeStatus::Withdrawn)
                    .map(|m| Unit {
                        id: m.id.clone(),
                        kind: NodeKind::Milestone,
                        percent: m.percent,
                        expected: m.expected,
                        weight: c
                            .and_then(|c| c.milestones.iter().find(|x| x.id.as_str() == m.id))
                            .and_then(|x| x.weight)
                            .unwrap_or(1.0),
                    })
                    .collect()
            };
            Fig {
                id: n.id.clone(),
                included,
                percent: n.percent,
                expected: n.expected,
                level: n.level,
                weight: c.and_then(|c| c.weight).unwrap_or(1.0),
                units,
                not_started: n.status == NodeStatus::NotStarted,
                complete: n.status == NodeStatus::Complete,
                end: n.end,
            }
        })
        .collect()
}

/// An aggregate of commitments by a plan method.
#[derive(Debug, Clone)]
pub(crate) struct Agg {
    pub percent: f64,
    pub expected: f64,
    pub rule: Rule,
    pub text: String,
    pub expected_text: String,
    pub terms: Vec<Term>,
    /// Per fig: its normalised weight in the aggregate (`None` when excluded).
    pub weights: Vec<Option<f64>>,
    /// Every commitment is excluded (and there is at least one).
    pub withdrawn: bool,
    pub children_not_started: bool,
    pub children_complete: bool,
}

/// `1 milestone`, `2 milestones`.
pub(crate) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn share(w: f64, total: f64) -> f64 {
    if total > 0.0 { w / total } else { 0.0 }
}

/// Aggregates commitments by `method`: the plan's rule, and the roll-ups'.
pub(crate) fn aggregate(method: ProgressMethod, figs: &[&Fig], explain: bool) -> Agg {
    let counted: Vec<&Fig> = figs.iter().copied().filter(|f| f.included).collect();
    let n = counted.len();
    let children_not_started = counted.iter().all(|f| f.not_started);
    let children_complete = counted.iter().all(|f| f.complete);
    let withdrawn = !figs.is_empty() && counted.is_empty();
    let total: f64 = counted.iter().map(|f| f.weight).sum();
    let commitment_weights = || -> Vec<Option<f64>> {
        figs.iter()
            .map(|f| f.included.then(|| share(f.weight, total)))
            .collect()
    };
    match method {
        ProgressMethod::CommitmentMean => {
            let percent = weighted_mean(counted.iter().map(|f| (f.percent, f.weight)));
            let expected = weighted_mean(counted.iter().map(|f| (f.expected, f.weight)));
            let terms = counted
                .iter()
                .map(|f| Term {
                    id: f.id.clone(),
                    kind: NodeKind::Commitment,
                    value: f.percent,
                    expected: f.expected,
                    weight: f.weight,
                    normalised_weight: share(f.weight, total),
                    level: None,
                })
                .collect();
            Agg {
                percent,
                expected,
                rule: Rule::CommitmentMean,
                text: say!(
                    explain,
                    "commitment_mean: Σ weight × percent / Σ weight over {} (weight 1 when none \
                     is given; Σ weight = {}) → {}",
                    count(n, "counted commitment"),
                    num(total),
                    num(percent)
                ),
                expected_text: say!(
                    explain,
                    "the same weighted mean of the commitments' expected progress → {}",
                    num(expected)
                ),
                terms,
                weights: commitment_weights(),
                withdrawn,
                children_not_started,
                children_complete,
            }
        }
        ProgressMethod::MilestoneMean => {
            let units: Vec<&Unit> = counted.iter().flat_map(|f| f.units.iter()).collect();
            let unit_total: f64 = units.iter().map(|u| u.weight).sum();
            let percent = weighted_mean(units.iter().map(|u| (u.percent, u.weight)));
            let expected = weighted_mean(units.iter().map(|u| (u.expected, u.weight)));
            let terms = units
                .iter()
                .map(|u| Term {
                    id: u.id.clone(),
                    kind: u.kind,
                    value: u.percent,
                    expected: u.expected,
                    weight: u.weight,
                    normalised_weight: share(u.weight, unit_total),
                    level: None,
                })
                .collect();
            let weights = figs
                .iter()
                .map(|f| {
                    f.included
                        .then(|| share(f.units.iter().map(|u| u.weight).sum(), unit_total))
                })
                .collect();
            Agg {
                percent,
                expected,
                rule: Rule::MilestoneMean,
                text: say!(
                    explain,
                    "milestone_mean: Σ weight × percent / Σ weight over {} of {} (a milestone's \
                     own weight, 1 when none is given; a commitment without milestones counts as \
                     one milestone of weight 1; Σ weight = {}) → {}",
                    count(units.len(), "counted milestone"),
                    count(n, "commitment"),
                    num(unit_total),
                    num(percent)
                ),
                expected_text: say!(
                    explain,
                    "the same weighted mean of the milestones' expected progress → {}",
                    num(expected)
                ),
                terms,
                weights,
                withdrawn,
                children_not_started,
                children_complete,
            }
        }
        ProgressMethod::CompletionShare => {
            let hit = |f: &Fig| if is_high(f.level) { 100.0 } else { 0.0 };
            let due = |f: &Fig| if f.expected >= 50.0 { 100.0 } else { 0.0 };
            let percent = weighted_mean(counted.iter().map(|f| (hit(f), f.weight)));
            let expected = weighted_mean(counted.iter().map(|f| (due(f), f.weight)));
            let high = counted.iter().filter(|f| is_high(f.level)).count();
            let due_n = counted.iter().filter(|f| f.expected >= 50.0).count();
            let terms = counted
                .iter()
                .map(|f| Term {
                    id: f.id.clone(),
                    kind: NodeKind::Commitment,
                    value: hit(f),
                    expected: due(f),
                    weight: f.weight,
                    normalised_weight: share(f.weight, total),
                    level: Some(f.level),
                })
                .collect();
            Agg {
                percent,
                expected,
                rule: Rule::CompletionShare,
                text: say!(
                    explain,
                    "completion_share: the weighted share of {} whose level is substantial or \
                     complete ({high} of {n}; weight 1 when none is given; Σ weight = {}) → {}",
                    count(n, "counted commitment"),
                    num(total),
                    num(percent)
                ),
                expected_text: say!(
                    explain,
                    "the weighted share of commitments whose expected progress is 50 or more \
                     ({due_n} of {n}) → {}",
                    num(expected)
                ),
                terms,
                weights: commitment_weights(),
                withdrawn,
                children_not_started,
                children_complete,
            }
        }
    }
}

/// The plan's progress on `d`, given the latest counting update of every node.
pub(crate) fn compute(prep: &Prepared<'_>, d: NaiveDate, latest: &Latest) -> PlanProgress {
    let plan = prep.plan;
    let rules = &prep.rules;
    let start = plan.start.resolve_start();
    let end = plan.end.resolve_end();
    let mut cx = Cx {
        rules,
        d,
        before: (d < start).then_some(start),
        warnings: prep.validation_warnings.clone(),
        excluded: Vec::new(),
    };
    let mut commitments: Vec<CommitmentProgress> = plan
        .commitments
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let ptr = format!("/plans/{}/commitments/{ci}", prep.index);
            let own = latest.own.get(ci).copied().flatten();
            let ms = latest.milestones.get(ci).map(Vec::as_slice).unwrap_or(&[]);
            cx.commitment(c, &ptr, own, ms)
        })
        .collect();
    let figs = figs(plan, &commitments);
    let refs: Vec<&Fig> = figs.iter().collect();
    let agg = aggregate(rules.method, &refs, rules.explain);
    for (node, w) in commitments.iter_mut().zip(&agg.weights) {
        node.weight = *w;
    }
    let percent = agg.percent;
    let expected = agg.expected;
    let reported = plan
        .reported
        .iter()
        .filter(|r| r.as_of.resolve_end() <= d)
        .map(|r| ReportedFigure {
            as_of: r.as_of,
            percent: r.percent,
            source: r.source.clone(),
            meeting: r.meeting.as_ref().map(|m| m.as_str().to_owned()),
            difference: percent - r.percent,
        })
        .collect();
    let mut text = agg.text;
    let mut expected_text = agg.expected_text;
    if let Some(s) = cx.before {
        let note = say!(
            rules.explain,
            " (before the plan's start {s}: no update counts and nothing is expected)"
        );
        text.push_str(&note);
        expected_text.push_str(&note);
    }
    PlanProgress {
        plan: plan.id.as_str().to_owned(),
        title: plan.title.clone(),
        as_of: d,
        method: rules.method,
        schedule: rules.schedule,
        tolerance: rules.tolerance,
        status_scale: rules.scale.clone(),
        percent,
        expected,
        status: status(
            agg.withdrawn,
            percent,
            expected,
            rules.tolerance,
            d,
            end,
            agg.children_not_started,
            agg.children_complete,
        ),
        start,
        end,
        reported,
        commitments,
        excluded: cx.excluded,
        warnings: Report::new(cx.warnings).problems,
        derivation: Derivation {
            rule: agg.rule,
            percent: text,
            expected: expected_text,
            terms: agg.terms,
        },
    }
}

/// The context of one computation.
struct Cx<'r> {
    rules: &'r Rules,
    d: NaiveDate,
    /// The plan's start, when `d` is before it.
    before: Option<NaiveDate>,
    warnings: Vec<Problem>,
    excluded: Vec<Excluded>,
}

/// A leaf figure: value, rule and the rule in words.
struct LeafValue {
    percent: f64,
    rule: Rule,
    text: String,
}

fn update_ref(u: &Update, r: &Reading, pointer: String) -> UpdateRef {
    UpdateRef {
        date: u.date,
        counts_from: u.date.resolve_end(),
        source: u.source,
        field: r.field(),
        percent: u.percent,
        status: u.status,
        value: u.value,
        pointer,
    }
}

fn withdrawn_derivation(why: &str, explain: bool) -> Derivation {
    Derivation {
        rule: Rule::Withdrawn,
        percent: say!(
            explain,
            "{why} → excluded from every aggregate (shown as 0)"
        ),
        expected: say!(explain, "excluded (shown as 0)"),
        terms: Vec::new(),
    }
}

impl Cx<'_> {
    /// The value of a leaf (a milestone, or a commitment without milestones) from its latest
    /// counting update. `upd` is that update, its position and its reading.
    fn leaf(&mut self, upd: Option<(usize, &Update, &Reading)>, ptr: &str) -> LeafValue {
        if let Some(s) = self.before {
            return LeafValue {
                percent: 0.0,
                rule: Rule::BeforePlanStart,
                text: say!(
                    self.rules.explain,
                    "before the plan's start {s}: no update counts → 0"
                ),
            };
        }
        let Some((ui, u, r)) = upd else {
            return LeafValue {
                percent: 0.0,
                rule: Rule::NoUpdate,
                text: say!(
                    self.rules.explain,
                    "no update counts on or before {} → 0",
                    self.d
                ),
            };
        };
        let what = say!(
            self.rules.explain,
            "the update dated {} (updates/{ui}; counts from {}, source {})",
            u.date,
            u.date.resolve_end(),
            source_word(u)
        );
        match r {
            Reading::Percent(p) => LeafValue {
                percent: *p,
                rule: Rule::Percent,
                text: say!(self.rules.explain, "{what}: percent {}", num(*p)),
            },
            Reading::Status(s, p) => {
                if *s == Completion::NoEvidence {
                    self.warnings.push(Problem::warning(
                        NO_EVIDENCE,
                        format!("{ptr}/updates/{ui}/status"),
                        format!(
                            "status no_evidence is counted as {} (the status scale's no_evidence value)",
                            num(*p)
                        ),
                    ));
                }
                LeafValue {
                    percent: *p,
                    rule: Rule::Status,
                    text: say!(
                        self.rules.explain,
                        "{what}: status {} → {} on the status scale",
                        s.as_str(),
                        num(*p)
                    ),
                }
            }
            Reading::Indicator {
                value,
                baseline,
                target,
                raw,
                percent,
            } => {
                let clipped = if raw == percent {
                    String::new()
                } else {
                    say!(self.rules.explain, ", clipped to {}", num(*percent))
                };
                LeafValue {
                    percent: *percent,
                    rule: Rule::Indicator,
                    text: say!(
                        self.rules.explain,
                        "{what}: value {} on the indicator from baseline {} to target {}: \
                         ({} − {}) / ({} − {}) × 100 = {}{clipped}",
                        num(*value),
                        num(*baseline),
                        num(*target),
                        num(*value),
                        num(*baseline),
                        num(*target),
                        num(*baseline),
                        num(*raw),
                    ),
                }
            }
            Reading::Withdrawn | Reading::Nothing => LeafValue {
                percent: 0.0,
                rule: Rule::NoUpdate,
                text: say!(self.rules.explain, "{what}: gives no usable figure → 0"),
            },
        }
    }

    fn expected(&self, start: NaiveDate, due: NaiveDate) -> (f64, String) {
        match self.before {
            Some(s) => (
                0.0,
                say!(
                    self.rules.explain,
                    "before the plan's start {s}: nothing is expected → 0"
                ),
            ),
            None => expected_in(self.rules.schedule, start, due, self.d, self.rules.explain),
        }
    }

    fn milestone(
        &mut self,
        m: &Milestone,
        commitment_start: NaiveDate,
        ptr: &str,
        idx: Option<usize>,
        commitment_withdrawn: bool,
        excluded: &mut Vec<Excluded>,
    ) -> MilestoneProgress {
        let start = m.start.map_or(commitment_start, |s| s.resolve_start());
        let due = m.due.resolve_end();
        let upd = if self.before.is_some() {
            None
        } else {
            idx.and_then(|ui| m.updates.get(ui).map(|u| (ui, u)))
        };
        let reading = upd.map(|(_, u)| read(u, m.indicator.as_ref(), &self.rules.scale));
        let from = upd
            .zip(reading.as_ref())
            .map(|((ui, u), r)| update_ref(u, r, say!(self.rules.explain, "{ptr}/updates/{ui}")));
        let withdrawn = |reason, why: &str| {
            (
                Excluded {
                    id: m.id.as_str().to_owned(),
                    kind: NodeKind::Milestone,
                    reason,
                },
                withdrawn_derivation(why, self.rules.explain),
            )
        };
        let gone = if commitment_withdrawn {
            Some(withdrawn(
                ExclusionReason::CommitmentWithdrawn,
                "its commitment is withdrawn",
            ))
        } else if matches!(reading, Some(Reading::Withdrawn)) {
            Some(withdrawn(
                ExclusionReason::Withdrawn,
                "its latest counting update has status withdrawn",
            ))
        } else {
            None
        };
        if let Some((ex, derivation)) = gone {
            excluded.push(ex);
            return MilestoneProgress {
                id: m.id.as_str().to_owned(),
                title: m.title.clone(),
                percent: 0.0,
                expected: 0.0,
                status: NodeStatus::Withdrawn,
                weight: None,
                start,
                due,
                from,
                derivation,
            };
        }
        let leaf = self.leaf(
            upd.zip(reading.as_ref()).map(|((ui, u), r)| (ui, u, r)),
            ptr,
        );
        let (exp, exp_text) = self.expected(start, due);
        MilestoneProgress {
            id: m.id.as_str().to_owned(),
            title: m.title.clone(),
            percent: leaf.percent,
            expected: exp,
            status: status(
                false,
                leaf.percent,
                exp,
                self.rules.tolerance,
                self.d,
                due,
                true,
                true,
            ),
            weight: None,
            start,
            due,
            from,
            derivation: Derivation {
                rule: leaf.rule,
                percent: leaf.text,
                expected: exp_text,
                terms: Vec::new(),
            },
        }
    }

    fn commitment(
        &mut self,
        c: &Commitment,
        ptr: &str,
        own: Option<usize>,
        ms: &[Option<usize>],
    ) -> CommitmentProgress {
        let start = c.start.resolve_start();
        let end = c.end.resolve_end();
        let own = if self.before.is_some() {
            None
        } else {
            own.and_then(|ui| c.updates.get(ui).map(|u| (ui, u)))
        };
        let own_reading = own.map(|(_, u)| read(u, None, &self.rules.scale));
        let from = own
            .zip(own_reading.as_ref())
            .map(|((ui, u), r)| update_ref(u, r, say!(self.rules.explain, "{ptr}/updates/{ui}")));
        let withdrawn_self = matches!(own_reading, Some(Reading::Withdrawn));
        let mut excluded_here = Vec::new();
        let mut milestones: Vec<MilestoneProgress> = c
            .milestones
            .iter()
            .enumerate()
            .map(|(mi, m)| {
                let idx = ms.get(mi).copied().flatten();
                self.milestone(
                    m,
                    start,
                    &format!("{ptr}/milestones/{mi}"),
                    idx,
                    withdrawn_self,
                    &mut excluded_here,
                )
            })
            .collect();
        let exclusion = if withdrawn_self {
            Some((
                ExclusionReason::Withdrawn,
                "its latest counting update has status withdrawn",
            ))
        } else if !c.milestones.is_empty()
            && milestones.iter().all(|m| m.status == NodeStatus::Withdrawn)
        {
            Some((
                ExclusionReason::AllMilestonesWithdrawn,
                "all its milestones are withdrawn",
            ))
        } else {
            None
        };
        if let Some((reason, why)) = exclusion {
            self.excluded.push(Excluded {
                id: c.id.as_str().to_owned(),
                kind: NodeKind::Commitment,
                reason,
            });
            self.excluded.append(&mut excluded_here);
            return CommitmentProgress {
                id: c.id.as_str().to_owned(),
                number: c.number.clone(),
                title: c.title.clone(),
                percent: 0.0,
                expected: 0.0,
                status: NodeStatus::Withdrawn,
                weight: None,
                level: Completion::Withdrawn,
                start,
                end,
                from,
                milestones,
                derivation: withdrawn_derivation(why, self.rules.explain),
            };
        }
        self.excluded.append(&mut excluded_here);
        let (percent, exp, derivation, children_not_started, children_complete) =
            if c.milestones.is_empty() {
                let leaf = self.leaf(
                    own.zip(own_reading.as_ref()).map(|((ui, u), r)| (ui, u, r)),
                    ptr,
                );
                let (exp, exp_text) = self.expected(start, end);
                let derivation = Derivation {
                    rule: leaf.rule,
                    percent: say!(
                        self.rules.explain,
                        "no milestones, so its own updates: {}",
                        leaf.text
                    ),
                    expected: exp_text,
                    terms: Vec::new(),
                };
                (leaf.percent, exp, derivation, true, true)
            } else {
                let counted: Vec<(f64, &MilestoneProgress)> = c
                    .milestones
                    .iter()
                    .zip(&milestones)
                    .filter(|(_, n)| n.status != NodeStatus::Withdrawn)
                    .map(|(m, n)| (m.weight.unwrap_or(1.0), n))
                    .collect();
                let total: f64 = counted.iter().map(|(w, _)| w).sum();
                let percent = weighted_mean(counted.iter().map(|(w, n)| (n.percent, *w)));
                let exp = weighted_mean(counted.iter().map(|(w, n)| (n.expected, *w)));
                let terms = counted
                    .iter()
                    .map(|(w, n)| Term {
                        id: n.id.clone(),
                        kind: NodeKind::Milestone,
                        value: n.percent,
                        expected: n.expected,
                        weight: *w,
                        normalised_weight: share(*w, total),
                        level: None,
                    })
                    .collect();
                let ns = counted
                    .iter()
                    .all(|(_, n)| n.status == NodeStatus::NotStarted);
                let cc = counted
                    .iter()
                    .all(|(_, n)| n.status == NodeStatus::Complete);
                let derivation = Derivation {
                    rule: Rule::WeightedMean,
                    percent: say!(
                        self.rules.explain,
                        "Σ weight × percent / Σ weight over {} (withdrawn ones excluded; weight 1 \
                     when none is given; Σ weight = {}) → {}",
                        count(counted.len(), "counted milestone"),
                        num(total),
                        num(percent)
                    ),
                    expected: say!(
                        self.rules.explain,
                        "the same weighted mean of the milestones' expected progress → {}",
                        num(exp)
                    ),
                    terms,
                };
                for (m, n) in c.milestones.iter().zip(milestones.iter_mut()) {
                    if n.status != NodeStatus::Withdrawn {
                        n.weight = Some(share(m.weight.unwrap_or(1.0), total));
                    }
                }
                (percent, exp, derivation, ns, cc)
            };
        let level = match own.and_then(|(_, u)| u.status) {
            Some(s) if s != Completion::Withdrawn => s,
            _ => level_of(percent),
        };
        CommitmentProgress {
            id: c.id.as_str().to_owned(),
            number: c.number.clone(),
            title: c.title.clone(),
            percent,
            expected: exp,
            status: status(
                false,
                percent,
                exp,
                self.rules.tolerance,
                self.d,
                end,
                children_not_started,
                children_complete,
            ),
            weight: None,
            level,
            start,
            end,
            from,
            milestones,
            derivation,
        }
    }
}

fn source_word(u: &Update) -> &'static str {
    match u.source {
        crate::UpdateSource::SelfAssessment => "self_assessment",
        crate::UpdateSource::Committee => "committee",
        crate::UpdateSource::CivilSociety => "civil_society",
        crate::UpdateSource::Irm => "irm",
        crate::UpdateSource::Other => "other",
    }
}
