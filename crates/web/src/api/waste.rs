//! `/api/waste`: Flex Waste's records entered and read — subscriptions per site, extra
//! pickups (orders), the depot and hubs, the vehicles, and a day's latest plan. The rules
//! live in `service::flexwaste`; these handlers read the request and answer.
//!
//! Coordinators use every route. A company contact may order an extra pickup for one of
//! its own sites (another company's site is answered as if it did not exist), at the
//! price the agency sets.

use crate::access::{self, Caller};
use crate::extract::{Id, JsonBody};
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use service::flexwaste::orders::{self, OrderOut, OrderRequest};
use service::flexwaste::records::{
    self, DayPlanOut, EndRequest, PlaceOut, PlaceRequest, SubscriptionOut, SubscriptionRequest,
    VehicleOut, VehicleRequest,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators keep the records; a company contact may order a pickup.
pub fn routes() -> OpenApiRouter<AppState> {
    let coordinators = OpenApiRouter::new()
        .routes(routes!(list_subscriptions, create_subscription))
        .routes(routes!(end_subscription))
        .routes(routes!(list_places, create_place))
        .routes(routes!(list_vehicles, create_vehicle))
        .routes(routes!(get_day));
    let orders = OpenApiRouter::new().routes(routes!(create_order));
    access::api_for(coordinators, access::COORDINATOR)
        .merge(access::api_for(orders, access::COMPANY_OR_COORDINATOR))
}

#[utoipa::path(get, path = "/api/waste/subscriptions", tag = "flexwaste",
    description = "Every subscription with its site and price, by site.",
    responses((status = 200, body = Vec<SubscriptionOut>)))]
async fn list_subscriptions(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<SubscriptionOut>>, AppError> {
    Ok(Json(
        records::subscriptions(&state.store, &caller.actor()).await?,
    ))
}

#[utoipa::path(post, path = "/api/waste/subscriptions", tag = "flexwaste", request_body = SubscriptionRequest,
    description = "Subscribes a site to pickups from `starts_on` at a price per pickup and, optionally, a monthly fee. Every bad field is named; an unknown site is a 404. A site with a subscription to one of the same fractions that has not ended before `starts_on` is a conflict: end that one first.",
    responses((status = 201, body = SubscriptionOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_subscription(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<SubscriptionRequest>,
) -> Result<(StatusCode, Json<SubscriptionOut>), AppError> {
    let out = records::add_subscription(&state.store, &caller.actor(), &body, state.clock.today())
        .await?;
    Ok((StatusCode::CREATED, Json(out)))
}

#[utoipa::path(post, path = "/api/waste/subscriptions/{id}/end", tag = "flexwaste", params(("id" = i64, Path)), request_body = EndRequest,
    description = "Ends a subscription: `ends_on` is the last day it runs (the day before it starts cancels it). A site subscribes to a fraction once at a time, so a new price or schedule is a new subscription after this one ends. An ended subscription is a conflict.",
    responses((status = 200, body = SubscriptionOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn end_subscription(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<EndRequest>,
) -> Result<Json<SubscriptionOut>, AppError> {
    let today = state.clock.today();
    let out = records::end_subscription(&state.store, &caller.actor(), id, &body, today).await?;
    Ok(Json(out))
}

#[utoipa::path(post, path = "/api/waste/orders", tag = "flexwaste", request_body = OrderRequest,
    description = "Orders an extra pickup at a site on one day. Coordinators may set `price_ore`; otherwise, and always for a company contact, the price is the site's subscription price per pickup that day, or 6000 øre without one. A company contact orders for its own sites only (another's is a 404), from today on.",
    responses((status = 201, body = OrderOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_order(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<OrderRequest>,
) -> Result<(StatusCode, Json<OrderOut>), AppError> {
    let today = state.clock.today();
    let order = orders::order_pickup(&state.store, &caller.actor(), &body, today).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

#[utoipa::path(get, path = "/api/waste/places", tag = "flexwaste",
    description = "The depot and the hubs, depot first.",
    responses((status = 200, body = Vec<PlaceOut>)))]
async fn list_places(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<PlaceOut>>, AppError> {
    Ok(Json(records::places(&state.store, &caller.actor()).await?))
}

#[utoipa::path(post, path = "/api/waste/places", tag = "flexwaste", request_body = PlaceRequest,
    description = "Adds the depot or a hub. Every bad field is named.",
    responses((status = 201, body = PlaceOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_place(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<PlaceRequest>,
) -> Result<(StatusCode, Json<PlaceOut>), AppError> {
    Ok((
        StatusCode::CREATED,
        Json(records::add_place(&state.store, &caller.actor(), &body).await?),
    ))
}

#[utoipa::path(get, path = "/api/waste/vehicles", tag = "flexwaste",
    description = "Every vehicle, in the order added.",
    responses((status = 200, body = Vec<VehicleOut>)))]
async fn list_vehicles(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<VehicleOut>>, AppError> {
    Ok(Json(
        records::vehicles(&state.store, &caller.actor()).await?,
    ))
}

#[utoipa::path(post, path = "/api/waste/vehicles", tag = "flexwaste", request_body = VehicleRequest,
    description = "Adds a vehicle. Every bad field is named; a name already used is a 409.",
    responses((status = 201, body = VehicleOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_vehicle(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<VehicleRequest>,
) -> Result<(StatusCode, Json<VehicleOut>), AppError> {
    Ok((
        StatusCode::CREATED,
        Json(records::add_vehicle(&state.store, &caller.actor(), &body).await?),
    ))
}

#[utoipa::path(get, path = "/api/waste/days/{date}", tag = "flexwaste", params(("date" = String, Path, example = "2026-12-01")),
    description = "The day's latest plan (`kommune route --date …` makes one): each route with its visits in order, and the sites it could not serve. A day not planned is a 404.",
    responses((status = 200, body = DayPlanOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_day(
    State(state): State<AppState>,
    caller: Caller,
    Path(date): Path<String>,
) -> Result<Json<DayPlanOut>, AppError> {
    Ok(Json(
        records::day_plan(&state.store, &caller.actor(), &date).await?,
    ))
}
