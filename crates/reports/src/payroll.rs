//! The payroll file: per worker for one month, the hours, the wage, holiday pay (12.5 %)
//! and the total, in øre — what the municipality's payroll system takes in.

use crate::CsvError;
use crate::table::write_table;
use domain::payroll::Pay;
use std::io::Write;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "period",
    "person_id",
    "name",
    "email",
    "hours",
    "wage_ore",
    "holiday_pay_ore",
    "total_ore",
];

/// One worker's month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollRow {
    pub period: String,
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub pay: Pay,
}

/// Writes the payroll file; hours with two decimals (`2.25`).
pub fn write_payroll<W: Write>(out: W, rows: &[PayrollRow]) -> Result<(), CsvError> {
    write_table(
        out,
        COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.period.clone(),
                r.person_id.to_string(),
                r.name.clone(),
                r.email.clone(),
                domain::money::decimal_hours(r.pay.minutes),
                r.pay.wage_ore.to_string(),
                r.pay.holiday_pay_ore.to_string(),
                r.pay.total_ore.to_string(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::payroll::pay;

    #[test]
    fn a_month_per_worker_with_holiday_pay() {
        let mut out = Vec::new();
        let rows = [PayrollRow {
            period: "2026-12".into(),
            person_id: 7,
            name: "Mette Larsen".into(),
            email: "mette@example.dk".into(),
            pay: pay(&[(135, 15_500)]).unwrap(),
        }];
        write_payroll(&mut out, &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], COLUMNS.join(";"));
        assert_eq!(
            lines[1],
            "2026-12;7;Mette Larsen;mette@example.dk;2.25;34875;4359;39234"
        );
    }
}
