//! Flex Waste's records: subscriptions and one-off orders per site, the depot, hubs and
//! vehicles, each day's routes, and every pickup and unloading as weighed.
//!
//! A day may be planned again (an order arrives during the day); the latest plan of a
//! day is the one drivers follow, and earlier ones stay as they were. Pickups and
//! unloadings come from a driver's phone on a flaky connection: each submission carries
//! the phone's own id, and a resent one is recognised and counted once.

use crate::sql::{join, split};
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use domain::calendar::TimeWindow;
use domain::waste::{Fraction, Subscription};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A site as Flex Waste needs it: who it belongs to, where it is, what it reports under.
#[derive(Debug, Clone, PartialEq)]
pub struct WasteSite {
    pub site_id: i64,
    pub company_id: i64,
    pub cvr: String,
    pub company: String,
    pub name: String,
    pub p_number: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// A stored subscription with its site and price.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSubscription {
    pub id: i64,
    pub site: WasteSite,
    pub subscription: Subscription,
    pub price_per_pickup_ore: i64,
    /// The fee per month it runs on any day of, billed once a month; 0 is none.
    pub monthly_fee_ore: i64,
    pub starts_on: NaiveDate,
    /// The last day it runs, once it has been ended.
    pub ends_on: Option<NaiveDate>,
}

/// Why a site is to be visited on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Subscription(i64),
    Order(i64),
}

/// One site to visit on a day, from its subscription or an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub site: WasteSite,
    pub source: Source,
    pub fractions: Vec<Fraction>,
    pub window: TimeWindow,
    pub expected_kg: u32,
    pub expected_litres: u32,
}

/// The depot, where vehicles start and end, or a hub, where they unload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Depot,
    Hub,
}

impl PlaceKind {
    fn code(self) -> &'static str {
        match self {
            PlaceKind::Depot => "depot",
            PlaceKind::Hub => "hub",
        }
    }
}

/// A depot or hub.
#[derive(Debug, Clone, PartialEq)]
pub struct WastePlace {
    pub id: i64,
    pub kind: PlaceKind,
    pub name: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    /// When it is open, local time.
    pub opening: TimeWindow,
    /// What a hub takes; a depot takes nothing.
    pub fractions: Vec<Fraction>,
}

/// An electric vehicle.
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    pub id: i64,
    pub name: String,
    /// e.g. `cargo_bike`, `electric_van`.
    pub kind: String,
    pub capacity_kg: u32,
    pub capacity_litres: u32,
    /// What a charge lasts.
    pub range_km: u32,
    pub speed_kmh: u32,
    /// When it can be out, local time.
    pub shift: TimeWindow,
    /// Energy used per km, for the CO2 accounts.
    pub wh_per_km: u32,
}

/// A planned visit: a site to collect from, or a place to unload at.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub site_id: Option<i64>,
    pub place_id: Option<i64>,
    pub arrives_at: DateTime<Utc>,
    /// The window the arrival falls in (sites only).
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub expected_kg: u32,
}

/// One vehicle's route on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub id: i64,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
    pub distance_m: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub visits: Vec<Visit>,
}

/// A day's plan: its routes and the sites it could not serve, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPlan {
    pub id: i64,
    pub day: NaiveDate,
    pub routes: Vec<Route>,
    pub unserved: Vec<(i64, String)>,
}

/// What happened at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Collected,
    /// The site had nothing to hand over.
    Nothing,
    Closed,
    /// The waste was not what it should be; a note says what.
    Contaminated,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Collected => "collected",
            Outcome::Nothing => "nothing",
            Outcome::Closed => "closed",
            Outcome::Contaminated => "contaminated",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        [
            Outcome::Collected,
            Outcome::Nothing,
            Outcome::Closed,
            Outcome::Contaminated,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}

/// A driver's report from one site, as the phone sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct PickupReport {
    /// The phone's id for this submission; the same id twice is the same report.
    pub submission: String,
    pub site_id: i64,
    pub day: NaiveDate,
    pub outcome: Outcome,
    /// Weighed grams per fraction (collected only).
    pub weighed: Vec<(Fraction, i64)>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
}

/// One stored pickup row: a fraction weighed at a site, or an outcome without waste.
#[derive(Debug, Clone, PartialEq)]
pub struct Pickup {
    pub id: i64,
    pub site_id: i64,
    pub cvr: String,
    pub p_number: String,
    pub day: NaiveDate,
    pub outcome: Outcome,
    pub fraction: Option<Fraction>,
    pub ewc: Option<String>,
    pub grams: i64,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
    /// The hub or plant that received it, once the vehicle has unloaded.
    pub received_by: Option<i64>,
}

fn time(row: &AnyRow, column: &str) -> Result<DateTime<Utc>, StoreError> {
    let text: String = row.try_get(column)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste record",
            id: 0,
            reason: format!("{column}: {e}"),
        })
}

fn day(row: &AnyRow, column: &str) -> Result<NaiveDate, StoreError> {
    let text: String = row.try_get(column)?;
    text.parse().map_err(|e| StoreError::Corrupt {
        what: "flex waste record",
        id: 0,
        reason: format!("{column}: {e}"),
    })
}

fn fractions(text: &str) -> Result<Vec<Fraction>, StoreError> {
    split(text)
        .iter()
        .map(|f| Fraction::parse(f))
        .collect::<Result<_, _>>()
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste fractions",
            id: 0,
            reason: e.0,
        })
}

fn window(text: &str) -> Result<TimeWindow, StoreError> {
    TimeWindow::parse(text).map_err(|e| StoreError::Corrupt {
        what: "flex waste window",
        id: 0,
        reason: e.0,
    })
}

fn fraction_codes(list: &[Fraction]) -> String {
    join(list.iter().map(|f| f.code()))
}

const SITE_COLUMNS: &str = "s.id AS site_id, s.company_id, c.cvr, c.name AS company, s.name AS site_name, \
     s.p_number, s.address, s.latitude, s.longitude";

fn site_from_row(row: &AnyRow) -> Result<WasteSite, StoreError> {
    Ok(WasteSite {
        site_id: row.try_get("site_id")?,
        company_id: row.try_get("company_id")?,
        cvr: row.try_get("cvr")?,
        company: row.try_get("company")?,
        name: row.try_get("site_name")?,
        p_number: row.try_get("p_number")?,
        address: row.try_get("address")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
    })
}

impl Store {
    /// The site with its company, for pickups and reports; a deleted company's site is gone.
    pub async fn waste_site(&self, site_id: i64) -> Result<WasteSite, StoreError> {
        let sql = format!(
            "SELECT {SITE_COLUMNS} FROM sites s JOIN companies c ON c.id = s.company_id \
             WHERE s.id = $1 AND c.deleted_at IS NULL"
        );
        let row = sqlx::query(&sql)
            .bind(site_id)
            .fetch_optional(&self.pool)
            .await?;
        site_from_row(&row.ok_or(StoreError::NotFound {
            what: "site",
            id: site_id,
        })?)
    }

    /// Subscribes a site from `starts_on`, at a price per pickup and a monthly fee (0 is
    /// none).
    pub async fn add_subscription(
        &self,
        site_id: i64,
        subscription: &Subscription,
        price_per_pickup_ore: i64,
        monthly_fee_ore: i64,
        starts_on: NaiveDate,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        self.waste_site(site_id).await?;
        if price_per_pickup_ore < 0 {
            return Err(StoreError::invalid(
                "price_per_pickup_ore",
                "cannot be negative",
            ));
        }
        if monthly_fee_ore < 0 {
            return Err(StoreError::invalid("monthly_fee_ore", "cannot be negative"));
        }
        let weekdays = join(subscription.weekdays.iter().map(|d| weekday_code(*d)));
        let id = sqlx::query_scalar(
            "INSERT INTO waste_subscriptions (site_id, fractions, weekdays, time_window, expected_kg, expected_litres, \
             price_per_pickup_ore, monthly_fee_ore, starts_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             RETURNING id",
        )
        .bind(site_id)
        .bind(fraction_codes(&subscription.fractions))
        .bind(weekdays)
        .bind(subscription.window.to_string())
        .bind(i64::from(subscription.expected_kg))
        .bind(i64::from(subscription.expected_litres))
        .bind(price_per_pickup_ore)
        .bind(monthly_fee_ore)
        .bind(starts_on.to_string())
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Every subscription with its site and price, by site and in the order added; a
    /// deleted company's are left out.
    pub async fn subscriptions(&self) -> Result<Vec<StoredSubscription>, StoreError> {
        let sql = format!(
            "SELECT {SUBSCRIPTION_COLUMNS}, {SITE_COLUMNS} FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id \
             JOIN companies c ON c.id = s.company_id WHERE c.deleted_at IS NULL ORDER BY s.id, w.id"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(subscription_from_row).collect()
    }

    /// The subscription running at a site on `day`, if any: of several, the one started
    /// last — the one whose price a visit that day is billed at.
    pub async fn running_subscription(
        &self,
        site_id: i64,
        day: NaiveDate,
    ) -> Result<Option<StoredSubscription>, StoreError> {
        let sql = format!(
            "SELECT {SUBSCRIPTION_COLUMNS}, {SITE_COLUMNS} FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id \
             JOIN companies c ON c.id = s.company_id WHERE c.deleted_at IS NULL AND w.site_id = $1 AND w.starts_on <= $2 \
             AND (w.ends_on IS NULL OR w.ends_on >= $2) ORDER BY w.starts_on DESC, w.id DESC LIMIT 1"
        );
        let row = sqlx::query(&sql)
            .bind(site_id)
            .bind(day.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscription_from_row).transpose()
    }

    /// An extra pickup at a site on one day.
    pub async fn add_order(
        &self,
        site_id: i64,
        day: NaiveDate,
        pickup: &Subscription,
        price_ore: i64,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        self.waste_site(site_id).await?;
        if price_ore < 0 {
            return Err(StoreError::invalid("price_ore", "cannot be negative"));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO waste_orders (site_id, pickup_on, fractions, time_window, expected_kg, expected_litres, price_ore, \
             created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(site_id)
        .bind(day.to_string())
        .bind(fraction_codes(&pickup.fractions))
        .bind(pickup.window.to_string())
        .bind(i64::from(pickup.expected_kg))
        .bind(i64::from(pickup.expected_litres))
        .bind(price_ore)
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Every site to visit on `day`: subscriptions running that day on its weekday, and
    /// that day's orders; by site, subscriptions first.
    pub async fn pickups_due(&self, day: NaiveDate) -> Result<Vec<Due>, StoreError> {
        let weekday = weekday_code(chrono::Datelike::weekday(&day));
        let sql = format!(
            "SELECT w.id, w.fractions, w.weekdays, w.time_window, w.expected_kg, w.expected_litres, {SITE_COLUMNS} \
             FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
             WHERE c.deleted_at IS NULL AND w.starts_on <= $1 AND (w.ends_on IS NULL OR w.ends_on >= $1) ORDER BY s.id, w.id"
        );
        let mut due = Vec::new();
        for row in sqlx::query(&sql)
            .bind(day.to_string())
            .fetch_all(&self.pool)
            .await?
        {
            let days: String = row.try_get("weekdays")?;
            if split(&days).iter().any(|d| d == weekday) {
                due.push(due_from_row(
                    &row,
                    Source::Subscription(row.try_get("id")?),
                )?);
            }
        }
        let sql = format!(
            "SELECT w.id, w.fractions, w.time_window, w.expected_kg, w.expected_litres, {SITE_COLUMNS} \
             FROM waste_orders w JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
             WHERE c.deleted_at IS NULL AND w.pickup_on = $1 ORDER BY s.id, w.id"
        );
        for row in sqlx::query(&sql)
            .bind(day.to_string())
            .fetch_all(&self.pool)
            .await?
        {
            due.push(due_from_row(&row, Source::Order(row.try_get("id")?))?);
        }
        Ok(due)
    }

    /// Adds a depot or hub.
    pub async fn add_waste_place(&self, place: &WastePlace) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar(
            "INSERT INTO waste_places (kind, name, address, latitude, longitude, opening, fractions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(place.kind.code())
        .bind(&place.name)
        .bind(&place.address)
        .bind(place.latitude)
        .bind(place.longitude)
        .bind(place.opening.to_string())
        .bind(fraction_codes(&place.fractions))
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// The depot and hubs, depot first.
    pub async fn waste_places(&self) -> Result<Vec<WastePlace>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, kind, name, address, latitude, longitude, opening, fractions FROM waste_places ORDER BY kind, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                Ok(WastePlace {
                    id: r.try_get("id")?,
                    kind: if kind == "depot" {
                        PlaceKind::Depot
                    } else {
                        PlaceKind::Hub
                    },
                    name: r.try_get("name")?,
                    address: r.try_get("address")?,
                    latitude: r.try_get("latitude")?,
                    longitude: r.try_get("longitude")?,
                    opening: window(&r.try_get::<String, _>("opening")?)?,
                    fractions: fractions(&r.try_get::<String, _>("fractions")?)?,
                })
            })
            .collect()
    }

    /// Adds a vehicle; names are unique.
    pub async fn add_vehicle(&self, v: &Vehicle) -> Result<i64, StoreError> {
        if v.capacity_kg == 0 || v.capacity_litres == 0 || v.range_km == 0 || v.speed_kmh == 0 {
            return Err(StoreError::invalid(
                "vehicle",
                "capacity, range and speed must be positive",
            ));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO waste_vehicles (name, kind, capacity_kg, capacity_litres, range_km, speed_kmh, shift, wh_per_km) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&v.name)
        .bind(&v.kind)
        .bind(i64::from(v.capacity_kg))
        .bind(i64::from(v.capacity_litres))
        .bind(i64::from(v.range_km))
        .bind(i64::from(v.speed_kmh))
        .bind(v.shift.to_string())
        .bind(i64::from(v.wh_per_km))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| crate::error::unique_violation(e, || format!("there is already a vehicle {}", v.name)))?;
        Ok(id)
    }

    /// Every vehicle, in the order added.
    pub async fn vehicles(&self) -> Result<Vec<Vehicle>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, kind, capacity_kg, capacity_litres, range_km, speed_kmh, shift, wh_per_km FROM waste_vehicles ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let number =
                    |c: &str| -> Result<u32, StoreError> { Ok(r.try_get::<i64, _>(c)? as u32) };
                Ok(Vehicle {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: r.try_get("kind")?,
                    capacity_kg: number("capacity_kg")?,
                    capacity_litres: number("capacity_litres")?,
                    range_km: number("range_km")?,
                    speed_kmh: number("speed_kmh")?,
                    shift: window(&r.try_get::<String, _>("shift")?)?,
                    wh_per_km: number("wh_per_km")?,
                })
            })
            .collect()
    }

    /// Stores a new plan for `day` in one transaction: its routes with their visits in
    /// order, and the sites it could not serve.
    pub async fn save_day_plan(
        &self,
        day: NaiveDate,
        routes: &[Route],
        unserved: &[(i64, String)],
        by: &Actor,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let plan_id: i64 = sqlx::query_scalar(
            "INSERT INTO waste_day_plans (pickup_on, created_at, created_by) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(day.to_string())
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        for route in routes {
            let route_id: i64 = sqlx::query_scalar(
                "INSERT INTO waste_routes (plan_id, vehicle_id, driver_id, distance_m, starts_at, ends_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(plan_id)
            .bind(route.vehicle_id)
            .bind(route.driver_id)
            .bind(route.distance_m)
            .bind(timestamp(route.starts_at))
            .bind(timestamp(route.ends_at))
            .fetch_one(&mut *tx)
            .await?;
            for (position, v) in route.visits.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO waste_visits (route_id, position, site_id, place_id, arrives_at, window_opens_at, \
                     window_closes_at, expected_kg) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(route_id)
                .bind(position as i64)
                .bind(v.site_id)
                .bind(v.place_id)
                .bind(timestamp(v.arrives_at))
                .bind(v.window.map(|w| timestamp(w.0)))
                .bind(v.window.map(|w| timestamp(w.1)))
                .bind(i64::from(v.expected_kg))
                .execute(&mut *tx)
                .await?;
            }
        }
        for (site_id, reason) in unserved {
            sqlx::query(
                "INSERT INTO waste_unserved (plan_id, site_id, reason) VALUES ($1, $2, $3)",
            )
            .bind(plan_id)
            .bind(site_id)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(plan_id)
    }

    /// The latest plan of `day`, if the day has been planned.
    pub async fn day_plan(&self, day: NaiveDate) -> Result<Option<DayPlan>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM waste_day_plans WHERE pickup_on = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(day.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(id) = id else { return Ok(None) };
        let mut routes = Vec::new();
        let rows = sqlx::query(
            "SELECT id, vehicle_id, driver_id, distance_m, starts_at, ends_at FROM waste_routes WHERE plan_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        for r in &rows {
            let route_id: i64 = r.try_get("id")?;
            let visits = sqlx::query(
                "SELECT site_id, place_id, arrives_at, window_opens_at, window_closes_at, expected_kg FROM waste_visits \
                 WHERE route_id = $1 ORDER BY position",
            )
            .bind(route_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|v| {
                let opens: Option<String> = v.try_get("window_opens_at")?;
                let window = match opens {
                    Some(_) => Some((time(v, "window_opens_at")?, time(v, "window_closes_at")?)),
                    None => None,
                };
                Ok(Visit {
                    site_id: v.try_get("site_id")?,
                    place_id: v.try_get("place_id")?,
                    arrives_at: time(v, "arrives_at")?,
                    window,
                    expected_kg: v.try_get::<i64, _>("expected_kg")? as u32,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
            routes.push(Route {
                id: route_id,
                vehicle_id: r.try_get("vehicle_id")?,
                driver_id: r.try_get("driver_id")?,
                distance_m: r.try_get("distance_m")?,
                starts_at: time(r, "starts_at")?,
                ends_at: time(r, "ends_at")?,
                visits,
            });
        }
        let unserved = sqlx::query(
            "SELECT site_id, reason FROM waste_unserved WHERE plan_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("site_id")?, r.try_get("reason")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(DayPlan {
            id,
            day,
            routes,
            unserved,
        }))
    }

    /// Records a driver's report from a site: a row per fraction weighed, or one row for
    /// an outcome without waste. A submission already recorded is not recorded again;
    /// the answer says whether this one was new, and gives the rows either way.
    pub async fn record_pickup(
        &self,
        report: &PickupReport,
    ) -> Result<(Vec<Pickup>, bool), StoreError> {
        let earlier = self.pickups_of(&report.submission).await?;
        if !earlier.is_empty() {
            return Ok((earlier, false));
        }
        let site = self.waste_site(report.site_id).await?;
        let rows: Vec<(Option<Fraction>, i64)> = match report.outcome {
            Outcome::Collected if report.weighed.is_empty() => {
                return Err(StoreError::invalid(
                    "weighed",
                    "a collection weighs at least one fraction",
                ));
            }
            Outcome::Collected => report.weighed.iter().map(|(f, g)| (Some(*f), *g)).collect(),
            _ => vec![(None, 0)],
        };
        if let Some((f, g)) = rows.iter().find(|(_, g)| *g < 0) {
            let what = f.map_or("", |f| f.code());
            return Err(StoreError::invalid(
                "weighed",
                format!("{what}: {g} g is negative"),
            ));
        }
        if report.outcome == Outcome::Contaminated
            && report.note.as_deref().is_none_or(|n| n.trim().is_empty())
        {
            return Err(StoreError::invalid(
                "note",
                "say what was wrong with the waste",
            ));
        }
        let mut tx = self.pool.begin().await?;
        for (fraction, grams) in &rows {
            // A resend racing the first one meets the unique index and is dropped here.
            sqlx::query(
                "INSERT INTO waste_pickups (submission, site_id, cvr, p_number, pickup_on, outcome, fraction, ewc, grams, note, at, \
                 vehicle_id, driver_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (submission, fraction) DO NOTHING",
            )
            .bind(&report.submission)
            .bind(site.site_id)
            .bind(&site.cvr)
            .bind(&site.p_number)
            .bind(report.day.to_string())
            .bind(report.outcome.code())
            .bind(fraction.map_or("", |f| f.code()))
            .bind(fraction.and_then(|f| f.ewc()))
            .bind(grams)
            .bind(report.note.as_deref())
            .bind(timestamp(report.at))
            .bind(report.vehicle_id)
            .bind(report.driver_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok((self.pickups_of(&report.submission).await?, true))
    }

    /// Records an unloading at a hub, once per submission; the vehicle's pickups of the
    /// day not yet received anywhere are marked as received by that hub. Answers whether
    /// this submission was new.
    pub async fn record_unload(
        &self,
        submission: &str,
        route_id: i64,
        place_id: i64,
        grams: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if grams < 0 {
            return Err(StoreError::invalid("grams", "cannot be negative"));
        }
        let route = sqlx::query(
            "SELECT r.vehicle_id, p.pickup_on FROM waste_routes r JOIN waste_day_plans p ON p.id = r.plan_id WHERE r.id = $1",
        )
        .bind(route_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound { what: "route", id: route_id })?;
        let vehicle_id: i64 = route.try_get("vehicle_id")?;
        let day: String = route.try_get("pickup_on")?;
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO waste_unloads (submission, route_id, place_id, grams, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (submission) DO NOTHING",
        )
        .bind(submission)
        .bind(route_id)
        .bind(place_id)
        .bind(grams)
        .bind(timestamp(at))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            sqlx::query(
                "UPDATE waste_pickups SET received_by = $1 WHERE vehicle_id = $2 AND pickup_on = $3 \
                 AND received_by IS NULL AND at <= $4 AND outcome = 'collected'",
            )
            .bind(place_id)
            .bind(vehicle_id)
            .bind(day)
            .bind(timestamp(at))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(inserted == 1)
    }

    async fn pickups_of(&self, submission: &str) -> Result<Vec<Pickup>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {PICKUP_COLUMNS} FROM waste_pickups WHERE submission = $1 ORDER BY id"
        ))
        .bind(submission)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pickup_from_row).collect()
    }

    /// Every pickup row from `from` to `to` (both included), by day and id.
    pub async fn pickups(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Pickup>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {PICKUP_COLUMNS} FROM waste_pickups WHERE pickup_on >= $1 AND pickup_on <= $2 ORDER BY pickup_on, id"
        ))
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pickup_from_row).collect()
    }
}

const PICKUP_COLUMNS: &str = "id, site_id, cvr, p_number, pickup_on, outcome, fraction, ewc, grams, note, at, vehicle_id, \
     driver_id, received_by";

fn pickup_from_row(r: &AnyRow) -> Result<Pickup, StoreError> {
    let outcome: String = r.try_get("outcome")?;
    let fraction: String = r.try_get("fraction")?;
    Ok(Pickup {
        id: r.try_get("id")?,
        site_id: r.try_get("site_id")?,
        cvr: r.try_get("cvr")?,
        p_number: r.try_get("p_number")?,
        day: day(r, "pickup_on")?,
        outcome: Outcome::parse(&outcome).ok_or_else(|| StoreError::Corrupt {
            what: "pickup",
            id: 0,
            reason: format!("outcome {outcome}"),
        })?,
        fraction: if fraction.is_empty() {
            None
        } else {
            Some(fractions(&fraction)?[0])
        },
        ewc: r.try_get("ewc")?,
        grams: r.try_get("grams")?,
        note: r.try_get("note")?,
        at: time(r, "at")?,
        vehicle_id: r.try_get("vehicle_id")?,
        driver_id: r.try_get("driver_id")?,
        received_by: r.try_get("received_by")?,
    })
}

const SUBSCRIPTION_COLUMNS: &str = "w.id, w.fractions, w.weekdays, w.time_window, w.expected_kg, w.expected_litres, \
     w.price_per_pickup_ore, w.monthly_fee_ore, w.starts_on, w.ends_on";

fn subscription_from_row(row: &AnyRow) -> Result<StoredSubscription, StoreError> {
    let weekdays = split(&row.try_get::<String, _>("weekdays")?)
        .iter()
        .map(|d| domain::calendar::parse_weekday(d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste weekdays",
            id: 0,
            reason: e.0,
        })?;
    let ends_on: Option<String> = row.try_get("ends_on")?;
    Ok(StoredSubscription {
        id: row.try_get("id")?,
        site: site_from_row(row)?,
        subscription: Subscription {
            fractions: fractions(&row.try_get::<String, _>("fractions")?)?,
            weekdays,
            window: window(&row.try_get::<String, _>("time_window")?)?,
            expected_kg: row.try_get::<i64, _>("expected_kg")? as u32,
            expected_litres: row.try_get::<i64, _>("expected_litres")? as u32,
        },
        price_per_pickup_ore: row.try_get("price_per_pickup_ore")?,
        monthly_fee_ore: row.try_get("monthly_fee_ore")?,
        starts_on: day(row, "starts_on")?,
        ends_on: match ends_on {
            Some(_) => Some(day(row, "ends_on")?),
            None => None,
        },
    })
}

fn due_from_row(row: &AnyRow, source: Source) -> Result<Due, StoreError> {
    Ok(Due {
        site: site_from_row(row)?,
        source,
        fractions: fractions(&row.try_get::<String, _>("fractions")?)?,
        window: window(&row.try_get::<String, _>("time_window")?)?,
        expected_kg: row.try_get::<i64, _>("expected_kg")? as u32,
        expected_litres: row.try_get::<i64, _>("expected_litres")? as u32,
    })
}

/// `Mon` … `Sun`, as stored.
fn weekday_code(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Mon",
        Tue => "Tue",
        Wed => "Wed",
        Thu => "Thu",
        Fri => "Fri",
        Sat => "Sat",
        Sun => "Sun",
    }
}
