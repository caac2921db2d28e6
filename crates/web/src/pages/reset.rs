//! A forgotten password: `/password/forgot` asks for the address and sends a link by
//! e-mail (the same answer whether or not the address has an account), and
//! `/password/reset/{token}` chooses a new password with it, once, within two hours.
//! The link's token is the form's proof: a site elsewhere cannot know it.

use super::{FieldError, Layout, Message, Page, PageResult, names, render};
use crate::state::{AppState, PublicUrl};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Deserialize;
use service::{ServiceError, accounts};
use store::accounts::{MAX_EMAIL_CHARS, MIN_PASSWORD};
use store::{Store, StoreError};

/// Asking for a link and using it, for anyone.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", get(ask).post(send))
        .route("/password/reset/{token}", get(show).post(reset))
}

#[derive(Template)]
#[template(path = "reset_request.html")]
struct Ask {
    layout: Layout,
    /// A signed-in browser's form token; none before sign-in.
    csrf: Option<String>,
    email: String,
    errors: Vec<FieldError>,
}

impl Ask {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

#[derive(Template)]
#[template(path = "reset.html")]
struct Choose {
    layout: Layout,
    csrf: Option<String>,
    token: String,
    min: usize,
    errors: Vec<FieldError>,
}

impl Choose {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

fn csrf(page: &Page) -> Option<String> {
    page.caller.as_ref().map(|c| c.csrf.clone())
}

fn said(page: &Page, status: StatusCode, title: &str, text: String) -> PageResult {
    let body = Message {
        layout: page.layout(),
        title: page.t.get(title).to_string(),
        text,
    };
    Ok((status, render(&body)).into_response())
}

async fn ask(page: Page) -> PageResult {
    let body = Ask {
        layout: page.layout(),
        csrf: csrf(&page),
        email: String::new(),
        errors: Vec::new(),
    };
    Ok(render(&body).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Address {
    email: String,
}

async fn send(
    State(store): State<Store>,
    State(site): State<PublicUrl>,
    page: Page,
    Form(sent): Form<Address>,
) -> PageResult {
    let email: String = sent
        .email
        .trim()
        .chars()
        .take(MAX_EMAIL_CHARS + 1)
        .collect();
    if email.is_empty() || email.chars().count() > MAX_EMAIL_CHARS {
        let body = Ask {
            layout: page.layout(),
            csrf: csrf(&page),
            errors: vec![FieldError::new("email", page.t.get("reset.email_missing"))],
            email,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&body)).into_response());
    }
    accounts::request_reset(&store, &email, &site.join(""), page.now).await?;
    let text = page.t.fill("reset.sent", &[("email", &email)]);
    said(&page, StatusCode::OK, "reset.sent_title", text)
}

fn choose(page: &Page, token: String, errors: Vec<FieldError>) -> PageResult {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = Choose {
        layout: page.layout(),
        csrf: csrf(page),
        token,
        min: MIN_PASSWORD,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

fn gone(page: &Page) -> PageResult {
    let text = page.t.get("reset.gone").to_string();
    said(page, StatusCode::GONE, "reset.gone_title", text)
}

async fn show(State(store): State<Store>, page: Page, Path(token): Path<String>) -> PageResult {
    if !accounts::reset_is_open(&store, &token, page.now).await? {
        return gone(&page);
    }
    choose(&page, token, Vec::new())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Passwords {
    new: String,
    repeat: String,
}

async fn reset(
    State(store): State<Store>,
    page: Page,
    Path(token): Path<String>,
    Form(sent): Form<Passwords>,
) -> PageResult {
    let t = page.t;
    if !accounts::reset_is_open(&store, &token, page.now).await? {
        return gone(&page);
    }
    if sent.new.chars().count() < MIN_PASSWORD {
        let message = t.fill("password.too_short", &[("min", &MIN_PASSWORD.to_string())]);
        return choose(&page, token, vec![FieldError::new("new", message)]);
    }
    if sent.new != sent.repeat {
        let error = FieldError::new("repeat", t.get("password.not_the_same"));
        return choose(&page, token, vec![error]);
    }
    match accounts::reset_password(&store, &token, &sent.new, page.now).await {
        Ok(_) => said(
            &page,
            StatusCode::OK,
            "reset.done_title",
            t.get("reset.done").to_string(),
        ),
        Err(ServiceError::Store(StoreError::Invalid(refused))) => {
            if refused.iter().any(|e| e.field == "token") {
                return gone(&page);
            }
            let error = FieldError::new("new", t.get("password.too_long"));
            choose(&page, token, vec![error])
        }
        Err(e) => Err(e.into()),
    }
}
