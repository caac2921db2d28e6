//! The needs for one candidate, ranked as needs rank candidates, and the skills that would
//! open more of them: a need whose only missing must-have is one skill opens with it.

use crate::score::{normalised, score};
use crate::{Candidate, Match, Need, SkillId};
use serde::Serialize;
use std::collections::BTreeMap;

/// The most openings an answer names.
pub const MAX_OPENINGS: usize = 5;

/// "With this skill, `needs` more needs fit."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Opening {
    pub skill: SkillId,
    pub needs: u32,
}

/// The best `limit` needs for the candidate (every must-have met first), and the skills
/// that would open the most needs they miss by one must-have, most first.
pub fn needs_for_candidate(
    candidate: &Candidate,
    needs: &[Need],
    limit: usize,
) -> (Vec<Match>, Vec<Opening>) {
    let mut candidate = candidate.clone();
    candidate.skills = normalised(std::mem::take(&mut candidate.skills));
    let scored: Vec<Match> = needs.iter().filter_map(|n| score(&candidate, n)).collect();
    let mut opens: BTreeMap<SkillId, u32> = BTreeMap::new();
    for m in &scored {
        let mut musts = m.missing.iter().filter(|x| x.must);
        if let (Some(only), None) = (musts.next(), musts.next()) {
            *opens.entry(only.skill).or_default() += 1;
        }
    }
    let mut openings: Vec<Opening> = opens
        .into_iter()
        .map(|(skill, needs)| Opening { skill, needs })
        .collect();
    openings.sort_by(|a, b| b.needs.cmp(&a.needs).then(a.skill.cmp(&b.skill)));
    openings.truncate(MAX_OPENINGS);
    let mut ranked = scored;
    ranked.sort_by(crate::better);
    ranked.truncate(limit);
    ranked.shrink_to_fit();
    (ranked, openings)
}
