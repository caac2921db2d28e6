//! `/api/waste`: Flex Waste's records entered, changed and read — subscriptions per site
//! (new terms from a day, an end), extra pickups (orders, withdrawn), the depot and hubs,
//! the vehicles (changed, taken out of service), a day's latest plan, and a day closed.
//! The rules live in `service::flexwaste`; these handlers read the request and answer.
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
use service::flexwaste::changes::{self, RetireRequest};
use service::flexwaste::closing::{self, ClosedOut};
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
        .routes(routes!(change_subscription))
        .routes(routes!(list_places, create_place))
        .routes(routes!(list_vehicles, create_vehicle))
        .routes(routes!(change_vehicle))
        .routes(routes!(retire_vehicle))
        .routes(routes!(get_day))
        .routes(routes!(close_day));
    let orders = OpenApiRouter::new()
        .routes(routes!(create_order))
        .routes(routes!(cancel_order))
        .routes(routes!(change_order));
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
    description = "Ends a subscription: `ends_on` is the last day it runs (the day before it starts cancels it). A site subscribes to a fraction once at a time; new terms from a day are `/change`. An ended subscription is a conflict.",
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

#[utoipa::path(post, path = "/api/waste/subscriptions/{id}/change", tag = "flexwaste", params(("id" = i64, Path)), request_body = SubscriptionRequest,
    description = "New terms for a subscription from `starts_on` on: the subscription ends the day before and a new one with these terms starts that day, at the same site (`site_id` is ignored), so visits before keep their price. An end agreed already carries over. A day before the subscription started is a 422, one after it ended a 409. Answers the new subscription.",
    responses((status = 201, body = SubscriptionOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn change_subscription(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<SubscriptionRequest>,
) -> Result<(StatusCode, Json<SubscriptionOut>), AppError> {
    let today = state.clock.today();
    let out = changes::change_subscription(&state.store, &caller.actor(), id, &body, today).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

#[utoipa::path(post, path = "/api/waste/orders/{id}/cancel", tag = "flexwaste", params(("id" = i64, Path)),
    description = "Withdraws an order before it is collected: it is planned and billed no more, and is kept with who withdrew it and when. A company contact withdraws its own sites' orders only (another's is a 404). One withdrawn already, collected already, or on a closed day is a conflict.",
    responses((status = 200, body = OrderOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn cancel_order(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<OrderOut>, AppError> {
    let now = state.clock.now();
    let order = orders::cancel_order(&state.store, &caller.actor(), id, now).await?;
    Ok(Json(orders::order_out(&order)))
}

#[utoipa::path(put, path = "/api/waste/vehicles/{id}", tag = "flexwaste", params(("id" = i64, Path)), request_body = VehicleRequest,
    description = "Changes a vehicle's details. Routes planned already keep what they were planned with. Every bad field is named; a name another vehicle has is a 409.",
    responses((status = 200, body = VehicleOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn change_vehicle(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<VehicleRequest>,
) -> Result<Json<VehicleOut>, AppError> {
    Ok(Json(
        changes::change_vehicle(&state.store, &caller.actor(), id, &body).await?,
    ))
}

#[utoipa::path(post, path = "/api/waste/vehicles/{id}/retire", tag = "flexwaste", params(("id" = i64, Path)), request_body = RetireRequest,
    description = "Takes a vehicle out of service from `from` on: days from then on are planned without it; its routes keep it. One out of service already is a 409.",
    responses((status = 200, body = VehicleOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn retire_vehicle(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<RetireRequest>,
) -> Result<Json<VehicleOut>, AppError> {
    let today = state.clock.today();
    Ok(Json(
        changes::retire_vehicle(&state.store, &caller.actor(), id, &body, today).await?,
    ))
}

#[utoipa::path(post, path = "/api/waste/days/{date}/close", tag = "flexwaste", params(("date" = String, Path, example = "2026-12-01")),
    description = "Closes the day: its stops are no longer recorded or corrected by drivers, and it is planned no more. A day closes by itself at local midnight; closing a closed day changes nothing and answers how it closed.",
    responses((status = 200, body = ClosedOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn close_day(
    State(state): State<AppState>,
    caller: Caller,
    Path(date): Path<String>,
) -> Result<Json<ClosedOut>, AppError> {
    let now = state.clock.now();
    Ok(Json(
        closing::close(&state.store, &caller.actor(), &date, now).await?,
    ))
}

#[utoipa::path(post, path = "/api/waste/orders/{id}/change", tag = "flexwaste", params(("id" = i64, Path)), request_body = OrderRequest,
    description = "Changes an order before it is collected, while its day is open: it is withdrawn and a new one for the same site (`site_id` is ignored) takes its place, by the rules of a new order; a price left out is the order's. Answers the new order. A company contact changes its own sites' orders only (another's is a 404).",
    responses((status = 201, body = OrderOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn change_order(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    JsonBody(body): JsonBody<OrderRequest>,
) -> Result<(StatusCode, Json<OrderOut>), AppError> {
    let now = state.clock.now();
    let order = orders::change_order(&state.store, &caller.actor(), id, &body, now).await?;
    Ok((StatusCode::CREATED, Json(order)))
}
