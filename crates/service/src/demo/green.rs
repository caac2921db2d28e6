//! The demo's green agents: three communities in Aalborg with their contacts and
//! places, a year of activities and projects with follow-ups, and "Making us greener"
//! pledges, some confirmed at a follow-up.

use crate::Result;
use crate::green::activities::{self, ActivityRequest, DoneRequest, FollowUpRequest};
use crate::green::communities::{self, CommunityRequest, ContactRequest, PlaceRequest};
use crate::green::pledges::{self, PledgeRequest};
use chrono::{DateTime, Duration, Utc};
use domain::actor::Actor;
use store::Store;

/// (name, kind, description, contact (name, role, e-mail), places (name, address, lat, lon)).
type Seed = (
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str, &'static str),
    [(&'static str, &'static str, f64, f64); 2],
);

const COMMUNITIES: [Seed; 3] = [
    (
        "Boligforeningen Vestbyen",
        "housing",
        "Almene boliger i Vestbyen med fælles gårdrum og et aktivt beboerråd.",
        (
            "Mette Løvgren",
            "Formand for beboerrådet",
            "beboerraad@demo.kommune.dk",
        ),
        [
            ("Fælleshuset", "Vesterbro 60, 9000 Aalborg", 57.0466, 9.9120),
            ("Gårdrummet", "Kastetvej 30, 9000 Aalborg", 57.0490, 9.9040),
        ],
    ),
    (
        "Hasseris Skole",
        "school",
        "Folkeskole med grønt elevråd og skolehave.",
        (
            "Jonas Krogh",
            "Lærer og grøn koordinator",
            "skolehave@demo.kommune.dk",
        ),
        [
            (
                "Skolegården",
                "Hasserisvej 200, 9000 Aalborg",
                57.0400,
                9.8870,
            ),
            ("Skolehaven", "Hasseris Enge, 9000 Aalborg", 57.0375, 9.8790),
        ],
    ),
    (
        "Nørresundby Lokalråd",
        "local_council",
        "Lokalrådet for Nørresundby nord for Limfjorden.",
        ("Birgitte Holm", "Sekretær", "lokalraad@demo.kommune.dk"),
        [
            (
                "Medborgerhuset",
                "Torvet 3, 9400 Nørresundby",
                57.0590,
                9.9230,
            ),
            (
                "Lindholm Strandpark",
                "Lindholm Strand, 9400 Nørresundby",
                57.0660,
                9.9000,
            ),
        ],
    ),
];

/// (kind, project, title, topic, goals, people reached).
const ACTIVITIES: [(&str, &str, &str, &str, &str, i64); 6] = [
    (
        "dialogue",
        "",
        "Dialogmøde om grøn omstilling",
        "climate",
        "13",
        18,
    ),
    ("workshop", "", "Workshop om madaffald", "waste", "12", 25),
    (
        "stand",
        "",
        "Kampagnestand: Gør os grønnere",
        "recycling",
        "12",
        60,
    ),
    (
        "workshop",
        "",
        "Cykelreparation og sikker trafik",
        "mobility",
        "11",
        22,
    ),
    ("dialogue", "", "Energi i hverdagen", "energy", "7", 14),
    (
        "stand",
        "",
        "Blomstereng og insekthoteller",
        "biodiversity",
        "15",
        35,
    ),
];

/// (project, title, topic, goals, months ago it started).
const PROJECTS: [(&str, &str, &str, &str, i64); 3] = [
    ("ebike_pool", "Delecykler i Vestbyen", "mobility", "11", 10),
    (
        "biodiversity",
        "Skolehavens vilde hjørne",
        "biodiversity",
        "15",
        8,
    ),
    ("climate_plan", "Nørresundbys klimaplan", "climate", "13", 6),
];

/// Installs the communities, their year and the pledges; answers how many activities.
pub async fn install(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let by = Actor::agency("demo");
    let today = domain::calendar::local_date(now);
    let mut count = 0;
    let mut follow_ups = Vec::new();
    for (c, (name, kind, description, contact, places)) in COMMUNITIES.iter().enumerate() {
        let request = CommunityRequest {
            name: name.to_string(),
            kind: kind.to_string(),
            description: description.to_string(),
        };
        let community = communities::add(store, &by, &request, now).await?;
        let (contact_name, role, email) = contact;
        let contact = ContactRequest {
            name: contact_name.to_string(),
            role: role.to_string(),
            email: email.to_string(),
            phone: format!("+45 9931 22{c}0"),
        };
        communities::add_contact(store, &by, community, &contact).await?;
        let mut place_ids = Vec::new();
        for (place, address, latitude, longitude) in places {
            let request = PlaceRequest {
                name: place.to_string(),
                address: address.to_string(),
                latitude: *latitude,
                longitude: *longitude,
            };
            place_ids.push(communities::add_place(store, &by, community, &request).await?);
        }
        // A year of activities: one a month each, in turn through the kinds and topics.
        for month in 0..12_i64 {
            let (kind, project, title, topic, goal, people) =
                ACTIVITIES[(month as usize + 2 * c) % ACTIVITIES.len()];
            let held_on = today - Duration::days(month * 30 + 3 + 5 * c as i64);
            let request = ActivityRequest {
                community_id: community,
                place_id: Some(place_ids[month as usize % 2]),
                kind: kind.into(),
                project: project.into(),
                title: title.into(),
                held_on: held_on.to_string(),
                topic: topic.into(),
                sdgs: vec![goal.into()],
                people_reached: people + (month * 7 + c as i64 * 3) % 15,
                results: "Deltagerne aftalte næste skridt med agenten.".into(),
                ..ActivityRequest::default()
            };
            let activity = activities::add(store, &by, &request, now).await?;
            count += 1;
            if month < 3 {
                let follow_up = FollowUpRequest {
                    owner: "Grøn agent Sara".into(),
                    due_on: (held_on + Duration::days(21)).to_string(),
                    note: "Følg op på aftalerne og løfterne fra mødet.".into(),
                };
                let id = activities::follow_up(store, &by, activity, &follow_up).await?;
                follow_ups.push((id, community, held_on + Duration::days(21)));
            }
        }
        let (project, title, topic, goal, months) = PROJECTS[c];
        let started = today - Duration::days(months * 30);
        let request = ActivityRequest {
            community_id: community,
            place_id: Some(place_ids[1]),
            kind: "project".into(),
            project: project.into(),
            title: title.into(),
            held_on: started.to_string(),
            topic: topic.into(),
            sdgs: vec![goal.into()],
            people_reached: 40 + 10 * c as i64,
            results: "Projektet kører; lokalsamfundet driver det selv.".into(),
            ..ActivityRequest::default()
        };
        activities::add(store, &by, &request, now).await?;
        count += 1;
        // The pledges made through the community over the year.
        let actions = pledges::actions()?;
        for n in 0..20_i64 {
            let action = &actions[(n as usize + c) % actions.len()];
            let request = PledgeRequest {
                action: action.code.clone(),
                name: format!("Borger {}-{n}", c + 1),
                email: format!("loefte{}-{n}@demo.kommune.dk", c + 1),
                household: 1 + (n % 4),
                community_id: (n % 3 != 0).then_some(community),
                lang: "da".into(),
            };
            let made = now - Duration::days(n * 17 + 9 * c as i64 + 1);
            pledges::pledge(store, &request, made).await?;
        }
    }
    // The follow-ups that are past find some of their community's pledges kept.
    for (id, community, due) in follow_ups {
        if due > today {
            continue;
        }
        let kept: Vec<i64> = store
            .pledges()
            .await?
            .iter()
            .filter(|p| p.community_id == Some(community) && p.confirmed_on.is_none())
            .take(3)
            .map(|p| p.id)
            .collect();
        let done = DoneRequest {
            done_on: due.to_string(),
            outcome: "Besøgte beboerne; tre løfter holdt.".into(),
            pledges: kept,
        };
        activities::done(store, &by, id, &done, now).await?;
    }
    Ok(count)
}
