//! `ogp export`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use ogp_core::Error;

use crate::out::problem_lines;

/// The layouts `ogp export` writes.
#[derive(Subcommand)]
pub enum Target {
    /// The OGP commitments database layout: the 171 published headings in the published
    /// order, one row per commitment, values as the sheet writes them (1/0 for policy areas
    /// and OGP values, the IRM's labels, ND for an absent assessment), so that a country's
    /// data can be handed back to OGP.
    ///
    /// `ogp import ogp-sheet` reads it back into the same dataset. What the layout has no
    /// column for (milestones, a policy area OGP does not list) is left out, with a warning.
    /// A dataset with validation errors is refused (exit 1).
    OgpSheet {
        /// The dataset: a .json file or a CSV bundle folder.
        dataset: PathBuf,
        /// The CSV file to write (refused when it exists and is not empty, unless --force).
        out: PathBuf,
        /// Replace OUT when it exists and is not empty (written aside and renamed into place).
        #[arg(long)]
        force: bool,
    },
}

/// Runs an export.
pub fn run(target: &Target) -> Result<ExitCode, Error> {
    match target {
        Target::OgpSheet {
            dataset,
            out,
            force,
        } => {
            super::refuse_output_over_input(dataset, out)?;
            let ds = match super::load(dataset)? {
                Ok(ds) => ds,
                Err(code) => return Ok(code),
            };
            let overwrite = ogp_core::io::output::Overwrite::from_force(*force);
            let written = ogp_core::io::ogp_sheet::write_file(&ds, out, overwrite);
            let warnings = match super::outcome(dataset, written)? {
                Ok(warnings) => warnings,
                Err(code) => return Ok(code),
            };
            for line in problem_lines(dataset, &warnings) {
                crate::out::note(&line);
            }
            crate::out::note(&format!(
                "wrote {} ({} commitments, {} columns)",
                out.display(),
                ds.plans.iter().map(|p| p.commitments.len()).sum::<usize>(),
                ogp_core::io::ogp_sheet::PUBLISHED.len()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}
