//! The demo's past: the eight weeks before its start are planned, their work registered
//! as planned and confirmed by the companies, and finished task requests marked done —
//! so that invoices, payroll and reports can be run on the demo at once.

use chrono::{Duration, NaiveDate};
use domain::calendar::parse_instant;
use domain::task::TaskStatus;
use store::tasks::TaskFilter;
use store::time::Occasion;
use store::{Actor, PageRequest, Store};

/// How far back the demo's history reaches.
const WEEKS: i64 = 8;

/// Plans and completes the weeks before `start`; returns the confirmed time entries.
pub async fn complete_past_weeks(store: &Store, start: NaiveDate) -> anyhow::Result<usize> {
    let by = Actor("demo".into());
    let company = Actor("demo company contact".into());
    let mut entries = 0;
    for weeks_back in (1..=WEEKS).rev() {
        let week = service::agency::Week::of(start - Duration::weeks(weeks_back));
        let options = service::agency::Options {
            limits: staffing::Limits::iterations(300),
            seed: 1,
            replan: false,
        };
        let plan = service::agency::plan_week(
            store,
            &week,
            &options,
            &domain::actor::Actor::agency("demo"),
        )
        .await?;
        for a in &plan.assignments {
            let occasion = Occasion {
                task_id: a.task,
                occurrence: a.date.parse()?,
                person_id: a.person,
            };
            let (from, to) = (parse_instant(&a.start)?, parse_instant(&a.end)?);
            let entry = store.record_time(&occasion, from, to, &by).await?;
            store.confirm_time(entry.id, &company).await?;
            entries += 1;
        }
    }
    finish_past_tasks(store, start, &by).await?;
    Ok(entries)
}

/// Planned task requests whose last occurrence is before `start` are done.
async fn finish_past_tasks(store: &Store, start: NaiveDate, by: &Actor) -> anyhow::Result<()> {
    let filter = TaskFilter {
        status: Some(TaskStatus::Planned),
        ..Default::default()
    };
    let boundary = service::agency::Week::of(start).bounds().0;
    for task in store.tasks(&filter, PageRequest::all()).await?.items {
        let Some(last) = task.value.request.occurrences().last().map(|s| s.latest()) else {
            continue;
        };
        if last < boundary {
            for to in [TaskStatus::Confirmed, TaskStatus::Done] {
                store
                    .change_task_status(task.meta.id, None, to, by, "demo history")
                    .await?;
            }
        }
    }
    Ok(())
}
