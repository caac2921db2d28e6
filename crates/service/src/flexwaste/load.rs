//! Everything a day's plan is made from, read from the store in one place: the depot,
//! hubs and vehicles, the day's earlier plan, what is done and what is due, and the
//! people who may drive.

use super::clock::DayClock;
use super::day::DayProblem;
use super::drivers::DriverPool;
use super::stops::{SiteStop, stops_of};
use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::local_date;
use std::collections::BTreeMap;
use store::waste::{DayPlan, Due, Vehicle, WastePlace};
use store::{Actor, Store};

/// The day's records, as the pure plan step takes them.
pub(super) struct DayRecords {
    pub clock: DayClock,
    pub places: Vec<WastePlace>,
    pub vehicles: Vec<Vehicle>,
    /// The day's latest plan, when this is a re-plan.
    pub previous: Option<DayPlan>,
    /// Sites with a pickup recorded today, and the first one's time.
    pub done: BTreeMap<i64, DateTime<Utc>>,
    pub dues: Vec<Due>,
    /// One stop per site still to visit.
    pub stops: Vec<SiteStop>,
    /// Seconds since midnight before which no vehicle leaves: set when planning during
    /// the day.
    pub start_after: Option<i64>,
    /// Who may drive; none when nothing is to be collected.
    pub pool: Option<DriverPool>,
}

/// Reads the day's records. The depot and fleet are checked before anyone's functional
/// limits are read, so a plan that cannot be made logs no read of them.
pub(super) async fn load(
    store: &Store,
    day: NaiveDate,
    now: DateTime<Utc>,
    by: &Actor,
) -> Result<DayRecords> {
    let places = store.waste_places().await?;
    let vehicles = store.vehicles_on(day).await?;
    let previous = store.day_plan(day).await?;
    let mut done: BTreeMap<i64, DateTime<Utc>> = BTreeMap::new();
    for p in store.pickups(day, day).await? {
        let first = done.entry(p.site_id).or_insert(p.at);
        *first = (*first).min(p.at);
    }
    let dues = store.pickups_due(day).await?;
    let clock = DayClock::new(day);
    let from_now = previous.is_some() || local_date(now) == day;
    let start_after = from_now.then(|| clock.seconds_of(now));
    let stops = stops_of(&dues, &done.keys().copied().collect());
    DayProblem::build(clock.clone(), Vec::new(), &places, &vehicles, None)?;
    let pool = if stops.is_empty() {
        None
    } else {
        Some(DriverPool::load(store, &clock, previous.as_ref(), now, by).await?)
    };
    Ok(DayRecords {
        clock,
        places,
        vehicles,
        previous,
        done,
        dues,
        stops,
        start_after,
        pool,
    })
}
