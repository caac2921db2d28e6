//! The Sustainability Festival: an edition of days with venues and events, and people
//! registering without an account.
//!
//! - [`manage`]: editions, venues and events for the green agents; organisers' proposals;
//!   approving, rejecting and cancelling; the door's check-in and figures.
//! - [`registration`]: register (held or waiting), confirm by the mailed link, cancel,
//!   holds and offers running out on the job table, check-in at the door.
//!
//! The rules on places live in `store::festival::registrations`, under the event's lock.

pub mod manage;
pub mod registration;

use crate::Result;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use store::Store;
use store::festival::{Edition, Event};

/// How long places are held for a confirmation link to be followed, in hours.
pub const HOLD_HOURS: i64 = 24;
/// How long an offer from the waiting list holds places unless the operator says
/// otherwise, in hours.
pub const DEFAULT_OFFER_HOURS: i64 = 24;

/// The current edition: this year's, else the next one's.
pub async fn current_edition(store: &Store, today: NaiveDate) -> Result<Option<Edition>> {
    let editions = store.editions().await?;
    let this = editions
        .iter()
        .find(|e| e.year == i64::from(today.year()))
        .cloned();
    Ok(this.or_else(|| {
        editions
            .iter()
            .filter(|e| e.year > i64::from(today.year()))
            .min_by_key(|e| e.year)
            .cloned()
    }))
}

/// An event of the programme: approved, with its places now.
#[derive(Debug, Clone)]
pub struct Listed {
    pub event: Event,
    pub places: store::festival::registrations::Places,
    pub starts_at: DateTime<Utc>,
}

/// The current edition's programme: its approved events by start, each with its places.
pub async fn programme(store: &Store, today: NaiveDate) -> Result<Vec<Listed>> {
    let Some(edition) = current_edition(store, today).await? else {
        return Ok(Vec::new());
    };
    let mut listed = Vec::new();
    for event in store.events(edition.id, Some("approved")).await? {
        let places = store.places(event.id).await?;
        let starts_at = domain::calendar::parse_instant(&event.starts_at)
            .map_err(|e| crate::ServiceError::invalid("starts_at", e.to_string()))?;
        listed.push(Listed {
            event,
            places,
            starts_at,
        });
    }
    Ok(listed)
}
