//! Checks that Flex Waste's part of the demo is deterministic, valid, in central Aalborg,
//! and that its history is one the vehicles could have driven.

use super::{demo, monday};
use crate::DemoSet;
use crate::flexwaste::{
    CENTRE, DRIVERS_PER_SKILL, FlexWaste, HISTORY_DAYS, HistoryStop, skill_for,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use domain::calendar::{ClockTime, local_date};
use domain::identifiers::{Cvr, PNumber};
use domain::person::PersonStatus;
use domain::waste::{Fraction, SubscriptionDraft};
use std::collections::{BTreeMap, BTreeSet};
use store::waste::{Outcome, PlaceKind};

#[test]
fn the_same_seed_gives_the_same_flex_waste_and_another_seed_does_not() {
    let a = demo(1).flex_waste;
    assert_eq!(a, demo(1).flex_waste);
    let b = demo(2).flex_waste;
    assert_ne!(a.shops, b.shops);
    assert_ne!(a.history, b.history);
    // The fleet and places are the service's own, the same in every demo.
    assert_eq!(
        (&a.depot, &a.hubs, &a.vehicles),
        (&b.depot, &b.hubs, &b.vehicles)
    );
}

#[test]
fn about_80_shops_2_hubs_and_3_vehicles_of_two_types() {
    for seed in 0..20 {
        let f = demo(seed).flex_waste;
        assert!(
            (78..=84).contains(&f.shops.len()),
            "seed {seed}: {} shops",
            f.shops.len()
        );
        assert_eq!(f.depot.kind, PlaceKind::Depot);
        assert_eq!(f.hubs.len(), 2);
        for hub in &f.hubs {
            assert_eq!(hub.kind, PlaceKind::Hub);
            assert_eq!(hub.opening.to_string(), "07:00-18:00");
            for fraction in [
                Fraction::Cardboard,
                Fraction::Paper,
                Fraction::SoftPlastic,
                Fraction::HardPlastic,
            ] {
                assert!(
                    hub.fractions.contains(&fraction),
                    "{} takes {fraction}",
                    hub.name
                );
            }
        }
        assert_eq!(f.vehicles.len(), 3);
        let kinds: BTreeSet<&str> = f.vehicles.iter().map(|v| v.kind.as_str()).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        for v in &f.vehicles {
            assert_eq!(v.shift.to_string(), "07:00-15:00");
            let expected = if v.kind == "cargo_bike" {
                (150, 1_000, 40, 15, 25)
            } else {
                (600, 4_000, 150, 30, 180)
            };
            assert_eq!(
                (
                    v.capacity_kg,
                    v.capacity_litres,
                    v.range_km,
                    v.speed_kmh,
                    v.wh_per_km
                ),
                expected,
                "{}",
                v.name
            );
        }
    }
}

#[test]
fn every_cvr_and_p_number_is_valid_and_unique_across_the_whole_demo() {
    for seed in 0..10 {
        let d = demo(seed);
        let companies = d
            .companies
            .iter()
            .chain(d.flex_waste.shops.iter().map(|s| &s.company));
        let mut cvrs = BTreeSet::new();
        let mut p_numbers = BTreeSet::new();
        for company in companies {
            let cvr = company.cvr.to_string();
            assert!(Cvr::parse(&cvr).is_ok(), "{cvr}");
            assert!(cvrs.insert(cvr.clone()), "seed {seed}: CVR {cvr} twice");
            for site in &company.sites {
                let p = site.p_number.to_string();
                assert!(PNumber::parse(&p).is_ok(), "{p}");
                assert!(
                    p_numbers.insert(p.clone()),
                    "seed {seed}: P-number {p} twice"
                );
            }
        }
        for shop in &d.flex_waste.shops {
            assert_eq!(shop.company.sites.len(), 1, "{}", shop.company.name);
            assert!(!shop.company.task_force);
        }
    }
}

#[test]
fn every_shop_is_within_a_kilometre_and_a_half_of_the_centre() {
    for seed in 0..20 {
        let f = demo(seed).flex_waste;
        for shop in &f.shops {
            let site = &shop.company.sites[0];
            let metres = site.address.coordinates.haversine_metres(CENTRE);
            assert!(
                metres <= 1_500.0,
                "{} is {metres:.0} m out",
                site.address.line
            );
            assert!(
                site.address.line.ends_with(", 9000 Aalborg"),
                "{}",
                site.address.line
            );
        }
        for place in std::iter::once(&f.depot).chain(&f.hubs) {
            let at = domain::place::Coordinates::parse(place.latitude, place.longitude).unwrap();
            assert!(at.haversine_metres(CENTRE) <= 1_500.0, "{}", place.name);
        }
    }
}

#[test]
fn every_subscription_reads_back_and_is_of_the_promised_kind() {
    let start = monday();
    let mut windows = BTreeMap::new();
    let mut fractions = BTreeMap::new();
    for seed in 0..10 {
        for shop in demo(seed).flex_waste.shops {
            let s = &shop.subscription;
            let draft = SubscriptionDraft {
                fractions: s
                    .fractions
                    .iter()
                    .map(|f| f.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                weekdays: s
                    .weekdays
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                window: s.window.to_string(),
                expected_kg: s.expected_kg,
                expected_litres: s.expected_litres,
            };
            assert_eq!(&draft.parse().unwrap(), s);
            assert!(s.fractions.contains(&Fraction::Cardboard));
            for f in &s.fractions {
                *fractions.entry(f.code()).or_insert(0) += 1;
            }
            assert!((1..=3).contains(&s.weekdays.len()));
            assert!(s.weekdays.iter().all(|d| d.num_days_from_monday() < 5));
            *windows.entry(s.window.to_string()).or_insert(0) += 1;
            assert!((5..=40).contains(&s.expected_kg));
            assert!((4 * s.expected_kg..=10 * s.expected_kg).contains(&s.expected_litres));
            assert!((3_500..=6_000).contains(&shop.price_per_pickup_ore));
            assert_eq!(shop.price_per_pickup_ore % 500, 0);
            assert!(shop.starts_on < start);
        }
    }
    assert_eq!(
        windows.keys().map(String::as_str).collect::<Vec<_>>(),
        ["07:00-15:00", "08:00-10:00", "10:00-12:00"]
    );
    for code in ["paper", "soft_plastic", "hard_plastic"] {
        assert!(
            fractions.get(code).copied().unwrap_or(0) > 50,
            "{fractions:?}"
        );
    }
}

#[test]
fn a_team_of_drivers_holds_each_vehicle_skill_and_works_mornings() {
    for seed in 0..20 {
        let d = demo(seed);
        let f = &d.flex_waste;
        for vehicle in &f.vehicles {
            let skill = skill_for(&vehicle.kind);
            let holders = f
                .drivers
                .iter()
                .filter(|&&i| d.people[i].person.skills.contains(&skill))
                .count();
            assert!(
                holders >= DRIVERS_PER_SKILL.min(2),
                "seed {seed}: {holders} may drive {}",
                vehicle.name
            );
        }
        for &i in &f.drivers {
            let p = &d.people[i];
            assert_eq!(p.person.status, PersonStatus::Active);
            assert!(!p.limits.indoor_only && p.limits.max_stretch_minutes.is_none());
            assert!((1..=4).contains(&p.person.skills.len()));
            for (day, w) in p.person.availability.slots() {
                assert!(
                    w.start_minutes() == 7 * 60 && w.end_minutes() >= 12 * 60,
                    "{} {day} {w}",
                    p.person.name
                );
            }
        }
    }
}

/// The working days of the four weeks before the start.
fn working_days(start: NaiveDate) -> Vec<NaiveDate> {
    (1..=HISTORY_DAYS)
        .rev()
        .map(|d| start - Duration::days(d))
        .filter(|d| d.weekday().num_days_from_monday() < 5)
        .collect()
}

#[test]
fn every_due_shop_is_visited_once_a_day_inside_its_window() {
    for (seed, start) in (0..6).map(|s| (s, monday())).chain([(
        1,
        NaiveDate::from_ymd_opt(2027, 4, 19).expect("a real date"),
    )]) {
        let d = crate::generate(seed, start).expect("the demo generates");
        let f = &d.flex_waste;
        let days: Vec<NaiveDate> = f.history.iter().map(|h| h.day).collect();
        let expected: Vec<NaiveDate> = working_days(start)
            .into_iter()
            .filter(|d| !crate::holidays::is_closed(*d))
            .collect();
        assert_eq!(days, expected, "seed {seed} from {start}");
        let mut submissions = BTreeSet::new();
        for h in &f.history {
            let due: BTreeSet<usize> = (0..f.shops.len())
                .filter(|&s| {
                    f.shops[s].starts_on <= h.day
                        && f.shops[s].subscription.weekdays.contains(&h.day.weekday())
                })
                .collect();
            let mut visited = BTreeSet::new();
            for route in &h.routes {
                for p in route.pickups() {
                    assert!(visited.insert(p.shop), "{} visited twice", p.shop);
                    assert!(p.window.0 <= p.at && p.at <= p.window.1, "{p:?}");
                    assert_eq!(local_date(p.at), h.day);
                    let window = f.shops[p.shop].subscription.window;
                    assert_eq!(ClockTime::of(p.window.0).minutes(), window.start_minutes());
                    assert!(
                        p.submission.starts_with(&format!("demo-{}-", h.day)),
                        "{}",
                        p.submission
                    );
                    assert!(submissions.insert(p.submission.clone()));
                }
            }
            let unserved: BTreeSet<usize> = h.unserved.iter().map(|(s, _)| *s).collect();
            assert!(visited.is_disjoint(&unserved));
            assert_eq!(
                visited.union(&unserved).copied().collect::<BTreeSet<_>>(),
                due,
                "seed {seed}, {}",
                h.day
            );
        }
        assert_eq!(submissions.len(), f.pickups().count());
    }
}

#[test]
fn the_month_has_a_few_closed_nothing_and_contaminated_visits() {
    let mut closed = 0;
    let mut nothing = 0;
    for seed in 0..10 {
        let f = demo(seed).flex_waste;
        let count = |o: Outcome| f.pickups().filter(|p| p.outcome == o).count();
        let contaminated = count(Outcome::Contaminated);
        assert!(
            (1..=2).contains(&contaminated),
            "seed {seed}: {contaminated}"
        );
        closed += count(Outcome::Closed);
        nothing += count(Outcome::Nothing);
        let total = f.pickups().count();
        assert!((400..=700).contains(&total), "seed {seed}: {total} pickups");
        assert!(count(Outcome::Collected) * 10 >= total * 9);
        for p in f.pickups() {
            let s = &f.shops[p.shop].subscription;
            match p.outcome {
                Outcome::Collected => {
                    let weighed: Vec<Fraction> = p.weighed.iter().map(|(f, _)| *f).collect();
                    assert_eq!(weighed, s.fractions);
                    assert!(p.weighed.iter().all(|(_, g)| *g > 0 && g % 100 == 0));
                    let kg = p.weighed.iter().map(|(_, g)| g).sum::<i64>() as f64 / 1000.0;
                    let expected = f64::from(s.expected_kg);
                    assert!(
                        kg >= expected * 0.45 && kg <= expected * 1.65,
                        "{kg} kg against {expected}"
                    );
                }
                Outcome::Contaminated => {
                    assert!(p.weighed.is_empty());
                    assert!(p.note.as_deref().is_some_and(|n| !n.is_empty()));
                }
                Outcome::Closed | Outcome::Nothing => assert!(p.weighed.is_empty()),
            }
        }
    }
    assert!(
        closed >= 10 && nothing >= 10,
        "{closed} closed, {nothing} nothing"
    );
}

/// Replays each route: the load never exceeds the vehicle, every unloading takes all on
/// board, nothing is left on board at night, and the day fits the shift and the range.
fn check_routes(f: &FlexWaste) {
    for h in &f.history {
        let mut used = BTreeSet::new();
        for route in &h.routes {
            assert!(used.insert(route.vehicle), "one route per vehicle");
            let v = &f.vehicles[route.vehicle];
            let mut on_board = 0;
            let mut last = route.starts_at;
            for stop in &route.stops {
                let at = match stop {
                    HistoryStop::Pickup(p) => {
                        on_board += p.weighed.iter().map(|(_, g)| g).sum::<i64>();
                        assert!(on_board <= i64::from(v.capacity_kg) * 1000 * 13 / 10);
                        p.at
                    }
                    HistoryStop::Unload(u) => {
                        assert_eq!(u.grams, on_board, "{}", u.submission);
                        assert!(u.grams > 0);
                        on_board = 0;
                        u.at
                    }
                };
                assert!(at >= last, "stops in order");
                last = at;
            }
            assert_eq!(on_board, 0, "{}: unloaded before going home", h.day);
            assert!(route.ends_at > last);
            assert_eq!(ClockTime::of(route.starts_at).minutes(), 7 * 60);
            assert!(
                ClockTime::of(route.ends_at).minutes() <= 15 * 60,
                "{} {} ends at {}",
                h.day,
                v.name,
                route.ends_at
            );
            assert!(route.distance_m > 0 && route.distance_m <= i64::from(v.range_km) * 1000);
        }
    }
}

#[test]
fn every_route_could_have_been_driven() {
    for seed in 0..10 {
        check_routes(&demo(seed).flex_waste);
    }
}

#[test]
fn the_history_counts_from_the_start_back() {
    let d: DemoSet = demo(1);
    let first = d.flex_waste.history.first().unwrap().day;
    assert_eq!(first, monday() - Duration::days(HISTORY_DAYS));
    assert_eq!(first.weekday(), Weekday::Mon);
    assert!(d.flex_waste.history.last().unwrap().day < monday());
    let p = d.flex_waste.pickups().next().unwrap();
    assert_eq!(p.submission, format!("demo-{first}-0001"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_installs_with_its_flex_waste_records() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let store = store::Store::connect(&url).await.unwrap();
    let d = demo(1);
    let count = crate::install(&store, &d).await.unwrap();
    assert_eq!(
        count.companies,
        d.companies.len() + d.flex_waste.shops.len()
    );
    let began = std::time::Instant::now();
    let flex = crate::install_flex_waste(&store, &d).await.unwrap();
    eprintln!("Flex Waste installed in {:?}", began.elapsed());
    assert_eq!(
        (flex.shops, flex.hubs, flex.vehicles, flex.pickups),
        (
            d.flex_waste.shops.len(),
            2,
            3,
            d.flex_waste.pickups().count()
        )
    );
    let first = d.flex_waste.history[0].day;
    let rows = store.pickups(first, monday()).await.unwrap();
    let collected: i64 = d
        .flex_waste
        .pickups()
        .flat_map(|p| &p.weighed)
        .map(|(_, g)| g)
        .sum();
    assert_eq!(rows.iter().map(|r| r.grams).sum::<i64>(), collected);
    assert!(
        rows.iter()
            .filter(|r| r.outcome == Outcome::Collected)
            .all(|r| r.received_by.is_some() && r.ewc.is_some()),
        "every collection reached a hub"
    );
    let plan = store
        .day_plan(first)
        .await
        .unwrap()
        .expect("the first day is planned");
    assert_eq!(plan.routes.len(), d.flex_waste.history[0].routes.len());
    assert!(store.pickups_due(monday()).await.unwrap().len() > 10);
    store.close().await;
}
