//! The coordinator's records pages through a signed-in browser session: people (limits
//! only after a stated, logged read), companies and agreements, confirming hours, invoice
//! runs and downloads, the monthly exports, and every other role kept out.

use crate::helpers::{TestApp, account, person, spawn_app, task, with};
use reqwest::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use reqwest::{Client, StatusCode};
use serde_json::json;
use store::accounts::Role;

/// The coordinator these pages are used by.
const ME: &str = "c@example.dk";

/// What a page answered: its status, headers and text.
struct Shown {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    html: String,
}

impl Shown {
    fn header(&self, name: reqwest::header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The page is whole: one heading, tables with column headers, every POST form with the token.
    fn assert_well_formed(&self, csrf: &str) {
        assert_eq!(self.html.matches("<h1").count(), 1, "{}", self.html);
        if self.html.contains("<table") {
            assert!(self.html.contains("<th scope=\"col\""), "{}", self.html);
        }
        let posts = self.html.matches("method=\"post\"").count();
        let tokens = self
            .html
            .matches(&format!("name=\"csrf\" value=\"{csrf}\""))
            .count();
        assert_eq!(posts, tokens, "every POST form carries the token");
    }
}

async fn get(client: &Client, app: &TestApp, path: &str) -> Shown {
    let response = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    Shown {
        status: response.status(),
        headers: response.headers().clone(),
        html: response.text().await.unwrap(),
    }
}

async fn post(client: &Client, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Shown {
    let response = client
        .post(format!("{}{path}", app.base))
        .form(fields)
        .send()
        .await
        .unwrap();
    Shown {
        status: response.status(),
        headers: response.headers().clone(),
        html: response.text().await.unwrap(),
    }
}

async fn signed_in_coordinator(app: &TestApp) -> (Client, String) {
    app.signed_in(account(ME, Role::Coordinator)).await
}

#[tokio::test]
async fn people_list_profile_and_limits_only_after_a_logged_read() {
    let app = spawn_app().await;
    let id = app.post("/api/people", &person("w@example.dk")).await.id();
    let limits = json!({"max_lift_kg": 10, "indoor_only": true, "not_before": "09:30"});
    let set = app.put(&format!("/api/people/{id}/limits"), &limits).await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{set:?}");
    let (browser, csrf) = signed_in_coordinator(&app).await;

    let list = get(&browser, &app, "/people").await;
    assert_eq!(list.status, StatusCode::OK);
    list.assert_well_formed(&csrf);
    for needed in [
        &format!("href=\"/people/{id}\">Mette Larsen</a>"),
        "Aktiv",
        "8,5 timer",
        "href=\"/exports\"",
    ] {
        assert!(list.html.contains(needed), "{needed} in {}", list.html);
    }
    let filtered = get(&browser, &app, "/people?status=paused").await;
    assert!(!filtered.html.contains("Mette Larsen"), "{}", filtered.html);

    let profile = get(&browser, &app, &format!("/people/{id}")).await;
    assert_eq!(profile.status, StatusCode::OK);
    profile.assert_well_formed(&csrf);
    for needed in [
        "+4520304050",
        "w@example.dk",
        "Vesterbro 14, 9000 Aalborg",
        "Mandag 09:00-13:00",
        "Onsdag 10:00-12:00",
        "2026-12-24 – 2026-12-31: ferie",
        "Sortering",
        "Rengøring",
        "8,5 timer",
        &format!("action=\"/people/{id}/limits\""),
        "<label for=\"purpose\">",
        "Vis funktionsbegrænsninger",
    ] {
        assert!(
            profile.html.contains(needed),
            "{needed} in {}",
            profile.html
        );
    }
    assert!(
        !profile.html.contains("10 kg") && !profile.html.contains("09:30"),
        "the profile never shows the limits"
    );
    let reads = format!("/api/people/{id}/limits/reads");
    assert_eq!(app.get(&reads).await.body, json!([]));

    // No purpose, or no form token: nothing is read and nothing is logged.
    let without = post(
        &browser,
        &app,
        &format!("/people/{id}/limits"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    without.assert_well_formed(&csrf);
    assert!(
        without.html.contains("href=\"#purpose\""),
        "{}",
        without.html
    );
    assert!(without.html.contains("aria-invalid=\"true\""));
    assert!(!without.html.contains("10 kg"));
    let forged = post(
        &browser,
        &app,
        &format!("/people/{id}/limits"),
        &[("purpose", "planning")],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&reads).await.body, json!([]));

    let shown = post(
        &browser,
        &app,
        &format!("/people/{id}/limits"),
        &[("csrf", &csrf), ("purpose", "planning")],
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.html);
    shown.assert_well_formed(&csrf);
    assert_eq!(shown.header(CACHE_CONTROL), "no-store");
    for needed in ["10 kg", "Kun indendørs", "09:30", ME, "planning"] {
        assert!(shown.html.contains(needed), "{needed} in {}", shown.html);
    }
    let logged = app.get(&reads).await.body;
    assert_eq!(logged.as_array().unwrap().len(), 1, "{logged}");
    assert_eq!(logged[0]["read_by"], ME);
    assert_eq!(logged[0]["purpose"], "planning");

    // After the read, the profile is as before: the limits are not left on show.
    let again = get(&browser, &app, &format!("/people/{id}")).await;
    assert!(!again.html.contains("10 kg"));
    let opened = get(&browser, &app, &format!("/people/{id}/limits")).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "a GET reads nothing");
    assert_eq!(opened.header(LOCATION), format!("/people/{id}"));
    assert_eq!(app.get(&reads).await.body.as_array().unwrap().len(), 1);

    for missing in ["/people/999", "/people/abc"] {
        assert_eq!(
            get(&browser, &app, missing).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let nobody = post(
        &browser,
        &app,
        "/people/999/limits",
        &[("csrf", &csrf), ("purpose", "planning")],
    )
    .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);

    // In English for a coordinator whose profile says so.
    let mut english = account("en@example.dk", Role::Coordinator);
    english.language = "en".into();
    let (browser, _) = app.signed_in(english).await;
    let profile = get(&browser, &app, &format!("/people/{id}")).await;
    assert!(
        profile.html.contains("Show functional limits")
            && profile.html.contains("Monday 09:00-13:00"),
        "{}",
        profile.html
    );
}

#[tokio::test]
async fn companies_are_listed_and_a_company_shows_its_agreements() {
    let app = spawn_app().await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let (browser, csrf) = signed_in_coordinator(&app).await;

    let list = get(&browser, &app, "/companies").await;
    assert_eq!(list.status, StatusCode::OK);
    list.assert_well_formed(&csrf);
    for needed in [
        &format!("href=\"/companies/{company}\">Salling Aalborg</a>"),
        "29189420",
        "Butik Nytorv",
        "Jens Holm",
    ] {
        assert!(list.html.contains(needed), "{needed} in {}", list.html);
    }

    let one = get(&browser, &app, &format!("/companies/{company}")).await;
    assert_eq!(one.status, StatusCode::OK);
    one.assert_well_formed(&csrf);
    for needed in [
        "Aftaler",
        "Rengøring",
        "245,00 kr.",
        "155,00 kr.",
        "60 minutter",
        "1003456789",
        "faktura@salling.example.dk",
        "5798000416604",
    ] {
        assert!(one.html.contains(needed), "{needed} in {}", one.html);
    }
    assert_eq!(
        get(&browser, &app, "/companies/424242").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A worker planned for a two-hour task on Tuesday 1 December 2026, with 2½ hours
/// recorded: (app, time entry id).
async fn hours_to_confirm() -> (TestApp, i64) {
    let app = spawn_app().await;
    let (company, site) = app.company_with_agreement("29189420").await;
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
    let job = app
        .post(
            "/api/tasks",
            &task(company, site, "2026-12-01T09:00:00+01:00"),
        )
        .await
        .id();
    let plan = app
        .post("/api/plans", &json!({"week": "2026-W49", "iterations": 50}))
        .await;
    assert_eq!(plan.body["assignments"][0]["person"], worker, "{plan:?}");
    let hours = json!({"task": job, "date": "2026-12-01", "person": worker,
        "start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T11:30:00+01:00"});
    let entry = app.post("/api/time", &hours).await;
    assert_eq!(entry.status, StatusCode::CREATED, "{entry:?}");
    (app, entry.id())
}

#[tokio::test]
async fn hours_are_confirmed_invoiced_downloaded_and_exported() {
    let (app, entry) = hours_to_confirm().await;
    let (browser, csrf) = signed_in_coordinator(&app).await;

    let waiting = get(&browser, &app, "/confirmations").await;
    assert_eq!(waiting.status, StatusCode::OK);
    waiting.assert_well_formed(&csrf);
    for needed in [
        "2026-12-01",
        "Mette Larsen",
        "Salling Aalborg",
        "Rengøring af frokoststue",
        "09:00–11:30",
        "2:30",
        &format!("action=\"/confirmations/{entry}/confirm\""),
        "<label for=\"after_days\">",
    ] {
        assert!(
            waiting.html.contains(needed),
            "{needed} in {}",
            waiting.html
        );
    }

    let confirm = format!("/confirmations/{entry}/confirm");
    assert_eq!(
        post(&browser, &app, &confirm, &[]).await.status,
        StatusCode::FORBIDDEN,
        "no form token"
    );
    let done = post(&browser, &app, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header(LOCATION), "/confirmations?confirmed=1");
    let stored = app.get(&format!("/api/time/{entry}")).await;
    assert_eq!(stored.body["status"], "confirmed");
    assert_eq!(stored.body["confirmed_by"], ME);
    let after = get(&browser, &app, "/confirmations?confirmed=1").await;
    assert!(after.html.contains("Timerne er godkendt."));
    assert!(!after.html.contains(&confirm), "{}", after.html);
    let twice = post(&browser, &app, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.html.contains("href=\"#entries\""), "{}", twice.html);
    assert_eq!(
        post(
            &browser,
            &app,
            "/confirmations/999/confirm",
            &[("csrf", &csrf)]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let bad_days = post(
        &browser,
        &app,
        "/confirmations/auto",
        &[("csrf", &csrf), ("after_days", "soon")],
    )
    .await;
    assert_eq!(bad_days.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_days.html.contains("href=\"#after_days\""));
    assert!(bad_days.html.contains("value=\"soon\""));
    let auto = post(
        &browser,
        &app,
        "/confirmations/auto",
        &[("csrf", &csrf), ("after_days", "3")],
    )
    .await;
    assert_eq!(auto.status, StatusCode::SEE_OTHER);
    assert_eq!(auto.header(LOCATION), "/confirmations?auto=0");

    // The run form: a bad month is shown again, named; the store's refusal is shown as is.
    let invoices = get(&browser, &app, "/invoices").await;
    assert_eq!(invoices.status, StatusCode::OK);
    invoices.assert_well_formed(&csrf);
    assert!(invoices.html.contains("<label for=\"period\">"));
    let bad = post(
        &browser,
        &app,
        "/invoices/run",
        &[("csrf", &csrf), ("period", "2026-13")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_well_formed(&csrf);
    assert!(bad.html.contains("href=\"#period\""), "{}", bad.html);
    assert!(bad.html.contains("value=\"2026-13\""));
    assert!(bad.html.contains("aria-invalid=\"true\""));
    let refused = post(
        &browser,
        &app,
        "/invoices/run",
        &[("csrf", &csrf), ("period", "2026-12")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.html.contains("seller"), "{}", refused.html);
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
    let run = post(
        &browser,
        &app,
        "/invoices/run",
        &[("csrf", &csrf), ("period", "2026-12")],
    )
    .await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.html);
    assert_eq!(run.header(LOCATION), "/invoices?issued=1&period=2026-12");
    let issued = app.get("/api/invoices").await.body;
    let number = issued[0]["number"].as_str().unwrap().to_string();
    let total = reports::pdf::kroner(issued[0]["total_incl_vat_ore"].as_i64().unwrap());
    let listed = get(&browser, &app, "/invoices?issued=1&period=2026-12").await;
    for needed in [
        "1 faktura udstedt for 2026-12.",
        number.as_str(),
        &format!("href=\"/invoices/{number}.pdf\""),
        &format!("href=\"/invoices/{number}.xml\""),
        &format!("action=\"/invoices/{number}/credit\""),
        &format!("{total} kr."),
    ] {
        assert!(listed.html.contains(needed), "{needed} in {}", listed.html);
    }

    let pdf = browser
        .get(format!("{}/invoices/{number}.pdf", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()[CONTENT_TYPE], "application/pdf");
    assert_eq!(
        pdf.headers()[CONTENT_DISPOSITION],
        format!("attachment; filename=\"faktura-{number}.pdf\"").as_str()
    );
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let xml = browser
        .get(format!("{}/invoices/{number}.xml", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(xml.headers()[CONTENT_TYPE], "application/xml");
    assert_eq!(
        xml.headers()[CONTENT_DISPOSITION],
        format!("attachment; filename=\"faktura-{number}.xml\"").as_str()
    );
    assert!(
        xml.text()
            .await
            .unwrap()
            .contains(&format!("<cbc:ID>{number}</cbc:ID>"))
    );
    for missing in [
        format!("/invoices/{number}.txt"),
        "/invoices/2099-0001.pdf".into(),
    ] {
        assert_eq!(
            get(&browser, &app, &missing).await.status,
            StatusCode::NOT_FOUND
        );
    }

    // Credit: a reason is required; the credit note is listed and named.
    let credit = format!("/invoices/{number}/credit");
    let no_reason = post(&browser, &app, &credit, &[("csrf", &csrf), ("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_reason.assert_well_formed(&csrf);
    assert!(
        no_reason.html.contains("href=\"#reason\""),
        "{}",
        no_reason.html
    );
    let credited = post(
        &browser,
        &app,
        &credit,
        &[("csrf", &csrf), ("reason", "wrong site")],
    )
    .await;
    assert_eq!(credited.status, StatusCode::SEE_OTHER, "{}", credited.html);
    let note = app.get("/api/invoices").await.body[1]["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        credited.header(LOCATION),
        format!("/invoices?credit={note}")
    );
    let listed = get(&browser, &app, &format!("/invoices?credit={note}")).await;
    assert!(
        listed.html.contains(&format!(
            "Kreditnota {note} er udstedt for faktura {number}."
        )),
        "{}",
        listed.html
    );
    assert!(
        !listed
            .html
            .contains(&format!("action=\"/invoices/{number}/credit\""))
    );
    let (kind, disposition, _) = {
        let r = browser
            .get(format!("{}/invoices/{note}.xml", app.base))
            .send()
            .await
            .unwrap();
        let h = |n| r.headers()[n].to_str().unwrap().to_string();
        (
            h(CONTENT_TYPE),
            h(CONTENT_DISPOSITION),
            r.bytes().await.unwrap(),
        )
    };
    assert_eq!(kind, "application/xml");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"kreditnota-{note}.xml\"")
    );
    let again = post(
        &browser,
        &app,
        &credit,
        &[("csrf", &csrf), ("reason", "twice")],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.html.contains("href=\"#reason\""));

    // The month's payroll, the same file the command line writes.
    let exports = get(&browser, &app, "/exports").await;
    assert_eq!(exports.status, StatusCode::OK);
    exports.assert_well_formed(&csrf);
    assert!(exports.html.contains("<label for=\"payroll-period\">"));
    assert!(exports.html.contains("aria-current=\"page\""));
    let payroll = browser
        .get(format!("{}/exports/payroll.csv?period=2026-12", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(payroll.status(), StatusCode::OK);
    assert_eq!(payroll.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        payroll.headers()[CONTENT_DISPOSITION],
        "attachment; filename=\"payroll-2026-12.csv\""
    );
    let text = payroll.text().await.unwrap();
    let mut expected = Vec::new();
    reports::payroll::write_payroll(
        &mut expected,
        &[reports::payroll::PayrollRow {
            period: "2026-12".into(),
            person_id: app.get("/api/people").await.body["items"][0]["id"]
                .as_i64()
                .unwrap(),
            name: "Mette Larsen".into(),
            email: "w@example.dk".into(),
            pay: domain::payroll::pay(&[(150, 15500)]),
        }],
    )
    .unwrap();
    assert_eq!(text, String::from_utf8(expected).unwrap());
    let bad = get(&browser, &app, "/exports/payroll.csv?period=december").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_well_formed(&csrf);
    assert!(
        bad.html.contains("href=\"#payroll-period\""),
        "{}",
        bad.html
    );
    assert!(bad.html.contains("value=\"december\""));
    let jobcentre = browser
        .get(format!("{}/exports/jobcentre.csv?period=2026-12", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(jobcentre.status(), StatusCode::OK);
    assert_eq!(jobcentre.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(jobcentre.text().await.unwrap().contains("Mette Larsen"));
    let missing = get(&browser, &app, "/exports/jobcentre.csv").await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.html.contains("href=\"#jobcentre-period\""));
}

#[tokio::test]
async fn workers_and_companies_are_refused_every_records_page() {
    let (app, entry) = hours_to_confirm().await;
    let person = app.get("/api/people").await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let company = app.get("/api/companies").await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    // Planning the week read the limits already; refused requests must add no read.
    let reads = format!("/api/people/{person}/limits/reads");
    let before = app.get(&reads).await.body;
    let mut worker = account("w@example.dk", Role::Worker);
    worker.person_id = Some(person);
    let mut contact = account("jens@salling.example.dk", Role::Company);
    contact.company_id = Some(company);
    for new in [worker, contact] {
        let role = new.role;
        let (browser, csrf) = app.signed_in(new).await;
        for path in [
            "/people".to_string(),
            format!("/people/{person}"),
            "/companies".into(),
            format!("/companies/{company}"),
            "/confirmations".into(),
            "/invoices".into(),
            "/invoices/2026-0001.pdf".into(),
            "/exports".into(),
            "/exports/payroll.csv?period=2026-12".into(),
            "/exports/jobcentre.csv?period=2026-12".into(),
        ] {
            let shown = get(&browser, &app, &path).await;
            assert_eq!(shown.status, StatusCode::FORBIDDEN, "{role:?} {path}");
            assert!(!shown.html.contains("Mette Larsen"), "{role:?} {path}");
        }
        for (path, field) in [
            (format!("/people/{person}/limits"), ("purpose", "planning")),
            (format!("/confirmations/{entry}/confirm"), ("x", "")),
            ("/confirmations/auto".into(), ("after_days", "0")),
            ("/invoices/run".into(), ("period", "2026-12")),
            ("/invoices/2026-0001/credit".into(), ("reason", "no")),
        ] {
            let shown = post(&browser, &app, &path, &[("csrf", &csrf), field]).await;
            assert_eq!(shown.status, StatusCode::FORBIDDEN, "{role:?} {path}");
        }
    }
    assert_eq!(
        app.get(&reads).await.body,
        before,
        "no refused request read the limits"
    );
    assert_eq!(
        app.get(&format!("/api/time/{entry}")).await.body["status"],
        "registered"
    );
}
