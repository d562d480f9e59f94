//! A row's commitment: id, texts, dates, institutions, policy areas, values, the IRM.

use serde_json::Value;

use super::columns::{Field, POLICY_AREAS, policy_area_slug};
use super::dates::{self, DateCell, Role};
use super::institutions;
use super::irm::{self, parse_label, yes_no};
use super::{Row, Sheet, WarningKind, child_id, fallback_id};
use crate::error::Code;
use crate::{
    ActionPlan, Commitment, Ext, Id, IrmAssessment, OgpValue, PlanDate, Sector, Text, Theme,
};

impl Sheet {
    /// The row's commitment, or `None` (and an error) when it has no title or repeats an id.
    pub(super) fn commitment(&mut self, row: &Row<'_>, plan_index: usize) -> Option<Commitment> {
        let title = self.title(row)?;
        let (plan_id, period, theme) = {
            let (_, plan) = self.plans.get_mut(plan_index)?;
            let theme = row.get(Field::Theme).map(|t| theme_of(plan, t));
            (plan.id.to_string(), (plan.start, plan.end), theme)
        };
        let count = self
            .plans
            .get(plan_index)
            .map_or(0, |(_, p)| p.commitments.len());
        let id = self.commitment_id(row, &plan_id, count)?;
        let mut ext = row.unmapped.clone();
        let start = self.date(row, Field::Start, period.0, &mut ext);
        let end = self.date(row, Field::End, period.1, &mut ext);
        let (lead, partners) = self.institutions(row);
        let values = self.values(row, &mut ext);
        let irm = self.assessment(row);
        let plan = &self.plans.get(plan_index)?.1;
        let updates = irm
            .as_ref()
            .map(|a| irm::updates(a, plan))
            .unwrap_or_default();
        Some(Commitment {
            id,
            ogp_id: row.get(Field::Ident).map(str::to_owned),
            number: row.get(Field::Number).map(str::to_owned),
            title: Text::plain(title),
            short_title: row.get(Field::ShortTitle).map(Text::plain),
            theme,
            lead,
            partners,
            policy_areas: policy_areas(row),
            values,
            challenge: None,
            solution: None,
            description: row.get(Field::FullText).map(Text::plain),
            url: row.get(Field::Url).map(str::to_owned),
            start,
            end,
            weight: None,
            milestones: Vec::new(),
            updates,
            irm,
            ext,
        })
    }

    /// `Commitment Title`, else `Short Title`; an error when neither is given.
    fn title(&mut self, row: &Row<'_>) -> Option<String> {
        let title = row.get(Field::Title).or_else(|| row.get(Field::ShortTitle));
        if title.is_none() {
            self.error(
                Code::ConstraintError,
                Some(row.number),
                Some(row.heading(Field::Title, "Commitment Title")),
                "a commitment title is required".into(),
            );
        }
        title.map(str::to_owned)
    }

    /// The unique identifier when it is an id, else `<plan>-c<number>`; a repeated id is an
    /// error naming the row that first gave it.
    fn commitment_id(&mut self, row: &Row<'_>, plan_id: &str, count: usize) -> Option<Id> {
        let fallback = child_id(
            plan_id,
            &format!(
                "c{}",
                row.get(Field::Number)
                    .map_or_else(|| (count + 1).to_string(), str::to_owned)
            ),
        );
        let id = row
            .get(Field::Ident)
            .and_then(|ident| Id::new(ident).ok())
            .or_else(|| Id::new(fallback).ok())
            .unwrap_or_else(fallback_id);
        if let Some(first) = self.commitment_rows.get(id.as_str()).copied() {
            self.error(
                Code::DuplicateId,
                Some(row.number),
                Some(row.heading(Field::Ident, "Commitment Unique Identifier")),
                format!("the commitment {id} is already row {first}; each row is one commitment"),
            );
            return None;
        }
        self.commitment_rows.insert(id.to_string(), row.number);
        Some(id)
    }

    /// `Start Date` or `End Date`, else the plan's `fallback`. An ambiguous or unreadable
    /// date is a warning and its text is kept in `ext`.
    fn date(&mut self, row: &Row<'_>, field: Field, fallback: PlanDate, ext: &mut Ext) -> PlanDate {
        let Some((heading, cell)) = row.cells.get(&field).copied() else {
            return fallback;
        };
        let role = if field == Field::Start {
            Role::Start
        } else {
            Role::End
        };
        let (kind, why) = match dates::date(cell, role) {
            DateCell::Date(date) => return date,
            DateCell::NoDate => return fallback,
            DateCell::Ambiguous => (
                WarningKind::AmbiguousDate,
                "could be day-first or month-first, so it is not guessed",
            ),
            DateCell::Unreadable => (WarningKind::UnreadableDate, "is not a date"),
        };
        self.warn(
            kind,
            Code::BadDate,
            (row.number, heading),
            format!("{cell:?} {why}; the plan's {fallback} is used and the text kept in ext"),
        );
        ext.insert(heading.to_owned(), Value::String(cell.to_owned()));
        fallback
    }

    /// The lead (the first institution of `Lead Institution`) and the partners (the lead
    /// cell's others, then `Supporting Institution(s)`), without repeats.
    fn institutions(&mut self, row: &Row<'_>) -> (Id, Vec<Id>) {
        let leads = self.names(row, Field::Lead, "Lead Institution");
        let mut leads = leads.into_iter();
        let lead = match leads.next() {
            Some(name) => self.org(&name, crate::Sector::Government),
            None => {
                let heading = row.heading(Field::Lead, "Lead Institution");
                self.warn(
                    WarningKind::NoLead,
                    Code::MissingField,
                    (row.number, heading),
                    "no lead institution; the commitment is led by \"unknown\"".into(),
                );
                self.org("Unknown", Sector::Other)
            }
        };
        let others: Vec<String> = leads.collect();
        if !others.is_empty() {
            let heading = row.heading(Field::Lead, "Lead Institution");
            self.warn(
                WarningKind::SeveralLeads,
                Code::InvalidValue,
                (row.number, heading),
                format!(
                    "the cell names {} institutions; the first leads, the others ({}) are partners",
                    others.len() + 1,
                    others.join("; ")
                ),
            );
        }
        let supporting = self.names(row, Field::Supporting, "Supporting Institution(s)");
        let mut partners: Vec<Id> = Vec::new();
        for name in others.into_iter().chain(supporting) {
            let id = self.org(&name, Sector::Other);
            if id != lead && !partners.contains(&id) {
                partners.push(id);
            }
        }
        (lead, partners)
    }

    /// The names of an institution cell, with a warning when its commas left it unsure.
    fn names(&mut self, row: &Row<'_>, field: Field, default: &'static str) -> Vec<String> {
        let Some(cell) = row.get(field) else {
            return Vec::new();
        };
        let split = institutions::split(cell);
        if let Some(reason) = split.unsure {
            self.warn(
                WarningKind::UnsureInstitutions,
                Code::InvalidValue,
                (row.number, row.heading(field, default)),
                reason,
            );
        }
        split.names
    }

    /// The OGP values marked `1`; other non-absent cells are warnings, kept in `ext`.
    fn values(&mut self, row: &Row<'_>, ext: &mut Ext) -> Vec<OgpValue> {
        let mut values = Vec::new();
        for (field, (heading, cell)) in &row.cells {
            let Field::Value(value) = field else {
                continue;
            };
            match yes_no(cell) {
                Some(true) => values.push(*value),
                Some(false) => {}
                None if irm::absent(cell) => {}
                None => {
                    self.warn(
                        WarningKind::NotZeroOrOne,
                        Code::InvalidValue,
                        (row.number, heading),
                        format!("{cell:?} is not 0 or 1; kept in ext"),
                    );
                    ext.insert((*heading).to_owned(), Value::String((*cell).to_owned()));
                }
            }
        }
        values.sort();
        values.dedup();
        values
    }
}

/// The id of the plan's theme titled `title`, added to the plan on first sight.
fn theme_of(plan: &mut ActionPlan, title: &str) -> Id {
    if let Some(theme) = plan.themes.iter().find(|t| t.title == Text::plain(title)) {
        return theme.id.clone();
    }
    let base = child_id(plan.id.as_str(), title);
    let id = super::unique_id(&base, |candidate| {
        plan.themes.iter().any(|t| t.id.as_str() == candidate)
    });
    plan.themes.push(Theme {
        id: id.clone(),
        title: Text::plain(title),
        ext: Ext::new(),
    });
    id
}

/// The slugs of the policy-area columns marked `1`, then those of a tags column.
fn policy_areas(row: &Row<'_>) -> Vec<String> {
    let mut areas: Vec<String> = Vec::new();
    for (field, (_, cell)) in &row.cells {
        if let Field::PolicyArea(index) = field
            && yes_no(cell) == Some(true)
            && let Some(heading) = POLICY_AREAS.get(*index)
        {
            areas.push(policy_area_slug(heading));
        }
    }
    if let Some(tags) = row.get(Field::PolicyAreaTags) {
        for tag in tags.split([';', ',', '\n']).map(str::trim) {
            if !tag.is_empty() && !irm::absent(tag) {
                areas.push(policy_area_slug(tag));
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    areas.retain(|area| seen.insert(area.clone()));
    areas
}

impl Sheet {
    /// The row's IRM assessment (`None` when it gives nothing).
    fn assessment(&mut self, row: &Row<'_>) -> Option<IrmAssessment> {
        let mut irm_ext = Ext::new();
        let mut a = IrmAssessment::default();
        let mut labels = Labels {
            sheet: self,
            row,
            ext: &mut irm_ext,
        };
        a.specificity = labels.word(Field::Specificity, "specificity");
        a.potential_impact = labels.word(Field::PotentialImpact, "potential impact");
        a.potential_for_results = labels.word(Field::PotentialForResults, "potential for results");
        a.completion_midterm = labels.word(Field::CompletionProgress, "completion");
        a.completion = labels.word(Field::CompletionEnd, "completion");
        a.did_it_open_government = labels.word(Field::DidItOpen, "did-it-open-government");
        a.did_it_open_government_access_to_information =
            labels.word(Field::DidItOpenAccess, "did-it-open-government");
        a.did_it_open_government_civic_participation =
            labels.word(Field::DidItOpenCivic, "did-it-open-government");
        a.did_it_open_government_public_accountability =
            labels.word(Field::DidItOpenAccountability, "did-it-open-government");
        a.verifiable = labels.flag(Field::Verifiable);
        a.open_gov_lens = labels.flag(Field::Lens);
        a.promising = labels.flag(Field::Promising);
        a.starred_midterm = labels.flag(Field::StarredMidterm);
        a.starred = labels.flag(Field::StarredEnd);
        a.progress_report_year = labels.year(Field::ProgressReportYear);
        a.end_of_term_report_year = labels.year(Field::EndOfTermReportYear);
        a.early_results = row.get(Field::EarlyResults).map(str::to_owned);
        a.ext = irm_ext;
        (a != IrmAssessment::default()).then_some(a)
    }
}

/// Reads a row's IRM cells, warning about and keeping what the model has no word for.
struct Labels<'s, 'r, 'a> {
    sheet: &'s mut Sheet,
    row: &'r Row<'a>,
    ext: &'r mut Ext,
}

impl Labels<'_, '_, '_> {
    fn set_aside(&mut self, field: Field, what: &str) {
        if let Some((heading, cell)) = self.row.cells.get(&field).copied() {
            self.sheet.warn(
                WarningKind::UnknownLabel,
                Code::InvalidValue,
                (self.row.number, heading),
                format!("{cell:?} is not a known {what} label; kept in irm.ext"),
            );
            self.ext
                .insert(heading.to_owned(), Value::String(cell.to_owned()));
        }
    }

    fn word<T: serde::de::DeserializeOwned>(&mut self, field: Field, what: &str) -> Option<T> {
        let cell = self.row.get(field)?;
        let value = parse_label(cell);
        if value.is_none() {
            self.set_aside(field, what);
        }
        value
    }

    fn flag(&mut self, field: Field) -> Option<bool> {
        let cell = self.row.get(field)?;
        let value = yes_no(cell);
        if value.is_none() {
            self.set_aside(field, "yes/no");
        }
        value
    }

    fn year(&mut self, field: Field) -> Option<i32> {
        let cell = self.row.get(field)?;
        let value = dates::year(cell);
        if value.is_none() {
            self.set_aside(field, "year");
        }
        value
    }
}
