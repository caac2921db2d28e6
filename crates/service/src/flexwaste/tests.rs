//! The pure steps of a day's plan, tested on records made here: no database.

use super::day::{driver_break, unloaded_kg};
use super::*;
use chrono::NaiveDate;
use domain::calendar::{TimeWindow, format_instant};
use domain::catalogue::Skill;
use domain::waste::Fraction::{Cardboard, Paper, Plastic, SoftPlastic};
use domain::waste::{Fraction, Outcome};
use routing::problem::Window;
use routing::{Limits, Visit};
use std::collections::BTreeSet;
use store::waste::{Due, PlaceKind, Route as StoredRoute, Source, Vehicle, WastePlace, WasteSite};

fn tw(text: &str) -> TimeWindow {
    TimeWindow::parse(text).unwrap()
}

fn date(text: &str) -> NaiveDate {
    domain::calendar::parse_date(text).unwrap()
}

fn site(id: i64, latitude: f64, longitude: f64) -> WasteSite {
    WasteSite {
        site_id: id,
        company_id: 1,
        cvr: "29189420".into(),
        company: "Salling".into(),
        name: format!("Butik {id}"),
        p_number: format!("10000000{id:02}"),
        address: "Nytorv 8, 9000 Aalborg".into(),
        latitude,
        longitude,
        phone: None,
    }
}

fn due(site_id: i64, source: Source, window: &str, kg: u32) -> Due {
    let offset = site_id as f64 * 0.002;
    Due {
        site: site(site_id, 57.045 + offset, 9.915 + offset / 2.0),
        source,
        fractions: vec![Cardboard, SoftPlastic],
        window: tw(window),
        expected_kg: kg,
        expected_litres: kg * 8,
    }
}

fn place(id: i64, kind: PlaceKind, fractions: Vec<Fraction>) -> WastePlace {
    WastePlace {
        id,
        kind,
        name: format!("{kind:?} {id}"),
        address: "Havnegade 1, 9000 Aalborg".into(),
        latitude: 57.052 + id as f64 * 0.003,
        longitude: 9.91,
        opening: tw("06:00-18:00"),
        fractions,
    }
}

fn vehicle(id: i64, kind: &str, shift: &str) -> Vehicle {
    Vehicle {
        id,
        name: format!("Cykel {id}"),
        kind: kind.into(),
        capacity_kg: 150,
        capacity_litres: 1000,
        range_km: 40,
        speed_kmh: 15,
        shift: tw(shift),
        wh_per_km: 25,
    }
}

fn places() -> Vec<WastePlace> {
    vec![
        place(1, PlaceKind::Depot, vec![]),
        place(2, PlaceKind::Hub, vec![Cardboard, Plastic]),
        // Takes cardboard only: no use to a vehicle that also carries plastic.
        place(3, PlaceKind::Hub, vec![Cardboard, Paper]),
    ]
}

#[test]
fn windows_are_seconds_since_local_midnight_and_close_in_time_for_the_service() {
    let december = DayClock::new(date("2026-12-01"));
    assert_eq!(december.seconds(9 * 60), 9 * 3600);
    assert_eq!(
        format_instant(december.instant(9 * 3600)),
        "2026-12-01T09:00:00+01:00"
    );
    // The spring change skips 02:00–03:00: 09:00 comes 8 hours after midnight.
    let spring = DayClock::new(date("2026-03-29"));
    assert_eq!(spring.seconds(9 * 60), 8 * 3600);
    assert_eq!(
        format_instant(spring.instant(8 * 3600)),
        "2026-03-29T09:00:00+02:00"
    );
    // The autumn change repeats 02:00–03:00: 09:00 comes 10 hours after midnight.
    let autumn = DayClock::new(date("2026-10-25"));
    assert_eq!(autumn.seconds(9 * 60), 10 * 3600);
    assert_eq!(autumn.seconds(24 * 60), 25 * 3600);

    let stops = stops_of(
        &[due(1, Source::Subscription(1), "09:00-11:00", 40)],
        &BTreeSet::new(),
    );
    let built = DayProblem::build(
        december,
        stops,
        &places(),
        &[vehicle(1, "cargo_bike", "07:00-15:00")],
        None,
    )
    .unwrap();
    let stop = &built.problem.stops[0];
    assert_eq!(stop.service, 180 + 4 * 60, "3 minutes + 1 per 10 kg");
    assert_eq!(
        stop.windows,
        [Window::new(9 * 3600, 11 * 3600 - stop.service)]
    );
    assert_eq!(
        built.problem.vehicle_types[0].shift,
        Window::new(7 * 3600, 15 * 3600)
    );
    assert_eq!(built.problem.vehicle_types[0].max_distance, Some(40_000));
    assert_eq!(
        built.problem.depots[0].window,
        Window::new(6 * 3600, 18 * 3600)
    );
    assert_eq!(
        built.problem.hubs[0].windows[0].close,
        18 * 3600 - HUB_SECONDS
    );
    built.problem.validate().unwrap();
}

#[test]
fn reasons_speak_in_clock_times_and_kilometres() {
    let clock = DayClock::new(date("2026-12-01"));
    assert_eq!(
        humane(
            "no vehicle can serve it even alone — Cykel 1: arrives at stop A — B at 94779, after its last window; \
             Van: drives 212345, beyond the range 120000; Bike: carries 180 in dimension 0 after stop C, over the capacity 150",
            &clock
        ),
        "no vehicle can serve it even alone — Cykel 1: arrives at stop A — B at 02:19 the next day, after its last window; \
         Van: drives 212.3 km, beyond the range 120.0 km; Bike: carries 180 kg after stop C, over the capacity 150"
    );
    assert_eq!(
        humane("the break cannot start by 45000 (earliest 46800)", &clock),
        "the break cannot start by 12:30 (earliest 13:00)"
    );
}

#[test]
fn dues_at_one_site_are_one_stop_with_the_subscriptions_window() {
    let dues = [
        due(1, Source::Subscription(1), "09:00-11:00", 40),
        due(1, Source::Order(7), "13:00-14:00", 25),
        due(2, Source::Order(8), "10:00-11:00", 10),
        due(2, Source::Order(9), "11:00-12:00", 5),
        due(3, Source::Subscription(2), "08:00-09:00", 5),
    ];
    let stops = stops_of(&dues, &BTreeSet::from([3]));
    assert_eq!(stops.len(), 2, "site 3 is done");
    assert_eq!((stops[0].kg, stops[0].litres), (65, 520));
    assert_eq!(stops[0].windows, [tw("09:00-11:00")]);
    assert_eq!(stops[0].fractions, [Cardboard, SoftPlastic]);
    assert_eq!(stops[1].kg, 15);
    assert_eq!(
        stops[1].windows,
        [tw("10:00-12:00")],
        "touching windows join"
    );
    assert_eq!(site_name(&stops[0].site), "Salling — Butik 1");
}

#[test]
fn a_hub_reloads_when_it_takes_everything_collected_today() {
    let build = |fractions: Vec<Fraction>| {
        let mut d = due(1, Source::Subscription(1), "09:00-11:00", 40);
        d.fractions = fractions;
        DayProblem::build(
            DayClock::new(date("2026-12-01")),
            stops_of(&[d], &BTreeSet::new()),
            &places(),
            &[vehicle(1, "cargo_bike", "07:00-15:00")],
            None,
        )
        .unwrap()
    };
    // Hub 0 takes plastic, so soft plastic too; hub 1 takes no plastic.
    assert_eq!(build(vec![Cardboard, SoftPlastic]).reload_hubs, [0]);
    assert_eq!(build(vec![Cardboard]).reload_hubs, [0, 1]);
    assert_eq!(
        build(vec![Paper, SoftPlastic]).reload_hubs,
        Vec::<usize>::new()
    );
    let built = build(vec![Cardboard, SoftPlastic]);
    assert_eq!(built.problem.vehicle_types[0].reload_hubs, [0]);
}

#[test]
fn the_break_comes_with_a_long_shift_and_not_before_the_vehicles_leave_again() {
    let clock = DayClock::new(date("2026-12-01"));
    let long = driver_break(&clock, tw("07:00-15:00")).unwrap();
    assert_eq!(long.window, Window::new(11 * 3600, 12 * 3600 + 1800));
    assert_eq!(long.duration, 1800);
    assert!(driver_break(&clock, tw("07:00-13:00")).is_none(), "6 hours");
    let late = driver_break(&clock, tw("12:00-20:00")).unwrap();
    assert_eq!(late.window, Window::new(15 * 3600, 16 * 3600 + 1800));

    let stops = stops_of(
        &[due(1, Source::Subscription(1), "09:00-15:00", 40)],
        &BTreeSet::new(),
    );
    let replanned = |now: i64| {
        DayProblem::build(
            clock.clone(),
            stops.clone(),
            &places(),
            &[vehicle(1, "cargo_bike", "07:00-15:00")],
            Some(now),
        )
        .unwrap()
        .problem
        .vehicle_types
        .remove(0)
    };
    let at_ten = replanned(10 * 3600);
    assert_eq!(at_ten.shift.open, 10 * 3600);
    assert!(at_ten.rest.is_some());
    assert!(replanned(13 * 3600).rest.is_none());
    assert_eq!(
        replanned(20 * 3600).shift,
        Window::new(15 * 3600, 15 * 3600)
    );
}

#[test]
fn a_missing_depot_or_fleet_is_named() {
    let clock = DayClock::new(date("2026-12-01"));
    let err = DayProblem::build(
        clock.clone(),
        vec![],
        &places()[1..],
        &[vehicle(1, "cargo_bike", "07:00-15:00")],
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("no depot"), "{err}");
    let err = DayProblem::build(clock, vec![], &places(), &[], None).unwrap_err();
    assert!(err.to_string().contains("no vehicles"), "{err}");
    assert_eq!(
        skill_for(&vehicle(1, "cargo_bike", "07:00-15:00")),
        Skill::CargoBike
    );
    assert_eq!(
        skill_for(&vehicle(1, "electric_van", "07:00-15:00")),
        Skill::DrivingLicenceB
    );
}

fn busy_day() -> DayProblem {
    let dues: Vec<Due> = (1..=14)
        .map(|i| {
            let window = ["08:00-15:00", "09:00-11:00", "12:00-14:00"][i as usize % 3];
            due(i, Source::Subscription(i), window, 20 + (i as u32 * 7) % 30)
        })
        .collect();
    DayProblem::build(
        DayClock::new(date("2026-12-01")),
        stops_of(&dues, &BTreeSet::new()),
        &places(),
        &[
            vehicle(1, "cargo_bike", "07:00-15:00"),
            vehicle(2, "cargo_bike", "07:00-15:00"),
        ],
        None,
    )
    .unwrap()
}

#[test]
fn routes_unload_when_full_and_at_the_end_and_keep_their_windows() {
    let day = busy_day();
    let drawn = day.draw(Limits::iterations(300), 3).unwrap();
    assert!(drawn.unserved.is_empty(), "{:?}", drawn.unserved);
    let served: usize = drawn
        .routes
        .iter()
        .map(|r| {
            r.route
                .visits
                .iter()
                .filter(|v| matches!(v, Visit::Stop(_)))
                .count()
        })
        .sum();
    assert_eq!(served, day.stops.len());
    for r in &drawn.routes {
        assert!(
            matches!(r.route.visits.last(), Some(Visit::Hub(0))),
            "ends unloading: {:?}",
            r.route.visits
        );
        let view = day.route_view(r, &day.stored(r));
        assert_eq!(view.returns_with_kg, 0);
        let mut on_board = 0;
        let mut most = 0;
        for (k, v) in r.route.visits.iter().enumerate() {
            match *v {
                Visit::Stop(s) => {
                    on_board += i64::from(day.stops[s].kg);
                    most = most.max(on_board);
                    let start = r.timing.starts[k];
                    let w = day.window_at(s, start);
                    assert!(day.clock.seconds(w.start_minutes()) <= start);
                    assert!(
                        start + day.stops[s].service_seconds()
                            <= day.clock.seconds(w.end_minutes())
                    );
                }
                Visit::Hub(_) => {
                    assert_eq!(unloaded_kg(r, k), on_board);
                    on_board = 0;
                }
            }
            assert!(on_board <= 150);
        }
        assert_eq!(view.max_load_kg, most);
        assert_eq!(
            view.unloads.iter().map(|u| u.kg).sum::<i64>(),
            view.stops
                .iter()
                .map(|s| {
                    day.stops
                        .iter()
                        .find(|x| site_name(&x.site) == s.site)
                        .unwrap()
                        .kg as i64
                })
                .sum::<i64>()
        );
    }
    let total: u32 = day.stops.iter().map(|s| s.kg).sum();
    assert!(total > 150, "more than one load: {total} kg");
}

#[test]
fn the_same_seed_and_iterations_draw_the_same_routes() {
    let day = busy_day();
    let a = day.draw(Limits::iterations(200), 11).unwrap();
    let b = busy_day().draw(Limits::iterations(200), 11).unwrap();
    assert_eq!(a, b);
    let stored: Vec<StoredRoute> = a.routes.iter().map(|r| day.stored(r)).collect();
    assert_eq!(
        stored,
        b.routes.iter().map(|r| day.stored(r)).collect::<Vec<_>>()
    );
}

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    domain::calendar::parse_instant(text).unwrap()
}

fn visit(site_id: Option<i64>, place_id: Option<i64>, time: &str) -> store::waste::Visit {
    store::waste::Visit {
        site_id,
        place_id,
        arrives_at: at(time),
        window: None,
        expected_kg: 10,
    }
}

fn pickup(
    site_id: i64,
    outcome: Outcome,
    fraction: Option<Fraction>,
    grams: i64,
    time: &str,
    received_by: Option<i64>,
) -> store::waste::Pickup {
    store::waste::Pickup {
        id: 0,
        site_id,
        cvr: "29189420".into(),
        p_number: "1000000001".into(),
        day: date("2026-12-01"),
        outcome,
        fraction,
        ewc: None,
        grams,
        note: None,
        at: at(time),
        vehicle_id: 1,
        driver_id: Some(7),
        received_by,
    }
}

#[test]
fn a_sheet_gives_each_visit_its_report_and_a_hub_its_unloading() {
    use super::sheet::{DayRecords, Recorded, StopKind, sheet};
    let route = |id: i64, driver: i64, start: &str, visits| StoredRoute {
        id,
        vehicle_id: 1,
        driver_id: Some(driver),
        distance_m: 0,
        starts_at: at(start),
        ends_at: at(start),
        visits,
    };
    let plan = store::waste::DayPlan {
        id: 1,
        day: date("2026-12-01"),
        routes: vec![
            // Listed after the earlier route, and another driver's: neither changes the order.
            route(
                11,
                7,
                "2026-12-01T12:00:00+01:00",
                vec![visit(Some(2), None, "2026-12-01T12:10:00+01:00")],
            ),
            route(
                12,
                8,
                "2026-12-01T08:00:00+01:00",
                vec![visit(Some(3), None, "2026-12-01T08:10:00+01:00")],
            ),
            route(
                10,
                7,
                "2026-12-01T08:00:00+01:00",
                vec![
                    visit(Some(1), None, "2026-12-01T08:10:00+01:00"),
                    visit(Some(1), None, "2026-12-01T09:10:00+01:00"),
                    visit(None, Some(2), "2026-12-01T09:40:00+01:00"),
                    visit(None, Some(1), "2026-12-01T10:00:00+01:00"),
                ],
            ),
        ],
        unserved: Vec::new(),
    };
    let pickups = [
        pickup(
            1,
            Outcome::Collected,
            Some(Cardboard),
            1_000,
            "2026-12-01T08:12:00+01:00",
            Some(2),
        ),
        pickup(
            1,
            Outcome::Collected,
            Some(Plastic),
            500,
            "2026-12-01T08:12:00+01:00",
            Some(2),
        ),
        pickup(
            1,
            Outcome::Nothing,
            None,
            0,
            "2026-12-01T09:11:00+01:00",
            None,
        ),
    ];
    let sites = std::collections::HashMap::from([(1, Some(site(1, 57.05, 9.92))), (2, None)]);
    let records = DayRecords {
        dues: &[due(1, Source::Subscription(1), "08:00-10:00", 10)],
        places: &places(),
        pickups: &pickups,
        // The hub weighed 1.8 kg where 1.5 kg were collected: 20 % more.
        unloads: &[store::waste::UnloadRecord {
            route_id: 10,
            place_id: 2,
            grams: 1_800,
            at: "2026-12-01T09:45:00+01:00".parse().unwrap(),
        }],
        sites: &sites,
    };
    let stops = sheet(plan, 7, &records);
    let numbers: Vec<(usize, i64)> = stops.iter().map(|s| (s.number, s.route_id)).collect();
    assert_eq!(numbers, [(1, 10), (2, 10), (3, 10), (4, 10), (5, 11)]);
    let recorded: Vec<Option<Recorded>> = stops.iter().map(|s| s.recorded).collect();
    assert_eq!(
        recorded,
        [
            Some(Recorded::Report {
                outcome: Outcome::Collected,
                grams: 1_500
            }),
            Some(Recorded::Report {
                outcome: Outcome::Nothing,
                grams: 0
            }),
            Some(Recorded::Unloaded {
                collected: 1_500,
                weighed: Some(1_800)
            }),
            None,
            None,
        ]
    );
    let unloaded = stops[2].recorded.unwrap();
    assert!(unloaded.unload_differs(10), "20 % off is beyond 10 %");
    assert!(!unloaded.unload_differs(20), "and within 20 %");
    assert!(
        matches!(&stops[0].kind, StopKind::Site { fractions, .. } if *fractions == [Cardboard, SoftPlastic])
    );
    assert!(matches!(stops[3].kind, StopKind::Depot { .. }));
    // A site deleted since the plan is still a stop, named as gone by the page, and one
    // no longer due offers every fraction Flex Waste carries.
    assert!(
        matches!(&stops[4].kind, StopKind::Site { site: None, fractions, .. } if *fractions == Fraction::COLLECTED)
    );
}
