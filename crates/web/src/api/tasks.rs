//! `/api/tasks`: task requests, their lifecycle moves and the history of those moves.

use super::{RecordMeta, Versioned, page_of, page_request};
use crate::access;
use crate::extract::{Id, JsonBody, Params, integer};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use domain::calendar::{format_instant, parse_instant};
use domain::task::{TaskDraft, TaskStatus};
use serde::{Deserialize, Serialize};
use service::Clock;
use service::records::tasks;
use std::collections::BTreeMap;
use store::tasks::{TaskFilter, TaskRecord};
use store::{Store, Stored};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators' routes.
pub fn routes() -> OpenApiRouter<AppState> {
    let routes = OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, update_task, delete_task))
        .routes(routes!(change_status))
        .routes(routes!(history))
        .routes(routes!(candidates));
    access::api_for(routes, access::COORDINATOR)
}

/// A task request as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TaskOut {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub status: TaskStatus,
    #[serde(flatten)]
    pub task: TaskDraft,
    /// The earliest start of every occurrence, in Copenhagen time.
    pub occurrences: Vec<String>,
}

fn out(t: &Stored<TaskRecord>) -> TaskOut {
    TaskOut {
        meta: RecordMeta::from(&t.meta),
        status: t.value.status,
        task: TaskDraft::from(&t.value.request),
        occurrences: t
            .value
            .request
            .occurrences()
            .iter()
            .map(|s| format_instant(s.earliest()))
            .collect(),
    }
}

page_of!(TasksPage, TaskOut);

/// Filters and paging for the task list.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct TasksQuery {
    /// requested, planned, confirmed, done, approved, invoiced, cancelled or no_show.
    status: Option<String>,
    company_id: Option<i64>,
    /// Tasks with an occurrence ending after this time (ISO 8601 with offset)…
    from: Option<String>,
    /// …and starting before this one.
    to: Option<String>,
    /// Page number, from 1.
    page: Option<i64>,
    /// Records per page, 1–200; default 50.
    per_page: Option<i64>,
}

#[utoipa::path(get, path = "/api/tasks", tag = "tasks", params(TasksQuery),
    responses((status = 200, body = TasksPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_tasks(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<TasksPage>, AppError> {
    let mut params = Params::new(query);
    let filter = TaskFilter {
        status: params.get("status", TaskStatus::parse),
        company_id: params.get("company_id", integer),
        from: params.get("from", parse_instant),
        to: params.get("to", parse_instant),
    };
    let page = page_request(&mut params);
    params.finish(())?;
    Ok(Json(TasksPage::from_page(
        tasks::list(&store, &by, &filter, page).await?,
        out,
    )))
}

#[utoipa::path(post, path = "/api/tasks", tag = "tasks", request_body = TaskDraft,
    description = "Requests a task. The site must belong to the company, and the company must have an agreement for the task type.",
    responses((status = 201, body = TaskOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_task(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    JsonBody(draft): JsonBody<TaskDraft>,
) -> Result<(StatusCode, Json<TaskOut>), AppError> {
    let task = draft.parse().map_err(AppError::Invalid)?;
    Ok((
        StatusCode::CREATED,
        Json(out(&tasks::create(&store, &by, &task, clock.today()).await?)),
    ))
}

#[utoipa::path(get, path = "/api/tasks/{id}", tag = "tasks", params(("id" = i64, Path)),
    responses((status = 200, body = TaskOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_task(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<TaskOut>, AppError> {
    Ok(Json(out(&tasks::get(&store, &by, id).await?)))
}

#[utoipa::path(put, path = "/api/tasks/{id}", tag = "tasks", params(("id" = i64, Path)), request_body = Versioned<TaskDraft>,
    description = "Changes a task request while it is requested or planned; later it is history (409).",
    responses((status = 200, body = TaskOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_task(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    body: Versioned<TaskDraft>,
) -> Result<Json<TaskOut>, AppError> {
    let (task, version) = body.parse(TaskDraft::parse)?;
    Ok(Json(out(&tasks::update(
        &store,
        &by,
        id,
        version,
        &task,
        clock.today(),
    )
    .await?)))
}

#[utoipa::path(delete, path = "/api/tasks/{id}", tag = "tasks", params(("id" = i64, Path)),
    description = "Marks a task request deleted; refused (409) once work on it is done.",
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn delete_task(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<StatusCode, AppError> {
    tasks::delete(&store, &by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A move in a task's lifecycle.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct StatusMove {
    /// The status to move to.
    #[schema(example = "planned")]
    status: String,
    /// Why, for the history.
    note: String,
    /// The version read; when given, a stale one is a 409.
    version: Option<i64>,
}

#[utoipa::path(post, path = "/api/tasks/{id}/status", tag = "tasks", params(("id" = i64, Path)), request_body = StatusMove,
    description = "Moves a task along requested → planned → confirmed → done → approved → invoiced, or to cancelled / no_show. \
        A move the lifecycle forbids is a 409.",
    responses((status = 200, body = TaskOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn change_status(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    JsonBody(body): JsonBody<StatusMove>,
) -> Result<Json<TaskOut>, AppError> {
    let to = TaskStatus::parse(&body.status).map_err(|e| AppError::invalid("status", e.0))?;
    Ok(Json(out(&tasks::change_status(
        &store,
        &by,
        id,
        body.version,
        to,
        &body.note,
    )
    .await?)))
}

/// One move in a task's lifecycle.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct StatusChangeOut {
    from: Option<TaskStatus>,
    to: TaskStatus,
    changed_by: String,
    note: String,
    changed_at: String,
}

#[utoipa::path(get, path = "/api/tasks/{id}/history", tag = "tasks", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<StatusChangeOut>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn history(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<Vec<StatusChangeOut>>, AppError> {
    let changes = tasks::history(&store, &by, id).await?;
    Ok(Json(
        changes
            .into_iter()
            .map(|c| StatusChangeOut {
                from: c.from,
                to: c.to,
                changed_by: c.changed_by,
                note: c.note,
                changed_at: parse_instant(&c.changed_at)
                    .map(format_instant)
                    .unwrap_or(c.changed_at),
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/tasks/{id}/candidates", tag = "tasks",
    params(("id" = i64, Path), ("date" = Option<String>, Query, description = "The occurrence's date; default the next from today, or the last once all are past")),
    description = "Everyone who fits the task, ranked given the week's latest plan: those who can take it now first, each with why.",
    responses((status = 200, body = Vec<service::agency::recommend::CandidateView>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn candidates(
    State(store): State<Store>,
    State(clock): State<Clock>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<Vec<service::agency::recommend::CandidateView>>, AppError> {
    let mut params = Params::new(query);
    let date = params.get("date", domain::calendar::parse_date);
    params.finish(())?;
    Ok(Json(
        service::agency::recommend::recommend(&store, id, date, clock.today(), &by).await?,
    ))
}
