//! Text from data, made safe to show: nothing in a title or a field name may drive the
//! terminal that prints it or reorder what the reader sees.
//!
//! A dataset is untrusted input. Its titles, ids, field names and messages that quote them
//! can carry *live* characters:
//!
//! - C0 control characters other than line feed and tab (ESC starts the escape sequences
//!   that move the cursor, recolour, retitle the window or write hyperlinks; carriage return
//!   overwrites the line), DEL, and the C1 controls U+0080–U+009F (CSI U+009B is ESC `[`);
//! - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069,
//!   which reorder the text around them ("Trojan Source"). The marks U+200E, U+200F and
//!   U+061C are left alone: they only nudge neutral characters, and Arabic text uses them.
//!
//! [`for_terminal`] makes each visible: a C0 control as its Unicode control picture (ESC
//! → `␛`, carriage return → `␍`), DEL as `␡`, and any other live character as `<U+202E>`.
//! [`for_json`] escapes them as `\u202e` inside JSON text, which any JSON reader reads back
//! as the same character: JSON output stays exact and still prints safely.
//!
//! ```
//! use ogp_core::display::{for_json, for_terminal};
//!
//! assert_eq!(for_terminal("Title\u{1b}]0;pwned\u{7}"), "Title␛]0;pwned␇");
//! assert_eq!(for_terminal("abc\u{202e}fed"), "abc<U+202E>fed");
//! assert_eq!(for_terminal("الشفافية\nline two"), "الشفافية\nline two");
//! assert_eq!(for_json("{\"title\": \"abc\u{202e}fed\"}"), r#"{"title": "abc\u202efed"}"#);
//! ```

use std::borrow::Cow;

/// True for a character that can drive a terminal or reorder the text around it (module
/// doc); line feed and tab are not live.
pub fn is_live(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every live character made visible (module doc); borrowed when there is none.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_live) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{1f}' if is_live(c) => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if is_live(c) => out.push_str(&format!("<U+{:04X}>", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text with every live character written as a `\uXXXX` escape. Live characters can
/// only stand inside JSON strings, where the escape means the same character, so the JSON
/// reads back identical. (serde_json already escapes C0 controls.)
pub fn for_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_live) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_live(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_live_character_is_made_visible_and_nothing_else_changes() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let shown = for_terminal(&c.to_string()).into_owned();
            if is_live(c) {
                assert!(!shown.chars().any(is_live), "{c:?} → {shown:?}");
                assert_ne!(shown, c.to_string());
            } else {
                assert_eq!(shown, c.to_string());
            }
        }
        assert_eq!(for_terminal("a\rb"), "a␍b");
        assert_eq!(for_terminal("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(for_terminal("x\u{2067}y"), "x<U+2067>y");
        assert_eq!(for_terminal("rtl\u{200f}mark"), "rtl\u{200f}mark");
    }

    #[test]
    fn json_escapes_read_back_as_the_same_text() {
        let text = "a\u{202e}b\u{9b}c\u{7f}d\u{2066}";
        let json = serde_json::to_string(text).unwrap_or_default();
        let safe = for_json(&json);
        assert!(!safe.chars().any(is_live), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, text);
    }
}
