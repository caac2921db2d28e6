//! Why a route breaks a rule, and why a stop is left out, as values: the pages say them in
//! their own language, and `Display` keeps the engine's English for logs, the command line
//! and the benchmarks. Times are seconds and distances metres, as the problem counts them.

use serde::{Deserialize, Serialize};

/// The first rule a route breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Infeasible {
    #[error("vehicle type {0} does not exist")]
    NoSuchVehicle(usize),
    #[error("the break is placed after the last visit")]
    BreakAfterLastVisit,
    #[error("a break is placed but the vehicle type has none")]
    NoRest,
    #[error("the break cannot start by {close} (earliest {earliest})")]
    BreakTooLate { close: i64, earliest: i64 },
    #[error("{place} needs a vehicle with {feature}; {vehicle} has none")]
    NeedsFeature {
        place: String,
        feature: String,
        vehicle: String,
    },
    #[error("{vehicle} may not unload at {place}")]
    MayNotUnload { vehicle: String, place: String },
    #[error("arrives at {place} at {arrival}, after its last window")]
    AfterLastWindow { place: String, arrival: i64 },
    #[error("carries {load} in dimension {dimension} after {place}, over the capacity {capacity}")]
    OverCapacity {
        load: i64,
        dimension: usize,
        place: String,
        capacity: i64,
    },
    #[error("returns at {back}, after {latest}")]
    ReturnsLate { back: i64, latest: i64 },
    #[error("is on the road at {at} without the driver's break")]
    NoBreak { at: i64 },
    #[error("drives {distance}, beyond the range {max}")]
    OverRange { distance: i64, max: i64 },
}

/// Why a stop is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// An optional stop whose skip penalty is less than serving it would cost.
    CheaperToSkip,
    /// Some vehicle could serve it alone, but none had room or time left.
    NoRoomOrTime,
    /// No vehicle type can serve it even alone: each type's name and the rule it breaks
    /// (none: only the driver's break stands in the way).
    NoVehicleAlone {
        vehicles: Vec<(String, Option<Infeasible>)>,
    },
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::CheaperToSkip => {
                f.write_str("cheaper to skip than to serve with the vehicles left")
            }
            Why::NoRoomOrTime => f.write_str("no vehicle has room or time left for it"),
            Why::NoVehicleAlone { vehicles } => {
                let reasons: Vec<String> = vehicles
                    .iter()
                    .map(|(name, rule)| match rule {
                        Some(rule) => format!("{name}: {rule}"),
                        None => format!("{name}: not with the driver's break"),
                    })
                    .collect();
                write!(
                    f,
                    "no vehicle can serve it even alone — {}",
                    reasons.join("; ")
                )
            }
        }
    }
}
