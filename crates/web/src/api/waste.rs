//! `/api/waste`: Flex Waste's records entered and read — subscriptions per site, extra
//! pickups (orders), the depot and hubs, the vehicles, and a day's latest plan.
//!
//! Coordinators use every route. A company contact may order an extra pickup for one of
//! its own sites (another company's site is answered as if it did not exist), at the
//! price the agency sets: the site's subscription price per pickup, or
//! [`DEFAULT_ORDER_PRICE_ORE`] when the site has no subscription that day.

use crate::access::Caller;
use crate::extract::JsonBody;
use crate::problem::{AppError, Problem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use chrono::{Datelike, NaiveDate, Utc};
use domain::FieldError;
use domain::calendar::{TimeWindow, format_instant, local_date, parse_date};
use domain::problem::Errors;
use domain::waste::{Fraction, Subscription, SubscriptionDraft};
use serde::{Deserialize, Serialize};
use store::waste::{DayPlan, PlaceKind, StoredSubscription, Vehicle, WastePlace};
use store::{Actor, Store, StoreError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The price of an extra pickup at a site without a running subscription: 60 kr.
/// excluding VAT, the demo's dearest price per pickup.
pub const DEFAULT_ORDER_PRICE_ORE: i64 = 6_000;

/// Litres expected per kg when an order does not say and the site has no subscription
/// to take the proportion from: loose cardboard and plastic.
const LITRES_PER_KG: u32 = 8;

/// The vehicle kinds the economics price (`config/flexwaste-factors.json`) and the
/// planner gives a driving skill.
const VEHICLE_KINDS: [&str; 2] = ["cargo_bike", "electric_van"];

pub fn routes() -> OpenApiRouter<Store> {
    OpenApiRouter::new()
        .routes(routes!(list_subscriptions, create_subscription))
        .routes(routes!(create_order))
        .routes(routes!(list_places, create_place))
        .routes(routes!(list_vehicles, create_vehicle))
        .routes(routes!(get_day))
}

/// The text forms of a subscription's lists, as the API takes them.
fn fraction_list(list: &[Fraction]) -> String {
    list.iter().map(|f| f.code()).collect::<Vec<_>>().join(", ")
}

fn weekday_list(list: &[chrono::Weekday]) -> String {
    list.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---- Subscriptions.

/// A subscription as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct SubscriptionRequest {
    site_id: Option<i64>,
    /// Fractions Flex Waste collects: cardboard, paper, plastic, soft_plastic, hard_plastic.
    #[schema(example = "cardboard, soft_plastic")]
    fractions: String,
    #[schema(example = "Mon, Thu")]
    weekdays: String,
    /// When the site hands over its waste, local time.
    #[schema(example = "09:00-11:00")]
    window: String,
    /// Expected per pickup, 1–300.
    #[schema(example = 25)]
    expected_kg: u32,
    #[schema(example = 200)]
    expected_litres: u32,
    #[schema(example = 4500)]
    price_per_pickup_ore: Option<i64>,
    /// A fee per month the subscription runs, besides the price per pickup; 0 (the
    /// default) is none.
    #[schema(example = 29900)]
    monthly_fee_ore: i64,
    #[schema(example = "2026-12-01")]
    starts_on: String,
}

/// A stored subscription with its site.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct SubscriptionOut {
    id: i64,
    site_id: i64,
    company_id: i64,
    company: String,
    cvr: String,
    site: String,
    p_number: String,
    #[schema(example = "cardboard, soft_plastic")]
    fractions: String,
    #[schema(example = "Mon, Thu")]
    weekdays: String,
    #[schema(example = "09:00-11:00")]
    window: String,
    expected_kg: u32,
    expected_litres: u32,
    price_per_pickup_ore: i64,
    /// The fee per month; 0 is none.
    monthly_fee_ore: i64,
    starts_on: String,
    ends_on: Option<String>,
}

fn subscription_out(s: &StoredSubscription) -> SubscriptionOut {
    SubscriptionOut {
        id: s.id,
        site_id: s.site.site_id,
        company_id: s.site.company_id,
        company: s.site.company.clone(),
        cvr: s.site.cvr.clone(),
        site: s.site.name.clone(),
        p_number: s.site.p_number.clone(),
        fractions: fraction_list(&s.subscription.fractions),
        weekdays: weekday_list(&s.subscription.weekdays),
        window: s.subscription.window.to_string(),
        expected_kg: s.subscription.expected_kg,
        expected_litres: s.subscription.expected_litres,
        price_per_pickup_ore: s.price_per_pickup_ore,
        monthly_fee_ore: s.monthly_fee_ore,
        starts_on: s.starts_on.to_string(),
        ends_on: s.ends_on.map(|d| d.to_string()),
    }
}

#[utoipa::path(get, path = "/api/waste/subscriptions", tag = "flexwaste",
    description = "Every subscription with its site and price, by site.",
    responses((status = 200, body = Vec<SubscriptionOut>)))]
async fn list_subscriptions(
    State(store): State<Store>,
) -> Result<Json<Vec<SubscriptionOut>>, AppError> {
    let all = store.subscriptions().await?;
    Ok(Json(all.iter().map(subscription_out).collect()))
}

#[utoipa::path(post, path = "/api/waste/subscriptions", tag = "flexwaste", request_body = SubscriptionRequest,
    description = "Subscribes a site to pickups from `starts_on` at a price per pickup and, optionally, a monthly fee. Every bad field is named; an unknown site is a 404.",
    responses((status = 201, body = SubscriptionOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_subscription(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    JsonBody(body): JsonBody<SubscriptionRequest>,
) -> Result<(StatusCode, Json<SubscriptionOut>), AppError> {
    let mut e = Errors::new();
    if body.site_id.is_none() {
        e.push("site_id", "is required");
    }
    let draft = SubscriptionDraft {
        fractions: body.fractions.clone(),
        weekdays: body.weekdays.clone(),
        window: body.window.clone(),
        expected_kg: body.expected_kg,
        expected_litres: body.expected_litres,
    };
    let parsed = draft.parse();
    if let Err(errors) = &parsed {
        for error in errors {
            e.push(&error.field, error.reason.clone());
        }
    }
    match body.price_per_pickup_ore {
        None => e.push("price_per_pickup_ore", "is required"),
        Some(p) if p < 0 => e.push("price_per_pickup_ore", "cannot be negative"),
        Some(_) => {}
    }
    if body.monthly_fee_ore < 0 {
        e.push("monthly_fee_ore", "cannot be negative");
    }
    let starts_on = e.check("starts_on", parse_date(&body.starts_on));
    let (site, subscription, price, starts_on) = e
        .finish(|| {
            Some((
                body.site_id?,
                parsed.ok()?,
                body.price_per_pickup_ore?,
                starts_on?,
            ))
        })
        .map_err(AppError::Invalid)?;
    let id = store
        .add_subscription(
            site,
            &subscription,
            price,
            body.monthly_fee_ore,
            starts_on,
            &actor,
        )
        .await?;
    let stored = store
        .subscriptions()
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::Internal(format!("subscription {id} was not stored")))?;
    Ok((StatusCode::CREATED, Json(subscription_out(&stored))))
}

// ---- Orders: an extra pickup.

/// An extra pickup at a site on one day, as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub(crate) struct OrderRequest {
    pub(crate) site_id: Option<i64>,
    #[schema(example = "2026-12-01")]
    pub(crate) date: String,
    #[schema(example = "cardboard, soft_plastic")]
    pub(crate) fractions: String,
    #[schema(example = "10:00-12:00")]
    pub(crate) window: String,
    /// Expected, 1–300.
    #[schema(example = 30)]
    pub(crate) expected_kg: u32,
    /// Expected litres; left out, in the proportion of the site's subscription, or 8 per kg.
    pub(crate) expected_litres: Option<u32>,
    /// Coordinators only; left out, the site's subscription price per pickup, or 6000.
    pub(crate) price_ore: Option<i64>,
}

/// A stored order.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct OrderOut {
    pub(crate) id: i64,
    pub(crate) site_id: i64,
    pub(crate) date: String,
    pub(crate) fractions: String,
    pub(crate) window: String,
    pub(crate) expected_kg: u32,
    pub(crate) expected_litres: u32,
    pub(crate) price_ore: i64,
}

/// An order whose fields are right; the site is still to be checked.
#[derive(Debug, Clone)]
pub(crate) struct CheckedOrder {
    site_id: i64,
    day: NaiveDate,
    /// The fractions, window and kilograms (the weekdays are the day's own).
    pickup: Subscription,
    expected_litres: Option<u32>,
    price_ore: Option<i64>,
}

/// Checks an order's fields for the caller, naming every bad one: a company contact
/// orders from today on and leaves the price to the agency.
pub(crate) fn check_order(
    caller: &Caller,
    request: &OrderRequest,
) -> Result<CheckedOrder, Vec<FieldError>> {
    let mut e = Errors::new();
    let company = caller.company();
    if request.site_id.is_none() {
        e.push("site_id", "is required");
    }
    let date = e.check("date", parse_date(&request.date));
    if let (Some(day), Some(_)) = (date, company)
        && day < local_date(Utc::now())
    {
        e.push("date", "must be today or later");
    }
    // An order is one day's pickup: the draft's weekday is the day's own.
    let draft = SubscriptionDraft {
        fractions: request.fractions.clone(),
        weekdays: date.map_or("Mon".to_string(), |d| d.weekday().to_string()),
        window: request.window.clone(),
        expected_kg: request.expected_kg,
        expected_litres: request.expected_litres.unwrap_or(1),
    };
    let parsed = draft.parse();
    if let Err(errors) = &parsed {
        for error in errors.iter().filter(|f| f.field != "weekdays") {
            e.push(&error.field, error.reason.clone());
        }
    }
    match (request.price_ore, company) {
        (Some(_), Some(_)) => e.push(
            "price_ore",
            "is set by the agency: leave it out (the subscription's price per pickup applies)",
        ),
        (Some(p), None) if p < 0 => e.push("price_ore", "cannot be negative"),
        _ => {}
    }
    e.finish(|| {
        Some(CheckedOrder {
            site_id: request.site_id?,
            day: date?,
            pickup: parsed.ok()?,
            expected_litres: request.expected_litres,
            price_ore: request.price_ore,
        })
    })
}

/// Stores a checked order for the caller: a site that is unknown or another company's
/// is a 404. The litres and the price not given come from the site's subscription that
/// day, else 8 litres per kg and [`DEFAULT_ORDER_PRICE_ORE`].
pub(crate) async fn store_order(
    store: &Store,
    caller: &Caller,
    order: CheckedOrder,
) -> Result<OrderOut, AppError> {
    let site = match store.waste_site(order.site_id).await {
        Ok(site) if caller.sees_company(site.company_id) => site,
        Ok(_) | Err(StoreError::NotFound { .. }) => return Err(Caller::not_found("site")),
        Err(other) => return Err(other.into()),
    };
    let running = store.running_subscription(site.site_id, order.day).await?;
    let kg = order.pickup.expected_kg;
    let expected_litres = order.expected_litres.unwrap_or_else(|| match &running {
        Some(s) => {
            let per = u64::from(s.subscription.expected_kg.max(1));
            let litres = u64::from(s.subscription.expected_litres) * u64::from(kg);
            u32::try_from(litres.div_ceil(per))
                .unwrap_or(u32::MAX)
                .max(1)
        }
        None => kg * LITRES_PER_KG,
    });
    let price_ore = order.price_ore.unwrap_or_else(|| {
        running
            .as_ref()
            .map_or(DEFAULT_ORDER_PRICE_ORE, |s| s.price_per_pickup_ore)
    });
    let pickup = Subscription {
        expected_litres,
        ..order.pickup
    };
    let actor = Actor(caller.account.email.clone());
    let id = store
        .add_order(site.site_id, order.day, &pickup, price_ore, &actor)
        .await?;
    Ok(OrderOut {
        id,
        site_id: site.site_id,
        date: order.day.to_string(),
        fractions: fraction_list(&pickup.fractions),
        window: pickup.window.to_string(),
        expected_kg: kg,
        expected_litres,
        price_ore,
    })
}

#[utoipa::path(post, path = "/api/waste/orders", tag = "flexwaste", request_body = OrderRequest,
    description = "Orders an extra pickup at a site on one day. Coordinators may set `price_ore`; otherwise, and always for a company contact, the price is the site's subscription price per pickup that day, or 6000 øre without one. A company contact orders for its own sites only (another's is a 404), from today on.",
    responses((status = 201, body = OrderOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_order(
    State(store): State<Store>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<OrderRequest>,
) -> Result<(StatusCode, Json<OrderOut>), AppError> {
    let order = check_order(&caller, &body).map_err(AppError::Invalid)?;
    let order = store_order(&store, &caller, order).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

// ---- The depot and hubs.

/// A depot or hub as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct PlaceRequest {
    /// `depot` (where vehicles start and end) or `hub` (where they unload).
    #[schema(example = "hub")]
    kind: String,
    #[schema(example = "Salling")]
    name: String,
    #[schema(example = "Nytorv 8, 9000 Aalborg")]
    address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    /// When it is open, local time.
    #[schema(example = "07:00-18:00")]
    opening: String,
    /// What a hub takes; a depot takes nothing.
    #[schema(example = "cardboard, soft_plastic, hard_plastic")]
    fractions: String,
}

/// A stored depot or hub.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct PlaceOut {
    id: i64,
    kind: &'static str,
    name: String,
    address: String,
    latitude: f64,
    longitude: f64,
    opening: String,
    fractions: String,
}

fn place_out(p: &WastePlace) -> PlaceOut {
    PlaceOut {
        id: p.id,
        kind: match p.kind {
            PlaceKind::Depot => "depot",
            PlaceKind::Hub => "hub",
        },
        name: p.name.clone(),
        address: p.address.clone(),
        latitude: p.latitude,
        longitude: p.longitude,
        opening: p.opening.to_string(),
        fractions: fraction_list(&p.fractions),
    }
}

/// A coordinate within `limit` degrees, or the reason it is not.
fn coordinate(value: Option<f64>, limit: f64) -> Result<f64, domain::Invalid> {
    match value {
        None => Err(domain::Invalid::new("is required")),
        Some(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        Some(v) => Err(domain::Invalid::new(format!(
            "{v} is not between -{limit} and {limit}"
        ))),
    }
}

impl PlaceRequest {
    fn parse(&self) -> Result<WastePlace, Vec<FieldError>> {
        let mut e = Errors::new();
        let kind = match self.kind.trim() {
            "depot" => Some(PlaceKind::Depot),
            "hub" => Some(PlaceKind::Hub),
            other => {
                e.push("kind", format!("'{other}' is neither depot nor hub"));
                None
            }
        };
        if self.name.trim().is_empty() {
            e.push("name", "is required");
        }
        if self.address.trim().is_empty() {
            e.push("address", "is required");
        }
        let latitude = e.check("latitude", coordinate(self.latitude, 90.0));
        let longitude = e.check("longitude", coordinate(self.longitude, 180.0));
        let opening = e.check("opening", TimeWindow::parse(&self.opening));
        let fractions = match kind {
            Some(PlaceKind::Depot) if !self.fractions.trim().is_empty() => {
                e.push("fractions", "a depot takes no waste: leave it empty");
                None
            }
            Some(PlaceKind::Depot) => Some(Vec::new()),
            _ => e.check("fractions", domain::waste::fractions(&self.fractions)),
        };
        e.finish(|| {
            Some(WastePlace {
                id: 0,
                kind: kind?,
                name: self.name.trim().to_string(),
                address: self.address.trim().to_string(),
                latitude: latitude?,
                longitude: longitude?,
                opening: opening?,
                fractions: fractions?,
            })
        })
    }
}

#[utoipa::path(get, path = "/api/waste/places", tag = "flexwaste",
    description = "The depot and the hubs, depot first.",
    responses((status = 200, body = Vec<PlaceOut>)))]
async fn list_places(State(store): State<Store>) -> Result<Json<Vec<PlaceOut>>, AppError> {
    let all = store.waste_places().await?;
    Ok(Json(all.iter().map(place_out).collect()))
}

#[utoipa::path(post, path = "/api/waste/places", tag = "flexwaste", request_body = PlaceRequest,
    description = "Adds the depot or a hub. Every bad field is named.",
    responses((status = 201, body = PlaceOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_place(
    State(store): State<Store>,
    JsonBody(body): JsonBody<PlaceRequest>,
) -> Result<(StatusCode, Json<PlaceOut>), AppError> {
    let place = body.parse().map_err(AppError::Invalid)?;
    let id = store.add_waste_place(&place).await?;
    Ok((
        StatusCode::CREATED,
        Json(place_out(&WastePlace { id, ..place })),
    ))
}

// ---- Vehicles.

/// A vehicle as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct VehicleRequest {
    /// Unique.
    #[schema(example = "Cykel 1")]
    name: String,
    /// `cargo_bike` or `electric_van`.
    #[schema(example = "cargo_bike")]
    kind: String,
    #[schema(example = 150)]
    capacity_kg: u32,
    #[schema(example = 1000)]
    capacity_litres: u32,
    /// What a charge lasts.
    #[schema(example = 40)]
    range_km: u32,
    #[schema(example = 15)]
    speed_kmh: u32,
    /// When it can be out, local time.
    #[schema(example = "07:00-15:00")]
    shift: String,
    /// Energy used per km, for the CO2 accounts.
    #[schema(example = 25)]
    wh_per_km: u32,
}

/// A stored vehicle.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct VehicleOut {
    id: i64,
    name: String,
    kind: String,
    capacity_kg: u32,
    capacity_litres: u32,
    range_km: u32,
    speed_kmh: u32,
    shift: String,
    wh_per_km: u32,
}

fn vehicle_out(v: &Vehicle) -> VehicleOut {
    VehicleOut {
        id: v.id,
        name: v.name.clone(),
        kind: v.kind.clone(),
        capacity_kg: v.capacity_kg,
        capacity_litres: v.capacity_litres,
        range_km: v.range_km,
        speed_kmh: v.speed_kmh,
        shift: v.shift.to_string(),
        wh_per_km: v.wh_per_km,
    }
}

impl VehicleRequest {
    fn parse(&self) -> Result<Vehicle, Vec<FieldError>> {
        let mut e = Errors::new();
        if self.name.trim().is_empty() {
            e.push("name", "is required");
        }
        if !VEHICLE_KINDS.contains(&self.kind.trim()) {
            e.push(
                "kind",
                format!(
                    "'{}' is not a vehicle kind; use one of {}",
                    self.kind,
                    VEHICLE_KINDS.join(", ")
                ),
            );
        }
        for (field, value) in [
            ("capacity_kg", self.capacity_kg),
            ("capacity_litres", self.capacity_litres),
            ("range_km", self.range_km),
            ("speed_kmh", self.speed_kmh),
        ] {
            if value == 0 {
                e.push(field, "must be at least 1");
            }
        }
        let shift = e.check("shift", TimeWindow::parse(&self.shift));
        if self.wh_per_km == 0 {
            e.push("wh_per_km", "must be at least 1 Wh per km");
        }
        e.finish(|| {
            Some(Vehicle {
                id: 0,
                name: self.name.trim().to_string(),
                kind: self.kind.trim().to_string(),
                capacity_kg: self.capacity_kg,
                capacity_litres: self.capacity_litres,
                range_km: self.range_km,
                speed_kmh: self.speed_kmh,
                shift: shift?,
                wh_per_km: self.wh_per_km,
            })
        })
    }
}

#[utoipa::path(get, path = "/api/waste/vehicles", tag = "flexwaste",
    description = "Every vehicle, in the order added.",
    responses((status = 200, body = Vec<VehicleOut>)))]
async fn list_vehicles(State(store): State<Store>) -> Result<Json<Vec<VehicleOut>>, AppError> {
    let all = store.vehicles().await?;
    Ok(Json(all.iter().map(vehicle_out).collect()))
}

#[utoipa::path(post, path = "/api/waste/vehicles", tag = "flexwaste", request_body = VehicleRequest,
    description = "Adds a vehicle. Every bad field is named; a name already used is a 409.",
    responses((status = 201, body = VehicleOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_vehicle(
    State(store): State<Store>,
    JsonBody(body): JsonBody<VehicleRequest>,
) -> Result<(StatusCode, Json<VehicleOut>), AppError> {
    let vehicle = body.parse().map_err(AppError::Invalid)?;
    let id = store.add_vehicle(&vehicle).await?;
    Ok((
        StatusCode::CREATED,
        Json(vehicle_out(&Vehicle { id, ..vehicle })),
    ))
}

// ---- A day's plan.

/// A planned visit: a site to collect from, or a hub to unload at.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct VisitOut {
    site_id: Option<i64>,
    place_id: Option<i64>,
    #[schema(example = "2026-12-01T09:12:00+01:00")]
    arrives_at: String,
    /// The window the arrival falls in, [opens, closes] (sites only).
    window: Option<[String; 2]>,
    expected_kg: u32,
}

/// One vehicle's route.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct RouteOut {
    id: i64,
    vehicle_id: i64,
    driver_id: Option<i64>,
    distance_m: i64,
    starts_at: String,
    ends_at: String,
    visits: Vec<VisitOut>,
}

/// A site the plan could not serve, and why.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct UnservedOut {
    site_id: i64,
    reason: String,
}

/// A day's latest plan.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct DayPlanOut {
    id: i64,
    date: String,
    routes: Vec<RouteOut>,
    unserved: Vec<UnservedOut>,
}

fn day_out(plan: &DayPlan) -> DayPlanOut {
    DayPlanOut {
        id: plan.id,
        date: plan.day.to_string(),
        routes: plan
            .routes
            .iter()
            .map(|r| RouteOut {
                id: r.id,
                vehicle_id: r.vehicle_id,
                driver_id: r.driver_id,
                distance_m: r.distance_m,
                starts_at: format_instant(r.starts_at),
                ends_at: format_instant(r.ends_at),
                visits: r
                    .visits
                    .iter()
                    .map(|v| VisitOut {
                        site_id: v.site_id,
                        place_id: v.place_id,
                        arrives_at: format_instant(v.arrives_at),
                        window: v
                            .window
                            .map(|(a, b)| [format_instant(a), format_instant(b)]),
                        expected_kg: v.expected_kg,
                    })
                    .collect(),
            })
            .collect(),
        unserved: plan
            .unserved
            .iter()
            .map(|(site_id, reason)| UnservedOut {
                site_id: *site_id,
                reason: reason.clone(),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/waste/days/{date}", tag = "flexwaste", params(("date" = String, Path, example = "2026-12-01")),
    description = "The day's latest plan (`kommune route --date …` makes one): each route with its visits in order, and the sites it could not serve. A day not planned is a 404.",
    responses((status = 200, body = DayPlanOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_day(
    State(store): State<Store>,
    Path(date): Path<String>,
) -> Result<Json<DayPlanOut>, AppError> {
    let day: NaiveDate = parse_date(&date).map_err(|e| AppError::invalid("date", e.0))?;
    let plan = store
        .day_plan(day)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{day} has not been planned")))?;
    Ok(Json(day_out(&plan)))
}
