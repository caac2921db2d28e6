//! Generated city instances: Flex Waste in Aalborg at scale, for the 1,000-stop benchmark.
//!
//! Shops scattered within about 6 km of the centre (57.048, 9.919), most of them clustered
//! around a few neighbourhood centres; cardboard and plastic to pick up in kg and litres;
//! 2–6 minutes of service; 60 % of the shops open all day (07:00–15:00), 40 % with a
//! two-hour window. E-bikes (150 kg, 1,000 l, 40 km range, 15 km/h) and vans (600 kg,
//! 4,000 l, 150 km, 30 km/h) leave one depot and may unload at two hubs on the way.
//! Units: metres and seconds (times since midnight). Deterministic by seed.

use crate::problem::{Depot, Hub, Matrix, Problem, Stop, VehicleType, Window};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Aalborg's centre (Budolfi church, roughly).
pub const CENTRE: (f64, f64) = (57.048, 9.919);

const HOUR: i64 = 3600;
/// Shops' all-day window: service starts between 07:00 and 15:00.
const DAY: Window = Window {
    open: 7 * HOUR,
    close: 15 * HOUR,
};
/// The depot, the hubs and the drivers' shift: 06:30–16:00.
const SHIFT: Window = Window {
    open: 6 * HOUR + HOUR / 2,
    close: 16 * HOUR,
};

/// Neighbourhood centres (latitude, longitude) the shops cluster around.
const CENTRES: [(f64, f64); 5] = [
    (57.048, 9.919), // Aalborg centre
    (57.058, 9.922), // Nørresundby
    (57.040, 9.950), // Vejgaard
    (57.043, 9.880), // Hasseris
    (57.030, 9.925), // Gug / Skalborg direction
];

/// An Aalborg-like instance with `stops` shops to visit, all of them required.
///
/// Locations: 0 the depot, 1 and 2 the hubs, then one per stop in order. Vehicle type 0 is
/// the e-bike (speed profile 0), type 1 the van (profile 1); `stops / 15` of each (at least
/// one), both allowed to unload at both hubs.
pub fn city(stops: usize, seed: u64) -> Problem {
    city_with_points(stops, seed).0
}

/// The same city with every location's (latitude, longitude), in the problem's location
/// order: for a peer solver that wants coordinates beside the matrix.
pub fn city_with_points(stops: usize, seed: u64) -> (Problem, Vec<(f64, f64)>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let depot = offset(CENTRE, 1.2, 300.0_f64.to_radians()); // by the harbour, north-west
    let hubs = [
        offset(CENTRE, 3.5, 80.0_f64.to_radians()), // east, towards the recycling plant
        offset(CENTRE, 3.0, 200.0_f64.to_radians()), // south-west
    ];
    let mut points = vec![depot, hubs[0], hubs[1]];
    let mut list = Vec::with_capacity(stops);
    for k in 0..stops {
        points.push(shop_location(&mut rng));
        // Cardboard is light and bulky: litres run at 4–10 per kg.
        let kg = rng.random_range(3..=30);
        let litres = kg * rng.random_range(4..=10);
        let service = rng.random_range(120..=360);
        let window = if rng.random_bool(0.6) {
            DAY
        } else {
            // A two-hour window starting on the half hour between 07:00 and 13:00.
            let open = 7 * HOUR + rng.random_range(0..=12) * HOUR / 2;
            Window::new(open, open + 2 * HOUR)
        };
        list.push(Stop {
            name: format!("S{:04}", k + 1),
            location: 3 + k,
            demand: vec![kg, litres],
            service,
            windows: vec![window],
            skip_penalty: None,
            needs: Vec::new(),
        });
    }
    let count = (stops / 15).max(1);
    let vehicle = |name: &str, capacity: [i64; 2], range_km: i64, profile: usize| VehicleType {
        name: name.into(),
        count,
        depot: 0,
        capacity: capacity.to_vec(),
        shift: SHIFT,
        fixed_cost: 0,
        distance_cost: 1,
        duration_cost: 0,
        max_distance: Some(range_km * 1000),
        profile,
        features: Vec::new(),
        reload_hubs: vec![0, 1],
        rest: None,
    };
    let problem = Problem {
        matrix: Matrix::from_coordinates(&points, 1.3, &[15.0, 30.0]),
        depots: vec![Depot {
            name: "Aalborg depot".into(),
            location: 0,
            window: SHIFT,
        }],
        hubs: ["Hub East", "Hub South-West"]
            .iter()
            .enumerate()
            .map(|(k, name)| Hub {
                name: (*name).into(),
                location: 1 + k,
                windows: vec![SHIFT],
                service: 10 * 60,
            })
            .collect(),
        stops: list,
        vehicle_types: vec![
            vehicle("e-bike", [150, 1000], 40, 0),
            vehicle("van", [600, 4000], 150, 1),
        ],
    };
    (problem, points)
}

/// A shop: 65 % near a neighbourhood centre (about 700 m spread), the rest anywhere within
/// 6 km of the city centre; never further than 6 km out.
fn shop_location(rng: &mut ChaCha8Rng) -> (f64, f64) {
    loop {
        let (around, km) = if rng.random_bool(0.65) {
            let c = CENTRES[rng.random_range(0..CENTRES.len())];
            // A rough normal spread: the sum of three uniforms.
            let r: f64 = (0..3)
                .map(|_| rng.random_range(-1.0..1.0))
                .sum::<f64>()
                .abs()
                * 0.7;
            (c, r)
        } else {
            // Uniform over the disc.
            (CENTRE, 6.0 * rng.random_range(0.0f64..1.0).sqrt())
        };
        let angle = rng.random_range(0.0..std::f64::consts::TAU);
        let point = offset(around, km, angle);
        if crate::problem::haversine_metres(CENTRE, point) <= 6000.0 {
            return point;
        }
    }
}

/// The point `km` away from `from` in direction `angle` (radians from east, counter-clockwise).
fn offset(from: (f64, f64), km: f64, angle: f64) -> (f64, f64) {
    let lat_km = 111.2;
    let lon_km = 111.2 * from.0.to_radians().cos();
    (
        from.0 + km * angle.sin() / lat_km,
        from.1 + km * angle.cos() / lon_km,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::haversine_metres;

    #[test]
    fn a_city_is_valid_and_deterministic_by_seed() {
        let p = city(300, 7);
        p.validate().unwrap();
        assert_eq!(p, city(300, 7));
        assert_ne!(p, city(300, 8));
        assert_eq!(p.stops.len(), 300);
        assert_eq!(p.matrix.size, 303);
        assert_eq!(p.hubs.len(), 2);
        assert_eq!(p.vehicle_types.len(), 2);
        assert!(
            p.vehicle_types
                .iter()
                .all(|v| v.count == 20 && v.reload_hubs == [0, 1])
        );
        assert!(p.stops.iter().all(|s| s.skip_penalty.is_none()));
        let all_day = p.stops.iter().filter(|s| s.windows == [DAY]).count();
        assert!((150..=210).contains(&all_day), "{all_day} all-day shops");
        for s in &p.stops {
            let w = s.windows[0];
            assert!(w == DAY || w.close - w.open == 2 * HOUR);
            assert!((120..=360).contains(&s.service));
            assert!(s.demand[0] <= 150 && s.demand[1] <= 1000, "fits an e-bike");
        }
        // Everything within 6 km of the centre (and the matrix says so, with the detour).
        let farthest = p
            .stops
            .iter()
            .map(|s| p.matrix.distance(0, s.location))
            .max()
            .unwrap();
        assert!(farthest < (7_300.0 * 1.3) as i64, "{farthest} m");
        // E-bikes take twice as long as vans (seconds are rounded: take the farthest stop).
        let far = p
            .stops
            .iter()
            .max_by_key(|s| p.matrix.distance(0, s.location))
            .unwrap()
            .location;
        let ratio = p.matrix.duration(0, 0, far) as f64 / p.matrix.duration(1, 0, far) as f64;
        assert!((ratio - 2.0).abs() < 0.01, "{ratio}");
        assert!(haversine_metres(CENTRE, (57.048, 9.919)) < 1.0);
    }

    #[test]
    fn a_small_city_still_has_vehicles() {
        let p = city(5, 1);
        p.validate().unwrap();
        assert!(p.vehicle_types.iter().all(|v| v.count == 1));
    }
}
