//! How Flex Waste's values are stored as text — instants, days, fraction lists, time
//! windows — and read back from rows, a value that no longer parses being corrupt.

use crate::StoreError;
use crate::sql::{join, split};
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::TimeWindow;
use domain::waste::Fraction;
use sqlx::Row;
use sqlx::any::AnyRow;

pub(super) fn time(row: &AnyRow, column: &str) -> Result<DateTime<Utc>, StoreError> {
    let text: String = row.try_get(column)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste record",
            id: 0,
            reason: format!("{column}: {e}"),
        })
}

pub(super) fn day(row: &AnyRow, column: &str) -> Result<NaiveDate, StoreError> {
    let text: String = row.try_get(column)?;
    text.parse().map_err(|e| StoreError::Corrupt {
        what: "flex waste record",
        id: 0,
        reason: format!("{column}: {e}"),
    })
}

pub(super) fn fractions(text: &str) -> Result<Vec<Fraction>, StoreError> {
    split(text)
        .iter()
        .map(|f| Fraction::parse(f))
        .collect::<Result<_, _>>()
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste fractions",
            id: 0,
            reason: e.0,
        })
}

pub(super) fn window(text: &str) -> Result<TimeWindow, StoreError> {
    TimeWindow::parse(text).map_err(|e| StoreError::Corrupt {
        what: "flex waste window",
        id: 0,
        reason: e.0,
    })
}

pub(super) fn fraction_codes(list: &[Fraction]) -> String {
    join(list.iter().map(|f| f.code()))
}

/// The first stored row, of `(id, fractions)` pairs, that shares a fraction with `wanted`:
/// a site is never subscribed to, or ordered, the same fraction twice at once.
pub(super) fn sharing_fraction(
    rows: &[AnyRow],
    wanted: &[Fraction],
) -> Result<Option<i64>, StoreError> {
    for row in rows {
        let stored = fractions(&row.try_get::<String, _>("fractions")?)?;
        if stored.iter().any(|f| wanted.contains(f)) {
            return Ok(Some(row.try_get("id")?));
        }
    }
    Ok(None)
}
