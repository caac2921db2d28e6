//! The door (`/festival/door/{id}`), for green agents on a phone: find a confirmed
//! registration by name, check it in by the code from its mail, and see the event's
//! figures — registered, arrived, and no-shows once it has ended.

use crate::pages::alliance::form::Posted;
use crate::pages::{Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use service::ServiceError;
use service::festival::manage;
use std::collections::BTreeMap;

/// A registration at the door.
struct Guest {
    name: String,
    people: i64,
    code: String,
    checked_in: bool,
}

#[derive(Template)]
#[template(path = "festival/door.html")]
struct DoorPage {
    layout: Layout,
    csrf: String,
    id: i64,
    title: String,
    q: String,
    guests: Vec<Guest>,
    figures: String,
    notice: Option<String>,
}

/// `GET /festival/door/{id}?q=…`: the confirmed registrations, found by name.
pub async fn door(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    shown_door(
        &state,
        &page,
        id,
        query.get("q").cloned().unwrap_or_default(),
        None,
    )
    .await
}

async fn shown_door(
    state: &AppState,
    page: &Page,
    id: i64,
    q: String,
    notice: Option<String>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let event = state.store.event(id).await?.ok_or(PageError::NotFound)?;
    let registrations = state.store.registrations(id).await?;
    let figures = manage::door(&event, &registrations, page.now);
    let wanted = q.trim().to_lowercase();
    let guests = registrations
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .filter(|r| wanted.is_empty() || r.name.to_lowercase().contains(&wanted))
        .map(|r| Guest {
            checked_in: r.checked_in_at.is_some(),
            name: r.name,
            people: r.people,
            code: r.code,
        })
        .collect();
    let mut words = t.fill(
        "festival.door_figures",
        &[
            ("registered", &figures.registered.to_string()),
            ("checked_in", &figures.checked_in.to_string()),
        ],
    );
    if let Some(no_shows) = figures.no_shows {
        words.push_str(&t.fill(
            "festival.door_no_shows",
            &[("no_shows", &no_shows.to_string())],
        ));
    }
    let body = DoorPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        id,
        title: event.title,
        q,
        guests,
        figures: words,
        notice,
    };
    Ok(render(&body).into_response())
}

/// `POST /festival/door/{id}`: checked in by the code.
pub async fn check_in(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let notice = match manage::check_in(
        &state.store,
        &caller.actor(),
        id,
        posted.one("code"),
        page.now,
    )
    .await
    {
        Ok(r) => t.fill(
            "festival.door_welcome",
            &[("name", &r.name), ("people", &r.people.to_string())],
        ),
        Err(ServiceError::Invalid(_)) => t.get("festival.door_unknown").to_string(),
        Err(e) => return Err(e.into()),
    };
    shown_door(&state, &page, id, String::new(), Some(notice)).await
}
