//! The worker's pages, made for a phone and for people who may find reading or
//! concentrating hard: short sentences, large buttons, one thing per screen.
//!
//! - [`tasks`]: the next tasks, and one task's page — where, when, what to bring, whom to
//!   ask for — with the answer (coming or not) and checking in and out.
//! - [`hours`]: the hours worked in a month and what they pay.
//! - [`calendar`]: a private calendar feed to subscribe to in the phone's calendar.
//!
//! What a worker is planned for is read from the latest plan of each week, as check-in
//! checks it; an occurrence the plan does not give them is "not found", like a task that
//! does not exist.

pub mod calendar;
pub mod hours;
pub mod tasks;

use super::i18n::Tr;
use super::{Page, PageError, clock};
use crate::access::Caller;
use crate::state::AppState;
use axum::Router;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::calendar::local_date;
use domain::company::Company;
use service::agency::worker::Records;
use store::accounts::Role;
use store::plans::PlannedWork;
use store::tasks::TaskRecord;

/// The worker's menu: (path, catalogue key); the first is where they land.
pub const MENU: &[(&str, &str)] = &[
    ("/my/tasks", "worker.nav"),
    ("/my/hours", "worker.nav_hours"),
    ("/my/calendar", "worker.nav_calendar"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(tasks::routes())
        .merge(hours::routes())
        .merge(calendar::routes())
}

/// The signed-in worker and the person they are. An account without a person has no
/// tasks to show, so its pages are not found.
fn me(page: &Page) -> Result<(&Caller, i64), PageError> {
    let caller = page.as_role(Role::Worker)?;
    let person = caller.person().ok_or(PageError::NotFound)?;
    Ok((caller, person))
}

/// One planned occurrence as the worker's pages show it.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub task_id: i64,
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub title: String,
    pub company: String,
    pub site: String,
    pub address: String,
    /// A map's directions to the site from wherever the phone is; empty without a site.
    pub directions: String,
    /// The company called the task off; the plan still shows it until it is re-planned.
    pub cancelled: bool,
    /// The occurrence's page, `/my/tasks/{task}/{date}`.
    pub href: String,
    /// "tirsdag 1. december 09:00–11:00".
    pub when: String,
}

/// The occurrence with its task and company, or `None` when either is gone.
async fn describe(
    records: &mut Records<'_>,
    work: &PlannedWork,
    t: Tr,
) -> Result<Option<(Occurrence, TaskRecord, Company)>, PageError> {
    let Some((task, record)) = records.work(work).await? else {
        return Ok(None);
    };
    let site = record
        .site_ids
        .iter()
        .position(|id| *id == task.request.site_id)
        .and_then(|i| record.company.sites.get(i));
    let company = record.company.clone();
    let occurrence = Occurrence {
        task_id: work.task_id,
        date: work.occurrence,
        start: work.start,
        end: work.end,
        title: task.request.title.clone(),
        company: company.name.clone(),
        site: site.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        address: site
            .as_ref()
            .map(|s| s.address.line.clone())
            .unwrap_or_default(),
        directions: site
            .as_ref()
            .map(|s| {
                let at = &s.address.coordinates;
                crate::pages::directions(at.latitude, at.longitude)
            })
            .unwrap_or_default(),
        cancelled: task.status == domain::task::TaskStatus::Cancelled,
        href: format!("/my/tasks/{}/{}", work.task_id, work.occurrence),
        when: when(t, work.start, work.end),
    };
    Ok(Some((occurrence, task, company)))
}

const WEEKDAYS: [&str; 7] = [
    "worker.weekday_1",
    "worker.weekday_2",
    "worker.weekday_3",
    "worker.weekday_4",
    "worker.weekday_5",
    "worker.weekday_6",
    "worker.weekday_7",
];

const MONTHS: [&str; 12] = [
    "worker.month_1",
    "worker.month_2",
    "worker.month_3",
    "worker.month_4",
    "worker.month_5",
    "worker.month_6",
    "worker.month_7",
    "worker.month_8",
    "worker.month_9",
    "worker.month_10",
    "worker.month_11",
    "worker.month_12",
];

/// A month's name in the page's language, "december".
fn month_name(t: Tr, month: u32) -> &'static str {
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .map_or("", |key| t.get(key))
}

/// A date as people say it: "tirsdag 1. december", "Tuesday 1 December".
fn day(t: Tr, date: NaiveDate) -> String {
    let weekday = t.get(WEEKDAYS[date.weekday().num_days_from_monday() as usize]);
    t.fill(
        "worker.date",
        &[
            ("weekday", weekday),
            ("day", &date.day().to_string()),
            ("month", month_name(t, date.month())),
        ],
    )
}

/// When an occurrence is, in Copenhagen time: "tirsdag 1. december 09:00–11:00".
fn when(t: Tr, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    t.fill(
        "worker.when",
        &[
            ("date", &day(t, local_date(start))),
            ("start", &clock(start)),
            ("end", &clock(end)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::hours_minutes;
    use crate::pages::i18n::{Lang, assert_both_languages_have, keys_asked_in};
    use chrono::Duration;

    #[test]
    fn dates_read_as_people_say_them() {
        let start = domain::calendar::parse_instant("2026-12-01T09:00:00+01:00").unwrap();
        let end = start + Duration::hours(2);
        assert_eq!(
            when(Tr::new(Lang::Da), start, end),
            "tirsdag 1. december 09:00–11:00"
        );
        assert_eq!(
            when(Tr::new(Lang::En), start, end),
            "Tuesday 1 December 09:00–11:00"
        );
        // Summer time: 07:30 UTC is 09:30 in Copenhagen.
        let summer = domain::calendar::parse_instant("2026-06-15T07:30:00Z").unwrap();
        assert_eq!(
            when(Tr::new(Lang::Da), summer, summer + Duration::minutes(90)),
            "mandag 15. juni 09:30–11:00"
        );
        assert_eq!(hours_minutes(125), "2:05");
        assert_eq!(hours_minutes(0), "0:00");
    }

    /// The catalogue test in `i18n` checks the Danish catalogue; this one checks both
    /// languages for the worker's templates and code, and the keys the date helpers build on.
    #[test]
    fn every_worker_key_exists_in_both_languages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys: Vec<String> = WEEKDAYS
            .iter()
            .chain(&MONTHS)
            .map(|k| k.to_string())
            .collect();
        for dir in ["templates/worker", "src/pages/worker"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                keys.extend(keys_asked_in(&text).into_iter().map(str::to_string));
            }
        }
        assert_both_languages_have(&keys);
    }
}
