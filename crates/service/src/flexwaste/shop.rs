//! A shop's own Flex Waste, for its company contact: the subscriptions of its sites, and
//! the year's recycling statement — kg per month and fraction from its pickups — as a page
//! and as the file the agency's command line writes.

use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::waste::Fraction;
use std::collections::BTreeMap;
use store::Store;
use store::waste::StoredSubscription;

/// What a shop sees of its Flex Waste.
#[derive(Debug)]
pub struct ShopWaste {
    pub year: i32,
    /// Its sites' subscriptions, running and ended.
    pub subscriptions: Vec<StoredSubscription>,
    /// Grams per (month, fraction) in the year.
    pub statement: BTreeMap<(u32, Fraction), i64>,
}

fn own(by: &Actor) -> Result<i64> {
    by.company()
        .ok_or_else(|| ServiceError::not_found("company"))
}

/// The contact's company's Flex Waste in `year`.
pub async fn overview(store: &Store, by: &Actor, year: i32) -> Result<ShopWaste> {
    let company = own(by)?;
    let cvr = store.company(company).await?.value.company.cvr.to_string();
    let records = crate::files::exports::year_pickups(store, year).await?;
    Ok(ShopWaste {
        year,
        subscriptions: store
            .subscriptions()
            .await?
            .into_iter()
            .filter(|s| s.site.company_id == company)
            .collect(),
        statement: reports::waste::recycling_statement(&cvr, year, &records),
    })
}

/// The contact's company's recycling statement for `year` as the file the agency writes.
pub async fn statement_file(store: &Store, by: &Actor, year: i32) -> Result<Vec<u8>> {
    let company = own(by)?;
    let cvr = store.company(company).await?.value.company.cvr.to_string();
    crate::files::exports::statement_of(store, &cvr, year).await
}

/// Whether `day` is inside the subscription's time.
pub fn runs_on(s: &StoredSubscription, day: NaiveDate) -> bool {
    s.starts_on <= day && s.ends_on.is_none_or(|end| day <= end)
}
