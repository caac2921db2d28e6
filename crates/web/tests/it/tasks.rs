use crate::helpers::{COORDINATOR, spawn_app, task, with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_task_request_moves_through_its_lifecycle() {
    let app = spawn_app().await;
    let (company_id, site) = app.company_with_agreement("29189420").await;
    let created = app
        .post(
            "/api/tasks",
            &task(company_id, site, "2026-12-01T08:00:00Z"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    let id = created.id();
    assert_eq!(created.body["status"], "requested");
    assert_eq!(
        created.body["fixed_start"], "2026-12-01T09:00:00+01:00",
        "shown in Copenhagen time"
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{id}")).await.body,
        created.body
    );

    let moved = app
        .post(
            &format!("/api/tasks/{id}/status"),
            &json!({"status": "planned", "note": "uge 49"}),
        )
        .await;
    assert_eq!(
        (moved.status, moved.body["status"].as_str()),
        (StatusCode::OK, Some("planned"))
    );
    let stale = app
        .post(
            &format!("/api/tasks/{id}/status"),
            &json!({"status": "confirmed", "version": 1}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let skip = app
        .post(
            &format!("/api/tasks/{id}/status"),
            &json!({"status": "invoiced"}),
        )
        .await;
    assert_eq!(skip.status, StatusCode::CONFLICT);
    assert!(
        skip.body["detail"]
            .as_str()
            .unwrap()
            .contains("cannot become invoiced"),
        "{skip:?}"
    );
    let unknown = app
        .post(
            &format!("/api/tasks/{id}/status"),
            &json!({"status": "finished"}),
        )
        .await;
    assert_eq!(unknown.invalid_fields(), ["status"]);

    let edit = with(
        with(
            task(company_id, site, "2026-12-01T10:00:00+01:00"),
            "version",
            json!(2),
        ),
        "people_needed",
        json!(2),
    );
    let edited = app.put(&format!("/api/tasks/{id}"), &edit).await;
    assert_eq!(
        (edited.status, edited.body["people_needed"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{edited:?}"
    );

    for status in ["confirmed", "done"] {
        assert_eq!(
            app.post(
                &format!("/api/tasks/{id}/status"),
                &json!({"status": status})
            )
            .await
            .status,
            StatusCode::OK
        );
    }
    let history = app.get(&format!("/api/tasks/{id}/history")).await;
    let moves: Vec<(&str, &str)> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["to"].as_str().unwrap(), c["changed_by"].as_str().unwrap()))
        .collect();
    assert_eq!(
        moves,
        [
            ("requested", COORDINATOR),
            ("planned", COORDINATOR),
            ("confirmed", COORDINATOR),
            ("done", COORDINATOR)
        ]
    );
    assert_eq!(history.body[1]["note"], "uge 49");

    let late_edit = with(
        task(company_id, site, "2026-12-01T10:00:00+01:00"),
        "version",
        json!(5),
    );
    assert_eq!(
        app.put(&format!("/api/tasks/{id}"), &late_edit)
            .await
            .status,
        StatusCode::CONFLICT,
        "done work is history"
    );
    assert_eq!(
        app.delete(&format!("/api/tasks/{id}")).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get("/api/tasks/999/history").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn task_input_is_checked_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (company_id, site) = app.company_with_agreement("29189420").await;
    let (_, other_site) = app.company_with_agreement("12345674").await;
    let mut bad = task(company_id, site, "tomorrow");
    bad["duration_minutes"] = json!(5);
    bad["people_needed"] = json!(0);
    bad["recurrence"] = json!("every day");
    assert_eq!(
        app.post("/api/tasks", &bad).await.invalid_fields(),
        [
            "people_needed",
            "duration_minutes",
            "fixed_start",
            "recurrence"
        ]
    );
    let both = with(
        task(company_id, site, "2026-12-01T09:00:00+01:00"),
        "window_start",
        json!("2026-12-01T08:00:00+01:00"),
    );
    assert_eq!(
        app.post("/api/tasks", &both).await.invalid_fields(),
        ["fixed_start"]
    );
    assert_eq!(
        app.post(
            "/api/tasks",
            &task(company_id, other_site, "2026-12-01T09:00:00+01:00")
        )
        .await
        .invalid_fields(),
        ["site_id"]
    );
    let gardening = with(
        task(company_id, site, "2026-12-01T09:00:00+01:00"),
        "task_type",
        json!("gardening"),
    );
    assert_eq!(
        app.post("/api/tasks", &gardening).await.invalid_fields(),
        ["task_type"],
        "no agreement for gardening"
    );
    assert_eq!(app.total("/api/tasks").await, 0);
}

#[tokio::test]
async fn tasks_are_listed_by_status_company_and_dates() {
    let app = spawn_app().await;
    let (a, a_site) = app.company_with_agreement("29189420").await;
    let (b, b_site) = app.company_with_agreement("12345674").await;
    let mut weekly = task(a, a_site, "");
    weekly["fixed_start"] = json!(null);
    weekly["window_start"] = json!("2026-12-01T08:00:00+01:00");
    weekly["window_end"] = json!("2026-12-01T10:00:00+01:00");
    weekly["recurrence"] = json!("weekly Tue,Thu until 2026-12-17");
    let series = app.post("/api/tasks", &weekly).await;
    assert_eq!(series.status, StatusCode::CREATED, "{series:?}");
    assert_eq!(series.body["occurrences"].as_array().unwrap().len(), 6);
    app.post("/api/tasks", &task(b, b_site, "2027-01-05T09:00:00+01:00"))
        .await;
    let cancelled = app
        .post("/api/tasks", &task(b, b_site, "2026-12-08T09:00:00+01:00"))
        .await
        .id();
    app.post(
        &format!("/api/tasks/{cancelled}/status"),
        &json!({"status": "cancelled", "note": "lukket"}),
    )
    .await;

    assert_eq!(
        app.total("/api/tasks?from=2026-12-07T00:00:00%2B01:00&to=2026-12-14T00:00:00%2B01:00")
            .await,
        2
    );
    assert_eq!(
        app.total("/api/tasks?from=2026-12-18T00:00:00%2B01:00&to=2027-01-01T00:00:00%2B01:00")
            .await,
        0
    );
    assert_eq!(app.total(&format!("/api/tasks?company_id={b}")).await, 2);
    assert_eq!(app.total("/api/tasks?status=cancelled").await, 1);
    assert_eq!(
        app.total(&format!("/api/tasks?status=requested&company_id={b}"))
            .await,
        1
    );
    assert_eq!(
        app.get("/api/tasks?from=monday&status=late")
            .await
            .invalid_fields(),
        ["status", "from"]
    );
    assert_eq!(
        app.delete(&format!("/api/tasks/{cancelled}")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.total("/api/tasks").await, 2);
}
