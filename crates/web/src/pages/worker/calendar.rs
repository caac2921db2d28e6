//! A worker's private calendar feed: an iCalendar address their phone's calendar
//! subscribes to, with one event per planned occurrence from today on.
//!
//! The address holds a random token instead of a sign-in, because calendar apps cannot
//! sign in. Only the token's SHA-256 is stored, so the address is shown once, when it is
//! made; making a new one is also how a worker stops an address they gave away by mistake.

use super::{day, describe, me};
use crate::PublicUrl;
use crate::pages::i18n::{Lang, Tr};
use crate::pages::{Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use domain::calendar::local_date;
use domain::contact::Locale;
use domain::problem::printable;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use service::Clock;
use service::agency::worker;
use store::Store;

/// The worker's page about their feed.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/calendar", get(show))
        .route("/my/calendar/new", post(renew))
}

/// The feed itself, public: the secret token in its address is the key.
pub fn feed_routes() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

#[derive(Template)]
#[template(path = "worker/calendar.html")]
struct CalendarPage {
    layout: Layout,
    csrf: String,
    /// The feed's address, only right after it was made.
    url: Option<String>,
    /// The same address for the phone's calendar app (`webcal://`).
    webcal: Option<String>,
    /// When the current address was made, if there is one: "fredag 27. november".
    made: Option<String>,
}

async fn page_for(store: &Store, page: &Page, token: Option<(String, String)>) -> PageResult {
    let (caller, _) = me(page)?;
    let made = worker::calendar_made(store, &caller.actor())
        .await?
        .map(|at| day(page.t, local_date(at)));
    let (url, webcal) = token.unzip();
    Ok(render(&CalendarPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        url,
        webcal,
        made,
    }))
}

async fn show(State(store): State<Store>, page: Page) -> PageResult {
    page_for(&store, &page, None).await
}

/// Makes a new address and shows it at once: it cannot be shown again later.
async fn renew(
    State(store): State<Store>,
    State(public_url): State<PublicUrl>,
    page: Page,
) -> PageResult {
    let (caller, _) = me(&page)?;
    let token = worker::new_calendar_token(&store, &caller.actor(), page.now).await?;
    let path = format!("/calendar/{token}.ics");
    let addresses = (public_url.join(&path), public_url.webcal(&path));
    page_for(&store, &page, Some(addresses)).await
}

/// The feed itself, for calendar apps: no sign-in, the token is the key.
async fn feed(
    State(store): State<Store>,
    State(clock): State<Clock>,
    State(public_url): State<PublicUrl>,
    Path(file): Path<String>,
) -> PageResult {
    let token = file.strip_suffix(".ics").ok_or(PageError::NotFound)?;
    let (owner, language) = worker::feed_owner(&store, token)
        .await?
        .ok_or(PageError::NotFound)?;
    let lang = match language {
        Locale::En => Lang::En,
        Locale::Da => Lang::Da,
    };
    let t = Tr::new(lang);
    let mut calendar = Calendar::new();
    calendar.name(t.get("worker.calendar_name"));
    let mut records = worker::Records::new(&store);
    for work in worker::planned_from(&store, &owner, clock.today()).await? {
        let Some((o, task, _)) = describe(&mut records, &work, t).await? else {
            continue;
        };
        let place = [o.company.as_str(), o.site.as_str(), o.address.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let link = public_url.join(&o.href);
        let mut event = Event::new();
        event
            .uid(&format!(
                "task-{}-{}-person-{}@kommune",
                o.task_id,
                o.date,
                owner.person_id.unwrap_or_default()
            ))
            .starts(o.start)
            .ends(o.end)
            // What the records hold is written so no stray control character can end
            // an event early (input refuses them; old rows may still hold one).
            .summary(&printable(&o.title))
            .location(&printable(&place))
            .description(&printable(&match task.request.description.as_str() {
                "" => link.clone(),
                about => format!("{about}\n\n{link}"),
            }))
            .url(&link)
            .status(if o.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        calendar.push(event.done());
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // Calendar apps poll; a stale copy would hide a change of plan.
            (header::CACHE_CONTROL, "no-cache"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"kommune.ics\"",
            ),
        ],
        calendar.done().to_string(),
    )
        .into_response())
}
