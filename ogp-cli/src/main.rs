//! `ogp`: the reference command-line tool for open government action plans.
//!
//! A thin face over `ogp-core`: it parses arguments, calls the library and formats results.
//! No domain rule lives here.

/// `print!` that returns an error instead of panicking (a closed pipe ends the program
/// quietly: see `out::emit`). Use in functions that return `Result<_, ogp_core::Error>`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::out::emit(&format!($($arg)*))?
    };
}

/// `println!` that returns an error instead of panicking (see `out!`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::out::emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

mod cmd;
mod out;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Open government action plans and the committees that steer them.
///
/// A dataset is a JSON document (its format: `ogp schema`), a CSV bundle folder or an Excel
/// workbook (.xlsx, one sheet per table; blank ones: `ogp template`). Every command that reads one reports all problems at once, each
/// with a stable code and its location.
#[derive(Parser)]
#[command(name = "ogp", version)]
#[command(after_help = "Examples:\n  \
    ogp validate examples/morocco-nap3/dataset.json\n  \
    ogp progress examples/morocco-nap3/dataset.json --as-of 2025-03-18\n  \
    ogp series examples/morocco-nap3/dataset.json --every quarter --level theme\n  \
    ogp committee examples/morocco-nap3/dataset.json --as-of 2025-03-18\n  \
    ogp rotation examples/rotation/dataset.json\n  \
    ogp select examples/selection/dataset.json --format json > audit.json\n  \
    ogp select examples/selection/dataset.json --verify audit.json\n  \
    ogp convert examples/morocco-nap1/bundle morocco-nap1.json\n  \
    ogp template my-country --languages ar,fr,en\n  \
    ogp template my-country.xlsx --languages ar,fr,en\n  \
    ogp convert my-country.xlsx my-country.json\n  \
    ogp import ogp-sheet commitments.csv imported.json\n  \
    ogp export ogp-sheet imported.json commitments.csv
  \
    ogp schema --out schemas --force

\
    Exit status: 0 success, 1 the data has errors, 2 usage or I/O error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Refuse an input file larger than this many megabytes (MB of 1,000,000 bytes).
    #[arg(long, global = true, value_name = "MB", default_value_t = 1000)]
    max_input_mb: u64,
    /// Print at most this many problems (errors first), then how many more there are; 0
    /// prints them all. JSON output always lists every problem.
    #[arg(long, global = true, value_name = "N", default_value_t = 200)]
    max_problems: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset: types, ids, references, dates, weights, percentages.
    ///
    /// Prints every problem, one per line, as `PATH: severity[code] /json/pointer: message`,
    /// then a summary. Exits 0 when there is no error (warnings are allowed), 1 when there is.
    Validate {
        /// The dataset: a .json file, a CSV bundle folder or an .xlsx workbook (problems in
        /// a bundle are located by file, row and column; in a workbook by sheet and cell, as
        /// `updates!C5`).
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
    /// Convert a dataset between a JSON document, a CSV bundle folder and an Excel workbook.
    ///
    /// The direction follows the paths: an OUT ending in .json gets one JSON document, one
    /// ending in .xlsx an Excel workbook (one sheet per table, plus a README sheet), any
    /// other OUT becomes a folder of CSV tables plus datapackage.json (Frictionless), ready
    /// for a spreadsheet. IN is read the same way (a folder is a bundle, a .xlsx file a
    /// workbook). Converting there and back gives the same dataset. In a bundle, free text
    /// that a spreadsheet would run as a formula is neutralised with a leading ' (restored on
    /// reading); a workbook stores text as text, never as a formula, so it needs no escape.
    Convert(cmd::convert::Args),
    /// Write blank templates for a country to fill: CSV tables in a folder, or one Excel
    /// workbook when the path ends in .xlsx.
    ///
    /// A folder gets every table's header, the datapackage.json and a README telling what goes
    /// where and which columns are required. A workbook gets one sheet per table (headings
    /// frozen, required ones on an orange ground, a drop-down list of the allowed words in
    /// every column of words), the dataset sheet with its one row, and a README sheet.
    ///
    /// Check the filled folder or workbook with `ogp validate PATH`.
    Template(cmd::template::Args),
    /// Import data from another layout into a dataset.
    #[command(subcommand)]
    Import(cmd::import::Source),
    /// Export a dataset into another layout (the OGP commitments database).
    #[command(subcommand)]
    Export(cmd::export::Target),
    /// A committee's health on a date: seats and parity, terms, attendance and quorum, time
    /// between meetings (OGP asks for at least one every six months), overdue actions.
    ///
    /// Everything flagged is a warning with its JSON pointer; the exit status is 0 unless the
    /// dataset itself has errors.
    Committee(cmd::committee::Args),
    /// Who should go to a funded event (an international meeting) by its rotation policy, and
    /// why: the pool in order with times served, last served, status and reason, then the
    /// proposal and, once the event is decided, whether the decision matches it.
    ///
    /// Without --event, proposes for the one undecided event that names a rotation policy.
    /// With --policy ID --history, shows who went where and how evenly. Ties are drawn by the
    /// policy's seed (recorded in the output), never by an implicit random choice. The rules
    /// are in the README and in the rustdoc of `ogp_core::rotation`.
    Rotation(cmd::rotation::Args),
    /// Select candidates for a committee's seats from a call: eligibility, scores by the
    /// grid (conflicts of interest excluded), totals, thresholds, ranking, ties, quotas.
    ///
    /// The table shows each candidate's rank, total and combined score per criterion, and why
    /// the others got no seat; --format json is the full audit, with a fingerprint of the data
    /// it was computed from. Publish it: `ogp select DATA --verify AUDIT.json` re-runs it and
    /// exits 0 when identical, 1 listing every difference. Ties are broken by the call's
    /// tie_break (criteria, then a lottery drawn from the call's seed), never by an implicit
    /// random choice. Exits 1 when the selection is not final (a missing score, a tie with no
    /// seed, an unmet quota…). The rules are in the rustdoc of `ogp_core::selection`.
    Select(cmd::select::Args),
    /// Print or write the JSON Schemas (draft 2020-12) of the data format.
    ///
    /// Without --out, prints the Dataset schema (or the one named by --name). With --out,
    /// writes every schema into the folder: dataset.schema.json plus one per top-level entity.
    Schema {
        /// Folder to write every schema into (refused when it is not empty, unless --force).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the schemas in --out when the folder is not empty (other files in it are
        /// kept).
        #[arg(long, requires = "out")]
        force: bool,
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
    ogp_core::io::set_max_input_bytes(cli.max_input_mb.saturating_mul(1_000_000));
    out::set_max_problems(cli.max_problems);
    let result = match cli.command {
        Command::Validate { path, format } => cmd::validate::run(&path, format),
        Command::Schema { out, name, force } => cmd::schema::run(out.as_deref(), &name, force),
        Command::Convert(args) => cmd::convert::run(&args),
        Command::Template(args) => cmd::template::run(&args),
        Command::Import(source) => cmd::import::run(&source),
        Command::Export(target) => cmd::export::run(&target),
        Command::Progress(args) => cmd::progress::run(&args),
        Command::Committee(args) => cmd::committee::run(&args),
        Command::Rotation(args) => cmd::rotation::run(&args),
        Command::Series(args) => cmd::series::run(&args),
        Command::Select(args) => cmd::select::run(&args),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`ogp series … | head -1`): nothing more to say, as ripgrep does.
        Err(ogp_core::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::out::note(&format!("ogp: {e}"));
            ExitCode::from(2)
        }
    }
}
