//! Explanations a coordinator can act on: why a task was left without people, and who
//! could take one task, ranked, each with why.

use crate::model::{Misfit, Model};
use crate::problem::{DAY, Minute};
use crate::schedule::Schedule;
use serde::Serialize;
use std::collections::BTreeMap;

/// A weekday and clock time for minutes since Monday 00:00: `Tue 09:00`.
pub fn when(minute: Minute) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = DAYS[minute.div_euclid(DAY).rem_euclid(7) as usize];
    let clock = minute.rem_euclid(DAY);
    format!("{day} {:02}:{:02}", clock / 60, clock % 60)
}

fn span(model: &Model, t: usize) -> String {
    let task = model.task(t);
    let end = task.latest_start + task.duration;
    format!(
        "{}–{:02}:{:02}",
        when(task.earliest_start),
        end.rem_euclid(DAY) / 60,
        end.rem_euclid(DAY) % 60
    )
}

/// Why task `t` has no people in `schedule`.
pub fn why_unassigned(schedule: &Schedule, t: usize) -> String {
    let model = schedule.model;
    let need = usize::from(model.task(t).people_needed);
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
    let free = candidates.len() - at_cap - busy;
    let people = if need == 1 {
        "1 person".to_string()
    } else {
        format!("{need} people")
    };
    let mut parts = Vec::new();
    if at_cap > 0 {
        parts.push(if at_cap == candidates.len() {
            "all at their weekly cap".to_string()
        } else {
            format!("{at_cap} at their weekly cap")
        });
    }
    if busy > 0 {
        parts.push(format!("{busy} busy with other tasks then"));
    }
    if free > 0 {
        parts.push(format!("{free} free but not at one start together"));
    }
    format!(
        "needs {people} {}; {} candidate{}: {}",
        span(model, t),
        candidates.len(),
        if candidates.len() == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// Names what keeps everyone from a task, most common reason first.
fn nobody_fits(model: &Model, t: usize) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut skills: BTreeMap<String, usize> = BTreeMap::new();
    for p in 0..model.problem.people.len() {
        match model.misfit(p, t) {
            Some(Misfit::Skill(s)) => *skills.entry(s).or_default() += 1,
            Some(m) => *counts.entry(m.describe_kind()).or_default() += 1,
            None => {}
        }
    }
    if model.problem.people.is_empty() {
        return "no people to plan with".into();
    }
    let holders_available = !skills.is_empty() && counts.is_empty();
    if let Some((skill, _)) = skills
        .iter()
        .next()
        .filter(|_| holders_available || counts.is_empty())
    {
        return format!(
            "no one with the skill {skill} is available {}",
            span(model, t)
        );
    }
    let mut parts: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    for (s, n) in skills {
        parts.push((n, format!("lack the skill {s}")));
    }
    parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let text: Vec<String> = parts
        .iter()
        .take(3)
        .map(|(n, k)| format!("{n} {k}"))
        .collect();
    format!("no one can take it {}: {}", span(model, t), text.join(", "))
}

impl Misfit {
    /// The reason as a plural phrase for counts: "are not available then".
    fn describe_kind(&self) -> String {
        match self {
            Self::Skill(s) => format!("lack the skill {s}"),
            Self::Lift { .. } => "may not lift that much".into(),
            Self::Outdoors => "work indoors only".into(),
            Self::NeedsColleague => "need a colleague present".into(),
            Self::Stretch { .. } => "cannot work that long at a stretch".into(),
            Self::Travel { .. } => "live too far away".into(),
            Self::Unavailable => "are not available then".into(),
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
    pub why: Vec<String>,
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
            why.push(format!("has {}", task.skills.join(", ")));
        }
        why.push(format!(
            "{:.1} of {:.1} hours target this week (cap {:.1})",
            f64::from(schedule.used[p]) / 60.0,
            f64::from(person.target_minutes) / 60.0,
            f64::from(person.cap_minutes) / 60.0
        ));
        if model.returning(p, t) {
            why.push("has worked for this company before".into());
        }
        why.push(format!("{} minutes from home", model.home_to(p, t)));
        if best.is_none() {
            why.push(if schedule.used[p] + task.duration > person.cap_minutes {
                "would go over the weekly cap".into()
            } else {
                "is busy with other tasks then".into()
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

#[cfg(test)]
mod tests {
    #[test]
    fn when_names_the_day_and_time() {
        assert_eq!(super::when(24 * 60 + 9 * 60 + 30), "Tue 09:30");
    }
}
