//! A dataset written back in the published layout of the OGP database.

use std::path::Path;

use serde_json::Value;

use super::columns::{
    Field, POLICY_AREAS, PUBLISHED, field, policy_area_heading, policy_area_slug,
};
use super::dates::month_name;
use super::irm::label;
use crate::error::{Code, Problem};
use crate::{
    ActionPlan, Commitment, Dataset, Error, Ext, IrmAssessment, OgpValue, PlanDate, PlanLevel,
    Text, country,
};

/// A dataset in the published layout, and what the layout has no column for.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The CSV text: the 171 [`PUBLISHED`] headings, then one row per commitment.
    pub csv: String,
    /// What was left out (a policy area or value without a column, milestones), each with
    /// its JSON pointer.
    pub warnings: Vec<Problem>,
}

/// Writes every commitment of `ds` as a row of the OGP database, in the published layout
/// ([`PUBLISHED`], in that order), values written as the sheet writes them: `1`/`0` for
/// policy areas and OGP values, the IRM's labels (`Substantial`, `Did Not Change`), `ND` for
/// an absent assessment, `NA` for a commitment date that is its plan's, month names for
/// months (`July 2014`), ISO 8601 for days (`2014-07-01`: the sheet's own `7/1/2014` can be
/// read two ways). Cells kept in `ext` under a published heading (the `_` codings, the
/// derived columns, text set aside on import) are written back as they were.
///
/// [`read`](super::read) of the result gives back every mapped field.
pub fn write(ds: &Dataset) -> Exported {
    let mut warnings = Vec::new();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![PUBLISHED.iter().map(|h| (*h).to_owned()).collect()];
    for (p, plan) in ds.plans.iter().enumerate() {
        for (c, commitment) in plan.commitments.iter().enumerate() {
            let pointer = format!("/plans/{p}/commitments/{c}");
            warnings.extend(left_out(commitment, &pointer));
            let sheet_row = Line {
                ds,
                plan,
                commitment,
            };
            rows.push(PUBLISHED.iter().map(|h| sheet_row.cell(h)).collect());
        }
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = out.write_record(&row);
    }
    let bytes = out.into_inner().unwrap_or_default();
    Exported {
        csv: String::from_utf8(bytes).unwrap_or_default(),
        warnings,
    }
}

/// Writes [`write()`]'s CSV to `path`; returns its warnings. A dataset with validation errors
/// is refused ([`Error::Invalid`], every problem), since what goes back to OGP must hold
/// together (a lead that names no organization would be written as a bare id). The file is
/// written atomically, and a file that is not empty is refused unless `overwrite` says to
/// replace it (see [`crate::io::output`]).
pub fn write_file(
    ds: &Dataset,
    path: &Path,
    overwrite: crate::io::output::Overwrite,
) -> Result<Vec<Problem>, Error> {
    let report = crate::validate(ds);
    if report.has_errors() {
        return Err(Error::Invalid {
            problems: report.problems,
        });
    }
    let exported = write(ds);
    crate::io::output::write_file(path, exported.csv.as_bytes(), overwrite)?;
    Ok(exported.warnings)
}

/// What a commitment has that the layout has no column for.
fn left_out(c: &Commitment, pointer: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, area) in c.policy_areas.iter().enumerate() {
        if policy_area_heading(area).is_none() {
            out.push(Problem::warning(
                Code::InvalidValue,
                format!("{pointer}/policy_areas/{i}"),
                format!("the policy area {area:?} has no column in the OGP database; left out"),
            ));
        }
    }
    if let Some(i) = c.values.iter().position(|v| *v == OgpValue::Inclusion) {
        out.push(Problem::warning(
            Code::InvalidValue,
            format!("{pointer}/values/{i}"),
            "the OGP database has no column for the value inclusion; left out",
        ));
    }
    if !c.milestones.is_empty() {
        out.push(Problem::warning(
            Code::InvalidValue,
            format!("{pointer}/milestones"),
            format!(
                "the OGP database has one row per commitment; its {} milestones are left out",
                c.milestones.len()
            ),
        ));
    }
    out
}

/// One commitment, seen as a row of the sheet.
struct Line<'d> {
    ds: &'d Dataset,
    plan: &'d ActionPlan,
    commitment: &'d Commitment,
}

impl Line<'_> {
    fn cell(&self, heading: &str) -> String {
        let kept = |ext: &Ext| ext.get(heading).map(as_text);
        match field(heading) {
            Some(f) => self
                .plan_cell(f)
                .or_else(|| self.commitment_cell(f, heading))
                .or_else(|| self.irm_cell(f))
                .or_else(|| self.commitment.irm.as_ref().and_then(|a| kept(&a.ext)))
                .or_else(|| kept(&self.commitment.ext))
                .unwrap_or_else(|| absent(f)),
            None => kept(&self.commitment.ext).unwrap_or_default(),
        }
    }

    fn text(&self, text: &Text) -> String {
        let lang = &self.ds.default_language;
        text.get(lang, lang).unwrap_or_default().to_owned()
    }

    fn plan_cell(&self, f: Field) -> Option<String> {
        let plan = self.plan;
        let ext_text = |key: &str| plan.ext.get(key).map(as_text);
        Some(match f {
            Field::Country => ext_text("country_or_locality")
                .or_else(|| plan.jurisdiction.as_ref().map(|j| self.text(j)))
                .or_else(|| country::by_alpha2(&plan.country).map(|c| c.name.to_owned()))?,
            Field::Code => ext_text("locality_code")
                .or_else(|| country::by_alpha2(&plan.country).map(|c| c.alpha3.to_owned()))?,
            Field::Region => plan.region.clone()?,
            Field::Level => ext_text("national_or_local").unwrap_or_else(|| {
                match plan.level {
                    PlanLevel::National => "National",
                    PlanLevel::Local => "Local",
                }
                .to_owned()
            }),
            Field::PlanNumber => plan.number?.to_string(),
            Field::PlanId => plan.ogp_id.clone()?,
            Field::SubmissionYear => year_of(plan.start).to_string(),
            Field::EndYear => year_of(plan.end).to_string(),
            Field::Duration => (year_of(plan.end) - year_of(plan.start)).to_string(),
            _ => return None,
        })
    }

    fn commitment_cell(&self, f: Field, heading: &str) -> Option<String> {
        let c = self.commitment;
        let org_name = |id: &crate::Id| {
            self.ds
                .organizations
                .iter()
                .find(|o| o.id == *id)
                .map_or_else(|| id.to_string(), |o| self.text(&o.name))
        };
        Some(match f {
            Field::Ident => c.ogp_id.clone().unwrap_or_else(|| c.id.to_string()),
            Field::Number => c.number.clone()?,
            Field::Title => self.text(&c.title),
            Field::ShortTitle => self.text(c.short_title.as_ref()?),
            Field::FullText => self.text(c.description.as_ref()?),
            Field::Url => c.url.clone()?,
            Field::Theme => {
                let theme = self
                    .plan
                    .themes
                    .iter()
                    .find(|t| Some(&t.id) == c.theme.as_ref())?;
                self.text(&theme.title)
            }
            Field::Start => self.date(c.start, self.plan.start, heading)?,
            Field::End => self.date(c.end, self.plan.end, heading)?,
            Field::Lead => org_name(&c.lead),
            Field::Supporting => c
                .partners
                .iter()
                .map(org_name)
                .collect::<Vec<_>>()
                .join("; "),
            Field::PolicyArea(index) => {
                let slug = policy_area_slug(POLICY_AREAS.get(index)?);
                one_zero(c.policy_areas.contains(&slug))
            }
            Field::Value(v) => one_zero(c.values.contains(&v)),
            _ => return None,
        })
    }

    /// The date as the sheet writes it; `None` when it is the plan's (so that text set aside
    /// on import, or `NA`, is written).
    fn date(&self, date: PlanDate, plan_date: PlanDate, heading: &str) -> Option<String> {
        if date == plan_date {
            return self
                .commitment
                .ext
                .get(heading)
                .map(as_text)
                .or(Some("NA".into()));
        }
        Some(match date {
            PlanDate::Year(y) => y.to_string(),
            PlanDate::Month(y, m) => format!("{} {y}", month_name(m)?),
            PlanDate::Day(d) => d.to_string(),
        })
    }

    fn irm_cell(&self, f: Field) -> Option<String> {
        let a: &IrmAssessment = self.commitment.irm.as_ref()?;
        match f {
            Field::Specificity => a.specificity.map(|v| label(&v)),
            Field::PotentialImpact => a.potential_impact.map(|v| label(&v)),
            Field::PotentialForResults => a.potential_for_results.map(|v| label(&v)),
            Field::CompletionProgress => a.completion_midterm.map(|v| label(&v)),
            Field::CompletionEnd => a.completion.map(|v| label(&v)),
            Field::DidItOpen => a.did_it_open_government.map(|v| label(&v)),
            Field::DidItOpenAccess => a
                .did_it_open_government_access_to_information
                .map(|v| label(&v)),
            Field::DidItOpenCivic => a
                .did_it_open_government_civic_participation
                .map(|v| label(&v)),
            Field::DidItOpenAccountability => a
                .did_it_open_government_public_accountability
                .map(|v| label(&v)),
            Field::ProgressReportYear => a.progress_report_year.map(|y| y.to_string()),
            Field::EndOfTermReportYear => a.end_of_term_report_year.map(|y| y.to_string()),
            Field::EarlyResults => a.early_results.clone(),
            Field::Verifiable => a
                .verifiable
                .map(|b| if b { "Yes" } else { "No" }.to_owned()),
            Field::StarredMidterm => a.starred_midterm.map(one_zero),
            Field::StarredEnd => a.starred.map(one_zero),
            Field::Lens => a.open_gov_lens.map(one_zero),
            Field::Promising => a.promising.map(one_zero),
            _ => None,
        }
    }
}

/// What an empty mapped cell is written as: `ND` for an assessment, else empty.
fn absent(f: Field) -> String {
    match f {
        Field::Specificity
        | Field::PotentialImpact
        | Field::PotentialForResults
        | Field::CompletionProgress
        | Field::CompletionEnd
        | Field::DidItOpen
        | Field::DidItOpenAccess
        | Field::DidItOpenCivic
        | Field::DidItOpenAccountability
        | Field::ProgressReportYear
        | Field::EndOfTermReportYear
        | Field::EarlyResults
        | Field::Verifiable
        | Field::StarredMidterm
        | Field::StarredEnd => "ND".to_owned(),
        _ => String::new(),
    }
}

fn one_zero(b: bool) -> String {
    if b { "1" } else { "0" }.to_owned()
}

fn year_of(date: PlanDate) -> i32 {
    use chrono::Datelike;
    date.resolve_start().year()
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
