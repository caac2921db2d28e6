//! The festival through its public API and links: 200 registrations at once for 30
//! places, the programme with places and waiting lists, bad input named, a held place
//! confirmed by the mailed link, a cancellation that offers the place to the first in
//! line, an unanswered offer that runs out and goes on, and the event as iCalendar.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use store::festival::{Edition, Event, Venue};

/// An approved event of `capacity` places in 2026's edition (the tests' clock is in
/// December 2026): its id.
pub(crate) async fn event(app: &TestApp, capacity: i64) -> i64 {
    let now = app.clock.now();
    let edition = app
        .store
        .add_edition(
            &Edition {
                year: 2026,
                title: "Bæredygtighedsfestival".into(),
                starts_on: "2026-12-10".into(),
                days: 4,
                group_limit: 10,
                ..Edition::default()
            },
            now,
        )
        .await
        .unwrap();
    let venue = app
        .store
        .add_venue(&Venue {
            edition_id: edition,
            name: "Nordkraft".into(),
            address: "Teglgårds Plads 1, 9000 Aalborg".into(),
            capacity: 200,
            accessibility: "Elevator og handicaptoilet".into(),
            ..Venue::default()
        })
        .await
        .unwrap();
    app.store
        .add_event(
            &Event {
                edition_id: edition,
                venue_id: venue,
                title: "Reparationscafé".into(),
                description: "Tag det med, der er gået i stykker.".into(),
                kind: "workshop".into(),
                organiser: "Aalborg Kommune".into(),
                organiser_type: "municipality".into(),
                organiser_email: "festival@aalborg.example.dk".into(),
                starts_at: "2026-12-10T09:00:00Z".into(),
                ends_at: "2026-12-10T11:00:00Z".into(),
                capacity,
                lang: "da".into(),
                themes: vec!["green".into()],
                sdgs: vec!["12".into()],
                status: "approved".into(),
                ..Event::default()
            },
            "organiser",
            None,
            now,
        )
        .await
        .unwrap()
}

fn someone(n: usize, people: i64) -> Value {
    json!({"name": format!("Deltager {n}"), "email": format!("d{n}@example.dk"), "people": people})
}

/// The link of `kind` (`confirm` or `cancel`) in the newest mail to `email`, as a path.
async fn link(app: &TestApp, email: &str, kind: &str) -> String {
    let mail = app.store.mail_to(email).await.unwrap();
    let message: Value = serde_json::from_str(&mail.last().unwrap().mail.message).unwrap();
    message[kind]
        .as_str()
        .unwrap()
        .trim_start_matches(&app.base)
        .to_string()
}

#[tokio::test]
async fn two_hundred_at_once_take_thirty_places_and_wait_in_order() {
    let app = spawn_app_with_public_limit(1_000).await;
    let id = event(&app, 30).await;
    let anyone = app.as_client(reqwest::Client::new());
    let mut running = Vec::new();
    for n in 0..200 {
        let (base, body) = (app.base.clone(), someone(n, 1));
        running.push(tokio::spawn(async move {
            let answer = reqwest::Client::new()
                .post(format!("{base}/api/events/{id}/registrations"))
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), StatusCode::CREATED);
            answer.json::<Value>().await.unwrap()
        }));
    }
    let mut answers = Vec::new();
    for r in running {
        answers.push(r.await.unwrap());
    }
    let held = answers.iter().filter(|a| a["status"] == "held").count();
    assert_eq!(held, 30);
    let mut positions: Vec<i64> = answers
        .iter()
        .filter(|a| a["status"] == "waitlisted")
        .map(|a| a["position"].as_i64().unwrap())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=170).collect::<Vec<_>>());
    let listed = anyone.get("/api/events").await;
    assert_eq!(listed.body["total"], 1);
    let item = &listed.body["items"][0];
    assert_eq!(
        (&item["capacity"], &item["registered"], &item["waitlist"]),
        (&json!(30), &json!(30), &json!(170))
    );
    assert_eq!(item["starts_at"], "2026-12-10T09:00:00Z");
}

#[tokio::test]
async fn a_place_is_held_confirmed_cancelled_and_offered_on() {
    let app = spawn_app().await;
    let id = event(&app, 2).await;
    let anyone = app.as_client(reqwest::Client::new());
    let path = format!("/api/events/{id}/registrations");
    // Bad input is named, and nothing is kept.
    let bad = anyone
        .post(
            &path,
            &json!({"name": "", "email": "not-mail", "people": 11}),
        )
        .await;
    assert_eq!(bad.invalid_fields(), ["name", "email", "people"]);
    assert_eq!(
        anyone
            .post("/api/events/999/registrations", &someone(0, 1))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(app.store.registrations(id).await.unwrap().is_empty());
    // Two places: one group of 2 holds them; then two wait.
    let first = anyone.post(&path, &someone(1, 2)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{first:?}");
    assert_eq!(
        (&first.body["status"], &first.body["position"]),
        (&json!("held"), &Value::Null)
    );
    let second = anyone.post(&path, &someone(2, 1)).await;
    let third = anyone.post(&path, &someone(3, 1)).await;
    assert_eq!(
        (&second.body["position"], &third.body["position"]),
        (&json!(1), &json!(2))
    );
    // The held places are confirmed by the mailed link.
    let confirm = link(&app, "d1@example.dk", "confirm").await;
    let shown = app.page(&anonymous(), &confirm).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.html.contains("bekræftet"), "{}", shown.html);
    // Cancelled: both waiting get an offer (one place each).
    let cancel = link(&app, "d1@example.dk", "cancel").await;
    let asked = app.page(&anonymous(), &cancel).await;
    assert!(
        asked.html.contains("<form method=\"post\""),
        "{}",
        asked.html
    );
    let done = reqwest::Client::new()
        .post(format!("{}{cancel}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let offered: Value = serde_json::from_str(
        &app.store
            .mail_to("d2@example.dk")
            .await
            .unwrap()
            .last()
            .unwrap()
            .mail
            .message,
    )
    .unwrap();
    assert_eq!(offered["kind"], "festival_offered");
    // The second confirms; the third lets the offer run out and the place goes back on
    // offer to nobody (no one else waits) — it is free again.
    let confirm2 = link(&app, "d2@example.dk", "confirm").await;
    assert_eq!(
        app.page(&anonymous(), &confirm2).await.status,
        StatusCode::OK
    );
    app.clock.set(app.clock.now() + chrono::Duration::hours(25));
    let jobs = crate::mail::without_relay();
    crate::mail::run_jobs(&app, &jobs).await;
    let confirm3 = link(&app, "d3@example.dk", "confirm").await;
    assert_eq!(
        app.page(&anonymous(), &confirm3).await.status,
        StatusCode::GONE
    );
    let places = app.store.places(id).await.unwrap();
    assert_eq!((places.taken, places.waiting), (1, 0));
    // The whole programme as one calendar.
    let all = app.file(&anonymous(), "/festival.ics").await;
    assert!(
        String::from_utf8(all.bytes)
            .unwrap()
            .contains("SUMMARY:Reparationscafé")
    );
    // The event as iCalendar.
    let ics = app.file(&anonymous(), &format!("/events/{id}.ics")).await;
    assert_eq!(ics.content_type, "text/calendar; charset=utf-8");
    let text = String::from_utf8(ics.bytes).unwrap();
    assert!(
        text.contains("SUMMARY:Reparationscafé") && text.contains("DTSTART:20261210T090000Z"),
        "{text}"
    );
}

#[tokio::test]
async fn green_agents_run_the_festival_and_check_people_in_at_the_door() {
    let app = spawn_app().await;
    let (agent, csrf) = app
        .signed_in(account("agent@test.dk", store::accounts::Role::GreenAgent))
        .await;
    let home = app.page(&agent, "/festival/manage").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.html);
    assert!(home.html.contains("/festival/manage/edition"));
    let send = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let (app, agent, csrf) = (&app, &agent, csrf.clone());
        async move {
            let mut form = vec![("csrf", csrf)];
            form.extend(fields);
            app.submit_form(agent, path, &form).await
        }
    };
    // An edition outside its year, refused by field; then the right one.
    let bad = send(
        "/festival/manage/edition",
        vec![
            ("year", "2026".into()),
            ("title", "Festival".into()),
            ("starts_on", "2027-01-02".into()),
            ("days", "4".into()),
            ("group_limit", "60".into()),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.html.contains("href=\"#starts_on\"") && bad.html.contains("href=\"#group_limit\""),
        "{}",
        bad.html
    );
    assert!(app.store.editions().await.unwrap().is_empty());
    let edition = vec![
        ("year", "2026".into()),
        ("title", "Bæredygtighedsfestival 2026".into()),
        ("starts_on", "2026-12-10".into()),
        ("days", "4".into()),
        ("group_limit", "6".into()),
    ];
    assert_eq!(
        send("/festival/manage/edition", edition).await.status,
        StatusCode::SEE_OTHER
    );
    let venue = vec![
        ("name", "Nordkraft".into()),
        ("address", "Teglgårds Plads 1".into()),
        ("capacity", "40".into()),
        ("accessibility", "Elevator".into()),
    ];
    assert_eq!(
        send("/festival/manage/venue", venue).await.status,
        StatusCode::SEE_OTHER
    );
    let venue_id = app
        .store
        .venues(app.store.editions().await.unwrap()[0].id)
        .await
        .unwrap()[0]
        .id;
    let event = |starts: &str, capacity: &str| {
        vec![
            ("title", "Cykelværksted".to_string()),
            ("kind", "workshop".into()),
            ("venue_id", venue_id.to_string()),
            ("starts_at", starts.into()),
            ("ends_at", "2026-12-11T12:00".into()),
            ("capacity", capacity.into()),
            ("organiser", "Aalborg Kommune".into()),
            ("organiser_type", "municipality".into()),
            ("organiser_email", "festival@aalborg.example.dk".into()),
            ("lang", "da".into()),
            ("themes", "green".into()),
            ("sdgs", "11, 13".into()),
        ]
    };
    // Outside the edition's days, and more places than the venue has.
    let bad = send("/festival/manage/event", event("2026-12-20T10:00", "41")).await;
    assert!(
        bad.html.contains("href=\"#starts_at\"") && bad.html.contains("href=\"#capacity\""),
        "{}",
        bad.html
    );
    assert_eq!(
        send("/festival/manage/event", event("2026-12-11T10:00", "2"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let id = app
        .store
        .events(app.store.editions().await.unwrap()[0].id, None)
        .await
        .unwrap()[0]
        .id;
    // The public programme and the event page's form.
    let programme = app.page(&anonymous(), "/festival?theme=green").await;
    assert!(
        programme.html.contains("Cykelværksted") && programme.html.contains("2 ledige pladser"),
        "{}",
        programme.html
    );
    let browser = cookie_browser();
    let page = app.page(&browser, &format!("/festival/events/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let token = form_token(&page.html);
    let too_many = app
        .submit_form(
            &browser,
            &format!("/festival/events/{id}"),
            &[
                ("csrf", token.as_str()),
                ("name", "Ida"),
                ("email", "ida@example.dk"),
                ("people", "7"),
            ],
        )
        .await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_many.html.contains("href=\"#people\""),
        "{}",
        too_many.html
    );
    let held = app
        .submit_form(
            &browser,
            &format!("/festival/events/{id}"),
            &[
                ("csrf", token.as_str()),
                ("name", "Ida Holm"),
                ("email", "ida@example.dk"),
                ("people", "2"),
            ],
        )
        .await;
    assert_eq!(held.status, StatusCode::OK, "{}", held.html);
    let waiting = app
        .submit_form(
            &browser,
            &format!("/festival/events/{id}"),
            &[
                ("csrf", token.as_str()),
                ("name", "Bo"),
                ("email", "bo@example.dk"),
                ("people", "1"),
            ],
        )
        .await;
    assert!(
        waiting.html.contains("nummer 1 på ventelisten"),
        "{}",
        waiting.html
    );
    let confirm = link(&app, "ida@example.dk", "confirm").await;
    app.page(&anonymous(), &confirm).await;
    // At the door: found by name, checked in by the code from the mail.
    let door = app
        .page(&agent, &format!("/festival/door/{id}?q=ida"))
        .await;
    assert!(
        door.html.contains("Ida Holm") && door.html.contains("2 tilmeldt · 0 kommet"),
        "{}",
        door.html
    );
    let code = {
        let mail = app.store.mail_to("ida@example.dk").await.unwrap();
        let message: Value = serde_json::from_str(&mail[0].mail.message).unwrap();
        message["code"].as_str().unwrap().to_string()
    };
    let wrong = app
        .submit(
            &agent,
            &format!("/festival/door/{id}"),
            &[("csrf", csrf.as_str()), ("code", "XXXXXX")],
        )
        .await;
    assert!(
        wrong.html.contains("Ingen bekræftet tilmelding"),
        "{}",
        wrong.html
    );
    let welcome = app
        .submit(
            &agent,
            &format!("/festival/door/{id}"),
            &[("csrf", csrf.as_str()), ("code", code.as_str())],
        )
        .await;
    assert!(
        welcome.html.contains("Velkommen, Ida Holm")
            && welcome.html.contains("2 tilmeldt · 2 kommet"),
        "{}",
        welcome.html
    );
    // The participation figures, recomputed from the door's check-ins.
    let live =
        service::indicators::live::compute(&app.store, "festival-participants", app.clock.now())
            .await
            .unwrap()
            .unwrap();
    let value = |key: &str| {
        live.points
            .iter()
            .find(|(k, p)| k == key && p.year == 2026)
            .map(|(_, p)| p.value)
    };
    assert_eq!(value(""), Some(2.0));
    assert_eq!(value("Organiser=municipality"), Some(2.0));
    assert_eq!(value("SDG=13"), Some(2.0));
    assert_eq!(value("Day=2026-12-11"), Some(2.0));
    let page = app
        .page(&anonymous(), "/indicators/festival-participants")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    // Cancelled: everyone registered or waiting is told.
    let cancelled = app
        .submit(
            &agent,
            &format!("/festival/manage/events/{id}/status"),
            &[("csrf", csrf.as_str()), ("status", "cancelled")],
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    for email in ["ida@example.dk", "bo@example.dk"] {
        let mail = app.store.mail_to(email).await.unwrap();
        let last: Value = serde_json::from_str(&mail.last().unwrap().mail.message).unwrap();
        assert_eq!(last["kind"], "festival_cancelled", "{email}");
    }
    assert!(
        !app.page(&anonymous(), "/festival")
            .await
            .html
            .contains("Cykelværksted")
    );
}

#[tokio::test]
async fn an_organiser_proposes_an_event_and_follows_its_registrations() {
    let app = spawn_app().await;
    let first = event(&app, 10).await;
    let venue = app.store.event(first).await.unwrap().unwrap().venue_id;
    let browser = cookie_browser();
    let form = app.page(&browser, "/festival/submit").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    let token = form_token(&form.html);
    let mut fields = vec![
        ("csrf", token.clone()),
        ("title", "Byttemarked for børnetøj".to_string()),
        ("kind", "market".into()),
        ("venue_id", venue.to_string()),
        ("starts_at", "2026-12-12T10:00".into()),
        ("ends_at", "2026-12-12T13:00".into()),
        ("capacity", "20".into()),
        ("organiser", "Grønne Forældre".into()),
        ("organiser_type", "association".into()),
        ("organiser_email", "not-mail".into()),
        ("lang", "da".into()),
        ("themes", "social".into()),
        ("sdgs", "12".into()),
    ];
    let refused = app.submit_form(&browser, "/festival/submit", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#organiser_email\""),
        "{}",
        refused.html
    );
    fields[9] = ("organiser_email", "Bestyrelsen@Foraeldre.example.dk".into());
    let sent = app.submit_form(&browser, "/festival/submit", &fields).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    let mail = app
        .store
        .mail_to("bestyrelsen@foraeldre.example.dk")
        .await
        .unwrap();
    let message: Value = serde_json::from_str(&mail[0].mail.message).unwrap();
    let path = |key: &str| {
        message[key]
            .as_str()
            .unwrap()
            .trim_start_matches(&app.base)
            .to_string()
    };
    // Not in the programme before the address is confirmed and an agent approves it.
    assert!(
        !app.page(&anonymous(), "/festival")
            .await
            .html
            .contains("Byttemarked")
    );
    assert_eq!(
        app.page(&anonymous(), &path("confirm")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.page(&anonymous(), &path("confirm")).await.status,
        StatusCode::NOT_FOUND
    );
    let edition = app.store.editions().await.unwrap()[0].id;
    let proposed = app.store.events(edition, Some("proposed")).await.unwrap();
    assert_eq!(proposed.len(), 1);
    let (agent, csrf) = app
        .signed_in(account("agent@test.dk", store::accounts::Role::GreenAgent))
        .await;
    let approved = app
        .submit(
            &agent,
            &format!("/festival/manage/events/{}/status", proposed[0].id),
            &[("csrf", csrf.as_str()), ("status", "approved")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    assert!(
        app.page(&anonymous(), "/festival")
            .await
            .html
            .contains("Byttemarked")
    );
    // Someone registers and confirms; the organiser sees them and downloads the list.
    let anyone = app.as_client(reqwest::Client::new());
    let registered = anyone
        .post(
            &format!("/api/events/{}/registrations", proposed[0].id),
            &someone(7, 3),
        )
        .await;
    assert_eq!(registered.status, StatusCode::CREATED);
    let confirm = link(&app, "d7@example.dk", "confirm").await;
    app.page(&anonymous(), &confirm).await;
    let list = app.page(&anonymous(), &path("attendees")).await;
    assert!(
        list.html.contains("Deltager 7") && list.html.contains("d7@example.dk"),
        "{}",
        list.html
    );
    let csv = app
        .file(&anonymous(), &format!("{}.csv", path("attendees")))
        .await;
    let text = String::from_utf8(csv.bytes).unwrap();
    assert!(
        text.contains("name;email;people;checked_in_at")
            && text.contains("Deltager 7;d7@example.dk;3;"),
        "{text}"
    );
    assert_eq!(
        app.page(&anonymous(), "/festival/organisers/nonsense")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_confirmation_carries_the_event_and_a_reminder_comes_the_day_before() {
    let Some(smtp) = crate::smtp::SmtpServer::start() else {
        return;
    };
    let jobs = crate::mail::background(&smtp);
    let app = spawn_app().await;
    let id = event(&app, 10).await;
    let anyone = app.as_client(reqwest::Client::new());
    let path = format!("/api/events/{id}/registrations");
    assert_eq!(
        anyone.post(&path, &someone(1, 2)).await.status,
        StatusCode::CREATED
    );
    crate::mail::run_jobs(&app, &jobs).await;
    let held = smtp.to("d1@example.dk");
    assert_eq!(held.len(), 1, "{:?}", smtp.received());
    let (kind, ics) = &held[0].attachments[0];
    assert_eq!(kind, "text/calendar");
    assert!(
        ics.contains("SUMMARY:Reparationscafé") && ics.contains("DTSTART:20261210T090000Z"),
        "{ics}"
    );
    // The person's own calendar, by the link in the mail.
    let confirm = link(&app, "d1@example.dk", "confirm").await;
    app.page(&anonymous(), &confirm).await;
    let own = app
        .file(&anonymous(), &format!("{confirm}/calendar.ics"))
        .await;
    assert_eq!(own.content_type, "text/calendar; charset=utf-8");
    assert!(
        String::from_utf8(own.bytes)
            .unwrap()
            .contains("SUMMARY:Reparationscafé")
    );
    // The day before (10 December is tomorrow on the 9th), one reminder, once.
    app.clock
        .set(domain::calendar::parse_instant("2026-12-09T08:00:00+01:00").unwrap());
    crate::mail::run_jobs(&app, &jobs).await;
    crate::mail::run_jobs(&app, &jobs).await;
    app.clock
        .set(domain::calendar::parse_instant("2026-12-09T10:00:00+01:00").unwrap());
    crate::mail::run_jobs(&app, &jobs).await;
    crate::mail::run_jobs(&app, &jobs).await;
    let mails = smtp.to("d1@example.dk");
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(
        mails[1].subject.contains("I morgen") && mails[1].body.contains("Din kode ved døren"),
        "{:?}",
        mails[1]
    );
    // The reminder's calendar link works (its fresh token replaced the confirmation's).
    let calendar = mails[1]
        .body
        .split_whitespace()
        .find(|w| w.ends_with("/calendar.ics"))
        .expect("a calendar link in the reminder");
    let path = calendar
        .split_once("/festival/")
        .map(|(_, p)| format!("/festival/{p}"))
        .unwrap();
    let feed = app.file(&reqwest::Client::new(), &path).await;
    assert_eq!(feed.status, StatusCode::OK, "{path}");
    assert!(String::from_utf8_lossy(&feed.bytes).contains("SUMMARY:Reparationscafé"));
}

#[tokio::test]
async fn a_changed_event_keeps_its_places_and_tells_who_is_registered() {
    let app = spawn_app().await;
    let id = event(&app, 2).await;
    let anyone = app.as_client(reqwest::Client::new());
    let path = format!("/api/events/{id}/registrations");
    anyone.post(&path, &someone(1, 2)).await;
    anyone.post(&path, &someone(2, 1)).await;
    let (agent, csrf) = app
        .signed_in(account("agent@test.dk", store::accounts::Role::GreenAgent))
        .await;
    let form = app
        .page(&agent, &format!("/festival/manage/events/{id}/edit"))
        .await;
    assert!(
        form.html.contains("value=\"2026-12-10T10:00\""),
        "{}",
        form.html
    );
    let venue = app.store.event(id).await.unwrap().unwrap().venue_id;
    let change = |starts: &str, capacity: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("title", "Reparationscafé".to_string()),
            ("kind", "workshop".into()),
            ("venue_id", venue.to_string()),
            ("starts_at", starts.into()),
            ("ends_at", "2026-12-11T13:00".into()),
            ("capacity", capacity.into()),
            ("organiser", "Aalborg Kommune".into()),
            ("organiser_type", "municipality".into()),
            ("organiser_email", "festival@aalborg.example.dk".into()),
            ("lang", "da".into()),
        ]
    };
    // Fewer places than are taken: refused by field, nothing changed.
    let refused = app
        .submit_form(
            &agent,
            &format!("/festival/manage/events/{id}/edit"),
            &change("2026-12-11T11:00", "1"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#capacity\"") && refused.html.contains("allerede taget"),
        "{}",
        refused.html
    );
    assert_eq!(app.store.event(id).await.unwrap().unwrap().capacity, 2);
    // Moved a day and grown by one place: both told, the one waiting offered the place.
    let moved = app
        .submit_form(
            &agent,
            &format!("/festival/manage/events/{id}/edit"),
            &change("2026-12-11T11:00", "3"),
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.html);
    let kinds = |email: &'static str| {
        let app = &app;
        async move {
            app.store
                .mail_to(email)
                .await
                .unwrap()
                .iter()
                .map(|m| {
                    serde_json::from_str::<Value>(&m.mail.message).unwrap()["kind"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        kinds("d1@example.dk").await,
        ["festival_held", "festival_changed"]
    );
    assert_eq!(
        kinds("d2@example.dk").await,
        ["festival_waiting", "festival_changed", "festival_offered"]
    );
}

#[tokio::test]
async fn a_group_larger_than_the_event_a_started_event_and_an_unconfirmed_proposal_are_refused() {
    let app = spawn_app().await;
    let id = event(&app, 3).await;
    let anyone = app.as_client(reqwest::Client::new());
    let path = format!("/api/events/{id}/registrations");
    // The edition allows groups of ten, the event has three places.
    let big = anyone.post(&path, &someone(1, 4)).await;
    assert_eq!(big.invalid_fields(), ["people"]);
    assert!(app.store.registrations(id).await.unwrap().is_empty());
    // A proposal whose organiser has not confirmed their address is not approved.
    let mut submitted = app.store.event(id).await.unwrap().unwrap();
    submitted.status = "submitted".into();
    let proposal = app
        .store
        .add_event(
            &submitted,
            "organiser-2",
            Some("confirm-2"),
            app.clock.now(),
        )
        .await
        .unwrap();
    let (agent, csrf) = app
        .signed_in(account("agent@test.dk", store::accounts::Role::GreenAgent))
        .await;
    let approve = app
        .submit(
            &agent,
            &format!("/festival/manage/events/{proposal}/status"),
            &[("csrf", csrf.as_str()), ("status", "approved")],
        )
        .await;
    assert_eq!(approve.status, StatusCode::CONFLICT, "{}", approve.html);
    assert_eq!(
        app.store.event(proposal).await.unwrap().unwrap().status,
        "submitted"
    );
    // Once the event has begun, nobody registers for it.
    let started = spawn_app_at("2026-12-10T09:30:00Z").await;
    let id = event(&started, 3).await;
    let late = started
        .as_client(reqwest::Client::new())
        .post(&format!("/api/events/{id}/registrations"), &someone(2, 1))
        .await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
}
