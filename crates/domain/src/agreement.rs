//! What a company pays the agency, and the agency pays a worker, for an hour of one task type.

use crate::catalogue::TaskType;
use crate::money::Money;
use crate::problem::Errors;
use crate::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// How often a company is invoiced under an agreement. The agency invoices monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoicingPeriod {
    Monthly,
}

/// An agreement as carried on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AgreementDraft {
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub company_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(example = "cleaning"))]
    pub task_type: String,
    /// Price per hour to the company in øre, excluding VAT.
    #[cfg_attr(feature = "openapi", schema(example = 24500))]
    pub price_per_hour_ore: Option<i64>,
    /// Wage per hour to the worker in øre.
    #[cfg_attr(feature = "openapi", schema(example = 15500))]
    pub wage_per_hour_ore: Option<i64>,
    /// The least a visit is billed for, in minutes.
    #[cfg_attr(feature = "openapi", schema(example = 60))]
    pub min_billable_minutes: Option<i64>,
    /// Only `monthly` for now; the default.
    #[cfg_attr(feature = "openapi", schema(example = "monthly"))]
    pub invoicing_period: Option<String>,
}

/// The terms for one task type at one company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub company_id: i64,
    pub task_type: TaskType,
    pub price_per_hour: Money,
    pub wage_per_hour: Money,
    pub min_billable_minutes: u16,
    pub invoicing_period: InvoicingPeriod,
}

impl AgreementDraft {
    pub fn parse(&self) -> Result<Agreement, Vec<FieldError>> {
        let mut e = Errors::new();
        let company_id = e.check(
            "company_id",
            self.company_id
                .filter(|id| *id > 0)
                .ok_or_else(|| Invalid::new("is required")),
        );
        let task_type = e.check("task_type", TaskType::parse(&self.task_type));
        let price = e.check(
            "price_per_hour_ore",
            self.price_per_hour_ore
                .ok_or_else(|| Invalid::new("is required"))
                .and_then(Money::positive_ore),
        );
        let wage = e.check(
            "wage_per_hour_ore",
            self.wage_per_hour_ore
                .ok_or_else(|| Invalid::new("is required"))
                .and_then(Money::positive_ore),
        );
        if let (Some(p), Some(w)) = (price, wage)
            && p < w
        {
            e.push("price_per_hour_ore", format!("the price ({p}) is below the wage ({w}); the agency would lose money on every hour"));
        }
        let minimum = e.check(
            "min_billable_minutes",
            match self.min_billable_minutes.unwrap_or(0) {
                m @ 0..=480 => Ok(m as u16),
                m => Err(Invalid::new(format!(
                    "{m} is not between 0 and 480 minutes"
                ))),
            },
        );
        let period = e.check(
            "invoicing_period",
            match self
                .invoicing_period
                .as_deref()
                .map(str::trim)
                .unwrap_or("monthly")
            {
                "monthly" | "" => Ok(InvoicingPeriod::Monthly),
                other => Err(Invalid::new(format!(
                    "'{other}' is not an invoicing period: use monthly"
                ))),
            },
        );
        e.finish(|| {
            Some(Agreement {
                company_id: company_id?,
                task_type: task_type?,
                price_per_hour: price?,
                wage_per_hour: wage?,
                min_billable_minutes: minimum?,
                invoicing_period: period?,
            })
        })
    }
}

impl From<&Agreement> for AgreementDraft {
    fn from(a: &Agreement) -> Self {
        Self {
            company_id: Some(a.company_id),
            task_type: a.task_type.code().into(),
            price_per_hour_ore: Some(a.price_per_hour.ore()),
            wage_per_hour_ore: Some(a.wage_per_hour.ore()),
            min_billable_minutes: Some(a.min_billable_minutes.into()),
            invoicing_period: Some("monthly".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_below_wage_is_refused() {
        let draft = AgreementDraft {
            company_id: Some(1),
            task_type: "cleaning".into(),
            price_per_hour_ore: Some(10000),
            wage_per_hour_ore: Some(15000),
            ..Default::default()
        };
        let errors = draft.parse().unwrap_err();
        assert_eq!(errors[0].field, "price_per_hour_ore");
        let ok = AgreementDraft {
            price_per_hour_ore: Some(24500),
            ..draft
        };
        let agreement = ok.parse().unwrap();
        assert_eq!(AgreementDraft::from(&agreement).parse().unwrap(), agreement);
    }
}
