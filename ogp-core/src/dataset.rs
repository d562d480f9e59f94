//! The root of the model: a [`Dataset`], and an index of everything in it by id.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    ActionPlan, Call, Committee, Event, Ext, Id, Organization, RotationPolicy, ScoringGrid,
};

/// The version of the data format this crate reads and writes.
pub const SCHEMA_VERSION: &str = "1";

/// Everything about one or more action plans and the committees that steer them.
///
/// One JSON document (see [`Dataset::from_json`]), or one CSV bundle.
///
/// ```
/// use ogp_core::Dataset;
///
/// let ds = Dataset::from_json(r#"{
///     "schema_version": "1",
///     "default_language": "fr",
///     "organizations": [
///         {"id": "mtnra", "name": "Ministère de la Transition Numérique", "sector": "government"}
///     ]
/// }"#).unwrap();
/// assert_eq!(ds.organizations[0].name.get("ar", &ds.default_language),
///            Some("Ministère de la Transition Numérique"));
/// // Writing is deterministic, and reading what was written gives the same dataset.
/// assert_eq!(Dataset::from_json(&ds.to_json()).unwrap(), ds);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The format version (`"1"`).
    #[schemars(extend("const" = "1"))]
    pub schema_version: String,
    /// The language of plain-string texts (a BCP 47 tag; default `en`).
    #[serde(default = "default_language")]
    #[schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub default_language: String,
    /// Institutions and associations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<Organization>,
    /// Action plans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<ActionPlan>,
    /// Committees and forums.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub committees: Vec<Committee>,
    /// Scoring grids for selecting members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grids: Vec<ScoringGrid>,
    /// Calls for candidates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<Call>,
    /// Events members are sent to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Rotation policies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotation_policies: Vec<RotationPolicy>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

fn default_language() -> String {
    "en".into()
}

impl Default for Dataset {
    fn default() -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION.into(),
            default_language: default_language(),
            organizations: Vec::new(),
            plans: Vec::new(),
            committees: Vec::new(),
            grids: Vec::new(),
            calls: Vec::new(),
            events: Vec::new(),
            rotation_policies: Vec::new(),
            ext: Ext::new(),
        }
    }
}

impl Dataset {
    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&ActionPlan> {
        self.plans.iter().find(|p| p.id.as_str() == id)
    }

    /// The plan named `id`, or, when `id` is `None`, the dataset's only plan.
    ///
    /// Errors: [`Error::NotFound`](crate::Error::NotFound) naming the plans that exist, when
    /// `id` is unknown or when `None` is given and the dataset has no plan or several.
    ///
    /// ```
    /// # let ds = ogp_core::Dataset::default();
    /// let err = ds.plan_or_only(None).unwrap_err();
    /// assert!(err.to_string().contains("no plan"));
    /// ```
    pub fn plan_or_only(&self, id: Option<&str>) -> Result<&ActionPlan, crate::Error> {
        named_or_only(&self.plans, id, "plan", |p| &p.id)
    }

    /// The plans named in `ids`, in that order, or every plan of the dataset when `ids` is
    /// empty: the rule of every command and method that computes "every plan unless told
    /// which". An unknown id is an error as in [`Dataset::plan_or_only`].
    ///
    /// ```
    /// # let ds = ogp_core::Dataset::default();
    /// assert!(ds.plans_or_all(&[]).unwrap().is_empty());
    /// assert!(ds.plans_or_all(&["nope"]).is_err());
    /// ```
    pub fn plans_or_all(&self, ids: &[&str]) -> Result<Vec<&ActionPlan>, crate::Error> {
        if ids.is_empty() {
            return Ok(self.plans.iter().collect());
        }
        ids.iter().map(|id| self.plan_or_only(Some(id))).collect()
    }

    /// The committee named `id`, or, when `id` is `None`, the dataset's only committee (errors
    /// as [`Dataset::plan_or_only`]).
    pub fn committee_or_only(&self, id: Option<&str>) -> Result<&Committee, crate::Error> {
        named_or_only(&self.committees, id, "committee", |c| &c.id)
    }

    /// The call named `id`, or, when `id` is `None`, the dataset's only call (errors as
    /// [`Dataset::plan_or_only`]).
    ///
    /// ```
    /// # let ds = ogp_core::Dataset::default();
    /// let err = ds.call_or_only(None).unwrap_err();
    /// assert!(err.to_string().contains("no call"));
    /// ```
    pub fn call_or_only(&self, id: Option<&str>) -> Result<&Call, crate::Error> {
        named_or_only(&self.calls, id, "call", |c| &c.id)
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id.as_str() == id)
    }

    /// The committee with this id.
    pub fn committee(&self, id: &str) -> Option<&Committee> {
        self.committees.iter().find(|c| c.id.as_str() == id)
    }

    /// An index of every id-bearing entity, with its kind and JSON pointer.
    pub fn index(&self) -> Index {
        Index::build(self)
    }
}

/// The item of `items` whose id is `id`, or the only item when `id` is `None`; otherwise
/// [`Error::NotFound`](crate::Error::NotFound) naming the ids that exist.
pub(crate) fn named_or_only<'a, T>(
    items: &'a [T],
    id: Option<&str>,
    kind: &'static str,
    id_of: impl Fn(&T) -> &Id,
) -> Result<&'a T, crate::Error> {
    let found = match (id, items) {
        (Some(id), _) => items.iter().find(|x| id_of(x).as_str() == id),
        (None, [only]) => Some(only),
        (None, _) => None,
    };
    found.ok_or_else(|| crate::Error::NotFound {
        kind,
        id: id.unwrap_or_default().to_owned(),
        available: items.iter().map(|x| id_of(x).to_string()).collect(),
    })
}

/// The kinds of entity whose ids are unique across a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Kind {
    Organization,
    Plan,
    Theme,
    Commitment,
    Milestone,
    Committee,
    Membership,
    Meeting,
    AgendaItem,
    Decision,
    Action,
    Grid,
    Call,
    Candidate,
    Evaluator,
    RotationPolicy,
    Event,
}

impl Kind {
    /// The kind in words (`agenda item`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Plan => "plan",
            Kind::Theme => "theme",
            Kind::Commitment => "commitment",
            Kind::Milestone => "milestone",
            Kind::Committee => "committee",
            Kind::Membership => "membership",
            Kind::Meeting => "meeting",
            Kind::AgendaItem => "agenda item",
            Kind::Decision => "decision",
            Kind::Action => "action",
            Kind::Grid => "scoring grid",
            Kind::Call => "call",
            Kind::Candidate => "candidate",
            Kind::Evaluator => "evaluator",
            Kind::RotationPolicy => "rotation policy",
            Kind::Event => "event",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an id is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it is.
    pub kind: Kind,
    /// Its JSON pointer, e.g. `/plans/0/commitments/3`.
    pub pointer: String,
}

/// Every id in a dataset, with the kind and location of its first definition, and the places
/// where an id is defined again.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: BTreeMap<String, Entry>,
    duplicates: Vec<(String, Entry)>,
}

impl Index {
    fn build(ds: &Dataset) -> Index {
        let mut ix = Index::default();
        for (i, o) in ds.organizations.iter().enumerate() {
            ix.add(&o.id, Kind::Organization, format!("/organizations/{i}"));
        }
        for (i, p) in ds.plans.iter().enumerate() {
            let pp = format!("/plans/{i}");
            ix.add(&p.id, Kind::Plan, pp.clone());
            for (j, t) in p.themes.iter().enumerate() {
                ix.add(&t.id, Kind::Theme, format!("{pp}/themes/{j}"));
            }
            for (j, c) in p.commitments.iter().enumerate() {
                let cp = format!("{pp}/commitments/{j}");
                ix.add(&c.id, Kind::Commitment, cp.clone());
                for (k, m) in c.milestones.iter().enumerate() {
                    ix.add(&m.id, Kind::Milestone, format!("{cp}/milestones/{k}"));
                }
            }
        }
        for (i, c) in ds.committees.iter().enumerate() {
            let cp = format!("/committees/{i}");
            ix.add(&c.id, Kind::Committee, cp.clone());
            for (j, m) in c.memberships.iter().enumerate() {
                ix.add(&m.id, Kind::Membership, format!("{cp}/memberships/{j}"));
            }
            for (j, m) in c.meetings.iter().enumerate() {
                let mp = format!("{cp}/meetings/{j}");
                ix.add(&m.id, Kind::Meeting, mp.clone());
                for (k, a) in m.agenda.iter().enumerate() {
                    ix.add(&a.id, Kind::AgendaItem, format!("{mp}/agenda/{k}"));
                }
                for (k, d) in m.decisions.iter().enumerate() {
                    ix.add(&d.id, Kind::Decision, format!("{mp}/decisions/{k}"));
                }
                for (k, a) in m.actions.iter().enumerate() {
                    ix.add(&a.id, Kind::Action, format!("{mp}/actions/{k}"));
                }
            }
        }
        for (i, g) in ds.grids.iter().enumerate() {
            ix.add(&g.id, Kind::Grid, format!("/grids/{i}"));
        }
        for (i, c) in ds.calls.iter().enumerate() {
            let cp = format!("/calls/{i}");
            ix.add(&c.id, Kind::Call, cp.clone());
            for (j, x) in c.candidates.iter().enumerate() {
                ix.add(&x.id, Kind::Candidate, format!("{cp}/candidates/{j}"));
            }
            for (j, x) in c.evaluators.iter().enumerate() {
                ix.add(&x.id, Kind::Evaluator, format!("{cp}/evaluators/{j}"));
            }
        }
        for (i, r) in ds.rotation_policies.iter().enumerate() {
            ix.add(
                &r.id,
                Kind::RotationPolicy,
                format!("/rotation_policies/{i}"),
            );
        }
        for (i, e) in ds.events.iter().enumerate() {
            ix.add(&e.id, Kind::Event, format!("/events/{i}"));
        }
        ix
    }

    fn add(&mut self, id: &Id, kind: Kind, pointer: String) {
        let entry = Entry { kind, pointer };
        if self.entries.contains_key(id.as_str()) {
            self.duplicates.push((id.as_str().to_owned(), entry));
        } else {
            self.entries.insert(id.as_str().to_owned(), entry);
        }
    }

    /// Where `id` is (first) defined.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// The kind of `id`, if it is defined.
    pub fn kind(&self, id: &str) -> Option<Kind> {
        self.entries.get(id).map(|e| e.kind)
    }

    /// Ids defined more than once: the id and each later definition.
    pub fn duplicates(&self) -> &[(String, Entry)] {
        &self.duplicates
    }

    /// Every id of a kind, sorted.
    pub fn ids_of(&self, kind: Kind) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|(_, e)| e.kind == kind)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Every distinct id with where it is (first) defined, sorted by id.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(id, e)| (id.as_str(), e))
    }

    /// How many distinct ids there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the dataset defines no id.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
