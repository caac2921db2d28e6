//! `/api/companies`: companies with their sites (each with its id, which task requests
//! name) and contacts. An update matches sites by P-number, so their ids stay.

use super::{RecordMeta, Versioned, page_of, page_request};
use crate::access;
use crate::extract::{Id, JsonBody, Params, boolean};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use domain::company::{CompanyDraft, ContactDraft, SiteDraft};
use serde::Serialize;
use service::records::companies;
use std::collections::BTreeMap;
use store::companies::{CompanyFilter, CompanyRecord};
use store::{Store, Stored};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators' routes.
pub fn routes() -> OpenApiRouter<AppState> {
    let routes = OpenApiRouter::new()
        .routes(routes!(list_companies, create_company))
        .routes(routes!(get_company, update_company, delete_company));
    access::api_for(routes, access::COORDINATOR)
}

/// A company as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CompanyOut {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub name: String,
    pub cvr: String,
    pub billing_email: String,
    pub einvoice_address: Option<String>,
    pub task_force: bool,
    pub sites: Vec<SiteOut>,
    pub contacts: Vec<ContactDraft>,
}

/// A site with the id task requests refer to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SiteOut {
    pub id: i64,
    #[serde(flatten)]
    pub site: SiteDraft,
}

fn out(c: &Stored<CompanyRecord>) -> CompanyOut {
    let draft = CompanyDraft::from(&c.value.company);
    CompanyOut {
        meta: RecordMeta::from(&c.meta),
        name: draft.name,
        cvr: draft.cvr,
        billing_email: draft.billing_email,
        einvoice_address: draft.einvoice_address,
        task_force: draft.task_force,
        sites: draft
            .sites
            .into_iter()
            .zip(&c.value.site_ids)
            .map(|(site, id)| SiteOut { id: *id, site })
            .collect(),
        contacts: draft.contacts,
    }
}

page_of!(CompaniesPage, CompanyOut);

/// Filters and paging for the company list.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct CompaniesQuery {
    /// Only members (true) or non-members (false) of the task force.
    task_force: Option<bool>,
    /// Page number, from 1.
    page: Option<i64>,
    /// Records per page, 1–200; default 50.
    per_page: Option<i64>,
}

#[utoipa::path(get, path = "/api/companies", tag = "companies", params(CompaniesQuery),
    responses((status = 200, body = CompaniesPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_companies(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<CompaniesPage>, AppError> {
    let mut params = Params::new(query);
    let filter = CompanyFilter {
        task_force: params.get("task_force", boolean),
    };
    let page = page_request(&mut params);
    params.finish(())?;
    Ok(Json(CompaniesPage::from_page(
        companies::list(&store, &by, &filter, page).await?,
        out,
    )))
}

#[utoipa::path(post, path = "/api/companies", tag = "companies", request_body = CompanyDraft,
    responses((status = 201, body = CompanyOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_company(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    JsonBody(draft): JsonBody<CompanyDraft>,
) -> Result<(StatusCode, Json<CompanyOut>), AppError> {
    let company = draft.parse().map_err(AppError::Invalid)?;
    Ok((
        StatusCode::CREATED,
        Json(out(&companies::create(&store, &by, &company).await?)),
    ))
}

#[utoipa::path(get, path = "/api/companies/{id}", tag = "companies", params(("id" = i64, Path)),
    responses((status = 200, body = CompanyOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_company(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<CompanyOut>, AppError> {
    Ok(Json(out(&companies::get(&store, &by, id).await?)))
}

#[utoipa::path(put, path = "/api/companies/{id}", tag = "companies", params(("id" = i64, Path)),
    request_body = Versioned<CompanyDraft>,
    responses((status = 200, body = CompanyOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_company(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    body: Versioned<CompanyDraft>,
) -> Result<Json<CompanyOut>, AppError> {
    let (company, version) = body.parse(CompanyDraft::parse)?;
    Ok(Json(out(&companies::update(
        &store, &by, id, version, &company,
    )
    .await?)))
}

#[utoipa::path(delete, path = "/api/companies/{id}", tag = "companies", params(("id" = i64, Path)),
    description = "Marks the company deleted; refused (409) while it has open task requests.",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn delete_company(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<StatusCode, AppError> {
    companies::delete(&store, &by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
