//! Time registration through the API: from a planned task to confirmed, corrected hours.

use crate::fixtures::tuesday;
use crate::helpers::{TestApp, person, worker_account};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A worker planned for one two-hour task on Tuesday 1 December 2026, and someone the
/// plan does not name; returns (app, task id, worker id, the other person's id).
async fn planned_week() -> (TestApp, i64, i64, i64) {
    let w = tuesday().await.planned().await;
    let other = w
        .app
        .post("/api/people", &person("o@example.dk"))
        .await
        .id();
    (w.app, w.task, w.worker, other)
}

fn occasion(task: i64, person: i64) -> Value {
    json!({"task": task, "date": "2026-12-01", "person": person})
}

/// The rule the worker's page shows is the API's too: a worker checks in on the day of
/// the work only; the coordinator may register any day.
#[tokio::test]
async fn a_worker_checks_in_only_on_the_day_of_the_work() {
    let (app, job, worker, _) = planned_week().await;
    let own = worker_account("selv@example.dk", worker);
    let as_worker = app.as_client(app.client_for(own).await);
    let mut arrive = occasion(job, worker);
    arrive["at"] = json!("2026-11-30T23:30:00+01:00");
    let early = as_worker.post("/api/time/check-in", &arrive).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{early:?}");
    assert_eq!(early.invalid_fields(), ["at"]);
    arrive["at"] = json!("2026-12-01T08:58:00+01:00");
    let on_the_day = as_worker.post("/api/time/check-in", &arrive).await;
    assert_eq!(on_the_day.status, StatusCode::CREATED, "{on_the_day:?}");
    // Once the hours are recorded, the same work cannot be checked into again.
    let id = on_the_day.id();
    let leave = json!({"at": "2026-12-01T11:00:00+01:00"});
    let out = as_worker
        .post(&format!("/api/time/{id}/check-out"), &leave)
        .await;
    assert_eq!(out.status, StatusCode::OK, "{out:?}");
    arrive["at"] = json!("2026-12-01T11:05:00+01:00");
    let again = as_worker.post("/api/time/check-in", &arrive).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{again:?}");
    assert!(
        again.body["detail"]
            .as_str()
            .unwrap()
            .contains("already recorded"),
        "{again:?}"
    );
}

#[tokio::test]
async fn a_worker_checks_in_and_out_and_the_company_confirms() {
    let (app, job, worker, other) = planned_week().await;
    let mut arrive = occasion(job, worker);
    arrive["at"] = json!("2026-12-01T08:58:00+01:00");
    let entry = app.post("/api/time/check-in", &arrive).await;
    assert_eq!(entry.status, StatusCode::CREATED, "{entry:?}");
    assert_eq!(entry.body["status"], "open");
    assert_eq!(entry.body["start"], "2026-12-01T08:58:00+01:00");
    let id = entry.id();

    // Twice is refused, and so is someone the plan does not name.
    assert_eq!(
        app.post("/api/time/check-in", &arrive).await.status,
        StatusCode::CONFLICT
    );
    let stranger = app.post("/api/time/check-in", &occasion(job, other)).await;
    assert_eq!(stranger.status, StatusCode::CONFLICT);
    assert!(
        stranger.body["detail"]
            .as_str()
            .unwrap()
            .contains("not planned")
    );
    // Nothing can be confirmed while the worker is still there.
    assert_eq!(
        app.post(&format!("/api/time/{id}/confirm"), &json!({}))
            .await
            .status,
        StatusCode::CONFLICT
    );

    let early = app
        .post(
            &format!("/api/time/{id}/check-out"),
            &json!({"at": "2026-12-01T08:00:00+01:00"}),
        )
        .await;
    assert_eq!(early.invalid_fields(), ["at"]);
    let left = app
        .post(
            &format!("/api/time/{id}/check-out"),
            &json!({"at": "2026-12-01T11:03:00+01:00"}),
        )
        .await;
    assert_eq!(left.status, StatusCode::OK, "{left:?}");
    assert_eq!(left.body["status"], "registered");
    assert_eq!(left.body["minutes"], 125);
    assert_eq!(
        app.post(&format!("/api/time/{id}/check-out"), &json!({}))
            .await
            .status,
        StatusCode::CONFLICT
    );

    let confirmed = app
        .post(&format!("/api/time/{id}/confirm"), &json!({}))
        .await;
    assert_eq!(confirmed.body["status"], "confirmed", "{confirmed:?}");
    assert_eq!(confirmed.body["confirmed_by"], crate::helpers::COORDINATOR);

    // A correction after confirmation is a new entry; the old one stays as it was.
    let fix = json!({"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T11:00:00+01:00", "reason": "agreed with the shop"});
    let corrected = app.post(&format!("/api/time/{id}/correct"), &fix).await;
    assert_eq!(corrected.status, StatusCode::CREATED, "{corrected:?}");
    assert_eq!(corrected.body["corrects"], id);
    assert_eq!(corrected.body["minutes"], 120);
    assert_eq!(corrected.body["status"], "registered");
    let old = app.get(&format!("/api/time/{id}")).await;
    assert_eq!(old.body["status"], "corrected");
    assert_eq!(old.body["minutes"], 125);
    assert_eq!(old.body["confirmed_at"], confirmed.body["confirmed_at"]);
    assert_eq!(
        app.post(&format!("/api/time/{id}/correct"), &fix)
            .await
            .status,
        StatusCode::CONFLICT,
        "correct the correction, not the corrected entry"
    );

    let listed = app
        .get(&format!(
            "/api/time?task={job}&from=2026-12-01&to=2026-12-02"
        ))
        .await;
    assert_eq!(listed.body["total"], 2, "{listed:?}");
    let statuses: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["corrected", "registered"]);
    assert_eq!(
        app.get(&format!("/api/time?person={other}")).await.body,
        json!({"items": [], "total": 0, "page": 1, "per_page": 50})
    );
    assert_eq!(
        app.get("/api/time?from=yesterday").await.invalid_fields(),
        ["from"]
    );
    // Paged like every list.
    let second = app
        .get(&format!("/api/time?task={job}&per_page=1&page=2"))
        .await;
    assert_eq!(
        (
            &second.body["total"],
            second.body["items"].as_array().map(Vec::len)
        ),
        (&json!(2), Some(1)),
        "{second:?}"
    );
    assert_eq!(
        second.body["items"][0]["status"], statuses[1],
        "the second entry by date and id"
    );
    assert_eq!(
        app.get("/api/time?per_page=500").await.invalid_fields(),
        ["per_page"]
    );
}

#[tokio::test]
async fn coordinators_record_hours_and_absences_and_old_entries_confirm_themselves() {
    let (app, job, worker, _) = planned_week().await;
    let mut hours = occasion(job, worker);
    hours["start"] = json!("2026-12-01T09:00:00+01:00");
    hours["end"] = json!("2026-12-01T08:00:00+01:00");
    assert_eq!(
        app.post("/api/time", &hours).await.invalid_fields(),
        ["end"]
    );
    hours["date"] = json!("1 December");
    hours["start"] = json!("9 o'clock");
    let bad = app.post("/api/time", &hours).await;
    assert_eq!(
        bad.invalid_fields(),
        ["date", "start"],
        "every bad field at once"
    );

    let mut absent = occasion(job, worker);
    absent["kind"] = json!("holiday");
    let refused = app.post("/api/time/absence", &absent).await;
    assert_eq!(refused.invalid_fields(), ["kind"]);
    absent["kind"] = json!("no_show");
    let refused = app.post("/api/time/absence", &absent).await;
    assert_eq!(refused.invalid_fields(), ["reason", "told"]);
    absent["reason"] = json!("ill, called at 07:30");
    absent["told"] = json!("the shop's contact, Mette");
    let no_show = app.post("/api/time/absence", &absent).await;
    assert_eq!(no_show.status, StatusCode::CREATED, "{no_show:?}");
    assert_eq!(no_show.body["kind"], "no_show");
    assert_eq!(no_show.body["status"], "registered");

    // One shift is paid and billed once: hours on top of the no-show, the no-show again,
    // or a check-in are refused, and nothing is stored.
    hours["date"] = json!("2026-12-01");
    hours["start"] = json!("2026-12-01T09:00:00+01:00");
    hours["end"] = json!("2026-12-01T11:00:00+01:00");
    let mut arrive = occasion(job, worker);
    arrive["at"] = json!("2026-12-01T09:00:00+01:00");
    for (path, body) in [
        ("/api/time", &hours),
        ("/api/time/absence", &absent),
        ("/api/time/check-in", &arrive),
    ] {
        let again = app.post(path, body).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{path}: {again:?}");
    }
    let stored = app.get(&format!("/api/time?person={worker}")).await.body;
    assert_eq!(
        stored["items"].as_array().map(Vec::len),
        Some(1),
        "{stored}"
    );

    // Automatic confirmation counts days from now; the store's tests fix the clock. Here:
    // the no-show, recorded just now, is complete and confirms with no wait.
    assert_eq!(
        app.post("/api/time/auto-confirm", &json!({"after_days": 400}))
            .await
            .invalid_fields(),
        ["after_days"]
    );
    let auto = app
        .post("/api/time/auto-confirm", &json!({"after_days": 0}))
        .await;
    assert_eq!(auto.status, StatusCode::OK, "{auto:?}");
    let confirmed = auto.body["confirmed"].as_array().unwrap();
    assert!(confirmed.contains(&json!(no_show.id())), "{auto:?}");
    assert_eq!(
        app.get(&format!("/api/time/{}", no_show.id())).await.body["confirmed_by"],
        format!(
            "{} (automatically after 0 days)",
            crate::helpers::COORDINATOR
        )
    );
    assert_eq!(app.get("/api/time/999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn confirmed_hours_become_an_invoice_and_a_credit_note() {
    let (app, job, worker, _) = planned_week().await;
    let mut arrive = occasion(job, worker);
    arrive["at"] = json!("2026-12-01T09:00:00+01:00");
    let id = app.post("/api/time/check-in", &arrive).await.id();
    app.post(
        &format!("/api/time/{id}/check-out"),
        &json!({"at": "2026-12-01T11:30:00+01:00"}),
    )
    .await;
    let run = json!({"period": "2026-12", "date": "2027-01-04", "open_month": true});
    // Unconfirmed hours are not billed.
    app.set_seller().await;
    assert_eq!(app.post("/api/invoices/run", &run).await.body, json!([]));
    app.confirm_hours(id).await;
    // The preview says what the run will issue, and issues nothing.
    let preview = app.post("/api/invoices/preview", &run).await;
    assert_eq!(preview.status, StatusCode::OK, "{preview:?}");
    assert_eq!(app.get("/api/invoices").await.body, json!([]));
    let issued = app.post("/api/invoices/run", &run).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{issued:?}");
    let invoice = &issued.body[0];
    assert_eq!(preview.body[0]["lines"], invoice["lines"]);
    assert_eq!(
        preview.body[0]["total_incl_vat_ore"],
        invoice["total_incl_vat_ore"]
    );
    assert_eq!(invoice["number"], "2027-0001");
    assert_eq!(invoice["due_date"], "2027-01-18");
    assert_eq!(invoice["lines"][0]["unit"], "minutes");
    assert_eq!(invoice["lines"][0]["quantity"], 150);
    assert_eq!(invoice["lines"][0]["unit_price_ore"], 24_500);
    assert_eq!(invoice["net_ore"], invoice["lines"][0]["net_ore"]);
    let net = invoice["net_ore"].as_i64().unwrap();
    assert_eq!(
        invoice["total_incl_vat_ore"].as_i64().unwrap(),
        net + (net * 25 + 50) / 100
    );
    assert_eq!(
        app.post("/api/invoices/run", &run).await.body,
        json!([]),
        "invoiced once"
    );
    assert_eq!(app.get("/api/invoices/2027-0001").await.body, *invoice);

    // A reason longer than the credit note keeps is refused, as the page's field is.
    let long = "x".repeat(domain::invoice::CreditReason::MAX_CHARS + 1);
    let refused = app
        .post(
            "/api/invoices/2027-0001/credit",
            &json!({"reason": long, "date": "2027-01-05"}),
        )
        .await;
    assert_eq!(refused.invalid_fields(), ["reason"], "{refused:?}");

    let credit = app
        .post(
            "/api/invoices/2027-0001/credit",
            &json!({"reason": "wrong site", "date": "2027-01-05"}),
        )
        .await;
    assert_eq!(credit.status, StatusCode::CREATED, "{credit:?}");
    assert_eq!(
        (
            credit.body["number"].as_str(),
            credit.body["credits"].as_str()
        ),
        (Some("2027-0002"), Some("2027-0001"))
    );
    assert_eq!(
        app.get("/api/invoices")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Both documents download as PDF and as Peppol UBL that passes the schemas and rules.
    for (number, title) in [("2027-0001", "faktura"), ("2027-0002", "kreditnota")] {
        let (kind, disposition, ubl) = app.download(&format!("/api/invoices/{number}/ubl")).await;
        assert_eq!(kind, "application/xml");
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{title}-{number}.xml\"")
        );
        let ubl = String::from_utf8(ubl).unwrap();
        assert!(ubl.contains(&format!("<cbc:ID>{number}</cbc:ID>")));
        reports::validate::assert_valid_ubl(&ubl);
        let (kind, _, pdf) = app.download(&format!("/api/invoices/{number}/pdf")).await;
        assert_eq!(kind, "application/pdf");
        if let Some(text) = reports::validate::pdf_text(&pdf) {
            let total =
                domain::money::Money::from_ore(invoice["total_incl_vat_ore"].as_i64().unwrap())
                    .kroner();
            for needed in [number, "Små job med mening", "CVR-nr. 29189420", &total] {
                assert!(text.contains(needed), "{needed:?} missing in\n{text}");
            }
        }
    }
    assert_eq!(
        app.post(
            "/api/invoices/run",
            &json!({"period": "2026-13", "date": "soon"})
        )
        .await
        .invalid_fields(),
        ["period", "date"]
    );
    // A number no invoice has is not found, as another company's invoice is.
    for path in ["/api/invoices/2099-0001", "/api/invoices/2099-0001/pdf"] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// Hours are registered as they are worked, never ahead of the clock; hours a worker
/// registers well outside the planned time wait for a coordinator: the company cannot
/// confirm them, automatic confirmation passes them by, and payroll leaves them out
/// until a coordinator confirms them.
#[tokio::test]
async fn hours_ahead_are_refused_and_hours_outside_the_plan_wait_for_a_coordinator() {
    // The clock stands at 10:00 on Friday 4 December; the task is 09:00–11:00 that day.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let w = crate::fixtures::Work::on(
        today,
        crate::fixtures::free_every_day("w@example.dk", "06:00-14:00"),
    )
    .await
    .planned()
    .await;
    let app = &w.app;
    let as_worker = app.as_client(
        app.client_for(worker_account("selv@example.dk", w.worker))
            .await,
    );
    let mut arrive = json!({"task": w.task, "date": "2026-12-04", "person": w.worker,
        "at": "2026-12-04T10:30:00+01:00"});
    let ahead = as_worker.post("/api/time/check-in", &arrive).await;
    assert_eq!(ahead.invalid_fields(), ["at"], "{ahead:?}");
    arrive["at"] = json!("2026-12-04T07:00:00+01:00");
    let early = as_worker.post("/api/time/check-in", &arrive).await;
    assert_eq!(early.status, StatusCode::CREATED, "{early:?}");
    let leave = format!("/api/time/{}/check-out", early.id());
    let later = as_worker
        .post(&leave, &json!({"at": "2026-12-04T12:00:00+01:00"}))
        .await;
    assert_eq!(later.invalid_fields(), ["at"]);
    let left = as_worker
        .post(&leave, &json!({"at": "2026-12-04T09:30:00+01:00"}))
        .await;
    assert_eq!(left.status, StatusCode::OK, "{left:?}");
    assert_eq!(left.body["outside_plan"], true);

    let contact = app.as_client(
        app.client_for(crate::helpers::contact_account(
            "k@salling.example.dk",
            w.company,
        ))
        .await,
    );
    let confirm = format!("/api/time/{}/confirm", early.id());
    let refused = contact.post(&confirm, &json!({})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{refused:?}");
    let auto = app
        .post("/api/time/auto-confirm", &json!({"after_days": 0}))
        .await;
    assert_eq!(auto.body["confirmed"], json!([]), "{auto:?}");
    let period = store::invoices::Period::parse("2026-12").unwrap();
    assert!(app.store.worked_month(period).await.unwrap().is_empty());

    let (browser, _) = app
        .signed_in(crate::helpers::contact_account(
            "side@salling.example.dk",
            w.company,
        ))
        .await;
    let page = app.page(&browser, "/company/hours").await.html;
    assert!(
        page.contains("Uden for den planlagte tid: bureauet godkender")
            && !page.contains(&format!("/company/hours/{}/confirm", early.id())),
        "{page}"
    );

    app.confirm_hours(early.id()).await;
    let paid = app.store.worked_month(period).await.unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].work[0].0, 150, "07:00–09:30");

    // The coordinator's own registration needs no second look, but is not ahead either.
    let ahead = app
        .post(
            "/api/time",
            &json!({"task": w.task, "date": "2026-12-04", "person": w.worker,
                "start": "2026-12-04T10:00:00+01:00", "end": "2026-12-04T11:00:00+01:00"}),
        )
        .await;
    assert_eq!(ahead.invalid_fields(), ["end"]);
}
