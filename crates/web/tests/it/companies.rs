use crate::helpers::{company, spawn_app, task, with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_company_with_sites_and_contacts() {
    let app = spawn_app().await;
    let created = app.post("/api/companies", &company("29189420")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    let id = created.id();
    assert_eq!(created.body["sites"][1]["p_number"], "1003456790");
    assert_eq!(created.body["contacts"][0]["phone"], "+4598123456");
    assert_eq!(
        app.get(&format!("/api/companies/{id}")).await.body,
        created.body
    );

    let mut changed = with(company("29189420"), "version", json!(1));
    changed["sites"] = json!([created.body["sites"][1].clone()]);
    changed["task_force"] = json!(false);
    let updated = app.put(&format!("/api/companies/{id}"), &changed).await;
    assert_eq!(updated.status, StatusCode::OK, "{updated:?}");
    assert_eq!(
        updated.body["sites"][0]["id"], created.body["sites"][1]["id"],
        "a site keeps its id"
    );
    assert_eq!(app.total("/api/companies?task_force=false").await, 1);
    assert_eq!(app.total("/api/companies?task_force=true").await, 0);
    assert_eq!(
        app.get("/api/companies?task_force=maybe")
            .await
            .invalid_fields(),
        ["task_force"]
    );

    assert_eq!(
        app.post("/api/companies", &company("29189420"))
            .await
            .status,
        StatusCode::CONFLICT,
        "one company per CVR"
    );
    assert_eq!(
        app.delete(&format!("/api/companies/{id}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/api/companies/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn company_input_is_checked_field_by_field() {
    let app = spawn_app().await;
    let mut bad = company("29189421");
    bad["sites"][1]["p_number"] = json!("123");
    bad["contacts"][0]["email"] = json!("jens");
    bad["einvoice_address"] = json!("5798000416605");
    let answer = app.post("/api/companies", &bad).await;
    assert_eq!(
        answer.invalid_fields(),
        [
            "cvr",
            "einvoice_address",
            "sites[1].p_number",
            "contacts[0].email"
        ]
    );
    let no_sites = app
        .post(
            "/api/companies",
            &with(company("29189420"), "sites", json!([])),
        )
        .await;
    assert_eq!(no_sites.invalid_fields(), ["sites"]);
    assert_eq!(app.total("/api/companies").await, 0);
}

#[tokio::test]
async fn a_company_with_open_tasks_is_kept() {
    let app = spawn_app().await;
    let (company_id, site) = app.company_with_agreement("29189420").await;
    let t = app
        .post(
            "/api/tasks",
            &task(company_id, site, "2026-12-01T09:00:00+01:00"),
        )
        .await;
    assert_eq!(t.status, StatusCode::CREATED, "{t:?}");
    let refused = app.delete(&format!("/api/companies/{company_id}")).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let mut without_site = with(company("29189420"), "version", json!(1));
    without_site["sites"] = json!([company("29189420")["sites"][1].clone()]);
    assert_eq!(
        app.put(&format!("/api/companies/{company_id}"), &without_site)
            .await
            .status,
        StatusCode::CONFLICT,
        "the site is in use"
    );
}
