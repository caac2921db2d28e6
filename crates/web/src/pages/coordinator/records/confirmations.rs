//! Hours registered but not yet confirmed, across every company: the coordinator
//! confirms one on the company's behalf, or runs the automatic confirmation that the
//! agreements allow after some days (the same as `POST /api/time/auto-confirm`).

use super::{coordinator, record_id, see_other, to_list};
use crate::access::Caller;
use crate::pages::i18n::Tr;
use crate::pages::{
    FieldError, Layout, Page, PageError, PageResult, clock, hours_minutes, locale, names,
    refusal_said, render,
};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use service::ServiceError;
use service::agency::{hours, time};
use std::collections::BTreeMap;
use store::time::TimeEntry;
use store::{Store, StoreError};

/// The most days the automatic confirmation may wait, as the API allows.
const MAX_DAYS: u32 = service::agency::time::MAX_AUTO_CONFIRM_DAYS;

/// The days the form suggests.
const DEFAULT_DAYS: u32 = service::agency::time::DEFAULT_AUTO_CONFIRM_DAYS;

/// The confirmation routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/confirmations", get(show))
        .route("/confirmations/auto", to_list("/confirmations").post(auto))
        .route(
            "/confirmations/{id}/confirm",
            to_list("/confirmations").post(confirm),
        )
}

/// One entry waiting for confirmation.
struct Row {
    id: i64,
    date: String,
    person_id: i64,
    worker: String,
    company_id: i64,
    company: String,
    task: String,
    time: String,
    minutes: String,
    age: String,
}

#[derive(Template)]
#[template(path = "coordinator/confirmations.html")]
struct Confirmations {
    layout: Layout,
    /// The most days the form takes, for the field's `max`.
    max_days: u32,
    csrf: String,
    rows: Vec<Row>,
    notice: Option<String>,
    errors: Vec<FieldError>,
    after_days: String,
}

impl Confirmations {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// How long the entry has waited, in whole days as the automatic confirmation counts them.
fn age(entry: &TimeEntry, t: Tr, now: DateTime<Utc>) -> String {
    match time::days_waited(entry, now) {
        ..=0 => t.get("coordinator.age_under_a_day").to_string(),
        1 => t.get("coordinator.age_one_day").to_string(),
        days => t.fill("coordinator.age_days", &[("days", &days.to_string())]),
    }
}

/// The rows: entries waiting for their company's confirmation, oldest first; a record
/// deleted since is shown by its number.
async fn waiting(
    store: &Store,
    caller: &Caller,
    t: Tr,
    now: DateTime<Utc>,
) -> Result<Vec<Row>, PageError> {
    let numbered = |n: i64| format!("#{n}");
    Ok(hours::waiting(store, &caller.actor())
        .await?
        .into_iter()
        .map(|w| {
            let e = &w.entry;
            let company_id = w.task.as_ref().map(|r| r.company_id).unwrap_or_default();
            Row {
                id: e.id,
                date: e.occurrence.to_string(),
                person_id: e.person_id,
                worker: w.worker.clone().unwrap_or_else(|| numbered(e.person_id)),
                company_id,
                company: w.company.clone().unwrap_or_else(|| numbered(company_id)),
                task: w
                    .task
                    .as_ref()
                    .map(|r| format!("{} ({})", r.title, r.task_type.label(locale(t))))
                    .unwrap_or_else(|| numbered(e.task_id)),
                time: match (e.started_at, e.ended_at) {
                    (Some(s), Some(end)) if e.outside_plan => format!(
                        "{}–{} ({})",
                        clock(s),
                        clock(end),
                        t.get("coordinator.outside_plan")
                    ),
                    (Some(s), Some(end)) => format!("{}–{}", clock(s), clock(end)),
                    _ => String::new(),
                },
                minutes: e.minutes.map(hours_minutes).unwrap_or_default(),
                age: age(e, t, now),
            }
        })
        .collect())
}

/// The page, with what a form just did or what was wrong with it.
async fn page_with(
    store: &Store,
    page: &Page,
    caller: &Caller,
    notice: Option<String>,
    errors: Vec<FieldError>,
    after_days: String,
    status: StatusCode,
) -> PageResult {
    let body = Confirmations {
        layout: page.layout(),
        max_days: MAX_DAYS,
        csrf: caller.csrf.clone(),
        rows: waiting(store, caller, page.t, page.now).await?,
        notice,
        errors,
        after_days,
    };
    Ok((status, render(&body)).into_response())
}

async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let notice = if query.contains_key("confirmed") {
        Some(t.get("coordinator.confirmed_one").to_string())
    } else {
        query
            .get("auto")
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| match n {
                1 => t.get("coordinator.auto_done_one").to_string(),
                n => t.fill("coordinator.auto_done", &[("count", &n.to_string())]),
            })
    };
    page_with(
        &store,
        &page,
        caller,
        notice,
        Vec::new(),
        DEFAULT_DAYS.to_string(),
        StatusCode::OK,
    )
    .await
}

async fn confirm(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let caller = coordinator(&page)?;
    let id = record_id(&id)?;
    match time::confirm(&store, &caller.actor(), id).await {
        Ok(_) => Ok(see_other("/confirmations?confirmed=1")),
        // Confirmed by the company a moment ago, or corrected: say so, with the list as it is now.
        Err(ServiceError::Store(refusal @ (StoreError::Refused(_) | StoreError::Conflict(_)))) => {
            let reason = refusal_said(page.t, &refusal);
            let message = page
                .t
                .fill("coordinator.confirm_refused", &[("reason", &reason)]);
            let errors = vec![FieldError::new("entries", message)];
            page_with(
                &store,
                &page,
                caller,
                None,
                errors,
                DEFAULT_DAYS.to_string(),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The automatic confirmation's form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AutoForm {
    after_days: String,
}

async fn auto(
    State(store): State<Store>,
    page: Page,
    form: Result<Form<AutoForm>, FormRejection>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let text = form.map(|f| f.0.after_days).unwrap_or_default();
    // A number the use-case refuses (more days than it allows) is shown like one that does
    // not read: the same message, with the most days.
    if let Ok(days) = text.trim().parse::<u32>() {
        match time::auto_confirm(&store, &caller.actor(), days, page.now).await {
            Ok(confirmed) => {
                return Ok(see_other(&format!(
                    "/confirmations?auto={}",
                    confirmed.len()
                )));
            }
            Err(ServiceError::Invalid(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let errors = vec![FieldError::new(
        "after_days",
        page.t.fill(
            "coordinator.auto_days_bad",
            &[("max", &MAX_DAYS.to_string())],
        ),
    )];
    page_with(
        &store,
        &page,
        caller,
        None,
        errors,
        text,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
