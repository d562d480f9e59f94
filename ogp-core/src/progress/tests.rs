//! Unit tests: each rule of the module documentation, with hand-computed figures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;

use super::*;
use crate::{Code, Completion, Dataset, Error};

/// The engine on a dataset checked here (the tests build plain datasets).
fn plan_progress(
    ds: &Dataset,
    plan: &str,
    as_of: NaiveDate,
    opts: &Options,
) -> Result<PlanProgress, Error> {
    super::plan_progress(&ds.check()?, plan, as_of, opts)
}

/// The series on a dataset checked here.
fn series(
    ds: &Dataset,
    plan: &str,
    dates: &[NaiveDate],
    opts: &Options,
) -> Result<Vec<PlanProgress>, Error> {
    super::series(&ds.check()?, plan, dates, opts)
}

const EPS: f64 = 1e-9;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{a} != {b}");
    }};
}

/// A dataset with two organizations (`a`, `b`), one plan `p` (2024-01 – 2025-12, themes `t1`,
/// `t2`), `rules` inserted in the plan (e.g. `"progress_rules": {...},`) and the commitments.
fn dataset(rules: &str, commitments: &[String]) -> Dataset {
    let src = format!(
        r#"{{"schema_version": "1",
        "organizations": [{{"id": "a", "name": "A", "sector": "government"}},
                          {{"id": "b", "name": "B", "sector": "government"}}],
        "plans": [{{"id": "p", "country": "ZZ", "level": "national", "title": "P",
            "start": "2024-01", "end": "2025-12", "status": "implementation",
            "themes": [{{"id": "t1", "title": "T1"}}, {{"id": "t2", "title": "T2"}}],
            {rules}
            "commitments": [{}]}}]}}"#,
        commitments.join(",")
    );
    match Dataset::from_json(&src) {
        Ok(ds) => ds,
        Err(e) => panic!("{e}: {:?}\n{src}", e.problems()),
    }
}

/// A commitment running 2024-01 – 2025-12 led by `a`; `extra` is inserted first (end it with a
/// comma).
fn commitment(id: &str, extra: &str) -> String {
    format!(
        r#"{{{extra} "id": "{id}", "title": "{id}", "lead": "a", "start": "2024-01", "end": "2025-12"}}"#
    )
}

/// A milestone due `due`; `extra` is inserted first (end it with a comma).
fn milestone(id: &str, due: &str, extra: &str) -> String {
    format!(r#"{{{extra} "id": "{id}", "title": "{id}", "due": "{due}"}}"#)
}

fn update(date: &str, body: &str) -> String {
    format!(r#"{{"date": "{date}", "source": "committee", {body}}}"#)
}

fn updates(list: &[String]) -> String {
    format!(r#""updates": [{}],"#, list.join(","))
}

fn milestones(list: &[String]) -> String {
    format!(r#""milestones": [{}],"#, list.join(","))
}

/// A milestone due 2025-12 with one percent update dated 2024-06.
fn pm(id: &str, weight: Option<f64>, percent: f64) -> String {
    let w = weight
        .map(|w| format!(r#""weight": {w},"#))
        .unwrap_or_default();
    milestone(
        id,
        "2025-12",
        &format!(
            "{w}{}",
            updates(&[update("2024-06", &format!(r#""percent": {percent}"#))])
        ),
    )
}

fn run(ds: &Dataset, d: &str) -> PlanProgress {
    plan_progress(ds, "p", day(d), &Options::default()).unwrap()
}

fn with(ds: &Dataset, d: &str, opts: &Options) -> PlanProgress {
    plan_progress(ds, "p", day(d), opts).unwrap()
}

fn method(m: ProgressMethod) -> Options {
    Options {
        method: Some(m),
        ..Options::default()
    }
}

#[test]
fn equal_weights_average_plainly() {
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", None, 20.0), pm("m2", None, 60.0)]),
        )],
    );
    let p = run(&ds, "2025-03-18");
    let c = &p.commitments[0];
    assert_close!(c.percent, 40.0);
    assert_eq!(c.milestones[0].weight, Some(0.5));
    assert_eq!(c.milestones[1].weight, Some(0.5));
    assert_eq!(c.derivation.rule, Rule::WeightedMean);
    assert_eq!(c.derivation.terms.len(), 2);
    assert_close!(p.percent, 40.0);
    assert_eq!(c.weight, Some(1.0));
}

#[test]
fn unequal_weights_are_normalised_by_their_sum() {
    // (100×1 + 20×3) / 4 = 40
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", Some(1.0), 100.0), pm("m2", Some(3.0), 20.0)]),
        )],
    );
    let c = &run(&ds, "2025-03-18").commitments[0];
    assert_close!(c.percent, 40.0);
    assert_eq!(c.milestones[0].weight, Some(0.25));
    assert_eq!(c.milestones[1].weight, Some(0.75));
    assert_eq!(c.derivation.terms[1].weight, 3.0);
    assert_eq!(c.derivation.terms[1].normalised_weight, 0.75);
    // The same weights scaled give the same figure.
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", Some(0.5), 100.0), pm("m2", Some(1.5), 20.0)]),
        )],
    );
    assert_close!(run(&ds, "2025-03-18").commitments[0].percent, 40.0);
}

#[test]
fn a_missing_weight_among_given_ones_is_refused() {
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", Some(1.0), 100.0), pm("m2", None, 20.0)]),
        )],
    );
    match plan_progress(&ds, "p", day("2025-03-18"), &Options::default()) {
        Err(Error::Invalid { problems }) => {
            assert!(problems.iter().any(|p| p.code == Code::WeightsMissing))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_withdrawn_milestone_is_excluded_and_listed() {
    // m3's update says withdrawn (its percent is ignored): (30 + 60) / 2 = 45.
    let m3 = milestone(
        "m3",
        "2025-12",
        &updates(&[update("2024-06", r#""percent": 90, "status": "withdrawn""#)]),
    );
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", None, 30.0), pm("m2", None, 60.0), m3]),
        )],
    );
    let p = run(&ds, "2025-03-18");
    let c = &p.commitments[0];
    assert_close!(c.percent, 45.0);
    let m = &c.milestones[2];
    assert_eq!(
        (m.status, m.weight, m.percent),
        (NodeStatus::Withdrawn, None, 0.0)
    );
    assert_eq!(m.derivation.rule, Rule::Withdrawn);
    assert_eq!(
        p.excluded,
        [Excluded {
            id: "m3".into(),
            kind: NodeKind::Milestone,
            reason: ExclusionReason::Withdrawn
        }]
    );
    // milestone_mean excludes it too: (30 + 60) / 2.
    assert_close!(
        with(&ds, "2025-03-18", &method(ProgressMethod::MilestoneMean)).percent,
        45.0
    );
}

#[test]
fn withdrawal_is_a_state_on_the_date() {
    let m2 = milestone(
        "m2",
        "2025-12",
        &updates(&[
            update("2024-06", r#""status": "withdrawn""#),
            update("2024-09", r#""percent": 80"#),
        ]),
    );
    let ds = dataset(
        "",
        &[commitment("c1", &milestones(&[pm("m1", None, 40.0), m2]))],
    );
    assert_close!(run(&ds, "2024-07-01").commitments[0].percent, 40.0);
    assert_close!(run(&ds, "2024-10-01").commitments[0].percent, 60.0);
}

#[test]
fn a_milestone_without_update_counts_zero() {
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", None, 80.0), milestone("m2", "2025-12", "")]),
        )],
    );
    let p = run(&ds, "2025-03-18");
    let m2 = &p.commitments[0].milestones[1];
    assert_eq!(
        (m2.percent, m2.from.is_none(), m2.derivation.rule),
        (0.0, true, Rule::NoUpdate)
    );
    assert_eq!(m2.status, NodeStatus::NotStarted);
    assert_close!(p.commitments[0].percent, 40.0);
}

#[test]
fn status_only_updates_go_through_a_custom_scale() {
    let rules = r#""progress_rules": {"status_scale": {"limited": 30, "substantial": 60, "complete": 90, "no_evidence": 5}},"#;
    let st = |id: &str, s: &str| {
        milestone(
            id,
            "2025-12",
            &updates(&[update("2024-06", &format!(r#""status": "{s}""#))]),
        )
    };
    let ds = dataset(
        rules,
        &[commitment(
            "c1",
            &milestones(&[st("m1", "limited"), st("m2", "substantial")]),
        )],
    );
    let p = run(&ds, "2025-03-18");
    assert_close!(p.commitments[0].milestones[0].percent, 30.0);
    assert_close!(p.commitments[0].percent, 45.0);
    assert_eq!(p.commitments[0].milestones[0].derivation.rule, Rule::Status);
    assert_eq!(p.status_scale.complete, 90.0);
    // A per-call scale overrides the plan's.
    let o = Options {
        status_scale: Some(crate::StatusScale {
            limited: 10.0,
            substantial: 50.0,
            ..crate::StatusScale::default()
        }),
        ..Options::default()
    };
    assert_close!(with(&ds, "2025-03-18", &o).commitments[0].percent, 30.0);
    // no_evidence counts as the scale says, with a warning located at the update's status.
    let ds = dataset(
        rules,
        &[commitment(
            "c1",
            &milestones(&[st("m1", "no_evidence"), st("m2", "complete")]),
        )],
    );
    let p = run(&ds, "2025-03-18");
    assert_close!(p.commitments[0].percent, 47.5);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        p.warnings[0].location.pointer.as_deref(),
        Some("/plans/0/commitments/0/milestones/0/updates/0/status")
    );
    // Complete at 90 on this scale is not 100, so the milestone is not `complete`.
    assert_eq!(p.commitments[0].milestones[1].status, NodeStatus::OnTrack);
}

fn indicator(baseline: f64, target: f64, higher: bool, value: f64) -> f64 {
    let m = milestone(
        "m1",
        "2025-12",
        &format!(
            r#""indicator": {{"unit": "u", "baseline": {baseline}, "target": {target}, "higher_is_better": {higher}}}, {}"#,
            updates(&[update("2024-06", &format!(r#""value": {value}"#))])
        ),
    );
    let ds = dataset("", &[commitment("c1", &milestones(&[m]))]);
    let p = run(&ds, "2025-03-18");
    assert_eq!(
        p.commitments[0].milestones[0].derivation.rule,
        Rule::Indicator
    );
    assert_eq!(
        p.commitments[0].milestones[0].from.as_ref().unwrap().field,
        UpdateField::Value
    );
    p.commitments[0].milestones[0].percent
}

#[test]
fn a_rising_indicator() {
    assert_close!(indicator(10.0, 110.0, true, 35.0), 25.0); // (35 − 10) / 100
    assert_close!(indicator(10.0, 110.0, true, 200.0), 100.0); // clipped
    assert_close!(indicator(10.0, 110.0, true, 0.0), 0.0); // clipped
}

#[test]
fn a_falling_indicator() {
    assert_close!(indicator(40.0, 10.0, false, 25.0), 50.0); // (25 − 40) / (10 − 40)
    assert_close!(indicator(40.0, 10.0, false, 16.0), 80.0);
    assert_close!(indicator(40.0, 10.0, false, 50.0), 0.0); // worse than the baseline
    assert_close!(indicator(40.0, 10.0, false, 5.0), 100.0); // better than the target
}

#[test]
fn partial_dates_count_from_the_end_of_their_period() {
    let month = milestone(
        "m1",
        "2025-12",
        &updates(&[update("2024-06", r#""percent": 50"#)]),
    );
    let year = milestone(
        "m2",
        "2025-12",
        &updates(&[update("2024", r#""percent": 50"#)]),
    );
    let ds = dataset("", &[commitment("c1", &milestones(&[month, year]))]);
    let p = run(&ds, "2024-06-29");
    assert_eq!(
        (
            p.commitments[0].milestones[0].percent,
            p.commitments[0].milestones[1].percent
        ),
        (0.0, 0.0)
    );
    let p = run(&ds, "2024-06-30");
    assert_eq!(
        (
            p.commitments[0].milestones[0].percent,
            p.commitments[0].milestones[1].percent
        ),
        (50.0, 0.0)
    );
    let from = p.commitments[0].milestones[0].from.as_ref().unwrap();
    assert_eq!(
        (from.date.to_string(), from.counts_from),
        ("2024-06".to_owned(), day("2024-06-30"))
    );
    let p = run(&ds, "2024-12-31");
    assert_eq!(p.commitments[0].milestones[1].percent, 50.0);
}

#[test]
fn the_latest_update_wins_and_ties_go_to_the_later_in_the_list() {
    // Out of order in the list; 2024-06 and 2024-06-30 count from the same day.
    let m = milestone(
        "m1",
        "2025-12",
        &updates(&[
            update("2024-09-01", r#""percent": 70"#),
            update("2024-06", r#""percent": 10"#),
            update("2024-06-30", r#""percent": 20"#),
            update("2024-05-01", r#""percent": 90"#),
        ]),
    );
    let ds = dataset("", &[commitment("c1", &milestones(&[m]))]);
    assert_eq!(run(&ds, "2024-05-31").commitments[0].percent, 90.0);
    let p = run(&ds, "2024-06-30");
    assert_eq!(p.commitments[0].percent, 20.0);
    assert_eq!(
        p.commitments[0].milestones[0]
            .from
            .as_ref()
            .unwrap()
            .pointer,
        "/plans/0/commitments/0/milestones/0/updates/2"
    );
    assert_eq!(run(&ds, "2024-09-01").commitments[0].percent, 70.0);
}

/// A milestone scheduled 2024-01-01 → 2024-01-11 (10 days) with one percent update.
fn ten_days(percent: f64) -> Dataset {
    let m = milestone(
        "m1",
        "2024-01-11",
        &format!(
            r#""start": "2024-01-01", {}"#,
            updates(&[update("2024-01-02", &format!(r#""percent": {percent}"#))])
        ),
    );
    dataset("", &[commitment("c1", &milestones(&[m]))])
}

fn linear() -> Options {
    Options {
        schedule: Some(Schedule::Linear),
        ..Options::default()
    }
}

#[test]
fn step_and_linear_expectations() {
    let ds = ten_days(40.0);
    let step = run(&ds, "2024-01-06");
    assert_eq!(step.commitments[0].milestones[0].expected, 0.0);
    let lin = with(&ds, "2024-01-06", &linear());
    assert_close!(lin.commitments[0].milestones[0].expected, 50.0); // 5 of 10 days
    assert!(
        lin.commitments[0].milestones[0]
            .derivation
            .expected
            .contains("5 of 10 days")
    );
    for o in [Options::default(), linear()] {
        assert_eq!(
            with(&ds, "2024-01-11", &o).commitments[0].milestones[0].expected,
            100.0
        );
        assert_eq!(
            with(&ds, "2024-01-01", &o).commitments[0].milestones[0].expected,
            0.0
        );
    }
    // A commitment without milestones follows its own start and end (2024-01-01 – 2025-12-31).
    let ds = dataset("", &[commitment("c1", "")]);
    let p = with(&ds, "2024-01-02", &linear());
    assert_close!(p.commitments[0].expected, 100.0 / 730.0);
    assert_eq!(run(&ds, "2025-12-31").commitments[0].expected, 100.0);
}

#[test]
fn statuses_at_the_tolerance_boundary() {
    // Expected 50 on 2024-01-06 (linear), tolerance 10.
    let s = |percent: f64, d: &str| {
        with(&ten_days(percent), d, &linear()).commitments[0].milestones[0].status
    };
    assert_eq!(s(40.0, "2024-01-06"), NodeStatus::OnTrack); // exactly expected − tolerance
    assert_eq!(s(39.0, "2024-01-06"), NodeStatus::Behind);
    assert_eq!(s(60.0, "2024-01-06"), NodeStatus::OnTrack);
    assert_eq!(s(89.0, "2024-01-11"), NodeStatus::Behind); // due today: not yet overdue
    assert_eq!(s(90.0, "2024-01-12"), NodeStatus::Overdue);
    assert_eq!(s(100.0, "2024-01-12"), NodeStatus::Complete);
    assert_eq!(s(0.0, "2024-01-01"), NodeStatus::NotStarted);
    // A tighter tolerance by option.
    let o = Options {
        tolerance: Some(5.0),
        ..linear()
    };
    assert_eq!(
        with(&ten_days(44.0), "2024-01-06", &o).commitments[0].milestones[0].status,
        NodeStatus::Behind
    );
    assert_eq!(
        with(&ten_days(45.0), "2024-01-06", &o).commitments[0].milestones[0].status,
        NodeStatus::OnTrack
    );
}

/// c1: milestones 100 (w1) and 20 (w3) → 40, level limited; c2: no milestones, its own update
/// `substantial` → 75; c3: one milestone at 60 → level substantial. Themes: c1, c3 → t1;
/// c2 → t2. Values: c1 access + accountability, c2 access, c3 none. Leads: c1 a, c2 b, c3 a.
fn three(weights: bool) -> Dataset {
    let w = |x: u32| {
        if weights {
            format!(r#""weight": {x},"#)
        } else {
            String::new()
        }
    };
    let c1 = commitment(
        "c1",
        &format!(
            r#"{} "theme": "t1", "values": ["access_to_information", "public_accountability"], "policy_areas": ["budget"], {}"#,
            w(2),
            milestones(&[pm("c1-m1", Some(1.0), 100.0), pm("c1-m2", Some(3.0), 20.0)])
        ),
    );
    let c2 = commitment(
        "c2",
        &format!(
            r#"{} "theme": "t2", "values": ["access_to_information"], "policy_areas": ["justice", "budget"], {}"#,
            w(1),
            updates(&[update("2024-06", r#""status": "substantial""#)])
        ),
    )
    .replace(r#""lead": "a""#, r#""lead": "b""#);
    let c3 = commitment(
        "c3",
        &format!(
            r#"{} "theme": "t1", {}"#,
            w(1),
            milestones(&[pm("c3-m1", None, 60.0)])
        ),
    );
    dataset("", &[c1, c2, c3])
}

#[test]
fn each_method_gives_its_documented_figure() {
    let ds = three(false);
    let d = "2025-03-18";
    let cm = with(&ds, d, &method(ProgressMethod::CommitmentMean));
    assert_close!(cm.percent, 175.0 / 3.0); // (40 + 75 + 60) / 3
    let mm = with(&ds, d, &method(ProgressMethod::MilestoneMean));
    assert_close!(mm.percent, 295.0 / 6.0); // (100×1 + 20×3 + 75×1 + 60×1) / 6
    assert_close!(mm.commitments[0].weight.unwrap(), 4.0 / 6.0);
    assert_eq!(mm.derivation.terms.len(), 4);
    assert_eq!(mm.derivation.terms[2].kind, NodeKind::Commitment); // c2 counts as one milestone
    let cs = with(&ds, d, &method(ProgressMethod::CompletionShare));
    assert_close!(cs.percent, 200.0 / 3.0); // c2 and c3 at substantial
    let levels: Vec<Completion> = cs.commitments.iter().map(|c| c.level).collect();
    assert_eq!(
        levels,
        [
            Completion::Limited,
            Completion::Substantial,
            Completion::Substantial
        ]
    );
    assert_eq!(cs.derivation.terms[0].level, Some(Completion::Limited));
    // The commitments' own figures do not depend on the method.
    assert_eq!(cm.commitments, {
        let mut v = cs.commitments.clone();
        for (a, b) in v.iter_mut().zip(&cm.commitments) {
            a.weight = b.weight;
        }
        v
    });
    // The plan's rules choose the method when no option is given.
    assert_eq!(run(&ds, d).method, ProgressMethod::CommitmentMean);
}

#[test]
fn commitment_weights_count_in_commitment_mean_and_completion_share_only() {
    let ds = three(true); // weights 2, 1, 1
    let d = "2025-03-18";
    assert_close!(
        with(&ds, d, &method(ProgressMethod::CommitmentMean)).percent,
        53.75
    ); // (80 + 75 + 60) / 4
    assert_close!(
        with(&ds, d, &method(ProgressMethod::CompletionShare)).percent,
        50.0
    ); // (0 + 1 + 1) / 4
    assert_close!(
        with(&ds, d, &method(ProgressMethod::MilestoneMean)).percent,
        295.0 / 6.0
    );
    assert_eq!(run(&ds, d).commitments[0].weight, Some(0.5));
}

#[test]
fn completion_share_expected_counts_commitments_expected_at_half_or_more() {
    // Linear on 2025-01-01: c1 and c3 milestones run 2024-01-01 → 2025-12-31 (730 days), 366
    // days gone: 50.137 ≥ 50; c2 (no milestones) the same. All three count: expected 100.
    let ds = three(false);
    let o = Options {
        method: Some(ProgressMethod::CompletionShare),
        schedule: Some(Schedule::Linear),
        ..Options::default()
    };
    let p = with(&ds, "2025-01-01", &o);
    assert_close!(p.commitments[0].expected, 36_600.0 / 730.0);
    assert_close!(p.expected, 100.0);
    let p = with(&ds, "2024-12-30", &o); // 364 of 730 days: below 50
    assert_close!(p.expected, 0.0);
}

#[test]
fn a_commitments_own_status_sets_its_level() {
    // c1 has milestones (percent 40, so `limited` by percent) and its own update `substantial`.
    let c1 = commitment(
        "c1",
        &format!(
            "{}{}",
            milestones(&[pm("m1", None, 40.0)]),
            updates(&[update("2024-06", r#""status": "substantial""#)])
        ),
    );
    let ds = dataset("", &[c1]);
    let p = with(&ds, "2025-03-18", &method(ProgressMethod::CompletionShare));
    assert_eq!(p.commitments[0].level, Completion::Substantial);
    assert_close!(p.commitments[0].percent, 40.0); // its own update does not enter its percent
    assert_close!(p.percent, 100.0);
    assert!(p.commitments[0].from.is_some());
}

#[test]
fn withdrawn_commitments_are_excluded() {
    let gone = commitment(
        "c2",
        &format!(
            "{}{}",
            milestones(&[pm("c2-m1", None, 90.0)]),
            updates(&[update("2024-06", r#""status": "withdrawn""#)])
        ),
    );
    let all_gone = commitment(
        "c3",
        &milestones(&[milestone(
            "c3-m1",
            "2025-12",
            &updates(&[update("2024-06", r#""status": "withdrawn""#)]),
        )]),
    );
    let ds = dataset(
        "",
        &[
            commitment("c1", &milestones(&[pm("c1-m1", None, 30.0)])),
            gone,
            all_gone,
        ],
    );
    let p = run(&ds, "2025-03-18");
    assert_close!(p.percent, 30.0);
    assert_eq!(p.commitments[1].status, NodeStatus::Withdrawn);
    assert_eq!(p.commitments[1].level, Completion::Withdrawn);
    assert_eq!(p.commitments[1].weight, None);
    assert_eq!(p.commitments[1].milestones[0].status, NodeStatus::Withdrawn);
    let ex: Vec<(&str, ExclusionReason)> = p
        .excluded
        .iter()
        .map(|e| (e.id.as_str(), e.reason))
        .collect();
    assert_eq!(
        ex,
        [
            ("c2", ExclusionReason::Withdrawn),
            ("c2-m1", ExclusionReason::CommitmentWithdrawn),
            ("c3", ExclusionReason::AllMilestonesWithdrawn),
            ("c3-m1", ExclusionReason::Withdrawn),
        ]
    );
    for m in [
        ProgressMethod::MilestoneMean,
        ProgressMethod::CompletionShare,
    ] {
        let p = with(&ds, "2025-03-18", &method(m));
        assert_eq!(p.commitments[0].weight, Some(1.0));
        assert_eq!(p.derivation.terms.len(), 1);
    }
}

#[test]
fn roll_ups_use_the_plans_method_over_each_group() {
    let ds = three(false);
    let d = "2025-03-18";
    let p = run(&ds, d);
    let figures = |by| -> Vec<(Option<String>, f64)> {
        groups(&ds, &p, by)
            .into_iter()
            .map(|g| (g.key, (g.percent * 1000.0).round() / 1000.0))
            .collect()
    };
    let k = |s: &str| Some(s.to_owned());
    assert_eq!(figures(GroupBy::Theme), [(k("t1"), 50.0), (k("t2"), 75.0)]);
    assert_eq!(figures(GroupBy::Lead), [(k("a"), 50.0), (k("b"), 75.0)]);
    // c1 counts in both of its values; c3 has none.
    assert_eq!(
        figures(GroupBy::Value),
        [
            (k("access_to_information"), 57.5),
            (k("public_accountability"), 40.0),
            (None, 60.0)
        ]
    );
    assert_eq!(
        figures(GroupBy::PolicyArea),
        [(k("budget"), 57.5), (k("justice"), 75.0), (None, 60.0)]
    );
    let g = &groups(&ds, &p, GroupBy::Theme)[0];
    assert_eq!(g.commitments, ["c1", "c3"]);
    assert_eq!(g.title, Some(crate::Text::plain("T1")));
    assert_eq!(g.derivation.rule, Rule::CommitmentMean);
    // The same rule as the plan: milestone_mean over t1 = (100 + 60 + 60) / 5, completion
    // share = 1 of 2.
    let p = with(&ds, d, &method(ProgressMethod::MilestoneMean));
    assert_close!(groups(&ds, &p, GroupBy::Theme)[0].percent, 44.0);
    let p = with(&ds, d, &method(ProgressMethod::CompletionShare));
    assert_close!(groups(&ds, &p, GroupBy::Theme)[0].percent, 50.0);
}

#[test]
fn before_the_plan_starts_everything_is_not_started() {
    // An update dated before the plan's start would count from 2023-12-31; not before the plan.
    let early = milestone(
        "m1",
        "2024-03",
        &format!(
            r#""start": "2023-06", {}"#,
            updates(&[update("2023-12", r#""percent": 50"#)])
        ),
    );
    let ds = dataset(
        "",
        &[
            commitment("c1", &milestones(&[early])),
            commitment("c2", ""),
        ],
    );
    for o in [
        Options::default(),
        linear(),
        method(ProgressMethod::CompletionShare),
    ] {
        let p = with(&ds, "2023-12-31", &o);
        assert_eq!(
            (p.percent, p.expected, p.status),
            (0.0, 0.0, NodeStatus::NotStarted)
        );
        for c in &p.commitments {
            assert_eq!(
                (c.percent, c.expected, c.status),
                (0.0, 0.0, NodeStatus::NotStarted)
            );
            for m in &c.milestones {
                assert_eq!(
                    (m.percent, m.expected, m.status),
                    (0.0, 0.0, NodeStatus::NotStarted)
                );
                assert_eq!(m.derivation.rule, Rule::BeforePlanStart);
            }
        }
    }
    // From the plan's start, the early update counts.
    assert_eq!(run(&ds, "2024-01-01").commitments[0].percent, 50.0);
}

#[test]
fn reported_figures_on_or_before_the_date_are_set_beside() {
    let rules = r#""reported": [{"as_of": "2024-12", "percent": 35}, {"as_of": "2025-03-18", "percent": 20, "source": "minutes"}],"#;
    let ds = dataset(
        rules,
        &[commitment("c1", &milestones(&[pm("m1", None, 30.0)]))],
    );
    let p = run(&ds, "2024-12-31");
    assert_eq!(p.reported.len(), 1);
    assert_close!(p.reported[0].difference, -5.0);
    let p = run(&ds, "2025-03-18");
    let r: Vec<(f64, f64)> = p
        .reported
        .iter()
        .map(|r| (r.percent, r.difference))
        .collect();
    assert_eq!(r, [(35.0, -5.0), (20.0, 10.0)]);
    assert_eq!(p.reported[1].source.as_deref(), Some("minutes"));
}

#[test]
fn unknown_plans_and_invalid_datasets_are_refused() {
    let ds = three(false);
    match plan_progress(&ds, "nope", day("2025-01-01"), &Options::default()) {
        Err(Error::NotFound {
            kind,
            id,
            available,
        }) => {
            assert_eq!(
                (kind, id.as_str(), available),
                ("plan", "nope", vec!["p".to_owned()])
            );
        }
        other => panic!("{other:?}"),
    }
    let mut bad = ds.clone();
    bad.plans[0].commitments[0].lead = "nobody".parse().unwrap();
    assert!(matches!(
        series(&bad, "p", &[day("2025-01-01")], &Options::default()),
        Err(Error::Invalid { .. })
    ));
    let o = Options {
        tolerance: Some(f64::NAN),
        ..Options::default()
    };
    assert!(matches!(
        plan_progress(&ds, "p", day("2025-01-01"), &o),
        Err(Error::Argument(_))
    ));
}

#[test]
fn plans_and_commitments_complete_only_when_all_children_are() {
    let ds = dataset(
        "",
        &[commitment(
            "c1",
            &milestones(&[pm("m1", Some(1.0), 100.0), pm("m2", Some(2.0), 100.0)]),
        )],
    );
    let p = run(&ds, "2026-01-01");
    assert_eq!((p.percent, p.status), (100.0, NodeStatus::Complete));
    assert_eq!(p.commitments[0].status, NodeStatus::Complete);
    // Under completion_share, every commitment at substantial is 100 % but not complete.
    let ds = dataset(
        "",
        &[commitment("c1", &milestones(&[pm("m1", None, 80.0)]))],
    );
    let p = with(&ds, "2025-06-30", &method(ProgressMethod::CompletionShare));
    assert_eq!((p.percent, p.status), (100.0, NodeStatus::OnTrack));
    let p = with(&ds, "2026-01-01", &method(ProgressMethod::CompletionShare));
    assert_eq!(p.status, NodeStatus::Overdue);
}

#[test]
fn series_equals_pointwise() {
    let ds = three(false);
    let ds2 = dataset(
        "",
        &[commitment("c1", &milestones(&[pm("m1", None, 30.0)]))],
    );
    let mut ds = ds;
    ds.plans[0]
        .commitments
        .extend(ds2.plans[0].commitments.iter().cloned().map(|mut c| {
            c.id = "c9".parse().unwrap();
            c.milestones[0].id = "c9-m1".parse().unwrap();
            c
        }));
    let mut ds_dates = dates(Every::Month, day("2023-11-15"), day("2026-02-01"));
    ds_dates.reverse();
    ds_dates.push(day("2024-06-30"));
    for o in [
        Options::default(),
        linear(),
        method(ProgressMethod::CompletionShare),
    ] {
        let s = series(&ds, "p", &ds_dates, &o).unwrap();
        assert_eq!(s.len(), ds_dates.len());
        for (d, r) in ds_dates.iter().zip(&s) {
            assert_eq!(r, &plan_progress(&ds, "p", *d, &o).unwrap());
        }
    }
}

#[test]
fn period_ends() {
    assert_eq!(
        dates(Every::Month, day("2024-03-01"), day("2024-02-01")),
        Vec::<NaiveDate>::new()
    );
    assert_eq!(
        dates(Every::Quarter, day("2024-03-31"), day("2024-09-29")),
        [day("2024-03-31"), day("2024-06-30")]
    );
    assert_eq!(
        dates(Every::Month, day("2024-12-31"), day("2025-02-28")).len(),
        3
    );
    assert_eq!("quarter".parse::<Every>().unwrap(), Every::Quarter);
    assert!("week".parse::<Every>().is_err());
    assert_eq!(
        "policy_area".parse::<GroupBy>().unwrap(),
        GroupBy::PolicyArea
    );
    assert_eq!(GroupBy::PolicyArea.as_str(), "policy_area");
    assert_eq!("commitment".parse::<Level>().unwrap(), Level::Commitment);
}

#[test]
fn long_rows() {
    let ds = three(false);
    let s = series(
        &ds,
        "p",
        &[day("2024-12-31"), day("2025-03-31")],
        &Options::default(),
    )
    .unwrap();
    let plan_rows = rows(&ds, &s, Level::Plan, "en");
    assert_eq!(plan_rows.len(), 2);
    assert_eq!(
        (
            plan_rows[0].level,
            plan_rows[0].id.as_str(),
            plan_rows[0].title.as_str()
        ),
        ("plan", "p", "P")
    );
    let theme_rows = rows(&ds, &s, Level::Theme, "en");
    let ids: Vec<&str> = theme_rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t1", "t2"]);
    assert_eq!(rows(&ds, &s, Level::Commitment, "fr").len(), 6);
    let json = serde_json::to_value(&plan_rows[0]).unwrap();
    assert_eq!(json["date"], "2024-12-31");
    assert_eq!(json["status"], "on_track");
}

#[test]
fn json_shape() {
    let ds = three(false);
    let p = run(&ds, "2025-03-18");
    let v = serde_json::to_value(&p).unwrap();
    for key in [
        "plan",
        "title",
        "as_of",
        "method",
        "schedule",
        "tolerance",
        "status_scale",
        "percent",
        "expected",
        "status",
        "start",
        "end",
        "reported",
        "commitments",
        "excluded",
        "warnings",
        "derivation",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["as_of"], "2025-03-18");
    assert_eq!(v["method"], "commitment_mean");
    assert_eq!(v["tolerance"], 10);
    let c = &v["commitments"][1];
    assert_eq!(c["level"], "substantial");
    assert_eq!(c["percent"], 75);
    assert_eq!(c["from"]["field"], "status");
    assert_eq!(c["from"]["counts_from"], "2024-06-30");
    assert_eq!(c["derivation"]["rule"], "status");
    let m = &v["commitments"][0]["milestones"][1];
    assert_eq!(m["weight"], 0.75);
    assert_eq!(m["from"]["field"], "percent");
    assert_eq!(m["status"], "on_track");
    assert_eq!(
        v["derivation"]["terms"][0]["normalised_weight"],
        serde_json::json!(1.0 / 3.0)
    );
}
