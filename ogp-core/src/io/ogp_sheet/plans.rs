//! Which plan a row belongs to; making a plan from its first row (period, country, level).

use serde_json::Value;

use super::columns::Field;
use super::dates::{self, Period, PeriodCells};
use super::{Row, Sheet, WarningKind, slug, unique_id};
use crate::country;
use crate::error::Code;
use crate::{ActionPlan, Ext, PlanDate, PlanLevel, PlanStatus, Text};

/// What a plan's first row says about the member.
struct Member {
    name: String,
    level: PlanLevel,
    country: String,
    ext: Ext,
}

impl Sheet {
    /// The index of the row's plan, made on its first row; `None` (and an error) when the
    /// row gives no year to date the plan by.
    pub(super) fn plan_for(&mut self, row: &Row<'_>) -> Option<usize> {
        let key = plan_key(row);
        if let Some(index) = self.plans.iter().position(|(k, _)| *k == key) {
            return Some(index);
        }
        let plan = self.new_plan(row)?;
        self.plans.push((key, plan));
        Some(self.plans.len() - 1)
    }

    fn new_plan(&mut self, row: &Row<'_>) -> Option<ActionPlan> {
        let period = self.period(row)?;
        let member = self.member(row);
        let label = format!("{}-{}", period.start, period.end);
        let id = unique_id(&slug(&format!("{} {label}", member.name)), |candidate| {
            self.plans.iter().any(|(_, p)| p.id.as_str() == candidate)
        });
        Some(ActionPlan {
            id,
            ogp_id: row.get(Field::PlanId).map(str::to_owned),
            country: member.country,
            level: member.level,
            jurisdiction: (member.level == PlanLevel::Local).then(|| Text::plain(&member.name)),
            region: row.get(Field::Region).map(str::to_owned),
            number: row.get(Field::PlanNumber).and_then(dates::plan_number),
            title: Text::plain(format!("{} action plan {label}", member.name)),
            start: PlanDate::Year(period.start),
            end: PlanDate::Year(period.end),
            status: PlanStatus::Completed,
            themes: Vec::new(),
            commitments: Vec::new(),
            progress_rules: None,
            reported: Vec::new(),
            sources: Vec::new(),
            ext: member.ext,
        })
    }

    /// The plan's period, with a warning when only the submission year was given.
    fn period(&mut self, row: &Row<'_>) -> Option<Period> {
        let cells = PeriodCells {
            submission_year: row.get(Field::SubmissionYear),
            end_year: row.get(Field::EndYear),
            duration: row.get(Field::Duration),
            cycle: row.get(Field::Cycle),
        };
        let Some(period) = dates::period(cells) else {
            self.error(
                Code::MissingField,
                Some(row.number),
                Some(row.heading(Field::SubmissionYear, "Year Of Submission")),
                "the plan's period is unknown: give \"Year Of Submission\" (with \"Action Plan \
                 End Year\" or \"Action Plan Duration (Years)\"), or \"Action Plan Cycle\""
                    .into(),
            );
            return None;
        };
        if period.assumed_cycle {
            let heading = row.heading(Field::SubmissionYear, "Year Of Submission");
            self.warn(
                WarningKind::AssumedCycle,
                Code::MissingField,
                (row.number, heading),
                format!(
                    "the plan gives only its submission year {}: it is taken to run OGP's usual \
                     two-year cycle, {}–{} (add \"Action Plan End Year\" to say otherwise)",
                    period.start, period.start, period.end
                ),
            );
        }
        Some(period)
    }

    /// Name, level and country of the member whose plan this row starts.
    fn member(&mut self, row: &Row<'_>) -> Member {
        let name = row.get(Field::Country).unwrap_or("Unknown").to_owned();
        let mut ext = Ext::new();
        ext.insert("country_or_locality".into(), Value::String(name.clone()));
        let level = self.level(row, &mut ext);
        let code = row.get(Field::Code);
        let by_code = code.and_then(|c| country::by_alpha3(c).or_else(|| country::by_alpha2(c)));
        if let (Some(code), None) = (code, by_code) {
            ext.insert("locality_code".into(), Value::String(code.to_owned()));
        }
        let by_name = match level {
            PlanLevel::National => country::by_name(&name),
            PlanLevel::Local => country::by_name(&name).or_else(|| country::find_in(&name)),
        };
        let country = match by_code.or(by_name) {
            Some(found) => found.alpha2.to_owned(),
            None => {
                let heading = match code {
                    Some(_) => row.heading(Field::Code, "Code"),
                    None => row.heading(Field::Country, "Country/Locality"),
                };
                let what = match code {
                    Some(c) => format!("neither the code {c:?} nor the name {name:?} is"),
                    None => format!("no code is given, and the name {name:?} is not"),
                };
                self.warn(
                    WarningKind::UnknownCountry,
                    Code::InvalidValue,
                    (row.number, heading),
                    format!(
                        "{what} an ISO 3166-1 country; the plan's country is ZZ until you set it"
                    ),
                );
                "ZZ".to_owned()
            }
        };
        Member {
            name,
            level,
            country,
            ext,
        }
    }

    /// `National` → national; `Legacy Local`, `Other`, `Local`… → local (the label kept in
    /// `ext.national_or_local` when it is not plain).
    fn level(&mut self, row: &Row<'_>, ext: &mut Ext) -> PlanLevel {
        let Some(label) = row.get(Field::Level) else {
            return PlanLevel::National;
        };
        let word = super::irm::word(label);
        let level = if word == "national" {
            PlanLevel::National
        } else if word.contains("local") || word == "other" || word == "subnational" {
            PlanLevel::Local
        } else {
            let heading = row.heading(Field::Level, "National Or Local");
            self.warn(
                WarningKind::UnknownLevel,
                Code::InvalidValue,
                (row.number, heading),
                format!("{label:?} is neither national nor local; the plan is taken as national"),
            );
            PlanLevel::National
        };
        if !matches!(word.as_str(), "national" | "local") {
            ext.insert("national_or_local".into(), Value::String(label.to_owned()));
        }
        level
    }
}

/// Which rows form one plan: the same `Action Plan ID`, else the same member, plan number
/// and years.
fn plan_key(row: &Row<'_>) -> String {
    if let Some(id) = row.get(Field::PlanId) {
        return format!("id\u{0}{id}");
    }
    let parts = [
        Field::Country,
        Field::PlanNumber,
        Field::SubmissionYear,
        Field::EndYear,
        Field::Cycle,
    ]
    .map(|f| row.get(f).unwrap_or_default());
    format!("row\u{0}{}", parts.join("\u{0}"))
}
