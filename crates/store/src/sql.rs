//! Small pieces every table's queries share: list columns, metadata, versioned
//! updates that explain themselves, soft deletion, and the one door for SQL that is put
//! together at run time ([`assembled`]).

use crate::read::Columns;
use crate::{Meta, Store, StoreError, now};
use sqlx::{AnyConnection, AssertSqlSafe, SqlSafeStr, SqlStr};

/// SQL put together at run time: a table's column list pasted into a statement, the
/// `a = $1, b = $2, …` of an update ([`assignments`], [`placeholders`]), a list's WHERE
/// clause ([`crate::page::Filter`]).
///
/// sqlx takes a `&'static str` as it is and wants any other SQL text asserted safe
/// ([`AssertSqlSafe`]); this is the only place the store makes that assertion. It holds
/// because every caller builds the text from the store's own `&'static str` fragments
/// (table and column names, fixed conditions such as [`OPEN_TASK_STATUSES`]) and `$n`
/// placeholders only: every value, above all anything a user typed, is bound with
/// `.bind()` and never becomes part of the text. Keep it that way: whatever reaches this
/// function must not contain input from outside the store.
pub(crate) fn assembled(sql: String) -> SqlStr {
    AssertSqlSafe(sql).into_sql_str()
}

/// Joins codes as stored in one column: `cleaning, sorting`.
pub(crate) fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Splits a column written by [`join`].
pub(crate) fn split(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Reads the metadata columns every versioned table has.
pub(crate) fn meta(row: &dyn Columns) -> Result<Meta, StoreError> {
    Ok(Meta {
        id: row.get("id")?,
        version: row.get("version")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// `a = $1, b = $2, …` for a comma-separated column list.
pub(crate) fn assignments(columns: &'static str) -> String {
    columns
        .split(',')
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.trim(), i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$from, $from+1, …` for `count` parameters.
pub(crate) fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Explains why a versioned update touched no row: the record is gone, or someone changed it first.
    pub(crate) async fn stale(
        &self,
        table: &'static str,
        what: &'static str,
        id: i64,
        version: i64,
    ) -> StoreError {
        let sql = format!("SELECT version FROM {table} WHERE id = $1 AND deleted_at IS NULL");
        match sqlx::query_scalar::<_, i64>(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
        {
            Ok(Some(current)) => StoreError::Conflict(format!(
                "{what} {id} was changed by someone else: you sent version {version}, it is now at version {current}; reload and try again"
            )),
            Ok(None) => StoreError::NotFound { what, id },
            Err(e) => StoreError::Database(e),
        }
    }
}

/// The statuses of a task request that still asks for work.
pub(crate) const OPEN_TASK_STATUSES: &str = "('requested', 'planned', 'confirmed')";

/// Marks a live row deleted if `condition` (SQL, may be empty) also holds; says whether it did.
pub(crate) async fn mark_deleted(
    conn: &mut AnyConnection,
    table: &'static str,
    id: i64,
    condition: &'static str,
) -> Result<bool, StoreError> {
    let sql = format!(
        "UPDATE {table} SET deleted_at = $1, version = version + 1 WHERE id = $2 AND deleted_at IS NULL {condition}"
    );
    let done = sqlx::query(assembled(sql))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
