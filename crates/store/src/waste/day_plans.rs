//! Day plans: each vehicle's route of a day with its visits in order, and the sites it
//! could not serve. A re-plan is a new plan of the same day; the latest is followed.

use super::rows::time;
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// A planned visit: a site to collect from, or a place to unload at.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub site_id: Option<i64>,
    pub place_id: Option<i64>,
    pub arrives_at: DateTime<Utc>,
    /// The window the arrival falls in (sites only).
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub expected_kg: u32,
}

/// One vehicle's route on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub id: i64,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
    pub distance_m: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub visits: Vec<Visit>,
}

/// A day's plan: its routes and the sites it could not serve, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPlan {
    pub id: i64,
    pub day: NaiveDate,
    pub routes: Vec<Route>,
    pub unserved: Vec<(i64, String)>,
}

impl Store {
    /// Stores a new plan for `day` in one transaction: its routes with their visits in
    /// order, and the sites it could not serve.
    pub async fn save_day_plan(
        &self,
        day: NaiveDate,
        routes: &[Route],
        unserved: &[(i64, String)],
        by: &Actor,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let plan_id: i64 = sqlx::query_scalar(
            "INSERT INTO waste_day_plans (pickup_on, created_at, created_by) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(day.to_string())
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        for route in routes {
            let route_id: i64 = sqlx::query_scalar(
                "INSERT INTO waste_routes (plan_id, vehicle_id, driver_id, distance_m, starts_at, ends_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(plan_id)
            .bind(route.vehicle_id)
            .bind(route.driver_id)
            .bind(route.distance_m)
            .bind(timestamp(route.starts_at))
            .bind(timestamp(route.ends_at))
            .fetch_one(&mut *tx)
            .await?;
            for (position, v) in route.visits.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO waste_visits (route_id, position, site_id, place_id, arrives_at, window_opens_at, \
                     window_closes_at, expected_kg) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(route_id)
                .bind(position as i64)
                .bind(v.site_id)
                .bind(v.place_id)
                .bind(timestamp(v.arrives_at))
                .bind(v.window.map(|w| timestamp(w.0)))
                .bind(v.window.map(|w| timestamp(w.1)))
                .bind(i64::from(v.expected_kg))
                .execute(&mut *tx)
                .await?;
            }
        }
        for (site_id, reason) in unserved {
            sqlx::query(
                "INSERT INTO waste_unserved (plan_id, site_id, reason) VALUES ($1, $2, $3)",
            )
            .bind(plan_id)
            .bind(site_id)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(plan_id)
    }

    /// The latest plan of `day`, if the day has been planned.
    pub async fn day_plan(&self, day: NaiveDate) -> Result<Option<DayPlan>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM waste_day_plans WHERE pickup_on = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(day.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(id) = id else { return Ok(None) };
        let mut routes = Vec::new();
        let rows = sqlx::query(
            "SELECT id, vehicle_id, driver_id, distance_m, starts_at, ends_at FROM waste_routes WHERE plan_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        for r in &rows {
            let route_id: i64 = r.try_get("id")?;
            let visits = sqlx::query(
                "SELECT site_id, place_id, arrives_at, window_opens_at, window_closes_at, expected_kg FROM waste_visits \
                 WHERE route_id = $1 ORDER BY position",
            )
            .bind(route_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|v| {
                let opens: Option<String> = v.try_get("window_opens_at")?;
                let window = match opens {
                    Some(_) => Some((time(v, "window_opens_at")?, time(v, "window_closes_at")?)),
                    None => None,
                };
                Ok(Visit {
                    site_id: v.try_get("site_id")?,
                    place_id: v.try_get("place_id")?,
                    arrives_at: time(v, "arrives_at")?,
                    window,
                    expected_kg: v.try_get::<i64, _>("expected_kg")? as u32,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
            routes.push(Route {
                id: route_id,
                vehicle_id: r.try_get("vehicle_id")?,
                driver_id: r.try_get("driver_id")?,
                distance_m: r.try_get("distance_m")?,
                starts_at: time(r, "starts_at")?,
                ends_at: time(r, "ends_at")?,
                visits,
            });
        }
        let unserved = sqlx::query(
            "SELECT site_id, reason FROM waste_unserved WHERE plan_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("site_id")?, r.try_get("reason")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(DayPlan {
            id,
            day,
            routes,
            unserved,
        }))
    }
}
