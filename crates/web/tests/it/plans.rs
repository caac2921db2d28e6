use crate::fixtures::{Work, at, december_first, forklift_task, free_on_tuesdays, tuesday};
use crate::helpers::{COORDINATOR, person, spawn_app, task, with};
use crate::pages_driver::local;
use domain::calendar::TimeWindow;
use reqwest::StatusCode;
use serde_json::json;
use store::Actor;
use store::waste::{Route, Vehicle};

#[tokio::test]
async fn a_week_is_planned_stored_and_replanned() {
    let w = tuesday().await;
    let (app, worker, fits) = (&w.app, w.worker, w.task);
    let forklift = forklift_task(w.company, w.site, w.day);
    let unstaffed = app.post("/api/tasks", &forklift).await.id();

    let plan = app
        .post(
            "/api/plans",
            &json!({"week": "2026-W49", "iterations": 200}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{plan:?}");
    assert_eq!(plan.body["week"], "2026-W49");
    assert_eq!(
        plan.body["assignments"],
        json!([{"task": fits, "date": "2026-12-01", "person": worker, "start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T11:00:00+01:00"}])
    );
    assert_eq!(plan.body["unassigned"][0]["task"], unstaffed);
    let reason = plan.body["unassigned"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("forklift"), "{reason}");
    assert_eq!(plan.body["objective"]["work_minutes"], 120);
    assert_eq!(
        app.get(&format!("/api/tasks/{fits}")).await.body["status"],
        "planned"
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{unstaffed}")).await.body["status"],
        "requested"
    );
    let id = plan.id();
    assert_eq!(app.get(&format!("/api/plans/{id}")).await.body, plan.body);

    let other = app
        .post("/api/people", &free_on_tuesdays("o@example.dk"))
        .await
        .id();
    let ranked = app
        .get(&format!("/api/tasks/{fits}/candidates?date=2026-12-01"))
        .await;
    assert_eq!(ranked.status, StatusCode::OK, "{ranked:?}");
    let order: Vec<(i64, bool)> = ranked
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["person"].as_i64().unwrap(),
                c["can_take"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(order.len(), 2, "both fit the task: {order:?}");
    assert!(
        order.contains(&(other, true)) && order.contains(&(worker, true)),
        "{order:?}"
    );
    assert!(
        ranked.body[0]["why"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("hours target"))
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{fits}/candidates?date=tomorrow"))
            .await
            .invalid_fields(),
        ["date"]
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{fits}/candidates?date=2026-12-02"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.delete(&format!("/api/people/{other}")).await.status,
        StatusCode::NO_CONTENT
    );

    // The worker calls in sick for Tuesday: the re-plan drops the task and says so.
    let mut sick = with(free_on_tuesdays("w@example.dk"), "version", json!(1));
    sick["absences"] = json!("2026-12-01 sick");
    assert_eq!(
        app.put(&format!("/api/people/{worker}"), &sick)
            .await
            .status,
        StatusCode::OK
    );
    let again = app
        .post(
            "/api/plans",
            &json!({"week": "2026-W49", "replan": true, "iterations": 100}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{again:?}");
    assert_eq!(again.body["replan_of"], id);
    assert_eq!(
        again.body["moves"],
        json!([{"task": fits, "date": "2026-12-01", "change": "dropped"}])
    );
    assert_eq!(
        app.get(&format!("/api/tasks/{fits}")).await.body["status"],
        "requested"
    );
}

#[tokio::test]
async fn confirmed_work_blocks_the_persons_time_in_a_replan() {
    let w = tuesday().await.planned().await;
    let (app, company, site, first) = (&w.app, w.company, w.site, w.task);
    let confirmed = app
        .post(
            &format!("/api/tasks/{first}/status"),
            &json!({"status": "confirmed"}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{confirmed:?}");
    // A second task at the same time: the worker is busy with the confirmed one.
    let clash = app
        .post(
            "/api/tasks",
            &task(company, site, "2026-12-01T10:00:00+01:00"),
        )
        .await
        .id();
    let later = app
        .post(
            "/api/tasks",
            &task(company, site, "2026-12-01T11:30:00+01:00"),
        )
        .await
        .id();
    // Twice: the confirmed work is carried into each new plan, so it keeps counting.
    for _ in 0..2 {
        let again = app
            .post(
                "/api/plans",
                &json!({"week": "2026-W49", "replan": true, "iterations": 50}),
            )
            .await;
        assert_eq!(again.status, StatusCode::CREATED, "{again:?}");
        let mut planned: Vec<i64> = again.body["assignments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["task"].as_i64().unwrap())
            .collect();
        planned.sort_unstable();
        assert_eq!(planned, [first, later], "{again:?}");
        assert_eq!(again.body["unassigned"][0]["task"], clash);
        assert!(
            again.body["moves"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["task"] != first),
            "{again:?}"
        );
    }
    assert_eq!(
        app.get(&format!("/api/tasks/{first}")).await.body["status"],
        "confirmed"
    );
}

#[tokio::test]
async fn plan_requests_are_checked() {
    let app = spawn_app().await;
    let bad = app
        .post(
            "/api/plans",
            &json!({"week": "week 49", "time_limit_seconds": 600}),
        )
        .await;
    assert_eq!(bad.invalid_fields(), ["week", "time_limit_seconds"]);
    let nothing = app
        .post("/api/plans", &json!({"week": "2026-W49", "replan": true}))
        .await;
    assert_eq!(
        nothing.status,
        StatusCode::CONFLICT,
        "nothing to re-plan: {nothing:?}"
    );
    assert_eq!(app.get("/api/plans/99").await.status, StatusCode::NOT_FOUND);
}

/// A Flex Waste route counts in the week's plan: the driver's route on Tuesday 09:00–13:00
/// blocks that time, and its four hours count towards their weekly cap.
#[tokio::test]
async fn a_drivers_route_blocks_their_time_and_counts_towards_their_cap() {
    let day = december_first();
    // Free on Tuesday 08:00–17:00, at most 5 hours a week.
    let mut driver = person("w@example.dk");
    driver["availability"] = json!("Tue 08:00-17:00");
    driver["weekly_cap_hours"] = json!(5);
    driver["weekly_target_hours"] = json!(4);
    let w = Work::on(day, driver).await;
    let (app, worker, overlapping) = (&w.app, w.worker, w.task);
    // After the route: one hour fits under the cap, two more hours do not.
    let hour = app
        .post(
            "/api/tasks",
            &with(
                task(w.company, w.site, &at(day, 13, 0)),
                "duration_minutes",
                json!(60),
            ),
        )
        .await
        .id();
    let over_cap = app
        .post("/api/tasks", &task(w.company, w.site, &at(day, 14, 30)))
        .await
        .id();
    let vehicle = app
        .store
        .add_vehicle(&Vehicle {
            id: 0,
            name: "Ladcykel 1".into(),
            kind: "cargo_bike".into(),
            capacity_kg: 150,
            capacity_litres: 1000,
            range_km: 40,
            speed_kmh: 15,
            shift: TimeWindow::parse("07:00-15:00").unwrap(),
            wh_per_km: 25,
        })
        .await
        .unwrap();
    let route = Route {
        id: 0,
        vehicle_id: vehicle,
        driver_id: Some(worker),
        distance_m: 12_000,
        starts_at: local(day, 9, 0),
        ends_at: local(day, 13, 0),
        visits: Vec::new(),
    };
    app.store
        .save_day_plan(day, &[route], &[], &Actor(COORDINATOR.into()))
        .await
        .unwrap();

    let plan = app.plan_week("2026-W49").await;
    let assigned: Vec<(i64, i64)> = plan["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["task"].as_i64().unwrap(), a["person"].as_i64().unwrap()))
        .collect();
    assert_eq!(assigned, [(hour, worker)], "{plan}");
    let reason = |t: i64| {
        plan["unassigned"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["task"] == t)
            .unwrap_or_else(|| panic!("{t} is left over: {plan}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (during, after) = (reason(overlapping), reason(over_cap));
    assert!(
        !during.contains("cap"),
        "the route's time is blocked: {during}"
    );
    assert!(
        after.contains("cap"),
        "the route counts towards the cap: {after}"
    );
    // The route is the driver's own record, not part of the agency's plan.
    assert_eq!(plan["objective"]["work_minutes"], 60);
}
