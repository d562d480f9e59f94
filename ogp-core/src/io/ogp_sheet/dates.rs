//! Plan periods and commitment dates as the sheet writes them.

use chrono::NaiveDate;

use crate::PlanDate;

/// OGP's usual action-plan cycle, in years: a plan submitted in 2018 runs to 2020.
pub(crate) const USUAL_CYCLE_YEARS: i32 = 2;

/// A plan's period, and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub start: i32,
    pub end: i32,
    /// True when only the submission year was given and the end is the usual two-year cycle.
    pub assumed_cycle: bool,
}

/// The cells a plan's period is read from (already without absent values).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PeriodCells<'a> {
    pub submission_year: Option<&'a str>,
    pub end_year: Option<&'a str>,
    pub duration: Option<&'a str>,
    pub cycle: Option<&'a str>,
}

/// The period from `Year Of Submission` – `Action Plan End Year`, else the submission year
/// and `Action Plan Duration (Years)`, else `Action Plan Cycle` (`2018-2020`), else the
/// submission year and the usual two-year cycle. `None` when no year is given at all.
pub(crate) fn period(cells: PeriodCells<'_>) -> Option<Period> {
    let submitted = cells.submission_year.and_then(year);
    let cycle = cells.cycle.and_then(cycle_years);
    let exact = |start: i32, end: i32| Period {
        start,
        end,
        assumed_cycle: false,
    };
    if let Some(start) = submitted {
        if let Some(end) = cells.end_year.and_then(year).filter(|end| *end >= start) {
            return Some(exact(start, end));
        }
        if let Some(years) = cells.duration.and_then(whole_number).filter(|d| *d > 0) {
            return Some(exact(start, start + years));
        }
        if let Some((from, to)) = cycle.filter(|(from, _)| *from == start) {
            return Some(exact(from, to));
        }
        return Some(Period {
            start,
            end: start + USUAL_CYCLE_YEARS,
            assumed_cycle: true,
        });
    }
    cycle.map(|(from, to)| exact(from, to))
}

/// A four-digit year (`2018`, `2018.0`).
pub(crate) fn year(cell: &str) -> Option<i32> {
    whole_number(cell).filter(|y| (1900..=2200).contains(y))
}

/// A plan number (`3`, `3.0`).
pub(crate) fn plan_number(cell: &str) -> Option<u32> {
    whole_number(cell).and_then(|n| u32::try_from(n).ok())
}

fn whole_number(cell: &str) -> Option<i32> {
    let cell = cell.trim();
    let digits = cell.strip_suffix(".0").unwrap_or(cell);
    digits.parse().ok()
}

/// The `(start, end)` years of a cycle such as `2018-2020` or `2018–2020`.
fn cycle_years(cell: &str) -> Option<(i32, i32)> {
    let years: Vec<i32> = cell
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| part.len() == 4)
        .filter_map(|part| part.parse().ok())
        .collect();
    match years.as_slice() {
        [from, to, ..] if to >= from => Some((*from, *to)),
        [from, ..] => Some((*from, *from)),
        [] => None,
    }
}

/// Which end of a period a date is read for: a quarter starts at its first month and ends
/// at its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Start,
    End,
}

/// What a `Start Date` or `End Date` cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateCell {
    /// A date read without doubt.
    Date(PlanDate),
    /// A word meaning "no particular date" (`Ongoing`, `NA`, `TBD`…): the plan's period.
    NoDate,
    /// `1/7/2014`: 7 January or 1 July; never guessed.
    Ambiguous,
    /// Something that is not a date.
    Unreadable,
}

/// Reads a date as the sheet writes them: ISO (`2014`, `2014-07`, `2014-07-01`), a month
/// name (`July 2014`, `July 1, 2014`, `1 July 2014`), a quarter (`Q3 2014`), or numbers
/// (`12/31/2022`, `31/12/2022`, `31.12.2022`) when one part above 12 tells day from month.
pub(crate) fn date(cell: &str, role: Role) -> DateCell {
    let cell = cell.trim();
    if no_date_word(cell) {
        return DateCell::NoDate;
    }
    if let Ok(iso) = cell.parse::<PlanDate>() {
        return DateCell::Date(iso);
    }
    if let Some(found) = numeric(cell) {
        return found;
    }
    if let Some(found) = quarter(cell, role).or_else(|| with_month_name(cell)) {
        return DateCell::Date(found);
    }
    DateCell::Unreadable
}

fn no_date_word(cell: &str) -> bool {
    if super::irm::absent(cell) {
        return true;
    }
    let word = super::irm::folded(cell);
    matches!(
        word.as_str(),
        "none"
            | "ongoing"
            | "continuous"
            | "continuing"
            | "permanent"
            | "tbd"
            | "tbc"
            | "unknown"
            | "notspecified"
            | "notapplicable"
    )
}

/// `a/b/yyyy` (or with `.` or `-`): day-first or month-first when one part is above 12 or
/// both are equal; ambiguous otherwise.
fn numeric(cell: &str) -> Option<DateCell> {
    let parts: Vec<&str> = cell.split(['/', '.', '-']).map(str::trim).collect();
    let [first, second, year_part] = parts.as_slice() else {
        return None;
    };
    if ![first, second, year_part]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        || year_part.len() != 4
    {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (
        first.parse().ok()?,
        second.parse().ok()?,
        year_part.parse().ok()?,
    );
    let (month, day) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        (false, false) if a == b => (a, b),
        (false, false) => return Some(DateCell::Ambiguous),
        (true, true) => return Some(DateCell::Unreadable),
    };
    Some(
        NaiveDate::from_ymd_opt(y, month, day)
            .map_or(DateCell::Unreadable, |d| DateCell::Date(PlanDate::Day(d))),
    )
}

/// `Q3 2014`, `2014 Q3`, `Q3-2014`: the quarter's first month as a start, its last as an end.
fn quarter(cell: &str, role: Role) -> Option<PlanDate> {
    let lower = cell.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let [one, two] = tokens.as_slice() else {
        return None;
    };
    let (q, y) = if one.starts_with('q') {
        (one, two)
    } else {
        (two, one)
    };
    let q: u32 = q
        .strip_prefix('q')?
        .parse()
        .ok()
        .filter(|q| (1..=4).contains(q))?;
    let y = year(y)?;
    let month = match role {
        Role::Start => q * 3 - 2,
        Role::End => q * 3,
    };
    Some(PlanDate::Month(y, month))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The English name of month `m` (1–12), capitalised (`July`).
pub(crate) fn month_name(m: u32) -> Option<String> {
    let name = MONTHS.get(usize::try_from(m).ok()?.checked_sub(1)?)?;
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// `July 2014`, `Jul. 2014`, `July 1, 2014`, `1 July 2014`.
fn with_month_name(cell: &str) -> Option<PlanDate> {
    let lower = cell.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    let month_of = |token: &str| -> Option<u32> {
        let index = MONTHS
            .iter()
            .position(|m| token.len() >= 3 && m.starts_with(token))?;
        u32::try_from(index + 1).ok()
    };
    match tokens.as_slice() {
        [m, y] => Some(PlanDate::Month(year(y)?, month_of(m)?)),
        [m, d, y] if month_of(m).is_some() => day(year(y)?, month_of(m)?, d),
        [d, m, y] => day(year(y)?, month_of(m)?, d),
        _ => None,
    }
}

fn day(y: i32, m: u32, d: &str) -> Option<PlanDate> {
    let d: u32 = d
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    NaiveDate::from_ymd_opt(y, m, d).map(PlanDate::Day)
}

/// The midpoint of a period, from its first day to its last.
pub(crate) fn midpoint(start: PlanDate, end: PlanDate) -> PlanDate {
    let first = start.resolve_start();
    let last = end.resolve_end();
    let half = (last - first).num_days() / 2;
    PlanDate::Day(first + chrono::Duration::days(half))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateCell {
        DateCell::Date(PlanDate::Day(
            NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(),
        ))
    }

    #[test]
    fn dates_as_the_sheet_writes_them() {
        assert_eq!(date("12/31/2022", Role::End), day(2022, 12, 31));
        assert_eq!(date("31/12/2022", Role::End), day(2022, 12, 31));
        assert_eq!(date("9/1/2018", Role::Start), DateCell::Ambiguous);
        assert_eq!(date("1/7/2014", Role::Start), DateCell::Ambiguous);
        assert_eq!(date("1/1/2024", Role::Start), day(2024, 1, 1));
        assert_eq!(
            date("July 2014", Role::Start),
            DateCell::Date(PlanDate::Month(2014, 7))
        );
        assert_eq!(
            date("june 2016", Role::End),
            DateCell::Date(PlanDate::Month(2016, 6))
        );
        assert_eq!(date("July 1, 2014", Role::Start), day(2014, 7, 1));
        assert_eq!(
            date("Q3 2014", Role::Start),
            DateCell::Date(PlanDate::Month(2014, 7))
        );
        assert_eq!(
            date("Q3 2014", Role::End),
            DateCell::Date(PlanDate::Month(2014, 9))
        );
        assert_eq!(
            date("2014-07", Role::Start),
            DateCell::Date(PlanDate::Month(2014, 7))
        );
        assert_eq!(date("Ongoing", Role::End), DateCell::NoDate);
        assert_eq!(date("NA", Role::End), DateCell::NoDate);
        assert_eq!(date("2/30/2014", Role::End), DateCell::Unreadable);
        assert_eq!(date("second half of 2015", Role::End), DateCell::Unreadable);
    }

    #[test]
    fn periods() {
        let cells = |s, e, d, c| PeriodCells {
            submission_year: s,
            end_year: e,
            duration: d,
            cycle: c,
        };
        let exact = |start, end| {
            Some(Period {
                start,
                end,
                assumed_cycle: false,
            })
        };
        assert_eq!(
            period(cells(Some("2018"), Some("2020"), None, None)),
            exact(2018, 2020)
        );
        assert_eq!(
            period(cells(Some("2021"), None, Some("4"), None)),
            exact(2021, 2025)
        );
        assert_eq!(
            period(cells(None, None, None, Some("2016–2018"))),
            exact(2016, 2018)
        );
        assert_eq!(
            period(cells(Some("2014"), None, None, None)),
            Some(Period {
                start: 2014,
                end: 2016,
                assumed_cycle: true
            })
        );
        assert_eq!(period(cells(None, None, None, None)), None);
        assert_eq!(
            midpoint(PlanDate::Year(2018), PlanDate::Year(2020)),
            PlanDate::Day(NaiveDate::from_ymd_opt(2019, 7, 2).unwrap_or_default())
        );
    }
}
