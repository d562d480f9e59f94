//! Workbook → the bundle reader's records, then its checks.

use std::io::Cursor;

use calamine::{Data, Range, Reader as _, Xlsx};

use super::{Sheets, a1};
use crate::error::{Code, Location, Problem, Severity};
use crate::io::csv::read::{Reader, Record, Records, finish};
use crate::io::csv::tables::Layout;
use crate::io::csv::{Bundle, near_miss};
use crate::{Error, Report};

/// The sheet the reader leaves alone: what [`super::to_bytes`] writes for people.
const README: &str = "README";

pub(super) fn read(bytes: &[u8], file: &str) -> Result<Bundle, Error> {
    if let Some(bad) = reference_beyond_the_grid(bytes) {
        return Err(Error::Parse {
            problems: vec![problem(
                Severity::Error,
                Code::EncodingError,
                whole(file),
                format!("{file} is not an Excel workbook that can be read: its sheet {bad}"),
            )],
        });
    }
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::Parse {
        problems: vec![problem(
            Severity::Error,
            Code::EncodingError,
            whole(file),
            format!("{file} is not an Excel workbook (.xlsx) that can be read: {e}"),
        )],
    })?;
    let layout = Layout::get();
    let mut r = Reader::default();
    let mut records: Vec<Option<Records>> = layout.tables.iter().map(|_| None).collect();
    for name in wb.sheet_names() {
        let Some(slot) = layout.index(&name).and_then(|i| records.get_mut(i)) else {
            r.problems.extend(unknown_sheet(file, &name));
            continue;
        };
        match wb.worksheet_range(&name) {
            Ok(range) => *slot = SheetReader::new(file, &name, &mut r.problems).records(&range),
            Err(e) => r.problems.push(problem(
                Severity::Error,
                Code::EncodingError,
                sheet_at(file, &name, None, None),
                format!("the sheet {name} cannot be read: {e}"),
            )),
        }
    }
    if !wb.sheet_names().iter().any(|n| layout.index(n).is_some()) {
        r.problems.push(no_table_sheet(file));
    }
    let mut sheets = Sheets {
        file: file.to_owned(),
        headers: vec![Vec::new(); layout.tables.len()],
    };
    let mut rows = Vec::new();
    for ((ti, t), recs) in layout.tables.iter().enumerate().zip(&records) {
        if let (Some(recs), Some(h)) = (recs, sheets.headers.get_mut(ti)) {
            h.clone_from(&recs.header);
            rows.extend(r.table(ti, t, &t.file(), recs));
        }
    }
    match finish(r, rows) {
        Ok(mut bundle) => {
            bundle.warnings = placed(&sheets, bundle.warnings);
            bundle.sources.set_sheets(sheets);
            Ok(bundle)
        }
        Err(Error::Parse { problems }) => Err(Error::Parse {
            problems: placed(&sheets, problems),
        }),
        Err(e) => Err(e),
    }
}

/// The problems in the workbook's places, sorted again (the "too many problems" note last).
fn placed(sheets: &Sheets, mut problems: Vec<Problem>) -> Vec<Problem> {
    for p in &mut problems {
        sheets.place(&mut p.location);
    }
    let (mut out, rest): (Vec<Problem>, Vec<Problem>) = problems
        .into_iter()
        .partition(|p| p.code != Code::TooManyProblems);
    out = Report::new(out).problems;
    out.extend(rest);
    out
}

/// A sheet that is not a table: a warning, or an error when it is a table's name but for
/// case or one letter. The README sheet is not a problem.
fn unknown_sheet(file: &str, name: &str) -> Option<Problem> {
    if name.eq_ignore_ascii_case(README) {
        return None;
    }
    let tables = Layout::get().tables.iter().map(|t| t.spec.name);
    let (severity, message) = match near_miss(name, tables.clone()) {
        Some(meant) => (
            Severity::Error,
            format!(
                "the sheet {name} is not a table of the workbook and was not read: did you \
                 mean `{meant}`?"
            ),
        ),
        None => (
            Severity::Warning,
            format!(
                "the sheet {name} is not a table of the workbook and was not read (the \
                 tables: {})",
                tables.collect::<Vec<_>>().join(", ")
            ),
        ),
    };
    let at = sheet_at(file, name, None, None);
    Some(problem(severity, Code::ExtraLabel, at, message))
}

fn no_table_sheet(file: &str) -> Problem {
    let tables: Vec<&str> = Layout::get().tables.iter().map(|t| t.spec.name).collect();
    problem(
        Severity::Error,
        Code::ExtraLabel,
        whole(file),
        format!(
            "{file} has no sheet named after a table ({}), so it holds no ogp dataset \
             (`ogp template x.xlsx` writes a blank one)",
            tables.join(", ")
        ),
    )
}

fn problem(severity: Severity, code: Code, location: Location, message: String) -> Problem {
    Problem {
        severity,
        code,
        message,
        location,
    }
}

fn whole(file: &str) -> Location {
    Location {
        file: Some(file.to_owned()),
        ..Location::default()
    }
}

fn sheet_at(file: &str, sheet: &str, row: Option<u64>, field: Option<&str>) -> Location {
    Location {
        file: Some(file.to_owned()),
        sheet: Some(sheet.to_owned()),
        row,
        field: field.map(str::to_owned),
        ..Location::default()
    }
}

/// Turns one sheet's cells into the bundle reader's records, reporting what only a
/// workbook can get wrong (error cells, date-times).
struct SheetReader<'a> {
    file: &'a str,
    sheet: &'a str,
    problems: &'a mut Vec<Problem>,
    header: Vec<String>,
}

impl<'a> SheetReader<'a> {
    fn new(file: &'a str, sheet: &'a str, problems: &'a mut Vec<Problem>) -> Self {
        SheetReader {
            file,
            sheet,
            problems,
            header: Vec::new(),
        }
    }

    /// The header (row 1) and the rows below it; `None` for an empty sheet. Cells are
    /// counted from column A and row 1 wherever the sheet's data starts.
    fn records(mut self, range: &Range<Data>) -> Option<Records> {
        let (last_row, last_col) = range.end()?;
        let (mut header, _) = self.cells(range, 0, last_col);
        while header.last().is_some_and(|h| h.trim().is_empty()) {
            header.pop();
        }
        self.header = header.iter().map(|h| h.trim().to_owned()).collect();
        let mut rows: Vec<Record> = Vec::new();
        for r in 1..=last_row {
            let (mut cells, unreadable) = self.cells(range, r, last_col);
            let used = cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |i| i + 1);
            let keep = used
                .max(self.header.len())
                .max(unreadable.last().map_or(0, |i| i + 1));
            cells.truncate(keep);
            rows.push(Record {
                row: u64::from(r) + 1,
                cells,
                unreadable,
            });
        }
        while rows
            .last()
            .is_some_and(|r| r.unreadable.is_empty() && r.cells.iter().all(|c| c.is_empty()))
        {
            rows.pop();
        }
        if self.header.is_empty() && rows.is_empty() {
            return None;
        }
        Some(Records {
            header: self.header,
            rows,
        })
    }

    /// The cells of row `r` (from 0) as text, from column A to `last_col`, and the columns
    /// of its unreadable cells.
    fn cells(&mut self, range: &Range<Data>, r: u32, last_col: u32) -> (Vec<String>, Vec<usize>) {
        let mut cells = Vec::new();
        let mut unreadable = Vec::new();
        for c in 0..=last_col {
            let data = range.get_value((r, c)).unwrap_or(&Data::Empty);
            let col = cells.len();
            match cell_text(data) {
                Ok((text, note)) => {
                    if let Some(note) = note {
                        self.report(Severity::Warning, r, col, note);
                    }
                    cells.push(text);
                }
                Err(message) => {
                    self.report(Severity::Error, r, col, message);
                    unreadable.push(col);
                    cells.push(String::new());
                }
            }
        }
        (cells, unreadable)
    }

    fn report(&mut self, severity: Severity, r: u32, col: usize, message: String) {
        let row = u64::from(r) + 1;
        let field = self.header.get(col).filter(|_| r > 0).map(String::as_str);
        let mut at = sheet_at(self.file, self.sheet, Some(row), field);
        at.cell = Some(a1(col, row));
        self.problems
            .push(problem(severity, Code::TypeError, at, message));
    }
}

/// A cell's text, with a note when part of it was left out (the time of a date-time), or
/// why it cannot be read (an error cell).
fn cell_text(data: &Data) -> Result<(String, Option<String>), String> {
    Ok(match data {
        Data::Empty => (String::new(), None),
        Data::String(s) | Data::DurationIso(s) => (s.clone(), None),
        Data::Int(n) => (n.to_string(), None),
        Data::Float(n) => (number_text(*n), None),
        Data::Bool(b) => (b.to_string(), None),
        Data::DateTime(dt) if dt.is_duration() => (number_text(dt.as_f64()), None),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            let date = format!("{y:04}-{mo:02}-{d:02}");
            let timed = (h, mi, s, ms) != (0, 0, 0, 0);
            let note = timed.then(|| {
                format!(
                    "the cell holds a date and a time ({date} {h:02}:{mi:02}); only the date \
                     {date} is read"
                )
            });
            (date, note)
        }
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, time)) => {
                let timed = time.chars().any(|c| c.is_ascii_digit() && c != '0');
                let note = timed.then(|| {
                    format!("the cell holds a date and a time ({s}); only the date {date} is read")
                });
                (date.to_owned(), note)
            }
            None => (s.clone(), None),
        },
        Data::Error(e) => {
            return Err(format!(
                "the cell holds the error {e}, not a value; put the value in it"
            ));
        }
    })
}

/// The shortest text that reads back as `n`: `2024`, not `2024.0`; `12.5`.
fn number_text(n: f64) -> String {
    format!("{n}")
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    use super::*;

    fn text(d: Data) -> Result<(String, Option<String>), String> {
        cell_text(&d)
    }

    #[test]
    fn cells_are_read_as_what_they_are() {
        assert_eq!(text(Data::Float(2024.0)), Ok(("2024".into(), None)));
        assert_eq!(text(Data::Float(12.5)), Ok(("12.5".into(), None)));
        assert_eq!(text(Data::Float(0.1)), Ok(("0.1".into(), None)));
        assert_eq!(text(Data::Int(-3)), Ok(("-3".into(), None)));
        assert_eq!(text(Data::Bool(true)), Ok(("true".into(), None)));
        assert_eq!(text(Data::Empty), Ok((String::new(), None)));
        // 2025-03-18 is day 45734 of Excel's 1900 calendar.
        let day = ExcelDateTime::new(45734.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(day)), Ok(("2025-03-18".into(), None)));
        let timed = ExcelDateTime::new(45734.5, ExcelDateTimeType::DateTime, false);
        let (date, note) = text(Data::DateTime(timed)).unwrap_or_default();
        assert_eq!(date, "2025-03-18");
        assert_eq!(
            note.as_deref(),
            Some(
                "the cell holds a date and a time (2025-03-18 12:00); only the date \
                 2025-03-18 is read"
            )
        );
        assert_eq!(
            text(Data::DateTimeIso("2025-03-18T00:00:00".into())),
            Ok(("2025-03-18".into(), None))
        );
        assert_eq!(
            text(Data::Error(CellErrorType::Ref)),
            Err("the cell holds the error #REF!, not a value; put the value in it".into())
        );
    }
}

/// The first cell reference in a worksheet of the workbook that lies beyond Excel's grid
/// (more than 3 letters or 7 digits), as "xl/worksheets/sheet1.xml names \"…\"". calamine
/// reads references without checking (a long run of letters overflows its column number), so
/// they are checked here first. `None` when every reference fits, or when the bytes are not
/// a zip (calamine then says what is wrong).
fn reference_beyond_the_grid(bytes: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let name = entry.name().to_owned();
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        let mut xml = Vec::new();
        // No more than the input limit, whatever the entry claims (a zip bomb stops here).
        if entry
            .take(crate::io::max_input_bytes())
            .read_to_end(&mut xml)
            .is_err()
        {
            continue;
        }
        if let Some(r) = references(&xml).find(|r| !fits_the_grid(r)) {
            let shown: String = String::from_utf8_lossy(r).chars().take(40).collect();
            return Some(format!(
                "{name} names the cell {shown:?}, beyond Excel's last column (XFD) or row \
                 (1048576)"
            ));
        }
        if let Some(r) = ranges(&xml).find(|r| !in_order(r)) {
            let shown: String = String::from_utf8_lossy(r).chars().take(40).collect();
            return Some(format!(
                "{name} names the range {shown:?}, whose end comes before its start"
            ));
        }
    }
    None
}

/// The values of the `r`, `ref` and `sqref` attributes of an XML text, each split into its
/// references (`A1:C3 E5` gives `A1`, `C3`, `E5`).
fn references(xml: &[u8]) -> impl Iterator<Item = &[u8]> {
    ranges(xml)
        .flat_map(|v| v.split(|&b| b == b':'))
        .filter(|r| !r.is_empty())
}

/// The ranges of the `r`, `ref` and `sqref` attributes (`A1:C3 E5` gives `A1:C3`, `E5`).
fn ranges(xml: &[u8]) -> impl Iterator<Item = &[u8]> {
    attribute_values(xml)
        .into_iter()
        .flat_map(|v| v.split(|&b| b == b' '))
        .filter(|r| !r.is_empty())
}

/// True unless `range` is `start:end` with its end's row or column before its start's
/// (calamine subtracts them unchecked).
fn in_order(range: &[u8]) -> bool {
    let mut ends = range.split(|&b| b == b':');
    match (ends.next(), ends.next()) {
        (Some(a), Some(b)) => match (row_column(a), row_column(b)) {
            (Some((r1, c1)), Some((r2, c2))) => r2 >= r1 && c2 >= c1,
            _ => true,
        },
        _ => true,
    }
}

/// The row and column numbers of a reference within the grid (`B3` gives (3, 2); a missing
/// part is 0, as calamine reads it).
fn row_column(r: &[u8]) -> Option<(u64, u64)> {
    let mut row = 0u64;
    let mut column = 0u64;
    for &b in r.iter().filter(|&&b| b != b'$') {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' => {
                column = column * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1;
            }
            b'0'..=b'9' => row = row * 10 + u64::from(b - b'0'),
            _ => return None,
        }
        if row > 10_000_000 || column > 100_000 {
            return None; // beyond the grid: fits_the_grid says so
        }
    }
    Some((row, column))
}

/// The values of the `r`, `ref` and `sqref` attributes of an XML text.
fn attribute_values(xml: &[u8]) -> Vec<&[u8]> {
    let mut values = Vec::new();
    let mut at = 0;
    while let Some(found) = xml
        .get(at..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"=\""))
    {
        let eq = at + found;
        let name_start = xml
            .get(..eq)
            .and_then(|head| head.iter().rposition(|b| b.is_ascii_whitespace()))
            .map_or(0, |p| p + 1);
        let value_start = eq + 2;
        let value_end = xml
            .get(value_start..)
            .and_then(|v| v.iter().position(|&b| b == b'"'))
            .map_or(xml.len(), |p| value_start + p);
        if matches!(xml.get(name_start..eq), Some(b"r" | b"ref" | b"sqref")) {
            values.push(xml.get(value_start..value_end).unwrap_or_default());
        }
        at = value_end.saturating_add(1);
    }
    values
}

/// True for a reference within Excel's grid: at most 3 letters then at most 7 digits
/// (`$` anchors allowed), or a whole column or row.
fn fits_the_grid(r: &[u8]) -> bool {
    let r: Vec<u8> = r.iter().copied().filter(|&b| b != b'$').collect();
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = r
        .get(letters..)
        .map_or(0, |d| d.iter().take_while(|b| b.is_ascii_digit()).count());
    letters <= 3 && digits <= 7
}

#[cfg(test)]
mod grid_tests {
    use super::*;

    #[test]
    fn references_beyond_the_grid_are_found() {
        let xml = br#"<dimension ref="A1:C3"/><row r="1" spans="1:3"><c r="A1" t="s"/><c r="AAAAAAAAAAAAAAA1"/></row>"#;
        let refs: Vec<&[u8]> = references(xml).collect();
        assert_eq!(refs, [&b"A1"[..], b"C3", b"1", b"A1", b"AAAAAAAAAAAAAAA1"]);
        assert!(fits_the_grid(b"XFD1048576"));
        assert!(fits_the_grid(b"$A$1"));
        assert!(!fits_the_grid(b"AAAA1"));
        assert!(!fits_the_grid(b"A12345678"));
        let xml = br#"<dimension ref="B2:A1"/><mergeCell ref="A1:B2"/>"#;
        let bad: Vec<&[u8]> = ranges(xml).filter(|r| !in_order(r)).collect();
        assert_eq!(bad, [&b"B2:A1"[..]]);
        assert!(in_order(b"A1"));
        assert!(!in_order(b"A2:B1"));
    }
}
