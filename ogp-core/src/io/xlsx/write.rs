//! Dataset (or blank template) → workbook.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};

use crate::Dataset;
use crate::io::csv::tables::{ColKind, Scalar, TableLayout};
use crate::io::csv::write::{Table, column_of, header, tables};
use crate::io::csv::{readme_rules, table_guide, template_rows};

/// The last row of a sheet (from 0): drop-down lists cover their column down to it.
const LAST_ROW: u32 = 1_048_575;

/// The formats of a workbook.
struct Formats {
    heading: Format,
    required: Format,
    text: Format,
    title: Format,
}

impl Formats {
    fn new() -> Formats {
        let heading = Format::new().set_bold();
        Formats {
            required: heading.clone().set_background_color(Color::RGB(0xF8_CB_AD)),
            heading,
            text: Format::new().set_num_format("@"),
            title: Format::new().set_bold().set_font_size(14),
        }
    }
}

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Boolean,
    Text,
}

/// The workbook of a dataset.
pub(super) fn dataset(ds: &Dataset) -> Result<Vec<u8>, XlsxError> {
    let layout = crate::io::csv::tables::Layout::get();
    let tables = tables(ds, false);
    let sheets: Vec<(&TableLayout, Table)> = layout.tables.iter().zip(tables).collect();
    workbook(&sheets, &[], "An ogp dataset")
}

/// A blank template workbook.
pub(super) fn template(languages: &[String]) -> Result<Vec<u8>, XlsxError> {
    let layout = crate::io::csv::tables::Layout::get();
    let sheets: Vec<(&TableLayout, Table)> = layout
        .tables
        .iter()
        .map(|t| {
            let header = header(t, &[], languages);
            let rows = template_rows(t, &header, languages);
            (t, Table { header, rows })
        })
        .collect();
    workbook(&sheets, languages, "A blank ogp dataset")
}

/// The README sheet, then one sheet per table; fixed document properties, so that the same
/// tables always give the same bytes.
fn workbook(
    sheets: &[(&TableLayout, Table)],
    languages: &[String],
    title: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    readme(wb.add_worksheet(), languages, title, &f)?;
    for (t, table) in sheets {
        sheet(wb.add_worksheet(), t, table, &f)?;
    }
    wb.save_to_buffer()
}

/// One table's sheet: headings (bold, required ones coloured), frozen, columns formatted by
/// kind with drop-down lists of words, then the rows.
fn sheet(ws: &mut Worksheet, t: &TableLayout, table: &Table, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(t.spec.name)?;
    ws.set_freeze_panes(1, 0)?;
    let mut kinds = Vec::new();
    for (c, label) in table.header.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        let col = column_of(t, label).map(|(col, _)| col);
        let kind = col.map_or(Kind::Text, |col| kind(&col.kind));
        let required = col.is_some_and(|col| col.required);
        let heading = if required { &f.required } else { &f.heading };
        ws.write_string_with_format(0, c, label, heading)?;
        #[allow(clippy::cast_precision_loss)]
        ws.set_column_width(c, (label.chars().count() + 2).clamp(10, 40) as f64)?;
        if kind == Kind::Text {
            ws.set_column_format(c, &f.text)?;
        }
        if let Some(dv) = col.and_then(|col| drop_down(&col.kind)) {
            ws.add_data_validation(1, c, LAST_ROW, c, &dv)?;
        }
        kinds.push(kind);
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, (cell, kind)) in row.iter().zip(&kinds).enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            write_cell(ws, r, c, cell, *kind)?;
        }
    }
    Ok(())
}

/// A cell as what it is: a number, a boolean, or a string (never a formula). A number that
/// a double cannot hold exactly (a 20-digit lottery seed) stays text, so no digit is lost.
fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &str, kind: Kind) -> Result<(), XlsxError> {
    if cell.is_empty() {
        return Ok(());
    }
    match (kind, cell) {
        (Kind::Number, _) => match cell.parse::<f64>() {
            Ok(n) if n.is_finite() && format!("{n}") == cell => {
                ws.write_number(r, c, n).map(|_| ())
            }
            _ => ws.write_string(r, c, cell).map(|_| ()),
        },
        (Kind::Boolean, "true") => ws.write_boolean(r, c, true).map(|_| ()),
        (Kind::Boolean, "false") => ws.write_boolean(r, c, false).map(|_| ()),
        _ => ws.write_string(r, c, cell).map(|_| ()),
    }
}

fn kind(k: &ColKind) -> Kind {
    match k {
        ColKind::Scalar(Scalar::Number { .. } | Scalar::Integer { .. })
        | ColKind::Map(Scalar::Number { .. } | Scalar::Integer { .. }) => Kind::Number,
        ColKind::Scalar(Scalar::Boolean) | ColKind::Map(Scalar::Boolean) => Kind::Boolean,
        _ => Kind::Text,
    }
}

/// The drop-down list of a column of words: strict for one word, a suggestion (other
/// values allowed) where a cell may hold a `;`-joined list. None when Excel's 255-character
/// limit on a list is exceeded.
fn drop_down(k: &ColKind) -> Option<DataValidation> {
    let (words, strict) = match k {
        ColKind::Scalar(Scalar::Enum(w)) | ColKind::Map(Scalar::Enum(w)) => (w, true),
        ColKind::List(Scalar::Enum(w)) | ColKind::WordOrList(w) => (w, false),
        _ => return None,
    };
    let dv = DataValidation::new().allow_list_strings(words).ok()?;
    Some(if strict {
        dv.set_error_message(format!("Choose one of: {}", words.join(", ")))
            .ok()?
    } else {
        dv.set_error_style(DataValidationErrorStyle::Information)
    })
}

/// The README sheet: the rules of filling, then every sheet with what a row is and its
/// required columns.
fn readme(
    ws: &mut Worksheet,
    languages: &[String],
    title: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name("README")?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 90)?;
    ws.set_column_width(2, 50)?;
    ws.write_string_with_format(0, 0, title, &f.title)?;
    let intro = [
        "Each sheet is one table: row 1 holds its column headings, each row below one item. \
         Headings on an orange ground are required columns; a drop-down list gives the words \
         a column accepts.",
        "Check the workbook with `ogp validate THIS_FILE.xlsx`; when it says `valid`, turn it \
         into one JSON document if you need one: `ogp convert THIS_FILE.xlsx dataset.json`.",
        "Dates are text (`2019`, `2019-03` or `2019-03-18`); a date cell is read as its day.",
    ];
    let mut r = 2;
    for line in intro
        .iter()
        .map(|s| (*s).to_owned())
        .chain(readme_rules(languages, "the `dataset` sheet"))
    {
        ws.write_string(r, 0, format!("• {line}"))?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["sheet", "one row per", "required columns"]
        .iter()
        .enumerate()
    {
        let c = u16::try_from(c).unwrap_or(0);
        ws.write_string_with_format(r, c, *h, &f.heading)?;
    }
    for (t, what, required) in table_guide() {
        r += 1;
        ws.write_string(r, 0, t.spec.name)?;
        ws.write_string(r, 1, what)?;
        ws.write_string(r, 2, required.join(", "))?;
    }
    Ok(())
}
