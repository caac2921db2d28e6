//! The overview: the company's upcoming occurrences and who is coming.

use super::*;
use crate::pages::{Layout, Page, PageError, PageResult, clock, locale, render};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use chrono::Duration;
use domain::task::TaskStart;
use service::agency;
use std::collections::HashMap;
use store::Store;

/// The most occurrences the overview lists; a year of weekly tasks would bury the week.
pub(super) const MOST_VISITS: usize = 100;

/// One upcoming occurrence of a task request.
pub(super) struct Visit {
    /// ISO date for `<time datetime>`.
    iso_date: String,
    date: String,
    time: String,
    title: String,
    site: String,
    task_type: String,
    status: String,
    /// Who the week's latest plan sends; empty until planned.
    people: Vec<String>,
    task_id: i64,
    /// Requested or planned: the company may still cancel it.
    cancellable: bool,
}

#[derive(Template)]
#[template(path = "company/overview.html")]
pub(super) struct Overview {
    layout: Layout,
    csrf: String,
    notice: Option<String>,
    visits: Vec<Visit>,
    /// More occurrences than shown.
    /// Said when there are more visits than are listed.
    more: Option<String>,
    /// The link to the hours page, saying how many entries wait.
    hours_link: String,
}

pub(super) async fn overview(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
) -> PageResult {
    let notice = notice(page.t, &headers);
    let had_notice = notice.is_some();
    let (caller, _) = contact(&page)?;
    let by = caller.actor();
    let t = page.t;
    let now = page.now;
    let from = start_of_today(now);
    let record = agency::company::record(&store, &by).await?;
    let sites: HashMap<i64, String> = record
        .value
        .site_ids
        .iter()
        .copied()
        .zip(record.value.company.sites.iter().map(|s| s.name.clone()))
        .collect();
    let (coming, more) = agency::company::coming(&store, &by, from, MOST_VISITS).await?;
    let mut visits = Vec::with_capacity(coming.len());
    for visit in coming {
        let request = &visit.task.value.request;
        let date = visit.date;
        let duration = Duration::minutes(request.duration_minutes.into());
        let time = match (visit.people.first(), visit.occurrence) {
            // The plan has fixed when a window's work happens.
            (Some((_, start, end)), _) => format!("{}–{}", clock(*start), clock(*end)),
            (None, TaskStart::Fixed(start)) => {
                format!("{}–{}", clock(start), clock(start + duration))
            }
            (None, TaskStart::Window { earliest, latest }) => t.fill(
                "company.window",
                &[
                    ("from", &clock(earliest)),
                    ("to", &clock(latest)),
                    ("minutes", &request.duration_minutes.to_string()),
                ],
            ),
        };
        let mut people = Vec::new();
        for (name, _, _) in &visit.people {
            // Someone deleted since still came: a dash, not a failed page.
            let name = name.clone().unwrap_or_else(|| "–".to_string());
            if !people.contains(&name) {
                people.push(name);
            }
        }
        visits.push(Visit {
            iso_date: date.to_string(),
            date: day_text(t, date),
            time,
            title: request.title.clone(),
            site: sites.get(&request.site_id).cloned().unwrap_or_default(),
            task_type: request.task_type.label(locale(t)).to_string(),
            status: t.get(status_key(visit.task.value.status)).to_string(),
            people,
            task_id: visit.task.meta.id,
            cancellable: matches!(
                visit.task.value.status,
                domain::task::TaskStatus::Requested | domain::task::TaskStatus::Planned
            ),
        });
    }
    let waiting_hours = agency::company::hours(&store, &by, now)
        .await?
        .iter()
        .filter(|e| e.entry.waits_for_company())
        .count();
    let hours_link = if waiting_hours == 0 {
        t.get("company.overview.hours_none").to_string()
    } else {
        t.fill(
            "company.overview.hours_waiting",
            &[("count", &waiting_hours.to_string())],
        )
    };
    Ok(shown(
        render(&Overview {
            layout: page.layout(),
            csrf: caller.csrf.clone(),
            notice,
            visits,
            more: more.then(|| {
                t.fill(
                    "company.overview.more",
                    &[("count", &MOST_VISITS.to_string())],
                )
            }),
            hours_link,
        }),
        had_notice,
    ))
}

/// Cancels one of the company's own requests, then back to the overview with a notice.
pub(super) async fn cancel(
    State(store): State<Store>,
    page: Page,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    match agency::company::cancel_request(&store, &caller.actor(), id).await {
        Ok(_) => Ok(redirect_with_notice("/company", "cancelled")),
        // Worked or done meanwhile: the overview as it is now says so.
        Err(service::ServiceError::Conflict(_)) => {
            Ok(redirect_with_notice("/company", "not_cancellable"))
        }
        Err(e) => Err(e.into()),
    }
}
