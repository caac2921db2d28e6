//! How long the coordinator's busiest pages take for one client, on the demo's 60 people:
//! the week by person (whole and filtered) and by task request. Prints a table.
//!
//!     cargo bench -p web --bench pages -- [--requests 200] [--seed 1]
//!
//! It installs the demo into a fresh SQLite database, serves kommune on a loopback port
//! with the clock fixed at Wednesday 10:00 of the demo's week, signs a coordinator in,
//! and times each page over HTTP, one request at a time, after a warm-up.

use chrono::{Datelike, Duration, NaiveDate};
use std::time::Instant;
use store::accounts::{NewAccount, Role, SessionKind};

struct Args {
    requests: usize,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        requests: 200,
        seed: 1,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = |name: &str| given.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--requests" => {
                args.requests = value("--requests")?
                    .parse()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .ok_or("--requests takes 1 to 100000")?;
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed takes a whole number")?;
            }
            // `cargo bench` passes `--bench` to every bench program.
            "--bench" => {}
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("pages: {e}");
            std::process::exit(2);
        }
    };
    let today = service::Clock::system().today();
    let monday: NaiveDate = today - Duration::days(today.weekday().num_days_from_monday().into());
    let wednesday = monday + Duration::days(2);
    let now = domain::calendar::local_instant_or_later(wednesday.and_hms_opt(10, 0, 0).unwrap());

    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = store::Store::connect(&url).await.expect("the database");
    let started = Instant::now();
    let installed = service::demo::install(&store, args.seed, monday, wednesday)
        .await
        .expect("the demo");
    eprintln!(
        "demo installed in {:.1} s: {} people, {} assignments this week",
        started.elapsed().as_secs_f64(),
        installed.records.people,
        installed.planned
    );
    let account = store
        .create_account(&NewAccount {
            email: "bench@example.dk".into(),
            password: "bench password".into(),
            role: Role::Coordinator,
            person_id: None,
            company_id: None,
            language: "da".into(),
        })
        .await
        .expect("an account");
    let session = store
        .open_session(account, SessionKind::Browser, now)
        .await
        .expect("a session");
    let state = web::AppState {
        store: store.clone(),
        clock: service::Clock::fixed(now),
        public_url: web::PublicUrl::parse("http://127.0.0.1").unwrap(),
        trusted_proxies: web::TrustedProxies::default(),
    };
    let addr = web::spawn_with(state, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the server");
    let mut headers = reqwest::header::HeaderMap::new();
    let cookie = format!("kommune_session={}", session.token);
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();

    let week = service::agency::Week::of(monday).label;
    let pages = [
        ("week by person", format!("/week?week={week}")),
        (
            "week by person, unstaffed only",
            format!("/week?week={week}&unstaffed=1"),
        ),
        (
            "week by person, one skill",
            format!("/week?week={week}&skill=cleaning"),
        ),
        ("week by task", format!("/week?week={week}&view=tasks")),
    ];
    println!(
        "one client, {} requests per page after 20 to warm up; SQLite; {} people",
        args.requests, installed.records.people
    );
    println!();
    println!("| page | rows | bytes | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, path) in pages {
        let target = format!("http://{addr}{path}");
        let mut html = String::new();
        for _ in 0..20 {
            let answer = client.get(&target).send().await.expect("an answer");
            assert!(answer.status().is_success(), "{path}: {}", answer.status());
            html = answer.text().await.unwrap();
        }
        let mut times = Vec::with_capacity(args.requests);
        for _ in 0..args.requests {
            let start = Instant::now();
            let answer = client.get(&target).send().await.expect("an answer");
            let body = answer.bytes().await.expect("a body");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(!body.is_empty());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            html.matches("<th scope=\"row\">").count(),
            html.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or_default(),
        );
    }
}
