//! `datapackage.json`: the Frictionless description of a bundle, generated from the
//! [`Layout`] and the tables' actual headers.

use serde_json::{Map, Value, json};

use super::tables::{ColKind, Layout, Scalar, TableLayout};
use super::write::{column_of, value_type};
use crate::{DATE_PATTERN, ID_PATTERN, SCHEMA_VERSION};

/// The package's own property (beside the Frictionless ones) that says how the bundle was
/// written: `{"schema_version": "1", "formula_escape": "'"}`. `formula_escape` is present
/// when formula-like free text was neutralised, and tells the reader to strip it.
pub const OGP_PROPERTY: &str = "x-ogp";

/// The `datapackage.json` for tables with these headers (one per layout table, in order).
pub(crate) fn package(headers: &[Vec<String>], escaped: bool) -> Value {
    let layout = Layout::get();
    let resources: Vec<Value> = layout
        .tables
        .iter()
        .zip(headers)
        .map(|(t, h)| resource(layout, t, h))
        .collect();
    let mut ogp = Map::new();
    ogp.insert("schema_version".into(), SCHEMA_VERSION.into());
    if escaped {
        ogp.insert(
            "formula_escape".into(),
            super::cell::ESCAPE.to_string().into(),
        );
    }
    json!({
        "profile": "tabular-data-package",
        "name": "ogp-dataset",
        "title": "Open government action plans and committees (ogp CSV bundle)",
        OGP_PROPERTY: ogp,
        "resources": resources,
    })
}

fn resource(layout: &Layout, t: &TableLayout, header: &[String]) -> Value {
    let fields: Vec<Value> = header.iter().map(|h| field(t, h)).collect();
    let mut schema = Map::new();
    schema.insert("fields".into(), fields.into());
    if !t.spec.key.is_empty() {
        schema.insert("primaryKey".into(), json!(t.spec.key));
    }
    if let [(Some(p), _)] = t.sources.as_slice()
        && let Some(parent) = layout.tables.get(*p)
    {
        schema.insert(
            "foreignKeys".into(),
            json!([{
                "fields": t.spec.parent,
                "reference": {"resource": parent.spec.name, "fields": parent.spec.key}
            }]),
        );
    }
    let mut r = Map::new();
    r.insert("name".into(), t.spec.name.into());
    r.insert("path".into(), t.file().into());
    r.insert("profile".into(), "tabular-data-resource".into());
    r.insert("format".into(), "csv".into());
    r.insert("mediatype".into(), "text/csv".into());
    r.insert("encoding".into(), "utf-8".into());
    if !t.description.is_empty() {
        r.insert("description".into(), t.description.clone().into());
    }
    r.insert("schema".into(), schema.into());
    r.into()
}

/// The Frictionless field descriptor of a column.
fn field(t: &TableLayout, label: &str) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), label.into());
    let Some((col, key)) = column_of(t, label) else {
        f.insert("type".into(), "string".into());
        return f.into();
    };
    let mut c = Map::new();
    let sc = value_type(col);
    let ty = match &sc {
        Scalar::Integer { .. } => "integer",
        Scalar::Number { .. } => "number",
        Scalar::Boolean => "boolean",
        _ => "string",
    };
    f.insert("type".into(), ty.into());
    let mut description = col.description.clone();
    match &col.kind {
        ColKind::Text => {
            description.push_str(match key {
                Some(_) => " (in the language of the column's tag)",
                None => " (in the dataset's default language)",
            });
        }
        ColKind::Ext => description = "A country-specific field: text, or JSON.".into(),
        ColKind::List(_) | ColKind::WordOrList(_) => {
            description.push_str(" (several values separated by `;`)");
        }
        _ => {}
    }
    if col.required && !matches!(col.kind, ColKind::Text | ColKind::Ext | ColKind::Map(_)) {
        c.insert("required".into(), true.into());
    }
    match &col.kind {
        ColKind::Scalar(s) | ColKind::Map(s) => scalar_constraints(s, &mut c, &mut description),
        ColKind::List(s) => {
            if let Some(p) = item_pattern(s) {
                c.insert("pattern".into(), format!("{p}(;{p})*").into());
            }
        }
        ColKind::WordOrList(words) => {
            let id = strip_anchors(ID_PATTERN);
            c.insert(
                "pattern".into(),
                format!("({})|({id}(;{id})*)", words.join("|")).into(),
            );
        }
        ColKind::Text | ColKind::Ext => {}
    }
    if !description.is_empty() {
        f.insert("description".into(), description.into());
    }
    if !c.is_empty() {
        f.insert("constraints".into(), c.into());
    }
    f.into()
}

fn strip_anchors(p: &str) -> &str {
    let p = p.strip_prefix('^').unwrap_or(p);
    p.strip_suffix('$').unwrap_or(p)
}

/// The pattern of one item of a list (ids, words), unanchored.
fn item_pattern(s: &Scalar) -> Option<String> {
    match s {
        Scalar::Id => Some(strip_anchors(ID_PATTERN).to_owned()),
        Scalar::Enum(words) => Some(format!("({})", words.join("|"))),
        Scalar::Date => Some(format!("({})", strip_anchors(DATE_PATTERN))),
        _ => None,
    }
}

fn scalar_constraints(s: &Scalar, c: &mut Map<String, Value>, description: &mut String) {
    match s {
        Scalar::String { pattern: Some(p) } => {
            c.insert("pattern".into(), strip_anchors(p).into());
        }
        Scalar::String { pattern: None } | Scalar::Boolean => {}
        Scalar::Id => {
            c.insert("pattern".into(), strip_anchors(ID_PATTERN).into());
        }
        Scalar::Date => {
            c.insert("pattern".into(), strip_anchors(DATE_PATTERN).into());
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str("(YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        Scalar::Enum(words) => {
            c.insert("enum".into(), json!(words));
        }
        Scalar::Integer { min, max } | Scalar::Number { min, max } => {
            let int = matches!(s, Scalar::Integer { .. });
            for (k, v) in [("minimum", min), ("maximum", max)] {
                if let Some(v) = v {
                    // Whole bounds are written as integers.
                    #[allow(clippy::cast_possible_truncation)]
                    let v = if int || v.fract() == 0.0 {
                        json!(*v as i64)
                    } else {
                        json!(v)
                    };
                    c.insert(k.into(), v);
                }
            }
        }
    }
}
