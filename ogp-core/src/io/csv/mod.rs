//! The CSV bundle: a dataset as a folder of CSV tables plus a Frictionless `datapackage.json`.
//!
//! Countries keep their plans in spreadsheets. A bundle lets them bring the data in, see
//! every mistake at once with its cell, and get the same data back out.
//!
//! # The tables
//! One table per entity, in the order of [`tables::TABLES`]: `dataset`, `organizations`,
//! `plans`, `themes`, `reported`, `commitments`, `milestones`, `updates`, `committees`,
//! `principles`, `memberships`, `representatives`, `meetings`, `attendance`, `guests`,
//! `agenda`, `decisions`, `actions`, `grids`, `criteria`, `levels`, `requirements`, `calls`,
//! `quotas`, `candidates`, `evaluators`, `scores`, `rotation_policies`, `balance`, `events`.
//! Each child row carries its parent's key in its first columns: `milestones.csv` has a
//! `commitment` column, `criteria.csv` a `grid` column, `levels.csv` both `grid` and
//! `criterion`. `updates.csv` has a `target` column: the id of the commitment or the
//! milestone it is about (ids are unique across a dataset). `dataset.csv` holds one row:
//! `schema_version`, `default_language` and the dataset's `ext/…` fields.
//!
//! The columns of each table are the fields of the model, in the model's order, derived
//! from the JSON Schema (see [`tables`]); nothing is listed twice by hand. Headings follow
//! flatten-tool and Decidim:
//! - nested objects as `/` paths: `indicator/baseline`, `irm/completion`,
//!   `progress_rules/status_scale/limited`, `guide/version`, `seats/government`;
//! - multilingual text: `title/ar`, `title/fr`, `title/zgh` for a text with languages; a plain
//!   text (in the dataset's default language) in the column `title` itself. Both shapes
//!   round-trip exactly; a row may not fill both;
//! - lists of ids, words or strings `;`-joined in one cell (`a;b`); a `;` or `\` inside a
//!   value is written `\;` or `\\`. Items are read exactly as written: an item with spaces
//!   around it, or an empty one (` a ;`, `a;;b`), is an error (of the reader for ids, words
//!   and dates, as the `datapackage.json` patterns say; of [`crate::validate`] for free
//!   strings, as in JSON), never silently trimmed or dropped;
//! - maps as `features/<key>`, `eligibility/<requirement>`;
//! - country-specific fields as `ext/<key>` (`irm/ext/<key>` for the IRM block): a cell that
//!   reads as JSON (`42`, `true`, `[1,2]`, `{"a":1}`, `"quoted"`) is that value, any other
//!   cell is a string. The writer JSON-quotes a string that would otherwise read as
//!   something else.
//!
//! An empty cell means "absent": an empty text, an empty list and an absent value are the
//! same in a bundle, and so are an absent nested object and one with no field set.
//!
//! Rows keep the dataset's order (children in depth-first order of their parents); columns
//! keep the model's order, with language, map and ext columns sorted by their key. Files are
//! UTF-8 without a byte-order mark, `,`-separated, with `\n` line ends.
//!
//! # Reading what people's tools write
//! UTF-8 with or without a byte-order mark; CRLF or LF; `,` or `;` as delimiter, detected
//! from the header line: `;` when the header holds more `;` than `,` outside quotes, else `,`
//! (see `sniff`). Quoted cells may hold line breaks. Optional columns may be left out, any
//! `title/<tag>` column may be added, and tables may be missing (no rows). UTF-16 or Latin-1
//! files are an `encoding-error`, never read as garbage. Ids, words, numbers and dates are
//! trimmed; free text is kept exactly.
//!
//! Every problem is reported at once, located by file, row (the header is row 1, as
//! Frictionless counts; an empty line is a row) and column name, with Frictionless' codes:
//! `encoding-error`, `duplicate-label`, `extra-label` (an unknown column), `missing-label` (a
//! required column absent), `missing-cell`, `extra-cell`, `blank-row`, `type-error` (not a
//! number, a whole number or a boolean), `constraint-error` (a required cell empty, a value
//! outside its list of words, an id or a date that does not match its pattern — `18/03/2025`
//! is one, and the message gives `2025-03-18` —, a number outside its minimum or maximum),
//! `primary-key` (a key used twice), `foreign-key` (a child row whose parent does not exist);
//! and `bad-date` for a date of the right form that is not in the calendar (`2025-02-30`).
//! These are the checks that the `datapackage.json` states, so `frictionless validate` and
//! this reader agree. The rest (references between entities, weights, date order…) is
//! [`crate::validate`]'s job: [`SourceMap::locate`] turns its JSON pointers into cells.
//!
//! One bad cell never hides the rest: when cells do not read, the reader reports them, leaves
//! them out (a required word, id, date or number gets a stand-in so that its row and the
//! rows under it still read), and runs [`crate::validate`] on what did read, in the same
//! run. A problem that follows from a cell that did not read is not repeated (a missing
//! weight or an empty update on that row, a date comparison beside it), and a reference to a
//! row or a file that did not read says so instead of calling the id unknown.
//!
//! # Spreadsheet safety
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
//! by spreadsheets. On export ([`WriteOptions::spreadsheet_safe`], on by default), free-text
//! cells that start with one of these — or with `'` — get a leading `'`, and the
//! `datapackage.json` says so (`"x-ogp": {"formula_escape": "'"}`); the reader then strips
//! one leading `'` from free-text cells, giving back the exact text. Ids, words, dates and
//! numbers (`-3` in a number column) are never touched: they cannot hold a formula.
//!
//! ```
//! use ogp_core::Dataset;
//! use ogp_core::io::csv::{self, WriteOptions};
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1", "default_language": "fr",
//!   "organizations": [
//!     {"id": "mrafp", "name": {"fr": "Ministère", "ar": "الوزارة"}, "sector": "government"},
//!     {"id": "x", "name": "=HYPERLINK(\"evil\")", "sector": "other", "ext": {"since": 2019}}
//!   ]
//! }"#)?;
//! let files = csv::to_files(&ds, &WriteOptions::default());
//! let orgs = String::from_utf8(files["organizations.csv"].clone()).unwrap();
//! assert!(orgs.starts_with("id,name,name/ar,name/fr,short_name,sector,"));
//! assert!(orgs.contains("'=HYPERLINK"));
//! let back = csv::from_files(&files)?;
//! assert_eq!(back.dataset, ds);
//! # Ok::<(), ogp_core::Error>(())
//! ```

mod cell;
pub mod package;
pub(crate) mod read;
mod sniff;
pub mod tables;
pub(crate) mod write;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Problem;
use crate::io::output::Overwrite;
use crate::{Dataset, Error};
use tables::{ColKind, DATASET_TABLE, Layout, TableLayout};

/// How a bundle is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Leave out person names: representatives', guests' and evaluators' names.
    pub redact_people: bool,
    /// Neutralise free text that a spreadsheet would run as a formula (default: true).
    pub spreadsheet_safe: bool,
}

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            redact_people: false,
            spreadsheet_safe: true,
        }
    }
}

/// A bundle that was read: the dataset, the warnings found, and where each entity came from.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The dataset.
    pub dataset: Dataset,
    /// Warnings (files that are not tables of the bundle…).
    pub warnings: Vec<Problem>,
    /// Where each entity of the dataset was read.
    pub sources: SourceMap,
}

/// Where the entities of a dataset read from a bundle came from: JSON pointer → file, row
/// (for a workbook: sheet, row and the cells of its headings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    rows: BTreeMap<String, (usize, u64)>,
    /// For a workbook: how a table's file, row and column become a sheet and a cell.
    sheets: Option<crate::io::xlsx::Sheets>,
}

impl SourceMap {
    fn add(&mut self, table: usize, row: u64, pointer: String) {
        self.rows.insert(pointer, (table, row));
    }

    /// Makes [`SourceMap::locate`] give sheets and cells of a workbook.
    pub(crate) fn set_sheets(&mut self, sheets: crate::io::xlsx::Sheets) {
        self.sheets = Some(sheets);
    }

    /// Adds the file, row and column of the cell behind a problem's JSON pointer (a problem
    /// from [`crate::validate`] on a dataset read from a bundle). The pointer is kept. For a
    /// dataset read from a workbook ([`crate::io::xlsx`]), the file is the workbook's and the
    /// sheet and cell (`updates!C5`) are set too.
    ///
    /// ```
    /// use ogp_core::{validate, Dataset};
    /// use ogp_core::io::csv::{self, WriteOptions};
    ///
    /// let ds = Dataset::from_json(r#"{"schema_version": "1", "plans": [{
    ///   "id": "p", "country": "ZZ", "level": "national", "title": "P", "start": "2024",
    ///   "end": "2025", "status": "implementation",
    ///   "commitments": [{"id": "c1", "title": "C", "lead": "nobody",
    ///                    "start": "2024", "end": "2025"}]}]}"#)?;
    /// let bundle = csv::from_files(&csv::to_files(&ds, &WriteOptions::default()))?;
    /// let mut p = validate(&bundle.dataset).problems[0].clone();
    /// bundle.sources.locate(&mut p);
    /// assert_eq!(p.location.file.as_deref(), Some("commitments.csv"));
    /// assert_eq!(p.location.row, Some(2));
    /// assert_eq!(p.location.field.as_deref(), Some("lead"));
    /// # Ok::<(), ogp_core::Error>(())
    /// ```
    pub fn locate(&self, p: &mut Problem) {
        self.locate_with(p, None);
        if let Some(sheets) = &self.sheets {
            sheets.place(&mut p.location);
        }
    }

    fn locate_with(&self, p: &mut Problem, missing: Option<&str>) {
        let Some(ptr) = p.location.pointer.clone() else {
            return;
        };
        let mut segs: Vec<&str> = ptr.split('/').skip(1).collect();
        let mut rest: Vec<String> = Vec::new();
        let layout = Layout::get();
        loop {
            let key = if segs.is_empty() {
                String::new()
            } else {
                format!("/{}", segs.join("/"))
            };
            if let Some((ti, row)) = self.rows.get(&key) {
                let Some(t) = layout.tables.get(*ti) else {
                    return;
                };
                rest.reverse();
                if let Some(m) = missing {
                    rest.push(m.to_owned());
                }
                let field = (1..=rest.len()).rev().find_map(|n| {
                    let name = rest.get(..n)?.join("/");
                    let known = t.is_parent_col(&name)
                        || write::column_of(t, &name).is_some_and(|(c, k)| {
                            k.is_some() || !matches!(c.kind, ColKind::Map(_) | ColKind::Ext)
                        });
                    known.then_some(name)
                });
                p.location.file = Some(t.file());
                p.location.row = Some(*row);
                p.location.field = field;
                return;
            }
            match segs.pop() {
                Some(s) => rest.push(s.replace("~1", "/").replace("~0", "~")),
                None => return,
            }
        }
    }
}

/// True when `text` matches `pattern`, one of the model's patterns (ids, dates, country
/// codes, language tags). Unknown patterns match everything (a test checks there are none).
fn matches_pattern(pattern: &str, text: &str) -> bool {
    match pattern {
        crate::ID_PATTERN => crate::Id::new(text).is_ok(),
        crate::DATE_PATTERN => {
            let mut parts = text.split('-');
            let num = |p: Option<&str>, len: usize, lo: u32, hi: u32| {
                p.is_some_and(|p| {
                    p.len() == len
                        && p.bytes().all(|b| b.is_ascii_digit())
                        && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
                })
            };
            if !num(parts.next(), 4, 1, 9999) {
                return false;
            }
            match parts.next() {
                None => true,
                m if !num(m, 2, 1, 12) => false,
                _ => match parts.next() {
                    None => true,
                    d => num(d, 2, 1, 31) && parts.next().is_none(),
                },
            }
        }
        "^[A-Z]{2}$" => text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()),
        crate::LANG_PATTERN => crate::is_lang_tag(text),
        _ => true,
    }
}

/// The name among `names` that `name` is probably meant to be: the same but for case, or
/// within one edit (a letter added, left out, changed, or two swapped) of it — `Updates` or `update` for
/// `updates`. `None` when `name` is one of `names` exactly, or near none, or longer than
/// [`crate::hint::MAX_HINT_CHARS`] (no edit distance is spent on a name that long).
///
/// ```text
/// near_miss("Updates", ["updates", "events"]) == Some("updates")
/// ```
pub(crate) fn near_miss<'a>(
    name: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if crate::hint::too_long_for_hint(name) {
        return None;
    }
    let lower = name.to_lowercase();
    let names: Vec<&str> = names.into_iter().collect();
    if names.contains(&name) {
        return None;
    }
    let chars = lower.chars().count();
    names.into_iter().find(|n| {
        let n = n.to_lowercase();
        n.chars().count().abs_diff(chars) <= 1 && crate::hint::distance(&lower, &n) <= 1
    })
}

/// The text of CSV bytes (see [`sniff`]): UTF-8 with or without a byte-order mark, or the
/// message saying why not.
pub(crate) fn sniff_decode(bytes: &[u8]) -> Result<&str, String> {
    sniff::decode(bytes).map_err(|e| e.message)
}

/// The delimiter of a CSV text, from its header line (see [`sniff`]).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    sniff::delimiter(text)
}

/// True when a CSV text ends inside a quoted cell, as a file cut short does (see
/// [`sniff`]).
pub(crate) fn sniff_ends_in_quotes(text: &str, delimiter: u8) -> bool {
    sniff::ends_in_quotes(text, delimiter)
}

/// A cell of a report (a CSV that is printed, not read back as a bundle) made safe for a
/// spreadsheet: text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`; a number (`-3`) is left as it is.
///
/// ```
/// use ogp_core::io::csv::report_cell;
///
/// assert_eq!(report_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
/// assert_eq!(report_cell("-3"), "-3");
/// assert_eq!(report_cell("Open data"), "Open data");
/// ```
pub fn report_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(cell::FORMULA_START) && text.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("{}{text}", cell::ESCAPE))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Leaves out person names: representatives', guests' and evaluators'.
pub fn redact_people(ds: &mut Dataset) {
    for c in &mut ds.committees {
        for m in &mut c.memberships {
            for r in &mut m.representatives {
                r.name = None;
            }
        }
        for m in &mut c.meetings {
            for g in &mut m.guests {
                g.name = None;
            }
        }
    }
    for call in &mut ds.calls {
        for e in &mut call.evaluators {
            e.name = None;
        }
    }
}

fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn json_bytes(v: &serde_json::Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// The bundle of a dataset as files: `<table>.csv` for every table (header only when it has
/// no rows) and `datapackage.json`. The same dataset always gives the same bytes.
pub fn to_files(ds: &Dataset, opts: &WriteOptions) -> BTreeMap<String, Vec<u8>> {
    let redacted;
    let ds = if opts.redact_people {
        let mut copy = ds.clone();
        redact_people(&mut copy);
        redacted = copy;
        &redacted
    } else {
        ds
    };
    let tables = write::tables(ds, opts.spreadsheet_safe);
    let layout = Layout::get();
    let mut files = BTreeMap::new();
    let headers: Vec<Vec<String>> = tables.iter().map(|t| t.header.clone()).collect();
    for (t, table) in layout.tables.iter().zip(&tables) {
        files.insert(t.file(), csv_bytes(&table.header, &table.rows));
    }
    files.insert(
        "datapackage.json".into(),
        json_bytes(&package::package(&headers, opts.spreadsheet_safe)),
    );
    files
}

/// Reads a bundle from files (name → bytes): the `<table>.csv` files present and, when
/// present, `datapackage.json`. A `.csv` file whose name differs from a table's by case or
/// one letter (`Updates.csv`) is an error ("did you mean updates.csv"), and so is a workbook
/// (`.xlsx`…: load it by itself); other `.csv` files are ignored with a warning; other files
/// are ignored. On failure, [`Error::Parse`] carries every problem, each with its file, row
/// and column.
pub fn from_files(files: &BTreeMap<String, Vec<u8>>) -> Result<Bundle, Error> {
    read::read(files)
}

/// Writes the bundle of `ds` as the folder `dir` (see [`to_files`]), through
/// [`crate::io::output::write_dir`]: a folder that is not empty is refused unless `overwrite`
/// says to replace it, and the bundle is written aside and swapped in whole.
pub fn write_dir(
    ds: &Dataset,
    dir: &Path,
    opts: &WriteOptions,
    overwrite: Overwrite,
) -> Result<(), Error> {
    crate::io::output::write_dir(dir, &to_files(ds, opts), overwrite)
}

/// Reads the bundle in `dir`: its `.csv` files and `datapackage.json` (see [`from_files`]; a
/// workbook inside the folder is an error, not silently left out).
pub fn read_dir(dir: &Path) -> Result<Bundle, Error> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    let inside = std::fs::canonicalize(dir).map_err(io)?;
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        let wanted = lower.ends_with(".csv")
            || name == "datapackage.json"
            || [".xlsx", ".xlsm", ".xls", ".ods"]
                .iter()
                .any(|e| lower.ends_with(e));
        if wanted {
            files.insert(name.to_owned(), read_bundle_file(&path, &inside)?);
        }
    }
    if files.is_empty() {
        return Err(Error::Argument(format!(
            "{} is not a CSV bundle: it holds no .csv file and no datapackage.json",
            dir.display()
        )));
    }
    from_files(&files)
}

/// The bytes of a file of a bundle folder (`inside`, resolved). A name that looks like a
/// table but is not a regular file (a folder, a FIFO, a dangling link) is an error rather than
/// silently skipped; a symbolic link is followed only when it stays inside the bundle, and the
/// error for one that leads outside never shows what it points to. The rest is
/// [`crate::io::read_file`]'s check, the one every single-file reader makes.
fn read_bundle_file(path: &Path, inside: &Path) -> Result<Vec<u8>, Error> {
    let refuse = |why: &str| Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, why.to_owned()),
    };
    let link = std::fs::symlink_metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?
        .file_type()
        .is_symlink();
    if link {
        let target = std::fs::canonicalize(path)
            .map_err(|_| refuse("a symbolic link to nothing; not read"))?;
        if !target.starts_with(inside) {
            return Err(refuse(
                "a symbolic link leading outside the bundle; not read (copy the file in instead)",
            ));
        }
    }
    crate::io::read_file(path)
}

impl Dataset {
    /// Writes the dataset as a CSV bundle into `dir` (see [`crate::io::csv`]).
    ///
    /// ```no_run
    /// # let ds = ogp_core::Dataset::default();
    /// use ogp_core::io::csv::WriteOptions;
    /// use ogp_core::io::output::Overwrite;
    /// ds.to_csv_dir(std::path::Path::new("bundle"), &WriteOptions { redact_people: true,
    ///     ..WriteOptions::default() }, Overwrite::Refuse)?;
    /// # Ok::<(), ogp_core::Error>(())
    /// ```
    pub fn to_csv_dir(
        &self,
        dir: &Path,
        opts: &WriteOptions,
        overwrite: Overwrite,
    ) -> Result<(), Error> {
        write_dir(self, dir, opts, overwrite)
    }

    /// Reads a dataset from the CSV bundle in `dir` (see [`crate::io::csv`]); warnings are
    /// dropped (use [`read_dir`] to keep them).
    ///
    /// ```no_run
    /// let ds = ogp_core::Dataset::from_csv_dir(std::path::Path::new("examples/morocco-nap1/bundle"))?;
    /// # Ok::<(), ogp_core::Error>(())
    /// ```
    pub fn from_csv_dir(dir: &Path) -> Result<Dataset, Error> {
        read_dir(dir).map(|b| b.dataset)
    }
}

/// The files of a blank template: every table with its header only (text columns as
/// `<text>/<tag>` for each of `languages`, or plain when none is given), `dataset.csv` with
/// its one row, the `datapackage.json` and a `README.md` telling what goes where.
///
/// ```
/// let files = ogp_core::io::csv::template_files(&["ar".into(), "fr".into()]);
/// let head = String::from_utf8(files["commitments.csv"].clone()).unwrap();
/// assert!(head.starts_with("plan,id,ogp_id,number,title/ar,title/fr,"));
/// assert!(files.contains_key("README.md"));
/// ```
pub fn template_files(languages: &[String]) -> BTreeMap<String, Vec<u8>> {
    let layout = Layout::get();
    let mut files = BTreeMap::new();
    let mut headers = Vec::new();
    for t in &layout.tables {
        let header = write::header(t, &[], languages);
        let rows = template_rows(t, &header, languages);
        files.insert(t.file(), csv_bytes(&header, &rows));
        headers.push(header);
    }
    files.insert(
        "datapackage.json".into(),
        json_bytes(&package::package(&headers, false)),
    );
    files.insert("README.md".into(), readme(languages).into_bytes());
    files
}

/// Writes a blank template as the folder `dir` (see [`template_files`]); a folder that is
/// not empty is refused unless `overwrite` says to replace it.
pub fn write_template(dir: &Path, languages: &[String], overwrite: Overwrite) -> Result<(), Error> {
    crate::io::output::write_dir(dir, &template_files(languages), overwrite)
}

/// The template's README: what goes where, which columns are required, how to validate.
fn readme(languages: &[String]) -> String {
    let mut s = String::from(
        "# A blank ogp dataset\n\n\
         Fill these tables with a spreadsheet (save each as CSV, UTF-8) or a text editor, \
         then check them:\n\n    ogp validate THIS_FOLDER\n\n\
         and, when it says `valid`, turn them into one JSON document if you need one:\n\n    \
         ogp convert THIS_FOLDER dataset.json\n\n\
         ## Rules\n\n",
    );
    for rule in readme_rules(languages, "`dataset.csv`") {
        s.push_str(&format!("- {rule}\n"));
    }
    s.push_str(
        "- `datapackage.json` describes every table for Frictionless tools \
         (`frictionless validate datapackage.json`).\n\n## The tables\n\n\
         | table | one row per | required columns |\n|---|---|---|\n",
    );
    for (t, what, required) in table_guide() {
        let required: Vec<String> = required.iter().map(|c| format!("`{c}`")).collect();
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            t.file(),
            what.replace('|', "/"),
            required.join(", ")
        ));
    }
    s
}

/// The rules of filling a template, one sentence each (the CSV README's list, the
/// workbook's README sheet). `dataset` names where the dataset's own row is.
pub(crate) fn readme_rules(languages: &[String], dataset: &str) -> Vec<String> {
    let mut rules: Vec<String> = [
        "Row 1 is the header; leave the column names as they are. Columns you do not need \
         may be deleted, except the required ones (listed below).",
        "Ids: letters, digits and `. _ : -`, starting with a letter or a digit, unique in \
         the whole dataset (`mo-nap1-c4`).",
        "Dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`2019-03` or `2019-03-18`, never \
         `18/03/2019`).",
        "Numbers with a point (`12.5`); booleans as `true` or `false`.",
        "Several values in one cell: separate them with `;` (`mo-mrafp;mo-icpc`).",
        "A child row names its parent in its first column(s): a milestone its \
         `commitment`, an update its `target` (the commitment or milestone id).",
    ]
    .map(str::to_owned)
    .to_vec();
    if languages.is_empty() {
        rules.push(format!(
            "Texts are in the dataset's default language ({dataset}). For several \
             languages, replace a `title` column by `title/ar`, `title/fr`… columns."
        ));
    } else {
        rules.push(format!(
            "Texts have one column per language ({}); add a `title/<tag>` column for \
             another language (`zgh` for Tamazight in Tifinagh).",
            languages.join(", ")
        ));
    }
    rules.push("Fields of your own go in new `ext/<name>` columns.".to_owned());
    rules
}

/// Every table with what one of its rows is and its required columns, in layout order.
pub(crate) fn table_guide() -> Vec<(&'static TableLayout, String, Vec<&'static str>)> {
    Layout::get()
        .tables
        .iter()
        .map(|t| {
            let required = t
                .cols
                .iter()
                .filter(|c| c.required)
                .map(|c| c.name.as_str())
                .collect();
            let what = if t.spec.name == DATASET_TABLE {
                "the dataset (one row)".to_owned()
            } else {
                t.description.trim_end_matches('.').replace('\n', " ")
            };
            (t, what, required)
        })
        .collect()
}

/// The rows of a blank template's table: the `dataset` table's one row (schema version,
/// default language: the first of `languages`, else `en`), none for the others.
pub(crate) fn template_rows(
    t: &TableLayout,
    header: &[String],
    languages: &[String],
) -> Vec<Vec<String>> {
    if t.spec.name != DATASET_TABLE {
        return Vec::new();
    }
    let lang = languages.first().cloned().unwrap_or_else(|| "en".into());
    vec![
        header
            .iter()
            .map(|h| match h.as_str() {
                "schema_version" => crate::SCHEMA_VERSION.to_owned(),
                "default_language" => lang.clone(),
                _ => String::new(),
            })
            .collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::tables::{ColKind, Layout, Scalar};
    use super::*;

    #[test]
    fn every_pattern_of_the_model_is_known() {
        for t in &Layout::get().tables {
            for c in &t.cols {
                if let ColKind::Scalar(Scalar::String { pattern: Some(p) }) = &c.kind {
                    assert!(
                        [crate::LANG_PATTERN, "^[A-Z]{2}$"].contains(&p.as_str()),
                        "{}: {p}",
                        c.name
                    );
                }
            }
        }
    }

    #[test]
    fn near_misses() {
        let names = ["updates", "events", "plans"];
        assert_eq!(near_miss("Updates", names), Some("updates"));
        assert_eq!(near_miss("update", names), Some("updates"));
        assert_eq!(near_miss("updatess", names), Some("updates"));
        assert_eq!(near_miss("upsates", names), Some("updates"));
        assert_eq!(near_miss("PLANS", names), Some("plans"));
        assert_eq!(near_miss("updates", names), None);
        assert_eq!(near_miss("notes", names), None);
        // Two letters swapped are one edit (hint::distance counts transpositions).
        assert_eq!(near_miss("udpates", names), Some("updates"));
        assert_eq!(near_miss("udpatse", names), None);
        assert_eq!(near_miss("", names), None);
        let long = format!("updates{}", "s".repeat(crate::hint::MAX_HINT_CHARS));
        assert_eq!(near_miss(&long, names), None);
    }

    #[test]
    fn date_pattern() {
        for ok in ["2024", "2024-02", "2024-02-30"] {
            assert!(matches_pattern(crate::DATE_PATTERN, ok), "{ok}");
        }
        for bad in [
            "18/03/2025",
            "2024-13",
            "2024-2",
            "24",
            "2024-02-32",
            "2024-01-01-1",
            "0000",
            "0000-01-01",
        ] {
            assert!(!matches_pattern(crate::DATE_PATTERN, bad), "{bad}");
        }
    }
}
