//! The records the tests set up again and again, made through the API: a company's task
//! with a worker for it and the week planned, hours recorded and confirmed, the agency's
//! seller details and an invoice run.

use crate::helpers::{TestApp, person, task, with};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use domain::calendar::{TIME_ZONE, format_instant};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// `date` at `hour:minute` in Copenhagen, as the API writes instants.
pub fn at(date: NaiveDate, hour: u32, minute: u32) -> String {
    let local = date.and_hms_opt(hour, minute, 0).unwrap();
    format_instant(
        TIME_ZONE
            .from_local_datetime(&local)
            .earliest()
            .unwrap()
            .with_timezone(&Utc),
    )
}

/// The ISO week `date` falls in, as the planner names it: `2026-W49`.
pub fn iso_week(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Tuesday 1 December 2026, in week 2026-W49: the day most tests plan.
pub fn december_first() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// A person free on Tuesdays 08:00–14:00.
pub fn free_on_tuesdays(email: &str) -> Value {
    with(person(email), "availability", json!("Tue 08:00-14:00"))
}

/// A person free every day in `window` (`08:00-14:00`) and never away.
pub fn free_every_day(email: &str, window: &str) -> Value {
    let every_day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .map(|day| format!("{day} {window}"))
        .join(", ");
    with(
        with(person(email), "availability", json!(every_day)),
        "absences",
        json!(""),
    )
}

/// A task at 12:00 on `date` that needs a forklift driver, which no test person is.
pub fn forklift_task(company: i64, site: i64, date: NaiveDate) -> Value {
    with(
        task(company, site, &at(date, 12, 0)),
        "required_skills",
        json!(["forklift"]),
    )
}

/// Our company (CVR 29189420) with a cleaning agreement, one worker, and the company's
/// two-hour cleaning task at 09:00 on `day`.
pub struct Work {
    pub app: TestApp,
    pub company: i64,
    /// The company's first site, where the task is.
    pub site: i64,
    pub worker: i64,
    pub task: i64,
    pub day: NaiveDate,
}

impl Work {
    /// A fresh app with the company, `worker` (a person as the API takes them) and the task.
    pub async fn on(day: NaiveDate, worker: Value) -> Work {
        let app = crate::helpers::spawn_app().await;
        let (company, site) = app.company_with_agreement("29189420").await;
        let worker = app.post("/api/people", &worker).await;
        assert_eq!(worker.status, StatusCode::CREATED, "{worker:?}");
        let job = app
            .post("/api/tasks", &task(company, site, &at(day, 9, 0)))
            .await;
        assert_eq!(job.status, StatusCode::CREATED, "{job:?}");
        Work {
            app,
            company,
            site,
            worker: worker.id(),
            task: job.id(),
            day,
        }
    }

    /// The week of the task planned with the planner, which gives the worker the task.
    pub async fn planned(self) -> Work {
        let plan = self.app.plan_week(&iso_week(self.day)).await;
        assert_eq!(plan["assignments"][0]["person"], self.worker, "{plan:?}");
        self
    }

    /// Hours the coordinator records for the worker on the task, from `start` to `end`:
    /// the time entry's id. Hours are recorded once worked, so a clock standing before
    /// `end` moves on to it first.
    pub async fn record_hours(&self, start: &str, end: &str) -> i64 {
        let ended = domain::calendar::parse_instant(end).unwrap();
        if self.app.clock.now() < ended {
            self.app.clock.set(ended);
        }
        let hours = json!({"task": self.task, "date": self.day.to_string(), "person": self.worker,
            "start": start, "end": end});
        let entry = self.app.post("/api/time", &hours).await;
        assert_eq!(entry.status, StatusCode::CREATED, "{entry:?}");
        entry.id()
    }
}

/// The usual set-up: a worker free on Tuesday mornings and the task on Tuesday
/// 1 December 2026, not yet planned.
pub async fn tuesday() -> Work {
    Work::on(december_first(), free_on_tuesdays("w@example.dk")).await
}

impl TestApp {
    /// Plans `week` afresh with the planner (50 iterations): the plan as the API shows it.
    pub async fn plan_week(&self, week: &str) -> Value {
        let plan = self
            .post("/api/plans", &json!({"week": week, "iterations": 50}))
            .await;
        assert_eq!(plan.status, StatusCode::CREATED, "{plan:?}");
        plan.body
    }

    /// Confirms the time entry `id` as the coordinator.
    pub async fn confirm_hours(&self, id: i64) {
        let confirmed = self
            .post(&format!("/api/time/{id}/confirm"), &json!({}))
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{confirmed:?}");
    }

    /// The agency's own details, which every invoice needs.
    pub async fn set_seller(&self) {
        self.store
            .set_seller(&store::invoices::Seller {
                name: "Små job med mening".into(),
                cvr: "29189420".into(),
                address: "Boulevarden 13, 9000 Aalborg".into(),
                bank_account: "9570 0001234567".into(),
                payment_days: 14,
            })
            .await
            .unwrap();
    }
}
