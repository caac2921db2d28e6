//! The public front: an anonymous visitor's `/` (the latest cases and news, the goals at
//! a glance, sign-in in the corner), the news at `/news` and `/news/{slug}`, the cases'
//! images at `/images/{id}`, and `/sitemap.xml` of every public page.

use super::{Listed, theme_said};
use crate::pages::{Layout, Page, PageError, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use service::cases::{self, Filter};
use store::cases::Case;

/// How many cases and news the front page shows.
const LATEST: usize = 5;

/// A goal on the front page: its number, short name and how many indicators follow it.
struct Goal {
    number: u8,
    short: String,
    indicators: usize,
}

#[derive(Template)]
#[template(path = "cases/front.html")]
struct FrontPage {
    layout: Layout,
    cases: Vec<Case>,
    news: Vec<Case>,
    goals: Vec<Goal>,
}

/// The published rows of `kind`, newest first.
async fn latest(state: &AppState, kind: &str) -> Result<Vec<Case>, PageError> {
    let filter = Filter {
        kind: Some(kind.to_string()),
        ..Filter::default()
    };
    Ok(cases::public(&state.store, &filter)
        .await?
        .into_iter()
        .map(|f| f.case)
        .collect())
}

/// One case per slug: the page's language where there is one.
fn one_language(all: Vec<Case>, lang: &str) -> Vec<Case> {
    let mut kept: Vec<Case> = Vec::new();
    for c in all {
        match kept.iter().position(|k| k.slug == c.slug) {
            Some(i) if c.lang == lang => kept[i] = c,
            Some(_) => {}
            None => kept.push(c),
        }
    }
    kept
}

/// `GET /` for a visitor who is not signed in.
pub async fn front(state: &AppState, page: &Page) -> PageResult {
    let t = page.t;
    let lang = t.lang.code();
    let mut cases = one_language(latest(state, "case").await?, lang);
    cases.truncate(LATEST);
    let mut news = one_language(latest(state, "news").await?, lang);
    news.truncate(LATEST);
    let all = service::indicators::list(&state.store, page.now, crate::pages::locale(t)).await?;
    let goals = crate::pages::indicators::by_goal(t, &all)
        .into_iter()
        .filter(|(_, _, following)| !following.is_empty())
        .map(|(number, short, following)| Goal {
            number,
            short,
            indicators: following.len(),
        })
        .collect();
    let body = FrontPage {
        layout: page.layout(),
        cases,
        news,
        goals,
    };
    Ok(render(&body).into_response())
}

#[derive(Template)]
#[template(path = "cases/news.html")]
struct NewsList {
    layout: Layout,
    news: Vec<Listed>,
}

/// `GET /news`: the published news, newest first.
pub async fn news_list(State(state): State<AppState>, page: Page) -> PageResult {
    let news = one_language(latest(&state, "news").await?, page.t.lang.code())
        .into_iter()
        .map(|case| Listed {
            case,
            snippet: Vec::new(),
        })
        .collect();
    Ok(render(&NewsList {
        layout: page.layout(),
        news,
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "cases/news_item.html")]
struct NewsItem {
    layout: Layout,
    item: Case,
    other_language: bool,
    themes: Vec<String>,
    /// The cases it is about: (slug, title).
    cases: Vec<(String, String)>,
    og_url: String,
}

/// `GET /news/{slug}`.
pub async fn news_item(
    State(state): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
) -> PageResult {
    let t = page.t;
    let item = cases::published(&state.store, &slug, t.lang.code())
        .await?
        .filter(|c| c.kind == "news")
        .ok_or(PageError::NotFound)?;
    let mut linked = Vec::new();
    for slug in &item.links {
        if let Some(c) = cases::published(&state.store, slug, t.lang.code()).await? {
            linked.push((c.slug, c.title));
        }
    }
    let body = NewsItem {
        layout: page.layout(),
        other_language: item.lang != t.lang.code(),
        themes: item.themes.iter().map(|th| theme_said(t, th)).collect(),
        og_url: state.public_url.join(&format!("/news/{}", item.slug)),
        cases: linked,
        item,
    };
    Ok(render(&body).into_response())
}

/// `GET /images/{id}`: an image of a published case, as stored; it never changes, so
/// browsers and proxies may keep it.
pub async fn image(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id = super::number(&id)?;
    let (image, bytes) = service::cases::images::public(&state.store, id)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, image.media_type),
            (
                header::CACHE_CONTROL,
                "public, max-age=86400, immutable".to_string(),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "cases/sitemap.xml", escape = "html")]
struct Sitemap {
    /// (address, last changed).
    urls: Vec<(String, String)>,
}

/// `GET /sitemap.xml` (sitemaps.org 0.9): the front page, the lists, every published case
/// and news item of this municipality, and every indicator page.
pub async fn sitemap(State(state): State<AppState>, page: Page) -> PageResult {
    let mut urls: Vec<(String, String)> = ["/", "/cases", "/news", "/goals", "/newsletter"]
        .iter()
        .map(|p| (state.public_url.join(p), String::new()))
        .collect();
    let published = cases::public(&state.store, &Filter::default()).await?;
    for f in published {
        let c = f.case;
        let url = state.public_url.join(&super::address(&c));
        if c.source_id.is_none() && !urls.iter().any(|(u, _)| *u == url) {
            urls.push((url, c.updated_at));
        }
    }
    for v in service::indicators::list(&state.store, page.now, crate::pages::locale(page.t)).await?
    {
        urls.push((
            state.public_url.join(&format!("/indicators/{}", v.id)),
            String::new(),
        ));
    }
    let body = Sitemap { urls }.render().map_err(|_| PageError::NotFound)?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response())
}
