//! Plan dates: ISO 8601 dates that keep their precision.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The pattern of a [`PlanDate`] in the JSON Schemas (calendar validity is checked on load).
/// The year is four digits other than `0000`, written without a lookahead so that every
/// regular-expression dialect (XML Schema's, for Table Schema, among them) reads it.
pub const DATE_PATTERN: &str = r"^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

/// A date as action plans write them: a year (`2024`), a month (`2024-04`) or a day
/// (`2024-04-15`).
///
/// OGP activity tables often give only months, so the precision is kept: a date is written back
/// exactly as it was read. When a day is needed, a start resolves to the first day of its period
/// ([`PlanDate::resolve_start`]) and an end or a due date to the last
/// ([`PlanDate::resolve_end`]).
///
/// ```
/// use chrono::NaiveDate;
/// use ogp_core::PlanDate;
///
/// let d: PlanDate = "2024-02".parse().unwrap();
/// assert_eq!(d.resolve_start(), NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
/// assert_eq!(d.resolve_end(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
/// assert_eq!(d.to_string(), "2024-02");
///
/// assert!("2025-02-30".parse::<PlanDate>().is_err()); // not a calendar date
/// assert!("18/03/2025".parse::<PlanDate>().is_err()); // not ISO 8601
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanDate {
    /// A whole year.
    Year(i32),
    /// A whole month: year and month (1–12).
    Month(i32, u32),
    /// One day.
    Day(NaiveDate),
}

/// Why a string is not a [`PlanDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a date: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    /// The rejected string.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl PlanDate {
    /// The first day of the period.
    pub fn resolve_start(&self) -> NaiveDate {
        match *self {
            PlanDate::Year(y) => ymd(y, 1, 1),
            PlanDate::Month(y, m) => ymd(y, m, 1),
            PlanDate::Day(d) => d,
        }
    }

    /// The last day of the period.
    pub fn resolve_end(&self) -> NaiveDate {
        match *self {
            PlanDate::Year(y) => ymd(y, 12, 31),
            PlanDate::Month(y, m) => last_day_of_month(y, m),
            PlanDate::Day(d) => d,
        }
    }

    /// The precision as a word: `year`, `month` or `day`.
    pub fn precision(&self) -> &'static str {
        match self {
            PlanDate::Year(_) => "year",
            PlanDate::Month(..) => "month",
            PlanDate::Day(_) => "day",
        }
    }
}

impl From<NaiveDate> for PlanDate {
    fn from(d: NaiveDate) -> PlanDate {
        PlanDate::Day(d)
    }
}

/// A calendar date from parts already known to be valid (falls back to the minimum date, which
/// only happens for years outside chrono's range, themselves rejected on parse).
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The last day of month `m` of year `y`.
pub fn last_day_of_month(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl std::str::FromStr for PlanDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<PlanDate, DateError> {
        let err = |reason| DateError {
            value: s.to_owned(),
            reason,
        };
        let mut parts = s.split('-');
        let y = parts
            .next()
            .and_then(|p| digits(p, 4))
            .ok_or_else(|| err("not ISO 8601"))?;
        let y = i32::try_from(y).map_err(|_| err("not ISO 8601"))?;
        if y == 0 {
            return Err(err(
                "there is no year 0000 in the calendar plans use (1 BC came before 1 AD)",
            ));
        }
        let m = match parts.next() {
            None => return Ok(PlanDate::Year(y)),
            Some(p) => digits(p, 2).ok_or_else(|| err("not ISO 8601"))?,
        };
        if !(1..=12).contains(&m) {
            return Err(err("the month is not between 01 and 12"));
        }
        let d = match parts.next() {
            None => return Ok(PlanDate::Month(y, m)),
            Some(p) => digits(p, 2).ok_or_else(|| err("not ISO 8601"))?,
        };
        if parts.next().is_some() {
            return Err(err("not ISO 8601"));
        }
        NaiveDate::from_ymd_opt(y, m, d)
            .map(PlanDate::Day)
            .ok_or_else(|| err("that day does not exist in the calendar"))
    }
}

impl fmt::Display for PlanDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanDate::Year(y) => write!(f, "{y:04}"),
            PlanDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PlanDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// Plan dates order by the first day of their period, then coarser before finer
/// (`2024` < `2024-01` < `2024-01-01`), so that the order is total and agrees with `Eq`.
impl Ord for PlanDate {
    fn cmp(&self, other: &PlanDate) -> Ordering {
        let rank = |d: &PlanDate| match d {
            PlanDate::Year(_) => 0,
            PlanDate::Month(..) => 1,
            PlanDate::Day(_) => 2,
        };
        self.resolve_start()
            .cmp(&other.resolve_start())
            .then(rank(self).cmp(&rank(other)))
            .then(self.resolve_end().cmp(&other.resolve_end()))
    }
}

impl PartialOrd for PlanDate {
    fn partial_cmp(&self, other: &PlanDate) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for PlanDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PlanDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PlanDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|e: DateError| serde::de::Error::custom(crate::error::tagged("bad-date", &e)))
    }
}

impl JsonSchema for PlanDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PlanDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "An ISO 8601 date of year, month or day precision: 2024, 2024-04 or 2024-04-15."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PlanDate {
        s.parse().unwrap()
    }

    #[test]
    fn keeps_precision() {
        for s in ["2024", "2024-04", "2024-04-15", "0999-12-31"] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn resolves_periods() {
        assert_eq!(d("2024").resolve_start(), ymd(2024, 1, 1));
        assert_eq!(d("2024").resolve_end(), ymd(2024, 12, 31));
        assert_eq!(d("2025-02").resolve_end(), ymd(2025, 2, 28));
        assert_eq!(d("2024-12").resolve_end(), ymd(2024, 12, 31));
        assert_eq!(d("2024-12-05").resolve_end(), ymd(2024, 12, 5));
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "2025-02-30",
            "2025-13",
            "2025-00",
            "18/03/2025",
            "25-03-18",
            "2025-3",
            "2025-03-18T00:00",
            "",
            "2025-03-18-01",
            "+2025",
        ] {
            assert!(s.parse::<PlanDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn orders_totally() {
        let mut v = [d("2024-01-01"), d("2024-01"), d("2024"), d("2023-12-31")];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2023-12-31", "2024", "2024-01", "2024-01-01"]);
    }
}
