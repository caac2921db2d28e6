//! The one place every request passes before its handler: who is asking, and whether
//! their role uses the route at all.
//!
//! A caller is known by a session cookie (browsers) or an `Authorization: Bearer` API
//! token; both are rows of the same sessions table. Anonymous API calls get 401, and
//! anonymous page views are sent to the sign-in page. A request that changes something
//! with a cookie must also carry the session's CSRF token — in the form's `csrf` field or
//! an `X-CSRF-Token` header — because a cookie is sent by any site that posts to us.
//! Which records a role sees is decided by the handlers ([`Caller`]'s helpers); this layer
//! only keeps roles off routes that are not theirs.

use crate::problem::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use store::accounts::{Account, Role};
use store::{Actor, Store};

/// The cookie that holds a browser's session token.
pub const SESSION_COOKIE: &str = "kommune_session";

/// Who is asking, for handlers: the account and its session's form token.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Account,
    pub csrf: String,
    pub token: String,
}

impl Caller {
    pub fn role(&self) -> Role {
        self.account.role
    }

    /// The company a company contact speaks for; other roles have none.
    pub fn company(&self) -> Option<i64> {
        (self.account.role == Role::Company)
            .then_some(self.account.company_id)
            .flatten()
    }

    /// Whether this caller may see a person's records: coordinators all, a worker or
    /// driver only their own.
    pub fn sees_person(&self, person_id: i64) -> bool {
        self.account.role == Role::Coordinator || self.person() == Some(person_id)
    }

    /// Whether this caller may see a company's records: coordinators all, a contact only
    /// their own company's.
    pub fn sees_company(&self, company_id: i64) -> bool {
        self.account.role == Role::Coordinator || self.company() == Some(company_id)
    }

    /// A record that is not the caller's, answered as if it did not exist.
    pub fn not_found(what: &str) -> AppError {
        AppError::NotFound(format!("no such {what}"))
    }

    /// The person a worker or driver is.
    pub fn person(&self) -> Option<i64> {
        matches!(self.account.role, Role::Worker | Role::Driver)
            .then_some(self.account.person_id)
            .flatten()
    }
}

/// Routes anyone may call: the health check, the API's description, signing in, the
/// pages' style sheet, and calendar feeds (whose secret token in the path is the key).
fn public(path: &str) -> bool {
    matches!(path, "/health" | "/api/openapi.json" | "/sign-in")
        || path.starts_with("/static/")
        || (path.starts_with("/calendar/") && path.ends_with(".ics"))
}

/// Whether `role` uses this API route at all. Coordinators use the whole API; workers
/// register their own time; company contacts read their own invoices, confirm hours and
/// order extra Flex Waste pickups for their own sites.
/// Handlers narrow each to the caller's own records.
fn api_allows(role: Role, method: &Method, path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches("/api/").split('/').collect();
    match role {
        Role::Coordinator => true,
        Role::Worker | Role::Driver => matches!(
            (method.as_str(), parts.as_slice()),
            ("POST", ["time", "check-in"]) | ("POST", ["time", _, "check-out"])
        ),
        Role::Company => matches!(
            (method.as_str(), parts.as_slice()),
            ("GET", ["invoices"])
                | ("GET", ["invoices", _])
                | ("GET", ["invoices", _, "pdf" | "ubl"])
                | ("POST", ["time", _, "confirm"])
                | ("POST", ["waste", "orders"])
        ),
    }
}

/// The token a request carries, from the Bearer header or the session cookie; and whether
/// it came as a cookie (which needs the CSRF check).
fn token(request: &Request) -> Option<(String, bool)> {
    let headers = request.headers();
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some((bearer.trim().to_string(), false));
    }
    cookie(request, SESSION_COOKIE).map(|t| (t, true))
}

/// A cookie's value by name.
pub fn cookie(request: &Request, name: &str) -> Option<String> {
    cookie_in(request.headers(), name)
}

/// A cookie's value by name, from the request's headers.
pub fn cookie_in(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Largest form body read for its CSRF token.
const FORM_LIMIT: usize = 1 << 20;

/// Checks the CSRF token of a cookie-authenticated request that changes something, and
/// gives the request back with its body intact.
async fn check_csrf(request: Request, expected: &str) -> Result<Request, AppError> {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return Ok(request);
    }
    let refused =
        || AppError::Forbidden("the form's CSRF token is missing or wrong; reload the page".into());
    if let Some(sent) = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if sent == expected {
            Ok(request)
        } else {
            Err(refused())
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(refused());
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| AppError::BadRequest("the form is too large".into()))?;
    let sent = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    if sent.as_deref() != Some(expected) {
        return Err(refused());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Decides who is asking and records it on the request for handlers and histories.
pub async fn authorize(State(store): State<Store>, request: Request, next: Next) -> Response {
    match admit(&store, request).await {
        Ok(request) => next.run(request).await,
        Err(refusal) => refusal,
    }
}

async fn admit(store: &Store, mut request: Request) -> Result<Request, Response> {
    let path = request.uri().path().to_string();
    let is_api = path.starts_with("/api/");
    let found = match token(&request) {
        Some((token, by_cookie)) => store
            .session(&token, Utc::now())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .map(|session| (session, by_cookie)),
        None => None,
    };
    let Some((session, by_cookie)) = found else {
        if public(&path) {
            return Ok(request);
        }
        return Err(if is_api {
            let mut refusal = AppError::Unauthorized.into_response();
            refusal.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            refusal
        } else {
            Redirect::to("/sign-in").into_response()
        });
    };
    if is_api && !public(&path) && !api_allows(session.account.role, request.method(), &path) {
        return Err(AppError::Forbidden(format!(
            "the {} role does not use this route",
            session.account.role.code()
        ))
        .into_response());
    }
    // The sign-in form checks its own token: a signed-in browser may post it again.
    if by_cookie && path != "/sign-in" {
        request = check_csrf(request, &session.csrf)
            .await
            .map_err(IntoResponse::into_response)?;
    }
    request
        .extensions_mut()
        .insert(Actor(session.account.email.clone()));
    request.extensions_mut().insert(Caller {
        account: session.account,
        csrf: session.csrf,
        token: session.token,
    });
    Ok(request)
}
