//! Flex Waste's figures, each computed from the pickup records alone so that anyone can
//! recompute them: the annual waste report per producer site (what Danish collectors
//! report to the national waste-data system), a customer's recycling statement, and a
//! month's CO2 and economics under dated factors (`config/flexwaste-factors.json`).

use crate::CsvError;
use crate::table::write_table;
use chrono::{Datelike, NaiveDate};
use domain::waste::Fraction;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The factors shipped with kommune; `--factors FILE` replaces them.
pub const DEFAULT_FACTORS: &str = include_str!("../../../config/flexwaste-factors.json");

/// One pickup row as the records hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct PickupRecord {
    pub cvr: String,
    pub p_number: String,
    pub day: NaiveDate,
    /// `None` for a visit without waste (nothing, closed, contaminated).
    pub fraction: Option<Fraction>,
    pub ewc: Option<String>,
    pub grams: i64,
    /// The hub or plant that received it; `None` while still on the vehicle.
    pub receiver: Option<String>,
}

/// The waste report's columns, in order.
pub const REPORT_COLUMNS: &[&str] = &["year", "p_number", "cvr", "ewc", "kg", "receiving_plant"];

/// One line of the annual report: a site's kilograms of one waste code to one receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub p_number: String,
    pub cvr: String,
    pub ewc: String,
    pub grams: i64,
    pub receiver: String,
}

/// The year's report lines, by P-number, code and receiver; waste not yet received
/// anywhere is listed under "not yet received" rather than dropped.
pub fn waste_report(year: i32, pickups: &[PickupRecord]) -> Vec<ReportLine> {
    let mut sums: BTreeMap<(String, String, String, String), i64> = BTreeMap::new();
    for p in pickups
        .iter()
        .filter(|p| p.day.year() == year && p.fraction.is_some())
    {
        let key = (
            p.p_number.clone(),
            p.cvr.clone(),
            p.ewc.clone().unwrap_or_default(),
            p.receiver
                .clone()
                .unwrap_or_else(|| "not yet received".into()),
        );
        *sums.entry(key).or_default() += p.grams;
    }
    sums.into_iter()
        .map(|((p_number, cvr, ewc, receiver), grams)| ReportLine {
            p_number,
            cvr,
            ewc,
            grams,
            receiver,
        })
        .collect()
}

/// Grams as kilograms with three decimals, `1234.500`.
fn kg(grams: i64) -> String {
    format!("{}.{:03}", grams / 1000, (grams % 1000).abs())
}

/// Writes the annual waste report.
pub fn write_waste_report<W: Write>(
    out: W,
    year: i32,
    lines: &[ReportLine],
) -> Result<(), CsvError> {
    write_table(
        out,
        REPORT_COLUMNS,
        lines.iter().map(|l| {
            vec![
                year.to_string(),
                l.p_number.clone(),
                l.cvr.clone(),
                l.ewc.clone(),
                kg(l.grams),
                l.receiver.clone(),
            ]
        }),
    )
}

/// A customer's recycling statement: per month and fraction, the grams collected from
/// all of the customer's sites, for `year`.
pub fn recycling_statement(
    cvr: &str,
    year: i32,
    pickups: &[PickupRecord],
) -> BTreeMap<(u32, Fraction), i64> {
    let mut sums = BTreeMap::new();
    for p in pickups
        .iter()
        .filter(|p| p.cvr == cvr && p.day.year() == year)
    {
        if let Some(f) = p.fraction {
            *sums.entry((p.day.month(), f)).or_default() += p.grams;
        }
    }
    sums
}

/// The recycling statement's columns, in order.
pub const STATEMENT_COLUMNS: &[&str] = &["cvr", "year", "month", "fraction", "ewc", "kg"];

/// Writes a customer's recycling statement: per month and fraction, the kilograms.
pub fn write_recycling_statement<W: Write>(
    out: W,
    cvr: &str,
    year: i32,
    statement: &BTreeMap<(u32, Fraction), i64>,
) -> Result<(), CsvError> {
    write_table(
        out,
        STATEMENT_COLUMNS,
        statement.iter().map(|((month, fraction), grams)| {
            vec![
                cvr.to_string(),
                year.to_string(),
                format!("{year}-{month:02}"),
                fraction.code().to_string(),
                fraction.ewc().unwrap_or_default().to_string(),
                kg(*grams),
            ]
        }),
    )
}

/// One dated set of factors, with where each comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Factors {
    pub valid_from: NaiveDate,
    pub grid_g_co2e_per_kwh: f64,
    pub grid_source: String,
    pub diesel_kg_co2e_per_litre: f64,
    pub diesel_source: String,
    pub truck_litres_per_km: f64,
    pub truck_source: String,
    pub truck_trip_km: f64,
    pub trip_source: String,
    pub driver_wage_ore_per_hour: i64,
    pub wage_source: String,
    /// Per vehicle kind (`cargo_bike`, `electric_van`): what a vehicle costs a month.
    pub vehicle_ore_per_month: BTreeMap<String, i64>,
    pub vehicle_source: String,
    /// How far, in per cent (1–100), the kg unloaded at a hub may differ from the kg
    /// collected on the way before the driver is warned to weigh again.
    #[serde(default = "ten_percent")]
    pub unload_tolerance_percent: u32,
    /// The weekdays Flex Waste runs (`Mon, Tue, Wed, Thu, Fri`): extra pickups are
    /// ordered only for these.
    #[serde(default = "weekdays")]
    pub service_days: String,
    #[serde(default)]
    pub note: String,
}

fn ten_percent() -> u32 {
    10
}

fn weekdays() -> String {
    "Mon, Tue, Wed, Thu, Fri".into()
}

impl Factors {
    /// The weekdays Flex Waste runs; checked when the file is read.
    pub fn runs_on(&self, day: chrono::Weekday) -> bool {
        running_days(&self.service_days).is_ok_and(|days| days.contains(&day))
    }
}

fn running_days(text: &str) -> Result<Vec<chrono::Weekday>, String> {
    text.split(',')
        .map(|d| domain::calendar::parse_weekday(d.trim()).map_err(|e| e.0))
        .collect()
}

/// Reads a factors file: a JSON list of dated factor sets.
pub fn parse_factors(text: &str) -> Result<Vec<Factors>, String> {
    let mut all: Vec<Factors> =
        serde_json::from_str(text).map_err(|e| format!("the Flex Waste factors: {e}"))?;
    if all.is_empty() {
        return Err("the Flex Waste factors: the list is empty".into());
    }
    for f in &all {
        if !(1..=100).contains(&f.unload_tolerance_percent) {
            return Err(format!(
                "the Flex Waste factors of {}: unload_tolerance_percent must be 1-100",
                f.valid_from
            ));
        }
        running_days(&f.service_days).map_err(|e| {
            format!(
                "the Flex Waste factors of {}: service_days: {e}",
                f.valid_from
            )
        })?;
    }
    all.sort_by_key(|f| f.valid_from);
    Ok(all)
}

/// The factors valid on `day`, if any are.
pub fn factors_on(all: &[Factors], day: NaiveDate) -> Option<&Factors> {
    all.iter().rev().find(|f| f.valid_from <= day)
}

/// What a month's routes drove and used, per vehicle.
#[derive(Debug, Clone, PartialEq)]
pub struct Driven {
    pub metres: i64,
    pub wh_per_km: u32,
}

/// A month's money: what the shops paid and what the service cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Money {
    pub revenue_ore: i64,
    pub wages_ore: i64,
    pub vehicles_ore: i64,
    /// Shops that paid for at least one pickup in the month.
    pub paying_shops: u32,
}

/// A month's CO2 and economics.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    pub km: f64,
    pub kwh: f64,
    pub ev_kg_co2e: f64,
    /// Pickups that a diesel truck would have made a trip for.
    pub baseline_trips: u32,
    pub baseline_kg_co2e: f64,
    pub avoided_kg_co2e: f64,
    pub grams_per_fraction: BTreeMap<Fraction, i64>,
    pub money: Money,
    pub result_ore: i64,
    /// How many paying shops at this month's average revenue per shop would cover the
    /// costs; `None` when no shop paid.
    pub break_even_shops: Option<u32>,
}

/// The month's figures from its pickups (visits with waste count as baseline trips: a
/// site with nothing to hand over would not have had a truck either), the distance its
/// vehicles drove, and its money, under `factors`.
pub fn month(
    pickups: &[PickupRecord],
    driven: &[Driven],
    money: Money,
    factors: &Factors,
) -> Month {
    let km = driven.iter().map(|d| d.metres as f64 / 1000.0).sum::<f64>();
    let kwh = driven
        .iter()
        .map(|d| d.metres as f64 / 1000.0 * f64::from(d.wh_per_km) / 1000.0)
        .sum::<f64>();
    let ev_kg_co2e = kwh * factors.grid_g_co2e_per_kwh / 1000.0;
    let mut visits: Vec<(&str, NaiveDate)> = pickups
        .iter()
        .filter(|p| p.fraction.is_some())
        .map(|p| (p.p_number.as_str(), p.day))
        .collect();
    visits.sort();
    visits.dedup();
    let baseline_trips = visits.len() as u32;
    let baseline_kg_co2e = f64::from(baseline_trips)
        * factors.truck_trip_km
        * factors.truck_litres_per_km
        * factors.diesel_kg_co2e_per_litre;
    let mut grams_per_fraction = BTreeMap::new();
    for p in pickups {
        if let Some(f) = p.fraction {
            *grams_per_fraction.entry(f).or_default() += p.grams;
        }
    }
    let cost = money.wages_ore + money.vehicles_ore;
    let break_even_shops = (money.paying_shops > 0 && money.revenue_ore > 0).then(|| {
        let per_shop = money.revenue_ore as f64 / f64::from(money.paying_shops);
        (cost as f64 / per_shop).ceil() as u32
    });
    Month {
        km,
        kwh,
        ev_kg_co2e,
        baseline_trips,
        baseline_kg_co2e,
        avoided_kg_co2e: baseline_kg_co2e - ev_kg_co2e,
        grams_per_fraction,
        money,
        result_ore: money.revenue_ore - cost,
        break_even_shops,
    }
}

/// The month file's columns, in order.
pub const MONTH_COLUMNS: &[&str] = &[
    "period",
    "km",
    "kwh",
    "ev_kg_co2e",
    "baseline_trips",
    "baseline_kg_co2e",
    "avoided_kg_co2e",
    "kg_cardboard",
    "kg_paper",
    "kg_plastic",
    "revenue_ore",
    "wages_ore",
    "vehicles_ore",
    "result_ore",
    "paying_shops",
    "break_even_shops",
];

/// Writes one month's figures as a one-row file; plastic is soft, hard and unsorted
/// together, decimals with a point and one decimal.
pub fn write_month<W: Write>(out: W, period: &str, m: &Month) -> Result<(), CsvError> {
    let kg_of = |wanted: &[Fraction]| {
        let grams: i64 = m
            .grams_per_fraction
            .iter()
            .filter(|(f, _)| wanted.contains(f))
            .map(|(_, g)| g)
            .sum();
        let tenths = domain::waste::kg_tenths(grams);
        format!("{}.{}", tenths.div_euclid(10), tenths.rem_euclid(10))
    };
    let row = vec![
        period.to_string(),
        format!("{:.1}", m.km),
        format!("{:.1}", m.kwh),
        format!("{:.1}", m.ev_kg_co2e),
        m.baseline_trips.to_string(),
        format!("{:.1}", m.baseline_kg_co2e),
        format!("{:.1}", m.avoided_kg_co2e),
        kg_of(&[Fraction::Cardboard]),
        kg_of(&[Fraction::Paper]),
        kg_of(&[
            Fraction::Plastic,
            Fraction::SoftPlastic,
            Fraction::HardPlastic,
        ]),
        m.money.revenue_ore.to_string(),
        m.money.wages_ore.to_string(),
        m.money.vehicles_ore.to_string(),
        m.result_ore.to_string(),
        m.money.paying_shops.to_string(),
        m.break_even_shops
            .map(|n| n.to_string())
            .unwrap_or_default(),
    ];
    write_table(out, MONTH_COLUMNS, std::iter::once(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pickup(
        p: &str,
        day: &str,
        fraction: Option<Fraction>,
        grams: i64,
        receiver: Option<&str>,
    ) -> PickupRecord {
        PickupRecord {
            cvr: "29189420".into(),
            p_number: p.into(),
            day: day.parse().unwrap(),
            fraction,
            ewc: fraction.and_then(|f| f.ewc()).map(String::from),
            grams,
            receiver: receiver.map(String::from),
        }
    }

    #[test]
    fn the_report_sums_per_site_code_and_receiver_within_the_year() {
        let pickups = [
            pickup(
                "1000000001",
                "2026-03-02",
                Some(Fraction::Cardboard),
                10_500,
                Some("Salling"),
            ),
            pickup(
                "1000000001",
                "2026-03-05",
                Some(Fraction::Cardboard),
                2_250,
                Some("Salling"),
            ),
            pickup(
                "1000000001",
                "2026-03-05",
                Some(Fraction::SoftPlastic),
                1_000,
                Some("Salling"),
            ),
            pickup(
                "1000000001",
                "2026-03-09",
                Some(Fraction::HardPlastic),
                500,
                None,
            ),
            pickup("1000000001", "2026-03-06", None, 0, None),
            pickup(
                "1000000001",
                "2025-12-30",
                Some(Fraction::Cardboard),
                99_000,
                Some("Salling"),
            ),
        ];
        let lines = waste_report(2026, &pickups);
        let got: Vec<(&str, i64, &str)> = lines
            .iter()
            .map(|l| (l.ewc.as_str(), l.grams, l.receiver.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("15 01 01", 12_750, "Salling"),
                ("15 01 02", 1_000, "Salling"),
                ("15 01 02", 500, "not yet received")
            ]
        );
        let mut out = Vec::new();
        write_waste_report(&mut out, 2026, &lines).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("2026;1000000001;29189420;15 01 01;12.750;Salling"),
            "{text}"
        );
        let statement = recycling_statement("29189420", 2026, &pickups);
        assert_eq!(statement[&(3, Fraction::Cardboard)], 12_750);
    }

    #[test]
    fn co2_avoided_is_the_baseline_minus_the_electric_vehicles() {
        let factors = &parse_factors(DEFAULT_FACTORS).unwrap()[0];
        let pickups = [
            pickup("1", "2026-03-02", Some(Fraction::Cardboard), 10_000, None),
            pickup("1", "2026-03-02", Some(Fraction::SoftPlastic), 1_000, None),
            pickup("2", "2026-03-02", Some(Fraction::Cardboard), 5_000, None),
            pickup("3", "2026-03-02", None, 0, None),
        ];
        let driven = [
            Driven {
                metres: 20_000,
                wh_per_km: 25,
            },
            Driven {
                metres: 40_000,
                wh_per_km: 180,
            },
        ];
        let money = Money {
            revenue_ore: 300_000,
            wages_ore: 400_000,
            vehicles_ore: 50_000,
            paying_shops: 10,
        };
        let m = month(&pickups, &driven, money, factors);
        assert_eq!(m.baseline_trips, 2, "one trip per site and day with waste");
        assert!((m.km - 60.0).abs() < 1e-9);
        assert!((m.kwh - (20.0 * 0.025 + 40.0 * 0.18)).abs() < 1e-9);
        let baseline = 2.0
            * factors.truck_trip_km
            * factors.truck_litres_per_km
            * factors.diesel_kg_co2e_per_litre;
        assert!(
            (m.avoided_kg_co2e - (baseline - m.kwh * factors.grid_g_co2e_per_kwh / 1000.0)).abs()
                < 1e-9
        );
        assert_eq!(m.grams_per_fraction[&Fraction::Cardboard], 15_000);
        assert_eq!(m.result_ore, -150_000);
        assert_eq!(
            m.break_even_shops,
            Some(15),
            "450,000 øre of cost at 30,000 øre per shop"
        );
        assert!(
            factors_on(
                &parse_factors(DEFAULT_FACTORS).unwrap(),
                "2023-12-31".parse().unwrap()
            )
            .is_none()
        );
    }
}
