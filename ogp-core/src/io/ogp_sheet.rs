//! The OGP/IRM commitments spreadsheet, imported into a [`Dataset`].
//!
//! OGP and its Independent Reporting Mechanism publish every commitment of every action plan
//! in one sheet, one row per commitment. [`read`] turns that sheet (saved as CSV) into a
//! dataset:
//!
//! - Headers are matched ignoring case and whitespace (`Commitment Title`,
//!   `commitment title` and `CommitmentTitle` are the same). The columns read:
//!
//!   | header | goes to |
//!   |---|---|
//!   | `Commitment Unique Identifier` | the commitment's `ogp_id`, and its `id` when it is a valid id |
//!   | `Country/Locality` | the plan (one plan per country/locality and action plan); a local plan's `jurisdiction` |
//!   | `Country Code` or `ISO Code` | the plan's `country` (else `ZZ`, with a warning) |
//!   | `National/Local` or `Level` | the plan's `level` (default national) |
//!   | `Action Plan Number` | the plan's `number` |
//!   | `Action Plan Cycle` (`2018-2020`) | the plan's `start` and `end` years, and commitments' when they have none |
//!   | `Commitment Number` | `number` |
//!   | `Commitment Title` (required) | `title` |
//!   | `Lead Institution` | `lead`: an organization (government) whose id is a slug of the name |
//!   | `Supporting Institution(s)` | `partners` (names separated by `;` or line breaks; sector `other`) |
//!   | `Policy Area(s)` | `policy_areas` (`;`- or `,`-separated) |
//!   | `Start Date`, `End Date` | `start`, `end` (ISO dates) |
//!   | `OGP Value …` (Access to Information, Civic Participation, Public Accountability, Technology and Innovation…, Inclusion) | `values`: `1` (or `yes`, `x`) adds the value; `0`, empty, `ND`, `NA` leave it out |
//!   | `Specificity`, `Potential Impact`, `Completion (Progress Report)`, `Completion (End of Term)` or `Completion`, `Did It Open Government (Overall)`, `Potential for Results`, `Verifiable`, `Open Government Lens`, `Promising` | `irm` |
//!
//!   Every other column is kept in the commitment's `ext` under its header as written.
//! - IRM labels are mapped to the model's words (`Did not change` → `did_not_change`, `No
//!   Evidence Available` → `no_evidence`, `Completed` → `complete`); `ND`, `NA`, `N/A` and empty
//!   mean absent. A label the model does not know is a warning located by row and column, and
//!   its text is kept in `irm.ext` under the column's header.
//! - Organization ids are slugs of the institution names (`Ministry of Justice` →
//!   `ministry-of-justice`), so that importing the same sheet twice gives the same ids;
//!   names without Latin letters get `org-` and a hash of the name.
//! - Plans keep the sheet's order of first appearance; commitments the sheet's row order.
//!
//! ```
//! let sheet = "Commitment Unique Identifier,Country/Locality,Action Plan Cycle,\
//! Commitment Number,Commitment Title,Lead Institution,OGP Value: Access to Information,\
//! Completion (End of Term),Starred\n\
//! ZZ0001,Zedland,2018-2020,1,Open data portal,Ministry of Digital Affairs,1,Substantial,No\n";
//! let imported = ogp_core::io::ogp_sheet::read(sheet.as_bytes(), "sheet.csv")?;
//! let plan = &imported.dataset.plans[0];
//! assert_eq!(plan.id.as_str(), "zedland-2018-2020");
//! let c = &plan.commitments[0];
//! assert_eq!(c.lead.as_str(), "ministry-of-digital-affairs");
//! assert_eq!(c.values, [ogp_core::OgpValue::AccessToInformation]);
//! assert_eq!(c.irm.as_ref().unwrap().completion, Some(ogp_core::Completion::Substantial));
//! assert_eq!(c.ext["Starred"], "No");
//! # Ok::<(), ogp_core::Error>(())
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Code, Location, Problem, Severity};
use crate::{
    ActionPlan, Commitment, Dataset, Error, Ext, Id, IrmAssessment, OgpValue, Organization,
    PlanDate, PlanLevel, PlanStatus, Sector, Text,
};

/// A dataset imported from the sheet, with the warnings found.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The dataset.
    pub dataset: Dataset,
    /// Warnings, located by file, row and column (unknown IRM labels, a missing country
    /// code…).
    pub warnings: Vec<Problem>,
}

/// Reads the sheet in the file at `path` (see [`read`]).
pub fn read_file(path: &Path) -> Result<Imported, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    read(&bytes, &name)
}

/// What a known header means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Ident,
    Country,
    CountryCode,
    Level,
    PlanNumber,
    Cycle,
    Number,
    Title,
    Lead,
    Supporting,
    PolicyAreas,
    Start,
    End,
    Value(OgpValue),
    Specificity,
    PotentialImpact,
    CompletionProgress,
    CompletionEnd,
    DidItOpen,
    PotentialForResults,
    Verifiable,
    Lens,
    Promising,
}

/// Lower case, without whitespace.
fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field(header: &str) -> Option<Field> {
    let h = norm(header);
    if let Some(rest) = h.strip_prefix("ogpvalue") {
        let v = if rest.contains("technology") {
            OgpValue::TechnologyAndInnovation
        } else if rest.contains("access") {
            OgpValue::AccessToInformation
        } else if rest.contains("civic") || rest.contains("participation") {
            OgpValue::CivicParticipation
        } else if rest.contains("accountability") {
            OgpValue::PublicAccountability
        } else if rest.contains("inclusion") {
            OgpValue::Inclusion
        } else {
            return None;
        };
        return Some(Field::Value(v));
    }
    Some(match h.as_str() {
        "commitmentuniqueidentifier" | "uniqueidentifier" => Field::Ident,
        "country/locality" | "country" | "countryorlocality" => Field::Country,
        "countrycode" | "isocode" | "iso" => Field::CountryCode,
        "national/local" | "level" => Field::Level,
        "actionplannumber" => Field::PlanNumber,
        "actionplancycle" | "actionplan" | "actionplanyears" => Field::Cycle,
        "commitmentnumber" => Field::Number,
        "commitmenttitle" | "title" => Field::Title,
        "leadinstitution" | "leadinstitution(s)" => Field::Lead,
        "supportinginstitution(s)" | "supportinginstitutions" | "supportinginstitution" => {
            Field::Supporting
        }
        "policyarea" | "policyareas" | "policyarea(s)" => Field::PolicyAreas,
        "startdate" => Field::Start,
        "enddate" => Field::End,
        "specificity" => Field::Specificity,
        "potentialimpact" => Field::PotentialImpact,
        "completion(progressreport)" | "completion(midterm)" => Field::CompletionProgress,
        "completion(endofterm)" | "completion" | "completion(implementationresults)" => {
            Field::CompletionEnd
        }
        "diditopengovernment(overall)" | "diditopengovernment" => Field::DidItOpen,
        "potentialforresults" => Field::PotentialForResults,
        "verifiable" => Field::Verifiable,
        "opengovernmentlens" | "opengovlens" => Field::Lens,
        "promising" | "promisingcommitment" => Field::Promising,
        _ => return None,
    })
}

fn absent(cell: &str) -> bool {
    matches!(
        norm(cell).as_str(),
        "" | "nd" | "na" | "n/a" | "-" | "notapplicable"
    )
}

/// A label as a word of one of the model's enums: lower case, words joined by `_`, with
/// the IRM's aliases.
fn word(label: &str) -> String {
    let w: String = label
        .trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    match w.as_str() {
        "no_evidence_available" | "no_evidence" | "unclear_no_evidence" => "no_evidence".into(),
        "completed" => "complete".into(),
        "did_not_change_anything" | "didn_t_change" | "no_change" => "did_not_change".into(),
        _ => w,
    }
}

fn parse_word<T: DeserializeOwned>(label: &str) -> Option<T> {
    serde_json::from_value(Value::String(word(label))).ok()
}

fn yes_no(cell: &str) -> Option<bool> {
    match norm(cell).as_str() {
        "1" | "1.0" | "yes" | "y" | "true" | "x" => Some(true),
        "0" | "0.0" | "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// A deterministic id from a name: a slug of its Latin letters and digits, or `org-` and a
/// hash when it has none.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut s = out.trim_matches('-').to_owned();
    if s.len() > 56 {
        s.truncate(56);
        s = s.trim_end_matches('-').to_owned();
    }
    if s.is_empty() {
        // FNV-1a: stable across runs and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.trim().bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        s = format!("org-{h:016x}");
    }
    s
}

/// Latin letters without their accents (`é` → `e`), for slugs.
fn fold(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => return vec!['o', 'e'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![plain]
}

/// The `(start, end)` years of a cycle such as `2018-2020` or `2018–2020`.
fn cycle(s: &str) -> Option<(PlanDate, PlanDate)> {
    let years: Vec<i32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| p.len() == 4)
        .filter_map(|p| p.parse().ok())
        .collect();
    match years.as_slice() {
        [a, b, ..] => Some((PlanDate::Year(*a), PlanDate::Year(*b))),
        [a] => Some((PlanDate::Year(*a), PlanDate::Year(*a))),
        [] => None,
    }
}

struct Sheet {
    file: String,
    problems: Vec<Problem>,
    orgs: Vec<Organization>,
    /// Institution name → organization id.
    org_ids: BTreeMap<String, Id>,
}

impl Sheet {
    fn warn(&mut self, row: u64, field: &str, message: String) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            code: Code::InvalidValue,
            message,
            location: Location {
                file: Some(self.file.clone()),
                row: Some(row),
                field: Some(field.to_owned()),
                ..Location::default()
            },
        });
    }

    fn error(&mut self, code: Code, row: Option<u64>, field: Option<&str>, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            code,
            message,
            location: Location {
                file: Some(self.file.clone()),
                row,
                field: field.map(str::to_owned),
                ..Location::default()
            },
        });
    }

    /// The id of the organization named `name`, created on first sight.
    fn org(&mut self, name: &str, sector: Sector) -> Id {
        let name = name.trim();
        if let Some(id) = self.org_ids.get(name) {
            return id.clone();
        }
        let base = slug(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.orgs.iter().any(|o| o.id.as_str() == candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        let id = Id::new(candidate).unwrap_or_else(|_| unreachable_id());
        let mut ext = Ext::new();
        if sector == Sector::Other {
            ext.insert(
                "sector_from".into(),
                "a supporting institution of the OGP sheet".into(),
            );
        }
        self.orgs.push(Organization {
            id: id.clone(),
            name: Text::plain(name),
            short_name: None,
            sector,
            kind: None,
            parent: None,
            region: None,
            focus: Vec::new(),
            url: None,
            ext,
        });
        self.org_ids.insert(name.to_owned(), id.clone());
        id
    }
}

/// A fallback id for names whose slug is not an id (never happens: slugs are ids).
fn unreachable_id() -> Id {
    Id::new("unnamed").unwrap_or_else(|_| unreachable_id())
}

/// Reads the sheet (CSV bytes, UTF-8, `,` or `;`) into a dataset. `file` names the sheet in
/// problem locations. On failure (not UTF-8, no `Commitment Title` column, a row without a
/// title…), [`Error::Parse`] carries every problem.
pub fn read(bytes: &[u8], file: &str) -> Result<Imported, Error> {
    let mut sheet = Sheet {
        file: file.to_owned(),
        problems: Vec::new(),
        orgs: Vec::new(),
        org_ids: BTreeMap::new(),
    };
    let text = match super::csv::sniff_decode(bytes) {
        Ok(t) => t,
        Err(message) => {
            sheet.error(Code::EncodingError, None, None, message);
            return Err(Error::Parse {
                problems: sheet.problems,
            });
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(super::csv::sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|s| s.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    let fields: Vec<Option<Field>> = header.iter().map(|h| field(h)).collect();
    if !fields.contains(&Some(Field::Title)) {
        sheet.error(
            Code::MissingLabel,
            Some(1),
            Some("Commitment Title"),
            "the sheet has no \"Commitment Title\" column".into(),
        );
        return Err(Error::Parse {
            problems: sheet.problems,
        });
    }
    // Plans by (country/locality, action plan), in order of first appearance.
    let mut plans: Vec<(String, ActionPlan)> = Vec::new();
    for (i, rec) in records.enumerate() {
        let row = i as u64 + 2;
        let Ok(rec) = rec else {
            sheet.error(
                Code::TypeError,
                Some(row),
                None,
                "the row is not CSV".into(),
            );
            continue;
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cells: BTreeMap<Field, (&str, &str)> = BTreeMap::new();
        let mut ext = Ext::new();
        let mut irm_ext = Ext::new();
        for ((h, f), cell) in header.iter().zip(&fields).zip(rec.iter()) {
            match f {
                Some(f) => {
                    cells.insert(*f, (h.as_str(), cell.trim()));
                }
                None if !cell.trim().is_empty() && !h.is_empty() => {
                    ext.insert(h.clone(), Value::String(cell.trim().to_owned()));
                }
                None => {}
            }
        }
        let get = |f: Field| cells.get(&f).map(|(_, c)| *c).filter(|c| !absent(c));
        let country = get(Field::Country).unwrap_or("Unknown").to_owned();
        let plan_label = get(Field::Cycle)
            .or(get(Field::PlanNumber))
            .unwrap_or("")
            .to_owned();
        let key = format!("{country}\u{0}{plan_label}");
        let years = get(Field::Cycle).and_then(cycle);
        let Some(title) = get(Field::Title) else {
            sheet.error(
                Code::ConstraintError,
                Some(row),
                cells.get(&Field::Title).map(|(h, _)| *h),
                "a commitment title is required".into(),
            );
            continue;
        };
        // The plan.
        let plan_index = match plans.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                let id = slug(&format!("{country} {plan_label}"));
                let level = get(Field::Level)
                    .map(word)
                    .filter(|w| w == "local")
                    .map_or(PlanLevel::National, |_| PlanLevel::Local);
                let code = get(Field::CountryCode)
                    .map(str::to_uppercase)
                    .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()));
                let mut plan_ext = Ext::new();
                plan_ext.insert("country_or_locality".into(), country.clone().into());
                if code.is_none() {
                    sheet.warn(
                        row,
                        cells
                            .get(&Field::Country)
                            .map_or("Country/Locality", |(h, _)| *h),
                        format!(
                            "the sheet gives no ISO country code for {country:?}; the plan's \
                             country is ZZ until you set it (or add a \"Country Code\" column)"
                        ),
                    );
                }
                let (start, end) = years.unwrap_or((PlanDate::Year(0), PlanDate::Year(0)));
                if years.is_none() {
                    sheet.warn(
                        row,
                        "Action Plan Cycle",
                        "the plan's years are unknown (no \"Action Plan Cycle\" such as \
                         2018-2020); they come from its commitments' dates"
                            .into(),
                    );
                }
                let plan = ActionPlan {
                    id: Id::new(id).unwrap_or_else(|_| unreachable_id()),
                    ogp_id: None,
                    country: code.unwrap_or_else(|| "ZZ".into()),
                    level,
                    jurisdiction: (level == PlanLevel::Local).then(|| Text::plain(&country)),
                    number: get(Field::PlanNumber).and_then(|n| n.parse().ok()),
                    title: Text::plain(format!("{country} action plan {plan_label}").trim()),
                    start,
                    end,
                    status: PlanStatus::Completed,
                    themes: Vec::new(),
                    commitments: Vec::new(),
                    progress_rules: None,
                    reported: Vec::new(),
                    sources: Vec::new(),
                    ext: plan_ext,
                };
                plans.push((key, plan));
                plans.len() - 1
            }
        };
        // Dates.
        let date = |sheet: &mut Sheet, f: Field| -> Option<PlanDate> {
            let (h, c) = cells.get(&f).copied()?;
            if absent(c) {
                return None;
            }
            match c.parse::<PlanDate>() {
                Ok(d) => Some(d),
                Err(e) => {
                    sheet.warn(row, h, format!("{e}; kept in ext"));
                    None
                }
            }
        };
        let start = date(&mut sheet, Field::Start);
        let end = date(&mut sheet, Field::End);
        let (Some(start), Some(end)) = (start.or(years.map(|y| y.0)), end.or(years.map(|y| y.1)))
        else {
            sheet.error(
                Code::ConstraintError,
                Some(row),
                Some("Start Date"),
                "the commitment's dates are unknown: give \"Start Date\" and \"End Date\", or \
                 the plan's \"Action Plan Cycle\""
                    .into(),
            );
            continue;
        };
        for f in [Field::Start, Field::End] {
            if let Some((h, c)) = cells.get(&f)
                && !absent(c)
                && c.parse::<PlanDate>().is_err()
            {
                ext.insert((*h).to_owned(), Value::String((*c).to_owned()));
            }
        }
        // Organizations.
        let lead = match get(Field::Lead) {
            Some(name) => sheet.org(name, Sector::Government),
            None => {
                sheet.warn(
                    row,
                    "Lead Institution",
                    "no lead institution; the commitment is led by \"unknown\"".into(),
                );
                sheet.org("Unknown", Sector::Other)
            }
        };
        let partners: Vec<Id> = get(Field::Supporting)
            .map(|s| {
                s.split([';', '\n'])
                    .map(str::trim)
                    .filter(|n| !n.is_empty() && !absent(n))
                    .map(|n| sheet.org(n, Sector::Other))
                    .collect()
            })
            .unwrap_or_default();
        // OGP values.
        let mut values = Vec::new();
        for (f, (h, c)) in &cells {
            if let Field::Value(v) = f {
                match yes_no(c) {
                    Some(true) => values.push(*v),
                    Some(false) => {}
                    None if absent(c) => {}
                    None => {
                        sheet.warn(row, h, format!("{c:?} is not 0 or 1; kept in ext"));
                        ext.insert((*h).to_owned(), Value::String((*c).to_owned()));
                    }
                }
            }
        }
        values.sort();
        values.dedup();
        // The IRM.
        let mut irm = IrmAssessment::default();
        let label = |_: &mut Sheet, f: Field| -> Option<String> {
            let (_, c) = cells.get(&f).copied()?;
            (!absent(c)).then(|| c.to_owned())
        };
        macro_rules! irm_word {
            ($f:expr, $slot:expr, $what:literal) => {
                if let Some(c) = label(&mut sheet, $f) {
                    let h = cells.get(&$f).map_or("", |(h, _)| *h);
                    match parse_word(&c) {
                        Some(w) => $slot = Some(w),
                        None => {
                            sheet.warn(
                                row,
                                h,
                                format!("{c:?} is not a known {} label; kept in irm.ext", $what),
                            );
                            irm_ext.insert(h.to_owned(), Value::String(c));
                        }
                    }
                }
            };
        }
        irm_word!(Field::Specificity, irm.specificity, "specificity");
        irm_word!(
            Field::PotentialImpact,
            irm.potential_impact,
            "potential impact"
        );
        irm_word!(Field::CompletionEnd, irm.completion, "completion");
        if irm.completion.is_none() {
            irm_word!(Field::CompletionProgress, irm.completion, "completion");
        } else if let Some(c) = label(&mut sheet, Field::CompletionProgress) {
            let h = cells
                .get(&Field::CompletionProgress)
                .map_or("", |(h, _)| *h);
            irm_ext.insert(h.to_owned(), Value::String(c));
        }
        irm_word!(
            Field::DidItOpen,
            irm.did_it_open_government,
            "did-it-open-government"
        );
        irm_word!(
            Field::PotentialForResults,
            irm.potential_for_results,
            "potential-for-results"
        );
        for (f, slot) in [
            (Field::Verifiable, &mut irm.verifiable),
            (Field::Lens, &mut irm.open_gov_lens),
            (Field::Promising, &mut irm.promising),
        ] {
            if let Some((h, c)) = cells.get(&f).copied()
                && !absent(c)
            {
                match yes_no(c) {
                    Some(b) => *slot = Some(b),
                    None => {
                        sheet.warn(row, h, format!("{c:?} is not yes or no; kept in irm.ext"));
                        irm_ext.insert(h.to_owned(), Value::String(c.to_owned()));
                    }
                }
            }
        }
        irm.ext = irm_ext;
        let irm = (irm != IrmAssessment::default()).then_some(irm);
        // The commitment.
        let Some((_, plan)) = plans.get_mut(plan_index) else {
            continue;
        };
        let ident = get(Field::Ident).map(str::to_owned);
        let number = get(Field::Number).map(str::to_owned);
        let fallback = format!(
            "{}-c{}",
            plan.id,
            number
                .as_deref()
                .map(slug)
                .unwrap_or_else(|| (plan.commitments.len() + 1).to_string())
        );
        let id = ident
            .as_deref()
            .and_then(|i| Id::new(i).ok())
            .or_else(|| Id::new(fallback).ok())
            .unwrap_or_else(unreachable_id);
        let policy_areas = get(Field::PolicyAreas)
            .map(|s| {
                s.split([';', ','])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        plan.commitments.push(Commitment {
            id,
            ogp_id: ident,
            number,
            title: Text::plain(title),
            short_title: None,
            theme: None,
            lead,
            partners,
            policy_areas,
            values,
            challenge: None,
            solution: None,
            start,
            end,
            weight: None,
            milestones: Vec::new(),
            updates: Vec::new(),
            irm,
            ext,
        });
    }
    // Plans without a cycle take their commitments' period.
    for (_, plan) in &mut plans {
        if plan.start == PlanDate::Year(0)
            && let (Some(s), Some(e)) = (
                plan.commitments.iter().map(|c| c.start).min(),
                plan.commitments.iter().map(|c| c.end).max(),
            )
        {
            plan.start = s;
            plan.end = e;
        }
    }
    let problems = std::mem::take(&mut sheet.problems);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(Error::Parse {
            problems: crate::Report::new(problems).problems,
        });
    }
    let mut dataset = Dataset {
        organizations: sheet.orgs,
        plans: plans.into_iter().map(|(_, p)| p).collect(),
        ..Dataset::default()
    };
    dataset.ext.insert(
        "imported_from".into(),
        Value::String(format!("OGP commitments sheet ({file})")),
    );
    Ok(Imported {
        dataset,
        warnings: crate::Report::new(problems).problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_deterministic() {
        assert_eq!(slug("Ministère de l'Économie"), "ministere-de-l-economie");
        assert_eq!(slug("  ICPC  "), "icpc");
        let a = slug("وزارة العدل");
        assert!(a.starts_with("org-"));
        assert_eq!(a, slug("وزارة العدل"));
        assert!(Id::new(slug(&"x ".repeat(100))).is_ok());
    }

    #[test]
    fn labels_map_to_words() {
        assert_eq!(word("Did not change"), "did_not_change");
        assert_eq!(word("No Evidence Available"), "no_evidence");
        assert_eq!(word(" Completed "), "complete");
        assert!(absent("ND") && absent("N/A") && absent(" ") && !absent("0"));
    }

    #[test]
    fn headers_ignore_case_and_spaces() {
        assert_eq!(field("COMMITMENT  title"), Some(Field::Title));
        assert_eq!(field("Country / Locality"), Some(Field::Country));
        assert_eq!(
            field("OGP Value: Technology and Innovation for Transparency and Accountability"),
            Some(Field::Value(OgpValue::TechnologyAndInnovation))
        );
        assert_eq!(field("Starred"), None);
    }
}
