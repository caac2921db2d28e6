//! The Sustainability Festival's pages.
//!
//! - [`manage`]: the green agents' overview and forms.
//! - [`door`]: the door's check-in on a phone.
//! - [`organisers`]: an organiser's proposal, its confirmation, and the attendee list.
//! - [`programme`]: the public programme and each event with its registration form.
//!
//! Here: an event as iCalendar (`/events/{id}.ics`),
//! and a registration's mailed link — `/festival/registrations/{token}` confirms held or
//! offered places, `…/cancel` asks once and cancels (the freed places go on to the
//! waiting list).

pub mod door;
pub mod manage;
pub mod organisers;
pub mod programme;

use crate::pages::{Message, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use icalendar::{Calendar, Component, Event as IcalEvent, EventLike};
use service::festival::registration;

/// The green agents' menu.
pub const MENU: &[(&str, &str)] = &[
    ("/festival/manage", "festival.nav_manage"),
    ("/green", "green.nav"),
    ("/green/pledges", "green.nav_pledges"),
    ("/goals", "indicators.nav_goals"),
];

/// The public pages; the forms behind the per-address limit.
pub fn routes(state: AppState) -> Router<AppState> {
    let forms = Router::new()
        .route(
            "/festival/events/{id}",
            get(programme::event).post(programme::register),
        )
        .route(
            "/festival/submit",
            get(organisers::form).post(organisers::submit),
        )
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::pages::public::limited,
        ));
    Router::new()
        .merge(forms)
        .route("/festival", get(programme::programme))
        .route("/festival.ics", get(programme_ics))
        .route(
            "/festival/organisers/confirm/{token}",
            get(organisers::confirm),
        )
        .route("/festival/organisers/{token}", get(organisers::attendees))
        .route("/events/{file}", get(ics))
        .route("/festival/registrations/{token}", get(confirm))
        .route(
            "/festival/registrations/{token}/cancel",
            get(cancel_page).post(cancel),
        )
        .route(
            "/festival/registrations/{token}/calendar.ics",
            get(own_calendar),
        )
}

/// `GET /events/{id}.ics`: an approved event as iCalendar.
async fn ics(State(state): State<AppState>, Path(file): Path<String>) -> PageResult {
    let id: i64 = file
        .strip_suffix(".ics")
        .and_then(|n| n.parse().ok())
        .ok_or(PageError::NotFound)?;
    let event = state
        .store
        .event(id)
        .await?
        .filter(|e| e.status == "approved")
        .ok_or(PageError::NotFound)?;
    let parse = |t: &str| domain::calendar::parse_instant(t).map_err(|_| PageError::NotFound);
    let text = ics_of(&[CalendarEvent {
        id,
        title: &event.title,
        description: &event.description,
        starts: parse(&event.starts_at)?,
        ends: parse(&event.ends_at)?,
        link: Some(state.public_url.join(&format!("/festival/events/{id}"))),
    }]);
    Ok(calendar_answer(text))
}

/// `GET /festival.ics`: the current edition's programme as one calendar.
async fn programme_ics(State(state): State<AppState>) -> PageResult {
    let today = domain::calendar::local_date(state.clock.now());
    let listed = service::festival::programme(&state.store, today).await?;
    let events: Vec<CalendarEvent> = listed
        .iter()
        .filter_map(|l| {
            Some(CalendarEvent {
                id: l.event.id,
                title: &l.event.title,
                description: &l.event.description,
                starts: l.starts_at,
                ends: domain::calendar::parse_instant(&l.event.ends_at).ok()?,
                link: Some(
                    state
                        .public_url
                        .join(&format!("/festival/events/{}", l.event.id)),
                ),
            })
        })
        .collect();
    Ok(calendar_answer(ics_of(&events)))
}

/// An iCalendar answer that calendar apps fetch again rather than keep.
fn calendar_answer(text: String) -> axum::response::Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        text,
    )
        .into_response()
}

/// An event as a calendar shows it.
pub struct CalendarEvent<'a> {
    pub id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub starts: chrono::DateTime<chrono::Utc>,
    pub ends: chrono::DateTime<chrono::Utc>,
    pub link: Option<String>,
}

/// Events as one iCalendar document: what the event's page links, the per-person
/// calendar and the confirmation mail's attachment all write.
pub fn ics_of(events: &[CalendarEvent]) -> String {
    let mut calendar = Calendar::new();
    for e in events {
        let mut event = IcalEvent::new();
        event
            .uid(&format!("festival-event-{}@kommune", e.id))
            .starts(e.starts)
            .ends(e.ends)
            .summary(&domain::problem::printable(e.title))
            .description(&domain::problem::printable(e.description));
        if let Some(link) = &e.link {
            event.url(link);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// `GET /festival/registrations/{token}/calendar.ics`: a person's own calendar — every
/// live registration made with the address of the one this link belongs to.
async fn own_calendar(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    let mine = state
        .store
        .registration_by_token(&token)
        .await?
        .ok_or(PageError::NotFound)?;
    let mut events = Vec::new();
    for r in state.store.registrations_of(&mine.email).await? {
        if !matches!(r.status.as_str(), "held" | "confirmed" | "offered") {
            continue;
        }
        if let Some(e) = state.store.event(r.event_id).await? {
            events.push(e);
        }
    }
    let listed: Vec<CalendarEvent> = events
        .iter()
        .filter_map(|e| {
            Some(CalendarEvent {
                id: e.id,
                title: &e.title,
                description: &e.description,
                starts: domain::calendar::parse_instant(&e.starts_at).ok()?,
                ends: domain::calendar::parse_instant(&e.ends_at).ok()?,
                link: Some(state.public_url.join(&format!("/festival/events/{}", e.id))),
            })
        })
        .collect();
    Ok(calendar_answer(ics_of(&listed)))
}

/// A short page in the reader's words.
fn told(page: &Page, status: StatusCode, key: &str) -> PageResult {
    let t = page.t;
    let body = Message {
        layout: page.layout(),
        title: t.get(&format!("festival.{key}_title")).to_string(),
        text: t.get(&format!("festival.{key}_text")).to_string(),
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /festival/registrations/{token}`: held or offered places confirmed.
async fn confirm(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    match registration::confirm(&state.store, &token, page.now).await? {
        Some(r) if r.status == "confirmed" => told(&page, StatusCode::OK, "confirmed"),
        Some(r) if r.status == "waiting" => told(&page, StatusCode::OK, "still_waiting"),
        Some(_) => told(&page, StatusCode::GONE, "too_late"),
        None => told(&page, StatusCode::NOT_FOUND, "unknown"),
    }
}

#[derive(Template)]
#[template(path = "festival/cancel.html")]
struct CancelPage {
    layout: crate::pages::Layout,
    token: String,
}

/// `GET /festival/registrations/{token}/cancel`: one button, so a link checker opening
/// the link cancels nothing.
async fn cancel_page(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    let live = state
        .store
        .registration_by_token(&token)
        .await?
        .is_some_and(|r| {
            matches!(
                r.status.as_str(),
                "held" | "confirmed" | "waiting" | "offered"
            )
        });
    if !live {
        return told(&page, StatusCode::NOT_FOUND, "unknown");
    }
    Ok(render(&CancelPage {
        layout: page.layout(),
        token,
    })
    .into_response())
}

/// `POST /festival/registrations/{token}/cancel`: the link's token is the proof.
async fn cancel(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    let links = crate::api::festival::links(&state);
    let hours = registration::offer_hours().unwrap_or(service::festival::DEFAULT_OFFER_HOURS);
    match registration::cancel(&state.store, &token, hours, &links, page.now).await? {
        Some(_) => told(&page, StatusCode::OK, "cancelled"),
        None => told(&page, StatusCode::NOT_FOUND, "unknown"),
    }
}
