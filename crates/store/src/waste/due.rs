//! What is due on a day: every site to visit, from the subscriptions running that
//! weekday and the day's orders.

use super::rows::{fractions, window};
use super::sites::{SITE_COLUMNS, WasteSite, site_from_row};
use super::subscriptions::weekday_code;
use crate::sql::{assembled, split};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::calendar::TimeWindow;
use domain::waste::Fraction;
use sqlx::Row;
use sqlx::any::AnyRow;

/// Why a site is to be visited on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Subscription(i64),
    Order(i64),
}

/// One site to visit on a day, from its subscription or an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub site: WasteSite,
    pub source: Source,
    pub fractions: Vec<Fraction>,
    pub window: TimeWindow,
    pub expected_kg: u32,
    pub expected_litres: u32,
}

impl Store {
    /// Every site to visit on `day`: subscriptions running that day on its weekday, and
    /// that day's orders; by site, subscriptions first.
    pub async fn pickups_due(&self, day: NaiveDate) -> Result<Vec<Due>, StoreError> {
        let weekday = weekday_code(chrono::Datelike::weekday(&day));
        let sql = format!(
            "SELECT w.id, w.fractions, w.weekdays, w.time_window, w.expected_kg, w.expected_litres, {SITE_COLUMNS} \
             FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
             WHERE c.deleted_at IS NULL AND {} ORDER BY s.id, w.id",
            super::runs_between("$1", "$1")
        );
        let mut due = Vec::new();
        for row in sqlx::query(assembled(sql))
            .bind(day.to_string())
            .fetch_all(&self.pool)
            .await?
        {
            let days: String = row.try_get("weekdays")?;
            if split(&days).iter().any(|d| d == weekday) {
                due.push(due_from_row(
                    &row,
                    Source::Subscription(row.try_get("id")?),
                )?);
            }
        }
        let sql = format!(
            "SELECT w.id, w.fractions, w.time_window, w.expected_kg, w.expected_litres, {SITE_COLUMNS} \
             FROM waste_orders w JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
             WHERE c.deleted_at IS NULL AND w.pickup_on = $1 AND w.cancelled_at IS NULL ORDER BY s.id, w.id"
        );
        for row in sqlx::query(assembled(sql))
            .bind(day.to_string())
            .fetch_all(&self.pool)
            .await?
        {
            due.push(due_from_row(&row, Source::Order(row.try_get("id")?))?);
        }
        Ok(due)
    }
}

fn due_from_row(row: &AnyRow, source: Source) -> Result<Due, StoreError> {
    Ok(Due {
        site: site_from_row(row)?,
        source,
        fractions: fractions(&row.try_get::<String, _>("fractions")?)?,
        window: window(&row.try_get::<String, _>("time_window")?)?,
        expected_kg: row.try_get::<i64, _>("expected_kg")? as u32,
        expected_litres: row.try_get::<i64, _>("expected_litres")? as u32,
    })
}
