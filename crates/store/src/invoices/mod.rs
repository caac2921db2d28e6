//! Invoices: one per company per run, for the confirmed hours, the Flex Waste visits and
//! the subscriptions' monthly fees of a month, numbered without gaps per year in the
//! transaction that issues them. An issued document never changes; a credit note — a
//! document with its own number — corrects an invoice, and the hours, visits and fees it
//! billed can then be billed again.
//!
//! - `seller`: the agency's own details, printed on every document.
//! - `series`: the year's number series, taken first so numbers have no gaps.
//! - `billable`: what a month has that is not yet billed: hours, visits, fees.
//! - `run`: the monthly run that issues one invoice per company.
//! - `credit`: a credit note that corrects an invoice in full.
//! - `document`: an issued document, written once with its lines and read back.
//! - `payroll`: a month's worked hours with their wages, for the payroll.

mod billable;
mod credit;
mod document;
mod payroll;
mod run;
mod seller;
mod series;

pub use document::Invoice;
pub use domain::invoice::Period;
pub use payroll::WorkedMonth;
pub use run::{Preview, Service};
pub use seller::{FLEXWASTE, Seller};
