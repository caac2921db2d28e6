//! `/route`: the driver's stops of the day in order, each a large link to its own page,
//! with a short notice after a stop was sent.

use super::{Day, Stop, me, stops};
use crate::pages::{Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use std::collections::BTreeMap;
use store::Store;

pub fn routes() -> Router<AppState> {
    Router::new().route("/route", get(sheet))
}

#[derive(Template)]
#[template(path = "driver/route.html")]
struct Sheet {
    layout: Layout,
    /// "Today's route", or the route of another day.
    title: String,
    stops: Vec<Stop>,
    /// "3 of 12 stops done."
    progress: String,
    /// No route: why, in a sentence.
    none: &'static str,
    /// "Stop 3 recorded." after a form.
    notice: Option<String>,
    /// The first stop not done yet: its page and "Go to stop 4".
    next: Option<(String, String)>,
}

async fn sheet(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    me(&page)?;
    let t = page.t;
    let day = Day::of(&query, page.today())?;
    let stops = stops(&store, &page, day).await?;
    let notice = query
        .get("done")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=stops.len()).contains(n))
        .map(|n| {
            let key = if query.contains_key("again") {
                "driver.notice_again"
            } else {
                "driver.notice_recorded"
            };
            t.fill(key, &[("number", &n.to_string())])
        });
    // The depot at the end has nothing to record, so it does not count.
    let to_record: Vec<&Stop> = stops.iter().filter(|s| s.is_site() || s.is_hub()).collect();
    let done = to_record.iter().filter(|s| s.done()).count();
    let progress = t.fill(
        "driver.progress",
        &[
            ("done", &done.to_string()),
            ("total", &to_record.len().to_string()),
        ],
    );
    let next = to_record.iter().find(|s| !s.done()).map(|s| {
        let text = t.fill("driver.next", &[("number", &s.number.to_string())]);
        (s.href.clone(), text)
    });
    let (title, none) = if day.today {
        (t.get("driver.title").to_string(), "driver.none")
    } else {
        let date = day.date.format("%-d.%-m.%Y").to_string();
        (
            t.fill("driver.title_on", &[("date", &date)]),
            "driver.none_on_day",
        )
    };
    Ok(render(&Sheet {
        layout: page.layout(),
        title,
        stops,
        progress,
        none,
        notice,
        next,
    }))
}
