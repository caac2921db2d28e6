//! What an invoice adds up to, as EN 16931 has it: one line per agreement (task type)
//! with the hours billed times the hourly price, and for Flex Waste one line per site and
//! price with the visits billed times the price per visit and one line per subscription
//! with a monthly fee (one month at the fee); each line's net amount rounded to the øre;
//! VAT at 25 % on the sum of the lines' net amounts, rounded once; the total their sum.
//! Every occurrence of work is billed at least the agreement's minimum minutes. Every
//! product and sum is checked: lines whose amounts cannot be reckoned exactly in øre are
//! refused ([`Overflow`]), never wrapped.

mod compose;
mod period;
mod seller;

pub use compose::{
    AgreementPrice, BilledVisit, MonthlyFee, NotBillable, WorkedMinutes, compose_lines, task_types,
};
pub use period::Period;
pub use seller::Seller;

pub use crate::money::Overflow;
use crate::money::{Money, checked_sum, divide_rounding, for_minutes};
use serde::Serialize;

/// Danish VAT on the agency's services, in per cent.
pub const VAT_PERCENT: i64 = 25;

/// Work to bill under one agreement: the minutes of each occurrence worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Billable {
    /// What the line is called (the task type, in the invoice's language).
    pub description: String,
    pub price_per_hour: Money,
    pub min_billable_minutes: u16,
    /// Minutes worked per occurrence, after corrections.
    pub minutes: Vec<i64>,
}

/// One shift an invoice bills, for its annex: the date, the task, who worked it and
/// the minutes worked (before the minimum per visit is applied on the line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexRow {
    pub day: chrono::NaiveDate,
    pub task: String,
    pub worker: String,
    pub minutes: i64,
}

/// What a line's quantity counts, and what its unit price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Hours worked: the quantity in minutes, the unit price per hour.
    Minutes,
    /// Flex Waste visits: the quantity a number of visits, the unit price per visit.
    Visits,
    /// A Flex Waste subscription's monthly fee: the quantity a number of months, the
    /// unit price per month.
    Months,
}

impl Unit {
    /// As stored and as the API writes it: `minutes`, `visits` or `months`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Visits => "visits",
            Unit::Months => "months",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "minutes" => Ok(Unit::Minutes),
            "visits" => Ok(Unit::Visits),
            "months" => Ok(Unit::Months),
            other => Err(format!("{other:?} is not an invoice line unit")),
        }
    }

    /// The net amount of `quantity` at `unit_price_ore`, rounded to the øre.
    pub fn net_ore(self, quantity: i64, unit_price_ore: i64) -> Result<i64, Overflow> {
        let gross = i128::from(quantity) * i128::from(unit_price_ore);
        match self {
            Unit::Minutes => for_minutes(quantity, unit_price_ore),
            Unit::Visits | Unit::Months => divide_rounding(gross, 1),
        }
    }
}

/// Why an invoice is credited, printed on the credit note: at most 500 characters.
pub type CreditReason = crate::problem::Brief<500>;

/// One invoice line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub description: String,
    pub unit: Unit,
    /// Minutes billed (each occurrence's minutes, at least the minimum), visits, or months.
    pub quantity: i64,
    /// The price per hour for minutes, per visit for visits, per month for months.
    pub unit_price_ore: i64,
    pub net_ore: i64,
}

impl Line {
    /// `visits` visits at `price` each: net = visits × price.
    pub fn visits(
        description: impl Into<String>,
        visits: i64,
        price: Money,
    ) -> Result<Line, Overflow> {
        Ok(Line {
            description: description.into(),
            unit: Unit::Visits,
            quantity: visits,
            unit_price_ore: price.ore(),
            net_ore: Unit::Visits.net_ore(visits, price.ore())?,
        })
    }
}

impl Line {
    /// One month of a subscription's fee: quantity 1, net = the fee.
    pub fn month(description: impl Into<String>, fee: Money) -> Result<Line, Overflow> {
        Ok(Line {
            description: description.into(),
            unit: Unit::Months,
            quantity: 1,
            unit_price_ore: fee.ore(),
            net_ore: Unit::Months.net_ore(1, fee.ore())?,
        })
    }
}

/// The sums of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub net_ore: i64,
    pub vat_ore: i64,
    pub total_ore: i64,
}

impl Billable {
    /// The line: minimum minutes applied per occurrence, net = minutes × price / 60.
    pub fn line(&self) -> Result<Line, Overflow> {
        let minimum = i64::from(self.min_billable_minutes);
        let minutes = checked_sum(self.minutes.iter().map(|&m| m.max(minimum)))?;
        let price = self.price_per_hour.ore();
        Ok(Line {
            description: self.description.clone(),
            unit: Unit::Minutes,
            quantity: minutes,
            unit_price_ore: price,
            net_ore: Unit::Minutes.net_ore(minutes, price)?,
        })
    }
}

/// Net, VAT and total of `lines`: VAT on the sum of the net amounts, not per line.
pub fn totals(lines: &[Line]) -> Result<Totals, Overflow> {
    let net = checked_sum(lines.iter().map(|l| l.net_ore))?;
    let vat = divide_rounding(i128::from(net) * i128::from(VAT_PERCENT), 100)?;
    Ok(Totals {
        net_ore: net,
        vat_ore: vat,
        total_ore: net.checked_add(vat).ok_or(Overflow)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn billable(price: i64, minimum: u16, minutes: Vec<i64>) -> Billable {
        Billable {
            description: "Rengøring".into(),
            price_per_hour: Money::from_ore(price),
            min_billable_minutes: minimum,
            minutes,
        }
    }

    #[test]
    fn the_minimum_applies_per_occurrence_and_rounding_is_commercial() {
        // 45 min at the 60-min minimum + 90 min = 150 min at 249.99 kr/h = 624.975 kr.
        let line = billable(24_999, 60, vec![45, 90]).line().unwrap();
        assert_eq!((line.unit, line.quantity), (Unit::Minutes, 150));
        assert_eq!(line.net_ore, 62_498, "624.975 kr rounds half up to 624.98");
        let t = totals(&[line, billable(10_001, 0, vec![1]).line().unwrap()]).unwrap();
        // 62,498 + 166.68 → 167 øre = 62,665; VAT 15,666.25 → 15,666.
        assert_eq!(
            t,
            Totals {
                net_ore: 62_665,
                vat_ore: 15_666,
                total_ore: 78_331
            }
        );
    }

    proptest! {
        #[test]
        fn totals_add_up_and_vat_is_a_quarter_of_the_net_sum(
            lines in prop::collection::vec((1i64..200_000, 0u16..240, prop::collection::vec(1i64..600, 1..30)), 1..8)
        ) {
            let lines: Vec<Line> = lines
                .into_iter()
                .map(|(price, minimum, minutes)| billable(price, minimum, minutes).line().unwrap())
                .collect();
            let t = totals(&lines).unwrap();
            prop_assert_eq!(t.net_ore, lines.iter().map(|l| l.net_ore).sum::<i64>());
            prop_assert_eq!(t.total_ore, t.net_ore + t.vat_ore);
            // Rounded once: within half an øre of the exact quarter.
            prop_assert!((4 * t.vat_ore - t.net_ore).abs() <= 2);
            for l in &lines {
                // Each line within half an øre of minutes × price / 60.
                prop_assert!((60 * l.net_ore - l.quantity * l.unit_price_ore).abs() <= 30);
            }
        }

        #[test]
        fn a_visit_line_is_visits_times_the_price_exactly(visits in 0i64..400, price in 0i64..100_000) {
            let line = Line::visits("Afhentning af affald", visits, Money::from_ore(price)).unwrap();
            prop_assert_eq!(line.net_ore, visits * price);
            prop_assert_eq!(Unit::parse(line.unit.as_str()), Ok(Unit::Visits));
            let t = totals(&[line.clone(), billable(24_500, 60, vec![45]).line().unwrap()]).unwrap();
            prop_assert_eq!(t.net_ore, line.net_ore + 24_500);
        }
    }
}
