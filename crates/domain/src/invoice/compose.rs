//! An invoice's lines composed from what a company's month has to bill: worked minutes
//! per task type priced by the company's agreements, Flex Waste visits per site and
//! price, and subscriptions' monthly fees. Pure, so the run's arithmetic is tested
//! without a database.

use super::{Billable, Line, Overflow, Totals, totals};
use crate::catalogue::TaskType;
use crate::contact::Locale;
use crate::money::Money;
use std::collections::BTreeMap;

/// An occurrence's minutes worked under a task type (its code, `cleaning`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedMinutes {
    pub task_type: String,
    pub minutes: i64,
}

/// What an agreement charges for a task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementPrice {
    pub price_per_hour: Money,
    pub min_billable_minutes: u16,
}

/// A Flex Waste visit to bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledVisit {
    pub site_id: i64,
    pub site_name: String,
    pub price_ore: i64,
}

/// A subscription's monthly fee to bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyFee {
    pub site_name: String,
    pub fee_ore: i64,
}

/// Why a company's month cannot be billed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotBillable {
    /// The task type (its code) the company worked under without an agreement to price it.
    #[error("no agreement for {0}")]
    NoAgreement(String),
    /// A line or the totals cannot be reckoned exactly in øre.
    #[error(transparent)]
    TooLarge(#[from] Overflow),
}

/// The task types of `work`, each once, in the order their lines come.
pub fn task_types(work: &[WorkedMinutes]) -> Vec<&str> {
    let mut types: Vec<&str> = work.iter().map(|w| w.task_type.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    types
}

/// The lines of one company's invoice: one per task type (minutes at the agreement's
/// price, each occurrence at least its minimum), then one per site and price for the
/// visits, then one per subscription fee, with their totals. Descriptions are in Danish,
/// the invoices' language.
pub fn compose_lines(
    work: &[WorkedMinutes],
    prices: &BTreeMap<String, AgreementPrice>,
    visits: &[BilledVisit],
    fees: &[MonthlyFee],
) -> Result<(Vec<Line>, Totals), NotBillable> {
    let mut by_type: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for w in work {
        by_type.entry(&w.task_type).or_default().push(w.minutes);
    }
    let mut lines = Vec::new();
    for (task_type, minutes) in by_type {
        let price = prices
            .get(task_type)
            .ok_or_else(|| NotBillable::NoAgreement(task_type.to_string()))?;
        let description = TaskType::parse(task_type)
            .map(|t| t.label(Locale::Da).to_string())
            .unwrap_or_else(|_| task_type.to_string());
        lines.push(
            Billable {
                description,
                price_per_hour: price.price_per_hour,
                min_billable_minutes: price.min_billable_minutes,
                minutes,
            }
            .line()?,
        );
    }
    lines.extend(visit_lines(visits)?);
    for f in fees {
        lines.push(Line::month(
            format!("Abonnement, Flex Waste — {}", f.site_name),
            Money::from_ore(f.fee_ore),
        )?);
    }
    let totals = totals(&lines)?;
    Ok((lines, totals))
}

/// One line per site and price: the visits at that price.
fn visit_lines(visits: &[BilledVisit]) -> Result<Vec<Line>, Overflow> {
    let mut by_site: BTreeMap<(&str, i64, i64), i64> = BTreeMap::new();
    for v in visits {
        *by_site
            .entry((v.site_name.as_str(), v.site_id, v.price_ore))
            .or_default() += 1;
    }
    by_site
        .into_iter()
        .map(|((name, _, price), count)| {
            Line::visits(
                format!("Afhentning af affald — {name}"),
                count,
                Money::from_ore(price),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::Unit;
    use proptest::strategy::Strategy;

    fn worked(task_type: &str, minutes: i64) -> WorkedMinutes {
        WorkedMinutes {
            task_type: task_type.into(),
            minutes,
        }
    }

    fn visit(site_id: i64, name: &str, price_ore: i64) -> BilledVisit {
        BilledVisit {
            site_id,
            site_name: name.into(),
            price_ore,
        }
    }

    fn prices() -> BTreeMap<String, AgreementPrice> {
        BTreeMap::from([(
            "cleaning".to_string(),
            AgreementPrice {
                price_per_hour: Money::from_ore(24_000),
                min_billable_minutes: 60,
            },
        )])
    }

    #[test]
    fn hours_then_visits_per_site_and_price_then_fees() {
        let work = [worked("cleaning", 30), worked("cleaning", 90)];
        let visits = [
            visit(2, "Nytorv", 4_500),
            visit(2, "Nytorv", 4_500),
            visit(2, "Nytorv", 6_000),
            visit(1, "Algade", 4_500),
        ];
        let fees = [MonthlyFee {
            site_name: "Nytorv".into(),
            fee_ore: 29_900,
        }];
        let (lines, totals) = compose_lines(&work, &prices(), &visits, &fees).unwrap();
        assert_eq!(totals.net_ore, 60_000 + 4_500 + 9_000 + 6_000 + 29_900);
        let summary: Vec<(Unit, i64, i64)> = lines
            .iter()
            .map(|l| (l.unit, l.quantity, l.net_ore))
            .collect();
        assert_eq!(
            summary,
            [
                // 30 minutes billed as the 60-minute minimum, plus 90: 150 at 240 kr/h.
                (Unit::Minutes, 150, 60_000),
                (Unit::Visits, 1, 4_500),
                (Unit::Visits, 2, 9_000),
                (Unit::Visits, 1, 6_000),
                (Unit::Months, 1, 29_900),
            ]
        );
        assert_eq!(lines[0].description, TaskType::Cleaning.label(Locale::Da));
        assert_eq!(lines[1].description, "Afhentning af affald — Algade");
    }

    #[test]
    fn work_without_an_agreement_is_named() {
        let work = [worked("gardening", 60)];
        assert_eq!(
            compose_lines(&work, &prices(), &[], &[]),
            Err(NotBillable::NoAgreement("gardening".into()))
        );
        assert_eq!(
            task_types(&[worked("b", 1), worked("a", 1), worked("b", 2)]),
            ["a", "b"]
        );
    }

    proptest::proptest! {
        /// Whatever the records hold — prices, fees and minutes up to the edge of an
        /// `i64` — the lines a run accepts add up: total = net + VAT, net = the sum of the
        /// lines, each line its quantity times its price; the rest is refused.
        #[test]
        fn accepted_lines_always_add_up(
            price in proptest::prelude::any::<i64>().prop_map(i64::abs),
            minutes in proptest::collection::vec(0i64..i64::MAX, 0..4),
            visit_prices in proptest::collection::vec(0i64..i64::MAX, 0..4),
            fees in proptest::collection::vec(0i64..i64::MAX, 0..4),
            small in proptest::prelude::any::<bool>(),
        ) {
            // Half the cases in the ranges kommune accepts, so most of them are billed.
            let shrink = |v: i64| if small { v % crate::money::MAX_PRICE_ORE } else { v };
            let mut prices = prices();
            prices.get_mut("cleaning").unwrap().price_per_hour = Money::from_ore(shrink(price));
            let work: Vec<_> = minutes.iter().map(|&m| worked("cleaning", if small { m % 600 } else { m })).collect();
            let visits: Vec<_> = visit_prices.iter().enumerate().map(|(i, &p)| visit(i as i64, "Algade", shrink(p))).collect();
            let fees: Vec<_> = fees.iter().map(|&f| MonthlyFee { site_name: "Algade".into(), fee_ore: shrink(f) }).collect();
            match compose_lines(&work, &prices, &visits, &fees) {
                Ok((lines, t)) => {
                    let net: i128 = lines.iter().map(|l| i128::from(l.net_ore)).sum();
                    proptest::prop_assert_eq!(i128::from(t.net_ore), net);
                    proptest::prop_assert_eq!(i128::from(t.total_ore), i128::from(t.net_ore) + i128::from(t.vat_ore));
                    proptest::prop_assert!((4 * i128::from(t.vat_ore) - net).abs() <= 2);
                    for l in &lines {
                        let exact = i128::from(l.quantity) * i128::from(l.unit_price_ore);
                        let net = i128::from(l.net_ore);
                        match l.unit {
                            Unit::Minutes => proptest::prop_assert!((60 * net - exact).abs() <= 30),
                            Unit::Visits | Unit::Months => proptest::prop_assert_eq!(net, exact),
                        }
                    }
                    if small {
                        proptest::prop_assert!(t.total_ore >= 0);
                    }
                }
                Err(e) => {
                    proptest::prop_assert_eq!(e, NotBillable::TooLarge(Overflow));
                    proptest::prop_assert!(!small, "amounts in range are always billed");
                }
            }
        }
    }
}
