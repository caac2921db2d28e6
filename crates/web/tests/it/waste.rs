//! Flex Waste's records through the API — subscriptions, orders, hubs, vehicles and a
//! day's plan — and a company contact ordering an extra pickup through the page and the
//! API, for its own sites only.

use crate::fixtures::{at, december_first};
use crate::helpers::{TestApp, contact_account, csrf_field, spawn_app, with};
use chrono::{Duration, NaiveDate};
use domain::calendar::parse_instant;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use serde_json::{Value, json};
use store::Actor;
use store::waste::{Route, Source, Visit};

const OURS: &str = "29189420";
const THEIRS: &str = "12345674";

/// A company made through the API: (id, first site, second site).
async fn company(app: &TestApp, cvr: &str) -> (i64, i64, i64) {
    let created = app
        .post("/api/companies", &crate::helpers::company(cvr))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    let site = |i: usize| created.body["sites"][i]["id"].as_i64().unwrap();
    (created.id(), site(0), site(1))
}

fn subscription(site: i64) -> Value {
    json!({
        "site_id": site,
        "fractions": "soft_plastic, cardboard",
        "weekdays": "Tue, Fri",
        "window": "09:00-11:00",
        "expected_kg": 25,
        "expected_litres": 200,
        "price_per_pickup_ore": 4500,
        "starts_on": "2026-12-01"
    })
}

fn hub() -> Value {
    json!({
        "kind": "hub",
        "name": "Salling",
        "address": "Nytorv 8, 9000 Aalborg",
        "latitude": 57.0481,
        "longitude": 9.9205,
        "opening": "07:00-18:00",
        "fractions": "cardboard, soft_plastic, hard_plastic"
    })
}

fn vehicle(name: &str) -> Value {
    json!({
        "name": name,
        "kind": "cargo_bike",
        "capacity_kg": 150,
        "capacity_litres": 1000,
        "range_km": 40,
        "speed_kmh": 15,
        "shift": "07:00-15:00",
        "wh_per_km": 25
    })
}

#[tokio::test]
async fn the_api_enters_and_lists_subscriptions_orders_places_and_vehicles() {
    let app = spawn_app().await;
    let (company_id, site, _) = company(&app, OURS).await;

    let created = app
        .post("/api/waste/subscriptions", &subscription(site))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    assert_eq!(created.body["fractions"], "cardboard, soft_plastic");
    let listed = app.get("/api/waste/subscriptions").await;
    assert_eq!(listed.status, StatusCode::OK);
    let first = &listed.body[0];
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    assert_eq!(
        (
            first["id"].as_i64(),
            first["site_id"].as_i64(),
            first["company_id"].as_i64()
        ),
        (Some(created.id()), Some(site), Some(company_id))
    );
    for (key, value) in [
        ("site", json!("Butik Nytorv")),
        ("p_number", json!("1003456789")),
        ("weekdays", json!("Tue, Fri")),
        ("window", json!("09:00-11:00")),
        ("price_per_pickup_ore", json!(4500)),
        ("monthly_fee_ore", json!(0)),
        ("starts_on", json!("2026-12-01")),
        ("ends_on", Value::Null),
    ] {
        assert_eq!(first[key], value, "{key} in {first}");
    }
    let unknown = app
        .post("/api/waste/subscriptions", &subscription(9999))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{unknown:?}");

    // A coordinator's order at a price of its own, on a Wednesday the subscription skips.
    let wednesday = december_first() + Duration::days(1);
    let order = json!({"site_id": site, "date": wednesday.to_string(), "fractions": "cardboard",
        "window": "10:00-12:00", "expected_kg": 40, "expected_litres": 300, "price_ore": 9000});
    let ordered = app.post("/api/waste/orders", &order).await;
    assert_eq!(ordered.status, StatusCode::CREATED, "{ordered:?}");
    assert_eq!(
        (&ordered.body["price_ore"], &ordered.body["expected_litres"]),
        (&json!(9000), &json!(300))
    );
    let due = app.store.pickups_due(wednesday).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].source, Source::Order(ordered.id()));
    assert_eq!(due[0].window.to_string(), "10:00-12:00");
    let unknown = app
        .post("/api/waste/orders", &with(order, "site_id", json!(9999)))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{unknown:?}");

    let depot = json!({"kind": "depot", "name": "Depotet", "address": "Stigsborgvej 1, 9400 Nørresundby",
        "latitude": 57.06, "longitude": 9.92, "opening": "06:00-18:00"});
    assert_eq!(
        app.post("/api/waste/places", &depot).await.status,
        StatusCode::CREATED
    );
    let added = app.post("/api/waste/places", &hub()).await;
    assert_eq!(added.status, StatusCode::CREATED, "{added:?}");
    let places = app.get("/api/waste/places").await.body;
    assert_eq!(
        places
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["depot", "hub"]
    );
    assert_eq!(places[1]["id"].as_i64(), Some(added.id()));
    assert_eq!(
        places[1]["fractions"],
        "cardboard, soft_plastic, hard_plastic"
    );
    assert_eq!(places[1]["opening"], "07:00-18:00");

    let bike = app.post("/api/waste/vehicles", &vehicle("Cykel 1")).await;
    assert_eq!(bike.status, StatusCode::CREATED, "{bike:?}");
    let again = app.post("/api/waste/vehicles", &vehicle("Cykel 1")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{again:?}");
    let vehicles = app.get("/api/waste/vehicles").await.body;
    assert_eq!(vehicles.as_array().unwrap().len(), 1);
    assert_eq!(
        (&vehicles[0]["name"], &vehicles[0]["shift"]),
        (&json!("Cykel 1"), &json!("07:00-15:00"))
    );

    // The day's latest plan, as the route command stores it.
    let day = december_first();
    assert_eq!(
        app.get("/api/waste/days/2026-12-01").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/waste/days/1-12-2026").await.invalid_fields(),
        ["date"]
    );
    let instant = |h, m| parse_instant(&at(day, h, m)).unwrap();
    let route = Route {
        id: 0,
        vehicle_id: bike.id(),
        driver_id: None,
        distance_m: 12_500,
        starts_at: instant(8, 30),
        ends_at: instant(11, 30),
        visits: vec![
            Visit {
                site_id: Some(site),
                place_id: None,
                arrives_at: instant(9, 10),
                window: Some((instant(9, 0), instant(11, 0))),
                expected_kg: 25,
            },
            Visit {
                site_id: None,
                place_id: Some(added.id()),
                arrives_at: instant(10, 0),
                window: None,
                expected_kg: 0,
            },
        ],
    };
    let by = Actor("test".into());
    app.store
        .save_day_plan(day, &[route], &[(site, "no vehicle free".into())], &by)
        .await
        .unwrap();
    let plan = app.get("/api/waste/days/2026-12-01").await;
    assert_eq!(plan.status, StatusCode::OK, "{plan:?}");
    let route = &plan.body["routes"][0];
    assert_eq!(route["vehicle_id"].as_i64(), Some(bike.id()));
    assert_eq!(route["distance_m"], 12_500);
    assert_eq!(
        route["visits"][0]["arrives_at"],
        "2026-12-01T09:10:00+01:00"
    );
    assert_eq!(
        route["visits"][0]["window"],
        json!(["2026-12-01T09:00:00+01:00", "2026-12-01T11:00:00+01:00"])
    );
    assert_eq!(route["visits"][1]["place_id"].as_i64(), Some(added.id()));
    assert_eq!(route["visits"][1]["window"], Value::Null);
    assert_eq!(
        plan.body["unserved"],
        json!([{"site_id": site, "reason": "no vehicle free"}])
    );
}

#[tokio::test]
async fn bad_input_names_every_field() {
    let app = spawn_app().await;
    let (_, site, _) = company(&app, OURS).await;
    let bad = json!({"fractions": "glass", "weekdays": "Funday", "window": "11:00-09:00",
        "expected_kg": 0, "expected_litres": 0, "price_per_pickup_ore": -1, "monthly_fee_ore": -1, "starts_on": "1. december"});
    assert_eq!(
        app.post("/api/waste/subscriptions", &bad)
            .await
            .invalid_fields(),
        [
            "site_id",
            "fractions",
            "weekdays",
            "window",
            "expected_kg",
            "expected_litres",
            "price_per_pickup_ore",
            "monthly_fee_ore",
            "starts_on"
        ]
    );
    // A member of the wrong type is named before anything is checked.
    let typed = with(subscription(site), "expected_kg", json!("many"));
    assert_eq!(
        app.post("/api/waste/subscriptions", &typed)
            .await
            .invalid_fields(),
        ["expected_kg"]
    );
    let nothing_stored = app.get("/api/waste/subscriptions").await.body;
    assert_eq!(nothing_stored, json!([]));

    let order = json!({"site_id": site, "date": "tomorrow", "fractions": "", "window": "8-10",
        "expected_kg": 301, "expected_litres": 0, "price_ore": -5});
    assert_eq!(
        app.post("/api/waste/orders", &order).await.invalid_fields(),
        [
            "date",
            "fractions",
            "window",
            "expected_kg",
            "expected_litres",
            "price_ore"
        ]
    );

    let place = json!({"kind": "shop", "name": " ", "address": "", "latitude": 91.0,
        "opening": "always", "fractions": "wood"});
    assert_eq!(
        app.post("/api/waste/places", &place).await.invalid_fields(),
        [
            "kind",
            "name",
            "address",
            "latitude",
            "longitude",
            "opening",
            "fractions"
        ]
    );
    let depot = with(hub(), "kind", json!("depot"));
    assert_eq!(
        app.post("/api/waste/places", &depot).await.invalid_fields(),
        ["fractions"],
        "a depot takes no waste"
    );
    let vehicle = json!({"name": "", "kind": "truck", "capacity_kg": 0, "capacity_litres": 0,
        "range_km": 0, "speed_kmh": 0, "shift": "15:00-07:00", "wh_per_km": 0});
    assert_eq!(
        app.post("/api/waste/vehicles", &vehicle)
            .await
            .invalid_fields(),
        [
            "name",
            "kind",
            "capacity_kg",
            "capacity_litres",
            "range_km",
            "speed_kmh",
            "wh_per_km",
            "shift"
        ]
    );
    assert_eq!(app.get("/api/waste/places").await.body, json!([]));
    assert_eq!(app.get("/api/waste/vehicles").await.body, json!([]));

    let nobody = app.as_client(reqwest::Client::new());
    assert_eq!(
        nobody.get("/api/waste/subscriptions").await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The pickup form's fields, filled in well.
fn pickup_form(csrf: &str, site: i64, day: NaiveDate) -> Vec<(String, String)> {
    [
        ("csrf", csrf.to_string()),
        ("site", site.to_string()),
        ("date", day.to_string()),
        ("fractions", "cardboard".into()),
        ("fractions", "hard_plastic".into()),
        ("window", "08:00-10:00".into()),
        ("expected_kg", "50".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[tokio::test]
async fn a_contact_orders_an_extra_pickup_for_its_own_sites_only() {
    let app = spawn_app().await;
    let (ours, site, other_site) = company(&app, OURS).await;
    let (_, their_site, _) = company(&app, THEIRS).await;
    let today = app.clock.today();
    // Friday the 4th: the next days Flex Waste runs are Monday and Tuesday.
    let tomorrow = today + Duration::days(3);
    let day_after = tomorrow + Duration::days(1);
    let mut subscribed = subscription(site);
    subscribed["starts_on"] = json!(today.to_string());
    let created = app.post("/api/waste/subscriptions", &subscribed).await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");

    // Through the API: the subscription's price, the litres in its proportion.
    let api = app.as_client(
        app.client_for(contact_account("api@salling.example.dk", ours))
            .await,
    );
    let order = json!({"site_id": site, "date": tomorrow.to_string(), "fractions": "cardboard",
        "window": "10:00-12:00", "expected_kg": 50});
    let ordered = api.post("/api/waste/orders", &order).await;
    assert_eq!(ordered.status, StatusCode::CREATED, "{ordered:?}");
    assert_eq!(ordered.body["price_ore"], 4500);
    assert_eq!(ordered.body["expected_litres"], 400);
    // A site without a subscription costs the default.
    let plain = api
        .post(
            "/api/waste/orders",
            &with(order.clone(), "site_id", json!(other_site)),
        )
        .await;
    assert_eq!(plain.status, StatusCode::CREATED, "{plain:?}");
    assert_eq!(
        (&plain.body["price_ore"], &plain.body["expected_litres"]),
        (&json!(6000), &json!(400))
    );
    // Another company's site does not exist for them; nor does a price of their own or a
    // day gone by.
    let theirs = api
        .post(
            "/api/waste/orders",
            &with(order.clone(), "site_id", json!(their_site)),
        )
        .await;
    assert_eq!(
        (theirs.status, theirs.content_type.as_str()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    let priced = with(order.clone(), "price_ore", json!(1));
    assert_eq!(
        api.post("/api/waste/orders", &priced)
            .await
            .invalid_fields(),
        ["price_ore"]
    );
    let yesterday = with(
        order.clone(),
        "date",
        json!((today - Duration::days(1)).to_string()),
    );
    assert_eq!(
        api.post("/api/waste/orders", &yesterday)
            .await
            .invalid_fields(),
        ["date"]
    );
    // A company chooses from the offer the order page shows; the agency arranges the rest.
    let glass = with(
        with(order.clone(), "fractions", json!("plastic")),
        "window",
        json!("13:00-14:00"),
    );
    assert_eq!(
        api.post("/api/waste/orders", &glass).await.invalid_fields(),
        ["fractions", "window"]
    );
    // The rest of the Flex Waste API is the coordinator's.
    assert_eq!(
        api.get("/api/waste/subscriptions").await.status,
        StatusCode::FORBIDDEN
    );

    // Through the page.
    let (browser, csrf) = app
        .signed_in(contact_account("k@salling.example.dk", ours))
        .await;
    let form = app.page(&browser, "/company/pickups/new").await;
    assert_eq!(form.status, StatusCode::OK);
    for needed in [
        "<form method=\"post\" action=\"/company/pickups\"",
        &csrf_field(&csrf),
        "<label for=\"site\">",
        &format!("<option value=\"{site}\""),
        &format!("<option value=\"{other_site}\""),
        "<label for=\"date\">",
        "<fieldset id=\"fractions\"",
        "<legend>Hvad skal vi hente?</legend>",
        "<input id=\"fraction-cardboard\" name=\"fractions\" type=\"checkbox\" value=\"cardboard\">",
        "<label for=\"fraction-soft_plastic\">",
        "<option value=\"07:00-15:00\" selected>",
        "<label for=\"expected_kg\">",
        "60,00 kr. ekskl. moms",
        "href=\"/company/pickups/new\" aria-current=\"page\"",
    ] {
        assert!(
            form.html.contains(needed),
            "{needed:?} missing in {}",
            form.html
        );
    }
    assert!(
        !form
            .html
            .contains(&format!("<option value=\"{their_site}\""))
    );

    // Every wrong field at once: the form again, each error linked to its field, what was
    // typed kept.
    let mut bad = pickup_form(&csrf, site, tomorrow);
    bad.retain(|(k, _)| k != "fractions");
    for (key, value) in bad.iter_mut() {
        match key.as_str() {
            "date" => *value = "i morgen".into(),
            "window" => *value = "06:00-07:00".into(),
            "expected_kg" => *value = "masser".into(),
            _ => {}
        }
    }
    let answer = app.submit_form(&browser, "/company/pickups", &bad).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let links: Vec<&str> = answer
        .html
        .split("<li><a href=\"#")
        .skip(1)
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert_eq!(links, ["date", "fractions", "window", "expected_kg"]);
    assert!(answer.html.contains("value=\"i morgen\""));
    assert!(answer.html.contains("value=\"masser\""));
    assert!(
        answer
            .html
            .contains("<a href=\"#fractions\">Vælg mindst én slags affald</a>")
    );

    // Another company's site sent by hand is not one of theirs.
    let forged = pickup_form(&csrf, their_site, tomorrow);
    let answer = app.submit_form(&browser, "/company/pickups", &forged).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .html
            .contains("<a href=\"#site\">Vælg en af jeres adresser</a>"),
        "{}",
        answer.html
    );

    // The API ordered for this site on Monday already: the page orders for Tuesday.
    let twice = pickup_form(&csrf, site, tomorrow);
    let answer = app.submit_form(&browser, "/company/pickups", &twice).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.html.contains("vi kommer én gang om dagen"),
        "{}",
        answer.html
    );
    let good = pickup_form(&csrf, site, day_after);
    let sent = app.submit_form(&browser, "/company/pickups", &good).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert_eq!(sent.header(LOCATION), "/company");
    assert!(sent.header(SET_COOKIE).contains("kommune_notice=ordered"));

    // The orders are due on their days: the API's two on Monday, the page's on Tuesday.
    let orders_on = |day| {
        let store = app.store.clone();
        async move {
            store
                .pickups_due(day)
                .await
                .unwrap()
                .into_iter()
                .filter(|d| matches!(d.source, Source::Order(_)))
                .collect::<Vec<_>>()
        }
    };
    let said = |due: &[store::waste::Due]| -> Vec<(i64, String, u32)> {
        due.iter()
            .map(|d| (d.site.site_id, d.window.to_string(), d.expected_kg))
            .collect()
    };
    let monday = orders_on(tomorrow).await;
    assert_eq!(
        said(&monday),
        [
            (site, "10:00-12:00".to_string(), 50),
            (other_site, "10:00-12:00".to_string(), 50),
        ]
    );
    let due = orders_on(day_after).await;
    assert_eq!(said(&due), [(site, "08:00-10:00".to_string(), 50)]);
    let page_order = &due[0];
    assert_eq!(
        page_order
            .fractions
            .iter()
            .map(|f| f.code())
            .collect::<Vec<_>>(),
        ["cardboard", "hard_plastic"]
    );
    assert!(due.iter().all(|d| d.site.company_id == ours));
}

/// "Today" is the application's clock, not the machine's: a contact may order for the day
/// the clock shows and later, and the same order is refused once the clock has moved on.
#[tokio::test]
async fn the_application_clock_decides_which_days_a_contact_may_order() {
    let app = crate::helpers::spawn_app_at("2030-06-03T09:00:00+02:00").await;
    let (ours, site, _) = company(&app, OURS).await;
    let api = app.as_client(
        app.client_for(contact_account("clock@salling.example.dk", ours))
            .await,
    );
    let on = |date: &str| {
        json!({"site_id": site, "date": date, "fractions": "cardboard",
            "window": "10:00-12:00", "expected_kg": 20})
    };
    let last_friday = api.post("/api/waste/orders", &on("2030-05-31")).await;
    assert_eq!(last_friday.invalid_fields(), ["date"]);
    // A Sunday is no day Flex Waste runs.
    let sunday = api.post("/api/waste/orders", &on("2030-06-09")).await;
    assert_eq!(sunday.invalid_fields(), ["date"]);
    let that_day = api.post("/api/waste/orders", &on("2030-06-03")).await;
    assert_eq!(that_day.status, StatusCode::CREATED, "{that_day:?}");
    // Past midnight in Copenhagen, the 3rd has gone by.
    app.clock
        .set(domain::calendar::parse_instant("2030-06-04T00:30:00+02:00").unwrap());
    let too_late = api.post("/api/waste/orders", &on("2030-06-03")).await;
    assert_eq!(too_late.invalid_fields(), ["date"]);
}

/// The records changed through the API: a subscription's new terms from a day, an order
/// withdrawn (a contact its own only), a vehicle changed and taken out, a day closed.
#[tokio::test]
async fn the_api_changes_subscriptions_orders_vehicles_and_closes_days() {
    let app = spawn_app().await;
    let (ours, site, _) = company(&app, OURS).await;
    let (theirs, their_site, _) = company(&app, THEIRS).await;
    let today = app.clock.today();
    let mut subscribed = subscription(site);
    subscribed["starts_on"] = json!(today.to_string());
    let old = app.post("/api/waste/subscriptions", &subscribed).await.id();
    let monday = (today + Duration::days(3)).to_string();
    let mut terms = subscribed.clone();
    terms["starts_on"] = json!(monday);
    terms["price_per_pickup_ore"] = json!(5_000);
    let changed = app
        .post(&format!("/api/waste/subscriptions/{old}/change"), &terms)
        .await;
    assert_eq!(changed.status, StatusCode::CREATED, "{changed:?}");
    assert_eq!(changed.body["price_per_pickup_ore"], 5_000);
    assert_eq!(changed.body["starts_on"], json!(monday));
    let all = app.get("/api/waste/subscriptions").await;
    let ended = all
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == old)
        .unwrap()
        .clone();
    assert_eq!(
        ended["ends_on"],
        json!((today + Duration::days(2)).to_string())
    );
    let before = app
        .post(&format!("/api/waste/subscriptions/{old}/change"), &terms)
        .await;
    assert_eq!(
        before.status,
        StatusCode::CONFLICT,
        "ended already: {before:?}"
    );

    // Orders: a contact withdraws its own, and another company's is no order at all.
    let order = |s: i64| {
        json!({"site_id": s, "date": monday, "fractions": "cardboard",
            "window": "10:00-12:00", "expected_kg": 20})
    };
    let mine = app.post("/api/waste/orders", &order(site)).await.id();
    let other = app.post("/api/waste/orders", &order(their_site)).await.id();
    let contact = app.as_client(
        app.client_for(contact_account("cancel@salling.example.dk", ours))
            .await,
    );
    let refused = contact
        .post(&format!("/api/waste/orders/{other}/cancel"), &json!({}))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::NOT_FOUND,
        "{theirs}: {refused:?}"
    );
    let cancelled = contact
        .post(&format!("/api/waste/orders/{mine}/cancel"), &json!({}))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{cancelled:?}");
    assert!(cancelled.body["cancelled_at"].is_string(), "{cancelled:?}");
    let again = contact
        .post(&format!("/api/waste/orders/{mine}/cancel"), &json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // Changed: the other company's is not found; ours moves to Tuesday at its price.
    let tuesday = (today + Duration::days(4)).to_string();
    let kept = app.post("/api/waste/orders", &order(site)).await.id();
    let moved = with(order(their_site), "date", json!(tuesday));
    let refused = contact
        .post(&format!("/api/waste/orders/{other}/change"), &moved)
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let changed = contact
        .post(&format!("/api/waste/orders/{kept}/change"), &moved)
        .await;
    assert_eq!(changed.status, StatusCode::CREATED, "{changed:?}");
    assert_eq!(changed.body["site_id"], site, "the order's own site");
    assert_eq!(changed.body["date"], json!(tuesday));

    // A vehicle changed, then taken out of service.
    let van = json!({"name": "Elvan 1", "kind": "electric_van", "capacity_kg": 500,
        "capacity_litres": 3000, "range_km": 120, "speed_kmh": 25, "shift": "07:00-15:00",
        "wh_per_km": 180});
    let id = app.post("/api/waste/vehicles", &van).await.id();
    let bigger = with(van.clone(), "capacity_kg", json!(650));
    let put = app.put(&format!("/api/waste/vehicles/{id}"), &bigger).await;
    assert_eq!(put.status, StatusCode::OK, "{put:?}");
    assert_eq!(put.body["capacity_kg"], 650);
    let bad = app
        .put(
            &format!("/api/waste/vehicles/{id}"),
            &with(van, "capacity_kg", json!(0)),
        )
        .await;
    assert_eq!(bad.invalid_fields(), ["capacity_kg"]);
    let out = app
        .post(
            &format!("/api/waste/vehicles/{id}/retire"),
            &json!({"from": monday}),
        )
        .await;
    assert_eq!(out.status, StatusCode::OK, "{out:?}");
    assert_eq!(out.body["retired_on"], json!(monday));
    let twice = app
        .post(
            &format!("/api/waste/vehicles/{id}/retire"),
            &json!({"from": monday}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    // A day closed by hand, and one past that closed at midnight.
    let closed = app
        .post(&format!("/api/waste/days/{today}/close"), &json!({}))
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{closed:?}");
    assert_eq!(closed.body["date"], json!(today.to_string()));
    let yesterday = today - Duration::days(1);
    let past = app
        .post(&format!("/api/waste/days/{yesterday}/close"), &json!({}))
        .await;
    assert_eq!(past.body["closed_by"], "midnight", "{past:?}");
    let nonsense = app.post("/api/waste/days/someday/close", &json!({})).await;
    assert_eq!(nonsense.invalid_fields(), ["date"]);
    let far = app
        .post("/api/waste/days/2099-01-01/close", &json!({}))
        .await;
    assert_eq!(far.invalid_fields(), ["date"], "a date has its range");
}
