//! The worked example of DESIGN §4, on `tests/fixtures/format-sample.json`: every number.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use ogp_core::progress::{
    Every, GroupBy, Level, NodeStatus, Options, PlanProgress, Rule, UpdateField, dates, groups,
    plan_progress, rows, series,
};
use ogp_core::{Dataset, ProgressMethod, Schedule};

const TOL: f64 = 1e-3;

fn sample() -> Dataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/format-sample.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    Dataset::from_json(&text).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(d: &str, method: Option<ProgressMethod>, schedule: Option<Schedule>) -> PlanProgress {
    let opts = Options {
        method,
        schedule,
        ..Options::default()
    };
    plan_progress(&sample().check().unwrap(), "zz-nap1", day(d), &opts).unwrap()
}

fn near(a: f64, b: f64) {
    assert!((a - b).abs() < TOL, "{a} != {b}");
}

#[test]
fn actual_progress_on_2025_03_18() {
    let p = at("2025-03-18", None, None);
    let c1 = &p.commitments[0];
    let c2 = &p.commitments[1];
    // zz-c1-m1 100 from its update of 2024-05-20.
    let m1 = &c1.milestones[0];
    assert_eq!((m1.id.as_str(), m1.percent), ("zz-c1-m1", 100.0));
    let from = m1.from.as_ref().unwrap();
    assert_eq!(
        (from.date.to_string().as_str(), from.field),
        ("2024-05-20", UpdateField::Percent)
    );
    // zz-c1-m2 25: status limited, dated 2024-12, counting from 2024-12-31.
    let m2 = &c1.milestones[1];
    assert_eq!((m2.id.as_str(), m2.percent), ("zz-c1-m2", 25.0));
    let from = m2.from.as_ref().unwrap();
    assert_eq!(
        (from.field, from.counts_from),
        (UpdateField::Status, day("2024-12-31"))
    );
    assert_eq!(m2.derivation.rule, Rule::Status);
    // zz-c1 = (100×1 + 25×3) / 4.
    assert_eq!(c1.percent, 43.75);
    assert_eq!((m1.weight, m2.weight), (Some(0.25), Some(0.75)));
    // zz-c2-m1 is an indicator: (27 − 5) / (60 − 5) = 40.
    assert_eq!(c2.milestones[0].derivation.rule, Rule::Indicator);
    near(c2.milestones[0].percent, 40.0);
    near(c2.percent, 40.0);
    // commitment_mean (the plan's method) = (43.75 + 40) / 2.
    assert_eq!(p.method, ProgressMethod::CommitmentMean);
    near(p.percent, 41.875);
    assert_eq!((c1.weight, c2.weight), (Some(0.5), Some(0.5)));
    // milestone_mean = (100 + 75 + 40) / 5.
    near(
        at("2025-03-18", Some(ProgressMethod::MilestoneMean), None).percent,
        43.0,
    );
    assert!(p.excluded.is_empty());
    assert!(p.warnings.is_empty());
}

#[test]
fn expected_progress_step() {
    let p = at("2025-03-18", None, None);
    assert_eq!(p.schedule, Schedule::Step);
    near(p.commitments[0].expected, 25.0); // (100×1 + 0×3) / 4
    near(p.commitments[1].expected, 0.0);
    near(p.expected, 12.5);
    near(
        at("2025-03-18", Some(ProgressMethod::MilestoneMean), None).expected,
        20.0,
    );
}

#[test]
fn expected_progress_linear() {
    let p = at("2025-03-18", None, Some(Schedule::Linear));
    let m2 = &p.commitments[0].milestones[1];
    assert_eq!((m2.start, m2.due), (day("2024-07-01"), day("2025-06-30")));
    near(m2.expected, 71.429); // 260 of 364 days
    assert!(
        m2.derivation.expected.contains("260 of 364 days"),
        "{}",
        m2.derivation.expected
    );
    near(p.commitments[0].expected, 78.571);
    let c2m1 = &p.commitments[1].milestones[0];
    assert_eq!(c2m1.start, day("2024-03-01")); // its commitment's start
    near(c2m1.expected, 57.015); // 382 of 670 days
    assert!(c2m1.derivation.expected.contains("382 of 670 days"));
    near(p.expected, 67.793);
}

#[test]
fn the_december_update_does_not_count_on_2024_12_30() {
    let p = at("2024-12-30", None, None);
    assert_eq!(p.commitments[0].milestones[1].percent, 0.0);
    near(p.commitments[0].percent, 25.0);
    near(p.percent, 12.5);
}

#[test]
fn reported_figures_beside_the_computed_one() {
    let p = at("2025-03-18", None, None);
    let last = p.reported.last().unwrap();
    assert_eq!(last.percent, 40.0);
    assert_eq!(last.meeting.as_deref(), Some("zz-meeting-2"));
    near(last.difference, 1.875);
    // The portal's 35 % of 2024-12-31 is listed too, in dataset order.
    assert_eq!(p.reported.len(), 2);
    near(p.reported[0].difference, 6.875);
    // On 2025-03-17 the minutes' figure is not yet published.
    assert_eq!(at("2025-03-17", None, None).reported.len(), 1);
}

#[test]
fn statuses_on_2025_03_18() {
    let p = at("2025-03-18", None, None);
    assert_eq!(p.status, NodeStatus::OnTrack);
    assert_eq!(p.commitments[0].milestones[0].status, NodeStatus::Complete);
    assert_eq!(p.commitments[0].milestones[1].status, NodeStatus::OnTrack);
    assert_eq!(p.commitments[0].status, NodeStatus::OnTrack);
    assert_eq!(p.commitments[1].status, NodeStatus::OnTrack);
    // Under the linear schedule zz-c1-m2 is 25 against 71.429: behind.
    let p = at("2025-03-18", None, Some(Schedule::Linear));
    assert_eq!(p.commitments[0].milestones[1].status, NodeStatus::Behind);
    assert_eq!(p.status, NodeStatus::Behind);
    // Before the plan starts, nothing has started.
    let p = at("2023-12-31", None, None);
    assert_eq!((p.percent, p.status), (0.0, NodeStatus::NotStarted));
}

#[test]
fn roll_ups_on_the_sample() {
    let ds = sample();
    let p = plan_progress(
        &ds.check().unwrap(),
        "zz-nap1",
        day("2025-03-18"),
        &Options::default(),
    )
    .unwrap();
    let themes = groups(&ds, &p, GroupBy::Theme);
    let t: Vec<(Option<&str>, f64)> = themes
        .iter()
        .map(|g| (g.key.as_deref(), g.percent))
        .collect();
    assert_eq!(t, [(Some("zz-t1"), 43.75), (Some("zz-t2"), 40.0)]);
    let values = groups(&ds, &p, GroupBy::Value);
    assert_eq!(values[0].key.as_deref(), Some("access_to_information"));
    near(values[0].percent, 41.875);
    assert_eq!(values[1].key.as_deref(), Some("public_accountability"));
    near(values[1].percent, 43.75);
}

#[test]
fn series_on_the_sample_equals_pointwise() {
    let ds = sample();
    let ds_dates = dates(Every::Month, day("2023-10-01"), day("2026-03-31"));
    for schedule in [Schedule::Step, Schedule::Linear] {
        let opts = Options {
            schedule: Some(schedule),
            ..Options::default()
        };
        let s = series(&ds.check().unwrap(), "zz-nap1", &ds_dates, &opts).unwrap();
        for (d, r) in ds_dates.iter().zip(&s) {
            assert_eq!(
                r,
                &plan_progress(&ds.check().unwrap(), "zz-nap1", *d, &opts).unwrap()
            );
        }
        let r = rows(&ds, &s, Level::Commitment, "fr");
        assert_eq!(r.len(), 2 * ds_dates.len());
        assert_eq!(r[0].title, "Ouvrir le budget");
    }
}

#[test]
fn json_output_names_the_figures() {
    let p = at("2025-03-18", None, None);
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["plan"], "zz-nap1");
    assert_eq!(v["percent"], 41.875);
    assert_eq!(v["reported"][1]["percent"], 40);
    assert_eq!(v["reported"][1]["difference"], 1.875);
    assert_eq!(v["commitments"][0]["number"], "1");
    assert_eq!(
        v["commitments"][0]["milestones"][1]["from"]["date"],
        "2024-12"
    );
}

/// Every plan at once equals each plan alone, row for row: on the OGP database fixture
/// (several countries, a local plan), imported.
#[test]
fn the_series_of_every_plan_equals_each_plan_alone() {
    use ogp_core::progress::{Every, Level, Options, rows, series, series_of_plans};
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/ogp-database/commitments.csv");
    let imported = ogp_core::io::ogp_sheet::read_file(&sheet).unwrap();
    let checked = ogp_core::Checked::new(imported.dataset).unwrap();
    assert!(checked.plans.len() >= 3, "the fixture holds several plans");
    let opts = Options::default();
    let all = series_of_plans(&checked, &[], Every::Month, None, None, &opts).unwrap();
    assert_eq!(all.len(), checked.plans.len());
    for (plan, together) in checked.plans.iter().zip(&all) {
        let dates = ogp_core::progress::plan_dates(plan, Every::Month, None, None);
        let alone = series(&checked, plan.id.as_str(), &dates, &opts).unwrap();
        assert_eq!(together, &alone, "{}", plan.id);
        let lang = checked.default_language.as_str();
        let (a, b) = (
            rows(&checked, together, Level::Commitment, lang),
            rows(&checked, &alone, Level::Commitment, lang),
        );
        assert_eq!(a, b);
        assert!(a.iter().all(|r| r.plan == plan.id.as_str()));
    }
    // Narrowed to two plans, in the order asked.
    let ids: Vec<&str> = checked
        .plans
        .iter()
        .rev()
        .take(2)
        .map(|p| p.id.as_str())
        .collect();
    let two = series_of_plans(&checked, &ids, Every::Quarter, None, None, &opts).unwrap();
    assert_eq!(two.len(), 2);
    assert_eq!(two[0][0].plan, ids[0]);
    assert!(matches!(
        series_of_plans(&checked, &["nope"], Every::Month, None, None, &opts),
        Err(ogp_core::Error::NotFound { .. })
    ));
}

/// Figures only (`Detail::Figures`) gives the same figures as the full derivation, every node
/// on every date; only the words are left out.
#[test]
fn figures_only_gives_the_same_figures() {
    use ogp_core::progress::{Detail, Every, Options, series_of_plans};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let morocco = ogp_core::io::open(&root.join("examples/morocco-nap3/dataset.json"))
        .unwrap()
        .into_checked()
        .unwrap();
    let sample = ogp_core::io::open(&root.join("tests/fixtures/format-sample.json"))
        .unwrap()
        .into_checked()
        .unwrap();
    for checked in [morocco, sample] {
        let full = Options::default();
        let figures = Options {
            detail: Detail::Figures,
            ..Options::default()
        };
        let a = series_of_plans(&checked, &[], Every::Month, None, None, &full).unwrap();
        let b = series_of_plans(&checked, &[], Every::Month, None, None, &figures).unwrap();
        for (x, y) in a.iter().flatten().zip(b.iter().flatten()) {
            assert_eq!(
                (x.percent, x.expected, x.status),
                (y.percent, y.expected, y.status)
            );
            assert!(!x.derivation.percent.is_empty());
            assert!(y.derivation.percent.is_empty());
            for (c, d) in x.commitments.iter().zip(&y.commitments) {
                assert_eq!(
                    (c.percent, c.expected, c.status, c.weight),
                    (d.percent, d.expected, d.status, d.weight)
                );
                for (m, n) in c.milestones.iter().zip(&d.milestones) {
                    assert_eq!(
                        (m.percent, m.expected, m.status),
                        (n.percent, n.expected, n.status)
                    );
                }
            }
        }
    }
}
