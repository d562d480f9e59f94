//! How one value is written in one cell, and read back.

use serde_json::Value;

/// The characters that make a spreadsheet run a cell as a formula when they come first.
pub const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// The prefix that neutralises a formula-like cell (and doubles a leading `'`).
pub const ESCAPE: char = '\'';

/// Prefixes `'` to free text that a spreadsheet would run as a formula, and to text that
/// already starts with `'` (so that the reader, which strips one `'`, gives it back exactly).
pub fn neutralise(s: String) -> String {
    if s.starts_with(FORMULA_START) || s.starts_with(ESCAPE) {
        format!("{ESCAPE}{s}")
    } else {
        s
    }
}

/// The reverse of [`neutralise`]: strips one leading `'`.
pub fn restore(s: &str) -> &str {
    s.strip_prefix(ESCAPE).unwrap_or(s)
}

/// Joins list items with `;`, escaping `\` as `\\` and `;` as `\;`.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        for c in item.as_ref().chars() {
            if c == ';' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Splits a `;`-joined cell (see [`join_list`]) into its items exactly as written: an item
/// with spaces around it keeps them and an empty item (`a;;b`, `a;`) stays, so that
/// validation reports them as it does in JSON rather than the reader changing the data. An
/// empty cell is no item at all.
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => cur.push(n),
                None => cur.push('\\'),
            },
            ';' => items.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    items.push(cur);
    items
}

/// An `ext` value as a cell: a string as itself unless it would read back as something else
/// (JSON such as `42`, `true`, `"x"`, or empty), in which case as JSON; anything else as
/// JSON text.
pub fn ext_to_cell(v: &Value) -> String {
    match v {
        Value::String(s) => {
            if s.is_empty() || serde_json::from_str::<Value>(s).is_ok() {
                Value::String(s.clone()).to_string()
            } else {
                s.clone()
            }
        }
        other => other.to_string(),
    }
}

/// An `ext` cell as a value: JSON when it reads as JSON, else the text itself.
pub fn ext_from_cell(cell: &str) -> Value {
    serde_json::from_str(cell).unwrap_or_else(|_| Value::String(cell.to_owned()))
}

/// A scalar JSON value as cell text (`None` for null, arrays and objects).
pub fn scalar_to_cell(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let items = ["a;b", "c\\d", "e"];
        let cell = join_list(&items);
        assert_eq!(cell, "a\\;b;c\\\\d;e");
        assert_eq!(split_list(&cell), items);
        assert_eq!(split_list(" x ; y ;"), [" x ", " y ", ""]);
        assert_eq!(split_list(""), Vec::<String>::new());
    }

    #[test]
    fn ext_values_round_trip() {
        for v in [
            Value::from("J-42"),
            Value::from("42"),
            Value::from(""),
            Value::from("\"q\""),
            Value::from(42),
            Value::from(-1.5),
            Value::Null,
            serde_json::json!({"a": [1, "x"]}),
            Value::from(true),
            Value::from("true"),
        ] {
            assert_eq!(ext_from_cell(&ext_to_cell(&v)), v, "{v}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for s in [
            "=SUM(A1)", "+1", "-x", "@me", "\tx", "\rx", "'quoted", "plain",
        ] {
            let n = neutralise(s.to_owned());
            assert!(!n.starts_with(FORMULA_START));
            assert_eq!(restore(&n), s);
        }
    }
}
