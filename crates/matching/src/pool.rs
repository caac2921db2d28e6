//! The candidates indexed by skill. A need's best are found by placing only the candidates
//! who hold a skill it asks for; the others join in only when they could still place —
//! their score has a ceiling, since they meet nothing asked — so the answer is the one a
//! ranking of everyone would give, without its cost. Places are ranked as bare numbers;
//! only the few kept are spelled out as matches with their reasons.

use crate::score::{WEIGHTS, normalised, quick, score};
use crate::{Candidate, Match, Need, SkillId};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Candidates ready to match: skills in order, each once, and who holds each skill.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    candidates: Vec<Candidate>,
    holders: HashMap<SkillId, Vec<u32>>,
}

/// A candidate's place for a need: every must-have met, the score, and their index.
type Placed = (bool, f64, usize);

/// Room one thread reuses from need to need, so ranking a thousand needs does not ask the
/// allocator for a thousand rankings of thousands.
#[derive(Default)]
struct Scratch {
    touched: Vec<bool>,
    placed: Vec<Placed>,
}

impl Pool {
    /// Indexes the candidates.
    pub fn new(candidates: Vec<Candidate>) -> Self {
        let mut holders: HashMap<SkillId, Vec<u32>> = HashMap::new();
        let candidates: Vec<Candidate> = candidates
            .into_iter()
            .map(|mut c| {
                c.skills = normalised(std::mem::take(&mut c.skills));
                c
            })
            .collect();
        for (i, c) in candidates.iter().enumerate() {
            for held in &c.skills {
                holders.entry(held.skill).or_default().push(i as u32);
            }
        }
        Self {
            candidates,
            holders,
        }
    }

    /// The candidates, as indexed.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Every candidate scored and ranked, best first: the plain answer the index must
    /// equal, kept for tests and for checking.
    pub fn rank_all(&self, need: &Need, limit: usize) -> Vec<Match> {
        let mut all: Vec<Match> = self
            .candidates
            .iter()
            .filter_map(|c| score(c, need))
            .collect();
        all.sort_by(crate::better);
        all.truncate(limit);
        all
    }

    /// Candidate `i`'s place for the need, if their limits allow the work.
    fn place(&self, need: &Need, i: usize) -> Option<Placed> {
        quick(&self.candidates[i], need).map(|(all_musts, score)| (all_musts, score, i))
    }

    /// The ranking's order on places, as [`crate::better`] orders the matches they become.
    fn order(&self, a: &Placed, b: &Placed) -> Ordering {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(self.candidates[a.2].key.cmp(&self.candidates[b.2].key))
    }

    /// The best `limit` of `placed` (which is reordered), in order.
    fn keep_best(&self, placed: &mut [Placed], limit: usize) -> Vec<Placed> {
        if placed.len() > limit {
            placed.select_nth_unstable_by(limit - 1, |a, b| self.order(a, b));
        }
        let mut kept = placed[..placed.len().min(limit)].to_vec();
        kept.sort_by(|a, b| self.order(a, b));
        kept
    }

    /// The kept places as matches: met and missing skills and reasons spelled out.
    fn spell_out(&self, need: &Need, kept: Vec<Placed>) -> Vec<Match> {
        kept.into_iter()
            .filter_map(|(_, _, i)| score(&self.candidates[i], need))
            .collect()
    }

    /// The best `limit` for `need`, using `scratch` for the places.
    fn ranked(&self, need: &Need, limit: usize, scratch: &mut Scratch) -> Vec<Match> {
        if limit == 0 || self.candidates.is_empty() {
            return Vec::new();
        }
        let Scratch { touched, placed } = scratch;
        touched.clear();
        // Without must-haves everyone meets them all: no one may be left unplaced.
        touched.resize(self.candidates.len(), need.must.is_empty());
        for skill in need.must.iter().chain(&need.nice) {
            for &i in self.holders.get(skill).map_or(&[][..], Vec::as_slice) {
                touched[i as usize] = true;
            }
        }
        let place = |held: bool, placed: &mut Vec<Placed>| {
            let found = touched.iter().enumerate().filter(|(_, t)| **t == held);
            placed.extend(found.filter_map(|(i, _)| self.place(need, i)));
        };
        placed.clear();
        place(true, placed);
        let kept = self.keep_best(placed, limit);
        // The untouched miss a must-have, so they rank after every candidate who has them
        // all, and after any partial one scoring above their ceiling.
        let settled = kept.len() == limit
            && (kept[limit - 1].0 || kept[limit - 1].1 > ceiling_without_skills(need));
        let kept = if settled {
            kept
        } else {
            placed.clear();
            placed.extend(kept);
            place(false, placed);
            self.keep_best(placed, limit)
        };
        self.spell_out(need, kept)
    }
}

/// The most a candidate who holds no skill the need asks can score: hours, travel and
/// start in full, and the shares of an empty list of skills.
fn ceiling_without_skills(need: &Need) -> f64 {
    let w = WEIGHTS;
    let empty = |skills: &[SkillId]| if skills.is_empty() { 1.0 } else { 0.0 };
    w.must * empty(&need.must) + w.nice * empty(&need.nice) + w.hours + w.travel + w.start
}

/// The best `limit` candidates for `need`, best first, each with its reasons.
pub fn matches_for_need(need: &Need, pool: &Pool, limit: usize) -> Vec<Match> {
    pool.ranked(need, limit, &mut Scratch::default())
}

/// Every need's best `limit`, in the needs' order, computed on every core; the same as
/// [`matches_for_need`] for each.
pub fn top_for_every_need(needs: &[Need], pool: &Pool, limit: usize) -> Vec<Vec<Match>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .max(1);
    let chunk = needs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = needs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    part.iter()
                        .map(|n| pool.ranked(n, limit, &mut scratch))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}
