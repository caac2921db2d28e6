//! Lists come a page at a time, narrowed by filters that are built up at run time
//! but still bound as parameters, never pasted into SQL.

use crate::read::Columns;
pub(crate) use crate::read::Value;
use crate::{Store, StoreError};

/// Which page of a list to return: `page` counts from 1; `per_page` is at most 200.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
}

impl PageRequest {
    pub const MAX_PER_PAGE: i64 = 200;

    pub fn new(page: i64, per_page: i64) -> Result<Self, domain::Invalid> {
        if page < 1 {
            return Err(domain::Invalid::new("pages count from 1"));
        }
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            return Err(domain::Invalid::new(format!(
                "per_page must be between 1 and {}",
                Self::MAX_PER_PAGE
            )));
        }
        Ok(Self { page, per_page })
    }

    /// Everything, for exports: one page as large as any table here gets.
    pub fn all() -> Self {
        Self {
            page: 1,
            per_page: i64::MAX / 2,
        }
    }

    /// This page of a list held whole in memory (one ranked or computed, not read page by
    /// page from a table).
    pub fn of<T>(self, all: Vec<T>) -> Page<T> {
        let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let items = all
            .into_iter()
            .skip(usize::try_from(self.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(self.per_page).unwrap_or(usize::MAX))
            .collect();
        Page {
            items,
            total,
            page: self.page,
            per_page: self.per_page,
        }
    }

    /// How many records come before this page.
    pub fn offset(self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: 50,
        }
    }
}

/// One page of a list and how long the whole list is.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A WHERE clause grown one condition at a time, with `$n` placeholders numbered in order.
/// Its text holds only the store's own column names and operators and the placeholders;
/// the values are bound.
pub(crate) struct Filter {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Filter {
    /// Starts with the rule every list shares: soft-deleted records are gone.
    pub fn live() -> Self {
        Self {
            clauses: vec!["deleted_at IS NULL".into()],
            values: Vec::new(),
        }
    }

    /// Adds `column OP $n` for one value.
    pub fn compare(&mut self, column: &'static str, op: &'static str, value: Value) -> &mut Self {
        self.values.push(value);
        self.clauses
            .push(format!("{column} {op} ${}", self.values.len()));
        self
    }

    fn sql(&self) -> String {
        self.clauses.join(" AND ")
    }

    /// Counts the matching rows of `table` and reads one page of `columns`, oldest
    /// first, each row mapped by `map`.
    pub async fn page<T>(
        &self,
        store: &Store,
        table: &'static str,
        columns: &'static str,
        page: PageRequest,
        map: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<(Vec<T>, i64), StoreError> {
        let count_sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {}", self.sql());
        let total = store
            .read_optional(&count_sql, &self.values, |row| row.get::<i64>("n"))
            .await?
            .unwrap_or(0);
        let n = self.values.len();
        let rows_sql = format!(
            "SELECT {columns} FROM {table} WHERE {} ORDER BY id LIMIT ${} OFFSET ${}",
            self.sql(),
            n + 1,
            n + 2
        );
        let mut values = self.values.clone();
        values.extend([Value::Int(page.per_page), Value::Int(page.offset())]);
        // A page is read where it is asked for; everything at once (an export) is not.
        let rows = if page.per_page <= PageRequest::MAX_PER_PAGE {
            store.read_all(&rows_sql, &values, map).await?
        } else {
            store.read_all_pooled(&rows_sql, &values, map).await?
        };
        Ok((rows, total))
    }
}
