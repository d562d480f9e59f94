//! `ogp series`: the same figures on many dates, in long format.

use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::Error;
use ogp_core::progress::{self, Every, Level, Options};

use crate::cmd::{load_checked, outcome};
use crate::out::{fmt_num, write_csv};

/// Arguments of `ogp series`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset: a .json file or a CSV bundle folder.
    pub path: PathBuf,
    /// The plan. Without it, every plan of the dataset, each over its own period (the
    /// `plan` column tells them apart).
    #[arg(long)]
    pub plan: Option<String>,
    /// One date per month end or per quarter end.
    #[arg(long, value_parser = ["month", "quarter"], default_value = "month")]
    pub every: String,
    /// First date (any precision; default: the plan's start).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last date (any precision, a month or year meaning its last day; default: the plan's end).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// One row per date for the plan, each theme, or each commitment.
    #[arg(long, value_parser = ["plan", "theme", "commitment"], default_value = "plan")]
    pub level: String,
    /// How the figures aggregate (default: the plan's rules, else commitment_mean).
    #[arg(long, value_parser = ["commitment_mean", "milestone_mean", "completion_share"])]
    pub method: Option<String>,
    /// How expected progress follows the schedule (default: the plan's rules, else step).
    #[arg(long, value_parser = ["step", "linear"])]
    pub schedule: Option<String>,
    /// Language of titles (default: the dataset's default language).
    #[arg(long)]
    pub lang: Option<String>,
    /// The most dates to compute for one plan; a longer range is refused at once.
    #[arg(long, value_name = "N", default_value_t = progress::DEFAULT_MAX_DATES)]
    pub max_dates: usize,
    /// Output format: columns plan, date, level, id, title, percent, expected, status.
    #[arg(long, value_parser = ["csv", "json"], default_value = "csv")]
    pub format: String,
}

/// Runs `ogp series`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match load_checked(&args.path)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let from = args.from.as_deref().map(progress::since).transpose()?;
    let to = args.to.as_deref().map(progress::as_of).transpose()?;
    let every: Every = args.every.parse()?;
    let level: Level = args.level.parse()?;
    let opts = Options {
        method: args.method.as_deref().map(str::parse).transpose()?,
        schedule: args.schedule.as_deref().map(str::parse).transpose()?,
        max_dates: Some(args.max_dates),
        ..Options::default()
    };
    let plans: Vec<&str> = args.plan.as_deref().into_iter().collect();
    // A series prints figures, never the derivation's words: the figures-only table.
    let table = match outcome(
        &args.path,
        progress::series_table(&ds, &plans, every, from, to, level, &opts),
    )? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let lang = args.lang.as_deref().unwrap_or(&ds.default_language);
    let rows = table.rows(&ds, lang);
    if args.format == "json" {
        crate::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = vec![
        [
            "plan", "date", "level", "id", "title", "percent", "expected", "status",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in rows {
        table.push(vec![
            r.plan,
            r.date.to_string(),
            r.level.to_owned(),
            r.id,
            r.title,
            fmt_num(r.percent),
            fmt_num(r.expected),
            r.status.as_str().to_owned(),
        ]);
    }
    write_csv(&table)?;
    Ok(ExitCode::SUCCESS)
}
