//! The demo's past: the eight weeks before its start are planned, their work registered
//! as planned and confirmed by the companies, and finished task requests marked done —
//! so that invoices, payroll and reports can be run on the demo at once.

use crate::{Result, ServiceError};
use chrono::{Duration, NaiveDate};
use domain::calendar::parse_instant;
use domain::task::TaskStatus;
use store::tasks::TaskFilter;
use store::time::Occasion;
use store::{Actor, PageRequest, Store};

/// How far back the demo's history reaches.
pub const WEEKS: i64 = 8;

/// Plans and completes the weeks before `start`; returns the confirmed time entries.
pub async fn complete_past_weeks(store: &Store, start: NaiveDate) -> Result<usize> {
    let by = Actor("demo".into());
    let company = Actor("demo company contact".into());
    let mut entries = 0;
    for weeks_back in (1..=WEEKS).rev() {
        let week = crate::agency::Week::of(start - Duration::weeks(weeks_back));
        let options = crate::agency::Options {
            limits: staffing::Limits::iterations(300),
            seed: 1,
            replan: false,
            tell_from: None,
        };
        let plan = crate::agency::plan_week(
            store,
            &week,
            &options,
            &domain::actor::Actor::agency("demo"),
        )
        .await?;
        for a in &plan.assignments {
            let occasion = Occasion {
                task_id: a.task,
                occurrence: a.date.parse().map_err(|_| internal(&a.date))?,
                person_id: a.person,
            };
            let (from, to) = (
                parse_instant(&a.start).map_err(|_| internal(&a.start))?,
                parse_instant(&a.end).map_err(|_| internal(&a.end))?,
            );
            let entry = store.record_time(&occasion, from, to, &by).await?;
            store.confirm_time(entry.id, &company).await?;
            entries += 1;
        }
    }
    finish_past_tasks(store, start, &by).await?;
    Ok(entries)
}

/// Planned task requests whose last occurrence is before `start` are done.
async fn finish_past_tasks(store: &Store, start: NaiveDate, by: &Actor) -> Result<()> {
    let filter = TaskFilter {
        status: Some(TaskStatus::Planned),
        ..Default::default()
    };
    let boundary = crate::agency::Week::of(start).bounds().0;
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

/// A plan's own date or time that does not read back: a fault, not the user's input.
fn internal(text: &str) -> ServiceError {
    ServiceError::Internal(format!(
        "a stored plan holds '{text}', which is not a date or time"
    ))
}
