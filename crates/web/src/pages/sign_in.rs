//! Signing in with e-mail and password, and out again.
//!
//! The form carries a public form token ([`super::public`]); failed attempts are
//! rate-limited by the store.

use super::public::{self, FORM_COOKIE};
use super::{Errors, FieldError, Layout, Page, PageResult, cookie, names, render};
use crate::access::{SESSION_COOKIE, cookie as read_cookie};
use crate::client::ClientAddress;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Form, FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use service::accounts;
use store::Store;
use store::accounts::{MAX_EMAIL_CHARS, SignInError, random_token};

/// Signing in, for anyone.
pub fn routes() -> Router<AppState> {
    Router::new().route("/sign-in", get(show).post(submit))
}

/// Signing out, for anyone signed in.
pub fn sign_out_routes() -> Router<AppState> {
    Router::new().route("/sign-out", post(sign_out))
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignIn {
    layout: Layout,
    csrf: String,
    email: String,
    errors: Vec<FieldError>,
}

impl SignIn {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The form, with its form token in the page and in a cookie. A browser keeps the token
/// it already has, so a second tab or a stray request for the page does not make an open
/// form stale; a token that failed the check is replaced.
fn form(
    page: &Page,
    token: Option<String>,
    email: String,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Response {
    let csrf = token
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(random_token);
    let body = SignIn {
        layout: page.layout(),
        csrf: csrf.clone(),
        email,
        errors,
    };
    public::with_form_cookie((status, render(&body)).into_response(), &csrf)
}

async fn show(page: Page, headers: HeaderMap) -> Response {
    if page.caller.is_some() {
        return Redirect::to("/").into_response();
    }
    let token = public::form_token(&headers);
    form(
        &page,
        Some(token),
        String::new(),
        Vec::new(),
        StatusCode::OK,
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Credentials {
    csrf: String,
    email: String,
    password: String,
}

async fn submit(
    State(store): State<Store>,
    ClientAddress(client): ClientAddress,
    page: Page,
    request: Request,
) -> Response {
    let expected = read_cookie(&request, FORM_COOKIE);
    let Ok(Form(mut sent)) = Form::<Credentials>::from_request(request, &()).await else {
        return form(
            &page,
            None,
            String::new(),
            Vec::new(),
            StatusCode::BAD_REQUEST,
        );
    };
    let t = page.t;
    // What is shown again is barely longer than an address can be (still too long, so
    // the sign-in refuses it as the whole would be).
    sent.email = sent.email.chars().take(MAX_EMAIL_CHARS + 1).collect();
    if expected
        .as_ref()
        .is_none_or(|e| !crate::access::same_token(&sent.csrf, e))
    {
        let errors = vec![FieldError::new("email", t.get("sign_in.expired"))];
        return form(&page, None, sent.email, errors, StatusCode::FORBIDDEN);
    }
    let mut missing = Errors::new();
    if sent.email.trim().is_empty() {
        missing.push("email", t.get("sign_in.email_missing"));
    }
    if sent.password.is_empty() {
        missing.push("password", t.get("sign_in.password_missing"));
    }
    if let Err(errors) = missing.done() {
        return form(
            &page,
            expected.clone(),
            sent.email,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let client = client.to_string();
    match accounts::sign_in(&store, &sent.email, &sent.password, &client, page.now).await {
        Ok(session) => {
            let seconds = (session.expires_at - page.now).num_seconds();
            let mut response = Redirect::to("/").into_response();
            for value in [
                cookie(SESSION_COOKIE, &session.token, seconds),
                cookie(FORM_COOKIE, "", 0),
            ] {
                if let Ok(value) = value.parse() {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(SignInError::Wrong) => {
            let errors = vec![FieldError::new("email", t.get("sign_in.wrong"))];
            form(
                &page,
                expected.clone(),
                sent.email,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(SignInError::TooMany { minutes }) => {
            let message = t.fill("sign_in.too_many", &[("minutes", &minutes.to_string())]);
            let errors = vec![FieldError::new("email", message)];
            form(
                &page,
                expected.clone(),
                sent.email,
                errors,
                StatusCode::TOO_MANY_REQUESTS,
            )
        }
        Err(SignInError::Store(e)) => super::PageError::from(e).page(&page),
    }
}

/// Ends the session (the access check has already matched the form's token).
async fn sign_out(State(store): State<Store>, page: Page) -> PageResult {
    if let Some(caller) = &page.caller {
        accounts::sign_out(&store, &caller.token).await?;
    }
    let mut response = Redirect::to("/sign-in").into_response();
    if let Ok(value) = cookie(SESSION_COOKIE, "", 0).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}
