//! Reads that answer most requests, done on the calling thread when the database is an
//! SQLite file.
//!
//! sqlx runs each SQLite connection on a thread of its own: every query is a message to
//! that thread and every row a message back, and under load those hand-offs (futex
//! wake-ups, context switches) took most of a request's time, far more than SQLite's own
//! work (BENCHMARKS.md, "HTTP under load"). The hot reads — a session, a record, a page
//! of a list — therefore go through [`Store::read_all`] and [`Store::read_optional`],
//! which on SQLite step a cached prepared statement of a read-only rusqlite connection
//! right where they are called (microseconds, far less than the hand-off), and on
//! PostgreSQL are ordinary sqlx queries. Both hand each row to the same mapping function
//! through [`Columns`], so a record is read back the same way from either database.
//!
//! Writes, and reads inside a write transaction, stay on sqlx.

use crate::StoreError;
use crate::sql::assembled;
use sqlx::Row;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use std::path::PathBuf;
use std::sync::Mutex;

/// A value bound to a `$n` placeholder, in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(i64),
    Text(String),
}

/// Binds `values` to an sqlx query, in order.
pub(crate) fn bind_all<'q>(
    mut query: Query<'q, sqlx::Any, AnyArguments>,
    values: &[Value],
) -> Query<'q, sqlx::Any, AnyArguments> {
    for value in values {
        query = match value {
            Value::Int(i) => query.bind(*i),
            Value::Text(t) => query.bind(t.clone()),
        };
    }
    query
}

/// One row's columns by name, whichever database it came from.
pub(crate) trait Columns {
    fn text(&self, column: &str) -> Result<Option<String>, StoreError>;
    fn int(&self, column: &str) -> Result<Option<i64>, StoreError>;
    fn real(&self, column: &str) -> Result<Option<f64>, StoreError>;
}

impl dyn Columns + '_ {
    /// The column `column` as a `T`; a NULL where `T` is not an `Option` is an error that
    /// names the column.
    pub(crate) fn get<T: Cell>(&self, column: &str) -> Result<T, StoreError> {
        T::from_columns(self, column)
    }
}

/// What a column can be read as.
pub(crate) trait Cell: Sized {
    fn from_columns(row: &dyn Columns, column: &str) -> Result<Self, StoreError>;
}

fn present<T>(value: Option<T>, column: &str) -> Result<T, StoreError> {
    value.ok_or_else(|| StoreError::Column {
        column: column.to_string(),
        reason: "NULL where a value is required".into(),
    })
}

/// A column type read as itself, NULL refused, or as an `Option`, NULL allowed.
macro_rules! cell {
    ($type:ty, $read:ident) => {
        impl Cell for Option<$type> {
            fn from_columns(row: &dyn Columns, column: &str) -> Result<Self, StoreError> {
                row.$read(column)
            }
        }

        impl Cell for $type {
            fn from_columns(row: &dyn Columns, column: &str) -> Result<Self, StoreError> {
                present(row.$read(column)?, column)
            }
        }
    };
}

cell!(String, text);
cell!(i64, int);
cell!(f64, real);

impl Columns for AnyRow {
    fn text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn real(&self, column: &str) -> Result<Option<f64>, StoreError> {
        Ok(self.try_get(column)?)
    }
}

/// A rusqlite row with its statement's column names, read once per query: rusqlite's
/// own lookup by name asks SQLite for every name again on every read.
struct Named<'r> {
    row: &'r rusqlite::Row<'r>,
    names: &'r [String],
}

impl Named<'_> {
    fn index(&self, column: &str) -> Result<usize, StoreError> {
        self.names
            .iter()
            .position(|name| name == column)
            .ok_or_else(|| StoreError::Column {
                column: column.to_string(),
                reason: "the query returns no such column".into(),
            })
    }
}

impl Columns for Named<'_> {
    fn text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.row.get(self.index(column)?)?)
    }
    fn int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.row.get(self.index(column)?)?)
    }
    fn real(&self, column: &str) -> Result<Option<f64>, StoreError> {
        Ok(self.row.get(self.index(column)?)?)
    }
}

/// Read-only connections to an SQLite file, opened when first needed and kept for the
/// next read.
#[derive(Debug)]
pub(crate) struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
}

/// How many idle connections are kept, at least: reads run on the runtime's threads, so
/// as many run at once as there are cores, and each keeps its connection.
const KEPT: usize = 8;
/// How many prepared statements each connection keeps.
const STATEMENTS: usize = 64;

impl Readers {
    pub(crate) fn new(path: PathBuf) -> Self {
        Self {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Closes the idle connections, so that the pools' close is the last and SQLite
    /// checkpoints its log.
    pub(crate) fn close(&self) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    #[cfg(test)]
    pub(crate) fn idle_count(&self) -> usize {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    fn open(&self) -> Result<rusqlite::Connection, StoreError> {
        let conn = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Writers hold the lock for milliseconds; WAL lets reads go on meanwhile, and
        // query_only makes sure nothing here ever writes.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", true)?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        Ok(conn)
    }

    /// Runs `read` on an idle connection (or a new one), then keeps the connection.
    /// `None` when no connection could be opened: the caller reads through sqlx instead,
    /// so a file this reader cannot open (one sqlx opens differently) still answers.
    fn with<T>(
        &self,
        read: impl FnOnce(&rusqlite::Connection) -> Result<T, StoreError>,
    ) -> Option<Result<T, StoreError>> {
        let ready = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match ready {
            Some(conn) => conn,
            None => self.open().ok()?,
        };
        let answer = read(&conn);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < kept() {
            idle.push(conn);
        }
        Some(answer)
    }
}

/// The first placeholders' names, so binding them formats nothing.
const PLACEHOLDERS: [&str; 8] = ["$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8"];

/// How many idle connections are kept: [`KEPT`], or one per core on a larger machine.
/// Asked once: the operating system's answer costs file reads (cgroup limits).
fn kept() -> usize {
    static KEPT_HERE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *KEPT_HERE
        .get_or_init(|| std::thread::available_parallelism().map_or(KEPT, |n| n.get().max(KEPT)))
}

/// Steps `sql` with `values` bound to `$1`, `$2`, … and maps at most `limit` rows.
fn step<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    values: &[Value],
    limit: usize,
    map: &mut dyn FnMut(&dyn Columns) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare_cached(sql)?;
    for (n, value) in values.iter().enumerate() {
        let name = PLACEHOLDERS
            .get(n)
            .map(|name| std::borrow::Cow::Borrowed(*name))
            .unwrap_or_else(|| format!("${}", n + 1).into());
        let index = statement
            .parameter_index(&name)?
            .ok_or_else(|| StoreError::Column {
                column: name.to_string(),
                reason: "the query has no such placeholder".into(),
            })?;
        match value {
            Value::Int(i) => statement.raw_bind_parameter(index, i)?,
            Value::Text(t) => statement.raw_bind_parameter(index, t)?,
        }
    }
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(String::from)
        .collect();
    let mut rows = statement.raw_query();
    let mut mapped = Vec::new();
    while mapped.len() < limit {
        let Some(row) = rows.next()? else { break };
        mapped.push(map(&Named { row, names: &names })?);
    }
    Ok(mapped)
}

impl crate::Store {
    /// At most `limit` rows read on the calling thread, when this store has readers that
    /// can open its file; `None` sends the read to sqlx.
    fn read_here<T>(
        &self,
        sql: &str,
        values: &[Value],
        limit: usize,
        map: &mut dyn FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Option<Result<Vec<T>, StoreError>> {
        self.readers()?
            .with(|conn| step(conn, sql, values, limit, map))
    }

    /// Every row `sql` returns with `values` bound, each mapped by `map`. On SQLite it runs
    /// on the calling thread: meant for reads of a bounded size (a page, a record's rows).
    pub(crate) async fn read_all<T>(
        &self,
        sql: &str,
        values: &[Value],
        mut map: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        if let Some(read) = self.read_here(sql, values, usize::MAX, &mut map) {
            return read;
        }
        self.read_all_pooled(sql, values, map).await
    }

    /// As [`Store::read_all`], but through sqlx's pool on either database: for reads that
    /// may be long (every row of a table), which must not hold up the calling thread.
    pub(crate) async fn read_all_pooled<T>(
        &self,
        sql: &str,
        values: &[Value],
        mut map: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let rows = bind_all(sqlx::query(assembled(sql.to_string())), values)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| map(row)).collect()
    }

    /// The first row `sql` returns with `values` bound, mapped by `map`, if any.
    pub(crate) async fn read_optional<T>(
        &self,
        sql: &str,
        values: &[Value],
        mut map: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        if let Some(read) = self.read_here(sql, values, 1, &mut map) {
            return read.map(|rows| rows.into_iter().next());
        }
        let row = bind_all(sqlx::query(assembled(sql.to_string())), values)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(|row| map(row)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file with one table, written through a connection of its own.
    fn database() -> (tempfile::TempDir, Readers) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read.db");
        let writer = rusqlite::Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT, share REAL);
                 INSERT INTO t VALUES (1, 'a', NULL, 0.5), (2, 'b', 'x', 2);",
            )
            .unwrap();
        (dir, Readers::new(path))
    }

    fn names(readers: &Readers, sql: &str, values: &[Value]) -> Result<Vec<String>, StoreError> {
        readers
            .with(|conn| step(conn, sql, values, usize::MAX, &mut |row| row.get("name")))
            .unwrap()
    }

    #[test]
    fn placeholders_bind_by_their_number_not_their_place() {
        let (_dir, readers) = database();
        let sql = "SELECT name FROM t WHERE name = $2 OR id = $1 ORDER BY id";
        let found = names(&readers, sql, &[Value::Int(1), Value::Text("b".into())]).unwrap();
        assert_eq!(found, ["a", "b"]);
        let found = names(&readers, sql, &[Value::Int(2), Value::Text("z".into())]).unwrap();
        assert_eq!(found, ["b"]);
    }

    #[test]
    fn a_null_or_a_missing_column_is_an_error_that_names_it() {
        let (_dir, readers) = database();
        let read = |column: &'static str| {
            readers
                .with(|conn| {
                    step(conn, "SELECT * FROM t ORDER BY id", &[], 1, &mut |row| {
                        row.get::<String>(column)
                    })
                })
                .unwrap()
        };
        let null = read("note").unwrap_err().to_string();
        assert!(null.contains("note") && null.contains("NULL"), "{null}");
        let missing = read("nothing").unwrap_err().to_string();
        assert!(missing.contains("nothing"), "{missing}");
        // A whole number where a real is read is the real it stands for, as in sqlx.
        let shares = readers
            .with(|conn| {
                step(
                    conn,
                    "SELECT share FROM t ORDER BY id",
                    &[],
                    9,
                    &mut |row| row.get::<f64>("share"),
                )
            })
            .unwrap()
            .unwrap();
        assert_eq!(shares, [0.5, 2.0]);
    }

    #[test]
    fn readers_never_write_and_are_kept_for_the_next_read() {
        let (_dir, readers) = database();
        let refused = readers
            .with(|conn| Ok(conn.execute("DELETE FROM t", [])?))
            .unwrap();
        assert!(refused.is_err(), "{refused:?}");
        assert_eq!(
            names(&readers, "SELECT name FROM t ORDER BY id", &[]).unwrap(),
            ["a", "b"]
        );
        assert_eq!(readers.idle.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_file_the_readers_cannot_open_leaves_the_read_to_sqlx() {
        let dir = tempfile::tempdir().unwrap();
        let readers = Readers::new(dir.path().join("not-there.db"));
        assert!(readers.with(|_| Ok(())).is_none());
        assert!(!dir.path().join("not-there.db").exists());
    }
}
