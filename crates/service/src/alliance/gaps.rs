//! The city's view of the Alliance: where companies ask for skills that too few candidates
//! have (the basis for training offers), and the figures the indicators report — needs
//! registered, positions filled, agency people moved into ordinary work, students placed —
//! each counted from the records as they stand.

use super::candidates::{Gathered, gather};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use domain::actor::Actor;
use domain::contact::Locale;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use store::alliance::NeedFilter;
use store::{PageRequest, Store};

/// How many months the trend looks back, this one included.
pub const TREND_MONTHS: usize = 6;

/// One skill's gap: open positions asking for it against candidates who have it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SkillGap {
    pub skill: String,
    pub label: String,
    /// Open positions whose need asks for the skill as a must-have.
    pub positions_must: i64,
    /// Open positions whose need asks for it at all.
    pub positions: i64,
    /// Candidates (agency people and students) who have it.
    pub candidates: i64,
    /// Positions minus candidates; the biggest first.
    pub gap: i64,
    /// Positions asked in needs registered each month, oldest first, [`TREND_MONTHS`] long.
    pub trend: Vec<i64>,
}

/// One ISCO-08 group's gap: open positions in needs for its occupations against the
/// candidates who have every must-have of at least one of them.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupGap {
    pub isco: String,
    pub label: String,
    pub positions: i64,
    pub candidates: i64,
    pub gap: i64,
}

/// The skills-gap report.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Gaps {
    /// The months of the trend, `YYYY-MM`, oldest first.
    pub months: Vec<String>,
    pub skills: Vec<SkillGap>,
    pub groups: Vec<GroupGap>,
}

fn month_of(text: &str) -> String {
    text.get(..7).unwrap_or_default().to_string()
}

/// The last [`TREND_MONTHS`] months up to `today`'s, oldest first.
fn months_to(today: NaiveDate) -> Vec<String> {
    let mut months = Vec::new();
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..TREND_MONTHS {
        months.push(format!("{y:04}-{m:02}"));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    months.reverse();
    months
}

/// The skills-gap report as it stands, the biggest gaps first. For the agency.
pub async fn report(store: &Store, by: &Actor, today: NaiveDate, locale: Locale) -> Result<Gaps> {
    crate::records::agency_only(by, "report")?;
    let Gathered {
        book,
        candidates,
        skills,
        ..
    } = gather(store, by).await?;
    // Candidates per canonical skill, counted from the engine's view of them.
    let mut having: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        for held in &c.skills {
            having
                .entry(skills.code(held.skill).to_string())
                .or_default()
                .insert(i);
        }
    }
    let open = super::open_needs(store).await?;
    let months = months_to(today);
    let mut by_skill: BTreeMap<String, SkillGap> = BTreeMap::new();
    let mut by_group: BTreeMap<String, (i64, BTreeSet<usize>)> = BTreeMap::new();
    for need in &open {
        let month = months.iter().position(|m| *m == month_of(&need.created_at));
        let musts: Vec<String> = need
            .skills
            .iter()
            .filter(|a| a.must)
            .map(|a| book.canonical(&a.skill))
            .collect();
        for asked in &need.skills {
            let canonical = book.canonical(&asked.skill);
            let gap = by_skill
                .entry(canonical.clone())
                .or_insert_with(|| SkillGap {
                    label: book.canonical_label(&canonical, locale),
                    skill: canonical.clone(),
                    positions_must: 0,
                    positions: 0,
                    candidates: having.get(&canonical).map_or(0, |s| s.len() as i64),
                    gap: 0,
                    trend: vec![0; TREND_MONTHS],
                });
            gap.positions = gap.positions.saturating_add(need.positions);
            if asked.must {
                gap.positions_must = gap.positions_must.saturating_add(need.positions);
            }
            if let Some(m) = month {
                gap.trend[m] = gap.trend[m].saturating_add(need.positions);
            }
        }
        let Some(group) = need
            .occupation
            .as_deref()
            .and_then(|o| esco::shipped().find(esco::Kind::Occupation, o))
            .map(|c| c.group.clone())
        else {
            continue;
        };
        let entry = by_group.entry(group).or_default();
        entry.0 = entry.0.saturating_add(need.positions);
        let mut fit: Option<BTreeSet<usize>> = None;
        for must in &musts {
            let with = having.get(must).cloned().unwrap_or_default();
            fit = Some(match fit {
                None => with,
                Some(f) => f.intersection(&with).copied().collect(),
            });
        }
        entry
            .1
            .extend(fit.unwrap_or_else(|| (0..candidates.len()).collect()));
    }
    let mut skills_out: Vec<SkillGap> = by_skill
        .into_values()
        .map(|mut g| {
            g.gap = g.positions - g.candidates;
            g
        })
        .collect();
    skills_out.sort_by(|a, b| b.gap.cmp(&a.gap).then(a.skill.cmp(&b.skill)));
    let mut groups: Vec<GroupGap> = by_group
        .into_iter()
        .map(|(isco, (positions, fit))| GroupGap {
            label: esco::shipped()
                .find(esco::Kind::Isco, &isco)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            candidates: fit.len() as i64,
            gap: positions - fit.len() as i64,
            isco,
            positions,
        })
        .collect();
    groups.sort_by(|a, b| b.gap.cmp(&a.gap).then(a.isco.cmp(&b.isco)));
    Ok(Gaps {
        months,
        skills: skills_out,
        groups,
    })
}

/// The Alliance's figures over a span of days, as the indicators report them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    /// Needs registered in the span.
    pub needs_registered: i64,
    /// Positions those needs asked for.
    pub positions_registered: i64,
    /// Introductions that ended in a hire in the span: positions filled through the Alliance.
    pub positions_filled: i64,
    /// Agency people hired into ordinary work (an ordinary job or a flex job) in the span.
    pub people_into_work: i64,
    /// Students and graduates hired in the span.
    pub students_placed: i64,
}

/// The figures for the days from `from` up to (not including) `to`, counted from the
/// needs and introductions as stored (days by their UTC date, as the records hold them).
pub async fn figures(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Figures> {
    let within = |at: &str| {
        NaiveDate::parse_from_str(at.get(..10).unwrap_or_default(), "%Y-%m-%d")
            .is_ok_and(|d| from <= d && d < to)
    };
    let mut f = Figures::default();
    let needs = store
        .needs(&NeedFilter::default(), PageRequest::all())
        .await?
        .items;
    for need in needs.iter().filter(|n| within(&n.created_at)) {
        f.needs_registered += 1;
        f.positions_registered = f.positions_registered.saturating_add(need.positions);
    }
    for intro in store.introductions(None, None).await? {
        if intro.status != "hired" || !intro.decided_at.as_deref().is_some_and(within) {
            continue;
        }
        f.positions_filled += 1;
        let ordinary = matches!(intro.hired_kind.as_deref(), Some("ordinary" | "flex"));
        match intro.candidate.kind.as_str() {
            "person" if ordinary => f.people_into_work += 1,
            "student" => f.students_placed += 1,
            _ => {}
        }
    }
    Ok(f)
}

/// The skills part of the report as the house CSV (`;`, BOM), for a spreadsheet.
pub fn to_csv(gaps: &Gaps) -> Result<Vec<u8>> {
    let rows: Vec<reports::alliance::GapRow> = gaps
        .skills
        .iter()
        .map(|g| reports::alliance::GapRow {
            skill: g.skill.clone(),
            label: g.label.clone(),
            positions_must: g.positions_must,
            positions: g.positions,
            candidates: g.candidates,
            gap: g.gap,
            trend: g.trend.clone(),
        })
        .collect();
    let mut out = Vec::new();
    reports::alliance::write_gaps(&mut out, &gaps.months, &rows).map_err(|e| {
        crate::ServiceError::Write {
            what: "skills-gap",
            reason: e.to_string(),
        }
    })?;
    Ok(out)
}
