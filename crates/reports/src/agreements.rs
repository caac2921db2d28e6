//! The agreements file: one row per company and task type, the company named by CVR.

use crate::table::{UniqueKeys, read_table, write_table};
use crate::{CsvError, RowError};
use domain::agreement::{Agreement, AgreementDraft};
use domain::identifiers::Cvr;
use std::io::{Read, Write};

/// The columns, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "company_cvr",
    "task_type",
    "price_per_hour_ore",
    "wage_per_hour_ore",
    "min_billable_minutes",
    "invoicing_period",
];

/// An agreement tied to its company by CVR number.
#[derive(Debug, Clone, Eq)]
pub struct AgreementRow {
    pub company_cvr: Cvr,
    /// `company_id` is 0 here: the caller resolves the CVR.
    pub agreement: Agreement,
    /// The line the row started on (0 when not read from a file).
    pub line: usize,
}

/// Two rows are the same agreement whichever line they came from.
impl PartialEq for AgreementRow {
    fn eq(&self, other: &Self) -> bool {
        (&self.company_cvr, &self.agreement) == (&other.company_cvr, &other.agreement)
    }
}

/// `AgreementDraft::parse` demands a company id; any positive one will do until resolved.
const UNRESOLVED_ID: i64 = 1;

/// Writes agreements as an agreements file.
pub fn write_agreements<W: Write>(out: W, agreements: &[AgreementRow]) -> Result<(), CsvError> {
    write_table(out, COLUMNS, agreements.iter().map(cells))
}

/// Reads an agreements file: every agreement, or an error for every bad value.
pub fn read_agreements<R: Read>(input: R) -> Result<Vec<AgreementRow>, Vec<RowError>> {
    let mut keys = UniqueKeys::new("task_type");
    read_table(input, COLUMNS, |row| {
        let company_cvr = row.check("company_cvr", Cvr::parse(row.cell("company_cvr")));
        let draft = AgreementDraft {
            company_id: Some(UNRESOLVED_ID),
            task_type: row.text("task_type"),
            price_per_hour_ore: row.integer("price_per_hour_ore"),
            wage_per_hour_ore: row.integer("wage_per_hour_ore"),
            min_billable_minutes: row.integer("min_billable_minutes"),
            invoicing_period: row.optional("invoicing_period"),
        };
        let agreement = row.domain(draft.parse())?;
        if let Some(cvr) = &company_cvr {
            keys.check(row, &format!("{cvr} {}", agreement.task_type));
        }
        Some(AgreementRow {
            line: row.line(),
            company_cvr: company_cvr?,
            agreement: Agreement {
                company_id: 0,
                ..agreement
            },
        })
    })
}

fn cells(row: &AgreementRow) -> Vec<String> {
    let a = &row.agreement;
    vec![
        row.company_cvr.to_string(),
        a.task_type.code().to_string(),
        a.price_per_hour.ore().to_string(),
        a.wage_per_hour.ore().to_string(),
        a.min_billable_minutes.to_string(),
        "monthly".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "company_cvr;task_type;price_per_hour_ore;wage_per_hour_ore;min_billable_minutes;invoicing_period\r\n\
        29189420;cleaning;24500;15500;60;monthly\r\n\
        29189420;gardening;26000;15500;0;monthly\r\n";

    #[test]
    fn export_reads_back_byte_for_byte() {
        let rows = read_agreements(FILE.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        let mut out = Vec::new();
        write_agreements(&mut out, &rows).unwrap();
        assert_eq!(out, [&b"\xEF\xBB\xBF"[..], FILE.as_bytes()].concat());
    }

    #[test]
    fn a_company_and_task_type_appear_once() {
        let twice = format!("{FILE}29189420;cleaning;25000;15500;60;monthly\r\n");
        let errors = read_agreements(twice.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "line 4, column task_type: '29189420 cleaning' is also on line 2; a file names each record once"
        );
    }

    #[test]
    fn every_bad_value_is_named_and_nothing_is_read() {
        let bad = FILE
            .replace("26000;15500", "10000;15500")
            .replace("29189420;cleaning", "29189421;juggling");
        let errors: Vec<String> = read_agreements(bad.as_bytes())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("line 2, column company_cvr:"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("line 2, column task_type:"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("line 3, column price_per_hour_ore:"),
            "{errors:?}"
        );
    }
}
