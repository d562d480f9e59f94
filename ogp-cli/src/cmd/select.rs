//! `ogp select`: a call's selection — eligibility, scores, ranking, ties, quotas, seats — and
//! the re-run of a published audit (`--verify`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ogp_core::selection::{self, CandidateResult, ExclusionReason, SelectionResult, TieValue};
use ogp_core::{Checked, Dataset, Error, Severity};

use crate::cmd::{load_checked, outcome};
use crate::out::{fmt_num, problem_line, word};

/// Arguments of `ogp select`.
#[derive(clap::Args)]
pub struct Args {
    /// The dataset: a .json file or a CSV bundle folder.
    pub path: PathBuf,
    /// The call; may be left out when the dataset has only one.
    #[arg(long)]
    pub call: Option<String>,
    /// Output format. JSON is the full audit (every score, rule, tie step and the
    /// fingerprint): publish it, and anyone can re-run it with --verify.
    #[arg(long, value_parser = ["table", "json"], default_value = "table")]
    pub format: String,
    /// Language of organization names and criterion titles (default: the dataset's default
    /// language).
    #[arg(long)]
    pub lang: Option<String>,
    /// Re-run a published audit (the JSON of `ogp select --format json`) against the dataset:
    /// exit 0 when it is identical to the recomputation, 1 listing every difference.
    #[arg(long, value_name = "AUDIT.json", conflicts_with = "format")]
    pub verify: Option<PathBuf>,
}

/// Runs `ogp select`.
pub fn run(args: &Args) -> Result<ExitCode, Error> {
    let ds = match load_checked(&args.path)? {
        Ok(ds) => ds,
        Err(code) => return Ok(code),
    };
    if let Some(audit) = &args.verify {
        return verify(&ds, args, audit);
    }
    let call = ds.call_or_only(args.call.as_deref())?;
    let r = match outcome(&args.path, selection::run(&ds, call.id.as_str()))? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    if args.format == "json" {
        crate::out::json(&r)?;
    } else {
        let lang = args.lang.as_deref().unwrap_or(&ds.default_language);
        out!("{}", table(&ds, &r, lang, &args.path));
    }
    if r.has_errors() {
        crate::out::note(&format!(
            "{}: the selection of {} is not final: see the errors above",
            args.path.display(),
            r.call
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(ds: &Checked, args: &Args, audit: &Path) -> Result<ExitCode, Error> {
    // A FIFO or a folder given as the audit is refused, not waited on.
    let text = String::from_utf8(ogp_core::io::read_file(audit)?).map_err(|e| Error::Io {
        path: audit.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })?;
    let named = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("call").and_then(|c| c.as_str().map(str::to_owned)));
    if let (Some(asked), Some(named)) = (&args.call, &named)
        && asked != named
    {
        return Err(Error::Argument(format!(
            "{} is the audit of call {named:?}, not {asked:?}",
            audit.display()
        )));
    }
    let diffs = match outcome(&args.path, selection::verify(ds, &text))? {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let call = named.unwrap_or_default();
    if diffs.is_empty() {
        outln!(
            "{}: identical — the audit of call {call} is exactly what {} gives",
            audit.display(),
            args.path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for d in &diffs {
        outln!("{}: {d}", audit.display());
    }
    outln!(
        "{}: {} difference{} from a recomputation of call {call} from {}",
        audit.display(),
        diffs.len(),
        if diffs.len() == 1 { "" } else { "s" },
        args.path.display()
    );
    Ok(ExitCode::from(1))
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// A score for the table: two decimals, `-` when there is none.
fn score(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into())
}

fn outcome_of(c: &CandidateResult) -> String {
    match (&c.seat, &c.reason) {
        (Some(seat), _) => format!("selected (seat {seat})"),
        (None, Some(r)) => r.code.as_str().replace('_', " "),
        (None, None) => String::new(),
    }
}

/// The table: the call, then one line per candidate (organization name last, so that
/// right-to-left names do not break the alignment), then why the others were not selected,
/// the quotas, the ties, the excluded scores and the problems.
fn table(ds: &Dataset, r: &SelectionResult, lang: &str, path: &Path) -> String {
    let mut s = String::new();
    let call_title = ds
        .calls
        .iter()
        .find(|c| c.id.as_str() == r.call)
        .and_then(|c| c.title.get(lang, &ds.default_language))
        .map(one_line)
        .unwrap_or_default();
    let _ = writeln!(s, "Call {}: {call_title}", r.call);
    let _ = writeln!(
        s,
        "  committee {} · grid {} v{} ({}) · aggregation {} · {} seat{} · seed {}",
        r.committee,
        r.grid,
        r.grid_version,
        word(&r.grid_status),
        word(&r.aggregation),
        r.seats,
        if r.seats == 1 { "" } else { "s" },
        r.seed.map_or_else(|| "none".into(), |x| x.to_string())
    );
    let mut rules = Vec::new();
    if let Some(pm) = r.pass_mark {
        rules.push(format!("pass mark {}", fmt_num(pm)));
    }
    if !r.tie_break.is_empty() {
        rules.push(format!("ties: {}", r.tie_break.join(", then ")));
    }
    if let Some(m) = r.max_consecutive_terms {
        rules.push(format!("at most {m} consecutive terms"));
    }
    if !rules.is_empty() {
        let _ = writeln!(s, "  {}", rules.join(" · "));
    }
    let _ = writeln!(s, "  fingerprint {}", r.fingerprint);
    let _ = writeln!(s, "  criteria (combined score on its scale; weight):");
    for c in &r.criteria {
        let _ = writeln!(
            s,
            "    {:<20} {:<7} weight {} ({:.1}%){}  {}",
            c.id,
            format!("{}–{}", fmt_num(c.min), fmt_num(c.max)),
            fmt_num(c.weight),
            c.normalised_weight * 100.0,
            c.min_score
                .map(|m| format!("  minimum {}", fmt_num(m)))
                .unwrap_or_default(),
            one_line(c.title.get(lang, &ds.default_language).unwrap_or(""))
        );
    }
    s.push('\n');

    let idw = r
        .candidates
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(9)
        .max(9);
    let widths: Vec<usize> = r
        .criteria
        .iter()
        .map(|c| c.id.chars().count().max(6))
        .collect();
    let mut head = format!("  {:<5} {:<idw$} {:>7}", "rank", "candidate", "total");
    for (c, w) in r.criteria.iter().zip(&widths) {
        let _ = write!(head, " {:>w$}", c.id);
    }
    let _ = writeln!(s, "{head}  {:<22} organization", "result");
    for c in &r.candidates {
        let mut line = format!(
            "  {:<5} {:<idw$} {:>7}",
            c.rank.map_or_else(|| "-".into(), |x| x.to_string()),
            c.id,
            score(c.total)
        );
        for (k, w) in r.criteria.iter().zip(&widths) {
            let v = c
                .criteria
                .iter()
                .find(|x| x.criterion == k.id)
                .and_then(|x| x.combined);
            let _ = write!(line, " {:>w$}", score(v));
        }
        let org = ds
            .organization(&c.organization)
            .and_then(|o| o.name.get(lang, &ds.default_language))
            .map(one_line)
            .unwrap_or_else(|| c.organization.clone());
        let _ = writeln!(s, "{line}  {:<22} {org}", outcome_of(c));
    }

    let why: Vec<&CandidateResult> = r.candidates.iter().filter(|c| !c.selected).collect();
    if !why.is_empty() {
        let _ = writeln!(s, "\n  Not selected:");
        for c in why {
            if let Some(reason) = &c.reason {
                let _ = writeln!(s, "    {:<idw$}  {}", c.id, reason.message);
            }
        }
    }
    if !r.quotas.is_empty() {
        let _ = writeln!(s, "\n  Quotas:");
        for q in &r.quotas {
            let _ = writeln!(
                s,
                "    {}={}  min {} max {}  selected {}{}  {}",
                q.feature,
                q.value,
                q.min,
                q.max,
                q.count,
                if q.selected.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", q.selected.join(", "))
                },
                if q.met { "met" } else { "NOT MET" }
            );
        }
    }
    if !r.ties.is_empty() {
        let _ = writeln!(s, "\n  Ties:");
        for t in &r.ties {
            let _ = writeln!(
                s,
                "    total {}: {} → {}",
                score(Some(t.total)),
                sorted(&t.candidates).join(", "),
                if t.resolved {
                    t.candidates.join(" > ")
                } else {
                    "unresolved".into()
                }
            );
            for step in &t.steps {
                let values: Vec<String> = step
                    .values
                    .iter()
                    .map(|(id, v)| match v {
                        TieValue::Score(x) => {
                            format!("{id} {}", fmt_num((x * 1000.0).round() / 1000.0))
                        }
                        TieValue::Key(k) => format!("{id} key {k}"),
                    })
                    .collect();
                let order: Vec<String> = step.order.iter().map(|g| g.join(" = ")).collect();
                let _ = writeln!(
                    s,
                    "      by {}: {} → {}",
                    step.rule,
                    if values.is_empty() {
                        "no seed".into()
                    } else {
                        values.join(", ")
                    },
                    order.join(" > ")
                );
            }
        }
    }
    if !r.excluded_scores.is_empty() {
        let _ = writeln!(s, "\n  Excluded scores:");
        let mut ineligible: Vec<(&str, usize)> = Vec::new();
        for x in &r.excluded_scores {
            if x.reason == ExclusionReason::CandidateIneligible {
                match ineligible.last_mut() {
                    Some((id, n)) if *id == x.candidate => *n += 1,
                    _ => ineligible.push((&x.candidate, 1)),
                }
                continue;
            }
            let _ = writeln!(
                s,
                "    {} on {} by {}: {} ({})",
                x.candidate,
                x.criterion,
                x.evaluator,
                fmt_num(x.score),
                word(&x.reason).replace('_', " ")
            );
        }
        for (id, n) in ineligible {
            let _ = writeln!(
                s,
                "    {id}: {n} score{} not looked at (candidate not eligible)",
                if n == 1 { "" } else { "s" }
            );
        }
    }
    if !r.problems.is_empty() {
        s.push('\n');
        for p in &r.problems {
            let _ = writeln!(s, "  {}", problem_line(path, p));
        }
    }
    let errors = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let _ = writeln!(
        s,
        "\n  selected ({} of {}): {}{}",
        r.selected.len(),
        r.seats,
        if r.selected.is_empty() {
            "nobody".into()
        } else {
            r.selected.join(", ")
        },
        if errors > 0 {
            " — not final: resolve the errors above"
        } else {
            ""
        }
    );
    s
}

fn sorted(ids: &[String]) -> Vec<String> {
    let mut v = ids.to_vec();
    v.sort();
    v
}
