//! The overview: the company's upcoming occurrences and who is coming.

use super::*;
use crate::pages::{Layout, Page, PageResult, clock, locale, render};
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use chrono::{DateTime, Duration, Utc};
use domain::calendar::local_date;
use domain::task::TaskStart;
use std::collections::HashMap;
use store::tasks::TaskFilter;
use store::time::EntryStatus;
use store::{PageRequest, Store};

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
}

#[derive(Template)]
#[template(path = "company/overview.html")]
pub(super) struct Overview {
    layout: Layout,
    notice: Option<String>,
    visits: Vec<Visit>,
    /// More occurrences than shown.
    more: bool,
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
    let (_, company) = contact(&page)?;
    let t = page.t;
    let now = page.now;
    let from = start_of_today(now);
    let record = store.company(company).await?;
    let sites: HashMap<i64, String> = record
        .value
        .site_ids
        .iter()
        .copied()
        .zip(record.value.company.sites.iter().map(|s| s.name.clone()))
        .collect();
    let filter = TaskFilter {
        company_id: Some(company),
        from: Some(from),
        ..Default::default()
    };
    let tasks = store.tasks(&filter, PageRequest::all()).await?.items;
    let mut starts: Vec<(DateTime<Utc>, usize, TaskStart)> = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        let request = &task.value.request;
        for occurrence in request.occurrences() {
            if occurrence.earliest() >= from {
                starts.push((occurrence.earliest(), i, occurrence));
            }
        }
    }
    starts.sort_by_key(|(at, i, _)| (*at, *i));
    let more = starts.len() > MOST_VISITS;
    starts.truncate(MOST_VISITS);
    let (mut plans, mut names) = (Plans::default(), Names::default());
    let mut visits = Vec::with_capacity(starts.len());
    for (at, i, occurrence) in starts {
        let task = &tasks[i];
        let request = &task.value.request;
        let date = local_date(at);
        let duration = Duration::minutes(request.duration_minutes.into());
        let assigned: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = plans
            .of(&store, date)
            .await?
            .iter()
            .flat_map(|p| p.plan.assignments.iter())
            .filter(|a| a.task_id == task.meta.id && a.occurrence == date)
            .map(|a| (a.person_id, a.start, a.end))
            .collect();
        let time = match (assigned.first(), occurrence) {
            // The plan has fixed when a window's work happens.
            (Some((_, start, end)), _) => format!("{}–{}", clock(*start), clock(*end)),
            (None, TaskStart::Fixed(start)) => {
                format!("{}–{}", clock(start), clock(start + duration))
            }
            (None, TaskStart::Window { earliest, latest }) => t.fill(
                "company.window",
                &[
                    ("from", &clock(earliest)),
                    ("to", &clock(latest + duration)),
                    ("minutes", &request.duration_minutes.to_string()),
                ],
            ),
        };
        let mut people = Vec::new();
        for (person, _, _) in &assigned {
            let name = names.of(&store, *person).await?;
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
            status: t.get(status_key(task.value.status)).to_string(),
            people,
        });
    }
    let waiting_hours = store
        .company_time_entries(company, now)
        .await?
        .iter()
        .filter(|e| e.status == EntryStatus::Registered)
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
            notice,
            visits,
            more,
            hours_link,
        }),
        had_notice,
    ))
}
