//! Flex Waste's settings on a day — which weekdays it runs, how far an unloading may
//! differ from what was collected — read from the same dated file as its CO2 and cost
//! factors (`config/flexwaste-factors.json`), so a change is dated like a factor's.

use crate::{Result, ServiceError};
use chrono::NaiveDate;
use reports::waste::{DEFAULT_FACTORS, Factors, factors_on, parse_factors};

/// The settings valid on `day`.
pub fn on(day: NaiveDate) -> Result<Factors> {
    let all = parse_factors(DEFAULT_FACTORS).map_err(ServiceError::Internal)?;
    factors_on(&all, day)
        .cloned()
        .ok_or_else(|| ServiceError::Internal(format!("no Flex Waste settings are valid on {day}")))
}
