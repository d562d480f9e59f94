//! `ogp convert`.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::Error;
use ogp_core::io::SaveOptions;
use ogp_core::io::output::Overwrite;

/// Arguments of `ogp convert`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset to read: a .json file, a CSV bundle folder or an .xlsx workbook.
    pub input: PathBuf,
    /// Where to write: a path ending in .json gets a JSON document, one ending in .xlsx an
    /// Excel workbook, any other path a CSV bundle folder (created if needed). An OUT that
    /// exists and is not empty is refused unless --force is given.
    pub output: PathBuf,
    /// Leave out person names (representatives', guests' and evaluators' names).
    #[arg(long)]
    pub redact_people: bool,
    /// Write free text exactly as it is, even when a spreadsheet would run it as a formula
    /// (`=…`, `+…`, `-…`, `@…`). By default such cells get a leading ' in a bundle (a
    /// workbook never needs it: its text cells are never formulas).
    #[arg(long)]
    pub no_formula_escape: bool,
    /// Replace OUT when it exists and is not empty (by default nothing is overwritten). The
    /// new files are written aside and swapped in whole, so a failure leaves OUT as it was.
    #[arg(long)]
    pub force: bool,
}

/// Reads `input`, writes `output`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    super::refuse_output_over_input(&args.input, &args.output)?;
    let ds = match super::load(&args.input)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let opts = SaveOptions {
        redact_people: args.redact_people,
        spreadsheet_safe: !args.no_formula_escape,
    };
    let overwrite = Overwrite::from_force(args.force);
    ogp_core::io::save_any(&ds, &args.output, &opts, overwrite)?;
    crate::out::note(&format!("wrote {}", args.output.display()));
    Ok(ExitCode::SUCCESS)
}
