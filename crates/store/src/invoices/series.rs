//! The year's number series: taken first in the transaction that issues, so documents
//! are numbered without gaps or duplicates even when runs happen at the same time.

use super::seller::{Seller, seller};
use crate::{Refusal, StoreError};
use chrono::{Datelike, NaiveDate};
use sqlx::Row;

/// Takes the series of `issue_date`'s year for the transaction and reads the seller every
/// document names; refuses when the agency's details are not set, or when the series has
/// a document dated after `issue_date` (numbers and dates run forward together).
pub(super) async fn open_series(
    conn: &mut sqlx::AnyConnection,
    issue_date: NaiveDate,
) -> Result<Seller, StoreError> {
    let year = issue_date.year();
    take_series(conn, year).await?;
    let latest: Option<String> = sqlx::query_scalar(
        "SELECT MAX(issue_date) FROM invoices WHERE issue_date >= $1 AND issue_date <= $2",
    )
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{year:04}-12-31"))
    .fetch_one(&mut *conn)
    .await?;
    if let Some(latest) = latest.and_then(|d| d.parse::<NaiveDate>().ok())
        && latest > issue_date
    {
        return Err(StoreError::Refused(Refusal::DateBackwards { latest }));
    }
    seller(conn)
        .await?
        .ok_or(StoreError::Refused(Refusal::SellerMissing))
}

/// Creates the year's series if new and locks its row for the rest of the transaction,
/// before anything is read: a second run waits here until the first has committed.
async fn take_series(conn: &mut sqlx::AnyConnection, year: i32) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO invoice_series (year, last) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING",
    )
    .bind(i64::from(year))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE invoice_series SET last = last WHERE year = $1")
        .bind(i64::from(year))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The next number of the year's series, `2026-0001`.
pub(super) async fn next_number(
    conn: &mut sqlx::AnyConnection,
    year: i32,
) -> Result<String, StoreError> {
    let row =
        sqlx::query("UPDATE invoice_series SET last = last + 1 WHERE year = $1 RETURNING last")
            .bind(i64::from(year))
            .fetch_one(&mut *conn)
            .await?;
    let last: i64 = row.try_get("last")?;
    Ok(format!("{year:04}-{last:04}"))
}
