//! Flex Waste's records kept from the coordinator's pages: subscriptions created,
//! changed from a day and ended; extra pickups ordered for a day the service runs, once a
//! day per site, and cancelled; vehicles added, changed and taken out of service with
//! who may drive them; and the month's files.

use crate::helpers::{TestApp, account, spawn_app};
use crate::pages_driver::waste_day;
use chrono::Duration;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};
use store::accounts::Role;

async fn coordinator(app: &TestApp) -> (reqwest::Client, String) {
    app.signed_in(account("k@example.dk", Role::Coordinator))
        .await
}

#[tokio::test]
async fn subscriptions_are_created_changed_from_a_day_and_ended_from_the_pages() {
    let app = spawn_app().await;
    let w = waste_day(&app, app.clock.today()).await;
    let (browser, csrf) = coordinator(&app).await;
    let list = app.page(&browser, "/waste/subscriptions").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.html);
    assert!(
        list.html.contains("Salling Aalborg – Butik Nytorv"),
        "{}",
        list.html
    );
    assert!(list.html.contains("45,00 kr."), "{}", list.html);
    assert!(list.html.contains("href=\"/waste/subscriptions/new\""));

    // Every wrong field is named, and nothing is stored.
    let before = app.store.subscriptions().await.unwrap().len();
    let bad = app
        .submit(
            &browser,
            "/waste/subscriptions/new",
            &[
                ("csrf", csrf.as_str()),
                ("site", ""),
                ("window_from", "11:00"),
                ("window_to", "09:00"),
                ("expected_kg", "mange"),
                ("expected_litres", "100"),
                ("price", "gratis"),
                ("fee", ""),
                ("starts_on", "2026-12-07"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.html);
    for said in [
        "href=\"#site\">Vælg et sted.",
        "href=\"#fractions\">Vælg mindst én fraktion",
        "href=\"#weekdays\">Vælg mindst én ugedag.",
        "href=\"#window_from\">Skriv tidsrummet",
        "href=\"#expected_kg\">Skriv et helt antal kg",
        "href=\"#price\">Skriv prisen i kroner",
    ] {
        assert!(bad.html.contains(said), "{said} in {}", bad.html);
    }
    assert_eq!(app.store.subscriptions().await.unwrap().len(), before);

    // A paper subscription for the warehouse, Mondays and Thursdays.
    let site = w.sites.1.to_string();
    let good = app
        .submit(
            &browser,
            "/waste/subscriptions/new",
            &[
                ("csrf", csrf.as_str()),
                ("site", site.as_str()),
                ("fractions", "paper"),
                ("weekdays", "Mon"),
                ("weekdays", "Thu"),
                ("window_from", "08:00"),
                ("window_to", "10:00"),
                ("expected_kg", "30"),
                ("expected_litres", "240"),
                ("price", "55,50"),
                ("fee", "299"),
                ("starts_on", "2026-12-07"),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.html);
    assert_eq!(good.header(LOCATION), "/waste/subscriptions?saved=1");
    let stored = app.store.subscriptions().await.unwrap();
    let paper = stored.last().unwrap();
    assert_eq!(
        (
            paper.site.site_id,
            paper.price_per_pickup_ore,
            paper.monthly_fee_ore
        ),
        (w.sites.1, 5_550, 29_900)
    );
    let listed = app.page(&browser, "/waste/subscriptions?saved=1").await;
    assert!(listed.html.contains("Gemt."), "{}", listed.html);
    assert!(
        listed.html.contains("Papir") && listed.html.contains("man, tor"),
        "{}",
        listed.html
    );

    // New terms from a day: the old ones end the day before.
    let path = format!("/waste/subscriptions/{}", paper.id);
    let page = app.page(&browser, &path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.contains("value=\"55,50\""), "{}", page.html);
    let from = "2026-12-14";
    let changed = app
        .submit(
            &browser,
            &format!("{path}/change"),
            &[
                ("csrf", csrf.as_str()),
                ("fractions", "paper"),
                ("weekdays", "Thu"),
                ("window_from", "08:00"),
                ("window_to", "10:00"),
                ("expected_kg", "30"),
                ("expected_litres", "240"),
                ("price", "60"),
                ("fee", "299"),
                ("starts_on", from),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.html);
    let all = app.store.subscriptions().await.unwrap();
    let old = all.iter().find(|s| s.id == paper.id).unwrap();
    assert_eq!(old.ends_on.unwrap().to_string(), "2026-12-13");
    let new = all.last().unwrap();
    assert_eq!(
        (new.starts_on.to_string().as_str(), new.price_per_pickup_ore),
        (from, 6_000)
    );

    // Ended on a day that is not one: said beside the field; then ended.
    let end = format!("/waste/subscriptions/{}/end", new.id);
    let wrong = app
        .submit(
            &browser,
            &end,
            &[("csrf", csrf.as_str()), ("ends", "aldrig")],
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.html
    );
    assert!(wrong.html.contains("href=\"#ends\""), "{}", wrong.html);
    let ended = app
        .submit(
            &browser,
            &end,
            &[("csrf", csrf.as_str()), ("ends", "2026-12-31")],
        )
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.html);
    let new = app
        .store
        .subscriptions()
        .await
        .unwrap()
        .into_iter()
        .last()
        .unwrap();
    assert_eq!(new.ends_on.unwrap().to_string(), "2026-12-31");
    assert_eq!(
        app.page(&browser, "/waste/subscriptions/99999")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_extra_pickup_is_ordered_for_a_service_day_once_and_cancelled() {
    let app = spawn_app().await;
    let w = waste_day(&app, app.clock.today()).await;
    let (browser, csrf) = coordinator(&app).await;
    let site = w.sites.0.to_string();
    let order = |date: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("site", site.clone()),
            ("date", date.to_string()),
            ("fractions", "cardboard".to_string()),
            ("fractions", "hard_plastic".to_string()),
            ("window_from", "08:00".to_string()),
            ("window_to", "15:00".to_string()),
            ("expected_kg", "40".to_string()),
            ("price", String::new()),
        ]
    };
    // Saturday the 5th: Flex Waste does not run.
    let saturday = app
        .submit_form(&browser, "/waste/orders/new", &order("2026-12-05"))
        .await;
    assert_eq!(
        saturday.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        saturday.html
    );
    assert!(
        saturday
            .html
            .contains("href=\"#date\">Skriv en dag, hvor Flex Waste kører")
    );
    let monday = app
        .submit_form(&browser, "/waste/orders/new", &order("2026-12-07"))
        .await;
    assert_eq!(monday.status, StatusCode::SEE_OTHER, "{}", monday.html);
    assert_eq!(monday.header(LOCATION), "/waste/orders?saved=1");
    // The same site the same day again: refused, in Danish, beside the day.
    let twice = app
        .submit_form(&browser, "/waste/orders/new", &order("2026-12-07"))
        .await;
    assert_eq!(
        twice.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        twice.html
    );
    assert!(
        twice.html.contains("vi kommer én gang om dagen"),
        "{}",
        twice.html
    );

    let list = app.page(&browser, "/waste/orders").await;
    assert!(list.html.contains("man 7/12"), "{}", list.html);
    assert!(list.html.contains("Pap, Hård plast") && list.html.contains("Bestilt"));
    // At the site's subscription price.
    assert!(list.html.contains("45,00 kr."), "{}", list.html);
    let first = app
        .store
        .orders(w.day, w.day + Duration::days(7))
        .await
        .unwrap()[0]
        .id;
    // Changed to Tuesday: its form shows it as it is, and the change takes its place.
    let page = app.page(&browser, &format!("/waste/orders/{first}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.contains("value=\"2026-12-07\"") && page.html.contains("value=\"45,00\""));
    let mut tuesday = order("2026-12-08");
    tuesday[7].1 = "35".into();
    let changed = app
        .submit_form(&browser, &format!("/waste/orders/{first}"), &tuesday)
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.html);
    let orders = app
        .store
        .orders(w.day, w.day + Duration::days(7))
        .await
        .unwrap();
    assert_eq!(orders.len(), 2, "the first kept, withdrawn: {orders:?}");
    assert!(orders[0].cancelled_at.is_some());
    assert_eq!(
        (
            orders[1].day.to_string().as_str(),
            orders[1].pickup.expected_kg
        ),
        ("2026-12-08", 35)
    );
    let id = orders[1].id;
    let cancel = format!("/waste/orders/{id}/cancel");
    let list = app.page(&browser, "/waste/orders").await;
    assert!(
        list.html.contains(&format!("action=\"{cancel}\"")),
        "{}",
        list.html
    );
    let cancelled = app
        .submit(&browser, &cancel, &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(
        cancelled.status,
        StatusCode::SEE_OTHER,
        "{}",
        cancelled.html
    );
    let list = app.page(&browser, "/waste/orders").await;
    assert!(
        list.html.matches("Annulleret").count() == 2 && !list.html.contains(&cancel),
        "{}",
        list.html
    );
    let again = app
        .submit(&browser, &cancel, &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.html
    );
    assert!(again.html.contains("allerede annulleret"), "{}", again.html);
    assert!(
        app.store
            .pickups_due(w.day + Duration::days(3))
            .await
            .unwrap()
            .iter()
            .all(|d| { matches!(d.source, store::waste::Source::Subscription(_)) })
    );
}

#[tokio::test]
async fn vehicles_are_added_changed_and_taken_out_with_who_drives_them() {
    let app = spawn_app().await;
    let _ = waste_day(&app, app.clock.today()).await;
    let (browser, csrf) = coordinator(&app).await;
    let list = app.page(&browser, "/waste/vehicles").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.html);
    assert!(list.html.contains("Ladcykel 1"), "{}", list.html);
    assert!(
        list.html
            .contains("150 kg, 1000 l, 40 km pr. opladning, 15 km/t"),
        "{}",
        list.html
    );
    // Nobody active has the cargo bike skill; today's route is Mette Larsen's.
    assert!(
        list.html.contains("Ingen aktive personer har færdigheden"),
        "{}",
        list.html
    );
    assert!(list.html.contains("<td>Mette Larsen</td>"), "{}", list.html);

    let form = |name: &str, capacity: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", name.to_string()),
            ("kind", "electric_van".to_string()),
            ("capacity_kg", capacity.to_string()),
            ("capacity_litres", "3000".to_string()),
            ("range_km", "120".to_string()),
            ("speed_kmh", "25".to_string()),
            ("shift_from", "07:00".to_string()),
            ("shift_to", "15:00".to_string()),
            ("wh_per_km", "180".to_string()),
        ]
    };
    let bad = app
        .submit_form(&browser, "/waste/vehicles/new", &form("", "0"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.html);
    assert!(bad.html.contains("href=\"#name\"") && bad.html.contains("href=\"#capacity_kg\""));
    let taken = app
        .submit_form(&browser, "/waste/vehicles/new", &form("Ladcykel 1", "500"))
        .await;
    assert_eq!(
        taken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        taken.html
    );
    assert!(
        taken
            .html
            .contains("Der er allerede et køretøj med det navn.")
    );
    let added = app
        .submit_form(&browser, "/waste/vehicles/new", &form("Elvan 1", "500"))
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
    let van = app
        .store
        .vehicles()
        .await
        .unwrap()
        .into_iter()
        .last()
        .unwrap();
    assert_eq!((van.name.as_str(), van.capacity_kg), ("Elvan 1", 500));

    let path = format!("/waste/vehicles/{}", van.id);
    let changed = app
        .submit_form(&browser, &path, &form("Elvan 1", "650"))
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.html);
    assert_eq!(
        app.store
            .vehicles()
            .await
            .unwrap()
            .last()
            .unwrap()
            .capacity_kg,
        650
    );

    let retire = format!("{path}/retire");
    let out = app
        .submit(
            &browser,
            &retire,
            &[("csrf", csrf.as_str()), ("ends", "2026-12-14")],
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.html);
    let list = app.page(&browser, "/waste/vehicles").await;
    assert!(
        list.html.contains("Ude af drift fra 2026-12-14"),
        "{}",
        list.html
    );
    let on = |d| app.store.vehicles_on(d);
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(on(day("2026-12-11")).await.unwrap().len(), 2);
    assert_eq!(on(day("2026-12-14")).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_month_offers_its_files_the_annual_report_and_each_shops_statement() {
    let app = spawn_app().await;
    let w = waste_day(&app, app.clock.today()).await;
    let report = store::waste::PickupReport {
        submission: "month-files-0001".into(),
        site_id: w.sites.0,
        day: w.day,
        outcome: store::waste::Outcome::Collected,
        weighed: vec![(domain::waste::Fraction::Cardboard, 12_500)],
        note: None,
        at: app.clock.now(),
        vehicle_id: w.vehicle,
        driver_id: Some(w.driver),
    };
    app.store.record_pickup(&report).await.unwrap();
    let (browser, _) = coordinator(&app).await;
    let month = app.page(&browser, "/waste/month").await;
    assert_eq!(month.status, StatusCode::OK, "{}", month.html);
    for link in [
        "href=\"/waste/files/flexwaste-2026-12.csv\"",
        "href=\"/waste/files/waste-report-2026.csv\"",
        "href=\"/waste/files/statement-29189420-2026.csv\"",
    ] {
        assert!(month.html.contains(link), "{link} in {}", month.html);
    }
    let statement = app
        .page(&browser, "/waste/files/statement-29189420-2026.csv")
        .await;
    assert_eq!(statement.status, StatusCode::OK);
    assert!(statement.header(CONTENT_TYPE).starts_with("text/csv"));
    assert!(
        statement.html.contains("12.5") || statement.html.contains("12,5"),
        "{}",
        statement.html
    );
    let report = app
        .page(&browser, "/waste/files/waste-report-2026.csv")
        .await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.html.contains("1003456789"), "{}", report.html);
    let figures = app
        .page(&browser, "/waste/files/flexwaste-2026-12.csv")
        .await;
    assert_eq!(figures.status, StatusCode::OK, "{}", figures.html);
    for unknown in [
        "/waste/files/passwd",
        "/waste/files/statement-x.csv",
        "/waste/files/flexwaste-2026-13.csv",
    ] {
        assert_eq!(
            app.page(&browser, unknown).await.status,
            StatusCode::NOT_FOUND,
            "{unknown}"
        );
    }
    // A driver has no files.
    let mut driver = account("d@example.dk", Role::Driver);
    driver.person_id = Some(w.driver);
    let (driver, _) = app.signed_in(driver).await;
    assert_ne!(
        app.page(&driver, "/waste/files/waste-report-2026.csv")
            .await
            .status,
        StatusCode::OK
    );
}
