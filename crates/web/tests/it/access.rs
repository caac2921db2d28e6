//! Who may call what: every route anonymously and as each role, a person's own records
//! only, and the CSRF check on cookie sessions.

use crate::helpers::{account, spawn_app};
use crate::openapi::ROUTES;
use reqwest::{Method, StatusCode};
use serde_json::json;
use store::accounts::Role;

/// The path with its parameters filled in.
fn concrete(path: &str) -> String {
    path.replace("{id}", "1").replace("{number}", "2026-0001")
}

/// What a role may call at all; every other API route answers 403 to it.
fn allowed(role: Role, method: &str, path: &str) -> bool {
    let open = matches!(path, "/health" | "/api/openapi.json");
    open || match role {
        Role::Coordinator => true,
        Role::Worker | Role::Driver => {
            method == "post" && matches!(path, "/api/time/check-in" | "/api/time/{id}/check-out")
        }
        Role::Company => {
            (method == "get" && path.starts_with("/api/invoices") && path != "/api/invoices/run")
                || (method == "post" && path == "/api/time/{id}/confirm")
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
    let worker_person = app
        .post("/api/people", &crate::helpers::person("w@example.dk"))
        .await
        .id();
    let (company, _) = app.company_with_agreement("29189420").await;
    let mut worker = account("w@example.dk", Role::Worker);
    worker.person_id = Some(worker_person);
    let mut contact = account("k@example.dk", Role::Company);
    contact.company_id = Some(company);
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
        let open = matches!(*path, "/health" | "/api/openapi.json");
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
    let worker = app
        .post("/api/people", &crate::helpers::person("w@example.dk"))
        .await
        .id();
    let other = app
        .post("/api/people", &crate::helpers::person("o@example.dk"))
        .await
        .id();
    let mut own = account("w@example.dk", Role::Worker);
    own.person_id = Some(worker);
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

    let mut contact = account("k@example.dk", Role::Company);
    contact.company_id = Some(first);
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
            .json(&crate::helpers::person("n@example.dk"));
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
