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
    /// Where this object's keys start in the scan's list of keys seen.
    keys_from: usize,
}

/// True when every array of `text` (a JSON document that parsed) stands where the model
/// expects a list or free JSON, and no object names a key twice; false when one may stand for
/// an object or a key may be repeated (run the full check, which says where).
pub(crate) fn arrays_only_where_lists_belong(text: &str) -> bool {
    let keys = keys();
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The keys of every open object, innermost last (each frame knows where its own start).
    let mut seen: Vec<&str> = Vec::new();
    // The key whose value comes next (in an object), when it is a plain key.
    let mut key: Option<&str> = None;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let end = string_end(b, i + 1);
                let Some(end) = end else { return false };
                let raw = text.get(i + 1..end).unwrap_or("");
                if raw.len() > crate::MAX_TEXT_BYTES || raw.contains("\\u0000") {
                    return false; // the full check names the text at fault
                }
                let in_object = stack.last().is_some_and(|f| !f.array);
                if in_object && next_non_ws(b, end + 1) == Some(b':') {
                    let raw = text.get(i + 1..end).unwrap_or("\\");
                    if raw.contains('\\') {
                        return false; // an escaped key may repeat another: let the full check tell
                    }
                    let from = stack.last().map_or(0, |f| f.keys_from);
                    if seen.get(from..).is_some_and(|own| own.contains(&raw)) {
                        return false;
                    }
                    seen.push(raw);
                    key = Some(raw);
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
                    keys_from: seen.len(),
                });
                key = None;
                i += 1;
            }
            b']' | b'}' => {
                if let Some(f) = stack.pop() {
                    seen.truncate(f.keys_from);
                }
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

/// A fault of the JSON text that the typed model cannot see: the JSON pointer of the member
/// (`/plans/0/title/en`), the byte offset where the text shows it, and what is wrong.
pub(crate) struct TextFault {
    pub pointer: String,
    pub offset: usize,
    pub fault: Fault,
}

/// What is wrong with a member of the text.
pub(crate) enum Fault {
    /// Its key is named a second time in its object (JSON readers keep one silently).
    RepeatedKey(String),
    /// Its key or string value is too long or holds NUL: the message says which.
    BadString(String),
}

/// Every key named twice in one object of `text` (a JSON document that parsed), and every key
/// or string too long or holding NUL, in text order.
pub(crate) fn text_faults(text: &str) -> Vec<TextFault> {
    let b = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    // Enough to show what is wrong; more would only cost (each fault builds its pointer).
    const ENOUGH: usize = 1000;
    while let Some(&c) = b.get(i).filter(|_| found.len() < ENOUGH) {
        match c {
            b'"' => {
                let Some(end) = string_end(b, i + 1) else {
                    break;
                };
                let quoted = text.get(i..=end).unwrap_or("\"\"");
                let in_object = stack.last().is_some_and(|f| !f.array);
                let is_key = in_object && next_non_ws(b, end + 1) == Some(b':');
                let string: String = match quoted.contains('\\') || is_key {
                    true => serde_json::from_str(quoted).unwrap_or_default(),
                    false => quoted.get(1..quoted.len() - 1).unwrap_or("").to_owned(),
                };
                if is_key {
                    let repeated = stack
                        .last_mut()
                        .is_some_and(|top| !top.keys.insert(string.clone()));
                    let fault = crate::text_fault(&string);
                    if repeated || fault.is_some() {
                        // Built only for a fault: a pointer per key would cost the depth each.
                        let pointer = pointer_of(&stack) + "/" + &escape_segment(&string);
                        if repeated {
                            found.push(TextFault {
                                pointer: pointer.clone(),
                                offset: i,
                                fault: Fault::RepeatedKey(string.clone()),
                            });
                        }
                        if let Some(why) = fault {
                            found.push(TextFault {
                                pointer,
                                offset: i,
                                fault: Fault::BadString(format!("its key: {why}")),
                            });
                        }
                    }
                    if let Some(top) = stack.last_mut() {
                        top.key = Some(string);
                    }
                } else if let Some(why) = crate::text_fault(&string) {
                    // The string is the current member of the innermost container.
                    let pointer = members(&stack);
                    found.push(TextFault {
                        pointer,
                        offset: i,
                        fault: Fault::BadString(why),
                    });
                }
                i = end + 1;
            }
            b'[' | b'{' => {
                stack.push(Open {
                    array: c == b'[',
                    index: 0,
                    key: None,
                    keys: BTreeSet::new(),
                });
                i += 1;
            }
            b']' | b'}' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(top) = stack.last_mut().filter(|f| f.array) {
                    top.index += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// An open container while looking for repeated keys.
struct Open {
    array: bool,
    /// The current element's index, in an array.
    index: usize,
    /// The current member's key, in an object.
    key: Option<String>,
    /// The keys named so far, in an object.
    keys: BTreeSet<String>,
}

/// A key as a JSON pointer segment (`~` → `~0`, `/` → `~1`).
fn escape_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of the innermost open container: each outer one's current member.
fn pointer_of(stack: &[Open]) -> String {
    members(
        stack
            .get(..stack.len().saturating_sub(1))
            .unwrap_or_default(),
    )
}

/// The JSON pointer of the current member of the last of `frames`: each one's member in turn.
fn members(frames: &[Open]) -> String {
    let mut pointer = String::new();
    for f in frames {
        pointer.push('/');
        match (&f.key, f.array) {
            (_, true) => pointer.push_str(&f.index.to_string()),
            (Some(k), false) => pointer.push_str(&escape_segment(k)),
            (None, false) => {}
        }
    }
    pointer
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
