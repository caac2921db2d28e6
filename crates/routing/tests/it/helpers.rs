//! Small problems on a street: location i is i km from the depot at 0, and every vehicle
//! drives a km in 100 s.

use routing::problem::{Depot, Hub, Matrix, Problem, Stop, VehicleType, Window};

pub const ALL_DAY: Window = Window {
    open: 0,
    close: 100_000,
};

/// The street's matrix for `size` locations.
pub fn street(size: usize) -> Matrix {
    let distance: Vec<i64> = (0..size)
        .flat_map(|a| (0..size).map(move |b| (a as i64 - b as i64).abs() * 1000))
        .collect();
    let duration = distance.iter().map(|d| d / 10).collect();
    Matrix {
        size,
        distance,
        duration: vec![duration],
    }
}

pub fn stop(location: usize, kg: i64) -> Stop {
    Stop {
        name: format!("s{location}"),
        location,
        demand: vec![kg],
        service: 60,
        windows: vec![ALL_DAY],
        skip_penalty: None,
        needs: Vec::new(),
    }
}

pub fn vehicle(count: usize, kg: i64) -> VehicleType {
    VehicleType {
        name: "e-bike".into(),
        count,
        depot: 0,
        capacity: vec![kg],
        shift: ALL_DAY,
        fixed_cost: 0,
        distance_cost: 1,
        duration_cost: 0,
        max_distance: None,
        profile: 0,
        features: Vec::new(),
        reload_hubs: Vec::new(),
        rest: None,
    }
}

/// A street of `size` locations, the depot at 0, one stop of `kg` at each of `stops`.
pub fn problem(size: usize, stops: &[usize], kg: i64, vehicles: Vec<VehicleType>) -> Problem {
    Problem {
        matrix: street(size),
        depots: vec![Depot {
            name: "depot".into(),
            location: 0,
            window: ALL_DAY,
        }],
        hubs: Vec::new(),
        stops: stops.iter().map(|&l| stop(l, kg)).collect(),
        vehicle_types: vehicles,
    }
}

pub fn hub(location: usize) -> Hub {
    Hub {
        name: format!("hub{location}"),
        location,
        windows: vec![ALL_DAY],
        service: 300,
    }
}
