//! Money as integer øre, so sums never drift; shown as Danes write it, `1.234,50 kr.`.
//! The one formatter of amounts and worked hours: pages, the PDF and UBL all write them
//! through here.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most any one price, fee or wage may be: 1.000.000,00 kr. Far above any real one,
/// and low enough that no invoice or payroll of them comes near the edge of an `i64`.
pub const MAX_PRICE_ORE: i64 = 100_000_000;

/// An amount too large to reckon exactly in øre: refused, never wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the amount is too large to reckon exactly")]
pub struct Overflow;

/// An amount in øre (1/100 krone). Negative amounts exist (credit notes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_ore(ore: i64) -> Self {
        Self(ore)
    }

    pub const fn ore(self) -> i64 {
        self.0
    }

    /// Parses a positive price given in øre, as the API and CSV carry it.
    pub fn positive_ore(ore: i64) -> Result<Self, Invalid> {
        if ore <= 0 {
            return Err(Invalid::new("must be more than 0 øre"));
        }
        Self::price_ore(ore)
    }

    /// A price or a fee in øre as the API and the forms give it: nothing (0) up to
    /// [`MAX_PRICE_ORE`]. The service checks input with it and the store guards what it
    /// keeps with it.
    pub fn price_ore(ore: i64) -> Result<Self, Invalid> {
        if ore < 0 {
            return Err(Invalid::new("cannot be negative"));
        }
        if ore > MAX_PRICE_ORE {
            return Err(Invalid::new(format!(
                "must be at most 1.000.000,00 kr. ({MAX_PRICE_ORE} øre)"
            )));
        }
        Ok(Self(ore))
    }

    /// Parses Danish notation: `1.234,50`, `1234,5`, `-12`, optionally ending in `kr.`.
    pub fn parse_kroner(text: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(format!("'{text}' is not an amount like 1.234,50"));
        let mut s = text.trim();
        s = s
            .strip_suffix("kr.")
            .or_else(|| s.strip_suffix("kr"))
            .unwrap_or(s)
            .trim_end();
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = s.split_once(',').unwrap_or((s, ""));
        if whole.is_empty() || fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let groups: Vec<&str> = whole.split('.').collect();
        let grouped_well = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3));
        if !grouped_well || !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
            return Err(bad());
        }
        let kroner: i64 = groups.concat().parse().map_err(|_| bad())?;
        let ore: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
        let total = kroner
            .checked_mul(100)
            .and_then(|k| k.checked_add(ore))
            .ok_or_else(bad)?;
        Ok(Self(if negative { -total } else { total }))
    }
}

impl Money {
    /// Danish notation without the unit, thousands dots and a decimal comma: `1.234,50`.
    pub fn kroner(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let kroner = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in kroner.chars().enumerate() {
            if i > 0 && (kroner.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        format!("{sign}{grouped},{:02}", abs % 100)
    }

    /// The machine notation of e-invoices: a decimal point and two decimals, `1234.50`.
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Danish notation with thousands dots and a decimal comma: `1.234,50 kr.`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kr.", self.kroner())
    }
}

/// `numerator / denominator` (a positive denominator) rounded half away from zero
/// (commercial rounding), reckoned wide so that a product of øre and minutes cannot wrap;
/// a quotient beyond an `i64` is refused.
pub fn divide_rounding(numerator: i128, denominator: i128) -> Result<i64, Overflow> {
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        numerator.checked_add(half)
    } else {
        numerator.checked_sub(half)
    };
    let q = rounded.ok_or(Overflow)? / denominator;
    i64::try_from(q).map_err(|_| Overflow)
}

/// What `minutes` come to at `per_hour_ore` an hour, to the øre: an invoice line, a
/// worker's wage and the Flex Waste month's wages all reckon so.
pub fn for_minutes(minutes: i64, per_hour_ore: i64) -> Result<i64, Overflow> {
    divide_rounding(i128::from(minutes) * i128::from(per_hour_ore), 60)
}

/// The sum of `amounts`, refused rather than wrapped: every sum of money or of minutes
/// that is billed or paid is taken with it.
pub fn checked_sum(amounts: impl IntoIterator<Item = i64>) -> Result<i64, Overflow> {
    amounts
        .into_iter()
        .try_fold(0i64, |sum, a| sum.checked_add(a).ok_or(Overflow))
}

/// Minutes as decimal hours with two decimals and a point, `2.50`, the hundredths cut
/// (not rounded) so that no file claims more time than was worked: the payroll and the
/// job-centre files, and the pages' weekly hours.
pub fn decimal_hours(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}.{:02}", m / 60, (m % 60) * 100 / 60)
}

/// Minutes as hours and minutes, `3:05`: exact, where decimals would round.
pub fn hours_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_hours_cut_the_hundredths() {
        assert_eq!(decimal_hours(150), "2.50");
        assert_eq!(decimal_hours(10), "0.16");
        assert_eq!(decimal_hours(0), "0.00");
        assert_eq!(decimal_hours(-90), "-1.50");
    }

    #[test]
    fn minutes_at_an_hourly_rate_round_half_away_from_zero() {
        assert_eq!(for_minutes(90, 20_000), Ok(30_000));
        // 1 minute at 1 øre an hour is 1/60 øre: nothing; 30 minutes is half an øre: one.
        assert_eq!(for_minutes(1, 1), Ok(0));
        assert_eq!(for_minutes(30, 1), Ok(1));
        assert_eq!(for_minutes(-30, 1), Ok(-1));
        assert_eq!(divide_rounding(-5, 10), Ok(-1));
    }

    #[test]
    fn amounts_beyond_an_i64_are_refused_not_wrapped() {
        assert_eq!(for_minutes(i64::MAX, i64::MAX), Err(Overflow));
        assert_eq!(for_minutes(60, i64::MAX), Ok(i64::MAX));
        assert_eq!(divide_rounding(i128::MAX, 1), Err(Overflow));
        assert_eq!(checked_sum([i64::MAX, 1]), Err(Overflow));
        assert_eq!(checked_sum([i64::MAX, -1, 1]), Ok(i64::MAX));
        assert_eq!(checked_sum([]), Ok(0));
    }

    #[test]
    fn a_price_is_from_nothing_to_a_million_kroner() {
        assert!(Money::price_ore(0).is_ok());
        assert!(Money::price_ore(MAX_PRICE_ORE).is_ok());
        assert!(Money::price_ore(MAX_PRICE_ORE + 1).is_err());
        assert!(Money::price_ore(i64::MAX).is_err());
        assert!(Money::price_ore(-1).is_err());
        assert!(Money::positive_ore(0).is_err());
        assert!(Money::positive_ore(MAX_PRICE_ORE + 1).is_err());
    }
    use proptest::prelude::*;

    #[test]
    fn shows_danish_notation() {
        assert_eq!(Money::from_ore(123450).to_string(), "1.234,50 kr.");
        assert_eq!(Money::from_ore(-5).to_string(), "-0,05 kr.");
        assert_eq!(Money::from_ore(100_000_000).to_string(), "1.000.000,00 kr.");
    }

    #[test]
    fn amounts_and_hours_in_every_notation() {
        assert_eq!(Money::from_ore(123_450).kroner(), "1.234,50");
        assert_eq!(Money::from_ore(-123_405).decimal(), "-1234.05");
        assert_eq!(Money::from_ore(7).decimal(), "0.07");
        assert_eq!(hours_minutes(125), "2:05");
        assert_eq!(hours_minutes(45), "0:45");
        assert_eq!(hours_minutes(-90), "-1:30");
    }

    #[test]
    fn rejects_malformed_amounts() {
        for bad in ["", "1,234", "12.34", "1.2345,00", "abc", "1,2,3", ".123"] {
            assert!(Money::parse_kroner(bad).is_err(), "{bad} should fail");
        }
        assert_eq!(Money::parse_kroner("1234,5").unwrap().ore(), 123450);
        assert_eq!(Money::parse_kroner("145 kr.").unwrap().ore(), 14500);
    }

    proptest! {
        #[test]
        fn display_parses_back(ore in -10_000_000_000i64..10_000_000_000) {
            let money = Money::from_ore(ore);
            prop_assert_eq!(Money::parse_kroner(&money.to_string()).unwrap(), money);
        }

        #[test]
        fn positive_prices_only(ore in -1_000_000i64..=0) {
            prop_assert!(Money::positive_ore(ore).is_err());
        }
    }
}
