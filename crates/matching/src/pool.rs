//! The candidates indexed by skill. A need's best are found by placing only the candidates
//! who hold a skill it asks for; the others join in only when they could still place —
//! their score has a ceiling, since they meet nothing asked — so the answer is the one a
//! ranking of everyone would give, without its cost. Places are ranked as bare numbers;
//! only the few kept are spelled out as matches with their reasons.

use crate::score::{Asked, ceiling_without_skills, normalised, quick, score, score_asked};
use crate::{Candidate, Match, Need, SkillId};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering as Atomic};

/// Candidates ready to match: skills in order, each once, and who holds each skill.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    candidates: Vec<Candidate>,
    /// Skill → the indices of the candidates holding it, ascending. A map rather than a
    /// table by skill number, since the caller's numbers may be sparse.
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
    /// Indexes the candidates, once, so that every ranking after reads only the holders
    /// of the skills a need asks.
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

    /// The candidates as indexed (skills normalised), for callers that look one up.
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

    /// The ranking's order on places, as [`crate::better`] orders the matches they become.
    fn order(&self, a: &Placed, b: &Placed) -> Ordering {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(self.candidates[a.2].key.cmp(&self.candidates[b.2].key))
    }

    /// The best `limit` of `placed` (which is reordered), in order; `limit` is above 0.
    fn keep_best(&self, placed: &mut [Placed], limit: usize) -> Vec<Placed> {
        if placed.len() > limit {
            placed.select_nth_unstable_by(limit - 1, |a, b| self.order(a, b));
        }
        let mut kept = placed[..placed.len().min(limit)].to_vec();
        kept.sort_by(|a, b| self.order(a, b));
        kept
    }

    /// Marks the candidates holding a skill the need asks; everyone when it asks no
    /// must-have, as then everyone meets them all and no one may be passed over.
    fn touch(&self, need: &Need, touched: &mut Vec<bool>) {
        touched.clear();
        touched.resize(self.candidates.len(), need.must.is_empty());
        for skill in need.must.iter().chain(&need.nice) {
            for &i in self.holders.get(skill).map_or(&[][..], Vec::as_slice) {
                touched[i as usize] = true;
            }
        }
    }

    /// Adds the places of the candidates whose mark is `mark` (the excluded have none).
    fn place(
        &self,
        need: &Need,
        asked: &Asked,
        touched: &[bool],
        mark: bool,
        to: &mut Vec<Placed>,
    ) {
        let marked = touched.iter().enumerate().filter(|(_, t)| **t == mark);
        to.extend(marked.filter_map(|(i, _)| {
            quick(&self.candidates[i], need, asked).map(|(all, score)| (all, score, i))
        }));
    }

    /// The best `limit` for `need`, using `scratch` for the places.
    fn ranked(&self, need: &Need, limit: usize, scratch: &mut Scratch) -> Vec<Match> {
        if limit == 0 || self.candidates.is_empty() {
            return Vec::new();
        }
        let asked = Asked::of(need);
        let Scratch { touched, placed } = scratch;
        self.touch(need, touched);
        placed.clear();
        self.place(need, &asked, touched, true, placed);
        let mut kept = self.keep_best(placed, limit);
        // The untouched miss a must-have, so they rank after every candidate who has them
        // all, and after any partial one scoring above their ceiling (on a tie the key
        // decides, so a tie is not settled).
        let last = kept.last().copied();
        let settled = kept.len() == limit
            && last.is_some_and(|(all, score, _)| all || score > ceiling_without_skills(&asked));
        if !settled {
            placed.clear();
            placed.append(&mut kept);
            self.place(need, &asked, touched, false, placed);
            kept = self.keep_best(placed, limit);
        }
        kept.into_iter()
            .filter_map(|(_, _, i)| score_asked(&self.candidates[i], need, &asked))
            .collect()
    }
}

/// The best `limit` candidates for `need`, best first, each with its reasons.
pub fn matches_for_need(need: &Need, pool: &Pool, limit: usize) -> Vec<Match> {
    pool.ranked(need, limit, &mut Scratch::default())
}

/// Every need's best `limit`, in the needs' order, on up to every core; the same as
/// [`matches_for_need`] for each, since each need is ranked alone.
pub fn top_for_every_need(needs: &[Need], pool: &Pool, limit: usize) -> Vec<Vec<Match>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(needs.len());
    if threads <= 1 {
        let mut scratch = Scratch::default();
        return needs
            .iter()
            .map(|n| pool.ranked(n, limit, &mut scratch))
            .collect();
    }
    // Needs are handed out one at a time rather than in fixed chunks: a need asking a rare
    // must-have costs many times a common one, and fixed chunks would leave cores idle.
    let next = AtomicUsize::new(0);
    let work = || {
        let mut scratch = Scratch::default();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Atomic::Relaxed);
            let Some(need) = needs.get(i) else { break };
            done.push((i, pool.ranked(need, limit, &mut scratch)));
        }
        done
    };
    let parts: Vec<Vec<(usize, Vec<Match>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            // A panic in a worker is a bug to see, not an answer with needs missing.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut answers: Vec<Vec<Match>> = vec![Vec::new(); needs.len()];
    for (i, top) in parts.into_iter().flatten() {
        answers[i] = top;
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CandidateKey, CandidateKind, Demands, Held, How, Point};

    const SITE: Point = Point {
        latitude: 57.05,
        longitude: 9.92,
    };

    fn candidate(id: i64, skill: u32, hours_free: u16, home: Point, from: i32) -> Candidate {
        Candidate {
            key: CandidateKey {
                kind: CandidateKind::Student,
                id,
            },
            skills: vec![Held {
                skill: SkillId(skill),
                how: How::Declared,
            }],
            hours_free,
            home: Some(home),
            available_from: Some(from),
            limits: None,
        }
    }

    #[test]
    fn a_nice_to_have_that_is_also_a_must_have_does_not_hide_the_untouched() {
        let need = Need {
            id: 1,
            must: vec![SkillId(1), SkillId(2)],
            nice: vec![SkillId(1)],
            hours: 37,
            start: 0,
            site: Some(SITE),
            demands: Demands::default(),
        };
        let far = Point {
            latitude: 56.0,
            longitude: 9.92,
        };
        // Half the must-haves, but little time, far away and late: about 0.38.
        let partial = candidate(1, 1, 1, far, 90);
        // No skill asked, but everything else in full: 0.45, as no nice-to-have is left
        // to miss once skill 1 counts as a must-have.
        let untouched = candidate(2, 9, 37, SITE, 0);
        let pool = Pool::new(vec![partial, untouched]);
        let top = matches_for_need(&need, &pool, 1);
        assert_eq!(top, pool.rank_all(&need, 1));
        assert_eq!(top[0].candidate.id, 2);
    }

    #[test]
    fn a_need_without_must_haves_ranks_everyone() {
        let need = Need {
            id: 1,
            must: vec![],
            nice: vec![SkillId(5)],
            hours: 0,
            start: 0,
            site: None,
            demands: Demands::default(),
        };
        let pool = Pool::new(
            (0..30)
                .map(|i| candidate(i, i as u32 % 7, 5, SITE, 0))
                .collect(),
        );
        let top = matches_for_need(&need, &pool, 30);
        assert_eq!(top.len(), 30);
        assert!(top.iter().all(Match::all_musts));
        assert_eq!(top, pool.rank_all(&need, 30));
    }
}
