//! The agency's vocabulary and rules, with no I/O.
//!
//! Every value here is parsed, not validated: a `Cvr` that exists has passed its
//! modulus-11 check, a `TimeWindow` that exists ends after it starts. Input from
//! outside arrives as a *draft* (plain strings and numbers, the wire and CSV shape)
//! and becomes a domain value through `parse`, which names every bad field at once.
//!
//! - [`problem`]: `FieldError`, the one way a parse failure names its field.
//! - [`actor`]: who is asking, in which role, and what that lets them see.
//! - [`money`]: amounts in integer øre, shown the Danish way.
//! - [`identifiers`]: CVR and P-numbers, GLN and Peppol participant ids.
//! - [`contact`]: e-mail, phone, languages.
//! - [`place`]: coordinates and addresses.
//! - [`calendar`]: clock times, weekly availability, absences, recurrence, Copenhagen time.
//! - [`catalogue`]: the skills and task types the agency works with.
//! - [`person`]: a worker, with hour caps and functional limits (never diagnoses).
//! - [`company`]: a company with its sites and contacts.
//! - [`agreement`]: what a company pays, and a worker earns, per hour of a task type.
//! - [`task`]: a task request and its status lifecycle.
//! - [`invoice`]: invoice lines and totals: minimum minutes, rounding, VAT on the sum.
//! - [`payroll`]: a worker's monthly pay: wage and holiday pay.
//! - [`waste`]: Flex Waste's fractions, their EWC codes, and a site's pickup subscription.
//! - [`week`]: ISO weeks (`2026-W49`) and minutes since their Monday, in Copenhagen time.

pub mod actor;
pub mod agreement;
pub mod calendar;
pub mod catalogue;
pub mod company;
pub mod contact;
pub mod identifiers;
pub mod invoice;
pub mod money;
pub mod payroll;
pub mod person;
pub mod place;
pub mod problem;
pub mod task;
pub mod waste;
pub mod week;

pub use problem::{FieldError, Invalid};
