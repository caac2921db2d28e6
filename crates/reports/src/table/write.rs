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
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}
