//! The demo's indicators: the seed's three targets with realistic series — CO2 by sector
//! from a base year, and the mobility plan's two shares from travel surveys — every value
//! marked as demo data in its source. The live indicators need nothing: they come from
//! the demo's records.

use super::super::indicators::{self, IndicatorRequest};
use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use std::fmt::Write as _;
use store::Store;

/// The source every demo series names, so no one takes it for Aalborg's figures.
pub const SOURCE: &str = "Demodata (kommune demo), ikke Aalborgs tal";

/// CO2 by sector, tons CO2e, 2018–2024: electricity, district heating, individual
/// heating, road transport, other.
const CO2: [(&str, [f64; 7]); 5] = [
    (
        "El",
        [
            412_000.0, 405_000.0, 398_000.0, 392_000.0, 380_000.0, 372_000.0, 366_000.0,
        ],
    ),
    (
        "Fjernvarme",
        [
            520_000.0, 515_000.0, 508_000.0, 512_000.0, 500_000.0, 494_000.0, 488_000.0,
        ],
    ),
    (
        "Individuel opvarmning",
        [
            96_000.0, 95_000.0, 93_000.0, 92_000.0, 90_000.0, 89_000.0, 87_000.0,
        ],
    ),
    (
        "Vejtransport",
        [
            610_000.0, 618_000.0, 590_000.0, 606_000.0, 604_000.0, 600_000.0, 598_000.0,
        ],
    ),
    (
        "Andet",
        [
            230_000.0, 229_000.0, 226_000.0, 227_000.0, 224_000.0, 222_000.0, 220_000.0,
        ],
    ),
];

/// Short trips on foot or by bike, % of short trips, by travel survey year.
const WALK_BIKE: [(i32, f64); 6] = [
    (2015, 38.0),
    (2017, 39.5),
    (2019, 40.1),
    (2021, 43.2),
    (2022, 42.8),
    (2024, 44.0),
];
/// Car trips with at least two people, % of car trips.
const SHARED_CARS: [(i32, f64); 6] = [
    (2015, 61.0),
    (2017, 60.2),
    (2019, 59.8),
    (2021, 56.0),
    (2022, 58.1),
    (2024, 58.9),
];

fn request(
    id: &str,
    titles: (&str, &str),
    unit: &str,
    direction: &str,
    initiative: &str,
    sdgs: &[&str],
) -> IndicatorRequest {
    IndicatorRequest {
        id: id.into(),
        title: titles.0.into(),
        title_en: titles.1.into(),
        unit: unit.into(),
        direction: direction.into(),
        initiative: Some(initiative.into()),
        sdgs: sdgs.iter().map(|s| s.to_string()).collect(),
        source: SOURCE.into(),
        ..IndicatorRequest::default()
    }
}

/// Adds the three indicators and imports their series. Answers how many indicators.
pub async fn install(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let by = Actor::agency("demo");
    let published = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
    let co2 = IndicatorRequest {
        target_rate: Some(-2.0),
        base_year: Some(2018),
        method: "Energi- og CO2-regnskabets opgørelse af udledningen i kommunens geografi (demo)."
            .into(),
        ..request(
            "co2",
            (
                "CO2-udledning i kommunen",
                "CO2 emissions in the municipality",
            ),
            "tons CO2e",
            "down",
            "climate",
            &["13", "13.2"],
        )
    };
    indicators::put(store, &by, &co2, now).await?;
    let mut csv = String::from("Year,Sector,Value\n");
    for (i, year) in (2018..=2024).enumerate() {
        let total: f64 = CO2.iter().map(|(_, v)| v[i]).sum();
        let _ = writeln!(csv, "{year},,{total}");
    }
    for (sector, values) in CO2 {
        for (i, year) in (2018..=2024).enumerate() {
            let _ = writeln!(csv, "{year},{sector},{}", values[i]);
        }
    }
    indicators::import(store, &by, "co2", &csv, SOURCE, published, now).await?;
    for (id, titles, values, target, sdgs) in [
        (
            "short-trips-walk-bike",
            (
                "Korte ture til fods eller på cykel",
                "Short trips on foot or by bike",
            ),
            WALK_BIKE,
            50.0,
            ["11", "11.2"],
        ),
        (
            "car-trips-shared",
            (
                "Biler med mindst to personer",
                "Car trips with at least two people",
            ),
            SHARED_CARS,
            85.0,
            ["11", "11.6"],
        ),
    ] {
        let r = IndicatorRequest {
            target: Some(target),
            target_year: Some(2040),
            ceiling: Some(100.0),
            method: "Andel af turene i transportvaneundersøgelsen (demo).".into(),
            ..request(id, titles, "%", "up", "mobility", &sdgs)
        };
        indicators::put(store, &by, &r, now).await?;
        let mut csv = String::from("Year,Value\n");
        for (year, value) in values {
            let _ = writeln!(csv, "{year},{value}");
        }
        indicators::import(store, &by, id, &csv, SOURCE, published, now).await?;
    }
    Ok(3)
}
