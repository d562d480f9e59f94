//! Excel workbooks: a CSV bundle in one `.xlsx` file.
//!
//! A workbook holds one sheet per table of the bundle (see [`crate::io::csv`]): the sheet's
//! name is the table's name (`updates`), row 1 holds the same headings as the CSV table and
//! each row below is one row of the table, read by the same checks as a CSV file (the same
//! codes and messages). A `README` sheet says what goes where and which columns are
//! required; it is not read back.
//!
//! # Reading
//! Sheets may be missing or empty (the table has no rows); a sheet whose name is not a
//! table's is a warning naming it, and an error when it is a table's name but for case or one
//! letter (`Updates`, `update`: "did you mean `updates`"). A workbook with no table sheet at
//! all is an error. Cells are taken as what they are:
//! - a date cell is `YYYY-MM-DD`, a date-time with a zero time too; one with a time gives its
//!   date and a warning;
//! - a number cell is its shortest text (`2024`, not `2024.0`; `12.5`), then read as its
//!   column says: a number in a number column, an id or a text in an id or text column;
//! - a boolean cell is `true` or `false`;
//! - an error cell (`#REF!`, `#N/A`…) is an error located at its cell;
//! - a formula cell is the value Excel last computed for it.
//!
//! Rows count as in a CSV table (the header is row 1); an empty row between rows is a
//! `blank-row` error, empty rows after the last are ignored. Every problem names the
//! workbook, the sheet and the cell in A1 notation with its column heading
//! (`my.xlsx updates!C5 column "date"`), and [`crate::io::csv::SourceMap::locate`] does the
//! same for the problems [`crate::validate`] finds in the dataset.
//!
//! # Writing
//! [`to_bytes`] writes every table as a sheet (headings only when it has no rows), after the
//! `README` sheet: bold headings, the required ones on an orange ground, the heading row
//! frozen, a drop-down list of the allowed words in every column of words (`status`,
//! `level`…). Numbers are number cells (`12.5` stays `12.5`, `29` is `29`; a number that a
//! double cannot hold exactly, like a 20-digit lottery seed, stays text so that no digit is
//! lost), booleans boolean cells; everything else, dates included, is a text cell, so that a date keeps its precision
//! (`2024`, `2024-03` and `2024-03-18` read back exactly as they were written), and those
//! columns have the text format so that Excel does not turn what people type into dates or
//! numbers. Text is always written as a string, never as a formula, so a workbook needs no
//! formula escape ([`crate::io::csv::WriteOptions::spreadsheet_safe`] does not apply). The
//! same dataset always gives the same bytes: the workbook's creation date is fixed
//! (2000-01-01).
//!
//! ```
//! use ogp_core::Dataset;
//! use ogp_core::io::{csv::WriteOptions, xlsx};
//!
//! let ds = Dataset::from_json(r#"{
//!   "schema_version": "1", "default_language": "fr",
//!   "organizations": [
//!     {"id": "mrafp", "name": {"fr": "Ministère", "ar": "الوزارة"}, "sector": "government"},
//!     {"id": "x", "name": "=HYPERLINK(\"evil\")", "sector": "other", "ext": {"since": 2019}}
//!   ]
//! }"#)?;
//! let bytes = xlsx::to_bytes(&ds, &WriteOptions::default())?;
//! assert_eq!(bytes, xlsx::to_bytes(&ds, &WriteOptions::default())?);
//! let back = xlsx::from_bytes(&bytes, "orgs.xlsx")?;
//! assert_eq!(back.dataset, ds);
//! # Ok::<(), ogp_core::Error>(())
//! ```

mod read;
mod write;

use std::path::Path;

use crate::error::Location;
use crate::io::csv::tables::Layout;
use crate::io::csv::{Bundle, WriteOptions};
use crate::io::output::Overwrite;
use crate::{Dataset, Error};

/// True when `path` names an Excel workbook (it ends in `.xlsx`, in any case).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads a workbook from its bytes; `file` names it in the problems' locations. On failure,
/// [`Error::Parse`] carries every problem, each with its sheet and cell.
pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Bundle, Error> {
    read::read(bytes, file)
}

/// Reads the workbook at `path` (see [`from_bytes`]); problems name it as `path` is written.
/// A path that is not a regular file is refused (see [`crate::io::read_file`]).
pub fn read_file(path: &Path) -> Result<Bundle, Error> {
    let bytes = crate::io::read_file(path)?;
    from_bytes(&bytes, &path.display().to_string())
}

/// The workbook of a dataset: the `README` sheet and one sheet per table. The same dataset
/// always gives the same bytes. `opts.redact_people` leaves out person names;
/// `opts.spreadsheet_safe` is not needed (text is never written as a formula).
///
/// Fails only when the dataset does not fit in a workbook (a text longer than Excel's 32,767
/// characters).
pub fn to_bytes(ds: &Dataset, opts: &WriteOptions) -> Result<Vec<u8>, Error> {
    if opts.redact_people {
        let mut copy = ds.clone();
        crate::io::csv::redact_people(&mut copy);
        return write::dataset(&copy).map_err(cannot_write);
    }
    write::dataset(ds).map_err(cannot_write)
}

/// Writes the workbook of `ds` (see [`to_bytes`]) to `path`, atomically; a file that is not
/// empty is refused unless `overwrite` says to replace it (see [`crate::io::output`]).
pub fn write_file(
    ds: &Dataset,
    path: &Path,
    opts: &WriteOptions,
    overwrite: Overwrite,
) -> Result<(), Error> {
    crate::io::output::write_file(path, &to_bytes(ds, opts)?, overwrite)
}

/// A blank template workbook: the `README` sheet, then every table's headings (text columns
/// as `<text>/<tag>` for each of `languages`, or plain when none is given), with a
/// drop-down list of the allowed words in every column of words, and the `dataset` sheet
/// with its one row (schema version, default language).
///
/// ```
/// let bytes = ogp_core::io::xlsx::template_bytes(&["ar".into(), "fr".into()])?;
/// let blank = ogp_core::io::xlsx::from_bytes(&bytes, "template.xlsx")?;
/// assert_eq!(blank.dataset.default_language, "ar");
/// assert!(blank.dataset.plans.is_empty());
/// # Ok::<(), ogp_core::Error>(())
/// ```
pub fn template_bytes(languages: &[String]) -> Result<Vec<u8>, Error> {
    write::template(languages).map_err(cannot_write)
}

/// Writes a blank template workbook to `path` (see [`template_bytes`]), atomically; a file
/// that is not empty is refused unless `overwrite` says to replace it.
pub fn write_template(
    path: &Path,
    languages: &[String],
    overwrite: Overwrite,
) -> Result<(), Error> {
    crate::io::output::write_file(path, &template_bytes(languages)?, overwrite)
}

fn cannot_write(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Argument(format!("the dataset cannot be written as a workbook: {e}"))
}

/// How the locations of a bundle's tables (file, row, column heading) become a workbook's
/// (the workbook's file, the sheet, the cell).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Sheets {
    /// The workbook, as problems name it.
    file: String,
    /// The headings of each table's sheet, by table index (empty for a missing sheet).
    headers: Vec<Vec<String>>,
}

impl Sheets {
    /// Turns a table's location (`updates.csv`, row 5, column `date`) into the workbook's
    /// (`my.xlsx`, sheet `updates`, row 5, column `date`, cell `C5`). Locations already in a
    /// sheet, or not in a table, are left as they are.
    pub(crate) fn place(&self, loc: &mut Location) {
        if loc.sheet.is_some() {
            return;
        }
        let layout = Layout::get();
        let Some(ti) = loc
            .file
            .as_deref()
            .and_then(|f| f.strip_suffix(".csv"))
            .and_then(|name| layout.index(name))
        else {
            return;
        };
        loc.sheet = layout.tables.get(ti).map(|t| t.spec.name.to_owned());
        loc.file = Some(self.file.clone());
        if let (Some(row), Some(field)) = (loc.row, &loc.field) {
            let col = self
                .headers
                .get(ti)
                .and_then(|h| h.iter().position(|x| x == field));
            loc.cell = col.map(|c| a1(c, row));
        }
    }
}

/// A cell's name in A1 notation: column `col` (from 0: A, B… Z, AA…) and `row` (from 1).
pub(crate) fn a1(col: usize, row: u64) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 1), "A1");
        assert_eq!(a1(2, 5), "C5");
        assert_eq!(a1(25, 2), "Z2");
        assert_eq!(a1(26, 2), "AA2");
        assert_eq!(a1(51, 3), "AZ3");
        assert_eq!(a1(52, 3), "BA3");
        assert_eq!(a1(701, 9), "ZZ9");
        assert_eq!(a1(702, 9), "AAA9");
    }

    #[test]
    fn places_a_table_location_in_its_sheet() {
        let layout = Layout::get();
        let mut headers = vec![Vec::new(); layout.tables.len()];
        if let Some(i) = layout.index("updates") {
            headers[i] = vec!["target".into(), "date".into(), "percent".into()];
        }
        let sheets = Sheets {
            file: "my.xlsx".into(),
            headers,
        };
        let mut loc = Location {
            file: Some("updates.csv".into()),
            row: Some(5),
            field: Some("percent".into()),
            ..Location::default()
        };
        sheets.place(&mut loc);
        assert_eq!(loc.to_string(), "my.xlsx updates!C5 column \"percent\"");
        let mut other = Location {
            file: Some("datapackage.json".into()),
            ..Location::default()
        };
        sheets.place(&mut other);
        assert_eq!(other.file.as_deref(), Some("datapackage.json"));
        assert_eq!(other.sheet, None);
    }
}
