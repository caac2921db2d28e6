//! `/api/people`: workers. Their functional limits have their own routes, because
//! every read of them is logged.

use super::{RecordMeta, Versioned, page_of, page_request};
use crate::access;
use crate::extract::{Id, JsonBody, Params};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use domain::actor::Actor;
use domain::calendar::{format_instant, parse_instant};
use domain::person::ReadPurpose;
use domain::person::{FunctionalLimitsDraft, PersonDraft, PersonStatus};
use domain::{FieldError, Invalid};
use serde::Serialize;
use service::records::people;
use std::collections::BTreeMap;
use store::people::PeopleFilter;
use store::{Store, Stored};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators' routes.
pub fn routes() -> OpenApiRouter<AppState> {
    let routes = OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person, delete_person))
        .routes(routes!(get_limits, set_limits))
        .routes(routes!(export_person))
        .routes(routes!(limit_reads));
    access::api_for(routes, access::COORDINATOR)
}

/// A person as the API answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonOut {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub person: PersonDraft,
}

fn out(p: &Stored<domain::person::Person>) -> PersonOut {
    PersonOut {
        meta: RecordMeta::from(&p.meta),
        person: PersonDraft::from(&p.value),
    }
}

page_of!(PeoplePage, PersonOut);

/// What the access log says of a read through the API.
const API_READ: &str = "api read";

/// Filters and paging for the people list.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct PeopleQuery {
    /// referred, in_course, active, paused or left.
    status: Option<String>,
    /// Page number, from 1.
    page: Option<i64>,
    /// Records per page, 1–200; default 50.
    per_page: Option<i64>,
}

fn status_code(text: &str) -> Result<String, Invalid> {
    if PersonStatus::CODES.contains(&text) {
        Ok(text.to_string())
    } else {
        Err(Invalid::new(format!(
            "'{text}' is not a status: use {}",
            PersonStatus::CODES.join(", ")
        )))
    }
}

#[utoipa::path(get, path = "/api/people", tag = "people", params(PeopleQuery),
    responses((status = 200, body = PeoplePage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_people(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Json<PeoplePage>, AppError> {
    let mut params = Params::new(query);
    let filter = PeopleFilter {
        status: params.get("status", status_code),
    };
    let page = page_request(&mut params);
    params.finish(())?;
    Ok(Json(PeoplePage::from_page(
        people::list(&store, &by, &filter, page).await?,
        out,
    )))
}

#[utoipa::path(post, path = "/api/people", tag = "people", request_body = PersonDraft,
    responses((status = 201, body = PersonOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_person(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    JsonBody(draft): JsonBody<PersonDraft>,
) -> Result<(StatusCode, Json<PersonOut>), AppError> {
    let person = draft.parse().map_err(AppError::Invalid)?;
    Ok((
        StatusCode::CREATED,
        Json(out(&people::create(&store, &by, &person).await?)),
    ))
}

#[utoipa::path(get, path = "/api/people/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 200, body = PersonOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_person(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<PersonOut>, AppError> {
    Ok(Json(out(&people::get(&store, &by, id).await?)))
}

#[utoipa::path(put, path = "/api/people/{id}", tag = "people", params(("id" = i64, Path)), request_body = Versioned<PersonDraft>,
    responses((status = 200, body = PersonOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_person(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    body: Versioned<PersonDraft>,
) -> Result<Json<PersonOut>, AppError> {
    let (person, version) = body.parse(PersonDraft::parse)?;
    Ok(Json(out(&people::update(
        &store, &by, id, version, &person,
    )
    .await?)))
}

#[utoipa::path(delete, path = "/api/people/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_person(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<StatusCode, AppError> {
    people::delete(&store, &by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's functional limits with the version a change must name.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct LimitsOut {
    /// 0 before any limits are recorded; send it back with a change.
    version: i64,
    #[serde(flatten)]
    limits: FunctionalLimitsDraft,
}

#[utoipa::path(get, path = "/api/people/{id}/limits", tag = "people", params(("id" = i64, Path)),
    description = "A person's functional limits and their version. Health-related: every read is logged with who read it.",
    responses((status = 200, body = LimitsOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_limits(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<LimitsOut>, AppError> {
    let purpose = ReadPurpose::parse(API_READ).expect("a fixed, valid purpose");
    let version = people::limits_version(&store, &by, id).await?;
    let limits = people::limits(&store, &by, id, &purpose).await?;
    Ok(Json(LimitsOut {
        version,
        limits: FunctionalLimitsDraft::from(&limits),
    }))
}

#[utoipa::path(put, path = "/api/people/{id}/limits", tag = "people", params(("id" = i64, Path)), request_body = Versioned<FunctionalLimitsDraft>,
    description = "Replaces a person's functional limits: exactly the documented members and the `version` read (0 before any are recorded). Another member, or a body that is not an object, is refused (422); a stale version is a conflict (409).",
    responses((status = 200, body = LimitsOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn set_limits(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
    JsonBody(body): JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> Result<Json<LimitsOut>, AppError> {
    // Exactly the documented members: nothing else about a person's health is kept, and
    // nothing sent is quietly dropped.
    let unknown: Vec<FieldError> = body
        .keys()
        .filter(|k| *k != "version" && !FunctionalLimitsDraft::MEMBERS.contains(&k.as_str()))
        .map(|k| FieldError::new(k.as_str(), "is not a member of functional limits"))
        .collect();
    if !unknown.is_empty() {
        return Err(AppError::Invalid(unknown));
    }
    let body = Versioned::<FunctionalLimitsDraft>::from_value(serde_json::Value::Object(body))?;
    let (limits, version) = body.parse(FunctionalLimitsDraft::parse)?;
    let version = people::set_limits(&store, &by, id, version, &limits).await?;
    Ok(Json(LimitsOut {
        version,
        limits: FunctionalLimitsDraft::from(&limits),
    }))
}

#[utoipa::path(get, path = "/api/people/{id}/export", tag = "people", params(("id" = i64, Path)),
    description = "Everything kommune holds on the person, deleted or not, as one JSON document (GDPR Art. 15): profile, functional limits (this read is logged), status changes, time entries, planned work, routes driven, answers, accounts and sign-in attempts, who read their limits, and pay by month. `kommune person export ID` writes the same.",
    responses((status = 200, description = "The person's data", content_type = "application/json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn export_person(
    State(state): State<AppState>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<service::privacy::Export>, AppError> {
    let subject = service::privacy::Subject::Person(id);
    Ok(Json(
        service::privacy::export(&state.store, &by, subject, state.clock.now()).await?,
    ))
}

/// One logged read of a person's functional limits.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct LimitReadOut {
    read_by: String,
    purpose: String,
    read_at: String,
}

#[utoipa::path(get, path = "/api/people/{id}/limits/reads", tag = "people", params(("id" = i64, Path)),
    description = "The access log of a person's functional limits, newest first.",
    responses((status = 200, body = Vec<LimitReadOut>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn limit_reads(
    State(store): State<Store>,
    Extension(by): Extension<Actor>,
    Id(id): Id,
) -> Result<Json<Vec<LimitReadOut>>, AppError> {
    let reads = people::limit_reads(&store, &by, id).await?;
    Ok(Json(
        reads
            .into_iter()
            .map(|r| LimitReadOut {
                read_by: r.read_by,
                purpose: r.purpose,
                read_at: parse_instant(&r.read_at)
                    .map(format_instant)
                    .unwrap_or(r.read_at),
            })
            .collect(),
    ))
}
