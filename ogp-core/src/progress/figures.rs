//! The figures of a series without their derivation, column by column.
//!
//! [`series`](super::series) builds a whole [`PlanProgress`](super::PlanProgress) on every
//! date: every node's id, title, update reference and derivation, which a table of figures
//! throws away. [`series_table`] applies the same rules (§1–§7 of the module documentation,
//! through the same functions: [`read`], [`expected_in`], [`status`], [`weighted_mean`],
//! [`level_of`]) to numbers only:
//!
//! 1. **prepare** each plan once: every node's updates read ([`read`]) and sorted by the day
//!    they count from, with each node's schedule and weight;
//! 2. **sweep** the dates in order, a cursor per node moving forward, the milestones, then the
//!    commitments, then the plan figured into scratch buffers that are reused from one date
//!    to the next;
//! 3. **fill** the columns: one row per date for the plan, or per date and commitment.
//!
//! Its figures equal those of [`series`](super::series) exactly (a property test holds it);
//! only its words are missing. Theme rows need the roll-ups, so [`Level::Theme`] is computed by
//! [`series`](super::series) and [`groups`](super::groups) and put into the same columns.

use chrono::NaiveDate;

use super::group::{GroupBy, Level, SeriesRow, groups};
use super::result::NodeStatus;
use super::rules::{Reading, Rules, expected_in, is_high, level_of, read, status, weighted_mean};
use super::series::{Every, within_limit};
use super::{Detail, Options};
use crate::{ActionPlan, Checked, Commitment, Completion, Error, Milestone, ProgressMethod};
use crate::{Dataset, Indicator, StatusScale, Text, Update};

/// A series as columns: row `i` is node `nodes[node[i]]` on `date[i]`, with its `percent`,
/// `expected` and `status`. The rows come in the order of [`rows`](super::rows): plan by plan,
/// date by date, and on each date the plan, or its theme groups, or its commitments in plan
/// order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeriesTable {
    /// The nodes the rows are about, each once, in the order of their first row.
    pub nodes: Vec<TableNode>,
    /// Per row: its node, a position in `nodes`.
    pub node: Vec<usize>,
    /// Per row: the date.
    pub date: Vec<NaiveDate>,
    /// Per row: progress, 0–100.
    pub percent: Vec<f64>,
    /// Per row: expected progress, 0–100.
    pub expected: Vec<f64>,
    /// Per row: the status.
    pub status: Vec<NodeStatus>,
}

/// A node of a [`SeriesTable`]: a plan, a theme group or a commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct TableNode {
    /// The id of its plan.
    pub plan: String,
    /// `plan`, `theme` or `commitment`.
    pub level: Level,
    /// Its id (empty for the group of commitments without a theme).
    pub id: String,
    /// Its title, as in the dataset (none for the group without a theme).
    pub title: Option<Text>,
}

impl SeriesTable {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.date.len()
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }

    /// Appends the rows of `other` (its nodes after these).
    pub fn append(&mut self, mut other: SeriesTable) {
        let shift = self.nodes.len();
        self.nodes.append(&mut other.nodes);
        self.node.extend(other.node.into_iter().map(|n| n + shift));
        self.date.append(&mut other.date);
        self.percent.append(&mut other.percent);
        self.expected.append(&mut other.expected);
        self.status.append(&mut other.status);
    }

    /// The rows as [`SeriesRow`]s, titles in `lang` (falling back as [`Text::get`] does):
    /// what [`rows`](super::rows) gives for the same series.
    pub fn rows(&self, ds: &Dataset, lang: &str) -> Vec<SeriesRow> {
        let row = |i: usize| {
            let n = self.node.get(i).and_then(|&n| self.nodes.get(n))?;
            Some(SeriesRow {
                plan: n.plan.clone(),
                date: *self.date.get(i)?,
                level: n.level.as_str(),
                id: n.id.clone(),
                title: n.title(ds, lang).to_owned(),
                percent: *self.percent.get(i)?,
                expected: *self.expected.get(i)?,
                status: *self.status.get(i)?,
            })
        };
        (0..self.len()).filter_map(row).collect()
    }

    fn push(&mut self, node: usize, d: NaiveDate, f: Figure) {
        self.node.push(node);
        self.date.push(d);
        self.percent.push(f.percent);
        self.expected.push(f.expected);
        self.status.push(f.status);
    }

    fn add_node(
        &mut self,
        plan: &ActionPlan,
        level: Level,
        id: &str,
        title: Option<&Text>,
    ) -> usize {
        self.nodes.push(TableNode {
            plan: plan.id.as_str().to_owned(),
            level,
            id: id.to_owned(),
            title: title.cloned(),
        });
        self.nodes.len() - 1
    }
}

impl TableNode {
    /// Its title in `lang` (falling back as [`Text::get`] does); empty when there is none.
    pub fn title<'a>(&'a self, ds: &'a Dataset, lang: &str) -> &'a str {
        self.title
            .as_ref()
            .and_then(|t| t.get(lang, &ds.default_language))
            .unwrap_or("")
    }
}

/// The figures of several plans' series as columns — every plan of the dataset when `plans`
/// is empty, else those named, in the order given — each plan on its own dates
/// ([`super::plan_dates`] with `every`, `from` and `to`), one row per date and node of
/// `level`. The figures equal those of [`super::series_of_plans`] turned into
/// [`rows`](super::rows); `opts.detail` is not used (there are no words).
///
/// ```
/// use ogp_core::progress::{self, Every, Level, Options};
///
/// let checked = ogp_core::io::open("../examples/morocco-nap3/dataset.json".as_ref())?.check()?;
/// let table = progress::series_table(&checked, &[], Every::Quarter, None, None, Level::Plan, &Options::default())?;
/// let all = progress::series_of_plans(&checked, &[], Every::Quarter, None, None, &Options::default())?;
/// assert_eq!(table.percent, all.iter().flatten().map(|p| p.percent).collect::<Vec<_>>());
/// # Ok::<(), ogp_core::Error>(())
/// ```
///
/// Errors: [`Error::NotFound`] for a plan id that does not exist; [`Error::Argument`] for an
/// option out of range, or a plan whose dates number more than [`Options::max_dates`] (as
/// [`super::series_of_plans`]).
pub fn series_table(
    checked: &Checked,
    plans: &[&str],
    every: Every,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    level: Level,
    opts: &Options,
) -> Result<SeriesTable, Error> {
    let chosen = checked.plans_or_all(plans)?;
    let mut table = SeriesTable::default();
    for plan in chosen {
        let dates = super::plan_dates(plan, every, from, to);
        within_limit(plan.id.as_str(), &dates, opts)?;
        match level {
            Level::Theme => themes_into(&mut table, checked, plan, &dates, opts)?,
            Level::Plan | Level::Commitment => {
                Sweep::new(plan, &Rules::resolve(plan, opts)?)
                    .into_table(&mut table, &dates, level);
            }
        }
    }
    Ok(table)
}

/// The theme rows of one plan, from the full results and their roll-ups.
fn themes_into(
    table: &mut SeriesTable,
    checked: &Checked,
    plan: &ActionPlan,
    dates: &[NaiveDate],
    opts: &Options,
) -> Result<(), Error> {
    let opts = Options {
        detail: Detail::Figures,
        ..opts.clone()
    };
    let mut keys: Vec<(Option<String>, usize)> = Vec::new();
    for p in super::series(checked, plan.id.as_str(), dates, &opts)? {
        for g in groups(checked, &p, GroupBy::Theme) {
            let node = match keys.iter().find(|(k, _)| *k == g.key) {
                Some((_, n)) => *n,
                None => {
                    let id = g.key.clone().unwrap_or_default();
                    let n = table.add_node(plan, Level::Theme, &id, g.title.as_ref());
                    keys.push((g.key.clone(), n));
                    n
                }
            };
            let f = Figure {
                percent: g.percent,
                expected: g.expected,
                status: g.status,
            };
            table.push(node, p.as_of, f);
        }
    }
    Ok(())
}

/// What one update says, read once: withdrawn, or a percent (0 when it says nothing usable);
/// and its `status`, which sets a commitment's level.
#[derive(Debug, Clone, Copy)]
struct Said {
    withdrawn: bool,
    percent: f64,
    status: Option<Completion>,
}

impl Said {
    fn new(u: &Update, indicator: Option<&Indicator>, scale: &StatusScale) -> Said {
        let percent = match read(u, indicator, scale) {
            Reading::Percent(p) | Reading::Status(_, p) => p,
            Reading::Indicator { percent, .. } => percent,
            Reading::Withdrawn | Reading::Nothing => 0.0,
        };
        Said {
            withdrawn: u.status == Some(Completion::Withdrawn),
            percent,
            status: u.status,
        }
    }
}

/// A node's updates, read and sorted by (the day they count from, position), and how many
/// count so far (§1).
struct Track {
    sorted: Vec<(NaiveDate, usize, Said)>,
    pos: usize,
}

impl Track {
    fn new(updates: &[Update], indicator: Option<&Indicator>, scale: &StatusScale) -> Track {
        let mut sorted: Vec<(NaiveDate, usize, Said)> = updates
            .iter()
            .enumerate()
            .map(|(i, u)| (u.date.resolve_end(), i, Said::new(u, indicator, scale)))
            .collect();
        sorted.sort_unstable_by_key(|(end, i, _)| (*end, *i));
        Track { sorted, pos: 0 }
    }

    /// Moves to `d` (never backwards): what the latest counting update says, if any.
    fn advance(&mut self, d: NaiveDate) -> Option<Said> {
        while self
            .sorted
            .get(self.pos)
            .is_some_and(|(end, _, _)| *end <= d)
        {
            self.pos += 1;
        }
        let latest = self.pos.checked_sub(1).and_then(|p| self.sorted.get(p));
        latest.map(|(_, _, said)| *said)
    }
}

/// A milestone, ready for the sweep.
struct MilestoneTrack {
    updates: Track,
    start: NaiveDate,
    due: NaiveDate,
    weight: f64,
}

/// A commitment, ready for the sweep.
struct CommitmentTrack {
    own: Track,
    start: NaiveDate,
    end: NaiveDate,
    /// Its weight as given (1 when none).
    weight: f64,
    milestones: Vec<MilestoneTrack>,
}

/// A node's figures on one date.
#[derive(Debug, Clone, Copy)]
struct Figure {
    percent: f64,
    expected: f64,
    status: NodeStatus,
}

const WITHDRAWN: Figure = Figure {
    percent: 0.0,
    expected: 0.0,
    status: NodeStatus::Withdrawn,
};

/// A commitment's figures on one date, as the plan aggregates them.
#[derive(Debug, Clone, Copy)]
struct CommitmentFigure {
    figure: Figure,
    level: Completion,
    weight: f64,
}

/// One plan swept over its dates, with the buffers reused from date to date.
struct Sweep<'a> {
    plan: &'a ActionPlan,
    rules: &'a Rules,
    start: NaiveDate,
    end: NaiveDate,
    commitments: Vec<CommitmentTrack>,
    /// Per commitment on the current date.
    figures: Vec<CommitmentFigure>,
    /// The counted milestones of the commitment being figured: (percent, expected, weight).
    leaves: Vec<(f64, f64, f64)>,
    /// The counted milestones of the plan (`milestone_mean`): (percent, expected, weight).
    units: Vec<(f64, f64, f64)>,
}

impl<'a> Sweep<'a> {
    /// Phase 1: reads and sorts every node's updates once.
    fn new(plan: &'a ActionPlan, rules: &'a Rules) -> Sweep<'a> {
        let commitments = plan
            .commitments
            .iter()
            .map(|c| commitment_track(c, &rules.scale))
            .collect();
        Sweep {
            plan,
            rules,
            start: plan.start.resolve_start(),
            end: plan.end.resolve_end(),
            commitments,
            figures: Vec::with_capacity(plan.commitments.len()),
            leaves: Vec::new(),
            units: Vec::new(),
        }
    }

    /// Phases 2 and 3: the figures on each of `dates` (ascending), into `table`.
    fn into_table(mut self, table: &mut SeriesTable, dates: &[NaiveDate], level: Level) {
        let first = table.nodes.len();
        if level == Level::Plan {
            table.add_node(
                self.plan,
                level,
                self.plan.id.as_str(),
                Some(&self.plan.title),
            );
        } else {
            for c in &self.plan.commitments {
                table.add_node(self.plan, level, c.id.as_str(), Some(&c.title));
            }
        }
        for &d in dates {
            let plan = self.on(d);
            if level == Level::Plan {
                table.push(first, d, plan);
            } else {
                for (i, c) in self.figures.iter().enumerate() {
                    table.push(first + i, d, c.figure);
                }
            }
        }
    }

    /// The plan's figures on `d` (§2–§7), each commitment's left in `self.figures`.
    fn on(&mut self, d: NaiveDate) -> Figure {
        let before = d < self.start;
        self.figures.clear();
        self.units.clear();
        for c in &mut self.commitments {
            let f = figure_commitment(c, d, before, self.rules, &mut self.leaves);
            if f.figure.status != NodeStatus::Withdrawn {
                if c.milestones.is_empty() {
                    self.units.push((f.figure.percent, f.figure.expected, 1.0));
                } else {
                    self.units.extend_from_slice(&self.leaves);
                }
            }
            self.figures.push(f);
        }
        self.plan_figure(d)
    }

    /// The plan's figure on `d` from its commitments' (§4, §5, §6).
    fn plan_figure(&self, d: NaiveDate) -> Figure {
        let counted = || {
            self.figures
                .iter()
                .filter(|f| f.figure.status != NodeStatus::Withdrawn)
        };
        let (percent, expected) = match self.rules.method {
            ProgressMethod::CommitmentMean => (
                weighted_mean(counted().map(|f| (f.figure.percent, f.weight))),
                weighted_mean(counted().map(|f| (f.figure.expected, f.weight))),
            ),
            ProgressMethod::MilestoneMean => (
                weighted_mean(self.units.iter().map(|(p, _, w)| (*p, *w))),
                weighted_mean(self.units.iter().map(|(_, e, w)| (*e, *w))),
            ),
            ProgressMethod::CompletionShare => (
                weighted_mean(counted().map(|f| (hundred_if(is_high(f.level)), f.weight))),
                weighted_mean(counted().map(|f| (hundred_if(f.figure.expected >= 50.0), f.weight))),
            ),
        };
        let withdrawn = !self.figures.is_empty() && counted().next().is_none();
        let not_started = counted().all(|f| f.figure.status == NodeStatus::NotStarted);
        let complete = counted().all(|f| f.figure.status == NodeStatus::Complete);
        let tolerance = self.rules.tolerance;
        let status = status(
            withdrawn,
            percent,
            expected,
            tolerance,
            d,
            self.end,
            not_started,
            complete,
        );
        Figure {
            percent,
            expected,
            status,
        }
    }
}

fn hundred_if(yes: bool) -> f64 {
    if yes { 100.0 } else { 0.0 }
}

fn commitment_track(c: &Commitment, scale: &StatusScale) -> CommitmentTrack {
    let start = c.start.resolve_start();
    let milestones = c
        .milestones
        .iter()
        .map(|m| milestone_track(m, start, scale))
        .collect();
    CommitmentTrack {
        own: Track::new(&c.updates, None, scale),
        start,
        end: c.end.resolve_end(),
        weight: c.weight.unwrap_or(1.0),
        milestones,
    }
}

fn milestone_track(
    m: &Milestone,
    commitment_start: NaiveDate,
    scale: &StatusScale,
) -> MilestoneTrack {
    MilestoneTrack {
        updates: Track::new(&m.updates, m.indicator.as_ref(), scale),
        start: m.start.map_or(commitment_start, |s| s.resolve_start()),
        due: m.due.resolve_end(),
        weight: m.weight.unwrap_or(1.0),
    }
}

/// Expected progress on `d` (§5): nothing before the plan's start.
fn expected(rules: &Rules, start: NaiveDate, due: NaiveDate, d: NaiveDate, before: bool) -> f64 {
    if before {
        0.0
    } else {
        expected_in(rules.schedule, start, due, d, false).0
    }
}

/// A leaf's figure on `d` (§2) from what its latest counting update says; `None` when it is
/// withdrawn.
fn figure_leaf(
    said: Option<Said>,
    (start, due): (NaiveDate, NaiveDate),
    d: NaiveDate,
    before: bool,
    rules: &Rules,
) -> Option<Figure> {
    if said.is_some_and(|s| s.withdrawn) {
        return None;
    }
    let percent = said.map_or(0.0, |s| s.percent);
    let expected = expected(rules, start, due, d, before);
    let status = status(
        false,
        percent,
        expected,
        rules.tolerance,
        d,
        due,
        true,
        true,
    );
    Some(Figure {
        percent,
        expected,
        status,
    })
}

/// A commitment's figures on `d` (§3); its counted milestones left in `leaves`.
fn figure_commitment(
    c: &mut CommitmentTrack,
    d: NaiveDate,
    before: bool,
    rules: &Rules,
    leaves: &mut Vec<(f64, f64, f64)>,
) -> CommitmentFigure {
    leaves.clear();
    let own = if before { None } else { c.own.advance(d) };
    let withdrawn = CommitmentFigure {
        figure: WITHDRAWN,
        level: Completion::Withdrawn,
        weight: c.weight,
    };
    if own.is_some_and(|s| s.withdrawn) {
        return withdrawn;
    }
    let figure = if c.milestones.is_empty() {
        let leaf = figure_leaf(own, (c.start, c.end), d, before, rules);
        leaf.unwrap_or(WITHDRAWN)
    } else {
        let mut not_started = true;
        let mut complete = true;
        for m in &mut c.milestones {
            let said = if before { None } else { m.updates.advance(d) };
            if let Some(f) = figure_leaf(said, (m.start, m.due), d, before, rules) {
                not_started &= f.status == NodeStatus::NotStarted;
                complete &= f.status == NodeStatus::Complete;
                leaves.push((f.percent, f.expected, m.weight));
            }
        }
        if leaves.is_empty() {
            return withdrawn;
        }
        let percent = weighted_mean(leaves.iter().map(|(p, _, w)| (*p, *w)));
        let expected = weighted_mean(leaves.iter().map(|(_, e, w)| (*e, *w)));
        let tolerance = rules.tolerance;
        let status = status(
            false,
            percent,
            expected,
            tolerance,
            d,
            c.end,
            not_started,
            complete,
        );
        Figure {
            percent,
            expected,
            status,
        }
    };
    let level = match own.and_then(|s| s.status) {
        Some(s) if s != Completion::Withdrawn => s,
        _ => level_of(figure.percent),
    };
    CommitmentFigure {
        figure,
        level,
        weight: c.weight,
    }
}
