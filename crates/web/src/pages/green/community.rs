//! `/green/communities/{id}`: a community — who to reach, where it meets, and every
//! activity with its results and follow-ups, the latest first.

use super::word;
use crate::pages::company::day_text;
use crate::pages::{Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use store::green::{Contact, Place};

struct FollowUpRow {
    id: i64,
    owner: String,
    due: String,
    note: String,
    /// "done on …: outcome", when done.
    done: Option<String>,
}

struct ActivityRow {
    id: i64,
    title: String,
    when: String,
    kind: String,
    topic: String,
    place: String,
    sdgs: String,
    people: i64,
    results: String,
    follow_ups: Vec<FollowUpRow>,
}

#[derive(Template)]
#[template(path = "green/community.html")]
struct CommunityPage {
    layout: Layout,
    id: i64,
    name: String,
    kind: String,
    description: String,
    contacts: Vec<Contact>,
    places: Vec<Place>,
    activities: Vec<ActivityRow>,
}

fn date(t: crate::pages::i18n::Tr, iso: &str) -> String {
    domain::calendar::parse_date(iso)
        .map(|d| day_text(t, d))
        .unwrap_or_default()
}

/// `GET /green/communities/{id}`.
pub async fn show(State(state): State<AppState>, page: Page, Path(id): Path<String>) -> PageResult {
    let id = crate::pages::cases::number(&id)?;
    let caller = page.caller()?;
    let t = page.t;
    let view = service::green::communities::view(&state.store, &caller.actor(), id).await?;
    let place_name = |place: Option<i64>| {
        view.places
            .iter()
            .find(|p| Some(p.id) == place)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let activities = view
        .activities
        .iter()
        .map(|logged| {
            let a = &logged.activity;
            let kind = match &a.project {
                Some(project) => word(t, "project", project),
                None => word(t, "activity", &a.kind),
            };
            let when = match (a.kind.as_str(), &a.ends_on) {
                ("project", Some(end)) => t.fill(
                    "green.project_ran",
                    &[("from", &date(t, &a.held_on)), ("to", &date(t, end))],
                ),
                ("project", None) => {
                    t.fill("green.project_runs", &[("from", &date(t, &a.held_on))])
                }
                _ => date(t, &a.held_on),
            };
            ActivityRow {
                id: a.id,
                title: a.title.clone(),
                when,
                kind,
                topic: word(t, "topic", &a.topic),
                place: place_name(a.place_id),
                sdgs: a.sdgs.join(", "),
                people: a.people_reached,
                results: a.results.clone(),
                follow_ups: logged
                    .follow_ups
                    .iter()
                    .map(|f| FollowUpRow {
                        id: f.id,
                        owner: f.owner.clone(),
                        due: date(t, &f.due_on),
                        note: f.note.clone(),
                        done: f.done_on.as_ref().map(|d| {
                            t.fill(
                                "green.follow_up_done",
                                &[("date", &date(t, d)), ("outcome", &f.outcome)],
                            )
                        }),
                    })
                    .collect(),
            }
        })
        .collect();
    let body = CommunityPage {
        layout: page.layout(),
        id,
        kind: word(t, "kind", &view.community.kind),
        name: view.community.name,
        description: view.community.description,
        contacts: view.contacts,
        places: view.places,
        activities,
    };
    Ok(render(&body).into_response())
}
