//! Identifiers: the strings that tie a dataset together.

use std::borrow::Borrow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// The longest id, in characters.
pub const MAX_ID_LEN: usize = 200;

/// The pattern every [`Id`] matches, as written in the JSON Schemas.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$";

/// An identifier: `[A-Za-z0-9][A-Za-z0-9._:-]{0,199}`: up to 200 characters, so that the
/// slugs other trackers use (an 84-character theme slug was seen) come in unchanged.
///
/// Ids of entities (organizations, plans, themes, commitments, milestones, committees,
/// memberships, meetings, agenda items, decisions, actions, grids, calls, candidates,
/// evaluators, rotation policies, events) are unique across the whole dataset, so a reference
/// never needs to say what kind of thing it points to. Criteria and requirements are unique
/// within their grid, principles within their guide (see `ARCHITECTURE.md`).
///
/// An `Id` can only be built from a string that matches the pattern:
///
/// ```
/// use ogp_core::Id;
///
/// let id: Id = "MO0054".parse().unwrap();
/// assert_eq!(id.as_str(), "MO0054");
/// assert!("-leading-dash".parse::<Id>().is_err());
/// assert!("has space".parse::<Id>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

/// Why a string is not an [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid id: {reason} (ids match {ID_PATTERN})")]
pub struct IdError {
    /// The rejected string.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Id {
    /// Builds an id, checking the pattern.
    pub fn new(value: impl Into<String>) -> Result<Id, IdError> {
        let value = value.into();
        match id_problem(&value) {
            None => Ok(Id(value)),
            Some(reason) => Err(IdError { value, reason }),
        }
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Says what is wrong with `s` as an id, or `None` when it is a valid id.
fn id_problem(s: &str) -> Option<&'static str> {
    let mut chars = s.chars();
    match chars.next() {
        None => return Some("it is empty"),
        Some(c) if !c.is_ascii_alphanumeric() => {
            return Some("it must start with a letter or a digit");
        }
        Some(_) => {}
    }
    if s.len() > MAX_ID_LEN {
        return Some("it is longer than 200 characters");
    }
    if chars.any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))) {
        return Some("only ASCII letters, digits and . _ : - are allowed");
    }
    None
}

impl std::str::FromStr for Id {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Id, IdError> {
        Id::new(s)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        let s = String::deserialize(d)?;
        Id::new(s).map_err(|e| serde::de::Error::custom(crate::error::tagged("bad-id", &e)))
    }
}

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An identifier, unique across the dataset."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_pattern() {
        for ok in [
            "a",
            "MO0054",
            "zz-c1-m1",
            "a.b_c:d-e",
            &"x".repeat(64),
            &"x".repeat(200),
        ] {
            assert!(Id::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        assert_eq!(Id::new("").unwrap_err().reason, "it is empty");
        assert_eq!(
            Id::new("_a").unwrap_err().reason,
            "it must start with a letter or a digit"
        );
        assert_eq!(
            Id::new("x".repeat(201)).unwrap_err().reason,
            "it is longer than 200 characters"
        );
        assert!(Id::new("é").is_err());
        assert!(Id::new("a b").is_err());
    }
}
