//! Who may call what: every route anonymously and as each role, a person's own records
//! only, and the CSRF check on cookie sessions.

use crate::helpers::{account, anonymous, contact_account, person, spawn_app, worker_account};
use crate::openapi::ROUTES;
use reqwest::{Method, StatusCode};
use serde_json::json;
use store::accounts::Role;

/// The path with its parameters filled in.
fn concrete(path: &str) -> String {
    path.replace("{id}", "1")
        .replace("{number}", "2026-0001")
        .replace("{date}", "2026-12-01")
        .replace("{kind}", "person")
        .replace("{slug}", "flex-waste")
}

/// What a role may call at all; every other API route answers 403 to it.
fn allowed(role: Role, method: &str, path: &str) -> bool {
    let open = matches!(
        path,
        "/health"
            | "/ready"
            | "/api/openapi.json"
            | "/api/events"
            | "/api/events/{id}/registrations"
    ) || (method == "get"
        && matches!(
            path,
            "/api/indicators" | "/api/indicators/{id}" | "/api/cases" | "/api/cases/{slug}"
        ));
    open || match role {
        Role::Coordinator => true,
        Role::Worker | Role::Driver => {
            method == "post" && matches!(path, "/api/time/check-in" | "/api/time/{id}/check-out")
        }
        // The green agents' API is the public festival API so far.
        Role::GreenAgent => false,
        Role::Editor => {
            (method == "post"
                && matches!(
                    path,
                    "/api/indicators"
                        | "/api/indicators/{id}/import"
                        | "/api/cases"
                        | "/api/cases/{slug}/status"
                        | "/api/cases/{slug}/images"
                ))
                || (method == "delete" && path == "/api/cases/{slug}/images/{id}")
        }
        Role::Company => {
            (method == "get" && path.starts_with("/api/invoices") && path != "/api/invoices/run")
                || matches!(
                    path,
                    "/api/alliance/needs"
                        | "/api/alliance/needs/{id}"
                        | "/api/alliance/needs/{id}/status"
                        | "/api/alliance/needs/{id}/introductions"
                        | "/api/alliance/introductions/{id}/outcome"
                )
                || (method == "post"
                    && matches!(
                        path,
                        "/api/time/{id}/confirm"
                            | "/api/waste/orders"
                            | "/api/waste/orders/{id}/cancel"
                            | "/api/waste/orders/{id}/change"
                    ))
        }
    }
}

async fn call(client: &reqwest::Client, base: &str, method: &str, path: &str) -> StatusCode {
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let mut request = client.request(method.clone(), format!("{base}{}", concrete(path)));
    if method != Method::GET {
        request = request.json(&json!({}));
    }
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn every_route_refuses_whoever_it_is_not_for() {
    let app = spawn_app().await;
    let anonymous = reqwest::Client::new();
    // Person 1 is the placeholder the routes are called with (the coordinator deletes
    // them); the worker is person 2, since a deleted person's account signs nobody in.
    app.post("/api/people", &person("placeholder@example.dk"))
        .await
        .id();
    let worker_person = app.post("/api/people", &person("w@example.dk")).await.id();
    // The same for company 1.
    app.company_with_agreement("12345674").await;
    let (company, _) = app.company_with_agreement("29189420").await;
    let worker = worker_account("w@example.dk", worker_person);
    let contact = contact_account("k@example.dk", company);
    let mut driver = account("d@example.dk", Role::Driver);
    driver.person_id = Some(worker_person);
    let roles = [
        (Role::Worker, app.client_for(worker).await),
        (Role::Company, app.client_for(contact).await),
        (Role::Driver, app.client_for(driver).await),
        (Role::Coordinator, app.client.clone()),
    ];
    for (method, path) in ROUTES {
        let status = call(&anonymous, &app.base, method, path).await;
        let open = matches!(
            *path,
            "/health"
                | "/ready"
                | "/api/openapi.json"
                | "/api/events"
                | "/api/events/{id}/registrations"
        ) || (*method == "get"
            && matches!(
                *path,
                "/api/indicators" | "/api/indicators/{id}" | "/api/cases" | "/api/cases/{slug}"
            ));
        assert_eq!(
            status == StatusCode::UNAUTHORIZED,
            !open,
            "anonymous {method} {path}: {status}"
        );
        for (role, client) in &roles {
            let status = call(client, &app.base, method, path).await;
            let refused = status == StatusCode::FORBIDDEN;
            assert_eq!(
                refused,
                !allowed(*role, method, path),
                "{role:?} {method} {path}: {status}"
            );
        }
    }
}

#[tokio::test]
async fn a_person_sees_only_their_own_records() {
    let app = spawn_app().await;
    let (first, _) = app.company_with_agreement("29189420").await;
    let (second, _) = app.company_with_agreement("12345674").await;
    let worker = app.post("/api/people", &person("w@example.dk")).await.id();
    let other = app.post("/api/people", &person("o@example.dk")).await.id();
    let own = worker_account("w@example.dk", worker);
    let as_worker = app.as_client(app.client_for(own).await);
    // Checking someone else in is answered as if there were no such task.
    let theirs = json!({"task": 1, "date": "2026-12-01", "person": other});
    assert_eq!(
        as_worker.post("/api/time/check-in", &theirs).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        as_worker.get(&format!("/api/people/{other}")).await.status,
        StatusCode::FORBIDDEN
    );

    let contact = contact_account("k@example.dk", first);
    let as_company = app.as_client(app.client_for(contact).await);
    assert_eq!(as_company.get("/api/invoices").await.body, json!([]));
    let _ = second;
}

#[tokio::test]
async fn a_cookie_session_needs_the_form_token_to_change_anything() {
    let app = spawn_app().await;
    let created = app
        .store
        .create_account(&account("c@example.dk", Role::Coordinator))
        .await
        .unwrap();
    let session = app
        .store
        .open_session(
            created,
            store::accounts::SessionKind::Browser,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let cookie = format!("kommune_session={}", session.token);
    let read = client
        .get(format!("{}/api/people", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    let post = |token: Option<&str>| {
        let mut request = client
            .post(format!("{}/api/people", app.base))
            .header("cookie", &cookie)
            .json(&person("n@example.dk"));
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        request.send()
    };
    assert_eq!(post(None).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(
        post(Some("forged")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(Some(&session.csrf)).await.unwrap().status(),
        StatusCode::CREATED
    );
    // A form post carries the token as a field.
    let form = client
        .post(format!("{}/api/people", app.base))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("name=x");
    assert_eq!(form.send().await.unwrap().status(), StatusCode::FORBIDDEN);
}

/// Every page route: (method, path, the one role it is for). Ids are placeholders; what
/// is checked is who gets past the door, not what the page finds.
const PAGES: &[(&str, &str, Role)] = &[
    ("get", "/week", Role::Coordinator),
    ("post", "/week/plan", Role::Coordinator),
    ("post", "/week/replan", Role::Coordinator),
    ("get", "/week/tasks/1", Role::Coordinator),
    ("get", "/week/absence", Role::Coordinator),
    ("post", "/week/absence", Role::Coordinator),
    ("get", "/people", Role::Coordinator),
    ("get", "/people/1", Role::Coordinator),
    ("post", "/people/1/limits", Role::Coordinator),
    ("get", "/people/new", Role::Coordinator),
    ("post", "/people/new", Role::Coordinator),
    ("get", "/people/1/edit", Role::Coordinator),
    ("post", "/people/1/edit", Role::Coordinator),
    ("get", "/companies", Role::Coordinator),
    ("get", "/companies/1", Role::Coordinator),
    ("get", "/companies/new", Role::Coordinator),
    ("post", "/companies/new", Role::Coordinator),
    ("get", "/companies/1/edit", Role::Coordinator),
    ("post", "/companies/1/edit", Role::Coordinator),
    ("get", "/companies/1/agreements/new", Role::Coordinator),
    ("post", "/companies/1/agreements/new", Role::Coordinator),
    ("get", "/agreements/1/edit", Role::Coordinator),
    ("post", "/agreements/1/edit", Role::Coordinator),
    ("get", "/confirmations", Role::Coordinator),
    ("post", "/confirmations/auto", Role::Coordinator),
    ("post", "/confirmations/1/confirm", Role::Coordinator),
    ("get", "/invoices", Role::Coordinator),
    ("post", "/invoices/run", Role::Coordinator),
    ("get", "/invoices/preview?period=2026-10", Role::Coordinator),
    ("get", "/invoices/2026-0001.pdf", Role::Coordinator),
    ("post", "/invoices/2026-0001/credit", Role::Coordinator),
    ("get", "/exports", Role::Coordinator),
    ("get", "/accounts", Role::Coordinator),
    ("get", "/figures", Role::Coordinator),
    ("get", "/waste/day", Role::Coordinator),
    ("post", "/waste/day/plan", Role::Coordinator),
    ("get", "/waste/month", Role::Coordinator),
    ("post", "/waste/day/close", Role::Coordinator),
    (
        "get",
        "/waste/files/waste-report-2026.csv",
        Role::Coordinator,
    ),
    ("get", "/skills", Role::Coordinator),
    ("post", "/skills/name", Role::Coordinator),
    ("post", "/skills/local", Role::Coordinator),
    ("get", "/waste/subscriptions", Role::Coordinator),
    ("get", "/waste/subscriptions/new", Role::Coordinator),
    ("post", "/waste/subscriptions/new", Role::Coordinator),
    ("get", "/waste/subscriptions/1", Role::Coordinator),
    ("post", "/waste/subscriptions/1/change", Role::Coordinator),
    ("post", "/waste/subscriptions/1/end", Role::Coordinator),
    ("get", "/waste/orders", Role::Coordinator),
    ("get", "/waste/orders/new", Role::Coordinator),
    ("post", "/waste/orders/new", Role::Coordinator),
    ("post", "/waste/orders/1/cancel", Role::Coordinator),
    ("get", "/waste/orders/1", Role::Coordinator),
    ("post", "/waste/orders/1", Role::Coordinator),
    ("get", "/waste/vehicles", Role::Coordinator),
    ("get", "/waste/vehicles/new", Role::Coordinator),
    ("post", "/waste/vehicles/new", Role::Coordinator),
    ("get", "/waste/vehicles/1", Role::Coordinator),
    ("post", "/waste/vehicles/1", Role::Coordinator),
    ("post", "/waste/vehicles/1/retire", Role::Coordinator),
    ("post", "/accounts/1/disable", Role::Coordinator),
    ("post", "/accounts/1/enable", Role::Coordinator),
    ("post", "/accounts/1/revoke", Role::Coordinator),
    ("post", "/accounts/1/role", Role::Coordinator),
    (
        "get",
        "/exports/payroll.csv?period=2026-10",
        Role::Coordinator,
    ),
    (
        "get",
        "/exports/jobcentre.csv?period=2026-10",
        Role::Coordinator,
    ),
    ("get", "/my/tasks", Role::Worker),
    ("get", "/my/tasks/1/2026-12-01", Role::Worker),
    ("post", "/my/tasks/1/2026-12-01/reply", Role::Worker),
    ("post", "/my/tasks/1/2026-12-01/check-in", Role::Worker),
    ("post", "/my/tasks/1/2026-12-01/check-out", Role::Worker),
    ("get", "/my/hours", Role::Worker),
    ("get", "/my/calendar", Role::Worker),
    ("post", "/my/calendar/new", Role::Worker),
    ("get", "/company", Role::Company),
    ("get", "/company/tasks/new", Role::Company),
    ("post", "/company/tasks", Role::Company),
    ("post", "/company/tasks/1/cancel", Role::Company),
    ("get", "/company/waste", Role::Company),
    ("get", "/company/waste/statement-2026.csv", Role::Company),
    ("get", "/company/tasks/1/edit", Role::Company),
    ("post", "/company/tasks/1/edit", Role::Company),
    ("get", "/company/pickups/new", Role::Company),
    ("post", "/company/pickups", Role::Company),
    ("get", "/company/hours", Role::Company),
    ("post", "/company/hours/1/confirm", Role::Company),
    ("get", "/company/invoices", Role::Company),
    ("get", "/company/invoices/2026-0001.pdf", Role::Company),
    ("get", "/route", Role::Driver),
    ("get", "/route/stops/1", Role::Driver),
    ("post", "/route/stops/1", Role::Driver),
    ("get", "/alliance", Role::Coordinator),
    ("get", "/alliance/new", Role::Coordinator),
    ("post", "/alliance/new", Role::Coordinator),
    ("get", "/alliance/needs/1", Role::Coordinator),
    ("post", "/alliance/needs/1/propose", Role::Coordinator),
    ("post", "/alliance/needs/1/status", Role::Coordinator),
    (
        "post",
        "/alliance/introductions/1/outcome",
        Role::Coordinator,
    ),
    ("get", "/alliance/candidates/person:1", Role::Coordinator),
    (
        "post",
        "/alliance/candidates/person:1/skills",
        Role::Coordinator,
    ),
    (
        "post",
        "/alliance/candidates/person:1/skills/remove",
        Role::Coordinator,
    ),
    ("get", "/alliance/students", Role::Coordinator),
    ("get", "/alliance/gaps", Role::Coordinator),
    ("get", "/alliance/gaps.csv", Role::Coordinator),
    ("get", "/alliance/companies/1", Role::Coordinator),
    ("post", "/alliance/companies/1/meetings", Role::Coordinator),
    ("get", "/company/needs", Role::Company),
    ("get", "/company/needs/new", Role::Company),
    ("post", "/company/needs/new", Role::Company),
    ("get", "/company/needs/1", Role::Company),
    ("post", "/company/needs/1/status", Role::Company),
    ("post", "/company/needs/1/bank", Role::Company),
    ("post", "/company/introductions/1/outcome", Role::Company),
    ("get", "/company/bank", Role::Company),
    ("get", "/manage/indicators", Role::Editor),
    ("post", "/manage/indicators", Role::Editor),
    ("post", "/manage/indicators/co2/import", Role::Editor),
    ("get", "/festival/manage", Role::GreenAgent),
    ("get", "/festival/manage/edition", Role::GreenAgent),
    ("post", "/festival/manage/edition", Role::GreenAgent),
    ("post", "/festival/manage/events/1/status", Role::GreenAgent),
    ("get", "/festival/manage/events/1/edit", Role::GreenAgent),
    ("post", "/festival/manage/events/1/edit", Role::GreenAgent),
    ("get", "/festival/door/1", Role::GreenAgent),
    ("post", "/festival/door/1", Role::GreenAgent),
    ("get", "/green", Role::GreenAgent),
    ("get", "/green/pledges", Role::GreenAgent),
    ("get", "/green/communities/new", Role::GreenAgent),
    ("post", "/green/communities/new", Role::GreenAgent),
    ("get", "/green/communities/1", Role::GreenAgent),
    ("get", "/green/communities/1/activities", Role::GreenAgent),
    ("post", "/green/communities/1/contacts", Role::GreenAgent),
    ("get", "/green/activities/1/edit", Role::GreenAgent),
    ("post", "/green/activities/1/follow-ups", Role::GreenAgent),
    ("get", "/green/follow-ups/1", Role::GreenAgent),
    ("post", "/green/follow-ups/1", Role::GreenAgent),
    ("get", "/manage/cases", Role::Editor),
    ("post", "/manage/cases", Role::Editor),
    ("get", "/manage/cases/new", Role::Editor),
    ("get", "/manage/cases/flex-waste/da", Role::Editor),
    ("post", "/manage/cases/flex-waste/status", Role::Editor),
    ("post", "/manage/cases/flex-waste/images", Role::Editor),
    ("get", "/manage/cases/flex-waste/images/1", Role::Editor),
    (
        "post",
        "/manage/cases/flex-waste/images/1/remove",
        Role::Editor,
    ),
];

#[tokio::test]
async fn every_page_lets_in_only_its_role() {
    let app = spawn_app().await;
    let person = app.post("/api/people", &person("w@example.dk")).await.id();
    let (company, _) = app.company_with_agreement("29189420").await;
    let mut sessions = Vec::new();
    for (k, role) in Role::ALL.into_iter().enumerate() {
        let mut new = account(&format!("{}{k}@example.dk", role.code()), role);
        new.person_id = matches!(role, Role::Worker | Role::Driver).then_some(person);
        new.company_id = (role == Role::Company).then_some(company);
        let (client, csrf) = app.signed_in(new).await;
        sessions.push((role, client, csrf));
    }
    let anonymous = anonymous();
    for (method, path, owner) in PAGES {
        let url = format!("{}{path}", app.base);
        let request = |client: &reqwest::Client, csrf: &str| match *method {
            "get" => client.get(&url),
            _ => client.post(&url).form(&[("csrf", csrf)]),
        };
        let nobody = request(&anonymous, "").send().await.unwrap();
        assert_eq!(
            nobody.status(),
            StatusCode::SEE_OTHER,
            "anonymous {method} {path}"
        );
        assert_eq!(
            nobody.headers()["location"],
            "/sign-in",
            "anonymous {method} {path}"
        );
        for (role, client, csrf) in &sessions {
            let status = request(client, csrf).send().await.unwrap().status();
            // Indicators and cases are kept by editors, the festival run by green agents,
            // and, as everything, by coordinators.
            let shared =
                matches!(*owner, Role::Editor | Role::GreenAgent) && *role == Role::Coordinator;
            if role == owner || shared {
                assert!(
                    !matches!(
                        status,
                        StatusCode::FORBIDDEN
                            | StatusCode::UNAUTHORIZED
                            | StatusCode::INTERNAL_SERVER_ERROR
                    ),
                    "{role:?} {method} {path}: {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} {method} {path}");
            }
        }
    }
}
