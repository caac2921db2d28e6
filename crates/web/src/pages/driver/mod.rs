//! The driver's route sheet for Flex Waste, made for a phone on a flaky connection: the
//! day's stops in order, and one stop per screen with what happened there.
//!
//! - [`sheet`]: `/route`, the day's stops — where, the window, the planned arrival, what to
//!   collect, and what has been recorded so far.
//! - [`stop`]: `/route/stops/{position}`, one stop: the weighing form at a site (kg per
//!   fraction, or nothing, closed, contaminated), the unloading form at a hub.
//!
//! The route is read from the latest plan of the day (Copenhagen date; `?date=YYYY-MM-DD`
//! shows another day, for tests), and is the driver's only when the plan gives it to their
//! person; another driver's stops are not found. Every form carries a `submission` id made
//! when it is shown, so a resent form counts once (the store recognises the id), and a stop
//! already recorded is not recorded again.

pub mod sheet;
pub mod stop;

use super::i18n::Tr;
use super::{Page, PageError, clock};
use crate::access::Caller;
use crate::state::AppState;
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use domain::waste::Fraction;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use store::accounts::Role;
use store::waste::{Outcome, Pickup, PlaceKind, WastePlace, WasteSite};
use store::{Store, StoreError};

/// The driver's menu: (path, catalogue key).
pub const MENU: &[(&str, &str)] = &[("/route", "driver.nav")];

pub fn routes() -> Router<AppState> {
    Router::new().merge(sheet::routes()).merge(stop::routes())
}

/// The signed-in driver and the person they are. An account without a person has no
/// route, so its pages are not found.
fn me(page: &Page) -> Result<(&Caller, i64), PageError> {
    let caller = page.as_role(Role::Driver)?;
    let person = caller.person().ok_or(PageError::NotFound)?;
    Ok((caller, person))
}

/// The day a page is about: today in Copenhagen, or the `date` of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    date: NaiveDate,
    today: bool,
}

impl Day {
    /// From the query: a `date` that is not a date names nothing.
    fn of(query: &BTreeMap<String, String>, today: NaiveDate) -> Result<Day, PageError> {
        let date = match query.get("date").map(|d| d.trim()) {
            None | Some("") => today,
            Some(text) => {
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| PageError::NotFound)?
            }
        };
        Ok(Day {
            date,
            today: date == today,
        })
    }

    /// The query that keeps this day on the next page: empty for today.
    fn query(self) -> String {
        if self.today {
            String::new()
        } else {
            format!("?date={}", self.date)
        }
    }

    /// The route sheet after stop `number` was sent: a notice, `again` if it had been
    /// recorded before.
    fn sheet_after(self, number: usize, again: bool) -> String {
        let mut to = format!("/route?done={number}");
        if again {
            to.push_str("&again=1");
        }
        if !self.today {
            to.push_str(&format!("&date={}", self.date));
        }
        to
    }
}

/// What a stop is.
#[derive(Debug, Clone, PartialEq)]
enum What {
    /// A site to collect from, and the fractions to collect there.
    Site {
        site_id: i64,
        fractions: Vec<Fraction>,
    },
    /// A hub to unload at.
    Hub { place_id: i64 },
    /// The depot, at the end of the day: nothing to record.
    Depot,
}

/// One stop of the driver's day, ready to show.
#[derive(Debug, Clone)]
pub struct Stop {
    /// Its position in the day, from 1.
    pub number: usize,
    /// "Stop 3".
    pub label: String,
    route_id: i64,
    vehicle_id: i64,
    what: What,
    /// "Salling Aalborg, Butik Nytorv" or "Unload at Salling".
    pub title: String,
    pub address: String,
    /// "09:00–11:00", sites only.
    pub window: Option<String>,
    /// The planned arrival, "09:12".
    pub arrival: String,
    pub expected_kg: u32,
    /// The fractions to collect, in the page's language: "Pap, blød plast".
    pub collect: String,
    /// What has been recorded, in the page's language; `None` is not yet.
    pub state: Option<String>,
    /// The stop's page, with the day's query.
    pub href: String,
}

impl Stop {
    pub fn is_site(&self) -> bool {
        matches!(self.what, What::Site { .. })
    }

    pub fn is_hub(&self) -> bool {
        matches!(self.what, What::Hub { .. })
    }

    pub fn done(&self) -> bool {
        self.state.is_some()
    }

    fn fractions(&self) -> &[Fraction] {
        match &self.what {
            What::Site { fractions, .. } => fractions,
            _ => &[],
        }
    }
}

/// A fraction's name in the page's language, "Pap".
fn fraction_name(t: Tr, fraction: Fraction) -> &'static str {
    t.get(match fraction {
        Fraction::Food => "driver.fraction_food",
        Fraction::Paper => "driver.fraction_paper",
        Fraction::Cardboard => "driver.fraction_cardboard",
        Fraction::Glass => "driver.fraction_glass",
        Fraction::Metal => "driver.fraction_metal",
        Fraction::Plastic => "driver.fraction_plastic",
        Fraction::SoftPlastic => "driver.fraction_soft_plastic",
        Fraction::HardPlastic => "driver.fraction_hard_plastic",
        Fraction::FoodAndDrinkCartons => "driver.fraction_cartons",
        Fraction::Hazardous => "driver.fraction_hazardous",
        Fraction::Textile => "driver.fraction_textile",
        Fraction::Residual => "driver.fraction_residual",
    })
}

/// Grams as kilograms with one decimal as the page's language writes them: "12,5".
fn kilos(t: Tr, grams: i64) -> String {
    let tenths = (grams + 50).div_euclid(100);
    let text = if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    match t.lang {
        super::i18n::Lang::Da => text.replace('.', ","),
        super::i18n::Lang::En => text,
    }
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

/// What a report says, in the page's language.
fn report_text(t: Tr, report: &Report) -> String {
    match report.outcome {
        Outcome::Collected => t.fill("driver.state_collected", &[("kg", &kilos(t, report.grams))]),
        Outcome::Nothing => t.get("driver.state_nothing").to_string(),
        Outcome::Closed => t.get("driver.state_closed").to_string(),
        Outcome::Contaminated => t.get("driver.state_contaminated").to_string(),
    }
}

/// The driver's stops on `day`, numbered from 1 across their routes (by start), with
/// what has been recorded at each. No plan, or no route for them, is no stops.
///
/// A site's reports of the day are given to its visits in order (a site visited twice
/// has its second report on its second visit). A hub visit counts as unloaded once the
/// waste collected since the route's previous hub visit is marked as received by it.
async fn stops(store: &Store, t: Tr, person: i64, day: Day) -> Result<Vec<Stop>, StoreError> {
    let Some(plan) = store.day_plan(day.date).await? else {
        return Ok(Vec::new());
    };
    let mut routes: Vec<_> = plan
        .routes
        .into_iter()
        .filter(|r| r.driver_id == Some(person))
        .collect();
    if routes.is_empty() {
        return Ok(Vec::new());
    }
    routes.sort_by_key(|r| (r.starts_at, r.id));
    let mut wanted: HashMap<i64, BTreeSet<Fraction>> = HashMap::new();
    for due in store.pickups_due(day.date).await? {
        wanted
            .entry(due.site.site_id)
            .or_default()
            .extend(due.fractions);
    }
    let places: HashMap<i64, WastePlace> = store
        .waste_places()
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let reports = reports(&store.pickups(day.date, day.date).await?);
    let mut sites: HashMap<i64, Option<WasteSite>> = HashMap::new();
    let mut visits_of: HashMap<i64, usize> = HashMap::new();
    let mut out = Vec::new();
    for route in routes {
        // The reports collected since the last hub visit, to tell when they are unloaded.
        let mut since_unload: Vec<&Report> = Vec::new();
        for visit in route.visits {
            let number = out.len() + 1;
            let mut stop = Stop {
                number,
                label: t.fill("driver.stop_number", &[("number", &number.to_string())]),
                route_id: route.id,
                vehicle_id: route.vehicle_id,
                what: What::Depot,
                title: String::new(),
                address: String::new(),
                window: visit
                    .window
                    .map(|(from, to)| format!("{}–{}", clock(from), clock(to))),
                arrival: clock(visit.arrives_at),
                expected_kg: visit.expected_kg,
                collect: String::new(),
                state: None,
                href: format!("/route/stops/{number}{}", day.query()),
            };
            if let Some(site_id) = visit.site_id {
                let site = match sites.get(&site_id) {
                    Some(known) => known.clone(),
                    None => {
                        let found = match store.waste_site(site_id).await {
                            Ok(site) => Some(site),
                            Err(StoreError::NotFound { .. }) => None,
                            Err(e) => return Err(e),
                        };
                        sites.insert(site_id, found.clone());
                        found
                    }
                };
                let fractions: Vec<Fraction> = match wanted.get(&site_id) {
                    Some(set) => set.iter().copied().collect(),
                    // Planned, but no longer due (the subscription ended since): offer
                    // everything Flex Waste carries.
                    None => Fraction::COLLECTED.to_vec(),
                };
                let names: Vec<&str> = fractions.iter().map(|f| fraction_name(t, *f)).collect();
                stop.collect = names.join(", ");
                match site {
                    Some(site) => {
                        stop.title = format!("{}, {}", site.company, site.name);
                        stop.address = site.address;
                    }
                    None => stop.title = t.get("driver.site_gone").to_string(),
                }
                let seen = visits_of.entry(site_id).or_default();
                let report = reports.get(&site_id).and_then(|r| r.get(*seen));
                *seen += 1;
                if let Some(report) = report {
                    stop.state = Some(report_text(t, report));
                    if report.outcome == Outcome::Collected {
                        since_unload.push(report);
                    }
                }
                stop.what = What::Site { site_id, fractions };
            } else if let Some(place_id) = visit.place_id {
                let place = places.get(&place_id);
                let name = place.map_or("", |p| p.name.as_str());
                stop.address = place.map(|p| p.address.clone()).unwrap_or_default();
                if place.is_some_and(|p| p.kind == PlaceKind::Depot) {
                    stop.title = t.fill("driver.depot_title", &[("place", name)]);
                } else {
                    stop.title = t.fill("driver.unload_title", &[("place", name)]);
                    let unloaded = since_unload
                        .iter()
                        .flat_map(|r| &r.received_by)
                        .any(|by| *by == Some(place_id));
                    if unloaded {
                        stop.state = Some(t.get("driver.state_unloaded").to_string());
                    }
                    since_unload.clear();
                    stop.what = What::Hub { place_id };
                }
            }
            out.push(stop);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::{Lang, load};

    #[test]
    fn kilos_read_as_people_write_them() {
        assert_eq!(kilos(Tr::new(Lang::Da), 12_500), "12,5");
        assert_eq!(kilos(Tr::new(Lang::En), 12_500), "12.5");
        assert_eq!(kilos(Tr::new(Lang::Da), 12_000), "12");
        assert_eq!(kilos(Tr::new(Lang::Da), 0), "0");
        assert_eq!(kilos(Tr::new(Lang::Da), 1_049), "1");
    }

    #[test]
    fn a_day_comes_from_the_query_or_is_today() {
        let mut query = BTreeMap::new();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let today = Day::of(&query, monday).unwrap();
        assert!(today.today);
        assert_eq!(today.query(), "");
        assert_eq!(today.sheet_after(3, false), "/route?done=3");
        query.insert("date".to_string(), "2026-12-01".to_string());
        let day = Day::of(&query, monday).unwrap();
        assert_eq!(day.query(), "?date=2026-12-01");
        assert_eq!(
            day.sheet_after(3, true),
            "/route?done=3&again=1&date=2026-12-01"
        );
        query.insert("date".to_string(), "yesterday".to_string());
        assert!(Day::of(&query, monday).is_err());
    }

    /// The catalogue test in `i18n` reads only keys written as `t.get("…")`; the driver's
    /// pages also pass keys around as values, so every `"driver.…"` written in their code
    /// and templates must be in both catalogues.
    #[test]
    fn every_driver_key_exists_in_both_languages() {
        let (da, en) = (load(Lang::Da).unwrap(), load(Lang::En).unwrap());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys = Vec::new();
        for dir in ["templates/driver", "src/pages/driver"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                for piece in text.split("\"driver.").skip(1) {
                    let rest = piece.split('"').next().unwrap_or_default();
                    let is_key = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
                    if !rest.is_empty() && rest.chars().all(is_key) {
                        keys.push(format!("driver.{rest}"));
                    }
                }
            }
        }
        assert!(keys.len() > 40, "{keys:?}");
        let missing: Vec<&String> = keys
            .iter()
            .filter(|k| !da.contains_key(*k) || !en.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "keys missing: {missing:?}");
        for lang in [Lang::Da, Lang::En] {
            for f in Fraction::ALL {
                let name = fraction_name(Tr::new(lang), f);
                assert!(!name.starts_with("driver."), "{f} has no name in {lang:?}");
            }
        }
    }
}
