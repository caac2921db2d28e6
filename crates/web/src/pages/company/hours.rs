//! Hours to confirm, and those confirmed lately.

use super::*;
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageError, PageResult, clock, hours_minutes, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use chrono::Duration;
use service::ServiceError;
use service::agency::{self, company::HoursEntry};
use store::time::{EntryKind, EntryStatus};
use store::{Store, StoreError};

/// How far back the hours page shows confirmed entries.
pub(super) const CONFIRMED_DAYS: i64 = agency::company::CONFIRMED_DAYS;

/// The most confirmed entries the hours page shows: enough to check what was just done.
pub(super) const MOST_CONFIRMED: usize = 50;

/// One time entry as the hours page lists it.
pub(super) struct EntryRow {
    id: i64,
    iso_date: String,
    date: String,
    worker: String,
    task: String,
    /// `09:00–11:00`, or what happened instead of work.
    times: String,
    /// `2:00`; empty for a no-show or cancellation.
    duration: String,
    confirmed_by: String,
    /// The confirm button's name for screen readers: whose hours, which day.
    confirm_label: String,
    /// Hours outside the planned time: the agency confirms them, not the company.
    for_agency: bool,
}

#[derive(Template)]
#[template(path = "company/hours.html")]
pub(super) struct Hours {
    layout: Layout,
    csrf: String,
    notice: Option<String>,
    /// "Ingen timer er godkendt de sidste 30 dage."
    none_confirmed: String,
    waiting: Vec<EntryRow>,
    confirmed: Vec<EntryRow>,
}

pub(super) fn entry_row(t: Tr, shown: HoursEntry) -> EntryRow {
    let HoursEntry {
        entry,
        task,
        worker,
    } = shown;
    let entry = &entry;
    let times = match (entry.kind, entry.started_at, entry.ended_at) {
        (EntryKind::Worked, Some(start), Some(end)) => {
            format!("{}–{}", clock(start), clock(end))
        }
        (EntryKind::NoShow, ..) => t.get("company.hours.no_show").to_string(),
        (EntryKind::Cancelled, ..) => t.get("company.hours.cancelled").to_string(),
        _ => String::new(),
    };
    // Someone deleted since still worked: a dash, not a failed page.
    let worker = worker.unwrap_or_else(|| "–".to_string());
    let date = day_text(t, entry.occurrence);
    EntryRow {
        id: entry.id,
        iso_date: entry.occurrence.to_string(),
        confirm_label: t.fill(
            "company.hours.confirm_label",
            &[("worker", &worker), ("date", &date)],
        ),
        date,
        worker,
        task,
        times,
        duration: entry.minutes.map(hours_minutes).unwrap_or_default(),
        confirmed_by: entry.confirmed_by.clone().unwrap_or_default(),
        for_agency: entry.waits_for_confirmation() && !entry.waits_for_company(),
    }
}

pub(super) async fn hours(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
) -> PageResult {
    let notice = notice(page.t, &headers);
    let had_notice = notice.is_some();
    let (caller, _) = contact(&page)?;
    let since = page.now - Duration::days(CONFIRMED_DAYS);
    let entries = agency::company::hours(&store, &caller.actor(), since).await?;
    let (mut waiting, mut confirmed) = (Vec::new(), Vec::new());
    for shown in entries {
        let entry = &shown.entry;
        let list = if entry.waits_for_confirmation() {
            &mut waiting
        } else if entry.status == EntryStatus::Confirmed {
            &mut confirmed
        } else {
            continue;
        };
        list.push((entry.confirmed_at.clone(), entry_row(page.t, shown)));
    }
    // The latest confirmations first: they are what the reader just did.
    confirmed.sort_by(|a, b| (&b.0, &b.1.iso_date).cmp(&(&a.0, &a.1.iso_date)));
    confirmed.truncate(MOST_CONFIRMED);
    Ok(shown(
        render(&Hours {
            layout: page.layout(),
            csrf: caller.csrf.clone(),
            notice,
            none_confirmed: page.t.fill(
                "company.hours.none_confirmed",
                &[("days", &CONFIRMED_DAYS.to_string())],
            ),
            waiting: waiting.into_iter().map(|(_, row)| row).collect(),
            confirmed: confirmed.into_iter().map(|(_, row)| row).collect(),
        }),
        had_notice,
    ))
}

pub(super) async fn confirm(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    match service::agency::time::confirm(&store, &caller.actor(), id).await {
        Ok(_) => Ok(redirect_with_notice("/company/hours", "confirmed")),
        // Corrected or confirmed by someone else since the page was shown.
        Err(ServiceError::Store(StoreError::Refused(_) | StoreError::Conflict(_))) => {
            Ok(redirect_with_notice("/company/hours", "not_waiting"))
        }
        Err(e) => Err(e.into()),
    }
}
