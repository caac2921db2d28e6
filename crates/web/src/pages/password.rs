//! `/account/password`: anyone signed in changes their own password. The current one is
//! asked for again, so an unlocked screen left behind cannot be used to take the account
//! over; every other session and token of the account ends.

use super::{FieldError, Layout, Page, PageResult, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use serde::Deserialize;
use service::{ServiceError, accounts};
use std::collections::BTreeMap;
use store::accounts::MIN_PASSWORD;
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/password", get(show).post(change))
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    layout: Layout,
    csrf: String,
    min: usize,
    intro: String,
    notice: Option<String>,
    errors: Vec<FieldError>,
}

impl PasswordPage {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

fn shown(page: &Page, changed: bool, errors: Vec<FieldError>) -> PageResult {
    let caller = page.caller()?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = PasswordPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        min: MIN_PASSWORD,
        intro: page
            .t
            .fill("password.intro", &[("min", &MIN_PASSWORD.to_string())]),
        notice: changed.then(|| page.t.get("password.changed").to_string()),
        errors,
    };
    Ok((status, render(&body)).into_response())
}

async fn show(page: Page, Query(query): Query<BTreeMap<String, String>>) -> PageResult {
    shown(&page, query.contains_key("changed"), Vec::new())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Passwords {
    current: String,
    new: String,
    repeat: String,
}

async fn change(State(store): State<Store>, page: Page, Form(sent): Form<Passwords>) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let mut errors = Vec::new();
    if sent.current.is_empty() {
        errors.push(FieldError::new(
            "current",
            t.get("password.current_missing"),
        ));
    }
    if sent.new.chars().count() < MIN_PASSWORD {
        let message = t.fill("password.too_short", &[("min", &MIN_PASSWORD.to_string())]);
        errors.push(FieldError::new("new", message));
    } else if sent.new != sent.repeat {
        errors.push(FieldError::new("repeat", t.get("password.not_the_same")));
    }
    if !errors.is_empty() {
        return shown(&page, false, errors);
    }
    let changed = accounts::change_password(
        &store,
        caller.account.id,
        &caller.token,
        &sent.current,
        &sent.new,
    );
    match changed.await {
        Ok(()) => Ok(Redirect::to("/account/password?changed=1").into_response()),
        Err(ServiceError::Store(StoreError::Invalid(refused))) => {
            let errors = refused
                .iter()
                .map(|e| match e.field.as_str() {
                    "current" => FieldError::new("current", t.get("password.current_wrong")),
                    _ => FieldError::new("new", t.get("password.too_long")),
                })
                .collect();
            shown(&page, false, errors)
        }
        Err(e) => Err(e.into()),
    }
}
