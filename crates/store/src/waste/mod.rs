//! Flex Waste's records: subscriptions and one-off orders per site, the depot, hubs and
//! vehicles, each day's routes, and every pickup and unloading as weighed.
//!
//! A day may be planned again (an order arrives during the day); the latest plan of a
//! day is the one drivers follow, and earlier ones stay as they were. Pickups and
//! unloadings come from a driver's phone on a flaky connection: each submission carries
//! the phone's own id, and a resent one is recognised and counted once.
//!
//! - `sites`: a site as Flex Waste sees it, with its company.
//! - `subscriptions`: a site's standing order and its prices.
//! - `orders`: an extra pickup on one day, or withdrawn.
//! - `due`: every site to visit on a day, from subscriptions and orders.
//! - `places`: the depot and the hubs.
//! - `vehicles`: the electric fleet.
//! - `day_plans`: each day's routes, the latest of a day being the one followed.
//! - `pickups`: what drivers report from the sites, counted once per submission; a
//!   correction is a report of its own.
//! - `closures`: days closed by the coordinator.
//! - `unloads`: unloading at a hub, which marks the vehicle's pickups received.
//! - `rows`: how Flex Waste's values are stored as text and read back.

mod closures;
mod day_plans;
mod due;
mod orders;
mod pickups;
mod places;
mod rows;
mod sites;
mod subscriptions;
mod unloads;
mod vehicles;

pub use closures::Closure;
pub use day_plans::{DayPlan, Route, Visit};
pub use due::{Due, Source};
pub use orders::StoredOrder;
pub(crate) use pickups::STANDING;
pub use pickups::{Outcome, Pickup, PickupReport};
pub use places::{PlaceKind, WastePlace};
pub use sites::WasteSite;
pub use subscriptions::StoredSubscription;
pub use unloads::UnloadRecord;
pub use vehicles::Vehicle;

/// The one SQL condition "subscription `w` runs on some day from `from` to `to`", both
/// days included and given as SQL (parameters or columns): every query that asks which
/// subscriptions run — the day's pickups, a visit's price, a month's fees — agrees on
/// the ends.
pub(crate) fn runs_between(from: &str, to: &str) -> String {
    format!("w.starts_on <= {to} AND (w.ends_on IS NULL OR w.ends_on >= {from})")
}

/// Of several subscriptions running at a site, the one started last decides.
pub(crate) const LATEST_STARTED: &str = "w.starts_on DESC, w.id DESC";
