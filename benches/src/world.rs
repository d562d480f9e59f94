//! A deterministic world-wide dataset: many plans of many countries, each with commitments,
//! milestones and a history of dated updates — the scale of the OGP database with its
//! history (issue #9).
//!
//! What the data exercises, so that a reimplementation (`benches/python/compare.py`) knows what
//! it must handle:
//! - plans of real ISO countries (`country::all()` in turn), numbered per country, with periods
//!   of 2–4 years written as years, months or days;
//! - titles in English, and on every third plan in English, French and Arabic;
//! - commitment weights on a quarter of the plans, milestone weights on a quarter of the
//!   commitments (all or none among siblings, as validation asks);
//! - indicators on about a fifth of the milestones, some falling (target below baseline),
//!   with values that overshoot both ends (progress is clipped to 0–100);
//! - percent and status updates (never `no_evidence`, which would add warnings), dated to the
//!   day, the month or the year (partial dates count from the end of their period);
//! - withdrawn milestones (a `withdrawn` status somewhere in their history, sometimes undone
//!   by a later update), commitments withdrawn by their own update, and commitments whose
//!   milestones are all withdrawn.
//!
//! Only the default progress rules are used (`commitment_mean`, `step`, the default status
//! scale). The same size and seed always give the same dataset, hence the same bytes.

use chrono::{Datelike, Days, NaiveDate};
use ogp_core::{
    ActionPlan, Commitment, Completion, Dataset, Ext, Id, Indicator, Milestone, OrgKind,
    Organization, PlanDate, PlanLevel, PlanStatus, Sector, Text, Theme, Update, UpdateSource,
};

use crate::Lcg;

/// How big a world: `plans` plans of `commitments` commitments of `milestones` milestones,
/// each milestone with `updates` updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Plans.
    pub plans: usize,
    /// Commitments per plan.
    pub commitments: usize,
    /// Milestones per commitment.
    pub milestones: usize,
    /// Updates per milestone.
    pub updates: usize,
}

impl Size {
    /// The number of milestone updates in the dataset.
    pub fn updates_total(&self) -> usize {
        self.plans * self.commitments * self.milestones * self.updates
    }
}

/// Themes per plan.
const THEMES: usize = 4;

/// The world dataset of `size`, drawn from `seed`.
pub fn world(size: Size, seed: u64) -> Dataset {
    let mut rng = Lcg(seed ^ 0x5eed_0f09);
    let mut ds = Dataset::default();
    for p in 0..size.plans {
        let (org, plan) = plan(&mut rng, size, p);
        ds.organizations.push(org);
        ds.plans.push(plan);
    }
    ds
}

/// The monthly plan-level series of every plan (month ends from each plan's start to its
/// end, default options), as an analyst would ask for it; returns the number of figures.
///
/// This is the one place the benchmarks compute it: `progress::series_table` (the
/// figures-only sweep the CLI and Python use) on the dataset checked once (as a face does
/// after loading).
pub fn series_of_every_plan(checked: &ogp_core::Checked) -> usize {
    use ogp_core::progress::{self, Every, Level, Options};
    let opts = Options::default();
    progress::series_table(checked, &[], Every::Month, None, None, Level::Plan, &opts)
        .map_or(0, |t| t.len())
}

/// The same series with every result built whole (`progress::series_of_plans`,
/// `Detail::Figures`: every node's figures, ids and update references, no words): the
/// baseline that shows what the figures-only sweep saves.
pub fn series_of_every_plan_full(checked: &ogp_core::Checked) -> usize {
    use ogp_core::progress::{self, Every, Options};
    let opts = Options {
        detail: progress::Detail::Figures,
        ..Options::default()
    };
    progress::series_of_plans(checked, &[], Every::Month, None, None, &opts)
        .map_or(0, |all| all.iter().map(Vec::len).sum())
}

fn id(s: String) -> Id {
    Id::new(s).unwrap_or_else(|e| unreachable!("generated ids match the id pattern: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A title: English only, or English, French and Arabic.
fn title(multilingual: bool, en: String, fr: String, ar: String) -> Text {
    if multilingual {
        Text::langs([
            ("ar", ar.as_str()),
            ("en", en.as_str()),
            ("fr", fr.as_str()),
        ])
    } else {
        Text::plain(en)
    }
}

/// The plan's period, written in one of three precisions.
fn period(rng: &mut Lcg) -> (PlanDate, PlanDate) {
    let y = 2012 + rng.below(13) as i32;
    let years = 2 + rng.below(3) as i32;
    match rng.below(3) {
        0 => (PlanDate::Year(y), PlanDate::Year(y + years - 1)),
        1 => (PlanDate::Month(y, 9), PlanDate::Month(y + years, 8)),
        _ => (
            PlanDate::Day(date(y, 1, 1)),
            PlanDate::Day(date(y + years - 1, 12, 31)),
        ),
    }
}

/// A day within `[from, to]`.
fn day_within(rng: &mut Lcg, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from + Days::new(rng.below(span + 1))
}

/// `d` written as a day, a month or a year — the coarser ones only when their period still
/// ends by `limit`.
fn partial(rng: &mut Lcg, d: NaiveDate, limit: NaiveDate) -> PlanDate {
    let r = rng.below(10);
    let year = PlanDate::Year(d.year());
    let month = PlanDate::Month(d.year(), d.month());
    if r == 0 && year.resolve_end() <= limit {
        year
    } else if r <= 2 && month.resolve_end() <= limit {
        month
    } else {
        PlanDate::Day(d)
    }
}

fn plan(rng: &mut Lcg, size: Size, p: usize) -> (Organization, ActionPlan) {
    let countries = ogp_core::country::all();
    let country = countries.get(p % countries.len().max(1));
    let (code, name) = country.map_or(("ZZ", "Nowhere"), |c| (c.alpha2, c.name));
    let number = (p / countries.len().max(1) + 1) as u32;
    let pid = format!("{}-nap{number}", code.to_lowercase());
    let multilingual = p % 3 == 0;
    let weighted = p % 4 == 1;
    let (start, end) = period(rng);
    let org = Organization {
        id: id(format!("{pid}-gov")),
        name: title(
            multilingual,
            format!("Government of {name}"),
            format!("Gouvernement ({name})"),
            format!("حكومة {name}"),
        ),
        short_name: None,
        sector: Sector::Government,
        kind: Some(OrgKind::Ministry),
        parent: None,
        region: None,
        focus: Vec::new(),
        url: None,
        ext: Ext::new(),
    };
    let themes = (0..THEMES)
        .map(|t| Theme {
            id: id(format!("{pid}-t{t}")),
            title: title(
                multilingual,
                format!("Theme {t}"),
                format!("Axe {t}"),
                format!("المحور {t}"),
            ),
            ext: Ext::new(),
        })
        .collect();
    let commitments = (0..size.commitments)
        .map(|c| commitment(rng, size, &pid, c, (start, end), (multilingual, weighted)))
        .collect();
    let plan = ActionPlan {
        id: id(pid.clone()),
        ogp_id: None,
        country: code.to_owned(),
        level: PlanLevel::National,
        jurisdiction: None,
        region: None,
        number: Some(number),
        title: title(
            multilingual,
            format!("National action plan {number} of {name}"),
            format!("Plan d'action national {number} ({name})"),
            format!("خطة العمل الوطنية {number} ({name})"),
        ),
        start,
        end,
        status: PlanStatus::Implementation,
        themes,
        commitments,
        progress_rules: None,
        reported: Vec::new(),
        sources: Vec::new(),
        ext: Ext::new(),
    };
    (org, plan)
}

/// A commitment over the whole plan period; `flags` = (multilingual, weighted).
fn commitment(
    rng: &mut Lcg,
    size: Size,
    pid: &str,
    c: usize,
    (start, end): (PlanDate, PlanDate),
    (multilingual, weighted): (bool, bool),
) -> Commitment {
    let cid = format!("{pid}-c{c}");
    let from = start.resolve_start();
    let to = end.resolve_end();
    let milestone_weights = rng.below(4) == 0;
    // 3 in 100 commitments lose every milestone, 3 in 100 are withdrawn by their own update.
    let fate = rng.below(100);
    let all_withdrawn = fate < 3;
    let milestones = (0..size.milestones)
        .map(|m| {
            let weight = milestone_weights.then(|| 1.0 + rng.below(4) as f64 * 0.5);
            milestone(rng, size, &cid, m, (from, to), weight, all_withdrawn)
        })
        .collect();
    let updates = if (3..6).contains(&fate) {
        let d = day_within(rng, from, to);
        vec![update(
            partial(rng, d, to),
            None,
            Some(Completion::Withdrawn),
            None,
        )]
    } else {
        Vec::new()
    };
    Commitment {
        id: id(cid),
        ogp_id: None,
        number: Some((c + 1).to_string()),
        title: title(
            multilingual,
            format!("Commitment {}", c + 1),
            format!("Engagement {}", c + 1),
            format!("الالتزام {}", c + 1),
        ),
        short_title: None,
        theme: Some(id(format!("{pid}-t{}", c % THEMES))),
        lead: id(format!("{pid}-gov")),
        partners: Vec::new(),
        policy_areas: Vec::new(),
        values: Vec::new(),
        challenge: None,
        solution: None,
        description: None,
        url: None,
        start,
        end,
        weight: weighted.then(|| 1.0 + rng.below(5) as f64),
        milestones,
        updates,
        irm: None,
        ext: Ext::new(),
    }
}

/// A milestone due within `(from, to)` with `size.updates` updates dated from `from` to half a
/// year after `to`.
fn milestone(
    rng: &mut Lcg,
    size: Size,
    cid: &str,
    m: usize,
    (from, to): (NaiveDate, NaiveDate),
    weight: Option<f64>,
    withdrawn: bool,
) -> Milestone {
    let due_day = day_within(rng, from, to);
    let due = partial(rng, due_day, to);
    let indicator = (rng.below(5) == 0).then(|| indicator(rng));
    // One update in the history may be a withdrawal (every milestone's last one when the
    // commitment loses them all).
    let withdrawal = if withdrawn {
        Some(size.updates.saturating_sub(1))
    } else {
        (rng.below(20) == 0).then(|| rng.below(size.updates as u64) as usize)
    };
    let last = to.checked_add_days(Days::new(183)).unwrap_or(to);
    let mut days: Vec<NaiveDate> = (0..size.updates)
        .map(|_| day_within(rng, from, last))
        .collect();
    days.sort_unstable();
    let updates = days
        .into_iter()
        .enumerate()
        .map(|(u, d)| {
            let when = partial(rng, d, NaiveDate::MAX);
            if withdrawal == Some(u) {
                update(when, None, Some(Completion::Withdrawn), None)
            } else {
                progress_update(rng, when, indicator.as_ref())
            }
        })
        .collect();
    Milestone {
        id: id(format!("{cid}-m{m}")),
        title: Text::plain(format!("Milestone {} of {cid}", m + 1)),
        start: None,
        due,
        weight,
        lead: None,
        indicator,
        updates,
        ext: Ext::new(),
    }
}

/// An indicator, rising or falling.
fn indicator(rng: &mut Lcg) -> Indicator {
    let a = rng.below(50) as f64;
    let b = a + 10.0 + rng.below(200) as f64 / 2.0;
    let falling = rng.below(3) == 0;
    Indicator {
        unit: "count".into(),
        baseline: if falling { b } else { a },
        target: if falling { a } else { b },
        higher_is_better: !falling,
    }
}

/// An update giving an indicator value (when there is an indicator), else a percent or a
/// status.
fn progress_update(rng: &mut Lcg, when: PlanDate, indicator: Option<&Indicator>) -> Update {
    const STATUSES: [Completion; 4] = [
        Completion::NotStarted,
        Completion::Limited,
        Completion::Substantial,
        Completion::Complete,
    ];
    match indicator {
        Some(i) => {
            let (lo, hi) = (i.baseline.min(i.target), i.baseline.max(i.target));
            let value = lo - 5.0 + rng.below(((hi - lo + 10.0) * 4.0) as u64) as f64 / 4.0;
            update(when, None, None, Some(value))
        }
        None if rng.below(2) == 0 => update(when, Some(rng.below(401) as f64 / 4.0), None, None),
        None => {
            let s = STATUSES.get(rng.below(4) as usize).copied();
            update(when, None, s, None)
        }
    }
}

fn update(
    date: PlanDate,
    percent: Option<f64>,
    status: Option<Completion>,
    value: Option<f64>,
) -> Update {
    Update {
        date,
        percent,
        status,
        value,
        source: UpdateSource::SelfAssessment,
        note: None,
        evidence: Vec::new(),
        ext: Ext::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Size = Size {
        plans: 12,
        commitments: 6,
        milestones: 4,
        updates: 5,
    };

    #[test]
    fn a_small_world_validates_without_errors() {
        let ds = world(SMALL, 1);
        let report = ogp_core::validate(&ds);
        let errors: Vec<_> = report.errors().collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(ds.plans.len(), 12);
        let n: usize = ds
            .plans
            .iter()
            .flat_map(|p| &p.commitments)
            .flat_map(|c| &c.milestones)
            .map(|m| m.updates.len())
            .sum();
        assert_eq!(n, SMALL.updates_total());
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() {
        let a = world(SMALL, 1).to_json();
        assert_eq!(a, world(SMALL, 1).to_json());
        assert_ne!(a, world(SMALL, 2).to_json());
    }

    #[test]
    fn the_world_exercises_what_compare_py_reimplements() {
        let ds = world(Size { plans: 40, ..SMALL }, 1);
        let ms: Vec<&Milestone> = ds
            .plans
            .iter()
            .flat_map(|p| &p.commitments)
            .flat_map(|c| &c.milestones)
            .collect();
        let ups: Vec<&Update> = ms.iter().flat_map(|m| &m.updates).collect();
        assert!(ups.iter().any(|u| matches!(u.date, PlanDate::Year(_))));
        assert!(ups.iter().any(|u| matches!(u.date, PlanDate::Month(..))));
        assert!(ups.iter().any(|u| u.status == Some(Completion::Withdrawn)));
        assert!(ups.iter().any(|u| u.percent.is_some()));
        assert!(ups.iter().any(|u| u.value.is_some()));
        assert!(ms.iter().any(|m| m.weight.is_some()));
        assert!(
            ms.iter()
                .any(|m| m.indicator.as_ref().is_some_and(|i| !i.higher_is_better))
        );
        let cs: Vec<&Commitment> = ds.plans.iter().flat_map(|p| &p.commitments).collect();
        assert!(cs.iter().any(|c| c.weight.is_some()));
        assert!(cs.iter().any(|c| !c.updates.is_empty()));
        assert!(ds.plans.iter().any(|p| matches!(p.title, Text::Langs(_))));
        assert!(ogp_core::validate(&ds).errors().next().is_none());
    }

    #[test]
    fn every_plan_has_a_monthly_series() {
        let ds = world(SMALL, 3);
        let months: usize = ds
            .plans
            .iter()
            .map(|p| {
                ogp_core::progress::plan_dates(p, ogp_core::progress::Every::Month, None, None)
                    .len()
            })
            .sum();
        assert!(months > 0);
        let checked = ogp_core::Checked::new(ds).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(series_of_every_plan(&checked), months);
        assert_eq!(series_of_every_plan_full(&checked), months);
    }
}
