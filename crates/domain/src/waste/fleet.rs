//! Flex Waste's depot, hubs and vehicles: where routes start and unload, and what drives them.

use super::Fraction;
use crate::calendar::TimeWindow;

/// The depot, where vehicles start and end, or a hub, where they unload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Depot,
    Hub,
}

impl PlaceKind {
    /// As stored and as the API writes it: `depot` or `hub`.
    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::Depot => "depot",
            PlaceKind::Hub => "hub",
        }
    }
}

/// A depot or hub.
#[derive(Debug, Clone, PartialEq)]
pub struct WastePlace {
    pub id: i64,
    pub kind: PlaceKind,
    pub name: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    /// When it is open, local time.
    pub opening: TimeWindow,
    /// What a hub takes; a depot takes nothing.
    pub fractions: Vec<Fraction>,
}

impl WastePlace {
    /// Whether a hub takes `fraction`: listed itself, or its main fraction is (a hub that
    /// takes plastic takes soft and hard plastic too).
    pub fn accepts(&self, fraction: Fraction) -> bool {
        self.fractions.contains(&fraction) || self.fractions.contains(&fraction.main())
    }
}

/// An electric vehicle.
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    pub id: i64,
    pub name: String,
    /// e.g. `cargo_bike`, `electric_van`.
    pub kind: String,
    pub capacity_kg: u32,
    pub capacity_litres: u32,
    /// What a charge lasts.
    pub range_km: u32,
    pub speed_kmh: u32,
    /// When it can be out, local time.
    pub shift: TimeWindow,
    /// Energy used per km, for the CO2 accounts.
    pub wh_per_km: u32,
}
