//! `/route`: the driver's stops of the day in order, each a large link to its own page,
//! with a short notice after a stop was sent.

use super::{Day, Stop, me, sheet_of, shown_all};
use crate::pages::map::{self, Map};
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
struct SheetPage {
    layout: Layout,
    /// The route on a map, numbered as the list.
    map: Option<Map>,
    map_summary: String,
    /// The day is closed: stops are shown, not changed.
    closed: bool,
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
    let found = sheet_of(&store, &page, day).await?;
    let map = map::of_sheet(&found.stops);
    let closed = found.closed;
    let stops = shown_all(t, day, found);
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
    let map_summary = t.fill(
        "driver.map_summary",
        &[(
            "stops",
            &to_record.iter().filter(|s| s.is_site()).count().to_string(),
        )],
    );
    Ok(render(&SheetPage {
        layout: page.layout(),
        map,
        map_summary,
        closed,
        title,
        stops,
        progress,
        none,
        notice,
        next,
    }))
}
