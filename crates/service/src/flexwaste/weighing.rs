//! A driver's reports from the route: a pickup at a site (weighed, or why nothing was
//! collected), a correction of one, and an unloading at a hub. A phone on a flaky
//! connection sends a report again; each carries its submission id and is recorded
//! once. Once the day is closed ([`super::closing`]) a driver changes none of its stops.

use super::sheet::{SheetStop, StopKind, route_sheet};
use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::calendar::local_date;
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

/// Records a pickup, the driver named as the acting person; whether it was new. A
/// driver reports only from a site on their own route that day.
pub async fn record_pickup(store: &Store, by: &Actor, mut report: PickupReport) -> Result<bool> {
    drivers_only(by)?;
    driving_to_site(store, by, &mut report).await?;
    let (_, new) = store.record_pickup(&report).await?;
    if new {
        super::tell::pickup_done(store, &report).await?;
    }
    Ok(new)
}

/// Corrects the report that counts for the stop at `report.site_id` on `report.day`
/// with `report`: a report of its own, naming the one it corrects, which stays as it
/// was (the log of the correction). Whether it was new; a stop with nothing recorded
/// has nothing to correct (404).
pub async fn correct_pickup(store: &Store, by: &Actor, mut report: PickupReport) -> Result<bool> {
    drivers_only(by)?;
    driving_to_site(store, by, &mut report).await?;
    let Some(earlier) = store
        .standing_submission(report.site_id, report.day)
        .await?
    else {
        return Err(ServiceError::not_found("pickup"));
    };
    if earlier == report.submission {
        return Ok(false);
    }
    let (_, new) = store.correct_pickup(&earlier, &report).await?;
    Ok(new)
}

/// A driver reports as themselves, from a site on their own route that day, while the
/// day is open; the coordinator reports on anyone's behalf.
async fn driving_to_site(store: &Store, by: &Actor, report: &mut PickupReport) -> Result<()> {
    if by.role == Role::Driver {
        report.driver_id = by.person();
        let site = report.site_id;
        on_my_route(
            store,
            by,
            report.day,
            |stop| matches!(stop.kind, StopKind::Site { site_id, .. } if site_id == site),
        )
        .await?;
        super::closing::still_open(store, report.day, local_date(report.at)).await?;
    }
    Ok(())
}

/// Records an unloading on `day`; whether it was new. A driver unloads only at a hub
/// their own route visits.
pub async fn record_unload(
    store: &Store,
    by: &Actor,
    day: NaiveDate,
    unload: &Unload,
) -> Result<bool> {
    drivers_only(by)?;
    if by.role == Role::Driver {
        let (route, place) = (unload.route_id, unload.place_id);
        on_my_route(store, by, day, |stop| {
            stop.route_id == route
                && matches!(stop.kind, StopKind::Hub { place_id, .. } if place_id == place)
        })
        .await?;
        super::closing::still_open(store, day, local_date(unload.at)).await?;
    }
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

/// Refuses a stop that is not on the driver's sheet for `day`, as if it did not exist.
async fn on_my_route(
    store: &Store,
    by: &Actor,
    day: NaiveDate,
    is_it: impl Fn(&SheetStop) -> bool,
) -> Result<()> {
    let sheet = route_sheet(store, by, day).await?;
    if sheet.iter().any(is_it) {
        Ok(())
    } else {
        Err(ServiceError::not_found("stop"))
    }
}

/// Drivers report from their route, and the coordinator on their behalf.
fn drivers_only(by: &Actor) -> Result<()> {
    match by.role {
        Role::Driver | Role::Coordinator => Ok(()),
        Role::Worker | Role::Company | Role::Editor | Role::GreenAgent => {
            Err(ServiceError::not_found("route"))
        }
    }
}
