//! `/api/plans`: plan a week (or re-plan it after a change) and read a stored plan.

use crate::access::{self, Caller};
use crate::extract::{Id, JsonBody};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use service::agency::{self, PlanRequest, PlanView};
use store::Store;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators' routes.
pub fn routes() -> OpenApiRouter<AppState> {
    let routes = OpenApiRouter::new()
        .routes(routes!(create_plan))
        .routes(routes!(get_plan));
    access::api_for(routes, access::COORDINATOR)
}

#[utoipa::path(post, path = "/api/plans", tag = "plans", request_body = PlanRequest,
    description = "Plans the week from the records and stores the plan: task requests whose every occurrence gets its people become planned. Workers and company contacts whose work from now on changed are told by e-mail (one message each). The planner runs at most one plan per core at a time; when all are busy the answer is 503 with `Retry-After`.",
    responses((status = 201, body = PlanView), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_plan(
    State(store): State<Store>,
    State(clock): State<service::Clock>,
    caller: Caller,
    JsonBody(body): JsonBody<PlanRequest>,
) -> Result<(StatusCode, Json<PlanView>), AppError> {
    let view = agency::plan_requested(&store, &body, &caller.actor(), clock.now()).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(get, path = "/api/plans/{id}", tag = "plans", params(("id" = i64, Path)),
    responses((status = 200, body = PlanView), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_plan(State(store): State<Store>, Id(id): Id) -> Result<Json<PlanView>, AppError> {
    Ok(Json(agency::plan(&store, id).await?))
}
