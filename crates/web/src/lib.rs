//! kommune's HTTP face: the only crate that knows HTTP.
//!
//! Handlers read their input at the edge, call one use-case of the `service` crate (or
//! the store for a plain read), and answer in JSON (failures are
//! `application/problem+json`) or, for people, as pages. The OpenAPI document is
//! generated from the same handlers, so it cannot drift from the routes.
//!
//! - [`state`]: the store and the clock every handler may reach.
//! - [`problem`]: `AppError`, the one mapping from failures to HTTP answers.
//! - [`extract`]: reading JSON bodies and query strings so that a bad field is named.
//! - [`access`]: who is asking, and the role gates every route is declared behind.
//! - [`client`]: the asking client's network address, believed from a proxy only when
//!   the operator trusts it.
//! - [`api`]: the JSON API and its OpenAPI document.
//! - [`pages`]: the server-rendered pages for every role, in Danish and English.
//! - [`mail`]: the outbox's messages worded and handed to the mail relay over SMTP.
//! - [`jobs`]: the background jobs: sending mail, automatic confirmation, purging.
//! - [`observe`]: a log line per request, `/metrics` for Prometheus, and `/ready`.

pub mod access;
pub mod api;
pub mod client;
pub mod extract;
pub mod jobs;
pub mod mail;
pub mod observe;
pub mod pages;
pub mod problem;
pub mod state;

pub use client::TrustedProxies;
pub use state::{AppState, PublicUrl};
use std::net::SocketAddr;
use store::Store;
use tokio::net::TcpListener;

/// The whole application as one router, ready to serve: the API and the pages, each
/// route behind its role's gate, with not-found answers in JSON under `/api` and as a
/// page elsewhere.
pub fn app(store: Store, public_url: PublicUrl) -> axum::Router {
    app_with(AppState::new(store, public_url))
}

/// The application on a given state: tests hand in a clock of their own.
pub fn app_with(state: AppState) -> axum::Router {
    api::router()
        .merge(pages::router(state.clone()))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(|| async { problem::AppError::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::identify,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.public_url.clone(),
            security_headers,
        ))
        .layer(axum::middleware::from_fn(observe::requests))
        .with_state(state)
}

/// The headers every answer carries unless its handler said otherwise: no script but the
/// site's own and no framing (the pages have no inline script or style), no guessing of
/// content types, no address sent on to other sites (a calendar feed's holds its token),
/// and nothing kept in caches, since pages and files hold personal data. Behind https,
/// every cookie is `Secure`.
async fn security_headers(
    axum::extract::State(public_url): axum::extract::State<PublicUrl>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if public_url.is_https() {
        let cookies: Vec<HeaderValue> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|c| HeaderValue::from_str(&format!("{}; Secure", c.to_str().ok()?)).ok())
            .collect();
        headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            headers.append(header::SET_COOKIE, cookie);
        }
    }
    // Room for them at once, rather than the map growing twice on the way.
    headers.reserve(6);
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// How the server is reached: its public address and the proxies in front of it.
#[derive(Debug, Clone, Default)]
pub struct Reached {
    /// Default: http:// and the address listened on.
    pub public_url: Option<PublicUrl>,
    pub trusted_proxies: TrustedProxies,
    /// Public requests one address may send an hour; the default when none.
    pub public_limit: Option<i64>,
    /// Lets the feed fetcher reach loopback addresses (private networks stay refused).
    pub feeds_allow_loopback: bool,
    /// Who may read `/metrics`.
    pub metrics: observe::MetricsAccess,
}

/// Binds `addr` and serves until `shutdown` completes, running the background jobs
/// beside it. Returns the address actually bound (port 0 picks a free one) once
/// listening, through `on_listen`.
pub async fn serve(
    store: Store,
    addr: SocketAddr,
    (reached, background): (Reached, jobs::Background),
    on_listen: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    on_listen(bound);
    let public_url = reached
        .public_url
        .unwrap_or_else(|| PublicUrl::listening(bound));
    let state = AppState {
        trusted_proxies: reached.trusted_proxies,
        public_limit: reached.public_limit.unwrap_or(pages::public::DEFAULT_LIMIT),
        feeds: service::cases::subscriptions::Policy {
            allow_loopback: reached.feeds_allow_loopback,
            ..Default::default()
        },
        metrics: reached.metrics,
        ..AppState::new(store, public_url)
    };
    observe::start();
    let jobs = tokio::spawn(jobs::run(state.clone(), background));
    let served = axum::serve(listener, with_peers(app_with(state)))
        .with_graceful_shutdown(shutdown)
        .await;
    jobs.abort();
    served
}

/// The router as a service that hands each request its connection's peer address.
fn with_peers(
    router: axum::Router,
) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, SocketAddr> {
    router.into_make_service_with_connect_info::<SocketAddr>()
}

/// Starts the server on a background task and returns where it listens: for tests
/// and for anything that embeds kommune.
pub async fn spawn(store: Store, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let public_url = PublicUrl::listening(bound);
    tokio::spawn(async move { axum::serve(listener, with_peers(app(store, public_url))).await });
    Ok(bound)
}

/// Starts the server on a given state (a test's clock) and returns where it listens.
pub async fn spawn_with(state: AppState, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, with_peers(app_with(state))).await });
    Ok(bound)
}
