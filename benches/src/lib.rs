//! Synthetic datasets for the benchmarks: a plan of any size, generated deterministically.
// The generator builds ids and dates it knows to be valid: a failure is a bug in this file.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use ogp_core::{
    ActionPlan, Commitment, Completion, Dataset, Ext, Id, Indicator, Milestone, OrgKind,
    Organization, PlanDate, PlanLevel, PlanStatus, Sector, Text, Theme, Update, UpdateSource,
};

pub mod rotation;
pub mod selection;
pub mod world;

/// A small deterministic generator (a linear congruential step), so that runs compare.
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn id(s: String) -> Id {
    Id::new(s).expect("generated ids match the id pattern")
}

fn day(d: NaiveDate) -> PlanDate {
    PlanDate::Day(d)
}

/// A dataset with one plan of `commitments` commitments, each with `milestones` milestones and
/// `updates` updates per milestone (percent, status and indicator values mixed), over
/// 2024–2027.
pub fn plan(commitments: usize, milestones: usize, updates: usize) -> Dataset {
    let mut rng = Lcg(2024);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a calendar date");
    let last = NaiveDate::from_ymd_opt(2027, 12, 31).expect("a calendar date");
    let span = 4 * 365;
    let org = Organization {
        id: id("ministry".into()),
        name: Text::plain("Ministry"),
        short_name: None,
        sector: Sector::Government,
        kind: Some(OrgKind::Ministry),
        parent: None,
        region: None,
        focus: Vec::new(),
        url: None,
        ext: Ext::new(),
    };
    let themes: Vec<Theme> = (0..5)
        .map(|t| Theme {
            id: id(format!("t{t}")),
            title: Text::plain(format!("Theme {t}")),
            ext: Ext::new(),
        })
        .collect();
    let commitments = (0..commitments)
        .map(|c| {
            let ms = (0..milestones)
                .map(|m| {
                    let due = start + chrono::Days::new(rng.below(span) + 30);
                    let indicator = (m % 4 == 3).then_some(Indicator {
                        unit: "count".into(),
                        baseline: 0.0,
                        target: 100.0,
                        higher_is_better: true,
                    });
                    let ups = (0..updates)
                        .map(|u| {
                            let date = start + chrono::Days::new(rng.below(span));
                            let (percent, status, value) = match (m % 4, u % 2) {
                                (3, _) => (None, None, Some(rng.below(120) as f64)),
                                (_, 0) => (Some(rng.below(101) as f64), None, None),
                                _ => (
                                    None,
                                    Some(
                                        [
                                            Completion::NotStarted,
                                            Completion::Limited,
                                            Completion::Substantial,
                                            Completion::Complete,
                                        ][u % 4],
                                    ),
                                    None,
                                ),
                            };
                            Update {
                                date: day(date),
                                percent,
                                status,
                                value,
                                source: UpdateSource::SelfAssessment,
                                note: None,
                                evidence: Vec::new(),
                                ext: Ext::new(),
                            }
                        })
                        .collect();
                    Milestone {
                        id: id(format!("c{c}-m{m}")),
                        title: Text::plain(format!("Milestone {m} of commitment {c}")),
                        start: None,
                        due: day(due.min(last)),
                        weight: None,
                        lead: None,
                        indicator,
                        updates: ups,
                        ext: Ext::new(),
                    }
                })
                .collect();
            Commitment {
                id: id(format!("c{c}")),
                ogp_id: None,
                number: Some((c + 1).to_string()),
                title: Text::plain(format!("Commitment {c}")),
                short_title: None,
                theme: Some(id(format!("t{}", c % 5))),
                lead: id("ministry".into()),
                partners: Vec::new(),
                policy_areas: Vec::new(),
                values: Vec::new(),
                challenge: None,
                solution: None,
                description: None,
                url: None,
                start: PlanDate::Year(2024),
                end: PlanDate::Year(2027),
                weight: None,
                milestones: ms,
                updates: Vec::new(),
                irm: None,
                ext: Ext::new(),
            }
        })
        .collect();
    Dataset {
        organizations: vec![org],
        plans: vec![ActionPlan {
            id: id("plan".into()),
            ogp_id: None,
            country: "ZZ".into(),
            level: PlanLevel::National,
            jurisdiction: None,
            region: None,
            number: Some(1),
            title: Text::plain("Synthetic plan"),
            start: PlanDate::Year(2024),
            end: PlanDate::Year(2027),
            status: PlanStatus::Implementation,
            themes,
            commitments,
            progress_rules: None,
            reported: Vec::new(),
            sources: Vec::new(),
            ext: Ext::new(),
        }],
        ..Dataset::default()
    }
}
