//! A large Alliance, deterministic by seed, for the benchmark and the property tests:
//! candidates around Aalborg with a few skills each — some skills common, most rare, as
//! real skills are — and needs asking one to four must-haves and up to four nice-to-haves.

use crate::{
    Candidate, CandidateKey, CandidateKind, Demands, Held, How, Limits, Need, Point, SkillId,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Aalborg's centre, around which homes and sites lie.
const CENTRE: Point = Point {
    latitude: 57.05,
    longitude: 9.92,
};
/// How far from the centre, in degrees, homes and sites spread.
const SPREAD: f64 = 0.1;

/// A skill drawn so that low numbers are common, as a few skills (cleaning, a driving
/// licence) are held by many and most by few: the square of a uniform draw leans to 0, so
/// skill k is drawn with a chance falling as 1/√k.
fn skill(rng: &mut ChaCha8Rng, skills: u32) -> SkillId {
    let u: f64 = rng.random();
    SkillId(((u * u) * f64::from(skills.max(1))) as u32 % skills.max(1))
}

fn near_centre(rng: &mut ChaCha8Rng) -> Point {
    Point {
        latitude: CENTRE.latitude + rng.random_range(-SPREAD..SPREAD),
        longitude: CENTRE.longitude + rng.random_range(-SPREAD..SPREAD),
    }
}

/// `candidates` candidates and `needs` needs over `skills` skills, the same for the same seed.
pub fn instance(
    seed: u64,
    candidates: usize,
    needs: usize,
    skills: u32,
) -> (Vec<Candidate>, Vec<Need>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let people = (0..candidates)
        .map(|i| candidate(&mut rng, i, skills))
        .collect();
    let asked = (0..needs).map(|i| need(&mut rng, i, skills)).collect();
    (people, asked)
}

/// `n` distinct skills, none of them in `taken`; fewer only when there are not that many.
fn distinct(rng: &mut ChaCha8Rng, n: usize, skills: u32, taken: &[SkillId]) -> Vec<SkillId> {
    let n = n.min((skills as usize).saturating_sub(taken.len()));
    let mut drawn: Vec<SkillId> = Vec::with_capacity(n);
    while drawn.len() < n {
        let s = skill(rng, skills);
        if !drawn.contains(&s) && !taken.contains(&s) {
            drawn.push(s);
        }
    }
    drawn
}

fn candidate(rng: &mut ChaCha8Rng, i: usize, skills: u32) -> Candidate {
    let person = rng.random_bool(0.6);
    let count = rng.random_range(3..=12);
    let held = distinct(rng, count, skills, &[])
        .into_iter()
        .map(|skill| Held {
            skill,
            // Only agency people have confirmed hours: students have not worked for it yet.
            how: if person && rng.random_bool(0.3) {
                How::Evidenced {
                    minutes: rng.random_range(60..12_000),
                    companies: rng.random_range(1..=4),
                }
            } else {
                How::Declared
            },
        })
        .collect();
    Candidate {
        key: CandidateKey {
            kind: if person {
                CandidateKind::Person
            } else {
                CandidateKind::Student
            },
            id: i as i64 + 1,
        },
        skills: held,
        hours_free: rng.random_range(3..=37),
        home: (person || rng.random_bool(0.5)).then(|| near_centre(rng)),
        available_from: rng.random_bool(0.2).then(|| rng.random_range(0..90)),
        limits: (person && rng.random_bool(0.4)).then(|| Limits {
            max_lift_kg: rng.random_bool(0.5).then(|| rng.random_range(5..=25)),
            indoor_only: rng.random_bool(0.2),
            no_standing: rng.random_bool(0.1),
        }),
    }
}

fn need(rng: &mut ChaCha8Rng, i: usize, skills: u32) -> Need {
    let musts = rng.random_range(1..=4);
    let must = distinct(rng, musts, skills, &[]);
    let nices = rng.random_range(0..=4);
    let nice = distinct(rng, nices, skills, &must);
    Need {
        id: i as i64 + 1,
        must,
        nice,
        hours: rng.random_range(3..=37),
        start: rng.random_range(0..60),
        site: rng.random_bool(0.9).then(|| near_centre(rng)),
        demands: Demands {
            lift_kg: *[0, 5, 10, 20].get(rng.random_range(0..4)).unwrap_or(&0),
            standing: rng.random_bool(0.4),
            outdoors: rng.random_bool(0.2),
        },
    }
}
