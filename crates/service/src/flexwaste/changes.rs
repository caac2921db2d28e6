//! Changing Flex Waste's standing records: a subscription's terms from a day on (the
//! old terms end the day before, so what ran keeps its price), and a vehicle's details
//! or its taking out of service (its routes keep it).

use super::records::{
    SubscriptionOut, SubscriptionRequest, VehicleOut, VehicleRequest, check_terms, only_day,
    stored_subscription, vehicle_out,
};
use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::waste::Vehicle;
use serde::Deserialize;
use store::Store;

/// Changes subscription `id` from `body.starts_on` on (near `today`) to the terms in
/// `body`; the site stays the subscription's own. Answers the new subscription.
pub async fn change_subscription(
    store: &Store,
    by: &Actor,
    id: i64,
    body: &SubscriptionRequest,
    today: NaiveDate,
) -> Result<SubscriptionOut> {
    crate::records::agency_only(by, "record")?;
    let terms = check_terms(body, today, false)?;
    let new = store
        .change_subscription(
            id,
            &terms.subscription,
            terms.price_per_pickup_ore,
            terms.monthly_fee_ore,
            terms.starts_on,
            &crate::recorded(by),
        )
        .await?;
    stored_subscription(store, new).await
}

/// Changes a vehicle's details, naming every bad field; routes planned already keep
/// what they were planned with.
pub async fn change_vehicle(
    store: &Store,
    by: &Actor,
    id: i64,
    body: &VehicleRequest,
) -> Result<VehicleOut> {
    crate::records::agency_only(by, "record")?;
    let vehicle = Vehicle {
        id,
        ..body.parse().map_err(ServiceError::Invalid)?
    };
    store.change_vehicle(&vehicle).await?;
    let retired = store.retired_vehicles().await?.get(&id).copied();
    Ok(vehicle_out(&vehicle, retired))
}

/// The first day a vehicle is out of service.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RetireRequest {
    #[schema(example = "2027-01-01")]
    pub from: String,
}

/// Takes a vehicle out of service from `body.from` (near `today`): days from then on
/// are planned without it. One out of service already is a conflict.
pub async fn retire_vehicle(
    store: &Store,
    by: &Actor,
    id: i64,
    body: &RetireRequest,
    today: NaiveDate,
) -> Result<VehicleOut> {
    crate::records::agency_only(by, "record")?;
    let from = only_day("from", &body.from, today)?;
    store.retire_vehicle(id, from).await?;
    let vehicle = store
        .vehicles()
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ServiceError::not_found("vehicle"))?;
    Ok(vehicle_out(&vehicle, Some(from)))
}
