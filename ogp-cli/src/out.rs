//! Printing problems.

use std::path::Path;

use ogp_core::{Problem, Severity};

/// A problem as one line: `PATH: severity[code] /pointer: message (line L, column C)`; a
/// CSV problem's place is `row R, column "x"`, a workbook's `sheet!C5, column "x"`.
pub fn problem_line(path: &Path, p: &Problem) -> String {
    let loc = &p.location;
    let mut place = match &loc.pointer {
        Some(ptr) if ptr.is_empty() => "/".to_owned(),
        Some(ptr) => ptr.clone(),
        None => String::new(),
    };
    if let Some(row) = loc.row {
        place = format!("row {row}{}", field_suffix(loc.field.as_deref()));
    }
    match (&loc.sheet, &loc.cell) {
        (Some(sheet), Some(cell)) => {
            place = format!("{sheet}!{cell}{}", field_suffix(loc.field.as_deref()));
        }
        (Some(sheet), None) if place.is_empty() => place.clone_from(sheet),
        (Some(sheet), None) => place = format!("{sheet} {place}"),
        (None, _) => {}
    }
    let mut position = String::new();
    if let Some(line) = loc.line {
        position = match loc.column {
            Some(c) => format!("line {line}, column {c}"),
            None => format!("line {line}"),
        };
    }
    let file = loc
        .file
        .clone()
        .unwrap_or_else(|| path.display().to_string());
    let head = format!("{file}: {}[{}]", p.severity.as_str(), p.code);
    match (place.is_empty(), position.is_empty()) {
        (false, false) => format!("{head} {place}: {} ({position})", p.message),
        (false, true) => format!("{head} {place}: {}", p.message),
        (true, false) => format!("{head} {position}: {}", p.message),
        (true, true) => format!("{head}: {}", p.message),
    }
}

fn field_suffix(field: Option<&str>) -> String {
    field.map(|f| format!(", column {f:?}")).unwrap_or_default()
}

static MAX_PROBLEMS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(200);

/// Sets how many problems [`problem_lines`] gives at most (`--max-problems`; 0: all).
pub fn set_max_problems(n: usize) {
    MAX_PROBLEMS.store(n, std::sync::atomic::Ordering::Relaxed);
}

/// The problems as lines ([`problem_line`]), at most `--max-problems` of them (errors
/// first, so a cap never hides an error behind warnings), then one line counting the rest.
pub fn problem_lines(path: &Path, problems: &[Problem]) -> Vec<String> {
    let max = match MAX_PROBLEMS.load(std::sync::atomic::Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    };
    // A reader's own "too many problems" note says what it left out: always shown, last.
    let (notes, problems): (Vec<&Problem>, Vec<&Problem>) = problems
        .iter()
        .partition(|p| p.code == ogp_core::Code::TooManyProblems);
    let mut shown: Vec<&Problem> = problems.clone();
    if problems.len() > max {
        // Errors first, so that a cap never hides an error behind warnings.
        shown.sort_by_key(|p| p.severity != Severity::Error);
        shown.truncate(max);
    }
    let mut lines: Vec<String> = shown.iter().map(|p| problem_line(path, p)).collect();
    if problems.len() > max {
        let rest = problems.len() - max;
        let word = if rest == 1 { "problem" } else { "problems" };
        lines.push(format!(
            "{}: … and {rest} more {word} not shown (--max-problems N shows N, 0 shows all)",
            path.display(),
        ));
    }
    lines.extend(notes.iter().map(|p| problem_line(path, p)));
    lines
}

/// Counts errors and warnings.
pub fn counts(problems: &[Problem]) -> (usize, usize) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    (errors, problems.len() - errors)
}

/// "1 error", "2 warnings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A number as the shortest text that reads back the same (`41.875`, `40`).
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A percentage for tables: one decimal and a `%`.
pub fn fmt_pct(v: f64) -> String {
    format!("{v:.1}%")
}

/// Writes rows as CSV (RFC 4180, `,`, `\n`) to standard output, every cell formula-safe
/// (`ogp_core::io::csv::report_cell`); on a terminal, live characters are made visible too
/// (into a pipe or a file the cells stay exact: they are data).
pub fn write_csv(rows: &[Vec<String>]) -> Result<(), ogp_core::Error> {
    use std::io::IsTerminal;
    let terminal = std::io::stdout().is_terminal();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(std::io::stdout().lock());
    let io = |e: csv::Error| ogp_core::Error::Io {
        path: "<stdout>".into(),
        source: match e.into_kind() {
            csv::ErrorKind::Io(source) => source,
            other => std::io::Error::other(format!("{other:?}")),
        },
    };
    for r in rows {
        // Titles come from the data: none may run as a formula in a spreadsheet.
        let safe: Vec<_> = r
            .iter()
            .map(|c| {
                let safe = ogp_core::io::csv::report_cell(c);
                match terminal {
                    true => ogp_core::display::for_terminal(&safe).into_owned(),
                    false => safe.into_owned(),
                }
            })
            .collect();
        w.write_record(safe.iter().map(|c| c.as_bytes()))
            .map_err(io)?;
    }
    w.flush().map_err(|source| ogp_core::Error::Io {
        path: "<stdout>".into(),
        source,
    })
}

/// A model enum's word, as the JSON format spells it (`least_recent`, `trimmed_mean`).
pub fn word<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Writes `text` for people to standard output, every live character of the data made visible
/// (`ogp_core::display::for_terminal`: no escape sequence or bidi override reaches the
/// terminal). Errors (a closed pipe among them) are returned, never a panic; `main` ends
/// quietly with status 0 on a closed pipe.
pub fn emit(text: &str) -> Result<(), ogp_core::Error> {
    write_stdout(&ogp_core::display::for_terminal(text))
}

/// Writes `v` as pretty JSON and a newline to standard output, live characters escaped as
/// `\uXXXX` (`ogp_core::display::for_json`): the same data, safe on a terminal.
pub fn json<T: serde::Serialize + ?Sized>(v: &T) -> Result<(), ogp_core::Error> {
    let text =
        serde_json::to_string_pretty(v).map_err(|e| ogp_core::Error::Argument(e.to_string()))?;
    write_stdout(&format!("{}\n", ogp_core::display::for_json(&text)))
}

/// Prints a line for people on standard error, live characters made visible.
pub fn note(line: &str) {
    eprintln!("{}", ogp_core::display::for_terminal(line));
}

fn write_stdout(text: &str) -> Result<(), ogp_core::Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|source| ogp_core::Error::Io {
            path: "<stdout>".into(),
            source,
        })
}
