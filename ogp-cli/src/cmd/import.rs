//! `ogp import`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use ogp_core::Error;
use ogp_core::io::SaveOptions;
use ogp_core::io::ogp_sheet::Imported;

use crate::out::problem_lines;

/// The layouts `ogp import` reads.
#[derive(Subcommand)]
pub enum Source {
    /// The OGP commitments database (one row per commitment, with the IRM's assessments),
    /// saved as CSV: the export as OGP publishes it (171 columns), or a filtered one.
    ///
    /// Headings are matched ignoring case, spaces and punctuation, in any order. One plan is
    /// made per member and action plan (its period from "Year Of Submission" and "Action Plan
    /// End Year"; OGP's usual two years, with a warning, when only the submission year is
    /// given), its country from "Code" (ISO alpha-3) or the English name; one organization
    /// per institution (its id a slug of the name); every policy-area column, OGP value and
    /// IRM assessment to its field, and the IRM's completion levels as dated updates, so
    /// that `ogp progress` reflects them. ND, NR, NA are absent values. What cannot be read
    /// (an ambiguous date such as 1/7/2014, an unknown label) is a warning, its text kept in
    /// `ext`; a summary counts the warnings by kind. Exits 1 on errors (a row without a
    /// title, a repeated commitment id), writing nothing. The full mapping is in the rustdoc
    /// of `ogp_core::io::ogp_sheet`.
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
                Ok(imported) => imported,
                Err(Error::Parse { problems }) => {
                    for line in problem_lines(file, &problems) {
                        crate::out::note(&line);
                    }
                    crate::out::note(&format!(
                        "{}: not imported; nothing was written",
                        file.display()
                    ));
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e),
            };
            for line in problem_lines(file, &imported.warnings) {
                crate::out::note(&line);
            }
            let overwrite = ogp_core::io::output::Overwrite::from_force(*force);
            ogp_core::io::save_any(&imported.dataset, out, &SaveOptions::default(), overwrite)?;
            eprint!(
                "{}",
                ogp_core::display::for_terminal(&summary(&imported, out))
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// What was written, then what was set aside and why: the warnings counted by kind.
fn summary(imported: &Imported, out: &std::path::Path) -> String {
    let ds = &imported.dataset;
    let mut text = format!(
        "wrote {} ({} plans, {} commitments, {} organizations)\n",
        out.display(),
        ds.plans.len(),
        ds.plans.iter().map(|p| p.commitments.len()).sum::<usize>(),
        ds.organizations.len()
    );
    if imported.warning_counts.is_empty() {
        text.push_str("no warnings\n");
        return text;
    }
    text.push_str(&format!("{} warnings:\n", imported.warnings.len()));
    for (kind, count) in &imported.warning_counts {
        text.push_str(&format!(
            "  {count} {}: {}\n",
            kind.as_str(),
            kind.description()
        ));
    }
    text
}
