//! Who is asking, and whether their role uses the route at all.
//!
//! [`identify`] runs on every request: a caller is known by a session cookie (browsers) or
//! an `Authorization: Bearer` API token; both are rows of the same sessions table. A
//! request that changes something with a cookie must also carry the session's CSRF token —
//! in the form's `csrf` field or an `X-CSRF-Token` header — because a cookie is sent by
//! any site that posts to us.
//!
//! Which roles use a route is said where the route is declared: every router of the API
//! and the pages is wrapped in [`api_for`] or [`pages_for`] with its roles, and only the
//! public routes (health, the API's description, signing in, the style sheet, calendar
//! feeds by their secret token) are declared without. Anonymous API calls get 401 and
//! anonymous page views are sent to the sign-in page; a role off its routes gets 403.
//! Which records a role sees is decided by the use-cases ([`domain::actor::Actor`]).

use crate::pages::{Page, PageError};
use crate::problem::AppError;
use crate::state::AppState;
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Redirect, Response};
use domain::actor::{Actor, Role};
use store::accounts::Account;
use utoipa_axum::router::OpenApiRouter;

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

    /// The acting person, as the use-cases take them.
    pub fn actor(&self) -> Actor {
        Actor {
            name: self.account.email.clone(),
            role: self.account.role,
            person_id: self.account.person_id,
            company_id: self.account.company_id,
        }
    }

    /// The company a company contact speaks for; other roles have none.
    pub fn company(&self) -> Option<i64> {
        self.actor().company()
    }

    /// Whether this caller may see a person's records: coordinators all, a worker or
    /// driver only their own.
    pub fn sees_person(&self, person_id: i64) -> bool {
        self.actor().sees_person(person_id)
    }

    /// Whether this caller may see a company's records: coordinators all, a contact only
    /// their own company's.
    pub fn sees_company(&self, company_id: i64) -> bool {
        self.actor().sees_company(company_id)
    }

    /// A record that is not the caller's, answered as if it did not exist.
    pub fn not_found(what: &str) -> AppError {
        AppError::NotFound(format!("no such {what}"))
    }

    /// The person a worker or driver is.
    pub fn person(&self) -> Option<i64> {
        self.actor().person()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or(AppError::Unauthorized)
    }
}

/// The roles a router is for.
pub type Roles = &'static [Role];
pub const COORDINATOR: Roles = &[Role::Coordinator];
pub const WORKER: Roles = &[Role::Worker];
pub const COMPANY: Roles = &[Role::Company];
pub const DRIVER: Roles = &[Role::Driver];
/// Who keeps the indicators: communications staff and the agency's coordinators.
pub const EDITORS: Roles = &[Role::Coordinator, Role::Editor];
/// Who runs the Sustainability Festival and works with communities: the green agents
/// and the agency's coordinators.
pub const GREEN_AGENTS: Roles = &[Role::Coordinator, Role::GreenAgent];
/// Coordinators and company contacts: a company's invoices, hours to confirm, orders.
pub const COMPANY_OR_COORDINATOR: Roles = &[Role::Coordinator, Role::Company];
/// Everyone who registers their own time, and coordinators.
pub const TIME_KEEPERS: Roles = &[Role::Coordinator, Role::Worker, Role::Driver];

/// API routes for `roles`: anonymous callers get 401, other roles 403.
pub fn api_for<S: Clone + Send + Sync + 'static>(
    router: OpenApiRouter<S>,
    roles: Roles,
) -> OpenApiRouter<S> {
    router.route_layer(from_fn(move |request: Request, next: Next| {
        api_gate(roles, request, next)
    }))
}

/// Pages for `roles`: anonymous visitors are sent to sign in, other roles get the
/// forbidden page in their language.
pub fn pages_for<S: Clone + Send + Sync + 'static>(router: Router<S>, roles: Roles) -> Router<S> {
    router.route_layer(from_fn(move |request: Request, next: Next| {
        pages_gate(roles, request, next)
    }))
}

async fn api_gate(roles: Roles, request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>().map(Caller::role) {
        None => {
            let mut refusal = AppError::Unauthorized.into_response();
            refusal.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            refusal
        }
        Some(role) if !roles.contains(&role) => {
            AppError::Forbidden(format!("the {} role does not use this route", role.code()))
                .into_response()
        }
        Some(_) => next.run(request).await,
    }
}

async fn pages_gate(roles: Roles, request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>().map(Caller::role) {
        None => Redirect::to("/sign-in").into_response(),
        Some(role) if !roles.contains(&role) => {
            let (mut parts, _) = request.into_parts();
            let Ok(page) = Page::from_request_parts(&mut parts, &()).await;
            PageError::Forbidden.page(&page)
        }
        Some(_) => next.run(request).await,
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
pub(crate) const FORM_LIMIT: usize = 1 << 20;

/// Whether a request's body is a page's form (URL-encoded fields).
pub(crate) fn is_form(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Whether a request's body is a `multipart/form-data` form (a file upload).
fn is_multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Whether a sent token is the expected one, compared in constant time so the answer's
/// timing tells nothing about how much of a guess was right.
pub fn same_token(sent: &str, expected: &str) -> bool {
    let (sent, expected) = (sent.as_bytes(), expected.as_bytes());
    sent.len() == expected.len()
        && sent
            .iter()
            .zip(expected)
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

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
        return if same_token(sent, expected) {
            Ok(request)
        } else {
            Err(refused())
        };
    }
    if is_multipart(request.headers()) {
        // A file upload's body is not read here: its form token rides in the address.
        let sent = request.uri().query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v.into_owned())
        });
        return if sent.is_some_and(|sent| same_token(&sent, expected)) {
            Ok(request)
        } else {
            Err(refused())
        };
    }
    if !is_form(request.headers()) {
        return Err(refused());
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let sent = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    if !sent.is_some_and(|sent| same_token(&sent, expected)) {
        return Err(refused());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Finds who is asking, checks a cookie session's CSRF token, and records the caller on
/// the request for the role gates, the handlers and the histories. Anonymous requests go
/// on: the routes' own gates decide whether they may.
pub async fn identify(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match admit(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(refusal) => refusal,
    }
}

/// When a request came in, by the application's clock: every handler's "now".
#[derive(Debug, Clone, Copy)]
pub struct RequestTime(pub chrono::DateTime<chrono::Utc>);

async fn admit(state: &AppState, mut request: Request) -> Result<Request, Response> {
    let now = state.clock.now();
    request.extensions_mut().insert(RequestTime(now));
    let found = match token(&request) {
        Some((token, by_cookie)) => service::accounts::session(&state.store, &token, now)
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .map(|session| (session, by_cookie)),
        None => None,
    };
    let Some((session, by_cookie)) = found else {
        return Ok(request);
    };
    // The sign-in form checks its own token: a signed-in browser may post it again.
    // The newsletter's unsubscribe link is its own proof, posted by mail programs too.
    let own_proof = request.uri().path().starts_with("/newsletter/unsubscribe/")
        || request.uri().path().starts_with("/festival/registrations/");
    if by_cookie && request.uri().path() != "/sign-in" && !own_proof {
        request = check_csrf(request, &session.csrf)
            .await
            .map_err(IntoResponse::into_response)?;
    }
    let caller = Caller {
        account: session.account,
        csrf: session.csrf,
        token: session.token,
    };
    request.extensions_mut().insert(caller.actor());
    request.extensions_mut().insert(caller);
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_match_only_when_equal() {
        assert!(same_token("abc123", "abc123"));
        assert!(!same_token("abc124", "abc123"));
        assert!(!same_token("abc12", "abc123"));
        assert!(!same_token("", "abc123"));
    }
}
