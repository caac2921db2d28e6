//! Flex Waste's vocabulary: the ten waste fractions every Danish business sorts, the
//! sub-fractions Flex Waste keeps apart, the European waste catalogue (EWC) code each
//! pickup is reported under, and a site's subscription — which fractions, on which
//! weekdays, in which time window, and how much is expected; the depot, hubs and
//! vehicles (`fleet`), and the rules a driver's pickup report keeps (`pickup`).

mod fleet;
mod pickup;

pub use fleet::{
    CARGO_BIKE, DRIVING_SKILLS, ELECTRIC_VAN, PlaceKind, VEHICLE_KINDS, Vehicle, WastePlace,
    driving_skill,
};
pub use pickup::{MAX_NOTE_CHARS, Outcome, PickupProblem, pickup_problems};

use crate::calendar::{TimeWindow, parse_weekday};
use crate::problem::{Errors, FieldError, Invalid};
use chrono::Weekday;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A waste fraction: the ten of the Danish sorting rules, with plastic split into soft
/// (film, bags) and hard (trays, bottles), which go to different recyclers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fraction {
    Food,
    Paper,
    Cardboard,
    Glass,
    Metal,
    /// Plastic not sorted further.
    Plastic,
    SoftPlastic,
    HardPlastic,
    FoodAndDrinkCartons,
    Hazardous,
    Textile,
    Residual,
}

impl Fraction {
    pub const ALL: [Fraction; 12] = [
        Fraction::Food,
        Fraction::Paper,
        Fraction::Cardboard,
        Fraction::Glass,
        Fraction::Metal,
        Fraction::Plastic,
        Fraction::SoftPlastic,
        Fraction::HardPlastic,
        Fraction::FoodAndDrinkCartons,
        Fraction::Hazardous,
        Fraction::Textile,
        Fraction::Residual,
    ];

    /// What Flex Waste's small electric vehicles carry.
    pub const COLLECTED: [Fraction; 5] = [
        Fraction::Cardboard,
        Fraction::Paper,
        Fraction::Plastic,
        Fraction::SoftPlastic,
        Fraction::HardPlastic,
    ];

    /// The stored and wire code, `soft_plastic`.
    pub fn code(self) -> &'static str {
        match self {
            Fraction::Food => "food",
            Fraction::Paper => "paper",
            Fraction::Cardboard => "cardboard",
            Fraction::Glass => "glass",
            Fraction::Metal => "metal",
            Fraction::Plastic => "plastic",
            Fraction::SoftPlastic => "soft_plastic",
            Fraction::HardPlastic => "hard_plastic",
            Fraction::FoodAndDrinkCartons => "food_and_drink_cartons",
            Fraction::Hazardous => "hazardous",
            Fraction::Textile => "textile",
            Fraction::Residual => "residual",
        }
    }

    pub fn parse(text: &str) -> Result<Fraction, Invalid> {
        let code = text.trim().to_lowercase().replace([' ', '-'], "_");
        Fraction::ALL
            .into_iter()
            .find(|f| f.code() == code)
            .ok_or_else(|| {
                let known: Vec<&str> = Fraction::ALL.iter().map(|f| f.code()).collect();
                Invalid::new(format!(
                    "'{text}' is not a waste fraction; use one of {}",
                    known.join(", ")
                ))
            })
    }

    /// The fraction of the ten a sub-fraction belongs to (itself for the ten).
    pub fn main(self) -> Fraction {
        match self {
            Fraction::SoftPlastic | Fraction::HardPlastic => Fraction::Plastic,
            other => other,
        }
    }

    /// The EWC code a pickup of this fraction from a shop or office is reported under:
    /// packaging codes (chapter 15 01) for what shops mostly hand over, municipal-type
    /// codes (chapter 20) for the rest. Hazardous waste has no single code: it is `None`
    /// and must be coded per pickup.
    pub fn ewc(self) -> Option<&'static str> {
        Some(match self {
            Fraction::Cardboard => "15 01 01",
            Fraction::Paper => "20 01 01",
            Fraction::Plastic | Fraction::SoftPlastic | Fraction::HardPlastic => "15 01 02",
            Fraction::Metal => "15 01 04",
            Fraction::FoodAndDrinkCartons => "15 01 05",
            Fraction::Glass => "15 01 07",
            Fraction::Food => "20 01 08",
            Fraction::Textile => "20 01 11",
            Fraction::Residual => "20 03 01",
            Fraction::Hazardous => return None,
        })
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A site's standing order for pickups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub fractions: Vec<Fraction>,
    /// The weekdays of a pickup, Monday first, each once.
    pub weekdays: Vec<Weekday>,
    /// When the site can hand over its waste, local time.
    pub window: TimeWindow,
    /// Expected per pickup, to plan the vehicles' loads.
    pub expected_kg: u32,
    pub expected_litres: u32,
}

/// A subscription as it arrives (API body, CSV row, demo).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionDraft {
    /// `cardboard, soft_plastic`
    pub fractions: String,
    /// `Mon, Thu`
    pub weekdays: String,
    /// `09:00-11:00`
    pub window: String,
    pub expected_kg: u32,
    pub expected_litres: u32,
}

/// What a company may order collected on its own: the fractions the vehicles carry for
/// shops. The agency may arrange any fraction.
pub const ORDER_FRACTIONS: [Fraction; 4] = [
    Fraction::Cardboard,
    Fraction::Paper,
    Fraction::SoftPlastic,
    Fraction::HardPlastic,
];

/// When a company may have an extra pickup come: the morning, the late morning, or any
/// time in the vehicles' shift. The agency may arrange any window.
pub const ORDER_WINDOWS: [&str; 3] = ["08:00-10:00", "10:00-12:00", "07:00-15:00"];

/// The most one pickup may weigh: what a driver can lift and a small vehicle can take.
pub const MAX_PICKUP_KG: u32 = 300;
/// The most litres one pickup may be expected to fill.
pub const MAX_PICKUP_LITRES: u32 = 5_000;

/// Grams in tenths of a kilogram, half a tenth rounded up: how a weight is shown to one
/// decimal everywhere (the driver's sheet, the month's figures).
pub fn kg_tenths(grams: i64) -> i64 {
    (grams + 50).div_euclid(100)
}

impl SubscriptionDraft {
    /// The subscription, or every field that is wrong.
    pub fn parse(&self) -> Result<Subscription, Vec<FieldError>> {
        let mut e = Errors::new();
        let fractions = e.check("fractions", fractions(&self.fractions));
        let weekdays = e.check("weekdays", weekdays(&self.weekdays));
        let window = e.check("window", TimeWindow::parse(&self.window));
        if self.expected_kg == 0 || self.expected_kg > MAX_PICKUP_KG {
            e.push(
                "expected_kg",
                format!("must be 1 to {MAX_PICKUP_KG} kg per pickup"),
            );
        }
        if self.expected_litres == 0 || self.expected_litres > MAX_PICKUP_LITRES {
            e.push(
                "expected_litres",
                format!("must be 1 to {MAX_PICKUP_LITRES} litres per pickup"),
            );
        }
        e.finish(|| {
            Some(Subscription {
                fractions: fractions?,
                weekdays: weekdays?,
                window: window?,
                expected_kg: self.expected_kg,
                expected_litres: self.expected_litres,
            })
        })
    }
}

/// `cardboard, soft_plastic`: fractions Flex Waste collects, each once, in a fixed order.
pub fn fractions(text: &str) -> Result<Vec<Fraction>, Invalid> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let fraction = Fraction::parse(part)?;
        if !Fraction::COLLECTED.contains(&fraction) {
            return Err(Invalid::new(format!(
                "Flex Waste does not collect {fraction}"
            )));
        }
        if !out.contains(&fraction) {
            out.push(fraction);
        }
    }
    if out.is_empty() {
        return Err(Invalid::new("name at least one fraction, e.g. cardboard"));
    }
    out.sort();
    Ok(out)
}

/// `Mon, Thu`: weekdays, each once, Monday first.
fn weekdays(text: &str) -> Result<Vec<Weekday>, Invalid> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let day = parse_weekday(part)?;
        if !out.contains(&day) {
            out.push(day);
        }
    }
    if out.is_empty() {
        return Err(Invalid::new("name at least one weekday, e.g. Mon"));
    }
    out.sort_by_key(|d| d.num_days_from_monday());
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn weights_round_to_tenths_half_up() {
        assert_eq!(kg_tenths(12_500), 125);
        assert_eq!(kg_tenths(12_549), 125);
        assert_eq!(kg_tenths(12_550), 126);
        assert_eq!(kg_tenths(0), 0);
        assert_eq!(kg_tenths(1_049), 10);
    }

    use super::*;

    #[test]
    fn every_fraction_reads_back_from_its_code() {
        for f in Fraction::ALL {
            assert_eq!(Fraction::parse(f.code()).unwrap(), f);
        }
        assert_eq!(
            Fraction::parse("Soft plastic").unwrap(),
            Fraction::SoftPlastic
        );
        assert!(Fraction::parse("wood").unwrap_err().0.contains("cardboard"));
        assert_eq!(Fraction::HardPlastic.main(), Fraction::Plastic);
        assert_eq!(Fraction::Cardboard.ewc(), Some("15 01 01"));
        assert_eq!(Fraction::SoftPlastic.ewc(), Fraction::HardPlastic.ewc());
        assert_eq!(Fraction::Hazardous.ewc(), None);
    }

    #[test]
    fn a_subscription_names_every_bad_field() {
        let good = SubscriptionDraft {
            fractions: "soft_plastic, cardboard, cardboard".into(),
            weekdays: "Thu, Mon".into(),
            window: "09:00-11:00".into(),
            expected_kg: 40,
            expected_litres: 600,
        };
        let s = good.parse().unwrap();
        assert_eq!(s.fractions, [Fraction::Cardboard, Fraction::SoftPlastic]);
        assert_eq!(s.weekdays, [Weekday::Mon, Weekday::Thu]);
        assert_eq!(s.window.start_minutes(), 9 * 60);

        let bad = SubscriptionDraft {
            fractions: "glass".into(),
            weekdays: "Funday".into(),
            window: "11:00-09:00".into(),
            expected_kg: 0,
            expected_litres: 0,
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "fractions",
                "weekdays",
                "window",
                "expected_kg",
                "expected_litres"
            ]
        );
        let none = SubscriptionDraft {
            fractions: " , ".into(),
            ..good
        };
        assert_eq!(none.parse().unwrap_err()[0].field, "fractions");
    }
}
