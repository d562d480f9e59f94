//! Hints that never mislead, through the bundle reader and validation: one test per kind of
//! cell people write (issue #8): dates in other orders, Excel serials, `100%`, `1,200`, a typo
//! in an id, a heading or a word.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use ogp_core::io::csv;

/// A small valid bundle; `edit` replaces `from` by `to` in one file.
fn bundle(file: &str, from: &str, to: &str) -> BTreeMap<String, Vec<u8>> {
    let files = [
        ("dataset.csv", "schema_version,default_language\n1,fr\n"),
        (
            "organizations.csv",
            "id,name,sector\nmin,Ministère,government\nassoc,Association,civil_society\n",
        ),
        (
            "plans.csv",
            "id,country,level,title,start,end,status\np1,ZZ,national,Plan,2024,2025,implementation\n",
        ),
        (
            "commitments.csv",
            "plan,id,title,lead,start,end\np1,c1,Données ouvertes,min,2024-01,2025-06\n",
        ),
        (
            "milestones.csv",
            "commitment,id,title,due,weight,indicator/unit,indicator/baseline,indicator/target\n\
             c1,m1,Portail,2024-06,1,,,\nc1,m2,Jeux de données,2025-06,2,datasets,0,100\n",
        ),
        (
            "updates.csv",
            "target,date,percent,status,source\nm1,2024-05-20,100,,self_assessment\n",
        ),
    ];
    let mut out = BTreeMap::new();
    let mut hit = false;
    for (name, text) in files {
        let text = if name == file && text.contains(from) {
            hit = true;
            text.replacen(from, to, 1)
        } else {
            text.to_owned()
        };
        out.insert(name.to_owned(), text.into_bytes());
    }
    assert!(hit, "{from:?} is not in {file}");
    out
}

/// The messages of every problem (errors and warnings) of the edited bundle.
fn messages(file: &str, from: &str, to: &str) -> Vec<String> {
    let files = bundle(file, from, to);
    let problems = match csv::from_files(&files) {
        Ok(b) => {
            let mut report = ogp_core::validate(&b.dataset).problems;
            report.extend(b.warnings);
            report
        }
        Err(e) => e.problems().to_vec(),
    };
    problems.into_iter().map(|p| p.message).collect()
}

fn one(file: &str, from: &str, to: &str) -> String {
    let m = messages(file, from, to);
    assert_eq!(m.len(), 1, "{m:?}");
    m.into_iter().next().unwrap()
}

#[test]
fn the_base_bundle_is_valid() {
    let files = bundle("plans.csv", "p1", "p1");
    let b = csv::from_files(&files).unwrap();
    assert!(ogp_core::validate(&b.dataset).problems.is_empty());
}

#[test]
fn month_first_dates_say_which_reading() {
    let m = one("updates.csv", "2024-05-20", "12/25/2024");
    assert!(
        m.ends_with("(month first (MM/DD/YYYY): write 2024-12-25)"),
        "{m}"
    );
}

#[test]
fn impossible_dates_get_no_made_up_date() {
    let m = one("updates.csv", "2024-05-20", "31/02/2025");
    assert!(m.contains("it is not a calendar date"), "{m}");
    assert!(!m.contains("2025-02-31"), "{m}");
}

#[test]
fn unpadded_iso_dates_are_padded() {
    let m = one("updates.csv", "2024-05-20", "2025-3-18");
    assert!(m.ends_with("(write 2025-03-18)"), "{m}");
}

#[test]
fn two_digit_ambiguous_dates_say_ambiguous() {
    let m = one("updates.csv", "2024-05-20", "3/7/25");
    assert!(
        m.contains("ambiguous: write 2025-07-03 if it is day first, 2025-03-07 if month first"),
        "{m}"
    );
}

#[test]
fn excel_serials_are_named() {
    let m = one("updates.csv", "2024-05-20", "45734");
    assert!(m.contains("Excel date serial: 45734 is 2025-03-18"), "{m}");
}

#[test]
fn percent_signs_are_named() {
    let m = one("updates.csv", ",100,", ",100%,");
    assert!(m.ends_with("write 100, without %"), "{m}");
}

#[test]
fn thousands_or_decimal_commas_are_ambiguous() {
    let m = one("milestones.csv", ",0,100", ",0,\"1,200\"");
    assert!(
        m.contains("ambiguous: write 1200 if the comma separates thousands, 1.2 if"),
        "{m}"
    );
}

#[test]
fn a_mistyped_id_gets_the_nearest_of_its_kind() {
    let m = one("commitments.csv", ",min,", ",mni,");
    assert!(m.ends_with("(did you mean \"min\"?)"), "{m}");
    // The nearest id of another kind is not offered: "p1" is a plan, not an organization.
    let m = one("commitments.csv", ",min,", ",p2,");
    assert!(!m.contains("did you mean"), "{m}");
}

#[test]
fn a_mistyped_heading_gets_the_column() {
    // The row's baseline is then missing too: that second problem names the right column.
    let all = messages("milestones.csv", "indicator/baseline", "indicator/basline");
    let m = &all[0];
    assert!(
        m.contains("no column \"indicator/basline\" (did you mean \"indicator/baseline\"?)"),
        "{m}"
    );
}

#[test]
fn a_word_in_the_wrong_case_gets_the_word() {
    let m = one("updates.csv", ",100,,", ",,Complete,");
    assert!(m.contains("(did you mean \"complete\"?)"), "{m}");
}

#[test]
fn a_country_name_gets_its_iso_code() {
    let m = one("plans.csv", ",ZZ,", ",Kenya,");
    assert!(m.ends_with("use the ISO code KE (Kenya)"), "{m}");
    let m = one("plans.csv", ",ZZ,", ",MAR,");
    assert!(m.ends_with("use the ISO code MA (Morocco)"), "{m}");
    // In a JSON dataset, validation gives the same hint.
    let ds = ogp_core::Dataset::from_json(
        r#"{"schema_version": "1", "plans": [{"id": "p", "country": "Kenya",
            "level": "national", "title": "P", "start": "2024", "end": "2025",
            "status": "implementation"}]}"#,
    )
    .unwrap();
    let problems = ogp_core::validate(&ds).problems;
    assert!(
        problems
            .iter()
            .any(|p| p.message.ends_with("use the ISO code KE (Kenya)")),
        "{problems:?}"
    );
}
