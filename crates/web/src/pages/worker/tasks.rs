//! The worker's next tasks, and one task occurrence's page with its three actions:
//! answering (coming or not), checking in and checking out.
//!
//! Checking in is offered on the occurrence's own day only: a tap a week early would
//! leave the worker "still checked in" and unable to check in where they really are.

use super::{Occurrence, describe, me};
use crate::pages::{
    FieldError, Layout, Page, PageError, PageResult, clock, hours_minutes, locale, names, render,
};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use service::agency::time;
use service::agency::worker;
use service::{CheckInRefusal, ServiceError};
use store::time::{EntryKind, EntryStatus, Occasion, TimeEntry};
use store::worker::Reply;
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/tasks", get(list))
        .route("/my/tasks/{task}/{date}", get(show))
        .route("/my/tasks/{task}/{date}/reply", post(reply))
        .route("/my/tasks/{task}/{date}/check-in", post(check_in))
        .route("/my/tasks/{task}/{date}/check-out", post(check_out))
}

/// One line of the list: the occurrence and the worker's answer so far.
struct Item {
    occurrence: Occurrence,
    /// The catalogue key of the answer's short text, if they answered.
    reply: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "worker/tasks.html")]
struct List {
    layout: Layout,
    items: Vec<Item>,
}

async fn list(State(store): State<Store>, page: Page) -> PageResult {
    let by = me(&page)?.0.actor();
    let from = page.today();
    let work = worker::planned_from(&store, &by, from).await?;
    let last = work.last().map_or(from, |w| w.occurrence);
    let replies = worker::replies(&store, &by, from, last + chrono::Duration::days(1)).await?;
    let mut records = worker::Records::new(&store);
    let mut items = Vec::new();
    for w in &work {
        if let Some((occurrence, _, _)) = describe(&mut records, w, page.t).await? {
            let reply = replies
                .iter()
                .find(|r| r.occasion.task_id == w.task_id && r.occasion.occurrence == w.occurrence)
                .map(|r| reply_key(r.reply));
            items.push(Item { occurrence, reply });
        }
    }
    Ok(render(&List {
        layout: page.layout(),
        items,
    }))
}

fn reply_key(reply: Reply) -> &'static str {
    match reply {
        Reply::Yes => "worker.replied_yes",
        Reply::No => "worker.replied_no",
    }
}

/// Someone to ask for on arrival.
struct ContactView {
    name: String,
    role: String,
    /// "Ring til 98 12 34 56" and the number as a `tel:` link.
    call: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "worker/task.html")]
struct TaskPage {
    layout: Layout,
    errors: Vec<FieldError>,
    csrf: String,
    occurrence: Occurrence,
    description: String,
    /// What to bring and be ready for, one short sentence each.
    bring: Vec<String>,
    contact: Option<ContactView>,
    reply: Option<&'static str>,
    /// Checked in and not yet out: "Du tjekkede ind kl. 09:02."
    checked_in_since: Option<String>,
    /// Work recorded for this occurrence, a sentence each.
    worked: Vec<String>,
    can_check_in: bool,
    /// Why there is no check-in button, when there is none and nothing is recorded.
    check_in_note: Option<&'static str>,
}

impl TaskPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The task and date of a path, or not found: a path that does not parse names nothing.
fn occasion_of(task: &str, date: &str, person: i64) -> Result<Occasion, PageError> {
    Ok(Occasion {
        task_id: task.parse().map_err(|_| PageError::NotFound)?,
        occurrence: domain::calendar::parse_date(date).map_err(|_| PageError::NotFound)?,
        person_id: person,
    })
}

/// This occasion's time entries that still count, oldest first.
async fn entries(
    store: &Store,
    occasion: &Occasion,
    page: &Page,
) -> Result<Vec<TimeEntry>, PageError> {
    let by = me(page)?.0.actor();
    Ok(worker::occasion_entries(store, &by, occasion).await?)
}

/// The status of an entry in the worker's words: the catalogue key.
pub(super) fn status_key(entry: &TimeEntry) -> &'static str {
    match (entry.kind, entry.status) {
        (EntryKind::NoShow, _) => "worker.status_no_show",
        (EntryKind::Cancelled, _) => "worker.status_cancelled",
        (_, EntryStatus::Open) => "worker.status_open",
        (_, EntryStatus::Confirmed) => "worker.status_confirmed",
        _ => "worker.status_registered",
    }
}

/// The task page for an occasion planned for the caller, with `errors` at the top.
async fn task_page(
    store: &Store,
    page: &Page,
    occasion: &Occasion,
    errors: Vec<FieldError>,
) -> Result<TaskPage, PageError> {
    let (caller, _) = me(page)?;
    let t = page.t;
    let work = worker::planned_one(store, &caller.actor(), occasion)
        .await?
        .ok_or(PageError::NotFound)?;
    let (occurrence, task, company) = describe(&mut worker::Records::new(store), &work, t)
        .await?
        .ok_or(PageError::NotFound)?;
    let request = &task.request;
    let mut bring = Vec::new();
    bring.push(t.fill(
        "worker.bring_type",
        &[("type", request.task_type.label(locale(t)))],
    ));
    if request.demand.lift_kg > 0 {
        bring.push(t.fill(
            "worker.bring_lift",
            &[("kg", &request.demand.lift_kg.to_string())],
        ));
    }
    if request.demand.standing {
        bring.push(t.get("worker.bring_standing").to_string());
    }
    if request.demand.outdoors {
        bring.push(t.get("worker.bring_outdoors").to_string());
    } else {
        bring.push(t.get("worker.bring_indoors").to_string());
    }
    for skill in &request.required_skills {
        bring.push(t.fill("worker.bring_skill", &[("skill", skill.label(locale(t)))]));
    }
    let contact = company.contacts.first().map(|c| ContactView {
        name: c.name.clone(),
        role: c.role.clone(),
        call: c.phone.as_ref().map(|p| {
            let number = p.to_string();
            let digits: String = number
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            (
                t.fill("worker.call", &[("phone", &number)]),
                format!("tel:{digits}"),
            )
        }),
    });
    let reply = worker::reply(store, &caller.actor(), occasion)
        .await?
        .map(|r| reply_key(r.reply));
    let entries = entries(store, occasion, page).await?;
    let open = entries.iter().find(|e| e.status == EntryStatus::Open);
    let checked_in_since = open
        .and_then(|e| e.started_at)
        .map(|at| t.fill("worker.checked_in_since", &[("time", &clock(at))]));
    let worked: Vec<String> = entries
        .iter()
        .filter(|e| e.status != EntryStatus::Open)
        .map(|e| match e.minutes {
            Some(m) => t.fill(
                "worker.worked",
                &[
                    ("time", &hours_minutes(m)),
                    ("status", t.get(status_key(e))),
                ],
            ),
            None => t.get(status_key(e)).to_string(),
        })
        .collect();
    let allowed = time::may_check_in(task.status, &entries, occasion.occurrence, page.now, false);
    let can_check_in = allowed.is_ok() && open.is_none();
    let check_in_note = match allowed {
        Err(CheckInRefusal::NotOnTheDay) if open.is_none() => {
            Some(if occasion.occurrence > page.today() {
                "worker.check_in_on_the_day"
            } else {
                "worker.check_in_past"
            })
        }
        // Called off: the warning at the top says it; recorded: the hours show it.
        _ => None,
    };
    Ok(TaskPage {
        layout: page.layout(),
        errors,
        csrf: caller.csrf.clone(),
        occurrence,
        description: request.description.clone(),
        bring,
        contact,
        reply,
        checked_in_since,
        worked,
        can_check_in,
        check_in_note,
    })
}

async fn show(
    State(store): State<Store>,
    page: Page,
    Path((task, date)): Path<(String, String)>,
) -> PageResult {
    let (_, person) = me(&page)?;
    let occasion = occasion_of(&task, &date, person)?;
    Ok(render(
        &task_page(&store, &page, &occasion, Vec::new()).await?,
    ))
}

/// A field of a posted form (the access check has read its CSRF token already).
fn field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The occasion a form posts to, if the caller is planned for it; otherwise not found,
/// so that nobody learns what others are planned for.
async fn planned_occasion(
    store: &Store,
    page: &Page,
    task: &str,
    date: &str,
) -> Result<Occasion, PageError> {
    let (caller, person) = me(page)?;
    let occasion = occasion_of(task, date, person)?;
    worker::planned_one(store, &caller.actor(), &occasion)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(occasion)
}

/// Back to the task page after a change, so a reload does not post again.
fn back(occasion: &Occasion) -> Response {
    Redirect::to(&format!(
        "/my/tasks/{}/{}",
        occasion.task_id, occasion.occurrence
    ))
    .into_response()
}

/// The task page again with one error at the top, linked to the control it is about.
async fn refused(
    store: &Store,
    page: &Page,
    occasion: &Occasion,
    status: StatusCode,
    field: &'static str,
    key: &'static str,
) -> PageResult {
    let errors = vec![FieldError::new(field, page.t.get(key))];
    let body = task_page(store, page, occasion, errors).await?;
    Ok((status, render(&body)).into_response())
}

async fn reply(
    State(store): State<Store>,
    page: Page,
    Path((task, date)): Path<(String, String)>,
    body: Bytes,
) -> PageResult {
    let occasion = planned_occasion(&store, &page, &task, &date).await?;
    let Some(choice) = field(&body, "reply").as_deref().and_then(Reply::parse) else {
        return refused(
            &store,
            &page,
            &occasion,
            StatusCode::UNPROCESSABLE_ENTITY,
            "reply",
            "worker.reply_missing",
        )
        .await;
    };
    let by = me(&page)?.0.actor();
    match worker::set_reply(&store, &by, &occasion, choice, page.now).await {
        Ok(_) => Ok(back(&occasion)),
        // The plan changed between the check above and the write.
        Err(ServiceError::Store(StoreError::Conflict(_))) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// A store refusal of a check-in or out, as the task page with the reason at the top.
async fn refusal(
    store: &Store,
    page: &Page,
    occasion: &Occasion,
    error: StoreError,
    conflict: &'static str,
) -> PageResult {
    match error {
        StoreError::Conflict(_) => {
            refused(
                store,
                page,
                occasion,
                StatusCode::CONFLICT,
                "check",
                conflict,
            )
            .await
        }
        StoreError::Invalid(_) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            refused(store, page, occasion, status, "check", "worker.try_again").await
        }
        other => Err(other.into()),
    }
}

async fn check_in(
    State(store): State<Store>,
    page: Page,
    Path((task, date)): Path<(String, String)>,
) -> PageResult {
    let occasion = planned_occasion(&store, &page, &task, &date).await?;
    let now = page.now;
    // A second tap on the same button (or the back button) is not an error.
    let known = entries(&store, &occasion, &page).await?;
    if known.iter().any(|e| e.status == EntryStatus::Open) {
        return Ok(back(&occasion));
    }
    let by = me(&page)?.0.actor();
    match time::check_in(&store, &by, &occasion, now, now).await {
        Ok(_) => Ok(back(&occasion)),
        Err(ServiceError::CheckIn(CheckInRefusal::NotOnTheDay)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let key = "worker.check_in_on_the_day";
            refused(&store, &page, &occasion, status, "check", key).await
        }
        // Recorded or called off since the page was shown: the page as it is now says why.
        Err(ServiceError::CheckIn(_)) => Ok(back(&occasion)),
        Err(ServiceError::Store(e)) => {
            refusal(&store, &page, &occasion, e, "worker.check_in_refused").await
        }
        Err(other) => Err(other.into()),
    }
}

async fn check_out(
    State(store): State<Store>,
    page: Page,
    Path((task, date)): Path<(String, String)>,
) -> PageResult {
    let occasion = planned_occasion(&store, &page, &task, &date).await?;
    let known = entries(&store, &occasion, &page).await?;
    let Some(open) = known.iter().find(|e| e.status == EntryStatus::Open) else {
        // Checked out already: a second tap is not an error.
        if known.iter().any(|e| e.kind == EntryKind::Worked) {
            return Ok(back(&occasion));
        }
        let key = "worker.check_out_not_in";
        return refused(&store, &page, &occasion, StatusCode::CONFLICT, "check", key).await;
    };
    let by = me(&page)?.0.actor();
    match time::check_out(&store, &by, open.id, page.now, page.now).await {
        Ok(_) => Ok(back(&occasion)),
        Err(ServiceError::Store(e)) => {
            refusal(&store, &page, &occasion, e, "worker.check_out_not_in").await
        }
        Err(other) => Err(other.into()),
    }
}
