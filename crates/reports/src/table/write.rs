//! Writing an export: the BOM, the header and one record per row, as Danish Excel opens it.

use super::{BOM, CsvError, DELIMITER};
use std::io::Write;

/// Writes the BOM, the header and one record per row.
pub(crate) fn write_table<W: Write>(
    mut out: W,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<(), CsvError> {
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(DELIMITER)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(columns)?;
    for row in rows {
        debug_assert_eq!(
            row.len(),
            columns.len(),
            "a row must have a value per column"
        );
        writer.write_record(row.iter().map(|cell| defused(cell).into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}

/// What makes a spreadsheet program read a cell as a formula (or hide how it starts).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a spreadsheet must show it: text that would start a formula (`=HYPERLINK(…)`,
/// `+45 …`, `@SUM(…)`) gets a leading `'`, as the programs themselves write literal text;
/// numbers, negative ones too, stay numbers. [`restored`] reads it back.
pub(crate) fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    let starts_formula = cell.starts_with(FORMULA_STARTS);
    let number = cell
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .is_ok_and(f64::is_finite);
    if starts_formula && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as [`defused`] wrote it, back as it was: an import reads what an export wrote.
pub(crate) fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}
