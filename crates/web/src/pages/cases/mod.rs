//! The best-practice exchange's public pages: `/cases` (filters and full-text search, the
//! matching words shown), `/cases/{slug}` (the case with its results as live figures and
//! small charts, never typed numbers), and the feeds other municipalities follow —
//! `/feed.atom` (RFC 4287) and `/feed.json` (JSON Feed 1.1), narrowed like the list.

pub mod feeds;
pub mod front;
pub mod manage;
pub mod newsletter;

use super::chart::{self, Line};
use super::i18n::{Lang, Tr};
use super::indicators::words;
use super::{Layout, Page, PageError, PageResult, locale, render};
use crate::extract::Params;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use service::cases::{self, THEMES};
use std::collections::BTreeMap;
use store::cases::{Case, Found};

/// The public pages and feeds.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list))
        .route("/cases/{slug}", get(show))
        .route("/feed.atom", get(atom))
        .route("/feed.json", get(json_feed))
        .route("/news", get(front::news_list))
        .route("/news/{slug}", get(front::news_item))
        .route("/images/{id}", get(front::image))
        .route("/sitemap.xml", get(front::sitemap))
}

/// A found case as listed: the matching words split into plain and marked parts.
struct Listed {
    case: Case,
    snippet: Vec<(bool, String)>,
}

/// `[word]` marks from the search as (marked, text) parts the template wraps in `<mark>`.
fn marked(snippet: &str) -> Vec<(bool, String)> {
    let mut parts = Vec::new();
    for (i, piece) in snippet.split('[').enumerate() {
        match piece.split_once(']') {
            Some((hit, rest)) if i > 0 => {
                parts.push((true, hit.to_string()));
                parts.push((false, rest.to_string()));
            }
            _ => parts.push((false, piece.to_string())),
        }
    }
    parts.retain(|(_, t)| !t.is_empty());
    parts
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    layout: Layout,
    q: String,
    theme: String,
    themes: Vec<(&'static str, String)>,
    cases: Vec<Listed>,
}

fn theme_said(t: Tr, theme: &str) -> String {
    t.get(&format!("cases.theme_{theme}")).to_string()
}

/// `GET /cases?q=…&theme=…&sdg=…&municipality=…&lang=…`.
async fn list(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let t = page.t;
    let mut params = Params::new(query);
    let filter = crate::api::cases::filter_of(&mut params);
    let filter = cases::Filter {
        kind: Some("case".into()),
        ..filter
    };
    let found = cases::public(&state.store, &filter).await?;
    let body = ListPage {
        layout: page.layout(),
        themes: THEMES.iter().map(|th| (*th, theme_said(t, th))).collect(),
        q: filter.q.clone(),
        theme: filter.theme.clone().unwrap_or_default(),
        cases: found
            .into_iter()
            .map(|Found { case, snippet }| Listed {
                snippet: marked(&snippet),
                case,
            })
            .collect(),
    };
    Ok(render(&body).into_response())
}

/// A result as the case shows it: the indicator's live figure, status and a small chart.
struct Result_ {
    id: String,
    title: String,
    latest: String,
    status: String,
    chart: String,
}

#[derive(Template)]
#[template(path = "cases/case.html")]
struct CasePage {
    layout: Layout,
    case: Case,
    /// The case is in another language than the page's.
    other_language: bool,
    themes: Vec<String>,
    results: Vec<Result_>,
    og_url: String,
    /// (id, alt text in the page's language).
    images: Vec<(i64, String)>,
}

/// `GET /cases/{slug}`.
async fn show(State(state): State<AppState>, page: Page, Path(slug): Path<String>) -> PageResult {
    let t = page.t;
    let case = cases::published(&state.store, &slug, t.lang.code())
        .await?
        .filter(|c| c.kind == "case")
        .ok_or(PageError::NotFound)?;
    let images = state
        .store
        .images(&slug)
        .await?
        .into_iter()
        .map(|i| {
            let alt = if t.lang == Lang::En && !i.alt_en.is_empty() {
                i.alt_en
            } else {
                i.alt_da
            };
            (i.id, alt)
        })
        .collect();
    let mut results = Vec::new();
    for id in &case.indicators {
        let Ok(view) = service::indicators::show(&state.store, id, page.now, locale(t)).await
        else {
            continue;
        };
        let points: Vec<(f64, f64)> = view
            .series
            .iter()
            .map(|p| {
                (
                    f64::from(p.year) + p.month.map_or(0.0, |m| (f64::from(m) - 1.0) / 12.0),
                    p.value,
                )
            })
            .collect();
        let latest = view
            .series
            .last()
            .map(|p| format!("{} {}", words::number(t, p.value), view.unit))
            .unwrap_or_default();
        let reason = words::reason(t, &view.assessment.why, view.assessment.status);
        let ticks: Vec<(f64, String)> = [view.series.first(), view.series.last()]
            .into_iter()
            .flatten()
            .map(|p| (f64::from(p.year), p.year.to_string()))
            .collect();
        let chart = chart::lines(
            &format!("result-{id}"),
            (&view.title, &reason),
            &[Line {
                class: "chart-line",
                points,
            }],
            &ticks,
            |v| words::number(t, v),
        );
        results.push(Result_ {
            status: words::status(t, view.assessment.status),
            id: id.clone(),
            title: view.title,
            latest,
            chart,
        });
    }
    let body = CasePage {
        layout: page.layout(),
        other_language: case.lang != t.lang.code(),
        themes: case.themes.iter().map(|th| theme_said(t, th)).collect(),
        og_url: state.public_url.join(&format!("/cases/{}", case.slug)),
        results,
        images,
        case,
    };
    Ok(render(&body).into_response())
}

/// The cases and news a feed holds: published, narrowed by `lang`, `theme` and `kind`.
async fn feed_cases(
    state: &AppState,
    query: BTreeMap<String, String>,
) -> Result<Vec<Case>, PageError> {
    let mut params = Params::new(query);
    let filter = crate::api::cases::filter_of(&mut params);
    // Only this municipality's own: entries followed in from elsewhere are theirs to
    // syndicate, and passing them on would echo between municipalities that follow
    // each other.
    Ok(cases::public(&state.store, &filter)
        .await?
        .into_iter()
        .map(|f| f.case)
        .filter(|c| c.source_id.is_none())
        .collect())
}

/// A record's number from the path; anything but a whole number names nothing (404).
pub fn number(text: &str) -> Result<i64, PageError> {
    text.parse().map_err(|_| PageError::NotFound)
}

/// A published row's own page: `/news/{slug}` or `/cases/{slug}`.
pub fn address(c: &Case) -> String {
    let path = if c.kind == "news" { "news" } else { "cases" };
    format!("/{path}/{}", c.slug)
}

/// An entry's stable id: the case's address and language as a tag URI (RFC 4151) of the
/// site, so it never changes when the case does.
fn entry_id(state: &AppState, c: &Case) -> String {
    state
        .public_url
        .join(&format!("/cases/{}?lang={}", c.slug, c.lang))
}

/// An instant as both feeds write it.
fn instant(text: &Option<String>, fallback: &str) -> String {
    text.clone().unwrap_or_else(|| fallback.to_string())
}

#[derive(Template)]
#[template(path = "cases/feed.atom", escape = "html")]
struct Atom {
    id: String,
    title: String,
    link: String,
    updated: String,
    entries: Vec<(String, String, String, String, String, String)>,
}

/// `GET /feed.atom`: the published cases as an Atom feed.
async fn atom(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let cases = feed_cases(&state, query).await?;
    let updated = cases
        .iter()
        .map(|c| c.updated_at.clone())
        .max()
        .unwrap_or_else(|| domain::calendar::format_instant(page.now));
    let body = Atom {
        id: state.public_url.join("/feed.atom"),
        title: page.t.get("cases.feed_title").to_string(),
        link: state.public_url.join("/cases"),
        updated,
        entries: cases
            .iter()
            .map(|c| {
                (
                    entry_id(&state, c),
                    c.title.clone(),
                    state.public_url.join(&address(c)),
                    c.updated_at.clone(),
                    instant(&c.published_at, &c.updated_at),
                    c.summary.clone(),
                )
            })
            .collect(),
    }
    .render()
    .map_err(|_| PageError::NotFound)?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response())
}

/// `GET /feed.json`: the published cases as a JSON Feed 1.1.
async fn json_feed(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let cases = feed_cases(&state, query).await?;
    let items: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let text = [c.summary.as_str(), c.challenge.as_str(), c.done.as_str()].join("\n\n");
            serde_json::json!({
                "id": entry_id(&state, c),
                "url": state.public_url.join(&address(c)),
                "title": c.title,
                "summary": c.summary,
                "content_text": text,
                "date_published": instant(&c.published_at, &c.updated_at),
                "date_modified": c.updated_at,
                "language": c.lang,
                "tags": c.themes,
            })
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": page.t.get("cases.feed_title"),
        "home_page_url": state.public_url.join("/cases"),
        "feed_url": state.public_url.join("/feed.json"),
        "language": if page.t.lang == Lang::Da { "da" } else { "en" },
        "items": items,
    });
    Ok((
        [(header::CONTENT_TYPE, "application/feed+json")],
        feed.to_string(),
    )
        .into_response())
}
