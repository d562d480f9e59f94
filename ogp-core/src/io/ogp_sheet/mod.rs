//! The OGP commitments database (one row per commitment, with the IRM's assessments), imported
//! into a [`Dataset`] by [`read`], and written back in the published layout by [`write()`].
//!
//! OGP publishes every commitment of every action plan in one sheet of 171 columns
//! ([`PUBLISHED`]). [`read`] takes that sheet saved as CSV, in full or filtered on the
//! website: any subset of the columns, in any order, headings matched without regard to
//! case, spaces and punctuation (`Year Of Submission`, `year of submission` and
//! `YearOfSubmission` are one heading; `_` is kept, so `_Specificity` is not `Specificity`).
//!
//! # The mapping
//!
//! | heading | goes to |
//! |---|---|
//! | `Commitment Unique Identifier` | the commitment's `ogp_id`, and its `id` when that is a valid id (else `<plan>-c<number>`); a repeated id is an error |
//! | `Country/Locality` | one plan per member and action plan; a local plan's `jurisdiction`; the plan's `ext.country_or_locality` (the name as OGP spells it) |
//! | `Code` (or `Country Code`, `ISO Code`) | the plan's `country`: ISO 3166-1 alpha-3 (or alpha-2) → alpha-2 through [`crate::country`]; else the English name in `Country/Locality`; for a local member, a country name inside the locality; else `ZZ` and a warning. A local member's own code goes to `ext.locality_code` |
//! | `National Or Local` | the plan's `level`: `National` → national; `Legacy Local`, `Other`, `Local` → local (the label, when not plain, in `ext.national_or_local`) |
//! | `Region` | the plan's `region` |
//! | `Action Plan Number` | the plan's `number` |
//! | `Action Plan ID` | the plan's `ogp_id` (and which rows form one plan) |
//! | `Year Of Submission`, `Action Plan End Year` | the plan's `start` and `end` years; else `Action Plan Duration (Years)` after the submission year; else `Action Plan Cycle` (`2018-2020`); else the submission year and OGP's usual two-year cycle, with a warning on the plan |
//! | `Commitment Number` | `number` |
//! | `Commitment Title` (required column) | `title` (`Short Title` when the title is empty) |
//! | `Short Title` | `short_title` |
//! | `Full Text` | `description` |
//! | `Theme` | a theme of the plan (id `<plan>-<slug>`), the commitment's `theme` |
//! | `URL` | `url` |
//! | `Start Date`, `End Date` | `start`, `end`: ISO dates, month names (`July 2014`, `July 1, 2014`), quarters (`Q3 2014`), and `12/31/2022` or `31/12/2022` where a part above 12 tells day from month. `1/7/2014` is ambiguous: a warning, the text kept in `ext`, the plan's period used — never a guess. `NA`, `Ongoing`, `TBD`… mean the plan's period, silently; other text is a warning and is kept in `ext` |
//! | `Lead Institution` | `lead` (sector government); when the cell names several, the first leads and the others are `partners` |
//! | `Supporting Institution(s)` | `partners` (sector other, `ext.sector_from` says so) |
//! | the 86 policy-area columns ([`POLICY_AREAS`], `1` = addresses it) | `policy_areas`, as the slug of the heading ([`policy_area_heading`] gives the heading back); an older `Policy Area(s)` column of tags is slugged the same way |
//! | `OGP Value Access To Information`, `… Civic Participation`, `… Public Accountability`, `… Technology` | `values` (`1`, `yes`, `x` adds it; `0` and absent values do not) |
//! | `Specificity`, `Potential Impact`, `Potential for Results`, `Verifiable` | `irm.specificity`, `irm.potential_impact`, `irm.potential_for_results`, `irm.verifiable` |
//! | `Completion (Progress Report)`, `Report Publication Year (Progress Report)` | `irm.completion_midterm`, `irm.progress_report_year`, and a dated IRM update (below) |
//! | `Completion (End Of Term)`, `Report Publication Year (End Of Term)` | `irm.completion`, `irm.end_of_term_report_year`, and a dated IRM update (below) |
//! | `Early Results` | `irm.early_results`, as written |
//! | `Did It Open Government (Overall)`, `(Access To Information)`, `(Civic Participation)`, `: Public Accountability` | `irm.did_it_open_government` and its three `…_access_to_information`, `…_civic_participation`, `…_public_accountability` |
//! | `Starred (Current Formula) Progress Report`, `Starred (Current Formula) End of Term` | `irm.starred_midterm`, `irm.starred` |
//!
//! Every other non-empty cell is kept, as written, in the commitment's `ext` under its
//! heading, and [`write()`] writes it back. That covers the `_`-prefixed numeric codings
//! (`_Specificity`, `_CompletionEndTerm`…) and the derived analytic columns (`Max star`,
//! `CHECKSUM`, `High Completion`, `Change In Completion`, `Starred (2015 Only)`, `Carried
//! Forward`…): they are OGP's own computations over the mapped fields, so they are not
//! model fields, but recomputing them here would be guessing OGP's coding, so they are kept
//! verbatim for the way back.
//!
//! # Absent values
//!
//! `ND` (no data), `NR` (not reviewed), `NA`, `N/A`, `Not Reviewed`, `Unclear` and empty
//! cells are absent values, never labels. A label the model does not know (`No early results
//! to report yet`) is a warning, and its text is kept in `irm.ext` (or `ext`) under the
//! heading.
//!
//! # Institutions
//!
//! A lead institution is an organization of sector government, a supporting one of sector
//! other (until it leads a commitment). `;` always separates names. A line break separates two names only when both sides look
//! like whole names (each starts with an upper-case letter, the first does not end with a
//! connecting word such as `of`, `and`, `for`, `the`, `de`, `et`, or with `,` or `-`);
//! otherwise it merely wraps a long name (copied from a PDF) and becomes a space. A `,`
//! separates only when every part looks like an organisation's name (a capital, two words or
//! more, one of them a word such as Ministry, Agency, Council…); when unsure, the cell is ONE
//! organisation and a warning. The same institution written twice (differing in case or
//! spacing) is one organisation. Organization ids are slugs of the names (`Ministry of
//! Justice` → `ministry-of-justice`); names without Latin letters get `org-` and a hash.
//!
//! # The IRM's completion levels count
//!
//! Each commitment gets the IRM's levels as dated [`Update`](crate::Update)s (source `irm`,
//! a status, no percent, a note naming the report and the column): the progress report's
//! level dated by `Report Publication Year (Progress Report)` (the year, counting from its
//! last day), else the midpoint of the plan's period; then the end-of-term level dated by
//! `Report Publication Year (End Of Term)`, else the plan's end. The progress engine maps a
//! status through the plan's status scale (default: not_started 0, limited 25, substantial
//! 75, complete 100), so `ogp progress` on an imported plan gives the IRM's picture, and
//! `completion_share` the IRM's share of commitments at substantial or complete.
//!
//! # Problems
//!
//! Warnings are located by file, row (the heading row is 1) and column, and counted by
//! [`WarningKind`] in [`Imported::warning_counts`]. Errors (not UTF-8, no `Commitment Title`
//! column, a row without a title, a plan without any year, a repeated commitment id) make
//! [`read`] return [`Error::Parse`] with every problem. Plans keep the sheet's order of first
//! appearance, commitments the row order, so the same sheet gives the same dataset.
//!
//! ```
//! let sheet = "\
//! Commitment Unique Identifier,Country/Locality,Code,National Or Local,Year Of Submission,\
//! Action Plan End Year,Commitment Title,Start Date,End Date,Lead Institution,Open Data,\
//! OGP Value Access To Information,Completion (Progress Report),Completion (End Of Term)\n\
//! KE0001,Kenya,KEN,National,2018,2020,Open contracting portal,1/7/2018,12/31/2020,\
//! Ministry of Finance,1,1,Limited,Substantial\n";
//! let imported = ogp_core::io::ogp_sheet::read(sheet.as_bytes(), "sheet.csv")?;
//! let plan = &imported.dataset.plans[0];
//! assert_eq!((plan.country.as_str(), plan.id.as_str()), ("KE", "kenya-2018-2020"));
//! let c = &plan.commitments[0];
//! assert_eq!(c.policy_areas, ["open-data"]);
//! assert_eq!(c.start, plan.start); // 1/7/2018 is ambiguous: the plan's period, and a warning
//! assert_eq!(c.end.to_string(), "2020-12-31");
//! assert_eq!(c.updates.len(), 2); // the IRM's two levels, dated
//! assert_eq!(imported.warnings[0].location.field.as_deref(), Some("Start Date"));
//!
//! let sheet_again = ogp_core::io::ogp_sheet::write(&imported.dataset).csv;
//! let again = ogp_core::io::ogp_sheet::read(sheet_again.as_bytes(), "again.csv")?;
//! assert_eq!(again.dataset.plans, imported.dataset.plans);
//! # Ok::<(), ogp_core::Error>(())
//! ```

mod columns;
mod commitments;
mod dates;
mod export;
mod institutions;
mod irm;
mod plans;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::error::{Code, Location, Problem, Severity};
use crate::{ActionPlan, Dataset, Error, Ext, Id, Organization, Sector, Text};

use columns::Field;
pub use columns::{POLICY_AREAS, PUBLISHED, policy_area_heading};
pub use export::{Exported, write, write_file};

/// A dataset imported from the sheet, with the warnings found.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The dataset.
    pub dataset: Dataset,
    /// Warnings, located by file, row and column, sorted by location.
    pub warnings: Vec<Problem>,
    /// How many warnings of each kind: what was set aside, and why.
    pub warning_counts: BTreeMap<WarningKind, usize>,
}

/// What a warning of the import is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// Only the submission year was given: the plan runs OGP's usual two years.
    AssumedCycle,
    /// The country could not be told from `Code` or the name: `ZZ`.
    UnknownCountry,
    /// `National Or Local` holds a word other than national or local: national.
    UnknownLevel,
    /// A date such as `1/7/2014`, day-first or month-first: the plan's period is used.
    AmbiguousDate,
    /// A date cell that is not a date: the plan's period is used.
    UnreadableDate,
    /// A label the model has no word for: kept in `ext`.
    UnknownLabel,
    /// A `0`/`1` column holding something else: kept in `ext`.
    NotZeroOrOne,
    /// An institution cell with commas that may or may not separate names: one organisation.
    UnsureInstitutions,
    /// A lead-institution cell naming several: the first leads, the others are partners.
    SeveralLeads,
    /// No lead institution: the commitment is led by `unknown`.
    NoLead,
}

impl WarningKind {
    /// A short name (`ambiguous-date`).
    pub fn as_str(&self) -> &'static str {
        match self {
            WarningKind::AssumedCycle => "assumed-two-year-cycle",
            WarningKind::UnknownCountry => "unknown-country",
            WarningKind::UnknownLevel => "unknown-level",
            WarningKind::AmbiguousDate => "ambiguous-date",
            WarningKind::UnreadableDate => "unreadable-date",
            WarningKind::UnknownLabel => "unknown-label",
            WarningKind::NotZeroOrOne => "not-zero-or-one",
            WarningKind::UnsureInstitutions => "unsure-institutions",
            WarningKind::SeveralLeads => "several-leads",
            WarningKind::NoLead => "no-lead",
        }
    }

    /// What was done, for people.
    pub fn description(&self) -> &'static str {
        match self {
            WarningKind::AssumedCycle => "plans with only a submission year, given two years",
            WarningKind::UnknownCountry => "plans whose country is unknown (ZZ)",
            WarningKind::UnknownLevel => "plans whose level is not national or local (national)",
            WarningKind::AmbiguousDate => {
                "dates that could be day-first or month-first, set aside for the plan's period"
            }
            WarningKind::UnreadableDate => {
                "dates that are not dates, set aside for the plan's period"
            }
            WarningKind::UnknownLabel => "labels the model does not know, kept in ext",
            WarningKind::NotZeroOrOne => "0/1 cells holding something else, kept in ext",
            WarningKind::UnsureInstitutions => {
                "institution cells with commas kept as one organisation"
            }
            WarningKind::SeveralLeads => {
                "lead cells naming several institutions (the others are partners)"
            }
            WarningKind::NoLead => "commitments without a lead institution",
        }
    }
}

/// Reads the sheet in the file at `path` (see [`read`]); a path that is not a regular file
/// is refused (see [`crate::io::read_file`]).
pub fn read_file(path: &Path) -> Result<Imported, Error> {
    let bytes = crate::io::read_file(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    read(&bytes, &name)
}

/// Reads the sheet (CSV bytes, UTF-8, `,` or `;`) into a dataset, by the mapping of the
/// module doc. `file` names the sheet in problem locations. On failure, [`Error::Parse`]
/// carries every problem.
pub fn read(bytes: &[u8], file: &str) -> Result<Imported, Error> {
    let mut sheet = Sheet::new(file);
    let text = match super::csv::sniff_decode(bytes) {
        Ok(text) => text,
        Err(message) => {
            sheet.error(Code::EncodingError, None, None, message);
            return Err(sheet.into_error());
        }
    };
    let delimiter = super::csv::sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headings: Vec<String> = match records.next() {
        Some(Ok(first)) => first.iter().map(|h| h.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    let records: Vec<csv::Result<csv::StringRecord>> = records.collect();
    if super::csv::sniff_ends_in_quotes(text, delimiter) {
        // The quote left open is in the last cell of the last row.
        let (row, cells) = match records.last() {
            Some(last) => (
                records.len() as u64 + 1,
                last.as_ref().map_or(0, csv::StringRecord::len),
            ),
            None => (1, headings.len()),
        };
        let heading = headings.get(cells.saturating_sub(1)).cloned();
        sheet.error(
            Code::TypeError,
            Some(row),
            heading.as_deref(),
            super::csv::read::truncated_message(),
        );
        return Err(sheet.into_error());
    }
    let fields: Vec<Option<Field>> = headings.iter().map(|h| columns::field(h)).collect();
    if !fields.contains(&Some(Field::Title)) {
        sheet.error(
            Code::MissingLabel,
            Some(1),
            Some("Commitment Title"),
            "the sheet has no \"Commitment Title\" column".into(),
        );
        return Err(sheet.into_error());
    }
    for (index, record) in records.into_iter().enumerate() {
        let number = index as u64 + 2;
        let Ok(record) = record else {
            sheet.error(
                Code::TypeError,
                Some(number),
                None,
                "the row is not CSV".into(),
            );
            continue;
        };
        let faults: Vec<_> = headings
            .iter()
            .zip(record.iter())
            .filter_map(|(heading, cell)| crate::text_fault(cell).map(|why| (heading, why)))
            .collect();
        if !faults.is_empty() {
            for (heading, why) in faults {
                sheet.error(Code::BadText, Some(number), Some(heading), why);
            }
            continue;
        }
        if let Some(row) = Row::new(number, &headings, &fields, &record) {
            sheet.row(&row);
        }
    }
    sheet.finish(file)
}

/// One row of the sheet: its mapped cells by field, and the others for `ext`.
pub(crate) struct Row<'a> {
    /// The row number, the heading row being 1.
    number: u64,
    /// Mapped cells: the heading as written and the trimmed cell.
    cells: BTreeMap<Field, (&'a str, &'a str)>,
    /// Unmapped non-empty cells, under their headings, as written.
    unmapped: Ext,
}

impl<'a> Row<'a> {
    /// The row, or `None` when every cell is empty.
    fn new(
        number: u64,
        headings: &'a [String],
        fields: &[Option<Field>],
        record: &'a csv::StringRecord,
    ) -> Option<Row<'a>> {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            return None;
        }
        let mut cells = BTreeMap::new();
        let mut unmapped = Ext::new();
        for ((heading, field), cell) in headings.iter().zip(fields).zip(record.iter()) {
            let cell = cell.trim();
            match field {
                Some(field) => {
                    cells.insert(*field, (heading.as_str(), cell));
                }
                None if !cell.is_empty() && !heading.is_empty() => {
                    unmapped.insert(heading.clone(), Value::String(cell.to_owned()));
                }
                None => {}
            }
        }
        Some(Row {
            number,
            cells,
            unmapped,
        })
    }

    /// The cell of `field`, unless absent (`ND`, `NR`, `NA`, empty…).
    fn get(&self, field: Field) -> Option<&'a str> {
        self.cells
            .get(&field)
            .map(|(_, cell)| *cell)
            .filter(|cell| !irm::absent(cell))
    }

    /// The heading of `field` as the sheet writes it, else `default`.
    fn heading(&self, field: Field, default: &'static str) -> &'a str {
        self.cells
            .get(&field)
            .map_or(default, |(heading, _)| *heading)
    }
}

/// The import in progress: what has been built, and the problems found.
struct Sheet {
    file: String,
    problems: Vec<Problem>,
    counts: BTreeMap<WarningKind, usize>,
    orgs: Vec<Organization>,
    /// Institution key (lower case, single spaces) → organization id.
    org_ids: BTreeMap<String, Id>,
    /// Plans in order of first appearance, each with the key of its rows.
    plans: Vec<(String, ActionPlan)>,
    /// Commitment id → the row that first gave it.
    commitment_rows: BTreeMap<String, u64>,
}

impl Sheet {
    fn new(file: &str) -> Sheet {
        Sheet {
            file: file.to_owned(),
            problems: Vec::new(),
            counts: BTreeMap::new(),
            orgs: Vec::new(),
            org_ids: BTreeMap::new(),
            plans: Vec::new(),
            commitment_rows: BTreeMap::new(),
        }
    }

    fn location(&self, row: Option<u64>, field: Option<&str>) -> Location {
        Location {
            file: Some(self.file.clone()),
            row,
            field: field.map(str::to_owned),
            ..Location::default()
        }
    }

    fn warn(&mut self, kind: WarningKind, code: Code, at: (u64, &str), message: String) {
        *self.counts.entry(kind).or_default() += 1;
        let location = self.location(Some(at.0), Some(at.1));
        self.problems.push(Problem {
            severity: Severity::Warning,
            code,
            message,
            location,
        });
    }

    fn error(&mut self, code: Code, row: Option<u64>, field: Option<&str>, message: String) {
        let location = self.location(row, field);
        self.problems.push(Problem {
            severity: Severity::Error,
            code,
            message,
            location,
        });
    }

    fn into_error(self) -> Error {
        Error::Parse {
            problems: crate::Report::new(self.problems).problems,
        }
    }

    /// One row: its plan (found or made), then its commitment.
    fn row(&mut self, row: &Row<'_>) {
        let Some(plan_index) = self.plan_for(row) else {
            return;
        };
        let Some(commitment) = self.commitment(row, plan_index) else {
            return;
        };
        if let Some((_, plan)) = self.plans.get_mut(plan_index) {
            plan.commitments.push(commitment);
        }
    }

    /// The id of the organization named `name`, created on first sight; two spellings that
    /// differ only in case or spacing are one organization.
    fn org(&mut self, name: &str, sector: Sector) -> Id {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = institutions::key(&name);
        if let Some(id) = self.org_ids.get(&key).cloned() {
            if sector == Sector::Government {
                self.leads_in_government(&id);
            }
            return id;
        }
        let id = unique_id(&slug(&name), |candidate| {
            self.orgs.iter().any(|o| o.id.as_str() == candidate)
        });
        let mut ext = Ext::new();
        if sector == Sector::Other {
            ext.insert(
                "sector_from".into(),
                "a supporting institution of the OGP sheet".into(),
            );
        }
        self.orgs.push(Organization {
            id: id.clone(),
            name: Text::plain(&name),
            short_name: None,
            sector,
            kind: None,
            parent: None,
            region: None,
            focus: Vec::new(),
            url: None,
            ext,
        });
        self.org_ids.insert(key, id.clone());
        id
    }

    /// An institution first seen as a supporting one and now as a lead is a government one.
    fn leads_in_government(&mut self, id: &Id) {
        if let Some(org) = self.orgs.iter_mut().find(|o| o.id == *id)
            && org.sector == Sector::Other
        {
            org.sector = Sector::Government;
            org.ext.remove("sector_from");
        }
    }

    /// The dataset, or every problem when one is an error.
    fn finish(self, file: &str) -> Result<Imported, Error> {
        if self.problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(self.into_error());
        }
        let mut dataset = Dataset {
            organizations: self.orgs,
            plans: self.plans.into_iter().map(|(_, plan)| plan).collect(),
            ..Dataset::default()
        };
        dataset.ext.insert(
            "imported_from".into(),
            Value::String(format!("OGP commitments sheet ({file})")),
        );
        Ok(Imported {
            dataset,
            warnings: crate::Report::new(self.problems).problems,
            warning_counts: self.counts,
        })
    }
}

/// `base`, or `base-2`, `base-3`… the first that `taken` refuses, as an id.
fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> Id {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Id::new(candidate).unwrap_or_else(|_| fallback_id())
}

/// An id made of `prefix`, `-` and the slug of `name`, within the 64 characters of an id.
fn child_id(prefix: &str, name: &str) -> String {
    let mut id = format!("{prefix}-{}", slug(name));
    if id.len() > 64 {
        id.truncate(64);
        id = id.trim_end_matches('-').to_owned();
    }
    id
}

/// The id used when a slug is somehow not an id (never happens: slugs are ids).
fn fallback_id() -> Id {
    Id::new("unnamed").unwrap_or_else(|_| fallback_id())
}

/// A deterministic id from a name: a slug of its Latin letters and digits, or `org-` and a
/// hash when it has none.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(crate::country::fold) {
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
        assert!(Id::new(child_id(&"p".repeat(60), "Access to information")).is_ok());
    }
}
