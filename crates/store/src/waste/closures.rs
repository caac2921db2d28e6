//! Closed days: once the coordinator closes a Flex Waste day its stops are no longer
//! changed. A day closes by itself at local midnight too; that rule is the service's,
//! which knows the time — this keeps only the days closed by hand.

use super::rows::time;
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// Who closed a day, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Closure {
    pub at: DateTime<Utc>,
    pub by: String,
}

impl Store {
    /// Closes `day`; a day closed already keeps its first closing.
    pub async fn close_waste_day(
        &self,
        day: NaiveDate,
        at: DateTime<Utc>,
        by: &Actor,
    ) -> Result<Closure, StoreError> {
        sqlx::query(
            "INSERT INTO waste_day_closures (pickup_on, closed_at, closed_by) VALUES ($1, $2, $3) \
             ON CONFLICT (pickup_on) DO NOTHING",
        )
        .bind(day.to_string())
        .bind(timestamp(at))
        .bind(&by.0)
        .execute(&self.pool)
        .await?;
        self.waste_day_closure(day)
            .await?
            .ok_or_else(|| StoreError::Conflict(format!("the day {day} was not closed")))
    }

    /// Who closed `day` and when, if it was closed by hand.
    pub async fn waste_day_closure(&self, day: NaiveDate) -> Result<Option<Closure>, StoreError> {
        let row =
            sqlx::query("SELECT closed_at, closed_by FROM waste_day_closures WHERE pickup_on = $1")
                .bind(day.to_string())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(Closure {
                at: time(&r, "closed_at")?,
                by: r.try_get("closed_by")?,
            })
        })
        .transpose()
    }
}
