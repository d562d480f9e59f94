//! The one list of tables, and their columns derived from the model.
//!
//! [`TABLES`] says, for each table of the bundle, where its rows live in the dataset's JSON
//! tree, which columns carry its parent's key and what its own key is. Everything else — the
//! columns, their order, types and constraints — comes from the model: the JSON Schema that
//! `schemars` generates for [`Dataset`] gives the types, and serde's own list of each
//! struct's fields gives the order. The writer, the reader, the `datapackage.json` and the
//! templates all use the [`Layout`] built here, so nothing is defined twice.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Visitor};
use serde_json::{Map, Value};

use crate::{
    Action, ActionPlan, AgendaItem, Attendance, Balance, Call, Candidate, Commitment, Committee,
    Criterion, Dataset, Decision, Evaluator, Event, Guest, Guide, Indicator, IrmAssessment, Level,
    Meeting, Membership, Milestone, Organization, Principle, ProgressRules, Quota, Reported,
    Representative, Requirement, RotationPolicy, Score, ScoringGrid, Seats, StatusScale, Theme,
    Update, Window,
};

/// One table of the bundle: where its rows live and how they are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// The table's name; its file is `<name>.csv`.
    pub name: &'static str,
    /// Where its rows live: `(parent table, path of the array inside a parent row)`, the
    /// path's steps separated by `/`. A table without a parent lives in the dataset itself.
    /// Updates live under two parents (commitments and milestones).
    pub sources: &'static [(Option<&'static str>, &'static str)],
    /// The columns that carry the parent row's key, in the order of the parent's key.
    pub parent: &'static [&'static str],
    /// The primary key (empty when rows have none).
    pub key: &'static [&'static str],
}

/// The name of the one-row table that holds the dataset's own fields (`schema_version`,
/// `default_language`, `ext/…`).
pub const DATASET_TABLE: &str = "dataset";

/// Every table of the bundle, in the order of the `datapackage.json`. Parents come before
/// their children.
pub const TABLES: &[TableSpec] = &[
    t(DATASET_TABLE, &[], &[], &[]),
    t("organizations", &[(None, "organizations")], &[], &["id"]),
    t("plans", &[(None, "plans")], &[], &["id"]),
    t("themes", &[(Some("plans"), "themes")], &["plan"], &["id"]),
    t("reported", &[(Some("plans"), "reported")], &["plan"], &[]),
    t(
        "commitments",
        &[(Some("plans"), "commitments")],
        &["plan"],
        &["id"],
    ),
    t(
        "milestones",
        &[(Some("commitments"), "milestones")],
        &["commitment"],
        &["id"],
    ),
    t(
        "updates",
        &[
            (Some("commitments"), "updates"),
            (Some("milestones"), "updates"),
        ],
        &["target"],
        &[],
    ),
    t("committees", &[(None, "committees")], &[], &["id"]),
    t(
        "principles",
        &[(Some("committees"), "guide/principles")],
        &["committee"],
        &["committee", "id"],
    ),
    t(
        "memberships",
        &[(Some("committees"), "memberships")],
        &["committee"],
        &["id"],
    ),
    t(
        "representatives",
        &[(Some("memberships"), "representatives")],
        &["membership"],
        &[],
    ),
    t(
        "meetings",
        &[(Some("committees"), "meetings")],
        &["committee"],
        &["id"],
    ),
    t(
        "attendance",
        &[(Some("meetings"), "attendance")],
        &["meeting"],
        &[],
    ),
    t("guests", &[(Some("meetings"), "guests")], &["meeting"], &[]),
    t(
        "agenda",
        &[(Some("meetings"), "agenda")],
        &["meeting"],
        &["id"],
    ),
    t(
        "decisions",
        &[(Some("meetings"), "decisions")],
        &["meeting"],
        &["id"],
    ),
    t(
        "actions",
        &[(Some("meetings"), "actions")],
        &["meeting"],
        &["id"],
    ),
    t("grids", &[(None, "grids")], &[], &["id"]),
    t(
        "criteria",
        &[(Some("grids"), "criteria")],
        &["grid"],
        &["grid", "id"],
    ),
    t(
        "levels",
        &[(Some("criteria"), "levels")],
        &["grid", "criterion"],
        &[],
    ),
    t(
        "requirements",
        &[(Some("grids"), "requirements")],
        &["grid"],
        &["grid", "id"],
    ),
    t("calls", &[(None, "calls")], &[], &["id"]),
    t("quotas", &[(Some("calls"), "quotas")], &["call"], &[]),
    t(
        "candidates",
        &[(Some("calls"), "candidates")],
        &["call"],
        &["id"],
    ),
    t(
        "evaluators",
        &[(Some("calls"), "evaluators")],
        &["call"],
        &["id"],
    ),
    t("scores", &[(Some("calls"), "scores")], &["call"], &[]),
    t(
        "rotation_policies",
        &[(None, "rotation_policies")],
        &[],
        &["id"],
    ),
    t(
        "balance",
        &[(Some("rotation_policies"), "balance")],
        &["policy"],
        &[],
    ),
    t("events", &[(None, "events")], &[], &["id"]),
];

const fn t(
    name: &'static str,
    sources: &'static [(Option<&'static str>, &'static str)],
    parent: &'static [&'static str],
    key: &'static [&'static str],
) -> TableSpec {
    TableSpec {
        name,
        sources,
        parent,
        key,
    }
}

/// The type of one value in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// Free text; `pattern` when the model constrains it.
    String {
        /// A regular expression the whole value must match.
        pattern: Option<String>,
    },
    /// An id.
    Id,
    /// A plan date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// One word of a list.
    Enum(Vec<String>),
    /// A whole number.
    Integer {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// A number.
    Number {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// `true` or `false`.
    Boolean,
}

impl Scalar {
    /// True for free text: the only cells a spreadsheet could mistake for a formula that the
    /// writer neutralises (ids, dates, words and numbers cannot start with `=`, `+`, `@`…).
    pub fn is_free_text(&self) -> bool {
        matches!(self, Scalar::String { pattern: None })
    }
}

/// How a field of a row is spread over columns.
#[derive(Debug, Clone, PartialEq)]
pub enum ColKind {
    /// One value in one cell.
    Scalar(Scalar),
    /// A list of values, `;`-joined in one cell (`\;` for a `;` inside a value, `\\` for `\`).
    List(Scalar),
    /// A sector word, or a `;`-joined list of ids (a rotation policy's pool).
    WordOrList(Vec<String>),
    /// Multilingual text: `name` for a plain text, `name/<tag>` for each language.
    Text,
    /// A map of free keys: `name/<key>` columns (a candidate's features).
    Map(Scalar),
    /// Country-specific fields: `ext/<key>` columns; a cell is JSON when it reads as JSON,
    /// else a string.
    Ext,
}

/// A column, or a family of columns (text, map, ext), of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Col {
    /// The JSON path of the field inside the row object (`["indicator", "unit"]`).
    pub path: Vec<String>,
    /// The column name (the path joined by `/`); for families, the prefix before `/`.
    pub name: String,
    /// How the value is written.
    pub kind: ColKind,
    /// Required in every row (the field and every object above it are required).
    pub required: bool,
    /// Required within its own object (so required when any sibling of the object is given).
    pub required_in_object: bool,
    /// The model's description of the field.
    pub description: String,
}

/// The columns of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    /// The spec.
    pub spec: TableSpec,
    /// The model type of a row (`Milestone`).
    pub item: String,
    /// The model's description of a row.
    pub description: String,
    /// The parent columns, then the row's own columns, in model order.
    pub cols: Vec<Col>,
    /// For each source: the index of the parent table in [`Layout::tables`] (None at the root)
    /// and the path of the array in the parent row.
    pub sources: Vec<(Option<usize>, Vec<String>)>,
}

impl TableLayout {
    /// The file name, `<name>.csv`.
    pub fn file(&self) -> String {
        format!("{}.csv", self.spec.name)
    }

    /// True for a parent-key column.
    pub fn is_parent_col(&self, name: &str) -> bool {
        self.spec.parent.contains(&name)
    }
}

/// Every table with its columns, built from the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// In [`TABLES`] order.
    pub tables: Vec<TableLayout>,
}

impl Layout {
    /// The layout of the current model.
    pub fn get() -> &'static Layout {
        static LAYOUT: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();
        LAYOUT.get_or_init(build)
    }

    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<&TableLayout> {
        self.tables.iter().find(|t| t.spec.name == name)
    }

    /// The index of the table named `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.tables.iter().position(|t| t.spec.name == name)
    }
}

/// Serde's list of a struct's fields, in declaration order (as serialized names), read by
/// asking the type to deserialize itself from a deserializer that only records the request.
fn fields_of<'de, T: Deserialize<'de>>() -> (&'static str, &'static [&'static str]) {
    let mut found = ("", &[][..]);
    let _ = T::deserialize(FieldCatcher(&mut found));
    found
}

struct FieldCatcher<'a>(&'a mut (&'static str, &'static [&'static str]));

impl<'de> de::Deserializer<'de> for FieldCatcher<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = (name, fields);
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Field order of every struct of the model, by type name.
fn field_orders() -> BTreeMap<&'static str, &'static [&'static str]> {
    [
        fields_of::<Dataset>(),
        fields_of::<Organization>(),
        fields_of::<ActionPlan>(),
        fields_of::<Theme>(),
        fields_of::<Commitment>(),
        fields_of::<Milestone>(),
        fields_of::<Indicator>(),
        fields_of::<Update>(),
        fields_of::<ProgressRules>(),
        fields_of::<StatusScale>(),
        fields_of::<Reported>(),
        fields_of::<IrmAssessment>(),
        fields_of::<Committee>(),
        fields_of::<Seats>(),
        fields_of::<Guide>(),
        fields_of::<Principle>(),
        fields_of::<Membership>(),
        fields_of::<Representative>(),
        fields_of::<Meeting>(),
        fields_of::<Attendance>(),
        fields_of::<Guest>(),
        fields_of::<AgendaItem>(),
        fields_of::<Decision>(),
        fields_of::<Action>(),
        fields_of::<ScoringGrid>(),
        fields_of::<Criterion>(),
        fields_of::<Level>(),
        fields_of::<Requirement>(),
        fields_of::<Call>(),
        fields_of::<Quota>(),
        fields_of::<Candidate>(),
        fields_of::<Evaluator>(),
        fields_of::<Score>(),
        fields_of::<RotationPolicy>(),
        fields_of::<Window>(),
        fields_of::<Balance>(),
        fields_of::<Event>(),
    ]
    .into_iter()
    .collect()
}

/// What a property of the schema is, once options and references are seen through.
#[derive(Debug, Clone)]
enum Prop {
    Col(ColKind),
    /// A nested struct (by `$defs` name).
    Object(String),
    /// An array of structs: a child table (by `$defs` name of the item).
    Table(String),
}

struct Schema<'a> {
    defs: &'a Map<String, Value>,
    root: &'a Value,
    orders: BTreeMap<&'static str, &'static [&'static str]>,
}

impl<'a> Schema<'a> {
    fn def(&self, name: &str) -> Option<&'a Value> {
        if name == "Dataset" {
            Some(self.root)
        } else {
            self.defs.get(name)
        }
    }

    /// `(property name, schema, required)` of an object definition, in model order.
    fn properties(&self, def: &str) -> Vec<(String, &'a Value, bool)> {
        let Some(d) = self.def(def) else {
            return Vec::new();
        };
        let required: Vec<&str> = d
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(props) = d.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
        if let Some(order) = self.orders.get(def) {
            names.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
        }
        names
            .into_iter()
            .filter_map(|n| {
                props
                    .get(n)
                    .map(|p| (n.to_owned(), p, required.contains(&n)))
            })
            .collect()
    }

    /// Sees through `Option` (`anyOf [x, null]`, `type: [t, "null"]`).
    fn unwrap_option<'b>(&self, s: &'b Value) -> &'b Value {
        if let Some(any) = s.get("anyOf").and_then(Value::as_array)
            && any.len() == 2
            && let Some(other) = any.iter().find(|v| v.get("type") != Some(&"null".into()))
            && any.iter().any(|v| v.get("type") == Some(&"null".into()))
        {
            return other;
        }
        s
    }

    fn ref_name(s: &Value) -> Option<&str> {
        s.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
    }

    fn words(s: &Value) -> Option<Vec<String>> {
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            return Some(
                e.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            );
        }
        let alts = s.get("oneOf").and_then(Value::as_array)?;
        alts.iter()
            .map(|a| {
                a.get("const")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .or_else(|| {
                        a.get("enum")
                            .and_then(Value::as_array)
                            .and_then(|e| e.first())
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                    })
            })
            .collect()
    }

    fn primary_type(s: &Value) -> Option<&str> {
        match s.get("type")? {
            Value::String(t) => Some(t),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
            _ => None,
        }
    }

    fn scalar(&self, s: &Value) -> Option<Scalar> {
        let s = self.unwrap_option(s);
        if let Some(name) = Self::ref_name(s) {
            return match name {
                "Id" => Some(Scalar::Id),
                "PlanDate" => Some(Scalar::Date),
                _ => self.def(name).and_then(|d| self.scalar(d)),
            };
        }
        if let Some(words) = Self::words(s) {
            return Some(Scalar::Enum(words));
        }
        let num = |k: &str| s.get(k).and_then(Value::as_f64);
        match Self::primary_type(s)? {
            "string" => Some(Scalar::String {
                pattern: s.get("pattern").and_then(Value::as_str).map(str::to_owned),
            }),
            "integer" => Some(Scalar::Integer {
                min: num("minimum"),
                max: num("maximum"),
            }),
            "number" => Some(Scalar::Number {
                min: num("minimum"),
                max: num("maximum"),
            }),
            "boolean" => Some(Scalar::Boolean),
            _ => None,
        }
    }

    fn prop(&self, name: &str, s: &Value) -> Option<Prop> {
        let s = self.unwrap_option(s);
        if let Some(r) = Self::ref_name(s) {
            let d = self.def(r)?;
            return if r == "Text" {
                Some(Prop::Col(ColKind::Text))
            } else if d.get("properties").is_some() {
                Some(Prop::Object(r.to_owned()))
            } else if let Some(any) = d.get("anyOf").and_then(Value::as_array) {
                // A word or a list (a rotation pool).
                let words = any
                    .iter()
                    .find_map(|a| self.scalar(a))
                    .and_then(|sc| match sc {
                        Scalar::Enum(w) => Some(w),
                        _ => None,
                    })?;
                Some(Prop::Col(ColKind::WordOrList(words)))
            } else {
                self.scalar(s).map(|sc| Prop::Col(ColKind::Scalar(sc)))
            };
        }
        match Self::primary_type(s) {
            Some("array") => {
                let items = s.get("items")?;
                if let Some(r) = Self::ref_name(items)
                    && self.def(r).is_some_and(|d| d.get("properties").is_some())
                {
                    return Some(Prop::Table(r.to_owned()));
                }
                self.scalar(items).map(|sc| Prop::Col(ColKind::List(sc)))
            }
            Some("object") => match s.get("additionalProperties") {
                Some(Value::Bool(true)) if name == "ext" => Some(Prop::Col(ColKind::Ext)),
                Some(v @ Value::Object(_)) => self.scalar(v).map(|sc| Prop::Col(ColKind::Map(sc))),
                _ => None,
            },
            _ => self.scalar(s).map(|sc| Prop::Col(ColKind::Scalar(sc))),
        }
    }

    fn description(s: &Value) -> String {
        s.get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// The columns of an object definition, flattening nested structs, and the child tables
    /// found in it as `(relative path, item type)`.
    #[allow(clippy::too_many_arguments)]
    fn flatten(
        &self,
        def: &str,
        prefix: &[String],
        required_above: bool,
        cols: &mut Vec<Col>,
        children: &mut Vec<(Vec<String>, String)>,
    ) {
        for (name, s, required) in self.properties(def) {
            let mut path = prefix.to_vec();
            path.push(name.clone());
            match self.prop(&name, s) {
                Some(Prop::Col(kind)) => cols.push(Col {
                    name: path.join("/"),
                    path,
                    kind,
                    required: required && required_above,
                    required_in_object: required,
                    description: Self::description(s),
                }),
                Some(Prop::Object(r)) => {
                    self.flatten(&r, &path, required && required_above, cols, children);
                }
                Some(Prop::Table(r)) => children.push((path, r)),
                None => {}
            }
        }
    }
}

fn build() -> Layout {
    let root = crate::io::schema::schema("Dataset")
        .map(|s| s.to_value())
        .unwrap_or(Value::Null);
    let empty = Map::new();
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let schema = Schema {
        defs,
        root: &root,
        orders: field_orders(),
    };
    // Item type of each table and the child arrays found in each item.
    let mut items: BTreeMap<&str, String> = BTreeMap::new();
    items.insert(DATASET_TABLE, "Dataset".to_owned());
    let mut tables = Vec::new();
    for spec in TABLES {
        let item = match spec.sources.first() {
            None => "Dataset".to_owned(),
            Some((parent, path)) => {
                let parent_item = parent
                    .and_then(|p| items.get(p).cloned())
                    .unwrap_or_else(|| "Dataset".to_owned());
                let mut cols = Vec::new();
                let mut children = Vec::new();
                schema.flatten(&parent_item, &[], true, &mut cols, &mut children);
                let path: Vec<String> = path.split('/').map(str::to_owned).collect();
                children
                    .into_iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, item)| item)
                    .unwrap_or_default()
            }
        };
        items.insert(spec.name, item.clone());
        let mut cols: Vec<Col> = spec
            .parent
            .iter()
            .map(|p| Col {
                path: Vec::new(),
                name: (*p).to_owned(),
                kind: ColKind::Scalar(Scalar::Id),
                required: true,
                required_in_object: true,
                description: format!("The parent row's key ({p})."),
            })
            .collect();
        let mut children = Vec::new();
        schema.flatten(&item, &[], true, &mut cols, &mut children);
        let sources = spec
            .sources
            .iter()
            .map(|(parent, path)| {
                let idx = parent.and_then(|p| TABLES.iter().position(|t| t.name == p));
                (idx, path.split('/').map(str::to_owned).collect())
            })
            .collect();
        let description = schema
            .def(&item)
            .map(Schema::description)
            .unwrap_or_default();
        tables.push(TableLayout {
            spec: *spec,
            item,
            description,
            cols,
            sources,
        });
    }
    Layout { tables }
}

/// The child arrays (relative path, item type) of a table's rows, for the drift test.
#[cfg(test)]
fn child_arrays(item: &str) -> Vec<(Vec<String>, String)> {
    let root = crate::io::schema::schema("Dataset")
        .map(|s| s.to_value())
        .unwrap_or(Value::Null);
    let empty = Map::new();
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let schema = Schema {
        defs,
        root: &root,
        orders: field_orders(),
    };
    let mut cols = Vec::new();
    let mut children = Vec::new();
    schema.flatten(item, &[], true, &mut cols, &mut children);
    children
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_array_of_structs_is_a_table_and_every_table_has_an_item() {
        let layout = Layout::get();
        for t in &layout.tables {
            assert!(!t.item.is_empty(), "{} has no item type", t.spec.name);
            for (path, item) in child_arrays(&t.item) {
                let found = layout.tables.iter().any(|c| {
                    c.item == item
                        && c.sources.iter().any(|(p, cp)| {
                            p.and_then(|i| layout.tables.get(i)).map(|x| &x.item) == Some(&t.item)
                                || (p.is_none() && t.item == "Dataset")
                        } && *cp == path)
                });
                assert!(found, "{}/{} has no table", t.spec.name, path.join("/"));
            }
        }
    }

    #[test]
    fn every_struct_has_its_field_order() {
        let root = crate::io::schema::schema("Dataset").unwrap().to_value();
        let orders = field_orders();
        for (name, d) in root["$defs"].as_object().unwrap() {
            if d.get("properties").is_some() {
                assert!(orders.contains_key(name.as_str()), "{name}");
            }
        }
    }

    #[test]
    fn columns_follow_the_model() {
        let l = Layout::get();
        let names = |t: &str| -> Vec<String> {
            l.table(t)
                .unwrap()
                .cols
                .iter()
                .map(|c| c.name.clone())
                .collect()
        };
        assert_eq!(
            names("milestones"),
            [
                "commitment",
                "id",
                "title",
                "start",
                "due",
                "weight",
                "lead",
                "indicator/unit",
                "indicator/baseline",
                "indicator/target",
                "indicator/higher_is_better",
                "ext"
            ]
        );
        let c = l.table("committees").unwrap();
        assert!(c.cols.iter().any(|c| c.name == "guide/annexes"));
        assert!(
            c.cols
                .iter()
                .any(|c| c.name == "seats/government" && c.required)
        );
        let m = l.table("milestones").unwrap();
        let unit = m.cols.iter().find(|c| c.name == "indicator/unit").unwrap();
        assert!(!unit.required && unit.required_in_object);
        let pool = l.table("rotation_policies").unwrap();
        assert!(
            pool.cols
                .iter()
                .any(|c| c.name == "pool" && matches!(c.kind, ColKind::WordOrList(_)))
        );
    }
}
