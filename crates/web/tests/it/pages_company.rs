//! A company contact's pages: requesting a task with the form, who is coming, confirming
//! hours, and downloading invoices — each narrowed to the contact's own company.

use crate::fixtures::{Work, at, free_on_tuesdays};
use crate::helpers::{
    Shown, TestApp, anonymous, contact_account, csrf_field, person, spawn_app, task, with,
    worker_account,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use domain::calendar::local_date;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use serde_json::json;

/// The agency's own company (the one the contact speaks for) and another.
const OURS: &str = "29189420";
const THEIRS: &str = "12345674";

/// A Tuesday at least a week ahead, so its week is planned fresh and still to come.
fn coming_tuesday() -> NaiveDate {
    let mut day = local_date(domain::calendar::parse_instant(crate::helpers::TEST_NOW).unwrap())
        + Duration::days(7);
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    day
}

/// A browser signed in as the contact of `company`, and its form token.
async fn contact(app: &TestApp, email: &str, company: i64) -> (reqwest::Client, String) {
    app.signed_in(contact_account(email, company)).await
}

/// Our company's two-hour task on a coming Tuesday at 09:00, planned for a worker free on
/// Tuesday mornings ([`Work`]), and their company, with a cleaning agreement too.
struct World {
    work: Work,
    theirs: i64,
    their_site: i64,
}

async fn planned_world() -> World {
    let work = Work::on(coming_tuesday(), free_on_tuesdays("w@example.dk"))
        .await
        .planned()
        .await;
    let (theirs, their_site) = work.app.company_with_agreement(THEIRS).await;
    World {
        work,
        theirs,
        their_site,
    }
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

    let Shown { status, html, .. } = app.page(&browser, "/company/tasks/new").await;
    assert_eq!(status, StatusCode::OK);
    for needed in [
        "<form method=\"post\" action=\"/company/tasks\"",
        &csrf_field(&csrf),
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
    let answer = app.submit_form(&browser, "/company/tasks", &bad).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.html;
    assert!(
        html.contains("<a href=\"#date\">Skriv datoen som dag/måned"),
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
    let html = app.submit_form(&browser, "/company/tasks", &bad).await.html;
    assert!(html.contains("href=\"#end\""), "{html}");
    let mut bad = request_form(&csrf, their_site, day);
    set(&mut bad, "people", "30");
    let answer = app.submit_form(&browser, "/company/tasks", &bad).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = answer.html;
    assert!(html.contains("href=\"#people\""), "{html}");
    let mut bad = request_form(&csrf, their_site, day);
    set(&mut bad, "title", "Their site");
    let html = app.submit_form(&browser, "/company/tasks", &bad).await.html;
    assert!(html.contains("href=\"#site\""), "{html}");
    assert_eq!(app.total("/api/tasks").await, 0, "nothing stored");

    // Without the session's form token the request is refused.
    let mut forged = request_form("not the token", site, day);
    forged.retain(|(k, _)| k != "csrf");
    let refused = app.submit_form(&browser, "/company/tasks", &forged).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The company comes from the session, whatever the form says.
    let mut good = request_form(&csrf, site, day);
    good.push(("company_id".into(), "999".into()));
    let done = app.submit_form(&browser, "/company/tasks", &good).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header(LOCATION), "/company");
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
    let Shown { status, html, .. } = app.page(&browser, "/company").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Vinduespudsning i butikken"), "{html}");
    assert!(html.contains("Ikke planlagt endnu"));
    assert!(html.contains("09:00–11:30"));
}

#[tokio::test]
async fn the_overview_shows_who_is_coming_and_only_the_companys_own_tasks() {
    let World {
        work: w,
        theirs,
        their_site,
    } = planned_world().await;
    let app = &w.app;
    let theirs = app
        .post(
            "/api/tasks",
            &with(
                task(theirs, their_site, &at(w.day, 13, 0)),
                "title",
                json!("Oprydning på lageret"),
            ),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{theirs:?}");
    let (browser, _) = contact(app, "k@salling.example.dk", w.company).await;
    let Shown { status, html, .. } = app.page(&browser, "/company").await;
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
}

#[tokio::test]
async fn a_contact_confirms_hours_on_their_own_tasks_only() {
    let World {
        work: w, theirs, ..
    } = planned_world().await;
    let app = &w.app;
    let id = w.record_hours(&at(w.day, 9, 0), &at(w.day, 11, 5)).await;
    let (browser, csrf) = contact(app, "k@salling.example.dk", w.company).await;
    let Shown { status, html, .. } = app.page(&browser, "/company/hours").await;
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
    let (stranger, their_csrf) = contact(app, "k@other.example.dk", theirs).await;
    let Shown { html, .. } = app.page(&stranger, "/company/hours").await;
    assert!(!html.contains("Mette Larsen"), "{html}");
    let confirm = format!("/company/hours/{id}/confirm");
    let refused = app
        .submit(&stranger, &confirm, &[("csrf", &their_csrf)])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // Without the form token: refused, and nothing confirmed.
    let forged = app.submit(&browser, &confirm, &[("csrf", "forged")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/api/time/{id}")).await.body["status"],
        "registered"
    );

    let confirmed = app.submit(&browser, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    assert_eq!(confirmed.header(LOCATION), "/company/hours");
    assert!(
        confirmed
            .headers
            .get_all(SET_COOKIE)
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("kommune_notice=confirmed")),
        "a notice for the next page"
    );
    let stored = app.get(&format!("/api/time/{id}")).await;
    assert_eq!(stored.body["status"], "confirmed");
    assert_eq!(stored.body["confirmed_by"], "k@salling.example.dk");
    let Shown { html, .. } = app.page(&browser, "/company/hours").await;
    assert!(!html.contains(&action), "no longer waiting");
    assert!(
        html.contains("k@salling.example.dk"),
        "recently confirmed: {html}"
    );

    // Twice is harmless: the page says it no longer waits.
    let again = app.submit(&browser, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let missing = app
        .submit(
            &browser,
            "/company/hours/999999/confirm",
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_contact_sees_and_downloads_only_their_own_invoices() {
    let World {
        work: w, theirs, ..
    } = planned_world().await;
    let app = &w.app;
    let id = w.record_hours(&at(w.day, 9, 0), &at(w.day, 11, 0)).await;
    app.confirm_hours(id).await;
    app.set_seller().await;
    let period = format!("{}-{:02}", w.day.year(), w.day.month());
    let next_month =
        NaiveDate::from_ymd_opt(w.day.year(), w.day.month(), 1).unwrap() + Duration::days(32);
    let issue = next_month.with_day(1).unwrap();
    let issued = app
        .post(
            "/api/invoices/run",
            &json!({"period": period, "date": issue.to_string(), "open_month": true}),
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{issued:?}");
    let invoice = &issued.body[0];
    let number = invoice["number"].as_str().unwrap().to_string();
    let total =
        domain::money::Money::from_ore(invoice["total_incl_vat_ore"].as_i64().unwrap()).kroner();

    let (browser, _) = contact(app, "k@salling.example.dk", w.company).await;
    let Shown { status, html, .. } = app.page(&browser, "/company/invoices").await;
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

    app.assert_invoice_files(&browser, "/company/invoices", &number)
        .await;

    // The other company sees none of it: its list is empty and the number is not found.
    let (stranger, _) = contact(app, "k@other.example.dk", theirs).await;
    let Shown { html, .. } = app.page(&stranger, "/company/invoices").await;
    assert!(!html.contains(&number), "{html}");
    for path in [
        format!("/company/invoices/{number}.pdf"),
        format!("/company/invoices/{number}.xml"),
        "/company/invoices/2099-0001.pdf".to_string(),
        format!("/company/invoices/{number}.exe"),
    ] {
        let response = app.page(&stranger, &path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn other_roles_are_refused_the_company_pages() {
    let app = spawn_app().await;
    let (ours, _) = app.company_with_agreement(OURS).await;
    let person = app.post("/api/people", &person("w@example.dk")).await.id();
    let (as_worker, csrf) = app.signed_in(worker_account("w@example.dk", person)).await;
    for path in [
        "/company",
        "/company/tasks/new",
        "/company/hours",
        "/company/invoices",
        "/company/invoices/2026-0001.pdf",
    ] {
        let Shown { status, .. } = app.page(&as_worker, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let posted = app
        .submit(
            &as_worker,
            "/company/tasks",
            &[("csrf", &csrf), ("title", "x")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    assert_eq!(app.total("/api/tasks").await, 0);

    // Anonymous visitors are sent to sign in.
    let Shown { status, .. } = app.page(&anonymous(), "/company").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The contact's menu leads to every company page, in English when they read English.
    let mut english = contact_account("k@salling.example.dk", ours);
    english.language = "en".into();
    let (browser, _) = app.signed_in(english).await;
    let Shown { status, html, .. } = app.page(&browser, "/company").await;
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

/// Where the browser shows a text field, the form takes dates and times as Danes type
/// them: `24/12` (the coming one), `9.30`, `11`.
#[tokio::test]
async fn a_request_takes_dates_and_times_as_danes_type_them() {
    let app = spawn_app().await;
    let (ours, site) = app.company_with_agreement(OURS).await;
    let (browser, csrf) = contact(&app, "k@salling.example.dk", ours).await;
    let day = coming_tuesday();
    let mut form = request_form(&csrf, site, day);
    set(&mut form, "date", &format!("{}/{}", day.day(), day.month()));
    set(&mut form, "start", "9.30");
    set(&mut form, "end", "11");
    set(&mut form, "repeat_weeks", "1");
    let sent = app.submit_form(&browser, "/company/tasks", &form).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    let tasks = app.get("/api/tasks").await.body;
    let task = &tasks["items"][0];
    assert_eq!(
        task["fixed_start"],
        crate::fixtures::at(day, 9, 30),
        "{task}"
    );
    assert_eq!(task["duration_minutes"], 90);
}

/// A company cancels a request it made, from its overview, while it is requested or
/// planned; another company's is not found.
#[tokio::test]
async fn a_contact_cancels_a_request_of_their_own() {
    let World {
        work: w,
        theirs,
        their_site,
    } = planned_world().await;
    let app = &w.app;
    let theirs_task = app
        .post(
            "/api/tasks",
            &task(theirs, their_site, &crate::fixtures::at(w.day, 13, 0)),
        )
        .await
        .id();
    let (browser, csrf) = contact(app, "k@salling.example.dk", w.company).await;
    let overview = app.page(&browser, "/company").await.html;
    let action = format!("action=\"/company/tasks/{}/cancel\"", w.task);
    assert!(overview.contains(&action), "{overview}");
    assert!(!overview.contains(&format!("/company/tasks/{theirs_task}/cancel")));

    let forged = app
        .submit(
            &browser,
            &format!("/company/tasks/{theirs_task}/cancel"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/tasks/{theirs_task}")).await.body["status"],
        "requested"
    );

    let sent = app
        .submit(
            &browser,
            &format!("/company/tasks/{}/cancel", w.task),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert!(sent.header(SET_COOKIE).contains("kommune_notice=cancelled"));
    assert_eq!(
        app.get(&format!("/api/tasks/{}", w.task)).await.body["status"],
        "cancelled"
    );
    let after = app.page(&browser, "/company").await.html;
    assert!(
        !after.contains(&action),
        "a cancelled request has no cancel button: {after}"
    );
}

#[tokio::test]
async fn a_contact_changes_a_request_of_their_own_and_it_is_planned_again() {
    let World {
        work: w,
        theirs,
        their_site,
    } = planned_world().await;
    let app = &w.app;
    assert_eq!(
        app.get(&format!("/api/tasks/{}", w.task)).await.body["status"],
        "planned"
    );
    let theirs_task = app
        .post(
            "/api/tasks",
            &task(theirs, their_site, &crate::fixtures::at(w.day, 13, 0)),
        )
        .await
        .id();
    let (browser, csrf) = contact(app, "k@salling.example.dk", w.company).await;
    let overview = app.page(&browser, "/company").await.html;
    let edit = format!("/company/tasks/{}/edit", w.task);
    assert!(overview.contains(&format!("href=\"{edit}\"")), "{overview}");

    // The form holds the request as it is, in the browser's date and time inputs.
    let Shown { status, html, .. } = app.page(&browser, &edit).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<h1>Ret opgaven</h1>"), "{html}");
    assert!(
        html.contains(&format!(
            "type=\"date\" autocomplete=\"off\" aria-describedby=\"date-hint\" value=\"{}\"",
            w.day
        )),
        "{html}"
    );
    assert!(
        html.contains("type=\"time\"") && html.contains("value=\"09:00\""),
        "{html}"
    );
    assert!(
        html.contains(&format!("action=\"{edit}\""))
            && html.contains("name=\"version\" value=\"2\""),
        "{html}"
    );

    // Another company's request is not found, to see or to change.
    let theirs_edit = format!("/company/tasks/{theirs_task}/edit");
    assert_eq!(
        app.page(&browser, &theirs_edit).await.status,
        StatusCode::NOT_FOUND
    );
    let site = w.site;
    let mut later = request_form(&csrf, site, w.day);
    for (k, v) in later.iter_mut() {
        match k.as_str() {
            "start" => *v = "10.15".into(),
            "end" => *v = "12".into(),
            "repeat_weeks" => *v = "0".into(),
            _ => {}
        }
    }
    later.push(("version".into(), "2".into()));
    let fields: Vec<(&str, &str)> = later
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.submit(&browser, &theirs_edit, &fields).await.status,
        StatusCode::NOT_FOUND
    );

    let sent = app.submit(&browser, &edit, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
    assert!(sent.header(SET_COOKIE).contains("kommune_notice=changed"));
    let changed = app.get(&format!("/api/tasks/{}", w.task)).await.body;
    assert_eq!(
        changed["status"], "requested",
        "to be planned again: {changed}"
    );
    assert_eq!(changed["duration_minutes"], 105, "{changed}");
    assert_eq!(
        changed["fixed_start"],
        crate::fixtures::at(w.day, 10, 15),
        "{changed}"
    );
    assert_eq!(changed["title"], "Vinduespudsning i butikken");

    // The same form again is stale: nothing changes.
    let again = app.submit(&browser, &edit, &fields).await;
    assert!(again.header(SET_COOKIE).contains("kommune_notice=stale"));
    assert_eq!(
        app.get(&format!("/api/tasks/{}", w.task)).await.body["version"],
        changed["version"]
    );
}
