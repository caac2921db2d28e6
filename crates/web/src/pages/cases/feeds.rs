//! `/manage/feeds`: the feeds other municipalities publish that this one follows, each
//! with how its last fetch went in words, a form to follow one more, and buttons to fetch
//! one now or stop following it.

use crate::pages::alliance::form::{Field, Posted, said};
use crate::pages::{FieldError, Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use service::ServiceError;
use service::cases::subscriptions;

/// The form's fields, in order.
const FIELDS: [&str; 2] = ["url", "name"];

/// The codes a fetch or a subscription fails with, as the feeds crate names them.
const CODES: [&str; 10] = [
    "not_http",
    "invalid_url",
    "refused_address",
    "unreachable",
    "timeout",
    "status",
    "too_many_redirects",
    "too_large",
    "malformed",
    "not_a_feed",
];

/// The page and its forms, for editors and coordinators.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/feeds", get(show).post(follow))
        .route("/manage/feeds/{id}/fetch", post(fetch_now))
        .route("/manage/feeds/{id}/remove", post(remove))
}

/// A followed feed as listed.
struct Followed {
    id: i64,
    name: String,
    url: String,
    status: String,
    fetched_at: String,
    entries: i64,
    failed: bool,
}

#[derive(Template)]
#[template(path = "cases/feeds.html")]
struct FeedsPage {
    layout: Layout,
    csrf: String,
    feeds: Vec<Followed>,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

impl FeedsPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

/// A fetch's status (`new`, `ok` or a failure's code) in the page's words.
fn status_said(t: crate::pages::i18n::Tr, status: &str) -> String {
    let code = if status == "new" || status == "ok" || CODES.contains(&status) {
        status
    } else {
        "other"
    };
    t.get(&format!("cases.feed_status_{code}")).to_string()
}

async fn shown(
    state: &AppState,
    page: &Page,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let feeds = state
        .store
        .feed_sources()
        .await?
        .into_iter()
        .map(|f| Followed {
            failed: !matches!(f.status.as_str(), "new" | "ok"),
            status: status_said(t, &f.status),
            fetched_at: f
                .fetched_at
                .as_deref()
                .and_then(|at| domain::calendar::parse_instant(at).ok())
                .map(|at| {
                    format!(
                        "{} {}",
                        domain::calendar::local_date(at),
                        crate::pages::clock(at)
                    )
                })
                .unwrap_or_default(),
            id: f.id,
            name: f.name,
            url: f.url,
            entries: f.entries,
        })
        .collect();
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("cases.feed_field_{name}")).to_string();
        f
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FeedsPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        feeds,
        fields: vec![
            field("url", "url").hint(t.get("cases.feed_hint_url").to_string()),
            field("name", "text").hint(t.get("cases.feed_hint_name").to_string()),
        ],
        errors,
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /manage/feeds`.
async fn show(State(state): State<AppState>, page: Page) -> PageResult {
    shown(&state, &page, &Posted::default(), Vec::new()).await
}

/// `POST /manage/feeds`: one more feed followed, or the form again saying why not.
async fn follow(State(state): State<AppState>, page: Page, body: Bytes) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let result = subscriptions::subscribe(
        &state.store,
        &caller.actor(),
        posted.one("url"),
        posted.one("name"),
        &state.feeds,
        page.now,
    )
    .await;
    match result {
        Ok(_) => Ok(Redirect::to("/manage/feeds").into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "url")
                .into_iter()
                .map(|e| {
                    let reason = wrong
                        .iter()
                        .find(|w| w.field == e.field)
                        .map(|w| w.reason.clone())
                        .unwrap_or_default();
                    let text = if e.field == "url" {
                        status_said(t, &reason)
                    } else {
                        t.get("cases.feed_bad_name").to_string()
                    };
                    FieldError::new(e.field, text)
                })
                .collect();
            shown(&state, &page, &posted, errors).await
        }
        Err(ServiceError::Conflict(_)) => {
            let errors = vec![FieldError::new("url", t.get("cases.feed_bad_followed"))];
            shown(&state, &page, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /manage/feeds/{id}/fetch`: fetched now; the status says how it went.
async fn fetch_now(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult {
    let id = super::number(&id)?;
    page.caller()?;
    let source = state
        .store
        .feed_source(id)
        .await?
        .filter(|s| s.removed_at.is_none())
        .ok_or(crate::pages::PageError::NotFound)?;
    // A failure is in the feed's status, which the page shows.
    let _ = subscriptions::fetch_one(&state.store, &source, &state.feeds, page.now).await;
    Ok(Redirect::to("/manage/feeds").into_response())
}

/// `POST /manage/feeds/{id}/remove`.
async fn remove(State(state): State<AppState>, page: Page, Path(id): Path<String>) -> PageResult {
    let id = super::number(&id)?;
    let caller = page.caller()?;
    subscriptions::unsubscribe(&state.store, &caller.actor(), id, page.now).await?;
    Ok(Redirect::to("/manage/feeds").into_response())
}
