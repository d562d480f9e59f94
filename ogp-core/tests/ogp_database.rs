//! The OGP database as published (`tests/fixtures/ogp-database/`): imported field by field,
//! the progress its IRM levels give (computed by hand below), and the export round trip.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use chrono::NaiveDate;
use ogp_core::io::ogp_sheet::{self, Imported, WarningKind};
use ogp_core::progress::{Options, plan_progress};
use ogp_core::{
    ActionPlan, Commitment, Completion, Dataset, DidItOpenGovernment, OgpValue, PlanDate,
    PlanLevel, PotentialForResults, PotentialImpact, ProgressMethod, Sector, Specificity, Text,
    UpdateSource, validate,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/ogp-database")
}

fn imported() -> Imported {
    ogp_sheet::read_file(&dir().join("commitments.csv")).unwrap()
}

fn plan<'a>(ds: &'a Dataset, id: &str) -> &'a ActionPlan {
    ds.plans.iter().find(|p| p.id.as_str() == id).unwrap()
}

fn commitment<'a>(ds: &'a Dataset, id: &str) -> &'a Commitment {
    ds.plans
        .iter()
        .flat_map(|p| &p.commitments)
        .find(|c| c.id.as_str() == id)
        .unwrap()
}

fn org_name(ds: &Dataset, id: &ogp_core::Id) -> String {
    let org = ds.organizations.iter().find(|o| o.id == *id).unwrap();
    org.name.get("en", "en").unwrap().to_owned()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_published_sheet_imports_with_warnings_only_and_validates() {
    let imported = imported();
    assert!(
        imported
            .warnings
            .iter()
            .all(|w| w.severity == ogp_core::Severity::Warning)
    );
    let ds = &imported.dataset;
    assert_eq!(ds.plans.len(), 6);
    assert_eq!(
        ds.plans.iter().map(|p| p.commitments.len()).sum::<usize>(),
        12
    );
    let report = validate(ds);
    assert!(!report.has_errors(), "{:?}", report.problems);
}

#[test]
fn countries_periods_and_local_members() {
    let ds = imported().dataset;
    let summary: Vec<(&str, &str, PlanLevel, String, String)> = ds
        .plans
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.country.as_str(),
                p.level,
                p.start.to_string(),
                p.end.to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "morocco-2018-2020",
                "MA",
                PlanLevel::National,
                "2018".into(),
                "2020".into()
            ),
            (
                "kenya-2020-2022",
                "KE",
                PlanLevel::National,
                "2020".into(),
                "2022".into()
            ),
            (
                "nairobi-city-county-kenya-2018-2020",
                "KE",
                PlanLevel::Local,
                "2018".into(),
                "2020".into()
            ),
            (
                "madrid-2017-2019",
                "ZZ",
                PlanLevel::Local,
                "2017".into(),
                "2019".into()
            ),
            (
                "ukraine-2016-2018",
                "UA",
                PlanLevel::National,
                "2016".into(),
                "2018".into()
            ),
            // Only the submission year: OGP's usual two years.
            (
                "indonesia-2014-2016",
                "ID",
                PlanLevel::National,
                "2014".into(),
                "2016".into()
            ),
        ]
    );
    let nairobi = plan(&ds, "nairobi-city-county-kenya-2018-2020");
    assert_eq!(
        nairobi.jurisdiction,
        Some(Text::plain("Nairobi City County, Kenya"))
    );
    assert_eq!(nairobi.ext["locality_code"], "NRB");
    assert_eq!(nairobi.ext["national_or_local"], "Legacy Local");
    let morocco = plan(&ds, "morocco-2018-2020");
    assert_eq!(morocco.jurisdiction, None);
    assert_eq!(morocco.ogp_id.as_deref(), Some("2418"));
    assert_eq!(morocco.number, Some(1));
    assert_eq!(morocco.region.as_deref(), Some("Africa and Middle East"));
    let themes: Vec<&str> = morocco.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        themes,
        [
            "morocco-2018-2020-access-to-information",
            "morocco-2018-2020-fiscal-openness",
            "morocco-2018-2020-integrity"
        ]
    );
}

#[test]
fn commitment_texts_dates_areas_and_values() {
    let ds = imported().dataset;
    let c = commitment(&ds, "MA0001");
    assert_eq!(c.ogp_id.as_deref(), Some("MA0001"));
    assert_eq!(c.number.as_deref(), Some("1"));
    assert_eq!(
        c.title,
        Text::plain("Right to information law implementation")
    );
    assert_eq!(c.short_title, Some(Text::plain("RTI implementation")));
    assert_eq!(
        c.description,
        Some(Text::plain(
            "Adopt the decrees of the right to information law and train officers."
        ))
    );
    assert_eq!(
        c.url.as_deref(),
        Some("https://www.opengovpartnership.org/members/illustrative/commitments/MA0001/")
    );
    assert_eq!(
        c.theme.as_ref().unwrap().as_str(),
        "morocco-2018-2020-access-to-information"
    );
    assert_eq!(
        c.policy_areas,
        ["right-to-information", "capacity-building"]
    );
    // `NR` for public accountability is absent, not a value.
    assert_eq!(c.values, [OgpValue::AccessToInformation]);
    // 1/7/2018 is ambiguous: the plan's start, the text kept; 12/31/2020 is not.
    assert_eq!(c.start, PlanDate::Year(2018));
    assert_eq!(c.ext["Start Date"], "1/7/2018");
    assert_eq!(c.end.to_string(), "2020-12-31");
    // The derived and coding columns stay in ext, as written.
    assert_eq!(c.ext["_Specificity"], "3");
    assert_eq!(c.ext["CHECKSUM"], "100");

    let months = commitment(&ds, "MA0002");
    assert_eq!(
        (months.start, months.end),
        (PlanDate::Month(2018, 7), PlanDate::Month(2020, 6))
    );
    assert_eq!(
        months.values,
        [
            OgpValue::AccessToInformation,
            OgpValue::TechnologyAndInnovation
        ]
    );
    let words = commitment(&ds, "MA0003");
    assert_eq!(
        (words.start, words.end),
        (PlanDate::Year(2018), PlanDate::Year(2020))
    );
    assert!(
        !words.ext.contains_key("Start Date"),
        "Ongoing is not set aside"
    );
    // ND for civic participation is absent.
    assert_eq!(
        words.values,
        [
            OgpValue::AccessToInformation,
            OgpValue::PublicAccountability
        ]
    );
    let quarters = commitment(&ds, "MA0004");
    assert_eq!(
        (quarters.start, quarters.end),
        (PlanDate::Month(2018, 7), PlanDate::Month(2020, 6))
    );
    let day_first_impossible = commitment(&ds, "UA0001");
    assert_eq!(day_first_impossible.start.to_string(), "2016-10-15");
    let indonesia = commitment(&ds, "ID0001");
    assert_eq!(
        (indonesia.start, indonesia.end),
        (PlanDate::Year(2014), PlanDate::Year(2016))
    );
}

#[test]
fn institutions_are_whole_names() {
    let ds = imported().dataset;
    let names = |id: &str| -> (String, Vec<String>) {
        let c = commitment(&ds, id);
        (
            org_name(&ds, &c.lead),
            c.partners.iter().map(|p| org_name(&ds, p)).collect(),
        )
    };
    // A wrapped lead with commas: ONE organisation (and a warning).
    assert_eq!(
        names("MA0001"),
        (
            "Ministry of Economy, Finance and Administration Reform".into(),
            vec!["Transparency Maroc".into(), "Ministry of Justice".into()]
        )
    );
    // A line break between two whole names separates them.
    assert_eq!(
        names("MA0002").1,
        ["Ministry of Interior", "National Human Rights Council"]
    );
    // The same lead in another case and spacing is the same organisation.
    assert_eq!(
        commitment(&ds, "MA0003").lead,
        commitment(&ds, "MA0001").lead
    );
    // A long name wrapped by a line break is joined.
    assert_eq!(
        names("MA0003").1,
        ["National Agency for the Regulation of Telecommunications"]
    );
    assert_eq!(
        names("MA0004").1,
        Vec::<String>::new(),
        "NA is no institution"
    );
    // Commas between organisations split.
    assert_eq!(
        names("KE0001").1,
        ["Ministry of Health", "Kenya National Bureau of Statistics"]
    );
    // "Ministry of Justice;  MINISTRY OF JUSTICE" is one partner.
    assert_eq!(names("UA0001").1, ["Ministry of Justice"]);
    // Ministry of Interior supports MA0002 before it leads MA0004: a government body.
    let interior = ds
        .organizations
        .iter()
        .find(|o| o.id.as_str() == "ministry-of-interior")
        .unwrap();
    assert_eq!(interior.sector, Sector::Government);
    assert_eq!(ds.organizations.len(), 18);
}

#[test]
fn irm_fields_and_absent_values() {
    let ds = imported().dataset;
    let irm = commitment(&ds, "UA0001").irm.clone().unwrap();
    assert_eq!(irm.specificity, Some(Specificity::High));
    assert_eq!(irm.potential_impact, Some(PotentialImpact::Transformative));
    assert_eq!(irm.completion_midterm, Some(Completion::Substantial));
    assert_eq!(irm.completion, Some(Completion::Complete));
    assert_eq!(
        (irm.progress_report_year, irm.end_of_term_report_year),
        (Some(2017), Some(2018))
    );
    assert_eq!(irm.early_results.as_deref(), Some("Significant"));
    assert_eq!(
        irm.did_it_open_government,
        Some(DidItOpenGovernment::Outstanding)
    );
    assert_eq!(
        irm.did_it_open_government_access_to_information,
        Some(DidItOpenGovernment::Major)
    );
    assert_eq!(
        irm.did_it_open_government_civic_participation,
        Some(DidItOpenGovernment::DidNotChange)
    );
    assert_eq!(
        irm.did_it_open_government_public_accountability,
        Some(DidItOpenGovernment::Outstanding)
    );
    assert_eq!((irm.starred, irm.starred_midterm), (Some(true), Some(true)));

    let other = commitment(&ds, "UA0002").irm.clone().unwrap();
    assert_eq!(
        other.did_it_open_government_access_to_information,
        Some(DidItOpenGovernment::Worsened)
    );
    assert_eq!(other.did_it_open_government, None);
    assert_eq!(
        other.ext["Did It Open Government (Overall)"],
        "No early results to report yet"
    );

    // NR and ND are absent everywhere.
    let nr = commitment(&ds, "MA0003").irm.clone().unwrap();
    assert_eq!(nr.completion_midterm, None);
    assert_eq!(nr.progress_report_year, None);
    assert_eq!(nr.starred_midterm, None);
    assert!(nr.ext.is_empty(), "{:?}", nr.ext);
    let kenya = commitment(&ds, "KE0001").irm.clone().unwrap();
    assert_eq!((kenya.specificity, kenya.potential_impact), (None, None));
    assert_eq!(
        kenya.potential_for_results,
        Some(PotentialForResults::Substantial)
    );
    assert_eq!(kenya.verifiable, Some(true));
}

#[test]
fn irm_levels_become_dated_updates() {
    let ds = imported().dataset;
    let dated = |id: &str| -> Vec<(String, Completion)> {
        commitment(&ds, id)
            .updates
            .iter()
            .map(|u| {
                assert_eq!(u.source, UpdateSource::Irm);
                assert_eq!(u.percent, None);
                (u.date.to_string(), u.status.unwrap())
            })
            .collect()
    };
    // Report years given: the updates count from the end of those years.
    assert_eq!(
        dated("MA0001"),
        [
            ("2019".into(), Completion::Limited),
            ("2021".into(), Completion::Substantial)
        ]
    );
    // No report years (NR): mid-term is the midpoint of 2020-01-01 … 2022-12-31 (1095 days
    // apart; 2020-01-01 + 547 days = 2021-07-01, 2020 being a leap year), the end of term the
    // plan's end.
    assert_eq!(
        dated("KE0001"),
        [
            ("2021-07-01".into(), Completion::Substantial),
            ("2022".into(), Completion::Complete)
        ]
    );
    assert_eq!(dated("MA0004"), [("2019".into(), Completion::Withdrawn)]);
    let note = commitment(&ds, "MA0001").updates[0].note.clone().unwrap();
    assert!(
        note.get("en", "en")
            .unwrap()
            .contains("Completion (Progress Report)"),
        "{note:?}"
    );
}

/// Morocco's plan, by hand, with the default status scale (not_started 0, limited 25,
/// substantial 75, complete 100):
///
/// On 2021-12-31 every IRM update counts; each commitment's latest:
/// - MA0001 end of term substantial (2021) → 75
/// - MA0002 end of term complete (2021) → 100
/// - MA0003 end of term limited (the plan's end, 2020; its progress report is NR) → 25
/// - MA0004 progress report withdrawn (2019) → excluded
/// - MA0005 progress report limited (2019; its end of term is NR) → 25
///
/// commitment_mean = (75 + 100 + 25 + 25) / 4 = 56.25; completion_share = MA0001 and MA0002
/// at substantial or complete, 2 of 4 = 50.
///
/// On 2020-06-30 only the progress reports (dated 2019, counting from 2019-12-31) count:
/// MA0001 limited 25, MA0002 substantial 75, MA0003 nothing yet 0, MA0005 limited 25, MA0004
/// withdrawn: (25 + 75 + 0 + 25) / 4 = 31.25.
#[test]
fn progress_on_an_imported_plan_is_the_irms() {
    let ds = imported().dataset;
    let p = plan_progress(
        &ds.check().unwrap(),
        "morocco-2018-2020",
        day("2021-12-31"),
        &Options::default(),
    )
    .unwrap();
    let percents: Vec<f64> = p.commitments.iter().map(|c| c.percent).collect();
    assert_eq!(percents, [75.0, 100.0, 25.0, 0.0, 25.0]);
    assert_eq!(p.percent, 56.25);
    assert_eq!(p.excluded.len(), 1);
    let share = Options {
        method: Some(ProgressMethod::CompletionShare),
        ..Options::default()
    };
    let p = plan_progress(
        &ds.check().unwrap(),
        "morocco-2018-2020",
        day("2021-12-31"),
        &share,
    )
    .unwrap();
    assert_eq!(p.percent, 50.0);
    let p = plan_progress(
        &ds.check().unwrap(),
        "morocco-2018-2020",
        day("2020-06-30"),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(p.percent, 31.25);
}

#[test]
fn warnings_say_what_was_set_aside() {
    let imported = imported();
    let located: Vec<(u64, String, &str)> = imported
        .warnings
        .iter()
        .map(|w| {
            (
                w.location.row.unwrap(),
                w.location.field.clone().unwrap(),
                w.code.as_str(),
            )
        })
        .collect();
    assert!(
        located.contains(&(2, "Start Date".into(), "bad-date")),
        "{located:?}"
    );
    assert!(located.contains(&(13, "Start Date".into(), "bad-date")));
    assert!(located.contains(&(13, "Year Of Submission".into(), "missing-field")));
    assert!(located.contains(&(10, "Code".into(), "invalid-value")));
    let counts: Vec<(WarningKind, usize)> = imported
        .warning_counts
        .iter()
        .map(|(k, n)| (*k, *n))
        .collect();
    assert_eq!(
        counts,
        [
            (WarningKind::AssumedCycle, 1),
            (WarningKind::UnknownCountry, 1),
            (WarningKind::AmbiguousDate, 2),
            (WarningKind::UnknownLabel, 1),
            (WarningKind::UnsureInstitutions, 3),
        ]
    );
    assert_eq!(
        imported.warnings.len(),
        counts.iter().map(|(_, n)| n).sum::<usize>()
    );
}

#[test]
fn export_then_import_keeps_every_mapped_field() {
    let first = imported();
    let exported = ogp_sheet::write(&first.dataset);
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    let mut reader = csv::ReaderBuilder::new().from_reader(exported.csv.as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headings, ogp_sheet::PUBLISHED);
    let second = ogp_sheet::read(exported.csv.as_bytes(), "exported.csv").unwrap();
    // Everything but where it was imported from.
    assert_eq!(second.dataset.plans, first.dataset.plans);
    assert_eq!(second.dataset.organizations, first.dataset.organizations);
    // The same warnings, but one: the export writes the end year the first import assumed.
    let mut expected = first.warning_counts.clone();
    assert_eq!(expected.remove(&WarningKind::AssumedCycle), Some(1));
    assert_eq!(second.warning_counts, expected);
    // And the way back writes the same sheet again.
    assert_eq!(ogp_sheet::write(&second.dataset).csv, exported.csv);
}

#[test]
fn values_are_written_as_the_sheet_writes_them() {
    let ds = imported().dataset;
    let exported = ogp_sheet::write(&ds).csv;
    let mut reader = csv::ReaderBuilder::new().from_reader(exported.as_bytes());
    let headings = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |row: usize, heading: &str| -> String {
        let i = headings.iter().position(|h| h == heading).unwrap();
        rows[row][i].to_owned()
    };
    assert_eq!(rows.len(), 12);
    assert_eq!(cell(0, "Code"), "MAR");
    assert_eq!(cell(0, "Right To Information"), "1");
    assert_eq!(cell(0, "Open Data"), "0");
    assert_eq!(cell(0, "OGP Value Public Accountability"), "0");
    assert_eq!(cell(0, "Completion (End Of Term)"), "Substantial");
    assert_eq!(
        cell(0, "Start Date"),
        "1/7/2018",
        "the text set aside goes back"
    );
    assert_eq!(cell(0, "End Date"), "2020-12-31");
    assert_eq!(cell(1, "Start Date"), "July 2018");
    assert_eq!(cell(2, "Start Date"), "NA");
    assert_eq!(cell(2, "Completion (Progress Report)"), "ND");
    assert_eq!(
        cell(2, "Did It Open Government (Overall)"),
        "Did Not Change"
    );
    assert_eq!(
        cell(2, "Supporting Institution(s)"),
        "National Agency for the Regulation of Telecommunications"
    );
    assert_eq!(cell(7, "National Or Local"), "Legacy Local");
    assert_eq!(cell(7, "Code"), "NRB");
    assert_eq!(cell(11, "Action Plan End Year"), "2016");
    assert_eq!(cell(11, "Action Plan Duration (Years)"), "2");
}

#[test]
fn a_filtered_sheet_imports_with_the_two_year_warning() {
    let imported = ogp_sheet::read_file(&dir().join("filtered.csv")).unwrap();
    let ds = &imported.dataset;
    assert_eq!(ds.plans.len(), 1);
    let ghana = &ds.plans[0];
    assert_eq!(
        (ghana.id.as_str(), ghana.country.as_str()),
        ("ghana-2019-2021", "GH")
    );
    assert_eq!(
        (ghana.start, ghana.end),
        (PlanDate::Year(2019), PlanDate::Year(2021))
    );
    assert_eq!(ghana.commitments.len(), 2);
    let c = &ghana.commitments[0];
    assert_eq!(c.policy_areas, ["open-data"]);
    assert_eq!(
        c.irm.as_ref().unwrap().completion,
        Some(Completion::Substantial)
    );
    assert_eq!(ghana.commitments[1].irm, None, "NR is no assessment");
    let warnings: Vec<(Option<u64>, Option<&str>)> = imported
        .warnings
        .iter()
        .map(|w| (w.location.row, w.location.field.as_deref()))
        .collect();
    assert_eq!(warnings, [(Some(2), Some("year of submission"))]);
    assert!(imported.warnings[0].message.contains("two-year cycle"));
}

#[test]
fn a_repeated_commitment_id_is_an_error() {
    let sheet = "Commitment Unique Identifier,Country/Locality,Code,Year Of Submission,\
                 Action Plan End Year,Commitment Title\n\
                 KE0001,Kenya,KEN,2020,2022,Open contracting\n\
                 KE0001,Kenya,KEN,2020,2022,Open contracting again\n";
    let Err(ogp_core::Error::Parse { problems }) = ogp_sheet::read(sheet.as_bytes(), "s.csv")
    else {
        panic!("a repeated id must fail");
    };
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == ogp_core::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{problems:?}");
    let p = errors[0];
    assert_eq!(p.code.as_str(), "duplicate-id");
    assert_eq!(p.location.row, Some(3));
    assert_eq!(
        p.location.field.as_deref(),
        Some("Commitment Unique Identifier")
    );
    assert_eq!(p.location.file.as_deref(), Some("s.csv"));
    assert!(p.message.contains("row 2"), "{}", p.message);
}
