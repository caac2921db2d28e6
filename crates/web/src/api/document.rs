//! What the generated OpenAPI document says once for every operation rather than in
//! each handler: how a caller proves who they are, and the answers any route with a body
//! or a query can give before its handler runs (400, 401, 413, 415).

use serde_json::{Value, json};

/// Routes anyone may call without signing in.
const PUBLIC: [&str; 5] = [
    "/health",
    "/ready",
    "/api/openapi.json",
    "/api/events",
    "/api/events/{id}/registrations",
];
/// Routes anyone may read without signing in; writing to them needs a sign-in.
const PUBLIC_READS: [&str; 4] = [
    "/api/indicators",
    "/api/indicators/{id}",
    "/api/cases",
    "/api/cases/{slug}",
];

/// Adds the security schemes, the global requirement, and the shared answers.
pub fn completed(mut doc: Value) -> Value {
    doc["components"]["securitySchemes"] = json!({
        "token": {"type": "http", "scheme": "bearer",
            "description": "An API token (`kommune account token EMAIL`)."},
        "session": {"type": "apiKey", "in": "cookie", "name": crate::access::SESSION_COOKIE,
            "description": "A browser session; writes also send its CSRF token in `X-CSRF-Token`."}
    });
    doc["security"] = json!([{"token": []}, {"session": []}]);
    let Some(paths) = doc["paths"].as_object_mut() else {
        return doc;
    };
    for (path, operations) in paths.iter_mut() {
        let Some(operations) = operations.as_object_mut() else {
            continue;
        };
        for (method, operation) in operations.iter_mut() {
            let public = PUBLIC.contains(&path.as_str())
                || (method == "get" && PUBLIC_READS.contains(&path.as_str()));
            complete_operation(operation, public);
        }
    }
    doc
}

fn complete_operation(operation: &mut Value, public: bool) {
    let has_body = operation.get("requestBody").is_some();
    let has_query = operation["parameters"]
        .as_array()
        .is_some_and(|p| p.iter().any(|p| p["in"] == "query"));
    if public {
        operation["security"] = json!([]);
    }
    let Some(responses) = operation["responses"].as_object_mut() else {
        return;
    };
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status)
            .or_insert_with(|| problem(description));
    };
    if !public {
        add("401", "Not signed in: no valid token or session.");
    }
    if has_body {
        add("400", "The body is not JSON.");
        add("413", "The body is larger than the 2 MB limit.");
        add("415", "The body is not sent as application/json.");
    }
    if has_body || has_query {
        add(
            "422",
            "A field or query parameter is invalid; `errors` names each.",
        );
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}
