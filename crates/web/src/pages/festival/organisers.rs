//! Organisers without an account: propose an event on a public form
//! (`/festival/submit`, its token and the per-address limit), confirm the address by the
//! mailed link (`/festival/organisers/confirm/{token}`; then the green agents see it),
//! and see and download the attendee list by their own link
//! (`/festival/organisers/{token}`, `….csv`).

use super::manage::event_request;
use crate::pages::alliance::form::{Field, FormPage, Posted, said};
use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{FieldError, Layout, Message, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use service::ServiceError;
use service::festival::manage::{self, KINDS, ORGANISER_TYPES, OrganiserLinks};
use store::festival::registrations::Registration;

/// The proposal form's fields, in order.
const FIELDS: [&str; 13] = [
    "title",
    "description",
    "kind",
    "venue_id",
    "starts_at",
    "ends_at",
    "capacity",
    "organiser",
    "organiser_type",
    "organiser_email",
    "lang",
    "themes",
    "sdgs",
];

async fn shown(
    state: &AppState,
    page: &Page,
    token: String,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let t = page.t;
    let edition = service::festival::current_edition(&state.store, page.today())
        .await?
        .ok_or(PageError::NotFound)?;
    let venues = state
        .store
        .venues(edition.id)
        .await?
        .into_iter()
        .map(|v| (v.id.to_string(), format!("{} ({})", v.name, v.address)))
        .collect();
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("festival.field_{name}")).to_string();
        f
    };
    let words = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| {
                (
                    c.to_string(),
                    t.get(&format!("festival.{prefix}_{c}")).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let languages = vec![
        ("da".to_string(), t.get("cases.language_da").to_string()),
        ("en".to_string(), t.get("cases.language_en").to_string()),
    ];
    let themes = service::cases::THEMES
        .iter()
        .map(|th| {
            (
                th.to_string(),
                t.get(&format!("cases.theme_{th}")).to_string(),
            )
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: token.clone(),
        heading: t.get("festival.submit_title").to_string(),
        intro: t.get("festival.submit_intro").to_string(),
        action: "/festival/submit".into(),
        fields: vec![
            field("title", "text"),
            field("description", "textarea"),
            field("kind", "select").options(words("kind", &KINDS), posted),
            field("venue_id", "select").options(venues, posted),
            field("starts_at", "datetime-local"),
            field("ends_at", "datetime-local"),
            field("capacity", "number"),
            field("organiser", "text"),
            field("organiser_type", "select").options(words("organiser", &ORGANISER_TYPES), posted),
            field("organiser_email", "email"),
            field("lang", "select").options(languages, posted),
            field("themes", "checks").options(themes, posted),
            field("sdgs", "text").hint(t.get("cases.hint_sdgs").to_string()),
        ],
        submit: t.get("festival.submit_submit").to_string(),
        errors,
        back: Some(("/festival".into(), t.get("festival.back").to_string())),
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /festival/submit`.
pub async fn form(State(state): State<AppState>, page: Page, headers: HeaderMap) -> PageResult {
    let posted = Posted::with(&[
        ("lang", page.t.lang.code().to_string()),
        ("organiser_type", "association".to_string()),
    ]);
    shown(&state, &page, form_token(&headers), &posted, Vec::new()).await
}

/// The organiser's links on this site.
fn links(state: &AppState) -> OrganiserLinks {
    OrganiserLinks {
        confirm: state.public_url.join("/festival/organisers/confirm/"),
        attendees: state.public_url.join("/festival/organisers/"),
    }
}

/// `POST /festival/submit`: proposed and mailed, or the form again naming what is wrong.
pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        let errors = vec![FieldError::new("title", t.get("sign_in.expired"))];
        let shown = shown(
            &state,
            &page,
            form_token(&HeaderMap::new()),
            &posted,
            errors,
        )
        .await?;
        return Ok((StatusCode::FORBIDDEN, shown).into_response());
    }
    let request = event_request(&posted);
    match manage::submit_event(&state.store, &request, &links(&state), page.now).await {
        Ok(_) => Ok(render(&Message {
            layout: page.layout(),
            title: t.get("festival.submitted_title").to_string(),
            text: t.fill(
                "festival.submitted_text",
                &[("email", posted.one("organiser_email").trim())],
            ),
        })
        .into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "title")
                .into_iter()
                .map(|e| {
                    let text = t.get(&format!("festival.bad_{}", e.field)).to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            shown(
                &state,
                &page,
                posted.one("csrf").to_string(),
                &posted,
                errors,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /festival/organisers/confirm/{token}`: the address confirmed, the event proposed
/// to the green agents.
pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    let t = page.t;
    let (status, key) = match state.store.confirm_event(&token, page.now).await? {
        Some(_) => (StatusCode::OK, "organiser_confirmed"),
        None => (StatusCode::NOT_FOUND, "unknown"),
    };
    let body = Message {
        layout: page.layout(),
        title: t.get(&format!("festival.{key}_title")).to_string(),
        text: t.get(&format!("festival.{key}_text")).to_string(),
    };
    Ok((status, render(&body)).into_response())
}

#[derive(Template)]
#[template(path = "festival/attendees.html")]
struct AttendeesPage {
    layout: Layout,
    title: String,
    token: String,
    status: String,
    attendees: Vec<Registration>,
}

/// `GET /festival/organisers/{token}` (the page) or `…/{token}.csv` (the list to save):
/// the confirmed registrations, names, e-mail addresses and group sizes.
pub async fn attendees(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    let t = page.t;
    let (token, csv) = match token.strip_suffix(".csv") {
        Some(token) => (token.to_string(), true),
        None => (token, false),
    };
    let event = state
        .store
        .event_by_organiser(&token)
        .await?
        .ok_or(PageError::NotFound)?;
    let attendees: Vec<Registration> = state
        .store
        .registrations(event.id)
        .await?
        .into_iter()
        .filter(|r| r.status == "confirmed")
        .collect();
    if csv {
        let rows: Vec<reports::festival::AttendeeRow> = attendees
            .iter()
            .map(|r| reports::festival::AttendeeRow {
                name: r.name.clone(),
                email: r.email.clone(),
                people: r.people,
                // Copenhagen time, as the organiser reads it: 2027-05-20 10:03.
                checked_in_at: r
                    .checked_in_at
                    .as_deref()
                    .and_then(|at| domain::calendar::parse_instant(at).ok())
                    .map(|at| {
                        at.with_timezone(&domain::calendar::TIME_ZONE)
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default(),
            })
            .collect();
        let mut out = Vec::new();
        reports::festival::write_attendees(&mut out, &rows)
            .map_err(|e| PageError::Internal(e.to_string()))?;
        return Ok(crate::pages::shared::download(
            "text/csv; charset=utf-8",
            &format!("event-{}.csv", event.id),
            out,
        ));
    }
    let body = AttendeesPage {
        layout: page.layout(),
        status: t
            .get(&format!("festival.status_{}", event.status))
            .to_string(),
        title: event.title,
        token,
        attendees,
    };
    Ok(render(&body).into_response())
}
