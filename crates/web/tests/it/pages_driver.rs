//! The driver's route sheet (Flex Waste): the day's stops, one stop's weighing form, a
//! resent form counted once, refused input shown again, unloading at a hub — and what
//! other drivers and other roles cannot see.

use crate::helpers::{TestApp, account, company, person, spawn_app};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::calendar::{TIME_ZONE, TimeWindow};
use domain::waste::{Fraction, SubscriptionDraft};
use reqwest::StatusCode;
use reqwest::header::LOCATION;
use store::Actor;
use store::accounts::Role;
use store::waste::{Outcome, PlaceKind, Route, Vehicle, Visit, WastePlace};

/// The driver's e-mail address.
pub const DRIVER: &str = "chauffoer@test.dk";

/// A day of Flex Waste for one driver: two sites of a shop chain to collect cardboard and
/// soft plastic from, then a hub to unload at, then the depot.
pub struct WasteDay {
    pub day: NaiveDate,
    /// The driver's person.
    pub driver: i64,
    /// Butik Nytorv (stop 1) and Lager (stop 2).
    pub sites: (i64, i64),
    pub hub: i64,
    pub depot: i64,
    pub vehicle: i64,
}

/// `hour:minute` on `day` in Copenhagen.
pub fn local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    TIME_ZONE
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

/// The company (through the API, as the coordinator), its subscriptions every day, the
/// driver's person (their account is the test's to make), the depot, a hub, a vehicle, and the plan of `day` that
/// gives the route to the driver.
pub async fn waste_day(app: &TestApp, day: NaiveDate) -> WasteDay {
    let w = waste_records(app, day, person(DRIVER)).await;
    plan_by_hand(app, &w).await;
    w
}

/// What [`waste_day`] makes but the plan, with `driver` (a person's JSON) as the driver.
pub async fn waste_records(app: &TestApp, day: NaiveDate, driver: serde_json::Value) -> WasteDay {
    let created = app.post("/api/companies", &company("29189420")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    let site = |i: usize| created.body["sites"][i]["id"].as_i64().unwrap();
    let sites = (site(0), site(1));
    let driver = app.post("/api/people", &driver).await;
    assert_eq!(driver.status, StatusCode::CREATED, "{driver:?}");
    let driver = driver.id();

    let by = Actor("koordinator@test.dk".into());
    let subscription = SubscriptionDraft {
        fractions: "cardboard, soft_plastic".into(),
        weekdays: "Mon, Tue, Wed, Thu, Fri, Sat, Sun".into(),
        window: "09:00-11:00".into(),
        expected_kg: 25,
        expected_litres: 200,
    }
    .parse()
    .unwrap();
    for site in [sites.0, sites.1] {
        app.store
            .add_subscription(site, &subscription, 4_500, 0, day, &by)
            .await
            .unwrap();
    }
    let place = |kind, name: &str, address: &str| WastePlace {
        id: 0,
        kind,
        name: name.into(),
        address: address.into(),
        latitude: 57.05,
        longitude: 9.93,
        opening: TimeWindow::parse("07:00-16:00").unwrap(),
        fractions: if kind == PlaceKind::Hub {
            vec![Fraction::Cardboard, Fraction::SoftPlastic]
        } else {
            vec![]
        },
    };
    let depot = app
        .store
        .add_waste_place(&place(
            PlaceKind::Depot,
            "Depotet",
            "Stigsborgvej 1, 9400 Nørresundby",
        ))
        .await
        .unwrap();
    let hub = app
        .store
        .add_waste_place(&place(
            PlaceKind::Hub,
            "Hub Øst",
            "Sofiendalsvej 5, 9200 Aalborg SV",
        ))
        .await
        .unwrap();
    let vehicle = app
        .store
        .add_vehicle(&Vehicle {
            id: 0,
            name: "Ladcykel 1".into(),
            kind: "cargo_bike".into(),
            capacity_kg: 150,
            capacity_litres: 1000,
            range_km: 40,
            speed_kmh: 15,
            shift: TimeWindow::parse("07:00-15:00").unwrap(),
            wh_per_km: 25,
        })
        .await
        .unwrap();
    WasteDay {
        day,
        driver,
        sites,
        hub,
        depot,
        vehicle,
    }
}

/// The route of [`waste_day`], planned by hand: both sites, the hub, the depot.
async fn plan_by_hand(app: &TestApp, w: &WasteDay) {
    let WasteDay {
        day,
        driver,
        sites,
        hub,
        depot,
        vehicle,
    } = *w;
    let by = Actor("koordinator@test.dk".into());
    let window = Some((local(day, 9, 0), local(day, 11, 0)));
    let site_visit = |site, hour, minute| Visit {
        site_id: Some(site),
        place_id: None,
        arrives_at: local(day, hour, minute),
        window,
        expected_kg: 25,
    };
    let place_visit = |place, hour| Visit {
        site_id: None,
        place_id: Some(place),
        arrives_at: local(day, hour, 0),
        window: None,
        expected_kg: 0,
    };
    let route = Route {
        id: 0,
        vehicle_id: vehicle,
        driver_id: Some(driver),
        distance_m: 14_000,
        starts_at: local(day, 8, 30),
        ends_at: local(day, 12, 30),
        visits: vec![
            site_visit(sites.0, 9, 15),
            site_visit(sites.1, 9, 50),
            place_visit(hub, 11),
            place_visit(depot, 12),
        ],
    };
    app.store
        .save_day_plan(day, &[route], &[], &by)
        .await
        .unwrap();
}

/// A form's hidden field's value: `name="…" value="…"`.
pub(crate) fn hidden(html: &str, name: &str) -> String {
    html.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no hidden {name} in {html}"))
        .to_string()
}

/// The driver's account, for their person.
pub fn driver_account(email: &str, person: i64) -> store::accounts::NewAccount {
    let mut new = account(email, Role::Driver);
    new.person_id = Some(person);
    new
}

/// Today's route, and the driver signed in: the app, the day, the driver's browser (no
/// redirects followed) and their form token.
pub(crate) async fn today() -> (TestApp, WasteDay, reqwest::Client, String) {
    let app = spawn_app().await;
    let day = waste_day(&app, app.clock.today()).await;
    let (browser, csrf) = app.signed_in(driver_account(DRIVER, day.driver)).await;
    (app, day, browser, csrf)
}

impl WasteDay {
    /// The pickup rows of the day.
    pub(crate) async fn pickups(&self, app: &TestApp) -> Vec<store::waste::Pickup> {
        app.store.pickups(self.day, self.day).await.unwrap()
    }
}

/// Opens stop `number` and sends its form with `fields` (besides the form token and the
/// submission id the page gave): the answer, and the submission id, to send it again.
pub(crate) async fn send_stop(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    number: usize,
    fields: &[(&str, &str)],
) -> (crate::helpers::Shown, String) {
    let path = format!("/route/stops/{number}");
    let form = app.page(browser, &path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(
        form.html
            .contains(&format!("name=\"csrf\" value=\"{csrf}\""))
    );
    let submission = hidden(&form.html, "submission");
    (
        resend(app, browser, csrf, number, &submission, fields).await,
        submission,
    )
}

/// Sends stop `number`'s form with a given submission id.
async fn resend(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    number: usize,
    submission: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::Shown {
    let mut all = vec![("csrf", csrf), ("submission", submission)];
    all.extend_from_slice(fields);
    app.submit(browser, &format!("/route/stops/{number}"), &all)
        .await
}

#[tokio::test]
async fn the_sheet_lists_the_days_stops_in_order() {
    let (app, day, browser, _) = today().await;
    let sheet = app.page(&browser, "/route").await;
    assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.html);
    let html = &sheet.html;
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(html.contains("<h1>Dagens rute</h1>"), "{html}");
    assert!(html.contains("0 af 3 stop er klaret."), "{html}");
    let order: Vec<usize> = [
        "Stop 1</span> <span>Salling Aalborg, Butik Nytorv",
        "Stop 2</span> <span>Salling Aalborg, Lager",
        "Stop 3</span> <span>Aflæs ved Hub Øst",
        "Stop 4</span> <span>Tilbage til Depotet",
    ]
    .iter()
    .map(|text| {
        html.find(text)
            .unwrap_or_else(|| panic!("{text} in {html}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for text in [
        "href=\"/route/stops/1\"",
        "href=\"/route/stops/3\"",
        "Nytorv 8, 9000 Aalborg",
        "Tidsrum: 09:00–11:00",
        "Planlagt ankomst: 09:15",
        "Planlagt ankomst: 09:50",
        "Hent: Pap, Blød plast",
        "Sofiendalsvej 5, 9200 Aalborg SV",
        "Ikke klaret endnu.",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }

    // One stop per screen: where, when, what to collect, and a field per fraction.
    let stop = app.page(&browser, "/route/stops/1").await;
    assert_eq!(stop.status, StatusCode::OK, "{}", stop.html);
    let html = &stop.html;
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    for text in [
        "Salling Aalborg, Butik Nytorv",
        "Nytorv 8, 9000 Aalborg",
        // Navigation: the phone's maps app, and a map in the browser.
        "href=\"geo:57.04810,9.92050\">Navigér dertil</a>",
        // The shop's phone (its company's first contact), to call.
        "href=\"tel:+4598123456\">+4598123456</a>",
        "href=\"https://www.openstreetmap.org/directions?route=%3B57.04810%2C9.92050\"",
        "09:00–11:00",
        "09:15",
        "Pap, Blød plast",
        "<label for=\"kg_cardboard\">Pap (kg)</label>",
        "<label for=\"kg_soft_plastic\">Blød plast (kg)</label>",
        "<label for=\"note\">Note</label>",
        "name=\"outcome\" value=\"collected\"",
        "name=\"outcome\" value=\"nothing\"",
        "name=\"outcome\" value=\"closed\"",
        "name=\"outcome\" value=\"contaminated\"",
        "Skal udfyldes, hvis affaldet er fejlsorteret.",
        "action=\"/route/stops/1\"",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }
    // Each showing of the form is a new submission.
    let again = app.page(&browser, "/route/stops/1").await;
    assert_ne!(
        hidden(html, "submission"),
        hidden(&again.html, "submission")
    );
    // There is no stop 5, nor a stop "one".
    for path in ["/route/stops/5", "/route/stops/0", "/route/stops/one"] {
        assert_eq!(
            app.page(&browser, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // In English, the fractions are named in English.
    let mut english = account("driver.en@test.dk", Role::Driver);
    english.person_id = Some(day.driver);
    english.language = "en".into();
    let (english, _) = app.signed_in(english).await;
    let sheet = app.page(&english, "/route").await;
    assert!(
        sheet.html.contains("Collect: Cardboard, Soft plastic")
            && sheet.html.contains("Unload at Hub Øst"),
        "{}",
        sheet.html
    );
}

#[tokio::test]
async fn recording_a_stop_stores_its_rows_and_a_resent_form_counts_once() {
    let (app, day, browser, csrf) = today().await;
    let fields = [
        ("kg_cardboard", "12,5"),
        ("kg_soft_plastic", "3"),
        ("note", ""),
        ("outcome", "collected"),
    ];
    let (first, submission) = send_stop(&app, &browser, &csrf, 1, &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html);
    assert_eq!(first.header(LOCATION), "/route?done=1");
    let rows = day.pickups(&app).await;
    let weighed: Vec<(Option<Fraction>, i64)> =
        rows.iter().map(|r| (r.fraction, r.grams)).collect();
    assert_eq!(
        weighed,
        [
            (Some(Fraction::Cardboard), 12_500),
            (Some(Fraction::SoftPlastic), 3_000)
        ]
    );
    assert!(rows.iter().all(|r| r.site_id == day.sites.0
        && r.outcome == Outcome::Collected
        && r.driver_id == Some(day.driver)
        && r.vehicle_id == day.vehicle
        && r.received_by.is_none()));
    let sheet = app.page(&browser, "/route?done=1").await;
    assert!(sheet.html.contains("Stop 1 er gemt."), "{}", sheet.html);
    assert!(sheet.html.contains("Hentet 15,5 kg."), "{}", sheet.html);
    assert!(
        sheet.html.contains("1 af 3 stop er klaret."),
        "{}",
        sheet.html
    );

    // The phone sends the same form again: one set of rows, and the answer says so.
    let second = resend(&app, &browser, &csrf, 1, &submission, &fields).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.html);
    assert_eq!(second.header(LOCATION), "/route?done=1&again=1");
    assert_eq!(day.pickups(&app).await.len(), 2);
    let sheet = app.page(&browser, second.header(LOCATION)).await;
    assert!(
        sheet
            .html
            .contains("Stop 1 var allerede gemt. Det tæller kun én gang."),
        "{}",
        sheet.html
    );

    // A fresh form for a stop already recorded records nothing either.
    let stop = app.page(&browser, "/route/stops/1").await;
    assert!(stop.html.contains("Hentet 15,5 kg.") && stop.html.contains("Ret registreringen"));
    let third = resend(&app, &browser, &csrf, 1, "another-submission-0001", &fields).await;
    assert_eq!(third.header(LOCATION), "/route?done=1&again=1");
    assert_eq!(day.pickups(&app).await.len(), 2);

    // Closed at the second site: one row without waste.
    let (closed, _) = send_stop(&app, &browser, &csrf, 2, &[("outcome", "closed")]).await;
    assert_eq!(closed.header(LOCATION), "/route?done=2");
    let rows = day.pickups(&app).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (
            rows[2].site_id,
            rows[2].outcome,
            rows[2].fraction,
            rows[2].grams
        ),
        (day.sites.1, Outcome::Closed, None, 0)
    );

    // Without the form token the access check refuses the form.
    let refused = app
        .submit(&browser, "/route/stops/2", &[("outcome", "closed")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_weights_show_the_form_again_with_the_error_linked() {
    let (app, day, browser, csrf) = today().await;
    for (kg, message) in [
        ("-2", "Pap: vægten kan ikke være under 0."),
        ("tolv", "Pap: skriv vægten som et tal, fx 12,5."),
        ("12,55", "Pap: skriv vægten som et tal, fx 12,5."),
        ("301", "Pap: det er mere end 300 kg. Tjek tallet."),
    ] {
        let fields = [
            ("kg_cardboard", kg),
            ("kg_soft_plastic", "4"),
            ("outcome", "collected"),
        ];
        let (answer, submission) = send_stop(&app, &browser, &csrf, 1, &fields).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{kg}");
        let html = &answer.html;
        assert!(html.contains("class=\"error-summary\""), "{html}");
        assert!(
            html.contains(&format!("<a href=\"#kg_cardboard\">{message}</a>")),
            "{html}"
        );
        assert!(
            html.contains(&format!(
                "id=\"kg_cardboard\" name=\"kg_cardboard\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" aria-describedby=\"kg-hint\" value=\"{kg}\" aria-invalid=\"true\""
            )),
            "{html}"
        );
        assert!(
            html.contains("value=\"4\""),
            "the other field is kept: {html}"
        );
        assert_eq!(
            hidden(html, "submission"),
            submission,
            "the same submission"
        );
        assert_eq!(html.matches("<h1").count(), 1);
    }
    // Collected, with no weight at all.
    let (answer, _) = send_stop(
        &app,
        &browser,
        &csrf,
        1,
        &[("outcome", "collected"), ("kg_cardboard", " ")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .html
            .contains("<a href=\"#kg_cardboard\">Skriv, hvor mange kg du hentede."),
        "{}",
        answer.html
    );
    // No button at all.
    let (answer, _) = send_stop(&app, &browser, &csrf, 1, &[("kg_cardboard", "5")]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.html.contains("<a href=\"#outcome\">"),
        "{}",
        answer.html
    );
    assert!(day.pickups(&app).await.is_empty(), "nothing is stored");
}

#[tokio::test]
async fn contaminated_waste_needs_a_note() {
    let (app, day, browser, csrf) = today().await;
    let (answer, submission) = send_stop(
        &app,
        &browser,
        &csrf,
        1,
        &[
            ("kg_cardboard", "8"),
            ("note", "  "),
            ("outcome", "contaminated"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .html
            .contains("<a href=\"#note\">Skriv i noten, hvad der var galt med affaldet.</a>"),
        "{}",
        answer.html
    );
    assert!(
        answer
            .html
            .contains("aria-describedby=\"note-hint\" aria-invalid=\"true\"")
    );
    assert!(answer.html.contains("value=\"8\""), "{}", answer.html);
    assert!(day.pickups(&app).await.is_empty());

    let note = "Madrester i papet";
    let sent = resend(
        &app,
        &browser,
        &csrf,
        1,
        &submission,
        &[("note", note), ("outcome", "contaminated")],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let rows = day.pickups(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].outcome, rows[0].note.as_deref(), rows[0].grams),
        (Outcome::Contaminated, Some(note), 0)
    );
    let sheet = app.page(&browser, "/route").await;
    assert!(
        sheet.html.contains("Affaldet var fejlsorteret."),
        "{}",
        sheet.html
    );
}

#[tokio::test]
async fn unloading_at_the_hub_marks_the_pickups_received() {
    let (app, day, browser, csrf) = today().await;
    let (collected, _) = send_stop(
        &app,
        &browser,
        &csrf,
        1,
        &[("kg_cardboard", "10"), ("outcome", "collected")],
    )
    .await;
    assert_eq!(collected.status, StatusCode::SEE_OTHER);

    let hub = app.page(&browser, "/route/stops/3").await;
    assert_eq!(hub.status, StatusCode::OK, "{}", hub.html);
    assert!(hub.html.contains("Aflæs ved Hub Øst"), "{}", hub.html);
    assert!(
        hub.html.contains("<label for=\"kg\">Kg aflæsset</label>"),
        "{}",
        hub.html
    );
    assert!(!hub.html.contains("name=\"outcome\""));
    let submission = hidden(&hub.html, "submission");

    let bad = resend(&app, &browser, &csrf, 3, &submission, &[("kg", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html
            .contains("<a href=\"#kg\">Skriv, hvor mange kg du aflæssede.</a>"),
        "{}",
        bad.html
    );
    assert!(
        day.pickups(&app)
            .await
            .iter()
            .all(|r| r.received_by.is_none())
    );

    let sent = resend(&app, &browser, &csrf, 3, &submission, &[("kg", "10,5")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert_eq!(sent.header(LOCATION), "/route?done=3");
    let rows = day.pickups(&app).await;
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.received_by == Some(day.hub)),
        "{rows:?}"
    );
    let again = resend(&app, &browser, &csrf, 3, &submission, &[("kg", "10,5")]).await;
    assert_eq!(again.header(LOCATION), "/route?done=3&again=1");
    let sheet = app.page(&browser, "/route").await;
    assert!(sheet.html.contains("Aflæsset."), "{}", sheet.html);

    // The depot has nothing to record.
    let depot = app.page(&browser, "/route/stops/4").await;
    assert_eq!(depot.status, StatusCode::OK);
    assert!(
        !depot.html.contains("<form method=\"post\" action=\"/route"),
        "{}",
        depot.html
    );
    let posted = resend(&app, &browser, &csrf, 4, &submission, &[("kg", "1")]).await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_driver_sees_no_route_and_no_stop() {
    let (app, day, _, _) = today().await;
    let other = app.post("/api/people", &person("anden@test.dk")).await.id();
    let (browser, csrf) = app.signed_in(driver_account("anden@test.dk", other)).await;
    let sheet = app.page(&browser, "/route").await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(
        sheet.html.contains("Der er ingen rute til dig i dag."),
        "{}",
        sheet.html
    );
    assert!(!sheet.html.contains("Butik Nytorv"), "{}", sheet.html);
    assert_eq!(
        app.page(&browser, "/route/stops/1").await.status,
        StatusCode::NOT_FOUND
    );
    let posted = app
        .submit(
            &browser,
            "/route/stops/1",
            &[
                ("csrf", csrf.as_str()),
                ("submission", "someone-elses-0001"),
                ("outcome", "closed"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    assert!(day.pickups(&app).await.is_empty());
}

#[tokio::test]
async fn another_day_is_shown_with_its_date() {
    let app = spawn_app().await;
    let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let day = waste_day(&app, tuesday).await;
    let (browser, csrf) = app.signed_in(driver_account(DRIVER, day.driver)).await;
    let sheet = app.page(&browser, "/route?date=2026-12-01").await;
    assert!(
        sheet.html.contains("<h1>Rute for 1.12.2026</h1>"),
        "{}",
        sheet.html
    );
    assert!(
        sheet
            .html
            .contains("href=\"/route/stops/1?date=2026-12-01\""),
        "{}",
        sheet.html
    );
    // Tuesday closed at midnight: its stops are shown, and changed no more.
    assert!(sheet.html.contains("Dagen er lukket."), "{}", sheet.html);
    let form = app.page(&browser, "/route/stops/2?date=2026-12-01").await;
    assert!(
        form.html.contains("Dagen er lukket.") && !form.html.contains("name=\"outcome\""),
        "{}",
        form.html
    );
    // A form the phone kept from before midnight is refused, and nothing is stored.
    let sent = app
        .submit(
            &browser,
            "/route/stops/2?date=2026-12-01",
            &[
                ("csrf", csrf.as_str()),
                ("submission", "kept-since-monday-0001"),
                ("outcome", "nothing"),
            ],
        )
        .await;
    assert_eq!(
        sent.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        sent.html
    );
    assert!(sent.html.contains("er lukket"), "{}", sent.html);
    assert!(day.pickups(&app).await.is_empty());
    assert_eq!(
        app.page(&browser, "/route?date=1.12.2026").await.status,
        StatusCode::NOT_FOUND
    );
    // Today there is no route.
    let sheet = app.page(&browser, "/route").await;
    if app.clock.today() != tuesday {
        assert!(
            sheet.html.contains("Der er ingen rute til dig i dag."),
            "{}",
            sheet.html
        );
    }
}

#[tokio::test]
async fn other_roles_may_not_use_the_route_sheet() {
    let (app, _, _, _) = today().await;
    let worker = app.post("/api/people", &person("w@test.dk")).await.id();
    let mut new = account("w@test.dk", Role::Worker);
    new.person_id = Some(worker);
    let (browser, csrf) = app.signed_in(new).await;
    assert_eq!(
        app.page(&browser, "/route").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.page(&browser, "/route/stops/1").await.status,
        StatusCode::FORBIDDEN
    );
    let posted = app
        .submit(
            &browser,
            "/route/stops/1",
            &[("csrf", csrf.as_str()), ("outcome", "closed")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    let (coordinator, _) = app
        .signed_in(account("k2@test.dk", Role::Coordinator))
        .await;
    assert_eq!(
        app.page(&coordinator, "/route").await.status,
        StatusCode::FORBIDDEN
    );
    let nobody = crate::helpers::anonymous();
    let page = app.page(&nobody, "/route/stops/1").await;
    assert_eq!(
        (page.status, page.header(LOCATION)),
        (StatusCode::SEE_OTHER, "/sign-in")
    );
}
