//! JSON Schemas (draft 2020-12) generated from the model.
//!
//! The schemas in the repository's `schemas/` folder are these, written by `ogp schema --out
//! schemas --force`; a test fails when the committed files differ from the code.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

use crate::{
    ActionPlan, Call, Committee, Dataset, Event, Organization, RotationPolicy, ScoringGrid,
};

/// The JSON Schema dialect of every generated schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The names of the schemas, as accepted by [`schema`] and written by [`all`].
pub const NAMES: &[&str] = &[
    "Dataset",
    "Organization",
    "ActionPlan",
    "Committee",
    "ScoringGrid",
    "Call",
    "RotationPolicy",
    "Event",
];

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(drop_numeric_formats))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Removes `format` words such as `double` or `uint32` that schemars adds to numbers: they
/// are not JSON Schema formats (validators with format checks on would have to ignore them),
/// and the ranges they imply are stated with `minimum`/`maximum` where they matter.
fn drop_numeric_formats(schema: &mut Schema) {
    let numeric = schema
        .get("format")
        .and_then(|f| f.as_str())
        .is_some_and(|f| {
            matches!(
                f,
                "double"
                    | "float"
                    | "int"
                    | "int8"
                    | "int16"
                    | "int32"
                    | "int64"
                    | "uint"
                    | "uint8"
                    | "uint16"
                    | "uint32"
                    | "uint64"
            )
        });
    if numeric {
        schema.remove("format");
    }
}

/// The schema of an entity by name (`Dataset`, `ActionPlan`…; see [`NAMES`]), or `None`.
///
/// ```
/// let s = ogp_core::io::schema::schema("Dataset").unwrap();
/// assert_eq!(s.get("$schema").and_then(|v| v.as_str()),
///            Some(ogp_core::io::schema::DIALECT));
/// ```
pub fn schema(name: &str) -> Option<Schema> {
    Some(match name {
        "Dataset" => generate::<Dataset>(),
        "Organization" => generate::<Organization>(),
        "ActionPlan" => generate::<ActionPlan>(),
        "Committee" => generate::<Committee>(),
        "ScoringGrid" => generate::<ScoringGrid>(),
        "Call" => generate::<Call>(),
        "RotationPolicy" => generate::<RotationPolicy>(),
        "Event" => generate::<Event>(),
        _ => return None,
    })
}

/// The file name of a schema: `ActionPlan` → `action-plan.schema.json`.
pub fn file_name(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out.push_str(".schema.json");
    out
}

/// Every schema as `(file name, pretty JSON text with a final newline)`, in [`NAMES`] order.
pub fn all() -> Vec<(String, String)> {
    NAMES
        .iter()
        .filter_map(|n| schema(n).map(|s| (file_name(n), to_text(&s))))
        .collect()
}

fn to_text(s: &Schema) -> String {
    let mut t = serde_json::to_string_pretty(s)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    t.push('\n');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(file_name("Dataset"), "dataset.schema.json");
        assert_eq!(file_name("RotationPolicy"), "rotation-policy.schema.json");
    }

    #[test]
    fn every_name_has_a_schema() {
        for n in NAMES {
            assert!(schema(n).is_some(), "{n}");
        }
        assert!(schema("Nope").is_none());
    }
}
