//! A driver's reports from the route: a pickup at a site (weighed, or why nothing was
//! collected) and an unloading at a hub. A phone on a flaky connection sends a report
//! again; each carries its submission id and is recorded once.

use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use domain::actor::{Actor, Role};
use store::Store;
use store::waste::PickupReport;

/// An unloading at a hub at the end of a leg of a route.
#[derive(Debug, Clone)]
pub struct Unload {
    /// The phone's id for this submission; the same id twice is the same unloading.
    pub submission: String,
    pub route_id: i64,
    pub place_id: i64,
    pub grams: i64,
    pub at: DateTime<Utc>,
}

/// Records a pickup, the driver named as the acting person; whether it was new.
pub async fn record_pickup(store: &Store, by: &Actor, mut report: PickupReport) -> Result<bool> {
    if by.role == Role::Driver {
        report.driver_id = by.person();
    }
    drivers_only(by)?;
    let (_, new) = store.record_pickup(&report).await?;
    Ok(new)
}

/// Records an unloading; whether it was new.
pub async fn record_unload(store: &Store, by: &Actor, unload: &Unload) -> Result<bool> {
    drivers_only(by)?;
    Ok(store
        .record_unload(
            &unload.submission,
            unload.route_id,
            unload.place_id,
            unload.grams,
            unload.at,
        )
        .await?)
}

/// Drivers report from their route, and the coordinator on their behalf.
fn drivers_only(by: &Actor) -> Result<()> {
    match by.role {
        Role::Driver | Role::Coordinator => Ok(()),
        Role::Worker | Role::Company => Err(ServiceError::not_found("route")),
    }
}
