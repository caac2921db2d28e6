//! One-off orders: an extra pickup at a site on one day, at its own price.

use super::rows::{fraction_codes, sharing_fraction, window};
use crate::{Actor, Refusal, Store, StoreError, timestamp};
use chrono::{NaiveDate, Utc};
use domain::money::Money;
use domain::waste::Subscription;
use sqlx::Row;

impl Store {
    /// An extra pickup at a site on one day. A second order for the same site, day and
    /// time with one of the same fractions is refused: the first is the pickup.
    pub async fn add_order(
        &self,
        site_id: i64,
        day: NaiveDate,
        pickup: &Subscription,
        price_ore: i64,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        self.waste_site(site_id).await?;
        Money::price_ore(price_ore).map_err(|e| StoreError::invalid("price_ore", e.0))?;
        let mut tx = self.write().await?;
        self.lock(&mut tx, &format!("waste site {site_id}")).await?;
        let ordered = sqlx::query(
            "SELECT id, fractions, time_window FROM waste_orders WHERE site_id = $1 AND pickup_on = $2 ORDER BY id",
        )
        .bind(site_id)
        .bind(day.to_string())
        .fetch_all(&mut *tx)
        .await?;
        // A morning and an afternoon pickup are two; the same window twice is one.
        let mut same_time = Vec::new();
        for row in ordered {
            if window(&row.try_get::<String, _>("time_window")?)?.overlaps(pickup.window) {
                same_time.push(row);
            }
        }
        if let Some(order) = sharing_fraction(&same_time, &pickup.fractions)? {
            return Err(StoreError::Refused(Refusal::AlreadyOrdered { order }));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO waste_orders (site_id, pickup_on, fractions, time_window, expected_kg, expected_litres, price_ore, \
             created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(site_id)
        .bind(day.to_string())
        .bind(fraction_codes(&pickup.fractions))
        .bind(pickup.window.to_string())
        .bind(i64::from(pickup.expected_kg))
        .bind(i64::from(pickup.expected_litres))
        .bind(price_ore)
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
