//! `ogp convert`.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::Error;
use ogp_core::io::SaveOptions;

/// Arguments of `ogp convert`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset to read: a .json file, a CSV bundle folder or an .xlsx workbook.
    pub input: PathBuf,
    /// Where to write: a path ending in .json gets a JSON document, one ending in .xlsx an
    /// Excel workbook, any other path a CSV bundle folder (created if needed; its tables are
    /// overwritten).
    pub output: PathBuf,
    /// Leave out person names (representatives', guests' and evaluators' names).
    #[arg(long)]
    pub redact_people: bool,
    /// Write free text exactly as it is, even when a spreadsheet would run it as a formula
    /// (`=…`, `+…`, `-…`, `@…`). By default such cells get a leading ' in a bundle (a
    /// workbook never needs it: its text cells are never formulas).
    #[arg(long)]
    pub no_formula_escape: bool,
}

/// Reads `input`, writes `output`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match super::load(&args.input)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let opts = SaveOptions {
        redact_people: args.redact_people,
        spreadsheet_safe: !args.no_formula_escape,
    };
    ogp_core::io::save_any(&ds, &args.output, &opts)?;
    eprintln!("wrote {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
