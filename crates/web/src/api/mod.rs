//! The JSON API: people, companies, agreements and task requests, each with list
//! (paged and filtered), get, create, update and delete, plus the OpenAPI document
//! generated from these handlers at `/api/openapi.json`.
//!
//! Paging: lists take `page` (from 1) and `per_page` (1–200, default 50) and answer
//! `{"items": […], "total": N, "page": P, "per_page": K}`. Updates send back the
//! `version` they read; a stale one is a 409.

mod agreements;
pub mod alliance;
pub mod cases;
mod companies;
mod document;
pub mod festival;
pub mod indicators;
mod invoices;
mod people;
pub(crate) mod plans;
pub(crate) mod tasks;
mod time;
pub(crate) mod waste;

use crate::extract::{Params, decode, integer, json_value};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::extract::{FromRequest, Request};
use axum::routing::get;
use axum::{Json, Router};
use domain::FieldError;
use domain::calendar::{format_instant, parse_instant};
use domain::problem::Errors;
use serde::Serialize;
use serde::de::DeserializeOwned;
use store::{Meta, PageRequest};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kommune",
        description = "The small-jobs agency's records: people, companies, agreements and task requests.\n\n\
            **Paging**: every list takes `page` (counting from 1) and `per_page` (1–200, default 50) and \
            answers `{\"items\": [...], \"total\": N, \"page\": P, \"per_page\": K}`, oldest record first.\n\n\
            **Errors** are `application/problem+json`: 422 lists every invalid field in `errors`, 404 an \
            unknown id, 409 a conflicting update (send back the `version` you read).\n\n\
            **Times** are ISO 8601 with an offset; kommune answers in Copenhagen time.\n\n\
            **Access**: send an API token as `Authorization: Bearer …` (`kommune account token EMAIL`), or a \
            browser session cookie with its CSRF token in `X-CSRF-Token`. Anonymous calls get 401; a role \
            gets 403 on routes that are not its own and 404 on records that are not its own."
    ),
    paths(openapi_document, ready_document),
    components(schemas(Problem)),
    tags(
        (name = "people", description = "Workers, their hours and availability; functional limits apart and logged"),
        (name = "companies", description = "Companies with sites and contacts"),
        (name = "agreements", description = "Prices and wages per company and task type"),
        (name = "tasks", description = "Task requests and their lifecycle"),
        (name = "plans", description = "Weekly plans from the staffing engine"),
        (name = "invoices", description = "Monthly invoices and credit notes"),
        (name = "time", description = "Time registration: check-in and out, absences, confirmation, corrections"),
        (name = "flexwaste", description = "Flex Waste: subscriptions, extra pickups, the depot and hubs, vehicles, and each day's plan"),
        (name = "cases", description = "The best-practice exchange: published cases with their live results; reads are public"),
        (name = "indicators", description = "Indicators and targets: series with their sources, judged as Open SDG does; reads are public"),
        (name = "festival", description = "The Sustainability Festival: the programme with places and waiting lists, and registering without an account; public"),
        (name = "alliance", description = "The Aalborg Alliance: companies' competence needs, candidates matched with reasons, introductions with consent, meetings, the skills-gap report"),
        (name = "service", description = "Health, readiness and this document"),
    )
)]
struct ApiDoc;

/// Every API route and the OpenAPI document; [`crate::app`] adds the pages, the
/// fallbacks and the access check.
pub fn router() -> Router<AppState> {
    let (api, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .merge(people::routes())
        .merge(companies::routes())
        .merge(agreements::routes())
        .merge(tasks::routes())
        .merge(plans::routes())
        .merge(time::routes())
        .merge(invoices::routes())
        .merge(waste::routes())
        .merge(alliance::routes())
        .merge(indicators::routes())
        .merge(cases::routes())
        .merge(festival::routes())
        .split_for_parts();
    let doc = document::completed(serde_json::to_value(&doc).unwrap_or_default());
    api.route("/api/openapi.json", get(move || async move { Json(doc) }))
        .route("/ready", get(crate::observe::ready))
        .route("/metrics", get(crate::observe::scrape))
        .merge(docs_page())
}

/// `/api/docs`: the OpenAPI document as a page people can read and try, Swagger UI's
/// files served from the binary (nothing is fetched when it runs). Swagger UI sets
/// styles inline, so its pages alone allow inline styles; scripts stay the site's own.
fn docs_page() -> Router<AppState> {
    let ui = utoipa_swagger_ui::SwaggerUi::new("/api/docs")
        .config(utoipa_swagger_ui::Config::new(["/api/openapi.json"]));
    Router::from(ui).layer(axum::middleware::map_response(
        |mut response: axum::response::Response| async move {
            response.headers_mut().insert(
                axum::http::header::CONTENT_SECURITY_POLICY,
                axum::http::HeaderValue::from_static(
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                     img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                ),
            );
            response
        },
    ))
}

/// The metadata every record carries.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RecordMeta {
    #[schema(example = 1)]
    pub id: i64,
    /// Send it back unchanged with an update.
    #[schema(example = 1)]
    pub version: i64,
    #[schema(example = "2026-11-27T10:00:00+01:00")]
    pub created_at: String,
    #[schema(example = "2026-11-27T10:00:00+01:00")]
    pub updated_at: String,
}

impl From<&Meta> for RecordMeta {
    fn from(m: &Meta) -> Self {
        let local = |t: &str| {
            parse_instant(t)
                .map(format_instant)
                .unwrap_or_else(|_| t.to_string())
        };
        Self {
            id: m.id,
            version: m.version,
            created_at: local(&m.created_at),
            updated_at: local(&m.updated_at),
        }
    }
}

/// Declares the page type of one list, so the OpenAPI document names it.
macro_rules! page_of {
    ($name:ident, $item:ty) => {
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// How many records match in all.
            pub total: i64,
            pub page: i64,
            pub per_page: i64,
        }

        impl $name {
            fn from_page<T>(page: store::Page<T>, f: impl Fn(&T) -> $item) -> Self {
                Self {
                    items: page.items.iter().map(f).collect(),
                    total: page.total,
                    page: page.page,
                    per_page: page.per_page,
                }
            }
        }
    };
}
pub(crate) use page_of;

/// Reads `page` and `per_page`.
fn page_request(params: &mut Params) -> PageRequest {
    let default = PageRequest::default();
    let page = params.get("page", integer).unwrap_or(default.page);
    let per_page = params.get("per_page", integer).unwrap_or(default.per_page);
    match PageRequest::new(page, per_page) {
        Ok(p) => p,
        Err(e) => {
            let field = if page < 1 { "page" } else { "per_page" };
            params.get(field, |_| Err::<(), _>(e));
            default
        }
    }
}

/// An update's body: the record's new content and the `version` the client read.
#[derive(Debug, utoipa::ToSchema)]
pub struct Versioned<T> {
    /// The version the client read; required.
    pub version: Option<i64>,
    #[serde(flatten)]
    pub value: T,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Versioned<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        Self::from_value(json_value(req, state).await?)
    }
}

impl<T: DeserializeOwned> Versioned<T> {
    /// The body read as an update: its `version` taken out, the rest decoded as `T`.
    pub fn from_value(mut value: serde_json::Value) -> Result<Self, AppError> {
        let version = match value
            .as_object_mut()
            .and_then(|members| members.remove("version"))
        {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(v.as_i64().ok_or_else(|| {
                AppError::invalid("version", format!("{v} is not a whole number"))
            })?),
        };
        Ok(Self {
            version,
            value: decode(value)?,
        })
    }
}

impl<D> Versioned<D> {
    /// Parses the content and checks that a version was sent, naming every problem at once.
    pub fn parse<T>(
        &self,
        parse: impl FnOnce(&D) -> Result<T, Vec<FieldError>>,
    ) -> Result<(T, i64), AppError> {
        match (self.version, parse(&self.value)) {
            (Some(version), Ok(value)) => Ok((value, version)),
            (version, parsed) => {
                let mut errors = Errors::new();
                if version.is_none() {
                    errors.push("version", "is required: send the version you read");
                }
                parsed
                    .err()
                    .into_iter()
                    .flatten()
                    .for_each(|e| errors.add(e));
                Err(AppError::Invalid(errors.into_vec()))
            }
        }
    }
}

/// Documents the route that serves this document; the router answers it with the
/// document it generated, so this function only lends the route its description.
#[utoipa::path(get, path = "/api/openapi.json", tag = "service",
    responses((status = 200, description = "This OpenAPI 3.1 document", content_type = "application/json")))]
#[allow(dead_code)]
async fn openapi_document() {}

/// That the server is alive: it answers without asking the database (a liveness probe
/// must not restart servers when the database is away; `/ready` asks it).
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Health {
    #[schema(example = "ok")]
    status: &'static str,
}

#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// `/ready` as the API documents it; answered by `crate::observe::ready`.
#[utoipa::path(get, path = "/ready", tag = "service",
    description = "Whether this server can take requests: the database answers and every migration is applied. 200 `ready`, else 503 with the reason, as plain text.",
    responses((status = 200, description = "Ready", content_type = "text/plain"),
        (status = 503, description = "Not ready, and why", content_type = "text/plain")))]
#[allow(dead_code)]
async fn ready_document() {}
