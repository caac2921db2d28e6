//! Flex Waste's depot, hubs and vehicles: where routes start and unload, and what drives them.

use super::Fraction;
use crate::calendar::TimeWindow;
use crate::catalogue::Skill;

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

/// A cargo bike's kind.
pub const CARGO_BIKE: &str = "cargo_bike";
/// A small electric van's kind.
pub const ELECTRIC_VAN: &str = "electric_van";
/// The kinds of vehicle Flex Waste runs: the economics price each (settings) and the
/// planner gives each a driving skill.
pub const VEHICLE_KINDS: [&str; 2] = [CARGO_BIKE, ELECTRIC_VAN];
/// The skills the fleet asks of its drivers, one per kind.
pub const DRIVING_SKILLS: [Skill; 2] = [Skill::CargoBike, Skill::DrivingLicenceB];

/// The skill a driver needs for a vehicle of `kind`: a cargo bike's own, a driving
/// licence for anything else.
pub fn driving_skill(kind: &str) -> Skill {
    if kind == CARGO_BIKE {
        Skill::CargoBike
    } else {
        Skill::DrivingLicenceB
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
