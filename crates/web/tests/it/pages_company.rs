//! A company contact's pages: requesting a task with the form, who is coming, confirming
//! hours, and downloading invoices — each narrowed to the contact's own company.

use crate::helpers::{TestApp, account, person, spawn_app, task, with};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use domain::calendar::{TIME_ZONE, format_instant, local_date};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION, SET_COOKIE};
use serde_json::json;
use store::accounts::Role;

/// The agency's own company (the one the contact speaks for) and another.
const OURS: &str = "29189420";
const THEIRS: &str = "12345674";

/// A Tuesday at least a week ahead, so its week is planned fresh and still to come.
fn coming_tuesday() -> NaiveDate {
    let mut day = local_date(Utc::now()) + Duration::days(7);
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    day
}

/// `date` at `hh:mm` in Copenhagen, as the API writes instants.
fn at(date: NaiveDate, hour: u32, minute: u32) -> String {
    let local = date.and_hms_opt(hour, minute, 0).unwrap();
    format_instant(
        TIME_ZONE
            .from_local_datetime(&local)
            .earliest()
            .unwrap()
            .with_timezone(&Utc),
    )
}

fn week_of(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// A browser signed in as the contact of `company`, and its form token.
async fn contact(app: &TestApp, email: &str, company: i64) -> (reqwest::Client, String) {
    let mut new = account(email, Role::Company);
    new.company_id = Some(company);
    app.signed_in(new).await
}

/// What a page answered: status and HTML.
async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Both companies with a cleaning agreement, a worker free on Tuesday mornings, and our
/// two-hour task on `day` at 09:00 planned for them: (app, our company, our first site,
/// their company, their first site, the task, the worker).
struct World {
    app: TestApp,
    ours: i64,
    site: i64,
    theirs: i64,
    their_site: i64,
    job: i64,
    worker: i64,
    day: NaiveDate,
}

async fn planned_world() -> World {
    let app = spawn_app().await;
    let (ours, site) = app.company_with_agreement(OURS).await;
    let (theirs, their_site) = app.company_with_agreement(THEIRS).await;
    let worker = app
        .post(
            "/api/people",
            &with(
                person("w@example.dk"),
                "availability",
                json!("Tue 08:00-14:00"),
            ),
        )
        .await
        .id();
    let day = coming_tuesday();
    let job = app
        .post("/api/tasks", &task(ours, site, &at(day, 9, 0)))
        .await
        .id();
    let plan = app
        .post(
            "/api/plans",
            &json!({"week": week_of(day), "iterations": 50}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{plan:?}");
    assert_eq!(plan.body["assignments"][0]["person"], worker, "{plan:?}");
    World {
        app,
        ours,
        site,
        theirs,
        their_site,
        job,
        worker,
        day,
    }
}

/// A download: status, content type, content disposition and the bytes.
async fn download(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> (StatusCode, String, String, Vec<u8>) {
    let response = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (kind, disposition) = (header(CONTENT_TYPE), header(CONTENT_DISPOSITION));
    let status = response.status();
    (
        status,
        kind,
        disposition,
        response.bytes().await.unwrap().to_vec(),
    )
}

/// The form's fields, filled in well.
fn request_form(csrf: &str, site: i64, day: NaiveDate) -> Vec<(String, String)> {
    [
        ("csrf", csrf.to_string()),
        ("task_type", "cleaning".into()),
        ("site", site.to_string()),
        ("title", "Vinduespudsning i butikken".into()),
        ("date", day.to_string()),
        ("start", "09:00".into()),
        ("end", "11:30".into()),
        ("people", "2".into()),
        ("repeat_weeks", "3".into()),
        ("notes", "Tag gummistøvler med. Spørg efter Jens.".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn set(form: &mut [(String, String)], field: &str, value: &str) {
    form.iter_mut().find(|(k, _)| k == field).unwrap().1 = value.to_string();
}

#[tokio::test]
async fn a_contact_requests_a_task_with_the_form() {
    let app = spawn_app().await;
    let (ours, site) = app.company_with_agreement(OURS).await;
    let (_, their_site) = app.company_with_agreement(THEIRS).await;
    let (browser, csrf) = contact(&app, "k@salling.example.dk", ours).await;
    let day = coming_tuesday();

    let (status, html) = page(&browser, &app, "/company/tasks/new").await;
    assert_eq!(status, StatusCode::OK);
    for needed in [
        "<form method=\"post\" action=\"/company/tasks\"",
        &format!("name=\"csrf\" value=\"{csrf}\""),
        "<label for=\"task_type\">",
        "<option value=\"cleaning\"",
        &format!("<option value=\"{site}\""),
        "<label for=\"date\">",
        "<label for=\"repeat_weeks\">",
        "<label for=\"notes\">",
    ] {
        assert!(html.contains(needed), "{needed:?} missing in {html}");
    }
    assert_eq!(html.matches("<h1>").count(), 1);

    // A date the form cannot read: the form again, the error linked to the field, and
    // everything typed kept.
    let mut bad = request_form(&csrf, site, day);
    set(&mut bad, "date", "1. december");
    let answer = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text().await.unwrap();
    assert!(
        html.contains("<a href=\"#date\">Skriv datoen som år-måned-dag"),
        "{html}"
    );
    assert!(html.contains("id=\"date\"") && html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"1. december\""), "{html}");
    assert!(html.contains("value=\"Vinduespudsning i butikken\""));
    assert!(html.contains("Spørg efter Jens"));

    // The domain's and the store's rules name the form's fields: the end before the start,
    // and a site of another company.
    let mut bad = request_form(&csrf, their_site, day);
    set(&mut bad, "end", "08:00");
    let html = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&bad)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("href=\"#end\""), "{html}");
    let mut bad = request_form(&csrf, their_site, day);
    set(&mut bad, "people", "30");
    let answer = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.text().await.unwrap();
    assert!(html.contains("href=\"#people\""), "{html}");
    let mut bad = request_form(&csrf, their_site, day);
    set(&mut bad, "title", "Their site");
    let html = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&bad)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("href=\"#site\""), "{html}");
    assert_eq!(app.total("/api/tasks").await, 0, "nothing stored");

    // Without the session's form token the request is refused.
    let mut forged = request_form("not the token", site, day);
    forged.retain(|(k, _)| k != "csrf");
    let refused = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The company comes from the session, whatever the form says.
    let mut good = request_form(&csrf, site, day);
    good.push(("company_id".into(), "999".into()));
    let done = browser
        .post(format!("{}/company/tasks", app.base))
        .form(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(done.headers()[LOCATION], "/company");
    let listed = app.get(&format!("/api/tasks?company_id={ours}")).await;
    assert_eq!(listed.body["total"], 1, "{listed:?}");
    let made = &listed.body["items"][0];
    assert_eq!(made["status"], "requested");
    assert_eq!(made["site_id"], site);
    assert_eq!(made["title"], "Vinduespudsning i butikken");
    assert_eq!(
        made["description"],
        "Tag gummistøvler med. Spørg efter Jens."
    );
    assert_eq!(made["people_needed"], 2);
    assert_eq!(made["duration_minutes"], 150);
    assert_eq!(made["fixed_start"], at(day, 9, 0));
    assert_eq!(made["occurrences"].as_array().unwrap().len(), 3);
    let history = app.get(&format!("/api/tasks/{}/history", made["id"])).await;
    assert_eq!(history.body[0]["changed_by"], "k@salling.example.dk");

    // The overview lists the request, not yet planned.
    let (status, html) = page(&browser, &app, "/company").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Vinduespudsning i butikken"), "{html}");
    assert!(html.contains("Ikke planlagt endnu"));
    assert!(html.contains("09:00–11:30"));
}

#[tokio::test]
async fn the_overview_shows_who_is_coming_and_only_the_companys_own_tasks() {
    let w = planned_world().await;
    let app = &w.app;
    let theirs = app
        .post(
            "/api/tasks",
            &with(
                task(w.theirs, w.their_site, &at(w.day, 13, 0)),
                "title",
                json!("Oprydning på lageret"),
            ),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{theirs:?}");
    let (browser, _) = contact(app, "k@salling.example.dk", w.ours).await;
    let (status, html) = page(&browser, app, "/company").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains("Rengøring af frokoststue"), "{html}");
    assert!(html.contains("Mette Larsen"), "who is coming: {html}");
    assert!(html.contains("09:00–11:00"));
    assert!(html.contains(&format!("datetime=\"{}\"", w.day)));
    assert!(html.contains("Planlagt"));
    assert!(
        !html.contains("Oprydning på lageret"),
        "another company's task"
    );
    for link in ["/company/tasks/new", "/company/hours", "/company/invoices"] {
        assert!(html.contains(&format!("href=\"{link}\"")), "{link}");
    }
    let _ = (w.site, w.job, w.worker);
}

#[tokio::test]
async fn a_contact_confirms_hours_on_their_own_tasks_only() {
    let w = planned_world().await;
    let app = &w.app;
    let entry = app
        .post(
            "/api/time",
            &json!({"task": w.job, "date": w.day.to_string(), "person": w.worker,
                "start": at(w.day, 9, 0), "end": at(w.day, 11, 5)}),
        )
        .await;
    assert_eq!(entry.status, StatusCode::CREATED, "{entry:?}");
    let id = entry.id();
    let (browser, csrf) = contact(app, "k@salling.example.dk", w.ours).await;
    let (status, html) = page(&browser, app, "/company/hours").await;
    assert_eq!(status, StatusCode::OK);
    let action = format!("action=\"/company/hours/{id}/confirm\"");
    for needed in [
        "Mette Larsen",
        "Rengøring af frokoststue",
        "09:00–11:05",
        "2:05",
        action.as_str(),
        "<th scope=\"col\">",
    ] {
        assert!(html.contains(needed), "{needed:?} missing in {html}");
    }

    // Another company's contact cannot see or confirm it.
    let (stranger, their_csrf) = contact(app, "k@other.example.dk", w.theirs).await;
    let (_, html) = page(&stranger, app, "/company/hours").await;
    assert!(!html.contains("Mette Larsen"), "{html}");
    let refused = stranger
        .post(format!("{}/company/hours/{id}/confirm", app.base))
        .form(&[("csrf", their_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    // Without the form token: refused, and nothing confirmed.
    let forged = browser
        .post(format!("{}/company/hours/{id}/confirm", app.base))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/api/time/{id}")).await.body["status"],
        "registered"
    );

    let confirmed = browser
        .post(format!("{}/company/hours/{id}/confirm", app.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(confirmed.headers()[LOCATION], "/company/hours");
    assert!(
        confirmed
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("kommune_notice=confirmed")),
        "a notice for the next page"
    );
    let stored = app.get(&format!("/api/time/{id}")).await;
    assert_eq!(stored.body["status"], "confirmed");
    assert_eq!(stored.body["confirmed_by"], "k@salling.example.dk");
    let (_, html) = page(&browser, app, "/company/hours").await;
    assert!(!html.contains(&action), "no longer waiting");
    assert!(
        html.contains("k@salling.example.dk"),
        "recently confirmed: {html}"
    );

    // Twice is harmless: the page says it no longer waits.
    let again = browser
        .post(format!("{}/company/hours/{id}/confirm", app.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let missing = browser
        .post(format!("{}/company/hours/999999/confirm", app.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_contact_sees_and_downloads_only_their_own_invoices() {
    let w = planned_world().await;
    let app = &w.app;
    let id = app
        .post(
            "/api/time",
            &json!({"task": w.job, "date": w.day.to_string(), "person": w.worker,
                "start": at(w.day, 9, 0), "end": at(w.day, 11, 0)}),
        )
        .await
        .id();
    app.post(&format!("/api/time/{id}/confirm"), &json!({}))
        .await;
    app.store
        .set_seller(&store::invoices::Seller {
            name: "Små job med mening".into(),
            cvr: "29189420".into(),
            address: "Boulevarden 13, 9000 Aalborg".into(),
            bank_account: "9570 0001234567".into(),
            payment_days: 14,
        })
        .await
        .unwrap();
    let period = format!("{}-{:02}", w.day.year(), w.day.month());
    let next_month =
        NaiveDate::from_ymd_opt(w.day.year(), w.day.month(), 1).unwrap() + Duration::days(32);
    let issue = next_month.with_day(1).unwrap();
    let issued = app
        .post(
            "/api/invoices/run",
            &json!({"period": period, "date": issue.to_string()}),
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{issued:?}");
    let invoice = &issued.body[0];
    let number = invoice["number"].as_str().unwrap().to_string();
    let total = reports::pdf::kroner(invoice["total_incl_vat_ore"].as_i64().unwrap());

    let (browser, _) = contact(app, "k@salling.example.dk", w.ours).await;
    let (status, html) = page(&browser, app, "/company/invoices").await;
    assert_eq!(status, StatusCode::OK);
    for needed in [
        number.clone(),
        total.clone(),
        period.clone(),
        format!("href=\"/company/invoices/{number}.pdf\""),
        format!("href=\"/company/invoices/{number}.xml\""),
    ] {
        assert!(html.contains(&needed), "{needed:?} missing in {html}");
    }

    let (status, kind, disposition, pdf) =
        download(&browser, app, &format!("/company/invoices/{number}.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"faktura-{number}.pdf\"")
    );
    assert!(pdf.starts_with(b"%PDF"));
    let (status, kind, disposition, xml) =
        download(&browser, app, &format!("/company/invoices/{number}.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/xml");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"faktura-{number}.xml\"")
    );
    assert!(String::from_utf8_lossy(&xml).contains(&format!("<cbc:ID>{number}</cbc:ID>")));

    // The other company sees none of it: its list is empty and the number is not found.
    let (stranger, _) = contact(app, "k@other.example.dk", w.theirs).await;
    let (_, html) = page(&stranger, app, "/company/invoices").await;
    assert!(!html.contains(&number), "{html}");
    for path in [
        format!("/company/invoices/{number}.pdf"),
        format!("/company/invoices/{number}.xml"),
        "/company/invoices/2099-0001.pdf".to_string(),
        format!("/company/invoices/{number}.exe"),
    ] {
        let response = stranger
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn other_roles_are_refused_the_company_pages() {
    let app = spawn_app().await;
    let (ours, _) = app.company_with_agreement(OURS).await;
    let person = app.post("/api/people", &person("w@example.dk")).await.id();
    let mut worker = account("w@example.dk", Role::Worker);
    worker.person_id = Some(person);
    let (as_worker, csrf) = app.signed_in(worker).await;
    for path in [
        "/company",
        "/company/tasks/new",
        "/company/hours",
        "/company/invoices",
        "/company/invoices/2026-0001.pdf",
    ] {
        let (status, _) = page(&as_worker, &app, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let posted = as_worker
        .post(format!("{}/company/tasks", app.base))
        .form(&[("csrf", csrf.as_str()), ("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.total("/api/tasks").await, 0);

    // Anonymous visitors are sent to sign in.
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, _) = page(&anonymous, &app, "/company").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The contact's menu leads to every company page, in English when they read English.
    let mut english = account("k@salling.example.dk", Role::Company);
    english.company_id = Some(ours);
    english.language = "en".into();
    let (browser, _) = app.signed_in(english).await;
    let (status, html) = page(&browser, &app, "/company").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<html lang=\"en\">") && html.contains("Your tasks"),
        "{html}"
    );
    for (href, text) in [
        ("/company/tasks/new", "Request a task"),
        ("/company/hours", "Confirm hours"),
        ("/company/invoices", "Invoices"),
    ] {
        assert!(
            html.contains(&format!("<li><a href=\"{href}\">{text}</a></li>")),
            "{href}"
        );
    }
}
