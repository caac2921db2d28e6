//! A driver's route sheet: the day's stops in the order they drive them, numbered from 1
//! across their routes, each with what has been recorded there. Loading is one step and
//! the sheet itself is a pure function of the records, tested without a database.
//!
//! A site's reports of the day go to its visits in order (a site visited twice has its
//! second report on its second visit). A hub visit counts as unloaded once an unloading
//! is recorded there for the route (or, from before unloadings were read, once the waste
//! collected since the route's previous hub visit is marked as received by that hub);
//! it carries the grams collected on the way and the grams the hub weighed, so the page
//! can warn when they differ.

use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::waste::{Fraction, Outcome, PlaceKind, WastePlace};
use std::collections::{BTreeSet, HashMap};
use store::Store;
use store::waste::{DayPlan, Due, Pickup, UnloadRecord, WasteSite};

/// What a stop is.
#[derive(Debug, Clone, PartialEq)]
pub enum StopKind {
    /// A site to collect from; `site` is `None` when it was deleted since the plan.
    Site {
        site_id: i64,
        site: Option<WasteSite>,
        /// What to collect: what is due, or everything Flex Waste carries when the site
        /// is planned but no longer due (its subscription ended since).
        fractions: Vec<Fraction>,
    },
    /// A hub to unload at.
    Hub { place_id: i64, name: String },
    /// The depot, at the end of the day: nothing to record.
    Depot { name: String },
}

/// What has been recorded at a stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A site's report: the outcome, and the grams weighed (0 without waste).
    Report { outcome: Outcome, grams: i64 },
    /// A hub's unloading: the grams collected since the previous hub, and the grams the
    /// hub weighed (`None` when only the pickups say it was unloaded).
    Unloaded {
        collected: i64,
        weighed: Option<i64>,
    },
}

impl Recorded {
    /// An unloading whose weight differs from what was collected by more than
    /// `tolerance_percent` of what was collected: weigh again, or say why.
    pub fn unload_differs(&self, tolerance_percent: u32) -> bool {
        match *self {
            Recorded::Unloaded {
                collected,
                weighed: Some(weighed),
            } => {
                let off = i128::from(weighed - collected).abs() * 100;
                off > i128::from(collected) * i128::from(tolerance_percent)
            }
            _ => false,
        }
    }
}

/// One stop of the driver's day.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetStop {
    /// Its position in the day, from 1.
    pub number: usize,
    pub route_id: i64,
    pub vehicle_id: i64,
    pub kind: StopKind,
    pub address: String,
    /// Where it is, for the driver's navigation link: latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    /// The site's window, sites only.
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub arrives_at: DateTime<Utc>,
    pub expected_kg: u32,
    /// `None`: nothing recorded yet.
    pub recorded: Option<Recorded>,
}

/// The acting driver's stops on `date`, as the day's latest plan gives them routes; no
/// plan, or no route for them, is no stops.
pub async fn route_sheet(store: &Store, by: &Actor, date: NaiveDate) -> Result<Vec<SheetStop>> {
    let person = match by.role {
        Role::Driver => by
            .person()
            .ok_or_else(|| ServiceError::not_found("route"))?,
        _ => return Err(ServiceError::not_found("route")),
    };
    let Some(plan) = store.day_plan(date).await? else {
        return Ok(Vec::new());
    };
    if !plan.routes.iter().any(|r| r.driver_id == Some(person)) {
        return Ok(Vec::new());
    }
    let dues = store.pickups_due(date).await?;
    let places = store.waste_places().await?;
    let pickups = store.pickups(date, date).await?;
    let unloads = store.unloads_on(date).await?;
    let planned: BTreeSet<i64> = plan
        .routes
        .iter()
        .filter(|r| r.driver_id == Some(person))
        .flat_map(|r| r.visits.iter().filter_map(|v| v.site_id))
        .collect();
    let mut sites = HashMap::new();
    for site_id in planned {
        sites.insert(site_id, store::live(store.waste_site(site_id).await)?);
    }
    let records = DayRecords {
        dues: &dues,
        places: &places,
        pickups: &pickups,
        unloads: &unloads,
        sites: &sites,
    };
    Ok(sheet(plan, person, &records))
}

/// The records a sheet is drawn from.
pub struct DayRecords<'a> {
    pub dues: &'a [Due],
    pub places: &'a [WastePlace],
    pub pickups: &'a [Pickup],
    /// The day's unloadings, in the order made.
    pub unloads: &'a [UnloadRecord],
    /// Each planned site, `None` when deleted.
    pub sites: &'a HashMap<i64, Option<WasteSite>>,
}

/// One report of a site as stored: its rows share the time and the outcome.
#[derive(Debug, Clone)]
struct Report {
    outcome: Outcome,
    at: DateTime<Utc>,
    grams: i64,
    /// Where the collected waste went, once unloaded.
    received_by: Vec<Option<i64>>,
}

/// The day's pickup rows as reports, per site, oldest first.
fn reports(pickups: &[Pickup]) -> HashMap<i64, Vec<Report>> {
    let mut by_site: HashMap<i64, Vec<Report>> = HashMap::new();
    for row in pickups {
        let reports = by_site.entry(row.site_id).or_default();
        match reports.last_mut() {
            Some(last) if last.at == row.at && last.outcome == row.outcome => {
                last.grams += row.grams;
                last.received_by.push(row.received_by);
            }
            _ => reports.push(Report {
                outcome: row.outcome,
                at: row.at,
                grams: row.grams,
                received_by: vec![row.received_by],
            }),
        }
    }
    by_site
}

/// The sheet of `person`'s routes in `plan`, by route start.
pub fn sheet(plan: DayPlan, person: i64, records: &DayRecords) -> Vec<SheetStop> {
    let mut routes: Vec<_> = plan
        .routes
        .into_iter()
        .filter(|r| r.driver_id == Some(person))
        .collect();
    routes.sort_by_key(|r| (r.starts_at, r.id));
    let mut wanted: HashMap<i64, BTreeSet<Fraction>> = HashMap::new();
    for due in records.dues {
        wanted
            .entry(due.site.site_id)
            .or_default()
            .extend(due.fractions.iter().copied());
    }
    let places: HashMap<i64, &WastePlace> = records.places.iter().map(|p| (p.id, p)).collect();
    let reports = reports(records.pickups);
    let mut unloads: Vec<Option<&UnloadRecord>> = records.unloads.iter().map(Some).collect();
    let mut visits_of: HashMap<i64, usize> = HashMap::new();
    let mut out = Vec::new();
    for route in routes {
        // The reports collected since the last hub visit, to tell when they are unloaded.
        let mut since_unload: Vec<&Report> = Vec::new();
        for visit in route.visits {
            let mut stop = SheetStop {
                number: out.len() + 1,
                route_id: route.id,
                vehicle_id: route.vehicle_id,
                kind: StopKind::Depot {
                    name: String::new(),
                },
                address: String::new(),
                coordinates: None,
                window: visit.window,
                arrives_at: visit.arrives_at,
                expected_kg: visit.expected_kg,
                recorded: None,
            };
            if let Some(site_id) = visit.site_id {
                let site = records.sites.get(&site_id).cloned().flatten();
                stop.address = site.as_ref().map(|s| s.address.clone()).unwrap_or_default();
                stop.coordinates = site.as_ref().map(|s| (s.latitude, s.longitude));
                let fractions = match wanted.get(&site_id) {
                    Some(set) => set.iter().copied().collect(),
                    None => Fraction::COLLECTED.to_vec(),
                };
                let seen = visits_of.entry(site_id).or_default();
                let report = reports.get(&site_id).and_then(|r| r.get(*seen));
                *seen += 1;
                if let Some(report) = report {
                    stop.recorded = Some(Recorded::Report {
                        outcome: report.outcome,
                        grams: report.grams,
                    });
                    if report.outcome == Outcome::Collected {
                        since_unload.push(report);
                    }
                }
                stop.kind = StopKind::Site {
                    site_id,
                    site,
                    fractions,
                };
            } else if let Some(place_id) = visit.place_id {
                let place = places.get(&place_id);
                let name = place.map_or_else(String::new, |p| p.name.clone());
                stop.address = place.map(|p| p.address.clone()).unwrap_or_default();
                stop.coordinates = place.map(|p| (p.latitude, p.longitude));
                if place.is_some_and(|p| p.kind == PlaceKind::Depot) {
                    stop.kind = StopKind::Depot { name };
                } else {
                    // Each unloading answers one hub visit of its route, in order.
                    let record = unloads
                        .iter_mut()
                        .find(|u| {
                            u.is_some_and(|u| u.route_id == route.id && u.place_id == place_id)
                        })
                        .and_then(Option::take);
                    let received = since_unload
                        .iter()
                        .flat_map(|r| &r.received_by)
                        .any(|by| *by == Some(place_id));
                    if record.is_some() || received {
                        stop.recorded = Some(Recorded::Unloaded {
                            collected: since_unload.iter().map(|r| r.grams).sum(),
                            weighed: record.map(|u| u.grams),
                        });
                    }
                    since_unload.clear();
                    stop.kind = StopKind::Hub { place_id, name };
                }
            }
            out.push(stop);
        }
    }
    out
}
