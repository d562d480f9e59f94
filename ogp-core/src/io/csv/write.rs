//! Dataset → tables.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::cell;
use super::tables::{Col, ColKind, Layout, Scalar, TableLayout};
use crate::Dataset;

/// The cells of one row, by column name.
pub(crate) type Row = BTreeMap<String, String>;

/// One table ready to be written: its header and rows (cells in header order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table of the layout, in layout order, for `ds`. `safe`: neutralise formula-like
/// free text.
pub(crate) fn tables(ds: &Dataset, safe: bool) -> Vec<Table> {
    let layout = Layout::get();
    let value = serde_json::to_value(ds).unwrap_or(Value::Null);
    let empty = Map::new();
    let root = value.as_object().unwrap_or(&empty);
    let mut rows: Vec<Vec<Row>> = vec![Vec::new(); layout.tables.len()];
    let children = children_of(layout);
    for (ti, t) in layout.tables.iter().enumerate() {
        match t.sources.first() {
            None => {
                if let Some(slot) = rows.get_mut(ti) {
                    slot.push(flatten(t, root, &[], safe));
                }
            }
            Some((None, path)) => {
                for item in items_at(root, path) {
                    emit(layout, &children, ti, item, &[], safe, &mut rows);
                }
            }
            Some(_) => {}
        }
    }
    layout
        .tables
        .iter()
        .zip(rows)
        .map(|(t, rows)| {
            let header = header(t, &rows, &[]);
            let rows = rows
                .iter()
                .map(|r| {
                    header
                        .iter()
                        .map(|h| r.get(h).cloned().unwrap_or_default())
                        .collect()
                })
                .collect();
            Table { header, rows }
        })
        .collect()
}

/// For each table, its child tables and the path of their array in its rows.
fn children_of(layout: &Layout) -> Vec<Vec<(usize, Vec<String>)>> {
    let mut out = vec![Vec::new(); layout.tables.len()];
    for (ci, c) in layout.tables.iter().enumerate() {
        for (parent, path) in &c.sources {
            if let Some(list) = parent.and_then(|p| out.get_mut(p)) {
                list.push((ci, path.clone()));
            }
        }
    }
    out
}

fn items_at<'a>(obj: &'a Map<String, Value>, path: &[String]) -> &'a [Value] {
    let mut node: Option<&Value> = None;
    for (i, seg) in path.iter().enumerate() {
        node = if i == 0 {
            obj.get(seg)
        } else {
            node.and_then(|n| n.get(seg))
        };
    }
    node.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn emit(
    layout: &Layout,
    children: &[Vec<(usize, Vec<String>)>],
    ti: usize,
    item: &Value,
    parent_key: &[String],
    safe: bool,
    rows: &mut [Vec<Row>],
) {
    let (Some(t), Some(obj)) = (layout.tables.get(ti), item.as_object()) else {
        return;
    };
    let row = flatten(t, obj, parent_key, safe);
    let key: Vec<String> = t
        .spec
        .key
        .iter()
        .map(|k| row.get(*k).cloned().unwrap_or_default())
        .collect();
    if let Some(slot) = rows.get_mut(ti) {
        slot.push(row);
    }
    for (ci, path) in children.get(ti).map(Vec::as_slice).unwrap_or_default() {
        for child in items_at(obj, path) {
            emit(layout, children, *ci, child, &key, safe, rows);
        }
    }
}

fn get<'a>(obj: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut node = obj.get(first)?;
    for seg in rest {
        node = node.get(seg)?;
    }
    Some(node)
}

fn free(s: String, safe: bool) -> String {
    if safe { cell::neutralise(s) } else { s }
}

/// One row object as cells.
fn flatten(t: &TableLayout, obj: &Map<String, Value>, parent_key: &[String], safe: bool) -> Row {
    let mut row = Row::new();
    for (col, key) in t.spec.parent.iter().zip(parent_key) {
        row.insert((*col).to_owned(), key.clone());
    }
    for col in t.cols.iter().filter(|c| !c.path.is_empty()) {
        let Some(v) = get(obj, &col.path) else {
            continue;
        };
        match &col.kind {
            ColKind::Scalar(sc) => {
                if let Some(s) = cell::scalar_to_cell(v) {
                    let s = if sc.is_free_text() { free(s, safe) } else { s };
                    row.insert(col.name.clone(), s);
                }
            }
            ColKind::List(sc) => {
                let items: Vec<String> = v
                    .as_array()
                    .map(|a| a.iter().filter_map(cell::scalar_to_cell).collect())
                    .unwrap_or_default();
                if !items.is_empty() {
                    let s = cell::join_list(&items);
                    let s = if sc.is_free_text() { free(s, safe) } else { s };
                    row.insert(col.name.clone(), s);
                }
            }
            ColKind::WordOrList(_) => {
                let s = match v {
                    Value::Array(a) => {
                        let items: Vec<String> =
                            a.iter().filter_map(cell::scalar_to_cell).collect();
                        cell::join_list(&items)
                    }
                    other => cell::scalar_to_cell(other).unwrap_or_default(),
                };
                row.insert(col.name.clone(), s);
            }
            ColKind::Text => match v {
                Value::String(s) => {
                    row.insert(col.name.clone(), free(s.clone(), safe));
                }
                Value::Object(m) => {
                    for (tag, s) in m {
                        if let Some(s) = s.as_str() {
                            row.insert(format!("{}/{tag}", col.name), free(s.to_owned(), safe));
                        }
                    }
                }
                _ => {}
            },
            ColKind::Map(sc) => {
                for (k, x) in v.as_object().into_iter().flatten() {
                    if let Some(s) = cell::scalar_to_cell(x) {
                        let s = if sc.is_free_text() { free(s, safe) } else { s };
                        row.insert(format!("{}/{k}", col.name), s);
                    }
                }
            }
            ColKind::Ext => {
                for (k, x) in v.as_object().into_iter().flatten() {
                    row.insert(
                        format!("{}/{k}", col.name),
                        free(cell::ext_to_cell(x), safe),
                    );
                }
            }
        }
    }
    row
}

/// The header of a table for these rows: fixed columns in model order; at the place of
/// each family (text, map, ext) its columns present in the rows, sorted (a text with no
/// language column gets its plain column). `languages` adds `title/<tag>` columns (templates).
pub(crate) fn header(t: &TableLayout, rows: &[Row], languages: &[String]) -> Vec<String> {
    let present: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.keys().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for col in &t.cols {
        match col.kind {
            ColKind::Text => {
                let prefix = format!("{}/", col.name);
                let mut tags: BTreeSet<String> = present
                    .iter()
                    .filter_map(|c| c.strip_prefix(&prefix))
                    .map(str::to_owned)
                    .collect();
                tags.extend(languages.iter().cloned());
                if present.contains(col.name.as_str()) || tags.is_empty() {
                    out.push(col.name.clone());
                }
                out.extend(tags.into_iter().map(|tag| format!("{prefix}{tag}")));
            }
            ColKind::Map(_) | ColKind::Ext => {
                let prefix = format!("{}/", col.name);
                out.extend(
                    present
                        .iter()
                        .filter(|c| c.starts_with(&prefix))
                        .map(|c| (*c).to_owned()),
                );
            }
            _ => out.push(col.name.clone()),
        }
    }
    out
}

/// The column (or family) a header label belongs to: `(column, family key)`, the key being
/// the language tag, map key or ext key after the family's `/`.
pub(crate) fn column_of<'a>(t: &'a TableLayout, label: &str) -> Option<(&'a Col, Option<String>)> {
    if let Some(c) = t
        .cols
        .iter()
        .find(|c| c.name == label && !matches!(c.kind, ColKind::Map(_) | ColKind::Ext))
    {
        return Some((c, None));
    }
    t.cols
        .iter()
        .filter(|c| matches!(c.kind, ColKind::Text | ColKind::Map(_) | ColKind::Ext))
        .filter_map(|c| {
            label
                .strip_prefix(&c.name)
                .and_then(|r| r.strip_prefix('/'))
                .filter(|k| !k.is_empty())
                .map(|k| (c, Some(k.to_owned())))
        })
        .max_by_key(|(c, _)| c.name.len())
}

/// True when the cells of this column are free text (the writer may neutralise them).
pub(crate) fn is_free(col: &Col, family_key: bool) -> bool {
    match &col.kind {
        ColKind::Scalar(sc) | ColKind::List(sc) => sc.is_free_text(),
        ColKind::Map(sc) => sc.is_free_text(),
        ColKind::Text => true,
        ColKind::Ext => family_key,
        ColKind::WordOrList(_) => false,
    }
}

/// The scalar type of a column's values, for the datapackage (text, ext: free text).
pub(crate) fn value_type(col: &Col) -> Scalar {
    match &col.kind {
        ColKind::Scalar(sc) | ColKind::Map(sc) => sc.clone(),
        ColKind::List(_) | ColKind::WordOrList(_) | ColKind::Text | ColKind::Ext => {
            Scalar::String { pattern: None }
        }
    }
}
