//! One working day of the demo's history driven: each vehicle from the depot through its
//! shops, unloading at the hubs, with what the drivers found at every stop.

use super::Shop;
use super::history::{HistoryPickup, HistoryRoute, HistoryStop, HistoryUnload};
use crate::pick;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use domain::calendar::{TimeWindow, local_instant_or_later};
use domain::place::Coordinates;
use domain::waste::{Fraction, Subscription};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use store::waste::{Outcome, Vehicle, WastePlace};

/// Streets are not straight lines: distances are the great circle's times this.
const DETOUR: f64 = 1.3;
/// Unloading at a hub takes ten minutes.
const UNLOAD_SECONDS: i64 = 10 * 60;
/// Notes drivers write when the waste is not what it should be.
const CONTAMINATED: &[&str] = &[
    "Papen var blandet med madrester og våde servietter; ikke taget med.",
    "Plasten var blandet med restaffald; butikken er bedt om at sortere igen.",
    "Våd og mugget pap i containeren; ikke taget med.",
];
/// Notes drivers write when a shop is closed.
const CLOSED: &[&str] = &[
    "Lukket på grund af vareoptælling.",
    "Ingen lukkede op; skilt i døren om sygdom.",
    "Lukket, ingen svarede på telefonen.",
];

/// A day being driven: what the vehicles share.
pub(super) struct Day<'a> {
    rng: &'a mut ChaCha8Rng,
    day: NaiveDate,
    shops: &'a [Shop],
    depot: &'a WastePlace,
    hubs: &'a [WastePlace],
    /// The shop whose waste is contaminated today, if any.
    contaminated: Option<usize>,
    reports: usize,
    unloads: usize,
    unserved: Vec<(usize, String)>,
}

/// Where a vehicle is and what it carries.
struct Run {
    /// Seconds since local midnight.
    clock: i64,
    at: Coordinates,
    metres: f64,
    grams: i64,
    litres: i64,
    /// Metres per second.
    speed: f64,
    stops: Vec<HistoryStop>,
}

impl Run {
    /// Seconds to get to `to`, and goes there.
    fn go(&mut self, to: Coordinates) -> i64 {
        let metres = self.at.haversine_metres(to) * DETOUR;
        self.metres += metres;
        self.at = to;
        (metres / self.speed).round() as i64
    }

    fn seconds_to(&self, to: Coordinates) -> i64 {
        (self.at.haversine_metres(to) * DETOUR / self.speed).round() as i64
    }
}

fn coordinates(place: &WastePlace) -> Coordinates {
    Coordinates {
        latitude: place.latitude,
        longitude: place.longitude,
    }
}

impl<'a> Day<'a> {
    /// A day on which nothing has been driven yet.
    pub(super) fn new(
        rng: &'a mut ChaCha8Rng,
        day: NaiveDate,
        shops: &'a [Shop],
        depot: &'a WastePlace,
        hubs: &'a [WastePlace],
        contaminated: Option<usize>,
    ) -> Self {
        Self {
            rng,
            day,
            shops,
            depot,
            hubs,
            contaminated,
            reports: 0,
            unloads: 0,
            unserved: Vec::new(),
        }
    }

    /// The shops no vehicle could serve, by index, and why.
    pub(super) fn unserved(self) -> Vec<(usize, String)> {
        self.unserved
    }

    /// Drives one vehicle from the depot through `stops`: the earliest deadline among the
    /// shops whose window is open, else the one that opens first; unloading at the nearest
    /// hub when the next shop's waste would not fit, and at the end of the day.
    pub(super) fn drive(
        &mut self,
        index: usize,
        vehicle: &Vehicle,
        mut remaining: Vec<usize>,
    ) -> HistoryRoute {
        let start = i64::from(vehicle.shift.start_minutes()) * 60;
        let mut run = Run {
            clock: start,
            at: coordinates(self.depot),
            metres: 0.0,
            grams: 0,
            litres: 0,
            speed: f64::from(vehicle.speed_kmh) / 3.6,
            stops: Vec::new(),
        };
        while !remaining.is_empty() {
            let (k, arrival) = remaining
                .iter()
                .enumerate()
                .map(|(k, &s)| (k, run.clock + run.seconds_to(self.shops[s].coordinates())))
                .min_by_key(|&(k, arrival)| {
                    let window = self.shops[remaining[k]].subscription.window;
                    let (open, close) = seconds(window);
                    if arrival >= open {
                        (0, close, arrival)
                    } else {
                        (1, open, close)
                    }
                })
                .expect("stops remain");
            let shop = remaining[k];
            let s = &self.shops[shop].subscription;
            let full = run.grams + i64::from(s.expected_kg) * 1000
                > i64::from(vehicle.capacity_kg) * 1000
                || run.litres + i64::from(s.expected_litres) > i64::from(vehicle.capacity_litres);
            if full && run.grams > 0 {
                self.unload(&mut run);
                continue;
            }
            remaining.remove(k);
            let (open, close) = seconds(s.window);
            let begin = arrival.max(open);
            if begin > close {
                self.unserved
                    .push((shop, "no time left in its window".into()));
                continue;
            }
            run.go(self.shops[shop].coordinates());
            run.clock = begin;
            let pickup = self.pickup(shop, begin);
            let weighed: i64 = pickup.weighed.iter().map(|(_, g)| g).sum();
            run.grams += weighed;
            run.litres +=
                i64::from(s.expected_litres) * weighed / (i64::from(s.expected_kg) * 1000);
            run.stops.push(HistoryStop::Pickup(pickup));
            // Three to six minutes to carry out, weigh and report.
            run.clock += self.rng.random_range(180..=360);
        }
        if run.grams > 0 {
            self.unload(&mut run);
        }
        run.clock += run.go(coordinates(self.depot));
        HistoryRoute {
            vehicle: index,
            distance_m: run.metres.round() as i64,
            starts_at: instant(self.day, start),
            ends_at: instant(self.day, run.clock),
            stops: run.stops,
        }
    }

    /// Goes to the nearest hub and unloads everything on board.
    fn unload(&mut self, run: &mut Run) {
        let (hub, place) = self
            .hubs
            .iter()
            .enumerate()
            .min_by_key(|(_, h)| run.seconds_to(coordinates(h)))
            .expect("the demo has hubs");
        run.clock += run.go(coordinates(place));
        run.clock = run.clock.max(i64::from(place.opening.start_minutes()) * 60);
        self.unloads += 1;
        run.stops.push(HistoryStop::Unload(HistoryUnload {
            submission: format!("demo-{}-unload-{:02}", self.day, self.unloads),
            hub,
            at: instant(self.day, run.clock),
            grams: run.grams,
        }));
        run.grams = 0;
        run.litres = 0;
        run.clock += UNLOAD_SECONDS;
    }

    /// What the driver found at a shop at `begin` seconds past midnight.
    fn pickup(&mut self, shop: usize, begin: i64) -> HistoryPickup {
        let s = &self.shops[shop].subscription;
        self.reports += 1;
        let (open, close) = seconds(s.window);
        let roll = self.rng.random_range(0..1000);
        let (outcome, note) = if self.contaminated == Some(shop) {
            (
                Outcome::Contaminated,
                Some(pick(self.rng, CONTAMINATED).to_string()),
            )
        } else if roll < 15 {
            (Outcome::Closed, Some(pick(self.rng, CLOSED).to_string()))
        } else if roll < 45 {
            (Outcome::Nothing, None)
        } else {
            (Outcome::Collected, None)
        };
        let weighed = if outcome == Outcome::Collected {
            weigh(self.rng, s)
        } else {
            Vec::new()
        };
        HistoryPickup {
            submission: format!("demo-{}-{:04}", self.day, self.reports),
            shop,
            at: instant(self.day, begin),
            window: (instant(self.day, open), instant(self.day, close)),
            expected_kg: s.expected_kg,
            outcome,
            weighed,
            note,
        }
    }
}

/// Grams per fraction: the expected weight give or take 40 %, most of it cardboard, each
/// fraction weighed to the nearest 100 g.
fn weigh(rng: &mut ChaCha8Rng, s: &Subscription) -> Vec<(Fraction, i64)> {
    let share = |f: Fraction| match f {
        Fraction::Cardboard => 6.0,
        Fraction::Paper => 4.0,
        Fraction::SoftPlastic | Fraction::Plastic => 2.0,
        _ => 1.0,
    };
    let shares: f64 = s.fractions.iter().map(|f| share(*f)).sum();
    let factor = (rng.random_range(0.6..1.4) + rng.random_range(0.6..1.4)) / 2.0;
    let total = f64::from(s.expected_kg) * 1000.0 * factor;
    s.fractions
        .iter()
        .map(|&f| {
            let grams = total * share(f) / shares * rng.random_range(0.85..1.15);
            (f, ((grams / 100.0).round() as i64).max(1) * 100)
        })
        .collect()
}

/// A window's opening and closing in seconds since midnight.
fn seconds(window: TimeWindow) -> (i64, i64) {
    (
        i64::from(window.start_minutes()) * 60,
        i64::from(window.end_minutes()) * 60,
    )
}

/// `seconds` past local midnight on `day`, in UTC.
fn instant(day: NaiveDate, seconds: i64) -> DateTime<Utc> {
    local_instant_or_later(day.and_time(NaiveTime::MIN) + Duration::seconds(seconds))
}
