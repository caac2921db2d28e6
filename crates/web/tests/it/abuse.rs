//! What an attacker or a careless user tries, class by class, through the API and the
//! pages: each is refused by name, and nothing of it is stored.

use crate::helpers::{account, company, person, spawn_app};
use reqwest::StatusCode;
use serde_json::json;
use store::accounts::Role;

/// A control character breaks the documents built from a text (a bare CR once ended a
/// calendar event early and started a fake one); no field of any record keeps one.
#[tokio::test]
async fn control_characters_are_refused_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut someone = person("a@example.dk");
    someone["name"] = json!("Mette\u{7} Larsen");
    someone["address"] = json!("Vesterbro 14\rEND:VEVENT");
    let refused = app.post("/api/people", &someone).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.invalid_fields(), ["address", "name"]);
    let mut shop = company("29189420");
    shop["sites"][1]["name"] = json!("\u{202E}regaL");
    assert_eq!(
        app.post("/api/companies", &shop).await.invalid_fields(),
        ["sites[1].name"]
    );
    assert_eq!(app.get("/api/people").await.body["total"], 0);
    assert_eq!(app.get("/api/companies").await.body["total"], 0);

    // A page's form is refused whole, in the reader's language, before any handler.
    let (browser, csrf) = app
        .signed_in(account("k2@example.dk", Role::Coordinator))
        .await;
    let sent = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", "2026-10\u{0}")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.html.contains("Teksten kan ikke gemmes"),
        "{}",
        sent.html
    );
    assert_eq!(app.get("/api/invoices").await.body, json!([]));
}

/// Every answer says how a browser must treat it; a body over the limit is 413.
#[tokio::test]
async fn answers_carry_their_guards_and_large_bodies_are_refused() {
    let app = spawn_app().await;
    let (browser, csrf) = app
        .signed_in(account("k2@example.dk", Role::Coordinator))
        .await;
    let page = app.page(&browser, "/people").await;
    assert_eq!(page.status, StatusCode::OK);
    let api = app
        .client
        .get(format!("{}/api/people", app.base))
        .send()
        .await
        .unwrap();
    for headers in [&page.headers, api.headers()] {
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["cache-control"], "no-store");
    }
    // The style sheet may be cached; its own header stands.
    let css = app.page(&browser, "/static/kommune.css").await;
    assert_eq!(css.headers["cache-control"], "max-age=3600");

    let mut huge = person("a@example.dk");
    huge["name"] = json!("x".repeat(3 << 20));
    let refused = app.post("/api/people", &huge).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{refused:?}");
    let big = "x".repeat(2 << 20);
    let form = app
        .submit(
            &browser,
            "/invoices/run",
            &[("csrf", &csrf), ("period", &big)],
        )
        .await;
    assert_eq!(form.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.get("/api/people").await.body["total"], 0);
}

/// Behind https, cookies are Secure; addresses that leave the site come from the
/// configured public address, never from a Host header an attacker can send.
#[tokio::test]
async fn the_public_address_decides_links_and_cookies() {
    let app = crate::helpers::spawn_app_reached_at("https://kommune.example.dk").await;
    let form = reqwest::Client::new()
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap();
    let cookies: Vec<&str> = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .collect();
    assert!(!cookies.is_empty());
    assert!(
        cookies.iter().all(|c| c.ends_with("; Secure")),
        "{cookies:?}"
    );

    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let (browser, csrf) = app
        .signed_in(crate::helpers::worker_account("w@example.dk", worker))
        .await;
    let made = browser
        .post(format!("{}/my/calendar/new", app.base))
        .header("host", "evil.example")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        made.contains("https://kommune.example.dk/calendar/"),
        "{made}"
    );
    assert!(made.contains("webcal://kommune.example.dk/calendar/"));
    assert!(!made.contains("evil.example"));
}
