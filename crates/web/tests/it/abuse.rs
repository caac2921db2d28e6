//! What an attacker or a careless user tries, class by class, through the API and the
//! pages: each is refused by name, and nothing of it is stored.

use crate::helpers::{account, agreement, company, contact_account, person, spawn_app, task, with};
use reqwest::StatusCode;
use serde_json::json;
use store::accounts::Role;

/// A control character breaks the documents built from a text (a bare CR once ended a
/// calendar event early and started a fake one); no field of any record keeps one.
#[tokio::test]
async fn control_characters_are_refused_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut someone = person("a@example.dk");
    someone["name"] = json!("Mette\u{7} Larsen");
    someone["address"] = json!("Vesterbro 14\rEND:VEVENT");
    let refused = app.post("/api/people", &someone).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.invalid_fields(), ["address", "name"]);
    let mut shop = company("29189420");
    shop["sites"][1]["name"] = json!("\u{202E}regaL");
    assert_eq!(
        app.post("/api/companies", &shop).await.invalid_fields(),
        ["sites[1].name"]
    );
    assert_eq!(app.get("/api/people").await.body["total"], 0);
    assert_eq!(app.get("/api/companies").await.body["total"], 0);

    // A page's form is refused whole, in the reader's language, before any handler.
    let (browser, csrf) = app
        .signed_in(account("k2@example.dk", Role::Coordinator))
        .await;
    let sent = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", "2026-10\u{0}")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.html.contains("Teksten kan ikke gemmes"),
        "{}",
        sent.html
    );
    // Nor is a value longer than any field takes stored or echoed back into the form.
    let long = "2".repeat(web::pages::page::MAX_FIELD_CHARS + 1);
    let sent = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", &long)],
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sent.html.contains("Teksten er for lang"), "{}", sent.html);
    assert!(!sent.html.contains(&long[..100]));
    assert_eq!(app.get("/api/invoices").await.body, json!([]));
}

/// Every answer says how a browser must treat it; a body over the limit is 413.
#[tokio::test]
async fn answers_carry_their_guards_and_large_bodies_are_refused() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("k2@example.dk", Role::Coordinator))
        .await;
    let page = app.page(&browser, "/people").await;
    assert_eq!(page.status, StatusCode::OK);
    let api = app
        .client
        .get(format!("{}/api/people", app.base))
        .send()
        .await
        .unwrap();
    for headers in [&page.headers, api.headers()] {
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["cache-control"], "no-store");
    }
    // The style sheet may be cached; its own header stands.
    let css = app.page(&browser, "/static/kommune.css").await;
    assert_eq!(css.headers["cache-control"], "max-age=3600");

    let mut huge = person("a@example.dk");
    huge["name"] = json!("x".repeat(3 << 20));
    let refused = app.post("/api/people", &huge).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{refused:?}");
    let big = "x".repeat(2 << 20);
    let form = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", &big)],
        )
        .await;
    assert_eq!(form.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.get("/api/people").await.body["total"], 0);
}

/// Behind https, cookies are Secure; addresses that leave the site come from the
/// configured public address, never from a Host header an attacker can send.
#[tokio::test]
async fn the_public_address_decides_links_and_cookies() {
    let app = crate::helpers::spawn_app_reached_at("https://kommune.example.dk").await;
    let form = reqwest::Client::new()
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap();
    let cookies: Vec<&str> = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .collect();
    assert!(!cookies.is_empty());
    assert!(
        cookies.iter().all(|c| c.ends_with("; Secure")),
        "{cookies:?}"
    );

    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let (browser, csrf) = app
        .signed_in(crate::helpers::worker_account("w@example.dk", worker))
        .await;
    let made = browser
        .post(format!("{}/my/calendar/new", app.base))
        .header("host", "evil.example")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        made.contains("https://kommune.example.dk/calendar/"),
        "{made}"
    );
    assert!(made.contains("webcal://kommune.example.dk/calendar/"));
    assert!(!made.contains("evil.example"));
}

/// A date years away is a typing error: tasks, orders and subscriptions keep to five years
/// back and two years ahead of the application's today (2026-12-04 in tests), by field.
#[tokio::test]
async fn dates_far_from_today_are_refused_by_field() {
    let app = spawn_app().await;
    let made = app.post("/api/companies", &company("29189420")).await;
    let (company_id, site) = (made.id(), made.body["sites"][0]["id"].as_i64().unwrap());
    assert_eq!(
        app.post("/api/agreements", &agreement(company_id, "cleaning"))
            .await
            .status,
        StatusCode::CREATED
    );
    for far in ["2028-12-05T09:00:00+01:00", "2021-12-03T09:00:00+01:00"] {
        let refused = app.post("/api/tasks", &task(company_id, site, far)).await;
        assert_eq!(refused.invalid_fields(), ["fixed_start"], "{far}");
    }
    let until_far = with(
        task(company_id, site, "2028-11-01T09:00:00+01:00"),
        "recurrence",
        json!("weekly Wed until 2029-01-10"),
    );
    assert_eq!(
        app.post("/api/tasks", &until_far).await.invalid_fields(),
        ["recurrence"]
    );
    let near = app
        .post(
            "/api/tasks",
            &task(company_id, site, "2028-12-04T09:00:00+01:00"),
        )
        .await;
    assert_eq!(near.status, StatusCode::CREATED, "{near:?}");
    let moved = app
        .put(
            &format!("/api/tasks/{}", near.id()),
            &with(
                task(company_id, site, "3000-01-01T09:00:00+01:00"),
                "version",
                near.body["version"].clone(),
            ),
        )
        .await;
    assert_eq!(moved.invalid_fields(), ["fixed_start"]);

    let order = json!({"site_id": site, "date": "2029-01-01", "fractions": "cardboard",
        "window": "10:00-12:00", "expected_kg": 20, "price_ore": 5000});
    assert_eq!(
        app.post("/api/waste/orders", &order).await.invalid_fields(),
        ["date"]
    );
    let subscription = json!({"site_id": site, "fractions": "cardboard", "weekdays": "Tue",
        "window": "09:00-11:00", "expected_kg": 25, "expected_litres": 200,
        "price_per_pickup_ore": 4500, "starts_on": "1999-12-31"});
    assert_eq!(
        app.post("/api/waste/subscriptions", &subscription)
            .await
            .invalid_fields(),
        ["starts_on"]
    );
    assert_eq!(app.get("/api/tasks").await.body["total"], 1);
    assert_eq!(app.get("/api/waste/subscriptions").await.body, json!([]));
}

/// The same standing or extra pickup twice would plan a vehicle twice and bill the shop
/// twice: a second subscription to a fraction, or a second order of it for the same day
/// and time, is refused (409), through the API and the company's page alike.
#[tokio::test]
async fn a_pickup_is_subscribed_and_ordered_once() {
    let app = spawn_app().await;
    let made = app.post("/api/companies", &company("29189420")).await;
    let (company_id, site) = (made.id(), made.body["sites"][0]["id"].as_i64().unwrap());
    let subscription = json!({"site_id": site, "fractions": "cardboard, soft_plastic",
        "weekdays": "Tue", "window": "09:00-11:00", "expected_kg": 25, "expected_litres": 200,
        "price_per_pickup_ore": 4500, "starts_on": "2026-12-01"});
    let first = app.post("/api/waste/subscriptions", &subscription).await;
    assert_eq!(first.status, StatusCode::CREATED, "{first:?}");
    let again = with(
        subscription,
        "fractions",
        json!("soft_plastic, hard_plastic"),
    );
    let twice = app.post("/api/waste/subscriptions", &again).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{twice:?}");
    assert!(
        twice.body["detail"]
            .as_str()
            .unwrap()
            .contains("end it first")
    );
    // A new price or schedule follows the old subscription's end.
    let path = format!("/api/waste/subscriptions/{}/end", first.id());
    let ended = app.post(&path, &json!({"ends_on": "2026-12-31"})).await;
    assert_eq!(ended.body["ends_on"], "2026-12-31", "{ended:?}");
    assert_eq!(
        app.post(&path, &json!({"ends_on": "2027-01-31"}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let renewed = with(again, "starts_on", json!("2027-01-01"));
    assert_eq!(
        app.post("/api/waste/subscriptions", &renewed).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.get("/api/waste/subscriptions")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let order = json!({"site_id": site, "date": "2026-12-09", "fractions": "cardboard",
        "window": "10:00-12:00", "expected_kg": 20, "price_ore": 5000});
    assert_eq!(
        app.post("/api/waste/orders", &order).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.post("/api/waste/orders", &order).await.status,
        StatusCode::CONFLICT
    );
    // The afternoon is the same site the same day: visited once.
    let afternoon = with(order.clone(), "window", json!("13:00-15:00"));
    assert_eq!(
        app.post("/api/waste/orders", &afternoon).await.status,
        StatusCode::CONFLICT
    );

    let (browser, csrf) = app
        .signed_in(contact_account("k@salling.example.dk", company_id))
        .await;
    let form = [
        ("csrf", csrf.as_str()),
        ("site", &site.to_string()),
        ("date", "2026-12-09"),
        ("fractions", "cardboard"),
        ("window", "10:00-12:00"),
        ("expected_kg", "20"),
    ];
    let sent = app.submit(&browser, "/company/pickups", &form).await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.html.contains("allerede bestilt en afhentning"),
        "{}",
        sent.html
    );
    let due = app
        .store
        .pickups_due(chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap())
        .await
        .unwrap();
    assert_eq!(due.len(), 1, "the site is visited once that day");
}

/// Names of ten thousand characters, a hundred and one sites, a vehicle carrying four
/// billion kg: every field has its range, the rest is refused by name, and an answer
/// quoting what was sent quotes only its beginning.
#[tokio::test]
async fn sizes_beyond_their_range_are_refused_and_not_echoed() {
    let app = spawn_app().await;
    let mut someone = person("a@example.dk");
    someone["name"] = json!("M".repeat(10_000));
    someone["email"] = json!(format!("{}@example.dk", "x".repeat(1_000_000)));
    someone["languages"] = json!(vec!["da"; 21]);
    let refused = app.post("/api/people", &someone).await;
    assert_eq!(refused.invalid_fields(), ["name", "email", "languages"]);
    let said = serde_json::to_string(&refused.body).unwrap();
    assert!(said.len() < 5_000, "{} bytes", said.len());

    let mut shop = company("29189420");
    let site = shop["sites"][0].clone();
    shop["sites"] = json!(
        (0..101)
            .map(|i| with(site.clone(), "p_number", json!(format!("10{i:08}"))))
            .collect::<Vec<_>>()
    );
    shop["contacts"][0]["role"] = json!("r".repeat(10_000));
    assert_eq!(
        app.post("/api/companies", &shop).await.invalid_fields(),
        ["sites", "contacts[0].role"]
    );

    let heavy = json!({"name": "Ladcykel 1", "kind": "cargo_bike", "capacity_kg": 4_000_000_000u32,
        "capacity_litres": 1000, "range_km": 40, "speed_kmh": 15, "shift": "07:00-15:00", "wh_per_km": 0});
    assert_eq!(
        app.post("/api/waste/vehicles", &heavy)
            .await
            .invalid_fields(),
        ["capacity_kg", "wh_per_km"]
    );
    // Beyond what the member's type holds at all, it is named before any rule is checked.
    let beyond = with(heavy, "capacity_kg", json!(1u64 << 40));
    assert_eq!(
        app.post("/api/waste/vehicles", &beyond)
            .await
            .invalid_fields(),
        ["capacity_kg"]
    );
    assert_eq!(app.get("/api/people").await.body["total"], 0);
    assert_eq!(app.get("/api/companies").await.body["total"], 0);
    assert_eq!(app.get("/api/waste/vehicles").await.body, json!([]));
}

/// A company contact learns nothing of another company's records: each of them answers
/// exactly as a record that does not exist.
#[tokio::test]
async fn another_companys_record_answers_as_a_missing_one() {
    let work = crate::fixtures::tuesday().await.planned().await;
    let app = &work.app;
    let entry = work
        .record_hours("2026-12-01T09:00:00+01:00", "2026-12-01T11:00:00+01:00")
        .await;
    app.set_seller().await;
    app.confirm_hours(entry).await;
    let run = app
        .post(
            "/api/invoices/run",
            &json!({"period": "2026-12", "date": "2026-12-04", "open_month": true}),
        )
        .await;
    assert_eq!(run.status, StatusCode::CREATED, "{run:?}");
    let number = run.body[0]["number"].as_str().unwrap().to_string();
    let theirs = app.post("/api/companies", &company("12345674")).await.id();
    let them = app.as_client(
        app.client_for(contact_account("k@other.example.dk", theirs))
            .await,
    );

    let missing_number = "2026-9999";
    let pairs = [
        (
            "get",
            format!("/api/invoices/{number}"),
            format!("/api/invoices/{missing_number}"),
            json!(null),
        ),
        (
            "get",
            format!("/api/invoices/{number}/pdf"),
            format!("/api/invoices/{missing_number}/pdf"),
            json!(null),
        ),
        (
            "get",
            format!("/api/invoices/{number}/ubl"),
            format!("/api/invoices/{missing_number}/ubl"),
            json!(null),
        ),
        (
            "post",
            format!("/api/time/{entry}/confirm"),
            "/api/time/999999/confirm".into(),
            json!({}),
        ),
    ];
    for (method, ours, nowhere, body) in pairs {
        let (a, b) = if method == "get" {
            (them.get(&ours).await, them.get(&nowhere).await)
        } else {
            (
                them.post(&ours, &body).await,
                them.post(&nowhere, &body).await,
            )
        };
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{ours}: {a:?}");
        assert_eq!(
            (a.status, &a.body),
            (b.status, &b.body),
            "{ours} ~ {nowhere}"
        );
    }
    let order = |site: i64| {
        json!({"site_id": site, "date": "2026-12-09", "fractions": "cardboard",
            "window": "10:00-12:00", "expected_kg": 20})
    };
    let (a, b) = (
        them.post("/api/waste/orders", &order(work.site)).await,
        them.post("/api/waste/orders", &order(999_999)).await,
    );
    assert_eq!((a.status, &a.body), (b.status, &b.body));
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}
