//! Tables → dataset, every problem located by file, row and column.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::cell;
use super::sniff;
use super::tables::{Col, ColKind, DATASET_TABLE, Layout, Scalar, TableLayout};
use super::write::{column_of, is_free};
use super::{Bundle, SourceMap, package::OGP_PROPERTY};
use crate::error::{Code, Location, Problem, Severity};
use crate::io::json::{MAX_PROBLEMS, type_tree};
use crate::{Error, Id, PlanDate, SCHEMA_VERSION};

/// A row read from a table, not yet placed in the tree.
pub(crate) struct RowIn {
    table: usize,
    row: u64,
    obj: Map<String, Value>,
    /// The primary key's cells (None when the table has no key or a key cell is empty).
    key: Option<Vec<String>>,
    /// The parent columns' cells.
    parent: Option<Vec<String>>,
    /// JSON paths (inside the row) of cells that had a problem and were left out.
    bad: Vec<Vec<String>>,
}

/// Where a header label goes.
#[derive(Clone)]
enum Slot<'a> {
    /// A column (for a text: its plain column); the key is the family key of a text
    /// language, map or ext column.
    Col(&'a Col, Option<String>),
    /// A parent-key column.
    Parent(usize),
    /// Not read (unknown or repeated label).
    Skip,
}

pub(crate) fn read(files: &BTreeMap<String, Vec<u8>>) -> Result<Bundle, Error> {
    let layout = Layout::get();
    let mut r = Reader::default();
    r.package(files.get("datapackage.json"));
    let known: BTreeSet<String> = layout.tables.iter().map(TableLayout::file).collect();
    for name in files.keys() {
        if let Some(p) = misplaced(name, &known) {
            r.problems.push(p);
        } else if name.ends_with(".csv") && !known.contains(name) {
            r.problems.push(Problem {
                severity: Severity::Warning,
                code: Code::ExtraLabel,
                message: format!(
                    "{name} is not a table of the bundle and was not read (the tables: {})",
                    layout
                        .tables
                        .iter()
                        .map(|t| t.spec.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                location: Location {
                    file: Some(name.clone()),
                    ..Location::default()
                },
            });
        }
    }
    let mut rows: Vec<RowIn> = Vec::new();
    for (ti, t) in layout.tables.iter().enumerate() {
        let file = t.file();
        if let Some(records) = files.get(&file).and_then(|b| r.decode(&file, b)) {
            rows.extend(r.table(ti, t, &file, &records));
        }
    }
    finish(r, rows)
}

/// An error for a file of a bundle folder that looks meant to be read but would not be: a
/// workbook (its sheets are not read from inside a folder), or a table file whose name
/// differs from a table's by case or one letter (`Updates.csv`, `update.csv`).
fn misplaced(name: &str, known: &BTreeSet<String>) -> Option<Problem> {
    let lower = name.to_ascii_lowercase();
    let message = if [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!(
            "{name} is a workbook inside a bundle folder, and its sheets are not read from \
             here: convert it into this folder (`ogp convert {name} FOLDER`), or load the \
             workbook itself instead of the folder"
        )
    } else if lower.ends_with(".csv") && !known.contains(name) {
        let stem = name.get(..name.len().saturating_sub(4)).unwrap_or_default();
        let names = Layout::get().tables.iter().map(|t| t.spec.name);
        let meant = match known.contains(&lower) {
            true => stem.to_ascii_lowercase(),
            false => super::near_miss(stem, names)?.to_owned(),
        };
        format!("{name} is not a table of the bundle and was not read: did you mean {meant}.csv?")
    } else {
        return None;
    };
    Some(Problem {
        severity: Severity::Error,
        code: Code::ExtraLabel,
        message,
        location: Location {
            file: Some(name.to_owned()),
            ..Location::default()
        },
    })
}

/// Places the checked rows of every table in the tree, types it, and sorts the problems:
/// the bundle, or every problem.
pub(crate) fn finish(mut r: Reader, rows: Vec<RowIn>) -> Result<Bundle, Error> {
    let layout = Layout::get();
    let row_ids = row_ids(layout, &rows);
    let (tree, sources, pruned) = r.assemble(layout, rows);
    let typed = type_tree(tree, pruned);
    for tp in &typed.problems {
        let mut p = Problem::error(
            match tp.code {
                Code::MissingField => Code::ConstraintError,
                c => c,
            },
            tp.pointer.clone(),
            tp.message.clone(),
        );
        if tp.code == Code::TooManyProblems {
            p.location = Location::default();
        } else {
            let field = match tp.code {
                Code::MissingField => missing_name(&tp.message),
                _ => None,
            };
            sources.locate_with(&mut p, field.as_deref());
            p.location.pointer = None;
            if tp.code == Code::MissingField
                && let Some(f) = &p.location.field
            {
                p.message = format!("a value is required in column {f:?}");
            }
        }
        r.problems.push(p);
    }
    let mut problems = std::mem::take(&mut r.problems);
    let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
    if let (true, Some(partial)) = (has_errors, &typed.dataset) {
        let unread = Unread {
            rows: &row_ids,
            tables: &r.unread,
        };
        problems.extend(follow_on(partial, &typed, &sources, &unread));
    }
    problems.sort_by(crate::error::cmp_problems);
    problems.dedup();
    if problems.len() > MAX_PROBLEMS {
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem {
            severity: Severity::Error,
            code: Code::TooManyProblems,
            message: format!("stopped after {MAX_PROBLEMS} problems"),
            location: Location::default(),
        });
    }
    match typed.dataset {
        Some(dataset) if !problems.iter().any(|p| p.severity == Severity::Error) => Ok(Bundle {
            dataset,
            warnings: problems,
            sources,
        }),
        _ => Err(Error::Parse { problems }),
    }
}

/// Where each row with an id was read: id → (file, row). A reference to one of these ids that
/// validation cannot resolve points at a row that did not read.
fn row_ids(layout: &Layout, rows: &[RowIn]) -> BTreeMap<String, (String, u64)> {
    let mut ids = BTreeMap::new();
    for r in rows {
        let (Some(key), Some(t)) = (&r.key, layout.tables.get(r.table)) else {
            continue;
        };
        if let Some(id) = key.last() {
            ids.entry(id.clone()).or_insert_with(|| (t.file(), r.row));
        }
    }
    ids
}

/// What of a bundle did not read: the rows with an id (id → file, row) and the files that
/// could not be read at all.
struct Unread<'a> {
    rows: &'a BTreeMap<String, (String, u64)>,
    tables: &'a [String],
}

/// Codes that say something is absent: on a row holding a cell that did not read, they
/// follow from that cell's problem.
const ABSENCE: [Code; 4] = [
    Code::EmptyUpdate,
    Code::WeightsMissing,
    Code::EmptyText,
    Code::MissingField,
];

/// Codes that compare dates: near a date that did not read (a stand-in), they follow from it.
const DATES: [Code; 2] = [Code::EndBeforeStart, Code::DateOutOfRange];

/// The validation problems of what did read, so that one bad cell does not hide the rest of
/// a bundle's problems (references, weights, dates): each located by file, row and column.
/// A problem that follows from a cell or row that did not read is left out when it would
/// repeat it (inside that cell, or an absence on its row), and says so when it points
/// elsewhere (a reference to a row or a file that did not read).
fn follow_on(
    partial: &crate::Dataset,
    typed: &crate::io::json::Typed,
    sources: &SourceMap,
    unread: &Unread<'_>,
) -> Vec<Problem> {
    let values = serde_json::to_value(partial).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for mut p in crate::validate(partial).problems {
        let current = p.location.pointer.clone().unwrap_or_default();
        let original = typed.original(&current);
        let follows = typed.was_pruned(&original)
            || (ABSENCE.contains(&p.code) && typed.holds_pruned(&original))
            || (DATES.contains(&p.code) && typed.near_pruned(&original));
        if follows {
            continue;
        }
        if p.code == Code::UnknownReference
            && let Some(id) = values.pointer(&current).and_then(Value::as_str)
        {
            if let Some((file, row)) = unread.rows.get(id) {
                p.message = format!(
                    "{id:?} is the id of {file} row {row}, which did not read (see the \
                     problems there): fix that row first"
                );
            } else if !unread.tables.is_empty() {
                p.message = format!(
                    "{}; {} did not read, so the id may be there: fix that first",
                    p.message,
                    unread.tables.join(" and ")
                );
            }
        }
        p.location.pointer = Some(original);
        sources.locate(&mut p);
        out.push(p);
    }
    out
}

/// A valid value for a required cell that did not read: the row then still reads (its
/// children, its references are checked), and every problem at the stand-in's cell is left
/// out as a consequence. `None` for columns that are not single words, ids, dates or numbers.
fn stand_in(col: &Col, file: &str, row: u64) -> Option<Value> {
    let ColKind::Scalar(sc) = &col.kind else {
        return None;
    };
    match sc {
        Scalar::Enum(words) => words.first().map(|w| Value::String(w.clone())),
        Scalar::Id => Some(Value::String(format!("unread.{file}.{row}"))),
        Scalar::Date => Some(Value::String("2000".into())),
        Scalar::Integer { min, .. } | Scalar::Number { min, .. } => {
            Some(Value::from(min.map_or(1.0, |m| m.max(1.0)).round()))
        }
        Scalar::Boolean => Some(Value::Bool(false)),
        Scalar::String { pattern: Some(p) } if p == "^[A-Z]{2}$" => Some("ZZ".into()),
        Scalar::String { pattern: Some(p) } if p == crate::LANG_PATTERN => Some("und".into()),
        Scalar::String { .. } => None,
    }
}

fn missing_name(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len).map(str::to_owned)
}

/// Reads tables: decodes CSV files ([`Reader::decode`]), checks cells ([`Reader::table`]),
/// builds the dataset ([`finish`]), collecting every problem.
#[derive(Default)]
pub(crate) struct Reader {
    /// Every problem found so far.
    pub(crate) problems: Vec<Problem>,
    /// The bundle says free text was neutralised with a leading `'`.
    escape: bool,
    /// Files that could not be read at all (not UTF-8, a broken header).
    unread: Vec<String>,
}

/// A table's cells as its file gave them: the header (row 1, labels trimmed) and each
/// record with its row number. A CSV file and a workbook's sheet both come to this, so
/// their cells go through the same checks.
pub(crate) struct Records {
    /// The labels of row 1.
    pub(crate) header: Vec<String>,
    /// The records after the header.
    pub(crate) rows: Vec<Record>,
}

/// One record of a table.
pub(crate) struct Record {
    /// Its row (the header is row 1).
    pub(crate) row: u64,
    /// Its cells, in header order (fewer or more than the header when the file has them so).
    pub(crate) cells: Vec<String>,
    /// The cells that could not be read (a workbook's `#REF!`), already reported: they are
    /// left out of the row with no further check.
    pub(crate) unreadable: Vec<usize>,
}

fn at(file: &str, row: Option<u64>, field: Option<&str>) -> Location {
    Location {
        file: Some(file.to_owned()),
        row,
        field: field.map(str::to_owned),
        ..Location::default()
    }
}

impl Reader {
    fn error(&mut self, code: Code, loc: Location, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            code,
            message,
            location: loc,
        });
    }

    fn package(&mut self, bytes: Option<&Vec<u8>>) {
        let Some(bytes) = bytes else { return };
        let text = String::from_utf8_lossy(bytes);
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => {
                self.escape = v
                    .get(OGP_PROPERTY)
                    .and_then(|o| o.get("formula_escape"))
                    .and_then(Value::as_str)
                    == Some("'");
            }
            Err(e) => self.error(
                Code::JsonSyntax,
                Location {
                    file: Some("datapackage.json".into()),
                    line: Some(e.line() as u64),
                    column: Some(e.column() as u64),
                    ..Location::default()
                },
                format!("datapackage.json is not JSON: {e}"),
            ),
        }
    }

    /// Decodes a CSV file into its header and records (encoding errors, broken records and
    /// empty lines are reported here); `None` when it has no header to read.
    fn decode(&mut self, file: &str, bytes: &[u8]) -> Option<Records> {
        let text = match sniff::decode(bytes) {
            Ok(text) => text,
            Err(e) => {
                let (row, field) = e.offset.map(|o| where_is(bytes, o)).unwrap_or((None, None));
                self.error(
                    Code::EncodingError,
                    at(file, row, field.as_deref()),
                    e.message,
                );
                self.unread.push(file.to_owned());
                return None;
            }
        };
        let delimiter = sniff::delimiter(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(Ok(h)) => h.iter().map(|s| s.trim().to_owned()).collect(),
            Some(Err(e)) => {
                self.error(Code::TypeError, at(file, Some(1), None), e.to_string());
                self.unread.push(file.to_owned());
                return None;
            }
            None => return None,
        };
        let mut rows = Vec::new();
        // Rows count as Frictionless counts them: the header is row 1, an empty line is a
        // (blank) row, a quoted line break does not start a row.
        let mut row: u64 = 1;
        for rec in records {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    row += 1;
                    self.error(Code::TypeError, at(file, Some(row), None), e.to_string());
                    continue;
                }
            };
            // The csv crate skips empty lines, and a record's position is where reading it
            // began: the empty lines before it are the line breaks its span starts with.
            let start = rec.position().map_or(0, |p| p.byte() as usize);
            let before = text.get(..start).and_then(|b| b.chars().last());
            let blanks = leading_breaks(text.get(start..).unwrap_or_default(), before);
            for _ in 0..blanks {
                row += 1;
                self.error(
                    Code::BlankRow,
                    at(file, Some(row), None),
                    "the row is empty".into(),
                );
            }
            row += 1;
            rows.push(Record {
                row,
                cells: rec.iter().map(str::to_owned).collect(),
                unreadable: Vec::new(),
            });
        }
        if sniff::ends_in_quotes(text, delimiter) {
            // The open quote is in the last cell of the last record.
            let (row, cells) = rows
                .last()
                .map_or((1, header.len()), |r| (r.row, r.cells.len()));
            let label = header.get(cells.saturating_sub(1)).map(|l| shorten(l));
            self.error(
                Code::TypeError,
                at(file, Some(row), label.as_deref()),
                truncated_message(),
            );
            self.unread.push(file.to_owned());
            return None;
        }
        Some(Records { header, rows })
    }

    /// Checks a table's records: the header's labels, then each row's cells. `file` names
    /// the table in locations.
    pub(crate) fn table(
        &mut self,
        ti: usize,
        t: &TableLayout,
        file: &str,
        records: &Records,
    ) -> Vec<RowIn> {
        let header = &records.header;
        let slots = self.header(t, file, header);
        let missing: BTreeSet<&str> = t
            .cols
            .iter()
            .filter(|c| c.required && !header_has(t, header, c))
            .map(|c| c.name.as_str())
            .collect();
        let mut out = Vec::new();
        for rec in &records.rows {
            if rec.unreadable.is_empty() && rec.cells.iter().all(|c| c.trim().is_empty()) {
                self.error(
                    Code::BlankRow,
                    at(file, Some(rec.row), None),
                    "the row is empty".into(),
                );
                continue;
            }
            let cells: Vec<&str> = rec.cells.iter().map(String::as_str).collect();
            let place = (rec.row, rec.unreadable.as_slice());
            out.push(self.row(ti, t, file, place, header, &slots, &missing, &cells));
        }
        out
    }

    fn header<'a>(&mut self, t: &'a TableLayout, file: &str, header: &[String]) -> Vec<Slot<'a>> {
        let mut seen = BTreeSet::new();
        let mut slots = Vec::new();
        for label in header {
            // A heading too long to be a column's name (a broken file) is named by its start.
            let shown = shorten(label);
            if !seen.insert(label.clone()) {
                self.error(
                    Code::DuplicateLabel,
                    at(file, Some(1), Some(&shown)),
                    format!("column {shown:?} appears twice; only the first is read"),
                );
                slots.push(Slot::Skip);
                continue;
            }
            if let Some(i) = t.spec.parent.iter().position(|p| p == label) {
                slots.push(Slot::Parent(i));
                continue;
            }
            match column_of(t, label) {
                Some((col, key))
                    if !(col.kind == ColKind::Text
                        && key.as_deref().is_some_and(|k| !crate::is_lang_tag(k))) =>
                {
                    slots.push(Slot::Col(col, key));
                }
                _ => {
                    let names = t.cols.iter().map(|c| c.name.as_str());
                    let hint = crate::hint::did_you_mean(
                        label,
                        names.chain(t.spec.parent.iter().copied()),
                    );
                    self.error(
                        Code::ExtraLabel,
                        at(file, Some(1), Some(&shown)),
                        format!(
                            "{} has no column {shown:?}{hint} (put country-specific fields in \
                             \"ext/<name>\" columns, languages in \"<text>/<tag>\" columns)",
                            t.file()
                        ),
                    );
                    slots.push(Slot::Skip);
                }
            }
        }
        for col in &t.cols {
            if col.required && !header_has(t, header, col) {
                self.error(
                    Code::MissingLabel,
                    at(file, Some(1), Some(&col.name)),
                    format!("the required column {:?} is missing", col.name),
                );
            }
        }
        slots
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        ti: usize,
        t: &TableLayout,
        file: &str,
        (row, unreadable): (u64, &[usize]),
        header: &[String],
        slots: &[Slot<'_>],
        missing: &BTreeSet<&str>,
        cells: &[&str],
    ) -> RowIn {
        for label in header.iter().skip(cells.len()) {
            self.error(
                Code::MissingCell,
                at(file, Some(row), Some(label)),
                format!("the row has no cell for column {label:?}"),
            );
        }
        for (i, c) in cells.iter().enumerate().skip(header.len()) {
            self.error(
                Code::ExtraCell,
                at(file, Some(row), None),
                format!(
                    "the row has more cells than the header (cell {}: {c:?})",
                    i + 1
                ),
            );
        }
        let mut obj = Map::new();
        let mut bad = Vec::new();
        let mut parent = vec![String::new(); t.spec.parent.len()];
        let mut plain_text: BTreeSet<&str> = BTreeSet::new();
        let mut lang_text: BTreeSet<&str> = BTreeSet::new();
        for (i, ((slot, label), raw)) in slots.iter().zip(header).zip(cells).enumerate() {
            if unreadable.contains(&i) {
                if let Slot::Col(col, key) = slot {
                    let mut path = col.path.clone();
                    path.extend(key.clone());
                    bad.push(path);
                }
                continue;
            }
            match slot {
                Slot::Skip => {}
                Slot::Parent(i) => {
                    let v = raw.trim();
                    if let Some(p) = parent.get_mut(*i) {
                        *p = v.to_owned();
                    }
                    let checked = unpadded(raw, Code::ConstraintError).and_then(|()| {
                        Id::new(v).map_err(|e| (Code::ConstraintError, e.to_string()))
                    });
                    if let (false, Err((code, message))) = (v.is_empty(), checked) {
                        self.error(code, at(file, Some(row), Some(label)), message);
                    }
                }
                Slot::Col(col, key) => {
                    let free = is_free(col, key.is_some());
                    let text = if free && self.escape {
                        cell::restore(raw)
                    } else {
                        raw
                    };
                    // An empty cell is absent; so is a blank one in free text. A blank cell
                    // where an id, word, date or number belongs is an error, as it is for
                    // Frictionless (only "" is a missing value there).
                    if raw.is_empty() || (free && text.trim().is_empty() && raw.trim().is_empty()) {
                        continue;
                    }
                    let mut path = col.path.clone();
                    if let Some(k) = key {
                        path.push(k.clone());
                    }
                    match parse(col, key.is_some(), text) {
                        Ok(v) => {
                            if col.kind == ColKind::Text {
                                if key.is_some() {
                                    lang_text.insert(&col.name);
                                } else {
                                    plain_text.insert(&col.name);
                                }
                            }
                            set(&mut obj, &path, v);
                        }
                        Err((code, msg)) => {
                            self.error(code, at(file, Some(row), Some(label)), msg);
                            // A required cell that did not read holds a stand-in, so that
                            // its row still reads and the rest of the bundle is checked.
                            if col.required_in_object
                                && let Some(v) = stand_in(col, file, row)
                            {
                                set(&mut obj, &path, v);
                            }
                            bad.push(path);
                        }
                    }
                }
            }
        }
        for name in plain_text.intersection(&lang_text) {
            self.error(
                Code::ConstraintError,
                at(file, Some(row), Some(name)),
                format!(
                    "give the text either in column {name:?} or in {name:?}/<language> \
                     columns, not both"
                ),
            );
            if let Some(col) = t.cols.iter().find(|c| c.name == *name) {
                remove(&mut obj, &col.path);
                bad.push(col.path.clone());
            }
        }
        let row_cells = RowCells {
            file,
            row,
            unreadable,
            header,
            cells,
            missing,
        };
        self.required(t, &row_cells, &parent, &obj, &mut bad);
        let key = row_key(t, header, cells, &parent);
        let parent = (!t.spec.parent.is_empty()).then_some(parent);
        RowIn {
            table: ti,
            row,
            obj,
            key,
            parent,
            bad,
        }
    }

    /// Reports the required cells a row leaves empty (a parent key, a required column, or a
    /// column required because its object's other columns are filled), unless a missing
    /// column or cell already says so; each goes into `bad`.
    fn required(
        &mut self,
        t: &TableLayout,
        rc: &RowCells<'_>,
        parent: &[String],
        obj: &Map<String, Value>,
        bad: &mut Vec<Vec<String>>,
    ) {
        for (i, p) in t.spec.parent.iter().enumerate() {
            let unread = rc
                .header
                .iter()
                .position(|h| h == p)
                .is_some_and(|c| rc.unreadable.contains(&c));
            if parent.get(i).is_some_and(String::is_empty) && !rc.missing.contains(p) && !unread {
                self.error(
                    Code::ConstraintError,
                    at(rc.file, Some(rc.row), Some(p)),
                    format!("a value is required in column {p:?} (the parent row's key)"),
                );
            }
        }
        for col in t.cols.iter().filter(|c| !c.path.is_empty()) {
            if !col.required_in_object || get(obj, &col.path).is_some() {
                continue;
            }
            if bad.iter().any(|b| b.starts_with(&col.path)) {
                continue;
            }
            let cut = rc.header.get(rc.cells.len()..).unwrap_or_default();
            if rc.missing.contains(col.name.as_str()) || cut.contains(&col.name) {
                // Already reported (missing-label, missing-cell): left out of the tree.
                bad.push(col.path.clone());
                continue;
            }
            let (object, _) = col.path.split_at(col.path.len().saturating_sub(1));
            let object_given = !object.is_empty() && get(obj, object).is_some();
            if col.required || object_given {
                let message = if col.required {
                    format!("a value is required in column {:?}", col.name)
                } else {
                    format!(
                        "a value is required in column {:?} when other {}/… columns are filled",
                        col.name,
                        object.join("/")
                    )
                };
                self.error(
                    Code::ConstraintError,
                    at(rc.file, Some(rc.row), Some(&col.name)),
                    message,
                );
                bad.push(col.path.clone());
            }
        }
    }

    /// Places rows under their parents and builds the JSON tree. Returns the tree, where each
    /// row went, and the pointers of cells left out.
    fn assemble(
        &mut self,
        layout: &Layout,
        rows: Vec<RowIn>,
    ) -> (Value, SourceMap, BTreeSet<String>) {
        // Keys of every row, per table (the first row with a key wins).
        let mut keys: Vec<BTreeMap<Vec<String>, usize>> =
            vec![BTreeMap::new(); layout.tables.len()];
        let mut dropped: BTreeSet<usize> = BTreeSet::new();
        for (i, r) in rows.iter().enumerate() {
            let (Some(k), Some(t), Some(map)) =
                (&r.key, layout.tables.get(r.table), keys.get_mut(r.table))
            else {
                continue;
            };
            if let Some(first) = map.get(k) {
                let first_row = rows.get(*first).map_or(0, |f| f.row);
                self.error(
                    Code::PrimaryKey,
                    at(&t.file(), Some(r.row), None),
                    format!(
                        "the key {} = {} is already used in row {first_row}",
                        t.spec.key.join(", "),
                        k.join(", ")
                    ),
                );
                dropped.insert(i);
            } else {
                map.insert(k.clone(), i);
            }
        }
        // Children of each row, by the array path they go in, in row order.
        let mut children: BTreeMap<usize, Vec<(Vec<String>, usize)>> = BTreeMap::new();
        let mut roots: Vec<(Vec<String>, usize)> = Vec::new();
        let mut dataset_row: Option<usize> = None;
        for (i, r) in rows.iter().enumerate() {
            let Some(t) = layout.tables.get(r.table) else {
                continue;
            };
            if dropped.contains(&i) {
                continue;
            }
            if t.spec.name == DATASET_TABLE {
                if dataset_row.is_none() {
                    dataset_row = Some(i);
                } else {
                    self.error(
                        Code::ConstraintError,
                        at(&t.file(), Some(r.row), None),
                        "dataset.csv holds one row; this one is not read".into(),
                    );
                }
                continue;
            }
            match &r.parent {
                None => {
                    if let Some((_, path)) = t.sources.first() {
                        roots.push((path.clone(), i));
                    }
                }
                Some(pk) => {
                    if pk.iter().any(String::is_empty) {
                        continue; // already reported as required
                    }
                    let found = t.sources.iter().find_map(|(p, path)| {
                        let p = (*p)?;
                        keys.get(p)?.get(pk).map(|pi| (path.clone(), *pi))
                    });
                    match found {
                        Some((path, pi)) => children.entry(pi).or_default().push((path, i)),
                        None => {
                            let parents: Vec<&str> = t
                                .sources
                                .iter()
                                .filter_map(|(p, _)| layout.tables.get((*p)?))
                                .map(|p| p.spec.name)
                                .collect();
                            self.error(
                                Code::ForeignKey,
                                at(&t.file(), Some(r.row), t.spec.parent.first().copied()),
                                format!(
                                    "no row of {} has the key {}",
                                    parents.join(" or "),
                                    pk.join(", ")
                                ),
                            );
                        }
                    }
                }
            }
        }
        let mut sources = SourceMap::default();
        let mut pruned = BTreeSet::new();
        let mut root = match dataset_row.and_then(|i| rows.get(i)) {
            Some(r) => {
                sources.add(r.table, r.row, String::new());
                for b in &r.bad {
                    pruned.insert(pointer("", b));
                }
                r.obj.clone()
            }
            None => Map::new(),
        };
        if !root.contains_key("schema_version") && dataset_row.is_none() {
            root.insert("schema_version".into(), SCHEMA_VERSION.into());
        }
        let mut b = Builder {
            rows: &rows,
            children: &children,
            sources: &mut sources,
            pruned: &mut pruned,
        };
        let mut counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        let mut grouped: Vec<(Vec<String>, Vec<Value>)> = Vec::new();
        for (path, i) in &roots {
            let n = counts.entry(path.clone()).or_default();
            let ptr = format!("{}/{}", pointer("", path), n);
            *n += 1;
            let v = b.build(*i, ptr);
            match grouped.iter_mut().find(|(p, _)| p == path) {
                Some((_, list)) => list.push(v),
                None => grouped.push((path.clone(), vec![v])),
            }
        }
        for (path, list) in grouped {
            set(&mut root, &path, Value::Array(list));
        }
        (Value::Object(root), sources, pruned)
    }
}

/// The row's primary key (parent cells and key cells), when the table has one and none of
/// its cells is empty.
fn row_key(
    t: &TableLayout,
    header: &[String],
    cells: &[&str],
    parent: &[String],
) -> Option<Vec<String>> {
    (!t.spec.key.is_empty())
        .then(|| {
            t.spec
                .key
                .iter()
                .map(|k| match t.spec.parent.iter().position(|p| p == k) {
                    Some(i) => parent.get(i).cloned().unwrap_or_default(),
                    None => cells
                        .get(header.iter().position(|h| h == k).unwrap_or(usize::MAX))
                        .map(|c| c.trim().to_owned())
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>()
        })
        .filter(|k| k.iter().all(|c| !c.is_empty()))
}

/// Where a row is and what it holds, for the checks that look at the whole row.
struct RowCells<'a> {
    file: &'a str,
    row: u64,
    unreadable: &'a [usize],
    header: &'a [String],
    cells: &'a [&'a str],
    missing: &'a BTreeSet<&'a str>,
}

struct Builder<'a> {
    rows: &'a [RowIn],
    children: &'a BTreeMap<usize, Vec<(Vec<String>, usize)>>,
    sources: &'a mut SourceMap,
    pruned: &'a mut BTreeSet<String>,
}

impl Builder<'_> {
    fn build(&mut self, i: usize, ptr: String) -> Value {
        let Some(r) = self.rows.get(i) else {
            return Value::Null;
        };
        self.sources.add(r.table, r.row, ptr.clone());
        for b in &r.bad {
            self.pruned.insert(pointer(&ptr, b));
        }
        let mut obj = r.obj.clone();
        let mut groups: Vec<(Vec<String>, Vec<Value>)> = Vec::new();
        let kids = self.children.get(&i).cloned().unwrap_or_default();
        for (path, ci) in kids {
            let n = groups
                .iter()
                .find(|(p, _)| *p == path)
                .map_or(0, |(_, l)| l.len());
            let v = self.build(ci, format!("{}/{n}", pointer(&ptr, &path)));
            match groups.iter_mut().find(|(p, _)| *p == path) {
                Some((_, l)) => l.push(v),
                None => groups.push((path, vec![v])),
            }
        }
        for (path, list) in groups {
            set(&mut obj, &path, Value::Array(list));
        }
        Value::Object(obj)
    }
}

/// A JSON pointer: `base` followed by the escaped segments.
pub(crate) fn pointer(base: &str, path: &[String]) -> String {
    let mut out = base.to_owned();
    for seg in path {
        out.push('/');
        out.push_str(&seg.replace('~', "~0").replace('/', "~1"));
    }
    out
}

fn get<'a>(obj: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut node = obj.get(first)?;
    for seg in rest {
        node = node.get(seg)?;
    }
    Some(node)
}

fn set(obj: &mut Map<String, Value>, path: &[String], v: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = obj;
    for seg in parents {
        let entry = node
            .entry(seg.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(m) = entry else { return };
        node = m;
    }
    node.insert(last.clone(), v);
}

fn remove(obj: &mut Map<String, Value>, path: &[String]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = obj;
    for seg in parents {
        let Some(Value::Object(m)) = node.get_mut(seg) else {
            return;
        };
        node = m;
    }
    node.remove(last);
}

fn header_has(t: &TableLayout, header: &[String], col: &Col) -> bool {
    header.iter().any(|h| {
        h == &col.name
            || (matches!(col.kind, ColKind::Text | ColKind::Map(_) | ColKind::Ext)
                && column_of(t, h).is_some_and(|(c, _)| c.name == col.name))
    })
}

/// The empty lines a record's span starts with (`\r\n` counts once, also when its `\r`
/// ended the previous record).
fn leading_breaks(s: &str, before: Option<char>) -> usize {
    let (mut n, mut prev) = (0, before);
    for c in s.chars() {
        match c {
            '\n' if prev == Some('\r') => {}
            '\n' | '\r' => n += 1,
            _ => break,
        }
        prev = Some(c);
    }
    n
}

/// The row and column label of the record holding byte `offset` (for encoding errors).
fn where_is(bytes: &[u8], offset: usize) -> (Option<u64>, Option<String>) {
    let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let Some(prefix) = bytes
        .get(start..offset)
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return (None, None);
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff::delimiter(prefix))
        .has_headers(false)
        .flexible(true)
        .from_reader(prefix.as_bytes());
    let mut header: Vec<String> = Vec::new();
    let mut last: Option<(u64, usize)> = None;
    for (i, rec) in reader.records().enumerate() {
        let Ok(rec) = rec else { break };
        if i == 0 {
            header = rec.iter().map(|s| s.trim().to_owned()).collect();
        }
        let line = rec.position().map_or(i as u64 + 1, |p| p.line());
        last = Some((line, rec.len()));
    }
    // The partial record that the bad byte belongs to is the last one read (or a new one
    // when the prefix ends with a line break).
    let ends_line = prefix.ends_with('\n') || prefix.ends_with('\r');
    match last {
        Some((line, len)) if !ends_line => (Some(line), header.get(len.saturating_sub(1)).cloned()),
        Some((line, _)) => (Some(line + 1), header.first().cloned()),
        None => (Some(1), None),
    }
}

/// The message for a CSV text that ends inside a quoted cell (see [`sniff::ends_in_quotes`]).
pub(crate) fn truncated_message() -> String {
    "the file ends inside a quoted cell (a \" opens it and none closes it): it seems cut \
     short, or a quote is missing; nothing of it was read"
        .into()
}

/// The most characters of a heading that a message repeats.
const SHOWN_CHARS: usize = 80;

/// `text` as a message names it: whole when it has at most [`SHOWN_CHARS`] characters, else
/// its start, `…` and its length in characters (a heading of megabytes is not printed back).
fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({} characters)",
            text.get(..cut).unwrap_or_default(),
            text.chars().count()
        )),
    }
}

/// `Ok` when the cell has no space, tab or line break before or after its value. Ids, words
/// and dates are checked exactly as the `datapackage.json` declares them (a pattern), so that
/// `frictionless validate` and this reader accept the same cells: `"p1 "` is not an id there.
fn unpadded(text: &str, code: Code) -> Result<(), (Code, String)> {
    let t = text.trim();
    if t.len() == text.len() {
        return Ok(());
    }
    Err((
        code,
        format!(
            "{text:?} has spaces around its value: write {t:?} (spreadsheets often keep a trailing space)"
        ),
    ))
}

/// `Ok` when no item of a `;`-separated cell of ids, words or dates is padded or empty (the
/// list's pattern in the `datapackage.json` allows neither).
fn unpadded_items(text: &str) -> Result<(), (Code, String)> {
    for item in text.split(';') {
        unpadded(item, Code::ConstraintError)?;
        if item.is_empty() {
            return Err((
                Code::ConstraintError,
                format!("{text:?} has an empty item: separate values with one ;"),
            ));
        }
    }
    Ok(())
}

/// A cell's value, or its problem.
fn parse(col: &Col, family_key: bool, text: &str) -> Result<Value, (Code, String)> {
    match &col.kind {
        ColKind::Scalar(sc) => scalar(sc, text),
        ColKind::Map(sc) => scalar(sc, text),
        ColKind::Text => Ok(Value::String(text.to_owned())),
        ColKind::Ext => Ok(if family_key {
            cell::ext_from_cell(text)
        } else {
            Value::String(text.to_owned())
        }),
        ColKind::List(sc) => {
            if matches!(sc, Scalar::Id | Scalar::Enum(_) | Scalar::Date) {
                unpadded_items(text)?;
            }
            let mut out = Vec::new();
            for item in cell::split_list(text) {
                out.push(scalar(sc, &item)?);
            }
            Ok(Value::Array(out))
        }
        ColKind::WordOrList(words) => {
            unpadded_items(text)?;
            let t = text.trim();
            if words.iter().any(|w| w == t) {
                return Ok(Value::String(t.to_owned()));
            }
            let mut out = Vec::new();
            for item in cell::split_list(t) {
                out.push(scalar(&Scalar::Id, &item).map_err(|(c, m)| {
                    (
                        c,
                        format!(
                            "{m}; expected one of {} or a ;-separated list of ids",
                            words.join(", ")
                        ),
                    )
                })?);
            }
            Ok(Value::Array(out))
        }
    }
}

fn scalar(sc: &Scalar, text: &str) -> Result<Value, (Code, String)> {
    match sc {
        Scalar::Id | Scalar::Date | Scalar::Enum(_) | Scalar::String { pattern: Some(_) } => {
            unpadded(text, Code::ConstraintError)?;
        }
        // Frictionless reads numbers with spaces around them (` 12 `): so does this reader.
        Scalar::Number { .. }
        | Scalar::Integer { .. }
        | Scalar::Boolean
        | Scalar::String { pattern: None } => {}
    }
    match sc {
        Scalar::String { pattern } => {
            if let Some(p) = pattern
                && !super::matches_pattern(p, text)
            {
                let hint = match p.as_str() {
                    "^[A-Z]{2}$" => crate::hint::country(text),
                    _ => None,
                };
                let hint = hint.map_or_else(String::new, |h| format!(": {h}"));
                return Err((
                    Code::ConstraintError,
                    format!("{text:?} does not match the pattern {p}{hint}"),
                ));
            }
            Ok(Value::String(text.to_owned()))
        }
        Scalar::Id => {
            let t = text.trim();
            Id::new(t)
                .map(|_| Value::String(t.to_owned()))
                .map_err(|e| (Code::ConstraintError, e.to_string()))
        }
        Scalar::Date => {
            let t = text.trim();
            match t.parse::<PlanDate>() {
                Ok(_) => Ok(Value::String(t.to_owned())),
                Err(e) if super::matches_pattern(crate::DATE_PATTERN, t) => {
                    Err((Code::BadDate, e.to_string()))
                }
                Err(e) if t.starts_with("0000") => Err((Code::ConstraintError, e.to_string())),
                Err(_) => Err((Code::ConstraintError, date_hint(t))),
            }
        }
        Scalar::Enum(words) => {
            let t = text.trim();
            if words.iter().any(|w| w == t) {
                Ok(Value::String(t.to_owned()))
            } else {
                let hint = crate::hint::did_you_mean(t, words.iter().map(String::as_str));
                Err((
                    Code::ConstraintError,
                    format!("{t:?} is not one of: {}{hint}", words.join(", ")),
                ))
            }
        }
        Scalar::Integer { min, max } => {
            let t = text.trim();
            let not_whole = || {
                let hint = crate::hint::number(t).map_or_else(String::new, |h| format!(": {h}"));
                (
                    Code::TypeError,
                    format!("{t:?} is not a whole number{hint}"),
                )
            };
            let (v, f) = match t.parse::<i64>() {
                #[allow(clippy::cast_precision_loss)]
                Ok(n) => (Value::from(n), n as f64),
                #[allow(clippy::cast_precision_loss)]
                Err(_) => {
                    let n = t.parse::<u64>().map_err(|_| not_whole())?;
                    (Value::from(n), n as f64)
                }
            };
            bounds(f, *min, *max, t)?;
            Ok(v)
        }
        Scalar::Number { min, max } => {
            let t = text.trim();
            let n: f64 = t
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| {
                    let hint = crate::hint::number(t)
                        .unwrap_or_else(|| "write a number such as 12.5, with a point".into());
                    (Code::TypeError, format!("{t:?} is not a number: {hint}"))
                })?;
            bounds(n, *min, *max, t)?;
            let v: Value = serde_json::from_str(t)
                .ok()
                .filter(Value::is_number)
                .unwrap_or_else(|| Value::from(n));
            Ok(v)
        }
        Scalar::Boolean => match text.trim() {
            "true" | "True" | "TRUE" | "1" => Ok(Value::Bool(true)),
            "false" | "False" | "FALSE" | "0" => Ok(Value::Bool(false)),
            t => Err((
                Code::TypeError,
                format!("{t:?} is not a boolean (write true or false)"),
            )),
        },
    }
}

fn bounds(n: f64, min: Option<f64>, max: Option<f64>, t: &str) -> Result<(), (Code, String)> {
    if let Some(m) = min
        && n < m
    {
        return Err((
            Code::ConstraintError,
            format!("{t} is below the minimum {m}"),
        ));
    }
    if let Some(m) = max
        && n > m
    {
        return Err((
            Code::ConstraintError,
            format!("{t} is above the maximum {m}"),
        ));
    }
    Ok(())
}

/// The message for a date that is not ISO 8601, with what it probably meant when that is
/// sure (see [`crate::hint::date`]).
fn date_hint(t: &str) -> String {
    let guess = crate::hint::date(t).map_or_else(String::new, |h| format!(" ({h})"));
    format!("{t:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD{guess}")
}
