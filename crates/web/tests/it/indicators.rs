//! Indicators through the API and the public pages: reads without a sign-in, writes by
//! coordinators, an import all or nothing, a revised value kept in the history, the
//! status and its reason in either language, and live series recomputed from the records.

use crate::fixtures::{at, tuesday};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use store::accounts::Role;

fn co2() -> serde_json::Value {
    json!({"id": "co2", "title": "CO2-udledning", "title_en": "CO2 emissions", "unit": "tons CO2e",
        "direction": "down", "target_rate": -2.0, "base_year": 2018, "sdgs": ["13", "13.2"],
        "initiative": "climate", "source": "Energi- og CO2-regnskabet"})
}

fn release(csv: &str, published: &str) -> serde_json::Value {
    json!({"csv": csv, "source": "Demo", "published": published})
}

#[tokio::test]
async fn an_indicator_is_added_imported_and_read_by_anyone() {
    let app = spawn_app().await;
    let mut bad = co2();
    bad["direction"] = json!("sideways");
    bad["sdgs"] = json!(["18"]);
    bad["target"] = json!(5);
    assert_eq!(
        app.post("/api/indicators", &bad).await.invalid_fields(),
        ["direction", "target_rate", "sdgs[0]"]
    );
    let made = app.post("/api/indicators", &co2()).await;
    assert_eq!(made.status, StatusCode::OK, "{made:?}");
    assert_eq!(made.body["status"], "not_available");
    // A bad file stores nothing, naming each line and column.
    let refused = app
        .post(
            "/api/indicators/co2/import",
            &release("Year,Value\n2018,1000\nnext,5\n2020,x\n", "2023-03-01"),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{refused:?}"
    );
    let said = refused.body.to_string();
    assert!(
        said.contains("line 3: Year") && said.contains("line 4: Value"),
        "{said}"
    );
    let csv = "Year,Sector,Value\n2018,,1000\n2019,,990\n2022,,956.7\n2018,Road transport,300\n";
    let imported = app
        .post("/api/indicators/co2/import", &release(csv, "2023-03-01"))
        .await;
    assert_eq!(imported.status, StatusCode::CREATED, "{imported:?}");
    assert_eq!(imported.body["values"], 4);
    // A later release revises 2019; the earlier figure stays in the history.
    let revised = app
        .post(
            "/api/indicators/co2/import",
            &release("Year,Value\n2019,985\n", "2024-03-01"),
        )
        .await;
    assert_eq!(revised.status, StatusCode::CREATED);
    let anyone = app.as_client(anonymous());
    let shown = anyone.get("/api/indicators/co2?lang=en").await;
    assert_eq!(shown.status, StatusCode::OK, "{shown:?}");
    assert_eq!(shown.body["status"], "limited_progress");
    assert_eq!(shown.body["target"], json!({"rate_per_year": -2.0}));
    assert_eq!(
        shown.body["series"][1],
        json!({"year": 2019, "value": 985.0})
    );
    assert_eq!(
        shown.body["reason"],
        "The figure fell 1.1 % a year since 2018; the target needs 2.0 % a year: limited progress."
    );
    let listed = anyone.get("/api/indicators").await;
    assert!(
        listed.body["total"].as_i64().unwrap() >= 9,
        "the stored one and the live ones"
    );
    assert_eq!(
        anyone.post("/api/indicators", &co2()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = app.page(&anonymous(), "/indicators/co2").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("Begrænset fremgang") && page.html.contains("<svg"),
        "{}",
        page.html
    );
    assert!(
        page.html.contains("990"),
        "the revised figure is in the history: {}",
        page.html
    );
    let file = app.file(&anonymous(), "/indicators/co2.csv").await;
    assert_eq!(
        String::from_utf8(file.bytes).unwrap(),
        "Year,Sector,Value\n2018,,1000\n2019,,985\n2022,,956.7\n2018,Road transport,300\n"
    );
    let goals = app.page(&anonymous(), "/goals").await;
    assert!(
        goals.html.contains("Mål 13: Klimaindsats") && goals.html.contains("/indicators/co2"),
        "{}",
        goals.html
    );
    let climate = app.page(&anonymous(), "/initiatives/climate").await;
    assert!(climate.html.contains("CO2-udledning"));
    assert_eq!(
        app.page(&anonymous(), "/initiatives/nowhere").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(&anonymous(), "/indicators/nothing").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn live_series_are_recomputed_from_the_records() {
    let w = tuesday().await.planned().await;
    let app = &w.app;
    let entry = w.record_hours(&at(w.day, 9, 0), &at(w.day, 11, 30)).await;
    app.post(&format!("/api/time/{entry}/confirm"), &json!({}))
        .await;
    let hours = app.get("/api/indicators/small-jobs-paid-hours").await;
    assert_eq!(hours.status, StatusCode::OK, "{hours:?}");
    let december = hours.body["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["year"] == 2026 && p["month"] == 12)
        .unwrap()
        .clone();
    assert_eq!(december["value"], 2.5, "the 150 minutes worked in December");
    let people = app.get("/api/indicators/small-jobs-people-paid").await;
    let december = people.body["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["year"] == 2026 && p["month"] == 12)
        .unwrap()
        .clone();
    assert_eq!(december["value"], 1.0);
    // The Alliance's needs this year, from the same function its page counts with.
    let need = json!({"company_id": w.company, "title": "Lager", "hours_per_week": 10, "start_on": "2026-12-14",
        "kind": "ordinary", "must": ["cleaning"]});
    app.post("/api/alliance/needs", &need).await;
    let needs = app.get("/api/indicators/alliance-needs").await;
    let this_year = needs.body["series"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(this_year, json!({"year": 2026, "value": 1.0}));
    assert_eq!(
        app.post(
            "/api/indicators/alliance-needs/import",
            &release("Year,Value\n2020,5\n", "")
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "never typed"
    );
    let (browser, _) = app
        .signed_in(account("k2@test.dk", Role::Coordinator))
        .await;
    let page = app
        .page(&browser, "/indicators/small-jobs-paid-hours")
        .await;
    assert!(
        page.html
            .contains("Beregnet direkte fra kommunens registreringer"),
        "{}",
        page.html
    );
}

#[tokio::test]
async fn an_editor_adds_an_indicator_and_imports_a_release_on_the_page() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("redaktoer@test.dk", Role::Editor))
        .await;
    let page = app.page(&browser, "/manage/indicators").await;
    assert_eq!(page.status, StatusCode::OK);
    let refused = app
        .submit(
            &browser,
            "/manage/indicators",
            &[
                ("csrf", &csrf),
                ("id", "Bad Id"),
                ("title", "Cykler"),
                ("unit", "%"),
                ("direction", "up"),
                ("sdgs", "11, 42"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("Skriv et id med 1 til 64")
            && refused.html.contains("Et verdensmål skal være 1 til 17"),
        "{}",
        refused.html
    );
    let added = app
        .submit(
            &browser,
            "/manage/indicators",
            &[
                ("csrf", &csrf),
                ("id", "bikes"),
                ("title", "Cykelture"),
                ("unit", "%"),
                ("direction", "up"),
                ("target", "50"),
                ("target_year", "2040"),
                ("ceiling", "100"),
                ("sdgs", "11, 11.2"),
                ("initiative", "mobility"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
    let bad = app
        .submit(
            &browser,
            "/manage/indicators/bikes/import",
            &[
                ("csrf", &csrf),
                ("csv", "Year,Value\n2019,abc\n"),
                ("source", "TU"),
                ("published", "2025-03-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("Linje 2: tallet kan ikke læses"),
        "{}",
        bad.html
    );
    let good = app
        .submit(
            &browser,
            "/manage/indicators/bikes/import",
            &[
                ("csrf", &csrf),
                ("csv", "Year,Value\n2015,38\n2024,44\n"),
                ("source", "Transportvaneundersøgelsen"),
                ("published", "2025-03-01"),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.html);
    let page = app.page(&browser, "/manage/indicators").await;
    assert!(
        page.html.contains("Transportvaneundersøgelsen") && page.html.contains("redaktoer@test.dk"),
        "the release and who imported it: {}",
        page.html
    );
    let shown = app.get("/api/indicators/bikes").await;
    assert_eq!(shown.body["status"], "substantial_progress", "{shown:?}");
}

#[tokio::test]
async fn flex_wastes_live_series_are_the_kilograms_its_drivers_weighed() {
    let (app, _day, browser, csrf) = crate::pages_driver::today().await;
    let fields = [
        ("kg_cardboard", "12,5"),
        ("kg_soft_plastic", "3"),
        ("note", ""),
        ("outcome", "collected"),
    ];
    let (sent, _) = crate::pages_driver::send_stop(&app, &browser, &csrf, 1, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let kg = app.get("/api/indicators/flex-waste-kg").await;
    let december = kg.body["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["year"] == 2026 && p["month"] == 12)
        .unwrap()
        .clone();
    assert_eq!(
        december["value"], 15.5,
        "12.5 kg of cardboard and 3 of soft plastic: {kg:?}"
    );
    let page = app
        .page(
            &anonymous(),
            "/indicators/flex-waste-kg?breakdown=Fraction%3Dcardboard",
        )
        .await;
    assert!(
        page.html.contains("12,5"),
        "the cardboard breakdown: {}",
        page.html
    );
    let avoided = app.get("/api/indicators/flex-waste-co2-avoided").await;
    let december = avoided.body["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["year"] == 2026 && p["month"] == 12)
        .unwrap()
        .clone();
    let month = service::files::exports::waste_month_figures(
        &app.store,
        &domain::actor::Actor::agency("test"),
        store::invoices::Period {
            year: 2026,
            month: 12,
        },
        reports::waste::DEFAULT_FACTORS,
    )
    .await
    .unwrap();
    assert_eq!(
        december["value"], month.avoided_kg_co2e,
        "the month's figure, recomputed"
    );
    let shops = app.get("/api/indicators/flex-waste-shops-paying").await;
    assert_eq!(shops.status, StatusCode::OK);
}

#[tokio::test]
async fn flex_wastes_live_series_start_where_its_dated_factors_do() {
    // 36 months back from November 2026 reach December 2023, before the first factors.
    let app = spawn_app_at("2026-11-30T12:00:00+01:00").await;
    let kg = app.get("/api/indicators/flex-waste-kg").await;
    assert_eq!(kg.status, StatusCode::OK, "{kg:?}");
    let first = &kg.body["series"][0];
    assert_eq!(
        (first["year"].as_i64(), first["month"].as_i64()),
        (Some(2024), Some(1))
    );
}
