//! Agency-shaped benchmark instances: people with 5–10 hour caps, functional limits and
//! skills living around Aalborg, and a week of tasks at companies in and near the centre.
//! Deterministic by seed, so a size and seed name one instance.

use crate::problem::{DAY, Limits, Person, Place, Problem, Task, Travel};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The instance sizes the benchmark uses: people × tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    S,
    M,
    L,
    Xl,
}

impl Size {
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_uppercase().as_str() {
            "S" => Some(Self::S),
            "M" => Some(Self::M),
            "L" => Some(Self::L),
            "XL" => Some(Self::Xl),
            _ => None,
        }
    }

    /// (people, tasks)
    pub fn counts(self) -> (usize, usize) {
        match self {
            Self::S => (50, 150),
            Self::M => (200, 800),
            Self::L => (800, 3000),
            Self::Xl => (2000, 8000),
        }
    }
}

const SKILLS: [&str; 8] = [
    "cleaning",
    "sorting",
    "gardening",
    "kitchen_hygiene",
    "forklift",
    "driving_licence_b",
    "customer_service",
    "office_it",
];

/// Central Aalborg, where most companies are; people live up to ~8 km out.
const CENTRE: Place = Place(57.048, 9.919);

fn around(rng: &mut ChaCha8Rng, km: f64) -> Place {
    let r = km * rng.random::<f64>().sqrt();
    let angle = rng.random::<f64>() * std::f64::consts::TAU;
    Place(
        CENTRE.0 + r * angle.sin() / 111.0,
        CENTRE.1 + r * angle.cos() / 60.5,
    )
}

fn quarter_hours(rng: &mut ChaCha8Rng, from: i32, to: i32) -> i32 {
    rng.random_range(from / 15..=to / 15) * 15
}

/// A week of work for the given size and seed.
pub fn instance(size: Size, seed: u64) -> Problem {
    let (people_count, task_count) = size.counts();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let companies = (task_count / 6).max(5) as u32;
    let sites: Vec<Place> = (0..companies).map(|_| around(&mut rng, 3.0)).collect();
    let people = (0..people_count)
        .map(|i| person(&mut rng, i, companies))
        .collect();
    let tasks = (0..task_count).map(|i| task(&mut rng, i, &sites)).collect();
    Problem {
        travel: Travel::default(),
        people,
        tasks,
    }
}

fn person(rng: &mut ChaCha8Rng, i: usize, companies: u32) -> Person {
    let cap = quarter_hours(rng, 5 * 60, 10 * 60);
    let target = (cap - quarter_hours(rng, 0, 120)).max(4 * 60);
    let mut days: Vec<i32> = (0..5).collect();
    days.shuffle(rng);
    let mut availability: Vec<(i32, i32)> = days[..rng.random_range(2..=4)]
        .iter()
        .map(|d| {
            let start = quarter_hours(rng, 7 * 60, 12 * 60);
            let length = quarter_hours(rng, 3 * 60, 6 * 60);
            (d * DAY + start, d * DAY + (start + length).min(18 * 60))
        })
        .collect();
    availability.sort_unstable();
    let how_many = rng.random_range(1..=4);
    let skills = SKILLS
        .choose_multiple(rng, how_many)
        .map(|s| s.to_string())
        .collect();
    let limits = Limits {
        max_lift_kg: rng
            .random_bool(0.5)
            .then(|| *[5, 10, 15, 20].choose(rng).unwrap_or(&10)),
        max_stretch_minutes: rng
            .random_bool(0.25)
            .then(|| *[90, 120, 180].choose(rng).unwrap_or(&120)),
        indoor_only: rng.random_bool(0.15),
        not_before: rng.random_bool(0.2).then_some(9 * 60),
        needs_colleague: rng.random_bool(0.05),
        max_travel_minutes: rng
            .random_bool(0.3)
            .then(|| *[20, 30, 40].choose(rng).unwrap_or(&30)),
    };
    let companies_before = (0..rng.random_range(0..=3))
        .map(|_| rng.random_range(0..companies))
        .collect();
    Person {
        id: format!("p{i}"),
        home: around(rng, 8.0),
        availability,
        cap_minutes: cap,
        target_minutes: target,
        booked_minutes: if rng.random_bool(0.1) { 60 } else { 0 },
        skills,
        limits,
        companies_before,
    }
}

fn task(rng: &mut ChaCha8Rng, i: usize, sites: &[Place]) -> Task {
    let company = rng.random_range(0..sites.len()) as u32;
    let day = rng.random_range(0..5);
    let duration = quarter_hours(rng, 60, 240).min(if rng.random_bool(0.7) { 150 } else { 240 });
    let earliest = day * DAY + quarter_hours(rng, 7 * 60, 15 * 60);
    let window = if rng.random_bool(0.5) {
        0
    } else {
        quarter_hours(rng, 60, 180)
    };
    let latest = (earliest + window)
        .min(day * DAY + 17 * 60 - duration)
        .max(earliest);
    let skills = if rng.random_bool(0.4) {
        vec![SKILLS.choose(rng).unwrap_or(&"cleaning").to_string()]
    } else {
        Vec::new()
    };
    let people_needed = if rng.random_bool(0.85) {
        1
    } else {
        rng.random_range(2..=3)
    };
    Task {
        id: format!("t{i}"),
        company,
        place: sites[company as usize],
        earliest_start: earliest,
        latest_start: latest,
        duration,
        skills,
        lift_kg: *[0, 0, 5, 10, 15, 25].choose(rng).unwrap_or(&0),
        outdoors: rng.random_bool(0.2),
        people_needed,
    }
}
