//! What every page for people without an account shares: signing in, a forgotten
//! password, a student's registration and own profile, a candidate's answer to an
//! introduction — and later pages of the same kind.
//!
//! - **Form tokens.** Before anyone is signed in there is no session to hold a CSRF
//!   token, so a public form carries one that is also set as a cookie (double submit): a
//!   site elsewhere can post the form but cannot read or set the cookie.
//! - **A limit per client address.** Each public POST counts against
//!   `KOMMUNE_PUBLIC_LIMIT` an hour per client address (the address [`crate::client`]
//!   believes), kept in the database so several servers count together; over it, the
//!   answer is 429 and nothing is done. Sign-in keeps its own, stricter count of failed
//!   passwords and is not counted here twice.

use super::{Message, Page, cookie, render};
use crate::access::cookie_in;
use crate::client::ClientAddress;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use store::accounts::random_token;

/// Public POSTs one client address may send an hour unless the operator says otherwise.
pub const DEFAULT_LIMIT: i64 = 30;

/// The cookie holding a public form's token.
pub const FORM_COOKIE: &str = "kommune_form";

/// How long a form token lives, in seconds.
const FORM_SECONDS: i64 = 3600;

/// The form token for a page: the browser's own when it holds a well-formed one, so a
/// second tab does not make an open form stale; a new one otherwise.
pub fn form_token(headers: &HeaderMap) -> String {
    cookie_in(headers, FORM_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(random_token)
}

/// A page answer that also sets the form token's cookie.
pub fn with_form_cookie(mut response: Response, token: &str) -> Response {
    if let Ok(value) = cookie(FORM_COOKIE, token, FORM_SECONDS).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Whether a posted form's token is the one in its cookie.
pub fn form_token_fits(headers: &HeaderMap, sent: &str) -> bool {
    cookie_in(headers, FORM_COOKIE)
        .is_some_and(|expected| crate::access::same_token(sent, &expected))
}

/// Counts a public POST against its client address's hourly limit; over the limit the
/// answer is 429 and the request goes no further.
pub async fn limited(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    page: Page,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    match state
        .store
        .admit_public(&client.to_string(), state.public_limit, page.now)
        .await
    {
        Ok(true) => next.run(request).await,
        Ok(false) => {
            let body = Message {
                layout: page.layout(),
                title: page.t.get("common.too_many_title").to_string(),
                text: page.t.get("common.too_many_text").to_string(),
            };
            let mut response = (StatusCode::TOO_MANY_REQUESTS, render(&body)).into_response();
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from_static("3600"),
            );
            response
        }
        Err(e) => super::PageError::from(e).page(&page),
    }
}
