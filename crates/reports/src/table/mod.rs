//! What every CSV file shares: the byte layout (`;`, CRLF, UTF-8 with a BOM), the
//! header check, the cell formats (yes/no, decimals, comma lists, `|` items) and the
//! mapping of the domain's field errors onto a line and a column.
//!
//! - `error`: a bad value of an imported file, and an export that could not be written.
//! - `write`: the BOM, the header and the rows of an export.
//! - `cells`: the cell formats, written and read.
//! - `read`: an import's header check and rows, every error with its line.
//! - `row`: one data row being read, cell by cell.
//! - `unique`: the check that a file names each record once.
//! - `fields`: a draft's field path as a column and an item.
//! - `fuzz_tests`: every reader under arbitrary and damaged files, never panicking.

mod cells;
mod error;
mod fields;
#[cfg(test)]
mod fuzz_tests;
mod read;
mod row;
#[cfg(test)]
pub(crate) mod tests;
mod unique;
mod write;

pub(crate) use cells::{items, list, optional, yes_no};
pub use error::{CsvError, RowError};
pub(crate) use read::read_table;
pub(crate) use unique::UniqueKeys;
pub(crate) use write::write_table;

/// Danish Excel reads a file without this mark as Windows-1252 and garbles æ, ø and å.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Danish Excel splits on `;` because `,` is the decimal comma.
const DELIMITER: u8 = b';';

/// Names the column of an error that belongs to no one column, such as an unreadable file.
const WHOLE_FILE: &str = "(file)";
