//! One task request on the board (`GET /week/tasks/{id}?week=…&date=…`): what it asks
//! for, its occurrences in the week with who is planned, and the candidates the engine
//! recommends for one occurrence, each with why — what `GET /api/tasks/{id}/candidates` answers.

use super::{Slot, board_href, day_label, locale, slot, starts_in, status_label, wanted};
use crate::pages::{Errors, FieldError, Layout, Page, PageError, PageResult, render};
use askama::Template;
use axum::extract::{Extension, Path, Query, State};
use axum::response::IntoResponse;
use chrono::Weekday;
use domain::actor::Actor;
use domain::calendar::{local_date, parse_date, parse_instant};
use domain::task::pick_date;
use service::agency::Week;
use service::agency::board::TaskBoard;
use std::collections::BTreeMap;
use store::Store;
use store::accounts::Role;
use store::companies::CompanyRecord;
use store::tasks::TaskRecord;

/// One occurrence in the week, with the link that shows its candidates.
struct Occurrence {
    day: String,
    slot: Slot,
    candidates_href: String,
    chosen: bool,
}

/// One recommended person.
struct Candidate {
    name: String,
    can_take: bool,
    start: Option<String>,
    why: Vec<String>,
}

#[derive(Template)]
#[template(path = "coordinator/board_task.html")]
struct TaskPage {
    layout: Layout,
    errors: Vec<FieldError>,
    title: String,
    board_href: String,
    details: Vec<(String, String)>,
    description: String,
    occurrences_title: String,
    occurrences: Vec<Occurrence>,
    /// The heading over the candidates, naming their occurrence; none without one this week.
    candidates_title: Option<String>,
    candidates: Vec<Candidate>,
    /// Why there are no candidates to show, when the engine could not rank any.
    candidates_note: Option<String>,
}

pub(super) async fn show(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    task_page(&store, &actor, &page, &id, &query).await
}

async fn task_page(
    store: &Store,
    actor: &Actor,
    page: &Page,
    id: &str,
    query: &BTreeMap<String, String>,
) -> PageResult {
    page.as_role(Role::Coordinator)?;
    let t = page.t;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let asked = |name: &str| query.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
    let mut errors = Errors::new();
    let date = asked("date").and_then(|text| {
        parse_date(text)
            .map_err(|_| {
                errors.push(
                    "candidates",
                    t.fill("board.date_invalid", &[("date", text)]),
                )
            })
            .ok()
    });
    let asked_week = match asked("week") {
        None => None,
        Some(text) => Week::parse(text)
            .map_err(|_| {
                errors.push(
                    "occurrences",
                    t.fill("board.task_week_invalid", &[("week", text)]),
                )
            })
            .ok(),
    };
    let TaskBoard {
        task,
        company,
        week,
        latest,
        people: names,
    } = service::agency::board::task(
        store,
        actor,
        id,
        asked_week.or(date.map(Week::of)),
        page.today(),
    )
    .await?;
    let record = &task.value;
    let slots: Vec<Slot> = starts_in(record, &week)
        .into_iter()
        .map(|start| {
            slot(
                t,
                latest.as_ref(),
                (&names, &Default::default()),
                &week,
                (id, record),
                start,
            )
        })
        .collect();
    // Without a date, the next occurrence: candidates for a day gone by help nobody.
    let today = page.today();
    let chosen = date
        .filter(|d| slots.iter().any(|s| s.date == *d))
        .or_else(|| pick_date(slots.iter().map(|s| s.date), today));
    let (mut candidates, mut candidates_note) = (Vec::new(), None);
    if let Some(on) = chosen {
        match service::agency::recommend::recommend(store, id, Some(on), today, actor).await {
            Ok(ranked) => {
                candidates =
                    ranked
                        .into_iter()
                        .map(|c| Candidate {
                            name: names.of(c.person),
                            can_take: c.can_take,
                            start: c.start.as_deref().and_then(|s| parse_instant(s).ok()).map(
                                |at| {
                                    format!(
                                        "{} {}",
                                        day_label(t, local_date(at), false),
                                        super::clock(at)
                                    )
                                },
                            ),
                            why: c.merits.iter().map(|m| super::why::merit(t, m)).collect(),
                        })
                        .collect();
                if candidates.is_empty() {
                    candidates_note = Some(t.get("board.no_candidates").to_string());
                }
            }
            // The occurrence is off the planner's list (cancelled, confirmed): say why.
            Err(service::ServiceError::Conflict(reason)) => {
                candidates_note =
                    Some(t.fill("board.candidates_unavailable", &[("reason", &reason)]));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let body = TaskPage {
        layout: page.layout(),
        errors: errors.into_vec(),
        title: record.request.title.clone(),
        board_href: board_href(&week),
        details: details(&company.value, page, record),
        description: record.request.description.clone(),
        occurrences_title: t.fill("board.occurrences_title", &[("week", &week.label)]),
        occurrences: slots
            .into_iter()
            .map(|s| Occurrence {
                day: day_label(t, s.date, true),
                candidates_href: format!("/week/tasks/{id}?week={}&date={}", week.label, s.date),
                chosen: Some(s.date) == chosen,
                slot: s,
            })
            .collect(),
        candidates_title: chosen
            .map(|d| t.fill("board.candidates_title", &[("day", &day_label(t, d, true))])),
        candidates,
        candidates_note,
    };
    Ok(render(&body).into_response())
}

/// What the request asks for, as label and value, in the page's language.
fn details(company: &CompanyRecord, page: &Page, record: &TaskRecord) -> Vec<(String, String)> {
    let t = page.t;
    let request = &record.request;
    let site = company
        .site_ids
        .iter()
        .zip(&company.company.sites)
        .find(|(id, _)| **id == request.site_id)
        .map(|(_, s)| format!("{}, {}", s.name, s.address.line))
        .unwrap_or_else(|| format!("#{}", request.site_id));
    let yes_no = |b: bool| t.get(if b { "board.yes" } else { "board.no" }).to_string();
    let first = request.start;
    let when = format!(
        "{} {}",
        day_label(t, local_date(first.earliest()), true),
        wanted(t, first, request.duration_minutes)
    );
    let recurs = match &request.recurrence {
        None => t.get("board.one_off").to_string(),
        Some(rule) => {
            let days: Vec<&str> = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ]
            .into_iter()
            .filter(|d| rule.includes(*d))
            .map(|d| super::weekday_name(t, d, true))
            .collect();
            t.fill(
                "board.recurs",
                &[
                    ("days", &days.join(", ")),
                    ("until", &rule.until().format("%d/%m/%Y").to_string()),
                ],
            )
        }
    };
    let skills: Vec<&str> = request
        .required_skills
        .iter()
        .map(|s| s.label(locale(t)))
        .collect();
    let minutes = request.duration_minutes.to_string();
    vec![
        (t.get("board.company").into(), company.company.name.clone()),
        (t.get("board.site").into(), site),
        (
            t.get("board.task_type").into(),
            request.task_type.label(locale(t)).into(),
        ),
        (
            t.get("board.status").into(),
            status_label(t, record.status).into(),
        ),
        (
            t.get("board.people_needed").into(),
            request.people_needed.to_string(),
        ),
        (
            t.get("board.duration").into(),
            t.fill("board.minutes", &[("minutes", &minutes)]),
        ),
        (t.get("board.first_start").into(), when),
        (t.get("board.recurrence").into(), recurs),
        (
            t.get("board.skills").into(),
            if skills.is_empty() {
                t.get("board.none").into()
            } else {
                skills.join(", ")
            },
        ),
        (
            t.get("board.lift").into(),
            t.fill("board.kg", &[("kg", &request.demand.lift_kg.to_string())]),
        ),
        (
            t.get("board.standing").into(),
            yes_no(request.demand.standing),
        ),
        (
            t.get("board.outdoors").into(),
            yes_no(request.demand.outdoors),
        ),
    ]
}
