//! `ogp rotation`: who should go to a funded event by its rotation policy, or a policy's
//! history.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ogp_core::rotation::{self, PastEvent, RotationHistory, RotationResult};
use ogp_core::{Dataset, Error, PlanDate, Text};

use crate::cmd::{load_checked, outcome};
use crate::out::{problem_line, word};

/// Arguments of `ogp rotation`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset: a .json file or a CSV bundle folder.
    pub path: PathBuf,
    /// The event to propose delegates for. May be left out when exactly one undecided event
    /// (no delegates, no `decided_at`) names a rotation policy — that of --policy, if given.
    #[arg(long, conflicts_with = "history")]
    pub event: Option<String>,
    /// The rotation policy. With --history: the policy to show (may be left out when the
    /// dataset has only one). Without: which policy's undecided event is meant.
    #[arg(long)]
    pub policy: Option<String>,
    /// Show the policy's history instead of a proposal: per member, the events served, the
    /// last one, the events declined, and the fairness summary.
    #[arg(long)]
    pub history: bool,
    /// Show the rule applied, step by step, under the table.
    #[arg(long)]
    pub explain: bool,
    /// Language of titles and names (default: the dataset's default language).
    #[arg(long)]
    pub lang: Option<String>,
    /// Output format. JSON carries every figure and the derivation.
    #[arg(long, value_parser = ["table", "json"], default_value = "table")]
    pub format: String,
}

/// Runs `ogp rotation`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match load_checked(&args.path)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    let lang = args.lang.as_deref().unwrap_or(&ds.default_language);
    if args.history {
        let policy = rotation::policy_or_only(&ds, args.policy.as_deref())?;
        let h = match outcome(&args.path, rotation::history(&ds, policy.id.as_str()))? {
            Ok(h) => h,
            Err(code) => return Ok(code),
        };
        if args.format == "json" {
            print_json(&h)?;
        } else {
            out!("{}", history_table(&ds, &h, lang));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let event = match &args.event {
        Some(e) => e.clone(),
        None => rotation::pending_event(&ds, args.policy.as_deref())?
            .id
            .to_string(),
    };
    let r = match outcome(&args.path, rotation::propose(&ds, &event))? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    if let Some(p) = args.policy.as_deref().filter(|p| *p != r.policy) {
        return Err(Error::Argument(format!(
            "event {} follows policy {}, not {p}",
            r.event, r.policy
        )));
    }
    if args.format == "json" {
        print_json(&r)?;
    } else {
        out!("{}", table(&ds, &r, lang, &args.path, args.explain));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Error> {
    crate::out::json(v)?;
    Ok(())
}

fn text(ds: &Dataset, t: &Text, lang: &str) -> String {
    t.get(lang, &ds.default_language)
        .unwrap_or("")
        .replace(['\n', '\r'], " ")
}

fn org_name(ds: &Dataset, id: &str, lang: &str) -> String {
    ds.organization(id)
        .map(|o| text(ds, &o.name, lang))
        .unwrap_or_default()
}

fn date(d: Option<&PlanDate>) -> String {
    d.map_or_else(|| "-".to_owned(), PlanDate::to_string)
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}

/// The proposal: a header, the pool in order (the organization's name last, so that
/// right-to-left text does not break the alignment, the reason under each line), then the
/// proposal, the balance and the decision.
fn table(ds: &Dataset, r: &RotationResult, lang: &str, path: &Path, explain: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Rotation for {} on {}: {}",
        r.event,
        r.date,
        text(ds, &r.title, lang)
    );
    let _ = writeln!(
        s,
        "  policy {} (committee {}): {}, cooldown {}{}, seed {}; {} seat{}{}",
        r.policy,
        r.committee,
        word(&r.rule),
        r.cooldown,
        r.max_per_window
            .as_ref()
            .map(|w| format!(", at most {} in {} months", w.count, w.months))
            .unwrap_or_default(),
        r.seed.map_or_else(|| "none".to_owned(), |x| x.to_string()),
        r.seats,
        if r.seats == 1 { "" } else { "s" },
        if r.funded { ", funded" } else { "" }
    );
    if r.earlier.is_empty() {
        let _ = writeln!(s, "  earlier events: none");
    } else {
        let _ = writeln!(s, "  earlier events:");
        for e in &r.earlier {
            event_line(&mut s, e);
        }
    }
    let _ = writeln!(
        s,
        "\n  {:<5} {:<26} {:>6}  {:<11}  {:<9} organization",
        "place", "membership", "served", "last served", "status"
    );
    for m in &r.pool {
        let _ = writeln!(
            s,
            "  {:<5} {:<26} {:>6}  {:<11}  {:<9} {}",
            m.place.map_or_else(|| "-".to_owned(), |p| p.to_string()),
            m.membership,
            m.times_served,
            date(m.last_served.as_ref()),
            m.status.as_str(),
            org_name(ds, &m.organization, lang)
        );
        let _ = writeln!(s, "          {}", m.reason);
    }
    let _ = writeln!(s, "\n  proposed: {}", list(&r.proposed));
    for b in &r.balance {
        let _ = writeln!(
            s,
            "  balance {}={} at least {}: {} proposed{}",
            b.feature,
            b.value,
            b.min,
            b.proposed,
            if b.met { ", met" } else { ", NOT met" }
        );
    }
    match (&r.decided, &r.comparison) {
        (Some(d), Some(c)) if c.went_not_proposed.is_empty() && c.proposed_not_went.is_empty() => {
            let _ = writeln!(s, "  decided: {} — matches the proposal", list(d));
        }
        (Some(d), Some(c)) => {
            let _ = writeln!(
                s,
                "  decided: {} — does not match the proposal (went without being proposed: {}; proposed but did not go: {})",
                list(d),
                list(&c.went_not_proposed),
                list(&c.proposed_not_went)
            );
        }
        _ => {
            let _ = writeln!(s, "  not decided yet");
        }
    }
    if explain {
        let _ = writeln!(s, "\n  how:");
        for line in r.derivation.lines() {
            let _ = writeln!(s, "    {line}");
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

/// The history: the events, one line per member, and the fairness summary.
fn history_table(ds: &Dataset, h: &RotationHistory, lang: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Rotation history of {} (committee {}): {}, seed {}\n  events:",
        h.policy,
        h.committee,
        word(&h.rule),
        h.seed.map_or_else(|| "none".to_owned(), |x| x.to_string())
    );
    for e in &h.events {
        event_line(&mut s, e);
    }
    let _ = writeln!(
        s,
        "\n  {:<26} {:<7} {:>7} {:>6}  {:<11}  {:>8}  organization",
        "membership", "in pool", "chances", "served", "last served", "declined"
    );
    for m in &h.members {
        let _ = writeln!(
            s,
            "  {:<26} {:<7} {:>7} {:>6}  {:<11}  {:>8}  {}",
            m.membership,
            if m.in_pool { "yes" } else { "no" },
            m.pool_events,
            m.times_served,
            date(m.last_served.as_ref()),
            m.declined.len(),
            org_name(ds, &m.organization, lang)
        );
    }
    let f = &h.fairness;
    match (&f.event, f.min_served, f.max_served) {
        (Some(ev), Some(min), Some(max)) => {
            let _ = writeln!(
                s,
                "\n  fairness on {} ({ev}), {} in the pool: served {min} to {max} times (spread {}); never served: {}",
                date(f.date.as_ref()),
                f.pool.len(),
                max - min,
                list(&f.never_served)
            );
        }
        _ => {
            let _ = writeln!(s, "\n  fairness: no active pool member on the latest event");
        }
    }
    s
}

/// One event: id, date, seats, delegates (or `undecided`), who declined.
fn event_line(s: &mut String, e: &PastEvent) {
    let _ = writeln!(
        s,
        "    {:<24} {:<10}  {} seat{:<2} {}{}",
        e.event,
        e.date,
        e.seats,
        if e.seats == 1 { "" } else { "s" },
        if e.decided {
            format!("→ {}", list(&e.delegates))
        } else {
            "undecided".to_owned()
        },
        if e.declined.is_empty() {
            String::new()
        } else {
            format!("; declined: {}", e.declined.join(", "))
        }
    );
}
