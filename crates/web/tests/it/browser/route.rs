//! The driver's route sheet on a phone: sign in, open the day's route, open stop 1, type
//! the kg, save, see the notice; a refused weight at stop 2; unloading at the hub. Every
//! step is a screenshot and an axe check.

use super::{Browser, PHONE, Viewport};
use crate::helpers::spawn_app_in_real_time;
use crate::pages_driver::{DRIVER, driver_account, waste_day};
use chrono::Utc;
use domain::calendar::local_date;

const PASSWORD: &str = "test password";

async fn route_sheet(viewport: Viewport) {
    let app = spawn_app_in_real_time().await;
    let day = waste_day(&app, local_date(Utc::now())).await;
    app.store
        .create_account(&driver_account(DRIVER, day.driver))
        .await
        .unwrap();
    let Some(mut b) = Browser::open(&app.base, viewport, "route").await else {
        return;
    };

    // The driver lands on today's route.
    b.sign_in(DRIVER, PASSWORD).await;
    let landed = b.path().await;
    if landed != "/route" {
        b.fail("driver signs in", format!("landed on {landed}, not /route"))
            .await;
    }
    b.expect_ok("driver signs in", "/route").await;
    b.check("route").await;

    // Stop 1: type the kg and save.
    b.click("a[href='/route/stops/1']").await;
    b.expect_ok("driver opens stop 1", "/route/stops/1").await;
    b.check("stop-1").await;
    let form = "form[action='/route/stops/1']";
    b.fill(form, "kg_cardboard", "12,5").await;
    b.fill(form, "kg_soft_plastic", "3").await;
    b.check("stop-1-filled").await;
    b.submit(
        "driver records stop 1",
        form,
        Some("[type='submit'][value='collected']"),
    )
    .await;
    b.check("stop-1-recorded").await;
    let text = b.text().await;
    if b.path().await != "/route?done=1" || !text.contains("Stop 1 er gemt.") {
        b.fail("see the notice", "no notice that stop 1 was recorded")
            .await;
    }
    if !text.contains("Hentet 15,5 kg.") {
        b.fail(
            "see the notice",
            "the sheet does not show 15,5 kg at stop 1",
        )
        .await;
    }
    let rows = app.store.pickups(day.day, day.day).await.unwrap();
    assert_eq!(rows.len(), 2, "one row per fraction: {rows:?}");

    // Stop 2: a weight that is not a number is refused, linked to its field.
    b.click("a[href='/route/stops/2']").await;
    b.expect_ok("driver opens stop 2", "/route/stops/2").await;
    let form = "form[action='/route/stops/2']";
    b.fill(form, "kg_cardboard", "tolv").await;
    b.click(&format!("{form} [type='submit'][value='collected']"))
        .await;
    if !b.has(".error-summary a[href='#kg_cardboard']").await {
        b.fail("a refused weight", "no error summary linked to the field")
            .await;
    }
    b.check("stop-2-refused").await;
    b.fill(form, "kg_cardboard", "4").await;
    b.submit(
        "driver records stop 2",
        form,
        Some("[type='submit'][value='collected']"),
    )
    .await;
    b.check("stop-2-recorded").await;

    // Stop 3: unloading at the hub.
    b.click("a[href='/route/stops/3']").await;
    b.expect_ok("driver opens the hub", "/route/stops/3").await;
    b.check("stop-3-hub").await;
    let form = "form[action='/route/stops/3']";
    b.fill(form, "kg", "19,5").await;
    b.submit("driver records the unloading", form, None).await;
    b.check("stop-3-unloaded").await;
    let rows = app.store.pickups(day.day, day.day).await.unwrap();
    assert!(
        rows.iter().all(|r| r.received_by == Some(day.hub)),
        "unloaded at the hub: {rows:?}"
    );
    b.finish().await;
}

#[tokio::test]
async fn a_driver_walks_the_route_sheet_on_a_phone() {
    route_sheet(PHONE).await;
}
