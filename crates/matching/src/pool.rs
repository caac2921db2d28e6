//! The candidates indexed by skill. A need's best are found by scoring only the candidates
//! who hold a skill it asks for; the others join in only when they could still place —
//! their score has a ceiling, since they meet nothing asked — so the answer is the one a
//! ranking of everyone would give, without its cost.

use crate::score::{WEIGHTS, normalised, score};
use crate::{Candidate, Match, Need, SkillId, better};
use std::collections::HashMap;

/// Candidates ready to match: skills in order, each once, and who holds each skill.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    candidates: Vec<Candidate>,
    holders: HashMap<SkillId, Vec<u32>>,
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
        all.sort_by(better);
        all.truncate(limit);
        all
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
    if limit == 0 || pool.candidates.is_empty() {
        return Vec::new();
    }
    if need.must.is_empty() {
        // Everyone has every must-have: no one can be left out unscored.
        return pool.rank_all(need, limit);
    }
    let mut touched = vec![false; pool.candidates.len()];
    for skill in need.must.iter().chain(&need.nice) {
        for &i in pool.holders.get(skill).map_or(&[][..], Vec::as_slice) {
            touched[i as usize] = true;
        }
    }
    let mut ranked: Vec<Match> = touched
        .iter()
        .enumerate()
        .filter(|(_, t)| **t)
        .filter_map(|(i, _)| score(&pool.candidates[i], need))
        .collect();
    ranked.sort_by(better);
    // The untouched miss a must-have, so they rank after every candidate who has them
    // all, and after any partial one scoring above their ceiling.
    let settled = ranked.len() >= limit
        && (ranked[limit - 1].all_musts()
            || ranked[limit - 1].score > ceiling_without_skills(need));
    if !settled {
        ranked.extend(
            touched
                .iter()
                .enumerate()
                .filter(|(_, t)| !**t)
                .filter_map(|(i, _)| score(&pool.candidates[i], need)),
        );
        ranked.sort_by(better);
    }
    ranked.truncate(limit);
    ranked
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
                    part.iter()
                        .map(|n| matches_for_need(n, pool, limit))
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
