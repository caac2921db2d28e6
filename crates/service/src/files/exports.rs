//! Files built from the records — a month's payroll and job-centre files, Flex Waste's
//! annual report, month and recycling statements — the same bytes whether they are
//! downloaded from a page or written by `kommune export`. Each is the agency's: they name
//! people, their pay and the shops' waste.

use super::written;
use crate::records::agency_only;
use crate::{Result, ServiceError};
use domain::actor::Actor;
use reports::jobcentre::{PersonMonth, Rule};
use reports::payroll::PayrollRow;
use store::invoices::Period;
use store::{Store, StoreError};

/// The job-centre file for `period` under the dated `rules` (their JSON text; the ones
/// kommune ships when none are given) valid on the month's first day; `None` when no
/// rule was valid then.
pub async fn jobcentre_under(
    store: &Store,
    by: &Actor,
    period: Period,
    rules: Option<&str>,
) -> Result<Option<Vec<u8>>> {
    let rules = reports::jobcentre::parse_rules(rules.unwrap_or(reports::jobcentre::DEFAULT_RULES))
        .map_err(|reason| ServiceError::Invalid(vec![domain::FieldError::new("rules", reason)]))?;
    let Some(rule) = reports::jobcentre::rule_on(&rules, period.first_day()) else {
        return Ok(None);
    };
    Ok(Some(jobcentre(store, by, period, rule).await?))
}

/// The payroll CSV for `period`: per worker, hours, wage, holiday pay and total.
pub async fn payroll(store: &Store, by: &Actor, period: Period) -> Result<Vec<u8>> {
    agency_only(by, "payroll")?;
    let rows = store
        .worked_month(period)
        .await?
        .into_iter()
        .map(|m| {
            Ok(PayrollRow {
                period: period.label(),
                person_id: m.person_id,
                pay: domain::payroll::pay(&m.work)
                    .map_err(|_| ServiceError::TooLarge { what: "payroll" })?,
                name: m.name,
                email: m.email,
            })
        })
        .collect::<Result<Vec<PayrollRow>>>()?;
    written("payroll", |bytes| {
        reports::payroll::write_payroll(bytes, &rows)
    })
}

/// The job-centre CSV for `period` under `rule` (the dated rule valid on its first day).
pub async fn jobcentre(store: &Store, by: &Actor, period: Period, rule: &Rule) -> Result<Vec<u8>> {
    agency_only(by, "job-centre file")?;
    let months: Vec<PersonMonth> = store
        .jobcentre_month(period)
        .await?
        .into_iter()
        .map(|m| PersonMonth {
            person_id: m.person_id,
            name: m.name,
            employment_form: m.employment_form,
            worked: m
                .worked
                .into_iter()
                .map(|w| (w.date, w.start, w.end, w.minutes))
                .collect(),
            status_changes: m.status_changes,
        })
        .collect();
    written("job-centre", |bytes| {
        reports::jobcentre::write_jobcentre(bytes, &period.label(), rule, &months)
    })
}

/// The pickup records of `from..=to` as the reports read them, with each receiving hub
/// or plant by name.
async fn pickup_records(
    store: &Store,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<reports::waste::PickupRecord>> {
    let places: std::collections::BTreeMap<i64, String> = store
        .waste_places()
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(store
        .pickups(from, to)
        .await?
        .into_iter()
        .map(|p| reports::waste::PickupRecord {
            cvr: p.cvr,
            p_number: p.p_number,
            day: p.day,
            fraction: p.fraction,
            ewc: p.ewc,
            grams: p.grams,
            receiver: p.received_by.and_then(|id| places.get(&id).cloned()),
        })
        .collect())
}

/// The annual waste report for `year`: per producer site (P-number), waste code and
/// receiving plant, the kilograms collected.
pub async fn waste_report(store: &Store, by: &Actor, year: i32) -> Result<Vec<u8>> {
    agency_only(by, "waste report")?;
    let (from, to) = year_bounds(year)?;
    let lines = reports::waste::waste_report(year, &pickup_records(store, from, to).await?);
    written("waste report", |bytes| {
        reports::waste::write_waste_report(bytes, year, &lines)
    })
}

/// A customer's recycling statement for `year`: per month and fraction, the kilograms
/// collected from all its sites.
pub async fn recycling_statement(
    store: &Store,
    by: &Actor,
    cvr: &str,
    year: i32,
) -> Result<Vec<u8>> {
    agency_only(by, "recycling statement")?;
    statement_of(store, cvr, year).await
}

/// The recycling statement of the company with `cvr` for `year`, whoever may see it.
pub(crate) async fn statement_of(store: &Store, cvr: &str, year: i32) -> Result<Vec<u8>> {
    let records = year_pickups(store, year).await?;
    let statement = reports::waste::recycling_statement(cvr, year, &records);
    written("recycling statement", |bytes| {
        reports::waste::write_recycling_statement(bytes, cvr, year, &statement)
    })
}

/// The shops with a pickup in `year`, as (company name, CVR), by name: those a
/// recycling statement is written for.
pub async fn shops_collected(
    store: &Store,
    by: &Actor,
    year: i32,
) -> Result<Vec<(String, String)>> {
    agency_only(by, "recycling statement")?;
    let collected: std::collections::BTreeSet<String> = year_pickups(store, year)
        .await?
        .into_iter()
        .map(|p| p.cvr)
        .collect();
    let mut shops = std::collections::BTreeMap::new();
    for site in store.waste_sites().await? {
        if collected.contains(&site.cvr) {
            shops.entry(site.company).or_insert(site.cvr);
        }
    }
    Ok(shops.into_iter().collect())
}

/// Every pickup record of `year`.
pub(crate) async fn year_pickups(
    store: &Store,
    year: i32,
) -> Result<Vec<reports::waste::PickupRecord>> {
    let (from, to) = year_bounds(year)?;
    pickup_records(store, from, to).await
}

/// The years a report may cover.
pub const REPORT_YEARS: std::ops::RangeInclusive<i32> = domain::calendar::YEARS;

fn year_bounds(year: i32) -> Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d);
    match (day(1, 1), day(12, 31)) {
        (Some(from), Some(to)) if REPORT_YEARS.contains(&year) => Ok((from, to)),
        _ => Err(ServiceError::invalid(
            "year",
            format!(
                "{year} is not a year kommune can report ({}–{})",
                REPORT_YEARS.start(),
                REPORT_YEARS.end()
            ),
        )),
    }
}

/// A Flex Waste month's CO2 and economics under `factors` (the JSON text of the dated
/// factors), as a one-row file.
pub async fn waste_month(
    store: &Store,
    by: &Actor,
    period: Period,
    factors: &str,
) -> Result<Vec<u8>> {
    let month = waste_month_figures(store, by, period, factors).await?;
    written("Flex Waste month", |bytes| {
        reports::waste::write_month(bytes, &period.label(), &month)
    })
}

/// A Flex Waste month's CO2 and economics under `factors`, computed from the records:
/// what the month's file writes and its page draws.
pub async fn waste_month_figures(
    store: &Store,
    by: &Actor,
    period: Period,
    factors: &str,
) -> Result<reports::waste::Month> {
    agency_only(by, "Flex Waste month")?;
    let invalid = |reason: String| {
        ServiceError::Store(StoreError::Invalid(vec![domain::FieldError::new(
            "factors", reason,
        )]))
    };
    let all = reports::waste::parse_factors(factors).map_err(invalid)?;
    let factors = reports::waste::factors_on(&all, period.first_day())
        .ok_or_else(|| invalid(format!("no factors are valid on {}", period.first_day())))?;
    let (from, to) = (
        period.first_day(),
        period.end().pred_opt().unwrap_or(period.end()),
    );
    let pickups = pickup_records(store, from, to).await?;
    let routes = store.routes_driven(from, to).await?;
    let visits = store.billed_visits(from, to).await?;
    let driven: Vec<reports::waste::Driven> = routes
        .iter()
        .map(|r| reports::waste::Driven {
            metres: r.distance_m,
            wh_per_km: r.wh_per_km,
        })
        .collect();
    let too_large = |_| ServiceError::TooLarge {
        what: "Flex Waste month",
    };
    let minutes =
        domain::money::checked_sum(routes.iter().map(|r| r.minutes)).map_err(too_large)?;
    // A vehicle out of service from the month's first day on costs the month nothing.
    let vehicles_ore = domain::money::checked_sum(store.vehicles_on(from).await?.iter().map(|v| {
        factors
            .vehicle_ore_per_month
            .get(&v.kind)
            .copied()
            .unwrap_or(0)
    }))
    .map_err(too_large)?;
    let paying: std::collections::BTreeSet<&str> = visits
        .iter()
        .filter(|v| v.price_ore > 0)
        .map(|v| v.cvr.as_str())
        .collect();
    let money = reports::waste::Money {
        revenue_ore: domain::money::checked_sum(visits.iter().map(|v| v.price_ore))
            .map_err(too_large)?,
        // Wages per started minute of route time, rounded to the øre.
        wages_ore: domain::money::for_minutes(minutes, factors.driver_wage_ore_per_hour)
            .map_err(too_large)?,
        vehicles_ore,
        paying_shops: paying.len() as u32,
    };
    Ok(reports::waste::month(&pickups, &driven, money, factors))
}
