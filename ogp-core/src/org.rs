//! Organizations: ministries, agencies, associations, networks…

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Ext, Id, Text};

/// An institution or association that leads commitments, sits on committees or applies to
/// calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Unique id.
    pub id: Id,
    /// Full name.
    pub name: Text,
    /// Acronym or short name (e.g. `ADD`, `FOMAP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    /// Which side of the table it sits on.
    pub sector: Sector,
    /// What kind of body it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrgKind>,
    /// The organization it belongs to (a directorate's ministry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Region: an ISO 3166-2 code (`MA-11`) or a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Focus tags: `disability`, `youth`, `environment`…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Country-specific fields.
    #[serde(default, skip_serializing_if = "Ext::is_empty")]
    pub ext: Ext,
}

/// The sector of an organization or a committee seat.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Ministries, agencies, parliament, judiciary, local government.
    Government,
    /// Associations, networks, academia.
    CivilSociety,
    /// Anything else (private sector, international organizations…).
    Other,
}

impl Sector {
    /// The word used in JSON (`civil_society`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Sector::Government => "government",
            Sector::CivilSociety => "civil_society",
            Sector::Other => "other",
        }
    }
}

/// The kind of an organization.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum OrgKind {
    Ministry,
    Agency,
    Parliament,
    Judiciary,
    LocalGovernment,
    Association,
    Network,
    Academia,
    Private,
    International,
    Other,
}
