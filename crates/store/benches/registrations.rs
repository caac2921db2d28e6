//! The festival's registrations under load: rounds of 200 registrations sent at once for
//! an event of 30 places (each round a fresh event), on SQLite (a fresh file) and — with
//! `--postgres URL`, a database the bench may fill — on PostgreSQL. Each round is checked
//! (exactly 30 places held, waiting positions 1–170 each once) before it counts. Prints
//! the rate held and each registration's latency.
//!
//!     cargo bench -p store --bench registrations -- [--rounds 10] [--postgres postgres://…/db]

use chrono::{Duration, Utc};
use std::time::Instant;
use store::Store;
use store::festival::registrations::NewRegistration;
use store::festival::{Edition, Event, Venue};

const AT_ONCE: usize = 200;
const PLACES: i64 = 30;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

async fn event(store: &Store, edition: i64, venue: i64) -> i64 {
    store
        .add_event(
            &Event {
                edition_id: edition,
                venue_id: venue,
                title: "Reparationscafé".into(),
                kind: "workshop".into(),
                organiser: "Aalborg Kommune".into(),
                organiser_type: "municipality".into(),
                organiser_email: "festival@example.dk".into(),
                starts_at: "2027-05-20T08:00:00Z".into(),
                ends_at: "2027-05-20T10:00:00Z".into(),
                capacity: PLACES,
                lang: "da".into(),
                status: "approved".into(),
                ..Event::default()
            },
            "organiser",
            None,
            Utc::now(),
        )
        .await
        .expect("an event")
}

async fn run(name: &str, store: &Store, rounds: usize) {
    let edition = store
        .add_edition(
            &Edition {
                year: 2027,
                title: "Bench".into(),
                starts_on: "2027-05-20".into(),
                days: 4,
                group_limit: 6,
                ..Edition::default()
            },
            Utc::now(),
        )
        .await
        .expect("an edition");
    let venue = store
        .add_venue(&Venue {
            edition_id: edition,
            name: "Nordkraft".into(),
            address: "Aalborg".into(),
            capacity: 500,
            accessibility: String::new(),
            ..Venue::default()
        })
        .await
        .expect("a venue");
    let mut latencies = Vec::new();
    let mut seconds = 0.0;
    for round in 0..rounds {
        let id = event(store, edition, venue).await;
        let started = Instant::now();
        let mut running = Vec::new();
        for n in 0..AT_ONCE {
            let store = store.clone();
            running.push(tokio::spawn(async move {
                let sent = Instant::now();
                let new = NewRegistration {
                    event_id: id,
                    name: format!("Deltager {n}"),
                    email: format!("d{round}-{n}@example.dk"),
                    lang: "da".into(),
                    people: 1,
                };
                let r = store
                    .register(&new, Duration::hours(24), Duration::hours(24), Utc::now())
                    .await
                    .expect("a registration");
                (r, sent.elapsed().as_secs_f64() * 1000.0)
            }));
        }
        let mut positions = Vec::new();
        let mut held = 0;
        for r in running {
            let (r, ms) = r.await.expect("a task");
            latencies.push(ms);
            match r.position {
                Some(p) => positions.push(p),
                None => held += 1,
            }
        }
        seconds += started.elapsed().as_secs_f64();
        positions.sort_unstable();
        assert_eq!(held, PLACES, "round {round}: places held");
        assert_eq!(
            positions,
            (1..=(AT_ONCE as i64 - PLACES)).collect::<Vec<_>>(),
            "round {round}: waiting positions"
        );
    }
    latencies.sort_by(f64::total_cmp);
    let total = rounds * AT_ONCE;
    println!(
        "| {name} | {rounds} × {AT_ONCE} | {:.0} | {:.1} | {:.1} | {:.1} |",
        total as f64 / seconds,
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or_default()
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone());
    let rounds = value("--rounds").and_then(|n| n.parse().ok()).unwrap_or(10);
    println!("| database | registrations | per second | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    let dir = tempfile::tempdir().expect("a directory");
    let url = format!("sqlite://{}", dir.path().join("festival.db").display());
    let sqlite = Store::connect(&url).await.expect("SQLite");
    run("SQLite", &sqlite, rounds).await;
    if let Some(url) = value("--postgres") {
        let postgres = Store::connect(&url).await.expect("PostgreSQL");
        run("PostgreSQL", &postgres, rounds).await;
    }
}
