//! Flex Waste's day for the coordinator (`/waste/day?date=YYYY-MM-DD`): the routes on a
//! map drawn from the stops' coordinates, beside each route's stops with arrival times
//! and windows, load and range used and the driver, the stops left out with why in the
//! page's language, and a button that plans or re-plans the day in the background.
//!
//! - [`month`]: the month's kg, CO2 and money as charts (`/waste/month`).
//! - [`why`]: the routing engine's reasons in words.
//! - [`subscriptions`], [`orders`], [`vehicles`]: the records, kept from the pages.
//! - [`form`]: what those forms share.
//! - [`downloads`]: the month's file, the annual waste report and the recycling
//!   statements.

mod downloads;
mod form;
mod month;
mod orders;
mod subscriptions;
mod vehicles;
mod why;

use crate::pages::i18n::Tr;
use crate::pages::map;
use crate::pages::{FieldError, Layout, Page, PageResult, clock, day_label, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use domain::calendar::parse_date;
use serde::Deserialize;
use service::flexwaste::board::{self, DayBoard, Planning};
use service::flexwaste::closing::{self, DayState};
use service::flexwaste::view::stored_why;
use std::collections::BTreeMap;
use store::Store;
use store::accounts::Role;
use store::waste::Route;

/// The day page and its planning button.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/waste/day", get(show))
        .route("/waste/day/plan", post(plan))
        .route("/waste/day/close", post(close))
        .route("/waste/month", get(month::show))
        .route("/waste/files/{file}", get(downloads::file))
        .merge(subscriptions::routes())
        .merge(orders::routes())
        .merge(vehicles::routes())
}

/// One row of a route's table: a stop or an unloading.
struct Row {
    /// The stop's number on the map; none for an unloading.
    n: Option<usize>,
    time: String,
    window: String,
    place: String,
    kg: String,
    recorded: bool,
}

/// One route beside the map.
struct RouteView {
    colour: &'static str,
    title: String,
    facts: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "coordinator/waste_day.html")]
struct DayPage {
    layout: Layout,
    errors: Vec<FieldError>,
    csrf: String,
    date: String,
    date_input: String,
    heading: String,
    previous: String,
    next: String,
    /// The page waits for a planning to finish.
    planning: bool,
    /// How the planning stands, in words: waiting, running (done by when), or failed.
    planning_said: Option<String>,
    plan_info: String,
    map: Option<map::Map>,
    map_summary: String,
    /// "Open", or closed by whom and when.
    state: String,
    closed: bool,
    corrections: Vec<String>,
    routes: Vec<RouteView>,
    left_out: Vec<(String, String)>,
}

impl DayPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

/// `GET /waste/day?date=2026-12-04`: the day; none is today, and a date that is not one
/// shows today with the mistake (422).
async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let text = query
        .get("date")
        .map(|d| d.trim())
        .filter(|d| !d.is_empty());
    let (day, errors) = match text.map(parse_date) {
        None => (page.today(), Vec::new()),
        Some(Ok(day)) => (day, Vec::new()),
        Some(Err(_)) => {
            let said = page
                .t
                .fill("waste.date_invalid", &[("date", text.unwrap_or_default())]);
            (page.today(), vec![FieldError::new("date", said)])
        }
    };
    let input = text.map_or_else(|| day.to_string(), str::to_string);
    shown(&store, &page, day, input, errors).await
}

async fn shown(
    store: &Store,
    page: &Page,
    day: NaiveDate,
    date_input: String,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let found = board::day(store, &caller.actor(), day, page.today()).await?;
    let routes = found
        .plan
        .as_ref()
        .map(|plan| {
            plan.routes
                .iter()
                .enumerate()
                .map(|(k, r)| route_view(t, &found, k, r))
                .collect()
        })
        .unwrap_or_default();
    let left_out: Vec<(String, String)> = found
        .plan
        .as_ref()
        .map(|plan| {
            plan.unserved
                .iter()
                .map(|(site, why)| {
                    let name = found
                        .sites
                        .get(site)
                        .map_or_else(|| format!("#{site}"), service::flexwaste::site_name);
                    (name, why::said(t, &stored_why(why), day))
                })
                .collect()
        })
        .unwrap_or_default();
    let stops: usize = found.plan.as_ref().map_or(0, |p| {
        p.routes
            .iter()
            .map(|r| r.visits.iter().filter(|v| v.site_id.is_some()).count())
            .sum()
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = DayPage {
        layout: page.layout(),
        errors,
        csrf: caller.csrf.clone(),
        date: day.to_string(),
        date_input,
        heading: t.fill("waste.heading", &[("day", &day_label(t, day, true))]),
        previous: (day - Duration::days(1)).to_string(),
        next: (day + Duration::days(1)).to_string(),
        planning: found.planning.as_ref().is_some_and(Planning::pending),
        planning_said: found.planning.as_ref().map(|p| planning_said(t, p)),
        plan_info: match &found.plan {
            None => t.get("waste.no_plan").to_string(),
            Some(p) => t.fill("waste.plan_info", &[("id", &p.id.to_string())]),
        },
        map_summary: t.fill(
            "waste.map_summary",
            &[
                ("routes", &routes_count(&found).to_string()),
                ("stops", &stops.to_string()),
                ("left_out", &left_out.len().to_string()),
            ],
        ),
        map: map::draw(&found),
        state: state_said(t, &found.state),
        closed: found.state.is_closed(),
        corrections: found
            .corrected
            .iter()
            .map(|(site, at)| {
                let name = found
                    .sites
                    .get(site)
                    .map_or_else(|| format!("#{site}"), service::flexwaste::site_name);
                t.fill("waste.corrected", &[("site", &name), ("time", &clock(*at))])
            })
            .collect(),
        routes,
        left_out,
    };
    Ok((status, render(&body)).into_response())
}

/// A planning's state in words; running, with when it is done at the latest (the job's
/// time limit from when it started).
fn planning_said(t: Tr, planning: &Planning) -> String {
    let time = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&domain::calendar::TIME_ZONE)
            .format("%H:%M:%S")
            .to_string()
    };
    match planning {
        Planning::Waiting { asked } => t.fill("waste.planning_waiting", &[("time", &time(*asked))]),
        Planning::Running { since } => {
            let done = *since + chrono::Duration::seconds(crate::jobs::PLAN_SECONDS.ceil() as i64);
            t.fill(
                "waste.planning_running",
                &[("since", &time(*since)), ("done", &time(done))],
            )
        }
        Planning::Failed { at } => t.fill("waste.planning_failed", &[("time", &time(*at))]),
    }
}

fn state_said(t: Tr, state: &DayState) -> String {
    match state {
        DayState::Open => t.get("waste.day_open").to_string(),
        DayState::Past => t.get("waste.day_closed_midnight").to_string(),
        DayState::Closed(c) => t.fill(
            "waste.day_closed_by",
            &[
                ("by", &c.by),
                (
                    "time",
                    &crate::pages::coordinator::records::local_time(c.at),
                ),
            ],
        ),
    }
}

fn routes_count(found: &DayBoard) -> usize {
    found.plan.as_ref().map_or(0, |p| p.routes.len())
}

fn route_view(t: Tr, found: &DayBoard, k: usize, r: &Route) -> RouteView {
    let vehicle = found.vehicles.get(&r.vehicle_id);
    let driver = r
        .driver_id
        .and_then(|id| found.drivers.get(&id).cloned())
        .unwrap_or_else(|| t.get("waste.no_driver").to_string());
    let mut load = 0i64;
    let mut most = 0i64;
    let mut rows = Vec::new();
    let mut n = 0;
    for v in &r.visits {
        let window = v
            .window
            .map(|(a, b)| format!("{}–{}", clock(a), clock(b)))
            .unwrap_or_default();
        match v.site_id {
            Some(site) => {
                n += 1;
                load += i64::from(v.expected_kg);
                most = most.max(load);
                rows.push(Row {
                    n: Some(n),
                    time: clock(v.arrives_at),
                    window,
                    place: found
                        .sites
                        .get(&site)
                        .map_or_else(|| format!("#{site}"), service::flexwaste::site_name),
                    kg: v.expected_kg.to_string(),
                    recorded: found.recorded.contains(&site),
                });
            }
            None => {
                let hub = v
                    .place_id
                    .and_then(|p| found.places.get(&p))
                    .map_or_else(String::new, |p| p.name.clone());
                rows.push(Row {
                    n: None,
                    time: clock(v.arrives_at),
                    window,
                    place: t.fill("waste.unload_at", &[("hub", &hub)]),
                    kg: load.to_string(),
                    recorded: false,
                });
                load = 0;
            }
        }
    }
    let km = |metres: i64| format!("{:.1}", metres as f64 / 1000.0).replace('.', ",");
    RouteView {
        colour: map::COLOURS[k % map::COLOURS.len()],
        title: t.fill(
            "waste.route_title",
            &[
                (
                    "vehicle",
                    &vehicle.map_or_else(|| format!("#{}", r.vehicle_id), |v| v.name.clone()),
                ),
                ("driver", &driver),
            ],
        ),
        facts: t.fill(
            "waste.route_facts",
            &[
                ("from", &clock(r.starts_at)),
                ("to", &clock(r.ends_at)),
                ("km", &km(r.distance_m)),
                ("range", &vehicle.map_or(0, |v| v.range_km).to_string()),
                ("kg", &most.to_string()),
                (
                    "capacity",
                    &vehicle.map_or(0, |v| v.capacity_kg).to_string(),
                ),
            ],
        ),
        rows,
    }
}

/// The planning button's form: the day shown.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DayForm {
    date: String,
}

/// `POST /waste/day/plan`: the day is planned in the background; the page shows it
/// waiting until the plan is there.
async fn plan(
    State(store): State<Store>,
    page: Page,
    form: Result<Form<DayForm>, FormRejection>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let day = match sent_day(&store, &page, form).await? {
        Ok(day) => day,
        Err(shown) => return Ok(shown),
    };
    board::ask_plan(&store, &caller.actor(), day, page.now).await?;
    Ok(Redirect::to(&format!("/waste/day?date={day}")).into_response())
}

/// `POST /waste/day/close`: the day is closed; its stops are changed no more.
async fn close(
    State(store): State<Store>,
    page: Page,
    form: Result<Form<DayForm>, FormRejection>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let day = match sent_day(&store, &page, form).await? {
        Ok(day) => day,
        Err(shown) => return Ok(shown),
    };
    closing::close_day(&store, &caller.actor(), day, page.now).await?;
    Ok(Redirect::to(&format!("/waste/day?date={day}")).into_response())
}

/// The day a button's form names, or today's page showing the mistake.
async fn sent_day(
    store: &Store,
    page: &Page,
    form: Result<Form<DayForm>, FormRejection>,
) -> Result<Result<NaiveDate, axum::response::Response>, crate::pages::PageError> {
    let sent = form.map(|Form(f)| f).unwrap_or_default();
    match parse_date(sent.date.trim()) {
        Ok(day) => Ok(Ok(day)),
        Err(_) => {
            let said = page.t.fill("waste.date_invalid", &[("date", &sent.date)]);
            let errors = vec![FieldError::new("date", said)];
            Ok(Err(shown(
                store,
                page,
                page.today(),
                sent.date.clone(),
                errors,
            )
            .await?))
        }
    }
}
