//! Flex Waste's records: the depot and hubs, the vehicles, and a day's latest plan — each
//! checked field by field before it is kept, and shown in the shape the API answers —
//! with the subscriptions of [`super::subscriptions`] named here too.

use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::FieldError;
use domain::actor::Actor;
use domain::calendar::{TimeWindow, format_instant, near, parse_date};
use domain::contact::required_text;
use domain::problem::Errors;
use domain::waste::{Fraction, VEHICLE_KINDS};
use serde::{Deserialize, Serialize};
use store::Store;
use store::waste::{DayPlan, PlaceKind, Vehicle, WastePlace};

/// The text forms of a subscription's lists, as the API takes them.
pub(crate) fn fraction_list(list: &[Fraction]) -> String {
    list.iter().map(|f| f.code()).collect::<Vec<_>>().join(", ")
}

pub(crate) fn weekday_list(list: &[chrono::Weekday]) -> String {
    list.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A day in `text` near `today` (within the range every date input has), or the field's
/// error pushed on `e`.
pub(crate) fn day_near(
    e: &mut Errors,
    field: &str,
    text: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    e.check(field, parse_date(text))
        .and_then(|day| e.check(field, near(day, today)).map(|()| day))
}

/// The one day a request names in `field`, near `today`, or the field's error.
pub(crate) fn only_day(field: &str, text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let mut e = Errors::new();
    let day = day_near(&mut e, field, text, today);
    e.finish(|| day).map_err(ServiceError::Invalid)
}

// ---- Subscriptions, kept in their own module and named here with the other records.

pub(crate) use super::subscriptions::stored_subscription;
pub use super::subscriptions::{
    EndRequest, SubscriptionOut, SubscriptionRequest, Terms, add_subscription, check_terms,
    end_subscription, subscriptions,
};

/// A depot or hub as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PlaceRequest {
    /// `depot` (where vehicles start and end) or `hub` (where they unload).
    #[schema(example = "hub")]
    pub kind: String,
    #[schema(example = "Salling")]
    pub name: String,
    #[schema(example = "Nytorv 8, 9000 Aalborg")]
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// When it is open, local time.
    #[schema(example = "07:00-18:00")]
    pub opening: String,
    /// What a hub takes; a depot takes nothing.
    #[schema(example = "cardboard, soft_plastic, hard_plastic")]
    pub fractions: String,
}

/// A stored depot or hub.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlaceOut {
    pub id: i64,
    pub kind: &'static str,
    pub name: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    pub opening: String,
    pub fractions: String,
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
    pub fn parse(&self) -> Result<WastePlace, Vec<FieldError>> {
        let mut e = Errors::new();
        let kind = match self.kind.trim() {
            "depot" => Some(PlaceKind::Depot),
            "hub" => Some(PlaceKind::Hub),
            other => {
                e.push("kind", format!("'{other}' is neither depot nor hub"));
                None
            }
        };
        let name = e.check("name", required_text(&self.name, MAX_NAME_CHARS));
        e.check("address", required_text(&self.address, MAX_NAME_CHARS));
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
                name: name?,
                address: self.address.trim().to_string(),
                latitude: latitude?,
                longitude: longitude?,
                opening: opening?,
                fractions: fractions?,
            })
        })
    }
}

/// The depot and the hubs, depot first.
pub async fn places(store: &Store, by: &Actor) -> Result<Vec<PlaceOut>> {
    crate::records::agency_only(by, "record")?;
    Ok(store.waste_places().await?.iter().map(place_out).collect())
}

/// Adds the depot or a hub, naming every bad field.
pub async fn add_place(store: &Store, by: &Actor, body: &PlaceRequest) -> Result<PlaceOut> {
    crate::records::agency_only(by, "record")?;
    let place = body.parse().map_err(ServiceError::Invalid)?;
    let id = store.add_waste_place(&place).await?;
    Ok(place_out(&WastePlace { id, ..place }))
}

/// A vehicle as it arrives.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct VehicleRequest {
    /// Unique.
    #[schema(example = "Cykel 1")]
    pub name: String,
    /// `cargo_bike` or `electric_van`.
    #[schema(example = "cargo_bike")]
    pub kind: String,
    #[schema(example = 150)]
    pub capacity_kg: u32,
    #[schema(example = 1000)]
    pub capacity_litres: u32,
    /// What a charge lasts.
    #[schema(example = 40)]
    pub range_km: u32,
    #[schema(example = 15)]
    pub speed_kmh: u32,
    /// When it can be out, local time.
    #[schema(example = "07:00-15:00")]
    pub shift: String,
    /// Energy used per km, for the CO2 accounts.
    #[schema(example = 25)]
    pub wh_per_km: u32,
}

/// A stored vehicle.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VehicleOut {
    pub id: i64,
    /// The first day out of service, once taken out.
    pub retired_on: Option<String>,
    pub name: String,
    pub kind: String,
    pub capacity_kg: u32,
    pub capacity_litres: u32,
    pub range_km: u32,
    pub speed_kmh: u32,
    pub shift: String,
    pub wh_per_km: u32,
}

pub(crate) fn vehicle_out(v: &Vehicle, retired_on: Option<NaiveDate>) -> VehicleOut {
    VehicleOut {
        id: v.id,
        retired_on: retired_on.map(|d| d.to_string()),
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
    pub fn parse(&self) -> Result<Vehicle, Vec<FieldError>> {
        let mut e = Errors::new();
        let name = e.check("name", required_text(&self.name, MAX_NAME_CHARS));
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
        for (field, value, range) in [
            ("capacity_kg", self.capacity_kg, CAPACITY_KG),
            ("capacity_litres", self.capacity_litres, CAPACITY_LITRES),
            ("range_km", self.range_km, RANGE_KM),
            ("speed_kmh", self.speed_kmh, SPEED_KMH),
            ("wh_per_km", self.wh_per_km, WH_PER_KM),
        ] {
            if !range.contains(&value) {
                e.push(
                    field,
                    format!(
                        "{value} is not between {} and {}",
                        range.start(),
                        range.end()
                    ),
                );
            }
        }
        let shift = e.check("shift", TimeWindow::parse(&self.shift));
        e.finish(|| {
            Some(Vehicle {
                id: 0,
                name: name?,
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

/// The longest name or address of a place or vehicle, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// What a vehicle may carry, in kg: a cargo bike's 100 to a van's few tonnes.
pub const CAPACITY_KG: std::ops::RangeInclusive<u32> = 1..=5_000;
/// What a vehicle may carry, in litres.
pub const CAPACITY_LITRES: std::ops::RangeInclusive<u32> = 1..=50_000;
/// How far a vehicle goes on one charge, in km.
pub const RANGE_KM: std::ops::RangeInclusive<u32> = 1..=1_000;
/// A vehicle's average speed in town, in km/h.
pub const SPEED_KMH: std::ops::RangeInclusive<u32> = 1..=130;
/// What a vehicle uses per km, in Wh.
pub const WH_PER_KM: std::ops::RangeInclusive<u32> = 1..=5_000;

/// Every vehicle, in the order added.
pub async fn vehicles(store: &Store, by: &Actor) -> Result<Vec<VehicleOut>> {
    crate::records::agency_only(by, "record")?;
    let retired = store.retired_vehicles().await?;
    Ok(store
        .vehicles()
        .await?
        .iter()
        .map(|v| vehicle_out(v, retired.get(&v.id).copied()))
        .collect())
}

/// Adds a vehicle, naming every bad field; a name already used is a conflict.
pub async fn add_vehicle(store: &Store, by: &Actor, body: &VehicleRequest) -> Result<VehicleOut> {
    crate::records::agency_only(by, "record")?;
    let vehicle = body.parse().map_err(ServiceError::Invalid)?;
    let id = store.add_vehicle(&vehicle).await?;
    Ok(vehicle_out(&Vehicle { id, ..vehicle }, None))
}

/// A planned visit: a site to collect from, or a hub to unload at.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VisitOut {
    pub site_id: Option<i64>,
    pub place_id: Option<i64>,
    #[schema(example = "2026-12-01T09:12:00+01:00")]
    pub arrives_at: String,
    /// The window the arrival falls in, [opens, closes] (sites only).
    pub window: Option<[String; 2]>,
    pub expected_kg: u32,
}

/// One vehicle's route.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RouteOut {
    pub id: i64,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
    pub distance_m: i64,
    pub starts_at: String,
    pub ends_at: String,
    pub visits: Vec<VisitOut>,
}

/// A site the plan could not serve, and why.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnservedOut {
    pub site_id: i64,
    pub reason: String,
}

/// A day's latest plan.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DayPlanOut {
    pub id: i64,
    pub date: String,
    pub routes: Vec<RouteOut>,
    pub unserved: Vec<UnservedOut>,
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
                reason: super::view::stored_reason(reason, plan.day),
            })
            .collect(),
    }
}

/// The day's latest plan, as `date` names it; a day not planned is not found.
pub async fn day_plan(store: &Store, by: &Actor, date: &str) -> Result<DayPlanOut> {
    crate::records::agency_only(by, "record")?;
    let day: NaiveDate = parse_date(date).map_err(|e| ServiceError::invalid("date", e.0))?;
    let plan = store
        .day_plan(day)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("{day} has not been planned")))?;
    Ok(day_out(&plan))
}
