//! `/figures`: the agency's figures as charts — paid hours and the people who had them
//! month by month, and each person's planned hours this week against their target — each
//! with a sentence that sums it up and a table of the same numbers.

use super::{coordinator, hours};
use crate::pages::chart::{self, Bar};
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use service::agency::Week;
use service::agency::figures::{self, PaidMonth, PersonWeek};
use store::Store;
use store::invoices::Period;

pub fn routes() -> Router<AppState> {
    Router::new().route("/figures", get(show))
}

/// How many months the monthly charts show.
const MONTHS: i32 = 12;

struct MonthRow {
    month: String,
    hours: String,
    people: usize,
}

struct PersonRow {
    person_id: i64,
    name: String,
    planned: String,
    target: String,
    cap: String,
}

#[derive(Template)]
#[template(path = "coordinator/figures.html")]
struct Figures {
    layout: Layout,
    week: String,
    hours_chart: String,
    people_chart: String,
    week_chart: String,
    months: Vec<MonthRow>,
    people: Vec<PersonRow>,
}

fn minutes_as_hours(t: Tr, minutes: i64) -> String {
    hours(u32::try_from(minutes.max(0)).unwrap_or(u32::MAX), t)
}

fn month_charts(t: Tr, months: &[PaidMonth]) -> (String, String) {
    let label = |m: &PaidMonth| m.period.label();
    let hours_bars: Vec<Bar> = months
        .iter()
        .map(|m| Bar {
            label: label(m)[2..].to_string(),
            value: m.minutes as f64,
            text: minutes_as_hours(t, m.minutes),
        })
        .collect();
    let people_bars: Vec<Bar> = months
        .iter()
        .map(|m| Bar {
            label: label(m)[2..].to_string(),
            value: m.people as f64,
            text: m.people.to_string(),
        })
        .collect();
    let last = months.last();
    let hours_summary = last.map_or_else(String::new, |m| {
        t.fill(
            "coordinator.figures_hours_summary",
            &[
                ("month", &m.period.label()),
                ("hours", &minutes_as_hours(t, m.minutes)),
            ],
        )
    });
    let people_summary = last.map_or_else(String::new, |m| {
        t.fill(
            "coordinator.figures_people_summary",
            &[
                ("month", &m.period.label()),
                ("people", &m.people.to_string()),
            ],
        )
    });
    (
        chart::bars(
            "paid-hours",
            t.get("coordinator.figures_hours_title"),
            &hours_summary,
            &hours_bars,
        ),
        chart::bars(
            "paid-people",
            t.get("coordinator.figures_people_title"),
            &people_summary,
            &people_bars,
        ),
    )
}

fn week_chart(t: Tr, week: &Week, people: &[PersonWeek]) -> String {
    let bars: Vec<Bar> = people
        .iter()
        .map(|p| Bar {
            label: p.name.clone(),
            value: p.planned_minutes as f64,
            text: minutes_as_hours(t, p.planned_minutes),
        })
        .collect();
    let at_target = people
        .iter()
        .filter(|p| p.target_minutes > 0 && p.planned_minutes >= p.target_minutes)
        .count();
    let summary = t.fill(
        "coordinator.figures_week_summary",
        &[
            ("week", &week.label),
            (
                "planned",
                &people
                    .iter()
                    .filter(|p| p.planned_minutes > 0)
                    .count()
                    .to_string(),
            ),
            ("people", &people.len().to_string()),
            ("at_target", &at_target.to_string()),
        ],
    );
    chart::rows(
        "week-hours",
        t.get("coordinator.figures_week_title"),
        &summary,
        &bars,
    )
}

async fn show(State(store): State<Store>, page: Page) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let by = caller.actor();
    let today = page.today();
    let months = figures::paid_months(&store, &by, Period::of(today), MONTHS).await?;
    let week = Week::of(today);
    let people = figures::person_weeks(&store, &by, &week).await?;
    let (hours_chart, people_chart) = month_charts(t, &months);
    Ok(render(&Figures {
        layout: page.layout(),
        week: week.label.clone(),
        hours_chart,
        people_chart,
        week_chart: week_chart(t, &week, &people),
        months: months
            .iter()
            .map(|m| MonthRow {
                month: m.period.label(),
                hours: minutes_as_hours(t, m.minutes),
                people: m.people,
            })
            .collect(),
        people: people
            .iter()
            .map(|p| PersonRow {
                person_id: p.person_id,
                name: p.name.clone(),
                planned: minutes_as_hours(t, p.planned_minutes),
                target: minutes_as_hours(t, p.target_minutes),
                cap: minutes_as_hours(t, p.cap_minutes),
            })
            .collect(),
    }))
}
