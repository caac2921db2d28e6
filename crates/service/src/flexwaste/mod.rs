//! Flex Waste: plan a day, order a pickup, keep its records.
//!
//! A day's plan is four steps, each its own module: [`load`] reads what is due and who
//! may drive, [`plan`] (pure) draws the routes with the routing engine and gives each a
//! driver through the staffing engine, the plan is saved, and [`view`] shows it.
//!
//! - [`board`]: the coordinator's day page: the plan with what it names, planning asked for.
//! - [`clock`]: seconds since local midnight, as the routing engine counts them.
//! - [`stops`]: the day's dues as one stop per site.
//! - [`shop`]: a shop's own subscriptions and recycling statement.
//! - [`sheet`]: a driver's route sheet, the day's stops with what is recorded.
//! - [`weighing`]: a driver's pickups and unloadings, each recorded once.
//! - [`day`]: the day as the routing engine's problem, and the routes it draws.
//! - [`drivers`]: a driver for each route.
//! - [`orders`]: an extra pickup, priced by the agency's rule, or withdrawn.
//! - `tell`: the shop told by e-mail when its order is planned and when it is made.
//! - [`records`]: the depot and hubs, vehicles, a day's plan in the API's shape, checked
//!   before they are kept; with [`subscriptions`], a site's standing pickups.
//! - [`changes`]: a subscription's new terms from a day, a vehicle changed or taken out.
//! - [`closing`]: a day closed, by hand or at midnight; its stops are changed no more.
//! - [`settings`]: the days Flex Waste runs and the unloading tolerance, dated.
//!
//! Units are the routing engine's: metres, and seconds since the day's local midnight
//! (Europe/Copenhagen) counted as elapsed time, so travel on a clock-change day is
//! measured right. The model — service times, the reload rule, the break, drivers and
//! re-planning during the day — is documented in docs/routing.md, "Flex Waste's day".

pub mod board;
pub mod changes;
pub mod clock;
pub mod closing;
pub mod day;
mod drivers;
mod load;
pub mod orders;
mod plan;
pub mod records;
pub mod settings;
pub mod sheet;
pub mod shop;
pub mod stops;
pub mod subscriptions;
mod tell;
#[cfg(test)]
mod tests;
pub mod view;
pub mod weighing;

use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use std::collections::BTreeMap;
use store::Store;

pub use clock::DayClock;
pub use day::{DayProblem, Drawn, DrawnRoute, humane, skill_for};
/// When the routing engine stops: a time or an iteration limit.
pub use routing::Limits;
/// The routing engine's reasons as values, for the pages to say in their language.
pub use routing::why;
pub use stops::{SiteStop, site_name, stops_of};
pub use view::{DayPlanView, DoneView, RouteView, StopView, UnloadView, UnservedView};

/// Service at a stop starts with 3 minutes (park, walk in, find the bins, sign off) ...
pub const STOP_BASE_SECONDS: i64 = 3 * 60;
/// ... and takes 1 minute more per 10 kg carried out.
pub const STOP_SECONDS_PER_KG: i64 = 6;
/// Unloading at a hub, weighing included.
pub const HUB_SECONDS: i64 = 10 * 60;
/// City streets are about 1.3 times the straight line.
pub const DETOUR: f64 = 1.3;
/// The heaviest single lift on a route (a bundle of cardboard, a full sack), compared with
/// a driver's functional limit.
pub const LIFT_KG: u16 = 15;
/// The driver's break: 30 minutes inside 11:00–13:00 on a shift longer than 6 hours.
pub(crate) const BREAK_SECONDS: i64 = 30 * 60;
pub(crate) const BREAK_WINDOW: (u16, u16) = (11 * 60, 13 * 60);
pub(crate) const BREAK_AFTER_MINUTES: u16 = 6 * 60;
/// A vehicle taken out at all weighs as half an hour on the road, so a stop or two are not
/// worth another driver.
pub(crate) const VEHICLE_COST: i64 = 30 * 60;

/// Plans `day` for Flex Waste and stores the plan; the same seed and iteration limit
/// give the same plan, and a time limit is the whole planning's, reading and storing
/// included.
///
/// When the day has a plan already (an order came in), sites with a pickup recorded that
/// day are done and left out, and the vehicles leave the depot again at `now` or their
/// shift's start, whichever is later — as they do when planning today for the first
/// time. A driver out on a vehicle since its earlier route keeps the route if they can.
pub async fn plan_day(
    store: &Store,
    day: NaiveDate,
    limits: Limits,
    seed: u64,
    now: DateTime<Utc>,
    by: &Actor,
) -> Result<DayPlanView> {
    crate::records::agency_only(by, "day plan")?;
    let started = std::time::Instant::now();
    let by = crate::recorded(by);
    let records = load::load(store, day, now, &by).await?;
    let (records, planned) = crate::engines::run(move || {
        let planned = plan::plan(&records, limits, seed, now, started);
        (records, planned)
    })
    .await?;
    let planned = planned?;
    let plan_id = store
        .save_day_plan(day, &planned.routes, &planned.unserved, &by)
        .await?;
    tell::orders_planned(
        store,
        day,
        &records.dues,
        records.previous.as_ref(),
        &planned.routes,
        now,
    )
    .await?;
    let mut driver_names = BTreeMap::new();
    for id in planned.drivers.iter().flatten() {
        driver_names.insert(*id, store.person(*id).await?.value.name);
    }
    let mut done_sites = BTreeMap::new();
    for site_id in records.done.keys() {
        let site = match records.dues.iter().find(|d| d.site.site_id == *site_id) {
            Some(d) => d.site.clone(),
            None => store.waste_site(*site_id).await?,
        };
        done_sites.insert(*site_id, site);
    }
    Ok(view::day_view(
        &records,
        &planned,
        plan_id,
        &driver_names,
        &done_sites,
    ))
}
