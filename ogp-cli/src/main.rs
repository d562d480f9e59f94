//! `ogp`: the reference command-line tool for open government action plans.
//!
//! A thin face over `ogp-core`: it parses arguments, calls the library and formats results.
//! No domain rule lives here.

mod cmd;
mod out;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Open government action plans and the committees that steer them.
///
/// Datasets are JSON documents (see `ogp schema`). Every command that reads one reports all
/// problems at once, each with a stable code and its location.
#[derive(Parser)]
#[command(name = "ogp", version, about, long_about = None)]
#[command(after_help = "Examples:\n  \
    ogp validate examples/morocco-nap3/dataset.json\n  \
    ogp progress examples/morocco-nap3/dataset.json --as-of 2025-03-18\n  \
    ogp series examples/morocco-nap3/dataset.json --every quarter --level theme\n  \
    ogp schema --out schemas\n\n\
    Exit status: 0 success, 1 the data has errors, 2 usage or I/O error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset: types, ids, references, dates, weights, percentages.
    ///
    /// Prints every problem, one per line, as `PATH: severity[code] /json/pointer: message`,
    /// then a summary. Exits 0 when there is no error (warnings are allowed), 1 when there is.
    Validate {
        /// The dataset (a .json file).
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// A plan's progress on a date: actual against expected, per commitment, with the
    /// published figures beside the computed one.
    ///
    /// Every figure can be explained (--explain) and recomputed by hand: the rules are in the
    /// README and in the rustdoc of `ogp_core::progress`.
    Progress(cmd::progress::Args),
    /// The same figures on many dates (month or quarter ends), one row per date and node.
    ///
    /// Long format, ready for a spreadsheet or pandas: date, level, id, title, percent,
    /// expected, status.
    Series(cmd::series::Args),
    /// Print or write the JSON Schemas (draft 2020-12) of the data format.
    ///
    /// Without --out, prints the Dataset schema (or the one named by --name). With --out,
    /// writes every schema into the folder: dataset.schema.json plus one per top-level entity.
    Schema {
        /// Folder to write every schema into.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The schema to print: Dataset, Organization, ActionPlan, Committee, ScoringGrid,
        /// Call, RotationPolicy or Event.
        #[arg(long, default_value = "Dataset", conflicts_with = "out")]
        name: String,
    },
}

/// How problems are printed.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// One line per problem, then a summary.
    Text,
    /// One JSON document: path, valid, counts and problems.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { path, format } => cmd::validate::run(&path, format),
        Command::Schema { out, name } => cmd::schema::run(out.as_deref(), &name),
        Command::Progress(args) => cmd::progress::run(&args),
        Command::Series(args) => cmd::series::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ogp: {e}");
            ExitCode::from(2)
        }
    }
}
