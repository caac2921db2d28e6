//! One-off orders: an extra pickup at a site on one day, at its own price; withdrawn, an
//! order stays with who withdrew it.

use super::rows::{day, fraction_codes, fractions, window};
use super::sites::{SITE_COLUMNS, WasteSite, site_from_row};
use crate::sql::assembled;
use crate::{Actor, Refusal, Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use domain::money::Money;
use domain::waste::Subscription;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A stored order with its site; a withdrawn one says when.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOrder {
    pub id: i64,
    pub site: WasteSite,
    pub day: NaiveDate,
    /// The fractions, window and what is expected (its weekdays are the day's own).
    pub pickup: Subscription,
    pub price_ore: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Store {
    /// An extra pickup at a site on one day. A site is visited once a day: a second
    /// order for the same site and day is refused (the first is the pickup). An order on
    /// a day the site's subscription runs joins that visit, at the order's price.
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
        let id = insert(&mut tx, site_id, day, pickup, price_ore, by).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes an order: in one step it is withdrawn (kept, as [`Store::cancel_order`]
    /// keeps it) and a new one for the same site takes its place, on the day and with
    /// what `pickup` says. Answers the new order's id; the same refusals as withdrawing
    /// and as ordering apply, and a refused change leaves the order as it was.
    pub async fn change_order(
        &self,
        id: i64,
        day: NaiveDate,
        pickup: &Subscription,
        price_ore: i64,
        at: DateTime<Utc>,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        Money::price_ore(price_ore).map_err(|e| StoreError::invalid("price_ore", e.0))?;
        let order = self.withdrawable(id).await?;
        let site_id = order.site.site_id;
        let mut tx = self.write().await?;
        self.lock(&mut tx, &format!("waste site {site_id}")).await?;
        withdraw(&mut tx, id, at, by).await?;
        let new = insert(&mut tx, site_id, day, pickup, price_ore, by).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// The order, if it can still be withdrawn: not withdrawn already, nothing collected
    /// at its site that day.
    async fn withdrawable(&self, id: i64) -> Result<StoredOrder, StoreError> {
        let order = self.order(id).await?;
        if order.cancelled_at.is_some() {
            return Err(StoreError::Refused(Refusal::AlreadyCancelled));
        }
        let collected: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM waste_pickups WHERE site_id = $1 AND pickup_on = $2 LIMIT 1",
        )
        .bind(order.site.site_id)
        .bind(order.day.to_string())
        .fetch_optional(&self.pool)
        .await?;
        if collected.is_some() {
            return Err(StoreError::Refused(Refusal::AlreadyCollected));
        }
        Ok(order)
    }

    /// Withdraws an order before its day: it is planned and billed no more, and stays
    /// with who withdrew it and when. One withdrawn already, or whose site has a pickup
    /// recorded that day, is refused.
    pub async fn cancel_order(
        &self,
        id: i64,
        at: DateTime<Utc>,
        by: &Actor,
    ) -> Result<StoredOrder, StoreError> {
        self.withdrawable(id).await?;
        let mut tx = self.write().await?;
        withdraw(&mut tx, id, at, by).await?;
        tx.commit().await?;
        self.order(id).await
    }

    /// One order with its site; a deleted company's is gone.
    pub async fn order(&self, id: i64) -> Result<StoredOrder, StoreError> {
        let sql = format!("{} AND w.id = $1", order_select());
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound { what: "order", id })?;
        order_from_row(&row)
    }

    /// The orders for days from `from` to `to` (both included), withdrawn ones too, by
    /// day and site.
    pub async fn orders(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StoredOrder>, StoreError> {
        let sql = format!(
            "{} AND w.pickup_on >= $1 AND w.pickup_on <= $2 ORDER BY w.pickup_on, s.id, w.id",
            order_select()
        );
        let rows = sqlx::query(assembled(sql))
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(order_from_row).collect()
    }
}

/// Inserts an order in `tx` (its site locked), refusing a second live order for the
/// site that day.
async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    site_id: i64,
    day: NaiveDate,
    pickup: &Subscription,
    price_ore: i64,
    by: &Actor,
) -> Result<i64, StoreError> {
    let ordered: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM waste_orders WHERE site_id = $1 AND pickup_on = $2 AND cancelled_at IS NULL ORDER BY id LIMIT 1",
    )
    .bind(site_id)
    .bind(day.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(order) = ordered {
        return Err(StoreError::Refused(Refusal::AlreadyOrdered { order }));
    }
    Ok(sqlx::query_scalar(
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
    .fetch_one(&mut **tx)
    .await?)
}

/// Marks order `id` withdrawn in `tx`, by `by` at `at`.
async fn withdraw(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    at: DateTime<Utc>,
    by: &Actor,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE waste_orders SET cancelled_at = $1, cancelled_by = $2 WHERE id = $3 AND cancelled_at IS NULL",
    )
    .bind(timestamp(at))
    .bind(&by.0)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Orders with their sites; the caller adds conditions after `WHERE`'s first.
fn order_select() -> String {
    format!(
        "SELECT w.id, w.pickup_on, w.fractions, w.time_window, w.expected_kg, w.expected_litres, w.price_ore, \
         w.cancelled_at, {SITE_COLUMNS} FROM waste_orders w JOIN sites s ON s.id = w.site_id \
         JOIN companies c ON c.id = s.company_id WHERE c.deleted_at IS NULL"
    )
}

fn order_from_row(row: &AnyRow) -> Result<StoredOrder, StoreError> {
    let pickup_on = day(row, "pickup_on")?;
    let cancelled: Option<String> = row.try_get("cancelled_at")?;
    Ok(StoredOrder {
        id: row.try_get("id")?,
        site: site_from_row(row)?,
        day: pickup_on,
        pickup: Subscription {
            fractions: fractions(&row.try_get::<String, _>("fractions")?)?,
            weekdays: vec![chrono::Datelike::weekday(&pickup_on)],
            window: window(&row.try_get::<String, _>("time_window")?)?,
            expected_kg: row.try_get::<i64, _>("expected_kg")? as u32,
            expected_litres: row.try_get::<i64, _>("expected_litres")? as u32,
        },
        price_ore: row.try_get("price_ore")?,
        cancelled_at: match cancelled {
            Some(_) => Some(super::rows::time(row, "cancelled_at")?),
            None => None,
        },
    })
}
