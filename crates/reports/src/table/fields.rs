//! A draft's field path, such as `sites[1].p_number`, as the column and item a
//! coordinator finds in the file.

use super::RowError;
use domain::FieldError;

/// Whether a problem already reported for `reported` also accounts for `field`, as
/// `sites[1]` accounts for `sites[1].p_number`.
pub(super) fn covers(reported: &str, field: &str) -> bool {
    field
        .strip_prefix(reported)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// Splits `sites[1].p_number` into `sites`, 1 and `p_number`; a plain column gives none.
pub(super) fn split_path(field: &str) -> Option<(&str, usize, Option<&str>)> {
    let (column, rest) = field.split_once('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((column, index.parse().ok()?, rest.strip_prefix('.')))
}

/// Maps a draft field path onto its column; `sites[1].p_number` becomes column `sites`
/// with the reason opening `site 2, p_number:`, counting items from 1 as people do.
pub(super) fn to_row_error(line: usize, e: FieldError) -> RowError {
    match split_path(&e.field) {
        Some((column, index, part)) => {
            let item = format!(
                "{} {}",
                column.strip_suffix('s').unwrap_or(column),
                index.saturating_add(1)
            );
            let reason = match part {
                Some(part) => format!("{item}, {part}: {}", e.reason),
                None => format!("{item}: {}", e.reason),
            };
            RowError::new(line, column, reason)
        }
        None => RowError::new(line, e.field, e.reason),
    }
}
