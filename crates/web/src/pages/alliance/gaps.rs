//! The skills-gap report for the agency: a chart of the biggest gaps and the table of
//! every skill and ISCO-08 group, with the positions asked month by month.

use crate::pages::chart::{self, Bar};
use crate::pages::{Layout, Page, PageResult, locale, render};
use askama::Template;
use axum::extract::State;
use axum::response::IntoResponse;
use service::alliance::gaps::{self, Gaps};
use store::Store;
use store::accounts::Role;

/// The most gaps the chart draws; the table has them all.
const CHART_GAPS: usize = 10;

#[derive(Template)]
#[template(path = "alliance/gaps.html")]
struct GapsPage {
    layout: Layout,
    chart: String,
    gaps: Gaps,
}

/// `GET /alliance/gaps`.
pub async fn show(State(store): State<Store>, page: Page) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let gaps = gaps::report(&store, &caller.actor(), page.today(), locale(t)).await?;
    let bars: Vec<Bar> = gaps
        .skills
        .iter()
        .filter(|g| g.gap > 0)
        .take(CHART_GAPS)
        .map(|g| Bar {
            label: g.label.clone(),
            value: g.gap as f64,
            text: g.gap.to_string(),
        })
        .collect();
    let chart = chart::rows(
        "gaps-chart",
        t.get("alliance.gaps_chart"),
        &t.fill(
            "alliance.gaps_chart_summary",
            &[("count", &bars.len().to_string())],
        ),
        &bars,
    );
    Ok(render(&GapsPage {
        layout: page.layout(),
        chart,
        gaps,
    })
    .into_response())
}

/// `GET /alliance/gaps.csv`: the report's skills as the house CSV.
pub async fn csv(State(store): State<Store>, page: Page) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let gaps = gaps::report(&store, &caller.actor(), page.today(), locale(page.t)).await?;
    let body = gaps::to_csv(&gaps)?;
    Ok(crate::pages::download(
        "text/csv; charset=utf-8",
        "kompetencegab.csv",
        body,
    ))
}
