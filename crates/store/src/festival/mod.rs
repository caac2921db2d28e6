//! The Sustainability Festival: editions with their venues, events, and registrations.
//!
//! - this module: editions, venues and events as kept.
//! - [`registrations`]: registering (held or waiting, under the event's lock so no event
//!   is overbooked and positions are commit order), confirming, cancelling, holds and
//!   offers running out, and filling freed places from the waiting list fairly.

pub mod registrations;

use crate::sql::{join, split};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An edition of the festival.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Edition {
    pub id: i64,
    pub year: i64,
    pub title: String,
    /// The first day, `2027-05-20`.
    pub starts_on: String,
    pub days: i64,
    /// The largest group one registration may hold.
    pub group_limit: i64,
}

/// A venue of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Venue {
    pub id: i64,
    pub edition_id: i64,
    pub name: String,
    pub address: String,
    pub capacity: i64,
    pub accessibility: String,
}

/// An event as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub id: i64,
    pub edition_id: i64,
    pub venue_id: i64,
    pub title: String,
    pub description: String,
    /// `workshop`, `talk`, `tour` or `market`.
    pub kind: String,
    pub organiser: String,
    /// `company`, `association` or `municipality`.
    pub organiser_type: String,
    pub company_id: Option<i64>,
    pub organiser_email: String,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: i64,
    pub lang: String,
    pub themes: Vec<String>,
    pub sdgs: Vec<String>,
    /// `submitted`, `proposed`, `approved`, `rejected` or `cancelled`.
    pub status: String,
}

const EVENT_COLUMNS: &str = "id, edition_id, venue_id, title, description, kind, organiser, organiser_type, company_id, \
     organiser_email, starts_at, ends_at, capacity, lang, themes, sdgs, status";

fn event_of(r: &AnyRow) -> Result<Event, StoreError> {
    Ok(Event {
        id: r.try_get("id")?,
        edition_id: r.try_get("edition_id")?,
        venue_id: r.try_get("venue_id")?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        kind: r.try_get("kind")?,
        organiser: r.try_get("organiser")?,
        organiser_type: r.try_get("organiser_type")?,
        company_id: r.try_get("company_id")?,
        organiser_email: r.try_get("organiser_email")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        capacity: r.try_get("capacity")?,
        lang: r.try_get("lang")?,
        themes: split(&r.try_get::<String, _>("themes")?),
        sdgs: split(&r.try_get::<String, _>("sdgs")?),
        status: r.try_get("status")?,
    })
}

fn edition_of(r: &AnyRow) -> Result<Edition, StoreError> {
    Ok(Edition {
        id: r.try_get("id")?,
        year: r.try_get("year")?,
        title: r.try_get("title")?,
        starts_on: r.try_get("starts_on")?,
        days: r.try_get("days")?,
        group_limit: r.try_get("group_limit")?,
    })
}

fn venue_of(r: &AnyRow) -> Result<Venue, StoreError> {
    Ok(Venue {
        id: r.try_get("id")?,
        edition_id: r.try_get("edition_id")?,
        name: r.try_get("name")?,
        address: r.try_get("address")?,
        capacity: r.try_get("capacity")?,
        accessibility: r.try_get("accessibility")?,
    })
}

impl Store {
    /// Keeps a new edition; answers its id. A year has one edition.
    pub async fn add_edition(&self, e: &Edition, at: DateTime<Utc>) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let taken = sqlx::query("SELECT id FROM festival_editions WHERE year = $1")
            .bind(e.year)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "the festival of {} exists",
                e.year
            )));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO festival_editions (year, title, starts_on, days, group_limit, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(e.year)
        .bind(&e.title)
        .bind(&e.starts_on)
        .bind(e.days)
        .bind(e.group_limit)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every edition, the latest year first.
    pub async fn editions(&self) -> Result<Vec<Edition>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, year, title, starts_on, days, group_limit FROM festival_editions ORDER BY year DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(edition_of).collect()
    }

    /// Keeps a new venue of an edition; answers its id.
    pub async fn add_venue(&self, v: &Venue) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO festival_venues (edition_id, name, address, capacity, accessibility) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(v.edition_id)
        .bind(&v.name)
        .bind(&v.address)
        .bind(v.capacity)
        .bind(&v.accessibility)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// An edition's venues by name.
    pub async fn venues(&self, edition_id: i64) -> Result<Vec<Venue>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, edition_id, name, address, capacity, accessibility FROM festival_venues \
             WHERE edition_id = $1 ORDER BY name, id",
        )
        .bind(edition_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(venue_of).collect()
    }

    /// Keeps a new event in `status`; the organiser's link is kept as its hash, and a
    /// submitted event's confirmation link too. Answers its id.
    pub async fn add_event(
        &self,
        e: &Event,
        organiser_token: &str,
        confirm_token: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO festival_events (edition_id, venue_id, title, description, kind, organiser, organiser_type, company_id, \
             organiser_email, starts_at, ends_at, capacity, lang, themes, sdgs, status, confirm_hash, organiser_hash, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id",
        )
        .bind(e.edition_id)
        .bind(e.venue_id)
        .bind(&e.title)
        .bind(&e.description)
        .bind(&e.kind)
        .bind(&e.organiser)
        .bind(&e.organiser_type)
        .bind(e.company_id)
        .bind(&e.organiser_email)
        .bind(&e.starts_at)
        .bind(&e.ends_at)
        .bind(e.capacity)
        .bind(&e.lang)
        .bind(join(e.themes.iter().map(String::as_str)))
        .bind(join(e.sdgs.iter().map(String::as_str)))
        .bind(&e.status)
        .bind(confirm_token.map(crate::accounts::token_hash))
        .bind(crate::accounts::token_hash(organiser_token))
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// An event by id.
    pub async fn event(&self, id: i64) -> Result<Option<Event>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {EVENT_COLUMNS} FROM festival_events WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(event_of).transpose()
    }

    /// An edition's events in `status` (every status when none), by start.
    pub async fn events(
        &self,
        edition_id: i64,
        status: Option<&str>,
    ) -> Result<Vec<Event>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {EVENT_COLUMNS} FROM festival_events WHERE edition_id = $1 AND ($2 IS NULL OR status = $2) \
             ORDER BY starts_at, id"
        )))
        .bind(edition_id)
        .bind(status)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_of).collect()
    }

    /// Changes an event's text, venue, times and places under its lock, refusing fewer
    /// places than are taken now (held, confirmed or offered).
    pub async fn change_event(
        &self,
        id: i64,
        e: &Event,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        self.lock(&mut tx, &format!("festival-event:{id}")).await?;
        let taken: i64 = sqlx::query(
            "SELECT CAST(COALESCE(SUM(people), 0) AS BIGINT) AS taken FROM festival_registrations \
             WHERE event_id = $1 AND status IN ('held', 'confirmed', 'offered')",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("taken")?;
        if e.capacity < taken {
            return Err(StoreError::Invalid(vec![domain::FieldError::new(
                "capacity",
                format!("{taken} places are taken already"),
            )]));
        }
        let venue_fits = sqlx::query(
            "SELECT v.id FROM festival_venues v JOIN festival_events e ON e.edition_id = v.edition_id              WHERE v.id = $1 AND e.id = $2",
        )
        .bind(e.venue_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if venue_fits.is_none() {
            return Err(StoreError::Invalid(vec![domain::FieldError::new(
                "venue_id",
                "is no venue of the event's edition",
            )]));
        }
        // A moved event is reminded again of its new day.
        sqlx::query(
            "UPDATE festival_registrations SET reminded_at = NULL WHERE event_id = $1 \
             AND (SELECT starts_at FROM festival_events WHERE id = $1) <> $2",
        )
        .bind(id)
        .bind(&e.starts_at)
        .execute(&mut *tx)
        .await?;
        let changed = sqlx::query(
            "UPDATE festival_events SET venue_id = $1, title = $2, description = $3, kind = $4, starts_at = $5, ends_at = $6, \
             capacity = $7, lang = $8, themes = $9, sdgs = $10, organiser = $11, organiser_type = $12, organiser_email = $13, updated_at = $14 \
             WHERE id = $15",
        )
        .bind(e.venue_id)
        .bind(&e.title)
        .bind(&e.description)
        .bind(&e.kind)
        .bind(&e.starts_at)
        .bind(&e.ends_at)
        .bind(e.capacity)
        .bind(&e.lang)
        .bind(join(e.themes.iter().map(String::as_str)))
        .bind(join(e.sdgs.iter().map(String::as_str)))
        .bind(&e.organiser)
        .bind(&e.organiser_type)
        .bind(&e.organiser_email)
        .bind(timestamp(at))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound { what: "event", id });
        }
        tx.commit().await?;
        Ok(())
    }

    /// Moves an event from one of `from` to `to`: whether it moved.
    pub async fn set_event_status(
        &self,
        id: i64,
        from: &[&str],
        to: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        // Under the event's lock, as registering is: an event cancelled or rejected
        // never keeps a registration made in between.
        self.lock(&mut tx, &format!("festival-event:{id}")).await?;
        let now: Option<String> = sqlx::query("SELECT status FROM festival_events WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get("status"))
            .transpose()?;
        let Some(now) = now else {
            return Err(StoreError::NotFound { what: "event", id });
        };
        if !from.contains(&now.as_str()) {
            return Ok(false);
        }
        let moved = sqlx::query(
            "UPDATE festival_events SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(to)
        .bind(timestamp(at))
        .bind(id)
        .bind(&now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(moved == 1)
    }

    /// Confirms a submitted event's organiser address by its mailed token: the event, now
    /// proposed to the green agents; none when the token is not (or no longer) one.
    pub async fn confirm_event(
        &self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Event>, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE festival_events SET status = 'proposed', confirm_hash = NULL, updated_at = $1 \
             WHERE confirm_hash = $2 AND status = 'submitted' RETURNING {EVENT_COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(crate::accounts::token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.as_ref().map(event_of).transpose()
    }

    /// The event whose organiser link this is.
    pub async fn event_by_organiser(&self, token: &str) -> Result<Option<Event>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {EVENT_COLUMNS} FROM festival_events WHERE organiser_hash = $1"
        )))
        .bind(crate::accounts::token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(event_of).transpose()
    }
}
