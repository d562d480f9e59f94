//! Hints that never mislead: what a cell or a name probably meant, only when it is sure.
//!
//! Every hint here either names the one reading it assumed or says the value is ambiguous;
//! none suggests a value that is not real (a date not in the calendar, an id that does not
//! exist).
//!
//! ```
//! use ogp_core::hint;
//!
//! assert_eq!(
//!     hint::date("12/25/2024").as_deref(),
//!     Some("month first (MM/DD/YYYY): write 2024-12-25")
//! );
//! assert_eq!(
//!     hint::date("3/7/25").as_deref(),
//!     Some("ambiguous: write 2025-07-03 if it is day first, 2025-03-07 if month first \
//!           (taking 25 as 2025)")
//! );
//! assert_eq!(hint::date("2025-3-18").as_deref(), Some("write 2025-03-18"));
//! assert_eq!(hint::nearest("Complete", ["complete", "limited"]), Some("complete"));
//! assert_eq!(hint::nearest("zzz", ["complete", "limited"]), None);
//! ```

use chrono::{Datelike, NaiveDate};

/// The first Excel serial read as a date (1954-10-03); smaller whole numbers are not taken for
/// dates.
const EXCEL_FIRST: i64 = 20_000;
/// The last Excel serial read as a date (2119-01-08).
const EXCEL_LAST: i64 = 80_000;

/// What a date cell that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` probably meant, or `None`
/// when there is nothing sure to say.
///
/// - `2025-3-18` → `2025-03-18`; `2025/03/18` likewise;
/// - `dd/mm/yyyy` or `mm/dd/yyyy` (`/`, `.` or `-`): the reading that gives a real date,
///   named (day first or month first); both readings real and different: ambiguous, both
///   given; neither real: said so;
/// - a two-digit year (`3/7/25`) is taken as 20YY and said so through the same rules;
/// - an Excel date serial (`45734`) → the date it stands for, named as a serial.
pub fn date(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(h) = excel_serial(t) {
        return Some(h);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => year_first(y, m, d),
        [a, b, y] if (y.len() == 4 || y.len() == 2) && a.len() <= 2 && b.len() <= 2 => {
            day_or_month_first(a, b, y)
        }
        [y, m] if y.len() == 4 && m.len() == 1 => Some(format!("write {y}-0{m}")),
        _ => None,
    }
}

/// `2025-3-18`: padded, when it is a real date.
fn year_first(y: &str, m: &str, d: &str) -> Option<String> {
    let date = ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(format!("write {}", iso(date)))
}

/// `a/b/yyyy`: day first, month first, both or neither.
fn day_or_month_first(a: &str, b: &str, y: &str) -> Option<String> {
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let mut year: i32 = y.parse().ok()?;
    let two_digits = y.len() == 2;
    if two_digits {
        year += 2000;
    }
    let day_first = ymd(year, b, a);
    let month_first = ymd(year, a, b);
    let note = if two_digits {
        format!(" (taking {y} as {year})")
    } else {
        String::new()
    };
    Some(match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => format!("write {}{note}", iso(d)),
        (Some(d), Some(m)) => format!(
            "ambiguous: write {} if it is day first, {} if month first{note}",
            iso(d),
            iso(m)
        ),
        (Some(d), None) => format!("day first (DD/MM/YYYY): write {}{note}", iso(d)),
        (None, Some(m)) => format!("month first (MM/DD/YYYY): write {}{note}", iso(m)),
        (None, None) => "it is not a calendar date, day first or month first".to_owned(),
    })
}

/// An Excel date serial (days since 1899-12-30, as Excel counts from 1 March 1900).
fn excel_serial(t: &str) -> Option<String> {
    let n: i64 = t.parse().ok()?;
    if !(EXCEL_FIRST..=EXCEL_LAST).contains(&n) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = base.checked_add_days(chrono::Days::new(u64::try_from(n).ok()?))?;
    Some(format!(
        "it looks like an Excel date serial: {n} is {}; format the column as text or write the \
         date as YYYY-MM-DD",
        iso(date)
    ))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| (0..=9999).contains(&d.year()))
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What a number cell that does not parse probably meant: `100%` → `100`, `12,5` → `12.5`,
/// `1,200` → ambiguous (a thousands separator or a decimal comma), `1 200` → `1200`.
///
/// ```
/// use ogp_core::hint;
///
/// assert_eq!(hint::number("100%").as_deref(), Some("write 100, without %"));
/// assert_eq!(hint::number("12,5").as_deref(), Some("write 12.5, with a point"));
/// assert_eq!(
///     hint::number("1,200").as_deref(),
///     Some("ambiguous: write 1200 if the comma separates thousands, 1.2 if it is a decimal comma")
/// );
/// assert_eq!(hint::number("heavy"), None);
/// ```
pub fn number(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(n) = t.strip_suffix('%').map(str::trim)
        && n.parse::<f64>().is_ok_and(f64::is_finite)
    {
        return Some(format!("write {n}, without %"));
    }
    let spaced: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if spaced != t && spaced.parse::<f64>().is_ok_and(f64::is_finite) {
        return Some(format!("write {spaced}, without spaces"));
    }
    let (int, frac) = t.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = digits(int.trim_start_matches('-'));
    if !int_ok || !digits(frac) || frac.contains(',') {
        return None;
    }
    let point = format!("{int}.{frac}");
    if frac.len() == 3 {
        let joined = format!("{int}{frac}");
        let point = point.trim_end_matches('0').trim_end_matches('.').to_owned();
        return Some(format!(
            "ambiguous: write {joined} if the comma separates thousands, {point} if it is a \
             decimal comma"
        ));
    }
    Some(format!("write {point}, with a point"))
}

/// What a country that is not an ISO 3166-1 alpha-2 code probably meant: a country's name
/// (`Kenya`), its alpha-3 code (`KEN`) or its code in lower case (`ke`) gives the code, from
/// the one table in [`crate::country`].
///
/// ```
/// use ogp_core::hint;
///
/// assert_eq!(hint::country("Kenya").as_deref(), Some("use the ISO code KE (Kenya)"));
/// assert_eq!(hint::country("MAR").as_deref(), Some("use the ISO code MA (Morocco)"));
/// assert_eq!(hint::country("ma").as_deref(), Some("use the ISO code MA (Morocco)"));
/// assert_eq!(hint::country("Atlantis"), None);
/// ```
pub fn country(text: &str) -> Option<String> {
    let t = text.trim();
    let found = crate::country::by_alpha2(&t.to_ascii_uppercase())
        .filter(|_| t.len() == 2)
        .or_else(|| crate::country::by_alpha3(&t.to_ascii_uppercase()).filter(|_| t.len() == 3))
        .or_else(|| crate::country::by_name(t))?;
    Some(format!(
        "use the ISO code {} ({})",
        found.alpha2, found.name
    ))
}

/// The longest word, in characters, that a hint compares with names. A longer one is not a
/// slip of the keyboard (it is a pasted paragraph or a broken file), and an edit distance
/// takes time in the product of the lengths: [`nearest`] and [`did_you_mean`] say nothing
/// about it, and skip longer candidates.
pub const MAX_HINT_CHARS: usize = 64;

/// True when `s` has more than [`MAX_HINT_CHARS`] characters (counting at most that many).
pub(crate) fn too_long_for_hint(s: &str) -> bool {
    s.chars().nth(MAX_HINT_CHARS).is_some()
}

/// The candidate nearest to `word`, when one is near enough to be what was meant: the same
/// but for case, spaces, `-` and `_`, or within a small edit distance (one edit for words
/// up to 4 characters, two up to 8, three beyond) and nearer than any other candidate.
/// Never a hint for a word, or to a candidate, of more than [`MAX_HINT_CHARS`] characters.
///
/// ```
/// use ogp_core::hint;
///
/// let pasted = "x".repeat(10_000_000);
/// assert_eq!(hint::nearest(&pasted, ["title", "lead"]), None); // at once
/// ```
pub fn nearest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if too_long_for_hint(word) {
        return None;
    }
    let key = fold(word);
    let key_len = key.chars().count();
    let budget = match key_len {
        0 => return None,
        1..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'a str)> = None;
    let mut tie = false;
    for c in candidates {
        if c == word {
            return None; // the word exists: nothing to suggest
        }
        if too_long_for_hint(c) {
            continue;
        }
        let folded = fold(c);
        if folded.chars().count().abs_diff(key_len) > budget {
            continue; // at least that many edits apart: never the hint, never a tie
        }
        let d = distance(&key, &folded);
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    match best {
        Some((0, c)) => Some(c),
        Some((d, c)) if d <= budget && !tie => Some(c),
        _ => None,
    }
}

/// Lower case, without spaces, `-` and `_`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The optimal string alignment distance (edits, with adjacent transpositions) between two
/// strings, by characters. It takes time in the product of their lengths: callers compare
/// only short words (see [`MAX_HINT_CHARS`]).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut prev2: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for (i, ca) in a.iter().enumerate() {
        cur.iter_mut().for_each(|c| *c = 0);
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let del = prev.get(j + 1).map_or(usize::MAX, |v| v + 1);
            let ins = cur.get(j).map_or(usize::MAX, |v| v + 1);
            let sub = prev.get(j).map_or(usize::MAX, |v| v + cost);
            let mut d = del.min(ins).min(sub);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped {
                d = d.min(prev2.get(j - 1).map_or(usize::MAX, |v| v + 1));
            }
            if let Some(c) = cur.get_mut(j + 1) {
                *c = d;
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// ` (did you mean "X"?)` when `word` is near one of `candidates`, else empty.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    nearest(word, candidates).map_or_else(String::new, |c| format!(" (did you mean {c:?}?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_hints_suggest_only_real_dates() {
        let cases = [
            (
                "12/25/2024",
                Some("month first (MM/DD/YYYY): write 2024-12-25"),
            ),
            (
                "25/12/2024",
                Some("day first (DD/MM/YYYY): write 2024-12-25"),
            ),
            (
                "18/03/2025",
                Some("day first (DD/MM/YYYY): write 2025-03-18"),
            ),
            (
                "31/02/2025",
                Some("it is not a calendar date, day first or month first"),
            ),
            (
                "1/7/2014",
                Some("ambiguous: write 2014-07-01 if it is day first, 2014-01-07 if month first"),
            ),
            ("7/7/2014", Some("write 2014-07-07")),
            ("2025-3-18", Some("write 2025-03-18")),
            ("2025/03/18", Some("write 2025-03-18")),
            ("2025-2-30", None),
            ("2025-3", Some("write 2025-03")),
            (
                "3/7/25",
                Some(
                    "ambiguous: write 2025-07-03 if it is day first, 2025-03-07 if month first \
                     (taking 25 as 2025)",
                ),
            ),
            (
                "13/13/2024",
                Some("it is not a calendar date, day first or month first"),
            ),
            ("soon", None),
            ("2024", None),
        ];
        for (input, want) in cases {
            assert_eq!(date(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn excel_serials_are_named_with_their_date() {
        // 45734 days after 1899-12-30 is 2025-03-18 (Excel shows that date for 45734).
        let h = date("45734").unwrap();
        assert!(h.contains("Excel date serial: 45734 is 2025-03-18"), "{h}");
        assert_eq!(date("1999"), None, "a year is not a serial");
        assert_eq!(date("100000"), None);
    }

    #[test]
    fn number_hints() {
        assert_eq!(number("100%").as_deref(), Some("write 100, without %"));
        assert_eq!(number("12.5 %").as_deref(), Some("write 12.5, without %"));
        assert_eq!(
            number("1 200").as_deref(),
            Some("write 1200, without spaces")
        );
        assert_eq!(number("12,5").as_deref(), Some("write 12.5, with a point"));
        assert_eq!(
            number("1,200").as_deref(),
            Some(
                "ambiguous: write 1200 if the comma separates thousands, 1.2 if it is a decimal \
                 comma"
            )
        );
        assert_eq!(number("1,2,3"), None);
        assert_eq!(number("abc"), None);
    }

    #[test]
    fn nearest_is_sure_or_silent() {
        let words = [
            "not_started",
            "limited",
            "substantial",
            "complete",
            "withdrawn",
        ];
        assert_eq!(nearest("Complete", words), Some("complete"));
        assert_eq!(nearest("completed", words), Some("complete"));
        assert_eq!(nearest("Not Started", words), Some("not_started"));
        assert_eq!(nearest("substantail", words), Some("substantial"));
        assert_eq!(nearest("done", words), None);
        assert_eq!(
            nearest("complete", words),
            None,
            "an existing word needs no hint"
        );
        // Two candidates equally near: no guess.
        assert_eq!(nearest("c2", ["c1", "c3"]), None);
        assert_eq!(
            nearest(
                "indicator/basline",
                ["indicator/baseline", "indicator/target"]
            ),
            Some("indicator/baseline")
        );
        assert_eq!(distance("ab", "ba"), 1);
        // Too long to be a slip: no hint, and no time spent on it.
        let long = format!("complete{}", "x".repeat(MAX_HINT_CHARS));
        assert_eq!(nearest(&long, words), None);
        assert_eq!(nearest("complete", [long.as_str()]), None);
        assert_eq!(distance("", "abc"), 3);
    }
}
