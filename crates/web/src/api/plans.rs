//! `/api/plans`: plan a week (or re-plan it after a change) and read a stored plan.

use crate::extract::{Id, JsonBody};
use crate::problem::{AppError, Problem};
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use planning::{Options, PlanView, PlanningError, Week};
use serde::Deserialize;
use store::{Actor, Store};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<Store> {
    OpenApiRouter::new()
        .routes(routes!(create_plan))
        .routes(routes!(get_plan))
}

/// What to plan.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub(crate) struct PlanRequest {
    /// The ISO week.
    #[schema(example = "2026-W49")]
    pub(crate) week: String,
    /// Re-plan the week's latest plan, moving as little as possible.
    pub(crate) replan: bool,
    /// Seconds the search may take, 0–60; default 5.
    #[schema(example = 5)]
    pub(crate) time_limit_seconds: Option<f64>,
    /// Stop after this many iterations instead (the same seed and iterations give the same plan).
    pub(crate) iterations: Option<u64>,
    pub(crate) seed: Option<u64>,
}

impl From<PlanningError> for AppError {
    // The one mapping of planning failures, used by every route that plans.
    fn from(error: PlanningError) -> Self {
        match error {
            PlanningError::Store(e) => e.into(),
            PlanningError::NoPlan(message) => AppError::Conflict(message),
            PlanningError::Engine(e) => AppError::Internal(e.to_string()),
        }
    }
}

#[utoipa::path(post, path = "/api/plans", tag = "plans", request_body = PlanRequest,
    description = "Plans the week from the records and stores the plan: task requests whose every occurrence gets its people become planned.",
    responses((status = 201, body = PlanView), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_plan(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    JsonBody(body): JsonBody<PlanRequest>,
) -> Result<(StatusCode, Json<PlanView>), AppError> {
    let view = plan(&store, &actor, &body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Checks a plan request, plans (or re-plans) the week and stores the plan: what
/// `POST /api/plans` does, shared with the week board's buttons.
pub(crate) async fn plan(
    store: &Store,
    actor: &Actor,
    request: &PlanRequest,
) -> Result<PlanView, AppError> {
    let mut errors = Vec::new();
    let week = Week::parse(&request.week)
        .map_err(|e| errors.push(domain::FieldError::new("week", e.0)))
        .ok();
    let seconds = request.time_limit_seconds.unwrap_or(5.0);
    if !(0.0..=60.0).contains(&seconds) {
        errors.push(domain::FieldError::new(
            "time_limit_seconds",
            "must be between 0 and 60",
        ));
    }
    let (Some(week), true) = (week, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let limits = staffing::Limits {
        time: Some(std::time::Duration::from_secs_f64(seconds)),
        iterations: request.iterations,
    };
    let options = Options {
        limits,
        seed: request.seed.unwrap_or(1),
        replan: request.replan,
    };
    Ok(planning::plan_week(store, &week, &options, actor).await?)
}

#[utoipa::path(get, path = "/api/plans/{id}", tag = "plans", params(("id" = i64, Path)),
    responses((status = 200, body = PlanView), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_plan(State(store): State<Store>, Id(id): Id) -> Result<Json<PlanView>, AppError> {
    Ok(Json(PlanView::from(&store.plan(id).await?)))
}
