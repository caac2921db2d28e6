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
use chrono::NaiveDate;
use domain::waste::{Fraction, Outcome};
use service::flexwaste;
use service::flexwaste::sheet::{Recorded, SheetStop, StopKind};
use std::collections::BTreeMap;
use store::Store;
use store::accounts::Role;

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
            Some(text) => domain::calendar::parse_date(text).map_err(|_| PageError::NotFound)?,
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
    /// Navigation to it: the phone's maps app (`geo:`) and OpenStreetMap's directions.
    pub geo: Option<String>,
    pub directions: Option<String>,
    /// The shop's phone, to call when it is closed: as shown, and as a `tel:` link.
    pub phone: Option<(String, String)>,
    /// "09:00–11:00", sites only.
    pub window: Option<String>,
    /// The planned arrival, "09:12".
    pub arrival: String,
    pub expected_kg: u32,
    /// The fractions to collect, in the page's language: "Pap, blød plast".
    pub collect: String,
    /// What has been recorded, in the page's language; `None` is not yet.
    pub state: Option<String>,
    /// A recorded site's report can still be corrected: the day is open.
    pub correctable: bool,
    /// The day is closed: nothing is recorded or corrected any more.
    pub closed: bool,
    /// An unloading that weighed more than the tolerance off what was collected.
    pub warning: Option<String>,
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
pub(crate) fn fraction_name(t: Tr, fraction: Fraction) -> &'static str {
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
    let tenths = domain::waste::kg_tenths(grams);
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

/// What a report says, in the page's language.
fn recorded_text(t: Tr, recorded: Recorded) -> String {
    match recorded {
        Recorded::Report {
            outcome: Outcome::Collected,
            grams,
        } => t.fill("driver.state_collected", &[("kg", &kilos(t, grams))]),
        Recorded::Report {
            outcome: Outcome::Nothing,
            ..
        } => t.get("driver.state_nothing").to_string(),
        Recorded::Report {
            outcome: Outcome::Closed,
            ..
        } => t.get("driver.state_closed").to_string(),
        Recorded::Report {
            outcome: Outcome::Contaminated,
            ..
        } => t.get("driver.state_contaminated").to_string(),
        Recorded::Unloaded { .. } => t.get("driver.state_unloaded").to_string(),
    }
}

/// The driver's day: the service's route sheet, whether the day is closed, and the
/// unloading tolerance that day.
struct Sheet {
    stops: Vec<SheetStop>,
    closed: bool,
    tolerance: u32,
}

async fn sheet_of(store: &Store, page: &Page, day: Day) -> Result<Sheet, PageError> {
    let (caller, _) = me(page)?;
    Ok(Sheet {
        stops: flexwaste::sheet::route_sheet(store, &caller.actor(), day.date).await?,
        closed: flexwaste::closing::state(store, day.date, page.today())
            .await?
            .is_closed(),
        tolerance: flexwaste::settings::on(day.date)?.unload_tolerance_percent,
    })
}

/// The driver's stops on `day` as the service's route sheet has them, in the page's
/// language. No plan, or no route for them, is no stops.
async fn stops(store: &Store, page: &Page, day: Day) -> Result<Vec<Stop>, PageError> {
    Ok(shown_all(page.t, day, sheet_of(store, page, day).await?))
}

fn shown_all(t: Tr, day: Day, sheet: Sheet) -> Vec<Stop> {
    sheet
        .stops
        .into_iter()
        .map(|s| shown(t, day, s, sheet.closed, sheet.tolerance))
        .collect()
}

/// The warning for an unloading that weighed more than `tolerance` per cent off what
/// was collected on the way.
fn unload_warning(t: Tr, recorded: Option<Recorded>, tolerance: u32) -> Option<String> {
    let r = recorded.filter(|r| r.unload_differs(tolerance))?;
    let Recorded::Unloaded {
        collected,
        weighed: Some(weighed),
    } = r
    else {
        return None;
    };
    Some(t.fill(
        "driver.unload_differs",
        &[
            ("weighed", &kilos(t, weighed)),
            ("collected", &kilos(t, collected)),
            ("percent", &tolerance.to_string()),
        ],
    ))
}

/// One stop of the sheet, ready to show; `closed` when the day is.
fn shown(t: Tr, day: Day, s: SheetStop, closed: bool, tolerance: u32) -> Stop {
    let site_recorded = matches!(s.kind, StopKind::Site { .. }) && s.recorded.is_some();
    let number = s.number;
    let phone = match &s.kind {
        StopKind::Site {
            site: Some(site), ..
        } => site.phone.clone(),
        _ => None,
    };
    let (what, title, collect) = match s.kind {
        StopKind::Site {
            site_id,
            site,
            fractions,
        } => {
            let names: Vec<&str> = fractions.iter().map(|f| fraction_name(t, *f)).collect();
            let title = match site {
                Some(site) => format!("{}, {}", site.company, site.name),
                None => t.get("driver.site_gone").to_string(),
            };
            (What::Site { site_id, fractions }, title, names.join(", "))
        }
        StopKind::Hub { place_id, name } => (
            What::Hub { place_id },
            t.fill("driver.unload_title", &[("place", &name)]),
            String::new(),
        ),
        StopKind::Depot { name } => (
            What::Depot,
            t.fill("driver.depot_title", &[("place", &name)]),
            String::new(),
        ),
    };
    Stop {
        number,
        label: t.fill("driver.stop_number", &[("number", &number.to_string())]),
        route_id: s.route_id,
        vehicle_id: s.vehicle_id,
        what,
        title,
        address: s.address,
        geo: s
            .coordinates
            .map(|(lat, lon)| crate::pages::geo_link(lat, lon)),
        directions: s
            .coordinates
            .map(|(lat, lon)| crate::pages::directions(lat, lon)),
        phone: phone.map(|p| {
            let dial: String = p
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            (p, format!("tel:{dial}"))
        }),
        window: s
            .window
            .map(|(from, to)| format!("{}–{}", clock(from), clock(to))),
        arrival: clock(s.arrives_at),
        expected_kg: s.expected_kg,
        collect,
        state: s.recorded.map(|r| recorded_text(t, r)),
        correctable: site_recorded && !closed,
        closed,
        warning: unload_warning(t, s.recorded, tolerance),
        href: format!("/route/stops/{number}{}", day.query()),
    }
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
