//! The demo's Sustainability Festival: next year's edition over four days at four
//! venues, 40 approved events across the kinds, organisers and themes, and registrations
//! that fill some events and leave waiting lists behind them; a green agent's account.

use crate::Result;
use crate::festival::manage::{self, EditionRequest, EventRequest, VenueRequest};
use chrono::{DateTime, Datelike, Duration, Utc};
use domain::actor::Actor;
use store::Store;
use store::festival::registrations::NewRegistration;

/// (name, address, capacity, accessibility).
const VENUES: [(&str, &str, i64, &str); 4] = [
    (
        "Nordkraft",
        "Teglgårds Plads 1, 9000 Aalborg",
        120,
        "Elevator, handicaptoilet, høreslynge i salen",
    ),
    (
        "Godsbanen",
        "Skibbrogade 1, 9000 Aalborg",
        60,
        "Niveaufri adgang",
    ),
    (
        "Utzon Center",
        "Slotspladsen 4, 9000 Aalborg",
        80,
        "Elevator og handicaptoilet",
    ),
    (
        "Kildeparken",
        "Kildeparken, 9000 Aalborg",
        300,
        "Grusstier; kørestol kan komme frem",
    ),
];

/// (title, kind, organiser, organiser type, themes, goals).
const EVENTS: [(&str, &str, &str, &str, &str, &str); 10] = [
    (
        "Reparationscafé",
        "workshop",
        "Aalborg Kommune",
        "municipality",
        "green",
        "12",
    ),
    (
        "Cykelværksted",
        "workshop",
        "Cyklistforbundet Aalborg",
        "association",
        "green",
        "11",
    ),
    (
        "Sådan sorterer vi madaffald",
        "talk",
        "Aalborg Forsyning",
        "company",
        "green",
        "12",
    ),
    (
        "Byvandring: grønne tage",
        "tour",
        "Aalborg Kommune",
        "municipality",
        "smart",
        "11",
    ),
    (
        "Byttemarked for børnetøj",
        "market",
        "Grønne Forældre",
        "association",
        "social",
        "12",
    ),
    (
        "Små job med mening",
        "talk",
        "Aalborg Kommune",
        "municipality",
        "social",
        "8",
    ),
    (
        "Solceller på lejligheden",
        "talk",
        "Himmerland Boligforening",
        "company",
        "green",
        "7",
    ),
    (
        "Biodiversitet i haven",
        "workshop",
        "Naturfredningsforeningen",
        "association",
        "green",
        "15",
    ),
    (
        "Klimavenlig frokost",
        "market",
        "Madkollektivet",
        "association",
        "bauhaus",
        "2",
    ),
    (
        "Fremtidens kompetencer",
        "talk",
        "Aalborg Alliancen",
        "company",
        "growing",
        "4",
    ),
];

/// Installs the festival; answers how many events.
pub async fn install(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let by = Actor::agency("demo");
    let year = now.year() + 1;
    let edition = manage::add_edition(
        store,
        &by,
        &EditionRequest {
            year: i64::from(year),
            title: format!("Bæredygtighedsfestival {year}"),
            starts_on: format!("{year}-05-20"),
            days: 4,
            group_limit: 6,
        },
        now,
    )
    .await?;
    let mut venues = Vec::new();
    for (name, address, capacity, accessibility) in VENUES {
        let request = VenueRequest {
            edition_id: edition,
            name: name.into(),
            address: address.into(),
            capacity,
            accessibility: accessibility.into(),
        };
        venues.push((manage::add_venue(store, &by, &request).await?, capacity));
    }
    let mut count = 0;
    for day in 0..4 {
        for (n, (title, kind, organiser, organiser_type, theme, goal)) in EVENTS.iter().enumerate()
        {
            let (venue, room) = venues[(n + day) % venues.len()];
            let hour = 10 + (n % 4) * 2;
            let date = format!("{year}-05-{:02}", 20 + day);
            // A few small workshops fill up; the rest have room.
            let capacity = if n % 4 == 0 { 8 } else { room.min(40) };
            let request = EventRequest {
                venue_id: venue,
                title: (*title).into(),
                description: format!("{title} — {organiser}."),
                kind: (*kind).into(),
                organiser: (*organiser).into(),
                organiser_type: (*organiser_type).into(),
                company_id: None,
                organiser_email: format!("festival{n}@demo.kommune.dk"),
                starts_at: format!("{date}T{hour:02}:00"),
                ends_at: format!("{date}T{:02}:30", hour + 1),
                capacity,
                lang: if n == 9 { "en" } else { "da" }.into(),
                themes: vec![(*theme).into()],
                sdgs: vec![(*goal).into()],
            };
            let id = manage::add_event(store, &by, &request, now).await?;
            register(store, id, capacity, n + day * EVENTS.len(), now).await?;
            count += 1;
        }
    }
    Ok(count)
}

/// Registrations for one event: the small ones overfilled (so they have waiting lists),
/// the others half full; most held places confirmed.
async fn register(
    store: &Store,
    event_id: i64,
    capacity: i64,
    n: usize,
    now: DateTime<Utc>,
) -> Result<()> {
    let wanted = if capacity <= 8 {
        capacity + 4
    } else {
        capacity / 2
    };
    let mut taken = 0;
    let mut k = 0;
    while taken < wanted {
        let people = 1 + i64::try_from((n + k) % 3).unwrap_or(0);
        let new = NewRegistration {
            event_id,
            name: format!("Gæst {}-{k}", n + 1),
            email: format!("gaest{}-{k}@demo.kommune.dk", n + 1),
            lang: "da".into(),
            people,
        };
        let registered = store
            .register(&new, Duration::hours(24), Duration::hours(24), now)
            .await?;
        if registered.position.is_none() && k % 4 != 3 {
            store.confirm_registration(&registered.token, now).await?;
        }
        taken += people;
        k += 1;
    }
    Ok(())
}
