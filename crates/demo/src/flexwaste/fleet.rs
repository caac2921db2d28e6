//! Flex Waste's vehicles in the demo, and the skill driving each takes.

use domain::Invalid;
use domain::calendar::TimeWindow;
use domain::catalogue::Skill;
use store::waste::Vehicle;

pub use domain::waste::driving_skill as skill_for;
use domain::waste::{CARGO_BIKE, ELECTRIC_VAN};
/// The skills the fleet takes: one per kind of vehicle.
pub(super) const VEHICLE_SKILLS: [Skill; 2] = domain::waste::DRIVING_SKILLS;

/// Two cargo bikes and a small electric van, all on the 07:00–15:00 shift.
pub(super) fn fleet() -> Result<Vec<Vehicle>, Invalid> {
    let shift = TimeWindow::parse("07:00-15:00")?;
    let bike = |name: &str| Vehicle {
        id: 0,
        name: name.into(),
        kind: CARGO_BIKE.into(),
        capacity_kg: 150,
        capacity_litres: 1_000,
        range_km: 40,
        speed_kmh: 15,
        shift,
        wh_per_km: 25,
    };
    Ok(vec![
        bike("Ladcykel 1"),
        bike("Ladcykel 2"),
        Vehicle {
            id: 0,
            name: "Elvarebil 1".into(),
            kind: ELECTRIC_VAN.into(),
            capacity_kg: 600,
            capacity_litres: 4_000,
            range_km: 150,
            speed_kmh: 30,
            shift,
            wh_per_km: 180,
        },
    ])
}
