//! Travel minutes the search asks for millions of times, worked out once: between the
//! distinct places tasks are at, and from every home to each of them. Tasks share places
//! (a company's site hosts many), so the tables stay small; past [`MAX_PLACES`] places
//! they would not, and travel is computed when asked.

use crate::problem::{Minute, Place, Problem, Travel};
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
    /// `between[a * places + b]`, when tabled; the same as `between[b * places + a]`, so
    /// a caller trying one task against many reads one row. As narrow as the longest trip
    /// allows (a byte in a city): the search reads it at random, and a smaller table
    /// stays in cache.
    between: Option<Table>,
    /// `from_home[p * places + a]`, when tabled.
    from_home: Option<Table>,
}

/// Minutes in the narrowest integers that hold them all.
#[derive(Clone)]
enum Table {
    U8(Vec<u8>),
    U16(Vec<u16>),
    I32(Vec<Minute>),
}

impl Table {
    fn new(minutes: Vec<Minute>) -> Self {
        let max = minutes.iter().copied().max().unwrap_or(0);
        let min = minutes.iter().copied().min().unwrap_or(0);
        if min >= 0 && max <= Minute::from(u8::MAX) {
            Self::U8(minutes.into_iter().map(|m| m as u8).collect())
        } else if min >= 0 && max <= Minute::from(u16::MAX) {
            Self::U16(minutes.into_iter().map(|m| m as u16).collect())
        } else {
            Self::I32(minutes)
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Minute {
        match self {
            Self::U8(v) => Minute::from(v[i]),
            Self::U16(v) => Minute::from(v[i]),
            Self::I32(v) => v[i],
        }
    }

    /// Sets entry `i`, widening the table when the value does not fit.
    fn set(&mut self, i: usize, minutes: Minute) {
        let fits = match self {
            Self::U8(_) => u8::try_from(minutes).is_ok(),
            Self::U16(_) => u16::try_from(minutes).is_ok(),
            Self::I32(_) => true,
        };
        if !fits {
            let all: Vec<Minute> = match self {
                Self::U8(v) => v.iter().map(|&m| Minute::from(m)).collect(),
                Self::U16(v) => v.iter().map(|&m| Minute::from(m)).collect(),
                Self::I32(v) => v.clone(),
            };
            *self = Self::I32(all);
        }
        match self {
            Self::U8(v) => v[i] = minutes as u8,
            Self::U16(v) => v[i] = minutes as u16,
            Self::I32(v) => v[i] = minutes,
        }
    }
}

/// A place with what the haversine formula needs of it worked out once: computing it
/// from these gives exactly [`crate::problem::Travel::minutes`] (the same operations in
/// the same order), with two cosines fewer per pair.
#[derive(Clone, Copy)]
struct Prepared {
    place: Place,
    latitude_radians: f64,
    cos_latitude: f64,
}

impl Prepared {
    fn new(place: Place) -> Self {
        let latitude_radians = place.0.to_radians();
        Self {
            place,
            latitude_radians,
            cos_latitude: latitude_radians.cos(),
        }
    }
}

/// [`crate::problem::Travel::minutes`] for prepared places; the formula is
/// `domain::place::Coordinates::haversine_metres`, step by step.
fn minutes(travel: &Travel, a: &Prepared, b: &Prepared) -> Minute {
    if a.place == b.place {
        return 0;
    }
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let dlat = b.latitude_radians - a.latitude_radians;
    let dlon = (b.place.1 - a.place.1).to_radians();
    let h =
        (dlat / 2.0).sin().powi(2) + a.cos_latitude * b.cos_latitude * (dlon / 2.0).sin().powi(2);
    let metres = 2.0 * EARTH_RADIUS_M * h.sqrt().asin();
    (metres * travel.detour / 1000.0 / travel.speed_kmh * 60.0).ceil() as Minute
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
        let mut distances = Self {
            place_of,
            places: n,
            between: None,
            from_home: None,
        };
        if n > MAX_PLACES {
            return distances;
        }
        let travel = &problem.travel;
        let prepared: Vec<Prepared> = places.iter().map(|&p| Prepared::new(p)).collect();
        // Travel is symmetric to the bit: from b to a, both differences only change sign,
        // the sine of a negated number is the negated sine, and it is squared. So half
        // the table is worked out and mirrored (`tables_equal_travel_minutes` checks).
        let mut between = vec![0; n * n];
        for a in 0..n {
            for b in a + 1..n {
                let m = minutes(travel, &prepared[a], &prepared[b]);
                between[a * n + b] = m;
                between[b * n + a] = m;
            }
        }
        distances.between = Some(Table::new(between));
        distances.from_home = Some(Table::new(
            problem
                .people
                .iter()
                .flat_map(|person| {
                    let home = Prepared::new(person.home);
                    prepared.iter().map(move |a| minutes(travel, &home, a))
                })
                .collect(),
        ));
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
                    from_home.set(p * self.places + a, problem.travel.minutes(home, place));
                }
            }
        }
        distances
    }

    /// Minutes from task `a`'s place to task `b`'s.
    #[inline]
    pub fn between(&self, problem: &Problem, a: usize, b: usize) -> Minute {
        match &self.between {
            Some(table) => {
                table.get(self.place_of[a] as usize * self.places + self.place_of[b] as usize)
            }
            None => problem
                .travel
                .minutes(problem.tasks[a].place, problem.tasks[b].place),
        }
    }

    /// Minutes from person `p`'s home to task `t`'s place.
    #[inline]
    pub fn home_to(&self, problem: &Problem, p: usize, t: usize) -> Minute {
        match &self.from_home {
            Some(table) => table.get(p * self.places + self.place_of[t] as usize),
            None => problem
                .travel
                .minutes(problem.people[p].home, problem.tasks[t].place),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Size, instance};

    /// The tables hold exactly what `Travel::minutes` gives, which the checker's rules
    /// are stated in — both ways round.
    #[test]
    fn tables_equal_travel_minutes() {
        let problem = instance(Size::M, 3);
        let distances = Distances::new(&problem);
        assert!(distances.between.is_some());
        let travel = &problem.travel;
        for (a, ta) in problem.tasks.iter().enumerate().step_by(3) {
            for (b, tb) in problem.tasks.iter().enumerate() {
                assert_eq!(
                    distances.between(&problem, a, b),
                    travel.minutes(ta.place, tb.place)
                );
            }
            for (p, person) in problem.people.iter().enumerate() {
                assert_eq!(
                    distances.home_to(&problem, p, a),
                    travel.minutes(person.home, ta.place)
                );
            }
        }
    }
}
