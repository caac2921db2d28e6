//! A worker's hours in a month and what they pay: the same sums as the payroll file
//! (every complete hour at its agreement's wage, holiday pay on top), so the page and the
//! pay slip never disagree.

use super::tasks::status_key;
use super::{day, me, month_name};
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageError, PageResult, hours_minutes, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use domain::money::Money;
use domain::payroll::Pay;
use service::agency::worker;
use std::collections::HashMap;
use store::Store;
use store::invoices::Period;
use store::time::{EntryKind, EntryStatus, TimeFilter};

pub fn routes() -> Router<AppState> {
    Router::new().route("/my/hours", get(hours))
}

/// One entry of the month.
struct Line {
    date: String,
    task: String,
    /// "2:05 timer", or empty while still checked in.
    time: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "worker/hours.html")]
struct Hours {
    layout: Layout,
    /// "november 2026".
    month: String,
    previous: String,
    next: String,
    lines: Vec<Line>,
    total_time: String,
    wage: String,
    holiday_pay: String,
    /// "Feriepenge (12,5 %)".
    holiday_pay_label: String,
    total: String,
}

/// The month a query names (`?month=2026-11`), or the current one.
fn period(query: &HashMap<String, String>, today: chrono::NaiveDate) -> Result<Period, PageError> {
    match query
        .get("month")
        .map(|m| m.trim())
        .filter(|m| !m.is_empty())
    {
        Some(text) => Period::parse(text).map_err(|_| PageError::NotFound),
        None => Ok(Period::of(today)),
    }
}

/// Minutes as hours and minutes with the unit, so "2:05" is not read as a clock time.
fn duration(t: Tr, minutes: i64) -> String {
    t.fill("worker.duration", &[("time", &hours_minutes(minutes))])
}

async fn hours(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<HashMap<String, String>>,
) -> PageResult {
    let (caller, _) = me(&page)?;
    let t = page.t;
    let period = period(&query, page.today())?;
    let filter = TimeFilter {
        from: Some(period.first_day()),
        to: Some(period.end()),
        ..TimeFilter::default()
    };
    let entries = worker::hours(&store, &caller.actor(), &filter).await?;
    let mut records = worker::Records::new(&store);
    let mut lines = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.kind == EntryKind::Worked && e.status != EntryStatus::Corrected)
    {
        let task = records
            .task(e.task_id)
            .await?
            .map(|t| t.request.title)
            .unwrap_or_default();
        lines.push(Line {
            date: day(t, e.occurrence),
            task,
            time: e.minutes.map(|m| duration(t, m)).unwrap_or_default(),
            status: status_key(e),
        });
    }
    // The payroll's own sums: the wage per entry comes from its agreement there.
    let paid: Pay = worker::pay(&store, &caller.actor(), period).await?;
    let money = |ore: i64| {
        t.fill(
            "worker.kroner",
            &[("amount", &Money::from_ore(ore).kroner())],
        )
    };
    Ok(render(&Hours {
        layout: page.layout(),
        month: format!("{} {}", month_name(t, period.month), period.year),
        previous: period.shifted(-1).label(),
        next: period.shifted(1).label(),
        lines,
        total_time: duration(t, paid.minutes),
        wage: money(paid.wage_ore),
        holiday_pay: money(paid.holiday_pay_ore),
        holiday_pay_label: t.fill(
            "worker.holiday_pay",
            &[("rate", &crate::pages::holiday_pay_rate(t))],
        ),
        total: money(paid.total_ore),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_step_across_years() {
        let december = Period {
            year: 2026,
            month: 12,
        };
        assert_eq!(december.shifted(1).label(), "2027-01");
        assert_eq!(december.shifted(-1).label(), "2026-11");
        assert_eq!(
            Period {
                year: 2026,
                month: 1
            }
            .shifted(-1)
            .label(),
            "2025-12"
        );
    }
}
