//! A sick call: a person on the board is reported sick for a day (`GET /week/absence`
//! asks to confirm, `POST /week/absence` records it), which adds a sick day to their
//! absences through the ordinary person update and re-plans the week without them.

use super::week::{View, board};
use super::{board_href, clock, day_label, page_plan};
use crate::pages::{Errors, FieldError, Layout, Page, PageError, PageResult, render};
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Extension, Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::calendar::parse_date;
use serde::Deserialize;
use service::agency::{self, Week};
use store::Store;
use store::accounts::Role;

/// The sick call as the board's link and the form send it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SickCall {
    week: String,
    person: String,
    date: String,
}

/// A sick call whose fields all parse.
struct Checked {
    week: Week,
    person: i64,
    date: NaiveDate,
}

impl SickCall {
    /// Reads the fields, naming what is wrong; the person must exist and the date be in the week.
    async fn check(
        &self,
        store: &Store,
        by: &Actor,
        page: &Page,
    ) -> Result<Checked, (Week, Vec<FieldError>)> {
        let t = page.t;
        let mut errors = Errors::new();
        let week = Week::parse(&self.week).ok();
        if week.is_none() {
            errors.push(
                "week",
                t.fill("board.week_invalid", &[("week", &self.week)]),
            );
        }
        let person = match self.person.trim().parse::<i64>() {
            Ok(id) => match service::records::people::get(store, by, id).await {
                Ok(_) => Some(id),
                Err(_) => None,
            },
            Err(_) => None,
        };
        if person.is_none() {
            errors.push("board", t.get("board.person_invalid"));
        }
        let date = parse_date(&self.date).ok();
        match (date, &week) {
            (None, _) => errors.push(
                "board",
                t.fill("board.date_invalid", &[("date", &self.date)]),
            ),
            (Some(d), Some(w)) if Week::of(d) != *w => errors.push(
                "board",
                t.fill(
                    "board.date_outside",
                    &[("date", &day_label(t, d, true)), ("week", &w.label)],
                ),
            ),
            _ => {}
        }
        let shown = week
            .clone()
            .unwrap_or_else(|| super::this_week(page.today()));
        errors
            .finish(|| {
                Some(Checked {
                    week: week?,
                    person: person?,
                    date: date?,
                })
            })
            .map_err(|errors| (shown, errors))
    }
}

#[derive(Template)]
#[template(path = "coordinator/board_absence.html")]
struct Confirm {
    layout: Layout,
    errors: Vec<FieldError>,
    csrf: String,
    heading: String,
    intro: String,
    /// What the person is planned on that day, which the re-plan will hand to others.
    work: Vec<String>,
    week: String,
    person: i64,
    date: NaiveDate,
    board_href: String,
}

/// `GET /week/absence?week=…&person=…&date=…`: the small form that reports a person sick.
pub(super) async fn confirm(
    State(store): State<Store>,
    page: Page,
    Query(call): Query<SickCall>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    // Only the board links here: a link that names nobody leads nowhere.
    let by = caller.actor();
    let Ok(Checked { week, person, date }) = call.check(&store, &by, &page).await else {
        return Err(PageError::NotFound);
    };
    let Some((name, work)) = agency::board::sick_day(&store, &by, person, date).await? else {
        return Err(PageError::NotFound);
    };
    let work = work
        .into_iter()
        .map(|w| format!("{}–{} {}", clock(w.start), clock(w.end), w.title))
        .collect();
    let day = day_label(t, date, true);
    let values = [("name", name.as_str()), ("day", day.as_str())];
    let body = Confirm {
        layout: page.layout(),
        errors: Vec::new(),
        csrf: caller.csrf.clone(),
        heading: t.fill("board.sick_title", &values),
        intro: t.fill("board.sick_intro", &values),
        work,
        week: week.label.clone(),
        person,
        date,
        board_href: board_href(&week),
    };
    Ok(render(&body).into_response())
}

/// `POST /week/absence`: records the sick day, re-plans the week if it has a plan, and
/// goes back to the board, which shows what moved.
pub(super) async fn report(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    page: Page,
    form: Result<Form<SickCall>, FormRejection>,
) -> PageResult {
    let sent = form.map(|Form(f)| f).unwrap_or_default();
    page.as_role(Role::Coordinator)?;
    let Checked { week, person, date } = match sent.check(&store, &actor, &page).await {
        Ok(checked) => checked,
        Err((week, errors)) => {
            let input = week.label.clone();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return board(
                &store,
                &page,
                (&week, &View::first()),
                input,
                errors,
                status,
            )
            .await;
        }
    };
    let (_, mut options) = page_plan(&week, true).check()?;
    options.tell_from = Some(page.now);
    agency::report_sick(&store, person, date, &options, &actor).await?;
    Ok(Redirect::to(&board_href(&week)).into_response())
}
