//! What the operator watches: one log line per request at INFO (method, route template,
//! status, duration, request id — never the raw path, which may hold a token), the
//! metrics at `/metrics` in Prometheus' text format, and `/ready`.
//!
//! `/metrics` answers only a Bearer token the operator set (`KOMMUNE_METRICS_TOKEN`) or
//! a client in `KOMMUNE_METRICS_ALLOW` (loopback by default).

use crate::access::same_token;
use crate::client::{ClientAddress, Networks};
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::OnceLock;
use std::time::Instant;

/// Who may read `/metrics`.
#[derive(Debug, Clone)]
pub struct MetricsAccess {
    /// A Bearer token that opens it from anywhere; none by default.
    pub token: Option<std::sync::Arc<str>>,
    /// Clients that need no token: loopback by default.
    pub allow: Networks,
}

impl Default for MetricsAccess {
    fn default() -> Self {
        Self {
            token: None,
            allow: Networks::parse("127.0.0.0/8, ::1").unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    kind: String,
    outcome: String,
}

impl JobLabels {
    /// A job of `kind` that ran well (`ok`) or not (`failed`).
    fn of(kind: &str, ok: bool) -> Self {
        Self {
            kind: kind.to_string(),
            outcome: if ok { "ok" } else { "failed" }.to_string(),
        }
    }
}

/// The process's metrics: one set, however many routers serve (tests start several).
struct Metrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    durations: Family<Route, Histogram>,
    pool_open: Gauge,
    pool_idle: Gauge,
    pool_max: Gauge,
    jobs: Family<JobLabels, Counter>,
    planner_runs: Counter,
    planner_busy: Counter,
    planner_seconds: Histogram,
    invoice_runs: Counter,
    invoices_issued: Counter,
}

fn seconds() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let mut registry = Registry::with_prefix("kommune");
        let m = Metrics {
            requests: Family::default(),
            durations: Family::new_with_constructor(seconds),
            pool_open: Gauge::default(),
            pool_idle: Gauge::default(),
            pool_max: Gauge::default(),
            jobs: Family::default(),
            planner_runs: Counter::default(),
            planner_busy: Counter::default(),
            planner_seconds: Histogram::new(exponential_buckets(0.05, 2.0, 12)),
            invoice_runs: Counter::default(),
            invoices_issued: Counter::default(),
            registry: Registry::default(),
        };
        let r = &mut registry;
        r.register(
            "http_requests",
            "Requests answered, by route template and status",
            m.requests.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Time to answer, by route template",
            m.durations.clone(),
        );
        r.register(
            "db_pool_open_connections",
            "Database connections open",
            m.pool_open.clone(),
        );
        r.register(
            "db_pool_idle_connections",
            "Database connections open and idle",
            m.pool_idle.clone(),
        );
        r.register(
            "db_pool_max_connections",
            "The most connections the pool opens",
            m.pool_max.clone(),
        );
        r.register(
            "jobs",
            "Background jobs run, by kind and outcome",
            m.jobs.clone(),
        );
        r.register(
            "planner_runs",
            "Planner runs (staffing and routing)",
            m.planner_runs.clone(),
        );
        r.register(
            "planner_busy",
            "Planner runs turned away: every core busy",
            m.planner_busy.clone(),
        );
        r.register(
            "planner_duration_seconds",
            "Time a planner run took",
            m.planner_seconds.clone(),
        );
        r.register("invoice_runs", "Invoice runs", m.invoice_runs.clone());
        r.register(
            "invoices_issued",
            "Invoices and credit notes issued by invoice runs",
            m.invoices_issued.clone(),
        );
        // Each kind's series exists from the start, so a scrape before the first job
        // ran still shows the family, and rates start from zero rather than from nothing.
        for kind in crate::jobs::KINDS {
            for ok in [true, false] {
                let _ = m.jobs.get_or_create(&JobLabels::of(kind, ok));
            }
        }
        service::observe::listen(heard);
        Metrics { registry, ..m }
    })
}

/// What the use-cases report, counted.
fn heard(event: service::observe::Event) {
    use service::observe::Event;
    let m = metrics();
    match event {
        Event::PlannerRun(took) => {
            m.planner_runs.inc();
            m.planner_seconds.observe(took.as_secs_f64());
        }
        Event::PlannerBusy => {
            m.planner_busy.inc();
        }
        Event::InvoiceRun(issued) => {
            m.invoice_runs.inc();
            m.invoices_issued.inc_by(issued as u64);
        }
    }
}

/// Starts counting: the use-cases' reports reach the metrics from now on.
pub fn start() {
    metrics();
}

/// A background job ran, well or not.
pub fn job_ran(kind: &str, ok: bool) {
    metrics().jobs.get_or_create(&JobLabels::of(kind, ok)).inc();
}

/// The request's id: the proxy's `X-Request-Id` when it is a plain one, else a new one.
fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map_or_else(new_request_id, str::to_string)
}

/// A request id of this process: a random prefix drawn once (so servers behind one proxy
/// differ) and a counter, without asking the operating system for randomness per request.
fn new_request_id() -> String {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| store::accounts::random_token()[..8].to_string());
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{prefix}{:08x}", n & 0xffff_ffff)
}

/// The method as a label: the standard ones by name, anything else as `other`, so a
/// client inventing methods cannot grow the metrics without end.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Logs and counts every request by its route template, and gives the answer its id.
pub async fn requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    // The template (`/api/people/{id}`), never the path: paths carry tokens.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let id = request_id(request.headers());
    let mut response = next.run(request).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    tracing::info!(
        target: "kommune::request",
        method = %method,
        route = %route,
        status,
        duration_ms = took.as_secs_f64() * 1000.0,
        request_id = %id,
        "answered"
    );
    let m = metrics();
    m.requests
        .get_or_create(&Answered {
            method,
            route: route.clone(),
            status,
        })
        .inc();
    m.durations
        .get_or_create(&Route { method, route })
        .observe(took.as_secs_f64());
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// `GET /metrics`.
pub async fn scrape(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let by_token = matches!(
        (bearer, &state.metrics.token),
        (Some(sent), Some(expected)) if same_token(sent, expected)
    );
    if !by_token && !state.metrics.allow.contains(client) {
        return (StatusCode::FORBIDDEN, "forbidden\n").into_response();
    }
    let m = metrics();
    let pool = state.store.pool_use();
    m.pool_open.set(i64::from(pool.open));
    m.pool_idle.set(i64::from(pool.idle));
    m.pool_max.set(i64::from(pool.max));
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &m.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// `GET /ready`: 200 when the database answers with every migration applied, else 503
/// (the reason in the log), for a load balancer to stop sending requests here.
pub async fn ready(State(state): State<AppState>) -> Response {
    match state.store.ready().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(reason) => {
            // The reason (a database error may name its host) goes to the log only.
            tracing::warn!("not ready: {reason}");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready\n").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_methods_share_one_label_and_request_ids_are_plain() {
        use axum::http::Method;
        assert_eq!(method_label(&Method::GET), "GET");
        let invented = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&invented), "other");
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("abc-123_x"));
        assert_eq!(request_id(&headers), "abc-123_x");
        headers.insert("x-request-id", HeaderValue::from_static("a b\\"));
        let made = request_id(&headers);
        assert_eq!(made.len(), 16);
        assert!(made.bytes().all(|b| b.is_ascii_hexdigit()));
        // Made ids differ request by request and share this process's prefix.
        let next = request_id(&HeaderMap::new());
        assert_ne!(made, next);
        assert_eq!(made[..8], next[..8]);
    }
}
