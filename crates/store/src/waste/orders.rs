//! One-off orders: an extra pickup at a site on one day, at its own price.

use super::rows::fraction_codes;
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{NaiveDate, Utc};
use domain::money::Money;
use domain::waste::Subscription;

impl Store {
    /// An extra pickup at a site on one day.
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
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }
}
