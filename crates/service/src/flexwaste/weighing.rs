//! A driver's reports from the route: a pickup at a site (weighed, or why nothing was
//! collected) and an unloading at a hub. A phone on a flaky connection sends a report
//! again; each carries its submission id and is recorded once.

use super::sheet::{SheetStop, StopKind, route_sheet};
use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
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

/// Records a pickup, the driver named as the acting person; whether it was new. A
/// driver reports only from a site on their own route that day.
pub async fn record_pickup(store: &Store, by: &Actor, mut report: PickupReport) -> Result<bool> {
    drivers_only(by)?;
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
    }
    let (_, new) = store.record_pickup(&report).await?;
    if new {
        tell_if_ordered(store, &report).await?;
    }
    Ok(new)
}

/// A pickup the shop ordered as an extra: its contacts are told by e-mail what was
/// collected, or why nothing was. A subscription's pickups tell nobody.
async fn tell_if_ordered(store: &Store, report: &PickupReport) -> Result<()> {
    let ordered = store.pickups_due(report.day).await?.into_iter().find(|d| {
        d.site.site_id == report.site_id && matches!(d.source, store::waste::Source::Order(_))
    });
    let Some(due) = ordered else {
        return Ok(());
    };
    let company = store.company(due.site.company_id).await?.value.company;
    let message = crate::mail::Message::PickupDone {
        company: company.name.clone(),
        site: due.site.name.clone(),
        day: report.day,
        outcome: report.outcome.code().to_string(),
        collected: report
            .weighed
            .iter()
            .map(|(f, g)| (f.code().to_string(), *g))
            .collect(),
    };
    for mail in crate::mail::to_contacts(store, &company, &message).await {
        store.queue_mail(&mail, report.at).await?;
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
        Role::Worker | Role::Company => Err(ServiceError::not_found("route")),
    }
}
