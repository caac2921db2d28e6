//! What a worker is paid for a month: every hour worked at the hourly wage of its
//! agreement, plus holiday pay (feriepenge) of 12.5 % of the wage, in øre.

use crate::money::{Overflow, checked_sum, divide_rounding, for_minutes};
use serde::Serialize;

/// Holiday pay in per mille of the wage (12.5 %, the Holiday Act's rate for hourly pay).
pub const HOLIDAY_PAY_PER_MILLE: i64 = 125;

/// A worker's pay for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pay {
    pub minutes: i64,
    pub wage_ore: i64,
    pub holiday_pay_ore: i64,
    pub total_ore: i64,
}

/// Pay for work given as (minutes, wage per hour in øre) pairs: each rate's minutes are
/// summed and paid once, rounded half up to the øre; holiday pay on the wage, rounded once.
/// Pay that cannot be reckoned exactly in øre is refused, never wrapped.
pub fn pay(work: &[(i64, i64)]) -> Result<Pay, Overflow> {
    let mut by_rate: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for &(minutes, rate) in work {
        let sum = by_rate.entry(rate).or_default();
        *sum = sum.checked_add(minutes).ok_or(Overflow)?;
    }
    let wages = by_rate
        .iter()
        .map(|(&rate, &minutes)| for_minutes(minutes, rate))
        .collect::<Result<Vec<_>, _>>()?;
    let wage = checked_sum(wages)?;
    let holiday = divide_rounding(i128::from(wage) * i128::from(HOLIDAY_PAY_PER_MILLE), 1000)?;
    Ok(Pay {
        minutes: checked_sum(by_rate.values().copied())?,
        wage_ore: wage,
        holiday_pay_ore: holiday,
        total_ore: wage.checked_add(holiday).ok_or(Overflow)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wage_and_holiday_pay_add_up() {
        // 2.5 h at 155.00 kr and 1 h at 160.00 kr: 387.50 + 160.00 = 547.50 kr;
        // holiday pay 68.4375 kr → 68.44 kr.
        let p = pay(&[(90, 15_500), (60, 15_500), (60, 16_000)]).unwrap();
        assert_eq!(
            p,
            Pay {
                minutes: 210,
                wage_ore: 54_750,
                holiday_pay_ore: 6_844,
                total_ore: 61_594
            }
        );
        assert_eq!(
            pay(&[]),
            Ok(Pay {
                minutes: 0,
                wage_ore: 0,
                holiday_pay_ore: 0,
                total_ore: 0
            })
        );
        assert_eq!(pay(&[(i64::MAX, 1), (1, 1)]), Err(Overflow));
        assert_eq!(pay(&[(i64::MAX / 60, i64::MAX)]), Err(Overflow));
    }
}
