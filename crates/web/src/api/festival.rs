//! `/api/events`: the Sustainability Festival's programme and registrations for other
//! sites and for checks, public without sign-in. Registering counts against the public
//! limit per client address, as the public forms do. The rules live in
//! `service::festival`.

use crate::client::ClientAddress;
use crate::extract::{Id, JsonBody, Params};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use service::festival::registration::{self, RegistrationRequest};
use std::collections::BTreeMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The programme and registering, for anyone.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_events))
        .routes(routes!(register))
}

/// An event of the programme with its places.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventJson {
    pub id: i64,
    pub title: String,
    /// RFC 3339.
    pub starts_at: String,
    pub capacity: i64,
    /// People holding or having places.
    pub registered: i64,
    /// Registrations waiting.
    pub waitlist: i64,
}

super::page_of!(EventsPage, EventJson);

#[utoipa::path(get, path = "/api/events", tag = "festival",
    params(("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query)),
    description = "The current edition's approved events (this year's, else the next), by start, with places taken and registrations waiting. Public.",
    responses((status = 200, body = EventsPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_events(
    State(state): State<AppState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<EventsPage>, AppError> {
    let mut params = Params::new(query);
    let page = super::page_request(&mut params);
    params.finish(())?;
    let today = domain::calendar::local_date(state.clock.now());
    let all = service::festival::programme(&state.store, today).await?;
    let listed = page.of(all);
    Ok(Json(EventsPage::from_page(listed, |l| EventJson {
        id: l.event.id,
        title: l.event.title.clone(),
        starts_at: l
            .starts_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        capacity: l.places.capacity,
        registered: l.places.taken,
        waitlist: l.places.waiting,
    })))
}

/// A registration just made.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RegisteredJson {
    pub id: i64,
    /// `held` (confirm by the mailed link within 24 hours) or `waitlisted`.
    pub status: String,
    pub people: i64,
    /// The place in the waiting list; null unless waiting.
    pub position: Option<i64>,
}

#[utoipa::path(post, path = "/api/events/{id}/registrations", tag = "festival", params(("id" = i64, Path)),
    request_body = RegistrationRequest,
    description = "Registers without an account: places held until the mailed link is followed (24 hours), or a place in the waiting list. Public; counts against the per-address limit.",
    responses((status = 201, body = RegisteredJson), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json")))]
async fn register(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Id(id): Id,
    JsonBody(body): JsonBody<RegistrationRequest>,
) -> Result<(StatusCode, Json<RegisteredJson>), AppError> {
    let now = state.clock.now();
    if !state
        .store
        .admit_public(&client.to_string(), state.public_limit, now)
        .await?
    {
        return Err(AppError::TooManyRequests);
    }
    let links = links(&state);
    let registered = registration::register(&state.store, id, &body, &links, now).await?;
    let r = registered.registration;
    Ok((
        StatusCode::CREATED,
        Json(RegisteredJson {
            id: r.id,
            // Places offered at once from the list are held for the person like any.
            status: if registered.position.is_some() {
                "waitlisted".into()
            } else {
                "held".into()
            },
            people: r.people,
            position: registered.position,
        }),
    ))
}

/// Where a registration's links lead on this site.
pub fn links(state: &AppState) -> registration::Links {
    service::festival::manage::registration_links(&state.public_url.join(""))
}
