//! The one place every request passes before its handler: where sign-in and roles will
//! decide who may do what. Until sign-in arrives the API is open (the server listens on
//! loopback by default) and every request acts as the anonymous `api` client.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use store::Actor;

/// Decides who is asking and records it on the request for handlers and histories.
pub async fn authorize(mut request: Request, next: Next) -> Response {
    request.extensions_mut().insert(Actor("api".into()));
    next.run(request).await
}
