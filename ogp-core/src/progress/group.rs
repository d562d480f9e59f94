//! Roll-ups (by theme, lead institution, OGP value, policy area) and the long-format rows of a
//! series.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::compute::{Fig, aggregate, count, figs};
use super::result::{Derivation, NodeStatus, PlanProgress, ser_date};
use super::rules::status;
use crate::{ActionPlan, Dataset, Error, Text};

/// What commitments are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// The plan's theme (axis); commitments without one form a group with key `null`.
    Theme,
    /// The lead institution.
    Lead,
    /// The OGP value (a commitment with two values counts in both groups; none → key `null`).
    Value,
    /// The policy area (a commitment with two areas counts in both groups; none → key `null`).
    PolicyArea,
}

impl GroupBy {
    /// `theme`, `lead`, `value` or `policy_area`.
    pub fn as_str(&self) -> &'static str {
        match self {
            GroupBy::Theme => "theme",
            GroupBy::Lead => "lead",
            GroupBy::Value => "value",
            GroupBy::PolicyArea => "policy_area",
        }
    }
}

impl std::str::FromStr for GroupBy {
    type Err = Error;

    fn from_str(s: &str) -> Result<GroupBy, Error> {
        match s {
            "theme" => Ok(GroupBy::Theme),
            "lead" => Ok(GroupBy::Lead),
            "value" => Ok(GroupBy::Value),
            "policy_area" => Ok(GroupBy::PolicyArea),
            _ => Err(Error::Argument(format!(
                "{s:?} is not a grouping; expected theme, lead, value or policy_area"
            ))),
        }
    }
}

impl std::fmt::Display for GroupBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The progress of a group of commitments, by the plan's method over the group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupProgress {
    /// What the grouping is.
    pub by: GroupBy,
    /// The group: a theme id, an organization id, an OGP value (`access_to_information`) or a
    /// policy area; `null` for the commitments that have none.
    pub key: Option<String>,
    /// The theme's title or the organization's name, when the key is one (as in the dataset).
    pub title: Option<Text>,
    /// Progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// Expected progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// Status, by the same rule as a plan's (due: the latest end of its counted commitments).
    pub status: NodeStatus,
    /// The last end of its counted commitments (of all of them when none counts).
    #[serde(serialize_with = "ser_date")]
    pub end: NaiveDate,
    /// Its commitments' ids, in plan order (excluded ones too).
    pub commitments: Vec<String>,
    /// How the figures were obtained.
    pub derivation: Derivation,
}

/// Roll-ups of a computed plan: one group per theme, lead institution, OGP value or policy
/// area, each computed by the plan's method over the group's commitments only (so under
/// `commitment_mean` the group's commitment weights are normalised within the group).
///
/// Order: themes in the plan's order; leads, values and policy areas sorted; the group of
/// commitments without a key (`key: null`) last. Groups without commitments are left out.
/// `ds` must be the dataset `p` was computed from (the raw weights are read from it); a plan
/// it does not contain gives no groups.
pub fn groups(ds: &Dataset, p: &PlanProgress, by: GroupBy) -> Vec<GroupProgress> {
    let Some(plan) = ds.plan(&p.plan) else {
        return Vec::new();
    };
    let figs = figs(plan, &p.commitments);
    let mut keyed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut none: Vec<usize> = Vec::new();
    for (i, n) in p.commitments.iter().enumerate() {
        let Some(c) = plan.commitments.iter().find(|c| c.id.as_str() == n.id) else {
            continue;
        };
        let mut keys: Vec<String> = match by {
            GroupBy::Theme => c.theme.iter().map(|t| t.as_str().to_owned()).collect(),
            GroupBy::Lead => vec![c.lead.as_str().to_owned()],
            GroupBy::Value => c.values.iter().map(|v| v.as_str().to_owned()).collect(),
            GroupBy::PolicyArea => c.policy_areas.clone(),
        };
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            none.push(i);
        }
        for k in keys {
            keyed.entry(k).or_default().push(i);
        }
    }
    let mut ordered: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    if by == GroupBy::Theme {
        for t in &plan.themes {
            if let Some(v) = keyed.remove(t.id.as_str()) {
                ordered.push((Some(t.id.as_str().to_owned()), v));
            }
        }
    }
    ordered.extend(keyed.into_iter().map(|(k, v)| (Some(k), v)));
    if !none.is_empty() {
        ordered.push((None, none));
    }
    ordered
        .into_iter()
        .map(|(key, members)| group(ds, plan, p, by, key, &members, &figs))
        .collect()
}

fn group(
    ds: &Dataset,
    plan: &ActionPlan,
    p: &PlanProgress,
    by: GroupBy,
    key: Option<String>,
    members: &[usize],
    figs: &[Fig],
) -> GroupProgress {
    let subset: Vec<&Fig> = members.iter().filter_map(|&i| figs.get(i)).collect();
    let agg = aggregate(p.method, &subset, true);
    let counted_end = subset.iter().filter(|f| f.included).map(|f| f.end).max();
    let end = counted_end
        .or_else(|| subset.iter().map(|f| f.end).max())
        .unwrap_or(p.end);
    let title = key.as_deref().and_then(|k| match by {
        GroupBy::Theme => plan
            .themes
            .iter()
            .find(|t| t.id.as_str() == k)
            .map(|t| t.title.clone()),
        GroupBy::Lead => ds.organization(k).map(|o| o.name.clone()),
        GroupBy::Value | GroupBy::PolicyArea => None,
    });
    GroupProgress {
        by,
        title,
        percent: agg.percent,
        expected: agg.expected,
        status: status(
            agg.withdrawn,
            agg.percent,
            agg.expected,
            p.tolerance,
            p.as_of,
            end,
            agg.children_not_started,
            agg.children_complete,
        ),
        end,
        commitments: subset.iter().map(|f| f.id.clone()).collect(),
        derivation: Derivation {
            rule: agg.rule,
            percent: format!(
                "over this group's {}: {}",
                count(subset.len(), "commitment"),
                agg.text
            ),
            expected: agg.expected_text,
            terms: agg.terms,
        },
        key,
    }
}

/// The level of the nodes in long-format series rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// One row per date for the plan.
    Plan,
    /// One row per date and theme (the [`GroupBy::Theme`] roll-up).
    Theme,
    /// One row per date and commitment (withdrawn ones too).
    Commitment,
}

impl Level {
    /// `plan`, `theme` or `commitment`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Plan => "plan",
            Level::Theme => "theme",
            Level::Commitment => "commitment",
        }
    }
}

impl std::str::FromStr for Level {
    type Err = Error;

    fn from_str(s: &str) -> Result<Level, Error> {
        match s {
            "plan" => Ok(Level::Plan),
            "theme" => Ok(Level::Theme),
            "commitment" => Ok(Level::Commitment),
            _ => Err(Error::Argument(format!(
                "{s:?} is not a level; expected plan, theme or commitment"
            ))),
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of a series in long format: one node on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// The plan's id.
    pub plan: String,
    /// The date.
    #[serde(serialize_with = "ser_date")]
    pub date: NaiveDate,
    /// `plan`, `theme` or `commitment`.
    pub level: &'static str,
    /// The node's id (empty for the group of commitments without a theme).
    pub id: String,
    /// The node's title in the requested language (falling back as [`Text::get`] does; empty
    /// when there is none).
    pub title: String,
    /// Progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub percent: f64,
    /// Expected progress, 0–100.
    #[serde(serialize_with = "crate::num::f64")]
    pub expected: f64,
    /// Status.
    pub status: NodeStatus,
}

/// A series as long-format rows: for each result in order, the plan's row, or one row per
/// theme group, or one row per commitment (in plan order). Titles are looked up in `lang`.
pub fn rows(ds: &Dataset, series: &[PlanProgress], level: Level, lang: &str) -> Vec<SeriesRow> {
    let title = |t: Option<&Text>| {
        t.and_then(|t| t.get(lang, &ds.default_language))
            .unwrap_or("")
            .to_owned()
    };
    let mut out = Vec::new();
    for p in series {
        match level {
            Level::Plan => out.push(SeriesRow {
                plan: p.plan.clone(),
                date: p.as_of,
                level: level.as_str(),
                id: p.plan.clone(),
                title: title(Some(&p.title)),
                percent: p.percent,
                expected: p.expected,
                status: p.status,
            }),
            Level::Theme => {
                out.extend(
                    groups(ds, p, GroupBy::Theme)
                        .into_iter()
                        .map(|g| SeriesRow {
                            plan: p.plan.clone(),
                            date: p.as_of,
                            level: level.as_str(),
                            id: g.key.clone().unwrap_or_default(),
                            title: title(g.title.as_ref()),
                            percent: g.percent,
                            expected: g.expected,
                            status: g.status,
                        }),
                )
            }
            Level::Commitment => out.extend(p.commitments.iter().map(|c| SeriesRow {
                plan: p.plan.clone(),
                date: p.as_of,
                level: level.as_str(),
                id: c.id.clone(),
                title: title(Some(&c.title)),
                percent: c.percent,
                expected: c.expected,
                status: c.status,
            })),
        }
    }
    out
}
