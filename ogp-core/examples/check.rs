//! Load a dataset, validate it and print a summary of its plans and committees.
//!
//! ```sh
//! cargo run -p ogp-core --example check -- examples/morocco-nap3/dataset.json
//! ```

use std::process::ExitCode;

use ogp_core::{Dataset, Error, validate};

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/morocco-nap3/dataset.json".into());
    match run(&path) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            for p in e.problems() {
                eprintln!("{p}");
            }
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run(path: &str) -> Result<bool, Error> {
    let ds: Dataset = ogp_core::io::load(path.as_ref())?;
    let report = validate(&ds);
    for problem in &report.problems {
        println!("{problem}");
    }
    let lang = ds.default_language.as_str();
    for plan in &ds.plans {
        let title = plan.title.get("en", lang).unwrap_or("");
        let milestones: usize = plan.commitments.iter().map(|c| c.milestones.len()).sum();
        println!(
            "plan {} ({}, {} – {}): {title}\n  {} commitments, {milestones} milestones, {} reported figures",
            plan.id,
            plan.country,
            plan.start,
            plan.end,
            plan.commitments.len(),
            plan.reported.len()
        );
    }
    for c in &ds.committees {
        let name = c.name.get("en", lang).unwrap_or("");
        println!(
            "committee {}: {name}\n  seats: {} government, {} civil society; {} memberships, {} meetings",
            c.id,
            c.seats.government,
            c.seats.civil_society,
            c.memberships.len(),
            c.meetings.len()
        );
    }
    Ok(!report.has_errors())
}
