//! Reasons as values, not sentences: why a task was left without people, and why a
//! candidate ranks where they do. Each is a code with its parameters, so the pages can say
//! it in the reader's language through their catalogues; `Display` gives the English the
//! API and the command line print.

pub use crate::problem::{DAY, Minute};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why nobody (or too few) could be planned for a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Unstaffed {
    /// There is nobody to plan with at all.
    NoPeople,
    /// Nobody who has the skill is available from `from` to `to` (minutes since Monday).
    SkillUnavailable {
        skill: String,
        from: Minute,
        to: Minute,
    },
    /// Nobody fits the task: what keeps people away, most common first, with how many.
    NobodyFits {
        from: Minute,
        to: Minute,
        misfits: Vec<Counted>,
    },
    /// Some fit, but not `need` of them at one start: of the candidates, how many are at
    /// their weekly cap, busy then, or free but not together.
    TooFew {
        need: u8,
        from: Minute,
        to: Minute,
        candidates: usize,
        at_cap: usize,
        busy: usize,
        apart: usize,
    },
    /// A reason stored as an English sentence before reasons were values.
    Said { text: String },
}

/// One kind of misfit and how many people it keeps from a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    pub misfit: MisfitKind,
    /// The skill lacked, for [`MisfitKind::Skill`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    pub count: usize,
}

/// What keeps a person from a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MisfitKind {
    Skill,
    Lift,
    Outdoors,
    NeedsColleague,
    Stretch,
    Travel,
    Unavailable,
}

/// One reason a candidate ranks where they do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Merit {
    /// Has the task's skills.
    HasSkills { skills: Vec<String> },
    /// Minutes planned this week against the target and the cap.
    Hours {
        planned: Minute,
        target: Minute,
        cap: Minute,
    },
    /// Has worked for the company before.
    Returning,
    /// Minutes from home to the task.
    FromHome { minutes: Minute },
    /// Would go over the weekly cap.
    OverCap,
    /// Is busy with other tasks then.
    Busy,
}

/// A weekday and clock time for minutes since Monday 00:00: `Tue 09:00`.
pub fn when(minute: Minute) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = DAYS[minute.div_euclid(DAY).rem_euclid(7) as usize];
    format!("{day} {}", clock(minute))
}

/// The clock time of minutes since Monday: `09:30`.
pub fn clock(minute: Minute) -> String {
    let clock = minute.rem_euclid(DAY);
    format!("{:02}:{:02}", clock / 60, clock % 60)
}

fn span(from: Minute, to: Minute) -> String {
    format!("{}–{}", when(from), clock(to))
}

impl fmt::Display for Unstaffed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoPeople => f.write_str("no people to plan with"),
            Self::SkillUnavailable { skill, from, to } => write!(
                f,
                "no one with the skill {skill} is available {}",
                span(*from, *to)
            ),
            Self::NobodyFits { from, to, misfits } => {
                let parts: Vec<String> = misfits.iter().map(Counted::to_string).collect();
                write!(
                    f,
                    "no one can take it {}: {}",
                    span(*from, *to),
                    parts.join(", ")
                )
            }
            Self::TooFew {
                need,
                from,
                to,
                candidates,
                at_cap,
                busy,
                apart,
            } => {
                let people = if *need == 1 {
                    "1 person".to_string()
                } else {
                    format!("{need} people")
                };
                let mut parts = Vec::new();
                if *at_cap > 0 {
                    parts.push(if at_cap == candidates {
                        "all at their weekly cap".to_string()
                    } else {
                        format!("{at_cap} at their weekly cap")
                    });
                }
                if *busy > 0 {
                    parts.push(format!("{busy} busy with other tasks then"));
                }
                if *apart > 0 {
                    parts.push(format!("{apart} free but not at one start together"));
                }
                write!(
                    f,
                    "needs {people} {}; {candidates} candidate{}: {}",
                    span(*from, *to),
                    if *candidates == 1 { "" } else { "s" },
                    parts.join(", ")
                )
            }
            Self::Said { text } => f.write_str(text),
        }
    }
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.count;
        match (self.misfit, &self.skill) {
            (MisfitKind::Skill, Some(skill)) => write!(f, "{n} lack the skill {skill}"),
            (MisfitKind::Skill, None) => write!(f, "{n} lack a skill"),
            (MisfitKind::Lift, _) => write!(f, "{n} may not lift that much"),
            (MisfitKind::Outdoors, _) => write!(f, "{n} work indoors only"),
            (MisfitKind::NeedsColleague, _) => write!(f, "{n} need a colleague present"),
            (MisfitKind::Stretch, _) => write!(f, "{n} cannot work that long at a stretch"),
            (MisfitKind::Travel, _) => write!(f, "{n} live too far away"),
            (MisfitKind::Unavailable, _) => write!(f, "{n} are not available then"),
        }
    }
}

impl fmt::Display for Merit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hours = |m: &Minute| f64::from(*m) / 60.0;
        match self {
            Self::HasSkills { skills } => write!(f, "has {}", skills.join(", ")),
            Self::Hours {
                planned,
                target,
                cap,
            } => write!(
                f,
                "{:.1} of {:.1} hours target this week (cap {:.1})",
                hours(planned),
                hours(target),
                hours(cap)
            ),
            Self::Returning => f.write_str("has worked for this company before"),
            Self::FromHome { minutes } => write!(f, "{minutes} minutes from home"),
            Self::OverCap => f.write_str("would go over the weekly cap"),
            Self::Busy => f.write_str("is busy with other tasks then"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_back_as_the_values_they_were() {
        let why = Unstaffed::NobodyFits {
            from: 24 * 60 + 9 * 60,
            to: 24 * 60 + 11 * 60,
            misfits: vec![Counted {
                misfit: MisfitKind::Skill,
                skill: Some("gardening".into()),
                count: 37,
            }],
        };
        let json = serde_json::to_string(&why).unwrap();
        assert!(json.contains("\"code\":\"nobody_fits\""), "{json}");
        assert_eq!(serde_json::from_str::<Unstaffed>(&json).unwrap(), why);
        assert_eq!(
            why.to_string(),
            "no one can take it Tue 09:00–11:00: 37 lack the skill gardening"
        );
        assert_eq!(when(24 * 60 + 9 * 60 + 30), "Tue 09:30");
    }
}
