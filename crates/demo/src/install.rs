//! Putting a demo set into a store: the agency's records and Flex Waste's customers all or
//! nothing, then Flex Waste's subscriptions, fleet and history.

use crate::DemoSet;
use crate::flexwaste::{HistoryRoute, HistoryStop, skill_for};
use chrono::{DateTime, Datelike, IsoWeek, NaiveDate, Utc};
use domain::FieldError;
use domain::calendar::{ClockTime, TimeWindow};
use domain::task::TaskStatus;
use std::collections::HashMap;
use store::companies::CompanyFilter;
use store::people::PeopleFilter;
use store::seed::{Seed, SeedCount, SeedTask};
use store::time::TimeFilter;
use store::waste::{PickupReport, Route, Vehicle, Visit};
use store::{Actor, PageRequest, Store, StoreError};

impl DemoSet {
    /// The set as a store seed: indices stay indices, every task starts as requested. Flex
    /// Waste's shops come after the agency's companies, so company indices stay as they are.
    pub fn to_seed(&self) -> Seed {
        Seed {
            people: self
                .people
                .iter()
                .map(|p| (p.person.clone(), p.limits))
                .collect(),
            companies: self
                .companies
                .iter()
                .chain(self.flex_waste.shops.iter().map(|s| &s.company))
                .cloned()
                .collect(),
            agreements: self
                .agreements
                .iter()
                .map(|a| (a.company, a.agreement.clone()))
                .collect(),
            tasks: self
                .tasks
                .iter()
                .chain(&self.past_tasks)
                .map(|t| SeedTask {
                    company: t.company,
                    site: t.site,
                    request: t.request.clone(),
                    status: TaskStatus::Requested,
                })
                .collect(),
        }
    }
}

/// Stores the demo set in an empty database in one transaction: people, the agency's
/// companies and Flex Waste's shops, agreements and task requests.
pub async fn install(store: &Store, set: &DemoSet) -> Result<SeedCount, StoreError> {
    store.seed(&set.to_seed(), &Actor("demo".into())).await
}

/// What [`install_flex_waste`] stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlexWasteCount {
    /// Shops with a subscription.
    pub shops: usize,
    pub hubs: usize,
    pub vehicles: usize,
    /// Reports from shops in the history: collected, nothing, closed or contaminated.
    pub pickups: usize,
}

/// Stores Flex Waste's subscriptions, depot, hubs, vehicles and history through the store's
/// Flex Waste records, after [`install`] has stored the shops. Run it after the agency's past
/// weeks are planned and registered: each route gets a driver who holds the vehicle's skill
/// and is free then, or none.
pub async fn install_flex_waste(
    store: &Store,
    set: &DemoSet,
) -> Result<FlexWasteCount, StoreError> {
    let flex = &set.flex_waste;
    let by = Actor("demo".into());
    let site_of: HashMap<String, i64> = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?
        .items
        .into_iter()
        .filter_map(|c| Some((c.value.company.cvr.to_string(), *c.value.site_ids.first()?)))
        .collect();
    let mut sites = Vec::with_capacity(flex.shops.len());
    for shop in &flex.shops {
        let cvr = shop.company.cvr.to_string();
        let site = *site_of.get(&cvr).ok_or_else(|| {
            StoreError::Invalid(vec![FieldError::new(
                "cvr",
                format!(
                    "the demo's shop {} ({cvr}) is not stored; install the set first",
                    shop.company.name
                ),
            )])
        })?;
        store
            .add_subscription(
                site,
                &shop.subscription,
                shop.price_per_pickup_ore,
                0,
                shop.starts_on,
                &by,
            )
            .await?;
        sites.push(site);
    }
    store.add_waste_place(&flex.depot).await?;
    let mut hubs = Vec::with_capacity(flex.hubs.len());
    for hub in &flex.hubs {
        hubs.push(store.add_waste_place(hub).await?);
    }
    let mut vehicles = Vec::with_capacity(flex.vehicles.len());
    for vehicle in &flex.vehicles {
        vehicles.push(store.add_vehicle(vehicle).await?);
    }
    let mut drivers = Drivers::new(store, set).await?;
    let mut pickups = 0;
    for day in &flex.history {
        let routes: Vec<Route> = day
            .routes
            .iter()
            .map(|r| {
                let vehicle = &flex.vehicles[r.vehicle];
                Route {
                    id: 0,
                    vehicle_id: vehicles[r.vehicle],
                    driver_id: drivers.pick(set, day.day, r, vehicle),
                    distance_m: r.distance_m,
                    starts_at: r.starts_at,
                    ends_at: r.ends_at,
                    visits: r
                        .stops
                        .iter()
                        .map(|s| match s {
                            HistoryStop::Pickup(p) => Visit {
                                site_id: Some(sites[p.shop]),
                                place_id: None,
                                arrives_at: p.at,
                                window: Some(p.window),
                                expected_kg: p.expected_kg,
                            },
                            HistoryStop::Unload(u) => Visit {
                                site_id: None,
                                place_id: Some(hubs[u.hub]),
                                arrives_at: u.at,
                                window: None,
                                expected_kg: u32::try_from(u.grams / 1000).unwrap_or(u32::MAX),
                            },
                        })
                        .collect(),
                }
            })
            .collect();
        let unserved: Vec<(i64, String)> = day
            .unserved
            .iter()
            .map(|(shop, reason)| (sites[*shop], reason.clone()))
            .collect();
        store
            .save_day_plan(day.day, &routes, &unserved, &by)
            .await?;
        let plan = store.day_plan(day.day).await?.ok_or(StoreError::NotFound {
            what: "day plan",
            id: 0,
        })?;
        for (route, stored) in day.routes.iter().zip(&plan.routes) {
            for stop in &route.stops {
                match stop {
                    HistoryStop::Pickup(p) => {
                        let report = PickupReport {
                            submission: p.submission.clone(),
                            site_id: sites[p.shop],
                            day: day.day,
                            outcome: p.outcome,
                            weighed: p.weighed.clone(),
                            note: p.note.clone(),
                            at: p.at,
                            vehicle_id: stored.vehicle_id,
                            driver_id: stored.driver_id,
                        };
                        store.record_pickup(&report).await?;
                        pickups += 1;
                    }
                    HistoryStop::Unload(u) => {
                        store
                            .record_unload(&u.submission, stored.id, hubs[u.hub], u.grams, u.at)
                            .await?;
                    }
                }
            }
        }
    }
    Ok(FlexWasteCount {
        shops: flex.shops.len(),
        hubs: hubs.len(),
        vehicles: vehicles.len(),
        pickups,
    })
}

/// Who drives which route of the history: one of Flex Waste's drivers who holds the
/// vehicle's skill, is not away, is available then, has no registered work at the time,
/// drives no other route that day and stays within their weekly cap; the one who has
/// driven least so far, else no one.
struct Drivers {
    /// Index into the set's people, and stored id.
    people: Vec<(usize, i64)>,
    /// Registered work: person, from, to.
    busy: Vec<(i64, DateTime<Utc>, DateTime<Utc>)>,
    /// Minutes worked and driven per person and ISO week, against the weekly cap.
    week: HashMap<(i64, IsoWeek), i64>,
    driven: HashMap<i64, usize>,
    today: (Option<NaiveDate>, Vec<i64>),
}

impl Drivers {
    async fn new(store: &Store, set: &DemoSet) -> Result<Self, StoreError> {
        let ids: HashMap<String, i64> = store
            .people(&PeopleFilter::default(), PageRequest::all())
            .await?
            .items
            .into_iter()
            .map(|p| (p.value.email.to_string(), p.meta.id))
            .collect();
        let people = set
            .flex_waste
            .drivers
            .iter()
            .filter_map(|&i| Some((i, *ids.get(&set.people[i].person.email.to_string())?)))
            .collect();
        let days = || set.flex_waste.history.iter().map(|d| d.day);
        let busy = match (days().min(), days().max()) {
            (Some(first), Some(last)) => store
                .time_entries(&TimeFilter {
                    from: Some(first),
                    to: last.succ_opt(),
                    ..Default::default()
                })
                .await?
                .into_iter()
                .filter_map(|e| Some((e.person_id, e.started_at?, e.ended_at?)))
                .collect(),
            _ => Vec::new(),
        };
        let mut week = HashMap::new();
        for (person, from, to) in &busy {
            *week
                .entry((*person, from.date_naive().iso_week()))
                .or_default() += (*to - *from).num_minutes();
        }
        Ok(Self {
            people,
            busy,
            week,
            driven: HashMap::new(),
            today: (None, Vec::new()),
        })
    }

    fn pick(
        &mut self,
        set: &DemoSet,
        day: NaiveDate,
        route: &HistoryRoute,
        vehicle: &Vehicle,
    ) -> Option<i64> {
        if self.today.0 != Some(day) {
            self.today = (Some(day), Vec::new());
        }
        let skill = skill_for(&vehicle.kind);
        let span = TimeWindow::new(
            ClockTime::of(route.starts_at).minutes(),
            ClockTime::of(route.ends_at).minutes(),
        )
        .ok()?;
        let (starts, ends) = (route.starts_at, route.ends_at);
        let minutes = (ends - starts).num_minutes();
        let id = self
            .people
            .iter()
            .filter(|(index, id)| {
                let person = &set.people[*index].person;
                person.skills.contains(&skill)
                    && person.absences.on(day).is_none()
                    && person.availability.on(day.weekday()).any(|w| {
                        w.start_minutes() <= span.start_minutes()
                            && span.end_minutes() <= w.end_minutes()
                    })
                    && self.week.get(&(*id, day.iso_week())).copied().unwrap_or(0) + minutes
                        <= i64::from(person.weekly_cap.minutes())
                    && !self.today.1.contains(id)
                    && !self
                        .busy
                        .iter()
                        .any(|(p, from, to)| p == id && *from < ends && starts < *to)
            })
            .map(|(_, id)| *id)
            .min_by_key(|id| (self.driven.get(id).copied().unwrap_or(0), *id))?;
        *self.driven.entry(id).or_default() += 1;
        *self.week.entry((id, day.iso_week())).or_default() += minutes;
        self.today.1.push(id);
        Some(id)
    }
}
