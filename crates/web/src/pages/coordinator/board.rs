//! The week board: the week's task requests × its days, who is planned on each
//! occurrence or why nobody is, planning and re-planning from the page, a sick call that
//! re-plans, and one task request's page with its recommended candidates.
//!
//! - [`week`]: the board and its two planning buttons.
//! - [`schedule`]: the board by person, its first view.
//! - [`changes`]: what a re-plan moved, who has it now, and who was told.
//! - [`task`]: one task request in a week, with the candidates the engine recommends.
//! - [`absence`]: a sick call, confirmed on its own small page.
//!
//! Everything shown comes from the records and the week's latest stored plan, so a page
//! reloaded after planning shows what the plan says, moves included.

mod absence;
mod changes;
mod schedule;
mod task;
#[cfg(test)]
mod tests;
mod week;
mod why;

use crate::pages::i18n::Tr;
use crate::pages::{FieldError, clock, day_label, locale, weekday_name};
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use domain::actor::Actor;
use domain::calendar::local_date;
use domain::task::{TaskStart, TaskStatus};
use service::ServiceError;
use service::agency::attendance::{Attendance, Check};
use service::agency::board::Names;
use service::agency::{self, PlanRequest, PlanView, Week};
use std::collections::BTreeMap;
use store::Store;
use store::plans::StoredPlan;
use store::tasks::TaskRecord;
use store::worker::Reply;

/// The board's routes: the board, its planning buttons, a task's page and the sick call.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/week", get(week::show))
        .route("/week/plan", post(week::plan_week::<false>))
        .route("/week/replan", post(week::plan_week::<true>))
        .route("/week/tasks/{id}", get(task::show))
        .route("/week/absence", get(absence::confirm).post(absence::report))
}

/// A page waits for the planner, so it gets a short search: whichever limit comes first.
const PAGE_SECONDS: f64 = 2.0;
const PAGE_ITERATIONS: u64 = 100_000;

/// The page's request to plan or re-plan `week`, within a page's patience.
fn page_plan(week: &Week, replan: bool) -> PlanRequest {
    PlanRequest {
        week: week.label.clone(),
        replan,
        time_limit_seconds: Some(PAGE_SECONDS),
        iterations: Some(PAGE_ITERATIONS),
        seed: None,
    }
}

/// Plans or re-plans `week` as `POST /api/plans` does, within a page's patience,
/// telling whoever's work after `now` changed.
async fn run_plan(
    store: &Store,
    (actor, now): (&Actor, chrono::DateTime<chrono::Utc>),
    week: &Week,
    replan: bool,
) -> Result<PlanView, ServiceError> {
    agency::plan_requested(store, &page_plan(week, replan), actor, now).await
}

/// The ISO week it is now in Copenhagen.
fn this_week(today: NaiveDate) -> Week {
    Week::of(today)
}

/// The week a page asks for: none means this week; one that does not parse also gives
/// this week, with an error for the summary.
fn chosen_week(t: Tr, text: Option<&str>, today: NaiveDate) -> (Week, Option<FieldError>) {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => (this_week(today), None),
        Some(text) => match Week::parse(text) {
            Ok(week) => (week, None),
            Err(_) => (
                this_week(today),
                Some(FieldError::new(
                    "week",
                    t.fill("board.week_invalid", &[("week", text)]),
                )),
            ),
        },
    }
}

/// The week `weeks` weeks after `week` (before, when negative).
fn shifted(week: &Week, weeks: i64) -> Week {
    Week::of(week.monday + Duration::days(7 * weeks))
}

/// Where the board for `week` is.
fn board_href(week: &Week) -> String {
    format!("/week?week={}", week.label)
}

/// When an occurrence is wanted: its hours, or the window its start may fall in.
fn wanted(t: Tr, start: TaskStart, duration_minutes: u16) -> String {
    match start {
        TaskStart::Fixed(at) => format!(
            "{}–{}",
            clock(at),
            clock(at + Duration::minutes(duration_minutes.into()))
        ),
        TaskStart::Window { earliest, latest } => t.fill(
            "board.window",
            &[("from", &clock(earliest)), ("to", &clock(latest))],
        ),
    }
}

fn status_label(t: Tr, status: TaskStatus) -> &'static str {
    t.get(match status {
        TaskStatus::Requested => "board.status_requested",
        TaskStatus::Planned => "board.status_planned",
        TaskStatus::Confirmed => "board.status_confirmed",
        TaskStatus::Done => "board.status_done",
        TaskStatus::Approved => "board.status_approved",
        TaskStatus::Invoiced => "board.status_invoiced",
        TaskStatus::Cancelled => "board.status_cancelled",
        TaskStatus::NoShow => "board.status_no_show",
    })
}

/// What a re-plan did to an occurrence, in words; an unknown code shows as itself.
fn change_label(t: Tr, change: &str) -> String {
    match change {
        "moved" => t.get("board.change_moved").to_string(),
        "dropped" => t.get("board.change_dropped").to_string(),
        "added" => t.get("board.change_added").to_string(),
        other => other.to_string(),
    }
}

/// One person planned on an occurrence, with the link to report them sick that day.
struct Assigned {
    name: String,
    /// The person's page.
    person_href: String,
    /// The sick call for this person and day: its own button beside the name.
    sick_href: String,
    /// Their answer and check-in, in the page's language: "svarede ja · kom for sent 09:25".
    status: String,
}

/// One occurrence of a task request as the week's latest plan leaves it.
struct Slot {
    date: NaiveDate,
    /// Its planned hours, or when it is wanted while nobody is planned.
    time: String,
    people: Vec<Assigned>,
    /// Why nobody is planned, when nobody is.
    open: Option<String>,
    /// The request's status, when it is off the plan (cancelled, no-show).
    note: Option<String>,
    /// What the latest re-plan did to it.
    change: Option<String>,
}

/// Each planned person's answer and check-in on the board, by (task, date, person).
type Attendances = BTreeMap<(i64, NaiveDate, i64), Attendance>;

/// One person's answer and check-in, said in the page's language.
fn attendance_text(t: Tr, attendance: Option<&Attendance>) -> String {
    let Some(a) = attendance else {
        return String::new();
    };
    let mut parts = Vec::new();
    match a.reply {
        Some(Reply::Yes) => parts.push(t.get("board.replied_yes").to_string()),
        Some(Reply::No) => parts.push(t.get("board.replied_no").to_string()),
        None => {}
    }
    let at =
        |key: &str, when: &chrono::DateTime<chrono::Utc>| t.fill(key, &[("time", &clock(*when))]);
    match &a.check {
        Check::NotYet => {}
        Check::OnTime { at: when } => parts.push(at("board.checked_in", when)),
        Check::Late { at: when } => parts.push(at("board.late", when)),
        Check::Early { at: when } => parts.push(at("board.early", when)),
        Check::Recorded => parts.push(t.get("board.recorded").to_string()),
        Check::Missing => parts.push(t.get("board.missing").to_string()),
    }
    parts.join(" · ")
}

/// The occurrence of `task_id` starting at `start`, as `plan` (the week's latest) has it.
fn slot(
    t: Tr,
    plan: Option<&StoredPlan>,
    (names, attendances): (&Names, &Attendances),
    week: &Week,
    (task_id, record): (i64, &TaskRecord),
    start: TaskStart,
) -> Slot {
    let date = local_date(start.earliest());
    let mut slot = Slot {
        date,
        time: wanted(t, start, record.request.duration_minutes),
        people: Vec::new(),
        open: None,
        note: None,
        change: None,
    };
    if matches!(record.status, TaskStatus::Cancelled | TaskStatus::NoShow) {
        slot.note = Some(status_label(t, record.status).to_string());
        return slot;
    }
    let Some(plan) = plan.map(|p| &p.plan) else {
        slot.open = Some(t.get("board.not_planned").to_string());
        return slot;
    };
    let here = |task: i64, on: NaiveDate| task == task_id && on == date;
    for work in plan
        .assignments
        .iter()
        .filter(|a| here(a.task_id, a.occurrence))
    {
        slot.time = format!("{}–{}", clock(work.start), clock(work.end));
        slot.people.push(Assigned {
            name: names.of(work.person_id),
            person_href: format!("/people/{}", work.person_id),
            sick_href: format!(
                "/week/absence?week={}&person={}&date={date}",
                week.label, work.person_id
            ),
            status: attendance_text(t, attendances.get(&(task_id, date, work.person_id))),
        });
    }
    if slot.people.is_empty() {
        slot.open = Some(
            plan.unassigned
                .iter()
                .find(|u| here(u.task_id, u.occurrence))
                .map(|u| why::unstaffed(t, &agency::view::unstaffed(&u.reason)))
                // Requested after the plan was made: the planner has not seen it yet.
                .unwrap_or_else(|| t.get("board.not_planned").to_string()),
        );
    }
    slot.change = plan
        .moves
        .iter()
        .find(|m| here(m.task_id, m.occurrence))
        .map(|m| change_label(t, &m.change));
    slot
}

/// The starts of a request's occurrences that fall in `week`, as the planner counts them.
fn starts_in(record: &TaskRecord, week: &Week) -> Vec<TaskStart> {
    let (from, to) = week.bounds();
    record.request.occurrences_between(from, to)
}
