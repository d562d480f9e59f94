//! IRM labels, absent values, and the IRM's completion levels as dated updates.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::dates::midpoint;
use crate::{ActionPlan, Completion, IrmAssessment, PlanDate, Text, Update, UpdateSource};

/// A cell's letters and digits, in lower case (`N/A` → `na`, `Not Reviewed` → `notreviewed`).
pub(crate) fn folded(cell: &str) -> String {
    cell.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `ND` (no data), `NR` (not reviewed), `NA`, `N/A`, `Not Reviewed`, `Unclear`, `-` and empty
/// are absent values, never labels.
pub(crate) fn absent(cell: &str) -> bool {
    // No absent word is longer than `notapplicable`: a cell is folded no further than that,
    // so a long text (asked for on every field read) costs nothing.
    const LONGEST: usize = "notapplicable".len();
    let mut key = String::new();
    for c in cell
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if key.len() >= LONGEST {
            return false;
        }
        key.push(c);
    }
    matches!(
        key.as_str(),
        "" | "nd" | "nr" | "na" | "notreviewed" | "unclear" | "notapplicable" | "nodata"
    )
}

/// A label as a word of one of the model's enums: lower case, words joined by `_`, with
/// the IRM's aliases (`Completed` → `complete`, `Worsens` → `worsened`).
pub(crate) fn word(label: &str) -> String {
    let joined: String = label
        .trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    match joined.as_str() {
        "no_evidence_available" | "no_evidence" | "unclear_no_evidence" => "no_evidence".into(),
        "completed" => "complete".into(),
        "worsens" | "worse" => "worsened".into(),
        "did_not_change_anything" | "didn_t_change" | "no_change" => "did_not_change".into(),
        _ => joined,
    }
}

/// The model's value for a label, if it has one.
pub(crate) fn parse_label<T: DeserializeOwned>(label: &str) -> Option<T> {
    serde_json::from_value(Value::String(word(label))).ok()
}

/// `1`, `yes`, `x` → true; `0`, `no` → false.
pub(crate) fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "1" | "1.0" | "yes" | "y" | "true" | "x" => Some(true),
        "0" | "0.0" | "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// The label the sheet writes for a model word (`did_not_change` → `Did Not Change`,
/// `worsened` → `Worsens`, `no_evidence` → `No Evidence Available`).
pub(crate) fn label<T: Serialize>(value: &T) -> String {
    let word = match serde_json::to_value(value) {
        Ok(Value::String(w)) => w,
        _ => return String::new(),
    };
    match word.as_str() {
        "worsened" => return "Worsens".into(),
        "no_evidence" => return "No Evidence Available".into(),
        _ => {}
    }
    word.split('_')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The published heading of the progress report's completion column.
pub(crate) const MIDTERM_COLUMN: &str = "Completion (Progress Report)";
/// The published heading of the end-of-term completion column.
pub(crate) const END_OF_TERM_COLUMN: &str = "Completion (End Of Term)";

/// The IRM's completion levels as dated updates on the commitment, so that progress counts
/// them: the progress report's level at mid-term (dated by its publication year, else the
/// midpoint of the plan), then the end-of-term level at the plan's end (or its report's
/// publication year). Their status is the level; the plan's status scale turns it into a
/// percent.
pub(crate) fn updates(irm: &IrmAssessment, plan: &ActionPlan) -> Vec<Update> {
    let midterm = irm.completion_midterm.map(|level| {
        let date = irm
            .progress_report_year
            .map_or_else(|| midpoint(plan.start, plan.end), PlanDate::Year);
        update(date, level, "the IRM's progress report", MIDTERM_COLUMN)
    });
    let end_of_term = irm.completion.map(|level| {
        let date = irm.end_of_term_report_year.map_or(plan.end, PlanDate::Year);
        update(
            date,
            level,
            "the IRM's end-of-term report",
            END_OF_TERM_COLUMN,
        )
    });
    midterm.into_iter().chain(end_of_term).collect()
}

fn update(date: PlanDate, level: Completion, report: &str, column: &str) -> Update {
    Update {
        date,
        percent: None,
        status: Some(level),
        value: None,
        source: UpdateSource::Irm,
        note: Some(Text::plain(format!(
            "{report}: {} (OGP database, column \"{column}\")",
            label(&level)
        ))),
        evidence: Vec::new(),
        ext: crate::Ext::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Completion, DidItOpenGovernment, PotentialImpact};

    #[test]
    fn labels_and_absent_values() {
        assert_eq!(word("Did not change"), "did_not_change");
        assert_eq!(word("No Evidence Available"), "no_evidence");
        assert_eq!(word(" Completed "), "complete");
        for a in ["ND", "NR", "NA", "N/A", "Not Reviewed", "Unclear", " ", ""] {
            assert!(absent(a), "{a}");
        }
        assert!(!absent("0") && !absent("None"));
        assert_eq!(
            parse_label::<Completion>("Not Started"),
            Some(Completion::NotStarted)
        );
        assert_eq!(
            parse_label::<PotentialImpact>("None"),
            Some(PotentialImpact::None)
        );
        assert_eq!(
            parse_label::<DidItOpenGovernment>("Worsens"),
            Some(DidItOpenGovernment::Worsened)
        );
        assert_eq!(label(&Completion::NotStarted), "Not Started");
        assert_eq!(label(&DidItOpenGovernment::DidNotChange), "Did Not Change");
        assert_eq!(label(&DidItOpenGovernment::Worsened), "Worsens");
    }
}
