//! `ogp progress`: a plan's progress on a date, with its derivation.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::progress::{self, CommitmentProgress, GroupBy, GroupProgress, Options, PlanProgress};
use ogp_core::{Dataset, Error, Text};

use crate::cmd::{load_checked, outcome};
use crate::out::{fmt_num, fmt_pct, write_csv};

/// Arguments of `ogp progress`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset: a .json file or a CSV bundle folder.
    pub path: PathBuf,
    /// The plan; may be left out when the dataset has only one.
    #[arg(long)]
    pub plan: Option<String>,
    /// The date: 2025-03-18, or a month or year (meaning its last day). Default: today.
    #[arg(long = "as-of", value_name = "DATE")]
    pub as_of: Option<String>,
    /// How the plan figure aggregates commitments (default: the plan's rules, else
    /// commitment_mean).
    #[arg(long, value_parser = ["commitment_mean", "milestone_mean", "completion_share"])]
    pub method: Option<String>,
    /// How expected progress follows the schedule (default: the plan's rules, else step).
    #[arg(long, value_parser = ["step", "linear"])]
    pub schedule: Option<String>,
    /// Points below expected before a node is `behind` (default: the plan's rules, else 10).
    #[arg(long)]
    pub tolerance: Option<f64>,
    /// Roll the commitments up by theme, lead institution, OGP value or policy area.
    #[arg(long, value_parser = ["commitment", "theme", "lead", "value", "policy_area"])]
    pub by: Option<String>,
    /// Language of titles in the table and CSV (default: the dataset's default language).
    #[arg(long)]
    pub lang: Option<String>,
    /// Show how every figure was obtained (the table gains a derivation under each line).
    #[arg(long)]
    pub explain: bool,
    /// Output format. JSON always carries the full derivation.
    #[arg(long, value_parser = ["table", "json", "csv"], default_value = "table")]
    pub format: String,
}

/// Runs `ogp progress`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match load_checked(&args.path)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let as_of = match &args.as_of {
        Some(s) => progress::as_of(s)?,
        None => chrono::Local::now().date_naive(),
    };
    let plans: Vec<&str> = match args.plan.as_deref() {
        Some(id) => vec![ds.plan_or_only(Some(id))?.id.as_str()],
        None if ds.plans.len() > 1 => ds.plans.iter().map(|p| p.id.as_str()).collect(),
        None => vec![ds.plan_or_only(None)?.id.as_str()],
    };
    let opts = Options {
        method: args.method.as_deref().map(str::parse).transpose()?,
        schedule: args.schedule.as_deref().map(str::parse).transpose()?,
        tolerance: args.tolerance,
        ..Options::default()
    };
    let by = match args.by.as_deref() {
        None | Some("commitment") => None,
        Some(s) => Some(s.parse::<GroupBy>()?),
    };
    let mut results = Vec::new();
    for plan in plans {
        let p = match outcome(&args.path, progress::plan_progress(&ds, plan, as_of, &opts))? {
            Ok(p) => p,
            Err(code) => return Ok(code),
        };
        let groups = by.map(|b| progress::groups(&ds, &p, b));
        results.push((p, groups));
    }
    let lang = args.lang.as_deref().unwrap_or(&ds.default_language);
    match args.format.as_str() {
        "json" => print_json(&results)?,
        "csv" => {
            let mut rows = vec![CSV_HEADER.iter().map(|h| (*h).to_owned()).collect()];
            for (p, groups) in &results {
                rows.extend(csv_rows(&ds, p, groups.as_deref(), lang));
            }
            write_csv(&rows)?;
        }
        _ => {
            let tables: Vec<String> = results
                .iter()
                .map(|(p, groups)| table(&ds, p, groups.as_deref(), lang, args.explain))
                .collect();
            out!("{}", tables.join("\n"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One plan's result as a JSON object (with its `groups` when asked); several plans as an
/// array of them.
fn print_json(results: &[(PlanProgress, Option<Vec<GroupProgress>>)]) -> Result<(), Error> {
    let one = |p: &PlanProgress, groups: Option<&[GroupProgress]>| {
        let mut v = serde_json::to_value(p).unwrap_or_default();
        if let (Some(g), Some(obj)) = (groups, v.as_object_mut()) {
            obj.insert("groups".into(), serde_json::to_value(g).unwrap_or_default());
        }
        v
    };
    let v = match results {
        [(p, groups)] => one(p, groups.as_deref()),
        _ => results
            .iter()
            .map(|(p, groups)| one(p, groups.as_deref()))
            .collect(),
    };
    crate::out::json(&v)?;
    Ok(())
}

fn title(ds: &Dataset, t: Option<&Text>, lang: &str) -> String {
    t.and_then(|t| t.get(lang, &ds.default_language))
        .unwrap_or("")
        .replace(['\n', '\r'], " ")
}

/// The table: a header with the plan figure and the reported ones, then one line per
/// commitment (or group), the title last so that right-to-left text does not break the
/// alignment.
fn table(
    ds: &Dataset,
    p: &PlanProgress,
    groups: Option<&[GroupProgress]>,
    lang: &str,
    explain: bool,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Plan {} on {}: {}\n  method {}, schedule {}, tolerance {}",
        p.plan,
        p.as_of,
        title(ds, Some(&p.title), lang),
        p.method.as_str(),
        p.schedule.as_str(),
        fmt_num(p.tolerance)
    );
    let _ = writeln!(
        s,
        "  progress {}   expected {}   status {}",
        fmt_pct(p.percent),
        fmt_pct(p.expected),
        p.status.as_str()
    );
    if explain {
        let _ = writeln!(s, "    = {}", p.derivation.percent);
        let _ = writeln!(s, "    expected = {}", p.derivation.expected);
    }
    for r in &p.reported {
        let _ = writeln!(
            s,
            "  reported {} as of {}: computed {} ({}{} points){}",
            fmt_pct(r.percent),
            r.as_of,
            fmt_pct(p.percent),
            if r.difference >= 0.0 { "+" } else { "" },
            fmt_num((r.difference * 100.0).round() / 100.0),
            r.source
                .as_deref()
                .map(|x| format!(" — {x}"))
                .unwrap_or_default()
        );
    }
    s.push('\n');
    match groups {
        Some(groups) => {
            let _ = writeln!(
                s,
                "  {:<28} {:>8} {:>8}  {:<11} {:>4}  title",
                "group", "percent", "expected", "status", "n"
            );
            for g in groups {
                let _ = writeln!(
                    s,
                    "  {:<28} {:>8} {:>8}  {:<11} {:>4}  {}",
                    g.key.as_deref().unwrap_or("(none)"),
                    fmt_pct(g.percent),
                    fmt_pct(g.expected),
                    g.status.as_str(),
                    g.commitments.len(),
                    title(ds, g.title.as_ref(), lang)
                );
                if explain {
                    let _ = writeln!(s, "      = {}", g.derivation.percent);
                }
            }
        }
        None => {
            let _ = writeln!(
                s,
                "  {:<5} {:<24} {:>8} {:>8}  {:<11} {:>6}  title",
                "#", "commitment", "percent", "expected", "status", "weight"
            );
            for c in &p.commitments {
                commitment_line(&mut s, ds, c, lang, explain);
            }
        }
    }
    if !p.excluded.is_empty() {
        let ids: Vec<&str> = p.excluded.iter().map(|e| e.id.as_str()).collect();
        let _ = writeln!(s, "\n  excluded (withdrawn): {}", ids.join(", "));
    }
    for w in &p.warnings {
        let _ = writeln!(s, "  {w}");
    }
    s
}

fn commitment_line(
    s: &mut String,
    ds: &Dataset,
    c: &CommitmentProgress,
    lang: &str,
    explain: bool,
) {
    let _ = writeln!(
        s,
        "  {:<5} {:<24} {:>8} {:>8}  {:<11} {:>6}  {}",
        c.number.as_deref().unwrap_or("-"),
        c.id,
        fmt_pct(c.percent),
        fmt_pct(c.expected),
        c.status.as_str(),
        c.weight
            .map(|w| format!("{w:.3}"))
            .unwrap_or_else(|| "-".into()),
        title(ds, Some(&c.title), lang)
    );
    if explain {
        let _ = writeln!(s, "        = {}", c.derivation.percent);
        for m in &c.milestones {
            let _ = writeln!(
                s,
                "        {:<24} {:>8} {:>8}  {:<11} {:>6}  {}",
                m.id,
                fmt_pct(m.percent),
                fmt_pct(m.expected),
                m.status.as_str(),
                m.weight
                    .map(|w| format!("{w:.3}"))
                    .unwrap_or_else(|| "-".into()),
                title(ds, Some(&m.title), lang)
            );
            let _ = writeln!(s, "          = {}", m.derivation.percent);
        }
    }
}

/// Long-format rows: the plan, then each commitment and its milestones (or each group).
/// The columns of `ogp progress --format csv`.
const CSV_HEADER: [&str; 11] = [
    "plan", "as_of", "level", "id", "parent", "number", "title", "percent", "expected", "status",
    "weight",
];

/// One plan's CSV rows (without the header), each starting with the plan's id.
fn csv_rows(
    ds: &Dataset,
    p: &PlanProgress,
    groups: Option<&[GroupProgress]>,
    lang: &str,
) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let date = p.as_of.to_string();
    let opt = |w: Option<f64>| w.map(fmt_num).unwrap_or_default();
    rows.push(vec![
        p.plan.clone(),
        date.clone(),
        "plan".into(),
        p.plan.clone(),
        String::new(),
        String::new(),
        title(ds, Some(&p.title), lang),
        fmt_num(p.percent),
        fmt_num(p.expected),
        p.status.as_str().into(),
        String::new(),
    ]);
    if let Some(groups) = groups {
        for g in groups {
            rows.push(vec![
                p.plan.clone(),
                date.clone(),
                g.by.as_str().into(),
                g.key.clone().unwrap_or_default(),
                p.plan.clone(),
                String::new(),
                title(ds, g.title.as_ref(), lang),
                fmt_num(g.percent),
                fmt_num(g.expected),
                g.status.as_str().into(),
                String::new(),
            ]);
        }
        return rows;
    }
    for c in &p.commitments {
        rows.push(vec![
            p.plan.clone(),
            date.clone(),
            "commitment".into(),
            c.id.clone(),
            p.plan.clone(),
            c.number.clone().unwrap_or_default(),
            title(ds, Some(&c.title), lang),
            fmt_num(c.percent),
            fmt_num(c.expected),
            c.status.as_str().into(),
            opt(c.weight),
        ]);
        for m in &c.milestones {
            rows.push(vec![
                p.plan.clone(),
                date.clone(),
                "milestone".into(),
                m.id.clone(),
                c.id.clone(),
                String::new(),
                title(ds, Some(&m.title), lang),
                fmt_num(m.percent),
                fmt_num(m.expected),
                m.status.as_str().into(),
                opt(m.weight),
            ]);
        }
    }
    rows
}
