//! The public pages of indicators and targets, no sign-in: `/goals` the 17 goals with the
//! municipality's indicators and their statuses, `/indicators/{id}` an indicator with its
//! chart (actual values and the path its target needs), its data as a table, its
//! breakdowns, metadata and downloads, and `/initiatives/{slug}` an initiative's figures.
//!
//! - [`words`]: statuses and reasons in words.
//! - [`manage`]: adding indicators and importing releases, for editors and coordinators.

pub mod manage;
pub mod words;

use super::chart::{self, Line};
use super::i18n::{Lang, Tr};
use super::{Layout, Page, PageError, PageResult, download, locale, render};
use crate::state::AppState;
use ::indicators::progress::Target;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use service::ServiceError;
use service::indicators::{self, View, initiatives};
use std::collections::BTreeMap;
use store::Store;

/// The editor's menu: (path, catalogue key); the first is where they land.
pub const EDITOR_MENU: &[(&str, &str)] = &[
    ("/manage/indicators", "indicators.nav_manage"),
    ("/manage/cases", "cases.nav_manage"),
    ("/goals", "indicators.nav_goals"),
];

/// Managing indicators, for editors and coordinators.
pub fn manage_routes() -> Router<AppState> {
    Router::new()
        .route("/manage/indicators", get(manage::show).post(manage::put))
        .route(
            "/manage/indicators/{id}/import",
            axum::routing::post(manage::import),
        )
}

/// The public pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/goals", get(goals))
        .route("/indicators/{file}", get(indicator))
        .route("/initiatives/{slug}", get(initiative))
}

/// An indicator in a list: its id, title and status in words.
struct Listed {
    id: String,
    title: String,
    status_code: &'static str,
    status: String,
}

fn listed(t: Tr, v: &View) -> Listed {
    Listed {
        id: v.id.clone(),
        title: v.title.clone(),
        status_code: v.assessment.status.code(),
        status: words::status(t, v.assessment.status),
    }
}

/// A goal with the indicators that serve it.
struct Goal {
    number: u8,
    short: String,
    indicators: Vec<Listed>,
}

#[derive(Template)]
#[template(path = "indicators/goals.html")]
struct GoalsPage {
    layout: Layout,
    goals: Vec<Goal>,
    initiatives: Vec<(&'static str, &'static str)>,
}

/// The seventeen goals in order: each one's number, short name in the page's language,
/// and the indicators that follow it.
pub fn by_goal(
    t: crate::pages::i18n::Tr,
    all: &[indicators::View],
) -> Vec<(u8, String, Vec<&indicators::View>)> {
    ::indicators::sdg::shipped()
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let number = u8::try_from(i + 1).unwrap_or_default();
            let short = if t.lang == Lang::Da {
                g.short_da.clone()
            } else {
                g.short_en.clone()
            };
            let following = all
                .iter()
                .filter(|v| {
                    v.sdgs
                        .iter()
                        .any(|c| ::indicators::sdg::goal_of(c) == Some(number))
                })
                .collect();
            (number, short, following)
        })
        .collect()
}

/// `GET /goals`.
async fn goals(State(store): State<Store>, page: Page) -> PageResult {
    let t = page.t;
    let all = indicators::list(&store, page.now, locale(t)).await?;
    let goals = by_goal(t, &all)
        .into_iter()
        .map(|(number, short, following)| Goal {
            number,
            short,
            indicators: following.into_iter().map(|v| listed(t, v)).collect(),
        })
        .collect();
    let initiatives = initiatives::ALL
        .iter()
        .map(|i| {
            (
                i.slug,
                if t.lang == Lang::Da {
                    i.name_da
                } else {
                    i.name_en
                },
            )
        })
        .collect();
    Ok(render(&GoalsPage {
        layout: page.layout(),
        goals,
        initiatives,
    })
    .into_response())
}

/// A row of an indicator's table.
struct Row {
    when: String,
    value: String,
    needed: String,
}

#[derive(Template)]
#[template(path = "indicators/indicator.html")]
struct IndicatorPage {
    layout: Layout,
    view: View,
    status: String,
    reason: String,
    chart: String,
    rows: Vec<Row>,
    target: String,
    /// Each breakdown's key and whether it is the one shown.
    breakdowns: Vec<(String, bool)>,
    shown: String,
    /// The SDG goals and targets: (code, title, English only).
    sdgs: Vec<(String, String, bool)>,
    initiative: Option<(&'static str, &'static str)>,
    revisions: Vec<(String, String, String)>,
}

/// `GET /indicators/{id}`, and its data as `{id}.csv` (Open SDG's format) or `{id}.json`.
async fn indicator(
    State(store): State<Store>,
    page: Page,
    Path(file): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let t = page.t;
    let (id, kind) = match file.rsplit_once('.') {
        Some((id, "csv")) => (id, "csv"),
        Some((id, "json")) => (id, "json"),
        _ => (file.as_str(), "page"),
    };
    let view = match indicators::show(&store, id, page.now, locale(t)).await {
        Ok(v) => v,
        Err(ServiceError::NotFound(_)) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    match kind {
        "csv" => {
            return Ok(download(
                "text/csv; charset=utf-8",
                &format!("{id}.csv"),
                indicators::export(&view).into_bytes(),
            ));
        }
        "json" => {
            let json = crate::api::indicators::indicator_json(t, &view);
            return Ok(download(
                "application/json",
                &format!("{id}.json"),
                serde_json::to_vec_pretty(&json).unwrap_or_default(),
            ));
        }
        _ => {}
    }
    let shown = query
        .get("breakdown")
        .filter(|b| view.breakdowns.contains_key(*b))
        .cloned()
        .unwrap_or_default();
    let points = if shown.is_empty() {
        &view.series
    } else {
        &view.breakdowns[&shown]
    };
    let x = |p: &service::indicators::Point| {
        f64::from(p.year) + p.month.map_or(0.0, |m| (f64::from(m) - 1.0) / 12.0)
    };
    let actual: Vec<(f64, f64)> = points.iter().map(|p| (x(p), p.value)).collect();
    let path: Vec<(f64, f64)> = if shown.is_empty() && !view.monthly {
        view.trajectory
            .iter()
            .map(|(y, v)| (f64::from(*y), *v))
            .collect()
    } else {
        Vec::new()
    };
    let mut years: Vec<i32> = points
        .iter()
        .map(|p| p.year)
        .chain(
            view.trajectory
                .iter()
                .map(|(y, _)| *y)
                .filter(|_| !path.is_empty()),
        )
        .collect();
    years.sort_unstable();
    years.dedup();
    let every = (years.len() / 8).max(1);
    let ticks: Vec<(f64, String)> = years
        .iter()
        .step_by(every)
        .map(|y| (f64::from(*y), y.to_string()))
        .collect();
    let status = words::status(t, view.assessment.status);
    let reason = words::reason(t, &view.assessment.why, view.assessment.status);
    let summary = format!(
        "{} {}",
        t.fill(
            "indicators.chart_summary",
            &[("count", &points.len().to_string()), ("unit", &view.unit)]
        ),
        reason
    );
    let chart = chart::lines(
        "indicator-chart",
        (&view.title, &summary),
        &[
            Line {
                class: "chart-path",
                points: path,
            },
            Line {
                class: "chart-line",
                points: actual,
            },
        ],
        &ticks,
        |v| words::number(t, v),
    );
    let needed: BTreeMap<i32, f64> = view.trajectory.iter().copied().collect();
    let month_name = |m: u32| t.get(&format!("company.waste.month_{m}")).to_string();
    let rows = points
        .iter()
        .map(|p| Row {
            when: match p.month {
                Some(m) => format!("{} {}", month_name(m), p.year),
                None => p.year.to_string(),
            },
            value: words::number(t, p.value),
            needed: if p.month.is_none() && shown.is_empty() {
                needed
                    .get(&p.year)
                    .map(|v| words::number(t, *v))
                    .unwrap_or_default()
            } else {
                String::new()
            },
        })
        .collect();
    let target = match view.target {
        Some(Target::Value { value, year }) => t.fill(
            "indicators.target_value",
            &[
                ("value", &words::number(t, value)),
                ("unit", &view.unit),
                ("year", &year.to_string()),
            ],
        ),
        Some(Target::Rate { rate_per_year }) => t.fill(
            "indicators.target_rate",
            &[("rate", &words::number(t, rate_per_year))],
        ),
        None => t.get("indicators.target_none").to_string(),
    };
    let sdg = ::indicators::sdg::shipped();
    let sdgs = view
        .sdgs
        .iter()
        .filter_map(|c| {
            let e = sdg.find(c)?;
            Some(if c.contains('.') {
                (c.clone(), e.title_en.clone(), true)
            } else if t.lang == Lang::Da {
                (c.clone(), e.short_da.clone(), false)
            } else {
                (c.clone(), e.short_en.clone(), false)
            })
        })
        .collect();
    let initiative = view
        .initiative
        .as_deref()
        .and_then(initiatives::find)
        .map(|i| {
            (
                i.slug,
                if t.lang == Lang::Da {
                    i.name_da
                } else {
                    i.name_en
                },
            )
        });
    let revisions = view
        .revisions
        .iter()
        .map(|r| {
            (
                r.year.to_string(),
                words::number(t, r.value),
                format!("{} ({})", r.published, r.source),
            )
        })
        .collect();
    let body = IndicatorPage {
        layout: page.layout(),
        status,
        reason,
        chart,
        rows,
        target,
        breakdowns: view
            .breakdowns
            .keys()
            .map(|k| (k.clone(), *k == shown))
            .collect(),
        shown,
        sdgs,
        initiative,
        revisions,
        view,
    };
    Ok(render(&body).into_response())
}

#[derive(Template)]
#[template(path = "indicators/initiative.html")]
struct InitiativePage {
    layout: Layout,
    name: &'static str,
    indicators: Vec<(Listed, String, String)>,
}

/// `GET /initiatives/{slug}`: the initiative's indicators, each with its latest value.
async fn initiative(
    State(store): State<Store>,
    page: Page,
    Path(slug): Path<String>,
) -> PageResult {
    let t = page.t;
    let found = initiatives::find(&slug).ok_or(PageError::NotFound)?;
    let all = indicators::list(&store, page.now, locale(t)).await?;
    let indicators = all
        .iter()
        .filter(|v| v.initiative.as_deref() == Some(found.slug))
        .map(|v| {
            let latest = v
                .series
                .last()
                .map(|p| words::number(t, p.value))
                .unwrap_or_default();
            (listed(t, v), latest, v.unit.clone())
        })
        .collect();
    let name = if t.lang == Lang::Da {
        found.name_da
    } else {
        found.name_en
    };
    Ok(render(&InitiativePage {
        layout: page.layout(),
        name,
        indicators,
    })
    .into_response())
}
