//! The coordinator's records pages through a signed-in browser session: people (limits
//! only after a stated, logged read), companies and agreements, confirming hours, invoice
//! runs and downloads, the monthly exports, and every other role kept out.

use crate::fixtures::tuesday;
use crate::helpers::{
    Shown, TestApp, account, contact_account, csrf_field, person, spawn_app, worker_account,
};
use reqwest::header::{CACHE_CONTROL, LOCATION};
use reqwest::{Client, StatusCode};
use serde_json::json;
use store::accounts::Role;

/// The coordinator these pages are used by.
const ME: &str = "c@example.dk";

impl Shown {
    /// The page is whole: one heading, tables with column headers, every POST form with the token.
    pub(crate) fn assert_well_formed(&self, csrf: &str) {
        assert_eq!(self.html.matches("<h1").count(), 1, "{}", self.html);
        if self.html.contains("<table") {
            assert!(self.html.contains("<th scope=\"col\""), "{}", self.html);
        }
        let posts = self.html.matches("method=\"post\"").count();
        let tokens = self.html.matches(&csrf_field(csrf)).count();
        assert_eq!(posts, tokens, "every POST form carries the token");
    }
}

async fn signed_in_coordinator(app: &TestApp) -> (Client, String) {
    app.signed_in(account(ME, Role::Coordinator)).await
}

#[tokio::test]
async fn people_list_profile_and_limits_only_after_a_logged_read() {
    let app = spawn_app().await;
    let id = app.post("/api/people", &person("w@example.dk")).await.id();
    let limits =
        json!({"version": 0, "max_lift_kg": 10, "indoor_only": true, "not_before": "09:30"});
    let set = app.put(&format!("/api/people/{id}/limits"), &limits).await;
    assert_eq!(set.status, StatusCode::OK, "{set:?}");
    let (browser, csrf) = signed_in_coordinator(&app).await;

    let list = app.page(&browser, "/people").await;
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
    let filtered = app.page(&browser, "/people?status=paused").await;
    assert!(!filtered.html.contains("Mette Larsen"), "{}", filtered.html);

    let profile = app.page(&browser, &format!("/people/{id}")).await;
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
    let without = app
        .submit(
            &browser,
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
    let forged = app
        .submit(
            &browser,
            &format!("/people/{id}/limits"),
            &[("purpose", "planning")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&reads).await.body, json!([]));

    let shown = app
        .submit(
            &browser,
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
    let again = app.page(&browser, &format!("/people/{id}")).await;
    assert!(!again.html.contains("10 kg"));
    let opened = app.page(&browser, &format!("/people/{id}/limits")).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "a GET reads nothing");
    assert_eq!(opened.header(LOCATION), format!("/people/{id}"));
    assert_eq!(app.get(&reads).await.body.as_array().unwrap().len(), 1);

    for missing in ["/people/999", "/people/abc"] {
        assert_eq!(
            app.page(&browser, missing).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let nobody = app
        .submit(
            &browser,
            "/people/999/limits",
            &[("csrf", &csrf), ("purpose", "planning")],
        )
        .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);

    // In English for a coordinator whose profile says so.
    let mut english = account("en@example.dk", Role::Coordinator);
    english.language = "en".into();
    let (browser, _) = app.signed_in(english).await;
    let profile = app.page(&browser, &format!("/people/{id}")).await;
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

    let list = app.page(&browser, "/companies").await;
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

    let one = app.page(&browser, &format!("/companies/{company}")).await;
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
        app.page(&browser, "/companies/424242").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A worker planned for a two-hour task on Tuesday 1 December 2026, with 2½ hours
/// recorded: (app, time entry id).
async fn hours_to_confirm() -> (TestApp, i64) {
    let w = tuesday().await.planned().await;
    let entry = w
        .record_hours("2026-12-01T09:00:00+01:00", "2026-12-01T11:30:00+01:00")
        .await;
    (w.app, entry)
}

#[tokio::test]
async fn hours_are_confirmed_invoiced_downloaded_and_exported() {
    let (app, entry) = hours_to_confirm().await;
    let (browser, csrf) = signed_in_coordinator(&app).await;

    let waiting = app.page(&browser, "/confirmations").await;
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
        app.submit(&browser, &confirm, &[]).await.status,
        StatusCode::FORBIDDEN,
        "no form token"
    );
    let done = app.submit(&browser, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header(LOCATION), "/confirmations?confirmed=1");
    let stored = app.get(&format!("/api/time/{entry}")).await;
    assert_eq!(stored.body["status"], "confirmed");
    assert_eq!(stored.body["confirmed_by"], ME);
    let after = app.page(&browser, "/confirmations?confirmed=1").await;
    assert!(after.html.contains("Timerne er godkendt."));
    assert!(!after.html.contains(&confirm), "{}", after.html);
    let twice = app.submit(&browser, &confirm, &[("csrf", &csrf)]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.html.contains("href=\"#entries\""), "{}", twice.html);
    assert!(
        twice
            .html
            .contains("Timerne kunne ikke godkendes: Timerne er allerede godkendt."),
        "{}",
        twice.html
    );
    assert_eq!(
        app.submit(&browser, "/confirmations/999/confirm", &[("csrf", &csrf)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let bad_days = app
        .submit(
            &browser,
            "/confirmations/auto",
            &[("csrf", &csrf), ("after_days", "soon")],
        )
        .await;
    assert_eq!(bad_days.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_days.html.contains("href=\"#after_days\""));
    assert!(bad_days.html.contains("value=\"soon\""));
    let auto = app
        .submit(
            &browser,
            "/confirmations/auto",
            &[("csrf", &csrf), ("after_days", "3")],
        )
        .await;
    assert_eq!(auto.status, StatusCode::SEE_OTHER);
    assert_eq!(auto.header(LOCATION), "/confirmations?auto=0");

    // The run form: a bad month is shown again, named; the store's refusal is shown as is.
    let invoices = app.page(&browser, "/invoices").await;
    assert_eq!(invoices.status, StatusCode::OK);
    invoices.assert_well_formed(&csrf);
    assert!(invoices.html.contains("<label for=\"period\">"));
    let bad = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", "2026-13")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_well_formed(&csrf);
    assert!(bad.html.contains("href=\"#period\""), "{}", bad.html);
    assert!(bad.html.contains("value=\"2026-13\""));
    assert!(bad.html.contains("aria-invalid=\"true\""));
    // The month that runs now is invoiced only when the box says so.
    let this_month = app.clock.today().format("%Y-%m").to_string();
    let early = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", &this_month)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .html
            .contains(&format!("{this_month} er ikke slut endnu.")),
        "{}",
        early.html
    );
    let open = [
        ("csrf", csrf.as_str()),
        ("period", "2026-12"),
        ("open_month", "yes"),
    ];
    let refused = app.submit(&browser, "/invoices/run", &open).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    // Said in Danish from the records' structured reason, not the store's English.
    assert!(
        refused.html.contains(
            "Fakturakørslen blev afvist: Bureauets egne oplysninger (sælger) er ikke udfyldt"
        ),
        "{}",
        refused.html
    );
    assert!(!refused.html.contains("are not set"), "{}", refused.html);
    app.set_seller().await;
    let run = app.submit(&browser, "/invoices/run", &open).await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.html);
    assert_eq!(run.header(LOCATION), "/invoices?issued=1&period=2026-12");
    let issued = app.get("/api/invoices").await.body;
    let number = issued[0]["number"].as_str().unwrap().to_string();
    let total =
        domain::money::Money::from_ore(issued[0]["total_incl_vat_ore"].as_i64().unwrap()).kroner();
    let listed = app
        .page(&browser, "/invoices?issued=1&period=2026-12")
        .await;
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

    app.assert_invoice_files(&browser, "/invoices", &number)
        .await;
    for missing in [
        format!("/invoices/{number}.txt"),
        "/invoices/2099-0001.pdf".into(),
    ] {
        assert_eq!(
            app.page(&browser, &missing).await.status,
            StatusCode::NOT_FOUND
        );
    }

    // Credit: a reason is required; the credit note is listed and named.
    let credit = format!("/invoices/{number}/credit");
    let no_reason = app
        .submit(&browser, &credit, &[("csrf", &csrf), ("reason", " ")])
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_reason.assert_well_formed(&csrf);
    assert!(
        no_reason.html.contains("href=\"#reason\""),
        "{}",
        no_reason.html
    );
    let credited = app
        .submit(
            &browser,
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
    let listed = app
        .page(&browser, &format!("/invoices?credit={note}"))
        .await;
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
    let note_xml = app.file(&browser, &format!("/invoices/{note}.xml")).await;
    assert_eq!(note_xml.content_type, "application/xml");
    assert_eq!(
        note_xml.disposition,
        format!("attachment; filename=\"kreditnota-{note}.xml\"")
    );
    let again = app
        .submit(&browser, &credit, &[("csrf", &csrf), ("reason", "twice")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.html.contains("href=\"#reason\""));
    assert!(
        again
            .html
            .contains("Kreditnotaen blev afvist: Fakturaen er allerede krediteret."),
        "{}",
        again.html
    );

    // The month's payroll, the same file the command line writes.
    let exports = app.page(&browser, "/exports").await;
    assert_eq!(exports.status, StatusCode::OK);
    exports.assert_well_formed(&csrf);
    assert!(exports.html.contains("<label for=\"payroll-period\">"));
    assert!(exports.html.contains("aria-current=\"page\""));
    let payroll = app
        .file(&browser, "/exports/payroll.csv?period=2026-12")
        .await;
    assert_eq!(payroll.status, StatusCode::OK);
    assert_eq!(payroll.content_type, "text/csv; charset=utf-8");
    assert_eq!(
        payroll.disposition,
        "attachment; filename=\"payroll-2026-12.csv\""
    );
    let text = String::from_utf8(payroll.bytes).unwrap();
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
            pay: domain::payroll::pay(&[(150, 15500)]).unwrap(),
        }],
    )
    .unwrap();
    assert_eq!(text, String::from_utf8(expected).unwrap());
    let bad = app
        .page(&browser, "/exports/payroll.csv?period=december")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_well_formed(&csrf);
    assert!(
        bad.html.contains("href=\"#payroll-period\""),
        "{}",
        bad.html
    );
    assert!(bad.html.contains("value=\"december\""));
    let jobcentre = app
        .file(&browser, "/exports/jobcentre.csv?period=2026-12")
        .await;
    assert_eq!(jobcentre.status, StatusCode::OK);
    assert_eq!(jobcentre.content_type, "text/csv; charset=utf-8");
    assert!(String::from_utf8_lossy(&jobcentre.bytes).contains("Mette Larsen"));
    let missing = app.page(&browser, "/exports/jobcentre.csv").await;
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
    let worker = worker_account("w@example.dk", person);
    let contact = contact_account("jens@salling.example.dk", company);
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
            let shown = app.page(&browser, &path).await;
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
            let shown = app.submit(&browser, &path, &[("csrf", &csrf), field]).await;
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

/// An invoice run is looked at before anything is issued: per company its lines and
/// totals, then issued from the preview; a month not ended is refused there by field.
#[tokio::test]
async fn a_run_is_previewed_before_it_is_issued() {
    let w = crate::fixtures::tuesday().await.planned().await;
    let app = &w.app;
    let entry = w
        .record_hours("2026-12-01T09:00:00+01:00", "2026-12-01T11:00:00+01:00")
        .await;
    app.confirm_hours(entry).await;
    app.set_seller().await;
    let (browser, csrf) = signed_in_coordinator(app).await;

    let refused = app.page(&browser, "/invoices/preview?period=2026-12").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("href=\"#period\""),
        "{}",
        refused.html
    );
    assert!(refused.html.contains("id=\"period\""));

    let shown = app
        .page(&browser, "/invoices/preview?period=2026-12&open_month=yes")
        .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.html);
    shown.assert_well_formed(&csrf);
    for needed in [
        "Salling Aalborg",
        "Rengøring",
        "2 timer",
        "490,00 kr.",
        "612,50 kr.",
        "1 fakturaer, i alt 612,50 kr. inkl. moms.",
        "action=\"/invoices/run\"",
        "name=\"open_month\" value=\"yes\"",
    ] {
        assert!(shown.html.contains(needed), "{needed:?} in {}", shown.html);
    }
    assert_eq!(
        app.get("/api/invoices").await.body,
        json!([]),
        "nothing issued yet"
    );

    let issued = app
        .submit(
            &browser,
            "/invoices/run",
            &[
                ("csrf", &csrf),
                ("period", "2026-12"),
                ("open_month", "yes"),
            ],
        )
        .await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.html);
    let invoices = app.get("/api/invoices").await.body;
    assert_eq!(invoices[0]["total_incl_vat_ore"], 61_250, "{invoices}");
}

/// The figures are charts with a sentence and a table of the same numbers, read from the
/// records: this month's paid hours and this week's planned hours per person.
#[tokio::test]
async fn the_figures_are_charts_with_their_numbers() {
    let w = crate::fixtures::tuesday().await.planned().await;
    let app = &w.app;
    w.record_hours("2026-12-01T09:00:00+01:00", "2026-12-01T11:00:00+01:00")
        .await;
    let (browser, csrf) = signed_in_coordinator(app).await;
    let shown = app.page(&browser, "/figures").await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.html);
    shown.assert_well_formed(&csrf);
    let html = &shown.html;
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 3, "{html}");
    assert!(html.contains("role=\"img\"") && html.contains("<desc id=\"paid-hours-summary\">"));
    assert!(html.contains("I 2026-12 er der betalt 2 timer."), "{html}");
    assert!(
        html.contains("I 2026-12 fik 1 personer betalte timer."),
        "{html}"
    );
    assert!(
        html.contains(
            "<td>2026-12</td><td class=\"number\">2 timer</td><td class=\"number\">1</td>"
        ),
        "{html}"
    );
    assert!(
        html.contains("I uge 2026-W49 har 1 af 1 personer planlagte timer"),
        "{html}"
    );
    assert!(
        html.contains(">Mette Larsen</text>"),
        "the person's bar is labelled: {html}"
    );
}
