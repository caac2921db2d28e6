//! Flex Waste's day for the coordinator: the routes on an SVG map beside their stops,
//! the stops left out with why in Danish, a date that is not one, and planning from the
//! page as a background job the page waits for.

use crate::helpers::{Shown, account, spawn_app, worker_account};
use crate::pages_driver::waste_day;
use chrono::NaiveDate;
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use store::Actor;
use store::accounts::Role;

#[tokio::test]
async fn the_day_shows_its_routes_on_a_map_and_is_planned_from_the_page() {
    let app = spawn_app().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let w = waste_day(&app, day).await;
    let (browser, csrf) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    let path = format!("/waste/day?date={day}");
    let Shown { status, html, .. } = app.page(&browser, &path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("href=\"/waste/day\"") && html.contains(">Affald<"),
        "in the menu: {html}"
    );
    assert!(html.contains("<h1>Flex Waste mandag 7/12</h1>"), "{html}");
    assert!(
        html.contains("role=\"img\"")
            && html.contains("<title id=\"map-title\">Dagens ruter på kort</title>")
    );
    assert!(
        html.contains("1 ruter med 2 stop; 0 stop kom ikke med."),
        "{html}"
    );
    assert_eq!(html.matches("<polyline").count(), 1);
    assert_eq!(html.matches("<circle").count(), 2, "{html}");
    assert!(html.contains("class=\"waste-map-depot\"") && html.contains("class=\"waste-map-hub\""));
    assert!(html.contains("Ladcykel 1 — Mette Larsen"), "{html}");
    assert!(
        html.contains("08:30–12:30, 14,0 af 40 km, højst 50 af 150 kg om bord"),
        "{html}"
    );
    assert!(
        html.contains("09:00–11:00") && html.contains("Aflæsning på Hub Øst"),
        "{html}"
    );

    // Stops left out say why in Danish, from the engine's value; an old plan's English is not shown.
    let why = service::flexwaste::why::Why::NoVehicleAlone {
        vehicles: vec![(
            "Ladcykel 1".into(),
            Some(service::flexwaste::why::Infeasible::OverCapacity {
                load: 300,
                dimension: 0,
                place: "stop x".into(),
                capacity: 150,
            }),
        )],
    };
    let by = Actor("test".into());
    let plan = app.store.day_plan(day).await.unwrap().unwrap();
    let unserved = [
        (w.sites.0, serde_json::to_string(&why).unwrap()),
        (
            w.sites.1,
            "no vehicle has room or time left for it".to_string(),
        ),
    ];
    app.store
        .save_day_plan(day, &plan.routes, &unserved, &by)
        .await
        .unwrap();
    let html = app.page(&browser, &path).await.html;
    assert!(
        html.contains(
            "Ingen bil kan tage det, selv alene: Ladcykel 1 har plads til 150 kg, ikke 300 kg."
        ),
        "{html}"
    );
    assert!(
        html.contains("Kom ikke med i planen. Planlæg dagen igen"),
        "{html}"
    );
    assert!(
        !html.contains("no vehicle has room"),
        "no English on the Danish page"
    );
    assert_eq!(html.matches("class=\"waste-map-left\"").count(), 2);

    // A date that is not one shows today with the mistake.
    let Shown { status, html, .. } = app.page(&browser, "/waste/day?date=banan").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("href=\"#date\">&#39;banan&#39; er ikke en dato")
            || html.contains("href=\"#date\">'banan' er ikke en dato"),
        "{html}"
    );

    // Planning from the page: queued once, the page waits, the job plans the day.
    let before = app.store.day_plan(day).await.unwrap().unwrap().id;
    for _ in 0..2 {
        let sent = app
            .submit(
                &browser,
                "/waste/day/plan",
                &[("csrf", &csrf), ("date", &day.to_string())],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
        assert_eq!(sent.header(LOCATION), path);
    }
    let waiting = app
        .store
        .jobs_of(web::jobs::PLAN_WASTE_DAY, 10)
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1, "asked twice, queued once: {waiting:?}");
    let html = app.page(&browser, &path).await.html;
    assert!(
        html.contains("Dagen planlægges nu")
            && html.contains("Bestilt kl. 10:00:00; venter på serveren.")
            && html.contains("data-refresh-seconds=\"2\""),
        "{html}"
    );
    assert!(
        !html.contains("action=\"/waste/day/plan\""),
        "no second button while it waits"
    );

    let jobs = web::jobs::Background {
        smtp: None,
        tick: std::time::Duration::from_millis(10),
        mail_every: chrono::Duration::seconds(5),
        feed_every: chrono::Duration::minutes(60),
        plan_seconds: 1.0,
    };
    crate::mail::run_jobs(&app, &jobs).await;
    let ran = app
        .store
        .jobs_of(web::jobs::PLAN_WASTE_DAY, 1)
        .await
        .unwrap();
    assert_eq!(ran[0].status, "done", "{ran:?}");
    let after = app.store.day_plan(day).await.unwrap().unwrap();
    assert!(after.id > before, "a new plan");
    let html = app.page(&browser, &path).await.html;
    assert!(
        !html.contains("data-refresh-seconds") && html.contains(&format!("Plan {}.", after.id)),
        "{html}"
    );

    // Only the coordinator.
    let (as_worker, worker_csrf) = app
        .signed_in(worker_account("w@example.dk", w.driver))
        .await;
    assert_eq!(
        app.page(&as_worker, &path).await.status,
        StatusCode::FORBIDDEN
    );
    let tried = app
        .submit(
            &as_worker,
            "/waste/day/plan",
            &[("csrf", &worker_csrf), ("date", &day.to_string())],
        )
        .await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_month_is_drawn_as_charts_with_its_numbers() {
    let app = spawn_app().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    waste_day(&app, day).await;
    let (browser, _) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    let Shown { status, html, .. } = app.page(&browser, "/waste/month?month=2026-12").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>Flex Waste 2026-12</h1>"), "{html}");
    for chart in ["id=\"kg-title\"", "id=\"co2-title\"", "id=\"money-title\""] {
        assert!(html.contains(chart), "{chart}: {html}");
    }
    assert!(
        html.contains("Tallene for 2026-12") && html.contains("Kørt, km"),
        "{html}"
    );
    // The figures are the records' own: the month's file says the same.
    let figures = service::files::exports::waste_month_figures(
        &app.store,
        &domain::actor::Actor::agency("test"),
        store::invoices::Period::parse("2026-12").unwrap(),
        reports::waste::DEFAULT_FACTORS,
    )
    .await
    .unwrap();
    let km = format!("{:.1}", figures.km).replace('.', ",");
    assert!(
        html.contains(&format!("<td>Kørt, km</td><td class=\"number\">{km}</td>")),
        "{html}"
    );
    assert!(html.contains("Ingen butik betalte i måneden"), "{html}");
    let Shown { status, html, .. } = app.page(&browser, "/waste/month?month=13-2026").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("er ikke en måned"), "{html}");
}

#[tokio::test]
async fn a_shop_sees_its_subscriptions_and_what_was_collected_and_downloads_its_statement() {
    let app = spawn_app().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let w = waste_day(&app, day).await;
    let report = store::waste::PickupReport {
        submission: "phone-1".into(),
        site_id: w.sites.0,
        day,
        outcome: store::waste::Outcome::Collected,
        weighed: vec![
            (domain::waste::Fraction::Cardboard, 12_500),
            (domain::waste::Fraction::SoftPlastic, 3_000),
        ],
        note: None,
        at: crate::pages_driver::local(day, 9, 20),
        vehicle_id: w.vehicle,
        driver_id: Some(w.driver),
    };
    app.store.record_pickup(&report).await.unwrap();
    let companies = app.get("/api/companies").await.body;
    let company_id = companies["items"][0]["id"].as_i64().unwrap();
    let (browser, _) = app
        .signed_in(crate::helpers::contact_account(
            "k@salling.example.dk",
            company_id,
        ))
        .await;
    let Shown { status, html, .. } = app.page(&browser, "/company/waste?year=2026").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(">Affald<") && html.contains("<h1>Jeres affald</h1>"),
        "{html}"
    );
    assert!(
        html.contains("Butik Nytorv") && html.contains("Pap, Blød plast"),
        "{html}"
    );
    assert!(
        html.contains("09:00–11:00") && html.contains("45,00") && html.contains("kører"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">december</th><td class=\"number\">12,5</td><td class=\"number\">3,0</td>"), "{html}");
    let file = app
        .page(&browser, "/company/waste/statement-2026.csv")
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.html
            .contains("29189420;2026;2026-12;cardboard;15 01 01;12.500"),
        "{}",
        file.html
    );
    assert_eq!(
        app.page(&browser, "/company/waste/nothing.csv")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A coordinator has the command line and the agency's pages; this page is the shop's.
    let (coordinator, _) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    assert_eq!(
        app.page(&coordinator, "/company/waste").await.status,
        StatusCode::FORBIDDEN
    );
}

/// A planning that fails (no depot, no vehicles) is said on the page, and the button is
/// there to try again.
#[tokio::test]
async fn a_failed_planning_is_said_and_can_be_tried_again() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("k@example.dk", Role::Coordinator))
        .await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let sent = app
        .submit(
            &browser,
            "/waste/day/plan",
            &[("csrf", &csrf), ("date", &day.to_string())],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let jobs = web::jobs::Background {
        smtp: None,
        tick: std::time::Duration::from_millis(10),
        mail_every: chrono::Duration::seconds(5),
        feed_every: chrono::Duration::minutes(60),
        plan_seconds: 1.0,
    };
    crate::mail::run_jobs(&app, &jobs).await;
    let html = app
        .page(&browser, &format!("/waste/day?date={day}"))
        .await
        .html;
    assert!(
        html.contains("Den seneste planlægning mislykkedes kl. 10:00:00."),
        "{html}"
    );
    assert!(html.contains("action=\"/waste/day/plan\""), "{html}");
    assert!(!html.contains("data-refresh-seconds"), "{html}");
}
