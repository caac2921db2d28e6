//! What the coordinator's Flex Waste day page reads: the day's latest plan with the
//! sites, depot, hubs, vehicles and drivers it names, which stops have a pickup recorded,
//! and how a planning of the day stands (waiting, running, failed); and asking for one.

use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use domain::waste::{Vehicle, WastePlace};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use store::Store;
use store::waste::{DayPlan, WasteSite};

/// The background job that plans a day from the page.
pub const PLAN_JOB: &str = "plan_waste_day";

/// What a planning job is asked to do: the day. The same day asked for twice is the
/// same payload, so it is queued once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanJob {
    pub date: NaiveDate,
}

impl PlanJob {
    fn payload(date: NaiveDate) -> String {
        serde_json::to_string(&PlanJob { date }).unwrap_or_default()
    }

    /// The job's day, from its payload.
    pub fn read(payload: &str) -> Option<NaiveDate> {
        serde_json::from_str::<PlanJob>(payload)
            .ok()
            .map(|j| j.date)
    }
}

/// The job's work: the day planned as the page's button asks, within `seconds`, with
/// vehicles leaving at `now` at the earliest; the plan is recorded as the server's.
pub async fn run_plan(
    store: &Store,
    day: NaiveDate,
    seconds: f64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let by = Actor::agency("kommune (the day page)");
    super::plan_day(store, day, routing::Limits::time(seconds), 1, now, &by).await?;
    Ok(())
}

/// A day as the page shows it.
#[derive(Debug)]
pub struct DayBoard {
    pub day: NaiveDate,
    pub plan: Option<DayPlan>,
    pub sites: BTreeMap<i64, WasteSite>,
    pub places: BTreeMap<i64, WastePlace>,
    pub vehicles: BTreeMap<i64, Vehicle>,
    pub drivers: BTreeMap<i64, String>,
    /// Sites with a pickup recorded on the day.
    pub recorded: BTreeSet<i64>,
    /// Sites whose report was corrected, with when: the log of the day's corrections.
    pub corrected: Vec<(i64, chrono::DateTime<chrono::Utc>)>,
    /// The day's latest planning from the page, while it waits or runs, or when it failed.
    pub planning: Option<Planning>,
    /// Whether the day is open, or closed and how.
    pub state: super::closing::DayState,
}

/// The day's board, as it stands on `today`.
pub async fn day(store: &Store, by: &Actor, day: NaiveDate, today: NaiveDate) -> Result<DayBoard> {
    crate::records::agency_only(by, "day plan")?;
    let plan = store.day_plan(day).await?;
    let mut sites = BTreeMap::new();
    let mut drivers = BTreeMap::new();
    if let Some(plan) = &plan {
        // Collected first: the loop awaits, and the page's future must be sendable.
        let named: Vec<i64> = plan
            .routes
            .iter()
            .flat_map(|r| r.visits.iter().filter_map(|v| v.site_id))
            .chain(plan.unserved.iter().map(|(site, _)| *site))
            .collect();
        for site in named {
            if let std::collections::btree_map::Entry::Vacant(slot) = sites.entry(site) {
                slot.insert(store.waste_site(site).await?);
            }
        }
        let driving: Vec<i64> = plan.routes.iter().filter_map(|r| r.driver_id).collect();
        for id in driving {
            if let Some(person) = store::live(store.person(id).await)? {
                drivers.insert(id, person.value.name);
            }
        }
    }
    let next = day.succ_opt().unwrap_or(day);
    let recorded = store
        .pickups(day, next)
        .await?
        .into_iter()
        .filter(|p| p.day == day)
        .map(|p| p.site_id)
        .collect();
    Ok(DayBoard {
        day,
        sites,
        places: store
            .waste_places()
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        vehicles: store
            .vehicles()
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect(),
        drivers,
        recorded,
        corrected: store.pickup_corrections(day).await?,
        state: super::closing::state(store, day, today).await?,
        planning: planning(store, day).await?,
        plan,
    })
}

/// How the day's planning from the page stands: what the coordinator sees while it
/// waits or runs, and when it failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Planning {
    /// Asked for, not yet taken by a server.
    Waiting { asked: DateTime<Utc> },
    /// A server is planning it since `since`; it is done by `since` and the time limit.
    Running { since: DateTime<Utc> },
    /// The last planning failed at `at` (the plan shown, if any, is an earlier one).
    Failed { at: DateTime<Utc> },
}

impl Planning {
    /// The page waits for it: it is asked for or running.
    pub fn pending(&self) -> bool {
        !matches!(self, Planning::Failed { .. })
    }
}

async fn planning(store: &Store, day: NaiveDate) -> Result<Option<Planning>> {
    let Some(job) = store.latest_job(PLAN_JOB, &PlanJob::payload(day)).await? else {
        return Ok(None);
    };
    let at = |text: Option<&str>| text.and_then(|t| domain::calendar::parse_instant(t).ok());
    Ok(match job.status.as_str() {
        "due" => at(Some(&job.run_at)).map(|asked| Planning::Waiting { asked }),
        "running" => at(job.taken_at.as_deref()).map(|since| Planning::Running { since }),
        "failed" => at(job.finished_at.as_deref()).map(|at| Planning::Failed { at }),
        _ => None,
    })
}

/// Asks for `day` to be planned in the background (once: asked again while it waits,
/// nothing more is queued); the page shows the plan when the job has run. A closed day
/// is planned no more.
pub async fn ask_plan(
    store: &Store,
    by: &Actor,
    day: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    crate::records::agency_only(by, "day plan")?;
    super::closing::still_open(store, day, domain::calendar::local_date(now)).await?;
    let payload = PlanJob::payload(day);
    if !store.job_pending(PLAN_JOB, &payload).await? {
        store.schedule_job(PLAN_JOB, &payload, now).await?;
    }
    Ok(())
}
