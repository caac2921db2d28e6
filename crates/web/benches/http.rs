//! Load on kommune's pages and API beside a bare axum server answering `/health` (the
//! ceiling on this machine), with `wrk` from Debian's packages. Prints a table of
//! requests per second, p50 and p99 for each target and its share of the ceiling:
//! one person, a list of 50 people, a list of 50 tasks, the week board, the worker's
//! tasks page, an invoice PDF, sign-ins (Argon2, slow on purpose) and one person read
//! while sign-ins run, and check-ins (writes) — each a distinct valid check-in, only
//! 201 answers counted.
//!
//!     cargo bench -p web --bench http -- [--seconds 5] [--connections 32] [--postgres URL] [--only TEXT]
//!
//! `--only TEXT` measures only the targets whose label holds TEXT (and the ceiling).
//!
//! It installs the demo into a fresh SQLite database (and, with `--postgres`, into that
//! PostgreSQL database, which must be empty), serves kommune on loopback with the clock
//! at Wednesday 10:00 of the demo's week, and runs `wrk -t2` against each target in turn.

/// The allocator the `kommune` binary serves with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::{Datelike, Duration, NaiveDate};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;
use store::accounts::{NewAccount, Role, SessionKind};

/// How many distinct check-ins the generated database holds, at least.
const CHECK_INS: usize = 6000;
/// How many accounts the sign-ins rotate over.
const SIGN_IN_ACCOUNTS: usize = 32;

struct Args {
    seconds: u32,
    connections: u32,
    postgres: Option<String>,
    only: Option<String>,
}

impl Args {
    /// Whether the target `label` is measured in this run.
    fn measures(&self, label: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| label.contains(only.as_str()))
    }
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        seconds: 5,
        connections: 32,
        postgres: None,
        only: None,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = |name: &str| given.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--seconds" => {
                args.seconds = value("--seconds")?
                    .parse()
                    .ok()
                    .filter(|n| (1..=600).contains(n))
                    .ok_or("--seconds takes 1 to 600")?;
            }
            "--connections" => {
                args.connections = value("--connections")?
                    .parse()
                    .ok()
                    .filter(|n| (2..=1000).contains(n))
                    .ok_or("--connections takes 2 to 1000")?;
            }
            "--postgres" => args.postgres = Some(value("--postgres")?),
            "--only" => args.only = Some(value("--only")?),
            "--bench" => {}
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

/// What wrk measured.
#[derive(Debug, Clone, Copy, Default)]
struct Measured {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    failed: u64,
}

fn millis(text: &str) -> f64 {
    let text = text.trim();
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().unwrap_or(f64::NAN) * scale
}

/// Reads wrk's `--latency` report.
fn parse_wrk(out: &str) -> Measured {
    let mut m = Measured::default();
    for line in out.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Requests/sec:") {
            m.per_second = rest.trim().parse().unwrap_or(0.0);
        } else if let Some(rest) = line.strip_prefix("50%") {
            m.p50_ms = millis(rest);
        } else if let Some(rest) = line.strip_prefix("99%") {
            m.p99_ms = millis(rest);
        } else if let Some(rest) = line.strip_prefix("Non-2xx or 3xx responses:") {
            m.failed = rest.trim().parse().unwrap_or(0);
        }
    }
    m
}

/// Runs wrk against `url` with `headers` (and a Lua `script` when given).
fn wrk(
    args: &Args,
    url: &str,
    headers: &[String],
    script: Option<&std::path::Path>,
    connections: u32,
) -> Measured {
    let mut command = Command::new("wrk");
    command.args([
        if connections < 2 { "-t1" } else { "-t2" },
        &format!("-c{connections}"),
        &format!("-d{}s", args.seconds),
        "--latency",
    ]);
    for h in headers {
        command.args(["-H", h]);
    }
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let out = command
        .arg(url)
        .output()
        .expect("wrk (apt-get install wrk)");
    parse_wrk(&String::from_utf8_lossy(&out.stdout))
}

/// The bare server: axum answering `/health` and nothing else.
async fn bare() -> std::net::SocketAddr {
    let app = axum::Router::new().route("/health", axum::routing::get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A signed-in session of a new account with `role`: its token.
async fn session(
    store: &store::Store,
    email: &str,
    role: Role,
    person: Option<i64>,
    kind: SessionKind,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let account = store
        .create_account(&NewAccount {
            email: email.into(),
            password: "bench password".into(),
            role,
            person_id: person,
            company_id: None,
            language: "da".into(),
        })
        .await
        .expect("an account");
    store
        .open_session(account, kind, now)
        .await
        .expect("a session")
        .token
}

/// Check-ins sent `connections` at a time, each a distinct planned occurrence: how many
/// answered 201 per second, and the latency of those.
async fn check_ins(
    base: &str,
    token: &str,
    bodies: Vec<serde_json::Value>,
    connections: usize,
) -> (Measured, usize) {
    let client = reqwest::Client::new();
    let queue = Arc::new(std::sync::Mutex::new(bodies));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (client, queue, url, auth) = (
            client.clone(),
            Arc::clone(&queue),
            format!("{base}/api/time/check-in"),
            format!("Bearer {token}"),
        );
        workers.push(tokio::spawn(async move {
            let mut took = Vec::new();
            let mut failed = 0u64;
            loop {
                let Some(body) = queue.lock().unwrap().pop() else {
                    break;
                };
                let sent = Instant::now();
                let answer = client
                    .post(&url)
                    .header("authorization", &auth)
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                if answer.status() == reqwest::StatusCode::CREATED {
                    took.push(sent.elapsed().as_secs_f64() * 1000.0);
                } else {
                    if failed == 0 {
                        eprintln!(
                            "a check-in refused: {} {}",
                            answer.status(),
                            answer.text().await.unwrap_or_default()
                        );
                    }
                    failed += 1;
                }
            }
            (took, failed)
        }));
    }
    let mut took = Vec::new();
    let mut failed = 0;
    for w in workers {
        let (t, f) = w.await.unwrap();
        took.extend(t);
        failed += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    took.sort_by(f64::total_cmp);
    let at = |p: f64| {
        took.get(((took.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    (
        Measured {
            per_second: took.len() as f64 / elapsed,
            p50_ms: at(0.5),
            p99_ms: at(0.99),
            failed,
        },
        took.len(),
    )
}

/// A generated database for the writes: the week's plan copied into the weeks ahead
/// with a person of its own on every occurrence (one person has one open check-in at a
/// time), so every check-in sent is a distinct, valid one. A coordinator registers hours
/// on any day, at a time not ahead of now. Made after the reads are measured, so the
/// pages show the demo's 60 people.
async fn generated_check_ins(
    store: &store::Store,
    plan: &store::plans::NewPlan,
    monday: NaiveDate,
    worker: i64,
) -> Vec<serde_json::Value> {
    let base_person = store.person(worker).await.expect("a person").value;
    let mut occasions: Vec<serde_json::Value> = Vec::new();
    let mut made = 0usize;
    let mut ahead = 0;
    while made < CHECK_INS {
        ahead += 1;
        let shift = Duration::days(7 * ahead);
        let mut copy = plan.clone();
        copy.week = service::agency::Week::of(monday + shift).label;
        copy.replan_of = None;
        copy.unassigned.clear();
        copy.moves.clear();
        copy.notices.clear();
        for a in &mut copy.assignments {
            let mut someone = base_person.clone();
            someone.email =
                domain::contact::Email::parse(&format!("bench-{made}@example.dk")).unwrap();
            a.person_id = store
                .create_person(&someone)
                .await
                .expect("a person")
                .meta
                .id;
            a.occurrence += shift;
            a.start += shift;
            a.end += shift;
            occasions.push(serde_json::json!({"task": a.task_id, "date": a.occurrence.to_string(), "person": a.person_id}));
            made += 1;
        }
        store
            .save_plan(&copy, &store::Actor("bench".into()))
            .await
            .expect("a copied plan");
    }
    eprintln!("{made} people, each planned once in the {ahead} weeks ahead, for the check-ins");
    occasions
}

/// The targets on one database: (name, measured), the ceiling first.
async fn run(args: &Args, url: &str, name: &str) -> Vec<(String, Measured)> {
    let today = service::Clock::system().today();
    let monday: NaiveDate = today - Duration::days(today.weekday().num_days_from_monday().into());
    let wednesday = monday + Duration::days(2);
    let now = domain::calendar::local_instant_or_later(wednesday.and_hms_opt(10, 0, 0).unwrap());
    let store = store::Store::connect(url).await.expect("the database");
    let started = Instant::now();
    let installed = service::demo::install(&store, 1, monday, wednesday)
        .await
        .expect("the demo (an empty database)");
    eprintln!(
        "{name}: demo installed in {:.1} s, {} assignments this week",
        started.elapsed().as_secs_f64(),
        installed.planned
    );
    let api = session(
        &store,
        "bench@example.dk",
        Role::Coordinator,
        None,
        SessionKind::Api,
        now,
    )
    .await;
    let browser = session(
        &store,
        "bench-browser@example.dk",
        Role::Coordinator,
        None,
        SessionKind::Browser,
        now,
    )
    .await;
    let week = service::agency::Week::of(monday).label;
    let plan = store
        .latest_plan(&week)
        .await
        .unwrap()
        .expect("the week's plan")
        .plan;
    let worker = plan
        .assignments
        .iter()
        .find(|a| a.occurrence == wednesday)
        .map(|a| a.person_id)
        .expect("work on Wednesday");
    let worker_session = session(
        &store,
        "bench-worker@example.dk",
        Role::Worker,
        Some(worker),
        SessionKind::Browser,
        now,
    )
    .await;
    let invoice = service::billing::invoices(&store, &domain::actor::Actor::agency("bench"))
        .await
        .unwrap()[0]
        .number
        .clone();
    // Sign-ins rotate over accounts: the limit on tries per address is not measured.
    for n in 0..SIGN_IN_ACCOUNTS {
        let email = format!("bench-sign-in-{n}@example.dk");
        session(
            &store,
            &email,
            Role::Coordinator,
            None,
            SessionKind::Browser,
            now,
        )
        .await;
    }
    let state = web::AppState {
        store: store.clone(),
        clock: service::Clock::fixed(now),
        public_url: web::PublicUrl::parse("http://127.0.0.1").unwrap(),
        trusted_proxies: web::TrustedProxies::default(),
        // Sign-ins from one address are not what is measured here.
        public_limit: 100_000,
        feeds: Default::default(),
        metrics: Default::default(),
    };
    let addr = web::spawn_with(state, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the server");
    let base = format!("http://{addr}");
    let bearer = format!("Authorization: Bearer {api}");
    let cookie = format!("Cookie: kommune_session={browser}");
    let worker_cookie = format!("Cookie: kommune_session={worker_session}");
    let ceiling = bare().await;
    let dir = tempfile::tempdir().unwrap();
    let sign_in_script = dir.path().join("sign-in.lua");
    std::fs::write(
        &sign_in_script,
        format!(
            "local n = 0\n\
             request = function()\n\
               n = n + 1\n\
               local body = \"csrf=bench&email=bench-sign-in-\" .. (n % {SIGN_IN_ACCOUNTS}) .. \"%40example.dk&password=bench+password\"\n\
               return wrk.format(\"POST\", nil, {{[\"Content-Type\"] = \"application/x-www-form-urlencoded\", [\"Cookie\"] = \"kommune_form=bench\"}}, body)\n\
             end\n"
        ),
    )
    .unwrap();
    let c = args.connections;
    let mut rows = vec![(
        "bare axum /health (the ceiling)".to_string(),
        wrk(args, &format!("http://{ceiling}/health"), &[], None, c),
    )];
    if args.measures("kommune /health") {
        rows.push((
            "kommune /health: its middleware, no database".to_string(),
            wrk(args, &format!("{base}/health"), &[], None, c),
        ));
    }
    for (label, path, header) in [
        (
            "one person: GET /api/people/{id}",
            "/api/people/1".to_string(),
            &bearer,
        ),
        (
            "50 people: GET /api/people?per_page=50",
            "/api/people?per_page=50".to_string(),
            &bearer,
        ),
        (
            "50 tasks: GET /api/tasks?per_page=50",
            "/api/tasks?per_page=50".to_string(),
            &bearer,
        ),
        (
            "week board: GET /week",
            format!("/week?week={week}"),
            &cookie,
        ),
        (
            "worker's tasks: GET /my/tasks",
            "/my/tasks".to_string(),
            &worker_cookie,
        ),
        (
            "invoice PDF: GET /api/invoices/{n}/pdf",
            format!("/api/invoices/{invoice}/pdf"),
            &bearer,
        ),
    ] {
        if !args.measures(label) {
            continue;
        }
        rows.push((
            label.to_string(),
            wrk(
                args,
                &format!("{base}{path}"),
                std::slice::from_ref(header),
                None,
                c,
            ),
        ));
    }
    // One client at a time, for the pages' own time.
    for (label, path, header) in [
        (
            "week board, one client",
            format!("/week?week={week}"),
            &cookie,
        ),
        (
            "worker's tasks, one client",
            "/my/tasks".to_string(),
            &worker_cookie,
        ),
    ] {
        if !args.measures(label) {
            continue;
        }
        let one = wrk(
            args,
            &format!("{base}{path}"),
            std::slice::from_ref(header),
            None,
            1,
        );
        rows.push((label.to_string(), one));
    }
    if args.measures("sign-in") {
        rows.push((
            "sign-in: POST /sign-in (Argon2)".to_string(),
            wrk(
                args,
                &format!("{base}/sign-in"),
                &[],
                Some(&sign_in_script),
                8,
            ),
        ));
        // One person read while eight clients sign in.
        let during = {
            let (target, script, seconds) = (
                format!("{base}/sign-in"),
                sign_in_script.clone(),
                args.seconds,
            );
            let load = std::thread::spawn(move || {
                let longer = Args {
                    seconds: seconds + 2,
                    connections: 8,
                    postgres: None,
                    only: None,
                };
                wrk(&longer, &target, &[], Some(&script), 8)
            });
            std::thread::sleep(std::time::Duration::from_secs(1));
            let m = wrk(
                args,
                &format!("{base}/api/people/1"),
                std::slice::from_ref(&bearer),
                None,
                c,
            );
            load.join().unwrap();
            m
        };
        rows.push(("one person while 8 clients sign in".to_string(), during));
    }
    if !args.measures("check-in") {
        return rows;
    }
    let occasions = generated_check_ins(&store, &plan, monday, worker).await;
    let available = occasions.len();
    let (m, done) = check_ins(&base, &api, occasions, c as usize).await;
    rows.push((
        format!("check-in: POST /api/time/check-in ({done} of {available} distinct, 201 only)"),
        m,
    ));
    rows
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("http: {e}");
            std::process::exit(2);
        }
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut runs = vec![(
        "SQLite",
        run(
            &args,
            &format!("sqlite://{}", dir.path().join("bench.db").display()),
            "SQLite",
        )
        .await,
    )];
    if let Some(url) = &args.postgres {
        runs.push(("PostgreSQL", run(&args, url, "PostgreSQL").await));
    }
    println!(
        "| target | database | requests/s | share of the ceiling | p50 ms | p99 ms | not 2xx/3xx |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (database, rows) in &runs {
        let ceiling = rows[0].1.per_second;
        for (label, m) in rows {
            println!(
                "| {label} | {database} | {:.0} | {:.1} % | {:.2} | {:.2} | {} |",
                m.per_second,
                100.0 * m.per_second / ceiling,
                m.p50_ms,
                m.p99_ms,
                m.failed
            );
        }
    }
}
