//! A Flex Waste day walked through the pages, each role in the same browser in turn:
//! the coordinator plans the day from the page and sees the route on the map; the driver
//! records every stop and the unloading on the phone-sized page, with the route on its
//! own map; the coordinator sees the stops done on the map and the kg in the month's
//! figures, and closes the day; the shop's contact sees its kg. Every step is a
//! screenshot and an axe check.

use super::{Browser, DESKTOP, PHONE, Viewport};
use crate::fixtures::free_every_day;
use crate::helpers::{COORDINATOR, PASSWORD, contact_account, spawn_app_at};
use crate::pages_driver::{DRIVER, driver_account, waste_records};
use serde_json::json;

const CONTACT: &str = "jens@salling.example.dk";

async fn walk(viewport: Viewport) {
    // Friday 4 December, early: the day's windows (09:00–11:00) are all ahead.
    let app = spawn_app_at("2026-12-04T07:30:00+01:00").await;
    let driver = crate::helpers::with(
        free_every_day(DRIVER, "07:00-15:00"),
        "skills",
        json!(["cargo_bike", "sorting"]),
    );
    let w = waste_records(&app, app.clock.today(), driver).await;
    app.store
        .create_account(&driver_account(DRIVER, w.driver))
        .await
        .unwrap();
    let company = app.store.waste_site(w.sites.0).await.unwrap().company_id;
    app.store
        .create_account(&contact_account(CONTACT, company))
        .await
        .unwrap();
    let Some(mut b) = Browser::open(&app.base, viewport, "waste-day").await else {
        return;
    };

    // The coordinator plans the day from the page; the engine runs in the background.
    b.sign_in(COORDINATOR, PASSWORD).await;
    b.open_page("coordinator opens the day", "/waste/day").await;
    b.check("day-unplanned").await;
    if !b.text().await.contains("Dagen er ikke planlagt endnu.") {
        b.fail("day-unplanned", "the day should say it is not planned")
            .await;
    }
    b.submit(
        "coordinator plans the day",
        "form[action='/waste/day/plan']",
        None,
    )
    .await;
    if !b.text().await.contains("Dagen planlægges nu") {
        b.fail("planning", "the page should say the day is being planned")
            .await;
    }
    b.check("day-planning").await;
    let jobs = web::jobs::Background {
        smtp: None,
        tick: std::time::Duration::from_millis(10),
        mail_every: chrono::Duration::seconds(5),
        feed_every: chrono::Duration::minutes(60),
        plan_seconds: 1.0,
    };
    crate::mail::run_jobs(&app, &jobs).await;
    b.open_page("coordinator sees the plan", "/waste/day").await;
    let text = b.text().await;
    if !text.contains("Ladcykel 1 — Mette Larsen") || !b.has("svg circle").await {
        b.fail(
            "plan on the map",
            format!("no route for the driver on the map: {text}"),
        )
        .await;
    }
    b.check("day-planned").await;
    b.sign_out().await;

    // The driver records both stops and the unloading.
    b.sign_in(DRIVER, PASSWORD).await;
    b.expect_ok("driver lands on the route", "/route").await;
    if !b.has("#route-map svg").await {
        b.fail("driver's map", "the route sheet has no map").await;
    }
    b.check("route").await;
    for (number, kg) in [(1, "12,5"), (2, "7")] {
        let path = format!("/route/stops/{number}");
        b.click(&format!("a[href='{path}']")).await;
        b.expect_ok("driver opens a stop", &path).await;
        let form = format!("form[action='{path}']");
        b.fill(&form, "kg_cardboard", kg).await;
        b.submit(
            "driver records a stop",
            &form,
            Some("[type='submit'][value='collected']"),
        )
        .await;
        b.check(&format!("stop-{number}-recorded")).await;
    }
    let hub = b
        .js(
            "return Array.from(document.querySelectorAll('a.driver-stop-link'))
               .map(a => a.getAttribute('href'))
               .find(h => document.querySelector(`a[href='${h}']`).textContent.includes('Aflæs'));",
            vec![],
        )
        .await;
    let hub = hub.as_str().unwrap_or("/route/stops/3").to_string();
    b.click(&format!("a[href='{hub}']")).await;
    b.expect_ok("driver opens the hub", &hub).await;
    let form = format!("form[action='{hub}']");
    b.fill(&form, "kg", "19,5").await;
    b.submit("driver records the unloading", &form, None).await;
    b.check("unloaded").await;
    if !b.text().await.contains("Aflæsset.") {
        b.fail("unloaded", "the sheet does not show the unloading")
            .await;
    }
    b.sign_out().await;

    // The coordinator sees the stops done on the map and in the month, and closes the day.
    b.sign_in(COORDINATOR, PASSWORD).await;
    b.open_page("coordinator sees the day done", "/waste/day")
        .await;
    if !b.has("svg circle.waste-map-done").await {
        b.fail("done on the map", "no stop is marked done on the map")
            .await;
    }
    b.check("day-done").await;
    b.submit(
        "coordinator closes the day",
        "form[action='/waste/day/close']",
        None,
    )
    .await;
    if !b.text().await.contains("Dagen er lukket af") {
        b.fail("closed", "the page does not say the day is closed")
            .await;
    }
    b.check("day-closed").await;
    b.open_page("coordinator sees the month", "/waste/month")
        .await;
    if !b.text().await.contains("19,5\nPap") {
        b.fail(
            "month",
            "the month's chart does not show the day's 19,5 kg of cardboard",
        )
        .await;
    }
    b.check("month").await;
    // The records pages, each under axe: the lists, a new record's form, a record's page.
    let subscription = app.store.subscriptions().await.unwrap()[0].id;
    for (step, path) in [
        ("subscriptions", "/waste/subscriptions".to_string()),
        ("subscription-new", "/waste/subscriptions/new".to_string()),
        (
            "subscription",
            format!("/waste/subscriptions/{subscription}"),
        ),
        ("orders", "/waste/orders".to_string()),
        ("order-new", "/waste/orders/new".to_string()),
        ("vehicles", "/waste/vehicles".to_string()),
        ("vehicle-new", "/waste/vehicles/new".to_string()),
        ("vehicle", format!("/waste/vehicles/{}", w.vehicle)),
    ] {
        b.open_page(step, &path).await;
        b.check(step).await;
    }
    // A form sent with mistakes shows them, linked to their fields, and passes axe too.
    b.open_page("order-new", "/waste/orders/new").await;
    b.click("form[action='/waste/orders/new'] [type='submit']")
        .await;
    if b.error_summary().await.is_none() {
        b.fail(
            "order-refused",
            "no error summary for an order without a site",
        )
        .await;
    }
    b.check("order-refused").await;
    b.sign_out().await;

    // The shop sees its kg.
    b.sign_in(CONTACT, PASSWORD).await;
    b.open_page("shop opens its waste", "/company/waste").await;
    let text = b.text().await;
    if !text.contains("19,5") {
        b.fail(
            "shop's kg",
            format!("the shop's page does not show 19,5 kg: {text}"),
        )
        .await;
    }
    b.check("shop").await;
    b.finish().await;
}

#[tokio::test]
async fn a_flex_waste_day_is_walked_through_on_a_phone() {
    walk(PHONE).await;
}

#[tokio::test]
async fn a_flex_waste_day_is_walked_through_on_a_desktop() {
    walk(DESKTOP).await;
}
