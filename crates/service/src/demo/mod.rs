//! The demo as one use-case: into an empty database go the demo's records, the seller,
//! the eight weeks before its start planned and worked, Flex Waste's month, the Aalborg
//! Alliance's needs and students, and one account per role — so `kommune serve --demo` shows every page with something on it.
//!
//! - [`history`]: the weeks before the start, planned, worked and confirmed.
//! - [`story`]: the start's week planned, last month invoiced, and who shows it.
//! - [`accounts`]: the demo's four accounts.
//! - [`indicators`]: the seed's three targets with demo series.
//! - [`cases`]: the five initiatives as published cases, in Danish and English.
//! - [`festival`]: next year's Sustainability Festival with 40 events and waiting lists.
//! - [`green`]: three communities with a year of activities, follow-ups and pledges.

pub mod accounts;
pub mod cases;
pub mod festival;
pub mod green;
pub mod history;
pub mod indicators;
pub mod story;

use crate::{Result, ServiceError};
use chrono::NaiveDate;
use demo::FlexWasteCount;
use domain::invoice::Seller;
use store::Store;
use store::seed::SeedCount;

/// What the demo put in, for the line the command prints.
#[derive(Debug)]
pub struct Installed {
    pub records: SeedCount,
    pub flex_waste: FlexWasteCount,
    /// Confirmed time entries in the weeks before the start.
    pub entries: usize,
    /// The start's week as planned: its assignments.
    pub planned: usize,
    /// Invoices issued for the month before the start's.
    pub invoices: usize,
    /// The Aalborg Alliance's needs, students, meetings and introductions.
    pub alliance: demo::alliance::AllianceCount,
    /// One line per account: role, address and password.
    pub accounts: Vec<String>,
}

/// The agency that sends the demo's invoices.
/// The seller the demo's Flex Waste invoices name.
pub const FLEXWASTE_SELLER: &str = "Flex Waste — Aalborg Kommune";

pub fn seller() -> Seller {
    Seller {
        name: "Små job med mening — Aalborg Kommune".into(),
        cvr: "29189420".into(),
        address: "Boulevarden 13, 9000 Aalborg".into(),
        bank_account: "9570 0001234567".into(),
        payment_days: 30,
    }
}

/// Installs the demo into an empty database; one that already holds records is left as
/// it is (`None`), so a server started with `--demo` again keeps what it has.
pub async fn install_if_empty(
    store: &Store,
    seed: u64,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<Option<Installed>> {
    if store.is_empty().await? {
        Ok(Some(install(store, seed, start, today).await?))
    } else {
        Ok(None)
    }
}

/// Installs the demo of `seed` starting `start` into an empty database; one that
/// already holds people or companies is refused untouched. The start's week is planned
/// and the month before invoiced; the worker's account goes to someone with work
/// `today`, the company's to one with an invoice and staffed requests.
pub async fn install(
    store: &Store,
    seed: u64,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<Installed> {
    if !store.is_empty().await? {
        return Err(ServiceError::Conflict(
            "the database already holds people or companies; the demo fills an empty one".into(),
        ));
    }
    let set = demo::generate(seed, start).map_err(|e| ServiceError::Internal(e.0))?;
    let records = demo::install(store, &set).await?;
    store.set_seller(&seller()).await?;
    store.set_flexwaste_name(FLEXWASTE_SELLER).await?;
    let entries = history::complete_past_weeks(store, start).await?;
    // After the agency's past weeks, so Flex Waste's drivers are people free at the time.
    let flex_waste = demo::install_flex_waste(store, &set).await?;
    let invoices = story::invoice_last_month(store, start).await?;
    // Before the agency's week, which then plans around the drivers' routes.
    let drivers = story::plan_flex_waste_today(store, today).await?;
    let plan = story::plan_this_week(store, start).await?;
    let alliance = demo::alliance::install_alliance(store, seed, start).await?;
    let noon = start.and_hms_opt(11, 0, 0).unwrap_or_default().and_utc();
    indicators::install(store, noon).await?;
    cases::install(store, noon).await?;
    festival::install(store, noon).await?;
    green::install(store, noon).await?;
    let choice = accounts::Choice {
        workers: story::busiest(&plan, today),
        companies: story::invoiced_and_staffed(store, &plan, &invoices).await?,
        drivers,
    };
    let accounts = accounts::install(store, &choice).await?;
    Ok(Installed {
        records,
        flex_waste,
        entries,
        planned: plan.assignments.len(),
        invoices: invoices.len(),
        alliance,
        accounts,
    })
}
