//! E-mail through a real SMTP server (aiosmtpd): a plan tells each worker and company
//! contact once what changed, a sick call tells the one who loses the work and the one
//! who takes it, the board says who was told, nobody gets a message twice, a relay that
//! is down keeps the outbox for later, and a forgotten password is reset by a link.

use crate::fixtures::{Work, free_every_day, iso_week};
use crate::helpers::{Shown, TestApp, account, person, with};
use crate::smtp::SmtpServer;
use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use serde_json::json;
use store::accounts::Role;

/// Monday 7 December 2026: after the tests' Friday 4 December, so the work lies ahead.
fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

pub(crate) fn background(smtp: &SmtpServer) -> web::jobs::Background {
    web::jobs::Background {
        smtp: Some(
            web::mail::Smtp::new(&smtp.url(), "Små job <noreply@kommune.example.dk>").unwrap(),
        ),
        tick: std::time::Duration::from_millis(10),
        mail_every: Duration::seconds(5),
        feed_every: Duration::minutes(60),
        plan_seconds: 1.0,
    }
}

/// The background jobs without a mail relay: mail waits in the outbox for the tests to
/// read.
pub(crate) fn without_relay() -> web::jobs::Background {
    web::jobs::Background {
        smtp: None,
        tick: std::time::Duration::from_millis(10),
        mail_every: Duration::seconds(5),
        feed_every: Duration::minutes(60),
        plan_seconds: 1.0,
    }
}

pub(crate) fn state(app: &TestApp) -> web::AppState {
    web::AppState {
        store: app.store.clone(),
        clock: app.clock.clone(),
        public_url: web::PublicUrl::parse(&app.base).unwrap(),
        trusted_proxies: Default::default(),
        public_limit: web::pages::public::DEFAULT_LIMIT,
        feeds: service::cases::subscriptions::Policy {
            allow_loopback: true,
            ..Default::default()
        },
        metrics: Default::default(),
    }
}

/// Runs the server's background jobs as its runner does, once, then moves the clock on
/// past the next mail run.
pub(crate) async fn run_jobs(app: &TestApp, background: &web::jobs::Background) -> usize {
    let state = state(app);
    web::jobs::keep(&state, background).await.unwrap();
    let ran = web::jobs::run_due(&state, background).await;
    app.clock.set(app.clock.now() + Duration::seconds(6));
    ran
}

#[tokio::test]
async fn a_plan_and_a_sick_call_tell_each_worker_and_company_once_by_email() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let jobs = background(&smtp);
    let w = Work::on(monday(), free_every_day("mette@example.dk", "08:00-14:00")).await;
    let ole = with(
        free_every_day("ole@example.dk", "08:00-14:00"),
        "name",
        json!("Ole Sørensen"),
    );
    let ole_id = w.app.post("/api/people", &ole).await.id();
    let week = iso_week(monday());
    let (browser, csrf) = w
        .app
        .signed_in(account("koordinator@example.dk", Role::Coordinator))
        .await;
    let planned = w
        .app
        .submit(&browser, "/week/plan", &[("csrf", &csrf), ("week", &week)])
        .await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER);
    let plan = w.app.store.latest_plan(&week).await.unwrap().unwrap();
    let first = plan.plan.assignments[0].person_id;
    let (taker, taker_mail, other_mail) = if first == w.worker {
        (w.worker, "mette@example.dk", "ole@example.dk")
    } else {
        (ole_id, "ole@example.dk", "mette@example.dk")
    };

    // Before the job runs, the board says the mail waits; nothing has arrived.
    let board = w
        .app
        .page(&browser, &format!("/week?week={week}"))
        .await
        .html;
    assert!(board.contains("Hvem fik besked"), "{board}");
    assert!(
        board.contains(&format!("e-mail til {taker_mail} venter på at blive sendt")),
        "{board}"
    );
    assert!(smtp.received().is_empty());

    assert!(run_jobs(&w.app, &jobs).await >= 1);
    let told = smtp.to(taker_mail);
    assert_eq!(told.len(), 1, "{:?}", smtp.received());
    assert_eq!(told[0].subject, "Din plan er ændret");
    assert!(
        told[0].body.contains("Ny opgave mandag 7/12 kl. 09:00–11:00: Rengøring af frokoststue hos Salling Aalborg, Nytorv 8, 9000 Aalborg"),
        "{}",
        told[0].body
    );
    assert!(smtp.to(other_mail).is_empty(), "no change, no message");
    let company = smtp.to("jens@salling.example.dk");
    assert_eq!(company.len(), 1, "{:?}", smtp.received());
    assert!(
        company[0]
            .body
            .contains("Rengøring af frokoststue mandag 7/12 kl. 09:00–11:00"),
        "{}",
        company[0].body
    );
    let board = w
        .app
        .page(&browser, &format!("/week?week={week}"))
        .await
        .html;
    assert!(
        board.contains(&format!("e-mail sendt til {taker_mail} kl. 10:00")),
        "{board}"
    );

    // The sick call: the work goes to the other, and both are told.
    let taker_text = taker.to_string();
    let sick = [
        ("csrf", csrf.as_str()),
        ("week", week.as_str()),
        ("person", taker_text.as_str()),
        ("date", "2026-12-07"),
    ];
    let Shown { status, .. } = w.app.submit(&browser, "/week/absence", &sick).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    run_jobs(&w.app, &jobs).await;
    let lost = smtp.to(taker_mail);
    assert_eq!(lost.len(), 2, "one message per plan: {lost:?}");
    assert!(
        lost[1]
            .body
            .contains("Du skal ikke længere mandag 7/12 kl. 09:00–11:00: Rengøring af frokoststue"),
        "{}",
        lost[1].body
    );
    let took = smtp.to(other_mail);
    assert_eq!(took.len(), 1, "{took:?}");
    assert!(
        took[0].body.contains("Ny opgave mandag 7/12"),
        "{}",
        took[0].body
    );
    let company = smtp.to("jens@salling.example.dk");
    assert_eq!(company.len(), 2);
    let other_name = if taker == w.worker {
        "Ole Sørensen"
    } else {
        "Mette Larsen"
    };
    assert!(
        company[1].body.contains(&format!("{other_name} kommer")),
        "{}",
        company[1].body
    );

    // The board says what moved, who has it now, and who was told.
    let board = w
        .app
        .page(&browser, &format!("/week?week={week}"))
        .await
        .html;
    assert!(
        board.contains(&format!("nu {other_name} 09:00–11:00")),
        "{board}"
    );
    assert!(
        board.contains(&format!("e-mail sendt til {other_mail}")),
        "{board}"
    );
    assert!(
        board.contains(&format!("e-mail sendt til {taker_mail}")),
        "{board}"
    );

    // Nothing is sent twice: every message is marked sent, and another run sends nothing.
    let before = smtp.received().len();
    run_jobs(&w.app, &jobs).await;
    assert_eq!(smtp.received().len(), before);
    for address in [taker_mail, other_mail] {
        for message in w.app.store.mail_to(address).await.unwrap() {
            assert!(
                message.sent_at.is_some() && message.failed.is_none(),
                "{message:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_relay_that_is_down_keeps_the_outbox_for_the_next_run() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let w = Work::on(monday(), free_every_day("mette@example.dk", "08:00-14:00")).await;
    w.app.plan_week(&iso_week(monday())).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let down = web::jobs::Background {
        smtp: Some(
            web::mail::Smtp::new(
                &format!("smtp://127.0.0.1:{port}"),
                "noreply@kommune.example.dk",
            )
            .unwrap(),
        ),
        ..background(&smtp)
    };
    run_jobs(&w.app, &down).await;
    let waiting = w.app.store.mail_to("mette@example.dk").await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert!(waiting[0].sent_at.is_none(), "{waiting:?}");
    // The run failed, and the next is due: newest first.
    let runs = w.app.store.jobs_of(web::jobs::SEND_MAIL, 2).await.unwrap();
    assert_eq!(runs[0].status, "due", "{runs:?}");
    assert_eq!(runs[1].status, "failed", "{runs:?}");
    let error = runs[1].error.as_deref().unwrap_or_default();
    assert!(error.contains("cannot be reached"), "{runs:?}");

    run_jobs(&w.app, &background(&smtp)).await;
    assert_eq!(smtp.to("mette@example.dk").len(), 1);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_a_link_sent_by_email() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = crate::helpers::spawn_app().await;
    let mette = app
        .post("/api/people", &person("mette@example.dk"))
        .await
        .id();
    app.store
        .create_account(&crate::helpers::worker_account("mette@example.dk", mette))
        .await
        .unwrap();
    let browser = crate::helpers::no_redirects().build().unwrap();
    let sign_in = app.page(&browser, "/sign-in").await.html;
    assert!(sign_in.contains("href=\"/password/forgot\""), "{sign_in}");
    let ask = app.page(&browser, "/password/forgot").await;
    assert_eq!(ask.status, StatusCode::OK);

    for address in ["Mette@Example.dk", "nobody@example.dk"] {
        let Shown { status, html, .. } = app
            .submit(&browser, "/password/forgot", &[("email", address)])
            .await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(
            html.contains("Se din e-mail") && html.contains(address),
            "the same answer: {html}"
        );
    }
    let Shown { status, .. } = app
        .submit(&browser, "/password/forgot", &[("email", "")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    run_jobs(&app, &background(&smtp)).await;
    assert_eq!(
        smtp.received().len(),
        1,
        "only the account's address: {:?}",
        smtp.received()
    );
    let mail = &smtp.to("mette@example.dk")[0];
    assert_eq!(mail.subject, "Vælg en ny adgangskode");
    let link = mail
        .body
        .lines()
        .find(|l| l.contains("/password/reset/"))
        .expect("the link")
        .trim()
        .to_string();
    let path = link
        .strip_prefix(&app.base)
        .expect("the server's own address");

    let Shown { status, html, .. } = app.page(&browser, path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let short = app
        .submit(&browser, path, &[("new", "short"), ("repeat", "short")])
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let other = app
        .submit(
            &browser,
            path,
            &[("new", "a new password 1"), ("repeat", "a new password 2")],
        )
        .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .submit(
            &browser,
            path,
            &[("new", "a new password 1"), ("repeat", "a new password 1")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.html);
    assert!(done.html.contains("Adgangskoden er skiftet"));
    let signed_in = service::accounts::sign_in(
        &app.store,
        "mette@example.dk",
        "a new password 1",
        "test",
        app.clock.now(),
    )
    .await;
    assert!(signed_in.is_ok(), "{signed_in:?}");

    // Once only, and not after two hours.
    let again = app.page(&browser, path).await;
    assert_eq!(again.status, StatusCode::GONE);
    let reused = app
        .submit(
            &browser,
            path,
            &[("new", "another password"), ("repeat", "another password")],
        )
        .await;
    assert_eq!(reused.status, StatusCode::GONE);
    app.submit(
        &browser,
        "/password/forgot",
        &[("email", "mette@example.dk")],
    )
    .await;
    run_jobs(&app, &background(&smtp)).await;
    let second = smtp.to("mette@example.dk");
    let late = second[1]
        .body
        .lines()
        .find(|l| l.contains("/password/reset/"))
        .unwrap()
        .trim()
        .to_string();
    let late = late.strip_prefix(&app.base).unwrap().to_string();
    app.clock.set(app.clock.now() + Duration::hours(3));
    assert_eq!(app.page(&browser, &late).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_shop_is_told_by_email_when_its_extra_pickup_is_made() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = crate::helpers::spawn_app().await;
    let day = monday();
    let w = crate::pages_driver::waste_day(&app, day).await;
    let extra = domain::waste::SubscriptionDraft {
        fractions: "cardboard".into(),
        weekdays: "Mon".into(),
        window: "13:00-14:00".into(),
        expected_kg: 10,
        expected_litres: 100,
    }
    .parse()
    .unwrap();
    let by = store::Actor("k@salling.example.dk".into());
    app.store
        .add_order(w.sites.0, day, &extra, 6_000, &by)
        .await
        .unwrap();
    let report = |site, submission: &str| store::waste::PickupReport {
        submission: submission.into(),
        site_id: site,
        day,
        outcome: store::waste::Outcome::Collected,
        weighed: vec![(domain::waste::Fraction::Cardboard, 12_500)],
        note: None,
        at: crate::pages_driver::local(day, 13, 20),
        vehicle_id: w.vehicle,
        driver_id: Some(w.driver),
    };
    let agency = domain::actor::Actor::agency("k@example.dk");
    // The ordered site is told once, however often the phone resends; the other is not.
    for _ in 0..2 {
        service::flexwaste::weighing::record_pickup(&app.store, &agency, report(w.sites.0, "one"))
            .await
            .unwrap();
    }
    service::flexwaste::weighing::record_pickup(&app.store, &agency, report(w.sites.1, "two"))
        .await
        .unwrap();
    run_jobs(&app, &background(&smtp)).await;
    let told = smtp.to("jens@salling.example.dk");
    assert_eq!(told.len(), 1, "{:?}", smtp.received());
    assert_eq!(told[0].subject, "Jeres ekstra afhentning");
    assert!(
        told[0]
            .body
            .contains("Flex Waste har været forbi Butik Nytorv mandag 7/12 og hentet:")
            && told[0].body.contains("- Pap: 12,5 kg"),
        "{}",
        told[0].body
    );
}

#[tokio::test]
async fn a_shop_is_told_by_email_when_its_extra_pickup_is_planned_once() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = crate::helpers::spawn_app().await;
    let w = crate::pages_driver::waste_day(&app, monday()).await;
    let tuesday = monday() + Duration::days(1);
    let extra = domain::waste::SubscriptionDraft {
        fractions: "cardboard".into(),
        weekdays: "Tue".into(),
        window: "10:00-12:00".into(),
        expected_kg: 10,
        expected_litres: 100,
    }
    .parse()
    .unwrap();
    let by = store::Actor("k@salling.example.dk".into());
    app.store
        .add_order(w.sites.0, tuesday, &extra, 6_000, &by)
        .await
        .unwrap();
    let agency = domain::actor::Actor::agency("k@example.dk");
    // Planned twice (an order elsewhere, say): the shop is told the first time only.
    for _ in 0..2 {
        let plan = service::flexwaste::plan_day(
            &app.store,
            tuesday,
            service::flexwaste::Limits::iterations(200),
            1,
            app.clock.now(),
            &agency,
        )
        .await
        .unwrap();
        assert!(plan.unserved.is_empty(), "{plan:?}");
    }
    run_jobs(&app, &background(&smtp)).await;
    let told = smtp.to("jens@salling.example.dk");
    assert_eq!(told.len(), 1, "{:?}", smtp.received());
    assert_eq!(told[0].subject, "Jeres ekstra afhentning er planlagt");
    assert!(
        told[0]
            .body
            .contains("Flex Waste kommer forbi Butik Nytorv tirsdag 8/12 ved "),
        "{}",
        told[0].body
    );
}
