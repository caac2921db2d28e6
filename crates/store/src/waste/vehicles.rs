//! The electric vehicles: capacity, range, speed, shift and energy use.

use super::rows::window;
use crate::{Store, StoreError};
use sqlx::Row;

pub use domain::waste::Vehicle;

impl Store {
    /// Adds a vehicle; names are unique.
    pub async fn add_vehicle(&self, v: &Vehicle) -> Result<i64, StoreError> {
        if v.capacity_kg == 0 || v.capacity_litres == 0 || v.range_km == 0 || v.speed_kmh == 0 {
            return Err(StoreError::invalid(
                "vehicle",
                "capacity, range and speed must be positive",
            ));
        }
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
