//! A company contact's pages: their task requests and who is coming, a form to request a
//! task, a form to order an extra Flex Waste pickup, hours to confirm, and their invoices
//! and credit notes to download.
//!
//! The company is always the session's, never a form's: a record of another company is
//! answered as if it did not exist. A task request from the form becomes a domain
//! [`TaskDraft`] and goes through the same parser and store checks as the JSON API, so
//! every rule applies; its errors are named by the form's own fields. An extra pickup
//! goes through the same use-case as the API's order.
//!
//! - [`overview`]: requests and who is coming.
//! - [`task_request`]: the form to request a task.
//! - [`pickup`]: the form to order an extra Flex Waste pickup.
//! - [`hours`]: hours to confirm.
//! - [`invoices`]: invoices and credit notes to download.

use super::i18n::Tr;
use super::{Page, PageError, cookie};
use crate::access::Caller;
use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use domain::actor::Actor;
use domain::calendar::{local_date, local_instant};
use domain::task::TaskStatus;
use store::Store;
use store::accounts::Role;

/// The company's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[
    ("/company", "company.nav"),
    ("/company/tasks/new", "company.nav_request"),
    ("/company/pickups/new", "company.nav_pickup"),
    ("/company/hours", "company.nav_hours"),
    ("/company/invoices", "company.nav_invoices"),
    ("/company/waste", "company.nav_waste"),
    ("/company/needs", "alliance.nav_company"),
    ("/company/bank", "alliance.nav_bank"),
];

mod hours;
mod invoices;
mod overview;
mod pickup;
mod task_request;
#[cfg(test)]
mod tests;
mod waste;

use hours::{confirm, hours};
use invoices::{download, invoices};
use overview::{cancel, overview};
use pickup::{new_pickup, order_pickup};
use task_request::{new_task, request_task};

/// The company contact's pages and the forms they post.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/company", get(overview))
        .route("/company/tasks/new", get(new_task))
        .route("/company/tasks", post(request_task))
        .route("/company/tasks/{id}/cancel", post(cancel))
        .route(
            "/company/tasks/{id}/edit",
            get(task_request::change_task).post(task_request::change_task_sent),
        )
        .route("/company/pickups/new", get(new_pickup))
        .route("/company/pickups", post(order_pickup))
        .route("/company/hours", get(hours))
        .route("/company/hours/{id}/confirm", post(confirm))
        .route("/company/invoices", get(invoices))
        .route("/company/invoices/{file}", get(download))
        .route("/company/waste", get(waste::show))
        .route("/company/waste/{file}", get(waste::statement))
}

/// The caller and the company they speak for; other roles are refused, and a contact
/// account without a company has nothing to see.
fn contact(page: &Page) -> Result<(&Caller, i64), PageError> {
    let caller = page.as_role(Role::Company)?;
    let company = caller.company().ok_or(PageError::Forbidden)?;
    Ok((caller, company))
}

// ---- Short notices after a form, carried to the next page in a cookie so that the
// redirect goes to the plain address.

/// The cookie holding the notice for the next page.
const NOTICE_COOKIE: &str = "kommune_notice";

/// A notice's code in the cookie and its text's catalogue key.
const NOTICES: &[(&str, &str)] = &[
    ("requested", "company.notice.requested"),
    ("ordered", "company.notice.ordered"),
    ("confirmed", "company.notice.confirmed"),
    ("not_waiting", "company.notice.not_waiting"),
    ("cancelled", "company.notice.cancelled"),
    ("not_cancellable", "company.notice.not_cancellable"),
    ("changed", "company.notice.changed"),
    ("not_changeable", "company.notice.not_changeable"),
    ("stale", "company.notice.stale"),
];

/// A redirect that leaves a notice for the page it goes to.
fn redirect_with_notice(to: &str, code: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = cookie(NOTICE_COOKIE, code, 60).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The notice a redirect left, in the page's language.
fn notice(t: Tr, headers: &HeaderMap) -> Option<String> {
    let code = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NOTICE_COOKIE)
        .map(|(_, value)| value)?;
    NOTICES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| t.get(key).to_string())
}

/// The page, clearing a notice once it has been shown.
fn shown(body: Response, had_notice: bool) -> Response {
    let mut response = body;
    if had_notice && let Ok(value) = cookie(NOTICE_COOKIE, "", 0).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

// ---- Words for dates, times, statuses and task types.

const WEEKDAYS: [&str; 7] = [
    "company.day.mon",
    "company.day.tue",
    "company.day.wed",
    "company.day.thu",
    "company.day.fri",
    "company.day.sat",
    "company.day.sun",
];

const MONTHS: [&str; 12] = [
    "company.month.1",
    "company.month.2",
    "company.month.3",
    "company.month.4",
    "company.month.5",
    "company.month.6",
    "company.month.7",
    "company.month.8",
    "company.month.9",
    "company.month.10",
    "company.month.11",
    "company.month.12",
];

/// A date as people read it: `tirsdag 1. december 2026`.
pub(crate) fn day_text(t: Tr, date: NaiveDate) -> String {
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    t.fill(
        "company.date",
        &[
            ("weekday", t.get(weekday)),
            ("day", &date.day().to_string()),
            ("month", t.get(MONTHS[date.month0() as usize])),
            ("year", &date.year().to_string()),
        ],
    )
}

fn status_key(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Requested => "company.status.requested",
        TaskStatus::Planned => "company.status.planned",
        TaskStatus::Confirmed => "company.status.confirmed",
        TaskStatus::Done => "company.status.done",
        TaskStatus::Approved => "company.status.approved",
        TaskStatus::Invoiced => "company.status.invoiced",
        TaskStatus::Cancelled => "company.status.cancelled",
        TaskStatus::NoShow => "company.status.no_show",
    }
}

/// Midnight at the start of today in Copenhagen, as an instant.
fn start_of_today(now: DateTime<Utc>) -> DateTime<Utc> {
    local_instant(local_date(now).and_time(NaiveTime::MIN)).unwrap_or(now)
}

/// One option of a `<select>`.
struct Choice {
    value: String,
    label: String,
}

/// The company's sites as a form's options: name and address.
async fn site_choices(store: &Store, by: &Actor) -> Result<Vec<Choice>, PageError> {
    let record = service::agency::company::record(store, by).await?;
    Ok(record
        .value
        .site_ids
        .iter()
        .zip(&record.value.company.sites)
        .map(|(id, site)| Choice {
            value: id.to_string(),
            label: format!("{} – {}", site.name, site.address.line),
        })
        .collect())
}
