//! Matching both ways, for the agency: the candidates for a need, best first, and the
//! open needs that fit a candidate, with what one more skill would open. Each match keeps
//! the engine's structured reasons; the edges word them. Functional limits are checked
//! inside the engine (read once per run, logged as one read) and never leave it.

use super::candidates::{Gathered, Interner, engine_need, gather};
use super::skills::SkillBook;
use crate::{Result, ServiceError};
use domain::actor::Actor;
use domain::contact::Locale;
use matching::{CandidateKey, CandidateKind, How, Match, Pool, Reason};
use serde::Serialize;
use std::collections::HashMap;
use store::Store;
use store::alliance::Need;

/// The most matches one answer holds.
pub const MAX_LIMIT: usize = 200;

/// A skill a candidate has that the need asks for, and how it is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetOut {
    pub skill: String,
    pub label: String,
    /// `declared` or `evidenced`.
    pub how: &'static str,
    /// Confirmed minutes and companies, when evidenced.
    pub minutes: Option<u32>,
    pub companies: Option<u16>,
}

/// A skill the need asks for that the candidate lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingOut {
    pub skill: String,
    pub label: String,
    pub must: bool,
}

/// One candidate (or one need) in a ranking, with everything that placed it there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub candidate: CandidateKey,
    /// The candidate's name, or the need's title.
    pub name: String,
    pub need: i64,
    pub score: f64,
    pub met: Vec<MetOut>,
    pub missing: Vec<MissingOut>,
    pub reasons: Vec<Reason>,
}

/// "With this skill, N more needs fit."
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpeningOut {
    pub skill: String,
    pub label: String,
    pub needs: u32,
}

/// The needs that fit one candidate, and what one more skill would open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForCandidate {
    pub candidate: CandidateKey,
    pub name: String,
    pub needs: Vec<Ranked>,
    pub openings: Vec<OpeningOut>,
}

/// A candidate named as `person:12` or `student:3`.
pub fn parse_candidate(text: &str) -> Result<CandidateKey> {
    let bad = || {
        ServiceError::invalid(
            "candidate",
            format!("'{text}' is no candidate: write person:ID or student:ID"),
        )
    };
    let (kind, id) = text.trim().split_once(':').ok_or_else(bad)?;
    let kind = match kind {
        "person" => CandidateKind::Person,
        "student" => CandidateKind::Student,
        _ => return Err(bad()),
    };
    let id = id.parse::<i64>().map_err(|_| bad())?;
    Ok(CandidateKey { kind, id })
}

fn limit_of(limit: usize) -> Result<usize> {
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ServiceError::invalid(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ))
    }
}

/// Shows one engine match: skill codes as the need keeps them, named in `locale`.
fn ranked(
    m: Match,
    name: String,
    need: &Need,
    skills: &Interner,
    book: &SkillBook,
    locale: Locale,
) -> Ranked {
    // The need's own code for each canonical skill, so answers name what the need asked.
    let code = |id: matching::SkillId| {
        let canonical = skills.code(id);
        need.skills
            .iter()
            .find(|a| book.canonical(&a.skill) == canonical)
            .map_or_else(|| canonical.to_string(), |a| a.skill.clone())
    };
    Ranked {
        candidate: m.candidate,
        name,
        need: m.need,
        score: m.score,
        met: m
            .met
            .iter()
            .map(|met| {
                let skill = code(met.skill);
                let (how, minutes, companies) = match met.how {
                    How::Declared => ("declared", None, None),
                    How::Evidenced { minutes, companies } => {
                        ("evidenced", Some(minutes), Some(companies))
                    }
                };
                MetOut {
                    label: book.label(&skill, locale),
                    skill,
                    how,
                    minutes,
                    companies,
                }
            })
            .collect(),
        missing: m
            .missing
            .iter()
            .map(|miss| {
                let skill = code(miss.skill);
                MissingOut {
                    label: book.label(&skill, locale),
                    skill,
                    must: miss.must,
                }
            })
            .collect(),
        reasons: m.reasons,
    }
}

/// An open need the agency may match, or not found.
async fn open_need(store: &Store, id: i64) -> Result<Need> {
    store::live(store.need(id).await)?.ok_or_else(|| ServiceError::not_found("need"))
}

/// The best `limit` candidates for a need, best first, each with its reasons. For the
/// agency only: the ranking weighs functional limits.
pub async fn for_need(
    store: &Store,
    by: &Actor,
    need_id: i64,
    limit: usize,
    locale: Locale,
) -> Result<Vec<Ranked>> {
    crate::records::agency_only(by, "need")?;
    let limit = limit_of(limit)?;
    let need = open_need(store, need_id).await?;
    let Gathered {
        book,
        mut skills,
        candidates,
        names,
    } = gather(store, by).await?;
    let engine = engine_need(store, &mut skills, &book, &need).await?;
    let pool = Pool::new(candidates);
    Ok(matching::matches_for_need(&engine, &pool, limit)
        .into_iter()
        .map(|m| {
            let name = names.get(&m.candidate).cloned().unwrap_or_default();
            ranked(m, name, &need, &skills, &book, locale)
        })
        .collect())
}

/// The open needs that fit a candidate, best first, and the skills that would open more.
pub async fn for_candidate(
    store: &Store,
    by: &Actor,
    candidate: &CandidateKey,
    limit: usize,
    locale: Locale,
) -> Result<ForCandidate> {
    crate::records::agency_only(by, "candidate")?;
    let limit = limit_of(limit)?;
    let Gathered {
        book,
        mut skills,
        candidates,
        names,
    } = gather(store, by).await?;
    let Some(found) = candidates.into_iter().find(|c| &c.key == candidate) else {
        return Err(ServiceError::not_found("candidate"));
    };
    let open = super::open_needs(store).await?;
    let mut engine_needs = Vec::with_capacity(open.len());
    for need in &open {
        engine_needs.push(engine_need(store, &mut skills, &book, need).await?);
    }
    let by_id: HashMap<i64, &Need> = open.iter().map(|n| (n.id, n)).collect();
    let (fits, openings) = matching::needs_for_candidate(&found, &engine_needs, limit);
    let needs = fits
        .into_iter()
        .filter_map(|m| {
            let need = by_id.get(&m.need)?;
            Some(ranked(m, need.title.clone(), need, &skills, &book, locale))
        })
        .collect();
    let openings = openings
        .into_iter()
        .map(|o| {
            let canonical = skills.code(o.skill).to_string();
            OpeningOut {
                label: book.canonical_label(&canonical, locale),
                skill: canonical,
                needs: o.needs,
            }
        })
        .collect();
    Ok(ForCandidate {
        name: names.get(candidate).cloned().unwrap_or_default(),
        candidate: candidate.clone(),
        needs,
        openings,
    })
}
