//! One pass over JSON text that says whether an array may stand where the model has an
//! object.
//!
//! serde's derived structs also accept an array (fields by position), so a document that
//! writes `"seats": [9, 9, 0]` or `"plans": [["p1", …]]` would read without a word. The full
//! check ([`super::json`]) re-parses the text into a tree and compares it with the typed
//! dataset written back: exact, but three times the cost of a parse. This scan reads the
//! bytes once instead, knowing from the JSON Schema which keys hold lists: an array is
//! expected only as the value of such a key, or anywhere inside `ext` (free JSON). When it
//! finds an array anywhere else (or cannot tell: an escaped key), the caller runs the full
//! check, which gives the exact problems. So the scan may send a valid document to the full
//! check, never let an array-for-object through.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

/// The keys whose value the model reads as a list (or as a list or a word, like a rotation
/// policy's `pool`), and the keys whose value is free JSON (`ext`), from the Dataset schema.
struct Keys {
    lists: BTreeSet<String>,
    free: BTreeSet<String>,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Keys {
            lists: BTreeSet::new(),
            free: BTreeSet::new(),
        };
        if let Some(schema) = crate::io::schema::schema("Dataset") {
            let root = schema.as_value();
            let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
            collect(root, &defs, &mut keys, 0);
            if let Some(map) = defs.as_object() {
                for def in map.values() {
                    collect(def, &defs, &mut keys, 0);
                }
            }
        }
        keys
    })
}

/// Walks a schema node, sorting every property name into lists and free JSON.
fn collect(node: &Value, defs: &Value, keys: &mut Keys, depth: usize) {
    if depth > 64 {
        return;
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
        for sub in node
            .get(combinator)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(sub, defs, keys, depth + 1);
        }
    }
    if let Some(items) = node.get("items") {
        collect(items, defs, keys, depth + 1);
    }
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, prop) in props {
        let prop = resolve(prop, defs);
        if types(prop, defs, 0).contains("array") {
            keys.lists.insert(name.clone());
        }
        if prop.get("additionalProperties") == Some(&Value::Bool(true)) {
            keys.free.insert(name.clone());
        }
        collect(prop, defs, keys, depth + 1);
    }
}

fn resolve<'a>(node: &'a Value, defs: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .rsplit('/')
            .next()
            .and_then(|name| defs.get(name))
            .unwrap_or(node),
        None => node,
    }
}

/// The JSON types a schema node allows (`"any"` when it says none).
fn types(node: &Value, defs: &Value, depth: usize) -> BTreeSet<String> {
    let node = resolve(node, defs);
    let mut out = BTreeSet::new();
    if depth > 16 {
        return out;
    }
    match node.get("type") {
        Some(Value::String(t)) => {
            out.insert(t.clone());
        }
        Some(Value::Array(ts)) => {
            out.extend(ts.iter().filter_map(Value::as_str).map(str::to_owned))
        }
        _ => {}
    }
    for combinator in ["anyOf", "oneOf"] {
        for sub in node
            .get(combinator)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(types(sub, defs, depth + 1));
        }
    }
    out
}

/// An open container while scanning.
#[derive(Clone, Copy)]
struct Frame {
    /// An array (else an object).
    array: bool,
    /// Inside free JSON (`ext`): anything goes.
    free: bool,
}

/// True when every array of `text` (a JSON document that parsed) stands where the model
/// expects a list or free JSON; false when one may stand for an object (run the full check).
pub(crate) fn arrays_only_where_lists_belong(text: &str) -> bool {
    let keys = keys();
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The key whose value comes next (in an object), when it is a plain key.
    let mut key: Option<&str> = None;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let end = string_end(b, i + 1);
                let Some(end) = end else { return false };
                let in_object = stack.last().is_some_and(|f| !f.array);
                if in_object && next_non_ws(b, end + 1) == Some(b':') {
                    let raw = text.get(i + 1..end).unwrap_or("\\");
                    key = (!raw.contains('\\')).then_some(raw);
                    i = end + 1;
                    continue;
                }
                key = None;
                i = end + 1;
            }
            b'[' | b'{' => {
                let parent = stack.last().copied();
                let free = parent.is_some_and(|f| f.free)
                    || (c == b'{' && key.is_some_and(|k| keys.free.contains(k)));
                if c == b'[' && !free {
                    let list_key = parent.is_some_and(|f| !f.array)
                        && key.is_some_and(|k| keys.lists.contains(k));
                    if !list_key {
                        return false;
                    }
                }
                stack.push(Frame {
                    array: c == b'[',
                    free,
                });
                key = None;
                i += 1;
            }
            b']' | b'}' => {
                stack.pop();
                key = None;
                i += 1;
            }
            // Spaces, commas, colons, numbers, words: on to the next quote or bracket.
            _ => i = next(b, i, |c| matches!(c, b'"' | b'[' | b']' | b'{' | b'}')),
        }
    }
    true
}

/// The index of the first byte at or after `from` for which `stop` holds (`b.len()` when
/// none does). A tight loop over the bytes between the ones the scan looks at.
fn next(b: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    b.get(from..)
        .and_then(|rest| rest.iter().position(|&c| stop(c)))
        .map_or(b.len(), |n| from + n)
}

/// The index of the `"` closing a string whose content starts at `from`.
fn string_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i = next(b, i, |c| c == b'"' || c == b'\\');
        match b.get(i) {
            Some(b'\\') => i += 2,
            Some(_) => return Some(i),
            None => return None,
        }
    }
}

fn next_non_ws(b: &[u8], from: usize) -> Option<u8> {
    b.get(from..)?
        .iter()
        .copied()
        .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_free_json_come_from_the_schema() {
        let k = keys();
        for list in [
            "plans",
            "commitments",
            "updates",
            "partners",
            "values",
            "pool",
        ] {
            assert!(k.lists.contains(list), "{list}");
        }
        for object in ["seats", "irm", "indicator", "guide", "title"] {
            assert!(!k.lists.contains(object), "{object}");
        }
        assert!(k.free.contains("ext"));
    }

    #[test]
    fn arrays_for_objects_are_caught() {
        let ok = r#"{"plans": [{"id": "p", "ext": {"a": [[1], {"b": [2]}]},
                     "commitments": [{"partners": ["x", "y"]}]}]}"#;
        assert!(arrays_only_where_lists_belong(ok));
        for bad in [
            r#"["1"]"#,
            r#"{"plans": [["p1", "ZZ"]]}"#,
            r#"{"committees": [{"seats": [9, 9, 0]}]}"#,
            r#"{"plans": [{"title": ["a"]}]}"#,
            r#"{"plans": [{"ti\"tle": {"x": ["a"]}}]}"#,
        ] {
            assert!(!arrays_only_where_lists_belong(bad), "{bad}");
        }
        // Valid documents take the fast path (no false alarm on the examples).
        for doc in [
            include_str!("../../../examples/morocco-nap3/dataset.json"),
            include_str!("../../../examples/selection/dataset.json"),
            include_str!("../../../examples/rotation/dataset.json"),
            include_str!("../../../tests/fixtures/format-sample.json"),
        ] {
            assert!(arrays_only_where_lists_belong(doc));
        }
        // A string holding brackets and quotes is only a string.
        assert!(arrays_only_where_lists_belong(
            r#"{"plans": [{"title": "a [\"b\"] {c}"}]}"#
        ));
    }
}
