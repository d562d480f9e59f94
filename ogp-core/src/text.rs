//! Multilingual text.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Text in one or more languages.
///
/// In JSON it is either a plain string, which means the dataset's `default_language`, or an
/// object from BCP 47 language tag to string: `{"ar": "…", "fr": "…", "en": "…"}` (Tamazight in
/// Tifinagh is `zgh`). The shape written is the shape read, so round trips keep it.
///
/// Look-ups fall back: the requested language, then the default language, then the first
/// language in tag order, so that a look-up on a non-empty text always finds something.
///
/// ```
/// use ogp_core::Text;
///
/// let t: Text = serde_json::from_str(r#"{"ar": "الشفافية", "fr": "Transparence"}"#).unwrap();
/// assert_eq!(t.get("fr", "ar"), Some("Transparence"));
/// assert_eq!(t.get("en", "ar"), Some("الشفافية")); // falls back to the default language
/// assert_eq!(t.get("en", "de"), Some("الشفافية")); // then to the first tag ("ar")
///
/// let plain = Text::plain("Youth Forum");
/// assert_eq!(plain.get("fr", "en"), Some("Youth Forum"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// A plain string, in the dataset's default language.
    Plain(String),
    /// Translations keyed by BCP 47 language tag.
    Langs(BTreeMap<String, String>),
}

impl Text {
    /// A plain text, in the dataset's default language.
    pub fn plain(s: impl Into<String>) -> Text {
        Text::Plain(s.into())
    }

    /// A text with translations, from `(tag, text)` pairs.
    pub fn langs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Text {
        Text::Langs(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    }

    /// The text in `lang`, falling back to `default_lang`, then to any language.
    ///
    /// A plain text is in `default_lang`, so it is returned whatever `lang` is asked.
    pub fn get(&self, lang: &str, default_lang: &str) -> Option<&str> {
        match self {
            Text::Plain(s) => Some(s),
            Text::Langs(m) => m
                .get(lang)
                .or_else(|| m.get(default_lang))
                .or_else(|| m.values().next())
                .map(String::as_str),
        }
    }

    /// The translations as `(tag, text)` pairs, a plain text under `default_lang`.
    pub fn entries<'a>(&'a self, default_lang: &'a str) -> Vec<(&'a str, &'a str)> {
        match self {
            Text::Plain(s) => vec![(default_lang, s.as_str())],
            Text::Langs(m) => m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        }
    }

    /// True when there is no language, or every translation is blank.
    pub fn is_blank(&self) -> bool {
        match self {
            Text::Plain(s) => s.trim().is_empty(),
            Text::Langs(m) => m.values().all(|v| v.trim().is_empty()),
        }
    }

    /// The language tags whose translation is blank (for a plain text, none: see
    /// [`Text::is_blank`]).
    pub fn blank_langs(&self) -> Vec<&str> {
        match self {
            Text::Plain(_) => Vec::new(),
            Text::Langs(m) => m
                .iter()
                .filter(|(_, v)| v.trim().is_empty())
                .map(|(k, _)| k.as_str())
                .collect(),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::plain(s)
    }
}

/// A check of a BCP 47 tag: a 2- or 3-letter language (ISO 639), then `-` subtags of 1–8
/// letters or digits (script, region…).
pub const LANG_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

/// True when `tag` matches [`LANG_PATTERN`]: 2 or 3 letters, then `-` subtags of 1–8 letters or
/// digits (`ar`, `fr`, `zgh`, `ar-MA`, `zgh-Tfng`).
///
/// ```
/// assert!(ogp_core::is_lang_tag("zgh-Tfng"));
/// assert!(!ogp_core::is_lang_tag("french language"));
/// ```
pub fn is_lang_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Multilingual text: a plain string in the dataset's default language, or an object from BCP 47 language tag to text.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": { "pattern": LANG_PATTERN },
                    "additionalProperties": { "type": "string", "minLength": 1 }
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_map_round_trip_their_shape() {
        for src in [r#""Forum""#, r#"{"ar":"منتدى","fr":"Forum"}"#] {
            let t: Text = serde_json::from_str(src).unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), src);
        }
    }

    #[test]
    fn blank_detection() {
        assert!(Text::plain("  ").is_blank());
        assert!(Text::Langs(BTreeMap::new()).is_blank());
        let t = Text::langs([("ar", ""), ("fr", "x")]);
        assert!(!t.is_blank());
        assert_eq!(t.blank_langs(), vec!["ar"]);
    }

    #[test]
    fn empty_map_finds_nothing() {
        assert_eq!(Text::Langs(BTreeMap::new()).get("en", "en"), None);
    }
}
