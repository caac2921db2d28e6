//! A month's payroll and job-centre files from the store, the same bytes whether the
//! coordinator downloads them from a page or runs `kommune export payroll|jobcentre`.

use reports::jobcentre::{PersonMonth, Rule};
use reports::payroll::PayrollRow;
use store::invoices::Period;
use store::{Store, StoreError};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the {what} file: {reason}")]
    Write { what: &'static str, reason: String },
}

/// The payroll CSV for `period`: per worker, hours, wage, holiday pay and total.
pub async fn payroll(store: &Store, period: Period) -> Result<Vec<u8>, ExportError> {
    let rows: Vec<PayrollRow> = store
        .worked_month(period)
        .await?
        .into_iter()
        .map(|m| PayrollRow {
            period: period.label(),
            person_id: m.person_id,
            name: m.name,
            email: m.email,
            pay: domain::payroll::pay(&m.work),
        })
        .collect();
    let mut bytes = Vec::new();
    reports::payroll::write_payroll(&mut bytes, &rows).map_err(|e| ExportError::Write {
        what: "payroll",
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

/// The job-centre CSV for `period` under `rule` (the dated rule valid on its first day).
pub async fn jobcentre(store: &Store, period: Period, rule: &Rule) -> Result<Vec<u8>, ExportError> {
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
    let mut bytes = Vec::new();
    reports::jobcentre::write_jobcentre(&mut bytes, &period.label(), rule, &months).map_err(
        |e| ExportError::Write {
            what: "job-centre",
            reason: e.to_string(),
        },
    )?;
    Ok(bytes)
}

/// The pickup records of `from..=to` as the reports read them, with each receiving hub
/// or plant by name.
pub async fn pickup_records(
    store: &Store,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<reports::waste::PickupRecord>, ExportError> {
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
pub async fn waste_report(store: &Store, year: i32) -> Result<Vec<u8>, ExportError> {
    let (from, to) = year_bounds(year)?;
    let lines = reports::waste::waste_report(year, &pickup_records(store, from, to).await?);
    let mut bytes = Vec::new();
    reports::waste::write_waste_report(&mut bytes, year, &lines).map_err(|e| {
        ExportError::Write {
            what: "waste report",
            reason: e.to_string(),
        }
    })?;
    Ok(bytes)
}

/// A customer's recycling statement for `year`: per month and fraction, the kilograms
/// collected from all its sites.
pub async fn recycling_statement(
    store: &Store,
    cvr: &str,
    year: i32,
) -> Result<Vec<u8>, ExportError> {
    let (from, to) = year_bounds(year)?;
    let records = pickup_records(store, from, to).await?;
    let statement = reports::waste::recycling_statement(cvr, year, &records);
    let mut bytes = Vec::new();
    reports::waste::write_recycling_statement(&mut bytes, cvr, year, &statement).map_err(|e| {
        ExportError::Write {
            what: "recycling statement",
            reason: e.to_string(),
        }
    })?;
    Ok(bytes)
}

fn year_bounds(year: i32) -> Result<(chrono::NaiveDate, chrono::NaiveDate), ExportError> {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d);
    match (day(1, 1), day(12, 31)) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(ExportError::Store(StoreError::Invalid(vec![
            domain::FieldError::new("year", format!("{year} is not a year kommune can report")),
        ]))),
    }
}

/// A Flex Waste month's CO2 and economics under `factors` (the JSON text of the dated
/// factors), as a one-row file.
pub async fn waste_month(
    store: &Store,
    period: Period,
    factors: &str,
) -> Result<Vec<u8>, ExportError> {
    let invalid = |reason: String| {
        ExportError::Store(StoreError::Invalid(vec![domain::FieldError::new(
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
    let minutes: i64 = routes.iter().map(|r| r.minutes).sum();
    let vehicles_ore = store
        .vehicles()
        .await?
        .iter()
        .map(|v| {
            factors
                .vehicle_ore_per_month
                .get(&v.kind)
                .copied()
                .unwrap_or(0)
        })
        .sum();
    let paying: std::collections::BTreeSet<&str> = visits
        .iter()
        .filter(|v| v.price_ore > 0)
        .map(|v| v.cvr.as_str())
        .collect();
    let money = reports::waste::Money {
        revenue_ore: visits.iter().map(|v| v.price_ore).sum(),
        // Wages per started minute of route time, rounded to the øre.
        wages_ore: (minutes * factors.driver_wage_ore_per_hour + 30) / 60,
        vehicles_ore,
        paying_shops: paying.len() as u32,
    };
    let month = reports::waste::month(&pickups, &driven, money, factors);
    let mut bytes = Vec::new();
    reports::waste::write_month(&mut bytes, &period.label(), &month).map_err(|e| {
        ExportError::Write {
            what: "Flex Waste month",
            reason: e.to_string(),
        }
    })?;
    Ok(bytes)
}
