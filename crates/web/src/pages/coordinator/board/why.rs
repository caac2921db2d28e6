//! The planner's reasons said in the page's language: why an occurrence has nobody, and
//! why a candidate ranks where they do. The engine gives codes and figures; the words
//! are the catalogues', and skills go by their labels.

use super::weekday_name;
use crate::pages::i18n::{Lang, Tr};
use crate::pages::locale;
use chrono::Weekday;
use service::agency::why::{Counted, DAY, Merit, Minute, MisfitKind, Unstaffed, clock};

/// A skill by its label in the page's language; a code the catalogue does not know as is.
fn skill(t: Tr, code: &str) -> String {
    domain::catalogue::Skill::parse(code)
        .map_or_else(|_| code.to_string(), |s| s.label(locale(t)).to_string())
}

/// `tirsdag 09:00–11:00` for minutes since Monday.
fn span(t: Tr, from: Minute, to: Minute) -> String {
    let day = Weekday::try_from(from.div_euclid(DAY).rem_euclid(7) as u8).unwrap_or(Weekday::Mon);
    t.fill(
        "board.why.span",
        &[
            ("weekday", weekday_name(t, day, true)),
            ("from", &clock(from)),
            ("to", &clock(to)),
        ],
    )
}

/// Why an occurrence has nobody, in the page's language.
pub fn unstaffed(t: Tr, why: &Unstaffed) -> String {
    match why {
        Unstaffed::NoPeople => t.get("board.why.no_people").to_string(),
        Unstaffed::SkillUnavailable {
            skill: code,
            from,
            to,
        } => t.fill(
            "board.why.skill_unavailable",
            &[("skill", &skill(t, code)), ("when", &span(t, *from, *to))],
        ),
        Unstaffed::NobodyFits { from, to, misfits } => {
            let parts: Vec<String> = misfits.iter().map(|m| misfit(t, m)).collect();
            t.fill(
                "board.why.nobody_fits",
                &[
                    ("when", &span(t, *from, *to)),
                    ("misfits", &parts.join(", ")),
                ],
            )
        }
        Unstaffed::TooFew {
            need,
            from,
            to,
            candidates,
            at_cap,
            busy,
            apart,
        } => {
            let count = |key: &str, n: &usize| t.fill(key, &[("n", &n.to_string())]);
            let mut parts = Vec::new();
            if at_cap == candidates {
                parts.push(t.get("board.why.all_at_cap").to_string());
            } else if *at_cap > 0 {
                parts.push(count("board.why.at_cap", at_cap));
            }
            if *busy > 0 {
                parts.push(count("board.why.busy", busy));
            }
            if *apart > 0 {
                parts.push(count("board.why.apart", apart));
            }
            let needs = if *need == 1 {
                t.get("board.why.one_person").to_string()
            } else {
                t.fill("board.why.people", &[("n", &need.to_string())])
            };
            t.fill(
                "board.why.too_few",
                &[
                    ("needs", &needs),
                    ("when", &span(t, *from, *to)),
                    ("candidates", &candidates.to_string()),
                    ("parts", &parts.join(", ")),
                ],
            )
        }
        // Stored as a sentence before reasons were values: shown as it was said.
        Unstaffed::Said { text } => text.clone(),
    }
}

fn misfit(t: Tr, counted: &Counted) -> String {
    let key = match counted.misfit {
        MisfitKind::Skill => "board.misfit.skill",
        MisfitKind::Lift => "board.misfit.lift",
        MisfitKind::Outdoors => "board.misfit.outdoors",
        MisfitKind::NeedsColleague => "board.misfit.needs_colleague",
        MisfitKind::Stretch => "board.misfit.stretch",
        MisfitKind::Travel => "board.misfit.travel",
        MisfitKind::Unavailable => "board.misfit.unavailable",
    };
    let lacked = counted
        .skill
        .as_deref()
        .map(|code| skill(t, code))
        .unwrap_or_default();
    t.fill(
        key,
        &[("n", &counted.count.to_string()), ("skill", &lacked)],
    )
}

/// Hours with one decimal in the page's notation: `2,5` or `2.5`.
fn hours(t: Tr, minutes: Minute) -> String {
    let text = format!("{:.1}", f64::from(minutes) / 60.0);
    match t.lang {
        Lang::Da => text.replace('.', ","),
        Lang::En => text,
    }
}

/// One reason a candidate ranks where they do, in the page's language.
pub fn merit(t: Tr, merit: &Merit) -> String {
    match merit {
        Merit::HasSkills { skills } => {
            let names: Vec<String> = skills.iter().map(|s| skill(t, s)).collect();
            t.fill("board.merit.has_skills", &[("skills", &names.join(", "))])
        }
        Merit::Hours {
            planned,
            target,
            cap,
        } => t.fill(
            "board.merit.hours",
            &[
                ("planned", &hours(t, *planned)),
                ("target", &hours(t, *target)),
                ("cap", &hours(t, *cap)),
            ],
        ),
        Merit::Returning => t.get("board.merit.returning").to_string(),
        Merit::FromHome { minutes } => t.fill(
            "board.merit.from_home",
            &[("minutes", &minutes.to_string())],
        ),
        Merit::OverCap => t.get("board.merit.over_cap").to_string(),
        Merit::Busy => t.get("board.merit.busy").to_string(),
    }
}
