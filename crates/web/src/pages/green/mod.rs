//! The green agents' pages.
//!
//! - this module: `/green`, the overview — the communities' places on a map drawn from
//!   their coordinates, a chart per topic of activities by month, the year's figures,
//!   the communities and the follow-ups due.
//! - [`community`]: a community's page with its contacts, places and activities.
//! - [`forms`]: the forms for a community, a contact, a place, an activity, a
//!   follow-up and a follow-up done.
//! - [`greener`]: "Making us greener" — the public pledge page and the agents' list.

pub mod community;
pub mod forms;
pub mod greener;

use crate::pages::chart::{self, Bar};
use crate::pages::i18n::Tr;
use crate::pages::map::{self, Pins};
use crate::pages::{Layout, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use domain::invoice::Period;
use service::green::TOPICS;
use service::green::figures::Month;

/// The agents' pages (for green agents and coordinators).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/green", get(overview))
        .route("/green/pledges", get(greener::pledges))
        .route("/green/communities/{id}", get(community::show))
        .merge(forms::routes())
}

/// The public pledge page, behind the per-address limit.
pub fn public_routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/greener", get(greener::form).post(greener::pledge))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::pages::public::limited,
        ))
}

/// How many months the overview looks back, this one included.
const MONTHS: i32 = 12;

/// A code's name from the `green` catalogue: `green.topic_mobility`.
pub fn word(t: Tr, prefix: &str, code: &str) -> String {
    t.get(&format!("green.{prefix}_{code}")).to_string()
}

/// A month as a chart's label: `11/26`.
fn short(period: Period) -> String {
    format!("{}/{:02}", period.month, period.year % 100)
}

struct CommunityRow {
    id: i64,
    name: String,
    kind: String,
    activities: usize,
}

struct FollowUpRow {
    community: i64,
    id: i64,
    due: String,
    owner: String,
    note: String,
    late: bool,
}

/// A place in the map's key.
struct Key {
    n: usize,
    colour: &'static str,
    place: String,
    community: String,
}

#[derive(Template)]
#[template(path = "green/overview.html")]
struct Overview {
    layout: Layout,
    figures: Vec<(String, String)>,
    pins: Option<Pins>,
    map_summary: String,
    key: Vec<Key>,
    charts: Vec<String>,
    topics: Vec<String>,
    table: Vec<(String, Vec<i64>)>,
    communities: Vec<CommunityRow>,
    follow_ups: Vec<FollowUpRow>,
}

/// The year's figures as the page says them.
fn figures(
    t: Tr,
    months: &[Month],
    campaign: &service::green::pledges::Campaign,
) -> Vec<(String, String)> {
    let sum = |f: fn(&Month) -> i64| months.iter().map(f).sum::<i64>().to_string();
    vec![
        (
            t.get("green.figure_activities").into(),
            sum(|m| m.activities),
        ),
        (
            t.get("green.figure_people").into(),
            sum(|m| m.people_reached),
        ),
        (
            t.get("green.figure_projects").into(),
            months.last().map_or(0, |m| m.projects_active).to_string(),
        ),
        (
            t.get("green.figure_pledges").into(),
            campaign.pledges.to_string(),
        ),
        (
            t.get("green.figure_co2").into(),
            t.fill(
                "green.kg_estimate",
                &[("kg", &format!("{:.0}", campaign.estimated_kg))],
            ),
        ),
    ]
}

/// A bar chart per topic of its activities by month.
fn charts(t: Tr, months: &[Month]) -> Vec<String> {
    TOPICS
        .iter()
        .map(|topic| {
            let bars: Vec<Bar> = months
                .iter()
                .map(|m| {
                    let n = m.topics.get(*topic).map_or(0, |(n, _)| *n);
                    Bar {
                        label: short(m.period),
                        value: n as f64,
                        text: n.to_string(),
                    }
                })
                .collect();
            let name = word(t, "topic", topic);
            let total: f64 = bars.iter().map(|b| b.value).sum();
            chart::bars(
                &format!("topic-{topic}"),
                &t.fill("green.chart_title", &[("topic", &name)]),
                &t.fill(
                    "green.chart_summary",
                    &[("topic", &name), ("count", &total.to_string())],
                ),
                &bars,
            )
        })
        .collect()
}

/// `GET /green`.
async fn overview(State(state): State<AppState>, page: Page) -> PageResult {
    let caller = page.caller()?;
    let by = caller.actor();
    let t = page.t;
    let store = &state.store;
    let months = service::green::figures::recent(store, Period::of(page.today()), MONTHS).await?;
    let campaign = service::green::pledges::campaign(store).await?;
    let communities = service::green::communities::all(store, &by).await?;
    let activities = store.activities(None).await?;
    let places = store.community_places(None).await?;
    let group = |id: i64| communities.iter().position(|c| c.id == id).unwrap_or(0);
    let named = |id: i64| {
        communities
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let pinned: Vec<_> = places
        .iter()
        .map(|p| {
            (
                p.latitude,
                p.longitude,
                p.name.clone(),
                group(p.community_id),
            )
        })
        .collect();
    let pins = map::of_places(&pinned);
    let key = pins
        .iter()
        .flat_map(|m| &m.pins)
        .zip(&places)
        .map(|(pin, place)| Key {
            n: pin.n,
            colour: pin.colour,
            place: place.name.clone(),
            community: named(place.community_id),
        })
        .collect();
    let mut follow_ups = Vec::new();
    for f in store.follow_ups(None).await? {
        let Some(activity) = activities.iter().find(|a| a.id == f.activity_id) else {
            continue;
        };
        let due = domain::calendar::parse_date(&f.due_on).ok();
        follow_ups.push(FollowUpRow {
            community: activity.community_id,
            id: f.id,
            due: due
                .map(|d| crate::pages::company::day_text(t, d))
                .unwrap_or_default(),
            late: due.is_some_and(|d| d < page.today()),
            owner: f.owner,
            note: f.note,
        });
    }
    let body = Overview {
        layout: page.layout(),
        figures: figures(t, &months, &campaign),
        map_summary: t.fill(
            "green.map_summary",
            &[
                ("places", &places.len().to_string()),
                ("communities", &communities.len().to_string()),
            ],
        ),
        pins,
        key,
        charts: charts(t, &months),
        topics: TOPICS.iter().map(|c| word(t, "topic", c)).collect(),
        table: months
            .iter()
            .rev()
            .map(|m| {
                let counts = TOPICS
                    .iter()
                    .map(|c| m.topics.get(*c).map_or(0, |(n, _)| *n))
                    .collect();
                (short(m.period), counts)
            })
            .collect(),
        communities: communities
            .iter()
            .map(|c| CommunityRow {
                id: c.id,
                name: c.name.clone(),
                kind: word(t, "kind", &c.kind),
                activities: activities.iter().filter(|a| a.community_id == c.id).count(),
            })
            .collect(),
        follow_ups,
    };
    Ok(render(&body).into_response())
}
