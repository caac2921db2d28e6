//! Two `kommune serve` on one PostgreSQL database, as a municipality runs them behind a
//! proxy: invoice runs, check-ins and sign-ins sent to both at once — invoice numbers
//! stay gapless and nobody's hours count twice, a session from one server works on the
//! other, the sign-in limit counts across both — and the background jobs run once.

use crate::helpers::*;
use crate::smtp::SmtpServer;
use reqwest::StatusCode;
use serde_json::json;
use store::accounts::Role;
use store::outbox::Mail;

/// A fresh database on the test server, or none without one (never under CI).
fn database(test: &str) -> Option<(String, impl Drop)> {
    let Ok(admin) = std::env::var("KOMMUNE_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").map_or(true, |v| v.is_empty() || v == "false"),
            "KOMMUNE_TEST_POSTGRES_URL is not set under CI: the two servers must be tested"
        );
        eprintln!("skipped: KOMMUNE_TEST_POSTGRES_URL is not set");
        return None;
    };
    let name = format!("kommune_{test}_{}", std::process::id());
    let psql = {
        let admin = admin.clone();
        move |sql: String| {
            let out = std::process::Command::new("psql")
                .args([admin.as_str(), "-c", &sql])
                .output()
                .expect("psql, installed with the test server");
            assert!(
                out.status.success(),
                "{sql}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    };
    psql(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    psql(format!("CREATE DATABASE {name}"));
    struct Dropped(Box<dyn Fn()>);
    impl Drop for Dropped {
        fn drop(&mut self) {
            (self.0)();
        }
    }
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
    let url = format!("{base}/{name}");
    Some((
        url,
        Dropped(Box::new(move || {
            psql(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        })),
    ))
}

#[tokio::test]
async fn two_servers_on_one_database_share_work_sessions_and_limits() {
    let Some((url, _database)) = database("servers") else {
        return;
    };
    let clock = || service::Clock::fixed(domain::calendar::parse_instant(TEST_NOW).unwrap());
    let dir = || tempfile::tempdir().unwrap();
    let a = spawn_server(&url, clock(), web::Reached::default(), dir()).await;
    let b = spawn_server(&url, clock(), web::Reached::default(), dir()).await;
    let today = a.clock.today();
    let monday = today
        - chrono::Duration::days(i64::from(
            chrono::Datelike::weekday(&today).num_days_from_monday(),
        ));
    service::demo::install_if_empty(&a.store, 1, monday, today)
        .await
        .unwrap()
        .expect("the demo");

    // Both are ready: the database answers and every migration is applied.
    for server in [&a, &b] {
        let ready = reqwest::get(format!("{}/ready", server.base))
            .await
            .unwrap();
        assert_eq!(ready.status(), StatusCode::OK);
    }
    // An API token made on one server is good on the other.
    let token_client = a
        .client_for(account("k2@example.dk", Role::Coordinator))
        .await;
    let (on_a, on_b) = (a.as_client(token_client.clone()), b.as_client(token_client));
    assert_eq!(
        on_b.get("/api/people?per_page=1").await.status,
        StatusCode::OK
    );

    // November's invoice run (the demo invoiced October) sent to both servers at once: each company invoiced once,
    // the year's numbers without a gap or a double.
    let before = on_a
        .get("/api/invoices")
        .await
        .body
        .as_array()
        .unwrap()
        .len();
    let run = json!({"period": "2026-11"});
    let (first, second) = tokio::join!(
        on_a.post("/api/invoices/run", &run),
        on_b.post("/api/invoices/run", &run)
    );
    assert_eq!(
        (first.status, second.status),
        (StatusCode::CREATED, StatusCode::CREATED),
        "{first:?} {second:?}"
    );
    let issued = first.body.as_array().unwrap().len() + second.body.as_array().unwrap().len();
    assert!(issued > 0, "November had hours to invoice");
    let all = on_b.get("/api/invoices").await.body;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), before + issued);
    let october: Vec<i64> = all
        .iter()
        .filter(|i| i["period"] == "2026-11" && i["kind"] != "credit_note")
        .map(|i| i["company_id"].as_i64().unwrap())
        .collect();
    let mut companies = october.clone();
    companies.sort_unstable();
    companies.dedup();
    assert_eq!(
        companies.len(),
        october.len(),
        "a company invoiced twice for November"
    );
    let mut numbers: Vec<u32> = all
        .iter()
        .filter_map(|i| i["number"].as_str()?.strip_prefix("2026-")?.parse().ok())
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=numbers.len() as u32).collect::<Vec<_>>(),
        "gapless"
    );

    // The same check-in sent to both at once is recorded once.
    let week = domain::week::Week::of(today).label;
    let plan = a
        .store
        .latest_plan(&week)
        .await
        .unwrap()
        .expect("this week's plan");
    let work = plan
        .plan
        .assignments
        .iter()
        .find(|w| w.occurrence == today)
        .expect("work today");
    let arrive = json!({"task": work.task_id, "date": today.to_string(), "person": work.person_id});
    let (one, two) = tokio::join!(
        on_a.post("/api/time/check-in", &arrive),
        on_b.post("/api/time/check-in", &arrive)
    );
    let mut statuses = [one.status, two.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{one:?} {two:?}"
    );

    // Signed in on one server with the form, the browser is signed in on the other.
    a.store
        .create_account(&account("k3@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let browser = cookie_browser();
    let form = a.page(&browser, "/sign-in").await;
    let token = form_token(&form.html);
    let signed_in = a
        .submit(
            &browser,
            "/sign-in",
            &[
                ("csrf", token.as_str()),
                ("email", "k3@example.dk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(b.page(&browser, "/week").await.status, StatusCode::OK);

    // Wrong passwords are counted across both servers: after five, the right one waits.
    let wrong = |app: &TestApp| {
        let (app, browser) = (app.as_client(reqwest::Client::new()), cookie_browser());
        async move {
            let token = form_token(&app.page(&browser, "/sign-in").await.html);
            app.submit(
                &browser,
                "/sign-in",
                &[
                    ("csrf", token.as_str()),
                    ("email", "k3@example.dk"),
                    ("password", "not the password"),
                ],
            )
            .await
            .status
        }
    };
    for server in [&a, &b, &a, &b, &a] {
        assert_eq!(wrong(server).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let late = cookie_browser();
    let token = form_token(&b.page(&late, "/sign-in").await.html);
    let refused = b
        .submit(
            &late,
            "/sign-in",
            &[
                ("csrf", token.as_str()),
                ("email", "k3@example.dk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_ne!(
        refused.status,
        StatusCode::SEE_OTHER,
        "the sixth attempt, on the other server, waits"
    );
}

#[tokio::test]
async fn background_jobs_run_once_across_two_servers() {
    let Some((url, _database)) = database("jobs") else {
        return;
    };
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let clock = service::Clock::fixed(domain::calendar::parse_instant(TEST_NOW).unwrap());
    let a = spawn_server(
        &url,
        clock.clone(),
        web::Reached::default(),
        tempfile::tempdir().unwrap(),
    )
    .await;
    let b = spawn_server(
        &url,
        clock.clone(),
        web::Reached::default(),
        tempfile::tempdir().unwrap(),
    )
    .await;
    for n in 0..5 {
        let mail = Mail {
            to: format!("modtager{n}@example.dk"),
            language: "da".into(),
            message: service::mail::Message::PasswordReset {
                link: format!("https://kommune.example.dk/reset/{n}"),
                hours: 1,
            }
            .to_json(),
        };
        a.store.queue_mail(&mail, clock.now()).await.unwrap();
    }
    let background = crate::mail::background(&smtp);
    let (state_a, state_b) = (crate::mail::state(&a), crate::mail::state(&b));
    web::jobs::keep(&state_a, &background).await.unwrap();
    web::jobs::keep(&state_b, &background).await.unwrap();
    // Both servers look for due work at the same moment, three times over.
    for _ in 0..3 {
        tokio::join!(
            web::jobs::run_due(&state_a, &background),
            web::jobs::run_due(&state_b, &background)
        );
    }
    let received = smtp.received();
    assert_eq!(received.len(), 5, "each mail sent once: {received:?}");
    for n in 0..5 {
        assert_eq!(smtp.to(&format!("modtager{n}@example.dk")).len(), 1);
    }
}
