//! Flex Waste's part of the demo: about 80 shops and offices in central Aalborg, each a
//! company with one site and a subscription; the depot by the harbour and two hubs at the
//! department stores on Nytorv; three electric vehicles of two types; and the four weeks
//! before the start as they went — each working day's routes, every pickup as weighed and
//! every unloading at a hub.
//!
//! Like the rest of the demo it is pure and deterministic by seed and start: records refer
//! to each other by index, and `install` turns the indices into ids.
//!
//! - `shops`: the customers chosen, each with a site, a subscription and a price.
//! - `customers`: the fictional shops and offices they are chosen from.
//! - `streets`: the central streets they are on.
//! - `depot`: the depot and the hubs.
//! - `fleet`: the vehicles and the skill each needs.
//! - `drivers`: the team of drivers formed from the demo's people.
//! - `history`: the four weeks before the start as records.
//! - `day`: one working day driven, stop by stop.

mod customers;
mod day;
mod depot;
mod drivers;
mod fleet;
mod history;
mod shops;
mod streets;

pub use drivers::DRIVERS_PER_SKILL;
pub(crate) use drivers::ensure_drivers;
pub use fleet::skill_for;
pub use history::{HistoryDay, HistoryPickup, HistoryRoute, HistoryStop, HistoryUnload};
pub use shops::Shop;

use chrono::NaiveDate;
use domain::Invalid;
use domain::company::Company;
use domain::place::Coordinates;
use rand_chacha::ChaCha8Rng;
use store::waste::{Vehicle, WastePlace};

/// Aalborg's centre (Budolfi church, roughly), as the routing engine's city instances have it.
pub const CENTRE: Coordinates = Coordinates {
    latitude: 57.048,
    longitude: 9.919,
};

/// How many days of history the demo has before its start.
pub const HISTORY_DAYS: i64 = 28;

/// Flex Waste in the demo: customers, the depot and hubs, the fleet and a month of history.
#[derive(Debug, Clone, PartialEq)]
pub struct FlexWaste {
    /// 78–84 shops and offices, each a company of its own with one site.
    pub shops: Vec<Shop>,
    /// Where the vehicles start and end the day; `id` 0 until stored.
    pub depot: WastePlace,
    /// Where the vehicles unload; `id` 0 until stored.
    pub hubs: Vec<WastePlace>,
    /// Two cargo bikes and a small electric van; `id` 0 until stored.
    pub vehicles: Vec<Vehicle>,
    /// Indices into [`crate::DemoSet::people`] of Flex Waste's drivers: active, holding a
    /// vehicle's skill, with no functional limit that rules driving out, free in the mornings.
    pub drivers: Vec<usize>,
    /// Each working day of the four weeks before the start, oldest first.
    pub history: Vec<HistoryDay>,
}

impl FlexWaste {
    /// Every pickup report of the history, oldest first.
    pub fn pickups(&self) -> impl Iterator<Item = &HistoryPickup> {
        self.history
            .iter()
            .flat_map(|d| &d.routes)
            .flat_map(HistoryRoute::pickups)
    }
}

/// Builds Flex Waste's part of the demo as of `start`: its customers, the depot and hubs,
/// the fleet with its `drivers`, and the four weeks before as driven.
pub(crate) fn generate(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    agency: &[Company],
    drivers: Vec<usize>,
) -> Result<FlexWaste, Invalid> {
    let shops = shops::generate(rng, start, agency)?;
    let (depot, hubs) = depot::places()?;
    let vehicles = fleet::fleet()?;
    let history = history::history(rng, start, &shops, &depot, &hubs, &vehicles);
    Ok(FlexWaste {
        shops,
        depot,
        hubs,
        vehicles,
        drivers,
        history,
    })
}
