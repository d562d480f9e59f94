//! `ogp committee`: a committee's health on a date.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ogp_core::committee::{self, CommitteeReport};
use ogp_core::{Dataset, Error, Text};

use crate::cmd::{load_checked, outcome};
use crate::out::problem_line;

/// Arguments of `ogp committee`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset: a .json file or a CSV bundle folder.
    pub path: PathBuf,
    /// The committee; may be left out when the dataset has only one.
    #[arg(long)]
    pub committee: Option<String>,
    /// The date: 2025-03-18, or a month or year (meaning its last day). Default: today.
    #[arg(long = "as-of", value_name = "DATE")]
    pub as_of: Option<String>,
    /// Language of names and titles (default: the dataset's default language).
    #[arg(long)]
    pub lang: Option<String>,
    /// Output format. JSON carries every figure.
    #[arg(long, value_parser = ["table", "json"], default_value = "table")]
    pub format: String,
}

/// Runs `ogp committee`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match load_checked(&args.path)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let as_of = match &args.as_of {
        Some(s) => ogp_core::progress::as_of(s)?,
        None => chrono::Local::now().date_naive(),
    };
    let c = ds.committee_or_only(args.committee.as_deref())?;
    let mut r = match outcome(&args.path, committee::check(&ds, c.id.as_str(), as_of))? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    for p in &mut r.problems {
        ds.locate(p);
    }
    if args.format == "json" {
        crate::out::json(&r)?;
    } else {
        let lang = args.lang.as_deref().unwrap_or(&ds.default_language);
        out!("{}", table(&ds, &r, lang, &args.path));
    }
    Ok(ExitCode::SUCCESS)
}

fn text(ds: &Dataset, t: &Text, lang: &str) -> String {
    t.get(lang, &ds.default_language).unwrap_or("").to_owned()
}

fn table(ds: &Dataset, r: &CommitteeReport, lang: &str, path: &std::path::Path) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Committee {} on {}: {}",
        r.committee,
        r.as_of,
        text(ds, &r.name, lang)
    );
    for seat in &r.seats {
        if seat.seats == 0 && seat.filled == 0 {
            continue;
        }
        let _ = writeln!(
            s,
            "  {:<14} {:>2} of {:>2} seats filled{}",
            seat.sector.as_str(),
            seat.filled,
            seat.seats,
            if seat.vacancies > 0 {
                format!(", {} vacant", seat.vacancies)
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(
        s,
        "  parity: seats {}, filled {}",
        if r.seats_equal { "equal" } else { "unequal" },
        if r.filled_equal { "equal" } else { "unequal" }
    );
    if let Some(g) = &r.guide {
        let yes_no = |b: Option<bool>| match b {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not stated",
        };
        let _ = writeln!(
            s,
            "  guide {} (adopted {}): voluntary work {}, may invite experts {}, {} principles",
            g.version,
            g.adopted_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            yes_no(g.voluntary),
            yes_no(g.may_invite_experts),
            g.principles.len()
        );
    }
    let _ = writeln!(
        s,
        "\n  {:<28} {:<10} {:>8} {:>6} {:>5} {:>7}  quorum",
        "meeting", "date", "present", "gov", "cs", "deputy"
    );
    for m in &r.meetings {
        let present = if m.attendance_recorded {
            format!("{}/{}", m.present, m.eligible)
        } else {
            "—".into()
        };
        let quorum = match m.quorum_met {
            Some(true) => "met",
            Some(false) => "NOT met",
            None => "—",
        };
        let _ = writeln!(
            s,
            "  {:<28} {:<10} {:>8} {:>6} {:>5} {:>7}  {quorum}",
            m.meeting, m.date, present, m.present_government, m.present_civil_society, m.by_deputy
        );
    }
    let i = &r.interval;
    let _ = writeln!(
        s,
        "  limit between meetings: {} months; next due by {}{}",
        i.limit_months,
        i.next_due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        if i.overdue { " (overdue)" } else { "" }
    );
    let open: Vec<_> = r
        .actions
        .iter()
        .filter(|a| a.status == ogp_core::ActionStatus::Open)
        .collect();
    if !open.is_empty() {
        let _ = writeln!(s, "\n  open actions:");
        for a in open {
            let _ = writeln!(
                s,
                "  {:<28} due {:<10}{}  {}",
                a.action,
                a.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                if a.overdue { " OVERDUE" } else { "" },
                text(ds, &a.title, lang)
            );
        }
    }
    if !r.problems.is_empty() {
        s.push('\n');
        for p in &r.problems {
            let _ = writeln!(s, "{}", problem_line(path, p));
        }
    }
    s
}
