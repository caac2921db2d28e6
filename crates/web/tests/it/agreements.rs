use crate::helpers::{agreement, spawn_app, with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn agreements_per_company_and_task_type() {
    let app = spawn_app().await;
    let (company_id, _) = app.company_with_agreement("29189420").await;
    let garden = app
        .post("/api/agreements", &agreement(company_id, "gardening"))
        .await;
    assert_eq!(garden.status, StatusCode::CREATED);
    assert_eq!(garden.body["invoicing_period"], "monthly");
    let id = garden.id();
    assert_eq!(
        app.get(&format!("/api/agreements/{id}")).await.body,
        garden.body
    );
    assert_eq!(
        app.total(&format!("/api/agreements?company_id={company_id}"))
            .await,
        2
    );
    assert_eq!(app.total("/api/agreements?company_id=999").await, 0);
    assert_eq!(
        app.get("/api/agreements?company_id=x")
            .await
            .invalid_fields(),
        ["company_id"]
    );

    assert_eq!(
        app.post("/api/agreements", &agreement(company_id, "gardening"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let update = with(
        with(
            agreement(company_id, "gardening"),
            "price_per_hour_ore",
            json!(27500),
        ),
        "version",
        json!(1),
    );
    let updated = app.put(&format!("/api/agreements/{id}"), &update).await;
    assert_eq!(
        (updated.status, updated.body["price_per_hour_ore"].as_i64()),
        (StatusCode::OK, Some(27500))
    );
    assert_eq!(
        app.put(&format!("/api/agreements/{id}"), &update)
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.delete(&format!("/api/agreements/{id}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/api/agreements/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_agreement_must_pay_and_name_a_real_company() {
    let app = spawn_app().await;
    let bad = json!({"company_id": 999, "task_type": "juggling", "price_per_hour_ore": 10000, "wage_per_hour_ore": -5});
    assert_eq!(
        app.post("/api/agreements", &bad).await.invalid_fields(),
        ["task_type", "wage_per_hour_ore"]
    );
    let nowhere = app
        .post("/api/agreements", &agreement(999, "cleaning"))
        .await;
    assert_eq!(nowhere.invalid_fields(), ["company_id"]);
    let (company_id, _) = app.company_with_agreement("29189420").await;
    let loss = with(
        agreement(company_id, "sorting"),
        "price_per_hour_ore",
        json!(100),
    );
    assert_eq!(
        app.post("/api/agreements", &loss).await.invalid_fields(),
        ["price_per_hour_ore"]
    );
    assert_eq!(app.total("/api/agreements").await, 1);
}
