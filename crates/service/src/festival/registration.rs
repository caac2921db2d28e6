//! Registering for an event without an account: the form's fields checked (name, e-mail,
//! how many people — at most the edition's group limit), places held for
//! [`super::HOLD_HOURS`] until the mailed link is followed, or a place in the waiting
//! list; cancelling by the same link; and the job that lets holds and offers run out and
//! offers the places on. Every step that tells someone queues a mail in the outbox.

use super::{DEFAULT_OFFER_HOURS, HOLD_HOURS};
use crate::mail::Message;
use crate::{Result, ServiceError};
use chrono::{DateTime, Duration, Utc};
use domain::contact::{Email, required_text};
use domain::problem::Errors;
use store::Store;
use store::festival::registrations::{NewRegistration, Registered, Registration};
use store::outbox::Mail;

/// The recurring job that lets holds and offers run out.
pub const EXPIRE_JOB: &str = "festival_expire";
/// The recurring job that reminds confirmed registrations of tomorrow's events.
pub const REMIND_JOB: &str = "festival_remind";

/// What someone registering sends.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RegistrationRequest {
    /// 1–200 characters.
    pub name: String,
    pub email: String,
    /// 1 up to the edition's group limit.
    pub people: i64,
    /// `da` (default) or `en`: the language of the mails.
    pub lang: String,
}

/// Where a registration's links lead: `{base}{token}` confirms, `{base}{token}/cancel`
/// cancels.
#[derive(Debug, Clone)]
pub struct Links {
    pub base: String,
}

/// Registers for an approved event of the current edition.
pub async fn register(
    store: &Store,
    event_id: i64,
    request: &RegistrationRequest,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<Registered> {
    let event = store
        .event(event_id)
        .await?
        .filter(|e| e.status == "approved")
        // Once an event has begun, nobody registers for it.
        .filter(|e| domain::calendar::parse_instant(&e.starts_at).is_ok_and(|at| at > now))
        .ok_or_else(|| ServiceError::NotFound(format!("event {event_id}")))?;
    // A group larger than the event could never be given places.
    let limit = store
        .editions()
        .await?
        .into_iter()
        .find(|e| e.id == event.edition_id)
        .map_or(1, |e| e.group_limit)
        .min(event.capacity);
    let mut e = Errors::new();
    let name = e.check("name", required_text(&request.name, 200));
    let email = e.check("email", Email::parse(&request.email));
    if !(1..=limit).contains(&request.people) {
        e.push("people", format!("must be 1 to {limit}"));
    }
    let lang = match request.lang.trim() {
        "" | "da" => "da",
        "en" => "en",
        _ => {
            e.push("lang", "must be da or en");
            "da"
        }
    };
    let new = e
        .finish(|| {
            Some(NewRegistration {
                event_id,
                name: name?,
                email: email?.as_str().to_lowercase(),
                lang: lang.to_string(),
                people: request.people,
            })
        })
        .map_err(ServiceError::Invalid)?;
    let hours = offer_hours().unwrap_or(DEFAULT_OFFER_HOURS);
    let registered = store
        .register(
            &new,
            Duration::hours(HOLD_HOURS),
            Duration::hours(hours),
            now,
        )
        .await?;
    offer_each(store, &registered.offers, hours, links, now).await?;
    let r = &registered.registration;
    let message = match registered.position {
        // Free places nobody ahead could use, offered at once.
        None if r.status == "offered" => Message::FestivalOffered {
            name: r.name.clone(),
            event: event.title.clone(),
            people: r.people,
            confirm: format!("{}{}", links.base, registered.token),
            cancel: format!("{}{}/cancel", links.base, registered.token),
            hours,
        },
        None => Message::FestivalHeld {
            name: r.name.clone(),
            event: event.title.clone(),
            event_id,
            starts_at: event.starts_at.clone(),
            ends_at: event.ends_at.clone(),
            people: r.people,
            code: r.code.clone(),
            confirm: format!("{}{}", links.base, registered.token),
            cancel: format!("{}{}/cancel", links.base, registered.token),
            hours: HOLD_HOURS,
        },
        Some(position) => Message::FestivalWaiting {
            name: r.name.clone(),
            event: event.title.clone(),
            position,
            cancel: format!("{}{}/cancel", links.base, registered.token),
        },
    };
    tell(store, r, &message, now).await?;
    Ok(registered)
}

async fn tell(
    store: &Store,
    r: &Registration,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<()> {
    let mail = Mail {
        to: r.email.clone(),
        language: r.lang.clone(),
        message: message.to_json(),
    };
    store.queue_mail(&mail, now).await?;
    Ok(())
}

/// Follows a registration's link: held or offered places become confirmed. Answers the
/// registration as it is now; none when the link is no registration's.
pub async fn confirm(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Registration>> {
    Ok(store.confirm_registration(token, now).await?)
}

/// Cancels by the link, and offers the freed places on (each offer mailed).
pub async fn cancel(
    store: &Store,
    token: &str,
    offer_hours: i64,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<Option<Registration>> {
    let Some((cancelled, offers)) = store
        .cancel_registration(token, Duration::hours(offer_hours), now)
        .await?
    else {
        return Ok(None);
    };
    offer_each(store, &offers, offer_hours, links, now).await?;
    Ok(Some(cancelled))
}

/// Mails each offer, the places held for `hours`, with a fresh link: only a link's hash
/// is kept, so the waiting mail's link is replaced by the offer's.
pub(crate) async fn offer_each(
    store: &Store,
    offers: &[Registration],
    hours: i64,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<()> {
    for r in offers {
        let token = store.renew_registration_token(r.id).await?;
        let event = store
            .event(r.event_id)
            .await?
            .map(|e| e.title)
            .unwrap_or_default();
        let message = Message::FestivalOffered {
            name: r.name.clone(),
            event,
            people: r.people,
            confirm: format!("{}{token}", links.base),
            cancel: format!("{}{token}/cancel", links.base),
            hours,
        };
        tell(store, r, &message, now).await?;
    }
    Ok(())
}

/// The job: holds and offers whose time ran out let go, their places offered on.
pub async fn expire(
    store: &Store,
    offer_hours: i64,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<usize> {
    let offers = store
        .expire_holds(Duration::hours(offer_hours), now)
        .await?;
    offer_each(store, &offers, offer_hours, links, now).await?;
    Ok(offers.len())
}

static OFFER_HOURS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

/// Sets the offer time for the process, as the server's settings say (a flag or the
/// environment); the first setting stays.
pub fn set_offer_hours(hours: i64) {
    let _ = OFFER_HOURS.set(hours.clamp(1, 168));
}

/// The offer time in hours as set, else from the environment (`KOMMUNE_FESTIVAL_OFFER_HOURS`, 1–168),
/// or the default.
pub fn offer_hours() -> std::result::Result<i64, String> {
    if let Some(hours) = OFFER_HOURS.get() {
        return Ok(*hours);
    }
    match std::env::var("KOMMUNE_FESTIVAL_OFFER_HOURS") {
        Err(_) => Ok(DEFAULT_OFFER_HOURS),
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|h| (1..=168).contains(h))
            .ok_or_else(|| format!("KOMMUNE_FESTIVAL_OFFER_HOURS '{text}' is not 1–168 hours")),
    }
}

/// One registration as its registrant's export shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RegistrationExport {
    pub event: String,
    pub starts_at: String,
    pub name: String,
    pub people: i64,
    pub status: String,
    pub registered_at: String,
    pub confirmed_at: Option<String>,
    pub checked_in_at: Option<String>,
}

/// Everything the festival holds on whoever registered with `email` (Art. 15), for the
/// agency's privacy tools.
pub async fn export(store: &Store, email: &str) -> Result<Vec<RegistrationExport>> {
    let mut out = Vec::new();
    for r in store.registrations_of(&email.trim().to_lowercase()).await? {
        let event = store.event(r.event_id).await?.unwrap_or_default();
        out.push(RegistrationExport {
            event: event.title,
            starts_at: event.starts_at,
            name: r.name,
            people: r.people,
            status: r.status,
            registered_at: r.created_at,
            confirmed_at: r.confirmed_at,
            checked_in_at: r.checked_in_at,
        });
    }
    if out.is_empty() {
        return Err(ServiceError::NotFound(format!("no registrant {email}")));
    }
    Ok(out)
}

/// Erases a registrant (Art. 17): see `Store::erase_registrant`; freed places are
/// offered on, each offer mailed. Answers how many registrations were erased.
pub async fn erase(store: &Store, email: &str, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let hours = offer_hours().unwrap_or(DEFAULT_OFFER_HOURS);
    let (erased, offers) = store
        .erase_registrant(&email.trim().to_lowercase(), Duration::hours(hours), now)
        .await?;
    if erased == 0 {
        return Err(ServiceError::NotFound(format!("no registrant {email}")));
    }
    offer_each(store, &offers, hours, links, now).await?;
    Ok(erased)
}

/// The job: each confirmed registration of an event that starts tomorrow (Copenhagen) is
/// reminded once, with its code and its cancel link (a fresh link: only hashes are kept).
pub async fn remind(store: &Store, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let tomorrow = domain::calendar::local_date(now) + Duration::days(1);
    let midnight = |d: chrono::NaiveDate| {
        domain::calendar::local_instant_or_later(d.and_time(chrono::NaiveTime::MIN))
    };
    let window = (midnight(tomorrow), midnight(tomorrow + Duration::days(1)));
    let mut events = std::collections::BTreeMap::new();
    for edition in store.editions().await? {
        let venues = store.venues(edition.id).await?;
        for e in store.events(edition.id, Some("approved")).await? {
            let venue = venues
                .iter()
                .find(|v| v.id == e.venue_id)
                .map(|v| format!("{}, {}", v.name, v.address))
                .unwrap_or_default();
            events.insert(e.id, (e, venue));
        }
    }
    // The cancel links need fresh tokens, given before the reminders are written.
    let mut tokens = std::collections::BTreeMap::new();
    for (id, (event, _)) in &events {
        let starts = domain::calendar::parse_instant(&event.starts_at);
        if !starts.is_ok_and(|at| at >= window.0 && at < window.1) {
            continue;
        }
        for r in store.registrations(*id).await? {
            let due = r.status == "confirmed";
            if due && !store.reminded(r.id).await? {
                tokens.insert(r.id, store.renew_registration_token(r.id).await?);
            }
        }
    }
    let mail_of = |r: &Registration| {
        let (event, venue) = events.get(&r.event_id)?;
        let token = tokens.get(&r.id)?;
        let message = Message::FestivalReminder {
            name: r.name.clone(),
            event: event.title.clone(),
            starts_at: event.starts_at.clone(),
            venue: venue.clone(),
            code: r.code.clone(),
            cancel: format!("{}{token}/cancel", links.base),
        };
        Some(Mail {
            to: r.email.clone(),
            language: r.lang.clone(),
            message: message.to_json(),
        })
    };
    Ok(store.remind(window, mail_of, now).await?)
}
