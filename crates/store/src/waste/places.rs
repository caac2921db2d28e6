//! The depot, where vehicles start and end, and the hubs, where they unload.

use super::rows::{fraction_codes, fractions, window};
use crate::{Store, StoreError};
use sqlx::Row;

pub use domain::waste::{PlaceKind, WastePlace};

impl Store {
    /// Adds a depot or hub.
    pub async fn add_waste_place(&self, place: &WastePlace) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar(
            "INSERT INTO waste_places (kind, name, address, latitude, longitude, opening, fractions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(place.kind.code())
        .bind(&place.name)
        .bind(&place.address)
        .bind(place.latitude)
        .bind(place.longitude)
        .bind(place.opening.to_string())
        .bind(fraction_codes(&place.fractions))
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// The depot and hubs, depot first.
    pub async fn waste_places(&self) -> Result<Vec<WastePlace>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, kind, name, address, latitude, longitude, opening, fractions FROM waste_places ORDER BY kind, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(WastePlace {
                    id: r.try_get("id")?,
                    kind: if kind == "depot" {
                        PlaceKind::Depot
                    } else {
                        PlaceKind::Hub
                    },
                    name: r.try_get("name")?,
                    address: r.try_get("address")?,
                    latitude: r.try_get("latitude")?,
                    longitude: r.try_get("longitude")?,
                    opening: window(&r.try_get::<String, _>("opening")?)?,
                    fractions: fractions(&r.try_get::<String, _>("fractions")?)?,
                })
            })
            .collect()
    }
}
