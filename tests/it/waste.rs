//! `kommune route`: Flex Waste's day planned from the command line on a fresh database —
//! the JSON's shape, every due site placed, arrivals in their windows, loads within
//! capacity — and a re-plan during the day that keeps what is done; a whole day from the
//! plan through the driver's records and the unloading to the invoice and the annual
//! report; and the demo's reports and invoices recomputed from its pickup records.

use super::{kommune, ok};
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::{TimeWindow, parse_instant};
use domain::company::{CompanyDraft, SiteDraft};
use domain::person::PersonDraft;
use domain::waste::{Fraction, SubscriptionDraft};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use store::waste::{Outcome, PickupReport, PlaceKind, Vehicle, WastePlace};
use store::{Actor, Store};

const DAY: &str = "2026-12-01";
/// The evening before, so the plan starts from the shifts whatever the clock says.
const EVE: &str = "2026-11-30T18:00:00+01:00";

fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// What a site is expected to hand over, and the windows its arrival may fall in.
#[derive(Debug)]
struct Expected {
    site_id: i64,
    kg: i64,
    windows: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

fn window(text: &str) -> (DateTime<Utc>, DateTime<Utc>) {
    let (a, b) = text.split_once('-').unwrap();
    (
        at(&format!("{DAY}T{a}:00+01:00")),
        at(&format!("{DAY}T{b}:00+01:00")),
    )
}

fn pickup(fractions: &str, window: &str, kg: u32) -> domain::waste::Subscription {
    SubscriptionDraft {
        fractions: fractions.into(),
        weekdays: "Tue".into(),
        window: window.into(),
        expected_kg: kg,
        expected_litres: kg * 6,
    }
    .parse()
    .unwrap()
}

fn connect(db: &Path) -> (tokio::runtime::Runtime, Store) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let store = runtime
        .block_on(Store::connect(&format!("sqlite://{}", db.display())))
        .unwrap();
    (runtime, store)
}

/// Shops in central Aalborg (and one store room in Copenhagen, out of every vehicle's
/// range), a depot, a hub that takes all the day's fractions and one that takes cardboard
/// only, two cargo bikes and a van, two cargo-bike drivers and nobody with a licence.
/// Expectations by site name.
async fn flex_waste(store: &Store, with_fleet: bool) -> BTreeMap<String, Expected> {
    let by = Actor("test".into());
    let mut sites: Vec<SiteDraft> = (1..=13)
        .map(|i| SiteDraft {
            name: format!("Butik {i}"),
            p_number: format!("{}", 1_003_388_400 + i),
            address: format!("Bispensgade {i}, 9000 Aalborg"),
            latitude: Some(57.043 + f64::from(i % 4) * 0.003),
            longitude: Some(9.910 + f64::from(i / 4) * 0.005),
        })
        .collect();
    sites.push(SiteDraft {
        name: "Fjernlager".into(),
        p_number: "1003388499".into(),
        address: "Rådhuspladsen 1, 1550 København".into(),
        latitude: Some(55.6761),
        longitude: Some(12.5683),
    });
    let company = store
        .create_company(
            &CompanyDraft {
                name: "Salling Aalborg A/S".into(),
                cvr: "29189420".into(),
                billing_email: "faktura@salling.dk".into(),
                sites,
                ..Default::default()
            }
            .parse()
            .unwrap(),
        )
        .await
        .unwrap()
        .value;
    let mut expected = BTreeMap::new();
    let windows = ["08:00-15:00", "09:00-11:00", "12:00-14:00", "10:00-13:00"];
    let starts = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for (i, site_id) in company.site_ids.iter().enumerate() {
        let name = format!("Salling Aalborg A/S — {}", company.company.sites[i].name);
        let (w, kg) = match i {
            // An order-only shop, paper.
            12 => ("10:00-12:00", 30),
            13 => ("09:00-15:00", 10),
            _ => (windows[i % 4], 20 + (i as u32 * 13) % 40),
        };
        if i == 12 {
            store
                .add_order(*site_id, tuesday(), &pickup("paper", w, kg), 9_000, &by)
                .await
                .unwrap();
        } else {
            store
                .add_subscription(
                    *site_id,
                    &pickup("cardboard, soft_plastic", w, kg),
                    4_500,
                    0,
                    starts,
                    &by,
                )
                .await
                .unwrap();
        }
        expected.insert(
            name,
            Expected {
                site_id: *site_id,
                kg: i64::from(kg),
                windows: vec![window(w)],
            },
        );
    }
    // An extra pickup at a subscribed shop rides along on the subscription's visit.
    let first = company.site_ids[0];
    store
        .add_order(
            first,
            tuesday(),
            &pickup("cardboard", "13:00-15:00", 15),
            9_000,
            &by,
        )
        .await
        .unwrap();
    expected
        .get_mut("Salling Aalborg A/S — Butik 1")
        .unwrap()
        .kg += 15;

    let place = |kind, name: &str, fractions: Vec<Fraction>, lat: f64| WastePlace {
        id: 0,
        kind,
        name: name.into(),
        address: "Stigsborg Havnevej 1, 9400 Nørresundby".into(),
        latitude: lat,
        longitude: 9.93,
        opening: TimeWindow::parse("06:00-17:00").unwrap(),
        fractions,
    };
    store
        .add_waste_place(&place(PlaceKind::Depot, "Depot Østre Havn", vec![], 57.050))
        .await
        .unwrap();
    store
        .add_waste_place(&place(
            PlaceKind::Hub,
            "Genbrugsplads Over Kæret",
            vec![Fraction::Cardboard, Fraction::Paper, Fraction::Plastic],
            57.052,
        ))
        .await
        .unwrap();
    store
        .add_waste_place(&place(
            PlaceKind::Hub,
            "Papcontainer",
            vec![Fraction::Cardboard],
            57.046,
        ))
        .await
        .unwrap();
    if with_fleet {
        for (name, kind, kg, range, speed) in [
            ("Cykel 1", "cargo_bike", 150, 40, 15),
            ("Cykel 2", "cargo_bike", 150, 40, 15),
            ("Varevogn", "electric_van", 600, 120, 30),
        ] {
            store
                .add_vehicle(&Vehicle {
                    id: 0,
                    name: name.into(),
                    kind: kind.into(),
                    capacity_kg: kg,
                    capacity_litres: kg * 7,
                    range_km: range,
                    speed_kmh: speed,
                    shift: TimeWindow::parse("07:00-15:00").unwrap(),
                    wh_per_km: 25,
                })
                .await
                .unwrap();
        }
        for (name, email) in [
            ("Mette Larsen", "mette@example.dk"),
            ("Ali Hassan", "ali@example.dk"),
        ] {
            let person = PersonDraft {
                name: name.into(),
                phone: "20 30 40 50".into(),
                email: email.into(),
                preferred_language: "da".into(),
                address: "Vesterbro 14, 9000 Aalborg".into(),
                latitude: Some(57.0479),
                longitude: Some(9.9187),
                status: "active".into(),
                employment_form: "flex_job".into(),
                flex_approved_hours: Some(20.0),
                weekly_target_hours: Some(15.0),
                weekly_cap_hours: Some(20.0),
                availability: "Tue 06:00-17:00, Thu 06:00-17:00".into(),
                skills: vec!["cargo_bike".into()],
                languages: vec!["da".into()],
                ..Default::default()
            }
            .parse()
            .unwrap();
            store.create_person(&person).await.unwrap();
        }
    }
    expected
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// Checks a printed plan against the expectations; returns the sites routed and unserved.
fn check_plan(plan: &Value, expected: &BTreeMap<String, Expected>) -> (Vec<String>, Vec<String>) {
    assert_eq!(keys(plan), ["routes", "unserved"]);
    let mut routed = Vec::new();
    for route in plan["routes"].as_array().unwrap() {
        assert_eq!(
            keys(route),
            [
                "capacity_kg",
                "distance_km",
                "driver",
                "max_load_kg",
                "range_km",
                "stops",
                "unloads",
                "vehicle"
            ]
        );
        let vehicle = route["vehicle"].as_str().unwrap();
        let driver = &route["driver"];
        if vehicle == "Varevogn" {
            assert!(driver.is_null(), "nobody may drive the van: {driver}");
        } else {
            assert!(driver.is_string() || driver.is_null());
        }
        let distance = route["distance_km"].as_f64().unwrap();
        assert!(distance <= route["range_km"].as_f64().unwrap());
        assert_eq!((distance * 10.0).round() / 10.0, distance, "one decimal");
        // Visits in time order: stops add their expected kg, an unloading empties the
        // vehicle and must name what was on board.
        let mut visits: Vec<(DateTime<Utc>, Option<i64>, Option<i64>)> = Vec::new();
        for stop in route["stops"].as_array().unwrap() {
            assert_eq!(keys(stop), ["arrival", "site", "window"]);
            let site = stop["site"].as_str().unwrap();
            let e = expected
                .get(site)
                .unwrap_or_else(|| panic!("unknown {site}"));
            let arrival = at(stop["arrival"].as_str().unwrap());
            assert!(stop["arrival"].as_str().unwrap().ends_with("+01:00"));
            let w = (
                at(stop["window"][0].as_str().unwrap()),
                at(stop["window"][1].as_str().unwrap()),
            );
            assert!(e.windows.contains(&w), "{site}: window {w:?}");
            assert!(w.0 <= arrival && arrival <= w.1, "{site} at {arrival}");
            routed.push(site.to_string());
            visits.push((arrival, Some(e.kg), None));
        }
        for unload in route["unloads"].as_array().unwrap() {
            assert_eq!(keys(unload), ["arrival", "hub", "kg"]);
            assert_eq!(
                unload["hub"], "Genbrugsplads Over Kæret",
                "the only hub that takes all of today's fractions"
            );
            let arrival = at(unload["arrival"].as_str().unwrap());
            visits.push((arrival, None, Some(unload["kg"].as_i64().unwrap())));
        }
        visits.sort();
        let capacity = route["capacity_kg"].as_i64().unwrap();
        let (mut on_board, mut most) = (0, 0);
        for (_, collect, unload) in visits {
            if let Some(kg) = collect {
                on_board += kg;
                most = i64::max(most, on_board);
                assert!(on_board <= capacity, "{vehicle}: {on_board} kg on board");
            }
            if let Some(kg) = unload {
                assert_eq!(kg, on_board, "{vehicle} unloads what it carries");
                on_board = 0;
            }
        }
        assert_eq!(on_board, 0, "{vehicle} ends its route at a hub");
        assert_eq!(route["max_load_kg"].as_i64().unwrap(), most);
    }
    let mut unserved = Vec::new();
    for u in plan["unserved"].as_array().unwrap() {
        assert_eq!(keys(u), ["reason", "site"]);
        assert!(!u["reason"].as_str().unwrap().is_empty());
        unserved.push(u["site"].as_str().unwrap().to_string());
    }
    (routed, unserved)
}

fn route(db: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "route",
        "--date",
        DAY,
        "--json",
        "--iterations",
        "400",
        "--seed",
        "5",
    ];
    args.extend_from_slice(extra);
    kommune(db, &args)
}

#[test]
fn a_day_is_routed_with_drivers_and_every_due_site_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (runtime, store) = connect(&db);
    let expected = runtime.block_on(flex_waste(&store, true));
    runtime.block_on(store.close());

    let first = ok(route(&db, &["--now", EVE]));
    let plan: Value = serde_json::from_slice(&first).unwrap();
    let (routed, unserved) = check_plan(&plan, &expected);
    let mut placed: Vec<String> = routed.iter().chain(&unserved).cloned().collect();
    placed.sort();
    let mut due: Vec<String> = expected.keys().cloned().collect();
    due.sort();
    assert_eq!(placed, due, "every due site once, in a route or unserved");
    assert_eq!(unserved, ["Salling Aalborg A/S — Fjernlager"]);
    let drivers: Vec<&str> = plan["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["driver"].as_str())
        .collect();
    assert!(
        !drivers.is_empty(),
        "a cargo-bike driver gets a route: {}",
        String::from_utf8_lossy(&route(&db, &["--now", EVE]).stderr)
    );
    let total: i64 = expected.values().map(|e| e.kg).sum();
    assert!(total > 300, "more than two loads: {total} kg");

    // The same seed and iterations plan the same day again.
    assert_eq!(ok(route(&db, &["--now", EVE])), first);

    // The plan is stored, drivers and all.
    let (runtime, store) = connect(&db);
    let stored = runtime
        .block_on(store.day_plan(tuesday()))
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.routes.len(),
        plan["routes"].as_array().unwrap().len()
    );
    assert_eq!(
        stored
            .routes
            .iter()
            .filter(|r| r.driver_id.is_some())
            .count(),
        drivers.len()
    );
    assert_eq!(stored.unserved.len(), 1);
    runtime.block_on(store.close());

    let summary = String::from_utf8(ok(kommune(
        &db,
        &["route", "--date", DAY, "--iterations", "50", "--now", EVE],
    )))
    .unwrap();
    assert!(
        summary.contains("unserved: Salling Aalborg A/S — Fjernlager"),
        "{summary}"
    );
}

#[test]
fn a_replan_during_the_day_leaves_out_what_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (runtime, store) = connect(&db);
    let expected = runtime.block_on(flex_waste(&store, true));
    let by = domain::actor::Actor::agency("test");
    let limits = routing::Limits::iterations(300);
    let morning = runtime
        .block_on(service::flexwaste::plan_day(
            &store,
            tuesday(),
            limits,
            2,
            at(EVE),
            &by,
        ))
        .unwrap();
    // The first stop of the first route is served before ten.
    let served = &morning.routes[0].stops[0];
    let plan = runtime
        .block_on(store.day_plan(tuesday()))
        .unwrap()
        .unwrap();
    let route = &plan.routes[0];
    let site_id = expected[&served.site].site_id;
    runtime
        .block_on(store.record_pickup(&PickupReport {
            submission: "phone-1-0001".into(),
            site_id,
            day: tuesday(),
            outcome: Outcome::Collected,
            weighed: vec![(Fraction::Cardboard, 12_000)],
            note: None,
            at: at(&served.arrival),
            vehicle_id: route.vehicle_id,
            driver_id: route.driver_id,
        }))
        .unwrap();
    let ten = at(&format!("{DAY}T10:00:00+01:00"));
    let again = runtime
        .block_on(service::flexwaste::plan_day(
            &store,
            tuesday(),
            limits,
            2,
            ten,
            &by,
        ))
        .unwrap();
    assert_eq!(again.done.len(), 1);
    assert_eq!(again.done[0].site, served.site);
    assert_eq!(again.from.as_deref(), Some("2026-12-01T10:00:00+01:00"));
    let json = serde_json::to_value(&again).unwrap();
    let (routed, unserved) = check_plan(&json, &expected);
    assert!(!routed.contains(&served.site) && !unserved.contains(&served.site));
    assert_eq!(routed.len() + unserved.len(), expected.len() - 1);
    for r in &again.routes {
        for s in &r.stops {
            assert!(at(&s.arrival) >= ten, "{} at {}", s.site, s.arrival);
        }
    }
    let latest = runtime
        .block_on(store.day_plan(tuesday()))
        .unwrap()
        .unwrap();
    assert!(latest.id > plan.id);
    assert!(
        latest
            .routes
            .iter()
            .flat_map(|r| &r.visits)
            .all(|v| v.site_id != Some(site_id)),
        "the done site is not visited again"
    );
    // The driver out since the morning keeps the vehicle, the route starting when they set out.
    if let Some(kept) = latest
        .routes
        .iter()
        .find(|r| r.vehicle_id == route.vehicle_id)
    {
        assert_eq!(kept.driver_id, route.driver_id);
        assert_eq!(kept.starts_at, route.starts_at);
    }
    runtime.block_on(store.close());
}

#[test]
fn route_refuses_a_bad_date_and_a_missing_fleet_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let bad = kommune(&db, &["route", "--date", "2026-13-01"]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("--date") && stderr.contains("2026-13-01"),
        "{stderr}"
    );

    let none = route(&db, &[]);
    assert!(!none.status.success());
    assert!(none.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&none.stderr);
    assert!(stderr.contains("no depot"), "{stderr}");

    let (runtime, store) = connect(&db);
    runtime.block_on(flex_waste(&store, false));
    runtime.block_on(store.close());
    let stderr = String::from_utf8_lossy(&route(&db, &[]).stderr).to_string();
    assert!(stderr.contains("no vehicles"), "{stderr}");
}

/// The annual waste report, recomputed from the pickup records of the demo's month of
/// history: every line's kilograms are the sum of its pickups' grams, and nothing
/// collected is left out.
#[test]
fn the_waste_report_adds_up_to_the_pickup_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("report.db");
    ok(kommune(&db, &["demo", "--start", "2026-11-30"]));
    let reported = waste_report(&db, "2026", None);

    let (runtime, store) = connect(&db);
    let (pickups, places) = runtime.block_on(async {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        (
            store.pickups(from, to).await.unwrap(),
            store.waste_places().await.unwrap(),
        )
    });
    let mut recomputed: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    for p in pickups.iter().filter(|p| p.outcome == Outcome::Collected) {
        let receiver = places
            .iter()
            .find(|h| Some(h.id) == p.received_by)
            .map(|h| h.name.clone());
        let key = (
            p.p_number.clone(),
            p.ewc.clone().unwrap(),
            receiver.unwrap_or_else(|| "not yet received".into()),
        );
        *recomputed.entry(key).or_default() += p.grams;
    }
    assert!(
        recomputed.len() > 50,
        "the demo has a month of pickups: {}",
        recomputed.len()
    );
    assert_eq!(reported, recomputed);

    // The month's figures, recomputed from the same records and the shipped factors.
    let month = String::from_utf8(ok(kommune(
        &db,
        &["export", "waste-month", "--period", "2026-11"],
    )))
    .unwrap();
    let mut rows = month.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = rows.next().unwrap().split(';').collect();
    let values: Vec<&str> = rows.next().unwrap().split(';').collect();
    let figure = |name: &str| -> f64 {
        values[header.iter().position(|h| *h == name).unwrap()]
            .parse()
            .unwrap()
    };
    let (first, last) = (
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let routes = runtime.block_on(store.routes_driven(first, last)).unwrap();
    let november: Vec<_> = pickups
        .iter()
        .filter(|p| p.day >= first && p.day <= last)
        .collect();
    let km: f64 = routes.iter().map(|r| r.distance_m as f64 / 1000.0).sum();
    let kwh: f64 = routes
        .iter()
        .map(|r| r.distance_m as f64 / 1000.0 * f64::from(r.wh_per_km) / 1000.0)
        .sum();
    let mut trips: Vec<(&str, NaiveDate)> = november
        .iter()
        .filter(|p| p.outcome == Outcome::Collected)
        .map(|p| (p.p_number.as_str(), p.day))
        .collect();
    trips.sort();
    trips.dedup();
    let cardboard: i64 = november
        .iter()
        .filter(|p| p.fraction == Some(Fraction::Cardboard))
        .map(|p| p.grams)
        .sum();
    let factors = &reports::waste::parse_factors(reports::waste::DEFAULT_FACTORS).unwrap()[0];
    let baseline = trips.len() as f64
        * factors.truck_trip_km
        * factors.truck_litres_per_km
        * factors.diesel_kg_co2e_per_litre;
    let close = |a: f64, b: f64| (a - b).abs() <= 0.051;
    assert!(close(figure("km"), km), "km {} vs {km}", figure("km"));
    assert!(close(figure("kwh"), kwh));
    assert_eq!(figure("baseline_trips") as usize, trips.len());
    assert!(close(figure("baseline_kg_co2e"), baseline));
    assert!(close(
        figure("avoided_kg_co2e"),
        baseline - kwh * factors.grid_g_co2e_per_kwh / 1000.0
    ));
    assert!(close(figure("kg_cardboard"), cardboard as f64 / 1000.0));
    // The money: each site-day the vehicle came (collected, or nothing to collect) at
    // the price of the subscription running that day (the demo has no orders); wages
    // for the routes' minutes; every vehicle's monthly cost; shops to break even.
    let (subscriptions, vehicles) = runtime.block_on(async {
        (
            store.subscriptions().await.unwrap(),
            store.vehicles().await.unwrap(),
        )
    });
    let mut visits: Vec<(i64, NaiveDate, String)> = november
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Collected | Outcome::Nothing))
        .map(|p| (p.site_id, p.day, p.cvr.clone()))
        .collect();
    visits.sort();
    visits.dedup();
    let price = |site: i64, day: NaiveDate| {
        subscriptions
            .iter()
            .rev()
            .find(|s| {
                s.site.site_id == site && s.starts_on <= day && s.ends_on.is_none_or(|e| e >= day)
            })
            .map_or(0, |s| s.price_per_pickup_ore)
    };
    let revenue: i64 = visits.iter().map(|(site, day, _)| price(*site, *day)).sum();
    let mut paying: Vec<&str> = visits
        .iter()
        .filter(|(site, day, _)| price(*site, *day) > 0)
        .map(|(_, _, cvr)| cvr.as_str())
        .collect();
    paying.sort();
    paying.dedup();
    let minutes: i64 = routes.iter().map(|r| r.minutes).sum();
    let wages = (minutes * factors.driver_wage_ore_per_hour + 30) / 60;
    let fleet: i64 = vehicles
        .iter()
        .map(|v| factors.vehicle_ore_per_month[&v.kind])
        .sum();
    let per_shop = revenue as f64 / paying.len() as f64;
    let break_even = ((wages + fleet) as f64 / per_shop).ceil();
    assert!(revenue > 0 && paying.len() > 50, "{month}");
    assert_eq!(figure("revenue_ore") as i64, revenue);
    assert_eq!(figure("paying_shops") as usize, paying.len());
    assert_eq!(figure("wages_ore") as i64, wages);
    assert_eq!(figure("vehicles_ore") as i64, fleet);
    assert_eq!(figure("result_ore") as i64, revenue - wages - fleet);
    assert_eq!(figure("break_even_shops"), break_even);

    // One customer's recycling statement adds up to that customer's collected grams.
    let cvr = pickups[0].cvr.clone();
    let statement = String::from_utf8(ok(kommune(
        &db,
        &["export", "recycling", "--cvr", &cvr, "--year", "2026"],
    )))
    .unwrap();
    let stated: i64 = statement
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let (whole, part) = l.rsplit(';').next().unwrap().split_once('.').unwrap();
            whole.parse::<i64>().unwrap() * 1000 + part.parse::<i64>().unwrap()
        })
        .sum();
    let collected: i64 = pickups
        .iter()
        .filter(|p| p.cvr == cvr && p.fraction.is_some())
        .map(|p| p.grams)
        .sum();
    assert!(collected > 0);
    assert_eq!(stated, collected, "{statement}");
    assert!(
        reported
            .keys()
            .all(|(p_number, ewc, _)| p_number.len() == 10 && ewc.len() == 8),
        "P-numbers and EWC codes are reported in full"
    );
}

/// The demo's November invoiced: the Flex Waste shops get their visits on the month's
/// invoices, in the same series as the hours, as Peppol UBL that passes the rules; the
/// visit lines add up to the month's billed visits recomputed from the pickup records.
#[test]
fn the_demo_shops_are_invoiced_for_their_visits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("billing.db");
    ok(kommune(&db, &["demo", "--start", "2026-11-30"]));
    let run = [
        "invoice",
        "run",
        "--period",
        "2026-11",
        "--date",
        "2026-12-01",
        "--json",
    ];
    let issued: Value = serde_json::from_slice(&ok(kommune(&db, &run))).unwrap();
    let listed: Value =
        serde_json::from_slice(&ok(kommune(&db, &["invoice", "list", "--json"]))).unwrap();
    // The demo invoiced October already; November's follow in the same series.
    let all = listed.as_array().unwrap();
    for (k, invoice) in all.iter().enumerate() {
        assert_eq!(invoice["number"], format!("2026-{:04}", k + 1), "no gap");
    }
    let invoices: Vec<&Value> = all.iter().filter(|i| i["period"] == "2026-11").collect();
    assert_eq!(issued.as_array().unwrap().len(), invoices.len());
    let is_visits = |l: &&Value| l["unit"] == "visits";
    let with_visits: Vec<&Value> = invoices
        .iter()
        .copied()
        .filter(|i| i["lines"].as_array().unwrap().iter().any(|l| is_visits(&l)))
        .collect();
    assert!(
        with_visits.len() > 50,
        "the demo's shops are invoiced: {}",
        with_visits.len()
    );
    let mut visit_net = 0;
    for invoice in &invoices {
        let lines = invoice["lines"].as_array().unwrap();
        for line in lines.iter().filter(is_visits) {
            let (count, price) = (
                line["quantity"].as_i64().unwrap(),
                line["unit_price_ore"].as_i64().unwrap(),
            );
            assert!(count > 0 && price > 0, "{line}");
            assert_eq!(line["net_ore"].as_i64().unwrap(), count * price);
            assert!(
                line["description"]
                    .as_str()
                    .unwrap()
                    .starts_with("Afhentning af affald — "),
                "{line}"
            );
            visit_net += count * price;
        }
        let net: i64 = lines.iter().map(|l| l["net_ore"].as_i64().unwrap()).sum();
        assert_eq!(invoice["totals"]["net_ore"].as_i64().unwrap(), net);
    }
    let (runtime, store) = connect(&db);
    let billed: i64 = runtime
        .block_on(store.billed_visits(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        ))
        .unwrap()
        .iter()
        .map(|v| v.price_ore)
        .sum();
    assert!(billed > 0);
    assert_eq!(visit_net, billed);

    // A shop's invoice, and one with hours too if the demo has such a company, as UBL.
    let mut checked: Vec<&Value> = with_visits[..2].to_vec();
    if let Some(both) = with_visits.iter().find(|i| {
        i["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["unit"] == "minutes")
    }) {
        checked.push(both);
    }
    for invoice in checked {
        let number = invoice["number"].as_str().unwrap();
        let ubl = dir.path().join(format!("{number}.xml"));
        ok(kommune(
            &db,
            &["invoice", "show", number, "--ubl", ubl.to_str().unwrap()],
        ));
        let xml = std::fs::read_to_string(&ubl).unwrap();
        assert!(xml.contains("unitCode=\"C62\""), "{xml}");
        reports::validate::assert_valid_ubl(&xml);
    }
    // Billed once: running the month again issues nothing.
    assert_eq!(
        serde_json::from_slice::<Value>(&ok(kommune(&db, &run))).unwrap(),
        serde_json::json!([])
    );
}

/// The annual waste report's lines: (P-number, EWC code, receiving plant) → grams, with
/// every line's year and CVR checked against `cvr` when one is given.
fn waste_report(
    db: &Path,
    year: &str,
    cvr: Option<&str>,
) -> BTreeMap<(String, String, String), i64> {
    let csv =
        String::from_utf8(ok(kommune(db, &["export", "waste-report", "--year", year]))).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("year;p_number;cvr;ewc;kg;receiving_plant")
    );
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(';').collect();
            assert_eq!(cells[0], year, "{line}");
            if let Some(cvr) = cvr {
                assert_eq!(cells[2], cvr, "{line}");
            }
            let (whole, part) = cells[4].split_once('.').unwrap();
            assert_eq!(part.len(), 3, "kilograms to the gram: {line}");
            let grams = whole.parse::<i64>().unwrap() * 1000 + part.parse::<i64>().unwrap();
            (
                (
                    cells[1].to_string(),
                    cells[3].to_string(),
                    cells[5].to_string(),
                ),
                grams,
            )
        })
        .collect()
}

/// A whole day of Flex Waste from the command line and the driver's phone: the day is
/// planned, every stop is recorded as the phone sends it (one submission, and one
/// unloading, sent twice and counted once), the vehicles unload at the hub, the month's
/// invoice bills the shops' visits, and the annual waste report lists exactly the
/// kilograms recorded per site, EWC code and receiving hub.
#[test]
fn a_whole_day_is_planned_recorded_invoiced_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let (runtime, store) = connect(&db);
    let expected = runtime.block_on(flex_waste(&store, true));
    runtime.block_on(store.close());

    // Plan.
    let plan: Value = serde_json::from_slice(&ok(route(&db, &["--now", EVE]))).unwrap();
    let (routed, unserved) = check_plan(&plan, &expected);
    assert_eq!(unserved, ["Salling Aalborg A/S — Fjernlager"]);
    assert_eq!(routed.len(), expected.len() - 1, "{routed:?}");

    // The drivers' phones: every stop reported in route order, then the unloading.
    let name_of: BTreeMap<i64, &str> = expected
        .iter()
        .map(|(name, e)| (e.site_id, name.as_str()))
        .collect();
    let closed = expected["Salling Aalborg A/S — Butik 7"].site_id;
    let paper_only = expected["Salling Aalborg A/S — Butik 13"].site_id;
    let (runtime, store) = connect(&db);
    let (reported, rows, resent) = runtime.block_on(async {
        let day = store.day_plan(tuesday()).await.unwrap().unwrap();
        let hub = store
            .waste_places()
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Genbrugsplads Over Kæret")
            .unwrap();
        // (P-number, EWC, receiving plant) → grams, as weighed.
        let mut reported: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        let (mut rows, mut resent) = (0, 0);
        assert_eq!(day.routes.len(), plan["routes"].as_array().unwrap().len());
        for route in &day.routes {
            assert!(route.driver_id.is_some(), "every route has its driver");
            let mut on_board: Vec<(String, String, i64)> = Vec::new();
            for (k, visit) in route.visits.iter().enumerate() {
                if let Some(site_id) = visit.site_id {
                    let site = store.waste_site(site_id).await.unwrap();
                    let kg = expected[name_of[&site_id]].kg;
                    let (outcome, weighed) = if site_id == closed {
                        (Outcome::Closed, vec![])
                    } else if site_id == paper_only {
                        (Outcome::Collected, vec![(Fraction::Paper, kg * 1000 + 250)])
                    } else {
                        (
                            Outcome::Collected,
                            vec![
                                (Fraction::Cardboard, kg * 600 + 123),
                                (Fraction::SoftPlastic, kg * 400 - 45),
                            ],
                        )
                    };
                    let report = PickupReport {
                        submission: format!("phone-{}-{k}", route.id),
                        site_id,
                        day: tuesday(),
                        outcome,
                        weighed: weighed.clone(),
                        note: None,
                        at: visit.arrives_at,
                        vehicle_id: route.vehicle_id,
                        driver_id: route.driver_id,
                    };
                    let (stored, new) = store.record_pickup(&report).await.unwrap();
                    assert!(new, "{report:?}");
                    assert_eq!(stored.len(), weighed.len().max(1));
                    rows += stored.len();
                    if resent == 0 {
                        // The connection drops before the answer: the phone sends it again.
                        let (again, new) = store.record_pickup(&report).await.unwrap();
                        assert!(!new, "a resent submission is recognised");
                        assert_eq!(again, stored);
                        resent += 1;
                    }
                    for (fraction, grams) in weighed {
                        let ewc = fraction.ewc().unwrap().to_string();
                        on_board.push((site.p_number.clone(), ewc, grams));
                    }
                } else {
                    assert_eq!(visit.place_id, Some(hub.id), "vehicles unload at the hub");
                    let grams: i64 = on_board.iter().map(|(_, _, g)| g).sum();
                    let submission = format!("phone-{}-{k}-unload", route.id);
                    let unload = || {
                        store.record_unload(&submission, route.id, hub.id, grams, visit.arrives_at)
                    };
                    assert!(unload().await.unwrap());
                    if resent == 1 {
                        assert!(!unload().await.unwrap(), "a resent unloading counts once");
                        resent += 1;
                    }
                    for (p_number, ewc, grams) in on_board.drain(..) {
                        *reported
                            .entry((p_number, ewc, hub.name.clone()))
                            .or_default() += grams;
                    }
                }
            }
            assert!(on_board.is_empty(), "route {} ends unloaded", route.id);
        }
        (reported, rows, resent)
    });
    assert_eq!(resent, 2, "a pickup and an unloading were sent twice");
    let pickups = runtime
        .block_on(store.pickups(tuesday(), tuesday()))
        .unwrap();
    assert_eq!(pickups.len(), rows, "the resent pickup is stored once");
    assert!(
        pickups
            .iter()
            .filter(|p| p.outcome == Outcome::Collected)
            .all(|p| p.received_by.is_some()),
        "everything collected was received at the hub"
    );
    runtime.block_on(store.close());

    // The month's invoice bills every visit but the closed shop, at the order's price
    // where there was an order, else the subscription's.
    ok(kommune(
        &db,
        &[
            "seller",
            "--name",
            "Flex Waste — Aalborg Kommune",
            "--cvr",
            "29189420",
            "--address",
            "Boulevarden 13, 9000 Aalborg",
            "--bank-account",
            "9570 0001234567",
        ],
    ));
    let run = [
        "invoice",
        "run",
        "--period",
        "2026-12",
        "--date",
        "2027-01-04",
        "--open-month",
        "--json",
    ];
    let issued: Value = serde_json::from_slice(&ok(kommune(&db, &run))).unwrap();
    let invoices = issued.as_array().unwrap();
    assert_eq!(
        invoices.len(),
        1,
        "one invoice to the one shop chain: {issued}"
    );
    assert_eq!(invoices[0]["company"]["cvr"], "29189420");
    let number = invoices[0]["number"].as_str().unwrap();
    let invoice: Value =
        serde_json::from_slice(&ok(kommune(&db, &["invoice", "show", number]))).unwrap();
    let mut lines: Vec<(String, i64, i64, i64)> = invoice["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(l["unit"], "visits", "{l}");
            (
                l["description"].as_str().unwrap().to_string(),
                l["quantity"].as_i64().unwrap(),
                l["unit_price_ore"].as_i64().unwrap(),
                l["net_ore"].as_i64().unwrap(),
            )
        })
        .collect();
    lines.sort();
    let mut billed: Vec<(String, i64, i64, i64)> = expected
        .iter()
        .filter(|(_, e)| {
            e.site_id != closed && routed.iter().any(|r| expected[r].site_id == e.site_id)
        })
        .map(|(name, e)| {
            let site = name.trim_start_matches("Salling Aalborg A/S — ");
            // Butik 1 had an extra pickup ordered, Butik 13 only an order.
            let price = if e.site_id == paper_only || site == "Butik 1" {
                9_000
            } else {
                4_500
            };
            (format!("Afhentning af affald — {site}"), 1, price, price)
        })
        .collect();
    billed.sort();
    assert_eq!(lines, billed);
    let net: i64 = billed.iter().map(|l| l.3).sum();
    assert_eq!(invoice["totals"]["net_ore"].as_i64().unwrap(), net);
    assert_eq!(invoice["totals"]["vat_ore"].as_i64().unwrap(), net / 4);
    assert_eq!(
        invoices[0]["total_incl_vat_ore"].as_i64().unwrap(),
        net + net / 4
    );
    // Billed once: the run again issues nothing.
    assert_eq!(
        serde_json::from_slice::<Value>(&ok(kommune(&db, &run))).unwrap(),
        serde_json::json!([])
    );

    // The annual report: what was weighed, per site, waste code and receiving hub.
    assert_eq!(waste_report(&db, "2026", Some("29189420")), reported);
    assert_eq!(
        reported
            .keys()
            .filter(|(_, ewc, _)| ewc == "20 01 01")
            .count(),
        1,
        "the paper shop's paper"
    );
}
