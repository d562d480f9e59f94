//! # ogp-core
//!
//! Open government action plans and the committees that steer them: the data model, its
//! validation, the engines that compute on it, and its interchange formats.
//!
//! The crate is organised by domain. A tour of the principal types:
//!
//! - [`Dataset`] — the root: organizations, plans, committees, grids, calls, events and
//!   rotation policies. Read it with [`Dataset::from_json`], write it with
//!   [`Dataset::to_json`].
//! - [`ActionPlan`] → [`Commitment`] → [`Milestone`] → [`Update`]: what a plan promises and
//!   dated progress on it. [`Reported`] holds the figures published about a plan.
//! - [`Committee`] → [`Membership`], [`Meeting`] (attendance, agenda, decisions, actions) and
//!   its [`Guide`].
//! - [`ScoringGrid`] and [`Call`]: how associations are selected for seats;
//!   [`selection::run`] scores, ranks and seats a call's candidates with an audit that
//!   [`selection::verify`] re-runs.
//! - [`RotationPolicy`] and [`Event`]: who goes to funded international meetings, in turn;
//!   [`rotation::propose`] says who should go next and why, [`rotation::history`] who went.
//! - [`country`]: ISO 3166-1 (alpha-2, alpha-3, English names) and its look-ups.
//! - [`Text`] (multilingual strings), [`PlanDate`] (dates that keep their precision), [`Id`].
//! - [`validate()`] → [`Report`] of [`Problem`]s, each with a [`Code`] and a [`Location`].
//! - [`Checked`]: a dataset validated once, what every engine takes; [`io::open`] reads one
//!   from a file as a [`Loaded`] dataset whose problems are located at their source.
//! - [`progress`]: progress and expected progress on any date, by documented methods, with
//!   the derivation of every figure; roll-ups and series.
//! - [`io`]: reading and writing — [`io::json`] (with every problem located), [`io::csv`]
//!   (CSV bundles and their Frictionless `datapackage.json`, templates), [`io::ogp_sheet`]
//!   (the OGP/IRM commitments spreadsheet), [`io::schema`] (the JSON Schemas).
//! - [`Error`]: the one error type; parse and validation errors carry every problem found.
//!
//! ```
//! use ogp_core::{validate, Dataset};
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1",
//!   "organizations": [{"id": "min", "name": "Ministry", "sector": "government"}],
//!   "plans": [{
//!     "id": "nap", "country": "ZZ", "level": "national", "title": "Plan",
//!     "start": "2024", "end": "2025", "status": "implementation",
//!     "commitments": [{"id": "c1", "title": "Open data", "lead": "ministry",
//!                      "start": "2024-01", "end": "2025-06"}]
//!   }]
//! }"#)?;
//! let report = validate(&ds);
//! assert!(report.has_errors());
//! let p = &report.problems[0];
//! assert_eq!(p.code.as_str(), "unknown-reference");
//! assert_eq!(p.location.pointer.as_deref(), Some("/plans/0/commitments/0/lead"));
//! # Ok::<(), ogp_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod checked;
pub mod committee;
pub mod country;
mod dataset;
mod date;
pub mod display;
pub mod error;
pub mod hint;
mod id;
pub mod io;
pub mod lottery;
mod num;
mod org;
mod plan;
pub mod progress;
pub mod rotation;
pub mod selection;
mod text;
mod validate;

pub use checked::{Checked, Loaded};
pub use committee::{
    Action, ActionStatus, AgendaItem, Attendance, Committee, CommitteeKind, Decision,
    DecisionOutcome, Guest, GuestRole, Guide, Meeting, MeetingFormat, MemberRole, Membership,
    Principle, Representative, RepresentativeRole, Seats,
};
pub use dataset::{Dataset, Entry, Index, Kind, SCHEMA_VERSION};
pub use date::{DATE_PATTERN, DateError, PlanDate, last_day_of_month};
pub use error::{Code, Error, Location, Problem, Report, Severity};
pub use id::{ID_PATTERN, Id, IdError, MAX_ID_LEN};
pub use org::{OrgKind, Organization, Sector};
pub use plan::{
    ActionPlan, Commitment, Completion, DidItOpenGovernment, Indicator, IrmAssessment, Milestone,
    OgpValue, PlanLevel, PlanStatus, PotentialForResults, PotentialImpact, ProgressMethod,
    ProgressRules, Reported, Schedule, Specificity, StatusScale, Theme, Update, UpdateSource,
};
pub use rotation::{Balance, Event, Pool, RotationPolicy, RotationRule, Window};
pub use selection::{
    Aggregation, Call, Candidate, Criterion, Evaluator, GridStatus, Level, Quota, Requirement,
    Score, ScoringGrid,
};
pub use text::{LANG_PATTERN, Text, is_lang_tag};
pub use validate::validate;

/// Country-specific fields of an entity: a JSON object the model does not interpret, kept
/// through every round trip.
pub type Ext = serde_json::Map<String, serde_json::Value>;

/// The longest text (or key) a dataset may hold, in bytes of UTF-8: 1,000,000. A title or a
/// cell longer than that is a mistake or an attack; refusing it keeps every command's work
/// bounded.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// Why a text cannot be kept as it is: longer than [`MAX_TEXT_BYTES`], or holding NUL.
pub(crate) fn text_fault(s: &str) -> Option<String> {
    if s.len() > MAX_TEXT_BYTES {
        Some(format!(
            "the text is {} bytes long, more than the {MAX_TEXT_BYTES} a text may have",
            s.len()
        ))
    } else if s.contains('\0') {
        Some(
            "the text holds the NUL character (U+0000), which databases and spreadsheets cut \
              the text at; remove it"
                .to_owned(),
        )
    } else {
        None
    }
}
