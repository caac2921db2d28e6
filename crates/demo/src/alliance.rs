//! The Aalborg Alliance in the demo: companies' competence needs over the last six months,
//! a hundred students and new graduates who registered and confirmed, meetings with their
//! follow-ups, and introductions in every state from proposed to hired. The agency's people
//! bring their skills and the hours the demo's past weeks confirmed. Deterministic by seed.

use crate::names::{GROUPS, ascii_slug};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use store::alliance::dialogue::{CandidateRef, FollowUp, Meeting, Outcome};
use store::alliance::students::Student;
use store::alliance::{Asked, Need};
use store::companies::CompanyFilter;
use store::competences::DanishName;
use store::people::PeopleFilter;
use store::{Actor, PageRequest, Store, StoreError};

/// How many of the demo's companies take part in the Alliance.
pub const ALLIANCE_COMPANIES: usize = 18;
/// How many students and graduates registered.
pub const STUDENTS: usize = 100;

/// Roles companies ask for: the ESCO occupation's id (as shipped) and a Danish title.
const ROLES: [(&str, &str); 10] = [
    ("bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "Lagermedarbejder"),
    ("e1cf6897-158d-4b48-a39e-2a3a8cac216c", "Køkkenmedhjælper"),
    (
        "303a1e34-cb16-4054-b323-81e5eec17397",
        "Rengøringsassistent",
    ),
    ("e7970c7a-7769-4002-87d3-0a8ea94fdd6f", "Anlægsgartner"),
    ("6c999fc7-c6b7-4ef3-a4b9-af124a1783a2", "Kontorassistent"),
    ("0b15375e-dfdd-4047-9efb-096e0aaee7d2", "Butiksassistent"),
    ("eeac6251-1974-42f5-91ed-513c6c883755", "Truckfører"),
    ("3a959644-beed-4afc-8e57-d5068ae6a43e", "Cykelbud"),
    (
        "13d1b2b4-99dd-44da-9734-c9f74bae18f7",
        "Kundeservicemedarbejder",
    ),
    ("d3edb8f8-3a06-47a0-8fb9-9b212c006aa2", "Dataanalytiker"),
];

/// The skills each role asks for, first the must-haves: local codes, and ESCO skills as
/// `esco:` and their id (Danish language, spreadsheets, English).
const ROLE_SKILLS: [&[&str]; 10] = [
    &[
        "warehouse_picking",
        "forklift",
        "esco:a5b0cd5c-e13a-4ab3-8d93-4d242adcfb01",
    ],
    &[
        "kitchen_hygiene",
        "cleaning",
        "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1",
    ],
    &["cleaning", "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1"],
    &["gardening", "power_tools", "driving_licence_b"],
    &[
        "office_it",
        "esco:1973c966-f236-40c9-b2d4-5d71a89019be",
        "customer_service",
    ],
    &[
        "customer_service",
        "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1",
        "sorting",
    ],
    &["forklift", "warehouse_picking", "first_aid"],
    &["cargo_bike", "customer_service"],
    &[
        "customer_service",
        "esco:0ee9e985-0ee5-4a73-8a12-78b53b261bb2",
        "office_it",
    ],
    &[
        "esco:1973c966-f236-40c9-b2d4-5d71a89019be",
        "office_it",
        "esco:3993c87c-7719-4186-811b-8ddfb40e76be",
    ],
];

/// Danish names the demo's agency gave the ESCO skills it uses: (id, name).
const DANISH_SKILLS: [(&str, &str); 5] = [
    ("a5b0cd5c-e13a-4ab3-8d93-4d242adcfb01", "Samarbejde"),
    ("273a28d6-1bd3-4d13-a906-3d75c1cfdfc1", "Dansk"),
    ("1973c966-f236-40c9-b2d4-5d71a89019be", "Regneark"),
    ("0ee9e985-0ee5-4a73-8a12-78b53b261bb2", "Tale engelsk"),
    ("3993c87c-7719-4186-811b-8ddfb40e76be", "Skrive engelsk"),
];

/// What students study.
const EDUCATIONS: [&str; 8] = [
    "Datamatiker, UCN",
    "Markedsføringsøkonom, UCN",
    "Cand.it., Aalborg Universitet",
    "Logistikøkonom, UCN",
    "Sygeplejerske, UCN",
    "HHX, Aalborg Handelsskole",
    "Kok, AMU Nordjylland",
    "Byggetekniker, UCN",
];

/// The skills students choose among.
const STUDENT_SKILLS: [&str; 12] = [
    "customer_service",
    "office_it",
    "cargo_bike",
    "driving_licence_b",
    "first_aid",
    "kitchen_hygiene",
    "cleaning",
    "warehouse_picking",
    "esco:273a28d6-1bd3-4d13-a906-3d75c1cfdfc1",
    "esco:1973c966-f236-40c9-b2d4-5d71a89019be",
    "esco:0ee9e985-0ee5-4a73-8a12-78b53b261bb2",
    "esco:3993c87c-7719-4186-811b-8ddfb40e76be",
];

/// What [`install_alliance`] stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AllianceCount {
    pub needs: usize,
    pub students: usize,
    pub meetings: usize,
    pub introductions: usize,
}

/// Stores the Alliance's demo after the agency's records and past weeks.
pub async fn install_alliance(
    store: &Store,
    seed: u64,
    start: NaiveDate,
) -> Result<AllianceCount, StoreError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0A11_A4CE);
    let by = Actor("demo".into());
    let noon = |day: NaiveDate| -> DateTime<Utc> {
        day.and_hms_opt(11, 0, 0).unwrap_or_default().and_utc()
    };
    for (id, name) in DANISH_SKILLS {
        let named = DanishName {
            kind: "skill".into(),
            esco_id: id.into(),
            name_da: name.into(),
        };
        store.set_danish_name(&named, &by).await?;
    }
    for (id, name) in ROLES {
        let named = DanishName {
            kind: "occupation".into(),
            esco_id: id.into(),
            name_da: name.into(),
        };
        store.set_danish_name(&named, &by).await?;
    }
    let mut count = AllianceCount::default();
    let students = install_students(store, &mut rng, noon(start - Duration::days(30))).await?;
    count.students = students.len();
    let people: Vec<i64> = store
        .people(&PeopleFilter::default(), PageRequest::all())
        .await?
        .items
        .iter()
        .map(|p| p.meta.id)
        .collect();
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?
        .items;
    for company in companies.iter().take(ALLIANCE_COMPANIES) {
        let mut needs = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            let role = rng.random_range(0..ROLES.len());
            let asked = ROLE_SKILLS[role];
            let musts = rng.random_range(1..=2).min(asked.len());
            let created = start - Duration::days(rng.random_range(0..180));
            let need = Need {
                id: 0,
                company_id: company.meta.id,
                site_id: company.value.site_ids.first().copied(),
                occupation: Some(ROLES[role].0.to_string()),
                title: ROLES[role].1.to_string(),
                description: String::new(),
                hours_per_week: *[8, 15, 20, 25, 37].choose(&mut rng).unwrap_or(&15),
                start_on: (start + Duration::days(rng.random_range(7..60))).to_string(),
                kind: ["ordinary", "flex", "student", "internship", "small_job"]
                    .choose(&mut rng)
                    .unwrap_or(&"ordinary")
                    .to_string(),
                positions: rng.random_range(1..=3),
                lift_kg: *[0, 5, 15, 25].choose(&mut rng).unwrap_or(&0),
                standing: rng.random_bool(0.5),
                outdoors: role == 3 || role == 7,
                status: "open".into(),
                skills: asked
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Asked {
                        skill: (*s).to_string(),
                        must: i < musts,
                    })
                    .collect(),
                created_at: String::new(),
                updated_at: String::new(),
            };
            let id = store.create_need(&need, &by, noon(created)).await?;
            needs.push(id);
            count.needs += 1;
        }
        let held = start - Duration::days(rng.random_range(5..90));
        let meeting = Meeting {
            id: 0,
            company_id: company.meta.id,
            held_on: held.to_string(),
            attendees: format!(
                "{}, jobkonsulent Hanne Møller",
                company
                    .value
                    .company
                    .contacts
                    .first()
                    .map_or("", |c| c.name.as_str())
            ),
            needs: needs.clone(),
            notes: "Gennemgik behovene og mulige kandidater fra jobcentret og UCN.".into(),
            follow_ups: vec![FollowUp {
                what: "Send profiler på to kandidater".into(),
                owner: "Hanne Møller".into(),
                due_on: (held + Duration::days(14)).to_string(),
                done_at: None,
            }],
        };
        store.add_meeting(&meeting, &by, noon(held)).await?;
        count.meetings += 1;
        for need in needs {
            count.introductions +=
                introduce(store, &mut rng, need, &people, &students, noon(start)).await?;
        }
    }
    Ok(count)
}

/// A hundred students, registered a month before the start and confirmed.
async fn install_students(
    store: &Store,
    rng: &mut ChaCha8Rng,
    at: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::new();
    for i in 0..STUDENTS {
        let group = &GROUPS[i % GROUPS.len()];
        let first = group.first.choose(rng).copied().unwrap_or("Alex");
        let last = group.last.choose(rng).copied().unwrap_or("Jensen");
        let how_many = rng.random_range(2..=5);
        let mut skills: Vec<String> = STUDENT_SKILLS
            .choose_multiple(rng, how_many)
            .map(|s| (*s).to_string())
            .collect();
        skills.sort();
        let student = Student {
            id: 0,
            name: format!("{first} {last}"),
            email: format!(
                "{}.{}.{i}@stud.example.dk",
                ascii_slug(first),
                ascii_slug(last)
            ),
            education: EDUCATIONS
                .choose(rng)
                .copied()
                .unwrap_or_default()
                .to_string(),
            skills,
            hours_free: *[8, 10, 12, 15, 20, 37].choose(rng).unwrap_or(&10),
            languages: match group.language {
                Some(l) => vec!["da".into(), l.to_string()],
                None => vec!["da".into(), "en".into()],
            },
            postcode: ["9000", "9200", "9210", "9220", "9400"]
                .choose(rng)
                .copied()
                .unwrap_or("9000")
                .into(),
            consent: rng.random_bool(0.9),
            created_at: String::new(),
            confirmed_at: None,
            updated_at: String::new(),
        };
        let registered = store.register_student(&student, at).await?;
        store.student_by_token(&registered.token, at).await?;
        ids.push(registered.id);
    }
    Ok(ids)
}

/// Proposes up to three candidates for a need and takes each as far as the dice say.
async fn introduce(
    store: &Store,
    rng: &mut ChaCha8Rng,
    need: i64,
    people: &[i64],
    students: &[i64],
    at: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let by = Actor("demo".into());
    let mut made = 0;
    for _ in 0..rng.random_range(0..=3) {
        let who = if rng.random_bool(0.5) && !people.is_empty() {
            CandidateRef {
                kind: "person".into(),
                id: *people.choose(rng).unwrap_or(&people[0]),
            }
        } else {
            CandidateRef {
                kind: "student".into(),
                id: *students.choose(rng).unwrap_or(&1),
            }
        };
        let Ok((id, _)) = store.propose(need, &who, &by, at).await else {
            continue; // The same candidate drawn twice for one need.
        };
        made += 1;
        match rng.random_range(0..6) {
            0 => {}
            1 => store.answer_introduction(id, false, at).await?,
            2 => store.answer_introduction(id, true, at).await?,
            3 => {
                store.answer_introduction(id, true, at).await?;
                store
                    .decide_introduction(id, &Outcome::Interview, &by, at)
                    .await?;
            }
            4 => {
                store.answer_introduction(id, true, at).await?;
                let outcome = Outcome::Hired {
                    hours: 15,
                    kind: "ordinary".into(),
                };
                store.decide_introduction(id, &outcome, &by, at).await?;
            }
            _ => {
                store.answer_introduction(id, true, at).await?;
                let outcome = Outcome::NotHired {
                    why: "Manglede erfaring med truck".into(),
                };
                store.decide_introduction(id, &outcome, &by, at).await?;
            }
        }
    }
    Ok(made)
}
