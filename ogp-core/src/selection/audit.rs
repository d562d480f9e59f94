//! What an audit was computed from (the fingerprint), and re-running it (the comparison of a
//! published audit with a recomputation).

use serde_json::Value;

use crate::error::Error;
use sha2::{Digest, Sha256};

use crate::{Call, ScoringGrid};

/// The fingerprint of a call, its grid and the committee's term limit (module doc, §9).
pub(super) fn fingerprint(
    call: &Call,
    grid: &ScoringGrid,
    max_terms: Option<u32>,
) -> Result<String, Error> {
    let mut c = call.clone();
    c.candidates.sort_by(|a, b| a.id.cmp(&b.id));
    c.evaluators.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &mut c.evaluators {
        e.conflicts.sort();
    }
    c.scores.sort_by(|a, b| {
        (&a.candidate, &a.evaluator, &a.criterion).cmp(&(&b.candidate, &b.evaluator, &b.criterion))
    });
    let value = serde_json::to_value((&c, grid, max_terms))
        .map_err(|e| Error::Argument(format!("cannot serialise the call: {e}")))?;
    let mut canonical = String::new();
    write_canonical(&value, &mut canonical);
    let digest = Sha256::digest(canonical.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes `value` in the canonical form of the module doc (§9): compact JSON, object keys in
/// byte order, strings and numbers as `serde_json` writes them.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The differences between a published JSON value and a recomputed one, as
/// `/pointer: published X, recomputed Y` lines, fingerprint first, then in key order.
pub(super) fn differences(published: &Value, recomputed: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (pf, rf) = (published.get("fingerprint"), recomputed.get("fingerprint"));
    if pf != rf {
        out.push(format!(
            "/fingerprint: published {}, recomputed {} — the audit was computed from other data \
             (call, grid or term limit)",
            show(pf),
            show(rf)
        ));
    }
    diff("", published, recomputed, &mut out);
    out
}

fn diff(at: &str, p: &Value, r: &Value, out: &mut Vec<String>) {
    match (p, r) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let path = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                if at.is_empty() && k == "fingerprint" {
                    continue;
                }
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => diff(&path, x, y, out),
                    (Some(x), None) => out.push(format!(
                        "{path}: published {}, absent from the recomputation",
                        show(Some(x))
                    )),
                    (None, Some(y)) => out.push(format!(
                        "{path}: absent from the published audit, recomputed {}",
                        show(Some(y))
                    )),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{at}/{i}"), x, y, out);
            }
            if a.len() != b.len() {
                out.push(format!(
                    "{}: published {} items, recomputed {}",
                    if at.is_empty() { "/" } else { at },
                    a.len(),
                    b.len()
                ));
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_u64(), b.as_u64(), a.as_i64(), b.as_i64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            };
            if !same {
                out.push(mismatch(at, p, r));
            }
        }
        _ if p == r => {}
        _ => out.push(mismatch(at, p, r)),
    }
}

fn mismatch(at: &str, p: &Value, r: &Value) -> String {
    format!(
        "{}: published {}, recomputed {}",
        if at.is_empty() { "/" } else { at },
        show(Some(p)),
        show(Some(r))
    )
}

/// A value in a line: compact JSON, cut at 80 characters.
fn show(v: Option<&Value>) -> String {
    let s = v.map_or_else(|| "nothing".to_owned(), Value::to_string);
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Reads a published audit: JSON in which no object names a key twice (a forged
/// `"total": 99.9` placed before the true value would otherwise be hidden, since a JSON reader
/// keeps the last) and whose `seed`, when given, is a whole number (a seed rewritten as
/// `20190115.0000000001` reads back as the true one).
pub(super) fn read_published(text: &str) -> Result<Value, Error> {
    let bad = |m: String| Error::Argument(format!("the published audit {m}"));
    let mut de = serde_json::Deserializer::from_str(text);
    serde::de::DeserializeSeed::deserialize(Unique(String::new()), &mut de)
        .and_then(|()| de.end())
        .map_err(|e| bad(format!("is not JSON that can be verified: {e}")))?;
    let published: Value =
        serde_json::from_str(text).map_err(|e| bad(format!("is not JSON: {e}")))?;
    match published.get("seed") {
        None | Some(Value::Null) => {}
        Some(s) if s.is_u64() => {}
        Some(s) => return Err(bad(format!("has a seed that is not a whole number: {s}"))),
    }
    Ok(published)
}

/// A JSON value whose objects name each key once; the error names the key and where it is.
struct Unique(String);

impl<'de> serde::de::DeserializeSeed<'de> for Unique {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Unique {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(Unique(format!("{}/{i}", self.0)))?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = format!("{}/{}", self.0, key.replace('~', "~0").replace('/', "~1"));
            if !seen.insert(key) {
                return Err(serde::de::Error::custom(format!(
                    "the key at {at} is given twice"
                )));
            }
            map.next_value_seed(Unique(at))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_form_sorts_keys_at_every_depth_and_has_no_spaces() {
        let v = serde_json::json!({"b": [1, {"z": "é\n", "a": 7.5}], "a": null, "B": true});
        let mut out = String::new();
        write_canonical(&v, &mut out);
        assert_eq!(out, r#"{"B":true,"a":null,"b":[1,{"a":7.5,"z":"é\n"}]}"#);
    }

    #[test]
    fn the_digest_is_sha_256() {
        // FIPS 180-4's first example: SHA-256("abc").
        let d: String = Sha256::digest(b"abc")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            d,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
