//! Unloading at a hub: recorded once per submission, it marks the vehicle's pickups of
//! the day as received by that hub.

use super::rows::time;
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// An unloading as recorded: the route, the hub, the grams the hub weighed.
#[derive(Debug, Clone, PartialEq)]
pub struct UnloadRecord {
    pub route_id: i64,
    pub place_id: i64,
    pub grams: i64,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Records an unloading at a hub, once per submission; the vehicle's pickups of the
    /// day not yet received anywhere are marked as received by that hub. Answers whether
    /// this submission was new.
    pub async fn record_unload(
        &self,
        submission: &str,
        route_id: i64,
        place_id: i64,
        grams: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if grams < 0 {
            return Err(StoreError::invalid("grams", "cannot be negative"));
        }
        let route = sqlx::query(
            "SELECT r.vehicle_id, p.pickup_on FROM waste_routes r JOIN waste_day_plans p ON p.id = r.plan_id WHERE r.id = $1",
        )
        .bind(route_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound { what: "route", id: route_id })?;
        let vehicle_id: i64 = route.try_get("vehicle_id")?;
        let day: String = route.try_get("pickup_on")?;
        let mut tx = self.write().await?;
        let inserted = sqlx::query(
            "INSERT INTO waste_unloads (submission, route_id, place_id, grams, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (submission) DO NOTHING",
        )
        .bind(submission)
        .bind(route_id)
        .bind(place_id)
        .bind(grams)
        .bind(timestamp(at))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            sqlx::query(
                "UPDATE waste_pickups SET received_by = $1 WHERE vehicle_id = $2 AND pickup_on = $3 \
                 AND received_by IS NULL AND at <= $4 AND outcome = 'collected'",
            )
            .bind(place_id)
            .bind(vehicle_id)
            .bind(day)
            .bind(timestamp(at))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(inserted == 1)
    }

    /// The unloadings of `day`'s routes, any plan's, in the order they were made.
    pub async fn unloads_on(&self, day: NaiveDate) -> Result<Vec<UnloadRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT u.route_id, u.place_id, u.grams, u.at FROM waste_unloads u JOIN waste_routes r ON r.id = u.route_id \
             JOIN waste_day_plans p ON p.id = r.plan_id WHERE p.pickup_on = $1 ORDER BY u.at, u.id",
        )
        .bind(day.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UnloadRecord {
                    route_id: r.try_get("route_id")?,
                    place_id: r.try_get("place_id")?,
                    grams: r.try_get("grams")?,
                    at: time(r, "at")?,
                })
            })
            .collect()
    }
}
