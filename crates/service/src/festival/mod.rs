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

/// One edition's participation, counted from the door's check-ins: people who came, by
/// day, event, organiser type and SDG goal, and the companies taking part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participation {
    pub year: i32,
    pub people: i64,
    /// (breakdown, people) with breakdowns `Day=2027-05-20`, `Event=…`,
    /// `Organiser=company`, `SDG=12`.
    pub breakdowns: Vec<(String, i64)>,
    /// Distinct companies organising an approved event.
    pub companies: i64,
}

/// Every edition's participation, oldest first.
pub async fn participation(store: &Store) -> Result<Vec<Participation>> {
    let mut out = Vec::new();
    let mut editions = store.editions().await?;
    editions.sort_by_key(|e| e.year);
    for edition in editions {
        let mut p = Participation {
            year: i32::try_from(edition.year).unwrap_or_default(),
            ..Participation::default()
        };
        let mut add =
            |key: String, people: i64| match p.breakdowns.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += people,
                None => p.breakdowns.push((key, people)),
            };
        let mut companies: Vec<String> = Vec::new();
        let mut people = 0;
        for event in store.events(edition.id, Some("approved")).await? {
            if event.organiser_type == "company" {
                let name = event.organiser.trim().to_lowercase();
                if !companies.contains(&name) {
                    companies.push(name);
                }
            }
            let came: i64 = store
                .registrations(event.id)
                .await?
                .iter()
                .filter(|r| r.checked_in_at.is_some())
                .map(|r| r.people)
                .sum();
            if came == 0 {
                continue;
            }
            people += came;
            if let Ok(at) = domain::calendar::parse_instant(&event.starts_at) {
                add(format!("Day={}", domain::calendar::local_date(at)), came);
            }
            add(format!("Event={}", event.title), came);
            add(format!("Organiser={}", event.organiser_type), came);
            for goal in &event.sdgs {
                add(format!("SDG={goal}"), came);
            }
        }
        p.people = people;
        p.companies = i64::try_from(companies.len()).unwrap_or(i64::MAX);
        out.push(p);
    }
    Ok(out)
}
