//! The agency's records as files: CSV import and export of people, companies, agreements
//! and task requests; invoices and credit notes as UBL XML and PDF.
//!
//! Every file is `;`-separated UTF-8 with a header row, written with a BOM so Danish Excel
//! opens it, and read with or without one. Nested values use the domain's compact text
//! forms (`Mon 09:00-13:00, Wed 10:00-12:00`), so what export writes, import reads back
//! unchanged. Import is all or nothing: one bad value fails the file, and every bad value
//! is reported as a [`RowError`], `line 3, column email: …`. `docs/csv.md` lists the columns.
//!
//! - [`people`]: people with their functional limits.
//! - [`companies`]: companies with their sites and contacts.
//! - [`agreements`]: prices and wages per company and task type, tied to the company by CVR.
//! - [`tasks`]: task requests, tied to company and site by CVR and P-number.
//! - [`jobcentre`]: per person per month: ordinary hours and status changes, under dated rules.
//! - [`payroll`]: per worker per month: hours, wage, holiday pay, total (export only).
//! - [`document`]: an issued invoice or credit note as both its documents show it.
//! - [`ubl`]: invoices and credit notes as Peppol BIS Billing 3.0 UBL 2.1 XML.
//! - [`pdf`]: the same as a Danish PDF, laid out then drawn with krilla.
//! - [`alliance`]: the Aalborg Alliance's skills-gap report.
//! - [`opensdg`]: indicator series in Open SDG's own CSV format, in and out.
//! - [`waste`]: Flex Waste's annual waste report, recycling statements, CO2 and economics.
//! - [`validate`] (feature `validate`, and in tests): checks of the documents with
//!   xmllint, the EN 16931 and Peppol Schematron rules, and pdftotext.
//! - `table`: what the files share: BOM, header check, cell formats, error mapping.

pub mod agreements;
pub mod alliance;
pub mod companies;
pub mod document;
pub mod festival;
pub mod jobcentre;
pub mod opensdg;
pub mod payroll;
pub mod pdf;
pub mod people;
mod table;
pub mod tasks;
pub mod ubl;
#[cfg(any(test, feature = "validate"))]
pub mod validate;
pub mod waste;

pub use table::{CsvError, RowError};
#[cfg(test)]
mod tests {
    /// The example files in `docs/csv.md` (its first three code blocks), so the
    /// documentation cannot drift from the code.
    fn documented_examples() -> Vec<&'static str> {
        include_str!("../../../docs/csv.md")
            .split("```\n")
            .skip(1)
            .step_by(2)
            .collect()
    }

    /// Strips what export adds that the documentation leaves out: the BOM and CRLF.
    fn as_documented(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{FEFF}')
            .replace("\r\n", "\n")
    }

    #[test]
    fn documented_examples_import_and_export_unchanged() {
        let [people, companies, tasks, ..] = documented_examples()[..] else {
            panic!("docs/csv.md should hold three examples")
        };
        let mut out = Vec::new();
        crate::people::write_people(
            &mut out,
            &crate::people::read_people(people.as_bytes()).unwrap(),
        )
        .unwrap();
        assert_eq!(as_documented(out), people);
        let mut out = Vec::new();
        crate::companies::write_companies(
            &mut out,
            &crate::companies::read_companies(companies.as_bytes()).unwrap(),
        )
        .unwrap();
        assert_eq!(as_documented(out), companies);
        let mut out = Vec::new();
        crate::tasks::write_tasks(
            &mut out,
            &crate::tasks::read_tasks(tasks.as_bytes()).unwrap(),
        )
        .unwrap();
        assert_eq!(as_documented(out), tasks);
    }
}
