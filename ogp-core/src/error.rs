//! Problems, reports and the crate's error type.
//!
//! Everything that can be wrong with input is a [`Problem`]: a severity, a stable kebab-case
//! [`Code`], a message for people and a [`Location`] (a JSON pointer, a line and column; a
//! CSV file, row and column; or a workbook's sheet and cell). Loading and validation collect
//! every problem at once into a [`Report`]; operations that cannot go on return an [`Error`]
//! that carries them.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data is wrong: engines refuse it and `ogp validate` exits 1.
    Error,
    /// The data is usable but probably not what was meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A stable, kebab-case problem code. Codes are never renamed; new ones may be added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in reports, e.g. `unknown-reference`.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The code named `name`, if there is one.
            pub fn from_name(name: &str) -> Option<Code> {
                match name {
                    $($name => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// The text is not JSON (a stray comma, an unclosed string…).
    JsonSyntax = "json-syntax",
    /// A value has the wrong JSON type (a number where a string is expected…).
    TypeError = "type-error",
    /// A required field is absent.
    MissingField = "missing-field",
    /// A field the model does not know (country-specific fields go in `ext`).
    UnknownField = "unknown-field",
    /// A value outside its list of allowed words (an unknown status, sector…).
    InvalidValue = "invalid-value",
    /// A string that is not a valid id.
    BadId = "bad-id",
    /// A string that is not an ISO 8601 date of year, month or day precision, or not a calendar
    /// date.
    BadDate = "bad-date",
    /// Two entities share an id.
    DuplicateId = "duplicate-id",
    /// A reference to an id that does not exist, or exists as another kind of thing.
    UnknownReference = "unknown-reference",
    /// An object of the JSON text names a key twice (`"en": "…", "en": "…"`): readers keep
    /// one of the two silently, so what the data says is ambiguous.
    DuplicateKey = "duplicate-key",
    /// A text (or a key) longer than [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES), or holding
    /// the NUL character, which databases and spreadsheets cut the text at.
    BadText = "bad-text",
    /// An organization or committee that is, through its chain of parents, its own parent.
    ParentCycle = "parent-cycle",
    /// An end (or due date) before its start.
    EndBeforeStart = "end-before-start",
    /// A date outside its parent's period (a milestone outside its commitment…).
    DateOutOfRange = "date-out-of-range",
    /// A percentage outside 0–100.
    PercentOutOfRange = "percent-out-of-range",
    /// Some siblings carry a weight and some do not.
    WeightsMissing = "weights-missing",
    /// A weight that is zero, negative or not finite, or siblings' weights whose sum no number
    /// can hold.
    BadWeight = "bad-weight",
    /// A text with no words in it.
    EmptyText = "empty-text",
    /// A progress update that says nothing: no percent, status or value.
    EmptyUpdate = "empty-update",
    /// An update gives a `value` but its milestone has no indicator.
    ValueWithoutIndicator = "value-without-indicator",
    /// An indicator whose target equals its baseline, a number that is not finite, or
    /// arithmetic that overflows (the span, or an update's value as a percent).
    BadIndicator = "bad-indicator",
    /// A scale whose minimum is not below its maximum, or a score outside its scale.
    BadScale = "bad-scale",
    /// A membership's sector differs from its organization's.
    SectorMismatch = "sector-mismatch",
    /// A figure outside its allowed range (a quorum above 1, a negative seat count…).
    OutOfRange = "out-of-range",
    /// The bytes are not UTF-8 text.
    EncodingError = "encoding-error",
    /// A CSV cell breaks a constraint of its column (required, pattern, list of words,
    /// minimum, maximum), as Frictionless names it.
    ConstraintError = "constraint-error",
    /// A CSV row has fewer cells than the header (Frictionless).
    MissingCell = "missing-cell",
    /// A CSV row has more cells than the header (Frictionless).
    ExtraCell = "extra-cell",
    /// A CSV row whose cells are all empty (Frictionless).
    BlankRow = "blank-row",
    /// Two CSV rows share a primary key (Frictionless).
    PrimaryKey = "primary-key",
    /// A CSV row refers to a parent row that does not exist (Frictionless).
    ForeignKey = "foreign-key",
    /// A required CSV column is absent from the header (Frictionless).
    MissingLabel = "missing-label",
    /// A CSV column the table does not have (Frictionless).
    ExtraLabel = "extra-label",
    /// A CSV column named twice in the header (Frictionless).
    DuplicateLabel = "duplicate-label",
    /// A progress update on the IRM's "no evidence available" level, counted as its status
    /// scale's `no_evidence` value (0 by default).
    NoEvidence = "no-evidence",
    /// A committee has seats of a sector that no active membership fills.
    Vacancy = "vacancy",
    /// More active memberships of a sector than the committee has seats for it.
    SeatsExceeded = "seats-exceeded",
    /// Equal government and civil-society seats, unequally filled.
    Parity = "parity",
    /// A membership's term beyond the committee's `max_consecutive_terms`.
    TermLimit = "term-limit",
    /// An active membership past its term with no recorded end or renewal.
    TermExpired = "term-expired",
    /// Longer between meetings than the committee's (or OGP's six-month) limit.
    MeetingInterval = "meeting-interval",
    /// A meeting whose recorded attendance falls short of the quorum.
    QuorumNotMet = "quorum-not-met",
    /// An open follow-up action past its due date.
    ActionOverdue = "action-overdue",
    /// Rotation: members tied for a seat and the policy has no seed to draw between them, so
    /// the seat is left open. Selection: a tie reaches `lottery` in the call's `tie_break` and
    /// the call has no seed, so the tie stays unresolved.
    NoSeed = "no-seed",
    /// Rotation: a balance requirement the proposal cannot meet.
    BalanceUnmet = "balance-unmet",
    /// Rotation: no member of the policy's pool is active on the event's day.
    PoolEmpty = "pool-empty",
    /// Rotation: fewer eligible pool members than the event has seats. Selection: fewer
    /// selectable candidates than the call has seats.
    SeatsUnfilled = "seats-unfilled",
    /// Selection: an eligible candidate has no counted score on a criterion (none given, or
    /// every one excluded for a conflict of interest), so it cannot be ranked.
    IncompleteScores = "incomplete-scores",
    /// Selection: the grid aggregates by consensus and the evaluators' counted scores of a
    /// candidate on a criterion differ, so it cannot be ranked.
    NoConsensus = "no-consensus",
    /// Selection: candidates still tied after every tie-break rule (an error when the tie
    /// crosses the last seat and the selection stops there).
    UnresolvedTie = "unresolved-tie",
    /// Selection: a quota's minimum is not reached by the selected candidates.
    QuotaUnmet = "quota-unmet",
    /// Selection: the call's scoring grid is still a draft, so the selection is provisional.
    DraftGrid = "draft-grid",
    /// Selection: one evaluator scored one candidate twice on one criterion.
    DuplicateScore = "duplicate-score",
    /// More problems than a report keeps; the rest were not listed.
    TooManyProblems = "too-many-problems",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a problem is. Every part is optional; at least one is set.
///
/// A JSON document locates by `pointer`, `line` and `column`; a CSV bundle by `file` (the
/// table's file), `row` and `field`; an Excel workbook by `file` (the workbook), `sheet`,
/// `row`, `field` and `cell` (`updates!C5` is `sheet` `updates`, `cell` `C5`, `row` 5).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file, when known (CSV bundles; the CLI sets it for JSON too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// A JSON pointer (RFC 6901) into the dataset, e.g. `/plans/0/commitments/2/lead`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Line in a text file, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Column (character) in a text file, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// Row in a CSV table, the header being row 1 (as Frictionless counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// Column name in a CSV table or a workbook's sheet (its heading).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The sheet of an Excel workbook (a table's name, e.g. `updates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell of a workbook's sheet in A1 notation (`C5`: column C, row 5), when the
    /// problem is in one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Location {
    /// A location at a JSON pointer.
    pub fn pointer(p: impl Into<String>) -> Location {
        Location {
            pointer: Some(p.into()),
            ..Location::default()
        }
    }
}

impl fmt::Display for Location {
    /// `file:line:column /pointer`, `file row R column C` or `file sheet!cell column C`,
    /// whichever parts are known (a sheet without a cell: `file sheet row R`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let mut head = self.file.clone().unwrap_or_default();
        if let Some(l) = self.line {
            head.push_str(&format!(
                "{}{l}",
                if head.is_empty() { "line " } else { ":" }
            ));
            if let Some(c) = self.column {
                head.push_str(&format!(":{c}"));
            }
        }
        if !head.is_empty() {
            parts.push(head);
        }
        match (&self.sheet, &self.cell, self.row) {
            (Some(s), Some(c), _) => parts.push(format!("{s}!{c}")),
            (Some(s), None, r) => {
                parts.push(s.clone());
                parts.extend(r.map(|r| format!("row {r}")));
            }
            (None, _, Some(r)) => parts.push(format!("row {r}")),
            (None, _, None) => {}
        }
        if let Some(c) = &self.field {
            parts.push(format!("column {c:?}"));
        }
        if let Some(p) = &self.pointer {
            parts.push(if p.is_empty() { "/".into() } else { p.clone() });
        }
        f.write_str(&parts.join(" "))
    }
}

/// One thing wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// What is wrong, for people.
    pub message: String,
    /// Where it is.
    pub location: Location,
}

impl Problem {
    /// An error at a JSON pointer.
    pub fn error(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: Location::pointer(pointer),
        }
    }

    /// A warning at a JSON pointer.
    pub fn warning(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, pointer, message)
        }
    }
}

impl fmt::Display for Problem {
    /// `error[code] location: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity.as_str(),
            self.code,
            self.location,
            self.message
        )
    }
}

/// Every problem found in one piece of input, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The problems, sorted by location, then code, then message.
    pub problems: Vec<Problem>,
}

impl Report {
    /// A report of these problems, sorted.
    pub fn new(mut problems: Vec<Problem>) -> Report {
        problems.sort_by(cmp_problems);
        problems.dedup();
        Report { problems }
    }

    /// True when there is at least one error (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
}

/// The order of problems in reports: by file, JSON pointer (array indices compared as
/// numbers, so `/plans/2` comes before `/plans/10`), line, column, sheet, row, column name,
/// then code and message.
pub fn cmp_problems(a: &Problem, b: &Problem) -> std::cmp::Ordering {
    let (la, lb) = (&a.location, &b.location);
    la.file
        .cmp(&lb.file)
        .then_with(|| cmp_pointers(la.pointer.as_deref(), lb.pointer.as_deref()))
        .then_with(|| {
            (la.line, la.column, &la.sheet, la.row, &la.field)
                .cmp(&(lb.line, lb.column, &lb.sheet, lb.row, &lb.field))
        })
        .then_with(|| (a.code, &a.message, a.severity).cmp(&(b.code, &b.message, b.severity)))
}

fn cmp_pointers(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => {
            let mut sa = a.split('/');
            let mut sb = b.split('/');
            loop {
                match (sa.next(), sb.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
                            (Ok(i), Ok(j)) => i.cmp(&j),
                            _ => x.cmp(y),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                }
            }
        }
    }
}

/// The error type of `ogp-core`.
///
/// ```
/// use ogp_core::{Code, Dataset, Error};
///
/// let err = Dataset::from_json(r#"{"schema_version": "1", "plans": 3}"#).unwrap_err();
/// match &err {
///     Error::Parse { problems } => {
///         assert_eq!(problems[0].code, Code::TypeError);
///         assert_eq!(problems[0].location.pointer.as_deref(), Some("/plans"));
///     }
///     other => panic!("{other}"),
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a dataset: bad syntax, wrong types, unknown fields, bad ids or dates.
    #[error("the input is not a valid dataset ({})", summary(problems))]
    Parse {
        /// Every problem found, sorted.
        problems: Vec<Problem>,
    },
    /// The dataset loaded, but validation found errors, so an engine cannot use it.
    #[error("the dataset has validation errors ({})", summary(problems))]
    Invalid {
        /// Every problem found (errors and warnings), sorted.
        problems: Vec<Problem>,
    },
    /// Something named by id does not exist.
    #[error("{}", not_found(kind, id, available))]
    NotFound {
        /// What kind of thing was looked for (`plan`, `committee`…).
        kind: &'static str,
        /// The id asked for.
        id: String,
        /// The ids of that kind that exist.
        available: Vec<String>,
    },
    /// An argument that the operation cannot use (a method name, a date…).
    #[error("{0}")]
    Argument(String),
    /// A write was refused because its target exists and is not empty (see
    /// [`crate::io::output`]); nothing was written.
    #[error(
        "{} exists and is not empty; nothing was written (to replace it: --force in the \
         command line, force=True in Python)",
        path.display()
    )]
    Exists {
        /// The file or folder that was left as it was.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// The problems carried by a `Parse` or `Invalid` error (empty for the others).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Parse { problems } | Error::Invalid { problems } => problems,
            _ => &[],
        }
    }
}

fn summary(problems: &[Problem]) -> String {
    match problems.first() {
        None => "no detail".into(),
        Some(first) if problems.len() == 1 => first.to_string(),
        Some(first) => format!("{first}; and {} more", problems.len() - 1),
    }
}

fn not_found(kind: &str, id: &str, ids: &[String]) -> String {
    let head = if id.is_empty() {
        format!("no {kind} was named")
    } else {
        format!("no {kind} with id {id:?}")
    };
    match ids {
        [] => format!("{head}, and the dataset has none"),
        [one] if id.is_empty() => format!("{head}; the dataset's only {kind} is {one}"),
        _ if id.is_empty() => format!(
            "{head}, and the dataset has several: {}; choose one",
            ids.join(", ")
        ),
        _ => format!("{head}; the ids that exist: {}", ids.join(", ")),
    }
}

/// Prefix a deserialization message with a problem code, so that the JSON loader can classify
/// it (`[bad-id] …`). Internal convention between the model's `Deserialize` impls and
/// `io::json`.
pub(crate) fn tagged(code: &str, msg: &dyn fmt::Display) -> String {
    format!("[{code}] {msg}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_their_names() {
        for c in Code::ALL {
            assert_eq!(Code::from_name(c.as_str()), Some(*c));
            assert!(
                c.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            );
        }
    }

    #[test]
    fn pointers_sort_naturally() {
        let mut v = [
            Problem::error(Code::BadId, "/plans/10/id", "x"),
            Problem::error(Code::BadId, "/plans/2/id", "x"),
            Problem::error(Code::BadId, "/plans/2", "x"),
            Problem::error(Code::BadId, "/organizations/0", "x"),
        ];
        v.sort_by(cmp_problems);
        let ps: Vec<_> = v
            .iter()
            .map(|p| p.location.pointer.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            ps,
            [
                "/organizations/0",
                "/plans/2",
                "/plans/2/id",
                "/plans/10/id"
            ]
        );
    }

    #[test]
    fn location_display() {
        let l = Location {
            file: Some("d.json".into()),
            line: Some(3),
            column: Some(7),
            pointer: Some("/plans/0".into()),
            ..Location::default()
        };
        assert_eq!(l.to_string(), "d.json:3:7 /plans/0");
        let c = Location {
            file: Some("updates.csv".into()),
            row: Some(4),
            field: Some("date".into()),
            ..Location::default()
        };
        assert_eq!(c.to_string(), "updates.csv row 4 column \"date\"");
        let x = Location {
            file: Some("my.xlsx".into()),
            sheet: Some("updates".into()),
            row: Some(5),
            field: Some("date".into()),
            cell: Some("C5".into()),
            ..Location::default()
        };
        assert_eq!(x.to_string(), "my.xlsx updates!C5 column \"date\"");
        let whole_row = Location {
            cell: None,
            field: None,
            ..x
        };
        assert_eq!(whole_row.to_string(), "my.xlsx updates row 5");
    }
}
