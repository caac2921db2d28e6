//! What the green agents do with a community — a dialogue, a workshop, a campaign stand,
//! or a project that runs for a while — and what they agreed to follow up. A follow-up
//! done may confirm the pledges it found kept.

use super::{ACTIVITY_KINDS, PROJECTS, TOPICS, agents_only};
use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use domain::calendar::parse_date;
use domain::contact::{optional_text, required_text};
use domain::problem::Errors;
use store::Store;
use store::green::activities::{Activity, FollowUp};

/// An activity as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActivityRequest {
    pub community_id: i64,
    /// One of the community's places, or none.
    pub place_id: Option<i64>,
    /// dialogue, workshop, stand or project.
    pub kind: String,
    /// A project's kind (ebike_pool, sorting, biodiversity, climate_plan); only for a project.
    pub project: String,
    /// 1–200 characters.
    pub title: String,
    /// The day, `2026-05-20`, or a project's first day; not after today.
    pub held_on: String,
    /// A project's last day, or empty while it runs; not before `held_on`.
    pub ends_on: String,
    /// mobility, waste, biodiversity, climate, recycling or energy.
    pub topic: String,
    /// Goals 1–17.
    pub sdgs: Vec<String>,
    /// 0–100,000.
    pub people_reached: i64,
    /// Up to 4,000 characters.
    pub results: String,
}

async fn checked(store: &Store, r: &ActivityRequest, today: NaiveDate) -> Result<Activity> {
    let mut e = Errors::new();
    if store.community(r.community_id).await.is_err() {
        e.push("community_id", "is no community");
    }
    if let Some(place) = r.place_id {
        let places = store.community_places(Some(r.community_id)).await?;
        if !places.iter().any(|p| p.id == place) {
            e.push("place_id", "is no place of the community");
        }
    }
    if !ACTIVITY_KINDS.contains(&r.kind.as_str()) {
        e.push("kind", "must be dialogue, workshop, stand or project");
    }
    let project = r.project.trim();
    let project = match (r.kind == "project", project.is_empty()) {
        (true, _) if PROJECTS.contains(&project) => Some(project.to_string()),
        (true, _) => {
            e.push(
                "project",
                "must be ebike_pool, sorting, biodiversity or climate_plan",
            );
            None
        }
        (false, true) => None,
        (false, false) => {
            e.push("project", "is only for a project");
            None
        }
    };
    let title = e.check("title", required_text(&r.title, 200));
    let held_on = e.check("held_on", parse_date(&r.held_on));
    if held_on.is_some_and(|d| d > today) {
        e.push("held_on", "must not be after today");
    }
    let ends_on = match (r.ends_on.trim(), r.kind == "project") {
        ("", _) => Some(None),
        (_, false) => {
            e.push("ends_on", "is only for a project");
            None
        }
        (text, true) => e.check("ends_on", parse_date(text)).map(Some),
    };
    if let (Some(start), Some(Some(end))) = (held_on, ends_on)
        && end < start
    {
        e.push("ends_on", "must not be before held_on");
    }
    if !TOPICS.contains(&r.topic.as_str()) {
        e.push(
            "topic",
            "must be mobility, waste, biodiversity, climate, recycling or energy",
        );
    }
    for (i, goal) in r.sdgs.iter().enumerate() {
        if indicators::sdg::goal_of(goal).is_none() || goal.contains('.') {
            e.push(&format!("sdgs[{i}]"), "must be a goal from 1 to 17");
        }
    }
    if !(0..=100_000).contains(&r.people_reached) {
        e.push("people_reached", "must be 0 to 100000");
    }
    let results = e.check("results", optional_text(&r.results, 4000));
    e.finish(|| {
        Some(Activity {
            community_id: r.community_id,
            place_id: r.place_id,
            kind: r.kind.clone(),
            project: project.clone(),
            title: title?,
            held_on: held_on?.to_string(),
            ends_on: ends_on?.map(|d| d.to_string()),
            topic: r.topic.clone(),
            sdgs: r.sdgs.clone(),
            people_reached: r.people_reached,
            results: results?,
            ..Activity::default()
        })
    })
    .map_err(ServiceError::Invalid)
}

/// Logs an activity; answers its id.
pub async fn add(
    store: &Store,
    by: &Actor,
    r: &ActivityRequest,
    now: DateTime<Utc>,
) -> Result<i64> {
    agents_only(by)?;
    let activity = checked(store, r, domain::calendar::local_date(now)).await?;
    Ok(store.add_activity(&activity, now).await?)
}

/// Changes an activity: results and people reached recorded later, a project ended.
/// Its community stays.
pub async fn change(
    store: &Store,
    by: &Actor,
    id: i64,
    r: &ActivityRequest,
    now: DateTime<Utc>,
) -> Result<()> {
    agents_only(by)?;
    let was = store.activity(id).await?;
    let r = ActivityRequest {
        community_id: was.community_id,
        ..r.clone()
    };
    let activity = checked(store, &r, domain::calendar::local_date(now)).await?;
    Ok(store
        .change_activity(&Activity { id, ..activity }, now)
        .await?)
}

/// One activity, for its form.
pub async fn one(store: &Store, by: &Actor, id: i64) -> Result<Activity> {
    agents_only(by)?;
    Ok(store.activity(id).await?)
}

/// A follow-up as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FollowUpRequest {
    /// Who sees to it, 1–200 characters.
    pub owner: String,
    /// By when, an ISO date.
    pub due_on: String,
    /// What is to happen, 1–2,000 characters.
    pub note: String,
}

/// Adds a follow-up to an activity; answers its id.
pub async fn follow_up(
    store: &Store,
    by: &Actor,
    activity_id: i64,
    r: &FollowUpRequest,
) -> Result<i64> {
    agents_only(by)?;
    store.activity(activity_id).await?;
    let mut e = Errors::new();
    let owner = e.check("owner", required_text(&r.owner, 200));
    let due_on = e.check("due_on", parse_date(&r.due_on));
    let note = e.check("note", required_text(&r.note, 2000));
    let f = e
        .finish(|| {
            Some(FollowUp {
                activity_id,
                owner: owner?,
                due_on: due_on?.to_string(),
                note: note?,
                ..FollowUp::default()
            })
        })
        .map_err(ServiceError::Invalid)?;
    Ok(store.add_follow_up(&f).await?)
}

/// A follow-up done, as asked for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DoneRequest {
    /// The day it was done, not after today.
    pub done_on: String,
    /// What came of it, 1–2,000 characters.
    pub outcome: String,
    /// Pledges found kept: each of the activity's community or of none, not confirmed yet.
    pub pledges: Vec<i64>,
}

/// Marks a follow-up done and confirms the pledges it found kept, all or nothing.
pub async fn done(
    store: &Store,
    by: &Actor,
    id: i64,
    r: &DoneRequest,
    now: DateTime<Utc>,
) -> Result<()> {
    agents_only(by)?;
    let follow_up = store.follow_up(id).await?;
    let activity = store.activity(follow_up.activity_id).await?;
    let mut e = Errors::new();
    if follow_up.done_on.is_some() {
        e.push("done_on", "the follow-up is done already");
    }
    let done_on = e.check("done_on", parse_date(&r.done_on));
    if done_on.is_some_and(|d| d > domain::calendar::local_date(now)) {
        e.push("done_on", "must not be after today");
    }
    let outcome = e.check("outcome", required_text(&r.outcome, 2000));
    let pledges = store.pledges().await?;
    for (i, id) in r.pledges.iter().enumerate() {
        let fits = pledges.iter().any(|p| {
            p.id == *id
                && p.confirmed_on.is_none()
                && p.community_id.is_none_or(|c| c == activity.community_id)
        });
        if !fits {
            e.push(
                &format!("pledges[{i}]"),
                "is no open pledge of the community",
            );
        }
    }
    let (done_on, outcome) = e
        .finish(|| Some((done_on?, outcome?)))
        .map_err(ServiceError::Invalid)?;
    Ok(store
        .finish_follow_up(id, &done_on.to_string(), &outcome, &r.pledges)
        .await?)
}
