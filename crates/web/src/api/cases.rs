//! `/api/cases`: the best-practice exchange's published cases, public to read — another
//! municipality's kommune or anyone's script takes them as JSON — and written by editors
//! and coordinators: a case in one language kept as a draft, then moved through the
//! workflow. The rules live in `service::cases`.

use crate::access;
use crate::extract::{JsonBody, Params};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use serde::{Deserialize, Serialize};
use service::cases::{self, CaseRequest, Filter};
use std::collections::BTreeMap;
use store::cases::Case;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Reads for anyone; writes for editors and coordinators.
pub fn routes() -> OpenApiRouter<AppState> {
    let reads = OpenApiRouter::new()
        .routes(routes!(list_cases))
        .routes(routes!(get_case));
    let writes = OpenApiRouter::new()
        .routes(routes!(put_case))
        .routes(routes!(case_status))
        .routes(routes!(remove_image));
    // An image's body may be up to 6 MB; every other route keeps the 2 MB limit.
    let upload = OpenApiRouter::new()
        .routes(routes!(add_image))
        .layer(axum::extract::DefaultBodyLimit::max(IMAGE_BODY_LIMIT));
    reads
        .merge(access::api_for(writes, access::EDITORS))
        .merge(access::api_for(upload, access::EDITORS))
}

/// A case as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CaseJson {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub challenge: String,
    pub done: String,
    pub financing: String,
    pub partners: String,
    pub contact: String,
    pub themes: Vec<String>,
    pub sdgs: Vec<String>,
    /// The indicators whose live figures are the results; each at `/api/indicators/{id}`.
    pub indicators: Vec<String>,
    pub municipality: String,
    pub initiative: Option<String>,
    pub published_at: Option<String>,
    pub updated_at: String,
    /// `case` or `news`.
    pub kind: String,
    /// A news item's cases, by slug.
    pub links: Vec<String>,
    /// An entry from another municipality's feed: the link back to it.
    pub source_link: Option<String>,
}

/// A case as JSON.
pub fn case_json(c: &Case) -> CaseJson {
    CaseJson {
        slug: c.slug.clone(),
        lang: c.lang.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        challenge: c.challenge.clone(),
        done: c.done.clone(),
        financing: c.financing.clone(),
        partners: c.partners.clone(),
        contact: c.contact.clone(),
        themes: c.themes.clone(),
        sdgs: c.sdgs.clone(),
        indicators: c.indicators.clone(),
        municipality: c.municipality.clone(),
        initiative: c.initiative.clone(),
        published_at: c.published_at.clone(),
        updated_at: c.updated_at.clone(),
        kind: c.kind.clone(),
        links: c.links.clone(),
        source_link: c.source_link.clone(),
    }
}

super::page_of!(CasesPage, CaseJson);

/// The list's filters, read from a query.
pub fn filter_of(params: &mut Params) -> Filter {
    let text = |t: &str| Ok::<_, domain::Invalid>(t.to_string());
    Filter {
        q: params.get("q", text).unwrap_or_default(),
        theme: params.get("theme", text),
        sdg: params.get("sdg", text),
        municipality: params.get("municipality", text),
        lang: params.get("lang", text),
        kind: params.get("kind", text),
    }
}

#[utoipa::path(get, path = "/api/cases", tag = "cases",
    params(("q" = Option<String>, Query, description = "words to search for"), ("theme" = Option<String>, Query),
        ("sdg" = Option<String>, Query), ("municipality" = Option<String>, Query), ("lang" = Option<String>, Query),
        ("kind" = Option<String>, Query, description = "case or news; both when left out"),
        ("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query)),
    description = "The published cases and news, newest first, or best match first with `q`. Public.",
    responses((status = 200, body = CasesPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_cases(
    State(state): State<AppState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<CasesPage>, AppError> {
    let mut params = Params::new(query);
    let filter = filter_of(&mut params);
    let page = super::page_request(&mut params);
    params.finish(())?;
    let found = cases::public(&state.store, &filter).await?;
    let listed = page.of(found.into_iter().map(|f| f.case).collect());
    Ok(Json(CasesPage::from_page(listed, case_json)))
}

#[utoipa::path(get, path = "/api/cases/{slug}", tag = "cases",
    params(("slug" = String, Path), ("lang" = Option<String>, Query, description = "da (default) or en; a case in one language only answers in it")),
    description = "One published case. Public.",
    responses((status = 200, body = CaseJson), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_case(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<CaseJson>, AppError> {
    let mut params = Params::new(query);
    let lang = params
        .get("lang", |t| Ok::<_, domain::Invalid>(t.to_string()))
        .unwrap_or_else(|| "da".into());
    params.finish(())?;
    let case = cases::published(&state.store, &slug, &lang)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no published case {slug}")))?;
    Ok(Json(case_json(&case)))
}

#[utoipa::path(post, path = "/api/cases", tag = "cases", request_body = CaseRequest,
    description = "Keeps a case in one language: new as a draft, or its text changed. Every bad field is named.",
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_case(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    JsonBody(body): JsonBody<CaseRequest>,
) -> Result<StatusCode, AppError> {
    cases::put(&state.store, &by, &body, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A step in the workflow.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StatusRequest {
    /// in_review, published, withdrawn or draft.
    pub status: String,
}

#[utoipa::path(post, path = "/api/cases/{slug}/status", tag = "cases", params(("slug" = String, Path)), request_body = StatusRequest,
    description = "Moves every language of a case on: draft → in_review → published → withdrawn (and back to draft, or published again). A step its state does not allow is a conflict.",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn case_status(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<StatusRequest>,
) -> Result<StatusCode, AppError> {
    cases::set_status(
        &state.store,
        &by,
        &slug,
        body.status.trim(),
        state.clock.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The largest body the image upload takes: a 5 MB image and room around it.
pub const IMAGE_BODY_LIMIT: usize = 6 * 1024 * 1024;

/// An image added.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImageAdded {
    pub id: i64,
    /// Where anyone fetches it once the case is published.
    pub url: String,
}

#[utoipa::path(post, path = "/api/cases/{slug}/images", tag = "cases",
    params(("slug" = String, Path), ("alt_da" = String, Query, description = "the Danish alt text, 1–300 characters"),
        ("alt_en" = Option<String>, Query, description = "the English alt text, up to 300 characters")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "a JPEG, PNG or WebP image of at most 5 MB, known by its content"),
    description = "Adds an image to every language of a case. The body is the image itself.",
    responses((status = 201, body = ImageAdded), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn add_image(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    Path(slug): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<ImageAdded>), AppError> {
    let mut params = Params::new(query);
    let text = |t: &str| Ok::<_, domain::Invalid>(t.to_string());
    let alt_da = params.get("alt_da", text).unwrap_or_default();
    let alt_en = params.get("alt_en", text).unwrap_or_default();
    params.finish(())?;
    let id = cases::images::add(
        &state.store,
        &by,
        &slug,
        &alt_da,
        &alt_en,
        &body,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ImageAdded {
            id,
            url: state.public_url.join(&format!("/images/{id}")),
        }),
    ))
}

#[utoipa::path(delete, path = "/api/cases/{slug}/images/{id}", tag = "cases",
    params(("slug" = String, Path), ("id" = i64, Path)),
    description = "Removes an image from its case.",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn remove_image(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    // Anything but a whole number names no image.
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(format!("'{id}' is not an image id")))?;
    cases::images::remove(&state.store, &by, &slug, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
