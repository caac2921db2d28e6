//! The check that an imported file names each record once.

use super::row::Row;

/// Remembers the key of each row read, so a file that names one record twice is refused:
/// importing it would silently merge the two rows into one.
pub(crate) struct UniqueKeys {
    column: &'static str,
    seen: std::collections::BTreeMap<String, usize>,
}

impl UniqueKeys {
    pub(crate) fn new(column: &'static str) -> Self {
        Self {
            column,
            seen: Default::default(),
        }
    }

    /// Notes `key` for `row`; a key seen on an earlier line is reported on this one.
    pub(crate) fn check(&mut self, row: &mut Row<'_>, key: &str) {
        match self.seen.get(key) {
            Some(first) => row.report(
                self.column,
                format!("'{key}' is also on line {first}; a file names each record once"),
            ),
            None => {
                self.seen.insert(key.to_string(), row.line());
            }
        }
    }
}
