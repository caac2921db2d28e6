use crate::helpers::spawn_app;
use reqwest::StatusCode;

/// Every route the server answers, as (method, path): the document must cover each.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/health"),
    ("get", "/ready"),
    ("get", "/api/openapi.json"),
    ("get", "/api/people"),
    ("post", "/api/people"),
    ("get", "/api/people/{id}"),
    ("put", "/api/people/{id}"),
    ("delete", "/api/people/{id}"),
    ("get", "/api/people/{id}/limits"),
    ("put", "/api/people/{id}/limits"),
    ("get", "/api/people/{id}/limits/reads"),
    ("get", "/api/people/{id}/export"),
    ("get", "/api/companies"),
    ("post", "/api/companies"),
    ("get", "/api/companies/{id}"),
    ("put", "/api/companies/{id}"),
    ("delete", "/api/companies/{id}"),
    ("get", "/api/agreements"),
    ("post", "/api/agreements"),
    ("get", "/api/agreements/{id}"),
    ("put", "/api/agreements/{id}"),
    ("delete", "/api/agreements/{id}"),
    ("get", "/api/tasks"),
    ("post", "/api/tasks"),
    ("get", "/api/tasks/{id}"),
    ("put", "/api/tasks/{id}"),
    ("delete", "/api/tasks/{id}"),
    ("post", "/api/tasks/{id}/status"),
    ("get", "/api/tasks/{id}/history"),
    ("get", "/api/tasks/{id}/candidates"),
    ("post", "/api/plans"),
    ("get", "/api/plans/{id}"),
    ("get", "/api/time"),
    ("post", "/api/time"),
    ("get", "/api/time/{id}"),
    ("post", "/api/time/check-in"),
    ("post", "/api/time/{id}/check-out"),
    ("post", "/api/time/absence"),
    ("post", "/api/time/{id}/confirm"),
    ("post", "/api/time/auto-confirm"),
    ("post", "/api/time/{id}/correct"),
    ("get", "/api/invoices"),
    ("post", "/api/invoices/run"),
    ("post", "/api/invoices/preview"),
    ("get", "/api/invoices/{number}"),
    ("post", "/api/invoices/{number}/credit"),
    ("get", "/api/invoices/{number}/pdf"),
    ("get", "/api/invoices/{number}/ubl"),
    ("get", "/api/waste/subscriptions"),
    ("post", "/api/waste/subscriptions"),
    ("post", "/api/waste/subscriptions/{id}/end"),
    ("post", "/api/waste/subscriptions/{id}/change"),
    ("post", "/api/waste/orders"),
    ("post", "/api/waste/orders/{id}/cancel"),
    ("post", "/api/waste/orders/{id}/change"),
    ("get", "/api/waste/places"),
    ("post", "/api/waste/places"),
    ("get", "/api/waste/vehicles"),
    ("post", "/api/waste/vehicles"),
    ("put", "/api/waste/vehicles/{id}"),
    ("post", "/api/waste/vehicles/{id}/retire"),
    ("get", "/api/waste/days/{date}"),
    ("post", "/api/waste/days/{date}/close"),
    ("get", "/api/alliance/needs"),
    ("post", "/api/alliance/needs"),
    ("get", "/api/alliance/needs/{id}"),
    ("post", "/api/alliance/needs/{id}/status"),
    ("get", "/api/alliance/needs/{id}/matches"),
    ("get", "/api/alliance/needs/{id}/introductions"),
    ("post", "/api/alliance/needs/{id}/introductions"),
    ("post", "/api/alliance/introductions/{id}/outcome"),
    ("get", "/api/alliance/candidates/{kind}/{id}/matches"),
    ("post", "/api/alliance/meetings"),
    ("get", "/api/alliance/gaps"),
    ("get", "/api/alliance/students"),
    ("get", "/api/indicators"),
    ("post", "/api/indicators"),
    ("get", "/api/indicators/{id}"),
    ("post", "/api/indicators/{id}/import"),
    ("get", "/api/cases"),
    ("post", "/api/cases"),
    ("get", "/api/cases/{slug}"),
    ("post", "/api/cases/{slug}/status"),
    ("post", "/api/cases/{slug}/images"),
    ("delete", "/api/cases/{slug}/images/{id}"),
    ("get", "/api/events"),
    ("post", "/api/events/{id}/registrations"),
];

#[tokio::test]
async fn the_document_covers_every_route_and_schema() {
    let app = spawn_app().await;
    let doc = app.get("/api/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(
        doc.body["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc.body["openapi"]
    );
    let paths = doc.body["paths"].as_object().unwrap();
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented,
        ROUTES.len(),
        "documented operations: {:?}",
        paths.keys().collect::<Vec<_>>()
    );
    for (method, path) in ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is not documented"
        );
    }
    let schemas = doc.body["components"]["schemas"].as_object().unwrap();
    for name in [
        "PersonDraft",
        "PersonOut",
        "PeoplePage",
        "CompanyDraft",
        "CompanyOut",
        "AgreementDraft",
        "TaskDraft",
        "TaskOut",
        "TasksPage",
        "Problem",
        "FunctionalLimitsDraft",
    ] {
        assert!(
            schemas.contains_key(name),
            "schema {name} missing; have {:?}",
            schemas.keys().collect::<Vec<_>>()
        );
    }
    // Every referenced schema exists.
    let text = doc.body.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(schemas.contains_key(name), "dangling reference to {name}");
    }
    let people = &paths["/api/people"]["get"]["parameters"];
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["status", "page", "per_page"],
        "paging is documented"
    );

    // Who may call, and the answers given before any handler runs.
    let schemes = &doc.body["components"]["securitySchemes"];
    assert_eq!(schemes["token"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(paths["/health"]["get"]["security"], serde_json::json!([]));
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} does not document {status}"
                    );
                }
            }
            // A path parameter is one the path names; every other is a query parameter.
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                let in_path = path.contains(&format!("{{{name}}}"));
                assert_eq!(
                    parameter["in"],
                    if in_path { "path" } else { "query" },
                    "{method} {path}: {name}"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_documented_route_answers_and_unknown_ones_are_404() {
    let app = spawn_app().await;
    for (method, path) in ROUTES {
        let url = format!(
            "{}{}",
            app.base,
            path.replace("{id}", "1")
                .replace("{kind}", "person")
                .replace("{slug}", "flex-waste")
        );
        let request = match *method {
            "get" => app.client.get(&url),
            "post" => app.client.post(&url).json(&serde_json::json!({})),
            "put" => app.client.put(&url).json(&serde_json::json!({})),
            _ => app.client.delete(&url),
        };
        let status = request.send().await.unwrap().status();
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        assert!(!status.is_server_error(), "{method} {path}: {status}");
    }
    let not_an_id = app.get("/api/people/abc").await;
    assert_eq!(
        (not_an_id.status, not_an_id.content_type.as_str()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    let wrong_method = app
        .client
        .patch(format!("{}/api/people", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        wrong_method.headers()["content-type"],
        "application/problem+json"
    );
    let unknown = app.get("/api/nothing").await;
    assert_eq!(
        (unknown.status, unknown.content_type.as_str()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
}

/// People read the API at `/api/docs`: Swagger UI from the binary, pointed at the
/// document, allowed inline styles on its own pages only.
#[tokio::test]
async fn the_documentation_is_a_page_served_with_the_app() {
    let app = spawn_app().await;
    let anyone = reqwest::Client::new();
    let page = anyone
        .get(format!("{}/api/docs/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), reqwest::StatusCode::OK);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("style-src 'self' 'unsafe-inline'") && csp.contains("script-src 'self';"),
        "{csp}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    let init = anyone
        .get(format!("{}/api/docs/swagger-initializer.js", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(init.contains("/api/openapi.json"), "{init}");
    let script = anyone
        .get(format!("{}/api/docs/swagger-ui-bundle.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), reqwest::StatusCode::OK);
    // Every other page keeps the strict policy.
    let other = anyone
        .get(format!("{}/sign-in", app.base))
        .send()
        .await
        .unwrap();
    let strict = other.headers()["content-security-policy"].to_str().unwrap();
    assert!(strict.contains("style-src 'self';"), "{strict}");
}
