//! Running the festival, for green agents and coordinators: an edition and its venues,
//! events added or approved, rejected, cancelled (every registrant told), and the door's
//! check-in. Every input is checked whole and named by field; nothing is half-stored.

use super::registration::Links;
use crate::mail::Message;
use crate::{Result, ServiceError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::contact::{Email, optional_text, required_text};
use domain::problem::Errors;
use store::Store;
use store::festival::registrations::Registration;
use store::festival::{Edition, Event, Venue};
use store::outbox::Mail;

/// The kinds of event.
pub const KINDS: [&str; 4] = ["workshop", "talk", "tour", "market"];
/// Who organises an event.
pub const ORGANISER_TYPES: [&str; 3] = ["company", "association", "municipality"];

/// Who runs the festival: green agents and coordinators.
pub(crate) fn agents_only(by: &Actor) -> Result<()> {
    match by.role {
        Role::Coordinator | Role::GreenAgent => Ok(()),
        _ => Err(ServiceError::not_found("festival")),
    }
}

/// An edition as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EditionRequest {
    /// 2000–2100.
    pub year: i64,
    pub title: String,
    /// The first day, in `year`.
    pub starts_on: String,
    /// 1–14 (the festival runs four).
    pub days: i64,
    /// The largest group one registration holds, 1–50.
    pub group_limit: i64,
}

/// Adds an edition; answers its id.
pub async fn add_edition(
    store: &Store,
    by: &Actor,
    r: &EditionRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    agents_only(by)?;
    let mut e = Errors::new();
    if !(2000..=2100).contains(&r.year) {
        e.push("year", "must be 2000 to 2100");
    }
    let title = e.check("title", required_text(&r.title, 200));
    let starts_on = e.check("starts_on", domain::calendar::parse_date(&r.starts_on));
    if starts_on.is_some_and(|d| i64::from(chrono::Datelike::year(&d)) != r.year) {
        e.push("starts_on", "must be in the edition's year");
    }
    if !(1..=14).contains(&r.days) {
        e.push("days", "must be 1 to 14");
    }
    if !(1..=50).contains(&r.group_limit) {
        e.push("group_limit", "must be 1 to 50");
    }
    let edition = e
        .finish(|| {
            Some(Edition {
                year: r.year,
                title: title?,
                starts_on: starts_on?.to_string(),
                days: r.days,
                group_limit: r.group_limit,
                ..Edition::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_edition(&edition, now).await?)
}

/// A venue as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct VenueRequest {
    pub edition_id: i64,
    pub name: String,
    pub address: String,
    /// 1–100000.
    pub capacity: i64,
    pub accessibility: String,
}

/// Adds a venue to an edition; answers its id.
pub async fn add_venue(store: &Store, by: &Actor, r: &VenueRequest) -> Result<i64> {
    agents_only(by)?;
    let mut e = Errors::new();
    if !store.editions().await?.iter().any(|x| x.id == r.edition_id) {
        e.push("edition_id", "is no edition");
    }
    let name = e.check("name", required_text(&r.name, 200));
    let address = e.check("address", required_text(&r.address, 300));
    if !(1..=100_000).contains(&r.capacity) {
        e.push("capacity", "must be 1 to 100000");
    }
    let accessibility = e.check("accessibility", optional_text(&r.accessibility, 1000));
    let venue = e
        .finish(|| {
            Some(Venue {
                edition_id: r.edition_id,
                name: name?,
                address: address?,
                capacity: r.capacity,
                accessibility: accessibility?,
                ..Venue::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_venue(&venue).await?)
}

/// An event as asked for, by an agent or an organiser.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EventRequest {
    pub venue_id: i64,
    pub title: String,
    pub description: String,
    /// workshop, talk, tour or market.
    pub kind: String,
    pub organiser: String,
    /// company, association or municipality.
    pub organiser_type: String,
    /// The company's record, when a company that takes part organises it.
    pub company_id: Option<i64>,
    pub organiser_email: String,
    /// Local Copenhagen time, `2027-05-20T10:00`, on one of the edition's days.
    pub starts_at: String,
    pub ends_at: String,
    /// 1 up to the venue's capacity.
    pub capacity: i64,
    /// da or en.
    pub lang: String,
    pub themes: Vec<String>,
    pub sdgs: Vec<String>,
}

/// A local `2027-05-20T10:00` as an instant, or why not.
fn local_time(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(domain::calendar::local_instant)
        .ok_or_else(|| format!("'{text}' is not a time like 2027-05-20T10:00"))
}

/// Checks an event against its venue and edition: the event as kept, in `status`.
async fn checked_event(store: &Store, r: &EventRequest, status: &str) -> Result<Event> {
    let mut e = Errors::new();
    let venue = store
        .editions()
        .await?
        .into_iter()
        .map(|edition| (edition, r.venue_id))
        .collect::<Vec<_>>();
    let mut found: Option<(Edition, Venue)> = None;
    for (edition, venue_id) in venue {
        if let Some(v) = store
            .venues(edition.id)
            .await?
            .into_iter()
            .find(|v| v.id == venue_id)
        {
            found = Some((edition, v));
        }
    }
    if found.is_none() {
        e.push("venue_id", "is no venue");
    }
    let title = e.check("title", required_text(&r.title, 200));
    let description = e.check("description", optional_text(&r.description, 5000));
    if !KINDS.contains(&r.kind.as_str()) {
        e.push("kind", format!("must be one of {}", KINDS.join(", ")));
    }
    let organiser = e.check("organiser", required_text(&r.organiser, 200));
    if !ORGANISER_TYPES.contains(&r.organiser_type.as_str()) {
        e.push(
            "organiser_type",
            format!("must be one of {}", ORGANISER_TYPES.join(", ")),
        );
    }
    if let Some(company) = r.company_id
        && store.company(company).await.is_err()
    {
        e.push("company_id", "is no company");
    }
    let email = e.check("organiser_email", Email::parse(&r.organiser_email));
    let starts = local_time(&r.starts_at)
        .map_err(|why| e.push("starts_at", why))
        .ok();
    let ends = local_time(&r.ends_at)
        .map_err(|why| e.push("ends_at", why))
        .ok();
    if let (Some(s), Some(t)) = (starts, ends)
        && t <= s
    {
        e.push("ends_at", "must be after the start");
    }
    if let (Some(s), Some((edition, venue))) = (starts, &found) {
        let first = NaiveDate::parse_from_str(&edition.starts_on, "%Y-%m-%d").ok();
        let day = domain::calendar::local_date(s);
        let within = first.is_some_and(|f| day >= f && day < f + Duration::days(edition.days));
        if !within {
            e.push("starts_at", "must be on one of the edition's days");
        }
        if !(1..=venue.capacity).contains(&r.capacity) {
            e.push(
                "capacity",
                format!("must be 1 to the venue's {}", venue.capacity),
            );
        }
    }
    if !matches!(r.lang.as_str(), "da" | "en") {
        e.push("lang", "must be da or en");
    }
    for (i, theme) in r.themes.iter().enumerate() {
        if !crate::cases::THEMES.contains(&theme.as_str()) {
            e.push(&format!("themes[{i}]"), "is no theme");
        }
    }
    for (i, goal) in r.sdgs.iter().enumerate() {
        if indicators::sdg::goal_of(goal).is_none() || goal.contains('.') {
            e.push(&format!("sdgs[{i}]"), "must be a goal from 1 to 17");
        }
    }
    let at = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    e.finish(|| {
        let (edition, venue) = found.clone()?;
        Some(Event {
            edition_id: edition.id,
            venue_id: venue.id,
            title: title?,
            description: description?,
            kind: r.kind.clone(),
            organiser: organiser?,
            organiser_type: r.organiser_type.clone(),
            company_id: r.company_id,
            organiser_email: email?.as_str().to_lowercase(),
            starts_at: at(starts?),
            ends_at: at(ends?),
            capacity: r.capacity,
            lang: r.lang.clone(),
            themes: r.themes.clone(),
            sdgs: r.sdgs.clone(),
            status: status.to_string(),
            ..Event::default()
        })
    })
    .map_err(ServiceError::Invalid)
}

/// An agent adds an event straight to the programme (approved); answers its id.
pub async fn add_event(
    store: &Store,
    by: &Actor,
    r: &EventRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    agents_only(by)?;
    let event = checked_event(store, r, "approved").await?;
    let token = store::accounts::random_token();
    Ok(store.add_event(&event, &token, None, now).await?)
}

/// Changes an event: checked as a new one, and never to fewer places than are taken. When
/// its time or venue moves, everyone registered or waiting is told; when it gains places,
/// the waiting list is offered them.
pub async fn change_event(
    store: &Store,
    by: &Actor,
    id: i64,
    r: &EventRequest,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<()> {
    agents_only(by)?;
    let before = store
        .event(id)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("event {id}")))?;
    let after = checked_event(store, r, &before.status).await?;
    store.change_event(id, &after, now).await?;
    let moved = before.starts_at != after.starts_at || before.venue_id != after.venue_id;
    if moved {
        let venue = store
            .venues(after.edition_id)
            .await?
            .into_iter()
            .find(|v| v.id == after.venue_id)
            .map(|v| format!("{}, {}", v.name, v.address))
            .unwrap_or_default();
        for reg in store.registrations(id).await? {
            if matches!(
                reg.status.as_str(),
                "held" | "confirmed" | "waiting" | "offered"
            ) {
                let message = Message::FestivalChanged {
                    name: reg.name.clone(),
                    event: after.title.clone(),
                    starts_at: after.starts_at.clone(),
                    venue: venue.clone(),
                };
                tell(store, &reg, &message, now).await?;
            }
        }
    }
    if after.capacity > before.capacity {
        let hours = super::registration::offer_hours().unwrap_or(super::DEFAULT_OFFER_HOURS);
        let offers = store.fill_event(id, Duration::hours(hours), now).await?;
        super::registration::offer_each(store, &offers, hours, links, now).await?;
    }
    Ok(())
}

/// An organiser proposes an event on the public form: kept as submitted, and the
/// organiser mailed a link that confirms their address (then the agents see it) and a
/// link to their attendee list. Answers its id.
pub async fn submit_event(
    store: &Store,
    r: &EventRequest,
    links: &OrganiserLinks,
    now: DateTime<Utc>,
) -> Result<i64> {
    let event = checked_event(store, r, "submitted").await?;
    let confirm = store::accounts::random_token();
    let organiser = store::accounts::random_token();
    let id = store
        .add_event(&event, &organiser, Some(&confirm), now)
        .await?;
    let message = Message::FestivalSubmitted {
        event: event.title.clone(),
        confirm: format!("{}{confirm}", links.confirm),
        attendees: format!("{}{organiser}", links.attendees),
    };
    let mail = Mail {
        to: event.organiser_email.clone(),
        language: event.lang.clone(),
        message: message.to_json(),
    };
    store.queue_mail(&mail, now).await?;
    Ok(id)
}

/// Where an organiser's links lead: the token follows each.
#[derive(Debug, Clone)]
pub struct OrganiserLinks {
    pub confirm: String,
    pub attendees: String,
}

/// Approves a proposed event, rejects it, or cancels an approved one (every live
/// registration told, and ended).
pub async fn set_status(
    store: &Store,
    by: &Actor,
    id: i64,
    to: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    agents_only(by)?;
    let from: &[&str] = match to {
        // A submitted event's organiser has not confirmed their address yet.
        "approved" => &["proposed"],
        "rejected" => &["proposed"],
        "cancelled" => &["approved"],
        _ => {
            return Err(ServiceError::invalid(
                "status",
                "must be approved, rejected or cancelled",
            ));
        }
    };
    let event = store
        .event(id)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("event {id}")))?;
    if !store.set_event_status(id, from, to, now).await? {
        return Err(ServiceError::Conflict(format!(
            "event {id} cannot be {to} from {}",
            event.status
        )));
    }
    if to == "cancelled" {
        for r in store.end_registrations(id, now).await? {
            tell(
                store,
                &r,
                &Message::FestivalCancelled {
                    name: r.name.clone(),
                    event: event.title.clone(),
                },
                now,
            )
            .await?;
        }
    }
    Ok(())
}

async fn tell(store: &Store, r: &Registration, m: &Message, now: DateTime<Utc>) -> Result<()> {
    let mail = Mail {
        to: r.email.clone(),
        language: r.lang.clone(),
        message: m.to_json(),
    };
    store.queue_mail(&mail, now).await?;
    Ok(())
}

/// Checks a registration in at the door by its code (or, found by name on the door's
/// list, by the code shown there).
pub async fn check_in(
    store: &Store,
    by: &Actor,
    event_id: i64,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Registration> {
    agents_only(by)?;
    store
        .check_in_registration(event_id, code, now)
        .await?
        .ok_or_else(|| ServiceError::invalid("code", "no confirmed registration has this code"))
}

/// The door's figures for an event: people registered (confirmed), checked in, and —
/// once the event has ended — no-shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Door {
    pub registered: i64,
    pub checked_in: i64,
    pub no_shows: Option<i64>,
}

/// Counts the door's figures from the registrations.
pub fn door(event: &Event, registrations: &[Registration], now: DateTime<Utc>) -> Door {
    let confirmed: Vec<&Registration> = registrations
        .iter()
        .filter(|r| r.status == "confirmed")
        .collect();
    let registered = confirmed.iter().map(|r| r.people).sum();
    let checked_in = confirmed
        .iter()
        .filter(|r| r.checked_in_at.is_some())
        .map(|r| r.people)
        .sum();
    let ended = domain::calendar::parse_instant(&event.ends_at).is_ok_and(|end| end <= now);
    Door {
        registered,
        checked_in,
        no_shows: ended.then_some(registered - checked_in),
    }
}

/// Links a registration's mails use, from the site's address.
pub fn registration_links(site: &str) -> Links {
    Links {
        base: format!("{site}/festival/registrations/"),
    }
}
