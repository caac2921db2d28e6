//! What goes wrong with a CSV file: a bad value on import, named by line and column, or
//! a destination that cannot be written on export.

use std::fmt;

/// One bad value in an imported file: `line 3, column email: 'nope' is not an e-mail address`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line the row starts on; the header is line 1.
    pub line: usize,
    /// The column as the header names it, or `field N` for a field beyond the header.
    pub column: String,
    /// What is wrong, in a sentence a coordinator can act on.
    pub reason: String,
}

impl RowError {
    pub fn new(line: usize, column: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            line,
            column: column.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

impl std::error::Error for RowError {}

/// An export that could not be written; only the destination can cause it.
#[derive(Debug, thiserror::Error)]
#[error("could not write the CSV file: {0}")]
pub struct CsvError(#[from] std::io::Error);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        Self(e.into())
    }
}
