//! The board itself (`GET /week`, by person; `GET /week?view=tasks`, by task request)
//! and its planning buttons (`POST /week/plan`, `POST /week/replan`), which plan as
//! `POST /api/plans` does and come back to the board.

use super::changes;
use super::schedule::{self, SchedulePage};
use super::{
    Slot, board_href, chosen_week, clock, day_label, run_plan, shifted, slot, starts_in,
    status_label, this_week,
};
use crate::pages::{FieldError, Layout, Page, PageResult, render};
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Extension, Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::{Datelike, Duration};
use domain::actor::Actor;
use domain::calendar::{local_date, parse_instant};
use serde::Deserialize;
use service::ServiceError;
use service::agency::schedule::ScheduleFilter;
use service::agency::{Week, board::WeekBoard};
use std::collections::BTreeMap;
use store::Store;
use store::StoreError;
use store::accounts::Role;

/// One task request's row: its occurrences under the days they fall on.
struct Row {
    href: String,
    title: String,
    company: String,
    status: String,
    /// Monday to Sunday.
    days: Vec<Vec<Slot>>,
}

#[derive(Template)]
#[template(path = "coordinator/board.html")]
struct Board {
    layout: Layout,
    errors: Vec<FieldError>,
    csrf: String,
    week: String,
    /// What the week field shows: the week, or the text that was not one.
    week_input: String,
    heading: String,
    dates: String,
    previous: String,
    next: String,
    caption: String,
    days: Vec<String>,
    rows: Vec<Row>,
    /// The week by person; none in the view by task request.
    schedule: Option<SchedulePage>,
    summary: String,
    plan_info: String,
    /// For a re-plan, what it moved; none for a first plan.
    moves: Option<Vec<String>>,
    /// Who the latest plan's changes were told to.
    told: Vec<String>,
}

impl Board {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

/// Which way the board is laid out.
pub(super) enum View {
    /// People × days, narrowed by a filter: the coordinator's first view.
    People(ScheduleFilter),
    /// Task requests × days.
    Tasks,
}

impl View {
    /// The board as it first opens: everyone, by person.
    pub(super) fn first() -> Self {
        Self::People(ScheduleFilter::default())
    }

    fn of(query: &BTreeMap<String, String>) -> Self {
        match query.get("view").map(String::as_str) {
            Some("tasks") => Self::Tasks,
            _ => Self::People(schedule::filter(query)),
        }
    }
}

/// The board for `week`, answered with `status`, with `errors` summarised at the top.
pub(super) async fn board(
    store: &Store,
    page: &Page,
    (week, view): (&Week, &View),
    week_input: String,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let by = caller.actor();
    let (found, schedule) = match view {
        View::Tasks => (
            service::agency::board::week(store, &by, week, page.now).await?,
            None,
        ),
        View::People(filter) => {
            let found = service::agency::schedule::week(store, &by, week, page.now, filter).await?;
            let shown = schedule::page(t, week, &found, filter);
            (found.board, Some(shown))
        }
    };
    let WeekBoard {
        requests,
        latest,
        attendance,
        people,
        companies,
        notices,
        ..
    } = found;
    let mut ordered: Vec<_> = requests
        .iter()
        .map(|r| (starts_in(&r.value, week), r))
        .filter(|(starts, _)| !starts.is_empty())
        .collect();
    ordered.sort_by_key(|(starts, r)| (starts[0].earliest(), r.meta.id));
    let (mut rows, mut staffed, mut total) = (Vec::new(), 0, 0);
    for (starts, r) in ordered {
        let mut days: Vec<Vec<Slot>> = (0..7).map(|_| Vec::new()).collect();
        for start in starts {
            let s = slot(
                t,
                latest.as_ref(),
                (&people, &attendance),
                week,
                (r.meta.id, &r.value),
                start,
            );
            if s.note.is_none() {
                total += 1;
                staffed += usize::from(!s.people.is_empty());
            }
            let day = usize::try_from((s.date - week.monday).num_days()).unwrap_or(0);
            if let Some(cell) = days.get_mut(day) {
                cell.push(s);
            }
        }
        rows.push(Row {
            href: format!("/week/tasks/{}?week={}", r.meta.id, week.label),
            title: r.value.request.title.clone(),
            company: companies.of(r.value.request.company_id),
            status: status_label(t, r.value.status).to_string(),
            days,
        });
    }
    let plan_info = match &latest {
        None => t.get("board.no_plan").to_string(),
        Some(p) => {
            let at = parse_instant(&p.created_at)
                .map(|at| format!("{} {}", day_label(t, local_date(at), false), clock(at)))
                .unwrap_or_else(|_| p.created_at.clone());
            t.fill(
                "board.plan_info",
                &[
                    ("id", &p.id.to_string()),
                    ("at", &at),
                    ("by", &p.created_by),
                ],
            )
        }
    };
    let moves = changes::moves(t, latest.as_ref(), &requests, &people);
    let told = changes::told(t, &notices, &people, &companies);
    let iso = week.monday.iso_week();
    let sunday = week.monday + Duration::days(6);
    let body = Board {
        layout: page.layout(),
        errors,
        csrf: caller.csrf.clone(),
        week: week.label.clone(),
        week_input,
        heading: t.fill(
            "board.heading",
            &[
                ("week", &iso.week().to_string()),
                ("year", &iso.year().to_string()),
            ],
        ),
        dates: t.fill(
            "board.dates",
            &[
                ("from", &day_label(t, week.monday, true)),
                ("to", &day_label(t, sunday, true)),
                ("year", &sunday.year().to_string()),
            ],
        ),
        previous: shifted(week, -1).label,
        next: shifted(week, 1).label,
        caption: t.fill("board.caption", &[("week", &week.label)]),
        days: schedule::days(t, week),
        rows: if schedule.is_some() { Vec::new() } else { rows },
        schedule,
        summary: if total == 0 {
            t.get("board.no_tasks").to_string()
        } else {
            t.fill(
                "board.summary",
                &[
                    ("staffed", &staffed.to_string()),
                    ("total", &total.to_string()),
                ],
            )
        },
        plan_info,
        moves,
        told,
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /week?week=2026-W49`: the board; a week that is not one shows this week's board
/// with the mistake summarised (422), so the coordinator sees both what went wrong and a board.
pub(super) async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let text = query.get("week").map(String::as_str);
    let (week, error) = chosen_week(page.t, text, page.today());
    let (input, errors, status) = match error {
        Some(e) => (
            text.unwrap_or_default().to_string(),
            vec![e],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        None => (week.label.clone(), Vec::new(), StatusCode::OK),
    };
    board(
        &store,
        &page,
        (&week, &View::of(&query)),
        input,
        errors,
        status,
    )
    .await
}

/// The planning buttons' form: the week shown.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WeekForm {
    week: String,
}

/// `POST /week/plan` plans the week from scratch; `POST /week/replan` (`REPLAN`) re-plans
/// from the week's latest plan, moving as little as possible.
pub(super) async fn plan_week<const REPLAN: bool>(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    page: Page,
    form: Result<Form<WeekForm>, FormRejection>,
) -> PageResult {
    let sent = form.map(|Form(f)| f).unwrap_or_default();
    submit(&store, &actor, &page, &sent.week, REPLAN).await
}

async fn submit(store: &Store, actor: &Actor, page: &Page, text: &str, replan: bool) -> PageResult {
    page.as_role(Role::Coordinator)?;
    let t = page.t;
    let Ok(week) = Week::parse(text) else {
        let error = FieldError::new("week", t.fill("board.week_invalid", &[("week", text)]));
        let (week, status) = (this_week(page.today()), StatusCode::UNPROCESSABLE_ENTITY);
        let view = View::first();
        return board(
            store,
            page,
            (&week, &view),
            text.to_string(),
            vec![error],
            status,
        )
        .await;
    };
    let error = match run_plan(store, (actor, page.now), &week, replan).await {
        Ok(_) => return Ok(Redirect::to(&board_href(&week)).into_response()),
        Err(ServiceError::NothingToReplan { .. }) => {
            FieldError::new("replan", t.get("board.nothing_to_replan"))
        }
        // A record changed under the planner (a stale version, a task moved on): say so.
        Err(
            ServiceError::Conflict(message) | ServiceError::Store(StoreError::Conflict(message)),
        ) => FieldError::new(if replan { "replan" } else { "plan" }, message),
        Err(e) => return Err(e.into()),
    };
    let input = week.label.clone();
    let shown = (&week, &View::first());
    board(store, page, shown, input, vec![error], StatusCode::CONFLICT).await
}
