//! The electric vehicles: capacity, range, speed, shift and energy use; a vehicle out of
//! service is kept with the day it left, so its routes keep their vehicle.

use super::rows::{day, window};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::BTreeMap;

pub use domain::waste::Vehicle;

impl Store {
    /// Adds a vehicle; names are unique.
    pub async fn add_vehicle(&self, v: &Vehicle) -> Result<i64, StoreError> {
        positive(v)?;
        let id = sqlx::query_scalar(
            "INSERT INTO waste_vehicles (name, kind, capacity_kg, capacity_litres, range_km, speed_kmh, shift, wh_per_km) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&v.name)
        .bind(&v.kind)
        .bind(i64::from(v.capacity_kg))
        .bind(i64::from(v.capacity_litres))
        .bind(i64::from(v.range_km))
        .bind(i64::from(v.speed_kmh))
        .bind(v.shift.to_string())
        .bind(i64::from(v.wh_per_km))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| crate::error::unique_violation(e, || format!("there is already a vehicle {}", v.name)))?;
        Ok(id)
    }

    /// Changes a vehicle's name, kind, capacity, range, speed, shift and energy use;
    /// names stay unique. Routes planned already keep what they were planned with.
    pub async fn change_vehicle(&self, v: &Vehicle) -> Result<(), StoreError> {
        positive(v)?;
        let changed = sqlx::query(
            "UPDATE waste_vehicles SET name = $1, kind = $2, capacity_kg = $3, capacity_litres = $4, range_km = $5, \
             speed_kmh = $6, shift = $7, wh_per_km = $8 WHERE id = $9",
        )
        .bind(&v.name)
        .bind(&v.kind)
        .bind(i64::from(v.capacity_kg))
        .bind(i64::from(v.capacity_litres))
        .bind(i64::from(v.range_km))
        .bind(i64::from(v.speed_kmh))
        .bind(v.shift.to_string())
        .bind(i64::from(v.wh_per_km))
        .bind(v.id)
        .execute(&self.pool)
        .await
        .map_err(|e| crate::error::unique_violation(e, || format!("there is already a vehicle {}", v.name)))?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "vehicle",
                id: v.id,
            });
        }
        Ok(())
    }

    /// Takes a vehicle out of service from `on`: days from then on are planned without
    /// it. A vehicle out of service already keeps its first day out.
    pub async fn retire_vehicle(&self, id: i64, on: NaiveDate) -> Result<(), StoreError> {
        let found: Option<Option<String>> =
            sqlx::query_scalar("SELECT retired_on FROM waste_vehicles WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        match found {
            None => Err(StoreError::NotFound {
                what: "vehicle",
                id,
            }),
            Some(Some(_)) => Err(StoreError::Conflict(format!(
                "vehicle {id} is out of service already"
            ))),
            Some(None) => {
                sqlx::query("UPDATE waste_vehicles SET retired_on = $1 WHERE id = $2 AND retired_on IS NULL")
                    .bind(on.to_string())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// The first day out of service of every vehicle taken out, by vehicle.
    pub async fn retired_vehicles(&self) -> Result<BTreeMap<i64, NaiveDate>, StoreError> {
        let rows =
            sqlx::query("SELECT id, retired_on FROM waste_vehicles WHERE retired_on IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, day(r, "retired_on")?)))
            .collect()
    }

    /// The vehicles in service on `on`, in the order added.
    pub async fn vehicles_on(&self, on: NaiveDate) -> Result<Vec<Vehicle>, StoreError> {
        let retired = self.retired_vehicles().await?;
        let mut all = self.vehicles().await?;
        all.retain(|v| retired.get(&v.id).is_none_or(|out| *out > on));
        Ok(all)
    }

    /// Every vehicle, in the order added.
    pub async fn vehicles(&self) -> Result<Vec<Vehicle>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, kind, capacity_kg, capacity_litres, range_km, speed_kmh, shift, wh_per_km FROM waste_vehicles ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let number =
                    |c: &str| -> Result<u32, StoreError> { Ok(r.try_get::<i64, _>(c)? as u32) };
                Ok(Vehicle {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: r.try_get("kind")?,
                    capacity_kg: number("capacity_kg")?,
                    capacity_litres: number("capacity_litres")?,
                    range_km: number("range_km")?,
                    speed_kmh: number("speed_kmh")?,
                    shift: window(&r.try_get::<String, _>("shift")?)?,
                    wh_per_km: number("wh_per_km")?,
                })
            })
            .collect()
    }
}

/// Capacity, range and speed are positive: a vehicle that carries nothing or goes nowhere
/// is a mistake.
fn positive(v: &Vehicle) -> Result<(), StoreError> {
    if v.capacity_kg == 0 || v.capacity_litres == 0 || v.range_km == 0 || v.speed_kmh == 0 {
        return Err(StoreError::invalid(
            "vehicle",
            "capacity, range and speed must be positive",
        ));
    }
    Ok(())
}
