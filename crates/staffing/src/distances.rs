//! Travel minutes the search asks for millions of times, worked out once: between the
//! distinct places tasks are at, and from every home to each of them. Tasks share places
//! (a company's site hosts many), so the tables stay small; past [`MAX_PLACES`] places
//! they would not, and travel is computed when asked.

use crate::problem::{Minute, Place, Problem};
use std::collections::BTreeMap;

/// More distinct task places than this and the tables are not built (4,000² minutes would
/// be 64 MB).
const MAX_PLACES: usize = 3_000;

/// Travel between task places and from homes to task places.
#[derive(Clone)]
pub struct Distances {
    /// Per task: the index of its place.
    place_of: Vec<u32>,
    places: usize,
    /// `between[a * places + b]`, when tabled. Sixteen bits halve the table, which the
    /// search reads at random: on XL (1,331 places) that made insertion tests faster.
    between: Option<Vec<u16>>,
    /// `from_home[p * places + a]`, when tabled.
    from_home: Option<Vec<Minute>>,
}

impl Distances {
    pub fn new(problem: &Problem) -> Self {
        let mut index: BTreeMap<(u64, u64), u32> = BTreeMap::new();
        let mut places: Vec<Place> = Vec::new();
        let place_of = problem
            .tasks
            .iter()
            .map(|t| {
                *index
                    .entry((t.place.0.to_bits(), t.place.1.to_bits()))
                    .or_insert_with(|| {
                        places.push(t.place);
                        (places.len() - 1) as u32
                    })
            })
            .collect();
        let n = places.len();
        let tabled = n <= MAX_PLACES;
        let between = tabled
            .then(|| {
                places
                    .iter()
                    .flat_map(|&a| places.iter().map(move |&b| problem.travel.minutes(a, b)))
                    .map(|m| u16::try_from(m).ok())
                    .collect::<Option<Vec<u16>>>()
            })
            .flatten();
        let mut distances = Self {
            place_of,
            places: n,
            between,
            from_home: None,
        };
        if tabled {
            distances.from_home = Some(
                problem
                    .people
                    .iter()
                    .flat_map(|person| {
                        places
                            .iter()
                            .map(|&a| problem.travel.minutes(person.home, a))
                    })
                    .collect(),
            );
        }
        distances
    }

    /// The same tables for `problem`, whose tasks are unchanged, with the homes of the
    /// `changed` people worked out again.
    pub fn with_changed_homes(&self, problem: &Problem, changed: &[usize]) -> Self {
        let mut distances = self.clone();
        if let Some(from_home) = distances.from_home.as_mut() {
            let mut places = vec![Place(0.0, 0.0); self.places];
            for (t, task) in problem.tasks.iter().enumerate() {
                places[self.place_of[t] as usize] = task.place;
            }
            for &p in changed {
                let home = problem.people[p].home;
                for (a, &place) in places.iter().enumerate() {
                    from_home[p * self.places + a] = problem.travel.minutes(home, place);
                }
            }
        }
        distances
    }

    /// Minutes from task `a`'s place to task `b`'s.
    pub fn between(&self, problem: &Problem, a: usize, b: usize) -> Minute {
        match &self.between {
            Some(table) => Minute::from(
                table[self.place_of[a] as usize * self.places + self.place_of[b] as usize],
            ),
            None => problem
                .travel
                .minutes(problem.tasks[a].place, problem.tasks[b].place),
        }
    }

    /// Minutes from person `p`'s home to task `t`'s place.
    pub fn home_to(&self, problem: &Problem, p: usize, t: usize) -> Minute {
        match &self.from_home {
            Some(table) => table[p * self.places + self.place_of[t] as usize],
            None => problem
                .travel
                .minutes(problem.people[p].home, problem.tasks[t].place),
        }
    }
}
