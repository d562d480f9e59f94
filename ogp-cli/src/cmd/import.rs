//! `ogp import`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use ogp_core::Error;
use ogp_core::io::SaveOptions;

use crate::out::problem_line;

/// The layouts `ogp import` reads.
#[derive(Subcommand)]
pub enum Source {
    /// The OGP/IRM commitments spreadsheet, saved as CSV: one row per commitment, with
    /// columns such as "Commitment Unique Identifier", "Country/Locality", "Action Plan
    /// Number", "Commitment Title", "Lead Institution", the "OGP Value …" 0/1 columns and the
    /// IRM assessments.
    ///
    /// Headers are matched ignoring case and spaces; columns the importer does not know are
    /// kept in each commitment's `ext`. One plan is made per country/locality and action plan,
    /// one organization per institution name (its id is a slug of the name). IRM labels that
    /// the model does not know are warnings, their text kept in `ext`.
    OgpSheet {
        /// The sheet, as a CSV file (UTF-8; `,` or `;`).
        file: PathBuf,
        /// Where to write the dataset: a .json file, or a folder for a CSV bundle. An OUT
        /// that exists and is not empty is refused unless --force is given, and OUT may never
        /// hold the sheet itself.
        out: PathBuf,
        /// Replace OUT when it exists and is not empty (written aside and swapped in whole).
        #[arg(long)]
        force: bool,
    },
}

/// Runs an import.
pub fn run(source: &Source) -> Result<ExitCode, Error> {
    match source {
        Source::OgpSheet { file, out, force } => {
            super::refuse_output_over_input(file, out)?;
            let imported = match ogp_core::io::ogp_sheet::read_file(file) {
                Ok(i) => i,
                Err(Error::Parse { problems }) => {
                    for p in &problems {
                        eprintln!("{}", problem_line(file, p));
                    }
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e),
            };
            for p in &imported.warnings {
                eprintln!("{}", problem_line(file, p));
            }
            let overwrite = ogp_core::io::output::Overwrite::from_force(*force);
            ogp_core::io::save_any(&imported.dataset, out, &SaveOptions::default(), overwrite)?;
            eprintln!(
                "wrote {} ({} plans, {} commitments, {} organizations)",
                out.display(),
                imported.dataset.plans.len(),
                imported
                    .dataset
                    .plans
                    .iter()
                    .map(|p| p.commitments.len())
                    .sum::<usize>(),
                imported.dataset.organizations.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
