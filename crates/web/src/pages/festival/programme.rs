//! The festival's public programme: `/festival` (the current edition's events, narrowed
//! by day, theme, SDG and language, each with its places), and `/festival/events/{id}`
//! (the event, its venue and places, and the registration form: a public form with its
//! token and the per-address limit).

use crate::pages::alliance::form::{Field, Posted, said};
use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{FieldError, Layout, Message, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use service::ServiceError;
use service::festival::registration::{self, RegistrationRequest};
use service::festival::{self as festival, Listed};
use std::collections::BTreeMap;

/// The registration form's fields, in order.
const FIELDS: [&str; 3] = ["name", "email", "people"];

/// An event as the programme lists it.
struct Row {
    id: i64,
    title: String,
    when: String,
    kind: String,
    organiser: String,
    places: String,
    full: bool,
}

#[derive(Template)]
#[template(path = "festival/programme.html")]
struct ProgrammePage {
    layout: Layout,
    title: String,
    days: Vec<(String, String)>,
    day: String,
    themes: Vec<(&'static str, String)>,
    theme: String,
    goals: Vec<(String, String)>,
    sdg: String,
    lang: String,
    rows: Vec<Row>,
}

/// When an event is, in the reader's words: its day and its clock times.
fn when(t: crate::pages::i18n::Tr, l: &Listed) -> String {
    let end = domain::calendar::parse_instant(&l.event.ends_at).ok();
    format!(
        "{} {}–{}",
        crate::pages::day_label(t, domain::calendar::local_date(l.starts_at), true),
        crate::pages::clock(l.starts_at),
        end.map(crate::pages::clock).unwrap_or_default()
    )
}

/// Places left or the waiting list, in words.
fn places_said(t: crate::pages::i18n::Tr, l: &Listed) -> (String, bool) {
    let free = l.places.capacity - l.places.taken;
    if free > 0 && l.places.waiting == 0 {
        (
            t.fill("festival.places_free", &[("free", &free.to_string())]),
            false,
        )
    } else {
        (
            t.fill(
                "festival.places_full",
                &[("waiting", &l.places.waiting.to_string())],
            ),
            true,
        )
    }
}

/// `GET /festival?day=…&theme=…&sdg=…&lang=…`.
pub async fn programme(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let t = page.t;
    let want = |k: &str| {
        query
            .get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let (day, theme, sdg, lang) = (want("day"), want("theme"), want("sdg"), want("lang"));
    let edition = festival::current_edition(&state.store, page.today()).await?;
    let all = festival::programme(&state.store, page.today()).await?;
    let mut days: Vec<(String, String)> = Vec::new();
    for l in &all {
        let d = domain::calendar::local_date(l.starts_at);
        if !days.iter().any(|(k, _)| *k == d.to_string()) {
            days.push((d.to_string(), crate::pages::day_label(t, d, true)));
        }
    }
    let rows = all
        .iter()
        .filter(|l| day.is_empty() || domain::calendar::local_date(l.starts_at).to_string() == day)
        .filter(|l| theme.is_empty() || l.event.themes.contains(&theme))
        .filter(|l| sdg.is_empty() || l.event.sdgs.contains(&sdg))
        .filter(|l| lang.is_empty() || l.event.lang == lang)
        .map(|l| {
            let (places, full) = places_said(t, l);
            Row {
                id: l.event.id,
                title: l.event.title.clone(),
                when: when(t, l),
                kind: t
                    .get(&format!("festival.kind_{}", l.event.kind))
                    .to_string(),
                organiser: l.event.organiser.clone(),
                places,
                full,
            }
        })
        .collect();
    let body = ProgrammePage {
        layout: page.layout(),
        title: edition.map_or_else(|| t.get("festival.title").to_string(), |e| e.title),
        days,
        day,
        themes: service::cases::THEMES
            .iter()
            .map(|th| (*th, t.get(&format!("cases.theme_{th}")).to_string()))
            .collect(),
        theme,
        goals: ::indicators::sdg::shipped()
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let short = if t.lang.code() == "da" {
                    &g.short_da
                } else {
                    &g.short_en
                };
                ((i + 1).to_string(), format!("{}. {short}", i + 1))
            })
            .collect(),
        sdg,
        lang,
        rows,
    };
    Ok(render(&body).into_response())
}

#[derive(Template)]
#[template(path = "festival/event.html")]
struct EventPage {
    layout: Layout,
    id: i64,
    title: String,
    description: String,
    when: String,
    kind: String,
    organiser: String,
    venue: String,
    address: String,
    accessibility: String,
    places: String,
    full: bool,
    csrf: String,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

impl EventPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

async fn event_page(
    state: &AppState,
    page: &Page,
    id: i64,
    token: String,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let t = page.t;
    let listed = festival::programme(&state.store, page.today())
        .await?
        .into_iter()
        .find(|l| l.event.id == id)
        .ok_or(PageError::NotFound)?;
    let venue = state
        .store
        .venues(listed.event.edition_id)
        .await?
        .into_iter()
        .find(|v| v.id == listed.event.venue_id)
        .unwrap_or_default();
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("festival.field_{name}")).to_string();
        f
    };
    let (places, full) = places_said(t, &listed);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = EventPage {
        layout: page.layout(),
        id,
        when: when(t, &listed),
        kind: t
            .get(&format!("festival.kind_{}", listed.event.kind))
            .to_string(),
        title: listed.event.title,
        description: listed.event.description,
        organiser: listed.event.organiser,
        venue: venue.name,
        address: venue.address,
        accessibility: venue.accessibility,
        places,
        full,
        csrf: token.clone(),
        fields: vec![
            field("name", "text"),
            field("email", "email"),
            field("people", "number").hint(t.get("festival.hint_people").to_string()),
        ],
        errors,
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /festival/events/{id}`.
pub async fn event(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let posted = Posted::with(&[("people", "1".to_string())]);
    event_page(&state, &page, id, form_token(&headers), &posted, Vec::new()).await
}

/// `POST /festival/events/{id}`: registered (held or waiting, told by mail), or the form
/// again naming what is wrong.
pub async fn register(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        let errors = vec![FieldError::new("name", t.get("sign_in.expired"))];
        let shown = event_page(
            &state,
            &page,
            id,
            form_token(&HeaderMap::new()),
            &posted,
            errors,
        );
        return Ok((StatusCode::FORBIDDEN, shown.await?).into_response());
    }
    let request = RegistrationRequest {
        name: posted.one("name").to_string(),
        email: posted.one("email").to_string(),
        people: posted.one("people").trim().parse().unwrap_or(0),
        lang: t.lang.code().to_string(),
    };
    let links = crate::api::festival::links(&state);
    match registration::register(&state.store, id, &request, &links, page.now).await {
        Ok(registered) => {
            let text = match registered.position {
                None => t.fill(
                    "festival.held_text",
                    &[("email", &registered.registration.email)],
                ),
                Some(p) => t.fill("festival.waiting_text", &[("position", &p.to_string())]),
            };
            let body = Message {
                layout: page.layout(),
                title: t.get("festival.registered_title").to_string(),
                text,
            };
            Ok(render(&body).into_response())
        }
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "name")
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("festival.bad_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            let token = posted.one("csrf").to_string();
            event_page(&state, &page, id, token, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
