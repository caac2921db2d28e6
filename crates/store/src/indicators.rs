//! Indicators and the releases of their series. Every imported value is kept: the latest
//! release of a year (month, breakdown) is its current value, and the earlier ones are
//! what was published before.

use crate::sql::{join, split};
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An indicator as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// `[a-z0-9-]{1,64}`.
    pub id: String,
    pub title_da: String,
    pub title_en: String,
    pub description_da: String,
    pub description_en: String,
    pub unit: String,
    /// `up` or `down`.
    pub direction: String,
    pub target_value: Option<f64>,
    pub target_year: Option<i64>,
    /// Per cent a year, signed.
    pub target_rate: Option<f64>,
    pub base_year: Option<i64>,
    pub ceiling: Option<f64>,
    /// Goal and target codes: `13`, `13.2`.
    pub sdgs: Vec<String>,
    /// The initiative's slug.
    pub initiative: Option<String>,
    pub source: String,
    pub method: String,
    pub updated_at: String,
}

/// One value of a release.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub year: i64,
    pub month: Option<i64>,
    /// `Column=value` pairs joined by `; `; empty for the headline series.
    pub breakdown: String,
    pub value: f64,
}

/// A value with the release it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub value: Value,
    pub import_id: i64,
    pub source: String,
    /// `YYYY-MM-DD`.
    pub published: String,
}

/// A release as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub id: i64,
    pub indicator_id: String,
    pub source: String,
    pub published: String,
    pub rows: i64,
    pub imported_at: String,
    pub imported_by: String,
}

const COLUMNS: &str = "id, title_da, title_en, description_da, description_en, unit, direction, target_value, target_year, target_rate, base_year, ceiling, sdgs, initiative, source, method, updated_at";

fn from_row(r: &AnyRow) -> Result<Indicator, StoreError> {
    Ok(Indicator {
        id: r.try_get("id")?,
        title_da: r.try_get("title_da")?,
        title_en: r.try_get("title_en")?,
        description_da: r.try_get("description_da")?,
        description_en: r.try_get("description_en")?,
        unit: r.try_get("unit")?,
        direction: r.try_get("direction")?,
        target_value: r.try_get("target_value")?,
        target_year: r.try_get("target_year")?,
        target_rate: r.try_get("target_rate")?,
        base_year: r.try_get("base_year")?,
        ceiling: r.try_get("ceiling")?,
        sdgs: split(&r.try_get::<String, _>("sdgs")?),
        initiative: r.try_get("initiative")?,
        source: r.try_get("source")?,
        method: r.try_get("method")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl Store {
    /// Adds an indicator, or replaces one with the same id (its values stay).
    pub async fn put_indicator(
        &self,
        i: &Indicator,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let exists = sqlx::query("SELECT id FROM indicators WHERE id = $1")
            .bind(&i.id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        let sql = if exists {
            "UPDATE indicators SET title_da = $2, title_en = $3, description_da = $4, description_en = $5, unit = $6, direction = $7, \
             target_value = $8, target_year = $9, target_rate = $10, base_year = $11, ceiling = $12, sdgs = $13, initiative = $14, \
             source = $15, method = $16, updated_at = $17, updated_by = $18 WHERE id = $1"
        } else {
            "INSERT INTO indicators (id, title_da, title_en, description_da, description_en, unit, direction, target_value, target_year, \
             target_rate, base_year, ceiling, sdgs, initiative, source, method, updated_at, updated_by, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17, $18)"
        };
        sqlx::query(sql)
            .bind(&i.id)
            .bind(&i.title_da)
            .bind(&i.title_en)
            .bind(&i.description_da)
            .bind(&i.description_en)
            .bind(&i.unit)
            .bind(&i.direction)
            .bind(i.target_value)
            .bind(i.target_year)
            .bind(i.target_rate)
            .bind(i.base_year)
            .bind(i.ceiling)
            .bind(join(i.sdgs.iter().map(String::as_str)))
            .bind(i.initiative.as_deref())
            .bind(&i.source)
            .bind(&i.method)
            .bind(timestamp(at))
            .bind(&by.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// One indicator, or none.
    pub async fn indicator(&self, id: &str) -> Result<Option<Indicator>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM indicators WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Every indicator, by id.
    pub async fn indicators(&self) -> Result<Vec<Indicator>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM indicators ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Keeps a release of an indicator's series in one transaction: all of it or nothing.
    pub async fn import_values(
        &self,
        indicator_id: &str,
        values: &[Value],
        (source, published): (&str, &str),
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "INSERT INTO indicator_imports (indicator_id, source, published, rows_imported, imported_at, imported_by) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(indicator_id)
        .bind(source)
        .bind(published)
        .bind(values.len() as i64)
        .bind(timestamp(at))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        let import: i64 = row.try_get("id")?;
        for v in values {
            sqlx::query(
                "INSERT INTO indicator_values (import_id, indicator_id, year, month, breakdown, value) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(import)
            .bind(indicator_id)
            .bind(v.year)
            .bind(v.month)
            .bind(&v.breakdown)
            .bind(v.value)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(import)
    }

    /// Every value ever imported for an indicator, oldest release first.
    pub async fn indicator_values(&self, indicator_id: &str) -> Result<Vec<Published>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.year, v.month, v.breakdown, v.value, v.import_id, i.source, i.published \
             FROM indicator_values v JOIN indicator_imports i ON i.id = v.import_id \
             WHERE v.indicator_id = $1 ORDER BY i.published, i.id, v.breakdown, v.year, v.month",
        )
        .bind(indicator_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Published {
                    value: Value {
                        year: r.try_get("year")?,
                        month: r.try_get("month")?,
                        breakdown: r.try_get("breakdown")?,
                        value: r.try_get("value")?,
                    },
                    import_id: r.try_get("import_id")?,
                    source: r.try_get("source")?,
                    published: r.try_get("published")?,
                })
            })
            .collect()
    }

    /// An indicator's releases, newest first.
    pub async fn releases(&self, indicator_id: &str) -> Result<Vec<Release>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, indicator_id, source, published, rows_imported, imported_at, imported_by \
             FROM indicator_imports WHERE indicator_id = $1 ORDER BY id DESC",
        )
        .bind(indicator_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Release {
                    id: r.try_get("id")?,
                    indicator_id: r.try_get("indicator_id")?,
                    source: r.try_get("source")?,
                    published: r.try_get("published")?,
                    rows: r.try_get("rows_imported")?,
                    imported_at: r.try_get("imported_at")?,
                    imported_by: r.try_get("imported_by")?,
                })
            })
            .collect()
    }
}
