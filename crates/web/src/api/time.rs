//! `/api/time`: time registration — check in and out of a planned task, hours recorded
//! by a coordinator, no-shows and cancellations, the company's confirmation (or automatic
//! confirmation after some days), and corrections as new entries.

use super::{page_of, page_request};
use crate::access;
use crate::extract::{Id, JsonBody, Params, integer};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use domain::calendar::{format_instant, parse_date, parse_instant};
use domain::problem::Errors;
use serde::{Deserialize, Serialize};
use service::Clock;
use service::agency::{hours, time};
use std::collections::BTreeMap;
use store::Store;
use store::time::{EntryKind, Occasion, TimeEntry, TimeFilter};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Workers and drivers check themselves in and out; companies confirm their hours;
/// coordinators use every route.
pub fn routes() -> OpenApiRouter<AppState> {
    let coordinators = OpenApiRouter::new()
        .routes(routes!(list_entries, record_hours))
        .routes(routes!(get_entry))
        .routes(routes!(record_absence))
        .routes(routes!(auto_confirm))
        .routes(routes!(correct));
    let time_keepers = OpenApiRouter::new()
        .routes(routes!(check_in))
        .routes(routes!(check_out));
    let confirmers = OpenApiRouter::new().routes(routes!(confirm));
    access::api_for(coordinators, access::COORDINATOR)
        .merge(access::api_for(time_keepers, access::TIME_KEEPERS))
        .merge(access::api_for(confirmers, access::COMPANY_OR_COORDINATOR))
}

/// A time entry as the API shows it; times in Copenhagen time.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct EntryOut {
    id: i64,
    task: i64,
    #[schema(example = "2026-12-01")]
    date: String,
    person: i64,
    /// worked, no_show or cancelled.
    kind: &'static str,
    /// open (checked in), registered, confirmed or corrected (no longer counts).
    status: &'static str,
    #[schema(example = "2026-12-01T09:00:00+01:00")]
    start: Option<String>,
    end: Option<String>,
    minutes: Option<i64>,
    reason: Option<String>,
    told: Option<String>,
    corrects: Option<i64>,
    corrected_by: Option<i64>,
    confirmed_at: Option<String>,
    confirmed_by: Option<String>,
    created_at: String,
    created_by: String,
    /// Registered outside the planned time: a coordinator confirms it before it is paid.
    outside_plan: bool,
}

fn out(e: TimeEntry) -> EntryOut {
    EntryOut {
        id: e.id,
        task: e.task_id,
        date: e.occurrence.to_string(),
        person: e.person_id,
        kind: e.kind.code(),
        status: e.status.code(),
        start: e.started_at.map(format_instant),
        end: e.ended_at.map(format_instant),
        minutes: e.minutes,
        reason: e.reason,
        told: e.told,
        corrects: e.corrects,
        corrected_by: e.corrected_by,
        confirmed_at: e.confirmed_at,
        confirmed_by: e.confirmed_by,
        created_at: e.created_at,
        created_by: e.created_by,
        outside_plan: e.outside_plan,
    }
}

/// Reads a date field into the body's errors.
fn date(errors: &mut Errors, name: &str, text: &str) -> Option<NaiveDate> {
    errors.check(name, parse_date(text))
}

/// Reads an instant field into the body's errors.
fn instant(errors: &mut Errors, name: &str, text: &str) -> Option<DateTime<Utc>> {
    errors.check(name, parse_instant(text))
}

/// One planned occurrence for one person.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct OccasionIn {
    task: i64,
    #[schema(example = "2026-12-01")]
    date: String,
    person: i64,
}

impl OccasionIn {
    fn parse(&self, fields: &mut Errors) -> Option<Occasion> {
        let occurrence = date(fields, "date", &self.date)?;
        Some(Occasion {
            task_id: self.task,
            occurrence,
            person_id: self.person,
        })
    }
}

/// A check-in: the occasion and, when not now, the moment.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct CheckIn {
    #[serde(flatten)]
    occasion: OccasionIn,
    /// ISO 8601 with offset; default now.
    at: Option<String>,
}

/// A check-out; `at` defaults to now.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct CheckOut {
    at: Option<String>,
}

/// Hours a coordinator records.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct Hours {
    #[serde(flatten)]
    occasion: OccasionIn,
    #[schema(example = "2026-12-01T09:00:00+01:00")]
    start: String,
    #[schema(example = "2026-12-01T11:00:00+01:00")]
    end: String,
}

/// A no-show or a cancellation.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct Absence {
    #[serde(flatten)]
    occasion: OccasionIn,
    /// no_show or cancelled.
    kind: String,
    reason: String,
    /// Who was told (the company contact, the worker, the coordinator).
    told: String,
}

/// New hours for an entry, and why.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct Correction {
    start: String,
    end: String,
    reason: String,
}

/// How many days after their end unconfirmed entries count as confirmed.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct AutoConfirm {
    #[schema(example = 3)]
    after_days: u32,
}

/// What automatic confirmation confirmed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Confirmed {
    confirmed: Vec<i64>,
}

/// The instant a field gives, or `now` when it is left out.
fn moment(
    fields: &mut Errors,
    name: &str,
    text: Option<&str>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match text {
        Some(t) => instant(fields, name, t),
        None => Some(now),
    }
}

#[utoipa::path(post, path = "/api/time/check-in", tag = "time", request_body = CheckIn,
    description = "The worker checks in to a task occurrence the week's latest plan gives them; a task or occurrence that is not theirs is a 404.",
    responses((status = 201, body = EntryOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn check_in(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<CheckIn>,
) -> Result<(StatusCode, Json<EntryOut>), AppError> {
    let mut fields = Errors::new();
    let occasion = body.occasion.parse(&mut fields);
    let at = moment(&mut fields, "at", body.at.as_deref(), clock.now());
    fields.done().map_err(AppError::Invalid)?;
    let (Some(occasion), Some(at)) = (occasion, at) else {
        unreachable!("finish reports every field that did not parse")
    };
    let entry = time::check_in(&store, &by, &occasion, at, clock.now()).await?;
    Ok((StatusCode::CREATED, Json(out(entry))))
}

#[utoipa::path(post, path = "/api/time/{id}/check-out", tag = "time", params(("id" = i64, Path)), request_body = CheckOut,
    responses((status = 200, body = EntryOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn check_out(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    JsonBody(body): JsonBody<CheckOut>,
) -> Result<Json<EntryOut>, AppError> {
    let mut fields = Errors::new();
    let at = moment(&mut fields, "at", body.at.as_deref(), clock.now());
    fields.done().map_err(AppError::Invalid)?;
    let at = at.expect("finish reports a bad time");
    Ok(Json(out(
        time::check_out(&store, &by, id, at, clock.now()).await?
    )))
}

#[utoipa::path(post, path = "/api/time", tag = "time", request_body = Hours,
    description = "A coordinator records the hours of a planned occurrence.",
    responses((status = 201, body = EntryOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn record_hours(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<Hours>,
) -> Result<(StatusCode, Json<EntryOut>), AppError> {
    let mut fields = Errors::new();
    let occasion = body.occasion.parse(&mut fields);
    let start = instant(&mut fields, "start", &body.start);
    let end = instant(&mut fields, "end", &body.end);
    fields.done().map_err(AppError::Invalid)?;
    let (Some(occasion), Some(start), Some(end)) = (occasion, start, end) else {
        unreachable!("finish reports every field that did not parse")
    };
    let entry = hours::record(&store, &by, &occasion, start, end, clock.now()).await?;
    Ok((StatusCode::CREATED, Json(out(entry))))
}

#[utoipa::path(post, path = "/api/time/absence", tag = "time", request_body = Absence,
    description = "Records a no-show or a cancellation with the reason and who was told.",
    responses((status = 201, body = EntryOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn record_absence(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<Absence>,
) -> Result<(StatusCode, Json<EntryOut>), AppError> {
    let mut fields = Errors::new();
    let occasion = body.occasion.parse(&mut fields);
    let kind = EntryKind::parse(&body.kind);
    if kind.is_none() {
        fields.push("kind", "must be no_show or cancelled");
    }
    fields.done().map_err(AppError::Invalid)?;
    let (Some(occasion), Some(kind)) = (occasion, kind) else {
        unreachable!("finish reports every field that did not parse")
    };
    let entry =
        hours::record_absence(&store, &by, &occasion, kind, &body.reason, &body.told).await?;
    Ok((StatusCode::CREATED, Json(out(entry))))
}

#[utoipa::path(post, path = "/api/time/{id}/confirm", tag = "time", params(("id" = i64, Path)),
    description = "The company confirms a complete entry.",
    responses((status = 200, body = EntryOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn confirm(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<EntryOut>, AppError> {
    Ok(Json(out(time::confirm(&store, &by, id).await?)))
}

#[utoipa::path(post, path = "/api/time/auto-confirm", tag = "time", request_body = AutoConfirm,
    description = "Confirms every complete entry that ended at least `after_days` days ago and is still unconfirmed.",
    responses((status = 200, body = Confirmed), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn auto_confirm(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<AutoConfirm>,
) -> Result<Json<Confirmed>, AppError> {
    let confirmed = time::auto_confirm(&store, &by, body.after_days, clock.now()).await?;
    Ok(Json(Confirmed { confirmed }))
}

#[utoipa::path(post, path = "/api/time/{id}/correct", tag = "time", params(("id" = i64, Path)), request_body = Correction,
    description = "Corrects an entry's hours with a new entry; the old one is kept and stops counting.",
    responses((status = 201, body = EntryOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn correct(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    JsonBody(body): JsonBody<Correction>,
) -> Result<(StatusCode, Json<EntryOut>), AppError> {
    let mut fields = Errors::new();
    let start = instant(&mut fields, "start", &body.start);
    let end = instant(&mut fields, "end", &body.end);
    fields.done().map_err(AppError::Invalid)?;
    let (Some(start), Some(end)) = (start, end) else {
        unreachable!("finish reports every field that did not parse")
    };
    let entry = hours::correct(&store, &by, id, start, end, &body.reason, clock.now()).await?;
    Ok((StatusCode::CREATED, Json(out(entry))))
}

#[utoipa::path(get, path = "/api/time/{id}", tag = "time", params(("id" = i64, Path)),
    responses((status = 200, body = EntryOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_entry(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<EntryOut>, AppError> {
    Ok(Json(out(hours::entry(&store, &by, id).await?)))
}

/// Which entries to list, and which page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; the handler reads it through `Params`
struct TimeQuery {
    task: Option<i64>,
    person: Option<i64>,
    /// Occurrences on or after this date.
    from: Option<String>,
    /// Occurrences before this date.
    to: Option<String>,
    /// From 1; default 1.
    page: Option<i64>,
    /// 1–200; default 50.
    per_page: Option<i64>,
}

page_of!(EntriesPage, EntryOut);

#[utoipa::path(get, path = "/api/time", tag = "time", params(TimeQuery),
    description = "Time entries by occurrence date, a page at a time.",
    responses((status = 200, body = EntriesPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_entries(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<EntriesPage>, AppError> {
    let mut params = Params::new(query);
    let filter = TimeFilter {
        task_id: params.get("task", integer),
        person_id: params.get("person", integer),
        from: params.get("from", parse_date),
        to: params.get("to", parse_date),
    };
    let page = page_request(&mut params);
    params.finish(())?;
    Ok(Json(EntriesPage::from_page(
        hours::entries(&store, &by, &filter, page).await?,
        |e| out(e.clone()),
    )))
}
