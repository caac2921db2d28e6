use crate::helpers::{person, spawn_app, with};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn health_answers() {
    let app = spawn_app().await;
    let answer = app.get("/health").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, json!({"status": "ok"}));
}

#[tokio::test]
async fn a_person_is_created_read_listed_updated_and_deleted() {
    let app = spawn_app().await;
    let created = app.post("/api/people", &person("mette@example.dk")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    let id = created.id();
    assert_eq!(created.body["version"], 1);
    assert_eq!(created.body["phone"], "+4520304050");
    assert_eq!(created.body["skills"], json!(["cleaning", "sorting"]));
    assert_eq!(created.body["weekly_cap_hours"], 8.5);
    let created_at = created.body["created_at"].as_str().unwrap();
    assert!(
        created_at.ends_with("+01:00") || created_at.ends_with("+02:00"),
        "shown in Copenhagen time: {created_at}"
    );

    let read = app.get(&format!("/api/people/{id}")).await;
    assert_eq!(read.body, created.body);

    let update = with(
        with(person("mette@example.dk"), "version", json!(1)),
        "status",
        json!("paused"),
    );
    let updated = app.put(&format!("/api/people/{id}"), &update).await;
    assert_eq!(updated.status, StatusCode::OK, "{updated:?}");
    assert_eq!(
        (
            updated.body["version"].as_i64(),
            updated.body["status"].as_str()
        ),
        (Some(2), Some("paused"))
    );

    let stale = app.put(&format!("/api/people/{id}"), &update).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.content_type, "application/problem+json");
    assert!(
        stale.body["detail"].as_str().unwrap().contains("version"),
        "{stale:?}"
    );

    let no_version = app
        .put(&format!("/api/people/{id}"), &person("mette@example.dk"))
        .await;
    assert_eq!(no_version.invalid_fields(), ["version"]);

    assert_eq!(app.total("/api/people?status=paused").await, 1);
    assert_eq!(app.total("/api/people?status=active").await, 0);

    assert_eq!(
        app.delete(&format!("/api/people/{id}")).await.status,
        StatusCode::NO_CONTENT
    );
    let gone = app.get(&format!("/api/people/{id}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.content_type, "application/problem+json");
    assert_eq!(
        app.delete(&format!("/api/people/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.put("/api/people/999", &update).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_input_names_every_field_and_stores_nothing() {
    let app = spawn_app().await;
    let mut bad = person("not-an-email");
    bad["weekly_target_hours"] = json!(12);
    bad["availability"] = json!("Mon 13:00-09:00");
    bad["status"] = json!("left");
    bad["skills"] = json!(["juggling"]);
    let answer = app.post("/api/people", &bad).await;
    assert_eq!(
        answer.invalid_fields(),
        [
            "email",
            "leave_outcome",
            "weekly_target_hours",
            "availability",
            "skills"
        ]
    );
    assert!(
        answer.body["detail"]
            .as_str()
            .unwrap()
            .contains("nothing was stored")
    );

    let wrong_type = app
        .post(
            "/api/people",
            &with(person("a@example.dk"), "latitude", json!("north")),
        )
        .await;
    assert_eq!(wrong_type.invalid_fields(), ["latitude"]);
    let not_json = app
        .post_raw("/api/people", "application/json", "{\"name\": ")
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    let no_type = app.post_raw("/api/people", "", "{}").await;
    assert_eq!(no_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(app.total("/api/people").await, 0, "nothing was stored");
}

#[tokio::test]
async fn paging_and_its_limits() {
    let app = spawn_app().await;
    for i in 0..7 {
        assert_eq!(
            app.post("/api/people", &person(&format!("p{i}@example.dk")))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let page = app.get("/api/people?page=2&per_page=3").await;
    assert_eq!(
        (
            page.body["total"].as_i64(),
            page.body["page"].as_i64(),
            page.body["per_page"].as_i64()
        ),
        (Some(7), Some(2), Some(3))
    );
    let emails: Vec<&str> = page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["p3@example.dk", "p4@example.dk", "p5@example.dk"]);
    assert_eq!(
        app.get("/api/people?per_page=500").await.invalid_fields(),
        ["per_page"]
    );
    assert_eq!(
        app.get("/api/people?page=0").await.invalid_fields(),
        ["page"]
    );
    assert_eq!(
        app.get("/api/people?page=two&status=gone")
            .await
            .invalid_fields(),
        ["status", "page"]
    );
    let dup = app.post("/api/people", &person("p1@example.dk")).await;
    assert_eq!(
        dup.status,
        StatusCode::CONFLICT,
        "one person per e-mail: {dup:?}"
    );
}

#[tokio::test]
async fn limits_are_apart_and_every_read_is_logged() {
    let app = spawn_app().await;
    let id = app.post("/api/people", &person("l@example.dk")).await.id();
    assert!(
        app.get(&format!("/api/people/{id}"))
            .await
            .body
            .get("max_lift_kg")
            .is_none(),
        "limits are not in the profile"
    );
    let path = format!("/api/people/{id}/limits");
    let limits = json!({"max_lift_kg": 10, "max_stretch_minutes": 120, "indoor_only": true, "not_before": "09:00",
        "needs_colleague": false, "max_travel_minutes": 30});
    // Nothing recorded is version 0; a change names the version it read.
    let unread = app.put(&path, &limits).await;
    assert_eq!(unread.invalid_fields(), ["version"]);
    let set = app
        .put(&path, &with(limits.clone(), "version", json!(0)))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{set:?}");
    assert_eq!(set.body, with(limits.clone(), "version", json!(1)));
    let read = app.get(&path).await;
    assert_eq!(read.body, with(limits.clone(), "version", json!(1)));
    app.get(&path).await;
    let log = app.get(&format!("/api/people/{id}/limits/reads")).await;
    assert_eq!(log.body.as_array().unwrap().len(), 2);
    assert_eq!(log.body[0]["read_by"], crate::helpers::COORDINATOR);
    let bad = app
        .put(
            &path,
            &json!({"version": 1, "max_lift_kg": 500, "not_before": "9"}),
        )
        .await;
    assert_eq!(bad.invalid_fields(), ["max_lift_kg", "not_before"]);
    // Only the documented object: an array once decoded as "no limits at all", and a
    // member nobody documented is not quietly dropped.
    for odd in [
        json!([]),
        json!([1, 2]),
        json!({"version": 1, "diagnosis": "x"}),
    ] {
        let refused = app.put(&path, &odd).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{odd}");
    }
    assert_eq!(app.put(&path, &json!([])).await.invalid_fields(), ["body"]);
    let stale = app.put(&path, &with(json!({}), "version", json!(0))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{stale:?}");
    assert_eq!(
        app.get(&path).await.body,
        with(limits, "version", json!(1)),
        "unchanged"
    );
    assert_eq!(
        app.get("/api/people/999/limits").await.status,
        StatusCode::NOT_FOUND
    );
}

/// A coordinator reads out everything held on a person (GDPR Art. 15); the read of their
/// limits is logged like any other, and a deleted person is still read out.
#[tokio::test]
async fn everything_held_on_a_person_is_read_out_in_one_document() {
    let app = spawn_app().await;
    let id = app.post("/api/people", &person("e@example.dk")).await.id();
    let path = format!("/api/people/{id}/limits");
    let set = app
        .put(&path, &json!({"version": 0, "max_lift_kg": 12}))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{set:?}");
    assert_eq!(
        app.delete(&format!("/api/people/{id}")).await.status,
        StatusCode::NO_CONTENT
    );
    let export = app.get(&format!("/api/people/{id}/export")).await;
    assert_eq!(export.status, StatusCode::OK, "{export:?}");
    assert_eq!(export.body["kind"], "person");
    assert_eq!(export.body["profile"]["email"], "e@example.dk");
    assert!(export.body["deleted_at"].is_string());
    assert_eq!(export.body["produced_by"], crate::helpers::COORDINATOR);
    // The export's own read of the limits is in it, newest first (the limits themselves
    // went with the deletion).
    assert!(
        export.body["limit_reads"][0]["purpose"]
            .as_str()
            .is_some_and(|p| p.contains("GDPR")),
        "{export:?}"
    );
    assert_eq!(
        app.get("/api/people/999/export").await.status,
        StatusCode::NOT_FOUND
    );
}
