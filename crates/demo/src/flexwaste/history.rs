//! The four weeks before the demo's start as they went: each working day's routes, the
//! pickups reported and the unloadings at the hubs.

use super::day::Day;
use super::{HISTORY_DAYS, Shop};
use crate::holidays::is_closed;
use crate::{distinct, pick};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use domain::waste::Fraction;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use store::waste::{Outcome, Vehicle, WastePlace};

/// One working day of history: each used vehicle's route, and the shops it could not serve.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryDay {
    pub day: NaiveDate,
    pub routes: Vec<HistoryRoute>,
    /// Index into [`FlexWaste::shops`](super::FlexWaste::shops) and why.
    pub unserved: Vec<(usize, String)>,
}

/// A vehicle's day: from the depot, its stops in order, back to the depot.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRoute {
    /// Index into [`FlexWaste::vehicles`](super::FlexWaste::vehicles).
    pub vehicle: usize,
    pub distance_m: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub stops: Vec<HistoryStop>,
}

/// A stop on a route: a shop visited, or a hub where the vehicle unloaded.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryStop {
    Pickup(HistoryPickup),
    Unload(HistoryUnload),
}

/// What the driver reported from a shop.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPickup {
    /// `demo-2026-11-02-0007`: the day's reports numbered in the order made.
    pub submission: String,
    /// Index into [`FlexWaste::shops`](super::FlexWaste::shops).
    pub shop: usize,
    pub at: DateTime<Utc>,
    /// The shop's window that day.
    pub window: (DateTime<Utc>, DateTime<Utc>),
    pub expected_kg: u32,
    pub outcome: Outcome,
    /// Grams per fraction (collected only).
    pub weighed: Vec<(Fraction, i64)>,
    pub note: Option<String>,
}

/// An unloading at a hub: everything on board since the last one.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryUnload {
    /// `demo-2026-11-02-unload-03`.
    pub submission: String,
    /// Index into [`FlexWaste::hubs`](super::FlexWaste::hubs).
    pub hub: usize,
    pub at: DateTime<Utc>,
    pub grams: i64,
}

impl HistoryRoute {
    /// The route's pickup reports, in order.
    pub fn pickups(&self) -> impl Iterator<Item = &HistoryPickup> {
        self.stops.iter().filter_map(|s| match s {
            HistoryStop::Pickup(p) => Some(p),
            HistoryStop::Unload(_) => None,
        })
    }
}

/// The van takes the shops that hand over this much or more.
const VAN_FROM_KG: u32 = 25;

/// Each working day of the four weeks before `start`, as it went.
pub(super) fn history(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    shops: &[Shop],
    depot: &WastePlace,
    hubs: &[WastePlace],
    vehicles: &[Vehicle],
) -> Vec<HistoryDay> {
    let days: Vec<NaiveDate> = (0..HISTORY_DAYS)
        .map(|d| start - Duration::days(HISTORY_DAYS - d))
        .filter(|d| d.weekday().num_days_from_monday() < 5 && !is_closed(*d))
        .collect();
    // One or two pickups of the month are contaminated.
    let count = rng.random_range(1..=2);
    let all: Vec<usize> = (0..days.len()).collect();
    let contaminated_days = distinct(rng, &all, count);
    days.iter()
        .enumerate()
        .map(|(i, &day)| {
            let due: Vec<usize> = (0..shops.len())
                .filter(|&s| {
                    shops[s].starts_on <= day
                        && shops[s].subscription.weekdays.contains(&day.weekday())
                })
                .collect();
            let contaminated =
                (contaminated_days.contains(&i) && !due.is_empty()).then(|| *pick(rng, &due));
            let mut plan = Day::new(&mut *rng, day, shops, depot, hubs, contaminated);
            // The van takes the big customers; the bikes split the rest west and east.
            let (van, mut light): (Vec<usize>, Vec<usize>) = due
                .iter()
                .partition(|&&s| shops[s].subscription.expected_kg >= VAN_FROM_KG);
            light.sort_by(|a, b| {
                let (a, b) = (shops[*a].coordinates(), shops[*b].coordinates());
                a.longitude.total_cmp(&b.longitude)
            });
            let east = light.split_off(light.len() / 2);
            let mut routes = Vec::new();
            for (vehicle, stops) in [(0, light), (1, east), (2, van)] {
                if !stops.is_empty() {
                    routes.push(plan.drive(vehicle, &vehicles[vehicle], stops));
                }
            }
            HistoryDay {
                day,
                routes,
                unserved: plan.unserved(),
            }
        })
        .collect()
}
