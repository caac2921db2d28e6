//! A task's whole way through the pages, each role in the same browser in turn: the company
//! asks for a task today (and orders an extra Flex Waste pickup), the coordinator plans the week, the worker says yes and checks
//! in and out, the company confirms the hours, the coordinator runs the month's invoices,
//! and the company downloads the invoice's PDF; last, the coordinator plans tomorrow and
//! reports the worker sick, and the e-mail telling them arrives at the test SMTP server.
//! Every step is a screenshot and an axe check.

use super::{Browser, DESKTOP, PHONE, Viewport};
use crate::fixtures::free_every_day;
use crate::helpers::{
    COORDINATOR, PASSWORD, TestApp, contact_account, spawn_app_at, worker_account,
};
use chrono::{Duration, Utc};
use serde_json::json;

const CONTACT: &str = "kontakt@test.dk";
const WORKER: &str = "arbejder@test.dk";
const TITLE: &str = "Rengøring af frokoststue";

/// What the journey is set up with: the company and its first site, and the worker.
struct Setup {
    company: i64,
    site: i64,
}

/// The company with a cleaning agreement and a contact's account, a worker available every
/// day with an account, and the agency's seller details (for the invoice).
async fn setup(app: &TestApp) -> Setup {
    let (company, site) = app.company_with_agreement("29189420").await;
    let worker = free_every_day(WORKER, "06:00-23:30");
    let worker = app.post("/api/people", &worker).await;
    assert_eq!(worker.status, reqwest::StatusCode::CREATED, "{worker:?}");
    let login = worker_account(WORKER, worker.id());
    app.store.create_account(&login).await.unwrap();
    let contact = contact_account(CONTACT, company);
    app.store.create_account(&contact).await.unwrap();
    app.set_seller().await;
    Setup { company, site }
}

/// The journey's day: a Thursday, at 09:30 in Copenhagen when it starts. The server's
/// clock is fixed there and moved on step by step, so the journey does not depend on
/// the hour it is run at (a slot that had passed or lay past midnight once failed it).
const DAY: &str = "2026-12-03";
const START: &str = "10:00";
const END: &str = "12:00";

/// The instant `time` (`10:05`) on the journey's day, in Copenhagen.
fn on_the_day(time: &str) -> chrono::DateTime<Utc> {
    domain::calendar::parse_instant(&format!("{DAY}T{time}:00+01:00")).unwrap()
}

async fn journey(viewport: Viewport) {
    let app = spawn_app_at(&format!("{DAY}T09:30:00+01:00")).await;
    let setup = setup(&app).await;
    let Some(mut b) = Browser::open(&app.base, viewport, "journey").await else {
        return;
    };
    let (today, start, end) = (DAY.to_string(), START.to_string(), END.to_string());
    let month = &today[..7];

    // The company asks for a task today.
    b.sign_in(CONTACT, PASSWORD).await;
    b.expect_ok("company signs in", "/company").await;
    b.check("company").await;
    b.open_page("company opens the request form", "/company/tasks/new")
        .await;
    b.check("company-new-task").await;
    let form = "form[action='/company/tasks']";
    let site = setup.site.to_string();
    for (name, value) in [
        ("task_type", "cleaning"),
        ("site", site.as_str()),
        ("title", TITLE),
        ("date", today.as_str()),
        ("start", start.as_str()),
        ("end", end.as_str()),
        ("people", "1"),
    ] {
        b.fill(form, name, value).await;
    }
    b.check("company-new-task-filled").await;
    b.submit("company requests a task", form, None).await;
    b.check("company-task-requested").await;
    let tasks = app
        .get(&format!("/api/tasks?company_id={}", setup.company))
        .await;
    let task = tasks.body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|t| t["title"] == TITLE))
        .unwrap_or_else(|| panic!("the requested task is stored: {tasks:?}"))
        .clone();
    let task_id = task["id"].as_i64().unwrap();

    // The company orders an extra Flex Waste pickup for tomorrow (the form's date): a
    // first try without what to collect is refused, the error linked to the checkboxes.
    b.open_page("company opens the pickup form", "/company/pickups/new")
        .await;
    b.check("company-new-pickup").await;
    let pickup = "form[action='/company/pickups']";
    b.fill(pickup, "expected_kg", "30").await;
    b.click(&format!("{pickup} [type='submit']")).await;
    let summary = b.error_summary().await;
    assert!(
        summary
            .as_deref()
            .is_some_and(|s| s.contains("Vælg mindst én slags affald")),
        "the error summary: {summary:?}"
    );
    b.check("company-pickup-refused").await;
    b.tick("#fraction-cardboard").await;
    b.submit("company orders an extra pickup", pickup, None)
        .await;
    b.check("company-pickup-ordered").await;
    let tomorrow =
        chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap() + Duration::days(1);
    let due = app.store.pickups_due(tomorrow).await.unwrap();
    assert_eq!(
        (due.len(), due[0].site.site_id, due[0].expected_kg),
        (1, setup.site, 30),
        "the ordered pickup is due tomorrow"
    );
    b.sign_out().await;

    // The coordinator plans the week.
    b.sign_in(COORDINATOR, PASSWORD).await;
    b.open_page("coordinator opens the week", "/week").await;
    b.check("week").await;
    b.submit(
        "coordinator plans the week",
        "form[action='/week/plan']",
        None,
    )
    .await;
    b.check("week-planned").await;
    b.sign_out().await;

    // The worker finds the task, says yes, checks in and out.
    b.sign_in(WORKER, PASSWORD).await;
    b.open_page("worker opens their tasks", "/my/tasks").await;
    b.check("my-tasks").await;
    let link = format!("a[href='/my/tasks/{task_id}/{today}']");
    if !b.has(&link).await {
        b.fail(
            "worker sees the task",
            format!("no link {link}: the task is not on the worker's list"),
        )
        .await;
    }
    b.click(&link).await;
    b.expect_ok("worker opens the task", &link).await;
    b.check("my-task").await;
    b.submit(
        "worker replies yes",
        "form[action*='reply']",
        Some("[type='submit'][value='yes']"),
    )
    .await;
    b.check("my-task-replied").await;
    app.clock.set(on_the_day("10:05"));
    b.submit("worker checks in", "form[action*='check-in']", None)
        .await;
    b.check("my-task-checked-in").await;
    app.clock.set(on_the_day("12:00"));
    b.submit("worker checks out", "form[action*='check-out']", None)
        .await;
    b.check("my-task-checked-out").await;
    let entries = app.get(&format!("/api/time?task={task_id}")).await;
    let registered = entries.body["items"]
        .as_array()
        .is_some_and(|all| all.iter().any(|e| e["status"] == "registered"));
    assert!(registered, "the worker's hours are registered: {entries:?}");
    b.sign_out().await;

    // The company confirms the hours.
    b.sign_in(CONTACT, PASSWORD).await;
    b.open_page("company opens the hours", "/company/hours")
        .await;
    b.check("company-hours").await;
    b.submit(
        "company confirms the hours",
        "form[action^='/company/hours/'][action$='/confirm']",
        None,
    )
    .await;
    b.check("company-hours-confirmed").await;
    b.sign_out().await;

    // The coordinator runs the month's invoices.
    b.sign_in(COORDINATOR, PASSWORD).await;
    b.open_page("coordinator opens the invoices", "/invoices")
        .await;
    b.check("invoices").await;
    let form = "form[action='/invoices/preview']";
    b.fill(form, "period", month).await;
    // The work was done today: the month has not ended.
    b.tick("#open_month").await;
    b.submit("coordinator previews the invoices", form, None)
        .await;
    b.check("invoices-preview").await;
    b.submit(
        "coordinator issues the invoices",
        "form[action='/invoices/run']",
        None,
    )
    .await;
    b.check("invoices-run").await;
    let invoices = app.get("/api/invoices").await;
    let number = invoices.body[0]["number"]
        .as_str()
        .unwrap_or_else(|| panic!("an invoice was issued: {invoices:?}"))
        .to_string();
    b.sign_out().await;

    // The company downloads the PDF.
    b.sign_in(CONTACT, PASSWORD).await;
    b.open_page("company opens the invoices", "/company/invoices")
        .await;
    b.check("company-invoices").await;
    let link = format!("a[href='/company/invoices/{number}.pdf']");
    if !b.has(&link).await {
        b.fail(
            "company downloads the invoice",
            format!("no link {link} to invoice {number}"),
        )
        .await;
    }
    let pdf = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             const href = document.querySelector(arguments[0]).getAttribute('href');
             fetch(href, {credentials: 'same-origin'})
               .then(async r => {
                 const bytes = new Uint8Array(await r.arrayBuffer());
                 done({status: r.status, type: r.headers.get('content-type'),
                       disposition: r.headers.get('content-disposition'),
                       head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length});
               })
               .catch(e => done({error: String(e)}));",
            vec![json!(link)],
        )
        .await;
    if pdf["status"] != 200 || pdf["type"] != "application/pdf" || pdf["head"] != "%PDF-" {
        b.fail(
            "company downloads the invoice",
            format!("the link {link} gave {pdf}"),
        )
        .await;
    }

    // Every role's menu once more, now that there is a task, hours and an invoice.
    b.tour("after-").await;
    b.sign_out().await;
    b.sign_in(WORKER, PASSWORD).await;
    b.check("after-my-tasks").await;
    b.tour("after-").await;
    b.sign_out().await;
    b.sign_in(COORDINATOR, PASSWORD).await;
    b.check("after-week").await;
    b.tour("after-").await;
    sick_call(&app, &setup, &mut b, &start).await;
    b.finish().await;
}

/// The same work tomorrow, planned from the board; then the coordinator reports the
/// worker sick for it from the week by person, and the worker's e-mail says so.
async fn sick_call(app: &TestApp, setup: &Setup, b: &mut Browser, start: &str) {
    let Some(smtp) = crate::smtp::SmtpServer::start() else {
        return;
    };
    let tomorrow = app.clock.today() + Duration::days(1);
    let (hour, minute) = start.split_once(':').unwrap();
    let at = crate::fixtures::at(tomorrow, hour.parse().unwrap(), minute.parse().unwrap());
    let task = crate::helpers::task(setup.company, setup.site, &at);
    let created = app.post("/api/tasks", &task).await;
    assert_eq!(created.status, reqwest::StatusCode::CREATED, "{created:?}");
    let week = crate::fixtures::iso_week(tomorrow);
    b.open_page(
        "coordinator opens tomorrow's week",
        &format!("/week?week={week}"),
    )
    .await;
    b.submit(
        "coordinator plans tomorrow's week",
        "form[action='/week/plan']",
        None,
    )
    .await;
    b.check("week-tomorrow-planned").await;
    let sick = format!("a.board-sick[href*='date={tomorrow}']");
    if !b.has(&sick).await {
        b.fail(
            "coordinator reports the worker sick",
            format!("no sick-call link {sick} in the week by person"),
        )
        .await;
    }
    b.click(&sick).await;
    b.expect_ok("coordinator opens the sick call", &sick).await;
    b.check("sick-call").await;
    b.submit(
        "coordinator reports the worker sick",
        "form[action='/week/absence']",
        None,
    )
    .await;
    b.check("sick-call-replanned").await;
    crate::mail::run_jobs(app, &crate::mail::background(&smtp)).await;
    let told = smtp.to(WORKER);
    assert!(
        told.iter()
            .any(|m| m.body.contains("Du skal ikke længere") && m.body.contains(TITLE)),
        "the worker is told they lost tomorrow's work: {told:?}"
    );
    b.open_page(
        "coordinator sees who was told",
        &format!("/week?week={week}"),
    )
    .await;
    b.check("sick-call-told").await;
}

#[tokio::test]
async fn a_task_goes_from_request_to_invoice_on_a_phone() {
    journey(PHONE).await;
}

#[tokio::test]
async fn a_task_goes_from_request_to_invoice_on_a_desktop() {
    journey(DESKTOP).await;
}
