//! The planning problem as the engine sees it: a week of tasks and the people who may do
//! them, in minutes from the week's start. This is also the documented JSON format that
//! `kommune solve staffing FILE` reads (see `docs/staffing.md`).

use serde::{Deserialize, Serialize};

/// Minutes since Monday 00:00 (local time) of the planned week.
pub type Minute = i32;

/// Minutes in a day, for the rules that look at the clock (not before 09:00) or the day.
pub const DAY: Minute = 24 * 60;

/// A week of tasks and the people available for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// How travel time between two places is estimated.
    #[serde(default)]
    pub travel: Travel,
    pub people: Vec<Person>,
    pub tasks: Vec<Task>,
}

/// Travel time from coordinates: great-circle distance × a detour factor at a speed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Travel {
    /// Door-to-door speed in km/h; by bike and bus in Aalborg about 15.
    pub speed_kmh: f64,
    /// Roads are longer than the straight line; about 1.3 in a city.
    pub detour: f64,
}

impl Default for Travel {
    fn default() -> Self {
        Self {
            speed_kmh: 15.0,
            detour: 1.3,
        }
    }
}

impl Travel {
    /// Whole minutes from `a` to `b`, rounded up.
    pub fn minutes(&self, a: Place, b: Place) -> Minute {
        if a == b {
            return 0;
        }
        let metres = domain::place::Coordinates {
            latitude: a.0,
            longitude: a.1,
        }
        .haversine_metres(domain::place::Coordinates {
            latitude: b.0,
            longitude: b.1,
        });
        (metres * self.detour / 1000.0 / self.speed_kmh * 60.0).ceil() as Minute
    }
}

/// Latitude and longitude in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Place(pub f64, pub f64);

/// Someone who can be given tasks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub home: Place,
    /// When the person can work this week: `[start, end)` in minutes, weekly windows
    /// with absences already taken out.
    pub availability: Vec<(Minute, Minute)>,
    /// The weekly hour cap in minutes: never exceeded, counting `booked_minutes`.
    pub cap_minutes: i32,
    /// The weekly hours the person aims for, in minutes.
    pub target_minutes: i32,
    /// Minutes already booked this week outside this plan.
    #[serde(default)]
    pub booked_minutes: i32,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub limits: Limits,
    /// Companies the person has worked for before (continuity).
    #[serde(default)]
    pub companies_before: Vec<u32>,
}

/// Functional limits: what a person should not be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    pub max_lift_kg: Option<u16>,
    /// The longest task the person can do at a stretch, in minutes.
    pub max_stretch_minutes: Option<i32>,
    pub indoor_only: bool,
    /// Earliest start in a day, minutes after midnight.
    pub not_before: Option<i32>,
    /// Only tasks with at least one other person.
    pub needs_colleague: bool,
    /// Longest travel from home to a task, in minutes.
    pub max_travel_minutes: Option<i32>,
}

/// A task, or one occurrence of a recurring task request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub company: u32,
    pub place: Place,
    /// The start may be chosen in `[earliest_start, latest_start]`; equal for a fixed start.
    pub earliest_start: Minute,
    pub latest_start: Minute,
    pub duration: i32,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub lift_kg: u16,
    #[serde(default)]
    pub outdoors: bool,
    #[serde(default = "one")]
    pub people_needed: u8,
}

fn one() -> u8 {
    1
}

/// Why a problem cannot be planned as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemError {
    #[error("task {0}: {1}")]
    Task(String, String),
    #[error("person {0}: {1}")]
    Person(String, String),
    #[error("{0}")]
    Other(String),
}

impl Problem {
    /// Checks what the engine relies on: windows that end after they start, positive
    /// durations, sorted disjoint availability, unique ids, at most 64 skills.
    pub fn validate(&self) -> Result<(), ProblemError> {
        let mut ids = std::collections::BTreeSet::new();
        for t in &self.tasks {
            let bad = |why: &str| Err(ProblemError::Task(t.id.clone(), why.into()));
            if !ids.insert(("t", &t.id)) {
                return bad("the id appears twice");
            }
            if t.duration <= 0 || t.duration > DAY {
                return bad("the duration must be between 1 minute and a day");
            }
            if t.latest_start < t.earliest_start {
                return bad("the latest start is before the earliest");
            }
            if t.people_needed == 0 {
                return bad("needs at least one person");
            }
        }
        for p in &self.people {
            let bad = |why: &str| Err(ProblemError::Person(p.id.clone(), why.into()));
            if !ids.insert(("p", &p.id)) {
                return bad("the id appears twice");
            }
            if p.availability.iter().any(|(a, b)| b <= a) {
                return bad("an availability window ends before it starts");
            }
            if p.availability.windows(2).any(|w| w[1].0 < w[0].1) {
                return bad("availability windows must be sorted and not overlap");
            }
            if p.cap_minutes < 0 || p.target_minutes < 0 || p.booked_minutes < 0 {
                return bad("minutes cannot be negative");
            }
        }
        let skills: std::collections::BTreeSet<&String> = self
            .tasks
            .iter()
            .flat_map(|t| &t.skills)
            .chain(self.people.iter().flat_map(|p| &p.skills))
            .collect();
        if skills.len() > 64 {
            return Err(ProblemError::Other(format!(
                "{} skills; the engine handles at most 64",
                skills.len()
            )));
        }
        Ok(())
    }
}
