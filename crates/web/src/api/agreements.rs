//! `/api/agreements`: what a company pays, and a worker earns, per hour of a task type.

use super::{RecordMeta, Versioned, page_of, page_request};
use crate::access;
use crate::extract::{Id, JsonBody, Params, integer};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use domain::agreement::{Agreement, AgreementDraft};
use serde::Serialize;
use service::records::companies;
use std::collections::BTreeMap;
use store::agreements::AgreementFilter;
use store::{Store, Stored};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators' routes.
pub fn routes() -> OpenApiRouter<AppState> {
    let routes = OpenApiRouter::new()
        .routes(routes!(list_agreements, create_agreement))
        .routes(routes!(get_agreement, update_agreement, delete_agreement));
    access::api_for(routes, access::COORDINATOR)
}

/// An agreement as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgreementOut {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub agreement: AgreementDraft,
}

fn out(a: &Stored<Agreement>) -> AgreementOut {
    AgreementOut {
        meta: RecordMeta::from(&a.meta),
        agreement: AgreementDraft::from(&a.value),
    }
}

page_of!(AgreementsPage, AgreementOut);

/// Filters and paging for the agreement list.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct AgreementsQuery {
    /// Only this company's agreements.
    company_id: Option<i64>,
    /// Page number, from 1.
    page: Option<i64>,
    /// Records per page, 1–200; default 50.
    per_page: Option<i64>,
}

#[utoipa::path(get, path = "/api/agreements", tag = "agreements", params(AgreementsQuery),
    responses((status = 200, body = AgreementsPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_agreements(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<AgreementsPage>, AppError> {
    let mut params = Params::new(query);
    let filter = AgreementFilter {
        company_id: params.get("company_id", integer),
    };
    let page = page_request(&mut params);
    params.finish(())?;
    Ok(Json(AgreementsPage::from_page(
        companies::agreements(&store, &by, &filter, page).await?,
        out,
    )))
}

#[utoipa::path(post, path = "/api/agreements", tag = "agreements", request_body = AgreementDraft,
    responses((status = 201, body = AgreementOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_agreement(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    JsonBody(draft): JsonBody<AgreementDraft>,
) -> Result<(StatusCode, Json<AgreementOut>), AppError> {
    let agreement = draft.parse().map_err(AppError::Invalid)?;
    Ok((
        StatusCode::CREATED,
        Json(out(
            &companies::create_agreement(&store, &by, &agreement).await?
        )),
    ))
}

#[utoipa::path(get, path = "/api/agreements/{id}", tag = "agreements", params(("id" = i64, Path)),
    responses((status = 200, body = AgreementOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_agreement(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<AgreementOut>, AppError> {
    Ok(Json(out(&companies::agreement(&store, &by, id).await?)))
}

#[utoipa::path(put, path = "/api/agreements/{id}", tag = "agreements", params(("id" = i64, Path)),
    request_body = Versioned<AgreementDraft>,
    responses((status = 200, body = AgreementOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_agreement(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    body: Versioned<AgreementDraft>,
) -> Result<Json<AgreementOut>, AppError> {
    let (agreement, version) = body.parse(AgreementDraft::parse)?;
    Ok(Json(out(&companies::update_agreement(
        &store, &by, id, version, &agreement,
    )
    .await?)))
}

#[utoipa::path(delete, path = "/api/agreements/{id}", tag = "agreements", params(("id" = i64, Path)),
    description = "Marks an agreement deleted; refused (409) while open task requests are priced by it.",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn delete_agreement(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<StatusCode, AppError> {
    companies::delete_agreement(&store, &by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
