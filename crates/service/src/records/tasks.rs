//! Task requests, their lifecycle and its history.

use super::agency_only;
use crate::{Result, ServiceError, recorded};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::task::{TaskRequest, TaskStatus};
use store::tasks::{StatusChange, TaskFilter, TaskRecord};
use store::{Page, PageRequest, Store, Stored};

/// The longest note a lifecycle move keeps in the history, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

pub async fn list(
    store: &Store,
    by: &Actor,
    filter: &TaskFilter,
    page: PageRequest,
) -> Result<Page<Stored<TaskRecord>>> {
    agency_only(by, "task")?;
    Ok(store.tasks(filter, page).await?)
}

pub async fn get(store: &Store, by: &Actor, id: i64) -> Result<Stored<TaskRecord>> {
    agency_only(by, "task")?;
    Ok(store.task(id).await?)
}

/// Requests a task; its dates must be near `today`, and the store checks that the site
/// is the company's and that an agreement prices the task type.
pub async fn create(
    store: &Store,
    by: &Actor,
    task: &TaskRequest,
    today: NaiveDate,
) -> Result<Stored<TaskRecord>> {
    agency_only(by, "task")?;
    task.check_near(today).map_err(ServiceError::Invalid)?;
    Ok(store.create_task(task, &recorded(by)).await?)
}

/// Changes a request while it is requested or planned; `version` must be the one read
/// and its dates near `today`.
pub async fn update(
    store: &Store,
    by: &Actor,
    id: i64,
    version: i64,
    task: &TaskRequest,
    today: NaiveDate,
) -> Result<Stored<TaskRecord>> {
    agency_only(by, "task")?;
    task.check_near(today).map_err(ServiceError::Invalid)?;
    Ok(store.update_task(id, version, task).await?)
}

pub async fn delete(store: &Store, by: &Actor, id: i64) -> Result<()> {
    agency_only(by, "task")?;
    Ok(store.delete_task(id).await?)
}

/// Moves a task along its lifecycle with a note for the history; `version`, when
/// given, must be the one read. A move the lifecycle forbids is a conflict.
pub async fn change_status(
    store: &Store,
    by: &Actor,
    id: i64,
    version: Option<i64>,
    to: TaskStatus,
    note: &str,
) -> Result<Stored<TaskRecord>> {
    agency_only(by, "task")?;
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ServiceError::invalid(
            "note",
            format!("must be at most {MAX_NOTE_CHARS} characters"),
        ));
    }
    Ok(store
        .change_task_status(id, version, to, &recorded(by), note)
        .await?)
}

/// A task's lifecycle so far, oldest move first.
pub async fn history(store: &Store, by: &Actor, id: i64) -> Result<Vec<StatusChange>> {
    agency_only(by, "task")?;
    Ok(store.task_history(id).await?)
}
