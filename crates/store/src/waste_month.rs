//! What a Flex Waste month adds up to in the records: the visits the shops pay for, and
//! the routes the vehicles drove (each day's latest plan, the one drivers followed).

use crate::sql::assembled;
use crate::waste::{LATEST_STARTED, runs_between};
use crate::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use std::collections::BTreeMap;

/// A visit a shop pays for: a site on a day where waste was collected or there was
/// nothing to collect (the vehicle came). A closed shop or contaminated waste is not billed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledVisit {
    pub site_id: i64,
    pub cvr: String,
    pub day: NaiveDate,
    /// The day's order price if the visit was ordered, else the subscription's price.
    pub price_ore: i64,
}

/// One route a vehicle drove.
#[derive(Debug, Clone, PartialEq)]
pub struct Driven {
    pub day: NaiveDate,
    pub vehicle_id: i64,
    pub vehicle_kind: String,
    pub distance_m: i64,
    pub wh_per_km: u32,
    pub minutes: i64,
    pub driver_id: Option<i64>,
}

impl Store {
    /// Every billed visit from `from` to `to` (both included), by day and site.
    pub async fn billed_visits(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<BilledVisit>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        billed_visits(&mut conn, from, to).await
    }

    /// The routes of each day's latest plan from `from` to `to`, with the vehicle's
    /// energy use, by day.
    pub async fn routes_driven(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Driven>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.pickup_on, r.vehicle_id, v.kind, r.distance_m, v.wh_per_km, r.starts_at, r.ends_at, r.driver_id \
             FROM waste_routes r JOIN waste_day_plans p ON p.id = r.plan_id JOIN waste_vehicles v ON v.id = r.vehicle_id \
             WHERE p.pickup_on >= $1 AND p.pickup_on <= $2 \
             AND p.id = (SELECT MAX(q.id) FROM waste_day_plans q WHERE q.pickup_on = p.pickup_on) \
             ORDER BY p.pickup_on, r.id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        let instant = |text: String| {
            DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| StoreError::Corrupt {
                    what: "route",
                    id: 0,
                    reason: e.to_string(),
                })
        };
        rows.iter()
            .map(|r| {
                let day: String = r.try_get("pickup_on")?;
                let starts = instant(r.try_get("starts_at")?)?;
                let ends = instant(r.try_get("ends_at")?)?;
                Ok(Driven {
                    day: day.parse().map_err(|e| StoreError::Corrupt {
                        what: "day plan",
                        id: 0,
                        reason: format!("{e}"),
                    })?,
                    vehicle_id: r.try_get("vehicle_id")?,
                    vehicle_kind: r.try_get("kind")?,
                    distance_m: r.try_get("distance_m")?,
                    wh_per_km: r.try_get::<i64, _>("wh_per_km")? as u32,
                    minutes: domain::calendar::started_minutes(starts, ends),
                    driver_id: r.try_get("driver_id")?,
                })
            })
            .collect()
    }
}

/// Every billed visit from `from` to `to` (both included), read on `conn` (the invoice
/// run's transaction, say).
pub(crate) async fn billed_visits(
    conn: &mut sqlx::AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<BilledVisit>, StoreError> {
    let (from_text, to_text) = (from.to_string(), to.to_string());
    // The price of the subscription running that day, if any.
    let sql = format!(
        "SELECT DISTINCT p.site_id, p.cvr, p.pickup_on, \
         (SELECT w.price_per_pickup_ore FROM waste_subscriptions w WHERE w.site_id = p.site_id AND {} \
          ORDER BY {LATEST_STARTED} LIMIT 1) AS subscribed \
         FROM waste_pickups p \
         WHERE p.pickup_on >= $1 AND p.pickup_on <= $2 AND p.outcome IN ('collected', 'nothing') AND {} \
         ORDER BY p.pickup_on, p.site_id",
        runs_between("p.pickup_on", "p.pickup_on"),
        crate::waste::STANDING
    );
    let visits = sqlx::query(assembled(sql))
        .bind(&from_text)
        .bind(&to_text)
        .fetch_all(&mut *conn)
        .await?;
    let mut orders: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for r in sqlx::query("SELECT site_id, pickup_on, price_ore FROM waste_orders WHERE pickup_on >= $1 AND pickup_on <= $2 AND cancelled_at IS NULL")
        .bind(&from_text)
        .bind(&to_text)
        .fetch_all(&mut *conn)
        .await?
    {
        orders.insert((r.try_get("site_id")?, r.try_get("pickup_on")?), r.try_get("price_ore")?);
    }
    let mut billed = Vec::with_capacity(visits.len());
    for v in &visits {
        let site_id: i64 = v.try_get("site_id")?;
        let day: String = v.try_get("pickup_on")?;
        let subscribed: Option<i64> = v.try_get("subscribed")?;
        // A visit with neither an order nor a running subscription was a favour: free.
        let price_ore = orders
            .get(&(site_id, day.clone()))
            .copied()
            .or(subscribed)
            .unwrap_or(0);
        billed.push(BilledVisit {
            site_id,
            cvr: v.try_get("cvr")?,
            day: day.parse().map_err(|e| StoreError::Corrupt {
                what: "pickup day",
                id: site_id,
                reason: format!("{e}"),
            })?,
            price_ore,
        });
    }
    Ok(billed)
}
