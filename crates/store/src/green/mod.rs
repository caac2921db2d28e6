//! The green agents' community work.
//!
//! - this module: communities with their contacts and places.
//! - [`activities`]: activities (dialogues, workshops, stands, projects) and their
//!   follow-ups.
//! - [`pledges`]: the public "Making us greener" pledges, confirmed at a follow-up.

pub mod activities;
pub mod pledges;

use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A community the agents work with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Community {
    pub id: i64,
    pub name: String,
    /// `association`, `housing`, `school` or `local_council`.
    pub kind: String,
    pub description: String,
}

/// Someone a community is reached through.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    /// What they are to the community: chair, caretaker, teacher.
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// A place where a community meets or works.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
}

fn community_of(r: &AnyRow) -> Result<Community, StoreError> {
    Ok(Community {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        kind: r.try_get("kind")?,
        description: r.try_get("description")?,
    })
}

fn contact_of(r: &AnyRow) -> Result<Contact, StoreError> {
    Ok(Contact {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        name: r.try_get("name")?,
        role: r.try_get("role")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
    })
}

fn place_of(r: &AnyRow) -> Result<Place, StoreError> {
    Ok(Place {
        id: r.try_get("id")?,
        community_id: r.try_get("community_id")?,
        name: r.try_get("name")?,
        address: r.try_get("address")?,
        latitude: r.try_get("latitude")?,
        longitude: r.try_get("longitude")?,
    })
}

const PLACE_COLUMNS: &str =
    "SELECT id, community_id, name, address, latitude, longitude FROM community_places";

impl Store {
    /// The rows `sql` selects, with `id` bound to `$1` when it has one. `sql` is written
    /// in this module, never from input.
    pub(super) async fn listed(
        &self,
        sql: String,
        id: Option<i64>,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let mut query = sqlx::query(crate::sql::assembled(sql));
        if let Some(id) = id {
            query = query.bind(id);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// Keeps a new community; answers its id. Names are unique.
    pub async fn add_community(&self, c: &Community, at: DateTime<Utc>) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let taken = sqlx::query("SELECT id FROM communities WHERE name = $1")
            .bind(&c.name)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "the community {} exists",
                c.name
            )));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO communities (name, kind, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&c.name)
        .bind(&c.kind)
        .bind(&c.description)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every community by name.
    pub async fn communities(&self) -> Result<Vec<Community>, StoreError> {
        let rows =
            sqlx::query("SELECT id, name, kind, description FROM communities ORDER BY name, id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(community_of).collect()
    }

    /// One community.
    pub async fn community(&self, id: i64) -> Result<Community, StoreError> {
        let row = sqlx::query("SELECT id, name, kind, description FROM communities WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound {
                what: "community",
                id,
            })?;
        community_of(&row)
    }

    /// Keeps a contact of a community; answers its id.
    pub async fn add_community_contact(&self, c: &Contact) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO community_contacts (community_id, name, role, email, phone) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(c.community_id)
        .bind(&c.name)
        .bind(&c.role)
        .bind(&c.email)
        .bind(&c.phone)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// A community's contacts by name.
    pub async fn community_contacts(&self, community_id: i64) -> Result<Vec<Contact>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, community_id, name, role, email, phone FROM community_contacts \
             WHERE community_id = $1 ORDER BY name, id",
        )
        .bind(community_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(contact_of).collect()
    }

    /// Keeps a place of a community; answers its id.
    pub async fn add_community_place(&self, p: &Place) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO community_places (community_id, name, address, latitude, longitude) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(p.community_id)
        .bind(&p.name)
        .bind(&p.address)
        .bind(p.latitude)
        .bind(p.longitude)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// A community's places by name, or every community's when `community_id` is none.
    pub async fn community_places(
        &self,
        community_id: Option<i64>,
    ) -> Result<Vec<Place>, StoreError> {
        let rows = match community_id {
            Some(id) => {
                let sql = format!("{PLACE_COLUMNS} WHERE community_id = $1 ORDER BY name, id");
                self.listed(sql, Some(id)).await?
            }
            None => {
                let sql = format!("{PLACE_COLUMNS} ORDER BY community_id, name, id");
                self.listed(sql, None).await?
            }
        };
        rows.iter().map(place_of).collect()
    }
}
