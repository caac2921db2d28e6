//! The Alliance's candidates as the matching engine sees them: the agency's people, with
//! the skills they declared and the ones their confirmed hours prove ("84 confirmed hours
//! of warehouse work at 3 companies"), and the students who registered and agreed to be
//! contacted. Skills become the engine's numbers here, once per use-case.

use super::skills::SkillBook;
use crate::Result;
use chrono::{Datelike, NaiveDate};
use domain::actor::Actor;
use matching::{Candidate, CandidateKey, CandidateKind, Held, How, Limits, Point, SkillId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use store::alliance::Need;
use store::people::PeopleFilter;
use store::{PageRequest, Store};

/// The skill a task type's confirmed hours prove, besides the skills the task asked for.
const TASK_TYPE_EVIDENCE: [(&str, &str); 6] = [
    ("cleaning", "cleaning"),
    ("sorting", "sorting"),
    ("gardening", "gardening"),
    ("warehouse", "warehouse_picking"),
    ("office_help", "office_it"),
    ("driving", "driving_licence_b"),
];

/// Why the engine's matches read everyone's functional limits, as the log says it.
pub const LIMITS_PURPOSE: &str = "Alliance match: which needs the work's demands allow";

/// Skill codes made the engine's numbers, and back.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    codes: Vec<String>,
}

impl Interner {
    /// The number of a canonical code, given one the first time it is seen.
    pub fn id(&mut self, canonical: &str) -> SkillId {
        if let Some(id) = self.ids.get(canonical) {
            return SkillId(*id);
        }
        let id = self.codes.len() as u32;
        self.codes.push(canonical.to_string());
        self.ids.insert(canonical.to_string(), id);
        SkillId(id)
    }

    /// The number of a code already seen.
    pub fn known(&self, canonical: &str) -> Option<SkillId> {
        self.ids.get(canonical).map(|id| SkillId(*id))
    }

    /// The canonical code of a number.
    pub fn code(&self, id: SkillId) -> &str {
        self.codes.get(id.0 as usize).map_or("", String::as_str)
    }
}

/// Confirmed hours behind one skill of one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proof {
    pub minutes: u32,
    pub companies: BTreeSet<i64>,
}

/// Everything a match run needs: the catalogue, the numbered skills, the candidates, and
/// who each candidate is.
pub struct Gathered {
    pub book: SkillBook,
    pub skills: Interner,
    pub candidates: Vec<Candidate>,
    pub names: HashMap<CandidateKey, String>,
}

/// A day as the engine counts days.
pub fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// What each person's confirmed hours prove, by person and kept skill code.
pub async fn evidence(store: &Store) -> Result<BTreeMap<i64, BTreeMap<String, Proof>>> {
    let mut proven: BTreeMap<i64, BTreeMap<String, Proof>> = BTreeMap::new();
    for worked in store.worked_evidence().await? {
        let by_type = TASK_TYPE_EVIDENCE
            .iter()
            .find(|(t, _)| *t == worked.task_type)
            .map(|(_, s)| s.to_string());
        let skills: BTreeSet<String> = worked.required_skills.into_iter().chain(by_type).collect();
        let minutes = u32::try_from(worked.minutes.max(0)).unwrap_or(u32::MAX);
        for skill in skills {
            let proof = proven
                .entry(worked.person_id)
                .or_default()
                .entry(skill)
                .or_default();
            proof.minutes = proof.minutes.saturating_add(minutes);
            proof.companies.insert(worked.company_id);
        }
    }
    Ok(proven)
}

/// Gathers the candidates: the agency's people who have not left (their limits read
/// once, logged as one run) and the confirmed students who agreed to be contacted.
pub async fn gather(store: &Store, by: &Actor) -> Result<Gathered> {
    let book = SkillBook::load(store).await?;
    let mut skills = Interner::default();
    let mut candidates = Vec::new();
    let mut names = HashMap::new();
    let proven = evidence(store).await?;
    let limits: HashMap<i64, domain::person::FunctionalLimits> = store
        .limits_of_everyone(&crate::recorded(by), LIMITS_PURPOSE)
        .await?
        .into_iter()
        .collect();
    let mut added: HashMap<i64, Vec<String>> = HashMap::new();
    for (person, skill) in store.person_skills().await? {
        added.entry(person).or_default().push(skill);
    }
    let people = store
        .people(&PeopleFilter::default(), PageRequest::all())
        .await?;
    for person in people.items {
        if person.value.status.code() == "left" {
            continue;
        }
        let id = person.meta.id;
        let p = &person.value;
        let mut held: BTreeMap<SkillId, How> = BTreeMap::new();
        let codes = p.skills.iter().map(|s| s.code().to_string());
        for code in codes.chain(added.remove(&id).unwrap_or_default()) {
            held.insert(skills.id(&book.canonical(&code)), How::Declared);
        }
        for (code, proof) in proven.get(&id).into_iter().flatten() {
            held.insert(
                skills.id(&book.canonical(code)),
                How::Evidenced {
                    minutes: proof.minutes,
                    companies: u16::try_from(proof.companies.len()).unwrap_or(u16::MAX),
                },
            );
        }
        let key = CandidateKey {
            kind: CandidateKind::Person,
            id,
        };
        names.insert(key.clone(), p.name.clone());
        candidates.push(Candidate {
            key,
            skills: held
                .into_iter()
                .map(|(skill, how)| Held { skill, how })
                .collect(),
            hours_free: u16::try_from(p.weekly_cap.minutes() / 60).unwrap_or(37),
            home: Some(Point {
                latitude: p.home.coordinates.latitude,
                longitude: p.home.coordinates.longitude,
            }),
            available_from: None,
            limits: Some(engine_limits(limits.get(&id))),
        });
    }
    for student in store.students().await? {
        if !student.consent {
            continue;
        }
        let key = CandidateKey {
            kind: CandidateKind::Student,
            id: student.id,
        };
        names.insert(key.clone(), student.name.clone());
        let held: BTreeSet<SkillId> = student
            .skills
            .iter()
            .map(|s| skills.id(&book.canonical(s)))
            .collect();
        candidates.push(Candidate {
            key,
            skills: held
                .into_iter()
                .map(|skill| Held {
                    skill,
                    how: How::Declared,
                })
                .collect(),
            hours_free: u16::try_from(student.hours_free).unwrap_or(0),
            // No table of postcode centres could be shipped (see docs/alliance.md): a
            // student's travel is left out and the reason says so.
            home: None,
            available_from: None,
            limits: None,
        });
    }
    Ok(Gathered {
        book,
        skills,
        candidates,
        names,
    })
}

/// A person's limits as the engine checks them against a need's demands; none recorded
/// is no limit.
fn engine_limits(limits: Option<&domain::person::FunctionalLimits>) -> Limits {
    Limits {
        max_lift_kg: limits.and_then(|l| l.max_lift_kg),
        indoor_only: limits.is_some_and(|l| l.indoor_only),
        no_standing: false,
    }
}

/// A need as the engine sees it; its site's coordinates when it names a site.
pub async fn engine_need(
    store: &Store,
    skills: &mut Interner,
    book: &SkillBook,
    need: &Need,
) -> Result<matching::Need> {
    let site = match need.site_id {
        Some(site_id) => {
            let company = store.company(need.company_id).await?.value;
            company
                .site_ids
                .iter()
                .position(|s| *s == site_id)
                .and_then(|i| company.company.sites.get(i))
                .map(|s| Point {
                    latitude: s.address.coordinates.latitude,
                    longitude: s.address.coordinates.longitude,
                })
        }
        None => None,
    };
    let start = NaiveDate::parse_from_str(&need.start_on, "%Y-%m-%d")
        .map(day_number)
        .unwrap_or_default();
    let mut must = Vec::new();
    let mut nice = Vec::new();
    for asked in &need.skills {
        let id = skills.id(&book.canonical(&asked.skill));
        if asked.must {
            must.push(id)
        } else {
            nice.push(id)
        }
    }
    Ok(matching::Need {
        id: need.id,
        must,
        nice,
        hours: u16::try_from(need.hours_per_week).unwrap_or(37),
        start,
        site,
        demands: matching::Demands {
            lift_kg: u16::try_from(need.lift_kg).unwrap_or(0),
            standing: need.standing,
            outdoors: need.outdoors,
        },
    })
}

/// Adds a catalogue skill to one of the agency's people, for matching: a local skill's
/// code, `esco:ID` or an ESCO skill's URI; anything else is refused naming `skill`.
pub async fn add_person_skill(
    store: &Store,
    by: &Actor,
    person_id: i64,
    skill: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    crate::records::agency_only(by, "person")?;
    let book = SkillBook::load(store).await?;
    let code = book.resolve(skill).ok_or_else(|| {
        crate::ServiceError::invalid(
            "skill",
            format!("'{}' is no skill in the catalogue", skill.trim()),
        )
    })?;
    store
        .add_person_skill(person_id, &code, &crate::recorded(by), now)
        .await?;
    Ok(code)
}

/// Takes an added skill from one of the agency's people.
pub async fn remove_person_skill(
    store: &Store,
    by: &Actor,
    person_id: i64,
    skill: &str,
) -> Result<()> {
    crate::records::agency_only(by, "person")?;
    Ok(store.remove_person_skill(person_id, skill).await?)
}

/// The skills added to one person, each with its name.
pub async fn person_skills(
    store: &Store,
    by: &Actor,
    person_id: i64,
    locale: domain::contact::Locale,
) -> Result<Vec<(String, String)>> {
    crate::records::agency_only(by, "person")?;
    let book = SkillBook::load(store).await?;
    Ok(store
        .person_skills()
        .await?
        .into_iter()
        .filter(|(p, _)| *p == person_id)
        .map(|(_, code)| (book.label(&code, locale), code))
        .collect())
}
