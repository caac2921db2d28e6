//! Explanations a coordinator can act on: why a task was left without people, and who
//! could take one task, ranked, each with why.

use crate::model::{Misfit, Model};
use crate::problem::Minute;
use crate::schedule::Schedule;
use crate::why::{Counted, Merit, MisfitKind, Unstaffed};
use serde::Serialize;
use std::collections::BTreeMap;

/// The earliest start and latest end of task `t`, in minutes since Monday.
fn span(model: &Model, t: usize) -> (Minute, Minute) {
    let task = model.task(t);
    (task.earliest_start, task.latest_start + task.duration)
}

/// Why task `t` has no people in `schedule`.
pub fn why_unassigned(schedule: &Schedule, t: usize) -> Unstaffed {
    let model = schedule.model;
    let candidates = &model.candidates[t];
    if candidates.is_empty() {
        return nobody_fits(model, t);
    }
    let (mut at_cap, mut busy) = (0, 0);
    for &p in candidates {
        let duration = model.task(t).duration;
        if schedule.used[p] + duration > model.person(p).cap_minutes {
            at_cap += 1;
        } else if !model.starts[t].iter().any(|&s| schedule.fits(p, t, s)) {
            busy += 1;
        }
    }
    let (from, to) = span(model, t);
    Unstaffed::TooFew {
        need: model.task(t).people_needed,
        from,
        to,
        candidates: candidates.len(),
        at_cap,
        busy,
        apart: candidates.len() - at_cap - busy,
    }
}

/// Names what keeps everyone from a task, most common reason first.
fn nobody_fits(model: &Model, t: usize) -> Unstaffed {
    if model.problem.people.is_empty() {
        return Unstaffed::NoPeople;
    }
    let mut counts: BTreeMap<MisfitKind, usize> = BTreeMap::new();
    let mut skills: BTreeMap<String, usize> = BTreeMap::new();
    for p in 0..model.problem.people.len() {
        match model.misfit(p, t) {
            Some(Misfit::Skill(s)) => *skills.entry(s).or_default() += 1,
            Some(m) => *counts.entry(m.kind()).or_default() += 1,
            None => {}
        }
    }
    let (from, to) = span(model, t);
    // Everyone who has the skill is free of every other misfit, yet no one could: say the skill.
    if counts.is_empty()
        && let Some(skill) = skills.keys().next()
    {
        return Unstaffed::SkillUnavailable {
            skill: skill.clone(),
            from,
            to,
        };
    }
    let mut misfits: Vec<Counted> = counts
        .into_iter()
        .map(|(misfit, count)| Counted {
            misfit,
            skill: None,
            count,
        })
        .chain(skills.into_iter().map(|(skill, count)| Counted {
            misfit: MisfitKind::Skill,
            skill: Some(skill),
            count,
        }))
        .collect();
    misfits.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.misfit.cmp(&b.misfit))
            .then(a.skill.cmp(&b.skill))
    });
    misfits.truncate(3);
    Unstaffed::NobodyFits { from, to, misfits }
}

impl Misfit {
    /// The kind of misfit, without its figures.
    fn kind(&self) -> MisfitKind {
        match self {
            Self::Skill(_) => MisfitKind::Skill,
            Self::Lift { .. } => MisfitKind::Lift,
            Self::Outdoors => MisfitKind::Outdoors,
            Self::NeedsColleague => MisfitKind::NeedsColleague,
            Self::Stretch { .. } => MisfitKind::Stretch,
            Self::Travel { .. } => MisfitKind::Travel,
            Self::Unavailable => MisfitKind::Unavailable,
        }
    }
}

/// One person considered for a task, and why they rank where they do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub person: usize,
    /// Whether they can take the task now, next to what they already do.
    pub can_take: bool,
    /// The best start for them, when they can.
    pub start: Option<Minute>,
    /// Their weighted gain (fairness, continuity, travel); higher ranks first.
    pub gain: i128,
    pub why: Vec<Merit>,
}

/// Everyone who fits task `t` statically, ranked: those who can take it now first, by gain.
pub fn recommend(schedule: &Schedule, t: usize) -> Vec<Candidate> {
    let model = schedule.model;
    let task = model.task(t);
    let mut out = Vec::new();
    for &p in &model.candidates[t] {
        let person = model.person(p);
        let best = model.starts[t]
            .iter()
            .filter(|&&s| schedule.crew[t].contains(&p) || schedule.fits(p, t, s))
            .map(|&s| (schedule.gain(p, t, s), s))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut why = Vec::new();
        if !task.skills.is_empty() {
            why.push(Merit::HasSkills {
                skills: task.skills.clone(),
            });
        }
        why.push(Merit::Hours {
            planned: schedule.used[p],
            target: person.target_minutes,
            cap: person.cap_minutes,
        });
        if model.returning(p, t) {
            why.push(Merit::Returning);
        }
        why.push(Merit::FromHome {
            minutes: model.home_to(p, t),
        });
        if best.is_none() {
            why.push(if schedule.used[p] + task.duration > person.cap_minutes {
                Merit::OverCap
            } else {
                Merit::Busy
            });
        }
        out.push(Candidate {
            person: p,
            can_take: best.is_some(),
            start: best.map(|b| b.1),
            gain: best.map_or(i128::MIN, |b| b.0),
            why,
        });
    }
    out.sort_by(|a, b| {
        b.can_take
            .cmp(&a.can_take)
            .then(b.gain.cmp(&a.gain))
            .then(a.person.cmp(&b.person))
    });
    out
}
