//! How long the coordinator's busiest pages take for one client, on the demo's 60 people:
//! the week by person (whole and filtered) and by task request, and Flex Waste's day with
//! 150 stops on 5 routes drawn on its map, and the ESCO skill search. Prints a table. Then it plans that day from
//! the page, as the coordinator's button does: how long the page takes to answer, and how
//! long the background job takes against the engine's time limit.
//!
//!     cargo bench -p web --bench pages -- [--requests 200] [--seed 1] [--plan-seconds 10]
//!
//! It installs the demo into a fresh SQLite database, serves kommune on a loopback port
//! with the clock fixed at Wednesday 10:00 of the demo's week, signs a coordinator in,
//! and times each page over HTTP, one request at a time, after a warm-up.

/// The allocator the `kommune` binary serves with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::{Datelike, Duration, NaiveDate};
use std::time::Instant;
use store::accounts::{NewAccount, Role, SessionKind};

struct Args {
    requests: usize,
    seed: u64,
    plan_seconds: f64,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        requests: 200,
        seed: 1,
        plan_seconds: 10.0,
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
            "--plan-seconds" => {
                args.plan_seconds = value("--plan-seconds")?
                    .parse()
                    .ok()
                    .filter(|s: &f64| (0.1..=60.0).contains(s))
                    .ok_or("--plan-seconds takes 0.1 to 60")?;
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
        public_limit: web::pages::public::DEFAULT_LIMIT,
        feeds: Default::default(),
        metrics: Default::default(),
    };
    let jobs_state = state.clone();
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
    let waste_day = monday + Duration::days(7);
    let bench_sites = big_waste_day(&store, waste_day).await;
    let stops = bench_sites.len();
    eprintln!("a Flex Waste day with {stops} stops on 5 routes stored for {waste_day}");
    big_indicator(&store).await;
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
        (
            "Flex Waste day, 150 stops, 5 routes",
            format!("/waste/day?date={waste_day}"),
        ),
        (
            "ESCO search, 'clean', skills and occupations",
            "/skills?q=clean&kind=both".to_string(),
        ),
        (
            "indicator, 30 years × 10 breakdowns",
            "/indicators/bench-co2".to_string(),
        ),
        (
            "indicator, one breakdown of 10",
            "/indicators/bench-co2?breakdown=Sector%3DSector%205".to_string(),
        ),
        ("the 17 goals with every indicator", "/goals".to_string()),
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
        let rows = html.matches("<th scope=\"row\">").count() + html.matches("<circle").count();
        println!(
            "| {name} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            rows,
            html.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or_default(),
        );
    }
    let planned = Planning {
        store: &store,
        client: &client,
        target: format!("http://{addr}/waste/day/plan"),
        csrf: session.csrf.clone(),
        day: waste_day,
        seconds: args.plan_seconds,
    };
    planned.time(&jobs_state, &bench_sites).await;
}

/// An indicator of 30 years with 10 breakdowns and a rate target, as the indicators issue
/// measures its page.
async fn big_indicator(store: &store::Store) {
    let by = domain::actor::Actor::agency("bench");
    let now = chrono::Utc::now();
    let request = service::indicators::IndicatorRequest {
        id: "bench-co2".into(),
        title: "CO2 (bench)".into(),
        unit: "tons".into(),
        direction: "down".into(),
        target_rate: Some(-2.0),
        base_year: Some(1995),
        sdgs: vec!["13".into()],
        ..Default::default()
    };
    service::indicators::put(store, &by, &request, now)
        .await
        .expect("the indicator");
    let mut csv = String::from("Year,Sector,Value\n");
    for year in 1995..2025 {
        csv.push_str(&format!("{year},,{}\n", 10_000 - (year - 1995) * 90));
        for sector in 1..=10 {
            csv.push_str(&format!(
                "{year},Sector {sector},{}\n",
                1_000 - (year - 1995) * 9 + sector
            ));
        }
    }
    let published = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    service::indicators::import(store, &by, "bench-co2", &csv, "bench", published, now)
        .await
        .expect("the series");
}

/// Planning a day from the page: the button's answer, then the background job.
struct Planning<'a> {
    store: &'a store::Store,
    client: &'a reqwest::Client,
    target: String,
    csrf: String,
    day: NaiveDate,
    seconds: f64,
}

impl Planning<'_> {
    /// Subscribes the bench's sites on the day's weekday (beside the demo's shops), asks
    /// for the day to be planned as the page's button does, runs the job, and prints
    /// the answer's time, the job's time against the limit, and what the plan serves.
    async fn time(&self, state: &web::AppState, sites: &[i64]) {
        let weekday = self.day.weekday().to_string();
        let subscription = domain::waste::SubscriptionDraft {
            fractions: "cardboard".into(),
            weekdays: weekday,
            window: "08:00-13:00".into(),
            expected_kg: 20,
            expected_litres: 160,
        }
        .parse()
        .expect("a subscription");
        let by = store::Actor("bench".into());
        for site in sites {
            self.store
                .add_subscription(
                    *site,
                    &subscription,
                    4_500,
                    0,
                    self.day - Duration::days(7),
                    &by,
                )
                .await
                .expect("subscribed");
        }
        let due = self.store.pickups_due(self.day).await.expect("dues").len();
        let start = Instant::now();
        let answer = self
            .client
            .post(&self.target)
            .form(&[
                ("csrf", self.csrf.as_str()),
                ("date", &self.day.to_string()),
            ])
            .send()
            .await
            .expect("an answer");
        let answered_ms = start.elapsed().as_secs_f64() * 1000.0;
        assert!(
            answer.status().is_redirection() || answer.status().is_success(),
            "{}",
            answer.status()
        );
        let background = web::jobs::Background {
            smtp: None,
            tick: std::time::Duration::from_millis(10),
            mail_every: Duration::seconds(60),
            feed_every: Duration::minutes(60),
            plan_seconds: self.seconds,
        };
        let start = Instant::now();
        let ran = web::jobs::run_due(state, &background).await;
        let job_s = start.elapsed().as_secs_f64();
        let plan = self
            .store
            .day_plan(self.day)
            .await
            .unwrap()
            .expect("a plan");
        let served: usize = plan
            .routes
            .iter()
            .map(|r| r.visits.iter().filter(|v| v.site_id.is_some()).count())
            .sum();
        println!();
        println!(
            "planning the day from the page: {due} sites due (the bench's 150 and the demo's shops), engine limit {} s",
            self.seconds
        );
        println!();
        println!("| page answers, ms | jobs run | job s | routes | stops served | left out |");
        println!("|---:|---:|---:|---:|---:|---:|");
        println!(
            "| {answered_ms:.1} | {ran} | {job_s:.2} | {} | {served} | {} |",
            plan.routes.len(),
            plan.unserved.len()
        );
    }
}

/// The smallest CVR number from `from` on that passes the modulus-11 check.
fn cvr_from(from: u32) -> String {
    const WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];
    (from..)
        .map(|n| format!("{n:08}"))
        .find(|c| {
            let sum: u32 = c
                .bytes()
                .zip(WEIGHTS)
                .map(|(b, w)| u32::from(b - b'0') * w)
                .sum();
            sum.is_multiple_of(11)
        })
        .unwrap()
}

/// Two companies with 75 sites each around Aalborg, and a stored plan of `day` with the
/// 150 sites on 5 routes of the demo's vehicles, unloading at a hub halfway: the size
/// of day the issue measures. Returns the sites.
async fn big_waste_day(store: &store::Store, day: NaiveDate) -> Vec<i64> {
    use domain::company::{CompanyDraft, SiteDraft};
    let mut sites = Vec::new();
    let mut from = 40_000_000;
    for c in 0..2 {
        let draft = CompanyDraft {
            name: format!("Bænkmærket {c}"),
            cvr: String::new(),
            billing_email: format!("faktura{c}@bench.example.dk"),
            einvoice_address: None,
            task_force: false,
            sites: (0..75)
                .map(|k| {
                    let i = c * 75 + k;
                    SiteDraft {
                        name: format!("Butik {i}"),
                        p_number: format!("{:010}", 9_000_000_000u64 + i as u64),
                        address: format!("Algade {}, 9000 Aalborg", i + 1),
                        latitude: Some(57.03 + (i % 15) as f64 * 0.003),
                        longitude: Some(9.88 + (i / 15) as f64 * 0.008),
                    }
                })
                .collect(),
            contacts: Vec::new(),
        };
        // A CVR the demo does not use: try the next valid number until one is free.
        let record = loop {
            let cvr = cvr_from(from);
            from = cvr.parse::<u32>().unwrap() + 1;
            let company = CompanyDraft {
                cvr,
                ..draft.clone()
            }
            .parse()
            .expect("a valid company");
            if let Ok(record) = store.create_company(&company).await {
                break record;
            }
        };
        sites.extend(record.value.site_ids.iter().copied());
    }
    let vehicles = store.vehicles().await.unwrap();
    let hub = store
        .waste_places()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.kind == domain::waste::PlaceKind::Hub)
        .expect("the demo has hubs");
    let at = |minutes: i64| {
        domain::calendar::local_instant_or_later(day.and_hms_opt(7, 0, 0).unwrap())
            + Duration::minutes(minutes)
    };
    let routes: Vec<store::waste::Route> = sites
        .chunks(30)
        .enumerate()
        .map(|(r, chunk)| {
            let mut visits: Vec<store::waste::Visit> = chunk
                .iter()
                .enumerate()
                .map(|(k, site)| store::waste::Visit {
                    site_id: Some(*site),
                    place_id: None,
                    arrives_at: at(k as i64 * 8),
                    window: Some((at(0), at(300))),
                    expected_kg: 20,
                })
                .collect();
            visits.insert(
                15,
                store::waste::Visit {
                    site_id: None,
                    place_id: Some(hub.id),
                    arrives_at: at(125),
                    window: None,
                    expected_kg: 0,
                },
            );
            store::waste::Route {
                id: 0,
                vehicle_id: vehicles[r % vehicles.len()].id,
                driver_id: None,
                distance_m: 20_000,
                starts_at: at(0),
                ends_at: at(260),
                visits,
            }
        })
        .collect();
    store
        .save_day_plan(day, &routes, &[], &store::Actor("bench".into()))
        .await
        .unwrap();
    sites
}
